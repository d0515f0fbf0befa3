/*
 * What a co-ordinator sends round: a self-contained HTML report, an Excel
 * workbook and a briefing per member, written from a finished plan
 * (docs/report.md).
 */
#ifndef MAPA_REPORT_H
#define MAPA_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include <mapa/alloc.h>
#include <mapa/cf.h>
#include <mapa/duplicates.h>
#include <mapa/error.h>
#include <mapa/metrics.h>
#include <mapa/network.h>
#include <mapa/partnership.h>
#include <mapa/team_metrics.h>

#ifdef __cplusplus
extern "C" {
#endif

/** One stage session of a team (filled by the schedule stage once it exists). */
typedef struct mapa_report_session {
    size_t team;       /**< topic index */
    unsigned stage;    /**< MAPA_STAGE_DECISION or MAPA_STAGE_EVALUATION */
    const char *when;  /**< the slot in words ("2026-10-05 10:00"), borrowed */
    const char *where; /**< room, or NULL */
} mapa_report_session;

/** The stage sessions of a plan; NULL in mapa_report_input until a schedule exists. */
typedef struct mapa_report_schedule {
    const mapa_report_session *sessions;
    size_t n_sessions;
} mapa_report_schedule;

/** Everything the report reads; every pointer is borrowed, and all but p, team, spoc may be NULL.
 */
typedef struct mapa_report_input {
    const mapa_partnership *p;
    const size_t *team;           /**< per member: topic index, MAPA_NONE for co-ordinators */
    const size_t *spoc;           /**< per topic: member index or MAPA_NONE */
    const mapa_alloc *alloc;      /**< how the plan was found (NULL: a saved plan) */
    const mapa_cf *cf;            /**< the Critical Friends, or NULL */
    const mapa_network *network;  /**< the planned network, or NULL */
    const mapa_metrics *metrics;  /**< its figures (node i = member i), or NULL */
    const mapa_metrics *observed; /**< figures of interactions.csv, or NULL */
    const mapa_team_metrics *team_metrics; /**< the team graph's figures, or NULL */
    const mapa_duplicates *duplicates;     /**< duplicated actions, or NULL */
    const char *diagrams_dir;              /**< folder of NAME.svg to embed, or NULL: none */
    const mapa_report_schedule *schedule;  /**< stage sessions, or NULL: not scheduled */
    size_t pages_max; /**< briefings/ pages only up to this many members (0: always); above it,
                           briefings.csv alone (MAPA_REPORT_PAGES_MAX in the commands) */
} mapa_report_input;

/** The commands' default pages_max: above it a mail merge of briefings.csv is what serves. */
#define MAPA_REPORT_PAGES_MAX 5000

/** Whether `in` gets the briefings/ pages as well as briefings.csv. */
bool mapa_report_pages(const mapa_report_input *in);

/** Write the HTML report to `path` (one file, CSS, SVG and script inline), whole or not at all. */
mapa_err mapa_report_write_html(const char *path, const mapa_report_input *in);

/**
 * Write the workbook to `path` with libxlsxwriter: sheets Teams, Members,
 * Critical Friends, Duplicates, Network; every cell text or a number.
 */
mapa_err mapa_report_write_xlsx(const char *path, const mapa_report_input *in);

/**
 * Write `dir`/briefings.csv (email, name, subject, body: a mail merge) and, when
 * mapa_report_pages, `dir`/briefings/MEMBER.html, one page per member (MEMBER: the id, made
 * safe).
 */
mapa_err mapa_report_write_briefings(const char *dir, const mapa_report_input *in);

/**
 * How good the plan is, in words, into `buf` ("64 of 67 members got their
 * first choice, ... This is the best possible under the rules." when the
 * solver proved it); only p, team and alloc are read. MAPA_ENOMEM or MAPA_OK.
 */
mapa_err mapa_report_plan_quality(char *buf, size_t cap, const mapa_report_input *in);

/** All three into folder `dir`: report.html, plan.xlsx, briefings.csv and briefings/. */
mapa_err mapa_report_write_all(const char *dir, const mapa_report_input *in);

#ifdef __cplusplus
}
#endif

#endif
