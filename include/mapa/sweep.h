/*
 * Sweeps (docs/sweeps.md): synthetic partnerships over a grid of generator
 * parameters, each replicated, each planned under every allocation and
 * Critical Friend policy asked for; the runs go to an HDF5 dataset
 * (include/mapa/runs.h).
 */
#ifndef MAPA_SWEEP_H
#define MAPA_SWEEP_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mapa/alloc.h>
#include <mapa/cf.h>
#include <mapa/diag.h>
#include <mapa/generate.h>
#include <mapa/runs.h>
#include <mapa/settings.h>

#ifdef __cplusplus
extern "C" {
#endif

enum { MAPA_SWEEP_POLICIES = 8 };

typedef struct mapa_sweep_alloc {
    char name[MAPA_RUN_TEXT]; /**< as the sweep file spells it: "optimal:borda", "greedy" */
    mapa_alloc_policy policy;
    mapa_objective objective; /**< for "optimal" */
} mapa_sweep_alloc;

typedef struct mapa_sweep_cf {
    char name[MAPA_RUN_TEXT]; /**< "optimal", "random", "none" */
    mapa_cf_policy policy;
} mapa_sweep_cf;

typedef struct mapa_sweep {
    char *name;
    mapa_generator base; /**< the generator's configuration before the grid */
    size_t n_params;
    char *param[MAPA_RUN_PARAMS]; /**< the grid's parameters, in the file's order */
    double *values[MAPA_RUN_PARAMS];
    size_t n_values[MAPA_RUN_PARAMS];
    mapa_sweep_alloc alloc[MAPA_SWEEP_POLICIES];
    size_t n_alloc;
    mapa_sweep_cf cf[MAPA_SWEEP_POLICIES];
    size_t n_cf;
    size_t replicates;
    uint64_t seed;
    double time_limit; /**< seconds per solve, 0 for none */
    mapa_run_options run;
    char *json; /**< the sweep as canonical JSON (sorted keys), stored in the dataset */
} mapa_sweep;

/** Read a sweep file; every problem goes to `d` with its line and column (MAPA_EFORMAT). */
mapa_err mapa_sweep_load(mapa_sweep *s, const char *path, mapa_diags *d);
void mapa_sweep_dispose(mapa_sweep *s);

/** Grid points, units (grid points x replicates) and runs (units x policies). */
size_t mapa_sweep_scenarios(const mapa_sweep *s);
size_t mapa_sweep_units(const mapa_sweep *s);
size_t mapa_sweep_runs(const mapa_sweep *s);
/** Runs per unit: allocation policies x Critical Friend policies. */
size_t mapa_sweep_runs_per_unit(const mapa_sweep *s);

/** The generator configuration of unit u (grid values applied, its seed). */
mapa_generator mapa_sweep_generator(const mapa_sweep *s, size_t unit);

/**
 * Run unit u: generate its partnership once and plan it under every policy
 * pair. rows / arrays receive mapa_sweep_runs_per_unit(s) entries each
 * (malloc'd; arrays disposed with mapa_run_arrays_dispose).
 */
mapa_err mapa_sweep_unit(const mapa_sweep *s, size_t unit, mapa_run_row **rows,
                         mapa_run_arrays **arrays);

typedef struct mapa_sweep_opened {
    bool resumed;  /**< the file existed and holds this sweep's runs (or is extended) */
    bool extended; /**< it held fewer replicates or grid values: its runs were renumbered */
    size_t before; /**< runs in the file when it was opened */
} mapa_sweep_opened;

/**
 * Open the dataset at `path` for sweep s: created when absent; resumed when
 * it holds the same sweep; extended when it holds the same sweep with fewer
 * replicates or grid values (each run already there gets its id in s, so
 * only the new units run). Any other difference is MAPA_EFORMAT naming the
 * key ("'generator.actions' differs (60 there, 80 here)"), and the file is
 * left untouched. Writes the fixed generator values and policy settings as
 * attributes (docs/hdf5-schema.md).
 */
mapa_err mapa_sweep_open(mapa_runs_file **out, const mapa_sweep *s, const char *path,
                         mapa_sweep_opened *info);

typedef struct mapa_sweep_progress {
    size_t done, total; /**< runs in the file, runs in the sweep */
    size_t done_now;    /**< runs done by this call */
    double seconds;     /**< since this call began */
} mapa_sweep_progress;

typedef struct mapa_sweep_options {
    size_t jobs; /**< worker processes; 1 runs in this process */
    /** Called after each unit is written; NULL for none. */
    void (*progress)(const mapa_sweep_progress *p, void *payload);
    void *payload;
    /** Set (by a signal handler) to stop after the units being written. */
    volatile sig_atomic_t *stop;
    /** This process is MPI rank 0: the other ranks (mapa_sweep_mpi_work) run the units and
        it writes them; `jobs` is ignored. */
    bool mpi;
} mapa_sweep_options;

/**
 * Run every unit not yet in f, writing each as it finishes. Returns MAPA_OK
 * when all are in the file (then its rows are sorted by run id) or when *stop
 * was set (*stopped tells which; mapa_error_last() then names the units not
 * run). A worker that ended early is MAPA_EDEPENDENCY naming them.
 */
mapa_err mapa_sweep_execute(const mapa_sweep *s, mapa_runs_file *f,
                            const mapa_sweep_options *options, bool *stopped);

/* ---- MPI (docs/sweeps.md): rank 0 hands out units and writes; the others run them ---- */

/** Whether this process was started by mpirun or srun with more than one rank (read from
    the environment, before MPI starts; in builds without MPI too, where
    mapa_sweep_mpi_start then fails saying so). */
bool mapa_sweep_mpi_launched(void);

/** Start MPI; this process's rank and the number of ranks. */
mapa_err mapa_sweep_mpi_start(int *rank, int *size);

/**
 * A worker rank: ask rank 0 for a unit, run it, send its runs back, until told
 * to stop. `s` NULL: the sweep could not be read on this rank; `why` is sent
 * to rank 0, which reports it. `after_unit`, when not NULL, hears how many
 * units this rank has sent (a hook for tests).
 */
mapa_err mapa_sweep_mpi_work(const mapa_sweep *s, const char *why,
                             void (*after_unit)(size_t sent, void *payload), void *payload);

/**
 * End MPI. Exit code 0 with every worker told to stop: a normal end.
 * Otherwise every rank is ended (MPI_Abort) with `code`, which mpirun returns.
 * Does not return when it aborts.
 */
void mapa_sweep_mpi_end(int code);

#ifdef __cplusplus
}
#endif

#endif
