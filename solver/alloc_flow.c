/*
 * The allocation without its side rows, as a min-cost flow (docs/model.md):
 *
 *   S -> member (1) -> (agency, team) -> team -> SS
 *
 * A member has an arc to each team it may score in (its ranks, its previous
 * team) and, when interchangeable with the rest of its class (agency, SPOC
 * willingness), one arc to its class's pool, which has an arc to every team's
 * (agency, team) node. (agency, team) -> team carries max_per_agency; team ->
 * SS carries min_size, and team -> X -> SS the rest up to max_size, with X ->
 * SS holding exactly n - sum(min_size): a flow of value n saturates every
 * min_size arc, so no big-M costs are needed.
 *
 * With prices (mapa__alloc_prices) the side rows enter the costs instead, as
 * in a Lagrangian relaxation: a willing member placed in t earns spoc[t], a
 * member of a statutory (voluntary) agency earns statutory[t] (voluntary[t])
 * on its (agency, t) -> t arc, a member kept in its previous team earns stay.
 * Every unit crosses exactly one option arc and one (agency, team) -> team
 * arc, so the offsets that keep costs non-negative are the same on every path.
 * The flow's optimum minus prices x right-hand sides bounds every plan, and
 * its reduced costs bound how much any plan using an arc loses (docs/model.md).
 */
#include <stdlib.h>
#include <string.h>

#include "solver/alloc_problem.h"
#include "solver/mcf.h"

typedef struct net {
    const mapa__alloc_problem *pr;
    const mapa__alloc_prices *price; /* NULL: no side row priced */
    mapa__mcf *g;
    size_t T, A;
    size_t n_nodes;
    size_t *at;       /* (agency, team) node, or MAPA_NONE */
    size_t *at_arc;   /* (agency, team) -> team arc, or MAPA_NONE */
    size_t *x_arc;    /* [t]: t -> X, or MAPA_NONE */
    size_t *wnode;    /* [t]: W_t, the willing members of team t's SPOC agency, or MAPA_NONE */
    int64_t forced;   /* teams with a SPOC agency: units S -> (agency, team) besides the members */
    size_t *distinct; /* [t]: the node D_t counting distinct agencies, or MAPA_NONE */
    size_t *group; /* [2t + g]: G_{g,t} (g 0 statutory, 1 voluntary) in the network, or MAPA_NONE */
    int64_t *need; /* [t]: distinct agencies the network gives team t (0: no D_t) */
    bool sectors;  /* sector cover (require_statutory, _voluntary) is in the network */
    size_t *pool;  /* [2a + willing]: the class's pool node, or MAPA_NONE */
    size_t *member_node; /* per allocatable member (i) */
    size_t *opt_first;   /* [i..i+1]: member i's explicit teams, ascending, in opt_team */
    size_t *opt_team;
    bool *pooled;      /* per member: interchangeable within its class outside its options */
    size_t *first_arc; /* per member: id of its first option arc */
    size_t *n_arcs;    /* per member: its option arcs (the pool arc last) */
    size_t *pool_arc;  /* [(2a + w) * T + t]: pool -> (agency, team) arc, or MAPA_NONE */
    int64_t cmax;      /* option arcs cost cmax - score - bonus */
    int64_t bmax;      /* (agency, team) -> team arcs cost bmax - sector bonus */
    int64_t total_min; /* sum over teams of max(min_size, min_agencies in the network) */
} net;

enum { NODE_S, NODE_SS, NODE_X, FIRST_TEAM };

static size_t pool_key(const mapa__alloc_problem *pr, size_t m)
{
    const mapa_member *mm = &pr->p->members[m];
    return 2 * mm->agency + (mm->spoc_willing ? 1 : 0);
}

/*
 * Whether the sector rules are in the network (docs/model.md): they are when the
 * required sectors' agencies are disjoint (no agency with members counts for both),
 * so the (sector, team) nodes nest under the teams; otherwise they stay side rows.
 */
static bool sectors_nest(const mapa__alloc_problem *pr)
{
    const mapa_settings *s = pr->s;
    if (!s->require_statutory && !s->require_voluntary)
        return false;
    if (!s->require_statutory || !s->require_voluntary)
        return true;
    for (size_t i = 0; i < pr->n; i++) {
        const mapa_agency *ag = &pr->p->agencies[pr->p->members[pr->member[i]].agency];
        if (ag->statutory && mapa_sector_voluntary(ag->sector))
            return false;
    }
    return true;
}

/* Required sectors team t gets from the network: 0, 1 or 2. */
static int64_t sectors_required(const net *nw)
{
    return nw->sectors ? (int64_t)nw->pr->s->require_statutory + nw->pr->s->require_voluntary : 0;
}

/*
 * Distinct agencies a team needs from the network: min_agencies (when at least
 * 2), and at least one per required sector when the sectors are in it; 0 when
 * no rule asks, or the rules cannot hold within max_size (then they stay side
 * rows and the integer program says so).
 */
static int64_t need_agencies(const net *nw, const mapa_topic *topic)
{
    int64_t d = topic->min_agencies >= 2 && topic->max_size >= topic->min_agencies
                    ? (int64_t)topic->min_agencies
                    : 0;
    int64_t r = sectors_required(nw);
    if (r > 0 && topic->max_size >= (size_t)r && r > d)
        d = r;
    return d;
}

/* Whether team t's sector rules are in the network (they fit within max_size). */
static bool team_sectors(const net *nw, size_t t)
{
    int64_t r = sectors_required(nw);
    return r > 0 && nw->pr->p->topics[t].max_size >= (size_t)r;
}

/* The sector group of agency a in the network: 0 statutory, 1 voluntary, 2 neither. */
static size_t agency_group(const net *nw, size_t a)
{
    const mapa_agency *ag = &nw->pr->p->agencies[a];
    if (nw->pr->s->require_statutory && ag->statutory)
        return 0;
    if (nw->pr->s->require_voluntary && mapa_sector_voluntary(ag->sector))
        return 1;
    return 2;
}

/* The agency that must give team t its SPOC, or MAPA_NONE. */
static size_t spoc_agency(const net *nw, size_t t)
{
    return nw->price && nw->price->spoc_agency ? nw->price->spoc_agency[t] : MAPA_NONE;
}

static size_t at_node(net *nw, size_t a, size_t t)
{
    size_t *slot = &nw->at[a * nw->T + t];
    if (*slot == MAPA_NONE)
        *slot = nw->n_nodes++;
    return *slot;
}

static int cmp_size(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    return a < b ? -1 : a > b;
}

/*
 * Each member's explicit teams (mapa__alloc_explicit), once per network: a
 * pooled member has them among its ranks and its previous team only, so the
 * network is built in O(n K) rather than O(n T).
 */
static mapa_err list_options(net *nw)
{
    const mapa__alloc_problem *pr = nw->pr;
    size_t n = pr->n, total = 0, T = nw->T;
    nw->opt_first = malloc((n + 1) * sizeof *nw->opt_first);
    nw->pooled = malloc((n + 1) * sizeof *nw->pooled);
    for (size_t pass = 0; pass < 2; pass++) {
        if (pass == 1 && !(nw->opt_team = malloc((total + 1) * sizeof *nw->opt_team)))
            break;
        total = 0;
        for (size_t i = 0; nw->opt_first && nw->pooled && i < n; i++) {
            size_t m = pr->member[i], start = total;
            const mapa_member *mm = &pr->p->members[m];
            bool pooled = nw->pooled[i] = mapa__alloc_pooled(pr, m);
            nw->opt_first[i] = total;
            size_t cand = pooled ? mm->n_prefs + 1 : T;
            for (size_t k = 0; k < cand; k++) {
                size_t t = !pooled ? k : k < mm->n_prefs ? mm->prefs[k] : mm->previous_team;
                if (t >= T || !mapa__alloc_explicit(pr, m, t))
                    continue;
                bool dup = false;
                for (size_t j = start; pooled && pass == 1 && j < total; j++)
                    dup |= nw->opt_team[j] == t;
                if (dup)
                    continue;
                if (pass == 1)
                    nw->opt_team[total] = t;
                total++;
            }
            if (pass == 1 && pooled)
                qsort(nw->opt_team + start, total - start, sizeof *nw->opt_team, cmp_size);
        }
        if (nw->opt_first)
            nw->opt_first[n] = total;
    }
    if (!nw->opt_first || !nw->pooled || !nw->opt_team)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for the allocation network");
    return MAPA_OK;
}

/* Number the nodes (members, pools, (agency, team) pairs) before any arc is added. */
static void number_nodes(net *nw)
{
    const mapa__alloc_problem *pr = nw->pr;
    const mapa_partnership *p = pr->p;
    nw->n_nodes = FIRST_TEAM + nw->T;
    for (size_t t = 0; t < nw->T; t++) {
        nw->need[t] = need_agencies(nw, &p->topics[t]);
        nw->distinct[t] = nw->need[t] ? nw->n_nodes++ : MAPA_NONE;
        bool sec = team_sectors(nw, t);
        nw->group[2 * t] = sec && pr->s->require_statutory ? nw->n_nodes++ : MAPA_NONE;
        nw->group[2 * t + 1] = sec && pr->s->require_voluntary ? nw->n_nodes++ : MAPA_NONE;
    }
    for (size_t i = 0; i < pr->n; i++) {
        size_t m = pr->member[i];
        size_t a = p->members[m].agency, key = pool_key(pr, m);
        nw->member_node[i] = nw->n_nodes++;
        if (nw->pooled[i] && nw->pool[key] == MAPA_NONE) {
            nw->pool[key] = nw->n_nodes++;
            for (size_t t = 0; t < nw->T; t++)
                at_node(nw, a, t);
        }
        for (size_t k = nw->opt_first[i]; k < nw->opt_first[i + 1]; k++)
            at_node(nw, a, nw->opt_team[k]);
    }
    nw->forced = 0;
    for (size_t t = 0; t < nw->T; t++) {
        size_t a = spoc_agency(nw, t);
        nw->wnode[t] = a == MAPA_NONE ? MAPA_NONE : nw->n_nodes++;
        if (a != MAPA_NONE) {
            at_node(nw, a, t);
            nw->forced++;
        }
    }
}

/* What a member placed in t earns from the prices (SPOC, staying). */
static int64_t member_bonus(const net *nw, size_t m, size_t t)
{
    if (!nw->price)
        return 0;
    const mapa_member *mm = &nw->pr->p->members[m];
    return (mm->spoc_willing ? nw->price->spoc[t] : 0) +
           (mm->previous_team == t ? nw->price->stay : 0);
}

static int64_t sector_bonus(const net *nw, size_t a, size_t t)
{
    if (!nw->price)
        return 0;
    const mapa_agency *ag = &nw->pr->p->agencies[a];
    return (ag->statutory ? nw->price->statutory[t] : 0) +
           (mapa_sector_voluntary(ag->sector) ? nw->price->voluntary[t] : 0);
}

/* Where a member of agency a enters team t: (a, t), or W_t for the SPOC's agency's willing. */
static size_t entry(const net *nw, size_t a, bool willing, size_t t)
{
    if (willing && nw->wnode[t] != MAPA_NONE && spoc_agency(nw, t) == a)
        return nw->wnode[t];
    return nw->at[a * nw->T + t];
}

static mapa_err add_member_arcs(net *nw)
{
    const mapa__alloc_problem *pr = nw->pr;
    const mapa_partnership *p = pr->p;
    mapa_err err = MAPA_OK;
    for (size_t i = 0; i < pr->n && err == MAPA_OK; i++) {
        size_t m = pr->member[i], a = p->members[m].agency, u = nw->member_node[i];
        bool pooled = nw->pooled[i];
        err = mapa__mcf_add_arc(nw->g, NULL, NODE_S, u, 1, 0);
        nw->first_arc[i] = MAPA_NONE;
        nw->n_arcs[i] = 0;
        for (size_t j = nw->opt_first[i]; j < nw->opt_first[i + 1] && err == MAPA_OK; j++) {
            size_t t = nw->opt_team[j], id;
            int64_t cost = nw->cmax - mapa__alloc_score(pr, m, t) - member_bonus(nw, m, t);
            err = mapa__mcf_add_arc(nw->g, &id, u, entry(nw, a, p->members[m].spoc_willing, t), 1,
                                    cost);
            if (nw->first_arc[i] == MAPA_NONE)
                nw->first_arc[i] = id;
            nw->n_arcs[i]++;
        }
        if (pooled && err == MAPA_OK) {
            size_t id;
            err = mapa__mcf_add_arc(nw->g, &id, u, nw->pool[pool_key(pr, m)], 1, 0);
            if (nw->first_arc[i] == MAPA_NONE)
                nw->first_arc[i] = id;
            nw->n_arcs[i]++;
        }
    }
    return err;
}

static mapa_err add_pool_arcs(net *nw, size_t a)
{
    int64_t n = (int64_t)nw->pr->n;
    mapa_err err = MAPA_OK;
    for (size_t w = 0; w < 2 && err == MAPA_OK; w++) {
        size_t key = 2 * a + w;
        for (size_t t = 0; nw->pool[key] != MAPA_NONE && t < nw->T && err == MAPA_OK; t++) {
            int64_t bonus = w && nw->price ? nw->price->spoc[t] : 0;
            err = mapa__mcf_add_arc(nw->g, &nw->pool_arc[key * nw->T + t], nw->pool[key],
                                    entry(nw, a, w == 1, t), n, nw->cmax - bonus);
        }
    }
    return err;
}

/*
 * (agency, t) -> t carries max_per_agency; when team t has D_t its first unit
 * may instead go (agency, t) -> G_{g,t} (the agency's required sector g) or
 * straight to D_t, and D_t -> SS (with G_{g,t} -> SS) must carry D units: at
 * least D agencies in the team, one of each required sector, exactly (each
 * agency sends at most one unit that way).
 */
static mapa_err add_agency_arcs(net *nw, size_t a, size_t t)
{
    const mapa_partnership *p = nw->pr->p;
    int64_t n = (int64_t)nw->pr->n;
    size_t v = nw->at[a * nw->T + t], capa = p->topics[t].max_per_agency;
    int64_t cap = capa == MAPA_UNLIMITED || (int64_t)capa > n ? n : (int64_t)capa;
    int64_t cost = nw->bmax - sector_bonus(nw, a, t);
    if (nw->need[t] == 0 || cap == 0)
        return mapa__mcf_add_arc(nw->g, &nw->at_arc[a * nw->T + t], v, FIRST_TEAM + t, cap, cost);
    size_t g = agency_group(nw, a);
    size_t first =
        g < 2 && nw->group[2 * t + g] != MAPA_NONE ? nw->group[2 * t + g] : nw->distinct[t];
    mapa_err err = mapa__mcf_add_arc(nw->g, NULL, v, first, 1, cost);
    if (err == MAPA_OK && cap > 1)
        err =
            mapa__mcf_add_arc(nw->g, &nw->at_arc[a * nw->T + t], v, FIRST_TEAM + t, cap - 1, cost);
    return err;
}

/* G_{g,t} -> SS carries the one unit the sector needs, G_{g,t} -> D_t the rest. */
static mapa_err add_group_arcs(net *nw, size_t t, int64_t *into_ss)
{
    mapa_err err = MAPA_OK;
    *into_ss = 0;
    for (size_t g = 0; g < 2 && err == MAPA_OK; g++) {
        size_t u = nw->group[2 * t + g];
        if (u == MAPA_NONE)
            continue;
        err = mapa__mcf_add_arc(nw->g, NULL, u, NODE_SS, 1, 0);
        if (err == MAPA_OK)
            err = mapa__mcf_add_arc(nw->g, NULL, u, nw->distinct[t], (int64_t)nw->A, 0);
        (*into_ss)++;
    }
    return err;
}

static mapa_err add_team_arcs(net *nw)
{
    const mapa_partnership *p = nw->pr->p;
    int64_t n = (int64_t)nw->pr->n, total_min = 0;
    mapa_err err = MAPA_OK;
    for (size_t a = 0; a < nw->A && err == MAPA_OK; a++) {
        for (size_t t = 0; t < nw->T && err == MAPA_OK; t++)
            if (nw->at[a * nw->T + t] != MAPA_NONE)
                err = add_agency_arcs(nw, a, t);
        if (err == MAPA_OK)
            err = add_pool_arcs(nw, a);
    }
    for (size_t t = 0; t < nw->T && err == MAPA_OK; t++) {
        const mapa_topic *topic = &p->topics[t];
        int64_t d = nw->need[t], sec = 0;
        int64_t lo = (int64_t)topic->min_size > d ? (int64_t)topic->min_size : d;
        int64_t hi = topic->max_size == MAPA_UNLIMITED || (int64_t)topic->max_size > n
                         ? n
                         : (int64_t)topic->max_size;
        if (hi < lo)
            hi = lo; /* max_size below min_size: the pre-check reports it */
        total_min += lo;
        if (d > 0) {
            err = add_group_arcs(nw, t, &sec);
            if (err == MAPA_OK && d > sec)
                err = mapa__mcf_add_arc(nw->g, NULL, nw->distinct[t], NODE_SS, d - sec, 0);
            if (err == MAPA_OK)
                err = mapa__mcf_add_arc(nw->g, NULL, nw->distinct[t], FIRST_TEAM + t,
                                        (int64_t)nw->A, 0);
        }
        if (err == MAPA_OK && lo > d)
            err = mapa__mcf_add_arc(nw->g, NULL, FIRST_TEAM + t, NODE_SS, lo - d, 0);
        if (err == MAPA_OK && hi > lo)
            err = mapa__mcf_add_arc(nw->g, &nw->x_arc[t], FIRST_TEAM + t, NODE_X, hi - lo, 0);
    }
    if (err == MAPA_OK && n > total_min)
        err = mapa__mcf_add_arc(nw->g, NULL, NODE_X, NODE_SS, n - total_min, 0);
    /* the SPOC's unit: W_t -> SS (one, saturated), replaced in (a, t) by one from S */
    for (size_t t = 0; t < nw->T && err == MAPA_OK; t++) {
        size_t w = nw->wnode[t], v;
        if (w == MAPA_NONE)
            continue;
        v = nw->at[spoc_agency(nw, t) * nw->T + t];
        err = mapa__mcf_add_arc(nw->g, NULL, w, NODE_SS, 1, 0);
        if (err == MAPA_OK)
            err = mapa__mcf_add_arc(nw->g, NULL, w, v, n, 0);
        if (err == MAPA_OK)
            err = mapa__mcf_add_arc(nw->g, NULL, NODE_S, v, 1, 0);
    }
    nw->total_min = total_min;
    return err;
}

static mapa_err build(net *nw)
{
    const mapa__alloc_problem *pr = nw->pr;
    size_t T = nw->T, A = nw->A, n = pr->n ? pr->n : 1;
    nw->at = malloc((A * T + 1) * sizeof *nw->at);
    nw->at_arc = malloc((A * T + 1) * sizeof *nw->at_arc);
    nw->pool_arc = malloc((2 * A * T + 1) * sizeof *nw->pool_arc);
    nw->pool = malloc((2 * A + 1) * sizeof *nw->pool);
    nw->member_node = malloc(n * sizeof *nw->member_node);
    nw->first_arc = malloc(n * sizeof *nw->first_arc);
    nw->n_arcs = malloc(n * sizeof *nw->n_arcs);
    nw->distinct = malloc((T + 1) * sizeof *nw->distinct);
    nw->group = malloc((2 * T + 1) * sizeof *nw->group);
    nw->wnode = malloc((T + 1) * sizeof *nw->wnode);
    nw->x_arc = malloc((T + 1) * sizeof *nw->x_arc);
    for (size_t t = 0; nw->x_arc && t < T; t++)
        nw->x_arc[t] = MAPA_NONE;
    nw->need = malloc((T + 1) * sizeof *nw->need);
    nw->sectors = sectors_nest(pr);
    if (!nw->group || !nw->need || !nw->wnode || !nw->x_arc || !nw->at || !nw->at_arc ||
        !nw->pool_arc || !nw->pool || !nw->member_node || !nw->first_arc || !nw->n_arcs ||
        !nw->distinct)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for the allocation network");
    for (size_t k = 0; k < A * T; k++)
        nw->at[k] = nw->at_arc[k] = MAPA_NONE;
    for (size_t k = 0; k < 2 * A * T; k++)
        nw->pool_arc[k] = MAPA_NONE;
    for (size_t k = 0; k < 2 * A; k++)
        nw->pool[k] = MAPA_NONE;
    mapa_err err = list_options(nw);
    if (err != MAPA_OK)
        return err;
    number_nodes(nw);
    err = mapa__mcf_new(&nw->g, nw->n_nodes, pr->n * (pr->K + 3) + 4 * A * T + 12 * T);
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
    free(nw->at_arc);
    free(nw->pool_arc);
    free(nw->pool);
    free(nw->member_node);
    free(nw->opt_first);
    free(nw->opt_team);
    free(nw->pooled);
    free(nw->first_arc);
    free(nw->n_arcs);
    free(nw->distinct);
    free(nw->group);
    free(nw->wnode);
    free(nw->x_arc);
    free(nw->need);
}

/* The team of member i from its option arcs; MAPA_NONE when it went through the pool. */
static size_t explicit_team(const net *nw, size_t i)
{
    for (size_t j = nw->opt_first[i], k = 0; j < nw->opt_first[i + 1]; j++, k++)
        if (mapa__mcf_flow(nw->g, nw->first_arc[i] + 2 * k) > 0)
            return nw->opt_team[j];
    return MAPA_NONE;
}

/* Through the pool: the first team with pool flow left for the member's class. */
static size_t pool_team(const net *nw, size_t i, size_t *pool_left)
{
    size_t key = pool_key(nw->pr, nw->pr->member[i]);
    for (size_t t = 0; t < nw->T; t++) {
        if (pool_left[key * nw->T + t] > 0) {
            pool_left[key * nw->T + t]--;
            return t;
        }
    }
    return MAPA_NONE;
}

static int64_t min64(int64_t a, int64_t b)
{
    return a < b ? a : b;
}

/*
 * Losses (docs/model.md): a plan x scores at most bound - sum over arcs of
 * |reduced cost| x |x - x*|. So x[i,t] = 1 (t not the flow's choice) loses at
 * least |rc(chosen)| + rc(i -> t); leaving the chosen team loses at least
 * |rc(chosen)| + the least rc of another option; u[c,t] >= 1 where the flow
 * sends none loses at least rc(pool(c) -> (a,t)).
 */
static void fill_losses(const net *nw, mapa__alloc_duals *d, const size_t *chosen)
{
    const mapa__alloc_problem *pr = nw->pr;
    size_t T = nw->T;
    for (size_t i = 0; i < pr->n; i++) {
        size_t t1 = chosen[i];
        d->chosen[i] = t1;
        int64_t base = 0, other = INT64_MAX / 4;
        for (size_t t = 0; t < T; t++)
            d->x_loss[i * T + t] = INT64_MAX;
        for (size_t k = 0; k < nw->n_arcs[i]; k++) {
            size_t arc = nw->first_arc[i] + 2 * k;
            if (mapa__mcf_flow(nw->g, arc) > 0)
                base = -mapa__mcf_reduced_cost(nw->g, arc);
        }
        for (size_t j = nw->opt_first[i], k = 0; j < nw->opt_first[i + 1]; j++, k++) {
            size_t t = nw->opt_team[j];
            int64_t rc = mapa__mcf_reduced_cost(nw->g, nw->first_arc[i] + 2 * k);
            d->x_loss[i * T + t] = t == t1 ? 0 : base + rc;
            if (t != t1)
                other = min64(other, rc);
        }
        if (nw->pooled[i] && t1 != MAPA_NONE) /* the pool arc is the last */
            other = min64(
                other, mapa__mcf_reduced_cost(nw->g, nw->first_arc[i] + 2 * (nw->n_arcs[i] - 1)));
        d->keep_loss[i] = t1 == MAPA_NONE ? 0 : base + other;
    }
    for (size_t k = 0; k < 2 * nw->A * T; k++) {
        size_t arc = nw->pool_arc[k];
        d->u_loss[k] = arc == MAPA_NONE                 ? INT64_MAX
                       : mapa__mcf_flow(nw->g, arc) > 0 ? 0
                                                        : mapa__mcf_reduced_cost(nw->g, arc);
    }
}

/*
 * Cover (docs/model.md, "Repair"): the certified flow's optimal face holds
 * every plan that meets the Lagrangian bound. For a team without a willing
 * member, look for a cycle of zero reduced cost in the residual network that
 * enters the team by a willing member's arc (its option arc, or its class's
 * pool arc) and takes no team's last willing member away (nor gives a second
 * one to a team whose SPOC price is positive): breadth-first from the arc's
 * head back to its tail. The flow stays optimal for its costs (the cycle
 * costs nothing), and the potentials still certify it.
 */
typedef struct cover {
    size_t *team_of;  /* [arc / 2]: the team a willing member's unit enters by it, or MAPA_NONE */
    size_t *first;    /* CSR by team over `entering` */
    size_t *entering; /* willing arcs by team */
    int64_t *count;   /* [t]: willing members in t */
    size_t *parent;   /* BFS, per state (node + layer x nodes): the arc into it */
    size_t *from;     /* the state before it */
    size_t *owe;      /* layer 1: 2t (a willing member must leave t), 2t + 1 (one must enter t) */
    size_t *queue, *cycle;
    size_t *stamp, mark;
    unsigned char *stay_arc; /* [arc / 2]: a member's arc to its previous team */
    size_t *comp;            /* [node]: its strong component of usable arcs */
    int64_t stays, need;     /* members kept in their previous team; the least the cap allows */
} cover;

static void cover_dispose(cover *cv)
{
    free(cv->team_of);
    free(cv->first);
    free(cv->entering);
    free(cv->count);
    free(cv->parent);
    free(cv->from);
    free(cv->owe);
    free(cv->queue);
    free(cv->cycle);
    free(cv->stamp);
    free(cv->stay_arc);
    free(cv->comp);
}

/* Label every arc a willing unit enters a team by, and count each team's willing members. */
static void cover_label(const net *nw, cover *cv)
{
    const mapa__alloc_problem *pr = nw->pr;
    size_t T = nw->T;
    for (size_t i = 0; i < pr->n; i++) {
        size_t m = pr->member[i];
        const mapa_member *mm = &pr->p->members[m];
        for (size_t j = nw->opt_first[i], k = 0; j < nw->opt_first[i + 1]; j++, k++) {
            size_t arc = nw->first_arc[i] + 2 * k;
            if (mm->spoc_willing)
                cv->team_of[arc / 2] = nw->opt_team[j];
            if (mm->previous_team == nw->opt_team[j]) {
                cv->stay_arc[arc / 2] = 1;
                cv->stays += mapa__mcf_flow(nw->g, arc);
            }
        }
    }
    for (size_t a = 0; a < nw->A; a++)
        for (size_t t = 0; t < T; t++) {
            size_t arc = nw->pool_arc[(2 * a + 1) * T + t];
            if (arc != MAPA_NONE)
                cv->team_of[arc / 2] = t;
        }
    size_t E = mapa__mcf_arc_count(nw->g) / 2;
    for (size_t e = 0; e < E; e++) {
        size_t t = cv->team_of[e];
        if (t == MAPA_NONE)
            continue;
        cv->count[t] += mapa__mcf_flow(nw->g, 2 * e);
        cv->first[t + 1]++;
    }
    for (size_t t = 0; t < T; t++)
        cv->first[t + 1] += cv->first[t];
    size_t *fill = cv->queue; /* scratch */
    memcpy(fill, cv->first, T * sizeof *fill);
    for (size_t e = 0; e < E; e++)
        if (cv->team_of[e] != MAPA_NONE)
            cv->entering[fill[cv->team_of[e]]++] = 2 * e;
}

/*
 * Whether the stays may change by `delta` (the moves row: never below the
 * least the cap allows, nor further below it; and while its price is
 * positive, never above it, each extra stay losing the price).
 */
static bool stay_ok(const net *nw, const cover *cv, int64_t delta)
{
    int64_t after = cv->stays + delta;
    if (cv->need > 0 && after < cv->need && after < cv->stays)
        return false;
    return !(nw->price->stay > 0 && after > cv->need && after > cv->stays);
}

/*
 * The BFS state after `arc` from state `layer` (0: nothing owed; 1: one team
 * owes a willing member's move, `owe`), or -1 when the arc may not be used: it
 * must be residual, of zero reduced cost, and end with every team keeping a
 * willing member and no priced team gaining a second one (at most one debt at
 * a time: a heuristic, the plan is checked and valued anyway).
 */
static int cover_step(const net *nw, const cover *cv, size_t arc, int layer, size_t *owe)
{
    if (mapa__mcf_residual(nw->g, arc) <= 0 || mapa__mcf_reduced_cost(nw->g, arc) != 0)
        return -1;
    if (cv->stay_arc[arc / 2] && !stay_ok(nw, cv, arc & 1 ? -1 : 1))
        return -1;
    size_t t = cv->team_of[arc / 2];
    if (t == MAPA_NONE)
        return layer;
    if (arc & 1) { /* a willing unit leaves t */
        if (layer == 1 && *owe == 2 * t)
            return 0;
        if (cv->count[t] > 1)
            return layer;
        if (layer == 1)
            return -1;
        *owe = 2 * t + 1; /* t's last one left: another must enter t further on */
        return 1;
    }
    if (layer == 1 && *owe == 2 * t + 1)
        return 0;
    if (!(nw->price->spoc[t] > 0 && cv->count[t] >= 1))
        return layer;
    if (layer == 1)
        return -1;
    *owe = 2 * t; /* a second one in a priced team: one must leave t further on */
    return 1;
}

/*
 * A path from `from` to `to` (both with nothing owed) of usable arcs, into
 * cv->cycle after `at`; its length or 0. States are (node, layer).
 */
static size_t cover_path(const net *nw, cover *cv, size_t from, size_t to, size_t at)
{
    size_t V = nw->n_nodes, head = 0, tail = 0;
    cv->mark++;
    cv->stamp[from] = cv->mark;
    cv->parent[from] = MAPA_NONE;
    cv->owe[from] = MAPA_NONE;
    cv->queue[tail++] = from;
    while (head < tail && cv->stamp[to] != cv->mark) {
        size_t s = cv->queue[head++], u = s % V, count;
        int layer = s >= V;
        const size_t *arcs;
        mapa__mcf_out_arcs(nw->g, u, &arcs, &count);
        for (size_t k = 0; k < count; k++) {
            size_t arc = arcs[k], v = mapa__mcf_head(nw->g, arc), owe = cv->owe[s];
            if (v == NODE_S)
                continue;
            int next = cover_step(nw, cv, arc, layer, &owe);
            size_t sv = v + (next == 1 ? V : 0);
            if (next < 0 || cv->stamp[sv] == cv->mark)
                continue;
            cv->stamp[sv] = cv->mark;
            cv->parent[sv] = arc;
            cv->from[sv] = s;
            cv->owe[sv] = next == 1 ? owe : MAPA_NONE;
            cv->queue[tail++] = sv;
        }
    }
    if (cv->stamp[to] != cv->mark)
        return 0;
    size_t len = 0;
    for (size_t sv = to; sv != from; sv = cv->from[sv])
        len++;
    size_t k = at + len;
    for (size_t sv = to; sv != from; sv = cv->from[sv])
        cv->cycle[--k] = cv->parent[sv];
    return len;
}

/* Push the cycle if every team keeps a willing member; update the counts. */
static bool cover_push(const net *nw, cover *cv, size_t len)
{
    int64_t delta = 0;
    for (size_t k = 0; k < len; k++) { /* two units leaving one team: check the net change */
        size_t t = cv->team_of[cv->cycle[k] / 2];
        if (t != MAPA_NONE)
            cv->count[t] += cv->cycle[k] & 1 ? -1 : 1;
        if (cv->stay_arc[cv->cycle[k] / 2])
            delta += cv->cycle[k] & 1 ? -1 : 1;
    }
    bool ok = stay_ok(nw, cv, delta);
    for (size_t k = 0; k < len; k++) {
        size_t t = cv->team_of[cv->cycle[k] / 2];
        ok &= t == MAPA_NONE || cv->count[t] >= 1;
    }
    if (ok && mapa__mcf_try_cycle(nw->g, cv->cycle, len)) {
        cv->stays += delta;
        return true;
    }
    for (size_t k = 0; k < len; k++) {
        size_t t = cv->team_of[cv->cycle[k] / 2];
        if (t != MAPA_NONE)
            cv->count[t] -= cv->cycle[k] & 1 ? -1 : 1;
    }
    return false;
}

/* A zero-cost cycle through `arc`, pushed when it keeps every team covered. */
static bool cover_try(const net *nw, cover *cv, size_t arc)
{
    size_t owe = MAPA_NONE;
    if (cover_step(nw, cv, arc, 0, &owe) != 0 || mapa__alloc_remaining(nw->pr) <= 0)
        return false; /* past the time limit: the flow as it is (still optimal for its costs) */
    cv->cycle[0] = arc;
    size_t len = cover_path(nw, cv, mapa__mcf_head(nw->g, arc), mapa__mcf_tail(nw->g, arc), 1);
    return len > 0 && cover_push(nw, cv, len + 1);
}

/* Whether the component search may use `arc` (cover_step's rules that do not depend on state). */
static bool comp_usable(const net *nw, const cover *cv, size_t arc)
{
    if (mapa__mcf_residual(nw->g, arc) <= 0 || mapa__mcf_reduced_cost(nw->g, arc) != 0 ||
        mapa__mcf_head(nw->g, arc) == NODE_S)
        return false;
    if (cv->stay_arc[arc / 2] && !stay_ok(nw, cv, arc & 1 ? -1 : 1))
        return false;
    size_t t = cv->team_of[arc / 2];
    return t == MAPA_NONE || !(arc & 1) || cv->count[t] > 1;
}

/* Strong components of the usable arcs (Tarjan, iterative), into cv->comp. */
static void cover_components(const net *nw, cover *cv)
{
    size_t V = nw->n_nodes, index = 0, comps = 0, top = 0, depth = 0;
    size_t *low = cv->parent, *num = cv->from, *edge = cv->owe, *stack = cv->queue,
           *call = cv->cycle; /* scratch, 2V each */
    for (size_t v = 0; v < V; v++)
        num[v] = SIZE_MAX, cv->comp[v] = SIZE_MAX;
    for (size_t root = 0; root < V; root++) {
        if (num[root] != SIZE_MAX)
            continue;
        call[depth++] = root;
        num[root] = low[root] = index++;
        edge[root] = 0;
        stack[top++] = root;
        while (depth > 0) {
            size_t u = call[depth - 1], count;
            const size_t *arcs;
            mapa__mcf_out_arcs(nw->g, u, &arcs, &count);
            if (edge[u] < count) {
                size_t arc = arcs[edge[u]++], v = mapa__mcf_head(nw->g, arc);
                if (!comp_usable(nw, cv, arc))
                    continue;
                if (num[v] == SIZE_MAX) {
                    num[v] = low[v] = index++;
                    edge[v] = 0;
                    stack[top++] = v;
                    call[depth++] = v;
                } else if (cv->comp[v] == SIZE_MAX && num[v] < low[u]) {
                    low[u] = num[v];
                }
                continue;
            }
            depth--;
            if (depth > 0 && low[u] < low[call[depth - 1]])
                low[call[depth - 1]] = low[u];
            if (low[u] == num[u]) {
                size_t w;
                do {
                    w = stack[--top];
                    cv->comp[w] = comps;
                } while (w != u);
                comps++;
            }
        }
    }
}

/*
 * The short cycle most ties offer, tried before any search: member i moves
 * between its previous team p and another option t by its own arcs, and one
 * unit of team size goes back through X (t -> X -> p, or p -> X -> t). dir 0:
 * into p; 1: out of p.
 */
static bool cover_short(const net *nw, cover *cv, size_t i, int dir)
{
    const mapa__alloc_problem *pr = nw->pr;
    size_t m = pr->member[i], a = pr->p->members[m].agency, p = pr->p->members[m].previous_team;
    size_t T = nw->T, stay = MAPA_NONE;
    for (size_t j = nw->opt_first[i], k = 0; j < nw->opt_first[i + 1]; j++, k++)
        if (nw->opt_team[j] == p)
            stay = nw->first_arc[i] + 2 * k;
    if (stay == MAPA_NONE || nw->at_arc[a * T + p] == MAPA_NONE || nw->x_arc[p] == MAPA_NONE)
        return false;
    for (size_t j = nw->opt_first[i], k = 0; j < nw->opt_first[i + 1]; j++, k++) {
        size_t t = nw->opt_team[j], other = nw->first_arc[i] + 2 * k;
        if (t == p || nw->at_arc[a * T + t] == MAPA_NONE || nw->x_arc[t] == MAPA_NONE)
            continue;
        if (dir == 0 && mapa__mcf_flow(nw->g, other) == 0)
            continue;
        size_t in[6] = {stay,
                        nw->at_arc[a * T + p],
                        nw->x_arc[p],
                        nw->x_arc[t] ^ 1,
                        nw->at_arc[a * T + t] ^ 1,
                        other ^ 1};
        size_t out[6] = {stay ^ 1,
                         other,
                         nw->at_arc[a * T + t],
                         nw->x_arc[t],
                         nw->x_arc[p] ^ 1,
                         nw->at_arc[a * T + p] ^ 1};
        memcpy(cv->cycle, dir == 0 ? in : out, sizeof in);
        bool fits = true;
        for (size_t k2 = 0; k2 < 6; k2++)
            fits &= mapa__mcf_residual(nw->g, cv->cycle[k2]) > 0;
        if (fits && cover_push(nw, cv, 6))
            return true;
        if (dir == 0)
            return false; /* the member's one current arc */
    }
    return false;
}

static mapa_err cover_teams(net *nw)
{
    size_t T = nw->T, E = mapa__mcf_arc_count(nw->g), V = nw->n_nodes;
    cover cv = {0};
    cv.team_of = malloc((E / 2 + 1) * sizeof *cv.team_of);
    cv.first = calloc(T + 1, sizeof *cv.first);
    cv.entering = malloc((E / 2 + 1) * sizeof *cv.entering);
    cv.count = calloc(T + 1, sizeof *cv.count);
    cv.parent = malloc((2 * V + 1) * sizeof *cv.parent);
    cv.from = malloc((2 * V + 1) * sizeof *cv.from);
    cv.owe = malloc((2 * V + 1) * sizeof *cv.owe);
    cv.queue = malloc((2 * V + T + 1) * sizeof *cv.queue);
    cv.cycle = malloc((2 * V + 2) * sizeof *cv.cycle);
    cv.stamp = calloc(2 * V + 1, sizeof *cv.stamp);
    cv.stay_arc = calloc(E / 2 + 1, 1);
    cv.comp = malloc((V + 1) * sizeof *cv.comp);
    const mapa__alloc_problem *pr = nw->pr;
    if (pr->s->max_moves != MAPA_UNLIMITED && pr->n_with_previous > pr->s->max_moves)
        cv.need = (int64_t)(pr->n_with_previous - pr->s->max_moves);
    if (!cv.team_of || !cv.first || !cv.entering || !cv.count || !cv.parent || !cv.from ||
        !cv.owe || !cv.queue || !cv.cycle || !cv.stamp || !cv.stay_arc || !cv.comp) {
        cover_dispose(&cv);
        return mapa_error_set(MAPA_ENOMEM, "out of memory for the allocation network");
    }
    for (size_t e = 0; e < E / 2; e++)
        cv.team_of[e] = MAPA_NONE;
    cover_label(nw, &cv);
    for (size_t t = 0; t < T; t++) /* teams without one: a willing unit enters */
        for (size_t k = cv.first[t]; cv.count[t] == 0 && k < cv.first[t + 1]; k++)
            cover_try(nw, &cv, cv.entering[k]);
    for (size_t t = 0; t < T; t++) /* priced teams with two or more (each loses its price) */
        for (size_t k = cv.first[t];
             nw->price->spoc[t] > 0 && cv.count[t] > 1 && k < cv.first[t + 1]; k++)
            while (cv.count[t] > 1 && cover_try(nw, &cv, cv.entering[k] ^ 1))
                ; /* a pool arc may carry several: one leaves per cycle */
    /* the moves row: stays up to the least the cap allows, or (priced) down to it; only arcs
       whose ends share a strong component of the usable arcs can lie on a cycle */
    for (int dir = 0; dir < 2; dir++) { /* far from the cap, the price is not there yet: skip */
        int64_t off = cv.stays > cv.need ? cv.stays - cv.need : cv.need - cv.stays;
        bool more = dir == 0 ? cv.stays < cv.need : nw->price->stay > 0 && cv.stays > cv.need;
        more = more && off <= cv.need / 4 + 16;
        if (!more)
            continue;
        cover_components(nw, &cv);
        for (size_t i = 0; i < nw->pr->n && (dir == 0 ? cv.stays < cv.need : cv.stays > cv.need);
             i++)
            if (nw->pr->p->members[nw->pr->member[i]].previous_team != MAPA_NONE)
                cover_short(nw, &cv, i, dir);
        for (size_t e = 0; e < E / 2 && (dir == 0 ? cv.stays < cv.need : cv.stays > cv.need); e++) {
            size_t arc = 2 * e + (size_t)dir;
            if (cv.stay_arc[e] &&
                cv.comp[mapa__mcf_tail(nw->g, arc)] == cv.comp[mapa__mcf_head(nw->g, arc)])
                cover_try(nw, &cv, arc);
        }
    }
    cover_dispose(&cv);
    return MAPA_OK;
}

/* The Lagrangian bound: the flow's best priced score minus prices x right-hand sides. */
static int64_t lagrangian(const net *nw)
{
    const mapa__alloc_problem *pr = nw->pr;
    int64_t n = (int64_t)pr->n;
    int64_t v = n * (nw->cmax + nw->bmax) - mapa__mcf_cost(nw->g);
    for (size_t t = 0; nw->price && t < nw->T; t++)
        v -= nw->price->spoc[t] + nw->price->statutory[t] + nw->price->voluntary[t];
    if (nw->price && nw->price->stay)
        v -= nw->price->stay * (int64_t)(pr->n_with_previous - pr->s->max_moves);
    return v - pr->stay_bonus * (int64_t)pr->n_with_previous;
}

static void set_offsets(net *nw)
{
    const mapa__alloc_prices *pc = nw->price;
    nw->cmax = mapa__alloc_max_score(nw->pr);
    nw->bmax = 0;
    int64_t spoc = 0;
    for (size_t t = 0; pc && t < nw->T; t++) {
        spoc = pc->spoc[t] > spoc ? pc->spoc[t] : spoc;
        int64_t b = pc->statutory[t] + pc->voluntary[t];
        nw->bmax = b > nw->bmax ? b : nw->bmax;
    }
    if (pc)
        nw->cmax += spoc + pc->stay;
}

static bool past_deadline(void *payload)
{
    return mapa__alloc_remaining(payload) <= 0;
}

mapa_err mapa__alloc_flow_priced(mapa_alloc *out, const mapa__alloc_problem *pr,
                                 const mapa__alloc_prices *price, mapa__alloc_duals *duals,
                                 bool *usable)
{
    net nw = {.pr = pr, .price = price, .T = pr->p->n_topics, .A = pr->p->n_agencies};
    *usable = false;
    set_offsets(&nw);
    if (nw.cmax + nw.bmax >
        INT64_MAX / 8 / (int64_t)(pr->n + pr->p->n_agencies * pr->p->n_topics + 16))
        return MAPA_OK; /* costs too large for exact 64-bit paths: GLPK decides */
    size_t *pool_left = NULL, *chosen = NULL;
    mapa_err err = build(&nw);
    int64_t sent = 0, value = (int64_t)pr->n + nw.forced;
    if (err == MAPA_OK && pr->deadline > 0)
        mapa__mcf_set_stop(nw.g, past_deadline, (void *)pr);
    if (err == MAPA_OK && nw.total_min <= (int64_t)pr->n)
        err = mapa__mcf_solve(nw.g, NODE_S, NODE_SS, value, &sent);
    if (err == MAPA_OK && sent < value && mapa__mcf_stopped(nw.g)) {
        out->status = MAPA_STATUS_TIME_LIMIT; /* out->team as it was: no plan from this flow */
        out->certified = false;
        out->method = "min-cost flow";
        *usable = true;
        goto cleanup;
    }
    /* more members needed (sizes and distinct agencies) than there are: sent stays 0 */
    if (err != MAPA_OK || sent < value) {
        /* no flow of value n: the hard size and agency limits cannot hold */
        if (err == MAPA_OK)
            out->status = MAPA_STATUS_INFEASIBLE;
        *usable = err == MAPA_OK;
        goto cleanup;
    }
    if (price && price->cover && mapa__mcf_certify(nw.g) && (err = cover_teams(&nw)) != MAPA_OK)
        goto cleanup;
    pool_left = calloc(2 * nw.A * nw.T + 1, sizeof *pool_left);
    chosen = malloc((pr->n + 1) * sizeof *chosen);
    if (!pool_left || !chosen) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory for the allocation");
        goto cleanup;
    }
    for (size_t k = 0; k < 2 * nw.A * nw.T; k++)
        if (nw.pool_arc[k] != MAPA_NONE)
            pool_left[k] = (size_t)mapa__mcf_flow(nw.g, nw.pool_arc[k]);
    for (size_t i = 0; i < pr->n; i++) {
        chosen[i] = explicit_team(&nw, i);
        out->team[pr->member[i]] =
            chosen[i] != MAPA_NONE ? chosen[i] : pool_team(&nw, i, pool_left);
    }
    out->certified = mapa__mcf_certify(nw.g);
    out->status = out->certified ? MAPA_STATUS_OPTIMAL : MAPA_STATUS_FEASIBLE;
    out->method = "min-cost flow";
    if (duals && !(price && price->spoc_agency)) { /* with a SPOC agency: no losses to tell */
        duals->bound = lagrangian(&nw);
        if (duals->x_loss)
            fill_losses(&nw, duals, chosen);
    }
    *usable = true;
cleanup:
    free(pool_left);
    free(chosen);
    dispose(&nw);
    return err;
}

mapa_err mapa__alloc_flow(mapa_alloc *out, const mapa__alloc_problem *pr, bool *usable)
{
    size_t T = pr->p->n_topics;
    int64_t *zero = calloc(3 * T + 1, sizeof *zero);
    if (!zero)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for the allocation");
    mapa__alloc_prices none = {
        .spoc = zero, .statutory = zero + T, .voluntary = zero + 2 * T, .cover = true};
    mapa_err err = mapa__alloc_flow_priced(out, pr, &none, NULL, usable);
    free(zero);
    return err;
}
