/*
 * Duplicated actions across sub-teams: pairs of actions.csv rows that
 * describe the same work, scored by TF-IDF cosine of their text and by shared
 * tags, target group and dates; whether a Critical Friend link joins the two
 * teams (spotted) or not (a blind spot); clusters of duplicates.
 * docs/duplicates.md has every formula.
 */
#ifndef MAPA_DUPLICATES_H
#define MAPA_DUPLICATES_H

#include <stdbool.h>
#include <stddef.h>

#include <mapa/cf.h>
#include <mapa/partnership.h>
#include <mapa/text.h>

#ifdef __cplusplus
extern "C" {
#endif

enum { MAPA_DUP_TERMS = 5 };

/**
 * The default decision (docs/duplicates.md, "Calibration"): mutual top 3, a
 * combined score of at least 0.30, and (when every pair is scored) at least
 * 0.95 of each action's best match and 2.25 times its mean match score, and
 * not each naming a place or body the other does not; then the natural break
 * (MAPA_DUP_BREAK).
 */
#define MAPA_DUP_TOP_K 3
#define MAPA_DUP_FLOOR 0.30
/**
 * With every pair scored, the floor is the plan's typical pair score (the
 * median) plus this many robust spreads (1.4826 x the median absolute
 * deviation), between MAPA_DUP_FLOOR_MIN and the floor above: a plan of short
 * texts and free-text target groups scores everything lower, its duplicates too.
 * Up to 500 actions (larger plans keep the floor: docs/duplicates.md).
 */
#define MAPA_DUP_SPREADS   7.0
#define MAPA_DUP_FLOOR_MIN 0.10
#define MAPA_DUP_MIN_RATIO 2.25
/** A pair is kept when its score is at least this share of each action's best match. */
#define MAPA_DUP_NEAR_BEST 0.95
/** A drop of this much in the kept scores, with most pairs above it, ends the list there. */
#define MAPA_DUP_BREAK 0.15
/** A cluster holding more than this share of the actions is warned about. */
#define MAPA_DUP_CLUSTER_WARN 0.10

typedef enum mapa_dup_method {
    MAPA_DUP_AUTO,   /**< exact up to 2,000 actions, LSH above */
    MAPA_DUP_EXACT,  /**< every pair scored: the reference */
    MAPA_DUP_LSH,    /**< MinHash signatures, LSH bands, then verification */
    MAPA_DUP_TARGET, /**< every pair with the same target group */
    MAPA_DUP_TAGS    /**< every pair sharing a tag */
} mapa_dup_method;

/** How a scored pair becomes a duplicate. */
typedef enum mapa_dup_rule {
    MAPA_DUP_MUTUAL,   /**< each action among the other's top_k matches, from floor and min_ratio */
    MAPA_DUP_THRESHOLD /**< every pair from the setting duplicate_threshold (before 0.4) */
} mapa_dup_rule;

/**
 * The partnership's own words (synonyms.csv) and the pairs a co-ordinator has
 * ruled out (not_duplicates.csv). Value struct: MAPA_DUP_LEXICON_INIT,
 * mapa_dup_lexicon_dispose.
 */
typedef struct mapa_dup_lexicon {
    char **phrase;     /**< phrase[2k] means the same as phrase[2k+1]; owned */
    size_t n_synonyms; /**< pairs in `phrase` */
    size_t *ruled_out; /**< action indices: ruled_out[2k] is no duplicate of ruled_out[2k+1] */
    size_t n_ruled_out;
    size_t cap_phrase, cap_ruled;
} mapa_dup_lexicon;

#define MAPA_DUP_LEXICON_INIT                                                                      \
    {                                                                                              \
        .phrase = NULL                                                                             \
    }

/** Add "a means the same as b" (copies both). */
mapa_err mapa_dup_lexicon_add_synonym(mapa_dup_lexicon *l, const char *a, const char *b);
/** Rule out the pair of actions a, b (indices into p->actions). */
mapa_err mapa_dup_lexicon_rule_out(mapa_dup_lexicon *l, size_t a, size_t b);
void mapa_dup_lexicon_dispose(mapa_dup_lexicon *l);

/** Options; {0} (or MAPA_DUP_OPTIONS_INIT) gives every default. */
typedef struct mapa_dup_options {
    mapa_dup_method method;
    bool within_team; /**< also pairs inside one team */
    mapa_dup_rule rule;
    size_t top_k;     /**< mutual top k; 0: MAPA_DUP_TOP_K */
    double floor;     /**< lowest combined score of a duplicate; <= 0: MAPA_DUP_FLOOR */
    double min_ratio; /**< lowest score / each action's mean match score; <= 0: the default */
    bool no_glossary; /**< leave out the shipped glossary's equivalent terms */
    const mapa_dup_lexicon *lexicon; /**< synonyms and ruled-out pairs, or NULL; borrowed */
    double near_best; /**< lowest score / each action's best match; <= 0: MAPA_DUP_NEAR_BEST */
    double gap;       /**< the natural break's drop; 0: MAPA_DUP_BREAK, above 1: no break */
    /** The difference-aware score (experimental, off): score x (1 - c + c x contrast), the
        contrast being the shared rare stems over those and the unmatched rare stems of
        both actions (docs/duplicates.md); 0: off, up to 1. */
    double contrast;
    /** A stem in at least this share of the actions weighs 0 in the contrast; <= 0: 0.05. */
    double template_share;
    /** Keep pairs where each action names a place or body (a proper name) the other does
        not; false (the default, every pair scored): such pairs are left out. */
    bool keep_different_names;
    /** The plan-scaled floor's spreads above the median pair; <= 0: MAPA_DUP_SPREADS. */
    double spreads;
    /** true: the floor as given (`floor`), not lowered to the plan's scale. */
    bool fixed_floor;
} mapa_dup_options;

#define MAPA_DUP_OPTIONS_INIT                                                                      \
    {                                                                                              \
        .method = MAPA_DUP_AUTO                                                                    \
    }

typedef struct mapa_dup_pair {
    size_t a, b;  /**< action indices, a < b */
    double score; /**< combined, 0..1 */
    double cosine, tags, dates;
    bool same_target;
    int overlap_days;        /**< days both run; 0 when disjoint or undated */
    bool spotted;            /**< a Critical Friend link joins the two teams */
    size_t rank_a;           /**< b's place among a's matches (1: a's best match) */
    size_t rank_b;           /**< a's place among b's matches */
    double z_a, z_b;         /**< standard deviations above the mean score of a's (b's) matches */
    double ratio_a, ratio_b; /**< score over the mean score of a's (b's) matches */
    size_t cluster;          /**< MAPA_NONE when a and b ended in different clusters */
    size_t terms[MAPA_DUP_TERMS]; /**< shared stems, most telling first (mapa_text_word) */
    size_t n_terms;
} mapa_dup_pair;

typedef struct mapa_duplicates {
    mapa_dup_pair *pairs; /**< by score, highest first */
    size_t n_pairs;
    size_t n_clusters;
    size_t *action_cluster; /**< per action: its cluster, MAPA_NONE when in none; owned */
    size_t largest_cluster; /**< actions in the largest cluster */
    size_t blind_spots;     /**< pairs across teams that no CF link joins */
    bool have_plan;         /**< spotted/blind spot known (Critical Friends given) */
    const char *method;     /**< "exact", "lsh", "blocking by target group", "blocking by tags" */
    char rule[128];     /**< the decision in words: "mutual top 3 within 5% of each best, ..." */
    size_t candidates;  /**< pairs scored */
    size_t ruled_out;   /**< scored pairs left out because not_duplicates.csv lists them */
    size_t bands, rows; /**< LSH parameters (0 without LSH) */
    double seconds;
    char *warning;   /**< why the largest cluster is large, or NULL; owned */
    mapa_text *text; /**< the vocabulary of `terms`; owned */
    double cut;      /**< the natural break: pairs below this score were left out; 0 when none */
    size_t names_differ;   /**< pairs from the floor left out: each names what the other does not */
    double floor;          /**< the floor used (plan-scaled, or as given) */
    double median, spread; /**< the plan's median pair score and robust spread (0 unless exact) */
} mapa_duplicates;

/** An empty result (what mapa_duplicates_dispose leaves). */
#define MAPA_DUPLICATES_INIT                                                                       \
    {                                                                                              \
        .pairs = NULL                                                                              \
    }

/**
 * Find the duplicated actions of p->actions with p->settings (weights,
 * dup_jaccard, and dup_threshold under MAPA_DUP_THRESHOLD). `team` (per
 * member) and `cf` may be NULL: without them no pair is marked spotted and
 * have_plan is false. Clusters: average linkage on the kept pairs
 * (docs/duplicates.md).
 */
mapa_err mapa_duplicates_find(mapa_duplicates *out, const mapa_partnership *p, const size_t *team,
                              const mapa_cf *cf, const mapa_dup_options *options);

void mapa_duplicates_dispose(mapa_duplicates *d);

/**
 * How much the action plans of each pair of teams overlap: out[h * T + t] =
 * out[t * T + h] = the sum of the combined scores of the duplicate pairs
 * between teams h and t (T = p->n_topics; the diagonal is 0). The data of
 * the Critical Friend term that rewards a link h -> t where plans overlap.
 * `*out` is malloc'd, the caller frees it. O(T^2 + pairs).
 */
mapa_err mapa_duplicates_overlap(double **out, const mapa_partnership *p, const mapa_duplicates *d);

/**
 * Mark each pair spotted or not, and count the blind spots, for a plan:
 * `team` (per member) and `cf`; both NULL clears the marks (have_plan false).
 * Lets a pipeline find duplicates before the Critical Friends (to weigh the
 * overlap in their objective) and mark them after. O(T^2 + CF pairs + pairs).
 */
mapa_err mapa_duplicates_mark(mapa_duplicates *d, const mapa_partnership *p, const size_t *team,
                              const mapa_cf *cf);

/** One entry of the shipped glossary (docs/duplicates.md lists it all). */
typedef struct mapa_dup_term {
    const char *term;      /**< as written, e.g. "NRM" */
    const char *same_as;   /**< equivalent phrases, "|"-separated ("" when none) */
    const char *meaning;   /**< one line */
    const char *reference; /**< the page or section that defines it */
} mapa_dup_term;

/** The shipped glossary of the field's terms and acronyms; static, `*n` entries. */
const mapa_dup_term *mapa_dup_glossary(size_t *n);

/** An everyday word and its equivalents (docs/duplicates.md). */
typedef struct mapa_dup_word {
    const char *term;    /**< the plainest phrase, e.g. "leaflet" */
    const char *same_as; /**< equivalent phrases, "|"-separated */
} mapa_dup_word;

/** The shipped everyday words of action plans; static, `*n` entries. */
const mapa_dup_word *mapa_dup_everyday(size_t *n);

#ifdef __cplusplus
}
#endif

#endif
