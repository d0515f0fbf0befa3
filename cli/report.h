/* What the planning commands print on stdout about each finished stage. */
#ifndef MAPA_CLI_REPORT_H
#define MAPA_CLI_REPORT_H

#include <mapa/mapa.h>
#include <mapa/report.h>

/** Also print the solvers' terms (status, method, objective, bound, times): -v. */
void mapa_cli_report_set_verbose(bool on);

/** Whether -v asked for the solvers' terms too. */
bool mapa_cli_report_verbose(void);

/** The allocation: status, ranks met, agency mix, each team's size and SPOC. */
void mapa_cli_report_alloc(const mapa_partnership *p, const mapa_plan_result *r, const char *out);

/** The Critical Friends: places filled, whether the team graph is strongly connected. */
void mapa_cli_report_cf(const mapa_partnership *p, const mapa_plan_result *r, const char *out);

/** The networks' figures: the plan's (with Critical Friends `cf`, may be NULL), then the
 * observed one's; `dir` where they went. */
void mapa_cli_report_metrics(const mapa_partnership *p, const mapa_plan_result *r,
                             const mapa_cf *cf, const char *window, const char *dir);

/** The duplicated actions and their blind spots; `out` where they went. */
void mapa_cli_report_duplicates(const mapa_partnership *p, const mapa_duplicates *d,
                                const char *out);

/**
 * Write report.html, plan.xlsx and the briefings of the finished plan `r`
 * into `out` (diagrams embedded from `diagrams`, or OUT/diagrams when NULL;
 * the stage sessions' dates from `schedule`, or none when NULL)
 * and say so, naming the folder `shown`, unless `quiet`; returns an exit code (cli/cmd_report.c).
 */
/** --briefing-pages: a briefing page per member however many (cli/cmd_report.c). */
void mapa_cli_report_all_pages(bool on);

int mapa_cli_write_report(const mapa_partnership *p, const mapa_plan_result *r,
                          const mapa_report_schedule *schedule, const char *out, const char *shown,
                          const char *diagrams, bool quiet);

/** The diagnosis notes, one "  - " line each, on stderr. */
void mapa_cli_print_notes(const mapa_alloc_note *notes, size_t n);

#endif
