/* The stage-session schedule as the commands run it: mapa schedule, and mapa plan's last step. */
#ifndef MAPA_CLI_SCHEDULE_CMD_H
#define MAPA_CLI_SCHEDULE_CMD_H

#include <stdbool.h>
#include <stddef.h>

#include <mapa/mapa.h>
#include <mapa/report.h>

typedef struct mapa_cli_schedule {
    const char *dir, *out, *plan, *previous;
    const char *shown; /* the folder named in messages (OUT, not the run's folder); NULL: out */
    mapa_report_schedule *into; /* when set: the sessions in words, for the report */
    bool quiet;
    mapa_schedule_options options;
} mapa_cli_schedule;

/**
 * Load DIR's calendar, schedule the plan (team, spoc, cf), print the report
 * and write OUT's files; returns the exit code (65 when the rules cannot hold).
 */
int mapa_cli_schedule_run(const mapa_cli_schedule *o, const mapa_partnership *p,
                          const size_t *team, const size_t *spoc, const mapa_cf *cf);

/** mapa plan's last step: schedule when DIR has slots.csv (else nothing); the exit code. */
int mapa_cli_schedule_after_plan(const char *dir, const char *out, const char *shown, bool quiet,
                                 const mapa_partnership *p, const size_t *team, const size_t *spoc,
                                 const mapa_cf *cf, mapa_report_schedule *into);

/**
 * The sessions of a saved plan in words, from PLAN/sessions.csv (nothing when
 * absent), for mapa report; the exit code (65 after printing its problems).
 */
int mapa_cli_schedule_saved(mapa_report_schedule *into, const char *plan,
                            const mapa_partnership *p);

/** Free what mapa_cli_schedule_run put into a mapa_report_schedule (and empty it). */
void mapa_cli_report_schedule_dispose(mapa_report_schedule *r);

#endif
