/*
 * Network figures against values worked out by hand (star, path, cycle, two
 * cliques joined by a bridge, a three-agency example for E-I, brokerage and
 * the agency graph) and published for Zachary's karate club; empty, single
 * node and disconnected networks.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <igraph/igraph.h>

#include <mapa/date.h>
#include <mapa/metrics.h>

#include "models/handlers.h"
#include "models/igraph_net.h"
#include "models/twins.h"

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-4)

/* A network of n nodes with edges pairs[2k], pairs[2k+1]; groups may be NULL. */
static mapa_network make(size_t n, const size_t *pairs, size_t n_edges, const size_t *groups,
                         size_t n_groups)
{
    mapa_network net = MAPA_NETWORK_INIT;
    net.n = n;
    net.group = malloc((n + 1) * sizeof *net.group);
    net.sector = malloc((n + 1) * sizeof *net.sector);
    assert_true(net.group && net.sector);
    for (size_t v = 0; v < n; v++) {
        net.group[v] = groups ? groups[v] : MAPA_NONE;
        net.sector[v] = groups ? groups[v] : MAPA_NONE;
    }
    net.n_groups = groups ? n_groups : 0;
    for (size_t k = 0; k < n_edges; k++)
        assert_int_equal(mapa_network_add_tie(&net, pairs[2 * k], pairs[2 * k + 1], 1, 0), MAPA_OK);
    mapa_network_finish(&net);
    return net;
}

static mapa_metrics measure(const mapa_network *net)
{
    mapa_metrics m;
    assert_int_equal(mapa_metrics_compute(&m, net, NULL), MAPA_OK);
    return m;
}

static void star(void **state)
{
    (void)state;
    const size_t e[] = {0, 1, 0, 2, 0, 3, 0, 4};
    mapa_network net = make(5, e, 4, NULL, 0);
    mapa_metrics m = measure(&net);
    assert_int_equal(m.node[0].degree, 4);
    NEAR(m.node[0].betweenness, 1.0);
    NEAR(m.node[1].betweenness, 0.0);
    NEAR(m.node[0].harmonic, 1.0);
    NEAR(m.node[1].harmonic, 0.625);  /* (1 + 3/2) / 4 */
    NEAR(m.node[0].constraint, 0.25); /* 4 x (1/4)^2 */
    NEAR(m.node[1].constraint, 1.0);
    NEAR(m.node[0].effective_size, 4.0);
    NEAR(m.node[0].efficiency, 1.0);
    NEAR(m.node[1].effective_size, 1.0);
    NEAR(m.node[0].eigenvector, 1.0);
    NEAR(m.node[1].eigenvector, 0.5); /* 1/sqrt(4) of the centre */
    NEAR(m.node[0].clustering, 0.0);
    NEAR(m.degree_centralization, 1.0);
    NEAR(m.betweenness_centralization, 1.0);
    NEAR(m.density, 0.4);
    NEAR(m.average_path, 1.6); /* (4 x 1 + 6 x 2) / 10 */
    NEAR(m.transitivity, 0.0);
    assert_true(m.node[0].articulation && !m.node[1].articulation);
    assert_int_equal(m.articulation_points, 1);
    assert_int_equal(m.bridges, 4);
    assert_int_equal(m.node[0].bridges, 4);
    assert_true(isnan(m.ei)); /* no agencies */
    assert_true(isnan(m.node[0].brokerage[MAPA_BROKER_TOTAL]));
    mapa_metrics_dispose(&m);
    mapa_network_dispose(&net);
}

static void path_and_cycle(void **state)
{
    (void)state;
    const size_t p[] = {0, 1, 1, 2, 2, 3};
    mapa_network net = make(4, p, 3, NULL, 0);
    mapa_metrics m = measure(&net);
    NEAR(m.node[1].betweenness, 2.0 / 3.0); /* pairs (0,2), (0,3) of 3 */
    NEAR(m.node[0].betweenness, 0.0);
    NEAR(m.average_path, 10.0 / 6.0);
    assert_int_equal(m.articulation_points, 2);
    assert_int_equal(m.bridges, 3);
    NEAR(m.node[0].harmonic, (1 + 0.5 + 1.0 / 3) / 3);
    mapa_metrics_dispose(&m);
    mapa_network_dispose(&net);

    const size_t c[] = {0, 1, 1, 2, 2, 3, 3, 4, 4, 0};
    net = make(5, c, 5, NULL, 0);
    m = measure(&net);
    for (size_t v = 0; v < 5; v++) {
        NEAR(m.node[v].betweenness, 1.0 / 6.0);
        NEAR(m.node[v].harmonic, 0.75);
        NEAR(m.node[v].eigenvector, 1.0);
        assert_false(m.node[v].articulation);
    }
    NEAR(m.average_path, 1.5);
    assert_int_equal(m.bridges, 0);
    NEAR(m.degree_centralization, 0.0);
    mapa_metrics_dispose(&m);
    mapa_network_dispose(&net);
}

static void two_cliques_and_a_bridge(void **state)
{
    (void)state;
    size_t e[26], k = 0;
    for (size_t base = 0; base <= 4; base += 4)
        for (size_t i = 0; i < 4; i++)
            for (size_t j = i + 1; j < 4; j++) {
                e[k++] = base + i;
                e[k++] = base + j;
            }
    e[k++] = 3;
    e[k++] = 4;
    mapa_network net = make(8, e, 13, NULL, 0);
    net.n_teams = 2;
    net.team = malloc(8 * sizeof *net.team);
    assert_non_null(net.team);
    for (size_t v = 0; v < 8; v++)
        net.team[v] = v / 4;
    mapa_metrics m = measure(&net);
    assert_int_equal(m.bridges, 1);
    assert_int_equal(m.articulation_points, 2);
    assert_true(m.node[3].articulation && m.node[4].articulation);
    assert_int_equal(m.node[3].bridges, 1);
    NEAR(m.modularity_team, 2 * (6.0 / 13 - 0.25)); /* 0.4231 */
    NEAR(m.modularity_leiden, m.modularity_team);
    assert_int_equal(m.leiden_communities, 2);
    NEAR(m.node[0].clustering, 1.0);
    NEAR(m.node[3].clustering, 0.5);                 /* 3 of its 6 neighbour pairs tied */
    NEAR(m.node[3].effective_size, 4 - 2.0 * 3 / 4); /* Borgatti: n - 2t/n */
    /* 16 ordered pairs across the bridge, all through 3 and 4 */
    NEAR(m.node[3].betweenness, 12.0 / 21.0);
    mapa_metrics_dispose(&m);
    mapa_network_dispose(&net);
}

/* Agencies A = {0, 1}, B = {2, 3}, C = {4}; ties 0-1, 1-2, 2-3, 2-4. */
static void three_agencies(void **state)
{
    (void)state;
    const size_t e[] = {0, 1, 1, 2, 2, 3, 2, 4}, g[] = {0, 0, 1, 1, 2};
    mapa_network net = make(5, e, 4, g, 3);
    mapa_metrics m = measure(&net);
    NEAR(m.ei, 0.0);               /* 2 external, 2 internal */
    NEAR(m.group[0].ei, 0.0);      /* A: 1 inside, 1 out */
    NEAR(m.group[2].ei, 1.0);      /* C: only out */
    NEAR(m.node[2].ei, 1.0 / 3.0); /* 2 out, 1 in */
    NEAR(m.node[0].ei, -1.0);
    NEAR(m.group[0].density, 1.0);
    double *b1 = m.node[1].brokerage, *b2 = m.node[2].brokerage;
    NEAR(b1[MAPA_BROKER_REPRESENTATIVE], 1); /* 0 -> 1 -> 2 */
    NEAR(b1[MAPA_BROKER_GATEKEEPER], 1);     /* 2 -> 1 -> 0 */
    NEAR(b1[MAPA_BROKER_TOTAL], 2);
    NEAR(b2[MAPA_BROKER_GATEKEEPER], 2);     /* 1 -> 2 -> 3, 4 -> 2 -> 3 */
    NEAR(b2[MAPA_BROKER_REPRESENTATIVE], 2); /* 3 -> 2 -> 1, 3 -> 2 -> 4 */
    NEAR(b2[MAPA_BROKER_LIAISON], 2);        /* 1 -> 2 -> 4 and back */
    NEAR(b2[MAPA_BROKER_COORDINATOR], 0);
    NEAR(b2[MAPA_BROKER_TOTAL], 6);
    NEAR(m.node[0].brokerage[MAPA_BROKER_TOTAL], 0);
    /* sna::brokerage moments, d = 8/20: E[total] = d^2(1-d)(N-1)(N-2) = 1.152,
       Var = E(1 - d^2(1-d)) + 2(N-1)(N-2)(N-3) d^3 (1-d)^3 = 1.70496 */
    NEAR(m.node[2].brokerage_z[MAPA_BROKER_TOTAL], (6 - 1.152) / sqrt(1.70496));
    NEAR(m.group[1].brokerage[MAPA_BROKER_TOTAL], 6);
    NEAR(m.assortativity_agency, 0.09375 / 0.59375);
    assert_int_equal(m.agency_ties, 2);  /* A-B, B-C: a path */
    NEAR(m.algebraic_connectivity, 1.0); /* path of 3: 0, 1, 3 */
    NEAR(m.agency_density, 2.0 / 3.0);
    NEAR(m.agency_degree_centralization, 1.0 / 1.0 * (2.0 / 2.0)); /* star of 3 */
    mapa_metrics_dispose(&m);
    mapa_network_dispose(&net);
}

/* Zachary (1977), as igraph ships it; figures as published and in NetworkX. */
static void karate_club(void **state)
{
    (void)state;
    igraph_t g;
    assert_int_equal(igraph_famous(&g, "Zachary"), IGRAPH_SUCCESS);
    igraph_vector_int_t el;
    igraph_vector_int_init(&el, 0);
    igraph_get_edgelist(&g, &el, false);
    size_t n_edges = (size_t)igraph_ecount(&g), *e = malloc(2 * n_edges * sizeof *e);
    assert_non_null(e);
    for (size_t k = 0; k < 2 * n_edges; k++)
        e[k] = (size_t)VECTOR(el)[k];
    mapa_network net = make(34, e, n_edges, NULL, 0);
    mapa_metrics m = measure(&net);
    assert_int_equal(m.n_ties, 78);
    NEAR(m.density, 0.139037);
    NEAR(m.transitivity, 0.255682);
    NEAR(m.average_clustering, 0.570638);
    NEAR(m.average_path, 2.408199);
    NEAR(m.node[0].betweenness, 0.437635);
    NEAR(m.node[33].betweenness, 0.304075);
    NEAR(m.node[33].harmonic * 33, 23.25); /* sum of 1/d by our own BFS (NetworkX: unnormalised) */
    NEAR(m.node[0].harmonic * 33, 23.166667);
    assert_int_equal(m.articulation_points, 1); /* member 1 (index 0) */
    assert_true(m.node[0].articulation);
    assert_true(m.modularity_leiden > 0.41 && m.modularity_leiden < 0.4199); /* max 0.4198 */
    /* the estimates of large networks: with every node a sampled source they are exact */
    mapa_metrics_options o = MAPA_METRICS_OPTIONS_INIT;
    o.exact_work_max = 0;
    mapa_metrics s;
    assert_int_equal(mapa_metrics_compute(&s, &net, &o), MAPA_OK);
    assert_false(s.betweenness_exact);
    assert_int_equal(s.sampled_sources, 34);
    for (size_t v = 0; v < 34; v++) {
        NEAR(s.node[v].betweenness, m.node[v].betweenness);
        NEAR(s.node[v].harmonic, m.node[v].harmonic);
    }
    NEAR(s.average_path, m.average_path);
    mapa_metrics_dispose(&s);
    mapa_metrics_dispose(&m);
    mapa_network_dispose(&net);
    free(e);
    igraph_vector_int_destroy(&el);
    igraph_destroy(&g);
}

/* Gould-Fernandez counts by the definition, pair by pair, against mapa's (twin classes). */
static void naive_brokerage(const mapa_network *net, const mapa_metrics *m)
{
    size_t n = net->n;
    bool *tied = calloc(n * n, sizeof *tied);
    assert_non_null(tied);
    for (size_t k = 0; k < net->n_ties; k++)
        tied[net->ties[k].a * n + net->ties[k].b] = tied[net->ties[k].b * n + net->ties[k].a] =
            true;
    for (size_t j = 0; j < n; j++) {
        double c[MAPA_BROKER_ROLES] = {0};
        for (size_t i = 0; i < n; i++)
            for (size_t k = 0; k < n; k++) {
                if (i == k || i == j || k == j || !tied[i * n + j] || !tied[j * n + k] ||
                    tied[i * n + k])
                    continue;
                size_t gi = net->group[i], gj = net->group[j], gk = net->group[k];
                int r = gi == gj && gj == gk ? MAPA_BROKER_COORDINATOR
                        : gi == gk           ? MAPA_BROKER_ITINERANT
                        : gi == gj           ? MAPA_BROKER_REPRESENTATIVE
                        : gj == gk           ? MAPA_BROKER_GATEKEEPER
                                             : MAPA_BROKER_LIAISON;
                c[r]++;
                c[MAPA_BROKER_TOTAL]++;
            }
        for (int r = 0; r < MAPA_BROKER_ROLES; r++)
            NEAR(m->node[j].brokerage[r], c[r]);
    }
    free(tied);
}

/*
 * The exact paths run on classes of true twins: on random networks made of
 * cliques (many twins) with random extra ties, betweenness, harmonic closeness
 * and the average path length must equal igraph's on the whole graph, and the
 * brokerage counts the definition's, pair by pair.
 */
static void twin_quotient_matches_igraph(void **state)
{
    (void)state;
    unsigned long long x = 12345;
    size_t twins_seen = 0;
    for (int round = 0; round < 60; round++) {
        size_t n = 5 + (size_t)(round % 40), cap = n * n, k = 0;
        size_t *e = malloc(2 * cap * sizeof *e);
        assert_non_null(e);
        size_t block = 2 + (size_t)(round % 5);
        for (size_t a = 0; a < n; a++)
            for (size_t b = a + 1; b < n; b++) {
                x = x * 6364136223846793005ULL + 1442695040888963407ULL;
                bool same = a / block == b / block;
                if (same || (x >> 33) % 100 < 6) {
                    e[k++] = a;
                    e[k++] = b;
                }
            }
        size_t *agency = malloc(n * sizeof *agency);
        assert_non_null(agency);
        for (size_t v = 0; v < n; v++)
            agency[v] = (v * 7 + (size_t)round) % 3; /* three agencies, mixed inside cliques */
        mapa_network net = make(n, e, k / 2, agency, 3);
        mapa_metrics m = measure(&net);
        assert_true(m.betweenness_exact);
        naive_brokerage(&net, &m);
        free(agency);
        twins_seen += m.twin_classes < n;
        igraph_t g;
        igraph_vector_int_t ev;
        igraph_vector_int_init(&ev, (igraph_integer_t)k);
        for (size_t q = 0; q < k; q++)
            VECTOR(ev)[q] = (igraph_integer_t)e[q];
        igraph_create(&g, &ev, (igraph_integer_t)n, IGRAPH_UNDIRECTED);
        igraph_vector_t bc, hc;
        igraph_vector_init(&bc, 0);
        igraph_vector_init(&hc, 0);
        igraph_betweenness(&g, &bc, igraph_vss_all(), false, NULL);
        igraph_harmonic_centrality(&g, &hc, igraph_vss_all(), IGRAPH_ALL, NULL, true);
        double pairs = (double)(n - 1) * (double)(n - 2) / 2, apl = 0, unconn = 0;
        igraph_average_path_length(&g, &apl, &unconn, false, true);
        for (size_t v = 0; v < n; v++) {
            NEAR(m.node[v].betweenness, VECTOR(bc)[v] / pairs);
            NEAR(m.node[v].harmonic, VECTOR(hc)[v]);
        }
        if (isfinite(apl))
            NEAR(m.average_path, apl);
        igraph_vector_destroy(&bc);
        igraph_vector_destroy(&hc);
        igraph_vector_int_destroy(&ev);
        igraph_destroy(&g);
        mapa_metrics_dispose(&m);
        mapa_network_dispose(&net);
        free(e);
    }
    assert_true(twins_seen > 40);
}

static void degenerate_networks(void **state)
{
    (void)state;
    mapa_network empty = make(0, NULL, 0, NULL, 0);
    mapa_metrics m = measure(&empty);
    assert_int_equal(m.n, 0);
    mapa_metrics_dispose(&m);
    mapa_network_dispose(&empty);

    const size_t g[] = {0};
    mapa_network one = make(1, NULL, 0, g, 1);
    m = measure(&one);
    assert_int_equal(m.isolates, 1);
    assert_int_equal(m.components, 1);
    assert_true(isnan(m.node[0].ei));
    assert_true(isnan(m.node[0].constraint));
    mapa_metrics_dispose(&m);
    mapa_network_dispose(&one);

    const size_t e[] = {0, 1, 2, 3}, g4[] = {0, 1, 0, 1};
    mapa_network two = make(5, e, 2, NULL, 0); /* two pairs and an isolated node */
    m = measure(&two);
    assert_int_equal(m.components, 3);
    assert_int_equal(m.isolates, 1);
    NEAR(m.average_path, 1.0);
    mapa_metrics_dispose(&m);
    mapa_network_dispose(&two);
    mapa_network four = make(4, e, 2, g4, 2);
    m = measure(&four);
    NEAR(m.ei, 1.0);
    NEAR(m.algebraic_connectivity, 2.0); /* agencies 0 and 1 tied: eigenvalues 0, 2 */
    mapa_metrics_dispose(&m);
    mapa_network_dispose(&four);
}

/* Misuse and igraph failures come back as mapa errors; igraph's own handler would abort. */
static void errors_are_reported(void **state)
{
    (void)state;
    mapa_network net = MAPA_NETWORK_INIT;
    net.n = 2;
    /* a node id that does not exist (and, cast for igraph, is negative) */
    assert_int_equal(mapa_network_add_tie(&net, 0, SIZE_MAX, 1, 0), MAPA_OK);
    mapa_metrics m;
    assert_int_equal(mapa_metrics_compute(&m, &net, NULL), MAPA_EINVAL);
    assert_non_null(strstr(mapa_error_last(), "is not between two of the 2 nodes"));
    igraph_t g;
    igraph_vector_t w;
    mapa__handlers saved; /* internal: the entry points quiet igraph, here the test does */
    mapa__handlers_enter(&saved);
    assert_int_equal(mapa__igraph_from_network(&g, &w, &net), MAPA_EDEPENDENCY);
    mapa__handlers_leave(&saved);
    assert_non_null(strstr(mapa_error_last(), "igraph failed"));
    free(net.ties);
}

/* The observed network of a log: undirected ties, weights summed, directions kept apart. */
static void observed_log(void **state)
{
    (void)state;
    mapa_partnership *p = NULL;
    size_t idx;
    assert_int_equal(mapa_partnership_new(&p), MAPA_OK);
    assert_int_equal(mapa_partnership_add_agency(p, &idx, "a", "A", MAPA_SECTOR_NGO, false),
                     MAPA_OK);
    const char *ids[] = {"x", "y", "z"};
    for (size_t i = 0; i < 3; i++) {
        mapa_member mm = {.id = (char *)ids[i],
                          .name = (char *)ids[i],
                          .agency = 0,
                          .fixed_team = MAPA_NONE,
                          .previous_team = MAPA_NONE};
        assert_int_equal(mapa_partnership_add_member(p, &idx, &mm), MAPA_OK);
    }
    int32_t d1 = mapa_date_from_ymd(2026, 9, 1), d2 = mapa_date_from_ymd(2026, 10, 5);
    mapa_interaction log[] = {{0, 1, d1, 2}, {1, 0, d1, 1}, {0, 2, d2, 1}, {0, 1, d2, 0.5}};
    for (size_t k = 0; k < 4; k++)
        assert_int_equal(mapa_partnership_add_interaction(p, &log[k]), MAPA_OK);
    mapa_network net;
    assert_int_equal(mapa_network_from_log(&net, p, NULL, INT32_MIN, INT32_MAX), MAPA_OK);
    assert_int_equal(net.n_ties, 2);
    NEAR(net.ties[0].weight, 3.5); /* x-y: 2 + 1 + 0.5 */
    NEAR(net.sent[0], 3.5);
    NEAR(net.received[0], 1);
    NEAR(net.reciprocity, 2.0 / 3.0); /* x->y, y->x, x->z: two of three reciprocated */
    mapa_network_dispose(&net);
    assert_int_equal(mapa_network_from_log(&net, p, NULL, d2, d2), MAPA_OK); /* October only */
    assert_int_equal(net.n_ties, 2);
    NEAR(net.ties[0].weight, 0.5);
    NEAR(net.reciprocity, 0.0);
    mapa_network_dispose(&net);
    mapa_partnership_free(p);
}

/* Plain Brandes (2001) from each listed source on the whole graph: raw sums, as mapa's. */
static void brandes_from(const mapa_network *net, const size_t *src, size_t k, double *bc,
                         double *inv, double *total, double *pairs)
{
    size_t n = net->n, *first = calloc(n + 2, sizeof *first), *adj = malloc(2 * net->n_ties * sizeof *adj);
    size_t *dist = malloc(n * sizeof *dist), *order = malloc(n * sizeof *order), *fill = calloc(n + 1, sizeof *fill);
    double *sigma = malloc(n * sizeof *sigma), *delta = malloc(n * sizeof *delta);
    assert_true(first && adj && dist && order && fill && sigma && delta);
    for (size_t e = 0; e < net->n_ties; e++) {
        first[net->ties[e].a + 1]++;
        first[net->ties[e].b + 1]++;
    }
    for (size_t v = 0; v < n; v++)
        first[v + 1] += first[v];
    for (size_t e = 0; e < net->n_ties; e++) {
        size_t a = net->ties[e].a, b = net->ties[e].b;
        adj[first[a] + fill[a]++] = b;
        adj[first[b] + fill[b]++] = a;
    }
    for (size_t j = 0; j < k; j++) {
        size_t s = src[j], head = 0, tail = 0;
        for (size_t v = 0; v < n; v++) {
            dist[v] = SIZE_MAX;
            sigma[v] = delta[v] = 0;
        }
        dist[s] = 0;
        sigma[s] = 1;
        order[tail++] = s;
        while (head < tail) {
            size_t v = order[head++];
            for (size_t e = first[v]; e < first[v + 1]; e++) {
                size_t w = adj[e];
                if (dist[w] == SIZE_MAX) {
                    dist[w] = dist[v] + 1;
                    order[tail++] = w;
                }
                if (dist[w] == dist[v] + 1)
                    sigma[w] += sigma[v];
            }
        }
        for (size_t i = tail; i-- > 1;) {
            size_t w = order[i];
            for (size_t e = first[w]; e < first[w + 1]; e++)
                if (dist[adj[e]] + 1 == dist[w])
                    delta[adj[e]] += sigma[adj[e]] / sigma[w] * (1 + delta[w]);
            bc[w] += delta[w];
            inv[w] += 1.0 / (double)dist[w];
            *total += (double)dist[w];
            *pairs += 1;
        }
    }
    free(first);
    free(adj);
    free(dist);
    free(order);
    free(fill);
    free(sigma);
    free(delta);
}

/*
 * The sampled searches on a network large enough to be renumbered (20,000
 * classes and more) and split in two shares (one on a thread): a torus grid
 * with random chords, no twins, every figure equal to plain Brandes from the
 * same 500 sources on the whole graph.
 */
static void sampled_paths_on_a_large_network_match_brandes(void **state)
{
    (void)state;
    size_t side = 150, n = side * side, chords = 3000, m = 2 * n + chords;
    size_t *e = malloc(2 * m * sizeof *e), k = 0;
    assert_non_null(e);
    for (size_t r = 0; r < side; r++)
        for (size_t c = 0; c < side; c++) {
            size_t v = r * side + c;
            e[k++] = v, e[k++] = r * side + (c + 1) % side;
            e[k++] = v, e[k++] = ((r + 1) % side) * side + c;
        }
    uint64_t x = 12345;
    for (size_t j = 0; j < chords; j++) {
        x = x * 6364136223846793005u + 1442695040888963407u;
        size_t a = (size_t)(x >> 33) % n;
        x = x * 6364136223846793005u + 1442695040888963407u;
        size_t b = (size_t)(x >> 33) % n;
        e[k++] = a, e[k++] = b == a ? (a + 2) % n : b;
    }
    mapa_network net = make(n, e, m, NULL, 0);
    free(e);
    mapa__quotient q;
    assert_int_equal(mapa__quotient_build(&q, &net), MAPA_OK);
    assert_int_equal(q.n, n); /* no twins: every class is one node */
    size_t step = n / 500, count = 0, *src = malloc((n / step + 1) * sizeof *src);
    for (size_t v = 0; v < n; v += step)
        src[count++] = v;
    double *bc = malloc(n * sizeof *bc), *hs = malloc(n * sizeof *hs), mean = 0;
    double *rbc = calloc(n, sizeof *rbc), *rinv = calloc(n, sizeof *rinv), total = 0, pairs = 0;
    bool *is_source = calloc(n, sizeof *is_source);
    assert_true(src && bc && hs && rbc && rinv && is_source);
    assert_int_equal(mapa__quotient_paths(&q, src, count, bc, hs, &mean), MAPA_OK);
    brandes_from(&net, src, count, rbc, rinv, &total, &pairs);
    for (size_t j = 0; j < count; j++)
        is_source[src[j]] = true;
    for (size_t v = 0; v < n; v++) {
        double want_bc = rbc[v] * (double)n / (double)count / 2;
        double others = (double)count - (is_source[v] ? 1 : 0);
        double want_hs = rinv[v] / others * (double)(n - 1);
        assert_true(fabs(bc[v] - want_bc) <= 1e-9 * (1 + fabs(want_bc)));
        assert_true(fabs(hs[v] - want_hs) <= 1e-9 * (1 + fabs(want_hs)));
    }
    assert_true(fabs(mean - total / pairs) <= 1e-12 * mean);
    free(src);
    free(bc);
    free(hs);
    free(rbc);
    free(rinv);
    free(is_source);
    mapa__quotient_dispose(&q);
    mapa_network_dispose(&net);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(star),
        cmocka_unit_test(path_and_cycle),
        cmocka_unit_test(two_cliques_and_a_bridge),
        cmocka_unit_test(three_agencies),
        cmocka_unit_test(karate_club),
        cmocka_unit_test(twin_quotient_matches_igraph),
        cmocka_unit_test(errors_are_reported),
        cmocka_unit_test(observed_log),
        cmocka_unit_test(degenerate_networks),
        cmocka_unit_test(sampled_paths_on_a_large_network_match_brandes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
