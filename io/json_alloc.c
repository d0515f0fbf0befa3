/* jansson's allocator with an out-of-memory tripwire (io/json_alloc.h). */
#include "io/json_alloc.h"

#include <jansson.h>
#include <stdlib.h>

static _Thread_local bool failed;

static void *watched_malloc(size_t size)
{
    void *p = malloc(size);
    if (!p)
        failed = true;
    return p;
}

void mapa__json_watch(void)
{
    static bool installed; /* the same allocator for every thread: set once, early */
    if (!installed) {
        json_set_alloc_funcs(watched_malloc, free);
        installed = true;
    }
    failed = false;
}

bool mapa__json_failed(void)
{
    return failed;
}
