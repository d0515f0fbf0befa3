/* The schedule's integer program and its diagnosis share the sessions and their candidates. */
#ifndef MAPA_SOLVER_SCHEDULE_INTERNAL_H
#define MAPA_SOLVER_SCHEDULE_INTERNAL_H

#include <glpk.h>
#include <stdbool.h>
#include <stdint.h>

#include <mapa/schedule.h>

typedef struct cand {
    size_t slot;
    int col;
    int cf, mem; /* wanted Critical Friends and members available */
    int early;   /* days after the window's start */
} cand;

/** Whether slot e starts at least `gap` days after d, and after d ends. */
static inline bool mapa__sched_in_order(const mapa_slot *d, const mapa_slot *e, int32_t gap)
{
    bool before = d->day < e->day || (d->day == e->day && d->end <= e->start);
    return before && e->day - d->day >= gap;
}

/** Session i's weighted value in candidate c: attendance, earliness, and staying put. */
static inline double mapa__sched_value(const mapa_schedule_options *o, size_t i, const cand *c)
{
    double v = o->w_cf * c->cf + o->w_members * c->mem - o->w_early * c->early;
    if (o->previous && o->previous[i] == c->slot)
        v += o->w_move;
    return v;
}

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

/** Whether x (per column, from 1) keeps every row and bound of P: a start GLPK may trust. */
bool mapa__feasible_point(glp_prob *P, const double *x);

/**
 * A first schedule without GLPK (greedy, then local search under caps on the
 * busiest day): per session the index of its candidate in `pick` (S entries),
 * and the weighted objective in `*objective` (-INFINITY when none was found).
 * Proves nothing; it is GLPK's first incumbent. Stops after `seconds`.
 */
mapa_err mapa__schedule_heuristic(int *pick, double *objective, const sess *s, size_t S,
                                  const size_t (*pairs)[2], size_t n_pairs,
                                  const mapa_calendar *cal, const mapa_schedule_options *o,
                                  double seconds);

/**
 * The exact shortcut of solver/schedule_days.c: the relaxation by days solved
 * (from `start`, the heuristic's picks, or NULL), then each day packed into
 * slots. `*proven` when the relaxation's optimum is met: `pick` then holds
 * every session's candidate, and the schedule is optimal when it reaches
 * `*bound`, the last relaxation's optimum (by levels: the last level's). With
 * the weighted objective that bound holds even when not proven: no schedule
 * does better (INFINITY if none was solved). Otherwise the full program decides.
 */
mapa_err mapa__schedule_by_days(int *pick, bool *proven, double *bound, const sess *s, size_t S,
                                const size_t (*pairs)[2], size_t n_pairs,
                                const mapa_calendar *cal, const mapa_schedule_options *o,
                                const int *start, double deadline);

#endif
