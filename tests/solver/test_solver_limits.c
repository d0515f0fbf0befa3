/*
 * Issue 14: exact arithmetic or a refusal in words (rank-maximal, weights,
 * penalties), time limits that bound the whole stage (options and
 * settings.json), --write-lp that changes neither method nor plan, and the
 * hard instance families (bench/bench_hard.c) solved by the default path
 * against GLPK's straightforward model, every rule checked.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <mapa/mapa.h>

#include "bench/bench_hard.h"
#include "models/util.h"
#include "test_util.h"

static mapa_partnership *example(void)
{
    mapa_diags d = MAPA_DIAGS_INIT;
    mapa_partnership *p = NULL;
    assert_int_equal(mapa_partnership_load(&p, &d, MAPA_EXAMPLE_DIR), MAPA_OK);
    mapa_diags_dispose(&d);
    return p;
}

static mapa_partnership *family(size_t n, size_t T, size_t A, bench_kind kind, size_t cf,
                                bool tight, unsigned long seed)
{
    bench_family f = {n, T, A, kind, cf, tight, seed};
    mapa_partnership *p = bench_family_make(&f);
    assert_non_null(p);
    return p;
}

static mapa_err try_solve(const mapa_partnership *p, mapa_alloc *a)
{
    mapa_alloc_options o = MAPA_ALLOC_OPTIONS_INIT;
    return mapa_alloc_solve(a, p, &o);
}

static void rank_maximal_sum_beyond_exact_is_refused(void **state)
{
    (void)state;
    /* 2,000 members x 5 ranks: one score (2001^5) fits, the sum (x 2000 x 2001) does not */
    mapa_partnership *p = family(2000, 10, 12, BENCH_EASY, 2, false, 3);
    size_t prefs[5] = {0, 1, 2, 3, 4};
    for (size_t m = 0; m < 2; m++) { /* two members with 5 ranks make K = 5 */
        mapa_member *mm = &p->members[m];
        size_t *more = realloc(mm->prefs, 5 * sizeof *more);
        assert_non_null(more);
        memcpy(more, prefs, sizeof prefs);
        mm->prefs = more;
        mm->n_prefs = 5;
    }
    p->max_prefs = 5;
    p->settings.objective = MAPA_OBJECTIVE_RANK_MAXIMAL;
    mapa_alloc a = MAPA_ALLOC_INIT;
    assert_int_equal(try_solve(p, &a), MAPA_EINVAL);
    assert_non_null(strstr(mapa_error_last(), "beyond exact integer arithmetic"));
    /* 200 members with 3 ranks is exact and solved */
    mapa_partnership_free(p);
    p = family(200, 10, 12, BENCH_EASY, 2, false, 3);
    p->settings.objective = MAPA_OBJECTIVE_RANK_MAXIMAL;
    assert_int_equal(try_solve(p, &a), MAPA_OK);
    assert_int_equal(a.status, MAPA_STATUS_OPTIMAL);
    assert_true(a.objective > 0);
    mapa_alloc_dispose(&a);
    mapa_partnership_free(p);
}

static void huge_weights_and_penalties_are_refused_in_words(void **state)
{
    (void)state;
    mapa_partnership *p = family(300, 6, 8, BENCH_EASY, 2, false, 4);
    double weights[3] = {9.3e15, 1, 0};
    p->settings.objective = MAPA_OBJECTIVE_WEIGHTS;
    p->settings.weights = malloc(sizeof weights);
    assert_non_null(p->settings.weights);
    memcpy(p->settings.weights, weights, sizeof weights);
    p->settings.n_weights = 3;
    mapa_alloc a = MAPA_ALLOC_INIT;
    assert_int_equal(try_solve(p, &a), MAPA_EINVAL);
    assert_non_null(strstr(mapa_error_last(), "weight 9.3e+15 is too large"));
    p->settings.weights[0] = 3e13; /* fits one score, not 300 of them */
    assert_int_equal(try_solve(p, &a), MAPA_EINVAL);
    p->settings.weights[0] = 1e9; /* large and exact: solved */
    assert_int_equal(try_solve(p, &a), MAPA_OK);
    assert_int_equal(a.status, MAPA_STATUS_OPTIMAL);
    mapa_alloc_dispose(&a);
    p->settings.objective = MAPA_OBJECTIVE_BORDA;
    p->settings.move_penalty = 1e16;
    for (size_t m = 0; m < p->n_members; m++)
        p->members[m].previous_team = m % 6;
    assert_int_equal(try_solve(p, &a), MAPA_EINVAL);
    assert_non_null(strstr(mapa_error_last(), "move_penalty 1e+16 is too large"));
    /* the largest allowed penalty keeps everyone who can stay */
    p->settings.move_penalty = 1e9;
    assert_int_equal(try_solve(p, &a), MAPA_OK);
    mapa_alloc b = MAPA_ALLOC_INIT;
    p->settings.move_penalty = 1e6;
    assert_int_equal(try_solve(p, &b), MAPA_OK);
    assert_true(a.moves <= b.moves);
    mapa_alloc_dispose(&a);
    mapa_alloc_dispose(&b);
    mapa_partnership_free(p);
}

/* The hard family at 3,000 members: GLPK needs seconds, far more than the limit. */
static void check_time_limit(bool from_settings)
{
    mapa_partnership *p = family(3000, 60, 40, BENCH_HARD, 2, false, 2026);
    mapa_alloc_options o = MAPA_ALLOC_OPTIONS_INIT;
    if (from_settings)
        p->settings.time_limit = 0.3;
    else
        o.time_limit = 0.3;
    mapa_alloc a = MAPA_ALLOC_INIT;
    double start = mapa__now();
    assert_int_equal(mapa_alloc_solve(&a, p, &o), MAPA_OK);
    double took = mapa__now() - start;
    assert_true(took < 0.3 + 1.0);
    assert_true(a.status == MAPA_STATUS_TIME_LIMIT || a.status == MAPA_STATUS_OPTIMAL);
    bool planned = a.team[0] != MAPA_NONE;
    if (planned) {
        assert_int_equal(mapa_alloc_violations(p, a.team, a.spoc, NULL, NULL), 0);
        assert_true(a.bound >= a.objective - 1e-9);
    } else {
        assert_int_equal(a.status, MAPA_STATUS_TIME_LIMIT);
        assert_true(a.n_notes > 0);
        assert_non_null(strstr(a.notes[a.n_notes - 1].text, "No plan was found within"));
    }
    mapa_alloc_dispose(&a);
    mapa_partnership_free(p);
}

static void alloc_time_limit_bounds_the_stage(void **state)
{
    (void)state;
    check_time_limit(false);
}

static void alloc_settings_time_limit_is_used(void **state)
{
    (void)state;
    check_time_limit(true);
}

/* Small hard instances: the default path (flow, then lazy rows) against GLPK's full model. */
static void alloc_hard_families_match_the_full_model(void **state)
{
    (void)state;
    size_t solved = 0;
    for (unsigned long seed = 1; seed <= 6; seed++) {
        bench_kind kind = seed % 2 ? BENCH_HARD : BENCH_HARD_MOVES;
        mapa_partnership *p = family(200, 5, 14, kind, 2, false, seed);
        mapa_alloc a = MAPA_ALLOC_INIT, full = MAPA_ALLOC_INIT;
        mapa_alloc_options o = MAPA_ALLOC_OPTIONS_INIT;
        assert_int_equal(mapa_alloc_solve(&a, p, &o), MAPA_OK);
        o.formulation = MAPA_FORMULATION_FULL;
        assert_int_equal(mapa_alloc_solve(&full, p, &o), MAPA_OK);
        assert_int_equal(a.status, full.status);
        if (a.status == MAPA_STATUS_OPTIMAL) {
            assert_true(fabs(a.objective - full.objective) < 1e-6);
            assert_int_equal(mapa_alloc_violations(p, a.team, a.spoc, NULL, NULL), 0);
            solved++;
        }
        mapa_alloc_dispose(&a);
        mapa_alloc_dispose(&full);
        mapa_partnership_free(p);
    }
    assert_true(solved >= 3); /* the families are hard, not infeasible */
}

static void same_cf(const mapa_cf *a, const mapa_cf *b)
{
    assert_string_equal(a->method, b->method);
    assert_int_equal(a->status, b->status);
    assert_true(fabs(a->objective - b->objective) < 1e-9);
    assert_int_equal(a->n_pairs, b->n_pairs);
    for (size_t k = 0; k < a->n_pairs; k++) {
        assert_int_equal(a->pairs[k].member, b->pairs[k].member);
        assert_int_equal(a->pairs[k].team, b->pairs[k].team);
    }
}

static void cf_write_lp_changes_neither_method_nor_plan(void **state)
{
    (void)state;
    mapa_partnership *p = example();
    p->settings.cf_reach_weight = 0; /* the exact reach term takes GLPK seconds (bench_cf) */
    mapa_alloc a = MAPA_ALLOC_INIT;
    assert_int_equal(try_solve(p, &a), MAPA_OK);
    char *dir = test_mkdtemp();
    char lp[512];
    snprintf(lp, sizeof lp, "%s/cf.lp", dir);
    mapa_cf plain = MAPA_CF_INIT, written = MAPA_CF_INIT;
    mapa_cf_options o = MAPA_CF_OPTIONS_INIT;
    assert_int_equal(mapa_cf_solve(&plain, p, a.team, a.spoc, &o), MAPA_OK);
    o.write_lp = lp;
    assert_int_equal(mapa_cf_solve(&written, p, a.team, a.spoc, &o), MAPA_OK);
    same_cf(&plain, &written);
    size_t size = 0;
    char *text = test_read(lp, &size);
    assert_non_null(text);
    assert_non_null(strstr(text, "cf_score"));
    free(text);
    mapa_cf_dispose(&plain);
    mapa_cf_dispose(&written);
    /* the same on a generated plan decided by the flow */
    mapa_partnership *g = family(1000, 20, 30, BENCH_EASY, 2, false, 7);
    size_t *team = bench_first_choice(g);
    o.write_lp = NULL;
    assert_int_equal(mapa_cf_solve(&plain, g, team, NULL, &o), MAPA_OK);
    o.write_lp = lp;
    assert_int_equal(mapa_cf_solve(&written, g, team, NULL, &o), MAPA_OK);
    same_cf(&plain, &written);
    assert_string_equal(written.method, "min-cost flow");
    mapa_cf_dispose(&plain);
    mapa_cf_dispose(&written);
    free(team);
    mapa_partnership_free(g);
    unlink(lp);
    test_rmdir(dir);
    mapa_alloc_dispose(&a);
    mapa_partnership_free(p);
}

/*
 * Critical Friends on small hard families (fan agencies, cf_required 1 to 3, tight
 * capacity): the default path, the flow's first network cut to one member per team
 * pair (the rest priced in), and GLPK's full member model agree on status and
 * optimum, and every rule holds.
 */
static void cf_hard_families_match_the_full_model(void **state)
{
    (void)state;
    size_t solved = 0;
    for (unsigned long seed = 1; seed <= 8; seed++) {
        size_t cf = 1 + seed % 3, T = 6 + seed % 4;
        bool tight = seed % 4 == 3;
        mapa_partnership *p = family(30 * T, T, 12, BENCH_HARD, cf, tight, seed);
        if (seed % 2)
            p->settings.cf_reach_weight = 0;
        size_t *team = bench_first_choice(p);
        mapa_cf a = MAPA_CF_INIT, cut = MAPA_CF_INIT, full = MAPA_CF_INIT;
        mapa_cf_options o = MAPA_CF_OPTIONS_INIT;
        assert_int_equal(mapa_cf_solve(&a, p, team, NULL, &o), MAPA_OK);
        o.pair_members = 1;
        assert_int_equal(mapa_cf_solve(&cut, p, team, NULL, &o), MAPA_OK);
        o.pair_members = 0;
        o.full = true;
        assert_int_equal(mapa_cf_solve(&full, p, team, NULL, &o), MAPA_OK);
        if (a.status != full.status || cut.status != full.status)
            fail_msg("seed %lu: status %d, one member per pair %d, full model %d", seed, a.status,
                     cut.status, full.status);
        if (a.status == MAPA_STATUS_OPTIMAL) {
            if (fabs(a.objective - full.objective) > 1e-6 ||
                fabs(cut.objective - full.objective) > 1e-6)
                fail_msg("seed %lu: objective %.9f, one member per pair %.9f, full model %.9f",
                         seed, a.objective, cut.objective, full.objective);
            assert_int_equal(mapa_cf_violations(p, team, NULL, &a, NULL, NULL), 0);
            assert_int_equal(mapa_cf_violations(p, team, NULL, &cut, NULL, NULL), 0);
            assert_true(a.strongly_connected && cut.strongly_connected);
            solved++;
        }
        mapa_cf_dispose(&a);
        mapa_cf_dispose(&cut);
        mapa_cf_dispose(&full);
        free(team);
        mapa_partnership_free(p);
    }
    assert_true(solved >= 4);
}

static void cf_time_limit_bounds_the_stage(void **state)
{
    (void)state;
    /* one CF per team over 40 teams: a tour of the teams (solved fast now, or in time) */
    mapa_partnership *p = family(4000, 40, 40, BENCH_HARD, 1, false, 11);
    size_t *team = bench_first_choice(p);
    for (int from_settings = 0; from_settings < 2; from_settings++) {
        mapa_cf_options o = MAPA_CF_OPTIONS_INIT;
        p->settings.time_limit = from_settings ? 0.2 : 0;
        o.time_limit = from_settings ? 0 : 0.2;
        mapa_cf cf = MAPA_CF_INIT;
        double start = mapa__now();
        assert_int_equal(mapa_cf_solve(&cf, p, team, NULL, &o), MAPA_OK);
        assert_true(mapa__now() - start < 0.2 + 1.0);
        if (cf.status == MAPA_STATUS_TIME_LIMIT)
            assert_true(cf.n_notes > 0);
        else
            assert_int_equal(cf.status, MAPA_STATUS_OPTIMAL);
        mapa_cf_dispose(&cf);
    }
    free(team);
    mapa_partnership_free(p);
    /* the shipped example's exact reach term (hundreds of GLPK nodes) under 0.05 s */
    mapa_partnership *ex = example();
    mapa_alloc a = MAPA_ALLOC_INIT;
    assert_int_equal(try_solve(ex, &a), MAPA_OK);
    mapa_cf_options o = MAPA_CF_OPTIONS_INIT;
    o.time_limit = 0.05;
    mapa_cf cf = MAPA_CF_INIT;
    double start = mapa__now();
    assert_int_equal(mapa_cf_solve(&cf, ex, a.team, a.spoc, &o), MAPA_OK);
    assert_true(mapa__now() - start < 0.05 + 1.0);
    if (cf.status == MAPA_STATUS_TIME_LIMIT) {
        assert_true(cf.n_notes > 0);
        if (cf.n_pairs > 0) /* the best plan found keeps the rules it says it keeps */
            assert_int_equal(mapa_cf_violations(ex, a.team, a.spoc, &cf, NULL, NULL), 0);
    } else {
        assert_int_equal(cf.status, MAPA_STATUS_OPTIMAL);
    }
    mapa_cf_dispose(&cf);
    mapa_alloc_dispose(&a);
    mapa_partnership_free(ex);
}

static void models_beyond_max_memory_are_refused_before_building(void **state)
{
    (void)state;
    mapa_partnership *p = family(2000, 40, 30, BENCH_HARD, 2, false, 5);
    mapa_alloc a = MAPA_ALLOC_INIT;
    mapa_alloc_options o = MAPA_ALLOC_OPTIONS_INIT;
    o.formulation = MAPA_FORMULATION_FULL;
    o.max_memory = 1 << 20;
    double start = mapa__now();
    assert_int_equal(mapa_alloc_solve(&a, p, &o), MAPA_ENOMEM);
    assert_true(mapa__now() - start < 0.5);
    assert_non_null(strstr(mapa_error_last(), "full integer program would need about"));
    assert_non_null(strstr(mapa_error_last(), "more than the limit of 1.0 MiB"));
    o.formulation = MAPA_FORMULATION_AUTO; /* the default path's models fit 64 MiB */
    o.max_memory = (size_t)64 << 20;
    assert_int_equal(mapa_alloc_solve(&a, p, &o), MAPA_OK);
    assert_int_equal(a.status, MAPA_STATUS_OPTIMAL);
    size_t *team = bench_first_choice(p);
    mapa_cf cf = MAPA_CF_INIT;
    mapa_cf_options co = MAPA_CF_OPTIONS_INIT;
    co.max_memory = 1 << 20;
    assert_int_equal(mapa_cf_solve(&cf, p, team, NULL, &co), MAPA_ENOMEM);
    assert_non_null(strstr(mapa_error_last(), "Critical Friend flow network would need about"));
    free(team);
    mapa_alloc_dispose(&a);
    mapa_partnership_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rank_maximal_sum_beyond_exact_is_refused),
        cmocka_unit_test(huge_weights_and_penalties_are_refused_in_words),
        cmocka_unit_test(alloc_time_limit_bounds_the_stage),
        cmocka_unit_test(alloc_settings_time_limit_is_used),
        cmocka_unit_test(alloc_hard_families_match_the_full_model),
        cmocka_unit_test(cf_write_lp_changes_neither_method_nor_plan),
        cmocka_unit_test(cf_hard_families_match_the_full_model),
        cmocka_unit_test(cf_time_limit_bounds_the_stage),
        cmocka_unit_test(models_beyond_max_memory_are_refused_before_building),
    };
    if (getenv("MAPA_TEST_FILTER")) /* one test at a time, for timing */
        cmocka_set_test_filter(getenv("MAPA_TEST_FILTER"));
    return cmocka_run_group_tests(tests, NULL, NULL);
}
