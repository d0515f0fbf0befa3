/*
 * libFuzzer target: the whole loader (mapa_partnership_load) on a folder made
 * from the input. The input is the folder's files one after the other, each
 * ended by a line "%%" (see make_corpus.sh): members.csv, topics.csv,
 * agencies.csv, settings.json, interactions.csv, actions.csv; files past the
 * input's end are absent.
 */
#define _GNU_SOURCE
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const FILES[] = {"members.csv",   "topics.csv",       "agencies.csv",
                                    "settings.json", "interactions.csv", "actions.csv"};
#define N_FILES (sizeof FILES / sizeof *FILES)

static char folder_path[64]; /* /tmp/mapa-fuzz-PID */

static void remove_folder(void)
{
    for (size_t k = 0; k < N_FILES; k++) {
        char path[256];
        snprintf(path, sizeof path, "%s/%s", folder_path, FILES[k]);
        unlink(path);
    }
    rmdir(folder_path);
}

static const char *folder(void)
{
    if (!folder_path[0]) {
        snprintf(folder_path, sizeof folder_path, "/tmp/mapa-fuzz-%ld", (long)getpid());
        if (mkdir(folder_path, 0700) != 0) {
            perror(folder_path);
            abort();
        }
        atexit(remove_folder);
    }
    return folder_path;
}

static void put(const char *dir, const char *name, const uint8_t *data, size_t size, bool present)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (!present) {
        unlink(path);
        return;
    }
    FILE *fp = fopen(path, "wb");
    if (!fp || fwrite(data, 1, size, fp) != size || fclose(fp) != 0)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *dir = folder();
    const uint8_t *s = data, *end = data + size;
    for (size_t k = 0; k < N_FILES; k++) {
        const uint8_t *mark = s <= end ? memmem(s, (size_t)(end - s), "\n%%\n", 4) : NULL;
        const uint8_t *stop = mark ? mark + 1 : end;
        put(dir, FILES[k], s, s <= end ? (size_t)(stop - s) : 0, s < end);
        s = mark ? mark + 4 : end + 1;
    }
    mapa_partnership *p = NULL;
    mapa_diags d = MAPA_DIAGS_INIT;
    mapa_err err = mapa_partnership_load(&p, &d, dir);
    if ((err == MAPA_OK) != (p != NULL) || (err == MAPA_OK && d.n_errors))
        abort(); /* a partnership comes back exactly when there is no error */
    fuzz_check_diags(&d);
    mapa_partnership_free(p);
    mapa_diags_dispose(&d);
    return 0;
}
