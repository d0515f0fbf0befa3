/*
 * mapa plan --hdf5 FILE: the finished plan as run 0 of an HDF5 dataset, with
 * the same /runs row and /run/0000000 group a sweep writes (docs/hdf5-schema.md).
 * Written under a temporary name and renamed, so FILE is whole or absent.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mapa/runs.h>

#include "cli/plan_options.h"

static const char *alloc_policy_name(mapa_alloc_policy p)
{
    return p == MAPA_POLICY_GREEDY ? "greedy" : p == MAPA_POLICY_RANDOM ? "random" : "optimal";
}

static const char *cf_policy_name(mapa_cf_policy p)
{
    return p == MAPA_CF_RANDOM ? "random" : p == MAPA_CF_NONE ? "none" : "optimal";
}

int mapa_cli_plan_hdf5(const plan_options *o, const char *verb, const mapa_partnership *p,
                       const mapa_alloc *a, const mapa_cf *cf)
{
    mapa_run_row row;
    memset(&row, 0, sizeof row);
    row.seed = p->settings.seed;
    char policy[MAPA_RUN_TEXT];
    snprintf(policy, sizeof policy, "%s:%s", alloc_policy_name(o->alloc.policy),
             mapa_objective_name(p->settings.objective));
    mapa_run_text(row.alloc_policy, o->alloc.policy == MAPA_POLICY_OPTIMAL
                                        ? policy
                                        : alloc_policy_name(o->alloc.policy));
    mapa_run_text(row.cf_policy, cf_policy_name(o->cf.policy));
    mapa_run_arrays arrays;
    mapa_run_options ro = {true, true};
    mapa_err err = mapa_run_measure(&row, &arrays, p, a, cf, NULL, 0, &ro);
    row.seconds = a->seconds + cf->seconds;
    json_t *spec = json_pack("{s:s, s:s, s:s}", "plan", o->dir, "allocation", row.alloc_policy,
                             "cf", row.cf_policy);
    char *spec_json = spec ? json_dumps(spec, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    json_decref(spec);
    size_t len = strlen(o->hdf5) + 32;
    char *tmp = malloc(len);
    if (err == MAPA_OK && (!spec_json || !tmp))
        err = mapa_error_set(MAPA_ENOMEM, "out of memory");
    mapa_runs_file *f = NULL;
    bool resumed = false;
    if (err == MAPA_OK) {
        snprintf(tmp, len, "%s.tmp%ld", o->hdf5, (long)getpid());
        unlink(tmp);
        err = mapa_runs_file_open(&f, tmp, spec_json, NULL, 0, &resumed);
    }
    if (err == MAPA_OK)
        err = mapa_runs_file_append(f, &row, &arrays, 1);
    if (f) {
        mapa_err closed = mapa_runs_file_close(f, err != MAPA_OK);
        err = err == MAPA_OK ? closed : err;
    }
    if (err == MAPA_OK && rename(tmp, o->hdf5) != 0) {
        err = mapa_error_set(MAPA_EIO, "could not write %s", o->hdf5);
        unlink(tmp);
    }
    if (err == MAPA_OK && !o->quiet)
        printf("Wrote %s (the plan as run 0: docs/hdf5-schema.md)\n", o->hdf5);
    else if (err != MAPA_OK) /* the message may name the temporary: say the file asked for */
        fprintf(stderr, "mapa %s: --hdf5 %s not written: %s\n", verb, o->hdf5, mapa_error_last());
    mapa_run_arrays_dispose(&arrays); /* zeroed by mapa_run_measure on failure */
    free(spec_json);
    free(tmp);
    return mapa_cli_exit_code(err);
}
