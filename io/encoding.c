/*
 * Turns a file's bytes into UTF-8 text with iconv (glibc): UTF-8 with or
 * without a BOM, UTF-16 with a BOM, and Windows-1252 for a file that is not
 * UTF-8, each problem said once per file.
 */
#include "io/encoding.h"

#include <errno.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/util.h"

static const char REPLACEMENT[] = "\xEF\xBF\xBD"; /* U+FFFD */

const char *mapa__encoding_name(mapa__encoding e)
{
    switch (e) {
    case MAPA__ENC_UTF8: return "UTF-8";
    case MAPA__ENC_UTF8_BOM: return "UTF-8 with a byte-order mark";
    case MAPA__ENC_UTF16LE: return "UTF-16 little-endian (with a byte-order mark)";
    case MAPA__ENC_UTF16BE: return "UTF-16 big-endian (with a byte-order mark)";
    case MAPA__ENC_CP1252: return "Windows-1252";
    case MAPA__ENC_BINARY: return "binary (not text)";
    }
    return "?";
}

/* Length of the valid UTF-8 sequence at s[i] (1 for ASCII), or 0 when it is not one. */
static size_t utf8_sequence(const unsigned char *s, size_t len, size_t i)
{
    unsigned char c = s[i];
    size_t need;
    uint32_t cp;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (i + need >= len)
        return 0;
    for (size_t k = 1; k <= need; k++) {
        if ((s[i + k] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    bool overlong = (need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000);
    if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return need + 1;
}

/* Line and column (in characters) of byte `off` of UTF-8 text. */
static void position(const char *text, size_t size, size_t off, size_t *line, size_t *col)
{
    const unsigned char *b = (const unsigned char *)text;
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < off && i < size; i++) {
        bool crlf = b[i] == '\r' && i + 1 < size && b[i + 1] == '\n';
        if (b[i] == '\n' || (b[i] == '\r' && !crlf)) {
            (*line)++;
            *col = 1;
        } else if (b[i] != '\r' && (b[i] & 0xC0) != 0x80) {
            (*col)++;
        }
    }
}

/* What byte `c` is in Windows-1252, as UTF-8 into buf ("" when it is none). */
static void cp1252_char(unsigned char c, char *buf, size_t cap)
{
    buf[0] = '\0';
    iconv_t cd = iconv_open("UTF-8", "CP1252");
    if (cd == (iconv_t)-1)
        return;
    char in[1] = {(char)c};
    char *ip = in, *op = buf;
    size_t il = 1, ol = cap - 1;
    if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1)
        *op = '\0';
    else
        buf[0] = '\0';
    iconv_close(cd);
}

typedef struct first_bad {
    size_t out_off; /* where its U+FFFD is in the decoded text */
    unsigned value; /* the byte, or the UTF-16 unit */
} first_bad;

static bool reserve(mapa__decoded *dec, size_t *cap, size_t need)
{
    void *p = dec->owned;
    if (!mapa__grow(&p, cap, need, 1))
        return false;
    dec->owned = p;
    return true;
}

/*
 * Convert with iconv from `from` (units of `unit` bytes); each unit that is
 * no character becomes U+FFFD, the first noted in `bad`.
 */
static mapa_err convert(mapa__decoded *dec, const char *from, const char *in, size_t len,
                        size_t unit, first_bad *bad)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1)
        return mapa_error_set(MAPA_ENOMEM, "iconv cannot convert from %s: %s", from,
                              strerror(errno));
    mapa_err err = MAPA_OK;
    size_t cap = 0, used = 0;
    char *ip = (char *)in;
    size_t il = len;
    while (il > 0) {
        if (!reserve(dec, &cap, used + il * 3 / unit + 8)) {
            err = mapa_error_set(MAPA_ENOMEM, "out of memory converting the file from %s", from);
            goto cleanup;
        }
        char *op = dec->owned + used;
        size_t ol = cap - used - 1;
        size_t r = iconv(cd, &ip, &il, &op, &ol);
        used = (size_t)(op - dec->owned);
        if (r != (size_t)-1 || errno == E2BIG)
            continue;
        /* EILSEQ (no character) or EINVAL (cut short at the end): one unit is replaced */
        const unsigned char *u = (const unsigned char *)ip;
        unsigned value = unit == 1 || il < 2 ? u[0] : (unsigned)(u[0] | u[1] << 8);
        if (unit == 2 && il >= 2 && strcmp(from, "UTF-16BE") == 0)
            value = (unsigned)(u[0] << 8 | u[1]);
        if (dec->invalid++ == 0)
            *bad = (first_bad){used, value};
        size_t skip = il < unit ? il : unit;
        ip += skip;
        il -= skip;
        if (!reserve(dec, &cap, used + 4)) {
            err = mapa_error_set(MAPA_ENOMEM, "out of memory converting the file from %s", from);
            goto cleanup;
        }
        memcpy(dec->owned + used, REPLACEMENT, 3);
        used += 3;
    }
    if (!reserve(dec, &cap, used + 1)) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory converting the file from %s", from);
        goto cleanup;
    }
    dec->owned[used] = '\0';
    dec->text = dec->owned;
    dec->size = used;
cleanup:
    iconv_close(cd);
    return err;
}

/* UTF-8 whose stray bytes become U+FFFD, the first noted in `bad`. */
static mapa_err repair_utf8(mapa__decoded *dec, const unsigned char *s, size_t len, first_bad *bad)
{
    size_t cap = 0, used = 0;
    if (!reserve(dec, &cap, len * 3 + 1))
        return mapa_error_set(MAPA_ENOMEM, "out of memory reading the file");
    for (size_t i = 0; i < len;) {
        size_t n = utf8_sequence(s, len, i);
        if (n) {
            memcpy(dec->owned + used, s + i, n);
            used += n;
            i += n;
            continue;
        }
        if (dec->invalid++ == 0)
            *bad = (first_bad){used, s[i]};
        memcpy(dec->owned + used, REPLACEMENT, 3);
        used += 3;
        i++;
    }
    dec->owned[used] = '\0';
    dec->text = dec->owned;
    dec->size = used;
    return MAPA_OK;
}

static void say_invalid(const mapa__decoded *dec, const first_bad *bad, const char *shown,
                        mapa_diags *d)
{
    size_t line, col;
    position(dec->text, dec->size, bad->out_off, &line, &col);
    char more[96] = "";
    if (dec->invalid > 1)
        snprintf(more, sizeof more, " (%zu such in the file; this is the first)", dec->invalid);
    if (dec->encoding == MAPA__ENC_UTF16LE || dec->encoding == MAPA__ENC_UTF16BE) {
        mapa_diags_add(d, MAPA_DIAG_ERROR, shown, line, col,
                       "UTF-16 unit 0x%04X is not a character%s; it is read as U+FFFD: the "
                       "file is damaged or cut short; export it again",
                       bad->value, more);
    } else if (dec->encoding == MAPA__ENC_CP1252) {
        mapa_diags_add(d, MAPA_DIAG_ERROR, shown, line, col,
                       "byte 0x%02X is not a character in Windows-1252, the encoding assumed "
                       "since the file is not UTF-8%s; it is read as U+FFFD: save the file as "
                       "\"CSV UTF-8\"",
                       bad->value, more);
    } else {
        char as1252[8];
        cp1252_char((unsigned char)bad->value, as1252, sizeof as1252);
        mapa_diags_add(d, MAPA_DIAG_ERROR, shown, line, col,
                       "byte 0x%02X is not UTF-8 (in Windows-1252 it would be '%s'), though the "
                       "rest of the file is UTF-8%s; it is read as U+FFFD: retype that "
                       "character and save the file as \"CSV UTF-8\"",
                       bad->value, as1252[0] ? as1252 : "?", more);
    }
}

/* Whether `s` is all UTF-8; *bad_at the first byte that is not, *multibyte any character
 * beyond ASCII. */
static bool scan_utf8(const unsigned char *s, size_t len, size_t *bad_at, bool *multibyte)
{
    *multibyte = false;
    for (size_t i = 0; i < len;) {
        size_t n = utf8_sequence(s, len, i);
        if (n == 0) {
            *bad_at = i;
            /* look on for UTF-8 characters: they make the stray byte a mistake, not cp1252 */
            for (size_t k = i + 1; k < len && !*multibyte;) {
                size_t m = utf8_sequence(s, len, k);
                *multibyte = m > 1;
                k += m ? m : 1;
            }
            return false;
        }
        *multibyte |= n > 1;
        i += n;
    }
    return true;
}

mapa_err mapa__decode(mapa__decoded *out, const char *data, size_t size, const char *shown,
                      mapa_diags *d)
{
    const unsigned char *b = (const unsigned char *)data;
    mapa__decoded dec = MAPA__DECODED_INIT;
    first_bad bad = {0, 0};
    mapa_err err = MAPA_OK;
    dec.text = data;
    dec.size = size;
    if (size >= 2 && (b[0] == 0xFF || b[0] == 0xFE) && b[1] == (b[0] ^ 0x01)) {
        dec.encoding = b[0] == 0xFF ? MAPA__ENC_UTF16LE : MAPA__ENC_UTF16BE;
        err = convert(&dec, b[0] == 0xFF ? "UTF-16LE" : "UTF-16BE", data + 2, size - 2, 2, &bad);
        if (err != MAPA_OK)
            goto cleanup;
        mapa_diags_add(d, MAPA_DIAG_WARNING, shown, 1, 1,
                       "the file is %s: read as such; Excel's \"CSV UTF-8\" is the safer export",
                       mapa__encoding_name(dec.encoding));
    } else {
        size_t skip = size >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
        dec.encoding = skip ? MAPA__ENC_UTF8_BOM : MAPA__ENC_UTF8;
        dec.text = data + skip;
        dec.size = size - skip;
        size_t first = 0;
        bool multibyte = false;
        if (memchr(b + skip, '\0', size - skip)) {
            dec.encoding = MAPA__ENC_BINARY; /* the CSV reader refuses it, naming why */
        } else if (!scan_utf8(b + skip, size - skip, &first, &multibyte)) {
            if (skip || multibyte) {
                err = repair_utf8(&dec, b + skip, size - skip, &bad);
            } else {
                dec.encoding = MAPA__ENC_CP1252;
                size_t line, col;
                position(data, size, first, &line, &col); /* ASCII before it */
                char ch[8];
                cp1252_char(b[first], ch, sizeof ch);
                mapa_diags_add(d, MAPA_DIAG_WARNING, shown, line, col,
                               "the file is not UTF-8: read as Windows-1252 (what Excel saves "
                               "as \"CSV\"), which makes byte 0x%02X here '%s'; save it as "
                               "\"CSV UTF-8\" to be sure of every character",
                               b[first], ch[0] ? ch : "?");
                err = convert(&dec, "CP1252", data, size, 1, &bad);
            }
            if (err != MAPA_OK)
                goto cleanup;
        }
    }
    if (dec.invalid)
        say_invalid(&dec, &bad, shown, d);
    *out = dec;
    dec = (mapa__decoded)MAPA__DECODED_INIT;
cleanup:
    mapa__decoded_dispose(&dec);
    return err;
}

void mapa__decoded_dispose(mapa__decoded *dec)
{
    free(dec->owned);
    *dec = (mapa__decoded)MAPA__DECODED_INIT;
}
