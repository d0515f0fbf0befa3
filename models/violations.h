/* Counting and reporting broken rules, shared by the plan checkers. */
#ifndef MAPA_MODELS_VIOLATIONS_H
#define MAPA_MODELS_VIOLATIONS_H

#include <stddef.h>

#include <mapa/alloc.h>

typedef struct mapa__checker {
    mapa_violation_fn report;
    void *payload;
    size_t count;
} mapa__checker;

/** Count one broken rule and pass its message (formatted) to the report, if any. */
void mapa__violation(mapa__checker *c, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

#endif
