/*
 * True twins and exact shortest-path figures on their quotient.
 *
 * Nodes u, v are true twins when N[u] = N[v] (closed neighbourhoods). No
 * shortest path between two other nodes needs both, twins are at distance 1,
 * and each has the same figures. So a BFS per class of the quotient graph
 * gives every node's betweenness and closeness, counting each class by its
 * size c: the number of shortest paths from a source node s to one node of
 * class w is sigma(w) = sum over predecessors v of sigma(v) x (c(v), or 1 for
 * s's class), and the dependency of one node of v on s is
 * delta(v) = sum over successors w of c(w) sigma(v) / sigma(w) (1 + delta(w)).
 */
#include "models/twins.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t mix(uint64_t x)
{
    x ^= x >> 33;
    x *= UINT64_C(0xff51afd7ed558ccd);
    x ^= x >> 33;
    x *= UINT64_C(0xc4ceb9fe1a85ec53);
    return x ^ (x >> 33);
}

typedef struct keyed {
    uint64_t hash;
    size_t degree, node;
} keyed;

static int by_key(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    if (x->hash != y->hash)
        return x->hash < y->hash ? -1 : 1;
    if (x->degree != y->degree)
        return x->degree < y->degree ? -1 : 1;
    return x->node < y->node ? -1 : (x->node > y->node);
}

/*
 * Whether N[u] = N[v] with the same tie weights to every other neighbour,
 * given sorted neighbour lists of equal length. (Equal weights make u and v
 * interchangeable for the weighted figures too: constraint, clustering.)
 */
static bool same_closed(const size_t *first, const size_t *adj, const double *w, size_t u, size_t v)
{
    const size_t *a = adj + first[u], *b = adj + first[v];
    const double *wa = w + first[u], *wb = w + first[v];
    size_t n = first[u + 1] - first[u], i = 0, j = 0;
    bool adjacent = false;   /* without the tie u-v, N[u] holds u and N[v] does not */
    while (i < n || j < n) { /* N(u) - {v} against N(v) - {u} */
        size_t x = i < n ? a[i] : SIZE_MAX, y = j < n ? b[j] : SIZE_MAX;
        if (x == v) {
            adjacent = true;
            i++;
            continue;
        }
        if (y == u) {
            j++;
            continue;
        }
        if (x != y || wa[i] != wb[j])
            return false;
        i++;
        j++;
    }
    return adjacent;
}

static bool node_adjacency(const mapa_network *net, size_t **first, size_t **adj, double **w)
{
    size_t n = net->n;
    *first = calloc(n + 2, sizeof **first);
    *adj = malloc((2 * net->n_ties + 1) * sizeof **adj);
    *w = malloc((2 * net->n_ties + 1) * sizeof **w);
    if (!*first || !*adj || !*w)
        return false;
    for (size_t k = 0; k < net->n_ties; k++) {
        (*first)[net->ties[k].a + 2]++;
        (*first)[net->ties[k].b + 2]++;
    }
    for (size_t v = 2; v < n + 2; v++)
        (*first)[v] += (*first)[v - 1];
    for (size_t k = 0; k < net->n_ties; k++) { /* ties sorted by (a, b): lists come out sorted */
        size_t at = (*first)[net->ties[k].b + 1]++;
        (*adj)[at] = net->ties[k].a;
        (*w)[at] = net->ties[k].weight;
    }
    for (size_t k = 0; k < net->n_ties; k++) {
        size_t at = (*first)[net->ties[k].a + 1]++;
        (*adj)[at] = net->ties[k].b;
        (*w)[at] = net->ties[k].weight;
    }
    return true;
}

static mapa_err classes(mapa__quotient *q, const mapa_network *net, const size_t *first,
                        const size_t *adj, const double *w)
{
    size_t n = net->n;
    keyed *k = malloc((n + 1) * sizeof *k);
    if (!k)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for the network's paths");
    for (size_t v = 0; v < n; v++) {
        uint64_t h = mix(v + 1);
        for (size_t x = first[v]; x < first[v + 1]; x++)
            h += mix(adj[x] + 1);
        k[v] = (keyed){h, first[v + 1] - first[v], v};
    }
    qsort(k, n, sizeof *k, by_key);
    for (size_t v = 0; v < n; v++)
        q->of[v] = SIZE_MAX;
    for (size_t s = 0; s < n; s++) { /* runs of equal keys; verify each against a leader */
        size_t v = k[s].node;
        if (q->of[v] != SIZE_MAX)
            continue;
        q->of[v] = q->n;
        q->rep[q->n] = v;
        q->size[q->n] = 1;
        for (size_t t = s + 1; t < n && k[t].hash == k[s].hash && k[t].degree == k[s].degree; t++)
            if (q->of[k[t].node] == SIZE_MAX && same_closed(first, adj, w, v, k[t].node)) {
                q->of[k[t].node] = q->n;
                q->size[q->n]++;
            }
        q->n++;
    }
    free(k);
    return MAPA_OK;
}

static mapa_err quotient_edges(mapa__quotient *q, const size_t *first, const size_t *adj, size_t n)
{
    const size_t *rep = q->rep;
    size_t *mark = malloc((q->n + 1) * sizeof *mark);
    q->first = calloc(q->n + 2, sizeof *q->first);
    (void)n;
    mapa_err err = MAPA_OK;
    if (!mark || !q->first) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory for the network's paths");
        goto cleanup;
    }
    for (size_t pass = 0; pass < 2; pass++) { /* count, then fill */
        for (size_t x = 0; x < q->n; x++)
            mark[x] = SIZE_MAX;
        size_t at = 0;
        for (size_t x = 0; x < q->n; x++) {
            size_t v = rep[x];
            for (size_t e = first[v]; e < first[v + 1]; e++) {
                size_t y = q->of[adj[e]];
                if (y == x || mark[y] == x)
                    continue;
                mark[y] = x;
                if (pass == 1)
                    q->adj[at] = y;
                at++;
            }
            if (pass == 0)
                q->first[x + 1] = at;
        }
        if (pass == 0) {
            q->n_edges = at / 2;
            q->adj = malloc((at + 1) * sizeof *q->adj);
            if (!q->adj) {
                err = mapa_error_set(MAPA_ENOMEM, "out of memory for the network's paths");
                goto cleanup;
            }
        }
    }
cleanup:
    free(mark);
    return err;
}

mapa_err mapa__quotient_build(mapa__quotient *q, const mapa_network *net)
{
    *q = (mapa__quotient){0};
    mapa__quotient built = {0};
    size_t *first = NULL, *adj = NULL;
    double *w = NULL;
    built.of = malloc((net->n + 1) * sizeof *built.of);
    built.size = malloc((net->n + 1) * sizeof *built.size);
    built.rep = malloc((net->n + 1) * sizeof *built.rep);
    mapa_err err = MAPA_OK;
    if (!built.of || !built.size || !built.rep || !node_adjacency(net, &first, &adj, &w)) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory for the network's paths");
        goto cleanup;
    }
    err = classes(&built, net, first, adj, w);
    if (err != MAPA_OK)
        goto cleanup;
    err = quotient_edges(&built, first, adj, net->n);
    if (err != MAPA_OK)
        goto cleanup;
    *q = built; /* the caller owns it now */
    built = (mapa__quotient){0};
cleanup:
    free(first);
    free(adj);
    free(w);
    mapa__quotient_dispose(&built);
    return err;
}

void mapa__quotient_dispose(mapa__quotient *q)
{
    free(q->of);
    free(q->size);
    free(q->rep);
    free(q->first);
    free(q->adj);
    *q = (mapa__quotient){0};
}

typedef struct bfs {
    size_t *order, *dist;
    double *sigma, *delta;
} bfs;

/* BFS from source class s: distances, path counts (sigma), dependencies (delta). */
static size_t from_class(const mapa__quotient *q, size_t s, bfs *b)
{
    size_t head = 0, tail = 0;
    for (size_t x = 0; x < q->n; x++) {
        b->dist[x] = SIZE_MAX;
        b->sigma[x] = 0;
        b->delta[x] = 0;
    }
    b->dist[s] = 0;
    b->sigma[s] = 1;
    b->order[tail++] = s;
    while (head < tail) {
        size_t v = b->order[head++];
        double through = b->sigma[v] * (v == s ? 1.0 : (double)q->size[v]);
        for (size_t e = q->first[v]; e < q->first[v + 1]; e++) {
            size_t w = q->adj[e];
            if (b->dist[w] == SIZE_MAX) {
                b->dist[w] = b->dist[v] + 1;
                b->order[tail++] = w;
            }
            if (b->dist[w] == b->dist[v] + 1)
                b->sigma[w] += through;
        }
    }
    for (size_t k = tail; k-- > 1;) {
        size_t w = b->order[k];
        for (size_t e = q->first[w]; e < q->first[w + 1]; e++) {
            size_t v = q->adj[e];
            if (v != s && b->dist[v] + 1 == b->dist[w])
                b->delta[v] += (double)q->size[w] * b->sigma[v] / b->sigma[w] * (1 + b->delta[w]);
        }
    }
    return tail;
}

typedef struct sums {
    double *bc, *inv; /* per class: dependencies, and sum of 1/d from the sources */
    double total, pairs;
} sums;

/*
 * Add what one source node of class s sees, `weight` times (the class size
 * when every node is a source, 1 when sampling): its twins at distance 1,
 * each reached class at its distance.
 */
static void add_source(const mapa__quotient *q, size_t s, const bfs *b, size_t reached,
                       double weight, sums *x)
{
    double twins = (double)q->size[s] - 1;
    x->inv[s] += weight; /* for s's twins: 1/1 (s itself is taken off by the caller) */
    x->total += weight * twins;
    x->pairs += weight * twins;
    for (size_t k = 1; k < reached; k++) {
        size_t w = b->order[k];
        x->bc[w] += weight * b->delta[w];
        x->inv[w] += weight / (double)b->dist[w];
        x->total += weight * (double)q->size[w] * (double)b->dist[w];
        x->pairs += weight * (double)q->size[w];
    }
}

mapa_err mapa__quotient_paths(const mapa__quotient *q, const size_t *sources, size_t n_sources,
                              double *betweenness, double *harmonic, double *mean_path)
{
    size_t Q = q->n, n = 0;
    for (size_t x = 0; x < Q; x++)
        n += q->size[x];
    bfs b = {malloc((Q + 1) * sizeof(size_t)), malloc((Q + 1) * sizeof(size_t)),
             malloc((Q + 1) * sizeof(double)), malloc((Q + 1) * sizeof(double))};
    sums x = {calloc(Q + 1, sizeof(double)), calloc(Q + 1, sizeof(double)), 0, 0};
    double *own = sources ? calloc(n + 1, sizeof *own) : NULL;
    mapa_err err = MAPA_OK;
    if (!b.order || !b.dist || !b.sigma || !b.delta || !x.bc || !x.inv || (sources && !own)) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory for the network's paths");
        goto cleanup;
    }
    size_t count = sources ? n_sources : Q;
    for (size_t k = 0; k < count; k++) {
        size_t s = sources ? q->of[sources[k]] : k;
        size_t reached = from_class(q, s, &b);
        add_source(q, s, &b, reached, sources ? 1.0 : (double)q->size[s], &x);
        if (own)
            own[sources[k]] += 1; /* a source is not its own twin */
    }
    for (size_t v = 0; v < n; v++) {
        size_t c = q->of[v];
        double self = sources ? own[v] : 1; /* exact: each node was one of its class's sources */
        double others = sources ? (double)n_sources - own[v] : (double)n - 1;
        /* exact: each unordered pair was counted from both ends; sampled: scale to n sources */
        betweenness[v] = sources ? x.bc[c] * (double)n / (double)n_sources / 2 : x.bc[c] / 2;
        double inv = x.inv[c] - self;
        harmonic[v] = sources ? (others > 0 ? inv / others * (double)(n - 1) : 0) : inv;
    }
    *mean_path = x.pairs > 0 ? x.total / x.pairs : NAN;
cleanup:
    free(b.order);
    free(b.dist);
    free(b.sigma);
    free(b.delta);
    free(x.bc);
    free(x.inv);
    free(own);
    return err;
}
