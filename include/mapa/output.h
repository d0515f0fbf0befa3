/* Writing a plan: teams.csv and summary.json, each written whole or not at all. */
#ifndef MAPA_OUTPUT_H
#define MAPA_OUTPUT_H

#include <mapa/alloc.h>
#include <mapa/cf.h>
#include <mapa/diag.h>
#include <mapa/error.h>
#include <mapa/network.h>
#include <mapa/partnership.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Write OUT/teams.csv: member_id, name, agency, team_id, team_name, rank, spoc,
 * moved (docs/formats.md). Co-ordinators are not listed. The file is written
 * to a temporary name and renamed, so it is whole or absent.
 */
mapa_err mapa_write_teams_csv(const char *path, const mapa_partnership *p, const mapa_alloc *a);

/**
 * Write summary.json (docs/formats.md), whole or not at all. Either part may be
 * NULL: its section is then kept from the file already at `path`, if any.
 */
mapa_err mapa_write_summary_json(const char *path, const mapa_partnership *p, const mapa_alloc *a,
                                 const mapa_cf *cf);

/**
 * Write critical_friends.csv: member_id, name, agency, home_team, reviewed_team,
 * stages, reason (docs/formats.md), whole or not at all.
 */
mapa_err mapa_write_cf_csv(const char *path, const mapa_partnership *p, const size_t *team,
                           const mapa_cf *cf);

/**
 * Read a plan's teams.csv against `p`: `*team` (per member) and `*spoc` (per
 * topic) are malloc'd for the caller. Problems go to `diags` as
 * file:line:column; MAPA_EFORMAT when there are errors, MAPA_ENOTFOUND when
 * the file does not exist.
 */
mapa_err mapa_read_teams_csv(size_t **team, size_t **spoc, const mapa_partnership *p,
                             const char *path, mapa_diags *diags);

/**
 * Read a plan's critical_friends.csv against `p` and the plan `team`: the
 * pairs go to `out` (free with mapa_cf_dispose). Same contract as
 * mapa_read_teams_csv.
 */
mapa_err mapa_read_cf_csv(mapa_cf *out, const mapa_partnership *p, const size_t *team,
                          const char *path, mapa_diags *diags);

/**
 * Read an edge list (CSV: from, to, optional weight, from_group, to_group)
 * as an undirected network; same contract as mapa_read_teams_csv.
 */
mapa_err mapa_read_edges_csv(mapa_network *out, const char *path, mapa_diags *diags);

/** A plan saved by mapa plan (teams.csv and critical_friends.csv), read back. */
typedef struct mapa_saved_plan {
    size_t *team; /**< per member: topic index, MAPA_NONE for co-ordinators (owned) */
    size_t *spoc; /**< per topic: member index or MAPA_NONE (owned) */
    mapa_cf cf;   /**< the Critical Friends, when have_cf */
    bool have_cf; /**< critical_friends.csv was there and read */
} mapa_saved_plan;

#define MAPA_SAVED_PLAN_INIT {.team = NULL, .spoc = NULL, .cf = MAPA_CF_INIT}

/**
 * Read folder `dir`: teams.csv, then critical_friends.csv when it exists (or,
 * with `need_cf`, always: its absence is then an error). Problems go to
 * `diags`. Dispose with mapa_saved_plan_dispose, whatever the result.
 */
mapa_err mapa_saved_plan_read(mapa_saved_plan *out, const char *dir, const mapa_partnership *p,
                              bool need_cf, mapa_diags *diags);

/** Where the rows of a saved plan are, to point broken rules at their line and column. */
typedef struct mapa_plan_rows mapa_plan_rows;

/**
 * Note the line and columns of every row of `teams_path` and (when not NULL)
 * `cf_path`, against `p`. Free with mapa_plan_rows_free.
 */
mapa_err mapa_plan_rows_read(mapa_plan_rows **out, const mapa_partnership *p,
                             const char *teams_path, const char *cf_path);

/**
 * The file, line and column a broken rule `v` of the plan `team` points at: the
 * member's row, or the first row of the team (of the agency) it is about; false
 * (line 0) when no row is about it. `*file` is borrowed from `r`.
 */
bool mapa_plan_rows_locate(const mapa_plan_rows *r, const mapa_partnership *p, const size_t *team,
                           const mapa_violation *v, const char **file, size_t *line, size_t *col);

void mapa_plan_rows_free(mapa_plan_rows *r);

/** Free a saved plan; safe on MAPA_SAVED_PLAN_INIT and twice. */
void mapa_saved_plan_dispose(mapa_saved_plan *s);

/**
 * Start every CSV output of this process with a UTF-8 byte-order mark (`on`),
 * so Excel for Windows reads it as UTF-8 (mapa --excel, settings.json "excel").
 */
void mapa_csv_excel(bool on);

/** Create folder `dir` (and its parents) when missing. */
mapa_err mapa_make_dir(const char *dir);

#ifdef __cplusplus
}
#endif
#endif
