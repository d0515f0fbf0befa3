/* The communication network of a plan or of the interaction log. */
#include <mapa/network.h>

#include <math.h>
#include <stdlib.h>

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
    *net = (mapa_network)MAPA_NETWORK_INIT;
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

static mapa_err plan_ties(mapa_network *net, const mapa_partnership *p, const size_t *team,
                          const size_t *spoc, const mapa_cf *cf)
{
    size_t *first = NULL, *list = NULL;
    mapa_err err = team_lists(p, team, &first, &list);
    size_t T = p->n_topics;
    for (size_t t = 0; err == MAPA_OK && t < T; t++) /* co-membership */
        for (size_t x = first[t]; err == MAPA_OK && x < first[t + 1]; x++)
            for (size_t y = x + 1; err == MAPA_OK && y < first[t + 1]; y++)
                err = mapa_network_add_tie(net, list[x], list[y], 1, MAPA_TIE_TEAM);
    for (size_t k = 0; cf && err == MAPA_OK && k < cf->n_pairs; k++) /* CF to the team */
        for (size_t x = first[cf->pairs[k].team];
             err == MAPA_OK && x < first[cf->pairs[k].team + 1]; x++)
            err = mapa_network_add_tie(net, cf->pairs[k].member, list[x], 1, MAPA_TIE_CF);
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
    for (size_t i = 0; err == MAPA_OK && i < p->n_members; i++) /* the co-ordination team */
        for (size_t j = i + 1; p->members[i].coordinator && err == MAPA_OK && j < p->n_members; j++)
            if (p->members[j].coordinator)
                err = mapa_network_add_tie(net, i, j, 1, MAPA_TIE_COORD);
    free(first);
    free(list);
    return err;
}

mapa_err mapa_network_from_plan(mapa_network *net, const mapa_partnership *p, const size_t *team,
                                const size_t *spoc, const mapa_cf *cf)
{
    mapa_err err = members_as_nodes(net, p, team);
    if (err == MAPA_OK)
        err = plan_ties(net, p, team, spoc, cf);
    if (err != MAPA_OK) {
        mapa_network_dispose(net);
        return err;
    }
    mapa_network_finish(net);
    return MAPA_OK;
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
    mapa_err err = members_as_nodes(net, p, team);
    if (err == MAPA_OK) {
        net->sent = calloc(net->n + 1, sizeof *net->sent);
        net->received = calloc(net->n + 1, sizeof *net->received);
        if (!net->sent || !net->received)
            err = mapa_error_set(MAPA_ENOMEM, "out of memory for the network");
    }
    for (size_t k = 0; err == MAPA_OK && k < p->n_interactions; k++) {
        const mapa_interaction *x = &p->interactions[k];
        if (x->day < first || x->day > last)
            continue;
        net->sent[x->from] += x->weight;
        net->received[x->to] += x->weight;
        err = mapa_network_add_tie(net, x->from, x->to, x->weight, MAPA_TIE_OBSERVED);
    }
    if (err == MAPA_OK)
        err = reciprocity(net, p, first, last);
    if (err != MAPA_OK) {
        mapa_network_dispose(net);
        return err;
    }
    mapa_network_finish(net);
    return MAPA_OK;
}
