/* Why a calendar cannot be scheduled, in the words of the people and teams it concerns. */
#include <stdlib.h>
#include <string.h>

#include <mapa/date.h>

#include "models/schedule_internal.h"
#include "models/util.h"
#include "solver/schedule_internal.h"

/* Depth-first search nodes per person and pair of teams before giving up (then: no claim). */
#define SEARCH_LIMIT 200000

static mapa_err oom(void)
{
    return mapa_error_set(MAPA_ENOMEM, "out of memory while diagnosing the schedule");
}

static bool note(mapa_schedule *out, char *text)
{
    size_t cap = out->n_notes;
    if (!text || !mapa__grow((void **)&out->notes, &cap, out->n_notes + 1, sizeof *out->notes)) {
        free(text);
        return false;
    }
    out->notes[out->n_notes++] = text;
    out->status = MAPA_STATUS_INFEASIBLE;
    return true;
}

static const char *role_words(mapa_session_role r)
{
    return r == MAPA_ROLE_SPOC ? "the SPOC" : r == MAPA_ROLE_MEMBER ? "a member" : "a Critical Friend";
}

/* A session with no candidate: what its window holds, and what rules each slot out. */
static bool no_slot(mapa_schedule *out, const mapa_partnership *p, const mapa_calendar *cal,
                    const mapa_schedule_options *o, const sess *s)
{
    const mapa_stage_window *w = &cal->windows[s->team * 2 + (size_t)s->g];
    char from[11], to[11];
    mapa_date_format(w->earliest, from);
    mapa_date_format(w->latest, to);
    const char *tn = p->topics[s->team].name, *gn = mapa_session_stage_name(s->g);
    size_t in_window = 0, small = 0;
    for (size_t k = 0; k < cal->n_slots; k++)
        if (cal->slots[k].day >= w->earliest && cal->slots[k].day <= w->latest) {
            in_window++;
            small += cal->slots[k].capacity < s->n_inv;
        }
    if (in_window == 0)
        return note(out, mapa__format("%s's %s has no slot: its window %s to %s holds no slot of "
                                      "slots.csv",
                                      tn, gn, from, to));
    char *text = mapa__format("%s's %s has no slot it can take: its window %s to %s holds %zu "
                              "slot%s",
                              tn, gn, from, to, in_window, in_window == 1 ? "" : "s");
    if (text && small) {
        char *next = mapa__format("%s; %zu ha%s fewer seats than its %zu people", text, small,
                                  small == 1 ? "s" : "ve", s->n_inv);
        free(text);
        text = next;
    }
    for (size_t j = 0; text && j < s->n_inv; j++) {
        if (s->inv[j].attend != MAPA_ATTEND_REQUIRED)
            continue;
        size_t away = 0;
        for (size_t k = 0; k < cal->n_slots; k++)
            if (cal->slots[k].day >= w->earliest && cal->slots[k].day <= w->latest)
                away += !mapa__member_available(cal, s->inv[j].member, &cal->slots[k]);
        if (away) {
            char *next = mapa__format("%s; %s (%s, required) is unavailable in %zu", text,
                                      p->members[s->inv[j].member].name,
                                      s->inv[j].role == MAPA_ROLE_SPOC ? "SPOC"
                                      : s->inv[j].role == MAPA_ROLE_CF ? "Critical Friend"
                                                                       : "member",
                                      away);
            free(text);
            text = next;
        }
    }
    if (text && o->member_share > 0) {
        char *next = mapa__format("%s; at least %.0f%% of its members must be free", text,
                                  o->member_share * 100);
        free(text);
        text = next;
    }
    return note(out, text);
}

/* Both sessions have candidates, but no pair keeps the order and the gap. */
static bool no_gap(mapa_schedule *out, const mapa_partnership *p, const mapa_calendar *cal,
                   const sess *d, const sess *e)
{
    int32_t gap = cal->windows[d->team * 2 + 1].min_gap;
    const mapa_slot *first = &cal->slots[d->c[0].slot];
    const mapa_slot *last = &cal->slots[e->c[e->n_c - 1].slot];
    if (mapa__sched_in_order(first, last, gap))
        return true;
    char a[11], b[11];
    mapa_date_format(first->day, a);
    mapa_date_format(last->day, b);
    return note(out, mapa__format("%s's Evaluation must be at least %d days after its "
                                  "Decision-making, but its last Evaluation slot (%s) is %d days "
                                  "after its first Decision-making slot (%s)",
                                  p->topics[d->team].name, (int)gap, b,
                                  (int)(last->day - first->day), a));
}

typedef struct search {
    const mapa_calendar *cal;
    const mapa_schedule_options *o;
    const sess *const *list;
    size_t n;
    size_t *at; /* chosen slot per listed session */
    size_t nodes;
} search;

static bool compatible(const search *q, size_t i, size_t slot)
{
    const mapa_slot *k = &q->cal->slots[slot];
    for (size_t j = 0; j < i; j++) {
        const sess *a = q->list[j], *b = q->list[i];
        const mapa_slot *other = &q->cal->slots[q->at[j]];
        if (a->team == b->team) {
            int32_t gap = q->cal->windows[a->team * 2 + 1].min_gap;
            if (a->g == 0 ? !mapa__sched_in_order(other, k, gap)
                          : !mapa__sched_in_order(k, other, gap))
                return false;
        } else if (mapa__slots_clash(other, k, q->o->travel_minutes)) {
            return false;
        }
    }
    return true;
}

/* Whether the listed sessions can take pairwise compatible slots (true when undecided). */
static bool assignable(search *q, size_t i)
{
    if (i == q->n)
        return true;
    for (size_t x = 0; x < q->list[i]->n_c; x++) {
        if (++q->nodes > SEARCH_LIMIT)
            return true;
        size_t slot = q->list[i]->c[x].slot;
        if (compatible(q, i, slot)) {
            q->at[i] = slot;
            if (assignable(q, i + 1))
                return true;
        }
    }
    return false;
}

static mapa_session_role role_in(const sess *s, size_t member)
{
    for (size_t j = 0; j < s->n_inv; j++)
        if (s->inv[j].member == member)
            return s->inv[j].role;
    return MAPA_ROLE_MEMBER;
}

/* Distinct slots among the listed sessions' candidates. */
static size_t union_slots(const search *q, unsigned char *mark)
{
    size_t n = 0;
    memset(mark, 0, q->cal->n_slots);
    for (size_t i = 0; i < q->n; i++)
        for (size_t x = 0; x < q->list[i]->n_c; x++)
            if (!mark[q->list[i]->c[x].slot]++)
                n++;
    return n;
}

/* Person m's sessions in teams a and b (all of them hold candidates) cannot all be held. */
static bool person_pair(mapa_schedule *out, const mapa_partnership *p, search *q, size_t m,
                        const sess *const *mine, size_t n_mine, size_t ta, size_t tb,
                        unsigned char *mark)
{
    const sess *list[2 * MAPA_SESSION_STAGES];
    q->n = 0;
    for (size_t i = 0; i < n_mine && q->n < 2 * MAPA_SESSION_STAGES; i++)
        if (mine[i]->team == ta || mine[i]->team == tb)
            list[q->n++] = mine[i];
    q->list = list;
    q->nodes = 0;
    if (assignable(q, 0))
        return true;
    mapa_session_role ra = MAPA_ROLE_MEMBER, rb = MAPA_ROLE_MEMBER;
    for (size_t i = 0; i < q->n; i++)
        *(list[i]->team == ta ? &ra : &rb) = role_in(list[i], m);
    const char *na = p->topics[ta].name, *nb = p->topics[tb].name;
    if (rb < ra || (rb == ra && strcmp(nb, na) < 0)) { /* SPOC, then member, then Critical Friend */
        const char *tn = na;
        na = nb;
        nb = tn;
        mapa_session_role tr = ra;
        ra = rb;
        rb = tr;
    }
    size_t slots = union_slots(q, mark);
    char *who = ra == rb ? mapa__format("%s of %s and of %s", role_words(ra), na, nb)
                         : mapa__format("%s of %s and %s of %s", role_words(ra), na,
                                        role_words(rb), nb);
    bool ok = who && note(out, mapa__format("%s is %s, whose windows share only %zu slot%s for "
                                            "%zu sessions",
                                            p->members[m].name, who, slots, slots == 1 ? "" : "s",
                                            q->n));
    free(who);
    return ok;
}

static int cmp_by_member(const void *a, const void *b)
{
    const size_t *x = a, *y = b;
    return x[0] != y[0] ? (x[0] < y[0] ? -1 : 1) : (x[1] < y[1] ? -1 : x[1] > y[1]);
}

/* Everyone in sessions of two teams: can those sessions be at different times? */
static mapa_err people(mapa_schedule *out, const mapa_partnership *p, const mapa_calendar *cal,
                       const mapa_schedule_options *o, const sess *s, size_t S)
{
    size_t n = 0;
    for (size_t i = 0; i < S; i++)
        n += s[i].n_inv;
    size_t(*by)[2] = malloc((n + 1) * sizeof *by);
    unsigned char *mark = malloc(cal->n_slots + 1);
    const sess **mine = malloc((S + 1) * sizeof *mine);
    size_t at[2 * MAPA_SESSION_STAGES];
    mapa_err err = by && mark && mine ? MAPA_OK : oom();
    n = 0;
    for (size_t i = 0; err == MAPA_OK && i < S; i++)
        for (size_t j = 0; j < s[i].n_inv; j++) {
            by[n][0] = s[i].inv[j].member;
            by[n++][1] = i;
        }
    if (err == MAPA_OK)
        qsort(by, n, sizeof *by, cmp_by_member);
    search q = {cal, o, NULL, 0, at, 0};
    for (size_t a = 0; err == MAPA_OK && a < n;) {
        size_t b = a, n_mine = 0;
        bool all_have = true;
        while (b < n && by[b][0] == by[a][0]) {
            mine[n_mine++] = &s[by[b][1]];
            all_have &= s[by[b][1]].n_c > 0;
            b++;
        }
        for (size_t x = 0; all_have && err == MAPA_OK && x < n_mine; x++)
            for (size_t y = 0; err == MAPA_OK && y < n_mine; y++) {
                size_t ta = mine[x]->team, tb = mine[y]->team;
                bool first_of_pair = ta < tb && (x == 0 || mine[x - 1]->team != ta) &&
                                     (y == 0 || mine[y - 1]->team != tb);
                if (first_of_pair &&
                    !person_pair(out, p, &q, by[a][0], mine, n_mine, ta, tb, mark))
                    err = oom();
            }
        a = b;
    }
    free(by);
    free(mark);
    free(mine);
    return err;
}

mapa_err mapa__schedule_diagnose(mapa_schedule *out, const mapa_partnership *p,
                                 const mapa_calendar *cal, const mapa_schedule_options *o,
                                 const sess *s, size_t S)
{
    for (size_t i = 0; i < S; i++)
        if (s[i].n_c == 0 && !no_slot(out, p, cal, o, &s[i]))
            return oom();
    for (size_t i = 0; i + 1 < S; i += 2)
        if (s[i].n_c && s[i + 1].n_c && !no_gap(out, p, cal, &s[i], &s[i + 1]))
            return oom();
    return out->n_notes ? MAPA_OK : people(out, p, cal, o, s, S);
}

mapa_err mapa__schedule_explain(mapa_schedule *out, const mapa_partnership *p, const size_t *team,
                                const size_t *spoc, const mapa_cf *cf, const mapa_calendar *cal,
                                const mapa_schedule_options *o)
{
    mapa_schedule_options soft = *o;
    soft.soft = true;
    soft.write_lp = NULL;
    soft.weighted = false;
    soft.max_moves = MAPA_UNLIMITED; /* the cap is reported on its own */
    mapa_schedule r = MAPA_SCHEDULE_INIT;
    mapa_err err = mapa_schedule_solve(&r, p, team, spoc, cf, cal, &soft);
    if (err == MAPA_OK && r.relaxations == 0 && o->max_moves != MAPA_UNLIMITED &&
        !note(out, mapa__format("no schedule moves at most %zu session%s: the fewest moves that "
                                "keep every rule are %zu",
                                o->max_moves, o->max_moves == 1 ? "" : "s", r.moves)))
        err = oom();
    for (size_t k = 0; err == MAPA_OK && k < r.n_notes; k++) {
        const char *text = r.notes[k];
        if (strncmp(text, "relaxed: ", 9) == 0)
            text += 9;
        if (!note(out, mapa__format("cannot all hold; the fewest rules to relax: %s", text)))
            err = oom();
    }
    mapa_schedule_dispose(&r);
    out->status = MAPA_STATUS_INFEASIBLE;
    return err;
}
