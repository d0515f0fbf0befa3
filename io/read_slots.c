/*
 * Reads slots.csv: one slot per row (date, start, end, place, capacity, rooms),
 * or a weekly pattern (days, from, to, except) expanded into its dates, bank
 * holidays of England and Wales left out on request. Also loads a whole calendar.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mapa/date.h>

#include "io/csv_fields.h"
#include "io/read_calendar.h"
#include "models/util.h"

enum { COL_DATE, COL_DAYS, COL_FROM, COL_TO, COL_EXCEPT, COL_START, COL_END, COL_PLACE,
       COL_CAPACITY, COL_ROOMS, N_COLS };

#define HINT "date,start,end,place,capacity (or days,from,to,except instead of date)"

bool mapa__parse_clock(const char *s, int *minutes)
{
    size_t n = strlen(s);
    if ((n != 5 && n != 4) || s[n - 3] != ':')
        return false;
    for (size_t k = 0; k < n; k++)
        if (k != n - 3 && (s[k] < '0' || s[k] > '9'))
            return false;
    int h = n == 5 ? (s[0] - '0') * 10 + (s[1] - '0') : s[0] - '0';
    int m = (s[n - 2] - '0') * 10 + (s[n - 1] - '0');
    if (h > 24 || m > 59 || (h == 24 && m != 0))
        return false;
    *minutes = h * 60 + m;
    return true;
}

/* Monday 0 ... Sunday 6 (1970-01-01 was a Thursday). */
static int weekday(int32_t day)
{
    int w = (int)((day + 3) % 7);
    return w < 0 ? w + 7 : w;
}

/* One word of `days`: "tue", "tues", "tuesday", "tuesdays", any case; -1 when not a day. */
static int day_word(const char *w, size_t n)
{
    static const char *const names[7] = {"monday", "tuesday", "wednesday", "thursday",
                                         "friday", "saturday", "sunday"};
    char buf[16];
    if (n < 2 || n >= sizeof buf)
        return -1;
    for (size_t k = 0; k < n; k++)
        buf[k] = (char)(w[k] >= 'A' && w[k] <= 'Z' ? w[k] - 'A' + 'a' : w[k]);
    buf[n] = '\0';
    if (n > 3 && buf[n - 1] == 's')
        buf[--n] = '\0';
    for (int d = 0; d < 7; d++)
        if (n >= 2 && strncmp(names[d], buf, n) == 0 && (n >= 3 || d == 3 || d == 1))
            return d;
    return -1;
}

/* The weekdays of a `days` cell ("Tuesdays and Thursdays", "tue;thu"), as bits; 0 on error. */
static unsigned parse_days(const char *s, const char **bad, size_t *bad_len)
{
    unsigned bits = 0;
    for (const char *q = s; *q;) {
        while (*q == ' ' || *q == ';' || *q == ',' || *q == '/')
            q++;
        const char *w = q;
        while (*q && *q != ' ' && *q != ';' && *q != ',' && *q != '/')
            q++;
        size_t n = (size_t)(q - w);
        if (n == 0 || (n == 3 && strncmp(w, "and", 3) == 0) || (n == 1 && *w == '&'))
            continue;
        int d = day_word(w, n);
        if (d < 0) {
            *bad = w;
            *bad_len = n;
            return 0;
        }
        bits |= 1u << d;
    }
    return bits;
}

typedef struct except {
    bool holidays;
    int32_t (*ranges)[2];
    size_t n;
} except;

/* An `except` cell: "bank holidays", dates and date ranges "A..B", separated by ';'. */
static bool parse_except(except *e, const mapa__csv_table *t, const mapa__csv_cell *c,
                         mapa_diags *d)
{
    const char *s = mapa__csv_text(t, c);
    size_t cap = 0;
    bool ok = true;
    for (const char *q = s; *q;) {
        while (*q == ' ' || *q == ';')
            q++;
        const char *w = q;
        while (*q && *q != ';')
            q++;
        size_t n = (size_t)(q - w);
        while (n && w[n - 1] == ' ')
            n--;
        if (n == 0)
            continue;
        char buf[64];
        if (n >= sizeof buf)
            n = sizeof buf - 1;
        memcpy(buf, w, n);
        buf[n] = '\0';
        int32_t a, b;
        char *dots = strstr(buf, "..");
        if (mapa__streq_nocase(buf, "bank holidays") || mapa__streq_nocase(buf, "bank holiday")) {
            e->holidays = true;
            continue;
        }
        if (dots) {
            *dots = '\0';
            ok = mapa_date_parse(buf, &a) && mapa_date_parse(dots + 2, &b) && a <= b;
        } else {
            ok = mapa_date_parse(buf, &a);
            b = a;
        }
        if (!ok) {
            mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, c->line, c->col + (size_t)(w - s),
                           "except: '%s' is not 'bank holidays', a date (YYYY-MM-DD) or a range "
                           "(YYYY-MM-DD..YYYY-MM-DD)",
                           dots ? (*dots = '.', buf) : buf);
            return false;
        }
        if (e->n == cap && !mapa__grow((void **)&e->ranges, &cap, e->n + 1, sizeof *e->ranges))
            return false;
        e->ranges[e->n][0] = a;
        e->ranges[e->n++][1] = b;
    }
    return true;
}

static bool excepted(const except *e, int32_t day)
{
    if (e->holidays && mapa_bank_holiday(day))
        return true;
    for (size_t k = 0; k < e->n; k++)
        if (day >= e->ranges[k][0] && day <= e->ranges[k][1])
            return true;
    return false;
}

static mapa_err add_slot(mapa_calendar *cal, size_t *cap, const mapa_slot *s)
{
    if (cal->n_slots == *cap && !mapa__grow((void **)&cal->slots, cap, cal->n_slots + 1,
                                            sizeof *cal->slots))
        return mapa_error_set(MAPA_ENOMEM, "out of memory reading slots.csv");
    cal->slots[cal->n_slots] = *s;
    cal->slots[cal->n_slots].place = mapa__strdup(s->place);
    if (!cal->slots[cal->n_slots].place)
        return mapa_error_set(MAPA_ENOMEM, "out of memory reading slots.csv");
    cal->n_slots++;
    return MAPA_OK;
}

/* A pattern's dates: `days` from `from` to `to` less the exceptions. */
static mapa_err expand(mapa_calendar *cal, size_t *cap, const mapa__csv_table *t,
                       const mapa__csv_cell *const c[N_COLS], mapa_slot *slot, mapa_diags *d)
{
    const char *bad = NULL;
    size_t bad_len = 0;
    unsigned bits = parse_days(mapa__csv_text(t, c[COL_DAYS]), &bad, &bad_len);
    if (!bits) {
        mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, c[COL_DAYS]->line, c[COL_DAYS]->col,
                       "days: '%.*s' is not a day of the week (write e.g. 'Tuesdays and "
                       "Thursdays' or 'tue;thu')",
                       (int)(bad ? bad_len : 0), bad ? bad : "");
        return MAPA_OK;
    }
    int32_t from = INT32_MIN, to = INT32_MIN;
    bool ok = mapa__field_date(&from, t, c[COL_FROM], "from", d);
    ok &= mapa__field_date(&to, t, c[COL_TO], "to", d);
    for (int k = COL_FROM; k <= COL_TO; k++)
        if (ok && c[k]->len == 0) {
            mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, c[k]->line, c[k]->col,
                           "a weekly pattern needs '%s' (YYYY-MM-DD)", k == COL_FROM ? "from" : "to");
            ok = false;
        }
    if (ok && from > to) {
        mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, c[COL_TO]->line, c[COL_TO]->col,
                       "to is before from: the pattern has no date");
        ok = false;
    }
    except e = {0};
    if (ok)
        ok = parse_except(&e, t, c[COL_EXCEPT], d);
    if (ok && e.holidays) {
        int y0, y1, m, dd, first, last;
        mapa_date_to_ymd(from, &y0, &m, &dd);
        mapa_date_to_ymd(to, &y1, &m, &dd);
        mapa_bank_holiday_years(&first, &last);
        if (y0 < first || y1 > last) {
            char years[32];
            snprintf(years, sizeof years, y0 == y1 ? "%d" : "%d to %d", y0, y1);
            mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, c[COL_EXCEPT]->line, c[COL_EXCEPT]->col,
                           "mapa knows the bank holidays of %d to %d only (gov.uk); list those "
                           "of %s in except instead",
                           first, last, years);
            ok = false;
        }
    }
    mapa_err err = MAPA_OK;
    for (int32_t day = from; ok && err == MAPA_OK && day <= to; day++)
        if ((bits >> weekday(day)) & 1u && !excepted(&e, day)) {
            slot->day = day;
            err = add_slot(cal, cap, slot);
        }
    free(e.ranges);
    return err;
}

mapa_err mapa__read_slots(mapa_calendar *cal, const mapa__csv_table *t, mapa_diags *d)
{
    mapa__column cols[N_COLS] = {
        {"date", false, 0, false},  {"days", false, 0, false},  {"from", false, 0, false},
        {"to", false, 0, false},    {"except", false, 0, false}, {"start", true, 0, false},
        {"end", true, 0, false},    {"place", false, 0, false},  {"capacity", false, 0, false},
        {"rooms", false, 0, false},
    };
    if (!mapa__csv_columns(t, cols, N_COLS, NULL, NULL, d))
        return MAPA_OK;
    if (cols[COL_DATE].index == MAPA_NONE && cols[COL_DAYS].index == MAPA_NONE) {
        mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, 1, 1,
                       "slots.csv needs a 'date' column or a 'days' column (weekly patterns)");
        return MAPA_OK;
    }
    size_t cap = cal->n_slots;
    for (size_t r = 1; r < t->n_rows; r++) {
        if (mapa__csv_row_too_wide(t, r))
            continue;
        mapa__csv_cell scratch[N_COLS];
        const mapa__csv_cell *c[N_COLS];
        for (int k = 0; k < N_COLS; k++)
            c[k] = mapa__csv_cell_at(t, r, cols[k].index, &scratch[k]);
        mapa_slot slot = {.place = (char *)(c[COL_PLACE]->len ? mapa__csv_text(t, c[COL_PLACE])
                                                              : "online"),
                          .capacity = MAPA_UNLIMITED,
                          .rooms = 1,
                          .line = t->rows[r].line};
        bool ok = true;
        for (int k = COL_START; k <= COL_END; k++) {
            int *at = k == COL_START ? &slot.start : &slot.end;
            if (!mapa__parse_clock(mapa__csv_text(t, c[k]), at)) {
                mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, c[k]->line, c[k]->col,
                               "%s: '%s' is not a time of day (HH:MM, 24-hour)",
                               k == COL_START ? "start" : "end", mapa__csv_text(t, c[k]));
                ok = false;
            }
        }
        if (ok && slot.end <= slot.start) {
            mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, c[COL_END]->line, c[COL_END]->col,
                           "end %s is not after start %s", mapa__csv_text(t, c[COL_END]),
                           mapa__csv_text(t, c[COL_START]));
            ok = false;
        }
        ok &= mapa__field_count(&slot.capacity, t, c[COL_CAPACITY], "capacity", true, d);
        ok &= mapa__field_count(&slot.rooms, t, c[COL_ROOMS], "rooms", false, d);
        if (ok && (slot.capacity == 0 || slot.rooms == 0)) {
            const mapa__csv_cell *at = slot.rooms == 0 ? c[COL_ROOMS] : c[COL_CAPACITY];
            mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, at->line, at->col,
                           "%s is 0: no session could take this slot; remove the row instead",
                           slot.rooms == 0 ? "rooms" : "capacity");
            ok = false;
        }
        bool dated = c[COL_DATE]->len > 0, pattern = c[COL_DAYS]->len > 0;
        if (ok && dated == pattern) {
            mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, t->rows[r].line, 1,
                           dated ? "give either a date or days (a weekly pattern), not both"
                                 : "no date and no days: give a date, or days with from and to");
            ok = false;
        }
        if (!ok)
            continue;
        mapa_err err = MAPA_OK;
        if (dated) {
            if (mapa__field_date(&slot.day, t, c[COL_DATE], "date", d))
                err = add_slot(cal, &cap, &slot);
        } else {
            err = expand(cal, &cap, t, c, &slot, d);
        }
        if (err != MAPA_OK)
            return err;
    }
    return MAPA_OK;
}

static int cmp_slot(const void *a, const void *b)
{
    const mapa_slot *x = a, *y = b;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->end != y->end)
        return x->end < y->end ? -1 : 1;
    int c = strcmp(x->place, y->place);
    if (c)
        return c;
    if (x->capacity != y->capacity)
        return x->capacity < y->capacity ? -1 : 1;
    return x->line < y->line ? -1 : x->line > y->line;
}

/* Sort, and merge identical slots into one with their rooms added (interchangeable). */
static void merge_slots(mapa_calendar *cal)
{
    if (cal->n_slots == 0)
        return;
    qsort(cal->slots, cal->n_slots, sizeof *cal->slots, cmp_slot);
    size_t w = 0;
    for (size_t k = 1; k < cal->n_slots; k++) {
        mapa_slot *a = &cal->slots[w], *b = &cal->slots[k];
        if (a->day == b->day && a->start == b->start && a->end == b->end &&
            strcmp(a->place, b->place) == 0 && a->capacity == b->capacity) {
            a->rooms += b->rooms;
            free(b->place);
            cal->merged++;
        } else {
            cal->slots[++w] = *b;
        }
    }
    cal->n_slots = w + 1;
}

/* Read one optional file of the calendar; *have tells whether it was there. */
static mapa_err read_file(mapa__csv_table *t, bool *have, const char *dir, const char *name,
                          const char *hint, mapa_diags *d)
{
    char *path = mapa__path_join(dir, name);
    if (!path)
        return mapa_error_set(MAPA_ENOMEM, "out of memory");
    mapa_err err = mapa__csv_read(t, path, path, hint, d);
    free(path);
    *have = err == MAPA_OK && t->n_rows > 0;
    if (err == MAPA_ENOTFOUND || err == MAPA_EFORMAT)
        return err == MAPA_ENOTFOUND ? MAPA_OK : MAPA_EFORMAT;
    return err;
}

mapa_err mapa_calendar_load(mapa_calendar *out, mapa_diags *diags, const char *dir,
                            const mapa_partnership *p)
{
    mapa_calendar cal = MAPA_CALENDAR_INIT;
    mapa__csv_table t = MAPA__CSV_TABLE_INIT;
    size_t errors = diags->n_errors;
    bool have = false;
    mapa_err err = read_file(&t, &have, dir, "slots.csv", HINT, diags);
    if (err == MAPA_OK && !have) {
        mapa__csv_table_dispose(&t);
        return mapa_error_set(MAPA_ENOTFOUND, "%s/slots.csv: no such file: nothing to schedule",
                              dir);
    }
    if (err == MAPA_OK)
        err = mapa__read_slots(&cal, &t, diags);
    if (err == MAPA_OK && cal.n_slots == 0 && diags->n_errors == errors)
        mapa_diags_add(diags, MAPA_DIAG_ERROR, t.file, 0, 0,
                       "slots.csv gives no slot: add rows with a date, or weekly patterns");
    mapa__csv_table_dispose(&t);
    merge_slots(&cal);
    cal.n_topics = p->n_topics;
    cal.windows = calloc(p->n_topics * 2 + 1, sizeof *cal.windows);
    if (err == MAPA_OK && !cal.windows)
        err = mapa_error_set(MAPA_ENOMEM, "out of memory reading the calendar");
    if (err == MAPA_OK || err == MAPA_EFORMAT) {
        mapa_err e2 = read_file(&t, &have, dir, "stages.csv", "team,stage,earliest,latest,min_gap_days", diags);
        if (e2 == MAPA_OK)
            e2 = mapa__read_stages(&cal, have ? &t : NULL, p, diags);
        mapa__csv_table_dispose(&t);
        if (e2 != MAPA_OK && e2 != MAPA_EFORMAT)
            err = e2;
    }
    if (err == MAPA_OK || err == MAPA_EFORMAT) {
        mapa_err e2 = read_file(&t, &have, dir, "unavailable.csv", "member,from,to,start,end", diags);
        if (e2 == MAPA_OK && have)
            e2 = mapa__read_unavailable(&cal, &t, p, diags);
        mapa__csv_table_dispose(&t);
        if (e2 != MAPA_OK && e2 != MAPA_EFORMAT)
            err = e2;
    }
    if (err == MAPA_OK && diags->n_errors > errors)
        err = MAPA_EFORMAT;
    if (err == MAPA_OK && diags->out_of_memory)
        err = mapa_error_set(MAPA_ENOMEM, "out of memory reading the calendar");
    if (err == MAPA_EFORMAT)
        mapa_error_set(MAPA_EFORMAT, "the calendar's files have errors");
    if (err != MAPA_OK) {
        mapa_calendar_dispose(&cal);
        return err;
    }
    *out = cal;
    return MAPA_OK;
}
