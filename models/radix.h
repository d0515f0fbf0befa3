/* LSD radix sorts for the large arrays of duplicate detection (16-bit digits, stable). */
#ifndef MAPA_MODELS_RADIX_H
#define MAPA_MODELS_RADIX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** A 64-bit key with a 32-bit payload. */
typedef struct mapa__keyed {
    uint64_t key;
    uint32_t doc;
} mapa__keyed;

/** Sort by key, then (stably) keeping the input order of equal keys; false on out of memory. */
bool mapa__radix_keyed(mapa__keyed *a, size_t n);

/** The same for keys below 2^32 (two passes instead of four). */
bool mapa__radix_keyed32(mapa__keyed *a, size_t n);

/** Sort 64-bit values; false on out of memory. */
bool mapa__radix_u64(uint64_t *a, size_t n);

#endif
