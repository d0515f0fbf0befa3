/*
 * Diagrams of a plan with Graphviz's libraries (laid out and rendered in
 * process): the partnership's structure, the Critical Friend arrangement, the
 * team graph, each team's stages, the communication network and the map of
 * duplicated actions. Each is written as DOT and SVG, and PDF/PNG on request.
 */
#ifndef MAPA_DIAGRAMS_H
#define MAPA_DIAGRAMS_H

#include <stddef.h>

#include <mapa/cf.h>
#include <mapa/partnership.h>

#ifdef __cplusplus
extern "C" {
#endif

enum { MAPA_DIAGRAM_SVG = 1, MAPA_DIAGRAM_PDF = 2, MAPA_DIAGRAM_PNG = 4 };

/** What the nodes of the communication network diagram are. */
typedef enum mapa_diagram_level {
    MAPA_DIAGRAM_AUTO = 0, /**< members below 200, else agencies (teams above 150 agencies) */
    MAPA_DIAGRAM_MEMBERS,
    MAPA_DIAGRAM_AGENCIES,
    MAPA_DIAGRAM_TEAMS
} mapa_diagram_level;

/** Members from which the network diagram aggregates by default. */
#define MAPA_DIAGRAM_AGGREGATE_FROM 200

typedef struct mapa_diagram_input {
    const mapa_partnership *p;
    const size_t *team;       /**< per member: its team, MAPA_NONE for co-ordinators */
    const size_t *spoc;       /**< per topic: its SPOC, or MAPA_NONE */
    const mapa_cf *cf;        /**< may be NULL: no Critical Friend diagrams */
    mapa_diagram_level level; /**< of the communication network diagram */
    /** may be NULL: the duplicates map finds them (default settings); else these, borrowed */
    const struct mapa_duplicates *duplicates;
} mapa_diagram_input;

/**
 * Draw every diagram the input allows into folder `dir` (created when
 * missing): NAME.dot and NAME.svg, plus NAME.pdf / NAME.png when `formats`
 * asks. Each file is whole or absent; Graphviz's own messages come back as
 * the error's text, never printed. *written receives the number of diagrams.
 */
mapa_err mapa_draw_diagrams(const char *dir, const mapa_diagram_input *in, unsigned formats,
                            size_t *written);

#ifdef __cplusplus
}
#endif

#endif
