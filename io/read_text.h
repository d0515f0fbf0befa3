/* A whole text file in memory (for JSON files, which jansson parses from a buffer). */
#ifndef MAPA_IO_READ_TEXT_H
#define MAPA_IO_READ_TEXT_H

#include <stddef.h>
#include <stdio.h>

/**
 * Read fp to its end, or until more than `limit` bytes (then *size > limit);
 * NUL-terminated, malloc'd; NULL when out of memory.
 */
char *mapa__read_text(FILE *fp, size_t limit, size_t *size);

#endif
