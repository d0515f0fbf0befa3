/* The readers of a calendar's files (slots.csv, stages.csv, unavailable.csv) share these. */
#ifndef MAPA_IO_READ_CALENDAR_H
#define MAPA_IO_READ_CALENDAR_H

#include <mapa/schedule.h>

#include "io/csv_table.h"

/** Parse "HH:MM" (00:00 to 24:00) into minutes; false when it is not one. */
bool mapa__parse_clock(const char *s, int *minutes);

/** Expand and add slots.csv's rows (dates and weekly patterns) to `cal`. */
mapa_err mapa__read_slots(mapa_calendar *cal, const mapa__csv_table *t, mapa_diags *d);

/** Fill cal->windows (already sized) from stages.csv; `t` NULL for the defaults. */
mapa_err mapa__read_stages(mapa_calendar *cal, const mapa__csv_table *t,
                           const mapa_partnership *p, mapa_diags *d);

/** Add unavailable.csv's rows to `cal`. */
mapa_err mapa__read_unavailable(mapa_calendar *cal, const mapa__csv_table *t,
                                const mapa_partnership *p, mapa_diags *d);

#endif
