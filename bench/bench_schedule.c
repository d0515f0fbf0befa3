/*
 * The stage-session schedule at the size: 100 teams of 100 members
 * (10,000), two sessions each, 200 slots over 12 weeks, every member away on
 * 5 % of the days, two Critical Friends per team. mapa (by levels, and with
 * the weighted objective) beside glpsol on the straightforward model: a
 * binary per team, stage and slot of its window, a no-overlap row per person
 * and slot, the same weighted objective, written as CPLEX LP and solved in the
 * same run. Usage: bench_schedule [TEAMS] [GLPSOL_TIMEOUT_S] [levels|weighted|both|compare]
 * ("compare": weighted, then the same with the program by slots alone,
 * aggregate off). Environment: BENCH_SEED (the instance), BENCH_FAMILY=tight
 * (a family not tuned to: four Critical Friends per team, two rooms per slot,
 * half the unavailable days mornings only), BENCH_TIME_LIMIT, BENCH_LOG.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/resource.h>

#include <mapa/mapa.h>

#include "bench/bench_util.h"

static uint64_t rng = 88172645463325252ull;

/* CPU seconds of this process so far (user and system). */
static double cpu_seconds(void)
{
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return (double)u.ru_utime.tv_sec + (double)u.ru_utime.tv_usec / 1e6 +
           (double)u.ru_stime.tv_sec + (double)u.ru_stime.tv_usec / 1e6;
}

static unsigned rnd(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

typedef struct inst {
    mapa_partnership *p;
    size_t *team, *spoc;
    mapa_cf cf;
    mapa_calendar cal;
} inst;

static char *dup(const char *s)
{
    char *d = malloc(strlen(s) + 1);
    return d ? strcpy(d, s) : NULL;
}

static void build(inst *x, size_t T, size_t per)
{
    bool tight = getenv("BENCH_FAMILY") && strcmp(getenv("BENCH_FAMILY"), "tight") == 0;
    size_t n_cf = tight ? 4 : 2, rooms = tight ? 2 : 3;
    memset(x, 0, sizeof *x);
    size_t idx;
    char id[32];
    mapa_partnership_new(&x->p);
    mapa_partnership_add_agency(x->p, &idx, "a", "a", MAPA_SECTOR_NGO, false);
    for (size_t t = 0; t < T; t++) {
        snprintf(id, sizeof id, "t%zu", t);
        mapa_topic topic = {.id = id, .name = id, .max_size = MAPA_UNLIMITED,
                            .max_per_agency = MAPA_UNLIMITED, .cf_required = 2};
        mapa_partnership_add_topic(x->p, &idx, &topic);
    }
    size_t n = T * per;
    x->team = malloc(n * sizeof *x->team);
    x->spoc = malloc(T * sizeof *x->spoc);
    for (size_t i = 0; i < n; i++) {
        snprintf(id, sizeof id, "m%zu", i);
        mapa_member m = {.id = id, .name = id, .cf_capacity = 1, .fixed_team = MAPA_NONE,
                         .previous_team = MAPA_NONE};
        mapa_partnership_add_member(x->p, &idx, &m);
        x->team[i] = i % T;
    }
    for (size_t t = 0; t < T; t++)
        x->spoc[t] = t;
    /* two Critical Friends per team, from the next teams round the circle */
    x->cf = (mapa_cf)MAPA_CF_INIT;
    x->cf.pairs = calloc(n_cf * T, sizeof *x->cf.pairs);
    for (size_t t = 0; t < T; t++)
        for (size_t j = 1; j <= n_cf; j++) {
            size_t h = (t + j + 2 * (j - 1) * rnd(4)) % T; /* t+1, and t+2..t+8: distinct */
            size_t m = h + T * (1 + (t % (per - 1))); /* not h's SPOC */
            x->cf.pairs[x->cf.n_pairs++] = (mapa_cf_pair){m, t, 3, 0, false};
        }
    /* 200 slots over 12 weeks: weekdays, 10:00, 14:00 and some 16:00, three rooms each */
    int32_t day0 = mapa_date_from_ymd(2027, 1, 11);
    x->cal.slots = calloc(200, sizeof *x->cal.slots);
    for (int32_t d = 0; d < 84 && x->cal.n_slots < 200; d++) {
        if (d % 7 >= 5)
            continue;
        int hours[4] = {9, 11, 14, 16};
        for (int h = 0; h < 4 && x->cal.n_slots < 200; h++) {
            if (h == 3 && d % 3 == 0)
                continue;
            x->cal.slots[x->cal.n_slots++] = (mapa_slot){
                day0 + d, hours[h] * 60, hours[h] * 60 + 120,
                dup(h == 2 ? "online" : (d % 2 ? "Derby" : "Nottingham")), MAPA_UNLIMITED, rooms, 0};
        }
    }
    x->cal.n_topics = T;
    x->cal.windows = calloc(2 * T, sizeof *x->cal.windows);
    for (size_t t = 0; t < T; t++) {
        x->cal.windows[2 * t] = (mapa_stage_window){day0, day0 + 27, 0, 0};
        x->cal.windows[2 * t + 1] = (mapa_stage_window){day0 + 49, day0 + 83, 42, 0};
    }
    /* 5 % of each member's days (weekdays of the 12 weeks): three or four days away */
    x->cal.unavailable = calloc(n * 4, sizeof *x->cal.unavailable);
    for (size_t i = 0; i < n; i++) {
        size_t k = 3 + (rnd(10) < 1);
        for (size_t j = 0; j < k; j++) {
            int32_t d = day0 + (int32_t)rnd(84);
            bool morning = tight && rnd(2);
            x->cal.unavailable[x->cal.n_unavailable++] =
                (mapa_unavailable){i, d, d, 0, morning ? 13 * 60 : 1440, 0};
        }
    }
}

static bool free_at(const inst *x, const size_t *off, size_t m, const mapa_slot *s)
{
    for (size_t k = off[m]; k < off[m + 1]; k++) {
        const mapa_unavailable *u = &x->cal.unavailable[k];
        if (s->day >= u->from && s->day <= u->to)
            return false;
    }
    return true;
}

/* The straightforward model in CPLEX LP, with the weighted objective of mapa --weighted. */
static void write_lp(const inst *x, const char *path)
{
    FILE *fp = fopen(path, "w");
    size_t T = x->p->n_topics, n = x->p->n_members, K = x->cal.n_slots;
    size_t *off = calloc(n + 1, sizeof *off); /* unavailable lines are in member order */
    for (size_t k = 0; k < x->cal.n_unavailable; k++)
        off[x->cal.unavailable[k].member + 1]++;
    for (size_t m = 0; m < n; m++)
        off[m + 1] += off[m];
    mapa_schedule_options o;
    mapa_schedule_options_init(&o);
    fprintf(fp, "\\ straightforward stage-session model\nMaximize\n obj: - %g peak", o.w_spread);
    for (size_t t = 0; t < T; t++)
        for (int g = 0; g < 2; g++)
            for (size_t k = 0; k < K; k++) {
                const mapa_slot *s = &x->cal.slots[k];
                const mapa_stage_window *w = &x->cal.windows[2 * t + (size_t)g];
                if (s->day < w->earliest || s->day > w->latest)
                    continue;
                double v = -o.w_early * (s->day - w->earliest);
                for (size_t m = 0; m < n; m++)
                    if (x->team[m] == t && m != x->spoc[t])
                        v += o.w_members * free_at(x, off, m, s);
                for (size_t q = 0; q < x->cf.n_pairs; q++)
                    if (x->cf.pairs[q].team == t)
                        v += o.w_cf * free_at(x, off, x->cf.pairs[q].member, s);
                fprintf(fp, " %+g x_%zu_%d_%zu", v, t, g, k);
            }
    fprintf(fp, "\nSubject To\n");
    for (size_t t = 0; t < T; t++)
        for (int g = 0; g < 2; g++) {
            fprintf(fp, " one_%zu_%d:", t, g);
            const mapa_stage_window *w = &x->cal.windows[2 * t + (size_t)g];
            for (size_t k = 0; k < K; k++)
                if (x->cal.slots[k].day >= w->earliest && x->cal.slots[k].day <= w->latest)
                    fprintf(fp, " + x_%zu_%d_%zu", t, g, k);
            fprintf(fp, " = 1\n");
        }
    for (size_t t = 0; t < T; t++) { /* gap, as days */
        fprintf(fp, " gap_%zu:", t);
        for (int g = 0; g < 2; g++) {
            const mapa_stage_window *w = &x->cal.windows[2 * t + (size_t)g];
            for (size_t k = 0; k < K; k++)
                if (x->cal.slots[k].day >= w->earliest && x->cal.slots[k].day <= w->latest)
                    fprintf(fp, " %+d x_%zu_%d_%zu",
                            (g ? 1 : -1) * (int)(x->cal.slots[k].day - x->cal.slots[0].day), t, g,
                            k);
        }
        fprintf(fp, " >= %d\n", (int)x->cal.windows[2 * t + 1].min_gap);
    }
    for (size_t k = 0; k < K; k++) { /* rooms */
        bool any = false;
        for (size_t t = 0; t < T; t++)
            for (int g = 0; g < 2; g++) {
                const mapa_stage_window *w = &x->cal.windows[2 * t + (size_t)g];
                if (x->cal.slots[k].day >= w->earliest && x->cal.slots[k].day <= w->latest) {
                    if (!any)
                        fprintf(fp, " room_%zu:", k);
                    any = true;
                    fprintf(fp, " + x_%zu_%d_%zu", t, g, k);
                }
            }
        if (any)
            fprintf(fp, " <= %zu\n", x->cal.slots[k].rooms);
    }
    for (int32_t d = x->cal.slots[0].day; d <= x->cal.slots[K - 1].day; d++) { /* peak day */
        bool any = false;
        for (size_t k = 0; k < K; k++)
            if (x->cal.slots[k].day == d) {
                for (size_t t = 0; t < T; t++)
                    for (int g = 0; g < 2; g++) {
                        const mapa_stage_window *w = &x->cal.windows[2 * t + (size_t)g];
                        if (d >= w->earliest && d <= w->latest) {
                            if (!any)
                                fprintf(fp, " day_%d:", (int)d);
                            any = true;
                            fprintf(fp, " + x_%zu_%d_%zu", t, g, k);
                        }
                    }
            }
        if (any)
            fprintf(fp, " - peak <= 0\n");
    }
    /* no-overlap: a row per person and slot (every slot overlapping it, every session of theirs) */
    for (size_t m = 0; m < n; m++) {
        size_t sess[8], ns = 0;
        sess[ns++] = 2 * x->team[m];
        sess[ns++] = 2 * x->team[m] + 1;
        for (size_t q = 0; q < x->cf.n_pairs && ns < 8; q++)
            if (x->cf.pairs[q].member == m) {
                sess[ns++] = 2 * x->cf.pairs[q].team;
                sess[ns++] = 2 * x->cf.pairs[q].team + 1;
            }
        for (size_t k = 0; k < K; k++) {
            const mapa_slot *tau = &x->cal.slots[k];
            bool any = false;
            size_t lo = k, hi = k;
            while (lo > 0 && x->cal.slots[lo - 1].day == tau->day)
                lo--;
            while (hi + 1 < K && x->cal.slots[hi + 1].day == tau->day)
                hi++;
            for (size_t j = 0; j < ns; j++) {
                const mapa_stage_window *w = &x->cal.windows[sess[j]];
                for (size_t l = lo; l <= hi; l++) {
                    const mapa_slot *s = &x->cal.slots[l];
                    if (s->day != tau->day || s->start > tau->start || s->end <= tau->start ||
                        s->day < w->earliest || s->day > w->latest)
                        continue;
                    if (!any)
                        fprintf(fp, " p_%zu_%zu:", m, k);
                    any = true;
                    fprintf(fp, " + x_%zu_%d_%zu", sess[j] / 2, (int)(sess[j] % 2), l);
                }
            }
            if (any)
                fprintf(fp, " <= 1\n");
        }
    }
    /* the SPOC is required: slots the SPOC cannot attend are out */
    for (size_t t = 0; t < T; t++)
        for (int g = 0; g < 2; g++)
            for (size_t k = 0; k < K; k++) {
                const mapa_stage_window *w = &x->cal.windows[2 * t + (size_t)g];
                const mapa_slot *s = &x->cal.slots[k];
                if (s->day >= w->earliest && s->day <= w->latest &&
                    !free_at(x, off, x->spoc[t], s))
                    fprintf(fp, " spoc_%zu_%d_%zu: x_%zu_%d_%zu = 0\n", t, g, k, t, g, k);
            }
    fprintf(fp, "Bounds\n 0 <= peak <= %zu\nGeneral\n peak\nBinary\n", 2 * T);
    for (size_t t = 0; t < T; t++)
        for (int g = 0; g < 2; g++)
            for (size_t k = 0; k < K; k++) {
                const mapa_stage_window *w = &x->cal.windows[2 * t + (size_t)g];
                if (x->cal.slots[k].day >= w->earliest && x->cal.slots[k].day <= w->latest)
                    fprintf(fp, " x_%zu_%d_%zu\n", t, g, k);
            }
    fprintf(fp, "End\n");
    fclose(fp);
    free(off);
}

static void print_log(const char *line, void *payload)
{
    (void)payload;
    fprintf(stderr, "%s\n", line);
}

static void run_mapa(const inst *x, bool weighted, bool aggregate)
{
    mapa_schedule_options o;
    mapa_schedule_options_init(&o);
    o.weighted = weighted;
    o.aggregate = aggregate;
    o.time_limit = getenv("BENCH_TIME_LIMIT") ? atof(getenv("BENCH_TIME_LIMIT")) : 600;
    if (getenv("BENCH_LOG"))
        o.log = print_log;
    o.write_lp = getenv("BENCH_WRITE_LP"); /* mapa's own model, to try other solvers on it */
    mapa_schedule s = MAPA_SCHEDULE_INIT;
    bench_reset_peak();
    double t0 = bench_now(), c0 = cpu_seconds();
    mapa_err err = mapa_schedule_solve(&s, x->p, x->team, x->spoc, &x->cf, &x->cal, &o);
    double secs = bench_now() - t0;
    if (err != MAPA_OK) {
        printf("mapa: %s\n", mapa_error_last());
        return;
    }
    printf("mapa %-13s %8.2f s %8.2f s CPU %8.1f MiB peak  %s%s  objective %.1f  bound %.1f  CF "
           "%zu/%zu  members %zu/%zu  early %lld  peak day %zu  (%zu columns, %zu rows, %zu "
           "conflict pairs)\n",
           weighted ? (aggregate ? "weighted" : "weighted-full") : "by levels", secs,
           cpu_seconds() - c0, bench_peak_mib(), mapa_status_name(s.status),
           s.by_days ? " (by days)" : "", s.objective, s.bound, s.cf_attending, s.cf_wanted,
           s.members_attending, s.members_wanted, (long long)s.earliness, s.peak_day, s.columns,
           s.rows, s.conflict_pairs);
    for (size_t k = 0; k < s.n_notes && k < 5; k++)
        printf("  note: %s\n", s.notes[k]);
    mapa_schedule_dispose(&s);
}

int main(int argc, char **argv)
{
    size_t T = argc > 1 ? (size_t)atoi(argv[1]) : 100;
    double glpsol_timeout = argc > 2 ? atof(argv[2]) : 600;
    if (getenv("BENCH_SEED"))
        rng = 88172645463325252ull ^ (0x9e3779b97f4a7c15ull * strtoull(getenv("BENCH_SEED"), NULL, 10));
    inst x;
    build(&x, T, 100);
    printf("instance: %zu teams, %zu members, %zu slots, %zu unavailable days, %zu CF duties\n", T,
           x.p->n_members, x.cal.n_slots, x.cal.n_unavailable, x.cf.n_pairs);
    const char *which = argc > 3 ? argv[3] : "both";
    if (strcmp(which, "levels") == 0 || strcmp(which, "both") == 0)
        run_mapa(&x, false, true);
    if (strcmp(which, "levels") != 0)
        run_mapa(&x, true, true);
    if (strcmp(which, "compare") == 0)
        run_mapa(&x, true, false);
    const char *lp = "/tmp/bench_schedule.lp", *sol = "/tmp/bench_schedule.sol";
    double t0 = bench_now();
    write_lp(&x, lp);
    printf("straightforward model written in %.2f s (%s)\n", bench_now() - t0, lp);
    char *args[] = {"glpsol", "--lp", (char *)lp, "-o", (char *)sol, NULL};
    double secs = 0, peak = 0;
    int rc = bench_run(args, glpsol_timeout, &secs, &peak);
    printf("glpsol (same weighted objective) %8.2f s %8.1f MiB peak  exit %d  objective %.1f\n",
           secs, peak, rc, bench_glpsol_objective(sol, "obj"));
    mapa_partnership_free(x.p);
    free(x.team);
    free(x.spoc);
    free(x.cf.pairs);
    mapa_calendar_dispose(&x.cal);
    return 0;
}
