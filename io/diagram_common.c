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

static int collect(char *message)
{
    if (!graphviz_message[0]) {
        snprintf(graphviz_message, sizeof graphviz_message, "%s", message);
        size_t n = strlen(graphviz_message);
        while (n && (graphviz_message[n - 1] == '\n' || graphviz_message[n - 1] == ' '))
            graphviz_message[--n] = '\0';
    }
    return 0;
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

void mapa__diagram_legend(Agraph_t *g, const char *const *colours, const char *const *texts,
                          size_t n)
{
    size_t cap = 256 + n * 320;
    char *html = malloc(cap), cell[256];
    if (!html)
        return;
    snprintf(html, cap,
             "<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"4\">"
             "<TR><TD COLSPAN=\"2\"><B>Legend</B></TD></TR>");
    for (size_t k = 0; k < n; k++) {
        html_escape(cell, sizeof cell, texts[k]);
        size_t used = strlen(html);
        snprintf(html + used, cap - used,
                 "<TR><TD BGCOLOR=\"%s\" WIDTH=\"20\"></TD><TD ALIGN=\"LEFT\">%s</TD></TR>",
                 colours[k], cell);
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

static mapa_err render(GVC_t *gvc, Agraph_t *g, const char *path, const char *format)
{
    mapa__atomic_file f;
    mapa_err err = mapa__atomic_open(&f, path);
    if (err != MAPA_OK)
        return err;
    if (gvRender(gvc, g, format, f.fp) != 0) {
        mapa__atomic_abort(&f);
        return mapa_error_set(MAPA_EDEPENDENCY, "Graphviz could not write %s: %s", path,
                              graphviz_message[0] ? graphviz_message : "no reason given");
    }
    return mapa__atomic_commit(&f);
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
    bool laid_out = gvLayout(gvc, g, "dot") == 0;
    if (!laid_out)
        err = mapa_error_set(MAPA_EDEPENDENCY, "Graphviz could not lay out %s: %s", name,
                             graphviz_message[0] ? graphviz_message : "no reason given");
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
