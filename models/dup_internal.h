/* The parts of duplicate detection: terms and TF-IDF, candidate pairs. */
#ifndef MAPA_MODELS_DUP_INTERNAL_H
#define MAPA_MODELS_DUP_INTERNAL_H

#include <stdint.h>

#include <mapa/duplicates.h>

/* MinHash elements for tags and target groups carry this bit (stem ids never do). */
#define MAPA_DUP_LABEL UINT32_C(0x80000000)

/* Each action's terms (stems, then stem bigrams) with TF-IDF weights, L2-normalised. */
typedef struct mapa__dup_docs {
    size_t n;      /* actions */
    size_t *first; /* CSR: terms of action i are term[first[i] .. first[i+1]), sorted */
    uint32_t *term;
    float *weight;
    size_t n_terms; /* distinct terms */
    uint32_t *df;   /* actions holding each term */
    size_t *ufirst; /* stems only (no bigrams), sorted and unique: the MinHash sets */
    uint32_t *stem;
    size_t n_stems;   /* stems are terms 0 .. n_stems-1 (the text's vocabulary ids) */
    uint32_t *target; /* each action\'s target-group label, 0 when it has none */
    float *target_w;  /* rarity of each action's target group: idf / idf of a unique one */
    size_t *tfirst;   /* CSR over p->actions[i].tags: tag_w[tfirst[i] + k] is tag k's rarity */
    float *tag_w;
    uint32_t *tag_h;  /* beside tag_w: each tag's label hash, to compare tags without strcmp */
    uint32_t *stem_h; /* per stem id: a hash of its text (MinHash elements) */
} mapa__dup_docs;

/* Equivalent phrases (glossary, synonyms.csv) as stem sequences: models/dup_lexicon.c. */
typedef struct mapa__dup_lex {
    size_t n_var;
    size_t *first; /* CSR: the stems of variant v are stem[first[v] .. first[v + 1]) */
    size_t *stem;
    size_t *canon; /* the variant v is rewritten to */
    size_t *head;  /* [stem id < n_head]: first variant starting with that stem, or MAPA_NONE */
    size_t *next;  /* next variant with the same first stem */
    size_t n_head;
} mapa__dup_lex;

mapa_err mapa__dup_lex_build(mapa__dup_lex *out, mapa_text *text, const mapa_dup_lexicon *user,
                             bool with_glossary);
/* Rewrite ids[0 .. *n) in place (it never grows); `scratch` is a reusable buffer. */
mapa_err mapa__dup_lex_apply(const mapa__dup_lex *l, size_t *ids, size_t *n, size_t **scratch,
                             size_t *cap);
void mapa__dup_lex_dispose(mapa__dup_lex *l);

/* `lex` may be NULL (no equivalent phrases). */
mapa_err mapa__dup_docs_build(mapa__dup_docs *d, const mapa_partnership *p, mapa_text *text,
                              const mapa__dup_lex *lex);
void mapa__dup_docs_dispose(mapa__dup_docs *d);

/** Cosine of two actions' TF-IDF vectors. */
double mapa__dup_cosine(const mapa__dup_docs *d, size_t a, size_t b);

/** Candidate pairs (a < b, packed a << 32 | b), sorted and unique; malloc'd. */
typedef struct mapa__dup_pairs {
    uint64_t *key;
    size_t n, cap;
} mapa__dup_pairs;

bool mapa__dup_pairs_push(mapa__dup_pairs *c, size_t a, size_t b);
void mapa__dup_pairs_unique(mapa__dup_pairs *c);

/**
 * MinHash / LSH candidates over the stem sets, with bands x rows chosen from
 * `jaccard` (docs/duplicates.md); terms in more than max(50, n/100) actions
 * are left out of the signatures.
 */
mapa_err mapa__dup_lsh(mapa__dup_pairs *out, const mapa__dup_docs *d, double jaccard, size_t *bands,
                       size_t *rows);

/**
 * Clusters of d->pairs by average linkage (models/dup_cluster.c): numbers
 * d->pairs[k].cluster, d->action_cluster, d->n_clusters, d->largest_cluster
 * and the warning about a cluster of more than MAPA_DUP_CLUSTER_WARN of the
 * actions. Merging stops below `link_min`.
 */
mapa_err mapa__dup_clusters(mapa_duplicates *d, const mapa_partnership *p,
                            const mapa__dup_docs *docs, double link_min);

#endif
