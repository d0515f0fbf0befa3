/*
 * Synthetic action plans with planted paraphrased duplicates (include/mapa/generate.h).
 * Made-up words are consonant-vowel syllables ("kelmo", "darbutin"), so the
 * English stemmer mostly leaves them whole; each word has a fixed synonym.
 */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mapa/date.h>
#include <mapa/generate.h>

enum { VOCABULARY = 20000, GROUPS = 200, TAGS = 500, MAX_WORDS = 24 };

typedef struct gen {
    gsl_rng *rng;
    char (*word)[16];
    size_t *synonym;
    double *zipf; /* cumulative Zipf weights over ranks */
} gen;

static void make_word(gen *g, size_t k, char *out)
{
    static const char cons[] = "bdfgklmnprstvz", vow[] = "aeiou";
    size_t x = k * 2654435761u + 12345, len = 0;
    int syllables = 2 + (int)(k % 3);
    for (int s = 0; s < syllables; s++) {
        out[len++] = cons[x % 14];
        x /= 14;
        out[len++] = vow[x % 5];
        x /= 5;
    }
    out[len++] = cons[(k / 7) % 14];
    out[len] = '\0';
    (void)g;
}

/* A word of topic t: Zipf rank, mapped through the topic's own shift. */
static size_t draw_word(gen *g, size_t topic)
{
    double u = gsl_rng_uniform(g->rng) * g->zipf[VOCABULARY - 1];
    size_t lo = 0, hi = VOCABULARY - 1;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (g->zipf[mid] < u)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (lo * 7919 + topic * 104729) % VOCABULARY;
}

static void sentence(gen *g, const size_t *w, size_t n, size_t from, size_t to, char *out,
                     size_t cap)
{
    out[0] = '\0';
    for (size_t k = from; k < to && k < n; k++) {
        size_t used = strlen(out);
        snprintf(out + used, cap - used, "%s%s", k > from ? " " : "", g->word[w[k]]);
    }
}

typedef struct draft {
    size_t words[MAX_WORDS], n_words, team, group, tags[3], n_tags;
    int32_t start, end;
} draft;

static void fresh(gen *g, draft *d, size_t T, int32_t day0)
{
    d->team = gsl_rng_uniform_int(g->rng, T);
    d->n_words = 8 + gsl_rng_uniform_int(g->rng, 7);
    for (size_t k = 0; k < d->n_words; k++)
        d->words[k] = draw_word(g, d->team);
    d->group = gsl_rng_uniform_int(g->rng, GROUPS);
    d->n_tags = 1 + gsl_rng_uniform_int(g->rng, 3);
    for (size_t k = 0; k < d->n_tags; k++)
        d->tags[k] = gsl_rng_uniform_int(g->rng, TAGS);
    d->start = day0 + (int32_t)gsl_rng_uniform_int(g->rng, 600);
    d->end = d->start + 30 + (int32_t)gsl_rng_uniform_int(g->rng, 150);
}

static void paraphrase(gen *g, draft *d, const draft *o, size_t T, int32_t day0)
{
    *d = *o;
    d->team = (o->team + 1 + gsl_rng_uniform_int(g->rng, T - 1)) % T;
    size_t n = 0;
    for (size_t k = 0; k < o->n_words; k++) {
        double u = gsl_rng_uniform(g->rng);
        if (u < 0.10)
            continue; /* dropped */
        d->words[n++] = u < 0.35 ? g->synonym[o->words[k]] : o->words[k];
    }
    size_t extra = 1 + gsl_rng_uniform_int(g->rng, 2);
    for (size_t k = 0; k < extra && n < MAX_WORDS; k++)
        d->words[n++] = draw_word(g, d->team);
    d->n_words = n;
    for (size_t k = 0; k + 1 < n; k++) /* some neighbours swap places */
        if (gsl_rng_uniform(g->rng) < 0.3) {
            size_t t = d->words[k];
            d->words[k] = d->words[k + 1];
            d->words[k + 1] = t;
        }
    if (gsl_rng_uniform(g->rng) >= 0.8)
        d->group = gsl_rng_uniform_int(g->rng, GROUPS);
    if (gsl_rng_uniform(g->rng) < 0.7) { /* keep one tag, redraw the rest */
        for (size_t k = 1; k < d->n_tags; k++)
            d->tags[k] = gsl_rng_uniform_int(g->rng, TAGS);
    } else {
        for (size_t k = 0; k < d->n_tags; k++)
            d->tags[k] = gsl_rng_uniform_int(g->rng, TAGS);
    }
    if (gsl_rng_uniform(g->rng) < 0.8) { /* overlapping dates */
        d->start = o->start + (int32_t)gsl_rng_uniform_int(g->rng, 30);
        d->end = d->start + 30 + (int32_t)gsl_rng_uniform_int(g->rng, 150);
    } else {
        d->start = day0 + (int32_t)gsl_rng_uniform_int(g->rng, 600);
        d->end = d->start + 30 + (int32_t)gsl_rng_uniform_int(g->rng, 150);
    }
}

static bool grow_pairs(mapa_planted_pair **a, size_t *cap, size_t need)
{
    if (need <= *cap)
        return true;
    size_t c = 2 * need;
    mapa_planted_pair *b = realloc(*a, c * sizeof *b);
    if (!b)
        return false;
    *a = b;
    *cap = c;
    return true;
}

static mapa_err add(gen *g, mapa_partnership *p, const draft *d, size_t index)
{
    char id[32], title[256], desc[1024], group[32], tagtext[3][32];
    char *tags[3];
    snprintf(id, sizeof id, "g%zu", index);
    sentence(g, d->words, d->n_words, 0, 3, title, sizeof title);
    sentence(g, d->words, d->n_words, 3, d->n_words, desc, sizeof desc);
    snprintf(group, sizeof group, "group %zu", d->group);
    for (size_t k = 0; k < d->n_tags; k++) {
        snprintf(tagtext[k], sizeof tagtext[k], "tag%zu", d->tags[k]);
        tags[k] = tagtext[k];
    }
    mapa_action a = {.id = id,
                     .team = d->team,
                     .title = title,
                     .description = desc,
                     .tags = tags,
                     .n_tags = d->n_tags,
                     .target_group = group,
                     .start = d->start,
                     .end = d->end,
                     .stage = MAPA_ACTION_ACTION};
    size_t at;
    return mapa_partnership_add_action(p, &at, &a);
}

/* The vocabulary: made-up words, a synonym for each, cumulative Zipf weights. */
static void vocabulary(gen *g)
{
    double sum = 0;
    for (size_t k = 0; k < VOCABULARY; k++) {
        make_word(g, k, g->word[k]);
        g->synonym[k] = (k * 48271 + 11) % VOCABULARY;
        sum += 1 / pow((double)(k + 1), 0.9);
        g->zipf[k] = sum;
    }
}

mapa_err mapa_generate_actions(mapa_partnership *p, size_t n, double dup_share, unsigned long seed,
                               mapa_planted_pair **truth, size_t *n_truth)
{
    size_t T = p->n_topics, base = p->n_actions;
    if (T < 2)
        return mapa_error_set(MAPA_EINVAL, "synthetic actions need at least 2 topics");
    *truth = NULL;
    *n_truth = 0;
    gen g = {gsl_rng_alloc(gsl_rng_mt19937), malloc(VOCABULARY * sizeof *g.word),
             malloc(VOCABULARY * sizeof *g.synonym), malloc(VOCABULARY * sizeof *g.zipf)};
    draft *drafts = malloc((n + 1) * sizeof *drafts);
    size_t cap = n / 8 + 16, n_pairs = 0;
    mapa_planted_pair *pairs = malloc(cap * sizeof *pairs);
    size_t *family = malloc((n + 1) * sizeof *family), *last = malloc((n + 1) * sizeof *last);
    size_t *prev = malloc((n + 1) * sizeof *prev); /* the family's members, as a linked list */
    mapa_err err = MAPA_OK;
    if (!g.rng || !g.word || !g.synonym || !g.zipf || !drafts || !pairs || !family || !last ||
        !prev) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory generating actions");
        goto cleanup;
    }
    gsl_rng_set(g.rng, seed);
    vocabulary(&g);
    int32_t day0 = mapa_date_from_ymd(2026, 9, 1);
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && gsl_rng_uniform(g.rng) < dup_share) {
            size_t o = gsl_rng_uniform_int(g.rng, i), f = family[o];
            paraphrase(&g, &drafts[i], &drafts[o], T, day0);
            /* a copy duplicates its whole family: the original, its other copies, ... */
            for (size_t m = last[f]; m != MAPA_NONE; m = prev[m]) {
                if (!grow_pairs(&pairs, &cap, n_pairs + 1)) {
                    err = mapa_error_set(MAPA_ENOMEM, "out of memory generating actions");
                    goto cleanup;
                }
                pairs[n_pairs++] = (mapa_planted_pair){base + m, base + i};
            }
            family[i] = f;
            prev[i] = last[f];
            last[f] = i;
        } else {
            fresh(&g, &drafts[i], T, day0);
            family[i] = i;
            prev[i] = MAPA_NONE;
            last[i] = i;
        }
        err = add(&g, p, &drafts[i], base + i);
        if (err != MAPA_OK)
            goto cleanup;
    }
    *truth = pairs; /* the caller owns them now */
    *n_truth = n_pairs;
    pairs = NULL;
cleanup:
    free(family);
    free(last);
    free(prev);
    gsl_rng_free(g.rng);
    free(g.word);
    free(g.synonym);
    free(g.zipf);
    free(drafts);
    free(pairs);
    return err;
}
