/* An independent check of a plan against every hard rule of the allocation (docs/model.md). */
#include <mapa/alloc.h>

#include <stdlib.h>

#include "models/violations.h"

#define PLURAL(n) ((n) == 1 ? "" : "s")

static void check_members(mapa__checker *c, const mapa_partnership *p, const size_t *team,
                          size_t *moves)
{
    for (size_t i = 0; i < p->n_members; i++) {
        const mapa_member *m = &p->members[i];
        size_t t = team[i];
        if (m->coordinator) {
            if (t != MAPA_NONE)
                mapa__violation(c, MAPA__ABOUT_MEMBER(i, t, MAPA_VIOLATION_MEMBER),
                                "co-ordinator '%s' is placed in a team", m->id);
            continue;
        }
        if (t == MAPA_NONE || t >= p->n_topics) {
            mapa__violation(c, MAPA__ABOUT_MEMBER(i, MAPA_NONE, MAPA_VIOLATION_MEMBER),
                            "member '%s' is in no team", m->id);
            continue;
        }
        if (m->fixed_team != MAPA_NONE && m->fixed_team != t)
            mapa__violation(c, MAPA__ABOUT_MEMBER(i, t, MAPA_VIOLATION_TEAM),
                            "member '%s' is not in its fixed team '%s'", m->id,
                            p->topics[m->fixed_team].id);
        for (size_t k = 0; k < m->n_avoid; k++)
            if (m->avoid[k] == t)
                mapa__violation(c, MAPA__ABOUT_MEMBER(i, t, MAPA_VIOLATION_TEAM),
                                "member '%s' is in team '%s', which it avoids", m->id,
                                p->topics[t].id);
        *moves += m->previous_team != MAPA_NONE && m->previous_team != t;
    }
}

static void check_team(mapa__checker *c, const mapa_partnership *p, size_t t, size_t size,
                       size_t distinct, size_t statutory, size_t voluntary)
{
    const mapa_topic *tp = &p->topics[t];
    if (size < tp->min_size)
        mapa__violation(c, MAPA__ABOUT_TEAM(t, MAPA_VIOLATION_TEAM),
                        "team '%s' has %zu member%s, fewer than its minimum %zu", tp->id, size,
                        PLURAL(size), tp->min_size);
    if (tp->max_size != MAPA_UNLIMITED && size > tp->max_size)
        mapa__violation(c, MAPA__ABOUT_TEAM(t, MAPA_VIOLATION_TEAM),
                        "team '%s' has %zu member%s, more than its maximum %zu", tp->id, size,
                        PLURAL(size), tp->max_size);
    if (distinct < tp->min_agencies)
        mapa__violation(c, MAPA__ABOUT_TEAM(t, MAPA_VIOLATION_AGENCY),
                        "team '%s' has %zu agenc%s, fewer than its minimum %zu", tp->id, distinct,
                        distinct == 1 ? "y" : "ies", tp->min_agencies);
    if (p->settings.require_statutory && statutory == 0)
        mapa__violation(c, MAPA__ABOUT_TEAM(t, MAPA_VIOLATION_AGENCY),
                        "team '%s' has no member of a statutory agency", tp->id);
    if (p->settings.require_voluntary && voluntary == 0)
        mapa__violation(c, MAPA__ABOUT_TEAM(t, MAPA_VIOLATION_AGENCY),
                        "team '%s' has no member of a voluntary agency", tp->id);
}

static void check_spoc(mapa__checker *c, const mapa_partnership *p, const size_t *team,
                       const size_t *spoc, size_t t)
{
    size_t s = spoc[t];
    if (s == MAPA_NONE || s >= p->n_members)
        mapa__violation(c, MAPA__ABOUT_TEAM(t, MAPA_VIOLATION_SPOC), "team '%s' has no SPOC",
                        p->topics[t].id);
    else if (team[s] != t)
        mapa__violation(c, MAPA__ABOUT_MEMBER(s, t, MAPA_VIOLATION_SPOC),
                        "the SPOC of team '%s', '%s', is not a member of it", p->topics[t].id,
                        p->members[s].id);
    else if (!p->members[s].spoc_willing)
        mapa__violation(c, MAPA__ABOUT_MEMBER(s, t, MAPA_VIOLATION_SPOC),
                        "the SPOC of team '%s', '%s', is not willing", p->topics[t].id,
                        p->members[s].id);
}

static size_t check(mapa__checker c, const mapa_partnership *p, const size_t *team,
                    const size_t *spoc)
{
    size_t T = p->n_topics, A = p->n_agencies, moves = 0;
    size_t *per = calloc(T * A + 1, sizeof *per);
    size_t *size = calloc(T ? T : 1, sizeof *size);
    if (!per || !size) {
        mapa__violation(&c, MAPA__ABOUT_PLAN, "out of memory checking the plan");
        goto cleanup;
    }
    check_members(&c, p, team, &moves);
    for (size_t i = 0; i < p->n_members; i++)
        if (!p->members[i].coordinator && team[i] < T) {
            size[team[i]]++;
            per[team[i] * A + p->members[i].agency]++;
        }
    for (size_t t = 0; t < T; t++) {
        size_t distinct = 0, statutory = 0, voluntary = 0;
        for (size_t a = 0; a < A; a++) {
            size_t k = per[t * A + a];
            distinct += k > 0;
            statutory += p->agencies[a].statutory ? k : 0;
            voluntary += mapa_sector_voluntary(p->agencies[a].sector) ? k : 0;
            size_t cap = p->topics[t].max_per_agency;
            if (cap != MAPA_UNLIMITED && k > cap)
                mapa__violation(
                    &c, ((mapa__about){MAPA_NONE, t, a, MAPA_VIOLATION_AGENCY, MAPA_NONE}),
                    "team '%s' has %zu members of agency '%s', more than its limit of %zu",
                    p->topics[t].id, k, p->agencies[a].id, cap);
        }
        check_team(&c, p, t, size[t], distinct, statutory, voluntary);
        if (spoc)
            check_spoc(&c, p, team, spoc, t);
    }
    if (p->settings.max_moves != MAPA_UNLIMITED && moves > p->settings.max_moves)
        mapa__violation(&c, MAPA__ABOUT_PLAN, "%zu members moved, more than the limit of %zu",
                        moves, p->settings.max_moves);
cleanup:
    free(per);
    free(size);
    return c.count;
}

size_t mapa_alloc_violations(const mapa_partnership *p, const size_t *team, const size_t *spoc,
                             mapa_violation_fn report, void *payload)
{
    return check((mapa__checker){report, NULL, payload, 0, false}, p, team, spoc);
}

size_t mapa_alloc_check(const mapa_partnership *p, const size_t *team, const size_t *spoc,
                        mapa_violation_at_fn report, void *payload)
{
    return check((mapa__checker){NULL, report, payload, 0, false}, p, team, spoc);
}
