/* `mapa draw DIR --plan PLAN -o OUT`: the diagrams of a saved plan. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mapa/diagrams.h>
#include <mapa/mapa.h>

#include "cli/cli.h"
#include "cli/options.h"

enum { OPT_OUT, OPT_PLAN, OPT_FORMAT, OPT_NETWORK, OPT_WAIT, OPT_ACCEPT_BROKEN };

static const mapa_cli_opt opts[] = {
    {OPT_OUT, 'o', "out", "OUT", "folder for the diagrams", 0},
    {OPT_PLAN, 0, "plan", "PLAN", "the folder of a saved plan", 0},
    {OPT_FORMAT, 0, "format", "LIST", "also pdf and/or png, e.g. --format svg,pdf", 0},
    {OPT_NETWORK, 0, "network", "BY",
     "network nodes: members, agencies, teams [members below 200, else agencies]", 0},
    {OPT_WAIT, 0, "wait", NULL, "wait for another run writing OUT instead of refusing (exit 75)",
     0},
    {OPT_ACCEPT_BROKEN, 0, "accept-broken", NULL, "go on with a plan that breaks rules", 0},
    MAPA_CLI_OPT_END,
};

static const mapa_cli_spec spec = {
    "draw", "Usage: mapa draw [OPTIONS] DIR --plan PLAN -o OUT",
    "Draw the diagrams of a saved plan (PLAN holds teams.csv and, when there is one,\n"
    "critical_friends.csv, as mapa plan writes them) with Graphviz: the structure of\n"
    "the partnership, the Critical Friend arrangement, the team graph, each team's\n"
    "stages with its Critical Friends, the communication network, the contacts\n"
    "logged in interactions.csv and the duplicated actions. Each is written as OUT/NAME.dot and OUT/NAME.svg.\n",
    opts, "folder", NULL};

typedef struct options {
    const char *dir, *plan, *out;
    unsigned formats;
    mapa_diagram_level level;
    bool quiet, wait, accept_broken;
} options;

static bool parse_formats(const char *list, unsigned *out)
{
    *out = MAPA_DIAGRAM_SVG;
    char buf[64];
    if (strlen(list) >= sizeof buf)
        return false;
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

static int take(int id, const char *v, void *payload)
{
    options *o = payload;
    static const char *const levels[] = {"members", "agencies", "teams"};
    switch (id) {
    case OPT_OUT: o->out = v; return MAPA_EXIT_OK;
    case OPT_PLAN: o->plan = v; return MAPA_EXIT_OK;
    case OPT_WAIT: o->wait = true; return MAPA_EXIT_OK;
    case OPT_ACCEPT_BROKEN: o->accept_broken = true; return MAPA_EXIT_OK;
    case OPT_FORMAT:
        if (!parse_formats(v, &o->formats))
            return mapa_cli_usage_error("draw", "--format is a list of svg, pdf, png");
        return MAPA_EXIT_OK;
    }
    for (int k = 0; k < 3; k++)
        if (strcmp(v, levels[k]) == 0) {
            o->level = (mapa_diagram_level)(MAPA_DIAGRAM_MEMBERS + k);
            return MAPA_EXIT_OK;
        }
    return mapa_cli_usage_error("draw", "--network is members, agencies or teams");
}

static int parse(options *o, int argc, char **argv)
{
    *o = (options){.formats = MAPA_DIAGRAM_SVG};
    int rc = mapa_cli_parse(&spec, 0, argc, argv, take, o, &o->dir, &o->quiet);
    if (rc != MAPA_EXIT_OK)
        return rc;
    if (!o->dir || !o->plan || !o->out)
        return mapa_cli_usage_error("draw", "give DIR, --plan PLAN and -o OUT");
    if (mapa_cli_same_folder(o->plan, o->out))
        return mapa_cli_usage_error("draw", "-o is the plan's own folder: give the diagrams a "
                                            "folder of their own (-o %s/diagrams)",
                                    o->plan);
    return MAPA_EXIT_OK;
}

static int draw(const options *o, mapa_partnership *p)
{
    mapa_saved_plan plan = MAPA_SAVED_PLAN_INIT;
    mapa_err err = mapa_cli_read_plan(&plan, o->plan, p, false);
    mapa_plan_result r;
    mapa_plan_result_init(&r);
    static const char *const owned[] = {"*.dot", "*.svg", "*.pdf", "*.png", NULL};
    mapa_out_dir_options oo = {.owned = owned, .wait = o->wait};
    mapa_out_dir *d = NULL;
    int rc = mapa_cli_exit_code(err);
    if (err == MAPA_OK) {
        rc = mapa_cli_check_saved("draw", p, o->plan, &plan, o->accept_broken);
        if (rc == MAPA_EXIT_OK)
            rc = mapa_cli_out_open(&d, "draw", o->out, &oo);
        if (rc != MAPA_EXIT_OK)
            err = MAPA_EFORMAT; /* reported */
    }
    if (err == MAPA_OK) {
        mapa_plan_options po;
        mapa_plan_options_saved(&po, MAPA_PLAN_DIAGRAMS, &plan);
        po.diagrams_out = mapa_out_dir_path(d);
        po.diagram_formats = o->formats;
        po.diagram_level = (int)o->level;
        mapa_cli_interrupt_doing("drawing the diagrams");
        err = mapa_plan_run(&r, p, &po);
    }
    if (err != MAPA_OK && err != MAPA_EFORMAT)
        fprintf(stderr, "mapa draw: %s\n", mapa_error_last());
    else if (err == MAPA_OK && !o->quiet)
        printf("Diagrams: %zu drawn into %s/ (structure%s%s%s)\n", r.diagrams, o->out,
               plan.have_cf ? ", critical_friends, team_graph, stages" : "",
               p->n_interactions ? ", network, observed" : ", network",
               plan.have_cf && p->n_actions ? ", duplicates" : "");
    mapa_plan_result_dispose(&r);
    mapa_saved_plan_dispose(&plan);
    if (rc != MAPA_EXIT_OK)
        return rc;
    return mapa_cli_out_close(d, "draw", mapa_cli_exit_code(err));
}

static int run(int argc, char **argv)
{
    options o;
    int rc = parse(&o, argc, argv);
    if (rc != MAPA_EXIT_OK)
        return rc < 0 ? MAPA_EXIT_OK : rc;
    mapa_partnership *p = NULL;
    rc = mapa_cli_load(&p, "draw", o.dir);
    if (rc == MAPA_EXIT_OK)
        rc = draw(&o, p);
    mapa_partnership_free(p);
    return rc;
}

const mapa_command mapa_cmd_draw = {"draw", "Graphviz diagrams of a saved plan", &spec, 0, run};
