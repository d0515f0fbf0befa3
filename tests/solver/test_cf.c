/*
 * Critical Friends against brute force on tiny plans (every assignment of CF
 * duties enumerated, the optimum found independently, strong connectivity
 * checked by our own search), every rule on 200 random plans, and the
 * diagnoses of impossible coverage.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <mapa/mapa.h>

static uint64_t rng_state;

static unsigned rnd(unsigned n)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (unsigned)(rng_state % n);
}

/* A partnership of n members in T teams (member i in team i % T), capacities 0..2. */
static mapa_partnership *random_plan(size_t n, size_t T, size_t **team_out)
{
    mapa_partnership *p = NULL;
    size_t idx;
    char id[32];
    assert_int_equal(mapa_partnership_new(&p), MAPA_OK);
    for (size_t a = 0; a < 3; a++) {
        snprintf(id, sizeof id, "a%zu", a);
        assert_int_equal(mapa_partnership_add_agency(p, &idx, id, id, MAPA_SECTOR_NGO, false),
                         MAPA_OK);
    }
    for (size_t t = 0; t < T; t++) {
        snprintf(id, sizeof id, "t%zu", t);
        mapa_topic topic = {.id = id,
                            .name = id,
                            .max_size = MAPA_UNLIMITED,
                            .max_per_agency = MAPA_UNLIMITED,
                            .cf_required = 1 + rnd(2)};
        assert_int_equal(mapa_partnership_add_topic(p, &idx, &topic), MAPA_OK);
    }
    size_t *team = malloc(n * sizeof *team);
    assert_non_null(team);
    for (size_t i = 0; i < n; i++) {
        snprintf(id, sizeof id, "m%zu", i);
        size_t prefs[3] = {rnd((unsigned)T), 0, 0};
        prefs[1] = (prefs[0] + 1 + rnd((unsigned)T - 1)) % T;
        mapa_member m = {.id = id,
                         .name = id,
                         .agency = rnd(3),
                         .prefs = prefs,
                         .n_prefs = 1 + rnd(2),
                         .cf_capacity = i < T ? 1 + rnd(2) : rnd(3),
                         .fixed_team = MAPA_NONE,
                         .previous_team = MAPA_NONE};
        assert_int_equal(mapa_partnership_add_member(p, &idx, &m), MAPA_OK);
        team[i] = i % T;
    }
    *team_out = team;
    return p;
}

/* Our own search (not igraph): is the graph on T teams with arcs arc[h * T + t] strongly connected?
 */
static bool strongly_connected(size_t T, const bool *arc)
{
    bool ok = true;
    for (size_t start = 0; start < T && ok; start++) {
        bool *seen = calloc(T, sizeof *seen);
        size_t *stack = malloc(T * sizeof *stack), top = 0, count = 0;
        assert_true(seen && stack);
        stack[top++] = start;
        seen[start] = true;
        while (top) {
            size_t u = stack[--top];
            count++;
            for (size_t v = 0; v < T; v++)
                if (arc[u * T + v] && !seen[v]) {
                    seen[v] = true;
                    stack[top++] = v;
                }
        }
        ok = count == T;
        free(seen);
        free(stack);
    }
    return ok;
}

static double reach2(size_t T, const bool *arc)
{
    size_t near = 0;
    for (size_t h = 0; h < T; h++)
        for (size_t t = 0; t < T; t++) {
            if (h == t)
                continue;
            bool ok = arc[h * T + t];
            for (size_t k = 0; k < T && !ok; k++)
                ok = arc[h * T + k] && arc[k * T + t];
            near += ok;
        }
    return (double)near / (double)(T * (T - 1));
}

typedef struct best {
    bool found;
    double value;
} best;

/* The overlap matrix of the brute force's instance (T x T), or NULL. */
static const double *brute_overlap;

/* Each member chooses a subset of the other teams (bits), within its capacity. */
static void enumerate(const mapa_partnership *p, const size_t *team, size_t i, unsigned *choice,
                      best *b)
{
    size_t n = p->n_members, T = p->n_topics;
    const mapa_settings *s = &p->settings;
    if (i < n) {
        for (unsigned mask = 0; mask < (1u << T); mask++) {
            if ((mask >> team[i]) & 1 ||
                (size_t)__builtin_popcount(mask) > p->members[i].cf_capacity)
                continue;
            choice[i] = mask;
            enumerate(p, team, i + 1, choice, b);
        }
        return;
    }
    bool arc[64] = {false};
    size_t cover[8] = {0};
    unsigned homes[8] = {0};
    double value = 0;
    size_t K = p->max_prefs;
    for (size_t m = 0; m < n; m++) {
        size_t duties = 0;
        for (size_t t = 0; t < T; t++) {
            if (!((choice[m] >> t) & 1))
                continue;
            if ((homes[t] >> team[m]) & 1)
                return; /* two CFs from one home team */
            homes[t] |= 1u << team[m];
            cover[t]++;
            arc[team[m] * T + t] = true;
            duties++;
            size_t r = mapa_member_rank(&p->members[m], t);
            bool novel = true;
            for (size_t o = 0; o < n; o++)
                if (team[o] == t && p->members[o].agency == p->members[m].agency)
                    novel = false;
            value += s->cf_interest_weight * (r ? (double)(K + 1 - r) / (double)K : 0) +
                     s->cf_novelty_weight * novel;
            if (brute_overlap) /* the link h -> t, once: distinct homes */
                value += s->cf_overlap_weight * brute_overlap[team[m] * T + t];
        }
        if (duties > 1)
            value -= s->cf_load_weight * (double)(duties - 1);
    }
    for (size_t t = 0; t < T; t++)
        if (cover[t] != p->topics[t].cf_required)
            return;
    if (!strongly_connected(T, arc))
        return;
    value += s->cf_reach_weight * reach2(T, arc);
    if (!b->found || value > b->value) {
        b->found = true;
        b->value = value;
    }
}

static void cf_matches_brute_force(void **state)
{
    (void)state;
    rng_state = 2024;
    size_t feasible = 0, instances = 150;
    for (size_t k = 0; k < instances; k++) {
        size_t T = k % 8 == 7 ? 4 : 3, n = T == 4 ? 4 + rnd(2) : 4 + rnd(3), *team;
        mapa_partnership *p = random_plan(n, T, &team);
        if (k % 3 == 1)
            p->settings.cf_reach_weight = 0; /* the flow path */
        if (k % 5 == 2)
            p->settings.cf_load_weight = 0;
        double overlap[16] = {0};
        mapa_cf_options o = MAPA_CF_OPTIONS_INIT;
        brute_overlap = NULL;
        if (k % 4 == 3) { /* the overlap term, in steps exact in 1/scale points */
            for (size_t h = 0; h < T; h++)
                for (size_t t = h + 1; t < T; t++)
                    overlap[h * T + t] = overlap[t * T + h] = 0.25 * rnd(9);
            p->settings.cf_overlap_weight = 0.5 * (1 + rnd(4));
            brute_overlap = o.overlap = overlap;
        }
        unsigned choice[8];
        best b = {false, 0};
        enumerate(p, team, 0, choice, &b);
        feasible += b.found;
        mapa_cf cf = MAPA_CF_INIT;
        mapa_err err = mapa_cf_solve(&cf, p, team, NULL, &o);
        if (err != MAPA_OK)
            fail_msg("instance %zu: %s", k, mapa_error_last());
        if (!b.found) {
            if (cf.status != MAPA_STATUS_INFEASIBLE)
                fail_msg("instance %zu: mapa found CFs where none exist", k);
            assert_true(cf.n_notes > 0);
        } else {
            if (cf.status != MAPA_STATUS_OPTIMAL)
                fail_msg("instance %zu: status %s, brute force found a plan", k,
                         mapa_status_name(cf.status));
            if (fabs(cf.objective - b.value) > 1e-6)
                fail_msg("instance %zu (%s): objective %.6f, brute force %.6f", k, cf.method,
                         cf.objective, b.value);
            assert_int_equal(mapa_cf_violations(p, team, NULL, &cf, NULL, NULL), 0);
            assert_true(cf.strongly_connected);
        }
        mapa_cf_dispose(&cf);
        mapa_partnership_free(p);
        free(team);
    }
    assert_true(feasible > instances / 4 && feasible < instances);
}

static bool has_note(const mapa_cf *cf, const char *text)
{
    for (size_t k = 0; k < cf->n_notes; k++)
        if (strstr(cf->notes[k].text, text))
            return true;
    return false;
}

static bool arcs_connected(const mapa_partnership *p, const size_t *team, const mapa_cf *cf)
{
    size_t T = p->n_topics;
    bool *arc = calloc(T * T, sizeof *arc);
    assert_non_null(arc);
    for (size_t k = 0; k < cf->n_pairs; k++)
        arc[team[cf->pairs[k].member] * T + cf->pairs[k].team] = true;
    bool ok = strongly_connected(T, arc);
    free(arc);
    return ok;
}

static void cf_keeps_every_rule_on_random_plans(void **state)
{
    (void)state;
    rng_state = 77;
    size_t solved = 0;
    for (size_t k = 0; k < 200; k++) {
        size_t T = 3 + rnd(8), n = T * (2 + rnd(4)), *team;
        mapa_partnership *p = random_plan(n, T, &team);
        p->settings.no_spoc_cf = rnd(2);
        p->settings.cf_per_stage = rnd(4) == 0;
        size_t *spoc = malloc(T * sizeof *spoc);
        assert_non_null(spoc);
        for (size_t t = 0; t < T; t++)
            spoc[t] = t; /* member t is in team t */
        mapa_cf cf = MAPA_CF_INIT;
        assert_int_equal(mapa_cf_solve(&cf, p, team, spoc, NULL), MAPA_OK);
        if (cf.status == MAPA_STATUS_OPTIMAL) {
            solved++;
            assert_int_equal(mapa_cf_violations(p, team, spoc, &cf, NULL, NULL), 0);
            /* strongly connected, unless a team has no one who can serve (and it says so) */
            assert_true(cf.strongly_connected == arcs_connected(p, team, &cf));
            assert_true(cf.strongly_connected || has_note(&cf, "has no member who can serve"));
            assert_int_equal(cf.filled, cf.places);
        } else {
            assert_int_equal(cf.status, MAPA_STATUS_INFEASIBLE);
            assert_true(cf.n_notes > 0);
            assert_int_equal(cf.n_pairs, 0);
        }
        mapa_cf_dispose(&cf);
        mapa_partnership_free(p);
        free(team);
        free(spoc);
    }
    assert_true(solved > 100);
}

/*
 * The team-arc model (one stage: y[h,t] binary, f continuous, cuts on y,
 * warm rounds) against GLPK's full member model: same status and optimum,
 * every rule kept, on random plans with the reach term (up to 8 teams) and
 * without, cf_required 1 to 3 and the plans' random capacities.
 */
static void cf_team_arcs_match_the_full_model(void **state)
{
    (void)state;
    rng_state = 4242;
    size_t compared = 0;
    for (size_t k = 0; k < 120; k++) {
        size_t T = 3 + rnd(9), n = T * (2 + rnd(3)), *team;
        mapa_partnership *p = random_plan(n, T, &team);
        size_t req = 1 + rnd(3);
        for (size_t t = 0; t < T; t++)
            p->topics[t].cf_required = req;
        if (k % 3 == 0)
            p->settings.cf_reach_weight = 0;
        mapa_cf a = MAPA_CF_INIT, full = MAPA_CF_INIT;
        mapa_cf_options o = MAPA_CF_OPTIONS_INIT;
        o.full = true;
        assert_int_equal(mapa_cf_solve(&a, p, team, NULL, NULL), MAPA_OK);
        assert_int_equal(mapa_cf_solve(&full, p, team, NULL, &o), MAPA_OK);
        if (a.status != full.status)
            fail_msg("instance %zu: status %d, full model %d", k, a.status, full.status);
        if (a.status == MAPA_STATUS_OPTIMAL) {
            compared++;
            if (fabs(a.objective - full.objective) > 1e-6)
                fail_msg("instance %zu: objective %.9f, full model %.9f", k, a.objective,
                         full.objective);
            assert_int_equal(mapa_cf_violations(p, team, NULL, &a, NULL, NULL), 0);
            assert_true(a.strongly_connected == arcs_connected(p, team, &a));
        }
        mapa_cf_dispose(&a);
        mapa_cf_dispose(&full);
        mapa_partnership_free(p);
        free(team);
    }
    assert_true(compared > 40);
}

static void count_member_cuts(const char *line, void *payload)
{
    if (getenv("CF_TEST_LOG"))
        fprintf(stderr, "  %s\n", line);
    if (strstr(line, "team arcs with member cuts"))
        (*(size_t *)payload)++;
}

/*
 * Teams whose best members are few and busy (one member per team ranks most
 * topics and has capacity 2-3, the others rank little): the team graph's best
 * arcs overstate what its members can do, so the per-home values with member
 * cuts decide (counted in the log). Same status and optimum as GLPK's full
 * member model, every rule kept.
 */
static void cf_member_cuts_match_the_full_model(void **state)
{
    (void)state;
    rng_state = 9090;
    size_t compared = 0, cut = 0;
    for (size_t k = 0; k < 80; k++) {
        size_t T = 6 + rnd(7), n = T * (2 + rnd(3)), *team;
        mapa_partnership *p = random_plan(n, T, &team);
        p->settings.cf_reach_weight = 0;
        p->settings.cf_load_weight = 0.1 + 0.1 * rnd(5);
        size_t req = 2 + rnd(2);
        for (size_t t = 0; t < T; t++)
            p->topics[t].cf_required = req;
        p->settings.cf_novelty_weight = rnd(3) == 0 ? 0.5 : 0;
        size_t half = T / 2;
        for (size_t i = 0; i < n; i++) { /* the first member of each team: the star */
            mapa_member *m = &p->members[i];
            m->cf_capacity = i < T ? 2 + rnd(2) : 1 + rnd(2);
            if (i >= T && rnd(4) != 0)
                m->n_prefs = 0; /* the others rank little */
            /* interests inside the member's half of the teams: the flow's best plan is two
             * groups, so the team graph decides */
            size_t base = team[i] < half ? 0 : half, size = team[i] < half ? half : T - half;
            for (size_t j = 0; j < m->n_prefs; j++)
                m->prefs[j] = base + (team[i] - base + 1 + j) % size;
        }
        mapa_cf a = MAPA_CF_INIT, full = MAPA_CF_INIT;
        mapa_cf_options o = MAPA_CF_OPTIONS_INIT, f = MAPA_CF_OPTIONS_INIT;
        o.log = count_member_cuts;
        o.payload = &cut;
        f.full = true;
        assert_int_equal(mapa_cf_solve(&a, p, team, NULL, &o), MAPA_OK);
        assert_int_equal(mapa_cf_solve(&full, p, team, NULL, &f), MAPA_OK);
        if (a.status != full.status)
            fail_msg("instance %zu: status %d, full model %d", k, a.status, full.status);
        if (a.status == MAPA_STATUS_OPTIMAL) {
            compared++;
            if (fabs(a.objective - full.objective) > 1e-6)
                fail_msg("instance %zu (%s): objective %.9f, full model %.9f", k, a.method,
                         a.objective, full.objective);
            assert_int_equal(mapa_cf_violations(p, team, NULL, &a, NULL, NULL), 0);
            assert_true(a.strongly_connected);
            assert_true(arcs_connected(p, team, &a));
        }
        mapa_cf_dispose(&a);
        mapa_cf_dispose(&full);
        mapa_partnership_free(p);
        free(team);
    }
    print_message("%zu compared, %zu through the member cuts\n", compared, cut);
    assert_true(compared > 30);
    assert_true(cut > 5); /* the path under test was taken */
}

/*
 * Up to 8 teams with the reach term: the branch and bound over team graphs
 * against GLPK's full member model (reach rows), on random plans with reach
 * weights from small (the members decide) to large (the reach decides),
 * cf_required 1 to 3 and the load penalty on or off.
 */
static void cf_graph_search_matches_the_full_model(void **state)
{
    (void)state;
    rng_state = 5151;
    size_t compared = 0, searched = 0;
    const double weights[] = {0.1, 1, 4};
    for (size_t k = 0; k < 45; k++) {
        size_t T = 4 + rnd(4), n = T * (2 + rnd(2)), *team;
        mapa_partnership *p = random_plan(n, T, &team);
        size_t req = 1 + rnd(T < 6 ? 2 : 3);
        for (size_t t = 0; t < T; t++)
            p->topics[t].cf_required = req;
        p->settings.cf_reach_weight = weights[k % 3];
        if (k % 4 == 1)
            p->settings.cf_load_weight = 0;
        mapa_cf a = MAPA_CF_INIT, full = MAPA_CF_INIT;
        mapa_cf_options f = MAPA_CF_OPTIONS_INIT;
        f.full = true;
        assert_int_equal(mapa_cf_solve(&a, p, team, NULL, NULL), MAPA_OK);
        assert_int_equal(mapa_cf_solve(&full, p, team, NULL, &f), MAPA_OK);
        if (a.status != full.status)
            fail_msg("instance %zu: status %d, full model %d", k, a.status, full.status);
        if (a.status == MAPA_STATUS_OPTIMAL) {
            compared++;
            searched += strcmp(a.method, "branch and bound") == 0;
            if (fabs(a.objective - full.objective) > 1e-6)
                fail_msg("instance %zu (%s): objective %.9f, full model %.9f", k, a.method,
                         a.objective, full.objective);
            assert_int_equal(mapa_cf_violations(p, team, NULL, &a, NULL, NULL), 0);
            assert_true(a.strongly_connected && arcs_connected(p, team, &a));
        }
        mapa_cf_dispose(&a);
        mapa_cf_dispose(&full);
        mapa_partnership_free(p);
        free(team);
    }
    print_message("%zu compared, %zu by the branch and bound\n", compared, searched);
    assert_true(compared > 20);
    assert_true(searched == compared);
}

/*
 * Above 8 teams the reach term is raised by swaps among the flow's optimal
 * plans: the primary objective must equal the optimum without the term, every
 * rule still holds, the reach never falls below the plain plan's, and "at its
 * upper bound" must be true by our own count: places x (1 + largest cf_required).
 */
static void cf_raises_reach_among_optimal_plans(void **state)
{
    (void)state;
    rng_state = 991;
    size_t searched = 0, at_bound = 0, raised = 0;
    for (size_t k = 0; k < 120; k++) {
        size_t T = 9 + rnd(12), n = T * (3 + rnd(6)), *team;
        mapa_partnership *p = random_plan(n, T, &team);
        for (size_t t = 0; k % 2 && t < T; t++)
            p->topics[t].cf_required = 2; /* as in the benchmark: the bound is often met */
        mapa_cf cf = MAPA_CF_INIT, plain = MAPA_CF_INIT;
        assert_int_equal(mapa_cf_solve(&cf, p, team, NULL, NULL), MAPA_OK);
        p->settings.cf_reach_weight = 0;
        assert_int_equal(mapa_cf_solve(&plain, p, team, NULL, NULL), MAPA_OK);
        assert_int_equal(cf.status, plain.status);
        if (cf.status == MAPA_STATUS_OPTIMAL) {
            assert_true(fabs(cf.objective - plain.objective) < 1e-9);
            assert_int_equal(mapa_cf_violations(p, team, NULL, &cf, NULL, NULL), 0);
            assert_true(arcs_connected(p, team, &cf));
            bool *arc = calloc(T * T, sizeof *arc);
            assert_non_null(arc);
            for (size_t q = 0; q < cf.n_pairs; q++)
                arc[team[cf.pairs[q].member] * T + cf.pairs[q].team] = true;
            double own = reach2(T, arc);
            free(arc);
            assert_true(fabs(own - cf.reach2) < 1e-12);
            assert_true(cf.reach2 >= plain.reach2 - 1e-12);
            if (strstr(cf.reach_method, "swaps")) {
                searched++;
                raised += cf.reach2 > plain.reach2;
                size_t most = 0;
                for (size_t t = 0; t < T; t++)
                    most = p->topics[t].cf_required > most ? p->topics[t].cf_required : most;
                double bound = (double)(cf.places * (1 + most));
                bound = bound < (double)(T * (T - 1)) ? bound : (double)(T * (T - 1));
                bool top = fabs(own * (double)(T * (T - 1)) - bound) < 1e-6;
                assert_true(top == (strstr(cf.reach_method, "upper bound") != NULL));
                at_bound += top;
            }
        }
        mapa_cf_dispose(&cf);
        mapa_cf_dispose(&plain);
        mapa_partnership_free(p);
        free(team);
    }
    print_message("reach search: %zu plans, raised on %zu, at the upper bound on %zu\n", searched,
                  raised, at_bound);
    assert_true(searched > 50);
    assert_true(raised > 10);
    assert_true(at_bound > 5);
}

static void cf_explains_impossible_coverage(void **state)
{
    (void)state;
    rng_state = 5;
    size_t *team;
    mapa_partnership *p = random_plan(6, 3, &team);
    for (size_t m = 0; m < 6; m++)
        p->members[m].cf_capacity = 0;
    p->members[0].cf_capacity = 1;
    for (size_t t = 0; t < 3; t++)
        p->topics[t].cf_required = 2;
    mapa_cf cf = MAPA_CF_INIT;
    assert_int_equal(mapa_cf_solve(&cf, p, team, NULL, NULL), MAPA_OK);
    assert_int_equal(cf.status, MAPA_STATUS_INFEASIBLE);
    assert_true(has_note(&cf, "6 Critical Friend places are needed but the members who can serve "
                              "offer only 1: raise cf_capacity or lower cf_required"));
    assert_true(has_note(&cf, "Team 't1' needs 2 Critical Friends from different teams but only 1 "
                              "other team has a member who can serve"));
    mapa_cf_dispose(&cf);
    /* soft mode fills what it can and says what is left */
    p->settings.soft = true;
    assert_int_equal(mapa_cf_solve(&cf, p, team, NULL, NULL), MAPA_OK);
    assert_int_equal(cf.filled, 1);
    assert_int_equal(cf.n_pairs, 1);
    assert_true(has_note(&cf, "has 0 of its 2 Critical Friend places filled"));
    assert_int_equal(mapa_cf_violations(p, team, NULL, &cf, NULL, NULL), 3); /* teams short */
    mapa_cf_dispose(&cf);
    mapa_partnership_free(p);
    free(team);
}

static void cf_baselines_are_seeded(void **state)
{
    (void)state;
    rng_state = 11;
    size_t *team;
    mapa_partnership *p = random_plan(24, 6, &team);
    for (size_t m = 0; m < 24; m++)
        p->members[m].cf_capacity = 1;
    mapa_cf_options o = MAPA_CF_OPTIONS_INIT;
    o.policy = MAPA_CF_RANDOM;
    mapa_cf a = MAPA_CF_INIT, b = MAPA_CF_INIT, none = MAPA_CF_INIT, opt = MAPA_CF_INIT;
    assert_int_equal(mapa_cf_solve(&a, p, team, NULL, &o), MAPA_OK);
    assert_int_equal(mapa_cf_solve(&b, p, team, NULL, &o), MAPA_OK);
    assert_int_equal(a.n_pairs, b.n_pairs);
    for (size_t k = 0; k < a.n_pairs; k++) {
        assert_int_equal(a.pairs[k].member, b.pairs[k].member);
        assert_int_equal(a.pairs[k].team, b.pairs[k].team);
    }
    o.policy = MAPA_CF_NONE;
    assert_int_equal(mapa_cf_solve(&none, p, team, NULL, &o), MAPA_OK);
    assert_int_equal(none.n_pairs, 0);
    assert_false(none.strongly_connected);
    assert_int_equal(mapa_cf_solve(&opt, p, team, NULL, NULL), MAPA_OK);
    assert_true(opt.objective >= a.objective - 1e-9);
    mapa_cf_dispose(&a);
    mapa_cf_dispose(&b);
    mapa_cf_dispose(&none);
    mapa_cf_dispose(&opt);
    mapa_partnership_free(p);
    free(team);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cf_matches_brute_force),
        cmocka_unit_test(cf_keeps_every_rule_on_random_plans),
        cmocka_unit_test(cf_raises_reach_among_optimal_plans),
        cmocka_unit_test(cf_team_arcs_match_the_full_model),
        cmocka_unit_test(cf_member_cuts_match_the_full_model),
        cmocka_unit_test(cf_graph_search_matches_the_full_model),
        cmocka_unit_test(cf_explains_impossible_coverage),
        cmocka_unit_test(cf_baselines_are_seeded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
