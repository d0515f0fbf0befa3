/* An output folder that always holds one whole run: written aside, swapped in at the end. */
#ifndef MAPA_OUT_DIR_H
#define MAPA_OUT_DIR_H

#include <stdbool.h>

#include <mapa/error.h>

#ifdef __cplusplus
extern "C" {
#endif

/** One run's output folder, from mapa_out_dir_open to commit or abort. */
typedef struct mapa_out_dir mapa_out_dir;

/** What a run does with the files an earlier mapa run left in the folder. */
typedef struct mapa_out_dir_options {
    /**
     * Names (top-level files or folders) of the earlier run's files this run
     * builds on and keeps, NULL-terminated (`mapa cf` keeps "teams.csv").
     * NULL: every earlier file of mapa is dropped, unless `drop` is set.
     */
    const char *const *keep;
    /** When set (NULL-terminated): only these earlier files are dropped, the others kept. */
    const char *const *drop;
    /**
     * Names this command may write, used instead of the record of the last
     * run (OUT/.mapa-files) in a folder written before mapa kept one.
     */
    const char *const *owned;
    /** Wait for another run holding the folder instead of refusing (MAPA_EBUSY). */
    bool wait;
} mapa_out_dir_options;

/**
 * Lock folder `target` (created when missing; lock file target/.mapa.lock)
 * and make the run's folder beside it (.NAME.mapa-new.XXXXXX) holding the
 * files this run keeps: the co-ordinator's own files (anything the last run
 * did not write, by the record target/.mapa-files) and the earlier files
 * `options` keeps, as hard links (copies where links are not possible).
 * Writers then write into mapa_out_dir_path(); nothing in `target` changes
 * until mapa_out_dir_commit. Another run holding `target` is MAPA_EBUSY
 * (naming its process), unless options->wait. `*out` is freed by commit or abort.
 */
mapa_err mapa_out_dir_open(mapa_out_dir **out, const char *target,
                           const mapa_out_dir_options *options);

/** The folder to write this run's files into (borrowed from `d`). */
const char *mapa_out_dir_path(const mapa_out_dir *d);

/** The folder the user named (borrowed from `d`). */
const char *mapa_out_dir_target(const mapa_out_dir *d);

/** Whether `target` held files of an earlier run (or any file) when opened. */
bool mapa_out_dir_had_files(const mapa_out_dir *d);

/**
 * Record what the run wrote (target/.mapa-files) and swap the run's folder in
 * for `target` in one rename (renameat2 RENAME_EXCHANGE; two renames where the
 * file system cannot exchange), then remove the earlier folder and unlock.
 * Frees `d` whatever the result; on failure `target` is as it was.
 */
mapa_err mapa_out_dir_commit(mapa_out_dir *d);

/**
 * Remove the run's folder, leaving `target` as it was (a folder the open
 * created is removed again), and unlock. Frees `d`; NULL does nothing.
 */
void mapa_out_dir_abort(mapa_out_dir *d);

/**
 * For a signal handler (async-signal-safe): the target of the run in progress,
 * or NULL, and in *committed whether its new files are already in place.
 * mapa_remove_temporaries removes the run's folder too.
 */
const char *mapa_out_dir_interrupted(bool *committed);

#ifdef __cplusplus
}
#endif
#endif
