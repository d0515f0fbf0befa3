/* Files written whole or not at all: a temporary beside the target, renamed at the end. */
#ifndef MAPA_IO_ATOMIC_FILE_H
#define MAPA_IO_ATOMIC_FILE_H

#include <stdio.h>

#include <mapa/error.h>

typedef struct mapa__atomic_file {
    FILE *fp;
    char *path;
    char *tmp;
} mapa__atomic_file;

/** Open a temporary file beside `path` for writing. */
mapa_err mapa__atomic_open(mapa__atomic_file *f, const char *path);
/** Flush, close and rename over `path`; on any failure the temporary is removed. */
mapa_err mapa__atomic_commit(mapa__atomic_file *f);
/** Remove the temporary without touching `path` (safe after commit). */
void mapa__atomic_abort(mapa__atomic_file *f);

#endif
