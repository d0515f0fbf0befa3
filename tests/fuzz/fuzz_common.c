/* What the fuzz targets share (fuzz_common.h). */
#define _GNU_SOURCE
#include "fuzz_common.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "io/readers.h"

static void die(const char *what)
{
    fprintf(stderr, "fuzz setup: %s: %s\n", what, mapa_error_last());
    abort();
}

/* The example's file `name`, read once into a table (kept for the process). */
static const mapa__csv_table *example_table(mapa__csv_table *t, bool *read, const char *name)
{
    if (*read)
        return t;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", MAPA_FUZZ_EXAMPLE, name);
    mapa_diags d = MAPA_DIAGS_INIT;
    if (mapa__csv_read(t, path, name, "", &d) != MAPA_OK || d.n_errors)
        die(path);
    mapa_diags_dispose(&d);
    *read = true;
    return t;
}

mapa_partnership *fuzz_partnership(fuzz_with with)
{
    static mapa__csv_table agencies, topics, members;
    static bool have_agencies, have_topics, have_members;
    mapa_partnership *p = NULL;
    mapa_diags d = MAPA_DIAGS_INIT;
    if (mapa_partnership_new(&p) != MAPA_OK)
        die("a partnership");
    const mapa__csv_table *t = example_table(&topics, &have_topics, "topics.csv");
    size_t *rows = calloc(t->n_rows, sizeof *rows);
    if (!rows ||
        mapa__read_agencies(p, example_table(&agencies, &have_agencies, "agencies.csv"), NULL, &d) ||
        mapa__read_topics(p, t, rows, &d))
        die("the example's topics");
    free(rows);
    if (with == FUZZ_AGENCIES_TOPICS_MEMBERS &&
        mapa__read_members(p, example_table(&members, &have_members, "members.csv"), true, NULL, &d))
        die("the example's members");
    if (d.n_errors)
        die("the example has errors");
    mapa_diags_dispose(&d);
    return p;
}

const mapa_partnership *fuzz_example(void)
{
    static mapa_partnership *p;
    mapa_diags d = MAPA_DIAGS_INIT;
    if (!p && mapa_partnership_load(&p, &d, MAPA_FUZZ_EXAMPLE) != MAPA_OK)
        die("the example");
    mapa_diags_dispose(&d);
    return p;
}

const char *fuzz_file(const uint8_t *data, size_t size)
{
    static int fd = -1;
    static char path[64];
    if (fd < 0) {
        fd = memfd_create("mapa-fuzz-input", 0);
        if (fd < 0)
            die("memfd_create");
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    }
    if (ftruncate(fd, 0) != 0 || (size && pwrite(fd, data, size, 0) != (ssize_t)size))
        die("writing the input");
    return path;
}

static bool printable_utf8(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned c = *p;
        size_t n = c < 0x80                 ? 1
                   : c >= 0xC2 && c <= 0xDF ? 2
                   : c >= 0xE0 && c <= 0xEF ? 3
                   : c >= 0xF0 && c <= 0xF4 ? 4
                                            : 0;
        if (n == 0 || c < 0x20 || c == 0x7F || (c == 0xC2 && p[1] < 0xA0))
            return false;
        for (size_t k = 1; k < n; k++)
            if ((p[k] & 0xC0) != 0x80)
                return false;
        p += n;
    }
    return true;
}

void fuzz_check_diags(const mapa_diags *d)
{
    for (size_t i = 0; i < d->n_items; i++) {
        const mapa_diag *x = &d->items[i];
        if (!printable_utf8(x->message) || !printable_utf8(x->file) ||
            (x->line == 0) != (x->col == 0)) {
            fprintf(stderr, "bad message %zu:%zu: %s\n", x->line, x->col, x->message);
            abort();
        }
    }
    if (!printable_utf8(mapa_error_last())) {
        fprintf(stderr, "bad error: %s\n", mapa_error_last());
        abort();
    }
}

void fuzz_check_table(mapa_err err, const mapa__csv_table *t)
{
    if (err == MAPA_OK && t->n_rows == 0) {
        fprintf(stderr, "a table without a header row came back\n");
        abort();
    }
    for (size_t i = 0; err == MAPA_OK && i < t->n_cells; i++)
        if (t->cells[i].line == 0 || t->cells[i].col == 0)
            abort();
}

mapa_err fuzz_parse(mapa__csv_table *t, const uint8_t *data, size_t size, const char *shown,
                    mapa_diags *d)
{
    mapa_err err = mapa__csv_parse(t, (const char *)data, size, shown, "id, name", d);
    fuzz_check_table(err, t);
    return err;
}
