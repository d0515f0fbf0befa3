/*
 * Sweeps over MPI ranks (docs/sweeps.md): rank 0 hands out units on demand
 * and is the one writer of the HDF5 file, as the forked workers' parent is;
 * every other rank asks for a unit, runs it through the library pipeline
 * (mapa_sweep_unit) and sends it back packed (scenarios/sweep_pack.c). Built
 * with MAPA_MPI (Open MPI); without it the functions say so.
 *
 * Messages: a worker sends READY (its sweep as canonical JSON, checked
 * against rank 0's), RESULT (a packed unit, and a request for the next) or
 * FAIL (why it cannot work); rank 0 answers WORK (a unit) or STOP.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mapa/sweep.h>

#include "scenarios/sweep_internal.h"

/* Read in both builds: a mapa without MPI started by mpirun must say so, not run N
   sweeps into one file. */
bool mapa_sweep_mpi_launched(void)
{
    const char *size = getenv("OMPI_COMM_WORLD_SIZE"); /* Open MPI's mpirun */
    if (!size)
        size = getenv("PMI_SIZE"); /* srun --mpi=pmi2, MPICH's launchers */
    if (!size && getenv("PMIX_RANK"))
        size = getenv("SLURM_STEP_NUM_TASKS"); /* srun --mpi=pmix */
    return size && atoi(size) > 1;
}

#ifdef MAPA_HAVE_MPI
#include <limits.h>
#include <mpi.h>

enum { TAG_READY = 1, TAG_RESULT, TAG_FAIL, TAG_WORK, TAG_STOP };

static int workers_left; /* rank 0: workers not yet told to stop */

mapa_err mapa_sweep_mpi_start(int *rank, int *size)
{
    if (MPI_Init(NULL, NULL) != MPI_SUCCESS)
        return mapa_error_set(MAPA_EDEPENDENCY, "MPI could not start");
    MPI_Comm_rank(MPI_COMM_WORLD, rank);
    MPI_Comm_size(MPI_COMM_WORLD, size);
    workers_left = *rank == 0 ? *size - 1 : 0; /* only rank 0 tells workers to stop */
    return MAPA_OK;
}

void mapa_sweep_mpi_end(int code)
{
    if (code != 0 || workers_left > 0)
        MPI_Abort(MPI_COMM_WORLD, code ? code : 1);
    MPI_Finalize();
}

/* A message of any length from `source`, malloc'd (NUL-terminated for text). */
static mapa_err receive(char **buf, int *length, int *source, int *tag, int from)
{
    MPI_Status st;
    MPI_Probe(from, MPI_ANY_TAG, MPI_COMM_WORLD, &st);
    MPI_Get_count(&st, MPI_BYTE, length);
    *buf = malloc((size_t)*length + 1);
    if (!*buf)
        return mapa_error_set(MAPA_ENOMEM, "out of memory receiving a sweep message");
    MPI_Recv(*buf, *length, MPI_BYTE, st.MPI_SOURCE, st.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    (*buf)[*length] = '\0';
    *source = st.MPI_SOURCE;
    *tag = st.MPI_TAG;
    return MAPA_OK;
}

static void send_text(int tag, const char *text)
{
    MPI_Send(text, (int)strlen(text), MPI_BYTE, 0, tag, MPI_COMM_WORLD);
}

mapa_err mapa_sweep_mpi_work(const mapa_sweep *s, const char *why,
                             void (*after_unit)(size_t sent, void *payload), void *payload)
{
    if (!s) {
        send_text(TAG_FAIL, why ? why : "the sweep could not be read");
        return MAPA_OK;
    }
    send_text(TAG_READY, s->json);
    size_t R = mapa_sweep_runs_per_unit(s), sent = 0;
    for (;;) {
        char *buf = NULL;
        int length, source, tag;
        mapa_err err = receive(&buf, &length, &source, &tag, 0);
        uint64_t unit = 0;
        if (err == MAPA_OK && tag == TAG_WORK && length == (int)sizeof unit)
            memcpy(&unit, buf, sizeof unit);
        free(buf);
        if (err != MAPA_OK || tag != TAG_WORK)
            return err;
        mapa_run_row *rows = NULL;
        mapa_run_arrays *arrays = NULL;
        mapa_err unit_err = mapa_sweep_unit(s, (size_t)unit, &rows, &arrays);
        char *packed = NULL;
        size_t size = 0;
        err = mapa__sweep_pack(&packed, &size, (size_t)unit, unit_err,
                               unit_err == MAPA_OK ? "" : mapa_error_last(), rows, arrays, R);
        mapa__sweep_free_unit(rows, arrays, R);
        if (err == MAPA_OK && size > INT_MAX)
            err = mapa_error_set(MAPA_EINVAL, "unit %llu is larger than one MPI message (2 GiB)",
                                 (unsigned long long)unit);
        if (err != MAPA_OK) {
            free(packed);
            send_text(TAG_FAIL, mapa_error_last());
            return err;
        }
        MPI_Send(packed, (int)size, MPI_BYTE, 0, TAG_RESULT, MPI_COMM_WORLD);
        free(packed);
        if (after_unit)
            after_unit(++sent, payload);
    }
}

static void answer(int rank, const size_t *pending, size_t n, size_t *next, bool more)
{
    if (more && *next < n) {
        uint64_t unit = pending[(*next)++];
        MPI_Send(&unit, sizeof unit, MPI_BYTE, rank, TAG_WORK, MPI_COMM_WORLD);
    } else {
        MPI_Send(NULL, 0, MPI_BYTE, rank, TAG_STOP, MPI_COMM_WORLD);
        workers_left--;
    }
}

/* A worker's RESULT: the unit written, or the worker's error. */
static mapa_err take_result(mapa__sweep_writer *w, const char *buf, int length, int rank)
{
    size_t R = mapa_sweep_runs_per_unit(w->s), unit;
    mapa_err unit_err;
    char text[1024];
    mapa_run_row *rows = NULL;
    mapa_run_arrays *arrays = NULL;
    mapa_err err = mapa__sweep_unpack(buf, (size_t)length, R, &unit, &unit_err, text, sizeof text,
                                      &rows, &arrays);
    if (err == MAPA_OK && unit_err != MAPA_OK)
        err = mapa_error_set(unit_err, "rank %d, unit %zu: %s", rank, unit, text);
    else if (err == MAPA_OK)
        err = mapa__sweep_write(w, rows, arrays);
    mapa__sweep_free_unit(rows, arrays, R);
    return err;
}

/* One message from a worker, answered. */
static mapa_err serve_one(mapa__sweep_writer *w, const size_t *pending, size_t n, size_t *next)
{
    char *buf = NULL;
    int length, rank, tag;
    mapa_err err = receive(&buf, &length, &rank, &tag, MPI_ANY_SOURCE);
    if (err != MAPA_OK)
        return err;
    if (tag == TAG_READY && strcmp(buf, w->s->json) != 0)
        err = mapa_error_set(MAPA_EFORMAT,
                             "rank %d read another sweep than rank 0 (every rank must see the "
                             "same sweep file)",
                             rank);
    else if (tag == TAG_RESULT)
        err = take_result(w, buf, length, rank);
    else if (tag == TAG_FAIL)
        err = mapa_error_set(MAPA_EDEPENDENCY, "rank %d: %s", rank, buf);
    free(buf);
    if (tag == TAG_FAIL)
        workers_left--; /* it has stopped already */
    else
        answer(rank, pending, n, next, err == MAPA_OK);
    return err;
}

mapa_err mapa__sweep_mpi_serve(mapa__sweep_writer *w, const size_t *pending, size_t n,
                               bool *stopped)
{
    size_t next = 0;
    mapa_err err = MAPA_OK;
    while (err == MAPA_OK && workers_left > 0) {
        if (w->o->stop && *w->o->stop) {
            *stopped = true; /* the units out with workers are run again on resume */
            return MAPA_OK;
        }
        int ready = 0;
        MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &ready, MPI_STATUS_IGNORE);
        if (!ready) { /* the writer waits without taking a core from the workers */
            nanosleep(&(struct timespec){0, 1000000}, NULL);
            continue;
        }
        err = serve_one(w, pending, n, &next);
    }
    if (err == MAPA_OK)
        err = mapa__sweep_missing(w->s, w->f, pending, n, "the MPI workers ended early");
    return err;
}

#else /* built without MPI */

mapa_err mapa_sweep_mpi_start(int *rank, int *size)
{
    *rank = 0, *size = 1;
    return mapa_error_set(MAPA_EDEPENDENCY,
                          "started by mpirun, but this mapa was built without MPI: run it "
                          "without mpirun (--jobs N for this machine's cores), or build it "
                          "with libopenmpi-dev installed (cmake -DMAPA_MPI=ON)");
}

mapa_err mapa_sweep_mpi_work(const mapa_sweep *s, const char *why,
                             void (*after_unit)(size_t sent, void *payload), void *payload)
{
    (void)s, (void)why, (void)after_unit, (void)payload;
    return mapa_error_set(MAPA_EDEPENDENCY, "mapa was built without MPI (cmake -DMAPA_MPI=ON)");
}

void mapa_sweep_mpi_end(int code)
{
    (void)code;
}

mapa_err mapa__sweep_mpi_serve(mapa__sweep_writer *w, const size_t *pending, size_t n,
                               bool *stopped)
{
    (void)w, (void)pending, (void)n, (void)stopped;
    return mapa_error_set(MAPA_EDEPENDENCY, "mapa was built without MPI (cmake -DMAPA_MPI=ON)");
}

#endif
