/* The metrics stage, shared by `mapa metrics` and `mapa plan`. */
#ifndef MAPA_CLI_METRICS_RUN_H
#define MAPA_CLI_METRICS_RUN_H

#include <stdbool.h>

#include <mapa/cf.h>
#include <mapa/partnership.h>

typedef struct metrics_options {
    const char *out;    /**< folder for the figures */
    const char *window; /**< "month", "quarter", "Nd" or NULL */
    bool quiet;
} metrics_options;

/** Check a --window value; false when it is not one. */
bool mapa_cli_window_valid(const char *window);

/**
 * Figures of the plan (team, spoc per topic, cf may be NULL) and, when the
 * partnership has interactions.csv, of the observed network (per window with
 * o->window). Writes o->out and reports on stdout. Returns an exit code.
 */
int mapa_cli_metrics_stage(const metrics_options *o, const char *verb, const mapa_partnership *p,
                           const size_t *team, const size_t *spoc, const mapa_cf *cf);

#endif
