/* The temporaries open for writing, kept where a signal handler can remove them. */
#ifndef MAPA_IO_TEMPORARIES_H
#define MAPA_IO_TEMPORARIES_H

/** Note the temporary `path` (borrowed until mapa__temp_forget); false if the table is full. */
void mapa__temp_note(const char *path);

/** Forget `path` before it is renamed, removed or freed. */
void mapa__temp_forget(const char *path);

#endif
