/*
 * The plan's diagrams: the partnership's structure (co-ordination team,
 * multi-agency meeting, sub-teams and their SPOCs), the Critical Friend
 * arrangement (a panel per team: the Critical Friends who come in and the
 * members who go out, coloured by the other team) and the team graph (teams, CF
 * links weighted by count, two-step reach in each team's label; a table above
 * MAPA_DIAGRAM_CIRCO_MAX teams).
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdbool.h>
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

/* A box of a Critical Friend panel: the friend's name and agency, and where from or to. */
static void cf_box(Agraph_t *c, const mapa_diagram_input *in, size_t k, bool incoming)
{
    const mapa_partnership *p = in->p;
    const mapa_cf_pair *x = &in->cf->pairs[k];
    const mapa_member *m = &p->members[x->member];
    size_t other = incoming ? in->team[x->member] : x->team;
    char id[64], name[MAPA__LABEL_TEXT_CAP], team[MAPA__LABEL_TEXT_CAP],
        label[2 * MAPA__LABEL_TEXT_CAP + 64];
    bool both = (x->stages & MAPA_STAGE_DECISION) && (x->stages & MAPA_STAGE_EVALUATION);
    snprintf(label, sizeof label, "%s\n%s %s%s", mapa__diagram_text(name, m->name),
             incoming ? "from" : "to", mapa__diagram_text(team, p->topics[other].name),
             both                              ? ""
             : x->stages & MAPA_STAGE_DECISION ? "\n(Decision-making only)"
                                               : "\n(Evaluation only)");
    snprintf(id, sizeof id, "%s%zu", incoming ? "in" : "out", k);
    Agnode_t *n = agnode(c, id, 1);
    mapa__diagram_set(n, "label", label);
    mapa__diagram_set(n, "shape", "box");
    mapa__diagram_set(n, "style", "filled,rounded");
    mapa__diagram_set(n, "fillcolor", mapa__diagram_colour(other));
    mapa__diagram_set(n, "fontcolor", mapa__diagram_text_colour(other));
    mapa__diagram_set(n, "fontsize", "12");
    char centre[32];
    snprintf(centre, sizeof centre, "team%zu", incoming ? x->team : in->team[x->member]);
    Agnode_t *t = agnode(c, centre, 0);
    Agedge_t *e = incoming ? agedge(c, n, t, NULL, 1) : agedge(c, t, n, NULL, 1);
    mapa__diagram_set(e, "color", mapa__diagram_colour(incoming ? other : in->team[x->member]));
    mapa__diagram_set(e, "penwidth", "2");
}

/* One team's panel: the Critical Friends who come in (left), the team, its members who go out. */
static void cf_panel(Agraph_t *g, const mapa_diagram_input *in, size_t t)
{
    const mapa_partnership *p = in->p;
    char name[64], text[MAPA__LABEL_TEXT_CAP], who[MAPA__LABEL_TEXT_CAP],
        label[2 * MAPA__LABEL_TEXT_CAP + 16];
    team_cluster_name(name, sizeof name, t);
    Agraph_t *c = agsubg(g, name, 1);
    mapa__diagram_set(c, "label", mapa__diagram_text(text, p->topics[t].name));
    mapa__diagram_set(c, "fontsize", "16");
    mapa__diagram_set(c, "color", mapa__diagram_colour(t));
    mapa__diagram_set(c, "penwidth", "2");
    snprintf(name, sizeof name, "team%zu", t);
    Agnode_t *n = agnode(c, name, 1);
    size_t s = in->spoc ? in->spoc[t] : MAPA_NONE;
    snprintf(label, sizeof label, "SPOC\n%s",
             s == MAPA_NONE ? "none yet" : mapa__diagram_text(who, p->members[s].name));
    mapa__diagram_set(n, "label", label);
    mapa__diagram_set(n, "shape", "doubleoctagon");
    mapa__diagram_set(n, "style", "filled");
    mapa__diagram_set(n, "fillcolor", mapa__diagram_colour(t));
    mapa__diagram_set(n, "fontcolor", mapa__diagram_text_colour(t));
    for (size_t k = 0; k < in->cf->n_pairs; k++)
        if (in->cf->pairs[k].team == t && in->team[in->cf->pairs[k].member] != MAPA_NONE)
            cf_box(c, in, k, true);
    for (size_t k = 0; k < in->cf->n_pairs; k++)
        if (in->team[in->cf->pairs[k].member] == t)
            cf_box(c, in, k, false);
}

/*
 * The Critical Friend arrangement as one panel per team, in a grid that fits
 * a slide: `cols` panels a row, each three ranks wide (who comes in, the team,
 * who goes out), held in place by invisible edges between the team nodes of a
 * row. Every arrow stays inside its panel, so each can be followed. (Graphviz
 * 2.43's own packing of components in dot reads freed memory: not used.)
 */
mapa_err mapa__diagram_cf(const mapa_diagram_input *in, const char *dir, unsigned formats)
{
    const mapa_partnership *p = in->p;
    Agraph_t *g = mapa__diagram_new("critical_friends", "Critical Friend arrangement: who comes "
                                                        "into each team, and who goes out");
    if (!g)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for a diagram");
    size_t T = p->n_topics;
    size_t cols = (size_t)(sqrt((double)T / 2.0) + 0.5);
    cols = cols < 1 ? 1 : cols;
    mapa__diagram_set(g, "rankdir", "LR");
    mapa__diagram_set(g, "newrank", "true");
    for (size_t t = T; t-- > 0;) /* dot stacks the rows bottom up from the first made */
        cf_panel(g, in, t);
    for (size_t t = 0; t < T; t++) {
        if (t % cols == 0)
            continue;
        char a[32], b[32];
        snprintf(a, sizeof a, "team%zu", t - 1);
        snprintf(b, sizeof b, "team%zu", t);
        Agedge_t *e = agedge(g, agnode(g, a, 0), agnode(g, b, 0), "grid", 1);
        mapa__diagram_set(e, "style", "invis");
        mapa__diagram_set(e, "minlen", "3");
    }
    const mapa__legend_item legend[] = {
        {"a team, with its Single Point of Contact (SPOC)", "doubleoctagon", "filled",
         mapa__diagram_colour(0), NULL, 0},
        {"a Critical Friend, in the colour of the team they come from (left) or go to (right)",
         "box", "filled,rounded", mapa__diagram_colour(1), NULL, 0},
        {"joins the team's Decision-making and Evaluation stages", NULL, "solid",
         mapa__diagram_colour(1), "2", 1}};
    mapa__diagram_legend(g, legend, 3);
    return mapa__diagram_write(g, dir, "critical_friends", formats);
}

/* Up to MAPA_DIAGRAM_CIRCO_MAX teams: the teams and their CF arrows, on a circle above 12. */
static mapa_err team_drawing(const mapa_diagram_input *in, const size_t *count, const size_t *reach,
                             const char *dir, unsigned formats)
{
    const mapa_partnership *p = in->p;
    size_t T = p->n_topics;
    Agraph_t *g = mapa__diagram_new("team_graph",
                                    "Team graph: who learns from whom through Critical Friends");
    if (!g)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for a diagram");
    /* teams in a few ranks, not one wide row; many teams on a circle (their CF cycles) */
    mapa__diagram_set(g, "rankdir", "TB");
    if (T > 12)
        mapa__diagram_set(g, "layout", mapa__diagram_layout("circo", T)); /* bounded cost */
    Agnode_t **node = calloc(T + 1, sizeof *node);
    for (size_t t = 0; node && t < T; t++) {
        char id[64], label[MAPA__LABEL_TEXT_CAP + 64], text[MAPA__LABEL_TEXT_CAP];
        snprintf(id, sizeof id, "t%zu", t);
        snprintf(label, sizeof label, "%s\nreaches %zu of %zu teams within two steps",
                 mapa__diagram_text(text, p->topics[t].name), reach[t], T - 1);
        node[t] = agnode(g, id, 1);
        mapa__diagram_set(node[t], "label", label);
        mapa__diagram_set(node[t], "style", "filled");
        mapa__diagram_set(node[t], "fillcolor", mapa__diagram_colour(t));
        mapa__diagram_set(node[t], "fontcolor", mapa__diagram_text_colour(t));
        mapa__diagram_set(node[t], "shape", reach[t] + 1 == T ? "doubleoctagon" : "box");
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

/* Team t's two-step reach: the other teams it sends a CF to, or to one that does. O(T^2). */
static size_t two_step_reach(const size_t *count, size_t T, size_t t)
{
    size_t reach = 0;
    for (size_t u = 0; u < T; u++) {
        bool near = u != t && count[t * T + u];
        for (size_t k = 0; !near && u != t && k < T; k++)
            near = count[t * T + k] && count[k * T + u];
        reach += near;
    }
    return reach;
}

/* HTML-like text of `s`, cut as labels are, escaped. */
static void cell_text(char *out, size_t cap, const char *s)
{
    char text[MAPA__LABEL_TEXT_CAP];
    mapa__diagram_text(text, s);
    size_t n = 0;
    for (const char *c = text; *c && n + 7 < cap; c++) {
        const char *rep = *c == '&' ? "&amp;" : *c == '<' ? "&lt;" : *c == '>' ? "&gt;" : NULL;
        if (rep)
            n += (size_t)snprintf(out + n, cap - n, "%s", rep);
        else
            out[n++] = *c;
    }
    out[n] = '\0';
}

/* The teams of row t of `count` (or of its column when `incoming`), "name (2), ..." on fp. */
static void table_list(FILE *fp, const mapa_partnership *p, const size_t *count, size_t t,
                       bool incoming)
{
    size_t T = p->n_topics, shown = 0, more = 0;
    for (size_t u = 0; u < T; u++) {
        size_t c = incoming ? count[u * T + t] : count[t * T + u];
        if (!c)
            continue;
        if (shown == MAPA_DIAGRAM_TABLE_NAMES) {
            more++;
            continue;
        }
        char name[2 * MAPA__LABEL_TEXT_CAP];
        cell_text(name, sizeof name, p->topics[u].name);
        fprintf(fp, "%s%s (%zu)", shown ? ", " : "", name, c);
        shown++;
    }
    if (more)
        fprintf(fp, " and %zu more", more);
    if (!shown)
        fputs("none", fp);
}

/*
 * Above MAPA_DIAGRAM_CIRCO_MAX teams the team graph is a table, one row a
 * team: whom its members review, who reviews it, its two-step reach; the
 * teams that do not reach every other in two steps in bold. One node, so the
 * layout is trivial; 300 teams are 300 rows.
 */
static mapa_err team_table(const mapa_diagram_input *in, const size_t *count, const size_t *reach,
                           const char *dir, unsigned formats)
{
    const mapa_partnership *p = in->p;
    size_t T = p->n_topics, short_of = 0;
    for (size_t t = 0; t < T; t++)
        short_of += reach[t] + 1 < T;
    char *html = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&html, &len);
    if (!fp)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for a diagram");
    fprintf(fp, "<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"3\">"
                "<TR><TD><B>team</B></TD><TD><B>its members are Critical Friends of (how "
                "many)</B></TD><TD><B>its Critical Friends come from (how many)</B></TD>"
                "<TD><B>teams reached within two steps</B></TD></TR>");
    for (size_t t = 0; t < T; t++) {
        char name[2 * MAPA__LABEL_TEXT_CAP];
        cell_text(name, sizeof name, p->topics[t].name);
        bool weak = reach[t] + 1 < T;
        fprintf(fp, "<TR><TD ALIGN=\"LEFT\" BGCOLOR=\"%s\"><FONT COLOR=\"%s\">%s%s%s</FONT></TD>",
                mapa__diagram_colour(t), mapa__diagram_text_colour(t), weak ? "<B>" : "", name,
                weak ? "</B>" : "");
        fputs("<TD ALIGN=\"LEFT\">", fp);
        table_list(fp, p, count, t, false);
        fputs("</TD><TD ALIGN=\"LEFT\">", fp);
        table_list(fp, p, count, t, true);
        fprintf(fp, "</TD><TD>%s%zu of %zu%s</TD></TR>", weak ? "<B>" : "", reach[t], T - 1,
                weak ? "</B>" : "");
    }
    fputs("</TABLE>", fp);
    if (fclose(fp) != 0 || !html) {
        free(html);
        return mapa_error_set(MAPA_ENOMEM, "out of memory for a diagram");
    }
    char title[256];
    snprintf(title, sizeof title,
             "Team graph as a table (%zu teams: more than %d are not drawn as a graph): %zu "
             "reach every other team within two steps, %zu do not (in bold)",
             T, MAPA_DIAGRAM_CIRCO_MAX, T - short_of, short_of);
    Agraph_t *g = mapa__diagram_new("team_graph", title);
    if (!g) {
        free(html);
        return mapa_error_set(MAPA_ENOMEM, "out of memory for a diagram");
    }
    Agnode_t *node = agnode(g, "teams", 1);
    mapa__diagram_set(node, "shape", "plaintext");
    agsafeset(node, "label", agstrdup_html(g, html), "");
    free(html);
    return mapa__diagram_write(g, dir, "team_graph", formats);
}

mapa_err mapa__diagram_team_graph(const mapa_diagram_input *in, const char *dir, unsigned formats)
{
    const mapa_partnership *p = in->p;
    const mapa_cf *cf = in->cf;
    size_t T = p->n_topics;
    size_t *count = calloc(T * T + 1, sizeof *count), *reach = calloc(T + 1, sizeof *reach);
    if (!count || !reach) {
        free(count);
        free(reach);
        return mapa_error_set(MAPA_ENOMEM, "out of memory for a diagram");
    }
    for (size_t k = 0; k < cf->n_pairs; k++) {
        size_t h = in->team[cf->pairs[k].member];
        if (h != MAPA_NONE)
            count[h * T + cf->pairs[k].team]++;
    }
    for (size_t t = 0; t < T; t++)
        reach[t] = two_step_reach(count, T, t);
    mapa_err err = mapa__diagram_team_table(T) ? team_table(in, count, reach, dir, formats)
                                                : team_drawing(in, count, reach, dir, formats);
    free(count);
    free(reach);
    return err;
}
