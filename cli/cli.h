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
    MAPA_EXIT_IOERR = 74     /* a file could not be read or written */
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

extern const mapa_command mapa_cmd_validate;
extern const mapa_command mapa_cmd_allocate;
extern const mapa_command mapa_cmd_plan;
extern const mapa_command mapa_cmd_cf;
extern const mapa_command mapa_cmd_metrics;
extern const mapa_command mapa_cmd_duplicates;
extern const mapa_command mapa_cmd_draw;
extern const mapa_command mapa_cmd_generate;
extern const mapa_command mapa_cmd_sweep;
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

/** Print "mapa VERB: message" and a pointer to the help; returns MAPA_EXIT_USAGE. */
int mapa_cli_usage_error(const char *verb, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

#endif
