/*
 * Min-cost flow, primal-dual (successive shortest paths with a blocking flow
 * per phase): Ahuja, Magnanti and Orlin, "Network Flows" (1993), sections 9.7
 * and 9.8. Arc costs are non-negative, so the first potentials are zero and
 * Dijkstra applies throughout; potentials stay valid (reduced costs >= 0 on
 * every residual arc), which mapa__mcf_certify checks at the end.
 */
#include "solver/mcf.h"

#include <stdlib.h>
#include <string.h>

#define INF INT64_MAX

typedef struct arc {
    size_t to;
    int64_t cap; /* residual capacity */
    int64_t cost;
} arc;

struct mapa__mcf {
    size_t n;
    arc *arcs; /* arc 2k is forward, 2k+1 its reverse */
    size_t n_arcs, cap_arcs;
    size_t *tail;  /* per arc: its tail node */
    size_t *first; /* CSR: out-arcs of node u are order[first[u]..first[u+1]) */
    size_t *order;
    int64_t *pi; /* node potentials */
    int64_t *dist;
    size_t *level;
    size_t *cursor;
    size_t *heap;  /* binary heap of nodes by dist */
    size_t *where; /* node's position in the heap, or SIZE_MAX */
    size_t *stack;
    size_t *stack_arc;
    bool built;
    bool (*stop)(void *); /* checked before each phase, or NULL */
    void *stop_payload;
    bool stopped;
};

mapa_err mapa__mcf_new(mapa__mcf **out, size_t n_nodes, size_t arcs_hint)
{
    mapa__mcf *g = calloc(1, sizeof *g);
    if (!g)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for a flow network");
    g->n = n_nodes;
    g->cap_arcs = 2 * (arcs_hint ? arcs_hint : 16);
    g->arcs = malloc(g->cap_arcs * sizeof *g->arcs);
    g->tail = malloc(g->cap_arcs * sizeof *g->tail);
    if (!g->arcs || !g->tail) {
        mapa__mcf_free(g);
        return mapa_error_set(MAPA_ENOMEM, "out of memory for a flow network");
    }
    *out = g;
    return MAPA_OK;
}

void mapa__mcf_free(mapa__mcf *g)
{
    if (!g)
        return;
    free(g->arcs);
    free(g->tail);
    free(g->first);
    free(g->order);
    free(g->pi);
    free(g->dist);
    free(g->level);
    free(g->cursor);
    free(g->heap);
    free(g->where);
    free(g->stack);
    free(g->stack_arc);
    free(g);
}

mapa_err mapa__mcf_add_arc(mapa__mcf *g, size_t *id, size_t u, size_t v, int64_t cap, int64_t cost)
{
    if (g->n_arcs + 2 > g->cap_arcs) {
        size_t cap2 = g->cap_arcs * 2;
        arc *arcs = realloc(g->arcs, cap2 * sizeof *arcs);
        if (!arcs)
            return mapa_error_set(MAPA_ENOMEM, "out of memory for a flow network");
        g->arcs = arcs;
        size_t *tail = realloc(g->tail, cap2 * sizeof *tail);
        if (!tail)
            return mapa_error_set(MAPA_ENOMEM, "out of memory for a flow network");
        g->tail = tail;
        g->cap_arcs = cap2;
    }
    if (id)
        *id = g->n_arcs;
    g->arcs[g->n_arcs] = (arc){v, cap, cost};
    g->tail[g->n_arcs++] = u;
    g->arcs[g->n_arcs] = (arc){u, 0, -cost};
    g->tail[g->n_arcs++] = v;
    return MAPA_OK;
}

/* Order the arcs by tail (counting sort) so each node's arcs are contiguous. */
static mapa_err build(mapa__mcf *g)
{
    size_t n = g->n;
    g->first = calloc(n + 1, sizeof *g->first);
    g->order = malloc((g->n_arcs ? g->n_arcs : 1) * sizeof *g->order);
    g->pi = calloc(n, sizeof *g->pi);
    g->dist = malloc(n * sizeof *g->dist);
    g->level = malloc(n * sizeof *g->level);
    g->cursor = malloc(n * sizeof *g->cursor);
    g->heap = malloc(n * sizeof *g->heap);
    g->where = malloc(n * sizeof *g->where);
    g->stack = malloc((n + 1) * sizeof *g->stack);
    g->stack_arc = malloc((n + 1) * sizeof *g->stack_arc);
    if (!g->first || !g->order || !g->pi || !g->dist || !g->level || !g->cursor || !g->heap ||
        !g->where || !g->stack || !g->stack_arc)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for a flow network");
    for (size_t a = 0; a < g->n_arcs; a++)
        g->first[g->tail[a] + 1]++;
    for (size_t u = 0; u < n; u++)
        g->first[u + 1] += g->first[u];
    size_t *fill = g->cursor;
    memcpy(fill, g->first, n * sizeof *fill);
    for (size_t a = 0; a < g->n_arcs; a++)
        g->order[fill[g->tail[a]]++] = a;
    g->built = true;
    return MAPA_OK;
}

static void heap_up(mapa__mcf *g, size_t i)
{
    size_t v = g->heap[i];
    while (i > 0) {
        size_t parent = (i - 1) / 2;
        if (g->dist[g->heap[parent]] <= g->dist[v])
            break;
        g->heap[i] = g->heap[parent];
        g->where[g->heap[i]] = i;
        i = parent;
    }
    g->heap[i] = v;
    g->where[v] = i;
}

static void heap_down(mapa__mcf *g, size_t i, size_t size)
{
    size_t v = g->heap[i];
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= size)
            break;
        if (c + 1 < size && g->dist[g->heap[c + 1]] < g->dist[g->heap[c]])
            c++;
        if (g->dist[g->heap[c]] >= g->dist[v])
            break;
        g->heap[i] = g->heap[c];
        g->where[g->heap[i]] = i;
        i = c;
    }
    g->heap[i] = v;
    g->where[v] = i;
}

/* Shortest reduced-cost distances from s; then update the potentials. */
static bool dijkstra(mapa__mcf *g, size_t s, size_t t)
{
    size_t n = g->n, size = 0;
    for (size_t v = 0; v < n; v++) {
        g->dist[v] = INF;
        g->where[v] = SIZE_MAX;
    }
    g->dist[s] = 0;
    g->heap[size++] = s;
    g->where[s] = 0;
    int64_t far = 0;
    while (size > 0) {
        size_t u = g->heap[0];
        g->where[u] = SIZE_MAX - 1; /* settled */
        g->heap[0] = g->heap[--size];
        if (size)
            heap_down(g, 0, size);
        if (g->dist[u] > far)
            far = g->dist[u];
        for (size_t k = g->first[u]; k < g->first[u + 1]; k++) {
            const arc *e = &g->arcs[g->order[k]];
            if (e->cap <= 0 || g->where[e->to] == SIZE_MAX - 1)
                continue;
            int64_t nd = g->dist[u] + e->cost + g->pi[u] - g->pi[e->to];
            if (nd >= g->dist[e->to])
                continue;
            g->dist[e->to] = nd;
            if (g->where[e->to] == SIZE_MAX) {
                g->heap[size] = e->to;
                heap_up(g, size++);
            } else {
                heap_up(g, g->where[e->to]);
            }
        }
    }
    if (g->dist[t] == INF)
        return false;
    /* unreached nodes move by the farthest distance: reduced costs stay >= 0 */
    for (size_t v = 0; v < n; v++)
        g->pi[v] += g->dist[v] == INF ? far : g->dist[v];
    return true;
}

static int64_t reduced(const mapa__mcf *g, size_t a)
{
    return g->arcs[a].cost + g->pi[g->tail[a]] - g->pi[g->arcs[a].to];
}

/* BFS levels on admissible arcs (residual, reduced cost 0). */
static bool levels(mapa__mcf *g, size_t s, size_t t)
{
    for (size_t v = 0; v < g->n; v++)
        g->level[v] = SIZE_MAX;
    size_t *queue = g->heap, head = 0, tail = 0;
    g->level[s] = 0;
    queue[tail++] = s;
    while (head < tail) {
        size_t u = queue[head++];
        for (size_t k = g->first[u]; k < g->first[u + 1]; k++) {
            size_t a = g->order[k];
            size_t v = g->arcs[a].to;
            if (g->arcs[a].cap > 0 && g->level[v] == SIZE_MAX && reduced(g, a) == 0) {
                g->level[v] = g->level[u] + 1;
                queue[tail++] = v;
            }
        }
    }
    return g->level[t] != SIZE_MAX;
}

/* One augmenting path in the level graph (iterative DFS); 0 when none is left. */
static int64_t augment(mapa__mcf *g, size_t s, size_t t, int64_t limit)
{
    size_t depth = 0;
    g->stack[0] = s;
    while (true) {
        size_t u = g->stack[depth];
        if (u == t) {
            int64_t push = limit;
            for (size_t i = 0; i < depth; i++)
                if (g->arcs[g->stack_arc[i]].cap < push)
                    push = g->arcs[g->stack_arc[i]].cap;
            for (size_t i = 0; i < depth; i++) {
                g->arcs[g->stack_arc[i]].cap -= push;
                g->arcs[g->stack_arc[i] ^ 1].cap += push;
            }
            return push;
        }
        bool advanced = false;
        for (; g->cursor[u] < g->first[u + 1]; g->cursor[u]++) {
            size_t a = g->order[g->cursor[u]];
            size_t v = g->arcs[a].to;
            if (g->arcs[a].cap > 0 && g->level[v] == g->level[u] + 1 && reduced(g, a) == 0) {
                g->stack_arc[depth] = a;
                g->stack[++depth] = v;
                advanced = true;
                break;
            }
        }
        if (advanced)
            continue;
        if (depth == 0)
            return 0;
        g->level[u] = SIZE_MAX; /* dead end */
        depth--;
        g->cursor[g->stack[depth]]++;
    }
}

mapa_err mapa__mcf_solve(mapa__mcf *g, size_t s, size_t t, int64_t value, int64_t *sent)
{
    if (!g->built) {
        mapa_err err = build(g);
        if (err != MAPA_OK)
            return err;
    }
    int64_t flow = 0;
    g->stopped = false;
    while (flow < value && !(g->stop && (g->stopped = g->stop(g->stop_payload))) &&
           dijkstra(g, s, t)) {
        while (flow < value && levels(g, s, t)) {
            memcpy(g->cursor, g->first, g->n * sizeof *g->cursor);
            int64_t pushed;
            while (flow < value && (pushed = augment(g, s, t, value - flow)) > 0)
                flow += pushed;
        }
    }
    *sent = flow;
    return MAPA_OK;
}

int64_t mapa__mcf_flow(const mapa__mcf *g, size_t a)
{
    return g->arcs[a ^ 1].cap;
}

int64_t mapa__mcf_cost(const mapa__mcf *g)
{
    int64_t total = 0;
    for (size_t a = 0; a < g->n_arcs; a += 2)
        total += g->arcs[a].cost * g->arcs[a + 1].cap;
    return total;
}

bool mapa__mcf_certify(const mapa__mcf *g)
{
    if (!g->built)
        return false;
    for (size_t a = 0; a < g->n_arcs; a++)
        if (g->arcs[a].cap > 0 && reduced(g, a) < 0)
            return false;
    return true;
}

int64_t mapa__mcf_potential(const mapa__mcf *g, size_t node)
{
    return g->built ? g->pi[node] : 0;
}

int64_t mapa__mcf_reduced_cost(const mapa__mcf *g, size_t a)
{
    return reduced(g, a);
}

void mapa__mcf_unpush(mapa__mcf *g, const size_t *cycle, size_t length)
{
    for (size_t k = 0; k < length; k++) {
        g->arcs[cycle[k]].cap += 1;
        g->arcs[cycle[k] ^ 1].cap -= 1;
    }
}

bool mapa__mcf_try_cycle(mapa__mcf *g, const size_t *cycle, size_t length)
{
    int64_t cost = 0;
    for (size_t k = 0; k < length; k++) {
        const arc *e = &g->arcs[cycle[k]];
        if (e->cap <= 0 || e->to != g->tail[cycle[(k + 1) % length]])
            return false;
        cost += e->cost;
    }
    if (cost != 0)
        return false;
    for (size_t k = 0; k < length; k++) {
        g->arcs[cycle[k]].cap -= 1;
        g->arcs[cycle[k] ^ 1].cap += 1;
    }
    return true;
}

size_t mapa__mcf_arc_count(const mapa__mcf *g)
{
    return g->n_arcs;
}

size_t mapa__mcf_tail(const mapa__mcf *g, size_t a)
{
    return g->tail[a];
}

size_t mapa__mcf_head(const mapa__mcf *g, size_t a)
{
    return g->arcs[a].to;
}

int64_t mapa__mcf_residual(const mapa__mcf *g, size_t a)
{
    return g->arcs[a].cap;
}

void mapa__mcf_out_arcs(const mapa__mcf *g, size_t u, const size_t **arcs, size_t *count)
{
    if (!g->built) {
        *arcs = NULL;
        *count = 0;
        return;
    }
    *arcs = g->order + g->first[u];
    *count = g->first[u + 1] - g->first[u];
}

void mapa__mcf_set_stop(mapa__mcf *g, bool (*stop)(void *), void *payload)
{
    g->stop = stop;
    g->stop_payload = payload;
}

bool mapa__mcf_stopped(const mapa__mcf *g)
{
    return g->stopped;
}
