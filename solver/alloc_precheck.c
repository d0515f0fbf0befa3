/*
 * Supply and demand before solving: for each topic, agency and the SPOC and
 * sector rules, whether enough members could possibly take the places. Each
 * shortfall becomes a note in a co-ordinator's words.
 */
#include <stdlib.h>

#include "solver/alloc_problem.h"

typedef struct counts {
    size_t *eligible;  /* [t*A + a]: members of agency a who may join t */
    size_t *fixed;     /* [t*A + a]: members of agency a fixed to t */
    size_t *willing;   /* [t]: willing members who may join t */
    size_t *statutory; /* [t] */
    size_t *voluntary; /* [t] */
    size_t *agency_n;  /* [a]: allocatable members */
} counts;

static size_t min_size_t(size_t a, size_t b)
{
    return a < b ? a : b;
}

static bool count(counts *c, const mapa__alloc_problem *pr)
{
    const mapa_partnership *p = pr->p;
    size_t T = p->n_topics, A = p->n_agencies, TA = T * A + 1;
    c->eligible = calloc(TA, sizeof(size_t));
    c->fixed = calloc(TA, sizeof(size_t));
    c->willing = calloc(T ? T : 1, sizeof(size_t));
    c->statutory = calloc(T ? T : 1, sizeof(size_t));
    c->voluntary = calloc(T ? T : 1, sizeof(size_t));
    c->agency_n = calloc(A ? A : 1, sizeof(size_t));
    if (!c->eligible || !c->fixed || !c->willing || !c->statutory || !c->voluntary || !c->agency_n)
        return false;
    for (size_t i = 0; i < pr->n; i++) {
        const mapa_member *m = &p->members[pr->member[i]];
        const mapa_agency *ag = &p->agencies[m->agency];
        c->agency_n[m->agency]++;
        for (size_t t = 0; t < T; t++) {
            if (!mapa__alloc_allowed(pr, pr->member[i], t))
                continue;
            c->eligible[t * A + m->agency]++;
            c->willing[t] += m->spoc_willing;
            c->statutory[t] += ag->statutory;
            c->voluntary[t] += mapa_sector_voluntary(ag->sector);
        }
        if (m->fixed_team != MAPA_NONE)
            c->fixed[m->fixed_team * A + m->agency]++;
    }
    return true;
}

static bool check_topic(mapa_alloc *a, const mapa__alloc_problem *pr, const counts *c, size_t t)
{
    const mapa_partnership *p = pr->p;
    const mapa_topic *tp = &p->topics[t];
    size_t A = p->n_agencies, supply = 0, agencies = 0, fixed = 0;
    bool ok = true;
    for (size_t g = 0; g < A; g++) {
        size_t e = c->eligible[t * A + g];
        supply += tp->max_per_agency == MAPA_UNLIMITED ? e : min_size_t(e, tp->max_per_agency);
        agencies += e > 0;
        fixed += c->fixed[t * A + g];
        if (tp->max_per_agency != MAPA_UNLIMITED && c->fixed[t * A + g] > tp->max_per_agency) {
            mapa__alloc_note(a, t, g,
                             "Topic '%s' has %zu members of %s fixed to it but takes at most %zu "
                             "per agency",
                             tp->name, c->fixed[t * A + g], p->agencies[g].name,
                             tp->max_per_agency);
            ok = false;
        }
    }
    if (tp->max_size != MAPA_UNLIMITED && tp->min_size > tp->max_size) {
        mapa__alloc_note(a, t, MAPA_NONE,
                         "Topic '%s' needs at least %zu members but takes at most %zu", tp->name,
                         tp->min_size, tp->max_size);
        ok = false;
    }
    if (supply < tp->min_size) {
        mapa__alloc_note(a, t, MAPA_NONE,
                         "Topic '%s' needs %zu members, only %zu can join it once fixed "
                         "assignments, avoided teams and the limit per agency hold",
                         tp->name, tp->min_size, supply);
        ok = false;
    }
    if (tp->max_size != MAPA_UNLIMITED && fixed > tp->max_size) {
        mapa__alloc_note(a, t, MAPA_NONE,
                         "Topic '%s' has %zu members fixed to it but takes at most %zu", tp->name,
                         fixed, tp->max_size);
        ok = false;
    }
    if (agencies < tp->min_agencies) {
        mapa__alloc_note(a, t, MAPA_NONE,
                         "Topic '%s' needs members of %zu agencies, only %zu agencies have a "
                         "member who can join it",
                         tp->name, tp->min_agencies, agencies);
        ok = false;
    }
    if (c->willing[t] == 0) {
        mapa__alloc_note(a, t, MAPA_NONE,
                         "Topic '%s' needs a SPOC but no member who can join it is willing",
                         tp->name);
        ok = false;
    }
    if (pr->s->require_statutory && c->statutory[t] == 0) {
        mapa__alloc_note(a, t, MAPA_NONE,
                         "Topic '%s' needs a member of a statutory agency but none can join it",
                         tp->name);
        ok = false;
    }
    if (pr->s->require_voluntary && c->voluntary[t] == 0) {
        mapa__alloc_note(a, t, MAPA_NONE,
                         "Topic '%s' needs a member of a voluntary agency but none can join it",
                         tp->name);
        ok = false;
    }
    return ok;
}

static bool check_totals(mapa_alloc *a, const mapa__alloc_problem *pr, const counts *c)
{
    const mapa_partnership *p = pr->p;
    size_t T = p->n_topics, willing = 0, statutory = 0, voluntary = 0;
    bool ok = true;
    for (size_t i = 0; i < pr->n; i++) {
        const mapa_member *m = &p->members[pr->member[i]];
        willing += m->spoc_willing;
        statutory += p->agencies[m->agency].statutory;
        voluntary += mapa_sector_voluntary(p->agencies[m->agency].sector);
        bool any = false;
        for (size_t t = 0; t < T && !any; t++)
            any = mapa__alloc_allowed(pr, pr->member[i], t);
        if (!any) {
            mapa__alloc_note(a, MAPA_NONE, m->agency,
                             "Member '%s' (%s) cannot join any team: it avoids them all", m->id,
                             m->name);
            ok = false;
        }
    }
    size_t total_min = 0;
    for (size_t t = 0; t < T; t++)
        total_min += p->topics[t].min_size;
    if (total_min > pr->n) {
        mapa__alloc_note(a, MAPA_NONE, MAPA_NONE,
                         "The topics' minimum sizes add up to %zu but only %zu members can be "
                         "allocated",
                         total_min, pr->n);
        ok = false;
    }
    if (willing < T) {
        mapa__alloc_note(a, MAPA_NONE, MAPA_NONE,
                         "%zu teams need a SPOC each but only %zu members are willing", T, willing);
        ok = false;
    }
    if (pr->s->require_statutory && statutory < T) {
        mapa__alloc_note(a, MAPA_NONE, MAPA_NONE,
                         "%zu teams need a member of a statutory agency each but there are only "
                         "%zu",
                         T, statutory);
        ok = false;
    }
    if (pr->s->require_voluntary && voluntary < T) {
        mapa__alloc_note(a, MAPA_NONE, MAPA_NONE,
                         "%zu teams need a member of a voluntary agency each but there are only "
                         "%zu",
                         T, voluntary);
        ok = false;
    }
    for (size_t g = 0; g < p->n_agencies; g++) {
        size_t room = 0;
        for (size_t t = 0; t < T; t++) {
            const mapa_topic *tp = &p->topics[t];
            size_t cap = min_size_t(tp->max_per_agency, tp->max_size);
            room += cap == MAPA_UNLIMITED ? c->agency_n[g] : cap;
            if (room >= c->agency_n[g])
                break;
        }
        if (room < c->agency_n[g]) {
            mapa__alloc_note(a, MAPA_NONE, g,
                             "Agency '%s' has %zu members to place but the teams can take at "
                             "most %zu of them under the limits per agency",
                             p->agencies[g].name, c->agency_n[g], room);
            ok = false;
        }
    }
    return ok;
}

mapa_err mapa__alloc_precheck(bool *feasible, mapa_alloc *a, const mapa__alloc_problem *pr)
{
    counts c = {0};
    mapa_err err = MAPA_OK;
    bool ok = count(&c, pr);
    if (!ok) /* the counts could not be made: that says nothing of the rules */
        err = mapa_error_set(MAPA_ENOMEM, "out of memory for the allocation's pre-check");
    for (size_t t = 0; ok && t < pr->p->n_topics; t++)
        ok &= check_topic(a, pr, &c, t);
    if (err == MAPA_OK)
        ok &= check_totals(a, pr, &c);
    *feasible = ok;
    free(c.eligible);
    free(c.fixed);
    free(c.willing);
    free(c.statutory);
    free(c.voluntary);
    free(c.agency_n);
    return err;
}
