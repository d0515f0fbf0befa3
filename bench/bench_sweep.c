/*
 * Sweep benchmark: bench/sweeps/sweep-1000.json, 1,000 runs of 300-member
 * partnerships (10 grid points x 25 replicates x 4 policy pairs).
 *  1. Where a run's time goes: the first 25 units run stage by stage in this
 *     process (generate, each allocation policy, each CF policy, the run's
 *     figures, the HDF5 append), with time per run and peak memory.
 *  2. The whole sweep through the mapa binary, --jobs 2 beside --jobs 1 (the
 *     sequential run is the reference): wall time, peak memory, runs per
 *     second and file size.
 *
 * Usage: bench_sweep MAPA_BINARY SWEEP_FILE [--units N]
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <mapa/mapa.h>
#include <mapa/sweep.h>

#include "bench_util.h"

enum { STAGES = 6 };
static const char *const STAGE[STAGES] = {"generate",         "allocation",
                                          "critical friends", "figures (network, duplicates)",
                                          "HDF5 append",      "total"};

static void stages(const mapa_sweep *s, size_t units, const char *path)
{
    double t[STAGES] = {0};
    size_t runs = 0;
    mapa_runs_file *f = NULL;
    bool resumed;
    unlink(path);
    bench_reset_peak();
    if (mapa_runs_file_open(&f, path, s->json, (const char *const *)s->param, s->n_params,
                            &resumed) != MAPA_OK) {
        fprintf(stderr, "bench_sweep: %s\n", mapa_error_last());
        return;
    }
    double all = bench_now();
    for (size_t u = 0; u < units && u < mapa_sweep_units(s); u++) {
        mapa_generator g = mapa_sweep_generator(s, u);
        mapa_partnership *p = NULL;
        mapa_planted_pair *truth = NULL;
        size_t n_truth = 0;
        double t0 = bench_now();
        if (mapa_generate_partnership(&p, &g, &truth, &n_truth) != MAPA_OK)
            break;
        t[0] += bench_now() - t0;
        for (size_t a = 0; a < s->n_alloc; a++) {
            mapa_alloc_options ao = MAPA_ALLOC_OPTIONS_INIT;
            ao.policy = s->alloc[a].policy;
            p->settings.objective = s->alloc[a].objective;
            mapa_alloc al = MAPA_ALLOC_INIT;
            t0 = bench_now();
            mapa_alloc_solve(&al, p, &ao);
            t[1] += bench_now() - t0;
            for (size_t c = 0; c < s->n_cf; c++) {
                mapa_cf_options co = MAPA_CF_OPTIONS_INIT;
                co.policy = s->cf[c].policy;
                mapa_cf cf = MAPA_CF_INIT;
                t0 = bench_now();
                mapa_cf_solve(&cf, p, al.team, al.spoc, &co);
                t[2] += bench_now() - t0;
                mapa_run_row row;
                memset(&row, 0, sizeof row);
                row.run_id = (int64_t)runs;
                mapa_run_arrays arr;
                t0 = bench_now();
                mapa_run_measure(&row, &arr, p, &al, &cf, truth, n_truth, &s->run);
                t[3] += bench_now() - t0;
                t0 = bench_now();
                mapa_runs_file_append(f, &row, &arr, 1);
                t[4] += bench_now() - t0;
                mapa_run_arrays_dispose(&arr);
                mapa_cf_dispose(&cf);
                runs++;
            }
            mapa_alloc_dispose(&al);
        }
        free(truth);
        mapa_partnership_free(p);
    }
    t[5] = bench_now() - all;
    mapa_runs_file_close(f, false);
    unlink(path);
    printf("Stages over the first %zu units (%zu runs), in this process; peak %.1f MiB\n", units,
           runs, bench_peak_mib());
    printf("  %-32s %10s %12s\n", "stage", "seconds", "ms per run");
    for (int k = 0; k < STAGES; k++)
        printf("  %-32s %10.3f %12.2f\n", STAGE[k], t[k], runs ? 1000 * t[k] / (double)runs : 0);
}

static void writer(const mapa_sweep *s, size_t units, const char *path)
{
    size_t R = mapa_sweep_runs_per_unit(s),
           n = units < mapa_sweep_units(s) ? units : mapa_sweep_units(s);
    mapa_run_row **rows = calloc(n + 1, sizeof *rows);
    mapa_run_arrays **arrays = calloc(n + 1, sizeof *arrays);
    double compute = bench_now();
    for (size_t u = 0; rows && arrays && u < n; u++)
        if (mapa_sweep_unit(s, u, &rows[u], &arrays[u]) != MAPA_OK) {
            fprintf(stderr, "bench_sweep: %s\n", mapa_error_last());
            n = u;
        }
    compute = bench_now() - compute;
    mapa_runs_file *f = NULL;
    bool resumed;
    unlink(path);
    double write = 0;
    if (mapa_runs_file_open(&f, path, s->json, (const char *const *)s->param, s->n_params,
                            &resumed) == MAPA_OK) {
        write = bench_now();
        for (size_t u = 0; u < n; u++)
            mapa_runs_file_append(f, rows[u], arrays[u], R);
        write = bench_now() - write;
        mapa_runs_file_close(f, false);
    }
    struct stat st;
    double mb = stat(path, &st) == 0 ? (double)st.st_size / 1e6 : 0;
    unlink(path);
    double runs = (double)(n * R);
    printf("\nThe one writer: %zu units (%.0f runs) run through mapa_sweep_unit, then appended "
           "a unit at a time\n",
           n, runs);
    printf("  compute %.2f ms per run; write %.3f ms per run: %.0f runs/s, %.1f MB/s (%.2f MB)\n",
           1000 * compute / runs, 1000 * write / runs, runs / write, mb / write, mb);
    printf("  one writer keeps up with about %.0f workers (compute / write), so about %.0f "
           "ranks\n",
           compute / write, compute / write + 1);
    for (size_t u = 0; u < n; u++) {
        for (size_t k = 0; k < R; k++)
            mapa_run_arrays_dispose(&arrays[u][k]);
        free(rows[u]);
        free(arrays[u]);
    }
    free(rows);
    free(arrays);
}

/* The whole sweep under mpirun with `ranks` ranks (rank 0 writes). */
static void with_mpi(const char *mapa, const char *file, const char *path, const char *ranks,
                     size_t runs)
{
    unlink(path);
    char *argv[] = {"mpirun", "--oversubscribe", "-n", (char *)ranks, (char *)mapa,
                    "sweep",  (char *)file,      "-o", (char *)path,  "-q",
                    NULL};
    double seconds = 0, peak = 0;
    int rc = bench_run(argv, 600, &seconds, &peak);
    struct stat st;
    double mb = stat(path, &st) == 0 ? (double)st.st_size / 1e6 : 0;
    printf("  mpirun -n %-2s exit %d  %8.1f s  %8.1f MiB  %8.1f runs/s  %6.1f MB\n", ranks, rc,
           seconds, peak, seconds > 0 ? (double)runs / seconds : 0, mb);
    unlink(path);
}

static void whole(const char *mapa, const char *file, const char *path, const char *jobs,
                  size_t runs)
{
    unlink(path);
    char *argv[] = {(char *)mapa, "sweep",      (char *)file, "-o", (char *)path,
                    "--jobs",     (char *)jobs, "-q",         NULL};
    double seconds = 0, peak = 0;
    int rc = bench_run(argv, 600, &seconds, &peak);
    struct stat st;
    double mb = stat(path, &st) == 0 ? (double)st.st_size / 1e6 : 0;
    printf("  --jobs %-3s exit %d  %8.1f s  %8.1f MiB  %8.1f runs/s  %6.1f MB\n", jobs, rc, seconds,
           peak, seconds > 0 ? (double)runs / seconds : 0, mb);
    unlink(path);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_sweep MAPA_BINARY SWEEP_FILE [--units N]\n");
        return 64;
    }
    size_t units = 25;
    if (argc >= 5 && strcmp(argv[3], "--units") == 0)
        units = (size_t)strtoul(argv[4], NULL, 10);
    mapa_diags d = MAPA_DIAGS_INIT;
    mapa_sweep s;
    if (mapa_sweep_load(&s, argv[2], &d) != MAPA_OK) {
        fprintf(stderr, "bench_sweep: cannot read %s\n", argv[2]);
        mapa_diags_dispose(&d);
        return 65;
    }
    mapa_diags_dispose(&d);
    char path[] = "/tmp/mapa-bench-sweep.h5";
    printf("Sweep: %zu grid points x %zu replicates x %zu policy pairs = %zu runs\n\n",
           mapa_sweep_scenarios(&s), s.replicates, mapa_sweep_runs_per_unit(&s),
           mapa_sweep_runs(&s));
    stages(&s, units, path);
    writer(&s, units, path);
    printf("\nThe whole sweep through the mapa binary (wall time, peak memory of the command and "
           "its workers, file size):\n");
    whole(argv[1], argv[2], path, "2", mapa_sweep_runs(&s));
    whole(argv[1], argv[2], path, "1", mapa_sweep_runs(&s));
    if (getenv("MAPA_BENCH_NO_MPI") == NULL) {
        setenv("OMPI_ALLOW_RUN_AS_ROOT", "1", 0); /* containers run as root */
        setenv("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1", 0);
        printf("Under mpirun (rank 0 writes, the others run units; 4 ranks oversubscribe 2 "
               "cores):\n");
        with_mpi(argv[1], argv[2], path, "1", mapa_sweep_runs(&s));
        with_mpi(argv[1], argv[2], path, "2", mapa_sweep_runs(&s));
        with_mpi(argv[1], argv[2], path, "4", mapa_sweep_runs(&s));
    }
    mapa_sweep_dispose(&s);
    return 0;
}
