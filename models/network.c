/* The communication network of a plan or of the interaction log. */
#include <mapa/network.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "models/util.h"

mapa_err mapa_network_add_tie(mapa_network *net, size_t a, size_t b, double weight, unsigned kind)
{
    if (a == b)
        return MAPA_OK;
    if (!mapa__grow((void **)&net->ties, &net->cap_ties, net->n_ties + 1, sizeof *net->ties))
        return mapa_error_set(MAPA_ENOMEM, "out of memory for the network's ties");
    net->ties[net->n_ties++] = (mapa_tie){a < b ? a : b, a < b ? b : a, weight, kind};
    return MAPA_OK;
}

static int by_pair(const void *x, const void *y)
{
    const mapa_tie *s = x, *t = y;
    if (s->a != t->a)
        return s->a < t->a ? -1 : 1;
    return s->b < t->b ? -1 : (s->b > t->b);
}

void mapa_network_finish(mapa_network *net)
{
    if (net->n_ties == 0)
        return;
    qsort(net->ties, net->n_ties, sizeof *net->ties, by_pair);
    size_t out = 0;
    for (size_t k = 0; k < net->n_ties; k++) {
        if (out > 0 && net->ties[out - 1].a == net->ties[k].a &&
            net->ties[out - 1].b == net->ties[k].b) {
            net->ties[out - 1].weight += net->ties[k].weight;
            net->ties[out - 1].kind |= net->ties[k].kind;
        } else {
            net->ties[out++] = net->ties[k];
        }
    }
    net->n_ties = out;
}

static void free_strings(char **s, size_t n)
{
    for (size_t k = 0; s && k < n; k++)
        free(s[k]);
    free(s);
}

void mapa_network_dispose(mapa_network *net)
{
    free_strings(net->label, net->n);
    free_strings(net->name, net->n);
    free(net->group);
    free(net->sector);
    free(net->team);
    free_strings(net->group_label, net->n_groups);
    free_strings(net->team_label, net->n_teams);
    free(net->ties);
    free(net->sent);
    free(net->received);
    free(net->clique_first);
    free(net->clique_node);
    *net = (mapa_network)MAPA_NETWORK_INIT;
}

static int by_node(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    return a < b ? -1 : (a > b);
}

mapa_err mapa_network_add_clique(mapa_network *net, const size_t *nodes, size_t count)
{
    size_t have = net->n_cliques ? net->clique_first[net->n_cliques] : 0;
    size_t *first = realloc(net->clique_first, (net->n_cliques + 2) * sizeof *first);
    if (!first)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for the network's teams");
    net->clique_first = first;
    size_t *node = realloc(net->clique_node, (have + count + 1) * sizeof *node);
    if (!node)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for the network's teams");
    net->clique_node = node;
    memcpy(node + have, nodes, count * sizeof *nodes);
    qsort(node + have, count, sizeof *node, by_node);
    first[0] = 0;
    first[++net->n_cliques] = have + count;
    return MAPA_OK;
}

static double pairs(size_t k)
{
    return (double)k * ((double)k - 1) / 2;
}

size_t mapa_network_tie_count(const mapa_network *net)
{
    double implied = 0;
    for (size_t c = 0; c < net->n_cliques; c++)
        implied += pairs(net->clique_first[c + 1] - net->clique_first[c]);
    return net->n_ties + (size_t)implied;
}

mapa_err mapa_network_expand(mapa_network *net)
{
    for (size_t c = 0; c < net->n_cliques; c++)
        for (size_t x = net->clique_first[c]; x < net->clique_first[c + 1]; x++)
            for (size_t y = x + 1; y < net->clique_first[c + 1]; y++) {
                mapa_err err = mapa_network_add_tie(net, net->clique_node[x], net->clique_node[y],
                                                    1, MAPA_TIE_TEAM);
                if (err != MAPA_OK)
                    return err;
            }
    free(net->clique_first);
    free(net->clique_node);
    net->clique_first = net->clique_node = NULL;
    net->n_cliques = 0;
    mapa_network_finish(net);
    return MAPA_OK;
}

mapa_err mapa_network_aggregate(mapa_network *agg, const mapa_network *net, const size_t *map)
{
    mapa_err err = MAPA_OK;
    for (size_t k = 0; err == MAPA_OK && k < net->n_ties; k++) {
        size_t a = map[net->ties[k].a], b = map[net->ties[k].b];
        if (a != MAPA_NONE && b != MAPA_NONE && a != b)
            err = mapa_network_add_tie(agg, a, b, 1.0, net->ties[k].kind);
    }
    if (err != MAPA_OK || net->n_cliques == 0)
        return err;
    double *count = calloc(agg->n + 1, sizeof *count); /* members of the clique per value */
    size_t *seen = malloc((agg->n + 1) * sizeof *seen), n_seen = 0;
    if (!count || !seen)
        err = mapa_error_set(MAPA_ENOMEM, "out of memory for the aggregated network");
    for (size_t c = 0; err == MAPA_OK && c < net->n_cliques; c++) {
        n_seen = 0;
        for (size_t x = net->clique_first[c]; x < net->clique_first[c + 1]; x++) {
            size_t g = map[net->clique_node[x]];
            if (g == MAPA_NONE)
                continue;
            if (count[g] == 0)
                seen[n_seen++] = g;
            count[g]++;
        }
        for (size_t i = 0; err == MAPA_OK && i < n_seen; i++)
            for (size_t j = i + 1; err == MAPA_OK && j < n_seen; j++)
                err = mapa_network_add_tie(agg, seen[i], seen[j], count[seen[i]] * count[seen[j]],
                                           MAPA_TIE_TEAM);
        for (size_t i = 0; i < n_seen; i++)
            count[seen[i]] = 0;
    }
    free(count);
    free(seen);
    return err;
}

/* Nodes, agencies and teams of the partnership. */
static mapa_err members_as_nodes(mapa_network *net, const mapa_partnership *p, const size_t *team)
{
    size_t n = p->n_members;
    *net = (mapa_network)MAPA_NETWORK_INIT;
    net->n = n;
    net->label = calloc(n + 1, sizeof *net->label);
    net->name = calloc(n + 1, sizeof *net->name);
    net->group = malloc((n + 1) * sizeof *net->group);
    net->sector = malloc((n + 1) * sizeof *net->sector);
    net->team = malloc((n + 1) * sizeof *net->team);
    net->n_groups = p->n_agencies;
    net->group_label = calloc(p->n_agencies + 1, sizeof *net->group_label);
    net->n_teams = p->n_topics;
    net->team_label = calloc(p->n_topics + 1, sizeof *net->team_label);
    bool ok = net->label && net->name && net->group && net->sector && net->team &&
              net->group_label && net->team_label;
    for (size_t i = 0; ok && i < n; i++) {
        const mapa_member *m = &p->members[i];
        net->label[i] = mapa__strdup(m->id);
        net->name[i] = mapa__strdup(m->name);
        net->group[i] = m->agency;
        net->sector[i] = (size_t)p->agencies[m->agency].sector;
        net->team[i] = team ? team[i] : MAPA_NONE;
        ok = net->label[i] && net->name[i];
    }
    for (size_t a = 0; ok && a < p->n_agencies; a++)
        ok = (net->group_label[a] = mapa__strdup(p->agencies[a].id)) != NULL;
    for (size_t t = 0; ok && t < p->n_topics; t++)
        ok = (net->team_label[t] = mapa__strdup(p->topics[t].id)) != NULL;
    if (ok)
        return MAPA_OK;
    mapa_network_dispose(net);
    return mapa_error_set(MAPA_ENOMEM, "out of memory for the network");
}

/* Members of each team, as offsets into one array (counting sort). */
static mapa_err team_lists(const mapa_partnership *p, const size_t *team, size_t **first,
                           size_t **list)
{
    size_t T = p->n_topics, n = p->n_members;
    *first = calloc(T + 2, sizeof **first);
    *list = malloc((n + 1) * sizeof **list);
    if (!*first || !*list)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for the network");
    for (size_t i = 0; i < n; i++)
        if (team[i] != MAPA_NONE)
            (*first)[team[i] + 2]++;
    for (size_t t = 2; t < T + 2; t++)
        (*first)[t] += (*first)[t - 1];
    for (size_t i = 0; i < n; i++)
        if (team[i] != MAPA_NONE)
            (*list)[(*first)[team[i] + 1]++] = i;
    return MAPA_OK;
}

/* Ties between the members of each team: listed, or implied by one clique per team. */
static mapa_err team_ties(mapa_network *net, size_t T, const size_t *first, const size_t *list)
{
    double implied = 0;
    for (size_t t = 0; t < T; t++)
        implied += pairs(first[t + 1] - first[t]);
    for (size_t t = 0; implied > MAPA_NETWORK_LIST_MAX && t < T; t++) {
        mapa_err err = mapa_network_add_clique(net, list + first[t], first[t + 1] - first[t]);
        if (err != MAPA_OK)
            return err;
    }
    for (size_t t = 0; implied <= MAPA_NETWORK_LIST_MAX && t < T; t++)
        for (size_t x = first[t]; x < first[t + 1]; x++)
            for (size_t y = x + 1; y < first[t + 1]; y++) {
                mapa_err err = mapa_network_add_tie(net, list[x], list[y], 1, MAPA_TIE_TEAM);
                if (err != MAPA_OK)
                    return err;
            }
    return MAPA_OK;
}

/* Ties from each Critical Friend to every member of the team they advise (cf may be NULL). */
static mapa_err cf_ties(mapa_network *net, const mapa_cf *cf, const size_t *first,
                        const size_t *list)
{
    for (size_t k = 0; cf && k < cf->n_pairs; k++)
        for (size_t x = first[cf->pairs[k].team]; x < first[cf->pairs[k].team + 1]; x++) {
            mapa_err err = mapa_network_add_tie(net, cf->pairs[k].member, list[x], 1, MAPA_TIE_CF);
            if (err != MAPA_OK)
                return err;
        }
    return MAPA_OK;
}

/* Ties among the SPOCs, and from every co-ordinator to each SPOC (none if spoc is NULL). */
static mapa_err spoc_ties(mapa_network *net, const mapa_partnership *p, const size_t *spoc)
{
    size_t T = p->n_topics;
    mapa_err err = MAPA_OK;
    for (size_t t = 0; spoc && err == MAPA_OK && t < T; t++) {
        if (spoc[t] == MAPA_NONE)
            continue;
        for (size_t u = t + 1; err == MAPA_OK && u < T; u++)
            if (spoc[u] != MAPA_NONE)
                err = mapa_network_add_tie(net, spoc[t], spoc[u], 1, MAPA_TIE_SPOC);
        for (size_t i = 0; err == MAPA_OK && i < p->n_members; i++)
            if (p->members[i].coordinator)
                err = mapa_network_add_tie(net, i, spoc[t], 1, MAPA_TIE_COORD);
    }
    return err;
}

/* Ties within the co-ordination team. */
static mapa_err coordination_ties(mapa_network *net, const mapa_partnership *p)
{
    mapa_err err = MAPA_OK;
    for (size_t i = 0; err == MAPA_OK && i < p->n_members; i++)
        for (size_t j = i + 1; p->members[i].coordinator && err == MAPA_OK && j < p->n_members; j++)
            if (p->members[j].coordinator)
                err = mapa_network_add_tie(net, i, j, 1, MAPA_TIE_COORD);
    return err;
}

/* Ties through the teams: co-membership, and each Critical Friend to their team. */
static mapa_err team_and_cf_ties(mapa_network *net, const mapa_partnership *p, const size_t *team,
                                 const mapa_cf *cf)
{
    size_t *first = NULL, *list = NULL;
    mapa_err err = team_lists(p, team, &first, &list);
    if (err != MAPA_OK)
        goto cleanup;
    err = team_ties(net, p->n_topics, first, list);
    if (err != MAPA_OK)
        goto cleanup;
    err = cf_ties(net, cf, first, list);
cleanup:
    free(first);
    free(list);
    return err;
}

/* Whether no listed tie joins two members of one team (what implied cliques need). */
static bool ties_outside_teams(const mapa_network *net, const size_t *team)
{
    for (size_t k = 0; k < net->n_ties; k++)
        if (team[net->ties[k].a] != MAPA_NONE && team[net->ties[k].a] == team[net->ties[k].b])
            return false;
    return true;
}

mapa_err mapa_network_from_plan(mapa_network *net, const mapa_partnership *p, const size_t *team,
                                const size_t *spoc, const mapa_cf *cf)
{
    mapa_network built = MAPA_NETWORK_INIT;
    mapa_err err = members_as_nodes(&built, p, team);
    if (err != MAPA_OK)
        goto cleanup;
    err = team_and_cf_ties(&built, p, team, cf);
    if (err != MAPA_OK)
        goto cleanup;
    err = spoc_ties(&built, p, spoc);
    if (err != MAPA_OK)
        goto cleanup;
    err = coordination_ties(&built, p);
    if (err != MAPA_OK)
        goto cleanup;
    mapa_network_finish(&built);
    if (built.n_cliques && !ties_outside_teams(&built, team)) {
        err = mapa_network_expand(&built); /* a saved plan tying team-mates otherwise: list all */
        if (err != MAPA_OK)
            goto cleanup;
    }
    *net = built; /* the caller owns it now */
    built = (mapa_network)MAPA_NETWORK_INIT;
cleanup:
    mapa_network_dispose(&built);
    return err;
}

typedef struct arc {
    size_t from, to;
} arc;

static int by_arc(const void *x, const void *y)
{
    const arc *s = x, *t = y;
    if (s->from != t->from)
        return s->from < t->from ? -1 : 1;
    return s->to < t->to ? -1 : (s->to > t->to);
}

static bool has_arc(const arc *arcs, size_t n, size_t from, size_t to)
{
    arc key = {from, to};
    return bsearch(&key, arcs, n, sizeof *arcs, by_arc) != NULL;
}

/* Reciprocity of the directed log: distinct pairs a -> b whose b -> a is logged too. */
static mapa_err reciprocity(mapa_network *net, const mapa_partnership *p, int32_t first,
                            int32_t last)
{
    arc *arcs = malloc((p->n_interactions + 1) * sizeof *arcs);
    if (!arcs)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for the network");
    size_t n = 0, distinct = 0, mutual = 0;
    for (size_t k = 0; k < p->n_interactions; k++) {
        const mapa_interaction *x = &p->interactions[k];
        if (x->day >= first && x->day <= last)
            arcs[n++] = (arc){x->from, x->to};
    }
    qsort(arcs, n, sizeof *arcs, by_arc);
    for (size_t k = 0; k < n; k++) {
        if (k > 0 && by_arc(&arcs[k - 1], &arcs[k]) == 0)
            continue;
        distinct++;
        mutual += has_arc(arcs, n, arcs[k].to, arcs[k].from);
    }
    net->reciprocity = distinct ? (double)mutual / (double)distinct : NAN;
    free(arcs);
    return MAPA_OK;
}

mapa_err mapa_network_from_log(mapa_network *net, const mapa_partnership *p, const size_t *team,
                               int32_t first, int32_t last)
{
    mapa_network built = MAPA_NETWORK_INIT;
    mapa_err err = members_as_nodes(&built, p, team);
    if (err != MAPA_OK)
        goto cleanup;
    built.sent = calloc(built.n + 1, sizeof *built.sent);
    built.received = calloc(built.n + 1, sizeof *built.received);
    if (!built.sent || !built.received) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory for the network");
        goto cleanup;
    }
    for (size_t k = 0; k < p->n_interactions; k++) {
        const mapa_interaction *x = &p->interactions[k];
        if (x->day < first || x->day > last)
            continue;
        built.sent[x->from] += x->weight;
        built.received[x->to] += x->weight;
        err = mapa_network_add_tie(&built, x->from, x->to, x->weight, MAPA_TIE_OBSERVED);
        if (err != MAPA_OK)
            goto cleanup;
    }
    err = reciprocity(&built, p, first, last);
    if (err != MAPA_OK)
        goto cleanup;
    mapa_network_finish(&built);
    *net = built; /* the caller owns it now */
    built = (mapa_network)MAPA_NETWORK_INIT;
cleanup:
    mapa_network_dispose(&built);
    return err;
}
