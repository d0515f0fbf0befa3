/* A list of file:line:column problems, counted in full and kept up to a limit. */
#include <mapa/diag.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "models/util.h"

/* The index of `file` in the first-seen order, adding it; SIZE_MAX on failure. */
static size_t file_rank(mapa_diags *d, const char *file)
{
    for (size_t i = 0; i < d->n_files; i++)
        if (strcmp(d->files[i], file) == 0)
            return i;
    char *copy = mapa__strdup(file);
    char **grown = copy ? realloc(d->files, (d->n_files + 1) * sizeof *grown) : NULL;
    if (!grown) {
        free(copy);
        return SIZE_MAX;
    }
    d->files = grown;
    d->files[d->n_files] = copy;
    return d->n_files++;
}

/* When the list is full, an error may replace the latest kept warning. */
static mapa_diag *slot_for(mapa_diags *d, mapa_severity severity)
{
    if (d->n_items < d->limit) {
        void *items = d->items;
        if (!mapa__grow(&items, &d->cap, d->n_items + 1, sizeof *d->items))
            return NULL;
        d->items = items;
        return &d->items[d->n_items++];
    }
    if (severity != MAPA_DIAG_ERROR)
        return NULL;
    for (size_t i = d->n_items; i-- > 0;) {
        if (d->items[i].severity == MAPA_DIAG_WARNING) {
            free(d->items[i].file);
            free(d->items[i].message);
            return &d->items[i];
        }
    }
    return NULL;
}

void mapa_diags_add(mapa_diags *d, mapa_severity severity, const char *file, size_t line,
                    size_t col, const char *fmt, ...)
{
    if (severity == MAPA_DIAG_ERROR)
        d->n_errors++;
    else
        d->n_warnings++;
    if (!file)
        file = "";
    if (file_rank(d, file) == SIZE_MAX) {
        d->out_of_memory = true;
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    char *raw = mapa__vformat(fmt, ap);
    va_end(ap);
    size_t cap = raw ? 4 * strlen(raw) + 1 : 0; /* an escape is at most 4 bytes a byte */
    char *message = raw ? malloc(cap) : NULL;
    if (message)
        mapa__printable(message, cap, raw); /* names quoted in messages stay on one line */
    free(raw);
    char *copy = mapa__strdup(file);
    mapa_diag *slot = message && copy ? slot_for(d, severity) : NULL;
    if (!slot) {
        d->out_of_memory |= !message || !copy;
        free(message);
        free(copy);
        return;
    }
    *slot = (mapa_diag){severity, copy, line, col, message, d->next_seq++};
}

static const mapa_diags *sorting;

static size_t rank_of(const char *file)
{
    for (size_t i = 0; i < sorting->n_files; i++)
        if (strcmp(sorting->files[i], file) == 0)
            return i;
    return SIZE_MAX;
}

static int compare(const void *pa, const void *pb)
{
    const mapa_diag *a = pa, *b = pb;
    size_t ra = rank_of(a->file), rb = rank_of(b->file);
    if (ra != rb)
        return ra < rb ? -1 : 1;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->col != b->col)
        return a->col < b->col ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void mapa_diags_sort(mapa_diags *d)
{
    /* qsort has no payload argument in C11; diagnostics are sorted by one thread */
    sorting = d;
    if (d->n_items > 1)
        qsort(d->items, d->n_items, sizeof *d->items, compare);
    sorting = NULL;
}

size_t mapa_diags_dropped(const mapa_diags *d, mapa_severity severity)
{
    size_t kept = 0;
    for (size_t i = 0; i < d->n_items; i++)
        kept += d->items[i].severity == severity;
    size_t all = severity == MAPA_DIAG_ERROR ? d->n_errors : d->n_warnings;
    return all - kept;
}

void mapa_diags_dispose(mapa_diags *d)
{
    for (size_t i = 0; i < d->n_items; i++) {
        free(d->items[i].file);
        free(d->items[i].message);
    }
    for (size_t i = 0; i < d->n_files; i++)
        free(d->files[i]);
    free(d->items);
    free(d->files);
    size_t limit = d->limit;
    *d = (mapa_diags)MAPA_DIAGS_INIT;
    d->limit = limit;
}
