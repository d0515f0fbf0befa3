/* summary.json is shared by the stages: each rewrites its own sections and keeps the others. */
#ifndef MAPA_IO_SUMMARY_MERGE_H
#define MAPA_IO_SUMMARY_MERGE_H

#include <jansson.h>

#include <mapa/error.h>

/**
 * Write `root` (its reference is taken) to `path`, atomically, adding the
 * sections of the existing file that `root` does not have.
 */
mapa_err mapa__summary_merge(const char *path, json_t *root);

#endif
