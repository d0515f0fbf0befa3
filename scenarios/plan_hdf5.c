/*
 * The finished plan as run 0 of an HDF5 dataset, with the same /runs row and
 * /run/0000000 group a sweep writes (docs/hdf5-schema.md). Written under a
 * temporary name and renamed, so the file is whole or absent.
 */
#define _POSIX_C_SOURCE 200809L
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mapa/plan.h>
#include <mapa/policy.h>
#include <mapa/runs.h>

#include "io/temporaries.h"
#include "models/util.h"

/* The run's description, stored as the dataset's sweep attribute. */
static char *describe(const mapa_run_row *row, const mapa_plan_options *o)
{
    json_t *spec = json_pack("{s:s, s:s, s:s}", "plan", o->source ? o->source : "", "allocation",
                             row->alloc_policy, "cf", row->cf_policy);
    char *text = spec ? json_dumps(spec, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    json_decref(spec);
    return text;
}

static void policies(mapa_run_row *row, const mapa_partnership *p, const mapa_plan_options *o)
{
    char policy[MAPA_RUN_TEXT];
    const char *name = mapa_alloc_policy_name(o->alloc.policy);
    snprintf(policy, sizeof policy, "%s:%s", name, mapa_objective_name(p->settings.objective));
    /* as a sweep file names them: "optimal" is the optimum of the default objective (borda) */
    bool named = o->alloc.policy == MAPA_POLICY_OPTIMAL &&
                 p->settings.objective != MAPA_OBJECTIVE_BORDA;
    mapa_run_text(row->alloc_policy, named ? policy : name);
    mapa_run_text(row->cf_policy, mapa_cf_policy_name(o->cf.policy));
}

/*
 * --hdf5 writes over a file only when it is a plan mapa wrote before: never
 * over another file, nor over a sweep's dataset, whose runs it would destroy.
 */
static mapa_err may_replace(const char *path, bool *replaces)
{
    char *spec = NULL;
    *replaces = false;
    mapa_err err = mapa_runs_file_describe(&spec, path);
    if (err == MAPA_ENOTFOUND)
        return MAPA_OK;
    if (err == MAPA_EFORMAT) {
        char why[512];
        snprintf(why, sizeof why, "%s", mapa_error_last());
        return mapa_error_set(MAPA_EINVAL,
                              "--hdf5 %s: %s; it is left as it is: give another file name", path,
                              why);
    }
    if (err != MAPA_OK)
        return err;
    json_t *root = json_loads(spec, 0, NULL);
    bool plan = json_is_object(root) && json_object_get(root, "plan");
    json_decref(root);
    free(spec);
    if (!plan)
        return mapa_error_set(MAPA_EINVAL,
                              "--hdf5 %s holds a sweep's runs (mapa sweep); it is left as it is: "
                              "give another file name",
                              path);
    *replaces = true;
    return MAPA_OK;
}

mapa_err mapa_plan_write_hdf5(const char *path, const mapa_partnership *p,
                              mapa_plan_result *r, const mapa_plan_options *o)
{
    bool replaces = false;
    mapa_err refused = may_replace(path, &replaces);
    if (refused != MAPA_OK)
        return refused;
    mapa_run_row row;
    memset(&row, 0, sizeof row);
    row.seed = p->settings.seed;
    policies(&row, p, o);
    mapa_run_arrays arrays;
    mapa_run_options ro = {true, true};
    char *spec = NULL, *tmp = NULL;
    mapa_runs_file *f = NULL;
    mapa_err err = mapa_run_measure(&row, &arrays, p, &r->alloc, &r->cf, NULL, 0, &ro);
    if (err != MAPA_OK)
        goto cleanup;
    row.seconds = r->alloc.seconds + r->cf.seconds;
    spec = describe(&row, o);
    tmp = mapa__format("%s.tmp%ld", path, (long)getpid());
    if (!spec || !tmp) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory");
        goto cleanup;
    }
    unlink(tmp);
    mapa__temp_note(tmp);
    bool resumed = false;
    err = mapa_runs_file_open(&f, tmp, spec, NULL, 0, &resumed);
    if (err == MAPA_OK)
        err = mapa_runs_file_append(f, &row, &arrays, 1);
    if (f) {
        mapa_err closed = mapa_runs_file_close(f, err != MAPA_OK);
        err = err == MAPA_OK ? closed : err;
    }
    if (err == MAPA_OK)
        r->hdf5_replaced = replaces;
    if (err == MAPA_OK && rename(tmp, path) != 0) {
        err = mapa_error_set(MAPA_EIO, "could not write %s", path);
        unlink(tmp);
    }
    mapa__temp_forget(tmp);
    if (err != MAPA_OK && err != MAPA_ENOMEM && err != MAPA_EINVAL) { /* may name the temporary */
        char why[512];
        snprintf(why, sizeof why, "%s", mapa_error_last());
        err = mapa_error_set(err, "--hdf5 %s not written: %s", path, why);
    }
cleanup:
    mapa_run_arrays_dispose(&arrays); /* zeroed by mapa_run_measure on failure */
    free(spec);
    free(tmp);
    return err;
}
