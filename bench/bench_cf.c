/*
 * Critical Friend benchmark on the easy and hard families (bench_hard.c), each
 * member in its first choice: easy (2 CFs per team, everyone capacity 1), hard
 * with cf_required 1 (the team graph must be one cycle through every team) and
 * hard with cf_required 3 and tight capacity (about 1.3 x 3 members per team
 * may serve). mapa's time and peak memory in process, then the model mapa
 * writes (mapa__cf_write_lp: a binary per candidate and other team, every rule
 * but the connectivity rows, so a relaxation) solved by CBC and glpsol; when
 * their optimum equals mapa's, mapa's connected plan is optimal.
 *
 * Usage: bench_cf [--sizes 123] [--only easy,cf1,cf2,cf3,tight] [--time-limit S]
 *                 [--peer-timeout S] [--peer-max N]
 */
#define _DEFAULT_SOURCE
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <mapa/mapa.h>

#include "bench_hard.h"
#include "bench_util.h"
#include "solver/cf_problem.h"

typedef struct size_spec {
    size_t members, topics, agencies;
} size_spec;

static const size_spec sizes[] = {{1000, 20, 30}, {10000, 100, 60}, {100000, 300, 200}};

typedef struct config {
    double time_limit, peer_timeout;
    size_t peer_max;
    const char *only; /* --only: a comma list of easy, cf1, cf2, cf3, tight; NULL: all */
} config;

static bool wanted(const config *c, const char *name)
{
    if (!c->only)
        return true;
    size_t len = strlen(name);
    for (const char *s = c->only; (s = strstr(s, name)) != NULL; s += len)
        if ((s == c->only || s[-1] == ',') && (s[len] == ',' || s[len] == 0))
            return true;
    return false;
}

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

static void peers(const mapa_partnership *p, const size_t *team, double mine, const config *c)
{
    char lp[] = "/tmp/mapa-bench-cf-XXXXXX.lp", sol[64], out[64];
    int fd = mkstemps(lp, 3);
    if (fd < 0)
        return;
    close(fd);
    mapa__cf_problem pr;
    if (mapa__cf_problem_init(&pr, p, team, NULL) != MAPA_OK)
        return;
    mapa_err err = mapa__cf_write_lp(&pr, lp);
    mapa__cf_problem_dispose(&pr);
    snprintf(sol, sizeof sol, "%s.sol", lp);
    snprintf(out, sizeof out, "%s.out", lp);
    if (err == MAPA_OK) {
        char *cbc[] = {"cbc", lp, "solve", "solu", sol, NULL};
        double s, mib;
        int rc = bench_run_to(cbc, c->peer_timeout, &s, &mib, out);
        double v = rc == -2 ? NAN : bench_cbc_objective(sol);
        printf("%36s CBC    (relaxation: no connectivity rows) %8.2f s %7.1f MiB objective %.4f: "
               "%s\n",
               "", s, mib, v, verdict(rc, v, mine));
        fflush(stdout);
        unlink(sol);
        char *glpsol[] = {"glpsol", "--lp", lp, "-o", sol, NULL};
        rc = bench_run(glpsol, c->peer_timeout, &s, &mib);
        v = rc == -2 ? NAN : bench_glpsol_objective(sol, "cf_score");
        printf("%36s glpsol (relaxation: no connectivity rows) %8.2f s %7.1f MiB objective %.4f: "
               "%s\n",
               "", s, mib, v, verdict(rc, v, mine));
        fflush(stdout);
    }
    unlink(sol);
    unlink(out);
    unlink(lp);
}

static void run(const size_spec *z, bench_kind kind, size_t cf_required, bool tight,
                const config *c)
{
    bench_family f = {z->members, z->topics, z->agencies, kind, cf_required, tight, 7};
    mapa_partnership *p = bench_family_make(&f);
    size_t *team = p ? bench_first_choice(p) : NULL;
    if (!team) {
        mapa_partnership_free(p);
        return;
    }
    bench_reset_peak();
    mapa_cf cf = MAPA_CF_INIT;
    mapa_cf_options o = MAPA_CF_OPTIONS_INIT;
    o.time_limit = c->time_limit;
    if (getenv("MAPA_BENCH_LOG"))
        o.log = log_line;
    struct timespec c0, c1;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
    double t0 = bench_now();
    mapa_err err = mapa_cf_solve(&cf, p, team, NULL, &o);
    double s = bench_now() - t0, mib = bench_peak_mib();
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
    double cpu = (double)(c1.tv_sec - c0.tv_sec) + 1e-9 * (double)(c1.tv_nsec - c0.tv_nsec);
    size_t broken = err == MAPA_OK ? mapa_cf_violations(p, team, NULL, &cf, NULL, NULL) : 0;
    printf("%6zu x %3zu %-5s cf %zu%-6s mapa %-13s %-10s %8.3f s (cpu %.3f s) %7.1f MiB objective "
           "%.4f, connected %s, %zu cut rounds, rules broken %zu%s%s\n",
           z->members, z->topics, bench_kind_name(kind), cf_required, tight ? " tight" : "",
           cf.method, err == MAPA_OK ? mapa_status_name(cf.status) : "error", s, cpu, mib,
           cf.objective, cf.strongly_connected ? "yes" : "no", cf.cut_rounds, broken,
           err == MAPA_OK ? "" : ": ", err == MAPA_OK ? "" : mapa_error_last());
    fflush(stdout);
    if (z->members <= c->peer_max && err == MAPA_OK)
        peers(p, team, cf.objective, c);
    mapa_cf_dispose(&cf);
    mapa_partnership_free(p);
    free(team);
}

int main(int argc, char **argv)
{
    config c = {.time_limit = 60, .peer_timeout = 120, .peer_max = 10000};
    unsigned which = 3;
    for (int i = 1; i + 1 < argc; i += 2) {
        const char *a = argv[i], *v = argv[i + 1];
        if (strcmp(a, "--time-limit") == 0)
            c.time_limit = atof(v);
        else if (strcmp(a, "--peer-timeout") == 0)
            c.peer_timeout = atof(v);
        else if (strcmp(a, "--only") == 0)
            c.only = v;
        else if (strcmp(a, "--peer-max") == 0)
            c.peer_max = strtoul(v, NULL, 10);
        else if (strcmp(a, "--sizes") == 0) {
            which = 0;
            for (const char *s = v; *s; s++)
                if (*s >= '1' && *s <= '3')
                    which |= 1u << (*s - '1');
        }
    }
    printf("mapa %s Critical Friend benchmark (first-choice teams; wall clock, peak RSS; mapa time "
           "limit %.0f s, peers %.0f s)\n",
           mapa_version(), c.time_limit, c.peer_timeout);
    for (size_t k = 0; k < 3; k++) {
        if (!(which & (1u << k)))
            continue;
        if (wanted(&c, "easy"))
            run(&sizes[k], BENCH_EASY, 2, false, &c);
        if (wanted(&c, "cf1"))
            run(&sizes[k], BENCH_HARD, 1, false, &c);
        if (wanted(&c, "cf2"))
            run(&sizes[k], BENCH_HARD, 2, false, &c);
        if (wanted(&c, "cf3"))
            run(&sizes[k], BENCH_HARD, 3, false, &c);
        if (wanted(&c, "tight"))
            run(&sizes[k], BENCH_HARD, 3, true, &c);
    }
    return 0;
}
