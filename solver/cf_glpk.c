/*
 * Critical Friends as a GLPK integer program (docs/model.md, "Critical
 * Friends"): f[i,t,s] binary, candidate i reviews team t in stage s. Rows
 * "every team sends" and the connectivity cuts are added in rounds: after each
 * solve, each strong component of the team graph with no arc in (or out) gets
 * a cut asking for one, until the graph is strongly connected.
 */
#include <assert.h>
#include <glpk.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mapa/team_graph.h>

#include "solver/cf_problem.h"
#include "solver/glpk_env.h"
#include "solver/glpk_matrix.h"
#include "solver/memory.h"

typedef mapa__cf_cut cut;

typedef struct cfm {
    const mapa__cf_problem *pr;
    bool soft;
    const unsigned char *allow; /* [i * T + t]: the variable exists; NULL: all */
    glp_prob *P;
    mapa__triplets m;
    int *f;         /* [(i * T + t) * S + s]: column, 0 when absent */
    int *short_col; /* [t * S + s]: soft shortfall, or 0 */
    bool *sends;    /* [h]: the row "team h sends" is in the model */
    cut *cuts;
    size_t n_cuts;
    double big;
    /* One stage: y[h * T + t] (column or 0) is the team arc h -> t, equal to the
     * sum of f from h to t; connectivity rows are on y and the model is kept
     * between rounds, new rows added and the LP re-optimised from its basis. */
    int *y;
    bool *sends_in; /* [h]: its "sends" row is in P */
    size_t cuts_in; /* cuts already in P */
    bool warm;      /* P holds an optimal basis of an earlier round */
} cfm;

static mapa_err oom(void)
{
    return mapa_error_set(MAPA_ENOMEM, "out of memory for Critical Friends");
}

static int *fcol(cfm *c, size_t i, size_t t, size_t s)
{
    return &c->f[(i * c->pr->T + t) * c->pr->S + s];
}

static const char *const stage_names[] = {"decision", "evaluation"};

static mapa_err f_columns(cfm *c)
{
    const mapa__cf_problem *pr = c->pr;
    const mapa_partnership *p = pr->p;
    char name[128];
    for (size_t i = 0; i < pr->n; i++)
        for (size_t t = 0; t < pr->T; t++)
            for (size_t s = 0; s < pr->S; s++) {
                *fcol(c, i, t, s) = 0;
                if (t == mapa__cf_home(pr, i) || (c->allow && !c->allow[i * pr->T + t]))
                    continue;
                snprintf(name, sizeof name, "f(%.40s,%.40s%s%s)", p->members[pr->cand[i]].id,
                         p->topics[t].id, pr->S > 1 ? "," : "", pr->S > 1 ? stage_names[s] : "");
                /* with team arcs, f is continuous: once y is integral the rest is a
                 * network (docs/model.md), so branching on y alone is exact */
                *fcol(c, i, t, s) =
                    mapa__glpk_col(c->P, name, c->y ? GLP_CV : GLP_BV, 0, 1,
                                   (double)mapa__cf_score(pr, pr->cand[i], t) / (double)pr->scale);
            }
    return MAPA_OK;
}

/* Coverage per team and stage, distinct homes, both stages by different people. */
static mapa_err team_rows(cfm *c)
{
    const mapa__cf_problem *pr = c->pr;
    const mapa_partnership *p = pr->p;
    size_t T = pr->T, S = pr->S;
    char name[128];
    mapa_err err = MAPA_OK;
    int *home_row = calloc(T * T * S + 1, sizeof *home_row);
    if (!home_row)
        return oom();
    for (size_t t = 0; t < T && err == MAPA_OK; t++)
        for (size_t s = 0; s < S && err == MAPA_OK; s++) {
            double req = (double)p->topics[t].cf_required;
            snprintf(name, sizeof name, "cover(%.60s%s%s)", p->topics[t].id, S > 1 ? "," : "",
                     S > 1 ? stage_names[s] : "");
            int row = mapa__glpk_row(c->P, name, c->soft ? GLP_UP : GLP_FX, req, req);
            if (c->soft) { /* cover + short = required */
                glp_set_row_bnds(c->P, row, GLP_FX, req, req);
                snprintf(name, sizeof name, "short(%.60s%s%s)", p->topics[t].id, S > 1 ? "," : "",
                         S > 1 ? stage_names[s] : "");
                c->short_col[t * S + s] = mapa__glpk_col(c->P, name, GLP_IV, 0, req, -c->big);
                err = mapa__triplets_put(&c->m, row, c->short_col[t * S + s], 1);
            }
            for (size_t i = 0; i < pr->n && err == MAPA_OK; i++) {
                int j = *fcol(c, i, t, s);
                if (!j)
                    continue;
                err = mapa__triplets_put(&c->m, row, j, 1);
                size_t h = mapa__cf_home(pr, i);
                int *hr = &home_row[(h * T + t) * S + s];
                if (!*hr && err == MAPA_OK && c->y) { /* sum of f from h to t = y[h,t] */
                    snprintf(name, sizeof name, "arc(%.40s,%.40s)", p->topics[h].id,
                             p->topics[t].id);
                    *hr = mapa__glpk_row(c->P, name, GLP_FX, 0, 0);
                    c->y[h * T + t] = mapa__glpk_col(c->P, name, GLP_BV, 0, 1, 0);
                    err = mapa__triplets_put(&c->m, *hr, c->y[h * T + t], -1);
                } else if (!*hr && err == MAPA_OK) {
                    snprintf(name, sizeof name, "homes(%.40s,%.40s%s%s)", p->topics[h].id,
                             p->topics[t].id, S > 1 ? "," : "", S > 1 ? stage_names[s] : "");
                    *hr = mapa__glpk_row(c->P, name, GLP_UP, 0, 1);
                }
                if (err == MAPA_OK)
                    err = mapa__triplets_put(&c->m, *hr, j, 1);
            }
        }
    free(home_row);
    for (size_t i = 0; S > 1 && i < pr->n && err == MAPA_OK; i++)
        for (size_t t = 0; t < T && err == MAPA_OK; t++) {
            if (!*fcol(c, i, t, 0))
                continue;
            snprintf(name, sizeof name, "one_stage(%.40s,%.40s)", p->members[pr->cand[i]].id,
                     p->topics[t].id);
            int row = mapa__glpk_row(c->P, name, GLP_UP, 0, 1);
            err = mapa__triplets_put(&c->m, row, *fcol(c, i, t, 0), 1);
            if (err == MAPA_OK)
                err = mapa__triplets_put(&c->m, row, *fcol(c, i, t, 1), 1);
        }
    return err;
}

/* Capacity, and the extra duties beyond a member's first that the load weight penalises. */
static mapa_err member_rows(cfm *c)
{
    const mapa__cf_problem *pr = c->pr;
    char name[128];
    mapa_err err = MAPA_OK;
    for (size_t i = 0; i < pr->n && err == MAPA_OK; i++) {
        const char *id = pr->p->members[pr->cand[i]].id;
        snprintf(name, sizeof name, "capacity(%.60s)", id);
        int cap = mapa__glpk_row(c->P, name, GLP_UP, 0, (double)pr->cap[i]);
        int load = 0;
        if (pr->cap[i] > 1 && pr->load_penalty > 0) {
            snprintf(name, sizeof name, "load(%.60s)", id);
            load = mapa__glpk_row(c->P, name, GLP_UP, 0, 1);
            snprintf(name, sizeof name, "extra(%.60s)", id);
            int e = mapa__glpk_col(c->P, name, GLP_CV, 0, INFINITY,
                                   -(double)pr->load_penalty / (double)pr->scale);
            err = mapa__triplets_put(&c->m, load, e, -1);
        }
        for (size_t t = 0; t < pr->T && err == MAPA_OK; t++)
            for (size_t s = 0; s < pr->S && err == MAPA_OK; s++) {
                int j = *fcol(c, i, t, s);
                if (!j)
                    continue;
                err = mapa__triplets_put(&c->m, cap, j, 1);
                if (err == MAPA_OK)
                    err = mapa__triplets_put(&c->m, load, j, 1);
            }
    }
    return err;
}

/* One row: at least one f from a home team in `from_in` to a team in `to_in`. */
static mapa_err link_row(cfm *c, const char *name, const unsigned char *from_set, bool from_in,
                         const unsigned char *to_set, bool to_in)
{
    const mapa__cf_problem *pr = c->pr;
    int row = mapa__glpk_row(c->P, name, GLP_LO, 1, 0);
    mapa_err err = MAPA_OK;
    if (c->soft) {
        char sname[140];
        snprintf(sname, sizeof sname, "unlinked_%s", name);
        err = mapa__triplets_put(&c->m, row, mapa__glpk_col(c->P, sname, GLP_IV, 0, 1, -c->big / 2),
                                 1);
    }
    for (size_t h = 0; c->y && h < pr->T && err == MAPA_OK; h++) /* the team arcs crossing */
        for (size_t t = 0; t < pr->T && err == MAPA_OK && (from_set[h] != 0) == from_in; t++)
            if (c->y[h * pr->T + t] && (to_set[t] != 0) == to_in)
                err = mapa__triplets_put(&c->m, row, c->y[h * pr->T + t], 1);
    for (size_t i = 0; !c->y && i < pr->n && err == MAPA_OK; i++) {
        size_t h = mapa__cf_home(pr, i);
        if ((from_set[h] != 0) != from_in)
            continue;
        for (size_t t = 0; t < pr->T && err == MAPA_OK; t++)
            for (size_t s = 0; s < pr->S && err == MAPA_OK; s++)
                if (*fcol(c, i, t, s) && (to_set[t] != 0) == to_in)
                    err = mapa__triplets_put(&c->m, row, *fcol(c, i, t, s), 1);
    }
    return err;
}

static mapa_err link_rows(cfm *c)
{
    size_t T = c->pr->T;
    unsigned char *one = calloc(T + 1, 1), *all = malloc(T + 1);
    if (!one || !all) {
        free(one);
        free(all);
        return oom();
    }
    memset(all, 1, T + 1);
    mapa_err err = MAPA_OK;
    char name[128];
    for (size_t h = 0; h < T && err == MAPA_OK; h++) {
        if (!c->sends[h] || (c->sends_in && c->sends_in[h]))
            continue;
        if (c->sends_in)
            c->sends_in[h] = true;
        one[h] = 1;
        snprintf(name, sizeof name, "sends(%.60s)", c->pr->p->topics[h].id);
        err = link_row(c, name, one, true, all, true);
        one[h] = 0;
    }
    for (size_t k = c->cuts_in; k < c->n_cuts && err == MAPA_OK; k++) {
        snprintf(name, sizeof name, "cut%zu_%s", k + 1, c->cuts[k].outward ? "out" : "in");
        err = c->cuts[k].outward ? link_row(c, name, c->cuts[k].in, true, c->cuts[k].in, false)
                                 : link_row(c, name, c->cuts[k].in, false, c->cuts[k].in, true);
    }
    if (err == MAPA_OK && c->y)
        c->cuts_in = c->n_cuts;
    free(one);
    free(all);
    return err;
}

/* Two-step reach (small team counts): a[h,t] arc, p[h,k,t] path h->k->t, q[h,t] reached. */
static mapa_err reach_rows(cfm *c)
{
    const mapa__cf_problem *pr = c->pr;
    size_t T = pr->T;
    char name[96];
    int *a = calloc(T * T + 1, sizeof *a);
    if (!a)
        return oom();
    mapa_err err = MAPA_OK;
    double w = pr->s->cf_reach_weight / ((double)T * (double)(T - 1));
    for (size_t h = 0; h < T && err == MAPA_OK; h++)
        for (size_t t = 0; t < T && err == MAPA_OK; t++) {
            if (h == t)
                continue;
            snprintf(name, sizeof name, "arc(%zu,%zu)", h, t);
            if (c->y) { /* the pair model's arc, or none: fixed at 0 */
                a[h * T + t] =
                    c->y[h * T + t] ? c->y[h * T + t] : mapa__glpk_col(c->P, name, GLP_CV, 0, 0, 0);
                continue;
            }
            a[h * T + t] = mapa__glpk_col(c->P, name, GLP_BV, 0, 1, 0);
            int row = mapa__glpk_row(c->P, name, GLP_UP, 0, 0); /* a <= sum of f */
            err = mapa__triplets_put(&c->m, row, a[h * T + t], 1);
            for (size_t i = 0; i < pr->n && err == MAPA_OK; i++)
                for (size_t s = 0; s < pr->S && err == MAPA_OK; s++)
                    if (mapa__cf_home(pr, i) == h && *fcol(c, i, t, s))
                        err = mapa__triplets_put(&c->m, row, *fcol(c, i, t, s), -1);
        }
    for (size_t h = 0; h < T && err == MAPA_OK; h++)
        for (size_t t = 0; t < T && err == MAPA_OK; t++) {
            if (h == t)
                continue;
            snprintf(name, sizeof name, "near(%zu,%zu)", h, t);
            int q = mapa__glpk_col(c->P, name, GLP_CV, 0, 1, w);
            int row = mapa__glpk_row(c->P, name, GLP_UP, 0, 0); /* q <= a + sum_k p */
            err = mapa__triplets_put(&c->m, row, q, 1);
            if (err == MAPA_OK)
                err = mapa__triplets_put(&c->m, row, a[h * T + t], -1);
            for (size_t k = 0; k < T && err == MAPA_OK; k++) {
                if (k == h || k == t)
                    continue;
                snprintf(name, sizeof name, "via(%zu,%zu,%zu)", h, k, t);
                int pc = mapa__glpk_col(c->P, name, GLP_CV, 0, 1, 0);
                int r1 = mapa__glpk_row(c->P, name, GLP_UP, 0, 0);
                snprintf(name, sizeof name, "via2(%zu,%zu,%zu)", h, k, t);
                int r2 = mapa__glpk_row(c->P, name, GLP_UP, 0, 0);
                err = mapa__triplets_put(&c->m, row, pc, -1);
                if (err == MAPA_OK)
                    err = mapa__triplets_put(&c->m, r1, pc, 1);
                if (err == MAPA_OK)
                    err = mapa__triplets_put(&c->m, r1, a[h * T + k], -1);
                if (err == MAPA_OK)
                    err = mapa__triplets_put(&c->m, r2, pc, 1);
                if (err == MAPA_OK)
                    err = mapa__triplets_put(&c->m, r2, a[k * T + t], -1);
            }
        }
    free(a);
    return err;
}

static mapa_err build(cfm *c)
{
    c->P = glp_create_prob();
    glp_set_prob_name(c->P, "mapa_critical_friends");
    glp_set_obj_name(c->P, "cf_score");
    glp_set_obj_dir(c->P, GLP_MAX);
    if (c->y) {
        memset(c->y, 0, c->pr->T * c->pr->T * sizeof *c->y);
        memset(c->sends_in, 0, c->pr->T * sizeof *c->sends_in);
        c->cuts_in = 0;
        c->warm = false;
    }
    mapa_err err = f_columns(c);
    if (err == MAPA_OK)
        err = team_rows(c);
    if (err == MAPA_OK)
        err = member_rows(c);
    if (err == MAPA_OK)
        err = link_rows(c);
    if (err == MAPA_OK && c->pr->reach)
        err = reach_rows(c);
    if (err == MAPA_OK)
        mapa__triplets_load(&c->m, c->P);
    mapa__triplets_dispose(&c->m);
    return err;
}

/*
 * The pair model between rounds: the rows found since the last solve go into
 * P as they are (their triplets come row by row), the basis stays.
 */
static mapa_err append_rows(cfm *c)
{
    int first = glp_get_num_rows(c->P) + 1;
    mapa_err err = link_rows(c);
    int *ind = NULL;
    double *val = NULL;
    if (err == MAPA_OK && c->m.n > 0) {
        ind = malloc((c->m.n + 1) * sizeof *ind);
        val = malloc((c->m.n + 1) * sizeof *val);
        if (!ind || !val)
            err = oom();
    }
    for (size_t k = 1; err == MAPA_OK && k <= c->m.n;) { /* triplets start at 1 */
        int row = c->m.ia[k], len = 0;
        for (; k <= c->m.n && c->m.ia[k] == row; k++) {
            ind[len + 1] = c->m.ja[k];
            val[len + 1] = c->m.ar[k];
            len++;
        }
        assert(row >= first);
        glp_set_mat_row(c->P, row, len, ind, val);
    }
    (void)first;
    free(ind);
    free(val);
    mapa__triplets_dispose(&c->m);
    return err;
}

static void clear_model(cfm *c)
{
    if (c->P)
        glp_delete_prob(c->P);
    c->P = NULL;
    mapa__triplets_dispose(&c->m);
}

/* The LP relaxation, within the time left; false (status set) when it has no optimum. */
static bool solve_lp(cfm *c, mapa_cf *out, const mapa_cf_options *o, mapa_err *err)
{
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = o->log ? GLP_MSG_ON : GLP_MSG_OFF;
    sp.presolve = c->warm ? GLP_OFF : GLP_ON;
    sp.meth = c->warm ? GLP_DUALP : GLP_PRIMAL; /* new rows keep the basis dual feasible */
    double left = mapa__cf_remaining(c->pr);
    *err = MAPA_OK;
    if (left <= 0) {
        out->status = MAPA_STATUS_TIME_LIMIT;
        return false;
    }
    sp.tm_lim = left < 2e6 ? (int)fmax(1, left * 1000) : INT32_MAX;
    int ret = glp_simplex(c->P, &sp);
    if (c->warm && ret != 0 && ret != GLP_ETMLIM) { /* the basis did not serve: start afresh */
        glp_adv_basis(c->P, 0);
        sp.presolve = GLP_ON;
        sp.meth = GLP_PRIMAL;
        ret = glp_simplex(c->P, &sp);
    }
    if (ret == GLP_ETMLIM) {
        out->status = MAPA_STATUS_TIME_LIMIT;
        return false;
    }
    if (ret == GLP_ENOPFS || glp_get_status(c->P) == GLP_NOFEAS) {
        out->status = MAPA_STATUS_INFEASIBLE;
        out->n_pairs = 0;
        return false;
    }
    if (ret != 0 || glp_get_status(c->P) != GLP_OPT) {
        *err = mapa_error_set(MAPA_EDEPENDENCY, "GLPK's simplex failed (code %d, status %d)", ret,
                              glp_get_status(c->P));
        return false;
    }
    c->warm = c->y != NULL;
    return true;
}

/*
 * With y integral the f of a vertex are integral; a solution that is not a
 * vertex could still carry fractions. Then f becomes binary (true returned).
 */
static bool fractional_f(cfm *c)
{
    const mapa__cf_problem *pr = c->pr;
    size_t count = pr->n * pr->T * pr->S;
    bool frac = false;
    for (size_t k = 0; k < count && !frac; k++)
        if (c->f[k] && glp_get_col_kind(c->P, c->f[k]) == GLP_CV) {
            double v = glp_mip_col_val(c->P, c->f[k]);
            frac = fabs(v - floor(v + 0.5)) > 1e-6;
        }
    for (size_t k = 0; k < count && frac; k++)
        if (c->f[k])
            glp_set_col_kind(c->P, c->f[k], GLP_BV);
    return frac;
}

static mapa_err solve(cfm *c, mapa_cf *out, const mapa_cf_options *o);
static bool cut_possible(const mapa__cf_problem *pr, const unsigned char *in, bool outward);
static bool cut_known(const cfm *c, const unsigned char *in, bool outward);
static mapa_err append_rows(cfm *c);

/* Scratch of the separation: residual capacities and a breadth-first search. */
typedef struct flowspace {
    double *cap, *res;
    size_t *queue, *prev;
    unsigned char *side;
} flowspace;

/*
 * Maximum flow from s to t under capacities fs->cap (T x T), by shortest
 * augmenting paths (Edmonds and Karp; Ahuja, Magnanti and Orlin, section 7.5),
 * stopped once it reaches 1. fs->side: the teams s reaches in the residual
 * graph, a minimum cut when the flow is below 1. O(T^2) per augmentation.
 */
static double max_flow(flowspace *fs, size_t T, size_t s, size_t t)
{
    memcpy(fs->res, fs->cap, T * T * sizeof *fs->res);
    double flow = 0;
    for (;;) {
        memset(fs->side, 0, T);
        size_t head = 0, tail = 0;
        fs->queue[tail++] = s;
        fs->side[s] = 1;
        while (head < tail && !fs->side[t]) {
            size_t u = fs->queue[head++];
            for (size_t v = 0; v < T; v++)
                if (!fs->side[v] && fs->res[u * T + v] > 1e-9) {
                    fs->side[v] = 1;
                    fs->prev[v] = u;
                    fs->queue[tail++] = v;
                }
        }
        if (!fs->side[t] || flow >= 1 - 1e-6)
            return flow;
        double b = INFINITY;
        for (size_t v = t; v != s; v = fs->prev[v])
            b = fmin(b, fs->res[fs->prev[v] * T + v]);
        for (size_t v = t; v != s; v = fs->prev[v]) {
            fs->res[fs->prev[v] * T + v] -= b;
            fs->res[v * T + fs->prev[v]] += b;
        }
        flow += b;
    }
}

/* Record the cut "the teams `side` send out" when it is new and can hold; false on no memory. */
static bool keep_cut(cfm *c, const unsigned char *side, size_t *added)
{
    size_t T = c->pr->T;
    if (!cut_possible(c->pr, side, true) || cut_known(c, side, true))
        return true;
    unsigned char *in = malloc(T + 1);
    cut *cuts = realloc(c->cuts, (c->n_cuts + 1) * sizeof *cuts);
    if (cuts)
        c->cuts = cuts;
    if (!in || !cuts) {
        free(in);
        return false;
    }
    memcpy(in, side, T);
    c->cuts[c->n_cuts++] = (cut){in, true};
    ++*added;
    return true;
}

/*
 * Connectivity cuts the LP optimum breaks: for each team t, a flow below 1
 * from team 0 to t, or from t to team 0, under capacities y gives a set that
 * sends less than one arc out (docs/model.md). Exact separation of the cut
 * rows in O(T) maximum flows; the rows go into P at once.
 */
static mapa_err separate(cfm *c, size_t *added)
{
    const mapa__cf_problem *pr = c->pr;
    size_t T = pr->T;
    *added = 0;
    if (!c->y || c->soft || T < 2)
        return MAPA_OK;
    flowspace fs = {malloc(T * T * sizeof *fs.cap), malloc(T * T * sizeof *fs.res),
                    malloc(T * sizeof *fs.queue), malloc(T * sizeof *fs.prev), malloc(T + 1)};
    mapa_err err = fs.cap && fs.res && fs.queue && fs.prev && fs.side ? MAPA_OK : oom();
    for (size_t k = 0; err == MAPA_OK && k < T * T; k++)
        fs.cap[k] = c->y[k] ? fmax(0, glp_get_col_prim(c->P, c->y[k])) : 0;
    for (size_t t = 1; err == MAPA_OK && t < T; t++)
        for (int dir = 0; dir < 2 && err == MAPA_OK; dir++)
            if (max_flow(&fs, T, dir ? t : 0, dir ? 0 : t) < 1 - 1e-4 &&
                !keep_cut(c, fs.side, added))
                err = oom();
    free(fs.cap);
    free(fs.res);
    free(fs.queue);
    free(fs.prev);
    free(fs.side);
    return err == MAPA_OK && *added > 0 ? append_rows(c) : err;
}

/*
 * Solve the current model within the time left: pairs replace out's when
 * GLPK has a plan; a plan found earlier (the flow's) stays when it has none.
 */
static mapa_err solve(cfm *c, mapa_cf *out, const mapa_cf_options *o)
{
    mapa_err err = MAPA_OK;
    out->method = "glpk";
    if (!solve_lp(c, out, o, &err))
        return err;
    for (size_t added = 1; added > 0;) { /* cut the LP optimum's thin sets before branching */
        err = separate(c, &added);
        if (err != MAPA_OK || (added > 0 && !solve_lp(c, out, o, &err)))
            return err;
    }
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.presolve = GLP_OFF; /* the LP optimum is there: branch from its basis */
    parm.msg_lev = o->log ? GLP_MSG_ON : GLP_MSG_OFF;
    double left = mapa__cf_remaining(c->pr);
    if (left <= 0) {
        out->status = MAPA_STATUS_TIME_LIMIT;
        return MAPA_OK;
    }
    parm.tm_lim = left < 2e6 ? (int)fmax(1, left * 1000) : INT32_MAX;
    int ret = glp_intopt(c->P, &parm);
    if (ret == GLP_ENOPFS || ret == GLP_ENODFS || glp_mip_status(c->P) == GLP_NOFEAS ||
        (ret == 0 && glp_mip_status(c->P) == GLP_UNDEF)) {
        out->n_pairs = 0;
        out->status = MAPA_STATUS_INFEASIBLE;
        return MAPA_OK;
    }
    if (ret != 0 && ret != GLP_ETMLIM)
        return mapa_error_set(MAPA_EDEPENDENCY, "GLPK's branch-and-cut failed (code %d)", ret);
    int status = glp_mip_status(c->P);
    if (status != GLP_OPT && status != GLP_FEAS) {
        out->status = MAPA_STATUS_TIME_LIMIT;
        return MAPA_OK;
    }
    if (fractional_f(c)) /* not expected (the network argument); branch on f too */
        return solve(c, out, o);
    out->n_pairs = 0;
    out->status = status == GLP_OPT && ret == 0 ? MAPA_STATUS_OPTIMAL : MAPA_STATUS_TIME_LIMIT;
    const mapa__cf_problem *pr = c->pr;
    for (size_t i = 0; i < pr->n; i++)
        for (size_t t = 0; t < pr->T; t++) {
            unsigned stages = 0;
            for (size_t s = 0; s < pr->S; s++)
                if (*fcol(c, i, t, s) && glp_mip_col_val(c->P, *fcol(c, i, t, s)) > 0.5)
                    stages |= pr->S == 1 ? (MAPA_STAGE_DECISION | MAPA_STAGE_EVALUATION)
                                         : (s == 0 ? MAPA_STAGE_DECISION : MAPA_STAGE_EVALUATION);
            if (stages && !mapa__cf_push(out, pr, pr->cand[i], t, stages))
                return oom();
        }
    return MAPA_OK;
}

/* Which teams can send at all: those with a candidate. */
static bool can_send(const mapa__cf_problem *pr, size_t h)
{
    for (size_t i = 0; i < pr->n; i++)
        if (mapa__cf_home(pr, i) == h)
            return true;
    return false;
}

/* A cut can hold only if some candidate could cross it in its direction. */
static bool cut_possible(const mapa__cf_problem *pr, const unsigned char *in, bool outward)
{
    for (size_t i = 0; i < pr->n; i++)
        if ((in[mapa__cf_home(pr, i)] != 0) == outward)
            return true;
    return false;
}

static bool cut_known(const cfm *c, const unsigned char *in, bool outward)
{
    for (size_t k = 0; k < c->n_cuts; k++)
        if (c->cuts[k].outward == outward && memcmp(c->cuts[k].in, in, c->pr->T) == 0)
            return true;
    return false;
}

/*
 * New rows the plan `out` breaks: teams that send nothing, and a cut for each
 * strong component with no arc in or no arc out. Returns how many were added.
 */
static size_t add_violated(cfm *c, const mapa_cf *out, mapa_err *err)
{
    const mapa__cf_problem *pr = c->pr;
    size_t T = pr->T, added = 0;
    size_t *from = malloc((out->n_pairs + 1) * sizeof *from);
    size_t *to = malloc((out->n_pairs + 1) * sizeof *to);
    size_t *memb = malloc((T + 1) * sizeof *memb);
    bool *src = malloc((T + 1) * sizeof *src), *snk = malloc((T + 1) * sizeof *snk);
    bool *sent = calloc(T + 1, sizeof *sent);
    cut *cuts = realloc(c->cuts, (c->n_cuts + 2 * T) * sizeof *cuts);
    if (cuts)
        c->cuts = cuts;
    size_t n_comp = 0;
    *err = from && to && memb && src && snk && sent && cuts ? MAPA_OK : oom();
    for (size_t k = 0; *err == MAPA_OK && k < out->n_pairs; k++) {
        from[k] = pr->team[out->pairs[k].member];
        to[k] = out->pairs[k].team;
        sent[from[k]] = true;
    }
    for (size_t h = 0; *err == MAPA_OK && h < T; h++)
        if (!sent[h] && !c->sends[h] && can_send(pr, h)) {
            c->sends[h] = true;
            added++;
        }
    if (*err == MAPA_OK)
        *err = mapa_team_graph_components(memb, &n_comp, src, snk, T, from, to, out->n_pairs);
    for (size_t comp = 0; *err == MAPA_OK && n_comp > 1 && comp < n_comp; comp++) {
        for (int dir = 0; dir < 2 && *err == MAPA_OK; dir++) {
            if (!(dir ? snk[comp] : src[comp]))
                continue;
            unsigned char *in = calloc(T + 1, 1);
            if (!in) {
                *err = oom();
                break;
            }
            for (size_t t = 0; t < T; t++)
                in[t] = memb[t] == comp;
            if (cut_possible(pr, in, dir == 1) && !cut_known(c, in, dir == 1)) {
                c->cuts[c->n_cuts++] = (cut){in, dir == 1};
                added++;
            } else {
                free(in);
            }
        }
    }
    free(from);
    free(to);
    free(memb);
    free(src);
    free(snk);
    free(sent);
    return added;
}

static void say(const mapa_cf_options *o, const char *line)
{
    if (o->log)
        o->log(line, o->payload);
}

static mapa_err rounds(cfm *c, mapa_cf *out, const mapa_cf_options *o)
{
    mapa_err err = MAPA_OK;
    char line[160];
    if (out->n_pairs > 0) /* start from the rows the flow's plan breaks */
        add_violated(c, out, &err);
    for (size_t round = 1; err == MAPA_OK; round++) {
        if (mapa__cf_remaining(c->pr) <= 0) {
            out->status = MAPA_STATUS_TIME_LIMIT;
            break;
        }
        err = c->y && c->P ? append_rows(c) : build(c);
        if (err == MAPA_OK)
            err = solve(c, out, o);
        if (!c->y || err != MAPA_OK)
            clear_model(c);
        if (err != MAPA_OK || out->status == MAPA_STATUS_INFEASIBLE ||
            out->status == MAPA_STATUS_TIME_LIMIT)
            break;
        size_t added = add_violated(c, out, &err);
        snprintf(line, sizeof line, "Critical Friends round %zu: %zu connectivity rows added",
                 round, added);
        say(o, line);
        if (added == 0)
            break;
        out->cut_rounds = round;
    }
    clear_model(c);
    return err;
}

static void cfm_free(cfm *c)
{
    if (!c)
        return;
    clear_model(c);
    for (size_t k = 0; k < c->n_cuts; k++)
        free(c->cuts[k].in);
    free(c->cuts);
    free(c->f);
    free(c->short_col);
    free(c->sends);
    free(c->y);
    free(c->sends_in);
    free(c);
}

/* The model's state on the heap: GLPK's fatal errors longjmp past this frame. */
static cfm *cfm_new(const mapa__cf_problem *pr, bool soft, const unsigned char *allow, bool pairs)
{
    cfm *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->pr = pr;
    c->soft = soft;
    c->allow = allow;
    c->big = 10.0 * (double)(pr->places + 1) *
             (1 + pr->s->cf_interest_weight + pr->s->cf_novelty_weight);
    c->f = malloc((pr->n * pr->T * pr->S + 1) * sizeof *c->f);
    c->short_col = calloc(pr->T * pr->S + 1, sizeof *c->short_col);
    c->sends = calloc(pr->T + 1, sizeof *c->sends);
    if (pairs) {
        c->y = calloc(pr->T * pr->T + 1, sizeof *c->y);
        c->sends_in = calloc(pr->T + 1, sizeof *c->sends_in);
    }
    if (!c->f || !c->short_col || !c->sends || (pairs && (!c->y || !c->sends_in))) {
        cfm_free(c);
        return NULL;
    }
    return c;
}

/* Run rounds (or, with `write_only`, write the first model) under GLPK's hooks. */
static mapa_err guarded(cfm *c, mapa_cf *out, const mapa_cf_options *o, const char *write_only)
{
    mapa__glpk_guard guard = {.log = o ? o->log : NULL, .payload = o ? o->payload : NULL};
    mapa_err err = MAPA_OK;
    mapa__glpk_hooks_on(&guard);
    if (setjmp(guard.jump)) {
        mapa__glpk_hooks_off(1);
        c->P = NULL; /* freed with GLPK's environment */
        return mapa_error_set(MAPA_EDEPENDENCY, "GLPK stopped with an internal error");
    }
    if (write_only) {
        err = build(c);
        if (err == MAPA_OK && glp_write_lp(c->P, NULL, write_only) != 0)
            err = mapa_error_set(MAPA_EIO, "%s: cannot write the model", write_only);
    } else {
        err = rounds(c, out, o);
    }
    mapa__glpk_hooks_off(0);
    return err;
}

void mapa__cf_rows_dispose(mapa__cf_rows *r)
{
    for (size_t k = 0; k < r->n_cuts; k++)
        free(r->cuts[k].in);
    free(r->cuts);
    free(r->sends);
    memset(r, 0, sizeof *r);
}

/* Start c with the rows of an earlier solve (copies). */
static mapa_err take_rows(cfm *c, const mapa__cf_rows *r)
{
    size_t T = c->pr->T;
    if (!r || !r->sends)
        return MAPA_OK;
    memcpy(c->sends, r->sends, T * sizeof *c->sends);
    c->cuts = malloc((r->n_cuts + 1) * sizeof *c->cuts);
    if (!c->cuts)
        return oom();
    for (size_t k = 0; k < r->n_cuts; k++) {
        unsigned char *in = malloc(T + 1);
        if (!in)
            return oom();
        memcpy(in, r->cuts[k].in, T);
        c->cuts[c->n_cuts++] = (cut){in, r->cuts[k].outward};
    }
    return MAPA_OK;
}

/* Hand c's rows over to r (c keeps none). */
static void give_rows(cfm *c, mapa__cf_rows *r)
{
    mapa__cf_rows_dispose(r);
    r->cuts = c->cuts;
    r->n_cuts = c->n_cuts;
    r->sends = c->sends;
    c->cuts = NULL;
    c->n_cuts = 0;
    c->sends = NULL;
}

/* The model's size (its f columns, rows, nonzeros) against the limit, before it is built. */
static mapa_err check_memory(const mapa__cf_problem *pr, const unsigned char *allow)
{
    double cols = 0, T = (double)pr->T;
    if (allow) {
        for (size_t k = 0; k < pr->n * pr->T; k++)
            cols += allow[k] != 0;
    } else {
        cols = (double)pr->n * (T - 1);
    }
    cols *= (double)pr->S;
    double rows = (double)pr->n * 2 + T * T * (double)pr->S + 4 * T;
    double nz = cols * (4 + (double)pr->S);
    return mapa__memory_check(cols * MAPA_GLPK_BYTES_PER_COL + rows * MAPA_GLPK_BYTES_PER_ROW +
                                  nz * MAPA_GLPK_BYTES_PER_NZ,
                              pr->max_memory ? pr->max_memory : SIZE_MAX,
                              "The Critical Friend integer program");
}

static mapa_err glpk_on(mapa_cf *out, const mapa__cf_problem *pr, const mapa_cf_options *o,
                        bool soft, const unsigned char *allow, mapa__cf_rows *rows, bool pairs);

/* Order of one team's candidates for a reviewed team: better score first, then index. */
typedef struct ranked {
    int64_t score;
    size_t i;
} ranked;

static int by_score(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

/*
 * How many best members of team h per reviewed team suffice (docs/model.md,
 * "Best members per team pair"): every team that can send sends, so h sends
 * at most P - (T' - 1) CFs (P places, T' teams with a candidate) and at most
 * T - 1; among that many best members, one is idle in any plan, and taking
 * it instead of a worse one keeps every rule and the team graph.
 */
static size_t pair_depth(const mapa__cf_problem *pr)
{
    size_t senders = 0, P = pr->places / pr->S;
    for (size_t h = 0; h < pr->T; h++)
        senders += can_send(pr, h);
    size_t k = pr->T - 1;
    if (senders >= 1 && P + 1 >= senders && P - (senders - 1) < k)
        k = P - (senders - 1);
    return k > 0 ? k : 1; /* fewer places than senders: infeasible anyway */
}

/*
 * The variables of the pair model: `allow` (NULL: all) cut to the `k` best
 * candidates of each home team for each reviewed team. *out stays NULL when
 * nothing would be cut. O(T n log n).
 */
static mapa_err pair_allow(unsigned char **out, const mapa__cf_problem *pr,
                           const unsigned char *allow)
{
    size_t T = pr->T, n = pr->n, k = pair_depth(pr), most = 0;
    *out = NULL;
    size_t *count = calloc(T + 1, sizeof *count);
    if (!count)
        return oom();
    for (size_t i = 0; i < n; i++)
        if (++count[mapa__cf_home(pr, i)] > most)
            most = count[mapa__cf_home(pr, i)];
    free(count);
    if (most <= k)
        return MAPA_OK;
    unsigned char *keep = calloc(n * T + 1, 1);
    ranked *order = malloc((n + 1) * sizeof *order);
    size_t *start = calloc(T + 2, sizeof *start);
    size_t *ofhome = malloc((n + 1) * sizeof *ofhome);
    if (!keep || !order || !start || !ofhome) {
        free(keep);
        free(order);
        free(start);
        free(ofhome);
        return oom();
    }
    for (size_t i = 0; i < n; i++) /* candidates grouped by home team */
        start[mapa__cf_home(pr, i) + 1]++;
    for (size_t h = 0; h < T; h++)
        start[h + 1] += start[h];
    for (size_t i = 0; i < n; i++) {
        size_t h = mapa__cf_home(pr, i);
        ofhome[start[h]++] = i;
    }
    for (size_t h = T; h > 0; h--) /* undo the advance */
        start[h] = start[h - 1];
    start[0] = 0;
    for (size_t h = 0; h < T; h++)
        for (size_t t = 0; t < T; t++) {
            if (t == h)
                continue;
            size_t len = 0;
            for (size_t a = start[h]; a < start[h + 1]; a++) {
                size_t i = ofhome[a];
                if (!allow || allow[i * T + t])
                    order[len++] = (ranked){mapa__cf_score(pr, pr->cand[i], t), i};
            }
            qsort(order, len, sizeof *order, by_score);
            for (size_t a = 0; a < len && a < k; a++)
                keep[order[a].i * T + t] = 1;
        }
    free(order);
    free(start);
    free(ofhome);
    *out = keep;
    return MAPA_OK;
}

mapa_err mapa__cf_glpk(mapa_cf *out, const mapa__cf_problem *pr, const mapa_cf_options *o,
                       bool soft, const unsigned char *allow, mapa__cf_rows *rows)
{
    bool pairs = pr->S == 1 && !(o && o->full);
    unsigned char *kept = NULL;
    /* on the few teams of the reach term the model is small already, and fewer
     * member columns only reorder GLPK's tree (measured: more nodes) */
    if (pairs && !soft && !pr->reach) {
        mapa_err err = pair_allow(&kept, pr, allow);
        if (err != MAPA_OK)
            return err;
        if (kept)
            allow = kept;
    }
    mapa_err err = glpk_on(out, pr, o, soft, allow, rows, pairs);
    free(kept);
    return err;
}

static mapa_err glpk_on(mapa_cf *out, const mapa__cf_problem *pr, const mapa_cf_options *o,
                        bool soft, const unsigned char *allow, mapa__cf_rows *rows, bool pairs)
{
    mapa_err err = check_memory(pr, allow);
    if (err != MAPA_OK)
        return err;
    /* one stage: the team-arc model; --full and the written model keep the member model */
    cfm *c = cfm_new(pr, soft, allow, pairs);
    err = c ? take_rows(c, rows) : oom();
    if (err == MAPA_OK)
        err = guarded(c, out, o, NULL);
    if (err == MAPA_OK && pr->reach)
        out->reach_method = "in the integer program";
    if (err == MAPA_OK && rows)
        give_rows(c, rows);
    cfm_free(c);
    return err;
}

mapa_err mapa__cf_write_lp(const mapa__cf_problem *pr, const char *path)
{
    cfm *c = cfm_new(pr, false, NULL, false);
    mapa_err err = c ? guarded(c, NULL, NULL, path) : oom();
    cfm_free(c);
    return err;
}
