/* Files written whole or not at all: a temporary beside the target, renamed at the end. */
#define _POSIX_C_SOURCE 200809L
#include "io/atomic_file.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <mapa/output.h>

#include "io/temporaries.h"
#include "models/util.h"

/*
 * The process's umask, read without changing it where Linux tells it
 * (/proc/self/status, since 4.7); elsewhere set and restored at once, which
 * is safe because mapa creates no file from another thread meanwhile.
 */
static mode_t current_umask(void)
{
    FILE *fp = fopen("/proc/self/status", "r");
    char line[256];
    unsigned mask = 0;
    bool found = false;
    while (fp && !found && fgets(line, sizeof line, fp))
        found = sscanf(line, "Umask: %o", &mask) == 1;
    if (fp)
        fclose(fp);
    if (found)
        return (mode_t)mask;
    mode_t old = umask(022);
    umask(old);
    return old;
}

/* Why a write failed, in words a user can act on. */
static const char *write_reason(int code)
{
    switch (code) {
    case ENOSPC: return "no space left on the disk";
    case EDQUOT: return "the disk quota is used up";
    case EFBIG: return "the file would exceed the file-size limit (ulimit -f)";
    case 0: return "write error";
    }
    return strerror(code);
}

mapa_err mapa__atomic_open(mapa__atomic_file *f, const char *path)
{
    if (!path[0]) {
        *f = (mapa__atomic_file){NULL, NULL, NULL};
        return mapa_error_set(MAPA_EINVAL, "the output file's name is empty: give a file");
    }
    *f = (mapa__atomic_file){NULL, mapa__strdup(path), malloc(strlen(path) + 16)};
    if (!f->path || !f->tmp) {
        mapa__atomic_abort(f);
        return mapa_error_set(MAPA_ENOMEM, "out of memory");
    }
    sprintf(f->tmp, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(f->tmp);
    if (fd >= 0)
        mapa__temp_note(f->tmp);
    if (fd < 0) {
        mapa_err err =
            mapa_error_set(MAPA_EIO, "%s: cannot be created: %s", path, write_reason(errno));
        free(f->tmp);
        f->tmp = NULL;
        mapa__atomic_abort(f);
        return err;
    }
    /* mkstemp makes the file 0600: give it the mode open(2) would, 0666 less the umask */
    if (fchmod(fd, 0666 & ~current_umask()) != 0 || !(f->fp = fdopen(fd, "wb"))) {
        mapa_err err = mapa_error_set(MAPA_EIO, "%s: %s", path, strerror(errno));
        close(fd);
        mapa__atomic_abort(f);
        return err;
    }
    return MAPA_OK;
}

mapa_err mapa__atomic_commit(mapa__atomic_file *f)
{
    int code = 0; /* the first failure's errno */
    if (fflush(f->fp) != 0 || ferror(f->fp))
        code = errno ? errno : EIO;
    errno = 0;
    if (fclose(f->fp) != 0 && !code)
        code = errno ? errno : EIO;
    f->fp = NULL;
    if (code) {
        mapa_err err =
            mapa_error_set(MAPA_EIO, "%s: could not be written: %s", f->path, write_reason(code));
        mapa__atomic_abort(f);
        return err;
    }
    if (rename(f->tmp, f->path) != 0) {
        mapa_err err =
            mapa_error_set(MAPA_EIO, "%s: could not be written: %s", f->path, strerror(errno));
        mapa__atomic_abort(f);
        return err;
    }
    mapa__temp_forget(f->tmp); /* after the rename: a signal before it removes the temporary */
    free(f->tmp);
    f->tmp = NULL;
    mapa__atomic_abort(f);
    return MAPA_OK;
}

mapa_err mapa__atomic_write(const char *path, const void *data, size_t size)
{
    mapa__atomic_file f;
    mapa_err err = mapa__atomic_open(&f, path);
    if (err != MAPA_OK)
        return err;
    if (size && fwrite(data, 1, size, f.fp) != size) {
        err = mapa_error_set(MAPA_EIO, "%s: could not be written: %s", path, write_reason(errno));
        mapa__atomic_abort(&f);
        return err;
    }
    return mapa__atomic_commit(&f);
}

void mapa__atomic_abort(mapa__atomic_file *f)
{
    if (f->fp)
        fclose(f->fp);
    if (f->tmp) {
        mapa__temp_forget(f->tmp);
        unlink(f->tmp);
    }
    free(f->tmp);
    free(f->path);
    *f = (mapa__atomic_file){NULL, NULL, NULL};
}

mapa_err mapa_make_dir(const char *dir)
{
    if (!dir[0]) /* -o "": a usage error, not an I/O one */
        return mapa_error_set(MAPA_EINVAL, "the output folder's name is empty: give a folder");
    char *path = mapa__strdup(dir);
    if (!path)
        return mapa_error_set(MAPA_ENOMEM, "out of memory");
    mapa_err err = MAPA_OK;
    for (char *s = path + 1;; s++) {
        if (*s != '/' && *s != '\0')
            continue;
        char c = *s;
        *s = '\0';
        if (mkdir(path, 0777) != 0 && errno != EEXIST) { /* the umask decides */
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
