/* The mapa command: picks the command named on the command line and runs it. */
#define _POSIX_C_SOURCE 200809L
#include <malloc.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <mapa/mapa.h>

#include "cli/cli.h"
#include "cli/options.h"

static const mapa_command *const commands[] = {
    &mapa_cmd_import,   &mapa_cmd_validate,   &mapa_cmd_allocate,   &mapa_cmd_cf,
    &mapa_cmd_metrics,  &mapa_cmd_duplicates, &mapa_cmd_draw,
    &mapa_cmd_plan,     &mapa_cmd_generate,   &mapa_cmd_sweep,
    &mapa_cmd_check, &mapa_cmd_report, &mapa_cmd_schedule};
#define N_COMMANDS (sizeof commands / sizeof *commands)

static const char exit_codes[] =
    "Exit codes:\n"
    "  0   success (warnings may have been printed)\n"
    "  64  usage error: the command line is wrong\n"
    "  65  data error: the partnership's files have errors (each printed as file:line:column),\n"
    "      or the limits cannot all hold (no plan; the reasons are printed), or a saved plan\n"
    "      breaks a rule (mapa check; cf, draw and metrics unless --accept-broken)\n"
    "  66  missing input: a folder or a required file does not exist\n"
    "  70  internal error (out of memory, a library failure)\n"
    "  74  input/output error: a file could not be read or written\n"
    "  75  another mapa run is writing the same output folder (--wait waits for it)\n"
    "  130 interrupted (Ctrl-C, SIGTERM): no temporary is left; the output folder holds the\n"
    "      previous run as it was (or the new one, when it was already in place); mapa sweep's\n"
    "      file is readable and the same command resumes it\n"
    "A run that fails (any code but 0) leaves its output folder as the previous run left it.\n";

static void print_usage(FILE *out)
{
    fprintf(out,
            "mapa %s: analytics and optimisation for multi-agency partnerships\n\n"
            "Usage: mapa [--help | --version] COMMAND [ARGS]\n\n"
            "Commands:\n",
            mapa_version());
    for (size_t i = 0; i < N_COMMANDS; i++)
        fprintf(out, "  %-10s %s\n", commands[i]->name, commands[i]->summary);
    fprintf(out, "  %-10s %s\n\n", "help", "show the help of a command: mapa help validate");
    fputs(exit_codes, out);
    fputs("\nFile formats: docs/formats.md\n", out);
}

static const mapa_command *find(const char *name)
{
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (strcmp(commands[i]->name, name) == 0)
            return commands[i];
    return NULL;
}

static int help(int argc, char **argv)
{
    if (argc < 2) {
        print_usage(stdout);
        return MAPA_EXIT_OK;
    }
    const mapa_command *cmd = find(argv[1]);
    if (!cmd)
        return mapa_cli_usage_error("help", "no command '%s'", argv[1]);
    mapa_cli_print_help(cmd->spec, cmd->mode, stdout);
    fputs("\n", stdout);
    fputs(exit_codes, stdout);
    return MAPA_EXIT_OK;
}

int mapa_cli_exit_code(mapa_err err)
{
    switch (err) {
    case MAPA_OK: return MAPA_EXIT_OK;
    case MAPA_EFORMAT: return MAPA_EXIT_DATAERR;
    case MAPA_ENOTFOUND: return MAPA_EXIT_NOINPUT;
    case MAPA_EIO: return MAPA_EXIT_IOERR;
    case MAPA_EINVAL: return MAPA_EXIT_USAGE;
    case MAPA_EBUSY: return MAPA_EXIT_TEMPFAIL;
    default: return MAPA_EXIT_SOFTWARE;
    }
}

int mapa_cli_usage_error(const char *verb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "mapa %s: ", verb);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\nTry 'mapa help %s'.\n", verb);
    va_end(ap);
    return MAPA_EXIT_USAGE;
}

int main(int argc, char **argv)
{
    signal(SIGXFSZ, SIG_IGN); /* past a file-size limit a write fails (EFBIG, exit 74), not mapa */
#ifdef M_ARENA_MAX
    /* glibc reserves 64 MiB of address space for each thread's malloc arena; Pango's font
       threads would then abort under a memory limit that mapa's own check let through */
    mallopt(M_ARENA_MAX, 1);
#endif
    if (argc < 2) {
        print_usage(stderr);
        return MAPA_EXIT_USAGE;
    }
    const char *verb = argv[1];
    if (strcmp(verb, "--help") == 0 || strcmp(verb, "-h") == 0)
        return help(1, argv + 1);
    if (strcmp(verb, "--version") == 0 || strcmp(verb, "-V") == 0) {
        printf("mapa %s\n", mapa_version());
        return MAPA_EXIT_OK;
    }
    if (strcmp(verb, "help") == 0)
        return help(argc - 1, argv + 1);
    const mapa_command *cmd = find(verb);
    if (!cmd) {
        fprintf(stderr, "mapa: '%s' is not a command. Try 'mapa --help'.\n", verb);
        return MAPA_EXIT_USAGE;
    }
    mapa_cli_interrupt_install(cmd->name);
    return cmd->run(argc - 1, argv + 1);
}
