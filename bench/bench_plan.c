/*
 * The whole of `mapa plan` on generated partnerships: for each size, `mapa
 * generate` (members, topics, agencies, one action per member, five logged
 * contacts per member), then `mapa plan -v`, timing every stage (wall and CPU,
 * from the command's own "done in" lines, beside its estimates) and the peak
 * memory of the whole command. Usage:
 *   bench_plan MAPA [--cf-policy P] [MEMBERS:TOPICS:AGENCIES ...]
 * (default 1000:30:20 10000:100:60 100000:300:200). Table: bench/README.md.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "bench/bench_util.h"

static void stages(const char *log)
{
    FILE *fp = fopen(log, "r");
    char line[1024];
    while (fp && fgets(line, sizeof line, fp)) {
        char *at = strstr(line, ": done in "), *about = strstr(line, " sub-teams: about ");
        if (at) {
            *at = '\0';
            double wall = 0, cpu = 0;
            sscanf(at + 10, "%lf s (%lf s of CPU)", &wall, &cpu);
            printf("    %-32s %8.2f s wall %8.2f s CPU\n", line, wall, cpu);
        } else if (about) {
            line[strcspn(line, "\n")] = '\0';
            printf("  %s\n", strstr(line, ": ") ? line : "");
        } else if (strstr(line, "mapa plan:")) {
            printf("  %s", line);
        }
    }
    if (fp)
        fclose(fp);
}

/* User and system CPU seconds of the children waited for so far. */
static double children_cpu(void)
{
    struct rusage ru;
    getrusage(RUSAGE_CHILDREN, &ru);
    return (double)ru.ru_utime.tv_sec + 1e-6 * (double)ru.ru_utime.tv_usec +
           (double)ru.ru_stime.tv_sec + 1e-6 * (double)ru.ru_stime.tv_usec;
}

/* The one-minute load average, as the machine's share of other work. */
static double load_average(void)
{
    double load = -1;
    FILE *fp = fopen("/proc/loadavg", "r");
    if (fp && fscanf(fp, "%lf", &load) != 1)
        load = -1;
    if (fp)
        fclose(fp);
    return load;
}

static int one(const char *mapa, const char *policy, size_t n, size_t T, size_t A, const char *dir)
{
    char members[32], topics[32], agencies[32], actions[32], contacts[32], part[512], out[512],
        log[512], cmd[2048];
    snprintf(members, sizeof members, "%zu", n);
    snprintf(topics, sizeof topics, "%zu", T);
    snprintf(agencies, sizeof agencies, "%zu", A);
    snprintf(actions, sizeof actions, "%zu", n);
    snprintf(contacts, sizeof contacts, "%zu", 5 * n);
    snprintf(part, sizeof part, "%s/p%zu", dir, n);
    snprintf(out, sizeof out, "%s/o%zu", dir, n);
    snprintf(log, sizeof log, "%s/log%zu", dir, n);
    char *gen[] = {(char *)mapa, "generate",       "-q",     "--members", members, "--topics",
                   topics,       "--agencies",     agencies, "--seed",    "1",     "--actions",
                   actions,      "--interactions", contacts, "-o",        part,    NULL};
    double seconds = 0, peak = 0;
    if (bench_run(gen, 600, &seconds, &peak) != 0) {
        fprintf(stderr, "bench_plan: mapa generate failed for %zu members\n", n);
        return 1;
    }
    snprintf(cmd, sizeof cmd, "exec '%s' plan -v '%s' -o '%s' --cf-policy %s >/dev/null 2>'%s'",
             mapa, part, out, policy, log);
    char *plan[] = {"/bin/sh", "-c", cmd, NULL};
    double load = load_average(), cpu = children_cpu();
    int rc = bench_run(plan, 3600, &seconds, &peak);
    cpu = children_cpu() - cpu;
    printf("%zu members, %zu topics, %zu agencies, %zu actions, %zu contacts, Critical Friends %s:"
           " exit %d, %.1f s wall, %.1f s CPU (user and system), peak %.0f MiB, load average %.1f"
           " before\n",
           n, T, A, n, 5 * n, policy, rc, seconds, cpu, peak, load);
    stages(log);
    fflush(stdout);
    return rc != 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_plan MAPA [--cf-policy P] [MEMBERS:TOPICS:AGENCIES ...]\n");
        return 64;
    }
    const char *mapa = argv[1], *policy = "optimal";
    int first = 2;
    if (argc > 3 && strcmp(argv[2], "--cf-policy") == 0) {
        policy = argv[3];
        first = 4;
    }
    char dir[] = "/tmp/bench_plan.XXXXXX";
    if (!mkdtemp(dir)) {
        perror("bench_plan: mkdtemp");
        return 70;
    }
    static const char *const sizes[] = {"1000:30:20", "10000:100:60", "100000:300:200"};
    int failed = 0, count = argc > first ? argc - first : 3;
    for (int k = 0; k < count; k++) {
        const char *spec = argc > first ? argv[first + k] : sizes[k];
        size_t n = 0, T = 0, A = 0;
        if (sscanf(spec, "%zu:%zu:%zu", &n, &T, &A) != 3) {
            fprintf(stderr, "bench_plan: %s is not MEMBERS:TOPICS:AGENCIES\n", spec);
            return 64;
        }
        failed += one(mapa, policy, n, T, A, dir);
    }
    char rm[600];
    snprintf(rm, sizeof rm, "rm -rf '%s'", dir);
    if (system(rm) != 0)
        fprintf(stderr, "bench_plan: could not remove %s\n", dir);
    return failed ? 1 : 0;
}
