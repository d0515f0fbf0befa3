/*
 * jansson's allocations through mapa's allocator, with a tripwire: jansson
 * drops a value it could not allocate without a word (json_array_append_new
 * of NULL), so each JSON reader and writer resets the tripwire first and
 * checks it before it trusts what it built or read.
 */
#ifndef MAPA_IO_JSON_ALLOC_H
#define MAPA_IO_JSON_ALLOC_H

#include <stdbool.h>

/** Route jansson's allocations through mapa's (once) and reset the tripwire. */
void mapa__json_watch(void);

/** Whether an allocation jansson asked for failed since mapa__json_watch. */
bool mapa__json_failed(void);

#endif
