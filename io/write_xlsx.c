/*
 * plan.xlsx through libxlsxwriter: Teams, Members, Critical Friends,
 * Duplicates and Network sheets. Every cell is written as a string or a
 * number, so nothing a member typed is ever evaluated as a formula.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include <mapa/text.h>

#include "io/atomic_file.h"
#include "io/report_common.h"

enum { MAX_COLUMNS = 12, WIDTH_MAX = 60 };

/* One sheet being filled: its next row and the widest text of each column. */
typedef struct sheet {
    lxw_worksheet *ws;
    lxw_format *bold;
    lxw_row_t row;
    size_t columns;
    double width[MAX_COLUMNS];
    lxw_error err;
} sheet;

/* Characters of UTF-8 text (continuation bytes not counted). */
static double chars(const char *s)
{
    double n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static void fit(sheet *s, size_t col, double n)
{
    if (col < MAX_COLUMNS && n > s->width[col])
        s->width[col] = n > WIDTH_MAX ? WIDTH_MAX : n;
}

static void str(sheet *s, size_t col, const char *v, lxw_format *format)
{
    lxw_error e = worksheet_write_string(s->ws, s->row, (lxw_col_t)col, v ? v : "", format);
    if (e != LXW_NO_ERROR && s->err == LXW_NO_ERROR)
        s->err = e;
    fit(s, col, chars(v ? v : ""));
}

static void num(sheet *s, size_t col, double v)
{
    lxw_error e = worksheet_write_number(s->ws, s->row, (lxw_col_t)col, v, NULL);
    if (e != LXW_NO_ERROR && s->err == LXW_NO_ERROR)
        s->err = e;
    fit(s, col, 6);
}

static sheet begin(lxw_workbook *wb, lxw_format *bold, const char *name, const char *const *headers,
                   size_t n)
{
    sheet s = {.ws = workbook_add_worksheet(wb, name), .bold = bold, .columns = n};
    if (!s.ws) {
        s.err = LXW_ERROR_MEMORY_MALLOC_FAILED;
        return s;
    }
    for (size_t c = 0; c < n; c++)
        str(&s, c, headers[c], bold);
    s.row = 1;
    worksheet_freeze_panes(s.ws, 1, 0);
    return s;
}

static lxw_error end(sheet *s)
{
    if (!s->ws)
        return s->err;
    for (size_t c = 0; c < s->columns; c++)
        worksheet_set_column(s->ws, (lxw_col_t)c, (lxw_col_t)c, s->width[c] + 2, NULL);
    if (s->row > 1)
        worksheet_autofilter(s->ws, 0, 0, s->row - 1, (lxw_col_t)(s->columns - 1));
    return s->err;
}

static const char *team_name(const mapa_report_input *in, size_t t)
{
    return t == MAPA_NONE ? "" : in->p->topics[t].name;
}

static const char *agency_of(const mapa_report_input *in, size_t m)
{
    return in->p->agencies[in->p->members[m].agency].name;
}

static void choice(sheet *s, size_t col, const mapa_report_input *in, size_t m)
{
    size_t r = mapa_member_rank(&in->p->members[m], in->team[m]);
    if (r)
        num(s, col, (double)r);
    else
        str(s, col, "not ranked", NULL);
}

static lxw_error teams_sheet(lxw_workbook *wb, lxw_format *bold, const mapa__report_facts *f)
{
    static const char *const headers[] = {"Team", "Member", "Agency", "Role", "Choice", "SPOC"};
    const mapa_report_input *in = f->in;
    sheet s = begin(wb, bold, "Teams", headers, 6);
    for (size_t t = 0; t < in->p->n_topics && s.ws; t++, s.row++) {
        char what[64];
        snprintf(what, sizeof what, "%zu members", f->team_first[t + 1] - f->team_first[t]);
        str(&s, 0, team_name(in, t), bold);
        str(&s, 1, what, bold);
        str(&s, 5, in->spoc[t] == MAPA_NONE ? "none" : in->p->members[in->spoc[t]].name, bold);
        for (size_t k = f->team_first[t]; k < f->team_first[t + 1]; k++) {
            size_t m = f->team_members[k];
            s.row++;
            str(&s, 0, team_name(in, t), NULL);
            str(&s, 1, in->p->members[m].name, NULL);
            str(&s, 2, agency_of(in, m), NULL);
            str(&s, 3, in->p->members[m].role, NULL);
            choice(&s, 4, in, m);
            str(&s, 5, in->spoc[t] == m ? "SPOC" : "", NULL);
        }
        for (size_t k = f->cf_in_first[t]; in->cf && k < f->cf_in_first[t + 1]; k++) {
            size_t m = in->cf->pairs[f->cf_in[k]].member;
            char role[512];
            snprintf(role, sizeof role, "Critical Friend, from %s", team_name(in, in->team[m]));
            s.row++;
            str(&s, 0, team_name(in, t), NULL);
            str(&s, 1, in->p->members[m].name, NULL);
            str(&s, 2, agency_of(in, m), NULL);
            str(&s, 3, mapa__utf8_cut(role), NULL);
        }
    }
    return end(&s);
}

/* "Team A; Team B" of the teams member m is a Critical Friend of (malloc'd). */
static char *cf_of(const mapa__report_facts *f, size_t m)
{
    size_t len = 1;
    for (size_t j = f->cf_first[m]; j < f->cf_first[m + 1]; j++)
        len += strlen(team_name(f->in, f->in->cf->pairs[f->cf_order[j]].team)) + 2;
    char *s = malloc(len);
    if (!s)
        return NULL;
    s[0] = '\0';
    for (size_t j = f->cf_first[m]; j < f->cf_first[m + 1]; j++) {
        if (j > f->cf_first[m])
            strcat(s, "; ");
        strcat(s, team_name(f->in, f->in->cf->pairs[f->cf_order[j]].team));
    }
    return s;
}

static lxw_error members_sheet(lxw_workbook *wb, lxw_format *bold, const mapa__report_facts *f)
{
    static const char *const headers[] = {"Member", "Member id",     "Agency", "Team",
                                          "Choice", "Why this team", "SPOC",   "Critical Friend of",
                                          "Email"};
    const mapa_report_input *in = f->in;
    sheet s = begin(wb, bold, "Members", headers, 9);
    char why[1024];
    for (size_t m = 0; m < in->p->n_members && s.ws && s.err == LXW_NO_ERROR; m++) {
        size_t t = in->team[m];
        if (t == MAPA_NONE || in->p->members[m].coordinator)
            continue;
        char *cfs = cf_of(f, m);
        if (!cfs)
            return LXW_ERROR_MEMORY_MALLOC_FAILED;
        str(&s, 0, in->p->members[m].name, NULL);
        str(&s, 1, in->p->members[m].id, NULL);
        str(&s, 2, agency_of(in, m), NULL);
        str(&s, 3, team_name(in, t), NULL);
        choice(&s, 4, in, m);
        str(&s, 5, mapa__report_reason(why, sizeof why, f, m), NULL);
        str(&s, 6, in->spoc[t] == m ? "yes" : "", NULL);
        str(&s, 7, cfs, NULL);
        str(&s, 8, mapa__report_email(in, m), NULL);
        free(cfs);
        s.row++;
    }
    return end(&s);
}

static lxw_error cf_sheet(lxw_workbook *wb, lxw_format *bold, const mapa__report_facts *f)
{
    static const char *const headers[] = {"Critical Friend", "Agency", "Home team",
                                          "Visits team",     "Stages", "SPOC of the team visited"};
    const mapa_report_input *in = f->in;
    sheet s = begin(wb, bold, "Critical Friends", headers, 6);
    for (size_t t = 0; in->cf && t < in->p->n_topics && s.ws; t++)
        for (size_t k = f->cf_in_first[t]; k < f->cf_in_first[t + 1]; k++, s.row++) {
            const mapa_cf_pair *c = &in->cf->pairs[f->cf_in[k]];
            str(&s, 0, in->p->members[c->member].name, NULL);
            str(&s, 1, agency_of(in, c->member), NULL);
            str(&s, 2, team_name(in, in->team[c->member]), NULL);
            str(&s, 3, team_name(in, t), NULL);
            str(&s, 4, mapa__stages_words(c->stages), NULL);
            str(&s, 5, in->spoc[t] == MAPA_NONE ? "" : in->p->members[in->spoc[t]].name, NULL);
        }
    return end(&s);
}

static lxw_error duplicates_sheet(lxw_workbook *wb, lxw_format *bold, const mapa__report_facts *f)
{
    static const char *const headers[] = {"Team",
                                          "Action",
                                          "Other team",
                                          "Its action",
                                          "Alike (0-1)",
                                          "Shared words",
                                          "A Critical Friend goes between them"};
    const mapa_report_input *in = f->in;
    const mapa_duplicates *d = in->duplicates;
    sheet s = begin(wb, bold, "Duplicates", headers, 7);
    for (size_t k = 0; d && k < d->n_pairs && s.ws; k++, s.row++) {
        const mapa_dup_pair *pr = &d->pairs[k];
        const mapa_action *a = &in->p->actions[pr->a], *b = &in->p->actions[pr->b];
        char terms[512] = "";
        size_t len = 0;
        for (size_t j = 0; j < pr->n_terms && d->text && len < sizeof terms; j++)
            len += (size_t)snprintf(terms + len, sizeof terms - len, "%s%s", j ? ", " : "",
                                    mapa_text_stem(d->text, pr->terms[j]));
        str(&s, 0, team_name(in, a->team), NULL);
        str(&s, 1, a->title, NULL);
        str(&s, 2, team_name(in, b->team), NULL);
        str(&s, 3, b->title, NULL);
        num(&s, 4, round(pr->score * 100) / 100); /* two decimals: what a reader compares */
        str(&s, 5, mapa__utf8_cut(terms), NULL);
        str(&s, 6, !d->have_plan ? "not known" : pr->spotted ? "yes" : "no: a blind spot", NULL);
    }
    return end(&s);
}

typedef struct ranked {
    double b;
    size_t v;
} ranked;

static int by_betweenness(const void *x, const void *y)
{
    const ranked *a = x, *b = y;
    return a->b < b->b ? 1 : a->b > b->b ? -1 : (a->v > b->v) - (a->v < b->v);
}

static lxw_error network_sheet(lxw_workbook *wb, lxw_format *bold, const mapa__report_facts *f)
{
    static const char *const headers[] = {"Member",
                                          "Agency",
                                          "Team",
                                          "Broker: share of shortest paths through them",
                                          "Single point of failure (plan)",
                                          "Single point of failure (logged contacts)"};
    const mapa_report_input *in = f->in;
    const mapa_metrics *m = in->metrics, *o = in->observed;
    sheet s = begin(wb, bold, "Network", headers, 6);
    if (!m || m->n != in->p->n_members || !s.ws)
        return end(&s);
    ranked *order = malloc((m->n ? m->n : 1) * sizeof *order);
    if (!order)
        return LXW_ERROR_MEMORY_MALLOC_FAILED;
    for (size_t v = 0; v < m->n; v++)
        order[v] = (ranked){m->node[v].betweenness, v};
    qsort(order, m->n, sizeof *order, by_betweenness);
    bool obs = o && o->n == m->n;
    for (size_t k = 0; k < m->n; k++, s.row++) {
        size_t v = order[k].v;
        str(&s, 0, in->p->members[v].name, NULL);
        str(&s, 1, agency_of(in, v), NULL);
        str(&s, 2,
            in->p->members[v].coordinator ? "co-ordination team" : team_name(in, in->team[v]),
            NULL);
        num(&s, 3, round(m->node[v].betweenness * 1e4) / 1e4);
        str(&s, 4, m->node[v].articulation ? "yes" : "", NULL);
        str(&s, 5, obs && o->node[v].articulation ? "yes" : "", NULL);
    }
    free(order);
    return end(&s);
}

mapa_err mapa_report_write_xlsx(const char *path, const mapa_report_input *in)
{
    mapa__report_facts f;
    mapa_err err = mapa__report_facts_init(&f, in);
    if (err != MAPA_OK)
        return err;
    mapa__atomic_file file;
    err = mapa__atomic_open(&file, path);
    if (err != MAPA_OK)
        goto cleanup;
    /* libxlsxwriter writes the temporary by name; the atomic file then renames it. */
    lxw_workbook *wb = workbook_new(file.tmp);
    lxw_error e = wb ? LXW_NO_ERROR : LXW_ERROR_MEMORY_MALLOC_FAILED; /* our file is writable */
    if (wb) {
        lxw_format *bold = workbook_add_format(wb);
        format_set_bold(bold);
        e = teams_sheet(wb, bold, &f);
        if (e == LXW_NO_ERROR)
            e = members_sheet(wb, bold, &f);
        if (e == LXW_NO_ERROR)
            e = cf_sheet(wb, bold, &f);
        if (e == LXW_NO_ERROR)
            e = duplicates_sheet(wb, bold, &f);
        if (e == LXW_NO_ERROR)
            e = network_sheet(wb, bold, &f);
        lxw_error closed = workbook_close(wb);
        if (e == LXW_NO_ERROR)
            e = closed;
    }
    if (e != LXW_NO_ERROR) {
        mapa__atomic_abort(&file);
        err = e == LXW_ERROR_MEMORY_MALLOC_FAILED
                  ? mapa_error_set(MAPA_ENOMEM, "out of memory while writing %s", path)
                  : mapa_error_set(MAPA_EIO, "%s: %s", path, lxw_strerror(e));
        goto cleanup;
    }
    err = mapa__atomic_commit(&file);
cleanup:
    mapa__report_facts_dispose(&f);
    return err;
}
