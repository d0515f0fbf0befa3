/*
 * Team-level figures: size, agencies, Critical Friends in and out, reach in
 * the team graph (h -> t when a member of h reviews t), and the single CFs
 * whose removal would end its strong connectivity (each CF removed in turn,
 * strong components recomputed with igraph: O(pairs x (T + pairs))).
 */
#include <mapa/team_metrics.h>

#include <stdlib.h>
#include <string.h>

static mapa_err reach_counts(mapa_team_metrics *m, size_t T, const size_t *from, const size_t *to,
                             size_t n_arcs)
{
    mapa_err err = MAPA_OK;
    unsigned char *adj = calloc(T * T + 1, 1), *seen = calloc(T + 1, 1);
    if (!adj || !seen) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory for team figures");
        goto cleanup;
    }
    for (size_t k = 0; k < n_arcs; k++)
        adj[from[k] * T + to[k]] = 1;
    for (size_t h = 0; h < T; h++) {
        memset(seen, 0, T);
        for (size_t k = 0; k < T; k++)
            if (adj[h * T + k] && k != h) {
                seen[k] = 1;
                m->team[h].reach1++;
            }
        for (size_t k = 0; k < T; k++)
            for (size_t t = 0; adj[h * T + k] && t < T; t++)
                if (adj[k * T + t] && t != h)
                    seen[t] = 1;
        for (size_t t = 0; t < T; t++)
            m->team[h].reach2 += seen[t];
    }
cleanup:
    free(adj);
    free(seen);
    return err;
}

static mapa_err critical_cfs(mapa_team_metrics *m, size_t T, const mapa_cf *cf, size_t *from,
                             size_t *to)
{
    size_t n = cf->n_pairs, *memb = malloc((T + 1) * sizeof *memb);
    m->critical = malloc((n + 1) * sizeof *m->critical); /* m's: freed with m */
    mapa_err err = MAPA_OK;
    if (!memb || !m->critical) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory for team figures");
        goto cleanup;
    }
    for (size_t k = 0; k < n; k++) {
        size_t keep_from = from[k], keep_to = to[k], count = 0;
        from[k] = to[k] = keep_to; /* a loop: the arc is gone */
        err = mapa_team_graph_components(memb, &count, NULL, NULL, T, from, to, n);
        from[k] = keep_from;
        to[k] = keep_to;
        if (err != MAPA_OK)
            goto cleanup;
        if (count > 1) {
            m->critical[m->n_critical++] = k;
            m->team[keep_to].critical++;
        }
    }
cleanup:
    free(memb);
    return err;
}

mapa_err mapa_team_metrics_compute(mapa_team_metrics *out, const mapa_partnership *p,
                                   const size_t *team, const mapa_cf *cf)
{
    size_t T = p->n_topics, n = cf ? cf->n_pairs : 0;
    mapa_team_metrics m = {T, calloc(T + 1, sizeof *m.team), {0}, NULL, 0};
    size_t *from = malloc((n + 1) * sizeof *from), *to = malloc((n + 1) * sizeof *to);
    mapa_team_counts counts = MAPA_TEAM_COUNTS_INIT;
    mapa_err err = MAPA_OK;
    if (!m.team || !from || !to) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory for team figures");
        goto cleanup;
    }
    err = mapa_team_counts_compute(&counts, p, team);
    if (err != MAPA_OK)
        goto cleanup;
    for (size_t t = 0; t < T; t++) {
        m.team[t].members = counts.size[t];
        m.team[t].agencies = counts.agencies[t];
    }
    for (size_t k = 0; k < n; k++) {
        from[k] = team[cf->pairs[k].member];
        to[k] = cf->pairs[k].team;
        m.team[to[k]].cfs_in++;
        m.team[from[k]].cfs_out++;
    }
    if (T > 0) {
        err = mapa_team_graph_measure(&m.graph, T, from, to, n);
        if (err != MAPA_OK)
            goto cleanup;
    }
    err = reach_counts(&m, T, from, to, n);
    if (err != MAPA_OK)
        goto cleanup;
    if (m.graph.strongly_connected && T > 1) {
        err = critical_cfs(&m, T, cf, from, to);
        if (err != MAPA_OK)
            goto cleanup;
    }
    *out = m; /* the caller owns it now */
    m = (mapa_team_metrics){0};
cleanup:
    mapa_team_counts_dispose(&counts);
    free(from);
    free(to);
    mapa_team_metrics_dispose(&m);
    return err;
}

void mapa_team_metrics_dispose(mapa_team_metrics *m)
{
    free(m->team);
    free(m->critical);
    *m = (mapa_team_metrics){0};
}
