/*
 * Synthetic partnerships (include/mapa/generate.h, docs/generator.md):
 * agencies by sector with Zipf sizes, topics with Zipf popularity and a sector
 * they are close to, members ranking topics by a Plackett-Luce model (sampled
 * exactly with Gumbel keys), willingness and Critical Friend capacity drawn
 * per member; optionally action plans with planted duplicates and a log of
 * contacts. One GSL MT19937 stream seeded once: same configuration, same data.
 */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mapa/date.h>
#include <mapa/generate.h>

#include "models/util.h"
#include "models/handlers.h"

/* Sectors of agencies and how often each is drawn. */
static const struct {
    mapa_sector sector;
    double weight;
    const char *name;
} SECTORS[] = {{MAPA_SECTOR_POLICE, 0.15, "Police force"},
               {MAPA_SECTOR_LOCAL_AUTHORITY, 0.20, "Council"},
               {MAPA_SECTOR_HEALTH, 0.15, "NHS trust"},
               {MAPA_SECTOR_GOVERNMENT, 0.05, "Government agency"},
               {MAPA_SECTOR_FIRE, 0.05, "Fire and rescue service"},
               {MAPA_SECTOR_NGO, 0.20, "Charity"},
               {MAPA_SECTOR_FAITH, 0.05, "Faith group"},
               {MAPA_SECTOR_BUSINESS, 0.10, "Business"},
               {MAPA_SECTOR_ACADEMIA, 0.05, "University"}};
enum { N_SECTORS = sizeof SECTORS / sizeof SECTORS[0] };

static const char *const TOPICS[] = {"Labour exploitation",
                                     "Sexual exploitation",
                                     "Criminal exploitation and county lines",
                                     "Victim identification",
                                     "Safe accommodation",
                                     "Training for frontline staff",
                                     "Awareness raising",
                                     "Intelligence sharing",
                                     "Business and supply chains",
                                     "Domestic servitude",
                                     "Children and young people",
                                     "Data and evaluation",
                                     "Health services",
                                     "Housing and homelessness",
                                     "Financial investigation",
                                     "Community engagement",
                                     "Survivor voice",
                                     "Legal support",
                                     "Transport hubs",
                                     "Rural communities"};
enum { N_TOPIC_NAMES = sizeof TOPICS / sizeof TOPICS[0] };

mapa_err mapa_generator_check(const mapa_generator *g)
{
    const size_t most = 10000000;
    if (g->members < 1 || g->topics < 1 || g->agencies < 1)
        return mapa_error_set(MAPA_EINVAL, "members, topics and agencies must each be at least 1");
    if (g->members > most || g->topics > 100000 || g->agencies > most)
        return mapa_error_set(MAPA_EINVAL, "at most 10,000,000 members or agencies and 100,000 "
                                           "topics");
    if (g->coordinators >= g->members)
        return mapa_error_set(MAPA_EINVAL, "%zu co-ordinators leave no member to allocate",
                              g->coordinators);
    if (g->members - g->coordinators < g->topics)
        return mapa_error_set(MAPA_EINVAL,
                              "%zu members to allocate cannot fill %zu teams: give more members or "
                              "fewer topics",
                              g->members - g->coordinators, g->topics);
    if (g->prefs < 1 || g->prefs > 100)
        return mapa_error_set(MAPA_EINVAL, "prefs must be from 1 to 100");
    if (!(g->capacity_slack >= 1.0 && g->capacity_slack <= 100.0))
        return mapa_error_set(MAPA_EINVAL, "capacity_slack must be from 1 to 100");
    bool shares = g->spoc_willing > 0 && g->spoc_willing <= 1 && g->duplicate_share >= 0 &&
                  g->duplicate_share < 1;
    if (!shares)
        return mapa_error_set(MAPA_EINVAL,
                              "spoc_willing must be in (0, 1] and duplicate_share in [0, 1)");
    bool finite = g->agency_skew >= 0 && g->agency_skew <= 10 && g->popularity_skew >= 0 &&
                  g->popularity_skew <= 10 && g->dispersion >= 0 && g->dispersion <= 1e6 &&
                  fabs(g->affinity) <= 100;
    if (!finite)
        return mapa_error_set(MAPA_EINVAL, "agency_skew and popularity_skew must be from 0 to 10, "
                                           "dispersion from 0 to 10^6, affinity from -100 to 100");
    if (g->actions > most || g->interactions > 100000000)
        return mapa_error_set(MAPA_EINVAL, "at most 10,000,000 actions and 10^8 interactions");
    return MAPA_OK;
}

/* Zipf weights 1 / rank^s over n items, in a random order of ranks. */
static double *zipf_weights(gsl_rng *rng, size_t n, double s)
{
    double *w = malloc((n + 1) * sizeof *w);
    size_t *order = malloc((n + 1) * sizeof *order);
    if (w && order) {
        for (size_t k = 0; k < n; k++)
            order[k] = k;
        gsl_ran_shuffle(rng, order, n, sizeof *order);
        for (size_t k = 0; k < n; k++)
            w[order[k]] = pow((double)(k + 1), -s);
    }
    free(order);
    return w;
}

typedef struct key {
    double value;
    size_t topic;
} key;

static int by_key_desc(const void *x, const void *y)
{
    const key *a = x, *b = y;
    if (a->value != b->value)
        return a->value > b->value ? -1 : 1;
    return a->topic < b->topic ? -1 : (a->topic > b->topic);
}

static mapa_err add_agencies(mapa_partnership *p, const mapa_generator *g, gsl_rng *rng)
{
    double w[N_SECTORS];
    for (size_t s = 0; s < N_SECTORS; s++)
        w[s] = SECTORS[s].weight;
    gsl_ran_discrete_t *pick = gsl_ran_discrete_preproc(N_SECTORS, w);
    if (!pick)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for the generator");
    size_t count[N_SECTORS] = {0};
    mapa_err err = MAPA_OK;
    for (size_t a = 0; a < g->agencies; a++) {
        size_t s = gsl_ran_discrete(rng, pick), idx;
        char id[32], name[96];
        snprintf(id, sizeof id, "a%zu", a + 1);
        snprintf(name, sizeof name, "%s %zu", SECTORS[s].name, ++count[s]);
        err = mapa_partnership_add_agency(p, &idx, id, name, SECTORS[s].sector,
                                          mapa_sector_statutory(SECTORS[s].sector));
        if (err != MAPA_OK)
            goto cleanup;
    }
cleanup:
    gsl_ran_discrete_free(pick);
    return err;
}

static mapa_err add_topics(mapa_partnership *p, const mapa_generator *g, size_t allocatable)
{
    double share = (double)allocatable / (double)g->topics;
    size_t max_size = (size_t)ceil(g->capacity_slack * share);
    size_t min_size = share >= 2 ? (size_t)floor(0.5 * share) : 1;
    mapa_err err = MAPA_OK;
    for (size_t t = 0; err == MAPA_OK && t < g->topics; t++) {
        char id[32], name[96];
        snprintf(id, sizeof id, "t%zu", t + 1);
        if (t < N_TOPIC_NAMES)
            snprintf(name, sizeof name, "%s", TOPICS[t]);
        else
            snprintf(name, sizeof name, "%s %zu", TOPICS[t % N_TOPIC_NAMES], t / N_TOPIC_NAMES + 1);
        mapa_topic topic = {.id = id,
                            .name = name,
                            .min_size = min_size,
                            .max_size = max_size > min_size ? max_size : min_size,
                            .min_agencies = g->min_agencies,
                            .max_per_agency = MAPA_UNLIMITED,
                            .cf_required = g->cf_required};
        size_t idx;
        err = mapa_partnership_add_topic(p, &idx, &topic);
    }
    return err;
}

/*
 * Member i ranks topics by keys (log pop_t + affinity [sector_t = sector_i]) / dispersion
 * + Gumbel noise: the order of the keys is a Plackett-Luce draw with worths
 * exp(utility / dispersion) (Gumbel-max). Dispersion 0: utilities alone.
 */
/* Member's K preferences: the topics of the K largest keys. */
static void draw_prefs(size_t *prefs, size_t K, key *keys, const mapa_generator *g, gsl_rng *rng,
                       const double *pop, const size_t *close, size_t sector)
{
    size_t T = g->topics;
    for (size_t t = 0; t < T; t++) {
        double u = log(pop[t]) + (close[t] == sector ? g->affinity : 0.0);
        double noise = -log(-log(gsl_rng_uniform_pos(rng)));
        keys[t] = (key){g->dispersion > 0 ? u / g->dispersion + noise : u, t};
    }
    qsort(keys, T, sizeof *keys, by_key_desc);
    for (size_t k = 0; k < K; k++)
        prefs[k] = keys[k].topic;
}

static mapa_err add_members(mapa_partnership *p, const mapa_generator *g, gsl_rng *rng)
{
    size_t T = g->topics, K = g->prefs < T ? g->prefs : T;
    double *size_w = zipf_weights(rng, g->agencies, g->agency_skew);
    double *pop = zipf_weights(rng, T, g->popularity_skew);
    size_t *close = malloc((T + 1) * sizeof *close), *prefs = malloc((K + 1) * sizeof *prefs);
    key *keys = malloc((T + 1) * sizeof *keys);
    gsl_ran_discrete_t *pick = size_w ? gsl_ran_discrete_preproc(g->agencies, size_w) : NULL;
    mapa_err err = MAPA_OK;
    if (!size_w || !pop || !close || !prefs || !keys || !pick) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory for the generator");
        goto cleanup;
    }
    for (size_t t = 0; t < T; t++)
        close[t] = (size_t)SECTORS[gsl_rng_uniform_int(rng, N_SECTORS)].sector;
    for (size_t i = 0; i < g->members; i++) {
        size_t agency = gsl_ran_discrete(rng, pick);
        draw_prefs(prefs, K, keys, g, rng, pop, close, (size_t)p->agencies[agency].sector);
        double r = gsl_rng_uniform(rng);
        char id[32], name[64];
        snprintf(id, sizeof id, "m%zu", i + 1);
        snprintf(name, sizeof name, "Member %zu", i + 1);
        mapa_member m = {.id = id,
                         .name = name,
                         .agency = agency,
                         .role = "",
                         .discipline = "",
                         .spoc_willing = gsl_rng_uniform(rng) < g->spoc_willing,
                         .coordinator = i < g->coordinators,
                         .cf_capacity = r < 0.1   ? 0
                                        : r < 0.8 ? 1
                                                  : 2,
                         .prefs = prefs,
                         .n_prefs = i < g->coordinators ? 0 : K,
                         .fixed_team = MAPA_NONE,
                         .previous_team = MAPA_NONE};
        size_t idx;
        err = mapa_partnership_add_member(p, &idx, &m);
        if (err != MAPA_OK)
            goto cleanup;
    }
cleanup:
    gsl_ran_discrete_free(pick);
    free(size_w);
    free(pop);
    free(close);
    free(prefs);
    free(keys);
    return err;
}

/*
 * Contacts: from a random member to one who ranked the same first topic (60 %), one of
 * the same agency (20 %) or anyone (20 %), on a day of the 90 from 2026-01-01, weight 1-3.
 */
/* Members grouped by first preference and by agency (counting sort): lists and starts. */
static void group_members(const mapa_partnership *p, size_t *by_topic, size_t *topic_first,
                          size_t *by_agency, size_t *agency_first)
{
    size_t n = p->n_members, T = p->n_topics, A = p->n_agencies;
    for (size_t i = 0; i < n; i++) {
        topic_first[(p->members[i].n_prefs ? p->members[i].prefs[0] : 0) + 1]++;
        agency_first[p->members[i].agency + 1]++;
    }
    for (size_t t = 0; t < T; t++)
        topic_first[t + 1] += topic_first[t];
    for (size_t a = 0; a < A; a++)
        agency_first[a + 1] += agency_first[a];
    for (size_t i = 0; i < n; i++) {
        size_t t = p->members[i].n_prefs ? p->members[i].prefs[0] : 0;
        by_topic[topic_first[t]++] = i;
        by_agency[agency_first[p->members[i].agency]++] = i;
    }
    for (size_t t = T; t > 0; t--) /* back to the starts */
        topic_first[t] = topic_first[t - 1];
    for (size_t a = A; a > 0; a--)
        agency_first[a] = agency_first[a - 1];
    topic_first[0] = agency_first[0] = 0;
}

static mapa_err add_interactions(mapa_partnership *p, const mapa_generator *g, gsl_rng *rng)
{
    size_t n = p->n_members, T = p->n_topics, A = p->n_agencies;
    size_t *by_topic = malloc((n + 1) * sizeof *by_topic),
           *by_agency = malloc((n + 1) * sizeof *by_agency);
    size_t *topic_first = calloc(T + 2, sizeof *topic_first),
           *agency_first = calloc(A + 2, sizeof *agency_first);
    mapa_err err = MAPA_OK;
    if (!by_topic || !by_agency || !topic_first || !agency_first) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory for the generator");
        goto cleanup;
    }
    group_members(p, by_topic, topic_first, by_agency, agency_first);
    int32_t start = mapa_date_from_ymd(2026, 1, 1);
    for (size_t k = 0; k < g->interactions && n > 1; k++) {
        size_t from = gsl_rng_uniform_int(rng, n), to = from;
        double r = gsl_rng_uniform(rng);
        const size_t *list = NULL;
        size_t lo = 0, hi = 0;
        if (r < 0.6) {
            size_t t = p->members[from].n_prefs ? p->members[from].prefs[0] : 0;
            list = by_topic, lo = topic_first[t], hi = topic_first[t + 1];
        } else if (r < 0.8) {
            size_t a = p->members[from].agency;
            list = by_agency, lo = agency_first[a], hi = agency_first[a + 1];
        }
        for (int tries = 0; to == from && tries < 8; tries++)
            to = list && hi - lo > 1 ? list[lo + gsl_rng_uniform_int(rng, hi - lo)]
                                     : gsl_rng_uniform_int(rng, n);
        if (to == from)
            to = (from + 1) % n;
        mapa_interaction x = {from, to, start + (int32_t)gsl_rng_uniform_int(rng, 90),
                              (double)(1 + gsl_rng_uniform_int(rng, 3))};
        err = mapa_partnership_add_interaction(p, &x);
        if (err != MAPA_OK)
            goto cleanup;
    }
cleanup:
    free(by_topic);
    free(by_agency);
    free(topic_first);
    free(agency_first);
    return err;
}

/* The members, topics, agencies and contacts, drawn from rng in that order. */
static mapa_err populate(mapa_partnership *p, const mapa_generator *g, gsl_rng *rng)
{
    mapa_err err = add_agencies(p, g, rng);
    if (err != MAPA_OK)
        return err;
    err = add_topics(p, g, g->members - g->coordinators);
    if (err != MAPA_OK)
        return err;
    err = add_members(p, g, rng);
    if (err != MAPA_OK || !g->interactions)
        return err;
    return add_interactions(p, g, rng);
}

static mapa_err generate(mapa_partnership **out, const mapa_generator *g, mapa_planted_pair **truth,
                         size_t *n_truth)
{
    *out = NULL;
    if (truth)
        *truth = NULL;
    if (n_truth)
        *n_truth = 0;
    mapa_err err = mapa_generator_check(g);
    if (err != MAPA_OK)
        return err;
    mapa_partnership *p = NULL;
    gsl_rng *rng = NULL;
    mapa_planted_pair *pairs = NULL;
    size_t n_pairs = 0;
    err = mapa_partnership_new(&p);
    if (err != MAPA_OK)
        goto cleanup;
    rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (!rng) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory for the generator");
        goto cleanup;
    }
    gsl_rng_set(rng, g->seed);
    char name[128];
    snprintf(name, sizeof name,
             "Synthetic partnership (%zu members, %zu topics, %zu agencies, "
             "seed %lu)",
             g->members, g->topics, g->agencies, g->seed);
    free(p->settings.name);
    p->settings.name = mapa__strdup(name);
    p->settings.seed = g->seed;
    if (!p->settings.name) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory for the generator");
        goto cleanup;
    }
    err = populate(p, g, rng);
    if (err != MAPA_OK)
        goto cleanup;
    unsigned long action_seed = gsl_rng_get(rng);
    if (g->actions) {
        err =
            mapa_generate_actions(p, g->actions, g->duplicate_share, action_seed, &pairs, &n_pairs);
        if (err != MAPA_OK)
            goto cleanup;
    }
    if (truth) { /* the caller owns them now */
        *truth = pairs;
        *n_truth = n_pairs;
        pairs = NULL;
    }
    *out = p;
    p = NULL;
cleanup:
    free(pairs);
    gsl_rng_free(rng); /* safe on NULL */
    mapa_partnership_free(p);
    return err;
}

/* The public entry point: GSL's and igraph's handlers quiet around the work (models/handlers.h). */
mapa_err mapa_generate_partnership(mapa_partnership **out, const mapa_generator *g,
                                   mapa_planted_pair **truth, size_t *n_truth)
{
    mapa__handlers saved;
    mapa__handlers_enter(&saved);
    mapa_err err = generate(out, g, truth, n_truth);
    mapa__handlers_leave(&saved);
    return err;
}
