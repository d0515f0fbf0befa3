/* Reading a saved plan back (teams.csv, critical_friends.csv) for the commands that start from one. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <mapa/output.h>

#include "models/util.h"

mapa_err mapa_saved_plan_read(mapa_saved_plan *out, const char *dir, const mapa_partnership *p,
                              bool need_cf, mapa_diags *diags)
{
    mapa_err err = MAPA_OK;
    *out = (mapa_saved_plan)MAPA_SAVED_PLAN_INIT;
    char *teams = mapa__path_join(dir, "teams.csv");
    char *cfs = mapa__path_join(dir, "critical_friends.csv");
    if (!teams || !cfs) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory while reading the plan in %s", dir);
        goto cleanup;
    }
    err = mapa_read_teams_csv(&out->team, &out->spoc, p, teams, diags);
    if (err != MAPA_OK)
        goto cleanup;
    struct stat st;
    if (need_cf || stat(cfs, &st) == 0 || errno != ENOENT) {
        err = mapa_read_cf_csv(&out->cf, p, out->team, cfs, diags);
        out->have_cf = err == MAPA_OK;
    }
cleanup:
    free(teams);
    free(cfs);
    return err;
}

void mapa_saved_plan_dispose(mapa_saved_plan *s)
{
    if (s->have_cf)
        mapa_cf_dispose(&s->cf);
    free(s->team);
    free(s->spoc);
    *s = (mapa_saved_plan)MAPA_SAVED_PLAN_INIT;
}
