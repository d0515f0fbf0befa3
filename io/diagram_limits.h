/*
 * The sizes above which a diagram aggregates or summarises instead of handing
 * Graphviz a layout it cannot finish in seconds (docs/formats.md, "diagrams/":
 * "Bounded cost"). The decisions live here so each diagram only asks.
 */
#ifndef MAPA_IO_DIAGRAM_LIMITS_H
#define MAPA_IO_DIAGRAM_LIMITS_H

#include <stdbool.h>
#include <stddef.h>

/** Teams from which the team graph leaves circo (O(n^2) and more: 71 s at 300) for sfdp. */
#define MAPA_DIAGRAM_CIRCO_MAX 60
/** Teams named at most in one cell of the team graph's table; the rest counted. */
#define MAPA_DIAGRAM_TABLE_NAMES 12

/**
 * Whether the team graph of `teams` teams is a table (above
 * MAPA_DIAGRAM_CIRCO_MAX: 300 teams' arrows are unreadable in any layout,
 * and sfdp's is the costliest diagram) instead of a drawing.
 */
bool mapa__diagram_team_table(size_t teams);

/** Team pairs drawn at most on the duplicates map (dot with labelled edges); the rest counted. */
#define MAPA_DIAGRAM_DUP_PAIRS_MAX 120

/** The layout for `wanted` with `nodes` nodes: `wanted` up to its limit, then "sfdp". */
const char *mapa__diagram_layout(const char *wanted, size_t nodes);

/**
 * The smallest count a pair needs to be drawn so that at most `keep` of the
 * `n` counts (zeros never drawn) are: the largest, whole ties included only
 * when they fit. 1 when at most `keep` counts are non-zero. O(n + max count).
 * SIZE_MAX on out of memory (draw none).
 */
size_t mapa__diagram_floor(const size_t *count, size_t n, size_t keep);

#endif
