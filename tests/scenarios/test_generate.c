/*
 * The generator: the same seed gives the same bytes; a generated folder loads
 * without a problem and can be allocated; its distributions match the model
 * (docs/generator.md) within stated tolerances.
 */
#define _DEFAULT_SOURCE
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <mapa/generate.h>
#include <mapa/mapa.h>

static mapa_partnership *make(mapa_generator *g)
{
    mapa_partnership *p = NULL;
    assert_int_equal(mapa_generate_partnership(&p, g, NULL, NULL), MAPA_OK);
    return p;
}

static char *slurp(const char *dir, const char *name, size_t *len)
{
    char path[600];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static void write_folder(const mapa_generator *g, char *dir)
{
    mapa_partnership *p = NULL;
    mapa_planted_pair *truth = NULL;
    size_t n_truth = 0;
    assert_int_equal(mapa_generate_partnership(&p, g, &truth, &n_truth), MAPA_OK);
    assert_non_null(mkdtemp(dir));
    assert_int_equal(mapa_partnership_write(p, dir, truth, n_truth), MAPA_OK);
    free(truth);
    mapa_partnership_free(p);
}

static void rm_rf(const char *dir)
{
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

/* Same configuration, same bytes in every file; another seed, other members. */
static void same_seed_same_bytes(void **state)
{
    (void)state;
    mapa_generator g = MAPA_GENERATOR_INIT;
    g.members = 300, g.topics = 12, g.agencies = 25, g.seed = 42;
    g.actions = 120, g.interactions = 500;
    char a[] = "/tmp/mapa-gen-XXXXXX", b[] = "/tmp/mapa-gen-XXXXXX", c[] = "/tmp/mapa-gen-XXXXXX";
    write_folder(&g, a);
    write_folder(&g, b);
    g.seed = 43;
    write_folder(&g, c);
    const char *files[] = {"agencies.csv",          "topics.csv",  "members.csv",
                           "settings.json",         "actions.csv", "interactions.csv",
                           "planted_duplicates.csv"};
    for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
        size_t la, lb;
        char *x = slurp(a, files[k], &la), *y = slurp(b, files[k], &lb);
        assert_int_equal(la, lb);
        assert_memory_equal(x, y, la);
        free(x);
        free(y);
    }
    size_t la, lc;
    char *x = slurp(a, "members.csv", &la), *z = slurp(c, "members.csv", &lc);
    assert_true(la != lc || memcmp(x, z, la) != 0);
    free(x);
    free(z);
    /* the folder is an ordinary partnership: loads with no problem at all, and allocates */
    mapa_partnership *p = NULL;
    mapa_diags d = MAPA_DIAGS_INIT;
    assert_int_equal(mapa_partnership_load(&p, &d, a), MAPA_OK);
    assert_int_equal(d.n_errors + d.n_warnings, 0);
    assert_int_equal(p->n_members, 300);
    assert_int_equal(p->n_actions, 120);
    assert_int_equal(p->n_interactions, 500);
    mapa_alloc_options o = MAPA_ALLOC_OPTIONS_INIT;
    mapa_alloc al = MAPA_ALLOC_INIT;
    assert_int_equal(mapa_alloc_solve(&al, p, &o), MAPA_OK);
    assert_int_equal(al.status, MAPA_STATUS_OPTIMAL);
    assert_int_equal(mapa_alloc_violations(p, al.team, al.spoc, NULL, NULL), 0);
    mapa_alloc_dispose(&al);
    mapa_partnership_free(p);
    mapa_diags_dispose(&d);
    rm_rf(a);
    rm_rf(b);
    rm_rf(c);
}

/* Share of members whose first choice is each topic, sorted from the largest. */
static void first_choice_shares(const mapa_partnership *p, double *share)
{
    size_t T = p->n_topics, n = 0;
    for (size_t t = 0; t < T; t++)
        share[t] = 0;
    for (size_t i = 0; i < p->n_members; i++)
        if (p->members[i].n_prefs) {
            share[p->members[i].prefs[0]] += 1;
            n++;
        }
    for (size_t t = 0; t < T; t++)
        share[t] /= (double)n;
    for (size_t s = 1; s < T; s++) /* insertion sort, descending */
        for (size_t t = s; t > 0 && share[t] > share[t - 1]; t--) {
            double w = share[t];
            share[t] = share[t - 1];
            share[t - 1] = w;
        }
}

/*
 * Plackett-Luce with worths pop_t^(1/dispersion): at dispersion 1 and no affinity the first
 * choice is topic t with probability pop_t / sum pop, pop Zipf(s): the k-th largest share is
 * k^-s / H. Each share within 5 standard errors (n = 40,000).
 */
static void first_choices_follow_popularity(void **state)
{
    (void)state;
    mapa_generator g = MAPA_GENERATOR_INIT;
    g.members = 40000, g.topics = 8, g.agencies = 30, g.seed = 5;
    g.popularity_skew = 1.0, g.affinity = 0, g.dispersion = 1;
    mapa_partnership *p = make(&g);
    double share[8], h = 0;
    first_choice_shares(p, share);
    for (size_t k = 1; k <= 8; k++)
        h += 1.0 / (double)k;
    double n = (double)(g.members - g.coordinators);
    for (size_t k = 0; k < 8; k++) {
        double expect = 1.0 / (double)(k + 1) / h, se = sqrt(expect * (1 - expect) / n);
        assert_true(fabs(share[k] - expect) < 5 * se);
    }
    mapa_partnership_free(p);
    /* a large dispersion: uniform first choices (chi-square, 7 df, below the 0.1 % point 24.3) */
    g.dispersion = 1e6;
    p = make(&g);
    first_choice_shares(p, share);
    double chi = 0;
    for (size_t k = 0; k < 8; k++)
        chi += n * (share[k] - 0.125) * (share[k] - 0.125) / 0.125;
    assert_true(chi < 24.3);
    mapa_partnership_free(p);
    /* dispersion 0 and no affinity: everyone ranks the same topics in the same order */
    g.dispersion = 0, g.members = 500;
    p = make(&g);
    for (size_t i = g.coordinators + 1; i < p->n_members; i++)
        assert_memory_equal(p->members[i].prefs, p->members[g.coordinators].prefs,
                            3 * sizeof(size_t));
    mapa_partnership_free(p);
}

/* Affinity pulls members to topics close to their sector: with a large affinity and
   consensus otherwise, members of one sector share a first choice more than chance. */
static void affinity_pulls_by_sector(void **state)
{
    (void)state;
    mapa_generator g = MAPA_GENERATOR_INIT;
    g.members = 4000, g.topics = 20, g.agencies = 40, g.seed = 9;
    g.popularity_skew = 0, g.dispersion = 1;
    double same[2];
    for (int run = 0; run < 2; run++) {
        g.affinity = run ? 4.0 : 0.0;
        mapa_partnership *p = make(&g);
        /* share of pairs of consecutive members of the same sector with the same first choice */
        size_t pairs = 0, equal = 0;
        for (size_t i = g.coordinators; i + 1 < p->n_members; i++)
            for (size_t j = i + 1; j < p->n_members && j < i + 40; j++)
                if (p->agencies[p->members[i].agency].sector ==
                    p->agencies[p->members[j].agency].sector) {
                    pairs++;
                    equal += p->members[i].prefs[0] == p->members[j].prefs[0];
                }
        same[run] = (double)equal / (double)pairs;
        mapa_partnership_free(p);
    }
    assert_true(same[0] < 0.08);          /* about 1/20 without affinity */
    assert_true(same[1] > 2.0 * same[0]); /* clearly more with it */
}

/* Agency sizes are Zipf(1) over agencies in a random order; capacities and willingness
   have the documented shares. */
static void sizes_and_shares(void **state)
{
    (void)state;
    mapa_generator g = MAPA_GENERATOR_INIT;
    g.members = 60000, g.topics = 30, g.agencies = 10, g.seed = 11;
    mapa_partnership *p = make(&g);
    double size[10] = {0}, h = 0, n = (double)g.members;
    size_t cap[3] = {0}, willing = 0, coordinators = 0;
    for (size_t i = 0; i < p->n_members; i++) {
        const mapa_member *m = &p->members[i];
        size[m->agency] += 1;
        assert_true(m->cf_capacity <= 2);
        cap[m->cf_capacity]++;
        willing += m->spoc_willing;
        coordinators += m->coordinator;
        assert_int_equal(m->n_prefs, m->coordinator ? 0 : 3);
        for (size_t a = 0; a < m->n_prefs; a++)
            for (size_t b = a + 1; b < m->n_prefs; b++)
                assert_true(m->prefs[a] != m->prefs[b]);
    }
    assert_int_equal(coordinators, 2);
    for (size_t s = 1; s < 10; s++)
        for (size_t t = s; t > 0 && size[t] > size[t - 1]; t--) {
            double w = size[t];
            size[t] = size[t - 1];
            size[t - 1] = w;
        }
    for (size_t k = 1; k <= 10; k++)
        h += 1.0 / (double)k;
    for (size_t k = 0; k < 10; k++) {
        double expect = 1.0 / (double)(k + 1) / h, se = sqrt(expect * (1 - expect) / n);
        assert_true(fabs(size[k] / n - expect) < 5 * se);
    }
    assert_true(fabs((double)cap[0] / n - 0.1) < 0.01);
    assert_true(fabs((double)cap[1] / n - 0.7) < 0.01);
    assert_true(fabs((double)cap[2] / n - 0.2) < 0.01);
    assert_true(fabs((double)willing / n - 0.4) < 0.01);
    /* team limits hold everyone: sum of max_size at least the members to allocate */
    size_t room = 0;
    for (size_t t = 0; t < p->n_topics; t++)
        room += p->topics[t].max_size;
    assert_true(room >= g.members - g.coordinators);
    mapa_partnership_free(p);
}

static void bad_configurations(void **state)
{
    (void)state;
    mapa_generator g = MAPA_GENERATOR_INIT;
    assert_int_equal(mapa_generator_check(&g), MAPA_EINVAL); /* no sizes */
    assert_int_equal(mapa_generator_set(&g, "members", 10), MAPA_OK);
    assert_int_equal(mapa_generator_set(&g, "topics", 20), MAPA_OK);
    assert_int_equal(mapa_generator_set(&g, "agencies", 3), MAPA_OK);
    assert_int_equal(mapa_generator_check(&g), MAPA_EINVAL); /* 8 to allocate, 20 teams */
    assert_non_null(strstr(mapa_error_last(), "cannot fill 20 teams"));
    assert_int_equal(mapa_generator_set(&g, "members", 2.5), MAPA_EINVAL);
    assert_int_equal(mapa_generator_set(&g, "colour", 1), MAPA_EINVAL);
    assert_non_null(strstr(mapa_error_last(), "known: members"));
    assert_int_equal(mapa_generator_set(&g, "dispersion", NAN), MAPA_EINVAL);
    assert_int_equal(mapa_generator_set(&g, "dispersion", 2.5), MAPA_OK);
    assert_true(mapa_generator_get(&g, "dispersion") == 2.5);
    assert_true(isnan(mapa_generator_get(&g, "colour")));
    mapa_partnership *p = (mapa_partnership *)&g; /* must be reset to NULL on failure */
    assert_int_equal(mapa_generate_partnership(&p, &g, NULL, NULL), MAPA_EINVAL);
    assert_null(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_seed_same_bytes), cmocka_unit_test(first_choices_follow_popularity),
        cmocka_unit_test(affinity_pulls_by_sector), cmocka_unit_test(sizes_and_shares),
        cmocka_unit_test(bad_configurations)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
