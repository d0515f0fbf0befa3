/* Counting and reporting broken rules, shared by the plan checkers. */
#include "models/violations.h"

#include <stdarg.h>
#include <stdio.h>

void mapa__violation(mapa__checker *c, const char *fmt, ...)
{
    c->count++;
    if (!c->report)
        return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    c->report(msg, c->payload);
}
