/* Small string helpers shared inside the library (C11 has no strdup). */
#ifndef MAPA_MODELS_UTIL_H
#define MAPA_MODELS_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

/** A malloc'd copy of `s` (NULL stays NULL, and on out of memory). */
char *mapa__strdup(const char *s);
/** Seconds on the monotonic clock (for durations). */
double mapa__now(void);
/** A malloc'd copy of the first `n` bytes of `s`, NUL-terminated. */
char *mapa__strndup(const char *s, size_t n);
/** A malloc'd formatted string, or NULL on out of memory. */
#if defined(__GNUC__)
__attribute__((format(printf, 1, 0))) /* callers' formats are checked, not this one's */
#endif
char *mapa__vformat(const char *fmt, va_list ap);
/** A malloc'd formatted string, or NULL on out of memory. */
char *mapa__format(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
/** ASCII case-insensitive equality. */
bool mapa__streq_nocase(const char *a, const char *b);
/** "dir/name" (no doubled slash), malloc'd; NULL on out of memory. */
char *mapa__path_join(const char *dir, const char *name);
/**
 * `s` made safe to print on one line, into `out` (`cap` bytes, cut between
 * characters): line ends and tabs as \n \r \t, other control characters,
 * bidirectional overrides and U+FFFE/U+FFFF as \uNNNN, bytes that are not
 * UTF-8 as \xNN; so no message can move a terminal's cursor or reorder its text.
 */
void mapa__printable(char *out, size_t cap, const char *s);
/** Grow an array to hold at least `need` items; false (array untouched) on failure. */
bool mapa__grow(void **array, size_t *cap, size_t need, size_t item_size);

#endif
