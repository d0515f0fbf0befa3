/*
 * mapa_cf_solve: checks supply against the Critical Friend places, solves
 * (the transportation flow when its optimum meets every rule, GLPK with
 * connectivity cuts otherwise), and explains every empty place.
 */
#define _POSIX_C_SOURCE 200809L
#include <mapa/cf.h>

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "solver/alloc_problem.h"
#include "solver/cf_problem.h"
#include "solver/cf_reach.h"
#include "solver/memory.h"
#include "models/util.h"

static bool note(mapa_cf *out, size_t topic, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static bool note(mapa_cf *out, size_t topic, const char *fmt, ...)
{
    char text[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    mapa_alloc tmp = MAPA_ALLOC_INIT; /* reuse the allocation's note list */
    tmp.notes = out->notes;
    tmp.n_notes = out->n_notes;
    bool ok = mapa__alloc_note(&tmp, topic, MAPA_NONE, "%s", text);
    out->notes = tmp.notes;
    out->n_notes = tmp.n_notes;
    return ok;
}

/* Supply against demand; every shortfall is a note. *ok false when coverage is impossible. */
static mapa_err precheck(mapa_cf *out, const mapa__cf_problem *pr, bool *ok_out)
{
    const mapa_partnership *p = pr->p;
    size_t T = pr->T, capacity = 0;
    bool ok = true;
    for (size_t i = 0; i < pr->n; i++)
        capacity += pr->cap[i];
    if (capacity < pr->places) {
        note(out, MAPA_NONE,
             "%zu Critical Friend places are needed but the members who can serve offer only "
             "%zu: raise cf_capacity or lower cf_required",
             pr->places, capacity);
        ok = false;
    }
    size_t *per_home = calloc(T + 1, sizeof *per_home), senders = 0;
    if (!per_home)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for Critical Friends");
    for (size_t i = 0; i < pr->n; i++)
        per_home[mapa__cf_home(pr, i)]++;
    for (size_t h = 0; h < T; h++)
        senders += per_home[h] > 0;
    for (size_t t = 0; t < T; t++) {
        size_t need = p->topics[t].cf_required;
        size_t homes = senders - (per_home[t] > 0), people = pr->n - per_home[t];
        if (homes < need) {
            note(out, t,
                 "Team '%s' needs %zu Critical Friends from different teams but only %zu other "
                 "team%s a member who can serve: lower its cf_required or raise a capacity",
                 p->topics[t].name, need, homes, homes == 1 ? " has" : "s have");
            ok = false;
        } else if (people < need * pr->S) {
            note(out, t,
                 "Team '%s' needs %zu Critical Friends but only %zu members of other teams can "
                 "serve",
                 p->topics[t].name, need * pr->S, people);
            ok = false;
        }
    }
    free(per_home);
    *ok_out = ok;
    return MAPA_OK;
}

static void explain_shortfalls(mapa_cf *out, const mapa__cf_problem *pr)
{
    for (size_t t = 0; t < pr->T; t++)
        if (out->short_by[t] > 0)
            note(out, t, "Team '%s' has %zu of its %zu Critical Friend places filled",
                 pr->p->topics[t].name, pr->p->topics[t].cf_required * pr->S - out->short_by[t],
                 pr->p->topics[t].cf_required * pr->S);
    for (size_t h = 0; h < pr->T && !out->strongly_connected; h++) {
        bool any = false;
        for (size_t i = 0; i < pr->n && !any; i++)
            any = mapa__cf_home(pr, i) == h;
        if (!any)
            note(out, h,
                 "Team '%s' has no member who can serve as a Critical Friend, so what it "
                 "learns reaches no other team through CFs",
                 pr->p->topics[h].name);
    }
}

/* Allow the candidate-team variables whose reduced cost is at most `limit`; false if none new. */
static bool widen(unsigned char *allow, const int64_t *rc, size_t count, int64_t limit)
{
    bool grew = false;
    for (size_t k = 0; k < count; k++)
        if (!allow[k] && rc[k] <= limit) {
            allow[k] = 1;
            grew = true;
        }
    return grew;
}

/*
 * The first variables: the flow's own plan, and for each pair of teams (h, t)
 * the two members of h with the least reduced cost for t, so that every team
 * pair can be linked. Ties in scores make many arcs cost-free; taking them all
 * would make the first model large for nothing.
 */
static void seed(unsigned char *allow, const mapa_cf *flow, const mapa__cf_problem *pr,
                 const int64_t *rc)
{
    size_t T = pr->T;
    for (size_t k = 0; k < flow->n_pairs; k++)
        for (size_t i = 0; i < pr->n; i++)
            if (pr->cand[i] == flow->pairs[k].member)
                allow[i * T + flow->pairs[k].team] = 1;
    size_t *best = malloc(2 * T * T * sizeof *best);
    if (!best) { /* no room for the choice: allow everything cost-free */
        widen(allow, rc, pr->n * T, 0);
        return;
    }
    for (size_t k = 0; k < 2 * T * T; k++)
        best[k] = MAPA_NONE;
    for (size_t i = 0; i < pr->n; i++) {
        size_t h = mapa__cf_home(pr, i);
        for (size_t t = 0; t < T; t++) {
            if (rc[i * T + t] == INT64_MAX)
                continue;
            size_t *b = &best[2 * (h * T + t)];
            if (b[0] == MAPA_NONE || rc[i * T + t] < rc[b[0] * T + t]) {
                b[1] = b[0];
                b[0] = i;
            } else if (b[1] == MAPA_NONE || rc[i * T + t] < rc[b[1] * T + t]) {
                b[1] = i;
            }
        }
    }
    for (size_t h = 0; h < T; h++)
        for (size_t t = 0; t < T; t++)
            for (size_t k = 0; k < 2; k++)
                if (best[2 * (h * T + t) + k] != MAPA_NONE)
                    allow[best[2 * (h * T + t) + k] * T + t] = 1;
    free(best);
}

/*
 * The flow's optimum U bounds every plan; a plan using an arc of reduced cost
 * rc scores at most U - rc (docs/model.md). So GLPK first gets only the arcs
 * of small reduced cost; once it has a connected plan of value V, arcs with
 * rc > U - V cannot be in a better plan, and one last solve over the rest is
 * optimal for the whole model.
 */
static mapa_err reduced_glpk(mapa_cf *out, const mapa__cf_problem *pr, const mapa_cf_options *o,
                             const int64_t *rc, int64_t upper)
{
    size_t count = pr->n * pr->T;
    unsigned char *allow = calloc(count + 1, 1);
    if (!allow)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for Critical Friends");
    mapa_err err = MAPA_OK;
    mapa__cf_rows rows = {NULL, 0, NULL}; /* cuts carry from one solve to the next */
    int64_t limit = 0, most = 0;
    for (size_t k = 0; k < count; k++)
        if (rc[k] != INT64_MAX && rc[k] > most)
            most = rc[k];
    seed(allow, out, pr, rc);
    for (;;) {
        err = mapa__cf_glpk(out, pr, o, false, allow, &rows);
        if (err != MAPA_OK || out->status == MAPA_STATUS_TIME_LIMIT)
            break;
        if (out->status == MAPA_STATUS_INFEASIBLE) { /* too few arcs: take more */
            bool grew = false;
            while (!grew && limit < most) {
                limit = limit ? 2 * limit : pr->scale / 2;
                grew = widen(allow, rc, count, limit);
            }
            if (!grew)
                break; /* every arc was there: no connected plan exists */
            continue;
        }
        err = mapa__cf_figures(out, pr);
        int64_t value = llround(out->objective * (double)pr->scale);
        if (err != MAPA_OK || value >= upper || !widen(allow, rc, count, upper - value))
            break; /* every arc that could do better was already allowed */
        err = mapa__cf_glpk(out, pr, o, false, allow, &rows); /* with the cuts found so far */
        break;
    }
    mapa__cf_rows_dispose(&rows);
    free(allow);
    return err;
}

/*
 * The flow's plan (strongly connected, its reach raised by swaps) has the
 * flow's optimum U and R pairs within two steps. Any plan x scores at most
 * U - rc(x) + w * Rmax / (T(T-1)), Rmax the reach's upper bound, so a better
 * plan uses only arcs of reduced cost <= w * (Rmax - R) / (T(T-1)). GLPK gets
 * only those.
 */
static mapa_err reach_glpk(mapa_cf *out, const mapa__cf_problem *pr, const mapa_cf_options *o,
                           const int64_t *rc)
{
    size_t count = pr->n * pr->T, pairs = pr->T * (pr->T - 1);
    unsigned char *allow = calloc(count + 1, 1);
    if (!allow)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for Critical Friends");
    size_t found = (size_t)llround(out->reach2 * (double)pairs), bound = mapa__cf_reach_bound(pr);
    double room = (double)(bound > found ? bound - found : 0) / (double)pairs;
    widen(allow, rc, count, (int64_t)ceil(pr->s->cf_reach_weight * room * (double)pr->scale));
    out->certified = false;
    mapa_err err = mapa__cf_glpk(out, pr, o, false, allow, NULL);
    free(allow);
    return err;
}

static mapa_err optimal(mapa_cf *out, const mapa__cf_problem *pr, const mapa_cf_options *o)
{
    bool soft = pr->s->soft, supplied = false;
    mapa_err checked = precheck(out, pr, &supplied);
    if (checked != MAPA_OK)
        return checked;
    if (!supplied && !soft) {
        out->status = MAPA_STATUS_INFEASIBLE;
        out->method = "pre-check";
        return MAPA_OK;
    }
    bool usable = false, reach_best = false;
    mapa_err err = MAPA_OK;
    if (!o->full && pr->reach) { /* up to 8 teams: the team graphs by branch and bound */
        bool decided = false;
        err = mapa__cf_graphs(out, pr, o, &decided);
        if (err != MAPA_OK || decided)
            return err;
    }
    if (!o->full && mapa__cf_tour_applies(pr)) { /* one CF per team: a tour of the teams */
        bool toured = false;
        err = mapa__cf_tour(out, pr, o, &toured);
        if (err != MAPA_OK || toured)
            return err; /* a tour (optimal, or the best in time), or none in time */
    }
    int64_t *rc = NULL;
    if (!o->full) { /* --write-lp changes nothing here: the model is written after the solve */
        /* the network (every candidate-team arc, or a few per team pair), the arc index,
         * the reduced costs and the pricing marks per candidate and team */
        double dense = (double)pr->n * (double)pr->T, keep = (double)mapa__cf_pair_keep(pr);
        double arcs = (keep ? keep * (double)pr->T * (double)pr->T : dense) +
                      (double)pr->n * 2 + (double)pr->T * (double)(pr->T + 1);
        err = mapa__memory_check(arcs * MAPA_MCF_BYTES_PER_ARC + dense * 17, pr->max_memory,
                                 "The Critical Friend flow network");
        if (err != MAPA_OK)
            return err;
        /* the reduced costs restrict the member model; the team-arc model needs none */
        bool want_rc = !mapa__cf_arcs_apply(pr);
        rc = malloc(((want_rc ? pr->n * pr->T : 0) + 1) * sizeof *rc);
        err = rc ? mapa__cf_flow(out, pr, &usable, want_rc ? rc : NULL, &reach_best)
                 : mapa_error_set(MAPA_ENOMEM, "out of memory for Critical Friends");
    }
    if (err == MAPA_OK && usable) {
        err = mapa__cf_figures(out, pr);
        if (o->log) {
            char line[160];
            snprintf(line, sizeof line,
                     "transportation flow: %zu of %zu places, objective %.4f, team graph %s",
                     out->filled, out->places, out->objective,
                     out->strongly_connected ? "strongly connected" : "not strongly connected");
            o->log(line, o->payload);
        }
        bool done = out->status == MAPA_STATUS_INFEASIBLE ? !soft : out->strongly_connected;
        if (err == MAPA_OK && pr->reach && out->status != MAPA_STATUS_INFEASIBLE && !soft &&
            !(done && reach_best && out->certified)) {
            /* the flow ignores the reach term; GLPK adds it on the arcs that can matter */
            err = done ? reach_glpk(out, pr, o, rc) : mapa__cf_glpk(out, pr, o, false, NULL, NULL);
            free(rc);
            return err;
        }
        if (err == MAPA_OK && !done && out->status != MAPA_STATUS_INFEASIBLE && !soft) {
            out->certified = false;
            bool decided = false;
            if (mapa__cf_arcs_apply(pr)) { /* the team graph first, members after */
                mapa_cf_pair *flow_pairs = out->pairs;
                size_t flow_n = out->n_pairs;
                out->pairs = NULL;
                err = mapa__cf_tour(out, pr, o, &decided);
                if (err == MAPA_OK && decided && out->n_pairs == 0 &&
                    out->status == MAPA_STATUS_TIME_LIMIT) { /* nothing in time: the flow's */
                    free(out->pairs);
                    out->pairs = flow_pairs;
                    out->n_pairs = flow_n;
                    flow_pairs = NULL;
                } else if (!decided) {
                    free(out->pairs);
                    out->pairs = flow_pairs;
                    out->n_pairs = flow_n;
                    flow_pairs = NULL;
                }
                free(flow_pairs);
            }
            if (err == MAPA_OK && !decided && !mapa__cf_arcs_apply(pr))
                err = reduced_glpk(out, pr, o, rc, llround(out->objective * (double)pr->scale));
            else if (err == MAPA_OK && !decided) /* the member model, without reduced costs */
                err = mapa__cf_glpk(out, pr, o, false, NULL, NULL);
            done = true;
        }
        if (err != MAPA_OK || done) {
            free(rc);
            return err;
        }
        out->certified = false;
    }
    free(rc);
    return err == MAPA_OK ? mapa__cf_glpk(out, pr, o, soft, NULL, NULL) : err;
}

mapa_err mapa_cf_solve(mapa_cf *result, const mapa_partnership *p, const size_t *team,
                       const size_t *spoc, const mapa_cf_options *options)
{
    mapa_cf_options defaults = MAPA_CF_OPTIONS_INIT;
    const mapa_cf_options *o = options ? options : &defaults;
    double start = mapa__now();
    mapa_cf out = MAPA_CF_INIT;
    mapa__cf_problem pr;
    mapa_err err = mapa__cf_problem_init(&pr, p, team, spoc);
    if (err != MAPA_OK)
        return err;
    out.n_topics = p->n_topics;
    out.places = pr.places;
    out.short_by = calloc(p->n_topics + 1, sizeof *out.short_by);
    if (!out.short_by)
        err = mapa_error_set(MAPA_ENOMEM, "out of memory for Critical Friends");
    double limit = o->time_limit > 0 ? o->time_limit : p->settings.time_limit;
    pr.deadline = limit > 0 ? start + limit : 0; /* the whole stage, settings.json's too */
    pr.max_memory = mapa__memory_limit(o->max_memory);
    pr.pair_members = o->pair_members;
    if (err == MAPA_OK)
        err = mapa__cf_problem_link(&pr, o->overlap);
    if (err == MAPA_OK)
        err = o->policy == MAPA_CF_OPTIMAL
                  ? optimal(&out, &pr, o)
                  : mapa__cf_baseline(&out, &pr, o->policy == MAPA_CF_RANDOM);
    if (err == MAPA_OK && o->write_lp && o->policy == MAPA_CF_OPTIMAL)
        err = mapa__cf_write_lp(&pr, o->write_lp);
    bool planned =
        out.status != MAPA_STATUS_INFEASIBLE || pr.s->soft || o->policy != MAPA_CF_OPTIMAL;
    if (err == MAPA_OK && !planned)
        out.n_pairs = 0;
    if (err == MAPA_OK)
        err = mapa__cf_figures(&out, &pr);
    if (err == MAPA_OK && out.status == MAPA_STATUS_OPTIMAL)
        out.bound = out.objective;
    if (err == MAPA_OK && (planned || out.n_notes == 0) && o->policy != MAPA_CF_NONE)
        explain_shortfalls(&out, &pr);
    if (err == MAPA_OK && out.status == MAPA_STATUS_TIME_LIMIT &&
        !note(&out, MAPA_NONE,
              out.n_pairs == 0 ? "No Critical Friend plan was found within the time limit of %g s"
              : out.strongly_connected
                  ? "The time limit of %g s stopped the search: the plan keeps every rule but "
                    "is not proven optimal"
                  : "The time limit of %g s stopped the search before the team graph was "
                    "strongly connected: this plan fills the places but breaks that rule",
              limit))
        err = mapa_error_set(MAPA_ENOMEM, "out of memory for Critical Friends");
    if (err == MAPA_OK && pr.s->soft && out.filled < out.places &&
        out.status == MAPA_STATUS_OPTIMAL)
        out.status = MAPA_STATUS_FEASIBLE;
    mapa__cf_problem_dispose(&pr);
    out.seconds = mapa__now() - start;
    if (err != MAPA_OK) {
        mapa_cf_dispose(&out);
        return err;
    }
    *result = out;
    return MAPA_OK;
}

