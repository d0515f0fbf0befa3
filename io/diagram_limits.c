/* The diagrams' size limits and the choice to aggregate (io/diagram_limits.h). */
#include "io/diagram_limits.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

const char *mapa__diagram_layout(const char *wanted, size_t nodes)
{
    if (strcmp(wanted, "circo") == 0 && nodes > MAPA_DIAGRAM_CIRCO_MAX)
        return "sfdp";
    return wanted;
}

bool mapa__diagram_team_table(size_t teams)
{
    return teams > MAPA_DIAGRAM_CIRCO_MAX;
}

size_t mapa__diagram_floor(const size_t *count, size_t n, size_t keep)
{
    size_t top = 0, nonzero = 0;
    for (size_t k = 0; k < n; k++) {
        top = count[k] > top ? count[k] : top;
        nonzero += count[k] > 0;
    }
    if (nonzero <= keep)
        return 1;
    size_t *at = calloc(top + 2, sizeof *at); /* how many pairs have each count */
    if (!at)
        return SIZE_MAX;
    for (size_t k = 0; k < n; k++)
        at[count[k]]++;
    size_t drawn = 0, floor = top + 1;
    while (floor > 1 && drawn + at[floor - 1] <= keep)
        drawn += at[--floor];
    free(at);
    return floor;
}
