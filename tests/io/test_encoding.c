/* Tests of io/encoding.c: each encoding mapa reads, against bytes worked out by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "io/encoding.h"

typedef struct decoded {
    mapa__decoded dec;
    mapa_diags d;
} decoded;

static decoded *decode(const char *data, size_t size)
{
    decoded *x = calloc(1, sizeof *x);
    assert_non_null(x);
    x->d = (mapa_diags)MAPA_DIAGS_INIT;
    assert_int_equal(mapa__decode(&x->dec, data, size, "f.csv", &x->d), MAPA_OK);
    return x;
}

static void done(decoded *x)
{
    mapa__decoded_dispose(&x->dec);
    mapa_diags_dispose(&x->d);
    free(x);
}

static void assert_text(const decoded *x, const char *want, size_t len)
{
    assert_int_equal(x->dec.size, len);
    assert_memory_equal(x->dec.text, want, len);
}

static void plain_utf8_is_borrowed_without_a_word(void **state)
{
    (void)state;
    const char data[] = "id,name\nm1,Zo\xc3\xab\n";
    decoded *x = decode(data, sizeof data - 1);
    assert_ptr_equal(x->dec.text, data);
    assert_null(x->dec.owned);
    assert_int_equal(x->dec.encoding, MAPA__ENC_UTF8);
    assert_int_equal(x->d.n_items, 0);
    done(x);
}

static void utf8_bom_is_dropped(void **state)
{
    (void)state;
    decoded *x = decode("\xef\xbb\xbfid\n", 6);
    assert_text(x, "id\n", 3);
    assert_int_equal(x->dec.encoding, MAPA__ENC_UTF8_BOM);
    assert_int_equal(x->d.n_items, 0);
    done(x);
    x = decode("\xef\xbb\xbf", 3); /* a BOM alone: empty text */
    assert_int_equal(x->dec.size, 0);
    done(x);
}

/* Windows-1252 of 0x80, 0x92, 0xA3, 0xE9, 0xFF: U+20AC, U+2019, U+00A3, U+00E9, U+00FF. */
static void windows_1252_with_one_warning(void **state)
{
    (void)state;
    decoded *x = decode("ab\ncd\xa3\x80\x92\xe9\xff\n", 11);
    assert_text(x, "ab\ncd\xc2\xa3\xe2\x82\xac\xe2\x80\x99\xc3\xa9\xc3\xbf\n", 18);
    assert_int_equal(x->dec.encoding, MAPA__ENC_CP1252);
    assert_int_equal(x->d.n_items, 1);
    assert_int_equal(x->d.items[0].severity, MAPA_DIAG_WARNING);
    assert_int_equal(x->d.items[0].line, 2);
    assert_int_equal(x->d.items[0].col, 3);
    assert_non_null(strstr(x->d.items[0].message, "byte 0xA3 here '\xc2\xa3'"));
    done(x);
}

/* 0x81, 0x8D, 0x8F, 0x90 and 0x9D are no character in Windows-1252: one error for all five. */
static void windows_1252_holes_are_one_error(void **state)
{
    (void)state;
    decoded *x = decode("a\xe9\n\x81\x8d\x8f\x90\x9d", 8);
    assert_int_equal(x->d.n_errors, 1);
    assert_int_equal(x->d.n_warnings, 1);
    const mapa_diag *e =
        x->d.items[0].severity == MAPA_DIAG_ERROR ? &x->d.items[0] : &x->d.items[1];
    assert_int_equal(e->line, 2);
    assert_int_equal(e->col, 1);
    assert_non_null(strstr(e->message, "byte 0x81 is not a character in Windows-1252"));
    assert_non_null(strstr(e->message, "(5 such in the file; this is the first)"));
    assert_text(x, "a\xc3\xa9\n\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd", 19);
    done(x);
}

/* U+1F600 is the surrogate pair D83D DE00 in UTF-16, F0 9F 98 80 in UTF-8. */
static void utf16_both_orders_with_surrogates(void **state)
{
    (void)state;
    decoded *x = decode("\xff\xfe"
                        "A\0\x3d\xd8\x00\xde\n\0",
                        10);
    assert_text(x, "A\xf0\x9f\x98\x80\n", 6);
    assert_int_equal(x->dec.encoding, MAPA__ENC_UTF16LE);
    assert_int_equal(x->d.n_warnings, 1);
    assert_non_null(strstr(x->d.items[0].message, "UTF-16 little-endian"));
    done(x);
    x = decode("\xfe\xff\0A\0\xe9", 6);
    assert_text(x, "A\xc3\xa9", 3);
    assert_int_equal(x->dec.encoding, MAPA__ENC_UTF16BE);
    done(x);
}

static void utf16_lone_surrogate_and_odd_byte(void **state)
{
    (void)state;
    decoded *x = decode("\xff\xfe\x00\xd8"
                        "A\0"
                        "B",
                        7); /* D800 alone, then a cut unit */
    assert_int_equal(x->d.n_errors, 1);
    const mapa_diag *e =
        x->d.items[0].severity == MAPA_DIAG_ERROR ? &x->d.items[0] : &x->d.items[1];
    assert_non_null(strstr(e->message, "UTF-16 unit 0xD800 is not a character"));
    assert_non_null(strstr(e->message, "(2 such in the file"));
    assert_text(x,
                "\xef\xbf\xbd"
                "A\xef\xbf\xbd",
                7);
    done(x);
}

static void utf8_with_a_stray_byte_is_not_windows_1252(void **state)
{
    (void)state;
    decoded *x = decode("Chlo\xc3\xa9\nRen\xff"
                        "e\n",
                        13);
    assert_int_equal(x->dec.encoding, MAPA__ENC_UTF8);
    assert_int_equal(x->d.n_errors, 1);
    assert_int_equal(x->d.n_warnings, 0);
    assert_int_equal(x->d.items[0].line, 2);
    assert_int_equal(x->d.items[0].col, 4);
    assert_non_null(strstr(x->d.items[0].message,
                           "byte 0xFF is not UTF-8 (in Windows-1252 it would be '\xc3\xbf')"));
    assert_text(x,
                "Chlo\xc3\xa9\nRen\xef\xbf\xbd"
                "e\n",
                15);
    done(x);
}

static void nul_bytes_are_left_for_the_reader(void **state)
{
    (void)state;
    decoded *x = decode("PK\x03\x04\0\xe9", 6);
    assert_int_equal(x->dec.encoding, MAPA__ENC_BINARY);
    assert_int_equal(x->d.n_items, 0);
    done(x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(plain_utf8_is_borrowed_without_a_word),
        cmocka_unit_test(utf8_bom_is_dropped),
        cmocka_unit_test(windows_1252_with_one_warning),
        cmocka_unit_test(windows_1252_holes_are_one_error),
        cmocka_unit_test(utf16_both_orders_with_surrogates),
        cmocka_unit_test(utf16_lone_surrogate_and_odd_byte),
        cmocka_unit_test(utf8_with_a_stray_byte_is_not_windows_1252),
        cmocka_unit_test(nul_bytes_are_left_for_the_reader),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
