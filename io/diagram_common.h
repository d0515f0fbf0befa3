/* What the diagrams share: a palette, titled graphs with a legend, rendering to files. */
#ifndef MAPA_IO_DIAGRAM_COMMON_H
#define MAPA_IO_DIAGRAM_COMMON_H

#include <graphviz/cgraph.h>
#include <stdbool.h>

#include <mapa/diagrams.h>

/** Okabe and Ito's colour-blind-safe palette (8 colours) and line styles for greyscale. */
const char *mapa__diagram_colour(size_t k);
const char *mapa__diagram_style(size_t k);
/** Text colour readable on fill colour k. */
const char *mapa__diagram_text_colour(size_t k);

/** A directed graph with a title, the fonts and the defaults every diagram uses. */
Agraph_t *mapa__diagram_new(const char *name, const char *title);

/** Set attribute `name` of node, edge or graph `obj` (declared on first use). */
void mapa__diagram_set(void *obj, const char *name, const char *value);

/** A legend: a table of (swatch colour, text) rows, placed below the drawing. */
void mapa__diagram_legend(Agraph_t *g, const char *const *colours, const char *const *texts,
                          size_t n);

/** Lay out with dot and write dir/name.dot, .svg and the requested formats; closes g. */
mapa_err mapa__diagram_write(Agraph_t *g, const char *dir, const char *name, unsigned formats);

/** The diagrams. */
mapa_err mapa__diagram_structure(const mapa_diagram_input *in, const char *dir, unsigned formats);
mapa_err mapa__diagram_cf(const mapa_diagram_input *in, const char *dir, unsigned formats);
mapa_err mapa__diagram_team_graph(const mapa_diagram_input *in, const char *dir, unsigned formats);
mapa_err mapa__diagram_stages(const mapa_diagram_input *in, const char *dir, unsigned formats);
struct mapa_duplicates;
mapa_err mapa__diagram_duplicates(const mapa_diagram_input *in, const struct mapa_duplicates *d,
                                  const char *dir, unsigned formats);

#endif
