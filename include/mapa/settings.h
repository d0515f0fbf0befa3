/* Settings of a partnership: defaults for topics and members, and the solvers' options. */
#ifndef MAPA_SETTINGS_H
#define MAPA_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** "No limit" for a size or a count. */
#define MAPA_UNLIMITED SIZE_MAX

/** How ranked preferences are scored in the allocation objective (docs/model.md). */
typedef enum mapa_objective {
    MAPA_OBJECTIVE_BORDA = 0,    /**< rank r of K scores K+1-r */
    MAPA_OBJECTIVE_CONVEX,       /**< rank r of K scores 2^(K-r) */
    MAPA_OBJECTIVE_WEIGHTS,      /**< rank r scores weights[r-1] */
    MAPA_OBJECTIVE_RANK_MAXIMAL, /**< most first choices, then most second, ... */
    MAPA_OBJECTIVE_FAIR          /**< best worst rank first, then borda */
} mapa_objective;

/** What the loader does with a near miss of a name (settings.json `near_miss`). */
typedef enum mapa_near_miss {
    MAPA_NEAR_MISS_MATCH = 0, /**< read it as the near name, with a warning */
    MAPA_NEAR_MISS_ERROR      /**< an error: "did you mean 'Nottinghamshire Police'?" */
} mapa_near_miss;

/** One entry of settings.json `columns`: a file's own header for one of mapa's columns. */
typedef struct mapa_column_name {
    char *file;   /**< "members", "topics", "agencies", ... (the file's name without .csv) */
    char *column; /**< mapa's column name: "id", "pref1" */
    char *header; /**< the header as the file writes it: "Email address" */
} mapa_column_name;

/** Every setting of settings.json; a CLI flag overrides the file. */
typedef struct mapa_settings {
    char *name; /**< the partnership's name, or NULL */
    mapa_objective objective;
    double *weights; /**< for MAPA_OBJECTIVE_WEIGHTS, best rank first */
    size_t n_weights;
    /* defaults for topics.csv columns left empty */
    size_t min_size;
    size_t max_size; /**< MAPA_UNLIMITED by default */
    size_t min_agencies;
    size_t max_per_agency; /**< MAPA_UNLIMITED by default */
    size_t cf_required;
    /* defaults for members.csv columns left empty */
    size_t cf_capacity;
    /* allocation */
    bool require_statutory; /**< every team has a member of a statutory agency */
    bool require_voluntary; /**< every team has a member of a voluntary agency */
    double move_penalty;    /**< per member moved from previous_team */
    size_t max_moves;       /**< MAPA_UNLIMITED by default */
    bool soft;              /**< relax limits with penalties instead of failing */
    /* critical friends */
    double cf_interest_weight;
    double cf_novelty_weight;
    double cf_load_weight;
    double cf_reach_weight;
    double cf_overlap_weight; /**< per link h -> t, times the overlap of the two teams' plans; 0: off */
    bool no_spoc_cf;
    bool cf_per_stage;
    bool excel; /**< CSV outputs start with a UTF-8 byte-order mark, for Excel */
    /* duplicated actions (docs/duplicates.md) */
    double dup_threshold;     /**< combined score from which a pair is a duplicate */
    double dup_text_weight;   /**< weights of the combined score: TF-IDF cosine, */
    double dup_tags_weight;   /**< shared tags (Jaccard), */
    double dup_target_weight; /**< the same target group, */
    double dup_dates_weight;  /**< overlapping dates */
    double dup_jaccard;       /**< shingle similarity the LSH bands are tuned for */
    /* reading the files (docs/formats.md, "Names" and "columns") */
    mapa_near_miss near_miss;
    mapa_column_name *columns; /**< owned; in the order settings.json gives them */
    size_t n_columns;
    /* runs */
    uint64_t seed;
    double time_limit; /**< seconds; 0 means none */
} mapa_settings;

/** Fill `s` with the documented defaults (docs/formats.md). */
void mapa_settings_init(mapa_settings *s);

/** Free what `s` owns and reset it to the defaults. */
void mapa_settings_dispose(mapa_settings *s);

/** The objective's name as settings.json spells it ("borda", ...). */
const char *mapa_objective_name(mapa_objective objective);

/** Parse an objective name; returns false when `name` is not one. */
bool mapa_objective_parse(mapa_objective *out, const char *name);

#ifdef __cplusplus
}
#endif
#endif
