/* Allocation of members to sub-teams and the choice of each team's SPOC (docs/model.md). */
#ifndef MAPA_ALLOC_H
#define MAPA_ALLOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mapa/error.h>
#include <mapa/partnership.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Who decides the allocation. */
typedef enum mapa_alloc_policy {
    MAPA_POLICY_OPTIMAL = 0, /**< the integer program (docs/model.md) */
    MAPA_POLICY_GREEDY,      /**< serial dictatorship in a seeded random order */
    MAPA_POLICY_RANDOM       /**< a seeded random team with room */
} mapa_alloc_policy;

/** The outcome of a solve; infeasible and time-limited solves are results, not errors. */
typedef enum mapa_status {
    MAPA_STATUS_OPTIMAL = 0, /**< proven optimal */
    MAPA_STATUS_FEASIBLE,    /**< a plan, not proven optimal (baselines, gap reached) */
    MAPA_STATUS_INFEASIBLE,  /**< the hard limits cannot all hold; see the diagnosis */
    MAPA_STATUS_TIME_LIMIT   /**< stopped by the time limit, with bound and gap */
} mapa_status;

/** How the model is written for GLPK (both are exact; docs/model.md). */
typedef enum mapa_formulation {
    MAPA_FORMULATION_AUTO = 0,   /**< min-cost flow first, GLPK when side rows bind */
    MAPA_FORMULATION_AGGREGATED, /**< GLPK on the aggregated model only */
    MAPA_FORMULATION_FULL        /**< GLPK on a binary per member and topic (slow; for checks) */
} mapa_formulation;

typedef struct mapa_alloc_options {
    mapa_alloc_policy policy;
    mapa_formulation formulation;
    double time_limit;    /**< seconds for the whole stage; 0: settings.json time_limit, or none */
    double mip_gap;       /**< relative gap at which GLPK may stop, 0 for proven optimum */
    const char *write_lp; /**< write the model solved (CPLEX LP) here, or NULL */
    /** Optional log of what the solver does (one line, no newline); NULL for silence. */
    void (*log)(const char *line, void *payload);
    void *payload;
    size_t max_memory; /**< bytes a model may take; 0: 80 % of the memory available */
} mapa_alloc_options;

#define MAPA_ALLOC_OPTIONS_INIT {.policy = MAPA_POLICY_OPTIMAL, .formulation = MAPA_FORMULATION_AUTO}

/** One relaxation made by soft mode, or one reason the limits cannot hold. */
typedef struct mapa_alloc_note {
    size_t topic;  /**< topic index, or MAPA_NONE */
    size_t agency; /**< agency index, or MAPA_NONE */
    char *text;    /**< in a co-ordinator's words */
} mapa_alloc_note;

typedef struct mapa_alloc {
    mapa_status status;
    const char *method; /**< "min-cost flow", "glpk", "greedy", "random" (static) */
    size_t n_members;
    size_t *team; /**< per member: topic index, MAPA_NONE for co-ordinators */
    size_t *spoc; /**< per topic: member index, or MAPA_NONE (soft mode) */
    size_t n_topics;
    size_t max_rank;     /**< K at solve time */
    size_t *rank_counts; /**< [0..K+1]: [r] members placed at rank r; [K+1] outside their ranking;
                            [0] unused */
    size_t worst_rank; /**< the worst rank given to a member who ranked something (K+1: outside) */
    size_t moves;      /**< members placed away from their previous team */
    double objective;  /**< the objective's value (docs/model.md) */
    double bound;      /**< the best bound proven on it */
    double gap;        /**< relative gap between them, 0 when optimal */
    double seconds;
    bool certified;         /**< optimality checked by a dual certificate in code */
    mapa_alloc_note *notes; /**< diagnosis (infeasible) or relaxations (soft) */
    size_t n_notes;
} mapa_alloc;

#define MAPA_ALLOC_INIT {.status = MAPA_STATUS_INFEASIBLE, .method = ""}

/**
 * Allocate the members of `p` to its topics' sub-teams under p->settings and
 * choose each team's SPOC. `out` must be MAPA_ALLOC_INIT; the caller disposes it.
 * Returns MAPA_OK whenever a result (even infeasible) was produced; an error
 * code only when the solve itself failed (memory, GLPK).
 */
mapa_err mapa_alloc_solve(mapa_alloc *out, const mapa_partnership *p,
                          const mapa_alloc_options *options);

void mapa_alloc_dispose(mapa_alloc *a);

/**
 * Whether an allocation is a plan: every member but the co-ordinators has a
 * team (a baseline's plan that breaks rules is one; an infeasible optimum is
 * not). The one place this is decided. O(members).
 */
bool mapa_alloc_has_plan(const mapa_alloc *a, const mapa_partnership *p);

/** The status's name as summary.json spells it ("optimal", ...). */
const char *mapa_status_name(mapa_status status);

/** The rank member `m` gave topic `t` (1-based), or 0 when unranked. */
size_t mapa_member_rank(const mapa_member *m, size_t t);

/** Receives one violated constraint, in words. */
typedef void (*mapa_violation_fn)(const char *message, void *payload);

/**
 * Check a plan against every hard rule of the allocation model: each
 * allocatable member in exactly one allowed team (fixed_team, avoid_teams),
 * co-ordinators in none, sizes, agency caps, distinct agencies, sector cover
 * (as p->settings asks), max_moves, and one willing SPOC who is a member of
 * each team (`spoc` may be NULL to skip SPOCs). Each violation goes to
 * `report` (may be NULL); returns how many there are. O(members + agencies x topics).
 */
size_t mapa_alloc_violations(const mapa_partnership *p, const size_t *team, const size_t *spoc,
                             mapa_violation_fn report, void *payload);

/**
 * The objective (docs/model.md, as p->settings scores it) of the plan `team`,
 * made elsewhere, for comparison with the optimum. MAPA_EINVAL when an
 * allocatable member has no team. O(members).
 */
mapa_err mapa_alloc_objective(double *out, const mapa_partnership *p, const size_t *team);

/** The cell of a saved plan a broken rule points at. */
typedef enum mapa_violation_field {
    MAPA_VIOLATION_MEMBER,  /**< the member's id (member_id) */
    MAPA_VIOLATION_TEAM,    /**< the team (team_id; reviewed_team in critical_friends.csv) */
    MAPA_VIOLATION_SPOC,    /**< the spoc column */
    MAPA_VIOLATION_AGENCY   /**< the agency column */
} mapa_violation_field;

/** One broken rule, with what it is about (MAPA_NONE where it is about none). */
typedef struct mapa_violation {
    const char *message; /**< in words (borrowed for the call) */
    size_t member;       /**< the member whose row it is, or MAPA_NONE */
    size_t team;         /**< the team (topic index), or MAPA_NONE for the whole plan */
    size_t agency;       /**< the agency, or MAPA_NONE */
    mapa_violation_field field;
    size_t pair;         /**< the Critical Friend pair (row) it is about, or MAPA_NONE */
    bool cf;             /**< a rule of the Critical Friends: critical_friends.csv */
} mapa_violation;

/** Receives one broken rule with its place. */
typedef void (*mapa_violation_at_fn)(const mapa_violation *v, void *payload);

/** mapa_alloc_violations, each violation with what it is about (for `mapa check`). */
size_t mapa_alloc_check(const mapa_partnership *p, const size_t *team, const size_t *spoc,
                        mapa_violation_at_fn report, void *payload);

#ifdef __cplusplus
}
#endif
#endif
