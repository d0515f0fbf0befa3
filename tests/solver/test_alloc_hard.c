/*
 * The allocation on the benchmark's hard families at small sizes (fans of a
 * topic from 1-2 agencies, min_agencies 4, scarce SPOC willingness, sector
 * cover, a previous plan with a moves cap): mapa's default path (flows,
 * prices, repairs) must reach the optimum of GLPK's full model, keep every
 * rule, and not change with --write-lp.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include <mapa/mapa.h>

#include "bench/bench_hard.h"

static void solve(mapa_alloc *a, const mapa_partnership *p, mapa_formulation f, const char *lp)
{
    mapa_alloc_options o = MAPA_ALLOC_OPTIONS_INIT;
    o.formulation = f;
    o.write_lp = lp;
    o.time_limit = 120;
    assert_int_equal(mapa_alloc_solve(a, p, &o), MAPA_OK);
}

/*
 * Default path against GLPK's full model, every rule checked; then --write-lp
 * changes nothing. Returns whether the instance has a plan.
 */
static bool check_family(bench_kind kind, size_t members, size_t topics, size_t agencies,
                         unsigned long seed)
{
    bench_family f = {members, topics, agencies, kind, 2, false, seed};
    mapa_partnership *p = bench_family_make(&f);
    assert_non_null(p);
    mapa_alloc fast = MAPA_ALLOC_INIT, full = MAPA_ALLOC_INIT, written = MAPA_ALLOC_INIT;
    solve(&fast, p, MAPA_FORMULATION_AUTO, NULL);
    solve(&full, p, MAPA_FORMULATION_FULL, NULL);
    bool feasible = full.status != MAPA_STATUS_INFEASIBLE;
    if (!feasible && fast.status != MAPA_STATUS_INFEASIBLE)
        fail_msg("%s seed %lu: mapa %s where the full model has no plan", bench_kind_name(kind),
                 seed, mapa_status_name(fast.status));
    if (feasible && full.status != MAPA_STATUS_OPTIMAL)
        fail_msg("%s seed %lu: GLPK's full model ended %s", bench_kind_name(kind), seed,
                 mapa_status_name(full.status));
    if (feasible &&
        (fast.status != MAPA_STATUS_OPTIMAL || fabs(fast.objective - full.objective) > 1e-6))
        fail_msg("%s %zu x %zu seed %lu: mapa %s %.3f (%s), full model %.3f", bench_kind_name(kind),
                 members, topics, seed, mapa_status_name(fast.status), fast.objective, fast.method,
                 full.objective);
    if (feasible) {
        assert_int_equal(mapa_alloc_violations(p, fast.team, fast.spoc, NULL, NULL), 0);
        assert_int_equal(mapa_alloc_violations(p, full.team, full.spoc, NULL, NULL), 0);
    }

    char lp[] = "/tmp/mapa-test-alloc-hard-XXXXXX";
    int fd = mkstemp(lp);
    assert_true(fd >= 0);
    close(fd);
    solve(&written, p, MAPA_FORMULATION_AUTO, lp);
    assert_string_equal(written.method, fast.method);
    assert_int_equal(written.certified, fast.certified);
    assert_memory_equal(written.team, fast.team, p->n_members * sizeof *fast.team);
    FILE *fp = fopen(lp, "r");
    assert_non_null(fp); /* the model was written all the same */
    assert_true(fgetc(fp) != EOF);
    fclose(fp);
    unlink(lp);

    mapa_alloc_dispose(&fast);
    mapa_alloc_dispose(&full);
    mapa_alloc_dispose(&written);
    mapa_partnership_free(p);
    return feasible;
}

static void alloc_hard_family_matches_full_model(void **state)
{
    (void)state;
    size_t feasible = 0;
    for (unsigned long seed = 1; seed <= 8; seed++)
        feasible += check_family(BENCH_HARD, 300 + 50 * seed, 6, 20, seed);
    assert_true(feasible >= 4); /* the family must mostly have plans to test anything */
}

static void alloc_hard_moves_family_matches_full_model(void **state)
{
    (void)state;
    size_t feasible = 0;
    for (unsigned long seed = 1; seed <= 8; seed++)
        feasible += check_family(BENCH_HARD_MOVES, 300 + 50 * seed, 6, 20, seed);
    assert_true(feasible >= 4);
}

static void alloc_easy_family_matches_full_model(void **state)
{
    (void)state;
    for (unsigned long seed = 1; seed <= 3; seed++)
        assert_true(check_family(BENCH_EASY, 150, 6, 10, seed));
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/*
 * A time limit far below what the instance needs (30,000 members, hard and
 * moves: several flows of about 0.1 s each, and searches on their faces)
 * bounds the whole stage: back within the limit and one flow phase, with a
 * plan that keeps every rule, or none and the note that says so.
 */
static void alloc_time_limit_stops_flows_and_repairs(void **state)
{
    (void)state;
    bench_family f = {30000, 150, 80, BENCH_HARD_MOVES, 2, false, 9};
    mapa_partnership *p = bench_family_make(&f);
    assert_non_null(p);
    for (size_t k = 0; k < 3; k++) {
        double limit = 0.05 + 0.1 * (double)k;
        mapa_alloc a = MAPA_ALLOC_INIT;
        mapa_alloc_options o = MAPA_ALLOC_OPTIONS_INIT;
        o.time_limit = limit;
        double start = now();
        assert_int_equal(mapa_alloc_solve(&a, p, &o), MAPA_OK);
        double took = now() - start;
        if (took > limit + 1.0)
            fail_msg("limit %.2f s: took %.2f s", limit, took);
        assert_true(a.status == MAPA_STATUS_TIME_LIMIT || a.status == MAPA_STATUS_OPTIMAL);
        if (a.team[0] != MAPA_NONE) {
            assert_int_equal(mapa_alloc_violations(p, a.team, a.spoc, NULL, NULL), 0);
        } else {
            assert_int_equal(a.status, MAPA_STATUS_TIME_LIMIT);
            assert_true(a.n_notes > 0);
            assert_non_null(strstr(a.notes[a.n_notes - 1].text, "No plan was found within"));
        }
        mapa_alloc_dispose(&a);
    }
    mapa_partnership_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(alloc_hard_family_matches_full_model),
        cmocka_unit_test(alloc_hard_moves_family_matches_full_model),
        cmocka_unit_test(alloc_easy_family_matches_full_model),
        cmocka_unit_test(alloc_time_limit_stops_flows_and_repairs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
