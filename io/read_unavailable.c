/* Reads unavailable.csv: a member, a date or a range of dates, and optionally the hours. */
#include <stdlib.h>
#include <string.h>

#include <mapa/date.h>

#include "io/csv_fields.h"
#include "io/read_calendar.h"
#include "models/util.h"

enum { COL_MEMBER, COL_DATE, COL_FROM, COL_TO, COL_START, COL_END, N_COLS };

static bool read_clock(int *out, const mapa__csv_table *t, const mapa__csv_cell *c,
                       const char *column, mapa_diags *d)
{
    if (c->len == 0)
        return true;
    if (mapa__parse_clock(mapa__csv_text(t, c), out))
        return true;
    mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, c->line, c->col,
                   "%s: '%s' is not a time of day (HH:MM, 24-hour)", column,
                   mapa__csv_text(t, c));
    return false;
}

static bool read_row(mapa_unavailable *u, const mapa__csv_table *t, const mapa_partnership *p,
                     size_t r, const mapa__column *cols, mapa_diags *d)
{
    mapa__csv_cell scratch[N_COLS];
    const mapa__csv_cell *c[N_COLS];
    for (int k = 0; k < N_COLS; k++)
        c[k] = mapa__csv_cell_at(t, r, cols[k].index, &scratch[k]);
    const char *who = mapa__csv_text(t, c[COL_MEMBER]);
    *u = (mapa_unavailable){mapa_partnership_find_member(p, who), INT32_MIN, INT32_MIN, 0, 1440,
                            t->rows[r].line};
    for (size_t m = 0; u->member == MAPA_NONE && m < p->n_members; m++)
        if (mapa__streq_nocase(p->members[m].name, who))
            u->member = m;
    bool ok = true;
    if (u->member == MAPA_NONE) {
        mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, c[COL_MEMBER]->line, c[COL_MEMBER]->col,
                       "member '%s' is not in members.csv (give the id or the name)", who);
        ok = false;
    }
    int32_t date = INT32_MIN;
    ok &= mapa__field_date(&date, t, c[COL_DATE], "date", d);
    ok &= mapa__field_date(&u->from, t, c[COL_FROM], "from", d);
    ok &= mapa__field_date(&u->to, t, c[COL_TO], "to", d);
    ok &= read_clock(&u->start, t, c[COL_START], "start", d);
    ok &= read_clock(&u->end, t, c[COL_END], "end", d);
    if (!ok)
        return false;
    if (date != INT32_MIN && (u->from != INT32_MIN || u->to != INT32_MIN)) {
        mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, c[COL_DATE]->line, c[COL_DATE]->col,
                       "give a date, or from and to, not both");
        return false;
    }
    if (date != INT32_MIN)
        u->from = u->to = date;
    if (u->from == INT32_MIN || u->to == INT32_MIN) {
        const mapa__csv_cell *at = u->from == INT32_MIN ? c[COL_FROM] : c[COL_TO];
        if (u->from == INT32_MIN && u->to == INT32_MIN)
            at = c[COL_DATE];
        if (u->from != INT32_MIN || u->to != INT32_MIN) /* one day when only one is given */
            u->from = u->to = u->from != INT32_MIN ? u->from : u->to;
        else {
            mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, at->line, at->col ? at->col : 1,
                           "no date: give a date, or from and to (YYYY-MM-DD)");
            return false;
        }
    }
    if (u->to < u->from) {
        mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, c[COL_TO]->line, c[COL_TO]->col,
                       "to is before from");
        return false;
    }
    if (u->end <= u->start) {
        mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, c[COL_END]->line, c[COL_END]->col,
                       "end is not after start");
        return false;
    }
    return true;
}

/* Columns people add for themselves: read as notes, never warned about. */
static bool note_column(const char *name, void *payload)
{
    (void)payload;
    return strcmp(name, "reason") == 0 || strcmp(name, "note") == 0 || strcmp(name, "notes") == 0 ||
           strcmp(name, "comment") == 0 || strcmp(name, "name") == 0;
}

mapa_err mapa__read_unavailable(mapa_calendar *cal, const mapa__csv_table *t,
                                const mapa_partnership *p, mapa_diags *d)
{
    mapa__column cols[N_COLS] = {
        {"member", true, 0, false}, {"date", false, 0, false}, {"from", false, 0, false},
        {"to", false, 0, false},    {"start", false, 0, false}, {"end", false, 0, false},
    };
    if (!mapa__csv_columns(t, cols, N_COLS, note_column, NULL, d))
        return MAPA_OK;
    size_t cap = cal->n_unavailable;
    for (size_t r = 1; r < t->n_rows; r++) {
        mapa_unavailable u;
        if (mapa__csv_row_too_wide(t, r) || !read_row(&u, t, p, r, cols, d))
            continue;
        if (cal->n_unavailable == cap &&
            !mapa__grow((void **)&cal->unavailable, &cap, cal->n_unavailable + 1,
                        sizeof *cal->unavailable))
            return mapa_error_set(MAPA_ENOMEM, "out of memory reading unavailable.csv");
        cal->unavailable[cal->n_unavailable++] = u;
    }
    return MAPA_OK;
}
