/*
 * Critical Friends on up to 8 teams with the two-step reach term, one stage:
 * an exact branch and bound over team graphs (docs/model.md, "Up to 8 teams:
 * branch and bound over team graphs"). Each team t chooses its cf_required
 * in-arcs (distinct homes); a home's member part depends only on its set of
 * out-arcs, so it is a table of 2^T min-cost flows per home computed once
 * (mapa__cf_home_table; the overlap's link term is inside each score).
 * Bounds: the decided homes' table values plus, for
 * the teams still open, their best in-arcs' scores (a home's value never
 * rises by more than an arc's best score when the arc is added), and the
 * reach counted on what is decided plus cf_required for what is not.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "solver/cf_problem.h"

/* Past this many nodes the search gives way to GLPK (adversarial instances). */
#define GRAPH_NODE_LIMIT 4000000

typedef struct search {
    const mapa__cf_problem *pr;
    size_t T, subsets;
    const int64_t *g;       /* mapa__cf_home_table */
    int64_t c[64];          /* [h * T + t]: the best member's score for t, with the link */
    bool arc_ok[64];        /* h has a candidate (h != t) */
    size_t req[8];
    unsigned *sets[8];      /* per team: its in-sets, best score first */
    size_t n_sets[8];
    int64_t tail[9];        /* member part bound of teams k.. (their best in-arcs) */
    double reach_unit;      /* objective units (1/scale points) per pair within two steps */
    size_t most_req;
    unsigned in[8], out[8]; /* the current partial graph */
    double best;
    unsigned best_in[8];
    bool have;
    size_t nodes;
    bool stopped;
} search;

static int64_t home_value(const search *s, size_t h)
{
    return s->g[h * s->subsets + s->out[h]];
}

static int popcount(unsigned x)
{
    int n = 0;
    for (; x; x &= x - 1)
        n++;
    return n;
}

/* Upper bound on the pairs within two steps, teams 0..k-1 decided. */
static size_t reach_bound(const search *s, size_t k)
{
    size_t T = s->T, total = 0;
    for (size_t t = 0; t < T; t++) {
        size_t n;
        if (t < k) {
            unsigned near = s->in[t], open = 0;
            for (size_t m = 0; m < T; m++)
                if (s->in[t] >> m & 1) {
                    if (m < k)
                        near |= s->in[m];
                    else
                        open += (unsigned)s->req[m];
                }
            near &= ~(1u << t);
            n = (size_t)popcount(near) + open;
        } else {
            n = s->req[t] * (1 + s->most_req);
        }
        total += n < T - 1 ? n : T - 1;
    }
    return total;
}

/* Strongly connected (every team reaches team 0 and is reached from it), and its reach. */
static bool leaf_graph(const search *s, size_t *pairs)
{
    size_t T = s->T;
    unsigned all = (1u << T) - 1, fwd = 1, bwd = 1;
    for (size_t step = 0; step < T; step++) {
        unsigned nf = fwd, nb = bwd;
        for (size_t t = 0; t < T; t++) {
            if (s->in[t] & fwd)
                nf |= 1u << t; /* some h reached has h -> t */
            if (bwd >> t & 1)
                nb |= s->in[t]; /* h -> t with t reaching 0 */
        }
        fwd = nf;
        bwd = nb;
    }
    if (fwd != all || bwd != all)
        return false;
    *pairs = 0;
    for (size_t t = 0; t < T; t++) {
        unsigned near = s->in[t];
        for (size_t m = 0; m < T; m++)
            if (s->in[t] >> m & 1)
                near |= s->in[m];
        *pairs += (size_t)popcount(near & ~(1u << t));
    }
    return true;
}

static void dive(search *s, size_t k)
{
    if (s->stopped)
        return;
    if (++s->nodes > GRAPH_NODE_LIMIT) {
        s->stopped = true;
        return;
    }
    size_t T = s->T;
    int64_t members = 0;
    for (size_t h = 0; h < T; h++) {
        int64_t v = home_value(s, h);
        if (v == INT64_MIN)
            return; /* more arcs than h's members can serve */
        members += v;
    }
    if (k == T) {
        size_t pairs = 0;
        if (!leaf_graph(s, &pairs))
            return;
        double value = (double)members + s->reach_unit * (double)pairs;
        if (!s->have || value > s->best + 1e-9) {
            s->best = value;
            memcpy(s->best_in, s->in, sizeof s->in);
            s->have = true;
        }
        return;
    }
    double bound = (double)(members + s->tail[k]) + s->reach_unit * (double)reach_bound(s, k);
    if (s->have && bound <= s->best + 1e-9)
        return;
    for (size_t j = 0; j < s->n_sets[k]; j++) {
        unsigned set = s->sets[k][j];
        for (size_t h = 0; h < T; h++)
            if (set >> h & 1)
                s->out[h] |= 1u << k;
        s->in[k] = set;
        dive(s, k + 1);
        s->in[k] = 0;
        for (size_t h = 0; h < T; h++)
            if (set >> h & 1)
                s->out[h] &= ~(1u << k);
        if (s->stopped)
            return;
    }
}

static const search *sort_ctx;
static size_t sort_team;

static int64_t set_score(const search *s, size_t t, unsigned set)
{
    int64_t v = 0;
    for (size_t h = 0; h < s->T; h++)
        if (set >> h & 1)
            v += s->c[h * s->T + t];
    return v;
}

static int by_score(const void *a, const void *b)
{
    int64_t x = set_score(sort_ctx, sort_team, *(const unsigned *)a);
    int64_t y = set_score(sort_ctx, sort_team, *(const unsigned *)b);
    return x > y ? -1 : x < y ? 1 : (*(const unsigned *)a > *(const unsigned *)b) - (*(const unsigned *)a < *(const unsigned *)b);
}

/* Every in-set of team t (req[t] other teams that have candidates), best first. */
static bool in_sets(search *s, size_t t)
{
    size_t T = s->T, n = 0;
    s->sets[t] = malloc(((size_t)1 << T) * sizeof **s->sets);
    if (!s->sets[t])
        return false;
    for (unsigned mask = 0; mask < (1u << T); mask++) {
        if (mask >> t & 1 || (size_t)popcount(mask) != s->req[t])
            continue;
        bool ok = true;
        for (size_t h = 0; h < T && ok; h++)
            ok = !(mask >> h & 1) || s->arc_ok[h * T + t];
        if (ok)
            s->sets[t][n++] = mask;
    }
    s->n_sets[t] = n;
    sort_ctx = s;
    sort_team = t;
    qsort(s->sets[t], n, sizeof **s->sets, by_score);
    int64_t top = n ? set_score(s, t, s->sets[t][0]) : 0;
    s->tail[t] = top;
    return true;
}

static bool applies(const mapa__cf_problem *pr)
{
    if (pr->S != 1 || !pr->reach || pr->s->soft || pr->T < 2 || pr->T > 8)
        return false;
    if (pr->interest_unit < 0 || pr->novelty_unit < 0 || pr->load_penalty < 0)
        return false; /* the bounds need scores that adding an arc cannot lower elsewhere */
    for (size_t t = 0; t < pr->T; t++)
        if (pr->p->topics[t].cf_required == 0 || pr->p->topics[t].cf_required >= pr->T)
            return false;
    return true;
}

mapa_err mapa__cf_graphs(mapa_cf *out, const mapa__cf_problem *pr, const mapa_cf_options *o,
                         bool *decided)
{
    *decided = false;
    if (!applies(pr))
        return MAPA_OK;
    size_t T = pr->T;
    search s = {.pr = pr, .T = T, .subsets = (size_t)1 << T};
    int64_t *g = malloc((T << T) * sizeof *g);
    if (!g)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for Critical Friends");
    mapa_err err = mapa__cf_home_table(pr, g);
    s.g = g;
    for (size_t h = 0; err == MAPA_OK && h < T; h++)
        for (size_t t = 0; t < T; t++) {
            int64_t v = h == t ? INT64_MIN : g[h * s.subsets + (1u << t)];
            s.arc_ok[h * T + t] = v != INT64_MIN;
            s.c[h * T + t] = v == INT64_MIN ? 0 : v; /* the link term is in every score */
        }
    for (size_t t = 0; t < T; t++) {
        s.req[t] = pr->p->topics[t].cf_required;
        s.most_req = s.req[t] > s.most_req ? s.req[t] : s.most_req;
    }
    for (size_t t = 0; err == MAPA_OK && t < T; t++)
        if (!in_sets(&s, t))
            err = mapa_error_set(MAPA_ENOMEM, "out of memory for Critical Friends");
    for (size_t k = T; err == MAPA_OK && k-- > 0;)
        s.tail[k] += s.tail[k + 1];
    s.reach_unit = pr->s->cf_reach_weight * (double)pr->scale / (double)(T * (T - 1));
    if (err == MAPA_OK)
        dive(&s, 0);
    if (o && o->log) {
        char line[160];
        snprintf(line, sizeof line, "team graphs by branch and bound: %zu nodes, %s", s.nodes,
                 s.stopped ? "node limit: GLPK decides" : s.have ? "optimal" : "no plan");
        o->log(line, o->payload);
    }
    if (err == MAPA_OK && s.have && !s.stopped) {
        unsigned char sel[64] = {0};
        for (size_t t = 0; t < T; t++)
            for (size_t h = 0; h < T; h++)
                sel[h * T + t] = s.best_in[t] >> h & 1;
        mapa_cf plan = MAPA_CF_INIT;
        err = mapa__cf_home_members(pr, sel, &plan);
        if (err == MAPA_OK) {
            free(out->pairs);
            out->pairs = plan.pairs;
            out->n_pairs = plan.n_pairs;
            plan.pairs = NULL;
            out->status = MAPA_STATUS_OPTIMAL;
            out->method = "branch and bound";
            out->reach_method = "in the branch and bound over team graphs";
            out->certified = false;
            out->gap = 0;
            *decided = true;
        }
        free(plan.pairs);
    }
    for (size_t t = 0; t < T; t++)
        free(s.sets[t]);
    free(g);
    return err;
}
