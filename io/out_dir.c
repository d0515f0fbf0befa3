/*
 * An output folder that always holds one whole run (docs/architecture.md): the
 * run writes into a folder beside the target, which holds hard links to the
 * files it keeps, and at the end the two folders are exchanged in one rename.
 * A lock file (flock) inside the target keeps two runs apart; it is carried
 * into each new folder as a hard link, so every run locks the same inode.
 */
#define _GNU_SOURCE
#include <mapa/out_dir.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <mapa/output.h>

#include "io/atomic_file.h"
#include "io/temporaries.h"
#include "models/util.h"

#define LOCK_NAME   ".mapa.lock"
#define RECORD_NAME ".mapa-files" /* what the last run wrote, one path a line */

typedef struct kept_file {
    char *rel;
    dev_t dev;
    ino_t ino;
} kept_file;

struct mapa_out_dir {
    char *target, *parent, *base, *stage, *aside;
    int lock_fd;
    bool created, had_files, have_record;
    char **record; /* the last run's files */
    size_t n_record;
    kept_file *user; /* the co-ordinator's own files, carried over */
    size_t n_user, cap_user;
    mapa_out_dir_options o;
};

static bool matches(const char *const *list, const char *rel)
{
    for (; list && *list; list++)
        if (fnmatch(*list, rel, FNM_PATHNAME | FNM_LEADING_DIR) == 0)
            return true;
    return false;
}

/* A file of an earlier mapa run: in the record, or, without one, a name the command owns. */
static bool earlier_mapa_file(const mapa_out_dir *d, const char *rel)
{
    if (!d->have_record)
        return matches(d->o.owned, rel);
    for (size_t k = 0; k < d->n_record; k++)
        if (strcmp(d->record[k], rel) == 0)
            return true;
    return false;
}

/* A folder holding only files of an earlier mapa run as far as the record says. */
static bool earlier_mapa_folder(const mapa_out_dir *d, const char *rel)
{
    size_t n = strlen(rel);
    if (!d->have_record)
        return matches(d->o.owned, rel);
    for (size_t k = 0; k < d->n_record; k++)
        if (strncmp(d->record[k], rel, n) == 0 && d->record[k][n] == '/')
            return true;
    return false;
}

static bool dropped(const mapa_out_dir *d, const char *rel)
{
    if (d->o.drop)
        return matches(d->o.drop, rel);
    return !matches(d->o.keep, rel);
}

static mapa_err nomem(void)
{
    return mapa_error_set(MAPA_ENOMEM, "out of memory while preparing the output folder");
}

static mapa_err split_target(mapa_out_dir *d, const char *target)
{
    struct stat st;
    /* OUT a symbolic link to a folder: the folder it names is the one swapped */
    d->target = lstat(target, &st) == 0 && S_ISLNK(st.st_mode) ? realpath(target, NULL) : NULL;
    if (!d->target)
        d->target = mapa__strdup(target);
    if (!d->target)
        return nomem();
    size_t n = strlen(d->target);
    while (n > 1 && d->target[n - 1] == '/')
        d->target[--n] = '\0';
    char *slash = strrchr(d->target, '/');
    if (!slash) {
        d->parent = mapa__strdup(".");
        d->base = mapa__strdup(d->target);
    } else {
        d->parent = slash == d->target ? mapa__strdup("/")
                                       : mapa__format("%.*s", (int)(slash - d->target), d->target);
        d->base = mapa__strdup(slash + 1);
    }
    if (!d->parent || !d->base)
        return nomem();
    if (strcmp(d->base, ".") == 0 || strcmp(d->base, "..") == 0 || strcmp(d->base, "/") == 0)
        return mapa_error_set(MAPA_EINVAL,
                              "%s: name the output folder itself (not '.', '..' or '/')", target);
    return MAPA_OK;
}

/* The process named in the lock file, for the message. */
static long lock_holder(int fd)
{
    char buf[32] = "";
    ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
    return n > 0 ? strtol(buf, NULL, 10) : 0;
}

static mapa_err take_lock(mapa_out_dir *d)
{
    char *path = mapa__path_join(d->target, LOCK_NAME);
    if (!path)
        return nomem();
    mapa_err err = MAPA_OK;
    for (int attempt = 0;; attempt++) {
        err = mapa_make_dir(d->target);
        if (err != MAPA_OK)
            break;
        int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
        if (fd < 0) {
            err = mapa_error_set(MAPA_EIO, "%s: cannot be locked: %s", path, strerror(errno));
            break;
        }
        if (flock(fd, LOCK_EX | (d->o.wait ? 0 : LOCK_NB)) != 0) {
            int code = errno;
            long pid = lock_holder(fd);
            close(fd);
            if (code == EWOULDBLOCK && pid > 0)
                err = mapa_error_set(MAPA_EBUSY,
                                     "%s: another mapa run (process %ld) is writing this folder; "
                                     "wait for it to end, or give --wait",
                                     d->target, pid);
            else if (code == EWOULDBLOCK)
                err = mapa_error_set(MAPA_EBUSY,
                                     "%s: another mapa run is writing this folder; wait for it to "
                                     "end, or give --wait",
                                     d->target);
            else
                err = mapa_error_set(MAPA_EIO, "%s: cannot be locked: %s", path, strerror(code));
            break;
        }
        /* the folder may have been swapped or removed while we waited: lock what is there now */
        struct stat held, now;
        if (fstat(fd, &held) == 0 && stat(path, &now) == 0 && held.st_dev == now.st_dev &&
            held.st_ino == now.st_ino) {
            char pid[32];
            int n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
            if (ftruncate(fd, 0) != 0 || pwrite(fd, pid, (size_t)n, 0) != n)
                (void)0; /* the process id is only for the message */
            d->lock_fd = fd;
            break;
        }
        close(fd);
        if (attempt > 100) {
            err = mapa_error_set(MAPA_EIO, "%s: the folder keeps changing; cannot lock it",
                                 d->target);
            break;
        }
    }
    free(path);
    return err;
}

/* Folders a run interrupted hard (SIGKILL, a power cut) left beside the target. */
static void remove_leftovers(const mapa_out_dir *d)
{
    DIR *dir = opendir(d->parent);
    if (!dir)
        return;
    char *new_prefix = mapa__format(".%s.mapa-new.", d->base);
    char *old_prefix = mapa__format(".%s.mapa-old.", d->base);
    struct dirent *e;
    while (new_prefix && old_prefix && (e = readdir(dir)) != NULL) {
        bool ours = strncmp(e->d_name, new_prefix, strlen(new_prefix)) == 0 ||
                    strncmp(e->d_name, old_prefix, strlen(old_prefix)) == 0;
        char *path = ours ? mapa__path_join(d->parent, e->d_name) : NULL;
        if (path)
            mapa__remove_tree(path);
        free(path);
    }
    free(new_prefix);
    free(old_prefix);
    closedir(dir);
}

static mapa_err read_record(mapa_out_dir *d)
{
    char *path = mapa__path_join(d->target, RECORD_NAME);
    if (!path)
        return nomem();
    FILE *fp = fopen(path, "r");
    free(path);
    if (!fp)
        return MAPA_OK; /* a folder of an older mapa, or of none */
    d->have_record = true;
    char line[4096];
    mapa_err err = MAPA_OK;
    while (err == MAPA_OK && fgets(line, sizeof line, fp)) {
        line[strcspn(line, "\n")] = '\0';
        if (!line[0])
            continue;
        char **grown = realloc(d->record, (d->n_record + 1) * sizeof *grown);
        char *copy = mapa__strdup(line);
        if (grown)
            d->record = grown;
        if (!grown || !copy) {
            free(copy);
            err = nomem();
            break;
        }
        d->record[d->n_record++] = copy;
    }
    fclose(fp);
    return err;
}

static mapa_err copy_file(const char *from, const char *to, mode_t mode)
{
    int in = open(from, O_RDONLY | O_CLOEXEC);
    int out = in < 0 ? -1 : open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode & 07777);
    mapa_err err = MAPA_OK;
    char buf[65536];
    ssize_t n = 0;
    while (out >= 0 && (n = read(in, buf, sizeof buf)) > 0)
        if (write(out, buf, (size_t)n) != n) {
            n = -1;
            break;
        }
    if (in < 0 || out < 0 || n < 0)
        err = mapa_error_set(MAPA_EIO, "%s: cannot be kept in the new run's folder: %s", from,
                             strerror(errno));
    if (in >= 0)
        close(in);
    if (out >= 0 && close(out) != 0 && err == MAPA_OK)
        err = mapa_error_set(MAPA_EIO, "%s: cannot be kept: %s", from, strerror(errno));
    return err;
}

/* The same file under the run's folder: a hard link, else a copy (or a new symbolic link). */
static mapa_err carry_file(const char *from, const char *to, const struct stat *st)
{
    if (S_ISLNK(st->st_mode)) {
        char target[4096];
        ssize_t n = readlink(from, target, sizeof target - 1);
        if (n < 0 || (target[n] = '\0', symlink(target, to) != 0))
            return mapa_error_set(MAPA_EIO, "%s: cannot be kept: %s", from, strerror(errno));
        return MAPA_OK;
    }
    if (!S_ISREG(st->st_mode))
        return MAPA_OK; /* sockets, pipes: not carried */
    if (link(from, to) == 0)
        return MAPA_OK;
    return copy_file(from, to, st->st_mode);
}

static mapa_err note_user(mapa_out_dir *d, const char *rel, const char *staged)
{
    struct stat st;
    if (lstat(staged, &st) != 0)
        return MAPA_OK;
    if (d->n_user == d->cap_user) {
        size_t cap = d->cap_user ? 2 * d->cap_user : 16;
        kept_file *grown = realloc(d->user, cap * sizeof *grown);
        if (!grown)
            return nomem();
        d->user = grown;
        d->cap_user = cap;
    }
    char *copy = mapa__strdup(rel);
    if (!copy)
        return nomem();
    d->user[d->n_user++] = (kept_file){copy, st.st_dev, st.st_ino};
    return MAPA_OK;
}

static mapa_err carry_tree(mapa_out_dir *d, const char *rel);

static bool has_record(const char *dir)
{
    char *path = mapa__path_join(dir, RECORD_NAME);
    struct stat st;
    bool yes = path && lstat(path, &st) == 0;
    free(path);
    return yes;
}

static mapa_err carry_entry(mapa_out_dir *d, const char *rel, bool top)
{
    char *from = mapa__path_join(d->target, rel);
    char *to = mapa__path_join(d->stage, rel);
    mapa_err err = from && to ? MAPA_OK : nomem();
    struct stat st;
    if (err != MAPA_OK || lstat(from, &st) != 0)
        goto cleanup;
    if (top && strcmp(rel, RECORD_NAME) == 0)
        goto cleanup; /* written anew at the commit */
    d->had_files |= !(top && strcmp(rel, LOCK_NAME) == 0);
    if (top && strcmp(rel, LOCK_NAME) == 0) {
        err = carry_file(from, to, &st);
        goto cleanup;
    }
    if (S_ISDIR(st.st_mode)) {
        if (dropped(d, rel) &&
            ((earlier_mapa_folder(d, rel) && !d->have_record) || has_record(from)))
            goto cleanup; /* a folder the command owns, or another mapa command's folder */
        if (mkdir(to, 0700) != 0) { /* its own mode once its files are in */
            err = mapa_error_set(MAPA_EIO, "%s: cannot be made: %s", to, strerror(errno));
            goto cleanup;
        }
        err = carry_tree(d, rel);
        if (err == MAPA_OK && earlier_mapa_folder(d, rel))
            rmdir(to); /* mapa's folder: removed again if nothing was kept in it */
        chmod(to, st.st_mode & 07777);
        goto cleanup;
    }
    bool mapa_file = earlier_mapa_file(d, rel);
    if (mapa_file && dropped(d, rel))
        goto cleanup;
    err = carry_file(from, to, &st);
    if (err == MAPA_OK && !mapa_file)
        err = note_user(d, rel, to);
cleanup:
    free(from);
    free(to);
    return err;
}

static mapa_err carry_tree(mapa_out_dir *d, const char *rel)
{
    char *path = rel[0] ? mapa__path_join(d->target, rel) : mapa__strdup(d->target);
    DIR *dir = path ? opendir(path) : NULL;
    mapa_err err = MAPA_OK;
    if (!path)
        err = nomem();
    else if (!dir)
        err = mapa_error_set(MAPA_EIO, "%s: cannot be read: %s", path, strerror(errno));
    struct dirent *e;
    while (err == MAPA_OK && (e = readdir(dir)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char *sub = rel[0] ? mapa__format("%s/%s", rel, e->d_name) : mapa__strdup(e->d_name);
        err = sub ? carry_entry(d, sub, !rel[0]) : nomem();
        free(sub);
    }
    if (dir)
        closedir(dir);
    free(path);
    return err;
}

static mapa_err make_stage(mapa_out_dir *d)
{
    d->stage = mapa__format("%s/.%s.mapa-new.XXXXXX", d->parent, d->base);
    d->aside = mapa__format("%s/.%s.mapa-old.XXXXXX", d->parent, d->base);
    if (!d->stage || !d->aside)
        return nomem();
    if (!mkdtemp(d->stage)) {
        mapa_err err = mapa_error_set(MAPA_EIO, "%s: cannot make the run's folder beside it: %s",
                                      d->target, strerror(errno));
        free(d->stage);
        d->stage = NULL;
        return err;
    }
    memcpy(d->aside + strlen(d->aside) - 6, d->stage + strlen(d->stage) - 6, 6);
    mapa__temp_run(d->stage, d->target, d->aside, MAPA__RUN_WRITING);
    struct stat st;
    if (stat(d->target, &st) == 0)
        chmod(d->stage, st.st_mode & 07777); /* mkdtemp makes it 0700 */
    return MAPA_OK;
}

static void out_dir_free(mapa_out_dir *d)
{
    if (d->lock_fd >= 0) {
        /* the process id is there only while the run holds the folder */
        if (ftruncate(d->lock_fd, 0) != 0)
            (void)0;
        close(d->lock_fd); /* unlocks */
    }
    for (size_t k = 0; k < d->n_record; k++)
        free(d->record[k]);
    for (size_t k = 0; k < d->n_user; k++)
        free(d->user[k].rel);
    free(d->record);
    free(d->user);
    free(d->target);
    free(d->parent);
    free(d->base);
    free(d->stage);
    free(d->aside);
    free(d);
}

mapa_err mapa_out_dir_open(mapa_out_dir **out, const char *target,
                           const mapa_out_dir_options *options)
{
    *out = NULL;
    if (!target[0])
        return mapa_error_set(MAPA_EINVAL, "the output folder's name is empty: give a folder");
    mapa_out_dir *d = calloc(1, sizeof *d);
    if (!d)
        return nomem();
    d->lock_fd = -1;
    if (options)
        d->o = *options;
    mapa_err err = split_target(d, target);
    struct stat st;
    if (err == MAPA_OK) {
        d->created = stat(d->target, &st) != 0;
        err = take_lock(d);
    }
    if (err != MAPA_OK) {
        out_dir_free(d);
        return err;
    }
    remove_leftovers(d);
    err = read_record(d);
    if (err == MAPA_OK)
        err = make_stage(d);
    if (err == MAPA_OK)
        err = carry_tree(d, "");
    if (err != MAPA_OK) {
        mapa_out_dir_abort(d);
        return err;
    }
    *out = d;
    return MAPA_OK;
}

const char *mapa_out_dir_path(const mapa_out_dir *d)
{
    return d->stage;
}

const char *mapa_out_dir_target(const mapa_out_dir *d)
{
    return d->target;
}

bool mapa_out_dir_had_files(const mapa_out_dir *d)
{
    return d->had_files;
}

static bool carried_unchanged(const mapa_out_dir *d, const char *rel, const struct stat *st)
{
    for (size_t k = 0; k < d->n_user; k++)
        if (strcmp(d->user[k].rel, rel) == 0)
            return d->user[k].dev == st->st_dev && d->user[k].ino == st->st_ino;
    return false;
}

typedef struct name_list {
    char **name;
    size_t n, cap;
} name_list;

static mapa_err list_push(name_list *l, char *name)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 32;
        char **grown = realloc(l->name, cap * sizeof *grown);
        if (!grown) {
            free(name);
            return nomem();
        }
        l->name = grown;
        l->cap = cap;
    }
    l->name[l->n++] = name;
    return MAPA_OK;
}

/* Every file under the run's folder that this run wrote or kept as mapa's, into `l`. */
static mapa_err list_written(const mapa_out_dir *d, const char *rel, name_list *l)
{
    char *path = rel[0] ? mapa__path_join(d->stage, rel) : mapa__strdup(d->stage);
    DIR *dir = path ? opendir(path) : NULL;
    mapa_err err = path ? MAPA_OK : nomem();
    if (path && !dir)
        err = mapa_error_set(MAPA_EIO, "%s: cannot be read: %s", path, strerror(errno));
    struct dirent *e;
    while (err == MAPA_OK && (e = readdir(dir)) != NULL) {
        const char *name = e->d_name;
        if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0 ||
            (!rel[0] && (strcmp(name, LOCK_NAME) == 0 || strcmp(name, RECORD_NAME) == 0)))
            continue;
        char *sub = rel[0] ? mapa__format("%s/%s", rel, name) : mapa__strdup(name);
        char *full = sub ? mapa__path_join(d->stage, sub) : NULL;
        struct stat st;
        if (!sub || !full)
            err = nomem();
        else if (lstat(full, &st) == 0 && S_ISDIR(st.st_mode))
            err = list_written(d, sub, l);
        else if (!carried_unchanged(d, sub, &st)) {
            err = list_push(l, sub);
            sub = NULL;
        }
        free(sub);
        free(full);
    }
    if (dir)
        closedir(dir);
    free(path);
    return err;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static mapa_err write_record(const mapa_out_dir *d)
{
    name_list l = {NULL, 0, 0};
    mapa_err err = list_written(d, "", &l);
    size_t len = 0;
    for (size_t k = 0; k < l.n; k++)
        len += strlen(l.name[k]) + 1;
    char *text = err == MAPA_OK ? malloc(len + 1) : NULL;
    char *path = mapa__path_join(d->stage, RECORD_NAME);
    if (err == MAPA_OK && (!text || !path))
        err = nomem();
    if (err == MAPA_OK) {
        qsort(l.name, l.n, sizeof *l.name, by_name); /* the same run, the same record */
        char *at = text;
        for (size_t k = 0; k < l.n; k++)
            at += sprintf(at, "%s\n", l.name[k]);
        err = mapa__atomic_write(path, text, len);
    }
    for (size_t k = 0; k < l.n; k++)
        free(l.name[k]);
    free(l.name);
    free(text);
    free(path);
    return err;
}

/* The run's folder in the target's place; afterwards d->stage names the earlier folder. */
static mapa_err swap_renames(mapa_out_dir *d)
{
    if (renameat2(AT_FDCWD, d->stage, AT_FDCWD, d->target, RENAME_EXCHANGE) == 0) {
        mapa__temp_run(d->stage, d->target, NULL, MAPA__RUN_DONE);
        return MAPA_OK;
    }
    if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
        return mapa_error_set(MAPA_EIO, "%s: the new run could not be put in place: %s", d->target,
                              strerror(errno));
    /* a file system that cannot exchange: two renames, the handler undoes the first */
    mapa__temp_run(d->stage, d->target, d->aside, MAPA__RUN_HALF);
    if (rename(d->target, d->aside) != 0) {
        mapa__temp_run(d->stage, d->target, NULL, MAPA__RUN_WRITING);
        return mapa_error_set(MAPA_EIO, "%s: the new run could not be put in place: %s", d->target,
                              strerror(errno));
    }
    if (rename(d->stage, d->target) != 0) {
        mapa_err err = mapa_error_set(MAPA_EIO, "%s: the new run could not be put in place: %s",
                                      d->target, strerror(errno));
        rename(d->aside, d->target);
        mapa__temp_run(d->stage, d->target, NULL, MAPA__RUN_WRITING);
        return err;
    }
    mapa__temp_run(d->aside, d->target, NULL, MAPA__RUN_DONE);
    char *swap = d->stage;
    d->stage = d->aside;
    d->aside = swap;
    return MAPA_OK;
}

/*
 * swap_renames with signals held: a SIGTERM between the exchange and the state it
 * records would have the handler take the new run for unfinished, remove the earlier run
 * and say nothing was written. Held, it arrives after and says the run is complete.
 */
static mapa_err swap_in(mapa_out_dir *d)
{
    sigset_t all, old;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, &old);
    mapa_err err = swap_renames(d);
    sigprocmask(SIG_SETMASK, &old, NULL);
    return err;
}

mapa_err mapa_out_dir_commit(mapa_out_dir *d)
{
    mapa_err err = write_record(d);
    if (err == MAPA_OK)
        err = swap_in(d);
    if (err != MAPA_OK) {
        mapa_out_dir_abort(d);
        return err;
    }
    mapa__remove_tree(d->stage); /* the earlier run */
    mapa__temp_run(NULL, NULL, NULL, MAPA__RUN_NONE);
    out_dir_free(d);
    return MAPA_OK;
}

void mapa_out_dir_abort(mapa_out_dir *d)
{
    if (!d)
        return;
    if (d->stage)
        mapa__remove_tree(d->stage);
    mapa__temp_run(NULL, NULL, NULL, MAPA__RUN_NONE);
    if (d->created && !d->had_files) { /* the folder this run made: gone again */
        char *lock = mapa__path_join(d->target, LOCK_NAME);
        if (lock)
            unlink(lock);
        free(lock);
        rmdir(d->target);
    }
    out_dir_free(d);
}
