/* Calendar dates as day numbers (days since 1970-01-01, proleptic Gregorian). */
#ifndef MAPA_DATE_H
#define MAPA_DATE_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Parse an ISO 8601 date "YYYY-MM-DD" (years 1900-2999); false when it is not one. */
bool mapa_date_parse(const char *text, int32_t *day);

/** Day number from year, month (1-12), day of month (1-31); no range checks. */
int32_t mapa_date_from_ymd(int year, int month, int dom);

/** Year, month and day of month of a day number. */
void mapa_date_to_ymd(int32_t day, int *year, int *month, int *dom);

/** Write "YYYY-MM-DD" into buf (at least 11 bytes). */
void mapa_date_format(int32_t day, char *buf);

#ifdef __cplusplus
}
#endif

#endif
