/*
 * Prices on the allocation flow (docs/model.md, "Prices on the flow"): a
 * Lagrangian relaxation of the side rows solved by the min-cost flow, whose
 * certified potentials give both an upper bound L on every plan and, per
 * column, how much a plan using it must lose. With the best plan V that keeps
 * every rule, L = V proves V optimal; otherwise only the columns losing at
 * most L - V can be in a better plan, and GLPK solves that small model with
 * every row. Subgradient method: Held, Wolfe and Crowder, "Validation of
 * subgradient optimization", Math. Programming 6 (1974); reduced-cost fixing
 * as in Nemhauser and Wolsey, "Integer and Combinatorial Optimization" (1988),
 * II.5.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "solver/alloc_problem.h"

enum { PRICE_ROUNDS = 16 };

typedef struct priced {
    const mapa__alloc_problem *pr;
    size_t n, T, A;
    mapa__alloc_prices price;
    mapa__alloc_duals cur, best; /* the last flow's, and the lowest bound's */
    bool have_best;
    size_t *plan;  /* best plan keeping every rule (per member of p), or NULL */
    int64_t value; /* its total */
    unsigned char *mask;
    size_t *count;    /* per team: willing, statutory, voluntary */
    int64_t *step;    /* per priced row (SPOC, statutory, voluntary per team; moves last) */
    signed char *dir; /* the sign of each row's last slack */
} priced;

static bool duals_new(mapa__alloc_duals *d, size_t n, size_t T, size_t A)
{
    d->x_loss = malloc((n * T + 1) * sizeof *d->x_loss);
    d->u_loss = malloc((2 * A * T + 1) * sizeof *d->u_loss);
    d->keep_loss = malloc((n + 1) * sizeof *d->keep_loss);
    d->chosen = malloc((n + 1) * sizeof *d->chosen);
    return d->x_loss && d->u_loss && d->keep_loss && d->chosen;
}

static void duals_free(mapa__alloc_duals *d)
{
    free(d->x_loss);
    free(d->u_loss);
    free(d->keep_loss);
    free(d->chosen);
}

static void priced_free(priced *c)
{
    free(c->price.spoc);
    free(c->price.statutory);
    free(c->price.voluntary);
    duals_free(&c->cur);
    duals_free(&c->best);
    free(c->plan);
    free(c->mask);
    free(c->count);
    free(c->step);
    free(c->dir);
}

static mapa_err priced_init(priced *c, const mapa__alloc_problem *pr)
{
    size_t T = pr->p->n_topics, n = pr->n;
    *c = (priced){.pr = pr, .n = n, .T = T, .A = pr->p->n_agencies};
    c->price.spoc = calloc(T + 1, sizeof *c->price.spoc);
    c->price.statutory = calloc(T + 1, sizeof *c->price.statutory);
    c->price.voluntary = calloc(T + 1, sizeof *c->price.voluntary);
    c->mask = calloc(T + 1, 1);
    c->count = calloc(3 * T + 1, sizeof *c->count);
    c->step = malloc((3 * T + 1) * sizeof *c->step);
    c->dir = calloc(3 * T + 1, 1);
    for (size_t k = 0; c->step && k <= 3 * T; k++)
        c->step[k] = pr->scale;
    if (!c->price.spoc || !c->price.statutory || !c->price.voluntary || !c->mask || !c->count ||
        !c->step || !c->dir ||
        !duals_new(&c->cur, n, T, c->A) || !duals_new(&c->best, n, T, c->A))
        return mapa_error_set(MAPA_ENOMEM, "out of memory for the allocation");
    return MAPA_OK;
}

/* Keep the flow's plan when it keeps every rule and beats the best so far. */
static mapa_err keep_plan(priced *c, const mapa_alloc *a)
{
    memset(c->mask, 0, c->T + 1);
    if (mapa__alloc_side_violations(c->pr, a->team, c->mask) > 0)
        return MAPA_OK;
    int64_t v = mapa__alloc_total(c->pr, a->team);
    if (c->plan && v <= c->value)
        return MAPA_OK;
    size_t N = c->pr->p->n_members;
    if (!c->plan && !(c->plan = malloc((N + 1) * sizeof *c->plan)))
        return mapa_error_set(MAPA_ENOMEM, "out of memory for the allocation");
    memcpy(c->plan, a->team, N * sizeof *c->plan);
    c->value = v;
    return MAPA_OK;
}

/*
 * One step of row k against the sign of its slack; the row's step halves when
 * the sign turns (a bisection on each price: rows differ in scale, one SPOC
 * against thousands of moves).
 */
static int64_t step_price(priced *c, size_t k, int64_t price, int64_t slack)
{
    signed char d = slack < 0 ? -1 : slack > 0 ? 1 : 0;
    if (d && c->dir[k] && d != c->dir[k] && c->step[k] > 1)
        c->step[k] /= 2;
    if (d)
        c->dir[k] = d;
    if (d > 0 && price == 0)
        return 0;
    int64_t v = price - d * c->step[k];
    return v > 0 ? v : 0;
}

/* A subgradient step: prices rise on rows the plan breaks and fall where it has room. */
static void update_prices(priced *c, const mapa_alloc *a)
{
    const mapa__alloc_problem *pr = c->pr;
    const mapa_partnership *p = pr->p;
    size_t T = c->T;
    int64_t stays = 0;
    memset(c->count, 0, 3 * T * sizeof *c->count);
    for (size_t i = 0; i < pr->n; i++) {
        size_t m = pr->member[i], t = a->team[m];
        const mapa_member *mm = &p->members[m];
        const mapa_agency *ag = &p->agencies[mm->agency];
        c->count[3 * t] += mm->spoc_willing;
        c->count[3 * t + 1] += ag->statutory;
        c->count[3 * t + 2] += mapa_sector_voluntary(ag->sector);
        stays += mm->previous_team == t;
    }
    for (size_t t = 0; t < T; t++) {
        c->price.spoc[t] = step_price(c, t, c->price.spoc[t], (int64_t)c->count[3 * t] - 1);
        if (pr->s->require_statutory)
            c->price.statutory[t] =
                step_price(c, T + t, c->price.statutory[t], (int64_t)c->count[3 * t + 1] - 1);
        if (pr->s->require_voluntary)
            c->price.voluntary[t] =
                step_price(c, 2 * T + t, c->price.voluntary[t], (int64_t)c->count[3 * t + 2] - 1);
    }
    if (pr->s->max_moves != MAPA_UNLIMITED && pr->n_with_previous > pr->s->max_moves)
        c->price.stay =
            step_price(c, 3 * T, c->price.stay,
                       stays - (int64_t)(pr->n_with_previous - pr->s->max_moves));
}

static void swap_duals(priced *c)
{
    mapa__alloc_duals tmp = c->best;
    c->best = c->cur;
    c->cur = tmp;
    c->have_best = true;
}

/* Subgradient rounds; false in *usable when a flow has no certificate (its duals prove nothing). */
static mapa_err price_rounds(priced *c, mapa_alloc *a, bool *usable)
{
    size_t stalled = 0;
    for (size_t round = 0; round < PRICE_ROUNDS && stalled < 4; round++) {
        if (round > 0)
            update_prices(c, a);
        mapa_err err = mapa__alloc_flow_priced(a, c->pr, &c->price, &c->cur, usable);
        if (err != MAPA_OK || !*usable || a->status == MAPA_STATUS_INFEASIBLE || !a->certified) {
            *usable = *usable && a->certified;
            return err;
        }
        if (!c->have_best || c->cur.bound < c->best.bound) {
            swap_duals(c);
            stalled = 0;
        } else {
            stalled++;
        }
        err = keep_plan(c, a);
        if (err != MAPA_OK)
            return err;
        if (c->plan && c->value >= c->best.bound)
            break; /* proven */
        if (mapa__alloc_remaining(c->pr) <= 0)
            break;
    }
    return MAPA_OK;
}

/* Fix every column that loses more than `gap` below the best bound. */
static void fixings(const priced *c, int64_t gap, unsigned char *xfix, unsigned char *ufix,
                    size_t *free_x)
{
    const mapa__alloc_duals *d = &c->best;
    size_t T = c->T;
    *free_x = 0;
    for (size_t i = 0; i < c->n; i++) {
        bool keep = d->chosen[i] != MAPA_NONE && d->keep_loss[i] > gap;
        for (size_t t = 0; t < T; t++) {
            int64_t loss = d->x_loss[i * T + t];
            unsigned char f = loss > gap ? MAPA_FIX_ZERO : MAPA_FIX_FREE;
            if (t == d->chosen[i] && keep)
                f = MAPA_FIX_ONE;
            xfix[i * T + t] = f;
            *free_x += loss != INT64_MAX && f == MAPA_FIX_FREE;
        }
    }
    for (size_t k = 0; k < 2 * c->A * T; k++)
        ufix[k] = d->u_loss[k] > gap ? MAPA_FIX_ZERO : MAPA_FIX_FREE;
}

static void say(const mapa_alloc_options *o, const char *line)
{
    if (o->log)
        o->log(line, o->payload);
}

/*
 * GLPK on the columns that can still matter. Without a plan yet, the gap is a
 * guess: 0 first (when the optimum equals L, every optimal plan uses only
 * columns that lose nothing), then one point, doubled while the model has no
 * plan; a plan V found so proves optimality only when L - V is within the
 * guess, else one more solve with gap L - V decides.
 */
static mapa_err fixed_solves(priced *c, mapa_alloc *a, const mapa_alloc_options *o)
{
    size_t T = c->T;
    unsigned char *xfix = malloc(c->n * T + 1), *ufix = malloc(2 * c->A * T + 1);
    mapa_err err = xfix && ufix ? MAPA_OK : mapa_error_set(MAPA_ENOMEM, "out of memory");
    int64_t L = c->best.bound, most = 0; /* the largest loss: beyond it nothing is fixed */
    for (size_t k = 0; k < c->n * T; k++)
        if (c->best.x_loss[k] != INT64_MAX && c->best.x_loss[k] > most)
            most = c->best.x_loss[k];
    for (size_t k = 0; k < 2 * c->A * T; k++)
        if (c->best.u_loss[k] != INT64_MAX && c->best.u_loss[k] > most)
            most = c->best.u_loss[k];
    for (size_t i = 0; i < c->n; i++)
        if (c->best.keep_loss[i] > most && c->best.keep_loss[i] < INT64_MAX / 8) /* else no move */
            most = c->best.keep_loss[i];
    /* first the columns that lose nothing: when the optimum is L, they hold every optimal plan */
    bool proven_gap = false;
    int64_t gap = 0;
    char line[200];
    while (err == MAPA_OK) {
        size_t free_x = 0;
        fixings(c, gap, xfix, ufix, &free_x);
        snprintf(line, sizeof line,
                 "prices on the flow: bound %.3f, %s; GLPK on %zu free member columns (gap %.3f)",
                 (double)L / (double)c->pr->scale,
                 c->plan ? "a plan keeping every rule" : "no plan yet", free_x,
                 (double)gap / (double)c->pr->scale);
        say(o, line);
        err = mapa__alloc_glpk_fixed(a, c->pr, o, xfix, ufix);
        if (err != MAPA_OK || a->status == MAPA_STATUS_TIME_LIMIT)
            break;
        if (a->status == MAPA_STATUS_INFEASIBLE) {
            if (c->plan && !proven_gap) { /* the flows' plan proves a gap */
                gap = L - c->value;
                proven_gap = true;
                continue;
            }
            if (proven_gap || gap > most)
                break; /* every column that could help was free: no plan */
            gap = gap ? 2 * gap : c->pr->scale;
            continue;
        }
        int64_t v = mapa__alloc_total(c->pr, a->team);
        if (c->plan && c->value > v)
            v = c->value;
        if (proven_gap || L - v <= gap)
            break; /* every column that could beat v was free */
        gap = L - v;
        proven_gap = true;
    }
    if (err == MAPA_OK && a->status == MAPA_STATUS_TIME_LIMIT) {
        bool glpk_plan = c->pr->n > 0 && a->team[c->pr->member[0]] != MAPA_NONE;
        if (c->plan && (!glpk_plan || mapa__alloc_total(c->pr, a->team) < c->value))
            memcpy(a->team, c->plan, c->pr->p->n_members * sizeof *a->team); /* the better plan */
        if (glpk_plan || c->plan) { /* the gap against the Lagrangian bound, a global one */
            double v = (double)mapa__alloc_total(c->pr, a->team);
            a->gap = ((double)L - v) / (fabs(v) > 1 ? fabs(v) : 1);
        }
    }
    if (err == MAPA_OK && a->status != MAPA_STATUS_INFEASIBLE)
        a->bound = (double)L / (double)c->pr->scale;
    a->method = "min-cost flow with prices, glpk";
    free(xfix);
    free(ufix);
    return err;
}

mapa_err mapa__alloc_priced(mapa_alloc *a, const mapa__alloc_problem *pr,
                            const mapa_alloc_options *o, bool *done)
{
    priced c;
    *done = false;
    mapa_err err = priced_init(&c, pr);
    bool usable = false;
    if (err == MAPA_OK)
        err = price_rounds(&c, a, &usable);
    if (err != MAPA_OK || !usable || !c.have_best)
        goto cleanup;
    *done = true;
    if (c.plan && c.value >= c.best.bound) { /* L = V: proven by the flow's potentials */
        memcpy(a->team, c.plan, pr->p->n_members * sizeof *a->team);
        a->status = MAPA_STATUS_OPTIMAL;
        a->certified = true;
        a->method = "min-cost flow with prices";
        a->bound = (double)c.best.bound / (double)pr->scale;
        say(o, "prices on the flow: a plan keeping every rule meets the Lagrangian bound");
        goto cleanup;
    }
    a->certified = false;
    err = fixed_solves(&c, a, o);
cleanup:
    priced_free(&c);
    return err;
}
