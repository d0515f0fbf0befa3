/* Reading a partnership folder (CSV files and settings.json) with full validation. */
#ifndef MAPA_IO_H
#define MAPA_IO_H

#include <mapa/diag.h>
#include <mapa/error.h>
#include <mapa/partnership.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Load and validate the partnership in folder `dir` (members.csv, topics.csv,
 * optional agencies.csv and settings.json; docs/formats.md).
 *
 * Every problem goes to `diags` as file:line:column, all of them at once.
 * Returns MAPA_OK (warnings allowed) with `*out` owned by the caller;
 * MAPA_EFORMAT when any error was found, MAPA_ENOTFOUND when the folder or a
 * required file is missing, MAPA_EIO when a file cannot be read; `*out` is
 * then NULL. Time and memory are linear in the size of the files.
 */
mapa_err mapa_partnership_load(mapa_partnership **out, mapa_diags *diags, const char *dir);

#ifdef __cplusplus
}
#endif
#endif
