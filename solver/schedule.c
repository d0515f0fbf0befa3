/*
 * The stage-session integer program (docs/schedule.md), built on the team-level
 * structure: a column per session and candidate slot (slots outside the window,
 * too small, or that a required person cannot attend are never columns), one
 * row per conflict-graph edge and candidate slot instead of one per person and
 * slot, and identical slots merged into one with several rooms. Objectives are
 * solved one level after another (each level's optimum fixed by a row before
 * the next), so the result is the lexicographic optimum, proven level by level.
 * Before it: a first schedule (schedule_heur.c) and the exact relaxation by
 * days (schedule_days.c), which most often proves the optimum on its own.
 */
#include <mapa/schedule.h>

#include <glpk.h>
#include <math.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <mapa/date.h>

#include "models/schedule_internal.h"
#include "models/util.h"
#include "solver/glpk_env.h"
#include "solver/glpk_matrix.h"
#include "solver/schedule_internal.h"

enum { LEVEL_SOFT, LEVEL_MOVES, LEVEL_CF, LEVEL_MEMBERS, LEVEL_EARLY, LEVEL_SPREAD, N_LEVELS };

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
    int peak;    /* the column of the most sessions held on one day */
    size_t n_days;
    int32_t *days;
    int *soft; /* slack columns of the rules --soft may break */
    size_t n_soft, cap_soft;
    int n_rows;
    double deadline;
    double outer_bound; /* weighted: the relaxation by days' bound, or INFINITY */
    double *best; /* the last level's incumbent, per column */
    size_t *uoff; /* unavailable.csv lines of member m: un[uoff[m]] to un[uoff[m + 1]] */
    const mapa_unavailable **un;
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

/* Whether member m is free for the slot; O(lines of m) with the index built in prepare(). */
static bool avail(const sm *c, size_t m, const mapa_slot *slot)
{
    for (size_t k = c->uoff[m]; k < c->uoff[m + 1]; k++) {
        const mapa_unavailable *u = c->un[k];
        if (slot->day >= u->from && slot->day <= u->to && slot->start < u->end &&
            u->start < slot->end)
            return false;
    }
    return true;
}

static mapa_err index_unavailable(sm *c)
{
    size_t n = c->p->n_members, nu = c->cal->n_unavailable;
    c->uoff = calloc(n + 2, sizeof *c->uoff);
    c->un = malloc((nu + 1) * sizeof *c->un);
    if (!c->uoff || !c->un)
        return oom();
    for (size_t k = 0; k < nu; k++)
        c->uoff[c->cal->unavailable[k].member + 2]++;
    for (size_t m = 0; m < n; m++)
        c->uoff[m + 2] += c->uoff[m + 1];
    for (size_t k = 0; k < nu; k++)
        c->un[c->uoff[c->cal->unavailable[k].member + 1]++] = &c->cal->unavailable[k];
    return MAPA_OK;
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
            bool av = avail(c, v->member, slot);
            if (!av && v->attend == MAPA_ATTEND_REQUIRED)
                ok = false;
            /* the figures extract() reports: places of members and CFs, attended */
            if (av && v->attend != MAPA_ATTEND_OPTIONAL && v->role != MAPA_ROLE_SPOC)
                *(v->role == MAPA_ROLE_CF ? &x.cf : &x.mem) += 1;
        }
        size_t avail_members = 0;
        for (size_t j = 0; ok && c->o->member_share > 0 && j < s->n_inv; j++)
            if (s->inv[j].role == MAPA_ROLE_MEMBER && s->inv[j].attend != MAPA_ATTEND_OPTIONAL)
                avail_members += avail(c, s->inv[j].member, slot);
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

/*
 * Order and gap of one team, without a big-M: for each Decision-making slot,
 * that slot or the Evaluation slots too early for it. Rows only where some
 * pair is out of order (windows far apart need none).
 */
static mapa_err order_rows(sm *c, const sess *d, const sess *e, int32_t gap)
{
    const mapa_calendar *cal = c->cal;
    for (size_t a = 0; a < d->n_c; a++) {
        const mapa_slot *x = &cal->slots[d->c[a].slot];
        int r = 0;
        for (size_t b = 0; b < e->n_c; b++) {
            if (mapa__sched_in_order(x, &cal->slots[e->c[b].slot], gap))
                continue;
            if (!r) {
                r = add_row(c, GLP_UP, 0, 1);
                if (put(c, r, d->c[a].col, 1) != MAPA_OK)
                    return oom();
            }
            if (put(c, r, e->c[b].col, 1) != MAPA_OK)
                return oom();
        }
    }
    return MAPA_OK;
}

static bool overlap(const mapa_slot *a, const mapa_slot *b)
{
    return a->day == b->day && a->start < b->end && b->start < a->end;
}

/* A slack column on row r (soft): the rule may break, at a cost per session too many. */
static mapa_err soften(sm *c, int r, double most)
{
    if (!c->o->soft)
        return MAPA_OK;
    int v = add_col(c, GLP_IV, 0, most);
    if (c->n_soft == c->cap_soft &&
        !mapa__grow((void **)&c->soft, &c->cap_soft, c->n_soft + 1, sizeof *c->soft))
        return oom();
    c->soft[c->n_soft++] = v;
    return put(c, r, v, -1);
}

/*
 * Nobody in two sessions at once, as cliques: for each person's set of sessions
 * (sets kept once, subsets dropped) and each moment a candidate slot starts,
 * at most one of the set's sessions in a slot running then. Two intervals
 * overlap exactly when one contains the other's start, so these rows forbid
 * every overlap; pairs kept apart only by travel time get a row per pair.
 */
static mapa_err clique_rows(sm *c, const size_t *set, size_t n_set, size_t *ent, int *ind,
                            double *val)
{
    const mapa_calendar *cal = c->cal;
    size_t prev_len = 0;
    int32_t prev_day = INT32_MIN;
    for (size_t a = 0; a < n_set; a++)
        for (size_t x = 0; x < c->s[set[a]].n_c; x++) {
            const mapa_slot *tau = &cal->slots[c->s[set[a]].c[x].slot];
            size_t len = 0;
            bool two = false;
            size_t first_sess = MAPA_NONE;
            for (size_t b = 0; b < n_set; b++)
                for (size_t y = 0; y < c->s[set[b]].n_c; y++) {
                    const mapa_slot *k = &cal->slots[c->s[set[b]].c[y].slot];
                    if (k->day != tau->day || k->start > tau->start || k->end <= tau->start)
                        continue;
                    if (first_sess == MAPA_NONE)
                        first_sess = set[b];
                    two |= set[b] != first_sess;
                    ind[len + 1] = c->s[set[b]].c[y].col;
                    val[len + 1] = 1;
                    len++;
                }
            if (!two)
                continue;
            /* the same clique as the last row (another start inside it): skip */
            bool same = prev_day == tau->day && len == prev_len;
            for (size_t k = 0; same && k < len; k++)
                same = (size_t)ind[k + 1] == ent[k];
            if (same)
                continue;
            for (size_t k = 0; k < len; k++)
                ent[k] = (size_t)ind[k + 1];
            prev_len = len;
            prev_day = tau->day;
            int r = add_row(c, GLP_UP, 0, 1);
            for (size_t k = 0; k < len; k++)
                if (put(c, r, ind[k + 1], 1) != MAPA_OK)
                    return oom();
            mapa_err err = soften(c, r, (double)n_set);
            if (err != MAPA_OK)
                return err;
        }
    return MAPA_OK;
}

static mapa_err travel_rows(sm *c)
{
    const mapa_calendar *cal = c->cal;
    for (size_t q = 0; c->o->travel_minutes > 0 && q < c->n_pairs; q++) {
        sess *a = &c->s[c->pairs[q][0]], *b = &c->s[c->pairs[q][1]];
        for (size_t x = 0; x < a->n_c; x++) {
            const mapa_slot *ka = &cal->slots[a->c[x].slot];
            int r = 0;
            for (size_t y = 0; y < b->n_c; y++) {
                const mapa_slot *kb = &cal->slots[b->c[y].slot];
                if (overlap(ka, kb) || !mapa__slots_clash(ka, kb, c->o->travel_minutes))
                    continue;
                if (!r) {
                    r = add_row(c, GLP_UP, 0, 1);
                    if (put(c, r, a->c[x].col, 1) != MAPA_OK || soften(c, r, 1) != MAPA_OK)
                        return oom();
                }
                if (put(c, r, b->c[y].col, 1) != MAPA_OK)
                    return oom();
            }
        }
    }
    return MAPA_OK;
}

static int cmp_set(const void *a, const void *b)
{
    const size_t *x = *(const size_t *const *)a, *y = *(const size_t *const *)b;
    for (size_t k = 0;; k++) {
        if (x[k] != y[k])
            return x[k] < y[k] ? -1 : 1;
        if (x[k] == MAPA_NONE)
            return 0;
    }
}

/* Whether sorted set a (MAPA_NONE-terminated) is inside sorted set b. */
static bool subset(const size_t *a, const size_t *b)
{
    for (; *a != MAPA_NONE; a++) {
        while (*b != MAPA_NONE && *b < *a)
            b++;
        if (*b != *a)
            return false;
    }
    return true;
}

static mapa_err conflict_rows(sm *c)
{
    /* each person's sessions, as a MAPA_NONE-terminated sorted list */
    size_t n_members = c->p->n_members, total = 0;
    size_t *count = calloc(n_members + 1, sizeof *count);
    mapa_err err = count ? MAPA_OK : oom();
    for (size_t i = 0; err == MAPA_OK && i < c->S; i++)
        for (size_t j = 0; j < c->s[i].n_inv; j++)
            count[c->s[i].inv[j].member]++;
    for (size_t m = 0; err == MAPA_OK && m < n_members; m++)
        total += count[m] + 1;
    size_t *pool = err == MAPA_OK ? malloc((total + 1) * sizeof *pool) : NULL;
    size_t **sets = err == MAPA_OK ? malloc((n_members + 1) * sizeof *sets) : NULL;
    size_t *fill = err == MAPA_OK ? calloc(n_members + 1, sizeof *fill) : NULL;
    if (err == MAPA_OK && (!pool || !sets || !fill))
        err = oom();
    size_t n_sets = 0, maxlen = 0;
    if (err == MAPA_OK) {
        size_t off = 0;
        for (size_t m = 0; m < n_members; m++) {
            sets[m] = pool + off;
            off += count[m] + 1;
            maxlen = count[m] > maxlen ? count[m] : maxlen;
        }
        for (size_t i = 0; i < c->S; i++) /* sessions in order: each list comes out sorted */
            for (size_t j = 0; j < c->s[i].n_inv; j++) {
                size_t m = c->s[i].inv[j].member;
                sets[m][fill[m]++] = i;
            }
        for (size_t m = 0; m < n_members; m++) {
            sets[m][fill[m]] = MAPA_NONE;
            bool teams = fill[m] > 0 && c->s[sets[m][0]].team != c->s[sets[m][fill[m] - 1]].team;
            if (teams)
                sets[n_sets++] = sets[m];
        }
        qsort(sets, n_sets, sizeof *sets, cmp_set);
    }
    size_t total_c = 0;
    for (size_t i = 0; i < c->S; i++)
        total_c += c->s[i].n_c;
    size_t *ent = err == MAPA_OK ? malloc((total_c + 1) * sizeof *ent) : NULL;
    int *ind = err == MAPA_OK ? malloc((total_c + 2) * sizeof *ind) : NULL;
    double *val = err == MAPA_OK ? malloc((total_c + 2) * sizeof *val) : NULL;
    if (err == MAPA_OK && (!ent || !ind || !val))
        err = oom();
    for (size_t k = 0; err == MAPA_OK && k < n_sets; k++) {
        if (k > 0 && cmp_set(&sets[k - 1], &sets[k]) == 0)
            continue;
        bool inside = false; /* a subset of a longer set: its rows are implied */
        size_t len = 0;
        while (sets[k][len] != MAPA_NONE)
            len++;
        for (size_t j = 0; !inside && j < n_sets; j++)
            inside = j != k && cmp_set(&sets[j], &sets[k]) != 0 && subset(sets[k], sets[j]);
        if (!inside)
            err = clique_rows(c, sets[k], len, ent, ind, val);
    }
    (void)maxlen;
    if (err == MAPA_OK)
        err = travel_rows(c);
    free(count);
    free(pool);
    free(sets);
    free(fill);
    free(ent);
    free(ind);
    free(val);
    return err;
}

/* Rooms per slot, and the busiest day's sessions (the spread: the peak is minimised). */
static mapa_err slot_rows(sm *c)
{
    const mapa_calendar *cal = c->cal;
    size_t *uses = calloc(cal->n_slots + 1, sizeof *uses);
    size_t *per_day = calloc(c->n_days + 1, sizeof *per_day);
    int *room_row = calloc(cal->n_slots + 1, sizeof *room_row);
    int *day_row = calloc(c->n_days + 1, sizeof *day_row);
    mapa_err err = uses && per_day && room_row && day_row ? MAPA_OK : oom();
    for (size_t i = 0; err == MAPA_OK && i < c->S; i++)
        for (size_t x = 0; x < c->s[i].n_c; x++) {
            uses[c->s[i].c[x].slot]++;
            per_day[day_index(c, cal->slots[c->s[i].c[x].slot].day)]++;
        }
    if (err == MAPA_OK)
        c->peak = add_col(c, GLP_IV, 0, (double)c->S);
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
                    day_row[d] = add_row(c, GLP_UP, 0, 0);
                    err = put(c, day_row[d], c->peak, -1);
                }
                if (err == MAPA_OK)
                    err = put(c, day_row[d], c->s[i].c[x].col, 1);
            }
        }
    if (err == MAPA_OK) { /* one session on a day at least, when any is held */
        int r = add_row(c, GLP_LO, c->o->soft ? 0 : 1, 0);
        err = put(c, r, c->peak, 1);
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
    if (c->peak && (level == LEVEL_SPREAD || all))
        coef[c->peak] = -(all ? o->w_spread : 1);
    for (size_t k = 0; k < c->n_soft; k++)
        if (level == LEVEL_SOFT || all)
            coef[c->soft[k]] = -(all ? 1e5 : 1);
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

/* What the branch-and-cut callback knows: the first incumbent, and the proof. */
typedef struct search {
    const double *start; /* a feasible point for GLPK's first incumbent, or NULL */
    double outer;        /* a bound known before the search (days first), or INFINITY */
    bool given, rejected, integral, proven, have_bound;
    double bound;
} search;

/*
 * The callback: hand GLPK the start point at its first heuristic call, and,
 * when every objective coefficient and column is integer, stop as soon as no
 * open node can beat the incumbent by 1 (the optimum is then proven).
 */
static void on_search(glp_tree *tree, void *info)
{
    search *w = info;
    if (glp_ios_reason(tree) == GLP_IHEUR && w->start && !w->given) {
        w->given = true;
        if (glp_ios_heur_sol(tree, w->start) != 0) { /* then tol_obj is not safe: start again */
            w->rejected = true;
            glp_ios_terminate(tree);
            return;
        }
    }
    int node = glp_ios_best_node(tree);
    if (!node)
        return;
    w->bound = fmin(glp_ios_node_bound(tree, node), w->outer);
    w->have_bound = true;
    glp_prob *mip = glp_ios_get_prob(tree);
    if (w->integral && glp_mip_status(mip) == GLP_FEAS &&
        floor(w->bound + 1e-6) <= glp_mip_obj_val(mip) + 1e-6) {
        w->proven = true;
        glp_ios_terminate(tree);
    }
}

/* Whether x (per column) keeps every row and bound of P: a start GLPK may trust. */
bool mapa__feasible_point(glp_prob *P, const double *x)
{
    int n = glp_get_num_cols(P), m = glp_get_num_rows(P);
    int *ind = malloc(((size_t)n + 1) * sizeof *ind);
    double *val = malloc(((size_t)n + 1) * sizeof *val);
    bool ok = ind && val;
    for (int j = 1; ok && j <= n; j++) {
        int t = glp_get_col_type(P, j);
        double lo = glp_get_col_lb(P, j), hi = glp_get_col_ub(P, j);
        ok = !((t == GLP_LO || t == GLP_DB || t == GLP_FX) && x[j] < lo - 1e-9) &&
             !((t == GLP_UP || t == GLP_DB || t == GLP_FX) && x[j] > hi + 1e-9) &&
             fabs(x[j] - floor(x[j] + 0.5)) < 1e-9;
    }
    for (int i = 1; ok && i <= m; i++) {
        int len = glp_get_mat_row(P, i, ind, val);
        double a = 0;
        for (int k = 1; k <= len; k++)
            a += val[k] * x[ind[k]];
        int t = glp_get_row_type(P, i);
        double lo = glp_get_row_lb(P, i), hi = glp_get_row_ub(P, i);
        ok = !((t == GLP_LO || t == GLP_DB || t == GLP_FX) && a < lo - 1e-6) &&
             !((t == GLP_UP || t == GLP_DB || t == GLP_FX) && a > hi + 1e-6);
    }
    free(ind);
    free(val);
    return ok;
}

/* Whether every column is integer and every objective coefficient too. */
static bool integral_objective(glp_prob *P)
{
    for (int j = 1; j <= glp_get_num_cols(P); j++) {
        double v = glp_get_obj_coef(P, j);
        if (glp_get_col_kind(P, j) == GLP_CV || v != floor(v) || fabs(v) > 1e12)
            return false;
    }
    return true;
}

/*
 * One MIP solve from the current LP basis, from `start` when it is a feasible
 * point (or NULL); returns GLPK's status (GLP_OPT, GLP_FEAS, ...). With an
 * integer objective, nodes that cannot beat the incumbent by 1 are pruned
 * (tol_obj) and the search stops once the bound's floor is reached: exact.
 */
static int solve_once(sm *c, const double *start, bool *timed_out, search *w)
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
    bool integral = integral_objective(c->P);
    if (start && !mapa__feasible_point(c->P, start))
        start = NULL;
    for (int attempt = 0; attempt < 2; attempt++) {
        *w = (search){.integral = integral, .start = attempt ? NULL : start,
                      .outer = c->o->weighted ? c->outer_bound : INFINITY};
        glp_iocp ip;
        glp_init_iocp(&ip);
        ip.msg_lev = c->o->log ? GLP_MSG_ON : GLP_MSG_OFF;
        ip.presolve = GLP_OFF;
        ip.clq_cuts = GLP_ON; /* the conflict rows are cliques; GLPK's clique cuts find more */
        ip.cb_func = on_search;
        ip.cb_info = w;
        if (integral && w->start) {
            /* prune nodes that cannot gain 1 on the incumbent z: GLPK's eps is
             * tol_obj (1 + |z|), and start <= z <= root bound keeps it under 0.5 */
            double z0 = 0;
            for (int j = 1; j <= glp_get_num_cols(c->P); j++)
                z0 += glp_get_obj_coef(c->P, j) * w->start[j];
            double big = fmax(fabs(z0), fabs(glp_get_obj_val(c->P)));
            ip.tol_obj = 0.5 / (1 + big);
        }
        left = remaining(c);
        ip.tm_lim = left < 2e6 ? (int)fmax(1, left * 1000) : INT32_MAX;
        ret = glp_intopt(c->P, &ip);
        if (ret == GLP_ETMLIM)
            *timed_out = true;
        if (!w->rejected)
            break;
    }
    int st = glp_mip_status(c->P);
    if (w->proven && st == GLP_FEAS)
        return GLP_OPT;
    return st;
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
    out->planned = true;
    for (size_t i = 0; i < c->S; i++) {
        sess *s = &c->s[i];
        mapa_session *d = &out->sessions[i];
        d->slot = MAPA_NONE;
        for (size_t x = 0; x < s->n_c; x++)
            if (c->best[s->c[x].col] > 0.5)
                d->slot = find_slot(s, (int)s->c[x].slot);
        d->invitees = s->inv;
        d->n_invitees = s->n_inv;
        s->inv = NULL;
        for (size_t j = 0; j < d->n_invitees; j++) {
            mapa_invitee *v = &d->invitees[j];
            v->available = d->slot != MAPA_NONE && avail(c, v->member, &cal->slots[d->slot]);
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
    size_t *per_day = calloc(c->n_days + 1, sizeof *per_day);
    if (!per_day)
        return oom();
    for (size_t i = 0; i < c->S; i++)
        if (out->sessions[i].slot != MAPA_NONE) {
            size_t d = day_index(c, cal->slots[out->sessions[i].slot].day);
            if (++per_day[d] > out->peak_day)
                out->peak_day = per_day[d];
        }
    free(per_day);
    for (size_t q = 0; c->o->soft && q < c->n_pairs; q++) {
        const mapa_session *a = &out->sessions[c->pairs[q][0]];
        const mapa_session *b = &out->sessions[c->pairs[q][1]];
        if (a->slot == MAPA_NONE || b->slot == MAPA_NONE ||
            !mapa__slots_clash(&cal->slots[a->slot], &cal->slots[b->slot], c->o->travel_minutes))
            continue;
        for (size_t x = 0; x < a->n_invitees; x++) /* name the people in both */
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

/*
 * GLPK's first incumbent, from the heuristic (solver/schedule_heur.c): a value
 * per column, or *start NULL when it found none. Half a second at most, or a
 * quarter of the time left.
 */
/* The column values of the schedule `pick` (a candidate per session): x, malloc'd. */
static mapa_err point_of(sm *c, double **start, const int *pick, int n_cols)
{
    double *x = calloc((size_t)n_cols + 1, sizeof *x);
    size_t *per_day = calloc(c->n_days + 1, sizeof *per_day), peak = 0;
    if (!x || !per_day) {
        free(x);
        free(per_day);
        return oom();
    }
    for (size_t i = 0; i < c->S; i++) {
        const cand *k = &c->s[i].c[pick[i]];
        x[k->col] = 1;
        size_t d = day_index(c, c->cal->slots[k->slot].day);
        peak = ++per_day[d] > peak ? per_day[d] : peak;
    }
    if (c->peak)
        x[c->peak] = (double)peak;
    free(per_day);
    *start = x;
    return MAPA_OK;
}

static mapa_err first_point(sm *c, double **start, int *pick, int n_cols)
{
    *start = NULL;
    double z;
    double budget = fmin(10, remaining(c) / 4); /* a safety stop: it ends on its own */
    mapa_err err = mapa__schedule_heuristic(pick, &z, c->s, c->S, (const size_t(*)[2])c->pairs,
                                            c->n_pairs, c->cal, c->o, budget);
    if (err != MAPA_OK || z == -INFINITY)
        return err;
    return point_of(c, start, pick, n_cols);
}

/*
 * Days first (solver/schedule_days.c): when the relaxation by days is met by
 * a schedule by slots, that schedule is optimal (*done, c->best holds it).
 * Otherwise *start is the best schedule known for the full program.
 */
static mapa_err days_first(sm *c, int *pick, double **start, double *coef, int n_cols, bool *done)
{
    bool proven = false;
    double bound = INFINITY;
    mapa_err err = mapa__schedule_by_days(pick, &proven, &bound, c->s, c->S,
                                          (const size_t(*)[2])c->pairs, c->n_pairs, c->cal, c->o,
                                          *start ? pick : NULL,
                                          c->deadline > 0 ? c->deadline : INFINITY);
    c->outer_bound = bound;
    if (err != MAPA_OK || !proven)
        return err;
    double *x = NULL;
    err = point_of(c, &x, pick, n_cols);
    if (err != MAPA_OK || !mapa__feasible_point(c->P, x)) { /* then the full program decides */
        free(x);
        return err;
    }
    level_objective(c, c->o->weighted ? N_LEVELS : LEVEL_SPREAD, coef, n_cols);
    double z = 0;
    for (int j = 1; j <= n_cols; j++)
        z += coef[j] * x[j];
    free(*start);
    *start = x;
    if (z >= bound - 1e-6) { /* the bound met: proven */
        memcpy(c->best, x, ((size_t)n_cols + 1) * sizeof *x);
        *done = true;
    }
    return MAPA_OK;
}

/* A bound no schedule beats: each session in its best slot, the busiest day holding one. */
static double trivial_bound(const sm *c, const double *coef)
{
    double b = 0;
    for (size_t i = 0; i < c->S; i++) {
        double best = c->s[i].unheld ? coef[c->s[i].unheld] : -INFINITY;
        for (size_t x = 0; x < c->s[i].n_c; x++)
            best = fmax(best, coef[c->s[i].c[x].col]);
        b += best;
    }
    return c->peak ? b + coef[c->peak] * (c->o->soft ? 0 : 1) : b;
}

/* The figures of a schedule proven optimal outside GLPK's search (c->best). */
static mapa_schedule *out_optimal(const sm *c, mapa_schedule *out, const double *coef, int n_cols)
{
    double z = 0;
    for (int j = 1; j <= n_cols; j++)
        z += coef[j] * c->best[j];
    out->status = MAPA_STATUS_OPTIMAL;
    out->objective = out->bound = z;
    out->gap = 0;
    out->by_days = true;
    return out;
}

static mapa_err levels(sm *c, mapa_schedule *out)
{
    int n_cols = glp_get_num_cols(c->P);
    double *coef = malloc(((size_t)n_cols + 1) * sizeof *coef);
    c->best = calloc((size_t)n_cols + 1, sizeof *c->best);
    if (!coef || !c->best) {
        free(coef);
        return oom();
    }
    if (c->o->max_moves != MAPA_UNLIMITED && c->o->previous) {
        level_objective(c, LEVEL_MOVES, coef, n_cols);
        fix_level(c, coef, n_cols, (double)c->S - (double)c->o->max_moves);
    }
    bool timed_out = false, have = false;
    search w = {0};
    double *start = NULL;
    int *pick = malloc((c->S + 1) * sizeof *pick);
    mapa_err herr = pick ? first_point(c, &start, pick, n_cols) : oom();
    bool shortcut = herr == MAPA_OK && !c->o->soft && c->o->aggregate;
    bool done = false;
    if (shortcut)
        herr = days_first(c, pick, &start, coef, n_cols, &done);
    if (done) {
        out_optimal(c, out, coef, n_cols);
        free(pick);
        free(start);
        free(coef);
        return extract(c, out);
    }
    free(pick);
    if (herr != MAPA_OK) {
        free(start);
        free(coef);
        return herr;
    }
    int first = c->o->weighted ? N_LEVELS : 0, last = c->o->weighted ? N_LEVELS : N_LEVELS - 1;
    double obj = 0;
    for (int L = first; L <= last; L++) {
        if (L < N_LEVELS && !level_used(c, L))
            continue;
        level_objective(c, L, coef, n_cols);
        for (int j = 1; j <= n_cols; j++)
            glp_set_obj_coef(c->P, j, coef[j]);
        int st = solve_once(c, have ? c->best : start, &timed_out, &w);
        if (st != GLP_OPT && st != GLP_FEAS) {
            if (!have && timed_out && start && mapa__feasible_point(c->P, start)) {
                /* the heuristic's schedule, with the bound of each session's best slot */
                memcpy(c->best, start, ((size_t)n_cols + 1) * sizeof *start);
                obj = 0;
                for (int j = 1; j <= n_cols; j++)
                    obj += coef[j] * start[j];
                out->bound = trivial_bound(c, coef);
                out->gap = fabs(out->bound - obj) / fmax(1e-9, fabs(obj));
                out->status = MAPA_STATUS_TIME_LIMIT;
                break;
            }
            if (!have) {
                out->status = timed_out ? MAPA_STATUS_TIME_LIMIT : MAPA_STATUS_INFEASIBLE;
                free(coef);
                free(start);
                return MAPA_OK;
            }
            if (timed_out) /* the previous levels' optimum, this level unfinished */
                out->status = MAPA_STATUS_TIME_LIMIT;
            break; /* keep the previous level's incumbent: it is still in GLPK's solution */
        }
        have = true;
        obj = glp_mip_obj_val(c->P);
        for (int j = 1; j <= n_cols; j++)
            c->best[j] = glp_mip_col_val(c->P, j);
        out->nodes += 0;
        if (timed_out || st != GLP_OPT) {
            double bound = w.have_bound ? w.bound : glp_get_obj_val(c->P);
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
    free(start);
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
    free(c->days);
    free(c->soft);
    free(c->best);
    free(c->uoff);
    free(c->un);
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
    mapa_err e0 = index_unavailable(c);
    if (e0 != MAPA_OK)
        return e0;
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
    sm c = {.p = p, .cal = cal, .o = o, .outer_bound = INFINITY};
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
    if (r.status == MAPA_STATUS_TIME_LIMIT && !r.planned &&
        !push_note(&r, mapa__format("the time limit came before any schedule was found; allow "
                                    "more time (--time-limit)"))) {
        mapa_schedule_dispose(&r);
        return oom();
    }
    if (!r.planned)
        for (size_t i = 0; i < r.n_sessions; i++)
            r.sessions[i].slot = MAPA_NONE;
    *out = r;
    return MAPA_OK;
}
