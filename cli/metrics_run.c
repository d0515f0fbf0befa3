/* The metrics stage: build the networks, compute, write OUT/metrics, report who matters. */
#include "cli/metrics_run.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mapa/date.h>
#include <mapa/output.h>
#include <mapa/metrics_output.h>

#include "cli/cli.h"
#include "io/atomic_file.h"
#include "models/util.h"

enum { NAMES_SHOWN = 5 };

bool mapa_cli_window_valid(const char *w)
{
    if (strcmp(w, "month") == 0 || strcmp(w, "quarter") == 0)
        return true;
    char *end = NULL;
    long days = strtol(w, &end, 10);
    return end != w && strcmp(end, "d") == 0 && days >= 1 && days <= 3660;
}

static void who(const mapa_partnership *p, const mapa_network *net, size_t v)
{
    const mapa_member *m = &p->members[v];
    printf("%s (%s%s%s)", m->name, p->agencies[m->agency].name,
           net->team[v] != MAPA_NONE ? ", " : "",
           net->team[v] != MAPA_NONE ? p->topics[net->team[v]].name : "");
}

static void report(const mapa_partnership *p, const mapa_network *net, const mapa_metrics *m,
                   const mapa_team_metrics *tm, const mapa_cf *cf, const char *what)
{
    printf("Network (%s): %zu members, %zu ties, density %.2f, %zu component%s\n", what, m->n,
           m->n_ties, m->density, m->components, m->components == 1 ? "" : "s");
    if (m->articulation_points == 0) {
        printf("  no single point of failure: no member's absence cuts anyone off\n");
    } else {
        printf("  %zu member%s %s single points of failure: ", m->articulation_points,
               m->articulation_points == 1 ? "" : "s",
               m->articulation_points == 1 ? "is a" : "are");
        size_t shown = 0;
        for (size_t v = 0; v < m->n && shown < NAMES_SHOWN; v++)
            if (m->node[v].articulation) {
                printf("%s", shown++ ? "; " : "");
                who(p, net, v);
            }
        printf("%s\n", m->articulation_points > NAMES_SHOWN ? "; ..." : "");
    }
    size_t best = MAPA_NONE;
    for (size_t v = 0; v < m->n; v++)
        if (best == MAPA_NONE || m->node[v].betweenness > m->node[best].betweenness)
            best = v;
    if (best != MAPA_NONE && m->node[best].betweenness > 0) {
        printf("  the strongest broker is ");
        who(p, net, best);
        printf(", on %.0f%% of shortest paths between others\n", 100 * m->node[best].betweenness);
    }
    if (isfinite(m->ei))
        printf("  E-I by agency %+.2f (%s); %zu agencies, %.0f%% of agency pairs tied, "
               "algebraic connectivity %.2f\n",
               m->ei, m->ei > 0 ? "most ties cross agencies" : "most ties stay inside agencies",
               m->agency_nodes, 100 * m->agency_density, m->algebraic_connectivity);
    if (tm && cf && tm->graph.strongly_connected) {
        if (tm->n_critical == 0)
            printf("  no single Critical Friend's absence disconnects the team graph\n");
        else
            printf("  %zu Critical Friend%s whose absence would disconnect the team graph, "
                   "e.g. %s reviewing '%s'\n",
                   tm->n_critical, tm->n_critical == 1 ? "" : "s",
                   p->members[cf->pairs[tm->critical[0]].member].name,
                   p->topics[cf->pairs[tm->critical[0]].team].name);
    }
}

/* The window holding `day`: [*first, *last]. */
static void window_of(const char *w, int32_t day, int32_t origin, int32_t *first, int32_t *last)
{
    int y, mo, d;
    mapa_date_to_ymd(day, &y, &mo, &d);
    if (strcmp(w, "month") == 0 || strcmp(w, "quarter") == 0) {
        int span = w[0] == 'm' ? 1 : 3, start = (mo - 1) / span * span + 1;
        *first = mapa_date_from_ymd(y, start, 1);
        int ny = start + span > 12 ? y + 1 : y,
            nm = start + span > 12 ? start + span - 12 : start + span;
        *last = mapa_date_from_ymd(ny, nm, 1) - 1;
    } else {
        int32_t n = (int32_t)strtol(w, NULL, 10);
        *first = origin + (day - origin) / n * n;
        *last = *first + n - 1;
    }
}

static mapa_err one_window(const mapa_partnership *p, const size_t *team, int32_t first,
                           int32_t last, const char *dir, FILE *table)
{
    mapa_network net;
    mapa_metrics m;
    mapa_err err = mapa_network_from_log(&net, p, team, first, last);
    if (err != MAPA_OK)
        return err;
    err = mapa_metrics_compute(&m, &net, NULL);
    char a[11], b[11], prefix[32];
    mapa_date_format(first, a);
    mapa_date_format(last, b);
    snprintf(prefix, sizeof prefix, "window-%s-", a);
    mapa_metrics_report r = {&net, &m, "interactions.csv", p, NULL, NULL};
    if (err == MAPA_OK)
        err = mapa_write_metrics(dir, prefix, &r);
    if (err == MAPA_OK) {
        size_t active = m.n - m.isolates, contacts = 0;
        for (size_t k = 0; k < p->n_interactions; k++)
            contacts += p->interactions[k].day >= first && p->interactions[k].day <= last;
        fprintf(table, "%s,%s,%zu,%zu,%zu,%.6g,%zu,%.6g,%.6g,%.6g,%.6g\n", a, b, contacts, active,
                m.n_ties, m.density, m.components, m.transitivity, m.average_path, m.ei,
                m.modularity_team);
        mapa_metrics_dispose(&m);
    }
    mapa_network_dispose(&net);
    return err;
}

static mapa_err windows(const metrics_options *o, const mapa_partnership *p, const size_t *team,
                        const char *dir)
{
    int32_t lo = INT32_MAX, hi = INT32_MIN;
    for (size_t k = 0; k < p->n_interactions; k++) {
        lo = p->interactions[k].day < lo ? p->interactions[k].day : lo;
        hi = p->interactions[k].day > hi ? p->interactions[k].day : hi;
    }
    char *path = mapa__path_join(dir, "windows.csv");
    if (!path)
        return mapa_error_set(MAPA_ENOMEM, "out of memory");
    mapa__atomic_file f = {NULL, NULL, NULL};
    mapa_err err = mapa_make_dir(dir);
    if (err == MAPA_OK)
        err = mapa__atomic_open(&f, path);
    FILE *table = f.fp;
    if (table)
        fputs("window_start,window_end,contacts,active_members,ties,density,components,"
              "transitivity,average_path_length,ei_index_agency,modularity_teams\n",
              table);
    size_t count = 0;
    for (int32_t day = lo; err == MAPA_OK && day <= hi; count++) {
        int32_t first, last;
        window_of(o->window, day, lo, &first, &last);
        err = one_window(p, team, first, last, dir, table);
        day = last + 1;
    }
    if (err == MAPA_OK)
        err = mapa__atomic_commit(&f);
    else if (table)
        mapa__atomic_abort(&f);
    if (err == MAPA_OK && !o->quiet)
        printf("  %zu windows (%s): %s\n", count, o->window, path);
    free(path);
    return err;
}

static mapa_err observed(const metrics_options *o, const mapa_partnership *p, const size_t *team)
{
    mapa_network net;
    mapa_metrics m;
    mapa_err err = mapa_network_from_log(&net, p, team, INT32_MIN, INT32_MAX);
    if (err != MAPA_OK)
        return err;
    char *dir = mapa__path_join(o->out, "observed");
    err = dir ? mapa_metrics_compute(&m, &net, NULL) : mapa_error_set(MAPA_ENOMEM, "out of memory");
    if (err == MAPA_OK) {
        mapa_metrics_report r = {&net, &m, "interactions.csv", p, NULL, NULL};
        err = mapa_write_metrics(dir, "", &r);
        if (err == MAPA_OK && !o->quiet)
            report(p, &net, &m, NULL, NULL, "observed in interactions.csv");
        mapa_metrics_dispose(&m);
    }
    if (err == MAPA_OK && o->window)
        err = windows(o, p, team, dir);
    free(dir);
    mapa_network_dispose(&net);
    return err;
}

int mapa_cli_metrics_stage(const metrics_options *o, const char *verb, const mapa_partnership *p,
                           const size_t *team, const size_t *spoc, const mapa_cf *cf)
{
    mapa_network net;
    mapa_metrics m;
    mapa_team_metrics tm;
    mapa_err err = mapa_network_from_plan(&net, p, team, spoc, cf);
    if (err == MAPA_OK) {
        err = mapa_metrics_compute(&m, &net, NULL);
        if (err == MAPA_OK) {
            err = mapa_team_metrics_compute(&tm, p, team, cf);
            if (err == MAPA_OK) {
                mapa_metrics_report r = {&net, &m, "plan", p, &tm, cf};
                err = mapa_write_metrics(o->out, "", &r);
                if (err == MAPA_OK && !o->quiet)
                    report(p, &net, &m, &tm, cf, "plan");
                mapa_team_metrics_dispose(&tm);
            }
            mapa_metrics_dispose(&m);
        }
        mapa_network_dispose(&net);
    }
    if (err == MAPA_OK && p->n_interactions > 0)
        err = observed(o, p, team);
    if (err != MAPA_OK) {
        fprintf(stderr, "mapa %s: %s\n", verb, mapa_error_last());
        return mapa_cli_exit_code(err);
    }
    if (!o->quiet)
        printf("Wrote %s/ (members.csv, teams.csv, agencies.csv, network.json)\n", o->out);
    return MAPA_EXIT_OK;
}
