/*
 * The schedule's timeline as SVG: a row per sub-team, its sessions on a date
 * axis (Decision-making and Evaluation in two colours), and each Critical
 * Friend's visit as a dashed line from the friend's home team to the session.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mapa/date.h>
#include <mapa/schedule.h>

#include "io/atomic_file.h"

#define LEFT 260
#define ROW 34
#define TOP 60
#define DAY_W 9

static void text_escaped(FILE *fp, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '<':
            fputs("&lt;", fp);
            break;
        case '>':
            fputs("&gt;", fp);
            break;
        case '&':
            fputs("&amp;", fp);
            break;
        case '"':
            fputs("&quot;", fp);
            break;
        default:
            fputc(*s, fp);
        }
    }
}

/* The row of each member's home team: the team of the session where they are a member or SPOC. */
static size_t *home_rows(const mapa_partnership *p, const mapa_schedule *s)
{
    size_t *home = malloc((p->n_members + 1) * sizeof *home);
    if (!home)
        return NULL;
    for (size_t m = 0; m < p->n_members; m++)
        home[m] = MAPA_NONE;
    for (size_t i = 0; i < s->n_sessions; i++)
        for (size_t j = 0; j < s->sessions[i].n_invitees; j++)
            if (s->sessions[i].invitees[j].role != MAPA_ROLE_CF)
                home[s->sessions[i].invitees[j].member] = s->sessions[i].team;
    return home;
}

static void axis(FILE *fp, int32_t first, int32_t last, size_t rows)
{
    int wd = (int)((first + 3) % 7);
    int32_t monday = first - (wd < 0 ? wd + 7 : wd);
    for (int32_t d = monday; d <= last + 7; d += 7) {
        double x = LEFT + (double)(d - first) * DAY_W;
        if (x < LEFT)
            continue;
        char date[11];
        mapa_date_format(d, date);
        fprintf(fp,
                "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%zu\" stroke=\"#ddd\"/>\n"
                "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>\n",
                x, TOP - 10, x, TOP + rows * ROW, x, TOP - 16, date);
    }
}

mapa_err mapa_write_timeline_svg(const char *path, const mapa_partnership *p,
                                 const mapa_calendar *cal, const mapa_schedule *s)
{
    if (cal->n_slots == 0)
        return mapa_error_set(MAPA_EINVAL, "no slots to draw");
    int32_t first = cal->slots[0].day, last = cal->slots[cal->n_slots - 1].day;
    size_t *home = home_rows(p, s);
    if (!home)
        return mapa_error_set(MAPA_ENOMEM, "out of memory drawing the timeline");
    mapa__atomic_file f;
    mapa_err err = mapa__atomic_open(&f, path);
    if (err != MAPA_OK) {
        free(home);
        return err;
    }
    FILE *fp = f.fp;
    size_t rows = p->n_topics;
    double width = LEFT + (double)(last - first + 8) * DAY_W + 20;
    fprintf(fp,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%zu\" "
            "font-family=\"sans-serif\">\n"
            "<title>Stage sessions</title>\n"
            "<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">Stage sessions: "
            "Decision-making (blue), Evaluation (orange); dashed: a Critical Friend's visit from "
            "their own team</text>\n",
            width, TOP + rows * ROW + 30);
    axis(fp, first, last, rows);
    for (size_t t = 0; t < rows; t++) {
        double y = TOP + (double)t * ROW;
        /* a long name is squeezed into the label column (about 6.7 px a character) */
        bool squeeze = strlen(p->topics[t].name) * 6.7 > LEFT - 20;
        fprintf(fp, "<text x=\"10\" y=\"%.1f\" font-size=\"12\"%s>", y + ROW / 2.0 + 4,
                squeeze ? " textLength=\"240\" lengthAdjust=\"spacingAndGlyphs\"" : "");
        text_escaped(fp, p->topics[t].name);
        fprintf(fp, "</text>\n<line x1=\"%d\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" stroke=\"#eee\"/>\n",
                LEFT, y + ROW, width - 20, y + ROW);
    }
    for (size_t i = 0; i < s->n_sessions; i++) {
        const mapa_session *x = &s->sessions[i];
        if (x->slot == MAPA_NONE)
            continue;
        const mapa_slot *k = &cal->slots[x->slot];
        double cx = LEFT + (double)(k->day - first) * DAY_W + DAY_W / 2.0;
        double cy = TOP + (double)x->team * ROW + ROW / 2.0;
        for (size_t j = 0; j < x->n_invitees; j++) {
            const mapa_invitee *v = &x->invitees[j];
            size_t h = home[v->member];
            if (v->role != MAPA_ROLE_CF || h == MAPA_NONE)
                continue;
            double hy = TOP + (double)h * ROW + ROW / 2.0;
            fprintf(fp,
                    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                    "stroke-dasharray=\"3,3\"/>\n<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" "
                    "fill=\"%s\"/>\n",
                    cx, hy, cx, cy, v->available ? "#555" : "#c00", cx, hy,
                    v->available ? "#555" : "#c00");
        }
        char date[11];
        mapa_date_format(k->day, date);
        fprintf(fp,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"%d\" rx=\"2\" fill=\"%s\">"
                "<title>",
                cx - DAY_W / 2.0, cy - ROW / 2.0 + 5, DAY_W, ROW - 10,
                x->stage == 0 ? "#2b6cb0" : "#dd6b20");
        text_escaped(fp, p->topics[x->team].name);
        fprintf(fp, ": %s, %s %02d:%02d, ", mapa_session_stage_name(x->stage), date,
                k->start / 60, k->start % 60);
        text_escaped(fp, k->place);
        fputs("</title></rect>\n", fp);
    }
    fputs("</svg>\n", fp);
    free(home);
    return mapa__atomic_commit(&f);
}
