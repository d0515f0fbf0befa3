/* GLPK's error and terminal hooks tamed in one place: no abort, no printing. */
#ifndef MAPA_SOLVER_GLPK_ENV_H
#define MAPA_SOLVER_GLPK_ENV_H

#include <setjmp.h>

/** Where GLPK's fatal errors jump to; set with setjmp before each GLPK call sequence. */
typedef struct mapa__glpk_guard {
    jmp_buf jump;
    void (*log)(const char *line, void *payload);
    void *payload;
} mapa__glpk_guard;

/** Route GLPK's output to `g->log` (or nowhere) and its fatal errors to `g->jump`. */
void mapa__glpk_hooks_on(mapa__glpk_guard *g);
/** Restore GLPK's defaults; after a fatal error also frees GLPK's environment. */
void mapa__glpk_hooks_off(int failed);

#endif
