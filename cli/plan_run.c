/* What `mapa allocate` and `mapa plan` share: options, loading, solving, writing, reporting. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mapa/mapa.h>

#include "cli/cli.h"

typedef struct options {
    const char *dir;
    const char *out;
    mapa_alloc_options alloc;
    bool quiet;
    bool verbose;
    /* settings overrides; NULL / negative: keep the file's */
    const char *objective;
    const char *weights;
    const char *max_moves;
    const char *move_penalty;
    const char *seed;
    bool soft, require_statutory, require_voluntary;
} options;

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
static int parse_valued(options *o, const char *verb, int argc, char **argv, int *i)
{
    const char *a = argv[*i], *v = NULL;
    const char **targets[] = {&o->out,       &o->objective,    &o->weights,
                              &o->max_moves, &o->move_penalty, &o->seed};
    const char *names[] = {"--out",       "--objective",    "--weights",
                           "--max-moves", "--move-penalty", "--seed"};
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
    if (strcmp(a, "--write-lp") == 0)
        return value_of(verb, argc, argv, i, &o->alloc.write_lp);
    return -1;
}

static int parse(options *o, int argc, char **argv, const char *verb, const char *help)
{
    *o = (options){.alloc = MAPA_ALLOC_OPTIONS_INIT};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int rc = parse_valued(o, verb, argc, argv, &i);
        if (rc >= 0) {
            if (rc)
                return rc;
        } else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
            o->quiet = true;
        } else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
            o->verbose = true;
        } else if (strcmp(a, "--soft") == 0) {
            o->soft = true;
        } else if (strcmp(a, "--require-statutory") == 0) {
            o->require_statutory = true;
        } else if (strcmp(a, "--require-voluntary") == 0) {
            o->require_voluntary = true;
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(help, stdout);
            return -1;
        } else if (a[0] == '-' && a[1]) {
            return mapa_cli_usage_error(verb, "unknown option '%s'", a);
        } else if (o->dir) {
            return mapa_cli_usage_error(verb, "one folder only (got '%s' and '%s')", o->dir, a);
        } else {
            o->dir = a;
        }
    }
    if (!o->dir)
        return mapa_cli_usage_error(verb, "missing DIR, the partnership folder");
    if (!o->out)
        return mapa_cli_usage_error(verb, "missing -o OUT, the folder for the plan");
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
static int apply_overrides(const options *o, const char *verb, mapa_settings *s)
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
    s->require_statutory |= o->require_statutory;
    s->require_voluntary |= o->require_voluntary;
    return MAPA_EXIT_OK;
}

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
        printf("  every team has at least %zu agencies", min_agencies);
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

static char *join(const char *dir, const char *name)
{
    char *path = malloc(strlen(dir) + strlen(name) + 2);
    if (path)
        sprintf(path, "%s/%s", dir, name);
    return path;
}

static mapa_err write_outputs(const options *o, const mapa_partnership *p, const mapa_alloc *a,
                              bool planned)
{
    mapa_err err = mapa_make_dir(o->out);
    char *teams = join(o->out, "teams.csv"), *summary = join(o->out, "summary.json");
    if (!teams || !summary)
        err = mapa_error_set(MAPA_ENOMEM, "out of memory");
    if (err == MAPA_OK && planned)
        err = mapa_write_teams_csv(teams, p, a);
    if (err == MAPA_OK)
        err = mapa_write_summary_json(summary, p, a);
    free(teams);
    free(summary);
    return err;
}

static int solve_and_report(const options *o, const char *verb, mapa_partnership *p)
{
    mapa_alloc a = MAPA_ALLOC_INIT;
    mapa_alloc_options ao = o->alloc;
    if (o->verbose) {
        ao.log = log_line;
    }
    mapa_err err = mapa_alloc_solve(&a, p, &ao);
    if (err != MAPA_OK) {
        fprintf(stderr, "mapa %s: %s\n", verb, mapa_error_last());
        return mapa_cli_exit_code(err);
    }
    bool planned = a.status != MAPA_STATUS_INFEASIBLE || o->alloc.policy != MAPA_POLICY_OPTIMAL;
    planned = planned && a.n_members > 0 &&
              (a.status != MAPA_STATUS_TIME_LIMIT || a.objective != 0 || a.rank_counts[1] > 0);
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
    }
    mapa_alloc_dispose(&a);
    return rc;
}

int mapa_cli_plan(int argc, char **argv, const char *verb, const char *help, bool full)
{
    (void)full; /* the later stages of the plan join here */
    options o;
    int rc = parse(&o, argc, argv, verb, help);
    if (rc != MAPA_EXIT_OK)
        return rc < 0 ? MAPA_EXIT_OK : rc;
    mapa_diags diags = MAPA_DIAGS_INIT;
    mapa_partnership *p = NULL;
    mapa_err err = mapa_partnership_load(&p, &diags, o.dir);
    mapa_cli_print_problems(&diags, 50);
    if (err == MAPA_OK)
        rc = apply_overrides(&o, verb, &p->settings);
    else if (err == MAPA_EFORMAT)
        fprintf(stderr, "%zu error%s: fix them (mapa validate %s) and run again.\n", diags.n_errors,
                diags.n_errors == 1 ? "" : "s", o.dir);
    else
        fprintf(stderr, "mapa %s: %s\n", verb, mapa_error_last());
    if (err == MAPA_OK && rc == MAPA_EXIT_OK)
        rc = solve_and_report(&o, verb, p);
    else if (err != MAPA_OK)
        rc = mapa_cli_exit_code(err);
    mapa_diags_dispose(&diags);
    mapa_partnership_free(p);
    return rc;
}
