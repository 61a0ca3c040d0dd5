/* test_privacy.c - the retention rule for raw locations (UU 27/2022): the
 * cutoff date at the edge, damaged settings, and the legal hold; and who
 * counts as on site on the team board. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "core/date.h"
#include "domain/presence.h"
#include "domain/privacy.h"
#include "store/team_today.h"

#include <string.h>

/* With 90 days on 28 Nov 2026, a record of 30 Aug (90 days old) is kept and
 * one of 29 Aug (91 days old) is reduced. */
static void test_cutoff_edge(void **state)
{
	(void)state;
	int32_t today = date_from_ymd(2026, 11, 28);
	assert_int_equal(privacy_cutoff(today, 90), date_from_ymd(2026, 8, 30));
	assert_false(privacy_reduce_due(date_from_ymd(2026, 8, 30), today, 90, false));
	assert_true(privacy_reduce_due(date_from_ymd(2026, 8, 29), today, 90, false));
	assert_false(privacy_reduce_due(today, today, 90, false));
	/* One day: yesterday is kept, the day before is reduced. */
	assert_false(privacy_reduce_due(today - 1, today, 1, false));
	assert_true(privacy_reduce_due(today - 2, today, 1, false));
}

/* A damaged setting (0, negative, past the maximum) falls back to the
 * default instead of keeping nothing or everything forever. */
static void test_damaged_setting(void **state)
{
	(void)state;
	int32_t today = date_from_ymd(2026, 11, 28);
	assert_int_equal(privacy_cutoff(today, 0), today - PRIVACY_RAW_DAYS_DEFAULT);
	assert_int_equal(privacy_cutoff(today, -5), today - PRIVACY_RAW_DAYS_DEFAULT);
	assert_int_equal(privacy_cutoff(today, 100000), today - PRIVACY_RAW_DAYS_DEFAULT);
	assert_int_equal(privacy_cutoff(today, 3650), today - 3650);
}

/* An open case holds the reading however old it is. */
static void test_legal_hold(void **state)
{
	(void)state;
	int32_t today = date_from_ymd(2026, 11, 28);
	assert_false(privacy_reduce_due(date_from_ymd(2020, 1, 1), today, 90, true));
	assert_true(privacy_reduce_due(date_from_ymd(2020, 1, 1), today, 90, false));
}

/* The team board's on-site count: in at the office, inside the place, not
 * out yet; a remote mode, an out record or outside_place do not count. */
static void test_on_site(void **state)
{
	(void)state;
	struct team_member m;
	memset(&m, 0, sizeof m);
	assert_false(team_member_on_site(&m));
	m.in.present = true;
	strcpy(m.in.mode, "wfo");
	assert_true(team_member_on_site(&m));
	m.in.flag_mask = 1u << PF_OUTSIDE_WINDOW;  /* late or early still counts: the person is there */
	assert_true(team_member_on_site(&m));
	m.in.flag_mask |= 1u << PF_OUTSIDE_PLACE;
	assert_false(team_member_on_site(&m));
	m.in.flag_mask = 0;
	strcpy(m.in.mode, "wfh");
	assert_false(team_member_on_site(&m));
	strcpy(m.in.mode, "kantor_lain");
	assert_false(team_member_on_site(&m));
	strcpy(m.in.mode, "wfo");
	m.out.present = true;
	assert_false(team_member_on_site(&m));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cutoff_edge),
		cmocka_unit_test(test_damaged_setting),
		cmocka_unit_test(test_legal_hold),
		cmocka_unit_test(test_on_site),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
