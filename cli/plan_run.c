/* What `mapa allocate` and `mapa plan` share: options, loading, solving, writing, reporting. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mapa/mapa.h>

#include "cli/cli.h"
#include "cli/dup_run.h"
#include "cli/metrics_run.h"

#include "cli/plan_options.h"
#include "models/util.h"

static void log_line(const char *line, void *payload)
{
    (void)payload;
    fprintf(stderr, "  %s\n", line);
}

static const char *ordinal(size_t r)
{
    static const char *const names[] = {"",      "first",   "second", "third", "fourth", "fifth",
                                        "sixth", "seventh", "eighth", "ninth", "tenth"};
    return r < sizeof names / sizeof *names ? names[r] : "later";
}

static void print_report(const mapa_partnership *p, const mapa_alloc *a, const char *out)
{
    size_t allocated = 0, min_agencies = SIZE_MAX;
    for (size_t r = 1; r <= a->max_rank + 1; r++)
        allocated += a->rank_counts[r];
    printf("Allocation: %s (%s, %s objective %.6g, %.2f s)\n", mapa_status_name(a->status),
           a->method, mapa_objective_name(p->settings.objective), a->objective, a->seconds);
    printf("  ");
    for (size_t r = 1; r <= a->max_rank; r++) {
        if (r == 1)
            printf("%zu of %zu members got their first choice", a->rank_counts[r], allocated);
        else
            printf(", %zu their %s", a->rank_counts[r], ordinal(r));
    }
    if (a->rank_counts[a->max_rank + 1])
        printf(", %zu a team they did not rank", a->rank_counts[a->max_rank + 1]);
    printf("\n");
    size_t *agencies = calloc(p->n_topics + 1, sizeof *agencies);
    unsigned char *seen = calloc(p->n_topics * p->n_agencies + 1, 1);
    size_t *sizes = calloc(p->n_topics + 1, sizeof *sizes);
    for (size_t i = 0; agencies && seen && sizes && i < p->n_members; i++) {
        size_t t = a->team[i];
        if (t == MAPA_NONE)
            continue;
        sizes[t]++;
        if (!seen[t * p->n_agencies + p->members[i].agency]++)
            agencies[t]++;
    }
    for (size_t t = 0; agencies && t < p->n_topics; t++)
        if (agencies[t] < min_agencies)
            min_agencies = agencies[t];
    if (agencies && p->n_topics)
        printf("  every team has at least %zu agenc%s", min_agencies,
               min_agencies == 1 ? "y" : "ies");
    if (a->moves || p->settings.max_moves != MAPA_UNLIMITED)
        printf("; %zu member%s moved from their previous team", a->moves, a->moves == 1 ? "" : "s");
    printf("\n\n  %-14s %4s %8s  %s\n", "team", "size", "agencies", "SPOC");
    for (size_t t = 0; agencies && sizes && t < p->n_topics; t++) {
        size_t s = a->spoc[t];
        printf("  %-14s %4zu %8zu  %s%s%s%s\n", p->topics[t].id, sizes[t], agencies[t],
               s == MAPA_NONE ? "(none)" : p->members[s].name, s == MAPA_NONE ? "" : " (",
               s == MAPA_NONE ? "" : p->agencies[p->members[s].agency].name,
               s == MAPA_NONE ? "" : ")");
    }
    free(agencies);
    free(seen);
    free(sizes);
    printf("\nWrote %s/teams.csv and %s/summary.json\n", out, out);
}

static void print_notes(const mapa_alloc *a)
{
    for (size_t k = 0; k < a->n_notes; k++)
        fprintf(stderr, "  - %s\n", a->notes[k].text);
}

/* Where a stage starts, on stderr when it is a terminal (long runs show life); -q silences it. */
static void progress(const plan_options *o, const char *stage, size_t members, size_t teams)
{
    if (o->quiet || !isatty(STDERR_FILENO))
        return;
    fprintf(stderr, "%s: %zu members, %zu sub-teams...\n", stage, members, teams);
}

static void print_cf_notes(const mapa_cf *cf)
{
    for (size_t k = 0; k < cf->n_notes; k++)
        fprintf(stderr, "  - %s\n", cf->notes[k].text);
}

static void print_cf_report(const mapa_cf *cf, const char *out)
{
    printf("Critical Friends: %s (%s, %zu of %zu places filled, %.2f s)\n",
           mapa_status_name(cf->status), cf->method, cf->filled, cf->places, cf->seconds);
    if (cf->strongly_connected)
        printf("  the team graph is strongly connected: every team's knowledge reaches every "
               "other team; %.0f%% of team pairs within two steps, diameter %zu\n",
               100 * cf->reach2, cf->diameter);
    else
        printf("  the team graph is NOT strongly connected: some teams' knowledge cannot reach "
               "others through CFs\n");
    printf("Wrote %s/critical_friends.csv\n", out);
}

/* mapa plan: the network figures of the finished plan, into OUT/metrics. */
static int metrics_stage(const plan_options *o, const char *verb, const mapa_partnership *p,
                         const size_t *team, const size_t *spoc, const mapa_cf *cf)
{
    char *dir = mapa__path_join(o->out, "metrics");
    if (!dir) {
        fprintf(stderr, "mapa %s: out of memory\n", verb);
        return MAPA_EXIT_SOFTWARE;
    }
    progress(o, "Measuring the network", p->n_members, p->n_topics);
    if (!o->quiet)
        printf("\n");
    metrics_options mo = {dir, o->window, o->quiet};
    int rc = mapa_cli_metrics_stage(&mo, verb, p, team, spoc, cf);
    free(dir);
    return rc;
}

/* mapa plan: the diagrams of the finished plan, into OUT/diagrams. */
static int diagrams_stage(const plan_options *o, const char *verb, const mapa_partnership *p,
                          const size_t *team, const size_t *spoc, const mapa_cf *cf)
{
    char *dir = mapa__path_join(o->out, "diagrams");
    mapa_diagram_input in = {p, team, spoc, cf, MAPA_DIAGRAM_AUTO};
    size_t written = 0;
    progress(o, "Drawing the diagrams", p->n_members, p->n_topics);
    mapa_err err = dir ? mapa_draw_diagrams(dir, &in, MAPA_DIAGRAM_SVG, &written)
                       : mapa_error_set(MAPA_ENOMEM, "out of memory");
    if (err != MAPA_OK)
        fprintf(stderr, "mapa %s: %s\n", verb, mapa_error_last());
    else if (!o->quiet)
        printf("\nDiagrams: %zu drawn into %s/ (.dot and .svg; mapa draw --format pdf,png for "
               "more)\n",
               written, dir);
    free(dir);
    return mapa_cli_exit_code(err);
}

/* The Critical Friend stage on a plan; writes its files and reports. */
static int cf_stage(const plan_options *o, const char *verb, const mapa_partnership *p,
                    const size_t *team, const size_t *spoc, const mapa_alloc *a)
{
    mapa_cf cf = MAPA_CF_INIT;
    mapa_cf_options co = o->cf;
    co.log = o->verbose ? log_line : NULL;
    co.time_limit = o->alloc.time_limit; /* --time-limit bounds each stage */
    progress(o, "Choosing Critical Friends", p->n_members, p->n_topics);
    mapa_err err = mapa_cf_solve(&cf, p, team, spoc, &co);
    if (err != MAPA_OK) {
        fprintf(stderr, "mapa %s: %s\n", verb, mapa_error_last());
        return mapa_cli_exit_code(err);
    }
    bool planned =
        cf.status != MAPA_STATUS_INFEASIBLE || o->cf.policy != MAPA_CF_OPTIMAL || p->settings.soft;
    char *csv = mapa__path_join(o->out, "critical_friends.csv"),
         *summary = mapa__path_join(o->out, "summary.json");
    err = csv && summary ? mapa_make_dir(o->out) : mapa_error_set(MAPA_ENOMEM, "out of memory");
    if (err == MAPA_OK && planned)
        err = mapa_write_cf_csv(csv, p, team, &cf);
    if (err == MAPA_OK)
        err = mapa_write_summary_json(summary, p, a, &cf);
    int rc = mapa_cli_exit_code(err);
    if (err != MAPA_OK) {
        fprintf(stderr, "mapa %s: %s\n", verb, mapa_error_last());
    } else if (!planned) {
        fprintf(stderr, "mapa %s: no Critical Friend plan: the places cannot all be filled.\n",
                verb);
        print_cf_notes(&cf);
        fprintf(stderr, "Wrote the diagnosis to %s/summary.json (--soft fills what it can)\n",
                o->out);
        rc = MAPA_EXIT_DATAERR;
    } else {
        if (!o->quiet)
            print_cf_report(&cf, o->out);
        if (cf.n_notes) {
            fprintf(stderr, "Critical Friends: places left empty or rules not met:\n");
            print_cf_notes(&cf);
        }
        if (o->mode == MAPA_MODE_PLAN)
            rc = metrics_stage(o, verb, p, team, spoc, &cf);
        if (o->mode == MAPA_MODE_PLAN && rc == MAPA_EXIT_OK && p->n_actions > 0) {
            mapa_dup_options dup = MAPA_DUP_OPTIONS_INIT;
            progress(o, "Looking for duplicated actions", p->n_members, p->n_topics);
            if (!o->quiet)
                printf("\n");
            rc = mapa_cli_duplicates_stage(o->out, o->quiet, verb, p, team, &cf, &dup);
        }
        if (o->mode == MAPA_MODE_PLAN && rc == MAPA_EXIT_OK)
            rc = diagrams_stage(o, verb, p, team, spoc, &cf);
        if (o->mode == MAPA_MODE_PLAN && rc == MAPA_EXIT_OK && o->hdf5)
            rc = mapa_cli_plan_hdf5(o, verb, p, a, &cf);
    }
    free(csv);
    free(summary);
    mapa_cf_dispose(&cf);
    return rc;
}

static mapa_err write_outputs(const plan_options *o, const mapa_partnership *p, const mapa_alloc *a,
                              bool planned)
{
    mapa_err err = mapa_make_dir(o->out);
    char *teams = mapa__path_join(o->out, "teams.csv"),
         *summary = mapa__path_join(o->out, "summary.json");
    if (!teams || !summary)
        err = mapa_error_set(MAPA_ENOMEM, "out of memory");
    if (err == MAPA_OK && planned)
        err = mapa_write_teams_csv(teams, p, a);
    if (err == MAPA_OK)
        err = mapa_write_summary_json(summary, p, a, NULL);
    free(teams);
    free(summary);
    return err;
}

static int allocate_stage(const plan_options *o, const char *verb, mapa_partnership *p)
{
    mapa_alloc a = MAPA_ALLOC_INIT;
    mapa_alloc_options ao = o->alloc;
    ao.log = o->verbose ? log_line : NULL;
    progress(o, "Allocating", p->n_members, p->n_topics);
    mapa_err err = mapa_alloc_solve(&a, p, &ao);
    if (err != MAPA_OK) {
        fprintf(stderr, "mapa %s: %s\n", verb, mapa_error_last());
        return mapa_cli_exit_code(err);
    }
    bool planned = a.status != MAPA_STATUS_INFEASIBLE || o->alloc.policy != MAPA_POLICY_OPTIMAL;
    for (size_t i = 0; planned && i < p->n_members; i++)
        planned = a.team[i] != MAPA_NONE || p->members[i].coordinator;
    err = write_outputs(o, p, &a, planned);
    int rc = mapa_cli_exit_code(err);
    if (err != MAPA_OK) {
        fprintf(stderr, "mapa %s: %s\n", verb, mapa_error_last());
    } else if (!planned) {
        fprintf(stderr, "mapa %s: no plan: the limits cannot all hold.\n", verb);
        print_notes(&a);
        fprintf(stderr, "Wrote the diagnosis to %s/summary.json\n", o->out);
        rc = MAPA_EXIT_DATAERR;
    } else {
        if (!o->quiet)
            print_report(p, &a, o->out);
        if (a.n_notes) {
            fprintf(stderr, "%s:\n",
                    p->settings.soft ? "Relaxed to make a plan" : "This plan breaks rules");
            print_notes(&a);
        }
        if (o->mode == MAPA_MODE_PLAN) {
            if (!o->quiet)
                printf("\n");
            rc = cf_stage(o, verb, p, a.team, a.spoc, &a);
        }
    }
    mapa_alloc_dispose(&a);
    return rc;
}

/* mapa cf: the Critical Friend stage on a saved plan. */
static int saved_plan_stage(const plan_options *o, const char *verb, const mapa_partnership *p)
{
    mapa_diags diags = MAPA_DIAGS_INIT;
    size_t *team = NULL, *spoc = NULL;
    mapa_err err = mapa_read_teams_csv(&team, &spoc, p, o->teams, &diags);
    mapa_cli_print_problems(&diags, 50);
    mapa_diags_dispose(&diags);
    if (err != MAPA_OK) {
        if (err != MAPA_EFORMAT)
            fprintf(stderr, "mapa %s: %s\n", verb, mapa_error_last());
        return mapa_cli_exit_code(err);
    }
    int rc = cf_stage(o, verb, p, team, spoc, NULL);
    free(team);
    free(spoc);
    return rc;
}

int mapa_cli_plan(int argc, char **argv, const char *verb, const char *help, mapa_cli_mode mode)
{
    plan_options o = {.mode = mode};
    int rc = mapa_cli_plan_parse(&o, argc, argv, verb, help);
    if (rc != MAPA_EXIT_OK)
        return rc < 0 ? MAPA_EXIT_OK : rc;
    mapa_diags diags = MAPA_DIAGS_INIT;
    mapa_partnership *p = NULL;
    mapa_err err = mapa_partnership_load(&p, &diags, o.dir);
    mapa_cli_print_problems(&diags, 50);
    if (err == MAPA_OK)
        rc = mapa_cli_plan_apply(&o, verb, &p->settings);
    else if (err == MAPA_EFORMAT)
        fprintf(stderr, "%zu error%s: fix them (mapa validate %s) and run again.\n", diags.n_errors,
                diags.n_errors == 1 ? "" : "s", o.dir);
    else
        fprintf(stderr, "mapa %s: %s\n", verb, mapa_error_last());
    if (err == MAPA_OK && rc == MAPA_EXIT_OK)
        rc = mode == MAPA_MODE_CF ? saved_plan_stage(&o, verb, p) : allocate_stage(&o, verb, p);
    else if (err != MAPA_OK)
        rc = mapa_cli_exit_code(err);
    mapa_diags_dispose(&diags);
    mapa_partnership_free(p);
    return rc;
}
