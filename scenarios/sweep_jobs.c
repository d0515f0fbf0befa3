/*
 * Running a sweep's units: in this process, or in `jobs` worker processes
 * (fork) that each take every jobs-th pending unit and send its rows and
 * arrays back through a pipe. Only this process writes the HDF5 file, one
 * unit at a time, so the file is whole after every unit.
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

static bool unit_done(const mapa_sweep *s, const mapa_runs_file *f, size_t unit)
{
    size_t R = mapa_sweep_runs_per_unit(s);
    for (size_t k = 0; k < R; k++)
        if (!mapa_runs_file_has(f, (int64_t)(unit * R + k)))
            return false;
    return true;
}

static void free_unit(mapa_run_row *rows, mapa_run_arrays *arrays, size_t R)
{
    for (size_t k = 0; arrays && k < R; k++)
        mapa_run_arrays_dispose(&arrays[k]);
    free(rows);
    free(arrays);
}

/* ---- the pipe protocol: a header, the rows, then each run's arrays ---- */

typedef struct header {
    uint64_t unit;
    int64_t err; /* MAPA_OK, or the error (its text follows, `length` bytes) */
    uint64_t length;
} header;

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

static bool send_arrays(int fd, const mapa_run_arrays *a)
{
    uint64_t sizes[4] = {a->n_members, a->n_topics, a->n_cf, a->betweenness != NULL};
    bool ok = write_all(fd, sizes, sizeof sizes) &&
              write_all(fd, a->team, a->n_members * sizeof *a->team) &&
              write_all(fd, a->rank, a->n_members * sizeof *a->rank) &&
              write_all(fd, a->spoc, a->n_topics * sizeof *a->spoc) &&
              write_all(fd, a->cf_member, a->n_cf * sizeof *a->cf_member) &&
              write_all(fd, a->cf_team, a->n_cf * sizeof *a->cf_team);
    if (ok && sizes[3])
        ok = write_all(fd, a->betweenness, a->n_members * sizeof *a->betweenness) &&
             write_all(fd, a->degree, a->n_members * sizeof *a->degree) &&
             write_all(fd, a->articulation, a->n_members * sizeof *a->articulation);
    return ok;
}

static bool receive_arrays(int fd, mapa_run_arrays *a)
{
    uint64_t sizes[4];
    memset(a, 0, sizeof *a);
    if (!read_all(fd, sizes, sizeof sizes) || sizes[0] > SIZE_MAX / 16 ||
        sizes[1] > SIZE_MAX / 16 || sizes[2] > SIZE_MAX / 16)
        return false;
    size_t n = sizes[0], T = sizes[1], k = sizes[2];
    a->n_members = n, a->n_topics = T, a->n_cf = k;
    a->team = malloc((n + 1) * sizeof *a->team);
    a->rank = malloc((n + 1) * sizeof *a->rank);
    a->spoc = malloc((T + 1) * sizeof *a->spoc);
    a->cf_member = malloc((k + 1) * sizeof *a->cf_member);
    a->cf_team = malloc((k + 1) * sizeof *a->cf_team);
    if (sizes[3]) {
        a->betweenness = malloc((n + 1) * sizeof *a->betweenness);
        a->degree = malloc((n + 1) * sizeof *a->degree);
        a->articulation = malloc((n + 1) * sizeof *a->articulation);
    }
    bool ok = a->team && a->rank && a->spoc && a->cf_member && a->cf_team &&
              (!sizes[3] || (a->betweenness && a->degree && a->articulation)) &&
              read_all(fd, a->team, n * sizeof *a->team) &&
              read_all(fd, a->rank, n * sizeof *a->rank) &&
              read_all(fd, a->spoc, T * sizeof *a->spoc) &&
              read_all(fd, a->cf_member, k * sizeof *a->cf_member) &&
              read_all(fd, a->cf_team, k * sizeof *a->cf_team) &&
              (!sizes[3] || (read_all(fd, a->betweenness, n * sizeof *a->betweenness) &&
                             read_all(fd, a->degree, n * sizeof *a->degree) &&
                             read_all(fd, a->articulation, n * sizeof *a->articulation)));
    if (!ok)
        mapa_run_arrays_dispose(a);
    return ok;
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
        const char *text = err == MAPA_OK ? "" : mapa_error_last();
        header h = {pending[i], err, strlen(text)};
        bool ok = write_all(fd, &h, sizeof h) && write_all(fd, text, h.length);
        if (ok && err == MAPA_OK) {
            ok = write_all(fd, rows, R * sizeof *rows);
            for (size_t k = 0; ok && k < R; k++)
                ok = send_arrays(fd, &arrays[k]);
        }
        free_unit(rows, arrays, R);
        if (!ok || err != MAPA_OK)
            break;
    }
    close(fd);
    _exit(0);
}

typedef struct runner {
    const mapa_sweep *s;
    mapa_runs_file *f;
    const mapa_sweep_options *o;
    mapa_sweep_progress progress;
    double start;
} runner;

static mapa_err append(runner *r, mapa_run_row *rows, mapa_run_arrays *arrays)
{
    size_t R = mapa_sweep_runs_per_unit(r->s);
    mapa_err err = mapa_runs_file_append(r->f, rows, arrays, R);
    if (err != MAPA_OK)
        return err;
    r->progress.done = mapa_runs_file_count(r->f);
    r->progress.done_now += R;
    r->progress.seconds = mapa__now() - r->start;
    if (r->o->progress)
        r->o->progress(&r->progress, r->o->payload);
    return MAPA_OK;
}

static bool stop_asked(const runner *r)
{
    return r->o->stop && *r->o->stop;
}

/* One unit run here and written. */
static mapa_err unit_in_process(runner *r, size_t unit)
{
    mapa_run_row *rows = NULL;
    mapa_run_arrays *arrays = NULL;
    mapa_err err = mapa_sweep_unit(r->s, unit, &rows, &arrays);
    if (err != MAPA_OK)
        goto cleanup;
    err = append(r, rows, arrays);
cleanup:
    free_unit(rows, arrays, mapa_sweep_runs_per_unit(r->s));
    return err;
}

static mapa_err in_process(runner *r, const size_t *pending, size_t n, bool *stopped)
{
    for (size_t i = 0; i < n; i++) {
        if (stop_asked(r)) {
            *stopped = true;
            return MAPA_OK;
        }
        mapa_err err = unit_in_process(r, pending[i]);
        if (err != MAPA_OK)
            return err;
    }
    return MAPA_OK;
}

/* Read one unit from a worker's pipe and write it; false at the pipe's end. */
static bool receive(runner *r, int fd, mapa_err *err)
{
    size_t R = mapa_sweep_runs_per_unit(r->s);
    header h;
    if (!read_all(fd, &h, sizeof h))
        return false;
    if (h.err != MAPA_OK) {
        char text[1024] = "";
        size_t n = h.length < sizeof text - 1 ? (size_t)h.length : sizeof text - 1;
        read_all(fd, text, n);
        *err = mapa_error_set((mapa_err)h.err, "%s", text);
        return false;
    }
    mapa_run_row *rows = malloc(R * sizeof *rows);
    mapa_run_arrays *arrays = calloc(R, sizeof *arrays);
    bool ok = rows && arrays && read_all(fd, rows, R * sizeof *rows);
    for (size_t k = 0; ok && k < R; k++)
        ok = receive_arrays(fd, &arrays[k]);
    if (ok)
        *err = append(r, rows, arrays);
    else
        *err = mapa_error_set(MAPA_EDEPENDENCY, "a sweep worker stopped in the middle of a unit");
    free_unit(rows, arrays, R);
    return ok && *err == MAPA_OK;
}

static mapa_err in_workers(runner *r, const size_t *pending, size_t n, size_t jobs, bool *stopped)
{
    pid_t pid[64];
    struct pollfd fds[64];
    size_t started = 0;
    mapa_err err = MAPA_OK;
    fflush(NULL); /* nothing buffered twice */
    for (size_t w = 0; w < jobs; w++) {
        int fd[2];
        if (pipe(fd) != 0) {
            err = mapa_error_set(MAPA_EIO, "could not start a sweep worker: %s", strerror(errno));
            break;
        }
        pid[w] = fork();
        if (pid[w] == 0) {
            close(fd[0]);
            worker(r->s, pending, n, w, jobs, fd[1]);
        }
        close(fd[1]);
        if (pid[w] < 0) {
            close(fd[0]);
            err = mapa_error_set(MAPA_EIO, "could not start a sweep worker: %s", strerror(errno));
            break;
        }
        fds[w] = (struct pollfd){fd[0], POLLIN, 0};
        started++;
    }
    size_t open = started;
    while (err == MAPA_OK && open > 0) {
        if (stop_asked(r)) {
            *stopped = true;
            break;
        }
        int ready = poll(fds, started, 200);
        if (ready < 0 && errno != EINTR) {
            err = mapa_error_set(MAPA_EIO, "sweep workers: %s", strerror(errno));
            break;
        }
        for (size_t w = 0; ready > 0 && w < started && err == MAPA_OK; w++) {
            if (fds[w].fd < 0 || !(fds[w].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            if (!receive(r, fds[w].fd, &err)) {
                close(fds[w].fd);
                fds[w].fd = -1;
                open--;
            }
        }
    }
    for (size_t w = 0; w < started; w++) {
        if (open > 0 || err != MAPA_OK)
            kill(pid[w], SIGKILL);
        if (fds[w].fd >= 0)
            close(fds[w].fd);
        waitpid(pid[w], NULL, 0);
    }
    size_t missing = 0; /* a worker that died between units sent nothing more */
    for (size_t i = 0; err == MAPA_OK && !*stopped && i < n; i++)
        missing += !unit_done(r->s, r->f, pending[i]);
    if (missing)
        err = mapa_error_set(MAPA_EDEPENDENCY,
                             "a sweep worker ended early: %zu of %zu units not run (the same "
                             "command runs them)",
                             missing, n);
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
        if (!unit_done(s, f, u))
            pending[n++] = u;
    runner r = {s, f, o, {mapa_runs_file_count(f), mapa_sweep_runs(s), 0, 0}, mapa__now()};
    size_t jobs = o->jobs < 1 ? 1 : o->jobs > 64 ? 64 : o->jobs;
    if (jobs > n)
        jobs = n ? n : 1;
    mapa_err err =
        jobs == 1 ? in_process(&r, pending, n, stopped) : in_workers(&r, pending, n, jobs, stopped);
    free(pending);
    if (err == MAPA_OK && !*stopped) /* complete: rows in run order, whoever finished first */
        err = mapa_runs_file_sort(f);
    return err;
}
