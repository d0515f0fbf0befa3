/* Reads actions.csv: id, team, title, description, tags, target_group, start, end, stage. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv_fields.h"
#include "io/readers.h"
#include "models/util.h"

enum {
    COL_ID,
    COL_TEAM,
    COL_TITLE,
    COL_DESC,
    COL_TAGS,
    COL_TARGET,
    COL_START,
    COL_END,
    COL_STAGE,
    N_COLS
};

static bool stage_cell(mapa_action_stage *out, const mapa__csv_table *t, const mapa__csv_cell *c,
                       mapa_diags *d)
{
    static const char *const names[] = {"decision", "action", "evaluation", "dissemination"};
    const char *s = mapa__csv_text(t, c);
    *out = MAPA_ACTION_NONE;
    if (c->len == 0)
        return true;
    for (size_t k = 0; k < 4; k++)
        if (mapa__streq_nocase(s, names[k])) {
            *out = (mapa_action_stage)(k + 1);
            return true;
        }
    mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, c->line, c->col,
                   "stage '%s' is not one of decision, action, evaluation, dissemination", s);
    return false;
}

/* Split "a; B ;c" into trimmed, lower-cased tags. */
static char **split_tags(const char *s, size_t *count)
{
    size_t n = 1;
    for (const char *p = s; *p; p++)
        n += *p == ';';
    char **tags = calloc(n + 1, sizeof *tags);
    *count = 0;
    for (const char *p = s; tags && *p;) {
        const char *end = strchr(p, ';');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        while (len && isspace((unsigned char)*p)) {
            p++;
            len--;
        }
        while (len && isspace((unsigned char)p[len - 1]))
            len--;
        if (len) {
            char *tag = mapa__strndup(p, len);
            if (!tag) { /* a partial list would be a silently different action */
                for (size_t k = 0; k < *count; k++)
                    free(tags[k]);
                free(tags);
                *count = 0;
                return NULL;
            }
            for (char *q = tag; *q; q++)
                *q = (char)tolower((unsigned char)*q);
            tags[(*count)++] = tag;
        }
        p += (end ? (size_t)(end - p) + 1 : strlen(p));
    }
    return tags;
}

static mapa_err one_row(mapa_partnership *p, const mapa__csv_table *t, const mapa__column *cols,
                        size_t r, mapa_diags *d)
{
    mapa__csv_cell s[N_COLS];
    const mapa__csv_cell *c[N_COLS];
    for (int k = 0; k < N_COLS; k++)
        c[k] = mapa__csv_cell_at(t, r, cols[k].index, &s[k]);
    bool ok = true;
    if (c[COL_ID]->len == 0) {
        mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, c[COL_ID]->line, c[COL_ID]->col,
                       "empty id: every action needs an id");
        ok = false;
    }
    size_t team = mapa_partnership_find_topic(p, mapa__csv_text(t, c[COL_TEAM]));
    if (team == MAPA_NONE) {
        mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, c[COL_TEAM]->line, c[COL_TEAM]->col,
                       c[COL_TEAM]->len ? "team '%s' is not a topic id in topics.csv"
                                        : "team is empty%s: give the id of the sub-team's topic",
                       mapa__csv_text(t, c[COL_TEAM]));
        ok = false;
    }
    if (c[COL_TITLE]->len == 0 && c[COL_DESC]->len == 0) {
        mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, c[COL_TITLE]->line, c[COL_TITLE]->col,
                       "the action has neither a title nor a description: say what it is");
        ok = false;
    }
    mapa_action a = {.start = INT32_MIN, .end = INT32_MAX, .line = c[COL_ID]->line};
    bool dates = mapa__field_date(&a.start, t, c[COL_START], "start", d);
    dates = mapa__field_date(&a.end, t, c[COL_END], "end", d) && dates;
    if (dates && a.start != INT32_MIN && a.end != INT32_MAX && a.end < a.start) {
        mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, c[COL_END]->line, c[COL_END]->col,
                       "end %s is before start %s", mapa__csv_text(t, c[COL_END]),
                       mapa__csv_text(t, c[COL_START]));
        dates = false;
    }
    ok = stage_cell(&a.stage, t, c[COL_STAGE], d) && dates && ok;
    if (!ok)
        return MAPA_OK;
    a.id = (char *)mapa__csv_text(t, c[COL_ID]);
    a.team = team;
    a.title = (char *)mapa__csv_text(t, c[COL_TITLE]);
    a.description = (char *)mapa__csv_text(t, c[COL_DESC]);
    a.target_group = (char *)mapa__csv_text(t, c[COL_TARGET]);
    a.tags = split_tags(mapa__csv_text(t, c[COL_TAGS]), &a.n_tags);
    if (!a.tags)
        return mapa_error_set(MAPA_ENOMEM, "out of memory reading actions");
    size_t index;
    mapa_err err = mapa_partnership_add_action(p, &index, &a);
    for (size_t k = 0; k < a.n_tags; k++)
        free(a.tags[k]);
    free(a.tags);
    if (err == MAPA_EINVAL) {
        mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, c[COL_ID]->line, c[COL_ID]->col,
                       "duplicate action id '%s' (first on line %zu)", a.id,
                       p->actions[index].line);
        return MAPA_OK;
    }
    if (err == MAPA_OK)
        p->actions[index].line = c[COL_ID]->line;
    return err;
}

mapa_err mapa__read_actions(mapa_partnership *p, const mapa__csv_table *t, mapa_diags *d)
{
    mapa__column cols[N_COLS] = {{"id", true, 0, false},     {"team", true, 0, false},
                                 {"title", true, 0, false},  {"description", false, 0, true},
                                 {"tags", false, 0, false},  {"target_group", false, 0, false},
                                 {"start", false, 0, false}, {"end", false, 0, false},
                                 {"stage", false, 0, false}};
    if (!mapa__csv_columns(t, cols, N_COLS, NULL, NULL, d))
        return MAPA_OK;
    mapa_err err = MAPA_OK;
    for (size_t r = 1; err == MAPA_OK && r < t->n_rows; r++)
        if (!mapa__csv_row_too_wide(t, r))
            err = one_row(p, t, cols, r, d);
    return err;
}
