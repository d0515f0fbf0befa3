/* A plan saved by mapa plan (teams.csv, critical_friends.csv), read back for a later command. */
#ifndef MAPA_CLI_SAVED_PLAN_H
#define MAPA_CLI_SAVED_PLAN_H

#include <stdbool.h>

#include <mapa/cf.h>
#include <mapa/diag.h>
#include <mapa/partnership.h>

typedef struct saved_plan {
    size_t *team; /* per member */
    size_t *spoc; /* per topic */
    mapa_cf cf;
    bool have_cf; /* critical_friends.csv was there and read */
} saved_plan;

/**
 * Read folder `dir`: teams.csv, then critical_friends.csv when it exists (or,
 * with `need_cf`, always: its absence is then an error). Problems go to
 * `diags`. Dispose with mapa_cli_saved_plan_dispose, whatever the result.
 */
mapa_err mapa_cli_saved_plan_read(saved_plan *out, const char *dir, const mapa_partnership *p,
                                  bool need_cf, mapa_diags *diags);
void mapa_cli_saved_plan_dispose(saved_plan *s);

#endif
