/* Synthetic data for tests, benchmarks and research (GSL random numbers, fully seeded). */
#ifndef MAPA_GENERATE_H
#define MAPA_GENERATE_H

#include <stddef.h>

#include <mapa/partnership.h>

#ifdef __cplusplus
extern "C" {
#endif

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
mapa_err mapa_generate_actions(mapa_partnership *p, size_t n, double dup_share, unsigned long seed,
                               mapa_planted_pair **truth, size_t *n_truth);

/**
 * A synthetic partnership's configuration (docs/generator.md). Sizes are
 * required; the rest have the defaults of MAPA_GENERATOR_INIT.
 */
typedef struct mapa_generator {
    size_t members, topics, agencies;
    unsigned long seed;
    size_t prefs;           /**< topics each member ranks (3) */
    double agency_skew;     /**< Zipf exponent of agency sizes (1) */
    double popularity_skew; /**< Zipf exponent of topic popularity (0.8) */
    double dispersion;      /**< Plackett-Luce temperature: 0 consensus, large = uniform (1) */
    double affinity;        /**< log-worth bonus of a topic close to the member's sector (1) */
    double capacity_slack;  /**< max_size = ceil(slack x members / topics) (1.5) */
    size_t min_agencies;    /**< per team (2) */
    size_t cf_required;     /**< per team (2) */
    double spoc_willing;    /**< share of members willing to be a SPOC (0.4) */
    size_t coordinators;    /**< members on the co-ordination team (2) */
    size_t actions;         /**< actions in the action plans (0) */
    double duplicate_share; /**< share of them paraphrased copies (0.05) */
    size_t interactions;    /**< logged contacts (0) */
} mapa_generator;

#define MAPA_GENERATOR_INIT                                                                         \
    {                                                                                              \
        .seed = 1, .prefs = 3, .agency_skew = 1.0, .popularity_skew = 0.8, .dispersion = 1.0,      \
        .affinity = 1.0, .capacity_slack = 1.5, .min_agencies = 2, .cf_required = 2,               \
        .spoc_willing = 0.4, .coordinators = 2, .duplicate_share = 0.05                            \
    }

/**
 * Set the parameter named `key` (members, topics, agencies, seed, prefs,
 * agency_skew, popularity_skew, dispersion, affinity, capacity_slack,
 * min_agencies, cf_required, spoc_willing, coordinators, actions,
 * duplicate_share, interactions) to `value`; counts must be whole numbers.
 * MAPA_EINVAL with a message naming the known keys otherwise.
 */
mapa_err mapa_generator_set(mapa_generator *g, const char *key, double value);

/** The parameter names, comma-separated (for messages and help). */
const char *mapa_generator_keys(void);

/** The value of parameter `key` as a number (NAN for an unknown key). */
double mapa_generator_get(const mapa_generator *g, const char *key);

/** Check a configuration: false with a message (mapa_error_last) when it cannot be built. */
mapa_err mapa_generator_check(const mapa_generator *g);

/**
 * A synthetic partnership drawn from g (GSL MT19937 seeded with g->seed: the
 * same configuration gives the same partnership). *truth / *n_truth receive
 * the planted duplicate pairs when actions are asked for (NULL / 0 otherwise).
 */
mapa_err mapa_generate_partnership(mapa_partnership **out, const mapa_generator *g,
                                   mapa_planted_pair **truth, size_t *n_truth);

/**
 * Write p as an ordinary partnership folder (agencies.csv, topics.csv,
 * members.csv, settings.json; actions.csv, interactions.csv and, given truth,
 * planted_duplicates.csv when there are any). Each file whole or absent.
 */
mapa_err mapa_partnership_write(const mapa_partnership *p, const char *dir,
                                const mapa_planted_pair *truth, size_t n_truth);

#ifdef __cplusplus
}
#endif

#endif
