/*
 * Member and whole-network figures with igraph (docs/metrics.md gives each
 * definition and normalisation). Agency, sector and brokerage figures:
 * metrics_groups.c.
 */
#include <mapa/metrics.h>

#include <math.h>
#include <stdlib.h>

#include "models/igraph_net.h"
#include "models/metrics_internal.h"

enum { APL_SOURCES = 1000, APL_BATCH = 50 };

typedef struct ctx {
    igraph_t g;
    igraph_vector_t w, res;
    const mapa_network *net;
    mapa_metrics *m;
    const mapa_metrics_options *o;
} ctx;

#define TRY(call, what)                                                                            \
    do {                                                                                           \
        igraph_error_t rc_ = (call);                                                               \
        if (rc_ != IGRAPH_SUCCESS)                                                                 \
            return mapa__igraph_error(rc_, what);                                                  \
    } while (0)

static bool big(const ctx *c)
{
    return c->net->n > c->o->exact_betweenness_max;
}

static mapa_err degrees(ctx *c)
{
    size_t n = c->net->n;
    igraph_vector_int_t deg;
    TRY(igraph_vector_int_init(&deg, 0), "degrees");
    igraph_error_t rc = igraph_degree(&c->g, &deg, igraph_vss_all(), IGRAPH_ALL, false);
    if (rc == IGRAPH_SUCCESS)
        rc = igraph_strength(&c->g, &c->res, igraph_vss_all(), IGRAPH_ALL, false, &c->w);
    for (size_t v = 0; rc == IGRAPH_SUCCESS && v < n; v++) {
        c->m->node[v].degree = (size_t)VECTOR(deg)[v];
        c->m->node[v].strength = VECTOR(c->res)[v];
        c->m->isolates += VECTOR(deg)[v] == 0;
    }
    igraph_vector_int_destroy(&deg);
    return rc == IGRAPH_SUCCESS ? MAPA_OK : mapa__igraph_error(rc, "degrees");
}

static mapa_err centralities(ctx *c)
{
    size_t n = c->net->n;
    double cutoff = big(c) ? c->o->betweenness_cutoff : -1;
    c->m->betweenness_exact = cutoff < 0;
    c->m->betweenness_cutoff = cutoff < 0 ? 0 : cutoff;
    TRY(igraph_betweenness_cutoff(&c->g, &c->res, igraph_vss_all(), false, NULL, cutoff),
        "betweenness");
    double pairs = n > 2 ? (double)(n - 1) * (double)(n - 2) / 2 : 0;
    for (size_t v = 0; v < n; v++)
        c->m->node[v].betweenness = pairs > 0 ? VECTOR(c->res)[v] / pairs : 0;
    TRY(igraph_harmonic_centrality_cutoff(&c->g, &c->res, igraph_vss_all(), IGRAPH_ALL, NULL, true,
                                          cutoff),
        "harmonic closeness");
    for (size_t v = 0; v < n; v++)
        c->m->node[v].harmonic = n > 1 ? VECTOR(c->res)[v] : 0;
    if (c->net->n_ties > 0) {
        igraph_real_t value = 0;
        TRY(igraph_eigenvector_centrality(&c->g, &c->res, &value, false, true, &c->w, NULL),
            "eigenvector centrality");
        for (size_t v = 0; v < n; v++)
            c->m->node[v].eigenvector = VECTOR(c->res)[v];
    }
    TRY(igraph_transitivity_local_undirected(&c->g, &c->res, igraph_vss_all(),
                                             IGRAPH_TRANSITIVITY_ZERO),
        "local clustering");
    double sum = 0;
    for (size_t v = 0; v < n; v++) {
        mapa_node_metrics *x = &c->m->node[v];
        x->clustering = VECTOR(c->res)[v];
        sum += x->clustering;
        double k = (double)x->degree;
        x->effective_size = x->degree ? k - (k - 1) * x->clustering : NAN;
        x->efficiency = x->degree ? x->effective_size / k : NAN;
    }
    c->m->average_clustering = n ? sum / (double)n : NAN;
    TRY(igraph_constraint(&c->g, &c->res, igraph_vss_all(), &c->w), "Burt's constraint");
    for (size_t v = 0; v < n; v++)
        c->m->node[v].constraint = c->m->node[v].degree ? VECTOR(c->res)[v] : NAN;
    return MAPA_OK;
}

static mapa_err cut_points(ctx *c)
{
    igraph_vector_int_t v;
    TRY(igraph_vector_int_init(&v, 0), "articulation points");
    igraph_error_t rc = igraph_articulation_points(&c->g, &v);
    for (igraph_integer_t k = 0; rc == IGRAPH_SUCCESS && k < igraph_vector_int_size(&v); k++)
        c->m->node[VECTOR(v)[k]].articulation = true;
    c->m->articulation_points = rc == IGRAPH_SUCCESS ? (size_t)igraph_vector_int_size(&v) : 0;
    if (rc == IGRAPH_SUCCESS)
        rc = igraph_bridges(&c->g, &v);
    for (igraph_integer_t k = 0; rc == IGRAPH_SUCCESS && k < igraph_vector_int_size(&v); k++) {
        const mapa_tie *t = &c->net->ties[VECTOR(v)[k]];
        c->m->node[t->a].bridges++;
        c->m->node[t->b].bridges++;
    }
    c->m->bridges = rc == IGRAPH_SUCCESS ? (size_t)igraph_vector_int_size(&v) : 0;
    igraph_vector_int_destroy(&v);
    return rc == IGRAPH_SUCCESS ? MAPA_OK : mapa__igraph_error(rc, "articulation points");
}

/* Mean distance over connected pairs; from APL_SOURCES sources on big networks. */
static mapa_err path_length(ctx *c)
{
    size_t n = c->net->n;
    if (!big(c)) {
        igraph_real_t unconn = 0;
        TRY(igraph_average_path_length(&c->g, &c->m->average_path, &unconn, false, true),
            "average path length");
        return MAPA_OK;
    }
    size_t step = n / APL_SOURCES ? n / APL_SOURCES : 1;
    double total = 0, count = 0;
    igraph_matrix_t dist;
    igraph_vector_int_t from;
    TRY(igraph_matrix_init(&dist, 0, 0), "average path length");
    igraph_error_t rc = igraph_vector_int_init(&from, 0);
    for (size_t s = 0; rc == IGRAPH_SUCCESS && s < n; s += step * APL_BATCH) {
        igraph_vector_int_clear(&from);
        for (size_t k = 0; rc == IGRAPH_SUCCESS && k < APL_BATCH && s + k * step < n; k++)
            rc = igraph_vector_int_push_back(&from, (igraph_integer_t)(s + k * step));
        if (rc == IGRAPH_SUCCESS)
            rc = igraph_distances(&c->g, &dist, igraph_vss_vector(&from), igraph_vss_all(),
                                  IGRAPH_ALL);
        for (igraph_integer_t i = 0; rc == IGRAPH_SUCCESS && i < igraph_matrix_nrow(&dist); i++)
            for (igraph_integer_t j = 0; j < igraph_matrix_ncol(&dist); j++) {
                double d = MATRIX(dist, i, j);
                if (d > 0 && isfinite(d)) {
                    total += d;
                    count++;
                }
            }
    }
    igraph_matrix_destroy(&dist);
    igraph_vector_int_destroy(&from);
    c->m->average_path = count > 0 ? total / count : NAN;
    return rc == IGRAPH_SUCCESS ? MAPA_OK : mapa__igraph_error(rc, "average path length");
}

static mapa_err partitions(ctx *c)
{
    size_t n = c->net->n;
    igraph_vector_int_t memb;
    TRY(igraph_vector_int_init(&memb, (igraph_integer_t)n), "modularity");
    igraph_error_t rc = IGRAPH_SUCCESS;
    bool teams = c->net->team != NULL && c->net->n_teams > 0;
    size_t extra = c->net->n_teams;
    for (size_t v = 0; teams && v < n; v++) /* the unallocated each form their own part */
        VECTOR(memb)
        [v] = (igraph_integer_t)(c->net->team[v] != MAPA_NONE ? c->net->team[v] : extra++);
    c->m->modularity_team = NAN;
    if (teams && c->net->n_ties > 0)
        rc = igraph_modularity(&c->g, &memb, &c->w, 1, false, &c->m->modularity_team);
    c->m->modularity_leiden = NAN;
    if (rc == IGRAPH_SUCCESS && c->net->n_ties > 0) {
        double total = 0;
        for (size_t k = 0; k < c->net->n_ties; k++)
            total += c->net->ties[k].weight;
        igraph_integer_t parts = 0;
        igraph_real_t quality = 0;
        igraph_rng_seed(igraph_rng_default(), (igraph_uint_t)c->o->seed);
        rc = igraph_strength(&c->g, &c->res, igraph_vss_all(), IGRAPH_ALL, false, &c->w);
        if (rc == IGRAPH_SUCCESS)
            rc = igraph_community_leiden(&c->g, &c->w, &c->res, 1 / (2 * total), 0.01, false, -1,
                                         &memb, &parts, &quality);
        if (rc == IGRAPH_SUCCESS)
            rc = igraph_modularity(&c->g, &memb, &c->w, 1, false, &c->m->modularity_leiden);
        for (size_t v = 0; rc == IGRAPH_SUCCESS && v < n; v++)
            c->m->node[v].community = (size_t)VECTOR(memb)[v];
        c->m->leiden_communities = (size_t)parts;
    }
    igraph_vector_int_destroy(&memb);
    return rc == IGRAPH_SUCCESS ? MAPA_OK : mapa__igraph_error(rc, "modularity");
}

static mapa_err whole(ctx *c)
{
    size_t n = c->net->n;
    c->m->density = n > 1 ? (double)c->net->n_ties / ((double)n * (double)(n - 1) / 2) : NAN;
    igraph_vector_int_t size;
    igraph_integer_t count = 0;
    TRY(igraph_vector_int_init(&size, 0), "components");
    igraph_error_t rc = igraph_connected_components(&c->g, NULL, &size, &count, IGRAPH_WEAK);
    c->m->components = (size_t)count;
    for (igraph_integer_t k = 0; rc == IGRAPH_SUCCESS && k < count; k++)
        if ((size_t)VECTOR(size)[k] > c->m->largest_component)
            c->m->largest_component = (size_t)VECTOR(size)[k];
    igraph_vector_int_destroy(&size);
    if (rc != IGRAPH_SUCCESS)
        return mapa__igraph_error(rc, "components");
    TRY(igraph_transitivity_undirected(&c->g, &c->m->transitivity, IGRAPH_TRANSITIVITY_ZERO),
        "transitivity");
    c->m->degree_centralization = c->m->betweenness_centralization = NAN;
    if (n > 2) {
        igraph_real_t cent = 0, max = 0;
        TRY(igraph_centralization_degree(&c->g, &c->res, IGRAPH_ALL, false, &cent, &max, true),
            "degree centralization");
        c->m->degree_centralization = cent;
        if (!big(c)) {
            TRY(igraph_centralization_betweenness(&c->g, &c->res, false, &cent, &max, true),
                "betweenness centralization");
            c->m->betweenness_centralization = cent;
        }
    }
    mapa_err err = path_length(c);
    return err == MAPA_OK ? partitions(c) : err;
}

mapa_err mapa_metrics_compute(mapa_metrics *out, const mapa_network *net,
                              const mapa_metrics_options *options)
{
    mapa_metrics_options defaults = MAPA_METRICS_OPTIONS_INIT;
    mapa_metrics m = {0};
    m.n = net->n;
    m.n_ties = net->n_ties;
    m.node = calloc(net->n + 1, sizeof *m.node);
    if (!m.node)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for the network's figures");
    ctx c = {.net = net, .m = &m, .o = options ? options : &defaults};
    mapa_err err = mapa__igraph_from_network(&c.g, &c.w, net);
    if (err != MAPA_OK) {
        free(m.node);
        return err;
    }
    err = igraph_vector_init(&c.res, 0) == IGRAPH_SUCCESS
              ? MAPA_OK
              : mapa_error_set(MAPA_ENOMEM, "out of memory for the network's figures");
    if (err == MAPA_OK)
        err = degrees(&c);
    if (err == MAPA_OK)
        err = centralities(&c);
    if (err == MAPA_OK)
        err = cut_points(&c);
    if (err == MAPA_OK)
        err = whole(&c);
    if (err == MAPA_OK)
        err = mapa__metrics_groups(&m, net, &c.g);
    igraph_vector_destroy(&c.res);
    igraph_vector_destroy(&c.w);
    igraph_destroy(&c.g);
    if (err != MAPA_OK) {
        mapa_metrics_dispose(&m);
        return err;
    }
    *out = m;
    return MAPA_OK;
}

void mapa_metrics_dispose(mapa_metrics *m)
{
    free(m->node);
    free(m->group);
    *m = (mapa_metrics){0};
}
