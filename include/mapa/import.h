/* `mapa import`: a Forms export and an organisations list turned into a partnership folder. */
#ifndef MAPA_IMPORT_H
#define MAPA_IMPORT_H

#include <stddef.h>

#include <mapa/diag.h>
#include <mapa/error.h>

#ifdef __cplusplus
extern "C" {
#endif

/** What to import; only `responses` and `out` are required. */
typedef struct mapa_import_options {
    const char *responses;     /**< the form's export (CSV or tab-separated text) */
    const char *organisations; /**< the partnership's list of organisations, or NULL */
    const char *topics;        /**< a topics list (mapa's topics.csv or id/name columns), or NULL */
    const char *out;           /**< the folder to write (created when missing) */
    /**
     * A settings.json whose `columns` mapping is used instead of guessing, or
     * NULL: then out/settings.json's `columns` when it has one, else guessed.
     */
    const char *settings;
} mapa_import_options;

/** What an import did, in figures (the words are in import_report.txt). */
typedef struct mapa_import_result {
    size_t responses;     /**< response rows read (blank rows not counted) */
    size_t members;       /**< members written */
    size_t merged;        /**< double submissions merged away */
    size_t agencies;      /**< agencies written */
    size_t agencies_new;  /**< of them, not in the organisations list */
    size_t agencies_idle; /**< listed organisations no member named */
    size_t topics;        /**< topics written */
    size_t near_misses;   /**< organisation and topic texts matched as near misses or initials */
    size_t problems;      /**< problems left, each in the report */
    int columns_from_settings; /**< 1 when the column mapping came from a settings.json */
} mapa_import_result;

/**
 * Read the files, decide every column, organisation, topic and double
 * submission, and write members.csv, agencies.csv, topics.csv, settings.json
 * (with the `columns` used) and import_report.txt into `o->out`
 * (docs/formats.md, "mapa import"). Problems of the files go to `diags` as
 * file:line:column. Returns MAPA_OK when the folder was written; MAPA_EFORMAT
 * (nothing written) when a file cannot be used at all (no header, no
 * response, no column for the organisation); MAPA_ENOTFOUND, MAPA_EIO,
 * MAPA_ENOMEM. The same inputs give byte-identical files.
 */
mapa_err mapa_import_run(mapa_import_result *out, mapa_diags *diags, const mapa_import_options *o);

#ifdef __cplusplus
}
#endif
#endif
