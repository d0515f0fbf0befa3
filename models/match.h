/* Matching the names people write (case, spaces, punctuation, typos, initials) to known ones. */
#ifndef MAPA_MODELS_MATCH_H
#define MAPA_MODELS_MATCH_H

#include <stddef.h>

#include <mapa/error.h>

/** How a written name was matched, best first. */
typedef enum mapa__match_how {
    MAPA__MATCH_NONE = 0,
    MAPA__MATCH_ID,       /* an id, compared after normalising */
    MAPA__MATCH_NAME,     /* a name, compared after normalising */
    MAPA__MATCH_ALIAS,    /* an alias, compared after normalising */
    MAPA__MATCH_INITIALS, /* the initials of a name or alias ("NP", "GLAA") */
    MAPA__MATCH_NEAR,     /* a small edit distance from a name, id or alias */
    MAPA__MATCH_AMBIGUOUS /* as near to two different entries, or one key for two */
} mapa__match_how;

typedef struct mapa__match {
    mapa__match_how how;
    size_t index;     /* the entry's index (MAPA_NONE when none) */
    size_t other;     /* MAPA__MATCH_AMBIGUOUS: the second candidate's index */
    const char *text; /* the entry's own text that matched (borrowed from the matcher) */
    const char *other_text;
    size_t distance; /* MAPA__MATCH_NEAR: the edit distance of the normalised texts */
} mapa__match;

typedef struct mapa__matcher mapa__matcher;

mapa_err mapa__matcher_new(mapa__matcher **out);
void mapa__matcher_free(mapa__matcher *m);

/**
 * Add `text` (copied) as the id, name or alias `how` of entry `index`. The
 * same normalised text for two entries makes that text ambiguous.
 */
mapa_err mapa__matcher_add(mapa__matcher *m, const char *text, size_t index, mapa__match_how how);

/**
 * Match `text`: first its normalised form against every id, name and alias
 * (O(1) expected), then the initials of names and aliases (O(1)), then the
 * nearest text by optimal-string-alignment distance (Damerau-Levenshtein with
 * adjacent transpositions) within the threshold of mapa__near_threshold, O(n
 * L^2) for n entries of length L. Two entries at the best distance are
 * MAPA__MATCH_AMBIGUOUS. Out of memory gives MAPA__MATCH_NONE.
 */
mapa__match mapa__matcher_find(const mapa__matcher *m, const char *text);

/** Match `text` by its normalised form only (ids, names, aliases); no initials, no near misses. */
mapa__match mapa__matcher_find_exact(const mapa__matcher *m, const char *text);

/**
 * The normalised form of a name, malloc'd (NULL on out of memory): ASCII
 * letters in lower case and digits, '&' as "and", other ASCII dropped, and
 * punctuation beyond ASCII (curly quotes and apostrophes, dashes, no-break
 * spaces: U+2000-U+203F, U+00A0, U+00AB, U+00BB, U+00B7) dropped; other
 * characters (é, ł) kept. "Lincolnshire Police " and "lincolnshire-police"
 * are both "lincolnshirepolice".
 */
char *mapa__name_key(const char *s);

/** The edit distance within which two normalised texts of these lengths are a near miss. */
size_t mapa__near_threshold(size_t len_a, size_t len_b);

/** In words, for messages: "its id", "its name", "an alias", "its initials", "a near miss". */
const char *mapa__match_how_words(mapa__match_how how);

#endif
