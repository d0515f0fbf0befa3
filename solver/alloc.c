/*
 * mapa_alloc_solve: checks supply and demand, solves (min-cost flow when the
 * side rows hold at an optimum it reaches, then prices on the flow and their
 * repairs, GLPK on what they leave open), explains infeasibility with a soft
 * solve, picks each team's SPOC, and fills the figures.
 */
#define _POSIX_C_SOURCE 200809L
#include <mapa/alloc.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "solver/alloc_problem.h"
#include "solver/memory.h"
#include "models/util.h"

static void say(const mapa_alloc_options *o, const char *line)
{
    if (o->log)
        o->log(line, o->payload);
}

/* The SPOC of each team: a willing member who ranked the topic best (then file order). */
static mapa_err choose_spocs(mapa_alloc *a, const mapa__alloc_problem *pr)
{
    const mapa_partnership *p = pr->p;
    size_t *best = calloc(p->n_topics ? p->n_topics : 1, sizeof *best);
    for (size_t t = 0; t < p->n_topics; t++)
        a->spoc[t] = MAPA_NONE;
    if (!best) /* never a plan whose teams silently have no SPOC */
        return mapa_error_set(MAPA_ENOMEM, "out of memory choosing the SPOCs");
    for (size_t i = 0; i < pr->n; i++) {
        size_t m = pr->member[i], t = a->team[m];
        const mapa_member *mm = &p->members[m];
        if (t == MAPA_NONE || !mm->spoc_willing)
            continue;
        size_t r = mapa_member_rank(mm, t);
        size_t key = r ? r : pr->K + 1;
        if (a->spoc[t] == MAPA_NONE || key < best[t]) {
            a->spoc[t] = m;
            best[t] = key;
        }
    }
    free(best);
    return MAPA_OK;
}

/* One solve at the problem's current rank limit. */
static mapa_err solve_once(mapa_alloc *a, const mapa__alloc_problem *pr,
                           const mapa_alloc_options *o, bool soft)
{
    if (soft || o->formulation != MAPA_FORMULATION_AUTO)
        return mapa__alloc_glpk(a, pr, o, o->formulation == MAPA_FORMULATION_FULL, soft, NULL);
    bool usable = false;
    mapa_err err = mapa__alloc_flow(a, pr, &usable);
    if (err != MAPA_OK ||
        (usable && (a->status == MAPA_STATUS_INFEASIBLE || a->status == MAPA_STATUS_TIME_LIMIT)))
        return err; /* no plan; past the time limit, mapa_alloc_solve says so */
    unsigned char *side = calloc(pr->p->n_topics + 1, 1);
    size_t broken = 0;
    if (!side)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for the allocation");
    if (!usable) {
        say(o, "costs too large for the flow: solving the integer program");
        err = mapa__alloc_glpk(a, pr, o, false, false, NULL);
    } else if ((broken = mapa__alloc_side_violations(pr, a->team, side)) == MAPA__ALLOC_UNKNOWN) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory checking the allocation's side rows");
    } else if (broken == 0) {
        say(o, "min-cost flow optimum meets every side row: proven optimal");
    } else {
        bool done = false;
        say(o, "min-cost flow optimum breaks side rows: pricing them");
        err = mapa__alloc_priced(a, pr, o, a->certified, &done);
        if (err == MAPA_OK && !done) {
            say(o, "no certified prices: adding the side rows to the integer program");
            a->certified = false;
            err = mapa__alloc_glpk(a, pr, o, false, false, side); /* rows added in place */
        }
    }
    free(side);
    return err;
}

/* "fair": the least rank limit with a plan, then borda within it. */
static mapa_err solve_fair(mapa_alloc *a, mapa__alloc_problem *pr, const mapa_alloc_options *o,
                           bool soft)
{
    mapa_err err = MAPA_OK;
    for (size_t limit = 1; limit <= pr->K + 1; limit++) {
        pr->rank_limit = limit;
        a->status = MAPA_STATUS_INFEASIBLE;
        err = solve_once(a, pr, o, soft && limit == pr->K + 1);
        if (err != MAPA_OK || a->status != MAPA_STATUS_INFEASIBLE)
            return err;
    }
    return err;
}

/* After an infeasible solve, the relaxations a soft solve needs are the conflict. */
static mapa_err explain(mapa_alloc *a, mapa__alloc_problem *pr, const mapa_alloc_options *o)
{
    mapa_alloc soft = MAPA_ALLOC_INIT;
    soft.team = malloc((pr->p->n_members ? pr->p->n_members : 1) * sizeof *soft.team);
    if (!soft.team)
        return mapa_error_set(MAPA_ENOMEM, "out of memory explaining the allocation");
    pr->rank_limit = pr->K + 1;
    mapa_alloc_options quiet = *o;
    quiet.write_lp = NULL;
    quiet.formulation = MAPA_FORMULATION_AGGREGATED;
    mapa_err err = mapa__alloc_glpk(&soft, pr, &quiet, false, true, NULL);
    for (size_t k = 0; err == MAPA_OK && k < soft.n_notes; k++)
        if (!mapa__alloc_note(a, soft.notes[k].topic, soft.notes[k].agency,
                              "To make a plan possible: %s", soft.notes[k].text))
            err = mapa_error_set(MAPA_ENOMEM, "out of memory explaining the allocation");
    mapa_alloc_dispose(&soft);
    return err;
}

static mapa_err allocate_result(mapa_alloc *a, const mapa_partnership *p)
{
    size_t T = p->n_topics ? p->n_topics : 1;
    a->n_members = p->n_members;
    a->n_topics = p->n_topics;
    a->max_rank = p->max_prefs;
    a->team = malloc((p->n_members ? p->n_members : 1) * sizeof *a->team);
    a->spoc = malloc(T * sizeof *a->spoc);
    a->rank_counts = calloc(p->max_prefs + 2, sizeof *a->rank_counts);
    if (!a->team || !a->spoc || !a->rank_counts)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for the allocation");
    for (size_t i = 0; i < p->n_members; i++)
        a->team[i] = MAPA_NONE;
    for (size_t t = 0; t < p->n_topics; t++)
        a->spoc[t] = MAPA_NONE;
    return MAPA_OK;
}

static mapa_err run(mapa_alloc *a, mapa__alloc_problem *pr, const mapa_alloc_options *o)
{
    bool soft = pr->s->soft;
    if (o->policy != MAPA_POLICY_OPTIMAL)
        return mapa__alloc_baseline(a, pr, o->policy == MAPA_POLICY_GREEDY);
    bool feasible = false;
    mapa_err checked = mapa__alloc_precheck(&feasible, a, pr);
    if (checked != MAPA_OK)
        return checked;
    if (!feasible && !soft) {
        a->status = MAPA_STATUS_INFEASIBLE;
        a->method = "pre-check";
        return MAPA_OK;
    }
    if (soft) { /* the relaxations replace the shortfalls */
        for (size_t k = 0; k < a->n_notes; k++)
            free(a->notes[k].text);
        a->n_notes = 0;
    }
    mapa_err err = pr->s->objective == MAPA_OBJECTIVE_FAIR ? solve_fair(a, pr, o, soft)
                                                           : solve_once(a, pr, o, soft);
    if (err == MAPA_OK && o->write_lp)
        err = mapa__alloc_write_lp(pr, o->write_lp, o->formulation == MAPA_FORMULATION_FULL);
    if (err == MAPA_OK && a->status == MAPA_STATUS_INFEASIBLE && !soft)
        err = explain(a, pr, o);
    return err;
}

mapa_err mapa_alloc_solve(mapa_alloc *out, const mapa_partnership *p,
                          const mapa_alloc_options *options)
{
    mapa_alloc_options defaults = MAPA_ALLOC_OPTIONS_INIT;
    const mapa_alloc_options *o = options ? options : &defaults;
    double start = mapa__now();
    mapa_alloc a = MAPA_ALLOC_INIT;
    mapa__alloc_problem pr;
    mapa_err err = allocate_result(&a, p);
    if (err == MAPA_OK)
        err = mapa__alloc_problem_init(&pr, p);
    if (err != MAPA_OK) {
        mapa_alloc_dispose(&a);
        return err;
    }
    double limit = o->time_limit > 0 ? o->time_limit : p->settings.time_limit;
    pr.deadline = limit > 0 ? start + limit : 0; /* the whole stage, settings.json's too */
    pr.max_memory = mapa__memory_limit(o->max_memory);
    err = run(&a, &pr, o);
    bool planned = a.status != MAPA_STATUS_INFEASIBLE || o->policy != MAPA_POLICY_OPTIMAL;
    for (size_t i = 0; planned && i < pr.n; i++)
        planned = a.team[pr.member[i]] != MAPA_NONE;
    if (err == MAPA_OK && planned)
        err = choose_spocs(&a, &pr);
    if (err == MAPA_OK && planned) {
        mapa__alloc_figures(&a, &pr);
        if (a.status == MAPA_STATUS_OPTIMAL && a.bound < a.objective)
            a.bound = a.objective;
        if (a.status == MAPA_STATUS_OPTIMAL)
            a.bound = a.objective;
        if (o->policy != MAPA_POLICY_OPTIMAL && mapa__alloc_note_violations(&a, p) > 0)
            a.status = MAPA_STATUS_INFEASIBLE;
    } else if (err == MAPA_OK) {
        for (size_t i = 0; i < p->n_members; i++)
            a.team[i] = MAPA_NONE;
        if (a.status == MAPA_STATUS_TIME_LIMIT &&
            !mapa__alloc_note(&a, MAPA_NONE, MAPA_NONE,
                              "No plan was found within the time limit of %g s: allow more "
                              "time (--time-limit, settings.json time_limit)",
                              limit))
            err = mapa_error_set(MAPA_ENOMEM, "out of memory for the allocation");
    }
    mapa__alloc_problem_dispose(&pr);
    a.seconds = mapa__now() - start;
    if (err != MAPA_OK) {
        mapa_alloc_dispose(&a);
        return err;
    }
    *out = a;
    return MAPA_OK;
}
