/*
 * The plan's diagrams: the partnership's structure (co-ordination team,
 * multi-agency meeting, sub-teams and their SPOCs), the Critical Friend
 * arrangement (teams as clusters of their members, an edge from each CF to
 * the team it reviews, coloured by home team) and the team graph (teams, CF
 * links weighted by count, two-step reach in each team's label).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/diagram_common.h"
#include "io/diagram_limits.h"

/* Co-ordinators named in the structure diagram's box; the rest are counted. */
#define COORDINATORS_SHOWN 12

static void team_cluster_name(char *out, size_t cap, size_t t)
{
    snprintf(out, cap, "cluster_t%zu", t);
}

/* Nodes are named by index: an id is the user's text, which the DOT writer may not quote well. */
static void member_id(char *out, size_t cap, size_t i)
{
    snprintf(out, cap, "m%zu", i);
}

static Agnode_t *member_node(Agraph_t *g, const mapa_partnership *p, size_t i)
{
    char name[MAPA__LABEL_TEXT_CAP], agency[MAPA__LABEL_TEXT_CAP];
    char label[2 * MAPA__LABEL_TEXT_CAP], id[32];
    const mapa_member *m = &p->members[i];
    snprintf(label, sizeof label, "%s\n%s", mapa__diagram_text(name, m->name),
             mapa__diagram_text(agency, p->agencies[m->agency].name));
    member_id(id, sizeof id, i);
    Agnode_t *n = agnode(g, id, 1);
    mapa__diagram_set(n, "label", label);
    return n;
}

mapa_err mapa__diagram_structure(const mapa_diagram_input *in, const char *dir, unsigned formats)
{
    const mapa_partnership *p = in->p;
    char title[MAPA__LABEL_TEXT_CAP + 32], text[MAPA__LABEL_TEXT_CAP];
    snprintf(title, sizeof title, "%s: structure",
             p->settings.name ? mapa__diagram_text(text, p->settings.name) : "Partnership");
    Agraph_t *g = mapa__diagram_new("structure", title);
    if (!g)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for a diagram");
    /* left to right: the co-ordination team, the meeting, the teams in one column */
    mapa__diagram_set(g, "ranksep", "0.9");
    /* the co-ordination team by name, up to COORDINATORS_SHOWN of them */
    char coords[COORDINATORS_SHOWN * (MAPA__LABEL_TEXT_CAP + 1) + 64] = "Co-ordination team";
    size_t shown = 0, coordinators = 0;
    for (size_t i = 0; i < p->n_members; i++) {
        if (!p->members[i].coordinator || coordinators++ >= COORDINATORS_SHOWN)
            continue;
        size_t used = strlen(coords);
        snprintf(coords + used, sizeof coords - used, "\n%s",
                 mapa__diagram_text(text, p->members[i].name));
        shown++;
    }
    if (coordinators > shown) {
        size_t used = strlen(coords);
        snprintf(coords + used, sizeof coords - used, "\nand %zu more", coordinators - shown);
    }
    Agnode_t *coord = agnode(g, "coordination", 1), *meeting = agnode(g, "meeting", 1);
    mapa__diagram_set(coord, "label", coords);
    mapa__diagram_set(coord, "shape", "box");
    mapa__diagram_set(coord, "style", "filled");
    mapa__diagram_set(coord, "fillcolor", "#DDDDDD");
    mapa__diagram_set(meeting, "label", "Multi-agency meeting");
    mapa__diagram_set(meeting, "shape", "ellipse");
    mapa__diagram_set(meeting, "style", "bold");
    agedge(g, coord, meeting, NULL, 1);
    for (size_t t = 0; t < p->n_topics; t++) {
        char name[64], label[3 * MAPA__LABEL_TEXT_CAP], id[64];
        char who[MAPA__LABEL_TEXT_CAP], where[MAPA__LABEL_TEXT_CAP];
        size_t size = 0;
        for (size_t i = 0; in->team && i < p->n_members; i++)
            size += in->team[i] == t;
        team_cluster_name(name, sizeof name, t);
        Agraph_t *c = agsubg(g, name, 1);
        snprintf(label, sizeof label, "%s (%zu members)",
                 mapa__diagram_text(text, p->topics[t].name), size);
        mapa__diagram_set(c, "label", label);
        mapa__diagram_set(c, "fontsize", "14");
        mapa__diagram_set(c, "style", "filled");
        mapa__diagram_set(c, "fillcolor", mapa__diagram_colour(t));
        size_t s = in->spoc ? in->spoc[t] : MAPA_NONE;
        snprintf(id, sizeof id, "spoc_t%zu", t);
        Agnode_t *spoc = agnode(c, id, 1);
        if (s != MAPA_NONE)
            snprintf(label, sizeof label, "SPOC\n%s\n%s",
                     mapa__diagram_text(who, p->members[s].name),
                     mapa__diagram_text(where, p->agencies[p->members[s].agency].name));
        else
            snprintf(label, sizeof label, "no SPOC yet");
        mapa__diagram_set(spoc, "label", label);
        mapa__diagram_set(spoc, "shape", "box");
        mapa__diagram_set(spoc, "style", "filled");
        mapa__diagram_set(spoc, "fillcolor", "white");
        Agedge_t *up = agedge(g, meeting, spoc, NULL, 1);
        mapa__diagram_set(up, "dir", "both");
        Agedge_t *co = agedge(g, coord, spoc, NULL, 1);
        mapa__diagram_set(co, "style", "dashed");
        mapa__diagram_set(co, "constraint", "false");
    }
    const mapa__legend_item legend[] = {
        {"the co-ordination team", "box", "filled", "#DDDDDD", NULL, 0},
        {"a sub-team (one colour each) around its Single Point of Contact (SPOC)", "box", "filled",
         mapa__diagram_colour(0), NULL, 0},
        {"a SPOC: reports to and hears from the multi-agency meeting", NULL, "solid", "black", "1",
         2},
        {"the co-ordination team's link to each SPOC", NULL, "dashed", "black", "1", 0}};
    mapa__diagram_legend(g, legend, 4);
    return mapa__diagram_write(g, dir, "structure", formats);
}

mapa_err mapa__diagram_cf(const mapa_diagram_input *in, const char *dir, unsigned formats)
{
    const mapa_partnership *p = in->p;
    const mapa_cf *cf = in->cf;
    Agraph_t *g = mapa__diagram_new("critical_friends", "Critical Friend arrangement");
    if (!g)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for a diagram");
    mapa__diagram_set(g, "rankdir", "LR"); /* members of a team stack in a column */
    /* from 200 members a team shows its SPOC and its Critical Friends, the rest as one box */
    bool aggregate =
        in->level == MAPA_DIAGRAM_MEMBERS
            ? false
            : in->level != MAPA_DIAGRAM_AUTO || p->n_members >= MAPA_DIAGRAM_AGGREGATE_FROM;
    Agnode_t **anchor = calloc(p->n_topics + 1, sizeof *anchor);
    bool *is_cf = calloc(p->n_members + 1, sizeof *is_cf);
    for (size_t k = 0; is_cf && k < cf->n_pairs; k++)
        is_cf[cf->pairs[k].member] = true;
    if (!anchor || !is_cf) {
        free(anchor);
        free(is_cf);
        agclose(g);
        return mapa_error_set(MAPA_ENOMEM, "out of memory for a diagram");
    }
    for (size_t t = 0; t < p->n_topics; t++) {
        char name[64], text[MAPA__LABEL_TEXT_CAP];
        team_cluster_name(name, sizeof name, t);
        Agraph_t *c = agsubg(g, name, 1);
        mapa__diagram_set(c, "label", mapa__diagram_text(text, p->topics[t].name));
        mapa__diagram_set(c, "fontsize", "14");
        mapa__diagram_set(c, "color", mapa__diagram_colour(t));
        mapa__diagram_set(c, "penwidth", "2");
        size_t others = 0;
        for (size_t i = 0; i < p->n_members; i++) {
            if (in->team[i] != t)
                continue;
            if (aggregate && !is_cf[i] && !(in->spoc && in->spoc[t] == i)) {
                others++;
                continue;
            }
            Agnode_t *n = member_node(c, p, i);
            mapa__diagram_set(n, "style", "filled");
            mapa__diagram_set(n, "fillcolor", mapa__diagram_colour(t));
            mapa__diagram_set(n, "fontcolor", mapa__diagram_text_colour(t));
            mapa__diagram_set(n, "shape", in->spoc && in->spoc[t] == i ? "doubleoctagon" : "box");
            if (!anchor[t] || (in->spoc && in->spoc[t] == i))
                anchor[t] = n;
        }
        if (others) { /* large partnerships: the rest of the team as one box */
            char id[64], label[64];
            snprintf(id, sizeof id, "others_t%zu", t);
            snprintf(label, sizeof label, "%zu other member%s", others, others == 1 ? "" : "s");
            Agnode_t *n = agnode(c, id, 1);
            mapa__diagram_set(n, "label", label);
            mapa__diagram_set(n, "shape", "folder");
            mapa__diagram_set(n, "style", "filled");
            mapa__diagram_set(n, "fillcolor", "white");
            if (!anchor[t])
                anchor[t] = n;
        }
    }
    free(is_cf);
    /* teams in a grid: columns of per_col teams (CF arrows do not set the ranks) */
    size_t per_col = mapa__diagram_per_row(p->n_topics);
    for (size_t t = per_col; t < p->n_topics; t++) {
        if (!anchor[t] || !anchor[t - per_col])
            continue;
        Agedge_t *e = agedge(g, anchor[t - per_col], anchor[t], "grid", 1);
        mapa__diagram_set(e, "style", "invis");
    }
    for (size_t k = 0; k < cf->n_pairs; k++) {
        size_t m = cf->pairs[k].member, t = cf->pairs[k].team, h = in->team[m];
        if (!anchor[t] || h == MAPA_NONE)
            continue;
        char name[64];
        member_id(name, sizeof name, m);
        Agnode_t *from = agnode(g, name, 0);
        if (!from)
            continue; /* a member not drawn */
        Agedge_t *e = agedge(g, from, anchor[t], NULL, 1);
        team_cluster_name(name, sizeof name, t);
        mapa__diagram_set(e, "lhead", name);
        mapa__diagram_set(e, "constraint", "false");
        mapa__diagram_set(e, "color", mapa__diagram_colour(h));
        mapa__diagram_set(e, "style", mapa__diagram_style(h));
        mapa__diagram_set(e, "penwidth", "2");
    }
    free(anchor);
    const mapa__legend_item legend[] = {
        {"a member (name, agency), in its team's colour", "box", "filled", mapa__diagram_colour(0),
         NULL, 0},
        {"the team's Single Point of Contact", "doubleoctagon", "filled", mapa__diagram_colour(0),
         NULL, 0},
        {"a Critical Friend joining the team it points to (colour and line of its home team)", NULL,
         mapa__diagram_style(0), mapa__diagram_colour(0), "2", 1},
        {"the team's other members, counted (from 200 members)", "folder", "filled", "white", NULL,
         false}};
    mapa__diagram_legend(g, legend, aggregate ? 4 : 3);
    return mapa__diagram_write(g, dir, "critical_friends", formats);
}

mapa_err mapa__diagram_team_graph(const mapa_diagram_input *in, const char *dir, unsigned formats)
{
    const mapa_partnership *p = in->p;
    const mapa_cf *cf = in->cf;
    size_t T = p->n_topics;
    size_t *count = calloc(T * T + 1, sizeof *count);
    if (!count)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for a diagram");
    for (size_t k = 0; k < cf->n_pairs; k++) {
        size_t h = in->team[cf->pairs[k].member];
        if (h != MAPA_NONE)
            count[h * T + cf->pairs[k].team]++;
    }
    Agraph_t *g = mapa__diagram_new("team_graph",
                                    "Team graph: who learns from whom through Critical Friends");
    if (!g) {
        free(count);
        return mapa_error_set(MAPA_ENOMEM, "out of memory for a diagram");
    }
    /* teams in a few ranks, not one wide row; many teams on a circle (their CF cycles) */
    mapa__diagram_set(g, "rankdir", "TB");
    if (T > 12)
        mapa__diagram_set(g, "layout", mapa__diagram_layout("circo", T)); /* bounded cost */
    Agnode_t **node = calloc(T + 1, sizeof *node);
    for (size_t t = 0; node && t < T; t++) {
        size_t reach = 0;
        for (size_t u = 0; u < T; u++) {
            bool near = u != t && count[t * T + u];
            for (size_t k = 0; !near && u != t && k < T; k++)
                near = count[t * T + k] && count[k * T + u];
            reach += near;
        }
        char id[64], label[MAPA__LABEL_TEXT_CAP + 64], text[MAPA__LABEL_TEXT_CAP];
        snprintf(id, sizeof id, "t%zu", t);
        snprintf(label, sizeof label, "%s\nreaches %zu of %zu teams within two steps",
                 mapa__diagram_text(text, p->topics[t].name), reach, T - 1);
        node[t] = agnode(g, id, 1);
        mapa__diagram_set(node[t], "label", label);
        mapa__diagram_set(node[t], "style", "filled");
        mapa__diagram_set(node[t], "fillcolor", mapa__diagram_colour(t));
        mapa__diagram_set(node[t], "fontcolor", mapa__diagram_text_colour(t));
        mapa__diagram_set(node[t], "shape", reach + 1 == T ? "doubleoctagon" : "box");
    }
    for (size_t h = 0; node && h < T; h++)
        for (size_t t = 0; t < T; t++) {
            if (!count[h * T + t])
                continue;
            char w[32];
            snprintf(w, sizeof w, "%zu", count[h * T + t]);
            Agedge_t *e = agedge(g, node[h], node[t], NULL, 1);
            mapa__diagram_set(e, "label", w);
            snprintf(w, sizeof w, "%zu", 1 + count[h * T + t]);
            mapa__diagram_set(e, "penwidth", w);
        }
    free(count);
    if (!node) {
        agclose(g);
        return mapa_error_set(MAPA_ENOMEM, "out of memory for a diagram");
    }
    free(node);
    const mapa__legend_item legend[] = {
        {"a team that reaches every other team within two steps", "doubleoctagon", "filled",
         mapa__diagram_colour(0), NULL, 0},
        {"a team that does not", "box", "filled", mapa__diagram_colour(0), NULL, 0},
        {"h -> t: members of h are Critical Friends of t (label: how many)", NULL, "solid", "black",
         "2", 1}};
    mapa__diagram_legend(g, legend, 3);
    return mapa__diagram_write(g, dir, "team_graph", formats);
}
