/*
 * Figures of networks kept as cliques (large plans) against the same networks
 * with every tie listed, whose figures igraph computes on the whole graph:
 * random clique-rich networks of up to a few thousand nodes, with Critical
 * Friend-like ties (one node to a whole clique), SPOC-like ties among one node
 * per clique, weighted ties, single nodes outside cliques, twins across
 * cliques and disconnected parts. The Leiden partition is a heuristic's: its
 * modularity must equal igraph_modularity of the same partition on the whole
 * graph. Aggregation (the diagrams' agency and team graphs) is compared too.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <igraph/igraph.h>

#include <mapa/metrics.h>

#include "models/handlers.h"
#include "models/igraph_net.h"

static uint64_t rng_state;

static size_t draw(size_t n)
{
    rng_state = rng_state * UINT64_C(6364136223846793005) + UINT64_C(1442695040888963407);
    return (size_t)((rng_state >> 33) % (n ? n : 1));
}

typedef struct shape {
    size_t n, cliques, friends, agencies;
    bool spocs, weights, connect;
} shape;

/* A random network with cliques; `flat` gets the same network with every tie listed. */
static void random_network(mapa_network *net, mapa_network *flat, const shape *s)
{
    *net = (mapa_network)MAPA_NETWORK_INIT;
    net->n = s->n;
    net->group = malloc((s->n + 1) * sizeof *net->group);
    net->sector = malloc((s->n + 1) * sizeof *net->sector);
    net->team = malloc((s->n + 1) * sizeof *net->team);
    size_t *clique = malloc((s->n + 1) * sizeof *clique),
           *first = calloc(s->cliques + 2, sizeof *first);
    assert_true(net->group && net->sector && net->team && clique && first);
    net->n_groups = s->agencies;
    net->n_teams = s->cliques;
    size_t loose = s->n / 20; /* the last nodes stay out of cliques (co-ordinators) */
    for (size_t v = 0; v < s->n; v++) {
        net->group[v] = draw(s->agencies);
        net->sector[v] = draw(10);
        clique[v] = v + loose < s->n ? draw(s->cliques) : MAPA_NONE;
        net->team[v] = clique[v];
    }
    size_t *nodes = malloc((s->n + 1) * sizeof *nodes),
           *head = malloc((s->cliques + 1) * sizeof *head);
    assert_true(nodes && head);
    for (size_t c = 0; c < s->cliques; c++) {
        size_t k = 0;
        for (size_t v = 0; v < s->n; v++)
            if (clique[v] == c)
                nodes[k++] = v;
        head[c] = k ? nodes[draw(k)] : MAPA_NONE; /* its "SPOC" */
        if (k)
            assert_int_equal(mapa_network_add_clique(net, nodes, k), MAPA_OK);
    }
    for (size_t f = 0; f < s->friends; f++) { /* a node tied to every node of another clique */
        size_t v = draw(s->n), c = draw(s->cliques);
        for (size_t u = 0; u < s->n; u++)
            if (clique[u] == c && clique[v] != c)
                assert_int_equal(mapa_network_add_tie(net, v, u, 1, MAPA_TIE_CF), MAPA_OK);
    }
    for (size_t a = 0; s->spocs && a < s->cliques; a++)
        for (size_t b = a + 1; b < s->cliques; b++)
            if (head[a] != MAPA_NONE && head[b] != MAPA_NONE && draw(3) == 0)
                assert_int_equal(mapa_network_add_tie(net, head[a], head[b],
                                                      s->weights ? (double)(1 + draw(3)) : 1,
                                                      MAPA_TIE_SPOC),
                                 MAPA_OK);
    for (size_t v = s->n - loose; v < s->n; v++) /* loose nodes: tied to a few heads, or not */
        for (size_t c = 0; c < s->cliques && (s->connect || v % 3); c++)
            if (head[c] != MAPA_NONE && draw(2) == 0)
                assert_int_equal(mapa_network_add_tie(net, v, head[c], 1, MAPA_TIE_COORD), MAPA_OK);
    for (size_t c = 0; s->connect && c + 1 < s->cliques; c++) /* a chain: one component */
        if (head[c] != MAPA_NONE && head[c + 1] != MAPA_NONE)
            assert_int_equal(mapa_network_add_tie(net, head[c], head[c + 1], 1, MAPA_TIE_SPOC),
                             MAPA_OK);
    mapa_network_finish(net);
    /* the same, every tie listed */
    *flat = (mapa_network)MAPA_NETWORK_INIT;
    flat->n = s->n;
    flat->group = malloc((s->n + 1) * sizeof *flat->group);
    flat->sector = malloc((s->n + 1) * sizeof *flat->sector);
    flat->team = malloc((s->n + 1) * sizeof *flat->team);
    assert_true(flat->group && flat->sector && flat->team);
    memcpy(flat->group, net->group, s->n * sizeof *flat->group);
    memcpy(flat->sector, net->sector, s->n * sizeof *flat->sector);
    memcpy(flat->team, net->team, s->n * sizeof *flat->team);
    flat->n_groups = net->n_groups;
    flat->n_teams = net->n_teams;
    for (size_t k = 0; k < net->n_ties; k++)
        assert_int_equal(mapa_network_add_tie(flat, net->ties[k].a, net->ties[k].b,
                                              net->ties[k].weight, net->ties[k].kind),
                         MAPA_OK);
    for (size_t c = 0; c < net->n_cliques; c++)
        for (size_t x = net->clique_first[c]; x < net->clique_first[c + 1]; x++)
            for (size_t y = x + 1; y < net->clique_first[c + 1]; y++)
                assert_int_equal(mapa_network_add_tie(flat, net->clique_node[x],
                                                      net->clique_node[y], 1, MAPA_TIE_TEAM),
                                 MAPA_OK);
    mapa_network_finish(flat);
    assert_int_equal(mapa_network_tie_count(net), flat->n_ties);
    free(clique);
    free(first);
    free(nodes);
    free(head);
}

static void near(double a, double b, const char *what, size_t v)
{
    if (isnan(a) && isnan(b))
        return;
    double tol = 1e-7 * (1 + fabs(b));
    if (!(fabs(a - b) <= tol))
        fail_msg("%s of node %zu: %.12g on the cliques, %.12g on the whole graph", what, v, a, b);
}

/* igraph_modularity of the partition `community` on the whole (listed) network. */
static double modularity_on(const mapa_network *flat, const mapa_metrics *m)
{
    igraph_t g;
    igraph_vector_t w;
    assert_int_equal(mapa__igraph_from_network(&g, &w, flat), MAPA_OK);
    igraph_vector_int_t memb;
    assert_int_equal(igraph_vector_int_init(&memb, (igraph_integer_t)flat->n), IGRAPH_SUCCESS);
    for (size_t v = 0; v < flat->n; v++)
        VECTOR(memb)[v] = (igraph_integer_t)m->node[v].community;
    igraph_real_t q = 0;
    assert_int_equal(igraph_modularity(&g, &memb, &w, 1, false, &q), IGRAPH_SUCCESS);
    igraph_vector_int_destroy(&memb);
    igraph_vector_destroy(&w);
    igraph_destroy(&g);
    return q;
}

static void compare_networks(mapa_network net, mapa_network flat, const shape *s)
{
    assert_true(net.n_cliques > 0 && net.n_ties < flat.n_ties);
    mapa_metrics a, b;
    assert_int_equal(mapa_metrics_compute(&a, &net, NULL), MAPA_OK);
    assert_int_equal(mapa_metrics_compute(&b, &flat, NULL), MAPA_OK);
    assert_int_equal(a.n_ties, b.n_ties);
    assert_int_equal(a.twin_classes, b.twin_classes);
    for (size_t v = 0; v < s->n; v++) {
        const mapa_node_metrics *x = &a.node[v], *y = &b.node[v];
        assert_int_equal(x->degree, y->degree);
        near(x->strength, y->strength, "strength", v);
        near(x->betweenness, y->betweenness, "betweenness", v);
        near(x->harmonic, y->harmonic, "harmonic closeness", v);
        if (s->connect)
            near(x->eigenvector, y->eigenvector, "eigenvector", v);
        near(x->clustering, y->clustering, "clustering", v);
        near(x->constraint, y->constraint, "constraint", v);
        near(x->effective_size, y->effective_size, "effective size", v);
        near(x->ei, y->ei, "E-I", v);
        for (int r = 0; r < MAPA_BROKER_ROLES; r++) {
            near(x->brokerage[r], y->brokerage[r], "brokerage", v);
            near(x->brokerage_z[r], y->brokerage_z[r], "brokerage z", v);
        }
        if (x->articulation != y->articulation || x->bridges != y->bridges)
            fail_msg("cut point or bridges of node %zu differ", v);
    }
    for (size_t g = 0; g < s->agencies; g++) {
        assert_int_equal(a.group[g].size, b.group[g].size);
        assert_int_equal(a.group[g].internal, b.group[g].internal);
        assert_int_equal(a.group[g].external, b.group[g].external);
        near(a.group[g].density, b.group[g].density, "agency density", g);
        for (int r = 0; r < MAPA_BROKER_ROLES; r++)
            near(a.group[g].brokerage[r], b.group[g].brokerage[r], "agency brokerage", g);
    }
    for (size_t k = 0; k < 16; k++) {
        near(a.sector_ei[k], b.sector_ei[k], "sector E-I", k);
        assert_int_equal(a.sector_size[k], b.sector_size[k]);
    }
    near(a.density, b.density, "density", 0);
    assert_int_equal(a.components, b.components);
    assert_int_equal(a.largest_component, b.largest_component);
    assert_int_equal(a.isolates, b.isolates);
    near(a.average_path, b.average_path, "average path", 0);
    near(a.transitivity, b.transitivity, "transitivity", 0);
    near(a.average_clustering, b.average_clustering, "average clustering", 0);
    near(a.modularity_team, b.modularity_team, "team modularity", 0);
    near(a.ei, b.ei, "E-I", 0);
    near(a.ei_sector, b.ei_sector, "sector E-I", 0);
    near(a.assortativity_agency, b.assortativity_agency, "agency assortativity", 0);
    near(a.assortativity_sector, b.assortativity_sector, "sector assortativity", 0);
    near(a.degree_centralization, b.degree_centralization, "degree centralization", 0);
    near(a.betweenness_centralization, b.betweenness_centralization, "betweenness centr.", 0);
    assert_int_equal(a.articulation_points, b.articulation_points);
    assert_int_equal(a.bridges, b.bridges);
    assert_int_equal(a.agency_nodes, b.agency_nodes);
    assert_int_equal(a.agency_ties, b.agency_ties);
    near(a.agency_density, b.agency_density, "agency density", 0);
    near(a.agency_degree_centralization, b.agency_degree_centralization, "agency degree c.", 0);
    near(a.algebraic_connectivity, b.algebraic_connectivity, "algebraic connectivity", 0);
    /* Leiden on the quotient: its reported modularity is the partition's on the whole graph */
    mapa__handlers saved;
    mapa__handlers_enter(&saved);
    near(a.modularity_leiden, modularity_on(&flat, &a), "Leiden modularity", 0);
    mapa__handlers_leave(&saved);
    assert_true(a.modularity_leiden > b.modularity_leiden - 0.05);
    mapa_metrics_dispose(&a);
    mapa_metrics_dispose(&b);
    mapa_network_dispose(&net);
    mapa_network_dispose(&flat);
}

static void compare(const shape *s)
{
    mapa_network net, flat;
    random_network(&net, &flat, s);
    compare_networks(net, flat, s);
}

/* By hand: a pair alone (its tie a bridge), a triangle with a pendant (a cut point), an isolate. */
static void pairs_pendants_and_isolates(void **state)
{
    (void)state;
    mapa_network net = MAPA_NETWORK_INIT;
    net.n = 8;
    net.n_groups = 2;
    net.group = calloc(8, sizeof *net.group);
    net.sector = calloc(8, sizeof *net.sector);
    assert_true(net.group && net.sector);
    net.group[1] = net.group[3] = net.group[6] = 1;
    const size_t pair[] = {0, 1}, triangle[] = {2, 3, 4};
    assert_int_equal(mapa_network_add_clique(&net, pair, 2), MAPA_OK);
    assert_int_equal(mapa_network_add_clique(&net, triangle, 3), MAPA_OK);
    assert_int_equal(mapa_network_add_tie(&net, 4, 5, 2, MAPA_TIE_CF), MAPA_OK);
    assert_int_equal(mapa_network_add_tie(&net, 5, 6, 1, MAPA_TIE_CF), MAPA_OK);
    mapa_network_finish(&net);
    mapa_network flat = MAPA_NETWORK_INIT;
    flat.n = 8;
    flat.n_groups = 2;
    flat.group = malloc(8 * sizeof *flat.group);
    flat.sector = calloc(8, sizeof *flat.sector);
    assert_true(flat.group && flat.sector);
    memcpy(flat.group, net.group, 8 * sizeof *flat.group);
    const size_t e[][2] = {{0, 1}, {2, 3}, {2, 4}, {3, 4}};
    for (size_t k = 0; k < 4; k++)
        assert_int_equal(mapa_network_add_tie(&flat, e[k][0], e[k][1], 1, MAPA_TIE_TEAM), MAPA_OK);
    assert_int_equal(mapa_network_add_tie(&flat, 4, 5, 2, MAPA_TIE_CF), MAPA_OK);
    assert_int_equal(mapa_network_add_tie(&flat, 5, 6, 1, MAPA_TIE_CF), MAPA_OK);
    mapa_network_finish(&flat);
    mapa_metrics m;
    assert_int_equal(mapa_metrics_compute(&m, &net, NULL), MAPA_OK);
    assert_int_equal(m.bridges, 3);             /* 0-1, 4-5, 5-6 */
    assert_int_equal(m.articulation_points, 2); /* 4 and 5 */
    assert_int_equal(m.isolates, 1);
    assert_int_equal(m.components, 3);
    mapa_metrics_dispose(&m);
    shape s = {8, 2, 0, 2, false, true, false};
    compare_networks(net, flat, &s);
}

static void small_cliques_with_friends(void **state)
{
    (void)state;
    for (uint64_t seed = 1; seed <= 30; seed++) {
        rng_state = seed;
        shape s = {40 + draw(60), 3 + draw(6), draw(6), 1 + draw(5), true, seed % 2, seed % 3 != 0};
        compare(&s);
    }
}

static void plan_like_networks(void **state)
{
    (void)state;
    for (uint64_t seed = 100; seed < 104; seed++) {
        rng_state = seed;
        shape s = {1500 + draw(1500), 20 + draw(30), 2 * (20 + draw(10)), 30, true, false, true};
        compare(&s);
    }
}

static void weighted_and_disconnected(void **state)
{
    (void)state;
    for (uint64_t seed = 200; seed < 210; seed++) {
        rng_state = seed;
        shape s = {200 + draw(300), 8 + draw(8), draw(10), 6, seed % 2 == 0, true, false};
        compare(&s);
    }
}

/* The diagrams' aggregated graphs: the same ties and weights from cliques as from the list. */
static void aggregation_counts_clique_ties(void **state)
{
    (void)state;
    rng_state = 7;
    shape s = {600, 12, 8, 9, true, true, true};
    mapa_network net, flat;
    random_network(&net, &flat, &s);
    mapa_network a = MAPA_NETWORK_INIT, b = MAPA_NETWORK_INIT;
    a.n = b.n = s.agencies;
    assert_int_equal(mapa_network_aggregate(&a, &net, net.group), MAPA_OK);
    assert_int_equal(mapa_network_aggregate(&b, &flat, flat.group), MAPA_OK);
    mapa_network_finish(&a);
    mapa_network_finish(&b);
    assert_int_equal(a.n_ties, b.n_ties);
    for (size_t k = 0; k < a.n_ties; k++) {
        assert_int_equal(a.ties[k].a, b.ties[k].a);
        assert_int_equal(a.ties[k].b, b.ties[k].b);
        assert_true(fabs(a.ties[k].weight - b.ties[k].weight) < 1e-9);
    }
    assert_int_equal(mapa_network_expand(&net), MAPA_OK);
    assert_int_equal(net.n_ties, flat.n_ties);
    assert_int_equal(net.n_cliques, 0);
    mapa_network_dispose(&a);
    mapa_network_dispose(&b);
    mapa_network_dispose(&net);
    mapa_network_dispose(&flat);
}

static void cliques_must_be_disjoint(void **state)
{
    (void)state;
    mapa_network net = MAPA_NETWORK_INIT;
    net.n = 5;
    const size_t c1[] = {0, 1, 2}, c2[] = {2, 3};
    assert_int_equal(mapa_network_add_clique(&net, c1, 3), MAPA_OK);
    assert_int_equal(mapa_network_add_clique(&net, c2, 2), MAPA_OK);
    mapa_metrics m;
    assert_int_equal(mapa_metrics_compute(&m, &net, NULL), MAPA_EINVAL);
    mapa_network_dispose(&net);
    net = (mapa_network)MAPA_NETWORK_INIT;
    net.n = 4;
    assert_int_equal(mapa_network_add_clique(&net, c1, 3), MAPA_OK);
    assert_int_equal(mapa_network_add_tie(&net, 0, 2, 1, MAPA_TIE_CF), MAPA_OK); /* inside */
    mapa_network_finish(&net);
    assert_int_equal(mapa_metrics_compute(&m, &net, NULL), MAPA_EINVAL);
    mapa_network_dispose(&net);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pairs_pendants_and_isolates),
        cmocka_unit_test(small_cliques_with_friends),
        cmocka_unit_test(weighted_and_disconnected),
        cmocka_unit_test(plan_like_networks),
        cmocka_unit_test(aggregation_counts_clique_ties),
        cmocka_unit_test(cliques_must_be_disjoint),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
