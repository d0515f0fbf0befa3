/* The solvers' result structs as plain data: their names, ranks and disposal (no solver here). */
#include <stdlib.h>

#include <mapa/alloc.h>
#include <mapa/cf.h>

const char *mapa_status_name(mapa_status status)
{
    switch (status) {
    case MAPA_STATUS_OPTIMAL: return "optimal";
    case MAPA_STATUS_FEASIBLE: return "feasible";
    case MAPA_STATUS_INFEASIBLE: return "infeasible";
    case MAPA_STATUS_TIME_LIMIT: return "time_limit";
    }
    return "unknown";
}

size_t mapa_member_rank(const mapa_member *m, size_t t)
{
    for (size_t r = 0; r < m->n_prefs; r++)
        if (m->prefs[r] == t)
            return r + 1;
    return 0;
}

void mapa_alloc_dispose(mapa_alloc *a)
{
    free(a->team);
    free(a->spoc);
    free(a->rank_counts);
    for (size_t k = 0; k < a->n_notes; k++)
        free(a->notes[k].text);
    free(a->notes);
    *a = (mapa_alloc)MAPA_ALLOC_INIT;
}

void mapa_cf_dispose(mapa_cf *cf)
{
    free(cf->pairs);
    free(cf->short_by);
    for (size_t k = 0; k < cf->n_notes; k++)
        free(cf->notes[k].text);
    free(cf->notes);
    *cf = (mapa_cf)MAPA_CF_INIT;
}
