/*
 * Fault injection, as SQLite's do_faultsim_test does it: with MAPA_FAIL_AT=N
 * in the environment, the N-th allocation mapa itself makes fails (returns
 * NULL) and every other one succeeds. Linked with -Wl,--wrap=malloc,... so
 * only mapa's own calls go through here; the libraries' allocations (GLPK,
 * igraph, Graphviz) do not. At exit, MAPA_FAULTSIM_REPORT=FILE receives the
 * number of allocations made, to size the loop; MAPA_FAULTSIM_TRACE=1 prints where the
 * failing allocation was made.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <execinfo.h>
#include <string.h>
#include <stdio.h>
#include <stdlib.h>

void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t size);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t size);

static long fail_at = -2; /* -2: not read yet; -1: never fail */
static long count;

static void report(void)
{
    const char *path = getenv("MAPA_FAULTSIM_REPORT");
    FILE *fp = path ? fopen(path, "w") : NULL;
    if (fp) {
        fprintf(fp, "%ld\n", count);
        fclose(fp);
    }
}

/* jansson 2.14's parser crashes when one of its allocations fails (json_loadf, seen here):
 * an allocation made inside it is not failed, and the next one is instead. */
static int inside_json_parser(void)
{
    void *frames[24];
    int n = backtrace(frames, 24);
    for (int k = 0; k < n; k++) {
        Dl_info info;
        if (dladdr(frames[k], &info) && info.dli_sname && strncmp(info.dli_sname, "json_load", 9) == 0)
            return 1;
    }
    return 0;
}

static int fail_now(void)
{
    if (fail_at == -2) {
        const char *v = getenv("MAPA_FAIL_AT");
        fail_at = v && *v ? strtol(v, NULL, 10) : -1;
        atexit(report);
    }
    if (++count != fail_at)
        return 0;
    if (inside_json_parser()) {
        fail_at++;
        return 0;
    }
    if (getenv("MAPA_FAULTSIM_TRACE")) { /* where it failed, for addr2line */
        void *frames[16];
        backtrace_symbols_fd(frames, backtrace(frames, 16), 2);
    }
    return 1;
}

void *__wrap_malloc(size_t size)
{
    return fail_now() ? NULL : __real_malloc(size);
}

void *__wrap_calloc(size_t n, size_t size)
{
    return fail_now() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t size)
{
    return fail_now() ? NULL : __real_realloc(p, size);
}
