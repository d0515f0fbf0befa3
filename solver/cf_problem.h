/* The Critical Friend problem as the flow, GLPK and baseline paths see it. */
#ifndef MAPA_SOLVER_CF_PROBLEM_H
#define MAPA_SOLVER_CF_PROBLEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mapa/cf.h>

/** Teams up to this many get the two-step reach term in the integer program. */
#define MAPA_CF_REACH_MAX_TEAMS 8

typedef struct mapa__cf_problem {
    const mapa_partnership *p;
    const mapa_settings *s;
    const size_t *team;     /* per member */
    const size_t *spoc;     /* per topic */
    size_t T, S;            /* teams, stages (1: the same CFs for both) */
    size_t n;               /* candidates */
    size_t *cand;           /* their member indices */
    size_t *cap;            /* their capacities, at most (T - 1) * S */
    unsigned char *present; /* [t * A + a]: agency a has a member in team t */
    size_t places;          /* sum of cf_required over teams, times S */
    int64_t scale;          /* scores are integers in 1/scale points (exact interest) */
    int64_t load_penalty;   /* per duty beyond a member's first, in 1/scale points */
    int64_t interest_unit;  /* per rank step of interest, in 1/scale points */
    int64_t novelty_unit;   /* for a novel agency, in 1/scale points */
    bool reach;             /* the reach term is in the integer program */
    double deadline;        /* mapa__now() by which the stage must end; 0: no limit */
    size_t max_memory;      /* bytes a model may take (mapa__memory_limit) */
    size_t pair_members;    /* mapa_cf_options.pair_members */
    int64_t *link;          /* [h * T + t]: the link term of h -> t (overlap), or NULL; owned */
} mapa__cf_problem;

/**
 * The link term from the overlap matrix (T x T, may be NULL) and settings
 * cf_overlap_weight: pr->link, in 1/scale points, or NULL when off.
 */
mapa_err mapa__cf_problem_link(mapa__cf_problem *pr, const double *overlap);

/** Seconds left before pr->deadline (INFINITY without a limit; <= 0 when past it). */
double mapa__cf_remaining(const mapa__cf_problem *pr);

mapa_err mapa__cf_problem_init(mapa__cf_problem *pr, const mapa_partnership *p, const size_t *team,
                               const size_t *spoc);
void mapa__cf_problem_dispose(mapa__cf_problem *pr);

/**
 * Score (1/scale points) of candidate member `m` reviewing team `t`: interest,
 * novelty, and the link term of home(m) -> t (distinct homes: one member per
 * link and stage, so the term is exact on every path).
 */
int64_t mapa__cf_score(const mapa__cf_problem *pr, size_t m, size_t t);

/** Home team of candidate i. */
static inline size_t mapa__cf_home(const mapa__cf_problem *pr, size_t i)
{
    return pr->team[pr->cand[i]];
}

/**
 * Transportation flow (one stage, no side rows); *usable false when it cannot
 * apply. `rc` (n x T entries, may be NULL) receives the reduced cost of each
 * candidate-team arc under the final potentials: a plan using that arc scores
 * at least that much below the flow's optimum (docs/model.md). When the plan is
 * strongly connected and the reach weight positive, zero-cost swaps raise its
 * two-step reach (cf_reach.h); *reach_best says the reach met its upper bound,
 * so the plan is optimal with the reach term too.
 */
mapa_err mapa__cf_flow(mapa_cf *out, const mapa__cf_problem *pr, bool *usable, int64_t *rc,
                       bool *reach_best);

/** Members per team pair in the flow's first network (0: every candidate-team arc). */
size_t mapa__cf_pair_keep(const mapa__cf_problem *pr);

/** A connectivity cut: the teams `in` must send a CF out (outward) or receive one. */
typedef struct mapa__cf_cut {
    unsigned char *in; /* [T]: team in the set */
    bool outward;
} mapa__cf_cut;

/**
 * Rows one solve found ("team h sends", cuts): valid whatever variables exist,
 * so a later solve of the same problem starts with them. Zero-initialise.
 */
typedef struct mapa__cf_rows {
    mapa__cf_cut *cuts;
    size_t n_cuts;
    bool *sends; /* [T], or NULL before the first solve */
} mapa__cf_rows;

void mapa__cf_rows_dispose(mapa__cf_rows *r);

/**
 * GLPK, adding "every team sends" rows and connectivity cuts in rounds until
 * the team graph is strongly connected. `soft` fills what it can. `allow`
 * (n x T, may be NULL for all) says which candidate-team variables exist.
 * `rows` (may be NULL): rows to start with, and on return every row used.
 */
mapa_err mapa__cf_glpk(mapa_cf *out, const mapa__cf_problem *pr, const mapa_cf_options *o,
                       bool soft, const unsigned char *allow, mapa__cf_rows *rows);

/** cf_required 1 everywhere, one stage, no reach term, not soft: the team graph is a tour. */
bool mapa__cf_tour_applies(const mapa__cf_problem *pr);

/** One stage, no reach term, not soft: the team-arc model without members applies. */
bool mapa__cf_arcs_apply(const mapa__cf_problem *pr);

/**
 * The team graph on T(T-1) arcs, each scored by its best member (no member
 * variables): with cf_required 1 everywhere a tour of the teams (an
 * asymmetric travelling-salesman problem: a heuristic tour, then GLPK with
 * subtour rows), otherwise a strongly connected graph whose members are then
 * chosen per home team by a flow. Status, bound and gap set. *usable false
 * when a team has no candidate or (not a tour) the members score less than
 * the graph: the general path decides then.
 */
mapa_err mapa__cf_tour(mapa_cf *out, const mapa__cf_problem *pr, const mapa_cf_options *o,
                       bool *usable);

/**
 * Each home team's best member part for every set of its out-arcs (T <= 8):
 * g[h * 2^T + mask] in 1/scale points (interest, novelty, the link term,
 * load), INT64_MIN where the set holds h or more arcs than h's members can
 * serve. 2^T min-cost flows per home.
 */
mapa_err mapa__cf_home_table(const mapa__cf_problem *pr, int64_t *g);

/** Append the best members for the team graph sel ([h * T + t]), per home team, to out. */
mapa_err mapa__cf_home_members(const mapa__cf_problem *pr, const unsigned char *sel, mapa_cf *out);

/**
 * Exact branch and bound over team graphs for the one-stage objective with
 * the two-step reach term (T <= 8, weights >= 0): *decided false when it does
 * not apply, finds no plan, or passes its node limit (the GLPK path decides).
 */
mapa_err mapa__cf_graphs(mapa_cf *out, const mapa__cf_problem *pr, const mapa_cf_options *o,
                         bool *decided);

/** Write the model of the first round (no connectivity rows) as CPLEX LP, unsolved. */
mapa_err mapa__cf_write_lp(const mapa__cf_problem *pr, const char *path);

/** Random or empty baselines. */
mapa_err mapa__cf_baseline(mapa_cf *out, const mapa__cf_problem *pr, bool random);

/** Append a pair; false on out of memory. */
bool mapa__cf_push(mapa_cf *out, const mapa__cf_problem *pr, size_t m, size_t t, unsigned stages);

/** Figures of out->pairs: filled, short_by, team graph, objective. */
mapa_err mapa__cf_figures(mapa_cf *out, const mapa__cf_problem *pr);

#endif
