/* `mapa import --responses FORM.csv [--organisations ORGS.csv] [--topics T.csv] -o DIR`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mapa/mapa.h>

#include "cli/cli.h"
#include "cli/options.h"

enum { OPT_RESPONSES, OPT_ORGANISATIONS, OPT_TOPICS, OPT_OUT, OPT_SETTINGS, OPT_MAX_PROBLEMS };

static const mapa_cli_opt opts[] = {
    {OPT_RESPONSES, 0, "responses", "FORM.csv",
     "the form's export (Google Forms, Microsoft Forms, Excel; CSV or Unicode text)", 0},
    {OPT_ORGANISATIONS, 0, "organisations", "ORGS.csv",
     "the partnership's list of organisations (name, sector, type, aliases...)", 0},
    {OPT_TOPICS, 0, "topics", "TOPICS.csv",
     "the agreed topics (mapa's topics.csv, or id and name columns) [from the responses]", 0},
    {OPT_OUT, 'o', "out", "DIR", "the partnership folder to write (created when missing)", 0},
    {OPT_SETTINGS, 0, "settings", "FILE",
     "take the column mapping from FILE's \"columns\" [DIR/settings.json when it has one]", 0},
    {OPT_MAX_PROBLEMS, 0, "max-problems", "N", "print at most N problems (default 50; 0: all)", 0},
    MAPA_CLI_OPT_END,
};

static const mapa_cli_spec spec = {
    "import",
    "Usage: mapa import --responses FORM.csv [--organisations ORGS.csv] [--topics TOPICS.csv]\n"
    "                   -o DIR",
    "Turn a Forms export and the partnership's own lists into a partnership folder:\n"
    "DIR/members.csv, agencies.csv, topics.csv, settings.json (holding the column\n"
    "mapping used, under \"columns\") and import_report.txt, which says every decision\n"
    "in words: which column became what, the encoding assumed, each organisation and\n"
    "topic matched and how, each double submission merged (the latest kept), and each\n"
    "problem left. Correct the mapping in DIR/settings.json and import again; the same\n"
    "files give the same folder. Then: mapa plan DIR -o OUT.\n",
    opts,
    NULL,
    "Exit 65 when the form cannot be used (no header, no response, no organisation\n"
    "column); nothing is written then.\n"};

typedef struct options {
    mapa_import_options run;
    size_t max_problems;
} options;

static int take(int id, const char *v, void *payload)
{
    options *o = payload;
    char *end = NULL;
    switch (id) {
    case OPT_RESPONSES: o->run.responses = v; break;
    case OPT_ORGANISATIONS: o->run.organisations = v; break;
    case OPT_TOPICS: o->run.topics = v; break;
    case OPT_OUT: o->run.out = v; break;
    case OPT_SETTINGS: o->run.settings = v; break;
    case OPT_MAX_PROBLEMS:
        if (v[0] < '0' || v[0] > '9' || (o->max_problems = strtoul(v, &end, 10), *end))
            return mapa_cli_usage_error("import", "--max-problems needs a whole number");
        break;
    }
    return MAPA_EXIT_OK;
}

static void print_result(const mapa_import_result *r, const options *o)
{
    printf("Imported %zu responses: %zu members (%zu double submission%s merged), %zu agencies",
           r->responses, r->members, r->merged, r->merged == 1 ? "" : "s", r->agencies);
    if (o->run.organisations)
        printf(" (%zu not in the organisations list, %zu listed without members)", r->agencies_new,
               r->agencies_idle);
    printf(", %zu topics.\n", r->topics);
    printf(
        "%zu near miss%s matched, %zu problem%s left: every decision is in %s/import_report.txt.\n",
        r->near_misses, r->near_misses == 1 ? "" : "es", r->problems, r->problems == 1 ? "" : "s",
        o->run.out);
    printf("Next: mapa plan %s -o PLAN\n", o->run.out);
}

static int run(int argc, char **argv)
{
    options o = {.max_problems = 50};
    bool quiet = false;
    int rc = mapa_cli_parse(&spec, 0, argc, argv, take, &o, NULL, &quiet);
    if (rc != MAPA_EXIT_OK)
        return rc < 0 ? MAPA_EXIT_OK : rc;
    if (!o.run.responses)
        return mapa_cli_usage_error("import", "missing --responses FORM.csv");
    if (!o.run.out)
        return mapa_cli_usage_error("import", "missing -o DIR, the folder to write");
    mapa_diags diags = MAPA_DIAGS_INIT;
    mapa_import_result r;
    mapa_err err = mapa_import_run(&r, &diags, &o.run);
    mapa_cli_print_problems(&diags, o.max_problems);
    if (err == MAPA_OK && !quiet)
        print_result(&r, &o);
    else if (err == MAPA_EFORMAT)
        fprintf(stderr, "mapa import: %s cannot be imported: nothing was written\n",
                o.run.responses);
    else if (err != MAPA_OK)
        fprintf(stderr, "mapa import: %s\n", mapa_error_last());
    mapa_diags_dispose(&diags);
    return mapa_cli_exit_code(err);
}

const mapa_command mapa_cmd_import = {
    "import", "turn a Forms export and an organisations list into a partnership folder", &spec, 0,
    run};
