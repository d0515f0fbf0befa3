/* `mapa duplicates DIR [--plan PLAN] -o OUT`: duplicated actions across sub-teams. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mapa/mapa.h>

#include "cli/cli.h"
#include "cli/dup_run.h"
#include "cli/saved_plan.h"

static const char help_text[] =
    "Usage: mapa duplicates [OPTIONS] DIR -o OUT\n\n"
    "Find actions in DIR/actions.csv that describe the same work in different\n"
    "sub-teams: text (TF-IDF cosine of stems and stem pairs), shared tags, the same\n"
    "target group and overlapping dates make a combined score (docs/duplicates.md).\n"
    "With --plan PLAN (a folder with teams.csv and critical_friends.csv) each pair\n"
    "says whether a Critical Friend link joins the two teams (spotted) or not (a\n"
    "blind spot). Writes OUT/duplicates.csv, OUT/duplicate_clusters.csv and the\n"
    "duplicates section of OUT/summary.json.\n\n"
    "Options:\n"
    "  -o, --out OUT        folder for the results\n"
    "      --plan PLAN      a saved plan, for spotted / blind spot\n"
    "      --exact          score every pair (the reference; default up to 2,000 actions)\n"
    "      --lsh            MinHash and LSH bands, then verification (default above)\n"
    "      --block KEY      score the pairs sharing a target group (target) or a tag (tags)\n"
    "      --within-team    also pairs inside one team\n"
    "      --threshold X    combined score from which a pair is a duplicate (0..1)\n"
    "  -q, --quiet          no report on stdout\n"
    "  -h, --help           show this help\n";

typedef struct options {
    const char *dir, *plan, *out, *threshold;
    mapa_dup_options dup;
    bool quiet;
} options;

static int parse(options *o, int argc, char **argv)
{
    *o = (options){.dup = MAPA_DUP_OPTIONS_INIT};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **value = strcmp(a, "-o") == 0 || strcmp(a, "--out") == 0 ? &o->out
                             : strcmp(a, "--plan") == 0                      ? &o->plan
                             : strcmp(a, "--threshold") == 0                 ? &o->threshold
                                                                             : NULL;
        if (value || strcmp(a, "--block") == 0) {
            if (i + 1 >= argc || !argv[i + 1][0])
                return mapa_cli_usage_error("duplicates", "%s needs a value", a);
            const char *v = argv[++i];
            if (value)
                *value = v;
            else if (strcmp(v, "target") == 0)
                o->dup.method = MAPA_DUP_TARGET;
            else if (strcmp(v, "tags") == 0)
                o->dup.method = MAPA_DUP_TAGS;
            else
                return mapa_cli_usage_error("duplicates", "--block is target or tags, not '%s'", v);
        } else if (strcmp(a, "--exact") == 0) {
            o->dup.method = MAPA_DUP_EXACT;
        } else if (strcmp(a, "--lsh") == 0) {
            o->dup.method = MAPA_DUP_LSH;
        } else if (strcmp(a, "--within-team") == 0) {
            o->dup.within_team = true;
        } else {
            int rc = mapa_cli_common_arg("duplicates", help_text, "folder", a, &o->dir, &o->quiet);
            if (rc != MAPA_EXIT_OK)
                return rc;
        }
    }
    if (!o->dir)
        return mapa_cli_usage_error("duplicates", "missing DIR, the partnership folder");
    if (!o->out)
        return mapa_cli_usage_error("duplicates", "missing -o OUT, the folder for the results");
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
    if (err == MAPA_OK && o.threshold) {
        char *end = NULL;
        double t = strtod(o.threshold, &end);
        if (*end || !(t >= 0 && t <= 1)) {
            mapa_partnership_free(p);
            mapa_diags_dispose(&diags);
            return mapa_cli_usage_error("duplicates", "--threshold is a number from 0 to 1");
        }
        p->settings.dup_threshold = t;
    }
    if (err == MAPA_OK && p->n_actions == 0)
        fprintf(stderr,
                "mapa duplicates: %s has no actions.csv (or no actions in it): nothing "
                "to compare\n",
                o.dir);
    if (err == MAPA_OK && o.plan)
        err = mapa_cli_saved_plan_read(&plan, o.plan, p, true, &diags);
    mapa_cli_print_problems(&diags, 50);
    if (err == MAPA_EFORMAT && !plan.team)
        fprintf(stderr, "%zu error%s: fix them (mapa validate %s) and run again.\n", diags.n_errors,
                diags.n_errors == 1 ? "" : "s", o.dir);
    else if (err != MAPA_OK && err != MAPA_EFORMAT)
        fprintf(stderr, "mapa duplicates: %s\n", mapa_error_last());
    rc = err == MAPA_OK ? mapa_cli_duplicates_stage(o.out, o.quiet, "duplicates", p, plan.team,
                                                    plan.have_cf ? &plan.cf : NULL, &o.dup)
                        : mapa_cli_exit_code(err);
    mapa_cli_saved_plan_dispose(&plan);
    mapa_diags_dispose(&diags);
    mapa_partnership_free(p);
    return rc;
}

const mapa_command mapa_cmd_duplicates = {
    "duplicates", "duplicated actions across sub-teams, and the blind spots", help_text, run};
