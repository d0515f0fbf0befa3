/*
 * Opening a sweep's HDF5 dataset (docs/sweeps.md): a new file, the same
 * sweep resumed, or the same sweep extended with more replicates or more grid
 * values, whose runs already in the file are renumbered so only the new
 * units run. Any other difference is refused, naming the key that differs.
 * The fixed generator values and policy settings go in as attributes.
 */
#define _POSIX_C_SOURCE 200809L
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mapa/settings.h>
#include <mapa/sweep.h>

/* A JSON value shown briefly in a message. */
static void shown(char *buf, size_t cap, const json_t *v)
{
    char *text = v ? json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY) : NULL;
    snprintf(buf, cap, "%s", text ? text : "absent");
    if (strlen(buf) == cap - 1 && cap > 4)
        memcpy(buf + cap - 4, "...", 3);
    free(text);
}

static mapa_err differs(const char *path, const char *key, const json_t *there, const json_t *here)
{
    char a[80], b[80];
    shown(a, sizeof a, there);
    shown(b, sizeof b, here);
    return mapa_error_set(MAPA_EFORMAT,
                          "%s holds another sweep: '%s' differs (%s there, %s here); only more "
                          "replicates or more grid values extend a file: give another -o or "
                          "remove it",
                          path, key, a, b);
}

/* A grid entry as a list: a single number is a list of one. */
static bool grid_has(const json_t *list, const json_t *x)
{
    if (!json_is_array(list))
        return json_is_number(list) && json_number_value(list) == json_number_value(x);
    size_t i;
    json_t *v;
    json_array_foreach(list, i, v) if (json_number_value(v) == json_number_value(x)) return true;
    return false;
}

static mapa_err check_grid(const char *path, const json_t *old, const json_t *now)
{
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)old, key, v)
    {
        char name[300];
        snprintf(name, sizeof name, "grid.%s", key);
        json_t *w = json_object_get(now, key);
        if (!w)
            return differs(path, name, v, NULL);
        json_t *one = json_is_array(v) ? NULL : v;
        size_t n = one ? 1 : json_array_size(v);
        for (size_t i = 0; i < n; i++) {
            json_t *x = one ? one : json_array_get(v, i);
            if (!grid_has(w, x))
                return differs(path, name, v, w);
        }
    }
    json_object_foreach((json_t *)now, key, v) if (!json_object_get(old, key))
    {
        char name[300];
        snprintf(name, sizeof name, "grid.%s", key);
        return differs(path, name, NULL, v);
    }
    return MAPA_OK;
}

/* The first key (one level into objects) whose value differs, or NULL. */
static const char *first_difference(const json_t *old, const json_t *now, char *name, size_t cap,
                                    const json_t **a, const json_t **b)
{
    const json_t *sides[2] = {old, now};
    for (int s = 0; s < 2; s++) {
        const char *key;
        json_t *v;
        json_object_foreach((json_t *)sides[s], key, v)
        {
            json_t *x = json_object_get(old, key), *y = json_object_get(now, key);
            if (json_equal(x, y))
                continue;
            if (json_is_object(x) && json_is_object(y)) {
                char inner[256];
                const char *k = first_difference(x, y, inner, sizeof inner, a, b);
                snprintf(name, cap, "%s.%s", key, k ? k : "?");
                return name;
            }
            *a = x, *b = y;
            snprintf(name, cap, "%s", key);
            return name;
        }
    }
    return NULL;
}

/* Whether the sweep `now` only extends `old`: MAPA_OK, or MAPA_EFORMAT naming the key. */
static mapa_err check_extension(const char *path, const char *old_json, const char *now_json)
{
    json_t *old = json_loads(old_json, 0, NULL), *now = json_loads(now_json, 0, NULL);
    mapa_err err = MAPA_OK;
    if (!json_is_object(old) || !json_is_object(now)) {
        err = mapa_error_set(MAPA_EFORMAT, "%s: its 'sweep' attribute is not a sweep", path);
        goto cleanup;
    }
    json_t *r0 = json_object_get(old, "replicates"), *r1 = json_object_get(now, "replicates");
    double n0 = r0 ? json_number_value(r0) : 1, n1 = r1 ? json_number_value(r1) : 1;
    if (n1 < n0) {
        err = mapa_error_set(MAPA_EFORMAT,
                             "%s holds %g replicates of this sweep, more than the %g asked: ask "
                             "for at least %g, or give another -o",
                             path, n0, n1, n0);
        goto cleanup;
    }
    json_t *g0 = json_object_get(old, "grid"), *g1 = json_object_get(now, "grid");
    json_t *empty = json_object();
    err = check_grid(path, g0 ? g0 : empty, g1 ? g1 : empty);
    json_decref(empty);
    if (err != MAPA_OK)
        goto cleanup;
    json_object_del(old, "replicates"), json_object_del(now, "replicates");
    json_object_del(old, "grid"), json_object_del(now, "grid");
    char name[300];
    const json_t *a = NULL, *b = NULL;
    if (first_difference(old, now, name, sizeof name, &a, &b))
        err = differs(path, name, a, b);
cleanup:
    json_decref(old);
    json_decref(now);
    return err;
}

/* A run's id in the extended sweep, from its grid values, replicate and policy pair. */
static mapa_err renumber(mapa_run_row *row, void *payload)
{
    const mapa_sweep *s = payload;
    size_t point = 0, R = mapa_sweep_runs_per_unit(s);
    for (size_t k = 0; k < s->n_params; k++) {
        size_t i = 0;
        while (i < s->n_values[k] && s->values[k][i] != row->param[k])
            i++;
        if (i == s->n_values[k])
            return mapa_error_set(MAPA_EFORMAT, "run %lld: %s = %g is not in the grid",
                                  (long long)row->run_id, s->param[k], row->param[k]);
        point = point * s->n_values[k] + i;
    }
    if (row->replicate < 0 || (size_t)row->replicate >= s->replicates)
        return mapa_error_set(MAPA_EFORMAT, "run %lld: replicate %d is beyond the sweep's",
                              (long long)row->run_id, (int)row->replicate);
    size_t unit = point * s->replicates + (size_t)row->replicate;
    row->run_id = (int64_t)(unit * R + (size_t)row->run_id % R);
    row->scenario = (int64_t)point;
    return MAPA_OK;
}

static bool in_grid(const mapa_sweep *s, const char *key)
{
    for (size_t k = 0; k < s->n_params; k++)
        if (strcmp(s->param[k], key) == 0)
            return true;
    return false;
}

/* Every fixed generator value and policy setting, as attributes of the root. */
static mapa_err write_settings(mapa_runs_file *f, const mapa_sweep *s)
{
    char keys[512], name[300];
    snprintf(keys, sizeof keys, "%s", mapa_generator_keys());
    mapa_err err = MAPA_OK;
    for (char *save = NULL, *k = strtok_r(keys, ", ", &save); k && err == MAPA_OK;
         k = strtok_r(NULL, ", ", &save)) {
        if (strcmp(k, "seed") == 0 || in_grid(s, k))
            continue; /* the seed and grid values are columns */
        snprintf(name, sizeof name, "generator_%s", k);
        err = mapa_runs_file_attr_number(f, name, mapa_generator_get(&s->base, k));
    }
    struct {
        const char *name;
        double value;
    } number[] = {{"replicates", (double)s->replicates},
                  {"base_seed", (double)s->seed},
                  {"time_limit", s->time_limit},
                  {"metrics", s->run.metrics},
                  {"duplicates", s->run.duplicates}};
    for (size_t k = 0; err == MAPA_OK && k < sizeof number / sizeof number[0]; k++)
        err = mapa_runs_file_attr_number(f, number[k].name, number[k].value);
    for (size_t a = 0; err == MAPA_OK && a < s->n_alloc; a++) {
        snprintf(name, sizeof name, "objective_%s", s->alloc[a].name);
        err = mapa_runs_file_attr_text(f, name, mapa_objective_name(s->alloc[a].objective));
    }
    return err;
}

mapa_err mapa_sweep_open(mapa_runs_file **out, const mapa_sweep *s, const char *path,
                         mapa_sweep_opened *info)
{
    *out = NULL;
    memset(info, 0, sizeof *info);
    mapa_runs_file *f = NULL;
    char *old = NULL;
    mapa_err err = mapa_runs_file_open_any(&f, path, s->json, (const char *const *)s->param,
                                           s->n_params, &info->resumed, &old);
    if (err != MAPA_OK)
        return err;
    info->before = mapa_runs_file_count(f);
    if (old) {
        err = check_extension(path, old, s->json);
        if (err == MAPA_OK)
            err = mapa_runs_file_renumber(f, s->json, renumber, (void *)s);
        info->extended = err == MAPA_OK;
    } else if (info->resumed && s->n_params > 1 && info->before) {
        /* The stored sweep is canonical (sorted keys), but run ids follow the grid's order
           in the file: the same grid written in another order numbers its points
           otherwise, so the runs there are given their ids in this order. */
        err = mapa_runs_file_renumber(f, s->json, renumber, (void *)s);
    }
    if (err == MAPA_OK)
        err = write_settings(f, s);
    free(old);
    if (err != MAPA_OK) {
        mapa_runs_file_close(f, !info->resumed); /* a refused file is left as it was */
        return err;
    }
    *out = f;
    return MAPA_OK;
}
