/* The partnership's arrays of agencies, topics and members, kept in step with their id maps. */
#include <mapa/partnership.h>

#include <stdlib.h>
#include <string.h>

#include "models/idmap.h"
#include "models/util.h"

static const char *const sector_names[MAPA_SECTOR_COUNT] = {
    "unknown", "police", "local_authority", "health",   "government", "fire",
    "ngo",     "faith",  "business",        "academia", "other",
};

const char *mapa_sector_name(mapa_sector sector)
{
    return (unsigned)sector < MAPA_SECTOR_COUNT ? sector_names[sector] : "unknown";
}

bool mapa_sector_parse(mapa_sector *out, const char *name)
{
    for (int s = 0; s < MAPA_SECTOR_COUNT; s++) {
        if (mapa__streq_nocase(name, sector_names[s])) {
            *out = (mapa_sector)s;
            return true;
        }
    }
    return false;
}

bool mapa_sector_statutory(mapa_sector sector)
{
    switch (sector) {
    case MAPA_SECTOR_POLICE:
    case MAPA_SECTOR_LOCAL_AUTHORITY:
    case MAPA_SECTOR_HEALTH:
    case MAPA_SECTOR_GOVERNMENT:
    case MAPA_SECTOR_FIRE: return true;
    default: return false;
    }
}

bool mapa_sector_voluntary(mapa_sector sector)
{
    return sector == MAPA_SECTOR_NGO || sector == MAPA_SECTOR_FAITH;
}

mapa_err mapa_partnership_new(mapa_partnership **out)
{
    mapa_partnership *p = calloc(1, sizeof *p);
    if (!p)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for a partnership");
    mapa_settings_init(&p->settings);
    mapa_err err = mapa__idmap_new(&p->agency_ids);
    if (err != MAPA_OK)
        goto cleanup;
    err = mapa__idmap_new(&p->topic_ids);
    if (err != MAPA_OK)
        goto cleanup;
    err = mapa__idmap_new(&p->member_ids);
    if (err != MAPA_OK)
        goto cleanup;
    err = mapa__idmap_new(&p->action_ids);
    if (err != MAPA_OK)
        goto cleanup;
    *out = p; /* the caller owns it now */
    p = NULL;
cleanup:
    mapa_partnership_free(p);
    return err;
}

static void member_dispose(mapa_member *m)
{
    free(m->id);
    free(m->name);
    free(m->role);
    free(m->discipline);
    free(m->prefs);
    free(m->avoid);
}

static void action_dispose(mapa_action *a)
{
    free(a->id);
    free(a->title);
    free(a->description);
    for (size_t k = 0; a->tags && k < a->n_tags; k++)
        free(a->tags[k]);
    free(a->tags);
    free(a->target_group);
}

void mapa_partnership_free(mapa_partnership *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n_agencies; i++) {
        free(p->agencies[i].id);
        free(p->agencies[i].name);
    }
    for (size_t i = 0; i < p->n_topics; i++) {
        free(p->topics[i].id);
        free(p->topics[i].name);
    }
    for (size_t i = 0; i < p->n_members; i++)
        member_dispose(&p->members[i]);
    free(p->agencies);
    free(p->topics);
    free(p->members);
    free(p->interactions);
    for (size_t i = 0; i < p->n_actions; i++)
        action_dispose(&p->actions[i]);
    free(p->actions);
    mapa__idmap_free(p->action_ids);
    mapa__idmap_free(p->agency_ids);
    mapa__idmap_free(p->topic_ids);
    mapa__idmap_free(p->member_ids);
    mapa_settings_dispose(&p->settings);
    free(p);
}

/* Room for one more item in `*array`; MAPA_ENOMEM leaves it as it was. */
static mapa_err reserve(void *array, size_t *cap, size_t count, size_t item_size)
{
    void **a = array;
    if (!mapa__grow(a, cap, count + 1, item_size))
        return mapa_error_set(MAPA_ENOMEM, "out of memory growing the partnership");
    return MAPA_OK;
}

mapa_err mapa_partnership_add_agency(mapa_partnership *p, size_t *index, const char *id,
                                     const char *name, mapa_sector sector, bool statutory)
{
    size_t existing = mapa__idmap_get(p->agency_ids, id);
    if (existing != MAPA_NONE) {
        *index = existing;
        return mapa_error_set(MAPA_EINVAL, "duplicate agency id '%s'", id);
    }
    mapa_err err = reserve(&p->agencies, &p->cap_agencies, p->n_agencies, sizeof *p->agencies);
    if (err != MAPA_OK)
        return err;
    mapa_agency a = {mapa__strdup(id), mapa__strdup(name ? name : id), sector, statutory, true, 0};
    if (!a.id || !a.name || mapa__idmap_put(p->agency_ids, a.id, p->n_agencies, NULL) != MAPA_OK) {
        free(a.id);
        free(a.name);
        return mapa_error_set(MAPA_ENOMEM, "out of memory adding agency '%s'", id);
    }
    *index = p->n_agencies;
    p->agencies[p->n_agencies++] = a;
    return MAPA_OK;
}

mapa_err mapa_partnership_add_topic(mapa_partnership *p, size_t *index, const mapa_topic *topic)
{
    size_t existing = mapa__idmap_get(p->topic_ids, topic->id);
    if (existing != MAPA_NONE) {
        *index = existing;
        return mapa_error_set(MAPA_EINVAL, "duplicate topic id '%s'", topic->id);
    }
    mapa_err err = reserve(&p->topics, &p->cap_topics, p->n_topics, sizeof *p->topics);
    if (err != MAPA_OK)
        return err;
    mapa_topic t = *topic;
    t.id = mapa__strdup(topic->id);
    t.name = mapa__strdup(topic->name ? topic->name : topic->id);
    if (!t.id || !t.name || mapa__idmap_put(p->topic_ids, t.id, p->n_topics, NULL) != MAPA_OK) {
        free(t.id);
        free(t.name);
        return mapa_error_set(MAPA_ENOMEM, "out of memory adding topic '%s'", topic->id);
    }
    *index = p->n_topics;
    p->topics[p->n_topics++] = t;
    return MAPA_OK;
}

static size_t *copy_indices(const size_t *src, size_t n)
{
    if (n == 0)
        return NULL;
    size_t *copy = malloc(n * sizeof *copy);
    if (copy)
        memcpy(copy, src, n * sizeof *copy);
    return copy;
}

mapa_err mapa_partnership_add_member(mapa_partnership *p, size_t *index, const mapa_member *member)
{
    size_t existing = mapa__idmap_get(p->member_ids, member->id);
    if (existing != MAPA_NONE) {
        *index = existing;
        return mapa_error_set(MAPA_EINVAL, "duplicate member id '%s'", member->id);
    }
    mapa_err err = reserve(&p->members, &p->cap_members, p->n_members, sizeof *p->members);
    if (err != MAPA_OK)
        return err;
    mapa_member m = *member;
    m.id = mapa__strdup(member->id);
    m.name = mapa__strdup(member->name ? member->name : member->id);
    m.role = mapa__strdup(member->role ? member->role : "");
    m.discipline = mapa__strdup(member->discipline ? member->discipline : "");
    m.prefs = copy_indices(member->prefs, member->n_prefs);
    m.avoid = copy_indices(member->avoid, member->n_avoid);
    bool ok = m.id && m.name && m.role && m.discipline && (m.prefs || !m.n_prefs) &&
              (m.avoid || !m.n_avoid);
    if (!ok || mapa__idmap_put(p->member_ids, m.id, p->n_members, NULL) != MAPA_OK) {
        member_dispose(&m);
        return mapa_error_set(MAPA_ENOMEM, "out of memory adding member '%s'", member->id);
    }
    *index = p->n_members;
    p->members[p->n_members++] = m;
    if (m.n_prefs > p->max_prefs)
        p->max_prefs = m.n_prefs;
    return MAPA_OK;
}

size_t mapa_partnership_find_agency(const mapa_partnership *p, const char *id)
{
    return mapa__idmap_get(p->agency_ids, id);
}

size_t mapa_partnership_find_topic(const mapa_partnership *p, const char *id)
{
    return mapa__idmap_get(p->topic_ids, id);
}

size_t mapa_partnership_find_member(const mapa_partnership *p, const char *id)
{
    return mapa__idmap_get(p->member_ids, id);
}

size_t mapa_partnership_allocatable(const mapa_partnership *p)
{
    size_t n = 0;
    for (size_t i = 0; i < p->n_members; i++)
        n += !p->members[i].coordinator;
    return n;
}

mapa_err mapa_partnership_add_interaction(mapa_partnership *p, const mapa_interaction *x)
{
    if (x->from >= p->n_members || x->to >= p->n_members)
        return mapa_error_set(MAPA_EINVAL, "interaction between unknown members");
    mapa_err err =
        reserve(&p->interactions, &p->cap_interactions, p->n_interactions, sizeof *p->interactions);
    if (err != MAPA_OK)
        return err;
    p->interactions[p->n_interactions++] = *x;
    return MAPA_OK;
}

mapa_err mapa_partnership_add_action(mapa_partnership *p, size_t *index, const mapa_action *a)
{
    size_t existing = mapa__idmap_get(p->action_ids, a->id);
    if (existing != MAPA_NONE) {
        *index = existing;
        return mapa_error_set(MAPA_EINVAL, "duplicate action id '%s'", a->id);
    }
    if (a->team >= p->n_topics)
        return mapa_error_set(MAPA_EINVAL, "action '%s' of an unknown team", a->id);
    mapa_err err = reserve(&p->actions, &p->cap_actions, p->n_actions, sizeof *p->actions);
    if (err != MAPA_OK)
        return err;
    mapa_action c = *a;
    c.id = mapa__strdup(a->id);
    c.title = mapa__strdup(a->title ? a->title : "");
    c.description = mapa__strdup(a->description ? a->description : "");
    c.target_group = mapa__strdup(a->target_group ? a->target_group : "");
    c.tags = calloc(a->n_tags + 1, sizeof *c.tags);
    bool ok = c.id && c.title && c.description && c.target_group && c.tags;
    for (size_t k = 0; ok && k < a->n_tags; k++)
        ok = (c.tags[k] = mapa__strdup(a->tags[k])) != NULL;
    if (!ok || mapa__idmap_put(p->action_ids, c.id, p->n_actions, NULL) != MAPA_OK) {
        action_dispose(&c);
        return mapa_error_set(MAPA_ENOMEM, "out of memory growing the partnership");
    }
    *index = p->n_actions;
    p->actions[p->n_actions++] = c;
    return MAPA_OK;
}
