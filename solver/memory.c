/* Memory estimates before a model is built: a refusal in words instead of the OOM killer. */
#define _POSIX_C_SOURCE 200809L
#include "solver/memory.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* MemAvailable from /proc/meminfo (Linux), else the free pages; 0 when unknown. */
static double available(void)
{
    FILE *fp = fopen("/proc/meminfo", "r");
    char line[128];
    double kib = 0;
    while (fp && fgets(line, sizeof line, fp))
        if (strncmp(line, "MemAvailable:", 13) == 0)
            sscanf(line + 13, "%lf", &kib);
    if (fp)
        fclose(fp);
    if (kib > 0)
        return kib * 1024;
    long pages = sysconf(_SC_AVPHYS_PAGES), size = sysconf(_SC_PAGESIZE);
    return pages > 0 && size > 0 ? (double)pages * (double)size : 0;
}

size_t mapa__memory_limit(size_t asked)
{
    if (asked)
        return asked;
    double free_bytes = available();
    return free_bytes > 0 ? (size_t)(0.8 * free_bytes) : SIZE_MAX;
}

mapa_err mapa__memory_check(double bytes, size_t limit, const char *what)
{
    if (bytes <= (double)limit)
        return MAPA_OK;
    return mapa_error_set(MAPA_ENOMEM,
                          "%s would need about %.1f MiB, more than the limit of %.1f MiB: not "
                          "built (raise --max-memory, or plan fewer members or teams at once)",
                          what, bytes / 1048576.0, (double)limit / 1048576.0);
}
