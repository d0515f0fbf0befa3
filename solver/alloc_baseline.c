/*
 * Baselines for research, with the same outputs as the optimum: greedy serial
 * dictatorship (members in a seeded random order each take their best-ranked
 * team with room) and random (each takes a random team with room). Members
 * fixed to a team go first. Seeded by settings.seed with GSL's MT19937.
 */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <stdlib.h>

#include "solver/alloc_problem.h"

typedef struct state {
    const mapa__alloc_problem *pr;
    size_t *size; /* [t] */
    size_t *per;  /* [t*A + a] */
} state;

static bool has_room(const state *st, size_t m, size_t t)
{
    const mapa_partnership *p = st->pr->p;
    const mapa_topic *tp = &p->topics[t];
    size_t a = p->members[m].agency;
    return (tp->max_size == MAPA_UNLIMITED || st->size[t] < tp->max_size) &&
           (tp->max_per_agency == MAPA_UNLIMITED ||
            st->per[t * p->n_agencies + a] < tp->max_per_agency);
}

/* The team a member takes: its best rank with room (greedy) or a random one with room. */
static size_t choose(const state *st, size_t m, bool greedy, gsl_rng *rng)
{
    const mapa__alloc_problem *pr = st->pr;
    const mapa_member *mm = &pr->p->members[m];
    size_t T = pr->p->n_topics;
    if (greedy)
        for (size_t r = 0; r < mm->n_prefs; r++)
            if (mapa__alloc_allowed(pr, m, mm->prefs[r]) && has_room(st, m, mm->prefs[r]))
                return mm->prefs[r];
    /* among the allowed teams with room: greedy takes the smallest, random any */
    size_t pick = MAPA_NONE, seen = 0;
    for (size_t t = 0; t < T; t++) {
        if (!mapa__alloc_allowed(pr, m, t) || !has_room(st, m, t))
            continue;
        seen++;
        if (greedy ? (pick == MAPA_NONE || st->size[t] < st->size[pick])
                   : gsl_rng_uniform_int(rng, seen) == 0)
            pick = t;
    }
    if (pick != MAPA_NONE)
        return pick;
    /* no room anywhere allowed: the smallest allowed team (a violation is reported) */
    for (size_t t = 0; t < T; t++)
        if (mapa__alloc_allowed(pr, m, t) && (pick == MAPA_NONE || st->size[t] < st->size[pick]))
            pick = t;
    return pick;
}

static void note_violation(const char *message, void *payload)
{
    mapa__alloc_note(payload, MAPA_NONE, MAPA_NONE, "%s", message);
}

mapa_err mapa__alloc_baseline(mapa_alloc *a, const mapa__alloc_problem *pr, bool greedy)
{
    const mapa_partnership *p = pr->p;
    size_t T = p->n_topics, A = p->n_agencies;
    state st = {pr, calloc(T ? T : 1, sizeof(size_t)), calloc(T * A + 1, sizeof(size_t))};
    size_t *order = malloc((pr->n ? pr->n : 1) * sizeof *order);
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    mapa_err err = MAPA_OK;
    if (!st.size || !st.per || !order || !rng) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory for the baseline");
        goto cleanup;
    }
    gsl_rng_set(rng, (unsigned long)p->settings.seed);
    size_t n = 0;
    for (size_t i = 0; i < pr->n; i++) /* fixed members first, then the rest shuffled */
        if (p->members[pr->member[i]].fixed_team != MAPA_NONE)
            order[n++] = pr->member[i];
    size_t fixed = n;
    for (size_t i = 0; i < pr->n; i++)
        if (p->members[pr->member[i]].fixed_team == MAPA_NONE)
            order[n++] = pr->member[i];
    gsl_ran_shuffle(rng, order + fixed, n - fixed, sizeof *order);
    for (size_t k = 0; k < n; k++) {
        size_t m = order[k], t = choose(&st, m, greedy, rng);
        a->team[m] = t;
        if (t != MAPA_NONE) {
            st.size[t]++;
            st.per[t * A + p->members[m].agency]++;
        }
    }
    a->method = greedy ? "greedy" : "random";
    a->status = MAPA_STATUS_FEASIBLE;
cleanup:
    free(st.size);
    free(st.per);
    free(order);
    gsl_rng_free(rng);
    return err;
}

size_t mapa__alloc_note_violations(mapa_alloc *a, const mapa_partnership *p)
{
    return mapa_alloc_violations(p, a->team, a->spoc, note_violation, a);
}
