/*
 * The temporaries open for writing, in a fixed table a signal handler may
 * read: a slot holds a borrowed path between mapa__temp_note and
 * mapa__temp_forget (which runs before the path is freed), so the handler
 * only ever sees a live string. unlink(2) is async-signal-safe.
 */
#include "io/temporaries.h"

#include <signal.h>
#include <stddef.h>
#include <unistd.h>

#include <mapa/interrupt.h>

enum { SLOTS = 256 }; /* files open at once: a few per stage; beyond, a temporary may stay */

static const char *volatile slot[SLOTS];

void mapa__temp_note(const char *path)
{
    for (size_t k = 0; k < SLOTS; k++)
        if (!slot[k]) {
            slot[k] = path;
            return;
        }
}

void mapa__temp_forget(const char *path)
{
    for (size_t k = 0; k < SLOTS; k++)
        if (slot[k] == path)
            slot[k] = NULL;
}

void mapa_remove_temporaries(void)
{
    for (size_t k = 0; k < SLOTS; k++) {
        const char *path = slot[k];
        if (path)
            unlink(path);
    }
}
