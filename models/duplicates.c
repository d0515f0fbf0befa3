/*
 * Duplicated actions: candidates (every pair, LSH, or blocks of a shared
 * target group or tag), each verified by the combined score
 *   score = (w_text cos + w_tags J_tags + w_target [same target] + w_dates overlap)
 *           / (w_text + w_tags + w_target + w_dates),
 * kept from duplicate_threshold; spotted when a Critical Friend link joins the
 * two teams; clusters are the connected components of the kept pairs (igraph).
 */
#define _POSIX_C_SOURCE 200809L
#include <mapa/duplicates.h>

#include <igraph/igraph.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "models/dup_internal.h"
#include "models/igraph_net.h"
#include "models/util.h"
#include "models/handlers.h"

enum { EXACT_UP_TO = 2000, MAX_BLOCK = 5000 };
static const double TEXT_GATE = 0.2;

static double tag_jaccard(const mapa_action *a, const mapa_action *b)
{
    size_t shared = 0;
    for (size_t x = 0; x < a->n_tags; x++)
        for (size_t y = 0; y < b->n_tags; y++)
            if (strcmp(a->tags[x], b->tags[y]) == 0) {
                shared++;
                break;
            }
    size_t all = a->n_tags + b->n_tags - shared;
    return all ? (double)shared / (double)all : 0;
}

/* Days both run, and that as a share of the shorter one; 0 when either is undated. */
static double overlap(const mapa_action *a, const mapa_action *b, int *days)
{
    *days = 0;
    if (a->start == INT32_MIN || a->end == INT32_MAX || b->start == INT32_MIN ||
        b->end == INT32_MAX)
        return 0;
    int32_t lo = a->start > b->start ? a->start : b->start, hi = a->end < b->end ? a->end : b->end;
    if (hi < lo)
        return 0;
    *days = (int)(hi - lo + 1);
    int32_t shorter = a->end - a->start < b->end - b->start ? a->end - a->start : b->end - b->start;
    return (double)*days / (double)(shorter + 1);
}

typedef struct finder {
    const mapa_partnership *p;
    const mapa__dup_docs *docs;
    const unsigned char *linked; /* [h * T + t]: a CF of h reviews t, or NULL */
    bool within_team;
    mapa_duplicates *out;
    size_t cap;
} finder;

/* The shared stems of a and b, by the product of their weights. */
static void shared_terms(const mapa__dup_docs *d, size_t a, size_t b, mapa_dup_pair *x)
{
    size_t i = d->first[a], ie = d->first[a + 1], j = d->first[b], je = d->first[b + 1];
    double best[MAPA_DUP_TERMS] = {0};
    x->n_terms = 0;
    while (i < ie && j < je && d->term[i] < d->n_stems && d->term[j] < d->n_stems) {
        if (d->term[i] != d->term[j]) {
            d->term[i] < d->term[j] ? i++ : j++;
            continue;
        }
        double w = (double)d->weight[i] * d->weight[j];
        size_t at = x->n_terms < MAPA_DUP_TERMS ? x->n_terms++ : MAPA_DUP_TERMS;
        while (at > 0 && best[at - 1] < w) {
            if (at < MAPA_DUP_TERMS) {
                best[at] = best[at - 1];
                x->terms[at] = x->terms[at - 1];
            }
            at--;
        }
        if (at < MAPA_DUP_TERMS) {
            best[at] = w;
            x->terms[at] = d->term[i];
        }
        i++;
        j++;
    }
}

static mapa_err score(finder *f, size_t a, size_t b)
{
    const mapa_partnership *p = f->p;
    const mapa_settings *s = &p->settings;
    const mapa_action *x = &p->actions[a], *y = &p->actions[b];
    if (x->team == y->team && !f->within_team)
        return MAPA_OK;
    mapa_dup_pair q = {.a = a, .b = b};
    q.cosine = mapa__dup_cosine(f->docs, a, b);
    q.tags = tag_jaccard(x, y);
    q.same_target = x->target_group[0] && mapa__streq_nocase(x->target_group, y->target_group);
    q.dates = overlap(x, y, &q.overlap_days);
    double wsum =
        s->dup_text_weight + s->dup_tags_weight + s->dup_target_weight + s->dup_dates_weight;
    /* the context (tags, target group, dates) counts in full once the texts share some
       wording (cosine TEXT_GATE), less below: by itself it is no duplication */
    double gate = q.cosine >= TEXT_GATE ? 1 : q.cosine / TEXT_GATE;
    double context = s->dup_tags_weight * q.tags + s->dup_target_weight * (q.same_target ? 1 : 0) +
                     s->dup_dates_weight * q.dates;
    q.score = wsum > 0 ? (s->dup_text_weight * q.cosine + gate * context) / wsum : 0;
    if (q.score < s->dup_threshold)
        return MAPA_OK;
    size_t T = p->n_topics;
    q.spotted = f->linked && (f->linked[x->team * T + y->team] || f->linked[y->team * T + x->team]);
    shared_terms(f->docs, a, b, &q);
    if (!mapa__grow((void **)&f->out->pairs, &f->cap, f->out->n_pairs + 1, sizeof q))
        return mapa_error_set(MAPA_ENOMEM, "out of memory for duplicate pairs");
    f->out->pairs[f->out->n_pairs++] = q;
    return MAPA_OK;
}

/* Blocks: every pair of actions sharing a target group (or a tag). */
static mapa_err blocks(mapa__dup_pairs *c, const mapa_partnership *p, bool tags)
{
    size_t n = 0;
    for (size_t i = 0; i < p->n_actions; i++)
        n += tags ? p->actions[i].n_tags : p->actions[i].target_group[0] != '\0';
    struct entry {
        const char *key;
        size_t doc;
    } *e = malloc((n + 1) * sizeof *e);
    if (!e)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for blocking");
    mapa_err err = MAPA_OK;
    size_t k = 0;
    for (size_t i = 0; i < p->n_actions; i++) {
        const mapa_action *a = &p->actions[i];
        for (size_t t = 0; tags && t < a->n_tags; t++)
            e[k++] = (struct entry){a->tags[t], i};
        if (!tags && a->target_group[0])
            e[k++] = (struct entry){a->target_group, i};
    }
    for (size_t x = 0; x < k;) { /* group equal keys (case-insensitive) by a simple sort */
        size_t y = x + 1;
        for (size_t z = x + 1; z < k; z++)
            if (mapa__streq_nocase(e[z].key, e[x].key)) {
                struct entry tmp = e[y];
                e[y++] = e[z];
                e[z] = tmp;
            }
        for (size_t a = x; y - x <= MAX_BLOCK && a < y; a++)
            for (size_t b = a + 1; b < y; b++)
                if (!mapa__dup_pairs_push(c, e[a].doc, e[b].doc)) {
                    err = mapa_error_set(MAPA_ENOMEM, "out of memory for blocking");
                    goto cleanup;
                }
        x = y;
    }
    mapa__dup_pairs_unique(c);
cleanup:
    free(e);
    return err;
}

static int by_score(const void *a, const void *b)
{
    const mapa_dup_pair *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    if (x->a != y->a)
        return x->a < y->a ? -1 : 1;
    return x->b < y->b ? -1 : (x->b > y->b);
}

/* The graph of the kept pairs on the n actions. */
static mapa_err pairs_graph(igraph_t *g, const mapa_duplicates *d, size_t n)
{
    igraph_vector_int_t edges;
    if (igraph_vector_int_init(&edges, (igraph_integer_t)(2 * d->n_pairs)) != IGRAPH_SUCCESS)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for clusters");
    for (size_t k = 0; k < d->n_pairs; k++) {
        VECTOR(edges)[2 * k] = (igraph_integer_t)d->pairs[k].a;
        VECTOR(edges)[2 * k + 1] = (igraph_integer_t)d->pairs[k].b;
    }
    igraph_error_t rc = igraph_create(g, &edges, (igraph_integer_t)n, IGRAPH_UNDIRECTED);
    igraph_vector_int_destroy(&edges);
    return rc == IGRAPH_SUCCESS ? MAPA_OK : mapa__igraph_error(rc, "clusters of duplicates");
}

static mapa_err clusters(mapa_duplicates *d, size_t n)
{
    igraph_t g;
    mapa_err err = pairs_graph(&g, d, n);
    if (err != MAPA_OK)
        return err;
    size_t *number = NULL;
    igraph_vector_int_t memb;
    igraph_error_t rc = igraph_vector_int_init(&memb, 0);
    if (rc == IGRAPH_SUCCESS)
        rc = igraph_connected_components(&g, &memb, NULL, NULL, IGRAPH_WEAK);
    if (rc != IGRAPH_SUCCESS) {
        err = mapa__igraph_error(rc, "clusters of duplicates");
        goto cleanup;
    }
    number = malloc((n + 1) * sizeof *number);
    if (!number) {
        err = mapa__igraph_error(IGRAPH_ENOMEM, "clusters of duplicates");
        goto cleanup;
    }
    for (size_t v = 0; v < n; v++)
        number[v] = MAPA_NONE;
    d->n_clusters = 0;
    for (size_t k = 0; k < d->n_pairs; k++) { /* clusters numbered by best pair */
        size_t c = (size_t)VECTOR(memb)[d->pairs[k].a];
        if (number[c] == MAPA_NONE)
            number[c] = d->n_clusters++;
        d->pairs[k].cluster = number[c];
    }
cleanup:
    free(number);
    igraph_vector_int_destroy(&memb); /* safe after a failed init */
    igraph_destroy(&g);
    return err;
}

static unsigned char *cf_links(const mapa_partnership *p, const size_t *team, const mapa_cf *cf)
{
    size_t T = p->n_topics;
    unsigned char *linked = calloc(T * T + 1, 1);
    for (size_t k = 0; linked && k < cf->n_pairs; k++) {
        size_t h = team[cf->pairs[k].member];
        if (h != MAPA_NONE)
            linked[h * T + cf->pairs[k].team] = 1;
    }
    return linked;
}

/* Every pair of actions scored. */
static mapa_err find_exact(finder *f, size_t n, mapa_duplicates *out)
{
    out->method = "exact";
    for (size_t a = 0; a < n; a++)
        for (size_t b = a + 1; b < n; b++) {
            out->candidates++;
            mapa_err err = score(f, a, b);
            if (err != MAPA_OK)
                return err;
        }
    return MAPA_OK;
}

static mapa_err find(finder *f, const mapa_dup_options *o, mapa_duplicates *out)
{
    const mapa_partnership *p = f->p;
    size_t n = p->n_actions;
    mapa_dup_method m =
        o->method == MAPA_DUP_AUTO ? (n <= EXACT_UP_TO ? MAPA_DUP_EXACT : MAPA_DUP_LSH) : o->method;
    if (m == MAPA_DUP_EXACT)
        return find_exact(f, n, out);
    mapa__dup_pairs c = {0};
    mapa_err err;
    if (m == MAPA_DUP_LSH) {
        out->method = "lsh";
        err = mapa__dup_lsh(&c, f->docs, p->settings.dup_jaccard, &out->bands, &out->rows);
    } else {
        out->method = m == MAPA_DUP_TAGS ? "blocking by tags" : "blocking by target group";
        err = blocks(&c, p, m == MAPA_DUP_TAGS);
    }
    out->candidates = c.n;
    if (err != MAPA_OK)
        goto cleanup;
    for (size_t k = 0; k < c.n; k++) {
        err = score(f, (size_t)(c.key[k] >> 32), (size_t)(c.key[k] & UINT32_MAX));
        if (err != MAPA_OK)
            goto cleanup;
    }
cleanup:
    free(c.key);
    return err;
}

static mapa_err find_duplicates(mapa_duplicates *out, const mapa_partnership *p, const size_t *team,
                                const mapa_cf *cf, const mapa_dup_options *options)
{
    mapa_dup_options defaults = MAPA_DUP_OPTIONS_INIT;
    const mapa_dup_options *o = options ? options : &defaults;
    double t0 = mapa__now();
    mapa_duplicates d = {0};
    mapa__dup_docs docs = {0};
    unsigned char *linked = NULL;
    d.have_plan = team && cf;
    mapa_err err = mapa_text_new(&d.text);
    if (err != MAPA_OK)
        goto cleanup;
    err = mapa__dup_docs_build(&docs, p, d.text);
    if (err != MAPA_OK)
        goto cleanup;
    linked = d.have_plan ? cf_links(p, team, cf) : NULL;
    if (d.have_plan && !linked) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory for duplicate detection");
        goto cleanup;
    }
    finder f = {p, &docs, linked, o->within_team, &d, 0};
    err = find(&f, o, &d);
    if (err != MAPA_OK)
        goto cleanup;
    if (d.n_pairs > 1)
        qsort(d.pairs, d.n_pairs, sizeof *d.pairs, by_score);
    err = clusters(&d, p->n_actions);
    if (err != MAPA_OK)
        goto cleanup;
    for (size_t k = 0; k < d.n_pairs; k++)
        d.blind_spots += d.have_plan && !d.pairs[k].spotted &&
                         p->actions[d.pairs[k].a].team != p->actions[d.pairs[k].b].team;
    d.seconds = mapa__now() - t0;
    *out = d; /* the caller owns it now */
    d = (mapa_duplicates){0};
cleanup:
    free(linked);
    mapa__dup_docs_dispose(&docs); /* safe on empty docs */
    mapa_duplicates_dispose(&d);
    return err;
}

/* The public entry point: GSL's and igraph's handlers quiet around the work (models/handlers.h). */
mapa_err mapa_duplicates_find(mapa_duplicates *out, const mapa_partnership *p, const size_t *team,
                              const mapa_cf *cf, const mapa_dup_options *options)
{
    mapa__handlers saved;
    mapa__handlers_enter(&saved);
    mapa_err err = find_duplicates(out, p, team, cf, options);
    mapa__handlers_leave(&saved);
    return err;
}

void mapa_duplicates_dispose(mapa_duplicates *d)
{
    free(d->pairs);
    mapa_text_free(d->text);
    *d = (mapa_duplicates){0};
}
