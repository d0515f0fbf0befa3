/*
 * Reads any edge list for `mapa metrics --edges`: CSV with columns from, to
 * and optionally weight (positive; 1 when empty) and from_group / to_group
 * (an agency or any grouping, for E-I and brokerage). Nodes are the labels
 * met, in order of first appearance; ties are undirected, repeats summed.
 */
#include <stdlib.h>

#include <mapa/output.h>

#include "io/csv_fields.h"
#include "io/csv_table.h"
#include "models/idmap.h"
#include "models/util.h"

enum { COL_FROM, COL_TO, COL_WEIGHT, COL_FROM_GROUP, COL_TO_GROUP, N_COLS };

typedef struct reader {
    mapa_network *net;
    mapa_idmap *nodes, *groups;
    size_t cap_nodes, cap_groups;
} reader;

static mapa_err intern(mapa_idmap *map, char ***labels, size_t *count, size_t *cap, const char *s,
                       size_t *index)
{
    *index = mapa__idmap_get(map, s);
    if (*index != MAPA_NONE)
        return MAPA_OK;
    if (!mapa__grow((void **)labels, cap, *count + 1, sizeof **labels))
        return mapa_error_set(MAPA_ENOMEM, "out of memory reading the edge list");
    char *copy = mapa__strdup(s);
    if (!copy)
        return mapa_error_set(MAPA_ENOMEM, "out of memory reading the edge list");
    (*labels)[*count] = copy;
    *index = (*count)++;
    return mapa__idmap_put(map, copy, *index, NULL);
}

static mapa_err node(reader *r, const char *label, size_t *v)
{
    size_t before = r->net->n, cap = r->cap_nodes;
    mapa_err err = intern(r->nodes, &r->net->label, &r->net->n, &r->cap_nodes, label, v);
    if (err != MAPA_OK || r->net->n == before)
        return err;
    if (r->cap_nodes != cap || !r->net->group) { /* the labels grew: so do the groups */
        size_t *g = realloc(r->net->group, (r->cap_nodes + 1) * sizeof *g);
        if (!g)
            return mapa_error_set(MAPA_ENOMEM, "out of memory reading the edge list");
        r->net->group = g;
    }
    r->net->group[*v] = MAPA_NONE;
    return MAPA_OK;
}

static bool weight(double *out, const mapa__csv_table *t, const mapa__csv_cell *c, mapa_diags *d)
{
    *out = 1;
    if (c->len == 0)
        return true;
    double v = 0;
    if (!mapa__parse_decimal(mapa__csv_text(t, c), &v) || v <= 0) {
        mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, c->line, c->col,
                       "weight '%s' is not a positive number: give the tie's weight (or leave it "
                       "empty for 1)",
                       mapa__csv_text(t, c));
        return false;
    }
    *out = v;
    return true;
}

static mapa_err group_of(reader *r, size_t v, const mapa__csv_table *t, const mapa__csv_cell *c,
                         mapa_diags *d)
{
    if (c->len == 0)
        return MAPA_OK;
    size_t g;
    mapa_err err = intern(r->groups, &r->net->group_label, &r->net->n_groups, &r->cap_groups,
                          mapa__csv_text(t, c), &g);
    if (err == MAPA_OK && r->net->group[v] != MAPA_NONE && r->net->group[v] != g)
        mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, c->line, c->col,
                       "'%s' was in group '%s' earlier: a node has one group", r->net->label[v],
                       r->net->group_label[r->net->group[v]]);
    else if (err == MAPA_OK)
        r->net->group[v] = g;
    return err;
}

static mapa_err rows(reader *r, const mapa__csv_table *t, const mapa__column *cols, mapa_diags *d)
{
    mapa_err err = MAPA_OK;
    for (size_t row = 1; err == MAPA_OK && row < t->n_rows; row++) {
        mapa__csv_cell s[N_COLS];
        const mapa__csv_cell *c[N_COLS];
        for (int k = 0; k < N_COLS; k++)
            c[k] = mapa__csv_cell_at(t, row, cols[k].index, &s[k]);
        if (c[COL_FROM]->len == 0 || c[COL_TO]->len == 0) {
            const mapa__csv_cell *e = c[COL_FROM]->len == 0 ? c[COL_FROM] : c[COL_TO];
            mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, e->line, e->col,
                           "empty node: each row needs a from and a to");
            continue;
        }
        double w;
        if (!weight(&w, t, c[COL_WEIGHT], d))
            continue;
        size_t a, b;
        err = node(r, mapa__csv_text(t, c[COL_FROM]), &a);
        if (err == MAPA_OK)
            err = node(r, mapa__csv_text(t, c[COL_TO]), &b);
        if (err == MAPA_OK)
            err = group_of(r, a, t, c[COL_FROM_GROUP], d);
        if (err == MAPA_OK)
            err = group_of(r, b, t, c[COL_TO_GROUP], d);
        if (err == MAPA_OK)
            err = mapa_network_add_tie(r->net, a, b, w, MAPA_TIE_OBSERVED);
    }
    return err;
}

mapa_err mapa_read_edges_csv(mapa_network *out, const char *path, mapa_diags *d)
{
    mapa__csv_table t = MAPA__CSV_TABLE_INIT;
    size_t errors = d->n_errors;
    mapa_err err = mapa__csv_read(&t, path, path, "from, to, weight, from_group, to_group", d);
    if (err != MAPA_OK)
        return err;
    mapa_network net = MAPA_NETWORK_INIT;
    reader r = {&net, NULL, NULL, 0, 0};
    mapa__column cols[N_COLS] = {{"from", true, 0, false},
                                 {"to", true, 0, false},
                                 {"weight", false, 0, false},
                                 {"from_group", false, 0, false},
                                 {"to_group", false, 0, false}};
    err = mapa__idmap_new(&r.nodes);
    if (err == MAPA_OK)
        err = mapa__idmap_new(&r.groups);
    if (err == MAPA_OK && mapa__csv_columns(&t, cols, N_COLS, NULL, NULL, d))
        err = rows(&r, &t, cols, d);
    if (err == MAPA_OK && d->n_errors > errors)
        err = MAPA_EFORMAT;
    mapa__idmap_free(r.nodes);
    mapa__idmap_free(r.groups);
    mapa__csv_table_dispose(&t);
    bool partial = false; /* some nodes without a group: no group figures at all */
    for (size_t v = 0; err == MAPA_OK && net.n_groups > 0 && v < net.n; v++)
        partial |= net.group[v] == MAPA_NONE;
    if (partial) {
        mapa_diags_add(d, MAPA_DIAG_WARNING, path, 1, 1,
                       "some nodes have no group: E-I and brokerage are left out (fill "
                       "from_group and to_group on every row to have them)");
        for (size_t g = 0; g < net.n_groups; g++)
            free(net.group_label[g]);
        free(net.group_label);
        net.group_label = NULL;
        net.n_groups = 0;
    }
    if (err != MAPA_OK) {
        mapa_network_dispose(&net);
        return err;
    }
    mapa_network_finish(&net);
    *out = net;
    return MAPA_OK;
}
