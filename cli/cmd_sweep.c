/* `mapa sweep FILE -o results.h5 [--jobs N]`: run a sweep into an HDF5 dataset. */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <mapa/mapa.h>
#include <mapa/sweep.h>

#include "cli/cli.h"
#include "cli/options.h"

enum { OPT_OUT, OPT_JOBS };

static const mapa_cli_opt opts[] = {
    {OPT_OUT, 'o', "out", "FILE", "the HDF5 file (created, or resumed)", 0},
    {OPT_JOBS, 'j', "jobs", "N", "worker processes (0: one per core) [1]", 0},
    MAPA_CLI_OPT_END,
};

static const mapa_cli_spec spec = {
    "sweep", "Usage: mapa sweep [OPTIONS] FILE -o RESULTS.h5",
    "Run the sweep FILE describes (docs/sweeps.md): synthetic partnerships over a grid\n"
    "of generator parameters, each replicated and planned under every allocation and\n"
    "Critical Friend policy named, into the HDF5 dataset RESULTS.h5\n"
    "(docs/hdf5-schema.md). Running the same sweep on the same file again resumes it:\n"
    "runs already there are kept, not repeated; with more replicates or grid values\n"
    "only the new units run. Ctrl-C stops after the runs being written and leaves a\n"
    "readable file. Under mpirun (mpirun -n N mapa sweep ...) rank 0 writes the file\n"
    "and the other N - 1 ranks run the units. -q: no progress line and no report.\n",
    opts, "sweep file",
    "Exit codes: 0 done, 64 usage, 65 a bad sweep file or a file of another sweep,\n"
    "66 FILE missing, 70 a worker ended early, 74 RESULTS.h5 could not be written,\n"
    "130 interrupted.\n"};

typedef struct cmdline {
    const char *out;
    long jobs;
} cmdline;

static int take(int id, const char *v, void *payload)
{
    cmdline *c = payload;
    if (id == OPT_OUT) {
        c->out = v;
        return MAPA_EXIT_OK;
    }
    char *end;
    c->jobs = strtol(v, &end, 10);
    if (*end || v[0] < '0' || v[0] > '9' || c->jobs < 0 || c->jobs > 64)
        return mapa_cli_usage_error("sweep", "--jobs is a number from 0 to 64");
    return MAPA_EXIT_OK;
}

static volatile sig_atomic_t stop_flag;

static void on_signal(int sig)
{
    stop_flag = sig;
}

typedef struct progress_state {
    bool tty, quiet;
    long interrupt_after, crash_after; /* test hooks (environment), -1 when unset */
} progress_state;

static long env_number(const char *name)
{
    const char *v = getenv(name);
    return v && *v ? strtol(v, NULL, 10) : -1;
}

static void show_time(char *buf, size_t cap, double seconds)
{
    long s = (long)(seconds + 0.5);
    if (s < 60)
        snprintf(buf, cap, "%lds", s);
    else if (s < 3600)
        snprintf(buf, cap, "%ldm%02lds", s / 60, s % 60);
    else
        snprintf(buf, cap, "%.1fh", seconds / 3600);
}

static void progress(const mapa_sweep_progress *p, void *payload)
{
    progress_state *st = payload;
    if (st->tty && !st->quiet) {
        double rate = p->seconds > 0 ? (double)p->done_now / p->seconds : 0;
        char left[32] = "?";
        if (rate > 0)
            show_time(left, sizeof left, (double)(p->total - p->done) / rate);
        fprintf(stderr, "\r  %zu / %zu runs, %.1f runs/s, %s left   ", p->done, p->total, rate,
                left);
        fflush(stderr);
    }
    /* test hooks: simulate an interruption (the signal path) or a crash after a flush */
    if (st->interrupt_after >= 0 && p->done_now >= (size_t)st->interrupt_after)
        raise(SIGINT);
    if (st->crash_after >= 0 && p->done_now >= (size_t)st->crash_after)
        _exit(137);
}

static long file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

/* Test hook of an MPI worker: the last rank kills itself after N units sent. */
static void worker_sent(size_t sent, void *payload)
{
    long crash_after = *(const long *)payload;
    if (crash_after >= 0 && sent >= (size_t)crash_after)
        raise(SIGKILL);
}

/* An MPI rank other than 0: it runs the units rank 0 hands out; rank 0 reports problems. */
static int mpi_worker(const char *file, int rank, int size)
{
    signal(SIGINT, SIG_DFL); /* mpirun ends the job; rank 0 keeps the file whole */
    signal(SIGTERM, SIG_DFL);
    mapa_diags diags = MAPA_DIAGS_INIT;
    mapa_sweep s;
    mapa_err err = mapa_sweep_load(&s, file, &diags);
    char why[512] = "";
    if (err != MAPA_OK)
        snprintf(why, sizeof why, "%s", diags.n_items ? diags.items[0].message : mapa_error_last());
    mapa_diags_dispose(&diags);
    long crash_after = rank == size - 1 ? env_number("MAPA_SWEEP_RANK_CRASH_AFTER") : -1;
    err = mapa_sweep_mpi_work(err == MAPA_OK ? &s : NULL, why, worker_sent, &crash_after);
    if (why[0] == '\0')
        mapa_sweep_dispose(&s);
    mapa_sweep_mpi_end(err == MAPA_OK ? 0 : mapa_cli_exit_code(err));
    return MAPA_EXIT_OK;
}

static int writer(const char *file, const cmdline *c, bool quiet, bool mpi)
{
    const char *out = c->out;
    long jobs = c->jobs;
    if (jobs == 0)
        jobs = sysconf(_SC_NPROCESSORS_ONLN) > 0 ? sysconf(_SC_NPROCESSORS_ONLN) : 1;

    mapa_diags diags = MAPA_DIAGS_INIT;
    mapa_sweep s;
    mapa_err err = mapa_sweep_load(&s, file, &diags);
    mapa_cli_print_problems(&diags, 50);
    mapa_diags_dispose(&diags);
    if (err != MAPA_OK) {
        if (err != MAPA_EFORMAT)
            fprintf(stderr, "mapa sweep: %s\n", mapa_error_last());
        return mapa_cli_exit_code(err);
    }
    mapa_runs_file *f = NULL;
    mapa_sweep_opened opened;
    err = mapa_sweep_open(&f, &s, out, &opened);
    if (err != MAPA_OK) {
        fprintf(stderr, "mapa sweep: %s\n", mapa_error_last());
        mapa_sweep_dispose(&s);
        return mapa_cli_exit_code(err);
    }
    size_t before = opened.before, total = mapa_sweep_runs(&s);
    if (!quiet)
        printf("Sweep%s%s%s: %zu grid point%s x %zu replicate%s x %zu policy pair%s = %zu runs\n",
               s.name ? " '" : "", s.name ? s.name : "", s.name ? "'" : "",
               mapa_sweep_scenarios(&s), mapa_sweep_scenarios(&s) == 1 ? "" : "s", s.replicates,
               s.replicates == 1 ? "" : "s", mapa_sweep_runs_per_unit(&s),
               mapa_sweep_runs_per_unit(&s) == 1 ? "" : "s", total);
    if (!quiet && opened.extended)
        printf("Extending %s: its %zu runs are kept (renumbered), only new units run\n", out,
               before);
    else if (!quiet && opened.resumed)
        printf("Resuming %s: %zu runs already there are kept, %zu to run\n", out, before,
               total - before);
    fflush(stdout);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGXFSZ, SIG_IGN); /* a file size limit is a write error, not a kill */
    progress_state st = {isatty(2) != 0, quiet, env_number("MAPA_SWEEP_INTERRUPT_AFTER"),
                         env_number("MAPA_SWEEP_CRASH_AFTER")};
    mapa_sweep_options o = {(size_t)jobs, progress, &st, &stop_flag, mpi};
    bool stopped = false;
    err = mapa_sweep_execute(&s, f, &o, &stopped);
    size_t done = mapa_runs_file_count(f);
    if (st.tty && !quiet)
        fputc('\n', stderr);
    if (err != MAPA_OK)
        fprintf(stderr, "mapa sweep: %s\n", mapa_error_last());
    mapa_err closed = mapa_runs_file_close(f, err != MAPA_OK); /* removes a file it created */
    if (err == MAPA_OK && closed != MAPA_OK) {
        fprintf(stderr, "mapa sweep: %s\n", mapa_error_last());
        err = closed;
    }
    int rc = mapa_cli_exit_code(err);
    if (err == MAPA_OK && stopped) {
        fprintf(stderr, "mapa sweep: interrupted after %zu of %zu runs; %s is readable (%s)\n",
                done, total, out, mapa_error_last());
        if (mpi && stop_flag == SIGTERM)
            fprintf(stderr, "mapa sweep: under mpirun, SIGTERM comes when the job is interrupted "
                            "or when a rank died (mpirun's message names it)\n");
        rc = 130;
    } else if (err == MAPA_OK && !quiet) {
        printf("Wrote %s: %zu runs (%zu new), %.1f MB\n", out, done, done - before,
               (double)file_size(out) / 1e6);
    }
    mapa_sweep_dispose(&s);
    return rc;
}

static int run(int argc, char **argv)
{
    const char *file = NULL;
    bool quiet = false;
    cmdline c = {NULL, 1};
    int rc = mapa_cli_parse(&spec, 0, argc, argv, take, &c, &file, &quiet);
    if (rc != MAPA_EXIT_OK)
        return rc < 0 ? MAPA_EXIT_OK : rc;
    if (!file || !c.out)
        return mapa_cli_usage_error("sweep", "give the sweep FILE and -o RESULTS.h5");
    if (!mapa_sweep_mpi_launched())
        return writer(file, &c, quiet, false);
    int rank = 0, size = 1; /* under mpirun: rank 0 writes, the others run units */
    if (mapa_sweep_mpi_start(&rank, &size) != MAPA_OK) {
        fprintf(stderr, "mapa sweep: %s\n", mapa_error_last());
        return MAPA_EXIT_SOFTWARE;
    }
    if (rank > 0)
        return mpi_worker(file, rank, size);
    rc = writer(file, &c, quiet, size > 1); /* one rank alone runs as without MPI */
    fflush(NULL);
    mapa_sweep_mpi_end(rc); /* a failure ends every rank with rc */
    return rc;
}

const mapa_command mapa_cmd_sweep = {"sweep", "scenario sweeps into an HDF5 dataset", &spec, 0,
                                     run};
