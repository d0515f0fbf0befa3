/*
 * The plan pipeline (include/mapa/plan.h): allocate, Critical Friends,
 * metrics, duplicates, diagrams and the HDF5 run, each stage a library call,
 * each writing its files into the output folder as it ends.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mapa/diagrams.h>
#include <mapa/duplicates_output.h>
#include <mapa/output.h>
#include <mapa/plan.h>

#include "models/util.h"
#include "scenarios/plan_internal.h"
#include "models/handlers.h"
#include "solver/memory.h"

void mapa_plan_options_init(mapa_plan_options *o)
{
    *o = (mapa_plan_options){.stages = MAPA_PLAN_ALL,
                             .alloc = MAPA_ALLOC_OPTIONS_INIT,
                             .cf = MAPA_CF_OPTIONS_INIT,
                             .dup = MAPA_DUP_OPTIONS_INIT,
                             .diagram_formats = MAPA_DIAGRAM_SVG,
                             .diagram_level = MAPA_DIAGRAM_AUTO};
}

void mapa_plan_options_saved(mapa_plan_options *o, unsigned stages, const mapa_saved_plan *plan)
{
    mapa_plan_options_init(o);
    o->stages = stages;
    o->team = plan->team;
    o->spoc = plan->spoc;
    o->saved_cf = plan->have_cf ? &plan->cf : NULL;
}

void mapa_plan_result_init(mapa_plan_result *r)
{
    memset(r, 0, sizeof *r);
    r->alloc = (mapa_alloc)MAPA_ALLOC_INIT;
    r->cf = (mapa_cf)MAPA_CF_INIT;
    r->teams = (mapa_team_counts)MAPA_TEAM_COUNTS_INIT;
    r->network = (mapa_network)MAPA_NETWORK_INIT;
    r->observed_network = (mapa_network)MAPA_NETWORK_INIT;
}

void mapa_plan_result_dispose(mapa_plan_result *r)
{
    mapa_alloc_dispose(&r->alloc);
    free(r->team);
    free(r->spoc);
    mapa_team_counts_dispose(&r->teams);
    mapa_cf_dispose(&r->cf);
    mapa_network_dispose(&r->network);
    mapa_metrics_dispose(&r->metrics);
    mapa_team_metrics_dispose(&r->team_metrics);
    mapa_network_dispose(&r->observed_network);
    mapa_metrics_dispose(&r->observed);
    free(r->windows_csv);
    mapa_duplicates_dispose(&r->duplicates);
    mapa_plan_result_init(r);
}

/* What each stage is doing, in the words the progress callback and the messages use. */
static const char *doing(mapa_plan_stage stage)
{
    switch (stage) {
    case MAPA_PLAN_ALLOCATE: return "Allocating";
    case MAPA_PLAN_CF: return "Choosing Critical Friends";
    case MAPA_PLAN_METRICS: return "Measuring the network";
    case MAPA_PLAN_DUPLICATES: return "Looking for duplicated actions";
    case MAPA_PLAN_DIAGRAMS: return "Drawing the diagrams";
    case MAPA_PLAN_HDF5: return "Writing the HDF5 run";
    }
    return "Planning";
}

static const char *while_doing(mapa_plan_stage stage)
{
    switch (stage) {
    case MAPA_PLAN_ALLOCATE: return "allocating members to sub-teams";
    case MAPA_PLAN_CF: return "choosing Critical Friends";
    case MAPA_PLAN_METRICS: return "measuring the network";
    case MAPA_PLAN_DUPLICATES: return "looking for duplicated actions";
    case MAPA_PLAN_DIAGRAMS: return "drawing the diagrams";
    case MAPA_PLAN_HDF5: return "writing the HDF5 run";
    }
    return "planning";
}

/*
 * The resource plan: each stage's CPU time and memory estimated from the
 * instance's sizes before it starts, with per-unit costs measured on the
 * generated partnerships of bench/bench_plan (bench/README.md, "The whole
 * plan"). Rough by design (within a factor of about two); what they are for is
 * refusing, in words and before any work, a stage that cannot fit.
 */
typedef struct cost {
    double seconds, bytes;
} cost;

enum { MIB = 1 << 20 };

/* Team ties of the plan (or of teams of n / T members before there is one). */
static double team_ties(const mapa__plan_ctx *c)
{
    double T = (double)c->p->n_topics, n = (double)c->p->n_members, ties = 0;
    if (!c->r->teams.size)
        return T > 0 ? T * (n / T) * (n / T - 1) / 2 : 0;
    for (size_t t = 0; t < c->r->teams.n_teams; t++)
        ties += (double)c->r->teams.size[t] * ((double)c->r->teams.size[t] - 1) / 2;
    return ties;
}

static cost estimate(const mapa__plan_ctx *c, mapa_plan_stage stage)
{
    const mapa_partnership *p = c->p;
    double n = (double)p->n_members, T = (double)p->n_topics, K = (double)p->max_prefs + 1;
    double A = (double)p->n_actions, I = (double)p->n_interactions;
    double cf = T * 2, listed = team_ties(c);
    switch (stage) {
    case MAPA_PLAN_ALLOCATE: return (cost){3e-5 * n * K / 4, n * K * MAPA_MCF_BYTES_PER_ARC + n * 600};
    case MAPA_PLAN_CF:
        return c->o->cf.policy == MAPA_CF_OPTIMAL ? (cost){2e-5 * n + 2e-5 * T * T, 3600 * n + 64 * T * T}
                                                  : (cost){1e-6 * n, 64 * n};
    case MAPA_PLAN_METRICS: {
        bool implied = listed > MAPA_NETWORK_LIST_MAX;
        double ties = (implied ? 0 : listed) + cf * n / (T > 0 ? T : 1) + T * T / 2;
        double plan = 160 * ties + 900 * n, seen = I > 0 ? 160 * I + 900 * n : 0;
        double work = n * (n + 2 * I); /* the observed network's paths: exact, or 500 sources */
        double paths = I == 0 ? 0 : work <= 2e8 ? 1.2e-8 * work : 4e-8 * 500 * (n + 2 * I);
        return (cost){(implied ? 0 : 2e-6 * listed) + 1e-5 * n + paths, plan + seen};
    }
    case MAPA_PLAN_DUPLICATES: return (cost){2.5e-5 * A, 3000 * A};
    case MAPA_PLAN_DIAGRAMS: return (cost){1 + 1e-6 * n + 2.5e-5 * A, 96.0 * MIB + 300 * n + 3000 * A};
    case MAPA_PLAN_HDF5: return (cost){1e-6 * n, 200 * n};
    }
    return (cost){0, 0};
}

/* The estimated CPU time of `stage` and of the stages after it that will run. */
static double remaining(const mapa__plan_ctx *c, mapa_plan_stage stage)
{
    double left = 0;
    for (unsigned s = stage; s <= MAPA_PLAN_HDF5; s <<= 1)
        if ((c->o->stages & s) && (s == stage || s != MAPA_PLAN_HDF5 || c->o->hdf5))
            left += estimate(c, (mapa_plan_stage)s).seconds;
    return left;
}

static void tell(const mapa__plan_ctx *c, mapa_plan_stage stage, bool done, cost est, double took,
                 double cpu)
{
    if (!c->o->progress)
        return;
    mapa_plan_event ev = {stage,          doing(stage), while_doing(stage), c->p->n_members,
                          c->p->n_topics, done,         c->r,
                          est.seconds,    est.bytes,    took,
                          cpu,            done ? 0 : remaining(c, stage)};
    c->o->progress(&ev, c->o->payload);
}

/* Refuse a stage whose estimate exceeds --max-memory, or 80 % of the memory available now. */
static mapa_err fits(const mapa__plan_ctx *c, mapa_plan_stage stage, cost est)
{
    size_t limit = mapa__memory_limit(c->o->alloc.max_memory);
    if (est.bytes <= (double)limit)
        return MAPA_OK;
    return mapa_error_set(MAPA_ENOMEM,
                          "out of memory before %s: the stage would need about %.0f MiB for %zu "
                          "members, %zu sub-teams, %zu actions and %zu contacts, more than the "
                          "limit of %.0f MiB; not started (raise --max-memory, free memory, or "
                          "plan fewer members at once)",
                          while_doing(stage), est.bytes / MIB, c->p->n_members, c->p->n_topics,
                          c->p->n_actions, c->p->n_interactions, (double)limit / MIB);
}

/* A path inside the output folder (malloc'd; NULL on out of memory). */
char *mapa__plan_path(const mapa__plan_ctx *c, const char *name)
{
    return mapa__path_join(c->o->out, name);
}

static mapa_err copy_plan(mapa_plan_result *r, const mapa_partnership *p, const size_t *team,
                          const size_t *spoc)
{
    r->team = malloc((p->n_members + 1) * sizeof *r->team);
    r->spoc = malloc((p->n_topics + 1) * sizeof *r->spoc);
    if (!r->team || !r->spoc)
        return mapa_error_set(MAPA_ENOMEM, "out of memory");
    memcpy(r->team, team, p->n_members * sizeof *team);
    memcpy(r->spoc, spoc, p->n_topics * sizeof *spoc);
    return mapa_team_counts_compute(&r->teams, p, r->team);
}

static mapa_err write_alloc(const mapa__plan_ctx *c)
{
    mapa_err err = MAPA_OK;
    char *teams = mapa__plan_path(c, "teams.csv"), *summary = mapa__plan_path(c, "summary.json");
    if (!teams || !summary) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory");
        goto cleanup;
    }
    err = mapa_make_dir(c->o->out);
    if (err != MAPA_OK)
        goto cleanup;
    if (c->r->planned) {
        err = mapa_write_teams_csv(teams, c->p, &c->r->alloc);
        if (err != MAPA_OK)
            goto cleanup;
    }
    err = mapa_write_summary_json(summary, c->p, &c->r->alloc, NULL);
cleanup:
    free(teams);
    free(summary);
    return err;
}

static mapa_err allocate(mapa__plan_ctx *c)
{
    mapa_alloc_options ao = c->o->alloc;
    if (ao.time_limit <= 0)
        ao.time_limit = c->p->settings.time_limit;
    ao.log = c->o->log;
    ao.payload = c->o->payload;
    mapa_err err = mapa_alloc_solve(&c->r->alloc, c->p, &ao);
    if (err != MAPA_OK)
        return err;
    c->r->planned = mapa_alloc_has_plan(&c->r->alloc, c->p);
    if (c->r->planned) {
        err = copy_plan(c->r, c->p, c->r->alloc.team, c->r->alloc.spoc);
        if (err != MAPA_OK)
            return err;
    }
    return c->o->out ? write_alloc(c) : MAPA_OK;
}

static mapa_err write_cf(const mapa__plan_ctx *c, bool with_alloc)
{
    mapa_err err = MAPA_OK;
    char *csv = mapa__plan_path(c, "critical_friends.csv"),
         *summary = mapa__plan_path(c, "summary.json");
    if (!csv || !summary) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory");
        goto cleanup;
    }
    err = mapa_make_dir(c->o->out);
    if (err != MAPA_OK)
        goto cleanup;
    if (c->r->cf_planned) {
        err = mapa_write_cf_csv(csv, c->p, c->r->team, &c->r->cf);
        if (err != MAPA_OK)
            goto cleanup;
    }
    err = mapa_write_summary_json(summary, c->p, with_alloc ? &c->r->alloc : NULL, &c->r->cf);
cleanup:
    free(csv);
    free(summary);
    return err;
}

/* The overlap term wants the duplicates before the Critical Friends (docs/model.md). */
static bool overlap_first(const mapa__plan_ctx *c)
{
    return c->p->settings.cf_overlap_weight > 0 && c->p->n_actions > 0 &&
           c->o->cf.policy == MAPA_CF_OPTIMAL;
}

/*
 * The duplicates (unmarked) and their overlap matrix, and the blind spots of
 * the plan without the term, for the comparison (*without; MAPA_NONE when
 * that plan has no Critical Friends).
 */
static mapa_err overlap_data(mapa__plan_ctx *c, const mapa_cf_options *co, double **overlap,
                             size_t *without)
{
    mapa_duplicates *d = &c->r->duplicates;
    mapa_err err = mapa_duplicates_find(d, c->p, c->r->team, NULL, &c->o->dup);
    if (err != MAPA_OK)
        return err;
    c->r->have_duplicates = true;
    err = mapa_duplicates_overlap(overlap, c->p, d);
    mapa_cf plain = MAPA_CF_INIT;
    if (err == MAPA_OK)
        err = mapa_cf_solve(&plain, c->p, c->r->team, c->r->spoc, co);
    *without = MAPA_NONE;
    if (err == MAPA_OK && plain.status != MAPA_STATUS_INFEASIBLE) {
        err = mapa_duplicates_mark(d, c->p, c->r->team, &plain);
        *without = d->blind_spots;
    }
    mapa_cf_dispose(&plain);
    return err;
}

static mapa_err critical_friends(mapa__plan_ctx *c)
{
    mapa_cf_options co = c->o->cf;
    if (co.time_limit <= 0)
        co.time_limit = c->p->settings.time_limit;
    co.log = c->o->log;
    co.payload = c->o->payload;
    double *overlap = NULL, started = mapa__now();
    size_t without = MAPA_NONE;
    mapa_err err = overlap_first(c) ? overlap_data(c, &co, &overlap, &without) : MAPA_OK;
    if (co.time_limit > 0 && overlap) /* the limit bounds the stage: both solves */
        co.time_limit = fmax(1e-3, co.time_limit - (mapa__now() - started));
    co.overlap = overlap;
    bool weighed = overlap != NULL;
    if (err == MAPA_OK)
        err = mapa_cf_solve(&c->r->cf, c->p, c->r->team, c->r->spoc, &co);
    free(overlap);
    if (err == MAPA_OK && weighed && c->r->cf.status != MAPA_STATUS_INFEASIBLE)
        err = mapa_duplicates_mark(&c->r->duplicates, c->p, c->r->team, &c->r->cf);
    c->r->cf.blind_spots = weighed ? c->r->duplicates.blind_spots : MAPA_NONE;
    c->r->cf.blind_spots_without = without;
    if (err == MAPA_OK && weighed && co.log) {
        char line[200];
        snprintf(line, sizeof line,
                 "Critical Friends where the plans overlap: %zu of %zu duplicate pairs are blind "
                 "spots, against %zu without the overlap term",
                 c->r->cf.blind_spots, c->r->duplicates.n_pairs, without);
        co.log(line, co.payload);
    }
    if (err != MAPA_OK)
        return err;
    c->r->cf_planned = c->r->cf.status != MAPA_STATUS_INFEASIBLE ||
                       c->o->cf.policy != MAPA_CF_OPTIMAL || c->p->settings.soft;
    return c->o->out ? write_cf(c, (c->o->stages & MAPA_PLAN_ALLOCATE) != 0) : MAPA_OK;
}

static mapa_err duplicates(mapa__plan_ctx *c)
{
    if (c->p->n_actions == 0 && c->o->stages != MAPA_PLAN_DUPLICATES)
        return MAPA_OK; /* asked alone, the stage writes its (empty) files all the same */
    mapa_err err = c->r->have_duplicates /* found before the Critical Friends: marked there */
                       ? mapa_duplicates_mark(&c->r->duplicates, c->p, c->r->team, c->cf)
                       : mapa_duplicates_find(&c->r->duplicates, c->p, c->r->team, c->cf,
                                              &c->o->dup);
    if (err != MAPA_OK)
        return err;
    c->r->have_duplicates = true;
    return c->o->out ? mapa_write_duplicates(c->o->out, c->p, &c->r->duplicates) : MAPA_OK;
}

/*
 * Graphviz draws text with Pango, fontconfig and GLib, which abort the process
 * (SIGTRAP) instead of failing when memory or address space runs out, for
 * instance when a font thread cannot be created. So the room they need is
 * asked for first, in mapa's own allocator, and its absence is said in words.
 * Measured: the example's diagrams need between 150 and 200 MB of address
 * space under `ulimit -v`; the reserve covers Pango's threads and font caches.
 */
enum { GRAPHVIZ_RESERVE = 96u << 20 };

static mapa_err room_for_graphviz(void)
{
    void *reserve = malloc(GRAPHVIZ_RESERVE);
    if (!reserve)
        return mapa_error_set(MAPA_ENOMEM,
                              "out of memory before drawing the diagrams: Graphviz and its font "
                              "libraries need about %u MiB more, and abort rather than fail "
                              "without it",
                              (unsigned)(GRAPHVIZ_RESERVE >> 20));
    free(reserve);
    return MAPA_OK;
}

static mapa_err diagrams(mapa__plan_ctx *c)
{
    mapa_err room = room_for_graphviz();
    if (room != MAPA_OK)
        return room;
    char *dir =
        c->o->diagrams_out ? mapa__strdup(c->o->diagrams_out) : mapa__plan_path(c, "diagrams");
    if (!dir)
        return mapa_error_set(MAPA_ENOMEM, "out of memory");
    mapa_diagram_input in = {c->p, c->r->team, c->r->spoc, c->cf,
                             (mapa_diagram_level)c->o->diagram_level,
                             /* the stage's own pairs, once they know the CF links */
                             c->r->have_duplicates && c->r->duplicates.have_plan
                                 ? &c->r->duplicates
                                 : NULL};
    mapa_err err = mapa_draw_diagrams(dir, &in, c->o->diagram_formats, &c->r->diagrams);
    free(dir);
    return err;
}

/* Out of memory in a stage, with the estimate that refused to build a model when there was one. */
static mapa_err refused(mapa_plan_stage stage)
{
    const char *why = mapa_error_last();
    if (strncmp(why, "out of memory", 13) == 0)
        return mapa_error_set(MAPA_ENOMEM, "out of memory while %s", while_doing(stage));
    char *kept = mapa__strdup(why);
    mapa_err err = mapa_error_set(MAPA_ENOMEM, "out of memory while %s: %s", while_doing(stage),
                                  kept ? kept : "");
    free(kept);
    return err;
}

static mapa_err run_stage(mapa__plan_ctx *c, mapa_plan_stage stage)
{
    switch (stage) {
    case MAPA_PLAN_ALLOCATE: return allocate(c);
    case MAPA_PLAN_CF: return critical_friends(c);
    case MAPA_PLAN_METRICS: return mapa__plan_metrics(c);
    case MAPA_PLAN_DUPLICATES: return duplicates(c);
    case MAPA_PLAN_DIAGRAMS: return diagrams(c);
    case MAPA_PLAN_HDF5: return mapa_plan_write_hdf5(c->o->hdf5, c->p, c->r, c->o);
    }
    return MAPA_OK;
}

/* Whether a stage can run: a plan for all after the allocation (duplicates alone need none),
 * Critical Friends for those after them when they were asked for. */
static bool ready(const mapa__plan_ctx *c, mapa_plan_stage stage)
{
    if (stage == MAPA_PLAN_ALLOCATE)
        return true;
    if (!c->r->planned)
        return stage == MAPA_PLAN_DUPLICATES && !(c->o->stages & MAPA_PLAN_ALLOCATE);
    if (stage == MAPA_PLAN_CF)
        return true;
    if ((c->o->stages & MAPA_PLAN_CF) && !c->r->cf_planned)
        return false;
    return stage != MAPA_PLAN_HDF5 || c->o->hdf5;
}

static mapa_err start(mapa__plan_ctx *c)
{
    const mapa_plan_options *o = c->o;
    if (!(o->stages & MAPA_PLAN_ALLOCATE) && o->team) {
        if (!o->spoc)
            return mapa_error_set(MAPA_EINVAL, "a saved plan needs its SPOCs");
        c->r->planned = true;
        mapa_err err = copy_plan(c->r, c->p, o->team, o->spoc);
        if (err != MAPA_OK)
            return err;
    } else if (!(o->stages & MAPA_PLAN_ALLOCATE) && (o->stages & ~(unsigned)MAPA_PLAN_DUPLICATES)) {
        return mapa_error_set(MAPA_EINVAL, "a plan without its allocation needs a saved plan");
    }
    if ((o->stages & MAPA_PLAN_DIAGRAMS) && !o->out && !o->diagrams_out)
        return mapa_error_set(MAPA_EINVAL, "diagrams need an output folder");
    if ((o->stages & MAPA_PLAN_HDF5) && !o->hdf5)
        return mapa_error_set(MAPA_EINVAL, "the HDF5 stage needs a file");
    return MAPA_OK;
}

static mapa_err run_plan(mapa_plan_result *out, mapa_partnership *p,
                         const mapa_plan_options *options)
{
    static const mapa_plan_stage order[] = {MAPA_PLAN_ALLOCATE, MAPA_PLAN_CF,
                                            MAPA_PLAN_METRICS,  MAPA_PLAN_DUPLICATES,
                                            MAPA_PLAN_DIAGRAMS, MAPA_PLAN_HDF5};
    mapa_plan_options defaults;
    if (!options) {
        mapa_plan_options_init(&defaults);
        options = &defaults;
    }
    double t0 = mapa__now();
    mapa__plan_ctx c = {p, options, out, options->saved_cf};
    mapa_err err = start(&c);
    for (size_t k = 0; err == MAPA_OK && k < sizeof order / sizeof *order; k++) {
        mapa_plan_stage stage = order[k];
        if (!(options->stages & stage) || !ready(&c, stage))
            continue;
        cost est = estimate(&c, stage);
        tell(&c, stage, false, est, 0, 0);
        err = fits(&c, stage, est);
        double started = mapa__now();
        clock_t cpu = clock();
        if (err == MAPA_OK)
            err = run_stage(&c, stage);
        if (err == MAPA_ENOMEM && strncmp(mapa_error_last(), "out of memory before", 20) != 0)
            err = refused(stage);
        if (err != MAPA_OK)
            break;
        if (stage == MAPA_PLAN_CF)
            c.cf = &out->cf;
        out->stages_done |= stage;
        out->seconds = mapa__now() - t0;
        tell(&c, stage, true, est, mapa__now() - started,
             (double)(clock() - cpu) / CLOCKS_PER_SEC);
    }
    out->seconds = mapa__now() - t0;
    return err;
}

/* The public entry point: GSL's and igraph's handlers quiet around the work (models/handlers.h). */
mapa_err mapa_plan_run(mapa_plan_result *out, mapa_partnership *p, const mapa_plan_options *options)
{
    mapa__handlers saved;
    mapa__handlers_enter(&saved);
    mapa_err err = run_plan(out, p, options);
    mapa__handlers_leave(&saved);
    return err;
}
