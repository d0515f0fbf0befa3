/*
 * Text for duplicate detection: Unicode-aware lower-casing and tokenising
 * (UTF-8; letters and digits of any script form words), English stop words
 * dropped, Snowball (libstemmer) English stems. See docs/duplicates.md.
 */
#ifndef MAPA_TEXT_H
#define MAPA_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include <mapa/error.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mapa_text mapa_text;

/** A tokeniser with its stemmer and a cache of stems; free with mapa_text_free. */
mapa_err mapa_text_new(mapa_text **out);
void mapa_text_free(mapa_text *t);

/**
 * The stems of `s`, in order, as ids into the tokeniser's vocabulary
 * (mapa_text_stem gives the text back). `*ids` is grown with realloc as
 * needed (`*cap` its capacity); returns the number of stems in *n.
 * Invalid UTF-8 bytes count as separators.
 */
mapa_err mapa_text_stems(mapa_text *t, const char *s, size_t **ids, size_t *n, size_t *cap);

/** The stem with id `id`. */
const char *mapa_text_stem(const mapa_text *t, size_t id);

/**
 * The word a reader would recognise for stem `id`: the lower-cased word most
 * often seen with that stem so far ("trafficking" for "traffick"; the first
 * seen on a tie). Borrowed from the tokeniser.
 */
const char *mapa_text_word(const mapa_text *t, size_t id);

/**
 * Count no word as seen so far (the stems and their words stay): the words a
 * reader is shown are then those of the texts stemmed after, not of a
 * glossary stemmed before them.
 */
void mapa_text_forget_sightings(mapa_text *t);

/** Stems in the vocabulary so far. */
size_t mapa_text_vocabulary(const mapa_text *t);

/** Whether the lower-cased word `w` is an English stop word. */
bool mapa_text_stop_word(const char *w);

#ifdef __cplusplus
}
#endif

#endif
