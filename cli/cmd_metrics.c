/* `mapa metrics DIR --plan OUT -o OUT/metrics`, or `mapa metrics --edges FILE -o OUTDIR`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mapa/mapa.h>
#include <mapa/metrics_output.h>

#include "cli/cli.h"
#include "cli/metrics_run.h"
#include "cli/saved_plan.h"

static const char help_text[] =
    "Usage: mapa metrics [OPTIONS] DIR --plan PLAN -o OUT\n"
    "       mapa metrics [OPTIONS] --edges FILE -o OUT\n\n"
    "Social-network figures of a saved plan (PLAN holds teams.csv and, when there\n"
    "is one, critical_friends.csv, as mapa plan writes them): members tied by\n"
    "sub-team, Critical Friend duty, SPOC to SPOC and co-ordination team to SPOC.\n"
    "When DIR has interactions.csv, the observed network too (OUT/observed/).\n"
    "With --edges, the figures of any edge list (CSV: from, to, and optionally\n"
    "weight, from_group, to_group). Writes members.csv, teams.csv, agencies.csv\n"
    "and network.json into OUT; definitions in docs/metrics.md.\n\n"
    "Options:\n"
    "  -o, --out OUT        folder for the figures\n"
    "      --plan PLAN      the folder of a saved plan\n"
    "      --edges FILE     an edge list instead of a partnership\n"
    "      --window W       also per time window of interactions.csv: month,\n"
    "                       quarter or Nd (N days)\n"
    "  -q, --quiet          no report on stdout\n"
    "  -h, --help           show this help\n";

typedef struct options {
    const char *dir, *plan, *edges, *out, *window;
    bool quiet;
} options;

static int parse(options *o, int argc, char **argv)
{
    *o = (options){0};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **value = strcmp(a, "-o") == 0 || strcmp(a, "--out") == 0 ? &o->out
                             : strcmp(a, "--plan") == 0                      ? &o->plan
                             : strcmp(a, "--edges") == 0                     ? &o->edges
                             : strcmp(a, "--window") == 0                    ? &o->window
                                                                             : NULL;
        if (value) {
            if (i + 1 >= argc || !argv[i + 1][0])
                return mapa_cli_usage_error("metrics", "%s needs a value", a);
            *value = argv[++i];
        } else {
            int rc = mapa_cli_common_arg("metrics", help_text, "folder", a, &o->dir, &o->quiet);
            if (rc != MAPA_EXIT_OK)
                return rc;
        }
    }
    if (!o->out)
        return mapa_cli_usage_error("metrics", "missing -o OUT, the folder for the figures");
    if (o->edges && (o->dir || o->plan))
        return mapa_cli_usage_error("metrics", "--edges takes no partnership folder or --plan");
    if (!o->edges && (!o->dir || !o->plan))
        return mapa_cli_usage_error("metrics", "give DIR and --plan PLAN, or --edges FILE");
    if (o->window && !mapa_cli_window_valid(o->window))
        return mapa_cli_usage_error("metrics",
                                    "--window is month, quarter or Nd (e.g. 30d), "
                                    "not '%s'",
                                    o->window);
    return MAPA_EXIT_OK;
}

static int edge_list(const options *o)
{
    mapa_diags diags = MAPA_DIAGS_INIT;
    mapa_network net;
    mapa_err err = mapa_read_edges_csv(&net, o->edges, &diags);
    mapa_cli_print_problems(&diags, 50);
    mapa_diags_dispose(&diags);
    if (err != MAPA_OK) {
        if (err != MAPA_EFORMAT)
            fprintf(stderr, "mapa metrics: %s\n", mapa_error_last());
        return mapa_cli_exit_code(err);
    }
    mapa_metrics m;
    err = mapa_metrics_compute(&m, &net, NULL);
    if (err == MAPA_OK) {
        mapa_metrics_report r = {&net, &m, o->edges, NULL, NULL, NULL};
        err = mapa_write_metrics(o->out, "", &r);
        if (err == MAPA_OK && !o->quiet)
            printf("Network (%s): %zu nodes, %zu ties, density %.3f, %zu components, %zu "
                   "articulation points, transitivity %.3f\nWrote %s/\n",
                   o->edges, m.n, m.n_ties, m.density, m.components, m.articulation_points,
                   m.transitivity, o->out);
        mapa_metrics_dispose(&m);
    }
    mapa_network_dispose(&net);
    if (err != MAPA_OK)
        fprintf(stderr, "mapa metrics: %s\n", mapa_error_last());
    return mapa_cli_exit_code(err);
}

static int from_saved_plan(const options *o, const mapa_partnership *p)
{
    mapa_diags diags = MAPA_DIAGS_INIT;
    saved_plan plan;
    mapa_err err = mapa_cli_saved_plan_read(&plan, o->plan, p, false, &diags);
    mapa_cli_print_problems(&diags, 50);
    mapa_diags_dispose(&diags);
    int rc;
    if (err != MAPA_OK) {
        if (err != MAPA_EFORMAT)
            fprintf(stderr, "mapa metrics: %s\n", mapa_error_last());
        rc = mapa_cli_exit_code(err);
    } else {
        metrics_options mo = {o->out, o->window, o->quiet};
        rc = mapa_cli_metrics_stage(&mo, "metrics", p, plan.team, plan.spoc,
                                    plan.have_cf ? &plan.cf : NULL);
    }
    mapa_cli_saved_plan_dispose(&plan);
    return rc;
}

static int run(int argc, char **argv)
{
    options o;
    int rc = parse(&o, argc, argv);
    if (rc != MAPA_EXIT_OK)
        return rc < 0 ? MAPA_EXIT_OK : rc;
    if (o.edges)
        return edge_list(&o);
    mapa_diags diags = MAPA_DIAGS_INIT;
    mapa_partnership *p = NULL;
    mapa_err err = mapa_partnership_load(&p, &diags, o.dir);
    mapa_cli_print_problems(&diags, 50);
    if (err == MAPA_EFORMAT)
        fprintf(stderr, "%zu error%s: fix them (mapa validate %s) and run again.\n", diags.n_errors,
                diags.n_errors == 1 ? "" : "s", o.dir);
    else if (err != MAPA_OK)
        fprintf(stderr, "mapa metrics: %s\n", mapa_error_last());
    rc = err == MAPA_OK ? from_saved_plan(&o, p) : mapa_cli_exit_code(err);
    mapa_diags_dispose(&diags);
    mapa_partnership_free(p);
    return rc;
}

const mapa_command mapa_cmd_metrics = {"metrics", "communication-network figures of a plan",
                                       help_text, run};
