/*
 * Critical Friends without the side rows, as a transportation flow:
 *
 *   S -> candidate (1 at cost 0, then capacity - 1 at the load penalty)
 *   candidate -> (home team, reviewed team)   cost C - score, capacity 1
 *   (home, reviewed) -> reviewed team         capacity 1: CFs from distinct homes
 *   reviewed team -> SS                       capacity cf_required
 *
 * The first unit of a candidate's capacity costs nothing and the others cost
 * the load penalty, so duties spread. Optimality is proven by the flow's dual
 * certificate; when "every team sends" and strong connectivity also hold, the
 * flow is optimal for the whole model.
 */
#include <stdlib.h>

#include <mapa/team_graph.h>

#include "solver/cf_problem.h"
#include "solver/cf_reach.h"
#include "solver/mcf.h"

enum { NODE_S, NODE_SS, FIRST_TEAM };

typedef struct repair {
    const mapa__cf_problem *pr;
    mapa__mcf *g;
    const size_t *arc; /* [i * T + t] */
    size_t *from, *to; /* the team graph's arcs */
    size_t *memb;
    bool *src, *snk;
    const size_t *s_arc;    /* [i]: S -> candidate, first unit */
    const size_t *pair_arc; /* [h * T + t]: (h, t) -> t */
    size_t *who;            /* [h * T + t]: the candidate of h reviewing t, or MAPA_NONE */
    size_t n_arcs;
    unsigned char *reach; /* teams joined to the chosen component (see link_one) */
    size_t *queue;
} repair;

/* Who reviews whom, read off the flow once (then kept up to date by the swaps). */
static void read_reviewers(repair *r)
{
    const mapa__cf_problem *pr = r->pr;
    size_t T = pr->T;
    for (size_t k = 0; k < T * T; k++)
        r->who[k] = MAPA_NONE;
    for (size_t i = 0; i < pr->n; i++)
        for (size_t t = 0; t < T; t++)
            if (r->arc[i * T + t] != MAPA_NONE && mapa__mcf_flow(r->g, r->arc[i * T + t]) > 0)
                r->who[mapa__cf_home(pr, i) * T + t] = i;
}

/* Strong components of the team graph the current flow makes. O(T^2). */
static mapa_err components(repair *r, size_t *count)
{
    size_t T = r->pr->T, n_arcs = 0;
    for (size_t h = 0; h < T; h++)
        for (size_t t = 0; t < T; t++)
            if (r->who[h * T + t] != MAPA_NONE) {
                r->from[n_arcs] = h;
                r->to[n_arcs++] = t;
            }
    r->n_arcs = n_arcs;
    return mapa_team_graph_components(r->memb, count, r->src, r->snk, T, r->from, r->to, n_arcs);
}

/* Teams reachable from component `comp` (forward) or reaching it (backward), into r->reach. */
static void reachable(repair *r, size_t comp, bool forward)
{
    size_t T = r->pr->T, head = 0, tail = 0;
    for (size_t t = 0; t < T; t++) {
        r->reach[t] = r->memb[t] == comp;
        if (r->reach[t])
            r->queue[tail++] = t;
    }
    while (head < tail) {
        size_t u = r->queue[head++];
        for (size_t k = 0; k < r->n_arcs; k++) {
            size_t a = forward ? r->from[k] : r->to[k], b = forward ? r->to[k] : r->from[k];
            if (a == u && !r->reach[b]) {
                r->reach[b] = 1;
                r->queue[tail++] = b;
            }
        }
    }
}

/*
 * Swap: candidate i (home h, free) takes the place of candidate j (home h2) as
 * a CF of team t: S -> i -> (h,t) -> t -> (h2,t) -> j -> S, pushed only when it
 * costs nothing. Kept when the team graph has fewer strong components.
 */
static mapa_err try_swap(repair *r, size_t i, size_t j, size_t t, size_t count, bool *kept)
{
    const mapa__cf_problem *pr = r->pr;
    size_t T = pr->T, h = mapa__cf_home(pr, i), h2 = mapa__cf_home(pr, j);
    size_t cycle[6] = {r->s_arc[i],
                       r->arc[i * T + t],
                       r->pair_arc[h * T + t],
                       r->pair_arc[h2 * T + t] ^ 1,
                       r->arc[j * T + t] ^ 1,
                       r->s_arc[j] ^ 1};
    *kept = false;
    if (h == h2 || !mapa__mcf_try_cycle(r->g, cycle, 6))
        return MAPA_OK;
    r->who[h * T + t] = i;
    r->who[h2 * T + t] = MAPA_NONE;
    size_t after = 0;
    mapa_err err = components(r, &after);
    if (err == MAPA_OK && after < count) {
        *kept = true;
    } else {
        mapa__mcf_unpush(r->g, cycle, 6);
        r->who[h * T + t] = MAPA_NONE;
        r->who[h2 * T + t] = j;
    }
    return err;
}

/*
 * One zero-cost change that merges components: a CF into a source component C
 * from a team C reaches (or out of a sink C to a team that reaches C) closes a
 * cycle through both; the CF it replaces is chosen so that nothing else breaks.
 */
static mapa_err link_one(repair *r, size_t count, size_t *budget, bool *linked)
{
    const mapa__cf_problem *pr = r->pr;
    size_t T = pr->T, comp = 0;
    while (comp < count && !r->src[comp] && !r->snk[comp])
        comp++;
    bool into = comp < count && r->src[comp];
    reachable(r, comp, into);
    *linked = false;
    mapa_err err = MAPA_OK;
    for (size_t i = 0; i<pr->n && * budget> 0 && !*linked && err == MAPA_OK; i++) {
        size_t h = mapa__cf_home(pr, i);
        bool home_in = r->memb[h] == comp;
        if ((into ? (home_in || !r->reach[h]) : !home_in) || mapa__mcf_flow(r->g, r->s_arc[i]) > 0)
            continue; /* wrong side, or already serving */
        for (size_t t = 0; t<T && * budget> 0 && !*linked && err == MAPA_OK; t++) {
            size_t a = r->arc[i * T + t];
            bool t_in = r->memb[t] == comp;
            if (a == MAPA_NONE || (into ? !t_in : (t_in || !r->reach[t])) ||
                mapa__mcf_reduced_cost(r->g, a) != 0)
                continue;
            for (size_t h2 = 0; h2 < T && !*linked && err == MAPA_OK; h2++) {
                size_t j = h2 == h || h2 == t ? MAPA_NONE : r->who[h2 * T + t];
                if (j == MAPA_NONE)
                    continue;
                (*budget)--;
                err = try_swap(r, i, j, t, count, linked);
            }
        }
    }
    return err;
}

static void repair_close(repair *r)
{
    free(r->from);
    free(r->to);
    free(r->memb);
    free(r->src);
    free(r->snk);
    free(r->reach);
    free(r->queue);
    free(r->who);
    r->from = r->to = r->memb = r->who = r->queue = NULL; /* a second close is harmless */
    r->reach = NULL;
    r->src = r->snk = NULL;
}

static mapa_err repair_open(repair *r, const mapa__cf_problem *pr, mapa__mcf *g, const size_t *arc,
                            const size_t *s_arc, const size_t *pair_arc)
{
    size_t T = pr->T;
    *r = (repair){pr,
                  g,
                  arc,
                  malloc((pr->places + 1) * sizeof(size_t)),
                  malloc((pr->places + 1) * sizeof(size_t)),
                  malloc((T + 1) * sizeof(size_t)),
                  malloc((T + 1) * sizeof(bool)),
                  malloc((T + 1) * sizeof(bool)),
                  s_arc,
                  pair_arc,
                  malloc((T * T + 1) * sizeof(size_t)),
                  0,
                  malloc(T + 1),
                  malloc((T + 1) * sizeof(size_t))};
    if (!(r->from && r->to && r->memb && r->src && r->snk && r->reach && r->queue && r->who)) {
        repair_close(r);
        return mapa_error_set(MAPA_ENOMEM, "out of memory for Critical Friends");
    }
    read_reviewers(r);
    return MAPA_OK;
}

/*
 * Among the flow's optimal plans, look for a strongly connected one: swaps of
 * zero cost (cycles of zero reduced cost) that add an arc into a source (or
 * out of a sink) component, each kept when it lowers the number of strong
 * components. The potentials still certify every plan visited. A bounded
 * search (200 swaps per team): when it fails, the integer program decides.
 */
static mapa_err make_connected(repair *r, bool *connected)
{
    size_t count = 0, budget = 200 * r->pr->T;
    mapa_err err = components(r, &count);
    while (err == MAPA_OK && count > 1) {
        bool linked = false;
        err = link_one(r, count, &budget, &linked);
        if (err != MAPA_OK || !linked)
            break;
        err = components(r, &count);
    }
    *connected = err == MAPA_OK && count == 1;
    return err;
}

mapa_err mapa__cf_flow(mapa_cf *out, const mapa__cf_problem *pr, bool *usable, int64_t *rc,
                       bool *reach_best)
{
    *usable = false;
    *reach_best = false;
    if (pr->S != 1)
        return MAPA_OK;
    size_t T = pr->T, first_pair = FIRST_TEAM + T, first_cand = first_pair + T * T;
    int64_t cmax = 0;
    for (size_t i = 0; i < pr->n; i++)
        for (size_t t = 0; t < T; t++) {
            int64_t sc = t == mapa__cf_home(pr, i) ? 0 : mapa__cf_score(pr, pr->cand[i], t);
            if (sc > cmax)
                cmax = sc;
        }
    mapa__mcf *g = NULL;
    size_t *arc = malloc((pr->n * T + 1) * sizeof *arc);
    size_t *s_arc = malloc((pr->n + 1) * sizeof *s_arc);
    size_t *pair_arc = malloc((T * T + 1) * sizeof *pair_arc);
    mapa_err err = arc && s_arc && pair_arc
                       ? mapa__mcf_new(&g, first_cand + pr->n, pr->n * (T + 1) + T * T + T)
                       : mapa_error_set(MAPA_ENOMEM, "out of memory for Critical Friends");
    for (size_t i = 0; err == MAPA_OK && i < pr->n; i++) {
        size_t u = first_cand + i, h = mapa__cf_home(pr, i);
        err = mapa__mcf_add_arc(g, &s_arc[i], NODE_S, u, 1, 0);
        if (err == MAPA_OK && pr->cap[i] > 1)
            err = mapa__mcf_add_arc(g, NULL, NODE_S, u, (int64_t)pr->cap[i] - 1, pr->load_penalty);
        for (size_t t = 0; err == MAPA_OK && t < T; t++) {
            arc[i * T + t] = MAPA_NONE;
            if (t != h)
                err = mapa__mcf_add_arc(g, &arc[i * T + t], u, first_pair + h * T + t, 1,
                                        cmax - mapa__cf_score(pr, pr->cand[i], t));
        }
    }
    for (size_t h = 0; err == MAPA_OK && h < T; h++)
        for (size_t t = 0; err == MAPA_OK && t < T; t++)
            if (h != t)
                err = mapa__mcf_add_arc(g, &pair_arc[h * T + t], first_pair + h * T + t,
                                        FIRST_TEAM + t, 1, 0);
    for (size_t t = 0; err == MAPA_OK && t < T; t++)
        err = mapa__mcf_add_arc(g, NULL, FIRST_TEAM + t, NODE_SS,
                                (int64_t)pr->p->topics[t].cf_required, 0);
    int64_t sent = 0;
    bool connected = false;
    if (err == MAPA_OK)
        err = mapa__mcf_solve(g, NODE_S, NODE_SS, (int64_t)pr->places, &sent);
    if (err == MAPA_OK && sent == (int64_t)pr->places && T > 1) {
        repair r;
        err = repair_open(&r, pr, g, arc, s_arc, pair_arc);
        if (err == MAPA_OK)
            err = make_connected(&r, &connected);
        if (err == MAPA_OK && connected && pr->s->cf_reach_weight > 0) {
            mapa__cf_arcs arcs = {g, arc, s_arc, pair_arc};
            err = mapa__cf_raise_reach(pr, &arcs, r.who, &out->reach_swaps, reach_best);
            out->reach_method = *reach_best ? "swaps among the optimal plans, at its upper bound"
                                            : "swaps among the optimal plans, not proven best";
        }
        repair_close(&r);
    }
    for (size_t i = 0; err == MAPA_OK && i < pr->n; i++)
        for (size_t t = 0; t < T && err == MAPA_OK; t++)
            if (arc[i * T + t] != MAPA_NONE && mapa__mcf_flow(g, arc[i * T + t]) > 0 &&
                !mapa__cf_push(out, pr, pr->cand[i], t,
                               MAPA_STAGE_DECISION | MAPA_STAGE_EVALUATION))
                err = mapa_error_set(MAPA_ENOMEM, "out of memory for Critical Friends");
    for (size_t i = 0; rc && err == MAPA_OK && i < pr->n; i++)
        for (size_t t = 0; t < T; t++)
            rc[i * T + t] =
                arc[i * T + t] == MAPA_NONE ? INT64_MAX : mapa__mcf_reduced_cost(g, arc[i * T + t]);
    if (err == MAPA_OK) {
        *usable = true;
        out->method = "min-cost flow";
        out->certified = mapa__mcf_certify(g);
        out->status = sent < (int64_t)pr->places ? MAPA_STATUS_INFEASIBLE
                      : out->certified           ? MAPA_STATUS_OPTIMAL
                                                 : MAPA_STATUS_FEASIBLE;
    }
    mapa__mcf_free(g);
    free(arc);
    free(s_arc);
    free(pair_arc);
    return err;
}
