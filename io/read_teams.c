/* Reads a plan's teams.csv back, so later stages (mapa cf) can run on a saved allocation. */
#include <stdlib.h>
#include <string.h>

#include <mapa/output.h>

#include "io/csv_fields.h"
#include "io/csv_table.h"

enum { COL_MEMBER, COL_TEAM, COL_SPOC, N_COLS };

/* The other columns mapa writes in teams.csv, for people to read: not warned about. */
static bool written_by_mapa(const char *name, void *payload)
{
    (void)payload;
    static const char *const names[] = {"name", "agency", "team_name", "rank", "moved"};
    for (size_t k = 0; k < sizeof names / sizeof *names; k++)
        if (strcmp(name, names[k]) == 0)
            return true;
    return false;
}

static void read_rows(const mapa__csv_table *t, const mapa__column *cols, const mapa_partnership *p,
                      size_t *team, size_t *spoc, mapa_diags *d)
{
    size_t *line = calloc(p->n_members + 1, sizeof *line);
    for (size_t r = 1; line && r < t->n_rows; r++) {
        mapa__csv_cell s1, s2, s3;
        const mapa__csv_cell *cm = mapa__csv_cell_at(t, r, cols[COL_MEMBER].index, &s1);
        const mapa__csv_cell *ct = mapa__csv_cell_at(t, r, cols[COL_TEAM].index, &s2);
        const mapa__csv_cell *cs = mapa__csv_cell_at(t, r, cols[COL_SPOC].index, &s3);
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
        if (line[m]) {
            mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, cm->line, cm->col,
                           "member '%s' is listed twice (first on line %zu)", p->members[m].id,
                           line[m]);
            continue;
        }
        if (p->members[m].coordinator)
            mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, cm->line, cm->col,
                           "member '%s' is a co-ordinator, who is in no sub-team",
                           p->members[m].id);
        line[m] = cm->line;
        team[m] = k;
        bool is_spoc = false;
        mapa__field_flag(&is_spoc, t, cs, "spoc", d);
        if (is_spoc && spoc[k] != MAPA_NONE)
            mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, cs->line, cs->col,
                           "team '%s' has a second SPOC ('%s' is the first)", p->topics[k].id,
                           p->members[spoc[k]].id);
        else if (is_spoc)
            spoc[k] = m;
    }
    for (size_t m = 0; line && m < p->n_members; m++)
        if (!line[m] && !p->members[m].coordinator)
            mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, 0, 0,
                           "member '%s' of members.csv is not in this plan: allocate again",
                           p->members[m].id);
    free(line);
}

mapa_err mapa_read_teams_csv(size_t **team_out, size_t **spoc_out, const mapa_partnership *p,
                             const char *path, mapa_diags *d)
{
    mapa__csv_table t = MAPA__CSV_TABLE_INIT;
    size_t errors = d->n_errors;
    mapa_err err = mapa__csv_read(&t, path, path, "member_id, team_id, spoc", d);
    if (err != MAPA_OK)
        return err;
    size_t *team = malloc((p->n_members + 1) * sizeof *team);
    size_t *spoc = malloc((p->n_topics + 1) * sizeof *spoc);
    mapa__column cols[N_COLS] = {
        {"member_id", true, 0, false}, {"team_id", true, 0, false}, {"spoc", false, 0, false}};
    if (!team || !spoc) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory reading %s", path);
    } else {
        for (size_t m = 0; m < p->n_members; m++)
            team[m] = MAPA_NONE;
        for (size_t k = 0; k < p->n_topics; k++)
            spoc[k] = MAPA_NONE;
        if (mapa__csv_columns(&t, cols, N_COLS, written_by_mapa, NULL, d))
            read_rows(&t, cols, p, team, spoc, d);
        if (d->n_errors > errors)
            err = MAPA_EFORMAT;
    }
    mapa__csv_table_dispose(&t);
    if (err != MAPA_OK) {
        free(team);
        free(spoc);
        return err;
    }
    *team_out = team;
    *spoc_out = spoc;
    return MAPA_OK;
}
