/* Where a key is written in a JSON file, for messages (jansson keeps no positions). */
#ifndef MAPA_IO_JSON_POSITION_H
#define MAPA_IO_JSON_POSITION_H

#include <stddef.h>

/** Line and column (from 1) of the first "key" in text; 1:1 when it is not there. */
void mapa__json_key_position(const char *text, const char *key, size_t *line, size_t *col);

#endif
