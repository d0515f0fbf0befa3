/* Helpers shared by the tests: temporary folders and whole-file reads and writes. */
#ifndef MAPA_TESTS_TEST_UTIL_H
#define MAPA_TESTS_TEST_UTIL_H

#include <stddef.h>

/** A new empty folder under $TMPDIR (malloc'd path); aborts the test on failure. */
char *test_mkdtemp(void);
/** Remove a folder made by test_mkdtemp and the plain files in it, and free the path. */
void test_rmdir(char *dir);
/** Write `size` bytes to dir/name; aborts the test on failure. */
void test_write(const char *dir, const char *name, const void *data, size_t size);
/** The whole file, NUL-terminated (malloc'd), or NULL when it does not exist. */
char *test_read(const char *path, size_t *size);

#endif
