/* `mapa draw DIR --plan PLAN -o OUT`: the diagrams of a saved plan. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mapa/diagrams.h>
#include <mapa/mapa.h>

#include "cli/cli.h"
#include "cli/saved_plan.h"

static const char help_text[] =
    "Usage: mapa draw [OPTIONS] DIR --plan PLAN -o OUT\n\n"
    "Draw the diagrams of a saved plan (PLAN holds teams.csv and, when there is one,\n"
    "critical_friends.csv, as mapa plan writes them) with Graphviz: the structure of\n"
    "the partnership, the Critical Friend arrangement, the team graph, each team's\n"
    "stages with its Critical Friends, the communication network and the\n"
    "duplicated actions. Each is written as OUT/NAME.dot and OUT/NAME.svg.\n\n"
    "Options:\n"
    "  -o, --out OUT        folder for the diagrams\n"
    "      --plan PLAN      the folder of a saved plan\n"
    "      --format LIST    also pdf and/or png, e.g. --format svg,pdf\n"
    "      --network BY     nodes of the network diagram: members, agencies, teams\n"
    "                       (default: members below 200, agencies from 200 up)\n"
    "  -q, --quiet          no report on stdout\n"
    "  -h, --help           show this help\n";

typedef struct options {
    const char *dir, *plan, *out;
    unsigned formats;
    mapa_diagram_level level;
    bool quiet;
} options;

static bool parse_formats(const char *list, unsigned *out)
{
    *out = MAPA_DIAGRAM_SVG;
    char buf[64];
    snprintf(buf, sizeof buf, "%s", list);
    for (char *tok = strtok(buf, ","); tok; tok = strtok(NULL, ",")) {
        if (strcmp(tok, "svg") == 0)
            *out |= MAPA_DIAGRAM_SVG;
        else if (strcmp(tok, "pdf") == 0)
            *out |= MAPA_DIAGRAM_PDF;
        else if (strcmp(tok, "png") == 0)
            *out |= MAPA_DIAGRAM_PNG;
        else
            return false;
    }
    return true;
}

static int parse(options *o, int argc, char **argv)
{
    *o = (options){.formats = MAPA_DIAGRAM_SVG};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool valued = strcmp(a, "-o") == 0 || strcmp(a, "--out") == 0 || strcmp(a, "--plan") == 0 ||
                      strcmp(a, "--format") == 0 || strcmp(a, "--network") == 0;
        if (valued && (i + 1 >= argc || !argv[i + 1][0]))
            return mapa_cli_usage_error("draw", "%s needs a value", a);
        if (strcmp(a, "-o") == 0 || strcmp(a, "--out") == 0)
            o->out = argv[++i];
        else if (strcmp(a, "--plan") == 0)
            o->plan = argv[++i];
        else if (strcmp(a, "--format") == 0) {
            if (!parse_formats(argv[++i], &o->formats))
                return mapa_cli_usage_error("draw", "--format is a list of svg, pdf, png");
        } else if (strcmp(a, "--network") == 0) {
            const char *by = argv[++i];
            if (strcmp(by, "members") == 0)
                o->level = MAPA_DIAGRAM_MEMBERS;
            else if (strcmp(by, "agencies") == 0)
                o->level = MAPA_DIAGRAM_AGENCIES;
            else if (strcmp(by, "teams") == 0)
                o->level = MAPA_DIAGRAM_TEAMS;
            else
                return mapa_cli_usage_error("draw", "--network is members, agencies or teams");
        } else {
            int rc = mapa_cli_common_arg("draw", help_text, "folder", a, &o->dir, &o->quiet);
            if (rc != MAPA_EXIT_OK)
                return rc;
        }
    }
    if (!o->dir || !o->plan || !o->out)
        return mapa_cli_usage_error("draw", "give DIR, --plan PLAN and -o OUT");
    return MAPA_EXIT_OK;
}

static int run(int argc, char **argv)
{
    options o;
    int rc = parse(&o, argc, argv);
    if (rc != MAPA_EXIT_OK)
        return rc < 0 ? MAPA_EXIT_OK : rc;
    mapa_diags diags = MAPA_DIAGS_INIT;
    mapa_partnership *p = NULL;
    saved_plan plan = {NULL, NULL, MAPA_CF_INIT, false};
    mapa_err err = mapa_partnership_load(&p, &diags, o.dir);
    if (err == MAPA_OK)
        err = mapa_cli_saved_plan_read(&plan, o.plan, p, false, &diags);
    mapa_cli_print_problems(&diags, 50);
    bool have_cf = plan.have_cf;
    size_t written = 0;
    if (err == MAPA_OK) {
        mapa_diagram_input in = {p, plan.team, plan.spoc, have_cf ? &plan.cf : NULL, o.level};
        err = mapa_draw_diagrams(o.out, &in, o.formats, &written);
    }
    if (err != MAPA_OK && err != MAPA_EFORMAT)
        fprintf(stderr, "mapa draw: %s\n", mapa_error_last());
    else if (err == MAPA_OK && !o.quiet)
        printf("Diagrams: %zu drawn into %s/ (structure%s%s%s)\n", written, o.out,
               have_cf ? ", critical_friends, team_graph, stages" : "", ", network",
               have_cf && p->n_actions ? ", duplicates" : "");
    rc = mapa_cli_exit_code(err);
    mapa_cli_saved_plan_dispose(&plan);
    mapa_diags_dispose(&diags);
    mapa_partnership_free(p);
    return rc;
}

const mapa_command mapa_cmd_draw = {"draw", "Graphviz diagrams of a saved plan", help_text, run};
