/* calendar.h - working calendars: days off (national holidays and joint
 * leave) of a range of years, as versioned data with their legal source.
 *
 * The lists of 2025 and 2026 (SKB of three ministers) are shipped with the
 * program (calendar_builtin); admin_bkd may amend a year, and the latest
 * amendment then wins (store/calendar.h). A year with neither is Monday to
 * Friday only. Working day = Monday..Friday and not a day off. Pure: no SQL,
 * JSON or HTTP. Day numbers are those of core/date.h. */
#ifndef FLEKSI_DOMAIN_CALENDAR_H
#define FLEKSI_DOMAIN_CALENDAR_H

#include "core/date.h"

#include <stdbool.h>
#include <stdint.h>

enum day_off_kind { DAY_OFF_LIBUR_NASIONAL, DAY_OFF_CUTI_BERSAMA };

/* Where a year's list comes from. */
enum calendar_source {
	CAL_SOURCE_WEEKDAYS_ONLY, /* no data: Monday..Friday only */
	CAL_SOURCE_BUILTIN,       /* the list shipped with the program */
	CAL_SOURCE_AMENDED,       /* an amendment stored by admin_bkd */
};

struct day_off {
	int32_t day;             /* day number */
	char date[11];           /* "YYYY-MM-DD" */
	char *name;              /* Indonesian, owned by the calendar */
	enum day_off_kind kind;
};

#define CALENDAR_REF_MAX 200
#define CALENDAR_NAME_MAX 120

/* What is known about one year of a calendar. */
struct calendar_year {
	int year;
	enum calendar_source source;
	int version;             /* 0 builtin / weekdays only, else the amendment's version */
	char legal_reference[CALENDAR_REF_MAX + 1];  /* "" when none */
};

/* The days off of years year_from..year_to, sorted by day, no duplicates.
 * Days outside those years are treated as "weekdays only". */
struct calendar {
	int year_from, year_to;
	struct day_off *days; int ndays;
	struct calendar_year *years;   /* year_to - year_from + 1 entries */
};

/* A shipped list entry. */
struct calendar_builtin_day {
	const char *date;
	const char *name;
	enum day_off_kind kind;
};
/* The shipped list of a year (NULL, 0 when none) and its legal reference. */
const struct calendar_builtin_day *calendar_builtin(int year, int *n, const char **legal_reference);

/* Start an empty calendar of years from..to (every year weekdays only). */
void calendar_init(struct calendar *cal, int year_from, int year_to);
/* Replace a year's days off with the shipped list when there is one
 * (source builtin); otherwise leave it weekdays only. */
void calendar_use_builtin(struct calendar *cal, int year);
/* Add one day off (name copied); keeps the list sorted; a second entry on
 * the same day replaces the first. Days outside the range are ignored. */
void calendar_add(struct calendar *cal, int32_t day, const char *name, enum day_off_kind kind);
/* Remove every day off of a year (before loading an amendment). */
void calendar_clear_year(struct calendar *cal, int year);
/* The year's record, NULL when outside the range. */
const struct calendar_year *calendar_year_info(const struct calendar *cal, int year);
struct calendar_year *calendar_year_info_mut(struct calendar *cal, int year);

/* Monday..Friday and not a day off. */
bool calendar_is_working_day(const struct calendar *cal, int32_t day);
/* The day off on day, NULL when none (weekends are not days off). */
const struct day_off *calendar_day_off(const struct calendar *cal, int32_t day);
/* Working days in from..to inclusive (0 when to < from). */
int calendar_working_days(const struct calendar *cal, int32_t from, int32_t to);
/* Working days of a month of a year (1..12). */
int calendar_working_days_month(const struct calendar *cal, int year, int month);
void calendar_free(struct calendar *cal);

const char *calendar_kind_name(enum day_off_kind k);   /* "libur_nasional" | "cuti_bersama" */
int calendar_kind_parse(const char *s);                 /* -1 when unknown */
const char *calendar_source_name(enum calendar_source s); /* "weekdays_only" | "builtin" | "amended" */

#endif
