/* Header-driven access to a CSV table: named columns, flags and counts with messages. */
#ifndef MAPA_IO_CSV_FIELDS_H
#define MAPA_IO_CSV_FIELDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mapa/diag.h>

#include "io/csv_table.h"

/**
 * A column a reader knows; `index` is filled in (MAPA_NONE when absent).
 * Fields are one line without tabs unless `multiline` (free text such as a
 * description, where a quoted field may hold line breaks and tabs).
 */
typedef struct mapa__column {
    const char *name;
    bool required;
    size_t index;
    bool multiline;
} mapa__column;

/** Say whether a normalised header name is known beyond the fixed columns. */
typedef bool (*mapa__column_filter)(const char *name, void *payload);

/**
 * Find `cols` in the header (row 0). Names compare after normalising: trimmed,
 * lower case, spaces and hyphens as underscores. Reports missing required
 * columns (errors), duplicate columns (errors) and unknown columns (warnings,
 * unless `known` accepts them). Also reports rows with more fields than the
 * header, and tabs and line breaks inside the header or a one-line column.
 * Returns false when a required column is missing.
 */
bool mapa__csv_columns(const mapa__csv_table *t, mapa__column *cols, size_t n_cols,
                       mapa__column_filter known, void *payload, mapa_diags *d);

/** The normalised name of header cell `col` into `buf` (truncated to `cap`). */
void mapa__csv_header_name(const mapa__csv_table *t, size_t col, char *buf, size_t cap);

/**
 * The cell of data row `row` in column `col`; a shared empty cell placed at the
 * row's start when the row is shorter or the column is absent (MAPA_NONE).
 */
const mapa__csv_cell *mapa__csv_cell_at(const mapa__csv_table *t, size_t row, size_t col,
                                        mapa__csv_cell *scratch);

/** Parse a yes/no flag (yes/no/true/false/y/n/1/0); an empty cell keeps `*out`. */
bool mapa__field_flag(bool *out, const mapa__csv_table *t, const mapa__csv_cell *c,
                      const char *column, mapa_diags *d);

/**
 * Parse a count (a whole number from 0 to 10^9); an empty cell keeps `*out`;
 * "unlimited" gives MAPA_UNLIMITED when `allow_unlimited`.
 */
bool mapa__field_count(size_t *out, const mapa__csv_table *t, const mapa__csv_cell *c,
                       const char *column, bool allow_unlimited, mapa_diags *d);

/**
 * Parse a decimal number, strictly: an optional minus, digits, an optional
 * fraction and exponent; no hexadecimal, no leading plus, no "inf" or "nan",
 * nothing before or after. Returns false when `s` is not one or overflows.
 */
bool mapa__parse_decimal(const char *s, double *out);

/**
 * Parse a date (YYYY-MM-DD, years 1900 to 2999) into a day number; an empty
 * cell keeps `*out`. A well-formed date outside those years is reported as such.
 */
bool mapa__field_date(int32_t *out, const mapa__csv_table *t, const mapa__csv_cell *c,
                      const char *column, mapa_diags *d);

/** Whether data row `row` has non-empty fields beyond the header's columns. */
bool mapa__csv_row_too_wide(const mapa__csv_table *t, size_t row);

/** The index of the header column named `name` (normalised), or MAPA_NONE. */
size_t mapa__csv_find_column(const mapa__csv_table *t, const char *name);

#endif
