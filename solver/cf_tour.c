/*
 * One Critical Friend per team (cf_required 1 everywhere, one stage, no reach
 * term in the program): the team graph is one cycle through every team, an
 * asymmetric travelling-salesman problem over the T teams (docs/model.md,
 * "cf_required 1: a tour of the teams"). With one member per team pair (the
 * best for that pair, which the k-best proof allows at k = 1) the model has
 * T(T-1) binary arcs y[h,t] and no member variable:
 *
 *   max sum c(h,t) y[h,t]   out(h) = 1, in(t) = 1, and for every set S of
 *   teams sum_{h in S, t not in S} y[h,t] >= 1 (subtour rows, separated).
 *
 * A tour is built first (assignment, cycle patching, or-opt moves) and given
 * to GLPK as its incumbent; subtour rows are separated on the LP by maximum
 * flows before and during branching (GLP_IROWGEN). When the tour meets the LP
 * bound no branching happens. Scores are integers (1/scale points), so GLPK
 * rounds its bounds.
 */
#include <glpk.h>
#include <math.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "solver/cf_problem.h"
#include "solver/glpk_env.h"
#include "solver/glpk_matrix.h"
#include "solver/mcf.h"
#include "solver/memory.h"

typedef struct tour {
    const mapa__cf_problem *pr;
    const mapa_cf_options *o;
    size_t T;
    int64_t *c;      /* [h * T + t]: best score of a member of h for t */
    size_t *best;    /* [h * T + t]: that member (candidate index) */
    size_t *succ;    /* the best tour: succ[h] = the team h reviews */
    int64_t value;   /* its score */
    bool have;       /* succ holds a tour */
    glp_prob *P;
    int *col;        /* [h * T + t] */
    size_t n_cols;
    /* maximum-flow workspace on the LP's support */
    size_t *queue, *prev;
    unsigned char *side;
    size_t cuts, rounds;
    double bound;    /* best bound seen (1/scale points) */
    bool heur_given;
    size_t heur_calls;
    /* cf_required above 1 somewhere: a strongly connected graph, not a cycle */
    bool cycle;           /* cf_required 1 everywhere: succ is the solution */
    size_t *capsum;       /* [h]: capacity of h's candidates */
    unsigned char *sel;   /* [h * T + t]: the best team graph found (not a cycle) */
    size_t *hfirst, *horder; /* candidates by home team (homes_index) */
    /* members that score less than the graph's arcs: per-home values v[h] and cuts */
    bool benders;
    int *vcol;            /* [h]: column of v[h] */
    unsigned char *bsel;  /* the best plan's graph, its exact value and per-home parts */
    int64_t bvalue;
    int64_t *bhome;
    bool bhave, bgiven;
    size_t bcuts;
    double *load;         /* [candidate]: scratch of the quick screen, zero between uses */
} tour;

static mapa_err oom(void)
{
    return mapa_error_set(MAPA_ENOMEM, "out of memory for Critical Friends");
}

static bool all_one(const mapa__cf_problem *pr)
{
    for (size_t t = 0; t < pr->T; t++)
        if (pr->p->topics[t].cf_required != 1)
            return false;
    return true;
}

bool mapa__cf_tour_applies(const mapa__cf_problem *pr)
{
    return pr->S == 1 && !pr->reach && !pr->s->soft && pr->T >= 3 && all_one(pr);
}

bool mapa__cf_arcs_apply(const mapa__cf_problem *pr)
{
    if (pr->S != 1 || pr->reach || pr->s->soft || pr->T < 3)
        return false;
    for (size_t t = 0; t < pr->T; t++)
        if (pr->p->topics[t].cf_required == 0) /* connectivity is impossible: said elsewhere */
            return false;
    return true;
}

/* A bound before any LP: each team t's in-arcs are at best its cf_required best arcs. */
static double first_bound(const tour *w)
{
    size_t T = w->T;
    double total = 0;
    unsigned char *used = w->side; /* T bytes of scratch */
    for (size_t t = 0; t < T; t++) {
        memset(used, 0, T);
        for (size_t r = 0; r < w->pr->p->topics[t].cf_required; r++) {
            size_t pick = MAPA_NONE;
            for (size_t h = 0; h < T; h++)
                if (h != t && !used[h] && w->best[h * T + t] != MAPA_NONE &&
                    (pick == MAPA_NONE || w->c[h * T + t] > w->c[pick * T + t]))
                    pick = h;
            if (pick == MAPA_NONE)
                break;
            used[pick] = 1;
            total += (double)w->c[pick * T + t];
        }
    }
    return total;
}

/* c and best from one pass over the candidates; false when a team has no candidate. */
static bool pair_scores(tour *w)
{
    const mapa__cf_problem *pr = w->pr;
    size_t T = w->T;
    for (size_t k = 0; k < T * T; k++)
        w->best[k] = MAPA_NONE;
    for (size_t i = 0; i < pr->n; i++) {
        size_t h = mapa__cf_home(pr, i);
        w->capsum[h] += pr->cap[i];
        for (size_t t = 0; t < T; t++) {
            if (t == h)
                continue;
            int64_t s = mapa__cf_score(pr, pr->cand[i], t);
            size_t k = h * T + t;
            if (w->best[k] == MAPA_NONE || s > w->c[k]) {
                w->best[k] = i;
                w->c[k] = s;
            }
        }
    }
    for (size_t h = 0; h < T; h++)
        if (w->best[h * T + (h + 1) % T] == MAPA_NONE)
            return false;
    return true;
}

/*
 * Maximum-weight assignment without fixed points (Hungarian method, O(T^3)):
 * succ. With `guide` (an LP point y), the weight is y first (in steps of 1/64)
 * and the score only among equal y, so the assignment follows the LP's support.
 */
static mapa_err assignment(const tour *w, const double *guide, size_t *succ)
{
    size_t T = w->T;
    int64_t big = 0;
    for (size_t k = 0; k < T * T; k++)
        if (w->best[k] != MAPA_NONE && w->c[k] > big)
            big = w->c[k];
    int64_t step = guide ? (big + 1) * (int64_t)T + 1 : 0;
    big = 4 * (big + 1 + 64 * step) * (int64_t)T + 1;
    int64_t *u = calloc(T + 1, sizeof *u), *v = calloc(T + 1, sizeof *v);
    int64_t *minv = malloc((T + 1) * sizeof *minv);
    size_t *p = calloc(T + 1, sizeof *p), *way = calloc(T + 1, sizeof *way);
    unsigned char *used = malloc(T + 1);
    mapa_err err = u && v && minv && p && way && used ? MAPA_OK : oom();
    /* cost(i, j) = -c (1-based), fixed points forbidden */
#define COST(i, j)                                                                                 \
    ((i) == (j) ? big                                                                              \
                : -w->c[((i) - 1) * T + (j) - 1] -                                                 \
                      (guide ? step * (int64_t)llround(64 * guide[((i) - 1) * T + (j) - 1]) : 0))
    for (size_t i = 1; err == MAPA_OK && i <= T; i++) {
        p[0] = i;
        size_t j0 = 0;
        for (size_t j = 0; j <= T; j++) {
            minv[j] = INT64_MAX;
            used[j] = 0;
        }
        do {
            used[j0] = 1;
            size_t i0 = p[j0], j1 = 0;
            int64_t delta = INT64_MAX;
            for (size_t j = 1; j <= T; j++)
                if (!used[j]) {
                    int64_t cur = COST(i0, j) - u[i0] - v[j];
                    if (cur < minv[j]) {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if (minv[j] < delta) {
                        delta = minv[j];
                        j1 = j;
                    }
                }
            for (size_t j = 0; j <= T; j++)
                if (used[j]) {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            j0 = j1;
        } while (p[j0] != 0);
        do {
            size_t j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
        } while (j0);
    }
#undef COST
    for (size_t j = 1; err == MAPA_OK && j <= T; j++)
        succ[p[j] - 1] = j - 1;
    free(u);
    free(v);
    free(minv);
    free(p);
    free(way);
    free(used);
    return err;
}

static int64_t arc(const tour *w, size_t h, size_t t)
{
    return w->c[h * w->T + t];
}

/* Merge the cycles of succ into one, each time by the exchange of two arcs that loses least. */
static mapa_err patch(const tour *w, size_t *succ)
{
    size_t T = w->T;
    size_t *cyc = malloc((T + 1) * sizeof *cyc);
    if (!cyc)
        return oom();
    for (;;) {
        for (size_t h = 0; h < T; h++)
            cyc[h] = MAPA_NONE;
        size_t count = 0;
        for (size_t h = 0; h < T; h++)
            if (cyc[h] == MAPA_NONE) {
                for (size_t x = h; cyc[x] == MAPA_NONE; x = succ[x])
                    cyc[x] = count;
                count++;
            }
        if (count <= 1)
            break;
        /* the smallest cycle joins whichever other cycle costs least */
        size_t *size = calloc(count, sizeof *size), small = 0;
        if (!size) {
            free(cyc);
            return oom();
        }
        for (size_t h = 0; h < T; h++)
            size[cyc[h]]++;
        for (size_t k = 1; k < count; k++)
            if (size[k] < size[small])
                small = k;
        free(size);
        int64_t best = INT64_MIN;
        size_t ba = 0, bb = 0;
        for (size_t a = 0; a < T; a++) {
            if (cyc[a] != small)
                continue;
            for (size_t b = 0; b < T; b++) {
                if (cyc[b] == small)
                    continue;
                int64_t d = arc(w, a, succ[b]) + arc(w, b, succ[a]) - arc(w, a, succ[a]) -
                            arc(w, b, succ[b]);
                if (d > best) {
                    best = d;
                    ba = a;
                    bb = b;
                }
            }
        }
        size_t sa = succ[ba];
        succ[ba] = succ[bb];
        succ[bb] = sa;
    }
    free(cyc);
    return MAPA_OK;
}

static int64_t tour_value(const tour *w, const size_t *succ)
{
    int64_t v = 0;
    for (size_t h = 0; h < w->T; h++)
        v += arc(w, h, succ[h]);
    return v;
}

/*
 * Segment moves (or-opt generalised): move a run of consecutive teams to
 * another place in the tour, keeping its direction, while that raises the
 * score (first improvement). Runs up to about 3 million moves per pass.
 */
static void or_opt(const tour *w, size_t *succ, size_t *pred)
{
    size_t T = w->T, longest = 3000000 / (T * T);
    if (longest < 3)
        longest = 3;
    for (size_t h = 0; h < T; h++)
        pred[succ[h]] = h;
    bool better = true;
    for (size_t pass = 0; better && pass < 100; pass++) {
        better = false;
        for (size_t len = 1; len <= longest && len + 2 <= T; len++)
            for (size_t first = 0; first < T; first++) {
                size_t last = first;
                for (size_t k = 1; k < len; k++)
                    last = succ[last];
                size_t before = pred[first], after = succ[last];
                if (after == before || after == first)
                    continue;
                int64_t gain_out = arc(w, before, after) - arc(w, before, first) -
                                   arc(w, last, after);
                /* insert between x and succ[x], x outside the segment and not `before` */
                for (size_t x = after; succ[x] != first && x != before; x = succ[x]) {
                    size_t y = succ[x];
                    int64_t d = gain_out + arc(w, x, first) + arc(w, last, y) - arc(w, x, y);
                    if (d > 0) {
                        succ[before] = after;
                        pred[after] = before;
                        succ[x] = first;
                        pred[first] = x;
                        succ[last] = y;
                        pred[y] = last;
                        better = true;
                        break;
                    }
                }
                if (better)
                    break;
            }
    }
}

/*
 * A tour: assignment (guided by an LP point y, or on the scores alone),
 * patching, segment moves; kept in w->succ when better (*improved).
 */
static mapa_err heuristic(tour *w, const double *y, bool *improved)
{
    size_t T = w->T;
    size_t *succ = malloc((T + 1) * sizeof *succ), *pred = malloc((T + 1) * sizeof *pred);
    mapa_err err = succ && pred ? assignment(w, y, succ) : oom();
    if (err == MAPA_OK)
        err = patch(w, succ);
    *improved = false;
    if (err == MAPA_OK) {
        or_opt(w, succ, pred);
        int64_t v = tour_value(w, succ);
        if (!w->have || v > w->value) {
            memcpy(w->succ, succ, T * sizeof *succ);
            w->value = v;
            w->have = true;
            *improved = true;
        }
    }
    free(succ);
    free(pred);
    return err;
}

/* The LP point of P on the y columns, [h * T + t]; NULL on out of memory. */
static double *lp_point(const tour *w, glp_prob *P)
{
    double *y = malloc((w->T * w->T + 1) * sizeof *y);
    for (size_t k = 0; y && k < w->T * w->T; k++)
        y[k] = w->col[k] ? glp_get_col_prim(P, w->col[k]) : 0;
    return y;
}

/* ---- GLPK ---- */

static mapa_err build(tour *w)
{
    size_t T = w->T;
    char name[64];
    w->P = glp_create_prob();
    glp_set_prob_name(w->P, "critical_friends_tour");
    glp_set_obj_name(w->P, "cf_score");
    glp_set_obj_dir(w->P, GLP_MAX);
    mapa__triplets m = {0};
    mapa_err err = MAPA_OK;
    int first_out = glp_add_rows(w->P, (int)T), first_in = glp_add_rows(w->P, (int)T);
    for (size_t h = 0; h < T; h++) {
        /* out: every team sends, at most once per other team and within its capacity */
        double most = (double)(w->capsum[h] < T - 1 ? w->capsum[h] : T - 1);
        glp_set_row_bnds(w->P, first_out + (int)h, most > 1 ? GLP_DB : GLP_FX, 1, most);
        double r = (double)w->pr->p->topics[h].cf_required;
        glp_set_row_bnds(w->P, first_in + (int)h, GLP_FX, r, r);
    }
    for (size_t h = 0; h < T && err == MAPA_OK; h++)
        for (size_t t = 0; t < T && err == MAPA_OK; t++) {
            w->col[h * T + t] = 0;
            if (h == t)
                continue;
            snprintf(name, sizeof name, "y(%zu,%zu)", h, t);
            int j = mapa__glpk_col(w->P, name, GLP_BV, 0, 1, (double)arc(w, h, t));
            w->col[h * T + t] = j;
            err = mapa__triplets_put(&m, first_out + (int)h, j, 1);
            if (err == MAPA_OK)
                err = mapa__triplets_put(&m, first_in + (int)t, j, 1);
        }
    if (err == MAPA_OK)
        mapa__triplets_load(&m, w->P);
    mapa__triplets_dispose(&m);
    return err;
}

/* The LP point's support as a residual network (arc k and k ^ 1 its reverse), CSR by tail. */
typedef struct support {
    size_t n_arcs, *head, *first, *order;
    double *cap, *init;
    size_t *arc_h;
} support;

static void support_free(support *g)
{
    free(g->head);
    free(g->first);
    free(g->order);
    free(g->cap);
    free(g->init);
    free(g->arc_h);
}

static bool support_build(support *g, const tour *w, const double *y)
{
    size_t T = w->T, m = 0;
    for (size_t k = 0; k < T * T; k++)
        m += y[k] > 1e-9;
    *g = (support){0};
    g->head = malloc((2 * m + 1) * sizeof *g->head);
    g->first = calloc(T + 2, sizeof *g->first);
    g->order = malloc((2 * m + 1) * sizeof *g->order);
    g->cap = malloc((2 * m + 1) * sizeof *g->cap);
    g->init = malloc((2 * m + 1) * sizeof *g->init);
    g->arc_h = malloc((2 * m + 1) * sizeof *g->arc_h);
    if (!g->head || !g->first || !g->order || !g->cap || !g->init || !g->arc_h)
        return false;
    for (size_t k = 0; k < T * T; k++)
        if (y[k] > 1e-9) {
            size_t h = k / T, t = k % T, e = g->n_arcs;
            g->arc_h[e] = h;
            g->head[e] = t;
            g->init[e] = y[k];
            g->arc_h[e + 1] = t;
            g->head[e + 1] = h;
            g->init[e + 1] = 0;
            g->n_arcs += 2;
        }
    for (size_t e = 0; e < g->n_arcs; e++)
        g->first[g->arc_h[e] + 1]++;
    for (size_t u = 0; u < T; u++)
        g->first[u + 1] += g->first[u];
    size_t *fill = w->queue; /* T entries of scratch */
    memcpy(fill, g->first, T * sizeof *fill);
    for (size_t e = 0; e < g->n_arcs; e++)
        g->order[fill[g->arc_h[e]]++] = e;
    return true;
}

/* Maximum flow from s to t (Edmonds-Karp), stopping once it reaches 1; w->side the s side. */
static double max_flow(tour *w, support *g, size_t s, size_t t)
{
    size_t T = w->T;
    double total = 0;
    memcpy(g->cap, g->init, g->n_arcs * sizeof *g->cap);
    while (total < 1 - 1e-6) {
        for (size_t k = 0; k < T; k++)
            w->prev[k] = MAPA_NONE;
        size_t head = 0, tail = 0;
        w->queue[tail++] = s;
        w->prev[s] = SIZE_MAX - 1;
        while (head < tail && w->prev[t] == MAPA_NONE) {
            size_t u = w->queue[head++];
            for (size_t k = g->first[u]; k < g->first[u + 1]; k++) {
                size_t e = g->order[k], v = g->head[e];
                if (w->prev[v] == MAPA_NONE && g->cap[e] > 1e-9) {
                    w->prev[v] = e;
                    w->queue[tail++] = v;
                }
            }
        }
        if (w->prev[t] == MAPA_NONE) { /* the side reached from s is a thin set */
            for (size_t k = 0; k < T; k++)
                w->side[k] = w->prev[k] != MAPA_NONE;
            return total;
        }
        double push = INFINITY;
        for (size_t v = t; v != s; v = g->arc_h[w->prev[v]])
            push = fmin(push, g->cap[w->prev[v]]);
        for (size_t v = t; v != s; v = g->arc_h[w->prev[v]]) {
            g->cap[w->prev[v]] -= push;
            g->cap[w->prev[v] ^ 1] += push;
        }
        total += push;
    }
    return total;
}

/* The row "the teams with side[] = 1 send an arc out": sum over h in S, t not in S of y >= 1. */
static void add_cut(tour *w, glp_prob *P)
{
    size_t T = w->T, n = 0;
    int *ind = malloc((T * T + 1) * sizeof *ind);
    double *val = malloc((T * T + 1) * sizeof *val);
    if (!ind || !val) { /* the cut is only a help: without room, go on without it */
        free(ind);
        free(val);
        return;
    }
    for (size_t h = 0; h < T; h++)
        for (size_t t = 0; t < T; t++)
            if (w->side[h] && !w->side[t] && w->col[h * T + t]) {
                ind[++n] = w->col[h * T + t];
                val[n] = 1;
            }
    int r = glp_add_rows(P, 1);
    char name[48];
    snprintf(name, sizeof name, "subtour_%zu", ++w->cuts);
    glp_set_row_name(P, r, name);
    glp_set_row_bnds(P, r, GLP_LO, 1, 0);
    glp_set_mat_row(P, r, (int)n, ind, val);
    free(ind);
    free(val);
}

/*
 * Subtour rows the LP point violates: with the y values as capacities, a
 * maximum flow below 1 from team 0 to t gives a set S (0 in S, t not) that
 * sends out less than one arc (with in- and out-degrees fixed, what goes out
 * of S equals what comes in, so one direction suffices). Exact separation;
 * teams on the far side of a set found are not tried again in this round
 * (a round that adds nothing has tried every team).
 * Returns the rows added.
 */
static size_t separate(tour *w, glp_prob *P)
{
    size_t T = w->T, added = 0;
    double *y = lp_point(w, P);
    unsigned char *done = calloc(T + 1, 1);
    support g = {0};
    if (!y || !done) {
        free(y);
        free(done);
        return 0;
    }
    /* with fixed degrees (a cycle) what leaves a set equals what enters it */
    for (size_t dir = 0; dir < (w->cycle ? 1u : 2u); dir++) {
        if (dir == 1) { /* the reversed graph: sets that receive less than one arc */
            for (size_t h = 0; h < T; h++)
                for (size_t t = h + 1; t < T; t++) {
                    double a = y[h * T + t];
                    y[h * T + t] = y[t * T + h];
                    y[t * T + h] = a;
                }
            support_free(&g);
            memset(done, 0, T);
        }
        if (!support_build(&g, w, y))
            break;
        for (size_t t = 1; t < T && added < T; t++) {
            if (done[t] || max_flow(w, &g, 0, t) >= 1 - 1e-6)
                continue;
            for (size_t k = 0; k < T; k++) /* separated from 0 by this set already */
                done[k] |= !w->side[k];
            if (dir == 1) /* S receives < 1: its complement sends < 1 out */
                for (size_t k = 0; k < T; k++)
                    w->side[k] = !w->side[k];
            add_cut(w, P);
            added++;
        }
    }
    support_free(&g);
    free(y);
    free(done);
    return added;
}

static size_t benders_separate(tour *w, glp_prob *P);
static void benders_incumbent(tour *w, glp_tree *tree);
static int time_ms(const mapa__cf_problem *pr);
static bool sel_connected(const tour *w, const unsigned char *sel);

static void callback(glp_tree *tree, void *info)
{
    tour *w = info;
    int best = glp_ios_best_node(tree);
    if (best)
        w->bound = glp_ios_node_bound(tree, best);
    switch (glp_ios_reason(tree)) {
    case GLP_IROWGEN:
        if (separate(w, glp_ios_get_prob(tree)) > 0)
            w->rounds++;
        else if (w->benders)
            benders_separate(w, glp_ios_get_prob(tree));
        break;
    case GLP_IHEUR: {
        if (w->benders)
            benders_incumbent(w, tree);
        if (!w->cycle)
            break;
        /* the node's LP point guides a tour (the first nodes, then every tenth) */
        bool improved = !w->heur_given;
        w->heur_given = true;
        w->heur_calls++;
        if (w->heur_calls <= 20 || w->heur_calls % 10 == 0) {
            double *y = lp_point(w, glp_ios_get_prob(tree));
            bool better = false;
            if (y && heuristic(w, y, &better) == MAPA_OK && better)
                improved = true;
            free(y);
        }
        if (improved && w->have) {
            double *x = calloc(w->n_cols + 1, sizeof *x);
            if (x) {
                for (size_t h = 0; h < w->T; h++)
                    x[w->col[h * w->T + w->succ[h]]] = 1;
                glp_ios_heur_sol(tree, x);
                free(x);
            }
        }
        break;
    }
    default:
        break;
    }
}

static int time_ms(const mapa__cf_problem *pr)
{
    double left = mapa__cf_remaining(pr);
    return left < 2e6 ? (int)fmax(1, left * 1000) : INT32_MAX;
}

/* The tour really is one cycle through every team (the model's rows say so; checked anyway). */
static bool one_cycle(const tour *w)
{
    size_t x = 0, steps = 0;
    do {
        x = w->succ[x];
        steps++;
    } while (x != 0 && steps <= w->T);
    return x == 0 && steps == w->T;
}

/* Our own search: every team reaches team 0 and is reached from it along sel. */
static bool sel_connected(const tour *w, const unsigned char *sel)
{
    size_t T = w->T;
    for (int dir = 0; dir < 2; dir++) {
        for (size_t k = 0; k < T; k++)
            w->side[k] = 0;
        size_t head = 0, tail = 0;
        w->queue[tail++] = 0;
        w->side[0] = 1;
        while (head < tail) {
            size_t u = w->queue[head++];
            for (size_t v = 0; v < T; v++)
                if (!w->side[v] && (dir ? sel[v * T + u] : sel[u * T + v])) {
                    w->side[v] = 1;
                    w->queue[tail++] = v;
                }
        }
        if (tail != T)
            return false;
    }
    return true;
}

/*
 * An integral point y of the model (LP or integer solution) of score v: kept as
 * the incumbent when it is one cycle (a tour) or strongly connected, and
 * better. False when it is neither: then it proves nothing.
 */
static bool offer(tour *w, const double *y, int64_t v)
{
    size_t T = w->T;
    for (size_t k = 0; k < T * T; k++)
        if (w->col[k] && y[k] > 1e-6 && y[k] < 1 - 1e-6)
            return false;
    if (w->cycle) {
        size_t *keep = malloc((T + 1) * sizeof *keep);
        if (!keep)
            return false;
        memcpy(keep, w->succ, T * sizeof *keep);
        for (size_t k = 0; k < T * T; k++)
            if (w->col[k] && y[k] > 0.5)
                w->succ[k / T] = k % T;
        bool valid = one_cycle(w);
        if (!valid || (w->have && v <= w->value))
            memcpy(w->succ, keep, T * sizeof *keep);
        else
            w->value = v, w->have = true;
        free(keep);
        return valid;
    }
    unsigned char *sel = malloc(T * T + 1);
    if (!sel)
        return false;
    for (size_t k = 0; k < T * T; k++)
        sel[k] = w->col[k] && y[k] > 0.5;
    bool valid = sel_connected(w, sel);
    if (valid && (!w->have || v > w->value)) {
        memcpy(w->sel, sel, T * T);
        w->value = v;
        w->have = true;
    }
    free(sel);
    return valid;
}

/* LP with subtour rows, then branch-and-cut from the tour; the best solution in w. */
static mapa_err solve(tour *w, mapa_cf *out)
{
    mapa_err err = build(w);
    if (err != MAPA_OK)
        return err;
    w->n_cols = (size_t)glp_get_num_cols(w->P);
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    bool proven = false;
    for (;;) {
        if (mapa__cf_remaining(w->pr) <= 0) {
            out->status = MAPA_STATUS_TIME_LIMIT;
            return MAPA_OK;
        }
        sp.tm_lim = time_ms(w->pr);
        int ret = glp_simplex(w->P, &sp);
        if (ret == GLP_ETMLIM) {
            out->status = MAPA_STATUS_TIME_LIMIT;
            return MAPA_OK;
        }
        if (ret == 0 && glp_get_status(w->P) == GLP_NOFEAS) {
            out->status = MAPA_STATUS_INFEASIBLE;
            return MAPA_OK;
        }
        if (ret != 0 || glp_get_status(w->P) != GLP_OPT)
            return mapa_error_set(MAPA_EDEPENDENCY, "GLPK's simplex failed (code %d, status %d)",
                                  ret, glp_get_status(w->P));
        sp.meth = GLP_DUALP; /* new rows keep the basis dual feasible */
        w->bound = glp_get_obj_val(w->P);
        double *y = lp_point(w, w->P);
        bool better = false;
        err = !y ? oom() : w->cycle ? heuristic(w, y, &better) : MAPA_OK;
        if (y && err == MAPA_OK)
            offer(w, y, llround(w->bound));
        free(y);
        if (err != MAPA_OK)
            return err;
        /* scores are integers: a solution within 1 of the bound is optimal */
        if (w->have && (double)w->value > w->bound - 1 + 1e-6) {
            proven = true;
            break;
        }
        size_t added = separate(w, w->P);
        if (added == 0)
            break;
        w->rounds++;
    }
    if (w->o && w->o->log) {
        char line[160];
        snprintf(line, sizeof line, "team arcs: LP bound %.0f after %zu rounds, best %lld%s",
                 w->bound, w->rounds, (long long)w->value, w->have ? "" : " (none yet)");
        w->o->log(line, w->o->payload);
    }
    if (!proven) {
        glp_iocp parm;
        glp_init_iocp(&parm);
        parm.presolve = GLP_OFF;
        parm.sr_heur = GLP_OFF; /* its rounded points skip the subtour rows (GLP_IROWGEN) */
        parm.msg_lev = w->o && w->o->log ? GLP_MSG_ON : GLP_MSG_OFF;
        parm.cb_func = callback;
        parm.cb_info = w;
        parm.tm_lim = time_ms(w->pr);
        if (mapa__cf_remaining(w->pr) <= 0) {
            out->status = MAPA_STATUS_TIME_LIMIT;
            return MAPA_OK;
        }
        int ret = glp_intopt(w->P, &parm);
        if (ret != 0 && ret != GLP_ETMLIM)
            return mapa_error_set(MAPA_EDEPENDENCY, "GLPK's branch-and-cut failed (code %d)", ret);
        int status = glp_mip_status(w->P);
        bool valid = false;
        if (status == GLP_OPT || status == GLP_FEAS) {
            double *y = malloc((w->T * w->T + 1) * sizeof *y);
            if (!y)
                return oom();
            for (size_t k = 0; k < w->T * w->T; k++)
                y[k] = w->col[k] ? glp_mip_col_val(w->P, w->col[k]) : 0;
            /* an incumbent that breaks a subtour row would have pruned the tree: no proof */
            valid = offer(w, y, llround(glp_mip_obj_val(w->P)));
            free(y);
        }
        if (status == GLP_NOFEAS && ret == 0) {
            out->status = MAPA_STATUS_INFEASIBLE;
            return MAPA_OK;
        }
        proven = ret == 0 && status == GLP_OPT && valid;
        if (proven)
            w->bound = (double)w->value;
    }
    out->status = proven ? MAPA_STATUS_OPTIMAL : MAPA_STATUS_TIME_LIMIT;
    return MAPA_OK;
}

/* Candidates by home team (CSR): w->hfirst[h] .. w->hfirst[h + 1] in w->horder. */
static mapa_err homes_index(tour *w)
{
    const mapa__cf_problem *pr = w->pr;
    size_t T = w->T;
    w->hfirst = calloc(T + 2, sizeof *w->hfirst);
    w->horder = malloc((pr->n + 1) * sizeof *w->horder);
    size_t *pos = calloc(T + 1, sizeof *pos);
    if (!w->hfirst || !w->horder || !pos) {
        free(pos);
        return oom();
    }
    for (size_t i = 0; i < pr->n; i++)
        w->hfirst[mapa__cf_home(pr, i) + 1]++;
    for (size_t h = 0; h < T; h++)
        w->hfirst[h + 1] += w->hfirst[h];
    for (size_t i = 0; i < pr->n; i++) {
        size_t h = mapa__cf_home(pr, i);
        w->horder[w->hfirst[h] + pos[h]++] = i;
    }
    free(pos);
    return MAPA_OK;
}

/*
 * The best members of home h for its out-arcs `targets` (nt of them): a
 * min-cost flow from h's candidates (capacity, the first duty free and each
 * further one at the load penalty) to the arcs. *value is what they score
 * (member part only); the pairs go to `out` when it is not NULL.
 */
static mapa_err home_assign(const tour *w, size_t h, const size_t *targets, size_t nt,
                            mapa_cf *out, int64_t *value)
{
    const mapa__cf_problem *pr = w->pr;
    size_t m = w->hfirst[h + 1] - w->hfirst[h];
    const size_t *order = w->horder + w->hfirst[h];
    *value = 0;
    if (nt == 0)
        return MAPA_OK;
    int64_t cmax = 0;
    for (size_t a = 0; a < m; a++)
        for (size_t b = 0; b < nt; b++) {
            int64_t s = mapa__cf_score(pr, pr->cand[order[a]], targets[b]);
            cmax = s > cmax ? s : cmax;
        }
    mapa__mcf *g = NULL;
    size_t *arc = malloc((m * nt + 1) * sizeof *arc);
    mapa_err err = arc ? mapa__mcf_new(&g, 2 + m + nt, m * (nt + 2) + nt) : oom();
    for (size_t a = 0; err == MAPA_OK && a < m; a++) {
        size_t i = order[a];
        err = mapa__mcf_add_arc(g, NULL, 0, 2 + a, 1, 0);
        if (err == MAPA_OK && pr->cap[i] > 1)
            err = mapa__mcf_add_arc(g, NULL, 0, 2 + a, (int64_t)pr->cap[i] - 1, pr->load_penalty);
        for (size_t b = 0; err == MAPA_OK && b < nt; b++)
            err = mapa__mcf_add_arc(g, &arc[a * nt + b], 2 + a, 2 + m + b, 1,
                                    cmax - mapa__cf_score(pr, pr->cand[i], targets[b]));
    }
    for (size_t b = 0; err == MAPA_OK && b < nt; b++)
        err = mapa__mcf_add_arc(g, NULL, 2 + m + b, 1, 1, 0);
    int64_t sent = 0;
    if (err == MAPA_OK)
        err = mapa__mcf_solve(g, 0, 1, (int64_t)nt, &sent);
    if (err == MAPA_OK && sent < (int64_t)nt)
        err = mapa_error_set(MAPA_EINVAL, "internal: a team arc found no member");
    for (size_t a = 0; err == MAPA_OK && out && a < m; a++)
        for (size_t b = 0; err == MAPA_OK && b < nt; b++)
            if (mapa__mcf_flow(g, arc[a * nt + b]) > 0 &&
                !mapa__cf_push(out, pr, pr->cand[order[a]], targets[b],
                               MAPA_STAGE_DECISION | MAPA_STAGE_EVALUATION))
                err = oom();
    if (err == MAPA_OK)
        *value = cmax * (int64_t)nt - mapa__mcf_cost(g);
    mapa__mcf_free(g);
    free(arc);
    return err;
}

/*
 * The members for a team graph `sel` that is not a cycle, per home team (its
 * members serve only its out-arcs, so the choice separates by home). Each
 * arc's best member bounds it, so the plan scores at most the graph's score;
 * *value is what it scores, `per_home` (may be NULL)
 * each home's member part.
 */
static mapa_err assign_members(const tour *w, const unsigned char *sel, mapa_cf *out,
                               int64_t *value, int64_t *per_home)
{
    size_t T = w->T;
    size_t *targets = malloc((T + 1) * sizeof *targets);
    mapa_err err = targets ? MAPA_OK : oom();
    *value = 0;
    for (size_t h = 0; err == MAPA_OK && h < T; h++) {
        size_t nt = 0;
        for (size_t t = 0; t < T; t++)
            if (sel[h * T + t])
                targets[nt++] = t;
        int64_t v = 0;
        err = home_assign(w, h, targets, nt, out, &v);
        *value += v;
        if (per_home)
            per_home[h] = v;
    }
    free(targets);
    return err;
}

/* ---- members that score less than the graph: per-home values and Benders cuts ---- */

/* Arc h -> t's best member's score (the link term of mapa__cf_score included). */
static int64_t member_arc(const tour *w, size_t h, size_t t)
{
    return arc(w, h, t);
}

/*
 * Home h's member part at the point y (fractional allowed) by a quick
 * screen: when no candidate is asked beyond its capacity by the arcs it is
 * best for, it is the arcs' best scores less the load penalty, exactly.
 * *known false when the screen cannot tell.
 */
static double home_screen(const tour *w, size_t h, const double *y, bool *known)
{
    const mapa__cf_problem *pr = w->pr;
    size_t T = w->T;
    double total = 0, over = 0;
    *known = true;
    for (size_t t = 0; t < T; t++)
        if (w->col[h * T + t] && y[h * T + t] > 1e-9) {
            w->load[w->best[h * T + t]] += y[h * T + t];
            total += (double)member_arc(w, h, t) * y[h * T + t];
        }
    for (size_t t = 0; t < T; t++)
        if (w->col[h * T + t] && y[h * T + t] > 1e-9) {
            size_t i = w->best[h * T + t];
            double l = w->load[i];
            if (l > (double)pr->cap[i] + 1e-9)
                *known = false;
            else if (l > 1 + 1e-9)
                over += l - 1;
            w->load[i] = 0; /* counted once: later arcs of i see 0 */
        }
    return total - (double)pr->load_penalty * over;
}

/*
 * Home h's member part g at the point y, by the LP of its members (capacity,
 * the first duty free, later ones at the load penalty, each out-arc y[h,t]
 * served exactly), and from its duals a cut v[h] <= K + sum_t wt[t] y[h,t]
 * that holds for every y (the duals stay feasible: the arcs appear only in the
 * right-hand side) and is tight at this y (LP duality). wt covers every t, the
 * least dual value feasible for t (max over members of score less the
 * member's price). *ok false when GLPK's LP did not give a checked cut.
 */
static mapa_err home_cut(const tour *w, size_t h, const double *y, double *g, double *K,
                         double *wt, bool *ok)
{
    const mapa__cf_problem *pr = w->pr;
    size_t T = w->T, m = w->hfirst[h + 1] - w->hfirst[h];
    const size_t *order = w->horder + w->hfirst[h];
    *ok = false;
    size_t *targets = malloc((T + 1) * sizeof *targets), nt = 0;
    int *r1 = calloc(m + 1, sizeof *r1), *r2 = calloc(m + 1, sizeof *r2);
    int *rc = calloc(T + 1, sizeof *rc);
    glp_prob *L = glp_create_prob();
    mapa__triplets tr = {0};
    mapa_err err = targets && r1 && r2 && rc ? MAPA_OK : oom();
    for (size_t t = 0; err == MAPA_OK && t < T; t++)
        if (w->col[h * T + t] && y[h * T + t] > 1e-9)
            targets[nt++] = t;
    glp_set_obj_dir(L, GLP_MAX);
    for (size_t a = 0; err == MAPA_OK && a < m; a++) {
        size_t cap = pr->cap[order[a]];
        r1[a] = mapa__glpk_row(L, NULL, GLP_UP, 0, 1);
        if (cap > 1)
            r2[a] = mapa__glpk_row(L, NULL, GLP_UP, 0, (double)(cap - 1));
    }
    for (size_t b = 0; err == MAPA_OK && b < nt; b++) {
        double yt = y[h * T + targets[b]];
        rc[b] = mapa__glpk_row(L, NULL, GLP_FX, yt, yt);
    }
    for (size_t a = 0; err == MAPA_OK && a < m; a++)
        for (size_t b = 0; err == MAPA_OK && b < nt; b++) {
            double sc = (double)mapa__cf_score(pr, pr->cand[order[a]], targets[b]);
            for (int piece = 0; piece < (r2[a] ? 2 : 1) && err == MAPA_OK; piece++) {
                int j = mapa__glpk_col(L, NULL, GLP_CV, 0, INFINITY,
                                       sc - (piece ? (double)pr->load_penalty : 0));
                err = mapa__triplets_put(&tr, piece ? r2[a] : r1[a], j, 1);
                if (err == MAPA_OK)
                    err = mapa__triplets_put(&tr, rc[b], j, 1);
            }
        }
    if (err == MAPA_OK && nt > 0) {
        mapa__triplets_load(&tr, L);
        glp_smcp sp;
        glp_init_smcp(&sp);
        sp.msg_lev = GLP_MSG_OFF;
        if (glp_simplex(L, &sp) == 0 && glp_get_status(L) == GLP_OPT) {
            *g = glp_get_obj_val(L);
            *K = 0;
            double *u1 = calloc(m + 1, sizeof *u1), *u2 = calloc(m + 1, sizeof *u2);
            if (!u1 || !u2)
                err = oom();
            for (size_t a = 0; err == MAPA_OK && a < m; a++) {
                u1[a] = fmax(0, glp_get_row_dual(L, r1[a]));
                u2[a] = r2[a] ? fmax(0, glp_get_row_dual(L, r2[a])) : 0;
                *K += u1[a] + u2[a] * (double)(pr->cap[order[a]] - 1);
            }
            double at = *K;
            for (size_t t = 0; err == MAPA_OK && t < T; t++) {
                wt[t] = 0;
                if (!w->col[h * T + t])
                    continue;
                double most = -INFINITY;
                for (size_t a = 0; a < m; a++) {
                    double sc = (double)mapa__cf_score(pr, pr->cand[order[a]], t);
                    most = fmax(most, sc - u1[a]);
                    if (r2[a])
                        most = fmax(most, sc - (double)pr->load_penalty - u2[a]);
                }
                wt[t] = most;
                at += most * y[h * T + t];
            }
            /* the cut must meet g at y (it is never below: weak duality) */
            *ok = err == MAPA_OK && fabs(at - *g) <= 1e-6 * fmax(1, fabs(*g));
            free(u1);
            free(u2);
        }
    }
    mapa__triplets_dispose(&tr);
    glp_delete_prob(L);
    free(targets);
    free(r1);
    free(r2);
    free(rc);
    return err;
}

/* Add the row v[h] - sum_t wt[t] y[h,t] <= K. */
static void add_value_cut(tour *w, glp_prob *P, size_t h, double K, const double *wt)
{
    size_t T = w->T, n = 0;
    int *ind = malloc((T + 2) * sizeof *ind);
    double *val = malloc((T + 2) * sizeof *val);
    if (!ind || !val) { /* the cut is only a help here: without room, go on without it */
        free(ind);
        free(val);
        return;
    }
    ind[++n] = w->vcol[h];
    val[n] = 1;
    for (size_t t = 0; t < T; t++)
        if (w->col[h * T + t] && wt[t] != 0) {
            ind[++n] = w->col[h * T + t];
            val[n] = -wt[t];
        }
    int r = glp_add_rows(P, 1);
    char name[48];
    snprintf(name, sizeof name, "members_%zu", ++w->bcuts);
    glp_set_row_name(P, r, name);
    glp_set_row_bnds(P, r, GLP_UP, 0, K);
    glp_set_mat_row(P, r, (int)n, ind, val);
    free(ind);
    free(val);
}

/* Cuts on every home whose v at P's point is above its members' value there; how many. */
static size_t benders_separate(tour *w, glp_prob *P)
{
    size_t T = w->T, added = 0;
    double *y = lp_point(w, P), *wt = malloc((T + 1) * sizeof *wt);
    for (size_t h = 0; y && wt && h < T; h++) {
        double v = glp_get_col_prim(P, w->vcol[h]), g = 0, K = 0;
        bool known = false, ok = false;
        double quick = home_screen(w, h, y, &known);
        double tol = 1e-4 + 1e-9 * fabs(v);
        if ((known && v <= quick + tol) || w->hfirst[h + 1] == w->hfirst[h])
            continue;
        if (home_cut(w, h, y, &g, &K, wt, &ok) != MAPA_OK || !ok || v <= g + tol)
            continue;
        add_value_cut(w, P, h, K, wt);
        added++;
    }
    free(y);
    free(wt);
    return added;
}

/* Our best plan as GLPK's incumbent (once: GLPK keeps it). */
static void benders_incumbent(tour *w, glp_tree *tree)
{
    if (!w->bhave || w->bgiven)
        return;
    w->bgiven = true;
    double *x = calloc(w->n_cols + 1, sizeof *x);
    if (!x)
        return;
    for (size_t k = 0; k < w->T * w->T; k++)
        if (w->col[k] && w->bsel[k])
            x[w->col[k]] = 1;
    for (size_t h = 0; h < w->T; h++)
        x[w->vcol[h]] = (double)w->bhome[h];
    glp_ios_heur_sol(tree, x);
    free(x);
}

/* Keep the graph `sel` (strongly connected) when its members make it better than the best. */
static mapa_err benders_offer(tour *w, const unsigned char *sel)
{
    int64_t value = 0;
    int64_t *home = malloc((w->T + 1) * sizeof *home);
    mapa_err err = home ? assign_members(w, sel, NULL, &value, home) : oom();
    if (err == MAPA_OK && (!w->bhave || value > w->bvalue)) {
        memcpy(w->bsel, sel, w->T * w->T);
        memcpy(w->bhome, home, w->T * sizeof *home);
        w->bvalue = value;
        w->bhave = true;
        w->bgiven = false;
    }
    free(home);
    return err;
}

/*
 * The team-arc model with a value v[h] per home team in place of its arcs'
 * best scores: v[h] <= sum_t c(h,t) y[h,t] (the old objective, the first cut),
 * and Benders cuts from the LP of h's members (home_cut) wherever v[h] is
 * above what h's members can do, on LP points before and during branching
 * (GLP_IROWGEN, after the subtour rows). Exact: y is branched on, the cuts
 * are valid for every y and tight where they are added, and every graph GLPK
 * returns is scored by its members (home_assign) before it counts.
 */
static mapa_err enter_benders(tour *w, glp_prob *P)
{
    size_t T = w->T;
    w->vcol = malloc((T + 1) * sizeof *w->vcol);
    w->bsel = calloc(T * T + 1, 1);
    w->bhome = calloc(T + 1, sizeof *w->bhome);
    w->load = calloc(w->pr->n + 1, sizeof *w->load);
    if (!w->vcol || !w->bsel || !w->bhome || !w->load)
        return oom();
    char name[48];
    int first = glp_add_cols(P, (int)T);
    for (size_t h = 0; h < T; h++) {
        w->vcol[h] = first + (int)h;
        snprintf(name, sizeof name, "v(%zu)", h);
        glp_set_col_name(P, w->vcol[h], name);
        glp_set_col_bnds(P, w->vcol[h], GLP_FR, 0, 0);
        glp_set_obj_coef(P, w->vcol[h], 1);
    }
    for (size_t k = 0; k < T * T; k++)
        if (w->col[k])
            glp_set_obj_coef(P, w->col[k], 0);
    double *wt = malloc((T + 1) * sizeof *wt);
    if (!wt)
        return oom();
    for (size_t h = 0; h < T; h++) {
        for (size_t t = 0; t < T; t++)
            wt[t] = w->col[h * T + t] ? (double)member_arc(w, h, t) : 0;
        add_value_cut(w, P, h, 0, wt);
    }
    free(wt);
    w->n_cols = (size_t)glp_get_num_cols(P);
    w->benders = true;
    return MAPA_OK;
}

/*
 * From the graph w->sel whose members score less than its arcs: the model of
 * enter_benders, solved to the end (or the time limit). The best plan is in
 * w->bsel / w->bvalue, the bound in w->bound.
 */
static mapa_err benders_solve(tour *w, mapa_cf *out)
{
    glp_prob *P = w->P;
    mapa_err err = enter_benders(w, P);
    if (err == MAPA_OK)
        err = benders_offer(w, w->sel);
    if (err != MAPA_OK)
        return err;
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    bool proven = false;
    size_t rounds = 0;
    for (size_t pass = 0; !proven && pass < 50; pass++) {
        for (;;) { /* the LP with every cut it violates */
            if (mapa__cf_remaining(w->pr) <= 0) {
                out->status = MAPA_STATUS_TIME_LIMIT;
                return MAPA_OK;
            }
            sp.tm_lim = time_ms(w->pr);
            int ret = glp_simplex(P, &sp);
            if (ret == GLP_ETMLIM) {
                out->status = MAPA_STATUS_TIME_LIMIT;
                return MAPA_OK;
            }
            if (ret != 0 || glp_get_status(P) != GLP_OPT)
                return mapa_error_set(MAPA_EDEPENDENCY,
                                      "GLPK's simplex failed on the member cuts (code %d)", ret);
            w->bound = glp_get_obj_val(P);
            if ((double)w->bvalue > w->bound - 1 + 1e-6) {
                proven = true;
                break;
            }
            size_t added = separate(w, P);
            if (added == 0)
                added = benders_separate(w, P);
            if (added == 0)
                break;
            rounds++;
        }
        if (proven)
            break;
        glp_iocp parm;
        glp_init_iocp(&parm);
        parm.presolve = GLP_OFF;
        parm.sr_heur = GLP_OFF; /* its rounded points skip the lazy rows */
        parm.msg_lev = GLP_MSG_OFF;
        parm.cb_func = callback;
        parm.cb_info = w;
        parm.tm_lim = time_ms(w->pr);
        w->bgiven = false;
        int ret = glp_intopt(P, &parm);
        if (ret != 0 && ret != GLP_ETMLIM)
            return mapa_error_set(MAPA_EDEPENDENCY, "GLPK's branch-and-cut failed (code %d)", ret);
        int status = glp_mip_status(P);
        double obj = status == GLP_OPT || status == GLP_FEAS ? glp_mip_obj_val(P) : -INFINITY;
        if (status == GLP_OPT || status == GLP_FEAS) {
            unsigned char *sel = malloc(w->T * w->T + 1);
            if (!sel)
                return oom();
            for (size_t k = 0; k < w->T * w->T; k++)
                sel[k] = w->col[k] && glp_mip_col_val(P, w->col[k]) > 0.5;
            err = sel_connected(w, sel) ? benders_offer(w, sel) : MAPA_OK;
            free(sel);
            if (err != MAPA_OK)
                return err;
        }
        if (ret == GLP_ETMLIM) {
            out->status = MAPA_STATUS_TIME_LIMIT;
            return MAPA_OK;
        }
        /* GLPK's optimum is the model's bound once its point's members meet it */
        if (status == GLP_OPT && (double)w->bvalue > obj - 1 + 1e-6) {
            w->bound = obj;
            proven = true;
        } else if (status != GLP_OPT) {
            break;
        }
        /* else: a point whose cut was not taken (numerics); the next pass cuts it */
    }
    w->rounds += rounds;
    if (w->o && w->o->log) {
        char line[160];
        snprintf(line, sizeof line, "team arcs with member cuts: %zu cuts, best %lld, bound %.0f%s",
                 w->bcuts - w->T, (long long)w->bvalue, w->bound, proven ? " (optimal)" : "");
        w->o->log(line, w->o->payload);
    }
    out->status = proven ? MAPA_STATUS_OPTIMAL : MAPA_STATUS_TIME_LIMIT;
    return MAPA_OK;
}

static void tour_free(tour *w)
{
    free(w->c);
    free(w->best);
    free(w->succ);
    free(w->col);
    free(w->queue);
    free(w->prev);
    free(w->side);
    free(w->capsum);
    free(w->sel);
    free(w->hfirst);
    free(w->horder);
    free(w->vcol);
    free(w->bsel);
    free(w->bhome);
    free(w->load);
    if (w->P)
        glp_delete_prob(w->P);
    w->P = NULL;
}

mapa_err mapa__cf_tour(mapa_cf *out, const mapa__cf_problem *pr, const mapa_cf_options *o,
                       bool *usable)
{
    size_t T = pr->T, TT = T * T;
    *usable = false;
    /* the T x T tables and GLPK's model: T(T-1) columns, 2 entries each, and the cuts */
    mapa_err err = mapa__memory_check((double)TT * (8 + 8 + 8 + 8 + 8 + 1 + 300), pr->max_memory,
                                      "The Critical Friend team-arc model");
    if (err != MAPA_OK)
        return err;
    tour w = {.pr = pr, .o = o, .T = T, .cycle = all_one(pr)};
    w.c = malloc((TT + 1) * sizeof *w.c);
    w.best = malloc((TT + 1) * sizeof *w.best);
    w.succ = malloc((T + 1) * sizeof *w.succ);
    w.col = calloc(TT + 1, sizeof *w.col);
    w.queue = malloc((T + 1) * sizeof *w.queue);
    w.prev = malloc((T + 1) * sizeof *w.prev);
    w.side = malloc(T + 1);
    w.capsum = calloc(T + 1, sizeof *w.capsum);
    w.sel = calloc(TT + 1, 1);
    if (!w.c || !w.best || !w.succ || !w.col || !w.queue || !w.prev || !w.side || !w.capsum ||
        !w.sel) {
        tour_free(&w);
        return oom();
    }
    if (!pair_scores(&w)) { /* a team nobody can leave for: the general path explains it */
        tour_free(&w);
        return MAPA_OK;
    }
    w.bound = first_bound(&w); /* replaced by the LP's as soon as there is one */
    bool first = false;
    err = w.cycle ? heuristic(&w, NULL, &first) : MAPA_OK;
    mapa__glpk_guard guard = {.log = o ? o->log : NULL, .payload = o ? o->payload : NULL};
    if (err == MAPA_OK) {
        mapa__glpk_hooks_on(&guard);
        if (setjmp(guard.jump)) {
            mapa__glpk_hooks_off(1);
            w.P = NULL; /* freed with GLPK's environment */
            tour_free(&w);
            return mapa_error_set(MAPA_EDEPENDENCY, "GLPK stopped with an internal error");
        }
        err = solve(&w, out);
        int64_t graph = w.value, members = w.value;
        if (err == MAPA_OK && !w.cycle && w.have && out->status != MAPA_STATUS_INFEASIBLE)
            err = homes_index(&w);
        if (err == MAPA_OK && !w.cycle && w.have && out->status != MAPA_STATUS_INFEASIBLE)
            err = assign_members(&w, w.sel, NULL, &members, NULL);
        if (err == MAPA_OK && members < graph) {
            /* the members score less than the graph: per-home values with member cuts */
            if (o && o->log) {
                char line[160];
                snprintf(line, sizeof line,
                         "team arcs: graph %.4f, its members %.4f: cuts on the members' value",
                         (double)graph / (double)pr->scale, (double)members / (double)pr->scale);
                o->log(line, o->payload);
            }
            err = benders_solve(&w, out);
            if (err == MAPA_OK && w.bhave) {
                memcpy(w.sel, w.bsel, TT);
                w.value = w.bvalue;
            }
        }
        mapa__glpk_hooks_off(0);
    }
    mapa_cf plan = MAPA_CF_INIT; /* the pairs, put in `out` only when this path decides */
    int64_t value = w.value;
    if (err == MAPA_OK && w.have && out->status != MAPA_STATUS_INFEASIBLE) {
        if (w.cycle) {
            for (size_t h = 0; h < T && err == MAPA_OK; h++)
                if (!mapa__cf_push(&plan, pr, pr->cand[w.best[h * T + w.succ[h]]], w.succ[h],
                                   MAPA_STAGE_DECISION | MAPA_STAGE_EVALUATION))
                    err = oom();
        } else {
            err = assign_members(&w, w.sel, &plan, &value, NULL);
        }
    }
    /* the plan's value is its members' (the member cuts make the bound theirs too) */
    bool decided = err == MAPA_OK && (out->status == MAPA_STATUS_INFEASIBLE ||
                                      !w.have || value == w.value ||
                                      out->status == MAPA_STATUS_TIME_LIMIT);
    if (o && o->log) {
        char line[200];
        snprintf(line, sizeof line,
                 "team arcs (%s, %zu teams): graph %.4f, members %.4f, bound %.4f, %zu subtour "
                 "rows in %zu rounds%s",
                 w.cycle ? "a tour" : "strongly connected", T, (double)w.value / (double)pr->scale,
                 (double)value / (double)pr->scale, floor(w.bound + 1e-6) / (double)pr->scale,
                 w.cuts, w.rounds, decided ? "" : ": members lose, the member model decides");
        o->log(line, o->payload);
    }
    if (decided) {
        *usable = true;
        free(out->pairs);
        out->pairs = plan.pairs;
        out->n_pairs = plan.n_pairs;
        plan.pairs = NULL;
        out->method = "glpk";
        out->certified = false;
        out->cut_rounds = w.rounds;
        double scale = (double)pr->scale;
        out->bound = floor(w.bound + 1e-6) / scale;
        out->gap = out->status == MAPA_STATUS_OPTIMAL || out->n_pairs == 0
                       ? 0
                       : (out->bound - (double)value / scale) / fmax(1e-9, fabs(out->bound));
        if (out->status == MAPA_STATUS_INFEASIBLE)
            out->n_pairs = 0;
    }
    free(plan.pairs);
    tour_free(&w);
    return err;
}

/* A tour struct with only what the per-home flows need (T <= 8 searches). */
static mapa_err homes_only(tour *w, const mapa__cf_problem *pr)
{
    *w = (tour){.pr = pr, .T = pr->T};
    return homes_index(w);
}

mapa_err mapa__cf_home_table(const mapa__cf_problem *pr, int64_t *g)
{
    size_t T = pr->T, subsets = (size_t)1 << T;
    tour w;
    mapa_err err = homes_only(&w, pr);
    size_t *targets = malloc((T + 1) * sizeof *targets);
    if (err == MAPA_OK && !targets)
        err = oom();
    for (size_t h = 0; err == MAPA_OK && h < T; h++) {
        size_t capsum = 0;
        for (size_t k = w.hfirst[h]; k < w.hfirst[h + 1]; k++)
            capsum += pr->cap[w.horder[k]];
        for (size_t mask = 0; err == MAPA_OK && mask < subsets; mask++) {
            size_t nt = 0;
            for (size_t t = 0; t < T; t++)
                if (mask >> t & 1)
                    targets[nt++] = t;
            g[h * subsets + mask] = INT64_MIN;
            if (mask >> h & 1 || nt > capsum)
                continue; /* its own team, or more arcs than its members can serve */
            err = home_assign(&w, h, targets, nt, NULL, &g[h * subsets + mask]);
        }
    }
    free(targets);
    free(w.hfirst);
    free(w.horder);
    return err;
}

mapa_err mapa__cf_home_members(const mapa__cf_problem *pr, const unsigned char *sel, mapa_cf *out)
{
    tour w;
    mapa_err err = homes_only(&w, pr);
    int64_t value = 0;
    if (err == MAPA_OK)
        err = assign_members(&w, sel, out, &value, NULL);
    free(w.hfirst);
    free(w.horder);
    return err;
}
