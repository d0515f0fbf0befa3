/* The planning commands' reports on stdout, read from the pipeline's result. */
#include "cli/report.h"

#include <math.h>
#include <stdio.h>

enum { NAMES_SHOWN = 5, PAIRS_SHOWN = 3 };

void mapa_cli_print_notes(const mapa_alloc_note *notes, size_t n)
{
    for (size_t k = 0; k < n; k++)
        fprintf(stderr, "  - %s\n", notes[k].text);
}

static bool verbose; /* the solvers' terms too (-v) */

void mapa_cli_report_set_verbose(bool on)
{
    verbose = on;
}

bool mapa_cli_report_verbose(void)
{
    return verbose;
}

/* How good the allocation is, in the words of the report (mapa_report_plan_quality). */
static void quality(const mapa_partnership *p, const mapa_plan_result *r)
{
    mapa_report_input in = {.p = p, .team = r->team, .spoc = r->spoc, .alloc = &r->alloc};
    char buf[1024];
    if (mapa_report_plan_quality(buf, sizeof buf, &in) == MAPA_OK)
        printf("Teams: %s\n", buf);
}

void mapa_cli_report_alloc(const mapa_partnership *p, const mapa_plan_result *r, const char *out)
{
    const mapa_alloc *a = &r->alloc;
    if (verbose)
        printf("Allocation: %s (%s, %s objective %.6g, bound %.6g, %.2f s)\n",
               mapa_status_name(a->status), a->method, mapa_objective_name(p->settings.objective),
               a->objective, a->bound, a->seconds);
    quality(p, r);
    if (p->n_topics)
        printf("  every team mixes people from at least %zu agenc%s", r->teams.min_agencies,
               r->teams.min_agencies == 1 ? "y" : "ies");
    if (a->moves || p->settings.max_moves != MAPA_UNLIMITED)
        printf("; %zu member%s moved from their previous team", a->moves, a->moves == 1 ? "" : "s");
    printf("\n\n  %-14s %4s %8s  %s\n", "team", "size", "agencies", "SPOC");
    for (size_t t = 0; t < p->n_topics; t++) {
        size_t s = r->spoc[t];
        printf("  %-14s %4zu %8zu  %s%s%s%s\n", p->topics[t].id, r->teams.size[t],
               r->teams.agencies[t], s == MAPA_NONE ? "(none)" : p->members[s].name,
               s == MAPA_NONE ? "" : " (",
               s == MAPA_NONE ? "" : p->agencies[p->members[s].agency].name,
               s == MAPA_NONE ? "" : ")");
    }
    printf("\nWrote %s/teams.csv and %s/summary.json\n", out, out);
}

void mapa_cli_report_cf(const mapa_partnership *p, const mapa_plan_result *r, const char *out)
{
    const mapa_cf *cf = &r->cf;
    if (cf->status == MAPA_STATUS_OPTIMAL)
        printf("Critical Friends: optimal arrangement, %zu of %zu places filled\n", cf->filled,
               cf->places);
    else
        printf("Critical Friends: %zu of %zu places filled (%s)\n", cf->filled, cf->places,
               cf->status == MAPA_STATUS_TIME_LIMIT ? "stopped at the time limit: a better "
                                                      "arrangement may exist"
                                                    : "not proven the best arrangement");
    if (verbose)
        printf("  %s, %s, objective %.6g, bound %.6g, %.2f s; team graph diameter %zu\n",
               mapa_status_name(cf->status), cf->method, cf->objective, cf->bound, cf->seconds,
               cf->diameter);
    if (cf->strongly_connected)
        printf("  the teams are strongly connected: every team's knowledge reaches every other "
               "team through the Critical Friends; %.0f%% of pairs of teams are linked directly "
               "or through one other team\n",
               100 * cf->reach2);
    else
        printf("  the teams are NOT all connected: some teams' knowledge cannot reach others "
               "through the Critical Friends\n");
    if (cf->blind_spots != MAPA_NONE) {
        size_t across = 0;
        for (size_t k = 0; k < r->duplicates.n_pairs; k++)
            across += p->actions[r->duplicates.pairs[k].a].team !=
                      p->actions[r->duplicates.pairs[k].b].team;
        printf("  placed where the teams' action plans overlap (cf_overlap_weight %g): %zu of %zu "
               "duplicated pairs %s a blind spot (no Critical Friend link joins the two teams)",
               p->settings.cf_overlap_weight, cf->blind_spots, across,
               cf->blind_spots == 1 ? "is" : "are");
        if (cf->blind_spots_without != MAPA_NONE)
            printf(", against %zu without the term", cf->blind_spots_without);
        printf("\n");
    }
    printf("Wrote %s/critical_friends.csv\n", out);
}

static void who(const mapa_partnership *p, const mapa_network *net, size_t v)
{
    const mapa_member *m = &p->members[v];
    printf("%s (%s%s%s)", m->name, p->agencies[m->agency].name,
           net->team[v] != MAPA_NONE ? ", " : "",
           net->team[v] != MAPA_NONE ? p->topics[net->team[v]].name : "");
}

static void articulation(const mapa_partnership *p, const mapa_network *net, const mapa_metrics *m)
{
    if (m->articulation_points == 0) {
        printf("  no single point of failure: no member's absence cuts anyone off\n");
        return;
    }
    printf("  %zu member%s %s single points of failure: ", m->articulation_points,
           m->articulation_points == 1 ? "" : "s", m->articulation_points == 1 ? "is a" : "are");
    size_t shown = 0;
    for (size_t v = 0; v < m->n && shown < NAMES_SHOWN; v++)
        if (m->node[v].articulation) {
            printf("%s", shown++ ? "; " : "");
            who(p, net, v);
        }
    printf("%s\n", m->articulation_points > NAMES_SHOWN ? "; ..." : "");
}

static void network(const mapa_partnership *p, const mapa_network *net, const mapa_metrics *m,
                    const mapa_team_metrics *tm, const mapa_cf *cf, const char *what)
{
    printf("Network (%s): %zu members, %zu links between them (%.0f%% of all possible)", what, m->n,
           m->n_ties, 100 * m->density);
    if (m->components == 1)
        printf(", everyone reachable from everyone\n");
    else
        printf(", in %zu groups with no link between them\n", m->components);
    articulation(p, net, m);
    size_t best = MAPA_NONE;
    for (size_t v = 0; v < m->n; v++)
        if (best == MAPA_NONE || m->node[v].betweenness > m->node[best].betweenness)
            best = v;
    if (best != MAPA_NONE && m->node[best].betweenness > 0) {
        printf("  the strongest broker, who links most people not otherwise linked: ");
        who(p, net, best);
        printf(", on %.0f%% of the shortest chains between others\n",
               100 * m->node[best].betweenness);
    }
    if (isfinite(m->ei))
        printf("  %.0f%% of links join people of different agencies; %.0f%% of pairs of the %zu "
               "agencies have a link\n",
               50 * (1 + m->ei), 100 * m->agency_density, m->agency_nodes);
    if (verbose && isfinite(m->ei))
        printf("  density %.3f, %zu component%s, E-I by agency %+.2f, algebraic connectivity "
               "%.2f\n",
               m->density, m->components, m->components == 1 ? "" : "s", m->ei,
               m->algebraic_connectivity);
    if (tm && cf && tm->graph.strongly_connected) {
        if (tm->n_critical == 0)
            printf("  no single Critical Friend's absence cuts a team off from the others\n");
        else
            printf("  %zu Critical Friend%s whose absence would cut a team off from the others, "
                   "e.g. %s reviewing '%s'\n",
                   tm->n_critical, tm->n_critical == 1 ? "" : "s",
                   p->members[cf->pairs[tm->critical[0]].member].name,
                   p->topics[cf->pairs[tm->critical[0]].team].name);
    }
}

void mapa_cli_report_metrics(const mapa_partnership *p, const mapa_plan_result *r,
                             const mapa_cf *cf, const char *window, const char *dir)
{
    network(p, &r->network, &r->metrics, &r->team_metrics, cf, "plan");
    if (r->have_observed)
        network(p, &r->observed_network, &r->observed, NULL, NULL, "observed in interactions.csv");
    if (r->windows_csv)
        printf("  %zu windows (%s): %s\n", r->windows, window, r->windows_csv);
    printf("Wrote %s/ (members.csv, teams.csv, agencies.csv, network.json)\n", dir);
}

static void describe(const mapa_partnership *p, const mapa_dup_pair *x)
{
    const mapa_action *a = &p->actions[x->a], *b = &p->actions[x->b];
    printf("'%s' and '%s' both plan this: \"%s\" / \"%s\"", p->topics[a->team].name,
           p->topics[b->team].name, a->title, b->title);
}

void mapa_cli_report_duplicates(const mapa_partnership *p, const mapa_duplicates *d,
                                const char *out)
{
    size_t across = 0;
    for (size_t k = 0; k < d->n_pairs; k++)
        across += p->actions[d->pairs[k].a].team != p->actions[d->pairs[k].b].team;
    printf("Duplicated actions: %zu across teams, %zu cluster%s of related work (of %zu actions)\n",
           across, d->n_clusters, d->n_clusters == 1 ? "" : "s", p->n_actions);
    if (verbose)
        printf("  %s, %zu pairs scored, %.2f s\n", d->method, d->candidates, d->seconds);
    if (d->have_plan && across > 0) {
        printf("  %zu %s a blind spot (no Critical Friend link joins the two teams)%s\n",
               d->blind_spots, d->blind_spots == 1 ? "is" : "are", d->blind_spots ? ":" : "");
        size_t shown = 0;
        for (size_t k = 0; k < d->n_pairs && shown < PAIRS_SHOWN; k++) {
            const mapa_dup_pair *x = &d->pairs[k];
            if (x->spotted || p->actions[x->a].team == p->actions[x->b].team)
                continue;
            printf("    ");
            describe(p, x);
            printf("\n");
            shown++;
        }
        if (d->blind_spots > PAIRS_SHOWN)
            printf("    ...\n");
    }
    for (size_t k = 0; !d->have_plan && k < d->n_pairs && k < PAIRS_SHOWN; k++) {
        printf("  ");
        describe(p, &d->pairs[k]);
        printf(" (%.0f%% alike)\n", 100 * d->pairs[k].score);
    }
    printf("Wrote %s/duplicates.csv and %s/duplicate_clusters.csv\n", out, out);
}
