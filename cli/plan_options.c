/* Options of mapa allocate, mapa cf and mapa plan: parsed once, applied over settings.json. */
#include "cli/plan_options.h"
#include "cli/metrics_run.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool number(const char *s, double *out)
{
    char *end = NULL;
    double v = strtod(s, &end);
    if (!*s || *end || !(v >= 0))
        return false;
    *out = v;
    return true;
}

static int value_of(const char *verb, int argc, char **argv, int *i, const char **out)
{
    if (*i + 1 >= argc)
        return mapa_cli_usage_error(verb, "%s needs a value", argv[*i]);
    *out = argv[++*i];
    return MAPA_EXIT_OK;
}

static int parse_policy(const char *verb, const char *v, mapa_alloc_options *a)
{
    if (strcmp(v, "optimal") == 0)
        a->policy = MAPA_POLICY_OPTIMAL;
    else if (strcmp(v, "greedy") == 0)
        a->policy = MAPA_POLICY_GREEDY;
    else if (strcmp(v, "random") == 0)
        a->policy = MAPA_POLICY_RANDOM;
    else
        return mapa_cli_usage_error(verb, "--policy is optimal, greedy or random, not '%s'", v);
    return MAPA_EXIT_OK;
}

static int parse_cf_policy(const char *verb, const char *v, mapa_cf_options *c)
{
    if (strcmp(v, "optimal") == 0)
        c->policy = MAPA_CF_OPTIMAL;
    else if (strcmp(v, "random") == 0)
        c->policy = MAPA_CF_RANDOM;
    else if (strcmp(v, "none") == 0)
        c->policy = MAPA_CF_NONE;
    else
        return mapa_cli_usage_error(verb, "--cf-policy is optimal, random or none, not '%s'", v);
    return MAPA_EXIT_OK;
}

static int parse_formulation(const char *verb, const char *v, mapa_alloc_options *a)
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

/* One option with a value; returns -1 when `a` is not one of them. */
static int parse_valued(plan_options *o, const char *verb, int argc, char **argv, int *i)
{
    const char *a = argv[*i], *v = NULL;
    const char **targets[] = {&o->out,    &o->objective,    &o->weights, &o->max_moves,
                              &o->seed,   &o->move_penalty, &o->teams,   &o->cf.write_lp,
                              &o->window, &o->hdf5};
    const char *names[] = {"--out",    "--objective",    "--weights", "--max-moves",
                           "--seed",   "--move-penalty", "--teams",   "--cf-write-lp",
                           "--window", "--hdf5"};
    for (size_t k = 0; k < sizeof names / sizeof *names; k++)
        if (strcmp(a, names[k]) == 0 || (k == 0 && strcmp(a, "-o") == 0))
            return value_of(verb, argc, argv, i, targets[k]);
    if (strcmp(a, "--policy") == 0 || strcmp(a, "--formulation") == 0) {
        int rc = value_of(verb, argc, argv, i, &v);
        if (rc)
            return rc;
        return a[2] == 'p' ? parse_policy(verb, v, &o->alloc)
                           : parse_formulation(verb, v, &o->alloc);
    }
    if (strcmp(a, "--time-limit") == 0 || strcmp(a, "--gap") == 0) {
        int rc = value_of(verb, argc, argv, i, &v);
        double *target = a[2] == 't' ? &o->alloc.time_limit : &o->alloc.mip_gap;
        if (rc)
            return rc;
        if (!number(v, target))
            return mapa_cli_usage_error(verb, "%s needs a number, 0 or more", a);
        return MAPA_EXIT_OK;
    }
    if (strcmp(a, "--max-memory") == 0) { /* MiB, for every model of both stages */
        double mib = 0;
        int rc = value_of(verb, argc, argv, i, &v);
        if (rc || !number(v, &mib))
            return rc ? rc : mapa_cli_usage_error(verb, "--max-memory needs a number of MiB");
        o->alloc.max_memory = o->cf.max_memory = (size_t)(mib * 1048576.0);
        return MAPA_EXIT_OK;
    }
    if (strcmp(a, "--write-lp") == 0) /* the model of the command's own stage */
        return value_of(verb, argc, argv, i,
                        o->mode == MAPA_MODE_CF ? &o->cf.write_lp : &o->alloc.write_lp);
    if (strcmp(a, "--cf-policy") == 0) {
        int rc = value_of(verb, argc, argv, i, &v);
        return rc ? rc : parse_cf_policy(verb, v, &o->cf);
    }
    return -1;
}

int mapa_cli_plan_parse(plan_options *o, int argc, char **argv, const char *verb, const char *help)
{
    mapa_cli_mode mode = o->mode;
    *o = (plan_options){.mode = mode, .alloc = MAPA_ALLOC_OPTIONS_INIT, .cf = MAPA_CF_OPTIONS_INIT};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int rc = parse_valued(o, verb, argc, argv, &i);
        if (rc >= 0) {
            if (rc)
                return rc;
        } else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
            o->verbose = true;
        } else if (strcmp(a, "--soft") == 0) {
            o->soft = true;
        } else if (strcmp(a, "--require-statutory") == 0) {
            o->require_statutory = true;
        } else if (strcmp(a, "--require-voluntary") == 0) {
            o->require_voluntary = true;
        } else if (strcmp(a, "--no-spoc-cf") == 0) {
            o->no_spoc_cf = true;
        } else if (strcmp(a, "--cf-per-stage") == 0) {
            o->cf_per_stage = true;
        } else {
            rc = mapa_cli_common_arg(verb, help, "folder", a, &o->dir, &o->quiet);
            if (rc != MAPA_EXIT_OK)
                return rc;
        }
    }
    if (!o->dir)
        return mapa_cli_usage_error(verb, "missing DIR, the partnership folder");
    if (!o->out)
        return mapa_cli_usage_error(verb, "missing -o OUT, the folder for the plan");
    if (o->hdf5 && o->mode != MAPA_MODE_PLAN)
        return mapa_cli_usage_error(verb, "--hdf5 is an option of mapa plan");
    if (o->window && (o->mode != MAPA_MODE_PLAN || !mapa_cli_window_valid(o->window)))
        return mapa_cli_usage_error(verb, "--window (mapa plan only) is month, quarter or Nd");
    if (o->mode == MAPA_MODE_CF && !o->teams)
        return mapa_cli_usage_error(verb, "missing --teams FILE, the plan's teams.csv");
    return MAPA_EXIT_OK;
}

static int parse_weights(const char *verb, const char *text, mapa_settings *s)
{
    size_t n = 1;
    for (const char *c = text; *c; c++)
        n += *c == ',';
    double *w = malloc(n * sizeof *w);
    if (!w)
        return MAPA_EXIT_SOFTWARE;
    const char *c = text;
    for (size_t k = 0; k < n; k++) {
        char *end = NULL;
        w[k] = strtod(c, &end);
        if (end == c || (*end && *end != ',') || !(w[k] >= 0)) {
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

/* Command-line flags override settings.json. */
int mapa_cli_plan_apply(const plan_options *o, const char *verb, mapa_settings *s)
{
    double v;
    if (o->objective && !mapa_objective_parse(&s->objective, o->objective))
        return mapa_cli_usage_error(verb,
                                    "--objective is borda, convex, weights, rank-maximal "
                                    "or fair, not '%s'",
                                    o->objective);
    if (o->weights) {
        int rc = parse_weights(verb, o->weights, s);
        if (rc)
            return rc;
    }
    if (s->objective == MAPA_OBJECTIVE_WEIGHTS && !s->weights)
        return mapa_cli_usage_error(verb, "--objective weights needs --weights 10,6,3");
    if (o->max_moves) {
        if (!number(o->max_moves, &v) || v != (double)(size_t)v)
            return mapa_cli_usage_error(verb, "--max-moves needs a whole number");
        s->max_moves = (size_t)v;
    }
    if (o->move_penalty) {
        if (!number(o->move_penalty, &v))
            return mapa_cli_usage_error(verb, "--move-penalty needs a number, 0 or more");
        s->move_penalty = v;
    }
    if (o->seed) {
        if (!number(o->seed, &v) || v != (double)(uint64_t)v)
            return mapa_cli_usage_error(verb, "--seed needs a whole number");
        s->seed = (uint64_t)v;
    }
    s->soft |= o->soft;
    s->no_spoc_cf |= o->no_spoc_cf;
    s->cf_per_stage |= o->cf_per_stage;
    s->require_statutory |= o->require_statutory;
    s->require_voluntary |= o->require_voluntary;
    return MAPA_EXIT_OK;
}
