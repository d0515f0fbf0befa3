/* What the schedule's solver, checker and writers share inside the library. */
#ifndef MAPA_MODELS_SCHEDULE_INTERNAL_H
#define MAPA_MODELS_SCHEDULE_INTERNAL_H

#include <mapa/schedule.h>

/** The invitees of team t's stage g (malloc'd): SPOC, members, then Critical Friends. */
mapa_err mapa__session_invitees(mapa_invitee **out, size_t *n_out, const mapa_partnership *p,
                                const size_t *team, const size_t *spoc, const mapa_cf *cf,
                                size_t t, int g, const mapa_schedule_options *o);

/** Whether `member` can attend `slot` (no line of unavailable.csv covers it). */
bool mapa__member_available(const mapa_calendar *cal, size_t member, const mapa_slot *slot);

/** Whether one person could not be in both slots (same day, overlapping with travel). */
bool mapa__slots_clash(const mapa_slot *a, const mapa_slot *b, int travel_minutes);

#endif
