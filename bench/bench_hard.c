/*
 * Instance families for the benchmarks (issue 14). The easy family is the one
 * the allocation benchmark always used: three topics ranked by popularity
 * (1/rank^0.6), agencies of Zipf sizes (1/rank^0.8), team sizes from half to
 * twice the mean, at most 40 % of a mean team from one agency, at least 3
 * agencies per team, 30 % SPOC-willing. The hard family is built so that the
 * min-cost flow's optimum breaks every side row:
 *   - each topic's fans come from 1-2 "fan agencies" (85 % of a member's
 *     ranks are topics its agency is a fan of), and min_agencies is 4;
 *   - only every tenth agency has SPOC-willing members (40 % of them);
 *   - require_statutory and require_voluntary, with voluntary (NGO) agencies
 *     one in seven and statutory ones two in seven;
 *   - hard+moves: a previous team (uniform) for 60 % of members, max_moves
 *     25 % of them, move_penalty 1.
 * Critical Friends: cf_required per topic; tight_cf gives cf_capacity 1 to
 * only ceil(1.3 x cf_required) members per first-choice team, 0 to the rest.
 */
#include "bench_hard.h"

#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

const char *bench_kind_name(bench_kind kind)
{
    switch (kind) {
    case BENCH_EASY: return "easy";
    case BENCH_HARD: return "hard";
    case BENCH_HARD_MOVES: return "hard+moves";
    }
    return "?";
}

static size_t draw(gsl_rng *rng, const double *cum, size_t n)
{
    double u = gsl_rng_uniform(rng) * cum[n - 1];
    size_t lo = 0, hi = n - 1;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cum[mid] < u)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static mapa_sector hard_sector(size_t a)
{
    static const mapa_sector cycle[7] = {MAPA_SECTOR_NGO,      MAPA_SECTOR_POLICE,
                                         MAPA_SECTOR_BUSINESS, MAPA_SECTOR_ACADEMIA,
                                         MAPA_SECTOR_HEALTH,   MAPA_SECTOR_BUSINESS,
                                         MAPA_SECTOR_ACADEMIA};
    return cycle[a % 7];
}

static void add_agencies(mapa_partnership *p, const bench_family *f, double *agency_cum)
{
    static const mapa_sector easy[] = {MAPA_SECTOR_POLICE, MAPA_SECTOR_LOCAL_AUTHORITY,
                                       MAPA_SECTOR_HEALTH, MAPA_SECTOR_NGO, MAPA_SECTOR_BUSINESS};
    char id[32];
    size_t idx;
    for (size_t a = 0; a < f->agencies; a++) {
        snprintf(id, sizeof id, "a%zu", a);
        mapa_sector s = f->kind == BENCH_EASY ? easy[a % 5] : hard_sector(a);
        mapa_partnership_add_agency(p, &idx, id, id, s, mapa_sector_statutory(s));
        agency_cum[a] = (a ? agency_cum[a - 1] : 0) + 1.0 / pow((double)a + 1, 0.8);
    }
}

static void add_topics(mapa_partnership *p, const bench_family *f, double *topic_cum)
{
    double mean = (double)f->members / (double)f->topics;
    size_t cap = (size_t)fmax(1, floor(0.4 * mean));
    char id[32];
    size_t idx;
    for (size_t t = 0; t < f->topics; t++) {
        snprintf(id, sizeof id, "t%zu", t);
        mapa_topic topic = {.id = id,
                            .name = id,
                            .min_size = (size_t)floor(mean / 2),
                            .max_size = (size_t)ceil(2 * mean),
                            .min_agencies = f->kind == BENCH_EASY ? 3 : 4,
                            .max_per_agency = cap,
                            .cf_required = f->cf_required};
        mapa_partnership_add_topic(p, &idx, &topic);
        topic_cum[t] = (t ? topic_cum[t - 1] : 0) + 1.0 / pow((double)t + 1, 0.6);
    }
}

/* A topic agency a is a fan of (topics t with fan agencies t mod A and (3t + 1) mod A). */
static size_t fan_topic(gsl_rng *rng, const bench_family *f, size_t a)
{
    size_t A = f->agencies, T = f->topics, count = 0;
    for (size_t t = 0; t < T; t++)
        count += t % A == a || (3 * t + 1) % A == a;
    if (count == 0)
        return gsl_rng_uniform_int(rng, T);
    size_t k = gsl_rng_uniform_int(rng, count);
    for (size_t t = 0; t < T; t++)
        if ((t % A == a || (3 * t + 1) % A == a) && k-- == 0)
            return t;
    return 0;
}

static void ranks(gsl_rng *rng, const bench_family *f, size_t a, const double *topic_cum,
                  size_t *prefs)
{
    size_t n = 0;
    while (n < 3) {
        size_t t = f->kind != BENCH_EASY && gsl_rng_uniform(rng) < 0.85
                       ? fan_topic(rng, f, a)
                       : draw(rng, topic_cum, f->topics);
        bool dup = false;
        for (size_t k = 0; k < n; k++)
            dup |= prefs[k] == t;
        if (!dup)
            prefs[n++] = t;
    }
}

static void add_members(mapa_partnership *p, const bench_family *f, gsl_rng *rng,
                        const double *topic_cum, const double *agency_cum)
{
    char id[32];
    size_t idx;
    for (size_t i = 0; i < f->members; i++) {
        snprintf(id, sizeof id, "m%zu", i);
        size_t prefs[3], a = 0;
        if (f->kind == BENCH_EASY) { /* the draws in the order the benchmark always made them */
            ranks(rng, f, 0, topic_cum, prefs);
            a = draw(rng, agency_cum, f->agencies);
        } else {
            a = draw(rng, agency_cum, f->agencies);
            ranks(rng, f, a, topic_cum, prefs);
        }
        double u = gsl_rng_uniform(rng);
        bool willing = f->kind == BENCH_EASY ? u < 0.3 : (a % 10 == 3 && u < 0.4);
        mapa_member m = {.id = id,
                         .name = id,
                         .agency = a,
                         .prefs = prefs,
                         .n_prefs = 3,
                         .spoc_willing = willing,
                         .cf_capacity = f->tight_cf ? 0 : 1,
                         .fixed_team = MAPA_NONE,
                         .previous_team = MAPA_NONE};
        if (f->kind == BENCH_HARD_MOVES && gsl_rng_uniform(rng) < 0.6)
            m.previous_team = gsl_rng_uniform_int(rng, f->topics);
        mapa_partnership_add_member(p, &idx, &m);
    }
}

/* tight_cf: ceil(1.3 cf_required) members of each first-choice team may serve. */
static void tight_capacity(mapa_partnership *p, const bench_family *f)
{
    size_t want = (size_t)ceil(1.3 * (double)f->cf_required);
    size_t *given = calloc(f->topics, sizeof *given);
    for (size_t m = 0; given && m < p->n_members; m++) {
        size_t t = p->members[m].prefs[0];
        if (given[t] < want) {
            p->members[m].cf_capacity = 1;
            given[t]++;
        }
    }
    free(given);
}

mapa_partnership *bench_family_make(const bench_family *f)
{
    mapa_partnership *p = NULL;
    if (mapa_partnership_new(&p) != MAPA_OK)
        return NULL;
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    double *topic_cum = malloc(f->topics * sizeof *topic_cum);
    double *agency_cum = malloc(f->agencies * sizeof *agency_cum);
    if (!rng || !topic_cum || !agency_cum) {
        mapa_partnership_free(p);
        p = NULL;
        goto cleanup;
    }
    gsl_rng_set(rng, f->seed);
    add_agencies(p, f, agency_cum);
    add_topics(p, f, topic_cum);
    add_members(p, f, rng, topic_cum, agency_cum);
    if (f->tight_cf)
        tight_capacity(p, f);
    if (f->kind != BENCH_EASY) {
        p->settings.require_statutory = true;
        p->settings.require_voluntary = true;
    }
    if (f->kind == BENCH_HARD_MOVES) {
        size_t with = 0;
        for (size_t m = 0; m < p->n_members; m++)
            with += p->members[m].previous_team != MAPA_NONE;
        p->settings.max_moves = with / 4;
        p->settings.move_penalty = 1;
    }
cleanup:
    free(topic_cum);
    free(agency_cum);
    gsl_rng_free(rng);
    return p;
}

size_t *bench_first_choice(const mapa_partnership *p)
{
    size_t *team = malloc((p->n_members + 1) * sizeof *team);
    for (size_t m = 0; team && m < p->n_members; m++)
        team[m] = p->members[m].n_prefs ? p->members[m].prefs[0] : 0;
    return team;
}
