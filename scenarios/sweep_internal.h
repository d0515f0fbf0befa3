/* What the sweep runners share inside scenarios/ (not installed): a unit as one message,
   and the writer's side (scenarios/sweep_jobs.c, scenarios/sweep_mpi.c). */
#ifndef MAPA_SCENARIOS_SWEEP_INTERNAL_H
#define MAPA_SCENARIOS_SWEEP_INTERNAL_H

#include <mapa/sweep.h>

/**
 * One finished unit (or its error) as one byte buffer, for a pipe or an MPI
 * message: a header (unit, error, text length), the text, the rows, then each
 * run's arrays. *buf is malloc'd. O(size of the unit's arrays).
 */
mapa_err mapa__sweep_pack(char **buf, size_t *size, size_t unit, mapa_err unit_err,
                          const char *text, const mapa_run_row *rows, const mapa_run_arrays *arrays,
                          size_t runs);

/**
 * Read a buffer from mapa__sweep_pack. On MAPA_OK, *unit_err is the unit's own
 * result: MAPA_OK with rows and arrays (malloc'd, `runs` of each, freed with
 * mapa__sweep_free_unit), or the error, its text in `text`. A buffer that is
 * short or inconsistent is MAPA_EDEPENDENCY.
 */
mapa_err mapa__sweep_unpack(const char *buf, size_t size, size_t runs, size_t *unit,
                            mapa_err *unit_err, char *text, size_t cap, mapa_run_row **rows,
                            mapa_run_arrays **arrays);

void mapa__sweep_free_unit(mapa_run_row *rows, mapa_run_arrays *arrays, size_t runs);

/** The writer's state: it alone appends to the file, and reports progress. */
typedef struct mapa__sweep_writer {
    const mapa_sweep *s;
    mapa_runs_file *f;
    const mapa_sweep_options *o;
    mapa_sweep_progress progress;
    double start;
} mapa__sweep_writer;

/** Append one unit's runs and report progress. */
mapa_err mapa__sweep_write(mapa__sweep_writer *w, const mapa_run_row *rows,
                           const mapa_run_arrays *arrays);

bool mapa__sweep_unit_done(const mapa_sweep *s, const mapa_runs_file *f, size_t unit);

/**
 * The error for units of `pending` not in the file (MAPA_OK when none):
 * "`why`: 7 of 30 units not run (3-5, 9, 12-13); the same command runs them".
 */
mapa_err mapa__sweep_missing(const mapa_sweep *s, const mapa_runs_file *f, const size_t *pending,
                             size_t n, const char *why);

/** The MPI runner (scenarios/sweep_mpi.c): rank 0's side. */
mapa_err mapa__sweep_mpi_serve(mapa__sweep_writer *w, const size_t *pending, size_t n,
                               bool *stopped);

#endif
