/* The temporaries open for writing, kept where a signal handler can remove them. */
#ifndef MAPA_IO_TEMPORARIES_H
#define MAPA_IO_TEMPORARIES_H

/** Note the temporary `path` (borrowed until mapa__temp_forget); false if the table is full. */
void mapa__temp_note(const char *path);

/** Forget `path` before it is renamed, removed or freed. */
void mapa__temp_forget(const char *path);

/** States of the run's output folder, for the signal handler. */
enum {
    MAPA__RUN_NONE,    /* no run folder */
    MAPA__RUN_WRITING, /* `dir` is being written; the target is as it was */
    MAPA__RUN_HALF,    /* the target was moved to `aside`; `dir` not yet in its place */
    MAPA__RUN_DONE     /* the new run is in place; `dir` holds the earlier one, to remove */
};

/** Note the run's folder `dir`, its `target` and `aside` (borrowed) in `state`. */
void mapa__temp_run(const char *dir, const char *target, const char *aside, int state);

/** Remove the file or folder tree at `path` (async-signal-safe; best effort). */
void mapa__remove_tree(const char *path);

#endif
