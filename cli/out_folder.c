/* The output folder of a command (one whole run, io/out_dir.c) and the plan checks commands share.
 */
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>

#include <mapa/mapa.h>

#include "cli/cli.h"

/* The files each command may write, for folders written before mapa kept a record. */
const char *const mapa_cli_plan_files[] = {"teams.csv",
                                           "critical_friends.csv",
                                           "summary.json",
                                           "duplicates.csv",
                                           "duplicate_clusters.csv",
                                           "metrics",
                                           "diagrams",
                                           "report.html",
                                           "plan.xlsx",
                                           "briefings.csv",
                                           "briefings",
                                           "sessions.csv",
                                           "calendar",
                                           NULL};

int mapa_cli_out_open(mapa_out_dir **d, const char *verb, const char *target,
                      const mapa_out_dir_options *o)
{
    mapa_cli_interrupt_doing("preparing the output folder");
    mapa_err err = mapa_out_dir_open(d, target, o);
    if (err == MAPA_OK)
        return MAPA_EXIT_OK;
    fprintf(stderr, "mapa %s: %s\n", verb, mapa_error_last());
    return mapa_cli_exit_code(err);
}

int mapa_cli_out_close(mapa_out_dir *d, const char *verb, int rc)
{
    if (!d)
        return rc;
    const char *target = mapa_out_dir_target(d);
    char *shown = NULL;
    bool had = mapa_out_dir_had_files(d);
    if (rc == MAPA_EXIT_OK) {
        mapa_cli_interrupt_doing("putting the new run in place");
        mapa_err err = mapa_out_dir_commit(d);
        if (err == MAPA_OK)
            return MAPA_EXIT_OK;
        fprintf(stderr, "mapa %s: %s\n", verb, mapa_error_last());
        fprintf(stderr, "mapa %s: the output folder was left as it was\n", verb);
        return mapa_cli_exit_code(err);
    }
    size_t n = 0;
    while (target[n])
        n++;
    shown = malloc(n + 1);
    if (shown)
        for (size_t k = 0; k <= n; k++)
            shown[k] = target[k];
    mapa_out_dir_abort(d);
    if (had)
        fprintf(stderr, "mapa %s: %s was left as it was: it still holds the previous run's files\n",
                verb, shown ? shown : "the output folder");
    else
        fprintf(stderr, "mapa %s: nothing was written to %s\n", verb,
                shown ? shown : "the output folder");
    free(shown);
    return rc;
}

typedef struct located {
    const mapa_plan_rows *rows;
    const mapa_partnership *p;
    const size_t *team;
    const char *severity;
} located;

static void print_violation(const mapa_violation *v, void *payload)
{
    const located *l = payload;
    const char *file = "the plan";
    size_t line = 0, col = 0;
    if (l->rows)
        mapa_plan_rows_locate(l->rows, l->p, l->team, v, &file, &line, &col);
    if (line)
        fprintf(stderr, "%s:%zu:%zu: %s: %s\n", file, line, col, l->severity, v->message);
    else
        fprintf(stderr, "%s: %s: %s\n", file, l->severity, v->message);
}

size_t mapa_cli_check_plan(const mapa_partnership *p, const char *teams_path, const char *cf_path,
                           const size_t *team, const size_t *spoc, const mapa_cf *cf,
                           bool as_warnings)
{
    mapa_plan_rows *rows = NULL;
    if (mapa_plan_rows_read(&rows, p, teams_path, cf ? cf_path : NULL) != MAPA_OK)
        rows = NULL; /* the rules are still reported, without their lines */
    located l = {rows, p, team, as_warnings ? "warning" : "error"};
    size_t broken = mapa_alloc_check(p, team, spoc, print_violation, &l);
    if (cf)
        broken += mapa_cf_check(p, team, spoc, cf, print_violation, &l);
    mapa_plan_rows_free(rows);
    return broken;
}

int mapa_cli_refuse_broken(const char *verb, size_t broken, bool accept)
{
    if (!broken)
        return MAPA_EXIT_OK;
    if (accept) {
        fprintf(stderr, "mapa %s: going on with a plan that breaks %zu rule%s (--accept-broken)\n",
                verb, broken, broken == 1 ? "" : "s");
        return MAPA_EXIT_OK;
    }
    fprintf(stderr,
            "mapa %s: the plan breaks %zu rule%s (above); mend it (mapa check shows each), or "
            "give --accept-broken to go on with it\n",
            verb, broken, broken == 1 ? "" : "s");
    return MAPA_EXIT_DATAERR;
}

char *mapa_cli_join(const char *dir, const char *name)
{
    size_t a = 0, b = 0;
    while (dir[a])
        a++;
    while (name[b])
        b++;
    char *s = malloc(a + b + 2);
    if (!s)
        return NULL;
    snprintf(s, a + b + 2, "%s/%s", dir, name);
    return s;
}

bool mapa_cli_same_folder(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

char *mapa_cli_inside(const char *target, const char *run_dir, const char *path)
{
    if (!path)
        return NULL;
    size_t n = strlen(target);
    while (n > 1 && target[n - 1] == '/')
        n--;
    if (strncmp(path, target, n) != 0 || path[n] != '/')
        return NULL;
    return mapa_cli_join(run_dir, path + n + 1);
}

int mapa_cli_check_saved(const char *verb, const mapa_partnership *p, const char *dir,
                         const mapa_saved_plan *plan, bool accept)
{
    char *teams = mapa_cli_join(dir, "teams.csv");
    char *cfs = mapa_cli_join(dir, "critical_friends.csv");
    if (!teams || !cfs) {
        free(teams);
        free(cfs);
        fprintf(stderr, "mapa %s: out of memory while checking the plan\n", verb);
        return MAPA_EXIT_SOFTWARE;
    }
    size_t broken = mapa_cli_check_plan(p, teams, cfs, plan->team, plan->spoc,
                                        plan->have_cf ? &plan->cf : NULL, accept);
    free(teams);
    free(cfs);
    return mapa_cli_refuse_broken(verb, broken, accept);
}
