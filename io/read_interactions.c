/* Reads interactions.csv: from, to (member ids), date, channel, weight. */
#include <stdlib.h>

#include "io/csv_fields.h"
#include "io/readers.h"

enum { COL_FROM, COL_TO, COL_DATE, COL_WEIGHT, COL_CHANNEL, N_COLS };

static bool member(size_t *out, const mapa_partnership *p, const mapa__csv_table *t,
                   const mapa__csv_cell *c, const char *column, mapa_diags *d)
{
    if (c->len == 0) {
        mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, c->line, c->col,
                       "%s is empty: give the id of a member in members.csv", column);
        return false;
    }
    *out = mapa_partnership_find_member(p, mapa__csv_text(t, c));
    if (*out == MAPA_NONE)
        mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, c->line, c->col,
                       "%s '%s' is not a member in members.csv", column, mapa__csv_text(t, c));
    return *out != MAPA_NONE;
}

static bool weight(double *out, const mapa__csv_table *t, const mapa__csv_cell *c, mapa_diags *d)
{
    *out = 1;
    if (c->len == 0)
        return true;
    const char *s = mapa__csv_text(t, c);
    double v = 0;
    if (!mapa__parse_decimal(s, &v) || v <= 0 || v > 1e9) {
        mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, c->line, c->col,
                       "weight '%s' is not a positive number up to 10^9: give the contact's "
                       "weight (or leave it empty for 1)",
                       s);
        return false;
    }
    *out = v;
    return true;
}

mapa_err mapa__read_interactions(mapa_partnership *p, const mapa__csv_table *t, mapa_diags *d)
{
    mapa__column cols[N_COLS] = {{"from", true, 0, false},
                                 {"to", true, 0, false},
                                 {"date", false, 0, false},
                                 {"weight", false, 0, false},
                                 {"channel", false, 0, false}};
    if (!mapa__csv_columns(t, cols, N_COLS, NULL, NULL, d))
        return MAPA_OK;
    for (size_t r = 1; r < t->n_rows; r++) {
        if (mapa__csv_row_too_wide(t, r))
            continue;
        mapa__csv_cell s1, s2, s3, s4;
        const mapa__csv_cell *from = mapa__csv_cell_at(t, r, cols[COL_FROM].index, &s1);
        const mapa__csv_cell *to = mapa__csv_cell_at(t, r, cols[COL_TO].index, &s2);
        const mapa__csv_cell *date = mapa__csv_cell_at(t, r, cols[COL_DATE].index, &s3);
        const mapa__csv_cell *w = mapa__csv_cell_at(t, r, cols[COL_WEIGHT].index, &s4);
        mapa_interaction x = {MAPA_NONE, MAPA_NONE, 0, 1};
        bool ok = member(&x.from, p, t, from, "from", d);
        ok = member(&x.to, p, t, to, "to", d) && ok;
        if (date->len && !mapa__field_date(&x.day, t, date, "date", d)) {
            ok = false;
        } else if (!date->len && cols[COL_DATE].index != MAPA_NONE) {
            mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, date->line, date->col,
                           "date is empty: give the day of the contact as YYYY-MM-DD");
            ok = false;
        }
        ok = weight(&x.weight, t, w, d) && ok;
        if (ok && x.from == x.to) {
            mapa_diags_add(d, MAPA_DIAG_WARNING, t->file, to->line, to->col,
                           "'%s' is in contact with themself: the row is left out",
                           mapa__csv_text(t, to));
            continue;
        }
        if (ok) {
            mapa_err err = mapa_partnership_add_interaction(p, &x);
            if (err != MAPA_OK)
                return err;
        }
    }
    return MAPA_OK;
}
