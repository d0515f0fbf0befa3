/* `mapa schedule DIR --plan OUT -o OUT`: the stage sessions of a saved plan, and their calendars.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mapa/mapa.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "cli/report.h"
#include "cli/schedule_cmd.h"

enum {
    OPT_OUT,
    OPT_PLAN,
    OPT_SOFT,
    OPT_TIME,
    OPT_PREVIOUS,
    OPT_MAX_MOVES,
    OPT_WEIGHTED,
    OPT_CF,
    OPT_MEMBERS,
    OPT_SHARE,
    OPT_TRAVEL,
    OPT_WRITE_LP
};

static const mapa_cli_opt opts[] = {
    {OPT_OUT, 'o', "out", "OUT", "folder for sessions.csv, calendar/ and the timeline", 0},
    {OPT_PLAN, 0, "plan", "PLAN", "the saved plan (teams.csv, critical_friends.csv) [OUT]", 0},
    {OPT_SOFT, 0, "soft", NULL, "relax what cannot hold (fewest relaxations), reporting each", 0},
    {OPT_TIME, 0, "time-limit", "SECONDS", "for the whole stage [none]", 0},
    {OPT_PREVIOUS, 0, "previous", "SESSIONS.csv",
     "re-schedule: move as few sessions as possible from this schedule", 0},
    {OPT_MAX_MOVES, 0, "max-moves", "N", "with --previous: move at most N sessions", 0},
    {OPT_WEIGHTED, 0, "levels", NULL,
     "strict levels (CF, members, earliness, spread, each proven before the next) instead of "
     "the weighted objective (100 a CF, 10 a member, 1 a day early, 1 a session on the busiest "
     "day, 1000 a move); slower",
     0},
    {OPT_CF, 0, "cf", "required|wanted|optional", "Critical Friends' attendance [wanted]", 0},
    {OPT_MEMBERS, 0, "members", "required|wanted|optional", "members' attendance [wanted]", 0},
    {OPT_SHARE, 0, "member-share", "X", "at least this share (0-1) of members free [0]", 0},
    {OPT_TRAVEL, 0, "travel", "MINUTES", "between sessions at different places [0]", 0},
    {OPT_WRITE_LP, 0, "write-lp", "FILE", "write the model as CPLEX LP", 0},
    MAPA_CLI_OPT_END,
};

static const mapa_cli_spec spec = {
    "schedule",
    "Usage: mapa schedule [OPTIONS] DIR --plan PLAN -o OUT",
    "Choose a slot of DIR/slots.csv for each sub-team's Decision-making and\n"
    "Evaluation sessions (docs/schedule.md): inside the windows of stages.csv, in\n"
    "order with the gap between them, nobody in two sessions at once (members, SPOC,\n"
    "Critical Friends), rooms and seats, the SPOC always free (unavailable.csv).\n"
    "Objective: Critical Friends attending (weight 100 each), members attending (10),\n"
    "less a point per day after a window opens and per session on the busiest day;\n"
    "--levels takes them strictly one after another.\n"
    "Writes OUT/sessions.csv, OUT/calendar/ (partnership.ics and MEMBER.ics),\n"
    "OUT/diagrams/timeline.svg and the schedule section of OUT/summary.json.\n",
    opts,
    "folder",
    "Exit 65 when the rules cannot all hold: the reasons are printed (who cannot\n"
    "attend what, and why) and written to OUT/summary.json; --soft relaxes them.\n"};

static int attend_value(mapa_attend *out, const char *v, const char *opt)
{
    static const char *const names[] = {"required", "wanted", "optional"};
    for (int k = 0; k < 3; k++)
        if (strcmp(v, names[k]) == 0) {
            *out = (mapa_attend)k;
            return MAPA_EXIT_OK;
        }
    return mapa_cli_usage_error("schedule", "--%s is required, wanted or optional, not '%s'", opt,
                                v);
}

static int number(double *out, const char *v, const char *opt, double lo, double hi)
{
    char *end;
    errno = 0;
    double x = strtod(v, &end);
    if (errno || end == v || *end || !(x >= lo && x <= hi))
        return mapa_cli_usage_error("schedule", "--%s takes a number from %g to %g, not '%s'", opt,
                                    lo, hi, v);
    *out = x;
    return MAPA_EXIT_OK;
}

/* The parsed command line; the attendance flags are kept to apply after settings.json. */
typedef struct parsed {
    mapa_cli_schedule o;
    struct {
        int id;
        const char *v;
    } flags[64];
    size_t n_flags;
} parsed;

static int take_flag(mapa_cli_schedule *o, int id, const char *v)
{
    double x;
    int rc = MAPA_EXIT_OK;
    switch (id) {
    case OPT_OUT: o->out = v; break;
    case OPT_PLAN: o->plan = v; break;
    case OPT_SOFT: o->options.soft = true; break;
    case OPT_TIME: rc = number(&o->options.time_limit, v, "time-limit", 0.001, 1e7); break;
    case OPT_PREVIOUS: o->previous = v; break;
    case OPT_MAX_MOVES:
        rc = number(&x, v, "max-moves", 0, 1e9);
        o->options.max_moves = (size_t)x;
        break;
    case OPT_WEIGHTED: o->options.weighted = false; break;
    case OPT_CF: rc = attend_value(&o->options.cfs, v, "cf"); break;
    case OPT_MEMBERS: rc = attend_value(&o->options.members, v, "members"); break;
    case OPT_SHARE: rc = number(&o->options.member_share, v, "member-share", 0, 1); break;
    case OPT_TRAVEL:
        rc = number(&x, v, "travel", 0, 1440);
        o->options.travel_minutes = (int)x;
        break;
    case OPT_WRITE_LP: o->options.write_lp = v; break;
    default: break;
    }
    return rc;
}

static int take(int id, const char *v, void *payload)
{
    parsed *q = payload;
    bool setting = id == OPT_WEIGHTED || id == OPT_CF || id == OPT_MEMBERS || id == OPT_SHARE ||
                   id == OPT_TRAVEL;
    if (setting && q->n_flags < sizeof q->flags / sizeof *q->flags) {
        q->flags[q->n_flags].id = id;
        q->flags[q->n_flags++].v = v;
    }
    return take_flag(&q->o, id, v);
}

static int run(int argc, char **argv)
{
    parsed q = {0};
    mapa_cli_schedule o = {0};
    mapa_schedule_options_init(&q.o.options);
    int rc = mapa_cli_parse(&spec, 0, argc, argv, take, &q, &q.o.dir, &q.o.quiet);
    o = q.o;
    if (rc != MAPA_EXIT_OK)
        return rc < 0 ? MAPA_EXIT_OK : rc;
    if (!o.dir)
        return mapa_cli_usage_error("schedule", "missing DIR, the partnership's folder");
    if (!o.out)
        return mapa_cli_usage_error("schedule", "missing -o OUT, the output folder");
    if (o.options.max_moves != MAPA_UNLIMITED && !o.previous)
        return mapa_cli_usage_error("schedule", "--max-moves needs --previous SESSIONS.csv");
    if (!o.plan)
        o.plan = o.out;
    mapa_partnership *p = NULL;
    rc = mapa_cli_load(&p, "schedule", o.dir);
    if (rc != MAPA_EXIT_OK)
        return rc;
    /* settings.json's "schedule" first, then the flags given over it */
    mapa_schedule_options flagged = o.options;
    mapa_schedule_options_init(&o.options);
    mapa_schedule_options_settings(&o.options, &p->settings);
    o.options.soft = flagged.soft;
    o.options.time_limit = flagged.time_limit;
    o.options.max_moves = flagged.max_moves;
    o.options.write_lp = flagged.write_lp;
    for (size_t k = 0; k < q.n_flags; k++)
        take_flag(&o, q.flags[k].id, q.flags[k].v);
    mapa_saved_plan plan = MAPA_SAVED_PLAN_INIT;
    mapa_err err = mapa_cli_read_plan(&plan, o.plan, p, false);
    if (err != MAPA_OK) {
        if (err != MAPA_EFORMAT)
            fprintf(stderr, "mapa schedule: %s\n", mapa_error_last());
        rc = mapa_cli_exit_code(err);
    } else {
        /* written aside and swapped in: only the earlier schedule's files go */
        static const char *const drop[] = {"sessions.csv", "calendar", NULL};
        mapa_out_dir_options oo = {.drop = drop};
        mapa_out_dir *d = NULL;
        rc = mapa_cli_out_open(&d, "schedule", o.out, &oo);
        if (rc == MAPA_EXIT_OK) {
            o.shown = o.out;
            o.out = mapa_out_dir_path(d);
            rc = mapa_cli_out_close(
                d, "schedule",
                mapa_cli_schedule_run(&o, p, plan.team, plan.spoc, plan.have_cf ? &plan.cf : NULL));
        }
    }
    mapa_saved_plan_dispose(&plan);
    mapa_partnership_free(p);
    return rc;
}

const mapa_command mapa_cmd_schedule = {"schedule", "schedule the stage sessions of a saved plan",
                                        &spec, 0, run};

static void print_report(const mapa_partnership *p, const mapa_calendar *cal,
                         const mapa_schedule *s, const mapa_schedule_options *o)
{
    printf("\nSchedule: %zu sessions of %zu teams in %zu slots", s->n_sessions, s->n_sessions / 2,
           cal->n_slots);
    if (cal->merged)
        printf(" (%zu identical rows merged into rooms)", cal->merged);
    printf(": %s", mapa_status_name(s->status));
    if (s->status == MAPA_STATUS_TIME_LIMIT)
        printf(" (gap %.2f%%)", 100 * s->gap);
    if (mapa_cli_report_verbose())
        printf(", %.2f s", s->seconds);
    printf("\n");
    if (!s->planned) {
        for (size_t k = 0; k < s->n_notes; k++)
            printf("  %s\n", s->notes[k]);
        return;
    }
    printf(
        "  %s: Critical Friends attending %zu of %zu; members "
        "attending %zu of %zu; %lld days after the windows open; at most %zu sessions on a day\n",
        o->weighted ? "in all" : "in all, level by level", s->cf_attending, s->cf_wanted,
        s->members_attending, s->members_wanted, (long long)s->earliness, s->peak_day);
    if (mapa_cli_report_verbose())
        printf("  conflict graph: %zu session pairs share a person; model %zu columns, %zu rows\n",
               s->conflict_pairs, s->columns, s->rows);
    if (o->previous)
        printf("  re-scheduled: %zu session%s moved\n", s->moves, s->moves == 1 ? "" : "s");
    for (size_t k = 0; k < s->n_notes; k++)
        printf("  %s\n", s->notes[k]);
    for (size_t i = 0; i < s->n_sessions; i++) {
        const mapa_session *x = &s->sessions[i];
        size_t cf = 0, cf_in = 0, m = 0, m_in = 0;
        for (size_t j = 0; j < x->n_invitees; j++) {
            const mapa_invitee *v = &x->invitees[j];
            if (v->role == MAPA_ROLE_CF) {
                cf++;
                cf_in += v->available;
            } else {
                m++;
                m_in += v->available;
            }
        }
        printf("  %-44.44s %-15s ", p->topics[x->team].name, mapa_session_stage_name(x->stage));
        if (x->slot == MAPA_NONE) {
            printf("not held\n");
            continue;
        }
        const mapa_slot *k = &cal->slots[x->slot];
        char date[11];
        mapa_date_format(k->day, date);
        printf("%s %02d:%02d-%02d:%02d  %-24.24s CFs %zu/%zu, team %zu/%zu%s\n", date,
               k->start / 60, k->start % 60, k->end / 60, k->end % 60, k->place, cf_in, cf, m_in, m,
               x->moved ? ", moved" : "");
    }
}

static mapa_err write_outputs(const mapa_cli_schedule *o, const mapa_partnership *p,
                              const size_t *spoc, const mapa_calendar *cal, const mapa_schedule *s)
{
    char path[4096];
    mapa_err err = mapa_make_dir(o->out);
    snprintf(path, sizeof path, "%s/summary.json", o->out);
    if (err == MAPA_OK)
        err = mapa_write_schedule_summary(path, p, cal, s);
    snprintf(path, sizeof path, "%s/sessions.csv", o->out);
    if (!s->planned) {
        remove(path); /* never a stale schedule beside the reasons there is none */
        snprintf(path, sizeof path, "%s/diagrams/timeline.svg", o->out);
        remove(path);
        return err;
    }
    if (err == MAPA_OK)
        err = mapa_write_sessions_csv(path, p, cal, s);
    snprintf(path, sizeof path, "%s/calendar", o->out);
    if (err == MAPA_OK)
        err = mapa_write_ical(path, p->settings.name, p, spoc, cal, s);
    snprintf(path, sizeof path, "%s/diagrams", o->out);
    if (err == MAPA_OK)
        err = mapa_make_dir(path);
    snprintf(path, sizeof path, "%s/diagrams/timeline.svg", o->out);
    if (err == MAPA_OK)
        err = mapa_write_timeline_svg(path, p, cal, s);
    return err;
}

void mapa_cli_report_schedule_dispose(mapa_report_schedule *r)
{
    for (size_t k = 0; k < r->n_sessions; k++) {
        free((char *)r->sessions[k].when);
        free((char *)r->sessions[k].where);
    }
    free((mapa_report_session *)r->sessions);
    r->sessions = NULL;
    r->n_sessions = 0;
}

static char *copy_text(const char *t)
{
    size_t n = strlen(t) + 1;
    char *c = malloc(n);
    return c ? memcpy(c, t, n) : NULL;
}

/* The held sessions in words ("2027-01-11 13:30-15:30", the place) for the report. */
static mapa_err sessions_in_words(mapa_report_schedule *into, const mapa_calendar *cal,
                                  const mapa_schedule *s)
{
    mapa_report_session *v = calloc(s->n_sessions + 1, sizeof *v);
    if (!v)
        return mapa_error_set(MAPA_ENOMEM, "out of memory while scheduling the stage sessions");
    size_t n = 0;
    mapa_err err = MAPA_OK;
    for (size_t i = 0; i < s->n_sessions && err == MAPA_OK; i++) {
        const mapa_session *x = &s->sessions[i];
        if (x->slot == MAPA_NONE)
            continue;
        const mapa_slot *k = &cal->slots[x->slot];
        char date[11], when[40];
        mapa_date_format(k->day, date);
        snprintf(when, sizeof when, "%s %02d:%02d-%02d:%02d", date, k->start / 60, k->start % 60,
                 k->end / 60, k->end % 60);
        v[n] = (mapa_report_session){.team = x->team,
                                     .stage = x->stage == 0 ? MAPA_STAGE_DECISION
                                                            : MAPA_STAGE_EVALUATION,
                                     .when = copy_text(when),
                                     .where = copy_text(k->place ? k->place : "")};
        if (!v[n].when || !v[n].where)
            err = mapa_error_set(MAPA_ENOMEM, "out of memory while scheduling the stage sessions");
        n++;
    }
    into->sessions = v;
    into->n_sessions = n;
    if (err != MAPA_OK)
        mapa_cli_report_schedule_dispose(into);
    return err;
}

int mapa_cli_schedule_run(const mapa_cli_schedule *o, const mapa_partnership *p, const size_t *team,
                          const size_t *spoc, const mapa_cf *cf)
{
    mapa_calendar cal = MAPA_CALENDAR_INIT;
    mapa_diags diags = MAPA_DIAGS_INIT;
    mapa_schedule s = MAPA_SCHEDULE_INIT;
    size_t *previous = NULL;
    mapa_schedule_options so = o->options;
    mapa_err err = mapa_calendar_load(&cal, &diags, o->dir, p);
    if (err == MAPA_OK && o->previous)
        err = mapa_read_sessions_csv(&previous, p, &cal, o->previous, &diags);
    mapa_cli_print_problems(&diags, 50);
    mapa_diags_dispose(&diags);
    so.previous = previous;
    mapa_cli_interrupt_doing("scheduling the stage sessions");
    if (err == MAPA_OK)
        err = mapa_schedule_solve(&s, p, team, spoc, cf, &cal, &so);
    if (err == MAPA_OK && !o->quiet)
        print_report(p, &cal, &s, &so);
    if (err == MAPA_OK)
        err = write_outputs(o, p, spoc, &cal, &s);
    if (err == MAPA_OK && o->into && s.planned)
        err = sessions_in_words(o->into, &cal, &s);
    if (err == MAPA_OK && !o->quiet && s.planned) {
        const char *shown = o->shown ? o->shown : o->out;
        printf("Wrote %s/sessions.csv, %s/calendar/, %s/diagrams/timeline.svg\n", shown, shown,
               shown);
    }
    int rc = mapa_cli_exit_code(err);
    if (err != MAPA_OK && err != MAPA_EFORMAT)
        fprintf(stderr, "mapa schedule: %s\n", mapa_error_last());
    else if (err == MAPA_OK && !s.planned)
        rc = MAPA_EXIT_DATAERR;
    mapa_schedule_dispose(&s);
    mapa_calendar_dispose(&cal);
    free(previous);
    return rc;
}

int mapa_cli_schedule_after_plan(const char *dir, const char *out, const char *shown, bool quiet,
                                 const mapa_partnership *p, const size_t *team, const size_t *spoc,
                                 const mapa_cf *cf, mapa_report_schedule *into)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/slots.csv", dir);
    FILE *fp = out ? fopen(path, "rb") : NULL;
    if (!fp)
        return MAPA_EXIT_OK; /* no calendar: nothing to schedule */
    fclose(fp);
    mapa_cli_schedule o = {
        .dir = dir, .out = out, .plan = out, .shown = shown, .into = into, .quiet = quiet};
    mapa_schedule_options_init(&o.options);
    mapa_schedule_options_settings(&o.options, &p->settings);
    return mapa_cli_schedule_run(&o, p, team, spoc, cf);
}

int mapa_cli_schedule_saved(mapa_report_schedule *into, const char *plan,
                            const mapa_partnership *p)
{
    *into = (mapa_report_schedule){NULL, 0};
    char path[4096];
    snprintf(path, sizeof path, "%s/sessions.csv", plan);
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return MAPA_EXIT_OK; /* not scheduled */
    fclose(fp);
    mapa_saved_session *v = NULL;
    size_t n = 0;
    mapa_diags diags = MAPA_DIAGS_INIT;
    mapa_err err = mapa_read_saved_sessions(&v, &n, p, path, &diags);
    mapa_cli_print_problems(&diags, 50);
    mapa_diags_dispose(&diags);
    mapa_report_session *r = err == MAPA_OK ? calloc(n + 1, sizeof *r) : NULL;
    if (err == MAPA_OK && !r)
        err = mapa_error_set(MAPA_ENOMEM, "out of memory reading %s", path);
    for (size_t k = 0; err == MAPA_OK && k < n; k++) {
        char date[11], when[40];
        mapa_date_format(v[k].day, date);
        snprintf(when, sizeof when, "%s %02d:%02d-%02d:%02d", date, v[k].start / 60,
                 v[k].start % 60, v[k].end / 60, v[k].end % 60);
        r[k] = (mapa_report_session){
            .team = v[k].team,
            .stage = v[k].stage == 0 ? MAPA_STAGE_DECISION : MAPA_STAGE_EVALUATION,
            .when = copy_text(when),
            .where = copy_text(v[k].place)};
        into->sessions = r;
        into->n_sessions = k + 1;
        if (!r[k].when || !r[k].where)
            err = mapa_error_set(MAPA_ENOMEM, "out of memory reading %s", path);
    }
    for (size_t k = 0; k < n; k++)
        free(v[k].place);
    free(v);
    if (err != MAPA_OK) {
        if (into->sessions)
            mapa_cli_report_schedule_dispose(into);
        else
            free(r);
        if (err != MAPA_EFORMAT)
            fprintf(stderr, "mapa report: %s\n", mapa_error_last());
        return mapa_cli_exit_code(err);
    }
    if (!into->sessions)
        free(r);
    return MAPA_EXIT_OK;
}
