/*
 * Gould-Fernandez brokerage (Gould and Fernandez 1989), counted as R's
 * sna::brokerage counts it on the network read as a symmetric digraph: for
 * each broker j and ordered pair (i, k) of j's neighbours, i != k, with no
 * tie i-k, the path i -> j -> k is classified by the agencies of i, j and k:
 * coordinator (one agency), itinerant (i and k in one, j in another),
 * representative (i with j, k elsewhere), gatekeeper (k with j, i elsewhere),
 * liaison (three agencies).
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

/* Open ordered pairs around a class's brokers, by the agencies at their ends. */
typedef struct pair_counts {
    double all, same;       /* pairs; pairs whose ends share an agency */
    double *from, *to, *in; /* [g]: pairs starting in g, ending in g, both ends in g */
} pair_counts;

/*
 * Every member j of a twin class X sees the same open pairs: its other
 * neighbours are S (outside X) and X - {j}, and every member of X is tied to
 * all of S and of X, so only pairs (i, k) within S can be open. Count them
 * once, from X's representative, by the agencies of i and k.
 */
static void count_class(const mapa_network *net, const mapa__quotient *q, const size_t *first,
                        const size_t *adj, unsigned char *mark, size_t x, pair_counts *c)
{
    size_t j = q->rep[x];
    for (size_t a = first[j]; a < first[j + 1]; a++) {
        size_t i = adj[a];
        if (q->of[i] == x)
            continue;
        for (size_t y = first[i]; y < first[i + 1]; y++)
            mark[adj[y]] = 1;
        for (size_t b = first[j]; b < first[j + 1]; b++) {
            size_t k = adj[b];
            if (k == i || mark[k] || q->of[k] == x)
                continue;
            size_t gi = net->group[i], gk = net->group[k];
            c->all++;
            c->from[gi]++;
            c->to[gk]++;
            if (gi == gk) {
                c->same++;
                c->in[gi]++;
            }
        }
        for (size_t y = first[i]; y < first[i + 1]; y++)
            mark[adj[y]] = 0;
    }
}

static void roles(const pair_counts *c, size_t g, double *count)
{
    count[MAPA_BROKER_COORDINATOR] = c->in[g];
    count[MAPA_BROKER_ITINERANT] = c->same - c->in[g];
    count[MAPA_BROKER_REPRESENTATIVE] = c->from[g] - c->in[g];
    count[MAPA_BROKER_GATEKEEPER] = c->to[g] - c->in[g];
    count[MAPA_BROKER_TOTAL] = c->all;
    count[MAPA_BROKER_LIAISON] = c->all - count[0] - count[1] - count[2] - count[3];
}

mapa_err mapa__metrics_brokerage(mapa_metrics *m, const mapa_network *net, const mapa__quotient *q)
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
    size_t *first = NULL, *adj = NULL, *cfirst = calloc(q->n + 2, sizeof *cfirst);
    size_t *members = malloc((n + 1) * sizeof *members);
    unsigned char *mark = calloc(n + 1, 1);
    double *size = calloc(G + 1, sizeof *size), *tables = calloc(3 * G + 3, sizeof *tables);
    mapa_err err = MAPA_OK;
    if (!adjacency(net, &first, &adj) || !mark || !size || !tables || !cfirst || !members) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory for brokerage");
        goto cleanup;
    }
    for (size_t v = 0; v < n; v++) {
        size[net->group[v]]++;
        cfirst[q->of[v] + 2]++;
    }
    for (size_t x = 2; x < q->n + 2; x++)
        cfirst[x] += cfirst[x - 1];
    for (size_t v = 0; v < n; v++)
        members[cfirst[q->of[v] + 1]++] = v;
    pair_counts c = {0, 0, tables, tables + G + 1, tables + 2 * G + 2};
    for (size_t x = 0; x < q->n; x++) {
        c.all = c.same = 0;
        for (size_t g = 0; g < G; g++)
            c.from[g] = c.to[g] = c.in[g] = 0;
        count_class(net, q, first, adj, mark, x, &c);
        for (size_t k = cfirst[x]; k < cfirst[x + 1]; k++)
            roles(&c, net->group[members[k]], m->node[members[k]].brokerage);
    }
    double N = (double)n, d = n > 1 ? 2 * (double)net->n_ties / (N * (N - 1)) : 0;
    for (size_t v = 0; v < n; v++) {
        double e[MAPA_BROKER_ROLES], var[MAPA_BROKER_ROLES];
        moments(N, d, size, G, net->group[v], e, var);
        for (int r = 0; r < MAPA_BROKER_ROLES; r++)
            m->node[v].brokerage_z[r] =
                var[r] > 0 ? (m->node[v].brokerage[r] - e[r]) / sqrt(var[r]) : NAN;
    }
cleanup:
    free(first);
    free(adj);
    free(mark);
    free(size);
    free(tables);
    free(cfirst);
    free(members);
    return err;
}
