/* test_tpp.c - the default TPP scheme: a full month, the 300-minute cap,
 * lateness and unexcused days taking credit away, the sedang cut, rounding
 * down, and refused input. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "domain/tpp.h"

static struct tpp_result run(struct tpp_input in)
{
	struct tpp_scheme s;
	tpp_scheme_default(&s);
	struct tpp_result r;
	assert_int_equal(tpp_compute(&s, &in, &r), 0);
	return r;
}

static void test_full_month(void **state)
{
	(void)state;
	/* 21 working days, reports covering more than the cap, performance 100%. */
	struct tpp_result r = run((struct tpp_input){.amount = 12000000, .working_days = 21, .performance_pct = 100,
						     .activity_minutes = 21 * 420});
	assert_int_equal(r.cap_minutes, 6300);
	assert_int_equal(r.credit_minutes, 6300);
	assert_int_equal(r.paid, 12000000);
	assert_int_equal(r.deducted, 0);
}

static void test_lateness_and_absence_take_credit(void **state)
{
	(void)state;
	/* 630 late minutes and 1 unexcused day (300) leave 6300 - 930 = 5370 minutes. */
	struct tpp_result r = run((struct tpp_input){.amount = 12000000, .working_days = 21, .performance_pct = 100,
						     .activity_minutes = 9000, .late_early_minutes = 630,
						     .unexcused_days = 1});
	assert_int_equal(r.deduction_minutes, 930);
	assert_int_equal(r.credit_minutes, 5370);
	assert_int_equal(r.paid, 12000000LL * 5370 / 6300); /* 10,228,571 */
	assert_int_equal(r.paid, 10228571);
	assert_int_equal(r.deducted, 12000000 - 10228571);
	/* Deductions beyond the cap leave nothing, never a negative payment. */
	r = run((struct tpp_input){.amount = 12000000, .working_days = 20, .performance_pct = 100,
				   .activity_minutes = 6000, .unexcused_days = 25});
	assert_int_equal(r.credit_minutes, 0);
	assert_int_equal(r.paid, 0);
}

static void test_performance_and_sedang_cut(void **state)
{
	(void)state;
	struct tpp_result r = run((struct tpp_input){.amount = 10000000, .working_days = 20, .performance_pct = 80,
						     .activity_minutes = 6000, .sedang_running = true});
	assert_int_equal(r.gross, 8000000);
	assert_int_equal(r.cut_pct, 25);
	assert_int_equal(r.paid, 6000000);
	/* Few reported minutes limit the credit on their own. */
	r = run((struct tpp_input){.amount = 10000000, .working_days = 20, .performance_pct = 100,
				   .activity_minutes = 3001});
	assert_int_equal(r.paid, 10000000LL * 3001 / 6000); /* rounded down */
}

static void test_refused_input(void **state)
{
	(void)state;
	struct tpp_scheme s;
	tpp_scheme_default(&s);
	struct tpp_result r;
	const struct tpp_input bad[] = {
		{.amount = -1, .working_days = 20, .performance_pct = 100},
		{.amount = 1, .working_days = 0, .performance_pct = 100},
		{.amount = 1, .working_days = 20, .performance_pct = 101},
		{.amount = 1, .working_days = 20, .performance_pct = 100, .activity_minutes = -5},
		{.amount = 1, .working_days = 20, .performance_pct = 100, .unexcused_days = -1},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(tpp_compute(&s, &bad[i], &r), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_month), cmocka_unit_test(test_lateness_and_absence_take_credit),
		cmocka_unit_test(test_performance_and_sedang_cut), cmocka_unit_test(test_refused_input),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
