/*
 * Sweep files (docs/sweeps.md): a JSON object naming the generator's
 * configuration, the grid of parameters to vary, the policies, replicates
 * and the base seed. Every problem is reported with the line and column of
 * the key it concerns.
 */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mapa/policy.h>
#include <mapa/sweep.h>

#include "io/json_position.h"
#include "io/read_text.h"
#include "models/util.h"

typedef struct ctx {
    const char *text, *shown;
    mapa_diags *d;
} ctx;

/* An error at the first place `key` is written. */
static void problem(const ctx *c, const char *key, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void problem(const ctx *c, const char *key, const char *fmt, ...)
{
    char message[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    size_t line, col;
    mapa__json_key_position(c->text, key, &line, &col);
    mapa_diags_add(c->d, MAPA_DIAG_ERROR, c->shown, line, col, "%s", message);
}

static void read_generator(const ctx *c, json_t *obj, mapa_generator *g)
{
    if (!json_is_object(obj)) {
        problem(c, "generator", "'%s' must be an object of parameters", "generator");
        return;
    }
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v)
    {
        if (!json_is_number(v)) {
            problem(c, key, "generator parameter '%s' must be a number", key);
            continue;
        }
        if (mapa_generator_set(g, key, json_number_value(v)) != MAPA_OK)
            problem(c, key, "generator parameter '%s': %s", key, mapa_error_last());
    }
}

static void read_grid(const ctx *c, json_t *obj, mapa_sweep *s)
{
    if (!json_is_object(obj)) {
        problem(c, "grid", "'%s' must be an object: { \"members\": [100, 300], ... }", "grid");
        return;
    }
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v)
    {
        if (s->n_params == MAPA_RUN_PARAMS) {
            problem(c, key, "'%s': at most 16 parameters can vary", key);
            return;
        }
        json_t *list = json_is_number(v) ? NULL : v;
        size_t n = list ? json_array_size(list) : 1;
        if (list && (!json_is_array(list) || n == 0)) {
            problem(c, key, "grid '%s' must be a number or a non-empty list of numbers", key);
            continue;
        }
        mapa_generator probe = s->base;
        double *values = malloc(n * sizeof *values);
        char *name = mapa__strdup(key);
        bool ok = values && name;
        for (size_t k = 0; ok && k < n; k++) {
            json_t *x = list ? json_array_get(list, k) : v;
            if (!json_is_number(x)) {
                problem(c, key, "grid '%s' must list numbers only", key);
                ok = false;
            } else if (mapa_generator_set(&probe, key, json_number_value(x)) != MAPA_OK) {
                problem(c, key, "grid '%s': %s", key, mapa_error_last());
                ok = false;
            } else {
                values[k] = json_number_value(x);
            }
        }
        if (!ok) {
            free(values);
            free(name);
            continue;
        }
        s->param[s->n_params] = name;
        s->values[s->n_params] = values;
        s->n_values[s->n_params++] = n;
    }
}

static bool alloc_policy(mapa_sweep_alloc *out, const char *name)
{
    snprintf(out->name, sizeof out->name, "%s", name);
    out->objective = MAPA_OBJECTIVE_BORDA;
    if (mapa_alloc_policy_parse(&out->policy, name))
        return true;
    out->policy = MAPA_POLICY_OPTIMAL;
    return strncmp(name, "optimal:", 8) == 0 && strcmp(name + 8, "weights") != 0 &&
           mapa_objective_parse(&out->objective, name + 8);
}

static bool cf_policy(mapa_sweep_cf *out, const char *name)
{
    snprintf(out->name, sizeof out->name, "%s", name);
    return mapa_cf_policy_parse(&out->policy, name);
}

static void read_policies(const ctx *c, json_t *obj, mapa_sweep *s)
{
    if (!json_is_object(obj)) {
        problem(c, "policies", "'%s' must be an object: { \"allocation\": [...], \"cf\": [...] }",
                "policies");
        return;
    }
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v)
    {
        bool is_alloc = strcmp(key, "allocation") == 0, is_cf = strcmp(key, "cf") == 0;
        if (!is_alloc && !is_cf) {
            problem(c, key, "policies: '%s' is not known (allocation, cf)", key);
            continue;
        }
        size_t n = json_array_size(v);
        if (!json_is_array(v) || n == 0 || n > MAPA_SWEEP_POLICIES) {
            problem(c, key, "policies '%s' must list 1 to 8 policy names", key);
            continue;
        }
        size_t *count = is_alloc ? &s->n_alloc : &s->n_cf;
        *count = 0;
        for (size_t k = 0; k < n; k++) {
            const char *name = json_string_value(json_array_get(v, k));
            bool ok = name && strlen(name) < MAPA_RUN_TEXT &&
                      (is_alloc ? alloc_policy(&s->alloc[*count], name)
                                : cf_policy(&s->cf[*count], name));
            if (ok)
                (*count)++;
            else
                problem(c, key, "policies '%s': '%s' is not a policy; %s", key,
                        name ? name : "(not a string)",
                        is_alloc ? "allocation policies are optimal, optimal:borda, "
                                   "optimal:convex, optimal:rank-maximal, optimal:fair, greedy, "
                                   "random"
                                 : "Critical Friend policies are optimal, random, none");
        }
    }
}

static bool whole(json_t *v, double lo, double hi)
{
    double x = json_number_value(v);
    return json_is_number(v) && x >= lo && x <= hi && floor(x) == x;
}

static void read_root(const ctx *c, json_t *root, mapa_sweep *s)
{
    json_t *gen = json_object_get(root, "generator");
    if (gen)
        read_generator(c, gen, &s->base);
    const char *key;
    json_t *v;
    json_object_foreach(root, key, v)
    {
        if (strcmp(key, "generator") == 0)
            continue;
        if (strcmp(key, "name") == 0) {
            if (json_is_string(v))
                s->name = mapa__strdup(json_string_value(v));
            else
                problem(c, key, "'%s' must be a string", key);
        } else if (strcmp(key, "grid") == 0) {
            read_grid(c, v, s);
        } else if (strcmp(key, "policies") == 0) {
            read_policies(c, v, s);
        } else if (strcmp(key, "replicates") == 0) {
            if (whole(v, 1, 1e6))
                s->replicates = (size_t)json_number_value(v);
            else
                problem(c, key, "'%s' must be a whole number from 1 to 1,000,000", key);
        } else if (strcmp(key, "seed") == 0) {
            if (whole(v, 0, 9e15))
                s->seed = (uint64_t)json_number_value(v);
            else
                problem(c, key, "'%s' must be a whole number from 0", key);
        } else if (strcmp(key, "time_limit") == 0) {
            if (json_is_number(v) && json_number_value(v) >= 0 && json_number_value(v) <= 1e6)
                s->time_limit = json_number_value(v);
            else
                problem(c, key, "'%s' must be seconds from 0 (none) to 10^6", key);
        } else if (strcmp(key, "metrics") == 0 || strcmp(key, "duplicates") == 0) {
            if (json_is_boolean(v))
                *(key[0] == 'm' ? &s->run.metrics : &s->run.duplicates) = json_is_true(v);
            else
                problem(c, key, "'%s' must be true or false", key);
        } else {
            problem(c, key,
                    "'%s' is not a sweep key (name, generator, grid, policies, replicates, seed, "
                    "time_limit, metrics, duplicates)",
                    key);
        }
    }
}

/* Every grid point must make a partnership: check them (up to 100,000 points). */
static void check_points(const ctx *c, const mapa_sweep *s)
{
    size_t points = mapa_sweep_scenarios(s);
    if (points == 0 || points > 100000 || mapa_sweep_runs(s) > 100000000) {
        problem(c, "grid",
                "'%s' makes too many runs (at most 100,000 grid points and 10^8 "
                "runs)",
                "grid");
        return;
    }
    for (size_t k = 0; k < points; k++) {
        mapa_generator g = mapa_sweep_generator(s, k * s->replicates);
        if (mapa_generator_check(&g) == MAPA_OK)
            continue;
        char where[600] = "", *w = where;
        for (size_t i = 0; i < s->n_params; i++)
            w += snprintf(w, (size_t)(where + sizeof where - w), "%s%s=%g", i ? ", " : "",
                          s->param[i], mapa_generator_get(&g, s->param[i]));
        size_t line, col;
        mapa__json_key_position(c->text, s->n_params ? "grid" : "generator", &line, &col);
        mapa_diags_add(c->d, MAPA_DIAG_ERROR, c->shown, line, col, "%s%s%s%s",
                       where[0] ? "at " : "", where, where[0] ? ": " : "", mapa_error_last());
        return;
    }
}

static char *read_text(const char *path, size_t *size)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    char *text = mapa__read_text(fp, 1u << 24, size);
    fclose(fp);
    return text;
}

mapa_err mapa_sweep_load(mapa_sweep *s, const char *path, mapa_diags *d)
{
    memset(s, 0, sizeof *s);
    s->base = (mapa_generator)MAPA_GENERATOR_INIT;
    s->replicates = 1;
    s->seed = 1;
    s->run = (mapa_run_options){true, true};
    s->n_alloc = s->n_cf = 1;
    alloc_policy(&s->alloc[0], "optimal");
    cf_policy(&s->cf[0], "optimal");
    size_t size = 0;
    errno = 0;
    char *text = read_text(path, &size);
    if (!text)
        return errno == ENOENT ? mapa_error_set(MAPA_ENOTFOUND, "%s: no such file", path)
                               : mapa_error_set(MAPA_EIO, "%s: %s", path, strerror(errno));
    json_error_t jerr;
    json_t *root = size > (1u << 24) ? NULL : json_loadb(text, size, JSON_REJECT_DUPLICATES, &jerr);
    ctx c = {text, path, d};
    size_t before = d->n_errors;
    if (size > (1u << 24))
        mapa_diags_add(d, MAPA_DIAG_ERROR, path, 1, 1, "is larger than 16 MiB");
    else if (!root)
        mapa_diags_add(d, MAPA_DIAG_ERROR, path, jerr.line > 0 ? (size_t)jerr.line : 1,
                       jerr.column > 0 ? (size_t)jerr.column : 1, "not valid JSON: %s", jerr.text);
    else if (!json_is_object(root))
        mapa_diags_add(d, MAPA_DIAG_ERROR, path, 1, 1,
                       "must be a JSON object: { \"generator\": {...}, \"grid\": {...}, ... }");
    else
        read_root(&c, root, s);
    if (d->n_errors == before)
        check_points(&c, s);
    if (d->n_errors == before && !json_object_get(root, "generator"))
        mapa_diags_add(d, MAPA_DIAG_ERROR, path, 1, 1,
                       "names no \"generator\": give at least members, topics and agencies");
    if (d->n_errors == before)
        s->json = json_dumps(root, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(root);
    free(text);
    if (d->n_errors != before) {
        mapa_sweep_dispose(s);
        return MAPA_EFORMAT;
    }
    return s->json ? MAPA_OK : mapa_error_set(MAPA_ENOMEM, "out of memory");
}

void mapa_sweep_dispose(mapa_sweep *s)
{
    free(s->name);
    for (size_t k = 0; k < s->n_params; k++) {
        free(s->param[k]);
        free(s->values[k]);
    }
    free(s->json);
    memset(s, 0, sizeof *s);
}
