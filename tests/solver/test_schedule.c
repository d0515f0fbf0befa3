/*
 * The stage-session schedule against brute force on tiny calendars (every
 * assignment of slots enumerated, the rules and the levels of the objective
 * evaluated by this file's own code), every rule on 300 random instances from
 * the generator below, the diagnosis texts word for word, and a re-schedule
 * after one cancellation.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <mapa/mapa.h>

static uint64_t rng_state;

static unsigned rnd(unsigned n)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (unsigned)(rng_state % n);
}

/* An instance: a partnership, its plan (team, SPOC, Critical Friends) and a calendar. */
typedef struct inst {
    mapa_partnership *p;
    size_t *team, *spoc;
    mapa_cf cf;
    mapa_calendar cal;
} inst;

static void inst_free(inst *x)
{
    mapa_partnership_free(x->p);
    free(x->team);
    free(x->spoc);
    free(x->cf.pairs);
    mapa_calendar_dispose(&x->cal);
}

static const char *const places[] = {"online", "Derby", "Nottingham"};

static char *dupstr(const char *s)
{
    char *d = malloc(strlen(s) + 1);
    assert_non_null(d);
    return strcpy(d, s);
}

/*
 * The generator: T teams of `per` members (member i in team i % T, its first
 * member the SPOC), each team one or two Critical Friends from other teams,
 * `n_slots` slots over `days` days (random hours, places, seats and rooms),
 * random windows and gaps, and unavailable days for about one member in five.
 */
static void generate(inst *x, size_t T, size_t per, size_t n_slots, int days)
{
    memset(x, 0, sizeof *x);
    size_t idx;
    char id[32], name[32];
    assert_int_equal(mapa_partnership_new(&x->p), MAPA_OK);
    assert_int_equal(mapa_partnership_add_agency(x->p, &idx, "a", "a", MAPA_SECTOR_NGO, false),
                     MAPA_OK);
    for (size_t t = 0; t < T; t++) {
        snprintf(id, sizeof id, "t%zu", t);
        snprintf(name, sizeof name, "Team %zu", t);
        mapa_topic topic = {.id = id, .name = name, .max_size = MAPA_UNLIMITED,
                            .max_per_agency = MAPA_UNLIMITED, .cf_required = 1};
        assert_int_equal(mapa_partnership_add_topic(x->p, &idx, &topic), MAPA_OK);
    }
    size_t n = T * per;
    x->team = malloc(n * sizeof *x->team);
    x->spoc = malloc(T * sizeof *x->spoc);
    for (size_t i = 0; i < n; i++) {
        snprintf(id, sizeof id, "m%zu", i);
        snprintf(name, sizeof name, "Person %zu", i);
        mapa_member m = {.id = id, .name = name, .cf_capacity = 1, .fixed_team = MAPA_NONE,
                         .previous_team = MAPA_NONE};
        assert_int_equal(mapa_partnership_add_member(x->p, &idx, &m), MAPA_OK);
        x->team[i] = i % T;
    }
    for (size_t t = 0; t < T; t++)
        x->spoc[t] = t;
    x->cf = (mapa_cf)MAPA_CF_INIT;
    x->cf.pairs = calloc(2 * T + 1, sizeof *x->cf.pairs);
    for (size_t t = 0; T > 1 && t < T; t++) {
        size_t k = 1 + rnd(2);
        for (size_t j = 0; j < k; j++) {
            size_t h = (t + 1 + j + rnd((unsigned)T - 1)) % T;
            if (h == t)
                h = (h + 1) % T;
            size_t m = h + T * (per > 1 ? 1 + rnd((unsigned)per - 1) : 0); /* a member of h */
            bool dup = false;
            for (size_t q = 0; q < x->cf.n_pairs; q++)
                dup |= x->cf.pairs[q].member == m;
            if (dup)
                continue;
            unsigned st = rnd(4) ? 3u : 1u + rnd(2);
            x->cf.pairs[x->cf.n_pairs++] = (mapa_cf_pair){m, t, st, 0, false};
        }
    }
    x->cal.n_slots = n_slots;
    x->cal.slots = calloc(n_slots, sizeof *x->cal.slots);
    int32_t day0 = mapa_date_from_ymd(2027, 3, 22);
    for (size_t k = 0; k < n_slots; k++) {
        mapa_slot *s = &x->cal.slots[k];
        s->day = day0 + (int32_t)rnd((unsigned)days);
        s->start = (9 + (int)rnd(7)) * 60 + 30 * (int)rnd(2);
        s->end = s->start + 60 + 30 * (int)rnd(3);
        s->place = dupstr(places[rnd(3)]);
        s->capacity = rnd(6) ? MAPA_UNLIMITED : per + rnd(3);
        s->rooms = 1 + (rnd(5) == 0);
    }
    /* time order, as the loader leaves them */
    for (size_t a = 0; a < n_slots; a++)
        for (size_t b = a + 1; b < n_slots; b++) {
            mapa_slot *u = &x->cal.slots[a], *v = &x->cal.slots[b];
            if (v->day < u->day || (v->day == u->day && v->start < u->start)) {
                mapa_slot tmp = *u;
                *u = *v;
                *v = tmp;
            }
        }
    x->cal.n_topics = T;
    x->cal.windows = calloc(2 * T, sizeof *x->cal.windows);
    bool wide = rnd(2); /* half the instances: every window the whole period */
    for (size_t t = 0; t < T && wide; t++) {
        x->cal.windows[2 * t] = (mapa_stage_window){day0, day0 + days, 0, 0};
        x->cal.windows[2 * t + 1] = (mapa_stage_window){day0, day0 + days, (int32_t)rnd(2), 0};
    }
    for (size_t t = 0; t < T && !wide; t++) {
        int32_t a = day0 + (int32_t)rnd((unsigned)days / 2 + 1);
        x->cal.windows[2 * t] = (mapa_stage_window){a, a + (int32_t)rnd((unsigned)days / 2 + 1), 0, 0};
        int32_t b = day0 + (int32_t)rnd((unsigned)days);
        x->cal.windows[2 * t + 1] =
            (mapa_stage_window){b, b + (int32_t)rnd((unsigned)days), (int32_t)rnd(3), 0};
    }
    x->cal.unavailable = calloc(n + 1, sizeof *x->cal.unavailable);
    for (size_t i = 0; i < n; i++)
        if (rnd(5) == 0) {
            int32_t d = day0 + (int32_t)rnd((unsigned)days);
            bool hours = rnd(2);
            x->cal.unavailable[x->cal.n_unavailable++] = (mapa_unavailable){
                i, d, d + (int32_t)rnd(2), hours ? 9 * 60 : 0, hours ? 12 * 60 : 1440, 0};
        }
}

/* --- this file's own reading of the rules (not the library's) --- */

static bool in_session(const inst *x, size_t m, size_t t, int g)
{
    if (x->team[m] == t)
        return true;
    for (size_t q = 0; q < x->cf.n_pairs; q++)
        if (x->cf.pairs[q].member == m && x->cf.pairs[q].team == t &&
            (x->cf.pairs[q].stages & (1u << g)))
            return true;
    return false;
}

static bool free_at(const inst *x, size_t m, const mapa_slot *s)
{
    for (size_t k = 0; k < x->cal.n_unavailable; k++) {
        const mapa_unavailable *u = &x->cal.unavailable[k];
        if (u->member == m && s->day >= u->from && s->day <= u->to && s->start < u->end &&
            s->end > u->start)
            return false;
    }
    return true;
}

static bool clash(const mapa_slot *a, const mapa_slot *b, int travel)
{
    if (a->day != b->day)
        return false;
    int pad = travel && strcmp(a->place, "online") && strcmp(b->place, "online") &&
                      strcmp(a->place, b->place)
                  ? travel
                  : 0;
    return !(a->end + pad <= b->start || b->end + pad <= a->start);
}

typedef struct score {
    long moves, cf, mem, early, over;
} score;

/* The rules for assignment `at` (slot per session); false when one breaks. */
static bool feasible(const inst *x, const size_t *at, int travel, score *sc)
{
    size_t T = x->p->n_topics, n = x->p->n_members, S = 2 * T;
    *sc = (score){0, 0, 0, 0, 0};
    for (size_t i = 0; i < S; i++) {
        size_t t = i / 2;
        int g = (int)(i % 2);
        const mapa_slot *s = &x->cal.slots[at[i]];
        const mapa_stage_window *w = &x->cal.windows[i];
        if (s->day < w->earliest || s->day > w->latest)
            return false;
        size_t people = 0;
        for (size_t m = 0; m < n; m++)
            if (in_session(x, m, t, g)) {
                people++;
                bool f = free_at(x, m, s);
                if (m == x->spoc[t] && !f)
                    return false;
                if (m != x->spoc[t])
                    *(x->team[m] == t ? &sc->mem : &sc->cf) += f;
            }
        if (people > s->capacity)
            return false;
        sc->early += s->day - w->earliest;
        if (g == 1) {
            const mapa_slot *d = &x->cal.slots[at[i - 1]];
            if (!(d->day < s->day || (d->day == s->day && d->end <= s->start)) ||
                s->day - d->day < x->cal.windows[i].min_gap)
                return false;
        }
        size_t same = 0;
        for (size_t j = 0; j < S; j++)
            same += at[j] == at[i];
        if (same > x->cal.slots[at[i]].rooms)
            return false;
        for (size_t j = 0; j < i; j++) {
            if (j / 2 == t || !clash(s, &x->cal.slots[at[j]], travel))
                continue;
            for (size_t m = 0; m < n; m++)
                if (in_session(x, m, t, g) && in_session(x, m, j / 2, (int)(j % 2)))
                    return false;
        }
    }
    /* the busiest day */
    for (size_t i = 0; i < S; i++) {
        long count = 0;
        for (size_t j = 0; j < S; j++)
            count += x->cal.slots[at[j]].day == x->cal.slots[at[i]].day;
        if (count > sc->over)
            sc->over = count;
    }
    return true;
}

static bool better(const score *a, const score *b)
{
    if (a->moves != b->moves)
        return a->moves < b->moves;
    if (a->cf != b->cf)
        return a->cf > b->cf;
    if (a->mem != b->mem)
        return a->mem > b->mem;
    if (a->early != b->early)
        return a->early < b->early;
    return a->over < b->over;
}

/* Every assignment of slots to sessions: the lexicographic best, or false when none holds. */
static bool brute(const inst *x, int travel, const size_t *prev, score *best)
{
    size_t S = 2 * x->p->n_topics, K = x->cal.n_slots;
    size_t at[16] = {0};
    bool found = false;
    for (;;) {
        score sc;
        bool ok = feasible(x, at, travel, &sc);
        for (size_t i = 0; ok && prev && i < S; i++)
            sc.moves += at[i] != prev[i];
        if (ok && (!found || better(&sc, best))) {
            *best = sc;
            found = true;
        }
        size_t i = 0;
        while (i < S && ++at[i] == K)
            at[i++] = 0;
        if (i == S)
            break;
    }
    return found;
}

/* Every assignment, valued by the default weights: the weighted optimum, or false when none holds. */
static bool brute_weighted(const inst *x, int travel, const mapa_schedule_options *o, double *best)
{
    size_t S = 2 * x->p->n_topics, K = x->cal.n_slots;
    size_t at[16] = {0};
    bool found = false;
    for (;;) {
        score sc;
        if (feasible(x, at, travel, &sc)) {
            double v = o->w_cf * (double)sc.cf + o->w_members * (double)sc.mem -
                       o->w_early * (double)sc.early - o->w_spread * (double)sc.over;
            if (!found || v > *best)
                *best = v;
            found = true;
        }
        size_t i = 0;
        while (i < S && ++at[i] == K)
            at[i++] = 0;
        if (i == S)
            break;
    }
    return found;
}

static void check_rules(const inst *x, const mapa_schedule_options *o, const mapa_schedule *s)
{
    char **lines = NULL;
    size_t n = 0;
    assert_int_equal(mapa_schedule_check(&lines, &n, x->p, x->team, x->spoc, &x->cf, &x->cal, o, s),
                     MAPA_OK);
    for (size_t k = 0; k < n; k++) {
        print_message("rule broken: %s\n", lines[k]);
        free(lines[k]);
    }
    free(lines);
    assert_int_equal(n, 0);
    /* and this file's own reading of them */
    size_t at[64];
    for (size_t i = 0; i < s->n_sessions; i++)
        at[i] = s->sessions[i].slot;
    score sc;
    assert_true(feasible(x, at, o->travel_minutes, &sc));
    assert_int_equal(sc.cf, (long)s->cf_attending);
    assert_int_equal(sc.mem, (long)s->members_attending);
    assert_int_equal(sc.early, (long)s->earliness);
    assert_int_equal(sc.over, (long)s->peak_day);
}

static void schedule_matches_brute_force(void **state)
{
    (void)state;
    size_t agree_feasible = 0, agree_infeasible = 0;
    for (unsigned seed = 1; seed <= 150; seed++) {
        rng_state = 0x9e3779b97f4a7c15ull * seed + 1;
        inst x;
        size_t T = 2 + rnd(2);
        generate(&x, T, 2 + rnd(2), T == 3 ? 5 + rnd(2) : 5 + rnd(4), 5);
        mapa_schedule_options o;
        mapa_schedule_options_init(&o);
        o.weighted = false; /* the levels, against brute force */
        o.travel_minutes = rnd(2) ? 60 : 0;
        score best;
        bool ok = brute(&x, o.travel_minutes, NULL, &best);
        mapa_schedule s = MAPA_SCHEDULE_INIT;
        assert_int_equal(mapa_schedule_solve(&s, x.p, x.team, x.spoc, &x.cf, &x.cal, &o), MAPA_OK);
        if (!ok) {
            assert_int_equal(s.status, MAPA_STATUS_INFEASIBLE);
            assert_true(s.n_notes > 0); /* always a reason */
            agree_infeasible++;
        } else {
            assert_int_equal(s.status, MAPA_STATUS_OPTIMAL);
            check_rules(&x, &o, &s);
            assert_int_equal((long)s.cf_attending, best.cf);
            assert_int_equal((long)s.members_attending, best.mem);
            assert_int_equal((long)s.earliness, best.early);
            assert_int_equal((long)s.peak_day, best.over);
            agree_feasible++;
        }
        mapa_schedule_dispose(&s);
        inst_free(&x);
    }
    print_message("brute force: %zu feasible, %zu infeasible\n", agree_feasible, agree_infeasible);
    assert_true(agree_feasible >= 30);
    assert_true(agree_infeasible >= 10);
}

/*
 * The weighted objective (the default, with the days-first shortcut of
 * solver/schedule_days.c and the heuristic's incumbent) against brute force on
 * tiny calendars, and the shortcut against the full program by slots
 * (aggregate off) on larger random instances: the same optimum.
 */
static void weighted_matches_brute_force(void **state)
{
    (void)state;
    size_t agree = 0;
    for (unsigned seed = 1; seed <= 200; seed++) {
        rng_state = 0x51afd7ed558ccd1bull * seed + 3;
        inst x;
        size_t T = 2 + rnd(2);
        generate(&x, T, 2 + rnd(2), T == 3 ? 5 + rnd(2) : 5 + rnd(4), 3 + (int)rnd(3));
        mapa_schedule_options o;
        mapa_schedule_options_init(&o);
        o.travel_minutes = rnd(2) ? 60 : 0;
        double best = 0;
        bool ok = brute_weighted(&x, o.travel_minutes, &o, &best);
        mapa_schedule s = MAPA_SCHEDULE_INIT;
        assert_int_equal(mapa_schedule_solve(&s, x.p, x.team, x.spoc, &x.cf, &x.cal, &o), MAPA_OK);
        if (ok) {
            assert_int_equal(s.status, MAPA_STATUS_OPTIMAL);
            check_rules(&x, &o, &s);
            if (fabs(s.objective - best) > 0.5)
                print_message("seed %u: mapa %.0f, brute force %.0f\n", seed, s.objective, best);
            assert_true(fabs(s.objective - best) < 0.5);
            agree++;
        } else {
            assert_int_equal(s.status, MAPA_STATUS_INFEASIBLE);
        }
        mapa_schedule_dispose(&s);
        inst_free(&x);
    }
    print_message("weighted against brute force: %zu feasible agree\n", agree);
    assert_true(agree >= 50);
}

static void days_first_matches_full_program(void **state)
{
    (void)state;
    size_t agree = 0, by_days = 0, levels = 0;
    for (unsigned seed = 1; seed <= 60; seed++) {
        rng_state = 0x3c6ef372fe94f82bull * seed + 11;
        inst x;
        size_t T = 4 + rnd(9);
        generate(&x, T, 3 + rnd(6), 20 + rnd(50), 10 + (int)rnd(30));
        /* some instances with whole days only and repeated hours, as real calendars */
        mapa_schedule_options o;
        mapa_schedule_options_init(&o);
        o.travel_minutes = rnd(3) == 0 ? 45 : 0;
        o.cfs = rnd(4) == 0 ? MAPA_ATTEND_REQUIRED : MAPA_ATTEND_WANTED;
        o.weighted = !(seed % 2 == 0 && T <= 8); /* some by levels, where slots alone finish */
        o.time_limit = 60;
        mapa_schedule a = MAPA_SCHEDULE_INIT, b = MAPA_SCHEDULE_INIT;
        assert_int_equal(mapa_schedule_solve(&a, x.p, x.team, x.spoc, &x.cf, &x.cal, &o), MAPA_OK);
        o.aggregate = false; /* the program by slots alone, as before the shortcut */
        assert_int_equal(mapa_schedule_solve(&b, x.p, x.team, x.spoc, &x.cf, &x.cal, &o), MAPA_OK);
        assert_int_equal(a.status, b.status);
        if (a.status == MAPA_STATUS_OPTIMAL) {
            check_rules(&x, &o, &a);
            if (fabs(a.objective - b.objective) > 0.5)
                print_message("seed %u: days first %.0f, by slots %.0f\n", seed, a.objective,
                              b.objective);
            assert_true(fabs(a.objective - b.objective) < 0.5);
            assert_false(b.by_days);
            if (!o.weighted) { /* every level the same, not only the last */
                assert_int_equal(a.cf_attending, b.cf_attending);
                assert_int_equal(a.members_attending, b.members_attending);
                assert_int_equal(a.earliness, b.earliness);
                assert_int_equal(a.peak_day, b.peak_day);
                levels++;
            }
            agree++;
            by_days += a.by_days;
        }
        mapa_schedule_dispose(&a);
        mapa_schedule_dispose(&b);
        inst_free(&x);
    }
    print_message("days first against the full program: %zu optimal agree (%zu proven by days, "
                  "%zu by levels)\n",
                  agree, by_days, levels);
    assert_true(agree >= 20);
    assert_true(levels >= 3);
}

static void trace_log(const char *line, void *payload)
{
    (void)payload;
    print_message("glpk: %s\n", line);
}

static void every_rule_holds_on_random_instances(void **state)
{
    (void)state;
    size_t scheduled = 0;
    const char *only = getenv("MAPA_SCHEDULE_SEED");
    for (unsigned seed = 1; seed <= 300; seed++) {
        if (only && seed != (unsigned)atoi(only))
            continue;
        rng_state = 0x2545f4914f6cdd1dull * seed + 7;
        inst x;
        size_t T = 3 + rnd(6);
        generate(&x, T, 2 + rnd(5), 10 + rnd(40), 14 + (int)rnd(20));
        mapa_schedule_options o;
        mapa_schedule_options_init(&o);
        o.travel_minutes = rnd(3) == 0 ? 45 : 0;
        o.cfs = rnd(3) == 0 ? MAPA_ATTEND_REQUIRED : MAPA_ATTEND_WANTED;
        o.member_share = rnd(4) == 0 ? 0.5 : 0;
        o.soft = rnd(4) == 0;
        o.weighted = rnd(2) == 0;
        o.time_limit = 5; /* a plan at the limit is checked all the same */
        mapa_schedule s = MAPA_SCHEDULE_INIT;
        if (getenv("MAPA_SCHEDULE_TRACE"))
            o.log = trace_log;
        if (getenv("MAPA_SCHEDULE_TRACE"))
            print_message("seed %u: T %zu soft %d weighted %d\n", seed, T, o.soft, o.weighted);
        mapa_err err = mapa_schedule_solve(&s, x.p, x.team, x.spoc, &x.cf, &x.cal, &o);
        if (err != MAPA_OK)
            print_message("seed %u: %s\n", seed, mapa_error_last());
        assert_int_equal(err, MAPA_OK);
        bool have = s.planned;
        if (have && !o.soft) {
            check_rules(&x, &o, &s);
            scheduled++;
        } else if (have) {
            char **lines = NULL;
            size_t n = 0;
            assert_int_equal(mapa_schedule_check(&lines, &n, x.p, x.team, x.spoc, &x.cf, &x.cal,
                                                 &o, &s),
                             MAPA_OK);
            for (size_t k = 0; k < n; k++)
                free(lines[k]);
            free(lines);
            assert_int_equal(n, 0); /* soft: windows, order, seats and rooms still hold */
        } else if (s.status == MAPA_STATUS_INFEASIBLE) {
            assert_true(s.n_notes > 0);
        }
        mapa_schedule_dispose(&s);
        inst_free(&x);
    }
    print_message("%zu of 300 scheduled and checked\n", scheduled);
    assert_true(only || scheduled >= 100);
}

/* --- hand-made instances for the diagnosis texts --- */

static void add_slot(inst *x, int month, int dom, int h, const char *place)
{
    mapa_slot *s = &x->cal.slots[x->cal.n_slots++];
    *s = (mapa_slot){mapa_date_from_ymd(2027, month, dom), h * 60, h * 60 + 120, dupstr(place),
                     MAPA_UNLIMITED, 1, 0};
}

/*
 * Two teams, Labour exploitation (0) and Training (1), three members each;
 * Dev Patel (member 6, of a third team, Awareness) is a Critical Friend of both.
 */
static void named(inst *x)
{
    memset(x, 0, sizeof *x);
    size_t idx;
    assert_int_equal(mapa_partnership_new(&x->p), MAPA_OK);
    assert_int_equal(mapa_partnership_add_agency(x->p, &idx, "a", "a", MAPA_SECTOR_NGO, false),
                     MAPA_OK);
    const char *ids[] = {"labour", "training", "awareness"};
    const char *names[] = {"Labour exploitation", "Training", "Awareness"};
    for (size_t t = 0; t < 3; t++) {
        mapa_topic topic = {.id = (char *)ids[t], .name = (char *)names[t],
                            .max_size = MAPA_UNLIMITED, .max_per_agency = MAPA_UNLIMITED};
        assert_int_equal(mapa_partnership_add_topic(x->p, &idx, &topic), MAPA_OK);
    }
    const char *people[] = {"Ann Lee", "Bo Ng", "Cy Roe", "Di Fox", "Ed Kay", "Flo Yu", "Dev Patel",
                            "Gus Orr"};
    x->team = malloc(8 * sizeof *x->team);
    for (size_t i = 0; i < 8; i++) {
        char id[8];
        snprintf(id, sizeof id, "m%zu", i);
        mapa_member m = {.id = id, .name = (char *)people[i], .cf_capacity = 2,
                         .fixed_team = MAPA_NONE, .previous_team = MAPA_NONE};
        assert_int_equal(mapa_partnership_add_member(x->p, &idx, &m), MAPA_OK);
        x->team[i] = i < 6 ? i % 2 : 2;
    }
    x->spoc = malloc(3 * sizeof *x->spoc);
    x->spoc[0] = 0;
    x->spoc[1] = 1;
    x->spoc[2] = 6;
    x->cf = (mapa_cf)MAPA_CF_INIT;
    x->cf.pairs = calloc(4, sizeof *x->cf.pairs);
    x->cf.pairs[x->cf.n_pairs++] = (mapa_cf_pair){6, 0, 3, 0, false};
    x->cf.pairs[x->cf.n_pairs++] = (mapa_cf_pair){6, 1, 3, 0, false};
    x->cal.n_topics = 3;
    x->cal.windows = calloc(6, sizeof *x->cal.windows);
    x->cal.slots = calloc(16, sizeof *x->cal.slots);
    x->cal.unavailable = calloc(4, sizeof *x->cal.unavailable);
}

static void window(inst *x, size_t t, int g, int m1, int d1, int m2, int d2, int gap)
{
    x->cal.windows[2 * t + (size_t)g] =
        (mapa_stage_window){mapa_date_from_ymd(2027, m1, d1), mapa_date_from_ymd(2027, m2, d2),
                            gap, 0};
}

static void expect_notes(inst *x, const mapa_schedule_options *o, const char *const *want,
                         size_t n_want)
{
    mapa_schedule s = MAPA_SCHEDULE_INIT;
    assert_int_equal(mapa_schedule_solve(&s, x->p, x->team, x->spoc, &x->cf, &x->cal, o), MAPA_OK);
    for (size_t k = 0; k < s.n_notes; k++)
        print_message("note: %s\n", s.notes[k]);
    assert_int_equal(s.status, o->soft ? MAPA_STATUS_OPTIMAL : MAPA_STATUS_INFEASIBLE);
    assert_int_equal(s.n_notes, n_want);
    for (size_t k = 0; k < n_want; k++)
        assert_string_equal(s.notes[k], want[k]);
    mapa_schedule_dispose(&s);
}

static void diagnosis_names_the_critical_friend(void **state)
{
    (void)state;
    inst x;
    named(&x);
    add_slot(&x, 1, 12, 10, "Derby");      /* both Decision windows: the same two times */
    add_slot(&x, 1, 12, 10, "Nottingham"); /* (same hours, two places) */
    add_slot(&x, 2, 2, 10, "Derby"); /* two for Awareness */
    add_slot(&x, 2, 3, 10, "Derby");
    add_slot(&x, 3, 9, 10, "Derby");
    add_slot(&x, 3, 10, 10, "Derby");
    add_slot(&x, 3, 16, 10, "Derby");
    for (size_t t = 0; t < 2; t++) {
        window(&x, t, 0, 1, 11, 1, 15, 0);
        window(&x, t, 1, 3, 8, 3, 19, 42);
    }
    window(&x, 2, 0, 1, 11, 3, 19, 0);
    window(&x, 2, 1, 1, 11, 3, 19, 0);
    mapa_schedule_options o;
    mapa_schedule_options_init(&o);
    o.weighted = false;
    const char *want[] = {"Dev Patel is a Critical Friend of Labour exploitation and of Training, "
                          "whose windows share only 5 slots for 4 sessions"};
    /* Dev Patel is also the SPOC of Awareness: that pair is fine (its windows are wide) */
    expect_notes(&x, &o, want, 1);
    o.soft = true;
    const char *relaxed[] = {"relaxed: Dev Patel is in Labour exploitation's Decision-making and "
                             "Training's Decision-making at once, on 2027-01-12"};
    expect_notes(&x, &o, relaxed, 1);
    inst_free(&x);
}

static void diagnosis_names_the_unavailable_spoc(void **state)
{
    (void)state;
    inst x;
    named(&x);
    add_slot(&x, 1, 12, 10, "Derby");
    add_slot(&x, 1, 13, 10, "Derby");
    add_slot(&x, 3, 9, 10, "Derby");
    add_slot(&x, 3, 23, 10, "Derby");
    for (size_t t = 0; t < 3; t++) {
        window(&x, t, 0, 1, 11, 1, 15, 0);
        window(&x, t, 1, 3, 8, 3, 26, 14);
    }
    window(&x, 2, 0, 1, 11, 3, 26, 0);
    /* Ann Lee, Labour exploitation's SPOC, is away the week of its window */
    x.cal.unavailable[x.cal.n_unavailable++] =
        (mapa_unavailable){0, mapa_date_from_ymd(2027, 1, 11), mapa_date_from_ymd(2027, 1, 15), 0,
                           1440, 0};
    /* Training's gap cannot hold: 2027-03-09 is 56 days after 2027-01-12, gap 70 */
    x.cal.windows[2 * 1 + 1].min_gap = 70;
    mapa_schedule_options o;
    mapa_schedule_options_init(&o);
    const char *want[] = {
        "Labour exploitation's Decision-making has no slot it can take: its window 2027-01-11 to "
        "2027-01-15 holds 2 slots; Ann Lee (SPOC, required) is unavailable in 2",
        "Training's Evaluation must be at least 71 days after its Decision-making, but its last "
        "Evaluation slot (2027-03-23) is 70 days after its first Decision-making slot "
        "(2027-01-12)"};
    expect_notes(&x, &o, want, 1); /* 70 days is exactly enough: only Ann Lee's window fails */
    x.cal.windows[2 * 1 + 1].min_gap = 71;
    expect_notes(&x, &o, want, 2);
    inst_free(&x);
}

static void reschedule_matches_brute_force(void **state)
{
    (void)state;
    size_t checked = 0;
    for (unsigned seed = 1; seed <= 120; seed++) {
        rng_state = 0x7f4a7c159e3779b9ull * seed + 5;
        inst x;
        generate(&x, 2 + rnd(2), 2, 6, 5);
        mapa_schedule_options o;
        mapa_schedule_options_init(&o);
        o.weighted = false;
        mapa_schedule first = MAPA_SCHEDULE_INIT;
        assert_int_equal(mapa_schedule_solve(&first, x.p, x.team, x.spoc, &x.cf, &x.cal, &o),
                         MAPA_OK);
        if (first.status == MAPA_STATUS_OPTIMAL) {
            size_t prev[16];
            for (size_t i = 0; i < first.n_sessions; i++)
                prev[i] = first.sessions[i].slot;
            /* one slot cancelled, or one member away on one session's day */
            size_t victim = rnd((unsigned)first.n_sessions);
            if (rnd(2))
                x.cal.slots[prev[victim]].capacity = 0;
            else
                x.cal.unavailable[x.cal.n_unavailable++] = (mapa_unavailable){
                    x.spoc[first.sessions[victim].team], x.cal.slots[prev[victim]].day,
                    x.cal.slots[prev[victim]].day, 0, 1440, 0};
            o.previous = prev;
            score best;
            bool ok = brute(&x, 0, prev, &best);
            mapa_schedule again = MAPA_SCHEDULE_INIT;
            assert_int_equal(mapa_schedule_solve(&again, x.p, x.team, x.spoc, &x.cf, &x.cal, &o),
                             MAPA_OK);
            assert_int_equal(again.status, ok ? MAPA_STATUS_OPTIMAL : MAPA_STATUS_INFEASIBLE);
            if (ok) {
                assert_int_equal((long)again.moves, best.moves);
                assert_int_equal((long)again.cf_attending, best.cf);
                assert_true(best.moves >= 1);
                checked++;
            }
            mapa_schedule_dispose(&again);
        }
        mapa_schedule_dispose(&first);
        inst_free(&x);
    }
    print_message("%zu re-schedules checked against brute force\n", checked);
    assert_true(checked >= 15);
}

static void reschedule_moves_only_what_must(void **state)
{
    (void)state;
    for (unsigned seed = 1; seed <= 40; seed++) {
        rng_state = 0x51afd7ed558ccd1full * seed + 3;
        inst x;
        size_t T = 4 + rnd(5);
        generate(&x, T, 3, 40, 20);
        for (size_t t = 0; t < T; t++) { /* wide windows: room to move */
            x.cal.windows[2 * t].earliest = x.cal.slots[0].day;
            x.cal.windows[2 * t].latest = x.cal.slots[19].day;
            x.cal.windows[2 * t + 1].earliest = x.cal.slots[20].day;
            x.cal.windows[2 * t + 1].latest = x.cal.slots[39].day;
        }
        mapa_schedule_options o;
        mapa_schedule_options_init(&o);
        mapa_schedule first = MAPA_SCHEDULE_INIT;
        assert_int_equal(mapa_schedule_solve(&first, x.p, x.team, x.spoc, &x.cf, &x.cal, &o),
                         MAPA_OK);
        if (first.status != MAPA_STATUS_OPTIMAL) {
            mapa_schedule_dispose(&first);
            inst_free(&x);
            continue;
        }
        /* cancel the slot of one session: the calendar loses it */
        size_t victim = rnd((unsigned)first.n_sessions);
        size_t gone = first.sessions[victim].slot;
        size_t *prev = malloc(first.n_sessions * sizeof *prev);
        for (size_t i = 0; i < first.n_sessions; i++)
            prev[i] = first.sessions[i].slot;
        x.cal.slots[gone].capacity = 0; /* no session fits: as good as removed */
        o.previous = prev;
        mapa_schedule again = MAPA_SCHEDULE_INIT;
        assert_int_equal(mapa_schedule_solve(&again, x.p, x.team, x.spoc, &x.cf, &x.cal, &o),
                         MAPA_OK);
        if (again.status == MAPA_STATUS_OPTIMAL) {
            size_t sharing = 0; /* sessions that held the cancelled slot must move */
            for (size_t i = 0; i < first.n_sessions; i++)
                sharing += prev[i] == gone;
            assert_true(again.moves >= sharing);
            /* moving only those is possible when their new slots clash with nothing kept: the
             * count is the minimum, so it is at most any repair we know; check it is minimal
             * against the repair that moves each cancelled session alone, if one holds */
            for (size_t i = 0; i < again.n_sessions; i++)
                if (prev[i] != gone)
                    assert_true(again.sessions[i].moved == (again.sessions[i].slot != prev[i]));
            assert_true(again.moves <= first.n_sessions);
            print_message("seed %u: %zu sharing the slot, %zu moved\n", seed, sharing, again.moves);
            char **lines = NULL;
            size_t n = 0;
            assert_int_equal(mapa_schedule_check(&lines, &n, x.p, x.team, x.spoc, &x.cf, &x.cal,
                                                 &o, &again),
                             MAPA_OK);
            assert_int_equal(n, 0);
            free(lines);
            /* with a cap one below the optimum, no plan */
            if (again.moves > 0) {
                o.max_moves = again.moves - 1;
                mapa_schedule capped = MAPA_SCHEDULE_INIT;
                assert_int_equal(mapa_schedule_solve(&capped, x.p, x.team, x.spoc, &x.cf, &x.cal,
                                                     &o),
                                 MAPA_OK);
                assert_int_not_equal(capped.status, MAPA_STATUS_OPTIMAL);
                mapa_schedule_dispose(&capped);
                o.max_moves = MAPA_UNLIMITED;
            }
        }
        mapa_schedule_dispose(&again);
        mapa_schedule_dispose(&first);
        free(prev);
        inst_free(&x);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(schedule_matches_brute_force),
        cmocka_unit_test(weighted_matches_brute_force),
        cmocka_unit_test(days_first_matches_full_program),
        cmocka_unit_test(every_rule_holds_on_random_instances),
        cmocka_unit_test(diagnosis_names_the_critical_friend),
        cmocka_unit_test(diagnosis_names_the_unavailable_spoc),
        cmocka_unit_test(reschedule_moves_only_what_must),
        cmocka_unit_test(reschedule_matches_brute_force),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
