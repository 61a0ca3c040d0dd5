/* calendar.c - working days, and the shipped lists of days off.
 *
 * The lists below are RULES.md §10 (SKB of the Minister of Religious Affairs,
 * the Minister of Manpower and the Minister of State Apparatus). They are
 * data with their legal reference, not code: a change by decree is stored
 * as an amendment (store/calendar.c), never by editing these tables for a
 * year that has passed. */
#include "domain/calendar.h"

#include "core/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LN DAY_OFF_LIBUR_NASIONAL
#define CB DAY_OFF_CUTI_BERSAMA

static const struct calendar_builtin_day cal_2025[] = {
	{"2025-01-01", "Tahun Baru 2025 Masehi", LN},
	{"2025-01-27", "Isra Mikraj Nabi Muhammad SAW", LN},
	{"2025-01-28", "Cuti Bersama Tahun Baru Imlek 2576 Kongzili", CB},
	{"2025-01-29", "Tahun Baru Imlek 2576 Kongzili", LN},
	{"2025-03-28", "Cuti Bersama Hari Suci Nyepi Tahun Baru Saka 1947", CB},
	{"2025-03-29", "Hari Suci Nyepi Tahun Baru Saka 1947", LN},
	{"2025-03-31", "Hari Raya Idul Fitri 1446 H", LN},
	{"2025-04-01", "Hari Raya Idul Fitri 1446 H", LN},
	{"2025-04-02", "Cuti Bersama Hari Raya Idul Fitri 1446 H", CB},
	{"2025-04-03", "Cuti Bersama Hari Raya Idul Fitri 1446 H", CB},
	{"2025-04-04", "Cuti Bersama Hari Raya Idul Fitri 1446 H", CB},
	{"2025-04-07", "Cuti Bersama Hari Raya Idul Fitri 1446 H", CB},
	{"2025-04-18", "Wafat Yesus Kristus", LN},
	{"2025-04-20", "Kebangkitan Yesus Kristus (Paskah)", LN},
	{"2025-05-01", "Hari Buruh Internasional", LN},
	{"2025-05-12", "Hari Raya Waisak 2569 BE", LN},
	{"2025-05-13", "Cuti Bersama Hari Raya Waisak 2569 BE", CB},
	{"2025-05-29", "Kenaikan Yesus Kristus", LN},
	{"2025-05-30", "Cuti Bersama Kenaikan Yesus Kristus", CB},
	{"2025-06-01", "Hari Lahir Pancasila", LN},
	{"2025-06-06", "Hari Raya Idul Adha 1446 H", LN},
	{"2025-06-09", "Cuti Bersama Hari Raya Idul Adha 1446 H", CB},
	{"2025-06-27", "Tahun Baru Islam 1447 H", LN},
	{"2025-08-17", "Hari Kemerdekaan Republik Indonesia", LN},
	{"2025-08-18", "Cuti Bersama Hari Kemerdekaan Republik Indonesia", CB},
	{"2025-09-05", "Maulid Nabi Muhammad SAW", LN},
	{"2025-12-25", "Hari Raya Natal", LN},
	{"2025-12-26", "Cuti Bersama Hari Raya Natal", CB},
};

static const struct calendar_builtin_day cal_2026[] = {
	{"2026-01-01", "Tahun Baru 2026 Masehi", LN},
	{"2026-01-16", "Isra Mikraj Nabi Muhammad SAW", LN},
	{"2026-02-16", "Cuti Bersama Tahun Baru Imlek 2577 Kongzili", CB},
	{"2026-02-17", "Tahun Baru Imlek 2577 Kongzili", LN},
	{"2026-03-18", "Cuti Bersama Hari Suci Nyepi Tahun Baru Saka 1948", CB},
	{"2026-03-19", "Hari Suci Nyepi Tahun Baru Saka 1948", LN},
	{"2026-03-20", "Cuti Bersama Hari Raya Idul Fitri 1447 H", CB},
	{"2026-03-21", "Hari Raya Idul Fitri 1447 H", LN},
	{"2026-03-22", "Hari Raya Idul Fitri 1447 H", LN},
	{"2026-03-23", "Cuti Bersama Hari Raya Idul Fitri 1447 H", CB},
	{"2026-03-24", "Cuti Bersama Hari Raya Idul Fitri 1447 H", CB},
	{"2026-04-03", "Wafat Yesus Kristus", LN},
	{"2026-04-05", "Kebangkitan Yesus Kristus (Paskah)", LN},
	{"2026-05-01", "Hari Buruh Internasional", LN},
	{"2026-05-14", "Kenaikan Yesus Kristus", LN},
	{"2026-05-15", "Cuti Bersama Kenaikan Yesus Kristus", CB},
	{"2026-05-27", "Hari Raya Idul Adha 1447 H", LN},
	{"2026-05-28", "Cuti Bersama Hari Raya Idul Adha 1447 H", CB},
	{"2026-05-31", "Hari Raya Waisak 2570 BE", LN},
	{"2026-06-01", "Hari Lahir Pancasila", LN},
	{"2026-06-16", "Tahun Baru Islam 1448 H", LN},
	{"2026-08-17", "Hari Kemerdekaan Republik Indonesia", LN},
	{"2026-08-25", "Maulid Nabi Muhammad SAW", LN},
	{"2026-12-24", "Cuti Bersama Hari Raya Natal", CB},
	{"2026-12-25", "Hari Raya Natal", LN},
};

#undef LN
#undef CB

static const struct {
	int year;
	const struct calendar_builtin_day *days;
	int n;
	const char *legal_reference;
} cal_builtin[] = {
	{2025, cal_2025, (int)(sizeof cal_2025 / sizeof cal_2025[0]),
	 "SKB Menteri Agama, Menteri Ketenagakerjaan dan Menteri PANRB 1017/2024, 2/2024, 2/2024 "
	 "(diubah 7 Agustus 2025: cuti bersama 18 Agustus)"},
	{2026, cal_2026, (int)(sizeof cal_2026 / sizeof cal_2026[0]), "SKB 1497/2025, 2/2025, 5/2025"},
};

const struct calendar_builtin_day *calendar_builtin(int year, int *n, const char **legal_reference)
{
	for (size_t i = 0; i < sizeof cal_builtin / sizeof cal_builtin[0]; i++) {
		if (cal_builtin[i].year != year)
			continue;
		*n = cal_builtin[i].n;
		if (legal_reference)
			*legal_reference = cal_builtin[i].legal_reference;
		return cal_builtin[i].days;
	}
	*n = 0;
	if (legal_reference)
		*legal_reference = "";
	return NULL;
}

void calendar_init(struct calendar *cal, int year_from, int year_to)
{
	memset(cal, 0, sizeof *cal);
	if (year_to < year_from)
		year_to = year_from;
	cal->year_from = year_from;
	cal->year_to = year_to;
	cal->years = xcalloc((size_t)(year_to - year_from + 1), sizeof *cal->years);
	for (int y = year_from; y <= year_to; y++)
		cal->years[y - year_from].year = y;
}

struct calendar_year *calendar_year_info_mut(struct calendar *cal, int year)
{
	if (!cal->years || year < cal->year_from || year > cal->year_to)
		return NULL;
	return &cal->years[year - cal->year_from];
}

const struct calendar_year *calendar_year_info(const struct calendar *cal, int year)
{
	return calendar_year_info_mut((struct calendar *)cal, year);
}

/* Index of the first entry whose day is >= day. */
static int lower_bound(const struct calendar *cal, int32_t day)
{
	int lo = 0, hi = cal->ndays;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (cal->days[mid].day < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void calendar_add(struct calendar *cal, int32_t day, const char *name, enum day_off_kind kind)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	if (!calendar_year_info(cal, y))
		return;
	int i = lower_bound(cal, day);
	if (i < cal->ndays && cal->days[i].day == day) {
		free(cal->days[i].name);
	} else {
		cal->days = xrealloc(cal->days, (size_t)(cal->ndays + 1) * sizeof *cal->days);
		memmove(&cal->days[i + 1], &cal->days[i], (size_t)(cal->ndays - i) * sizeof *cal->days);
		cal->ndays++;
	}
	cal->days[i].day = day;
	date_format(day, cal->days[i].date);
	cal->days[i].name = xstrdup(name ? name : "");
	cal->days[i].kind = kind;
}

void calendar_clear_year(struct calendar *cal, int year)
{
	int a = lower_bound(cal, date_from_ymd(year, 1, 1));
	int b = lower_bound(cal, date_from_ymd(year + 1, 1, 1));
	if (a == b)
		return; /* also keeps memmove away from a NULL list */
	for (int i = a; i < b; i++)
		free(cal->days[i].name);
	memmove(&cal->days[a], &cal->days[b], (size_t)(cal->ndays - b) * sizeof *cal->days);
	cal->ndays -= b - a;
}

void calendar_use_builtin(struct calendar *cal, int year)
{
	struct calendar_year *info = calendar_year_info_mut(cal, year);
	int n;
	const char *ref;
	const struct calendar_builtin_day *list = calendar_builtin(year, &n, &ref);
	if (!info)
		return;
	calendar_clear_year(cal, year);
	info->source = list ? CAL_SOURCE_BUILTIN : CAL_SOURCE_WEEKDAYS_ONLY;
	info->version = 0;
	snprintf(info->legal_reference, sizeof info->legal_reference, "%s", ref);
	for (int i = 0; i < n; i++) {
		int32_t day;
		if (date_parse(list[i].date, &day))
			calendar_add(cal, day, list[i].name, list[i].kind);
	}
}

const struct day_off *calendar_day_off(const struct calendar *cal, int32_t day)
{
	int i = lower_bound(cal, day);
	return i < cal->ndays && cal->days[i].day == day ? &cal->days[i] : NULL;
}

bool calendar_is_working_day(const struct calendar *cal, int32_t day)
{
	return date_weekday(day) <= 5 && !calendar_day_off(cal, day);
}

/* Counts weekdays arithmetically, then subtracts the days off that fall on
 * weekdays, so a holiday on a Sunday is never subtracted twice. */
int calendar_working_days(const struct calendar *cal, int32_t from, int32_t to)
{
	if (to < from)
		return 0;
	int32_t monday = date_week_monday(from);
	int64_t span_days = (int64_t)to - monday + 1;
	int64_t weeks = span_days / 7, rest = span_days % 7;
	int64_t n = weeks * 5 + (rest > 5 ? 5 : rest);
	int before = date_weekday(from) - 1; /* weekdays of its week before from */
	n -= before > 5 ? 5 : before;
	for (int i = lower_bound(cal, from); i < cal->ndays && cal->days[i].day <= to; i++)
		if (date_weekday(cal->days[i].day) <= 5)
			n--;
	return (int)n;
}

int calendar_working_days_month(const struct calendar *cal, int year, int month)
{
	return calendar_working_days(cal, date_from_ymd(year, month, 1),
				     date_from_ymd(year, month, date_days_in_month(year, month)));
}

void calendar_free(struct calendar *cal)
{
	for (int i = 0; i < cal->ndays; i++)
		free(cal->days[i].name);
	free(cal->days);
	free(cal->years);
	memset(cal, 0, sizeof *cal);
}

const char *calendar_kind_name(enum day_off_kind k)
{
	return k == DAY_OFF_CUTI_BERSAMA ? "cuti_bersama" : "libur_nasional";
}

int calendar_kind_parse(const char *s)
{
	if (!s)
		return -1;
	if (!strcmp(s, "libur_nasional"))
		return DAY_OFF_LIBUR_NASIONAL;
	if (!strcmp(s, "cuti_bersama"))
		return DAY_OFF_CUTI_BERSAMA;
	return -1;
}

const char *calendar_source_name(enum calendar_source s)
{
	switch (s) {
	case CAL_SOURCE_BUILTIN: return "builtin";
	case CAL_SOURCE_AMENDED: return "amended";
	default: return "weekdays_only";
	}
}
