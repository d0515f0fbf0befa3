/* Tests of the CSV reader: cell text and positions, quoting, encodings, and hostile input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "io/csv_table.h"

typedef struct parsed {
    mapa__csv_table t;
    mapa_diags d;
    mapa_err err;
} parsed;

static parsed *parse_n(const char *data, size_t size)
{
    parsed *p = calloc(1, sizeof *p);
    assert_non_null(p);
    p->d = (mapa_diags)MAPA_DIAGS_INIT;
    p->t = (mapa__csv_table)MAPA__CSV_TABLE_INIT;
    p->err = mapa__csv_parse(&p->t, data, size, "x.csv", "id, name", &p->d);
    return p;
}

static parsed *parse(const char *data)
{
    return parse_n(data, strlen(data));
}

static void done(parsed *p)
{
    mapa__csv_table_dispose(&p->t);
    mapa_diags_dispose(&p->d);
    free(p);
}

static const mapa__csv_cell *cell(const parsed *p, size_t row, size_t col)
{
    assert_true(row < p->t.n_rows);
    assert_true(col < p->t.rows[row].n_cells);
    return &p->t.cells[p->t.rows[row].first + col];
}

static void assert_cell(const parsed *p, size_t row, size_t col, const char *text, size_t line,
                        size_t column)
{
    const mapa__csv_cell *c = cell(p, row, col);
    assert_string_equal(mapa__csv_text(&p->t, c), text);
    assert_int_equal(c->line, line);
    assert_int_equal(c->col, column);
}

static void csv_reads_cells_with_positions(void **state)
{
    (void)state;
    parsed *p = parse("id,name\nm1,Ann\nm2,  Bob  \n");
    assert_int_equal(p->err, MAPA_OK);
    assert_int_equal(p->t.n_rows, 3);
    assert_cell(p, 0, 1, "name", 1, 4);
    assert_cell(p, 1, 0, "m1", 2, 1);
    assert_cell(p, 2, 1, "Bob", 3, 4); /* trimmed; the position is where the field starts */
    done(p);
}

static void csv_handles_quotes_commas_and_newlines(void **state)
{
    (void)state;
    parsed *p = parse("id,name,note\r\n"
                      "m1,\"Archer, Ann\",\"two\r\nlines, \"\"quoted\"\"\"\r\n"
                      "m2,Bob,\r\n");
    assert_int_equal(p->err, MAPA_OK);
    assert_int_equal(p->t.n_rows, 3);
    assert_cell(p, 1, 1, "Archer, Ann", 2, 4);
    assert_cell(p, 1, 2, "two\r\nlines, \"quoted\"", 2, 18);
    assert_cell(p, 2, 0, "m2", 4, 1); /* the quoted newline counts as a line */
    assert_cell(p, 2, 2, "", 4, 8);   /* an empty last field points where it would be */
    done(p);
}

static void csv_skips_bom_and_blank_rows(void **state)
{
    (void)state;
    parsed *p = parse("\xEF\xBB\xBFid,name\n\n,,\nm1,Ann\n   \n");
    assert_int_equal(p->err, MAPA_OK);
    assert_int_equal(p->t.n_rows, 2);
    assert_cell(p, 0, 0, "id", 1, 1);
    assert_cell(p, 1, 0, "m1", 4, 1);
    done(p);
}

static void csv_counts_columns_in_characters(void **state)
{
    (void)state;
    parsed *p = parse("id,name,agency\nm1,Zoë Łukasz,ngo\n");
    assert_int_equal(p->err, MAPA_OK);
    assert_cell(p, 1, 2, "ngo", 2, 15);
    done(p);
}

static void csv_handles_old_mac_line_ends(void **state)
{
    (void)state;
    parsed *p = parse("id,name\rm1,Ann\rm2,Bob");
    assert_int_equal(p->err, MAPA_OK);
    assert_int_equal(p->t.n_rows, 3);
    assert_cell(p, 2, 1, "Bob", 3, 4);
    done(p);
}

static void csv_reports_invalid_utf8_at_the_byte(void **state)
{
    (void)state;
    /* UTF-8 elsewhere (Zoë) makes the stray bytes mistakes: one error for the file */
    parsed *p = parse("id,name\nm0,Zo\xc3\xab\nm1,Jos\xe9\nm2,\xc3\x28x\n");
    assert_int_equal(p->err, MAPA_OK); /* reported, the table is still usable */
    assert_int_equal(p->d.n_errors, 1);
    assert_int_equal(p->d.items[0].line, 3);
    assert_int_equal(p->d.items[0].col, 7);
    assert_non_null(strstr(p->d.items[0].message, "byte 0xE9 is not UTF-8 (in Windows-1252 it "
                                                  "would be '\xc3\xa9')"));
    assert_non_null(strstr(p->d.items[0].message, "(2 such in the file; this is the first)"));
    assert_cell(p, 2, 1, "Jos\xef\xbf\xbd", 3, 4);
    done(p);
}

static void csv_refuses_overlong_and_surrogate_utf8(void **state)
{
    (void)state;
    parsed *p = parse("id\nZo\xc3\xab\n\xc0\xaf\n\xed\xa0\x80\n\xf4\x90\x80\x80\n");
    assert_int_equal(p->d.n_errors, 1);
    assert_non_null(strstr(p->d.items[0].message, "(9 such in the file"));
    assert_int_equal(p->d.items[0].line, 3);
    done(p);
}

static void csv_reports_stray_quote_position(void **state)
{
    (void)state;
    parsed *p = parse("id,name\nm1,Eve \"Evie\" Fox\n");
    assert_int_equal(p->err, MAPA_EFORMAT);
    assert_int_equal(p->d.n_errors, 1);
    assert_int_equal(p->d.items[0].line, 2);
    assert_int_equal(p->d.items[0].col, 8);
    assert_int_equal(p->t.n_rows, 0);
    done(p);
}

static void csv_reports_unclosed_quote_where_it_opens(void **state)
{
    (void)state;
    parsed *p = parse("id,name\nm1,Ann\nm2,\"Bob\nm3,Cat\n");
    assert_int_equal(p->err, MAPA_EFORMAT);
    assert_int_equal(p->d.items[0].line, 3);
    assert_int_equal(p->d.items[0].col, 4);
    assert_non_null(strstr(p->d.items[0].message, "never closed"));
    done(p);
}

static void csv_refuses_empty_and_bom_only(void **state)
{
    (void)state;
    const char *inputs[] = {"", "\xEF\xBB\xBF", "\n\n\r\n", " , ,\n"};
    for (size_t i = 0; i < 4; i++) {
        parsed *p = parse(inputs[i]);
        assert_int_equal(p->err, MAPA_EFORMAT);
        assert_int_equal(p->d.n_errors, 1);
        assert_non_null(strstr(p->d.items[0].message, "the file has no header row"));
        assert_non_null(strstr(p->d.items[0].message, "(id, name)"));
        done(p);
    }
}

/* Only empty fields, quoted or not: no row survives, so there is no header (was a crash). */
static void csv_refuses_files_of_empty_quoted_fields(void **state)
{
    (void)state;
    const char *inputs[] = {"\"\"",
                            "\" \"",
                            ",\"\",",
                            "\"\",\"\"\n\"\",\"\"\n",
                            "\xEF\xBB\xBF\"\"",
                            "\n\n\" \t \"\r\n",
                            "\"\"\"\"x",
                            "\"\n\""};
    for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
        parsed *p = parse(inputs[i]);
        if (i == 6) {                               /* a quoted quote is text: a header row */
            assert_int_equal(p->err, MAPA_EFORMAT); /* ""x: text after the closing quote */
            done(p);
            continue;
        }
        if (i == 7) { /* a line break is not blank: a header of one column */
            assert_int_equal(p->err, MAPA_OK);
            assert_int_equal(p->t.n_rows, 1);
            assert_int_equal(p->t.n_breaks, 1);
            done(p);
            continue;
        }
        assert_int_equal(p->err, MAPA_EFORMAT);
        assert_int_equal(p->d.n_errors, 1);
        assert_int_equal(p->d.items[0].line, 1);
        assert_int_equal(p->d.items[0].col, 1);
        assert_non_null(strstr(p->d.items[0].message, "the file has no header row"));
        assert_int_equal(p->t.n_rows, 0);
        done(p);
    }
}

/* Each control character at its own line and column; the table is still returned. */
static void csv_reports_control_characters_where_they_are(void **state)
{
    (void)state;
    parsed *p = parse("id,name\nm1,\"Ann\x1b[2J\"\r\nm2,Z\xC3\xABo\x07\x08\x7f\n"
                      "m3,\xC2\x9B\xEF\xBF\xBF\xEF\xBF\xBDok\n");
    assert_int_equal(p->err, MAPA_OK);
    static const struct {
        size_t line, col;
        const char *code;
    } want[] = {{2, 8, "U+001B"}, {3, 7, "U+0007"}, {3, 8, "U+0008"},
                {3, 9, "U+007F"}, {4, 4, "U+009B"}, {4, 5, "U+FFFF"}};
    assert_int_equal(p->d.n_errors, 6); /* U+FFFD, the replacement character, is text */
    for (size_t k = 0; k < 6; k++) {
        assert_int_equal(p->d.items[k].line, want[k].line);
        assert_int_equal(p->d.items[k].col, want[k].col);
        assert_non_null(strstr(p->d.items[k].message, want[k].code));
    }
    assert_cell(p, 2, 1, "Z\xC3\xABo\x07\x08\x7f", 3, 4);
    done(p);
}

/* Tabs and line breaks inside fields are noted at their character, past quotes and "". */
static void csv_notes_tabs_and_line_breaks_inside_fields(void **state)
{
    (void)state;
    parsed *p = parse("id,name\nm1,\"Ann\nArcher\"\nm2,  \" a\"\"b\tc\"\r\nm3,x\ty,\" \t\"\n");
    assert_int_equal(p->err, MAPA_OK);
    assert_int_equal(p->t.n_breaks, 3); /* the tab inside quotes at an edge is trimmed */
    const mapa__csv_break *b = p->t.breaks;
    assert_true(b[0].what == '\n' && b[0].line == 2 && b[0].col == 8);
    assert_true(b[1].what == '\t' && b[1].line == 4 && b[1].col == 12);
    assert_true(b[2].what == '\t' && b[2].line == 5 && b[2].col == 5);
    assert_int_equal(b[0].cell, p->t.rows[1].first + 1);
    assert_int_equal(b[2].cell, p->t.rows[3].first + 1);
    done(p);
}

/* Cells a spreadsheet would evaluate are written after an apostrophe, and read back as they were.
 */
static void csv_put_neutralises_formulas_and_round_trips(void **state)
{
    (void)state;
    static const char *const texts[] = {"=SUM(A1)",   "+1",      "-2+3", "@cmd",
                                        "\tx",        "'quoted", "''",   "plain",
                                        "a \"q\", b", "",        "=",    "Zo\xC3\xAB"};
    enum { N = sizeof texts / sizeof *texts };
    FILE *fp = tmpfile();
    assert_non_null(fp);
    for (size_t k = 0; k < N; k++)
        mapa__csv_put(fp, texts[k], k + 1 == N);
    static char data[4096];
    rewind(fp);
    size_t size = fread(data, 1, sizeof data, fp);
    fclose(fp);
    assert_memory_equal(data, "\"'=SUM(A1)\",\"'+1\",\"'-2+3\",\"'@cmd\"", 30);
    parsed *p = parse_n(data, size);
    assert_int_equal(p->err, MAPA_OK);
    assert_int_equal(p->t.n_rows, 1);
    assert_int_equal(p->t.rows[0].n_cells, N);
    for (size_t k = 0; k < N; k++) {
        const char *back = mapa__csv_unformula(mapa__csv_text(&p->t, cell(p, 0, k)));
        assert_string_equal(back, texts[k]); /* the apostrophe also keeps a leading tab */
    }
    done(p);
}

static void csv_refuses_nul_byte_with_position(void **state)
{
    (void)state;
    const char data[] = "id,name\nm1,An\0n\n";
    parsed *p = parse_n(data, sizeof data - 1);
    assert_int_equal(p->err, MAPA_EFORMAT);
    assert_int_equal(p->d.items[0].line, 2);
    assert_int_equal(p->d.items[0].col, 6);
    assert_non_null(strstr(p->d.items[0].message, "NUL byte"));
    done(p);
}

static void csv_refuses_utf16(void **state)
{
    (void)state;
    const char data[] = "\xFF\xFEi\0d\0\n\0";
    parsed *p = parse_n(data, sizeof data - 1);
    assert_int_equal(p->err, MAPA_OK); /* read through iconv, with one warning */
    assert_int_equal(p->d.n_warnings, 1);
    assert_non_null(strstr(p->d.items[0].message, "UTF-16 little-endian"));
    assert_cell(p, 0, 0, "id", 1, 1);
    done(p);
}

static void csv_reads_a_one_megabyte_field(void **state)
{
    (void)state;
    size_t n = 1 << 20;
    char *data = malloc(n + 64);
    assert_non_null(data);
    strcpy(data, "id,description\nm1,\"");
    size_t at = strlen(data);
    for (size_t i = 0; i < n; i++)
        data[at + i] = (char)('a' + i % 26);
    strcpy(data + at + n, "\",\nm2,short\n");
    parsed *p = parse(data);
    assert_int_equal(p->err, MAPA_OK);
    assert_int_equal(cell(p, 1, 1)->len, n);
    assert_cell(p, 2, 1, "short", 3, 4);
    done(p);
    free(data);
}

/* Random bytes biased to CSV's special characters: never a crash, always a clear result. */
static void csv_survives_random_bytes(void **state)
{
    (void)state;
    const char special[] = ",\"\r\n \t\xEF\xBB\xBF\xC3\xA9\xFF\0a1";
    uint64_t x = 88172645463325252ULL;
    char buf[512];
    for (int round = 0; round < 3000; round++) {
        size_t n = (size_t)(round % 500);
        for (size_t i = 0; i < n; i++) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            buf[i] = (x >> 8) % 4 ? special[(x >> 16) % (sizeof special - 1)] : (char)(x >> 24);
        }
        parsed *p = parse_n(buf, n);
        assert_true(p->err == MAPA_OK || p->err == MAPA_EFORMAT);
        if (p->err == MAPA_EFORMAT)
            assert_true(p->d.n_errors > 0);
        for (size_t i = 0; i < p->t.n_cells; i++) {
            assert_true(p->t.cells[i].line >= 1);
            assert_true(p->t.cells[i].col >= 1);
        }
        done(p);
    }
}

static void csv_survives_every_truncation(void **state)
{
    (void)state;
    const char *full = "id,name,agency\r\nm1,\"Archer, \"\"Ann\"\"\",police\r\nm2,Zoë,ngo\r\n";
    for (size_t n = 0; n <= strlen(full); n++) {
        parsed *p = parse_n(full, n);
        assert_true(p->err == MAPA_OK || p->err == MAPA_EFORMAT);
        assert_true(p->err != MAPA_OK || p->t.n_rows > 0); /* readers use row 0 */
        done(p);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(csv_reads_cells_with_positions),
        cmocka_unit_test(csv_handles_quotes_commas_and_newlines),
        cmocka_unit_test(csv_skips_bom_and_blank_rows),
        cmocka_unit_test(csv_counts_columns_in_characters),
        cmocka_unit_test(csv_handles_old_mac_line_ends),
        cmocka_unit_test(csv_reports_invalid_utf8_at_the_byte),
        cmocka_unit_test(csv_refuses_overlong_and_surrogate_utf8),
        cmocka_unit_test(csv_reports_stray_quote_position),
        cmocka_unit_test(csv_reports_unclosed_quote_where_it_opens),
        cmocka_unit_test(csv_refuses_empty_and_bom_only),
        cmocka_unit_test(csv_refuses_files_of_empty_quoted_fields),
        cmocka_unit_test(csv_reports_control_characters_where_they_are),
        cmocka_unit_test(csv_notes_tabs_and_line_breaks_inside_fields),
        cmocka_unit_test(csv_put_neutralises_formulas_and_round_trips),
        cmocka_unit_test(csv_refuses_nul_byte_with_position),
        cmocka_unit_test(csv_refuses_utf16),
        cmocka_unit_test(csv_reads_a_one_megabyte_field),
        cmocka_unit_test(csv_survives_random_bytes),
        cmocka_unit_test(csv_survives_every_truncation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
