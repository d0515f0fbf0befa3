/* Writing duplicated actions: duplicates.csv, duplicate_clusters.csv, summary.json. */
#ifndef MAPA_DUPLICATES_OUTPUT_H
#define MAPA_DUPLICATES_OUTPUT_H

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

#ifdef __cplusplus
}
#endif

#endif
