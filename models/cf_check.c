/* An independent check of a Critical Friend plan against every rule (docs/model.md). */
#include <mapa/cf.h>

#include <stdlib.h>

#include "models/violations.h"

#define PLURAL(n) ((n) == 1 ? "" : "s")

static void check_pair(mapa__checker *c, const mapa_partnership *p, const size_t *team,
                       const size_t *spoc, const mapa_cf_pair *x)
{
    const mapa_member *m = &p->members[x->member];
    if (m->coordinator || team[x->member] == MAPA_NONE)
        mapa__violation(c, MAPA__ABOUT_MEMBER(x->member, x->team, MAPA_VIOLATION_MEMBER),
                        "member '%s' is a Critical Friend but is in no team", m->id);
    else if (team[x->member] == x->team)
        mapa__violation(c, MAPA__ABOUT_MEMBER(x->member, x->team, MAPA_VIOLATION_TEAM),
                        "member '%s' is a Critical Friend of their own team", m->id);
    if (p->settings.no_spoc_cf && spoc && spoc[team[x->member]] == x->member)
        mapa__violation(c, MAPA__ABOUT_MEMBER(x->member, x->team, MAPA_VIOLATION_MEMBER),
                        "member '%s' is a SPOC and a Critical Friend, but SPOCs do no "
                        "Critical Friend duty (no_spoc_cf)",
                        m->id);
    if (!x->stages)
        mapa__violation(c, MAPA__ABOUT_MEMBER(x->member, x->team, MAPA_VIOLATION_TEAM),
                        "member '%s' reviews team '%s' in no stage", m->id, p->topics[x->team].id);
}

static size_t check(mapa__checker c, const mapa_partnership *p, const size_t *team,
                    const size_t *spoc, const mapa_cf *cf)
{
    size_t T = p->n_topics, S = p->settings.cf_per_stage ? 2 : 1;
    size_t *duties = calloc(p->n_members + 1, sizeof *duties);
    size_t *cover = calloc(2 * T + 1, sizeof *cover);
    unsigned char *home = calloc(2 * T * T + 1, 1);
    if (!duties || !cover || !home) {
        mapa__violation(&c, MAPA__ABOUT_PLAN, "out of memory checking Critical Friends");
        goto cleanup;
    }
    for (size_t k = 0; k < cf->n_pairs; k++) {
        const mapa_cf_pair *x = &cf->pairs[k];
        check_pair(&c, p, team, spoc, x);
        for (size_t j = k + 1; j < cf->n_pairs; j++)
            if (cf->pairs[j].member == x->member && cf->pairs[j].team == x->team)
                mapa__violation(&c, MAPA__ABOUT_PAIR(j, x->member, x->team, MAPA_VIOLATION_TEAM),
                                "member '%s' reviews team '%s' twice", p->members[x->member].id,
                                p->topics[x->team].id);
        size_t h = team[x->member];
        for (size_t s = 0; s < 2 && h != MAPA_NONE; s++) {
            if (!(x->stages & (1u << s)) || (S == 1 && s == 1))
                continue;
            duties[x->member]++;
            cover[s * T + x->team]++;
            if (home[(s * T + x->team) * T + h]++)
                mapa__violation(&c, MAPA__ABOUT_PAIR(k, x->member, x->team, MAPA_VIOLATION_MEMBER),
                                "team '%s' has two Critical Friends from team '%s'",
                                p->topics[x->team].id, p->topics[h].id);
        }
    }
    for (size_t m = 0; m < p->n_members; m++)
        if (duties[m] > p->members[m].cf_capacity)
            mapa__violation(
                &c, MAPA__ABOUT_MEMBER(m, MAPA_NONE, MAPA_VIOLATION_MEMBER),
                "member '%s' has %zu Critical Friend dut%s, above their capacity of %zu",
                p->members[m].id, duties[m], duties[m] == 1 ? "y" : "ies",
                p->members[m].cf_capacity);
    for (size_t s = 0; s < S; s++)
        for (size_t t = 0; t < T; t++)
            if (cover[s * T + t] != p->topics[t].cf_required)
                mapa__violation(&c, MAPA__ABOUT_TEAM(t, MAPA_VIOLATION_TEAM),
                                "team '%s' has %zu Critical Friend%s%s; it needs %zu",
                                p->topics[t].id, cover[s * T + t], PLURAL(cover[s * T + t]),
                                S == 1   ? ""
                                : s == 0 ? " in Decision-making"
                                         : " in Evaluation",
                                p->topics[t].cf_required);
cleanup:
    free(duties);
    free(cover);
    free(home);
    return c.count;
}

size_t mapa_cf_violations(const mapa_partnership *p, const size_t *team, const size_t *spoc,
                          const mapa_cf *cf, mapa_violation_fn report, void *payload)
{
    return check((mapa__checker){report, NULL, payload, 0, true}, p, team, spoc, cf);
}

size_t mapa_cf_check(const mapa_partnership *p, const size_t *team, const size_t *spoc,
                     const mapa_cf *cf, mapa_violation_at_fn report, void *payload)
{
    return check((mapa__checker){NULL, report, payload, 0, true}, p, team, spoc, cf);
}
