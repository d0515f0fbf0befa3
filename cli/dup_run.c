/* The duplicated-actions stage: find, write OUT/duplicates*.csv, report the blind spots. */
#include "cli/dup_run.h"

#include <stdio.h>

#include <mapa/duplicates_output.h>

#include "cli/cli.h"

enum { SHOWN = 3 };

static void describe(const mapa_partnership *p, const mapa_dup_pair *x)
{
    const mapa_action *a = &p->actions[x->a], *b = &p->actions[x->b];
    printf("'%s' and '%s' both plan this: \"%s\" / \"%s\"", p->topics[a->team].name,
           p->topics[b->team].name, a->title, b->title);
}

static void report(const mapa_partnership *p, const mapa_duplicates *d, const char *out)
{
    size_t across = 0;
    for (size_t k = 0; k < d->n_pairs; k++)
        across += p->actions[d->pairs[k].a].team != p->actions[d->pairs[k].b].team;
    printf("Duplicated actions: %zu across teams, %zu cluster%s (%zu actions, %s, %.2f s)\n",
           across, d->n_clusters, d->n_clusters == 1 ? "" : "s", p->n_actions, d->method,
           d->seconds);
    if (d->have_plan && across > 0) {
        printf("  %zu %s a blind spot (no Critical Friend link joins the two teams)%s\n",
               d->blind_spots, d->blind_spots == 1 ? "is" : "are", d->blind_spots ? ":" : "");
        size_t shown = 0;
        for (size_t k = 0; k < d->n_pairs && shown < SHOWN; k++) {
            const mapa_dup_pair *x = &d->pairs[k];
            if (x->spotted || p->actions[x->a].team == p->actions[x->b].team)
                continue;
            printf("    ");
            describe(p, x);
            printf("\n");
            shown++;
        }
        if (d->blind_spots > SHOWN)
            printf("    ...\n");
    }
    for (size_t k = 0, shown = 0; !d->have_plan && k < d->n_pairs && shown < SHOWN; k++, shown++) {
        printf("  ");
        describe(p, &d->pairs[k]);
        printf(" (score %.2f)\n", d->pairs[k].score);
    }
    printf("Wrote %s/duplicates.csv and %s/duplicate_clusters.csv\n", out, out);
}

int mapa_cli_duplicates_stage(const char *out, bool quiet, const char *verb,
                              const mapa_partnership *p, const size_t *team, const mapa_cf *cf,
                              const mapa_dup_options *o)
{
    mapa_duplicates d;
    mapa_err err = mapa_duplicates_find(&d, p, team, cf, o);
    if (err == MAPA_OK) {
        err = mapa_write_duplicates(out, p, &d);
        if (err == MAPA_OK && !quiet)
            report(p, &d, out);
        mapa_duplicates_dispose(&d);
    }
    if (err != MAPA_OK) {
        fprintf(stderr, "mapa %s: %s\n", verb, mapa_error_last());
        return mapa_cli_exit_code(err);
    }
    return MAPA_EXIT_OK;
}
