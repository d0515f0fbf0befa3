/* The mapa command's exit codes (sysexits style) and its commands. */
#ifndef MAPA_CLI_H
#define MAPA_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include <mapa/error.h>

enum {
    MAPA_EXIT_OK = 0,
    MAPA_EXIT_USAGE = 64,    /* the command line is wrong */
    MAPA_EXIT_DATAERR = 65,  /* the partnership's data has errors */
    MAPA_EXIT_NOINPUT = 66,  /* a folder or required file is missing */
    MAPA_EXIT_SOFTWARE = 70, /* an internal error (out of memory, a library failure) */
    MAPA_EXIT_IOERR = 74,    /* a file could not be read or written */
    MAPA_EXIT_TEMPFAIL = 75  /* another run is writing the output folder: try again, or --wait */
};

struct mapa_cli_spec;
struct mapa_partnership;

/** A command: `run` gets argv with argv[0] the command's name; `spec` drives its help. */
typedef struct mapa_command {
    const char *name;
    const char *summary;
    const struct mapa_cli_spec *spec;
    unsigned mode; /**< the variant of spec's options it takes (0: all) */
    int (*run)(int argc, char **argv);
} mapa_command;

extern const mapa_command mapa_cmd_import;
extern const mapa_command mapa_cmd_validate;
extern const mapa_command mapa_cmd_allocate;
extern const mapa_command mapa_cmd_plan;
extern const mapa_command mapa_cmd_cf;
extern const mapa_command mapa_cmd_metrics;
extern const mapa_command mapa_cmd_duplicates;
extern const mapa_command mapa_cmd_draw;
extern const mapa_command mapa_cmd_generate;
extern const mapa_command mapa_cmd_sweep;
extern const mapa_command mapa_cmd_check;
extern const mapa_command mapa_cmd_report;
extern const mapa_command mapa_cmd_schedule;

struct mapa_diags;

/** Print diagnostics as file:line:column: severity: message, at most `max` (0: all). */
void mapa_cli_print_problems(const struct mapa_diags *d, size_t max);

/** The exit code for a library result. */
int mapa_cli_exit_code(mapa_err err);

/**
 * Load the partnership in `dir`, printing its problems (and, when it has
 * errors, how to fix them). Returns MAPA_EXIT_OK with *out set, or the exit code.
 */
int mapa_cli_load(struct mapa_partnership **out, const char *verb, const char *dir);

struct mapa_saved_plan;

/** Read the saved plan in `dir` (problems printed); dispose it whatever the result. */
mapa_err mapa_cli_read_plan(struct mapa_saved_plan *plan, const char *dir,
                            const struct mapa_partnership *p, bool need_cf);

/** Remove temporaries and exit 130 with a line on SIGINT / SIGTERM (cli/interrupt.c). */
void mapa_cli_interrupt_install(const char *verb);

/** What the command is doing now, for that line ("drawing the diagrams"; static text). */
void mapa_cli_interrupt_doing(const char *doing);

struct mapa_out_dir;
struct mapa_out_dir_options;
struct mapa_cf;
struct mapa_dup_lexicon;

/** The files mapa plan may write (for folders written before mapa kept a record). */
extern const char *const mapa_cli_plan_files[];

/** Open `target` for one run (cli/out_folder.c); prints the error; returns an exit code. */
int mapa_cli_out_open(struct mapa_out_dir **d, const char *verb, const char *target,
                      const struct mapa_out_dir_options *o);

/**
 * End the run: with `rc` 0 put the new files in place, else leave the folder as
 * it was and say so. Returns the exit code.
 */
int mapa_cli_out_close(struct mapa_out_dir *d, const char *verb, int rc);

/**
 * Read DIR/synonyms.csv and DIR/not_duplicates.csv (both optional) into `lex`,
 * printing their problems as file:line:column; returns an exit code.
 */
int mapa_cli_read_lexicon(struct mapa_dup_lexicon *lex, const char *verb, const char *dir,
                          const struct mapa_partnership *p);

/**
 * Print every rule of the allocation (and, with `cf`, of the Critical Friends)
 * the plan breaks, at its file:line:column; returns how many.
 */
size_t mapa_cli_check_plan(const struct mapa_partnership *p, const char *teams_path,
                           const char *cf_path, const size_t *team, const size_t *spoc,
                           const struct mapa_cf *cf, bool as_warnings);

/** Whether the folders `a` and `b` both exist and are the same one. */
bool mapa_cli_same_folder(const char *a, const char *b);

/** `path` (OUT/x) moved into the run's folder (RUN/x), malloc'd; NULL when not inside OUT. */
char *mapa_cli_inside(const char *target, const char *run_dir, const char *path);

/** DIR/NAME, malloc'd (NULL when out of memory). */
char *mapa_cli_join(const char *dir, const char *name);

/** With `broken` rules: say so, and how to go on; returns 65 (0 when none, or `accept`). */
int mapa_cli_refuse_broken(const char *verb, size_t broken, bool accept);

/**
 * The check of a saved plan read from `dir` before a command goes on with it:
 * each broken rule printed (as warnings with `accept`); returns 65 when one
 * is broken and not `accept`, else 0.
 */
int mapa_cli_check_saved(const char *verb, const struct mapa_partnership *p, const char *dir,
                         const struct mapa_saved_plan *plan, bool accept);

/** Print "mapa VERB: message" and a pointer to the help; returns MAPA_EXIT_USAGE. */
int mapa_cli_usage_error(const char *verb, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

#endif
