/* Writes duplicates.csv, duplicate_clusters.csv and the duplicates section of summary.json. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mapa/date.h>
#include <mapa/duplicates_output.h>
#include <mapa/output.h>

#include "io/atomic_file.h"
#include "io/csv_table.h"
#include "io/summary_merge.h"
#include "io/json_alloc.h"
#include "models/util.h"

static void text(FILE *fp, const char *s, bool last)
{
    mapa__csv_put(fp, s, last); /* quoted, never a spreadsheet formula */
}

static void terms(char *buf, size_t cap, const mapa_duplicates *d, const mapa_dup_pair *x)
{
    buf[0] = '\0';
    for (size_t k = 0; k < x->n_terms; k++) {
        size_t used = strlen(buf);
        snprintf(buf + used, cap - used, "%s%s", k ? ";" : "",
                 mapa_text_word(d->text, x->terms[k])); /* the word, not its stem */
    }
}

static const char *spotted(const mapa_duplicates *d, const mapa_partnership *p,
                           const mapa_dup_pair *x)
{
    if (p->actions[x->a].team == p->actions[x->b].team)
        return "same team";
    if (!d->have_plan)
        return "";
    return x->spotted ? "spotted" : "blind spot";
}

static mapa_err pairs_csv(const char *path, const mapa_partnership *p, const mapa_duplicates *d)
{
    mapa__atomic_file f;
    mapa_err err = mapa__atomic_open(&f, path);
    if (err != MAPA_OK)
        return err;
    mapa__csv_begin(
        f.fp, "cluster,score,action_a,team_a,title_a,action_b,team_b,title_b,text_cosine,"
              "tags_jaccard,same_target_group,overlap_days,shared_terms,cf_link,rank_a,rank_b,"
              "ratio_a,ratio_b,z_a,z_b\n");
    char buf[512];
    for (size_t k = 0; k < d->n_pairs; k++) {
        const mapa_dup_pair *x = &d->pairs[k];
        const mapa_action *a = &p->actions[x->a], *b = &p->actions[x->b];
        if (x->cluster != MAPA_NONE)
            fprintf(f.fp, "%zu", x->cluster + 1);
        fprintf(f.fp, ",%.4f,", x->score);
        text(f.fp, a->id, false);
        text(f.fp, p->topics[a->team].id, false);
        text(f.fp, a->title, false);
        text(f.fp, b->id, false);
        text(f.fp, p->topics[b->team].id, false);
        text(f.fp, b->title, false);
        fprintf(f.fp, "%.4f,%.4f,%s,%d,", x->cosine, x->tags, x->same_target ? "yes" : "no",
                x->overlap_days);
        terms(buf, sizeof buf, d, x);
        text(f.fp, buf, false);
        text(f.fp, spotted(d, p, x), false);
        fprintf(f.fp, "%zu,%zu,%.2f,%.2f,%.2f,%.2f\n", x->rank_a, x->rank_b, x->ratio_a, x->ratio_b,
                x->z_a, x->z_b);
    }
    return mapa__atomic_commit(&f);
}

static mapa_err clusters_csv(const char *path, const mapa_partnership *p, const mapa_duplicates *d)
{
    mapa__atomic_file f;
    mapa_err err = mapa__atomic_open(&f, path);
    if (err != MAPA_OK)
        return err;
    mapa__csv_begin(f.fp, "cluster,action_id,team,title,target_group,start,end\n");
    unsigned char *listed = calloc(p->n_actions + 1, 1);
    if (!listed) {
        mapa__atomic_abort(&f);
        return mapa_error_set(MAPA_ENOMEM, "out of memory");
    }
    for (size_t c = 0; c < d->n_clusters; c++)
        for (size_t k = 0; k < d->n_pairs; k++) { /* actions in the order of their best pair */
            if (d->pairs[k].cluster != c)
                continue;
            size_t ends[2] = {d->pairs[k].a, d->pairs[k].b};
            for (int e = 0; e < 2; e++) {
                if (listed[ends[e]] || d->action_cluster[ends[e]] != c)
                    continue;
                listed[ends[e]] = 1;
                const mapa_action *a = &p->actions[ends[e]];
                char start[11] = "", end[11] = "";
                if (a->start != INT32_MIN)
                    mapa_date_format(a->start, start);
                if (a->end != INT32_MAX)
                    mapa_date_format(a->end, end);
                fprintf(f.fp, "%zu,", c + 1);
                text(f.fp, a->id, false);
                text(f.fp, p->topics[a->team].id, false);
                text(f.fp, a->title, false);
                text(f.fp, a->target_group, false);
                text(f.fp, start, false);
                text(f.fp, end, true);
            }
        }
    free(listed);
    return mapa__atomic_commit(&f);
}

static json_t *section(const mapa_partnership *p, const mapa_duplicates *d)
{
    json_t *pairs = json_array();
    char buf[512];
    for (size_t k = 0; k < d->n_pairs; k++) {
        const mapa_dup_pair *x = &d->pairs[k];
        terms(buf, sizeof buf, d, x);
        json_t *o = json_pack(
            "{s:o, s:f, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:f, s:f, s:f, s:f}", "cluster",
            x->cluster == MAPA_NONE ? json_null() : json_integer((json_int_t)x->cluster + 1),
            "score", x->score, "a", p->actions[x->a].id, "b", p->actions[x->b].id, "shared_terms",
            buf, "cf_link", spotted(d, p, x), "team_a", p->topics[p->actions[x->a].team].id,
            "team_b", p->topics[p->actions[x->b].team].id, "rank_a", (json_int_t)x->rank_a,
            "rank_b", (json_int_t)x->rank_b, "ratio_a", x->ratio_a, "ratio_b", x->ratio_b, "z_a",
            x->z_a, "z_b", x->z_b);
        json_array_append_new(pairs, o);
    }
    size_t across = 0;
    for (size_t k = 0; k < d->n_pairs; k++)
        across += p->actions[d->pairs[k].a].team != p->actions[d->pairs[k].b].team;
    json_t *o =
        json_pack("{s:I, s:s, s:I, s:I, s:I, s:I, s:f, s:f, s:I, s:I, s:f}", "actions",
                  (json_int_t)p->n_actions, "method", d->method, "candidates",
                  (json_int_t)d->candidates, "pairs", (json_int_t)d->n_pairs, "pairs_across_teams",
                  (json_int_t)across, "clusters", (json_int_t)d->n_clusters, "threshold",
                  p->settings.dup_threshold, "jaccard", p->settings.dup_jaccard, "lsh_bands",
                  (json_int_t)d->bands, "lsh_rows", (json_int_t)d->rows, "seconds", d->seconds);
    json_object_set_new(o, "blind_spots",
                        d->have_plan ? json_integer((json_int_t)d->blind_spots) : json_null());
    json_object_set_new(o, "rule", json_string(d->rule));
    json_object_set_new(o, "largest_cluster", json_integer((json_int_t)d->largest_cluster));
    json_object_set_new(o, "ruled_out", json_integer((json_int_t)d->ruled_out));
    json_object_set_new(o, "cut", json_real(d->cut));     /* the natural break; 0: none */
    json_object_set_new(o, "floor", json_real(d->floor)); /* plan-scaled, or as given */
    json_object_set_new(o, "median", json_real(d->median));
    json_object_set_new(o, "spread", json_real(d->spread));
    json_object_set_new(o, "warning", d->warning ? json_string(d->warning) : json_null());
    json_object_set_new(o, "duplicates", pairs);
    return o;
}

mapa_err mapa_write_duplicates(const char *dir, const mapa_partnership *p, const mapa_duplicates *d)
{
    char *a = mapa__path_join(dir, "duplicates.csv"),
         *b = mapa__path_join(dir, "duplicate_clusters.csv");
    char *s = mapa__path_join(dir, "summary.json");
    mapa_err err = a && b && s ? mapa_make_dir(dir) : mapa_error_set(MAPA_ENOMEM, "out of memory");
    if (err == MAPA_OK)
        err = pairs_csv(a, p, d);
    if (err == MAPA_OK)
        err = clusters_csv(b, p, d);
    if (err == MAPA_OK) {
        mapa__json_watch();
        json_t *root = json_object();
        json_object_set_new(root, "mapa_version", json_string(mapa_version()));
        json_object_set_new(root, "duplicates", section(p, d));
        err = mapa__summary_merge(s, root);
    }
    free(a);
    free(b);
    free(s);
    return err;
}
