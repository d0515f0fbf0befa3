/* The one place where a file's bytes become UTF-8 text (iconv): every reader goes through it. */
#ifndef MAPA_IO_ENCODING_H
#define MAPA_IO_ENCODING_H

#include <stddef.h>

#include <mapa/diag.h>
#include <mapa/error.h>

typedef enum mapa__encoding {
    MAPA__ENC_UTF8 = 0, /* UTF-8 without a byte-order mark (or plain ASCII) */
    MAPA__ENC_UTF8_BOM, /* UTF-8 with a byte-order mark */
    MAPA__ENC_UTF16LE,  /* UTF-16 little-endian, with a byte-order mark */
    MAPA__ENC_UTF16BE,  /* UTF-16 big-endian, with a byte-order mark */
    MAPA__ENC_CP1252,   /* Windows-1252: not valid UTF-8 and no UTF-8 characters in it */
    MAPA__ENC_BINARY    /* NUL bytes and no UTF-16 mark: left as it is for the reader to refuse */
} mapa__encoding;

/** Text decoded to UTF-8: `text` is `owned` or borrowed from the input; never has a BOM. */
typedef struct mapa__decoded {
    const char *text; /* NUL-terminated when `owned`; else the input's own bytes */
    size_t size;
    char *owned;
    mapa__encoding encoding;
    size_t invalid; /* bytes (or UTF-16 units) that were no character, each read as U+FFFD */
} mapa__decoded;

#define MAPA__DECODED_INIT                                                                         \
    {                                                                                              \
        NULL, 0, NULL, MAPA__ENC_UTF8, 0                                                           \
    }

/**
 * Decode `size` bytes at `data` (docs/formats.md, "Encodings"): a UTF-8 BOM is
 * dropped; UTF-16 with a BOM and Windows-1252 (a file that is not UTF-8 and
 * holds no UTF-8 character) are converted with iconv, with one warning under
 * `shown` naming the encoding and the first character that told. A byte that
 * is no character of the encoding is one error for the whole file, naming the
 * byte, what it would be in Windows-1252, where the first one is and how many
 * there are; each is read as U+FFFD. Returns MAPA_OK, or MAPA_ENOMEM.
 * Linear in `size`.
 */
mapa_err mapa__decode(mapa__decoded *out, const char *data, size_t size, const char *shown,
                      mapa_diags *d);

void mapa__decoded_dispose(mapa__decoded *dec);

/** The encoding in words, as the import report and messages write it ("Windows-1252"). */
const char *mapa__encoding_name(mapa__encoding e);

#endif
