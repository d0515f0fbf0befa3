/*
 * Candidate pairs by MinHash and LSH banding (Broder 1997; Indyk and Motwani
 * 1998; Leskovec, Rajaraman and Ullman, Mining of Massive Datasets, ch. 3).
 * Each action's set is its stems, less those in more than max(50, n/100)
 * actions (they say little and fill the buckets). With b bands of r rows, two
 * sets of Jaccard similarity J share a bucket in some band with probability
 * 1 - (1 - J^r)^b, an S-curve whose threshold is about (1/b)^(1/r). For the
 * setting duplicate_jaccard j, mapa aims the threshold at t = 0.75 j (recall
 * first: verification removes the false candidates) and takes the largest r
 * with b = ceil((1/t)^r) and b x r <= 256 hash functions.
 * Bands are processed one at a time: r minimums per action, a 64-bit bucket
 * key, a radix sort, and the pairs of each bucket (buckets of more than 200 actions
 * are skipped: they hold common wording, not duplicates).
 */
#include <math.h>
#include <stdlib.h>

#include "models/dup_internal.h"
#include "models/radix.h"

enum { MAX_HASHES = 512, MAX_BUCKET = 200 };

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= UINT64_C(0xff51afd7ed558ccd);
    x ^= x >> 33;
    x *= UINT64_C(0xc4ceb9fe1a85ec53);
    return x ^ (x >> 33);
}

typedef mapa__keyed slot;

static void choose(double jaccard, size_t *bands, size_t *rows)
{
    double t = 0.65 * jaccard;
    t = t < 0.02 ? 0.02 : t > 0.95 ? 0.95 : t;
    *rows = 1;
    *bands = (size_t)ceil(1 / t);
    for (size_t r = 2; r <= 16; r++) {
        double b = ceil(pow(1 / t, (double)r));
        if (b * (double)r > MAX_HASHES)
            break;
        *rows = r;
        *bands = (size_t)b;
    }
}

mapa_err mapa__dup_lsh(mapa__dup_pairs *out, const mapa__dup_docs *d, double jaccard, size_t *bands,
                       size_t *rows)
{
    choose(jaccard, bands, rows);
    size_t n = d->n, common = n / 100 > 50 ? n / 100 : 50;
    slot *s = malloc((n + 1) * sizeof *s);
    size_t settled = 1024;
    if (!s)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for LSH");
    for (size_t band = 0; band < *bands; band++) {
        for (size_t i = 0; i < n; i++) {
            uint64_t key = 0;
            bool any = false;
            for (int pass = 0; pass < 2 && !any; pass++) /* without common stems, then all */
                for (size_t row = 0, first = 1; row < *rows; row++, first = 0) {
                    if (first)
                        key = UINT64_C(0x9e3779b97f4a7c15) * (band + 1);
                    uint64_t seed = mix64((uint64_t)(band * *rows + row + 1)), lo = UINT64_MAX;
                    for (size_t k = d->ufirst[i]; k < d->ufirst[i + 1]; k++) {
                        uint32_t e = d->stem[k];
                        if (pass == 0 && !(e & MAPA_DUP_LABEL) && d->df[e] > common)
                            continue;
                        uint64_t h = mix64(e ^ seed);
                        lo = h < lo ? h : lo;
                        any = true;
                    }
                    key = mix64(key ^ lo);
                }
            s[i] = (slot){any ? key : mix64(i + 1) ^ UINT64_C(0x5555), (uint32_t)i};
        }
        if (!mapa__radix_keyed(s, n)) { /* stable: equal keys stay in document order */
            free(s);
            return mapa_error_set(MAPA_ENOMEM, "out of memory for LSH");
        }
        for (size_t x = 0; x < n;) {
            size_t y = x;
            while (y < n && s[y].key == s[x].key)
                y++;
            for (size_t a = x; y - x <= MAX_BUCKET && a < y; a++)
                for (size_t b = a + 1; b < y; b++)
                    if (!mapa__dup_pairs_push(out, s[a].doc, s[b].doc)) {
                        free(s);
                        return mapa_error_set(MAPA_ENOMEM, "out of memory for LSH candidates");
                    }
            x = y;
        }
        if (out->n > 2 * settled) { /* keep the list short: repeats from other bands go */
            mapa__dup_pairs_unique(out);
            settled = out->n;
        }
    }
    free(s);
    mapa__dup_pairs_unique(out);
    return MAPA_OK;
}
