/* Options of mapa allocate, mapa cf and mapa plan: one table, parsed once, applied over
 * settings.json. */
#include "cli/plan_options.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/report.h"

enum {
    OPT_OUT,
    OPT_TEAMS,
    OPT_OBJECTIVE,
    OPT_WEIGHTS,
    OPT_POLICY,
    OPT_CF_POLICY,
    OPT_SEED,
    OPT_MAX_MOVES,
    OPT_MOVE_PENALTY,
    OPT_REQUIRE_STATUTORY,
    OPT_REQUIRE_VOLUNTARY,
    OPT_NO_SPOC_CF,
    OPT_CF_PER_STAGE,
    OPT_SOFT,
    OPT_TIME_LIMIT,
    OPT_GAP,
    OPT_WRITE_LP,
    OPT_CF_WRITE_LP,
    OPT_FORMULATION,
    OPT_MAX_MEMORY,
    OPT_WINDOW,
    OPT_HDF5,
    OPT_VERBOSE,
    OPT_WAIT,
    OPT_EXCEL,
    OPT_ACCEPT_BROKEN,
    OPT_BRIEFING_PAGES
};

#define A MAPA_MODE_ALLOCATE
#define C MAPA_MODE_CF
#define P MAPA_MODE_PLAN

const mapa_cli_opt mapa_cli_plan_opts[] = {
    {OPT_OUT, 'o', "out", "OUT", "folder for the plan (created when missing)", 0},
    {OPT_TEAMS, 0, "teams", "FILE", "the saved allocation (teams.csv)", C},
    {OPT_OBJECTIVE, 0, "objective", "NAME", "borda (default), convex, weights, rank-maximal, fair",
     A | P},
    {OPT_WEIGHTS, 0, "weights", "10,6,3", "score of rank 1, 2, ... (implies --objective weights)",
     A | P},
    {OPT_POLICY, 0, "policy", "NAME", "optimal (default), greedy or random (research baselines)",
     A | P},
    {OPT_CF_POLICY, 0, "cf-policy", "NAME", "Critical Friends: optimal (default), random or none",
     C | P},
    {OPT_SEED, 0, "seed", "N", "seed of the baselines", 0},
    {OPT_MAX_MOVES, 0, "max-moves", "N", "at most N members leave their previous_team", A | P},
    {OPT_MOVE_PENALTY, 0, "move-penalty", "X", "objective points lost per member moved [1]", A | P},
    {OPT_REQUIRE_STATUTORY, 0, "require-statutory", NULL,
     "every team has a member of a statutory agency", A | P},
    {OPT_REQUIRE_VOLUNTARY, 0, "require-voluntary", NULL,
     "every team has a member of a voluntary agency", A | P},
    {OPT_NO_SPOC_CF, 0, "no-spoc-cf", NULL, "SPOCs do no Critical Friend duty", C | P},
    {OPT_CF_PER_STAGE, 0, "cf-per-stage", NULL, "separate CFs for Decision-making and Evaluation",
     C | P},
    {OPT_SOFT, 0, "soft", NULL, "relax limits that cannot hold, and report each relaxation", 0},
    {OPT_TIME_LIMIT, 0, "time-limit", "S", "stop each stage's solver after S seconds", 0},
    {OPT_GAP, 0, "gap", "G", "stop at relative gap G (default 0: proven optimal)", A | P},
    {OPT_WRITE_LP, 0, "write-lp", "FILE",
     "write the model solved (allocation; mapa cf: Critical Friends), CPLEX LP", 0},
    {OPT_CF_WRITE_LP, 0, "cf-write-lp", "FILE", "write the Critical Friend model, CPLEX LP", P},
    {OPT_FORMULATION, 0, "formulation", "F", "auto (default), aggregated or full (for checks)",
     A | P},
    {OPT_MAX_MEMORY, 0, "max-memory", "MIB",
     "refuse a model estimated above MIB MiB [80 % of the available memory]", 0},
    {OPT_WINDOW, 0, "window", "W", "metrics per window of interactions.csv: month, quarter, Nd", P},
    {OPT_HDF5, 0, "hdf5", "FILE", "the plan as one run of an HDF5 dataset (docs/hdf5-schema.md)",
     P},
    {OPT_VERBOSE, 'v', "verbose", NULL, "log what the solvers do, on stderr", 0},
    {OPT_WAIT, 0, "wait", NULL, "wait for another run writing OUT instead of refusing (exit 75)",
     0},
    {OPT_EXCEL, 0, "excel", NULL, "CSV files with a UTF-8 byte-order mark, for Excel", 0},
    {OPT_ACCEPT_BROKEN, 0, "accept-broken", NULL, "go on with a teams.csv that breaks rules", C},
    {OPT_BRIEFING_PAGES, 0, "briefing-pages", NULL,
     "a briefing page per member however many (else only up to 5000 members)", P},
    MAPA_CLI_OPT_END,
};

#undef A
#undef C
#undef P

/* A plain decimal number, 0 or more: no sign, hex, inf or nan (strtod takes them all). */
static bool number(const char *s, double *out)
{
    if (!((*s >= '0' && *s <= '9') || (*s == '.' && s[1] >= '0' && s[1] <= '9')) ||
        strpbrk(s, "xXnN"))
        return false;
    char *end = NULL;
    double v = strtod(s, &end);
    if (!*s || *end || !(v >= 0) || v > 1e300)
        return false;
    *out = v;
    return true;
}

static int formulation(const char *verb, const char *v, mapa_alloc_options *a)
{
    if (strcmp(v, "auto") == 0)
        a->formulation = MAPA_FORMULATION_AUTO;
    else if (strcmp(v, "aggregated") == 0)
        a->formulation = MAPA_FORMULATION_AGGREGATED;
    else if (strcmp(v, "full") == 0)
        a->formulation = MAPA_FORMULATION_FULL;
    else
        return mapa_cli_usage_error(verb, "--formulation is auto, aggregated or full");
    return MAPA_EXIT_OK;
}

typedef struct taker {
    plan_options *o;
    const char *verb;
} taker;

static int take_solver(taker *t, int id, const char *v)
{
    plan_options *o = t->o;
    switch (id) {
    case OPT_POLICY:
        if (!mapa_alloc_policy_parse(&o->plan.alloc.policy, v))
            return mapa_cli_usage_error(t->verb, "--policy is " MAPA_ALLOC_POLICY_NAMES ", not '%s'",
                                        v);
        return MAPA_EXIT_OK;
    case OPT_CF_POLICY:
        if (!mapa_cf_policy_parse(&o->plan.cf.policy, v))
            return mapa_cli_usage_error(t->verb,
                                        "--cf-policy is " MAPA_CF_POLICY_NAMES ", not '%s'", v);
        return MAPA_EXIT_OK;
    case OPT_GAP:
        if (!number(v, &o->plan.alloc.mip_gap))
            return mapa_cli_usage_error(t->verb, "--gap needs a number, 0 or more");
        return MAPA_EXIT_OK;
    case OPT_WRITE_LP: /* the model of the command's own stage */
        if (o->mode == MAPA_MODE_CF)
            o->plan.cf.write_lp = v;
        else
            o->plan.alloc.write_lp = v;
        return MAPA_EXIT_OK;
    case OPT_CF_WRITE_LP: o->plan.cf.write_lp = v; return MAPA_EXIT_OK;
    case OPT_FORMULATION: return formulation(t->verb, v, &o->plan.alloc);
    case OPT_MAX_MEMORY: { /* MiB, for every model of both stages */
        double mib = 0;
        if (!number(v, &mib) || mib > 1e12)
            return mapa_cli_usage_error(t->verb, "--max-memory needs a number of MiB");
        o->plan.alloc.max_memory = o->plan.cf.max_memory = (size_t)(mib * 1048576.0);
        return MAPA_EXIT_OK;
    }
    }
    return MAPA_EXIT_OK;
}

static int take(int id, const char *v, void *payload)
{
    taker *t = payload;
    plan_options *o = t->o;
    switch (id) {
    case OPT_OUT: o->plan.out = v; break;
    case OPT_TEAMS: o->teams = v; break;
    case OPT_OBJECTIVE: o->objective = v; break;
    case OPT_WEIGHTS: o->weights = v; break;
    case OPT_SEED: o->seed = v; break;
    case OPT_MAX_MOVES: o->max_moves = v; break;
    case OPT_MOVE_PENALTY: o->move_penalty = v; break;
    case OPT_TIME_LIMIT: o->time_limit = v; break;
    case OPT_REQUIRE_STATUTORY: o->require_statutory = true; break;
    case OPT_REQUIRE_VOLUNTARY: o->require_voluntary = true; break;
    case OPT_NO_SPOC_CF: o->no_spoc_cf = true; break;
    case OPT_CF_PER_STAGE: o->cf_per_stage = true; break;
    case OPT_SOFT: o->soft = true; break;
    case OPT_VERBOSE: o->verbose = true; break;
    case OPT_WAIT: o->wait = true; break;
    case OPT_EXCEL: o->excel = true; break;
    case OPT_ACCEPT_BROKEN: o->accept_broken = true; break;
    case OPT_BRIEFING_PAGES: mapa_cli_report_all_pages(true); break;
    case OPT_WINDOW:
        if (!mapa_plan_window_valid(v))
            return mapa_cli_usage_error(t->verb, "--window is month, quarter or Nd (e.g. 30d)");
        o->plan.window = v;
        break;
    case OPT_HDF5: o->plan.hdf5 = v; break;
    default: return take_solver(t, id, v);
    }
    return MAPA_EXIT_OK;
}

int mapa_cli_plan_parse(plan_options *o, const mapa_cli_spec *spec, int argc, char **argv)
{
    mapa_cli_mode mode = o->mode;
    *o = (plan_options){.mode = mode};
    mapa_plan_options_init(&o->plan);
    taker t = {o, spec->verb};
    int rc = mapa_cli_parse(spec, mode, argc, argv, take, &t, &o->dir, &o->quiet);
    if (rc != MAPA_EXIT_OK)
        return rc;
    if (!o->dir)
        return mapa_cli_usage_error(spec->verb, "missing DIR, the partnership folder");
    if (!o->plan.out)
        return mapa_cli_usage_error(spec->verb, "missing -o OUT, the folder for the plan");
    if (o->mode == MAPA_MODE_CF && !o->teams)
        return mapa_cli_usage_error(spec->verb, "missing --teams FILE, the plan's teams.csv");
    return MAPA_EXIT_OK;
}

static int parse_weights(const char *verb, const char *text, mapa_settings *s)
{
    size_t n = 1;
    for (const char *c = text; *c; c++)
        n += *c == ',';
    double *w = malloc(n * sizeof *w);
    if (!w) {
        fprintf(stderr, "mapa %s: out of memory while reading --weights\n", verb);
        return MAPA_EXIT_SOFTWARE;
    }
    const char *c = text;
    for (size_t k = 0; k < n; k++) {
        char *end = NULL;
        w[k] = strtod(c, &end);
        if (end == c || (*end && *end != ',') || !(w[k] >= 0) || w[k] > 1e300) {
            free(w);
            return mapa_cli_usage_error(verb, "--weights is a list of numbers: 10,6,3");
        }
        c = *end ? end + 1 : end;
    }
    free(s->weights);
    s->weights = w;
    s->n_weights = n;
    s->objective = MAPA_OBJECTIVE_WEIGHTS;
    return MAPA_EXIT_OK;
}

static int whole(const char *verb, const char *name, const char *text, double max, double *out)
{
    if (!number(text, out) || *out != (double)(uint64_t)*out || *out > max)
        return mapa_cli_usage_error(verb, "%s needs a whole number", name);
    return MAPA_EXIT_OK;
}

/* Command-line flags override settings.json; the options struct overrides both (plan.h). */
int mapa_cli_plan_apply(const plan_options *o, const char *verb, mapa_settings *s)
{
    double v = 0;
    int rc = MAPA_EXIT_OK;
    if (o->objective && !mapa_objective_parse(&s->objective, o->objective))
        return mapa_cli_usage_error(verb,
                                    "--objective is borda, convex, weights, rank-maximal "
                                    "or fair, not '%s'",
                                    o->objective);
    if (o->weights && (rc = parse_weights(verb, o->weights, s)) != MAPA_EXIT_OK)
        return rc;
    if (s->objective == MAPA_OBJECTIVE_WEIGHTS && !s->weights)
        return mapa_cli_usage_error(verb, "--objective weights needs --weights 10,6,3");
    if (o->max_moves) {
        if ((rc = whole(verb, "--max-moves", o->max_moves, 1e15, &v)) != MAPA_EXIT_OK)
            return rc;
        s->max_moves = (size_t)v;
    }
    if (o->move_penalty) {
        if (!number(o->move_penalty, &v))
            return mapa_cli_usage_error(verb, "--move-penalty needs a number, 0 or more");
        s->move_penalty = v;
    }
    if (o->seed) {
        if ((rc = whole(verb, "--seed", o->seed, 9007199254740992.0, &v)) != MAPA_EXIT_OK)
            return rc;
        s->seed = (uint64_t)v;
    }
    if (o->time_limit) {
        if (!number(o->time_limit, &v))
            return mapa_cli_usage_error(verb, "--time-limit needs a number of seconds, 0 or more");
        s->time_limit = v;
    }
    s->soft |= o->soft;
    s->no_spoc_cf |= o->no_spoc_cf;
    s->cf_per_stage |= o->cf_per_stage;
    s->require_statutory |= o->require_statutory;
    s->require_voluntary |= o->require_voluntary;
    s->excel |= o->excel;
    return MAPA_EXIT_OK;
}
