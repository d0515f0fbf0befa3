/*
 * The HDF5 dataset of runs (docs/hdf5-schema.md): a chunked, compressed,
 * extendible compound table /runs with one row per run, a group /run/NNNNNNN
 * per run with its arrays, and the sweep, the mapa version and the creation
 * time as attributes of the root. Every append ends with a flush, so a file
 * interrupted between appends is readable and the next run resumes it.
 * HDF5's own error printing is off; its messages come back as errors.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <hdf5.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <mapa/runs.h>

#include "models/util.h"

#ifndef MAPA_VERSION_STRING
#define MAPA_VERSION_STRING "unknown"
#endif

struct mapa_runs_file {
    hid_t file, runs, type, groups;
    char *path;
    bool created;
    int64_t *done; /* run ids in the file, sorted */
    size_t n_done, cap_done;
};

typedef enum kind { I8, I32, I64, U64, F64, TEXT, BOOL } kind;

#define FIELD(name, k)                                                                             \
    {                                                                                              \
#name, offsetof(mapa_run_row, name), k                                                     \
    }
static const struct {
    const char *name;
    size_t offset;
    kind kind;
} FIELDS[] = {
    FIELD(run_id, I64),
    FIELD(scenario, I64),
    FIELD(replicate, I32),
    FIELD(seed, U64),
    /* the parameters go here */
    FIELD(alloc_policy, TEXT),
    FIELD(cf_policy, TEXT),
    FIELD(members, I32),
    FIELD(topics, I32),
    FIELD(agencies, I32),
    FIELD(actions, I32),
    FIELD(alloc_status, TEXT),
    FIELD(rules_broken, I32),
    FIELD(plan_valid, BOOL),
    FIELD(alloc_objective, F64),
    FIELD(alloc_bound, F64),
    FIELD(alloc_gap, F64),
    FIELD(alloc_seconds, F64),
    /* rank_1 ... rank_5 go here */
    FIELD(rank_later, I32),
    FIELD(unranked, I32),
    FIELD(worst_rank, I32),
    FIELD(mean_rank, F64),
    FIELD(first_choice_share, F64),
    FIELD(mean_agencies_per_team, F64),
    FIELD(min_agencies_per_team, I32),
    FIELD(teams_below_min_agencies, I32),
    FIELD(largest_agency_share, F64),
    FIELD(cf_status, TEXT),
    FIELD(cf_objective, F64),
    FIELD(cf_seconds, F64),
    FIELD(cf_places, I32),
    FIELD(cf_filled, I32),
    FIELD(cf_coverage, F64),
    FIELD(strongly_connected, I8),
    FIELD(reach_one_step, F64),
    FIELD(reach_two_steps, F64),
    FIELD(diameter, I32),
    FIELD(density, F64),
    FIELD(average_path, F64),
    FIELD(transitivity, F64),
    FIELD(betweenness_centralization, F64),
    FIELD(ei_agency, F64),
    FIELD(modularity_team, F64),
    FIELD(components, I32),
    FIELD(articulation_points, I32),
    FIELD(duplicate_pairs, I32),
    FIELD(duplicates_spotted, I32),
    FIELD(duplicates_spotted_share, F64),
    FIELD(planted_pairs, I32),
    FIELD(planted_found, I32),
    FIELD(planted_spotted, I32),
    FIELD(planted_spotted_share, F64),
    FIELD(seconds, F64),
};
#undef FIELD
enum { N_FIELDS = sizeof FIELDS / sizeof FIELDS[0] };

static hid_t text_type(void)
{
    hid_t t = H5Tcopy(H5T_C_S1);
    H5Tset_size(t, MAPA_RUN_TEXT);
    H5Tset_strpad(t, H5T_STR_NULLPAD);
    H5Tset_cset(t, H5T_CSET_UTF8);
    return t;
}

/* An int8 enum FALSE = 0, TRUE = 1: h5py and pandas read it as bool, R as logical. */
static hid_t bool_type(void)
{
    hid_t t = H5Tenum_create(H5T_NATIVE_INT8);
    int8_t no = 0, yes = 1;
    H5Tenum_insert(t, "FALSE", &no);
    H5Tenum_insert(t, "TRUE", &yes);
    return t;
}

static hid_t native(kind k)
{
    switch (k) {
    case I8: return H5T_NATIVE_INT8;
    case I32: return H5T_NATIVE_INT32;
    case I64: return H5T_NATIVE_INT64;
    case U64: return H5T_NATIVE_UINT64;
    default: return H5T_NATIVE_DOUBLE;
    }
}

/* The row's compound type, with param_NAME columns after `seed` and rank_K after the gap. */
static hid_t row_type(const char *const *params, size_t n_params)
{
    hid_t t = H5Tcreate(H5T_COMPOUND, sizeof(mapa_run_row)), s = text_type(), b = bool_type();
    for (size_t k = 0; k < N_FIELDS; k++) {
        H5Tinsert(t, FIELDS[k].name, FIELDS[k].offset,
                  FIELDS[k].kind == TEXT   ? s
                  : FIELDS[k].kind == BOOL ? b
                                           : native(FIELDS[k].kind));
        char name[96];
        if (strcmp(FIELDS[k].name, "seed") == 0)
            for (size_t i = 0; i < n_params && i < MAPA_RUN_PARAMS; i++) {
                snprintf(name, sizeof name, "param_%s", params[i]);
                H5Tinsert(t, name, offsetof(mapa_run_row, param) + i * sizeof(double),
                          H5T_NATIVE_DOUBLE);
            }
        if (strcmp(FIELDS[k].name, "alloc_seconds") == 0)
            for (size_t r = 0; r < MAPA_RUN_RANKS; r++) {
                snprintf(name, sizeof name, "rank_%zu", r + 1);
                H5Tinsert(t, name, offsetof(mapa_run_row, rank_count) + r * sizeof(int32_t),
                          H5T_NATIVE_INT32);
            }
    }
    H5Tclose(s);
    H5Tclose(b);
    return t;
}

/* HDF5's innermost message and the system's, for the error text. */
static herr_t innermost(unsigned n, const H5E_error2_t *e, void *payload)
{
    (void)n;
    char *out = payload;
    if (!out[0] && e->desc)
        snprintf(out, 256, "%s", e->desc);
    return 0;
}

static mapa_err hdf5_error(const char *path, const char *what)
{
    char reason[256] = "";
    int saved = errno;
    H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, innermost, reason);
    H5Eclear2(H5E_DEFAULT);
    if (saved) /* the system's reason says it best: "No space left on device" */
        return mapa_error_set(MAPA_EIO, "could not %s %s: %s", what, path, strerror(saved));
    return mapa_error_set(MAPA_EIO, "could not %s %s: %s", what, path,
                          reason[0] ? reason : "the HDF5 library failed");
}

static bool set_text_attr(hid_t obj, const char *name, const char *value)
{
    hid_t t = H5Tcopy(H5T_C_S1);
    H5Tset_size(t, H5T_VARIABLE);
    H5Tset_cset(t, H5T_CSET_UTF8);
    hid_t space = H5Screate(H5S_SCALAR);
    hid_t a = H5Acreate2(obj, name, t, space, H5P_DEFAULT, H5P_DEFAULT);
    bool ok = a >= 0 && H5Awrite(a, t, &value) >= 0;
    if (a >= 0)
        H5Aclose(a);
    H5Sclose(space);
    H5Tclose(t);
    return ok;
}

/* A text attribute, malloc'd; NULL when absent. */
static char *get_text_attr(hid_t obj, const char *name)
{
    if (H5Aexists(obj, name) <= 0)
        return NULL;
    hid_t a = H5Aopen(obj, name, H5P_DEFAULT);
    hid_t t = H5Tcopy(H5T_C_S1);
    H5Tset_size(t, H5T_VARIABLE);
    H5Tset_cset(t, H5T_CSET_UTF8);
    char *value = NULL, *copy = NULL;
    if (a >= 0 && H5Aread(a, t, &value) >= 0 && value) {
        copy = mapa__strdup(value);
        H5free_memory(value);
    }
    if (a >= 0)
        H5Aclose(a);
    H5Tclose(t);
    return copy;
}

static int by_id(const void *x, const void *y)
{
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return (a > b) - (a < b);
}

static mapa_err remember(mapa_runs_file *f, int64_t id)
{
    if (f->n_done == f->cap_done) {
        size_t cap = f->cap_done ? 2 * f->cap_done : 256;
        int64_t *d = realloc(f->done, cap * sizeof *d);
        if (!d)
            return mapa_error_set(MAPA_ENOMEM, "out of memory");
        f->done = d, f->cap_done = cap;
    }
    f->done[f->n_done++] = id;
    return MAPA_OK;
}

/* The run ids of an existing /runs. */
static mapa_err read_done(mapa_runs_file *f)
{
    hid_t space = H5Dget_space(f->runs);
    hssize_t n = space >= 0 ? H5Sget_simple_extent_npoints(space) : -1;
    if (space >= 0)
        H5Sclose(space);
    if (n < 0)
        return hdf5_error(f->path, "read");
    hid_t t = H5Tcreate(H5T_COMPOUND, sizeof(int64_t));
    H5Tinsert(t, "run_id", 0, H5T_NATIVE_INT64);
    int64_t *ids = malloc(((size_t)n + 1) * sizeof *ids);
    mapa_err err = ids ? MAPA_OK : mapa_error_set(MAPA_ENOMEM, "out of memory");
    if (err == MAPA_OK && n > 0 && H5Dread(f->runs, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, ids) < 0)
        err = hdf5_error(f->path, "read the runs of");
    H5Tclose(t);
    for (hssize_t k = 0; err == MAPA_OK && k < n; k++)
        err = remember(f, ids[k]);
    free(ids);
    if (f->n_done)
        qsort(f->done, f->n_done, sizeof *f->done, by_id);
    return err;
}

/* An empty, extendible, chunked and compressed table of `type`'s rows. */
static hid_t create_table(hid_t file, const char *name, hid_t type)
{
    hsize_t dims[1] = {0}, maxdims[1] = {H5S_UNLIMITED}, chunk[1] = {256};
    hid_t space = H5Screate_simple(1, dims, maxdims);
    hid_t plist = H5Pcreate(H5P_DATASET_CREATE);
    H5Pset_chunk(plist, 1, chunk);
    H5Pset_shuffle(plist);
    H5Pset_deflate(plist, 4);
    hid_t d = H5Dcreate2(file, name, type, space, H5P_DEFAULT, plist, H5P_DEFAULT);
    H5Pclose(plist);
    H5Sclose(space);
    return d;
}

static mapa_err create_layout(mapa_runs_file *f, const char *spec_json)
{
    f->runs = create_table(f->file, "runs", f->type);
    f->groups = H5Gcreate2(f->file, "run", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    char created[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(created, sizeof created, "%Y-%m-%dT%H:%M:%SZ", &tm);
    bool ok = f->runs >= 0 && f->groups >= 0 && set_text_attr(f->file, "sweep", spec_json) &&
              set_text_attr(f->file, "mapa_version", MAPA_VERSION_STRING) &&
              set_text_attr(f->file, "created", created) &&
              set_text_attr(f->file, "schema", "mapa runs 2 (docs/hdf5-schema.md)") &&
              H5Fflush(f->file, H5F_SCOPE_GLOBAL) >= 0;
    return ok ? MAPA_OK : hdf5_error(f->path, "create");
}

static mapa_err open_existing(mapa_runs_file *f, const char *spec_json, char **old_spec)
{
    f->file = H5Fopen(f->path, H5F_ACC_RDWR, H5P_DEFAULT);
    if (f->file < 0)
        return mapa_error_set(MAPA_EIO,
                              "%s exists but is not an HDF5 file mapa can open: give "
                              "another -o or remove it",
                              f->path);
    char *old = get_text_attr(f->file, "sweep");
    bool same = old && strcmp(old, spec_json) == 0;
    if (!old || (!same && !old_spec)) {
        free(old);
        return mapa_error_set(MAPA_EFORMAT,
                              "%s holds the results of another sweep (its 'sweep' attribute "
                              "differs): give another -o or remove it",
                              f->path);
    }
    if (same)
        free(old);
    else
        *old_spec = old; /* the caller's now */
    f->runs = H5Dopen2(f->file, "runs", H5P_DEFAULT);
    f->groups = H5Gopen2(f->file, "run", H5P_DEFAULT);
    if (f->runs < 0 || f->groups < 0)
        return hdf5_error(f->path, "open");
    return read_done(f);
}

mapa_err mapa_runs_file_describe(char **spec_json, const char *path)
{
    *spec_json = NULL;
    if (access(path, F_OK) != 0)
        return MAPA_ENOTFOUND;
    H5dont_atexit();
    H5Eset_auto2(H5E_DEFAULT, NULL, NULL);
    if (H5Fis_hdf5(path) <= 0)
        return mapa_error_set(MAPA_EFORMAT, "%s is not an HDF5 file", path);
    hid_t file = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    if (file < 0)
        return mapa_error_set(MAPA_EFORMAT, "%s is an HDF5 file mapa cannot open", path);
    char *spec = get_text_attr(file, "sweep");
    bool ours = spec && H5Lexists(file, "runs", H5P_DEFAULT) > 0;
    H5Fclose(file);
    if (!ours) {
        free(spec);
        return mapa_error_set(MAPA_EFORMAT, "%s is an HDF5 file that mapa did not write", path);
    }
    *spec_json = spec;
    return MAPA_OK;
}

mapa_err mapa_runs_file_open(mapa_runs_file **out, const char *path, const char *spec_json,
                             const char *const *params, size_t n_params, bool *resumed)
{
    return mapa_runs_file_open_any(out, path, spec_json, params, n_params, resumed, NULL);
}

mapa_err mapa_runs_file_open_any(mapa_runs_file **out, const char *path, const char *spec_json,
                                 const char *const *params, size_t n_params, bool *resumed,
                                 char **old_spec)
{
    *out = NULL;
    if (old_spec)
        *old_spec = NULL;
    *resumed = false;
    if (n_params > MAPA_RUN_PARAMS)
        return mapa_error_set(MAPA_EINVAL, "at most %d parameters vary in a sweep",
                              MAPA_RUN_PARAMS);
    /* HDF5 1.10 crashes at exit closing a file whose last flush failed (a full disk): the
       library is not shut down at exit; every file is closed explicitly instead. */
    H5dont_atexit();
    H5Eset_auto2(H5E_DEFAULT, NULL, NULL);
    mapa_runs_file *f = calloc(1, sizeof *f);
    if (!f || !(f->path = mapa__strdup(path))) {
        free(f);
        return mapa_error_set(MAPA_ENOMEM, "out of memory");
    }
    f->file = f->runs = f->groups = -1;
    f->type = row_type(params, n_params);
    mapa_err err;
    if (access(path, F_OK) == 0) {
        err = open_existing(f, spec_json, old_spec);
        *resumed = err == MAPA_OK;
    } else {
        errno = 0;
        f->file = H5Fcreate(path, H5F_ACC_EXCL, H5P_DEFAULT, H5P_DEFAULT);
        f->created = f->file >= 0;
        err = f->file >= 0 ? create_layout(f, spec_json) : hdf5_error(path, "create");
    }
    if (err != MAPA_OK) {
        mapa_runs_file_close(f, true);
        if (old_spec) {
            free(*old_spec);
            *old_spec = NULL;
        }
        return err;
    }
    *out = f;
    return MAPA_OK;
}

bool mapa_runs_file_has(const mapa_runs_file *f, int64_t run_id)
{
    return f->n_done && bsearch(&run_id, f->done, f->n_done, sizeof *f->done, by_id) != NULL;
}

size_t mapa_runs_file_count(const mapa_runs_file *f)
{
    return f->n_done;
}

/* A 1-D dataset: compact when small, else chunked and compressed. */
static bool write_array(hid_t group, const char *name, hid_t type, const void *data, size_t n)
{
    if (!data)
        return true;
    hsize_t dims[1] = {n};
    hid_t space = H5Screate_simple(1, dims, NULL);
    hid_t plist = H5Pcreate(H5P_DATASET_CREATE);
    size_t bytes = n * H5Tget_size(type);
    if (n > 0 && bytes <= 16384) {
        H5Pset_layout(plist, H5D_COMPACT);
    } else if (n > 0) {
        hsize_t chunk[1] = {n < 65536 ? n : 65536};
        H5Pset_chunk(plist, 1, chunk);
        H5Pset_shuffle(plist);
        H5Pset_deflate(plist, 4);
    }
    hid_t d = H5Dcreate2(group, name, type, space, H5P_DEFAULT, plist, H5P_DEFAULT);
    bool ok = d >= 0 && (n == 0 || H5Dwrite(d, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) >= 0);
    if (d >= 0)
        H5Dclose(d);
    H5Pclose(plist);
    H5Sclose(space);
    return ok;
}

static bool write_group(hid_t groups, const mapa_run_row *row, const mapa_run_arrays *a)
{
    char name[32];
    snprintf(name, sizeof name, "%07lld", (long long)row->run_id);
    if (H5Lexists(groups, name, H5P_DEFAULT) > 0) /* left by an interrupted append */
        H5Ldelete(groups, name, H5P_DEFAULT);
    hid_t g = H5Gcreate2(groups, name, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    if (g < 0)
        return false;
    bool ok = write_array(g, "team", H5T_NATIVE_INT32, a->team, a->n_members) &&
              write_array(g, "rank", H5T_NATIVE_INT32, a->rank, a->n_members) &&
              write_array(g, "spoc", H5T_NATIVE_INT32, a->spoc, a->n_topics) &&
              write_array(g, "cf_member", H5T_NATIVE_INT32, a->cf_member, a->n_cf) &&
              write_array(g, "cf_team", H5T_NATIVE_INT32, a->cf_team, a->n_cf) &&
              write_array(g, "betweenness", H5T_NATIVE_DOUBLE, a->betweenness, a->n_members) &&
              write_array(g, "degree", H5T_NATIVE_INT32, a->degree, a->n_members) &&
              write_array(g, "articulation_point", H5T_NATIVE_INT8, a->articulation, a->n_members);
    H5Gclose(g);
    return ok;
}

/* Append n rows to the table d (memory type `type`). */
static bool append_rows(hid_t d, hid_t type, const mapa_run_row *rows, size_t n)
{
    hid_t space = H5Dget_space(d);
    hsize_t old = 0, count[1] = {n};
    bool ok = space >= 0 && H5Sget_simple_extent_dims(space, &old, NULL) >= 0;
    if (space >= 0)
        H5Sclose(space);
    if (!ok || n == 0)
        return ok;
    hsize_t size[1] = {old + n}, start[1] = {old};
    ok = H5Dset_extent(d, size) >= 0;
    hid_t file_space = ok ? H5Dget_space(d) : -1;
    hid_t mem_space = H5Screate_simple(1, count, NULL);
    ok = ok && file_space >= 0 &&
         H5Sselect_hyperslab(file_space, H5S_SELECT_SET, start, NULL, count, NULL) >= 0 &&
         H5Dwrite(d, type, mem_space, file_space, H5P_DEFAULT, rows) >= 0;
    if (file_space >= 0)
        H5Sclose(file_space);
    H5Sclose(mem_space);
    return ok;
}

mapa_err mapa_runs_file_append(mapa_runs_file *f, const mapa_run_row *rows,
                               const mapa_run_arrays *arrays, size_t n)
{
    errno = 0;
    for (size_t k = 0; k < n; k++)
        if (!write_group(f->groups, &rows[k], &arrays[k]))
            return hdf5_error(f->path, "write a run's arrays to");
    if (!append_rows(f->runs, f->type, rows, n) || H5Fflush(f->file, H5F_SCOPE_GLOBAL) < 0)
        return hdf5_error(f->path, "write the runs to");
    for (size_t k = 0; k < n; k++)
        if (remember(f, rows[k].run_id) != MAPA_OK)
            return MAPA_ENOMEM;
    qsort(f->done, f->n_done, sizeof *f->done, by_id);
    return MAPA_OK;
}

/* Every row of /runs, malloc'd (the parameters in this file's order). */
static mapa_err read_rows(mapa_runs_file *f, mapa_run_row **out, size_t *n_out)
{
    *out = NULL;
    *n_out = 0;
    hid_t space = H5Dget_space(f->runs);
    hssize_t n = space >= 0 ? H5Sget_simple_extent_npoints(space) : -1;
    if (space >= 0)
        H5Sclose(space);
    if (n < 0)
        return hdf5_error(f->path, "read");
    mapa_run_row *rows = calloc((size_t)n + 1, sizeof *rows);
    if (!rows)
        return mapa_error_set(MAPA_ENOMEM, "out of memory reading the runs of %s", f->path);
    if (n > 0 && H5Dread(f->runs, f->type, H5S_ALL, H5S_ALL, H5P_DEFAULT, rows) < 0) {
        free(rows);
        return hdf5_error(f->path, "read the runs of");
    }
    *out = rows;
    *n_out = (size_t)n;
    return MAPA_OK;
}

static int row_by_id(const void *x, const void *y)
{
    return by_id(&((const mapa_run_row *)x)->run_id, &((const mapa_run_row *)y)->run_id);
}

/* Replace /runs by a new table of `rows` (sorted), keeping the file's column order. A new
   table is written beside the old and swapped in by name, so the old rows stay whole until
   the new ones are. */
static mapa_err replace_rows(mapa_runs_file *f, mapa_run_row *rows, size_t n)
{
    qsort(rows, n, sizeof *rows, row_by_id);
    hid_t disk = H5Dget_type(f->runs);
    if (H5Lexists(f->file, "runs.new", H5P_DEFAULT) > 0)
        H5Ldelete(f->file, "runs.new", H5P_DEFAULT);
    hid_t d = disk >= 0 ? create_table(f->file, "runs.new", disk) : -1;
    if (disk >= 0)
        H5Tclose(disk);
    bool ok = d >= 0 && append_rows(d, f->type, rows, n);
    if (d >= 0)
        H5Dclose(d);
    if (!ok)
        return hdf5_error(f->path, "rewrite the runs of");
    H5Dclose(f->runs);
    f->runs = -1;
    ok = H5Ldelete(f->file, "runs", H5P_DEFAULT) >= 0 &&
         H5Lmove(f->file, "runs.new", f->file, "runs", H5P_DEFAULT, H5P_DEFAULT) >= 0 &&
         (f->runs = H5Dopen2(f->file, "runs", H5P_DEFAULT)) >= 0;
    if (!ok)
        return hdf5_error(f->path, "rewrite the runs of");
    f->n_done = 0;
    for (size_t k = 0; k < n; k++)
        if (remember(f, rows[k].run_id) != MAPA_OK)
            return MAPA_ENOMEM;
    return MAPA_OK;
}

mapa_err mapa_runs_file_sort(mapa_runs_file *f)
{
    mapa_run_row *rows = NULL;
    size_t n = 0;
    mapa_err err = read_rows(f, &rows, &n);
    if (err != MAPA_OK)
        return err;
    bool sorted = true;
    for (size_t k = 1; sorted && k < n; k++)
        sorted = rows[k - 1].run_id < rows[k].run_id;
    if (!sorted) {
        err = replace_rows(f, rows, n);
        if (err == MAPA_OK && H5Fflush(f->file, H5F_SCOPE_GLOBAL) < 0)
            err = hdf5_error(f->path, "write");
    }
    free(rows);
    return err;
}

/* Move each row's group from /run to the new group `to` under its new id (old ids in `old`). */
static bool move_groups(mapa_runs_file *f, hid_t to, const mapa_run_row *rows, const int64_t *old,
                        size_t n)
{
    for (size_t k = 0; k < n; k++) {
        char from_name[32], to_name[32];
        snprintf(from_name, sizeof from_name, "%07lld", (long long)old[k]);
        snprintf(to_name, sizeof to_name, "%07lld", (long long)rows[k].run_id);
        if (H5Lexists(f->groups, from_name, H5P_DEFAULT) > 0 &&
            H5Lmove(f->groups, from_name, to, to_name, H5P_DEFAULT, H5P_DEFAULT) < 0)
            return false;
    }
    return true;
}

mapa_err mapa_runs_file_renumber(mapa_runs_file *f, const char *spec_json,
                                 mapa_err (*map)(mapa_run_row *row, void *payload), void *payload)
{
    mapa_run_row *rows = NULL;
    size_t n = 0;
    int64_t *old = NULL;
    mapa_err err = read_rows(f, &rows, &n);
    if (err != MAPA_OK)
        return err;
    old = malloc((n + 1) * sizeof *old);
    if (!old) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory renumbering %s", f->path);
        goto cleanup;
    }
    bool changed = false;
    for (size_t k = 0; k < n; k++) { /* every row mapped before anything is written */
        old[k] = rows[k].run_id;
        err = map(&rows[k], payload);
        if (err != MAPA_OK)
            goto cleanup;
        changed = changed || rows[k].run_id != old[k];
    }
    errno = 0;
    if (!changed) { /* every run keeps its id: only the description changes */
        err = mapa_runs_file_attr_text(f, "sweep", spec_json);
        if (err == MAPA_OK && H5Fflush(f->file, H5F_SCOPE_GLOBAL) < 0)
            err = hdf5_error(f->path, "write");
        goto cleanup;
    }
    if (H5Lexists(f->file, "run.new", H5P_DEFAULT) > 0)
        H5Ldelete(f->file, "run.new", H5P_DEFAULT);
    hid_t to = H5Gcreate2(f->file, "run.new", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    bool ok = to >= 0 && move_groups(f, to, rows, old, n);
    if (to >= 0)
        H5Gclose(to);
    H5Gclose(f->groups);
    f->groups = -1;
    ok = ok && H5Ldelete(f->file, "run", H5P_DEFAULT) >= 0 && /* groups of cut units go too */
         H5Lmove(f->file, "run.new", f->file, "run", H5P_DEFAULT, H5P_DEFAULT) >= 0 &&
         (f->groups = H5Gopen2(f->file, "run", H5P_DEFAULT)) >= 0;
    if (!ok) {
        err = hdf5_error(f->path, "renumber the runs of");
        goto cleanup;
    }
    err = replace_rows(f, rows, n);
    if (err != MAPA_OK)
        goto cleanup;
    err = mapa_runs_file_attr_text(f, "sweep", spec_json);
    if (err == MAPA_OK && H5Fflush(f->file, H5F_SCOPE_GLOBAL) < 0)
        err = hdf5_error(f->path, "write");
cleanup:
    free(rows);
    free(old);
    return err;
}

mapa_err mapa_runs_file_attr_text(mapa_runs_file *f, const char *name, const char *value)
{
    if (H5Aexists(f->file, name) > 0)
        H5Adelete(f->file, name);
    errno = 0;
    return set_text_attr(f->file, name, value) ? MAPA_OK : hdf5_error(f->path, "write");
}

mapa_err mapa_runs_file_attr_number(mapa_runs_file *f, const char *name, double value)
{
    if (H5Aexists(f->file, name) > 0)
        H5Adelete(f->file, name);
    errno = 0;
    hid_t space = H5Screate(H5S_SCALAR);
    hid_t a = H5Acreate2(f->file, name, H5T_IEEE_F64LE, space, H5P_DEFAULT, H5P_DEFAULT);
    bool ok = a >= 0 && H5Awrite(a, H5T_NATIVE_DOUBLE, &value) >= 0;
    if (a >= 0)
        H5Aclose(a);
    H5Sclose(space);
    return ok ? MAPA_OK : hdf5_error(f->path, "write");
}

mapa_err mapa_runs_file_close(mapa_runs_file *f, bool failed)
{
    if (!f)
        return MAPA_OK;
    mapa_err err = MAPA_OK;
    if (f->runs >= 0)
        H5Dclose(f->runs);
    if (f->groups >= 0)
        H5Gclose(f->groups);
    if (f->type >= 0)
        H5Tclose(f->type);
    if (f->file >= 0 && H5Fclose(f->file) < 0 && !failed)
        err = hdf5_error(f->path, "close");
    if ((failed || err != MAPA_OK) && f->created)
        unlink(f->path); /* nothing half-written left behind */
    free(f->path);
    free(f->done);
    free(f);
    return err;
}
