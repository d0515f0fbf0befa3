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
#include "models/twins.h"
#include "models/handlers.h"

enum { SAMPLE_SOURCES = 500 };

typedef struct ctx {
    mapa__quotient q;
    bool exact;
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

static void stage(const ctx *c, const char *name)
{
    if (c->o->stage)
        c->o->stage(name, c->o->payload);
}

/*
 * Betweenness, harmonic closeness and the mean distance, exact on the twin
 * quotient; on large networks estimated from SAMPLE_SOURCES evenly spaced
 * source nodes (Brandes and Pich 2007: dependencies scaled by n / sources).
 */
static mapa_err betweenness(ctx *c)
{
    size_t n = c->net->n, step = n / SAMPLE_SOURCES ? n / SAMPLE_SOURCES : 1, k = 0;
    double *bc = malloc((n + 1) * sizeof *bc), *hs = malloc((n + 1) * sizeof *hs);
    size_t *sources = c->exact ? NULL : malloc((n / step + 2) * sizeof *sources);
    mapa_err err = MAPA_OK;
    if (!bc || !hs || (!c->exact && !sources)) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory for betweenness");
        goto cleanup;
    }
    for (size_t s = 0; sources && s < n; s += step)
        sources[k++] = s;
    c->m->betweenness_exact = c->exact;
    c->m->sampled_sources = k;
    err = mapa__quotient_paths(&c->q, sources, k, bc, hs, &c->m->average_path);
    if (err != MAPA_OK)
        goto cleanup;
    double pairs = n > 2 ? (double)(n - 1) * (double)(n - 2) / 2 : 0;
    for (size_t v = 0; v < n; v++) {
        c->m->node[v].betweenness = pairs > 0 ? bc[v] / pairs : 0;
        c->m->node[v].harmonic = n > 1 ? hs[v] / (double)(n - 1) : 0;
    }
cleanup:
    free(bc);
    free(hs);
    free(sources);
    return err;
}

static mapa_err eigenvector(ctx *c)
{
    if (c->net->n_ties == 0)
        return MAPA_OK;
    igraph_real_t value = 0;
    TRY(igraph_eigenvector_centrality(&c->g, &c->res, &value, false, true, &c->w, NULL),
        "eigenvector centrality");
    for (size_t v = 0; v < c->net->n; v++)
        c->m->node[v].eigenvector = VECTOR(c->res)[v];
    return MAPA_OK;
}

/* Local clustering and Burt's constraint, for one node per twin class (twins share them). */
static mapa_err neighbourhoods(ctx *c)
{
    size_t n = c->net->n, Q = c->q.n;
    igraph_vector_int_t reps;
    TRY(igraph_vector_int_init(&reps, (igraph_integer_t)Q), "local clustering");
    for (size_t x = 0; x < Q; x++)
        VECTOR(reps)[x] = (igraph_integer_t)c->q.rep[x];
    igraph_vector_t cl;
    igraph_error_t rc = igraph_vector_init(&cl, 0);
    if (rc == IGRAPH_SUCCESS)
        rc = igraph_transitivity_local_undirected(&c->g, &cl, igraph_vss_vector(&reps),
                                                  IGRAPH_TRANSITIVITY_ZERO);
    if (rc == IGRAPH_SUCCESS)
        rc = igraph_constraint(&c->g, &c->res, igraph_vss_vector(&reps), &c->w);
    double sum = 0;
    for (size_t v = 0; rc == IGRAPH_SUCCESS && v < n; v++) {
        mapa_node_metrics *x = &c->m->node[v];
        x->clustering = VECTOR(cl)[c->q.of[v]];
        sum += x->clustering;
        double k = (double)x->degree;
        x->effective_size = x->degree ? k - (k - 1) * x->clustering : NAN;
        x->efficiency = x->degree ? x->effective_size / k : NAN;
        x->constraint = x->degree ? VECTOR(c->res)[c->q.of[v]] : NAN;
    }
    c->m->average_clustering = n ? sum / (double)n : NAN;
    igraph_vector_destroy(&cl);
    igraph_vector_int_destroy(&reps);
    return rc == IGRAPH_SUCCESS ? MAPA_OK : mapa__igraph_error(rc, "clustering and constraint");
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
        double top = 0, sum = 0; /* Freeman from the betweenness already computed */
        for (size_t v = 0; v < n; v++)
            top = c->m->node[v].betweenness > top ? c->m->node[v].betweenness : top;
        for (size_t v = 0; v < n; v++)
            sum += top - c->m->node[v].betweenness;
        c->m->betweenness_centralization = c->m->betweenness_exact ? sum / (double)(n - 1) : NAN;
    }
    return MAPA_OK;
}

typedef mapa_err (*group_fn)(ctx *c);

static const struct {
    const char *name;
    group_fn run;
} groups[] = {{"degree", degrees},
              {"betweenness, closeness, path length", betweenness},
              {"eigenvector", eigenvector},
              {"clustering and constraint", neighbourhoods},
              {"articulation points and bridges", cut_points},
              {"components, transitivity, centralization", whole},
              {"modularity (teams, Leiden)", partitions}};

/* Every group of figures in turn, on the graph built, with one result vector they share. */
static mapa_err figures(ctx *c)
{
    mapa_err err = MAPA_OK;
    if (igraph_vector_init(&c->res, 0) != IGRAPH_SUCCESS) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory for the network's figures");
        goto cleanup;
    }
    for (size_t k = 0; k < sizeof groups / sizeof *groups; k++) {
        stage(c, groups[k].name);
        err = groups[k].run(c);
        if (err != MAPA_OK)
            goto cleanup;
    }
    stage(c, "agencies, sectors, brokerage");
    err = mapa__metrics_groups(c->m, c->net, &c->g, &c->q);
cleanup:
    stage(c, NULL);
    igraph_vector_destroy(&c->res); /* safe after a failed init */
    return err;
}

/* The figures on the igraph graph of the network, released afterwards. */
static mapa_err on_graph(ctx *c)
{
    mapa_err err = mapa__igraph_from_network(&c->g, &c->w, c->net);
    if (err != MAPA_OK)
        return err;
    err = figures(c);
    igraph_vector_destroy(&c->w);
    igraph_destroy(&c->g);
    return err;
}

/* Networks with cliques (large plans): every figure from the quotient, no igraph graph of it. */
static mapa_err on_quotient(ctx *c)
{
    stage(c, "betweenness, closeness, path length");
    mapa_err err = betweenness(c);
    if (err == MAPA_OK)
        err = mapa__metrics_cliques(c->m, c->net, &c->q, c->o);
    stage(c, NULL);
    return err;
}

/* Cliques disjoint, of distinct nodes, no listed tie inside one. */
static mapa_err check_cliques(const mapa_network *net)
{
    size_t *of = malloc((net->n + 1) * sizeof *of);
    if (!of)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for the network's figures");
    for (size_t v = 0; v < net->n; v++)
        of[v] = MAPA_NONE;
    mapa_err err = MAPA_OK;
    for (size_t k = 0; err == MAPA_OK && k < net->n_cliques; k++)
        for (size_t x = net->clique_first[k]; err == MAPA_OK && x < net->clique_first[k + 1]; x++) {
            size_t v = net->clique_node[x];
            if (v >= net->n || of[v] != MAPA_NONE)
                err = mapa_error_set(MAPA_EINVAL, "node %zu of clique %zu is not a node, or is "
                                                  "in two cliques", v, k);
            else
                of[v] = k;
        }
    for (size_t k = 0; err == MAPA_OK && k < net->n_ties; k++)
        if (of[net->ties[k].a] != MAPA_NONE && of[net->ties[k].a] == of[net->ties[k].b])
            err = mapa_error_set(MAPA_EINVAL, "tie %zu (%zu-%zu) joins two nodes of one clique",
                                 k, net->ties[k].a, net->ties[k].b);
    free(of);
    return err;
}

static mapa_err check_ties(const mapa_network *net)
{
    for (size_t k = 0; k < net->n_ties; k++)
        if (net->ties[k].a >= net->ties[k].b || net->ties[k].b >= net->n)
            return mapa_error_set(MAPA_EINVAL,
                                  "tie %zu (%zu-%zu) is not between two of the %zu "
                                  "nodes: call mapa_network_finish",
                                  k, net->ties[k].a, net->ties[k].b, net->n);
    return net->n_cliques ? check_cliques(net) : MAPA_OK;
}

static mapa_err compute_metrics(mapa_metrics *out, const mapa_network *net,
                                const mapa_metrics_options *options)
{
    mapa_err err = check_ties(net);
    if (err != MAPA_OK)
        return err;
    mapa_metrics_options defaults = MAPA_METRICS_OPTIONS_INIT;
    mapa_metrics m = {0};
    ctx c = {.net = net, .m = &m, .o = options ? options : &defaults};
    m.n = net->n;
    m.n_ties = mapa_network_tie_count(net);
    m.node = calloc(net->n + 1, sizeof *m.node);
    if (!m.node) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory for the network's figures");
        goto cleanup;
    }
    stage(&c, "twin classes");
    err = mapa__quotient_build(&c.q, net);
    if (err != MAPA_OK)
        goto cleanup;
    double work = (double)c.q.n * ((double)c.q.n + 2 * (double)c.q.n_edges);
    c.exact = work <= c.o->exact_work_max;
    m.twin_classes = c.q.n;
    err = net->n_cliques ? on_quotient(&c) : on_graph(&c);
    if (err != MAPA_OK)
        goto cleanup;
    *out = m; /* the caller owns it now */
    m = (mapa_metrics){0};
cleanup:
    mapa__quotient_dispose(&c.q); /* safe on an empty quotient */
    mapa_metrics_dispose(&m);
    return err;
}

/* The public entry point: GSL's and igraph's handlers quiet around the work (models/handlers.h). */
mapa_err mapa_metrics_compute(mapa_metrics *out, const mapa_network *net,
                              const mapa_metrics_options *options)
{
    mapa__handlers saved;
    mapa__handlers_enter(&saved);
    mapa_err err = compute_metrics(out, net, options);
    mapa__handlers_leave(&saved);
    return err;
}

void mapa_metrics_dispose(mapa_metrics *m)
{
    free(m->node);
    free(m->group);
    *m = (mapa_metrics){0};
}
