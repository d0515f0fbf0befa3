/* Counting and reporting broken rules, shared by the plan checkers. */
#ifndef MAPA_MODELS_VIOLATIONS_H
#define MAPA_MODELS_VIOLATIONS_H

#include <stddef.h>

#include <mapa/alloc.h>

typedef struct mapa__checker {
    mapa_violation_fn report;
    mapa_violation_at_fn report_at;
    void *payload;
    size_t count;
    bool cf; /* the Critical Friend checker */
} mapa__checker;

/** What a violation is about: member, team, agency (MAPA_NONE: none) and the cell. */
typedef struct mapa__about {
    size_t member, team, agency;
    mapa_violation_field field;
    size_t pair; /* index into the Critical Friend pairs, or MAPA_NONE */
} mapa__about;

#define MAPA__ABOUT_MEMBER(m, t, f)  ((mapa__about){(m), (t), MAPA_NONE, (f), MAPA_NONE})
#define MAPA__ABOUT_PAIR(k, m, t, f) ((mapa__about){(m), (t), MAPA_NONE, (f), (k)})
#define MAPA__ABOUT_TEAM(t, f)       ((mapa__about){MAPA_NONE, (t), MAPA_NONE, (f), MAPA_NONE})
#define MAPA__ABOUT_PLAN                                                                           \
    ((mapa__about){MAPA_NONE, MAPA_NONE, MAPA_NONE, MAPA_VIOLATION_TEAM, MAPA_NONE})

/** Count one broken rule and pass its message (formatted) and place to the report, if any. */
void mapa__violation(mapa__checker *c, mapa__about about, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

#endif
