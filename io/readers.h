/* The readers of each partnership file, called in order by mapa_partnership_load. */
#ifndef MAPA_IO_READERS_H
#define MAPA_IO_READERS_H

#include <stdbool.h>
#include <stddef.h>

#include <mapa/diag.h>
#include <mapa/partnership.h>

#include "io/csv_table.h"

/**
 * Read settings.json into `s` (already holding the defaults). Problems go to
 * `diags`; returns MAPA_ENOTFOUND when the file does not exist (not an error
 * for the caller), MAPA_EIO when it cannot be read.
 */
mapa_err mapa__read_settings(mapa_settings *s, const char *path, const char *shown,
                             mapa_diags *diags);

/**
 * Read settings.json's `size` bytes at `text` (NUL-terminated) into `s`; the
 * same contract as mapa__read_settings once the file is read.
 */
mapa_err mapa__parse_settings(mapa_settings *s, const char *text, size_t size, const char *shown,
                              mapa_diags *diags);

/** Add the agencies of agencies.csv to `p`. Data problems go to `diags`. */
mapa_err mapa__read_agencies(mapa_partnership *p, const mapa__csv_table *t, mapa_diags *diags);

/**
 * Add the topics of topics.csv to `p`, with the settings' defaults for empty
 * cells. `topic_rows` (t->n_rows entries) receives each topic's table row.
 */
mapa_err mapa__read_topics(mapa_partnership *p, const mapa__csv_table *t, size_t *topic_rows,
                           mapa_diags *diags);

/**
 * Add the members of members.csv to `p`, resolving agencies, topics and teams.
 * Agencies missing from `p` are created with an unknown sector; with
 * `agencies_listed` each creation is warned about.
 */
mapa_err mapa__read_members(mapa_partnership *p, const mapa__csv_table *t, bool agencies_listed,
                            mapa_diags *diags);

/** Add the logged contacts of interactions.csv to `p` (members already read). */
mapa_err mapa__read_interactions(mapa_partnership *p, const mapa__csv_table *t, mapa_diags *diags);

/** Add the actions of actions.csv to `p` (topics already read). */
mapa_err mapa__read_actions(mapa_partnership *p, const mapa__csv_table *t, mapa_diags *diags);

#endif
