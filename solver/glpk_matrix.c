/* A constraint matrix gathered as triplets and loaded into GLPK at once. */
#include "solver/glpk_matrix.h"

#include <math.h>
#include <stdlib.h>

mapa_err mapa__triplets_put(mapa__triplets *m, int row, int col, double v)
{
    if (!row)
        return MAPA_OK;
    if (m->n + 2 > m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 1024;
        int *ia = realloc(m->ia, cap * sizeof *ia);
        if (!ia)
            return mapa_error_set(MAPA_ENOMEM, "out of memory building a model");
        m->ia = ia;
        int *ja = realloc(m->ja, cap * sizeof *ja);
        if (!ja)
            return mapa_error_set(MAPA_ENOMEM, "out of memory building a model");
        m->ja = ja;
        double *ar = realloc(m->ar, cap * sizeof *ar);
        if (!ar)
            return mapa_error_set(MAPA_ENOMEM, "out of memory building a model");
        m->ar = ar;
        m->cap = cap;
    }
    m->n++; /* GLPK's arrays start at 1 */
    m->ia[m->n] = row;
    m->ja[m->n] = col;
    m->ar[m->n] = v;
    return MAPA_OK;
}

void mapa__triplets_load(const mapa__triplets *m, glp_prob *P)
{
    if (m->n > 0)
        glp_load_matrix(P, (int)m->n, m->ia, m->ja, m->ar);
}

void mapa__triplets_dispose(mapa__triplets *m)
{
    free(m->ia);
    free(m->ja);
    free(m->ar);
    *m = (mapa__triplets){0};
}

int mapa__glpk_col(glp_prob *P, const char *name, int kind, double lo, double hi, double obj)
{
    int j = glp_add_cols(P, 1);
    glp_set_col_name(P, j, name);
    glp_set_col_kind(P, j, kind);
    if (kind != GLP_BV)
        glp_set_col_bnds(P, j, lo == hi ? GLP_FX : (isinf(hi) ? GLP_LO : GLP_DB), lo, hi);
    glp_set_obj_coef(P, j, obj);
    return j;
}

int mapa__glpk_row(glp_prob *P, const char *name, int type, double lo, double hi)
{
    int i = glp_add_rows(P, 1);
    glp_set_row_name(P, i, name);
    glp_set_row_bnds(P, i, type, lo, hi);
    return i;
}
