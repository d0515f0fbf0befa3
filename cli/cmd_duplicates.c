/* `mapa duplicates DIR [--plan PLAN] -o OUT`: duplicated actions across sub-teams. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mapa/mapa.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "cli/report.h"

enum { OPT_OUT, OPT_PLAN, OPT_EXACT, OPT_LSH, OPT_BLOCK, OPT_WITHIN, OPT_THRESHOLD, OPT_WAIT, OPT_EXCEL };

static const mapa_cli_opt opts[] = {
    {OPT_OUT, 'o', "out", "OUT", "folder for the results", 0},
    {OPT_PLAN, 0, "plan", "PLAN", "a saved plan, for spotted / blind spot", 0},
    {OPT_EXACT, 0, "exact", NULL, "score every pair (the reference; default up to 2,000 actions)",
     0},
    {OPT_LSH, 0, "lsh", NULL, "MinHash and LSH bands, then verification (default above)", 0},
    {OPT_BLOCK, 0, "block", "KEY", "score the pairs sharing a target group (target) or a tag (tags)",
     0},
    {OPT_WITHIN, 0, "within-team", NULL, "also pairs inside one team", 0},
    {OPT_THRESHOLD, 0, "threshold", "X", "combined score from which a pair is a duplicate (0..1)",
     0},
    {OPT_WAIT, 0, "wait", NULL, "wait for another run writing OUT instead of refusing (exit 75)",
     0},
    {OPT_EXCEL, 0, "excel", NULL, "CSV files with a UTF-8 byte-order mark, for Excel", 0},
    MAPA_CLI_OPT_END,
};

static const mapa_cli_spec spec = {
    "duplicates", "Usage: mapa duplicates [OPTIONS] DIR -o OUT",
    "Find actions in DIR/actions.csv that describe the same work in different\n"
    "sub-teams: text (TF-IDF cosine of stems and stem pairs), shared tags, the same\n"
    "target group and overlapping dates make a combined score (docs/duplicates.md).\n"
    "With --plan PLAN (a folder with teams.csv and critical_friends.csv) each pair\n"
    "says whether a Critical Friend link joins the two teams (spotted) or not (a\n"
    "blind spot). Writes OUT/duplicates.csv, OUT/duplicate_clusters.csv and the\n"
    "duplicates section of OUT/summary.json.\n",
    opts, "folder", NULL};

typedef struct options {
    const char *dir, *plan, *out;
    double threshold; /* < 0: the settings' */
    mapa_dup_options dup;
    bool quiet, wait, excel;
} options;

static int take(int id, const char *v, void *payload)
{
    options *o = payload;
    char *end = NULL;
    switch (id) {
    case OPT_OUT: o->out = v; break;
    case OPT_PLAN: o->plan = v; break;
    case OPT_EXACT: o->dup.method = MAPA_DUP_EXACT; break;
    case OPT_LSH: o->dup.method = MAPA_DUP_LSH; break;
    case OPT_WITHIN: o->dup.within_team = true; break;
    case OPT_WAIT: o->wait = true; break;
    case OPT_EXCEL: o->excel = true; break;
    case OPT_BLOCK:
        if (strcmp(v, "target") == 0)
            o->dup.method = MAPA_DUP_TARGET;
        else if (strcmp(v, "tags") == 0)
            o->dup.method = MAPA_DUP_TAGS;
        else
            return mapa_cli_usage_error("duplicates", "--block is target or tags, not '%s'", v);
        break;
    case OPT_THRESHOLD:
        o->threshold = strtod(v, &end);
        if (*end || !(o->threshold >= 0 && o->threshold <= 1))
            return mapa_cli_usage_error("duplicates", "--threshold is a number from 0 to 1");
        break;
    }
    return MAPA_EXIT_OK;
}

static int parse(options *o, int argc, char **argv)
{
    *o = (options){.threshold = -1, .dup = MAPA_DUP_OPTIONS_INIT};
    int rc = mapa_cli_parse(&spec, 0, argc, argv, take, o, &o->dir, &o->quiet);
    if (rc != MAPA_EXIT_OK)
        return rc;
    if (!o->dir)
        return mapa_cli_usage_error("duplicates", "missing DIR, the partnership folder");
    if (!o->out)
        return mapa_cli_usage_error("duplicates", "missing -o OUT, the folder for the results");
    return MAPA_EXIT_OK;
}

static int find(const options *o, mapa_partnership *p)
{
    mapa_saved_plan plan = MAPA_SAVED_PLAN_INIT;
    mapa_err err = o->plan ? mapa_cli_read_plan(&plan, o->plan, p, true) : MAPA_OK;
    mapa_plan_result r;
    mapa_plan_result_init(&r);
    /* into a plan's folder: the plan stays, only the earlier duplicates go */
    static const char *const drop[] = {"duplicates.csv", "duplicate_clusters.csv", NULL};
    mapa_out_dir_options oo = {.drop = drop, .owned = drop, .wait = o->wait};
    mapa_out_dir *d = NULL;
    int rc = err == MAPA_OK ? mapa_cli_out_open(&d, "duplicates", o->out, &oo)
                            : mapa_cli_exit_code(err);
    if (rc != MAPA_EXIT_OK) {
        mapa_plan_result_dispose(&r);
        mapa_saved_plan_dispose(&plan);
        return rc;
    }
    if (err == MAPA_OK) {
        mapa_plan_options po;
        mapa_plan_options_saved(&po, MAPA_PLAN_DUPLICATES, &plan);
        po.out = mapa_out_dir_path(d);
        po.dup = o->dup;
        mapa_cli_interrupt_doing("looking for duplicated actions");
        err = mapa_plan_run(&r, p, &po);
    }
    if (err == MAPA_OK && !o->quiet && r.have_duplicates)
        mapa_cli_report_duplicates(p, &r.duplicates, o->out);
    if (err != MAPA_OK && err != MAPA_EFORMAT)
        fprintf(stderr, "mapa duplicates: %s\n", mapa_error_last());
    mapa_plan_result_dispose(&r);
    mapa_saved_plan_dispose(&plan);
    return mapa_cli_out_close(d, "duplicates", mapa_cli_exit_code(err));
}

static int run(int argc, char **argv)
{
    options o;
    int rc = parse(&o, argc, argv);
    if (rc != MAPA_EXIT_OK)
        return rc < 0 ? MAPA_EXIT_OK : rc;
    mapa_partnership *p = NULL;
    rc = mapa_cli_load(&p, "duplicates", o.dir);
    if (rc == MAPA_EXIT_OK) {
        mapa_csv_excel(o.excel || p->settings.excel);
        if (o.threshold >= 0)
            p->settings.dup_threshold = o.threshold;
        if (p->n_actions == 0)
            fprintf(stderr,
                    "mapa duplicates: %s has no actions.csv (or no actions in it): nothing "
                    "to compare\n",
                    o.dir);
        rc = find(&o, p);
    }
    mapa_partnership_free(p);
    return rc;
}

const mapa_command mapa_cmd_duplicates = {
    "duplicates", "duplicated actions across sub-teams, and the blind spots", &spec, 0, run};
