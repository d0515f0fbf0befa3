/* Tests of the id hash map: lookups, duplicates and growth. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include "models/idmap.h"

static void idmap_finds_what_was_put(void **state)
{
    (void)state;
    mapa_idmap *m = NULL;
    assert_int_equal(mapa__idmap_new(&m), MAPA_OK);
    assert_int_equal(mapa__idmap_put(m, "police", 0, NULL), MAPA_OK);
    assert_int_equal(mapa__idmap_put(m, "council", 1, NULL), MAPA_OK);
    assert_int_equal(mapa__idmap_get(m, "police"), 0);
    assert_int_equal(mapa__idmap_get(m, "council"), 1);
    assert_true(mapa__idmap_get(m, "ngo") == MAPA_NONE);
    assert_true(mapa__idmap_get(m, "") == MAPA_NONE);
    mapa__idmap_free(m);
}

static void idmap_refuses_duplicate_and_names_first(void **state)
{
    (void)state;
    mapa_idmap *m = NULL;
    size_t first = 99;
    assert_int_equal(mapa__idmap_new(&m), MAPA_OK);
    assert_int_equal(mapa__idmap_put(m, "m1", 7, NULL), MAPA_OK);
    assert_int_equal(mapa__idmap_put(m, "m1", 8, &first), MAPA_EINVAL);
    assert_int_equal(first, 7);
    assert_int_equal(mapa__idmap_get(m, "m1"), 7);
    mapa__idmap_free(m);
}

static void idmap_grows_to_many_keys(void **state)
{
    (void)state;
    enum { N = 100000 };
    char(*keys)[16] = malloc(N * sizeof *keys);
    assert_non_null(keys);
    mapa_idmap *m = NULL;
    assert_int_equal(mapa__idmap_new(&m), MAPA_OK);
    for (size_t i = 0; i < N; i++) {
        snprintf(keys[i], sizeof keys[i], "member-%zu", i);
        assert_int_equal(mapa__idmap_put(m, keys[i], i, NULL), MAPA_OK);
    }
    for (size_t i = 0; i < N; i++)
        assert_int_equal(mapa__idmap_get(m, keys[i]), i);
    assert_true(mapa__idmap_get(m, "member-100000") == MAPA_NONE);
    mapa__idmap_free(m);
    free(keys);
}

static void idmap_free_null_is_harmless(void **state)
{
    (void)state;
    mapa__idmap_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(idmap_finds_what_was_put),
        cmocka_unit_test(idmap_refuses_duplicate_and_names_first),
        cmocka_unit_test(idmap_grows_to_many_keys),
        cmocka_unit_test(idmap_free_null_is_harmless),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
