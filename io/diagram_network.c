/*
 * The communication network of the plan: members coloured by their agency's
 * sector and sized by betweenness, SPOCs as double circles, articulation
 * points (whose removal splits the network) with a thick border. From 200
 * members up the members are aggregated into agencies (or teams): a node per
 * agency sized by its members, a tie weighted by the member ties between two
 * agencies, and betweenness and articulation points of that smaller network.
 * Laid out with neato (spring model); the legend is a table.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mapa/metrics.h>
#include <mapa/network.h>

#include "io/diagram_common.h"
#include "models/util.h"

/*
 * Fill of each sector, all distinct: Paul Tol's colour-blind-safe "muted"
 * scheme (police indigo, local authority cyan, health green, government sand,
 * fire rose, NGO teal, faith purple, business olive, academia wine, other grey).
 */
static const char *const SECTOR_FILL[MAPA_SECTOR_COUNT] = {
    "white",   "#332288", "#88CCEE", "#117733", "#DDCC77", "#CC6677",
    "#44AA99", "#AA4499", "#999933", "#882255", "#DDDDDD"};

/* The border of a single point of failure: thick and red, unlike any fill. */
#define ARTICULATION_COLOUR "#E8000B"

static const char *sector_colour(size_t s)
{
    return s < MAPA_SECTOR_COUNT ? SECTOR_FILL[s] : "white";
}

static mapa_diagram_level level_of(const mapa_diagram_input *in)
{
    if (in->level != MAPA_DIAGRAM_AUTO)
        return in->level;
    if (in->p->n_members < MAPA_DIAGRAM_AGGREGATE_FROM)
        return MAPA_DIAGRAM_MEMBERS;
    return in->p->n_agencies <= 150 ? MAPA_DIAGRAM_AGENCIES : MAPA_DIAGRAM_TEAMS;
}

/* The network of agencies (or teams): node k = group k, ties counted from member ties. */
static mapa_err aggregate(mapa_network *agg, const mapa_network *net, const mapa_partnership *p,
                          bool by_team)
{
    size_t n = by_team ? p->n_topics : p->n_agencies;
    *agg = (mapa_network)MAPA_NETWORK_INIT;
    agg->n = n;
    agg->label = calloc(n + 1, sizeof *agg->label);
    agg->name = calloc(n + 1, sizeof *agg->name);
    agg->group = malloc((n + 1) * sizeof *agg->group);
    agg->sector = malloc((n + 1) * sizeof *agg->sector);
    agg->team = malloc((n + 1) * sizeof *agg->team);
    bool ok = agg->label && agg->name && agg->group && agg->sector && agg->team;
    for (size_t k = 0; ok && k < n; k++) {
        agg->label[k] = mapa__strdup(by_team ? p->topics[k].id : p->agencies[k].id);
        agg->name[k] = mapa__strdup(by_team ? p->topics[k].name : p->agencies[k].name);
        agg->group[k] = MAPA_NONE;
        agg->sector[k] = by_team ? MAPA_NONE : (size_t)p->agencies[k].sector;
        agg->team[k] = by_team ? k : MAPA_NONE;
        ok = agg->label[k] && agg->name[k];
    }
    mapa_err err = ok ? MAPA_OK : mapa_error_set(MAPA_ENOMEM, "out of memory for a diagram");
    if (err == MAPA_OK) /* teams kept as cliques count in closed form */
        err = mapa_network_aggregate(agg, net, by_team ? net->team : net->group);
    if (err == MAPA_OK)
        mapa_network_finish(agg);
    return err;
}

/* Node width in inches: 0.25 to 1.25 by the square root of its share of the largest value. */
static void set_size(Agnode_t *n, double value, double largest)
{
    char w[32];
    double share = largest > 0 && value > 0 ? sqrt(value / largest) : 0;
    snprintf(w, sizeof w, "%.2f", 0.25 + share);
    mapa__diagram_set(n, "width", w);
    mapa__diagram_set(n, "height", w);
}

static void set_tie(Agedge_t *e, const mapa_tie *t, bool weighted, double heaviest)
{
    char w[32];
    mapa__diagram_set(e, "dir", "none");
    if (weighted) {
        snprintf(w, sizeof w, "%.2f", 0.3 + 5.7 * t->weight / heaviest);
        mapa__diagram_set(e, "penwidth", w);
        mapa__diagram_set(e, "color", "#33333366"); /* see-through: heavy ties stand out */
        snprintf(w, sizeof w, "%.0f", t->weight);
        mapa__diagram_set(e, "tooltip", w);
        return;
    }
    /* strongest kind first: Critical Friend, SPOC, co-ordination, team */
    bool cf = t->kind & MAPA_TIE_CF, spoc = t->kind & (MAPA_TIE_SPOC | MAPA_TIE_COORD);
    mapa__diagram_set(e, "color", cf ? "black" : spoc ? "#0072B2" : "#BBBBBB");
    mapa__diagram_set(e, "style", cf ? "dashed" : spoc ? "bold" : "solid");
    mapa__diagram_set(e, "penwidth", cf || spoc ? "1.5" : "0.7");
}

/* The legend: a swatch per sector present, then each mark drawn as it appears. */
static void legend(Agraph_t *g, const mapa_network *net, mapa_diagram_level level, bool observed)
{
    mapa__legend_mark rows[MAPA_SECTOR_COUNT + 8];
    char texts[MAPA_SECTOR_COUNT][64];
    size_t n = 0;
    bool present[MAPA_SECTOR_COUNT] = {false};
    for (size_t k = 0; level != MAPA_DIAGRAM_TEAMS && k < net->n; k++)
        if (net->sector[k] != MAPA_NONE && net->sector[k] < MAPA_SECTOR_COUNT)
            present[net->sector[k]] = true;
    for (size_t s = 0; s < MAPA_SECTOR_COUNT; s++) {
        if (!present[s])
            continue;
        snprintf(texts[s], sizeof texts[s], "%s",
                 s ? mapa_sector_name((mapa_sector)s) : "sector not given");
        for (char *c = texts[s]; *c; c++)
            *c = *c == '_' ? ' ' : *c; /* local_authority -> local authority */
        rows[n++] = (mapa__legend_mark){texts[s], sector_colour(s), NULL, NULL};
    }
    bool members = level == MAPA_DIAGRAM_MEMBERS;
    rows[n++] =
        (mapa__legend_mark){"a Single Point of Contact (SPOC), or an agency or team with one", NULL,
                            "\xE2\x97\x8E", "black"}; /* ◎ */
    rows[n++] = (mapa__legend_mark){"red ring: a single point of failure (without it, some lose "
                                    "their path to the others)",
                                    NULL, "\xE2\x97\x8B", ARTICULATION_COLOUR}; /* ○ */
    rows[n++] = (mapa__legend_mark){members ? "size: how often a member is on the shortest chains "
                                              "between others (a broker)"
                                            : "size: members; line width: links between them",
                                    NULL, "\xE2\x80\xA2 \xE2\x97\x8F \xE2\xAC\xA4", "#555555"};
    if (observed) {
        rows[n++] = (mapa__legend_mark){"contacts logged between the two (width: how many)", NULL,
                                        "\xE2\x94\x81\xE2\x94\x81\xE2\x94\x81", "#555555"};
    } else if (members) {
        rows[n++] = (mapa__legend_mark){"a Critical Friend link", NULL, "- - - -", "black"};
        rows[n++] = (mapa__legend_mark){"SPOC to SPOC, or co-ordination team to SPOC", NULL,
                                        "\xE2\x94\x81\xE2\x94\x81\xE2\x94\x81", "#0072B2"};
        rows[n++] = (mapa__legend_mark){"members of the same sub-team", NULL,
                                        "\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80", "#999999"};
    }
    mapa__diagram_legend_marks(g, rows, n);
}

static mapa_err draw(const mapa_diagram_input *in, const mapa_network *net, const mapa_metrics *m,
                     mapa_diagram_level level, bool observed, const char *dir, unsigned formats)
{
    const mapa_partnership *p = in->p;
    const char *what = level == MAPA_DIAGRAM_MEMBERS    ? "members"
                       : level == MAPA_DIAGRAM_AGENCIES ? "agencies"
                                                        : "sub-teams";
    char title[512];
    snprintf(title, sizeof title, "%s: %zu %s, %zu ties%s",
             observed ? "Contacts logged in interactions.csv" : "Communication network of the plan",
             net->n, what, net->n_ties,
             level == MAPA_DIAGRAM_MEMBERS ? "" : " (members aggregated)");
    const char *name = observed ? "observed" : "network";
    Agraph_t *g = mapa__diagram_new(name, title);
    if (!g)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for a diagram");
    mapa__diagram_set(g, "layout", net->n > 400 ? "sfdp" : "neato");
    mapa__diagram_set(g, "overlap", "false");
    mapa__diagram_set(g, "splines", "false");
    mapa__diagram_set(g, "outputorder", "edgesfirst");
    mapa__diagram_set(g, "sep", "+12");
    mapa__diagram_set(g, "forcelabels", "true");
    size_t *members = calloc(net->n + 1, sizeof *members),
           *spocs = calloc(net->n + 1, sizeof *spocs);
    Agnode_t **node = calloc(net->n + 1, sizeof *node);
    if (!members || !spocs || !node) {
        free(members);
        free(spocs);
        free(node);
        agclose(g);
        return mapa_error_set(MAPA_ENOMEM, "out of memory for a diagram");
    }
    for (size_t i = 0; i < p->n_members; i++) {
        size_t k = level == MAPA_DIAGRAM_MEMBERS    ? i
                   : level == MAPA_DIAGRAM_AGENCIES ? p->members[i].agency
                                                    : (in->team ? in->team[i] : MAPA_NONE);
        if (k != MAPA_NONE)
            members[k]++;
    }
    for (size_t t = 0; in->spoc && t < p->n_topics; t++) {
        size_t s = in->spoc[t];
        if (s == MAPA_NONE)
            continue;
        size_t k = level == MAPA_DIAGRAM_MEMBERS    ? s
                   : level == MAPA_DIAGRAM_AGENCIES ? p->members[s].agency
                                                    : t;
        spocs[k]++;
    }
    double largest = 0, heaviest = 1;
    for (size_t k = 0; k < net->n; k++) {
        double v = level == MAPA_DIAGRAM_MEMBERS ? m->node[k].betweenness : (double)members[k];
        largest = v > largest ? v : largest;
    }
    for (size_t k = 0; k < net->n_ties; k++)
        heaviest = net->ties[k].weight > heaviest ? net->ties[k].weight : heaviest;
    for (size_t k = 0; k < net->n; k++) {
        char id[64], label[MAPA__LABEL_TEXT_CAP + 64], text[MAPA__LABEL_TEXT_CAP];
        snprintf(id, sizeof id, "n%zu", k);
        node[k] = agnode(g, id, 1);
        mapa__diagram_text(text, net->name[k]);
        if (level == MAPA_DIAGRAM_MEMBERS)
            snprintf(label, sizeof label, "%s", text);
        else
            snprintf(label, sizeof label, "%s\n%zu member%s%s", text, members[k],
                     members[k] == 1 ? "" : "s", spocs[k] ? ", SPOC" : "");
        mapa__diagram_set(node[k], "label", "");
        mapa__diagram_set(node[k], "xlabel", label); /* outside: the size shows the figure */
        mapa__diagram_set(node[k], "shape", spocs[k] ? "doublecircle" : "circle");
        mapa__diagram_set(node[k], "fixedsize", "true");
        mapa__diagram_set(node[k], "fontsize", level == MAPA_DIAGRAM_MEMBERS ? "9" : "10");
        if (level == MAPA_DIAGRAM_TEAMS) {
            mapa__diagram_set(node[k], "style", "filled");
            mapa__diagram_set(node[k], "fillcolor", mapa__diagram_colour(k));
            mapa__diagram_set(node[k], "fontcolor", mapa__diagram_text_colour(k));
        } else {
            mapa__diagram_set(node[k], "style", "filled");
            mapa__diagram_set(node[k], "fillcolor", sector_colour(net->sector[k]));
            mapa__diagram_set(node[k], "fontcolor", "black"); /* the name is outside the node */
        }
        set_size(node[k],
                 level == MAPA_DIAGRAM_MEMBERS ? m->node[k].betweenness : (double)members[k],
                 largest);
        if (m->node[k].articulation) {
            mapa__diagram_set(node[k], "penwidth", "4");
            mapa__diagram_set(node[k], "color", ARTICULATION_COLOUR);
        }
    }
    for (size_t k = 0; k < net->n_ties; k++) {
        Agedge_t *e = agedge(g, node[net->ties[k].a], node[net->ties[k].b], NULL, 1);
        set_tie(e, &net->ties[k], observed || level != MAPA_DIAGRAM_MEMBERS, heaviest);
    }
    free(members);
    free(spocs);
    free(node);
    legend(g, net, level, observed);
    return mapa__diagram_write(g, dir, name, formats);
}

/* One network diagram: the plan's (observed false) or the contacts of interactions.csv. */
static mapa_err network_diagram(const mapa_diagram_input *in, bool observed, const char *dir,
                                unsigned formats)
{
    mapa_network net = MAPA_NETWORK_INIT, agg = MAPA_NETWORK_INIT;
    mapa_metrics m;
    memset(&m, 0, sizeof m);
    mapa_diagram_level level = level_of(in);
    mapa_err err = observed ? mapa_network_from_log(&net, in->p, in->team, INT32_MIN, INT32_MAX)
                            : mapa_network_from_plan(&net, in->p, in->team, in->spoc, in->cf);
    if (err == MAPA_OK && level != MAPA_DIAGRAM_MEMBERS)
        err = aggregate(&agg, &net, in->p, level == MAPA_DIAGRAM_TEAMS);
    const mapa_network *shown = level == MAPA_DIAGRAM_MEMBERS ? &net : &agg;
    mapa_metrics_options options = MAPA_METRICS_OPTIONS_INIT;
    bool computed = false;
    if (err == MAPA_OK)
        computed = (err = mapa_metrics_compute(&m, shown, &options)) == MAPA_OK;
    if (err == MAPA_OK)
        err = draw(in, shown, &m, level, observed, dir, formats);
    if (computed)
        mapa_metrics_dispose(&m);
    mapa_network_dispose(&agg);
    mapa_network_dispose(&net);
    return err;
}

mapa_err mapa__diagram_network(const mapa_diagram_input *in, const char *dir, unsigned formats)
{
    return network_diagram(in, false, dir, formats);
}

mapa_err mapa__diagram_observed(const mapa_diagram_input *in, const char *dir, unsigned formats)
{
    return network_diagram(in, true, dir, formats);
}
