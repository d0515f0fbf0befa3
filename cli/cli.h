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

/** A command: `run` gets argv with argv[0] the command's name. */
typedef struct mapa_command {
    const char *name;
    const char *summary;
    const char *help;
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

struct mapa_diags;

/** Print diagnostics as file:line:column: severity: message, at most `max` (0: all). */
void mapa_cli_print_problems(const struct mapa_diags *d, size_t max);

/** Which stages a planning command runs. */
typedef enum mapa_cli_mode { MAPA_MODE_ALLOCATE, MAPA_MODE_CF, MAPA_MODE_PLAN } mapa_cli_mode;

/** mapa allocate, mapa cf and mapa plan. */
int mapa_cli_plan(int argc, char **argv, const char *verb, const char *help, mapa_cli_mode mode);

/** The exit code for a library result. */
int mapa_cli_exit_code(mapa_err err);

/**
 * The arguments every command reads alike, after its own options: -q/--quiet,
 * -h/--help (prints `help`), an unknown option, and the one positional
 * argument (`what` names it: "folder"). Returns MAPA_EXIT_OK when `a` was
 * taken, -1 after printing the help, or the usage exit code.
 */
int mapa_cli_common_arg(const char *verb, const char *help, const char *what, const char *a,
                        const char **positional, bool *quiet);

/** Print "mapa VERB: message" and a pointer to the help; returns MAPA_EXIT_USAGE. */
int mapa_cli_usage_error(const char *verb, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

#endif
