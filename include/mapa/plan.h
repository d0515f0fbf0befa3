/*
 * The plan pipeline as one library call: allocate, Critical Friends, network
 * metrics, duplicated actions, diagrams and the HDF5 run, writing an output
 * folder. `mapa plan`, `mapa allocate`, `mapa cf`, `mapa sweep` and any
 * binding call it alike.
 */
#ifndef MAPA_PLAN_H
#define MAPA_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include <mapa/alloc.h>
#include <mapa/cf.h>
#include <mapa/duplicates.h>
#include <mapa/error.h>
#include <mapa/metrics.h>
#include <mapa/network.h>
#include <mapa/partnership.h>
#include <mapa/runs.h>
#include <mapa/team_metrics.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The stages of the pipeline, as bits of mapa_plan_options.stages. */
typedef enum mapa_plan_stage {
    MAPA_PLAN_ALLOCATE = 1u << 0,   /**< members to sub-teams, SPOCs (else options.team) */
    MAPA_PLAN_CF = 1u << 1,         /**< Critical Friends */
    MAPA_PLAN_METRICS = 1u << 2,    /**< network figures of the plan and of interactions.csv */
    MAPA_PLAN_DUPLICATES = 1u << 3, /**< duplicated actions, when there are actions */
    MAPA_PLAN_DIAGRAMS = 1u << 4,   /**< Graphviz diagrams (needs `out`) */
    MAPA_PLAN_HDF5 = 1u << 5        /**< the plan as run 0 of an HDF5 dataset (needs `hdf5`) */
} mapa_plan_stage;

/** Every stage of `mapa plan`. */
#define MAPA_PLAN_ALL                                                                              \
    (MAPA_PLAN_ALLOCATE | MAPA_PLAN_CF | MAPA_PLAN_METRICS | MAPA_PLAN_DUPLICATES |                \
     MAPA_PLAN_DIAGRAMS)

struct mapa_plan_result;

/** What the progress callback is told: a stage starts (`done` false) or ends. */
typedef struct mapa_plan_event {
    mapa_plan_stage stage;
    const char *doing;    /**< "Allocating", "Choosing Critical Friends", ... (static) */
    const char *activity; /**< the same in a sentence: "allocating members to sub-teams" */
    size_t members, teams;
    bool done;
    const struct mapa_plan_result *result; /**< the result so far (borrowed): report a stage */
    double estimate_seconds; /**< before a stage: its expected CPU time, from the sizes */
    double estimate_bytes;   /**< before a stage: the memory it is expected to need */
    double seconds;          /**< after a stage: what it took (wall clock) */
    double cpu_seconds;      /**< after a stage: the process's CPU time it took */
    double remaining_seconds; /**< before a stage: the estimates of it and the stages after */
} mapa_plan_event;

/**
 * What to run, and how. Precedence, written once (docs/architecture.md): a
 * value set here wins; a value left at its "unset" sentinel (0 for
 * time_limit) is taken from the partnership's settings, which hold
 * settings.json with the command's flags already applied over it; what
 * neither sets is the built-in default.
 */
typedef struct mapa_plan_options {
    unsigned stages;          /**< bits of mapa_plan_stage */
    const char *out;          /**< folder written (created); NULL writes nothing */
    const size_t *team;       /**< without MAPA_PLAN_ALLOCATE: the saved plan (borrowed) */
    const size_t *spoc;       /**< ... and its SPOC per topic (borrowed) */
    const mapa_cf *saved_cf;  /**< without MAPA_PLAN_CF: the saved Critical Friends, or NULL */
    mapa_alloc_options alloc; /**< time_limit 0: settings' time_limit */
    mapa_cf_options cf;       /**< time_limit 0: settings' time_limit */
    mapa_dup_options dup;
    const char *metrics_out;  /**< folder of the metrics; NULL: OUT/metrics */
    const char *diagrams_out; /**< folder of the diagrams; NULL: OUT/diagrams */
    unsigned diagram_formats; /**< bits of MAPA_DIAGRAM_SVG, _PDF, _PNG */
    int diagram_level;        /**< mapa_diagram_level of the network diagram */
    const char *window; /**< metrics per window of interactions.csv: month, quarter, Nd */
    const char *hdf5;   /**< MAPA_PLAN_HDF5: the file */
    const char *source; /**< the partnership's name in the HDF5 run's description */
    void (*progress)(const mapa_plan_event *event, void *payload);
    void (*log)(const char *line, void *payload); /**< the solvers' log; NULL: silence */
    void *payload;
} mapa_plan_options;

/** Fill `o` with the defaults: every stage of mapa plan, nothing written. */
void mapa_plan_options_init(mapa_plan_options *o);

struct mapa_saved_plan;

/** Defaults for running `stages` on a saved plan (borrowed: it must outlive the run). */
void mapa_plan_options_saved(mapa_plan_options *o, unsigned stages,
                             const struct mapa_saved_plan *plan);

/** The outcome of mapa_plan_run; every part is owned by the result. */
typedef struct mapa_plan_result {
    unsigned stages_done; /**< bits of the stages that ran to their end */
    bool planned;      /**< every member but the co-ordinators has a team: there is a plan */
    bool cf_planned;   /**< the Critical Friend stage gave a plan to write */
    mapa_alloc alloc;  /**< MAPA_PLAN_ALLOCATE */
    size_t *team;      /**< per member: the plan's team (a copy of alloc.team or options.team) */
    size_t *spoc;      /**< per topic: the plan's SPOC */
    mapa_team_counts teams;
    mapa_cf cf; /**< MAPA_PLAN_CF */
    /* MAPA_PLAN_METRICS */
    mapa_network network;
    mapa_metrics metrics;
    mapa_team_metrics team_metrics;
    bool have_observed; /**< interactions.csv: the observed network's figures */
    mapa_network observed_network;
    mapa_metrics observed;
    size_t windows;    /**< windows measured (options.window) */
    char *windows_csv; /**< its table's path, or NULL */
    /* MAPA_PLAN_DUPLICATES */
    bool have_duplicates;
    mapa_duplicates duplicates;
    size_t diagrams;    /**< MAPA_PLAN_DIAGRAMS: drawn */
    bool hdf5_replaced; /**< MAPA_PLAN_HDF5: an earlier plan's file was replaced */
    double seconds;   /**< the whole run */
} mapa_plan_result;

/** Initialise a result (also what mapa_plan_result_dispose leaves). */
void mapa_plan_result_init(mapa_plan_result *r);

/**
 * Run the stages of `options` on `p` (settings from p->settings) and, when
 * options->out is set, write their files there (teams.csv, summary.json,
 * critical_friends.csv, metrics/, duplicates.csv, diagrams/). `out` must be
 * initialised with mapa_plan_result_init; dispose it whatever the result.
 *
 * A plan that cannot be made (the rules cannot all hold) is a result, not an
 * error: MAPA_OK with `planned` (or `cf_planned`) false, the diagnosis in
 * alloc.notes (cf.notes) and in summary.json, and the later stages not run.
 * Out of memory is MAPA_ENOMEM with "out of memory while <stage>".
 *
 * Cost: the stages' own (mapa_alloc_solve, mapa_cf_solve, mapa_metrics_compute,
 * mapa_duplicates_find, mapa_draw_diagrams); the pipeline adds O(members + teams).
 */
mapa_err mapa_plan_run(mapa_plan_result *out, mapa_partnership *p,
                       const mapa_plan_options *options);

void mapa_plan_result_dispose(mapa_plan_result *r);

/**
 * The figures of a finished plan as run 0 of an HDF5 dataset (the /runs row
 * and /run/0000000 group a sweep writes), into `path`, written under a
 * temporary name and renamed so the file is whole or absent. An existing file
 * is replaced only when it is an earlier plan's (r->hdf5_replaced says so);
 * any other file, a sweep's dataset included, is refused (MAPA_EINVAL).
 */
mapa_err mapa_plan_write_hdf5(const char *path, const mapa_partnership *p, mapa_plan_result *r,
                              const mapa_plan_options *options);

/** Whether `window` is a window length: month, quarter or Nd (1 to 3660 days). */
bool mapa_plan_window_valid(const char *window);

#ifdef __cplusplus
}
#endif

#endif
