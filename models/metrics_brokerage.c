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
    double all, same;  /* pairs; pairs whose ends share an agency */
    double *from, *in; /* [g]: pairs starting in g (as many end there), both ends in g */
} pair_counts;

/* Members of each class by agency: class x holds count[k] members of agency group[k], k in
 * first[x] .. first[x+1]. */
typedef struct histogram {
    size_t *first, *group;
    double *count;
    size_t *mfirst, *members; /* the members of class x: members[mfirst[x] .. mfirst[x+1]) */
} histogram;

static mapa_err histograms(histogram *h, const mapa_network *net, const mapa__quotient *q)
{
    size_t n = net->n, Q = q->n, G = net->n_groups;
    size_t *cfirst = h->mfirst = calloc(Q + 2, sizeof *cfirst);
    size_t *members = h->members = malloc((n + 1) * sizeof *members);
    double *dense = calloc(G + 1, sizeof *dense);
    h->first = calloc(Q + 2, sizeof *h->first);
    h->group = malloc((n + 1) * sizeof *h->group);
    h->count = malloc((n + 1) * sizeof *h->count);
    mapa_err err = MAPA_OK;
    if (!cfirst || !members || !dense || !h->first || !h->group || !h->count) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory for brokerage");
        goto cleanup;
    }
    for (size_t v = 0; v < n; v++)
        cfirst[q->of[v] + 2]++;
    for (size_t x = 2; x < Q + 2; x++)
        cfirst[x] += cfirst[x - 1];
    for (size_t v = 0; v < n; v++)
        members[cfirst[q->of[v] + 1]++] = v;
    size_t at = 0;
    for (size_t x = 0; x < Q; x++) {
        for (size_t k = cfirst[x]; k < cfirst[x + 1]; k++) {
            size_t g = net->group[members[k]];
            if (dense[g]++ == 0)
                h->group[at++] = g;
        }
        for (size_t k = h->first[x]; k < at; k++) {
            h->count[k] = dense[h->group[k]];
            dense[h->group[k]] = 0;
        }
        h->first[x + 1] = at;
    }
cleanup:
    free(dense);
    return err;
}

static void histograms_dispose(histogram *h)
{
    free(h->first);
    free(h->group);
    free(h->count);
    free(h->mfirst);
    free(h->members);
}

/*
 * Every member j of a twin class X sees the same open pairs: its other
 * neighbours are X - {j}, tied to all of j's neighbours, and the members of
 * X's neighbour classes; two members of one class are tied, and a member of
 * class Y and one of class Z are tied exactly when Y and Z are. So the open
 * ordered pairs (i, k) are the members of the pairs (Y, Z) of X's neighbour
 * classes, Y != Z, not adjacent: counted once per class, by the agencies of
 * i and k, from the classes' agency histograms.
 */
typedef struct broker_work {
    size_t *in_nbr, *adj_of, stamp; /* per class: marks */
    double *dense;                  /* [g]: members of agency g in class Y */
    size_t *touched, n_touched;     /* agencies whose from/in entries are set */
} broker_work;

static void touch(broker_work *b, pair_counts *c, size_t g)
{
    if (c->from[g] == 0 && c->in[g] == 0)
        b->touched[b->n_touched++] = g;
}

static void count_class(const mapa__quotient *q, const histogram *h, broker_work *b, size_t x,
                        pair_counts *c)
{
    for (size_t e = q->first[x]; e < q->first[x + 1]; e++)
        b->in_nbr[q->adj[e]] = x;
    for (size_t e = q->first[x]; e < q->first[x + 1]; e++) {
        size_t y = q->adj[e];
        b->stamp++;
        for (size_t f = q->first[y]; f < q->first[y + 1]; f++)
            b->adj_of[q->adj[f]] = b->stamp;
        for (size_t k = h->first[y]; k < h->first[y + 1]; k++)
            b->dense[h->group[k]] = h->count[k];
        double open = 0;
        for (size_t f = q->first[x]; f < q->first[x + 1]; f++) {
            size_t z = q->adj[f];
            if (z == y || b->adj_of[z] == b->stamp)
                continue;
            open += (double)q->size[z];
            for (size_t k = h->first[z]; k < h->first[z + 1]; k++) {
                size_t g = h->group[k];
                double both = b->dense[g] * h->count[k];
                if (both > 0) {
                    touch(b, c, g);
                    c->in[g] += both;
                    c->same += both;
                }
            }
        }
        c->all += (double)q->size[y] * open;
        for (size_t k = h->first[y]; k < h->first[y + 1]; k++) {
            b->dense[h->group[k]] = 0;
            if (open > 0) {
                touch(b, c, h->group[k]);
                c->from[h->group[k]] += h->count[k] * open;
            }
        }
    }
}

static void roles(const pair_counts *c, size_t g, double *count)
{
    count[MAPA_BROKER_COORDINATOR] = c->in[g];
    count[MAPA_BROKER_ITINERANT] = c->same - c->in[g];
    count[MAPA_BROKER_REPRESENTATIVE] = c->from[g] - c->in[g];
    count[MAPA_BROKER_GATEKEEPER] = c->from[g] - c->in[g]; /* ordered pairs: as many end in g */
    count[MAPA_BROKER_TOTAL] = c->all;
    count[MAPA_BROKER_LIAISON] = c->all - count[0] - count[1] - count[2] - count[3];
}

mapa_err mapa__metrics_brokerage(mapa_metrics *m, const mapa_network *net, const mapa__quotient *q)
{
    size_t n = net->n, G = net->n_groups, Q = q->n;
    bool grouped = net->group != NULL && G > 0;
    for (size_t v = 0; grouped && v < n; v++)
        grouped = net->group[v] < G;
    for (size_t v = 0; v < n; v++)
        for (int r = 0; r < MAPA_BROKER_ROLES; r++)
            m->node[v].brokerage[r] = m->node[v].brokerage_z[r] = NAN;
    if (!grouped)
        return MAPA_OK; /* no agencies: no brokerage */
    histogram h = {0};
    broker_work b = {calloc(Q + 1, sizeof(size_t)), calloc(Q + 1, sizeof(size_t)), 0,
                     calloc(G + 1, sizeof(double)), malloc((G + 1) * sizeof(size_t)), 0};
    double *size = calloc(G + 1, sizeof *size), *tables = calloc(2 * G + 2, sizeof *tables);
    mapa_err err = histograms(&h, net, q);
    if (err == MAPA_OK && (!b.in_nbr || !b.adj_of || !b.dense || !b.touched || !size || !tables))
        err = mapa_error_set(MAPA_ENOMEM, "out of memory for brokerage");
    if (err != MAPA_OK)
        goto cleanup;
    for (size_t x = 0; x < Q; x++)
        b.in_nbr[x] = b.adj_of[x] = SIZE_MAX;
    for (size_t v = 0; v < n; v++)
        size[net->group[v]]++;
    pair_counts c = {0, 0, tables, tables + G + 1};
    for (size_t x = 0; x < Q; x++) {
        c.all = c.same = 0;
        b.n_touched = 0;
        count_class(q, &h, &b, x, &c);
        for (size_t k = h.mfirst[x]; k < h.mfirst[x + 1]; k++)
            roles(&c, net->group[h.members[k]], m->node[h.members[k]].brokerage);
        for (size_t k = 0; k < b.n_touched; k++)
            c.from[b.touched[k]] = c.in[b.touched[k]] = 0;
    }
    double N = (double)n, d = n > 1 ? 2 * (double)m->n_ties / (N * (N - 1)) : 0;
    for (size_t v = 0; v < n; v++) {
        double e[MAPA_BROKER_ROLES], var[MAPA_BROKER_ROLES];
        moments(N, d, size, G, net->group[v], e, var);
        for (int r = 0; r < MAPA_BROKER_ROLES; r++)
            m->node[v].brokerage_z[r] =
                var[r] > 0 ? (m->node[v].brokerage[r] - e[r]) / sqrt(var[r]) : NAN;
    }
cleanup:
    histograms_dispose(&h);
    free(b.in_nbr);
    free(b.adj_of);
    free(b.dense);
    free(b.touched);
    free(size);
    free(tables);
    return err;
}
