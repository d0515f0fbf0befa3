/*
 * The allocation without its side rows, as a min-cost flow (docs/model.md):
 *
 *   S -> member (1) -> (agency, team) -> team -> SS
 *
 * A member has an arc to each team it may score in (its ranks, its previous
 * team) and, when interchangeable with the rest of its agency, one arc to its
 * agency's pool, which has an arc to every team. (agency, team) -> team carries
 * max_per_agency; team -> SS carries min_size, and team -> X -> SS the rest up
 * to max_size, with X -> SS holding exactly n - sum(min_size): a flow of value n
 * saturates every min_size arc, so no big-M costs are needed.
 * The flow is integral; when it also meets the side rows it is optimal for the
 * whole model, which mapa__mcf_certify proves by reduced costs.
 */
#include <stdlib.h>
#include <string.h>

#include "solver/alloc_problem.h"
#include "solver/mcf.h"

typedef struct net {
    const mapa__alloc_problem *pr;
    mapa__mcf *g;
    size_t T, A;
    size_t n_nodes;
    size_t *at;          /* (agency, team) node, or MAPA_NONE */
    size_t *pool;        /* agency's pool node, or MAPA_NONE */
    size_t *member_node; /* per allocatable member (i) */
    size_t *first_arc;   /* per member: id of its first option arc */
    size_t *n_arcs;      /* per member: its option arcs */
    size_t *pool_arc;    /* per (agency, team): pool -> (agency, team) arc, or MAPA_NONE */
    int64_t cmax;
} net;

enum { NODE_S, NODE_SS, NODE_X, FIRST_TEAM };

static size_t at_node(net *nw, size_t a, size_t t)
{
    size_t *slot = &nw->at[a * nw->T + t];
    if (*slot == MAPA_NONE)
        *slot = nw->n_nodes++;
    return *slot;
}

/* Number the nodes (members, pools, (agency, team) pairs) before any arc is added. */
static void number_nodes(net *nw)
{
    const mapa__alloc_problem *pr = nw->pr;
    const mapa_partnership *p = pr->p;
    nw->n_nodes = FIRST_TEAM + nw->T;
    for (size_t i = 0; i < pr->n; i++) {
        size_t m = pr->member[i];
        size_t a = p->members[m].agency;
        nw->member_node[i] = nw->n_nodes++;
        if (mapa__alloc_pooled(pr, m) && nw->pool[a] == MAPA_NONE) {
            nw->pool[a] = nw->n_nodes++;
            for (size_t t = 0; t < nw->T; t++)
                at_node(nw, a, t);
        }
        for (size_t t = 0; t < nw->T; t++)
            if (mapa__alloc_explicit(pr, m, t))
                at_node(nw, a, t);
    }
}

static mapa_err add_member_arcs(net *nw)
{
    const mapa__alloc_problem *pr = nw->pr;
    const mapa_partnership *p = pr->p;
    mapa_err err = MAPA_OK;
    for (size_t i = 0; i < pr->n && err == MAPA_OK; i++) {
        size_t m = pr->member[i], a = p->members[m].agency, u = nw->member_node[i];
        bool pooled = mapa__alloc_pooled(pr, m);
        err = mapa__mcf_add_arc(nw->g, NULL, NODE_S, u, 1, 0);
        nw->first_arc[i] = MAPA_NONE;
        nw->n_arcs[i] = 0;
        for (size_t t = 0; t < nw->T && err == MAPA_OK; t++) {
            if (!mapa__alloc_explicit(pr, m, t))
                continue;
            size_t id;
            int64_t cost = nw->cmax - mapa__alloc_score(pr, m, t);
            err = mapa__mcf_add_arc(nw->g, &id, u, nw->at[a * nw->T + t], 1, cost);
            if (nw->first_arc[i] == MAPA_NONE)
                nw->first_arc[i] = id;
            nw->n_arcs[i]++;
        }
        if (pooled && err == MAPA_OK) {
            size_t id;
            err = mapa__mcf_add_arc(nw->g, &id, u, nw->pool[a], 1, 0);
            if (nw->first_arc[i] == MAPA_NONE)
                nw->first_arc[i] = id;
            nw->n_arcs[i]++;
        }
    }
    return err;
}

static mapa_err add_team_arcs(net *nw)
{
    const mapa_partnership *p = nw->pr->p;
    int64_t n = (int64_t)nw->pr->n, total_min = 0;
    mapa_err err = MAPA_OK;
    for (size_t a = 0; a < nw->A && err == MAPA_OK; a++) {
        for (size_t t = 0; t < nw->T && err == MAPA_OK; t++) {
            size_t v = nw->at[a * nw->T + t];
            if (v == MAPA_NONE)
                continue;
            size_t capa = p->topics[t].max_per_agency;
            int64_t cap = capa == MAPA_UNLIMITED || (int64_t)capa > n ? n : (int64_t)capa;
            err = mapa__mcf_add_arc(nw->g, NULL, v, FIRST_TEAM + t, cap, 0);
            if (err == MAPA_OK && nw->pool[a] != MAPA_NONE)
                err = mapa__mcf_add_arc(nw->g, &nw->pool_arc[a * nw->T + t], nw->pool[a], v, n,
                                        nw->cmax);
        }
    }
    for (size_t t = 0; t < nw->T && err == MAPA_OK; t++) {
        const mapa_topic *topic = &p->topics[t];
        int64_t lo = (int64_t)topic->min_size;
        int64_t hi = topic->max_size == MAPA_UNLIMITED || (int64_t)topic->max_size > n
                         ? n
                         : (int64_t)topic->max_size;
        total_min += lo;
        err = mapa__mcf_add_arc(nw->g, NULL, FIRST_TEAM + t, NODE_SS, lo, 0);
        if (err == MAPA_OK && hi > lo)
            err = mapa__mcf_add_arc(nw->g, NULL, FIRST_TEAM + t, NODE_X, hi - lo, 0);
    }
    if (err == MAPA_OK && n > total_min)
        err = mapa__mcf_add_arc(nw->g, NULL, NODE_X, NODE_SS, n - total_min, 0);
    return err;
}

static mapa_err build(net *nw)
{
    const mapa__alloc_problem *pr = nw->pr;
    size_t T = nw->T, A = nw->A;
    nw->at = malloc((A * T + 1) * sizeof *nw->at);
    nw->pool_arc = malloc((A * T + 1) * sizeof *nw->pool_arc);
    nw->pool = malloc((A ? A : 1) * sizeof *nw->pool);
    nw->member_node = malloc((pr->n ? pr->n : 1) * sizeof *nw->member_node);
    nw->first_arc = malloc((pr->n ? pr->n : 1) * sizeof *nw->first_arc);
    nw->n_arcs = malloc((pr->n ? pr->n : 1) * sizeof *nw->n_arcs);
    if (!nw->at || !nw->pool_arc || !nw->pool || !nw->member_node || !nw->first_arc || !nw->n_arcs)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for the allocation network");
    for (size_t k = 0; k < A * T; k++)
        nw->at[k] = nw->pool_arc[k] = MAPA_NONE;
    for (size_t a = 0; a < A; a++)
        nw->pool[a] = MAPA_NONE;
    number_nodes(nw);
    mapa_err err = mapa__mcf_new(&nw->g, nw->n_nodes, pr->n * (pr->K + 3) + 2 * A * T + 3 * T);
    if (err == MAPA_OK)
        err = add_member_arcs(nw);
    if (err == MAPA_OK)
        err = add_team_arcs(nw);
    return err;
}

static void dispose(net *nw)
{
    mapa__mcf_free(nw->g);
    free(nw->at);
    free(nw->pool_arc);
    free(nw->pool);
    free(nw->member_node);
    free(nw->first_arc);
    free(nw->n_arcs);
}

/* The team of member i from its option arcs; MAPA_NONE when it went through the pool. */
static size_t option_team(const net *nw, size_t i, size_t *pool_left)
{
    const mapa__alloc_problem *pr = nw->pr;
    size_t m = pr->member[i], a = pr->p->members[m].agency;
    size_t k = 0;
    for (size_t t = 0; t < nw->T; t++) {
        if (!mapa__alloc_explicit(pr, m, t))
            continue;
        if (mapa__mcf_flow(nw->g, nw->first_arc[i] + 2 * k) > 0)
            return t;
        k++;
    }
    /* the pool arc: take the first team with pool flow left for this agency */
    for (size_t t = 0; t < nw->T; t++) {
        if (pool_left[a * nw->T + t] > 0) {
            pool_left[a * nw->T + t]--;
            return t;
        }
    }
    return MAPA_NONE;
}

mapa_err mapa__alloc_flow(mapa_alloc *out, const mapa__alloc_problem *pr, bool *usable)
{
    net nw = {.pr = pr, .T = pr->p->n_topics, .A = pr->p->n_agencies};
    *usable = false;
    nw.cmax = mapa__alloc_max_score(pr);
    if (nw.cmax > INT64_MAX / 8 / (int64_t)(pr->n + pr->p->n_agencies * pr->p->n_topics + 16))
        return MAPA_OK; /* costs too large for exact 64-bit paths: GLPK decides */
    size_t *pool_left = NULL;
    mapa_err err = build(&nw);
    int64_t sent = 0;
    if (err == MAPA_OK)
        err = mapa__mcf_solve(nw.g, NODE_S, NODE_SS, (int64_t)pr->n, &sent);
    if (err != MAPA_OK || sent < (int64_t)pr->n) {
        /* no flow of value n: the hard size and agency limits cannot hold */
        if (err == MAPA_OK)
            out->status = MAPA_STATUS_INFEASIBLE;
        *usable = err == MAPA_OK;
        goto cleanup;
    }
    pool_left = calloc(nw.A * nw.T + 1, sizeof *pool_left);
    if (!pool_left) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory for the allocation");
        goto cleanup;
    }
    for (size_t k = 0; k < nw.A * nw.T; k++)
        if (nw.pool_arc[k] != MAPA_NONE)
            pool_left[k] = (size_t)mapa__mcf_flow(nw.g, nw.pool_arc[k]);
    for (size_t i = 0; i < pr->n; i++)
        out->team[pr->member[i]] = option_team(&nw, i, pool_left);
    out->certified = mapa__mcf_certify(nw.g);
    out->status = out->certified ? MAPA_STATUS_OPTIMAL : MAPA_STATUS_FEASIBLE;
    out->method = "min-cost flow";
    *usable = true;
cleanup:
    free(pool_left);
    dispose(&nw);
    return err;
}
