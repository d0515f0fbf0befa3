/* Options of mapa allocate, mapa cf and mapa plan: one table, applied over settings.json. */
#ifndef MAPA_CLI_PLAN_OPTIONS_H
#define MAPA_CLI_PLAN_OPTIONS_H

#include <stdbool.h>

#include <mapa/mapa.h>

#include "cli/options.h"

/** Which stages a planning command runs (bits of mapa_cli_opt.modes). */
typedef enum mapa_cli_mode {
    MAPA_MODE_ALLOCATE = 1,
    MAPA_MODE_CF = 2,
    MAPA_MODE_PLAN = 4
} mapa_cli_mode;

typedef struct plan_options {
    mapa_cli_mode mode;
    const char *dir;
    const char *teams; /* mapa cf: the saved plan */
    mapa_plan_options plan;
    bool quiet;
    bool verbose;
    /* settings overrides; NULL: keep the file's */
    const char *objective, *weights, *max_moves, *move_penalty, *seed, *time_limit;
    bool soft, require_statutory, require_voluntary, no_spoc_cf, cf_per_stage;
    bool wait, excel, accept_broken;
    const char *shown_out; /* OUT as the user named it (plan.out is the run's folder) */
} plan_options;

/** The options of the planning commands (modes say which command takes which). */
extern const mapa_cli_opt mapa_cli_plan_opts[];

/** Parse argv for `spec`; returns an exit code, or -1 after printing the help. */
int mapa_cli_plan_parse(plan_options *o, const mapa_cli_spec *spec, int argc, char **argv);

/** Apply the command-line overrides to the partnership's settings (flags win). */
int mapa_cli_plan_apply(const plan_options *o, const char *verb, mapa_settings *s);

/** mapa allocate, mapa cf and mapa plan (cli/plan_cmd.c). */
int mapa_cli_plan(const mapa_cli_spec *spec, mapa_cli_mode mode, int argc, char **argv);

#endif
