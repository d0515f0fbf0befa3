/* The stage-session schedule's plain parts: calendars, invitees, availability and its checker. */
#include <mapa/schedule.h>

#include <stdlib.h>
#include <string.h>

#include <mapa/date.h>

#include "models/schedule_internal.h"
#include "models/util.h"

void mapa_calendar_dispose(mapa_calendar *c)
{
    for (size_t k = 0; k < c->n_slots; k++)
        free(c->slots[k].place);
    free(c->slots);
    free(c->windows);
    free(c->unavailable);
    *c = (mapa_calendar)MAPA_CALENDAR_INIT;
}

/*
 * Bank holidays in England and Wales, from gov.uk (https://www.gov.uk/bank-holidays,
 * its bank-holidays.json, "england-and-wales" division), with the substitute days it
 * lists when a holiday falls at a weekend.
 */
static const char *const holidays[] = {
    "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31",
    "2026-12-25", "2026-12-28", "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03",
    "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28", "2028-01-03", "2028-04-14",
    "2028-04-17", "2028-05-01", "2028-05-29", "2028-08-28", "2028-12-25", "2028-12-26",
};

bool mapa_bank_holiday(int32_t day)
{
    for (size_t k = 0; k < sizeof holidays / sizeof *holidays; k++) {
        int32_t h;
        if (mapa_date_parse(holidays[k], &h) && h == day)
            return true;
    }
    return false;
}

void mapa_bank_holiday_years(int *first, int *last)
{
    *first = 2026;
    *last = 2028;
}

const char *mapa_session_stage_name(int stage)
{
    return stage == 0 ? "Decision-making" : "Evaluation";
}

void mapa_schedule_options_init(mapa_schedule_options *o)
{
    *o = (mapa_schedule_options){
        .spoc = MAPA_ATTEND_REQUIRED,
        .members = MAPA_ATTEND_WANTED,
        .cfs = MAPA_ATTEND_WANTED,
        .weighted = true,
        .w_cf = 100,
        .w_members = 10,
        .w_early = 1,
        .w_spread = 1,
        .w_move = 1000,
        .max_moves = MAPA_UNLIMITED,
        .aggregate = true,
    };
}

void mapa_schedule_options_settings(mapa_schedule_options *o, const mapa_settings *s)
{
    if (s->sched_spoc >= 0)
        o->spoc = (mapa_attend)s->sched_spoc;
    if (s->sched_members >= 0)
        o->members = (mapa_attend)s->sched_members;
    if (s->sched_cfs >= 0)
        o->cfs = (mapa_attend)s->sched_cfs;
    if (s->sched_member_share >= 0)
        o->member_share = s->sched_member_share;
    if (s->sched_travel_minutes >= 0)
        o->travel_minutes = (int)s->sched_travel_minutes;
    double *w[] = {&o->w_cf, &o->w_members, &o->w_early, &o->w_spread, &o->w_move};
    const double given[] = {s->sched_w_cf, s->sched_w_members, s->sched_w_early, s->sched_w_spread,
                            s->sched_w_move};
    for (size_t k = 0; k < 5; k++)
        if (given[k] >= 0)
            *w[k] = given[k];
    if (s->sched_levels >= 0)
        o->weighted = s->sched_levels == 0;
}

void mapa_schedule_dispose(mapa_schedule *s)
{
    for (size_t k = 0; k < s->n_sessions; k++)
        free(s->sessions[k].invitees);
    free(s->sessions);
    for (size_t k = 0; k < s->n_notes; k++)
        free(s->notes[k]);
    free(s->notes);
    *s = (mapa_schedule)MAPA_SCHEDULE_INIT;
}

mapa_err mapa__session_invitees(mapa_invitee **out, size_t *n_out, const mapa_partnership *p,
                                const size_t *team, const size_t *spoc, const mapa_cf *cf,
                                size_t t, int g, const mapa_schedule_options *o)
{
    size_t n = 0, cap = 8;
    mapa_invitee *v = malloc(cap * sizeof *v);
    if (!v)
        return mapa_error_set(MAPA_ENOMEM, "out of memory while scheduling");
    for (int pass = 0; pass < 3; pass++) {
        size_t count = pass == 2 && cf ? cf->n_pairs : pass == 0 ? 1 : pass == 1 ? p->n_members : 0;
        for (size_t k = 0; k < count; k++) {
            mapa_invitee x;
            if (pass == 0) {
                if (!spoc || spoc[t] == MAPA_NONE)
                    continue;
                x = (mapa_invitee){spoc[t], MAPA_ROLE_SPOC, o->spoc, true};
            } else if (pass == 1) {
                if (team[k] != t || (spoc && spoc[t] == k))
                    continue;
                x = (mapa_invitee){k, MAPA_ROLE_MEMBER, o->members, true};
            } else {
                const mapa_cf_pair *cp = &cf->pairs[k];
                if (cp->team != t || !(cp->stages & (1u << g)))
                    continue;
                x = (mapa_invitee){cp->member, MAPA_ROLE_CF, o->cfs, true};
                bool seen = false; /* a pair given twice, or a friend of their own team */
                for (size_t j = 0; j < n && !seen; j++)
                    seen = v[j].member == cp->member;
                if (seen)
                    continue;
            }
            if (n == cap && !mapa__grow((void **)&v, &cap, n + 1, sizeof *v)) {
                free(v);
                return mapa_error_set(MAPA_ENOMEM, "out of memory while scheduling");
            }
            v[n++] = x;
        }
    }
    *out = v;
    *n_out = n;
    return MAPA_OK;
}

bool mapa__member_available(const mapa_calendar *cal, size_t member, const mapa_slot *slot)
{
    for (size_t k = 0; k < cal->n_unavailable; k++) {
        const mapa_unavailable *u = &cal->unavailable[k];
        if (u->member == member && slot->day >= u->from && slot->day <= u->to &&
            slot->start < u->end && u->start < slot->end)
            return false;
    }
    return true;
}

static bool online(const mapa_slot *s)
{
    return mapa__streq_nocase(s->place, "online");
}

bool mapa__slots_clash(const mapa_slot *a, const mapa_slot *b, int travel_minutes)
{
    if (a->day != b->day)
        return false;
    int pad = 0;
    if (travel_minutes > 0 && !online(a) && !online(b) && strcmp(a->place, b->place) != 0)
        pad = travel_minutes;
    return a->start < b->end + pad && b->start < a->end + pad;
}

/* A line into the checker's list; false on out of memory. */
static bool say(char ***lines, size_t *n, size_t *cap, char *text)
{
    if (!text || (*n == *cap && !mapa__grow((void **)lines, cap, *n + 1, sizeof **lines))) {
        free(text);
        return false;
    }
    (*lines)[(*n)++] = text;
    return true;
}

/* Seats a session takes: everyone invited. */
static size_t seats(const mapa_session *s)
{
    return s->n_invitees;
}

mapa_err mapa_schedule_check(char ***lines_out, size_t *n_out, const mapa_partnership *p,
                             const size_t *team, const size_t *spoc, const mapa_cf *cf,
                             const mapa_calendar *cal, const mapa_schedule_options *o,
                             const mapa_schedule *s)
{
    char **lines = NULL;
    size_t n = 0, cap = 0;
    bool ok = true;
    size_t *used = calloc(cal->n_slots + 1, sizeof *used);
    ok = used != NULL;
    for (size_t i = 0; ok && i < s->n_sessions; i++) {
        const mapa_session *a = &s->sessions[i];
        const char *tn = p->topics[a->team].name;
        const char *gn = mapa_session_stage_name(a->stage);
        if (a->slot == MAPA_NONE) {
            if (!o->soft)
                ok = say(&lines, &n, &cap, mapa__format("%s %s has no slot", tn, gn));
            continue;
        }
        const mapa_slot *k = &cal->slots[a->slot];
        used[a->slot]++;
        const mapa_stage_window *w = &cal->windows[a->team * 2 + (size_t)a->stage];
        if (k->day < w->earliest || k->day > w->latest)
            ok &= say(&lines, &n, &cap, mapa__format("%s %s is outside its window", tn, gn));
        if (seats(a) > k->capacity)
            ok &= say(&lines, &n, &cap, mapa__format("%s %s has %zu invited, seats %zu", tn, gn,
                                                     seats(a), k->capacity));
        mapa_invitee *inv = NULL;
        size_t n_inv = 0;
        if (mapa__session_invitees(&inv, &n_inv, p, team, spoc, cf, a->team, a->stage, o) !=
            MAPA_OK) {
            ok = false;
            break;
        }
        size_t wanted_members = 0, avail_members = 0;
        for (size_t j = 0; j < n_inv; j++) {
            bool av = mapa__member_available(cal, inv[j].member, k);
            if (inv[j].attend == MAPA_ATTEND_REQUIRED && !av)
                ok &= say(&lines, &n, &cap,
                          mapa__format("%s is required at %s %s but unavailable",
                                       p->members[inv[j].member].name, tn, gn));
            if (inv[j].role == MAPA_ROLE_MEMBER && inv[j].attend != MAPA_ATTEND_OPTIONAL) {
                wanted_members++;
                avail_members += av;
            }
        }
        if (n_inv != a->n_invitees)
            ok &= say(&lines, &n, &cap, mapa__format("%s %s lists %zu invitees, not %zu", tn, gn,
                                                     a->n_invitees, n_inv));
        if (o->member_share > 0 && (double)avail_members < o->member_share * (double)wanted_members - 1e-9)
            ok &= say(&lines, &n, &cap, mapa__format("%s %s: %zu of %zu members available", tn,
                                                     gn, avail_members, wanted_members));
        if (a->stage == 1 && s->sessions[i - 1].slot != MAPA_NONE) {
            const mapa_slot *d = &cal->slots[s->sessions[i - 1].slot];
            bool before = d->day < k->day || (d->day == k->day && d->end <= k->start);
            if (!before || k->day - d->day < w->min_gap)
                ok &= say(&lines, &n, &cap,
                          mapa__format("%s Evaluation is not %d days after Decision-making", tn,
                                       (int)w->min_gap));
        }
        /* nobody in two sessions at once */
        for (size_t i2 = 0; ok && i2 < i; i2++) {
            const mapa_session *b = &s->sessions[i2];
            if (b->slot == MAPA_NONE || b->team == a->team ||
                !mapa__slots_clash(k, &cal->slots[b->slot], o->travel_minutes))
                continue;
            mapa_invitee *inv2 = NULL;
            size_t n2 = 0;
            if (mapa__session_invitees(&inv2, &n2, p, team, spoc, cf, b->team, b->stage, o) !=
                MAPA_OK) {
                ok = false;
                break;
            }
            for (size_t x = 0; x < n_inv; x++)
                for (size_t y = 0; y < n2; y++)
                    if (inv[x].member == inv2[y].member && !o->soft)
                        ok &= say(&lines, &n, &cap,
                                  mapa__format("%s is in %s %s and %s %s at once",
                                               p->members[inv[x].member].name, tn, gn,
                                               p->topics[b->team].name,
                                               mapa_session_stage_name(b->stage)));
            free(inv2);
        }
        free(inv);
    }
    for (size_t k = 0; ok && k < cal->n_slots; k++)
        if (used[k] > cal->slots[k].rooms)
            ok &= say(&lines, &n, &cap, mapa__format("slot %zu holds %zu sessions, rooms %zu", k,
                                                     used[k], cal->slots[k].rooms));
    free(used);
    if (!ok) {
        for (size_t k = 0; k < n; k++)
            free(lines[k]);
        free(lines);
        return mapa_error_set(MAPA_ENOMEM, "out of memory while checking the schedule");
    }
    *lines_out = lines;
    *n_out = n;
    return MAPA_OK;
}
