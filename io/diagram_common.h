/* What the diagrams share: a palette, titled graphs with a legend, rendering to files. */
#ifndef MAPA_IO_DIAGRAM_COMMON_H
#define MAPA_IO_DIAGRAM_COMMON_H

#include <graphviz/cgraph.h>
#include <stdbool.h>

#include <mapa/diagrams.h>

/** The most characters of one name or text shown in a label; longer ones end in "…". */
#define MAPA__LABEL_CHARS 60
/** Room for one text made by mapa__diagram_text: 4 bytes a character, the ellipsis, NUL. */
#define MAPA__LABEL_TEXT_CAP (4 * MAPA__LABEL_CHARS + 8)

/**
 * `s` (a name or text from the user) made safe for a Graphviz label, into
 * `out` (MAPA__LABEL_TEXT_CAP bytes), which it returns: backslashes doubled so
 * that \N \G \L \E \T \H \n \l \r are drawn as written; control characters
 * and bytes that are not UTF-8 shown as U+FFFD; after MAPA__LABEL_CHARS
 * characters cut on a character boundary with an ellipsis.
 */
char *mapa__diagram_text(char *out, const char *s);

/** Okabe and Ito's colour-blind-safe palette (8 colours) and line styles for greyscale. */
const char *mapa__diagram_colour(size_t k);
const char *mapa__diagram_style(size_t k);
/** Text colour readable on fill colour k. */
const char *mapa__diagram_text_colour(size_t k);

/** How many of n boxes go in one row of a wrapped diagram (about twice as wide as high). */
size_t mapa__diagram_per_row(size_t n);

/** A directed graph with a title, the fonts and the defaults every diagram uses. */
Agraph_t *mapa__diagram_new(const char *name, const char *title);

/** Set attribute `name` of node, edge or graph `obj` (declared on first use). */
void mapa__diagram_set(void *obj, const char *name, const char *value);

/** A legend row: a node drawn with `shape` (NULL: a line drawn with `style`) and its text. */
typedef struct mapa__legend_item {
    const char *text;
    const char *shape;  /**< node shape of the swatch, or NULL for a line sample */
    const char *style;  /**< node or line style, as in the diagram */
    const char *colour; /**< fill colour of the node, or colour of the line */
    const char *pen;    /**< pen width of the line (NULL: 2) */
    int arrow;          /**< 0 a plain line, 1 an arrowhead, 2 arrowheads at both ends */
} mapa__legend_item;

/** A legend: a cluster of swatches drawn as the diagram draws them, each with its text. */
void mapa__diagram_legend(Agraph_t *g, const mapa__legend_item *items, size_t n);

/** Lay out with dot and write dir/name.dot, .svg and the requested formats; closes g. */
mapa_err mapa__diagram_write(Agraph_t *g, const char *dir, const char *name, unsigned formats);

/** A legend row drawn in a table: a filled swatch, or a glyph (◎, "- - -") in its colour. */
typedef struct mapa__legend_mark {
    const char *text;
    const char *fill;  /**< the swatch's colour, or NULL for a glyph */
    const char *glyph; /**< UTF-8 text drawn in `glyph_colour` (not escaped: ours) */
    const char *glyph_colour;
} mapa__legend_mark;

/** A legend for layouts without clusters (neato, circo): a table whose swatches draw the marks. */
void mapa__diagram_legend_marks(Agraph_t *g, const mapa__legend_mark *rows, size_t n);

/** The diagrams. */
mapa_err mapa__diagram_structure(const mapa_diagram_input *in, const char *dir, unsigned formats);
mapa_err mapa__diagram_cf(const mapa_diagram_input *in, const char *dir, unsigned formats);
mapa_err mapa__diagram_team_graph(const mapa_diagram_input *in, const char *dir, unsigned formats);
mapa_err mapa__diagram_stages(const mapa_diagram_input *in, const char *dir, unsigned formats);
mapa_err mapa__diagram_network(const mapa_diagram_input *in, const char *dir, unsigned formats);
/** The contacts of interactions.csv, drawn as the network is (only when there are some). */
mapa_err mapa__diagram_observed(const mapa_diagram_input *in, const char *dir, unsigned formats);
struct mapa_duplicates;
mapa_err mapa__diagram_duplicates(const mapa_diagram_input *in, const struct mapa_duplicates *d,
                                  const char *dir, unsigned formats);

#endif
