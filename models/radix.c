/* LSD radix sorts: four passes of 16-bit digits through a buffer of the same size. */
#include "models/radix.h"

#include <stdlib.h>
#include <string.h>

enum { BUCKETS = 1 << 16 };

#define RADIX_SORT(T, KEY, DIGITS)                                                                 \
    T *tmp = malloc((n + 1) * sizeof *tmp);                                                        \
    size_t *count = malloc(BUCKETS * sizeof *count);                                               \
    if (!tmp || !count) {                                                                          \
        free(tmp);                                                                                 \
        free(count);                                                                               \
        return false;                                                                              \
    }                                                                                              \
    T *from = a, *to = tmp;                                                                        \
    for (int d = 0; d < DIGITS; d++) {                                                             \
        int shift = 16 * d;                                                                        \
        memset(count, 0, BUCKETS * sizeof *count);                                                 \
        for (size_t i = 0; i < n; i++)                                                             \
            count[(KEY(from[i]) >> shift) & 0xffff]++;                                             \
        size_t sum = 0;                                                                            \
        for (size_t b = 0; b < BUCKETS; b++) {                                                     \
            size_t c = count[b];                                                                   \
            count[b] = sum;                                                                        \
            sum += c;                                                                              \
        }                                                                                          \
        for (size_t i = 0; i < n; i++)                                                             \
            to[count[(KEY(from[i]) >> shift) & 0xffff]++] = from[i];                               \
        T *swap = from;                                                                            \
        from = to;                                                                                 \
        to = swap;                                                                                 \
    }                                                                                              \
    free(tmp); /* an even number of passes: the result is back in a */                             \
    free(count);                                                                                   \
    return true;

#define KEYED_KEY(x) ((x).key)
#define PLAIN_KEY(x) (x)

bool mapa__radix_keyed(mapa__keyed *a, size_t n)
{
    RADIX_SORT(mapa__keyed, KEYED_KEY, 4)
}

bool mapa__radix_keyed32(mapa__keyed *a, size_t n)
{
    RADIX_SORT(mapa__keyed, KEYED_KEY, 2)
}

bool mapa__radix_u64(uint64_t *a, size_t n)
{
    RADIX_SORT(uint64_t, PLAIN_KEY, 4)
}
