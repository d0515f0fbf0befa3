/* libFuzzer target: a saved plan's teams.csv, read back against the example partnership. */
#include <stdlib.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const mapa_partnership *p = fuzz_example();
    size_t *team = NULL, *spoc = NULL;
    mapa_diags d = MAPA_DIAGS_INIT;
    if (mapa_read_teams_csv(&team, &spoc, p, fuzz_file(data, size), &d) == MAPA_OK) {
        for (size_t m = 0; m < p->n_members; m++)
            if (team[m] != MAPA_NONE && team[m] >= p->n_topics)
                abort(); /* a team that does not exist */
        for (size_t t = 0; t < p->n_topics; t++)
            if (spoc[t] != MAPA_NONE && team[spoc[t]] != t)
                abort(); /* a SPOC outside the team */
    }
    fuzz_check_diags(&d);
    free(team);
    free(spoc);
    mapa_diags_dispose(&d);
    return 0;
}
