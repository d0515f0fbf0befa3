/* The thread-local last-error message behind mapa_error_set. */
#include <mapa/error.h>

#include <stdarg.h>
#include <stdio.h>

#include "models/util.h"

#ifndef MAPA_VERSION_STRING
#define MAPA_VERSION_STRING "0.0.0"
#endif

static _Thread_local char last_message[1024];

mapa_err mapa_error_set(mapa_err code, const char *fmt, ...)
{
    char raw[sizeof last_message];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(raw, sizeof raw, fmt, ap);
    va_end(ap);
    mapa__printable(last_message, sizeof last_message, raw); /* paths and ids are the user's */
    return code;
}

const char *mapa_error_last(void)
{
    return last_message;
}

void mapa_error_clear(void)
{
    last_message[0] = '\0';
}

const char *mapa_err_name(mapa_err code)
{
    switch (code) {
    case MAPA_OK: return "ok";
    case MAPA_ENOMEM: return "out of memory";
    case MAPA_EINVAL: return "invalid argument";
    case MAPA_EIO: return "input/output error";
    case MAPA_EFORMAT: return "bad input data";
    case MAPA_ENOTFOUND: return "not found";
    case MAPA_EDEPENDENCY: return "library failure";
    case MAPA_EBUSY: return "busy";
    }
    return "unknown error";
}

const char *mapa_version(void)
{
    return MAPA_VERSION_STRING;
}
