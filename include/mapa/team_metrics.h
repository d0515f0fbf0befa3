/* Team-level figures of a plan: the Critical Friend team graph and each team's place in it. */
#ifndef MAPA_TEAM_METRICS_H
#define MAPA_TEAM_METRICS_H

#include <stdbool.h>
#include <stddef.h>

#include <mapa/cf.h>
#include <mapa/partnership.h>
#include <mapa/team_graph.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Per team of a plan: its size and its distinct agencies, computed once. */
typedef struct mapa_team_counts {
    size_t n_teams;
    size_t *size;        /**< per topic: members placed there */
    size_t *agencies;    /**< per topic: distinct agencies among them */
    size_t min_agencies; /**< the smallest of `agencies`; 0 without teams */
} mapa_team_counts;

#define MAPA_TEAM_COUNTS_INIT {.n_teams = 0}

/** Team sizes and distinct agencies of the plan `team` (per member; MAPA_NONE: no team). O(members
 * + teams x agencies / 8) */
mapa_err mapa_team_counts_compute(mapa_team_counts *out, const mapa_partnership *p,
                                  const size_t *team);

/** Free the counts; safe on MAPA_TEAM_COUNTS_INIT and twice. */
void mapa_team_counts_dispose(mapa_team_counts *c);

typedef struct mapa_team_row {
    size_t members, agencies;
    size_t cfs_in;   /**< Critical Friends reviewing this team */
    size_t cfs_out;  /**< its members serving as CFs elsewhere */
    size_t reach1;   /**< other teams it reaches in one step */
    size_t reach2;   /**< other teams it reaches within two steps */
    size_t critical; /**< CFs of this team whose loss would cut the team graph */
} mapa_team_row;

typedef struct mapa_team_metrics {
    size_t n_teams;
    mapa_team_row *team;
    mapa_team_graph_figures graph;
    size_t *critical; /**< indices into cf->pairs whose removal ends strong connectivity */
    size_t n_critical;
} mapa_team_metrics;

/** An empty result (what mapa_team_metrics_dispose leaves). */
#define MAPA_TEAM_METRICS_INIT {.n_teams = 0}

/** Figures of the plan `team` (per member) with Critical Friends `cf` (may be NULL). */
mapa_err mapa_team_metrics_compute(mapa_team_metrics *out, const mapa_partnership *p,
                                   const size_t *team, const mapa_cf *cf);

void mapa_team_metrics_dispose(mapa_team_metrics *m);

#ifdef __cplusplus
}
#endif

#endif
