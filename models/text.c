/*
 * Tokenising for duplicate detection. UTF-8 is decoded by hand; letters and
 * digits are told apart from separators and lower-cased with the C library's
 * wide-character functions under a "C.UTF-8" locale object (newlocale, so the
 * program's own locale is untouched). Words of one character and stop words
 * are dropped; the rest are stemmed with libstemmer's English (Porter2)
 * stemmer, each distinct word stemmed once (a hash table maps words to stem
 * ids).
 */
#define _GNU_SOURCE
#include <mapa/text.h>

#include <libstemmer.h>
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "models/idmap.h"
#include "models/util.h"

/* English stop words: articles, pronouns, auxiliaries, prepositions, conjunctions. */
static const char *const STOP[] = {
    "a",     "about",  "above",   "after",  "again", "against", "all",    "also",  "am",
    "an",    "and",    "any",     "are",    "as",    "at",      "be",     "been",  "before",
    "being", "below",  "between", "both",   "but",   "by",      "can",    "can't", "could",
    "did",   "do",     "does",    "doing",  "down",  "during",  "each",   "etc",   "few",
    "for",   "from",   "further", "had",    "has",   "have",    "having", "he",    "her",
    "here",  "hers",   "him",     "his",    "how",   "i",       "if",     "in",    "into",
    "is",    "it",     "its",     "itself", "just",  "may",     "me",     "might", "more",
    "most",  "must",   "my",      "no",     "nor",   "not",     "now",    "of",    "off",
    "on",    "once",   "one",     "only",   "or",    "other",   "our",    "ours",  "out",
    "over",  "own",    "per",     "s",      "same",  "she",     "should", "so",    "some",
    "such",  "t",      "than",    "that",   "the",   "their",   "theirs", "them",  "then",
    "there", "these",  "they",    "this",   "those", "through", "to",     "too",   "under",
    "until", "up",     "upon",    "us",     "very",  "via",     "was",    "we",    "were",
    "what",  "when",   "where",   "which",  "while", "who",     "whom",   "why",   "will",
    "with",  "within", "without", "won't",  "would", "you",     "your",   "yours"};

struct mapa_text {
    struct sb_stemmer *stemmer;
    locale_t utf8;
    mapa_idmap *words; /* word -> word index */
    mapa_idmap *stems; /* stem -> stem id */
    char **word_keys;  /* owned keys of `words` */
    size_t *word_stem; /* word index -> stem id */
    size_t *word_seen; /* word index -> times seen */
    size_t n_words, cap_words, cap_word_stem, cap_word_seen;
    char **stem_text;  /* stem id -> text */
    size_t *stem_word; /* stem id -> its most frequent word (index) */
    size_t n_stems, cap_stems, cap_stem_word;
    char *buf; /* the current word, UTF-8 */
    size_t cap_buf;
    struct block *strings; /* the words' and stems' text, in blocks never moved */
};

/* Strings of a tokeniser in blocks of BLOCK bytes (larger for a longer string). */
enum { BLOCK = 1 << 14 };
struct block {
    struct block *next;
    size_t used, cap;
    char text[];
};

/* A copy of s[0 .. n) with its '\0', in the tokeniser's blocks; NULL on ENOMEM. */
static char *keep(mapa_text *t, const char *s, size_t n)
{
    struct block *b = t->strings;
    if (!b || b->cap - b->used < n + 1) {
        size_t cap = n + 1 > BLOCK ? n + 1 : BLOCK;
        b = malloc(sizeof *b + cap);
        if (!b)
            return NULL;
        *b = (struct block){.next = t->strings, .used = 0, .cap = cap};
        t->strings = b;
    }
    char *out = b->text + b->used;
    memcpy(out, s, n);
    out[n] = '\0';
    b->used += n + 1;
    return out;
}

static int by_text(const void *key, const void *entry)
{
    return strcmp(key, *(const char *const *)entry);
}

/* STOP is sorted (by bytes, as strcmp): a binary search. */
bool mapa_text_stop_word(const char *w)
{
    return bsearch(w, STOP, sizeof STOP / sizeof *STOP, sizeof *STOP, by_text) != NULL;
}

mapa_err mapa_text_new(mapa_text **out)
{
    mapa_text *t = calloc(1, sizeof *t);
    if (!t)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for the text tokeniser");
    t->stemmer = sb_stemmer_new("english", "UTF_8");
    t->utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    mapa_err err = MAPA_OK;
    if (!t->stemmer) {
        err = mapa_error_set(MAPA_EDEPENDENCY, "libstemmer has no English stemmer");
        goto cleanup;
    }
    if (t->utf8 == (locale_t)0) {
        err = mapa_error_set(MAPA_EDEPENDENCY,
                             "the C.UTF-8 locale is missing: install the Debian package locales");
        goto cleanup;
    }
    err = mapa__idmap_new(&t->words);
    if (err != MAPA_OK)
        goto cleanup;
    err = mapa__idmap_new(&t->stems);
    if (err != MAPA_OK)
        goto cleanup;
    *out = t; /* the caller owns it now */
    t = NULL;
cleanup:
    mapa_text_free(t);
    return err;
}

void mapa_text_free(mapa_text *t)
{
    if (!t)
        return;
    if (t->stemmer)
        sb_stemmer_delete(t->stemmer);
    if (t->utf8 != (locale_t)0)
        freelocale(t->utf8);
    mapa__idmap_free(t->words);
    mapa__idmap_free(t->stems);
    free(t->word_keys);
    free(t->word_stem);
    free(t->word_seen);
    free(t->stem_word);
    free(t->stem_text);
    free(t->buf);
    for (struct block *b = t->strings, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    free(t);
}

/* Decode one UTF-8 code point at s; *len its bytes (1 for an invalid byte, returned as -1). */
static int32_t decode(const unsigned char *s, size_t *len)
{
    unsigned c = s[0];
    int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    *len = 1;
    if (n == 0)
        return -1;
    uint32_t cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
    for (int k = 1; k < n; k++) {
        if ((s[k] & 0xC0) != 0x80)
            return -1;
        cp = (cp << 6) | (s[k] & 0x3F);
    }
    if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return -1;
    *len = (size_t)n;
    return (int32_t)cp;
}

static size_t encode(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Count one more sight of word w; the stem shows its most frequent word. */
static void seen(mapa_text *t, size_t w)
{
    size_t sid = t->word_stem[w];
    t->word_seen[w]++;
    if (t->word_seen[w] > t->word_seen[t->stem_word[sid]])
        t->stem_word[sid] = w;
}

/* The stem id of `stem` (len bytes, '\0'-terminated), added when new with `w` as its word. */
static mapa_err intern_stem(mapa_text *t, const char *stem, size_t len, size_t w, size_t *sid)
{
    *sid = mapa__idmap_get(t->stems, stem);
    if (*sid != MAPA_NONE)
        return MAPA_OK;
    char *own = keep(t, stem, len);
    if (!own ||
        !mapa__grow((void **)&t->stem_text, &t->cap_stems, t->n_stems + 1, sizeof *t->stem_text) ||
        !mapa__grow((void **)&t->stem_word, &t->cap_stem_word, t->n_stems + 1,
                    sizeof *t->stem_word))
        return mapa_error_set(MAPA_ENOMEM, "out of memory stemming");
    *sid = t->n_stems;
    t->stem_word[t->n_stems] = w;
    t->stem_text[t->n_stems++] = own;
    return mapa__idmap_put(t->stems, own, *sid, NULL);
}

/* The stem id of the word in t->buf (stemmed on first sight). */
static mapa_err stem_id(mapa_text *t, size_t *id)
{
    size_t w = mapa__idmap_get(t->words, t->buf);
    if (w != MAPA_NONE) {
        seen(t, w);
        *id = t->word_stem[w];
        return MAPA_OK;
    }
    const sb_symbol *st =
        sb_stemmer_stem(t->stemmer, (const sb_symbol *)t->buf, (int)strlen(t->buf));
    if (!st)
        return mapa_error_set(MAPA_ENOMEM, "out of memory stemming");
    w = t->n_words;
    char *word = keep(t, t->buf, strlen(t->buf));
    if (!word || !mapa__grow((void **)&t->word_keys, &t->cap_words, w + 1, sizeof *t->word_keys) ||
        !mapa__grow((void **)&t->word_stem, &t->cap_word_stem, w + 1, sizeof *t->word_stem) ||
        !mapa__grow((void **)&t->word_seen, &t->cap_word_seen, w + 1, sizeof *t->word_seen))
        return mapa_error_set(MAPA_ENOMEM, "out of memory stemming");
    size_t sid; /* the stemmer's buffer ends in '\0' */
    mapa_err err = intern_stem(t, (const char *)st, (size_t)sb_stemmer_length(t->stemmer), w, &sid);
    if (err != MAPA_OK)
        return err;
    t->word_keys[t->n_words++] = word;
    t->word_stem[w] = sid;
    t->word_seen[w] = 0;
    seen(t, w);
    *id = sid;
    return mapa__idmap_put(t->words, word, w, NULL);
}

mapa_err mapa_text_stems(mapa_text *t, const char *s, size_t **ids, size_t *n, size_t *cap)
{
    *n = 0;
    const unsigned char *p = (const unsigned char *)s;
    size_t len = 0, chars = 0;
    while (true) {
        size_t step = 1;
        int32_t cp = *p ? decode(p, &step) : -1;
        bool ascii = cp >= 0 && cp < 0x80; /* the common case, without the locale's calls */
        bool alnum = ascii ? ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') || (cp >= '0' && cp <= '9')
                           : cp >= 0 && iswalnum_l((wint_t)cp, t->utf8);
        bool word = alnum || (cp == '\'' && len > 0);
        if (word) {
            if (!mapa__grow((void **)&t->buf, &t->cap_buf, len + 5, 1))
                return mapa_error_set(MAPA_ENOMEM, "out of memory tokenising");
            if (ascii)
                t->buf[len++] = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
            else
                len += encode((uint32_t)towlower_l((wint_t)cp, t->utf8), t->buf + len);
            chars++;
        } else if (len > 0) {
            while (len > 0 && t->buf[len - 1] == '\'') /* a trailing apostrophe is not a letter */
                len--;
            t->buf[len] = '\0';
            if (chars > 1 && !mapa_text_stop_word(t->buf)) {
                size_t id = 0;
                mapa_err err = stem_id(t, &id);
                if (err != MAPA_OK)
                    return err;
                if (!mapa__grow((void **)ids, cap, *n + 1, sizeof **ids))
                    return mapa_error_set(MAPA_ENOMEM, "out of memory tokenising");
                (*ids)[(*n)++] = id;
            }
            len = chars = 0;
        }
        if (!*p)
            break;
        p += step;
    }
    return MAPA_OK;
}

const char *mapa_text_stem(const mapa_text *t, size_t id)
{
    return id < t->n_stems ? t->stem_text[id] : "";
}

void mapa_text_forget_sightings(mapa_text *t)
{
    for (size_t w = 0; w < t->n_words; w++)
        t->word_seen[w] = 0;
}

const char *mapa_text_word(const mapa_text *t, size_t id)
{
    return id < t->n_stems ? t->word_keys[t->stem_word[id]] : "";
}

size_t mapa_text_vocabulary(const mapa_text *t)
{
    return t->n_stems;
}
