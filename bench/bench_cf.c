/*
 * Critical Friend benchmark: 10,000 members in 100 teams (and 1,000 in 20),
 * 2 CFs per team, capacity 1. mapa's time and peak memory beside glpsol on the
 * straightforward formulation of the same instance (a binary per member and
 * other team, without the connectivity rows), run in the same process.
 *
 * Usage: bench_cf [--glpsol-timeout S] [--no-glpsol]
 */
#define _DEFAULT_SOURCE
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mapa/mapa.h>

#include "bench_partnership.h"
#include "bench_util.h"
#include "solver/cf_problem.h"

static void log_line(const char *line, void *payload)
{
    (void)payload;
    fprintf(stderr, "  [%.2f s] %s\n", bench_now(), line);
}

static void run(size_t n, size_t T, size_t A, bool glpsol, double timeout)
{
    size_t *team = NULL;
    mapa_partnership *p = bench_partnership(n, T, A, 7, &team);
    bench_reset_peak();
    double t0 = bench_now();
    mapa_cf cf = MAPA_CF_INIT;
    mapa_cf_options o = MAPA_CF_OPTIONS_INIT;
    if (getenv("MAPA_BENCH_LOG"))
        o.log = log_line;
    mapa_err err = mapa_cf_solve(&cf, p, team, NULL, &o);
    double s = bench_now() - t0, mib = bench_peak_mib();
    printf("%6zu members x %3zu teams  mapa %-13s %-8s %8.3f s %7.1f MiB objective %.4f, "
           "strongly connected %s, %zu cut rounds\n",
           n, T, cf.method, err == MAPA_OK ? mapa_status_name(cf.status) : "error", s, mib,
           cf.objective, cf.strongly_connected ? "yes" : "no", cf.cut_rounds);
    double weight = p->settings.cf_reach_weight;
    p->settings.cf_reach_weight = 0; /* the same plan search without the reach term */
    mapa_cf plain = MAPA_CF_INIT;
    double t1 = bench_now();
    if (mapa_cf_solve(&plain, p, team, NULL, &o) == MAPA_OK)
        printf("%28s two-step reach %.1f%% of team pairs (%s, %zu swaps); without the reach "
               "term %.1f%% in %.3f s\n",
               "", 100 * cf.reach2, cf.reach_method, cf.reach_swaps, 100 * plain.reach2,
               bench_now() - t1);
    p->settings.cf_reach_weight = weight;
    mapa_cf_dispose(&plain);
    fflush(stdout);
    if (glpsol) {
        char lp[] = "/tmp/mapa-bench-cf-XXXXXX", sol[64];
        int fd = mkstemp(lp);
        if (fd >= 0)
            close(fd);
        mapa__cf_problem pr;
        if (mapa__cf_problem_init(&pr, p, team, NULL) == MAPA_OK) {
            mapa__cf_write_lp(&pr, lp);
            mapa__cf_problem_dispose(&pr);
            snprintf(sol, sizeof sol, "%s.sol", lp);
            char *argv[] = {"glpsol", "--lp", lp, "-o", sol, NULL};
            double gs, gmib;
            int rc = bench_run(argv, timeout, &gs, &gmib);
            double v = bench_glpsol_objective(sol, "cf_score");
            printf("%28s glpsol (straightforward, no connectivity rows) %s %8.2f s %7.1f MiB "
                   "objective %.4f: %s\n",
                   "", rc == -2 ? "TIMEOUT" : (rc == 0 ? "optimal" : "failed"), gs, gmib, v,
                   rc == -2                        ? "not compared"
                   : fabs(v - cf.objective) < 1e-6 ? "objectives agree"
                                                   : "OBJECTIVES DIFFER");
            unlink(sol);
        }
        unlink(lp);
    }
    mapa_cf_dispose(&cf);
    mapa_partnership_free(p);
    free(team);
}

int main(int argc, char **argv)
{
    double timeout = 900;
    bool glpsol = true;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--glpsol-timeout") == 0 && i + 1 < argc)
            timeout = atof(argv[++i]);
        else if (strcmp(argv[i], "--no-glpsol") == 0)
            glpsol = false;
    }
    printf("mapa %s Critical Friend benchmark (2 per team, capacity 1; wall clock, peak RSS)\n",
           mapa_version());
    run(1000, 20, 30, glpsol, timeout);
    run(10000, 100, 60, glpsol, timeout);
    return 0;
}
