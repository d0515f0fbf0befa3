/* The team graph of a Critical Friend plan: team h -> team t when a member of h reviews t. */
#ifndef MAPA_TEAM_GRAPH_H
#define MAPA_TEAM_GRAPH_H

#include <stdbool.h>
#include <stddef.h>

#include <mapa/error.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mapa_team_graph_figures {
    bool strongly_connected;
    size_t n_components; /**< strongly connected components */
    double reach1;       /**< share of ordered pairs (h, t), h != t, with an arc */
    double reach2;       /**< share of ordered pairs within two steps */
    size_t diameter;     /**< longest shortest path, 0 when not strongly connected */
} mapa_team_graph_figures;

/**
 * Figures of the directed graph on `n` teams with arcs from[k] -> to[k]
 * (repeats allowed). igraph: strong components, then all shortest paths;
 * O(n (n + arcs)).
 */
mapa_err mapa_team_graph_measure(mapa_team_graph_figures *out, size_t n, const size_t *from,
                                 const size_t *to, size_t n_arcs);

/**
 * Strong components: membership[t] receives team t's component (0-based),
 * `*n_components` their number; `is_source[c]` / `is_sink[c]` (arrays of
 * n entries, may be NULL) whether component c has no arc in / no arc out.
 */
mapa_err mapa_team_graph_components(size_t *membership, size_t *n_components, bool *is_source,
                                    bool *is_sink, size_t n, const size_t *from, const size_t *to,
                                    size_t n_arcs);

#ifdef __cplusplus
}
#endif
#endif
