/* Error codes and the last-error message every mapa function reports through. */
#ifndef MAPA_ERROR_H
#define MAPA_ERROR_H

#ifdef __cplusplus
extern "C" {
#endif

/** Result of a library call: MAPA_OK or a negative failure code. */
typedef enum mapa_err {
    MAPA_OK = 0,
    MAPA_ENOMEM = -1,     /**< out of memory */
    MAPA_EINVAL = -2,     /**< invalid argument (a caller's mistake) */
    MAPA_EIO = -3,        /**< a file could not be read or written */
    MAPA_EFORMAT = -4,    /**< the input data is malformed; see the diagnostics */
    MAPA_ENOTFOUND = -5,  /**< a required file or folder does not exist */
    MAPA_EDEPENDENCY = -6, /**< a third-party library failed */
    MAPA_EBUSY = -7        /**< another run is writing the same output folder */
} mapa_err;

/**
 * Record a one-line message for the calling thread and return `code`, so that
 * `return mapa_error_set(MAPA_EIO, "%s: %s", path, strerror(errno));` reads well.
 */
mapa_err mapa_error_set(mapa_err code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/** The calling thread's last message (borrowed; "" when none). */
const char *mapa_error_last(void);

/** Forget the calling thread's last message. */
void mapa_error_clear(void);

/** A short constant name for a code ("out of memory", ...). */
const char *mapa_err_name(mapa_err code);

/** The library's version, "MAJOR.MINOR.PATCH" (static storage). */
const char *mapa_version(void);

#ifdef __cplusplus
}
#endif
#endif
