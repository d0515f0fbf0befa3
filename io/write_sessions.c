/* Writes sessions.csv and the schedule section of summary.json; reads a previous sessions.csv. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mapa/date.h>
#include <mapa/schedule.h>

#include "io/atomic_file.h"
#include "io/csv_fields.h"
#include "io/csv_table.h"
#include "io/json_alloc.h"
#include "io/read_calendar.h"
#include "io/summary_merge.h"
#include "models/util.h"

static const char *const stage_ids[MAPA_SESSION_STAGES] = {"decision", "evaluation"};
static const char *const role_ids[] = {"spoc", "member", "critical_friend"};
static const char *const attend_ids[] = {"required", "wanted", "optional"};

static void clock_text(int minutes, char *buf)
{
    unsigned h = (unsigned)(minutes / 60) % 25u, m = (unsigned)(minutes % 60) % 60u;
    buf[0] = (char)('0' + h / 10);
    buf[1] = (char)('0' + h % 10);
    buf[2] = ':';
    buf[3] = (char)('0' + m / 10);
    buf[4] = (char)('0' + m % 10);
    buf[5] = '\0';
}

mapa_err mapa_write_sessions_csv(const char *path, const mapa_partnership *p,
                                 const mapa_calendar *cal, const mapa_schedule *s)
{
    mapa__atomic_file f;
    mapa_err err = mapa__atomic_open(&f, path);
    if (err != MAPA_OK)
        return err;
    mapa__csv_begin(f.fp, "team_id,team_name,stage,date,start,end,place,member_id,name,role,attendance,status,"
          "moved\n");
    for (size_t i = 0; i < s->n_sessions; i++) {
        const mapa_session *x = &s->sessions[i];
        char date[11] = "", start[6] = "", end[6] = "";
        const char *place = "";
        if (x->slot != MAPA_NONE) {
            const mapa_slot *k = &cal->slots[x->slot];
            mapa_date_format(k->day, date);
            clock_text(k->start, start);
            clock_text(k->end, end);
            place = k->place;
        }
        for (size_t j = 0; j < x->n_invitees; j++) {
            const mapa_invitee *v = &x->invitees[j];
            const mapa_member *m = &p->members[v->member];
            mapa__csv_put(f.fp, p->topics[x->team].id, false);
            mapa__csv_put(f.fp, p->topics[x->team].name, false);
            mapa__csv_put(f.fp, stage_ids[x->stage], false);
            mapa__csv_put(f.fp, date, false);
            mapa__csv_put(f.fp, start, false);
            mapa__csv_put(f.fp, end, false);
            mapa__csv_put(f.fp, place, false);
            mapa__csv_put(f.fp, m->id, false);
            mapa__csv_put(f.fp, m->name, false);
            mapa__csv_put(f.fp, role_ids[v->role], false);
            mapa__csv_put(f.fp, attend_ids[v->attend], false);
            mapa__csv_put(f.fp,
                          x->slot == MAPA_NONE ? "not held"
                          : v->available       ? "attending"
                                               : "unavailable",
                          false);
            mapa__csv_put(f.fp, x->moved ? "yes" : "no", true);
        }
    }
    return mapa__atomic_commit(&f);
}

enum { COL_TEAM, COL_STAGE, COL_DATE, COL_START, COL_END, COL_PLACE, N_COLS };

static size_t find_slot(const mapa_calendar *cal, int32_t day, int start, int end,
                        const char *place)
{
    for (size_t k = 0; k < cal->n_slots; k++)
        if (cal->slots[k].day == day && cal->slots[k].start == start &&
            cal->slots[k].end == end && strcmp(cal->slots[k].place, place) == 0)
            return k;
    return MAPA_NONE;
}

static bool any_column(const char *name, void *payload)
{
    (void)name;
    (void)payload;
    return true;
}

/* One held session of a saved sessions.csv (its first row; the others name more invitees). */
typedef void (*row_fn)(size_t team, int g, int32_t day, int start, int end, const char *place,
                       void *payload);

/* The rows of a saved sessions.csv, each held session's slot given to `fn`; problems to `d`. */
static mapa_err read_rows(const mapa_partnership *p, const char *path, mapa_diags *d, row_fn fn,
                          void *payload)
{
    mapa__csv_table t = MAPA__CSV_TABLE_INIT;
    size_t errors = d->n_errors;
    mapa_err err = mapa__csv_read(&t, path, path, "team_id,stage,date,start,end,place", d);
    if (err != MAPA_OK)
        return err == MAPA_ENOTFOUND ? mapa_error_set(err, "%s: no such file", path) : err;
    mapa__column cols[N_COLS] = {
        {"team_id", true, 0, false}, {"stage", true, 0, false}, {"date", true, 0, false},
        {"start", true, 0, false},   {"end", true, 0, false},   {"place", true, 0, false},
    };
    /* sessions.csv's other columns are mapa's own: no warning for them */
    if (!mapa__csv_columns(&t, cols, N_COLS, any_column, NULL, d))
        cols[COL_TEAM].index = MAPA_NONE;
    for (size_t r = 1; cols[COL_TEAM].index != MAPA_NONE && r < t.n_rows; r++) {
        mapa__csv_cell scratch[N_COLS];
        const mapa__csv_cell *c[N_COLS];
        for (int k = 0; k < N_COLS; k++)
            c[k] = mapa__csv_cell_at(&t, r, cols[k].index, &scratch[k]);
        size_t team = mapa_partnership_find_topic(p, mapa__csv_unformula(mapa__csv_text(&t, c[0])));
        const char *stage = mapa__csv_text(&t, c[COL_STAGE]);
        int g = strcmp(stage, "decision") == 0 ? 0 : strcmp(stage, "evaluation") == 0 ? 1 : -1;
        if (team == MAPA_NONE || g < 0) {
            const mapa__csv_cell *at = team == MAPA_NONE ? c[COL_TEAM] : c[COL_STAGE];
            mapa_diags_add(d, MAPA_DIAG_ERROR, t.file, at->line, at->col,
                           team == MAPA_NONE ? "team '%s' is not a topic of topics.csv"
                                             : "stage '%s' is not decision or evaluation",
                           mapa__csv_text(&t, at));
            continue;
        }
        if (c[COL_DATE]->len == 0)
            continue; /* not held */
        int32_t day = 0;
        int start = 0, end = 0;
        bool ok = mapa__field_date(&day, &t, c[COL_DATE], "date", d);
        if (ok && (!mapa__parse_clock(mapa__csv_text(&t, c[COL_START]), &start) ||
                   !mapa__parse_clock(mapa__csv_text(&t, c[COL_END]), &end))) {
            mapa_diags_add(d, MAPA_DIAG_ERROR, t.file, c[COL_START]->line, c[COL_START]->col,
                           "start and end must be times of day (HH:MM)");
            ok = false;
        }
        if (ok)
            fn(team, g, day, start, end, mapa__csv_unformula(mapa__csv_text(&t, c[COL_PLACE])),
               payload);
    }
    mapa__csv_table_dispose(&t);
    if (d->n_errors > errors)
        return mapa_error_set(MAPA_EFORMAT, "%s has errors", path);
    return MAPA_OK;
}

typedef struct previous_rows {
    const mapa_calendar *cal;
    size_t *prev;
} previous_rows;

static void previous_row(size_t team, int g, int32_t day, int start, int end, const char *place,
                         void *payload)
{
    previous_rows *q = payload;
    q->prev[team * 2 + (size_t)g] = find_slot(q->cal, day, start, end, place);
}

mapa_err mapa_read_sessions_csv(size_t **previous, const mapa_partnership *p,
                                const mapa_calendar *cal, const char *path, mapa_diags *d)
{
    size_t *prev = malloc((p->n_topics * 2 + 1) * sizeof *prev);
    if (!prev)
        return mapa_error_set(MAPA_ENOMEM, "out of memory reading %s", path);
    for (size_t k = 0; k < p->n_topics * 2; k++)
        prev[k] = MAPA_NONE;
    previous_rows q = {cal, prev};
    mapa_err err = read_rows(p, path, d, previous_row, &q);
    if (err != MAPA_OK) {
        free(prev);
        return err;
    }
    *previous = prev;
    return MAPA_OK;
}

typedef struct saved_rows {
    mapa_saved_session *v; /* per team and stage; place NULL until a row is read */
    bool *seen;
    bool oom;
} saved_rows;

static void saved_row(size_t team, int g, int32_t day, int start, int end, const char *place,
                      void *payload)
{
    saved_rows *q = payload;
    size_t i = team * 2 + (size_t)g;
    if (q->seen[i])
        return; /* the session's other invitees */
    q->seen[i] = true;
    q->v[i] = (mapa_saved_session){team, g, day, start, end, mapa__strdup(place ? place : "")};
    q->oom |= q->v[i].place == NULL;
}

mapa_err mapa_read_saved_sessions(mapa_saved_session **out, size_t *n, const mapa_partnership *p,
                                  const char *path, mapa_diags *d)
{
    *out = NULL;
    *n = 0;
    size_t S = p->n_topics * 2;
    saved_rows q = {calloc(S + 1, sizeof *q.v), calloc(S + 1, sizeof *q.seen), false};
    mapa_err err = q.v && q.seen ? read_rows(p, path, d, saved_row, &q)
                                 : mapa_error_set(MAPA_ENOMEM, "out of memory reading %s", path);
    if (err == MAPA_OK && q.oom)
        err = mapa_error_set(MAPA_ENOMEM, "out of memory reading %s", path);
    size_t w = 0;
    for (size_t i = 0; q.v && i < S; i++)
        if (q.seen && q.seen[i]) {
            if (err == MAPA_OK)
                q.v[w++] = q.v[i];
            else
                free(q.v[i].place);
        }
    free(q.seen);
    if (err != MAPA_OK) {
        free(q.v);
        return err;
    }
    *out = q.v;
    *n = w;
    return MAPA_OK;
}

static json_t *session_json(const mapa_partnership *p, const mapa_calendar *cal,
                            const mapa_session *x)
{
    json_t *o = json_object();
    json_object_set_new(o, "team", json_string(p->topics[x->team].id));
    json_object_set_new(o, "stage", json_string(stage_ids[x->stage]));
    if (x->slot != MAPA_NONE) {
        char date[11], start[6], end[6];
        const mapa_slot *k = &cal->slots[x->slot];
        mapa_date_format(k->day, date);
        clock_text(k->start, start);
        clock_text(k->end, end);
        json_object_set_new(o, "date", json_string(date));
        json_object_set_new(o, "start", json_string(start));
        json_object_set_new(o, "end", json_string(end));
        json_object_set_new(o, "place", json_string(k->place));
    } else {
        json_object_set_new(o, "date", json_null());
    }
    size_t cf = 0, cf_in = 0;
    for (size_t j = 0; j < x->n_invitees; j++)
        if (x->invitees[j].role == MAPA_ROLE_CF) {
            cf++;
            cf_in += x->invitees[j].available;
        }
    json_object_set_new(o, "invited", json_integer((json_int_t)x->n_invitees));
    json_object_set_new(o, "critical_friends", json_integer((json_int_t)cf));
    json_object_set_new(o, "critical_friends_attending", json_integer((json_int_t)cf_in));
    json_object_set_new(o, "moved", json_boolean(x->moved));
    return o;
}

mapa_err mapa_write_schedule_summary(const char *path, const mapa_partnership *p,
                                     const mapa_calendar *cal, const mapa_schedule *s)
{
    mapa__json_watch();
    json_t *root = json_object();
    json_t *o = json_object();
    json_object_set_new(o, "status", json_string(mapa_status_name(s->status)));
    json_object_set_new(o, "objective", json_real(s->objective));
    json_object_set_new(o, "bound", json_real(s->bound));
    json_object_set_new(o, "gap", json_real(s->gap));
    json_object_set_new(o, "proven_by_days", json_boolean(s->by_days));
    json_object_set_new(o, "seconds", json_real(s->seconds));
    json_object_set_new(o, "slots", json_integer((json_int_t)cal->n_slots));
    json_object_set_new(o, "slots_merged", json_integer((json_int_t)cal->merged));
    json_object_set_new(o, "conflict_pairs", json_integer((json_int_t)s->conflict_pairs));
    json_object_set_new(o, "columns", json_integer((json_int_t)s->columns));
    json_object_set_new(o, "rows", json_integer((json_int_t)s->rows));
    json_object_set_new(o, "critical_friend_places", json_integer((json_int_t)s->cf_wanted));
    json_object_set_new(o, "critical_friends_attending",
                        json_integer((json_int_t)s->cf_attending));
    json_object_set_new(o, "member_places", json_integer((json_int_t)s->members_wanted));
    json_object_set_new(o, "members_attending", json_integer((json_int_t)s->members_attending));
    json_object_set_new(o, "earliness_days", json_integer((json_int_t)s->earliness));
    json_object_set_new(o, "most_sessions_on_a_day", json_integer((json_int_t)s->peak_day));
    json_object_set_new(o, "moves", json_integer((json_int_t)s->moves));
    json_object_set_new(o, "relaxations", json_integer((json_int_t)s->relaxations));
    json_t *notes = json_array();
    for (size_t k = 0; k < s->n_notes; k++)
        json_array_append_new(notes, json_string(s->notes[k]));
    json_object_set_new(o, "notes", notes);
    json_t *sessions = json_array();
    for (size_t i = 0; i < s->n_sessions; i++)
        json_array_append_new(sessions, session_json(p, cal, &s->sessions[i]));
    json_object_set_new(o, "sessions", sessions);
    json_object_set_new(root, "schedule", o);
    return mapa__summary_merge(path, root);
}
