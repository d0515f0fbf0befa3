/* A partnership: its agencies, members, topics and ranked preferences, with lookup by id. */
#ifndef MAPA_PARTNERSHIP_H
#define MAPA_PARTNERSHIP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mapa/error.h>
#include <mapa/settings.h>

#ifdef __cplusplus
extern "C" {
#endif

/** "No index": an unset reference (no fixed team, no previous team...). */
#define MAPA_NONE SIZE_MAX

/** The kind of organisation an agency is (agencies.csv `sector`). */
typedef enum mapa_sector {
    MAPA_SECTOR_UNKNOWN = 0,
    MAPA_SECTOR_POLICE,
    MAPA_SECTOR_LOCAL_AUTHORITY,
    MAPA_SECTOR_HEALTH,
    MAPA_SECTOR_GOVERNMENT,
    MAPA_SECTOR_FIRE,
    MAPA_SECTOR_NGO,
    MAPA_SECTOR_FAITH,
    MAPA_SECTOR_BUSINESS,
    MAPA_SECTOR_ACADEMIA,
    MAPA_SECTOR_OTHER,
    MAPA_SECTOR_COUNT
} mapa_sector;

/** The sector's name as agencies.csv spells it ("local_authority", ...). */
const char *mapa_sector_name(mapa_sector sector);
/** Parse a sector name (case-insensitive); false when it is not one. */
bool mapa_sector_parse(mapa_sector *out, const char *name);
/** Whether agencies of a sector are statutory unless agencies.csv says otherwise. */
bool mapa_sector_statutory(mapa_sector sector);
/** Whether a sector counts as voluntary (NGOs and faith groups). */
bool mapa_sector_voluntary(mapa_sector sector);

typedef struct mapa_agency {
    char *id;
    char *name;
    mapa_sector sector;
    bool statutory;
    bool listed; /**< false when only named in members.csv */
    size_t line; /**< row in agencies.csv, or 0 */
} mapa_agency;

typedef struct mapa_topic {
    char *id;
    char *name;
    size_t min_size;
    size_t max_size; /**< MAPA_UNLIMITED when unbounded */
    size_t min_agencies;
    size_t max_per_agency; /**< MAPA_UNLIMITED when unbounded */
    size_t cf_required;
    size_t line; /**< row in topics.csv */
} mapa_topic;

typedef struct mapa_member {
    char *id;
    char *name;
    size_t agency;    /**< index into agencies */
    char *role;       /**< "" when not given */
    char *discipline; /**< "" when not given */
    bool spoc_willing;
    bool coordinator;   /**< sits on the co-ordination team; never allocated */
    size_t cf_capacity; /**< teams this member can serve as a Critical Friend */
    size_t *prefs;      /**< topic indices, best first */
    size_t n_prefs;
    size_t fixed_team; /**< topic index or MAPA_NONE */
    size_t *avoid;     /**< topic indices */
    size_t n_avoid;
    size_t previous_team; /**< topic index or MAPA_NONE */
    size_t line;          /**< row in members.csv */
} mapa_member;

/** One logged contact of interactions.csv: `from` wrote to, called or met `to`. */
typedef struct mapa_interaction {
    size_t from, to; /**< member indices */
    int32_t day;     /**< days since 1970-01-01 */
    double weight;   /**< positive; 1 when not given */
} mapa_interaction;

/** The four stages of a sub-team's work on an action. */
typedef enum mapa_action_stage {
    MAPA_ACTION_NONE = 0,
    MAPA_ACTION_DECISION,
    MAPA_ACTION_ACTION,
    MAPA_ACTION_EVALUATION,
    MAPA_ACTION_DISSEMINATION
} mapa_action_stage;

/** One planned action of a sub-team (actions.csv). */
typedef struct mapa_action {
    char *id;
    size_t team; /**< topic index */
    char *title;
    char *description;
    char **tags; /**< lower-cased, trimmed */
    size_t n_tags;
    char *target_group; /**< "" when not given */
    int32_t start, end; /**< day numbers; INT32_MIN / INT32_MAX when not given */
    mapa_action_stage stage;
    size_t line; /**< row in actions.csv */
} mapa_action;

typedef struct mapa_idmap mapa_idmap;

/**
 * A partnership. The arrays are read freely; change them only through the
 * functions below so the id maps stay true.
 */
typedef struct mapa_partnership {
    mapa_agency *agencies;
    size_t n_agencies;
    mapa_topic *topics;
    size_t n_topics;
    mapa_member *members;
    size_t n_members;
    size_t max_prefs;               /**< K: the longest preference list */
    mapa_interaction *interactions; /**< interactions.csv, in file order (may be empty) */
    size_t n_interactions;
    mapa_action *actions; /**< actions.csv, in file order (may be empty) */
    size_t n_actions;
    mapa_settings settings;
    mapa_idmap *agency_ids;
    mapa_idmap *topic_ids;
    mapa_idmap *member_ids;
    size_t cap_agencies, cap_topics, cap_members, cap_interactions, cap_actions;
    mapa_idmap *action_ids;
} mapa_partnership;

/** A new, empty partnership with default settings; free with mapa_partnership_free. */
mapa_err mapa_partnership_new(mapa_partnership **out);
void mapa_partnership_free(mapa_partnership *p);

/**
 * Add an agency, copying the strings. `*index` receives its index.
 * Fails with MAPA_EINVAL if the id exists (its index is still stored).
 */
mapa_err mapa_partnership_add_agency(mapa_partnership *p, size_t *index, const char *id,
                                     const char *name, mapa_sector sector, bool statutory);
/** Add a topic, copying it (the strings are copied); same contract as above. */
mapa_err mapa_partnership_add_topic(mapa_partnership *p, size_t *index, const mapa_topic *topic);
/**
 * Add a member, taking a deep copy of `member` (strings, prefs and avoid).
 * Its references must already be valid indices.
 */
mapa_err mapa_partnership_add_member(mapa_partnership *p, size_t *index, const mapa_member *member);

/** Index of the agency, topic or member with this id, or MAPA_NONE. O(1) expected. */
/**
 * Add an action, copying it (strings and tags are copied); MAPA_EINVAL
 * (with *index the existing one) when its id is already taken.
 */
mapa_err mapa_partnership_add_action(mapa_partnership *p, size_t *index, const mapa_action *a);

/** Append a logged contact (member indices must be valid). */
mapa_err mapa_partnership_add_interaction(mapa_partnership *p, const mapa_interaction *x);

size_t mapa_partnership_find_agency(const mapa_partnership *p, const char *id);
size_t mapa_partnership_find_topic(const mapa_partnership *p, const char *id);
size_t mapa_partnership_find_member(const mapa_partnership *p, const char *id);

/** Members that are allocated to sub-teams (everyone but co-ordinators). */
size_t mapa_partnership_allocatable(const mapa_partnership *p);

#ifdef __cplusplus
}
#endif
#endif
