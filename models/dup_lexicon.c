/*
 * The partnership's own words: equivalent phrases from the shipped glossary
 * and synonyms.csv, rewritten to one canonical phrase before TF-IDF, so that
 * "NRM" and "National Referral Mechanism", or "flyer" and "leaflet", are the
 * same term. Phrases are compared as stem sequences (models/text.c); the
 * phrases of one group are joined by union-find, and each rewrites to the
 * group's phrase with the fewest stems (the first of those on a tie). Longest
 * match first, left to right: O(stems x variants starting with that stem).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/dup_internal.h"
#include "models/util.h"

typedef struct lexbuild {
    mapa__dup_lex *l;
    mapa_text *text;
    size_t cap_first, cap_stem, *parent, cap_parent;
    size_t *ids, n_ids, cap_ids;
} lexbuild;

static size_t root(size_t *parent, size_t v)
{
    while (parent[v] != v)
        v = parent[v] = parent[parent[v]];
    return v;
}

/* The node of `phrase` (added when new); MAPA_NONE when it has no words left, or on ENOMEM. */
static mapa_err node(lexbuild *b, const char *phrase, size_t *v)
{
    mapa__dup_lex *l = b->l;
    *v = MAPA_NONE;
    mapa_err err = mapa_text_stems(b->text, phrase, &b->ids, &b->n_ids, &b->cap_ids);
    if (err != MAPA_OK || b->n_ids == 0)
        return err;
    for (size_t u = 0; u < l->n_var; u++) {
        size_t len = l->first[u + 1] - l->first[u];
        if (len == b->n_ids && memcmp(l->stem + l->first[u], b->ids, len * sizeof *b->ids) == 0) {
            *v = u;
            return MAPA_OK;
        }
    }
    size_t at = l->first[l->n_var];
    if (!mapa__grow((void **)&l->first, &b->cap_first, l->n_var + 2, sizeof *l->first) ||
        !mapa__grow((void **)&l->stem, &b->cap_stem, at + b->n_ids, sizeof *l->stem) ||
        !mapa__grow((void **)&b->parent, &b->cap_parent, l->n_var + 1, sizeof *b->parent))
        return mapa_error_set(MAPA_ENOMEM, "out of memory for the glossary and synonyms");
    memcpy(l->stem + at, b->ids, b->n_ids * sizeof *b->ids);
    b->parent[l->n_var] = l->n_var;
    *v = l->n_var++;
    l->first[l->n_var] = at + b->n_ids;
    return MAPA_OK;
}

static mapa_err join(lexbuild *b, const char *x, const char *y)
{
    size_t u, v;
    mapa_err err = node(b, x, &u);
    if (err == MAPA_OK)
        err = node(b, y, &v);
    if (err != MAPA_OK || u == MAPA_NONE || v == MAPA_NONE)
        return err;
    u = root(b->parent, u);
    v = root(b->parent, v);
    if (u != v)
        b->parent[u > v ? u : v] = u < v ? u : v;
    return MAPA_OK;
}

/* Join `term` with every "|"-separated phrase of `same_as`. */
static mapa_err join_all(lexbuild *b, const char *term, const char *same_as)
{
    char buf[256];
    for (const char *s = same_as; *s;) {
        size_t len = strcspn(s, "|");
        snprintf(buf, sizeof buf, "%.*s", (int)len, s);
        mapa_err err = join(b, term, buf);
        if (err != MAPA_OK)
            return err;
        s += len + (s[len] == '|');
    }
    return MAPA_OK;
}

/* The glossary's entries, then the everyday words. */
static mapa_err glossary(lexbuild *b)
{
    size_t n, m;
    const mapa_dup_term *g = mapa_dup_glossary(&n);
    const mapa_dup_word *w = mapa_dup_everyday(&m);
    mapa_err err = MAPA_OK;
    for (size_t k = 0; k < n && err == MAPA_OK; k++)
        err = join_all(b, g[k].term, g[k].same_as);
    for (size_t k = 0; k < m && err == MAPA_OK; k++)
        err = join_all(b, w[k].term, w[k].same_as);
    return err;
}

/* Canonical variant of each group, and the lists of variants by first stem. */
static mapa_err index_variants(lexbuild *b)
{
    mapa__dup_lex *l = b->l;
    l->canon = malloc((l->n_var + 1) * sizeof *l->canon);
    l->next = malloc((l->n_var + 1) * sizeof *l->next);
    l->n_head = 0;
    for (size_t v = 0; v < l->n_var; v++)
        for (size_t k = l->first[v]; k < l->first[v + 1]; k++)
            l->n_head = l->stem[k] + 1 > l->n_head ? l->stem[k] + 1 : l->n_head;
    l->head = malloc((l->n_head + 1) * sizeof *l->head);
    if (!l->canon || !l->next || !l->head)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for the glossary and synonyms");
    for (size_t v = 0; v < l->n_var; v++)
        l->canon[v] = MAPA_NONE;
    for (size_t v = 0; v < l->n_var; v++) { /* fewest stems, then first: canon[root] */
        size_t r = root(b->parent, v), c = l->canon[r];
        if (c == MAPA_NONE || l->first[v + 1] - l->first[v] < l->first[c + 1] - l->first[c])
            l->canon[r] = v;
    }
    for (size_t h = 0; h < l->n_head; h++)
        l->head[h] = MAPA_NONE;
    for (size_t v = l->n_var; v-- > 0;) {
        l->canon[v] = l->canon[root(b->parent, v)];
        l->next[v] = MAPA_NONE;
        if (l->canon[v] == v)
            continue; /* already the canonical phrase */
        size_t s = l->stem[l->first[v]];
        l->next[v] = l->head[s];
        l->head[s] = v;
    }
    return MAPA_OK;
}

mapa_err mapa__dup_lex_build(mapa__dup_lex *out, mapa_text *text, const mapa_dup_lexicon *user,
                             bool with_glossary)
{
    mapa__dup_lex l = {0};
    lexbuild b = {.l = &l, .text = text};
    mapa_err err = MAPA_OK;
    l.first = calloc(2, sizeof *l.first);
    b.cap_first = 2;
    if (!l.first) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory for the glossary and synonyms");
        goto cleanup;
    }
    if (with_glossary && (err = glossary(&b)) != MAPA_OK)
        goto cleanup;
    for (size_t k = 0; user && k < user->n_synonyms; k++)
        if ((err = join(&b, user->phrase[2 * k], user->phrase[2 * k + 1])) != MAPA_OK)
            goto cleanup;
    if ((err = index_variants(&b)) != MAPA_OK)
        goto cleanup;
    *out = l; /* the caller owns it now */
    l = (mapa__dup_lex){0};
cleanup:
    free(b.parent);
    free(b.ids);
    mapa__dup_lex_dispose(&l);
    return err;
}

void mapa__dup_lex_dispose(mapa__dup_lex *l)
{
    free(l->first);
    free(l->stem);
    free(l->canon);
    free(l->head);
    free(l->next);
    *l = (mapa__dup_lex){0};
}

/* The longest variant that starts at ids[x], or MAPA_NONE. */
static size_t match(const mapa__dup_lex *l, const size_t *ids, size_t n, size_t x)
{
    size_t best = MAPA_NONE, best_len = 0;
    if (ids[x] >= l->n_head)
        return MAPA_NONE;
    for (size_t v = l->head[ids[x]]; v != MAPA_NONE; v = l->next[v]) {
        size_t len = l->first[v + 1] - l->first[v];
        if (len > best_len && x + len <= n &&
            memcmp(ids + x, l->stem + l->first[v], len * sizeof *ids) == 0) {
            best = v;
            best_len = len;
        }
    }
    return best;
}

mapa_err mapa__dup_lex_apply(const mapa__dup_lex *l, size_t *ids, size_t *n, size_t **scratch,
                             size_t *cap)
{
    if (!l || l->n_var == 0 || *n == 0)
        return MAPA_OK;
    size_t out = 0;
    for (size_t x = 0; x < *n;) {
        size_t v = match(l, ids, *n, x);
        size_t len = v == MAPA_NONE ? 1 : l->first[v + 1] - l->first[v];
        const size_t *put = v == MAPA_NONE ? ids + x : l->stem + l->first[l->canon[v]];
        size_t n_put = v == MAPA_NONE ? 1 : l->first[l->canon[v] + 1] - l->first[l->canon[v]];
        if (!mapa__grow((void **)scratch, cap, out + n_put + 1, sizeof **scratch))
            return mapa_error_set(MAPA_ENOMEM, "out of memory for the glossary and synonyms");
        memcpy(*scratch + out, put, n_put * sizeof *put);
        out += n_put;
        x += len;
    }
    /* the canonical phrase is never longer than a variant it replaces */
    memcpy(ids, *scratch, out * sizeof *ids);
    *n = out;
    return MAPA_OK;
}

mapa_err mapa_dup_lexicon_add_synonym(mapa_dup_lexicon *l, const char *a, const char *b)
{
    char *x = mapa__strdup(a), *y = mapa__strdup(b);
    if (!x || !y ||
        !mapa__grow((void **)&l->phrase, &l->cap_phrase, 2 * l->n_synonyms + 2,
                    sizeof *l->phrase)) {
        free(x);
        free(y);
        return mapa_error_set(MAPA_ENOMEM, "out of memory for synonyms");
    }
    l->phrase[2 * l->n_synonyms] = x;
    l->phrase[2 * l->n_synonyms + 1] = y;
    l->n_synonyms++;
    return MAPA_OK;
}

mapa_err mapa_dup_lexicon_rule_out(mapa_dup_lexicon *l, size_t a, size_t b)
{
    if (!mapa__grow((void **)&l->ruled_out, &l->cap_ruled, 2 * l->n_ruled_out + 2,
                    sizeof *l->ruled_out))
        return mapa_error_set(MAPA_ENOMEM, "out of memory for ruled-out pairs");
    l->ruled_out[2 * l->n_ruled_out] = a < b ? a : b;
    l->ruled_out[2 * l->n_ruled_out + 1] = a < b ? b : a;
    l->n_ruled_out++;
    return MAPA_OK;
}

void mapa_dup_lexicon_dispose(mapa_dup_lexicon *l)
{
    for (size_t k = 0; k < 2 * l->n_synonyms; k++)
        free(l->phrase[k]);
    free(l->phrase);
    free(l->ruled_out);
    *l = (mapa_dup_lexicon){0};
}
