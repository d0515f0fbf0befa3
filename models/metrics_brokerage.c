/*
 * Gould-Fernandez brokerage (Gould and Fernandez 1989), counted as R's
 * sna::brokerage counts it on the network read as a symmetric digraph: for
 * each broker j and ordered pair (i, k) of j's neighbours, i != k, with no
 * tie i-k, the path i -> j -> k is classified by the agencies of i, j and k.
 * z-scores use the expectation and variance of each count under a random
 * digraph of the same density given the agencies' sizes (sna::brokerage,
 * node level).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "models/metrics_internal.h"

/* Neighbour lists (CSR) of the undirected network. */
static bool adjacency(const mapa_network *net, size_t **first, size_t **adj)
{
    size_t n = net->n;
    *first = calloc(n + 2, sizeof **first);
    *adj = malloc((2 * net->n_ties + 1) * sizeof **adj);
    if (!*first || !*adj)
        return false;
    for (size_t k = 0; k < net->n_ties; k++) {
        (*first)[net->ties[k].a + 2]++;
        (*first)[net->ties[k].b + 2]++;
    }
    for (size_t v = 2; v < n + 2; v++)
        (*first)[v] += (*first)[v - 1];
    for (size_t k = 0; k < net->n_ties; k++) {
        (*adj)[(*first)[net->ties[k].a + 1]++] = net->ties[k].b;
        (*adj)[(*first)[net->ties[k].b + 1]++] = net->ties[k].a;
    }
    return true;
}

static int role(size_t gi, size_t gj, size_t gk)
{
    if (gi == gj && gj == gk)
        return MAPA_BROKER_COORDINATOR;
    if (gi == gk)
        return MAPA_BROKER_ITINERANT;
    if (gi == gj)
        return MAPA_BROKER_REPRESENTATIVE;
    if (gj == gk)
        return MAPA_BROKER_GATEKEEPER;
    return MAPA_BROKER_LIAISON;
}

static double choose2(double x)
{
    return x * (x - 1) / 2;
}

/* Expectation and variance of each count for a broker in a group of size ni. */
static void moments(double N, double d, const double *size, size_t G, size_t gi, double *e,
                    double *var)
{
    double p = d * d * (1 - d), q = d * d * d * pow(1 - d, 3), ni = size[gi];
    double s_nn1 = 0, s_nn1n2 = 0, s_liaison = 0, s_sq = 0, s_lv = 0, s_all = 0;
    for (size_t g = 0; g < G; g++) {
        if (g == gi)
            continue;
        double nk = size[g];
        s_nn1 += nk * (nk - 1);
        s_nn1n2 += nk * (nk - 1) * (nk - 2);
        s_all += nk;
        s_sq += nk * nk;
        s_lv += nk * choose2(N - nk - ni);
    }
    s_liaison = s_all * s_all - s_sq;
    e[MAPA_BROKER_COORDINATOR] = p * (ni - 1) * (ni - 2);
    var[MAPA_BROKER_COORDINATOR] = e[0] * (1 - p) + 2 * (ni - 1) * (ni - 2) * (ni - 3) * q;
    e[MAPA_BROKER_ITINERANT] = p * s_nn1;
    var[MAPA_BROKER_ITINERANT] = e[1] * (1 - p) + 2 * s_nn1n2 * q;
    e[MAPA_BROKER_REPRESENTATIVE] = p * (N - ni) * (ni - 1);
    var[MAPA_BROKER_REPRESENTATIVE] =
        e[2] * (1 - p) + 2 * ((ni - 1) * choose2(N - ni) + (N - ni) * choose2(ni - 1)) * q;
    e[MAPA_BROKER_GATEKEEPER] = e[2];
    var[MAPA_BROKER_GATEKEEPER] = var[2];
    e[MAPA_BROKER_LIAISON] = p * s_liaison;
    var[MAPA_BROKER_LIAISON] = e[4] * (1 - p) + 4 * s_lv * q;
    e[MAPA_BROKER_TOTAL] = p * (N - 1) * (N - 2);
    var[MAPA_BROKER_TOTAL] = e[5] * (1 - p) + 2 * (N - 1) * (N - 2) * (N - 3) * q;
}

mapa_err mapa__metrics_brokerage(mapa_metrics *m, const mapa_network *net)
{
    size_t n = net->n, G = net->n_groups;
    bool grouped = net->group != NULL && G > 0;
    for (size_t v = 0; grouped && v < n; v++)
        grouped = net->group[v] < G;
    for (size_t v = 0; v < n; v++)
        for (int r = 0; r < MAPA_BROKER_ROLES; r++)
            m->node[v].brokerage[r] = m->node[v].brokerage_z[r] = NAN;
    if (!grouped)
        return MAPA_OK; /* no agencies: no brokerage */
    size_t *first = NULL, *adj = NULL;
    unsigned char *mark = calloc(n + 1, 1);
    double *size = calloc(G + 1, sizeof *size);
    if (!adjacency(net, &first, &adj) || !mark || !size) {
        free(first);
        free(adj);
        free(mark);
        free(size);
        return mapa_error_set(MAPA_ENOMEM, "out of memory for brokerage");
    }
    for (size_t v = 0; v < n; v++)
        size[net->group[v]]++;
    for (size_t j = 0; j < n; j++) {
        double count[MAPA_BROKER_ROLES] = {0};
        for (size_t x = first[j]; x < first[j + 1]; x++) {
            size_t i = adj[x];
            for (size_t y = first[i]; y < first[i + 1]; y++)
                mark[adj[y]] = 1;
            for (size_t z = first[j]; z < first[j + 1]; z++) {
                size_t k = adj[z];
                if (k != i && !mark[k])
                    count[role(net->group[i], net->group[j], net->group[k])]++;
            }
            for (size_t y = first[i]; y < first[i + 1]; y++)
                mark[adj[y]] = 0;
        }
        for (int r = 0; r < MAPA_BROKER_TOTAL; r++)
            count[MAPA_BROKER_TOTAL] += count[r];
        memcpy(m->node[j].brokerage, count, sizeof count);
    }
    double N = (double)n, d = n > 1 ? 2 * (double)net->n_ties / (N * (N - 1)) : 0;
    for (size_t v = 0; v < n; v++) {
        double e[MAPA_BROKER_ROLES], var[MAPA_BROKER_ROLES];
        moments(N, d, size, G, net->group[v], e, var);
        for (int r = 0; r < MAPA_BROKER_ROLES; r++)
            m->node[v].brokerage_z[r] =
                var[r] > 0 ? (m->node[v].brokerage[r] - e[r]) / sqrt(var[r]) : NAN;
    }
    free(first);
    free(adj);
    free(mark);
    free(size);
    return MAPA_OK;
}
