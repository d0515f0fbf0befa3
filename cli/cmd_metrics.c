/* `mapa metrics DIR --plan OUT -o OUT/metrics`, or `mapa metrics --edges FILE -o OUTDIR`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mapa/mapa.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "cli/report.h"

enum { OPT_OUT, OPT_PLAN, OPT_EDGES, OPT_WINDOW, OPT_WAIT, OPT_EXCEL, OPT_ACCEPT_BROKEN };

static const mapa_cli_opt opts[] = {
    {OPT_OUT, 'o', "out", "OUT", "folder for the figures", 0},
    {OPT_PLAN, 0, "plan", "PLAN", "the folder of a saved plan", 0},
    {OPT_EDGES, 0, "edges", "FILE", "an edge list instead of a partnership", 0},
    {OPT_WINDOW, 0, "window", "W", "also per time window of interactions.csv: month, quarter, Nd",
     0},
    {OPT_WAIT, 0, "wait", NULL, "wait for another run writing OUT instead of refusing (exit 75)",
     0},
    {OPT_EXCEL, 0, "excel", NULL, "CSV files with a UTF-8 byte-order mark, for Excel", 0},
    {OPT_ACCEPT_BROKEN, 0, "accept-broken", NULL, "go on with a plan that breaks rules", 0},
    MAPA_CLI_OPT_END,
};

static const mapa_cli_spec spec = {
    "metrics",
    "Usage: mapa metrics [OPTIONS] DIR --plan PLAN -o OUT\n"
    "       mapa metrics [OPTIONS] --edges FILE -o OUT",
    "Social-network figures of a saved plan (PLAN holds teams.csv and, when there\n"
    "is one, critical_friends.csv, as mapa plan writes them): members tied by\n"
    "sub-team, Critical Friend duty, SPOC to SPOC and co-ordination team to SPOC.\n"
    "When DIR has interactions.csv, the observed network too (OUT/observed/).\n"
    "With --edges, the figures of any edge list (CSV: from, to, and optionally\n"
    "weight, from_group, to_group). Writes members.csv, teams.csv, agencies.csv\n"
    "and network.json into OUT; definitions in docs/metrics.md.\n",
    opts, "folder", NULL};

typedef struct options {
    const char *dir, *plan, *edges, *out, *window;
    bool quiet, wait, excel, accept_broken;
} options;

static int take(int id, const char *v, void *payload)
{
    options *o = payload;
    bool *flag[] = {&o->wait, &o->excel, &o->accept_broken};
    if (id >= OPT_WAIT) {
        *flag[id - OPT_WAIT] = true;
        return MAPA_EXIT_OK;
    }
    const char **slot[] = {&o->out, &o->plan, &o->edges, &o->window};
    *slot[id] = v;
    return MAPA_EXIT_OK;
}

static int parse(options *o, int argc, char **argv)
{
    *o = (options){0};
    int rc = mapa_cli_parse(&spec, 0, argc, argv, take, o, &o->dir, &o->quiet);
    if (rc != MAPA_EXIT_OK)
        return rc;
    if (!o->out)
        return mapa_cli_usage_error("metrics", "missing -o OUT, the folder for the figures");
    if (o->edges && (o->dir || o->plan))
        return mapa_cli_usage_error("metrics", "--edges takes no partnership folder or --plan");
    if (o->plan && mapa_cli_same_folder(o->plan, o->out))
        return mapa_cli_usage_error("metrics", "-o is the plan's own folder: give the figures a "
                                               "folder of their own (-o %s/metrics)",
                                    o->plan);
    if (!o->edges && (!o->dir || !o->plan))
        return mapa_cli_usage_error("metrics", "give DIR and --plan PLAN, or --edges FILE");
    if (o->window && !mapa_plan_window_valid(o->window))
        return mapa_cli_usage_error("metrics",
                                    "--window is month, quarter or Nd (e.g. 30d), not '%s'",
                                    o->window);
    return MAPA_EXIT_OK;
}

static const char *const owned[] = {"members.csv", "teams.csv", "agencies.csv", "network.json",
                                    "observed", NULL};

static int edge_list(const options *o, const char *out)
{
    mapa_diags diags = MAPA_DIAGS_INIT;
    mapa_network net = MAPA_NETWORK_INIT;
    mapa_err err = mapa_read_edges_csv(&net, o->edges, &diags);
    mapa_cli_print_problems(&diags, 50);
    mapa_diags_dispose(&diags);
    if (err != MAPA_OK) {
        if (err != MAPA_EFORMAT)
            fprintf(stderr, "mapa metrics: %s\n", mapa_error_last());
        return mapa_cli_exit_code(err);
    }
    mapa_metrics m = {0};
    err = mapa_metrics_compute(&m, &net, NULL);
    if (err == MAPA_OK) {
        mapa_metrics_report r = {&net, &m, o->edges, NULL, NULL, NULL};
        err = mapa_write_metrics(out, "", &r);
    }
    if (err == MAPA_OK && !o->quiet)
        printf("Network (%s): %zu nodes, %zu ties, density %.3f, %zu components, %zu "
               "articulation points, transitivity %.3f\nWrote %s/\n",
               o->edges, m.n, m.n_ties, m.density, m.components, m.articulation_points,
               m.transitivity, o->out);
    mapa_metrics_dispose(&m);
    mapa_network_dispose(&net);
    if (err != MAPA_OK)
        fprintf(stderr, "mapa metrics: %s\n", mapa_error_last());
    return mapa_cli_exit_code(err);
}

static int from_saved_plan(const options *o, mapa_partnership *p)
{
    mapa_saved_plan plan = MAPA_SAVED_PLAN_INIT;
    mapa_err err = mapa_cli_read_plan(&plan, o->plan, p, false);
    mapa_plan_result r;
    mapa_plan_result_init(&r);
    mapa_out_dir *d = NULL;
    int rc = mapa_cli_exit_code(err);
    if (err == MAPA_OK) {
        rc = mapa_cli_check_saved("metrics", p, o->plan, &plan, o->accept_broken);
    }
    mapa_out_dir_options oo = {.owned = owned, .wait = o->wait};
    if (rc == MAPA_EXIT_OK)
        rc = mapa_cli_out_open(&d, "metrics", o->out, &oo);
    if (rc != MAPA_EXIT_OK) {
        mapa_plan_result_dispose(&r);
        mapa_saved_plan_dispose(&plan);
        return rc;
    }
    {
        mapa_plan_options po;
        mapa_plan_options_saved(&po, MAPA_PLAN_METRICS, &plan);
        po.metrics_out = mapa_out_dir_path(d);
        po.window = o->window;
        mapa_cli_interrupt_doing("measuring the network");
        err = mapa_plan_run(&r, p, &po);
    }
    if (err == MAPA_OK && !o->quiet)
        mapa_cli_report_metrics(p, &r, plan.have_cf ? &plan.cf : NULL, o->window, o->out);
    if (err != MAPA_OK && err != MAPA_EFORMAT)
        fprintf(stderr, "mapa metrics: %s\n", mapa_error_last());
    mapa_plan_result_dispose(&r);
    mapa_saved_plan_dispose(&plan);
    return mapa_cli_out_close(d, "metrics", mapa_cli_exit_code(err));
}

static int edges_in_folder(const options *o)
{
    mapa_out_dir_options oo = {.owned = owned, .wait = o->wait};
    mapa_out_dir *d = NULL;
    int rc = mapa_cli_out_open(&d, "metrics", o->out, &oo);
    if (rc == MAPA_EXIT_OK)
        rc = mapa_cli_out_close(d, "metrics", edge_list(o, mapa_out_dir_path(d)));
    return rc;
}

static int run(int argc, char **argv)
{
    options o;
    int rc = parse(&o, argc, argv);
    if (rc != MAPA_EXIT_OK)
        return rc < 0 ? MAPA_EXIT_OK : rc;
    mapa_csv_excel(o.excel);
    if (o.edges)
        return edges_in_folder(&o);
    mapa_partnership *p = NULL;
    rc = mapa_cli_load(&p, "metrics", o.dir);
    if (rc == MAPA_EXIT_OK && p->settings.excel)
        mapa_csv_excel(true);
    if (rc == MAPA_EXIT_OK)
        rc = from_saved_plan(&o, p);
    mapa_partnership_free(p);
    return rc;
}

const mapa_command mapa_cmd_metrics = {"metrics", "communication-network figures of a plan", &spec,
                                       0, run};
