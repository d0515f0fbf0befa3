/* The facts of a plan the report, workbook and briefings share, and the words they use. */
#include "io/report_common.h"

#include <stdlib.h>
#include <string.h>

#include "models/util.h"

const char *const mapa__cf_duty_decision =
    "At the Decision-making stage you join the team as a Critical Friend: you bring what your "
    "own team knows, give an outside view of what the team plans to do, and say when another "
    "sub-team is planning the same work, so that the two can work together instead.";
const char *const mapa__cf_duty_evaluation =
    "At the Evaluation stage you join the team again: you help it judge what its action "
    "achieved and spot pitfalls before its results are disseminated to the whole partnership.";

/* Group indices 0..n-1 by key[i] (< groups, or MAPA_NONE: left out): first[g]..first[g+1]. */
static mapa_err group_by(size_t **first, size_t **order, size_t n, size_t groups,
                         size_t (*key)(const void *ctx, size_t i), const void *ctx)
{
    size_t *fi = calloc(groups + 1, sizeof *fi);
    size_t *ord = malloc((n ? n : 1) * sizeof *ord);
    if (!fi || !ord) {
        free(fi);
        free(ord);
        return mapa_error_set(MAPA_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        size_t g = key(ctx, i);
        if (g < groups)
            fi[g + 1]++;
    }
    for (size_t g = 0; g < groups; g++)
        fi[g + 1] += fi[g];
    size_t *fill = calloc(groups + 1, sizeof *fill);
    if (!fill) {
        free(fi);
        free(ord);
        return mapa_error_set(MAPA_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        size_t g = key(ctx, i);
        if (g < groups)
            ord[fi[g] + fill[g]++] = i;
    }
    free(fill);
    *first = fi;
    *order = ord;
    return MAPA_OK;
}

static size_t cf_member(const void *ctx, size_t i)
{
    return ((const mapa_cf *)ctx)->pairs[i].member;
}

static size_t cf_team(const void *ctx, size_t i)
{
    return ((const mapa_cf *)ctx)->pairs[i].team;
}

static size_t member_team(const void *ctx, size_t i)
{
    return ((const size_t *)ctx)[i];
}

mapa_err mapa__report_facts_init(mapa__report_facts *f, const mapa_report_input *in)
{
    const mapa_partnership *p = in->p;
    *f = (mapa__report_facts){.in = in, .max_rank = p->max_prefs};
    static const mapa_cf no_cf = MAPA_CF_INIT;
    const mapa_cf *cf = in->cf ? in->cf : &no_cf;
    f->first_choice = calloc(p->n_topics + 1, sizeof *f->first_choice);
    f->rank_count = calloc(p->max_prefs + 2, sizeof *f->rank_count);
    mapa_err err = MAPA_ENOMEM;
    if (!f->first_choice || !f->rank_count)
        goto cleanup;
    for (size_t i = 0; i < p->n_members; i++) {
        const mapa_member *m = &p->members[i];
        if (!m->coordinator && m->n_prefs)
            f->first_choice[m->prefs[0]]++;
        size_t t = in->team[i];
        if (t == MAPA_NONE || m->coordinator)
            continue;
        f->allocated++;
        f->rank_count[mapa_member_rank(m, t)]++;
    }
    err = group_by(&f->cf_first, &f->cf_order, cf->n_pairs, p->n_members, cf_member, cf);
    if (err == MAPA_OK)
        err = group_by(&f->cf_in_first, &f->cf_in, cf->n_pairs, p->n_topics, cf_team, cf);
    if (err == MAPA_OK)
        err = group_by(&f->team_first, &f->team_members, p->n_members, p->n_topics, member_team,
                       in->team);
    if (err == MAPA_OK)
        return MAPA_OK;
cleanup:
    mapa__report_facts_dispose(f);
    return mapa_error_set(MAPA_ENOMEM, "out of memory while writing the report");
}

void mapa__report_facts_dispose(mapa__report_facts *f)
{
    free(f->first_choice);
    free(f->rank_count);
    free(f->cf_first);
    free(f->cf_order);
    free(f->cf_in_first);
    free(f->cf_in);
    free(f->team_first);
    free(f->team_members);
    *f = (mapa__report_facts){0};
}

char *mapa__utf8_cut(char *buf)
{
    size_t n = strlen(buf), k = n;
    while (k > 0 && ((unsigned char)buf[k - 1] & 0xC0) == 0x80)
        k--; /* back to the lead byte of the last character */
    if (k > 0 && ((unsigned char)buf[k - 1] & 0x80)) {
        unsigned char lead = (unsigned char)buf[k - 1];
        size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
        if (n - (k - 1) < need)
            buf[k - 1] = '\0';
    }
    return buf;
}

const char *mapa__ordinal(char *buf, size_t cap, size_t n)
{
    const char *suffix = "th";
    if (n % 100 < 11 || n % 100 > 13)
        suffix = n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
    snprintf(buf, cap, "%zu%s", n, suffix);
    return buf;
}

static size_t team_size(const mapa__report_facts *f, size_t t)
{
    return f->team_first[t + 1] - f->team_first[t];
}

static size_t agency_in_team(const mapa__report_facts *f, size_t t, size_t agency)
{
    size_t n = 0;
    for (size_t k = f->team_first[t]; k < f->team_first[t + 1]; k++)
        n += f->in->p->members[f->team_members[k]].agency == agency;
    return n;
}

/* Why the member's first choice could not take them, from the data. */
static void first_choice_reason(char *buf, size_t cap, const mapa__report_facts *f, size_t m)
{
    const mapa_partnership *p = f->in->p;
    const mapa_member *mm = &p->members[m];
    size_t c = mm->prefs[0], t = f->in->team[m];
    const mapa_topic *tc = &p->topics[c];
    size_t wanted = f->first_choice[c];
    if (tc->max_size != MAPA_UNLIMITED && wanted > tc->max_size) {
        snprintf(buf, cap, "%s had %zu first choices for %zu places", tc->name, wanted,
                 tc->max_size);
    } else if (tc->max_per_agency != MAPA_UNLIMITED &&
               agency_in_team(f, c, mm->agency) >= tc->max_per_agency) {
        snprintf(buf, cap, "%s already has %zu members from %s, the most one team may have",
                 tc->name, agency_in_team(f, c, mm->agency), p->agencies[mm->agency].name);
    } else if (mm->previous_team == t) {
        snprintf(buf, cap, "you stay in your previous team, %s", p->topics[t].name);
    } else if (team_size(f, t) <= p->topics[t].min_size) {
        snprintf(buf, cap, "%s needed %zu members to run", p->topics[t].name,
                 p->topics[t].min_size);
    } else {
        snprintf(buf, cap, "%s needed members from more agencies", p->topics[t].name);
    }
}

const char *mapa__report_reason(char *buf, size_t cap, const mapa__report_facts *f, size_t m)
{
    const mapa_partnership *p = f->in->p;
    const mapa_member *mm = &p->members[m];
    size_t t = f->in->team[m];
    char ord[16];
    if (mm->coordinator) {
        snprintf(buf, cap, "you sit on the co-ordination team, which is not a sub-team");
        return buf;
    }
    if (t == MAPA_NONE) {
        snprintf(buf, cap, "no team in this plan");
        return buf;
    }
    size_t r = mapa_member_rank(mm, t);
    if (mm->fixed_team == t) {
        snprintf(buf, cap, "the co-ordinators fixed you to this team");
        return buf;
    }
    if (r == 1) {
        snprintf(buf, cap, "your 1st choice");
        return buf;
    }
    if (mm->n_prefs == 0) {
        snprintf(buf, cap, "you gave no preferences; %s had room", p->topics[t].name);
        return mapa__utf8_cut(buf);
    }
    char why[512];
    first_choice_reason(why, sizeof why, f, m);
    mapa__utf8_cut(why);
    if (r)
        snprintf(buf, cap, "%s; you are in your %s choice", why, mapa__ordinal(ord, sizeof ord, r));
    else
        snprintf(buf, cap, "%s; your choices were full, so you are in a team you did not rank",
                 why);
    return mapa__utf8_cut(buf);
}

static const char *proof(const mapa_alloc *a)
{
    if (!a)
        return "This plan was read from a saved teams.csv; how it was found is not known here.";
    switch (a->status) {
    case MAPA_STATUS_OPTIMAL:
        return "This is the best possible under the rules: no other plan meets the rules and "
               "gives members better choices overall.";
    case MAPA_STATUS_TIME_LIMIT:
        return "The search stopped at its time limit: the plan meets the rules, but a better one "
               "may exist.";
    default: return "The plan meets the rules, but it was not proven the best possible.";
    }
}

const char *mapa__report_quality(char *buf, size_t cap, const mapa__report_facts *f)
{
    size_t len = 0;
    char ord[16];
    len += (size_t)snprintf(buf, cap, "%zu of %zu members got their first choice", f->rank_count[1],
                            f->allocated);
    for (size_t r = 2; r <= f->max_rank && len < cap; r++)
        if (f->rank_count[r])
            len += (size_t)snprintf(buf + len, cap - len, ", %zu their %s", f->rank_count[r],
                                    mapa__ordinal(ord, sizeof ord, r));
    if (f->rank_count[0] && len < cap)
        len += (size_t)snprintf(buf + len, cap - len, ", %zu a team they did not rank",
                                f->rank_count[0]);
    if (len < cap)
        snprintf(buf + len, cap - len, ". %s", proof(f->in->alloc));
    return mapa__utf8_cut(buf);
}

const char *mapa__stages_words(unsigned stages)
{
    switch (stages & (MAPA_STAGE_DECISION | MAPA_STAGE_EVALUATION)) {
    case MAPA_STAGE_DECISION: return "Decision-making";
    case MAPA_STAGE_EVALUATION: return "Evaluation";
    case MAPA_STAGE_DECISION | MAPA_STAGE_EVALUATION: return "Decision-making and Evaluation";
    default: return "no stage";
    }
}

void mapa__html_put_len(FILE *fp, const char *s, size_t n)
{
    /* runs of plain bytes in one fwrite: a page of 100,000 members is tens of megabytes */
    const char *end = s + n;
    while (s < end) {
        size_t run = 0;
        while (s + run < end && s[run] != '&' && s[run] != '<' && s[run] != '>' && s[run] != '"' &&
               s[run] != '\'')
            run++;
        if (run)
            fwrite(s, 1, run, fp);
        s += run;
        if (s == end)
            break;
        switch (*s++) {
        case '&': fputs("&amp;", fp); break;
        case '<': fputs("&lt;", fp); break;
        case '>': fputs("&gt;", fp); break;
        case '"': fputs("&quot;", fp); break;
        default: fputs("&#39;", fp); break;
        }
    }
}

void mapa__html_put(FILE *fp, const char *s)
{
    if (s)
        mapa__html_put_len(fp, s, strlen(s));
}

const char *mapa__safe_file_name(char *buf, size_t cap, const char *id)
{
    size_t len = 0;
    for (const unsigned char *s = (const unsigned char *)id; *s && len + 4 < cap; s++) {
        if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
            *s == '-')
            buf[len++] = (char)*s;
        else
            len += (size_t)snprintf(buf + len, cap - len, "_%02X", *s);
    }
    buf[len] = '\0';
    if (len == 0)
        snprintf(buf, cap, "_");
    return buf;
}

mapa_err mapa_report_write_all(const char *dir, const mapa_report_input *in)
{
    char *path = mapa__path_join(dir, "report.html");
    if (!path)
        return mapa_error_set(MAPA_ENOMEM, "out of memory while writing the report");
    mapa_err err = mapa_report_write_html(path, in);
    free(path);
    if (err != MAPA_OK)
        return err;
    if (!(path = mapa__path_join(dir, "plan.xlsx")))
        return mapa_error_set(MAPA_ENOMEM, "out of memory while writing the report");
    err = mapa_report_write_xlsx(path, in);
    free(path);
    return err != MAPA_OK ? err : mapa_report_write_briefings(dir, in);
}

mapa_err mapa_report_plan_quality(char *buf, size_t cap, const mapa_report_input *in)
{
    mapa__report_facts f;
    mapa_err err = mapa__report_facts_init(&f, in);
    if (err != MAPA_OK)
        return err;
    mapa__report_quality(buf, cap, &f);
    mapa__report_facts_dispose(&f);
    return MAPA_OK;
}

const char *mapa__report_email(const mapa_report_input *in, size_t m)
{
    const char *id = in->p->members[m].id, *at = strchr(id, '@');
    return at && at != id && strchr(at + 1, '.') && !strpbrk(id, " \t,;<>") ? id : "";
}

const mapa_report_session *mapa__report_session(const mapa_report_input *in, size_t t,
                                                unsigned stage)
{
    for (size_t k = 0; in->schedule && k < in->schedule->n_sessions; k++)
        if (in->schedule->sessions[k].team == t && in->schedule->sessions[k].stage == stage)
            return &in->schedule->sessions[k];
    return NULL;
}
