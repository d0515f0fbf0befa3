/* Reading a saved plan back: shared by mapa metrics, mapa duplicates and mapa draw. */
#include "cli/saved_plan.h"

#include <stdio.h>
#include <stdlib.h>

#include <mapa/output.h>

#include "models/util.h"

mapa_err mapa_cli_saved_plan_read(saved_plan *out, const char *dir, const mapa_partnership *p,
                                  bool need_cf, mapa_diags *diags)
{
    *out = (saved_plan){NULL, NULL, MAPA_CF_INIT, false};
    char *teams = mapa__path_join(dir, "teams.csv");
    char *cfs = mapa__path_join(dir, "critical_friends.csv");
    mapa_err err = teams && cfs ? mapa_read_teams_csv(&out->team, &out->spoc, p, teams, diags)
                                : mapa_error_set(MAPA_ENOMEM, "out of memory");
    FILE *probe = err == MAPA_OK && !need_cf ? fopen(cfs, "r") : NULL;
    if (probe)
        fclose(probe);
    if (err == MAPA_OK && (need_cf || probe)) {
        err = mapa_read_cf_csv(&out->cf, p, out->team, cfs, diags);
        out->have_cf = err == MAPA_OK;
    }
    free(teams);
    free(cfs);
    return err;
}

void mapa_cli_saved_plan_dispose(saved_plan *s)
{
    if (s->have_cf)
        mapa_cf_dispose(&s->cf);
    free(s->team);
    free(s->spoc);
    *s = (saved_plan){NULL, NULL, MAPA_CF_INIT, false};
}
