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
#include "solver/mcf.h"

enum { PRICE_ROUNDS = 16 };

/* Losses at or above this are no move at all for the repair (costs stay far from overflow). */
#define LOSS_CAP ((int64_t)1 << 40)

typedef struct priced {
    const mapa__alloc_problem *pr;
    size_t n, T, A;
    mapa__alloc_prices price;
    mapa__alloc_duals cur, best; /* the last flow's, and the lowest bound's */
    bool have_best;
    mapa__alloc_prices best_price; /* the prices of the lowest bound */
    size_t *best_team;             /* the flow's plan at them (per member of p) */
    size_t *plan;                  /* best plan keeping every rule (per member of p), or NULL */
    int64_t value;                 /* its total */
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
    free(c->best_price.spoc);
    free(c->best_price.statutory);
    free(c->best_price.voluntary);
    free(c->best_team);
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
    c->best_price.spoc = calloc(T + 1, sizeof *c->best_price.spoc);
    c->best_price.statutory = calloc(T + 1, sizeof *c->best_price.statutory);
    c->best_price.voluntary = calloc(T + 1, sizeof *c->best_price.voluntary);
    c->best_team = malloc((pr->p->n_members + 1) * sizeof *c->best_team);
    c->mask = calloc(T + 1, 1);
    c->count = calloc(3 * T + 1, sizeof *c->count);
    c->step = malloc((3 * T + 1) * sizeof *c->step);
    c->dir = calloc(3 * T + 1, 1);
    for (size_t k = 0; c->step && k <= 3 * T; k++)
        c->step[k] = pr->scale;
    if (!c->price.spoc || !c->price.statutory || !c->price.voluntary || !c->mask ||
        !c->best_price.spoc || !c->best_price.statutory || !c->best_price.voluntary ||
        !c->best_team || !c->count || !c->step || !c->dir)
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
        c->price.stay = step_price(c, 3 * T, c->price.stay,
                                   stays - (int64_t)(pr->n_with_previous - pr->s->max_moves));
}

/* The last flow has the lowest bound so far: keep its duals, prices and plan. */
static void swap_duals(priced *c, const mapa_alloc *a)
{
    mapa__alloc_duals tmp = c->best;
    c->best = c->cur;
    c->cur = tmp;
    c->have_best = true;
    size_t T = c->T;
    memcpy(c->best_price.spoc, c->price.spoc, T * sizeof *c->price.spoc);
    memcpy(c->best_price.statutory, c->price.statutory, T * sizeof *c->price.statutory);
    memcpy(c->best_price.voluntary, c->price.voluntary, T * sizeof *c->price.voluntary);
    c->best_price.stay = c->price.stay;
    memcpy(c->best_team, a->team, c->pr->p->n_members * sizeof *a->team);
}

/*
 * Subgradient rounds. Round 0 (no prices) is the caller's flow when `seeded`
 * (a->team holds its certified plan, covered as in mapa__alloc_flow): its
 * bound is its plan's total.
 */
static mapa_err price_rounds(priced *c, mapa_alloc *a, bool seeded, bool *usable)
{
    size_t stalled = 0;
    c->price.cover = true; /* each flow's plan covers what its face allows: an early proof */
    for (size_t round = 0; round < PRICE_ROUNDS && stalled < 4; round++) {
        if (round > 0 && mapa__alloc_remaining(c->pr) <= 0)
            break; /* past the time limit: no more flows */
        if (round > 0)
            update_prices(c, a);
        mapa_err err = MAPA_OK;
        if (round == 0 && seeded) {
            *usable = true;
            c->cur.bound = mapa__alloc_total(c->pr, a->team);
        } else {
            err = mapa__alloc_flow_priced(a, c->pr, &c->price, &c->cur, usable);
        }
        if (err == MAPA_OK && a->status == MAPA_STATUS_TIME_LIMIT)
            break; /* the flow stopped at the time limit */
        if (err != MAPA_OK || !*usable || a->status == MAPA_STATUS_INFEASIBLE || !a->certified) {
            *usable = *usable && a->certified;
            return err;
        }
        if (!c->have_best || c->cur.bound < c->best.bound) {
            swap_duals(c, a);
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

/*
 * The assignment of one SPOC to each team (docs/model.md, "Repair"): teams
 * -> willing members at the least loss the best duals allow, a min-cost flow
 * S -> team -> (member | willing class -> member) -> SS. A pooled member
 * reaches a team outside its own options through its agency's willing class,
 * at the class's pool loss there plus the member's loss for leaving its team
 * (members of a class are interchangeable there, so any pairing of the
 * class's teams and members costs the same). Fills force[i]; false in *found
 * when some team gets no one.
 */
typedef struct spoc_net {
    mapa__mcf *g;
    size_t *direct; /* per edge team -> member: arc id, team, member (3 entries) */
    size_t n_direct;
    size_t *via_class; /* per team -> class arc: arc id, team, agency */
    size_t n_via;
    size_t *from_class; /* per member i: its class -> member arc, or MAPA_NONE */
} spoc_net;

static mapa_err spoc_edges(spoc_net *sn, priced *c, size_t mem0, size_t cls0)
{
    const mapa__alloc_problem *pr = c->pr;
    const mapa__alloc_duals *d = &c->best;
    size_t T = c->T;
    mapa_err err = MAPA_OK;
    for (size_t a = 0; a < c->A && err == MAPA_OK; a++)
        for (size_t t = 0; t < T && err == MAPA_OK; t++) {
            int64_t u = d->u_loss[(2 * a + 1) * T + t];
            size_t *e = &sn->via_class[3 * sn->n_via];
            if (u >= LOSS_CAP)
                continue;
            err = mapa__mcf_add_arc(sn->g, &e[0], 2 + t, cls0 + a, (int64_t)T, u);
            e[1] = t, e[2] = a, sn->n_via++;
        }
    for (size_t i = 0; i < c->n && err == MAPA_OK; i++) {
        size_t m = pr->member[i], home = c->best_team[m];
        const mapa_member *mm = &pr->p->members[m];
        sn->from_class[i] = MAPA_NONE;
        if (!mm->spoc_willing)
            continue;
        err = mapa__mcf_add_arc(sn->g, NULL, mem0 + i, 1, 1, 0);
        for (size_t t = 0; t < T && err == MAPA_OK; t++) {
            int64_t loss = t == home                        ? 0
                           : mapa__alloc_explicit(pr, m, t) ? d->x_loss[i * T + t]
                                                            : INT64_MAX;
            size_t *e = &sn->direct[3 * sn->n_direct];
            if (loss >= LOSS_CAP)
                continue;
            err = mapa__mcf_add_arc(sn->g, &e[0], 2 + t, mem0 + i, 1, loss);
            e[1] = t, e[2] = i, sn->n_direct++;
        }
        if (err == MAPA_OK && mapa__alloc_pooled(pr, m) && d->keep_loss[i] < LOSS_CAP)
            err = mapa__mcf_add_arc(sn->g, &sn->from_class[i], cls0 + mm->agency, mem0 + i, 1,
                                    d->keep_loss[i]);
    }
    return err;
}

/* Who went where: direct edges, then each class's teams paired with its members in order. */
static void spoc_read(const spoc_net *sn, priced *c, size_t *force)
{
    for (size_t k = 0; k < sn->n_direct; k++)
        if (mapa__mcf_flow(sn->g, sn->direct[3 * k]) > 0)
            force[sn->direct[3 * k + 2]] = sn->direct[3 * k + 1];
    size_t next = 0; /* members are visited in order, classes by agency */
    for (size_t k = 0; k < sn->n_via; k++) {
        int64_t units = mapa__mcf_flow(sn->g, sn->via_class[3 * k]);
        size_t t = sn->via_class[3 * k + 1], a = sn->via_class[3 * k + 2];
        if (k > 0 && sn->via_class[3 * (k - 1) + 2] != a)
            next = 0;
        for (; units > 0 && next < c->n; next++) {
            size_t arc = sn->from_class[next];
            if (arc == MAPA_NONE || c->pr->p->members[c->pr->member[next]].agency != a ||
                mapa__mcf_flow(sn->g, arc) == 0)
                continue;
            force[next] = t;
            units--;
        }
    }
}

static mapa_err assign_spocs(priced *c, size_t *force, bool *found)
{
    size_t T = c->T, A = c->A, n = c->n, willing = 0;
    for (size_t i = 0; i < n; i++) {
        willing += c->pr->p->members[c->pr->member[i]].spoc_willing;
        force[i] = MAPA_NONE;
    }
    size_t cls0 = 2 + T, mem0 = cls0 + A; /* nodes: S, SS, teams, classes, members */
    spoc_net sn = {0};
    sn.direct = malloc((3 * willing * T + 1) * sizeof *sn.direct);
    sn.via_class = malloc((3 * A * T + 1) * sizeof *sn.via_class);
    sn.from_class = malloc((n + 1) * sizeof *sn.from_class);
    mapa_err err = sn.direct && sn.via_class && sn.from_class
                       ? mapa__mcf_new(&sn.g, mem0 + n, 4 * willing + A * T + T)
                       : mapa_error_set(MAPA_ENOMEM, "out of memory for the allocation");
    *found = false;
    for (size_t t = 0; t < T && err == MAPA_OK; t++)
        err = mapa__mcf_add_arc(sn.g, NULL, 0, 2 + t, 1, 0);
    if (err == MAPA_OK)
        err = spoc_edges(&sn, c, mem0, cls0);
    int64_t sent = 0;
    if (err == MAPA_OK)
        err = mapa__mcf_solve(sn.g, 0, 1, (int64_t)T, &sent);
    if (err == MAPA_OK && sent == (int64_t)T) {
        spoc_read(&sn, c, force);
        *found = true;
    }
    mapa__mcf_free(sn.g);
    free(sn.direct);
    free(sn.via_class);
    free(sn.from_class);
    return err;
}

/*
 * The losses of the best prices (the rounds keep only bounds): their flow once
 * more, with every loss (docs/model.md), and its plan as the best flow's.
 */
static mapa_err need_losses(priced *c, mapa_alloc *a)
{
    if (c->best.x_loss)
        return MAPA_OK;
    int64_t bound = c->best.bound;
    bool usable = false;
    if (!duals_new(&c->best, c->n, c->T, c->A))
        return mapa_error_set(MAPA_ENOMEM, "out of memory for the allocation");
    mapa__alloc_prices pc = c->best_price;
    pc.cover = true;
    mapa_err err = mapa__alloc_flow_priced(a, c->pr, &pc, &c->best, &usable);
    if (err == MAPA_OK && a->status == MAPA_STATUS_TIME_LIMIT) { /* no losses: time is up */
        duals_free(&c->best);
        c->best = (mapa__alloc_duals){.bound = bound};
        return MAPA_OK;
    }
    if (err == MAPA_OK && (!usable || !a->certified || c->best.bound != bound))
        err = mapa_error_set(MAPA_EDEPENDENCY, "the priced flow did not repeat its bound");
    if (err == MAPA_OK)
        memcpy(c->best_team, a->team, c->pr->p->n_members * sizeof *a->team);
    return err;
}

/* Members kept in their previous team by a plan. */
static int64_t count_stays(const priced *c, const size_t *team)
{
    int64_t stays = 0;
    for (size_t i = 0; i < c->n; i++) {
        size_t m = c->pr->member[i];
        stays += c->pr->p->members[m].previous_team == team[m];
    }
    return stays;
}

/* The flow with SPOCs forced; keeps its plan if it keeps every rule; *stays its stays. */
static mapa_err forced_flow(priced *c, mapa_alloc *a, const mapa__alloc_prices *pc, int64_t *stays,
                            bool *ok)
{
    if (mapa__alloc_remaining(c->pr) <= 0) { /* past the time limit: no more flows */
        *ok = false;
        return MAPA_OK;
    }
    mapa_err err = mapa__alloc_flow_priced(a, c->pr, pc, NULL, ok);
    *ok = *ok && err == MAPA_OK && a->status != MAPA_STATUS_INFEASIBLE &&
          a->status != MAPA_STATUS_TIME_LIMIT;
    if (!*ok)
        return err;
    *stays = count_stays(c, a->team);
    return keep_plan(c, a);
}

/*
 * Repair (docs/model.md): one SPOC per team forced by the assignment above,
 * the SPOC rows so kept, their prices dropped; the rest is the network and
 * the moves row, whose one price is raised (doubling, then bisection) to the
 * least that keeps the cap. Every plan that keeps every rule is kept (V).
 */
/* The least number of stays the moves row allows (0: no such row). */
static int64_t stays_needed(const mapa__alloc_problem *pr)
{
    if (pr->s->max_moves == MAPA_UNLIMITED || pr->n_with_previous <= pr->s->max_moves)
        return 0;
    return (int64_t)(pr->n_with_previous - pr->s->max_moves);
}

/*
 * The moves row's one price, raised from pc->stay (doubling, then bisection)
 * to the least that keeps the cap, each a flow with the other prices of `pc`.
 */
static mapa_err raise_stay(priced *c, mapa_alloc *a, mapa__alloc_prices *pc, int64_t stays, bool ok)
{
    const mapa__alloc_problem *pr = c->pr;
    int64_t need = stays_needed(pr), lo = pc->stay, hi = lo, step = pr->scale;
    mapa_err err = MAPA_OK;
    for (size_t k = 0; k < 40 && err == MAPA_OK && ok && stays < need; k++, step *= 2) {
        lo = hi;
        pc->stay = hi = lo + step;
        err = forced_flow(c, a, pc, &stays, &ok);
    }
    for (size_t k = 0; k < 16 && err == MAPA_OK && ok && hi - lo > 1; k++) {
        if (mapa__alloc_remaining(pr) <= 0 || (c->plan && c->value >= c->best.bound))
            break;
        pc->stay = lo + (hi - lo) / 2;
        err = forced_flow(c, a, pc, &stays, &ok);
        if (stays >= need)
            hi = pc->stay;
        else
            lo = pc->stay;
    }
    return err;
}

/*
 * Repair (docs/model.md, "Repair"): first the bound's own optimal face, the
 * flow at the best prices with zero-cost cycles that cover teams (when the
 * optimum equals the bound, some plan there keeps every rule); then one SPOC
 * agency per team from the assignment above, the SPOC rows so kept and their
 * prices dropped. Each time the moves row's price is raised until the cap
 * holds. Every plan that keeps every rule is kept (V).
 */
static mapa_err repair(priced *c, mapa_alloc *a)
{
    const mapa__alloc_problem *pr = c->pr;
    int64_t stays = 0, need = stays_needed(pr);
    bool ok = false;
    mapa__alloc_prices pc = c->best_price;
    pc.cover = true;
    mapa_err err = forced_flow(c, a, &pc, &stays, &ok);
    if (err == MAPA_OK && ok && stays < need)
        err = raise_stay(c, a, &pc, stays, ok);
    if (err != MAPA_OK || (c->plan && c->value >= c->best.bound) || mapa__alloc_remaining(pr) <= 0)
        return err;
    size_t *force = malloc((c->n + 1) * sizeof *force);
    int64_t *zero = calloc(c->T + 1, sizeof *zero);
    size_t *agency = malloc((c->T + 1) * sizeof *agency); /* the SPOC's agency per team */
    bool found = false;
    err = force && zero && agency ? need_losses(c, a)
                                  : mapa_error_set(MAPA_ENOMEM, "out of memory for the allocation");
    if (err == MAPA_OK && c->best.x_loss)
        err = assign_spocs(c, force, &found);
    for (size_t t = 0; err == MAPA_OK && t < c->T; t++)
        agency[t] = MAPA_NONE;
    for (size_t i = 0; err == MAPA_OK && found && i < c->n; i++)
        if (force[i] != MAPA_NONE)
            agency[force[i]] = pr->p->members[pr->member[i]].agency;
    pc = c->best_price;
    pc.spoc = zero;
    pc.spoc_agency = agency;
    if (err == MAPA_OK && found)
        err = forced_flow(c, a, &pc, &stays, &ok);
    if (err == MAPA_OK && found && ok && stays < need)
        err = raise_stay(c, a, &pc, stays, ok);
    free(force);
    free(zero);
    free(agency);
    return err;
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

/* Past the time limit: the best plan keeping every rule with its bound and gap, or no plan. */
static void time_up(const priced *c, mapa_alloc *a)
{
    const mapa__alloc_problem *pr = c->pr;
    a->status = MAPA_STATUS_TIME_LIMIT;
    a->method = "min-cost flow with prices";
    a->bound = c->have_best ? (double)c->best.bound / (double)pr->scale : 0;
    for (size_t i = 0; i < pr->n; i++)
        a->team[pr->member[i]] = c->plan ? c->plan[pr->member[i]] : MAPA_NONE;
    if (c->plan) {
        double v = (double)c->value;
        a->gap = ((double)c->best.bound - v) / (fabs(v) > 1 ? fabs(v) : 1);
    }
}

mapa_err mapa__alloc_priced(mapa_alloc *a, const mapa__alloc_problem *pr,
                            const mapa_alloc_options *o, bool seeded, bool *done)
{
    priced c;
    *done = false;
    mapa_err err = priced_init(&c, pr);
    bool usable = false;
    if (err == MAPA_OK)
        err = price_rounds(&c, a, seeded, &usable);
    if (err == MAPA_OK && a->status == MAPA_STATUS_TIME_LIMIT) { /* a flow stopped */
        *done = true;
        time_up(&c, a);
        goto cleanup;
    }
    if (err != MAPA_OK || !usable || !c.have_best)
        goto cleanup;
    *done = true;
    if (!(c.plan && c.value >= c.best.bound)) {
        err = repair(&c, a);
        char line[160];
        snprintf(line, sizeof line, "prices on the flow: bound %.3f; repaired plan %.3f",
                 (double)c.best.bound / (double)pr->scale,
                 c.plan ? (double)c.value / (double)pr->scale : NAN);
        say(o, line);
    }
    if (err != MAPA_OK)
        goto cleanup;
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
    if (mapa__alloc_remaining(pr) <= 0) { /* no time for GLPK: the best plan so far, or none */
        time_up(&c, a);
        goto cleanup;
    }
    err = need_losses(&c, a);
    if (err == MAPA_OK && !c.best.x_loss)
        time_up(&c, a);
    else if (err == MAPA_OK)
        err = fixed_solves(&c, a, o);
cleanup:
    priced_free(&c);
    return err;
}
