/*
 * The figures of one run for the HDF5 dataset (include/mapa/runs.h): how
 * preferences were met, the agency mix of the teams, Critical Friend coverage
 * and the team graph, the planned network's figures and the duplicated
 * actions, with the planted ones when the partnership is synthetic.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <mapa/duplicates.h>
#include <mapa/metrics.h>
#include <mapa/network.h>
#include <mapa/runs.h>

void mapa_run_text(char field[MAPA_RUN_TEXT], const char *text)
{
    memset(field, 0, MAPA_RUN_TEXT);
    strncpy(field, text ? text : "", MAPA_RUN_TEXT - 1);
}

void mapa_run_arrays_dispose(mapa_run_arrays *a)
{
    free(a->team);
    free(a->rank);
    free(a->spoc);
    free(a->cf_member);
    free(a->cf_team);
    free(a->betweenness);
    free(a->degree);
    free(a->articulation);
    memset(a, 0, sizeof *a);
}

static void preferences(mapa_run_row *row, mapa_run_arrays *arr, const mapa_partnership *p,
                        const mapa_alloc *alloc)
{
    size_t ranked = 0, first = 0;
    double sum = 0;
    for (size_t i = 0; i < p->n_members; i++) {
        const mapa_member *m = &p->members[i];
        size_t t = alloc->team[i];
        arr->team[i] = t == MAPA_NONE ? -1 : (int32_t)t;
        if (t == MAPA_NONE) {
            arr->rank[i] = -1;
            continue;
        }
        size_t r = mapa_member_rank(m, t);
        arr->rank[i] = (int32_t)r;
        if (!m->n_prefs)
            continue;
        ranked++;
        if (r == 0)
            row->unranked++;
        else if (r <= MAPA_RUN_RANKS)
            row->rank_count[r - 1]++;
        else
            row->rank_later++;
        first += r == 1;
        sum += r ? (double)r : (double)(m->n_prefs + 1);
    }
    row->worst_rank = (int32_t)alloc->worst_rank;
    row->mean_rank = ranked ? sum / (double)ranked : NAN;
    row->first_choice_share = ranked ? (double)first / (double)ranked : NAN;
}

/* Distinct agencies per team, teams below their minimum, the largest share of one agency. */
static mapa_err agency_mix(mapa_run_row *row, const mapa_partnership *p, const size_t *team)
{
    size_t T = p->n_topics, A = p->n_agencies;
    size_t *count = calloc(A + 1, sizeof *count), *size = calloc(T + 1, sizeof *size);
    size_t *order = malloc((p->n_members + 1) * sizeof *order),
           *start = calloc(T + 2, sizeof *start);
    mapa_err err = MAPA_OK;
    if (!count || !size || !order || !start) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory for the run's figures");
        goto cleanup;
    }
    for (size_t i = 0; i < p->n_members; i++)
        if (team[i] != MAPA_NONE)
            start[team[i] + 1]++;
    for (size_t t = 0; t < T; t++)
        start[t + 1] += start[t];
    for (size_t i = 0; i < p->n_members; i++)
        if (team[i] != MAPA_NONE)
            order[start[team[i]] + size[team[i]]++] = i;
    double total = 0, worst = 0;
    int32_t least = INT32_MAX;
    for (size_t t = 0; t < T; t++) {
        size_t distinct = 0, most = 0;
        for (size_t k = start[t]; k < start[t + 1]; k++) {
            size_t a = p->members[order[k]].agency;
            distinct += count[a]++ == 0;
            most = count[a] > most ? count[a] : most;
        }
        for (size_t k = start[t]; k < start[t + 1]; k++)
            count[p->members[order[k]].agency] = 0;
        total += (double)distinct;
        least = (int32_t)distinct < least ? (int32_t)distinct : least;
        row->teams_below_min_agencies += distinct < p->topics[t].min_agencies;
        if (size[t])
            worst = fmax(worst, (double)most / (double)size[t]);
    }
    row->mean_agencies_per_team = T ? total / (double)T : NAN;
    row->min_agencies_per_team = T ? least : 0;
    row->largest_agency_share = worst;
cleanup:
    free(count);
    free(size);
    free(order);
    free(start);
    return err;
}

static void critical_friends(mapa_run_row *row, mapa_run_arrays *arr, const mapa_cf *cf)
{
    mapa_run_text(row->cf_status,
                  strcmp(cf->method, "none") == 0 ? "none" : mapa_status_name(cf->status));
    row->cf_objective = cf->objective;
    row->cf_seconds = cf->seconds;
    row->cf_places = (int32_t)cf->places;
    row->cf_filled = (int32_t)cf->filled;
    row->cf_coverage = cf->places ? (double)cf->filled / (double)cf->places : NAN;
    row->strongly_connected = cf->strongly_connected;
    row->reach_one_step = cf->reach1;
    row->reach_two_steps = cf->reach2;
    row->diameter = (int32_t)cf->diameter;
    for (size_t k = 0; k < cf->n_pairs; k++) {
        arr->cf_member[k] = (int32_t)cf->pairs[k].member;
        arr->cf_team[k] = (int32_t)cf->pairs[k].team;
    }
}

static mapa_err network(mapa_run_row *row, mapa_run_arrays *arr, const mapa_partnership *p,
                        const mapa_alloc *alloc, const mapa_cf *cf)
{
    mapa_network net = MAPA_NETWORK_INIT;
    mapa_metrics m = {0};
    mapa_metrics_options o = MAPA_METRICS_OPTIONS_INIT;
    mapa_err err = mapa_network_from_plan(&net, p, alloc->team, alloc->spoc, cf);
    if (err != MAPA_OK)
        goto cleanup;
    err = mapa_metrics_compute(&m, &net, &o);
    if (err != MAPA_OK)
        goto cleanup;
    row->density = m.density;
    row->average_path = m.average_path;
    row->transitivity = m.transitivity;
    row->betweenness_centralization = m.betweenness_centralization;
    row->ei_agency = m.ei;
    row->modularity_team = m.modularity_team;
    row->components = (int32_t)m.components;
    row->articulation_points = (int32_t)m.articulation_points;
    size_t n = p->n_members;
    arr->betweenness = malloc((n + 1) * sizeof *arr->betweenness); /* arr's: freed with arr */
    arr->degree = malloc((n + 1) * sizeof *arr->degree);
    arr->articulation = malloc((n + 1) * sizeof *arr->articulation);
    if (!arr->betweenness || !arr->degree || !arr->articulation) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory for the run's figures");
        goto cleanup;
    }
    for (size_t i = 0; i < n; i++) {
        arr->betweenness[i] = m.node[i].betweenness;
        arr->degree[i] = (int32_t)m.node[i].degree;
        arr->articulation[i] = m.node[i].articulation;
    }
cleanup:
    mapa_metrics_dispose(&m);
    mapa_network_dispose(&net);
    return err;
}

typedef struct key {
    size_t a, b;
} key;

static int by_key(const void *x, const void *y)
{
    const key *s = x, *t = y;
    if (s->a != t->a)
        return s->a < t->a ? -1 : 1;
    return s->b < t->b ? -1 : (s->b > t->b);
}

/* Found duplicates and, for planted ones, whether they were found and a CF link joins their
   teams (in either direction). */
static mapa_err duplicates(mapa_run_row *row, const mapa_partnership *p, const size_t *team,
                           const mapa_cf *cf, const mapa_planted_pair *truth, size_t n_truth)
{
    mapa_duplicates d = {0};
    key *found = NULL;
    unsigned char *link = NULL;
    size_t T = p->n_topics;
    mapa_err err = mapa_duplicates_find(&d, p, team, cf, NULL);
    if (err != MAPA_OK)
        goto cleanup;
    found = malloc((d.n_pairs + 1) * sizeof *found);
    link = calloc(T * T + 1, 1);
    if (!found || !link) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory for the run's figures");
        goto cleanup;
    }
    for (size_t k = 0; k < d.n_pairs; k++) {
        found[k] = (key){d.pairs[k].a, d.pairs[k].b};
        row->duplicates_spotted += d.pairs[k].spotted;
    }
    row->duplicate_pairs = (int32_t)d.n_pairs;
    row->duplicates_spotted_share =
        d.n_pairs ? (double)row->duplicates_spotted / (double)d.n_pairs : NAN;
    qsort(found, d.n_pairs, sizeof *found, by_key);
    for (size_t k = 0; cf && k < cf->n_pairs; k++) {
        size_t h = team[cf->pairs[k].member], t = cf->pairs[k].team;
        if (h != MAPA_NONE)
            link[h * T + t] = link[t * T + h] = 1;
    }
    for (size_t k = 0; k < n_truth; k++) {
        size_t a = truth[k].original, b = truth[k].copy;
        size_t ta = p->actions[a].team, tb = p->actions[b].team;
        if (ta == tb)
            continue;
        key x = {a < b ? a : b, a < b ? b : a};
        row->planted_pairs++;
        row->planted_found += bsearch(&x, found, d.n_pairs, sizeof *found, by_key) != NULL;
        row->planted_spotted += link[ta * T + tb];
    }
    row->planted_spotted_share =
        row->planted_pairs ? (double)row->planted_spotted / (double)row->planted_pairs : NAN;
cleanup:
    free(found);
    free(link);
    mapa_duplicates_dispose(&d);
    return err;
}

bool mapa_alloc_has_plan(const mapa_alloc *alloc, const mapa_partnership *p)
{
    if (!alloc->team || !alloc->spoc)
        return false;
    for (size_t i = 0; i < p->n_members; i++)
        if (!p->members[i].coordinator && alloc->team[i] == MAPA_NONE)
            return false;
    return true;
}

/* The row before any figure: sizes, the solvers' status, NaN for what is not measured yet. */
static void row_start(mapa_run_row *row, const mapa_partnership *p, const mapa_alloc *alloc)
{
    row->members = (int32_t)p->n_members;
    row->topics = (int32_t)p->n_topics;
    row->agencies = (int32_t)p->n_agencies;
    row->actions = (int32_t)p->n_actions;
    mapa_run_text(row->alloc_status, mapa_status_name(alloc->status));
    row->alloc_objective = alloc->objective;
    /* a bound and a gap only where a solver proved one: a baseline proves nothing, and
       0.0 would read as "proven optimal" */
    bool proven = alloc->status == MAPA_STATUS_OPTIMAL || alloc->status == MAPA_STATUS_TIME_LIMIT;
    row->alloc_bound = proven ? alloc->bound : NAN;
    row->alloc_gap = proven ? alloc->gap : NAN;
    row->alloc_seconds = alloc->seconds;
    double nan = NAN;
    row->density = row->average_path = row->transitivity = row->betweenness_centralization =
        row->ei_agency = row->modularity_team = nan;
    row->duplicates_spotted_share = row->planted_spotted_share = nan;
    row->cf_coverage = row->reach_one_step = row->reach_two_steps = row->cf_objective = nan;
    row->mean_rank = row->first_choice_share = row->mean_agencies_per_team =
        row->largest_agency_share = nan;
    mapa_run_text(row->cf_status, "none");
}

/* The figures of a plan: preferences, agency mix, Critical Friends, network, duplicates. */
static mapa_err measure_plan(mapa_run_row *row, mapa_run_arrays *arr, const mapa_partnership *p,
                             const mapa_alloc *alloc, const mapa_cf *cf,
                             const mapa_planted_pair *truth, size_t n_truth,
                             const mapa_run_options *options)
{
    preferences(row, arr, p, alloc);
    mapa_err err = agency_mix(row, p, alloc->team);
    if (err != MAPA_OK)
        return err;
    if (cf)
        critical_friends(row, arr, cf);
    if (options->metrics) {
        err = network(row, arr, p, alloc, cf);
        if (err != MAPA_OK)
            return err;
    }
    if (options->duplicates && p->n_actions)
        err = duplicates(row, p, alloc->team, cf, truth, n_truth);
    return err;
}

mapa_err mapa_run_measure(mapa_run_row *row, mapa_run_arrays *arr, const mapa_partnership *p,
                          const mapa_alloc *alloc, const mapa_cf *cf,
                          const mapa_planted_pair *truth, size_t n_truth,
                          const mapa_run_options *options)
{
    memset(arr, 0, sizeof *arr);
    row_start(row, p, alloc);
    size_t n = p->n_members, T = p->n_topics, k = cf ? cf->n_pairs : 0;
    mapa_run_arrays a;
    memset(&a, 0, sizeof a);
    a.n_members = n, a.n_topics = T, a.n_cf = k;
    a.team = malloc((n + 1) * sizeof *a.team);
    a.rank = malloc((n + 1) * sizeof *a.rank);
    a.spoc = malloc((T + 1) * sizeof *a.spoc);
    a.cf_member = malloc((k + 1) * sizeof *a.cf_member);
    a.cf_team = malloc((k + 1) * sizeof *a.cf_team);
    mapa_err err = MAPA_OK;
    if (!a.team || !a.rank || !a.spoc || !a.cf_member || !a.cf_team) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory for the run's figures");
        goto cleanup;
    }
    bool planned = mapa_alloc_has_plan(alloc, p);
    if (planned && alloc->status == MAPA_STATUS_INFEASIBLE) { /* a baseline breaking rules */
        row->rules_broken = (int32_t)mapa_alloc_violations(p, alloc->team, alloc->spoc, NULL, NULL);
        mapa_run_text(row->alloc_status, "breaks_rules");
    }
    for (size_t t = 0; t < T; t++)
        a.spoc[t] = planned && alloc->spoc[t] != MAPA_NONE ? (int32_t)alloc->spoc[t] : -1;
    if (planned) {
        err = measure_plan(row, &a, p, alloc, cf, truth, n_truth, options);
        if (err != MAPA_OK)
            goto cleanup;
    } else { /* no plan: sizes and status only */
        for (size_t i = 0; i < n; i++)
            a.team[i] = a.rank[i] = -1;
    }
    /* a plan keeping every hard rule: the one column to filter on before comparing */
    row->plan_valid = planned && alloc->status != MAPA_STATUS_INFEASIBLE &&
                      strcmp(row->cf_status, "infeasible") != 0;
    *arr = a; /* the caller owns them now */
    memset(&a, 0, sizeof a);
cleanup:
    mapa_run_arrays_dispose(&a);
    return err;
}
