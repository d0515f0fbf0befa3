/* `mapa report DIR --plan OUT`: report.html, plan.xlsx and the briefings of a saved plan. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mapa/mapa.h>
#include <mapa/report.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "cli/report.h"
#include "cli/schedule_cmd.h"

enum { OPT_PLAN, OPT_OUT, OPT_PAGES };

static const mapa_cli_opt opts[] = {
    {OPT_PLAN, 0, "plan", "PLAN", "the folder of a saved plan (teams.csv, critical_friends.csv)",
     0},
    {OPT_OUT, 'o', "out", "OUT", "folder for the report [PLAN]", 0},
    {OPT_PAGES, 0, "briefing-pages", NULL,
     "a briefing page per member however many (else only up to 5000 members)", 0},
    MAPA_CLI_OPT_END,
};

static const mapa_cli_spec spec = {
    "report",
    "Usage: mapa report [OPTIONS] DIR --plan PLAN [-o OUT]",
    "Write what a co-ordinator sends round for a saved plan: OUT/report.html (one\n"
    "self-contained page: the teams, every member's place and why, the Critical\n"
    "Friends, blind spots, single points of failure and the diagrams of\n"
    "PLAN/diagrams), OUT/plan.xlsx, OUT/briefings.csv (a mail merge) and\n"
    "OUT/briefings/MEMBER.html. mapa plan writes them too. docs/report.md.\n",
    opts,
    "folder",
    NULL};

typedef struct options {
    const char *dir, *plan, *out;
    bool quiet;
} options;

static int take(int id, const char *v, void *payload)
{
    options *o = payload;
    if (id == OPT_PAGES)
        mapa_cli_report_all_pages(true);
    else if (id == OPT_PLAN)
        o->plan = v;
    else
        o->out = v;
    return MAPA_EXIT_OK;
}

static mapa_report_input input_of(const mapa_partnership *p, const mapa_plan_result *r,
                                  const mapa_cf *cf, const mapa_report_schedule *schedule,
                                  const char *diagrams)
{
    return (mapa_report_input){
        .p = p,
        .team = r->team,
        .spoc = r->spoc,
        .alloc = (r->stages_done & MAPA_PLAN_ALLOCATE) ? &r->alloc : NULL,
        .cf = cf,
        .network = (r->stages_done & MAPA_PLAN_METRICS) ? &r->network : NULL,
        .metrics = (r->stages_done & MAPA_PLAN_METRICS) ? &r->metrics : NULL,
        .observed = r->have_observed ? &r->observed : NULL,
        .team_metrics = (r->stages_done & MAPA_PLAN_METRICS) && cf ? &r->team_metrics : NULL,
        .duplicates = r->have_duplicates ? &r->duplicates : NULL,
        .diagrams_dir = diagrams,
        .schedule = schedule,
    };
}

static bool all_pages; /* --briefing-pages: a page per member however many */

void mapa_cli_report_all_pages(bool on)
{
    all_pages = on;
}

static int write_report(const mapa_partnership *p, const mapa_plan_result *r, const mapa_cf *cf,
                        const mapa_report_schedule *schedule, const char *out, const char *shown,
                        const char *diagrams, bool quiet)
{
    char *dflt = NULL;
    if (!diagrams) {
        size_t n = strlen(out) + sizeof "/diagrams";
        dflt = malloc(n);
        if (!dflt) {
            fprintf(stderr, "mapa: out of memory while writing the report\n");
            return MAPA_EXIT_SOFTWARE;
        }
        snprintf(dflt, n, "%s/diagrams", out);
    }
    mapa_report_input in = input_of(p, r, cf, schedule, diagrams ? diagrams : dflt);
    in.pages_max = all_pages ? 0 : MAPA_REPORT_PAGES_MAX;
    mapa_cli_interrupt_doing("writing the report");
    mapa_err err = mapa_report_write_all(out, &in);
    free(dflt);
    if (err != MAPA_OK) {
        fprintf(stderr, "mapa: %s\n", mapa_error_last());
        return mapa_cli_exit_code(err);
    }
    if (!quiet && mapa_report_pages(&in))
        printf("\nReport: %s/report.html (to email or print), %s/plan.xlsx, and a briefing per "
               "member in %s/briefings.csv and %s/briefings/\n",
               shown, shown, shown, shown);
    else if (!quiet)
        printf("\nReport: %s/report.html (to email or print), %s/plan.xlsx, and a briefing per "
               "member in %s/briefings.csv for a mail merge (no page per member above %d "
               "members: add --briefing-pages for them)\n",
               shown, shown, shown, MAPA_REPORT_PAGES_MAX);
    return MAPA_EXIT_OK;
}

int mapa_cli_write_report(const mapa_partnership *p, const mapa_plan_result *r,
                          const mapa_report_schedule *schedule, const char *out, const char *shown,
                          const char *diagrams, bool quiet)
{
    return write_report(p, r, r->cf_planned ? &r->cf : NULL, schedule, out, shown, diagrams, quiet);
}

static int report(const options *o, mapa_partnership *p)
{
    mapa_saved_plan plan = MAPA_SAVED_PLAN_INIT;
    mapa_err err = mapa_cli_read_plan(&plan, o->plan, p, false);
    mapa_plan_result r;
    mapa_plan_result_init(&r);
    if (err == MAPA_OK) {
        mapa_plan_options po;
        mapa_plan_options_saved(&po, MAPA_PLAN_METRICS | MAPA_PLAN_DUPLICATES, &plan);
        mapa_cli_interrupt_doing("measuring the plan for the report");
        err = mapa_plan_run(&r, p, &po);
    }
    int rc = mapa_cli_exit_code(err);
    if (err != MAPA_OK && err != MAPA_EFORMAT)
        fprintf(stderr, "mapa report: %s\n", mapa_error_last());
    mapa_report_schedule sessions = {NULL, 0}; /* the dates of PLAN/sessions.csv, when scheduled */
    if (err == MAPA_OK)
        rc = mapa_cli_schedule_saved(&sessions, o->plan, p);
    if (rc != MAPA_EXIT_OK)
        err = MAPA_EFORMAT;
    if (err == MAPA_OK) {
        const char *out = o->out ? o->out : o->plan;
        char *diagrams = malloc(strlen(o->plan) + sizeof "/diagrams");
        if (!diagrams) {
            rc = MAPA_EXIT_SOFTWARE;
            fprintf(stderr, "mapa report: out of memory\n");
        } else {
            sprintf(diagrams, "%s/diagrams", o->plan);
            /* only the earlier report's files go; the plan beside them stays */
            static const char *const drop[] = {"report.html", "plan.xlsx", "briefings.csv",
                                               "briefings", NULL};
            mapa_out_dir_options oo = {.drop = drop};
            mapa_out_dir *d = NULL;
            rc = mapa_cli_out_open(&d, "report", out, &oo);
            if (rc == MAPA_EXIT_OK)
                rc =
                    mapa_cli_out_close(d, "report",
                                       write_report(p, &r, plan.have_cf ? &plan.cf : NULL,
                                                    sessions.n_sessions ? &sessions : NULL,
                                                    mapa_out_dir_path(d), out, diagrams, o->quiet));
            free(diagrams);
        }
    }
    mapa_cli_report_schedule_dispose(&sessions);
    mapa_plan_result_dispose(&r);
    mapa_saved_plan_dispose(&plan);
    return rc;
}

static int run(int argc, char **argv)
{
    options o = {0};
    int rc = mapa_cli_parse(&spec, 0, argc, argv, take, &o, &o.dir, &o.quiet);
    if (rc != MAPA_EXIT_OK)
        return rc < 0 ? MAPA_EXIT_OK : rc;
    if (!o.dir || !o.plan)
        return mapa_cli_usage_error("report", "give DIR and --plan PLAN");
    mapa_partnership *p = NULL;
    rc = mapa_cli_load(&p, "report", o.dir);
    if (rc == MAPA_EXIT_OK)
        rc = report(&o, p);
    mapa_partnership_free(p);
    return rc;
}

const mapa_command mapa_cmd_report = {
    "report", "report.html, plan.xlsx and briefings of a saved plan", &spec, 0, run};
