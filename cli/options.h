/*
 * Options as data: each command declares one table that drives both the
 * parsing of its command line and its `mapa help COMMAND` text, in the
 * manner of libgit2's cli_opt_spec.
 */
#ifndef MAPA_CLI_OPTIONS_H
#define MAPA_CLI_OPTIONS_H

#include <stdbool.h>
#include <stdio.h>

/** One option. `value` names its argument ("OUT"); NULL for a flag. */
typedef struct mapa_cli_opt {
    int id;                /**< the command's own code for it, passed to `take` */
    char short_name;       /**< 'o' for -o, 0 for none */
    const char *long_name; /**< "out" for --out */
    const char *value;     /**< "OUT", or NULL for a flag */
    const char *help;      /**< one line; the defaults in brackets */
    unsigned modes;        /**< bits of the command variants that take it; 0: all */
} mapa_cli_opt;

/** A command's whole command line. */
typedef struct mapa_cli_spec {
    const char *verb;
    const char *usage;      /**< "Usage: mapa plan [OPTIONS] DIR -o OUT" (a line or two) */
    const char *about;      /**< what it does, in paragraphs */
    const mapa_cli_opt *opts;
    const char *positional; /**< what the one positional argument is ("folder"); NULL: none */
    const char *footer;     /**< after the options (exit codes of its own), or NULL */
} mapa_cli_spec;

/** The table's end. */
#define MAPA_CLI_OPT_END {0, 0, NULL, NULL, NULL, 0}

/**
 * Called for each option given: return MAPA_EXIT_OK or an exit code (after
 * printing the usage error through mapa_cli_usage_error).
 */
typedef int (*mapa_cli_take)(int id, const char *value, void *payload);

/**
 * Parse argv (argv[0] the command) against `spec` for the variant `mode` (a
 * bit of the options' `modes`, or 0). -q/--quiet sets *quiet, -h/--help
 * prints the help and returns -1; an unknown option, or one this variant does
 * not take, is a usage error (64). The positional argument goes to *positional.
 */
int mapa_cli_parse(const mapa_cli_spec *spec, unsigned mode, int argc, char **argv,
                   mapa_cli_take take, void *payload, const char **positional, bool *quiet);

/** Print the help of `spec` for the variant `mode` (0: every option). */
void mapa_cli_print_help(const mapa_cli_spec *spec, unsigned mode, FILE *out);

#endif
