/*
 * The communication network: nodes (members, or the labels of an edge list)
 * and undirected ties, each typed and weighted. Built from a plan (teams,
 * SPOCs, Critical Friends), from interactions.csv, or from any edge list.
 */
#ifndef MAPA_NETWORK_H
#define MAPA_NETWORK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mapa/cf.h>
#include <mapa/partnership.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Kinds of tie (bits: two members can be tied in several ways). */
enum {
    MAPA_TIE_TEAM = 1,     /**< members of the same sub-team */
    MAPA_TIE_CF = 2,       /**< a Critical Friend and a member of the team it reviews */
    MAPA_TIE_SPOC = 4,     /**< SPOC to SPOC */
    MAPA_TIE_COORD = 8,    /**< co-ordination team to a SPOC (and within it) */
    MAPA_TIE_OBSERVED = 16 /**< logged in interactions.csv or the edge list */
};

typedef struct mapa_tie {
    size_t a, b;   /**< a < b */
    double weight; /**< ties merged (plan), or summed contact weights (observed) */
    unsigned kind; /**< MAPA_TIE_* bits */
} mapa_tie;

typedef struct mapa_network {
    size_t n;           /**< nodes */
    char **label;       /**< node ids, owned */
    char **name;        /**< display names, owned */
    size_t *group;      /**< agency of each node, or MAPA_NONE */
    size_t *sector;     /**< sector of each node (mapa_sector), or MAPA_NONE */
    size_t *team;       /**< team of each node, or MAPA_NONE */
    size_t n_groups;    /**< agencies (group ids index group_label) */
    char **group_label; /**< owned */
    size_t n_teams;
    char **team_label;       /**< owned */
    double *sent, *received; /**< observed only (else NULL): contact weight from / to each node */
    double reciprocity;      /**< observed: share of directed pairs a -> b with b -> a too */
    mapa_tie *ties;          /**< sorted by (a, b), no duplicates, no loops (after finish) */
    size_t n_ties, cap_ties; /**< ties listed (implied clique ties not counted) */
    /* Implied ties, for plans too large to list: every two nodes of one clique are tied
       (weight 1, MAPA_TIE_TEAM) without being listed in `ties`. Cliques are disjoint and
       no listed tie joins two nodes of one clique (docs/metrics.md, "Large plans"). */
    size_t n_cliques;
    size_t *clique_first; /**< n_cliques + 1 offsets into clique_node; NULL without cliques */
    size_t *clique_node;  /**< the nodes of each clique, ascending */
} mapa_network;

#define MAPA_NETWORK_INIT {.n = 0}

/** Team ties above which mapa_network_from_plan keeps the teams as cliques, unlisted. */
#define MAPA_NETWORK_LIST_MAX 20000

/**
 * The planned network of a partnership: every member a node (co-ordinators
 * included); `team` per member (MAPA_NONE for co-ordinators), `spoc` per topic
 * (may be NULL), `cf` the Critical Friends (may be NULL). When the teams hold
 * more than MAPA_NETWORK_LIST_MAX ties they are kept as cliques (net->cliques)
 * and only the Critical Friend, SPOC and co-ordination ties are listed.
 */
mapa_err mapa_network_from_plan(mapa_network *net, const mapa_partnership *p, const size_t *team,
                                const size_t *spoc, const mapa_cf *cf);

/**
 * The observed network of interactions.csv between days first and last
 * (inclusive), ties undirected, weights summed. `team` may be NULL.
 */
mapa_err mapa_network_from_log(mapa_network *net, const mapa_partnership *p, const size_t *team,
                               int32_t first, int32_t last);

/** Add one tie (merged with an existing one: weights add, kinds join). */
mapa_err mapa_network_add_tie(mapa_network *net, size_t a, size_t b, double weight, unsigned kind);

/** Sort and merge the ties added; call once after the last mapa_network_add_tie. */
void mapa_network_finish(mapa_network *net);

/**
 * Add a clique of `count` distinct nodes (implied ties; call before
 * mapa_network_finish). The nodes must be in no other clique.
 */
mapa_err mapa_network_add_clique(mapa_network *net, const size_t *nodes, size_t count);

/** Ties, listed and implied by the cliques. */
size_t mapa_network_tie_count(const mapa_network *net);

/** List every implied tie in `ties` and drop the cliques (for small networks and checks). */
mapa_err mapa_network_expand(mapa_network *net);

/**
 * Add to `agg` a tie between map[a] and map[b] for every tie a-b of `net` whose ends
 * map to two different nodes of `agg`, weighted by the number of such member ties
 * (MAPA_NONE in `map`: left out). Cliques are counted in closed form, O(clique
 * size) each plus the pairs of values present. Call mapa_network_finish on `agg` after.
 */
mapa_err mapa_network_aggregate(mapa_network *agg, const mapa_network *net, const size_t *map);

void mapa_network_dispose(mapa_network *net);

#ifdef __cplusplus
}
#endif

#endif
