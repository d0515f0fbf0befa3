/*
 * Open-addressing hash map (linear probing, FNV-1a) from borrowed id strings
 * to indices. Load factor stays below 1/2, so lookups are O(1) expected.
 */
#include "models/idmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct slot {
    const char *key; /* NULL: empty */
    size_t index;
} slot;

struct mapa_idmap {
    slot *slots;
    size_t cap; /* a power of two */
    size_t count;
};

static uint64_t hash(const char *s)
{
    uint64_t h = 14695981039346656037ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

mapa_err mapa__idmap_new(mapa_idmap **out)
{
    mapa_idmap *m = calloc(1, sizeof *m);
    slot *slots = calloc(16, sizeof *slots);
    if (!m || !slots) {
        free(m);
        free(slots);
        return mapa_error_set(MAPA_ENOMEM, "out of memory for an id map");
    }
    m->slots = slots;
    m->cap = 16;
    *out = m;
    return MAPA_OK;
}

void mapa__idmap_free(mapa_idmap *m)
{
    if (!m)
        return;
    free(m->slots);
    free(m);
}

static slot *find(slot *slots, size_t cap, const char *key)
{
    size_t i = (size_t)hash(key) & (cap - 1);
    while (slots[i].key && strcmp(slots[i].key, key) != 0)
        i = (i + 1) & (cap - 1);
    return &slots[i];
}

static mapa_err rehash(mapa_idmap *m)
{
    if (m->cap > SIZE_MAX / 2 / sizeof(slot))
        return mapa_error_set(MAPA_ENOMEM, "id map too large");
    size_t cap = m->cap * 2;
    slot *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for an id map");
    for (size_t i = 0; i < m->cap; i++)
        if (m->slots[i].key)
            *find(slots, cap, m->slots[i].key) = m->slots[i];
    free(m->slots);
    m->slots = slots;
    m->cap = cap;
    return MAPA_OK;
}

mapa_err mapa__idmap_put(mapa_idmap *m, const char *key, size_t index, size_t *existing)
{
    slot *s = find(m->slots, m->cap, key);
    if (s->key) {
        if (existing)
            *existing = s->index;
        return mapa_error_set(MAPA_EINVAL, "duplicate id '%s'", key);
    }
    if ((m->count + 1) * 2 > m->cap) {
        mapa_err err = rehash(m);
        if (err != MAPA_OK)
            return err;
        s = find(m->slots, m->cap, key);
    }
    s->key = key;
    s->index = index;
    m->count++;
    return MAPA_OK;
}

size_t mapa__idmap_get(const mapa_idmap *m, const char *key)
{
    const slot *s = find(m->slots, m->cap, key);
    return s->key ? s->index : MAPA_NONE;
}
