/* Timing and peak memory for the benchmark programs (Linux /proc). */
#ifndef MAPA_BENCH_UTIL_H
#define MAPA_BENCH_UTIL_H

#include <stddef.h>

/** Seconds on a monotonic clock. */
double bench_now(void);
/** Reset the peak resident set size to the current one (Linux 4.0+). */
void bench_reset_peak(void);
/** Peak resident set size since the last reset, in MiB. */
double bench_peak_mib(void);
/**
 * Run `argv` as a child process; returns its exit status, and its wall time
 * and peak memory (MiB) through the pointers. `timeout` seconds, then killed.
 */
int bench_run(char *const argv[], double timeout, double *seconds, double *peak_mib);

/** bench_run with the child's standard output into the file `out` (NULL: discarded). */
int bench_run_to(char *const argv[], double timeout, double *seconds, double *peak_mib,
                 const char *out);

/** The objective of a CBC solution file ("Optimal - objective value V"), or NaN if not optimal. */
double bench_cbc_objective(const char *sol);

/** The objective `name` in a glpsol solution file ("Objective:  name = V"), or NaN. */
double bench_glpsol_objective(const char *sol, const char *name);

#endif
