/* The bridge from mapa_network to igraph (0.10 API). */
#include "models/igraph_net.h"

mapa_err mapa__igraph_error(igraph_error_t rc, const char *what)
{
    if (rc == IGRAPH_ENOMEM)
        return mapa_error_set(MAPA_ENOMEM, "out of memory computing %s", what);
    return mapa_error_set(MAPA_EDEPENDENCY, "igraph failed computing %s: %s", what,
                          igraph_strerror(rc));
}

mapa_err mapa__igraph_from_network(igraph_t *g, igraph_vector_t *weights, const mapa_network *net)
{
    igraph_vector_int_t edges;
    if (igraph_vector_int_init(&edges, (igraph_integer_t)(2 * net->n_ties)) != IGRAPH_SUCCESS)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for the network");
    mapa_err err = MAPA_OK;
    if (igraph_vector_init(weights, (igraph_integer_t)net->n_ties) != IGRAPH_SUCCESS) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory for the network");
        goto cleanup;
    }
    for (size_t k = 0; k < net->n_ties; k++) {
        VECTOR(edges)[2 * k] = (igraph_integer_t)net->ties[k].a;
        VECTOR(edges)[2 * k + 1] = (igraph_integer_t)net->ties[k].b;
        VECTOR(*weights)[k] = net->ties[k].weight;
    }
    igraph_error_t rc = igraph_create(g, &edges, (igraph_integer_t)net->n, IGRAPH_UNDIRECTED);
    if (rc != IGRAPH_SUCCESS) {
        igraph_vector_destroy(weights); /* the caller gets nothing to release */
        err = mapa__igraph_error(rc, "the network");
    }
cleanup:
    igraph_vector_int_destroy(&edges);
    return err;
}
