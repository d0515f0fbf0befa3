/* The option tables' parser and help printer (cli/options.h). */
#include "cli/options.h"

#include <string.h>

#include "cli/cli.h"

static const mapa_cli_opt common[] = {
    {-1, 'q', "quiet", NULL, "no report on stdout", 0},
    {-2, 'h', "help", NULL, "show this help", 0},
    MAPA_CLI_OPT_END,
};

static bool takes(const mapa_cli_opt *o, unsigned mode)
{
    return o->modes == 0 || mode == 0 || (o->modes & mode);
}

/* The option `arg` names ("--out", "-o", "--out=X"), from the table or the common ones. */
static const mapa_cli_opt *lookup(const mapa_cli_opt *table, const char *arg, const char **inline_v)
{
    *inline_v = NULL;
    const mapa_cli_opt *tables[] = {table, common};
    for (size_t k = 0; k < 2; k++)
        for (const mapa_cli_opt *o = tables[k]; o->long_name; o++) {
            if (arg[1] != '-') {
                if (o->short_name && arg[1] == o->short_name && arg[2] == '\0')
                    return o;
                continue;
            }
            size_t n = strlen(o->long_name);
            if (strncmp(arg + 2, o->long_name, n) != 0)
                continue;
            if (arg[2 + n] == '\0')
                return o;
            if (arg[2 + n] == '=' && o->value) {
                *inline_v = arg + 3 + n;
                return o;
            }
        }
    return NULL;
}

int mapa_cli_parse(const mapa_cli_spec *spec, unsigned mode, int argc, char **argv,
                   mapa_cli_take take, void *payload, const char **positional, bool *quiet)
{
    const char *verb = spec->verb;
    bool options_done = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (options_done || a[0] != '-' || a[1] == '\0') {
            if (!spec->positional)
                return mapa_cli_usage_error(verb, "unexpected '%s'", a);
            if (*positional)
                return mapa_cli_usage_error(verb, "one %s only (got '%s' and '%s')",
                                            spec->positional, *positional, a);
            *positional = a;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            options_done = true;
            continue;
        }
        const char *value = NULL;
        const mapa_cli_opt *o = lookup(spec->opts, a, &value);
        if (!o)
            return mapa_cli_usage_error(verb, "unknown option '%s'", a);
        if (!takes(o, mode))
            return mapa_cli_usage_error(verb, "--%s is not an option of mapa %s", o->long_name,
                                        verb);
        if (o->id == -1) {
            *quiet = true;
            continue;
        }
        if (o->id == -2) {
            mapa_cli_print_help(spec, mode, stdout);
            return -1;
        }
        if (o->value && !value) {
            if (i + 1 >= argc)
                return mapa_cli_usage_error(verb, "--%s needs a value (%s)", o->long_name,
                                            o->value);
            value = argv[++i];
        }
        if (o->value && !value[0])
            return mapa_cli_usage_error(verb, "--%s needs a value (%s), not an empty one",
                                        o->long_name, o->value);
        int rc = take(o->id, value, payload);
        if (rc != MAPA_EXIT_OK)
            return rc;
    }
    return MAPA_EXIT_OK;
}

static void print_opt(const mapa_cli_opt *o, FILE *out)
{
    char left[64];
    snprintf(left, sizeof left, "%c%c%c --%s%s%s", o->short_name ? '-' : ' ',
             o->short_name ? o->short_name : ' ', o->short_name ? ',' : ' ', o->long_name,
             o->value ? " " : "", o->value ? o->value : "");
    fprintf(out, "  %-26s %s\n", left, o->help);
}

void mapa_cli_print_help(const mapa_cli_spec *spec, unsigned mode, FILE *out)
{
    fprintf(out, "%s\n\n%s\nOptions:\n", spec->usage, spec->about);
    for (const mapa_cli_opt *o = spec->opts; o->long_name; o++)
        if (takes(o, mode))
            print_opt(o, out);
    for (const mapa_cli_opt *o = common; o->long_name; o++)
        print_opt(o, out);
    if (spec->footer)
        fprintf(out, "\n%s", spec->footer);
}
