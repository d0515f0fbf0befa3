/* Files written whole or not at all: a temporary beside the target, renamed at the end. */
#define _POSIX_C_SOURCE 200809L
#include "io/atomic_file.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <mapa/output.h>

#include "models/util.h"

mapa_err mapa__atomic_open(mapa__atomic_file *f, const char *path)
{
    *f = (mapa__atomic_file){NULL, mapa__strdup(path), malloc(strlen(path) + 16)};
    if (!f->path || !f->tmp) {
        mapa__atomic_abort(f);
        return mapa_error_set(MAPA_ENOMEM, "out of memory");
    }
    sprintf(f->tmp, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(f->tmp);
    if (fd < 0) {
        mapa_err err = mapa_error_set(MAPA_EIO, "%s: %s", path, strerror(errno));
        free(f->tmp);
        f->tmp = NULL;
        mapa__atomic_abort(f);
        return err;
    }
    fchmod(fd, 0644);
    f->fp = fdopen(fd, "wb");
    if (!f->fp) {
        close(fd);
        mapa__atomic_abort(f);
        return mapa_error_set(MAPA_EIO, "%s: %s", path, strerror(errno));
    }
    return MAPA_OK;
}

mapa_err mapa__atomic_commit(mapa__atomic_file *f)
{
    bool failed = ferror(f->fp) != 0;
    failed |= fclose(f->fp) != 0;
    f->fp = NULL;
    if (failed || rename(f->tmp, f->path) != 0) {
        mapa_err err =
            mapa_error_set(MAPA_EIO, "%s: could not be written: %s", f->path, strerror(errno));
        mapa__atomic_abort(f);
        return err;
    }
    free(f->tmp);
    f->tmp = NULL;
    mapa__atomic_abort(f);
    return MAPA_OK;
}

void mapa__atomic_abort(mapa__atomic_file *f)
{
    if (f->fp)
        fclose(f->fp);
    if (f->tmp)
        unlink(f->tmp);
    free(f->tmp);
    free(f->path);
    *f = (mapa__atomic_file){NULL, NULL, NULL};
}

mapa_err mapa_make_dir(const char *dir)
{
    char *path = mapa__strdup(dir);
    if (!path)
        return mapa_error_set(MAPA_ENOMEM, "out of memory");
    mapa_err err = MAPA_OK;
    for (char *s = path + 1;; s++) {
        if (*s != '/' && *s != '\0')
            continue;
        char c = *s;
        *s = '\0';
        if (mkdir(path, 0755) != 0 && errno != EEXIST) {
            err =
                mapa_error_set(MAPA_EIO, "%s: cannot create the folder: %s", path, strerror(errno));
            break;
        }
        *s = c;
        if (c == '\0')
            break;
    }
    struct stat st;
    if (err == MAPA_OK && (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)))
        err = mapa_error_set(MAPA_EIO, "%s is not a folder", dir);
    free(path);
    return err;
}
