/*
 * Reads members.csv: who each member is, their agency, flags, ranked topic
 * preferences (pref1..prefK for any K) and team constraints, resolving every
 * reference to an index once.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv_fields.h"
#include "io/readers.h"
#include "models/match.h"
#include "models/util.h"

enum {
    COL_ID,
    COL_NAME,
    COL_AGENCY,
    COL_ROLE,
    COL_DISCIPLINE,
    COL_SPOC_WILLING,
    COL_CF_CAPACITY,
    COL_COORDINATOR,
    COL_FIXED_TEAM,
    COL_AVOID_TEAMS,
    COL_PREVIOUS_TEAM,
    N_COLS
};

/* The number k of a "prefk" column name, or 0. */
static size_t pref_number(const char *name)
{
    if (strncmp(name, "pref", 4) != 0 || !isdigit((unsigned char)name[4]))
        return 0;
    size_t k = 0;
    for (const char *s = name + 4; *s; s++) {
        if (!isdigit((unsigned char)*s) || k > 100000)
            return 0;
        k = k * 10 + (size_t)(*s - '0');
    }
    return k;
}

static bool is_pref_column(const char *name, void *payload)
{
    (void)payload;
    return pref_number(name) > 0;
}

typedef struct reader {
    mapa_partnership *p;
    const mapa__csv_table *t;
    mapa_diags *d;
    mapa__column cols[N_COLS];
    size_t *pref_cols; /* column of pref k+1, or MAPA_NONE */
    size_t k;          /* highest pref number in the header */
    bool agencies_listed;
    const mapa__matcher *agency_names; /* agencies.csv's ids, names and aliases, or NULL */
    mapa__matcher *added_names;        /* agencies added from this file, by normalised name */
    mapa__matcher *topic_names;        /* topic ids and names */
    mapa__repeats *rep;                /* problems that repeat: one message each */
    size_t *scratch;                   /* room for K preferences, then avoid teams */
    size_t scratch_cap;
} reader;

/* Find pref1..prefK in the header; a missing number in between is an error. */
static mapa_err find_prefs(reader *rd)
{
    const mapa__csv_table *t = rd->t;
    const mapa__csv_row *h = &t->rows[0];
    char name[128];
    for (size_t c = 0; c < h->n_cells; c++) {
        mapa__csv_header_name(t, c, name, sizeof name);
        size_t k = pref_number(name);
        if (k > rd->k && k <= h->n_cells)
            rd->k = k;
        else if (k > h->n_cells)
            mapa_diags_add(rd->d, MAPA_DIAG_ERROR, t->file, h->line, t->cells[h->first + c].col,
                           "column '%s': preference numbers must run pref1, pref2, ... without "
                           "gaps",
                           name);
    }
    rd->pref_cols = malloc((rd->k ? rd->k : 1) * sizeof *rd->pref_cols);
    rd->scratch_cap = rd->k + 16;
    rd->scratch = malloc(rd->scratch_cap * sizeof *rd->scratch);
    if (!rd->pref_cols || !rd->scratch)
        return mapa_error_set(MAPA_ENOMEM, "out of memory reading members");
    for (size_t k = 0; k < rd->k; k++)
        rd->pref_cols[k] = MAPA_NONE;
    for (size_t c = 0; c < h->n_cells; c++) {
        mapa__csv_header_name(t, c, name, sizeof name);
        size_t k = pref_number(name);
        if (k >= 1 && k <= rd->k)
            rd->pref_cols[k - 1] = c;
    }
    for (size_t k = 0; k < rd->k; k++)
        if (rd->pref_cols[k] == MAPA_NONE)
            mapa_diags_add(rd->d, MAPA_DIAG_ERROR, t->file, h->line, 1,
                           "the header has pref%zu but no pref%zu column: number the "
                           "preference columns pref1, pref2, ... without gaps",
                           rd->k, k + 1);
    return MAPA_OK;
}

static const mapa__csv_cell *cell(const reader *rd, size_t row, size_t col, mapa__csv_cell *s)
{
    return mapa__csv_cell_at(rd->t, row, col, s);
}

/* How the messages of a reference to a topic or an agency name it. */
typedef struct ref_kind {
    const char *prefix;  /* before the matched name: "topic " or "" */
    const char *noun;    /* "topic", "agency" */
    const char *not_one; /* "is neither a topic id nor a topic name in topics.csv" */
    const char *advice;  /* after a near miss's warning */
} ref_kind;

static const ref_kind topic_kind = {"topic ", "topic",
                                    "is neither a topic id nor a topic name in topics.csv",
                                    "correct it if that is wrong"};
static const ref_kind agency_kind = {"", "agency", "is not an id, name or alias in agencies.csv",
                                     "correct it, or add it to that agency's aliases in "
                                     "agencies.csv"};

/*
 * A match found for `subject` ("preference 'Trainning'"): exact ones are
 * read; a near miss or initials as the near_miss setting says; an ambiguous
 * one is an error. Returns the index, or MAPA_NONE after an error.
 */
static size_t judge(reader *rd, const mapa__match *m, const ref_kind *k, const char *subject,
                    const char *name, const char *other, size_t line, size_t col)
{
    switch (m->how) {
    case MAPA__MATCH_INITIALS:
    case MAPA__MATCH_NEAR:
        if (rd->p->settings.near_miss == MAPA_NEAR_MISS_ERROR) {
            mapa__repeats_add(rd->rep, MAPA_DIAG_ERROR, line, col, "%s %s: did you mean '%s'?",
                              subject, k->not_one, name);
            return MAPA_NONE;
        }
        mapa__repeats_add(rd->rep, MAPA_DIAG_WARNING, line, col, "%s is read as %s'%s' (%s); %s",
                          subject, k->prefix, name, mapa__match_how_words(m->how), k->advice);
        return m->index;
    case MAPA__MATCH_AMBIGUOUS:
        mapa__repeats_add(rd->rep, MAPA_DIAG_ERROR, line, col,
                          "%s could be %s'%s' or '%s': write the %s's id", subject, k->prefix, name,
                          other, k->noun);
        return MAPA_NONE;
    default: return m->index;
    }
}

/*
 * The topic written `text` in `column` (by id, or by name, case-, space- and
 * punctuation-insensitively; a near miss or initials as the near_miss setting
 * says), or MAPA_NONE after reporting it (as `severity` when unknown).
 */
static size_t find_topic(reader *rd, const char *text, size_t line, size_t col, const char *column,
                         mapa_severity severity, const char *consequence)
{
    size_t topic = mapa_partnership_find_topic(rd->p, text);
    if (topic != MAPA_NONE)
        return topic;
    mapa__match m = mapa__matcher_find(rd->topic_names, text);
    if (m.how == MAPA__MATCH_NONE) {
        mapa__repeats_add(rd->rep, severity, line, col, "%s '%s' %s%s", column, text,
                          topic_kind.not_one, consequence);
        return MAPA_NONE;
    }
    char *subject = mapa__format("%s '%s'", column, text);
    if (!subject) {
        rd->d->out_of_memory = true;
        return MAPA_NONE;
    }
    topic = judge(rd, &m, &topic_kind, subject, rd->p->topics[m.index].name,
                  m.other != MAPA_NONE ? rd->p->topics[m.other].name : "", line, col);
    free(subject);
    return topic;
}

/* Preferences of one row into m->prefs (rd->scratch); false after reporting a problem. */
static bool read_prefs(reader *rd, size_t row, mapa_member *m)
{
    const mapa__csv_table *t = rd->t;
    bool ok = true;
    size_t gap = 0; /* the first empty pref number, or 0 */
    m->n_prefs = 0;
    m->prefs = rd->scratch;
    for (size_t k = 0; k < rd->k; k++) {
        mapa__csv_cell s;
        const mapa__csv_cell *c = cell(rd, row, rd->pref_cols[k], &s);
        if (c->len == 0) {
            if (!gap)
                gap = k + 1;
            continue;
        }
        const char *id = mapa__csv_text(t, c);
        if (gap) {
            mapa_diags_add(rd->d, MAPA_DIAG_ERROR, t->file, c->line, c->col,
                           "pref%zu is filled but pref%zu is empty: preferences must be "
                           "consecutive, best first",
                           k + 1, gap);
            ok = false;
            gap = 0;
        }
        size_t topic = find_topic(rd, id, c->line, c->col, "preference", MAPA_DIAG_ERROR, "");
        if (topic == MAPA_NONE) {
            ok = false;
            continue;
        }
        for (size_t j = 0; j < m->n_prefs; j++) {
            if (m->prefs[j] == topic) {
                mapa_diags_add(rd->d, MAPA_DIAG_ERROR, t->file, c->line, c->col,
                               "topic '%s' is ranked twice by this member; rank each topic once",
                               id);
                ok = false;
                topic = MAPA_NONE;
                break;
            }
        }
        if (topic != MAPA_NONE)
            m->prefs[m->n_prefs++] = topic;
    }
    return ok;
}

/* A team reference (fixed_team, previous_team); MAPA_NONE when empty or unknown. */
static size_t team_ref(reader *rd, const mapa__csv_cell *c, const char *column,
                       mapa_severity severity, const char *consequence)
{
    if (c->len == 0)
        return MAPA_NONE;
    return find_topic(rd, mapa__csv_text(rd->t, c), c->line, c->col, column, severity, consequence);
}

/* avoid_teams: topic ids separated by ';', after the preferences in rd->scratch. */
static mapa_err read_avoid(reader *rd, const mapa__csv_cell *c, mapa_member *m)
{
    m->avoid = rd->scratch + m->n_prefs;
    m->n_avoid = 0;
    size_t room = rd->scratch_cap - m->n_prefs;
    const char *s = mapa__csv_text(rd->t, c);
    while (*s) {
        const char *end = strchr(s, ';');
        size_t len = end ? (size_t)(end - s) : strlen(s);
        while (len && isspace((unsigned char)*s)) {
            s++;
            len--;
        }
        while (len && isspace((unsigned char)s[len - 1]))
            len--;
        char *id = mapa__strndup(s, len);
        if (!id)
            return mapa_error_set(MAPA_ENOMEM, "out of memory reading members");
        size_t col = c->col; /* point at the id inside the cell */
        for (const char *x = mapa__csv_text(rd->t, c); x < s; x++)
            col += (*x & 0xC0) != 0x80;
        size_t topic =
            len ? find_topic(rd, id, c->line, col, "avoid_teams", MAPA_DIAG_ERROR, "") : MAPA_NONE;
        if (len && topic != MAPA_NONE && m->n_avoid < room) {
            m->avoid[m->n_avoid++] = topic;
        }
        free(id);
        s = end ? end + 1 : s + strlen(s);
    }
    return MAPA_OK;
}

/* An agency of agencies.csv written by name, alias, initials or a near miss; *known when it
 * is one (MAPA_NONE then after an error). */
static size_t listed_agency(reader *rd, const mapa__csv_cell *c, bool *known)
{
    const char *text = mapa__csv_text(rd->t, c);
    mapa__match m = mapa__matcher_find(rd->agency_names, text);
    *known = m.how != MAPA__MATCH_NONE;
    if (!*known)
        return MAPA_NONE;
    char *subject = mapa__format("agency '%s'", text);
    if (!subject) {
        rd->d->out_of_memory = true;
        return MAPA_NONE;
    }
    size_t a = judge(rd, &m, &agency_kind, subject, rd->p->agencies[m.index].name,
                     m.other != MAPA_NONE ? rd->p->agencies[m.other].name : "", c->line, c->col);
    free(subject);
    return a;
}

/* The member's agency; MAPA_NONE after an error. Unknown agencies are added. */
static size_t resolve_agency(reader *rd, const mapa__csv_cell *c, mapa_err *err)
{
    const char *id = mapa__csv_text(rd->t, c);
    size_t a = mapa_partnership_find_agency(rd->p, id);
    if (a != MAPA_NONE)
        return a;
    bool known = false;
    if (rd->agency_names) {
        a = listed_agency(rd, c, &known);
        if (known)
            return a;
    }
    mapa__match same = mapa__matcher_find_exact(rd->added_names, id);
    if (same.how != MAPA__MATCH_NONE && same.how != MAPA__MATCH_AMBIGUOUS)
        return same.index; /* "lincolnshire police " is the "Lincolnshire Police" added above */
    *err = mapa_partnership_add_agency(rd->p, &a, id, id, MAPA_SECTOR_UNKNOWN, false);
    if (*err == MAPA_OK)
        *err = mapa__matcher_add(rd->added_names, id, a, MAPA__MATCH_NAME);
    if (*err != MAPA_OK)
        return MAPA_NONE;
    rd->p->agencies[a].listed = false;
    if (rd->agencies_listed)
        mapa_diags_add(rd->d, MAPA_DIAG_WARNING, rd->t->file, c->line, c->col,
                       "agency '%s' is not in agencies.csv (by id, name or alias); it is added "
                       "with an unknown sector",
                       id);
    return a;
}

static mapa_err read_row(reader *rd, size_t row)
{
    const mapa__csv_table *t = rd->t;
    const mapa_settings *s = &rd->p->settings;
    mapa__csv_cell sc[N_COLS];
    const mapa__csv_cell *c[N_COLS];
    for (int k = 0; k < N_COLS; k++)
        c[k] = cell(rd, row, rd->cols[k].index, &sc[k]);
    if (mapa__csv_row_too_wide(t, row))
        return MAPA_OK; /* reported once for the row; its fields are shifted */
    if (c[COL_ID]->len == 0) {
        mapa_diags_add(rd->d, MAPA_DIAG_ERROR, t->file, c[COL_ID]->line, c[COL_ID]->col,
                       "empty id: every member needs an id");
        return MAPA_OK;
    }
    size_t first = mapa_partnership_find_member(rd->p, mapa__csv_text(t, c[COL_ID]));
    if (first != MAPA_NONE) {
        mapa_diags_add(rd->d, MAPA_DIAG_ERROR, t->file, c[COL_ID]->line, c[COL_ID]->col,
                       "duplicate member id '%s' (first on line %zu)", mapa__csv_text(t, c[COL_ID]),
                       rd->p->members[first].line);
        return MAPA_OK;
    }
    mapa_member m = {
        .id = (char *)mapa__csv_text(t, c[COL_ID]),
        .name = (char *)mapa__csv_text(t, c[COL_NAME]->len ? c[COL_NAME] : c[COL_ID]),
        .role = (char *)mapa__csv_text(t, c[COL_ROLE]),
        .discipline = (char *)mapa__csv_text(t, c[COL_DISCIPLINE]),
        .cf_capacity = s->cf_capacity,
        .line = c[COL_ID]->line,
    };
    if (c[COL_AGENCY]->len == 0) {
        mapa_diags_add(rd->d, MAPA_DIAG_ERROR, t->file, c[COL_AGENCY]->line, c[COL_AGENCY]->col,
                       "member '%s' has no agency", m.id);
        return MAPA_OK;
    }
    mapa_err err = MAPA_OK;
    m.agency = resolve_agency(rd, c[COL_AGENCY], &err);
    if (err != MAPA_OK || m.agency == MAPA_NONE)
        return err;
    mapa__field_flag(&m.spoc_willing, t, c[COL_SPOC_WILLING], "spoc_willing", rd->d);
    mapa__field_flag(&m.coordinator, t, c[COL_COORDINATOR], "coordinator", rd->d);
    mapa__field_count(&m.cf_capacity, t, c[COL_CF_CAPACITY], "cf_capacity", false, rd->d);
    read_prefs(rd, row, &m);
    m.fixed_team = team_ref(rd, c[COL_FIXED_TEAM], "fixed_team", MAPA_DIAG_ERROR, "");
    m.previous_team = team_ref(rd, c[COL_PREVIOUS_TEAM], "previous_team", MAPA_DIAG_WARNING,
                               "; the member counts as new");
    err = read_avoid(rd, c[COL_AVOID_TEAMS], &m);
    if (err != MAPA_OK)
        return err;
    if (m.coordinator && m.fixed_team != MAPA_NONE)
        mapa_diags_add(rd->d, MAPA_DIAG_ERROR, t->file, c[COL_FIXED_TEAM]->line,
                       c[COL_FIXED_TEAM]->col,
                       "member '%s' is a co-ordinator, who is never allocated, but has a "
                       "fixed_team; clear one of the two",
                       m.id);
    for (size_t i = 0; i < m.n_avoid && m.fixed_team != MAPA_NONE; i++)
        if (m.avoid[i] == m.fixed_team)
            mapa_diags_add(rd->d, MAPA_DIAG_ERROR, t->file, c[COL_AVOID_TEAMS]->line,
                           c[COL_AVOID_TEAMS]->col,
                           "member '%s' is fixed to team '%s' and also avoids it", m.id,
                           rd->p->topics[m.fixed_team].id);
    size_t index;
    return mapa_partnership_add_member(rd->p, &index, &m);
}

/* Topic ids and names, for find_topic. */
static mapa_err name_topics(reader *rd)
{
    mapa_err err = mapa__matcher_new(&rd->topic_names);
    for (size_t i = 0; err == MAPA_OK && i < rd->p->n_topics; i++) {
        err = mapa__matcher_add(rd->topic_names, rd->p->topics[i].id, i, MAPA__MATCH_ID);
        if (err == MAPA_OK)
            err = mapa__matcher_add(rd->topic_names, rd->p->topics[i].name, i, MAPA__MATCH_NAME);
    }
    if (err == MAPA_OK)
        err = mapa__matcher_new(&rd->added_names);
    if (err == MAPA_OK)
        err = mapa__repeats_new(&rd->rep);
    return err;
}

mapa_err mapa__read_members(mapa_partnership *p, const mapa__csv_table *t, bool agencies_listed,
                            const mapa__matcher *agency_names, mapa_diags *d)
{
    reader rd = {
        .p = p,
        .t = t,
        .d = d,
        .agencies_listed = agencies_listed,
        .agency_names = agency_names,
        .cols =
            {
                {"id", true, 0, false},
                {"name", true, 0, false},
                {"agency", true, 0, false},
                {"role", false, 0, false},
                {"discipline", false, 0, false},
                {"spoc_willing", false, 0, false},
                {"cf_capacity", false, 0, false},
                {"coordinator", false, 0, false},
                {"fixed_team", false, 0, false},
                {"avoid_teams", false, 0, false},
                {"previous_team", false, 0, false},
            },
    };
    if (!mapa__csv_columns(t, rd.cols, N_COLS, is_pref_column, NULL, d))
        return MAPA_OK;
    mapa_err err = find_prefs(&rd);
    if (err == MAPA_OK)
        err = name_topics(&rd);
    for (size_t r = 1; r < t->n_rows && err == MAPA_OK; r++) {
        /* avoid_teams may list every topic: keep room for them after the preferences */
        size_t need = rd.k + p->n_topics + 1;
        if (need > rd.scratch_cap) {
            size_t *grown = realloc(rd.scratch, need * sizeof *grown);
            if (!grown) {
                err = mapa_error_set(MAPA_ENOMEM, "out of memory reading members");
                break;
            }
            rd.scratch = grown;
            rd.scratch_cap = need;
        }
        err = read_row(&rd, r);
    }
    if (rd.rep)
        mapa__repeats_flush(rd.rep, t->file, d);
    mapa__repeats_free(rd.rep);
    mapa__matcher_free(rd.topic_names);
    mapa__matcher_free(rd.added_names);
    free(rd.pref_cols);
    free(rd.scratch);
    return err;
}
