/* Inside `mapa import`: guessing what each column of a Forms export or list holds. */
#ifndef MAPA_IO_IMPORT_INTERNAL_H
#define MAPA_IO_IMPORT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** Which file a column guess is for. */
typedef enum mapa__import_file {
    MAPA__IMPORT_RESPONSES,
    MAPA__IMPORT_ORGANISATIONS,
    MAPA__IMPORT_TOPICS
} mapa__import_file;

/**
 * The mapa column a header stands for, into `role` ("id", "email", "name",
 * "pref2", "timestamp"... or "" for none), and in `why` a reason when it is
 * left out on purpose ("the form's response number"). `ms_forms` tells that
 * the header is a Microsoft Forms one (its ID is a response number).
 */
void mapa__import_guess(mapa__import_file file, const char *header, bool ms_forms, char *role,
                        size_t role_cap, const char **why);

/** A submission time; `day_first` orders a/b/c dates. false when `s` is not one. */
bool mapa__import_time(const char *s, int order, int64_t *out);

/** How a column's a/b/c dates read: 0 year first, 1 day first, 2 month first. */
enum { MAPA__TIME_YMD = 0, MAPA__TIME_DMY = 1, MAPA__TIME_MDY = 2 };

/** What a list of date texts tells about their order: a bit 1 for "a > 12", 2 for "b > 12". */
unsigned mapa__import_time_evidence(const char *s);

/** A lower-case ASCII id made of `s` ("Nottinghamshire Police" -> "nottinghamshire-police"). */
void mapa__import_slug(const char *s, char *buf, size_t cap);

#endif
