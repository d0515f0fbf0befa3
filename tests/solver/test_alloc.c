/* Allocation behaviour beyond the optimum: re-plans, diagnoses, soft mode, baselines, SPOCs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <mapa/mapa.h>

static mapa_partnership *example(void)
{
    mapa_diags d = MAPA_DIAGS_INIT;
    mapa_partnership *p = NULL;
    assert_int_equal(mapa_partnership_load(&p, &d, MAPA_EXAMPLE_DIR), MAPA_OK);
    mapa_diags_dispose(&d);
    return p;
}

static mapa_alloc solve(const mapa_partnership *p, mapa_alloc_policy policy)
{
    mapa_alloc a = MAPA_ALLOC_INIT;
    mapa_alloc_options o = MAPA_ALLOC_OPTIONS_INIT;
    o.policy = policy;
    assert_int_equal(mapa_alloc_solve(&a, p, &o), MAPA_OK);
    return a;
}

static bool has_note(const mapa_alloc *a, const char *text)
{
    for (size_t k = 0; k < a->n_notes; k++)
        if (strstr(a->notes[k].text, text))
            return true;
    return false;
}

static void alloc_example_is_optimal_and_valid(void **state)
{
    (void)state;
    mapa_partnership *p = example();
    mapa_alloc a = solve(p, MAPA_POLICY_OPTIMAL);
    assert_int_equal(a.status, MAPA_STATUS_OPTIMAL);
    assert_true(a.certified || strcmp(a.method, "glpk") == 0);
    assert_int_equal(mapa_alloc_violations(p, a.team, a.spoc, NULL, NULL), 0);
    size_t placed = 0;
    for (size_t r = 1; r <= a.max_rank + 1; r++)
        placed += a.rank_counts[r];
    assert_int_equal(placed, 67);
    /* each SPOC ranked the topic at least as well as any other willing member of the team */
    for (size_t t = 0; t < p->n_topics; t++) {
        size_t s = a.spoc[t];
        size_t rs = mapa_member_rank(&p->members[s], t);
        for (size_t i = 0; i < p->n_members; i++) {
            if (a.team[i] != t || !p->members[i].spoc_willing)
                continue;
            size_t ri = mapa_member_rank(&p->members[i], t);
            assert_true((rs ? rs : 99) <= (ri ? ri : 99));
        }
    }
    mapa_alloc_dispose(&a);
    mapa_partnership_free(p);
}

static void alloc_replan_with_nothing_changed_moves_nobody(void **state)
{
    (void)state;
    mapa_partnership *p = example();
    mapa_alloc first = solve(p, MAPA_POLICY_OPTIMAL);
    for (size_t i = 0; i < p->n_members; i++)
        p->members[i].previous_team = first.team[i];
    mapa_alloc again = solve(p, MAPA_POLICY_OPTIMAL);
    assert_int_equal(again.status, MAPA_STATUS_OPTIMAL);
    assert_int_equal(again.moves, 0);
    for (size_t r = 1; r <= first.max_rank + 1; r++)
        assert_int_equal(again.rank_counts[r], first.rank_counts[r]);
    /* a cap of zero moves holds too */
    p->settings.max_moves = 0;
    p->settings.move_penalty = 0;
    mapa_alloc capped = solve(p, MAPA_POLICY_OPTIMAL);
    assert_int_equal(capped.status, MAPA_STATUS_OPTIMAL);
    assert_int_equal(capped.moves, 0);
    mapa_alloc_dispose(&first);
    mapa_alloc_dispose(&again);
    mapa_alloc_dispose(&capped);
    mapa_partnership_free(p);
}

/* Three topics, two agencies, six members; the tests break one thing each. */
static mapa_partnership *small(void)
{
    mapa_partnership *p = NULL;
    size_t i;
    assert_int_equal(mapa_partnership_new(&p), MAPA_OK);
    assert_int_equal(
        mapa_partnership_add_agency(p, &i, "police", "Police", MAPA_SECTOR_POLICE, true), MAPA_OK);
    assert_int_equal(mapa_partnership_add_agency(p, &i, "ngo", "Charity", MAPA_SECTOR_NGO, false),
                     MAPA_OK);
    const char *names[] = {"Training", "Awareness", "Victim care"};
    const char *ids[] = {"t1", "t2", "t3"};
    for (size_t t = 0; t < 3; t++) {
        mapa_topic topic = {.id = (char *)ids[t],
                            .name = (char *)names[t],
                            .min_size = 2,
                            .max_size = 3,
                            .min_agencies = 1,
                            .max_per_agency = MAPA_UNLIMITED};
        assert_int_equal(mapa_partnership_add_topic(p, &i, &topic), MAPA_OK);
    }
    for (size_t k = 0; k < 6; k++) {
        char id[32];
        snprintf(id, sizeof id, "m%zu", k);
        size_t prefs[] = {k % 3, (k + 1) % 3};
        mapa_member m = {.id = id,
                         .name = id,
                         .agency = k % 2,
                         .prefs = prefs,
                         .n_prefs = 2,
                         .spoc_willing = true,
                         .fixed_team = MAPA_NONE,
                         .previous_team = MAPA_NONE};
        assert_int_equal(mapa_partnership_add_member(p, &i, &m), MAPA_OK);
    }
    return p;
}

static void alloc_explains_short_topic(void **state)
{
    (void)state;
    mapa_partnership *p = small();
    size_t avoid = 2;
    for (size_t k = 0; k < 5; k++) { /* only m5 may join Victim care */
        p->members[k].avoid = malloc(sizeof avoid);
        p->members[k].avoid[0] = avoid;
        p->members[k].n_avoid = 1;
    }
    mapa_alloc a = solve(p, MAPA_POLICY_OPTIMAL);
    assert_int_equal(a.status, MAPA_STATUS_INFEASIBLE);
    assert_true(has_note(&a, "Topic 'Victim care' needs 2 members, only 1 can join it"));
    assert_true(a.team[0] == MAPA_NONE);
    mapa_alloc_dispose(&a);
    mapa_partnership_free(p);
}

static void alloc_explains_missing_spoc(void **state)
{
    (void)state;
    mapa_partnership *p = small();
    for (size_t k = 0; k < 6; k++)
        p->members[k].spoc_willing = k == 0;
    mapa_alloc a = solve(p, MAPA_POLICY_OPTIMAL);
    assert_int_equal(a.status, MAPA_STATUS_INFEASIBLE);
    assert_true(has_note(&a, "3 teams need a SPOC each but only 1 members are willing"));
    mapa_alloc_dispose(&a);
    /* soft mode plans anyway and says which teams have no SPOC */
    p->settings.soft = true;
    a = solve(p, MAPA_POLICY_OPTIMAL);
    assert_int_equal(a.status, MAPA_STATUS_OPTIMAL);
    assert_true(has_note(&a, "has no member willing to be its SPOC"));
    size_t without = 0;
    for (size_t t = 0; t < 3; t++)
        without += a.spoc[t] == MAPA_NONE;
    assert_int_equal(without, 2);
    assert_int_equal(a.n_notes, 2);
    mapa_alloc_dispose(&a);
    mapa_partnership_free(p);
}

static void alloc_explains_conflict_found_by_solver(void **state)
{
    (void)state;
    mapa_partnership *p = small();
    /* every team needs both agencies, but only a police member may join t1 and t2 twice... */
    for (size_t t = 0; t < 3; t++) {
        p->topics[t].min_agencies = 2;
        p->topics[t].max_size = 2;
    }
    p->members[1].agency = 0; /* now police: m0 m1 m2 m4, ngo: m3 m5 */
    mapa_alloc a = solve(p, MAPA_POLICY_OPTIMAL);
    assert_int_equal(a.status, MAPA_STATUS_INFEASIBLE);
    assert_true(has_note(&a, "To make a plan possible: Topic"));
    assert_true(has_note(&a, "agency fewer than its minimum of 2"));
    mapa_alloc_dispose(&a);
    mapa_partnership_free(p);
}

static void alloc_soft_reports_every_relaxation(void **state)
{
    (void)state;
    mapa_partnership *p = small();
    p->topics[0].min_size = 5; /* 5 + 2 + 2 > 6 members */
    p->topics[0].max_size = 6;
    p->settings.soft = true;
    mapa_alloc a = solve(p, MAPA_POLICY_OPTIMAL);
    assert_int_equal(a.status, MAPA_STATUS_OPTIMAL);
    assert_true(has_note(&a, "member(s) fewer than its minimum"));
    mapa_alloc_dispose(&a);
    mapa_partnership_free(p);
}

static void alloc_baselines_are_seeded_and_respect_caps(void **state)
{
    (void)state;
    mapa_partnership *p = example();
    mapa_alloc g1 = solve(p, MAPA_POLICY_GREEDY), g2 = solve(p, MAPA_POLICY_GREEDY);
    assert_string_equal(g1.method, "greedy");
    assert_memory_equal(g1.team, g2.team, p->n_members * sizeof *g1.team);
    p->settings.seed = 99;
    mapa_alloc g3 = solve(p, MAPA_POLICY_GREEDY), r = solve(p, MAPA_POLICY_RANDOM);
    assert_true(memcmp(g1.team, g3.team, p->n_members * sizeof *g1.team) != 0);
    mapa_alloc best = solve(p, MAPA_POLICY_OPTIMAL);
    for (size_t i = 0; i < p->n_members; i++) {
        assert_true((g1.team[i] == MAPA_NONE) == p->members[i].coordinator);
        assert_true((r.team[i] == MAPA_NONE) == p->members[i].coordinator);
    }
    /* no baseline beats the optimum where it keeps every rule */
    if (g1.status != MAPA_STATUS_INFEASIBLE)
        assert_true(g1.objective <= best.objective + 1e-9);
    assert_true(r.objective <= best.objective + 1e-9);
    /* greedy serves first choices far better than random */
    assert_true(g1.rank_counts[1] > r.rank_counts[1]);
    mapa_alloc_dispose(&g1);
    mapa_alloc_dispose(&g2);
    mapa_alloc_dispose(&g3);
    mapa_alloc_dispose(&r);
    mapa_alloc_dispose(&best);
    mapa_partnership_free(p);
}

static void alloc_flow_and_glpk_agree_on_example_objectives(void **state)
{
    (void)state;
    mapa_partnership *p = example();
    const mapa_objective objectives[] = {MAPA_OBJECTIVE_BORDA, MAPA_OBJECTIVE_CONVEX,
                                         MAPA_OBJECTIVE_RANK_MAXIMAL, MAPA_OBJECTIVE_FAIR};
    for (size_t k = 0; k < 4; k++) {
        p->settings.objective = objectives[k];
        mapa_alloc_options o = MAPA_ALLOC_OPTIONS_INIT;
        mapa_alloc a = MAPA_ALLOC_INIT, b = MAPA_ALLOC_INIT;
        assert_int_equal(mapa_alloc_solve(&a, p, &o), MAPA_OK);
        o.formulation = MAPA_FORMULATION_FULL;
        assert_int_equal(mapa_alloc_solve(&b, p, &o), MAPA_OK);
        assert_int_equal(a.status, MAPA_STATUS_OPTIMAL);
        assert_int_equal(b.status, MAPA_STATUS_OPTIMAL);
        assert_true(a.objective == b.objective);
        assert_int_equal(a.worst_rank, b.worst_rank);
        mapa_alloc_dispose(&a);
        mapa_alloc_dispose(&b);
    }
    mapa_partnership_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(alloc_example_is_optimal_and_valid),
        cmocka_unit_test(alloc_replan_with_nothing_changed_moves_nobody),
        cmocka_unit_test(alloc_explains_short_topic),
        cmocka_unit_test(alloc_explains_missing_spoc),
        cmocka_unit_test(alloc_explains_conflict_found_by_solver),
        cmocka_unit_test(alloc_soft_reports_every_relaxation),
        cmocka_unit_test(alloc_baselines_are_seeded_and_respect_caps),
        cmocka_unit_test(alloc_flow_and_glpk_agree_on_example_objectives),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
