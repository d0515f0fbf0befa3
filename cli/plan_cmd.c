/* mapa allocate, mapa cf and mapa plan: parse, load, run the library pipeline, report. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include <mapa/mapa.h>

#include "cli/cli.h"
#include "cli/plan_options.h"
#include "cli/schedule_cmd.h"
#include "cli/report.h"

typedef struct run_state {
    const plan_options *o;
    const mapa_partnership *p;
    char metrics_dir[4096];
} run_state;

/* A step outside the library's stages (reading, the report), timed as the stages are. */
typedef struct lap {
    struct timespec wall;
    clock_t cpu;
} lap;

static bool shows_plan(const plan_options *o)
{
    return !o->quiet && (o->verbose || isatty(STDERR_FILENO));
}

static lap lap_start(const plan_options *o, const char *doing, const char *sizes)
{
    lap l;
    clock_gettime(CLOCK_MONOTONIC, &l.wall);
    l.cpu = clock();
    if (sizes && shows_plan(o))
        fprintf(stderr, "%s: %s...\n", doing, sizes);
    return l;
}

static void lap_done(const plan_options *o, const char *doing, lap l)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double wall = (double)(now.tv_sec - l.wall.tv_sec) + 1e-9 * (double)(now.tv_nsec - l.wall.tv_nsec);
    if (shows_plan(o))
        fprintf(stderr, "%s: done in %.2f s (%.2f s of CPU)\n", doing, wall,
                (double)(clock() - l.cpu) / CLOCKS_PER_SEC);
}

/*
 * The report's resource plan: report.html and plan.xlsx grow with the members,
 * the briefings with members x team size (each lists the others in its team:
 * 100,000 in teams of 333 write about 2.8 GB). Per-unit costs measured with
 * bench/bench_plan (bench/README.md).
 */
static void report_sizes(char *buf, size_t cap, const mapa_partnership *p)
{
    double n = (double)p->n_members, T = p->n_topics ? (double)p->n_topics : 1;
    double lines = n * (n / T), seconds = 1.9e-4 * n + 1.3e-7 * lines, bytes = 3000 * n;
    snprintf(buf, cap, "%zu members, %zu sub-teams: about %.1f s of CPU and %.0f MiB",
             p->n_members, p->n_topics, seconds, bytes / 1048576.0);
}

static void log_line(const char *line, void *payload)
{
    (void)payload;
    fprintf(stderr, "  %s\n", line);
}

static void stage_started(const run_state *st, const mapa_plan_event *ev)
{
    const plan_options *o = st->o;
    mapa_cli_interrupt_doing(ev->activity);
    if (!o->quiet && (o->verbose || isatty(STDERR_FILENO))) /* the resource plan */
        fprintf(stderr,
                "%s: %zu members, %zu sub-teams: about %.1f s of CPU and %.0f MiB (%.0f s left in "
                "all)...\n",
                ev->doing, ev->members, ev->teams, ev->estimate_seconds,
                ev->estimate_bytes / 1048576.0, ev->remaining_seconds);
    bool blank = ev->stage == MAPA_PLAN_METRICS || ev->stage == MAPA_PLAN_DUPLICATES ||
                 (ev->stage == MAPA_PLAN_CF && o->mode == MAPA_MODE_PLAN);
    if (blank && !o->quiet)
        printf("\n");
}

static void stage_done(const run_state *st, const mapa_plan_event *ev)
{
    const plan_options *o = st->o;
    const mapa_plan_result *r = ev->result;
    const char *out = o->shown_out;
    switch (ev->stage) {
    case MAPA_PLAN_ALLOCATE:
        if (!r->planned)
            break;
        if (!o->quiet)
            mapa_cli_report_alloc(st->p, r, out);
        if (r->alloc.n_notes) {
            fprintf(stderr, "%s:\n",
                    st->p->settings.soft ? "Relaxed to make a plan" : "This plan breaks rules");
            mapa_cli_print_notes(r->alloc.notes, r->alloc.n_notes);
        }
        break;
    case MAPA_PLAN_CF:
        if (!r->cf_planned)
            break;
        if (!o->quiet)
            mapa_cli_report_cf(st->p, r, out);
        if (r->cf.n_notes) {
            fprintf(stderr, "Critical Friends: places left empty or rules not met:\n");
            mapa_cli_print_notes(r->cf.notes, r->cf.n_notes);
        }
        break;
    case MAPA_PLAN_METRICS:
        if (!o->quiet)
            mapa_cli_report_metrics(st->p, r, r->stages_done & MAPA_PLAN_CF ? &r->cf : NULL,
                                    o->plan.window, st->metrics_dir);
        break;
    case MAPA_PLAN_DUPLICATES:
        if (!o->quiet && r->have_duplicates)
            mapa_cli_report_duplicates(st->p, &r->duplicates, out);
        break;
    case MAPA_PLAN_DIAGRAMS:
        if (!o->quiet)
            printf("\nDiagrams: %zu drawn into %s/diagrams/ (.dot and .svg; mapa draw --format "
                   "pdf,png for more)\n",
                   r->diagrams, out);
        break;
    case MAPA_PLAN_HDF5:
        if (!o->quiet)
            printf("%s %s (the plan as run 0: docs/hdf5-schema.md)\n",
                   r->hdf5_replaced ? "Replaced the earlier plan in" : "Wrote", o->plan.hdf5);
        break;
    }
    if (!o->quiet && (o->verbose || isatty(STDERR_FILENO)))
        fprintf(stderr, "%s: done in %.2f s (%.2f s of CPU)\n", ev->doing, ev->seconds,
                ev->cpu_seconds);
    fflush(stdout); /* stage lines survive a run killed later */
}

static void on_event(const mapa_plan_event *ev, void *payload)
{
    if (ev->done)
        stage_done(payload, ev);
    else
        stage_started(payload, ev);
}

/* After the run: no plan, or no Critical Friend plan, is exit 65 with its reasons. */
static int outcome(const char *verb, const mapa_plan_result *r)
{
    if (!r->planned) {
        fprintf(stderr, "mapa %s: no plan: the limits cannot all hold.\n", verb);
        mapa_cli_print_notes(r->alloc.notes, r->alloc.n_notes);
        return MAPA_EXIT_DATAERR;
    }
    if ((r->stages_done & MAPA_PLAN_CF) && !r->cf_planned) {
        fprintf(stderr, "mapa %s: no Critical Friend plan: the places cannot all be filled.\n",
                verb);
        mapa_cli_print_notes(r->cf.notes, r->cf.n_notes);
        fprintf(stderr, "(--soft fills what it can)\n");
        return MAPA_EXIT_DATAERR;
    }
    return MAPA_EXIT_OK;
}

static int run_pipeline(plan_options *o, const char *verb, mapa_partnership *p, const size_t *team,
                        const size_t *spoc)
{
    run_state st = {o, p, ""};
    snprintf(st.metrics_dir, sizeof st.metrics_dir, "%s/metrics", o->shown_out);
    mapa_plan_options *po = &o->plan;
    po->stages = o->mode == MAPA_MODE_ALLOCATE ? MAPA_PLAN_ALLOCATE
                 : o->mode == MAPA_MODE_CF     ? MAPA_PLAN_CF
                                               : MAPA_PLAN_ALL | (po->hdf5 ? MAPA_PLAN_HDF5 : 0);
    po->team = team;
    po->spoc = spoc;
    po->source = o->dir;
    po->progress = on_event;
    po->log = o->verbose ? log_line : NULL;
    mapa_cli_report_set_verbose(o->verbose);
    po->payload = &st;
    mapa_dup_lexicon lex = MAPA_DUP_LEXICON_INIT; /* synonyms.csv, not_duplicates.csv */
    if (o->mode == MAPA_MODE_PLAN && p->n_actions > 0) {
        int lrc = mapa_cli_read_lexicon(&lex, verb, o->dir, p);
        if (lrc != MAPA_EXIT_OK) {
            mapa_dup_lexicon_dispose(&lex);
            return lrc;
        }
        po->dup.lexicon = &lex;
    }
    mapa_plan_result r;
    mapa_plan_result_init(&r);
    mapa_err err = mapa_plan_run(&r, p, po);
    po->dup.lexicon = NULL;
    int rc = err != MAPA_OK ? mapa_cli_exit_code(err) : outcome(verb, &r);
    if (err != MAPA_OK)
        fprintf(stderr, "mapa %s: %s\n", verb, mapa_error_last());
    mapa_report_schedule sessions = {0};
    if (rc == MAPA_EXIT_OK && o->mode == MAPA_MODE_PLAN) /* when DIR has slots.csv */
        rc = mapa_cli_schedule_after_plan(o->dir, po->out, o->shown_out, o->quiet, p, r.team,
                                          r.spoc, r.cf_planned ? &r.cf : NULL, &sessions);
    if (rc == MAPA_EXIT_OK && o->mode == MAPA_MODE_PLAN) { /* report.html, plan.xlsx, briefings */
        static const char doing[] = "Writing the report, workbook and briefings";
        char sizes[160];
        report_sizes(sizes, sizeof sizes, p);
        lap l = lap_start(o, doing, sizes);
        rc = mapa_cli_write_report(p, &r, sessions.n_sessions ? &sessions : NULL, po->out,
                                   o->shown_out, po->diagrams_out, o->quiet);
        if (rc == MAPA_EXIT_OK)
            lap_done(o, doing, l);
        fflush(stdout);
    }
    mapa_cli_report_schedule_dispose(&sessions);
    mapa_dup_lexicon_dispose(&lex);
    mapa_plan_result_dispose(&r);
    return rc;
}

/* The run inside a fresh folder swapped in for OUT at the end (io/out_dir.c). */
static int in_out_folder(plan_options *o, const char *verb, mapa_partnership *p, const size_t *team,
                         const size_t *spoc)
{
    static const char *const cf_keeps[] = {"teams.csv", "summary.json", NULL};
    mapa_out_dir_options oo = {.keep = o->mode == MAPA_MODE_CF ? cf_keeps : NULL,
                               .owned = mapa_cli_plan_files,
                               .wait = o->wait};
    mapa_out_dir *d = NULL;
    o->shown_out = o->plan.out;
    int rc = mapa_cli_out_open(&d, verb, o->shown_out, &oo);
    if (rc != MAPA_EXIT_OK)
        return rc;
    o->plan.out = mapa_out_dir_path(d);
    /* files named inside OUT (--hdf5 OUT/plan.h5, --write-lp OUT/model.lp) are the run's too */
    const char **inside[] = {&o->plan.hdf5, &o->plan.alloc.write_lp, &o->plan.cf.write_lp};
    const char *given[3];
    char *moved[3];
    for (int k = 0; k < 3; k++) {
        given[k] = *inside[k];
        moved[k] = mapa_cli_inside(o->shown_out, o->plan.out, given[k]);
        if (moved[k])
            *inside[k] = moved[k];
    }
    rc = run_pipeline(o, verb, p, team, spoc);
    for (int k = 0; k < 3; k++) {
        *inside[k] = given[k];
        free(moved[k]);
    }
    o->plan.out = o->shown_out;
    return mapa_cli_out_close(d, verb, rc);
}

/* mapa cf: the Critical Friend stage on a saved teams.csv. */
static int saved_plan(plan_options *o, const char *verb, mapa_partnership *p)
{
    mapa_diags diags = MAPA_DIAGS_INIT;
    size_t *team = NULL, *spoc = NULL;
    mapa_err err = mapa_read_teams_csv(&team, &spoc, p, o->teams, &diags);
    mapa_cli_print_problems(&diags, 50);
    mapa_diags_dispose(&diags);
    int rc;
    if (err != MAPA_OK) {
        if (err != MAPA_EFORMAT)
            fprintf(stderr, "mapa %s: %s\n", verb, mapa_error_last());
        rc = mapa_cli_exit_code(err);
    } else {
        size_t broken = mapa_cli_check_plan(p, o->teams, NULL, team, spoc, NULL, o->accept_broken);
        rc = mapa_cli_refuse_broken(verb, broken, o->accept_broken);
        if (rc == MAPA_EXIT_OK)
            rc = in_out_folder(o, verb, p, team, spoc);
    }
    free(team);
    free(spoc);
    return rc;
}

int mapa_cli_plan(const mapa_cli_spec *spec, mapa_cli_mode mode, int argc, char **argv)
{
    const char *verb = spec->verb;
    plan_options o = {.mode = mode};
    int rc = mapa_cli_plan_parse(&o, spec, argc, argv);
    if (rc != MAPA_EXIT_OK)
        return rc < 0 ? MAPA_EXIT_OK : rc;
    mapa_partnership *p = NULL;
    lap l = lap_start(&o, "Reading the partnership", NULL);
    rc = mapa_cli_load(&p, verb, o.dir);
    if (rc == MAPA_EXIT_OK)
        lap_done(&o, "Reading the partnership", l);
    if (rc == MAPA_EXIT_OK)
        rc = mapa_cli_plan_apply(&o, verb, &p->settings);
    if (rc == MAPA_EXIT_OK) {
        mapa_csv_excel(p->settings.excel);
        rc =
            mode == MAPA_MODE_CF ? saved_plan(&o, verb, p) : in_out_folder(&o, verb, p, NULL, NULL);
    }
    mapa_partnership_free(p);
    return rc;
}
