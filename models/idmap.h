/* A hash map from id strings to array indices, for O(1) lookup by id. */
#ifndef MAPA_MODELS_IDMAP_H
#define MAPA_MODELS_IDMAP_H

#include <stddef.h>

#include <mapa/error.h>
#include <mapa/partnership.h>

/** A new empty map; free with mapa__idmap_free. */
mapa_err mapa__idmap_new(mapa_idmap **out);
void mapa__idmap_free(mapa_idmap *m);

/**
 * Map `key` to `index`. The key is borrowed: it must outlive the map.
 * If the key exists, `*existing` receives its index and nothing changes.
 */
mapa_err mapa__idmap_put(mapa_idmap *m, const char *key, size_t index, size_t *existing);

/** The index of `key`, or MAPA_NONE. */
size_t mapa__idmap_get(const mapa_idmap *m, const char *key);

#endif
