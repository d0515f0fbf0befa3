/* Small string and array helpers shared inside the library. */
#define _POSIX_C_SOURCE 200809L
#include "models/util.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>

char *mapa__strndup(const char *s, size_t n)
{
    if (!s)
        return NULL;
    char *copy = malloc(n + 1);
    if (!copy)
        return NULL;
    memcpy(copy, s, n);
    copy[n] = '\0';
    return copy;
}

char *mapa__strdup(const char *s)
{
    return s ? mapa__strndup(s, strlen(s)) : NULL;
}

char *mapa__vformat(const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    char *buf = n < 0 ? NULL : malloc((size_t)n + 1);
    if (buf)
        vsnprintf(buf, (size_t)n + 1, fmt, again);
    va_end(again);
    return buf;
}

char *mapa__format(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *buf = mapa__vformat(fmt, ap);
    va_end(ap);
    return buf;
}

bool mapa__streq_nocase(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return false;
    return *a == *b;
}

bool mapa__grow(void **array, size_t *cap, size_t need, size_t item_size)
{
    if (need <= *cap)
        return true;
    size_t next = *cap ? *cap : 8;
    while (next < need) {
        if (next > SIZE_MAX / 2)
            return false;
        next *= 2;
    }
    if (next > SIZE_MAX / item_size)
        return false;
    void *grown = realloc(*array, next * item_size);
    if (!grown)
        return false;
    *array = grown;
    *cap = next;
    return true;
}

char *mapa__path_join(const char *dir, const char *name)
{
    size_t n = strlen(dir);
    bool slash = n > 0 && dir[n - 1] == '/';
    char *path = malloc(n + strlen(name) + 2);
    if (path)
        sprintf(path, "%s%s%s", dir, slash ? "" : "/", name);
    return path;
}

double mapa__now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}
