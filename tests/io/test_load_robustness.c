/*
 * Hostile and huge partnership folders through mapa_partnership_load: no crash,
 * no leak (under the sanitizer build), no hang, and a clear message.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <mapa/mapa.h>

#include "test_util.h"

static const char topics[] = "id,name,min_size,max_size\nt1,Training,0,unlimited\n"
                             "t2,Awareness,0,unlimited\n";

static mapa_err load(const char *dir, mapa_diags *d, mapa_partnership **p)
{
    *p = NULL;
    return mapa_partnership_load(p, d, dir);
}

static void load_reads_200000_members(void **state)
{
    (void)state;
    enum { N = 200000 };
    char *dir = test_mkdtemp();
    size_t cap = (size_t)N * 64 + 64, n = 0;
    char *csv = malloc(cap);
    assert_non_null(csv);
    n += (size_t)sprintf(csv, "id,name,agency,pref1,pref2\n");
    for (size_t i = 0; i < N; i++)
        n += (size_t)sprintf(csv + n, "m%zu,Member %zu,agency%zu,t%zu,t%zu\n", i, i, i % 500,
                             1 + i % 2, 2 - i % 2);
    test_write(dir, "members.csv", csv, n);
    test_write(dir, "topics.csv", topics, sizeof topics - 1);
    mapa_diags d = MAPA_DIAGS_INIT;
    mapa_partnership *p;
    assert_int_equal(load(dir, &d, &p), MAPA_OK);
    assert_int_equal(p->n_members, N);
    assert_int_equal(p->n_agencies, 500);
    assert_int_equal(mapa_partnership_find_member(p, "m199999"), N - 1);
    assert_int_equal(p->members[N - 1].prefs[0], 1);
    mapa_partnership_free(p);
    mapa_diags_dispose(&d);
    free(csv);
    test_rmdir(dir);
}

static void load_caps_stored_messages_and_counts_all(void **state)
{
    (void)state;
    enum { N = 5000 };
    char *dir = test_mkdtemp();
    char *csv = malloc((size_t)N * 40 + 64);
    assert_non_null(csv);
    size_t n = (size_t)sprintf(csv, "id,name,agency,pref1\n");
    for (size_t i = 0; i < N; i++)
        n += (size_t)sprintf(csv + n, "m%zu,M,a,unknown%zu\n", i, i); /* distinct problems */
    test_write(dir, "members.csv", csv, n);
    test_write(dir, "topics.csv", topics, sizeof topics - 1);
    mapa_diags d = MAPA_DIAGS_INIT;
    d.limit = 100;
    mapa_partnership *p;
    assert_int_equal(load(dir, &d, &p), MAPA_EFORMAT);
    assert_null(p);
    assert_int_equal(d.n_errors, N);
    assert_int_equal(d.n_items, 100);
    assert_int_equal(mapa_diags_dropped(&d, MAPA_DIAG_ERROR), N - 100);
    mapa_diags_dispose(&d);
    free(csv);
    test_rmdir(dir);
}

static void load_refuses_random_bytes_cleanly(void **state)
{
    (void)state;
    char *dir = test_mkdtemp();
    test_write(dir, "topics.csv", topics, sizeof topics - 1);
    uint64_t x = 0x9E3779B97F4A7C15ULL;
    char buf[4096];
    for (int round = 0; round < 200; round++) {
        size_t n = 1 + (size_t)round * 20;
        for (size_t i = 0; i < n; i++) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            buf[i] = (char)(x >> 32);
        }
        test_write(dir, "members.csv", buf, n);
        mapa_diags d = MAPA_DIAGS_INIT;
        mapa_partnership *p;
        mapa_err err = load(dir, &d, &p);
        assert_true(err == MAPA_OK || err == MAPA_EFORMAT);
        if (err == MAPA_EFORMAT)
            assert_true(d.n_errors > 0 && d.n_items > 0 && d.items[0].message[0]);
        mapa_partnership_free(p);
        mapa_diags_dispose(&d);
    }
    test_rmdir(dir);
}

static void load_survives_truncated_files(void **state)
{
    (void)state;
    char *dir = test_mkdtemp();
    size_t size = 0;
    char path[4096];
    snprintf(path, sizeof path, "%s/good/tiny/members.csv", MAPA_TEST_DATA);
    char *members = test_read(path, &size);
    assert_non_null(members);
    test_write(dir, "topics.csv", topics, sizeof topics - 1);
    for (size_t n = 0; n <= size; n += 3) {
        test_write(dir, "members.csv", members, n);
        mapa_diags d = MAPA_DIAGS_INIT;
        mapa_partnership *p;
        mapa_err err = load(dir, &d, &p);
        assert_true(err == MAPA_OK || err == MAPA_EFORMAT);
        mapa_partnership_free(p);
        mapa_diags_dispose(&d);
    }
    free(members);
    test_rmdir(dir);
}

static void load_reports_nul_in_the_middle(void **state)
{
    (void)state;
    char *dir = test_mkdtemp();
    const char members[] = "id,name,agency,pref1\nm1,Ann,police,t1\nm2,B\0b,ngo,t2\n";
    test_write(dir, "members.csv", members, sizeof members - 1);
    test_write(dir, "topics.csv", topics, sizeof topics - 1);
    mapa_diags d = MAPA_DIAGS_INIT;
    mapa_partnership *p;
    assert_int_equal(load(dir, &d, &p), MAPA_EFORMAT);
    assert_int_equal(d.n_errors, 1);
    assert_int_equal(d.items[0].line, 3);
    assert_int_equal(d.items[0].col, 5);
    mapa_diags_dispose(&d);
    test_rmdir(dir);
}

static void load_reads_huge_field_and_many_prefs(void **state)
{
    (void)state;
    char *dir = test_mkdtemp();
    size_t big = 1 << 20;
    char *members = malloc(big + 256);
    assert_non_null(members);
    size_t n = (size_t)sprintf(members, "id,name,agency,role,pref1,pref2\nm1,Ann,police,\"");
    memset(members + n, 'x', big);
    n += big;
    n += (size_t)sprintf(members + n, "\",t2,t1\n");
    test_write(dir, "members.csv", members, n);
    test_write(dir, "topics.csv", topics, sizeof topics - 1);
    mapa_diags d = MAPA_DIAGS_INIT;
    mapa_partnership *p;
    assert_int_equal(load(dir, &d, &p), MAPA_OK);
    assert_int_equal(strlen(p->members[0].role), big);
    assert_int_equal(p->members[0].prefs[0], 1);
    mapa_partnership_free(p);
    mapa_diags_dispose(&d);
    free(members);
    test_rmdir(dir);
}

static void load_refuses_absurd_pref_number(void **state)
{
    (void)state;
    char *dir = test_mkdtemp();
    const char members[] = "id,name,agency,pref1,pref99999999999999999999\nm1,A,p,t1,\n";
    test_write(dir, "members.csv", members, sizeof members - 1);
    test_write(dir, "topics.csv", topics, sizeof topics - 1);
    mapa_diags d = MAPA_DIAGS_INIT;
    mapa_partnership *p;
    mapa_err err = load(dir, &d, &p);
    assert_true(err == MAPA_OK || err == MAPA_EFORMAT);
    assert_true(d.n_errors + d.n_warnings > 0);
    mapa_partnership_free(p);
    mapa_diags_dispose(&d);
    test_rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(load_reads_200000_members),
        cmocka_unit_test(load_caps_stored_messages_and_counts_all),
        cmocka_unit_test(load_refuses_random_bytes_cleanly),
        cmocka_unit_test(load_survives_truncated_files),
        cmocka_unit_test(load_reports_nul_in_the_middle),
        cmocka_unit_test(load_reads_huge_field_and_many_prefs),
        cmocka_unit_test(load_refuses_absurd_pref_number),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
