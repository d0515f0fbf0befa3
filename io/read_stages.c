/*
 * Reads stages.csv: per team (or '*' for every team) and stage, the window of
 * dates its session must fall in, as dates or as weeks of the calendar, and the
 * least gap in days between Decision-making and Evaluation (for Action taken).
 */
#include <stdlib.h>
#include <string.h>

#include <mapa/date.h>

#include "io/csv_fields.h"
#include "io/read_calendar.h"
#include "models/util.h"

enum { COL_TEAM, COL_STAGE, COL_EARLIEST, COL_LATEST, COL_GAP, N_COLS };

/* "decision", "decision-making", "1"; "evaluation", "3": the session's stage, or -1. */
static int parse_stage(const char *s)
{
    if (mapa__streq_nocase(s, "decision") || mapa__streq_nocase(s, "decision-making") ||
        mapa__streq_nocase(s, "decision making") || strcmp(s, "1") == 0)
        return 0;
    if (mapa__streq_nocase(s, "evaluation") || strcmp(s, "3") == 0)
        return 1;
    return -1;
}

/* A date, or "week N" (week 1 is the week of the calendar's first slot, Monday to Sunday). */
static bool parse_when(const char *s, int32_t monday1, bool last, int32_t *day)
{
    if (mapa_date_parse(s, day))
        return true;
    if (strncmp(s, "week ", 5) != 0 && strncmp(s, "Week ", 5) != 0)
        return false;
    char *end;
    long n = strtol(s + 5, &end, 10);
    if (*end || n < 1 || n > 520)
        return false;
    *day = monday1 + (int32_t)(n - 1) * 7 + (last ? 6 : 0);
    return true;
}

static size_t find_team(const mapa_partnership *p, const char *s)
{
    size_t t = mapa_partnership_find_topic(p, s);
    for (size_t k = 0; t == MAPA_NONE && k < p->n_topics; k++)
        if (mapa__streq_nocase(p->topics[k].name, s))
            t = k;
    return t;
}

static bool read_row(mapa_calendar *cal, const mapa__csv_table *t, const mapa_partnership *p,
                     size_t r, const mapa__column *cols, bool defaults, int32_t monday1,
                     unsigned char *seen, mapa_diags *d)
{
    mapa__csv_cell scratch[N_COLS];
    const mapa__csv_cell *c[N_COLS];
    for (int k = 0; k < N_COLS; k++)
        c[k] = mapa__csv_cell_at(t, r, cols[k].index, &scratch[k]);
    const char *team = mapa__csv_text(t, c[COL_TEAM]);
    bool all = c[COL_TEAM]->len == 0 || strcmp(team, "*") == 0 || mapa__streq_nocase(team, "all");
    if (all != defaults)
        return true;
    size_t ti = all ? MAPA_NONE : find_team(p, team);
    if (!all && ti == MAPA_NONE) {
        mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, c[COL_TEAM]->line, c[COL_TEAM]->col,
                       "team '%s' is not a topic of topics.csv (give its id or name, or '*' "
                       "for every team)",
                       team);
        return false;
    }
    int g = parse_stage(mapa__csv_text(t, c[COL_STAGE]));
    if (g < 0) {
        mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, c[COL_STAGE]->line, c[COL_STAGE]->col,
                       "stage '%s' is not decision or evaluation", mapa__csv_text(t, c[COL_STAGE]));
        return false;
    }
    size_t key = all ? p->n_topics * 2 + (size_t)g : ti * 2 + (size_t)g;
    if (seen[key]) {
        mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, c[COL_TEAM]->line, c[COL_TEAM]->col,
                       "a second row for %s's %s stage", all ? "every team" : team,
                       mapa_session_stage_name(g));
        return false;
    }
    seen[key] = 1;
    mapa_stage_window w = all ? cal->windows[0 * 2 + (size_t)g] : cal->windows[key];
    bool ok = true;
    for (int k = COL_EARLIEST; k <= COL_LATEST; k++) {
        if (c[k]->len == 0)
            continue;
        int32_t *at = k == COL_EARLIEST ? &w.earliest : &w.latest;
        if (!parse_when(mapa__csv_text(t, c[k]), monday1, k == COL_LATEST, at)) {
            mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, c[k]->line, c[k]->col,
                           "%s: '%s' is not a date (YYYY-MM-DD) or 'week N'",
                           k == COL_EARLIEST ? "earliest" : "latest", mapa__csv_text(t, c[k]));
            ok = false;
        }
    }
    size_t gap = (size_t)cal->windows[(all ? 0 : ti) * 2 + 1].min_gap;
    ok &= mapa__field_count(&gap, t, c[COL_GAP], "min_gap_days", false, d);
    if (ok && w.latest < w.earliest) {
        mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, c[COL_LATEST]->line, c[COL_LATEST]->col,
                       "latest is before earliest: the window holds no day");
        ok = false;
    }
    if (ok && gap > 3660) {
        mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, c[COL_GAP]->line, c[COL_GAP]->col,
                       "min_gap_days %zu is more than ten years", gap);
        ok = false;
    }
    if (!ok)
        return false;
    w.line = t->rows[r].line;
    for (size_t x = all ? 0 : ti; x < (all ? p->n_topics : ti + 1); x++) {
        mapa_stage_window *to = &cal->windows[x * 2 + (size_t)g];
        int32_t keep_gap = to->min_gap;
        *to = w;
        to->min_gap = keep_gap;
        cal->windows[x * 2 + 1].min_gap = (int32_t)gap;
    }
    return true;
}

mapa_err mapa__read_stages(mapa_calendar *cal, const mapa__csv_table *t,
                           const mapa_partnership *p, mapa_diags *d)
{
    int32_t first = cal->n_slots ? cal->slots[0].day : 0;
    int32_t last = cal->n_slots ? cal->slots[cal->n_slots - 1].day : 0;
    for (size_t x = 0; x < p->n_topics * 2; x++)
        cal->windows[x] = (mapa_stage_window){first, last, 0, 0};
    if (!t)
        return MAPA_OK;
    mapa__column cols[N_COLS] = {
        {"team", true, 0, false},    {"stage", true, 0, false},         {"earliest", false, 0, false},
        {"latest", false, 0, false}, {"min_gap_days", false, 0, false},
    };
    if (!mapa__csv_columns(t, cols, N_COLS, NULL, NULL, d))
        return MAPA_OK;
    int wd = (int)((first + 3) % 7);
    int32_t monday1 = first - (wd < 0 ? wd + 7 : wd);
    unsigned char *seen = calloc(p->n_topics * 2 + 2, 1);
    if (!seen)
        return mapa_error_set(MAPA_ENOMEM, "out of memory reading stages.csv");
    for (int pass = 0; pass < 2; pass++) /* rows for every team first, then each team's */
        for (size_t r = 1; r < t->n_rows; r++)
            if (!mapa__csv_row_too_wide(t, r))
                read_row(cal, t, p, r, cols, pass == 0, monday1, seen, d);
    free(seen);
    return MAPA_OK;
}
