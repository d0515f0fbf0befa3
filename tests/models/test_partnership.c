/* Tests of the partnership model: adding, finding, sectors, settings and the summary. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <mapa/mapa.h>

static mapa_partnership *small(void)
{
    mapa_partnership *p = NULL;
    assert_int_equal(mapa_partnership_new(&p), MAPA_OK);
    size_t i;
    assert_int_equal(
        mapa_partnership_add_agency(p, &i, "police", "Police", MAPA_SECTOR_POLICE, true), MAPA_OK);
    assert_int_equal(mapa_partnership_add_agency(p, &i, "ngo", "Charity", MAPA_SECTOR_NGO, false),
                     MAPA_OK);
    mapa_topic t = {.id = "t1", .name = "Training", .min_size = 1, .max_size = 3};
    assert_int_equal(mapa_partnership_add_topic(p, &i, &t), MAPA_OK);
    t = (mapa_topic){.id = "t2", .name = "Awareness", .min_size = 2, .max_size = MAPA_UNLIMITED};
    assert_int_equal(mapa_partnership_add_topic(p, &i, &t), MAPA_OK);
    size_t prefs_a[] = {1, 0}, prefs_b[] = {1};
    mapa_member a = {.id = "a",
                     .name = "Ann",
                     .agency = 0,
                     .prefs = prefs_a,
                     .n_prefs = 2,
                     .spoc_willing = true,
                     .fixed_team = MAPA_NONE,
                     .previous_team = MAPA_NONE};
    mapa_member b = {.id = "b",
                     .name = "Bob",
                     .agency = 1,
                     .prefs = prefs_b,
                     .n_prefs = 1,
                     .fixed_team = MAPA_NONE,
                     .previous_team = MAPA_NONE};
    mapa_member c = {.id = "c",
                     .name = "Cat",
                     .agency = 1,
                     .coordinator = true,
                     .fixed_team = MAPA_NONE,
                     .previous_team = MAPA_NONE};
    assert_int_equal(mapa_partnership_add_member(p, &i, &a), MAPA_OK);
    assert_int_equal(mapa_partnership_add_member(p, &i, &b), MAPA_OK);
    assert_int_equal(mapa_partnership_add_member(p, &i, &c), MAPA_OK);
    return p;
}

static void partnership_finds_by_id(void **state)
{
    (void)state;
    mapa_partnership *p = small();
    assert_int_equal(mapa_partnership_find_agency(p, "ngo"), 1);
    assert_int_equal(mapa_partnership_find_topic(p, "t2"), 1);
    assert_int_equal(mapa_partnership_find_member(p, "c"), 2);
    assert_true(mapa_partnership_find_member(p, "d") == MAPA_NONE);
    assert_int_equal(p->max_prefs, 2);
    assert_int_equal(mapa_partnership_allocatable(p), 2);
    /* the member's arrays are deep copies */
    assert_int_equal(p->members[0].prefs[0], 1);
    assert_int_equal(p->members[0].prefs[1], 0);
    assert_string_equal(p->members[1].role, "");
    mapa_partnership_free(p);
}

static void partnership_refuses_duplicate_ids(void **state)
{
    (void)state;
    mapa_partnership *p = small();
    size_t i = 0;
    assert_int_equal(mapa_partnership_add_agency(p, &i, "ngo", "Other", MAPA_SECTOR_NGO, false),
                     MAPA_EINVAL);
    assert_int_equal(i, 1);
    mapa_topic t = {.id = "t1", .name = "Again"};
    assert_int_equal(mapa_partnership_add_topic(p, &i, &t), MAPA_EINVAL);
    assert_int_equal(i, 0);
    mapa_member m = {
        .id = "b", .name = "Again", .fixed_team = MAPA_NONE, .previous_team = MAPA_NONE};
    assert_int_equal(mapa_partnership_add_member(p, &i, &m), MAPA_EINVAL);
    assert_int_equal(i, 1);
    assert_int_equal(p->n_agencies, 2);
    assert_int_equal(p->n_topics, 2);
    assert_int_equal(p->n_members, 3);
    mapa_partnership_free(p);
}

static void sectors_parse_and_classify(void **state)
{
    (void)state;
    mapa_sector s;
    assert_true(mapa_sector_parse(&s, "Local_Authority"));
    assert_int_equal(s, MAPA_SECTOR_LOCAL_AUTHORITY);
    assert_false(mapa_sector_parse(&s, "charity"));
    assert_true(mapa_sector_statutory(MAPA_SECTOR_HEALTH));
    assert_false(mapa_sector_statutory(MAPA_SECTOR_NGO));
    assert_true(mapa_sector_voluntary(MAPA_SECTOR_FAITH));
    assert_false(mapa_sector_voluntary(MAPA_SECTOR_BUSINESS));
    assert_string_equal(mapa_sector_name(MAPA_SECTOR_ACADEMIA), "academia");
}

static void settings_have_documented_defaults(void **state)
{
    (void)state;
    mapa_settings s;
    mapa_settings_init(&s);
    assert_int_equal(s.objective, MAPA_OBJECTIVE_BORDA);
    assert_int_equal(s.min_size, 1);
    assert_true(s.max_size == MAPA_UNLIMITED);
    assert_int_equal(s.cf_required, 2);
    assert_int_equal(s.cf_capacity, 1);
    mapa_objective o;
    assert_true(mapa_objective_parse(&o, "rank-maximal"));
    assert_int_equal(o, MAPA_OBJECTIVE_RANK_MAXIMAL);
    assert_false(mapa_objective_parse(&o, "happiest"));
    mapa_settings_dispose(&s);
    mapa_settings_dispose(&s); /* a second dispose is harmless */
}

static void summary_counts_demand(void **state)
{
    (void)state;
    mapa_partnership *p = small();
    mapa_summary s = MAPA_SUMMARY_INIT;
    assert_int_equal(mapa_summary_compute(&s, p), MAPA_OK);
    assert_int_equal(s.n_members, 3);
    assert_int_equal(s.n_coordinators, 1);
    assert_int_equal(s.n_allocatable, 2);
    assert_int_equal(s.n_spoc_willing, 1);
    assert_int_equal(s.by_sector[MAPA_SECTOR_POLICE], 1);
    assert_int_equal(s.by_sector[MAPA_SECTOR_NGO], 1);
    assert_int_equal(s.first[0], 0);
    assert_int_equal(s.first[1], 2);
    assert_int_equal(s.ranked[0], 1);
    assert_int_equal(s.ranked[1], 2);
    assert_int_equal(s.total_min_size, 3);
    assert_true(s.total_max_size == MAPA_UNLIMITED);
    mapa_summary_dispose(&s);
    mapa_summary_dispose(&s);
    mapa_partnership_free(p);
    mapa_partnership_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(partnership_finds_by_id),
        cmocka_unit_test(partnership_refuses_duplicate_ids),
        cmocka_unit_test(sectors_parse_and_classify),
        cmocka_unit_test(settings_have_documented_defaults),
        cmocka_unit_test(summary_counts_demand),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
