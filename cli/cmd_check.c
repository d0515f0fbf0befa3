/* `mapa check DIR --plan OUT`: every rule of the models checked on a saved or hand-edited plan. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <mapa/mapa.h>

#include "cli/cli.h"
#include "cli/options.h"

enum { OPT_PLAN, OPT_NO_OPTIMUM };

static const mapa_cli_opt opts[] = {
    {OPT_PLAN, 0, "plan", "PLAN", "the folder of the plan (teams.csv, critical_friends.csv)", 0},
    {OPT_NO_OPTIMUM, 0, "no-optimum", NULL, "do not solve for the optimum to compare with", 0},
    MAPA_CLI_OPT_END,
};

static const mapa_cli_spec spec = {
    "check",
    "Usage: mapa check [OPTIONS] DIR --plan PLAN",
    "Check a saved or hand-edited plan against every rule of the allocation (team\n"
    "sizes, agency caps and mix, sector cover, fixed and avoided teams, moves, one\n"
    "willing SPOC per team) and, when PLAN has critical_friends.csv, of the Critical\n"
    "Friends (not of one's own team, capacity, places per team, home teams). Each\n"
    "broken rule is printed at its teams.csv or critical_friends.csv line:column,\n"
    "then the plan's objective beside the optimum the solver finds.\n",
    opts,
    "folder",
    "Exit codes of mapa check: 0 the plan keeps every rule; 65 it breaks a rule, or\n"
    "its files have errors (each printed); 66 PLAN has no teams.csv.\n"};

typedef struct options {
    const char *dir, *plan;
    bool quiet, no_optimum;
} options;

static int take(int id, const char *v, void *payload)
{
    options *o = payload;
    if (id == OPT_PLAN)
        o->plan = v;
    else
        o->no_optimum = true;
    return MAPA_EXIT_OK;
}

/* The plan's objective and the optimum, one line. */
static void compare(const mapa_partnership *p, const size_t *team, bool solve)
{
    const char *name = mapa_objective_name(p->settings.objective);
    double mine = 0;
    if (mapa_alloc_objective(&mine, p, team) != MAPA_OK) {
        printf("Objective (%s): not defined for this plan (%s)\n", name, mapa_error_last());
        return;
    }
    if (!solve) {
        printf("Objective (%s): this plan %.4g\n", name, mine);
        return;
    }
    mapa_cli_interrupt_doing("solving for the optimum");
    mapa_alloc a = MAPA_ALLOC_INIT;
    mapa_err err = mapa_alloc_solve(&a, p, NULL);
    if (err != MAPA_OK)
        printf("Objective (%s): this plan %.4g; the optimum could not be found: %s\n", name, mine,
               mapa_error_last());
    else if (a.status == MAPA_STATUS_INFEASIBLE)
        printf("Objective (%s): this plan %.4g; no plan keeps every rule\n", name, mine);
    else
        printf("Objective (%s): this plan %.4g, the optimum %.4g%s (%s)\n", name, mine, a.objective,
               a.status == MAPA_STATUS_OPTIMAL ? "" : " or better",
               mine >= a.objective - 1e-9 ? "this plan is optimal" : "this plan is below it");
    mapa_alloc_dispose(&a);
}

static int check(const options *o, mapa_partnership *p)
{
    char *teams = mapa_cli_join(o->plan, "teams.csv");
    char *cfs = mapa_cli_join(o->plan, "critical_friends.csv");
    mapa_saved_plan plan = MAPA_SAVED_PLAN_INIT;
    mapa_err err = teams && cfs ? mapa_cli_read_plan(&plan, o->plan, p, false)
                                : mapa_error_set(MAPA_ENOMEM, "out of memory");
    int rc = mapa_cli_exit_code(err);
    if (err == MAPA_EFORMAT)
        fprintf(stderr,
                "mapa check: %s has errors (above); the rules are checked once they are "
                "mended\n",
                o->plan);
    else if (err != MAPA_OK)
        fprintf(stderr, "mapa check: %s\n", mapa_error_last());
    if (err == MAPA_OK) {
        mapa_cli_interrupt_doing("checking the plan");
        size_t broken = mapa_cli_check_plan(p, teams, cfs, plan.team, plan.spoc,
                                            plan.have_cf ? &plan.cf : NULL, false);
        if (!o->quiet) {
            if (broken)
                printf("The plan in %s breaks %zu rule%s (each above, on stderr)\n", o->plan,
                       broken, broken == 1 ? "" : "s");
            else
                printf("The plan in %s keeps every rule of the allocation%s\n", o->plan,
                       plan.have_cf ? " and of the Critical Friends" : "");
            compare(p, plan.team, !o->no_optimum);
        }
        rc = broken ? MAPA_EXIT_DATAERR : MAPA_EXIT_OK;
    }
    mapa_saved_plan_dispose(&plan);
    free(teams);
    free(cfs);
    return rc;
}

static int run(int argc, char **argv)
{
    options o = {0};
    int rc = mapa_cli_parse(&spec, 0, argc, argv, take, &o, &o.dir, &o.quiet);
    if (rc != MAPA_EXIT_OK)
        return rc < 0 ? MAPA_EXIT_OK : rc;
    if (!o.dir || !o.plan)
        return mapa_cli_usage_error("check", "give DIR and --plan PLAN");
    mapa_partnership *p = NULL;
    rc = mapa_cli_load(&p, "check", o.dir);
    if (rc == MAPA_EXIT_OK)
        rc = check(&o, p);
    mapa_partnership_free(p);
    return rc;
}

const mapa_command mapa_cmd_check = {
    "check", "check a saved or hand-edited plan against every rule", &spec, 0, run};
