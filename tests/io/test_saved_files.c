/*
 * The readers of files a previous stage wrote (teams.csv, critical_friends.csv)
 * and of edge lists, on hostile content: files of empty fields (were a
 * segfault), control characters, line breaks in ids and loose numbers.
 */
#define _POSIX_C_SOURCE 200809L
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

typedef struct fixture {
    char *dir;
    char path[4096];
    mapa_partnership *p;
    mapa_diags d;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->d = (mapa_diags)MAPA_DIAGS_INIT;
    assert_int_equal(mapa_partnership_load(&f->p, &f->d, MAPA_TEST_DATA "/good/tiny"), MAPA_OK);
    mapa_diags_dispose(&f->d);
    f->d = (mapa_diags)MAPA_DIAGS_INIT;
    f->dir = test_mkdtemp();
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    mapa_partnership_free(f->p);
    mapa_diags_dispose(&f->d);
    test_rmdir(f->dir);
    free(f);
    return 0;
}

/* Write `text` as dir/name and start a fresh list of problems. */
static const char *put(fixture *f, const char *name, const char *text)
{
    test_write(f->dir, name, text, strlen(text));
    snprintf(f->path, sizeof f->path, "%s/%s", f->dir, name);
    mapa_diags_dispose(&f->d);
    f->d = (mapa_diags)MAPA_DIAGS_INIT;
    return f->path;
}

static void assert_only_problem(const fixture *f, size_t line, size_t col, const char *text)
{
    assert_int_equal(f->d.n_errors, 1);
    assert_int_equal(f->d.items[0].line, line);
    assert_int_equal(f->d.items[0].col, col);
    if (!strstr(f->d.items[0].message, text))
        fail_msg("message '%s' does not say '%s'", f->d.items[0].message, text);
}

static const char *const BLANK[] = {"", "\"\"", "\" \"", ",\"\",", "\"\",\"\"\r\n\" \",\n"};

static void teams_csv_of_empty_fields_has_no_header(void **state)
{
    fixture *f = *state;
    for (size_t k = 0; k < sizeof BLANK / sizeof *BLANK; k++) {
        size_t *team = NULL, *spoc = NULL;
        mapa_err err =
            mapa_read_teams_csv(&team, &spoc, f->p, put(f, "teams.csv", BLANK[k]), &f->d);
        assert_int_equal(err, MAPA_EFORMAT);
        assert_null(team);
        assert_only_problem(f, 1, 1, "has no header row");
    }
}

static void cf_csv_of_empty_fields_has_no_header(void **state)
{
    fixture *f = *state;
    size_t team[16];
    for (size_t m = 0; m < 16; m++)
        team[m] = 0;
    for (size_t k = 0; k < sizeof BLANK / sizeof *BLANK; k++) {
        mapa_cf cf = MAPA_CF_INIT;
        mapa_err err =
            mapa_read_cf_csv(&cf, f->p, team, put(f, "critical_friends.csv", BLANK[k]), &f->d);
        assert_int_equal(err, MAPA_EFORMAT);
        assert_only_problem(f, 1, 1, "has no header row");
    }
}

static void edge_list_of_empty_fields_has_no_header(void **state)
{
    fixture *f = *state;
    for (size_t k = 0; k < sizeof BLANK / sizeof *BLANK; k++) {
        mapa_network net = MAPA_NETWORK_INIT;
        mapa_err err = mapa_read_edges_csv(&net, put(f, "edges.csv", BLANK[k]), &f->d);
        assert_int_equal(err, MAPA_EFORMAT);
        assert_only_problem(f, 1, 1, "has no header row");
    }
}

static void teams_csv_refuses_control_characters_and_line_breaks(void **state)
{
    fixture *f = *state;
    size_t *team = NULL, *spoc = NULL;
    const char *path = put(
        f, "teams.csv", "member_id,team_id,spoc\nm1,t1,yes\n\"m\n2\",t2,yes\nm3,t3\x1b[0m,yes\n");
    assert_int_equal(mapa_read_teams_csv(&team, &spoc, f->p, path, &f->d), MAPA_EFORMAT);
    int found = 0;
    for (size_t i = 0; i < f->d.n_items; i++) {
        const mapa_diag *x = &f->d.items[i];
        found |= (x->line == 3 && x->col == 3 && strstr(x->message, "line break")) ? 1 : 0;
        found |= (x->line == 5 && x->col == 6 && strstr(x->message, "U+001B")) ? 2 : 0;
        assert_null(strchr(x->message, '\x1b')); /* quoted ids are escaped in messages */
        assert_null(strchr(x->message, '\n'));
    }
    assert_int_equal(found, 3);
}

static void edge_weights_are_strict_decimals(void **state)
{
    fixture *f = *state;
    static const char *const bad[] = {"0x10", "+1", "inf", "nan", "1e", "2 ", "1,5", ".", "-1"};
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        char text[128];
        snprintf(text, sizeof text, "from,to,weight\na,b,\"%s\"\n", bad[k]);
        mapa_network net = MAPA_NETWORK_INIT;
        assert_int_equal(mapa_read_edges_csv(&net, put(f, "edges.csv", text), &f->d),
                         strcmp(bad[k], "2 ") == 0 ? MAPA_OK : MAPA_EFORMAT);
        mapa_network_dispose(&net); /* "2 " is trimmed: a number */
    }
    static const char *const good[] = {"1", "0.5", "2.", ".5", "1e3", "1E-2", "007"};
    for (size_t k = 0; k < sizeof good / sizeof *good; k++) {
        char text[128];
        snprintf(text, sizeof text, "from,to,weight\na,b,%s\n", good[k]);
        mapa_network net = MAPA_NETWORK_INIT;
        assert_int_equal(mapa_read_edges_csv(&net, put(f, "edges.csv", text), &f->d), MAPA_OK);
        assert_int_equal(net.n_ties, 1);
        mapa_network_dispose(&net);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(teams_csv_of_empty_fields_has_no_header, setup, teardown),
        cmocka_unit_test_setup_teardown(cf_csv_of_empty_fields_has_no_header, setup, teardown),
        cmocka_unit_test_setup_teardown(edge_list_of_empty_fields_has_no_header, setup, teardown),
        cmocka_unit_test_setup_teardown(teams_csv_refuses_control_characters_and_line_breaks, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(edge_weights_are_strict_decimals, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
