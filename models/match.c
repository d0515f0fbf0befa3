/*
 * Name matching for what people type: normalised keys in hash maps for ids,
 * names, aliases and initials, and a bounded optimal-string-alignment distance
 * (Damerau 1964; Boytsov 2011, section 2) for near misses.
 */
#include "models/match.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <mapa/partnership.h>

#include "models/idmap.h"
#include "models/util.h"

typedef struct entry {
    char *text;
    char *key;
    size_t index;
    mapa__match_how how;
} entry;

typedef struct keyed {
    size_t entry; /* first entry with this key */
    size_t other; /* an entry of another index with the same key, or MAPA_NONE */
} keyed;

struct mapa__matcher {
    entry *entries;
    size_t n, cap;
    mapa_idmap *keys; /* key -> slot in `slots` */
    keyed *slots;
    size_t n_slots, cap_slots;
    mapa_idmap *initials; /* initials key -> slot in `islots` */
    keyed *islots;
    char **ikeys; /* owned initials keys, borrowed by `initials` */
    size_t n_islots, cap_islots, cap_ikeys;
};

const char *mapa__match_how_words(mapa__match_how how)
{
    switch (how) {
    case MAPA__MATCH_ID: return "its id";
    case MAPA__MATCH_NAME: return "its name";
    case MAPA__MATCH_ALIAS: return "an alias";
    case MAPA__MATCH_INITIALS: return "its initials";
    case MAPA__MATCH_NEAR: return "a near miss";
    case MAPA__MATCH_AMBIGUOUS: return "ambiguous";
    case MAPA__MATCH_NONE: break;
    }
    return "no match";
}

char *mapa__name_key(const char *s)
{
    size_t len = strlen(s);
    char *k = malloc(len * 3 + 1); /* '&' grows to "and" */
    if (!k)
        return NULL;
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (p[0] == 0xE2 && p[1] == 0x80 && p[2] >= 0x80 && p[2] <= 0xBF) {
            p += 2; /* U+2000-U+203F: curly quotes and apostrophes, dashes, special spaces */
            continue;
        }
        if (p[0] == 0xC2 && (p[1] == 0xA0 || p[1] == 0xAB || p[1] == 0xBB || p[1] == 0xB7)) {
            p++; /* no-break space, guillemets, middle dot */
            continue;
        }
        if (*p >= 0x80)
            k[n++] = (char)*p;
        else if (isalnum(*p))
            k[n++] = (char)tolower(*p);
        else if (*p == '&') {
            memcpy(k + n, "and", 3);
            n += 3;
        }
    }
    k[n] = '\0';
    return k;
}

size_t mapa__near_threshold(size_t len_a, size_t len_b)
{
    size_t n = len_a < len_b ? len_a : len_b;
    if (n < 5)
        return 0; /* "NGO A" and "NGO B" are different organisations */
    if (n < 12)
        return 1;
    if (n < 24)
        return 2;
    return 3;
}

static bool is_stop_word(const char *w, size_t len)
{
    static const char *const stop[] = {"and", "of", "the", "for", "in", "on", "at", "to"};
    for (size_t i = 0; i < sizeof stop / sizeof *stop; i++)
        if (strlen(stop[i]) == len && strncmp(w, stop[i], len) == 0)
            return true;
    return false;
}

/*
 * The initials of a name's words into buf (lower case), all words or without
 * stop words; "" when the name has fewer than two words.
 */
static void initials_of(const char *s, bool skip_stop, char *buf, size_t cap)
{
    size_t n = 0, words = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        while (*p && *p < 0x80 && !isalnum(*p))
            p++;
        const unsigned char *w = p;
        while (*p && (*p >= 0x80 || isalnum(*p)))
            p++;
        size_t len = (size_t)(p - w);
        if (!len)
            continue;
        char lw[16];
        size_t l = len < sizeof lw - 1 ? len : sizeof lw - 1;
        for (size_t i = 0; i < l; i++)
            lw[i] = (char)tolower(w[i]);
        words++;
        if ((skip_stop && is_stop_word(lw, len)) || *w >= 0x80 || n + 1 >= cap)
            continue;
        buf[n++] = (char)tolower(*w);
    }
    buf[words >= 2 && n >= 2 ? n : 0] = '\0';
}

mapa_err mapa__matcher_new(mapa__matcher **out)
{
    mapa__matcher *m = calloc(1, sizeof *m);
    if (!m || mapa__idmap_new(&m->keys) != MAPA_OK || mapa__idmap_new(&m->initials) != MAPA_OK) {
        mapa__matcher_free(m);
        return mapa_error_set(MAPA_ENOMEM, "out of memory for name matching");
    }
    *out = m;
    return MAPA_OK;
}

void mapa__matcher_free(mapa__matcher *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n; i++) {
        free(m->entries[i].text);
        free(m->entries[i].key);
    }
    for (size_t i = 0; i < m->n_islots; i++)
        free(m->ikeys[i]);
    free(m->entries);
    free(m->slots);
    free(m->islots);
    free(m->ikeys);
    mapa__idmap_free(m->keys);
    mapa__idmap_free(m->initials);
    free(m);
}

/* Map `key` to entry e in (map, slots); a key already there for another index is ambiguous. */
static mapa_err put_key(mapa__matcher *m, mapa_idmap *map, keyed **slots, size_t *n_slots,
                        size_t *cap_slots, const char *key, size_t e, bool *taken)
{
    *taken = false;
    size_t at = mapa__idmap_get(map, key);
    if (at != MAPA_NONE) {
        keyed *k = &(*slots)[at];
        if (m->entries[k->entry].index != m->entries[e].index && k->other == MAPA_NONE)
            k->other = e;
        *taken = true;
        return MAPA_OK;
    }
    void *grown = *slots;
    if (!mapa__grow(&grown, cap_slots, *n_slots + 1, sizeof **slots))
        return mapa_error_set(MAPA_ENOMEM, "out of memory for name matching");
    *slots = grown;
    size_t existing;
    mapa_err err = mapa__idmap_put(map, key, *n_slots, &existing);
    if (err != MAPA_OK)
        return err;
    (*slots)[(*n_slots)++] = (keyed){e, MAPA_NONE};
    return MAPA_OK;
}

static mapa_err add_initials(mapa__matcher *m, size_t e)
{
    char buf[64];
    for (int pass = 0; pass < 2; pass++) {
        initials_of(m->entries[e].text, pass == 1, buf, sizeof buf);
        if (!buf[0] || mapa__idmap_get(m->keys, buf) != MAPA_NONE)
            continue; /* an id or name spelt so wins over initials */
        if (mapa__idmap_get(m->initials, buf) != MAPA_NONE) {
            bool taken;
            mapa_err err =
                put_key(m, m->initials, &m->islots, &m->n_islots, &m->cap_islots, buf, e, &taken);
            if (err != MAPA_OK)
                return err;
            continue;
        }
        void *grown = m->ikeys;
        if (!mapa__grow(&grown, &m->cap_ikeys, m->n_islots + 1, sizeof *m->ikeys))
            return mapa_error_set(MAPA_ENOMEM, "out of memory for name matching");
        m->ikeys = grown;
        char *k = mapa__strdup(buf);
        if (!k)
            return mapa_error_set(MAPA_ENOMEM, "out of memory for name matching");
        size_t before = m->n_islots;
        bool taken;
        mapa_err err =
            put_key(m, m->initials, &m->islots, &m->n_islots, &m->cap_islots, k, e, &taken);
        if (err != MAPA_OK || m->n_islots == before) {
            free(k);
            if (err != MAPA_OK)
                return err;
            continue;
        }
        m->ikeys[m->n_islots - 1] = k;
    }
    return MAPA_OK;
}

mapa_err mapa__matcher_add(mapa__matcher *m, const char *text, size_t index, mapa__match_how how)
{
    entry e = {mapa__strdup(text), mapa__name_key(text), index, how};
    void *grown = m->entries;
    if (!e.text || !e.key || !mapa__grow(&grown, &m->cap, m->n + 1, sizeof *m->entries)) {
        free(e.text);
        free(e.key);
        return mapa_error_set(MAPA_ENOMEM, "out of memory for name matching");
    }
    m->entries = grown;
    m->entries[m->n++] = e;
    if (!e.key[0])
        return MAPA_OK; /* only punctuation: matched by nothing but itself */
    bool taken;
    mapa_err err =
        put_key(m, m->keys, &m->slots, &m->n_slots, &m->cap_slots, e.key, m->n - 1, &taken);
    if (err == MAPA_OK && how != MAPA__MATCH_ID)
        err = add_initials(m, m->n - 1);
    return err;
}

/* The code points of UTF-8 text `s` into out (room for strlen(s)); their count. */
static size_t code_points(const char *s, uint32_t *out)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        uint32_t c = *p++;
        int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
        if (more)
            c &= 0x3Fu >> more;
        for (; more > 0 && (*p & 0xC0) == 0x80; more--)
            c = (c << 6) | (*p++ & 0x3Fu);
        out[n++] = c;
    }
    return n;
}

/*
 * Optimal string alignment distance of a and b (code points), or more than
 * `limit` when it exceeds it; `rows` has room for 3 (lb + 1) entries.
 */
static size_t osa_distance(const uint32_t *a, size_t la, const uint32_t *b, size_t lb, size_t limit,
                           size_t *rows)
{
    size_t *prev2 = rows, *prev = rows + lb + 1, *cur = rows + 2 * (lb + 1);
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        size_t best = cur[0];
        for (size_t j = 1; j <= lb; j++) {
            size_t cost = a[i - 1] != b[j - 1];
            size_t v = prev[j - 1] + cost;
            if (prev[j] + 1 < v)
                v = prev[j] + 1;
            if (cur[j - 1] + 1 < v)
                v = cur[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                prev2[j - 2] + 1 < v)
                v = prev2[j - 2] + 1;
            cur[j] = v;
            if (v < best)
                best = v;
        }
        if (best > limit)
            return limit + 1;
        size_t *t = prev2;
        prev2 = prev;
        prev = cur;
        cur = t;
    }
    return prev[lb];
}

/* The digits of a key in order: "team 1" and "team 2" are never a near miss. */
static bool same_digits(const char *a, const char *b)
{
    for (;;) {
        while (*a && !isdigit((unsigned char)*a))
            a++;
        while (*b && !isdigit((unsigned char)*b))
            b++;
        if (*a != *b)
            return false;
        if (!*a)
            return true;
        a++;
        b++;
    }
}

static mapa__match from_slot(const mapa__matcher *m, const keyed *k, mapa__match_how how)
{
    const entry *e = &m->entries[k->entry];
    mapa__match r = {how == MAPA__MATCH_NONE ? e->how : how, e->index, MAPA_NONE, e->text, NULL, 0};
    if (k->other != MAPA_NONE) {
        r.how = MAPA__MATCH_AMBIGUOUS;
        r.other = m->entries[k->other].index;
        r.other_text = m->entries[k->other].text;
    }
    return r;
}

static mapa__match nearest(const mapa__matcher *m, const char *key)
{
    mapa__match r = {MAPA__MATCH_NONE, MAPA_NONE, MAPA_NONE, NULL, NULL, 0};
    size_t best = SIZE_MAX, cap = 0;
    size_t *rows = NULL;
    uint32_t *pk = malloc((strlen(key) + 1) * sizeof *pk), *pe = NULL;
    if (!pk)
        return r;
    size_t lk = code_points(key, pk);
    for (size_t i = 0; i < m->n; i++) {
        const entry *e = &m->entries[i];
        size_t bytes = strlen(e->key);
        size_t lower = (bytes + 3) / 4; /* at least this many characters, at most `bytes` */
        size_t limit = mapa__near_threshold(lk, bytes);
        if (limit == 0 || (lower > lk && lower - lk > limit) ||
            (lk > bytes && lk - bytes > limit) || !same_digits(key, e->key))
            continue;
        if (bytes + 1 > cap) {
            void *g1 = rows, *g2 = pe;
            size_t c1 = 3 * cap, c2 = cap;
            if (!mapa__grow(&g1, &c1, 3 * (bytes + 1), sizeof *rows)) {
                r.how = MAPA__MATCH_NONE;
                break;
            }
            rows = g1;
            if (!mapa__grow(&g2, &c2, bytes + 1, sizeof *pe)) {
                r.how = MAPA__MATCH_NONE;
                break;
            }
            pe = g2;
            cap = bytes + 1;
        }
        size_t le = code_points(e->key, pe);
        limit = mapa__near_threshold(lk, le);
        size_t diff = le > lk ? le - lk : lk - le;
        if (limit == 0 || diff > limit || diff > best)
            continue;
        size_t dist = osa_distance(pk, lk, pe, le, limit, rows);
        if (dist > limit || dist > best)
            continue;
        if (dist < best) {
            best = dist;
            r = (mapa__match){MAPA__MATCH_NEAR, e->index, MAPA_NONE, e->text, NULL, dist};
        } else if (e->index != r.index && r.other == MAPA_NONE) {
            r.how = MAPA__MATCH_AMBIGUOUS;
            r.other = e->index;
            r.other_text = e->text;
        }
    }
    free(rows);
    free(pe);
    free(pk);
    return r;
}

static mapa__match find(const mapa__matcher *m, const char *text, bool loose)
{
    mapa__match none = {MAPA__MATCH_NONE, MAPA_NONE, MAPA_NONE, NULL, NULL, 0};
    char *key = mapa__name_key(text);
    if (!key)
        return none;
    mapa__match r = none;
    size_t at = key[0] ? mapa__idmap_get(m->keys, key) : MAPA_NONE;
    if (at != MAPA_NONE)
        r = from_slot(m, &m->slots[at], MAPA__MATCH_NONE);
    else if (loose && key[0] && (at = mapa__idmap_get(m->initials, key)) != MAPA_NONE)
        r = from_slot(m, &m->islots[at], MAPA__MATCH_INITIALS);
    else if (loose && key[0])
        r = nearest(m, key);
    free(key);
    return r;
}

mapa__match mapa__matcher_find(const mapa__matcher *m, const char *text)
{
    return find(m, text, true);
}

mapa__match mapa__matcher_find_exact(const mapa__matcher *m, const char *text)
{
    return find(m, text, false);
}
