/* Writing the network figures: members.csv, teams.csv, agencies.csv, network.json. */
#ifndef MAPA_METRICS_OUTPUT_H
#define MAPA_METRICS_OUTPUT_H

#include <mapa/metrics.h>
#include <mapa/team_metrics.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mapa_metrics_report {
    const mapa_network *net;
    const mapa_metrics *m;
    const char *source;             /**< "plan", "interactions.csv", or the edge list's path */
    const mapa_partnership *p;      /**< may be NULL (edge lists) */
    const mapa_team_metrics *teams; /**< may be NULL */
    const mapa_cf *cf;              /**< may be NULL */
} mapa_metrics_report;

/**
 * Write the figures into folder `dir` (created when missing), each file whole
 * or absent; `prefix` ("" or e.g. "2026-09-") starts each file name.
 */
mapa_err mapa_write_metrics(const char *dir, const char *prefix, const mapa_metrics_report *r);

/** One time window of the observed network (a row of windows.csv). */
typedef struct mapa_window_row {
    int32_t first, last; /**< days (mapa_date), inclusive */
    size_t contacts;     /**< logged contacts in the window */
    const mapa_metrics *m;
} mapa_window_row;

/**
 * Write windows.csv (docs/formats.md): a row per window, whole or absent.
 * Cost O(rows).
 */
mapa_err mapa_write_windows_csv(const char *path, const mapa_window_row *rows, size_t n);

#ifdef __cplusplus
}
#endif

#endif
