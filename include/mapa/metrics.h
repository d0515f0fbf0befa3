/*
 * Social-network-analysis figures of a mapa_network: per member, per agency
 * (group), per sector and for the whole network. Definitions, formulas and
 * normalisations: docs/metrics.md.
 */
#ifndef MAPA_METRICS_H
#define MAPA_METRICS_H

#include <stdbool.h>
#include <stddef.h>

#include <mapa/network.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Gould-Fernandez roles, in the order of R sna::brokerage. */
enum {
    MAPA_BROKER_COORDINATOR,    /**< w_I: all three in the broker's agency */
    MAPA_BROKER_ITINERANT,      /**< w_O: the two ends in one other agency */
    MAPA_BROKER_REPRESENTATIVE, /**< b_IO: from the broker's agency to another */
    MAPA_BROKER_GATEKEEPER,     /**< b_OI: from another agency into the broker's */
    MAPA_BROKER_LIAISON,        /**< b_O: three different agencies */
    MAPA_BROKER_TOTAL,
    MAPA_BROKER_ROLES
};

typedef struct mapa_node_metrics {
    size_t degree;
    double strength;                     /**< sum of tie weights */
    double betweenness;                  /**< normalised: / ((n-1)(n-2)/2) */
    double harmonic;                     /**< mean of 1/d(v,u) over the other n-1 nodes */
    double eigenvector;                  /**< largest = 1 */
    double clustering;                   /**< local; 0 below degree 2 */
    double constraint;                   /**< Burt, weighted; NaN for isolated nodes */
    double effective_size;               /**< Burt (Borgatti's form): degree - 2 t / degree */
    double efficiency;                   /**< effective size / degree */
    double ei;                           /**< E-I of the node's ties by agency; NaN without ties */
    double brokerage[MAPA_BROKER_ROLES]; /**< raw counts */
    double brokerage_z[MAPA_BROKER_ROLES]; /**< z-scores; NaN when undefined */
    bool articulation;                     /**< removing it splits its component */
    size_t bridges;                        /**< bridges (ties whose removal splits) it sits on */
    size_t community;                      /**< Leiden community */
} mapa_node_metrics;

typedef struct mapa_group_metrics {
    size_t size;                         /**< nodes */
    size_t internal, external;           /**< ties inside, ties to other groups */
    double ei;                           /**< (E - I) / (E + I); NaN without ties */
    double density;                      /**< ties inside / (size (size - 1) / 2) */
    double brokerage[MAPA_BROKER_ROLES]; /**< summed over the group's nodes */
} mapa_group_metrics;

typedef struct mapa_metrics {
    size_t n, n_ties;
    mapa_node_metrics *node;
    size_t n_groups;
    mapa_group_metrics *group; /**< per agency */
    double sector_ei[16];      /**< E-I by sector of each sector (index mapa_sector); NaN if none */
    size_t sector_size[16];
    /* whole network */
    double density;
    size_t components, largest_component, isolates;
    double average_path; /**< over connected pairs */
    double transitivity; /**< global: 3 x triangles / connected triples */
    double average_clustering;
    double modularity_team;   /**< of the team partition; NaN without teams */
    double modularity_leiden; /**< of the Leiden partition (modularity, weights) */
    size_t leiden_communities;
    double ei;        /**< whole network, by agency */
    double ei_sector; /**< whole network, by sector */
    double assortativity_agency, assortativity_sector;
    double degree_centralization;      /**< Freeman, normalised, member network */
    double betweenness_centralization; /**< Freeman, normalised, member network */
    size_t articulation_points, bridges;
    bool betweenness_exact; /**< false: estimated from sampled sources (large networks) */
    size_t twin_classes;    /**< classes of true twins the exact paths ran on */
    size_t sampled_sources; /**< sources of the estimates, 0 when exact */
    /* the agency graph: agencies, tied when members are */
    size_t agency_nodes, agency_ties;
    double agency_density;
    double agency_degree_centralization, agency_betweenness_centralization;
    double algebraic_connectivity; /**< second-smallest Laplacian eigenvalue, agency graph */
} mapa_metrics;

/** An empty result (what mapa_metrics_dispose leaves). */
#define MAPA_METRICS_INIT {.n = 0}

typedef struct mapa_metrics_options {
    /** Exact paths (betweenness, closeness, path length) when classes x (classes + 2 quotient
        ties) is at most this; above it, estimates from 500 evenly spaced sources. */
    double exact_work_max;
    unsigned long seed; /**< Leiden's random order */
    /** Called as each group of figures starts ("degree", "betweenness", ...), NULL at the end. */
    void (*stage)(const char *name, void *payload);
    void *payload;
} mapa_metrics_options;

#define MAPA_METRICS_OPTIONS_INIT {.exact_work_max = 2e8, .seed = 1}

/** Compute every figure; free with mapa_metrics_dispose. */
mapa_err mapa_metrics_compute(mapa_metrics *out, const mapa_network *net,
                              const mapa_metrics_options *options);

void mapa_metrics_dispose(mapa_metrics *m);

#ifdef __cplusplus
}
#endif

#endif
