/*
 * The allocation as a GLPK integer program (docs/model.md, "Allocation").
 * Aggregated: a binary x[m,t] only where member m scores in t (its ranks, its
 * previous team) or is not interchangeable (avoid_teams, fixed_team, fair's
 * rank limit), and an integer u[c,t] counting the members of class c (agency,
 * SPOC willingness) placed in t outside their own variables. Full: a binary
 * for every member and allowed topic. Both are exact (docs/model.md).
 */
#include <glpk.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "solver/alloc_problem.h"
#include "solver/glpk_env.h"
#include "solver/glpk_matrix.h"
#include "solver/memory.h"

typedef struct model {
    const mapa__alloc_problem *pr;
    glp_prob *P;
    size_t T, A;
    bool full, soft;
    const unsigned char *xfix; /* [i * T + t]: MAPA_FIX_*, or NULL */
    const unsigned char *ufix; /* [(2a + w) * T + t]: MAPA_FIX_*, or NULL */
    size_t *cls; /* per member i: class index, or MAPA_NONE (not pooled) */
    size_t n_cls;
    size_t *cls_agency;
    bool *cls_willing;
    size_t *cls_size;
    int *x_first; /* per member i: first column of its x, or 0 */
    size_t *x_count;
    size_t *x_team; /* per x column (from 1): its team */
    int u_first;    /* columns of u: u_first + c*T + t */
    /* rows (0: absent) */
    int member_row0, class_row0;
    int *row_size, *row_cap, *row_has, *row_spoc, *row_stat, *row_vol, *row_dist;
    int row_moves;
    /* soft slacks: columns, 0 when absent */
    int *s_min, *s_max, *s_cap, *s_spoc, *s_stat, *s_vol, *s_dist;
    int s_moves;
    double big;
    mapa__triplets matrix; /* loaded once, at the end */
} model;

static mapa_err oom(void)
{
    return mapa_error_set(MAPA_ENOMEM, "out of memory building the allocation model");
}

/* Classes of interchangeable members: (agency, SPOC willingness). */
static mapa_err make_classes(model *md)
{
    const mapa__alloc_problem *pr = md->pr;
    size_t n = pr->n, A = md->A;
    md->cls = malloc((n ? n : 1) * sizeof *md->cls);
    size_t *index = malloc(2 * (A ? A : 1) * sizeof *index);
    md->cls_agency = malloc(2 * (A ? A : 1) * sizeof *md->cls_agency);
    md->cls_willing = malloc(2 * (A ? A : 1) * sizeof *md->cls_willing);
    md->cls_size = calloc(2 * (A ? A : 1), sizeof *md->cls_size);
    if (!md->cls || !index || !md->cls_agency || !md->cls_willing || !md->cls_size) {
        free(index);
        return oom();
    }
    for (size_t k = 0; k < 2 * A; k++)
        index[k] = MAPA_NONE;
    for (size_t i = 0; i < n; i++) {
        size_t m = pr->member[i];
        md->cls[i] = MAPA_NONE;
        if (md->full || !mapa__alloc_pooled(pr, m))
            continue;
        const mapa_member *mm = &pr->p->members[m];
        size_t key = mm->agency * 2 + mm->spoc_willing;
        if (index[key] == MAPA_NONE) {
            index[key] = md->n_cls;
            md->cls_agency[md->n_cls] = mm->agency;
            md->cls_willing[md->n_cls] = mm->spoc_willing;
            md->n_cls++;
        }
        md->cls[i] = index[key];
        md->cls_size[index[key]]++;
    }
    free(index);
    return MAPA_OK;
}

static bool has_x(const model *md, size_t i, size_t t)
{
    size_t m = md->pr->member[i];
    if (md->xfix && md->xfix[i * md->T + t] == MAPA_FIX_ZERO)
        return false;
    return md->full ? mapa__alloc_allowed(md->pr, m, t) : mapa__alloc_explicit(md->pr, m, t);
}

static size_t agency_size(const model *md, size_t a)
{
    size_t n = 0;
    for (size_t i = 0; i < md->pr->n; i++)
        n += md->pr->p->members[md->pr->member[i]].agency == a;
    return n;
}

/* Add a soft slack column with coefficient `coef` in `row`, penalised in the objective. */
static int slack(model *md, int row, double coef, const char *name)
{
    if (!md->soft || !row)
        return 0;
    int j = mapa__glpk_col(md->P, name, GLP_IV, 0, INFINITY, -md->big);
    return mapa__triplets_put(&md->matrix, row, j, coef) == MAPA_OK ? j : -1;
}

static void member_rows(model *md)
{
    const mapa__alloc_problem *pr = md->pr;
    const mapa_partnership *p = pr->p;
    char name[96];
    for (size_t i = 0; i < pr->n; i++) {
        snprintf(name, sizeof name, "one_team(%.60s)", p->members[pr->member[i]].id);
        /* a pooled member may go through its class instead */
        int r = mapa__glpk_row(md->P, name, md->cls[i] == MAPA_NONE ? GLP_FX : GLP_UP, 1, 1);
        if (i == 0)
            md->member_row0 = r;
    }
    for (size_t c = 0; c < md->n_cls; c++) {
        /* sum of u over teams + sum of the class members' x = class size */
        snprintf(name, sizeof name, "class(%.40s,%s)", p->agencies[md->cls_agency[c]].id,
                 md->cls_willing[c] ? "spoc" : "other");
        int r =
            mapa__glpk_row(md->P, name, GLP_FX, (double)md->cls_size[c], (double)md->cls_size[c]);
        if (c == 0)
            md->class_row0 = r;
    }
}

static void team_rows(model *md)
{
    const mapa_partnership *p = md->pr->p;
    const mapa_settings *s = md->pr->s;
    char name[128];
    for (size_t t = 0; t < md->T; t++) {
        const mapa_topic *tp = &p->topics[t];
        const char *id = tp->id;
        bool unlimited = tp->max_size == MAPA_UNLIMITED;
        snprintf(name, sizeof name, "size(%.60s)", id);
        /* min_size above max_size is reported by the pre-check; GLPK needs lo <= hi */
        size_t lo = unlimited || tp->min_size <= tp->max_size ? tp->min_size : tp->max_size;
        md->row_size[t] =
            mapa__glpk_row(md->P, name, unlimited ? GLP_LO : (lo == tp->max_size ? GLP_FX : GLP_DB),
                           (double)lo, unlimited ? 0 : (double)tp->max_size);
        snprintf(name, sizeof name, "spoc(%.60s)", id);
        md->row_spoc[t] = mapa__glpk_row(md->P, name, GLP_LO, 1, 0);
        if (s->require_statutory) {
            snprintf(name, sizeof name, "statutory(%.60s)", id);
            md->row_stat[t] = mapa__glpk_row(md->P, name, GLP_LO, 1, 0);
        }
        if (s->require_voluntary) {
            snprintf(name, sizeof name, "voluntary(%.60s)", id);
            md->row_vol[t] = mapa__glpk_row(md->P, name, GLP_LO, 1, 0);
        }
        if (tp->min_agencies >= 2) {
            snprintf(name, sizeof name, "agencies(%.60s)", id);
            md->row_dist[t] = mapa__glpk_row(md->P, name, GLP_LO, (double)tp->min_agencies, 0);
        }
    }
    for (size_t a = 0; a < md->A; a++) {
        size_t n_a = agency_size(md, a);
        for (size_t t = 0; t < md->T; t++) {
            size_t cap = p->topics[t].max_per_agency, k = a * md->T + t;
            if (n_a > 0 && cap != MAPA_UNLIMITED && cap < n_a) {
                snprintf(name, sizeof name, "cap(%.40s,%.40s)", p->agencies[a].id, p->topics[t].id);
                md->row_cap[k] = mapa__glpk_row(md->P, name, GLP_UP, 0, (double)cap);
            }
            if (n_a > 0 && md->row_dist[t]) {
                snprintf(name, sizeof name, "has(%.40s,%.40s)", p->agencies[a].id, p->topics[t].id);
                md->row_has[k] = mapa__glpk_row(md->P, name, GLP_LO, 0, 0);
            }
        }
    }
    const mapa__alloc_problem *pr = md->pr;
    if (s->max_moves != MAPA_UNLIMITED && pr->n_with_previous > s->max_moves)
        md->row_moves = mapa__glpk_row(md->P, "max_moves", GLP_LO,
                                       (double)(pr->n_with_previous - s->max_moves), 0);
}

/* The rows a member (or class) of agency a, willing or not, enters in team t. */
static mapa_err put_team(model *md, int col, size_t a, bool willing, size_t t)
{
    const mapa_agency *ag = &md->pr->p->agencies[a];
    size_t k = a * md->T + t;
    mapa_err err = mapa__triplets_put(&md->matrix, md->row_size[t], col, 1);
    if (err == MAPA_OK)
        err = mapa__triplets_put(&md->matrix, md->row_cap[k], col, 1);
    if (err == MAPA_OK)
        err = mapa__triplets_put(&md->matrix, md->row_has[k], col, 1);
    if (err == MAPA_OK && willing)
        err = mapa__triplets_put(&md->matrix, md->row_spoc[t], col, 1);
    if (err == MAPA_OK && ag->statutory)
        err = mapa__triplets_put(&md->matrix, md->row_stat[t], col, 1);
    if (err == MAPA_OK && mapa_sector_voluntary(ag->sector))
        err = mapa__triplets_put(&md->matrix, md->row_vol[t], col, 1);
    return err;
}

static mapa_err x_columns(model *md)
{
    const mapa__alloc_problem *pr = md->pr;
    const mapa_partnership *p = pr->p;
    char name[96];
    mapa_err err = MAPA_OK;
    for (size_t i = 0; i < pr->n && err == MAPA_OK; i++) {
        size_t m = pr->member[i];
        const mapa_member *mm = &p->members[m];
        for (size_t t = 0; t < md->T && err == MAPA_OK; t++) {
            if (!has_x(md, i, t))
                continue;
            snprintf(name, sizeof name, "x(%.40s,%.40s)", mm->id, p->topics[t].id);
            double obj = (double)mapa__alloc_score(pr, m, t) / (double)pr->scale;
            int j = mapa__glpk_col(md->P, name, GLP_BV, 0, 1, obj);
            if (md->xfix && md->xfix[i * md->T + t] == MAPA_FIX_ONE)
                glp_set_col_bnds(md->P, j, GLP_FX, 1, 1);
            if (!md->x_first[i])
                md->x_first[i] = j;
            md->x_count[i]++;
            err = mapa__triplets_put(&md->matrix, md->member_row0 + (int)i, j, 1);
            if (err == MAPA_OK && md->cls[i] != MAPA_NONE)
                err = mapa__triplets_put(&md->matrix, md->class_row0 + (int)md->cls[i], j, 1);
            if (err == MAPA_OK)
                err = put_team(md, j, mm->agency, mm->spoc_willing, t);
            if (err == MAPA_OK && mm->previous_team == t)
                err = mapa__triplets_put(&md->matrix, md->row_moves, j, 1);
        }
    }
    return err;
}

static mapa_err other_columns(model *md)
{
    const mapa_partnership *p = md->pr->p;
    char name[128];
    mapa_err err = MAPA_OK;
    md->u_first = glp_get_num_cols(md->P) + 1;
    for (size_t c = 0; c < md->n_cls && err == MAPA_OK; c++)
        for (size_t t = 0; t < md->T && err == MAPA_OK; t++) {
            size_t a = md->cls_agency[c];
            snprintf(name, sizeof name, "u(%.40s,%s,%.30s)", p->agencies[a].id,
                     md->cls_willing[c] ? "spoc" : "other", p->topics[t].id);
            size_t key = 2 * a + (md->cls_willing[c] ? 1 : 0);
            bool zero = md->ufix && md->ufix[key * md->T + t] == MAPA_FIX_ZERO;
            int j = mapa__glpk_col(md->P, name, GLP_IV, 0, zero ? 0 : (double)md->cls_size[c], 0);
            err = mapa__triplets_put(&md->matrix, md->class_row0 + (int)c, j, 1);
            if (err == MAPA_OK)
                err = put_team(md, j, a, md->cls_willing[c], t);
        }
    for (size_t t = 0; t < md->T && err == MAPA_OK; t++)
        for (size_t a = 0; a < md->A && md->row_dist[t] && err == MAPA_OK; a++) {
            int has = md->row_has[a * md->T + t];
            if (!has)
                continue;
            snprintf(name, sizeof name, "y(%.40s,%.40s)", p->agencies[a].id, p->topics[t].id);
            int j = mapa__glpk_col(md->P, name, GLP_BV, 0, 1, 0);
            err = mapa__triplets_put(&md->matrix, has, j, -1);
            if (err == MAPA_OK)
                err = mapa__triplets_put(&md->matrix, md->row_dist[t], j, 1);
        }
    return err;
}

static mapa_err slack_columns(model *md)
{
    const mapa_partnership *p = md->pr->p;
    char name[128];
    bool failed = false;
    for (size_t t = 0; t < md->T; t++) {
        const char *id = p->topics[t].id;
        snprintf(name, sizeof name, "short(%.60s)", id);
        md->s_min[t] = slack(md, md->row_size[t], 1, name);
        snprintf(name, sizeof name, "over(%.60s)", id);
        if (p->topics[t].max_size != MAPA_UNLIMITED)
            md->s_max[t] = slack(md, md->row_size[t], -1, name);
        snprintf(name, sizeof name, "few_agencies(%.60s)", id);
        md->s_dist[t] = slack(md, md->row_dist[t], 1, name);
        snprintf(name, sizeof name, "no_spoc(%.60s)", id);
        md->s_spoc[t] = slack(md, md->row_spoc[t], 1, name);
        snprintf(name, sizeof name, "no_statutory(%.60s)", id);
        md->s_stat[t] = slack(md, md->row_stat[t], 1, name);
        snprintf(name, sizeof name, "no_voluntary(%.60s)", id);
        md->s_vol[t] = slack(md, md->row_vol[t], 1, name);
        failed |= md->s_min[t] < 0 || md->s_max[t] < 0 || md->s_dist[t] < 0 || md->s_spoc[t] < 0 ||
                  md->s_stat[t] < 0 || md->s_vol[t] < 0;
        for (size_t a = 0; a < md->A; a++) {
            snprintf(name, sizeof name, "over_cap(%.40s,%.40s)", p->agencies[a].id, id);
            md->s_cap[a * md->T + t] = slack(md, md->row_cap[a * md->T + t], -1, name);
            failed |= md->s_cap[a * md->T + t] < 0;
        }
    }
    md->s_moves = slack(md, md->row_moves, 1, "extra_moves");
    failed |= md->s_moves < 0;
    return failed ? oom() : MAPA_OK;
}

static mapa_err allocate(model *md)
{
    size_t T = md->T ? md->T : 1, n = md->pr->n ? md->pr->n : 1;
    size_t AT = md->A * md->T + 1;
    int **per_team[] = {&md->row_size, &md->row_spoc, &md->row_stat, &md->row_vol,
                        &md->row_dist, &md->s_min,    &md->s_max,    &md->s_spoc,
                        &md->s_stat,   &md->s_vol,    &md->s_dist};
    for (size_t k = 0; k < sizeof per_team / sizeof *per_team; k++)
        if (!(*per_team[k] = calloc(T, sizeof(int))))
            return oom();
    md->row_cap = calloc(AT, sizeof(int));
    md->row_has = calloc(AT, sizeof(int));
    md->s_cap = calloc(AT, sizeof(int));
    md->x_first = calloc(n, sizeof *md->x_first);
    md->x_count = calloc(n, sizeof *md->x_count);
    if (!md->row_cap || !md->row_has || !md->s_cap || !md->x_first || !md->x_count)
        return oom();
    return make_classes(md);
}

static void dispose(model *md)
{
    if (md->P)
        glp_delete_prob(md->P);
    void *ptrs[] = {md->cls,      md->cls_agency, md->cls_willing, md->cls_size, md->x_first,
                    md->x_count,  md->row_size,   md->row_cap,     md->row_has,  md->row_spoc,
                    md->row_stat, md->row_vol,    md->row_dist,    md->s_min,    md->s_max,
                    md->s_cap,    md->s_spoc,     md->s_stat,      md->s_vol,    md->s_dist};
    for (size_t k = 0; k < sizeof ptrs / sizeof *ptrs; k++)
        free(ptrs[k]);
    mapa__triplets_dispose(&md->matrix);
}

static mapa_err build(model *md)
{
    const mapa__alloc_problem *pr = md->pr;
    md->P = glp_create_prob();
    glp_set_prob_name(md->P, "mapa_allocation");
    glp_set_obj_name(md->P, "preference_score");
    glp_set_obj_dir(md->P, GLP_MAX);
    /* staying bonuses count moves avoided: with this constant, objective = score - penalty *
     * moves. A fixed column, not GLPK's constant term, which the LP format does not keep. */
    if (pr->stay_bonus && pr->n_with_previous)
        mapa__glpk_col(md->P, "constant", GLP_CV, 1, 1,
                       -(double)pr->stay_bonus * (double)pr->n_with_previous / (double)pr->scale);
    md->big = (double)mapa__alloc_max_score(pr) / (double)pr->scale * (double)(pr->n + 1) + 1;
    mapa_err err = allocate(md);
    if (err != MAPA_OK)
        return err;
    member_rows(md);
    team_rows(md);
    err = x_columns(md);
    if (err == MAPA_OK)
        err = other_columns(md);
    if (err == MAPA_OK)
        err = slack_columns(md);
    if (err == MAPA_OK)
        mapa__triplets_load(&md->matrix, md->P);
    return err;
}

typedef struct search {
    double bound;
    bool have_bound;
} search;

static void on_search(glp_tree *tree, void *info)
{
    search *s = info;
    int node = glp_ios_best_node(tree);
    if (node) {
        s->bound = glp_ios_node_bound(tree, node);
        s->have_bound = true;
    }
}

/* Team of each member from the solution: its x, or its class's u in team order. */
static void extract(model *md, mapa_alloc *out)
{
    const mapa__alloc_problem *pr = md->pr;
    size_t *left = calloc(md->n_cls * md->T + 1, sizeof *left);
    for (size_t c = 0; left && c < md->n_cls; c++)
        for (size_t t = 0; t < md->T; t++)
            left[c * md->T + t] =
                (size_t)llround(glp_mip_col_val(md->P, md->u_first + (int)(c * md->T + t)));
    for (size_t i = 0; i < pr->n; i++) {
        size_t m = pr->member[i], team = MAPA_NONE;
        for (size_t t = 0, k = 0; t < md->T && team == MAPA_NONE; t++) {
            if (!has_x(md, i, t))
                continue;
            if (glp_mip_col_val(md->P, md->x_first[i] + (int)k) > 0.5)
                team = t;
            k++;
        }
        for (size_t t = 0; left && team == MAPA_NONE && md->cls[i] != MAPA_NONE && t < md->T; t++)
            if (left[md->cls[i] * md->T + t] > 0) {
                left[md->cls[i] * md->T + t]--;
                team = t;
            }
        out->team[m] = team;
    }
    free(left);
}

static double slack_val(const model *md, int j)
{
    return j ? glp_mip_col_val(md->P, j) : 0;
}

/* Soft mode: say what each positive slack relaxed. */
static bool report_relaxations(const model *md, mapa_alloc *out)
{
    const mapa_partnership *p = md->pr->p;
    bool ok = true;
    for (size_t t = 0; t < md->T; t++) {
        const mapa_topic *tp = &p->topics[t];
        double v;
        if ((v = slack_val(md, md->s_min[t])) > 0.5)
            ok &= mapa__alloc_note(out, t, MAPA_NONE,
                                   "Topic '%s' has %.0f member(s) fewer than its minimum of %zu",
                                   tp->name, v, tp->min_size);
        if ((v = slack_val(md, md->s_max[t])) > 0.5)
            ok &= mapa__alloc_note(out, t, MAPA_NONE,
                                   "Topic '%s' has %.0f member(s) more than its maximum of %zu",
                                   tp->name, v, tp->max_size);
        if ((v = slack_val(md, md->s_dist[t])) > 0.5)
            ok &= mapa__alloc_note(out, t, MAPA_NONE,
                                   "Topic '%s' has %.0f agenc%s fewer than its minimum of %zu",
                                   tp->name, v, v > 1.5 ? "ies" : "y", tp->min_agencies);
        if (slack_val(md, md->s_spoc[t]) > 0.5)
            ok &= mapa__alloc_note(out, t, MAPA_NONE,
                                   "Topic '%s' has no member willing to be its SPOC", tp->name);
        if (slack_val(md, md->s_stat[t]) > 0.5)
            ok &= mapa__alloc_note(out, t, MAPA_NONE,
                                   "Topic '%s' has no member of a statutory agency", tp->name);
        if (slack_val(md, md->s_vol[t]) > 0.5)
            ok &= mapa__alloc_note(out, t, MAPA_NONE,
                                   "Topic '%s' has no member of a voluntary agency", tp->name);
        for (size_t a = 0; a < md->A; a++)
            if ((v = slack_val(md, md->s_cap[a * md->T + t])) > 0.5)
                ok &= mapa__alloc_note(out, t, a,
                                       "Topic '%s' has %.0f member(s) of %s above its limit of "
                                       "%zu per agency",
                                       tp->name, v, p->agencies[a].name, tp->max_per_agency);
    }
    double v;
    if ((v = slack_val(md, md->s_moves)) > 0.5)
        ok &= mapa__alloc_note(out, MAPA_NONE, MAPA_NONE,
                               "%.0f member(s) moved beyond the limit of %zu moves", v,
                               md->pr->s->max_moves);
    return ok;
}

static void read_result(model *md, mapa_alloc *out, int ret, const search *s)
{
    int status = glp_mip_status(md->P);
    out->method = "glpk";
    if (status == GLP_OPT || status == GLP_FEAS) {
        extract(md, out);
        double obj = glp_mip_obj_val(md->P);
        out->bound = s->have_bound && ret != 0 ? s->bound : obj;
        if (out->bound < obj)
            out->bound = obj;
        out->gap = fabs(out->bound - obj) / (fabs(obj) > 1e-9 ? fabs(obj) : 1);
        if (status == GLP_OPT && ret == 0) {
            out->status = MAPA_STATUS_OPTIMAL;
            out->gap = 0;
            out->bound = obj;
        } else {
            out->status = ret == GLP_ETMLIM ? MAPA_STATUS_TIME_LIMIT : MAPA_STATUS_FEASIBLE;
        }
    } else {
        out->status = ret == GLP_ETMLIM ? MAPA_STATUS_TIME_LIMIT : MAPA_STATUS_INFEASIBLE;
    }
}

/* The time GLPK may still use, or false (and out says time_limit) when none is left. */
static bool time_left(const model *md, mapa_alloc *out, int *ms)
{
    double left = mapa__alloc_remaining(md->pr);
    if (left <= 0) {
        out->status = MAPA_STATUS_TIME_LIMIT;
        out->method = "glpk";
        return false;
    }
    *ms = mapa__glpk_ms(left);
    return true;
}

/*
 * The LP relaxation from the current basis (primal the first time, dual
 * simplex after rows were switched on: the basis stays dual feasible). Returns
 * false with out->status set when there is no LP optimum (time, infeasible).
 */
static bool solve_lp(model *md, mapa_alloc *out, const mapa_alloc_options *o, bool warm,
                     mapa_err *err)
{
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = o->log ? GLP_MSG_ON : GLP_MSG_OFF;
    sp.meth = warm ? GLP_DUALP : GLP_PRIMAL;
    sp.presolve = !warm && md->xfix ? GLP_ON : GLP_OFF; /* fixed columns drop out */
    if (!time_left(md, out, &sp.tm_lim))
        return false;
    int ret = glp_simplex(md->P, &sp);
    *err = MAPA_OK;
    if (ret == GLP_ETMLIM) {
        out->status = MAPA_STATUS_TIME_LIMIT;
        out->method = "glpk";
        return false;
    }
    if (ret != 0 && ret != GLP_ENOPFS && ret != GLP_ENODFS) {
        *err = mapa_error_set(MAPA_EDEPENDENCY, "GLPK's simplex failed (code %d)", ret);
        return false;
    }
    int status = glp_get_status(md->P);
    if (status == GLP_OPT)
        return true;
    out->status = status == GLP_NOFEAS || ret == GLP_ENOPFS ? MAPA_STATUS_INFEASIBLE
                                                            : MAPA_STATUS_TIME_LIMIT;
    out->method = "glpk";
    if (out->status == MAPA_STATUS_TIME_LIMIT && status != GLP_UNDEF)
        *err = mapa_error_set(MAPA_EDEPENDENCY, "GLPK's simplex ended with status %d", status);
    return false;
}

/* Branch-and-cut from the LP optimum in the model (no presolve: it would drop the basis). */
static mapa_err solve_mip(model *md, mapa_alloc *out, const mapa_alloc_options *o)
{
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.presolve = GLP_OFF;
    parm.msg_lev = o->log ? GLP_MSG_ON : GLP_MSG_OFF;
    parm.mip_gap = o->mip_gap;
    parm.br_tech = GLP_BR_PCH;
    parm.gmi_cuts = GLP_ON;
    parm.mir_cuts = GLP_ON;
    search s = {0, false};
    parm.cb_func = on_search;
    parm.cb_info = &s;
    if (!time_left(md, out, &parm.tm_lim))
        return MAPA_OK;
    int ret = glp_intopt(md->P, &parm);
    if (ret == GLP_EROOT) { /* the LP presolver left no basis: re-optimise without it */
        glp_smcp sp;
        glp_init_smcp(&sp);
        sp.msg_lev = GLP_MSG_OFF;
        if (!time_left(md, out, &sp.tm_lim) || glp_simplex(md->P, &sp) != 0 ||
            glp_get_status(md->P) != GLP_OPT || !time_left(md, out, &parm.tm_lim)) {
            out->status = MAPA_STATUS_TIME_LIMIT;
            return MAPA_OK;
        }
        ret = glp_intopt(md->P, &parm);
    }
    if (ret != 0 && ret != GLP_ETMLIM && ret != GLP_ENOPFS && ret != GLP_ENODFS &&
        ret != GLP_EMIPGAP)
        return mapa_error_set(MAPA_EDEPENDENCY, "GLPK's branch-and-cut failed (code %d)", ret);
    if (ret == GLP_ENOPFS || ret == GLP_ENODFS) {
        out->status = MAPA_STATUS_INFEASIBLE;
        out->method = "glpk";
        return MAPA_OK;
    }
    if (!s.have_bound) { /* stopped before any node: the LP bound */
        s.bound = glp_get_obj_val(md->P);
        s.have_bound = ret != 0;
    }
    read_result(md, out, ret, &s);
    return MAPA_OK;
}

/* No plan in time: forget what an earlier path (the flow) left in out->team. */
static void no_plan(model *md, mapa_alloc *out)
{
    for (size_t i = 0; i < md->pr->n; i++)
        out->team[md->pr->member[i]] = MAPA_NONE;
}

static mapa_err solve(model *md, mapa_alloc *out, const mapa_alloc_options *o)
{
    mapa_err err = MAPA_OK;
    if (!solve_lp(md, out, o, false, &err)) {
        no_plan(md, out);
        return err;
    }
    err = solve_mip(md, out, o);
    if (err == MAPA_OK && glp_mip_status(md->P) != GLP_OPT && glp_mip_status(md->P) != GLP_FEAS)
        no_plan(md, out);
    if (err == MAPA_OK && md->soft && out->status != MAPA_STATUS_INFEASIBLE &&
        glp_mip_status(md->P) != GLP_UNDEF && !report_relaxations(md, out))
        return mapa_error_set(MAPA_ENOMEM, "out of memory reporting relaxations");
    return err;
}

/* The side rows of `bits` in team t (t == T: the moves row): their row numbers, 0 if absent. */
static int side_row_of(const model *md, size_t t, unsigned char bit)
{
    if (t == md->T)
        return bit == MAPA_SIDE_MOVES ? md->row_moves : 0;
    switch (bit) {
    case MAPA_SIDE_AGENCIES: return md->row_dist[t];
    case MAPA_SIDE_SPOC: return md->row_spoc[t];
    case MAPA_SIDE_STATUTORY: return md->row_stat[t];
    case MAPA_SIDE_VOLUNTARY: return md->row_vol[t];
    default: return 0;
    }
}

/* Lower bound of a side row when it is on. */
static double side_lo(const model *md, size_t t, unsigned char bit)
{
    const mapa__alloc_problem *pr = md->pr;
    if (t == md->T)
        return (double)(pr->n_with_previous - pr->s->max_moves);
    return bit == MAPA_SIDE_AGENCIES ? (double)pr->p->topics[t].min_agencies : 1;
}

/* Switch every side row off (free) that `on` does not hold. */
static void rows_off(model *md, const unsigned char *on)
{
    for (size_t t = 0; t <= md->T; t++)
        for (unsigned char b = 1; b <= MAPA_SIDE_MOVES; b <<= 1) {
            int row = side_row_of(md, t, b);
            if (row && !(on[t] & b))
                glp_set_row_bnds(md->P, row, GLP_FR, 0, 0);
        }
}

/* Switch on the free side rows the LP optimum breaks; returns how many. */
static size_t rows_broken_by_lp(model *md, unsigned char *on)
{
    size_t added = 0;
    for (size_t t = 0; t <= md->T; t++)
        for (unsigned char b = 1; b <= MAPA_SIDE_MOVES; b <<= 1) {
            int row = side_row_of(md, t, b);
            if (!row || (on[t] & b) || glp_get_row_prim(md->P, row) >= side_lo(md, t, b) - 1e-7)
                continue;
            on[t] |= b;
            added++;
        }
    return added;
}

/* Set the bounds of the rows `on` holds (after new bits were set). */
static void rows_on(model *md, const unsigned char *on)
{
    for (size_t t = 0; t <= md->T; t++)
        for (unsigned char b = 1; b <= MAPA_SIDE_MOVES; b <<= 1) {
            int row = side_row_of(md, t, b);
            if (row && (on[t] & b))
                glp_set_row_bnds(md->P, row, GLP_LO, side_lo(md, t, b), 0);
        }
}

static size_t count_rows(const model *md, const unsigned char *on)
{
    size_t rows = 0;
    for (size_t t = 0; t <= md->T; t++)
        for (unsigned char b = 1; b <= MAPA_SIDE_MOVES; b <<= 1)
            rows += side_row_of(md, t, b) && (on[t] & b);
    return rows;
}

static void say(const mapa_alloc_options *o, const char *line)
{
    if (o->log)
        o->log(line, o->payload);
}

/*
 * Lazy side rows in one glp_prob: LP rounds (dual simplex from the last basis)
 * until the LP optimum breaks no free row, then branch-and-cut; when its plan
 * breaks a free row, that row is switched on and the rounds go on. A plan that
 * breaks no row is optimal for the whole model (it is optimal for a relaxation).
 */
static mapa_err solve_lazy(model *md, mapa_alloc *out, const mapa_alloc_options *o,
                           unsigned char *on)
{
    char line[160];
    mapa_err err = MAPA_OK;
    rows_off(md, on);
    for (size_t round = 1;; round++) {
        snprintf(line, sizeof line, "integer program, round %zu: %zu side rows (%s)", round,
                 count_rows(md, on), round == 1 ? "primal simplex" : "dual simplex, warm");
        say(o, line);
        if (!solve_lp(md, out, o, round > 1, &err)) {
            no_plan(md, out);
            return err;
        }
        if (rows_broken_by_lp(md, on) > 0) {
            rows_on(md, on);
            continue;
        }
        err = solve_mip(md, out, o);
        if (err == MAPA_OK && out->status != MAPA_STATUS_INFEASIBLE &&
            glp_mip_status(md->P) != GLP_OPT && glp_mip_status(md->P) != GLP_FEAS)
            no_plan(md, out);
        if (err != MAPA_OK || out->status == MAPA_STATUS_INFEASIBLE ||
            glp_mip_status(md->P) == GLP_UNDEF)
            return err;
        size_t added = mapa__alloc_side_violations(md->pr, out->team, on);
        if (added == 0)
            return MAPA_OK; /* optimal, or the best plan in time with its bound */
        if (out->status != MAPA_STATUS_OPTIMAL) { /* stopped early on a plan that breaks rows */
            out->status = MAPA_STATUS_TIME_LIMIT;
            for (size_t i = 0; i < md->pr->n; i++)
                out->team[md->pr->member[i]] = MAPA_NONE;
            return MAPA_OK;
        }
        rows_on(md, on);
    }
}

/* The model's size from its counts (upper bounds), against the limit, before anything is built. */
static mapa_err check_memory(const model *md)
{
    const mapa__alloc_problem *pr = md->pr;
    double n = (double)pr->n, T = (double)md->T, A = (double)md->A;
    double cols = (md->full ? n * T : n * (double)(pr->K + 1)) + 3 * A * T;
    double rows = n + 2 * A + 6 * T + 2 * A * T;
    double bytes = cols * MAPA_GLPK_BYTES_PER_COL + rows * MAPA_GLPK_BYTES_PER_ROW +
                   7 * cols * MAPA_GLPK_BYTES_PER_NZ;
    return mapa__memory_check(bytes, pr->max_memory ? pr->max_memory : SIZE_MAX,
                              md->full ? "The allocation's full integer program"
                                       : "The allocation's integer program");
}

/* GLPK's fatal errors longjmp here, so the model lives on the heap (not in a register). */
static mapa_err with_model(const mapa__alloc_problem *pr, const mapa_alloc_options *o, bool full,
                           bool soft, unsigned char *lazy, mapa_alloc *out, const char *write_only,
                           const unsigned char *xfix, const unsigned char *ufix)
{
    model *md = calloc(1, sizeof *md);
    if (!md)
        return oom();
    *md = (model){.pr = pr,
                  .T = pr->p->n_topics,
                  .A = pr->p->n_agencies,
                  .full = full,
                  .soft = soft,
                  .xfix = xfix,
                  .ufix = ufix};
    mapa_err err = check_memory(md);
    if (err != MAPA_OK) {
        free(md);
        return err;
    }
    mapa__glpk_guard guard = {.log = o ? o->log : NULL, .payload = o ? o->payload : NULL};
    mapa__glpk_hooks_on(&guard);
    if (setjmp(guard.jump)) {
        mapa__glpk_hooks_off(1);
        md->P = NULL; /* freed with GLPK's environment */
        dispose(md);
        free(md);
        return mapa_error_set(MAPA_EDEPENDENCY, "GLPK stopped with an internal error");
    }
    err = build(md);
    if (err == MAPA_OK && write_only && glp_write_lp(md->P, NULL, write_only) != 0)
        err = mapa_error_set(MAPA_EIO, "%s: cannot write the model", write_only);
    else if (err == MAPA_OK && !write_only)
        err = lazy ? solve_lazy(md, out, o, lazy) : solve(md, out, o);
    mapa__glpk_hooks_off(0);
    dispose(md);
    free(md);
    return err;
}

mapa_err mapa__alloc_glpk(mapa_alloc *out, const mapa__alloc_problem *pr,
                          const mapa_alloc_options *o, bool full, bool soft, unsigned char *side)
{
    return with_model(pr, o, full, soft, soft ? NULL : side, out, NULL, NULL, NULL);
}

mapa_err mapa__alloc_glpk_fixed(mapa_alloc *out, const mapa__alloc_problem *pr,
                                const mapa_alloc_options *o, const unsigned char *xfix,
                                const unsigned char *ufix)
{
    return with_model(pr, o, false, false, NULL, out, NULL, xfix, ufix);
}

mapa_err mapa__alloc_write_lp(const mapa__alloc_problem *pr, const char *path, bool full)
{
    return with_model(pr, NULL, full, false, NULL, NULL, path, NULL, NULL);
}
