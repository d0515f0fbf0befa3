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
    size_t max_memory;      /* bytes a model may take (mapa__memory_limit) */
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

/** What mapa__alloc_side_violations returns when it could not count (out of memory). */
#define MAPA__ALLOC_UNKNOWN SIZE_MAX

/**
 * Set in `mask` (T + 1 entries) the side rows (distinct agencies, SPOC, sector
 * cover, max moves) the plan `team` breaks; returns how many bits were not yet set,
 * or MAPA__ALLOC_UNKNOWN (every bit set) when out of memory.
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

/**
 * Min-cost flow path: fills a->team, or sets a->status infeasible. Among the
 * flow's optima it takes one that gives teams a SPOC-willing member where
 * zero-cost cycles allow (docs/model.md, "Repair").
 */
mapa_err mapa__alloc_flow(mapa_alloc *a, const mapa__alloc_problem *pr, bool *usable);

/** Prices on side rows (score units, >= 0; 0 for rows the model does not have). */
typedef struct mapa__alloc_prices {
    int64_t *spoc;             /* [T]: per willing member placed in t */
    int64_t *statutory;        /* [T]: per member of a statutory agency placed in t */
    int64_t *voluntary;        /* [T]: per member of a voluntary agency placed in t */
    int64_t stay;              /* per member kept in its previous team (the max_moves row) */
    const size_t *spoc_agency; /* [t]: the agency that must give team t a willing member
                                  (its SPOC), or MAPA_NONE; NULL: none (docs/model.md) */
    bool cover; /* after solving, zero-cost cycles give teams without a willing member one */
} mapa__alloc_prices;

/**
 * What a priced flow proves (docs/model.md, "Prices on the flow"). The loss
 * arrays may be NULL (then only the bound is filled).
 */
typedef struct mapa__alloc_duals {
    int64_t bound;      /* no plan's objective total (x scale) exceeds it */
    int64_t *x_loss;    /* [i * T + t]: a plan with x[i,t] = 1 totals at most bound - this;
                           INT64_MAX where the model has no x[i,t] */
    int64_t *u_loss;    /* [(2a + willing) * T + t]: likewise for u[class, t] >= 1 */
    int64_t *keep_loss; /* [i]: likewise for member i outside the flow's team chosen[i] */
    size_t *chosen;     /* [i]: the flow's team of member i by its own arc, or MAPA_NONE */
} mapa__alloc_duals;

/**
 * The flow with `price` in its costs (NULL: none). With `duals` (arrays of
 * n x T, 2A x T, n, n entries) also the Lagrangian bound and the losses; they
 * are valid only when a->certified (the flow's potentials prove it).
 */
mapa_err mapa__alloc_flow_priced(mapa_alloc *a, const mapa__alloc_problem *pr,
                                 const mapa__alloc_prices *price, mapa__alloc_duals *duals,
                                 bool *usable);

/** Column fixings for the GLPK model, per x[i,t] and u[(2a + w), t]. */
enum { MAPA_FIX_FREE = 0, MAPA_FIX_ZERO = 1, MAPA_FIX_ONE = 2 };

/**
 * GLPK on the aggregated model with every side row, where `xfix` (n x T) and
 * `ufix` (2A x T) fix columns (MAPA_FIX_*). Exact for the whole model when the
 * fixings follow from a bound no better plan can pass (mapa__alloc_priced).
 */
mapa_err mapa__alloc_glpk_fixed(mapa_alloc *a, const mapa__alloc_problem *pr,
                                const mapa_alloc_options *o, const unsigned char *xfix,
                                const unsigned char *ufix);

/**
 * Prices on the flow, then GLPK on what they leave open: subgradient steps on
 * the prices of the side rows the flow breaks, each a flow whose plan is moved
 * along its optimal face by zero-cost cycles (docs/model.md, "Repair"); the
 * best bound L and the best plan V that keeps every rule; when L = V the plan
 * is proven optimal; otherwise a SPOC agency per team is fixed and the moves
 * price raised, and if still L > V every column that loses more than L - V is
 * fixed and GLPK solves the rest with every row (exact). *done is false when
 * the path cannot apply (costs beyond 64 bits, a flow without certificate).
 * With `seeded`, a->team holds mapa__alloc_flow's certified plan, which
 * stands for the first round (no prices).
 */
mapa_err mapa__alloc_priced(mapa_alloc *a, const mapa__alloc_problem *pr,
                            const mapa_alloc_options *o, bool seeded, bool *done);

/** A plan's objective total in score units (objective x scale). */
int64_t mapa__alloc_total(const mapa__alloc_problem *pr, const size_t *team);

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

/** Supply and demand checks before solving; notes each shortfall; *feasible false if any. */
mapa_err mapa__alloc_precheck(bool *feasible, mapa_alloc *a, const mapa__alloc_problem *pr);

#endif
