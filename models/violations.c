/* Counting and reporting broken rules, shared by the plan checkers. */
#include "models/violations.h"

#include <stdarg.h>
#include <stdio.h>

void mapa__violation(mapa__checker *c, mapa__about about, const char *fmt, ...)
{
    c->count++;
    if (!c->report && !c->report_at)
        return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (c->report)
        c->report(msg, c->payload);
    if (c->report_at) {
        mapa_violation v = {msg,         about.member, about.team, about.agency,
                            about.field, about.pair,   c->cf};
        c->report_at(&v, c->payload);
    }
}
