/* date.h - civil dates as day numbers, and Indonesia's time zones.
 *
 * A day number counts days since 1970-01-01 (negative before). Dates in the
 * API and the database are "YYYY-MM-DD" text in the local time of the unit
 * they concern; arithmetic (weeks, ranges, weekdays) is done on day numbers.
 * Proleptic Gregorian calendar (Howard Hinnant's days_from_civil). */
#ifndef FLEKSI_CORE_DATE_H
#define FLEKSI_CORE_DATE_H

#include <stdbool.h>
#include <stdint.h>

#define DATE_TEXT 11   /* "YYYY-MM-DD" + NUL */

int32_t date_from_ymd(int y, int m, int d);
void date_to_ymd(int32_t day, int *y, int *m, int *d);
/* Strict "YYYY-MM-DD" of a real date, years 1900..9999. */
bool date_parse(const char *s, int32_t *day);
void date_format(int32_t day, char out[DATE_TEXT]);
bool date_is_leap(int y);
int date_days_in_month(int y, int m);
/* ISO weekday: 1 Monday .. 7 Sunday. */
int date_weekday(int32_t day);
/* The Monday of the ISO week holding day. */
int32_t date_week_monday(int32_t day);
/* ISO 8601 week number (1..53); *iso_year (may be NULL) gets its year. */
int date_iso_week(int32_t day, int *iso_year);

/* Indonesia's zones (no daylight saving): WIB UTC+7, WITA UTC+8, WIT UTC+9. */
enum tz_zone { TZ_WIB, TZ_WITA, TZ_WIT };
/* -1 when the name is not one of WIB, WITA, WIT. */
int tz_parse(const char *name);
const char *tz_name(enum tz_zone z);
int tz_offset_minutes(enum tz_zone z);
/* The local date and minute of the day (0..1439) of a Unix time in a zone. */
void tz_local(int64_t unix_seconds, enum tz_zone z, int32_t *day, int *minute);
/* The Unix time of local midnight starting day in a zone. */
int64_t tz_midnight_unix(int32_t day, enum tz_zone z);

/* "HH:MM" (00:00..23:59) <-> minute of the day. parse returns -1 when bad. */
int date_parse_hhmm(const char *s);
void date_format_hhmm(int minute, char out[6]);

#endif
