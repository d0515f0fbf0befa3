/*
 * Files written whole or not at all: a file-size limit or a failed flush is an
 * error naming the file, with no temporary left; files and folders get the
 * mode the umask allows, as open(2) and mkdir(2) would give them.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include <mapa/mapa.h>

#include "io/atomic_file.h"
#include "test_util.h"

static size_t entries(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    size_t n = 0;
    for (struct dirent *e; (e = readdir(d));)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

/* Run with files limited to `bytes`, as `ulimit -f` does (SIGXFSZ ignored, as mapa does). */
static struct rlimit limit_files(rlim_t bytes)
{
    struct rlimit old, lim;
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
    lim = old;
    lim.rlim_cur = bytes;
    signal(SIGXFSZ, SIG_IGN);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
    return old;
}

static void unlimit_files(struct rlimit old)
{
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
}

static void assert_says(const char *what)
{
    if (!strstr(mapa_error_last(), what))
        fail_msg("'%s' does not say '%s'", mapa_error_last(), what);
}

static void file_size_limit_fails_naming_the_file(void **state)
{
    (void)state;
    char *dir = test_mkdtemp();
    char path[4096];
    snprintf(path, sizeof path, "%s/teams.csv", dir);
    static char big[100000];
    memset(big, 'x', sizeof big);
    for (int buffered = 0; buffered < 2; buffered++) {
        /* past the stdio buffer the write fails at once; within it, at the flush */
        size_t size = buffered ? 10 : sizeof big;
        mapa__atomic_file f;
        assert_int_equal(mapa__atomic_open(&f, path), MAPA_OK);
        struct rlimit old = limit_files(buffered ? 0 : 4096);
        fwrite(big, 1, size, f.fp);
        mapa_err err = mapa__atomic_commit(&f);
        unlimit_files(old);
        assert_int_equal(err, MAPA_EIO);
        assert_says(path);
        assert_says("file-size limit");
        assert_int_equal(entries(dir), 0); /* no temporary, no target */
    }
    struct rlimit old = limit_files(4096);
    mapa_err err = mapa__atomic_write(path, big, sizeof big);
    unlimit_files(old);
    assert_int_equal(err, MAPA_EIO);
    assert_says(path);
    assert_int_equal(entries(dir), 0);
    test_rmdir(dir);
}

/* Diagrams are rendered in memory and written by mapa: Graphviz cannot exit on a full disk. */
static void diagrams_past_a_file_size_limit_fail_cleanly(void **state)
{
    (void)state;
    mapa_diags d = MAPA_DIAGS_INIT;
    mapa_partnership *p = NULL;
    assert_int_equal(mapa_partnership_load(&p, &d, MAPA_TEST_DATA "/good/tiny"), MAPA_OK);
    size_t team[7] = {0, 1, 2, 0, 1, 2, MAPA_NONE}, spoc[3] = {0, 1, 2};
    assert_int_equal(p->n_members, 7);
    mapa_diagram_input in = {p, team, spoc, NULL, MAPA_DIAGRAM_AUTO, NULL};
    char *dir = test_mkdtemp();
    size_t written = 0;
    struct rlimit old = limit_files(8000); /* the structure's .dot fits, its .svg does not */
    mapa_err err = mapa_draw_diagrams(dir, &in, MAPA_DIAGRAM_SVG, &written);
    unlimit_files(old);
    assert_int_equal(err, MAPA_EIO);
    assert_says("structure.svg: could not be written");
    assert_int_equal(written, 0);
    assert_int_equal(entries(dir), 1); /* structure.dot, whole; no temporary */
    test_rmdir(dir);
    mapa_partnership_free(p);
    mapa_diags_dispose(&d);
}

static mode_t mode_of(const char *path)
{
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    return st.st_mode & 07777;
}

static void files_and_folders_honour_the_umask(void **state)
{
    (void)state;
    char *dir = test_mkdtemp();
    static const mode_t masks[] = {022, 027, 077, 002, 0};
    mode_t saved = umask(022);
    for (size_t k = 0; k < sizeof masks / sizeof *masks; k++) {
        umask(masks[k]);
        char path[4096];
        snprintf(path, sizeof path, "%s/file%zu.csv", dir, k);
        assert_int_equal(mapa__atomic_write(path, "a,b\n", 4), MAPA_OK);
        assert_int_equal(mode_of(path), 0666 & ~masks[k]);
        snprintf(path, sizeof path, "%s/sub%zu", dir, k);
        assert_int_equal(mapa_make_dir(path), MAPA_OK);
        assert_int_equal(mode_of(path), 0777 & ~masks[k]);
        assert_int_equal(rmdir(path), 0);
    }
    umask(saved);
    test_rmdir(dir);
}

/* -o "": a usage error (exit 64), and no read past the empty name */
static void empty_names_are_usage_errors(void **state)
{
    (void)state;
    assert_int_equal(mapa_make_dir(""), MAPA_EINVAL);
    assert_non_null(strstr(mapa_error_last(), "name is empty"));
    mapa__atomic_file f;
    assert_int_equal(mapa__atomic_open(&f, ""), MAPA_EINVAL);
    assert_null(f.fp);
    assert_int_equal(mapa__atomic_write("", "x", 1), MAPA_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(file_size_limit_fails_naming_the_file),
        cmocka_unit_test(diagrams_past_a_file_size_limit_fail_cleanly),
        cmocka_unit_test(files_and_folders_honour_the_umask),
        cmocka_unit_test(empty_names_are_usage_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
