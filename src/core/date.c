/* date.c - civil dates as day numbers; see date.h. */
#include "core/date.h"

#include <stdio.h>
#include <string.h>

/* days_from_civil / civil_from_days: H. Hinnant, "chrono-Compatible
 * Low-Level Date Algorithms" (public domain). */
int32_t date_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	const int era = (y >= 0 ? y : y - 399) / 400;
	const unsigned yoe = (unsigned)(y - era * 400);
	const unsigned doy = (153u * (unsigned)(m > 2 ? m - 3 : m + 9) + 2) / 5 + (unsigned)d - 1;
	const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int32_t)(era * 146097 + (int)doe - 719468);
}

void date_to_ymd(int32_t day, int *y, int *m, int *d)
{
	const int32_t z = day + 719468;
	const int32_t era = (z >= 0 ? z : z - 146096) / 146097;
	const unsigned doe = (unsigned)(z - era * 146097);
	const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	const unsigned mp = (5 * doy + 2) / 153;
	const unsigned dd = doy - (153 * mp + 2) / 5 + 1;
	const unsigned mm = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)yoe + era * 400 + (mm <= 2);
	*m = (int)mm;
	*d = (int)dd;
}

bool date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
	static const int n[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12)
		return 0;
	return m == 2 && date_is_leap(y) ? 29 : n[m - 1];
}

static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

bool date_parse(const char *s, int32_t *day)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > date_days_in_month(y, m))
		return false;
	*day = date_from_ymd(y, m, d);
	return true;
}

void date_format(int32_t day, char out[DATE_TEXT])
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	if (y < 0 || y > 9999)
		y = y < 0 ? 0 : 9999;
	snprintf(out, DATE_TEXT, "%04d-%02d-%02d", y, m, d);
}

int date_weekday(int32_t day)
{
	/* 1970-01-01 was a Thursday (ISO 4). */
	int w = (int)((day % 7 + 7) % 7); /* 0 = Thursday */
	return (w + 3) % 7 + 1;
}

int32_t date_week_monday(int32_t day)
{
	return day - (date_weekday(day) - 1);
}

int date_iso_week(int32_t day, int *iso_year)
{
	int32_t thursday = date_week_monday(day) + 3; /* the week belongs to its Thursday's year */
	int y, m, d;
	date_to_ymd(thursday, &y, &m, &d);
	if (iso_year)
		*iso_year = y;
	return (int)((thursday - date_from_ymd(y, 1, 1)) / 7) + 1;
}

int tz_parse(const char *name)
{
	if (!name)
		return -1;
	if (!strcmp(name, "WIB"))
		return TZ_WIB;
	if (!strcmp(name, "WITA"))
		return TZ_WITA;
	if (!strcmp(name, "WIT"))
		return TZ_WIT;
	return -1;
}

const char *tz_name(enum tz_zone z)
{
	return z == TZ_WITA ? "WITA" : z == TZ_WIT ? "WIT" : "WIB";
}

int tz_offset_minutes(enum tz_zone z)
{
	return z == TZ_WITA ? 480 : z == TZ_WIT ? 540 : 420;
}

void tz_local(int64_t unix_seconds, enum tz_zone z, int32_t *day, int *minute)
{
	int64_t local = unix_seconds + (int64_t)tz_offset_minutes(z) * 60;
	int64_t d = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
	if (day)
		*day = (int32_t)d;
	if (minute)
		*minute = (int)((local - d * 86400) / 60);
}

int64_t tz_midnight_unix(int32_t day, enum tz_zone z)
{
	return (int64_t)day * 86400 - (int64_t)tz_offset_minutes(z) * 60;
}

int date_parse_hhmm(const char *s)
{
	if (!s || strlen(s) != 5 || s[2] != ':')
		return -1;
	int h = digits(s, 2), m = digits(s + 3, 2);
	if (h < 0 || h > 23 || m < 0 || m > 59)
		return -1;
	return h * 60 + m;
}

void date_format_hhmm(int minute, char out[6])
{
	if (minute < 0)
		minute = 0;
	snprintf(out, 6, "%02d:%02d", (minute / 60) % 100, minute % 60);
}
