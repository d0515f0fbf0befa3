/* Diagnostics: every problem found in a partnership's files, as file:line:column. */
#ifndef MAPA_DIAG_H
#define MAPA_DIAG_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum mapa_severity { MAPA_DIAG_ERROR = 0, MAPA_DIAG_WARNING = 1 } mapa_severity;

/** One problem. `line` and `col` are 1-based; 0 means "the whole file". */
typedef struct mapa_diag {
    mapa_severity severity;
    char *file; /**< the path as the user gave it */
    size_t line;
    size_t col; /**< in characters (UTF-8 code points), not bytes */
    char *message;
    size_t seq; /**< order of discovery, to keep sorting stable */
} mapa_diag;

/**
 * A list of problems. At most `limit` items are kept (errors before warnings
 * once the limit is reached); every problem is counted.
 */
typedef struct mapa_diags {
    mapa_diag *items;
    size_t n_items;
    size_t cap;
    size_t limit;
    size_t n_errors;   /**< all errors reported, kept or not */
    size_t n_warnings; /**< all warnings reported, kept or not */
    size_t next_seq;
    char **files; /**< files in the order first seen, for sorting */
    size_t n_files;
    bool out_of_memory; /**< a message could not be stored */
} mapa_diags;

#define MAPA_DIAGS_DEFAULT_LIMIT 1000
#define MAPA_DIAGS_INIT {.limit = MAPA_DIAGS_DEFAULT_LIMIT}

/** Report a problem; never fails (an unstorable message sets out_of_memory). */
void mapa_diags_add(mapa_diags *d, mapa_severity severity, const char *file, size_t line,
                    size_t col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/** Sort the kept items by file (order first seen), line, column, discovery. */
void mapa_diags_sort(mapa_diags *d);

/** Number of problems of one severity that were reported but not kept. */
size_t mapa_diags_dropped(const mapa_diags *d, mapa_severity severity);

/** Free every item; the list is empty and reusable afterwards. */
void mapa_diags_dispose(mapa_diags *d);

#ifdef __cplusplus
}
#endif
#endif
