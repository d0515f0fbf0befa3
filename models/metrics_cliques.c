/*
 * The figures of a network with cliques (a large plan: its teams are kept as
 * cliques, their ties implied) from its twin quotient alone, never from the
 * whole graph: each class X of true twins is a clique of s(X) nodes whose
 * ties weigh self(X), and two classes are either fully tied (every tie of
 * weight w(X, Y)) or not at all. So every node of X has the same degree,
 * strength, neighbourhood figures and eigenvector centrality, each a closed
 * form of the classes around X. docs/metrics.md ("Large plans") proves each
 * equal to its definition on the whole graph; tests/models/test_metrics_cliques.c
 * checks them against igraph on the expanded graph.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "models/igraph_net.h"
#include "models/metrics_internal.h"

enum { N_SECTORS = 16, DENSE_AGENCIES = 4096 };

typedef struct qctx {
    const mapa_network *net;
    const mapa__quotient *q;
    mapa_metrics *m;
    const mapa_metrics_options *o;
    double *deg, *str; /* per class: degree and strength of each of its nodes */
    size_t *mfirst, *members;
    double ties, weight; /* the whole graph's */
    igraph_t g;          /* the quotient as a simple graph (edge order: x < adj) */
    igraph_vector_t gw;  /* s(X) s(Y) w(X, Y): the ties between the two classes */
    bool have_g;
} qctx;

static void stage(const qctx *c, const char *name)
{
    if (c->o->stage)
        c->o->stage(name, c->o->payload);
}

static double pairs(double k)
{
    return k * (k - 1) / 2;
}

static mapa_err no_memory(void)
{
    return mapa_error_set(MAPA_ENOMEM, "out of memory for the network's figures");
}

/* Degrees, strengths and the class lists; the whole graph's ties and weight. */
static mapa_err degrees(qctx *c)
{
    const mapa__quotient *q = c->q;
    size_t Q = q->n, n = c->net->n;
    c->deg = calloc(Q + 1, sizeof *c->deg);
    c->str = calloc(Q + 1, sizeof *c->str);
    c->mfirst = calloc(Q + 2, sizeof *c->mfirst);
    c->members = malloc((n + 1) * sizeof *c->members);
    if (!c->deg || !c->str || !c->mfirst || !c->members)
        return no_memory();
    for (size_t x = 0; x < Q; x++) {
        double s = (double)q->size[x];
        c->deg[x] = s - 1;
        c->str[x] = (s - 1) * q->self[x];
        c->ties += pairs(s);
        c->weight += pairs(s) * q->self[x];
        for (size_t e = q->first[x]; e < q->first[x + 1]; e++) {
            double sy = (double)q->size[q->adj[e]];
            c->deg[x] += sy;
            c->str[x] += sy * q->w[e];
            if (q->adj[e] > x) {
                c->ties += s * sy;
                c->weight += s * sy * q->w[e];
            }
        }
    }
    for (size_t v = 0; v < n; v++) {
        size_t x = q->of[v];
        c->m->node[v].degree = (size_t)c->deg[x];
        c->m->node[v].strength = c->str[x];
        c->m->isolates += c->deg[x] == 0;
        c->mfirst[x + 2]++;
    }
    for (size_t x = 2; x < Q + 2; x++)
        c->mfirst[x] += c->mfirst[x - 1];
    for (size_t v = 0; v < n; v++)
        c->members[c->mfirst[q->of[v] + 1]++] = v;
    return MAPA_OK;
}

/*
 * The quotient matrix S(X, X) = (s(X) - 1) self(X), S(X, Y) = sqrt(s(X) s(Y))
 * w(X, Y) is symmetric and has the whole adjacency matrix's eigenvalues for
 * vectors constant on classes; u(X) / sqrt(s(X)) is the eigenvector there.
 */
static igraph_error_t quotient_times(igraph_real_t *to, const igraph_real_t *from, int n,
                                     void *extra)
{
    const qctx *c = extra;
    const mapa__quotient *q = c->q;
    for (int x = 0; x < n; x++) {
        double s = (double)q->size[x], sum = 0;
        for (size_t e = q->first[x]; e < q->first[x + 1]; e++)
            sum += sqrt((double)q->size[q->adj[e]]) * q->w[e] * from[q->adj[e]];
        to[x] = (s - 1) * q->self[x] * from[x] + sqrt(s) * sum;
    }
    return IGRAPH_SUCCESS;
}

static mapa_err eigenvector(qctx *c)
{
    const mapa__quotient *q = c->q;
    size_t Q = q->n;
    if (c->ties == 0 || c->weight == 0)
        return MAPA_OK;
    igraph_arpack_options_t opt;
    igraph_arpack_options_init(&opt);
    opt.n = (int)Q;
    opt.nev = 1;
    opt.ncv = 0;
    opt.which[0] = 'L';
    opt.which[1] = 'A';
    opt.start = 1; /* from the degrees, as igraph_eigenvector_centrality starts */
    igraph_vector_t values;
    igraph_matrix_t vectors;
    if (igraph_vector_init(&values, 0) != IGRAPH_SUCCESS)
        return no_memory();
    if (igraph_matrix_init(&vectors, (igraph_integer_t)Q, 1) != IGRAPH_SUCCESS) {
        igraph_vector_destroy(&values);
        return no_memory();
    }
    for (size_t x = 0; x < Q; x++)
        MATRIX(vectors, x, 0) = c->deg[x] > 0 ? c->deg[x] * sqrt((double)q->size[x]) : 1.0;
    igraph_error_t rc = igraph_arpack_rssolve(quotient_times, c, &opt, NULL, &values, &vectors);
    if (rc == IGRAPH_SUCCESS && VECTOR(values)[0] > 0) {
        double top = 0;
        for (size_t x = 0; x < Q; x++) {
            double v = MATRIX(vectors, x, 0) / sqrt((double)q->size[x]);
            top = fabs(v) > fabs(top) ? v : top;
        }
        for (size_t v = 0; top != 0 && v < c->net->n; v++) {
            size_t x = q->of[v];
            double e = MATRIX(vectors, x, 0) / sqrt((double)q->size[x]) / top;
            c->m->node[v].eigenvector = e < 0 ? 0 : e;
        }
    }
    igraph_matrix_destroy(&vectors);
    igraph_vector_destroy(&values);
    return rc == IGRAPH_SUCCESS ? MAPA_OK : mapa__igraph_error(rc, "eigenvector centrality");
}

/*
 * Local clustering and Burt's constraint of each class. For v in X: the ties
 * among v's neighbours are those inside X - {v}, from X - {v} to every
 * neighbour class, inside each neighbour class, and between two neighbour
 * classes that are tied; constraint sums, over v's neighbours j, the square of
 * p(v, j) plus the two-step shares through the nodes tied to both.
 */
static mapa_err neighbourhoods(qctx *c)
{
    const mapa__quotient *q = c->q;
    size_t Q = q->n, n = c->net->n;
    size_t *mark = malloc((Q + 1) * sizeof *mark);
    double *wx = malloc((Q + 1) * sizeof *wx), *cl = calloc(Q + 1, sizeof *cl),
           *cons = calloc(Q + 1, sizeof *cons);
    if (!mark || !wx || !cl || !cons) {
        free(mark);
        free(wx);
        free(cl);
        free(cons);
        return no_memory();
    }
    for (size_t x = 0; x < Q; x++)
        mark[x] = SIZE_MAX;
    double closed = 0, triples = 0;
    for (size_t x = 0; x < Q; x++) {
        double sx = (double)q->size[x], k = c->deg[x], str = c->str[x], om = q->self[x];
        for (size_t e = q->first[x]; e < q->first[x + 1]; e++) {
            mark[q->adj[e]] = x;
            wx[q->adj[e]] = q->w[e];
        }
        double t = pairs(sx - 1), tri = 0, sum = 0;
        double ind_self = sx > 2 ? (sx - 2) * om * om / (str * str) : 0;
        for (size_t e = q->first[x]; e < q->first[x + 1]; e++) {
            size_t z = q->adj[e];
            double sz = (double)q->size[z], wz = q->w[e], through = 0;
            t += (sx - 1) * sz + pairs(sz);
            for (size_t f = q->first[z]; f < q->first[z + 1]; f++) {
                size_t y = q->adj[f];
                if (mark[y] != x)
                    continue;
                tri += sz * (double)q->size[y];
                through += (double)q->size[y] * wx[y] * q->w[f] / c->str[y];
            }
            ind_self += sz * wz * wz / (str * c->str[z]);
            double ind = (sx - 1) * om * wz / (str * str) +
                         (sz - 1) * wz * q->self[z] / (str * c->str[z]) + through / str;
            sum += sz * (wz / str + ind) * (wz / str + ind);
        }
        if (sx > 1)
            sum += (sx - 1) * (om / str + ind_self) * (om / str + ind_self);
        t += tri / 2;
        cl[x] = k >= 2 ? t / pairs(k) : 0;
        cons[x] = sum;
        closed += sx * t;
        triples += sx * pairs(k);
    }
    double total = 0;
    for (size_t v = 0; v < n; v++) {
        mapa_node_metrics *x = &c->m->node[v];
        x->clustering = cl[q->of[v]];
        total += x->clustering;
        double k = (double)x->degree;
        x->effective_size = x->degree ? k - (k - 1) * x->clustering : NAN;
        x->efficiency = x->degree ? x->effective_size / k : NAN;
        x->constraint = x->degree ? cons[q->of[v]] : NAN;
    }
    c->m->average_clustering = n ? total / (double)n : NAN;
    c->m->transitivity = triples > 0 ? closed / triples : 0;
    free(mark);
    free(wx);
    free(cl);
    free(cons);
    return MAPA_OK;
}

/* The quotient as an igraph graph, each edge weighted by the ties it stands for. */
static mapa_err quotient_graph(qctx *c)
{
    const mapa__quotient *q = c->q;
    igraph_vector_int_t edges;
    if (igraph_vector_int_init(&edges, (igraph_integer_t)(2 * q->n_edges)) != IGRAPH_SUCCESS)
        return no_memory();
    if (igraph_vector_init(&c->gw, (igraph_integer_t)q->n_edges) != IGRAPH_SUCCESS) {
        igraph_vector_int_destroy(&edges);
        return no_memory();
    }
    size_t k = 0;
    for (size_t x = 0; x < q->n; x++)
        for (size_t e = q->first[x]; e < q->first[x + 1]; e++)
            if (q->adj[e] > x) {
                VECTOR(edges)[2 * k] = (igraph_integer_t)x;
                VECTOR(edges)[2 * k + 1] = (igraph_integer_t)q->adj[e];
                VECTOR(c->gw)[k++] = (double)q->size[x] * (double)q->size[q->adj[e]] * q->w[e];
            }
    igraph_error_t rc = igraph_create(&c->g, &edges, (igraph_integer_t)q->n, IGRAPH_UNDIRECTED);
    igraph_vector_int_destroy(&edges);
    if (rc != IGRAPH_SUCCESS) {
        igraph_vector_destroy(&c->gw);
        return mapa__igraph_error(rc, "the network's quotient");
    }
    c->have_g = true;
    return MAPA_OK;
}

/*
 * A single node is a cut point exactly when its class is one of the
 * quotient's (removing it removes the class); a node with a twin never is.
 * A tie is a bridge when it is the quotient's bridge between two single
 * nodes, or the one tie of a class of two with no other neighbour.
 */
static mapa_err cut_points(qctx *c)
{
    const mapa__quotient *q = c->q;
    igraph_vector_int_t v;
    if (igraph_vector_int_init(&v, 0) != IGRAPH_SUCCESS)
        return no_memory();
    igraph_error_t rc = igraph_articulation_points(&c->g, &v);
    for (igraph_integer_t k = 0; rc == IGRAPH_SUCCESS && k < igraph_vector_int_size(&v); k++) {
        size_t x = (size_t)VECTOR(v)[k];
        if (q->size[x] == 1) {
            c->m->node[q->rep[x]].articulation = true;
            c->m->articulation_points++;
        }
    }
    if (rc == IGRAPH_SUCCESS)
        rc = igraph_bridges(&c->g, &v);
    for (igraph_integer_t k = 0; rc == IGRAPH_SUCCESS && k < igraph_vector_int_size(&v); k++) {
        igraph_integer_t from = 0, to = 0;
        rc = igraph_edge(&c->g, VECTOR(v)[k], &from, &to);
        if (rc == IGRAPH_SUCCESS && q->size[from] == 1 && q->size[to] == 1) {
            c->m->node[q->rep[from]].bridges++;
            c->m->node[q->rep[to]].bridges++;
            c->m->bridges++;
        }
    }
    for (size_t x = 0; x < q->n; x++)
        if (q->size[x] == 2 && q->first[x] == q->first[x + 1]) {
            for (size_t k = c->mfirst[x]; k < c->mfirst[x + 1]; k++)
                c->m->node[c->members[k]].bridges++;
            c->m->bridges++;
        }
    igraph_vector_int_destroy(&v);
    return rc == IGRAPH_SUCCESS ? MAPA_OK : mapa__igraph_error(rc, "articulation points");
}

static mapa_err whole(qctx *c)
{
    const mapa__quotient *q = c->q;
    size_t n = c->net->n;
    mapa_metrics *m = c->m;
    m->density = n > 1 ? c->ties / ((double)n * (double)(n - 1) / 2) : NAN;
    igraph_vector_int_t memb;
    igraph_integer_t count = 0;
    if (igraph_vector_int_init(&memb, 0) != IGRAPH_SUCCESS)
        return no_memory();
    igraph_error_t rc = igraph_connected_components(&c->g, &memb, NULL, &count, IGRAPH_WEAK);
    size_t *size = rc == IGRAPH_SUCCESS ? calloc((size_t)count + 1, sizeof *size) : NULL;
    if (rc == IGRAPH_SUCCESS && !size) {
        igraph_vector_int_destroy(&memb);
        return no_memory();
    }
    m->components = (size_t)count;
    for (size_t x = 0; rc == IGRAPH_SUCCESS && x < q->n; x++)
        size[VECTOR(memb)[x]] += q->size[x];
    for (igraph_integer_t k = 0; rc == IGRAPH_SUCCESS && k < count; k++)
        m->largest_component = size[k] > m->largest_component ? size[k] : m->largest_component;
    free(size);
    igraph_vector_int_destroy(&memb);
    if (rc != IGRAPH_SUCCESS)
        return mapa__igraph_error(rc, "components");
    m->degree_centralization = m->betweenness_centralization = NAN;
    if (n > 2) {
        double top = 0, sum = 0, btop = 0, bsum = 0;
        for (size_t v = 0; v < n; v++) {
            top = (double)m->node[v].degree > top ? (double)m->node[v].degree : top;
            btop = m->node[v].betweenness > btop ? m->node[v].betweenness : btop;
        }
        for (size_t v = 0; v < n; v++) {
            sum += top - (double)m->node[v].degree;
            bsum += btop - m->node[v].betweenness;
        }
        m->degree_centralization = sum / ((double)(n - 1) * (double)(n - 2));
        m->betweenness_centralization = m->betweenness_exact ? bsum / (double)(n - 1) : NAN;
    }
    return MAPA_OK;
}

/*
 * Per label l (lab[v] < L): in[l], the ties (weighted by w, or counted) with
 * both ends labelled l; and, per node, `same`: its ties to nodes of its own
 * label. From the classes' label histograms: inside X, C(count, 2) ties per
 * label; between tied X and Y, count_X(l) count_Y(l).
 */
typedef struct labels {
    const size_t *lab;
    size_t L;
    bool weighted;
    double *in;   /* [L] */
    double *same; /* [n], or NULL */
} labels;

static mapa_err label_ties(const qctx *c, labels *out)
{
    const mapa__quotient *q = c->q;
    size_t Q = q->n, L = out->L;
    size_t *hfirst = calloc(Q + 2, sizeof *hfirst), *hlab = malloc((c->net->n + 1) * sizeof *hlab);
    double *hcnt = malloc((c->net->n + 1) * sizeof *hcnt), *dense = calloc(L + 1, sizeof *dense),
           *acc = calloc(L + 1, sizeof *acc);
    mapa_err err = MAPA_OK;
    if (!hfirst || !hlab || !hcnt || !dense || !acc) {
        err = no_memory();
        goto cleanup;
    }
    size_t at = 0;
    for (size_t x = 0; x < Q; x++) {
        for (size_t k = c->mfirst[x]; k < c->mfirst[x + 1]; k++) {
            size_t l = out->lab[c->members[k]];
            if (dense[l]++ == 0)
                hlab[at++] = l;
        }
        for (size_t k = hfirst[x]; k < at; k++) {
            hcnt[k] = dense[hlab[k]];
            dense[hlab[k]] = 0;
        }
        hfirst[x + 1] = at;
    }
    for (size_t x = 0; x < Q; x++) {
        for (size_t k = hfirst[x]; k < hfirst[x + 1]; k++) {
            dense[hlab[k]] = hcnt[k];
            out->in[hlab[k]] += (out->weighted ? q->self[x] : 1) * pairs(hcnt[k]);
        }
        for (size_t e = q->first[x]; e < q->first[x + 1]; e++) {
            size_t y = q->adj[e];
            double w = out->weighted ? q->w[e] : 1;
            for (size_t k = hfirst[y]; k < hfirst[y + 1]; k++) {
                acc[hlab[k]] += hcnt[k];
                if (y > x)
                    out->in[hlab[k]] += w * dense[hlab[k]] * hcnt[k];
            }
        }
        for (size_t k = c->mfirst[x]; out->same && k < c->mfirst[x + 1]; k++) {
            size_t v = c->members[k], l = out->lab[v];
            out->same[v] = dense[l] - 1 + acc[l];
        }
        for (size_t k = hfirst[x]; k < hfirst[x + 1]; k++)
            dense[hlab[k]] = 0;
        for (size_t e = q->first[x]; e < q->first[x + 1]; e++)
            for (size_t k = hfirst[q->adj[e]]; k < hfirst[q->adj[e] + 1]; k++)
                acc[hlab[k]] = 0;
    }
cleanup:
    free(hfirst);
    free(hlab);
    free(hcnt);
    free(dense);
    free(acc);
    return err;
}

/* Newman-Girvan modularity of the partition `part` (L parts): sum_c in_c / W - (S_c / 2W)^2. */
static mapa_err modularity(const qctx *c, const size_t *part, size_t L, double *out)
{
    double *in = calloc(L + 1, sizeof *in), *strength = calloc(L + 1, sizeof *strength);
    labels lb = {part, L, true, in, NULL};
    mapa_err err = in && strength ? label_ties(c, &lb) : no_memory();
    if (err == MAPA_OK) {
        for (size_t v = 0; v < c->net->n; v++)
            strength[part[v]] += c->str[c->q->of[v]];
        double Q = 0, W = c->weight;
        for (size_t l = 0; l < L; l++)
            Q += in[l] / W - (strength[l] / (2 * W)) * (strength[l] / (2 * W));
        *out = Q;
    }
    free(in);
    free(strength);
    return err;
}

/*
 * Modularity of the team partition (the unallocated each alone), and the
 * Leiden partition found on the quotient (node weights: the classes'
 * strengths; a class is never split, as Leiden's own aggregation keeps
 * merged nodes together), its modularity computed on the whole graph.
 */
static mapa_err partitions(qctx *c)
{
    const mapa_network *net = c->net;
    size_t n = net->n;
    mapa_metrics *m = c->m;
    m->modularity_team = m->modularity_leiden = NAN;
    if (c->ties == 0 || c->weight == 0)
        return MAPA_OK;
    size_t *part = malloc((n + 1) * sizeof *part);
    if (!part)
        return no_memory();
    mapa_err err = MAPA_OK;
    if (net->team && net->n_teams > 0) {
        size_t extra = net->n_teams;
        for (size_t v = 0; v < n; v++)
            part[v] = net->team[v] != MAPA_NONE ? net->team[v] : extra++;
        err = modularity(c, part, extra, &m->modularity_team);
    }
    igraph_vector_t nw;
    igraph_vector_int_t memb;
    igraph_integer_t parts = 0;
    igraph_real_t quality = 0;
    if (err == MAPA_OK && igraph_vector_init(&nw, (igraph_integer_t)c->q->n) != IGRAPH_SUCCESS)
        err = no_memory();
    if (err != MAPA_OK) {
        free(part);
        return err;
    }
    igraph_error_t rc = igraph_vector_int_init(&memb, (igraph_integer_t)c->q->n);
    for (size_t x = 0; x < c->q->n; x++)
        VECTOR(nw)[x] = (double)c->q->size[x] * c->str[x];
    igraph_rng_seed(igraph_rng_default(), (igraph_uint_t)c->o->seed);
    if (rc == IGRAPH_SUCCESS)
        rc = igraph_community_leiden(&c->g, &c->gw, &nw, 1 / (2 * c->weight), 0.01, false, -1,
                                     &memb, &parts, &quality);
    if (rc == IGRAPH_SUCCESS) {
        for (size_t v = 0; v < n; v++)
            part[v] = m->node[v].community = (size_t)VECTOR(memb)[c->q->of[v]];
        m->leiden_communities = (size_t)parts;
        err = modularity(c, part, (size_t)parts, &m->modularity_leiden);
    }
    igraph_vector_int_destroy(&memb);
    igraph_vector_destroy(&nw);
    free(part);
    if (rc != IGRAPH_SUCCESS)
        return mapa__igraph_error(rc, "modularity");
    return err;
}

static double ei(double external, double internal)
{
    return external + internal > 0 ? (external - internal) / (external + internal) : NAN;
}

/* E-I and density by agency, E-I by sector, nominal assortativity, from label_ties. */
static mapa_err by_label(qctx *c, const size_t *lab, size_t L, bool agencies)
{
    const mapa_network *net = c->net;
    mapa_metrics *m = c->m;
    size_t n = net->n;
    double *in = calloc(L + 1, sizeof *in), *deg = calloc(L + 1, sizeof *deg),
           *same = agencies ? calloc(n + 1, sizeof *same) : NULL;
    labels lb = {lab, L, false, in, same};
    mapa_err err = in && deg && (same || !agencies) ? label_ties(c, &lb) : no_memory();
    if (err != MAPA_OK)
        goto cleanup;
    double I = 0, D = 0, aa = 0, m2 = 2 * c->ties;
    for (size_t v = 0; v < n; v++)
        deg[lab[v]] += (double)m->node[v].degree;
    for (size_t l = 0; l < L; l++) {
        I += in[l];
        D += deg[l] - 2 * in[l];
        aa += (deg[l] / m2) * (deg[l] / m2);
    }
    double assort = c->ties > 0 ? (I / c->ties - aa) / (1 - aa) : NAN;
    if (agencies) {
        for (size_t v = 0; v < n; v++)
            m->node[v].ei = ei((double)m->node[v].degree - same[v], same[v]);
        for (size_t g = 0; g < L; g++) {
            mapa_group_metrics *x = &m->group[g];
            x->internal = (size_t)in[g];
            x->external = (size_t)(deg[g] - 2 * in[g]);
            x->ei = ei((double)x->external, (double)x->internal);
            x->density = x->size > 1 ? in[g] / pairs((double)x->size) : NAN;
        }
        m->ei = ei(D / 2, I);
        m->assortativity_agency = assort;
    } else {
        for (size_t s = 0; s < L && s < N_SECTORS; s++)
            m->sector_ei[s] = ei(deg[s] - 2 * in[s], in[s]);
        m->ei_sector = ei(D / 2, I);
        m->assortativity_sector = assort;
    }
cleanup:
    free(in);
    free(deg);
    free(same);
    return err;
}

/* Agencies tied when two of their members are: inside each class and across tied classes. */
static mapa_err agency_graph(qctx *c)
{
    const mapa_network *net = c->net;
    const mapa__quotient *q = c->q;
    size_t G = net->n_groups, Q = q->n;
    mapa_network ag = MAPA_NETWORK_INIT;
    ag.n = G;
    unsigned char *tied = G <= DENSE_AGENCIES ? calloc(G * G + 1, 1) : NULL;
    size_t *hfirst = calloc(Q + 2, sizeof *hfirst), *hg = malloc((net->n + 1) * sizeof *hg);
    unsigned char *seen = calloc(G + 1, 1);
    mapa_err err = MAPA_OK;
    if ((G <= DENSE_AGENCIES && !tied) || !hfirst || !hg || !seen) {
        err = no_memory();
        goto cleanup;
    }
    size_t at = 0;
    for (size_t x = 0; x < Q; x++) {
        for (size_t k = c->mfirst[x]; k < c->mfirst[x + 1]; k++) {
            size_t g = net->group[c->members[k]];
            if (!seen[g]++)
                hg[at++] = g;
        }
        for (size_t k = hfirst[x]; k < at; k++)
            seen[hg[k]] = 0;
        hfirst[x + 1] = at;
    }
    for (size_t x = 0; err == MAPA_OK && x < Q; x++) {
        for (size_t i = hfirst[x]; err == MAPA_OK && i < hfirst[x + 1]; i++) {
            for (size_t j = i + 1; q->size[x] > 1 && j < hfirst[x + 1]; j++) {
                size_t a = hg[i] < hg[j] ? hg[i] : hg[j], b = hg[i] ^ hg[j] ^ a;
                if (tied)
                    tied[a * G + b] = 1;
                else if ((err = mapa_network_add_tie(&ag, a, b, 1, MAPA_TIE_TEAM)) != MAPA_OK)
                    break;
            }
            for (size_t e = q->first[x]; err == MAPA_OK && e < q->first[x + 1]; e++) {
                size_t y = q->adj[e];
                for (size_t j = hfirst[y]; y > x && j < hfirst[y + 1]; j++) {
                    if (hg[i] == hg[j])
                        continue;
                    size_t a = hg[i] < hg[j] ? hg[i] : hg[j], b = hg[i] ^ hg[j] ^ a;
                    if (tied)
                        tied[a * G + b] = 1;
                    else if ((err = mapa_network_add_tie(&ag, a, b, 1, MAPA_TIE_TEAM)) != MAPA_OK)
                        break;
                }
            }
        }
    }
    for (size_t a = 0; err == MAPA_OK && tied && a < G; a++)
        for (size_t b = a + 1; err == MAPA_OK && b < G; b++)
            if (tied[a * G + b])
                err = mapa_network_add_tie(&ag, a, b, 1, MAPA_TIE_TEAM);
    if (err != MAPA_OK)
        goto cleanup;
    mapa_network_finish(&ag);
    err = mapa__metrics_agency_figures(c->m, &ag);
cleanup:
    free(ag.ties);
    free(tied);
    free(hfirst);
    free(hg);
    free(seen);
    return err;
}

static bool labelled(const size_t *lab, size_t n, size_t L)
{
    for (size_t v = 0; lab && v < n; v++)
        if (lab[v] >= L)
            return false;
    return lab != NULL && L > 0;
}

static mapa_err groups(qctx *c)
{
    const mapa_network *net = c->net;
    mapa_metrics *m = c->m;
    size_t n = net->n, G = net->n_groups;
    mapa__metrics_groups_init(m);
    mapa_err err = mapa__metrics_brokerage(m, net, c->q);
    if (err != MAPA_OK || !labelled(net->group, n, G))
        return err; /* a plan's members all have an agency */
    m->n_groups = G;
    m->group = calloc(G + 1, sizeof *m->group);
    if (!m->group)
        return no_memory();
    for (size_t v = 0; v < n; v++) {
        mapa_group_metrics *x = &m->group[net->group[v]];
        x->size++;
        for (int r = 0; r < MAPA_BROKER_ROLES; r++)
            x->brokerage[r] += isnan(m->node[v].brokerage[r]) ? 0 : m->node[v].brokerage[r];
    }
    err = by_label(c, net->group, G, true);
    if (err == MAPA_OK && labelled(net->sector, n, N_SECTORS)) {
        for (size_t v = 0; v < n; v++)
            m->sector_size[net->sector[v]]++;
        err = by_label(c, net->sector, N_SECTORS, false);
    }
    if (err == MAPA_OK)
        err = agency_graph(c);
    return err;
}

typedef mapa_err (*group_fn)(qctx *c);

static const struct {
    const char *name;
    group_fn run;
} steps[] = {{"eigenvector", eigenvector},
             {"clustering and constraint", neighbourhoods},
             {"articulation points and bridges", cut_points},
             {"components, transitivity, centralization", whole},
             {"modularity (teams, Leiden)", partitions},
             {"agencies, sectors, brokerage", groups}};

mapa_err mapa__metrics_cliques(mapa_metrics *m, const mapa_network *net, const mapa__quotient *q,
                               const mapa_metrics_options *o)
{
    qctx c = {.net = net, .q = q, .m = m, .o = o};
    stage(&c, "degree");
    mapa_err err = degrees(&c);
    if (err == MAPA_OK)
        err = quotient_graph(&c);
    for (size_t k = 0; err == MAPA_OK && k < sizeof steps / sizeof *steps; k++) {
        stage(&c, steps[k].name);
        err = steps[k].run(&c);
    }
    if (c.have_g) {
        igraph_vector_destroy(&c.gw);
        igraph_destroy(&c.g);
    }
    free(c.deg);
    free(c.str);
    free(c.mfirst);
    free(c.members);
    return err;
}
