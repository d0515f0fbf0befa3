/*
 * The stage-session integer program (docs/schedule.md), built on the team-level
 * structure: a column per session and candidate slot (slots outside the window,
 * too small, or that a required person cannot attend are never columns), one
 * row per conflict-graph edge and candidate slot instead of one per person and
 * slot, and identical slots merged into one with several rooms. Objectives are
 * solved one level after another (each level's optimum fixed by a row before
 * the next), so the result is the lexicographic optimum, proven level by level.
 */
#include <mapa/schedule.h>

#include <glpk.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mapa/date.h>

#include "models/schedule_internal.h"
#include "models/util.h"
#include "solver/glpk_env.h"
#include "solver/glpk_matrix.h"
#include "solver/schedule_internal.h"

enum { LEVEL_SOFT, LEVEL_MOVES, LEVEL_CF, LEVEL_MEMBERS, LEVEL_EARLY, LEVEL_SPREAD, N_LEVELS };

typedef struct soft_row {
    int row, slack;
    size_t a, b, slot; /* sessions and a's slot */
} soft_row;

typedef struct sm {
    const mapa_partnership *p;
    const mapa_calendar *cal;
    const mapa_schedule_options *o;
    sess *s;
    size_t S;
    size_t (*pairs)[2];
    size_t n_pairs;
    glp_prob *P;
    mapa__triplets m;
    int *over;   /* per slot day index: column of sessions beyond the first */
    size_t n_days;
    int32_t *days;
    soft_row *soft;
    size_t n_soft, cap_soft;
    int n_rows;
    double deadline;
} sm;

static mapa_err oom(void)
{
    return mapa_error_set(MAPA_ENOMEM, "out of memory while scheduling the stage sessions");
}

static bool push_note(mapa_schedule *out, char *text)
{
    size_t cap = out->n_notes;
    if (!text || !mapa__grow((void **)&out->notes, &cap, out->n_notes + 1, sizeof *out->notes)) {
        free(text);
        return false;
    }
    out->notes[out->n_notes++] = text;
    return true;
}

/* The candidates of session s: slots in its window with seats, rooms and its required people. */
static mapa_err candidates(sm *c, sess *s)
{
    const mapa_calendar *cal = c->cal;
    const mapa_stage_window *w = &cal->windows[s->team * 2 + (size_t)s->g];
    s->c = malloc((cal->n_slots + 1) * sizeof *s->c);
    if (!s->c)
        return oom();
    size_t wanted_members = 0;
    for (size_t j = 0; j < s->n_inv; j++)
        wanted_members += s->inv[j].role == MAPA_ROLE_MEMBER &&
                          s->inv[j].attend != MAPA_ATTEND_OPTIONAL;
    for (size_t k = 0; k < cal->n_slots; k++) {
        const mapa_slot *slot = &cal->slots[k];
        if (slot->day < w->earliest || slot->day > w->latest || slot->capacity < s->n_inv)
            continue;
        cand x = {k, 0, 0, 0, (int)(slot->day - w->earliest)};
        bool ok = true;
        for (size_t j = 0; ok && j < s->n_inv; j++) {
            const mapa_invitee *v = &s->inv[j];
            bool av = mapa__member_available(cal, v->member, slot);
            if (!av && v->attend == MAPA_ATTEND_REQUIRED)
                ok = false;
            if (av && v->attend == MAPA_ATTEND_WANTED)
                *(v->role == MAPA_ROLE_CF ? &x.cf : &x.mem) += 1;
            if (av && v->attend == MAPA_ATTEND_REQUIRED && v->role == MAPA_ROLE_MEMBER)
                x.mem++;
        }
        size_t avail_members = 0;
        for (size_t j = 0; ok && c->o->member_share > 0 && j < s->n_inv; j++)
            if (s->inv[j].role == MAPA_ROLE_MEMBER && s->inv[j].attend != MAPA_ATTEND_OPTIONAL)
                avail_members += mapa__member_available(cal, s->inv[j].member, slot);
        if (ok && c->o->member_share > 0 &&
            (double)avail_members < c->o->member_share * (double)wanted_members - 1e-9)
            ok = false;
        if (ok)
            s->c[s->n_c++] = x;
    }
    return MAPA_OK;
}

static int cmp_pair(const void *a, const void *b)
{
    const size_t *x = a, *y = b;
    return x[0] != y[0] ? (x[0] < y[0] ? -1 : 1) : x[1] != y[1] ? (x[1] < y[1] ? -1 : 1) : 0;
}

/* The conflict graph: sessions of different teams that share a person. */
static mapa_err conflict_pairs(sm *c)
{
    size_t n = 0;
    for (size_t i = 0; i < c->S; i++)
        n += c->s[i].n_inv;
    size_t(*by)[2] = malloc((n + 1) * sizeof *by);
    if (!by)
        return oom();
    n = 0;
    for (size_t i = 0; i < c->S; i++)
        for (size_t j = 0; j < c->s[i].n_inv; j++) {
            by[n][0] = c->s[i].inv[j].member;
            by[n++][1] = i;
        }
    qsort(by, n, sizeof *by, cmp_pair);
    size_t cap = 0;
    for (size_t a = 0; a < n;) {
        size_t b = a;
        while (b < n && by[b][0] == by[a][0])
            b++;
        for (size_t x = a; x < b; x++)
            for (size_t y = x + 1; y < b; y++) {
                size_t i = by[x][1], j = by[y][1];
                if (c->s[i].team == c->s[j].team)
                    continue;
                if (c->n_pairs == cap &&
                    !mapa__grow((void **)&c->pairs, &cap, c->n_pairs + 1, sizeof *c->pairs)) {
                    free(by);
                    return oom();
                }
                c->pairs[c->n_pairs][0] = i < j ? i : j;
                c->pairs[c->n_pairs++][1] = i < j ? j : i;
            }
        a = b;
    }
    free(by);
    if (c->n_pairs)
        qsort(c->pairs, c->n_pairs, sizeof *c->pairs, cmp_pair);
    size_t w = 0;
    for (size_t k = 0; k < c->n_pairs; k++)
        if (w == 0 || cmp_pair(c->pairs[w - 1], c->pairs[k]) != 0)
            memcpy(c->pairs[w++], c->pairs[k], sizeof *c->pairs);
    c->n_pairs = w;
    return MAPA_OK;
}

static mapa_err put(sm *c, int row, int col, double v)
{
    return mapa__triplets_put(&c->m, row, col, v);
}

static int add_row(sm *c, int type, double lo, double hi)
{
    int r = glp_add_rows(c->P, 1);
    glp_set_row_bnds(c->P, r, type, lo, hi);
    return r;
}

static int add_col(sm *c, int kind, double lo, double hi)
{
    int j = glp_add_cols(c->P, 1);
    glp_set_col_kind(c->P, j, kind);
    if (kind != GLP_BV)
        glp_set_col_bnds(c->P, j, lo < hi ? GLP_DB : GLP_FX, lo, hi);
    return j;
}

static size_t day_index(const sm *c, int32_t day)
{
    size_t lo = 0, hi = c->n_days;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->days[mid] < day)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Order and gap of one team: evaluation at least min_gap days after decision, and after it. */
static mapa_err order_rows(sm *c, const sess *d, const sess *e, int32_t gap)
{
    const mapa_calendar *cal = c->cal;
    bool needed = false;
    for (size_t a = 0; !needed && a < d->n_c; a++)
        for (size_t b = 0; !needed && b < e->n_c; b++) {
            const mapa_slot *x = &cal->slots[d->c[a].slot], *y = &cal->slots[e->c[b].slot];
            bool before = x->day < y->day || (x->day == y->day && x->end <= y->start);
            needed = !before || y->day - x->day < gap;
        }
    if (!needed)
        return MAPA_OK;
    int32_t day0 = cal->slots[0].day;
    double big = (double)(cal->slots[cal->n_slots - 1].day - day0 + 2) * 1440;
    for (int kind = 0; kind < 2; kind++) {
        if (kind == 0 && gap <= 0)
            continue;
        int r = add_row(c, GLP_LO, kind == 0 ? gap : 0, 0);
        mapa_err err = MAPA_OK;
        for (size_t b = 0; err == MAPA_OK && b < e->n_c; b++) {
            const mapa_slot *y = &cal->slots[e->c[b].slot];
            err = put(c, r, e->c[b].col,
                      kind == 0 ? y->day - day0 : (double)(y->day - day0) * 1440 + y->start);
        }
        for (size_t a = 0; err == MAPA_OK && a < d->n_c; a++) {
            const mapa_slot *x = &cal->slots[d->c[a].slot];
            err = put(c, r, d->c[a].col,
                      -(kind == 0 ? x->day - day0 : (double)(x->day - day0) * 1440 + x->end));
        }
        if (err == MAPA_OK && d->unheld)
            err = put(c, r, d->unheld, big);
        if (err == MAPA_OK && e->unheld)
            err = put(c, r, e->unheld, big);
        if (err != MAPA_OK)
            return err;
    }
    return MAPA_OK;
}

/* Nobody in two sessions at once: per conflict edge (a, b) and slot of a, a's slot or b's. */
static mapa_err conflict_rows(sm *c)
{
    const mapa_calendar *cal = c->cal;
    for (size_t q = 0; q < c->n_pairs; q++) {
        sess *a = &c->s[c->pairs[q][0]], *b = &c->s[c->pairs[q][1]];
        for (size_t x = 0; x < a->n_c; x++) {
            const mapa_slot *ka = &cal->slots[a->c[x].slot];
            int r = 0;
            for (size_t y = 0; y < b->n_c; y++) {
                if (!mapa__slots_clash(ka, &cal->slots[b->c[y].slot], c->o->travel_minutes))
                    continue;
                if (!r) {
                    r = add_row(c, GLP_UP, 0, 1);
                    if (put(c, r, a->c[x].col, 1) != MAPA_OK)
                        return oom();
                }
                if (put(c, r, b->c[y].col, 1) != MAPA_OK)
                    return oom();
            }
            if (r && c->o->soft) {
                int v = add_col(c, GLP_BV, 0, 1);
                if (put(c, r, v, -1) != MAPA_OK ||
                    (c->n_soft == c->cap_soft &&
                     !mapa__grow((void **)&c->soft, &c->cap_soft, c->n_soft + 1, sizeof *c->soft)))
                    return oom();
                c->soft[c->n_soft++] = (soft_row){r, v, c->pairs[q][0], c->pairs[q][1],
                                                  a->c[x].slot};
            }
        }
    }
    return MAPA_OK;
}

/* Rooms per slot, and the sessions beyond the first of each day (the spread). */
static mapa_err slot_rows(sm *c)
{
    const mapa_calendar *cal = c->cal;
    size_t *uses = calloc(cal->n_slots + 1, sizeof *uses);
    size_t *per_day = calloc(c->n_days + 1, sizeof *per_day);
    int *room_row = calloc(cal->n_slots + 1, sizeof *room_row);
    int *day_row = calloc(c->n_days + 1, sizeof *day_row);
    c->over = calloc(c->n_days + 1, sizeof *c->over);
    mapa_err err = uses && per_day && room_row && day_row && c->over ? MAPA_OK : oom();
    for (size_t i = 0; err == MAPA_OK && i < c->S; i++)
        for (size_t x = 0; x < c->s[i].n_c; x++) {
            uses[c->s[i].c[x].slot]++;
            per_day[day_index(c, cal->slots[c->s[i].c[x].slot].day)]++;
        }
    for (size_t i = 0; err == MAPA_OK && i < c->S; i++)
        for (size_t x = 0; err == MAPA_OK && x < c->s[i].n_c; x++) {
            size_t k = c->s[i].c[x].slot, d = day_index(c, cal->slots[k].day);
            if (uses[k] > cal->slots[k].rooms) {
                if (!room_row[k])
                    room_row[k] = add_row(c, GLP_UP, 0, (double)cal->slots[k].rooms);
                err = put(c, room_row[k], c->s[i].c[x].col, 1);
            }
            if (err == MAPA_OK && per_day[d] > 1) {
                if (!day_row[d]) {
                    day_row[d] = add_row(c, GLP_UP, 0, 1);
                    c->over[d] = add_col(c, GLP_IV, 0, (double)c->S);
                    err = put(c, day_row[d], c->over[d], -1);
                }
                if (err == MAPA_OK)
                    err = put(c, day_row[d], c->s[i].c[x].col, 1);
            }
        }
    free(uses);
    free(per_day);
    free(room_row);
    free(day_row);
    return err;
}

static mapa_err build(sm *c)
{
    c->P = glp_create_prob();
    glp_set_obj_dir(c->P, GLP_MAX);
    mapa_err err = MAPA_OK;
    for (size_t i = 0; err == MAPA_OK && i < c->S; i++) {
        sess *s = &c->s[i];
        int r = add_row(c, GLP_FX, 1, 1);
        for (size_t x = 0; err == MAPA_OK && x < s->n_c; x++) {
            s->c[x].col = add_col(c, GLP_BV, 0, 1);
            err = put(c, r, s->c[x].col, 1);
        }
        if (err == MAPA_OK && c->o->soft) {
            s->unheld = add_col(c, GLP_BV, 0, 1);
            err = put(c, r, s->unheld, 1);
        }
    }
    for (size_t t = 0; err == MAPA_OK && t < c->S / 2; t++)
        err = order_rows(c, &c->s[2 * t], &c->s[2 * t + 1], c->cal->windows[2 * t + 1].min_gap);
    if (err == MAPA_OK)
        err = conflict_rows(c);
    if (err == MAPA_OK)
        err = slot_rows(c);
    if (err == MAPA_OK)
        mapa__triplets_load(&c->m, c->P);
    return err;
}

/* Level L's objective: its coefficients on the columns, and the sense (true: maximise). */
static bool level_objective(sm *c, int level, double *coef, int n_cols)
{
    memset(coef, 0, ((size_t)n_cols + 1) * sizeof *coef);
    const mapa_schedule_options *o = c->o;
    bool all = level == N_LEVELS; /* the weighted sum of every level */
    for (size_t i = 0; i < c->S; i++) {
        sess *s = &c->s[i];
        for (size_t x = 0; x < s->n_c; x++) {
            double v = 0;
            if (level == LEVEL_CF || all)
                v += (all ? o->w_cf : 1) * s->c[x].cf;
            if (level == LEVEL_MEMBERS || all)
                v += (all ? o->w_members : 1) * s->c[x].mem;
            if (level == LEVEL_EARLY || all)
                v -= (all ? o->w_early : 1) * s->c[x].early;
            if ((level == LEVEL_MOVES || all) && o->previous && o->previous[i] == s->c[x].slot)
                v += all ? o->w_move : 1; /* kept in place: not moved */
            coef[s->c[x].col] = v;
        }
        if (s->unheld && (level == LEVEL_SOFT || all))
            coef[s->unheld] = -(all ? 1e6 : 10);
    }
    for (size_t d = 0; d < c->n_days; d++)
        if (c->over[d] && (level == LEVEL_SPREAD || all))
            coef[c->over[d]] = -(all ? o->w_spread : 1);
    for (size_t k = 0; k < c->n_soft; k++)
        if (level == LEVEL_SOFT || all)
            coef[c->soft[k].slack] = -(all ? 1e5 : 1);
    return true;
}

static bool level_used(const sm *c, int level)
{
    if (level == LEVEL_SOFT)
        return c->o->soft;
    if (level == LEVEL_MOVES)
        return c->o->previous != NULL;
    return true;
}

static double remaining(const sm *c)
{
    return c->deadline > 0 ? c->deadline - mapa__now() : INFINITY;
}

/* One MIP solve from the current LP basis; returns GLPK's status (GLP_OPT, GLP_FEAS, ...). */
static int solve_once(sm *c, bool *timed_out)
{
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = c->o->log ? GLP_MSG_ERR : GLP_MSG_OFF;
    double left = remaining(c);
    if (left <= 0) {
        *timed_out = true;
        return GLP_UNDEF;
    }
    sp.tm_lim = left < 2e6 ? (int)fmax(1, left * 1000) : INT32_MAX;
    int ret = glp_simplex(c->P, &sp);
    if (ret == GLP_ETMLIM) {
        *timed_out = true;
        return GLP_UNDEF;
    }
    if (ret != 0 || glp_get_status(c->P) == GLP_NOFEAS)
        return GLP_NOFEAS;
    glp_iocp ip;
    glp_init_iocp(&ip);
    ip.msg_lev = c->o->log ? GLP_MSG_ON : GLP_MSG_OFF;
    ip.presolve = GLP_OFF;
    ip.gmi_cuts = GLP_ON;
    ip.clq_cuts = GLP_ON;
    left = remaining(c);
    ip.tm_lim = left < 2e6 ? (int)fmax(1, left * 1000) : INT32_MAX;
    ret = glp_intopt(c->P, &ip);
    if (ret == GLP_ETMLIM)
        *timed_out = true;
    return glp_mip_status(c->P);
}

static size_t find_slot(const sess *s, int col_value_slot)
{
    (void)s;
    return (size_t)col_value_slot;
}

/* Read the incumbent into out's sessions and figures. */
static mapa_err extract(sm *c, mapa_schedule *out)
{
    const mapa_calendar *cal = c->cal;
    for (size_t i = 0; i < c->S; i++) {
        sess *s = &c->s[i];
        mapa_session *d = &out->sessions[i];
        d->slot = MAPA_NONE;
        for (size_t x = 0; x < s->n_c; x++)
            if (glp_mip_col_val(c->P, s->c[x].col) > 0.5)
                d->slot = find_slot(s, (int)s->c[x].slot);
        d->invitees = s->inv;
        d->n_invitees = s->n_inv;
        s->inv = NULL;
        for (size_t j = 0; j < d->n_invitees; j++) {
            mapa_invitee *v = &d->invitees[j];
            v->available = d->slot != MAPA_NONE &&
                           mapa__member_available(cal, v->member, &cal->slots[d->slot]);
            if (v->attend == MAPA_ATTEND_OPTIONAL)
                continue;
            if (v->role == MAPA_ROLE_CF) {
                out->cf_wanted++;
                out->cf_attending += v->available;
            } else if (v->role == MAPA_ROLE_MEMBER) {
                out->members_wanted++;
                out->members_attending += v->available;
            }
        }
        if (d->slot != MAPA_NONE)
            out->earliness += cal->slots[d->slot].day - cal->windows[i].earliest;
        if (c->o->previous) {
            d->moved = d->slot != c->o->previous[i];
            out->moves += d->moved;
        }
        if (d->slot == MAPA_NONE && c->o->soft) {
            out->relaxations++;
            if (!push_note(out, mapa__format("relaxed: %s's %s gets no slot",
                                             c->p->topics[d->team].name,
                                             mapa_session_stage_name(d->stage))))
                return oom();
        }
    }
    for (size_t d = 0; d < c->n_days; d++)
        if (c->over[d])
            out->busy_days_over += (size_t)lround(glp_mip_col_val(c->P, c->over[d]));
    for (size_t k = 0; k < c->n_soft; k++) {
        const soft_row *r = &c->soft[k];
        if (glp_mip_col_val(c->P, r->slack) < 0.5)
            continue;
        const mapa_session *a = &out->sessions[r->a], *b = &out->sessions[r->b];
        if (a->slot != r->slot || b->slot == MAPA_NONE)
            continue;
        /* name the people in both */
        for (size_t x = 0; x < a->n_invitees; x++)
            for (size_t y = 0; y < b->n_invitees; y++) {
                if (a->invitees[x].member != b->invitees[y].member)
                    continue;
                char date[11];
                mapa_date_format(cal->slots[a->slot].day, date);
                out->relaxations++;
                if (!push_note(out,
                               mapa__format("relaxed: %s is in %s's %s and %s's %s at once, on %s",
                                            c->p->members[a->invitees[x].member].name,
                                            c->p->topics[a->team].name,
                                            mapa_session_stage_name(a->stage),
                                            c->p->topics[b->team].name,
                                            mapa_session_stage_name(b->stage), date)))
                    return oom();
            }
    }
    return MAPA_OK;
}

/* Fix level L at its optimum before the next: the level's value is an integer. */
static void fix_level(sm *c, const double *coef, int n_cols, double value)
{
    int *ind = malloc(((size_t)n_cols + 1) * sizeof *ind);
    double *val = malloc(((size_t)n_cols + 1) * sizeof *val);
    if (!ind || !val) {
        free(ind);
        free(val);
        return; /* the next level is then only less constrained: reported by the checker */
    }
    int len = 0;
    for (int j = 1; j <= n_cols; j++)
        if (coef[j] != 0) {
            ind[++len] = j;
            val[len] = coef[j];
        }
    if (len) {
        int r = glp_add_rows(c->P, 1);
        glp_set_mat_row(c->P, r, len, ind, val);
        glp_set_row_bnds(c->P, r, GLP_LO, value - 0.5, 0); /* every level is maximised */
    }
    free(ind);
    free(val);
}

static mapa_err levels(sm *c, mapa_schedule *out)
{
    int n_cols = glp_get_num_cols(c->P);
    double *coef = malloc(((size_t)n_cols + 1) * sizeof *coef);
    if (!coef)
        return oom();
    if (c->o->max_moves != MAPA_UNLIMITED && c->o->previous) {
        level_objective(c, LEVEL_MOVES, coef, n_cols);
        fix_level(c, coef, n_cols, (double)c->S - (double)c->o->max_moves);
    }
    bool timed_out = false, have = false;
    int first = c->o->weighted ? N_LEVELS : 0, last = c->o->weighted ? N_LEVELS : N_LEVELS - 1;
    double obj = 0;
    for (int L = first; L <= last; L++) {
        if (L < N_LEVELS && !level_used(c, L))
            continue;
        level_objective(c, L, coef, n_cols);
        for (int j = 1; j <= n_cols; j++)
            glp_set_obj_coef(c->P, j, coef[j]);
        double t_level = mapa__now();
        int st = solve_once(c, &timed_out);
        if (getenv("MAPA_SCHEDULE_TRACE"))
            fprintf(stderr, "level %d: status %d obj %g %.3f s\n", L, st, glp_mip_obj_val(c->P), mapa__now() - t_level);
        if (st != GLP_OPT && st != GLP_FEAS) {
            if (!have) {
                out->status = timed_out ? MAPA_STATUS_TIME_LIMIT : MAPA_STATUS_INFEASIBLE;
                free(coef);
                return MAPA_OK;
            }
            break; /* keep the previous level's incumbent: it is still in GLPK's solution */
        }
        have = true;
        obj = glp_mip_obj_val(c->P);
        out->nodes += 0;
        if (timed_out || st != GLP_OPT) {
            double bound = glp_get_obj_val(c->P);
            out->bound = bound;
            out->gap = fabs(bound - obj) / fmax(1e-9, fabs(obj));
            out->status = MAPA_STATUS_TIME_LIMIT;
            break;
        }
        out->status = MAPA_STATUS_OPTIMAL;
        out->bound = obj;
        out->gap = 0;
        if (L < last)
            fix_level(c, coef, n_cols, obj);
    }
    out->objective = obj;
    free(coef);
    return extract(c, out);
}

static void sm_dispose(sm *c)
{
    for (size_t i = 0; i < c->S; i++) {
        free(c->s[i].inv);
        free(c->s[i].c);
    }
    free(c->s);
    free(c->pairs);
    free(c->over);
    free(c->days);
    free(c->soft);
    mapa__triplets_dispose(&c->m);
    if (c->P)
        glp_delete_prob(c->P);
}

static mapa_err prepare(sm *c, const size_t *team, const size_t *spoc, const mapa_cf *cf)
{
    c->S = c->p->n_topics * 2;
    c->s = calloc(c->S + 1, sizeof *c->s);
    c->days = malloc((c->cal->n_slots + 1) * sizeof *c->days);
    if (!c->s || !c->days)
        return oom();
    for (size_t k = 0; k < c->cal->n_slots; k++)
        if (c->n_days == 0 || c->days[c->n_days - 1] != c->cal->slots[k].day)
            c->days[c->n_days++] = c->cal->slots[k].day;
    for (size_t i = 0; i < c->S; i++) {
        sess *s = &c->s[i];
        s->team = i / 2;
        s->g = (int)(i % 2);
        mapa_err err = mapa__session_invitees(&s->inv, &s->n_inv, c->p, team, spoc, cf, s->team,
                                              s->g, c->o);
        if (err == MAPA_OK)
            err = candidates(c, s);
        if (err != MAPA_OK)
            return err;
    }
    return conflict_pairs(c);
}

static mapa_err guarded(sm *c, mapa_schedule *out)
{
    mapa__glpk_guard guard = {.log = c->o->log, .payload = c->o->payload};
    mapa__glpk_hooks_on(&guard);
    if (setjmp(guard.jump)) {
        mapa__glpk_hooks_off(1);
        c->P = NULL;
        return mapa_error_set(MAPA_EDEPENDENCY, "GLPK stopped with an internal error");
    }
    mapa_err err = build(c);
    if (err == MAPA_OK) {
        out->columns = (size_t)glp_get_num_cols(c->P);
        out->rows = (size_t)glp_get_num_rows(c->P);
    }
    if (err == MAPA_OK && c->o->write_lp && glp_write_lp(c->P, NULL, c->o->write_lp) != 0)
        err = mapa_error_set(MAPA_EIO, "%s: cannot write the model", c->o->write_lp);
    if (err == MAPA_OK)
        err = levels(c, out);
    mapa__glpk_hooks_off(0);
    return err;
}

mapa_err mapa_schedule_solve(mapa_schedule *out, const mapa_partnership *p, const size_t *team,
                             const size_t *spoc, const mapa_cf *cf, const mapa_calendar *cal,
                             const mapa_schedule_options *o)
{
    double t0 = mapa__now();
    mapa_schedule r = MAPA_SCHEDULE_INIT;
    sm c = {.p = p, .cal = cal, .o = o};
    if (o->time_limit > 0)
        c.deadline = t0 + o->time_limit;
    mapa_err err = cal->n_slots == 0 ? mapa_error_set(MAPA_EINVAL, "the calendar has no slot")
                                     : prepare(&c, team, spoc, cf);
    if (err == MAPA_OK) {
        r.n_sessions = c.S;
        r.sessions = calloc(c.S + 1, sizeof *r.sessions);
        if (!r.sessions)
            err = oom();
        for (size_t i = 0; err == MAPA_OK && i < c.S; i++)
            r.sessions[i] = (mapa_session){c.s[i].team, c.s[i].g, MAPA_NONE, false, NULL, 0};
        r.conflict_pairs = c.n_pairs;
        r.slot_groups = cal->n_slots;
    }
    if (err == MAPA_OK && !o->soft)
        err = mapa__schedule_diagnose(&r, p, cal, o, c.s, c.S);
    if (err == MAPA_OK && (r.n_notes == 0 || o->soft))
        err = guarded(&c, &r);
    if (err == MAPA_OK && r.status == MAPA_STATUS_INFEASIBLE && !o->soft && r.n_notes == 0)
        err = mapa__schedule_explain(&r, p, team, spoc, cf, cal, o);
    sm_dispose(&c);
    r.seconds = mapa__now() - t0;
    if (err != MAPA_OK) {
        mapa_schedule_dispose(&r);
        return err;
    }
    if (r.status == MAPA_STATUS_INFEASIBLE)
        for (size_t i = 0; i < r.n_sessions; i++)
            r.sessions[i].slot = MAPA_NONE;
    *out = r;
    return MAPA_OK;
}
