/* test_recap.c - the monthly recap of one employee: months parsed, days
 * counted by status with their grid codes, and the TPP deduction in basis
 * points under the default DKI scheme and a changed one. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "domain/recap.h"

#include <string.h>

static void test_month_parse(void **state)
{
	(void)state;
	int y, m;
	assert_true(recap_month_parse("2026-11", &y, &m));
	assert_int_equal(y, 2026);
	assert_int_equal(m, 11);
	assert_false(recap_month_parse("2026-13", &y, &m));
	assert_false(recap_month_parse("2026-00", &y, &m));
	assert_false(recap_month_parse("2026-1", &y, &m));
	assert_false(recap_month_parse("2026-11-01", &y, &m));
	assert_false(recap_month_parse("20x6-11", &y, &m));
	assert_false(recap_month_parse(NULL, &y, &m));
}

static void test_counts_and_codes(void **state)
{
	(void)state;
	struct recap_month m;
	memset(&m, 0, sizeof m);
	recap_month_add(&m, 2, DAY_HADIR, 42, 0);
	recap_month_add(&m, 3, DAY_HADIR, 0, 30);
	recap_month_add(&m, 4, DAY_ALPA, 0, 0);
	recap_month_add(&m, 5, DAY_CUTI, 0, 0);
	recap_month_add(&m, 6, DAY_LIBUR, 0, 0);   /* an amended day off */
	recap_month_add(&m, 9, DAY_WFH, 5, -3);    /* negative minutes never count */
	recap_month_add(&m, 0, DAY_HADIR, 10, 0);  /* ignored */
	recap_month_add(&m, 32, DAY_HADIR, 10, 0); /* ignored */
	assert_int_equal(m.working_days, 5);
	assert_int_equal(m.count[DAY_HADIR], 2);
	assert_int_equal(m.count[DAY_ALPA], 1);
	assert_int_equal(m.count[DAY_LIBUR], 1);
	assert_int_equal(m.late_min, 47);
	assert_int_equal(m.early_min, 30);
	assert_string_equal(m.code[1], "H");
	assert_string_equal(m.code[3], "A");
	assert_string_equal(m.code[4], "C");
	assert_string_equal(m.code[5], "L");
	assert_string_equal(m.code[8], "WFH");
	assert_string_equal(m.code[0], "");
	assert_string_equal(recap_status_code(DAY_DINAS_LUAR), "DL");
	assert_string_equal(recap_status_code(DAY_STATUS_N), "");
}

static void test_deduction_default_scheme(void **state)
{
	(void)state;
	struct tpp_scheme s;
	tpp_scheme_default(&s);
	struct recap_month m = {.working_days = 21, .late_min = 600, .early_min = 30};
	m.count[DAY_ALPA] = 1;
	struct recap_deduction d;
	recap_deduction(&s, &m, false, &d);
	assert_int_equal(d.cap_minutes, 6300);
	assert_int_equal(d.deduction_minutes, 930);
	assert_int_equal(d.deduction_bp, 1476);   /* 930 / 6300 = 14.76% */
	assert_int_equal(d.cut_pct, 0);
	assert_int_equal(d.total_bp, 1476);
	/* A running sedang sanction takes 25% of what is left: 85.24% x 0.75 = 63.93% paid. */
	recap_deduction(&s, &m, true, &d);
	assert_int_equal(d.cut_pct, 25);
	assert_int_equal(d.total_bp, 3607);
	/* Deductions past the cap stop at 100%. */
	m.count[DAY_ALPA] = 30;
	recap_deduction(&s, &m, true, &d);
	assert_int_equal(d.deduction_bp, 10000);
	assert_int_equal(d.total_bp, 10000);
}

static void test_deduction_changed_scheme_and_empty_month(void **state)
{
	(void)state;
	struct tpp_scheme s;
	tpp_scheme_default(&s);
	s.cap_minutes_per_day = 450;
	s.unexcused_day_minutes = 450;
	s.sedang_cut_pct = 50;
	struct recap_month m = {.working_days = 10, .late_min = 450};
	struct recap_deduction d;
	recap_deduction(&s, &m, true, &d);
	assert_int_equal(d.cap_minutes, 4500);
	assert_int_equal(d.deduction_bp, 1000);
	assert_int_equal(d.total_bp, 5500);       /* 90% x 50% paid */
	struct recap_month none = {0};
	recap_deduction(&s, &none, true, &d);
	assert_int_equal(d.cap_minutes, 0);
	assert_int_equal(d.total_bp, 0);
	assert_int_equal(d.cut_pct, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_month_parse), cmocka_unit_test(test_counts_and_codes),
		cmocka_unit_test(test_deduction_default_scheme),
		cmocka_unit_test(test_deduction_changed_scheme_and_empty_month),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
