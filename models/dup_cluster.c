/*
 * Clusters of duplicated actions by average linkage (UPGMA; Sokal and
 * Michener 1958; Murtagh, "A survey of recent advances in hierarchical
 * clustering algorithms", 1983) on the graph of kept pairs: start from single
 * actions, merge the two clusters with the highest average score over all
 * their cross pairs (a pair that is not a duplicate counts 0), stop when that
 * average falls below the floor. Unlike connected components it does not
 * chain: a cluster of m actions joins another through one pair only when that
 * pair's score is at least m times the floor. Each connected component is
 * clustered alone, O(m E) for m actions and E kept pairs in it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/dup_internal.h"
#include "models/util.h"

typedef struct edge {
    size_t u, v; /* clusters (local ids), u < v */
    double w;    /* sum of the pair scores between them */
    bool alive;
} edge;

static size_t find_root(size_t *parent, size_t v)
{
    while (parent[v] != v)
        v = parent[v] = parent[parent[v]];
    return v;
}

static int by_other(const void *a, const void *b)
{
    const size_t *x = a, *y = b;
    return x[0] < y[0] ? -1 : (x[0] > y[0]);
}

/* Merge cluster b into a; then add up parallel edges of a. `tmp`: 2 x E scratch. */
static void merge(edge *e, size_t n_e, size_t *size, size_t a, size_t b, size_t *tmp)
{
    size[a] += size[b];
    size_t m = 0;
    for (size_t k = 0; k < n_e; k++) {
        if (!e[k].alive)
            continue;
        if (e[k].u == b)
            e[k].u = a;
        if (e[k].v == b)
            e[k].v = a;
        if (e[k].u == e[k].v) {
            e[k].alive = false;
            continue;
        }
        if (e[k].u > e[k].v) {
            size_t t = e[k].u;
            e[k].u = e[k].v;
            e[k].v = t;
        }
        if (e[k].u == a || e[k].v == a) {
            tmp[2 * m] = e[k].u == a ? e[k].v : e[k].u;
            tmp[2 * m++ + 1] = k;
        }
    }
    qsort(tmp, m, 2 * sizeof *tmp, by_other);
    for (size_t x = 1; x < m; x++)
        if (tmp[2 * x] == tmp[2 * (x - 1)]) {
            e[tmp[2 * x + 1]].w += e[tmp[2 * (x - 1) + 1]].w;
            e[tmp[2 * (x - 1) + 1]].alive = false;
        }
}

/* Average linkage on one component: its edges (local ids 0..m-1); label[v] its cluster. */
static void upgma(edge *e, size_t n_e, size_t m, size_t *size, size_t *label, size_t *tmp,
                  double link_min)
{
    for (size_t v = 0; v < m; v++) {
        size[v] = 1;
        label[v] = v;
    }
    while (true) {
        size_t best = SIZE_MAX;
        double best_avg = link_min;
        for (size_t k = 0; k < n_e; k++) {
            if (!e[k].alive)
                continue;
            double avg = e[k].w / ((double)size[e[k].u] * (double)size[e[k].v]);
            if (avg >= best_avg && (best == SIZE_MAX || avg > best_avg)) {
                best = k;
                best_avg = avg;
            }
        }
        if (best == SIZE_MAX)
            break;
        size_t a = e[best].u, b = e[best].v;
        for (size_t v = 0; v < m; v++)
            if (label[v] == b)
                label[v] = a;
        merge(e, n_e, size, a, b, tmp);
    }
}

typedef struct work {
    size_t *parent, *comp_first, *node, *local, *size, *label, *tmp, *pfirst, *porder;
    edge *e;
} work;

static void work_dispose(work *w)
{
    free(w->parent);
    free(w->comp_first);
    free(w->node);
    free(w->local);
    free(w->size);
    free(w->label);
    free(w->tmp);
    free(w->pfirst);
    free(w->porder);
    free(w->e);
}

/* The action_cluster of each action, clusters still numbered by a member action. */
static mapa_err link_components(mapa_duplicates *d, size_t n, work *w, double link_min)
{
    size_t P = d->n_pairs;
    w->parent = malloc((n + 1) * sizeof *w->parent);
    w->comp_first = calloc(n + 2, sizeof *w->comp_first);
    w->node = malloc((n + 1) * sizeof *w->node);
    w->local = malloc((n + 1) * sizeof *w->local);
    w->size = malloc((n + 1) * sizeof *w->size);
    w->label = malloc((n + 1) * sizeof *w->label);
    w->tmp = malloc((2 * P + 2) * sizeof *w->tmp);
    w->e = malloc((P + 1) * sizeof *w->e);
    w->pfirst = calloc(n + 2, sizeof *w->pfirst);
    w->porder = malloc((P + 1) * sizeof *w->porder);
    if (!w->parent || !w->comp_first || !w->node || !w->local || !w->size || !w->label || !w->tmp ||
        !w->e || !w->pfirst || !w->porder)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for clusters of duplicates");
    for (size_t v = 0; v < n; v++)
        w->parent[v] = v;
    for (size_t k = 0; k < P; k++) {
        size_t a = find_root(w->parent, d->pairs[k].a), b = find_root(w->parent, d->pairs[k].b);
        if (a != b)
            w->parent[a > b ? a : b] = a < b ? a : b;
    }
    for (size_t v = 0; v < n; v++) /* actions grouped by component (counting sort) */
        w->comp_first[find_root(w->parent, v) + 2]++;
    for (size_t r = 2; r < n + 2; r++)
        w->comp_first[r] += w->comp_first[r - 1];
    for (size_t v = 0; v < n; v++) {
        size_t r = find_root(w->parent, v);
        w->node[w->comp_first[r + 1]++] = v;
    }
    for (size_t r = 0; r < n; r++) /* now comp_first[r] .. comp_first[r + 1] is component r */
        for (size_t x = w->comp_first[r]; x < w->comp_first[r + 1]; x++)
            w->local[w->node[x]] = x - w->comp_first[r];
    for (size_t k = 0; k < P; k++) /* pairs grouped by component the same way */
        w->pfirst[find_root(w->parent, d->pairs[k].a) + 2]++;
    for (size_t r = 2; r < n + 2; r++)
        w->pfirst[r] += w->pfirst[r - 1];
    for (size_t k = 0; k < P; k++)
        w->porder[w->pfirst[find_root(w->parent, d->pairs[k].a) + 1]++] = k;
    for (size_t r = 0; r < n; r++) {
        size_t m = w->comp_first[r + 1] - w->comp_first[r], n_e = 0;
        if (m < 2)
            continue;
        for (size_t x = w->pfirst[r]; x < w->pfirst[r + 1]; x++) {
            const mapa_dup_pair *q = &d->pairs[w->porder[x]];
            size_t u = w->local[q->a], v = w->local[q->b];
            w->e[n_e++] = (edge){u < v ? u : v, u < v ? v : u, q->score, true};
        }
        upgma(w->e, n_e, m, w->size, w->label, w->tmp, link_min);
        for (size_t x = 0; x < m; x++)
            d->action_cluster[w->node[w->comp_first[r] + x]] =
                w->node[w->comp_first[r] + w->label[x]];
    }
    return MAPA_OK;
}

/* Number the clusters of two or more actions by their best pair; the largest. */
static mapa_err number(mapa_duplicates *d, size_t n)
{
    size_t *num = malloc((n + 1) * sizeof *num), *count = calloc(n + 1, sizeof *count);
    if (!num || !count) {
        free(num);
        free(count);
        return mapa_error_set(MAPA_ENOMEM, "out of memory for clusters of duplicates");
    }
    for (size_t v = 0; v < n; v++)
        num[v] = MAPA_NONE;
    d->n_clusters = 0;
    for (size_t k = 0; k < d->n_pairs; k++) {
        mapa_dup_pair *q = &d->pairs[k];
        size_t c = d->action_cluster[q->a];
        if (c != d->action_cluster[q->b])
            continue; /* between two clusters: q->cluster stays MAPA_NONE */
        if (num[c] == MAPA_NONE)
            num[c] = d->n_clusters++;
        q->cluster = num[c];
    }
    for (size_t v = 0; v < n; v++) {
        size_t c = d->action_cluster[v];
        d->action_cluster[v] = c == MAPA_NONE ? MAPA_NONE : num[c];
        if (d->action_cluster[v] != MAPA_NONE)
            count[d->action_cluster[v]]++;
    }
    d->largest_cluster = 0;
    for (size_t c = 0; c < d->n_clusters; c++)
        d->largest_cluster = count[c] > d->largest_cluster ? count[c] : d->largest_cluster;
    free(num);
    free(count);
    return MAPA_OK;
}

/* The stems most of the cluster's actions hold, most common first (at most 3). */
static size_t common_stems(const mapa_duplicates *d, const mapa__dup_docs *docs, size_t c,
                           size_t best[3], size_t hold[3])
{
    size_t *count = calloc(docs->n_stems + 1, sizeof *count), got = 0;
    if (!count)
        return 0;
    for (size_t i = 0; i < docs->n; i++)
        if (d->action_cluster[i] == c)
            for (size_t k = docs->ufirst[i]; k < docs->ufirst[i + 1]; k++)
                if (!(docs->stem[k] & MAPA_DUP_LABEL) && docs->stem[k] < docs->n_stems)
                    count[docs->stem[k]]++;
    for (int r = 0; r < 3; r++) {
        size_t arg = MAPA_NONE;
        for (size_t s = 0; s < docs->n_stems; s++)
            if (count[s] > 1 && (arg == MAPA_NONE || count[s] > count[arg]))
                arg = s;
        if (arg == MAPA_NONE)
            break;
        best[got] = arg;
        hold[got++] = count[arg];
        count[arg] = 0;
    }
    free(count);
    return got;
}

/* Why the largest cluster is large, when it holds more than MAPA_DUP_CLUSTER_WARN. */
static mapa_err warn(mapa_duplicates *d, const mapa__dup_docs *docs, size_t n)
{
    if (d->largest_cluster < 3 || (double)d->largest_cluster <= MAPA_DUP_CLUSTER_WARN * (double)n)
        return MAPA_OK;
    size_t c = 0, *count = calloc(d->n_clusters + 1, sizeof *count);
    if (!count)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for clusters of duplicates");
    for (size_t v = 0; v < n; v++)
        if (d->action_cluster[v] != MAPA_NONE)
            count[d->action_cluster[v]]++;
    while (count[c] != d->largest_cluster)
        c++;
    free(count);
    size_t best[3], hold[3], got = common_stems(d, docs, c, best, hold);
    char words[200] = "";
    for (size_t k = 0; k < got; k++) {
        size_t used = strlen(words);
        snprintf(words + used, sizeof words - used, "%s\"%s\" (%zu)", k ? ", " : "",
                 mapa_text_word(d->text, best[k]), hold[k]);
    }
    char buf[600];
    snprintf(buf, sizeof buf,
             "cluster %zu holds %zu of the %zu actions (%.0f%%, more than %.0f%%): its actions "
             "are joined pair by pair, each pair among both actions' best matches%s%s. If "
             "they are not one piece of work, list the wrong pairs in not_duplicates.csv, or "
             "add a team's own words to synonyms.csv",
             c + 1, d->largest_cluster, n, 100.0 * (double)d->largest_cluster / (double)n,
             100.0 * MAPA_DUP_CLUSTER_WARN, got ? "; most of them hold the words " : "", words);
    d->warning = mapa__strdup(buf);
    return d->warning ? MAPA_OK : mapa_error_set(MAPA_ENOMEM, "out of memory");
}

mapa_err mapa__dup_clusters(mapa_duplicates *d, const mapa_partnership *p,
                            const mapa__dup_docs *docs, double link_min)
{
    size_t n = p->n_actions;
    work w = {0};
    d->action_cluster = malloc((n + 1) * sizeof *d->action_cluster);
    mapa_err err = d->action_cluster ? MAPA_OK : mapa_error_set(MAPA_ENOMEM, "out of memory");
    for (size_t v = 0; err == MAPA_OK && v < n; v++)
        d->action_cluster[v] = MAPA_NONE;
    if (err == MAPA_OK)
        err = link_components(d, n, &w, link_min);
    if (err == MAPA_OK)
        err = number(d, n);
    if (err == MAPA_OK)
        err = warn(d, docs, n);
    work_dispose(&w);
    return err;
}
