/* Two-step reach among the Critical Friend flow's optimal plans (many teams). */
#ifndef MAPA_SOLVER_CF_REACH_H
#define MAPA_SOLVER_CF_REACH_H

#include "solver/cf_problem.h"
#include "solver/mcf.h"

/** The flow's arcs, as cf_flow.c built them. */
typedef struct mapa__cf_arcs {
    mapa__mcf *g;
    const size_t *arc;      /* [i * T + t]: candidate i -> (home i, t), or MAPA_NONE */
    const size_t *s_arc;    /* [i]: S -> candidate i, the first unit */
    const size_t *pair_arc; /* [h * T + t]: (h, t) -> t */
} mapa__cf_arcs;

/**
 * Raise the share of ordered team pairs within two steps without leaving the
 * flow's optimal plans: zero-cost swaps (a free member of team h replaces the
 * CF from team h2 of team t) kept when the team graph stays strongly connected
 * and more pairs are within two steps. `who` ([h * T + t], the candidate of h
 * reviewing t or MAPA_NONE) describes a strongly connected plan and is kept up
 * to date; *swaps counts the swaps kept. A bounded local search: the primary
 * objective stays proven optimal; the reach is proven best only when it meets
 * the upper bound places x (1 + largest cf_required) (*at_bound).
 */
mapa_err mapa__cf_raise_reach(const mapa__cf_problem *pr, const mapa__cf_arcs *a, size_t *who,
                              size_t *swaps, bool *at_bound);

/** Upper bound on the ordered team pairs within two steps of any one-stage plan. */
size_t mapa__cf_reach_bound(const mapa__cf_problem *pr);

#endif
