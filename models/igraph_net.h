/* A mapa_network as an igraph graph (undirected, simple), with igraph's errors as codes
 * (its handlers are quiet inside mapa's entry points: models/handlers.h). */
#ifndef MAPA_MODELS_IGRAPH_NET_H
#define MAPA_MODELS_IGRAPH_NET_H

#include <igraph/igraph.h>

#include <mapa/network.h>

/** Build `g` and `weights` (tie weights, edge order = net->ties). */
mapa_err mapa__igraph_from_network(igraph_t *g, igraph_vector_t *weights, const mapa_network *net);

/** A mapa error for igraph's code `rc` while computing `what`. */
mapa_err mapa__igraph_error(igraph_error_t rc, const char *what);

#endif
