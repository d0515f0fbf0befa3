/*
 * Running a sweep's units: in this process, in `jobs` worker processes
 * (fork) that each take every jobs-th pending unit and send it back through a
 * pipe, or in MPI ranks (scenarios/sweep_mpi.c). Only this process writes the
 * HDF5 file, one unit at a time, so the file is whole after every unit.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <mapa/sweep.h>

#include "models/util.h"
#include "scenarios/sweep_internal.h"

bool mapa__sweep_unit_done(const mapa_sweep *s, const mapa_runs_file *f, size_t unit)
{
    size_t R = mapa_sweep_runs_per_unit(s);
    for (size_t k = 0; k < R; k++)
        if (!mapa_runs_file_has(f, (int64_t)(unit * R + k)))
            return false;
    return true;
}

mapa_err mapa__sweep_missing(const mapa_sweep *s, const mapa_runs_file *f, const size_t *pending,
                             size_t n, const char *why)
{
    char list[160] = "";
    size_t missing = 0, used = 0;
    for (size_t i = 0; i < n; i++) {
        if (mapa__sweep_unit_done(s, f, pending[i]))
            continue;
        missing++;
        size_t j = i; /* a run of consecutive missing units: first-last */
        while (j + 1 < n && pending[j + 1] == pending[j] + 1 &&
               !mapa__sweep_unit_done(s, f, pending[j + 1]))
            j++;
        missing += j - i;
        if (used < sizeof list - 24) {
            int k = j > i ? snprintf(list + used, sizeof list - used, "%s%zu-%zu", used ? ", " : "",
                                     pending[i], pending[j])
                          : snprintf(list + used, sizeof list - used, "%s%zu", used ? ", " : "",
                                     pending[i]);
            used += k > 0 ? (size_t)k : 0;
        } else if (!strstr(list, "...")) {
            snprintf(list + used, sizeof list - used, ", ...");
        }
        i = j;
    }
    if (!missing)
        return MAPA_OK;
    return mapa_error_set(MAPA_EDEPENDENCY,
                          "%s: %zu of %zu units not run (%s); the same command runs them", why,
                          missing, n, list);
}

mapa_err mapa__sweep_write(mapa__sweep_writer *w, const mapa_run_row *rows,
                           const mapa_run_arrays *arrays)
{
    size_t R = mapa_sweep_runs_per_unit(w->s);
    mapa_err err = mapa_runs_file_append(w->f, rows, arrays, R);
    if (err != MAPA_OK)
        return err;
    w->progress.done = mapa_runs_file_count(w->f);
    w->progress.done_now += R;
    w->progress.seconds = mapa__now() - w->start;
    if (w->o->progress)
        w->o->progress(&w->progress, w->o->payload);
    return MAPA_OK;
}

/* ---- forked workers: each unit packed (scenarios/sweep_pack.c) and sent length first ---- */

static bool write_all(int fd, const void *data, size_t n)
{
    const char *p = data;
    while (n) {
        ssize_t k = write(fd, p, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return false;
        p += k, n -= (size_t)k;
    }
    return true;
}

static bool read_all(int fd, void *data, size_t n)
{
    char *p = data;
    while (n) {
        ssize_t k = read(fd, p, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return false;
        p += k, n -= (size_t)k;
    }
    return true;
}

/* A worker: its share of the pending units, each sent whole. Never returns. */
static void worker(const mapa_sweep *s, const size_t *pending, size_t n_pending, size_t first,
                   size_t step, int fd)
{
    signal(SIGINT, SIG_IGN); /* the parent decides when to stop */
    size_t R = mapa_sweep_runs_per_unit(s);
    for (size_t i = first; i < n_pending; i += step) {
        mapa_run_row *rows = NULL;
        mapa_run_arrays *arrays = NULL;
        mapa_err err = mapa_sweep_unit(s, pending[i], &rows, &arrays);
        char *buf = NULL;
        size_t size = 0;
        bool ok =
            mapa__sweep_pack(&buf, &size, pending[i], err, err == MAPA_OK ? "" : mapa_error_last(),
                             rows, arrays, R) == MAPA_OK;
        uint64_t length = size;
        ok = ok && write_all(fd, &length, sizeof length) && write_all(fd, buf, size);
        free(buf);
        mapa__sweep_free_unit(rows, arrays, R);
        if (!ok || err != MAPA_OK)
            break;
    }
    close(fd);
    _exit(0);
}

static bool stop_asked(const mapa__sweep_writer *w)
{
    return w->o->stop && *w->o->stop;
}

/* One unit run here and written. */
static mapa_err unit_in_process(mapa__sweep_writer *w, size_t unit)
{
    mapa_run_row *rows = NULL;
    mapa_run_arrays *arrays = NULL;
    mapa_err err = mapa_sweep_unit(w->s, unit, &rows, &arrays);
    if (err == MAPA_OK)
        err = mapa__sweep_write(w, rows, arrays);
    mapa__sweep_free_unit(rows, arrays, mapa_sweep_runs_per_unit(w->s));
    return err;
}

static mapa_err in_process(mapa__sweep_writer *w, const size_t *pending, size_t n, bool *stopped)
{
    for (size_t i = 0; i < n; i++) {
        if (stop_asked(w)) {
            *stopped = true;
            return MAPA_OK;
        }
        mapa_err err = unit_in_process(w, pending[i]);
        if (err != MAPA_OK)
            return err;
    }
    return MAPA_OK;
}

/* Read one unit from a worker's pipe and write it; false at the pipe's end. */
static bool receive(mapa__sweep_writer *w, int fd, mapa_err *err)
{
    size_t R = mapa_sweep_runs_per_unit(w->s);
    uint64_t length;
    if (!read_all(fd, &length, sizeof length))
        return false;
    char *buf = length < SIZE_MAX / 2 ? malloc((size_t)length + 1) : NULL;
    if (!buf || !read_all(fd, buf, (size_t)length)) {
        free(buf);
        *err = mapa_error_set(MAPA_EDEPENDENCY, "a sweep worker stopped in the middle of a unit");
        return false;
    }
    size_t unit;
    mapa_err unit_err;
    char text[1024];
    mapa_run_row *rows = NULL;
    mapa_run_arrays *arrays = NULL;
    *err = mapa__sweep_unpack(buf, (size_t)length, R, &unit, &unit_err, text, sizeof text, &rows,
                              &arrays);
    free(buf);
    if (*err == MAPA_OK && unit_err != MAPA_OK)
        *err = mapa_error_set(unit_err, "%s", text);
    else if (*err == MAPA_OK)
        *err = mapa__sweep_write(w, rows, arrays);
    mapa__sweep_free_unit(rows, arrays, R);
    return *err == MAPA_OK;
}

static mapa_err in_workers(mapa__sweep_writer *w, const size_t *pending, size_t n, size_t jobs,
                           bool *stopped)
{
    pid_t pid[64];
    struct pollfd fds[64];
    size_t started = 0;
    mapa_err err = MAPA_OK;
    fflush(NULL); /* nothing buffered twice */
    for (size_t k = 0; k < jobs; k++) {
        int fd[2];
        if (pipe(fd) != 0) {
            err = mapa_error_set(MAPA_EIO, "could not start a sweep worker: %s", strerror(errno));
            break;
        }
        pid[k] = fork();
        if (pid[k] == 0) {
            close(fd[0]);
            worker(w->s, pending, n, k, jobs, fd[1]);
        }
        close(fd[1]);
        if (pid[k] < 0) {
            close(fd[0]);
            err = mapa_error_set(MAPA_EIO, "could not start a sweep worker: %s", strerror(errno));
            break;
        }
        fds[k] = (struct pollfd){fd[0], POLLIN, 0};
        started++;
    }
    size_t open = started;
    while (err == MAPA_OK && open > 0) {
        if (stop_asked(w)) {
            *stopped = true;
            break;
        }
        int ready = poll(fds, started, 200);
        if (ready < 0 && errno != EINTR) {
            err = mapa_error_set(MAPA_EIO, "sweep workers: %s", strerror(errno));
            break;
        }
        for (size_t k = 0; ready > 0 && k < started && err == MAPA_OK; k++) {
            if (fds[k].fd < 0 || !(fds[k].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            if (!receive(w, fds[k].fd, &err)) {
                close(fds[k].fd);
                fds[k].fd = -1;
                open--;
            }
        }
    }
    for (size_t k = 0; k < started; k++) {
        if (open > 0 || err != MAPA_OK)
            kill(pid[k], SIGKILL);
        if (fds[k].fd >= 0)
            close(fds[k].fd);
        waitpid(pid[k], NULL, 0);
    }
    if (err == MAPA_OK && !*stopped) /* a worker that died between units sent nothing more */
        err = mapa__sweep_missing(w->s, w->f, pending, n, "a sweep worker ended early");
    return err;
}

mapa_err mapa_sweep_execute(const mapa_sweep *s, mapa_runs_file *f, const mapa_sweep_options *o,
                            bool *stopped)
{
    *stopped = false;
    size_t units = mapa_sweep_units(s), n = 0;
    size_t *pending = malloc((units + 1) * sizeof *pending);
    if (!pending)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for the sweep");
    for (size_t u = 0; u < units; u++)
        if (!mapa__sweep_unit_done(s, f, u))
            pending[n++] = u;
    mapa__sweep_writer w = {
        s, f, o, {mapa_runs_file_count(f), mapa_sweep_runs(s), 0, 0}, mapa__now()};
    size_t jobs = o->jobs < 1 ? 1 : o->jobs > 64 ? 64 : o->jobs;
    if (jobs > n)
        jobs = n ? n : 1;
    mapa_err err = o->mpi      ? mapa__sweep_mpi_serve(&w, pending, n, stopped)
                   : jobs == 1 ? in_process(&w, pending, n, stopped)
                               : in_workers(&w, pending, n, jobs, stopped);
    if (err == MAPA_OK && *stopped) /* the message names what is left */
        mapa__sweep_missing(s, f, pending, n, "stopped");
    free(pending);
    if (err == MAPA_OK && !*stopped) /* complete: rows in run order, whoever finished first */
        err = mapa_runs_file_sort(f);
    return err;
}
