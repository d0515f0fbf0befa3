/*
 * A briefing per member: briefings.csv for a mail merge (email, name, subject,
 * body) and briefings/MEMBER.html, one page each, from the same text.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mapa/output.h>

#include "io/atomic_file.h"
#include "io/csv_table.h"
#include "io/report_common.h"
#include "models/util.h"

/*
 * Every member's list line ("\n- Name (Agency)") once, grouped by team as
 * facts.team_members is: a briefing lists the others in its team, so with
 * teams of 333 the 100,000 briefings hold 33 million such lines, copied from
 * here instead of formatted each time.
 */
typedef struct roster {
    char *text;
    size_t *at;  /**< [k]: where team_members[k]'s line starts in text; [allocated]: the end */
    size_t *pos; /**< per member: its index in team_members, SIZE_MAX for none */
} roster;

static const char *team_name(const mapa_report_input *in, size_t t)
{
    return t == MAPA_NONE ? "" : in->p->topics[t].name;
}

static void person(FILE *fp, const mapa_report_input *in, size_t m)
{
    fprintf(fp, "%s (%s)", in->p->members[m].name, in->p->agencies[in->p->members[m].agency].name);
}

static mapa_err roster_init(roster *r, const mapa__report_facts *f)
{
    const mapa_partnership *p = f->in->p;
    size_t n = f->team_first[p->n_topics], len = 0;
    *r = (roster){NULL, malloc((n + 1) * sizeof *r->at), malloc((p->n_members + 1) * sizeof *r->pos)};
    FILE *fp = r->at && r->pos ? open_memstream(&r->text, &len) : NULL;
    if (!fp)
        return mapa_error_set(MAPA_ENOMEM, "out of memory while writing the briefings");
    for (size_t m = 0; m < p->n_members; m++)
        r->pos[m] = SIZE_MAX;
    for (size_t k = 0; k < n; k++) {
        r->at[k] = (size_t)ftell(fp);
        r->pos[f->team_members[k]] = k;
        fprintf(fp, "\n- ");
        person(fp, f->in, f->team_members[k]);
    }
    r->at[n] = (size_t)ftell(fp);
    if (fclose(fp) != 0 || !r->text)
        return mapa_error_set(MAPA_ENOMEM, "out of memory while writing the briefings");
    return MAPA_OK;
}

static void roster_dispose(roster *r)
{
    free(r->text);
    free(r->at);
    free(r->pos);
    *r = (roster){NULL, NULL, NULL};
}

static void spoc_line(FILE *fp, const mapa_report_input *in, size_t t, size_t m)
{
    size_t s = in->spoc[t];
    if (s == m)
        fprintf(fp, "You are the team's Single Point of Contact (SPOC): you tell the partnership "
                    "and the other SPOCs when the team enters its Decision-making and Evaluation "
                    "stages.");
    else if (s == MAPA_NONE)
        fprintf(fp, "Your team has no Single Point of Contact (SPOC) yet.");
    else {
        fprintf(fp, "Your team's Single Point of Contact (SPOC) is ");
        person(fp, in, s);
        fprintf(fp, ".");
    }
}

/* Team t's two sessions, one line each ("- Decision-making: 2027-01-11 13:30-15:30, Room"). */
static void dates(FILE *fp, const mapa_report_input *in, size_t t, unsigned stages,
                  const char *lead)
{
    static const unsigned each[] = {MAPA_STAGE_DECISION, MAPA_STAGE_EVALUATION};
    for (size_t k = 0; k < 2; k++) {
        const mapa_report_session *x =
            (stages & each[k]) ? mapa__report_session(in, t, each[k]) : NULL;
        if (!x)
            continue;
        fprintf(fp, "\n%s%s: %s", lead, mapa__stages_words(each[k]), x->when);
        if (x->where && *x->where)
            fprintf(fp, ", %s", x->where);
    }
}

/* At most this many team mates are named; the rest are counted, and the report lists them all. A
 * briefing is read by one person: 332 names help nobody, and at 100,000 members they were 2.8 GB. */
#define MATES_MAX 40

/* "The others in your team:" and team t's roster lines but member m's own, the first MATES_MAX. */
static void others(FILE *fp, const mapa__report_facts *f, const roster *r, size_t t, size_t m)
{
    fprintf(fp, "\n\nThe others in your team:");
    size_t first = f->team_first[t], end = f->team_first[t + 1], own = r->pos[m];
    bool listed = own >= first && own < end; /* if not, every line is another's */
    size_t total = end - first - (listed ? 1 : 0), shown = 0;
    for (size_t k = first; k < end && shown < MATES_MAX;) { /* runs of lines, m's own left out */
        size_t stop = k + (MATES_MAX - shown) < end ? k + (MATES_MAX - shown) : end;
        if (listed && own >= k && own < stop)
            stop = own;
        fwrite(r->text + r->at[k], 1, r->at[stop] - r->at[k], fp);
        shown += stop - k;
        k = listed && stop == own ? own + 1 : stop;
    }
    if (total == 0)
        fprintf(fp, " none.");
    else if (shown < total)
        fprintf(fp, "\n\n... and %zu more: the plan's report (report.html) and teams.csv list "
                    "every member of the team.",
                total - shown);
}

static void team_part(FILE *fp, const mapa__report_facts *f, const roster *r, size_t m)
{
    const mapa_report_input *in = f->in;
    size_t t = in->team[m];
    char why[1024];
    fprintf(fp, "You are in the sub-team %s: %s.\n\n", team_name(in, t),
            mapa__report_reason(why, sizeof why, f, m));
    spoc_line(fp, in, t, m);
    if (in->schedule && in->schedule->n_sessions) {
        fprintf(fp, "\n\nYour team's sessions:");
        dates(fp, in, t, MAPA_STAGE_DECISION | MAPA_STAGE_EVALUATION, "- ");
    }
    others(fp, f, r, t, m);
    if (in->cf && f->cf_in_first[t] < f->cf_in_first[t + 1]) {
        fprintf(fp, "\n\nCritical Friends who join your team's Decision-making and Evaluation "
                    "stages:");
        for (size_t k = f->cf_in_first[t]; k < f->cf_in_first[t + 1]; k++) {
            size_t c = in->cf->pairs[f->cf_in[k]].member;
            fprintf(fp, "\n- ");
            person(fp, in, c);
            fprintf(fp, ", from %s", team_name(in, in->team[c]));
        }
    }
}

static void cf_part(FILE *fp, const mapa__report_facts *f, size_t m)
{
    const mapa_report_input *in = f->in;
    if (!in->cf)
        return;
    if (f->cf_first[m] == f->cf_first[m + 1]) {
        fprintf(fp, "\n\nYou are not a Critical Friend of another team in this plan.");
        return;
    }
    fprintf(fp, "\n\nYou are a Critical Friend of:");
    for (size_t j = f->cf_first[m]; j < f->cf_first[m + 1]; j++) {
        const mapa_cf_pair *c = &in->cf->pairs[f->cf_order[j]];
        fprintf(fp, "\n- %s, in its %s stage%s; its SPOC is ", team_name(in, c->team),
                mapa__stages_words(c->stages),
                (c->stages & MAPA_STAGE_DECISION) && (c->stages & MAPA_STAGE_EVALUATION) ? "s"
                                                                                         : "");
        if (in->spoc[c->team] == MAPA_NONE)
            fprintf(fp, "not named yet");
        else
            person(fp, in, in->spoc[c->team]);
        dates(fp, in, c->team, c->stages, "  ");
    }
    fprintf(fp, "\n\nWhat a Critical Friend does:\n\n%s\n\n%s", mapa__cf_duty_decision,
            mapa__cf_duty_evaluation);
    if (!in->schedule || in->schedule->n_sessions == 0)
        fprintf(fp, "\n\nThe dates of these sessions are not scheduled yet.");
}

/* The body in plain text: paragraphs separated by a blank line (malloc'd; NULL: out of memory). */
static char *body(const mapa__report_facts *f, const roster *r, size_t m)
{
    const mapa_report_input *in = f->in;
    char *text = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&text, &len);
    if (!fp)
        return NULL;
    fprintf(fp, "Dear %s,\n\n", in->p->members[m].name);
    if (in->p->members[m].coordinator || in->team[m] == MAPA_NONE) {
        char why[1024];
        fprintf(fp, "In this plan %s.", mapa__report_reason(why, sizeof why, f, m));
    } else {
        team_part(fp, f, r, m);
        cf_part(fp, f, m);
    }
    fprintf(fp, "\n\nWith thanks,\nThe co-ordination team");
    if (fclose(fp) != 0) {
        free(text);
        return NULL;
    }
    return text;
}

static char *subject(const mapa_report_input *in, size_t m)
{
    const char *who = in->p->settings.name ? in->p->settings.name : "the partnership";
    if (in->team[m] == MAPA_NONE)
        return mapa__format("Your part in %s", who);
    return mapa__format("Your sub-team in %s: %s", who, team_name(in, in->team[m]));
}

/* Plain text as HTML: paragraphs at blank lines, lines within one joined by <br>, "- " lines a
 * list. */
static void html_body(FILE *fp, const char *text)
{
    enum { NONE, PARA, LIST } open = NONE;
    static const char *const close[] = {"", "</p>\n", "</ul>\n"};
    for (const char *s = text; *s;) {
        const char *e = strchr(s, '\n');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        bool item = n >= 2 && s[0] == '-' && s[1] == ' ';
        if (n == 0 || (item && open != LIST) || (!item && open == LIST)) {
            fputs(close[open], fp);
            open = NONE;
        }
        if (n > 0) {
            fputs(item ? (open == LIST ? "<li>" : "<ul><li>") : open == PARA ? "<br>" : "<p>", fp);
            open = item ? LIST : PARA;
            if (n > (item ? 2u : 0u))
                mapa__html_put_len(fp, s + (item ? 2 : 0), n - (item ? 2 : 0));
            fputs(item ? "</li>" : "", fp);
        }
        s = e ? e + 1 : s + n;
    }
    fputs(close[open], fp);
}

static mapa_err write_page(const char *dir, const mapa_report_input *in, size_t m, const char *subj,
                           const char *text)
{
    char name[256];
    mapa__safe_file_name(name, sizeof name - 5, in->p->members[m].id);
    strcat(name, ".html");
    char *path = mapa__path_join(dir, name);
    if (!path)
        return mapa_error_set(MAPA_ENOMEM, "out of memory while writing the briefings");
    mapa__atomic_file f;
    mapa_err err = mapa__atomic_open(&f, path);
    free(path);
    if (err != MAPA_OK)
        return err;
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta "
          "http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
          "'unsafe-inline'\"><title>",
          f.fp);
    mapa__html_put(f.fp, subj);
    fputs("</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:42em;margin:2em "
          "auto;padding:0 1em}@media print{@page{size:A4;margin:20mm}}</style></head><body><h1>",
          f.fp);
    mapa__html_put(f.fp, subj);
    fputs("</h1>", f.fp);
    html_body(f.fp, text);
    fputs("</body></html>\n", f.fp);
    return mapa__atomic_commit(&f);
}

/* A CSV cell as mapa__csv_put writes it, the runs between quotes in one fwrite each. */
static void csv_cell(FILE *fp, const char *s, bool last)
{
    fputc('"', fp);
    if (mapa__csv_needs_guard(s))
        fputc('\'', fp);
    for (const char *q; (q = strchr(s, '"')); s = q + 1) { /* RFC 4180: a quote inside twice */
        fwrite(s, 1, (size_t)(q - s) + 1, fp);
        fputc('"', fp);
    }
    fputs(s, fp);
    fputc('"', fp);
    fputc(last ? '\n' : ',', fp);
}

bool mapa_report_pages(const mapa_report_input *in)
{
    return in->pages_max == 0 || in->p->n_members <= in->pages_max;
}

/* Member m's row of briefings.csv, and its page in `dir` unless `dir` is NULL. */
static mapa_err one(FILE *csv, const char *dir, const mapa__report_facts *f, const roster *r,
                    size_t m)
{
    char *text = body(f, r, m), *subj = subject(f->in, m);
    mapa_err err = MAPA_OK;
    if (!text || !subj) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory while writing the briefings");
        goto cleanup;
    }
    mapa__csv_put(csv, mapa__report_email(f->in, m), false);
    mapa__csv_put(csv, f->in->p->members[m].name, false);
    mapa__csv_put(csv, subj, false);
    csv_cell(csv, text, true);
    if (dir)
        err = write_page(dir, f->in, m, subj, text);
cleanup:
    free(text);
    free(subj);
    return err;
}

mapa_err mapa_report_write_briefings(const char *dir, const mapa_report_input *in)
{
    mapa__report_facts f;
    mapa_err err = mapa__report_facts_init(&f, in);
    if (err != MAPA_OK)
        return err;
    char *csv_path = mapa__path_join(dir, "briefings.csv");
    char *pages = mapa__path_join(dir, "briefings");
    mapa__atomic_file csv = {0};
    roster r = {NULL, NULL, NULL};
    if (!csv_path || !pages) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory while writing the briefings");
        goto cleanup;
    }
    err = roster_init(&r, &f);
    bool pages_too = mapa_report_pages(in);
    if (err == MAPA_OK)
        err = pages_too ? mapa_make_dir(pages) : mapa_make_dir(dir);
    if (err == MAPA_OK)
        err = mapa__atomic_open(&csv, csv_path);
    if (err != MAPA_OK)
        goto cleanup;
    mapa__csv_begin(csv.fp, "email,name,subject,body\n");
    for (size_t m = 0; m < in->p->n_members && err == MAPA_OK; m++)
        err = one(csv.fp, pages_too ? pages : NULL, &f, &r, m);
    if (err == MAPA_OK)
        err = mapa__atomic_commit(&csv);
    else
        mapa__atomic_abort(&csv);
cleanup:
    free(csv_path);
    free(pages);
    roster_dispose(&r);
    mapa__report_facts_dispose(&f);
    return err;
}
