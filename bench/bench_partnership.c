/* Synthetic partnerships for the benchmarks (GSL MT19937, fixed seeds). */
#include <gsl/gsl_rng.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench_partnership.h"

mapa_partnership *bench_partnership(size_t n, size_t T, size_t A, unsigned long seed,
                                    size_t **team_out)
{
    mapa_partnership *p = NULL;
    if (mapa_partnership_new(&p) != MAPA_OK)
        return NULL;
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, seed);
    char id[32];
    size_t idx, *team = malloc(n * sizeof *team);
    const mapa_sector sectors[] = {MAPA_SECTOR_NGO, MAPA_SECTOR_POLICE, MAPA_SECTOR_LOCAL_AUTHORITY,
                                   MAPA_SECTOR_HEALTH, MAPA_SECTOR_BUSINESS};
    for (size_t a = 0; a < A; a++) {
        snprintf(id, sizeof id, "a%zu", a);
        mapa_partnership_add_agency(p, &idx, id, id, sectors[a % 5], false);
    }
    for (size_t t = 0; t < T; t++) {
        snprintf(id, sizeof id, "t%zu", t);
        mapa_topic topic = {.id = id,
                            .name = id,
                            .max_size = MAPA_UNLIMITED,
                            .max_per_agency = MAPA_UNLIMITED,
                            .cf_required = 2};
        mapa_partnership_add_topic(p, &idx, &topic);
    }
    for (size_t i = 0; i < n; i++) {
        snprintf(id, sizeof id, "m%zu", i);
        size_t prefs[3];
        for (size_t k = 0; k < 3; k++)
            prefs[k] = gsl_rng_uniform_int(rng, T);
        if (prefs[1] == prefs[0])
            prefs[1] = (prefs[0] + 1) % T;
        if (prefs[2] == prefs[0] || prefs[2] == prefs[1])
            prefs[2] = (prefs[1] + 1) % T == prefs[0] ? (prefs[1] + 2) % T : (prefs[1] + 1) % T;
        mapa_member m = {.id = id,
                         .name = id,
                         .agency = gsl_rng_uniform_int(rng, A),
                         .prefs = prefs,
                         .n_prefs = 3,
                         .cf_capacity = 1,
                         .fixed_team = MAPA_NONE,
                         .previous_team = MAPA_NONE};
        mapa_partnership_add_member(p, &idx, &m);
        team[i] = prefs[0]; /* everyone in their first choice */
    }
    gsl_rng_free(rng);
    *team_out = team;
    return p;
}
