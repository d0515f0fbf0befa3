/*
 * Reads a CSV file with libcsv, keeping the line and column of every field so
 * that every later message can point at it. libcsv reports a field only when
 * its delimiter or line end is fed, so the input is fed in pieces that end at
 * those bytes; the start of the field being read is tracked alongside.
 */
#include "io/csv_table.h"

#include <csv.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mapa/output.h>

#include "io/encoding.h"
#include "models/util.h"

typedef struct parse_ctx {
    mapa__csv_table *t;
    const unsigned char *buf;
    size_t size;
    size_t start_off; /* byte offset where the current field starts */
    uint32_t start_line, start_col;
    bool row_open; /* a field of the current row has been seen */
    size_t row_first;
    size_t row_line;
    size_t fields_seen;
    bool out_of_memory;
    unsigned char delim; /* ',' or, for a tab-separated file, '\t' */
} parse_ctx;

static bool push_text(mapa__csv_table *t, const char *s, size_t len, uint32_t *off)
{
    void *text = t->text;
    if (!mapa__grow(&text, &t->text_cap, t->text_len + len + 1, 1))
        return false;
    t->text = text;
    *off = (uint32_t)t->text_len;
    if (len)
        memcpy(t->text + t->text_len, s, len);
    t->text[t->text_len + len] = '\0';
    t->text_len += len + 1;
    return true;
}

/* libcsv trims spaces and tabs outside quotes; trim inside quotes too. */
static void trim(const char **s, size_t *len)
{
    while (*len && (**s == ' ' || **s == '\t')) {
        (*s)++;
        (*len)--;
    }
    while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
        (*len)--;
}

/* Where the raw bytes advance the position: line ends, and one column per character. */
static void advance(const unsigned char *buf, size_t size, size_t i, uint32_t *line, uint32_t *col)
{
    unsigned char c = buf[i];
    if (c == '\n' || (c == '\r' && (i + 1 >= size || buf[i + 1] != '\n'))) {
        (*line)++;
        *col = 1;
    } else if (c != '\r' && (c & 0xC0) != 0x80) {
        (*col)++;
    }
}

/*
 * The field that starts at ctx->start_off holds a tab or line break in its
 * text, which is `len` bytes from byte `lead` of libcsv's unquoted field:
 * walk the raw bytes (quotes, doubled quotes) to the exact line and column.
 */
static void note_break(parse_ctx *ctx, size_t lead, size_t len)
{
    mapa__csv_table *t = ctx->t;
    const unsigned char *buf = ctx->buf;
    size_t r = ctx->start_off, size = ctx->size;
    uint32_t line = ctx->start_line, col = ctx->start_col;
    while (r < size && (buf[r] == ' ' || buf[r] == '\t'))
        advance(buf, size, r++, &line, &col);
    bool quoted = r < size && buf[r] == '"';
    if (quoted)
        advance(buf, size, r++, &line, &col);
    for (size_t i = 0; r < size && i < lead + len; i++) {
        unsigned char c = buf[r];
        if (i >= lead && (c == '\t' || c == '\n' || c == '\r')) {
            void *breaks = t->breaks;
            if (!mapa__grow(&breaks, &t->cap_breaks, t->n_breaks + 1, sizeof *t->breaks)) {
                ctx->out_of_memory = true;
                return;
            }
            t->breaks = breaks;
            t->breaks[t->n_breaks++] = (mapa__csv_break){t->n_cells - 1, line, col, (char)c};
            return;
        }
        size_t step = quoted && c == '"' ? 2 : 1; /* "" stands for one quote */
        for (size_t k = 0; k < step && r < size; k++)
            advance(buf, size, r++, &line, &col);
    }
}

static void on_field(void *s, size_t len, void *data)
{
    parse_ctx *ctx = data;
    mapa__csv_table *t = ctx->t;
    ctx->fields_seen++;
    if (ctx->out_of_memory)
        return;
    const char *text = s ? s : "";
    const char *untrimmed = text;
    trim(&text, &len);
    void *cells = t->cells;
    mapa__csv_cell cell = {0, (uint32_t)len, ctx->start_line, ctx->start_col};
    if (!mapa__grow(&cells, &t->cap_cells, t->n_cells + 1, sizeof *t->cells) ||
        !push_text(t, text, len, &cell.off)) {
        t->cells = cells;
        ctx->out_of_memory = true;
        return;
    }
    t->cells = cells;
    t->cells[t->n_cells++] = cell;
    bool inner_break = false;
    for (size_t i = 0; i < len && !inner_break; i++)
        inner_break = text[i] == '\t' || text[i] == '\n' || text[i] == '\r';
    if (inner_break)
        note_break(ctx, (size_t)(text - untrimmed), len);
    if (!ctx->row_open) {
        ctx->row_open = true;
        ctx->row_first = t->n_cells - 1;
        ctx->row_line = ctx->start_line;
    }
}

static void on_row(int c, void *data)
{
    (void)c;
    parse_ctx *ctx = data;
    mapa__csv_table *t = ctx->t;
    if (!ctx->row_open || ctx->out_of_memory) {
        ctx->row_open = false;
        return;
    }
    ctx->row_open = false;
    bool blank = true;
    for (size_t i = ctx->row_first; i < t->n_cells && blank; i++)
        blank = t->cells[i].len == 0;
    if (blank) { /* spreadsheets export empty rows as ",,,," */
        t->n_cells = ctx->row_first;
        return;
    }
    void *rows = t->rows;
    if (!mapa__grow(&rows, &t->cap_rows, t->n_rows + 1, sizeof *t->rows)) {
        ctx->out_of_memory = true;
        return;
    }
    t->rows = rows;
    t->rows[t->n_rows++] =
        (mapa__csv_row){ctx->row_first, t->n_cells - ctx->row_first, ctx->row_line};
}

/* Line and column (in characters) of byte `off`, counting from `from`. */
static void position_of(const unsigned char *buf, size_t size, size_t from, size_t off,
                        size_t *line, size_t *col)
{
    *line = 1;
    *col = 1;
    for (size_t i = from; i < off; i++) {
        bool crlf = buf[i] == '\r' && i + 1 < size && buf[i + 1] == '\n';
        if (buf[i] == '\n' || (buf[i] == '\r' && !crlf)) {
            (*line)++;
            *col = 1;
        } else if (buf[i] != '\r' && (buf[i] & 0xC0) != 0x80) {
            (*col)++;
        }
    }
}

/* Refuse what is plainly not CSV text, before parsing. */
static bool looks_like_text(const unsigned char *buf, size_t size, size_t skip, const char *file,
                            mapa_diags *d)
{
    size_t first = skip;
    while (first < size &&
           (buf[first] == ' ' || buf[first] == '\t' || buf[first] == '\r' || buf[first] == '\n'))
        first++;
    if (first < size && (buf[first] == '{' || buf[first] == '[' || buf[first] == '<')) {
        size_t line, col;
        position_of(buf, size, skip, first, &line, &col);
        mapa_diags_add(d, MAPA_DIAG_ERROR, file, line, col,
                       "this is not a CSV file (it looks like %s); export the sheet as "
                       "\"CSV UTF-8\" with a header row",
                       buf[first] == '<' ? "HTML or XML" : "JSON");
        return false;
    }
    const unsigned char *nul = memchr(buf + skip, '\0', size - skip);
    if (nul) {
        size_t line, col;
        position_of(buf, size, skip, (size_t)(nul - buf), &line, &col);
        bool zip = size >= 4 && memcmp(buf, "PK\x03\x04", 4) == 0;
        mapa_diags_add(d, MAPA_DIAG_ERROR, file, line, col,
                       "a NUL byte: this is a binary file, not CSV text%s; export the sheet "
                       "as \"CSV UTF-8\"",
                       zip ? " (it looks like an .xlsx workbook)" : "");
        return false;
    }
    return true;
}

/* A name for the control characters people meet, for the message. */
static const char *control_name(uint32_t cp)
{
    switch (cp) {
    case 0x07: return " (bell)";
    case 0x08: return " (backspace)";
    case 0x0B: return " (vertical tab)";
    case 0x0C: return " (form feed)";
    case 0x1B: return " (escape: the start of a terminal control sequence)";
    case 0x7F: return " (delete)";
    case 0x85: return " (next line)";
    case 0x9B: return " (control sequence introducer)";
    case 0xFFFE:
    case 0xFFFF: return " (not a character)";
    }
    return "";
}

/*
 * The control character at buf[i] (C0 but tab and line ends, DEL, C1 as
 * UTF-8, and the noncharacters U+FFFE and U+FFFF, which XML refuses):
 * its code point and byte length, or 0 bytes when there is none.
 */
static size_t control_at(const unsigned char *buf, size_t size, size_t i, uint32_t *cp)
{
    unsigned char c = buf[i];
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
        *cp = c;
        return 1;
    }
    if (c == 0xC2 && i + 1 < size && buf[i + 1] >= 0x80 && buf[i + 1] <= 0x9F) {
        *cp = buf[i + 1];
        return 2;
    }
    if (c == 0xEF && i + 2 < size && buf[i + 1] == 0xBF && (buf[i + 2] & 0xFE) == 0xBE) {
        *cp = 0xFFFE | (buf[i + 2] & 1u);
        return 3;
    }
    return 0;
}

/*
 * Report every control character at its line and column: they would reach a
 * terminal as escape sequences and make SVG and XML output invalid.
 */
static void check_controls(const unsigned char *buf, size_t size, size_t skip, const char *file,
                           mapa_diags *d)
{
    uint32_t line = 1, col = 1;
    for (size_t i = skip; i < size; i++) {
        uint32_t cp;
        size_t n = control_at(buf, size, i, &cp);
        if (n) {
            mapa_diags_add(d, MAPA_DIAG_ERROR, file, line, col,
                           "control character U+%04X%s: names and text may not hold control "
                           "characters (only a tab or a line break, in a quoted text field); "
                           "remove it",
                           (unsigned)cp, control_name(cp));
            col++;
            i += n - 1;
            continue;
        }
        advance(buf, size, i, &line, &col);
    }
}

static mapa_err parse_error(const unsigned char *buf, size_t size, size_t skip, size_t off,
                            const char *file, mapa_diags *d)
{
    size_t line, col;
    position_of(buf, size, skip, off, &line, &col);
    mapa_diags_add(d, MAPA_DIAG_ERROR, file, line, col,
                   "malformed quoting: a double quote inside an unquoted field, or text after "
                   "a closing quote; put the whole field in double quotes and write a quote "
                   "inside it as \"\"");
    return MAPA_EFORMAT;
}

/* Feed `buf` to libcsv in pieces that end at delimiters and line ends. */
static mapa_err feed(struct csv_parser *p, parse_ctx *ctx, const unsigned char *buf, size_t size,
                     size_t skip, mapa_diags *d)
{
    const char *file = ctx->t->file;
    uint32_t line = 1, col = 1;
    bool need_start = true;
    size_t piece = skip;
    for (size_t i = skip; i < size; i++) {
        unsigned char c = buf[i];
        bool newline = c == '\n' || c == '\r';
        if (need_start && (!newline || ctx->row_open)) {
            ctx->start_off = i;
            ctx->start_line = line;
            ctx->start_col = col;
            need_start = false;
        }
        advance(buf, size, i, &line, &col);
        if (c != ctx->delim && !newline && i + 1 < size)
            continue;
        size_t seen = ctx->fields_seen;
        size_t len = i + 1 - piece;
        size_t done = csv_parse(p, buf + piece, len, on_field, on_row, ctx);
        if (done != len) {
            if (csv_error(p) == CSV_EPARSE)
                return parse_error(buf, size, skip, piece + done, file, d);
            return mapa_error_set(MAPA_ENOMEM, "%s: out of memory reading CSV", file);
        }
        if (ctx->out_of_memory)
            return mapa_error_set(MAPA_ENOMEM, "%s: out of memory reading CSV", file);
        piece = i + 1;
        need_start |= ctx->fields_seen != seen;
    }
    if (csv_fini(p, on_field, on_row, ctx) != 0) {
        if (csv_error(p) == CSV_EPARSE) {
            mapa_diags_add(d, MAPA_DIAG_ERROR, file, ctx->start_line, ctx->start_col,
                           "this quoted field is never closed: add the missing double quote");
            return MAPA_EFORMAT;
        }
        return mapa_error_set(MAPA_ENOMEM, "%s: out of memory reading CSV", file);
    }
    if (ctx->out_of_memory)
        return mapa_error_set(MAPA_ENOMEM, "%s: out of memory reading CSV", file);
    return MAPA_OK;
}

/*
 * The delimiter: a tab when the first line holds tabs and no comma (Excel's
 * "Unicode Text" and other tab-separated exports), else a comma.
 */
static unsigned char delimiter_of(const unsigned char *buf, size_t size)
{
    size_t tabs = 0, commas = 0;
    bool quoted = false;
    for (size_t i = 0; i < size; i++) {
        if (buf[i] == '"')
            quoted = !quoted;
        else if (!quoted && (buf[i] == '\n' || buf[i] == '\r') && (tabs || commas))
            break;
        else if (!quoted)
            tabs += buf[i] == '\t', commas += buf[i] == ',';
    }
    return tabs > 0 && commas == 0 ? '\t' : ',';
}

static bool only_blank(const unsigned char *buf, size_t size, size_t skip)
{
    for (size_t i = skip; i < size; i++)
        if (buf[i] != ' ' && buf[i] != '\t' && buf[i] != '\r' && buf[i] != '\n' && buf[i] != ',')
            return false;
    return true;
}

static mapa_err no_header(const char *shown, const char *header_hint, mapa_diags *diags)
{
    mapa_diags_add(diags, MAPA_DIAG_ERROR, shown, 1, 1,
                   "the file has no header row: it needs a header row naming its columns (%s) "
                   "and a row for each entry",
                   header_hint);
    return MAPA_EFORMAT;
}

mapa_err mapa__csv_parse(mapa__csv_table *out, const char *data, size_t size, const char *shown,
                         const char *header_hint, mapa_diags *diags)
{
    mapa__csv_table t = MAPA__CSV_TABLE_INIT;
    mapa__decoded dec = MAPA__DECODED_INIT;
    t.file = mapa__strdup(shown);
    if (!t.file)
        return mapa_error_set(MAPA_ENOMEM, "out of memory");
    mapa_err err = MAPA_OK;
    if (size > MAPA_CSV_MAX_BYTES) {
        mapa_diags_add(diags, MAPA_DIAG_ERROR, shown, 0, 0,
                       "the file is larger than 1 GiB; mapa reads partnership files up to that");
        err = MAPA_EFORMAT;
        goto cleanup;
    }
    err = mapa__decode(&dec, data, size, shown, diags);
    if (err != MAPA_OK)
        goto cleanup;
    t.encoding = dec.encoding;
    const unsigned char *buf = (const unsigned char *)dec.text;
    size = dec.size;
    if (only_blank(buf, size, 0)) {
        err = no_header(shown, header_hint, diags);
        goto cleanup;
    }
    if (!looks_like_text(buf, size, 0, shown, diags)) {
        err = MAPA_EFORMAT;
        goto cleanup;
    }
    check_controls(buf, size, 0, shown, diags);
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory starting the CSV parser");
        goto cleanup;
    }
    parse_ctx ctx = {.t = &t, .buf = buf, .size = size, .delim = delimiter_of(buf, size)};
    csv_set_delim(&p, ctx.delim);
    t.delimiter = (char)ctx.delim;
    err = feed(&p, &ctx, buf, size, 0, diags);
    csv_free(&p);
    if (err == MAPA_OK && t.n_rows == 0) /* only empty fields: "", " ", ,"", */
        err = no_header(shown, header_hint, diags);
cleanup:
    mapa__decoded_dispose(&dec);
    if (err != MAPA_OK) {
        mapa__csv_table_dispose(&t);
        return err;
    }
    *out = t;
    return MAPA_OK;
}

mapa_err mapa__csv_read(mapa__csv_table *out, const char *path, const char *shown,
                        const char *header_hint, mapa_diags *diags)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        if (errno == ENOENT)
            return mapa_error_set(MAPA_ENOTFOUND, "%s: no such file", shown);
        return mapa_error_set(MAPA_EIO, "%s: %s", shown, strerror(errno));
    }
    mapa_err err = MAPA_OK;
    char *data = NULL;
    size_t size = 0, cap = 0;
    for (;;) {
        void *grown = data;
        if (!mapa__grow(&grown, &cap, size + 65536, 1)) {
            err = mapa_error_set(MAPA_ENOMEM, "%s: out of memory reading the file", shown);
            goto cleanup;
        }
        data = grown;
        size_t got = fread(data + size, 1, cap - size, fp);
        size += got;
        if (got == 0 || size > MAPA_CSV_MAX_BYTES)
            break;
    }
    if (ferror(fp)) {
        err = mapa_error_set(MAPA_EIO, "%s: read error: %s", shown, strerror(errno));
        goto cleanup;
    }
    err = mapa__csv_parse(out, data, size, shown, header_hint, diags);
cleanup:
    free(data);
    fclose(fp);
    return err;
}

void mapa__csv_drop_text_marks(mapa__csv_table *t)
{
    for (size_t i = 0; i < t->n_cells; i++) {
        mapa__csv_cell *c = &t->cells[i];
        const char *s = t->text + c->off;
        if (c->len >= 2 && s[0] == '\'' && strchr("=+-@\t\r'", s[1])) {
            c->off++;
            c->len--;
        }
    }
}

mapa_err mapa__csv_set_text(mapa__csv_table *t, size_t cell, const char *text)
{
    uint32_t off;
    size_t len = strlen(text);
    if (!push_text(t, text, len, &off))
        return mapa_error_set(MAPA_ENOMEM, "out of memory");
    t->cells[cell].off = off;
    t->cells[cell].len = (uint32_t)len;
    return MAPA_OK;
}

void mapa__csv_table_dispose(mapa__csv_table *t)
{
    free(t->file);
    free(t->text);
    free(t->cells);
    free(t->rows);
    free(t->breaks);
    *t = (mapa__csv_table)MAPA__CSV_TABLE_INIT;
}

/* CSV outputs for Excel: set once by the command (--excel, settings.json "excel"). */
static bool excel_bom;

void mapa_csv_excel(bool on)
{
    excel_bom = on;
}

void mapa__csv_begin(FILE *fp, const char *header)
{
    if (excel_bom)
        fputs("\xEF\xBB\xBF", fp);
    fputs(header, fp);
}

bool mapa__csv_needs_guard(const char *s)
{
    return s && s[0] != '\0' && strchr("=+-@\t\r'", s[0]) != NULL;
}

void mapa__csv_put(FILE *fp, const char *s, bool last)
{
    s = s ? s : "";
    bool formula = mapa__csv_needs_guard(s);
    fputc('"', fp);
    if (formula)
        fputc('\'', fp);
    for (; *s; s++) { /* RFC 4180: a quote inside is written twice */
        if (*s == '"')
            fputc('"', fp);
        fputc(*s, fp);
    }
    fputc('"', fp);
    fputc(last ? '\n' : ',', fp);
}

const char *mapa__csv_unformula(const char *s)
{
    return s[0] == '\'' ? s + 1 : s;
}
