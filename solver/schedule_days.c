/*
 * An exact shortcut for the stage-session program (docs/schedule.md, "Days
 * first"): a relaxation that only chooses each session's day, valued at the
 * best slot of that day, with the day's rooms, the busiest day, and order and
 * gap between days, is a much smaller integer program than the one by slots.
 * Its optimum bounds the real one from above; when each day's sessions can
 * then be put in slots of that value (a small search per day), the bound is
 * met and the schedule is proven optimal. A day whose sessions cannot share
 * its slots at all is cut off (no-good) and the relaxation solved again
 * (logic-based Benders). Anything else is left to the full program.
 */
#include <glpk.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "models/schedule_internal.h"
#include "models/util.h"
#include "solver/glpk_matrix.h"
#include "solver/schedule_internal.h"

/* A column: session `sess` in one of the slots `mask` of day `day`, all of value v. */
typedef struct dcol {
    size_t sess;
    size_t day;    /* day index */
    double v;      /* the weighted value of those candidates */
    int cf, mem, early, kept; /* the levels' figures, equal for the whole column */
    uint64_t mask; /* bit k: slot day_first[day] + k */
    int col;
} dcol;

/* The levels (docs/schedule.md), as solver/schedule.c takes them; WEIGHTED: their sum. */
enum { D_MOVES, D_CF, D_MEMBERS, D_EARLY, D_SPREAD, D_WEIGHTED };

typedef struct dm {
    const sess *s;
    size_t S;
    const mapa_calendar *cal;
    const mapa_schedule_options *o;
    const size_t (*pairs)[2];
    size_t n_pairs;
    size_t *day_of; /* per slot */
    size_t *day_first; /* per day: its first slot */
    size_t n_days;
    dcol *y;
    size_t n_y;
    size_t *yoff; /* session i's columns: y[yoff[i]..yoff[i+1]] */
    int peak;
    glp_prob *P;
    size_t *nb_off, *nb;
    /* the packing search of one day */
    size_t *room_use;
    int *at;
    size_t budget;
} dm;

static double value(const dm *m, size_t i, size_t x)
{
    return mapa__sched_value(m->o, i, &m->s[i].c[x]);
}

static size_t cand_day(const dm *m, size_t i, size_t x)
{
    return m->day_of[m->s[i].c[x].slot];
}

static uint64_t bit(const dm *m, size_t slot)
{
    return (uint64_t)1 << (slot - m->day_first[m->day_of[slot]]);
}

/* A column per session, day and value of its candidates that day (one when all are equal). */
static bool columns(dm *m)
{
    size_t total = 0;
    for (size_t i = 0; i < m->S; i++)
        total += m->s[i].n_c;
    m->y = malloc((total + 1) * sizeof *m->y);
    m->yoff = malloc((m->S + 2) * sizeof *m->yoff);
    if (!m->y || !m->yoff)
        return false;
    for (size_t i = 0; i < m->S; i++) {
        m->yoff[i] = m->n_y;
        size_t day_start = m->n_y; /* the columns of the current day */
        for (size_t x = 0; x < m->s[i].n_c; x++) { /* candidates are in time order */
            size_t d = cand_day(m, i, x);
            const cand *c = &m->s[i].c[x];
            double v = value(m, i, x);
            int kept = m->o->previous && m->o->previous[i] == c->slot;
            if (day_start == m->n_y || m->y[day_start].day != d)
                day_start = m->n_y;
            size_t j = day_start;
            while (j < m->n_y && (m->y[j].cf != c->cf || m->y[j].mem != c->mem ||
                                  m->y[j].early != c->early || m->y[j].kept != kept))
                j++;
            if (j == m->n_y)
                m->y[m->n_y++] = (dcol){i, d, v, c->cf, c->mem, c->early, kept, 0, 0};
            m->y[j].mask |= bit(m, m->s[i].c[x].slot);
        }
    }
    m->yoff[m->S] = m->n_y;
    return true;
}

/* Column y's coefficient in level L (the peak's is -1 in D_SPREAD, -w_spread weighted). */
static double level_coef(const dm *m, const dcol *y, int L)
{
    switch (L) {
    case D_MOVES: return y->kept;
    case D_CF: return y->cf;
    case D_MEMBERS: return y->mem;
    case D_EARLY: return -y->early;
    case D_SPREAD: return 0;
    default: return y->v;
    }
    (void)m;
}

static void set_level(dm *m, int L)
{
    for (size_t j = 0; j < m->n_y; j++)
        glp_set_obj_coef(m->P, m->y[j].col, level_coef(m, &m->y[j], L));
    glp_set_obj_coef(m->P, m->peak,
                     L == D_SPREAD ? -1 : L == D_WEIGHTED ? -m->o->w_spread : 0);
}

/* A row: level L's value at least `least` (its optimum, or the moves' cap). Returns the row. */
static int fix_level(dm *m, int L, double least)
{
    int *ind = malloc((m->n_y + 2) * sizeof *ind);
    double *val = malloc((m->n_y + 2) * sizeof *val);
    if (!ind || !val) {
        free(ind);
        free(val);
        return 0;
    }
    int len = 0;
    for (size_t j = 0; j < m->n_y; j++) {
        double v = level_coef(m, &m->y[j], L);
        if (v != 0) {
            ind[++len] = m->y[j].col;
            val[len] = v;
        }
    }
    if (L == D_SPREAD) {
        ind[++len] = m->peak;
        val[len] = -1;
    }
    int r = glp_add_rows(m->P, 1);
    glp_set_mat_row(m->P, r, len, ind, val);
    glp_set_row_bnds(m->P, r, GLP_LO, least - 0.5, 0);
    free(ind);
    free(val);
    return r;
}

/* Whether some slot of column a (Decision-making) and of b (Evaluation) are in order. */
static bool cols_in_order(const dm *m, size_t t, const dcol *a, const dcol *b)
{
    int32_t gap = m->cal->windows[2 * t + 1].min_gap;
    for (size_t k = m->day_first[a->day]; k < m->cal->n_slots && m->day_of[k] == a->day; k++) {
        if (!(a->mask & bit(m, k)))
            continue;
        for (size_t l = m->day_first[b->day]; l < m->cal->n_slots && m->day_of[l] == b->day; l++)
            if ((b->mask & bit(m, l)) &&
                mapa__sched_in_order(&m->cal->slots[k], &m->cal->slots[l], gap))
                return true;
    }
    return false;
}

/* Sessions in columns of day d inside slot set U: at most U's rooms (when they could exceed it). */
static mapa_err room_row(dm *m, mapa__triplets *tr, size_t d, uint64_t U)
{
    size_t rooms = 0, n = 0;
    for (size_t k = m->day_first[d]; k < m->cal->n_slots && m->day_of[k] == d; k++)
        if (U & bit(m, k))
            rooms += m->cal->slots[k].rooms;
    size_t last = MAPA_NONE;
    for (size_t j = 0; j < m->n_y; j++)
        if (m->y[j].day == d && (m->y[j].mask & ~U) == 0 && m->y[j].sess != last) {
            n++;
            last = m->y[j].sess;
        }
    if (n <= rooms)
        return MAPA_OK;
    int r = glp_add_rows(m->P, 1);
    glp_set_row_bnds(m->P, r, GLP_UP, 0, (double)rooms);
    mapa_err err = MAPA_OK;
    for (size_t j = 0; err == MAPA_OK && j < m->n_y; j++)
        if (m->y[j].day == d && (m->y[j].mask & ~U) == 0)
            err = mapa__triplets_put(tr, r, m->y[j].col, 1);
    return err;
}

static mapa_err build(dm *m, mapa__triplets *tr)
{
    m->P = glp_create_prob();
    glp_set_obj_dir(m->P, GLP_MAX);
    glp_add_cols(m->P, (int)m->n_y + 1);
    for (size_t j = 0; j < m->n_y; j++) {
        m->y[j].col = (int)j + 1;
        glp_set_col_kind(m->P, m->y[j].col, GLP_BV);
        glp_set_obj_coef(m->P, m->y[j].col, m->y[j].v); /* the weighted sum; set_level changes it */
    }
    m->peak = (int)m->n_y + 1;
    glp_set_col_kind(m->P, m->peak, GLP_IV);
    glp_set_col_bnds(m->P, m->peak, GLP_DB, 1, (double)m->S);
    glp_set_obj_coef(m->P, m->peak, -m->o->w_spread);
    mapa_err err = MAPA_OK;
    for (size_t i = 0; err == MAPA_OK && i < m->S; i++) {
        int r = glp_add_rows(m->P, 1);
        glp_set_row_bnds(m->P, r, GLP_FX, 1, 1);
        for (size_t j = m->yoff[i]; err == MAPA_OK && j < m->yoff[i + 1]; j++)
            err = mapa__triplets_put(tr, r, m->y[j].col, 1);
    }
    for (size_t t = 0; err == MAPA_OK && t < m->S / 2; t++) /* order and gap, by days */
        for (size_t a = m->yoff[2 * t]; err == MAPA_OK && a < m->yoff[2 * t + 1]; a++) {
            int r = 0;
            for (size_t b = m->yoff[2 * t + 1]; err == MAPA_OK && b < m->yoff[2 * t + 2]; b++) {
                if (cols_in_order(m, t, &m->y[a], &m->y[b]))
                    continue;
                if (!r) {
                    r = glp_add_rows(m->P, 1);
                    glp_set_row_bnds(m->P, r, GLP_UP, 0, 1);
                    err = mapa__triplets_put(tr, r, m->y[a].col, 1);
                }
                if (err == MAPA_OK)
                    err = mapa__triplets_put(tr, r, m->y[b].col, 1);
            }
        }
    /* the busiest day, and rooms: for each day and each set U of slots that
     * some column stands for (and the whole day), the columns inside U hold at
     * most U's rooms */
    int *row = calloc(m->n_days + 1, sizeof *row);
    uint64_t *masks = malloc((m->n_y + 1) * sizeof *masks);
    if (err == MAPA_OK && (!row || !masks))
        err = MAPA_ENOMEM;
    for (size_t j = 0; err == MAPA_OK && j < m->n_y; j++) {
        size_t d = m->y[j].day;
        if (!row[d]) {
            row[d] = glp_add_rows(m->P, 1);
            glp_set_row_bnds(m->P, row[d], GLP_UP, 0, 0);
            err = mapa__triplets_put(tr, row[d], m->peak, -1);
        }
        if (err == MAPA_OK)
            err = mapa__triplets_put(tr, row[d], m->y[j].col, 1);
    }
    for (size_t d = 0; err == MAPA_OK && d < m->n_days; d++) {
        size_t n_masks = 0;
        uint64_t whole = 0;
        for (size_t k = m->day_first[d]; k < m->cal->n_slots && m->day_of[k] == d; k++)
            whole |= bit(m, k);
        masks[n_masks++] = whole;
        for (size_t j = 0; j < m->n_y; j++) {
            if (m->y[j].day != d)
                continue;
            size_t q = 0;
            while (q < n_masks && masks[q] != m->y[j].mask)
                q++;
            if (q == n_masks)
                masks[n_masks++] = m->y[j].mask;
        }
        for (size_t q = 0; err == MAPA_OK && q < n_masks; q++)
            err = room_row(m, tr, d, masks[q]);
    }
    free(row);
    free(masks);
    if (err == MAPA_OK)
        mapa__triplets_load(tr, m->P);
    return err;
}

/* Whether session i may take candidate x beside the sessions of its day already placed. */
static bool fits(const dm *m, size_t i, size_t x)
{
    const mapa_slot *k = &m->cal->slots[m->s[i].c[x].slot];
    if (m->room_use[m->s[i].c[x].slot] >= k->rooms)
        return false;
    size_t mate = i ^ 1;
    if (m->at[mate] >= 0) {
        const mapa_slot *o = &m->cal->slots[m->s[mate].c[m->at[mate]].slot];
        int32_t gap = m->cal->windows[i | 1].min_gap;
        if (!(i % 2 == 0 ? mapa__sched_in_order(k, o, gap) : mapa__sched_in_order(o, k, gap)))
            return false;
    }
    for (size_t q = m->nb_off[i]; q < m->nb_off[i + 1]; q++) {
        size_t j = m->nb[q];
        if (m->at[j] >= 0 &&
            mapa__slots_clash(k, &m->cal->slots[m->s[j].c[m->at[j]].slot], m->o->travel_minutes))
            return false;
    }
    return true;
}

/*
 * Depth-first: each session of `set` in a slot of its column `chosen[i]`
 * (day and value); 1 when all fit (left in at[]), 0 when they cannot, -1
 * when the search gave up.
 */
static int pack(dm *m, const size_t *set, const size_t *chosen, size_t n)
{
    if (n == 0)
        return 1;
    if (m->budget == 0)
        return -1;
    m->budget--;
    size_t i = set[0];
    const dcol *y = &m->y[chosen[i]];
    for (size_t x = 0; x < m->s[i].n_c; x++) {
        size_t slot = m->s[i].c[x].slot;
        if (m->day_of[slot] != y->day || !(y->mask & bit(m, slot)) || !fits(m, i, x))
            continue;
        m->at[i] = (int)x;
        m->room_use[slot]++;
        int r = pack(m, set + 1, chosen, n - 1);
        m->room_use[slot]--;
        if (r != 0)
            return r; /* found (kept in at[]), or gave up */
        m->at[i] = -1;
    }
    return 0;
}

static void unpack(dm *m, const size_t *set, size_t n)
{
    for (size_t k = 0; k < n; k++)
        m->at[set[k]] = -1;
}

static bool neighbours(dm *m)
{
    m->nb_off = calloc(m->S + 2, sizeof *m->nb_off);
    m->nb = malloc((2 * m->n_pairs + 1) * sizeof *m->nb);
    if (!m->nb_off || !m->nb)
        return false;
    for (size_t q = 0; q < m->n_pairs; q++) {
        m->nb_off[m->pairs[q][0] + 2]++;
        m->nb_off[m->pairs[q][1] + 2]++;
    }
    for (size_t i = 0; i < m->S; i++)
        m->nb_off[i + 2] += m->nb_off[i + 1];
    for (size_t q = 0; q < m->n_pairs; q++) {
        m->nb[m->nb_off[m->pairs[q][0] + 1]++] = m->pairs[q][1];
        m->nb[m->nb_off[m->pairs[q][1] + 1]++] = m->pairs[q][0];
    }
    return true;
}

typedef struct dsearch {
    const double *start;
    bool given, rejected, proven;
} dsearch;

static void on_search(glp_tree *tree, void *info)
{
    dsearch *w = info;
    if (glp_ios_reason(tree) == GLP_IHEUR && w->start && !w->given) {
        w->given = true;
        if (glp_ios_heur_sol(tree, w->start) != 0) { /* tol_obj would not be safe: give up */
            w->rejected = true;
            glp_ios_terminate(tree);
            return;
        }
    }
    int node = glp_ios_best_node(tree);
    glp_prob *mip = glp_ios_get_prob(tree);
    if (node && glp_mip_status(mip) == GLP_FEAS &&
        floor(glp_ios_node_bound(tree, node) + 1e-6) <= glp_mip_obj_val(mip) + 1e-6) {
        w->proven = true;
        glp_ios_terminate(tree);
    }
}

/* The relaxation's optimum, proven; false when not reached in time. */
static bool solve(dm *m, const double *start, double deadline)
{
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    double left = deadline - mapa__now();
    if (left <= 0)
        return false;
    sp.tm_lim = (int)fmin(2e9, fmax(1, left * 1000));
    int ret = glp_simplex(m->P, &sp);
    if (ret == GLP_EBADB || ret == GLP_ESING || ret == GLP_ECOND) { /* rows deleted: start over */
        glp_std_basis(m->P);
        ret = glp_simplex(m->P, &sp);
    }
    if (ret != 0 || glp_get_status(m->P) != GLP_OPT)
        return false;
    if (start && !mapa__feasible_point(m->P, start))
        start = NULL; /* e.g. the heuristic's schedule moves more than --max-moves allows */
    dsearch w = {.start = start};
    glp_iocp ip;
    glp_init_iocp(&ip);
    ip.msg_lev = GLP_MSG_OFF;
    ip.clq_cuts = GLP_ON;
    if (start) { /* prune what cannot gain 1 (integer objective; start <= z <= root bound) */
        double z0 = 0;
        for (int j = 1; j <= glp_get_num_cols(m->P); j++)
            z0 += glp_get_obj_coef(m->P, j) * start[j];
        ip.tol_obj = 0.5 / (1 + fmax(fabs(z0), fabs(glp_get_obj_val(m->P))));
    }
    ip.cb_func = on_search;
    ip.cb_info = &w;
    left = deadline - mapa__now();
    if (left <= 0)
        return false;
    ip.tm_lim = (int)fmin(2e9, fmax(1, left * 1000));
    ret = glp_intopt(m->P, &ip);
    int st = glp_mip_status(m->P);
    return !w.rejected && ((ret == 0 && st == GLP_OPT) || (w.proven && st == GLP_FEAS));
}

/* Whether the objective is integer, so that the search may stop at the bound's floor. */
static bool integral(const dm *m)
{
    if (!m->o->weighted)
        return true; /* every level counts people, days or sessions */
    for (size_t j = 0; j < m->n_y; j++)
        if (m->y[j].v != floor(m->y[j].v) || fabs(m->y[j].v) > 1e12)
            return false;
    return m->o->w_spread == floor(m->o->w_spread);
}

/*
 * A smallest set of sessions that still cannot share the day (deletion
 * filter: drop each one whose absence leaves the rest refuted), so that the
 * no-good row forbids every combination holding them, not only this one.
 */
static size_t smallest_refuted(dm *m, size_t *set, const size_t *chosen, size_t n)
{
    for (size_t k = 0; k < n && n > 1;) {
        size_t drop = set[k];
        set[k] = set[n - 1];
        m->budget = 20000;
        int r = pack(m, set, chosen, n - 1);
        unpack(m, set, n - 1);
        if (r == 0) {
            n--; /* refuted without it */
            continue;
        }
        set[n - 1] = set[k];
        set[k] = drop;
        k++;
    }
    return n;
}

/*
 * Put each day's sessions of the relaxation's optimum in slots of their
 * columns. Returns 1 when every day is packed (pick[] filled), 0 after adding
 * a no-good row for a day whose sessions cannot all hold those columns (valid:
 * a column fixes the day and the slots of that value), -1 when the search gave
 * up (the full program decides).
 */
static int realise(dm *m, int *pick, size_t *set, size_t *chosen)
{
    for (size_t i = 0; i < m->S; i++)
        m->at[i] = -1;
    for (size_t j = 0; j < m->n_y; j++)
        if (glp_mip_col_val(m->P, m->y[j].col) > 0.5)
            chosen[m->y[j].sess] = j;
    int result = 1;
    for (size_t d = 0; result == 1 && d < m->n_days; d++) {
        size_t n = 0;
        for (size_t i = 0; i < m->S; i++)
            if (m->y[chosen[i]].day == d)
                set[n++] = i;
        m->budget = 200000;
        int r = pack(m, set, chosen, n);
        if (r == 1)
            continue;
        unpack(m, set, n);
        if (r < 0)
            return -1;
        n = smallest_refuted(m, set, chosen, n);
        int row = glp_add_rows(m->P, 1); /* no-good: not these columns together */
        int *ind = malloc((n + 1) * sizeof *ind);
        double *val = malloc((n + 1) * sizeof *val);
        if (!ind || !val) {
            free(ind);
            free(val);
            return -1;
        }
        for (size_t k = 0; k < n; k++) {
            ind[k + 1] = m->y[chosen[set[k]]].col;
            val[k + 1] = 1;
        }
        glp_set_mat_row(m->P, row, (int)n, ind, val);
        glp_set_row_bnds(m->P, row, GLP_UP, 0, (double)n - 1);
        free(ind);
        free(val);
        result = 0;
    }
    if (result == 1)
        memcpy(pick, m->at, m->S * sizeof *pick);
    return result;
}

mapa_err mapa__schedule_by_days(int *pick, bool *proven, double *bound, const sess *s, size_t S,
                                const size_t (*pairs)[2], size_t n_pairs,
                                const mapa_calendar *cal, const mapa_schedule_options *o,
                                const int *start, double deadline)
{
    *proven = false;
    dm m = {.s = s, .S = S, .cal = cal, .o = o, .pairs = pairs, .n_pairs = n_pairs};
    mapa__triplets tr = {0};
    mapa_err err = MAPA_OK;
    m.day_of = malloc((cal->n_slots + 1) * sizeof *m.day_of);
    m.room_use = calloc(cal->n_slots + 1, sizeof *m.room_use);
    m.at = malloc((S + 1) * sizeof *m.at);
    size_t *set = malloc((S + 1) * sizeof *set);
    size_t *chosen = malloc((S + 1) * sizeof *chosen);
    m.day_first = malloc((cal->n_slots + 1) * sizeof *m.day_first);
    double *x0 = NULL;
    if (!m.day_of || !m.room_use || !m.at || !set || !chosen || !m.day_first ||
        !neighbours(&m)) {
        err = MAPA_ENOMEM;
        goto cleanup;
    }
    for (size_t i = 0; i < S; i++)
        if (s[i].n_c == 0)
            goto cleanup; /* the diagnosis speaks for this */
    for (size_t k = 0; k < cal->n_slots; k++) {
        if (k > 0 && cal->slots[k].day != cal->slots[k - 1].day)
            m.day_first[++m.n_days] = k;
        else if (k == 0)
            m.day_first[0] = 0;
        m.day_of[k] = m.n_days;
        if (k - m.day_first[m.n_days] >= 64)
            goto cleanup; /* more than 64 slots on a day: left to the full program */
    }
    m.n_days++;
    if (!columns(&m)) {
        err = MAPA_ENOMEM;
        goto cleanup;
    }
    if (!integral(&m))
        goto cleanup;
    err = build(&m, &tr);
    if (err != MAPA_OK)
        goto cleanup;
    if (start) { /* the heuristic's schedule, by days: a feasible point of the relaxation */
        x0 = calloc(m.n_y + 2, sizeof *x0);
        size_t *per_day = calloc(m.n_days + 1, sizeof *per_day), peak = 0;
        if (!x0 || !per_day) {
            free(per_day);
            err = MAPA_ENOMEM;
            goto cleanup;
        }
        for (size_t i = 0; i < S; i++) {
            size_t slot = s[i].c[start[i]].slot, d = m.day_of[slot];
            for (size_t j = m.yoff[i]; j < m.yoff[i + 1]; j++)
                if (m.y[j].day == d && (m.y[j].mask & bit(&m, slot)))
                    x0[m.y[j].col] = 1;
            peak = ++per_day[d] > peak ? per_day[d] : peak;
        }
        x0[m.peak] = (double)peak;
        free(per_day);
    }
    if (o->previous && o->max_moves != MAPA_UNLIMITED)
        fix_level(&m, D_MOVES, (double)S - (double)o->max_moves);
    int seq[6], n_seq = 0;
    if (o->weighted) {
        seq[n_seq++] = D_WEIGHTED;
    } else {
        if (o->previous)
            seq[n_seq++] = D_MOVES;
        for (int L = D_CF; L <= D_SPREAD; L++)
            seq[n_seq++] = L;
    }
    int fixed[6] = {0};
    double *xs = calloc(m.n_y + 2, sizeof *xs);
    double last = INFINITY;
    int stalled = 0; /* rounds whose no-good did not lower the bound */
    /* by levels the full program is far slower: the rounds go on (no bound to hand over) */
    for (int round = 0; xs && round < 50 && (n_seq > 1 || stalled < 6); round++) {
        /* the levels again from the first: a no-good row may lower their optima */
        for (int k = n_seq - 1; k >= 0; k--)
            if (fixed[k]) {
                glp_del_rows(m.P, 1, (const int[]){0, fixed[k]});
                fixed[k] = 0;
            }
        const double *from = x0; /* a real schedule keeps every no-good row */
        bool solved = true;
        for (int k = 0; solved && k < n_seq; k++) {
            set_level(&m, seq[k]);
            solved = solve(&m, from, deadline);
            if (!solved)
                break;
            for (size_t j = 1; j <= m.n_y + 1; j++)
                xs[j] = glp_mip_col_val(m.P, (int)j);
            from = xs; /* the level's optimum keeps its own row: the next level's start */
            if (k + 1 < n_seq)
                fixed[k] = fix_level(&m, seq[k], glp_mip_obj_val(m.P));
        }
        if (!solved)
            break;
        /* the relaxation's optimum: no schedule does better, proven or not */
        double z = glp_mip_obj_val(m.P); /* by levels: the last level's */
        *bound = z;
        stalled = z < last - 0.5 ? 0 : stalled + 1;
        last = z;
        int r = realise(&m, pick, set, chosen);
        if (r == 1)
            *proven = true;
        if (r != 0)
            break;
    }
    free(xs);
cleanup:
    if (err == MAPA_ENOMEM)
        err = mapa_error_set(MAPA_ENOMEM, "out of memory while scheduling the stage sessions");
    if (m.P)
        glp_delete_prob(m.P);
    mapa__triplets_dispose(&tr);
    free(m.day_of);
    free(m.room_use);
    free(m.at);
    free(m.y);
    free(m.yoff);
    free(m.nb_off);
    free(m.nb);
    free(set);
    free(chosen);
    free(m.day_first);
    free(x0);
    return err;
}
