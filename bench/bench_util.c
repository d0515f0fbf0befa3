/* Timing and peak memory for the benchmark programs (Linux /proc, wait4). */
#define _DEFAULT_SOURCE
#include "bench_util.h"

#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

void bench_reset_peak(void)
{
    FILE *fp = fopen("/proc/self/clear_refs", "w");
    if (fp) {
        fputs("5", fp);
        fclose(fp);
    }
}

double bench_peak_mib(void)
{
    FILE *fp = fopen("/proc/self/status", "r");
    char line[256];
    double kib = 0;
    while (fp && fgets(line, sizeof line, fp))
        if (strncmp(line, "VmHWM:", 6) == 0)
            kib = atof(line + 6);
    if (fp)
        fclose(fp);
    return kib / 1024;
}

int bench_run(char *const argv[], double timeout, double *seconds, double *peak_mib)
{
    return bench_run_to(argv, timeout, seconds, peak_mib, NULL);
}

int bench_run_to(char *const argv[], double timeout, double *seconds, double *peak_mib,
                 const char *out)
{
    double start = bench_now();
    pid_t pid = fork();
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        int sink = out ? open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600) : null;
        if (null >= 0) {
            dup2(sink >= 0 ? sink : null, 1);
            dup2(null, 2);
        }
        execvp(argv[0], argv);
        _exit(127);
    }
    if (pid < 0)
        return -1;
    int status = 0;
    struct rusage ru;
    for (;;) {
        pid_t done = wait4(pid, &status, WNOHANG, &ru);
        if (done == pid)
            break;
        if (bench_now() - start > timeout) {
            kill(pid, SIGKILL);
            wait4(pid, &status, 0, &ru);
            status = -2;
            break;
        }
        usleep(20000);
    }
    *seconds = bench_now() - start;
    *peak_mib = (double)ru.ru_maxrss / 1024;
    return status == -2 ? -2 : (WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

double bench_glpsol_objective(const char *sol, const char *name)
{
    FILE *fp = fopen(sol, "r");
    char line[512], key[128];
    snprintf(key, sizeof key, "%s = ", name);
    double v = NAN;
    while (fp && fgets(line, sizeof line, fp)) {
        const char *eq = strstr(line, key);
        if (strncmp(line, "Objective:", 10) == 0 && eq)
            v = atof(eq + strlen(key));
    }
    if (fp)
        fclose(fp);
    return v;
}

double bench_cbc_objective(const char *sol)
{
    FILE *fp = fopen(sol, "r");
    char line[512];
    double v = NAN;
    if (fp && fgets(line, sizeof line, fp)) {
        const char *at = strstr(line, "objective value");
        if (at && strncmp(line, "Optimal", 7) == 0)
            v = atof(at + strlen("objective value"));
    }
    if (fp)
        fclose(fp);
    return v;
}
