/* Reads a plan's critical_friends.csv back, so mapa metrics can run on a saved plan. */
#include <stdlib.h>
#include <string.h>

#include <mapa/output.h>

#include "io/csv_fields.h"
#include "io/csv_table.h"

enum { COL_MEMBER, COL_TEAM, COL_STAGES, N_COLS };

static bool written_by_mapa(const char *name, void *payload)
{
    (void)payload;
    static const char *const names[] = {"name", "agency", "home_team", "reason"};
    for (size_t k = 0; k < sizeof names / sizeof *names; k++)
        if (strcmp(name, names[k]) == 0)
            return true;
    return false;
}

static unsigned stages_of(const char *s)
{
    unsigned st = 0;
    if (strstr(s, "decision"))
        st |= MAPA_STAGE_DECISION;
    if (strstr(s, "evaluation"))
        st |= MAPA_STAGE_EVALUATION;
    return st ? st : MAPA_STAGE_DECISION | MAPA_STAGE_EVALUATION;
}

static void read_rows(const mapa__csv_table *t, const mapa__column *cols, const mapa_partnership *p,
                      const size_t *team, mapa_cf *cf, mapa_diags *d)
{
    for (size_t r = 1; r < t->n_rows; r++) {
        mapa__csv_cell s1, s2, s3;
        const mapa__csv_cell *cm = mapa__csv_cell_at(t, r, cols[COL_MEMBER].index, &s1);
        const mapa__csv_cell *ct = mapa__csv_cell_at(t, r, cols[COL_TEAM].index, &s2);
        const mapa__csv_cell *cs = mapa__csv_cell_at(t, r, cols[COL_STAGES].index, &s3);
        size_t m = mapa_partnership_find_member(p, mapa__csv_unformula(mapa__csv_text(t, cm)));
        size_t k = mapa_partnership_find_topic(p, mapa__csv_unformula(mapa__csv_text(t, ct)));
        if (m == MAPA_NONE) {
            mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, cm->line, cm->col,
                           "member '%s' is not in members.csv", mapa__csv_text(t, cm));
            continue;
        }
        if (k == MAPA_NONE) {
            mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, ct->line, ct->col,
                           "team '%s' is not a topic id in topics.csv", mapa__csv_text(t, ct));
            continue;
        }
        if (team[m] == k) {
            mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, ct->line, ct->col,
                           "member '%s' reviews their own team '%s': a Critical Friend comes "
                           "from another team",
                           p->members[m].id, p->topics[k].id);
            continue;
        }
        cf->pairs[cf->n_pairs++] = (mapa_cf_pair){m, k, stages_of(mapa__csv_text(t, cs)),
                                                  mapa_member_rank(&p->members[m], k), false};
    }
}

mapa_err mapa_read_cf_csv(mapa_cf *out, const mapa_partnership *p, const size_t *team,
                          const char *path, mapa_diags *d)
{
    mapa__csv_table t = MAPA__CSV_TABLE_INIT;
    size_t errors = d->n_errors;
    mapa_err err = mapa__csv_read(&t, path, path, "member_id, reviewed_team, stages", d);
    if (err != MAPA_OK)
        return err;
    mapa_cf cf = MAPA_CF_INIT;
    cf.pairs = malloc(t.n_rows * sizeof *cf.pairs + 1);
    mapa__column cols[N_COLS] = {{"member_id", true, 0, false},
                                 {"reviewed_team", true, 0, false},
                                 {"stages", false, 0, false}};
    if (!cf.pairs) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory reading %s", path);
    } else {
        cf.method = "read back";
        if (mapa__csv_columns(&t, cols, N_COLS, written_by_mapa, NULL, d))
            read_rows(&t, cols, p, team, &cf, d);
        if (d->n_errors > errors)
            err = MAPA_EFORMAT;
    }
    mapa__csv_table_dispose(&t);
    if (err != MAPA_OK) {
        free(cf.pairs);
        return err;
    }
    *out = cf;
    return MAPA_OK;
}
