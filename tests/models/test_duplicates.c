/*
 * Duplicated actions: the tokeniser and stemmer on worked examples, TF-IDF
 * cosine against the formula, the shipped example's seven planted pairs,
 * blind spots against a hand-made plan, LSH against exact scoring on a
 * generated set, and empty, one-action, non-English and very long texts.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <mapa/mapa.h>

#include "models/dup_internal.h"

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-4)

static void stems_of(mapa_text *t, const char *s, char *out, size_t cap)
{
    size_t *ids = NULL, n = 0, idcap = 0;
    assert_int_equal(mapa_text_stems(t, s, &ids, &n, &idcap), MAPA_OK);
    out[0] = '\0';
    for (size_t k = 0; k < n; k++) {
        size_t used = strlen(out);
        snprintf(out + used, cap - used, "%s%s", k ? " " : "", mapa_text_stem(t, ids[k]));
    }
    free(ids);
}

static void tokeniser_and_stemmer(void **state)
{
    (void)state;
    mapa_text *t;
    assert_int_equal(mapa_text_new(&t), MAPA_OK);
    char out[256];
    stems_of(t, "The Car-Wash workers' RIGHTS, and their wages!", out, sizeof out);
    assert_string_equal(out, "car wash worker right wage"); /* stop words gone, stems */
    stems_of(t, "running connections generously", out, sizeof out);
    assert_string_equal(out, "run connect generous"); /* Porter2 (Snowball English) */
    stems_of(t, "ÉCOLE école", out, sizeof out);      /* non-ASCII upper case folds */
    char *space = strchr(out, ' ');
    assert_non_null(space);
    assert_int_equal(strncmp(out, space + 1, (size_t)(space - out)), 0);
    stems_of(t, "人口贩卖 Menschenhandel", out, sizeof out); /* other scripts are words too */
    assert_string_equal(out, "人口贩卖 menschenhandel");
    stems_of(t,
             "ab\xff\xfe"
             "cd x",
             out, sizeof out); /* invalid UTF-8 separates; 1 letter dropped */
    assert_string_equal(out, "ab cd");
    stems_of(t, "the and of to", out, sizeof out);
    assert_string_equal(out, "");
    assert_true(mapa_text_stop_word("the") && !mapa_text_stop_word("leaflet"));
    /* the list is searched by halves: its first, last and once-unsorted words */
    static const char *const stop[] = {"a",   "yours", "can't", "won't",  "via",   "per",
                                       "etc", "s",     "t",     "within", "about", "you"};
    for (size_t k = 0; k < sizeof stop / sizeof *stop; k++)
        assert_true(mapa_text_stop_word(stop[k]));
    assert_false(mapa_text_stop_word("") || mapa_text_stop_word("zz") ||
                 mapa_text_stop_word("cann"));
    mapa_text_free(t);
}

static mapa_partnership *teams(size_t T)
{
    mapa_partnership *p = NULL;
    assert_int_equal(mapa_partnership_new(&p), MAPA_OK);
    char id[32];
    size_t idx;
    for (size_t t = 0; t < T; t++) {
        snprintf(id, sizeof id, "t%zu", t);
        mapa_topic topic = {
            .id = id, .name = id, .max_size = MAPA_UNLIMITED, .max_per_agency = MAPA_UNLIMITED};
        assert_int_equal(mapa_partnership_add_topic(p, &idx, &topic), MAPA_OK);
    }
    return p;
}

static void add_action(mapa_partnership *p, const char *id, size_t team, const char *title,
                       const char *desc)
{
    size_t idx;
    mapa_action a = {.id = (char *)id,
                     .team = team,
                     .title = (char *)title,
                     .description = (char *)desc,
                     .target_group = "",
                     .start = INT32_MIN,
                     .end = INT32_MAX};
    assert_int_equal(mapa_partnership_add_action(p, &idx, &a), MAPA_OK);
}

/* d0 "leaflet leaflet car", d1 "car wash", d2 "wash": tf-idf by the documented formula. */
static void tfidf_worked_example(void **state)
{
    (void)state;
    mapa_partnership *p = teams(3);
    add_action(p, "d0", 0, "leaflet leaflet car", "");
    add_action(p, "d1", 1, "car wash", "");
    add_action(p, "d2", 2, "wash", "");
    mapa_text *t;
    assert_int_equal(mapa_text_new(&t), MAPA_OK);
    mapa__dup_docs d;
    assert_int_equal(mapa__dup_docs_build(&d, p, t, NULL), MAPA_OK);
    double idf1 = log(4.0 / 2) + 1, idf2 = log(4.0 / 3) + 1; /* df 1 and df 2, N = 3 */
    /* d0: leaflet (tf 2), car, bigrams leaflet-leaflet and leaflet-car at a quarter weight */
    double l = (1 + log(2)) * idf1, c = idf2, b = 0.25 * idf1;
    double n0 = sqrt(l * l + c * c + 2 * b * b), n1 = sqrt(2 * idf2 * idf2 + b * b);
    NEAR(mapa__dup_cosine(&d, 0, 1), c * idf2 / (n0 * n1));
    NEAR(mapa__dup_cosine(&d, 0, 2), 0.0);
    NEAR(mapa__dup_cosine(&d, 1, 2), idf2 * 1.0 / (n1 * 1.0) * (idf2 / idf2)); /* d2 = wash only */
    NEAR(mapa__dup_cosine(&d, 1, 1), 1.0);
    mapa__dup_docs_dispose(&d);
    mapa_text_free(t);
    mapa_partnership_free(p);
}

static bool found(const mapa_duplicates *d, const mapa_partnership *p, const char *a, const char *b)
{
    for (size_t k = 0; k < d->n_pairs; k++) {
        const char *x = p->actions[d->pairs[k].a].id, *y = p->actions[d->pairs[k].b].id;
        if ((!strcmp(x, a) && !strcmp(y, b)) || (!strcmp(x, b) && !strcmp(y, a)))
            return true;
    }
    return false;
}

/* The example's seven pairs written in different words (generate.py, letters A-G). */
static void example_pairs(void **state)
{
    (void)state;
    mapa_partnership *p = NULL;
    mapa_diags diags = MAPA_DIAGS_INIT;
    assert_int_equal(mapa_partnership_load(&p, &diags, MAPA_EXAMPLE_DIR), MAPA_OK);
    static const char *const pairs[7][2] = {{"a01", "a09"}, {"a02", "a17"}, {"a25", "a33"},
                                            {"a31", "a52"}, {"a11", "a45"}, {"a38", "a53"},
                                            {"a19", "a28"}};
    for (int m = 0; m < 2; m++) {
        mapa_dup_options o = MAPA_DUP_OPTIONS_INIT;
        o.method = m ? MAPA_DUP_LSH : MAPA_DUP_EXACT;
        mapa_duplicates d;
        assert_int_equal(mapa_duplicates_find(&d, p, NULL, NULL, &o), MAPA_OK);
        size_t hits = 0;
        for (int k = 0; k < 7; k++)
            hits += found(&d, p, pairs[k][0], pairs[k][1]);
        /* exact (the default at this size) finds the seven and nothing else; LSH, tuned for
           milder paraphrases, may miss the pairs sharing fewest words (docs/duplicates.md) */
        assert_int_equal(hits, d.n_pairs);
        assert_true(m ? d.n_pairs >= 5 : d.n_pairs == 7);
        assert_int_equal(d.n_clusters, d.n_pairs);
        assert_false(d.have_plan);
        mapa_duplicates_dispose(&d);
    }
    /* a hand-made plan: member 0 of 'training' reviews 'awareness' (so A is spotted);
       nothing links labour and intelligence (C is a blind spot) */
    size_t *team = malloc(p->n_members * sizeof *team);
    assert_non_null(team);
    for (size_t i = 0; i < p->n_members; i++)
        team[i] = i % p->n_topics;
    size_t training = mapa_partnership_find_topic(p, "training");
    size_t awareness = mapa_partnership_find_topic(p, "awareness");
    mapa_cf_pair link = {training, awareness, MAPA_STAGE_DECISION, 0, false};
    mapa_cf cf = MAPA_CF_INIT;
    cf.pairs = &link;
    cf.n_pairs = 1;
    mapa_duplicates d;
    assert_int_equal(mapa_duplicates_find(&d, p, team, &cf, NULL), MAPA_OK);
    assert_true(d.have_plan);
    assert_int_equal(d.blind_spots, 6);
    /* marking afterwards (duplicates found before the Critical Friends) gives the same */
    assert_int_equal(mapa_duplicates_mark(&d, p, NULL, NULL), MAPA_OK);
    assert_false(d.have_plan);
    assert_int_equal(d.blind_spots, 0);
    assert_int_equal(mapa_duplicates_mark(&d, p, team, &cf), MAPA_OK);
    assert_true(d.have_plan);
    assert_int_equal(d.blind_spots, 6);
    for (size_t k = 0; k < d.n_pairs; k++) {
        const char *x = p->actions[d.pairs[k].a].id;
        assert_true(d.pairs[k].spotted == (strcmp(x, "a01") == 0 || strcmp(x, "a09") == 0));
    }
    mapa_duplicates_dispose(&d);
    free(team);
    mapa_partnership_free(p);
    mapa_diags_dispose(&diags);
}

/* LSH finds most of what exact scoring finds, and nothing else; both against the truth. */
static void lsh_against_exact(void **state)
{
    (void)state;
    mapa_partnership *p = teams(20);
    mapa_planted_pair *truth = NULL;
    size_t n_truth = 0;
    assert_int_equal(mapa_generate_actions(p, 3000, 0.05, 7, &truth, &n_truth), MAPA_OK);
    mapa_dup_options o = MAPA_DUP_OPTIONS_INIT;
    mapa_duplicates ex, lsh;
    o.near_best = 1e-9;   /* LSH has no near-best test (it needs a family's links scored) */
    o.fixed_floor = true; /* nor the plan-scaled floor (it needs every pair scored) */
    o.method = MAPA_DUP_EXACT;
    assert_int_equal(mapa_duplicates_find(&ex, p, NULL, NULL, &o), MAPA_OK);
    o.method = MAPA_DUP_LSH;
    assert_int_equal(mapa_duplicates_find(&lsh, p, NULL, NULL, &o), MAPA_OK);
    assert_true(lsh.bands > 0 && lsh.rows > 0 && lsh.candidates < 3000 * 2999 / 20);
    size_t common = 0;
    for (size_t k = 0; k < lsh.n_pairs; k++) {
        bool in_exact = false;
        for (size_t j = 0; j < ex.n_pairs && !in_exact; j++)
            in_exact = ex.pairs[j].a == lsh.pairs[k].a && ex.pairs[j].b == lsh.pairs[k].b;
        assert_true(in_exact); /* the same score, so nothing LSH keeps is new */
        common++;
    }
    assert_true((double)common >= 0.9 * (double)ex.n_pairs);
    size_t hit = 0;
    for (size_t k = 0; k < n_truth; k++)
        for (size_t j = 0; j < lsh.n_pairs; j++)
            if (lsh.pairs[j].a == truth[k].original && lsh.pairs[j].b == truth[k].copy) {
                hit++;
                break;
            }
    double recall = (double)hit / (double)n_truth, precision = (double)hit / (double)lsh.n_pairs;
    print_message("3,000 actions, %zu planted: exact %zu pairs, LSH %zu (%zu x %zu), recall %.3f, "
                  "precision %.3f\n",
                  n_truth, ex.n_pairs, lsh.n_pairs, lsh.bands, lsh.rows, recall, precision);
    assert_true(recall > 0.85 && precision > 0.9);
    mapa_duplicates_dispose(&ex);
    mapa_duplicates_dispose(&lsh);
    free(truth);
    mapa_partnership_free(p);
}

static void degenerate_inputs(void **state)
{
    (void)state;
    mapa_partnership *p = teams(2);
    mapa_duplicates d;
    assert_int_equal(mapa_duplicates_find(&d, p, NULL, NULL, NULL), MAPA_OK); /* no actions */
    assert_int_equal(d.n_pairs, 0);
    mapa_duplicates_dispose(&d);
    add_action(p, "one", 0, "Leaflet for car wash workers", "");
    assert_int_equal(mapa_duplicates_find(&d, p, NULL, NULL, NULL), MAPA_OK);
    assert_int_equal(d.n_pairs, 0);
    mapa_duplicates_dispose(&d);
    size_t big = 1 << 20; /* a 1 MB description, twice: one cluster, no crash */
    char *text = malloc(big + 1);
    assert_non_null(text);
    for (size_t k = 0; k < big; k++)
        text[k] = "leaflet wash car workers rights "[k % 32];
    text[big] = '\0';
    add_action(p, "long1", 0, "Long", text);
    add_action(p, "long2", 1, "Long", text);
    add_action(p, "stop", 1, "the and of", "to be or not to be"); /* only stop words */
    add_action(p, "cjk", 0, "人口贩卖 宣传", "人口贩卖 宣传 单张");
    add_action(p, "cjk2", 1, "人口贩卖 宣传", "人口贩卖 宣传 单张");
    assert_int_equal(mapa_duplicates_find(&d, p, NULL, NULL, NULL), MAPA_OK);
    assert_true(found(&d, p, "long1", "long2"));
    assert_true(found(&d, p, "cjk", "cjk2"));
    assert_false(found(&d, p, "stop", "long2"));
    mapa_duplicates_dispose(&d);
    free(text);
    mapa_partnership_free(p);
}

/* The cosine of the only pair of a two-action plan, with the given options. */
static double pair_cosine(mapa_partnership *p, const mapa_dup_options *o)
{
    mapa_dup_options x = *o;
    x.rule = MAPA_DUP_THRESHOLD; /* every pair from the threshold, 0 here */
    p->settings.dup_threshold = 0;
    mapa_duplicates d;
    assert_int_equal(mapa_duplicates_find(&d, p, NULL, NULL, &x), MAPA_OK);
    double c = d.n_pairs ? d.pairs[0].cosine : 0;
    mapa_duplicates_dispose(&d);
    return c;
}

/* The glossary makes "NRM" and "National Referral Mechanism" one term; synonyms likewise. */
static void glossary_and_synonyms_change_the_score(void **state)
{
    (void)state;
    mapa_partnership *p = teams(2);
    add_action(p, "x", 0, "NRM referral clinic", "");
    add_action(p, "y", 1, "National Referral Mechanism referral clinic", "");
    mapa_dup_options o = MAPA_DUP_OPTIONS_INIT;
    /* with the glossary both are {nrm, referral, clinic}: cosine 1 */
    assert_true(fabs(pair_cosine(p, &o) - 1.0) < 1e-6);
    o.no_glossary = true; /* without: {referral, clinic} shared of 3 and 5 stems, below 1 */
    assert_true(pair_cosine(p, &o) < 0.8);
    mapa_partnership_free(p);

    p = teams(2);
    add_action(p, "x", 0, "Chemist counter cards", "");
    add_action(p, "y", 1, "Pharmacist counter cards", "");
    mapa_dup_lexicon lex = MAPA_DUP_LEXICON_INIT;
    o = (mapa_dup_options)MAPA_DUP_OPTIONS_INIT;
    double before = pair_cosine(p, &o);
    assert_int_equal(mapa_dup_lexicon_add_synonym(&lex, "chemist", "pharmacist"), MAPA_OK);
    o.lexicon = &lex;
    assert_true(before < 0.9 && fabs(pair_cosine(p, &o) - 1.0) < 1e-6);
    /* a ruled-out pair is never reported, whatever its score */
    assert_int_equal(mapa_dup_lexicon_rule_out(&lex, 1, 0), MAPA_OK);
    mapa_duplicates d;
    o.rule = MAPA_DUP_THRESHOLD;
    assert_int_equal(mapa_duplicates_find(&d, p, NULL, NULL, &o), MAPA_OK);
    assert_int_equal(d.n_pairs, 0);
    assert_int_equal(d.ruled_out, 1);
    mapa_duplicates_dispose(&d);
    mapa_dup_lexicon_dispose(&lex);
    mapa_partnership_free(p);
}

/*
 * A chain x0 - x1 - ... - x5, each sharing words only with its neighbours,
 * in six teams: connected components made one cluster of six; average
 * linkage must not (pairs, worked by hand: x_k x_k+1 share two words).
 */
static void average_linkage_does_not_chain(void **state)
{
    (void)state;
    static const char *const text[] = {"alpha bravo charlie", "charlie delta echo",
                                       "echo foxtrot golf",   "golf hotel india",
                                       "india juliet kilo",   "kilo lima mike"};
    mapa_partnership *p = teams(6);
    for (size_t k = 0; k < 6; k++) {
        char id[8];
        snprintf(id, sizeof id, "x%zu", k);
        add_action(p, id, k, text[k], "");
    }
    mapa_dup_options o = MAPA_DUP_OPTIONS_INIT;
    o.rule = MAPA_DUP_THRESHOLD;
    p->settings.dup_threshold = 0.05;
    mapa_duplicates d;
    assert_int_equal(mapa_duplicates_find(&d, p, NULL, NULL, &o), MAPA_OK);
    assert_int_equal(d.n_pairs, 5); /* the chain's links, nothing else */
    assert_true(d.largest_cluster <= 3);
    assert_true(d.n_clusters >= 2);
    /* every action of a cluster is in a kept pair with another of its cluster */
    for (size_t v = 0; v < 6; v++) {
        if (d.action_cluster[v] == MAPA_NONE)
            continue;
        bool joined = false;
        for (size_t k = 0; k < d.n_pairs; k++)
            joined |= (d.pairs[k].a == v || d.pairs[k].b == v) &&
                      d.pairs[k].cluster == d.action_cluster[v];
        assert_true(joined);
    }
    mapa_duplicates_dispose(&d);
    mapa_partnership_free(p);
}

/* Mutual top k against brute force over every scored pair (threshold 0 = all of them). */
static void mutual_top_k_brute_force(void **state)
{
    (void)state;
    mapa_partnership *p = teams(5);
    mapa_planted_pair *truth = NULL;
    size_t n_truth = 0;
    assert_int_equal(mapa_generate_actions(p, 150, 0.2, 3, &truth, &n_truth), MAPA_OK);
    mapa_dup_options o = MAPA_DUP_OPTIONS_INIT;
    o.rule = MAPA_DUP_THRESHOLD;
    p->settings.dup_threshold = 0.30; /* all pairs from the floor, with their ranks */
    mapa_duplicates all, mut;
    assert_int_equal(mapa_duplicates_find(&all, p, NULL, NULL, &o), MAPA_OK);
    o = (mapa_dup_options)MAPA_DUP_OPTIONS_INIT;
    o.min_ratio = 1e-9; /* the rank part of the rule alone, from the fixed floor */
    o.near_best = 1e-9;
    o.gap = 2;
    o.fixed_floor = true;
    assert_int_equal(mapa_duplicates_find(&mut, p, NULL, NULL, &o), MAPA_OK);
    size_t expect = 0;
    for (size_t k = 0; k < all.n_pairs; k++) {
        const mapa_dup_pair *x = &all.pairs[k];
        size_t better_a = 0, better_b = 0; /* pairs of a (of b) scoring strictly more */
        for (size_t j = 0; j < all.n_pairs; j++) {
            const mapa_dup_pair *y = &all.pairs[j];
            bool has_a = y->a == x->a || y->b == x->a, has_b = y->a == x->b || y->b == x->b;
            better_a += has_a && y->score > x->score;
            better_b += has_b && y->score > x->score;
        }
        assert_int_equal(x->rank_a, better_a + 1);
        assert_int_equal(x->rank_b, better_b + 1);
        expect += better_a < MAPA_DUP_TOP_K && better_b < MAPA_DUP_TOP_K;
    }
    assert_int_equal(mut.n_pairs, expect);
    /* the team overlap is the sum of the pair scores, both ways */
    double *m = NULL;
    assert_int_equal(mapa_duplicates_overlap(&m, p, &mut), MAPA_OK);
    size_t T = p->n_topics;
    for (size_t h = 0; h < T; h++)
        for (size_t t = 0; t < T; t++) {
            double sum = 0;
            for (size_t k = 0; k < mut.n_pairs; k++) {
                size_t a = p->actions[mut.pairs[k].a].team, b = p->actions[mut.pairs[k].b].team;
                sum +=
                    h != t && ((a == h && b == t) || (a == t && b == h)) ? mut.pairs[k].score : 0;
            }
            assert_true(fabs(m[h * T + t] - sum) < 1e-9);
        }
    free(m);
    mapa_duplicates_dispose(&all);
    mapa_duplicates_dispose(&mut);
    free(truth);
    mapa_partnership_free(p);
}

static int by_ab(const void *x, const void *y)
{
    const mapa_dup_pair *a = x, *b = y;
    if (a->a != b->a)
        return a->a < b->a ? -1 : 1;
    return a->b < b->b ? -1 : (a->b > b->b);
}

static bool has_pair(const mapa_dup_pair *v, size_t n, size_t a, size_t b)
{
    for (size_t k = 0; k < n; k++)
        if ((v[k].a == a && v[k].b == b) || (v[k].a == b && v[k].b == a))
            return true;
    return false;
}

/*
 * The default rule against brute force (the ratio test left out): mutual top
 * 3 from the floor; each end's score within 5 % of that action's best match,
 * or the texts near-identical; then the natural break. Generated plans with
 * families of copies, at three seeds.
 */
static void near_best_and_break_brute_force(void **state)
{
    (void)state;
    for (unsigned seed = 1; seed <= 3; seed++) {
        mapa_partnership *p = teams(6);
        p->settings.seed = seed;
        mapa_planted_pair *truth = NULL;
        size_t n_truth = 0;
        assert_int_equal(mapa_generate_actions(p, 160, 0.25, seed, &truth, &n_truth), MAPA_OK);
        mapa_dup_options o = MAPA_DUP_OPTIONS_INIT;
        o.rule = MAPA_DUP_THRESHOLD;
        o.method = MAPA_DUP_EXACT;
        p->settings.dup_threshold = MAPA_DUP_FLOOR;
        mapa_duplicates all, got;
        assert_int_equal(mapa_duplicates_find(&all, p, NULL, NULL, &o), MAPA_OK);
        o = (mapa_dup_options)MAPA_DUP_OPTIONS_INIT;
        o.method = MAPA_DUP_EXACT;
        o.min_ratio = 1e-9;
        o.fixed_floor = true;
        assert_int_equal(mapa_duplicates_find(&got, p, NULL, NULL, &o), MAPA_OK);
        size_t n = p->n_actions, m = all.n_pairs;
        mapa_dup_pair *v = malloc((m + 1) * sizeof *v);
        double *best = calloc(n, sizeof *best), *kept = malloc((m + 1) * sizeof *kept);
        bool *keep = calloc(m + 1, sizeof *keep);
        assert_non_null(v);
        assert_non_null(best);
        assert_non_null(kept);
        assert_non_null(keep);
        memcpy(v, all.pairs, m * sizeof *v);
        qsort(v, m, sizeof *v, by_ab);
        for (size_t k = 0; k < m; k++) {
            best[v[k].a] = v[k].score > best[v[k].a] ? v[k].score : best[v[k].a];
            best[v[k].b] = v[k].score > best[v[k].b] ? v[k].score : best[v[k].b];
        }
        size_t n_kept = 0;
        for (size_t k = 0; k < m; k++) {
            const mapa_dup_pair *x = &v[k];
            double s = x->score;
            bool near_a = s >= MAPA_DUP_NEAR_BEST * best[x->a];
            bool near_b = s >= MAPA_DUP_NEAR_BEST * best[x->b];
            keep[k] = x->rank_a <= MAPA_DUP_TOP_K && x->rank_b <= MAPA_DUP_TOP_K &&
                      (x->cosine >= 0.8 || (near_a && near_b));
            if (keep[k])
                kept[n_kept++] = s;
        }
        /* the natural break, from the definition */
        double cut = 0, drop = 0;
        size_t at = 0;
        for (size_t i = 0; i < n_kept; i++) /* sort descending (small) */
            for (size_t j = i + 1; j < n_kept; j++)
                if (kept[j] > kept[i]) {
                    double t = kept[i];
                    kept[i] = kept[j];
                    kept[j] = t;
                }
        for (size_t j = 1; j < n_kept; j++)
            if (kept[j - 1] - kept[j] > drop) {
                drop = kept[j - 1] - kept[j];
                at = j;
            }
        if (n_kept >= 4 && drop >= MAPA_DUP_BREAK && at >= 3 && 2 * at >= n_kept)
            cut = kept[at - 1];
        size_t expect = 0;
        for (size_t k = 0; k < m; k++)
            if (keep[k] && v[k].score >= cut) {
                expect++;
                assert_true(has_pair(got.pairs, got.n_pairs, v[k].a, v[k].b));
            }
        assert_int_equal(got.n_pairs, expect);
        assert_true(fabs(got.cut - cut) < 1e-6);
        free(v);
        free(best);
        free(kept);
        free(keep);
        mapa_duplicates_dispose(&all);
        mapa_duplicates_dispose(&got);
        free(truth);
        mapa_partnership_free(p);
    }
}

/* Four copied actions and one near topic: the break leaves the near topic out; gap 2 keeps it. */
static void natural_break_leaves_a_near_topic_out(void **state)
{
    (void)state;
    mapa_partnership *p = teams(2);
    static const char *const text[] = {
        "Leaflet drop for car wash workers in Derby",
        "Webinar on cuckooing for housing officers",
        "Posters about the helpline in bus shelters",
        "Training on forced labour for farm managers",
    };
    char id[16];
    for (size_t k = 0; k < 4; k++)
        for (size_t t = 0; t < 2; t++) {
            snprintf(id, sizeof id, "c%zu%zu", k, t);
            add_action(p, id, t, text[k], "");
        }
    add_action(p, "n0", 0, "Nail bar licensing review with the council", "");
    add_action(p, "n1", 1, "Nail bar licensing review with trading standards", "");
    mapa_dup_options o = MAPA_DUP_OPTIONS_INIT;
    mapa_duplicates d;
    assert_int_equal(mapa_duplicates_find(&d, p, NULL, NULL, &o), MAPA_OK);
    assert_int_equal(d.n_pairs, 4);
    assert_true(d.cut > 0.5);
    assert_false(found(&d, p, "n0", "n1"));
    mapa_duplicates_dispose(&d);
    o.gap = 2; /* never */
    assert_int_equal(mapa_duplicates_find(&d, p, NULL, NULL, &o), MAPA_OK);
    assert_int_equal(d.n_pairs, 5);
    assert_true(found(&d, p, "n0", "n1") && d.cut == 0);
    mapa_duplicates_dispose(&d);
    mapa_partnership_free(p);
}

/*
 * Proper names: two actions that each name a place the other does not are two
 * pieces of work (Goole against St Mary's); a name only one adds, or a typo in
 * it, is no difference; --keep-different-names keeps them all.
 */
static void different_names_are_left_out(void **state)
{
    (void)state;
    mapa_partnership *p = teams(2);
    add_action(p, "g", 0, "Survivor drop-in",
               "Weekly drop-in for survivors at the Goole family hub.");
    add_action(p, "m", 1, "Survivor drop-in",
               "Weekly drop-in for survivors at St Mary's community centre.");
    add_action(p, "b", 0, "Driver leaflets", "Leaflets for drivers in Boston, Lincolnshire.");
    add_action(p, "c", 1, "Driver leaflets", "Leaflets for drivers in Boston.");
    add_action(p, "k", 0, "Nail bar checks", "Licensing checks of nail bars in Mansfield.");
    add_action(p, "l", 1, "Nail bar checks", "Licensing checks of nail bars in Mansfeild.");
    mapa_dup_options o = MAPA_DUP_OPTIONS_INIT;
    o.rule = MAPA_DUP_THRESHOLD; /* every pair from the threshold: the names test alone */
    mapa_duplicates d;
    assert_int_equal(mapa_duplicates_find(&d, p, NULL, NULL, &o), MAPA_OK);
    assert_false(found(&d, p, "g", "m"));
    assert_true(found(&d, p, "b", "c") && found(&d, p, "k", "l"));
    assert_true(d.names_differ >= 1);
    mapa_duplicates_dispose(&d);
    o.keep_different_names = true;
    assert_int_equal(mapa_duplicates_find(&d, p, NULL, NULL, &o), MAPA_OK);
    assert_true(found(&d, p, "g", "m") && found(&d, p, "b", "c") && found(&d, p, "k", "l"));
    assert_int_equal(d.names_differ, 0);
    mapa_duplicates_dispose(&d);
    mapa_partnership_free(p);

    /* a word written in lower case somewhere is no name: Hub and Centre are names here... */
    p = teams(2);
    add_action(p, "x", 0, "Survivor drop-in", "Weekly drop-in at the Hub for survivors, Goole.");
    add_action(p, "y", 1, "Survivor drop-in", "Weekly drop-in at the Centre for survivors, Goole.");
    o.keep_different_names = false;
    assert_int_equal(mapa_duplicates_find(&d, p, NULL, NULL, &o), MAPA_OK);
    assert_false(found(&d, p, "x", "y"));
    mapa_duplicates_dispose(&d);
    mapa_partnership_free(p);
    /* ...and not when the plan also writes them in lower case */
    p = teams(3);
    add_action(p, "x", 0, "Survivor drop-in", "Weekly drop-in at the Hub for survivors, Goole.");
    add_action(p, "y", 1, "Survivor drop-in", "Weekly drop-in at the Centre for survivors, Goole.");
    add_action(p, "z", 2, "Referral desk", "A referral desk at the hub and the centre.");
    assert_int_equal(mapa_duplicates_find(&d, p, NULL, NULL, &o), MAPA_OK);
    assert_true(found(&d, p, "x", "y"));
    mapa_duplicates_dispose(&d);
    mapa_partnership_free(p);
}

static int by_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/*
 * The plan-scaled floor against its definition, from every scored pair: the
 * median plus 7 x 1.4826 x the median absolute deviation, within [0.10, 0.30];
 * pairs between it and 0.30 are kept, and not with the fixed floor.
 */
static void plan_scaled_floor(void **state)
{
    (void)state;
    mapa_partnership *p = teams(8);
    mapa_planted_pair *truth = NULL;
    size_t n_truth = 0;
    assert_int_equal(mapa_generate_actions(p, 400, 0.1, 11, &truth, &n_truth), MAPA_OK);
    size_t *n_tags = malloc(p->n_actions * sizeof *n_tags);
    assert_non_null(n_tags);
    for (size_t i = 0; i < p->n_actions; i++) { /* no context: scores are the text's alone */
        n_tags[i] = p->actions[i].n_tags;
        p->actions[i].n_tags = 0;
        p->actions[i].target_group[0] = '\0';
        p->actions[i].start = INT32_MIN;
        p->actions[i].end = INT32_MAX;
    }
    mapa_dup_options o = MAPA_DUP_OPTIONS_INIT;
    o.rule = MAPA_DUP_THRESHOLD;
    p->settings.dup_threshold = 1e-12; /* every pair scoring above 0 */
    mapa_duplicates all, scaled, fixed;
    assert_int_equal(mapa_duplicates_find(&all, p, NULL, NULL, &o), MAPA_OK);
    size_t m = all.n_pairs;
    double *sc = malloc((m + 1) * sizeof *sc), *dev = malloc((m + 1) * sizeof *dev);
    assert_non_null(sc);
    assert_non_null(dev);
    for (size_t k = 0; k < m; k++) {
        sc[k] = all.pairs[k].score;
        /* with no context the score is the text cosine */
        assert_true(fabs(all.pairs[k].score - all.pairs[k].cosine) < 1e-6);
    }
    qsort(sc, m, sizeof *sc, by_double);
    double med = sc[m / 2];
    for (size_t k = 0; k < m; k++)
        dev[k] = fabs(sc[k] - med);
    qsort(dev, m, sizeof *dev, by_double);
    double want = med + MAPA_DUP_SPREADS * 1.4826 * dev[m / 2];
    want = want < MAPA_DUP_FLOOR_MIN ? MAPA_DUP_FLOOR_MIN
           : want > MAPA_DUP_FLOOR   ? MAPA_DUP_FLOOR
                                     : want;
    o = (mapa_dup_options)MAPA_DUP_OPTIONS_INIT;
    assert_int_equal(mapa_duplicates_find(&scaled, p, NULL, NULL, &o), MAPA_OK);
    assert_true(fabs(scaled.floor - want) < 3e-3); /* histogram bins of 1e-4 */
    assert_true(scaled.floor < MAPA_DUP_FLOOR);    /* this plan's pairs all score low */
    o.fixed_floor = true;
    assert_int_equal(mapa_duplicates_find(&fixed, p, NULL, NULL, &o), MAPA_OK);
    assert_true(fixed.floor == MAPA_DUP_FLOOR);
    size_t low = 0;
    for (size_t k = 0; k < scaled.n_pairs; k++) {
        assert_true(scaled.pairs[k].score >= scaled.floor - 1e-9);
        low += scaled.pairs[k].score < MAPA_DUP_FLOOR;
    }
    for (size_t k = 0; k < fixed.n_pairs; k++)
        assert_true(fixed.pairs[k].score >= MAPA_DUP_FLOOR);

    assert_int_equal(low, 0);                 /* the generator's copies all score above 0.30 */
    for (size_t i = 0; i < p->n_actions; i++) /* the tags, for mapa_partnership_free */
        p->actions[i].n_tags = n_tags[i];
    free(n_tags);
    free(sc);
    free(dev);
    free(truth);
    mapa_duplicates_dispose(&all);
    mapa_duplicates_dispose(&scaled);
    mapa_duplicates_dispose(&fixed);
    mapa_partnership_free(p);
}

/*
 * Twenty short actions in five teams sharing one common word; two pairs also
 * share two words of their own, scoring below 0.30 and far above the rest:
 * kept with the plan's floor (0.10 here), not with the fixed floor.
 */
static void plan_scaled_floor_keeps_low_pairs(void **state)
{
    (void)state;
    mapa_partnership *p = teams(5);
    for (size_t i = 0; i < 20; i++) {
        char id[8], desc[160];
        snprintf(id, sizeof id, "a%zu", i);
        int at = snprintf(desc, sizeof desc, "qq%zua qq%zub qq%zuc qq%zud qq%zue qq%zuf", i, i, i,
                          i, i, i);
        if (i < 4) /* a0-a1 and a2-a3, in different teams */
            snprintf(desc + at, sizeof desc - (size_t)at, " pp%zux pp%zuy", i / 2, i / 2);
        add_action(p, id, i % 5, "Awareness", desc);
    }
    mapa_dup_options o = MAPA_DUP_OPTIONS_INIT;
    mapa_duplicates scaled, fixed;
    assert_int_equal(mapa_duplicates_find(&scaled, p, NULL, NULL, &o), MAPA_OK);
    o.fixed_floor = true;
    assert_int_equal(mapa_duplicates_find(&fixed, p, NULL, NULL, &o), MAPA_OK);
    assert_true(fabs(scaled.floor - MAPA_DUP_FLOOR_MIN) < 1e-9);
    assert_int_equal(scaled.n_pairs, 2);
    assert_true(found(&scaled, p, "a0", "a1") && found(&scaled, p, "a2", "a3"));
    for (size_t k = 0; k < 2; k++)
        assert_true(scaled.pairs[k].score < MAPA_DUP_FLOOR);
    assert_int_equal(fixed.n_pairs, 0);
    mapa_duplicates_dispose(&scaled);
    mapa_duplicates_dispose(&fixed);
    mapa_partnership_free(p);
}

/* A field one action leaves empty is no disagreement; an empty and a full one differ. */
static void empty_fields_are_no_disagreement(void **state)
{
    (void)state;
    mapa_partnership *p = teams(2);
    add_action(p, "x", 0, "Car wash worker rights leaflet", "");
    add_action(p, "y", 1, "Rights leaflet for car wash workers", "");
    mapa_dup_options o = MAPA_DUP_OPTIONS_INIT;
    o.rule = MAPA_DUP_THRESHOLD;
    p->settings.dup_threshold = 1e-12;
    mapa_duplicates d;
    assert_int_equal(mapa_duplicates_find(&d, p, NULL, NULL, &o), MAPA_OK);
    assert_int_equal(d.n_pairs, 1);
    assert_true(fabs(d.pairs[0].score - d.pairs[0].cosine) < 1e-6); /* text alone */
    double text_only = d.pairs[0].score;
    mapa_duplicates_dispose(&d);
    char *own0 = p->actions[0].target_group, *own1 = p->actions[1].target_group;
    p->actions[0].target_group = "car wash workers"; /* one full, one empty: still no */
    assert_int_equal(mapa_duplicates_find(&d, p, NULL, NULL, &o), MAPA_OK);
    assert_true(fabs(d.pairs[0].score - text_only) < 1e-6);
    mapa_duplicates_dispose(&d);
    p->actions[1].target_group = "hotel staff"; /* both full and different: it weighs */
    assert_int_equal(mapa_duplicates_find(&d, p, NULL, NULL, &o), MAPA_OK);
    const mapa_settings *s = &p->settings;
    double w = s->dup_text_weight;
    assert_true(fabs(d.pairs[0].score - w * text_only / (w + s->dup_target_weight)) < 1e-6);
    mapa_duplicates_dispose(&d);
    p->actions[0].target_group = own0; /* the partnership's own strings, to free */
    p->actions[1].target_group = own1;
    mapa_partnership_free(p);
}

/* Months, weekdays and the partnership's own team names are no names in the names test. */
static void calendar_and_team_names_are_no_names(void **state)
{
    (void)state;
    mapa_partnership *p = NULL;
    assert_int_equal(mapa_partnership_new(&p), MAPA_OK);
    const char *names[] = {"Care sector", "Housing"};
    for (size_t t = 0; t < 2; t++) {
        size_t idx;
        char id[8];
        snprintf(id, sizeof id, "t%zu", t);
        mapa_topic topic = {.id = id,
                            .name = (char *)names[t],
                            .max_size = MAPA_UNLIMITED,
                            .max_per_agency = MAPA_UNLIMITED};
        assert_int_equal(mapa_partnership_add_topic(p, &idx, &topic), MAPA_OK);
    }
    add_action(p, "a", 0, "Forced labour roundtable with farm managers in Hull",
               "Roundtable in Hull by the end of June 2027, on a Monday. Part of the Care sector "
               "sub-team plan.");
    add_action(p, "b", 1, "Forced labour roundtable with farm managers in Hull",
               "Roundtable in Hull by the end of Jun 2027, on a Tuesday. Part of the Housing "
               "sub-team plan.");
    add_action(p, "c", 0, "Forced labour roundtable with farm managers in Goole",
               "Roundtable in Goole by the end of June 2027. Part of the Care sector sub-team "
               "plan.");
    mapa_dup_options o = MAPA_DUP_OPTIONS_INIT;
    o.rule = MAPA_DUP_THRESHOLD;
    mapa_duplicates d;
    assert_int_equal(mapa_duplicates_find(&d, p, NULL, NULL, &o), MAPA_OK);
    assert_true(found(&d, p, "a", "b"));  /* only dates and team names differ */
    assert_false(found(&d, p, "b", "c")); /* Hull and Goole: two pieces of work */
    mapa_duplicates_dispose(&d);
    mapa_partnership_free(p);
}

/* The shipped everyday words join phrases the way synonyms.csv does; --no-glossary not. */
static void everyday_words_change_the_score(void **state)
{
    (void)state;
    size_t n;
    const mapa_dup_word *w = mapa_dup_everyday(&n);
    assert_true(n >= 100 && w[0].term && w[0].same_as[0]);
    mapa_partnership *p = teams(2);
    add_action(p, "x", 0, "Flyer for car wash staff", "Print a flyer about wages and rights");
    add_action(p, "y", 1, "Leaflet for car wash staff", "Print a leaflet about wages and rights");
    mapa_dup_options o = MAPA_DUP_OPTIONS_INIT;
    assert_true(fabs(pair_cosine(p, &o) - 1.0) < 1e-6);
    o.no_glossary = true;
    assert_true(pair_cosine(p, &o) < 0.9);
    mapa_partnership_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tokeniser_and_stemmer),
        cmocka_unit_test(tfidf_worked_example),
        cmocka_unit_test(example_pairs),
        cmocka_unit_test(lsh_against_exact),
        cmocka_unit_test(degenerate_inputs),
        cmocka_unit_test(glossary_and_synonyms_change_the_score),
        cmocka_unit_test(average_linkage_does_not_chain),
        cmocka_unit_test(mutual_top_k_brute_force),
        cmocka_unit_test(near_best_and_break_brute_force),
        cmocka_unit_test(natural_break_leaves_a_near_topic_out),
        cmocka_unit_test(different_names_are_left_out),
        cmocka_unit_test(plan_scaled_floor),
        cmocka_unit_test(plan_scaled_floor_keeps_low_pairs),
        cmocka_unit_test(empty_fields_are_no_disagreement),
        cmocka_unit_test(calendar_and_team_names_are_no_names),
        cmocka_unit_test(everyday_words_change_the_score),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
