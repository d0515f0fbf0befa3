/* Writes the network figures (docs/metrics.md) as CSV (libcsv quoting) and JSON (jansson). */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mapa/metrics_output.h>
#include <mapa/output.h>

#include "io/atomic_file.h"
#include "io/csv_table.h"
#include "io/json_alloc.h"

static const char *const ROLE[MAPA_BROKER_ROLES] = {"coordinator", "itinerant", "representative",
                                                    "gatekeeper",  "liaison",   "brokerage"};

static void text(FILE *fp, const char *s, bool last)
{
    mapa__csv_put(fp, s, last); /* quoted, never a spreadsheet formula */
}

static void num(FILE *fp, double v, bool last)
{
    if (isfinite(v))
        fprintf(fp, "%.6g", v);
    fputc(last ? '\n' : ',', fp);
}

static char *path_of(const char *dir, const char *prefix, const char *name)
{
    size_t n = strlen(dir) + strlen(prefix) + strlen(name) + 2;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%s/%s%s", dir, prefix, name);
    return s;
}

static mapa_err members_csv(const char *path, const mapa_metrics_report *r)
{
    const mapa_network *net = r->net;
    const mapa_metrics *m = r->m;
    mapa__atomic_file f;
    mapa_err err = mapa__atomic_open(&f, path);
    if (err != MAPA_OK)
        return err;
    mapa__csv_begin(f.fp, "member_id,name,agency,team,degree,strength,betweenness,harmonic_closeness,"
          "eigenvector,clustering,constraint,effective_size,efficiency,ei_index");
    for (int k = 0; k < MAPA_BROKER_ROLES; k++)
        fprintf(f.fp, ",%s", ROLE[k]);
    for (int k = 0; k < MAPA_BROKER_ROLES; k++)
        fprintf(f.fp, ",%s_z", ROLE[k]);
    fputs(",articulation_point,bridges,community", f.fp);
    fputs(net->sent ? ",contacts_sent,contacts_received\n" : "\n", f.fp);
    for (size_t v = 0; v < net->n; v++) {
        const mapa_node_metrics *x = &m->node[v];
        text(f.fp, net->label[v], false);
        text(f.fp, net->name ? net->name[v] : net->label[v], false);
        text(f.fp,
             net->group && net->group[v] < net->n_groups ? net->group_label[net->group[v]] : "",
             false);
        text(f.fp, net->team && net->team[v] < net->n_teams ? net->team_label[net->team[v]] : "",
             false);
        fprintf(f.fp, "%zu,", x->degree);
        num(f.fp, x->strength, false);
        num(f.fp, x->betweenness, false);
        num(f.fp, x->harmonic, false);
        num(f.fp, x->eigenvector, false);
        num(f.fp, x->clustering, false);
        num(f.fp, x->constraint, false);
        num(f.fp, x->effective_size, false);
        num(f.fp, x->efficiency, false);
        num(f.fp, x->ei, false);
        for (int k = 0; k < MAPA_BROKER_ROLES; k++)
            num(f.fp, x->brokerage[k], false);
        for (int k = 0; k < MAPA_BROKER_ROLES; k++)
            num(f.fp, x->brokerage_z[k], false);
        fprintf(f.fp, "%s,%zu,%zu", x->articulation ? "yes" : "no", x->bridges, x->community);
        if (net->sent)
            fprintf(f.fp, ",%.6g,%.6g", net->sent[v], net->received[v]);
        fputc('\n', f.fp);
    }
    return mapa__atomic_commit(&f);
}

static mapa_err agencies_csv(const char *path, const mapa_metrics_report *r)
{
    mapa__atomic_file f;
    mapa_err err = mapa__atomic_open(&f, path);
    if (err != MAPA_OK)
        return err;
    mapa__csv_begin(f.fp, "agency_id,name,members,ties_inside,ties_outside,ei_index,density_inside");
    for (int k = 0; k < MAPA_BROKER_ROLES; k++)
        fprintf(f.fp, ",%s", ROLE[k]);
    fputc('\n', f.fp);
    for (size_t g = 0; g < r->m->n_groups; g++) {
        const mapa_group_metrics *x = &r->m->group[g];
        text(f.fp, r->net->group_label[g], false);
        text(f.fp, r->p ? r->p->agencies[g].name : r->net->group_label[g], false);
        fprintf(f.fp, "%zu,%zu,%zu,", x->size, x->internal, x->external);
        num(f.fp, x->ei, false);
        num(f.fp, x->density, false);
        for (int k = 0; k < MAPA_BROKER_ROLES; k++)
            num(f.fp, x->brokerage[k], k + 1 == MAPA_BROKER_ROLES);
    }
    return mapa__atomic_commit(&f);
}

static mapa_err teams_csv(const char *path, const mapa_metrics_report *r)
{
    mapa__atomic_file f;
    mapa_err err = mapa__atomic_open(&f, path);
    if (err != MAPA_OK)
        return err;
    mapa__csv_begin(f.fp, "team_id,name,members,agencies,cfs_in,cfs_out,teams_reached_in_one_step,"
          "teams_reached_within_two_steps,critical_cfs\n");
    for (size_t t = 0; t < r->teams->n_teams; t++) {
        const mapa_team_row *x = &r->teams->team[t];
        text(f.fp, r->p->topics[t].id, false);
        text(f.fp, r->p->topics[t].name, false);
        fprintf(f.fp, "%zu,%zu,%zu,%zu,%zu,%zu,%zu\n", x->members, x->agencies, x->cfs_in,
                x->cfs_out, x->reach1, x->reach2, x->critical);
    }
    return mapa__atomic_commit(&f);
}

static json_t *real(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

static json_t *figure(double v, const char *definition)
{
    return json_pack("{s:o, s:s}", "value", real(v), "definition", definition);
}

static json_t *team_json(const mapa_metrics_report *r)
{
    const mapa_team_metrics *tm = r->teams;
    json_t *critical = json_array();
    for (size_t k = 0; k < tm->n_critical; k++) {
        const mapa_cf_pair *x = &r->cf->pairs[tm->critical[k]];
        json_array_append_new(critical,
                              json_pack("{s:s, s:s, s:s}", "member", r->p->members[x->member].id,
                                        "name", r->p->members[x->member].name, "reviews",
                                        r->p->topics[x->team].id));
    }
    return json_pack("{s:b, s:I, s:f, s:f, s:I, s:o}", "strongly_connected",
                     tm->graph.strongly_connected, "strong_components",
                     (json_int_t)tm->graph.n_components, "pairs_within_one_step", tm->graph.reach1,
                     "pairs_within_two_steps", tm->graph.reach2, "diameter",
                     (json_int_t)tm->graph.diameter, "critical_cfs", critical);
}

static json_t *network_json(const mapa_metrics_report *r)
{
    const mapa_metrics *m = r->m;
    json_t *w = json_object();
    json_object_set_new(w, "nodes", json_integer((json_int_t)m->n));
    json_object_set_new(w, "ties", json_integer((json_int_t)m->n_ties));
    json_object_set_new(w, "density", figure(m->density, "ties / (n (n - 1) / 2)"));
    json_object_set_new(w, "components", json_integer((json_int_t)m->components));
    json_object_set_new(w, "largest_component", json_integer((json_int_t)m->largest_component));
    json_object_set_new(w, "isolates", json_integer((json_int_t)m->isolates));
    json_object_set_new(
        w, "average_path_length",
        figure(m->average_path, m->betweenness_exact
                                    ? "mean shortest-path length over connected pairs, unweighted"
                                    : "mean shortest-path length over connected pairs from 500 "
                                      "evenly spaced sources (sampled), unweighted"));
    json_object_set_new(w, "transitivity",
                        figure(m->transitivity, "3 x triangles / connected triples (global)"));
    json_object_set_new(w, "average_clustering",
                        figure(m->average_clustering, "mean local clustering, 0 below degree 2"));
    json_object_set_new(w, "modularity_teams",
                        figure(m->modularity_team, "Newman modularity of the team partition, "
                                                   "weighted, resolution 1"));
    json_object_set_new(w, "modularity_leiden",
                        figure(m->modularity_leiden, "Newman modularity of the Leiden partition "
                                                     "(modularity quality, weighted)"));
    json_object_set_new(w, "leiden_communities", json_integer((json_int_t)m->leiden_communities));
    json_object_set_new(
        w, "ei_index_agency",
        figure(m->ei, "Krackhardt E-I: (ties across agencies - ties within) / ties"));
    json_object_set_new(w, "ei_index_sector", figure(m->ei_sector, "E-I by sector"));
    json_object_set_new(w, "assortativity_agency",
                        figure(m->assortativity_agency, "nominal assortativity (Newman 2003)"));
    json_object_set_new(w, "assortativity_sector", figure(m->assortativity_sector, "by sector"));
    json_object_set_new(
        w, "degree_centralization",
        figure(m->degree_centralization, "Freeman: sum (max - degree) / ((n - 1)(n - 2))"));
    json_object_set_new(w, "betweenness_centralization",
                        figure(m->betweenness_centralization,
                               "Freeman: sum (max - betweenness) / ((n - 1)^2 (n - 2) / 2); "
                               "null above the exact-betweenness size"));
    json_object_set_new(w, "articulation_points", json_integer((json_int_t)m->articulation_points));
    if (r->net->sent)
        json_object_set_new(w, "reciprocity",
                            figure(r->net->reciprocity, "logged pairs a -> b whose b -> a is "
                                                        "logged too / logged pairs (directed)"));
    json_object_set_new(w, "bridges", json_integer((json_int_t)m->bridges));
    json_object_set_new(w, "betweenness",
                        json_pack("{s:b, s:I, s:I, s:s}", "exact", m->betweenness_exact,
                                  "sampled_sources", (json_int_t)m->sampled_sources, "twin_classes",
                                  (json_int_t)m->twin_classes, "normalisation",
                                  "raw / ((n - 1)(n - 2) / 2), undirected, unweighted; estimated "
                                  "as subset betweenness x n / sources when sampled"));
    json_t *ag = json_object();
    json_object_set_new(ag, "agencies", json_integer((json_int_t)m->agency_nodes));
    json_object_set_new(ag, "ties", json_integer((json_int_t)m->agency_ties));
    json_object_set_new(ag, "density", figure(m->agency_density, "agency pairs tied / pairs"));
    json_object_set_new(ag, "degree_centralization",
                        figure(m->agency_degree_centralization, "Freeman, normalised"));
    json_object_set_new(ag, "betweenness_centralization",
                        figure(m->agency_betweenness_centralization, "Freeman, normalised"));
    json_object_set_new(ag, "algebraic_connectivity",
                        figure(m->algebraic_connectivity,
                               "second-smallest eigenvalue of the unweighted Laplacian"));
    json_t *sectors = json_object();
    for (size_t s = 0; s < 16; s++)
        if (m->sector_size[s] > 0)
            json_object_set_new(sectors, mapa_sector_name((mapa_sector)s),
                                json_pack("{s:I, s:o}", "members", (json_int_t)m->sector_size[s],
                                          "ei_index", real(m->sector_ei[s])));
    json_t *root = json_pack("{s:s, s:s, s:o, s:o, s:o}", "mapa_version", mapa_version(), "source",
                             r->source, "network", w, "agency_graph", ag, "sectors", sectors);
    if (r->teams)
        json_object_set_new(root, "team_graph", team_json(r));
    return root;
}

static mapa_err json_file(const char *path, json_t *root)
{
    if (mapa__json_failed())
        return mapa_error_set(MAPA_ENOMEM, "out of memory writing %s", path);
    mapa__atomic_file f;
    mapa_err err = mapa__atomic_open(&f, path);
    if (err != MAPA_OK)
        return err;
    if (json_dumpf(root, f.fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0) {
        mapa__atomic_abort(&f);
        return mapa__json_failed() ? mapa_error_set(MAPA_ENOMEM, "out of memory writing %s", path)
                                   : mapa_error_set(MAPA_EIO, "%s: could not write", path);
    }
    fputc('\n', f.fp);
    return mapa__atomic_commit(&f);
}

mapa_err mapa_write_metrics(const char *dir, const char *prefix, const mapa_metrics_report *r)
{
    mapa_err err = mapa_make_dir(dir);
    const char *names[] = {"members.csv", "agencies.csv", "teams.csv", "network.json"};
    for (size_t k = 0; err == MAPA_OK && k < 4; k++) {
        if ((k == 1 && r->m->n_groups == 0) || (k == 2 && (!r->teams || !r->p)))
            continue;
        char *path = path_of(dir, prefix, names[k]);
        if (!path)
            return mapa_error_set(MAPA_ENOMEM, "out of memory");
        if (k == 3) {
            mapa__json_watch();
            json_t *root = network_json(r);
            err = root ? json_file(path, root) : mapa_error_set(MAPA_ENOMEM, "out of memory");
            json_decref(root);
        } else {
            err = k == 0   ? members_csv(path, r)
                  : k == 1 ? agencies_csv(path, r)
                           : teams_csv(path, r);
        }
        free(path);
    }
    return err;
}
