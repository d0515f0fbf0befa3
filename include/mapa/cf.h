/* Critical Friends: members of other sub-teams who join a team's Decision-making and Evaluation
 * stages. */
#ifndef MAPA_CF_H
#define MAPA_CF_H

#include <stdbool.h>
#include <stddef.h>

#include <mapa/alloc.h>
#include <mapa/error.h>
#include <mapa/partnership.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The two stages a Critical Friend joins (bits of mapa_cf_pair.stages). */
enum { MAPA_STAGE_DECISION = 1, MAPA_STAGE_EVALUATION = 2 };

typedef enum mapa_cf_policy {
    MAPA_CF_OPTIMAL = 0, /**< the integer program (docs/model.md) */
    MAPA_CF_RANDOM,      /**< seeded random CFs, keeping the rules where it can */
    MAPA_CF_NONE         /**< no Critical Friends (a research baseline) */
} mapa_cf_policy;

typedef struct mapa_cf_options {
    mapa_cf_policy policy;
    bool full;            /**< GLPK on the straightforward model only (for checks) */
    double time_limit;    /**< seconds for the whole stage; 0: settings.json time_limit, or none */
    const char *write_lp; /**< write the (last) model solved here, or NULL */
    void (*log)(const char *line, void *payload);
    void *payload;
    size_t max_memory; /**< bytes a model may take; 0: 80 % of the memory available */
    /** Members per team pair in the first flow network, more priced in as needed (exact);
     * 0: automatic (all below 2 million candidate-team arcs, else 4). For checks. */
    size_t pair_members;
    /** T x T: how much the teams' action plans overlap (mapa_duplicates_overlap), or NULL.
     * With settings cf_overlap_weight > 0 each link h -> t scores the weight times
     * overlap[h * T + t] (docs/model.md, "Where the plans overlap"). Borrowed. */
    const double *overlap;
} mapa_cf_options;

#define MAPA_CF_OPTIONS_INIT {.policy = MAPA_CF_OPTIMAL}

/** One Critical Friend: `member` reviews `team` in `stages`. */
typedef struct mapa_cf_pair {
    size_t member;
    size_t team;
    unsigned stages;
    size_t rank; /**< the rank the member gave the reviewed topic, 0 if none */
    bool novel;  /**< the member's agency has no one in the reviewed team */
} mapa_cf_pair;

typedef struct mapa_cf {
    mapa_status status;
    const char *method; /**< "min-cost flow", "glpk", "random", "none" (static) */
    mapa_cf_pair *pairs;
    size_t n_pairs;
    size_t n_topics;
    size_t places; /**< CF places asked for (teams x stages x cf_required) */
    size_t filled;
    size_t *short_by; /**< per team: places left empty */
    double objective, bound, gap, seconds;
    bool certified;    /**< proven by the flow's dual certificate */
    size_t cut_rounds; /**< connectivity cuts added, in rounds */
    /* the team graph: h -> t when a member of h is a CF of t */
    bool strongly_connected;
    double reach1;            /**< share of ordered team pairs joined directly */
    double reach2;            /**< share of ordered team pairs within two steps */
    size_t diameter;          /**< longest shortest path; 0 when not strongly connected */
    const char *reach_method; /**< how reach2 was optimised (static text) */
    size_t reach_swaps;       /**< swaps kept by the reach search among optimal plans */
    mapa_alloc_note *notes;   /**< why places are empty, or relaxations */
    size_t n_notes;
    bool overlap_used;        /**< the overlap term was in the objective */
    double overlap_value;     /**< its part of the objective */
    /** With the term, set by mapa_plan_run: duplicate pairs no CF link joins in this plan
     * and in the plan without the term; MAPA_NONE when not known. */
    size_t blind_spots, blind_spots_without;
} mapa_cf;

#define MAPA_CF_INIT                                                                              \
    {.status = MAPA_STATUS_INFEASIBLE, .method = "", .reach_method = "not optimised",             \
     .blind_spots = MAPA_NONE, .blind_spots_without = MAPA_NONE}

/**
 * Choose Critical Friends for the plan `team` (per member, a topic index or
 * MAPA_NONE) with SPOCs `spoc` (per topic), under p->settings (cf_required per
 * topic, cf_capacity per member, no_spoc_cf, cf_per_stage, the weights, soft).
 * Returns MAPA_OK whenever a result was produced (even infeasible).
 */
mapa_err mapa_cf_solve(mapa_cf *out, const mapa_partnership *p, const size_t *team,
                       const size_t *spoc, const mapa_cf_options *options);

void mapa_cf_dispose(mapa_cf *cf);

/**
 * Check CFs against every rule (docs/model.md): no CF of its own team, not a
 * co-ordinator, capacity, distinct home teams, cf_required per team and stage,
 * SPOCs when no_spoc_cf. Each violation goes to `report`; returns how many.
 */
size_t mapa_cf_violations(const mapa_partnership *p, const size_t *team, const size_t *spoc,
                          const mapa_cf *cf, mapa_violation_fn report, void *payload);

/** mapa_cf_violations, each violation with what it is about (for `mapa check`). */
size_t mapa_cf_check(const mapa_partnership *p, const size_t *team, const size_t *spoc,
                     const mapa_cf *cf, mapa_violation_at_fn report, void *payload);

#ifdef __cplusplus
}
#endif
#endif
