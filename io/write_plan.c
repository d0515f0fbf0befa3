/* Writes a plan's teams.csv (libcsv quoting) and summary.json (jansson). */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include <mapa/output.h>

#include "io/atomic_file.h"
#include "io/csv_table.h"
#include "io/summary_merge.h"
#include "io/json_alloc.h"

static void field(FILE *fp, const char *s, bool last)
{
    mapa__csv_put(fp, s, last); /* quoted, never a spreadsheet formula */
}

mapa_err mapa_write_teams_csv(const char *path, const mapa_partnership *p, const mapa_alloc *a)
{
    mapa__atomic_file f;
    mapa_err err = mapa__atomic_open(&f, path);
    if (err != MAPA_OK)
        return err;
    bool previous = false;
    for (size_t i = 0; i < p->n_members; i++)
        previous |= p->members[i].previous_team != MAPA_NONE;
    mapa__csv_begin(f.fp, "member_id,name,agency,team_id,team_name,rank,spoc,moved\n");
    for (size_t i = 0; i < p->n_members; i++) {
        const mapa_member *m = &p->members[i];
        size_t t = a->team[i];
        if (m->coordinator || t == MAPA_NONE)
            continue;
        char rank[24] = "";
        size_t r = mapa_member_rank(m, t);
        if (r)
            snprintf(rank, sizeof rank, "%zu", r);
        field(f.fp, m->id, false);
        field(f.fp, m->name, false);
        field(f.fp, p->agencies[m->agency].id, false);
        field(f.fp, p->topics[t].id, false);
        field(f.fp, p->topics[t].name, false);
        field(f.fp, rank, false);
        field(f.fp, a->spoc[t] == i ? "yes" : "no", false);
        field(f.fp,
              !previous || m->previous_team == MAPA_NONE ? ""
              : m->previous_team == t                    ? "no"
                                                         : "yes",
              true);
    }
    return mapa__atomic_commit(&f);
}

static json_t *rank_counts(const mapa_alloc *a)
{
    json_t *o = json_object();
    for (size_t r = 1; r <= a->max_rank; r++) {
        char key[24];
        snprintf(key, sizeof key, "%zu", r);
        json_object_set_new(o, key, json_integer((json_int_t)a->rank_counts[r]));
    }
    json_object_set_new(o, "unranked", json_integer((json_int_t)a->rank_counts[a->max_rank + 1]));
    return o;
}

static json_t *member_ref(const mapa_partnership *p, size_t m)
{
    if (m == MAPA_NONE)
        return json_null();
    return json_pack("{s:s, s:s, s:s}", "id", p->members[m].id, "name", p->members[m].name,
                     "agency", p->agencies[p->members[m].agency].id);
}

static json_t *team_json(const mapa_partnership *p, const mapa_alloc *a, size_t t)
{
    const mapa_topic *tp = &p->topics[t];
    json_t *members = json_array(), *agencies = json_array();
    size_t size = 0;
    bool *seen = calloc(p->n_agencies + 1, sizeof *seen);
    if (!seen) { /* the team's agencies cannot be listed: the summary fails as a whole */
        json_decref(members);
        json_decref(agencies);
        return NULL;
    }
    for (size_t i = 0; i < p->n_members; i++) {
        if (a->team[i] != t)
            continue;
        size++;
        json_array_append_new(members, json_string(p->members[i].id));
        if (!seen[p->members[i].agency]) {
            seen[p->members[i].agency] = true;
            json_array_append_new(agencies, json_string(p->agencies[p->members[i].agency].id));
        }
    }
    free(seen);
    json_t *o = json_pack("{s:s, s:s, s:I, s:I, s:I, s:o, s:o, s:o}", "id", tp->id, "name",
                          tp->name, "size", (json_int_t)size, "min_size", (json_int_t)tp->min_size,
                          "agencies", (json_int_t)json_array_size(agencies), "agency_ids", agencies,
                          "spoc", member_ref(p, a->spoc[t]), "members", members);
    json_object_set_new(o, "max_size",
                        tp->max_size == MAPA_UNLIMITED ? json_null()
                                                       : json_integer((json_int_t)tp->max_size));
    return o;
}

static json_t *allocation_json(const mapa_partnership *p, const mapa_alloc *a)
{
    json_t *teams = json_array(), *notes = json_array(), *coordinators = json_array();
    bool planned = mapa_alloc_has_plan(a, p);
    for (size_t t = 0; planned && t < p->n_topics; t++) {
        json_t *team = team_json(p, a, t);
        if (!team) {
            json_decref(teams);
            json_decref(notes);
            json_decref(coordinators);
            return NULL;
        }
        json_array_append_new(teams, team);
    }
    for (size_t k = 0; k < a->n_notes; k++)
        json_array_append_new(notes, json_string(a->notes[k].text));
    for (size_t i = 0; i < p->n_members; i++)
        if (p->members[i].coordinator)
            json_array_append_new(coordinators, json_string(p->members[i].id));
    const mapa_settings *s = &p->settings;
    json_t *o = json_pack("{s:s, s:s, s:s, s:b, s:f, s:f, s:f, s:f}", "status",
                          mapa_status_name(a->status), "method", a->method, "objective_name",
                          mapa_objective_name(s->objective), "certified", a->certified, "objective",
                          a->objective, "bound", a->bound, "gap", a->gap, "seconds", a->seconds);
    json_object_set_new(
        o, "members_allocated",
        json_integer((json_int_t)(planned ? p->n_members - json_array_size(coordinators) : 0)));
    json_object_set_new(o, "coordinators", coordinators);
    json_object_set_new(o, "rank_counts", planned ? rank_counts(a) : json_null());
    json_object_set_new(o, "worst_rank", json_integer((json_int_t)a->worst_rank));
    json_object_set_new(o, "moves", json_integer((json_int_t)a->moves));
    json_object_set_new(o, "teams", teams);
    json_object_set_new(o, "diagnosis", notes);
    return o;
}

static const char *ordinal_suffix(size_t r)
{
    return r % 10 == 1 && r % 100 != 11   ? "st"
           : r % 10 == 2 && r % 100 != 12 ? "nd"
           : r % 10 == 3 && r % 100 != 13 ? "rd"
                                          : "th";
}

static const char *stage_text(unsigned stages)
{
    return stages == (MAPA_STAGE_DECISION | MAPA_STAGE_EVALUATION) ? "decision;evaluation"
           : stages == MAPA_STAGE_DECISION                         ? "decision"
                                                                   : "evaluation";
}

/* Why this member reviews this team, in words. */
static void reason(char *buf, size_t cap, const mapa_cf_pair *x)
{
    int n = x->rank
                ? snprintf(buf, cap, "ranked this topic %zu%s", x->rank, ordinal_suffix(x->rank))
                : snprintf(buf, cap, "did not rank this topic");
    if (n > 0 && (size_t)n < cap)
        snprintf(buf + n, cap - (size_t)n, "; %s",
                 x->novel ? "agency new to the team" : "agency already in the team");
}

mapa_err mapa_write_cf_csv(const char *path, const mapa_partnership *p, const size_t *team,
                           const mapa_cf *cf)
{
    mapa__atomic_file f;
    mapa_err err = mapa__atomic_open(&f, path);
    if (err != MAPA_OK)
        return err;
    mapa__csv_begin(f.fp, "member_id,name,agency,home_team,reviewed_team,stages,reason\n");
    for (size_t k = 0; k < cf->n_pairs; k++) {
        const mapa_cf_pair *x = &cf->pairs[k];
        const mapa_member *m = &p->members[x->member];
        char why[128];
        reason(why, sizeof why, x);
        field(f.fp, m->id, false);
        field(f.fp, m->name, false);
        field(f.fp, p->agencies[m->agency].id, false);
        field(f.fp, p->topics[team[x->member]].id, false);
        field(f.fp, p->topics[x->team].id, false);
        field(f.fp, stage_text(x->stages), false);
        field(f.fp, why, true);
    }
    return mapa__atomic_commit(&f);
}

static json_t *cf_json(const mapa_partnership *p, const mapa_cf *cf)
{
    json_t *teams = json_array(), *notes = json_array();
    for (size_t t = 0; t < p->n_topics; t++) {
        if (!cf->short_by || cf->short_by[t] == 0)
            continue;
        const char *why = "";
        for (size_t k = 0; k < cf->n_notes && !*why; k++)
            if (cf->notes[k].topic == t)
                why = cf->notes[k].text;
        json_array_append_new(teams,
                              json_pack("{s:s, s:I, s:s}", "team", p->topics[t].id, "short_by",
                                        (json_int_t)cf->short_by[t], "why", why));
    }
    for (size_t k = 0; k < cf->n_notes; k++)
        json_array_append_new(notes, json_string(cf->notes[k].text));
    json_t *graph = json_pack(
        "{s:b, s:f, s:f, s:s, s:I, s:I, s:I}", "strongly_connected", cf->strongly_connected,
        "pairs_within_one_step", cf->reach1, "pairs_within_two_steps", cf->reach2,
        "two_step_reach_optimised", cf->reach_method, "reach_swaps", (json_int_t)cf->reach_swaps,
        "diameter", (json_int_t)cf->diameter, "cut_rounds", (json_int_t)cf->cut_rounds);
    json_t *o =
        json_pack("{s:s, s:s, s:b, s:f, s:f, s:f, s:f, s:I, s:I, s:f}", "status",
                  mapa_status_name(cf->status), "method", cf->method, "certified", cf->certified,
                  "objective", cf->objective, "bound", cf->bound, "gap", cf->gap, "seconds",
                  cf->seconds, "places", (json_int_t)cf->places, "filled", (json_int_t)cf->filled,
                  "coverage", cf->places ? (double)cf->filled / (double)cf->places : 1.0);
    json_object_set_new(o, "per_stage", json_boolean(p->settings.cf_per_stage));
    /* the overlap term (docs/duplicates.md): blind spots with it and without it */
    json_object_set_new(
        o, "overlap",
        json_pack("{s:f, s:o, s:o}", "weight", p->settings.cf_overlap_weight, "blind_spots",
                  cf->blind_spots == MAPA_NONE ? json_null()
                                               : json_integer((json_int_t)cf->blind_spots),
                  "blind_spots_without_term",
                  cf->blind_spots_without == MAPA_NONE
                      ? json_null()
                      : json_integer((json_int_t)cf->blind_spots_without)));
    json_object_set_new(o, "team_graph", graph);
    json_object_set_new(o, "teams_short", teams);
    json_object_set_new(o, "diagnosis", notes);
    return o;
}

mapa_err mapa_write_summary_json(const char *path, const mapa_partnership *p, const mapa_alloc *a,
                                 const mapa_cf *cf)
{
    mapa__json_watch();
    json_t *root = json_object();
    if (!root)
        return mapa_error_set(MAPA_ENOMEM, "out of memory writing %s", path);
    json_object_set_new(root, "mapa_version", json_string(mapa_version()));
    if (p->settings.name)
        json_object_set_new(root, "partnership", json_string(p->settings.name));
    json_t *alloc = a ? allocation_json(p, a) : NULL;
    if (a && !alloc) {
        json_decref(root);
        return mapa_error_set(MAPA_ENOMEM, "out of memory writing %s", path);
    }
    if (alloc)
        json_object_set_new(root, "allocation", alloc);
    if (cf)
        json_object_set_new(root, "critical_friends", cf_json(p, cf));
    return mapa__summary_merge(path, root);
}

mapa_err mapa__summary_merge(const char *path, json_t *root)
{
    json_t *old = json_load_file(path, 0, NULL); /* sections not rewritten are kept */
    if (json_is_object(old)) {
        json_object_update_missing(root, old);
        json_t *ordered = json_object(); /* version and name first, then the stages in order */
        const char *keys[] = {"mapa_version", "partnership", "allocation", "critical_friends",
                              "duplicates"};
        for (size_t k = 0; ordered && k < sizeof keys / sizeof *keys; k++)
            if (json_object_get(root, keys[k]))
                json_object_set(ordered, keys[k], json_object_get(root, keys[k]));
        if (ordered) {
            json_object_update_missing(ordered, root);
            json_decref(root);
            root = ordered;
        }
    }
    json_decref(old);
    if (mapa__json_failed()) { /* a section dropped, or the old file misread */
        json_decref(root);
        return mapa_error_set(MAPA_ENOMEM, "out of memory writing %s", path);
    }
    mapa__atomic_file f;
    mapa_err err = mapa__atomic_open(&f, path);
    if (err == MAPA_OK) {
        if (json_dumpf(root, f.fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0 ||
            fputc('\n', f.fp) == EOF) {
            mapa__atomic_abort(&f);
            err = mapa__json_failed()
                      ? mapa_error_set(MAPA_ENOMEM, "out of memory writing %s", path)
                      : mapa_error_set(MAPA_EIO, "%s: could not be written", path);
        } else {
            err = mapa__atomic_commit(&f);
        }
    }
    json_decref(root);
    return err;
}
