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

mapa_err mapa_plan_write_hdf5(const char *path, const mapa_partnership *p,
                              const mapa_plan_result *r, const mapa_plan_options *o)
{
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
    bool resumed = false;
    err = mapa_runs_file_open(&f, tmp, spec, NULL, 0, &resumed);
    if (err == MAPA_OK)
        err = mapa_runs_file_append(f, &row, &arrays, 1);
    if (f) {
        mapa_err closed = mapa_runs_file_close(f, err != MAPA_OK);
        err = err == MAPA_OK ? closed : err;
    }
    if (err == MAPA_OK && rename(tmp, path) != 0) {
        err = mapa_error_set(MAPA_EIO, "could not write %s", path);
        unlink(tmp);
    }
    if (err != MAPA_OK && err != MAPA_ENOMEM) { /* the message may name the temporary */
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
