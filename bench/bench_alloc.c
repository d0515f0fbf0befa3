/*
 * Allocation benchmark on the easy and hard instance families (bench_hard.c)
 * at 1,000 / 10,000 / 100,000 members (20 / 100 / 300 topics, 30 / 60 / 200
 * agencies). For each: mapa's time and peak memory in process, then the model
 * mapa writes with --write-lp (the aggregated model with every rule) solved by
 * CBC (`cbc model.lp solve`) and by glpsol as child processes, with their
 * time, peak memory and whether the objectives agree.
 *
 * Usage: bench_alloc [--sizes 123] [--families easy,hard,moves] [--time-limit S]
 *                    [--peer-max N] [--peer-timeout S] [--full-max N]
 * --full-max N also runs the peers on the straightforward model (a binary per
 * member and topic) up to N members (default 1000).
 */
#define _DEFAULT_SOURCE
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <mapa/mapa.h>

#include "bench_hard.h"
#include "bench_util.h"
#include "solver/alloc_problem.h"

/* CPU seconds (user + system) of this process, or of its waited-for children. */
static double cpu_seconds(int who)
{
    struct rusage ru;
    getrusage(who, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6 +
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6;
}

typedef struct size_spec {
    size_t members, topics, agencies;
} size_spec;

static const size_spec sizes[] = {{1000, 20, 30}, {10000, 100, 60}, {100000, 300, 200}};

typedef struct config {
    double time_limit, peer_timeout;
    size_t peer_max, full_max;
} config;

static void log_line(const char *line, void *payload)
{
    (void)payload;
    fprintf(stderr, "  [%.2f s] %s\n", bench_now(), line);
}

static const char *verdict(int rc, double v, double mine)
{
    if (rc == -2)
        return "timeout, not compared";
    if (isnan(v))
        return "no optimum read";
    return fabs(v - mine) < 1e-6 * fmax(1, fabs(mine)) ? "objectives agree" : "OBJECTIVES DIFFER";
}

/* CBC and glpsol on the model written by mapa__alloc_write_lp. */
static void peers(const mapa_partnership *p, bool full, double mine, const config *c)
{
    char lp[] = "/tmp/mapa-bench-XXXXXX.lp"; /* CBC reads the format from the name */
    int fd = mkstemps(lp, 3);
    if (fd < 0)
        return;
    close(fd);
    mapa__alloc_problem pr;
    if (mapa__alloc_problem_init(&pr, p) != MAPA_OK)
        return;
    double t0 = bench_now();
    mapa_err err = mapa__alloc_write_lp(&pr, lp, full);
    double write_s = bench_now() - t0;
    mapa__alloc_problem_dispose(&pr);
    if (err != MAPA_OK) {
        unlink(lp);
        return;
    }
    char sol[64], out[64];
    snprintf(sol, sizeof sol, "%s.sol", lp);
    snprintf(out, sizeof out, "%s.out", lp);
    const char *model = full ? "straightforward model" : "mapa's --write-lp model";
    char *cbc[] = {"cbc", lp, "solve", "solu", sol, NULL};
    double s, mib, cpu0 = cpu_seconds(RUSAGE_CHILDREN);
    int rc = bench_run_to(cbc, c->peer_timeout, &s, &mib, out);
    double v = rc == -2 ? NAN : bench_cbc_objective(sol);
    printf("%34s CBC    (%s, written in %.2f s) %8.2f s (CPU %.2f s) %7.1f MiB objective %.0f: "
           "%s\n",
           "", model, write_s, s, cpu_seconds(RUSAGE_CHILDREN) - cpu0, mib, v,
           verdict(rc, v, mine));
    fflush(stdout);
    unlink(sol);
    char *glpsol[] = {"glpsol", "--lp", lp, "-o", sol, NULL};
    cpu0 = cpu_seconds(RUSAGE_CHILDREN);
    rc = bench_run(glpsol, c->peer_timeout, &s, &mib);
    v = rc == -2 ? NAN : bench_glpsol_objective(sol, "preference_score");
    printf("%34s glpsol (%s) %8.2f s (CPU %.2f s) %7.1f MiB objective %.0f: %s\n", "", model, s,
           cpu_seconds(RUSAGE_CHILDREN) - cpu0, mib, v, verdict(rc, v, mine));
    fflush(stdout);
    unlink(sol);
    unlink(out);
    unlink(lp);
}

static void run(const size_spec *z, bench_kind kind, const config *c)
{
    bench_family f = {z->members, z->topics, z->agencies, kind, 2, false, 2026};
    mapa_partnership *p = bench_family_make(&f);
    if (!p)
        return;
    bench_reset_peak();
    mapa_alloc a = MAPA_ALLOC_INIT;
    mapa_alloc_options o = MAPA_ALLOC_OPTIONS_INIT;
    o.time_limit = c->time_limit;
    if (getenv("MAPA_BENCH_LOG"))
        o.log = log_line;
    double t0 = bench_now(), cpu0 = cpu_seconds(RUSAGE_SELF);
    mapa_err err = mapa_alloc_solve(&a, p, &o);
    double solve_s = bench_now() - t0, solve_mib = bench_peak_mib();
    double solve_cpu = cpu_seconds(RUSAGE_SELF) - cpu0;
    bool planned = err == MAPA_OK && p->n_members > 0 && a.team[0] != MAPA_NONE;
    size_t broken = planned ? mapa_alloc_violations(p, a.team, a.spoc, NULL, NULL) : 0;
    printf("%6zu x %3zu x %3zu %-10s mapa %-13s %-10s %8.3f s (CPU %.3f s) %7.1f MiB objective "
           "%.0f bound %.0f%s, %s\n",
           z->members, z->topics, z->agencies, bench_kind_name(kind), a.method,
           err == MAPA_OK ? mapa_status_name(a.status) : mapa_error_last(), solve_s, solve_cpu,
           solve_mib, a.objective, a.bound, a.certified ? " (certified)" : "",
           planned ? (broken ? "RULES BROKEN" : "every rule kept") : "no plan");
    fflush(stdout);
    if (z->members <= c->peer_max)
        peers(p, false, a.objective, c);
    if (z->members <= c->full_max)
        peers(p, true, a.objective, c);
    mapa_alloc_dispose(&a);
    mapa_partnership_free(p);
}

int main(int argc, char **argv)
{
    config c = {.time_limit = 120, .peer_timeout = 120, .peer_max = 10000, .full_max = 1000};
    unsigned which = 7, families = 7;
    for (int i = 1; i + 1 < argc; i += 2) {
        const char *a = argv[i], *v = argv[i + 1];
        if (strcmp(a, "--peer-max") == 0)
            c.peer_max = strtoul(v, NULL, 10);
        else if (strcmp(a, "--full-max") == 0)
            c.full_max = strtoul(v, NULL, 10);
        else if (strcmp(a, "--peer-timeout") == 0)
            c.peer_timeout = atof(v);
        else if (strcmp(a, "--time-limit") == 0)
            c.time_limit = atof(v);
        else if (strcmp(a, "--sizes") == 0) {
            which = 0;
            for (const char *s = v; *s; s++)
                if (*s >= '1' && *s <= '3')
                    which |= 1u << (*s - '1');
        } else if (strcmp(a, "--families") == 0) {
            families = (strstr(v, "easy") ? 1u : 0) | (strstr(v, "hard") ? 2u : 0) |
                       (strstr(v, "moves") ? 4u : 0);
        }
    }
    printf("mapa %s allocation benchmark (borda; wall clock; peak RSS; mapa time limit %.0f s, "
           "peers %.0f s)\n",
           mapa_version(), c.time_limit, c.peer_timeout);
    for (size_t k = 0; k < 3; k++)
        for (unsigned kind = 0; kind < 3; kind++)
            if ((which & (1u << k)) && (families & (1u << kind)))
                run(&sizes[k], (bench_kind)kind, &c);
    return 0;
}
