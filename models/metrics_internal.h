/* The parts of mapa_metrics_compute, shared between its files. */
#ifndef MAPA_MODELS_METRICS_INTERNAL_H
#define MAPA_MODELS_METRICS_INTERNAL_H

#include <igraph/igraph.h>

#include <mapa/metrics.h>

#include "models/twins.h"

/** Agency and sector figures: E-I, brokerage, assortativity, the agency graph. */
mapa_err mapa__metrics_groups(mapa_metrics *m, const mapa_network *net, const igraph_t *g,
                              const mapa__quotient *q);

/** The agency, sector and brokerage figures set to "none" (NaN). */
void mapa__metrics_groups_init(mapa_metrics *m);

/** Density, centralizations and algebraic connectivity of the agency graph `ag`. */
mapa_err mapa__metrics_agency_figures(mapa_metrics *m, const mapa_network *ag);

/**
 * Every figure but the shortest paths of a network with cliques (implied
 * ties), from its twin quotient alone: closed forms per class (docs/metrics.md,
 * "Large plans"). m->node[].betweenness must already be set. O(classes x
 * quotient ties) at most.
 */
mapa_err mapa__metrics_cliques(mapa_metrics *m, const mapa_network *net, const mapa__quotient *q,
                               const mapa_metrics_options *o);

/** Gould-Fernandez brokerage of every node (raw counts and z-scores) by net->group. */
mapa_err mapa__metrics_brokerage(mapa_metrics *m, const mapa_network *net, const mapa__quotient *q);

#endif
