/* The parts of mapa_metrics_compute, shared between its files. */
#ifndef MAPA_MODELS_METRICS_INTERNAL_H
#define MAPA_MODELS_METRICS_INTERNAL_H

#include <igraph/igraph.h>

#include <mapa/metrics.h>

#include "models/twins.h"

/** Agency and sector figures: E-I, brokerage, assortativity, the agency graph. */
mapa_err mapa__metrics_groups(mapa_metrics *m, const mapa_network *net, const igraph_t *g,
                              const mapa__quotient *q);

/** Gould-Fernandez brokerage of every node (raw counts and z-scores) by net->group. */
mapa_err mapa__metrics_brokerage(mapa_metrics *m, const mapa_network *net, const mapa__quotient *q);

#endif
