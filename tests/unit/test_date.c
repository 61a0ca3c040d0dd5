/* test_date.c - day numbers, ISO weeks and Indonesian time zones against
 * known dates. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "core/date.h"

static void test_epoch_and_round_trip(void **state)
{
	(void)state;
	assert_int_equal(date_from_ymd(1970, 1, 1), 0);
	assert_int_equal(date_from_ymd(2000, 3, 1), 11017);
	assert_int_equal(date_from_ymd(1969, 12, 31), -1);
	for (int32_t day = date_from_ymd(1900, 1, 1); day <= date_from_ymd(2100, 12, 31); day++) {
		char text[DATE_TEXT];
		int32_t back;
		date_format(day, text);
		assert_true(date_parse(text, &back));
		assert_int_equal(back, day);
	}
}

static void test_parse_rejects(void **state)
{
	(void)state;
	int32_t d;
	const char *bad[] = {"2025-02-29", "2026-13-01", "2026-00-10", "2026-1-01", "2026-01-32",
			     "26-01-01", "2026/01/01", "2026-01-01 ", "", "1899-12-31", "2026-04-31"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_false(date_parse(bad[i], &d));
	assert_false(date_parse(NULL, &d));
	assert_true(date_parse("2024-02-29", &d));
	assert_true(date_parse("2000-02-29", &d));
	assert_false(date_parse("1900-02-29", &d));
}

static void test_weekdays(void **state)
{
	(void)state;
	assert_int_equal(date_weekday(date_from_ymd(1970, 1, 1)), 4);  /* Thursday */
	assert_int_equal(date_weekday(date_from_ymd(2026, 11, 28)), 6); /* Saturday */
	assert_int_equal(date_weekday(date_from_ymd(2025, 8, 17)), 7);  /* Sunday */
	assert_int_equal(date_weekday(date_from_ymd(1960, 1, 4)), 1);   /* Monday, before the epoch */
	assert_int_equal(date_week_monday(date_from_ymd(2026, 11, 28)), date_from_ymd(2026, 11, 23));
	assert_int_equal(date_week_monday(date_from_ymd(2026, 11, 23)), date_from_ymd(2026, 11, 23));
}

static void test_iso_weeks(void **state)
{
	(void)state;
	int y;
	/* 2026-01-01 is a Thursday: week 1 of 2026. */
	assert_int_equal(date_iso_week(date_from_ymd(2026, 1, 1), &y), 1);
	assert_int_equal(y, 2026);
	/* 2025-12-29 (Monday) already belongs to 2026-W01. */
	assert_int_equal(date_iso_week(date_from_ymd(2025, 12, 29), &y), 1);
	assert_int_equal(y, 2026);
	/* 2021-01-03 (Sunday) is 2020-W53. */
	assert_int_equal(date_iso_week(date_from_ymd(2021, 1, 3), &y), 53);
	assert_int_equal(y, 2020);
	assert_int_equal(date_iso_week(date_from_ymd(2026, 12, 31), &y), 53);
	assert_int_equal(y, 2026);
}

static void test_time_zones(void **state)
{
	(void)state;
	assert_int_equal(tz_parse("WIB"), TZ_WIB);
	assert_int_equal(tz_parse("WITA"), TZ_WITA);
	assert_int_equal(tz_parse("WIT"), TZ_WIT);
	assert_int_equal(tz_parse("wib"), -1);
	assert_int_equal(tz_parse(NULL), -1);
	/* 2026-11-27T17:30:00Z is 00:30 on the 28th in WIB, 01:30 in WITA. */
	int64_t t = (int64_t)date_from_ymd(2026, 11, 27) * 86400 + 17 * 3600 + 30 * 60;
	int32_t day;
	int minute;
	tz_local(t, TZ_WIB, &day, &minute);
	assert_int_equal(day, date_from_ymd(2026, 11, 28));
	assert_int_equal(minute, 30);
	tz_local(t, TZ_WIT, &day, &minute);
	assert_int_equal(minute, 150);
	assert_int_equal(tz_midnight_unix(date_from_ymd(2026, 11, 28), TZ_WIB), t - 30 * 60);
}

static void test_hhmm(void **state)
{
	(void)state;
	assert_int_equal(date_parse_hhmm("07:30"), 450);
	assert_int_equal(date_parse_hhmm("00:00"), 0);
	assert_int_equal(date_parse_hhmm("23:59"), 1439);
	assert_int_equal(date_parse_hhmm("24:00"), -1);
	assert_int_equal(date_parse_hhmm("7:30"), -1);
	assert_int_equal(date_parse_hhmm("07:60"), -1);
	char out[6];
	date_format_hhmm(990, out);
	assert_string_equal(out, "16:30");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_epoch_and_round_trip), cmocka_unit_test(test_parse_rejects),
		cmocka_unit_test(test_weekdays), cmocka_unit_test(test_iso_weeks),
		cmocka_unit_test(test_time_zones), cmocka_unit_test(test_hhmm),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
