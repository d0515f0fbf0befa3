/* Tests of models/match.c: normalised names, initials, and near misses against a brute force. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <mapa/partnership.h>

#include "models/match.h"

static void assert_key(const char *s, const char *want)
{
    char *k = mapa__name_key(s);
    assert_non_null(k);
    assert_string_equal(k, want);
    free(k);
}

static void keys_ignore_case_space_and_punctuation(void **state)
{
    (void)state;
    assert_key(" Lincolnshire  Police ", "lincolnshirepolice");
    assert_key("LABOUR-EXPLOITATION", "labourexploitation");
    assert_key("Labour_exploitation.", "labourexploitation");
    assert_key("Child criminal exploitation & county lines",
               "childcriminalexploitationandcountylines");
    assert_key("Barnardo\xe2\x80\x99s", "barnardos"); /* U+2019 */
    assert_key("Caf\xc3\xa9", "caf\xc3\xa9");         /* é is a letter, kept */
    assert_key("---", "");
}

static mapa__matcher *orgs(void)
{
    mapa__matcher *m;
    assert_int_equal(mapa__matcher_new(&m), MAPA_OK);
    const char *names[] = {"Nottinghamshire Police",
                           "Gangmasters and Labour Abuse Authority",
                           "Department for Work and Pensions",
                           "Open Doors Caf\xc3\xa9 Network",
                           "Team 1",
                           "Derby City Council"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        assert_int_equal(mapa__matcher_add(m, names[i], i, MAPA__MATCH_NAME), MAPA_OK);
    assert_int_equal(mapa__matcher_add(m, "notts-police", 0, MAPA__MATCH_ID), MAPA_OK);
    assert_int_equal(mapa__matcher_add(m, "Notts Police", 0, MAPA__MATCH_ALIAS), MAPA_OK);
    assert_int_equal(mapa__matcher_add(m, "NottsPol", 0, MAPA__MATCH_ALIAS), MAPA_OK);
    return m;
}

static void assert_match(const mapa__matcher *m, const char *text, mapa__match_how how,
                         size_t index)
{
    mapa__match r = mapa__matcher_find(m, text);
    if (r.how != how || (how != MAPA__MATCH_NONE && r.index != index))
        fail_msg("'%s': got %s (%zu), wanted %s (%zu)", text, mapa__match_how_words(r.how), r.index,
                 mapa__match_how_words(how), index);
}

static void names_aliases_initials_and_near_misses(void **state)
{
    (void)state;
    mapa__matcher *m = orgs();
    assert_match(m, "nottinghamshire police", MAPA__MATCH_NAME, 0);
    assert_match(m, "NOTTS-POLICE", MAPA__MATCH_ID, 0);
    assert_match(m, "notts police", MAPA__MATCH_ID, 0); /* the id got that key first */
    assert_match(m, "Notts pol.", MAPA__MATCH_ALIAS, 0);
    assert_match(m, "GLAA", MAPA__MATCH_INITIALS, 1);  /* "and" left out */
    assert_match(m, "GALAA", MAPA__MATCH_INITIALS, 1); /* every word */
    assert_match(m, "DWP", MAPA__MATCH_INITIALS, 2);
    assert_match(m, "Nottinghamshire Polcie", MAPA__MATCH_NEAR, 0);  /* a transposition: 1 */
    assert_match(m, "Open Doors Cafe Network", MAPA__MATCH_NEAR, 3); /* é for e: 1 character */
    assert_int_equal(mapa__matcher_find(m, "Open Doors Cafe Network").distance, 1);
    assert_match(m, "Open Door Cafe Network", MAPA__MATCH_NEAR, 3); /* 2 of 20 characters */
    assert_match(m, "Team 2", MAPA__MATCH_NONE, 0);                 /* digits differ */
    assert_match(m, "Crimestoppers", MAPA__MATCH_NONE, 0);
    assert_match(m, "Derby Cty Council", MAPA__MATCH_NEAR, 5);
    mapa__matcher_free(m);
}

static void one_text_for_two_entries_is_ambiguous(void **state)
{
    (void)state;
    mapa__matcher *m;
    assert_int_equal(mapa__matcher_new(&m), MAPA_OK);
    assert_int_equal(mapa__matcher_add(m, "North Police", 0, MAPA__MATCH_NAME), MAPA_OK);
    assert_int_equal(mapa__matcher_add(m, "North-Police", 0, MAPA__MATCH_ID), MAPA_OK);
    assert_int_equal(mapa__matcher_add(m, "Nursing Partners", 1, MAPA__MATCH_NAME), MAPA_OK);
    assert_int_equal(mapa__matcher_add(m, "Alpha Trust A", 2, MAPA__MATCH_NAME), MAPA_OK);
    assert_int_equal(mapa__matcher_add(m, "Alpha Trust B", 3, MAPA__MATCH_NAME), MAPA_OK);
    assert_match(m, "north police", MAPA__MATCH_NAME, 0); /* one entry's id and name agree */
    assert_match(m, "NP", MAPA__MATCH_AMBIGUOUS, 0);      /* initials of both */
    assert_match(m, "Alpha Trust C", MAPA__MATCH_AMBIGUOUS, 2);
    mapa__match r = mapa__matcher_find(m, "Alpha Trust C");
    assert_int_equal(r.other, 3);
    mapa__matcher_free(m);
}

/* The textbook optimal string alignment distance, written independently of match.c. */
static size_t brute_osa(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t d[16][16];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[la][lb];
}

/* Random pairs over a small alphabet: near exactly when the brute force says so. */
static void near_misses_agree_with_brute_force(void **state)
{
    (void)state;
    srand(16);
    size_t near = 0, far = 0;
    for (int trial = 0; trial < 4000; trial++) {
        char a[16], b[16];
        size_t la = 5 + (size_t)rand() % 9, lb = la + (size_t)rand() % 3 - 1;
        for (size_t i = 0; i < la; i++)
            a[i] = "abc"[rand() % 3];
        a[la] = '\0';
        memcpy(b, a, la + 1);
        for (int e = rand() % 4; e > 0; e--) /* a few edits of a */
            b[(size_t)rand() % la] = "abc"[rand() % 3];
        b[lb] = '\0';
        for (size_t i = la; i < lb; i++)
            b[i] = 'a';
        b[lb] = '\0';
        mapa__matcher *m;
        assert_int_equal(mapa__matcher_new(&m), MAPA_OK);
        assert_int_equal(mapa__matcher_add(m, a, 0, MAPA__MATCH_NAME), MAPA_OK);
        mapa__match r = mapa__matcher_find(m, b);
        size_t dist = brute_osa(a, b);
        mapa__match_how want = dist == 0 ? MAPA__MATCH_NAME
                               : dist <= mapa__near_threshold(strlen(a), strlen(b))
                                   ? MAPA__MATCH_NEAR
                                   : MAPA__MATCH_NONE;
        if (r.how != want)
            fail_msg("'%s' vs '%s': distance %zu, got %s", a, b, dist,
                     mapa__match_how_words(r.how));
        if (want == MAPA__MATCH_NEAR) {
            assert_int_equal(r.distance, dist);
            near++;
        } else if (want == MAPA__MATCH_NONE) {
            far++;
        }
        mapa__matcher_free(m);
    }
    assert_true(near > 100 && far > 100); /* both sides were tried */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(keys_ignore_case_space_and_punctuation),
        cmocka_unit_test(names_aliases_initials_and_near_misses),
        cmocka_unit_test(one_text_for_two_entries_is_ambiguous),
        cmocka_unit_test(near_misses_agree_with_brute_force),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
