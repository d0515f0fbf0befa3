/* Named columns, flags and counts read from CSV cells, each problem reported at its cell. */
#include "io/csv_fields.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <mapa/date.h>
#include <mapa/partnership.h>

#include "io/readers.h"
#include "models/util.h"

#define MAX_COUNT 1000000000ULL
/* The years mapa_date_parse accepts (include/mapa/date.h), for the message. */
#define DATE_MIN_YEAR 1900
#define DATE_MAX_YEAR 2999

void mapa__csv_header_name(const mapa__csv_table *t, size_t col, char *buf, size_t cap)
{
    const mapa__csv_row *h = &t->rows[0];
    const char *s = col < h->n_cells ? mapa__csv_text(t, &t->cells[h->first + col]) : "";
    size_t n = 0;
    for (; *s && n + 1 < cap; s++) {
        unsigned char c = (unsigned char)*s;
        buf[n++] = (c == ' ' || c == '-') ? '_' : (char)tolower(c);
    }
    if (*s) /* cut: not inside a UTF-8 character */
        while (n > 0 && ((unsigned char)buf[n] & 0xC0) == 0x80)
            n--;
    buf[n] = '\0';
}

bool mapa__csv_row_too_wide(const mapa__csv_table *t, size_t row)
{
    const mapa__csv_row *r = &t->rows[row];
    for (size_t c = t->rows[0].n_cells; c < r->n_cells; c++)
        if (t->cells[r->first + c].len)
            return true;
    return false;
}

static void check_widths(const mapa__csv_table *t, mapa_diags *d)
{
    size_t width = t->rows[0].n_cells;
    for (size_t r = 1; r < t->n_rows; r++) {
        const mapa__csv_row *row = &t->rows[r];
        if (!mapa__csv_row_too_wide(t, r))
            continue;
        const mapa__csv_cell *cell = &t->cells[row->first + width];
        mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, cell->line, cell->col,
                       "this row has %zu fields but the header names %zu columns: is there an "
                       "unquoted comma? Put such a field in double quotes",
                       row->n_cells, width);
    }
}

/* Match header cells to `cols`; duplicates are errors. Returns whether any matched. */
static bool match_columns(const mapa__csv_table *t, mapa__column *cols, size_t n_cols,
                          mapa_diags *d)
{
    const mapa__csv_row *h = &t->rows[0];
    char name[128];
    bool any = false;
    for (size_t k = 0; k < n_cols; k++)
        cols[k].index = MAPA_NONE;
    for (size_t c = 0; c < h->n_cells; c++) {
        const mapa__csv_cell *cell = &t->cells[h->first + c];
        mapa__csv_header_name(t, c, name, sizeof name);
        for (size_t k = 0; k < n_cols; k++) {
            if (strcmp(name, cols[k].name) != 0)
                continue;
            if (cols[k].index != MAPA_NONE)
                mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, cell->line, cell->col,
                               "column '%s' appears twice in the header (first as field %zu, "
                               "at column %u); keep one",
                               name, cols[k].index + 1, t->cells[h->first + cols[k].index].col);
            else
                cols[k].index = c;
            any = true;
        }
    }
    return any;
}

static void warn_unknown_columns(const mapa__csv_table *t, const mapa__column *cols, size_t n_cols,
                                 mapa__column_filter known, void *payload, mapa_diags *d)
{
    const mapa__csv_row *h = &t->rows[0];
    char name[128];
    for (size_t c = 0; c < h->n_cells; c++) {
        const mapa__csv_cell *cell = &t->cells[h->first + c];
        mapa__csv_header_name(t, c, name, sizeof name);
        bool found = false;
        for (size_t k = 0; k < n_cols && !found; k++)
            found = strcmp(name, cols[k].name) == 0;
        if (!name[0])
            mapa_diags_add(d, MAPA_DIAG_WARNING, t->file, cell->line, cell->col,
                           "column %zu has no name in the header; it is ignored", c + 1);
        else if (!found && !(known && known(name, payload)))
            mapa_diags_add(d, MAPA_DIAG_WARNING, t->file, cell->line, cell->col,
                           "unknown column '%s' is ignored", name);
    }
}

/* The column of `cols` at header position c, or NULL. */
static const mapa__column *known_column(const mapa__column *cols, size_t n_cols, size_t c)
{
    for (size_t k = 0; k < n_cols; k++)
        if (cols[k].index == c)
            return &cols[k];
    return NULL;
}

/* Tabs and line breaks in the header or a one-line field, each at its character. */
static void check_breaks(const mapa__csv_table *t, const mapa__column *cols, size_t n_cols,
                         mapa_diags *d)
{
    size_t row = 0;
    for (size_t b = 0; b < t->n_breaks; b++) {
        const mapa__csv_break *x = &t->breaks[b];
        while (row + 1 < t->n_rows && t->rows[row + 1].first <= x->cell)
            row++;
        const mapa__csv_row *r = &t->rows[row];
        if (x->cell < r->first || x->cell >= r->first + r->n_cells)
            continue;
        const mapa__column *col = known_column(cols, n_cols, x->cell - r->first);
        if (row > 0 && (!col || col->multiline))
            continue; /* an ignored column, or free text */
        bool tab = x->what == '\t';
        if (row == 0)
            mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, x->line, x->col,
                           "a %s inside a column name: write each name on one line",
                           tab ? "tab" : "line break");
        else
            mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, x->line, x->col,
                           "a %s in column '%s': it must be one line of text without tabs; %s",
                           tab ? "tab" : "line break", col->name,
                           tab ? "replace the tab with a space" : "join the lines");
    }
}

bool mapa__csv_columns(const mapa__csv_table *t, mapa__column *cols, size_t n_cols,
                       mapa__column_filter known, void *payload, mapa_diags *d)
{
    if (t->n_rows == 0) { /* mapa__csv_read never returns such a table; a caller's own */
        mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, 1, 1, "the file has no header row");
        return false;
    }
    const mapa__csv_row *h = &t->rows[0];
    if (!match_columns(t, cols, n_cols, d)) {
        /* not one known column: the first row is no header; say so once */
        char expected[256] = "";
        for (size_t k = 0; k < n_cols; k++)
            if (cols[k].required && strlen(expected) + strlen(cols[k].name) + 3 < sizeof expected)
                strcat(strcat(expected, expected[0] ? ", " : ""), cols[k].name);
        mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, h->line, 1,
                       "the first row is not a header naming mapa's columns (%s, ...): is this "
                       "the right file, exported as CSV?",
                       expected);
        return false;
    }
    warn_unknown_columns(t, cols, n_cols, known, payload, d);
    bool ok = true;
    for (size_t k = 0; k < n_cols; k++) {
        if (cols[k].required && cols[k].index == MAPA_NONE) {
            mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, h->line, 1,
                           "missing required column '%s' in the header row", cols[k].name);
            ok = false;
        }
    }
    check_widths(t, d);
    check_breaks(t, cols, n_cols, d);
    return ok;
}

const mapa__csv_cell *mapa__csv_cell_at(const mapa__csv_table *t, size_t row, size_t col,
                                        mapa__csv_cell *scratch)
{
    const mapa__csv_row *r = &t->rows[row];
    if (col != MAPA_NONE && col < r->n_cells)
        return &t->cells[r->first + col];
    /* an absent value: empty text, pointing at the row's first field */
    const mapa__csv_cell *first = &t->cells[r->first];
    *scratch = (mapa__csv_cell){first->off + first->len, 0, first->line, first->col};
    return scratch;
}

bool mapa__field_flag(bool *out, const mapa__csv_table *t, const mapa__csv_cell *c,
                      const char *column, mapa_diags *d)
{
    static const char *const yes[] = {"yes", "y", "true", "1"};
    static const char *const no[] = {"no", "n", "false", "0"};
    const char *s = mapa__csv_text(t, c);
    if (!*s)
        return true;
    for (size_t i = 0; i < 4; i++) {
        if (mapa__streq_nocase(s, yes[i])) {
            *out = true;
            return true;
        }
        if (mapa__streq_nocase(s, no[i])) {
            *out = false;
            return true;
        }
    }
    mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, c->line, c->col,
                   "%s '%s' is not yes or no (write yes/no, true/false or 1/0)", column, s);
    return false;
}

bool mapa__field_count(size_t *out, const mapa__csv_table *t, const mapa__csv_cell *c,
                       const char *column, bool allow_unlimited, mapa_diags *d)
{
    const char *s = mapa__csv_text(t, c);
    if (!*s)
        return true;
    if (allow_unlimited && mapa__streq_nocase(s, "unlimited")) {
        *out = MAPA_UNLIMITED;
        return true;
    }
    const char *p = s;
    bool negative = *p == '-';
    if (negative) /* "+1" is not written by people counting; refused as not a whole number */
        p++;
    bool digits = isdigit((unsigned char)*p);
    errno = 0;
    char *end = NULL;
    unsigned long long v = digits ? strtoull(p, &end, 10) : 0;
    if (!digits || *end != '\0') {
        mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, c->line, c->col,
                       "%s '%s' is not a whole number%s", column, s,
                       allow_unlimited ? " (or 'unlimited')" : "");
        return false;
    }
    if (negative && v != 0) {
        mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, c->line, c->col,
                       "%s is negative (%s): it must be 0 or more", column, s);
        return false;
    }
    if (errno == ERANGE || v > MAX_COUNT) {
        mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, c->line, c->col,
                       "%s '%s' is too large (at most %llu)", column, s, MAX_COUNT);
        return false;
    }
    *out = (size_t)v;
    return true;
}

size_t mapa__csv_find_column(const mapa__csv_table *t, const char *name)
{
    char buf[128];
    for (size_t c = 0; c < t->rows[0].n_cells; c++) {
        mapa__csv_header_name(t, c, buf, sizeof buf);
        if (strcmp(buf, name) == 0)
            return c;
    }
    return MAPA_NONE;
}

bool mapa__parse_decimal(const char *s, double *out)
{
    const char *p = s;
    if (*p == '-')
        p++;
    size_t digits = 0;
    while (isdigit((unsigned char)*p)) {
        p++;
        digits++;
    }
    if (*p == '.') {
        p++;
        while (isdigit((unsigned char)*p)) {
            p++;
            digits++;
        }
    }
    if (digits == 0)
        return false;
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '-' || *p == '+')
            p++;
        if (!isdigit((unsigned char)*p))
            return false;
        while (isdigit((unsigned char)*p))
            p++;
    }
    if (*p != '\0')
        return false;
    errno = 0;
    double v = strtod(s, NULL); /* the text is plain decimal now: strtod's reading is exact */
    if (errno == ERANGE && (v > 1 || v < -1))
        return false;
    *out = v;
    return true;
}

bool mapa__field_date(int32_t *out, const mapa__csv_table *t, const mapa__csv_cell *c,
                      const char *column, mapa_diags *d)
{
    const char *s = mapa__csv_text(t, c);
    if (!*s)
        return true;
    if (mapa_date_parse(s, out))
        return true;
    bool shaped = c->len == 10 && s[4] == '-' && s[7] == '-';
    for (size_t k = 0; shaped && k < 10; k++)
        shaped = k == 4 || k == 7 || isdigit((unsigned char)s[k]);
    int year = shaped ? atoi(s) : 0;
    if (shaped && (year < DATE_MIN_YEAR || year > DATE_MAX_YEAR))
        mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, c->line, c->col,
                       "%s '%s' is outside the years mapa plans for (%d to %d)", column, s,
                       DATE_MIN_YEAR, DATE_MAX_YEAR);
    else
        mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, c->line, c->col,
                       "%s '%s' is not a date: write it as YYYY-MM-DD, e.g. 2026-09-01", column, s);
    return false;
}

/* A header as settings.json `columns` writes it, normalised as the header's names are. */
static void normalise_header(const char *s, char *buf, size_t cap)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = 0;
    for (; *s && n + 1 < cap; s++) {
        unsigned char c = (unsigned char)*s;
        buf[n++] = (c == ' ' || c == '-') ? '_' : (char)tolower(c);
    }
    while (*s && n > 0 && ((unsigned char)*s & 0xC0) == 0x80) { /* cut between characters */
        n--;
        s--;
    }
    while (n > 0 && buf[n - 1] == '_')
        n--;
    buf[n] = '\0';
}

mapa_err mapa__csv_map_columns(mapa__csv_table *t, const mapa_settings *s, const char *file,
                               mapa_diags *d)
{
    (void)d;
    if (t->n_rows == 0)
        return MAPA_OK;
    char want[128];
    for (size_t i = 0; i < s->n_columns; i++) {
        const mapa_column_name *e = &s->columns[i];
        if (strcmp(e->file, file) != 0)
            continue;
        normalise_header(e->header, want, sizeof want);
        size_t at = mapa__csv_find_column(t, want);
        if (at == MAPA_NONE)
            continue; /* a file mapa wrote has mapa's names; an import-only column ("timestamp") */
        mapa_err err = mapa__csv_set_text(t, t->rows[0].first + at, e->column);
        if (err != MAPA_OK)
            return err;
    }
    return MAPA_OK;
}
