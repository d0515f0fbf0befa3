/*
 * Duplicated actions: candidates (every pair, LSH, or blocks of a shared
 * target group or tag), each verified by the combined score
 *   score = (w_text cos + gate (w_tags T + w_target G + w_dates overlap)) / (sum of weights),
 * T and G discounted by how common the tag or target group is; then the
 * decision: a pair is a duplicate when each action is among the other's
 * top_k cross-team matches and the score reaches the floor (mutual top k),
 * and, with every pair scored, stands near each one's best match and above
 * its mean match, and the two do not each name a place or body the other
 * does not (proper names); then the natural break in the kept scores. Each pair gets
 * its rank and z-score among each action's matches; clusters by average
 * linkage on the kept pairs. docs/duplicates.md has every formula.
 */
#define _POSIX_C_SOURCE 200809L
#include <mapa/duplicates.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "models/dup_internal.h"
#include "models/util.h"
#include "models/handlers.h"

/* Fewer scored matches than MIN_MATCHES (a block, a few LSH candidates): no ratio test. */
/* SCALED_UP_TO: the plan-scaled floor's plans (docs/duplicates.md: larger, an action's best
   chance match among many climbs into the duplicates' scores) */
enum {
    EXACT_UP_TO = 2000,
    SCALED_UP_TO = 500,
    MAX_BLOCK = 5000,
    MIN_MATCHES = 5,
    HIST_BINS = 10000
};
static const double TEXT_GATE = 0.2;
static const double COPY_COSINE = 0.8; /* from here the ratio test is not needed */

/* Shared tags, each by its rarity, over the tags of either: a common tag counts for little. */
static double tag_share(const mapa__dup_docs *d, const mapa_action *a, size_t ia,
                        const mapa_action *b, size_t ib)
{
    double shared = 0;
    size_t n_shared = 0;
    const uint32_t *ha = d->tag_h + d->tfirst[ia], *hb = d->tag_h + d->tfirst[ib];
    for (size_t x = 0; x < a->n_tags; x++)
        for (size_t y = 0; y < b->n_tags; y++) /* equal hashes first, then the words */
            if (ha[x] == hb[y] && strcmp(a->tags[x], b->tags[y]) == 0) {
                shared += d->tag_w[d->tfirst[ia] + x];
                n_shared++;
                break;
            }
    size_t all = a->n_tags + b->n_tags - n_shared;
    return all ? shared / (double)all : 0;
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

/* A scored pair kept for the decision (small: there can be millions). */
typedef struct cand {
    uint32_t a, b;
    float score, cosine, tags, dates;
    int32_t overlap_days;
    bool same_target;
} cand;

typedef struct finder {
    const mapa_partnership *p;
    const mapa__dup_docs *docs;
    bool within_team;
    bool all_scored;       /* exact: every pair scored */
    double keep_from;      /* scored pairs from here are candidates (the floor or lower) */
    double floor;          /* the decision's floor (plan-scaled once every pair is scored) */
    uint32_t *hist;        /* with every pair scored: scores in HIST_BINS bins, or NULL */
    const uint64_t *ruled; /* ruled-out pairs (a << 32 | b, a < b), sorted */
    size_t n_ruled;
    double *sum, *sumsq; /* per action, over its matches with a score above 0 */
    uint32_t *count;
    cand *c;
    size_t n, cap;
    mapa_duplicates *out;
    const float *rare;     /* per stem: its weight in the contrast (0: template word); NULL: off */
    const mapa_text *text; /* stem strings, for near matches */
    double contrast;       /* how much the contrast counts in the score, 0..1 (0: off) */
    size_t *nfirst;      /* CSR: action i's proper names (stems) nstem[nfirst[i] .. nfirst[i+1]) */
    size_t *nstem;       /* NULL: no names test */
    size_t names_differ; /* pairs left out because each names what the other does not */
} finder;

static int by_key(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : (x > y);
}

/* One edit apart (a letter changed, added, dropped, or two swapped), both of 5 letters or more. */
static bool one_edit(const char *p, const char *q)
{
    size_t lp = strlen(p), lq = strlen(q);
    if (lp < 5 || lq < 5 || lp > lq + 1 || lq > lp + 1)
        return false;
    size_t i = 0;
    while (p[i] && p[i] == q[i])
        i++;
    if (lp == lq)
        return strcmp(p + i + 1, q + i + 1) == 0 ||
               (p[i + 1] == q[i] && q[i + 1] == p[i] && strcmp(p + i + 2, q + i + 2) == 0);
    return lp > lq ? strcmp(p + i + 1, q + i) == 0 : strcmp(p + i, q + i + 1) == 0;
}

/* Two stems are near when they share a prefix of 5 bytes or more, or are one edit apart. */
static bool near_stem(const mapa_text *t, size_t x, size_t y)
{
    const char *p = mapa_text_stem(t, x), *q = mapa_text_stem(t, y);
    size_t k = 0;
    while (p[k] && p[k] == q[k])
        k++;
    return k >= 5 || one_edit(p, q);
}

/*
 * The contrast of two actions: their shared rare stems over those and the rare
 * stems of either that have no counterpart (the same stem, or a near one) in
 * the other. A stem most actions use (the plan's template) weighs nothing; a
 * pair that differs in one content slot (another place, another audience) has
 * that slot's words unmatched on both sides.
 */
static double contrast(const finder *f, size_t a, size_t b)
{
    const mapa__dup_docs *d = f->docs;
    size_t x0 = d->ufirst[a], xe = d->ufirst[a + 1], y0 = d->ufirst[b], ye = d->ufirst[b + 1];
    while (xe > x0 && (d->stem[xe - 1] & MAPA_DUP_LABEL))
        xe--;
    while (ye > y0 && (d->stem[ye - 1] & MAPA_DUP_LABEL))
        ye--;
    double shared = 0, lone = 0;
    for (int side = 0; side < 2; side++) {
        size_t i0 = side ? y0 : x0, ie = side ? ye : xe, j0 = side ? x0 : y0, je = side ? xe : ye;
        for (size_t i = i0; i < ie; i++) {
            uint32_t t = d->stem[i];
            double w = f->rare[t];
            if (w <= 0)
                continue;
            bool found = false;
            for (size_t j = j0; j < je && !found; j++)
                found = d->stem[j] == t;
            if (found) {
                shared += w;
                continue;
            }
            double near = 0;
            for (size_t j = j0; j < je && near <= 0; j++)
                if (f->rare[d->stem[j]] > 0 && near_stem(f->text, t, d->stem[j]))
                    near = w;
            shared += near;
            lone += w - near;
        }
    }
    return shared + lone > 0 ? shared / (shared + lone) : 1;
}

/* Whether stem t (or a near one) is among action b's stems. */
static bool has_stem(const finder *f, size_t b, size_t t)
{
    const mapa__dup_docs *d = f->docs;
    for (size_t j = d->ufirst[b]; j < d->ufirst[b + 1]; j++)
        if (!(d->stem[j] & MAPA_DUP_LABEL) &&
            (d->stem[j] == t || near_stem(f->text, t, d->stem[j])))
            return true;
    return false;
}

/*
 * Each action names a place, a body or a person the other does not (Goole
 * against St Mary's, Boston against Grantham): two pieces of the same kind of
 * work, not one piece done twice. A name one action adds ("Boston,
 * Lincolnshire" against "Boston") is no difference.
 */
static bool names_differ(const finder *f, size_t a, size_t b)
{
    bool one = false, other = false;
    for (size_t k = f->nfirst[a]; k < f->nfirst[a + 1] && !one; k++)
        one = !has_stem(f, b, f->nstem[k]);
    for (size_t k = f->nfirst[b]; one && k < f->nfirst[b + 1] && !other; k++)
        other = !has_stem(f, a, f->nstem[k]);
    return one && other;
}

static mapa_err score(finder *f, size_t a, size_t b)
{
    const mapa_partnership *p = f->p;
    const mapa_settings *s = &p->settings;
    const mapa_action *x = &p->actions[a], *y = &p->actions[b];
    if (x->team == y->team && !f->within_team)
        return MAPA_OK;
    double cosine = mapa__dup_cosine(f->docs, a, b), days_share;
    int days;
    bool same = x->target_group[0] && f->docs->target[a] == f->docs->target[b] &&
                mapa__streq_nocase(x->target_group, y->target_group);
    double tags = tag_share(f->docs, x, a, y, b), target = same ? f->docs->target_w[a] : 0;
    days_share = overlap(x, y, &days);
    /* a field either action leaves empty is no disagreement: its weight is left out */
    bool dated = x->start != INT32_MIN && x->end != INT32_MAX && y->start != INT32_MIN &&
                 y->end != INT32_MAX;
    double wsum = s->dup_text_weight + (x->n_tags && y->n_tags ? s->dup_tags_weight : 0) +
                  (x->target_group[0] && y->target_group[0] ? s->dup_target_weight : 0) +
                  (dated ? s->dup_dates_weight : 0);
    /* the context (tags, target group, dates) counts in full once the texts share some
       wording (cosine TEXT_GATE), less below: by itself it is no duplication */
    double gate = cosine >= TEXT_GATE ? 1 : cosine / TEXT_GATE;
    double context = s->dup_tags_weight * tags + s->dup_target_weight * target +
                     s->dup_dates_weight * days_share;
    double sc = wsum > 0 ? (s->dup_text_weight * cosine + gate * context) / wsum : 0;
    if (f->contrast > 0 && sc > 0) /* the difference-aware score, off by default */
        sc *= 1 - f->contrast + f->contrast * contrast(f, a, b);
    if (sc <= 0)
        return MAPA_OK;
    if (f->hist)
        f->hist[sc >= 1 ? HIST_BINS - 1 : (size_t)(sc * HIST_BINS)]++;
    f->sum[a] += sc;
    f->sum[b] += sc;
    f->sumsq[a] += sc * sc;
    f->sumsq[b] += sc * sc;
    f->count[a]++;
    f->count[b]++;
    if (sc < f->keep_from)
        return MAPA_OK;
    if (f->nstem && f->all_scored && names_differ(f, a, b)) {
        f->names_differ++;
        return MAPA_OK;
    }
    uint64_t key = (uint64_t)a << 32 | b;
    if (f->n_ruled && bsearch(&key, f->ruled, f->n_ruled, sizeof key, by_key)) {
        f->out->ruled_out++;
        return MAPA_OK;
    }
    if (!mapa__grow((void **)&f->c, &f->cap, f->n + 1, sizeof *f->c))
        return mapa_error_set(MAPA_ENOMEM, "out of memory for duplicate pairs");
    f->c[f->n++] = (cand){(uint32_t)a, (uint32_t)b,       (float)sc, (float)cosine,
                          (float)tags, (float)days_share, days,      same};
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

static int by_float_desc(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return x > y ? -1 : (x < y);
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

/* One end of a candidate in an action's list of matches. */
typedef struct match {
    float score;
    uint32_t cand;
} match;

static int by_match(const void *a, const void *b)
{
    const match *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return x->cand < y->cand ? -1 : (x->cand > y->cand);
}

/*
 * Rank of each candidate among each end's matches (1: the best; ties share a
 * rank), into rank[2 * k] (for a) and rank[2 * k + 1] (for b).
 * O(C log C) for C candidates.
 */
static mapa_err ranks(const finder *f, uint32_t *rank)
{
    size_t n = f->p->n_actions;
    size_t *first = calloc(n + 2, sizeof *first);
    match *m = malloc((2 * f->n + 1) * sizeof *m);
    mapa_err err = MAPA_OK;
    if (!first || !m) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory for duplicate ranks");
        goto cleanup;
    }
    for (size_t k = 0; k < f->n; k++) {
        first[f->c[k].a + 2]++;
        first[f->c[k].b + 2]++;
    }
    for (size_t i = 2; i < n + 2; i++)
        first[i] += first[i - 1];
    for (size_t k = 0; k < f->n; k++) { /* first[i + 1]: the next free place of action i */
        m[first[f->c[k].a + 1]++] = (match){f->c[k].score, (uint32_t)k};
        m[first[f->c[k].b + 1]++] = (match){f->c[k].score, (uint32_t)k};
    }
    for (size_t i = 0; i < n; i++) {
        match *list = m + first[i];
        size_t len = first[i + 1] - first[i];
        qsort(list, len, sizeof *list, by_match);
        for (size_t j = 0, r = 1; j < len; j++) {
            if (j > 0 && list[j].score < list[j - 1].score)
                r = j + 1;
            const cand *c = &f->c[list[j].cand];
            rank[2 * (size_t)list[j].cand + (c->a == i ? 0 : 1)] = (uint32_t)r;
        }
    }
cleanup:
    free(first);
    free(m);
    return err;
}

static double ratio(const finder *f, size_t i, double sc)
{
    return f->count[i] && f->sum[i] > 0 ? sc / (f->sum[i] / f->count[i]) : 0;
}

/*
 * The ratio test, where the mean is the action's typical score: every pair
 * scored (exact), and matches enough. LSH and blocking score a sample of
 * close matches only, whose mean says nothing of the action's typical pair.
 */
static bool ratio_ok(const finder *f, size_t i, double sc, double r)
{
    return !f->all_scored || f->count[i] < MIN_MATCHES || ratio(f, i, sc) >= r;
}

static double z_score(const finder *f, size_t i, double sc)
{
    if (f->count[i] < 2)
        return 0;
    double mean = f->sum[i] / f->count[i], var = f->sumsq[i] / f->count[i] - mean * mean;
    return var > 1e-12 ? (sc - mean) / sqrt(var) : 0;
}

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

/*
 * b stands near a's best match: its score is at least `near` of a's best.
 * The test needs every pair scored (exact): under LSH an action's best match
 * may be a candidate that a family's other members were never compared
 * with (at 10,000 generated actions LSH with this test kept 0.843 of the
 * planted pairs, 0.956 without), so there the rule is mutual top k and the floor.
 */
static bool near_best(const finder *f, size_t a, double sc, double near, const float *best)
{
    return !f->all_scored || sc >= near * best[a];
}

/* The decision: mutual top k (or every candidate under the threshold rule). */
static bool kept(const finder *f, const mapa_dup_options *o, const uint32_t *rank,
                 const float *best, size_t k)
{
    size_t k_top = o->top_k ? o->top_k : MAPA_DUP_TOP_K;
    double r = o->min_ratio > 0 ? o->min_ratio : MAPA_DUP_MIN_RATIO;
    double near = o->near_best > 0 ? o->near_best : MAPA_DUP_NEAR_BEST;
    const cand *c = &f->c[k];
    if (o->rule == MAPA_DUP_THRESHOLD)
        return true;
    if (c->score < f->floor)
        return false;
    /* near-identical wording is a copy whatever else the actions match (an action copied
       into many teams has only its copies as matches, each no better than their mean) */
    bool copy = c->cosine >= COPY_COSINE;
    return rank[2 * k] <= k_top && rank[2 * k + 1] <= k_top &&
           (copy ||
            (near_best(f, c->a, c->score, near, best) && near_best(f, c->b, c->score, near, best) &&
             ratio_ok(f, c->a, c->score, r) && ratio_ok(f, c->b, c->score, r)));
}

/*
 * The natural break: the kept scores, highest first, s_1 >= ... >= s_m. When
 * the largest drop s_j - s_(j+1) is at least `gap`, with j >= 3 and j >= m / 2
 * (most pairs above it), the pairs below it are left out: most of the plan's
 * duplicates are copies, and what stands well apart below them is a near topic,
 * not a copy. Returns the lowest score kept (0: no break).
 */
static double natural_break(const float *score, size_t m, double gap)
{
    if (m < 4 || gap > 1)
        return 0;
    float *v = malloc(m * sizeof *v);
    if (!v)
        return 0; /* no break rather than no answer */
    memcpy(v, score, m * sizeof *v);
    qsort(v, m, sizeof *v, by_float_desc);
    size_t at = 0;
    double drop = 0;
    for (size_t j = 1; j < m; j++)
        if ((double)v[j - 1] - v[j] > drop) {
            drop = (double)v[j - 1] - v[j];
            at = j; /* v[0 .. j) above the drop */
        }
    double cut = drop >= gap && at >= 3 && 2 * at >= m ? (double)v[at - 1] : 0;
    free(v);
    return cut;
}

static mapa_err decide(finder *f, const mapa_dup_options *o, const unsigned char *linked)
{
    size_t T = f->p->n_topics, n = f->p->n_actions;
    uint32_t *rank = malloc((2 * f->n + 1) * sizeof *rank);
    float *best = calloc(n + 1, sizeof *best), *score = malloc((f->n + 1) * sizeof *score);
    unsigned char *keep = malloc(f->n + 1);
    mapa_duplicates *d = f->out;
    mapa_err err = rank && best && score && keep ? ranks(f, rank)
                                                 : mapa_error_set(MAPA_ENOMEM, "out of memory");
    if (err != MAPA_OK)
        goto cleanup;
    for (size_t k = 0; k < f->n; k++) { /* each action's best match among the candidates */
        const cand *c = &f->c[k];
        best[c->a] = c->score > best[c->a] ? c->score : best[c->a];
        best[c->b] = c->score > best[c->b] ? c->score : best[c->b];
    }
    size_t m = 0;
    for (size_t k = 0; k < f->n; k++)
        if ((keep[k] = kept(f, o, rank, best, k)))
            score[m++] = f->c[k].score;
    d->cut = o->rule == MAPA_DUP_THRESHOLD
                 ? 0
                 : natural_break(score, m, o->gap > 0 ? o->gap : MAPA_DUP_BREAK);
    size_t n_keep = 0;
    for (size_t k = 0; k < f->n; k++) {
        keep[k] = keep[k] && f->c[k].score >= d->cut;
        n_keep += keep[k];
    }
    d->pairs = calloc(n_keep + 1, sizeof *d->pairs);
    if (!d->pairs) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory for duplicate pairs");
        goto cleanup;
    }
    for (size_t k = 0; k < f->n; k++) {
        const cand *c = &f->c[k];
        if (!keep[k])
            continue;
        mapa_dup_pair *q = &d->pairs[d->n_pairs++];
        *q = (mapa_dup_pair){.a = c->a,
                             .b = c->b,
                             .score = c->score,
                             .cosine = c->cosine,
                             .tags = c->tags,
                             .dates = c->dates,
                             .same_target = c->same_target,
                             .overlap_days = c->overlap_days,
                             .rank_a = rank[2 * k],
                             .rank_b = rank[2 * k + 1],
                             .cluster = MAPA_NONE};
        q->z_a = z_score(f, c->a, c->score);
        q->z_b = z_score(f, c->b, c->score);
        q->ratio_a = ratio(f, c->a, c->score);
        q->ratio_b = ratio(f, c->b, c->score);
        size_t ta = f->p->actions[c->a].team, tb = f->p->actions[c->b].team;
        q->spotted = linked && (linked[ta * T + tb] || linked[tb * T + ta]);
        shared_terms(f->docs, c->a, c->b, q);
    }
cleanup:
    free(rank);
    free(best);
    free(score);
    free(keep);
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
    f->all_scored = m == MAPA_DUP_EXACT;
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

/* The ruled-out pairs as sorted keys. */
static mapa_err ruled_keys(uint64_t **out, size_t *n, const mapa_dup_lexicon *l)
{
    *out = NULL;
    *n = l ? l->n_ruled_out : 0;
    if (*n == 0)
        return MAPA_OK;
    *out = malloc(*n * sizeof **out);
    if (!*out)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for ruled-out pairs");
    for (size_t k = 0; k < *n; k++)
        (*out)[k] = (uint64_t)l->ruled_out[2 * k] << 32 | l->ruled_out[2 * k + 1];
    qsort(*out, *n, sizeof **out, by_key);
    return MAPA_OK;
}

static mapa_err prepare(finder *f, const mapa_dup_options *o, size_t n)
{
    f->sum = calloc(n + 1, sizeof *f->sum);
    f->sumsq = calloc(n + 1, sizeof *f->sumsq);
    f->count = calloc(n + 1, sizeof *f->count);
    if (!f->sum || !f->sumsq || !f->count)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for duplicate detection");
    uint64_t *keys;
    mapa_err err = ruled_keys(&keys, &f->n_ruled, o->lexicon);
    f->ruled = keys;
    return err;
}

/*
 * Each stem's weight in the contrast: its idf above the idf of a stem in
 * `template_share` of the actions, 0 from there (the template's words).
 */
static mapa_err rare_weights(finder *f, const mapa_dup_options *o, const mapa__dup_docs *d,
                             const mapa_text *text)
{
    f->contrast = o->contrast > 0 ? (o->contrast < 1 ? o->contrast : 1) : 0;
    if (f->contrast <= 0)
        return MAPA_OK;
    double share = o->template_share > 0 ? o->template_share : 0.05, N = (double)d->n;
    double df0 = share * N > 2 ? share * N : 2, top = log((1 + N) / (1 + df0));
    float *r = malloc((d->n_stems + 1) * sizeof *r);
    if (!r)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for duplicate detection");
    for (size_t t = 0; t < d->n_stems; t++) {
        double w = log((1 + N) / (1 + d->df[t])) - top;
        r[t] = w > 0 ? (float)w : 0;
    }
    f->rare = r;
    f->text = text;
    return MAPA_OK;
}

/* A word of a title or description: where it is in `buf` (lower-cased), whose it is. */
typedef struct name_tok {
    uint32_t action, off;
    unsigned char capital; /* 1: capitalised inside a sentence; 0: lower case; 2: neither */
} name_tok;

static const char *name_buf;

static int by_word(const void *x, const void *y)
{
    const name_tok *a = x, *b = y;
    int c = strcmp(name_buf + a->off, name_buf + b->off);
    return c ? c : (a->action > b->action) - (a->action < b->action);
}

/* Bytes of a word: ASCII letters and digits, apostrophes, UTF-8 letters (not U+2000..U+206F). */
static size_t word_len(const unsigned char *s)
{
    size_t k = 0;
    for (;;) {
        if ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z') ||
            (s[k] >= '0' && s[k] <= '9') || s[k] == '\'')
            k++;
        else if (s[k] == 0xe2 && s[k + 1] == 0x80 && s[k + 2] == 0x99)
            k += 3; /* ’ */
        else if (s[k] == 0xe2 && (s[k + 1] == 0x80 || s[k + 1] == 0x81))
            return k; /* general punctuation: dashes, quotes */
        else if (s[k] >= 0x80)
            k++;
        else
            return k;
    }
}

static int by_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

/* Dates are not places or bodies: months and weekdays, in full and shortened. */
static const char CALENDAR_WORDS[] =
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday "
    "friday saturday sunday mon tue tues wed thu thur thurs fri sat sun";

/*
 * Stems that are never names in the names test, sorted: the calendar's words
 * and the names and ids of the partnership's own teams (each team writes its
 * own name: "Part of the Care sector sub-team plan" is no difference in the
 * work). Agencies stay names: many are named after their place.
 */
static mapa_err not_names(const mapa_partnership *p, mapa_text *text, size_t **out, size_t *n)
{
    size_t cap = 0, got = 0, *ids = NULL, cap_ids = 0;
    *out = NULL;
    *n = 0;
    size_t strings = 1 + 2 * p->n_topics;
    for (size_t k = 0; k < strings; k++) {
        const char *s = k == 0        ? CALENDAR_WORDS
                        : (k - 1) % 2 ? p->topics[(k - 1) / 2].name
                                      : p->topics[(k - 1) / 2].id;
        mapa_err err = s ? mapa_text_stems(text, s, &ids, &got, &cap_ids) : MAPA_OK;
        if (err == MAPA_OK && !mapa__grow((void **)out, &cap, *n + got + 1, sizeof **out))
            err = mapa_error_set(MAPA_ENOMEM, "out of memory for proper names");
        if (err != MAPA_OK) {
            free(ids);
            free(*out);
            *out = NULL;
            return err;
        }
        for (size_t j = 0; s && j < got; j++)
            (*out)[(*n)++] = ids[j];
    }
    free(ids);
    qsort(*out, *n, sizeof **out, by_size);
    return MAPA_OK;
}

/*
 * The proper names of each action: the words it writes with a capital inside
 * a sentence that the partnership's texts never write in lower case (so a
 * title in title case names nothing: its words are lower case elsewhere), and
 * not in capitals (acronyms are the glossary's). Their stems, per action.
 */
static mapa_err proper_names(finder *f, const mapa_partnership *p, mapa_text *text)
{
    size_t n = p->n_actions, len = 0, n_tok = 0, cap = 0;
    for (size_t i = 0; i < n; i++)
        len += strlen(p->actions[i].title) + strlen(p->actions[i].description) + 2;
    char *buf = malloc(len + 1);
    name_tok *tok = malloc((len / 2 + 1) * sizeof *tok);
    char *words = malloc(len + 1);
    size_t *ids = NULL, n_ids = 0, id_cap = 0, *wfirst = calloc(n + 1, sizeof *wfirst);
    size_t *skip = NULL, n_skip = 0;
    mapa_err err = not_names(p, text, &skip, &n_skip);
    if (err != MAPA_OK)
        goto cleanup;
    f->nfirst = calloc(n + 1, sizeof *f->nfirst);
    if (!buf || !tok || !words || !wfirst || !f->nfirst) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory for proper names");
        goto cleanup;
    }
    size_t at = 0;
    for (size_t i = 0; i < n; i++)
        for (int field = 0; field < 2; field++) {
            const unsigned char *t =
                (const unsigned char *)(field ? p->actions[i].description : p->actions[i].title);
            bool start = true;
            while (*t) {
                size_t k = word_len(t);
                if (k == 0) {
                    if (strchr(".!?:;(\n\r", *t))
                        start = true;
                    t++;
                    continue;
                }
                bool upper = *t >= 'A' && *t <= 'Z', lower_after = false;
                for (size_t j = 1; j < k; j++)
                    lower_after |= t[j] >= 'a' && t[j] <= 'z';
                unsigned char kind = !upper ? 0 : (!start && lower_after ? 1 : 2);
                tok[n_tok++] = (name_tok){(uint32_t)i, (uint32_t)at, kind};
                for (size_t j = 0; j < k; j++)
                    buf[at++] = (char)(t[j] >= 'A' && t[j] <= 'Z' ? t[j] + 32 : t[j]);
                buf[at++] = '\0';
                t += k;
                start = false;
            }
        }
    name_buf = buf;
    qsort(tok, n_tok, sizeof *tok, by_word);
    for (size_t x = 0; x < n_tok;) { /* a word is a name when it is never in lower case */
        size_t y = x;
        bool lower = false, capital = false;
        for (; y < n_tok && strcmp(buf + tok[y].off, buf + tok[x].off) == 0; y++) {
            lower |= tok[y].capital == 0;
            capital |= tok[y].capital == 1;
        }
        for (size_t z = x; z < y; z++)
            tok[z].capital = capital && !lower;
        x = y;
    }
    for (size_t x = 0; x < n_tok; x++) /* by action: count, then words */
        wfirst[tok[x].action + 1] += tok[x].capital ? strlen(buf + tok[x].off) + 1 : 0;
    for (size_t i = 0; i < n; i++)
        wfirst[i + 1] += wfirst[i];
    size_t *fill = malloc((n + 1) * sizeof *fill);
    if (!fill) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory for proper names");
        goto cleanup;
    }
    memcpy(fill, wfirst, (n + 1) * sizeof *fill);
    for (size_t x = 0; x < n_tok; x++)
        if (tok[x].capital) {
            size_t l = strlen(buf + tok[x].off);
            memcpy(words + fill[tok[x].action], buf + tok[x].off, l);
            words[fill[tok[x].action] + l] = ' ';
            fill[tok[x].action] += l + 1;
        }
    free(fill);
    for (size_t i = 0; i < n && err == MAPA_OK; i++) {
        size_t l = wfirst[i + 1] - wfirst[i];
        char save = words[wfirst[i] + l];
        words[wfirst[i] + l] = '\0';
        char *w = l ? strndup(words + wfirst[i], l) : NULL;
        words[wfirst[i] + l] = save;
        if (l && !w) {
            err = mapa_error_set(MAPA_ENOMEM, "out of memory for proper names");
            break;
        }
        size_t got = 0;
        if (w)
            err = mapa_text_stems(text, w, &ids, &got, &id_cap);
        free(w);
        if (err != MAPA_OK)
            break;
        if (!mapa__grow((void **)&f->nstem, &cap, n_ids + got + 1, sizeof *f->nstem)) {
            err = mapa_error_set(MAPA_ENOMEM, "out of memory for proper names");
            break;
        }
        for (size_t k = 0; k < got; k++) { /* a name the lexicon rewrote is the lexicon's */
            const mapa__dup_docs *d = f->docs;
            bool own = false;
            for (size_t j = d->ufirst[i]; j < d->ufirst[i + 1] && !own; j++)
                own = d->stem[j] == ids[k];
            if (own && !(n_skip && bsearch(&ids[k], skip, n_skip, sizeof *skip, by_size)))
                f->nstem[n_ids++] = ids[k];
        }
        f->nfirst[i + 1] = n_ids;
    }
    if (err == MAPA_OK && !f->nstem) /* no names at all: the test is on, and finds none */
        f->nstem = malloc(sizeof *f->nstem);
    if (err == MAPA_OK && !f->nstem)
        err = mapa_error_set(MAPA_ENOMEM, "out of memory for proper names");
cleanup:
    free(skip);
    free(buf);
    free(tok);
    free(words);
    free(wfirst);
    free(ids);
    return err;
}

static void finder_dispose(finder *f)
{
    free(f->hist);
    free(f->nfirst);
    free(f->nstem);
    free((void *)f->rare);
    free(f->sum);
    free(f->sumsq);
    free(f->count);
    free((void *)f->ruled);
    free(f->c);
}

/* The value below which `share` of the histogram's scores lie (a bin's middle). */
static double hist_quantile(const uint32_t *h, size_t total, double share)
{
    size_t want = (size_t)(share * (double)total), seen = 0;
    for (size_t k = 0; k < HIST_BINS; k++)
        if ((seen += h[k]) > want)
            return ((double)k + 0.5) / HIST_BINS;
    return 1;
}

/*
 * The plan-scaled floor (*out): median + spreads x 1.4826 x the median
 * absolute deviation of every scored pair, between MAPA_DUP_FLOOR_MIN (or
 * `floor` when lower) and `floor`.
 */
static mapa_err plan_floor(const finder *f, mapa_duplicates *d, double floor, double spreads,
                           double *out)
{
    size_t total = 0;
    *out = floor;
    for (size_t k = 0; k < HIST_BINS; k++)
        total += f->hist[k];
    if (total == 0)
        return MAPA_OK;
    double med = hist_quantile(f->hist, total, 0.5);
    uint32_t *dev = calloc(HIST_BINS, sizeof *dev); /* |score - median|, by the same bins */
    if (!dev)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for duplicate detection");
    for (size_t k = 0; k < HIST_BINS; k++) {
        double x = fabs(((double)k + 0.5) / HIST_BINS - med);
        dev[x >= 1 ? HIST_BINS - 1 : (size_t)(x * HIST_BINS)] += f->hist[k];
    }
    d->median = med;
    d->spread = 1.4826 * hist_quantile(dev, total, 0.5);
    free(dev);
    double x = med + spreads * d->spread,
           lo = floor < MAPA_DUP_FLOOR_MIN ? floor : MAPA_DUP_FLOOR_MIN;
    *out = x < lo ? lo : x > floor ? floor : x;
    return MAPA_OK;
}

static mapa_err find_duplicates(mapa_duplicates *out, const mapa_partnership *p, const size_t *team,
                                const mapa_cf *cf, const mapa_dup_options *options)
{
    mapa_dup_options defaults = MAPA_DUP_OPTIONS_INIT;
    const mapa_dup_options *o = options ? options : &defaults;
    double t0 = mapa__now(), floor = o->floor > 0 ? o->floor : MAPA_DUP_FLOOR;
    mapa_duplicates d = {0};
    mapa__dup_docs docs = {0};
    mapa__dup_lex lex = {0};
    unsigned char *linked = NULL;
    finder f = {.p = p, .docs = &docs, .within_team = o->within_team, .out = &d};
    bool exact =
        o->method == MAPA_DUP_EXACT || (o->method == MAPA_DUP_AUTO && p->n_actions <= EXACT_UP_TO);
    bool scaled =
        o->rule != MAPA_DUP_THRESHOLD && !o->fixed_floor && exact && p->n_actions <= SCALED_UP_TO;
    f.keep_from = o->rule == MAPA_DUP_THRESHOLD          ? p->settings.dup_threshold
                  : scaled && floor > MAPA_DUP_FLOOR_MIN ? MAPA_DUP_FLOOR_MIN
                                                         : floor;
    f.floor = f.keep_from;
    mapa_err err = MAPA_OK;
    if (scaled && !(f.hist = calloc(HIST_BINS, sizeof *f.hist)))
        err = mapa_error_set(MAPA_ENOMEM, "out of memory for duplicate detection");
    d.have_plan = team && cf;
    if (err == MAPA_OK)
        err = mapa_text_new(&d.text);
    if (err == MAPA_OK)
        err = mapa__dup_lex_build(&lex, d.text, o->lexicon, !o->no_glossary);
    if (err == MAPA_OK) /* the words shown are the plan's, not the glossary's */
        mapa_text_forget_sightings(d.text);
    if (err == MAPA_OK)
        err = mapa__dup_docs_build(&docs, p, d.text, &lex);
    if (err == MAPA_OK)
        err = prepare(&f, o, p->n_actions);
    if (err == MAPA_OK)
        err = rare_weights(&f, o, &docs, d.text);
    f.text = d.text;
    if (err == MAPA_OK && !o->keep_different_names && p->n_actions <= EXACT_UP_TO &&
        o->method != MAPA_DUP_LSH && o->method != MAPA_DUP_TARGET && o->method != MAPA_DUP_TAGS)
        err = proper_names(&f, p, d.text);
    if (err != MAPA_OK)
        goto cleanup;
    linked = d.have_plan ? cf_links(p, team, cf) : NULL;
    if (d.have_plan && !linked) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory for duplicate detection");
        goto cleanup;
    }
    err = find(&f, o, &d);
    d.names_differ = f.names_differ;
    f.floor = o->rule == MAPA_DUP_THRESHOLD ? f.keep_from : floor;
    if (err == MAPA_OK && o->rule != MAPA_DUP_THRESHOLD && f.hist)
        err = plan_floor(&f, &d, floor, o->spreads > 0 ? o->spreads : MAPA_DUP_SPREADS, &f.floor);
    d.floor = f.floor;
    if (o->rule == MAPA_DUP_THRESHOLD)
        snprintf(d.rule, sizeof d.rule, "threshold %.2f", f.keep_from);
    else if (f.all_scored)
        snprintf(d.rule, sizeof d.rule,
                 "mutual top %zu within %.0f%% of each best, score from %.2f%s, %.2f x mean match",
                 o->top_k ? o->top_k : (size_t)MAPA_DUP_TOP_K,
                 100 * (1 - (o->near_best > 0 ? o->near_best : MAPA_DUP_NEAR_BEST)), f.floor,
                 f.hist ? " (the plan's scale)" : "",
                 o->min_ratio > 0 ? o->min_ratio : MAPA_DUP_MIN_RATIO);
    else
        snprintf(d.rule, sizeof d.rule,
                 "mutual top %zu, score from %.2f (pairs sampled: no near-best, ratio)",
                 o->top_k ? o->top_k : (size_t)MAPA_DUP_TOP_K, f.floor);
    if (err == MAPA_OK)
        err = decide(&f, o, linked);
    if (err != MAPA_OK)
        goto cleanup;
    if (d.n_pairs > 1)
        qsort(d.pairs, d.n_pairs, sizeof *d.pairs, by_score);
    err = mapa__dup_clusters(&d, p, &docs, f.floor);
    if (err != MAPA_OK)
        goto cleanup;
    d.blind_spots = 0;
    for (size_t k = 0; k < d.n_pairs; k++)
        d.blind_spots += d.have_plan && !d.pairs[k].spotted &&
                         p->actions[d.pairs[k].a].team != p->actions[d.pairs[k].b].team;
    d.seconds = mapa__now() - t0;
    *out = d; /* the caller owns it now */
    d = (mapa_duplicates){0};
cleanup:
    free(linked);
    finder_dispose(&f);
    mapa__dup_lex_dispose(&lex);
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
    free(d->action_cluster);
    free(d->warning);
    mapa_text_free(d->text);
    *d = (mapa_duplicates){0};
}

mapa_err mapa_duplicates_overlap(double **out, const mapa_partnership *p, const mapa_duplicates *d)
{
    size_t T = p->n_topics;
    double *m = calloc(T * T + 1, sizeof *m);
    if (!m)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for the team overlap");
    for (size_t k = 0; k < d->n_pairs; k++) {
        size_t h = p->actions[d->pairs[k].a].team, t = p->actions[d->pairs[k].b].team;
        if (h == t)
            continue;
        m[h * T + t] += d->pairs[k].score;
        m[t * T + h] += d->pairs[k].score;
    }
    *out = m; /* the caller frees it */
    return MAPA_OK;
}

mapa_err mapa_duplicates_mark(mapa_duplicates *d, const mapa_partnership *p, const size_t *team,
                              const mapa_cf *cf)
{
    size_t T = p->n_topics;
    unsigned char *linked = team && cf ? cf_links(p, team, cf) : NULL;
    if (team && cf && !linked)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for duplicate detection");
    d->have_plan = linked != NULL;
    d->blind_spots = 0;
    for (size_t k = 0; k < d->n_pairs; k++) {
        mapa_dup_pair *q = &d->pairs[k];
        size_t ta = p->actions[q->a].team, tb = p->actions[q->b].team;
        q->spotted = linked && (linked[ta * T + tb] || linked[tb * T + ta]);
        d->blind_spots += linked && !q->spotted && ta != tb;
    }
    free(linked);
    return MAPA_OK;
}
