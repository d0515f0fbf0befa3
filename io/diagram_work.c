/*
 * The work of the sub-teams: each team's stages (Decision-making -> Action
 * taken -> Evaluation -> Dissemination) with its Critical Friends joining the
 * Decision-making and Evaluation stages and dissemination going through the
 * multi-agency meeting; and the map of duplicated actions (teams linked by
 * the actions they duplicate, blind spots, which no CF link joins, in the
 * warning colour).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mapa/duplicates.h>

#include "io/diagram_common.h"
#include "io/diagram_limits.h"
#include "models/util.h"

static const char *const STAGE[4] = {"Decision-making", "Action taken", "Evaluation",
                                     "Dissemination"};

mapa_err mapa__diagram_stages(const mapa_diagram_input *in, const char *dir, unsigned formats)
{
    const mapa_partnership *p = in->p;
    Agraph_t *g = mapa__diagram_new("stages", "Stages of each sub-team, and where Critical "
                                              "Friends join them");
    if (!g)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for a diagram");
    Agnode_t *meeting = agnode(g, "meeting", 1);
    mapa__diagram_set(meeting, "label", "Multi-agency meeting\n(dissemination to the partnership)");
    mapa__diagram_set(meeting, "shape", "ellipse");
    mapa__diagram_set(meeting, "style", "bold");
    for (size_t t = 0; t < p->n_topics; t++) {
        char name[64], id[64], text[MAPA__LABEL_TEXT_CAP];
        snprintf(name, sizeof name, "cluster_t%zu", t);
        Agraph_t *c = agsubg(g, name, 1);
        mapa__diagram_set(c, "label", mapa__diagram_text(text, p->topics[t].name));
        mapa__diagram_set(c, "fontsize", "14");
        mapa__diagram_set(c, "color", mapa__diagram_colour(t));
        mapa__diagram_set(c, "penwidth", "2");
        Agnode_t *stage[4];
        for (int k = 0; k < 4; k++) {
            snprintf(id, sizeof id, "t%zu_s%d", t, k);
            stage[k] = agnode(c, id, 1);
            mapa__diagram_set(stage[k], "label", STAGE[k]);
            mapa__diagram_set(stage[k], "shape", "box");
            mapa__diagram_set(stage[k], "style", "rounded,filled");
            mapa__diagram_set(stage[k], "fillcolor", mapa__diagram_colour(t));
            mapa__diagram_set(stage[k], "fontcolor", mapa__diagram_text_colour(t));
            if (k > 0)
                agedge(g, stage[k - 1], stage[k], NULL, 1);
        }
        agedge(g, stage[3], meeting, NULL, 1);
        for (size_t k = 0; in->cf && k < in->cf->n_pairs; k++) {
            const mapa_cf_pair *x = &in->cf->pairs[k];
            if (x->team != t)
                continue;
            size_t h = in->team[x->member];
            snprintf(id, sizeof id, "cf_m%zu_t%zu", x->member, t); /* ids are the user's text */
            char label[2 * MAPA__LABEL_TEXT_CAP + 16], home[MAPA__LABEL_TEXT_CAP];
            snprintf(label, sizeof label, "CF: %s\nfrom %s",
                     mapa__diagram_text(text, p->members[x->member].name),
                     h != MAPA_NONE ? mapa__diagram_text(home, p->topics[h].name) : "?");
            Agnode_t *n = agnode(g, id, 1);
            mapa__diagram_set(n, "label", label);
            mapa__diagram_set(n, "shape", "note");
            for (int s = 0; s < 2; s++) {
                unsigned bit = s ? MAPA_STAGE_EVALUATION : MAPA_STAGE_DECISION;
                if (!(x->stages & bit))
                    continue;
                Agedge_t *e = agedge(g, n, stage[s ? 2 : 0], NULL, 1);
                mapa__diagram_set(e, "style", "dashed");
                mapa__diagram_set(e, "color", h != MAPA_NONE ? mapa__diagram_colour(h) : "black");
            }
        }
    }
    const mapa__legend_item legend[] = {
        {"a stage of the team's work, in order", "box", "rounded,filled", mapa__diagram_colour(0),
         NULL, 0},
        {"a Critical Friend (name, home team)", "note", "solid", "white", NULL, 0},
        {"the stages a Critical Friend joins (its home team's colour)", NULL, "dashed",
         mapa__diagram_colour(0), "1", 1},
        {"the multi-agency meeting, where results are disseminated", "ellipse", "bold", "white",
         NULL, 0}};
    mapa__diagram_legend(g, legend, 4);
    return mapa__diagram_write(g, dir, "stages", formats);
}

/* Action titles named on an edge of the duplicates map; the rest are counted. */
enum { DUP_TITLES_SHOWN = 3, DUP_TITLE_CHARS = 34 };

/* `s` cut after `chars` characters (UTF-8) with an ellipsis, into out (4 * chars + 4 bytes). */
static const char *short_title(char *out, const char *s, size_t chars)
{
    size_t n = 0, seen = 0;
    for (; s[n] && seen <= chars; n++)
        seen += ((unsigned char)s[n] & 0xC0) != 0x80;
    if (!s[n] && seen <= chars) {
        memcpy(out, s, n + 1);
        return out;
    }
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--; /* back to the start of the character that did not fit */
    n = n > 0 ? n - 1 : 0;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    memcpy(out, s, n);
    memcpy(out + n, "\xE2\x80\xA6", 4); /* ellipsis and NUL */
    return out;
}

/* Append "title a / title b" of pair k to the edge's label (grown; false on out of memory). */
static bool name_pair(char **label, const mapa_partnership *p, const mapa_dup_pair *x, size_t shown)
{
    char a[4 * DUP_TITLE_CHARS + 8], b[4 * DUP_TITLE_CHARS + 8];
    char ta[MAPA__LABEL_TEXT_CAP], tb[MAPA__LABEL_TEXT_CAP];
    short_title(a, p->actions[x->a].title, DUP_TITLE_CHARS);
    short_title(b, p->actions[x->b].title, DUP_TITLE_CHARS);
    char *next = mapa__format("%s%s\xE2\x80\x9C%s\xE2\x80\x9D = \xE2\x80\x9C%s\xE2\x80\x9D",
                              *label ? *label : "", shown ? "\n" : "", mapa__diagram_text(ta, a),
                              mapa__diagram_text(tb, b));
    if (!next)
        return false;
    free(*label);
    *label = next;
    return true;
}

mapa_err mapa__diagram_duplicates(const mapa_diagram_input *in, const mapa_duplicates *d,
                                  const char *dir, unsigned formats)
{
    const mapa_partnership *p = in->p;
    size_t T = p->n_topics;
    size_t *count = calloc(T * T + 1, sizeof *count);
    unsigned char *blind = calloc(T * T + 1, 1);
    Agraph_t *g = count && blind ? mapa__diagram_new("duplicates", "Duplicated actions between "
                                                                   "sub-teams")
                                 : NULL;
    if (!g) {
        free(count);
        free(blind);
        return mapa_error_set(MAPA_ENOMEM, "out of memory for a diagram");
    }
    mapa__diagram_set(g, "rankdir", "TB");
    char **names = calloc(T * T + 1, sizeof *names); /* per team pair: the actions, named */
    bool ok = names != NULL;
    for (size_t k = 0; ok && k < d->n_pairs; k++) {
        size_t a = p->actions[d->pairs[k].a].team, b = p->actions[d->pairs[k].b].team;
        if (a == b)
            continue;
        size_t lo = a < b ? a : b, hi = a < b ? b : a;
        if (count[lo * T + hi] < DUP_TITLES_SHOWN)
            ok = name_pair(&names[lo * T + hi], p, &d->pairs[k], count[lo * T + hi]);
        count[lo * T + hi]++;
        blind[lo * T + hi] |= d->have_plan && !d->pairs[k].spotted;
    }
    Agnode_t **node = ok ? calloc(T + 1, sizeof *node) : NULL;
    for (size_t t = 0; node && t < T; t++) {
        char id[32], text[MAPA__LABEL_TEXT_CAP];
        snprintf(id, sizeof id, "t%zu", t);
        node[t] = agnode(g, id, 1);
        mapa__diagram_set(node[t], "label", mapa__diagram_text(text, p->topics[t].name));
        mapa__diagram_set(node[t], "shape", "box");
        mapa__diagram_set(node[t], "style", "filled");
        mapa__diagram_set(node[t], "fillcolor", mapa__diagram_colour(t));
        mapa__diagram_set(node[t], "fontcolor", mapa__diagram_text_colour(t));
    }
    size_t per_row = mapa__diagram_per_row(T); /* teams in rows, not one wide row */
    for (size_t t = per_row; node && t < T; t++) {
        Agedge_t *e = agedge(g, node[t - per_row], node[t], "row", 1);
        mapa__diagram_set(e, "style", "invis");
    }
    size_t floor = mapa__diagram_floor(count, T * T, MAPA_DIAGRAM_DUP_PAIRS_MAX), left = 0,
           left_dups = 0; /* bounded cost: the team pairs with most duplicates, the rest counted */
    for (size_t a = 0; node && a < T; a++)
        for (size_t b = a + 1; b < T; b++) {
            if (count[a * T + b] && count[a * T + b] < floor) {
                left++;
                left_dups += count[a * T + b];
            }
            if (!count[a * T + b] || count[a * T + b] < floor)
                continue;
            size_t more =
                count[a * T + b] > DUP_TITLES_SHOWN ? count[a * T + b] - DUP_TITLES_SHOWN : 0;
            char tail[64] = "";
            if (more)
                snprintf(tail, sizeof tail, "\nand %zu more", more);
            char *label = mapa__format("%s%s%s", names[a * T + b], tail,
                                       blind[a * T + b] ? "\n(blind spot)" : "");
            Agedge_t *e = agedge(g, node[a], node[b], NULL, 1);
            mapa__diagram_set(e, "dir", "none");
            mapa__diagram_set(e, "label", label ? label : "");
            mapa__diagram_set(e, "fontsize", "9");
            free(label);
            mapa__diagram_set(e, "penwidth", "2");
            mapa__diagram_set(e, "color", blind[a * T + b] ? "#D55E00" : "#0072B2");
            mapa__diagram_set(e, "style", blind[a * T + b] ? "bold,dashed" : "solid");
        }
    for (size_t k = 0; names && k < T * T; k++)
        free(names[k]);
    free(names);
    if (left && node) {
        char note[160];
        snprintf(note, sizeof note, "and %zu more pairs of teams with %zu duplicates between them "
                 "(fewer than %zu each): see duplicates.csv", left, left_dups, floor);
        mapa__diagram_set(agnode(g, "more", 1), "label", note);
    }
    free(count);
    free(blind);
    if (!node) {
        agclose(g);
        return mapa_error_set(MAPA_ENOMEM, "out of memory for a diagram");
    }
    free(node);
    const mapa__legend_item legend[] = {
        {"the two teams plan the same work (label: the actions); a Critical Friend link "
         "joins them",
         NULL, "solid", "#0072B2", "2", 0},
        {"a blind spot: no Critical Friend link joins the two teams", NULL, "bold,dashed",
         "#D55E00", "2", 0}};
    mapa__diagram_legend(g, legend, 2);
    return mapa__diagram_write(g, dir, "duplicates", formats);
}
