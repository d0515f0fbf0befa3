/*
 * A first schedule for the stage-session program, found without GLPK: greedy
 * placement under a cap on the sessions of one day, improved by local search
 * (moving one session, or both of a team's, or one session and the one in its
 * way), for each cap from the uncapped schedule's busiest day downwards. Its
 * passes are counted, not timed, so that a run does not depend on the load
 * (the time is only a safety stop). It proves nothing; GLPK receives it as its first incumbent (glp_ios_heur_sol),
 * so that the branch-and-cut prunes from the start (docs/schedule.md).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "models/schedule_internal.h"
#include "models/util.h"
#include "solver/schedule_internal.h"

typedef struct hs {
    const sess *s;
    size_t S;
    const mapa_calendar *cal;
    const mapa_schedule_options *o;
    size_t *nb_off, *nb; /* conflict-graph neighbours of session i: nb[nb_off[i]..nb_off[i+1]] */
    size_t *day_of;      /* per slot: its day's index */
    size_t n_days;
    size_t *room_use;    /* per slot: sessions placed there */
    size_t *day_use;     /* per day: sessions placed on it */
    size_t cap;          /* at most this many sessions on one day */
    int *at;             /* per session: the candidate it holds, -1 none */
    double *val;         /* per session and candidate: objective coefficient (vo[i] + x) */
    size_t *vo;
} hs;

static double value(const hs *h, size_t i, size_t x)
{
    return mapa__sched_value(h->o, i, &h->s[i].c[x]);
}

/* Whether session i may take candidate x with the others where they are (skip: ignore it). */
static bool fits(const hs *h, size_t i, size_t x, size_t skip)
{
    const mapa_slot *k = &h->cal->slots[h->s[i].c[x].slot];
    size_t slot = h->s[i].c[x].slot;
    if (h->room_use[slot] >= h->cal->slots[slot].rooms || h->day_use[h->day_of[slot]] >= h->cap)
        return false;
    size_t mate = i ^ 1u; /* the team's other session */
    if (mate != skip && h->at[mate] >= 0) {
        const mapa_slot *m = &h->cal->slots[h->s[mate].c[h->at[mate]].slot];
        int32_t gap = h->cal->windows[(i | 1u)].min_gap;
        if (!(i % 2 == 0 ? mapa__sched_in_order(k, m, gap) : mapa__sched_in_order(m, k, gap)))
            return false;
    }
    for (size_t q = h->nb_off[i]; q < h->nb_off[i + 1]; q++) {
        size_t j = h->nb[q];
        if (j == skip || h->at[j] < 0)
            continue;
        if (mapa__slots_clash(k, &h->cal->slots[h->s[j].c[h->at[j]].slot], h->o->travel_minutes))
            return false;
    }
    return true;
}

static void place(hs *h, size_t i, int x)
{
    if (h->at[i] >= 0) {
        size_t k = h->s[i].c[h->at[i]].slot;
        h->room_use[k]--;
        h->day_use[h->day_of[k]]--;
    }
    h->at[i] = x;
    if (x >= 0) {
        size_t k = h->s[i].c[x].slot;
        h->room_use[k]++;
        h->day_use[h->day_of[k]]++;
    }
}

/* The best candidate session i can take where it stands (-1 none), with the others fixed. */
static int best_for(const hs *h, size_t i, size_t skip)
{
    int best = -1;
    for (size_t x = 0; x < h->s[i].n_c; x++)
        if ((best < 0 || h->val[h->vo[i] + x] > h->val[h->vo[i] + (size_t)best]) &&
            fits(h, i, x, skip))
            best = (int)x;
    return best;
}

static double held(const hs *h, size_t i)
{
    return h->at[i] < 0 ? -1e9 : h->val[h->vo[i] + (size_t)h->at[i]];
}

/* Move session i to its best place if better; true when moved. */
static bool improve_one(hs *h, size_t i)
{
    int was = h->at[i];
    double before = held(h, i);
    place(h, i, -1);
    int x = best_for(h, i, MAPA_NONE);
    if (x >= 0 && h->val[h->vo[i] + (size_t)x] > before + 1e-9) {
        place(h, i, x);
        return true;
    }
    place(h, i, was);
    return false;
}

/* Move both sessions of team t to their best pair if better. O(candidates^2). */
static bool improve_team(hs *h, size_t t)
{
    size_t d = 2 * t, e = d + 1;
    int wd = h->at[d], we = h->at[e];
    double before = held(h, d) + held(h, e), best = before + 1e-9;
    int bd = -1, be = -1;
    place(h, d, -1);
    place(h, e, -1);
    for (size_t x = 0; x < h->s[d].n_c; x++) {
        if (!fits(h, d, x, e))
            continue;
        place(h, d, (int)x);
        int y = best_for(h, e, MAPA_NONE);
        if (y >= 0 && h->val[h->vo[d] + x] + h->val[h->vo[e] + (size_t)y] > best) {
            best = h->val[h->vo[d] + x] + h->val[h->vo[e] + (size_t)y];
            bd = (int)x;
            be = y;
        }
        place(h, d, -1);
    }
    if (bd >= 0) {
        place(h, d, bd);
        place(h, e, be);
        return true;
    }
    place(h, d, wd);
    place(h, e, we);
    return false;
}

/*
 * Session i takes a better candidate that one other session j is in the way
 * of (same slot full, a clash, or the day's cap), j moving to its best place
 * elsewhere; true when the sum improves.
 */
static bool improve_eject(hs *h, size_t i)
{
    int was = h->at[i];
    double before = held(h, i);
    for (size_t x = 0; x < h->s[i].n_c; x++) {
        double gain = h->val[h->vo[i] + x] - before;
        if (gain <= 1e-9 || (int)x == was)
            continue;
        size_t slot = h->s[i].c[x].slot;
        /* try each session j on the same day as the blocker */
        for (size_t j = 0; j < h->S; j++) {
            if (j == i || h->at[j] < 0 ||
                h->day_of[h->s[j].c[h->at[j]].slot] != h->day_of[slot])
                continue;
            int wj = h->at[j];
            double bj = held(h, j);
            place(h, i, -1);
            place(h, j, -1);
            if (fits(h, i, x, MAPA_NONE)) {
                place(h, i, (int)x);
                int y = best_for(h, j, MAPA_NONE);
                if (y >= 0 && gain + h->val[h->vo[j] + (size_t)y] - bj > 1e-9) {
                    place(h, j, y);
                    return true;
                }
                place(h, i, -1);
            }
            place(h, j, wj);
            place(h, i, was);
        }
    }
    return false;
}

/* Greedy then local search under the current cap; the sum of values, or -INFINITY. */
static double run_cap(hs *h, double deadline)
{
    for (size_t i = 0; i < h->S; i++)
        place(h, i, -1);
    for (size_t t = 0; t < h->S / 2; t++) { /* teams in turn, both sessions jointly */
        improve_team(h, t);
        if (h->at[2 * t] < 0 || h->at[2 * t + 1] < 0) {
            for (size_t i = 2 * t; i <= 2 * t + 1; i++)
                if (h->at[i] < 0)
                    place(h, i, best_for(h, i, MAPA_NONE));
        }
    }
    for (int pass = 0; pass < 50 && mapa__now() < deadline; pass++) {
        bool moved = false;
        for (size_t i = 0; i < h->S; i++)
            moved |= improve_one(h, i);
        for (size_t t = 0; t < h->S / 2; t++)
            moved |= improve_team(h, t);
        if (!moved)
            for (size_t i = 0; i < h->S && mapa__now() < deadline; i++)
                moved |= improve_eject(h, i);
        if (!moved)
            break;
    }
    double sum = 0;
    for (size_t i = 0; i < h->S; i++) {
        if (h->at[i] < 0)
            return -INFINITY;
        sum += held(h, i);
    }
    return sum;
}

static size_t peak_of(const hs *h)
{
    size_t p = 0;
    for (size_t d = 0; d < h->n_days; d++)
        p = h->day_use[d] > p ? h->day_use[d] : p;
    return p;
}

static bool setup(hs *h, const size_t (*pairs)[2], size_t n_pairs)
{
    size_t S = h->S, K = h->cal->n_slots, total = 0;
    h->nb_off = calloc(S + 2, sizeof *h->nb_off);
    h->nb = malloc((2 * n_pairs + 1) * sizeof *h->nb);
    h->day_of = malloc((K + 1) * sizeof *h->day_of);
    h->room_use = calloc(K + 1, sizeof *h->room_use);
    h->at = malloc((S + 1) * sizeof *h->at);
    h->vo = malloc((S + 1) * sizeof *h->vo);
    for (size_t i = 0; i < S; i++)
        total += h->s[i].n_c;
    h->val = malloc((total + 1) * sizeof *h->val);
    if (!h->nb_off || !h->nb || !h->day_of || !h->room_use || !h->at || !h->vo || !h->val)
        return false;
    for (size_t k = 0; k < K; k++) {
        if (k > 0 && h->cal->slots[k].day != h->cal->slots[k - 1].day)
            h->n_days++;
        h->day_of[k] = h->n_days;
    }
    h->n_days++;
    h->day_use = calloc(h->n_days + 1, sizeof *h->day_use);
    if (!h->day_use)
        return false;
    total = 0;
    for (size_t i = 0; i < S; i++) {
        h->vo[i] = total;
        for (size_t x = 0; x < h->s[i].n_c; x++)
            h->val[total++] = value(h, i, x);
        h->at[i] = -1;
    }
    for (size_t q = 0; q < n_pairs; q++) {
        h->nb_off[pairs[q][0] + 2]++;
        h->nb_off[pairs[q][1] + 2]++;
    }
    for (size_t i = 0; i < S; i++)
        h->nb_off[i + 2] += h->nb_off[i + 1];
    for (size_t q = 0; q < n_pairs; q++) {
        h->nb[h->nb_off[pairs[q][0] + 1]++] = pairs[q][1];
        h->nb[h->nb_off[pairs[q][1] + 1]++] = pairs[q][0];
    }
    return true;
}

static void teardown(hs *h)
{
    free(h->nb_off);
    free(h->nb);
    free(h->day_of);
    free(h->room_use);
    free(h->day_use);
    free(h->at);
    free(h->vo);
    free(h->val);
}

mapa_err mapa__schedule_heuristic(int *pick, double *objective, const sess *s, size_t S,
                                  const size_t (*pairs)[2], size_t n_pairs,
                                  const mapa_calendar *cal, const mapa_schedule_options *o,
                                  double seconds)
{
    hs h = {.s = s, .S = S, .cal = cal, .o = o, .cap = SIZE_MAX};
    *objective = -INFINITY;
    if (!setup(&h, pairs, n_pairs)) {
        teardown(&h);
        return mapa_error_set(MAPA_ENOMEM, "out of memory while scheduling the stage sessions");
    }
    double deadline = mapa__now() + seconds;
    double sum = run_cap(&h, deadline);
    size_t cap = peak_of(&h), worse = 0;
    for (;;) {
        if (sum > -INFINITY) {
            double obj = sum - o->w_spread * (double)peak_of(&h);
            if (obj > *objective) {
                *objective = obj;
                memcpy(pick, h.at, S * sizeof *pick);
                worse = 0;
            } else if (++worse >= 3) {
                break; /* three caps in a row no better: the spread no longer pays */
            }
        }
        if (cap <= 1 || mapa__now() >= deadline || (sum == -INFINITY && cap < peak_of(&h)))
            break;
        h.cap = --cap;
        sum = run_cap(&h, deadline);
        if (sum == -INFINITY)
            break;
    }
    teardown(&h);
    return MAPA_OK;
}
