/* Files written whole or not at all: a temporary beside the target, renamed at the end. */
#ifndef MAPA_IO_ATOMIC_FILE_H
#define MAPA_IO_ATOMIC_FILE_H

#include <stddef.h>
#include <stdio.h>

#include <mapa/error.h>

typedef struct mapa__atomic_file {
    FILE *fp;
    char *path;
    char *tmp;
} mapa__atomic_file;

/**
 * Open a temporary file beside `path` for writing, with the mode a plain
 * fopen would give (0666 less the umask).
 */
mapa_err mapa__atomic_open(mapa__atomic_file *f, const char *path);
/**
 * Flush, close and rename over `path`; on any failure (a write error met
 * earlier, a full disk, a file-size limit) the temporary is removed and the
 * error is MAPA_EIO naming `path` and why.
 */
mapa_err mapa__atomic_commit(mapa__atomic_file *f);
/** Write `size` bytes to `path` whole or not at all; the same errors as mapa__atomic_commit. */
mapa_err mapa__atomic_write(const char *path, const void *data, size_t size);
/** Remove the temporary without touching `path` (safe after commit). */
void mapa__atomic_abort(mapa__atomic_file *f);

#endif
