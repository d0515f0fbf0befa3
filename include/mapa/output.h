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

/** Create folder `dir` (and its parents) when missing. */
mapa_err mapa_make_dir(const char *dir);

#ifdef __cplusplus
}
#endif
#endif
