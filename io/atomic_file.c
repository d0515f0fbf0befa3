/* Files written whole or not at all: a temporary beside the target, renamed at the end. */
#define _POSIX_C_SOURCE 200809L
#include "io/atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <mapa/output.h>

#include "io/temporaries.h"
#include "models/util.h"

/*
 * Create the temporary `tmp` (its name ends in six X, replaced here) as
 * open(2) creates a file, mode 0666 less the umask (and a default ACL), so
 * the umask need not be read: mkstemp's 0600 had to be changed with the umask
 * read from /proc/self/status for every file, seconds for 100,000 briefings.
 * Names from a counter, the process id and the clock; O_EXCL makes a taken
 * name a retry, as mkstemp does.
 */
static int create_temp(char *tmp)
{
    static const char digits[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-";
    static unsigned long counter;
    char *x = tmp + strlen(tmp) - 6;
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    unsigned long long seed = ((unsigned long long)now.tv_nsec << 20) ^
                              ((unsigned long long)getpid() << 40) ^ (unsigned long long)now.tv_sec;
    for (int attempt = 0; attempt < 1000; attempt++) {
        unsigned long long v = seed + 0x9E3779B97F4A7C15ull * ++counter;
        v ^= v >> 31;
        v *= 0xBF58476D1CE4E5B9ull;
        v ^= v >> 29;
        for (int k = 0; k < 6; k++, v >>= 6)
            x[k] = digits[v & 63];
        int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0 || errno != EEXIST)
            return fd;
    }
    errno = EEXIST;
    return -1;
}

/* stdio's own buffer is one disk block (4 KiB): larger writes, far fewer system calls. */
enum { WRITE_BUFFER = 1 << 16 };

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
    int fd = create_temp(f->tmp);
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
    if (!(f->fp = fdopen(fd, "wb"))) {
        mapa_err err = mapa_error_set(MAPA_EIO, "%s: %s", path, strerror(errno));
        close(fd);
        mapa__atomic_abort(f);
        return err;
    }
    setvbuf(f->fp, NULL, _IOFBF, WRITE_BUFFER); /* a failure keeps stdio's own buffer */
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
