/*
 * Shared by the diagrams: graphs built with libcgraph, laid out with dot and
 * rendered with libgvc in this process, into files written whole or not at
 * all. Graphviz reports problems through agseterrf: they are collected and
 * returned as the error's text instead of being printed.
 */
#include <graphviz/gvc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mapa/output.h>

#include "io/atomic_file.h"
#include "io/diagram_common.h"
#include "models/util.h"

static char graphviz_message[512];

/*
 * Graphviz hands a message over in pieces ("Error", ": ", the text): they are
 * joined, the level words dropped, lines separated by "; ".
 */
static int collect(char *message)
{
    if (strcmp(message, "Error") == 0 || strcmp(message, "Warning") == 0 ||
        strcmp(message, ": ") == 0)
        return 0;
    size_t n = strlen(graphviz_message);
    const char *c = message;
    for (; *c && n + 3 < sizeof graphviz_message; c++) {
        if (*c == '\n') {
            if (c[1])
                n += (size_t)snprintf(graphviz_message + n, sizeof graphviz_message - n, "; ");
            continue;
        }
        graphviz_message[n++] = *c;
    }
    if (*c && ((unsigned char)*c & 0xC0) == 0x80) { /* full inside a character: drop its start */
        while (n && ((unsigned char)graphviz_message[n - 1] & 0xC0) == 0x80)
            n--;
        n -= n > 0;
    }
    graphviz_message[n] = '\0';
    while (n && graphviz_message[n - 1] == ' ')
        graphviz_message[--n] = '\0';
    if (n && message[strlen(message) - 1] == '\n')
        n += (size_t)snprintf(graphviz_message + n, sizeof graphviz_message - n, "; ");
    return 0;
}

/* The collected messages, without a trailing separator. */
static const char *graphviz_reason(void)
{
    size_t n = strlen(graphviz_message);
    while (n && (graphviz_message[n - 1] == ' ' || graphviz_message[n - 1] == ';'))
        graphviz_message[--n] = '\0';
    return n ? graphviz_message : "no reason given";
}

/* The length of the UTF-8 character at s, or 0 when the byte does not start a valid one. */
static size_t utf8_len(const unsigned char *s)
{
    unsigned c = s[0];
    size_t n = c < 0x80                 ? 1
               : c >= 0xC2 && c <= 0xDF ? 2
               : c >= 0xE0 && c <= 0xEF ? 3
               : c >= 0xF0 && c <= 0xF4 ? 4
                                        : 0;
    for (size_t k = 1; k < n; k++)
        if ((s[k] & 0xC0) != 0x80)
            return 0;
    if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] >= 0xA0) || (c == 0xF0 && s[1] < 0x90) ||
        (c == 0xF4 && s[1] >= 0x90))
        return 0; /* overlong, surrogate, beyond U+10FFFF */
    return n;
}

static bool is_control(const unsigned char *s, size_t n)
{
    return (n == 1 && (s[0] < 0x20 || s[0] == 0x7F)) || (n == 2 && s[0] == 0xC2 && s[1] < 0xA0) ||
           (n == 3 && s[0] == 0xEF && s[1] == 0xBF && s[2] >= 0xBE);
}

char *mapa__diagram_text(char *out, const char *s)
{
    static const char ellipsis[] = "\xE2\x80\xA6", replacement[] = "\xEF\xBF\xBD";
    const unsigned char *p = (const unsigned char *)s;
    size_t n = 0, chars = 0;
    for (; *p && chars < MAPA__LABEL_CHARS; chars++) {
        size_t len = utf8_len(p);
        if (len == 0 || is_control(p, len)) {
            memcpy(out + n, replacement, 3);
            n += 3;
            p += len ? len : 1;
        } else if (*p == '\\') {
            out[n++] = '\\';
            out[n++] = '\\';
            p++;
        } else {
            memcpy(out + n, p, len);
            n += len;
            p += len;
        }
    }
    if (*p) {
        memcpy(out + n, ellipsis, 3);
        n += 3;
    }
    out[n] = '\0';
    return out;
}

static const char *const PALETTE[] = {"#E69F00", "#56B4E9", "#009E73", "#F0E442",
                                      "#0072B2", "#D55E00", "#CC79A7", "#999999"};
static const char *const STYLES[] = {"solid", "dashed", "bold", "dotted"};

const char *mapa__diagram_colour(size_t k)
{
    return PALETTE[k % 8];
}

const char *mapa__diagram_text_colour(size_t k)
{
    return k % 8 == 4 ? "white" : "black"; /* dark blue needs light text */
}

const char *mapa__diagram_style(size_t k)
{
    return STYLES[(k / 8) % 4];
}

size_t mapa__diagram_per_row(size_t n)
{
    size_t w = 3;
    while (w * w < 2 * n)
        w++;
    return w;
}

void mapa__diagram_set(void *obj, const char *name, const char *value)
{
    agsafeset(obj, (char *)name, (char *)value, "");
}

Agraph_t *mapa__diagram_new(const char *name, const char *title)
{
    agseterrf(collect);
    Agraph_t *g = agopen((char *)name, Agdirected, NULL);
    if (!g)
        return NULL;
    mapa__diagram_set(g, "label", title);
    mapa__diagram_set(g, "labelloc", "t");
    mapa__diagram_set(g, "fontsize", "20");
    mapa__diagram_set(g, "fontname", "Helvetica");
    mapa__diagram_set(g, "compound", "true");
    mapa__diagram_set(g, "rankdir", "LR");
    agattr(g, AGNODE, "fontname", "Helvetica");
    agattr(g, AGNODE, "fontsize", "11");
    agattr(g, AGEDGE, "fontname", "Helvetica");
    agattr(g, AGEDGE, "fontsize", "10");
    return g;
}

/* A legend row: [swatch] [end of a line sample] [text], side by side. */
static void legend_row(Agraph_t *box, size_t k, const mapa__legend_item *item, double width,
                       bool across)
{
    char id[3][48];
    Agnode_t *n[3];
    for (int j = 0; j < 3; j++) {
        snprintf(id[j], sizeof id[j], "legend_%zu_%c", k, "abt"[j]);
        n[j] = agnode(box, id[j], 1);
    }
    for (int j = 0; j < 2; j++) {
        mapa__diagram_set(n[j], "shape", "point");
        mapa__diagram_set(n[j], "width", "0.04");
        mapa__diagram_set(n[j], "color", item->colour ? item->colour : "black");
    }
    Agedge_t *e = agedge(box, n[0], n[1], NULL, 1);
    if (item->shape) { /* a node drawn as in the diagram */
        mapa__diagram_set(n[0], "shape", item->shape);
        mapa__diagram_set(n[0], "label", "");
        mapa__diagram_set(n[0], "width", "0.5");
        mapa__diagram_set(n[0], "height", "0.3");
        mapa__diagram_set(n[0], "color", "black");
        mapa__diagram_set(n[0], "style", item->style ? item->style : "solid");
        mapa__diagram_set(n[0], "fillcolor", item->colour ? item->colour : "white");
        mapa__diagram_set(n[1], "style", "invis");
        mapa__diagram_set(e, "style", "invis");
    } else { /* a line drawn as in the diagram */
        mapa__diagram_set(e, "style", item->style ? item->style : "solid");
        mapa__diagram_set(e, "color", item->colour ? item->colour : "black");
        mapa__diagram_set(e, "penwidth", item->pen ? item->pen : "2");
        mapa__diagram_set(e, "dir", item->arrow == 2 ? "both" : item->arrow ? "forward" : "none");
    }
    char text[600], w[32];
    snprintf(text, sizeof text, "%s\\l", item->text); /* left-justified */
    snprintf(w, sizeof w, "%.2f", width);
    mapa__diagram_set(n[2], "shape", "plaintext");
    mapa__diagram_set(n[2], "label", text);
    mapa__diagram_set(n[2], "width", w);
    mapa__diagram_set(agedge(box, n[1], n[2], NULL, 1), "style", "invis");
    if (across) { /* top-to-bottom diagrams: the row is one rank */
        char row[48];
        snprintf(row, sizeof row, "legend_row_%zu", k);
        Agraph_t *r = agsubg(box, row, 1);
        mapa__diagram_set(r, "rank", "same");
        for (int j = 0; j < 3; j++)
            agsubnode(r, n[j], 1);
    }
}

/* The glyph that draws a legend item's shape or line in a table. */
static const char *glyph_of(const mapa__legend_item *item)
{
    if (item->shape) {
        if (strstr(item->shape, "double"))
            return "\xE2\x97\x8E"; /* ◎ */
        if (strcmp(item->shape, "circle") == 0 || strcmp(item->shape, "ellipse") == 0)
            return "\xE2\x97\x8F"; /* ● */
        return "\xE2\x96\xA0";     /* ■ */
    }
    const char *style = item->style ? item->style : "solid";
    if (strstr(style, "dashed"))
        return item->arrow ? "- - - \xE2\x96\xB6" : "- - - -";
    if (strstr(style, "dotted"))
        return item->arrow ? "\xC2\xB7 \xC2\xB7 \xC2\xB7 \xE2\x96\xB6"
                           : "\xC2\xB7 \xC2\xB7 \xC2\xB7 \xC2\xB7";
    if (strstr(style, "bold"))
        return item->arrow ? "\xE2\x94\x81\xE2\x94\x81\xE2\x96\xB6"
                           : "\xE2\x94\x81\xE2\x94\x81\xE2\x94\x81";
    return item->arrow ? "\xE2\x94\x80\xE2\x94\x80\xE2\x96\xB6"
                       : "\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80";
}

/* Layouts without clusters (circo, neato): the legend as a table whose cells draw the marks. */
static void legend_as_table(Agraph_t *g, const mapa__legend_item *items, size_t n)
{
    mapa__legend_mark *rows = calloc(n + 1, sizeof *rows);
    if (!rows)
        return;
    for (size_t k = 0; k < n; k++)
        rows[k] = (mapa__legend_mark){items[k].text, NULL, glyph_of(&items[k]),
                                      items[k].colour ? items[k].colour : "black"};
    mapa__diagram_legend_marks(g, rows, n);
    free(rows);
}

void mapa__diagram_legend(Agraph_t *g, const mapa__legend_item *items, size_t n)
{
    const char *layout = agget(g, "layout");
    if (layout && layout[0] && strcmp(layout, "dot") != 0) {
        legend_as_table(g, items, n);
        return;
    }
    Agraph_t *box = agsubg(g, "cluster_legend", 1);
    mapa__diagram_set(box, "label", "Legend");
    mapa__diagram_set(box, "fontsize", "14");
    mapa__diagram_set(box, "color", "#999999");
    mapa__diagram_set(box, "style", "rounded");
    size_t longest = 0;
    for (size_t k = 0; k < n; k++)
        longest = strlen(items[k].text) > longest ? strlen(items[k].text) : longest;
    double width = 0.075 * (double)longest; /* inches at 11 pt: left-justified in equal boxes */
    const char *dir = agget(g, "rankdir");
    bool across = !dir || strcmp(dir, "LR") != 0;
    for (size_t k = 0; k < n; k++) {
        legend_row(box, k, &items[k], width, across);
        for (int j = 0; across && k > 0 && j < 3; j++) { /* rows one under the other */
            char a[48], b[48];
            snprintf(a, sizeof a, "legend_%zu_%c", k - 1, "abt"[j]);
            snprintf(b, sizeof b, "legend_%zu_%c", k, "abt"[j]);
            Agedge_t *e = agedge(box, agnode(box, a, 0), agnode(box, b, 0), NULL, 1);
            mapa__diagram_set(e, "style", "invis");
        }
    }
}

/* Text for an HTML-like label: & < > " escaped. */
static void html_escape(char *out, size_t cap, const char *s)
{
    size_t n = 0;
    for (; *s && n + 7 < cap; s++) {
        const char *rep = *s == '&'   ? "&amp;"
                          : *s == '<' ? "&lt;"
                          : *s == '>' ? "&gt;"
                          : *s == '"' ? "&quot;"
                                      : NULL;
        if (rep) {
            memcpy(out + n, rep, strlen(rep));
            n += strlen(rep);
        } else {
            out[n++] = *s;
        }
    }
    out[n] = '\0';
}

void mapa__diagram_legend_marks(Agraph_t *g, const mapa__legend_mark *rows, size_t n)
{
    size_t cap = 256 + n * 480;
    char *html = malloc(cap), cell[256];
    if (!html)
        return;
    snprintf(html, cap,
             "<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"4\">"
             "<TR><TD COLSPAN=\"2\"><B>Legend</B></TD></TR>");
    for (size_t k = 0; k < n; k++) {
        html_escape(cell, sizeof cell, rows[k].text);
        size_t used = strlen(html);
        if (rows[k].fill)
            snprintf(html + used, cap - used,
                     "<TR><TD BGCOLOR=\"%s\" WIDTH=\"40\"></TD><TD ALIGN=\"LEFT\">%s</TD></TR>",
                     rows[k].fill, cell);
        else
            snprintf(html + used, cap - used,
                     "<TR><TD WIDTH=\"40\"><FONT POINT-SIZE=\"16\" COLOR=\"%s\">%s</FONT></TD>"
                     "<TD ALIGN=\"LEFT\">%s</TD></TR>",
                     rows[k].glyph_colour ? rows[k].glyph_colour : "black", rows[k].glyph, cell);
    }
    size_t used = strlen(html);
    snprintf(html + used, cap - used, "</TABLE>");
    Agraph_t *box = agsubg(g, "cluster_legend", 1);
    mapa__diagram_set(box, "label", "");
    mapa__diagram_set(box, "style", "invis");
    Agnode_t *node = agnode(box, "legend", 1);
    mapa__diagram_set(node, "shape", "plaintext");
    agsafeset(node, "label", agstrdup_html(g, html), "");
    free(html);
}

/*
 * Render into memory, then write the file ourselves: Graphviz writing a file
 * itself calls exit(1) on a write error (a full disk), with its message lost.
 */
static mapa_err render(GVC_t *gvc, Agraph_t *g, const char *path, const char *format)
{
    char *data = NULL;
    unsigned int size = 0;
    if (gvRenderData(gvc, g, format, &data, &size) != 0) {
        if (data)
            gvFreeRenderData(data);
        return mapa_error_set(MAPA_EDEPENDENCY, "Graphviz could not write %s: %s", path,
                              graphviz_reason());
    }
    mapa_err err = mapa__atomic_write(path, data, size);
    gvFreeRenderData(data);
    return err;
}

/*
 * One Graphviz context for the whole process: Graphviz 2.43 keeps a cache of
 * text sizes that gvFreeContext frees but a later context still reads, so a
 * context is never freed (its memory stays reachable until exit).
 */
static GVC_t *context(void)
{
    static GVC_t *gvc;
    if (!gvc)
        gvc = gvContext();
    return gvc;
}

mapa_err mapa__diagram_write(Agraph_t *g, const char *dir, const char *name, unsigned formats)
{
    graphviz_message[0] = '\0';
    GVC_t *gvc = context();
    if (!gvc) {
        agclose(g);
        return mapa_error_set(MAPA_EDEPENDENCY, "Graphviz could not start");
    }
    mapa_err err = MAPA_OK;
    const char *engine = agget(g, "layout");
    bool laid_out = gvLayout(gvc, g, engine && engine[0] ? engine : "dot") == 0;
    if (!laid_out)
        err = mapa_error_set(MAPA_EDEPENDENCY, "Graphviz could not lay out %s: %s", name,
                             graphviz_reason());
    static const struct {
        unsigned bit;
        const char *ext;
    } kinds[] = {{0, "dot"},
                 {MAPA_DIAGRAM_SVG, "svg"},
                 {MAPA_DIAGRAM_PDF, "pdf"},
                 {MAPA_DIAGRAM_PNG, "png"}};
    for (size_t k = 0; err == MAPA_OK && k < 4; k++) {
        if (kinds[k].bit && !(formats & kinds[k].bit))
            continue;
        char file[256];
        snprintf(file, sizeof file, "%s.%s", name, kinds[k].ext);
        char *path = mapa__path_join(dir, file);
        err = path ? render(gvc, g, path, kinds[k].ext)
                   : mapa_error_set(MAPA_ENOMEM, "out of memory");
        free(path);
    }
    if (laid_out)
        gvFreeLayout(gvc, g);
    agclose(g);
    return err;
}
