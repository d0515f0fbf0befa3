/*
 * Duplicate-detection benchmark: 10,000, 100,000 and 1,000,000 synthetic
 * actions in 50 teams, 5 % of them paraphrased copies of earlier ones
 * (mapa_generate_actions). For each size: LSH time and peak memory, recall and
 * precision against the planted pairs; exact all-pairs scoring beside it at
 * 10,000 (and its agreement with LSH); above that the exact pass is not run
 * and its time is estimated from the 10,000 run's rate.
 *
 * First the calibration and held-out sets (tests/data/duplicates: own-*,
 * heldout-*, blind2-*) and the blind sets (blind3-* and blind4-*, scored once
 * the rule was frozen):
 * precision, recall, F1 and the largest cluster at the default
 * settings, with each folder's synonyms.csv and not_duplicates.csv.
 *
 * Usage: bench_duplicates [--max N] [--top-k K] [--floor X] [--min-ratio R]
 *                         [--near-best X] [--break D]
 *                         [--no-exact] [--sets DIR] (DIR: tests/data/duplicates, from the
 *                         source tree's top)
 */
#include <stdint.h>
#include <stdio.h>
#include <sys/resource.h>
#include <stdlib.h>
#include <string.h>

#include <mapa/mapa.h>

#include "bench_util.h"

static int by_pair(const void *a, const void *b)
{
    const mapa_planted_pair *x = a, *y = b;
    if (x->original != y->original)
        return x->original < y->original ? -1 : 1;
    return x->copy < y->copy ? -1 : (x->copy > y->copy);
}

/* Found pairs against the planted ones (as unordered pairs). */
static void quality(const mapa_duplicates *d, mapa_planted_pair *truth, size_t n_truth,
                    double *recall, double *precision)
{
    for (size_t k = 0; k < n_truth; k++)
        if (truth[k].original > truth[k].copy) {
            size_t t = truth[k].original;
            truth[k].original = truth[k].copy;
            truth[k].copy = t;
        }
    qsort(truth, n_truth, sizeof *truth, by_pair);
    size_t hit = 0;
    for (size_t k = 0; k < d->n_pairs; k++) {
        mapa_planted_pair key = {d->pairs[k].a, d->pairs[k].b};
        hit += bsearch(&key, truth, n_truth, sizeof *truth, by_pair) != NULL;
    }
    *recall = n_truth ? (double)hit / (double)n_truth : 1;
    *precision = d->n_pairs ? (double)hit / (double)d->n_pairs : 1;
}

static mapa_partnership *teams(size_t T)
{
    mapa_partnership *p = NULL;
    if (mapa_partnership_new(&p) != MAPA_OK)
        return NULL;
    char id[32];
    size_t idx;
    for (size_t t = 0; t < T; t++) {
        snprintf(id, sizeof id, "t%zu", t);
        mapa_topic topic = {
            .id = id, .name = id, .max_size = MAPA_UNLIMITED, .max_per_agency = MAPA_UNLIMITED};
        mapa_partnership_add_topic(p, &idx, &topic);
    }
    return p;
}

static double exact_rate; /* pairs per second of the exact pass */
static bool no_exact;
static mapa_dup_options base = MAPA_DUP_OPTIONS_INIT; /* --top-k, --floor, --min-ratio */

/* CPU seconds (user + system) of this process so far: the machine may be loaded. */
static double cpu_now(void)
{
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return (double)u.ru_utime.tv_sec + (double)u.ru_utime.tv_usec / 1e6 +
           (double)u.ru_stime.tv_sec + (double)u.ru_stime.tv_usec / 1e6;
}

static void run(size_t n)
{
    mapa_partnership *p = teams(50);
    mapa_planted_pair *truth = NULL;
    size_t n_truth = 0;
    double t0 = bench_now();
    if (!p || mapa_generate_actions(p, n, 0.05, 42, &truth, &n_truth) != MAPA_OK)
        return;
    printf("%8zu actions, %zu planted duplicates (generated in %.1f s)\n", n, n_truth,
           bench_now() - t0);
    fflush(stdout);
    mapa_dup_options o = base;
    o.method = MAPA_DUP_LSH;
    bench_reset_peak();
    t0 = bench_now();
    double c0 = cpu_now();
    mapa_duplicates lsh;
    if (mapa_duplicates_find(&lsh, p, NULL, NULL, &o) != MAPA_OK) {
        printf("  lsh failed: %s\n", mapa_error_last());
        return;
    }
    double s = bench_now() - t0, cpu = cpu_now() - c0, mib = bench_peak_mib(), recall, precision;
    quality(&lsh, truth, n_truth, &recall, &precision);
    printf("  mapa lsh   %8.2f s (%.2f s CPU) %8.1f MiB  %zu bands x %zu rows, %zu candidates, "
           "%zu pairs: recall %.3f, precision %.3f\n",
           s, cpu, mib, lsh.bands, lsh.rows, lsh.candidates, lsh.n_pairs, recall, precision);
    fflush(stdout);
    double pairs = (double)n * (double)(n - 1) / 2;
    if (n <= 20000 && !no_exact) {
        o.method = MAPA_DUP_EXACT;
        bench_reset_peak();
        t0 = bench_now();
        c0 = cpu_now();
        mapa_duplicates ex;
        if (mapa_duplicates_find(&ex, p, NULL, NULL, &o) == MAPA_OK) {
            s = bench_now() - t0;
            cpu = cpu_now() - c0;
            exact_rate = pairs / s;
            quality(&ex, truth, n_truth, &recall, &precision);
            size_t same = 0; /* LSH pairs are exact pairs: how many of exact's LSH found */
            for (size_t k = 0, j = 0; k < ex.n_pairs; k++)
                for (j = 0; j < lsh.n_pairs; j++)
                    if (lsh.pairs[j].a == ex.pairs[k].a && lsh.pairs[j].b == ex.pairs[k].b) {
                        same++;
                        break;
                    }
            printf("  mapa exact %8.2f s (%.2f s CPU) %8.1f MiB  %.0f pairs scored, %zu pairs: "
                   "recall %.3f, precision %.3f; LSH found %zu of exact's %zu\n",
                   s, cpu, bench_peak_mib(), pairs, ex.n_pairs, recall, precision, same,
                   ex.n_pairs);
            mapa_duplicates_dispose(&ex);
        }
    } else if (exact_rate > 0) {
        printf("  mapa exact not run: %.3g pairs, about %.0f s at the 10,000 run's rate\n", pairs,
               pairs / exact_rate);
    }
    mapa_duplicates_dispose(&lsh);
    free(truth);
    mapa_partnership_free(p);
}

static size_t action_index(const mapa_partnership *p, const char *id)
{
    for (size_t i = 0; i < p->n_actions; i++)
        if (strcmp(p->actions[i].id, id) == 0)
            return i;
    return MAPA_NONE;
}

/* labels.csv (the first two columns, a header first) against the pairs found. */
static void score_set(const char *dir, const char *name)
{
    char path[1024], line[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    mapa_partnership *p = NULL;
    mapa_diags diags = MAPA_DIAGS_INIT;
    mapa_dup_lexicon lex = MAPA_DUP_LEXICON_INIT;
    mapa_duplicates d = MAPA_DUPLICATES_INIT;
    FILE *fp = NULL;
    if (mapa_partnership_load(&p, &diags, path) != MAPA_OK ||
        mapa_read_dup_lexicon(&lex, path, p, &diags) != MAPA_OK) {
        printf("  %-22s cannot be read (%s)\n", name, mapa_error_last());
        goto cleanup;
    }
    mapa_dup_options o = base;
    o.lexicon = &lex;
    double t0 = bench_now();
    if (mapa_duplicates_find(&d, p, NULL, NULL, &o) != MAPA_OK)
        goto cleanup;
    double s = bench_now() - t0;
    snprintf(path, sizeof path, "%s/%s/labels.csv", dir, name);
    fp = fopen(path, "r");
    size_t truth = 0, hit = 0;
    for (bool header = true; fp && fgets(line, sizeof line, fp); header = false) {
        char *a = strtok(line, ",\r\n"), *b = strtok(NULL, ",\r\n");
        size_t x = a ? action_index(p, a) : MAPA_NONE, y = b ? action_index(p, b) : MAPA_NONE;
        if (header || x == MAPA_NONE || y == MAPA_NONE)
            continue;
        truth++;
        for (size_t k = 0; k < d.n_pairs; k++)
            if ((d.pairs[k].a == x && d.pairs[k].b == y) ||
                (d.pairs[k].a == y && d.pairs[k].b == x)) {
                hit++;
                break;
            }
    }
    double prec = d.n_pairs ? (double)hit / (double)d.n_pairs : 1;
    double rec = truth ? (double)hit / (double)truth : 1;
    printf("  %-22s %4zu actions %3zu true pairs: %3zu found, precision %.3f recall %.3f "
           "F1 %.3f, largest cluster %zu (%.3f s)\n",
           name, p->n_actions, truth, d.n_pairs, prec, rec,
           prec + rec > 0 ? 2 * prec * rec / (prec + rec) : 0, d.largest_cluster, s);
cleanup:
    if (fp)
        fclose(fp);
    mapa_duplicates_dispose(&d);
    mapa_dup_lexicon_dispose(&lex);
    mapa_partnership_free(p);
    mapa_diags_dispose(&diags);
}

int main(int argc, char **argv)
{
    const char *sets = "tests/data/duplicates";
    size_t max = 1000000;
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--max") == 0 && i + 1 < argc)
            max = strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--top-k") == 0 && i + 1 < argc)
            base.top_k = strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--floor") == 0 && i + 1 < argc)
            base.floor = strtod(argv[++i], NULL);
        else if (strcmp(argv[i], "--min-ratio") == 0 && i + 1 < argc)
            base.min_ratio = strtod(argv[++i], NULL);
        else if (strcmp(argv[i], "--near-best") == 0 && i + 1 < argc)
            base.near_best = strtod(argv[++i], NULL);
        else if (strcmp(argv[i], "--break") == 0 && i + 1 < argc)
            base.gap = strtod(argv[++i], NULL);
        else if (strcmp(argv[i], "--no-exact") == 0)
            no_exact = true;
        else if (strcmp(argv[i], "--sets") == 0 && i + 1 < argc)
            sets = argv[++i];
    printf("mapa %s duplicate-detection benchmark (wall clock, peak RSS)\n", mapa_version());
    printf(
        "calibration sets (own-*, heldout-*, blind2-*) and blind sets (blind3-*, blind4-*, scored "
        "once the rule was frozen), default settings:\n");
    static const char *const names[] = {
        "own-realistic",    "own-template",        "own-copies",       "heldout-realistic",
        "heldout-template", "heldout-near-copies", "blind2-realistic", "blind2-template",
        "blind2-copies",    "blind3-realistic",    "blind3-template",  "blind3-copies",
        "blind3-terse",     "blind4-realistic",    "blind4-template",  "blind4-copies"};
    for (size_t k = 0; k < sizeof names / sizeof *names; k++)
        score_set(sets, names[k]);
    fflush(stdout);
    for (size_t n = 10000; n <= max; n *= 10)
        run(n);
    return 0;
}
