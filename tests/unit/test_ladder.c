/* test_ladder.c - the PP 94/2021 ladder row by row with its boundaries, the
 * 450-minute conversion, streaks across days off and broken by leave,
 * repetition, the answerable supervisor's heavier step, and who may impose. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "domain/ladder.h"

static const char *code_for(int days)
{
	const struct ladder_rung *r = ladder_sanction_for_days(ladder_builtin(), days);
	return r ? r->code : "";
}

/* Every row of RULES.md section 4 at both of its ends, and the boundaries
 * 2/3, 6/7, 10/11, 13/14, 16/17, 20/21, 24/25, 27/28. */
static void test_every_row_and_boundary(void **state)
{
	(void)state;
	const struct { int days; const char *code; const char *level; } want[] = {
		{0, "", ""}, {1, "", ""}, {2, "", ""},
		{3, "teguran_lisan", "ringan"},
		{4, "teguran_tertulis", "ringan"}, {6, "teguran_tertulis", "ringan"},
		{7, "pernyataan_tidak_puas", "ringan"}, {10, "pernyataan_tidak_puas", "ringan"},
		{11, "potongan_tpp_25_6", "sedang"}, {13, "potongan_tpp_25_6", "sedang"},
		{14, "potongan_tpp_25_9", "sedang"}, {16, "potongan_tpp_25_9", "sedang"},
		{17, "potongan_tpp_25_12", "sedang"}, {20, "potongan_tpp_25_12", "sedang"},
		{21, "penurunan_jabatan", "berat"}, {24, "penurunan_jabatan", "berat"},
		{25, "pembebasan_jabatan", "berat"}, {27, "pembebasan_jabatan", "berat"},
		{28, "pemberhentian", "berat"}, {200, "pemberhentian", "berat"},
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		const struct ladder_rung *r = ladder_sanction_for_days(ladder_builtin(), want[i].days);
		assert_string_equal(r ? r->code : "", want[i].code);
		assert_string_equal(r ? ladder_level_name(r->level) : "", want[i].level);
	}
	/* The table is contiguous: every day count from 3 up has exactly the rung whose range holds it. */
	const struct ladder_version *v = ladder_builtin();
	for (int d = 3; d < 60; d++) {
		const struct ladder_rung *r = ladder_sanction_for_days(v, d);
		assert_non_null(r);
		assert_true(d >= r->min_days && (r->max_days < 0 || d <= r->max_days));
	}
	assert_int_equal(ladder_rung_by_code(v, "potongan_tpp_25_9")->months, 9);
	assert_null(ladder_rung_by_code(v, "hukuman_mati"));
}

static void test_running_total(void **state)
{
	(void)state;
	/* RULES.md: 3 days by April -> oral reprimand; 2 more by July (5) -> written reprimand. */
	assert_string_equal(code_for(3), "teguran_lisan");
	assert_string_equal(code_for(3 + 2), "teguran_tertulis");
}

static void test_late_early_conversion(void **state)
{
	(void)state;
	const struct ladder_version *v = ladder_builtin();
	assert_int_equal(v->minutes_per_day, 450);
	assert_int_equal(ladder_counted_days(v, 0, 449), 0);
	assert_int_equal(ladder_counted_days(v, 0, 450), 1);
	assert_int_equal(ladder_counted_days(v, 2, 899), 3);
	assert_int_equal(ladder_counted_days(v, 2, 900), 4);
	assert_int_equal(ladder_counted_days(v, -1, -5), 0);
	/* 2 unexcused days and 450 minutes late make 3: an oral reprimand. */
	assert_string_equal(code_for(ladder_counted_days(v, 2, 450)), "teguran_lisan");
	struct ladder_version custom = *v;
	custom.minutes_per_day = 300;
	assert_int_equal(ladder_counted_days(&custom, 0, 900), 3);
}

#define U LADDER_DAY_UNEXCUSED
#define P LADDER_DAY_PRESENT
#define E LADDER_DAY_EXCUSED
#define O LADDER_DAY_OFF

static void test_streak_across_days_off(void **state)
{
	(void)state;
	/* Mon..Fri unexcused, weekend, Mon..Fri unexcused: 10 working days in a row. */
	enum ladder_day two_weeks[] = {U, U, U, U, U, O, O, U, U, U, U, U};
	assert_int_equal(ladder_longest_streak(two_weeks, 12), 10);
	assert_int_equal(ladder_streak_reached(ladder_builtin(), two_weeks, 12), 11);
	/* A holiday inside does not break it either. */
	enum ladder_day with_holiday[] = {U, U, O, U, U, U, O, O, U, U, U, U, U};
	assert_int_equal(ladder_longest_streak(with_holiday, 13), 10);
	bool stop;
	const struct ladder_rung *r = ladder_proposal(ladder_builtin(), 10, 10, &stop);
	assert_true(stop);
	assert_string_equal(r->code, "pemberhentian");
}

static void test_streak_broken_by_leave_or_presence(void **state)
{
	(void)state;
	enum ladder_day leave[] = {U, U, U, U, U, E, U, U, U, U, U};
	assert_int_equal(ladder_longest_streak(leave, 11), 5);
	assert_int_equal(ladder_streak_reached(ladder_builtin(), leave, 11), -1);
	enum ladder_day present[] = {U, U, U, U, U, U, U, U, U, P, U};
	assert_int_equal(ladder_longest_streak(present, 11), 9);
	bool stop;
	/* 10 days in the year but never 10 in a row: the running total's rung, no salary stop. */
	const struct ladder_rung *r = ladder_proposal(ladder_builtin(), 10, 9, &stop);
	assert_false(stop);
	assert_string_equal(r->code, "pernyataan_tidak_puas");
	assert_null(ladder_proposal(ladder_builtin(), 2, 2, &stop));
	assert_false(stop);
}

static void test_repeat_and_answerable_supervisor(void **state)
{
	(void)state;
	const struct ladder_version *v = ladder_builtin();
	const struct ladder_rung *lisan = ladder_rung_by_code(v, "teguran_lisan");
	const struct ladder_rung *tertulis = ladder_rung_by_code(v, "teguran_tertulis");
	const struct ladder_rung *tidak_puas = ladder_rung_by_code(v, "pernyataan_tidak_puas");
	/* Perba BKN 6/2022 worked example: a withheld written reprimand -> the
	 * section head gets a written statement of dissatisfaction. */
	assert_ptr_equal(ladder_one_step_heavier(v, tertulis), tidak_puas);
	assert_ptr_equal(ladder_one_step_heavier(v, NULL), lisan);
	const struct ladder_rung *last = &v->rungs[v->nrungs - 1];
	assert_ptr_equal(ladder_one_step_heavier(v, last), last);
	/* A repeat is heavier than the last sanction. */
	assert_ptr_equal(ladder_for_repeat(v, lisan, tertulis), tidak_puas);
	assert_ptr_equal(ladder_for_repeat(v, tidak_puas, lisan), tidak_puas);
	assert_ptr_equal(ladder_for_repeat(v, tertulis, NULL), tertulis);
	assert_ptr_equal(ladder_for_repeat(v, NULL, lisan), tertulis);
}

static void test_who_may_impose(void **state)
{
	(void)state;
	/* pengawas: ringan one level below only */
	assert_true(ladder_may_impose(LADDER_OFF_PENGAWAS, LADDER_RINGAN, 1, LADDER_OFFENDER_PELAKSANA));
	assert_false(ladder_may_impose(LADDER_OFF_PENGAWAS, LADDER_RINGAN, 2, LADDER_OFFENDER_PELAKSANA));
	assert_false(ladder_may_impose(LADDER_OFF_PENGAWAS, LADDER_SEDANG, 1, LADDER_OFFENDER_PELAKSANA));
	/* administrator: ringan one below, sedang two below */
	assert_true(ladder_may_impose(LADDER_OFF_ADMINISTRATOR, LADDER_RINGAN, 1, LADDER_OFFENDER_PENGAWAS));
	assert_true(ladder_may_impose(LADDER_OFF_ADMINISTRATOR, LADDER_SEDANG, 2, LADDER_OFFENDER_PELAKSANA));
	assert_false(ladder_may_impose(LADDER_OFF_ADMINISTRATOR, LADDER_SEDANG, 1, LADDER_OFFENDER_PENGAWAS));
	assert_false(ladder_may_impose(LADDER_OFF_ADMINISTRATOR, LADDER_BERAT, 2, LADDER_OFFENDER_PELAKSANA));
	/* JPT Pratama and Madya: the same as administrator */
	assert_true(ladder_may_impose(LADDER_OFF_JPT_PRATAMA, LADDER_SEDANG, 2, LADDER_OFFENDER_PENGAWAS));
	assert_true(ladder_may_impose(LADDER_OFF_JPT_MADYA, LADDER_RINGAN, 1, LADDER_OFFENDER_JPT_PRATAMA));
	assert_false(ladder_may_impose(LADDER_OFF_JPT_PRATAMA, LADDER_BERAT, 2, LADDER_OFFENDER_PELAKSANA));
	/* the Governor: berat for administrator and below and JF; sedang/berat for JPT Pratama */
	assert_true(ladder_may_impose(LADDER_OFF_GOVERNOR, LADDER_BERAT, 4, LADDER_OFFENDER_PELAKSANA));
	assert_true(ladder_may_impose(LADDER_OFF_GOVERNOR, LADDER_BERAT, 3, LADDER_OFFENDER_FUNGSIONAL));
	assert_true(ladder_may_impose(LADDER_OFF_GOVERNOR, LADDER_BERAT, 2, LADDER_OFFENDER_ADMINISTRATOR));
	assert_true(ladder_may_impose(LADDER_OFF_GOVERNOR, LADDER_SEDANG, 1, LADDER_OFFENDER_JPT_PRATAMA));
	assert_false(ladder_may_impose(LADDER_OFF_GOVERNOR, LADDER_SEDANG, 3, LADDER_OFFENDER_PELAKSANA));
	assert_false(ladder_may_impose(LADDER_OFF_GOVERNOR, LADDER_NONE, 1, LADDER_OFFENDER_PELAKSANA));
	assert_false(ladder_may_impose(LADDER_OFF_PENGAWAS, LADDER_RINGAN, 0, LADDER_OFFENDER_PELAKSANA));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_row_and_boundary), cmocka_unit_test(test_running_total),
		cmocka_unit_test(test_late_early_conversion), cmocka_unit_test(test_streak_across_days_off),
		cmocka_unit_test(test_streak_broken_by_leave_or_presence),
		cmocka_unit_test(test_repeat_and_answerable_supervisor), cmocka_unit_test(test_who_may_impose),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
