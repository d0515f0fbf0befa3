/*
 * Writes the schedule as iCalendar (RFC 5545) with libical: the partnership's
 * calendar and one per member with exactly the sessions that member attends.
 * UIDs come from the partnership, team and stage, so a re-run updates events.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <mapa/date.h>
#include <mapa/schedule.h>

#include "io/atomic_file.h"
#include "models/util.h"

/* Europe/London since 1996 (EU rules): the compact form calendar programs exchange. */
static const char london[] = "BEGIN:VTIMEZONE\r\n"
                             "TZID:Europe/London\r\n"
                             "BEGIN:DAYLIGHT\r\n"
                             "TZNAME:BST\r\n"
                             "TZOFFSETFROM:+0000\r\n"
                             "TZOFFSETTO:+0100\r\n"
                             "DTSTART:19700329T010000\r\n"
                             "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
                             "END:DAYLIGHT\r\n"
                             "BEGIN:STANDARD\r\n"
                             "TZNAME:GMT\r\n"
                             "TZOFFSETFROM:+0100\r\n"
                             "TZOFFSETTO:+0000\r\n"
                             "DTSTART:19701025T020000\r\n"
                             "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
                             "END:STANDARD\r\n"
                             "END:VTIMEZONE\r\n";

static const char *const stage_text[MAPA_SESSION_STAGES] = {
    "Decision-making: the sub-team agrees what it will do, with its Critical Friends, who bring "
    "knowledge from their own teams, an outside view and an eye for work another team already "
    "does.",
    "Evaluation: the sub-team weighs what its actions achieved before dissemination, with its "
    "Critical Friends, who look for pitfalls and duplicated work.",
};

static const char *const stage_ids[MAPA_SESSION_STAGES] = {"decision", "evaluation"};

/* Letters, digits, '.', '-' and '_' kept; anything else as '-' (for UIDs and file names). */
static void slug(char *out, size_t cap, const char *s)
{
    size_t n = 0;
    for (; *s && n + 1 < cap; s++) {
        char c = *s;
        bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '-' || c == '_';
        out[n++] = keep ? c : '-';
    }
    out[n] = '\0';
    if (n == 0 || out[0] == '.')
        out[0] = '_', out[n ? n : 1] = '\0';
}

static icaltimetype local_time(int32_t day, int minutes)
{
    int y, m, d;
    mapa_date_to_ymd(day, &y, &m, &d);
    icaltimetype t = icaltime_null_time();
    t.year = y;
    t.month = m;
    t.day = d;
    t.hour = minutes / 60;
    t.minute = minutes % 60;
    if (t.hour == 24) { /* 24:00 is the next day's midnight */
        t.hour = 0;
        icaltime_adjust(&t, 1, 0, 0, 0);
    }
    return t;
}

static icalproperty *timed(icalproperty *p)
{
    icalproperty_add_parameter(p, icalparameter_new_tzid("Europe/London"));
    return p;
}

static icalproperty *person(icalproperty *p, const mapa_member *m)
{
    icalproperty_add_parameter(p, icalparameter_new_cn(m->name));
    return p;
}

static char *address(const mapa_member *m)
{
    char id[256];
    slug(id, sizeof id, m->id);
    return mapa__format("urn:x-mapa:member:%s", id);
}

typedef struct ctx {
    const mapa_partnership *p;
    const size_t *spoc;
    const mapa_calendar *cal;
    const mapa_schedule *s;
    char partnership[128];
    icaltimetype stamp;
} ctx;

/* The event of session x; every invitee listed, those unavailable as DECLINED. */
static icalcomponent *event(const ctx *c, const mapa_session *x)
{
    const mapa_slot *k = &c->cal->slots[x->slot];
    const mapa_topic *t = &c->p->topics[x->team];
    char team[256], *uid = NULL, *summary = NULL, *desc = NULL;
    slug(team, sizeof team, t->id);
    uid = mapa__format("%s-%s-%s@mapa", c->partnership, team, stage_ids[x->stage]);
    summary = mapa__format("%s: %s", t->name, mapa_session_stage_name(x->stage));
    desc = mapa__format("%s\n\nSub-team: %s.", stage_text[x->stage], t->name);
    icalcomponent *ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
    if (!uid || !summary || !desc || !ev)
        goto fail;
    icalcomponent_add_property(ev, icalproperty_new_uid(uid));
    icalcomponent_add_property(ev, icalproperty_new_dtstamp(c->stamp));
    icalcomponent_add_property(ev, timed(icalproperty_new_dtstart(local_time(k->day, k->start))));
    icalcomponent_add_property(ev, timed(icalproperty_new_dtend(local_time(k->day, k->end))));
    icalcomponent_add_property(ev, icalproperty_new_summary(summary));
    icalcomponent_add_property(ev, icalproperty_new_description(desc));
    icalcomponent_add_property(ev, icalproperty_new_location(k->place));
    icalcomponent_add_property(ev, icalproperty_new_categories(mapa_session_stage_name(x->stage)));
    size_t sp = c->spoc ? c->spoc[x->team] : MAPA_NONE;
    if (sp != MAPA_NONE) {
        char *a = address(&c->p->members[sp]);
        if (!a)
            goto fail;
        icalcomponent_add_property(ev, person(icalproperty_new_organizer(a), &c->p->members[sp]));
        free(a);
    }
    for (size_t j = 0; j < x->n_invitees; j++) {
        const mapa_invitee *v = &x->invitees[j];
        const mapa_member *m = &c->p->members[v->member];
        char *a = address(m);
        if (!a)
            goto fail;
        icalproperty *at = person(icalproperty_new_attendee(a), m);
        free(a);
        icalproperty_add_parameter(at, icalparameter_new_role(v->attend == MAPA_ATTEND_REQUIRED
                                                                  ? ICAL_ROLE_REQPARTICIPANT
                                                                  : ICAL_ROLE_OPTPARTICIPANT));
        icalproperty_add_parameter(at, icalparameter_new_partstat(
                                           v->available ? ICAL_PARTSTAT_NEEDSACTION
                                                        : ICAL_PARTSTAT_DECLINED));
        icalproperty_add_parameter(at, icalparameter_new_cutype(ICAL_CUTYPE_INDIVIDUAL));
        icalcomponent_add_property(ev, at);
    }
    free(uid);
    free(summary);
    free(desc);
    return ev;
fail:
    if (ev)
        icalcomponent_free(ev);
    free(uid);
    free(summary);
    free(desc);
    return NULL;
}

static icalcomponent *new_calendar(const char *name)
{
    icalcomponent *cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
    icalcomponent *tz = icalcomponent_new_from_string(london);
    if (!cal || !tz) {
        if (cal)
            icalcomponent_free(cal);
        if (tz)
            icalcomponent_free(tz);
        return NULL;
    }
    icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
    icalcomponent_add_property(cal, icalproperty_new_prodid("-//mapa//stage sessions//EN"));
    icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
    icalcomponent_add_property(cal, icalproperty_new_method(ICAL_METHOD_PUBLISH));
    icalproperty *xname = icalproperty_new_x(name);
    icalproperty_set_x_name(xname, "X-WR-CALNAME");
    icalcomponent_add_property(cal, xname);
    icalcomponent_add_component(cal, tz);
    return cal;
}

static mapa_err save(icalcomponent *cal, const char *dir, const char *file)
{
    char *path = mapa__path_join(dir, file);
    char *text = icalcomponent_as_ical_string_r(cal);
    mapa_err err = path && text ? mapa__atomic_write(path, text, strlen(text))
                                : mapa_error_set(MAPA_ENOMEM, "out of memory writing calendars");
    free(path);
    free(text);
    return err;
}

/* The member's calendar: the sessions they attend (invited and available). */
static mapa_err member_calendar(const ctx *c, icalcomponent *const *events, size_t m,
                                const char *dir, char *file, size_t cap)
{
    const mapa_member *mem = &c->p->members[m];
    char *name = mapa__format("%s: %s's sessions", c->p->settings.name ? c->p->settings.name : "mapa", mem->name);
    icalcomponent *cal = name ? new_calendar(name) : NULL;
    free(name);
    if (!cal)
        return mapa_error_set(MAPA_ENOMEM, "out of memory writing calendars");
    for (size_t i = 0; i < c->s->n_sessions; i++) {
        const mapa_session *x = &c->s->sessions[i];
        for (size_t j = 0; events[i] && j < x->n_invitees; j++)
            if (x->invitees[j].member == m && x->invitees[j].available)
                icalcomponent_add_component(cal, icalcomponent_new_clone(events[i]));
    }
    char id[240];
    slug(id, sizeof id, mem->id);
    snprintf(file, cap, "%s.ics", id);
    mapa_err err = save(cal, dir, file);
    icalcomponent_free(cal);
    return err;
}

/* Remove folder `dir` and the files in it (one level: the calendar folder holds no folders). */
static void remove_folder(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    for (struct dirent *e; (e = readdir(d));) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char *path = mapa__path_join(dir, e->d_name);
        if (path)
            remove(path);
        free(path);
    }
    closedir(d);
    rmdir(dir);
}

static mapa_err write_all(const ctx *c, const char *dir)
{
    mapa_err err = MAPA_OK;
    icalcomponent **events = calloc(c->s->n_sessions + 1, sizeof *events);
    unsigned char *invited = calloc(c->p->n_members + 1, 1);
    icalcomponent *all = new_calendar(c->p->settings.name ? c->p->settings.name : "mapa");
    if (!events || !invited || !all)
        err = mapa_error_set(MAPA_ENOMEM, "out of memory writing calendars");
    for (size_t i = 0; err == MAPA_OK && i < c->s->n_sessions; i++) {
        const mapa_session *x = &c->s->sessions[i];
        if (x->slot == MAPA_NONE)
            continue;
        events[i] = event(c, x);
        if (!events[i])
            err = mapa_error_set(MAPA_ENOMEM, "out of memory writing calendars");
        else
            icalcomponent_add_component(all, icalcomponent_new_clone(events[i]));
        for (size_t j = 0; j < x->n_invitees; j++)
            invited[x->invitees[j].member] = 1;
    }
    if (err == MAPA_OK)
        err = save(all, dir, "partnership.ics");
    char file[256];
    for (size_t m = 0; err == MAPA_OK && m < c->p->n_members; m++)
        if (invited[m])
            err = member_calendar(c, events, m, dir, file, sizeof file);
    for (size_t i = 0; events && i < c->s->n_sessions; i++)
        if (events[i])
            icalcomponent_free(events[i]);
    free(events);
    free(invited);
    if (all)
        icalcomponent_free(all);
    return err;
}

mapa_err mapa_write_ical(const char *dir, const char *name, const mapa_partnership *p,
                         const size_t *spoc, const mapa_calendar *cal, const mapa_schedule *s)
{
    ctx c = {.p = p, .spoc = spoc, .cal = cal, .s = s};
    slug(c.partnership, sizeof c.partnership, name && *name ? name : "mapa");
    const char *epoch = getenv("SOURCE_DATE_EPOCH"); /* reproducible builds' convention */
    time_t now = epoch ? (time_t)strtoll(epoch, NULL, 10) : time(NULL);
    c.stamp = icaltime_from_timet_with_zone(now, 0, icaltimezone_get_utc_timezone());
    /* the folder is written beside, then swapped in: it holds exactly this run's calendars */
    char *fresh = mapa__format("%s.new", dir), *old = mapa__format("%s.old", dir);
    mapa_err err = fresh && old ? MAPA_OK : mapa_error_set(MAPA_ENOMEM, "out of memory");
    if (err == MAPA_OK) {
        remove_folder(fresh);
        remove_folder(old);
        if (mkdir(fresh, 0777) != 0)
            err = mapa_error_set(MAPA_EIO, "%s: %s", fresh, strerror(errno));
    }
    if (err == MAPA_OK)
        err = write_all(&c, fresh);
    if (err == MAPA_OK) {
        struct stat st;
        bool had = stat(dir, &st) == 0;
        if (had && rename(dir, old) != 0)
            err = mapa_error_set(MAPA_EIO, "%s: %s", dir, strerror(errno));
        else if (rename(fresh, dir) != 0)
            err = mapa_error_set(MAPA_EIO, "%s: %s", dir, strerror(errno));
        if (err == MAPA_OK && had)
            remove_folder(old);
    }
    if (err != MAPA_OK && fresh)
        remove_folder(fresh);
    free(fresh);
    free(old);
    return err;
}
