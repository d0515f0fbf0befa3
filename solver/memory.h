/* Memory estimates before a model is built, against a limit (--max-memory). */
#ifndef MAPA_SOLVER_MEMORY_H
#define MAPA_SOLVER_MEMORY_H

#include <stddef.h>

#include <mapa/error.h>

/* Bytes per GLPK column, row and nonzero, with room for the simplex and branch-and-cut
 * (measured: 1M columns of the allocation's full model, 454 MiB to build; docs/model.md). */
#define MAPA_GLPK_BYTES_PER_COL 800.0
#define MAPA_GLPK_BYTES_PER_ROW 600.0
#define MAPA_GLPK_BYTES_PER_NZ 80.0
/* Bytes per arc of mapa__mcf (two residual arcs, tails, order) and its caller's arrays. */
#define MAPA_MCF_BYTES_PER_ARC 112.0

/** The limit: `asked` bytes when non-zero, else 80 % of the memory available now. */
size_t mapa__memory_limit(size_t asked);

/**
 * MAPA_OK when `bytes` fit `limit`; else MAPA_ENOMEM with a message saying
 * what would be built (`what`), how much it needs and how to proceed.
 */
mapa_err mapa__memory_check(double bytes, size_t limit, const char *what);

#endif
