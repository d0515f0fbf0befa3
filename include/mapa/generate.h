/* Synthetic data for tests, benchmarks and research (GSL random numbers, fully seeded). */
#ifndef MAPA_GENERATE_H
#define MAPA_GENERATE_H

#include <stddef.h>

#include <mapa/partnership.h>

typedef struct mapa_planted_pair {
    size_t original, copy; /**< action indices, original < copy, of one family */
} mapa_planted_pair;

/**
 * Add `n` synthetic actions to p (which has topics), a share `dup_share` of
 * them paraphrased copies of earlier actions in another team. The planted
 * duplicates are every pair within a family (an original and its copies,
 * copies of copies): *truth, malloc'd, *n_truth of them. Words come
 * from a made-up vocabulary of 20,000 words with a Zipf law per topic; a copy
 * swaps a quarter of the words for synonyms, drops a tenth, adds one or two
 * and shuffles some; it keeps the target group (80 %), a tag (70 %) and
 * overlapping dates (80 %). docs/duplicates.md describes the model.
 */
mapa_err mapa_generate_actions(mapa_partnership *p, size_t n, double dup_share,
                               unsigned long seed, mapa_planted_pair **truth, size_t *n_truth);

#endif
