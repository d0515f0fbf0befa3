/* The schedule's integer program and its diagnosis share the sessions and their candidates. */
#ifndef MAPA_SOLVER_SCHEDULE_INTERNAL_H
#define MAPA_SOLVER_SCHEDULE_INTERNAL_H

#include <mapa/schedule.h>

typedef struct cand {
    size_t slot;
    int col;
    int cf, mem; /* wanted Critical Friends and members available */
    int early;   /* days after the window's start */
} cand;

typedef struct sess {
    size_t team;
    int g;
    mapa_invitee *inv;
    size_t n_inv;
    cand *c;
    size_t n_c;
    int unheld; /* soft: the column that drops the session */
} sess;

/**
 * Before the program: sessions with no slot, teams whose windows cannot keep
 * the gap, and people whose sessions cannot all be at different times, in
 * words (notes of `out`, status infeasible when any).
 */
mapa_err mapa__schedule_diagnose(mapa_schedule *out, const mapa_partnership *p,
                                 const mapa_calendar *cal, const mapa_schedule_options *o,
                                 const sess *s, size_t S);

/** After an infeasible program: the fewest relaxations (the soft program), as the reasons. */
mapa_err mapa__schedule_explain(mapa_schedule *out, const mapa_partnership *p, const size_t *team,
                                const size_t *spoc, const mapa_cf *cf, const mapa_calendar *cal,
                                const mapa_schedule_options *o);

#endif
