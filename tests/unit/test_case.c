/* test_case.c - a disciplinary case's steps and deadlines: the full path, a
 * missed examination and a second summons, decided on the evidence after two
 * misses, the 7-working-day limit across a weekend and a holiday, wrong
 * states and date order, and overdue steps. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "core/date.h"
#include "domain/case.h"

/* Monday-Friday with one holiday: 2026-12-25 (Friday). */
static bool working(void *ctx, int32_t day)
{
	(void)ctx;
	return date_weekday(day) <= 5 && day != date_from_ymd(2026, 12, 25);
}

static int32_t add_wd(void *ctx, int32_t day, int n)
{
	while (n > 0) {
		day++;
		if (working(ctx, day))
			n--;
	}
	return day;
}

static const struct case_calendar cal = {NULL, add_wd, working};

static int32_t D(int y, int m, int d) { return date_from_ymd(y, m, d); }

static enum case_problem step(struct case_state *s, enum case_action a, int32_t date, int32_t exam_on)
{
	struct case_rules r;
	case_rules_default(&r);
	struct case_step st = {a, date, exam_on};
	return case_apply(s, &st, &r, &cal);
}

static void test_full_path(void **state)
{
	(void)state;
	struct case_rules r;
	case_rules_default(&r);
	struct case_state s;
	case_open(&s, D(2026, 12, 1)); /* Tuesday */
	enum case_action next;
	assert_int_equal(case_deadline(&s, &r, &cal, &next), D(2026, 12, 8)); /* 5 working days */
	assert_int_equal(next, CASE_ACT_SUMMON);
	assert_int_equal(step(&s, CASE_ACT_SUMMON, D(2026, 12, 2), D(2026, 12, 9)), CASE_PROBLEM_NONE);
	assert_int_equal(s.status, CASE_SUMMONED);
	assert_int_equal(s.summons, 1);
	assert_int_equal(case_deadline(&s, &r, &cal, &next), D(2026, 12, 10));
	assert_int_equal(next, CASE_ACT_EXAMINE);
	assert_int_equal(step(&s, CASE_ACT_EXAMINE, D(2026, 12, 9), 0), CASE_PROBLEM_NONE);
	assert_int_equal(s.status, CASE_EXAMINED);
	assert_int_equal(case_deadline(&s, &r, &cal, &next), D(2026, 12, 23)); /* 10 working days */
	assert_int_equal(next, CASE_ACT_DECIDE);
	assert_int_equal(step(&s, CASE_ACT_DECIDE, D(2026, 12, 14), 0), CASE_PROBLEM_NONE);
	assert_int_equal(case_deadline(&s, &r, &cal, &next), D(2026, 12, 28)); /* 14 days */
	assert_int_equal(next, CASE_ACT_DELIVER);
	assert_int_equal(step(&s, CASE_ACT_DELIVER, D(2026, 12, 15), 0), CASE_PROBLEM_NONE);
	assert_int_equal(step(&s, CASE_ACT_RESPOND, D(2026, 12, 18), 0), CASE_PROBLEM_NONE);
	assert_int_equal(step(&s, CASE_ACT_RESPOND, D(2026, 12, 19), 0), CASE_PROBLEM_WRONG_STATE);
	assert_false(case_overdue(&s, &r, &cal, D(2027, 3, 1)));
	assert_int_equal(step(&s, CASE_ACT_CLOSE, D(2026, 12, 29), 0), CASE_PROBLEM_NONE);
	assert_int_equal(s.status, CASE_CLOSED);
	assert_int_equal(case_deadline(&s, &r, &cal, &next), INT32_MIN);
	assert_int_equal(step(&s, CASE_ACT_SUMMON, D(2026, 12, 30), D(2027, 1, 4)), CASE_PROBLEM_CLOSED);
}

static void test_seven_working_days_across_weekend_and_holiday(void **state)
{
	(void)state;
	struct case_state s;
	case_open(&s, D(2026, 12, 17));
	/* Letter Thursday 17 Dec: 7 working days skip two weekends and 25 Dec -> Tuesday 29 Dec. */
	assert_int_equal(add_wd(NULL, D(2026, 12, 17), 7), D(2026, 12, 29));
	assert_int_equal(step(&s, CASE_ACT_SUMMON, D(2026, 12, 17), D(2026, 12, 30)), CASE_PROBLEM_EXAM_TOO_LATE);
	assert_int_equal(s.status, CASE_OPEN); /* unchanged on a problem */
	assert_int_equal(step(&s, CASE_ACT_SUMMON, D(2026, 12, 17), D(2026, 12, 25)), CASE_PROBLEM_EXAM_NOT_WORKING);
	assert_int_equal(step(&s, CASE_ACT_SUMMON, D(2026, 12, 17), D(2026, 12, 26)), CASE_PROBLEM_EXAM_NOT_WORKING);
	assert_int_equal(step(&s, CASE_ACT_SUMMON, D(2026, 12, 17), D(2026, 12, 17)), CASE_PROBLEM_DATE_ORDER);
	assert_int_equal(step(&s, CASE_ACT_SUMMON, D(2026, 12, 17), D(2026, 12, 29)), CASE_PROBLEM_NONE);
}

static void test_missed_then_second_summons_then_evidence(void **state)
{
	(void)state;
	struct case_rules r;
	case_rules_default(&r);
	struct case_state s;
	case_open(&s, D(2026, 11, 2));
	assert_int_equal(step(&s, CASE_ACT_SUMMON, D(2026, 11, 2), D(2026, 11, 5)), CASE_PROBLEM_NONE);
	assert_int_equal(step(&s, CASE_ACT_MISSED, D(2026, 11, 4), 0), CASE_PROBLEM_TOO_EARLY);
	assert_int_equal(step(&s, CASE_ACT_MISSED, D(2026, 11, 5), 0), CASE_PROBLEM_NONE);
	assert_int_equal(s.status, CASE_MISSED);
	enum case_action next;
	assert_int_equal(case_deadline(&s, &r, &cal, &next), D(2026, 11, 16)); /* 7 working days after */
	assert_int_equal(next, CASE_ACT_SUMMON);
	assert_int_equal(step(&s, CASE_ACT_DECIDE, D(2026, 11, 6), 0), CASE_PROBLEM_WRONG_STATE);
	assert_int_equal(step(&s, CASE_ACT_SUMMON, D(2026, 11, 6), D(2026, 11, 12)), CASE_PROBLEM_NONE);
	assert_int_equal(s.status, CASE_SUMMONED_AGAIN);
	assert_int_equal(s.summons, 2);
	assert_int_equal(step(&s, CASE_ACT_MISSED, D(2026, 11, 12), 0), CASE_PROBLEM_NONE);
	assert_int_equal(s.status, CASE_EXAMINED);
	assert_true(s.decided_on_evidence);
	assert_int_equal(step(&s, CASE_ACT_DECIDE, D(2026, 11, 13), 0), CASE_PROBLEM_NONE);
	/* A decision that imposes nothing closes without delivery. */
	assert_int_equal(step(&s, CASE_ACT_CLOSE, D(2026, 11, 13), 0), CASE_PROBLEM_NONE);
}

static void test_overdue_and_date_order(void **state)
{
	(void)state;
	struct case_rules r;
	case_rules_default(&r);
	struct case_state s;
	case_open(&s, D(2026, 12, 1));
	assert_false(case_overdue(&s, &r, &cal, D(2026, 12, 8)));
	assert_true(case_overdue(&s, &r, &cal, D(2026, 12, 9)));
	assert_int_equal(step(&s, CASE_ACT_SUMMON, D(2026, 11, 30), D(2026, 12, 3)), CASE_PROBLEM_DATE_ORDER);
	assert_int_equal(step(&s, CASE_ACT_EXAMINE, D(2026, 12, 2), 0), CASE_PROBLEM_WRONG_STATE);
	assert_int_equal(step(&s, CASE_ACT_DELIVER, D(2026, 12, 2), 0), CASE_PROBLEM_WRONG_STATE);
	assert_int_equal(step(&s, CASE_ACT_SUMMON, D(2026, 12, 9), D(2026, 12, 14)), CASE_PROBLEM_NONE);
	assert_false(case_overdue(&s, &r, &cal, D(2026, 12, 15)));
	assert_true(case_overdue(&s, &r, &cal, D(2026, 12, 16)));
}

/* After an escalation the next level gets the step's full period from the
 * day it took the case over. */
static void test_deadline_restart(void **state)
{
	(void)state;
	struct case_rules r;
	case_rules_default(&r);
	struct case_state s;
	enum case_action next;
	case_open(&s, D(2026, 12, 1));
	assert_int_equal(case_deadline_restart(&s, &r, &cal, D(2026, 12, 21), &next), D(2026, 12, 29)); /* across 25th */
	assert_int_equal(next, CASE_ACT_SUMMON);
	assert_int_equal(step(&s, CASE_ACT_SUMMON, D(2026, 12, 2), D(2026, 12, 9)), CASE_PROBLEM_NONE);
	assert_int_equal(case_deadline_restart(&s, &r, &cal, D(2026, 12, 11), &next), D(2026, 12, 22));
	assert_int_equal(next, CASE_ACT_EXAMINE);
	assert_int_equal(step(&s, CASE_ACT_EXAMINE, D(2026, 12, 9), 0), CASE_PROBLEM_NONE);
	assert_int_equal(case_deadline_restart(&s, &r, &cal, D(2026, 12, 24), &next), D(2027, 1, 8));
	assert_int_equal(next, CASE_ACT_DECIDE);
	assert_int_equal(step(&s, CASE_ACT_DECIDE, D(2026, 12, 14), 0), CASE_PROBLEM_NONE);
	assert_int_equal(case_deadline_restart(&s, &r, &cal, D(2026, 12, 30), &next), D(2027, 1, 13));
	assert_int_equal(next, CASE_ACT_DELIVER);
	assert_int_equal(step(&s, CASE_ACT_DELIVER, D(2026, 12, 15), 0), CASE_PROBLEM_NONE);
	assert_int_equal(case_deadline_restart(&s, &r, &cal, D(2026, 12, 30), &next), INT32_MIN);
}

static void test_names(void **state)
{
	(void)state;
	for (int i = 0; i < CASE_STATUS_N; i++)
		assert_int_equal(case_status_parse(case_status_name((enum case_status)i)), i);
	for (int i = 0; i < CASE_ACT_N; i++)
		assert_int_equal(case_action_parse(case_action_name((enum case_action)i)), i);
	for (int i = 0; i < CASE_KIND_N; i++)
		assert_int_equal(case_kind_parse(case_kind_name((enum case_kind)i)), i);
	assert_int_equal(case_status_parse("pending"), -1);
	assert_int_equal(case_action_parse(NULL), -1);
	assert_string_equal(case_problem_name(CASE_PROBLEM_EXAM_TOO_LATE), "exam_too_late");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_path), cmocka_unit_test(test_seven_working_days_across_weekend_and_holiday),
		cmocka_unit_test(test_missed_then_second_summons_then_evidence),
		cmocka_unit_test(test_overdue_and_date_order), cmocka_unit_test(test_names),
		cmocka_unit_test(test_deadline_restart),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
