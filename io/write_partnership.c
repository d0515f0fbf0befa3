/*
 * A partnership written as an ordinary folder (docs/formats.md): the files
 * every command reads, each under a temporary name renamed when whole.
 */
#include <csv.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include <mapa/date.h>
#include <mapa/generate.h>
#include <mapa/output.h>

#include "io/atomic_file.h"
#include "io/csv_table.h"
#include "models/util.h"

static void field(FILE *fp, const char *s, bool last)
{
    if (mapa__csv_needs_guard(s)) { /* never a spreadsheet formula (docs/formats.md) */
        mapa__csv_put(fp, s, last);
        return;
    }
    csv_fwrite(fp, s, strlen(s));
    fputc(last ? '\n' : ',', fp);
}

static void count_field(FILE *fp, size_t v, bool last)
{
    char buf[32];
    if (v == MAPA_UNLIMITED)
        snprintf(buf, sizeof buf, "unlimited");
    else
        snprintf(buf, sizeof buf, "%zu", v);
    field(fp, buf, last);
}

static void date_field(FILE *fp, int32_t day, bool last)
{
    char buf[16] = "";
    if (day != INT32_MIN && day != INT32_MAX)
        mapa_date_format(day, buf);
    field(fp, buf, last);
}

typedef void (*body_fn)(FILE *fp, const mapa_partnership *p, const void *extra, size_t n);

static mapa_err write_file(const char *dir, const char *name, body_fn body,
                           const mapa_partnership *p, const void *extra, size_t n)
{
    char *path = mapa__path_join(dir, name);
    if (!path)
        return mapa_error_set(MAPA_ENOMEM, "out of memory");
    mapa__atomic_file f;
    mapa_err err = mapa__atomic_open(&f, path);
    if (err == MAPA_OK) {
        body(f.fp, p, extra, n);
        err = mapa__atomic_commit(&f);
    }
    free(path);
    return err;
}

static void agencies(FILE *fp, const mapa_partnership *p, const void *extra, size_t n)
{
    (void)extra, (void)n;
    mapa__csv_begin(fp, "id,name,sector,statutory\n");
    for (size_t a = 0; a < p->n_agencies; a++) {
        const mapa_agency *x = &p->agencies[a];
        field(fp, x->id, false);
        field(fp, x->name, false);
        field(fp, mapa_sector_name(x->sector), false);
        field(fp, x->statutory ? "yes" : "no", true);
    }
}

static void topics(FILE *fp, const mapa_partnership *p, const void *extra, size_t n)
{
    (void)extra, (void)n;
    mapa__csv_begin(fp, "id,name,min_size,max_size,min_agencies,max_per_agency,cf_required\n");
    for (size_t t = 0; t < p->n_topics; t++) {
        const mapa_topic *x = &p->topics[t];
        field(fp, x->id, false);
        field(fp, x->name, false);
        count_field(fp, x->min_size, false);
        count_field(fp, x->max_size, false);
        count_field(fp, x->min_agencies, false);
        count_field(fp, x->max_per_agency, false);
        count_field(fp, x->cf_required, true);
    }
}

static const char *topic_id(const mapa_partnership *p, size_t t)
{
    return t == MAPA_NONE ? "" : p->topics[t].id;
}

static void members(FILE *fp, const mapa_partnership *p, const void *extra, size_t n)
{
    (void)extra, (void)n;
    mapa__csv_begin(fp, "id,name,agency,role,discipline,spoc_willing,cf_capacity,coordinator");
    size_t K = p->max_prefs ? p->max_prefs : 1;
    for (size_t k = 0; k < K; k++)
        fprintf(fp, ",pref%zu", k + 1);
    fputs(",fixed_team,avoid_teams,previous_team\n", fp);
    for (size_t i = 0; i < p->n_members; i++) {
        const mapa_member *m = &p->members[i];
        field(fp, m->id, false);
        field(fp, m->name, false);
        field(fp, p->agencies[m->agency].id, false);
        field(fp, m->role ? m->role : "", false);
        field(fp, m->discipline ? m->discipline : "", false);
        field(fp, m->spoc_willing ? "yes" : "no", false);
        count_field(fp, m->cf_capacity, false);
        field(fp, m->coordinator ? "yes" : "no", false);
        for (size_t k = 0; k < K; k++)
            field(fp, k < m->n_prefs ? p->topics[m->prefs[k]].id : "", false);
        field(fp, topic_id(p, m->fixed_team), false);
        char avoid[4096] = "";
        for (size_t k = 0; k < m->n_avoid; k++) {
            size_t used = strlen(avoid);
            snprintf(avoid + used, sizeof avoid - used, "%s%s", k ? ";" : "",
                     p->topics[m->avoid[k]].id);
        }
        field(fp, avoid, false);
        field(fp, topic_id(p, m->previous_team), true);
    }
}

static void actions(FILE *fp, const mapa_partnership *p, const void *extra, size_t n)
{
    (void)extra, (void)n;
    static const char *const STAGES[] = {"", "decision", "action", "evaluation", "dissemination"};
    mapa__csv_begin(fp, "id,team,title,description,tags,target_group,start,end,stage\n");
    for (size_t k = 0; k < p->n_actions; k++) {
        const mapa_action *a = &p->actions[k];
        field(fp, a->id, false);
        field(fp, p->topics[a->team].id, false);
        field(fp, a->title ? a->title : "", false);
        field(fp, a->description ? a->description : "", false);
        char tags[4096] = "";
        for (size_t j = 0; j < a->n_tags; j++) {
            size_t used = strlen(tags);
            snprintf(tags + used, sizeof tags - used, "%s%s", j ? ";" : "", a->tags[j]);
        }
        field(fp, tags, false);
        field(fp, a->target_group ? a->target_group : "", false);
        date_field(fp, a->start, false);
        date_field(fp, a->end, false);
        field(fp, STAGES[a->stage <= MAPA_ACTION_DISSEMINATION ? a->stage : 0], true);
    }
}

static void interactions(FILE *fp, const mapa_partnership *p, const void *extra, size_t n)
{
    (void)extra, (void)n;
    mapa__csv_begin(fp, "from,to,date,channel,weight\n");
    for (size_t k = 0; k < p->n_interactions; k++) {
        const mapa_interaction *x = &p->interactions[k];
        char date[16];
        mapa_date_format(x->day, date);
        field(fp, p->members[x->from].id, false);
        field(fp, p->members[x->to].id, false);
        fprintf(fp, "%s,,%g\n", date, x->weight);
    }
}

static void planted(FILE *fp, const mapa_partnership *p, const void *extra, size_t n)
{
    const mapa_planted_pair *truth = extra;
    mapa__csv_begin(fp, "action_a,action_b\n");
    for (size_t k = 0; k < n; k++) {
        field(fp, p->actions[truth[k].original].id, false);
        field(fp, p->actions[truth[k].copy].id, true);
    }
}

static mapa_err settings(const mapa_partnership *p, const char *dir)
{
    json_t *root = json_object();
    if (!root)
        return mapa_error_set(MAPA_ENOMEM, "out of memory");
    if (p->settings.name)
        json_object_set_new(root, "name", json_string(p->settings.name));
    json_object_set_new(root, "objective", json_string(mapa_objective_name(p->settings.objective)));
    json_object_set_new(root, "seed", json_integer((json_int_t)p->settings.seed));
    char *text = json_dumps(root, JSON_INDENT(2));
    json_decref(root);
    char *path = mapa__path_join(dir, "settings.json");
    mapa__atomic_file f;
    mapa_err err =
        text && path ? mapa__atomic_open(&f, path) : mapa_error_set(MAPA_ENOMEM, "out of memory");
    if (err == MAPA_OK) {
        fputs(text, f.fp);
        fputc('\n', f.fp);
        err = mapa__atomic_commit(&f);
    }
    free(text);
    free(path);
    return err;
}

mapa_err mapa_partnership_write(const mapa_partnership *p, const char *dir,
                                const mapa_planted_pair *truth, size_t n_truth)
{
    mapa_err err = mapa_make_dir(dir);
    if (err == MAPA_OK)
        err = write_file(dir, "agencies.csv", agencies, p, NULL, 0);
    if (err == MAPA_OK)
        err = write_file(dir, "topics.csv", topics, p, NULL, 0);
    if (err == MAPA_OK)
        err = write_file(dir, "members.csv", members, p, NULL, 0);
    if (err == MAPA_OK)
        err = settings(p, dir);
    if (err == MAPA_OK && p->n_actions)
        err = write_file(dir, "actions.csv", actions, p, NULL, 0);
    if (err == MAPA_OK && p->n_interactions)
        err = write_file(dir, "interactions.csv", interactions, p, NULL, 0);
    if (err == MAPA_OK && truth && n_truth)
        err = write_file(dir, "planted_duplicates.csv", planted, p, truth, n_truth);
    return err;
}
