/* Strong components and reach of the team graph, with igraph (0.10 API). */
#include <mapa/team_graph.h>

#include <igraph/igraph.h>
#include <stdlib.h>
#include "models/handlers.h"

static mapa_err build(igraph_t *g, size_t n, const size_t *from, const size_t *to, size_t n_arcs)
{
    igraph_vector_int_t edges;
    if (igraph_vector_int_init(&edges, (igraph_integer_t)(2 * n_arcs)) != IGRAPH_SUCCESS)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for the team graph");
    for (size_t k = 0; k < n_arcs; k++) {
        VECTOR(edges)[2 * k] = (igraph_integer_t)from[k];
        VECTOR(edges)[2 * k + 1] = (igraph_integer_t)to[k];
    }
    igraph_error_t rc = igraph_create(g, &edges, (igraph_integer_t)n, IGRAPH_DIRECTED);
    igraph_vector_int_destroy(&edges);
    if (rc != IGRAPH_SUCCESS)
        return mapa_error_set(MAPA_EDEPENDENCY, "igraph: %s", igraph_strerror(rc));
    return MAPA_OK;
}

static mapa_err components(size_t *membership, size_t *n_components, bool *is_source, bool *is_sink,
                           size_t n, const size_t *from, const size_t *to, size_t n_arcs)
{
    igraph_t g;
    mapa_err err = build(&g, n, from, to, n_arcs);
    if (err != MAPA_OK)
        return err;
    igraph_vector_int_t memb;
    igraph_integer_t count = 0;
    if (igraph_vector_int_init(&memb, 0) != IGRAPH_SUCCESS) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory for the team graph");
        goto cleanup;
    }
    igraph_error_t rc = igraph_connected_components(&g, &memb, NULL, &count, IGRAPH_STRONG);
    if (rc != IGRAPH_SUCCESS) {
        err = mapa_error_set(MAPA_EDEPENDENCY, "igraph: %s", igraph_strerror(rc));
        goto cleanup;
    }
    for (size_t t = 0; t < n; t++)
        membership[t] = (size_t)VECTOR(memb)[t];
    *n_components = (size_t)count;
    for (size_t c = 0; c < (size_t)count; c++) {
        if (is_source)
            is_source[c] = true;
        if (is_sink)
            is_sink[c] = true;
    }
    for (size_t k = 0; k < n_arcs; k++) {
        size_t a = membership[from[k]], b = membership[to[k]];
        if (a == b)
            continue;
        if (is_sink)
            is_sink[a] = false;
        if (is_source)
            is_source[b] = false;
    }
cleanup:
    igraph_vector_int_destroy(&memb); /* safe after a failed init */
    igraph_destroy(&g);
    return err;
}

/* The public entry point: GSL's and igraph's handlers quiet around the work (models/handlers.h). */
mapa_err mapa_team_graph_components(size_t *membership, size_t *n_components, bool *is_source,
                                    bool *is_sink, size_t n, const size_t *from, const size_t *to,
                                    size_t n_arcs)
{
    mapa__handlers saved;
    mapa__handlers_enter(&saved);
    mapa_err err = components(membership, n_components, is_source, is_sink, n, from, to, n_arcs);
    mapa__handlers_leave(&saved);
    return err;
}

static mapa_err measure(mapa_team_graph_figures *out, size_t n, const size_t *from,
                        const size_t *to, size_t n_arcs)
{
    *out = (mapa_team_graph_figures){0};
    size_t *memb = malloc((n ? n : 1) * sizeof *memb);
    if (!memb)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for the team graph");
    mapa_err err =
        mapa_team_graph_components(memb, &out->n_components, NULL, NULL, n, from, to, n_arcs);
    free(memb);
    if (err != MAPA_OK)
        return err;
    out->strongly_connected = n > 0 && out->n_components == 1;
    igraph_t g;
    err = build(&g, n, from, to, n_arcs);
    if (err != MAPA_OK)
        return err;
    igraph_matrix_t d;
    if (igraph_matrix_init(&d, 0, 0) != IGRAPH_SUCCESS) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory for the team graph");
        goto cleanup;
    }
    igraph_error_t rc = igraph_distances(&g, &d, igraph_vss_all(), igraph_vss_all(), IGRAPH_OUT);
    if (rc != IGRAPH_SUCCESS) {
        err = mapa_error_set(MAPA_EDEPENDENCY, "igraph: %s", igraph_strerror(rc));
        goto cleanup;
    }
    if (n > 1) {
        size_t one = 0, two = 0;
        igraph_real_t longest = 0;
        for (size_t h = 0; h < n; h++)
            for (size_t t = 0; t < n; t++) {
                igraph_real_t x = MATRIX(d, h, t);
                if (h == t)
                    continue;
                one += x == 1;
                two += x <= 2;
                if (x > longest)
                    longest = x;
            }
        double pairs = (double)n * (double)(n - 1);
        out->reach1 = (double)one / pairs;
        out->reach2 = (double)two / pairs;
        out->diameter = out->strongly_connected ? (size_t)longest : 0;
    }
cleanup:
    igraph_matrix_destroy(&d); /* safe after a failed init */
    igraph_destroy(&g);
    return err;
}

/* The public entry point: GSL's and igraph's handlers quiet around the work (models/handlers.h). */
mapa_err mapa_team_graph_measure(mapa_team_graph_figures *out, size_t n, const size_t *from,
                                 const size_t *to, size_t n_arcs)
{
    mapa__handlers saved;
    mapa__handlers_enter(&saved);
    mapa_err err = measure(out, n, from, to, n_arcs);
    mapa__handlers_leave(&saved);
    return err;
}
