/* A constraint matrix gathered as triplets and loaded into GLPK at once. */
#ifndef MAPA_SOLVER_GLPK_MATRIX_H
#define MAPA_SOLVER_GLPK_MATRIX_H

#include <stddef.h>

#include <glpk.h>

#include <mapa/error.h>

typedef struct mapa__triplets {
    int *ia, *ja;
    double *ar;
    size_t n, cap;
} mapa__triplets;

/** Add a(row, col) = v; row 0 means "no such row" and is skipped. */
mapa_err mapa__triplets_put(mapa__triplets *m, int row, int col, double v);
/** Load the triplets into P (glp_load_matrix). */
void mapa__triplets_load(const mapa__triplets *m, glp_prob *P);
void mapa__triplets_dispose(mapa__triplets *m);

/** Add a named column of kind GLP_CV, GLP_IV or GLP_BV with bounds and objective coefficient. */
int mapa__glpk_col(glp_prob *P, const char *name, int kind, double lo, double hi, double obj);
/** Add a named row with GLPK bounds type and bounds. */
int mapa__glpk_row(glp_prob *P, const char *name, int type, double lo, double hi);

#endif
