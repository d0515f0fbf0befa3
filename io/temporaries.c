/*
 * The temporaries open for writing, in a fixed table a signal handler may
 * read: a slot holds a borrowed path between mapa__temp_note and
 * mapa__temp_forget (which runs before the path is freed), so the handler
 * only ever sees a live string. unlink(2) is async-signal-safe. The run's
 * output folder (io/out_dir.c) is kept here too, with the state of its swap,
 * and removed with system calls only (getdents64, unlinkat).
 */
#define _GNU_SOURCE
#include "io/temporaries.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <mapa/interrupt.h>
#include <mapa/out_dir.h>

enum { SLOTS = 256 }; /* files open at once: a few per stage; beyond, a temporary may stay */

static const char *volatile slot[SLOTS];

/* The run's folder being written (or, once swapped, the earlier run's), its target, and
   the earlier folder while a two-rename swap is half done. */
static const char *volatile run_dir;
static const char *volatile run_target;
static const char *volatile run_aside;
static volatile sig_atomic_t run_state = MAPA__RUN_NONE;

void mapa__temp_note(const char *path)
{
    for (size_t k = 0; k < SLOTS; k++)
        if (!slot[k]) {
            slot[k] = path;
            return;
        }
}

void mapa__temp_forget(const char *path)
{
    for (size_t k = 0; k < SLOTS; k++)
        if (slot[k] == path)
            slot[k] = NULL;
}

void mapa__temp_run(const char *dir, const char *target, const char *aside, int state)
{
    run_state = MAPA__RUN_NONE; /* the handler reads the paths only in a state that has them */
    run_dir = dir;
    run_target = target;
    run_aside = aside;
    run_state = state;
}

struct linux_dirent64 {
    unsigned long long d_ino;
    long long d_off;
    unsigned short d_reclen;
    unsigned char d_type;
    char d_name[];
};

/* Empty the folder open at `fd`, depth first; a bounded depth keeps the stack small. */
static void empty_dir(int fd, int depth)
{
    char buf[2048] __attribute__((aligned(8)));
    for (int pass = 0; pass < 64; pass++) {
        long n = syscall(SYS_getdents64, fd, buf, sizeof buf);
        if (n <= 0) {
            if (lseek(fd, 0, SEEK_SET) != 0)
                return;
            n = syscall(SYS_getdents64, fd, buf, sizeof buf);
            if (n <= 0)
                return;
            int live = 0; /* only "." and ".." left? */
            for (long off = 0; off < n;) {
                struct linux_dirent64 *e = (struct linux_dirent64 *)(buf + off);
                off += e->d_reclen;
                live += !(e->d_name[0] == '.' &&
                          (e->d_name[1] == '\0' || (e->d_name[1] == '.' && e->d_name[2] == '\0')));
            }
            if (!live)
                return;
        }
        for (long off = 0; off < n;) {
            struct linux_dirent64 *e = (struct linux_dirent64 *)(buf + off);
            off += e->d_reclen;
            const char *name = e->d_name;
            if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0')))
                continue;
            if (unlinkat(fd, name, 0) == 0 || depth >= 8)
                continue;
            int sub = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (sub < 0)
                continue;
            empty_dir(sub, depth + 1);
            close(sub);
            unlinkat(fd, name, AT_REMOVEDIR);
        }
    }
}

void mapa__remove_tree(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        unlink(path);
        return;
    }
    empty_dir(fd, 0);
    close(fd);
    rmdir(path);
}

void mapa_remove_temporaries(void)
{
    for (size_t k = 0; k < SLOTS; k++) {
        const char *path = slot[k];
        if (path)
            unlink(path);
    }
    int state = run_state;
    if (state == MAPA__RUN_NONE)
        return;
    if (state == MAPA__RUN_HALF) /* the earlier run back in its place */
        rename(run_aside, run_target);
    mapa__remove_tree(run_dir);
}

const char *mapa_out_dir_interrupted(bool *committed)
{
    int state = run_state;
    *committed = state == MAPA__RUN_DONE;
    return state == MAPA__RUN_NONE ? NULL : run_target;
}
