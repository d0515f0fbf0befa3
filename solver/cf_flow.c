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
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <mapa/team_graph.h>

#include "solver/cf_problem.h"
#include "solver/cf_reach.h"
#include "solver/mcf.h"
#include "solver/memory.h"

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

/* Candidate-team arcs above this many: the first network keeps a few members per team pair. */
#define FULL_ARCS 100000
#define PAIR_MEMBERS 4
#define PRICING_ROUNDS 20

/* A fixed pseudo-random order among members of equal score, so that ties spread over people. */
static uint64_t tie(size_t i, size_t t)
{
    uint64_t z = (uint64_t)i * 0x9E3779B97F4A7C15u + (uint64_t)t * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

size_t mapa__cf_pair_keep(const mapa__cf_problem *pr)
{
    return pr->pair_members ? pr->pair_members : pr->n * pr->T > FULL_ARCS ? PAIR_MEMBERS : 0;
}

typedef struct network {
    mapa__mcf *g;
    size_t *arc;      /* [i * T + t]: candidate i -> (home i, t), or MAPA_NONE (not in g) */
    size_t *s_arc;    /* [i] */
    size_t *pair_arc; /* [h * T + t] */
    int64_t cmax;     /* arc cost: cmax - score */
} network;

/* The flow network on the arcs `in` marks ([i * T + t]; NULL: every arc). */
static mapa_err network_build(network *w, const mapa__cf_problem *pr, const unsigned char *in,
                              size_t n_in)
{
    size_t T = pr->T, first_pair = FIRST_TEAM + T, first_cand = first_pair + T * T;
    mapa__mcf_free(w->g);
    w->g = NULL;
    mapa_err err = mapa__mcf_new(&w->g, first_cand + pr->n, n_in + pr->n * 2 + T * T + T);
    for (size_t i = 0; err == MAPA_OK && i < pr->n; i++) {
        size_t u = first_cand + i, h = mapa__cf_home(pr, i);
        err = mapa__mcf_add_arc(w->g, &w->s_arc[i], NODE_S, u, 1, 0);
        if (err == MAPA_OK && pr->cap[i] > 1)
            err = mapa__mcf_add_arc(w->g, NULL, NODE_S, u, (int64_t)pr->cap[i] - 1,
                                    pr->load_penalty);
        for (size_t t = 0; err == MAPA_OK && t < T; t++) {
            w->arc[i * T + t] = MAPA_NONE;
            if (t != h && (!in || in[i * T + t]))
                err = mapa__mcf_add_arc(w->g, &w->arc[i * T + t], u, first_pair + h * T + t, 1,
                                        w->cmax - mapa__cf_score(pr, pr->cand[i], t));
        }
    }
    for (size_t h = 0; err == MAPA_OK && h < T; h++)
        for (size_t t = 0; err == MAPA_OK && t < T; t++)
            if (h != t)
                err = mapa__mcf_add_arc(w->g, &w->pair_arc[h * T + t], first_pair + h * T + t,
                                        FIRST_TEAM + t, 1, 0);
    for (size_t t = 0; err == MAPA_OK && t < T; t++)
        err = mapa__mcf_add_arc(w->g, NULL, FIRST_TEAM + t, NODE_SS,
                                (int64_t)pr->p->topics[t].cf_required, 0);
    return err;
}

/* Reduced cost of candidate i -> (home i, t) under the network's potentials, in g or not. */
static int64_t reduced_cost(const network *w, const mapa__cf_problem *pr, size_t i, size_t t)
{
    size_t T = pr->T, first_pair = FIRST_TEAM + T, first_cand = first_pair + T * T;
    if (w->arc[i * T + t] != MAPA_NONE)
        return mapa__mcf_reduced_cost(w->g, w->arc[i * T + t]);
    return w->cmax - mapa__cf_score(pr, pr->cand[i], t) +
           mapa__mcf_potential(w->g, first_cand + i) -
           mapa__mcf_potential(w->g, first_pair + mapa__cf_home(pr, i) * T + t);
}

/*
 * The first network's arcs: for each team pair (h, t), the `keep` members of h
 * with the best score for t (ties in a fixed pseudo-random order).
 */
static mapa_err pick_pairs(unsigned char *in, size_t *n_in, const mapa__cf_problem *pr,
                           size_t keep)
{
    size_t T = pr->T, slots = T * T * keep;
    size_t *who = malloc((slots + 1) * sizeof *who);
    int64_t *sc = malloc((slots + 1) * sizeof *sc);
    uint64_t *key = malloc((slots + 1) * sizeof *key);
    if (!who || !sc || !key) {
        free(who);
        free(sc);
        free(key);
        return mapa_error_set(MAPA_ENOMEM, "out of memory for Critical Friends");
    }
    for (size_t k = 0; k < slots; k++)
        who[k] = MAPA_NONE;
    for (size_t i = 0; i < pr->n; i++) {
        size_t h = mapa__cf_home(pr, i);
        for (size_t t = 0; t < T; t++) {
            if (t == h)
                continue;
            int64_t s = mapa__cf_score(pr, pr->cand[i], t);
            uint64_t q = tie(i, t);
            size_t base = (h * T + t) * keep, j = keep;
            while (j > 0 && (who[base + j - 1] == MAPA_NONE || s > sc[base + j - 1] ||
                             (s == sc[base + j - 1] && q < key[base + j - 1])))
                j--;
            if (j == keep)
                continue;
            for (size_t k = keep - 1; k > j; k--) {
                who[base + k] = who[base + k - 1];
                sc[base + k] = sc[base + k - 1];
                key[base + k] = key[base + k - 1];
            }
            who[base + j] = i;
            sc[base + j] = s;
            key[base + j] = q;
        }
    }
    *n_in = 0;
    for (size_t k = 0; k < slots; k++)
        if (who[k] != MAPA_NONE) {
            in[who[k] * T + (k / keep) % T] = 1;
            ++*n_in;
        }
    free(who);
    free(sc);
    free(key);
    return MAPA_OK;
}

/*
 * Pricing: arcs left out with a negative reduced cost under the potentials
 * could improve the flow; mark up to `keep` per team pair (the most negative
 * first found). None: the potentials certify the flow on every arc, in the
 * network or not (LP duality), so it is optimal for the whole network.
 */
static size_t price(unsigned char *in, const network *w, const mapa__cf_problem *pr, size_t keep,
                    size_t *added_per_pair)
{
    size_t T = pr->T, added = 0;
    memset(added_per_pair, 0, T * T * sizeof *added_per_pair);
    for (size_t i = 0; i < pr->n; i++) {
        size_t h = mapa__cf_home(pr, i);
        for (size_t t = 0; t < T; t++)
            if (t != h && !in[i * T + t] && added_per_pair[h * T + t] < keep &&
                reduced_cost(w, pr, i, t) < 0) {
                in[i * T + t] = 1;
                added_per_pair[h * T + t]++;
                added++;
            }
    }
    return added;
}

mapa_err mapa__cf_flow(mapa_cf *out, const mapa__cf_problem *pr, bool *usable, int64_t *rc,
                       bool *reach_best)
{
    *usable = false;
    *reach_best = false;
    if (pr->S != 1)
        return MAPA_OK;
    size_t T = pr->T;
    network w = {NULL, malloc((pr->n * T + 1) * sizeof(size_t)),
                 malloc((pr->n + 1) * sizeof(size_t)), malloc((T * T + 1) * sizeof(size_t)), 0};
    for (size_t i = 0; i < pr->n; i++)
        for (size_t t = 0; t < T; t++) {
            int64_t sc = t == mapa__cf_home(pr, i) ? 0 : mapa__cf_score(pr, pr->cand[i], t);
            if (sc > w.cmax)
                w.cmax = sc;
        }
    size_t keep = mapa__cf_pair_keep(pr);
    unsigned char *in = keep ? calloc(pr->n * T + 1, 1) : NULL;
    size_t *per_pair = keep ? malloc((T * T + 1) * sizeof *per_pair) : NULL, n_in = pr->n * T;
    mapa_err err = w.arc && w.s_arc && w.pair_arc && (!keep || (in && per_pair))
                       ? MAPA_OK
                       : mapa_error_set(MAPA_ENOMEM, "out of memory for Critical Friends");
    if (err == MAPA_OK && keep)
        err = pick_pairs(in, &n_in, pr, keep);
    int64_t sent = 0;
    for (size_t round = 0; err == MAPA_OK; round++) {
        err = network_build(&w, pr, in, n_in);
        if (err == MAPA_OK)
            err = mapa__mcf_solve(w.g, NODE_S, NODE_SS, (int64_t)pr->places, &sent);
        if (err != MAPA_OK || !in)
            break;
        size_t added = 0;
        if (sent < (int64_t)pr->places || round + 1 >= PRICING_ROUNDS ||
            (added = price(in, &w, pr, keep, per_pair)) * 2 > n_in) {
            free(in); /* a shortfall, or pricing slow to settle: every arc */
            in = NULL;
            n_in = pr->n * T;
            err = mapa__memory_check((double)(n_in + pr->n + T * T) * MAPA_MCF_BYTES_PER_ARC,
                                     pr->max_memory, "The Critical Friend flow network");
            continue;
        }
        if (added == 0)
            break;
        n_in += added;
    }
    free(in);
    free(per_pair);
    bool connected = false;
    if (err == MAPA_OK && sent == (int64_t)pr->places && T > 1) {
        repair r;
        err = repair_open(&r, pr, w.g, w.arc, w.s_arc, w.pair_arc);
        if (err == MAPA_OK)
            err = make_connected(&r, &connected);
        if (err == MAPA_OK && connected && pr->s->cf_reach_weight > 0) {
            mapa__cf_arcs arcs = {w.g, w.arc, w.s_arc, w.pair_arc};
            err = mapa__cf_raise_reach(pr, &arcs, r.who, &out->reach_swaps, reach_best);
            out->reach_method = *reach_best ? "swaps among the optimal plans, at its upper bound"
                                            : "swaps among the optimal plans, not proven best";
        }
        repair_close(&r);
    }
    for (size_t i = 0; err == MAPA_OK && i < pr->n; i++)
        for (size_t t = 0; t < T && err == MAPA_OK; t++)
            if (w.arc[i * T + t] != MAPA_NONE && mapa__mcf_flow(w.g, w.arc[i * T + t]) > 0 &&
                !mapa__cf_push(out, pr, pr->cand[i], t,
                               MAPA_STAGE_DECISION | MAPA_STAGE_EVALUATION))
                err = mapa_error_set(MAPA_ENOMEM, "out of memory for Critical Friends");
    /* the reduced costs serve the integer program's restriction (no connected plan here) and
     * the reach term's; a connected plan without the reach term needs none */
    bool want_rc = rc && (!connected || pr->reach);
    for (size_t i = 0; want_rc && err == MAPA_OK && i < pr->n; i++)
        for (size_t t = 0; t < T; t++)
            rc[i * T + t] = t == mapa__cf_home(pr, i) ? INT64_MAX : reduced_cost(&w, pr, i, t);
    if (err == MAPA_OK) {
        *usable = true;
        out->method = "min-cost flow";
        /* the network's own arcs by mapa__mcf_certify; those left out were priced above */
        out->certified = mapa__mcf_certify(w.g);
        out->status = sent < (int64_t)pr->places ? MAPA_STATUS_INFEASIBLE
                      : out->certified           ? MAPA_STATUS_OPTIMAL
                                                 : MAPA_STATUS_FEASIBLE;
    }
    mapa__mcf_free(w.g);
    free(w.arc);
    free(w.s_arc);
    free(w.pair_arc);
    return err;
}
