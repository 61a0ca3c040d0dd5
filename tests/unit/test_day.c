/* test_day.c - the day's account: statuses, minutes late and left early
 * against the DKI schedule (Monday-Thursday, Friday), a flexible start, the
 * Ramadan earliest end, an overnight shift, missing records, excuses beating
 * records, and each violation. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/date.h"
#include "domain/day.h"

static struct schedule dki(void)
{
	struct schedule s;
	memset(&s, 0, sizeof s);
	s.kind = SCHEDULE_REGULAR;
	s.ndays = 7;
	s.early_arrival_before = -1;
	s.valid_from = INT32_MIN, s.valid_until = INT32_MAX;
	s.flex_early_min = 30, s.flex_late_min = 60;
	for (int i = 0; i < 7; i++) {
		s.days[i].earliest_end_min = -1;
		s.days[i].start_min = i < 5 ? 450 : -1;                 /* 07:30 */
		s.days[i].end_min = i < 4 ? 960 : i == 4 ? 990 : -1;    /* 16:00, Friday 16:30 */
		s.days[i].break_min = i < 4 ? 60 : 90;
	}
	return s;
}

static struct day_input at(const struct schedule *s, int32_t day, int flex, int in, int out)
{
	struct day_input d;
	memset(&d, 0, sizeof d);
	schedule_workday_of(s, day, 0, flex, &d.work);
	schedule_apply_calendar(&d.work, true);
	d.has_in = in >= 0, d.in_min = in;
	d.has_out = out >= 0, d.out_min = out;
	d.eligible_remote = true;
	return d;
}


static int32_t day_of(int y, int m, int d) { return date_from_ymd(y, m, d); }

static void test_on_time_monday_and_friday(void **state)
{
	(void)state;
	struct schedule s = dki();
	struct day_account a;
	struct day_input d = at(&s, day_of(2026, 12, 7), -1, 7 * 60 + 20, 16 * 60 + 5);
	day_account_of(&d, &a);
	assert_string_equal(day_status_name(a.status), "hadir");
	assert_int_equal(a.late_min, 0);
	assert_int_equal(a.early_min, 0);
	assert_int_equal(a.net_min, 450);  /* 8.5 h less a 60-minute break */
	assert_int_equal(a.violations, 0);
	/* Friday ends at 16:30: leaving at 16:00 is 30 minutes early. */
	d = at(&s, day_of(2026, 12, 11), -1, 7 * 60 + 30, 16 * 60);
	day_account_of(&d, &a);
	assert_int_equal(a.early_min, 30);
	assert_int_equal(a.violations, 1u << DAY_V_EARLY_LEAVE);
}

static void test_late_and_early(void **state)
{
	(void)state;
	struct schedule s = dki();
	struct day_account a;
	struct day_input d = at(&s, day_of(2026, 12, 8), -1, 8 * 60 + 2, 15 * 60 + 30);
	day_account_of(&d, &a);
	assert_int_equal(a.late_min, 32);
	assert_int_equal(a.early_min, 30);
	assert_int_equal(a.violations, (1u << DAY_V_LATE) | (1u << DAY_V_EARLY_LEAVE));
}

static void test_flexible_start_moves_lateness(void **state)
{
	(void)state;
	struct schedule s = dki();
	struct day_account a;
	/* An approved start at 08:30: arriving 08:25 is not late; the end moves to 17:00. */
	struct day_input d = at(&s, day_of(2026, 12, 8), 8 * 60 + 30, 8 * 60 + 25, 17 * 60);
	day_account_of(&d, &a);
	assert_int_equal(a.late_min, 0);
	assert_int_equal(a.early_min, 0);
	assert_int_equal(a.required_end, 17 * 60);
	d = at(&s, day_of(2026, 12, 8), 8 * 60 + 30, 8 * 60 + 40, 16 * 60 + 30);
	day_account_of(&d, &a);
	assert_int_equal(a.late_min, 10);
	assert_int_equal(a.early_min, 30);
}

static void test_ramadan_earliest_end(void **state)
{
	(void)state;
	struct schedule s = dki();
	for (int i = 0; i < 4; i++) {
		s.days[i].start_min = 480, s.days[i].end_min = 900, s.days[i].break_min = 30;  /* 08:00-15:00 */
		s.days[i].earliest_end_min = 840;                                          /* 14:00 */
	}
	s.early_arrival_before = 420; /* 07:00 */
	struct day_account a;
	/* Arriving 06:45 does not allow leaving before 14:00 (but 15:00 is the end). */
	struct day_input d = at(&s, day_of(2026, 3, 2), -1, 6 * 60 + 45, 13 * 60 + 30);
	day_account_of(&d, &a);
	assert_int_equal(a.late_min, 0);
	assert_true(a.early_min > 0);
	assert_true(a.required_end >= 840);
}

static void test_overnight_shift(void **state)
{
	(void)state;
	struct schedule s;
	memset(&s, 0, sizeof s);
	s.kind = SCHEDULE_SHIFT;
	s.ndays = 2;
	s.early_arrival_before = -1;
	s.valid_from = INT32_MIN, s.valid_until = INT32_MAX;
	s.cycle_anchor = day_of(2026, 12, 1);
	s.days[0] = (struct schedule_day){1260, 1860, 60, -1, "malam"}; /* 21:00-07:00 next day */
	s.days[1] = (struct schedule_day){-1, -1, 0, -1, "libur"};
	struct day_account a;
	struct day_input d = at(&s, day_of(2026, 12, 1), -1, 20 * 60 + 50, 1860 + 5);
	day_account_of(&d, &a);
	assert_true(d.work.shift);
	assert_int_equal(a.late_min, 0);
	assert_int_equal(a.early_min, 0);
	assert_int_equal(a.net_min, 540);
	d = at(&s, day_of(2026, 12, 2), -1, -1, -1);
	day_account_of(&d, &a);
	assert_string_equal(day_status_name(a.status), "libur");
}

static void test_absence_excuse_and_missing_records(void **state)
{
	(void)state;
	struct schedule s = dki();
	struct day_account a;
	struct day_input d = at(&s, day_of(2026, 12, 8), -1, -1, -1);
	day_account_of(&d, &a);
	assert_string_equal(day_status_name(a.status), "alpa");
	assert_true(day_is_unexcused(&a));
	assert_false(day_breaks_streak(&a));
	assert_int_equal(a.violations, 1u << DAY_V_UNEXCUSED_ABSENCE);
	d.excuse = DAY_EXCUSE_SAKIT;
	day_account_of(&d, &a);
	assert_string_equal(day_status_name(a.status), "sakit");
	assert_true(day_breaks_streak(&a));
	assert_int_equal(a.violations, 0);
	/* Only an "in" at 07:25: left at arrival -> the whole day early. */
	d = at(&s, day_of(2026, 12, 8), -1, 7 * 60 + 25, -1);
	day_account_of(&d, &a);
	assert_int_equal(a.early_min, 960 - 450);
	assert_true(a.violations & (1u << DAY_V_MISSING_OUT));
	/* Only an "out" at 16:00: late until then. */
	d = at(&s, day_of(2026, 12, 8), -1, -1, 16 * 60);
	day_account_of(&d, &a);
	assert_int_equal(a.late_min, 960 - 450);
	assert_true(a.violations & (1u << DAY_V_MISSING_IN));
	/* A weekend is libur whatever was recorded. */
	d = at(&s, day_of(2026, 12, 12), -1, 8 * 60, 12 * 60);
	day_account_of(&d, &a);
	assert_string_equal(day_status_name(a.status), "libur");
}

static void test_remote_violations(void **state)
{
	(void)state;
	struct schedule s = dki();
	struct day_account a;
	struct day_input d = at(&s, day_of(2026, 12, 9), -1, 7 * 60 + 25, 16 * 60);
	d.plan = DAY_PLAN_WFH;
	d.confirmations_missed = 1;
	d.report = DAY_REPORT_MISSING;
	d.out_outside_place = true;
	day_account_of(&d, &a);
	assert_string_equal(day_status_name(a.status), "wfh");
	assert_int_equal(a.violations, (1u << DAY_V_MISSED_CONFIRMATION) | (1u << DAY_V_REPORT_MISSING) |
					   (1u << DAY_V_OUTSIDE_PLACE));
	d.eligible_remote = false;
	d.confirmations_missed = 0;
	d.report = DAY_REPORT_LATE;
	d.out_outside_place = false;
	day_account_of(&d, &a);
	assert_int_equal(a.violations, (1u << DAY_V_REPORT_LATE) | (1u << DAY_V_REMOTE_NOT_ELIGIBLE));
	d = at(&s, day_of(2026, 12, 9), -1, 7 * 60 + 25, 16 * 60);
	d.records_away_from_office = true;
	day_account_of(&d, &a);
	assert_int_equal(a.violations, 1u << DAY_V_REMOTE_WITHOUT_PLAN);
	for (int i = 0; i < DAY_STATUS_N; i++)
		assert_int_equal(day_status_parse(day_status_name((enum day_status)i)), i);
	assert_string_equal(day_violation_name(DAY_V_REMOTE_NOT_ELIGIBLE), "remote_not_eligible");
}

/* Leave kinds: names round-trip; each kind's day status. */
static void test_leave_kinds(void **state)
{
	(void)state;
	for (int i = 0; i < LEAVE_KIND_N; i++)
		assert_int_equal(day_leave_kind_parse(day_leave_kind_name((enum day_leave_kind)i)), i);
	assert_int_equal(day_leave_kind_parse("cuti_bersama"), -1);   /* a calendar day off, not a leave */
	assert_int_equal(day_leave_kind_parse(NULL), -1);
	assert_int_equal(day_leave_excuse(LEAVE_CUTI_TAHUNAN), DAY_EXCUSE_CUTI);
	assert_int_equal(day_leave_excuse(LEAVE_CUTI_MELAHIRKAN), DAY_EXCUSE_CUTI);
	assert_int_equal(day_leave_excuse(LEAVE_CUTI_LUAR_TANGGUNGAN), DAY_EXCUSE_CUTI);
	assert_int_equal(day_leave_excuse(LEAVE_CUTI_SAKIT), DAY_EXCUSE_SAKIT);
	assert_int_equal(day_leave_excuse(LEAVE_DINAS_LUAR), DAY_EXCUSE_DINAS_LUAR);
	assert_int_equal(day_leave_excuse(LEAVE_TUGAS_BELAJAR), DAY_EXCUSE_TUGAS_BELAJAR);
}

/* Leave beats records and plans: the day is excused, no minute counts. */
static void test_leave_beats_records(void **state)
{
	(void)state;
	struct schedule s = dki();
	struct day_account a;
	struct day_input d = at(&s, day_of(2026, 12, 8), -1, 9 * 60, 11 * 60);
	d.excuse = DAY_EXCUSE_DINAS_LUAR;
	d.plan = DAY_PLAN_WFH;
	d.eligible_remote = false;
	d.in_outside_place = true;
	day_account_of(&d, &a);
	assert_string_equal(day_status_name(a.status), "dinas_luar");
	assert_int_equal(a.late_min, 0);
	assert_int_equal(a.early_min, 0);
	assert_int_equal(a.violations, 0);
	assert_false(day_is_unexcused(&a));
	assert_true(day_breaks_streak(&a));
	d.excuse = DAY_EXCUSE_TUGAS_BELAJAR;
	day_account_of(&d, &a);
	assert_string_equal(day_status_name(a.status), "tugas_belajar");
}

/* A holiday stops a regular day (even inside a leave: the day stays libur)
 * but not a shift that works on days off. */
static void test_holidays_and_shifts(void **state)
{
	(void)state;
	struct schedule s = dki();
	struct day_account a;
	struct day_input d;
	memset(&d, 0, sizeof d);
	schedule_workday_of(&s, day_of(2026, 12, 25), 0, -1, &d.work);   /* Christmas, a Friday */
	schedule_apply_calendar(&d.work, false);
	d.excuse = DAY_EXCUSE_CUTI;
	day_account_of(&d, &a);
	assert_string_equal(day_status_name(a.status), "libur");
	assert_false(day_breaks_streak(&a));
	assert_false(day_is_unexcused(&a));
	struct schedule sh;
	memset(&sh, 0, sizeof sh);
	sh.kind = SCHEDULE_SHIFT;
	sh.ndays = 1;
	sh.early_arrival_before = -1;
	sh.valid_from = INT32_MIN, sh.valid_until = INT32_MAX;
	sh.cycle_anchor = day_of(2026, 12, 1);
	sh.days[0] = (struct schedule_day){420, 900, 60, -1, "pagi"};   /* 07:00-15:00 */
	memset(&d, 0, sizeof d);
	schedule_workday_of(&sh, day_of(2026, 12, 25), 0, -1, &d.work);
	schedule_apply_calendar(&d.work, false);
	day_account_of(&d, &a);
	assert_string_equal(day_status_name(a.status), "alpa");   /* the shift works on Christmas */
	d.has_in = true, d.in_min = 7 * 60 + 5;
	d.has_out = true, d.out_min = 15 * 60;
	day_account_of(&d, &a);
	assert_string_equal(day_status_name(a.status), "hadir");
	assert_int_equal(a.late_min, 5);
}

/* Friday: the 90-minute break comes out of the net minutes in proportion. */
static void test_friday_break_and_lateness(void **state)
{
	(void)state;
	struct schedule s = dki();
	struct day_account a;
	struct day_input d = at(&s, day_of(2026, 12, 11), -1, 8 * 60, 16 * 60 + 30);
	day_account_of(&d, &a);
	assert_int_equal(a.late_min, 30);
	assert_int_equal(a.early_min, 0);
	assert_int_equal(a.net_min, 510 - 90 * 510 / 540);
	assert_int_equal(a.violations, 1u << DAY_V_LATE);
	/* Arriving after the end: lateness is capped at the whole day. */
	d = at(&s, day_of(2026, 12, 11), -1, 17 * 60, 17 * 60 + 10);
	day_account_of(&d, &a);
	assert_int_equal(a.late_min, 540);
	assert_int_equal(a.net_min, 0);
}

/* Ramadan Friday 08:00-15:30: late and early against the Ramadan hours. */
static void test_ramadan_friday(void **state)
{
	(void)state;
	struct schedule s = dki();
	s.days[4] = (struct schedule_day){480, 930, 60, -1, ""};
	struct day_account a;
	struct day_input d = at(&s, day_of(2026, 3, 6), -1, 8 * 60 + 10, 15 * 60);
	day_account_of(&d, &a);
	assert_int_equal(a.late_min, 10);
	assert_int_equal(a.early_min, 30);
}

/* A night shift: late at the start, early before the end past midnight. */
static void test_overnight_late_and_early(void **state)
{
	(void)state;
	struct schedule s;
	memset(&s, 0, sizeof s);
	s.kind = SCHEDULE_SHIFT;
	s.ndays = 1;
	s.early_arrival_before = -1;
	s.valid_from = INT32_MIN, s.valid_until = INT32_MAX;
	s.cycle_anchor = day_of(2026, 12, 1);
	s.days[0] = (struct schedule_day){1260, 1860, 60, -1, "malam"};
	struct day_account a;
	struct day_input d = at(&s, day_of(2026, 12, 3), -1, 21 * 60 + 30, 1440 + 6 * 60);
	day_account_of(&d, &a);
	assert_int_equal(a.late_min, 30);
	assert_int_equal(a.early_min, 60);
	assert_int_equal(a.violations, (1u << DAY_V_LATE) | (1u << DAY_V_EARLY_LEAVE));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_on_time_monday_and_friday), cmocka_unit_test(test_late_and_early),
		cmocka_unit_test(test_flexible_start_moves_lateness), cmocka_unit_test(test_ramadan_earliest_end),
		cmocka_unit_test(test_overnight_shift), cmocka_unit_test(test_absence_excuse_and_missing_records),
		cmocka_unit_test(test_remote_violations),
		cmocka_unit_test(test_leave_kinds), cmocka_unit_test(test_leave_beats_records),
		cmocka_unit_test(test_holidays_and_shifts), cmocka_unit_test(test_friday_break_and_lateness),
		cmocka_unit_test(test_ramadan_friday), cmocka_unit_test(test_overnight_late_and_early),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
