/*
 * A sweep unit's results as one byte buffer (scenarios/sweep_internal.h):
 * what a forked worker writes to its pipe and an MPI rank sends to rank 0.
 * Both ends are the same program, so rows travel as their bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scenarios/sweep_internal.h"

typedef struct header {
    uint64_t unit;
    int64_t err; /* MAPA_OK, or the unit's error (its text follows, `length` bytes) */
    uint64_t length;
} header;

typedef struct sink {
    char *p;
    size_t size, cap;
} sink;

static void put(sink *s, const void *data, size_t n)
{
    if (s->p && n)
        memcpy(s->p + s->size, data, n);
    s->size += n;
}

/* Each run's arrays: their sizes, then the arrays. */
static void put_arrays(sink *s, const mapa_run_arrays *a)
{
    uint64_t sizes[4] = {a->n_members, a->n_topics, a->n_cf, a->betweenness != NULL};
    put(s, sizes, sizeof sizes);
    put(s, a->team, a->n_members * sizeof *a->team);
    put(s, a->rank, a->n_members * sizeof *a->rank);
    put(s, a->spoc, a->n_topics * sizeof *a->spoc);
    put(s, a->cf_member, a->n_cf * sizeof *a->cf_member);
    put(s, a->cf_team, a->n_cf * sizeof *a->cf_team);
    if (sizes[3]) {
        put(s, a->betweenness, a->n_members * sizeof *a->betweenness);
        put(s, a->degree, a->n_members * sizeof *a->degree);
        put(s, a->articulation, a->n_members * sizeof *a->articulation);
    }
}

static void put_unit(sink *s, size_t unit, mapa_err err, const char *text, const mapa_run_row *rows,
                     const mapa_run_arrays *arrays, size_t runs)
{
    header h = {unit, err, strlen(text)};
    put(s, &h, sizeof h);
    put(s, text, h.length);
    if (err != MAPA_OK)
        return;
    put(s, rows, runs * sizeof *rows);
    for (size_t k = 0; k < runs; k++)
        put_arrays(s, &arrays[k]);
}

mapa_err mapa__sweep_pack(char **buf, size_t *size, size_t unit, mapa_err unit_err,
                          const char *text, const mapa_run_row *rows, const mapa_run_arrays *arrays,
                          size_t runs)
{
    sink s = {NULL, 0, 0}; /* measured first, then written */
    put_unit(&s, unit, unit_err, text, rows, arrays, runs);
    s.p = malloc(s.size + 1);
    if (!s.p)
        return mapa_error_set(MAPA_ENOMEM, "out of memory sending a sweep unit");
    s.cap = s.size, s.size = 0;
    put_unit(&s, unit, unit_err, text, rows, arrays, runs);
    *buf = s.p;
    *size = s.size;
    return MAPA_OK;
}

typedef struct source {
    const char *p;
    size_t left;
} source;

static bool get(source *s, void *data, size_t n)
{
    if (n > s->left)
        return false;
    memcpy(data, s->p, n);
    s->p += n, s->left -= n;
    return true;
}

/* An array of n items read into fresh memory. */
static bool get_array(source *s, void **out, size_t n, size_t item)
{
    *out = malloc(n * item + 1);
    return *out && get(s, *out, n * item);
}

static bool get_arrays(source *s, mapa_run_arrays *a)
{
    uint64_t sizes[4];
    memset(a, 0, sizeof *a);
    if (!get(s, sizes, sizeof sizes) || sizes[0] > s->left || sizes[1] > s->left ||
        sizes[2] > s->left)
        return false;
    size_t n = sizes[0], T = sizes[1], k = sizes[2];
    a->n_members = n, a->n_topics = T, a->n_cf = k;
    bool ok = get_array(s, (void **)&a->team, n, sizeof *a->team) &&
              get_array(s, (void **)&a->rank, n, sizeof *a->rank) &&
              get_array(s, (void **)&a->spoc, T, sizeof *a->spoc) &&
              get_array(s, (void **)&a->cf_member, k, sizeof *a->cf_member) &&
              get_array(s, (void **)&a->cf_team, k, sizeof *a->cf_team);
    if (ok && sizes[3])
        ok = get_array(s, (void **)&a->betweenness, n, sizeof *a->betweenness) &&
             get_array(s, (void **)&a->degree, n, sizeof *a->degree) &&
             get_array(s, (void **)&a->articulation, n, sizeof *a->articulation);
    if (!ok)
        mapa_run_arrays_dispose(a);
    return ok;
}

mapa_err mapa__sweep_unpack(const char *buf, size_t size, size_t runs, size_t *unit,
                            mapa_err *unit_err, char *text, size_t cap, mapa_run_row **rows_out,
                            mapa_run_arrays **arrays_out)
{
    source s = {buf, size};
    header h;
    *rows_out = NULL;
    *arrays_out = NULL;
    if (!get(&s, &h, sizeof h) || h.length > s.left)
        return mapa_error_set(MAPA_EDEPENDENCY, "a sweep worker sent a short message");
    size_t n = h.length < cap - 1 ? (size_t)h.length : cap - 1;
    memcpy(text, s.p, n);
    text[n] = '\0';
    s.p += h.length, s.left -= h.length;
    *unit = (size_t)h.unit;
    *unit_err = (mapa_err)h.err;
    if (h.err != MAPA_OK)
        return MAPA_OK;
    mapa_run_row *rows = malloc(runs * sizeof *rows + 1);
    mapa_run_arrays *arrays = calloc(runs + 1, sizeof *arrays);
    bool ok = rows && arrays && get(&s, rows, runs * sizeof *rows);
    for (size_t k = 0; ok && k < runs; k++)
        ok = get_arrays(&s, &arrays[k]);
    if (!ok) {
        mapa__sweep_free_unit(rows, arrays, runs);
        return rows && arrays
                   ? mapa_error_set(MAPA_EDEPENDENCY, "a sweep worker sent a short message")
                   : mapa_error_set(MAPA_ENOMEM, "out of memory receiving a sweep unit");
    }
    *rows_out = rows;
    *arrays_out = arrays;
    return MAPA_OK;
}

void mapa__sweep_free_unit(mapa_run_row *rows, mapa_run_arrays *arrays, size_t runs)
{
    for (size_t k = 0; arrays && k < runs; k++)
        mapa_run_arrays_dispose(&arrays[k]);
    free(rows);
    free(arrays);
}
