/* Options of mapa allocate, mapa cf and mapa plan: parsed once, applied over settings.json. */
#ifndef MAPA_CLI_PLAN_OPTIONS_H
#define MAPA_CLI_PLAN_OPTIONS_H

#include <stdbool.h>

#include <mapa/mapa.h>

#include "cli/cli.h"

typedef struct plan_options {
    mapa_cli_mode mode;
    const char *dir;
    const char *out;
    const char *teams;  /* mapa cf: the saved plan */
    const char *window; /* mapa plan: metrics per time window of interactions.csv */
    const char *hdf5;   /* mapa plan: the run's figures and arrays as an HDF5 file */
    mapa_alloc_options alloc;
    mapa_cf_options cf;
    bool quiet;
    bool verbose;
    /* settings overrides; NULL: keep the file's */
    const char *objective;
    const char *weights;
    const char *max_moves;
    const char *move_penalty;
    const char *seed;
    bool soft, require_statutory, require_voluntary, no_spoc_cf, cf_per_stage;
} plan_options;

/** Parse argv; returns an exit code, or -1 after printing the help. */
int mapa_cli_plan_parse(plan_options *o, int argc, char **argv, const char *verb, const char *help);

/** Apply the command-line overrides to the partnership's settings. */
int mapa_cli_plan_apply(const plan_options *o, const char *verb, mapa_settings *s);

/** mapa plan --hdf5 FILE: the plan as run 0 of an HDF5 dataset (cli/plan_hdf5.c). */
int mapa_cli_plan_hdf5(const plan_options *o, const char *verb, const mapa_partnership *p,
                       const mapa_alloc *a, const mapa_cf *cf);

#endif
