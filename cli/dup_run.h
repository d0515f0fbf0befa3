/* The duplicated-actions stage, shared by `mapa duplicates` and `mapa plan`. */
#ifndef MAPA_CLI_DUP_RUN_H
#define MAPA_CLI_DUP_RUN_H

#include <stdbool.h>

#include <mapa/duplicates.h>

/**
 * Find the duplicated actions of p (team per member and cf may be NULL), write
 * them into `out`, report on stdout unless `quiet`. Returns an exit code.
 */
int mapa_cli_duplicates_stage(const char *out, bool quiet, const char *verb,
                              const mapa_partnership *p, const size_t *team, const mapa_cf *cf,
                              const mapa_dup_options *o);

#endif
