/*
 * Allocation benchmark: synthetic partnerships of 1,000 / 10,000 / 100,000
 * members (20 / 100 / 300 topics, 30 / 60 / 200 agencies; three ranked topics
 * drawn by topic popularity; team sizes from half to twice the mean; at most
 * 40 % of a mean team from one agency; at least 3 agencies per team). For each
 * size: mapa's time and peak memory, beside glpsol on the straightforward
 * formulation of the same instance (a binary per member and topic) where it is
 * not too large, and whether the objectives agree.
 *
 * Usage: bench_alloc [--glpsol-max N] [--glpsol-timeout S] [--sizes 1,2,3]
 */
#define _DEFAULT_SOURCE
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mapa/mapa.h>

#include "bench_util.h"
#include "solver/alloc_problem.h"

typedef struct size_spec {
    size_t members, topics, agencies;
} size_spec;

static const size_spec sizes[] = {{1000, 20, 30}, {10000, 100, 60}, {100000, 300, 200}};

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

static mapa_partnership *generate(const size_spec *z, unsigned long seed)
{
    mapa_partnership *p = NULL;
    if (mapa_partnership_new(&p) != MAPA_OK)
        return NULL;
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, seed);
    double *topic_cum = malloc(z->topics * sizeof *topic_cum);
    double *agency_cum = malloc(z->agencies * sizeof *agency_cum);
    char id[32];
    size_t idx;
    const mapa_sector sectors[] = {MAPA_SECTOR_POLICE, MAPA_SECTOR_LOCAL_AUTHORITY,
                                   MAPA_SECTOR_HEALTH, MAPA_SECTOR_NGO, MAPA_SECTOR_BUSINESS};
    for (size_t a = 0; a < z->agencies; a++) {
        snprintf(id, sizeof id, "a%zu", a);
        mapa_sector s = sectors[a % 5];
        mapa_partnership_add_agency(p, &idx, id, id, s, mapa_sector_statutory(s));
        agency_cum[a] = (a ? agency_cum[a - 1] : 0) + 1.0 / pow((double)a + 1, 0.8);
    }
    double mean = (double)z->members / (double)z->topics;
    size_t cap = (size_t)fmax(1, floor(0.4 * mean));
    for (size_t t = 0; t < z->topics; t++) {
        snprintf(id, sizeof id, "t%zu", t);
        mapa_topic topic = {.id = id,
                            .name = id,
                            .min_size = (size_t)floor(mean / 2),
                            .max_size = (size_t)ceil(2 * mean),
                            .min_agencies = 3,
                            .max_per_agency = cap,
                            .cf_required = 2};
        mapa_partnership_add_topic(p, &idx, &topic);
        topic_cum[t] = (t ? topic_cum[t - 1] : 0) + 1.0 / pow((double)t + 1, 0.6);
    }
    for (size_t i = 0; i < z->members; i++) {
        snprintf(id, sizeof id, "m%zu", i);
        size_t prefs[3], n = 0;
        while (n < 3) {
            size_t t = draw(rng, topic_cum, z->topics);
            bool dup = false;
            for (size_t k = 0; k < n; k++)
                dup |= prefs[k] == t;
            if (!dup)
                prefs[n++] = t;
        }
        mapa_member m = {.id = id,
                         .name = id,
                         .agency = draw(rng, agency_cum, z->agencies),
                         .prefs = prefs,
                         .n_prefs = 3,
                         .spoc_willing = gsl_rng_uniform(rng) < 0.3,
                         .cf_capacity = 1,
                         .fixed_team = MAPA_NONE,
                         .previous_team = MAPA_NONE};
        mapa_partnership_add_member(p, &idx, &m);
    }
    free(topic_cum);
    free(agency_cum);
    gsl_rng_free(rng);
    return p;
}

static void run_size(const size_spec *z, size_t glpsol_max, double glpsol_timeout)
{
    bench_reset_peak();
    double t0 = bench_now();
    mapa_partnership *p = generate(z, 2026);
    double gen_s = bench_now() - t0, gen_mib = bench_peak_mib();

    bench_reset_peak();
    mapa_alloc a = MAPA_ALLOC_INIT;
    mapa_alloc_options o = MAPA_ALLOC_OPTIONS_INIT;
    t0 = bench_now();
    mapa_err err = mapa_alloc_solve(&a, p, &o);
    double solve_s = bench_now() - t0, solve_mib = bench_peak_mib();
    printf("%7zu x %3zu x %3zu  generate %6.2f s %7.1f MiB | mapa %-13s %-8s %8.3f s %7.1f MiB "
           "objective %.0f%s\n",
           z->members, z->topics, z->agencies, gen_s, gen_mib, a.method,
           err == MAPA_OK ? mapa_status_name(a.status) : "error", solve_s, solve_mib, a.objective,
           a.certified ? " (certified)" : "");
    fflush(stdout);

    if (z->members <= glpsol_max) {
        char lp[] = "/tmp/mapa-bench-XXXXXX";
        int fd = mkstemp(lp);
        if (fd >= 0)
            close(fd);
        mapa__alloc_problem pr;
        if (mapa__alloc_problem_init(&pr, p) == MAPA_OK) {
            t0 = bench_now();
            mapa__alloc_write_lp(&pr, lp, true);
            double write_s = bench_now() - t0;
            mapa__alloc_problem_dispose(&pr);
            char sol[64];
            snprintf(sol, sizeof sol, "%s.sol", lp);
            char *argv[] = {"glpsol", "--lp", lp, "-o", sol, NULL};
            double s, mib;
            int rc = bench_run(argv, glpsol_timeout, &s, &mib);
            double v = bench_glpsol_objective(sol, "preference_score");
            printf("%28s glpsol (full model, written in %.2f s) %s %8.2f s %7.1f MiB objective "
                   "%.0f: %s\n",
                   "", write_s, rc == -2 ? "TIMEOUT" : (rc == 0 ? "optimal" : "failed"), s, mib, v,
                   rc == -2                       ? "not compared"
                   : fabs(v - a.objective) < 1e-6 ? "objectives agree"
                                                  : "OBJECTIVES DIFFER");
            unlink(sol);
        }
        unlink(lp);
    } else {
        printf("%28s glpsol skipped above %zu members (the full model has %zu binaries)\n", "",
               glpsol_max, z->members * z->topics);
    }
    fflush(stdout);
    mapa_alloc_dispose(&a);
    mapa_partnership_free(p);
}

int main(int argc, char **argv)
{
    size_t glpsol_max = 10000, which = 7;
    double timeout = 900;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--glpsol-max") == 0)
            glpsol_max = strtoul(argv[i + 1], NULL, 10);
        else if (strcmp(argv[i], "--glpsol-timeout") == 0)
            timeout = atof(argv[i + 1]);
        else if (strcmp(argv[i], "--sizes") == 0) {
            which = 0;
            for (const char *s = argv[i + 1]; *s; s++)
                if (*s >= '1' && *s <= '3')
                    which |= 1u << (*s - '1');
        }
    }
    printf("mapa %s allocation benchmark (borda; times are wall clock, memory is peak RSS)\n",
           mapa_version());
    for (size_t k = 0; k < 3; k++)
        if (which & (1u << k))
            run_size(&sizes[k], glpsol_max, timeout);
    return 0;
}
