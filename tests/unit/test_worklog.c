/* test_worklog.c - confirmation moments (count, inside the hours, stable for
 * an employee and date, different across employees and dates, unguessable
 * without the secret), answers on time and late, missed counts, report
 * deadlines and lateness in working days (a Friday report due on Monday,
 * a holiday skipped), the review due date, and the activities check. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/date.h"
#include "core/err.h"
#include "domain/worklog.h"

static struct workday office_day(int start, int end)
{
	struct workday w;
	memset(&w, 0, sizeof w);
	w.working = true;
	w.start = start, w.end = end, w.break_min = 60;
	return w;
}

static uint8_t secret[WORKLOG_SECRET_BYTES] = {1, 2, 3, 4, 5, 6, 7, 8, 9};

static int moments(int64_t emp, int32_t day, const struct workday *w, int count, int window, int out[])
{
	uint8_t seed[WORKLOG_SEED_BYTES];
	worklog_seed(secret, emp, day, seed);
	return worklog_confirmation_minutes(seed, w, count, window, out);
}

static void test_moments_count_and_hours(void **state)
{
	(void)state;
	struct workday w = office_day(450, 960);   /* 07:30-16:00 */
	int32_t day = date_from_ymd(2026, 11, 3);
	for (int64_t emp = 1; emp < 500; emp++) {
		int m[WORKLOG_CONFIRMATIONS_MAX];
		assert_int_equal(moments(emp, day, &w, 2, 15, m), 2);
		for (int i = 0; i < 2; i++) {
			assert_true(m[i] >= 450);
			assert_true(m[i] + 15 <= 960);
		}
		assert_true(m[0] < m[1]);
		/* One per half of the span: spread over the day. */
		assert_true(m[0] < 450 + (960 - 15 - 450 + 1) / 2);
		assert_true(m[1] >= 450 + (960 - 15 - 450 + 1) / 2);
	}
	int m[WORKLOG_CONFIRMATIONS_MAX];
	assert_int_equal(moments(7, day, &w, 20, 15, m), WORKLOG_CONFIRMATIONS_MAX);   /* capped */
	for (int i = 1; i < WORKLOG_CONFIRMATIONS_MAX; i++)
		assert_true(m[i] > m[i - 1]);
	assert_int_equal(moments(7, day, &w, 0, 15, m), 0);
	struct workday off = office_day(0, 0);
	off.working = false;
	assert_int_equal(moments(7, day, &off, 2, 15, m), 0);
	struct workday tiny = office_day(600, 610);   /* shorter than the window */
	assert_int_equal(moments(7, day, &tiny, 2, 15, m), 0);
	/* An overnight shift: moments may pass midnight, still inside its hours. */
	struct workday night = office_day(1260, 1860);
	assert_int_equal(moments(7, day, &night, 3, 15, m), 3);
	assert_true(m[0] >= 1260 && m[2] + 15 <= 1860);
}

static void test_moments_stable_and_distinct(void **state)
{
	(void)state;
	struct workday w = office_day(450, 960);
	int32_t day = date_from_ymd(2026, 11, 3);
	int a[WORKLOG_CONFIRMATIONS_MAX], b[WORKLOG_CONFIRMATIONS_MAX];
	moments(42, day, &w, 2, 15, a);
	moments(42, day, &w, 2, 15, b);
	assert_memory_equal(a, b, 2 * sizeof(int));   /* stable: every node and the close agree */
	/* Different across employees and dates: few pairs share both moments. */
	int same_emp = 0, same_day = 0;
	for (int i = 0; i < 200; i++) {
		moments(1000 + i, day, &w, 2, 15, b);
		same_emp += a[0] == b[0] && a[1] == b[1];
		moments(42, day + 1 + i, &w, 2, 15, b);
		same_day += a[0] == b[0] && a[1] == b[1];
	}
	assert_true(same_emp <= 1);
	assert_true(same_day <= 1);
	/* Another secret gives other moments: not guessable from the NIP and date. */
	uint8_t seed[WORKLOG_SEED_BYTES], other[WORKLOG_SECRET_BYTES] = {9};
	worklog_seed(other, 42, day, seed);
	worklog_confirmation_minutes(seed, &w, 2, 15, b);
	assert_false(a[0] == b[0] && a[1] == b[1]);
	/* The first moment is spread over its whole slot across employees. */
	int lo = 10000, hi = 0;
	for (int i = 0; i < 2000; i++) {
		moments(i, day, &w, 2, 15, b);
		lo = b[0] < lo ? b[0] : lo, hi = b[0] > hi ? b[0] : hi;
	}
	assert_true(lo < 460);
	assert_true(hi > 690);
}

static void test_answers(void **state)
{
	(void)state;
	int late;
	int64_t due = 1790000000000;
	assert_true(worklog_answer_on_time(due, 15, due + 5 * 60000, &late));
	assert_int_equal(late, 0);
	assert_true(worklog_answer_on_time(due, 15, due + 15 * 60000, &late));   /* the last moment counts */
	assert_false(worklog_answer_on_time(due, 15, due + 15 * 60000 + 1, &late));
	assert_int_equal(late, 1);
	assert_false(worklog_answer_on_time(due, 15, due + 22 * 60000, &late));
	assert_int_equal(late, 7);
	assert_int_equal(worklog_missed(2, 0), 2);
	assert_int_equal(worklog_missed(2, 1u), 1);
	assert_int_equal(worklog_missed(2, 3u), 0);
	assert_int_equal(worklog_missed(2, 4u), 2);   /* an answer beyond today's count does not help */
	assert_int_equal(worklog_missed(0, 0), 0);
}

static void test_report_deadline_in_working_days(void **state)
{
	(void)state;
	struct calendar cal;
	calendar_init(&cal, 2026, 2026);
	calendar_use_builtin(&cal, 2026);
	int32_t fri = date_from_ymd(2026, 11, 6), mon = date_from_ymd(2026, 11, 9);
	int32_t dd;
	int dm;
	/* Same day at 23:59. */
	worklog_report_deadline(&cal, fri, 0, 1439, &dd, &dm);
	assert_int_equal(dd, fri);
	assert_int_equal(dm, 1439);
	assert_int_equal(worklog_report_late_min(dd, dm, fri, 1439), 0);
	assert_int_equal(worklog_report_late_min(dd, dm, fri + 1, 30), 31);
	/* One working day: a Friday's report is due on Monday, not Saturday. */
	worklog_report_deadline(&cal, fri, 1, 600, &dd, &dm);
	assert_int_equal(dd, mon);
	assert_int_equal(dm, 600);
	assert_int_equal(worklog_report_late_min(dd, dm, fri + 1, 1000), 0);
	assert_int_equal(worklog_report_late_min(dd, dm, mon, 660), 60);
	/* A deadline past midnight: 10:00 the next calendar day. */
	worklog_report_deadline(&cal, fri, 0, 1440 + 600, &dd, &dm);
	assert_int_equal(dd, fri + 1);
	assert_int_equal(dm, 600);
	/* Christmas (Friday 25 December 2026) is not a working day. */
	int32_t thu = date_from_ymd(2026, 12, 24);
	worklog_report_deadline(&cal, thu, 1, 1439, &dd, &dm);
	assert_false(calendar_is_working_day(&cal, thu + 1));
	assert_int_equal(dd, date_from_ymd(2026, 12, 28));
	/* Review: 3 working days after a Thursday submission is Tuesday. */
	assert_int_equal(worklog_review_due(&cal, date_from_ymd(2026, 11, 5), 3), date_from_ymd(2026, 11, 10));
	calendar_free(&cal);
}

static void test_activities_check(void **state)
{
	(void)state;
	struct worklog_activity a[3] = {
		{1, "Menyusun telaahan", 120, "1 dokumen"},
		{2, "Rapat koordinasi", 90, ""},
		{1, "Verifikasi data", 60, NULL},
	};
	int total, idx;
	const char *field = NULL;
	assert_int_equal(worklog_activities_check(a, 3, &total, &idx, &field), 0);
	assert_int_equal(total, 270);
	assert_int_equal(worklog_activities_check(a, 0, &total, &idx, &field), ERR_INVALID);
	assert_string_equal(field, "activities");
	a[1].minutes = 0;
	assert_int_equal(worklog_activities_check(a, 3, &total, &idx, &field), ERR_INVALID);
	assert_string_equal(field, "minutes");
	assert_int_equal(idx, 1);
	a[1].minutes = 90, a[2].description = "";
	assert_int_equal(worklog_activities_check(a, 3, &total, &idx, &field), ERR_INVALID);
	assert_string_equal(field, "description");
	assert_int_equal(idx, 2);
	a[2].description = "x", a[2].target_id = 0;
	assert_int_equal(worklog_activities_check(a, 3, &total, &idx, &field), ERR_INVALID);
	assert_string_equal(field, "target_id");
	a[2].target_id = 1, a[0].minutes = 1400;
	assert_int_equal(worklog_activities_check(a, 3, &total, &idx, &field), ERR_INVALID);   /* 1550 > 1440 */
	assert_string_equal(field, "minutes");
	assert_int_equal(idx, -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_moments_count_and_hours), cmocka_unit_test(test_moments_stable_and_distinct),
		cmocka_unit_test(test_answers), cmocka_unit_test(test_report_deadline_in_working_days),
		cmocka_unit_test(test_activities_check),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
