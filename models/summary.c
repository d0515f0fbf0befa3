/* Counts a co-ordinator reads before a meeting: members, agencies by sector, demand per topic. */
#include <mapa/summary.h>

#include <stdlib.h>

mapa_err mapa_summary_compute(mapa_summary *out, const mapa_partnership *p)
{
    mapa_summary s = MAPA_SUMMARY_INIT;
    size_t n = p->n_topics ? p->n_topics : 1;
    s.first = calloc(n, sizeof *s.first);
    s.ranked = calloc(n, sizeof *s.ranked);
    if (!s.first || !s.ranked) {
        mapa_summary_dispose(&s);
        return mapa_error_set(MAPA_ENOMEM, "out of memory for the summary");
    }
    s.n_members = p->n_members;
    s.n_agencies = p->n_agencies;
    s.n_topics = p->n_topics;
    for (size_t a = 0; a < p->n_agencies; a++)
        s.by_sector[p->agencies[a].sector]++;
    for (size_t i = 0; i < p->n_members; i++) {
        const mapa_member *m = &p->members[i];
        if (m->coordinator) {
            s.n_coordinators++;
            continue;
        }
        s.n_allocatable++;
        s.n_spoc_willing += m->spoc_willing;
        s.n_without_prefs += m->n_prefs == 0;
        for (size_t r = 0; r < m->n_prefs; r++) {
            s.ranked[m->prefs[r]]++;
            if (r == 0)
                s.first[m->prefs[r]]++;
        }
    }
    for (size_t t = 0; t < p->n_topics; t++) {
        const mapa_topic *topic = &p->topics[t];
        s.total_min_size += topic->min_size;
        if (topic->max_size == MAPA_UNLIMITED || s.total_max_size == MAPA_UNLIMITED)
            s.total_max_size = MAPA_UNLIMITED;
        else
            s.total_max_size += topic->max_size;
    }
    *out = s;
    return MAPA_OK;
}

void mapa_summary_dispose(mapa_summary *s)
{
    free(s->first);
    free(s->ranked);
    *s = (mapa_summary)MAPA_SUMMARY_INIT;
}
