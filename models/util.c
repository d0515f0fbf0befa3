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

/* The code point of the UTF-8 sequence at s and its length, or -1 (length 1) when invalid. */
static long utf8_at(const unsigned char *s, size_t *len)
{
    unsigned c = s[0];
    size_t n = c < 0x80                 ? 1
               : c >= 0xC2 && c <= 0xDF ? 2
               : c >= 0xE0 && c <= 0xEF ? 3
               : c >= 0xF0 && c <= 0xF4 ? 4
                                        : 0;
    *len = 1;
    if (n == 0)
        return -1;
    unsigned long cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
    for (size_t k = 1; k < n; k++) {
        if ((s[k] & 0xC0) != 0x80)
            return -1;
        cp = (cp << 6) | (s[k] & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return -1;
    *len = n;
    return (long)cp;
}

static bool unprintable(long cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFFFE || cp == 0xFFFF;
}

void mapa__printable(char *out, size_t cap, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = 0;
    while (*p) {
        size_t len;
        long cp = utf8_at(p, &len);
        char esc[24]; /* a backslash escape: \n, \xE9 or \u001B */
        const char *piece = (const char *)p;
        size_t size = len;
        if (cp < 0 || unprintable(cp)) {
            if (cp == '\n' || cp == '\r' || cp == '\t')
                snprintf(esc, sizeof esc, "\\%c", cp == '\n' ? 'n' : cp == '\r' ? 'r' : 't');
            else if (cp < 0)
                snprintf(esc, sizeof esc, "\\x%02X", (unsigned)*p);
            else
                snprintf(esc, sizeof esc, "\\u%04X", (unsigned)cp);
            piece = esc;
            size = strlen(esc);
        }
        if (n + size + 1 > cap)
            break;
        memcpy(out + n, piece, size);
        n += size;
        p += len;
    }
    if (cap)
        out[n] = '\0';
}
