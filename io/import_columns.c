/*
 * What the columns of a form export or a list hold, from the headers Google
 * Forms, Microsoft Forms and Excel users write; and the submission times they use.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/import_internal.h"

/* The header in words: lower-case ASCII letters and digits, one space between. */
static void words_of(const char *s, char *buf, size_t cap)
{
    size_t n = 0;
    bool space = false;
    for (const unsigned char *p = (const unsigned char *)s; *p && n + 2 < cap; p++) {
        if (isalnum(*p) || *p >= 0x80) {
            if (space && n)
                buf[n++] = ' ';
            buf[n++] = (char)tolower(*p);
            space = false;
        } else if (*p != '\'') {
            space = true;
        }
    }
    buf[n] = '\0';
}

/* Whether `w` holds the word or phrase `p` (whole words). */
static bool has(const char *w, const char *p)
{
    size_t lp = strlen(p);
    for (const char *x = strstr(w, p); x; x = strstr(x + 1, p))
        if ((x == w || x[-1] == ' ') && (x[lp] == '\0' || x[lp] == ' '))
            return true;
    return false;
}

static bool is(const char *w, const char *p)
{
    return strcmp(w, p) == 0;
}

/* The rank an ordinal in the words names (first, 2nd, 3, ...), or 0. */
static int ordinal(const char *w)
{
    static const char *const words[][3] = {
        {"first", "1st", "1"},   {"second", "2nd", "2"}, {"third", "3rd", "3"},
        {"fourth", "4th", "4"},  {"fifth", "5th", "5"},  {"sixth", "6th", "6"},
        {"seventh", "7th", "7"}, {"eighth", "8th", "8"}, {"ninth", "9th", "9"},
        {"tenth", "10th", "10"},
    };
    for (int k = 0; k < 10; k++)
        for (int v = 0; v < 3; v++)
            if (has(w, words[k][v]))
                return k + 1;
    return 0;
}

static const char *const member_columns[] = {
    "id",          "name",        "agency",     "role",        "discipline",   "spoc_willing",
    "cf_capacity", "coordinator", "fixed_team", "avoid_teams", "previous_team"};

/* mapa's own column names, written as they are (pref3, spoc_willing). */
static bool own_name(mapa__import_file file, const char *header, char *role, size_t cap)
{
    char n[64];
    size_t k = 0;
    for (const char *s = header; *s && k + 1 < sizeof n; s++)
        n[k++] = (*s == ' ' || *s == '-') ? '_' : (char)tolower((unsigned char)*s);
    n[k] = '\0';
    static const char *const org_columns[] = {"id", "name", "sector", "statutory", "aliases"};
    static const char *const topic_columns[] = {
        "id", "name", "min_size", "max_size", "min_agencies", "max_per_agency", "cf_required"};
    const char *const *list = file == MAPA__IMPORT_RESPONSES       ? member_columns
                              : file == MAPA__IMPORT_ORGANISATIONS ? org_columns
                                                                   : topic_columns;
    size_t count = file == MAPA__IMPORT_RESPONSES ? sizeof member_columns / sizeof *member_columns
                   : file == MAPA__IMPORT_ORGANISATIONS ? 5
                                                        : 7;
    for (size_t i = 0; i < count; i++)
        if (strcmp(n, list[i]) == 0) {
            snprintf(role, cap, "%s", list[i]);
            return true;
        }
    if (file == MAPA__IMPORT_RESPONSES && strncmp(n, "pref", 4) == 0 &&
        isdigit((unsigned char)n[4])) {
        char *end;
        long v = strtol(n + 4, &end, 10);
        if (!*end && v > 0 && v < 1000) {
            snprintf(role, cap, "pref%ld", v);
            return true;
        }
    }
    return false;
}

static const char *guess_response(const char *w, bool ms_forms, const char **why, int *pref)
{
    *pref = 0;
    if (is(w, "timestamp") || has(w, "completion time") || is(w, "submitted") ||
        has(w, "submission time") || has(w, "date submitted") || has(w, "submitted at"))
        return "timestamp";
    if (has(w, "start time") || has(w, "last modified time") || has(w, "last modified")) {
        *why = "a time the form records, not a member's answer";
        return "";
    }
    if (ms_forms && is(w, "id")) {
        *why = "the form's response number, not a member id";
        return "";
    }
    if (has(w, "email") || has(w, "e mail") || has(w, "email address"))
        return "email";
    if (is(w, "member id") || is(w, "staff id") || is(w, "person id") || is(w, "participant id") ||
        is(w, "id"))
        return "id";
    if (has(w, "spoc") || has(w, "single point of contact") || has(w, "point of contact"))
        return "spoc_willing";
    if (has(w, "coordinator") || has(w, "co ordinator") || has(w, "coordination team"))
        return "coordinator";
    if (has(w, "critical friend"))
        return "cf_capacity";
    if (has(w, "fixed team"))
        return "fixed_team";
    if (has(w, "avoid"))
        return "avoid_teams";
    if (has(w, "previous team") || has(w, "current team") || has(w, "last team"))
        return "previous_team";
    bool about_topics = has(w, "choice") || has(w, "preference") || has(w, "priority") ||
                        has(w, "topic") || has(w, "rank") || has(w, "option");
    if (about_topics) {
        int k = ordinal(w);
        if (!k && (has(w, "most") || has(w, "top") || has(w, "favourite") || has(w, "favorite")))
            k = 1;
        if (k) {
            *pref = k;
            return "pref";
        }
    }
    if (is(w, "name") || has(w, "full name") || is(w, "your name") || has(w, "what is your name") ||
        is(w, "member name") || is(w, "participant name") || is(w, "respondent name"))
        return "name";
    if (has(w, "organisation") || has(w, "organization") || has(w, "agency") ||
        has(w, "employer") || has(w, "organisation name"))
        return "agency";
    if (is(w, "role") || has(w, "job title") || has(w, "job role") || is(w, "position") ||
        is(w, "title") || is(w, "your role"))
        return "role";
    if (has(w, "discipline") || has(w, "profession") || has(w, "background"))
        return "discipline";
    return "";
}

static const char *guess_organisation(const char *w)
{
    if (is(w, "id") || is(w, "code") || is(w, "agency id") || is(w, "organisation id"))
        return "id";
    if (has(w, "alias") || has(w, "aliases") || has(w, "also known as") || has(w, "other names") ||
        has(w, "short name") || has(w, "abbreviation") || has(w, "acronym"))
        return "aliases";
    if (is(w, "name") || has(w, "organisation") || has(w, "organization") || has(w, "agency"))
        return "name";
    if (has(w, "sector") || is(w, "category"))
        return "sector";
    if (has(w, "statutory") || is(w, "type"))
        return "statutory";
    return "";
}

static const char *guess_topic(const char *w)
{
    if (is(w, "id") || is(w, "code") || is(w, "topic id"))
        return "id";
    if (is(w, "name") || is(w, "topic") || is(w, "topic name") || is(w, "title"))
        return "name";
    if (is(w, "min size") || is(w, "minimum size") || is(w, "minimum"))
        return "min_size";
    if (is(w, "max size") || is(w, "maximum size") || is(w, "maximum"))
        return "max_size";
    return "";
}

void mapa__import_guess(mapa__import_file file, const char *header, bool ms_forms, char *role,
                        size_t role_cap, const char **why)
{
    *why = NULL;
    role[0] = '\0';
    if (file == MAPA__IMPORT_RESPONSES && ms_forms && (header[0] == 'I' || header[0] == 'i') &&
        (header[1] == 'D' || header[1] == 'd') && !header[2]) {
        *why = "the form's response number, not a member id";
        return;
    }
    if (own_name(file, header, role, role_cap))
        return;
    char w[256];
    words_of(header, w, sizeof w);
    int pref = 0;
    const char *r = file == MAPA__IMPORT_RESPONSES       ? guess_response(w, ms_forms, why, &pref)
                    : file == MAPA__IMPORT_ORGANISATIONS ? guess_organisation(w)
                                                         : guess_topic(w);
    if (pref)
        snprintf(role, role_cap, "pref%d", pref);
    else
        snprintf(role, role_cap, "%s", r);
}

/* Up to 6 numbers of a time text and whether it says pm / am. */
static size_t numbers_of(const char *s, long *v, bool *pm, bool *am, size_t *first_len)
{
    size_t n = 0;
    *pm = *am = false;
    *first_len = 0;
    for (const char *p = s; *p;) {
        if (isdigit((unsigned char)*p)) {
            char *end;
            long x = strtol(p, &end, 10);
            if (n == 0)
                *first_len = (size_t)(end - p);
            if (n < 6)
                v[n] = x;
            n++;
            p = end;
            continue;
        }
        if ((p[0] == 'p' || p[0] == 'P') && (p[1] == 'm' || p[1] == 'M'))
            *pm = true;
        if ((p[0] == 'a' || p[0] == 'A') && (p[1] == 'm' || p[1] == 'M'))
            *am = true;
        p++;
    }
    return n;
}

unsigned mapa__import_time_evidence(const char *s)
{
    long v[6];
    bool pm, am;
    size_t first_len, n = numbers_of(s, v, &pm, &am, &first_len);
    if (n < 3 || first_len == 4)
        return 0;
    return (v[0] > 12 ? 1u : 0u) | (v[1] > 12 ? 2u : 0u);
}

bool mapa__import_time(const char *s, int order, int64_t *out)
{
    long v[6] = {0, 0, 0, 0, 0, 0};
    bool pm, am;
    size_t first_len, n = numbers_of(s, v, &pm, &am, &first_len);
    if (n < 3)
        return false;
    long y, mo, d;
    if (first_len == 4) {
        y = v[0];
        mo = v[1];
        d = v[2];
    } else {
        y = v[2] < 100 ? 2000 + v[2] : v[2];
        d = order == MAPA__TIME_MDY ? v[1] : v[0];
        mo = order == MAPA__TIME_MDY ? v[0] : v[1];
    }
    long h = n > 3 ? v[3] : 0, mi = n > 4 ? v[4] : 0, sec = n > 5 ? v[5] : 0;
    if (pm && h < 12)
        h += 12;
    if (am && h == 12)
        h = 0;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60 || y < 1900 ||
        y > 2999)
        return false;
    *out = ((((int64_t)y * 13 + mo) * 32 + d) * 24 + h) * 3600 + mi * 60 + sec;
    return true;
}

/* The ASCII letter of a Latin-1 letter U+00C0-U+00FF (é -> e), or 0 (×, ÷). */
static char latin1_base(unsigned char second)
{
    static const char base[] = "AAAAAAACEEEEIIIIDNOOOOO\0OUUUUYTsaaaaaaaceeeeiiiidnooooo\0ouuuuyty";
    return second >= 0x80 && second <= 0xBF ? base[second - 0x80] : 0;
}

void mapa__import_slug(const char *s, char *buf, size_t cap)
{
    size_t n = 0;
    bool dash = false;
    for (const unsigned char *p = (const unsigned char *)s; *p && n + 2 < cap; p++) {
        unsigned char c = *p;
        if (c == 0xC3 && latin1_base(p[1])) { /* é, ü, ø: their ASCII letter */
            c = (unsigned char)latin1_base(*++p);
        } else if (c == 0xC5 && (p[1] == 0x81 || p[1] == 0x82)) { /* Ł, ł */
            c = 'l';
            p++;
        }
        if (isalnum(c)) {
            if (dash && n)
                buf[n++] = '-';
            buf[n++] = (char)tolower(c);
            dash = false;
        } else if (c == '&') {
            if (n)
                buf[n++] = '-';
            if (n + 4 < cap) {
                memcpy(buf + n, "and", 3);
                n += 3;
            }
            dash = true;
        } else if (c != '\'' && c < 0x80) {
            dash = true;
        } /* another character beyond ASCII is left out of the id */
    }
    buf[n] = '\0';
}
