/*
 * Candidate pairs by MinHash and LSH banding (Broder 1997; Indyk and Motwani
 * 1998; Leskovec, Rajaraman and Ullman, Mining of Massive Datasets, ch. 3).
 * Each action's set is its stems, less those in more than max(50, n/100)
 * actions (they say little and fill the buckets), plus its tags and target
 * group, each hashed once to 32 bits. Two sets of Jaccard similarity J share
 * a bucket in a band of r rows with probability J^r; a pair is kept when it
 * shares buckets in at least two of the b bands, or in one band when both
 * name the same target group. For the setting duplicate_jaccard j, mapa takes
 * t = 0.52 j and the largest r with b = ceil((1/t)^r) and b x r <= 900 hash
 * functions (docs/duplicates.md has the probabilities). Bands are processed
 * a few at a time: r minimums per action and band, a 32-bit bucket key, a radix sort,
 * the pairs of each bucket (buckets of more than 200 actions are skipped:
 * common wording); then the pairs seen often enough.
 */
#include <math.h>
#include <stdlib.h>

#include "models/dup_internal.h"
#include "models/radix.h"

/* LANES: hash functions computed together (whole bands of them, rows <= MAX_ROWS <= LANES) */
enum { MAX_HASHES = 900, MAX_BUCKET = 200, MIN_BANDS = 2, MAX_ROWS = 16, LANES = 24 };

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= UINT64_C(0xff51afd7ed558ccd);
    x ^= x >> 33;
    x *= UINT64_C(0xc4ceb9fe1a85ec53);
    return x ^ (x >> 33);
}

typedef mapa__keyed slot;

/*
 * Keep the pairs that shared a bucket in at least MIN_BANDS bands, or in one
 * band when they also name the same target group, once each.
 */
static mapa_err keep_repeated(mapa__dup_pairs *c, const mapa__dup_docs *d)
{
    if (c->n == 0)
        return MAPA_OK;
    if (!mapa__radix_u64(c->key, c->n))
        return mapa_error_set(MAPA_ENOMEM, "out of memory for LSH candidates");
    size_t out = 0;
    for (size_t k = 0; k < c->n;) {
        size_t j = k;
        while (j < c->n && c->key[j] == c->key[k])
            j++;
        uint32_t a = d->target[c->key[k] >> 32], b = d->target[c->key[k] & UINT32_MAX];
        if (j - k >= MIN_BANDS || (a != 0 && a == b))
            c->key[out++] = c->key[k];
        k = j;
    }
    c->n = out;
    return MAPA_OK;
}

static void choose(double jaccard, size_t *bands, size_t *rows)
{
    double t = 0.52 * jaccard;
    t = t < 0.02 ? 0.02 : t > 0.95 ? 0.95 : t;
    *rows = 1;
    *bands = (size_t)ceil(1 / t);
    for (size_t r = 2; r <= MAX_ROWS; r++) {
        double b = ceil(pow(1 / t, (double)r));
        if (b * (double)r > MAX_HASHES)
            break;
        *rows = r;
        *bands = (size_t)b;
    }
}

/* An element's hash: a label's own (tags, target group), a stem's from its text. */
static uint32_t element(const mapa__dup_docs *d, uint32_t e)
{
    return (uint32_t)(mix64(e & MAPA_DUP_LABEL ? e : d->stem_h[e]) >> 32);
}

/* Each action's elements, less the stems in more than `limit` actions, each hashed once. */
static void hash_elements(uint32_t *hx, size_t *first, const mapa__dup_docs *d, size_t limit)
{
    size_t n = d->n, at = 0;
    for (size_t i = 0; i < n; i++) {
        first[i] = at;
        for (size_t k = d->ufirst[i]; k < d->ufirst[i + 1]; k++) {
            uint32_t e = d->stem[k];
            if ((e & MAPA_DUP_LABEL) || d->df[e] <= limit)
                hx[at++] = element(d, e);
        }
        if (at == first[i]) /* common stems only: keep them */
            for (size_t k = d->ufirst[i]; k < d->ufirst[i + 1]; k++)
                hx[at++] = element(d, d->stem[k]);
    }
    first[n] = at;
}

/*
 * The bucket keys of bands [b0, b0 + g) for every action, as slots in
 * document order (s[j * n + i]: band b0 + j, action i). Band b's row r is the
 * minimum of hx * a + b (mod 2^32) over the action's elements, a and b its
 * own (a odd); the g x rows minimums of an action are taken together, LANES
 * at a time, a loop the compiler can vectorise.
 */
static void band_slots(slot *s, const uint32_t *hx, const size_t *first, size_t n, size_t b0,
                       size_t g, size_t rows)
{
    uint32_t mul[LANES], add[LANES], lo[LANES];
    for (size_t k = 0; k < LANES; k++) { /* unused lanes: any odd multiplier */
        size_t band = b0 + k / rows, row = k % rows;
        uint64_t x = mix64(band * rows + row + 1);
        mul[k] = (uint32_t)x | 1;
        add[k] = (uint32_t)(x >> 32);
    }
    for (size_t i = 0; i < n; i++) {
        if (first[i] == first[i + 1]) {
            uint64_t key = mix64(i + 1) ^ UINT64_C(0x5555);
            for (size_t j = 0; j < g; j++)
                s[j * n + i] = (slot){key >> 32, (uint32_t)i};
            continue;
        }
        for (size_t k = 0; k < LANES; k++)
            lo[k] = UINT32_MAX;
        for (size_t e = first[i]; e < first[i + 1]; e++) {
            uint32_t h = hx[e];
            for (size_t k = 0; k < LANES; k++) {
                uint32_t v = h * mul[k] + add[k];
                lo[k] = v < lo[k] ? v : lo[k];
            }
        }
        for (size_t j = 0; j < g; j++) {
            uint64_t key = UINT64_C(0x9e3779b97f4a7c15) * (b0 + j + 1);
            for (size_t row = 0; row < rows; row++)
                key = mix64(key ^ lo[j * rows + row]);
            /* 32 bits: a rare false bucket is harmless */
            s[j * n + i] = (slot){key >> 32, (uint32_t)i};
        }
    }
}

/* The pairs of each bucket of sorted slots; buckets of more than MAX_BUCKET are skipped. */
static mapa_err bucket_pairs(mapa__dup_pairs *out, const slot *s, size_t n)
{
    for (size_t x = 0; x < n;) {
        size_t y = x;
        while (y < n && s[y].key == s[x].key)
            y++;
        for (size_t a = x; y - x <= MAX_BUCKET && a < y; a++)
            for (size_t b = a + 1; b < y; b++)
                if (!mapa__dup_pairs_push(out, s[a].doc, s[b].doc))
                    return mapa_error_set(MAPA_ENOMEM, "out of memory for LSH candidates");
        x = y;
    }
    return MAPA_OK;
}

/* Every pair sharing a bucket in some band, once per band. */
static mapa_err banded_pairs(mapa__dup_pairs *out, const mapa__dup_docs *d, size_t bands,
                             size_t rows)
{
    size_t n = d->n, limit = n / 100 > 50 ? n / 100 : 50, total = d->ufirst[n];
    size_t per = LANES / rows; /* bands hashed together */
    slot *s = malloc((per * n + 1) * sizeof *s);
    uint32_t *hx = malloc((total + 1) * sizeof *hx); /* the elements kept, each hashed once */
    size_t *first = malloc((n + 1) * sizeof *first);
    mapa_err err = MAPA_OK;
    if (!s || !hx || !first) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory for LSH");
        goto cleanup;
    }
    hash_elements(hx, first, d, limit);
    for (size_t b0 = 0; b0 < bands; b0 += per) {
        size_t g = bands - b0 < per ? bands - b0 : per;
        band_slots(s, hx, first, n, b0, g, rows);
        for (size_t j = 0; j < g; j++) {
            if (!mapa__radix_keyed32(s + j * n, n)) { /* stable: equal keys keep their order */
                err = mapa_error_set(MAPA_ENOMEM, "out of memory for LSH");
                goto cleanup;
            }
            err = bucket_pairs(out, s + j * n, n);
            if (err != MAPA_OK)
                goto cleanup;
        }
    }
cleanup:
    free(s);
    free(hx);
    free(first);
    return err;
}

mapa_err mapa__dup_lsh(mapa__dup_pairs *out, const mapa__dup_docs *d, double jaccard, size_t *bands,
                       size_t *rows)
{
    choose(jaccard, bands, rows);
    mapa_err err = banded_pairs(out, d, *bands, *rows);
    if (err != MAPA_OK)
        return err;
    return keep_repeated(out, d);
}
