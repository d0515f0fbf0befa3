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

typedef enum mapa_dup_method {
    MAPA_DUP_AUTO,   /**< exact up to 2,000 actions, LSH above */
    MAPA_DUP_EXACT,  /**< every pair scored: the reference */
    MAPA_DUP_LSH,    /**< MinHash signatures, LSH bands, then verification */
    MAPA_DUP_TARGET, /**< every pair with the same target group */
    MAPA_DUP_TAGS    /**< every pair sharing a tag */
} mapa_dup_method;

typedef struct mapa_dup_options {
    mapa_dup_method method;
    bool within_team; /**< also pairs inside one team */
} mapa_dup_options;

#define MAPA_DUP_OPTIONS_INIT {.method = MAPA_DUP_AUTO}

typedef struct mapa_dup_pair {
    size_t a, b;  /**< action indices, a < b */
    double score; /**< combined, 0..1 */
    double cosine, tags, dates;
    bool same_target;
    int overlap_days; /**< days both run; 0 when disjoint or undated */
    bool spotted;     /**< a Critical Friend link joins the two teams */
    size_t cluster;
    size_t terms[MAPA_DUP_TERMS]; /**< shared stems, most telling first (mapa_text_stem) */
    size_t n_terms;
} mapa_dup_pair;

typedef struct mapa_duplicates {
    mapa_dup_pair *pairs; /**< by score, highest first */
    size_t n_pairs;
    size_t n_clusters;
    size_t blind_spots; /**< pairs across teams that no CF link joins */
    bool have_plan;     /**< spotted/blind spot known (Critical Friends given) */
    const char *method; /**< "exact", "lsh", "blocking by target group", "blocking by tags" */
    size_t candidates;  /**< pairs scored */
    size_t bands, rows; /**< LSH parameters (0 without LSH) */
    double seconds;
    mapa_text *text; /**< the vocabulary of `terms`; owned */
} mapa_duplicates;

/** An empty result (what mapa_duplicates_dispose leaves). */
#define MAPA_DUPLICATES_INIT {.pairs = NULL}

/**
 * Find the duplicated actions of p->actions with p->settings (threshold,
 * weights, dup_jaccard). `team` (per member) and `cf` may be NULL: without
 * them no pair is marked spotted and have_plan is false.
 */
mapa_err mapa_duplicates_find(mapa_duplicates *out, const mapa_partnership *p, const size_t *team,
                              const mapa_cf *cf, const mapa_dup_options *options);

void mapa_duplicates_dispose(mapa_duplicates *d);

#ifdef __cplusplus
}
#endif

#endif
