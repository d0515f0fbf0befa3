/* The readers of each partnership file, called in order by mapa_partnership_load. */
#ifndef MAPA_IO_READERS_H
#define MAPA_IO_READERS_H

#include <stdbool.h>
#include <stddef.h>

#include <mapa/diag.h>
#include <mapa/partnership.h>

#include "io/csv_table.h"

typedef struct mapa__matcher mapa__matcher;

/**
 * Messages that would repeat down a file, gathered: one per distinct message
 * and severity, at its first position, with the count and the first lines
 * ("(168 times, on lines 2, 3, 4, ... and 160 more)"). io/read_names.c.
 */
typedef struct mapa__repeats mapa__repeats;
mapa_err mapa__repeats_new(mapa__repeats **out);
/** Note one occurrence; out of memory is kept and reported by the flush. */
void mapa__repeats_add(mapa__repeats *r, mapa_severity severity, size_t line, size_t col,
                       const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;
/** Add every gathered message to `d` under `file`, once (call it once). */
void mapa__repeats_flush(mapa__repeats *r, const char *file, mapa_diags *d);
void mapa__repeats_free(mapa__repeats *r);

/**
 * Rename header cells of `t` by settings.json `columns` for `file`
 * ("members"): a header written as an entry's `header` (compared
 * normalised) becomes that entry's mapa column; an entry whose header is
 * absent is passed over (a file mapa wrote has mapa's own names). Returns
 * MAPA_ENOMEM or MAPA_OK.
 */
mapa_err mapa__csv_map_columns(mapa__csv_table *t, const mapa_settings *s, const char *file,
                               mapa_diags *d);

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

/**
 * Add the agencies of agencies.csv to `p`. Data problems go to `diags`. With
 * `names`, each agency's id, name and `aliases` (`;`-separated) are added to
 * it for mapa__read_members.
 */
mapa_err mapa__read_agencies(mapa_partnership *p, const mapa__csv_table *t, mapa__matcher *names,
                             mapa_diags *diags);

/**
 * Add the topics of topics.csv to `p`, with the settings' defaults for empty
 * cells. `topic_rows` (t->n_rows entries) receives each topic's table row.
 */
mapa_err mapa__read_topics(mapa_partnership *p, const mapa__csv_table *t, size_t *topic_rows,
                           mapa_diags *diags);

/**
 * Add the members of members.csv to `p`, resolving agencies, topics and teams.
 * Topics are found by id or name, agencies by id or, with `agency_names`
 * (from mapa__read_agencies), by name or alias, near misses as settings'
 * `near_miss` says (docs/formats.md, "Names"). Agencies missing from `p` are
 * created with an unknown sector; with `agencies_listed` each creation is
 * warned about. A problem repeated on many rows is one message.
 */
mapa_err mapa__read_members(mapa_partnership *p, const mapa__csv_table *t, bool agencies_listed,
                            const mapa__matcher *agency_names, mapa_diags *diags);

/** Add the logged contacts of interactions.csv to `p` (members already read). */
mapa_err mapa__read_interactions(mapa_partnership *p, const mapa__csv_table *t, mapa_diags *diags);

/** Add the actions of actions.csv to `p` (topics already read). */
mapa_err mapa__read_actions(mapa_partnership *p, const mapa__csv_table *t, mapa_diags *diags);

#endif
