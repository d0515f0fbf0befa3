/*
 * The allocation against brute force: on random tiny partnerships (up to 8
 * members, 3 topics, every kind of constraint) every assignment is enumerated,
 * the optimum of each objective is found independently, and mapa must reach it
 * with every formulation (flow, aggregated, full) and break no rule.
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

static mapa_partnership *random_partnership(mapa_objective objective)
{
    mapa_partnership *p = NULL;
    assert_int_equal(mapa_partnership_new(&p), MAPA_OK);
    size_t T = 2 + rnd(2), A = 2 + rnd(2), n = 3 + rnd(6), idx;
    const mapa_sector sectors[] = {MAPA_SECTOR_POLICE, MAPA_SECTOR_NGO, MAPA_SECTOR_BUSINESS};
    char id[32];
    for (size_t a = 0; a < A; a++) {
        snprintf(id, sizeof id, "a%zu", a);
        mapa_sector s = sectors[rnd(3)];
        assert_int_equal(mapa_partnership_add_agency(p, &idx, id, id, s, mapa_sector_statutory(s)),
                         MAPA_OK);
    }
    for (size_t t = 0; t < T; t++) {
        snprintf(id, sizeof id, "t%zu", t);
        mapa_topic topic = {.id = id,
                            .name = id,
                            .min_size = rnd(3),
                            .min_agencies = 1 + rnd(2),
                            .max_per_agency = rnd(3) ? MAPA_UNLIMITED : 1 + rnd(3),
                            .cf_required = 2};
        topic.max_size = rnd(3) ? MAPA_UNLIMITED : topic.min_size + rnd(4);
        if (topic.max_size == 0)
            topic.max_size = 1;
        assert_int_equal(mapa_partnership_add_topic(p, &idx, &topic), MAPA_OK);
    }
    for (size_t i = 0; i < n; i++) {
        snprintf(id, sizeof id, "m%zu", i);
        size_t prefs[3] = {0, 1, 2}, avoid[1];
        for (size_t k = T; k > 1; k--) { /* shuffle */
            size_t j = rnd((unsigned)k), tmp = prefs[k - 1];
            prefs[k - 1] = prefs[j];
            prefs[j] = tmp;
        }
        mapa_member m = {.id = id,
                         .name = id,
                         .agency = rnd((unsigned)A),
                         .prefs = prefs,
                         .n_prefs = rnd((unsigned)T + 1),
                         .spoc_willing = rnd(2),
                         .fixed_team = MAPA_NONE,
                         .previous_team = MAPA_NONE,
                         .avoid = avoid};
        if (rnd(10) == 0)
            m.fixed_team = rnd((unsigned)T);
        else if (rnd(7) == 0)
            avoid[m.n_avoid++] = rnd((unsigned)T);
        if (rnd(3) == 0)
            m.previous_team = rnd((unsigned)T);
        assert_int_equal(mapa_partnership_add_member(p, &idx, &m), MAPA_OK);
    }
    mapa_settings *s = &p->settings;
    s->objective = objective;
    if (objective == MAPA_OBJECTIVE_WEIGHTS) {
        s->weights = malloc(3 * sizeof *s->weights);
        assert_non_null(s->weights);
        s->weights[0] = 10, s->weights[1] = 6, s->weights[2] = 3;
        s->n_weights = 3;
    }
    s->require_statutory = rnd(4) == 0;
    s->require_voluntary = rnd(6) == 0;
    s->max_moves = rnd(5) == 0 ? rnd(3) : MAPA_UNLIMITED;
    const double penalties[] = {0, 1, 0.5, 2};
    s->move_penalty = penalties[rnd(4)];
    return p;
}

typedef struct best {
    bool found;
    double value;     /* scored objectives */
    size_t counts[5]; /* rank-maximal: counts by rank 1..K, then stays */
    size_t worst;     /* fair */
} best;

static size_t rank_of(const mapa_member *m, size_t t)
{
    for (size_t r = 0; r < m->n_prefs; r++)
        if (m->prefs[r] == t)
            return r + 1;
    return 0;
}

/* Independent scoring (docs/model.md), in objective points. */
static double rank_score(const mapa_settings *s, size_t K, size_t r)
{
    if (r == 0)
        return 0;
    switch (s->objective) {
    case MAPA_OBJECTIVE_CONVEX: return ldexp(1, (int)(K - r));
    case MAPA_OBJECTIVE_WEIGHTS: return r <= s->n_weights ? s->weights[r - 1] : 0;
    default: return (double)(K + 1 - r);
    }
}

static bool spocs_possible(const mapa_partnership *p, const size_t *team)
{
    for (size_t t = 0; t < p->n_topics; t++) {
        bool any = false;
        for (size_t i = 0; i < p->n_members && !any; i++)
            any = team[i] == t && p->members[i].spoc_willing;
        if (!any)
            return false;
    }
    return true;
}

static void consider(const mapa_partnership *p, const size_t *team, best *b)
{
    if (mapa_alloc_violations(p, team, NULL, NULL, NULL) > 0 || !spocs_possible(p, team))
        return;
    const mapa_settings *s = &p->settings;
    size_t K = p->max_prefs, counts[5] = {0}, worst = 0, moves = 0, stays = 0;
    double score = 0;
    for (size_t i = 0; i < p->n_members; i++) {
        const mapa_member *m = &p->members[i];
        size_t r = rank_of(m, team[i]);
        if (r)
            counts[r - 1]++;
        if (m->n_prefs && m->fixed_team == MAPA_NONE && (r ? r : K + 1) > worst)
            worst = r ? r : K + 1;
        moves += m->previous_team != MAPA_NONE && m->previous_team != team[i];
        stays += m->previous_team == team[i];
        score += rank_score(s, K, r);
    }
    score -= s->move_penalty * (double)moves;
    if (s->objective == MAPA_OBJECTIVE_RANK_MAXIMAL) {
        counts[K] = s->move_penalty > 0 ? stays : 0;
        bool better = !b->found;
        for (size_t k = 0; k <= K && !better; k++) {
            if (counts[k] != b->counts[k]) {
                better = counts[k] > b->counts[k];
                break;
            }
        }
        if (better)
            memcpy(b->counts, counts, sizeof counts);
    } else if (s->objective == MAPA_OBJECTIVE_FAIR) {
        if (!b->found || worst < b->worst || (worst == b->worst && score > b->value + 1e-9)) {
            b->worst = worst;
            b->value = score;
        }
    } else if (!b->found || score > b->value) {
        b->value = score;
    }
    b->found = true;
}

static best brute_force(const mapa_partnership *p)
{
    best b = {0};
    size_t n = p->n_members, T = p->n_topics, team[8];
    size_t total = 1;
    for (size_t i = 0; i < n; i++)
        total *= T;
    for (size_t code = 0; code < total; code++) {
        size_t c = code;
        for (size_t i = 0; i < n; i++, c /= T)
            team[i] = c % T;
        consider(p, team, &b);
    }
    return b;
}

static void check_against(const mapa_partnership *p, const best *b, mapa_formulation f,
                          size_t instance)
{
    mapa_alloc a = MAPA_ALLOC_INIT;
    mapa_alloc_options o = MAPA_ALLOC_OPTIONS_INIT;
    o.formulation = f;
    assert_int_equal(mapa_alloc_solve(&a, p, &o), MAPA_OK);
    if (!b->found) {
        if (a.status != MAPA_STATUS_INFEASIBLE)
            fail_msg("instance %zu formulation %d: mapa found a plan where none exists", instance,
                     (int)f);
        assert_true(a.n_notes > 0); /* infeasible is always explained */
        mapa_alloc_dispose(&a);
        return;
    }
    if (a.status != MAPA_STATUS_OPTIMAL)
        fail_msg("instance %zu formulation %d: status %s, brute force found a plan", instance,
                 (int)f, mapa_status_name(a.status));
    assert_int_equal(mapa_alloc_violations(p, a.team, a.spoc, NULL, NULL), 0);
    const mapa_settings *s = &p->settings;
    size_t K = p->max_prefs;
    if (s->objective == MAPA_OBJECTIVE_RANK_MAXIMAL) {
        for (size_t r = 1; r <= K; r++)
            if (a.rank_counts[r] != b->counts[r - 1])
                fail_msg("instance %zu formulation %d: rank %zu count %zu, brute force %zu",
                         instance, (int)f, r, a.rank_counts[r], b->counts[r - 1]);
    } else if (s->objective == MAPA_OBJECTIVE_FAIR) {
        assert_int_equal(a.worst_rank, b->worst);
        assert_true(fabs(a.objective - b->value) < 1e-6);
    } else if (fabs(a.objective - b->value) > 1e-6) {
        fail_msg("instance %zu formulation %d (%s): objective %g, brute force %g", instance, (int)f,
                 mapa_objective_name(s->objective), a.objective, b->value);
    }
    mapa_alloc_dispose(&a);
}

static void run_objective(mapa_objective objective, uint64_t seed, size_t instances)
{
    rng_state = seed;
    size_t feasible = 0;
    for (size_t k = 0; k < instances; k++) {
        mapa_partnership *p = random_partnership(objective);
        best b = brute_force(p);
        feasible += b.found;
        check_against(p, &b, MAPA_FORMULATION_AUTO, k);
        check_against(p, &b, MAPA_FORMULATION_AGGREGATED, k);
        check_against(p, &b, MAPA_FORMULATION_FULL, k);
        mapa_partnership_free(p);
    }
    /* the generator must exercise both outcomes */
    assert_true(feasible > instances / 4);
    assert_true(feasible < instances);
}

/*
 * Sector cover and distinct agencies together in the network (docs/model.md):
 * every member willing, so the SPOC rows rarely bind, both sectors required,
 * and in every third instance one agency counting for both (then the sector
 * rows are side rows again). Each optimum must match brute force.
 */
static void alloc_sector_cover_network_matches_brute_force(void **state)
{
    (void)state;
    rng_state = 0x5EC70125u;
    size_t instances = 600, feasible = 0, flow_proofs = 0;
    for (size_t k = 0; k < instances; k++) {
        mapa_partnership *p = random_partnership(MAPA_OBJECTIVE_BORDA);
        for (size_t i = 0; i < p->n_members; i++)
            p->members[i].spoc_willing = true;
        p->settings.require_statutory = true;
        p->settings.require_voluntary = true;
        p->settings.max_moves = MAPA_UNLIMITED;
        for (size_t t = 0; t < p->n_topics; t++)
            p->topics[t].min_agencies = rnd(4);
        p->agencies[0].sector = MAPA_SECTOR_POLICE; /* both sectors exist */
        p->agencies[0].statutory = true;
        p->agencies[1].sector = MAPA_SECTOR_NGO;
        p->agencies[1].statutory = k % 3 == 2; /* then it counts for both */
        best b = brute_force(p);
        feasible += b.found;
        check_against(p, &b, MAPA_FORMULATION_AUTO, k);
        check_against(p, &b, MAPA_FORMULATION_AGGREGATED, k);
        check_against(p, &b, MAPA_FORMULATION_FULL, k);
        mapa_alloc a = MAPA_ALLOC_INIT;
        assert_int_equal(mapa_alloc_solve(&a, p, NULL), MAPA_OK);
        flow_proofs += a.certified;
        mapa_alloc_dispose(&a);
        mapa_partnership_free(p);
    }
    assert_true(feasible > instances / 5);
    assert_true(feasible < instances);
    assert_true(flow_proofs > instances / 10); /* the network itself decides many of them */
}

static void alloc_borda_matches_brute_force(void **state)
{
    (void)state;
    run_objective(MAPA_OBJECTIVE_BORDA, 12345, 250);
}

static void alloc_convex_matches_brute_force(void **state)
{
    (void)state;
    run_objective(MAPA_OBJECTIVE_CONVEX, 777, 120);
}

static void alloc_weights_match_brute_force(void **state)
{
    (void)state;
    run_objective(MAPA_OBJECTIVE_WEIGHTS, 4242, 120);
}

static void alloc_rank_maximal_matches_brute_force(void **state)
{
    (void)state;
    run_objective(MAPA_OBJECTIVE_RANK_MAXIMAL, 99, 120);
}

static void alloc_fair_matches_brute_force(void **state)
{
    (void)state;
    run_objective(MAPA_OBJECTIVE_FAIR, 31337, 120);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(alloc_borda_matches_brute_force),
        cmocka_unit_test(alloc_sector_cover_network_matches_brute_force),
        cmocka_unit_test(alloc_convex_matches_brute_force),
        cmocka_unit_test(alloc_weights_match_brute_force),
        cmocka_unit_test(alloc_rank_maximal_matches_brute_force),
        cmocka_unit_test(alloc_fair_matches_brute_force),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
