/*
 * True twins (members with the same closed neighbourhood and the same tie
 * weights: in a plan, the members of a team with no other role; the graph has
 * an automorphism swapping any two, so their figures are equal) and the
 * quotient graph on their
 * classes, where shortest-path figures are computed exactly with each class
 * counted by its size.
 */
#ifndef MAPA_MODELS_TWINS_H
#define MAPA_MODELS_TWINS_H

#include <stdbool.h>
#include <stddef.h>

#include <mapa/network.h>

typedef struct mapa__quotient {
    size_t n;      /**< classes */
    size_t *of;    /**< class of each node */
    size_t *size;  /**< nodes in each class */
    size_t *rep;   /**< a node of each class */
    size_t *first; /**< CSR: neighbours of class x are adj[first[x] .. first[x+1]) */
    size_t *adj;
    double *w;      /**< weight of every tie between class x and class adj[e] */
    double *self;   /**< weight of the ties inside each class (0 for a single node) */
    size_t n_edges; /**< undirected quotient edges */
} mapa__quotient;

/**
 * Classes of true twins of `net` and the quotient graph, the implied ties of
 * cliques included without listing them. O(ties listed + clique sizes x classes
 * met in them) expected.
 */
mapa_err mapa__quotient_build(mapa__quotient *q, const mapa_network *net);
void mapa__quotient_dispose(mapa__quotient *q);

/**
 * Unweighted shortest-path figures of every node from the quotient (Brandes'
 * algorithm with class sizes as multiplicities): betweenness (raw, each
 * unordered pair once), harmonic closeness (sum of 1/d to the other nodes),
 * and the mean distance over ordered connected pairs (*mean_path, NaN without
 * any). Exact when `sources` is NULL (O(classes x quotient ties)); otherwise
 * estimated from the `n_sources` source nodes listed: dependencies scaled by
 * n / n_sources, closeness and distances averaged over the sources.
 */
mapa_err mapa__quotient_paths(const mapa__quotient *q, const size_t *sources, size_t n_sources,
                              double *betweenness, double *harmonic, double *mean_path);

#endif
