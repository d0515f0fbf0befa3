/*
 * The figures of one run (a partnership, an allocation, its Critical Friends)
 * as one row of the HDF5 dataset's /runs table and the run's arrays, and the
 * HDF5 file that holds them (docs/hdf5-schema.md).
 */
#ifndef MAPA_RUNS_H
#define MAPA_RUNS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mapa/alloc.h>
#include <mapa/cf.h>
#include <mapa/generate.h>
#include <mapa/partnership.h>

#ifdef __cplusplus
extern "C" {
#endif

enum { MAPA_RUN_PARAMS = 16, MAPA_RUN_TEXT = 24, MAPA_RUN_RANKS = 5 };

/** One row of /runs. Text fields are NUL-padded UTF-8; NaN marks a figure not computed. */
typedef struct mapa_run_row {
    int64_t run_id;
    int64_t scenario; /**< grid point */
    int32_t replicate;
    uint64_t seed;
    double param[MAPA_RUN_PARAMS]; /**< the grid's parameter values, in the sweep's order */
    char alloc_policy[MAPA_RUN_TEXT];
    char cf_policy[MAPA_RUN_TEXT];
    int32_t members, topics, agencies, actions;
    /* allocation */
    char alloc_status[MAPA_RUN_TEXT]; /**< optimal, feasible, time_limit, infeasible (no plan),
                                           breaks_rules (a baseline's plan breaking rules) */
    int32_t rules_broken;             /**< rules the plan breaks (baselines; 0 otherwise) */
    int8_t plan_valid; /**< 1: a plan keeping every hard rule (alloc_status optimal, feasible
                            or time_limit, cf_status not infeasible); stored as HDF5 bool */
    double alloc_objective, alloc_seconds;
    double alloc_bound, alloc_gap; /**< NaN unless a solver proved them (optimal, time_limit) */
    int32_t rank_count[MAPA_RUN_RANKS]; /**< members placed at rank 1..5 */
    int32_t rank_later;                 /**< at a rank after 5 */
    int32_t unranked;                   /**< outside their ranking */
    int32_t worst_rank;                 /**< K + 1 when someone is outside their ranking */
    double mean_rank;                   /**< over members who ranked something */
    double first_choice_share;
    double mean_agencies_per_team;
    int32_t min_agencies_per_team;
    int32_t teams_below_min_agencies;
    double largest_agency_share; /**< most members of one agency in a team / team size, worst */
    /* Critical Friends */
    char cf_status[MAPA_RUN_TEXT];
    double cf_objective, cf_seconds;
    int32_t cf_places, cf_filled;
    double cf_coverage; /**< filled / places; NaN without places */
    int8_t strongly_connected;
    double reach_one_step, reach_two_steps;
    int32_t diameter;
    /* the planned network (NaN when metrics are off) */
    double density, average_path, transitivity, betweenness_centralization, ei_agency,
        modularity_team;
    int32_t components, articulation_points;
    /* duplicated actions (0 / NaN without actions) */
    int32_t duplicate_pairs, duplicates_spotted;
    double duplicates_spotted_share;
    int32_t planted_pairs, planted_found, planted_spotted;
    double planted_spotted_share; /**< planted pairs across teams a CF link joins */
    double seconds;               /**< the whole run */
} mapa_run_row;

/** The run's arrays (one group per run). Member indices are 0-based; -1 means none. */
typedef struct mapa_run_arrays {
    size_t n_members, n_topics, n_cf;
    int32_t *team;        /**< per member: topic index, -1 for co-ordinators */
    int32_t *rank;        /**< per member: rank of its team, 0 unranked, -1 co-ordinator */
    int32_t *spoc;        /**< per topic */
    int32_t *cf_member;   /**< per CF pair */
    int32_t *cf_team;     /**< per CF pair: the reviewed topic */
    double *betweenness;  /**< per member, NULL without metrics */
    int32_t *degree;      /**< per member, NULL without metrics */
    int8_t *articulation; /**< per member, NULL without metrics */
} mapa_run_arrays;

typedef struct mapa_run_options {
    bool metrics;    /**< network figures (betweenness, density, ...) */
    bool duplicates; /**< duplicated actions, when there are actions */
} mapa_run_options;

/**
 * Fill row (sizes, allocation, Critical Friends, network and duplicate
 * figures; run ids, parameters and policies are the caller's) and arrays
 * from a solved run. `cf` may be NULL (no Critical Friends); `truth` may be
 * NULL (no planted pairs).
 */
mapa_err mapa_run_measure(mapa_run_row *row, mapa_run_arrays *arrays, const mapa_partnership *p,
                          const mapa_alloc *alloc, const mapa_cf *cf,
                          const mapa_planted_pair *truth, size_t n_truth,
                          const mapa_run_options *options);

void mapa_run_arrays_dispose(mapa_run_arrays *a);

/** Copy NUL-padded text into a row's text field. */
void mapa_run_text(char field[MAPA_RUN_TEXT], const char *text);

/* ---- the HDF5 file ---- */

typedef struct mapa_runs_file mapa_runs_file;

/**
 * Open `path` for the runs of a sweep described by `spec_json` (stored as an
 * attribute, with the mapa version and the creation time) whose parameters
 * are `params` (n_params of them, columns param_NAME). An existing file of
 * the same sweep is resumed (*resumed set); one of another sweep is refused.
 */
mapa_err mapa_runs_file_open(mapa_runs_file **out, const char *path, const char *spec_json,
                             const char *const *params, size_t n_params, bool *resumed);

/**
 * What the file at `path` is: MAPA_ENOTFOUND when there is none; MAPA_EFORMAT
 * (with a message) when it is not a dataset mapa wrote; MAPA_OK with its
 * description (the 'sweep' attribute, malloc'd into *spec_json) when it is one.
 */
mapa_err mapa_runs_file_describe(char **spec_json, const char *path);

/**
 * Like mapa_runs_file_open, but an existing file of another sweep is opened
 * too, with its 'sweep' attribute in *old_spec (malloc'd; NULL when it is the
 * same sweep or a new file): the caller decides whether it extends the file
 * (mapa_runs_file_renumber) or refuses it (close it with failed = false).
 */
mapa_err mapa_runs_file_open_any(mapa_runs_file **out, const char *path, const char *spec_json,
                                 const char *const *params, size_t n_params, bool *resumed,
                                 char **old_spec);

/**
 * Give every run in the file its id in the sweep `spec_json` describes: `map`
 * sets row->run_id and row->scenario from the row (its parameters, replicate
 * and old id) or returns an error, and then nothing is changed. The rows are
 * rewritten sorted by run id, each run's group renamed, and the 'sweep'
 * attribute replaced; then the file is flushed. When no id changes, only the
 * attribute is. O(runs log runs).
 */
mapa_err mapa_runs_file_renumber(mapa_runs_file *f, const char *spec_json,
                                 mapa_err (*map)(mapa_run_row *row, void *payload), void *payload);

/** Rewrite /runs sorted by run id when it is not (rows land in the order units finish). */
mapa_err mapa_runs_file_sort(mapa_runs_file *f);

/** Set (or replace) a number or text attribute of the file's root. */
mapa_err mapa_runs_file_attr_number(mapa_runs_file *f, const char *name, double value);
mapa_err mapa_runs_file_attr_text(mapa_runs_file *f, const char *name, const char *value);

/** Whether run `run_id` is already in /runs. */
bool mapa_runs_file_has(const mapa_runs_file *f, int64_t run_id);

/** Runs already in the file. */
size_t mapa_runs_file_count(const mapa_runs_file *f);

/** Append rows and their groups (/run/NNNNNNN), then flush: the file is whole after it. */
mapa_err mapa_runs_file_append(mapa_runs_file *f, const mapa_run_row *rows,
                               const mapa_run_arrays *arrays, size_t n);

/**
 * Close. `failed`: a write failed; a file this call created is removed so
 * nothing half-written is left behind.
 */
mapa_err mapa_runs_file_close(mapa_runs_file *f, bool failed);

#ifdef __cplusplus
}
#endif

#endif
