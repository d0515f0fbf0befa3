/*
 * Problems that repeat down a file (one unknown topic on 168 rows) gathered
 * into one message per distinct problem, with its count and its lines.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/readers.h"
#include "models/idmap.h"
#include "models/util.h"

#define LINES_SHOWN 8

typedef struct repeat {
    mapa_severity severity;
    char *message;
    size_t line, col; /* the first */
    size_t count;
    size_t lines[LINES_SHOWN];
    size_t n_lines;
    size_t last_line;
    size_t n_distinct_lines;
} repeat;

struct mapa__repeats {
    repeat *items;
    size_t n, cap;
    mapa_idmap *by_message;
    bool out_of_memory;
};

mapa_err mapa__repeats_new(mapa__repeats **out)
{
    mapa__repeats *r = calloc(1, sizeof *r);
    if (!r || mapa__idmap_new(&r->by_message) != MAPA_OK) {
        free(r);
        return mapa_error_set(MAPA_ENOMEM, "out of memory");
    }
    *out = r;
    return MAPA_OK;
}

void mapa__repeats_free(mapa__repeats *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++)
        free(r->items[i].message);
    free(r->items);
    mapa__idmap_free(r->by_message);
    free(r);
}

static void count_line(repeat *x, size_t line)
{
    x->count++;
    if (x->n_distinct_lines && x->last_line == line)
        return;
    x->last_line = line;
    x->n_distinct_lines++;
    if (x->n_lines < LINES_SHOWN)
        x->lines[x->n_lines++] = line;
}

void mapa__repeats_add(mapa__repeats *r, mapa_severity severity, size_t line, size_t col,
                       const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = mapa__vformat(fmt, ap);
    va_end(ap);
    if (!msg) {
        r->out_of_memory = true;
        return;
    }
    size_t at = mapa__idmap_get(r->by_message, msg);
    if (at != MAPA_NONE && r->items[at].severity == severity) {
        free(msg);
        count_line(&r->items[at], line);
        return;
    }
    void *grown = r->items;
    size_t existing;
    if (!mapa__grow(&grown, &r->cap, r->n + 1, sizeof *r->items)) {
        free(msg);
        r->out_of_memory = true;
        return;
    }
    r->items = grown;
    r->items[r->n] = (repeat){.severity = severity, .message = msg, .line = line, .col = col};
    if (at == MAPA_NONE && mapa__idmap_put(r->by_message, msg, r->n, &existing) != MAPA_OK) {
        free(msg);
        r->out_of_memory = true;
        return;
    }
    count_line(&r->items[r->n++], line);
}

void mapa__repeats_flush(mapa__repeats *r, const char *file, mapa_diags *d)
{
    for (size_t i = 0; i < r->n; i++) {
        const repeat *x = &r->items[i];
        if (x->count == 1) {
            mapa_diags_add(d, x->severity, file, x->line, x->col, "%s", x->message);
            continue;
        }
        char lines[160] = "";
        size_t n = 0;
        for (size_t k = 0; k < x->n_lines && n < sizeof lines; k++)
            n += (size_t)snprintf(lines + n, sizeof lines - n, "%s%zu",
                                  k == 0 ? "" : (k + 1 == x->n_distinct_lines ? " and " : ", "),
                                  x->lines[k]);
        if (x->n_distinct_lines > x->n_lines && n < sizeof lines)
            snprintf(lines + n, sizeof lines - n, " and %zu more",
                     x->n_distinct_lines - x->n_lines);
        mapa_diags_add(d, x->severity, file, x->line, x->col, "%s (%zu times, on line%s %s)",
                       x->message, x->count, x->n_distinct_lines == 1 ? "" : "s", lines);
    }
    if (r->out_of_memory)
        d->out_of_memory = true;
}
