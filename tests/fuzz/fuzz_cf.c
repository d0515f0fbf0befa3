/* libFuzzer target: a saved plan's critical_friends.csv, read back against the example. */
#include <stdlib.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const mapa_partnership *p = fuzz_example();
    static size_t *team;
    if (!team) { /* a fixed allocation: member m in topic m mod T, co-ordinators in none */
        team = malloc((p->n_members + 1) * sizeof *team);
        if (!team)
            abort();
        for (size_t m = 0; m < p->n_members; m++)
            team[m] = p->members[m].coordinator ? MAPA_NONE : m % p->n_topics;
    }
    mapa_cf cf = MAPA_CF_INIT;
    mapa_diags d = MAPA_DIAGS_INIT;
    if (mapa_read_cf_csv(&cf, p, team, fuzz_file(data, size), &d) == MAPA_OK) {
        for (size_t k = 0; k < cf.n_pairs; k++)
            if (cf.pairs[k].member >= p->n_members || cf.pairs[k].team >= p->n_topics ||
                team[cf.pairs[k].member] == cf.pairs[k].team)
                abort();
        mapa_cf_dispose(&cf);
    }
    fuzz_check_diags(&d);
    mapa_diags_dispose(&d);
    return 0;
}
