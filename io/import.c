/*
 * `mapa import`: a Forms export, the partnership's list of organisations and
 * a topics list turned into a partnership folder, every decision written
 * down in import_report.txt (docs/formats.md, "mapa import").
 */
#define _POSIX_C_SOURCE 200809L /* open_memstream */
#include <mapa/import.h>
#include <mapa/output.h>

#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <mapa/partnership.h>

#include "io/atomic_file.h"
#include "io/csv_table.h"
#include "io/encoding.h"
#include "io/import_internal.h"
#include "io/json_alloc.h"
#include "io/readers.h"
#include "models/idmap.h"
#include "models/match.h"
#include "models/util.h"

#define ROLE_CAP 32

/* One organisation, topic or other named thing the import writes. */
typedef struct thing {
    char *id;
    char *name;
    char *aliases;      /* organisations: as the list writes them ("" when none) */
    mapa_sector sector; /* organisations */
    int statutory;      /* organisations: 1, 0, or -1 for the sector's default */
    char *limits[5];    /* topics: min_size, max_size, min_agencies, max_per_agency, cf_required */
    bool listed;        /* in the given list (not made from the responses) */
    size_t line;        /* in the list */
    size_t members;     /* members naming it (organisations) or ranking it (topics) */
} thing;

typedef struct things {
    thing *v;
    size_t n, cap;
    mapa__matcher *names;
} things;

/* A distinct text people wrote for an organisation or a topic, and what it became. */
typedef struct written {
    char *text;
    size_t uses;
    size_t lines[6];
    size_t n_lines;
    size_t col;   /* the column of its first cell */
    size_t thing; /* index into its things, or MAPA_NONE (left out) */
    mapa__match_how how;
} written;

typedef struct writtens {
    written *v;
    size_t n, cap;
    mapa_idmap *map; /* text -> index, the texts borrowed from v */
} writtens;

typedef struct person {
    size_t row; /* in the responses table */
    char *id;
    char *key; /* the id compared for double submissions */
    int64_t time;
    bool timed;
    bool dropped;
    size_t agency;
    size_t *prefs;
    size_t n_prefs;
    bool spoc;
} person;

typedef struct imp {
    const mapa_import_options *o;
    mapa_diags *d;
    mapa_import_result *res;
    FILE *rep; /* the report, in sections */
    char *rep_text;
    size_t rep_size;
    FILE *prob;
    char *prob_text;
    size_t prob_size;
    mapa__csv_table resp, orgs_t, topics_t;
    bool have_orgs, have_topics;
    json_t *settings;   /* the settings.json to write (other keys kept) */
    json_t *columns_in; /* borrowed from the settings read: the mapping to use, or NULL */
    char (*resp_role)[ROLE_CAP], (*org_role)[ROLE_CAP], (*topic_role)[ROLE_CAP];
    bool ms_forms;
    const char **why;      /* why each column of the file being decided is left out */
    const char *time_said; /* how the submission times read */
    writtens spoc_texts;   /* SPOC answers that are neither yes nor no */
    size_t col_id, col_email, col_name, col_agency, col_time, col_spoc;
    size_t *pref_col; /* pref k+1's column */
    size_t k;
    bool id_is_email;
    int time_order;
    things orgs, topics;
    writtens org_texts, topic_texts;
    person *people;
    size_t n_people;
    size_t n_problems;
    mapa__repeats *rep_resp; /* warnings that repeat down the responses */
} imp;

static const char *const limit_names[5] = {"min_size", "max_size", "min_agencies", "max_per_agency",
                                           "cf_required"};

/* A problem left: in the report's last section, counted. */
static void problem(imp *im, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static void problem(imp *im, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("- ", im->prob);
    vfprintf(im->prob, fmt, ap);
    fputc('\n', im->prob);
    va_end(ap);
    im->n_problems++;
}

static const char *cell_text(const mapa__csv_table *t, size_t row, size_t col)
{
    const mapa__csv_row *r = &t->rows[row];
    if (col == MAPA_NONE || col >= r->n_cells)
        return "";
    return mapa__csv_text(t, &t->cells[r->first + col]);
}

static const mapa__csv_cell *header_cell(const mapa__csv_table *t, size_t col)
{
    return &t->cells[t->rows[0].first + col];
}

static size_t n_columns(const mapa__csv_table *t)
{
    return t->rows[0].n_cells;
}

/* A text made safe for one line of the report. */
static const char *shown(char *buf, size_t cap, const char *s)
{
    mapa__printable(buf, cap, s);
    return buf;
}

/* Read a CSV file for the import; `*have` when a table came back. */
static mapa_err read_csv(imp *im, const char *path, mapa__csv_table *t, const char *hint,
                         bool *have)
{
    *have = false;
    mapa_err err = mapa__csv_read(t, path, path, hint, im->d);
    if (err == MAPA_ENOTFOUND)
        return mapa_error_set(MAPA_ENOTFOUND, "%s: no such file", path);
    if (err != MAPA_OK)
        return err;
    *have = true;
    return MAPA_OK;
}

/* ---- the column mapping ---- */

/* Whether settings.json columns for `file` maps a mapa column to this header; its role. */
static bool mapped_role(const imp *im, const char *file, const char *header, char *role)
{
    json_t *map = im->columns_in ? json_object_get(im->columns_in, file) : NULL;
    const char *column;
    json_t *v;
    char *want = mapa__name_key(header);
    bool found = false;
    json_object_foreach(map, column, v)
    {
        if (found || !json_is_string(v))
            continue;
        char *key = mapa__name_key(json_string_value(v));
        if (key && want && strcmp(key, want) == 0) {
            snprintf(role, ROLE_CAP, "%s", column);
            found = true;
        }
        free(key);
    }
    free(want);
    return found;
}

/* Each column's role in words, for the report. */
static void print_columns(imp *im, const mapa__csv_table *t, char (*roles)[ROLE_CAP])
{
    char buf[200];
    for (size_t c = 0; c < n_columns(t); c++) {
        const char *h = mapa__csv_text(t, header_cell(t, c));
        if (t == &im->resp && c == im->col_id && im->col_email == c)
            fprintf(im->rep, "- \"%s\" -> id (the email address: the form has no id column)\n",
                    shown(buf, sizeof buf, h));
        else if (t == &im->resp && c == im->col_time)
            fprintf(im->rep, "- \"%s\" -> timestamp (orders double submissions; read %s)\n",
                    shown(buf, sizeof buf, h), im->time_said);
        else if (roles[c][0])
            fprintf(im->rep, "- \"%s\" -> %s\n", shown(buf, sizeof buf, h), roles[c]);
        else
            fprintf(im->rep, "- \"%s\" -> left out (%s)\n", shown(buf, sizeof buf, h),
                    im->why[c] ? im->why[c] : "not a column mapa knows");
    }
}

/* Decide each column's role in `t`, reporting each; a role taken twice keeps the first. */
static mapa_err decide_columns(imp *im, const mapa__csv_table *t, mapa__import_file file,
                               const char *json_file, char (**roles)[ROLE_CAP], const char *title)
{
    size_t n = n_columns(t);
    *roles = calloc(n ? n : 1, sizeof **roles);
    free(im->why);
    im->why = calloc(n ? n : 1, sizeof *im->why);
    if (!*roles || !im->why)
        return mapa_error_set(MAPA_ENOMEM, "out of memory importing");
    bool from_settings = im->columns_in && json_object_get(im->columns_in, json_file);
    fprintf(im->rep, "\nColumns of %s (%s)\n", t->file,
            from_settings ? "from settings.json \"columns\"; headers not named there are left out"
                          : "guessed from the headers; correct them in settings.json \"columns\" "
                            "and import again");
    (void)title;
    char buf[200];
    for (size_t c = 0; c < n; c++) {
        const char *h = mapa__csv_text(t, header_cell(t, c));
        const char *why = NULL;
        char role[ROLE_CAP] = "";
        if (from_settings) {
            if (!mapped_role(im, json_file, h, role))
                why = "not named in settings.json \"columns\"";
        } else {
            mapa__import_guess(file, h, im->ms_forms, role, sizeof role, &why);
        }
        if (!h[0]) {
            role[0] = '\0';
            why = "the column has no name";
        }
        for (size_t e = 0; e < c && role[0]; e++) {
            if (strcmp((*roles)[e], role) != 0)
                continue;
            const mapa__csv_cell *hc = header_cell(t, c);
            mapa_diags_add(im->d, MAPA_DIAG_WARNING, t->file, hc->line, hc->col,
                           "column %zu ('%s') would also be %s, which column %zu is: it is left "
                           "out; rename one of the two, or map them in settings.json \"columns\"",
                           c + 1, shown(buf, sizeof buf, h), role, e + 1);
            problem(im, "%s: column %zu \"%s\" is left out: column %zu is already %s", t->file,
                    c + 1, shown(buf, sizeof buf, h), e + 1, role);
            snprintf(role, sizeof role, "%s", "");
            why = "a second column for the same thing";
            break;
        }
        snprintf((*roles)[c], ROLE_CAP, "%s", role);
        im->why[c] = why;
    }
    if (file != MAPA__IMPORT_RESPONSES)
        print_columns(im, t, *roles);
    return MAPA_OK;
}

static size_t role_column(char (*roles)[ROLE_CAP], size_t n, const char *role)
{
    for (size_t c = 0; c < n; c++)
        if (strcmp(roles[c], role) == 0)
            return c;
    return MAPA_NONE;
}

static void decide_time_order(imp *im);

/* The response columns mapa uses, with the preferences in order. */
static mapa_err response_columns(imp *im)
{
    const mapa__csv_table *t = &im->resp;
    size_t n = n_columns(t);
    for (size_t c = 0; c < n && !im->ms_forms; c++) {
        const char *h = mapa__csv_text(t, header_cell(t, c));
        im->ms_forms =
            mapa__streq_nocase(h, "Start time") || mapa__streq_nocase(h, "Completion time");
    }
    mapa_err err =
        decide_columns(im, t, MAPA__IMPORT_RESPONSES, "members", &im->resp_role, "responses");
    if (err != MAPA_OK)
        return err;
    im->col_id = role_column(im->resp_role, n, "id");
    im->col_email = role_column(im->resp_role, n, "email");
    im->col_name = role_column(im->resp_role, n, "name");
    im->col_agency = role_column(im->resp_role, n, "agency");
    im->col_time = role_column(im->resp_role, n, "timestamp");
    im->col_spoc = role_column(im->resp_role, n, "spoc_willing");
    if (im->col_id != MAPA_NONE) {
        char role[ROLE_CAP];
        const char *why;
        mapa__import_guess(MAPA__IMPORT_RESPONSES, mapa__csv_text(t, header_cell(t, im->col_id)),
                           false, role, sizeof role, &why);
        im->id_is_email = strcmp(role, "email") == 0;
    } else if (im->col_email != MAPA_NONE) {
        im->id_is_email = true;
        im->col_id = im->col_email;
        snprintf(im->resp_role[im->col_id], ROLE_CAP, "id");
    } else {
        fprintf(im->rep, "- the form has neither an id nor an email column: members are given "
                         "ids from their line (line-2, line-3, ...)\n");
        problem(im, "%s has neither an id nor an email column: ids were made from the lines",
                t->file);
    }
    for (size_t c = 0; c < n; c++)
        if (strncmp(im->resp_role[c], "pref", 4) == 0) {
            size_t k = (size_t)atol(im->resp_role[c] + 4);
            if (k > im->k)
                im->k = k;
        }
    im->pref_col = malloc((im->k ? im->k : 1) * sizeof *im->pref_col);
    if (!im->pref_col)
        return mapa_error_set(MAPA_ENOMEM, "out of memory importing");
    for (size_t k = 0; k < im->k; k++) {
        char role[ROLE_CAP];
        snprintf(role, sizeof role, "pref%zu", k + 1);
        im->pref_col[k] = role_column(im->resp_role, n, role);
    }
    decide_time_order(im);
    print_columns(im, t, im->resp_role);
    if (im->col_agency == MAPA_NONE) {
        mapa_diags_add(im->d, MAPA_DIAG_ERROR, t->file, t->rows[0].line, 1,
                       "no column of the form names the member's organisation: map one in "
                       "settings.json \"columns\" ({\"members\": {\"agency\": \"...\"}})");
        return MAPA_EFORMAT;
    }
    if (t->n_rows < 2) {
        mapa_diags_add(im->d, MAPA_DIAG_ERROR, t->file, t->rows[0].line + 1, 1,
                       "the form has no responses below its header");
        return MAPA_EFORMAT;
    }
    return MAPA_OK;
}

/* ---- organisations and topics ---- */

static void thing_dispose(thing *x)
{
    free(x->id);
    free(x->name);
    free(x->aliases);
    for (int i = 0; i < 5; i++)
        free(x->limits[i]);
}

static void things_dispose(things *ts)
{
    for (size_t i = 0; i < ts->n; i++)
        thing_dispose(&ts->v[i]);
    free(ts->v);
    mapa__matcher_free(ts->names);
}

/* An id for `name` not yet taken in `ts` ("crimestoppers", "crimestoppers-2"). */
static char *fresh_id(const things *ts, const char *name, const char *fallback)
{
    char base[64], id[80];
    mapa__import_slug(name, base, sizeof base);
    if (!base[0])
        snprintf(base, sizeof base, "%s", fallback);
    snprintf(id, sizeof id, "%s", base);
    for (size_t k = 2;; k++) {
        bool taken = false;
        for (size_t i = 0; i < ts->n && !taken; i++)
            taken = strcmp(ts->v[i].id, id) == 0;
        if (!taken)
            break;
        snprintf(id, sizeof id, "%s-%zu", base, k);
    }
    return mapa__strdup(id);
}

static mapa_err add_thing(things *ts, size_t *index, const char *id, const char *name,
                          const char *fallback)
{
    void *grown = ts->v;
    if (!mapa__grow(&grown, &ts->cap, ts->n + 1, sizeof *ts->v))
        return mapa_error_set(MAPA_ENOMEM, "out of memory importing");
    ts->v = grown;
    thing x = {.statutory = -1, .sector = MAPA_SECTOR_UNKNOWN};
    x.id = id && id[0] ? mapa__strdup(id) : fresh_id(ts, name, fallback);
    x.name = mapa__strdup(name);
    x.aliases = mapa__strdup("");
    if (!x.id || !x.name || !x.aliases) {
        thing_dispose(&x);
        return mapa_error_set(MAPA_ENOMEM, "out of memory importing");
    }
    *index = ts->n;
    ts->v[ts->n++] = x;
    /* an id made here from the name is nobody's spelling: only a given id is matched */
    mapa_err err = mapa__matcher_add(ts->names, x.name, *index, MAPA__MATCH_NAME);
    if (err == MAPA_OK && id && id[0])
        err = mapa__matcher_add(ts->names, x.id, *index, MAPA__MATCH_ID);
    return err;
}

/* A sector as lists write it ("Local Authority", "NGO", "Charity"). */
static mapa_sector sector_of(const char *s, bool *known)
{
    static const struct {
        const char *word;
        mapa_sector sector;
    } extra[] = {
        {"charity", MAPA_SECTOR_NGO},
        {"voluntary", MAPA_SECTOR_NGO},
        {"third sector", MAPA_SECTOR_NGO},
        {"nhs", MAPA_SECTOR_HEALTH},
        {"university", MAPA_SECTOR_ACADEMIA},
        {"private", MAPA_SECTOR_BUSINESS},
        {"council", MAPA_SECTOR_LOCAL_AUTHORITY},
    };
    char n[64];
    size_t k = 0;
    for (; *s && k + 1 < sizeof n; s++)
        n[k++] = (*s == ' ' || *s == '-') ? '_' : (char)tolower((unsigned char)*s);
    n[k] = '\0';
    mapa_sector sec = MAPA_SECTOR_UNKNOWN;
    *known = true;
    if (!n[0])
        return MAPA_SECTOR_UNKNOWN;
    if (mapa_sector_parse(&sec, n))
        return sec;
    for (size_t i = 0; i < sizeof extra / sizeof *extra; i++) {
        char w[32];
        snprintf(w, sizeof w, "%s", extra[i].word);
        for (char *p = w; *p; p++)
            *p = *p == ' ' ? '_' : *p;
        if (strcmp(n, w) == 0)
            return extra[i].sector;
    }
    *known = false;
    return MAPA_SECTOR_OTHER;
}

/* "Statutory" / "Voluntary" / "Non-statutory" / yes / no; -1 for the sector's default. */
static int statutory_of(const char *s, bool *known)
{
    char *k = mapa__name_key(s);
    int v = -1;
    *known = true;
    if (!k || !k[0])
        v = -1;
    else if (!strcmp(k, "statutory") || !strcmp(k, "yes") || !strcmp(k, "y") ||
             !strcmp(k, "true") || !strcmp(k, "1"))
        v = 1;
    else if (!strcmp(k, "voluntary") || !strcmp(k, "nonstatutory") || !strcmp(k, "no") ||
             !strcmp(k, "n") || !strcmp(k, "false") || !strcmp(k, "0"))
        v = 0;
    else
        *known = false;
    free(k);
    return v;
}

static mapa_err add_aliases(things *ts, size_t index, const char *aliases)
{
    thing *x = &ts->v[index];
    free(x->aliases);
    x->aliases = mapa__strdup(aliases);
    if (!x->aliases)
        return mapa_error_set(MAPA_ENOMEM, "out of memory importing");
    for (const char *s = aliases; *s;) {
        const char *end = strchr(s, ';');
        size_t len = end ? (size_t)(end - s) : strlen(s);
        char *a = mapa__strndup(s, len);
        if (!a)
            return mapa_error_set(MAPA_ENOMEM, "out of memory importing");
        char *b = a;
        while (*b == ' ')
            b++;
        for (size_t l = strlen(b); l && b[l - 1] == ' '; l--)
            b[l - 1] = '\0';
        mapa_err err = *b ? mapa__matcher_add(ts->names, b, index, MAPA__MATCH_ALIAS) : MAPA_OK;
        free(a);
        if (err != MAPA_OK)
            return err;
        s = end ? end + 1 : s + len;
    }
    return MAPA_OK;
}

static mapa_err read_organisations(imp *im)
{
    const mapa__csv_table *t = &im->orgs_t;
    mapa_err err = decide_columns(im, t, MAPA__IMPORT_ORGANISATIONS, "agencies", &im->org_role,
                                  "organisations");
    if (err != MAPA_OK)
        return err;
    size_t n = n_columns(t);
    size_t cid = role_column(im->org_role, n, "id"), cname = role_column(im->org_role, n, "name");
    size_t csec = role_column(im->org_role, n, "sector");
    size_t cstat = role_column(im->org_role, n, "statutory");
    size_t calias = role_column(im->org_role, n, "aliases");
    if (cname == MAPA_NONE) {
        cname = cid != MAPA_NONE ? cid : 0;
        fprintf(im->rep, "- no column is the organisation's name: column %zu is used\n", cname + 1);
        snprintf(im->org_role[cname], ROLE_CAP, "name");
    }
    char buf[200];
    for (size_t r = 1; r < t->n_rows; r++) {
        const char *name = cell_text(t, r, cname), *id = cell_text(t, r, cid);
        size_t line = t->rows[r].line;
        if (!name[0] && !id[0])
            continue;
        if (!name[0])
            name = id;
        mapa__match same = mapa__matcher_find_exact(im->orgs.names, name);
        if (same.how != MAPA__MATCH_NONE && same.how != MAPA__MATCH_AMBIGUOUS) {
            problem(im,
                    "%s line %zu: \"%s\" is the organisation of line %zu again: the two "
                    "are one agency",
                    t->file, line, shown(buf, sizeof buf, name), im->orgs.v[same.index].line);
            continue;
        }
        size_t index;
        err = add_thing(&im->orgs, &index, id, name, "organisation");
        if (err != MAPA_OK)
            return err;
        thing *x = &im->orgs.v[index];
        x->listed = true;
        x->line = line;
        bool known;
        const char *sec = cell_text(t, r, csec);
        x->sector = sector_of(sec, &known);
        if (!known)
            problem(im, "%s line %zu: sector \"%s\" of %s is not one mapa knows: written as other",
                    t->file, line, shown(buf, sizeof buf, sec), x->name);
        const char *st = cell_text(t, r, cstat);
        x->statutory = statutory_of(st, &known);
        if (!known)
            problem(im,
                    "%s line %zu: \"%s\" does not say whether %s is statutory: the sector's "
                    "default is used",
                    t->file, line, shown(buf, sizeof buf, st), x->name);
        err = add_aliases(&im->orgs, index, cell_text(t, r, calias));
        if (err != MAPA_OK)
            return err;
    }
    return MAPA_OK;
}

static mapa_err read_topic_list(imp *im)
{
    const mapa__csv_table *t = &im->topics_t;
    mapa_err err = decide_columns(im, t, MAPA__IMPORT_TOPICS, "topics", &im->topic_role, "topics");
    if (err != MAPA_OK)
        return err;
    size_t n = n_columns(t);
    size_t cid = role_column(im->topic_role, n, "id"),
           cname = role_column(im->topic_role, n, "name");
    if (cname == MAPA_NONE)
        cname = cid != MAPA_NONE ? cid : 0;
    char buf[200];
    for (size_t r = 1; r < t->n_rows; r++) {
        const char *name = cell_text(t, r, cname), *id = cell_text(t, r, cid);
        if (!name[0] && !id[0])
            continue;
        if (!name[0])
            name = id;
        mapa__match same = mapa__matcher_find_exact(im->topics.names, id[0] ? id : name);
        if (same.how != MAPA__MATCH_NONE && same.how != MAPA__MATCH_AMBIGUOUS) {
            problem(im, "%s line %zu: topic \"%s\" is there twice: the second is left out", t->file,
                    t->rows[r].line, shown(buf, sizeof buf, name));
            continue;
        }
        size_t index;
        err = add_thing(&im->topics, &index, id, name, "topic");
        if (err != MAPA_OK)
            return err;
        thing *x = &im->topics.v[index];
        x->listed = true;
        x->line = t->rows[r].line;
        for (int l = 0; l < 5; l++) {
            size_t c = role_column(im->topic_role, n, limit_names[l]);
            x->limits[l] = mapa__strdup(cell_text(t, r, c));
            if (!x->limits[l])
                return mapa_error_set(MAPA_ENOMEM, "out of memory importing");
        }
    }
    return MAPA_OK;
}

/* ---- what people wrote ---- */

static void writtens_dispose(writtens *ws)
{
    for (size_t i = 0; i < ws->n; i++)
        free(ws->v[i].text);
    free(ws->v);
    mapa__idmap_free(ws->map);
}

/* The index of the distinct text `s` in `ws`, or MAPA_NONE. O(1) expected. */
static size_t find_written(const writtens *ws, const char *s)
{
    return ws->map ? mapa__idmap_get(ws->map, s) : MAPA_NONE;
}

/* The distinct text `s` (trimmed already) in `ws`, counted on `line`. */
static mapa_err note_written(writtens *ws, const char *s, size_t line, size_t col, size_t *index)
{
    size_t at = find_written(ws, s);
    if (at != MAPA_NONE) {
        written *w = &ws->v[at];
        w->uses++;
        if (w->n_lines < 6)
            w->lines[w->n_lines++] = line;
        *index = at;
        return MAPA_OK;
    }
    void *grown = ws->v;
    if ((!ws->map && mapa__idmap_new(&ws->map) != MAPA_OK) ||
        !mapa__grow(&grown, &ws->cap, ws->n + 1, sizeof *ws->v))
        return mapa_error_set(MAPA_ENOMEM, "out of memory importing");
    ws->v = grown;
    written w = {.text = mapa__strdup(s), .uses = 1, .col = col, .thing = MAPA_NONE};
    size_t existing;
    if (!w.text || mapa__idmap_put(ws->map, w.text, ws->n, &existing) != MAPA_OK) {
        free(w.text);
        return mapa_error_set(MAPA_ENOMEM, "out of memory importing");
    }
    w.lines[w.n_lines++] = line;
    *index = ws->n;
    ws->v[ws->n++] = w;
    return MAPA_OK;
}

static void lines_of(const written *w, char *buf, size_t cap)
{
    size_t n = (size_t)snprintf(buf, cap, "line%s ", w->uses > 1 ? "s" : "");
    for (size_t i = 0; i < w->n_lines && n < cap; i++)
        n += (size_t)snprintf(buf + n, cap - n, "%s%zu", i ? ", " : "", w->lines[i]);
    if (w->uses > w->n_lines && n < cap)
        snprintf(buf + n, cap - n, " and %zu more", w->uses - w->n_lines);
}

/* "GLAA", "DWP": two to six capital letters. */
static bool abbreviation(const char *s)
{
    size_t n = 0;
    for (; *s; s++, n++)
        if (!isupper((unsigned char)*s))
            return false;
    return n >= 2 && n <= 6;
}

static bool before(const written *a, const written *b)
{
    bool ab = abbreviation(a->text), bb = abbreviation(b->text);
    if (ab != bb)
        return bb;
    return a->uses > b->uses;
}

/*
 * Resolve every distinct text against `ts`. With `listed`, a text no entry
 * matches is left to `unknown`; without, the texts make the entries: most
 * used first, so that a near miss joins the spelling most people wrote.
 */
static mapa_err resolve_texts(things *ts, writtens *ws, bool listed, const char *fallback)
{
    size_t *order = malloc((ws->n ? ws->n : 1) * sizeof *order);
    if (!order)
        return mapa_error_set(MAPA_ENOMEM, "out of memory importing");
    for (size_t i = 0; i < ws->n; i++)
        order[i] = i;
    /* stable insertion sort: abbreviations last (they join a name by its initials), then
       by uses, most first */
    for (size_t i = 1; i < ws->n; i++) {
        size_t x = order[i], j = i;
        for (; j > 0 && before(&ws->v[x], &ws->v[order[j - 1]]); j--)
            order[j] = order[j - 1];
        order[j] = x;
    }
    mapa_err err = MAPA_OK;
    for (size_t i = 0; i < ws->n && err == MAPA_OK; i++) {
        written *w = &ws->v[listed ? i : order[i]];
        mapa__match m = mapa__matcher_find(ts->names, w->text);
        if (m.how == MAPA__MATCH_ID || m.how == MAPA__MATCH_NAME || m.how == MAPA__MATCH_ALIAS ||
            m.how == MAPA__MATCH_NEAR || m.how == MAPA__MATCH_INITIALS) {
            w->thing = m.index;
            w->how = m.how;
            continue;
        }
        if (listed) {
            w->how = m.how; /* NONE or AMBIGUOUS: the caller decides */
            continue;
        }
        size_t index;
        err = add_thing(ts, &index, NULL, w->text, fallback);
        w->thing = index;
        w->how = MAPA__MATCH_ID; /* the entry it made */
    }
    free(order);
    return err;
}

/* In words: how a written text became its entry. */
static const char *how_words(const written *w, const thing *x)
{
    switch (w->how) {
    case MAPA__MATCH_ID:
        return strcmp(w->text, x->id) == 0 || strcmp(w->text, x->name) == 0
                   ? "as written"
                   : "by its id, ignoring case, spaces and punctuation";
    case MAPA__MATCH_NAME:
        return strcmp(w->text, x->name) == 0 ? "as written"
                                             : "by its name, ignoring case, spaces and punctuation";
    case MAPA__MATCH_ALIAS: return "by one of its aliases";
    case MAPA__MATCH_INITIALS: return "by its initials: check it";
    case MAPA__MATCH_NEAR: return "a near miss: check it";
    default: return "";
    }
}

static mapa_err resolve_organisations(imp *im)
{
    mapa_err err = resolve_texts(&im->orgs, &im->org_texts, im->have_orgs, "organisation");
    if (err != MAPA_OK)
        return err;
    char buf[200], name[200], lines[120];
    for (size_t i = 0; i < im->org_texts.n; i++) {
        written *w = &im->org_texts.v[i];
        if (w->thing != MAPA_NONE)
            continue;
        mapa__match again = mapa__matcher_find_exact(im->orgs.names, w->text);
        if (again.how != MAPA__MATCH_NONE && again.how != MAPA__MATCH_AMBIGUOUS &&
            !im->orgs.v[again.index].listed) { /* the new agency an earlier spelling made */
            w->thing = again.index;
            w->how = MAPA__MATCH_NAME;
            continue;
        }
        mapa__match m = mapa__matcher_find(im->orgs.names, w->text);
        size_t index;
        err = add_thing(&im->orgs, &index, NULL, w->text, "organisation");
        if (err != MAPA_OK)
            return err;
        lines_of(w, lines, sizeof lines);
        if (m.how == MAPA__MATCH_AMBIGUOUS)
            problem(im,
                    "organisation \"%s\" (%s) could be %s or %s: it is a new agency '%s' "
                    "until you correct it",
                    shown(buf, sizeof buf, w->text), lines, m.text, m.other_text,
                    im->orgs.v[index].id);
        w->thing = index;
        w->how = MAPA__MATCH_NONE;
        mapa__repeats_add(im->rep_resp, MAPA_DIAG_WARNING, w->lines[0], w->col,
                          "organisation '%s' is not in %s: it becomes a new agency '%s' of "
                          "unknown sector",
                          shown(buf, sizeof buf, w->text), im->o->organisations,
                          im->orgs.v[index].id);
    }
    size_t listed = 0, added = 0;
    for (size_t i = 0; i < im->orgs.n; i++)
        im->orgs.v[i].listed ? listed++ : added++;
    if (im->have_orgs)
        fprintf(im->rep, "\nOrganisations (%zu in %s, %zu added: %zu agencies)\n", listed,
                im->o->organisations, added, im->orgs.n);
    else
        fprintf(im->rep,
                "\nOrganisations (no list given: %zu agencies from the names the "
                "responses use)\n",
                im->orgs.n);
    for (size_t i = 0; i < im->org_texts.n; i++) {
        written *w = &im->org_texts.v[i];
        const thing *x = &im->orgs.v[w->thing];
        lines_of(w, lines, sizeof lines);
        shown(buf, sizeof buf, w->text);
        shown(name, sizeof name, x->name);
        if (w->how == MAPA__MATCH_NONE || (!x->listed && im->have_orgs))
            fprintf(im->rep,
                    "- \"%s\" (%s): not in the list: a new agency '%s' of unknown "
                    "sector\n",
                    buf, lines, x->id);
        else if (im->have_orgs || strcmp(w->text, x->name) != 0)
            fprintf(im->rep, "- \"%s\" (%s): %s, %s\n", buf, lines, name, how_words(w, x));
        else
            fprintf(im->rep, "- \"%s\" (%s): a new agency '%s'\n", buf, lines, x->id);
        if (w->how == MAPA__MATCH_NEAR || w->how == MAPA__MATCH_INITIALS) {
            im->res->near_misses++;
            mapa__repeats_add(im->rep_resp, MAPA_DIAG_WARNING, w->lines[0], w->col,
                              "organisation '%s' is read as '%s' (%s); correct it if that is "
                              "wrong",
                              buf, name, mapa__match_how_words(w->how));
        }
    }
    return MAPA_OK;
}

static mapa_err resolve_topics(imp *im)
{
    mapa_err err = resolve_texts(&im->topics, &im->topic_texts, im->have_topics, "topic");
    if (err != MAPA_OK)
        return err;
    if (im->have_topics)
        fprintf(im->rep, "\nTopics (%zu in %s)\n", im->topics.n, im->o->topics);
    else
        fprintf(im->rep,
                "\nTopics (no list given: %zu topics from the names the responses "
                "use, with the default limits)\n",
                im->topics.n);
    char buf[200], name[200], lines[120];
    for (size_t i = 0; i < im->topic_texts.n; i++) {
        written *w = &im->topic_texts.v[i];
        lines_of(w, lines, sizeof lines);
        shown(buf, sizeof buf, w->text);
        if (w->thing == MAPA_NONE) {
            mapa__match m = mapa__matcher_find(im->topics.names, w->text);
            if (m.how == MAPA__MATCH_AMBIGUOUS)
                problem(im,
                        "topic \"%s\" (%s) could be '%s' or '%s': left out of those "
                        "members' preferences",
                        buf, lines, m.text, m.other_text);
            else
                problem(im,
                        "topic \"%s\" (%s) is not in %s: left out of those members' "
                        "preferences",
                        buf, lines, im->o->topics);
            fprintf(im->rep, "- \"%s\" (%s): not a topic: left out\n", buf, lines);
            mapa__repeats_add(im->rep_resp, MAPA_DIAG_WARNING, w->lines[0], w->col,
                              "topic '%s' is not in %s: it is left out of the preferences", buf,
                              im->o->topics);
            continue;
        }
        const thing *x = &im->topics.v[w->thing];
        shown(name, sizeof name, x->name);
        if (!im->have_topics && strcmp(w->text, x->name) == 0)
            fprintf(im->rep, "- \"%s\" (%s): topic '%s'\n", buf, lines, x->id);
        else
            fprintf(im->rep, "- \"%s\" (%s): %s (%s), %s\n", buf, lines, name, x->id,
                    how_words(w, x));
        if (w->how == MAPA__MATCH_NEAR || w->how == MAPA__MATCH_INITIALS) {
            im->res->near_misses++;
            mapa__repeats_add(im->rep_resp, MAPA_DIAG_WARNING, w->lines[0], w->col,
                              "topic '%s' is read as '%s' (%s); correct it if that is wrong", buf,
                              name, mapa__match_how_words(w->how));
        }
    }
    return MAPA_OK;
}

/* ---- the people ---- */

static void people_dispose(imp *im)
{
    for (size_t i = 0; i < im->n_people; i++) {
        free(im->people[i].id);
        free(im->people[i].key);
        free(im->people[i].prefs);
    }
    free(im->people);
}

/* How the column's dates read (year first, day first or month first), reported. */
static void decide_time_order(imp *im)
{
    im->time_said = "";
    if (im->col_time == MAPA_NONE)
        return;
    unsigned evidence = 0;
    for (size_t r = 1; r < im->resp.n_rows; r++)
        evidence |= mapa__import_time_evidence(cell_text(&im->resp, r, im->col_time));
    const char *said;
    if (evidence & 1) {
        im->time_order = MAPA__TIME_DMY;
        said = "day first (a date's first number is above 12)";
    } else if (evidence & 2) {
        im->time_order = MAPA__TIME_MDY;
        said = "month first (a date's second number is above 12)";
    } else if (im->ms_forms) {
        im->time_order = MAPA__TIME_MDY;
        said = "month first, as Microsoft Forms writes them";
    } else {
        im->time_order = MAPA__TIME_DMY;
        said = "year first, or else day first as in the UK";
    }
    im->time_said = said;
}

static bool looks_like_email(const char *s)
{
    const char *at = strchr(s, '@');
    return at && at != s && strchr(at + 1, '.') && !strchr(s, ' ');
}

static mapa_err make_person(imp *im, size_t r, person *p)
{
    const mapa__csv_table *t = &im->resp;
    size_t line = t->rows[r].line;
    const char *id = cell_text(t, r, im->col_id);
    char made[48], buf[200];
    *p = (person){.row = r, .agency = MAPA_NONE};
    if (im->col_id == MAPA_NONE) {
        snprintf(made, sizeof made, "line-%zu", line);
        id = made;
    } else if (!id[0] || (im->id_is_email && !looks_like_email(id))) {
        snprintf(made, sizeof made, "%s-line-%zu", id[0] && strlen(id) < 20 ? id : "no-id", line);
        for (char *c = made; *c; c++)
            *c = isalnum((unsigned char)*c) || *c == '-' ? (char)tolower((unsigned char)*c) : '-';
        const mapa__csv_cell *c = &t->cells[t->rows[r].first];
        if (im->col_id < t->rows[r].n_cells)
            c = &t->cells[t->rows[r].first + im->col_id];
        mapa_diags_add(im->d, MAPA_DIAG_WARNING, t->file, line, c->col,
                       "this response has %s '%s': it becomes member '%s' and is never merged "
                       "with another",
                       id[0] ? "no email address, only" : "no id", shown(buf, sizeof buf, id),
                       made);
        problem(im, "%s line %zu: %s \"%s\": the member's id is '%s'", t->file, line,
                id[0] ? "not an email address" : "no id", shown(buf, sizeof buf, id), made);
        id = made;
    }
    p->id = mapa__strdup(id);
    p->key = mapa__strdup(id);
    if (!p->id || !p->key)
        return mapa_error_set(MAPA_ENOMEM, "out of memory importing");
    if (im->id_is_email)
        for (char *c = p->key; *c; c++)
            *c = (char)tolower((unsigned char)*c);
    if (im->col_time != MAPA_NONE)
        p->timed = mapa__import_time(cell_text(t, r, im->col_time), im->time_order, &p->time);
    return MAPA_OK;
}

/* Double submissions: the latest by time (the later line when times tie or are missing). */
static mapa_err merge_doubles(imp *im)
{
    char a[120], b[120];
    bool any = false;
    mapa_idmap *seen = NULL; /* key -> the first person with it */
    size_t *kept_of = malloc((im->n_people ? im->n_people : 1) * sizeof *kept_of);
    if (!kept_of || mapa__idmap_new(&seen) != MAPA_OK) {
        free(kept_of);
        return mapa_error_set(MAPA_ENOMEM, "out of memory importing");
    }
    for (size_t i = 0; i < im->n_people; i++) {
        person *later = &im->people[i];
        size_t slot = mapa__idmap_get(seen, later->key), existing;
        if (slot == MAPA_NONE) {
            kept_of[i] = i;
            if (mapa__idmap_put(seen, later->key, i, &existing) != MAPA_OK) {
                free(kept_of);
                mapa__idmap_free(seen);
                return mapa_error_set(MAPA_ENOMEM, "out of memory importing");
            }
            continue;
        }
        {
            person *first = &im->people[kept_of[slot]];
            bool keep_first = first->timed && later->timed && first->time > later->time;
            person *kept = keep_first ? first : later, *gone = keep_first ? later : first;
            size_t lk = im->resp.rows[kept->row].line, lg = im->resp.rows[gone->row].line;
            snprintf(a, sizeof a, "%s", cell_text(&im->resp, kept->row, im->col_time));
            snprintf(b, sizeof b, "%s", cell_text(&im->resp, gone->row, im->col_time));
            if (!any)
                fprintf(im->rep, "\nDouble submissions (the latest by time is kept)\n");
            any = true;
            const char *why = kept->timed && gone->timed && kept->time != gone->time
                                  ? "the later"
                                  : "the later line (the times do not tell)";
            fprintf(im->rep,
                    "- %s: lines %zu (%s) and %zu (%s): line %zu kept, %s; line %zu "
                    "dropped\n",
                    kept->id, lg < lk ? lg : lk, lg < lk ? b : a, lg < lk ? lk : lg,
                    lg < lk ? a : b, lk, why, lg);
            mapa_diags_add(im->d, MAPA_DIAG_WARNING, im->resp.file, lg,
                           im->resp.cells[im->resp.rows[gone->row].first].col,
                           "'%s' answered twice (lines %zu and %zu): line %zu, %s, is kept and "
                           "this one is dropped",
                           kept->id, lg < lk ? lg : lk, lg < lk ? lk : lg, lk, why);
            gone->dropped = true;
            im->res->merged++;
            kept_of[slot] = (size_t)(kept - im->people);
        }
    }
    free(kept_of);
    mapa__idmap_free(seen);
    if (!any)
        fprintf(im->rep, "\nDouble submissions: none (%s is compared%s)\n",
                im->id_is_email ? "the email address" : "the id",
                im->id_is_email ? ", ignoring case" : "");
    return MAPA_OK;
}

/* "Yes", "no", "Y", "TRUE", "Yes, happy to": true/false; *known false for "Maybe". */
static bool spoc_of(const char *s, bool *known)
{
    char w[16];
    size_t n = 0;
    for (; *s && n + 1 < sizeof w && isalpha((unsigned char)*s); s++)
        w[n++] = (char)tolower((unsigned char)*s);
    w[n] = '\0';
    *known = true;
    if (!strcmp(w, "yes") || !strcmp(w, "y") || !strcmp(w, "true") || !strcmp(s - n, "1"))
        return true;
    if (!strcmp(w, "no") || !strcmp(w, "n") || !strcmp(w, "false") || !strcmp(s - n, "0") ||
        !*(s - n))
        return false;
    *known = false;
    return false;
}

static mapa_err read_people(imp *im)
{
    const mapa__csv_table *t = &im->resp;
    im->people = calloc(t->n_rows, sizeof *im->people);
    if (!im->people)
        return mapa_error_set(MAPA_ENOMEM, "out of memory importing");
    for (size_t r = 1; r < t->n_rows; r++) {
        mapa_err err = make_person(im, r, &im->people[im->n_people]);
        im->n_people++;
        if (err != MAPA_OK)
            return err;
        for (size_t c = n_columns(t); c < t->rows[r].n_cells; c++)
            if (t->cells[t->rows[r].first + c].len) {
                const mapa__csv_cell *x = &t->cells[t->rows[r].first + c];
                mapa_diags_add(im->d, MAPA_DIAG_WARNING, t->file, x->line, x->col,
                               "this row has more fields than the header has columns: the "
                               "extra ones are left out");
                problem(im,
                        "%s line %zu has more fields than the header: the extra ones are "
                        "left out",
                        t->file, t->rows[r].line);
                break;
            }
    }
    im->res->responses = im->n_people;
    return merge_doubles(im);
}

/* Note every organisation and topic text of the kept responses. */
static mapa_err note_texts(imp *im)
{
    const mapa__csv_table *t = &im->resp;
    for (size_t i = 0; i < im->n_people; i++) {
        person *p = &im->people[i];
        if (p->dropped)
            continue;
        size_t line = t->rows[p->row].line, at;
        const char *org = cell_text(t, p->row, im->col_agency);
        if (org[0]) {
            mapa_err err = note_written(&im->org_texts, org, line,
                                        t->cells[t->rows[p->row].first + im->col_agency].col, &at);
            if (err != MAPA_OK)
                return err;
            p->agency = at; /* a text index until the texts are resolved */
        }
        for (size_t k = 0; k < im->k; k++) {
            const char *s = cell_text(t, p->row, im->pref_col[k]);
            if (!s[0])
                continue;
            mapa_err err = note_written(&im->topic_texts, s, line,
                                        t->cells[t->rows[p->row].first + im->pref_col[k]].col, &at);
            if (err != MAPA_OK)
                return err;
        }
    }
    return MAPA_OK;
}

/* Each kept person's agency, preferences (topics, each once, in order) and SPOC answer. */
static mapa_err settle_people(imp *im)
{
    const mapa__csv_table *t = &im->resp;
    char buf[200];
    size_t yes = 0, no = 0;
    for (size_t i = 0; i < im->n_people; i++) {
        person *p = &im->people[i];
        if (p->dropped)
            continue;
        size_t line = t->rows[p->row].line;
        if (p->agency == MAPA_NONE) {
            const mapa__csv_cell *c = &t->cells[t->rows[p->row].first];
            mapa_diags_add(im->d, MAPA_DIAG_WARNING, t->file, line, c->col,
                           "member '%s' names no organisation: the agency 'unknown' is used",
                           p->id);
            problem(im, "%s line %zu: %s names no organisation: agency 'unknown'", t->file, line,
                    p->id);
            mapa__match m = mapa__matcher_find_exact(im->orgs.names, "unknown");
            size_t index = m.index;
            if (m.how == MAPA__MATCH_NONE) {
                mapa_err err = add_thing(&im->orgs, &index, "unknown", "unknown", "unknown");
                if (err != MAPA_OK)
                    return err;
            }
            p->agency = index;
        } else {
            p->agency = im->org_texts.v[p->agency].thing;
        }
        im->orgs.v[p->agency].members++;
        p->prefs = malloc((im->k ? im->k : 1) * sizeof *p->prefs);
        if (!p->prefs)
            return mapa_error_set(MAPA_ENOMEM, "out of memory importing");
        for (size_t k = 0; k < im->k; k++) {
            const char *s = cell_text(t, p->row, im->pref_col[k]);
            size_t w = s[0] ? find_written(&im->topic_texts, s) : MAPA_NONE;
            size_t at = w == MAPA_NONE ? MAPA_NONE : im->topic_texts.v[w].thing;
            if (at == MAPA_NONE)
                continue;
            bool twice = false;
            for (size_t j = 0; j < p->n_prefs && !twice; j++)
                twice = p->prefs[j] == at;
            if (twice) {
                problem(im, "%s line %zu: %s ranks %s twice: the second is left out", t->file, line,
                        p->id, im->topics.v[at].id);
                continue;
            }
            p->prefs[p->n_prefs++] = at;
            im->topics.v[at].members++;
        }
        bool known = true;
        const char *answer = cell_text(t, p->row, im->col_spoc);
        p->spoc = spoc_of(answer, &known);
        if (!known) {
            const mapa__csv_cell *c = &t->cells[t->rows[p->row].first + im->col_spoc];
            size_t at;
            mapa_err err = note_written(&im->spoc_texts, answer, line, c->col, &at);
            if (err != MAPA_OK)
                return err;
            mapa__repeats_add(im->rep_resp, MAPA_DIAG_WARNING, c->line, c->col,
                              "SPOC answer '%s' is neither yes nor no: read as no (not willing)",
                              shown(buf, sizeof buf, answer));
        }
        p->spoc ? yes++ : no++;
    }
    if (im->col_spoc != MAPA_NONE)
        fprintf(im->rep,
                "\nSPOC answers: %zu willing, %zu not (an answer other than yes or no "
                "is read as no, and listed under Problems left)\n",
                yes, no);
    char lines[120];
    for (size_t i = 0; i < im->spoc_texts.n; i++) {
        const written *w = &im->spoc_texts.v[i];
        lines_of(w, lines, sizeof lines);
        problem(im,
                "SPOC answer \"%s\" (%s) is neither yes nor no: read as no (not willing); "
                "write yes in members.csv for those who are",
                shown(buf, sizeof buf, w->text), lines);
    }
    return MAPA_OK;
}

/* ---- writing ---- */

/*
 * `s` as one line for a one-line column: tabs and line breaks become spaces
 * (a Role typed over two lines in a form); *changed when it had any.
 */
static char *one_line(const char *s, bool *changed)
{
    char *o = mapa__strdup(s);
    *changed = false;
    if (!o)
        return NULL;
    size_t n = 0;
    for (const char *p = s; *p; p++) {
        bool brk = *p == '\n' || *p == '\r' || *p == '\t';
        *changed |= brk;
        if (brk) {
            if (n && o[n - 1] != ' ')
                o[n++] = ' ';
            continue;
        }
        o[n++] = *p;
    }
    o[n] = '\0';
    return o;
}

/* A cell of the responses, as one line, written; a change is a problem left. */
static bool put_one_line(imp *im, FILE *fp, const person *p, size_t col, const char *what,
                         bool last)
{
    bool changed;
    char *s = one_line(cell_text(&im->resp, p->row, col), &changed);
    if (!s)
        return false;
    if (changed)
        problem(im, "%s line %zu: the %s of %s held a line break or a tab: written on one line",
                im->resp.file, im->resp.rows[p->row].line, what, p->id);
    mapa__csv_put(fp, s, last);
    free(s);
    return true;
}

static void put_row(FILE *fp, const char *const *cells, size_t n)
{
    for (size_t i = 0; i < n; i++)
        mapa__csv_put(fp, cells[i], i + 1 == n);
}

static mapa_err write_buffer(imp *im, const char *name, char *text, size_t size)
{
    char *path = mapa__path_join(im->o->out, name);
    if (!path)
        return mapa_error_set(MAPA_ENOMEM, "out of memory importing");
    mapa_err err = mapa__atomic_write(path, text, size);
    free(path);
    return err;
}

/* Close the memory stream of file `name` and write it whole to DIR/name; *text is freed. */
static mapa_err commit_stream(imp *im, FILE *fp, char **text, size_t *size, const char *name)
{
    bool failed = ferror(fp) != 0;
    fclose(fp);
    mapa_err err = failed ? mapa_error_set(MAPA_ENOMEM, "out of memory importing")
                          : write_buffer(im, name, *text, *size);
    free(*text);
    *text = NULL;
    return err;
}

static mapa_err write_members(imp *im)
{
    char *text = NULL;
    size_t size = 0;
    FILE *fp = open_memstream(&text, &size);
    if (!fp)
        return mapa_error_set(MAPA_ENOMEM, "out of memory importing");
    static const char *const extra[] = {"role",       "discipline",  "cf_capacity",  "coordinator",
                                        "fixed_team", "avoid_teams", "previous_team"};
    size_t n_extra = sizeof extra / sizeof *extra, cols[7];
    mapa__csv_put(fp, "id", false);
    mapa__csv_put(fp, "name", false);
    mapa__csv_put(fp, "agency", false);
    for (size_t e = 0; e < n_extra; e++) {
        cols[e] = role_column(im->resp_role, n_columns(&im->resp), extra[e]);
        if (cols[e] != MAPA_NONE)
            mapa__csv_put(fp, extra[e], false);
    }
    mapa__csv_put(fp, "spoc_willing", im->k == 0);
    for (size_t k = 0; k < im->k; k++) {
        char name[32];
        snprintf(name, sizeof name, "pref%zu", k + 1);
        mapa__csv_put(fp, name, k + 1 == im->k);
    }
    for (size_t i = 0; i < im->n_people; i++) {
        const person *p = &im->people[i];
        if (p->dropped)
            continue;
        bool ok = true;
        mapa__csv_put(fp, p->id, false);
        ok &= put_one_line(im, fp, p, im->col_name, "name", false);
        mapa__csv_put(fp, im->orgs.v[p->agency].id, false);
        for (size_t e = 0; e < n_extra; e++)
            if (cols[e] != MAPA_NONE)
                ok &= put_one_line(im, fp, p, cols[e], extra[e], false);
        if (!ok) {
            fclose(fp);
            free(text);
            return mapa_error_set(MAPA_ENOMEM, "out of memory importing");
        }
        mapa__csv_put(fp, p->spoc ? "yes" : "no", im->k == 0);
        for (size_t k = 0; k < im->k; k++)
            mapa__csv_put(fp, k < p->n_prefs ? im->topics.v[p->prefs[k]].id : "", k + 1 == im->k);
        im->res->members++;
    }
    return commit_stream(im, fp, &text, &size, "members.csv");
}

static mapa_err write_agencies(imp *im)
{
    char *text = NULL;
    size_t size = 0;
    FILE *fp = open_memstream(&text, &size);
    if (!fp)
        return mapa_error_set(MAPA_ENOMEM, "out of memory importing");
    const char *head[] = {"id", "name", "sector", "statutory", "aliases"};
    put_row(fp, head, 5);
    for (size_t i = 0; i < im->orgs.n; i++) {
        const thing *x = &im->orgs.v[i];
        const char *stat = x->statutory < 0 ? "" : x->statutory ? "yes" : "no";
        const char *sector = x->sector == MAPA_SECTOR_UNKNOWN ? "" : mapa_sector_name(x->sector);
        const char *row[] = {x->id, x->name, sector, stat, x->aliases};
        put_row(fp, row, 5);
        im->res->agencies++;
        im->res->agencies_new += !x->listed;
    }
    return commit_stream(im, fp, &text, &size, "agencies.csv");
}

static mapa_err write_topics(imp *im)
{
    char *text = NULL;
    size_t size = 0;
    FILE *fp = open_memstream(&text, &size);
    if (!fp)
        return mapa_error_set(MAPA_ENOMEM, "out of memory importing");
    const char *head[7] = {"id", "name"};
    for (int l = 0; l < 5; l++)
        head[2 + l] = limit_names[l];
    put_row(fp, head, 7);
    for (size_t i = 0; i < im->topics.n; i++) {
        const thing *x = &im->topics.v[i];
        const char *row[7] = {x->id, x->name};
        for (int l = 0; l < 5; l++)
            row[2 + l] = x->limits[l] ? x->limits[l] : "";
        put_row(fp, row, 7);
        im->res->topics++;
    }
    return commit_stream(im, fp, &text, &size, "topics.csv");
}

/* {"members": {"id": "Email address", ...}, "agencies": {...}, "topics": {...}} */
static json_t *columns_used(const imp *im)
{
    json_t *all = json_object();
    struct {
        const char *file;
        const mapa__csv_table *t;
        char (*roles)[ROLE_CAP];
    } files[] = {{"members", &im->resp, im->resp_role},
                 {"agencies", im->have_orgs ? &im->orgs_t : NULL, im->org_role},
                 {"topics", im->have_topics ? &im->topics_t : NULL, im->topic_role}};
    for (size_t f = 0; all && f < 3; f++) {
        if (!files[f].t)
            continue;
        json_t *map = json_object();
        if (!map || json_object_set_new(all, files[f].file, map) != 0) {
            json_decref(all);
            return NULL;
        }
        for (size_t c = 0; c < n_columns(files[f].t); c++)
            if (files[f].roles[c][0] &&
                json_object_set_new(
                    map, files[f].roles[c],
                    json_string(mapa__csv_text(files[f].t, header_cell(files[f].t, c)))) != 0) {
                json_decref(all);
                return NULL;
            }
    }
    return all;
}

static mapa_err write_settings(imp *im)
{
    json_t *cols = columns_used(im);
    if (!cols || json_object_set_new(im->settings, "columns", cols) != 0)
        return mapa_error_set(MAPA_ENOMEM, "out of memory writing settings.json");
    char *text = json_dumps(im->settings, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    if (!text)
        return mapa_error_set(MAPA_ENOMEM, "out of memory writing settings.json");
    size_t len = strlen(text);
    char *with_end = malloc(len + 2);
    mapa_err err = MAPA_OK;
    if (!with_end) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory writing settings.json");
    } else {
        memcpy(with_end, text, len);
        with_end[len] = '\n';
        err = write_buffer(im, "settings.json", with_end, len + 1);
    }
    free(with_end);
    free(text);
    return err;
}

static mapa_err write_report(imp *im)
{
    fflush(im->rep);
    fflush(im->prob);
    char *text = NULL;
    size_t size = 0;
    FILE *fp = open_memstream(&text, &size);
    if (!fp)
        return mapa_error_set(MAPA_ENOMEM, "out of memory importing");
    const mapa_import_result *r = im->res;
    fprintf(fp, "mapa import report\n\n");
    fprintf(fp, "Responses:  %s: %zu responses, %zu members (%zu double submission%s merged)\n",
            im->o->responses, r->responses, r->members, r->merged, r->merged == 1 ? "" : "s");
    fprintf(fp, "Agencies:   %zu (%zu not in the organisations list; %zu listed with no members)\n",
            r->agencies, r->agencies_new, r->agencies_idle);
    fprintf(fp, "Topics:     %zu\n", r->topics);
    fprintf(fp,
            "Written:    %s: members.csv, agencies.csv, topics.csv, settings.json (with the "
            "\"columns\" used), import_report.txt\n",
            im->o->out);
    fwrite(im->rep_text, 1, im->rep_size, fp);
    fprintf(fp, "\nProblems left (%zu)\n", im->n_problems);
    if (im->n_problems)
        fwrite(im->prob_text, 1, im->prob_size, fp);
    else
        fputs("- none\n", fp);
    return commit_stream(im, fp, &text, &size, "import_report.txt");
}

/* ---- the flow ---- */

static void encoding_line(imp *im, const mapa__csv_table *t)
{
    const char *tab = t->delimiter == '\t' ? ", tab-separated" : "";
    if (t->encoding == MAPA__ENC_CP1252 || t->encoding == MAPA__ENC_UTF16LE ||
        t->encoding == MAPA__ENC_UTF16BE)
        fprintf(im->rep,
                "- %s: %s%s (not UTF-8: converted to UTF-8; the warning says which "
                "character told)\n",
                t->file, mapa__encoding_name((mapa__encoding)t->encoding), tab);
    else
        fprintf(im->rep, "- %s: %s%s\n", t->file, mapa__encoding_name((mapa__encoding)t->encoding),
                tab);
}

static void idle_organisations(imp *im)
{
    size_t n = 0;
    for (size_t i = 0; i < im->orgs.n; i++)
        n += im->orgs.v[i].listed && im->orgs.v[i].members == 0;
    im->res->agencies_idle = n;
    if (!im->have_orgs)
        return;
    fprintf(im->rep, "\nOrganisations in the list with no members (%zu)%s\n", n, n ? "" : ": none");
    char buf[200];
    for (size_t i = 0; i < im->orgs.n; i++)
        if (im->orgs.v[i].listed && im->orgs.v[i].members == 0)
            fprintf(im->rep, "- %s (line %zu)\n", shown(buf, sizeof buf, im->orgs.v[i].name),
                    im->orgs.v[i].line);
}

/* The settings.json to start from: --settings, or out/settings.json, or an empty object. */
static mapa_err read_settings_json(imp *im)
{
    char *own = NULL;
    const char *path = im->o->settings;
    struct stat st;
    if (!path) {
        own = mapa__path_join(im->o->out, "settings.json");
        if (!own)
            return mapa_error_set(MAPA_ENOMEM, "out of memory importing");
        if (stat(own, &st) == 0)
            path = own;
    }
    mapa_err err = MAPA_OK;
    if (!path) {
        im->settings = json_object();
        err = im->settings ? MAPA_OK : mapa_error_set(MAPA_ENOMEM, "out of memory importing");
        goto cleanup;
    }
    json_error_t jerr;
    im->settings = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
    if (!im->settings || !json_is_object(im->settings)) {
        mapa_diags_add(im->d, MAPA_DIAG_ERROR, path, jerr.line > 0 ? (size_t)jerr.line : 1,
                       jerr.column > 0 ? (size_t)jerr.column : 1,
                       "%s: correct it, or remove it to have the columns guessed",
                       im->settings ? "not a JSON object" : jerr.text);
        err = MAPA_EFORMAT;
        goto cleanup;
    }
    json_t *cols = json_object_get(im->settings, "columns");
    if (cols && !json_is_object(cols)) {
        mapa_diags_add(im->d, MAPA_DIAG_ERROR, path, 1, 1,
                       "\"columns\" must be an object of files: {\"members\": {\"id\": "
                       "\"Email address\"}}");
        err = MAPA_EFORMAT;
        goto cleanup;
    }
    im->columns_in = cols && json_object_size(cols) ? cols : NULL;
    fprintf(im->rep, "\nSettings: %s%s\n", path,
            im->columns_in ? " (its \"columns\" decide the columns below)"
                           : " (no \"columns\": they are guessed; its other keys are kept)");
cleanup:
    free(own);
    return err;
}

static mapa_err make_folder(const char *dir)
{
    return mapa_make_dir(dir); /* the folders above it too, as every command's -o */
}

static mapa_err run(imp *im)
{
    bool have = false;
    mapa_err err = read_csv(im, im->o->responses, &im->resp, "the form's questions", &have);
    if (err != MAPA_OK || !have)
        return err;
    err = read_settings_json(im);
    if (err != MAPA_OK)
        return err;
    fprintf(im->rep, "\nEncodings\n");
    encoding_line(im, &im->resp);
    if (im->o->organisations) {
        err = read_csv(im, im->o->organisations, &im->orgs_t, "the organisations' names",
                       &im->have_orgs);
        if (err != MAPA_OK)
            return err;
        encoding_line(im, &im->orgs_t);
    }
    if (im->o->topics) {
        err = read_csv(im, im->o->topics, &im->topics_t, "id, name", &im->have_topics);
        if (err != MAPA_OK)
            return err;
        encoding_line(im, &im->topics_t);
    }
    err = response_columns(im);
    if (err == MAPA_OK && im->have_orgs)
        err = read_organisations(im);
    if (err == MAPA_OK && im->have_topics)
        err = read_topic_list(im);
    if (err == MAPA_OK)
        err = read_people(im);
    if (err == MAPA_OK)
        err = note_texts(im);
    if (err == MAPA_OK)
        err = resolve_organisations(im);
    if (err == MAPA_OK)
        err = resolve_topics(im);
    if (err == MAPA_OK)
        err = settle_people(im);
    if (err != MAPA_OK)
        return err;
    idle_organisations(im);
    mapa__repeats_flush(im->rep_resp, im->resp.file, im->d);
    if (im->d->out_of_memory)
        return mapa_error_set(MAPA_ENOMEM, "out of memory importing");
    err = make_folder(im->o->out);
    if (err == MAPA_OK)
        err = write_members(im);
    if (err == MAPA_OK)
        err = write_agencies(im);
    if (err == MAPA_OK)
        err = write_topics(im);
    if (err == MAPA_OK)
        err = write_settings(im);
    im->res->problems = im->n_problems;
    if (err == MAPA_OK)
        err = write_report(im);
    return err;
}

mapa_err mapa_import_run(mapa_import_result *out, mapa_diags *diags, const mapa_import_options *o)
{
    if (!o || !o->responses || !o->out)
        return mapa_error_set(MAPA_EINVAL, "mapa_import_run needs responses and out");
    mapa_import_result res = {0};
    imp im = {.o = o, .d = diags, .res = &res};
    im.resp = im.orgs_t = im.topics_t = (mapa__csv_table)MAPA__CSV_TABLE_INIT;
    mapa_err err = MAPA_OK;
    mapa__json_watch();
    im.rep = open_memstream(&im.rep_text, &im.rep_size);
    im.prob = open_memstream(&im.prob_text, &im.prob_size);
    if (!im.rep || !im.prob || mapa__matcher_new(&im.orgs.names) != MAPA_OK ||
        mapa__matcher_new(&im.topics.names) != MAPA_OK ||
        mapa__repeats_new(&im.rep_resp) != MAPA_OK) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory importing");
        goto cleanup;
    }
    err = run(&im);
    if (err == MAPA_OK && mapa__json_failed())
        err = mapa_error_set(MAPA_ENOMEM, "out of memory importing");
    if (err == MAPA_OK)
        *out = res;
cleanup:
    mapa_diags_sort(diags);
    if (im.rep)
        fclose(im.rep);
    if (im.prob)
        fclose(im.prob);
    free(im.rep_text);
    free(im.prob_text);
    mapa__csv_table_dispose(&im.resp);
    mapa__csv_table_dispose(&im.orgs_t);
    mapa__csv_table_dispose(&im.topics_t);
    json_decref(im.settings);
    free(im.resp_role);
    free(im.why);
    writtens_dispose(&im.spoc_texts);
    free(im.org_role);
    free(im.topic_role);
    free(im.pref_col);
    things_dispose(&im.orgs);
    things_dispose(&im.topics);
    writtens_dispose(&im.org_texts);
    writtens_dispose(&im.topic_texts);
    people_dispose(&im);
    mapa__repeats_free(im.rep_resp);
    return err;
}
