/* Team sizes and distinct agencies of a plan: the one place these counts are made. */
#include <stdlib.h>

#include <mapa/team_metrics.h>

mapa_err mapa_team_counts_compute(mapa_team_counts *out, const mapa_partnership *p,
                                  const size_t *team)
{
    size_t T = p->n_topics, A = p->n_agencies;
    mapa_err err = MAPA_OK;
    mapa_team_counts c = {T, calloc(T + 1, sizeof *c.size), calloc(T + 1, sizeof *c.agencies), 0};
    /* the last team seen per agency, one pass per team's members: O(members + T + A) */
    size_t *order = malloc((p->n_members + 1) * sizeof *order);
    size_t *start = calloc(T + 2, sizeof *start), *last = malloc((A + 1) * sizeof *last);
    if (!c.size || !c.agencies || !order || !start || !last) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory for the team counts");
        goto cleanup;
    }
    for (size_t i = 0; i < p->n_members; i++)
        if (team[i] != MAPA_NONE)
            start[team[i] + 1]++;
    for (size_t t = 0; t < T; t++) {
        c.size[t] = start[t + 1];
        start[t + 1] += start[t];
    }
    for (size_t i = 0; i < p->n_members; i++)
        if (team[i] != MAPA_NONE)
            order[start[team[i]]++] = i;
    for (size_t a = 0; a < A; a++)
        last[a] = MAPA_NONE;
    for (size_t t = 0, k = 0; t < T; t++)
        for (size_t end = k + c.size[t]; k < end; k++) {
            size_t a = p->members[order[k]].agency;
            if (last[a] != t) {
                last[a] = t;
                c.agencies[t]++;
            }
        }
    c.min_agencies = T ? SIZE_MAX : 0;
    for (size_t t = 0; t < T; t++)
        if (c.agencies[t] < c.min_agencies)
            c.min_agencies = c.agencies[t];
    *out = c;
    c = (mapa_team_counts)MAPA_TEAM_COUNTS_INIT;
cleanup:
    mapa_team_counts_dispose(&c);
    free(order);
    free(start);
    free(last);
    return err;
}

void mapa_team_counts_dispose(mapa_team_counts *c)
{
    free(c->size);
    free(c->agencies);
    *c = (mapa_team_counts)MAPA_TEAM_COUNTS_INIT;
}
