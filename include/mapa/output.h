/* Writing a plan: teams.csv and summary.json, each written whole or not at all. */
#ifndef MAPA_OUTPUT_H
#define MAPA_OUTPUT_H

#include <mapa/alloc.h>
#include <mapa/error.h>
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

/** Write summary.json (docs/formats.md), whole or not at all. */
mapa_err mapa_write_summary_json(const char *path, const mapa_partnership *p, const mapa_alloc *a);

/** Create folder `dir` (and its parents) when missing. */
mapa_err mapa_make_dir(const char *dir);

#ifdef __cplusplus
}
#endif
#endif
