/* Where each member and Critical Friend sits in a saved plan's files, to place broken rules. */
#include <stdlib.h>
#include <string.h>

#include <mapa/output.h>

#include "io/csv_fields.h"
#include "io/csv_table.h"
#include "models/util.h"

typedef struct row_pos {
    size_t line;
    size_t col[4]; /* by mapa_violation_field: member_id, team, spoc, agency */
    size_t member, team;
} row_pos;

struct mapa_plan_rows {
    char *teams_file, *cf_file;
    row_pos *member; /* per member: its first row in teams.csv (line 0: none) */
    row_pos *cf;     /* rows of critical_friends.csv */
    size_t n_cf;
};

static size_t column_or(const mapa__csv_table *t, const char *name, size_t fallback)
{
    size_t k = mapa__csv_find_column(t, name);
    return k == MAPA_NONE ? fallback : k;
}

/* The positions of `t`'s rows; `team_col` names its team column. */
static mapa_err read_rows(row_pos **out, size_t *n, const mapa__csv_table *t,
                          const mapa_partnership *p, const char *team_col)
{
    size_t cm = column_or(t, "member_id", 0);
    size_t cols[4] = {cm, column_or(t, team_col, cm), column_or(t, "spoc", cm),
                      column_or(t, "agency", cm)};
    row_pos *rows = calloc(t->n_rows + 1, sizeof *rows);
    if (!rows)
        return mapa_error_set(MAPA_ENOMEM, "out of memory while checking the plan");
    for (size_t r = 1; r < t->n_rows; r++) {
        row_pos *x = &rows[r - 1];
        mapa__csv_cell scratch;
        for (int k = 0; k < 4; k++)
            x->col[k] = mapa__csv_cell_at(t, r, cols[k], &scratch)->col;
        x->line = mapa__csv_cell_at(t, r, cm, &scratch)->line;
        const char *id =
            mapa__csv_unformula(mapa__csv_text(t, mapa__csv_cell_at(t, r, cm, &scratch)));
        x->member = mapa_partnership_find_member(p, id);
        const char *team =
            mapa__csv_unformula(mapa__csv_text(t, mapa__csv_cell_at(t, r, cols[1], &scratch)));
        x->team = mapa_partnership_find_topic(p, team);
    }
    *out = rows;
    *n = t->n_rows ? t->n_rows - 1 : 0;
    return MAPA_OK;
}

static mapa_err read_file(row_pos **rows, size_t *n, const mapa_partnership *p, const char *path,
                          const char *team_col)
{
    mapa_diags quiet = MAPA_DIAGS_INIT; /* the readers have reported the file's problems */
    mapa__csv_table t = MAPA__CSV_TABLE_INIT;
    mapa_err err = mapa__csv_read(&t, path, path, "member_id", &quiet);
    mapa_diags_dispose(&quiet);
    if (err == MAPA_OK)
        err = read_rows(rows, n, &t, p, team_col);
    mapa__csv_table_dispose(&t);
    return err;
}

mapa_err mapa_plan_rows_read(mapa_plan_rows **out, const mapa_partnership *p,
                             const char *teams_path, const char *cf_path)
{
    *out = NULL;
    mapa_plan_rows *r = calloc(1, sizeof *r);
    row_pos *rows = NULL;
    size_t n = 0;
    mapa_err err = r ? MAPA_OK : mapa_error_set(MAPA_ENOMEM, "out of memory");
    if (err == MAPA_OK) {
        r->teams_file = mapa__strdup(teams_path);
        r->cf_file = cf_path ? mapa__strdup(cf_path) : NULL;
        r->member = calloc(p->n_members + 1, sizeof *r->member);
        if (!r->teams_file || (cf_path && !r->cf_file) || !r->member)
            err = mapa_error_set(MAPA_ENOMEM, "out of memory");
    }
    if (err == MAPA_OK)
        err = read_file(&rows, &n, p, teams_path, "team_id");
    for (size_t k = 0; err == MAPA_OK && k < n; k++)
        if (rows[k].member != MAPA_NONE && !r->member[rows[k].member].line)
            r->member[rows[k].member] = rows[k];
    free(rows);
    if (err == MAPA_OK && cf_path)
        err = read_file(&r->cf, &r->n_cf, p, cf_path, "reviewed_team");
    if (err != MAPA_OK) {
        mapa_plan_rows_free(r);
        return err;
    }
    *out = r;
    return MAPA_OK;
}

/* The teams.csv row of team `t` to point at: its first member's, or of agency `a`. */
static const row_pos *team_row(const mapa_plan_rows *r, const mapa_partnership *p,
                               const size_t *team, size_t t, size_t a)
{
    const row_pos *best = NULL;
    for (size_t m = 0; m < p->n_members; m++) {
        const row_pos *x = &r->member[m];
        if (x->line && team[m] == t && (a == MAPA_NONE || p->members[m].agency == a) &&
            (!best || x->line < best->line))
            best = x;
    }
    return best;
}

static const row_pos *cf_row(const mapa_plan_rows *r, size_t member, size_t t)
{
    for (size_t k = 0; k < r->n_cf; k++)
        if ((member == MAPA_NONE || r->cf[k].member == member) &&
            (t == MAPA_NONE || r->cf[k].team == t))
            return &r->cf[k];
    return NULL;
}

bool mapa_plan_rows_locate(const mapa_plan_rows *r, const mapa_partnership *p, const size_t *team,
                           const mapa_violation *v, const char **file, size_t *line, size_t *col)
{
    const row_pos *x = NULL;
    *file = v->cf && r->cf_file ? r->cf_file : r->teams_file;
    if (v->cf && v->pair != MAPA_NONE && v->pair < r->n_cf)
        x = &r->cf[v->pair];
    else if (v->cf)
        x = cf_row(r, v->member, v->team);
    else if (v->member != MAPA_NONE && v->member < p->n_members && r->member[v->member].line)
        x = &r->member[v->member];
    else if (v->team != MAPA_NONE)
        x = team_row(r, p, team, v->team, v->agency);
    *line = x ? x->line : 0;
    *col = x ? x->col[v->field] : 0;
    return x != NULL;
}

void mapa_plan_rows_free(mapa_plan_rows *r)
{
    if (!r)
        return;
    free(r->teams_file);
    free(r->cf_file);
    free(r->member);
    free(r->cf);
    free(r);
}
