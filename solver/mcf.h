/*
 * Min-cost flow by the primal-dual method: Dijkstra on reduced costs, then a
 * blocking flow (Dinic) on the arcs of zero reduced cost, until the flow has
 * its value. Made for allocation networks: many nodes, few distinct costs.
 */
#ifndef MAPA_SOLVER_MCF_H
#define MAPA_SOLVER_MCF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mapa/error.h>

typedef struct mapa__mcf mapa__mcf;

/** A network of `n_nodes` nodes; arcs are added before solving. */
mapa_err mapa__mcf_new(mapa__mcf **out, size_t n_nodes, size_t arcs_hint);
void mapa__mcf_free(mapa__mcf *g);

/**
 * Add an arc u -> v with capacity `cap` and cost `cost` (0 or more). `*arc`
 * (if not NULL) receives its id, for mapa__mcf_flow.
 */
mapa_err mapa__mcf_add_arc(mapa__mcf *g, size_t *arc, size_t u, size_t v, int64_t cap,
                           int64_t cost);

/**
 * Send up to `value` units from `s` to `t` at least cost. `*sent` receives the
 * value reached (less than `value` when no more can go). The phases are
 * O(E log V + E sqrt V) each; their number is that of distinct path costs.
 */
mapa_err mapa__mcf_solve(mapa__mcf *g, size_t s, size_t t, int64_t value, int64_t *sent);

/**
 * A check mapa__mcf_solve makes before each phase: when `stop(payload)` is
 * true it returns at once with the flow so far (less than asked for), and
 * mapa__mcf_stopped says so. NULL: never.
 */
void mapa__mcf_set_stop(mapa__mcf *g, bool (*stop)(void *), void *payload);

/** Whether the last mapa__mcf_solve ended on its stop check. */
bool mapa__mcf_stopped(const mapa__mcf *g);

/** Flow on an arc after solving. */
int64_t mapa__mcf_flow(const mapa__mcf *g, size_t arc);

/** Reduced cost of an arc under the final potentials (>= 0 where it has residual capacity). */
int64_t mapa__mcf_reduced_cost(const mapa__mcf *g, size_t arc);

/**
 * Push one unit around the given cycle of arcs if every arc has residual
 * capacity and the cycle costs nothing (then each arc's reduced cost is 0 and
 * the potentials still certify the flow); false and no change otherwise.
 */
bool mapa__mcf_try_cycle(mapa__mcf *g, const size_t *cycle, size_t length);

/** Undo mapa__mcf_try_cycle. */
void mapa__mcf_unpush(mapa__mcf *g, const size_t *cycle, size_t length);

/** Potential of a node after solving (reduced cost of u -> v at cost c: c + pi(u) - pi(v)). */
int64_t mapa__mcf_potential(const mapa__mcf *g, size_t node);

/** Arcs in the residual network (each added arc and its reverse: ids 2k and 2k + 1). */
size_t mapa__mcf_arc_count(const mapa__mcf *g);

/** Tail and head of an arc (or of its reverse, id ^ 1). */
size_t mapa__mcf_tail(const mapa__mcf *g, size_t arc);
size_t mapa__mcf_head(const mapa__mcf *g, size_t arc);

/** Residual capacity of an arc (of its reverse: the flow on it). */
int64_t mapa__mcf_residual(const mapa__mcf *g, size_t arc);

/**
 * The arcs leaving node u in the residual network (added arcs and reverses), after
 * solving: `*count` ids from `*arcs`, borrowed from g.
 */
void mapa__mcf_out_arcs(const mapa__mcf *g, size_t u, const size_t **arcs, size_t *count);

/** Total cost of the flow. */
int64_t mapa__mcf_cost(const mapa__mcf *g);

/**
 * Check optimality independently of the solve: every arc with residual
 * capacity has a non-negative reduced cost under the final node potentials
 * (complementary slackness). True when the flow is a min-cost flow of its value.
 */
bool mapa__mcf_certify(const mapa__mcf *g);

#endif
