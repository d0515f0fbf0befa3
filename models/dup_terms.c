/*
 * Terms and TF-IDF for duplicate detection. The terms of an action are the
 * stems of its title and description (mapa_text) and the pairs of adjacent
 * stems (bigrams). Weights: tf-idf = (1 + ln tf) x (ln((1 + N) / (1 + df)) + 1),
 * the smoothed idf of scikit-learn's TfidfVectorizer, bigrams at half weight, then each action's
 * vector is scaled to length 1, so the cosine is a dot product.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/dup_internal.h"
#include "models/radix.h"
#include "models/util.h"

/* Bigrams count for less than stems: a paraphrase keeps words more than their order. */
static const double BIGRAM_WEIGHT = 0.25;

/* Bigram (u, v) -> term id: open addressing on 64-bit keys. */
typedef struct u64map {
    uint64_t *key;
    uint32_t *val;
    size_t cap, n;
} u64map;

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= UINT64_C(0xff51afd7ed558ccd);
    x ^= x >> 33;
    x *= UINT64_C(0xc4ceb9fe1a85ec53);
    return x ^ (x >> 33);
}

static bool map_grow(u64map *m)
{
    size_t cap = m->cap ? 2 * m->cap : 1024;
    uint64_t *key = malloc(cap * sizeof *key);
    uint32_t *val = malloc(cap * sizeof *val);
    if (!key || !val) {
        free(key);
        free(val);
        return false;
    }
    memset(key, 0xff, cap * sizeof *key);
    for (size_t k = 0; k < m->cap; k++)
        if (m->key[k] != UINT64_MAX) {
            size_t at = mix64(m->key[k]) & (cap - 1);
            while (key[at] != UINT64_MAX)
                at = (at + 1) & (cap - 1);
            key[at] = m->key[k];
            val[at] = m->val[k];
        }
    free(m->key);
    free(m->val);
    m->key = key;
    m->val = val;
    m->cap = cap;
    return true;
}

/* The id of `k`, adding it as `next` when new; UINT32_MAX on out of memory. */
static uint32_t map_get(u64map *m, uint64_t k, uint32_t next, bool *added)
{
    *added = false;
    if ((m->n + 1) * 2 > m->cap && !map_grow(m))
        return UINT32_MAX;
    size_t at = mix64(k) & (m->cap - 1);
    while (m->key[at] != UINT64_MAX && m->key[at] != k)
        at = (at + 1) & (m->cap - 1);
    if (m->key[at] == k)
        return m->val[at];
    m->key[at] = k;
    m->val[at] = next;
    m->n++;
    *added = true;
    return next;
}

static int by_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : (x > y);
}

typedef struct builder {
    mapa__dup_docs *d;
    u64map bigrams;
    size_t cap_terms, cap_weights;
    uint32_t next_bigram; /* bigram ids, offset later by the number of stems */
    size_t *ids, n_ids, cap_ids;
    uint32_t *tmp;
    size_t cap_tmp;
    const mapa__dup_lex *lex;
    size_t *scratch, cap_scratch;
} builder;

/* One action: its terms (stems, bigrams marked by the high bit until renumbered). */
static mapa_err action_terms(builder *b, const mapa_action *a, mapa_text *text, size_t i)
{
    mapa__dup_docs *d = b->d;
    size_t len = strlen(a->title) + strlen(a->description) + 2;
    char *s = malloc(len);
    if (!s)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for duplicate detection");
    snprintf(s, len, "%s %s", a->title, a->description);
    mapa_err err = mapa_text_stems(text, s, &b->ids, &b->n_ids, &b->cap_ids);
    free(s);
    if (err == MAPA_OK)
        err = mapa__dup_lex_apply(b->lex, b->ids, &b->n_ids, &b->scratch, &b->cap_scratch);
    if (err != MAPA_OK)
        return err;
    size_t n = b->n_ids, want = 2 * n + 1;
    if (!mapa__grow((void **)&b->tmp, &b->cap_tmp, want, sizeof *b->tmp))
        return mapa_error_set(MAPA_ENOMEM, "out of memory for duplicate detection");
    size_t k = 0;
    for (size_t x = 0; x < n; x++)
        b->tmp[k++] = (uint32_t)b->ids[x];
    for (size_t x = 0; x + 1 < n; x++) {
        bool added;
        uint32_t id =
            map_get(&b->bigrams, (uint64_t)b->ids[x] << 32 | b->ids[x + 1], b->next_bigram, &added);
        if (id == UINT32_MAX)
            return mapa_error_set(MAPA_ENOMEM, "out of memory for duplicate detection");
        b->next_bigram += added;
        b->tmp[k++] = id | UINT32_C(0x80000000);
    }
    qsort(b->tmp, k, sizeof *b->tmp, by_u32);
    size_t at = d->first[i];
    if (!mapa__grow((void **)&d->term, &b->cap_terms, at + k + 1, sizeof *d->term) ||
        !mapa__grow((void **)&d->weight, &b->cap_weights, at + k + 1, sizeof *d->weight))
        return mapa_error_set(MAPA_ENOMEM, "out of memory for duplicate detection");
    for (size_t x = 0; x < k;) { /* runs of one term: its count */
        size_t y = x;
        while (y < k && b->tmp[y] == b->tmp[x])
            y++;
        d->term[at] = b->tmp[x];
        d->weight[at++] = (float)(1 + log((double)(y - x)));
        x = y;
    }
    d->first[i + 1] = at;
    return MAPA_OK;
}

/* FNV-1a of a lower-cased string, as a MinHash element above the stem ids. */
static uint32_t label(const char *s, uint32_t kind)
{
    uint32_t h = 2166136261u ^ kind;
    for (; *s; s++)
        h = (h ^ (uint32_t)(unsigned char)(*s >= 'A' && *s <= 'Z' ? *s + 32 : *s)) * 16777619u;
    return MAPA_DUP_LABEL | (h & ~MAPA_DUP_LABEL);
}

/*
 * Stems keep their ids; bigrams follow them. Then df, idf and unit length.
 * The MinHash sets are the stems plus each tag and the target group (as
 * labels), so that LSH favours the pairs the combined score favours.
 */
static mapa_err weigh(mapa__dup_docs *d, size_t n_stems, const mapa_partnership *p)
{
    d->n_stems = n_stems;
    uint32_t max_bigram = 0;
    for (size_t k = 0; k < d->first[d->n]; k++)
        if (d->term[k] & UINT32_C(0x80000000)) {
            d->term[k] = (uint32_t)n_stems + (d->term[k] & UINT32_C(0x7fffffff));
            max_bigram = d->term[k] + 1 > max_bigram ? d->term[k] + 1 : max_bigram;
        }
    d->n_terms = max_bigram > n_stems ? max_bigram : n_stems;
    d->df = calloc(d->n_terms + 1, sizeof *d->df);
    if (!d->df)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for duplicate detection");
    for (size_t k = 0; k < d->first[d->n]; k++)
        d->df[d->term[k]]++;
    double N = (double)d->n;
    for (size_t i = 0; i < d->n; i++) {
        double norm = 0;
        for (size_t k = d->first[i]; k < d->first[i + 1]; k++) {
            double w = d->weight[k] * (log((1 + N) / (1 + d->df[d->term[k]])) + 1);
            if (d->term[k] >= n_stems)
                w *= BIGRAM_WEIGHT;
            d->weight[k] = (float)w;
            norm += w * w;
        }
        norm = sqrt(norm);
        for (size_t k = d->first[i]; k < d->first[i + 1]; k++)
            d->weight[k] = norm > 0 ? (float)(d->weight[k] / norm) : 0;
    }
    /* the stems alone: terms are sorted, stems (ids < n_stems) come first */
    size_t labels = 0;
    for (size_t i = 0; i < d->n; i++)
        labels += p->actions[i].n_tags + 1;
    d->ufirst = malloc((d->n + 1) * sizeof *d->ufirst);
    d->stem = malloc((d->first[d->n] + labels + 1) * sizeof *d->stem);
    d->target = calloc(d->n + 1, sizeof *d->target);
    if (!d->ufirst || !d->stem || !d->target)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for duplicate detection");
    size_t at = 0;
    for (size_t i = 0; i < d->n; i++) {
        d->ufirst[i] = at;
        for (size_t k = d->first[i]; k < d->first[i + 1] && d->term[k] < n_stems; k++)
            d->stem[at++] = d->term[k];
        const mapa_action *a = &p->actions[i];
        for (size_t k = 0; k < a->n_tags; k++)
            d->stem[at++] = label(a->tags[k], 0x7a67);
        if (a->target_group[0])
            d->stem[at++] = d->target[i] = label(a->target_group, 0x7467);
    }
    d->ufirst[d->n] = at;
    return MAPA_OK;
}

/*
 * How much a label held by df of n actions counts: its idf over the idf of a
 * label held by 1 % of the actions (or by one), at most 1. A label in fewer
 * than 1 % of the actions counts in full; "general public" in a fifth of a
 * small plan counts about half.
 */
static float rarity(size_t df, size_t n)
{
    double rare = (double)n / 100 > 1 ? (double)n / 100 : 1;
    double top = log((1.0 + (double)n) / (1.0 + rare)) + 1;
    double w = (log((1.0 + (double)n) / (1.0 + (double)df)) + 1) / top;
    return (float)(w < 1 ? w : 1);
}

static int by_u64(const void *a, const void *b);

/*
 * The rarity of each target group and tag: a label shared by many actions
 * ("general public", "posters") says less than a rare one, as in TF-IDF.
 */
static mapa_err label_weights(mapa__dup_docs *d, const mapa_partnership *p)
{
    size_t n = d->n, labels = d->ufirst[n];
    uint64_t *key = malloc((labels + 1) * sizeof *key);
    d->target_w = calloc(n + 1, sizeof *d->target_w);
    d->tfirst = malloc((n + 1) * sizeof *d->tfirst);
    size_t n_tags = 0;
    for (size_t i = 0; i < n; i++)
        n_tags += p->actions[i].n_tags;
    d->tag_w = malloc((n_tags + 1) * sizeof *d->tag_w);
    d->tag_h = malloc((n_tags + 1) * sizeof *d->tag_h);
    if (!key || !d->target_w || !d->tfirst || !d->tag_w || !d->tag_h) {
        free(key);
        return mapa_error_set(MAPA_ENOMEM, "out of memory for duplicate detection");
    }
    size_t k = 0;
    for (size_t x = 0; x < labels; x++) /* distinct labels per action: tags, then the target */
        if (d->stem[x] & MAPA_DUP_LABEL)
            key[k++] = (uint64_t)d->stem[x];
    if (!mapa__radix_u64(key, k))
        qsort(key, k, sizeof *key, by_u64); /* no memory for the buffer: slower */
    size_t distinct = 0; /* each label once, its count (df) beside it in count[] */
    uint32_t *count = malloc((k + 1) * sizeof *count);
    if (!count) {
        free(key);
        return mapa_error_set(MAPA_ENOMEM, "out of memory for duplicate detection");
    }
    for (size_t x = 0; x < k;) {
        size_t y = x;
        while (y < k && key[y] == key[x])
            y++;
        count[distinct] = (uint32_t)(y - x);
        key[distinct++] = key[x];
        x = y;
    }
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        d->tfirst[i] = at;
        const mapa_action *a = &p->actions[i];
        for (size_t x = d->ufirst[i]; x < d->ufirst[i + 1]; x++) {
            uint64_t v = d->stem[x];
            if (!(v & MAPA_DUP_LABEL))
                continue;
            const uint64_t *hit = bsearch(&v, key, distinct, sizeof *key, by_u64);
            float w = rarity(hit ? count[hit - key] : 0, n);
            if (a->target_group[0] && d->stem[x] == d->target[i] && x + 1 == d->ufirst[i + 1])
                d->target_w[i] = w;
            else if (at - d->tfirst[i] < a->n_tags) {
                d->tag_h[at] = (uint32_t)v;
                d->tag_w[at++] = w;
            }
        }
    }
    d->tfirst[n] = at;
    free(count);
    free(key);
    return MAPA_OK;
}

/*
 * Each stem's 32-bit hash from its text (FNV-1a), for MinHash: an action's
 * signature then does not depend on the order in which the glossary and the
 * plan's words were first seen.
 */
static mapa_err stem_hashes(mapa__dup_docs *d, const mapa_text *text)
{
    d->stem_h = malloc((d->n_stems + 1) * sizeof *d->stem_h);
    if (!d->stem_h)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for duplicate detection");
    for (size_t k = 0; k < d->n_stems; k++) {
        uint32_t h = 2166136261u;
        for (const char *c = mapa_text_stem(text, k); *c; c++)
            h = (h ^ (uint32_t)(unsigned char)*c) * 16777619u;
        d->stem_h[k] = h & ~MAPA_DUP_LABEL;
    }
    return MAPA_OK;
}

mapa_err mapa__dup_docs_build(mapa__dup_docs *d, const mapa_partnership *p, mapa_text *text,
                              const mapa__dup_lex *lex)
{
    *d = (mapa__dup_docs){0};
    mapa__dup_docs docs = {0};
    docs.n = p->n_actions;
    docs.first = calloc(docs.n + 2, sizeof *docs.first);
    builder b = {.d = &docs, .lex = lex};
    mapa_err err = MAPA_OK;
    if (!docs.first) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory for duplicate detection");
        goto cleanup;
    }
    for (size_t i = 0; i < docs.n; i++) {
        err = action_terms(&b, &p->actions[i], text, i);
        if (err != MAPA_OK)
            goto cleanup;
    }
    err = weigh(&docs, mapa_text_vocabulary(text), p);
    if (err == MAPA_OK)
        err = stem_hashes(&docs, text);
    if (err == MAPA_OK)
        err = label_weights(&docs, p);
    if (err != MAPA_OK)
        goto cleanup;
    *d = docs; /* the caller owns them now */
    docs = (mapa__dup_docs){0};
cleanup:
    free(b.bigrams.key);
    free(b.bigrams.val);
    free(b.ids);
    free(b.tmp);
    free(b.scratch);
    mapa__dup_docs_dispose(&docs);
    return err;
}

void mapa__dup_docs_dispose(mapa__dup_docs *d)
{
    free(d->first);
    free(d->term);
    free(d->weight);
    free(d->df);
    free(d->ufirst);
    free(d->stem);
    free(d->target);
    free(d->target_w);
    free(d->tfirst);
    free(d->tag_w);
    free(d->tag_h);
    free(d->stem_h);
    *d = (mapa__dup_docs){0};
}

double mapa__dup_cosine(const mapa__dup_docs *d, size_t a, size_t b)
{
    size_t x = d->first[a], xe = d->first[a + 1], y = d->first[b], ye = d->first[b + 1];
    double dot = 0;
    while (x < xe && y < ye) {
        if (d->term[x] == d->term[y])
            dot += (double)d->weight[x++] * d->weight[y++];
        else if (d->term[x] < d->term[y])
            x++;
        else
            y++;
    }
    return dot > 1 ? 1 : dot;
}

bool mapa__dup_pairs_push(mapa__dup_pairs *c, size_t a, size_t b)
{
    if (a == b)
        return true;
    if (!mapa__grow((void **)&c->key, &c->cap, c->n + 1, sizeof *c->key))
        return false;
    c->key[c->n++] = a < b ? (uint64_t)a << 32 | b : (uint64_t)b << 32 | a;
    return true;
}

static int by_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : (x > y);
}

void mapa__dup_pairs_unique(mapa__dup_pairs *c)
{
    if (c->n == 0)
        return;
    if (!mapa__radix_u64(c->key, c->n))
        qsort(c->key, c->n, sizeof *c->key, by_u64); /* no memory for the buffer: slower */
    size_t out = 1;
    for (size_t k = 1; k < c->n; k++)
        if (c->key[k] != c->key[out - 1])
            c->key[out++] = c->key[k];
    c->n = out;
}
