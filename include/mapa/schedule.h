/*
 * Stage sessions: when each sub-team holds its Decision-making and Evaluation
 * sessions, so that its SPOC, members and Critical Friends can attend
 * (docs/schedule.md).
 */
#ifndef MAPA_SCHEDULE_H
#define MAPA_SCHEDULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mapa/alloc.h>
#include <mapa/cf.h>
#include <mapa/diag.h>
#include <mapa/error.h>
#include <mapa/partnership.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Sessions per team: 0 Decision-making, 1 Evaluation (bit 1 << g of mapa_cf_pair.stages). */
#define MAPA_SESSION_STAGES 2

/** One slot a session can take: a room (or "online") at a time. */
typedef struct mapa_slot {
    int32_t day;      /**< day number (mapa/date.h) */
    int start, end;   /**< minutes after local midnight (Europe/London), start < end */
    char *place;      /**< "online" or a place's name (owned) */
    size_t capacity;  /**< seats; MAPA_UNLIMITED when not given */
    size_t rooms;     /**< sessions the slot holds at once (identical rows are merged) */
    size_t line;      /**< first row in slots.csv, 0 when made by hand */
} mapa_slot;

/** A team's window for one stage; evaluation's `min_gap` counts days after decision. */
typedef struct mapa_stage_window {
    int32_t earliest, latest; /**< day numbers, inclusive */
    int32_t min_gap;          /**< evaluation: at least this many days after decision */
    size_t line;              /**< row in stages.csv, 0 for the default */
} mapa_stage_window;

/** A member who cannot attend: days `from`..`to`, minutes `start`..`end` of each. */
typedef struct mapa_unavailable {
    size_t member;
    int32_t from, to;
    int start, end; /**< 0..1440 for the whole day */
    size_t line;
} mapa_unavailable;

/** The calendar to schedule in: slots.csv, stages.csv and unavailable.csv. */
typedef struct mapa_calendar {
    mapa_slot *slots; /**< in time order after mapa_calendar_load */
    size_t n_slots;
    mapa_stage_window *windows; /**< per topic t and stage g: windows[t * 2 + g] */
    size_t n_topics;
    mapa_unavailable *unavailable;
    size_t n_unavailable;
    size_t merged; /**< slot rows merged into an identical one */
} mapa_calendar;

#define MAPA_CALENDAR_INIT {0}

/** Free a calendar; safe twice. */
void mapa_calendar_dispose(mapa_calendar *c);

/** Whether `day` is a bank holiday in England and Wales (2026-2028, gov.uk's list). */
bool mapa_bank_holiday(int32_t day);
/** The first and last years the bank-holiday list covers. */
void mapa_bank_holiday_years(int *first, int *last);

/**
 * Read DIR/slots.csv, DIR/stages.csv and DIR/unavailable.csv against `p`.
 * MAPA_ENOTFOUND when slots.csv is absent (there is nothing to schedule);
 * problems go to `diags` as file:line:column, and MAPA_EFORMAT when any is an
 * error. stages.csv and unavailable.csv are optional (defaults: every window
 * the whole calendar, a gap of 28 days). Dispose `out` whatever the result.
 */
mapa_err mapa_calendar_load(mapa_calendar *out, mapa_diags *diags, const char *dir,
                            const mapa_partnership *p);

/** How a person's presence counts in a session. */
typedef enum mapa_attend {
    MAPA_ATTEND_REQUIRED = 0, /**< the session only goes where they can come */
    MAPA_ATTEND_WANTED,       /**< counted in the objective */
    MAPA_ATTEND_OPTIONAL      /**< invited, not counted */
} mapa_attend;

/** A person's part in a session. */
typedef enum mapa_session_role {
    MAPA_ROLE_SPOC = 0,
    MAPA_ROLE_MEMBER,
    MAPA_ROLE_CF
} mapa_session_role;

typedef struct mapa_schedule_options {
    mapa_attend spoc, members, cfs; /**< defaults: required, wanted, wanted */
    double member_share;   /**< at least this share of members available (0..1) */
    bool weighted;         /**< one weighted objective (default); false: levels one after another */
    double w_cf, w_members, w_early, w_spread, w_move; /**< weights (weighted mode) */
    int travel_minutes;    /**< between sessions at different places (not online) */
    bool soft;             /**< relax what cannot hold, and report each relaxation */
    double time_limit;     /**< seconds, whole stage; 0 none */
    const size_t *previous; /**< per session: its slot in a previous schedule, or MAPA_NONE */
    size_t max_moves;       /**< with previous: at most this many moved (MAPA_UNLIMITED) */
    bool aggregate;         /**< merge interchangeable slots (default true) */
    const char *write_lp;   /**< write the first model here (CPLEX LP) */
    void (*log)(const char *line, void *payload);
    void *payload;
} mapa_schedule_options;

/** Defaults: SPOC required, members and Critical Friends wanted, the weighted objective. */
void mapa_schedule_options_init(mapa_schedule_options *o);

/**
 * Take settings.json's "schedule" (attendance, member share, travel time,
 * weights, levels) into `o` where given; flags are applied after it.
 */
void mapa_schedule_options_settings(mapa_schedule_options *o, const mapa_settings *s);

/** One person invited to a session. */
typedef struct mapa_invitee {
    size_t member;
    mapa_session_role role;
    mapa_attend attend;
    bool available; /**< not unavailable at the chosen slot */
} mapa_invitee;

/** A session: team `team`'s stage `stage` in `slot` (MAPA_NONE when --soft dropped it). */
typedef struct mapa_session {
    size_t team;
    int stage;
    size_t slot;
    bool moved; /**< with a previous schedule: not in its previous slot */
    mapa_invitee *invitees;
    size_t n_invitees;
} mapa_session;

typedef struct mapa_schedule {
    mapa_status status;
    bool planned;           /**< a slot for the sessions (optimal, or the best at the limit) */
    mapa_session *sessions; /**< per team t and stage g: sessions[t * 2 + g] */
    size_t n_sessions;
    double objective, bound, gap, seconds;
    size_t cf_wanted, cf_attending;           /**< Critical Friend places, and those attended */
    size_t members_wanted, members_attending; /**< the same for members */
    int64_t earliness;                        /**< days after the windows' starts, summed */
    size_t peak_day;                          /**< the most sessions held on one day */
    size_t moves;                             /**< with a previous schedule */
    size_t conflict_pairs; /**< session pairs sharing a person (the conflict graph's edges) */
    size_t slot_groups;    /**< distinct slots after aggregation */
    size_t columns, rows, nodes;
    size_t relaxations; /**< with soft: rules relaxed */
    bool by_days;       /**< proven by the relaxation by days, without the search by slots */
    char **notes;       /**< diagnosis or relaxations, in words */
    size_t n_notes;
} mapa_schedule;

#define MAPA_SCHEDULE_INIT {.status = MAPA_STATUS_INFEASIBLE}

/**
 * Choose a slot for each team's Decision-making and Evaluation session
 * (docs/schedule.md): windows, order and gap, nobody in two sessions at once
 * (with travel time), rooms and seats, required attendance; the objective by
 * levels: Critical Friends' attendance, members', earliness, spread of load.
 * `team` per member, `spoc` per topic, `cf` the Critical Friends (or NULL).
 * An infeasible calendar is a result (status, notes), not an error.
 */
mapa_err mapa_schedule_solve(mapa_schedule *out, const mapa_partnership *p, const size_t *team,
                             const size_t *spoc, const mapa_cf *cf, const mapa_calendar *cal,
                             const mapa_schedule_options *o);

/**
 * Check a schedule against every rule, independently of the solver: one line
 * per violation into `*lines` (malloc'd, caller frees each and the array).
 */
mapa_err mapa_schedule_check(char ***lines, size_t *n_lines, const mapa_partnership *p,
                             const size_t *team, const size_t *spoc, const mapa_cf *cf,
                             const mapa_calendar *cal, const mapa_schedule_options *o,
                             const mapa_schedule *s);

void mapa_schedule_dispose(mapa_schedule *s);

/** "Decision-making" or "Evaluation". */
const char *mapa_session_stage_name(int stage);

/**
 * Read a previous sessions.csv: per session the slot of `cal` it held
 * (`*previous`, malloc'd, MAPA_NONE when absent or its slot is gone).
 */
mapa_err mapa_read_sessions_csv(size_t **previous, const mapa_partnership *p,
                                const mapa_calendar *cal, const char *path, mapa_diags *diags);

/** A held session as a saved sessions.csv gives it. */
typedef struct mapa_saved_session {
    size_t team;
    int stage;
    int32_t day;
    int start, end; /**< minutes after midnight */
    char *place;    /**< owned */
} mapa_saved_session;

/**
 * Read a saved sessions.csv as it was written, without a calendar: each held
 * session once, in team and stage order (`*out` malloc'd; free each place and
 * the array). For the report and briefings of a saved plan.
 */
mapa_err mapa_read_saved_sessions(mapa_saved_session **out, size_t *n, const mapa_partnership *p,
                                  const char *path, mapa_diags *diags);

/** Write OUT/sessions.csv (docs/formats.md), whole or not at all. */
mapa_err mapa_write_sessions_csv(const char *path, const mapa_partnership *p,
                                 const mapa_calendar *cal, const mapa_schedule *s);

/**
 * Write the iCalendar files (RFC 5545, libical): `dir`/partnership.ics and
 * `dir`/MEMBER.ics per member invited anywhere. `name` is the partnership's.
 */
mapa_err mapa_write_ical(const char *dir, const char *name, const mapa_partnership *p,
                         const size_t *spoc, const mapa_calendar *cal, const mapa_schedule *s);

/** Write the timeline (SVG: teams as rows, sessions on a date axis, CF visits marked). */
mapa_err mapa_write_timeline_svg(const char *path, const mapa_partnership *p,
                                 const mapa_calendar *cal, const mapa_schedule *s);

/** Add the schedule section to summary.json at `path`, keeping the other sections. */
mapa_err mapa_write_schedule_summary(const char *path, const mapa_partnership *p,
                                     const mapa_calendar *cal, const mapa_schedule *s);

#ifdef __cplusplus
}
#endif

#endif
