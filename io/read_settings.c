/* Reads settings.json with jansson: known keys checked for type and range, unknown ones warned. */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/encoding.h"
#include "io/readers.h"
#include "io/json_position.h"
#include "io/read_text.h"
#include "io/json_alloc.h"
#include "models/util.h"

typedef struct json_ctx {
    const char *text; /* the raw file, to find where a key is written */
    const char *shown;
    mapa_diags *d;
} json_ctx;

static void problem(const json_ctx *c, mapa_severity sev, const char *key, const char *what)
{
    size_t line, col;
    mapa__json_key_position(c->text, key, &line, &col);
    mapa_diags_add(c->d, sev, c->shown, line, col, "setting '%s' %s", key, what);
}

static void read_count(const json_ctx *c, const char *key, json_t *v, size_t *out,
                       bool allow_unlimited)
{
    if (allow_unlimited && json_is_string(v) && strcmp(json_string_value(v), "unlimited") == 0) {
        *out = MAPA_UNLIMITED;
    } else if (json_is_integer(v) && json_integer_value(v) >= 0 &&
               json_integer_value(v) <= 1000000000) {
        *out = (size_t)json_integer_value(v);
    } else {
        problem(c, MAPA_DIAG_ERROR, key,
                allow_unlimited ? "must be a whole number from 0 to 10^9, or \"unlimited\""
                                : "must be a whole number from 0 to 10^9");
    }
}

static void read_weight(const json_ctx *c, const char *key, json_t *v, double *out)
{
    if (json_is_number(v) && json_number_value(v) >= 0 && isfinite(json_number_value(v)))
        *out = json_number_value(v);
    else
        problem(c, MAPA_DIAG_ERROR, key, "must be a number, 0 or more");
}

static void read_bool(const json_ctx *c, const char *key, json_t *v, bool *out)
{
    if (json_is_boolean(v))
        *out = json_is_true(v);
    else
        problem(c, MAPA_DIAG_ERROR, key, "must be true or false");
}

static mapa_err read_weights(const json_ctx *c, const char *key, json_t *v, mapa_settings *s)
{
    size_t n = json_is_array(v) ? json_array_size(v) : 0;
    if (n == 0) {
        problem(c, MAPA_DIAG_ERROR, key, "must be a list of numbers, best rank first: [10, 6, 3]");
        return MAPA_OK;
    }
    double *w = malloc(n * sizeof *w);
    if (!w)
        return mapa_error_set(MAPA_ENOMEM, "out of memory reading settings");
    for (size_t i = 0; i < n; i++) {
        json_t *x = json_array_get(v, i);
        if (!json_is_number(x) || json_number_value(x) < 0 || !isfinite(json_number_value(x))) {
            problem(c, MAPA_DIAG_ERROR, key, "must hold only numbers, 0 or more");
            free(w);
            return MAPA_OK;
        }
        w[i] = json_number_value(x);
    }
    free(s->weights);
    s->weights = w;
    s->n_weights = n;
    return MAPA_OK;
}

/* Control characters (C0, DEL, C1) and U+FFFE/U+FFFF, which no name may hold. */
static bool has_control(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x20 || *p == 0x7F || (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) ||
            (p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF)))
            return true;
    }
    return false;
}

static const char *const column_files[] = {"members", "topics", "agencies", "interactions",
                                           "actions"};

static mapa_err add_column(mapa_settings *s, size_t *cap, const char *file, const char *column,
                           const char *header)
{
    void *grown = s->columns;
    if (!mapa__grow(&grown, cap, s->n_columns + 1, sizeof *s->columns))
        return mapa_error_set(MAPA_ENOMEM, "out of memory reading settings");
    s->columns = grown;
    mapa_column_name e = {mapa__strdup(file), mapa__strdup(column), mapa__strdup(header)};
    if (!e.file || !e.column || !e.header) {
        free(e.file);
        free(e.column);
        free(e.header);
        return mapa_error_set(MAPA_ENOMEM, "out of memory reading settings");
    }
    s->columns[s->n_columns++] = e;
    return MAPA_OK;
}

/* "columns": {"members": {"id": "Email address", ...}, "agencies": {...}} */
static mapa_err read_columns(const json_ctx *c, const char *key, json_t *v, mapa_settings *s)
{
    if (!json_is_object(v)) {
        problem(c, MAPA_DIAG_ERROR, key,
                "must be an object of files, each mapping mapa's column names to the file's "
                "own headers: {\"members\": {\"id\": \"Email address\"}}");
        return MAPA_OK;
    }
    size_t cap = s->n_columns;
    const char *file;
    json_t *map;
    json_object_foreach(v, file, map)
    {
        bool known = false;
        for (size_t i = 0; i < sizeof column_files / sizeof *column_files; i++)
            known |= strcmp(file, column_files[i]) == 0;
        if (!known || !json_is_object(map)) {
            char what[160];
            snprintf(what, sizeof what, "names '%.40s', which is not %s", file,
                     known ? "an object of column names"
                           : "one of members, topics, agencies, interactions, actions");
            problem(c, MAPA_DIAG_ERROR, key, what);
            continue;
        }
        const char *column;
        json_t *header;
        json_object_foreach(map, column, header)
        {
            if (!json_is_string(header) || !json_string_value(header)[0] ||
                has_control(json_string_value(header)) || has_control(column)) {
                problem(c, MAPA_DIAG_ERROR, key,
                        "holds a column whose header is not a non-empty string of one line");
                continue;
            }
            mapa_err err = add_column(s, &cap, file, column, json_string_value(header));
            if (err != MAPA_OK)
                return err;
        }
    }
    return MAPA_OK;
}

static mapa_err read_key(const json_ctx *c, const char *key, json_t *v, mapa_settings *s)
{
    struct {
        const char *key;
        size_t *out;
        bool unlimited;
    } counts[] = {
        {"min_size", &s->min_size, false},         {"max_size", &s->max_size, true},
        {"min_agencies", &s->min_agencies, false}, {"max_per_agency", &s->max_per_agency, true},
        {"cf_required", &s->cf_required, false},   {"cf_capacity", &s->cf_capacity, false},
        {"max_moves", &s->max_moves, true},
    };
    struct {
        const char *key;
        double *out;
    } numbers[] = {
        {"move_penalty", &s->move_penalty},
        {"time_limit", &s->time_limit},
        {"cf_interest_weight", &s->cf_interest_weight},
        {"cf_novelty_weight", &s->cf_novelty_weight},
        {"cf_load_weight", &s->cf_load_weight},
        {"cf_reach_weight", &s->cf_reach_weight},
        {"cf_overlap_weight", &s->cf_overlap_weight},
        {"duplicate_threshold", &s->dup_threshold},
        {"duplicate_text_weight", &s->dup_text_weight},
        {"duplicate_tags_weight", &s->dup_tags_weight},
        {"duplicate_target_weight", &s->dup_target_weight},
        {"duplicate_dates_weight", &s->dup_dates_weight},
        {"duplicate_jaccard", &s->dup_jaccard},
    };
    struct {
        const char *key;
        bool *out;
    } flags[] = {
        {"require_statutory", &s->require_statutory},
        {"require_voluntary", &s->require_voluntary},
        {"soft", &s->soft},
        {"no_spoc_cf", &s->no_spoc_cf},
        {"cf_per_stage", &s->cf_per_stage},
        {"excel", &s->excel},
    };
    for (size_t i = 0; i < sizeof counts / sizeof *counts; i++)
        if (strcmp(key, counts[i].key) == 0) {
            read_count(c, key, v, counts[i].out, counts[i].unlimited);
            return MAPA_OK;
        }
    for (size_t i = 0; i < sizeof numbers / sizeof *numbers; i++)
        if (strcmp(key, numbers[i].key) == 0) {
            read_weight(c, key, v, numbers[i].out);
            return MAPA_OK;
        }
    for (size_t i = 0; i < sizeof flags / sizeof *flags; i++)
        if (strcmp(key, flags[i].key) == 0) {
            read_bool(c, key, v, flags[i].out);
            return MAPA_OK;
        }
    if (strcmp(key, "weights") == 0)
        return read_weights(c, key, v, s);
    if (strcmp(key, "name") == 0) {
        char *name = json_is_string(v) ? mapa__strdup(json_string_value(v)) : NULL;
        if (!json_is_string(v))
            problem(c, MAPA_DIAG_ERROR, key, "must be a string");
        else if (name && has_control(name)) {
            problem(c, MAPA_DIAG_ERROR, key,
                    "holds a control character (such as \\u001b, escape): the name is one "
                    "line of text; remove it");
            free(name);
            return MAPA_OK;
        } else if (!name)
            return mapa_error_set(MAPA_ENOMEM, "out of memory reading settings");
        free(s->name);
        s->name = name;
        return MAPA_OK;
    }
    if (strcmp(key, "objective") == 0) {
        if (!json_is_string(v) || !mapa_objective_parse(&s->objective, json_string_value(v)))
            problem(c, MAPA_DIAG_ERROR, key,
                    "must be one of \"borda\", \"convex\", \"weights\", \"rank-maximal\", "
                    "\"fair\"");
        return MAPA_OK;
    }
    if (strcmp(key, "columns") == 0)
        return read_columns(c, key, v, s);
    if (strcmp(key, "near_miss") == 0) {
        const char *w = json_is_string(v) ? json_string_value(v) : "";
        if (strcmp(w, "match") == 0)
            s->near_miss = MAPA_NEAR_MISS_MATCH;
        else if (strcmp(w, "error") == 0)
            s->near_miss = MAPA_NEAR_MISS_ERROR;
        else
            problem(c, MAPA_DIAG_ERROR, key, "must be \"match\" or \"error\"");
        return MAPA_OK;
    }
    if (strcmp(key, "seed") == 0) {
        if (json_is_integer(v) && json_integer_value(v) >= 0)
            s->seed = (uint64_t)json_integer_value(v);
        else
            problem(c, MAPA_DIAG_ERROR, key, "must be a whole number, 0 or more");
        return MAPA_OK;
    }
    if (key[0] != '_' && strncmp(key, "comment", 7) != 0)
        problem(c, MAPA_DIAG_WARNING, key, "is not one mapa knows; it is ignored");
    return MAPA_OK;
}

static mapa_err read_object(const json_ctx *c, json_t *root, mapa_settings *s)
{
    bool has_weights = json_object_get(root, "weights") != NULL;
    bool has_objective = json_object_get(root, "objective") != NULL;
    const char *key;
    json_t *v;
    json_object_foreach(root, key, v)
    {
        mapa_err err = read_key(c, key, v, s);
        if (err != MAPA_OK)
            return err;
    }
    if (has_weights && !has_objective)
        s->objective = MAPA_OBJECTIVE_WEIGHTS;
    if (s->objective == MAPA_OBJECTIVE_WEIGHTS && !s->weights)
        problem(c, MAPA_DIAG_ERROR, "objective", "is \"weights\" but no \"weights\" list is given");
    else if (has_weights && s->objective != MAPA_OBJECTIVE_WEIGHTS)
        problem(c, MAPA_DIAG_WARNING, "weights", "is ignored: the objective is not \"weights\"");
    return MAPA_OK;
}

mapa_err mapa__parse_settings(mapa_settings *s, const char *text, size_t size, const char *shown,
                              mapa_diags *diags)
{
    json_error_t jerr;
    mapa__json_watch();
    json_t *root = json_loadb(text, size, JSON_REJECT_DUPLICATES, &jerr);
    if (!root && mapa__json_failed())
        return mapa_error_set(MAPA_ENOMEM, "out of memory reading %s", shown);
    if (!root) {
        mapa_diags_add(diags, MAPA_DIAG_ERROR, shown, jerr.line > 0 ? (size_t)jerr.line : 1,
                       jerr.column > 0 ? (size_t)jerr.column : 1, "not valid JSON: %s", jerr.text);
        return MAPA_OK;
    }
    mapa_err err = MAPA_OK;
    if (!json_is_object(root)) {
        mapa_diags_add(diags, MAPA_DIAG_ERROR, shown, 1, 1,
                       "must be a JSON object of settings: { \"objective\": \"borda\", ... }");
        goto cleanup;
    }
    json_ctx c = {text, shown, diags};
    err = read_object(&c, root, s);
cleanup:
    json_decref(root);
    return err;
}

mapa_err mapa__read_settings(mapa_settings *s, const char *path, const char *shown,
                             mapa_diags *diags)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        if (errno == ENOENT)
            return MAPA_ENOTFOUND;
        return mapa_error_set(MAPA_EIO, "%s: %s", shown, strerror(errno));
    }
    size_t size = 0;
    mapa_err err = MAPA_OK;
    char *text = mapa__read_text(fp, 1u << 24, &size);
    if (!text) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory reading %s", shown);
        goto cleanup;
    }
    if (size > (1u << 24)) {
        mapa_diags_add(diags, MAPA_DIAG_ERROR, shown, 0, 0, "is larger than 16 MiB");
        goto cleanup;
    }
    mapa__decoded dec = MAPA__DECODED_INIT; /* the same decoding as every CSV file */
    err = mapa__decode(&dec, text, size, shown, diags);
    if (err == MAPA_OK)
        err = mapa__parse_settings(s, dec.text, dec.size, shown, diags);
    mapa__decoded_dispose(&dec);
cleanup:
    free(text);
    fclose(fp);
    return err;
}
