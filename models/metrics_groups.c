/*
 * Agency and sector figures: Krackhardt and Stern's E-I index (whole network,
 * per agency, per member, by sector), density inside each agency, nominal
 * assortativity (igraph), and the agency graph (agencies tied when any of
 * their members are): density, Freeman centralizations (igraph) and the
 * algebraic connectivity, the second-smallest eigenvalue of its Laplacian
 * (GSL's symmetric eigensolver).
 */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_eigen.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_sort_vector.h>

#include "models/igraph_net.h"
#include "models/metrics_internal.h"

enum { N_SECTORS = 16 };

static double ei(double external, double internal)
{
    return external + internal > 0 ? (external - internal) / (external + internal) : NAN;
}

static mapa_err by_agency(mapa_metrics *m, const mapa_network *net)
{
    size_t G = net->n_groups;
    m->n_groups = G;
    m->group = calloc(G + 1, sizeof *m->group);
    if (!m->group)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for agency figures");
    mapa_err err = MAPA_OK;
    double *ext = calloc(net->n + 1, sizeof *ext), *in = calloc(net->n + 1, sizeof *in);
    if (!ext || !in) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory for agency figures");
        goto cleanup;
    }
    for (size_t v = 0; v < net->n; v++)
        if (net->group[v] < G)
            m->group[net->group[v]].size++;
    size_t E = 0, I = 0, Es = 0, Is = 0;
    size_t sec_e[N_SECTORS] = {0}, sec_i[N_SECTORS] = {0};
    for (size_t k = 0; k < net->n_ties; k++) {
        size_t a = net->ties[k].a, b = net->ties[k].b, ga = net->group[a], gb = net->group[b];
        if (ga >= G || gb >= G)
            continue;
        bool same = ga == gb;
        (same ? in : ext)[a]++;
        (same ? in : ext)[b]++;
        if (same) {
            m->group[ga].internal++;
            I++;
        } else {
            m->group[ga].external++;
            m->group[gb].external++;
            E++;
        }
        size_t sa = net->sector ? net->sector[a] : MAPA_NONE,
               sb = net->sector ? net->sector[b] : MAPA_NONE;
        if (sa < N_SECTORS && sb < N_SECTORS) {
            if (sa == sb) {
                sec_i[sa]++;
                Is++;
            } else {
                sec_e[sa]++;
                sec_e[sb]++;
                Es++;
            }
        }
    }
    for (size_t v = 0; v < net->n; v++)
        m->node[v].ei = ei(ext[v], in[v]);
    for (size_t g = 0; g < G; g++) {
        mapa_group_metrics *x = &m->group[g];
        x->ei = ei((double)x->external, (double)x->internal);
        x->density =
            x->size > 1 ? (double)x->internal / ((double)x->size * (double)(x->size - 1) / 2) : NAN;
        for (int r = 0; r < MAPA_BROKER_ROLES; r++)
            x->brokerage[r] = 0;
    }
    for (size_t v = 0; v < net->n; v++)
        for (int r = 0; net->group[v] < G && r < MAPA_BROKER_ROLES; r++)
            if (!isnan(m->node[v].brokerage[r]))
                m->group[net->group[v]].brokerage[r] += m->node[v].brokerage[r];
    m->ei = ei((double)E, (double)I);
    m->ei_sector = net->sector ? ei((double)Es, (double)Is) : NAN;
    for (size_t s = 0; s < N_SECTORS; s++) {
        m->sector_ei[s] = ei((double)sec_e[s], (double)sec_i[s]);
        m->sector_size[s] = 0;
    }
    for (size_t v = 0; net->sector && v < net->n; v++)
        if (net->sector[v] < N_SECTORS)
            m->sector_size[net->sector[v]]++;
cleanup:
    free(ext);
    free(in);
    return err;
}

static mapa_err assortativity(double *out, const igraph_t *g, const size_t *type, size_t n)
{
    *out = NAN;
    if (!type || igraph_ecount(g) == 0)
        return MAPA_OK;
    igraph_vector_int_t t;
    if (igraph_vector_int_init(&t, (igraph_integer_t)n) != IGRAPH_SUCCESS)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for assortativity");
    for (size_t v = 0; v < n; v++)
        VECTOR(t)[v] = type[v] == MAPA_NONE ? 0 : (igraph_integer_t)type[v];
    igraph_error_t rc = igraph_assortativity_nominal(g, &t, out, false, true);
    igraph_vector_int_destroy(&t);
    return rc == IGRAPH_SUCCESS ? MAPA_OK : mapa__igraph_error(rc, "assortativity");
}

/* Second-smallest eigenvalue of the (unweighted) Laplacian of the agency graph. */
static mapa_err algebraic(double *out, const mapa_network *agencies)
{
    size_t A = agencies->n;
    *out = NAN;
    if (A < 2)
        return MAPA_OK;
    gsl_matrix *L = gsl_matrix_calloc(A, A);
    gsl_vector *eval = gsl_vector_alloc(A);
    gsl_eigen_symm_workspace *w = gsl_eigen_symm_alloc(A);
    mapa_err err = MAPA_OK;
    if (!L || !eval || !w) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory for the Laplacian");
        goto cleanup;
    }
    for (size_t k = 0; k < agencies->n_ties; k++) {
        size_t a = agencies->ties[k].a, b = agencies->ties[k].b;
        gsl_matrix_set(L, a, b, -1);
        gsl_matrix_set(L, b, a, -1);
        gsl_matrix_set(L, a, a, gsl_matrix_get(L, a, a) + 1);
        gsl_matrix_set(L, b, b, gsl_matrix_get(L, b, b) + 1);
    }
    if (gsl_eigen_symm(L, eval, w) != 0) {
        err = mapa_error_set(MAPA_EDEPENDENCY, "GSL could not find the Laplacian's eigenvalues");
        goto cleanup;
    }
    gsl_sort_vector(eval);
    double v = gsl_vector_get(eval, 1);
    *out = fabs(v) < 1e-9 ? 0 : v;
cleanup:
    gsl_eigen_symm_free(w);
    gsl_vector_free(eval);
    gsl_matrix_free(L);
    return err;
}

/* Freeman degree and betweenness centralizations of the agency graph (igraph). */
static mapa_err agency_centralization(mapa_metrics *m, const mapa_network *ag)
{
    igraph_t g;
    igraph_vector_t w, res;
    mapa_err err = mapa__igraph_from_network(&g, &w, ag);
    if (err != MAPA_OK)
        return err;
    igraph_real_t cent = 0, max = 0;
    igraph_error_t rc = igraph_vector_init(&res, 0);
    if (rc == IGRAPH_SUCCESS)
        rc = igraph_centralization_degree(&g, &res, IGRAPH_ALL, false, &cent, &max, true);
    m->agency_degree_centralization = cent;
    if (rc == IGRAPH_SUCCESS)
        rc = igraph_centralization_betweenness(&g, &res, false, &cent, &max, true);
    m->agency_betweenness_centralization = cent;
    if (rc != IGRAPH_SUCCESS)
        err = mapa__igraph_error(rc, "agency centralization");
    igraph_vector_destroy(&res);
    igraph_vector_destroy(&w);
    igraph_destroy(&g);
    return err;
}

mapa_err mapa__metrics_agency_figures(mapa_metrics *m, const mapa_network *ag)
{
    m->agency_nodes = ag->n;
    m->agency_ties = ag->n_ties;
    m->agency_density =
        ag->n > 1 ? (double)ag->n_ties / ((double)ag->n * (double)(ag->n - 1) / 2) : NAN;
    m->agency_degree_centralization = m->agency_betweenness_centralization = NAN;
    if (ag->n > 2) {
        mapa_err err = agency_centralization(m, ag);
        if (err != MAPA_OK)
            return err;
    }
    return algebraic(&m->algebraic_connectivity, ag);
}

static mapa_err agency_graph(mapa_metrics *m, const mapa_network *net)
{
    mapa_network ag = MAPA_NETWORK_INIT;
    ag.n = net->n_groups;
    mapa_err err = MAPA_OK;
    for (size_t k = 0; k < net->n_ties; k++) {
        size_t ga = net->group[net->ties[k].a], gb = net->group[net->ties[k].b];
        if (ga >= ag.n || gb >= ag.n || ga == gb)
            continue;
        err = mapa_network_add_tie(&ag, ga, gb, 1, net->ties[k].kind);
        if (err != MAPA_OK)
            goto cleanup;
    }
    mapa_network_finish(&ag);
    err = mapa__metrics_agency_figures(m, &ag);
cleanup:
    free(ag.ties);
    return err;
}

void mapa__metrics_groups_init(mapa_metrics *m)
{
    m->ei = m->ei_sector = m->assortativity_agency = m->assortativity_sector = NAN;
    m->agency_density = m->algebraic_connectivity = NAN;
    m->agency_degree_centralization = m->agency_betweenness_centralization = NAN;
    for (size_t s = 0; s < N_SECTORS; s++)
        m->sector_ei[s] = NAN;
}

mapa_err mapa__metrics_groups(mapa_metrics *m, const mapa_network *net, const igraph_t *g,
                              const mapa__quotient *q)
{
    mapa__metrics_groups_init(m);
    mapa_err err = mapa__metrics_brokerage(m, net, q);
    if (err != MAPA_OK || !net->group || net->n_groups == 0)
        return err;
    err = by_agency(m, net);
    if (err != MAPA_OK)
        return err;
    err = assortativity(&m->assortativity_agency, g, net->group, net->n);
    if (err != MAPA_OK)
        return err;
    err = assortativity(&m->assortativity_sector, g, net->sector, net->n);
    if (err != MAPA_OK)
        return err;
    return agency_graph(m, net);
}
