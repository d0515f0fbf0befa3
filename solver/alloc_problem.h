/* The allocation problem as every solver path sees it: members, scores, what is allowed. */
#ifndef MAPA_SOLVER_ALLOC_PROBLEM_H
#define MAPA_SOLVER_ALLOC_PROBLEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mapa/alloc.h>

/** Objective values are integers in these units (milli-points, docs/model.md). */
#define MAPA_SCORE_SCALE 1000

typedef struct mapa__alloc_problem {
    const mapa_partnership *p;
    const mapa_settings *s;
    size_t n;               /* allocatable members */
    size_t *member;         /* their indices in p->members */
    size_t K;               /* ranks scored */
    size_t rank_limit;      /* "fair": ranks above it are not allowed; K + 1: no limit */
    int64_t *rank_score;    /* [0..K]: [0] outside the ranking (0) */
    int64_t stay_bonus;     /* for staying in previous_team */
    int64_t scale;          /* objective = total / scale */
    size_t n_with_previous; /* members with a previous team */
    double deadline;        /* mapa__now() by which the stage must end; 0: no limit */
} mapa__alloc_problem;

/**
 * Largest magnitude an objective total may reach, in score units: GLPK works in
 * doubles, which hold every integer exactly only up to 2^53.
 */
#define MAPA_EXACT_LIMIT 9007199254740992.0

/** Seconds left before pr->deadline (INFINITY without a limit; <= 0 when past it). */
double mapa__alloc_remaining(const mapa__alloc_problem *pr);

/** A GLPK time limit (milliseconds, tm_lim) from a number of seconds left (INFINITY: none). */
int mapa__glpk_ms(double seconds);

/** Build the problem for `p` under its settings. */
mapa_err mapa__alloc_problem_init(mapa__alloc_problem *pr, const mapa_partnership *p);
void mapa__alloc_problem_dispose(mapa__alloc_problem *pr);

/** Score of placing member `m` (index in p) in topic `t`, staying bonus included. */
int64_t mapa__alloc_score(const mapa__alloc_problem *pr, size_t m, size_t t);

/** Whether member `m` may be placed in topic `t` (avoid, fixed, fair's rank limit). */
bool mapa__alloc_allowed(const mapa__alloc_problem *pr, size_t m, size_t t);

/** Whether member `m` is interchangeable within its agency outside its own options. */
bool mapa__alloc_pooled(const mapa__alloc_problem *pr, size_t m);

/**
 * Whether `m` gets its own variable (arc) for topic `t`: allowed, and either not
 * pooled or scoring there (a rank or its previous team).
 */
bool mapa__alloc_explicit(const mapa__alloc_problem *pr, size_t m, size_t t);

/** The most any member scores anywhere. */
int64_t mapa__alloc_max_score(const mapa__alloc_problem *pr);

/* Side rows of a team, as bits of a mask (entry T of the mask is the max_moves row). */
enum {
    MAPA_SIDE_AGENCIES = 1,
    MAPA_SIDE_SPOC = 2,
    MAPA_SIDE_STATUTORY = 4,
    MAPA_SIDE_VOLUNTARY = 8,
    MAPA_SIDE_MOVES = 16
};

/**
 * Set in `mask` (T + 1 entries) the side rows (distinct agencies, SPOC, sector
 * cover, max moves) the plan `team` breaks; returns how many bits were not yet set.
 */
size_t mapa__alloc_side_violations(const mapa__alloc_problem *pr, const size_t *team,
                                   unsigned char *mask);

/** Fill the figures of `a` (counts by rank, moves, objective) from a->team. */
void mapa__alloc_figures(mapa_alloc *a, const mapa__alloc_problem *pr);

/** Record a note in `a` (formatted); false on out of memory. */
bool mapa__alloc_note(mapa_alloc *a, size_t topic, size_t agency, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/** Min-cost flow path: fills a->team, or sets a->status infeasible. */
mapa_err mapa__alloc_flow(mapa_alloc *a, const mapa__alloc_problem *pr, bool *usable);

/**
 * GLPK path (aggregated or full model, soft or hard). `side` (T + 1 entries)
 * says which side rows to start with (NULL: all of them); the rest are in the
 * model but free, and are switched on in place, in rounds, when the LP or the
 * integer optimum breaks them: each round re-optimises the same glp_prob from
 * its last basis by dual simplex, never from scratch. On return `side` holds
 * every row used. Every LP and branch-and-cut gets the time left before
 * pr->deadline.
 */
mapa_err mapa__alloc_glpk(mapa_alloc *a, const mapa__alloc_problem *pr, const mapa_alloc_options *o,
                          bool full, bool soft, unsigned char *side);

/** Baselines: greedy serial dictatorship or random, seeded by settings.seed. */
mapa_err mapa__alloc_baseline(mapa_alloc *a, const mapa__alloc_problem *pr, bool greedy);

/** Note every rule the plan in `a` breaks (for baselines); returns how many. */
size_t mapa__alloc_note_violations(mapa_alloc *a, const mapa_partnership *p);

/** Write the aggregated (or full) model as CPLEX LP without solving it. */
mapa_err mapa__alloc_write_lp(const mapa__alloc_problem *pr, const char *path, bool full);

/** Supply and demand checks before solving; notes each shortfall. Returns false if any. */
bool mapa__alloc_precheck(mapa_alloc *a, const mapa__alloc_problem *pr);

#endif
