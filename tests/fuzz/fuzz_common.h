/* What the fuzz targets share: the example partnership read once, inputs as files, checks. */
#ifndef MAPA_TESTS_FUZZ_COMMON_H
#define MAPA_TESTS_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include <mapa/mapa.h>

#include "io/csv_table.h"

/** What of the example a fresh partnership holds before the input is read into it. */
typedef enum fuzz_with {
    FUZZ_AGENCIES_TOPICS,         /**< for members.csv and actions.csv */
    FUZZ_AGENCIES_TOPICS_MEMBERS, /**< for interactions.csv */
} fuzz_with;

/** A new partnership holding the example's files up to `with` (aborts on failure). */
mapa_partnership *fuzz_partnership(fuzz_with with);

/** The whole example partnership, loaded once (borrowed; never freed). */
const mapa_partnership *fuzz_example(void);

/**
 * The input as a file that readers taking a path can open: an in-memory file
 * (memfd) rewritten for each input; the path is borrowed.
 */
const char *fuzz_file(const uint8_t *data, size_t size);

/**
 * Checks that hold for any input, else abort() (a crash to libFuzzer): every
 * message is valid UTF-8 without control characters, positions are counted
 * from 1 (or 0 for a whole file), and a table that came back has its header.
 */
void fuzz_check_diags(const mapa_diags *d);
void fuzz_check_table(mapa_err err, const mapa__csv_table *t);

/** Parse the input as a CSV table named `shown`; checks the table (above). */
mapa_err fuzz_parse(mapa__csv_table *t, const uint8_t *data, size_t size, const char *shown,
                    mapa_diags *d);

#endif
