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
#include <pthread.h>
#include <stdbool.h>
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

/* The network as the build reads it: listed ties as CSR, and each node's clique. */
typedef struct view {
    const mapa_network *net;
    size_t *first, *adj; /* listed neighbours of v: adj[first[v] .. first[v+1]), ascending */
    double *w;
    size_t *clique;   /* per node: its clique or SIZE_MAX */
    uint64_t *sum;    /* per clique: sum of mix(node + 1) over its nodes */
} view;

static size_t clique_size(const view *g, size_t c)
{
    return g->net->clique_first[c + 1] - g->net->clique_first[c];
}

static size_t degree_of(const view *g, size_t v)
{
    size_t c = g->clique[v];
    return g->first[v + 1] - g->first[v] + (c == SIZE_MAX ? 0 : clique_size(g, c) - 1);
}

/* v's neighbours in ascending order with their weights (clique ties weigh 1): the count. */
static size_t neighbours(const view *g, size_t v, size_t *node, double *w)
{
    size_t c = g->clique[v], k = 0, i = g->first[v], e = g->first[v + 1];
    const size_t *cn = c == SIZE_MAX ? NULL : g->net->clique_node + g->net->clique_first[c];
    size_t j = 0, ce = c == SIZE_MAX ? 0 : clique_size(g, c);
    while (i < e || j < ce) {
        if (j < ce && cn[j] == v) {
            j++;
            continue;
        }
        if (j < ce && (i == e || cn[j] < g->adj[i])) {
            node[k] = cn[j++];
            w[k++] = 1;
        } else {
            node[k] = g->adj[i];
            w[k++] = g->w[i++];
        }
    }
    return k;
}

/*
 * Whether N[u] = N[v] with the same tie weights to every other neighbour,
 * given sorted neighbour lists of equal length. (Equal weights make u and v
 * interchangeable for the weighted figures too: constraint, clustering.)
 */
static bool same_lists(const size_t *a, const double *wa, const size_t *b, const double *wb,
                       size_t n, size_t u, size_t v)
{
    size_t i = 0, j = 0;
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

/* Twins in one clique: the same listed ties (none joins them, none stays inside the clique). */
static bool same_closed(const view *g, size_t u, size_t v, bool *failed)
{
    size_t n = g->first[u + 1] - g->first[u];
    if (g->clique[u] != SIZE_MAX && g->clique[u] == g->clique[v]) {
        if (g->first[v + 1] - g->first[v] != n)
            return false;
        for (size_t k = 0; k < n; k++)
            if (g->adj[g->first[u] + k] != g->adj[g->first[v] + k] ||
                g->w[g->first[u] + k] != g->w[g->first[v] + k])
                return false;
        return true;
    }
    if (g->clique[u] == SIZE_MAX && g->clique[v] == SIZE_MAX)
        return same_lists(g->adj + g->first[u], g->w + g->first[u], g->adj + g->first[v],
                          g->w + g->first[v], n, u, v);
    size_t d = degree_of(g, u); /* rare: twins across cliques; compare whole lists */
    size_t *a = malloc(2 * (d + 1) * sizeof *a);
    double *w = malloc(2 * (d + 1) * sizeof *w);
    bool same = false;
    if (!a || !w)
        *failed = true;
    else if (neighbours(g, u, a, w) == d && neighbours(g, v, a + d + 1, w + d + 1) == d)
        same = same_lists(a, w, a + d + 1, w + d + 1, d, u, v);
    free(a);
    free(w);
    return same;
}

static bool listed_adjacency(view *g, const mapa_network *net)
{
    size_t n = net->n;
    g->first = calloc(n + 2, sizeof *g->first);
    g->adj = malloc((2 * net->n_ties + 1) * sizeof *g->adj);
    g->w = malloc((2 * net->n_ties + 1) * sizeof *g->w);
    g->clique = malloc((n + 1) * sizeof *g->clique);
    g->sum = calloc(net->n_cliques + 1, sizeof *g->sum);
    if (!g->first || !g->adj || !g->w || !g->clique || !g->sum)
        return false;
    for (size_t k = 0; k < net->n_ties; k++) {
        g->first[net->ties[k].a + 2]++;
        g->first[net->ties[k].b + 2]++;
    }
    for (size_t v = 2; v < n + 2; v++)
        g->first[v] += g->first[v - 1];
    for (size_t k = 0; k < net->n_ties; k++) { /* ties sorted by (a, b): lists come out sorted */
        size_t at = g->first[net->ties[k].b + 1]++;
        g->adj[at] = net->ties[k].a;
        g->w[at] = net->ties[k].weight;
    }
    for (size_t k = 0; k < net->n_ties; k++) {
        size_t at = g->first[net->ties[k].a + 1]++;
        g->adj[at] = net->ties[k].b;
        g->w[at] = net->ties[k].weight;
    }
    for (size_t v = 0; v < n; v++)
        g->clique[v] = SIZE_MAX;
    for (size_t c = 0; c < net->n_cliques; c++)
        for (size_t x = net->clique_first[c]; x < net->clique_first[c + 1]; x++) {
            g->clique[net->clique_node[x]] = c;
            g->sum[c] += mix(net->clique_node[x] + 1);
        }
    return true;
}

static void view_dispose(view *g)
{
    free(g->first);
    free(g->adj);
    free(g->w);
    free(g->clique);
    free(g->sum);
}

static mapa_err classes(mapa__quotient *q, const view *g)
{
    size_t n = g->net->n;
    keyed *k = malloc((n + 1) * sizeof *k);
    if (!k)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for the network's paths");
    for (size_t v = 0; v < n; v++) {
        uint64_t h = g->clique[v] == SIZE_MAX ? mix(v + 1) : g->sum[g->clique[v]];
        for (size_t x = g->first[v]; x < g->first[v + 1]; x++)
            h += mix(g->adj[x] + 1);
        k[v] = (keyed){h, degree_of(g, v), v};
    }
    qsort(k, n, sizeof *k, by_key);
    for (size_t v = 0; v < n; v++)
        q->of[v] = SIZE_MAX;
    bool failed = false;
    for (size_t s = 0; s < n; s++) { /* runs of equal keys; verify each against a leader */
        size_t v = k[s].node;
        if (q->of[v] != SIZE_MAX)
            continue;
        q->of[v] = q->n;
        q->rep[q->n] = v;
        q->size[q->n] = 1;
        for (size_t t = s + 1; t < n && k[t].hash == k[s].hash && k[t].degree == k[s].degree; t++)
            if (q->of[k[t].node] == SIZE_MAX && same_closed(g, v, k[t].node, &failed)) {
                q->of[k[t].node] = q->n;
                q->size[q->n]++;
            }
        q->n++;
    }
    free(k);
    return failed ? mapa_error_set(MAPA_ENOMEM, "out of memory for the network's paths") : MAPA_OK;
}

/* Every class's neighbour classes and the weight of their ties, from its representative. */
static mapa_err quotient_edges(mapa__quotient *q, const view *g)
{
    size_t most = 0;
    for (size_t x = 0; x < q->n; x++)
        most = degree_of(g, q->rep[x]) > most ? degree_of(g, q->rep[x]) : most;
    size_t *mark = malloc((q->n + 1) * sizeof *mark), *node = malloc((most + 1) * sizeof *node);
    double *w = malloc((most + 1) * sizeof *w);
    q->first = calloc(q->n + 2, sizeof *q->first);
    q->self = calloc(q->n + 1, sizeof *q->self);
    mapa_err err = MAPA_OK;
    if (!mark || !node || !w || !q->first || !q->self) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory for the network's paths");
        goto cleanup;
    }
    for (size_t pass = 0; pass < 2; pass++) { /* count, then fill */
        for (size_t x = 0; x < q->n; x++)
            mark[x] = SIZE_MAX;
        size_t at = 0;
        for (size_t x = 0; x < q->n; x++) {
            size_t d = neighbours(g, q->rep[x], node, w);
            for (size_t e = 0; e < d; e++) {
                size_t y = q->of[node[e]];
                if (y == x)
                    q->self[x] = w[e];
                if (y == x || mark[y] == x)
                    continue;
                mark[y] = x;
                if (pass == 1) {
                    q->adj[at] = y;
                    q->w[at] = w[e];
                }
                at++;
            }
            if (pass == 0)
                q->first[x + 1] = at;
        }
        if (pass == 0) {
            q->n_edges = at / 2;
            q->adj = malloc((at + 1) * sizeof *q->adj);
            q->w = malloc((at + 1) * sizeof *q->w);
            if (!q->adj || !q->w) {
                err = mapa_error_set(MAPA_ENOMEM, "out of memory for the network's paths");
                goto cleanup;
            }
        }
    }
cleanup:
    free(mark);
    free(node);
    free(w);
    return err;
}

mapa_err mapa__quotient_build(mapa__quotient *q, const mapa_network *net)
{
    *q = (mapa__quotient){0};
    mapa__quotient built = {0};
    view g = {.net = net};
    built.of = malloc((net->n + 1) * sizeof *built.of);
    built.size = malloc((net->n + 1) * sizeof *built.size);
    built.rep = malloc((net->n + 1) * sizeof *built.rep);
    mapa_err err = MAPA_OK;
    if (!built.of || !built.size || !built.rep || !listed_adjacency(&g, net)) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory for the network's paths");
        goto cleanup;
    }
    err = classes(&built, &g);
    if (err != MAPA_OK)
        goto cleanup;
    err = quotient_edges(&built, &g);
    if (err != MAPA_OK)
        goto cleanup;
    *q = built; /* the caller owns it now */
    built = (mapa__quotient){0};
cleanup:
    view_dispose(&g);
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
    free(q->w);
    free(q->self);
    *q = (mapa__quotient){0};
}

/*
 * One BFS's state per class, field by field: on the observed network of
 * 100,000 members almost every class is one node and the 500 sampled searches
 * are memory-bound; most of a search's reads are a tie's far end's distance,
 * so distances are 32 bits (400 KB, inside a core's cache) and kept apart.
 */
#define UNSEEN UINT32_MAX

/*
 * The quotient as the searches read it: 32-bit ties (half the bytes), class
 * sizes as doubles, and on large quotients the classes renumbered in
 * breadth-first order, so that a class's neighbours tend to sit near it in
 * memory (Cuthill and McKee's idea; contacts within teams and agencies make
 * observed networks local). Sums come back in the quotient's own numbering.
 */
typedef struct graph {
    size_t n;
    size_t *first;
    uint32_t *adj;
    double *size;
    uint32_t *at; /* per quotient class: its number here, or NULL when not renumbered */
} graph;

/* Classes from which the searches renumber (below, results stay bit for bit as before). */
#define RENUMBER_FROM 20000

typedef struct bfs {
    uint32_t *dist, *order;
    double *sigma, *delta;
    double *share;      /* per class, once its dependencies are known: c(w)(1 + delta(w)) / sigma(w) */
    uint32_t *next;     /* the ties to the next level, grouped by the class searched from */
    size_t *next_first; /* [k]: where order[k]'s ties to the next level start in next */
} bfs;

/*
 * BFS from source class s: distances, path counts (sigma), dependencies
 * (delta). The forward pass records each tie to the next level (the shortest
 * paths' DAG), so the backward pass reads those ties in sequence instead of
 * every tie with its far end's distance: the far ends' shares are all it needs.
 */
static size_t from_class(const graph *g, size_t s, bfs *b)
{
    uint32_t *dist = b->dist, *next = b->next;
    double *sigma = b->sigma, *delta = b->delta, *share = b->share;
    const uint32_t *adj = g->adj;
    size_t head = 0, tail = 0, dag = 0;
    dist[s] = 0;
    sigma[s] = 1;
    b->order[tail++] = (uint32_t)s;
    while (head < tail) {
        b->next_first[head] = dag;
        size_t v = b->order[head++];
        uint32_t level = dist[v] + 1;
        double through = sigma[v] * (v == s ? 1.0 : g->size[v]);
        for (size_t e = g->first[v]; e < g->first[v + 1]; e++) {
            uint32_t w = adj[e];
            if (dist[w] == UNSEEN) {
                dist[w] = level;
                b->order[tail++] = w;
            }
            if (dist[w] == level) {
                sigma[w] += through;
                next[dag++] = w;
            }
        }
    }
    b->next_first[tail] = dag;
    for (size_t k = tail; k-- > 1;) { /* deepest first: a class's successors are done */
        size_t v = b->order[k];
        double sum = 0;
        for (size_t e = b->next_first[k]; e < b->next_first[k + 1]; e++)
            sum += share[next[e]];
        delta[v] = sigma[v] * sum;
        share[v] = g->size[v] * (1 + delta[v]) / sigma[v]; /* one division */
    }
    return tail;
}

/* Back to unseen, for the next source: only the classes this search reached. */
static void forget(bfs *b, size_t reached)
{
    for (size_t k = 0; k < reached; k++) {
        uint32_t x = b->order[k];
        b->sigma[x] = b->delta[x] = 0;
        b->dist[x] = UNSEEN;
    }
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
static void add_source(const graph *g, size_t s, const bfs *b, size_t reached, double weight,
                       sums *x)
{
    double twins = g->size[s] - 1;
    x->inv[s] += weight; /* for s's twins: 1/1 (s itself is taken off by the caller) */
    x->total += weight * twins;
    x->pairs += weight * twins;
    for (size_t k = 1; k < reached; k++) {
        size_t w = b->order[k];
        x->bc[w] += weight * b->delta[w];
        x->inv[w] += weight / (double)b->dist[w];
        x->total += weight * g->size[w] * (double)b->dist[w];
        x->pairs += weight * g->size[w];
    }
}

static void graph_dispose(graph *g)
{
    free(g->first);
    free(g->adj);
    free(g->size);
    free(g->at);
    *g = (graph){0};
}

/* The classes in breadth-first order, component after component: at[x] = x's new number. */
static bool breadth_first_numbers(const mapa__quotient *q, uint32_t *at, uint32_t *order)
{
    size_t Q = q->n, tail = 0;
    for (size_t x = 0; x < Q; x++)
        at[x] = UNSEEN;
    for (size_t root = 0; root < Q; root++) {
        if (at[root] != UNSEEN)
            continue;
        size_t head = tail;
        at[root] = (uint32_t)tail;
        order[tail++] = (uint32_t)root;
        while (head < tail) {
            size_t v = order[head++];
            for (size_t e = q->first[v]; e < q->first[v + 1]; e++)
                if (at[q->adj[e]] == UNSEEN) {
                    at[q->adj[e]] = (uint32_t)tail;
                    order[tail++] = (uint32_t)q->adj[e];
                }
        }
    }
    return tail == Q;
}

static mapa_err graph_init(graph *g, const mapa__quotient *q)
{
    size_t Q = q->n, ties = q->first[Q];
    *g = (graph){Q, malloc((Q + 1) * sizeof *g->first), malloc((ties + 1) * sizeof *g->adj),
                 malloc((Q + 1) * sizeof *g->size), NULL};
    uint32_t *order = Q >= RENUMBER_FROM ? malloc((Q + 1) * sizeof *order) : NULL;
    g->at = order ? malloc((Q + 1) * sizeof *g->at) : NULL;
    if (!g->first || !g->adj || !g->size || (Q >= RENUMBER_FROM && !g->at) || Q >= UNSEEN) {
        free(order);
        graph_dispose(g);
        return mapa_error_set(MAPA_ENOMEM, "out of memory for the network's paths");
    }
    if (g->at)
        breadth_first_numbers(q, g->at, order);
    size_t e = 0;
    g->first[0] = 0;
    for (size_t k = 0; k < Q; k++) { /* class x = order[k] becomes class k */
        size_t x = order ? order[k] : k;
        for (size_t f = q->first[x]; f < q->first[x + 1]; f++)
            g->adj[e++] = g->at ? g->at[q->adj[f]] : (uint32_t)q->adj[f];
        g->first[k + 1] = e;
        g->size[k] = (double)q->size[x];
    }
    free(order);
    return MAPA_OK;
}

/* One share of the searches: sources [from, to) of the list (or classes, when exact). */
typedef struct share {
    const graph *g;
    const uint32_t *source; /* each source's class in g, or NULL: every class, by its size */
    size_t from, to;
    sums x;
    bool ok;
} share;

static void *run_share(void *arg)
{
    share *h = arg;
    const graph *g = h->g;
    size_t Q = g->n;
    bfs b = {malloc((Q + 1) * sizeof *b.dist),      malloc((Q + 1) * sizeof *b.order),
             calloc(Q + 1, sizeof *b.sigma),        calloc(Q + 1, sizeof *b.delta),
             calloc(Q + 1, sizeof *b.share),        malloc((g->first[Q] + 1) * sizeof *b.next),
             malloc((Q + 2) * sizeof *b.next_first)};
    h->x = (sums){calloc(Q + 1, sizeof(double)), calloc(Q + 1, sizeof(double)), 0, 0};
    h->ok = b.dist && b.order && b.sigma && b.delta && b.share && b.next && b.next_first &&
            h->x.bc && h->x.inv;
    for (size_t x = 0; h->ok && x < Q; x++)
        b.dist[x] = UNSEEN;
    for (size_t k = h->from; h->ok && k < h->to; k++) {
        size_t s = h->source ? h->source[k] : k;
        size_t reached = from_class(g, s, &b);
        add_source(g, s, &b, reached, h->source ? 1.0 : g->size[s], &h->x);
        forget(&b, reached);
    }
    free(b.dist);
    free(b.order);
    free(b.sigma);
    free(b.delta);
    free(b.share);
    free(b.next);
    free(b.next_first);
    return NULL;
}

/*
 * Searches above this much work (sources x quotient ties) are split in two
 * shares, the second on a thread of its own: the split is fixed by the size,
 * so the sums, added share by share, are the same with or without the thread.
 */
#define SPLIT_WORK 2e7

/* Both shares' sums into the first, in the quotient's numbering; false: out of memory. */
static bool merge(share *h, bool split, const graph *g)
{
    bool ok = h[0].ok && (!split || h[1].ok);
    for (size_t c = 0; split && ok && c < g->n; c++) {
        h[0].x.bc[c] += h[1].x.bc[c];
        h[0].x.inv[c] += h[1].x.inv[c];
    }
    h[0].x.total += h[1].x.total;
    h[0].x.pairs += h[1].x.pairs;
    double *bc = g->at && ok ? malloc((g->n + 1) * sizeof *bc) : NULL;
    double *inv = g->at && ok ? malloc((g->n + 1) * sizeof *inv) : NULL;
    ok = ok && (!g->at || (bc && inv));
    for (size_t c = 0; ok && g->at && c < g->n; c++) {
        bc[c] = h[0].x.bc[g->at[c]];
        inv[c] = h[0].x.inv[g->at[c]];
    }
    if (ok && g->at) {
        free(h[0].x.bc);
        free(h[0].x.inv);
        h[0].x.bc = bc;
        h[0].x.inv = inv;
    } else {
        free(bc);
        free(inv);
    }
    free(h[1].x.bc);
    free(h[1].x.inv);
    return ok;
}

/* The searches, in one share or two; the sums into x (which owns them after). */
static mapa_err searches(const mapa__quotient *q, const size_t *sources, size_t count, sums *x)
{
    graph g;
    mapa_err err = graph_init(&g, q);
    if (err != MAPA_OK)
        return err;
    uint32_t *source = sources ? malloc((count + 1) * sizeof *source) : NULL;
    if (sources && !source) {
        graph_dispose(&g);
        return mapa_error_set(MAPA_ENOMEM, "out of memory for the network's paths");
    }
    for (size_t k = 0; source && k < count; k++)
        source[k] = g.at ? g.at[q->of[sources[k]]] : (uint32_t)q->of[sources[k]];
    bool split = (double)count * (double)(q->first[q->n] + q->n) > SPLIT_WORK && count > 1;
    share h[2] = {{&g, source, 0, split ? count / 2 : count, {0}, false},
                  {&g, source, split ? count / 2 : count, count, {0}, true}};
    pthread_t other;
    bool threaded = split && pthread_create(&other, NULL, run_share, &h[1]) == 0;
    run_share(&h[0]);
    if (threaded)
        pthread_join(other, NULL);
    else if (split)
        run_share(&h[1]);
    bool ok = merge(h, split, &g);
    graph_dispose(&g);
    free(source);
    if (!ok) {
        free(h[0].x.bc);
        free(h[0].x.inv);
        return mapa_error_set(MAPA_ENOMEM, "out of memory for the network's paths");
    }
    *x = h[0].x;
    return MAPA_OK;
}

mapa_err mapa__quotient_paths(const mapa__quotient *q, const size_t *sources, size_t n_sources,
                              double *betweenness, double *harmonic, double *mean_path)
{
    size_t Q = q->n, n = 0;
    for (size_t x = 0; x < Q; x++)
        n += q->size[x];
    double *own = sources ? calloc(n + 1, sizeof *own) : NULL;
    if (sources && !own)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for the network's paths");
    sums x = {NULL, NULL, 0, 0};
    mapa_err err = searches(q, sources, sources ? n_sources : Q, &x);
    if (err != MAPA_OK) {
        free(own);
        return err;
    }
    for (size_t k = 0; own && k < n_sources; k++)
        own[sources[k]] += 1; /* a source is not its own twin */
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
    free(x.bc);
    free(x.inv);
    free(own);
    return MAPA_OK;
}
