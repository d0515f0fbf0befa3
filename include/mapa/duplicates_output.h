/* Writing duplicated actions: duplicates.csv, duplicate_clusters.csv, summary.json. */
#ifndef MAPA_DUPLICATES_OUTPUT_H
#define MAPA_DUPLICATES_OUTPUT_H

#include <mapa/diag.h>
#include <mapa/duplicates.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Write DIR/duplicates.csv (a row per pair, best first), DIR/duplicate_clusters.csv
 * (a row per action in a cluster) and the duplicates section of DIR/summary.json
 * (other sections kept). Each file is whole or absent.
 */
mapa_err mapa_write_duplicates(const char *dir, const mapa_partnership *p,
                               const mapa_duplicates *d);

/**
 * Add the rows of a synonyms.csv (columns term, same_as; same_as may list
 * several phrases separated by ";") to `l`. Problems go to `d` as
 * file:line:column; MAPA_EFORMAT when there were errors, MAPA_ENOTFOUND when
 * the file does not exist.
 */
mapa_err mapa_read_synonyms(mapa_dup_lexicon *l, const char *path, mapa_diags *d);

/**
 * Add the pairs of a not_duplicates.csv (columns action_a, action_b, optional
 * reason; the other columns of duplicates.csv are accepted, so a row can be
 * copied across) to `l`. Same errors as mapa_read_synonyms.
 */
mapa_err mapa_read_not_duplicates(mapa_dup_lexicon *l, const char *path, const mapa_partnership *p,
                                  mapa_diags *d);

/**
 * DIR/synonyms.csv and DIR/not_duplicates.csv when they exist (an absent file
 * is no error). `*out` is the caller's (mapa_dup_lexicon_dispose); on failure
 * it is untouched.
 */
mapa_err mapa_read_dup_lexicon(mapa_dup_lexicon *out, const char *dir, const mapa_partnership *p,
                               mapa_diags *d);

#ifdef __cplusplus
}
#endif

#endif
