/*
 * Loads every fixture folder of tests/data: each bad or warn folder must give
 * exactly the messages of its expected.txt (file, line, column, text) and the
 * result its exit.txt implies; the good folders must load with the values below.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
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

/* The messages as `mapa validate` prints them, with the folder prefix removed. */
static char *format_diags(const mapa_diags *d, const char *dir)
{
    size_t cap = 1 << 16, n = 0;
    char *out = malloc(cap);
    assert_non_null(out);
    out[0] = '\0';
    size_t skip = strlen(dir) + 1;
    for (size_t i = 0; i < d->n_items; i++) {
        const mapa_diag *x = &d->items[i];
        assert_true(strncmp(x->file, dir, skip - 1) == 0);
        char line[2048];
        int len =
            snprintf(line, sizeof line, "%s:%zu:%zu: %s: %s\n", x->file + skip, x->line, x->col,
                     x->severity == MAPA_DIAG_ERROR ? "error" : "warning", x->message);
        assert_true(len > 0 && (size_t)len < sizeof line);
        assert_true(n + (size_t)len < cap);
        memcpy(out + n, line, (size_t)len + 1);
        n += (size_t)len;
    }
    return out;
}

static void fixture_gives_expected_messages(void **state)
{
    const char *dir = *state;
    char path[4096];
    snprintf(path, sizeof path, "%s/expected.txt", dir);
    char *expected = test_read(path, NULL);
    assert_non_null(expected);
    snprintf(path, sizeof path, "%s/exit.txt", dir);
    char *exit_text = test_read(path, NULL);
    assert_non_null(exit_text);
    int exit_code = atoi(exit_text);

    mapa_diags d = MAPA_DIAGS_INIT;
    mapa_partnership *p = NULL;
    mapa_err err = mapa_partnership_load(&p, &d, dir);
    char *got = format_diags(&d, dir);
    assert_string_equal(got, expected);
    assert_int_equal(err, exit_code == 0 ? MAPA_OK : MAPA_EFORMAT);
    assert_true((p != NULL) == (err == MAPA_OK));
    if (exit_code != 0)
        assert_true(d.n_errors > 0);
    mapa_partnership_free(p);
    mapa_diags_dispose(&d);
    free(got);
    free(expected);
    free(exit_text);
}

static mapa_partnership *load_ok(const char *name, mapa_diags *d)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/good/%s", MAPA_TEST_DATA, name);
    mapa_partnership *p = NULL;
    assert_int_equal(mapa_partnership_load(&p, d, dir), MAPA_OK);
    assert_int_equal(d->n_errors, 0);
    return p;
}

static void good_tiny_loads_every_value(void **state)
{
    (void)state;
    mapa_diags d = MAPA_DIAGS_INIT;
    mapa_partnership *p = load_ok("tiny", &d);
    assert_int_equal(d.n_warnings, 0);
    assert_int_equal(p->n_agencies, 3);
    assert_int_equal(p->n_topics, 3);
    assert_int_equal(p->n_members, 7);
    assert_int_equal(p->max_prefs, 2);
    const mapa_topic *t3 = &p->topics[2];
    assert_string_equal(t3->name, "Victim care");
    assert_true(t3->max_per_agency == MAPA_UNLIMITED); /* empty cell: the default */
    assert_int_equal(p->topics[0].max_per_agency, 2);
    assert_int_equal(p->topics[0].cf_required, 2);
    const mapa_member *m2 = &p->members[1];
    assert_string_equal(m2->id, "m2");
    assert_int_equal(m2->agency, mapa_partnership_find_agency(p, "council"));
    assert_int_equal(m2->cf_capacity, 2);
    assert_true(m2->spoc_willing);
    assert_int_equal(m2->n_prefs, 2);
    assert_int_equal(m2->prefs[0], 1);
    assert_int_equal(m2->prefs[1], 2);
    assert_true(m2->fixed_team == MAPA_NONE);
    const mapa_member *c1 = &p->members[mapa_partnership_find_member(p, "c1")];
    assert_true(c1->coordinator);
    assert_int_equal(c1->n_prefs, 0);
    assert_int_equal(c1->cf_capacity, 0);
    assert_int_equal(p->agencies[2].sector, MAPA_SECTOR_NGO);
    assert_false(p->agencies[2].statutory);
    mapa_partnership_free(p);
    mapa_diags_dispose(&d);
}

static void good_variants_accepts_every_spelling(void **state)
{
    (void)state;
    mapa_diags d = MAPA_DIAGS_INIT;
    mapa_partnership *p = load_ok("variants", &d);
    assert_int_equal(d.n_warnings, 2); /* the 'notes' column and previous_team 'gone' */
    assert_string_equal(p->settings.name, "Variants");
    const mapa_member *m1 = &p->members[mapa_partnership_find_member(p, "m1")];
    assert_string_equal(m1->name, "Archer, Ann");
    assert_true(m1->spoc_willing);
    assert_false(m1->coordinator);
    assert_int_equal(m1->cf_capacity, 2);
    assert_int_equal(m1->n_prefs, 3);
    assert_int_equal(m1->n_avoid, 1);
    assert_int_equal(m1->avoid[0], 2);
    assert_int_equal(m1->previous_team, 0);
    const mapa_member *m2 = &p->members[mapa_partnership_find_member(p, "m2")];
    assert_string_equal(m2->name, "Bilal Khan");
    assert_int_equal(m2->n_prefs, 1);
    assert_int_equal(m2->cf_capacity, 3); /* settings.json's default */
    assert_true(m2->previous_team == MAPA_NONE);
    const mapa_member *m3 = &p->members[mapa_partnership_find_member(p, "m3")];
    assert_int_equal(m3->n_avoid, 2);
    assert_int_equal(m3->avoid[0], 0);
    assert_int_equal(m3->avoid[1], 1);
    assert_true(p->members[mapa_partnership_find_member(p, "c1")].coordinator);
    assert_string_equal(p->topics[2].name, "Victim care, safeguarding");
    assert_true(p->topics[2].max_size == MAPA_UNLIMITED);
    assert_int_equal(p->topics[2].min_size, 0);
    mapa_partnership_free(p);
    mapa_diags_dispose(&d);
}

static void example_partnership_loads_cleanly(void **state)
{
    (void)state;
    mapa_diags d = MAPA_DIAGS_INIT;
    mapa_partnership *p = NULL;
    assert_int_equal(mapa_partnership_load(&p, &d, MAPA_EXAMPLE_DIR), MAPA_OK);
    assert_int_equal(d.n_errors + d.n_warnings, 0);
    assert_int_equal(p->n_members, 70);
    assert_int_equal(p->n_agencies, 44);
    assert_int_equal(p->n_topics, 8);
    assert_int_equal(mapa_partnership_allocatable(p), 67);
    mapa_partnership_free(p);
    mapa_diags_dispose(&d);
}

static void missing_folder_and_files_are_not_found(void **state)
{
    (void)state;
    mapa_diags d = MAPA_DIAGS_INIT;
    mapa_partnership *p = NULL;
    assert_int_equal(mapa_partnership_load(&p, &d, "/nonexistent/partnership"), MAPA_ENOTFOUND);
    assert_null(p);
    char *dir = test_mkdtemp();
    test_write(dir, "topics.csv", "id,name\nt1,T\n", 13);
    assert_int_equal(mapa_partnership_load(&p, &d, dir), MAPA_ENOTFOUND);
    assert_non_null(strstr(mapa_error_last(), "has no members.csv"));
    assert_null(p);
    test_rmdir(dir);
    mapa_diags_dispose(&d);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
    const char *groups[] = {"bad", "warn"};
    char *dirs[256];
    size_t n = 0;
    for (size_t g = 0; g < 2; g++) {
        char base[4096];
        snprintf(base, sizeof base, "%s/%s", MAPA_TEST_DATA, groups[g]);
        DIR *d = opendir(base);
        if (!d)
            return 1;
        struct dirent *e;
        while ((e = readdir(d)) != NULL && n < 256) {
            if (e->d_name[0] == '.')
                continue;
            size_t len = strlen(base) + strlen(e->d_name) + 2;
            dirs[n] = malloc(len);
            if (!dirs[n])
                return 1;
            snprintf(dirs[n++], len, "%s/%s", base, e->d_name);
        }
        closedir(d);
    }
    qsort(dirs, n, sizeof *dirs, by_name);
    struct CMUnitTest tests[256 + 4];
    for (size_t i = 0; i < n; i++)
        tests[i] = (struct CMUnitTest){strrchr(dirs[i], '/') + 1, fixture_gives_expected_messages,
                                       NULL, NULL, dirs[i]};
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(good_tiny_loads_every_value);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(good_variants_accepts_every_spelling);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(example_partnership_loads_cleanly);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(missing_folder_and_files_are_not_found);
    int failed = _cmocka_run_group_tests("load_fixtures", tests, n, NULL, NULL);
    for (size_t i = 0; i + 4 < n; i++)
        free(dirs[i]);
    return failed;
}
