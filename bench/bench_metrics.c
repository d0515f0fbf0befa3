/*
 * Network-metrics benchmark. (1) The plan of 10,000 members, 100 teams and 60
 * agencies (members in their first choice, optimal Critical Friends): the
 * planned network's figures. (2) An observed network of 100,000 members and
 * 500,000 logged contacts (60 % inside a team, 20 % inside an agency, 20 %
 * anywhere): there betweenness, closeness and the average path length are
 * estimated from 500 evenly spaced sources; the exact figures are timed in a
 * child process with a time limit, to say how long they would take.
 * Each group of figures: wall time and peak memory (RSS since the group began).
 *
 * Usage: bench_metrics [--exact-timeout S]   (internal: --exact-betweenness)
 */
#include <gsl/gsl_rng.h>
#include <igraph/igraph.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mapa/mapa.h>

#include "bench_partnership.h"
#include "bench_util.h"

typedef struct timer {
    const char *name;
    double start;
    double total;
} timer;

static void end_group(timer *t)
{
    if (t->name) {
        double s = bench_now() - t->start;
        t->total += s;
        printf("    %-42s %8.3f s %8.1f MiB\n", t->name, s, bench_peak_mib());
    }
}

static void on_stage(const char *name, void *payload)
{
    timer *t = payload;
    end_group(t);
    t->name = name;
    bench_reset_peak();
    t->start = bench_now();
}

static void measure(const mapa_network *net, const char *what)
{
    timer t = {NULL, 0, 0};
    mapa_metrics_options o = MAPA_METRICS_OPTIONS_INIT;
    o.stage = on_stage;
    o.payload = &t;
    mapa_metrics m;
    printf("  %s: %zu nodes, %zu ties\n", what, net->n, net->n_ties);
    if (mapa_metrics_compute(&m, net, &o) != MAPA_OK) {
        printf("    failed: %s\n", mapa_error_last());
        return;
    }
    printf("    %-42s %8.3f s  (betweenness %s)\n", "all figures", t.total,
           m.betweenness_exact ? "exact" : "estimated from 500 sampled sources");
    printf("    density %.4f, %zu components, transitivity %.3f, average path %.2f, Leiden "
           "modularity %.3f (%zu communities), team modularity %.3f, E-I %+.2f\n",
           m.density, m.components, m.transitivity, m.average_path, m.modularity_leiden,
           m.leiden_communities, m.modularity_team, m.ei);
    mapa_metrics_dispose(&m);
}

static void plan(void)
{
    size_t *team = NULL;
    mapa_partnership *p = bench_partnership(10000, 100, 60, 7, &team);
    mapa_cf cf = MAPA_CF_INIT;
    if (!p || mapa_cf_solve(&cf, p, team, NULL, NULL) != MAPA_OK)
        return;
    printf("Plan: 10,000 members, 100 teams, 60 agencies, %zu Critical Friends\n", cf.n_pairs);
    bench_reset_peak();
    double t0 = bench_now();
    mapa_network net;
    mapa_team_metrics tm;
    if (mapa_network_from_plan(&net, p, team, NULL, &cf) == MAPA_OK) {
        printf("    %-42s %8.3f s %8.1f MiB\n", "building the network", bench_now() - t0,
               bench_peak_mib());
        measure(&net, "planned network");
        bench_reset_peak();
        double t1 = bench_now();
        if (mapa_team_metrics_compute(&tm, p, team, &cf) == MAPA_OK) {
            printf("    %-42s %8.3f s %8.1f MiB (%zu critical CFs)\n", "team graph",
                   bench_now() - t1, bench_peak_mib(), tm.n_critical);
            mapa_team_metrics_dispose(&tm);
        }
        printf("  total %.3f s\n", bench_now() - t0);
        mapa_network_dispose(&net);
    }
    mapa_cf_dispose(&cf);
    mapa_partnership_free(p);
    free(team);
}

/* 100,000 members and 500,000 contacts over a quarter. */
static mapa_partnership *observed(size_t **team_out)
{
    size_t n = 100000, *team = NULL;
    mapa_partnership *p = bench_partnership(n, 300, 200, 11, &team);
    if (!p)
        return NULL;
    size_t *by_team = malloc(n * sizeof *by_team), *first = calloc(302, sizeof *first);
    for (size_t i = 0; i < n; i++)
        first[team[i] + 2]++;
    for (size_t t = 2; t < 302; t++)
        first[t] += first[t - 1];
    for (size_t i = 0; i < n; i++)
        by_team[first[team[i] + 1]++] = i;
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 13);
    int32_t day0 = mapa_date_from_ymd(2026, 9, 1);
    for (size_t k = 0; k < 500000; k++) {
        size_t a = gsl_rng_uniform_int(rng, n), b;
        double u = gsl_rng_uniform(rng);
        if (u < 0.6) { /* inside a's team */
            size_t t = team[a], size = first[t + 1] - first[t];
            b = by_team[first[t] + gsl_rng_uniform_int(rng, size)];
        } else if (u < 0.8) { /* inside a's agency: a member with the same agency nearby */
            b = a;
            for (size_t tries = 0; tries < 400 && b == a; tries++) {
                size_t c = gsl_rng_uniform_int(rng, n);
                if (p->members[c].agency == p->members[a].agency)
                    b = c;
            }
        } else {
            b = gsl_rng_uniform_int(rng, n);
        }
        mapa_interaction x = {a, b, day0 + (int32_t)gsl_rng_uniform_int(rng, 91), 1};
        if (a != b)
            mapa_partnership_add_interaction(p, &x);
    }
    gsl_rng_free(rng);
    free(by_team);
    free(first);
    *team_out = team;
    return p;
}

static int exact_betweenness(void)
{
    size_t *team = NULL;
    mapa_partnership *p = observed(&team);
    mapa_network net;
    if (!p || mapa_network_from_log(&net, p, team, INT32_MIN, INT32_MAX) != MAPA_OK)
        return 1;
    mapa_metrics_options o = MAPA_METRICS_OPTIONS_INIT;
    o.exact_work_max = INFINITY;
    mapa_metrics m;
    int rc = mapa_metrics_compute(&m, &net, &o) == MAPA_OK ? 0 : 1;
    if (rc == 0)
        mapa_metrics_dispose(&m);
    mapa_network_dispose(&net);
    mapa_partnership_free(p);
    free(team);
    return rc;
}

int main(int argc, char **argv)
{
    double timeout = 300;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--exact-betweenness") == 0)
            return exact_betweenness();
        if (strcmp(argv[i], "--exact-timeout") == 0 && i + 1 < argc)
            timeout = atof(argv[++i]);
    }
    printf("mapa %s network-metrics benchmark (wall clock; peak RSS within each group)\n",
           mapa_version());
    plan();
    size_t *team = NULL;
    double t0 = bench_now();
    mapa_partnership *p = observed(&team);
    if (!p)
        return 1;
    printf("Observed: 100,000 members, %zu contacts (generated in %.1f s)\n", p->n_interactions,
           bench_now() - t0);
    bench_reset_peak();
    t0 = bench_now();
    mapa_network net;
    if (mapa_network_from_log(&net, p, team, INT32_MIN, INT32_MAX) == MAPA_OK) {
        printf("    %-42s %8.3f s %8.1f MiB\n", "building the network", bench_now() - t0,
               bench_peak_mib());
        measure(&net, "observed network");
        printf("  total %.3f s\n", bench_now() - t0);
        mapa_network_dispose(&net);
    }
    mapa_partnership_free(p);
    free(team);
    fflush(stdout);
    char *child[] = {argv[0], "--exact-betweenness", NULL};
    double s = 0, mib = 0;
    int rc = bench_run(child, timeout, &s, &mib);
    if (rc == -2)
        printf("  every figure with exact betweenness, closeness and path length: did not finish "
               "in %.0f s (stopped)\n",
               timeout);
    else
        printf("  every figure with exact betweenness, closeness and path length: %.1f s, %.1f "
               "MiB (exit %d)\n",
               s, mib, rc);
    return 0;
}
