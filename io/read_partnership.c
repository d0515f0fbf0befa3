/*
 * Loads a partnership folder: settings.json, agencies.csv, topics.csv and
 * members.csv in that order, then the checks that span files (sizes against
 * the number of members, topics nobody ranked).
 */
#define _POSIX_C_SOURCE 200809L /* opendir */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <mapa/io.h>

#include "io/csv_fields.h"
#include "io/readers.h"
#include "models/match.h"
#include "models/util.h"

#define MEMBERS_HINT      "id, name, agency, pref1, pref2, ..."
#define TOPICS_HINT       "id, name, min_size, max_size, ..."
#define AGENCIES_HINT     "id, name, sector, statutory"
#define INTERACTIONS_HINT "from, to, date, channel, weight"
#define ACTIONS_HINT      "id, team, title, description, tags, target_group, start, end, stage"

typedef struct loader {
    const char *dir;
    mapa_partnership *p;
    mapa_diags *d;
    mapa__csv_table members, topics, agencies, interactions, actions;
    bool have_members, have_topics, have_agencies, have_interactions, have_actions;
    size_t *topic_rows;
    mapa__matcher *agency_names; /* ids, names and aliases of agencies.csv */
} loader;

static int strncasecmp_ascii(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int x = tolower((unsigned char)a[i]), y = tolower((unsigned char)b[i]);
        if (x != y || !x)
            return x - y;
    }
    return 0;
}

/*
 * Whether `found` is `want` ("members.csv") as people's downloads name it:
 * another case ("Members.csv") or a browser's copy number ("topics (1).csv").
 */
static bool same_file_name(const char *found, const char *want)
{
    const char *ext = strrchr(want, '.');
    size_t stem = (size_t)(ext - want);
    if (strncasecmp_ascii(found, want, stem) != 0)
        return false;
    const char *p = found + stem;
    if (p[0] == ' ' && p[1] == '(') { /* " (1)" */
        p += 2;
        if (!isdigit((unsigned char)*p))
            return false;
        while (isdigit((unsigned char)*p))
            p++;
        if (*p++ != ')')
            return false;
    }
    return mapa__streq_nocase(p, ext);
}

/*
 * The name of the file in `dir` that stands for `want`: `want` itself, or
 * else the first (in byte order) that same_file_name accepts; malloc'd into
 * *out, NULL when there is none.
 */
static mapa_err resolve_name(char **out, const char *dir, const char *want)
{
    *out = NULL;
    char *path = mapa__path_join(dir, want);
    if (!path)
        return mapa_error_set(MAPA_ENOMEM, "out of memory while looking for %s", want);
    struct stat st;
    bool exact = stat(path, &st) == 0 && S_ISREG(st.st_mode);
    free(path);
    if (exact) {
        *out = mapa__strdup(want);
        return *out ? MAPA_OK : mapa_error_set(MAPA_ENOMEM, "out of memory");
    }
    DIR *dp = opendir(dir);
    if (!dp)
        return MAPA_OK;
    mapa_err err = MAPA_OK;
    struct dirent *e;
    while ((e = readdir(dp)) != NULL) {
        if (!same_file_name(e->d_name, want) || (*out && strcmp(e->d_name, *out) >= 0))
            continue;
        char *full = mapa__path_join(dir, e->d_name);
        if (!full) {
            err = mapa_error_set(MAPA_ENOMEM, "out of memory while looking for %s", want);
            break;
        }
        bool regular = stat(full, &st) == 0 && S_ISREG(st.st_mode);
        free(full);
        if (!regular)
            continue;
        char *name = mapa__strdup(e->d_name);
        if (!name) {
            err = mapa_error_set(MAPA_ENOMEM, "out of memory while looking for %s", want);
            break;
        }
        free(*out);
        *out = name;
    }
    closedir(dp);
    if (err != MAPA_OK) {
        free(*out);
        *out = NULL;
    }
    return err;
}

/* Whether dir/name is a regular file; out of memory is an error, not "no file". */
static mapa_err file_exists(bool *out, const char *dir, const char *name)
{
    char *found = NULL;
    mapa_err err = resolve_name(&found, dir, name);
    *out = found != NULL;
    free(found);
    return err;
}

/* Read one CSV file; `*have` tells whether a table came back. EFORMAT is not fatal. */
static mapa_err read_table(loader *ld, const char *name, const char *hint, mapa__csv_table *t,
                           bool *have)
{
    *have = false;
    char *found = NULL, *path = NULL;
    mapa_err err = resolve_name(&found, ld->dir, name);
    if (err != MAPA_OK)
        return err;
    path = mapa__path_join(ld->dir, found ? found : name);
    if (!path) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory");
        goto cleanup;
    }
    if (found && strcmp(found, name) != 0)
        mapa_diags_add(ld->d, MAPA_DIAG_WARNING, path, 0, 0,
                       "there is no %s in the folder: this file is read as %s; rename it to "
                       "be sure",
                       name, name);
    err = mapa__csv_read(t, path, path, hint, ld->d);
    *have = err == MAPA_OK;
    if (err == MAPA_OK) {
        char file[32];
        snprintf(file, sizeof file, "%.*s", (int)(strlen(name) - 4), name); /* "members" */
        err = mapa__csv_map_columns(t, &ld->p->settings, file, ld->d);
        mapa__csv_drop_text_marks(t);
        *have = err == MAPA_OK;
    }
    if (err == MAPA_EFORMAT || (err == MAPA_OK && t->n_rows == 0))
        err = MAPA_OK;
cleanup:
    free(found);
    free(path);
    return err;
}

/* The header cell of column `name`, or the file's first cell when it is absent. */
static void header_pos(const mapa__csv_table *t, const char *name, size_t *line, size_t *col)
{
    size_t c = mapa__csv_find_column(t, name);
    const mapa__csv_cell *cell = &t->cells[t->rows[0].first + (c == MAPA_NONE ? 0 : c)];
    *line = cell->line;
    *col = c == MAPA_NONE ? 1 : cell->col;
}

/* The cell of a topic's column, or its id cell when the column is absent. */
static const mapa__csv_cell *topic_cell(const loader *ld, size_t topic, const char *name,
                                        mapa__csv_cell *scratch)
{
    size_t c = mapa__csv_find_column(&ld->topics, name);
    return mapa__csv_cell_at(&ld->topics, ld->topic_rows[topic], c, scratch);
}

/* Agencies with an allocatable member; out of memory is recorded in the diagnostics (the
 * load then fails with MAPA_ENOMEM rather than check with a wrong count). */
static size_t agencies_in_use(const mapa_partnership *p, mapa_diags *d)
{
    bool *used = calloc(p->n_agencies ? p->n_agencies : 1, sizeof *used);
    size_t n = 0;
    if (!used) {
        d->out_of_memory = true;
        return p->n_agencies;
    }
    for (size_t i = 0; i < p->n_members; i++) {
        const mapa_member *m = &p->members[i];
        if (!m->coordinator && !used[m->agency]) {
            used[m->agency] = true;
            n++;
        }
    }
    free(used);
    return n;
}

static void check_totals(loader *ld)
{
    const mapa_partnership *p = ld->p;
    const mapa__csv_table *t = &ld->topics;
    size_t allocatable = mapa_partnership_allocatable(p), coordinators = p->n_members - allocatable;
    size_t total_min = 0, total_max = 0, line, col;
    for (size_t i = 0; i < p->n_topics; i++) {
        total_min += p->topics[i].min_size;
        total_max = (p->topics[i].max_size == MAPA_UNLIMITED || total_max == MAPA_UNLIMITED)
                        ? MAPA_UNLIMITED
                        : total_max + p->topics[i].max_size;
    }
    if (total_min > allocatable) {
        header_pos(t, "min_size", &line, &col);
        mapa_diags_add(ld->d, MAPA_DIAG_ERROR, t->file, line, col,
                       "the topics' min_size add up to %zu but only %zu members can be allocated "
                       "(%zu members, %zu co-ordinator%s): lower some min_size, drop a topic or "
                       "add members",
                       total_min, allocatable, p->n_members, coordinators,
                       coordinators == 1 ? "" : "s");
    }
    if (total_max != MAPA_UNLIMITED && total_max < allocatable) {
        header_pos(t, "max_size", &line, &col);
        mapa_diags_add(ld->d, MAPA_DIAG_ERROR, t->file, line, col,
                       "the topics' max_size add up to %zu but %zu members must be allocated: "
                       "raise some max_size or add a topic",
                       total_max, allocatable);
    }
}

static void check_topics(loader *ld)
{
    const mapa_partnership *p = ld->p;
    size_t *ranked = calloc(p->n_topics ? p->n_topics : 1, sizeof *ranked);
    if (!ranked) {
        ld->d->out_of_memory = true;
        return;
    }
    for (size_t i = 0; i < p->n_members; i++)
        for (size_t r = 0; r < p->members[i].n_prefs && !p->members[i].coordinator; r++)
            ranked[p->members[i].prefs[r]]++;
    size_t agencies = agencies_in_use(p, ld->d);
    for (size_t i = 0; i < p->n_topics; i++) {
        mapa__csv_cell s;
        const mapa_topic *topic = &p->topics[i];
        const mapa__csv_cell *c = topic_cell(ld, i, "id", &s);
        if (ranked[i] == 0 && p->max_prefs > 0)
            mapa_diags_add(ld->d, MAPA_DIAG_WARNING, ld->topics.file, c->line, c->col,
                           "no member ranked topic '%s'; its team can only be filled with "
                           "members placed outside their preferences",
                           topic->id);
        if (topic->min_agencies > agencies && topic->min_agencies <= topic->max_size) {
            c = topic_cell(ld, i, "min_agencies", &s);
            mapa_diags_add(ld->d, MAPA_DIAG_ERROR, ld->topics.file, c->line, c->col,
                           "topic '%s' needs members of %zu agencies but the partnership's "
                           "allocatable members come from only %zu",
                           topic->id, topic->min_agencies, agencies);
        }
    }
    free(ranked);
}

static void check_spocs(loader *ld)
{
    const mapa_partnership *p = ld->p;
    size_t willing = 0;
    for (size_t i = 0; i < p->n_members; i++)
        willing += p->members[i].spoc_willing && !p->members[i].coordinator;
    if (willing >= p->n_topics)
        return;
    size_t line, col;
    header_pos(&ld->members, "spoc_willing", &line, &col);
    mapa_diags_add(ld->d, MAPA_DIAG_WARNING, ld->members.file, line, col,
                   "only %zu allocatable members are willing to be a SPOC but each of the %zu "
                   "teams needs one",
                   willing, p->n_topics);
}

/* Organisations of agencies.csv that no member belongs to: one warning naming them all. */
static void check_idle_agencies(loader *ld)
{
    const mapa_partnership *p = ld->p;
    bool *used = calloc(p->n_agencies ? p->n_agencies : 1, sizeof *used);
    if (!used) {
        ld->d->out_of_memory = true;
        return;
    }
    for (size_t i = 0; i < p->n_members; i++)
        used[p->members[i].agency] = true;
    char list[600] = "";
    size_t n = 0, len = 0, first_line = 0, shown = 0;
    for (size_t a = 0; a < p->n_agencies; a++) {
        if (used[a] || !p->agencies[a].listed)
            continue;
        if (n++ == 0)
            first_line = p->agencies[a].line;
        if (shown < 20 && len + 80 < sizeof list) {
            char name[64];
            mapa__printable(name, sizeof name, p->agencies[a].name);
            len += (size_t)snprintf(list + len, sizeof list - len, "%s'%s' (line %zu)",
                                    shown ? ", " : "", name, p->agencies[a].line);
            shown++;
        }
    }
    free(used);
    if (n == 0)
        return;
    if (shown < n)
        snprintf(list + len, sizeof list - len, " and %zu more", n - shown);
    mapa_diags_add(ld->d, MAPA_DIAG_WARNING, ld->agencies.file, first_line, 1,
                   "%zu organisation%s in agencies.csv ha%s no members: %s", n, n == 1 ? "" : "s",
                   n == 1 ? "s" : "ve", list);
}

static void check_across_files(loader *ld)
{
    const mapa_partnership *p = ld->p;
    if (p->n_topics == 0) {
        if (ld->topics.n_rows > 1)
            return; /* rows without a usable topic: each was reported */
        mapa_diags_add(ld->d, MAPA_DIAG_ERROR, ld->topics.file, ld->topics.rows[0].line + 1, 1,
                       "no topics: add a row for each agreed topic below the header");
        return;
    }
    if (p->n_members == 0) {
        if (ld->members.n_rows > 1)
            return;
        mapa_diags_add(ld->d, MAPA_DIAG_ERROR, ld->members.file, ld->members.rows[0].line + 1, 1,
                       "no members: add a row for each member below the header");
        return;
    }
    if (!ld->have_agencies && p->n_agencies > 0) {
        size_t line, col;
        header_pos(&ld->members, "agency", &line, &col);
        mapa_diags_add(ld->d, MAPA_DIAG_WARNING, ld->members.file, line, col,
                       "no agencies.csv: the %zu agencies named here have an unknown sector",
                       p->n_agencies);
    }
    check_totals(ld);
    check_topics(ld);
    check_spocs(ld);
    check_idle_agencies(ld);
}

static mapa_err check_folder(const char *dir)
{
    struct stat st;
    if (stat(dir, &st) != 0)
        return mapa_error_set(errno == ENOENT ? MAPA_ENOTFOUND : MAPA_EIO, "%s: %s", dir,
                              strerror(errno));
    if (!S_ISDIR(st.st_mode))
        return mapa_error_set(MAPA_ENOTFOUND,
                              "%s is not a folder: give the folder that holds members.csv and "
                              "topics.csv",
                              dir);
    bool members = false, topics = false;
    mapa_err err = file_exists(&members, dir, "members.csv");
    if (err == MAPA_OK)
        err = file_exists(&topics, dir, "topics.csv");
    if (err != MAPA_OK)
        return err;
    if (!members || !topics)
        return mapa_error_set(MAPA_ENOTFOUND,
                              "%s has no %s%s%s: a partnership folder needs members.csv and "
                              "topics.csv (see docs/formats.md)",
                              dir, members ? "" : "members.csv",
                              !members && !topics ? " and no " : "", topics ? "" : "topics.csv");
    return MAPA_OK;
}

static mapa_err load(loader *ld)
{
    char *path = mapa__path_join(ld->dir, "settings.json");
    if (!path)
        return mapa_error_set(MAPA_ENOMEM, "out of memory");
    mapa_err err = mapa__read_settings(&ld->p->settings, path, path, ld->d);
    free(path);
    if (err != MAPA_OK && err != MAPA_ENOTFOUND)
        return err;
    bool agencies = false, interactions = false, actions = false;
    err = file_exists(&agencies, ld->dir, "agencies.csv");
    if (err == MAPA_OK)
        err = file_exists(&interactions, ld->dir, "interactions.csv");
    if (err == MAPA_OK)
        err = file_exists(&actions, ld->dir, "actions.csv");
    if (err != MAPA_OK)
        return err;
    if (agencies) {
        err = read_table(ld, "agencies.csv", AGENCIES_HINT, &ld->agencies, &ld->have_agencies);
        if (err == MAPA_OK && ld->have_agencies)
            err = mapa__matcher_new(&ld->agency_names);
        if (err == MAPA_OK && ld->have_agencies)
            err = mapa__read_agencies(ld->p, &ld->agencies, ld->agency_names, ld->d);
        if (err != MAPA_OK)
            return err;
    }
    err = read_table(ld, "topics.csv", TOPICS_HINT, &ld->topics, &ld->have_topics);
    if (err == MAPA_OK && ld->have_topics) {
        ld->topic_rows = calloc(ld->topics.n_rows, sizeof *ld->topic_rows);
        err = ld->topic_rows ? mapa__read_topics(ld->p, &ld->topics, ld->topic_rows, ld->d)
                             : mapa_error_set(MAPA_ENOMEM, "out of memory");
    }
    if (err == MAPA_OK)
        err = read_table(ld, "members.csv", MEMBERS_HINT, &ld->members, &ld->have_members);
    /* without topics, every preference would be reported unknown: fix topics.csv first */
    bool topics_usable = ld->have_topics && ld->p->n_topics > 0;
    if (err == MAPA_OK && ld->have_members && topics_usable)
        err = mapa__read_members(ld->p, &ld->members, ld->have_agencies, ld->agency_names, ld->d);
    if (err == MAPA_OK && ld->have_members && ld->have_topics)
        check_across_files(ld);
    if (err == MAPA_OK && ld->have_members && topics_usable && interactions) {
        err = read_table(ld, "interactions.csv", INTERACTIONS_HINT, &ld->interactions,
                         &ld->have_interactions);
        if (err == MAPA_OK && ld->have_interactions)
            err = mapa__read_interactions(ld->p, &ld->interactions, ld->d);
    }
    if (err == MAPA_OK && topics_usable && actions) {
        err = read_table(ld, "actions.csv", ACTIONS_HINT, &ld->actions, &ld->have_actions);
        if (err == MAPA_OK && ld->have_actions)
            err = mapa__read_actions(ld->p, &ld->actions, ld->d);
    }
    return err;
}

mapa_err mapa_partnership_load(mapa_partnership **out, mapa_diags *diags, const char *dir)
{
    mapa_err err = check_folder(dir);
    if (err != MAPA_OK)
        return err;
    loader ld = {.dir = dir, .d = diags};
    ld.members = ld.topics = ld.agencies = ld.interactions = ld.actions =
        (mapa__csv_table)MAPA__CSV_TABLE_INIT;
    size_t errors_before = diags->n_errors;
    bool oom_before = diags->out_of_memory;
    err = mapa_partnership_new(&ld.p);
    if (err == MAPA_OK)
        err = load(&ld);
    if (err == MAPA_OK && diags->out_of_memory && !oom_before) /* a check or a message lost */
        err = mapa_error_set(MAPA_ENOMEM, "out of memory while reading the partnership in %s",
                             dir);
    if (err == MAPA_OK && diags->n_errors > errors_before)
        err = mapa_error_set(MAPA_EFORMAT, "%s: %zu problems in the partnership's files", dir,
                             diags->n_errors - errors_before);
    mapa_diags_sort(diags);
    if (err == MAPA_OK) {
        *out = ld.p;
        ld.p = NULL;
    }
    mapa_partnership_free(ld.p);
    mapa__csv_table_dispose(&ld.members);
    mapa__csv_table_dispose(&ld.topics);
    mapa__csv_table_dispose(&ld.agencies);
    mapa__csv_table_dispose(&ld.interactions);
    mapa__csv_table_dispose(&ld.actions);
    free(ld.topic_rows);
    mapa__matcher_free(ld.agency_names);
    return err;
}
