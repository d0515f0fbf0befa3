/* A CSV file read whole into rows of cells, each cell with its line and column. */
#ifndef MAPA_IO_CSV_TABLE_H
#define MAPA_IO_CSV_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <mapa/diag.h>
#include <mapa/error.h>

/** Files above this size are refused (a partnership's CSV is far smaller). */
#define MAPA_CSV_MAX_BYTES ((size_t)1 << 30)

typedef struct mapa__csv_cell {
    uint32_t off; /* into text: NUL-terminated, trimmed, unquoted */
    uint32_t len;
    uint32_t line; /* 1-based position of the field's first character */
    uint32_t col;
} mapa__csv_cell;

typedef struct mapa__csv_row {
    size_t first; /* index of its first cell */
    size_t n_cells;
    size_t line;
} mapa__csv_row;

/** Where a cell's text holds a tab or a line break (rare: kept apart from the cells). */
typedef struct mapa__csv_break {
    size_t cell;        /* index into cells */
    uint32_t line, col; /* of the first tab or line break inside the text */
    char what;          /* '\t', '\n' or '\r' */
} mapa__csv_break;

/** Row 0 is the header; blank rows are dropped. */
typedef struct mapa__csv_table {
    char *file; /* the path as shown in messages */
    char *text;
    size_t text_len, text_cap;
    mapa__csv_cell *cells;
    size_t n_cells, cap_cells;
    mapa__csv_row *rows;
    size_t n_rows, cap_rows;
    mapa__csv_break *breaks; /* in cell order */
    size_t n_breaks, cap_breaks;
    int encoding;   /* the mapa__encoding the file was read in (io/encoding.h) */
    char delimiter; /* ',' or '\t' (a tab-separated file: tabs and no comma in its first line) */
} mapa__csv_table;

#define MAPA__CSV_TABLE_INIT                                                                       \
    {                                                                                              \
        NULL, NULL, 0, 0, NULL, 0, 0, NULL, 0, 0, NULL, 0, 0, 0, 0                                  \
    }

/**
 * Read the CSV file at `path` (RFC 4180; CRLF or LF), decoded by mapa__decode
 * (UTF-8 with or without BOM, UTF-16 with BOM, Windows-1252; io/encoding.h).
 * Problems go to `diags` under the name `shown`; `header_hint` lists the
 * expected columns for the message on an empty file.
 * Returns MAPA_ENOTFOUND if the file does not exist, MAPA_EIO if it cannot be
 * read, MAPA_EFORMAT if it is not a readable CSV file or has no header row
 * (every row blank); the table is then empty, so a returned table always has
 * row 0. Bytes that are no character (once per file) and control characters (C0 but tab and line ends, DEL,
 * C1, U+FFFE, U+FFFF) are reported at their line and column, but the table is
 * still returned; tabs and line breaks inside a field are noted in `breaks`
 * for the readers to refuse where a field is one line.
 */
mapa_err mapa__csv_read(mapa__csv_table *out, const char *path, const char *shown,
                        const char *header_hint, mapa_diags *diags);

/** Parse CSV from memory; same contract as mapa__csv_read. */
mapa_err mapa__csv_parse(mapa__csv_table *out, const char *data, size_t size, const char *shown,
                         const char *header_hint, mapa_diags *diags);

/** The text of a cell (borrowed from the table). */
static inline const char *mapa__csv_text(const mapa__csv_table *t, const mapa__csv_cell *c)
{
    return t->text + c->off;
}

void mapa__csv_table_dispose(mapa__csv_table *t);

/**
 * Drop the apostrophe mapa__csv_put puts before a text a spreadsheet would
 * evaluate (= + - @ tab CR) or that starts with an apostrophe, in every cell:
 * a partnership file mapa wrote (`mapa import`) reads back as it was, and a
 * spreadsheet treats that apostrophe as a text mark, not as part of the text.
 */
void mapa__csv_drop_text_marks(mapa__csv_table *t);

/** Replace the text of cell `cell` (copied; its position stays). MAPA_ENOMEM or MAPA_OK. */
mapa_err mapa__csv_set_text(mapa__csv_table *t, size_t cell, const char *text);

/**
 * Write text `s` as one quoted CSV field, then ',' or (when `last`) a line
 * end. A text a spreadsheet would take for a formula (starting with = + - @,
 * a tab or a carriage return), or starting with an apostrophe, is written
 * after an apostrophe, which spreadsheets hide and mapa__csv_unformula drops.
 */
void mapa__csv_put(FILE *fp, const char *s, bool last);

/** Whether the text `s` would be evaluated by a spreadsheet (or starts with an apostrophe). */
bool mapa__csv_needs_guard(const char *s);

/**
 * Start a CSV output: the UTF-8 byte-order mark when mapa_csv_excel(true) was
 * called, then the header line `header` (which ends in a line end).
 */
void mapa__csv_begin(FILE *fp, const char *header);

/** A cell mapa wrote with mapa__csv_put, as it was before (borrowed from `s`). */
const char *mapa__csv_unformula(const char *s);

#endif
