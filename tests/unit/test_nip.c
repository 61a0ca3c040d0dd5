/* test_nip.c - every NIP and PPPK-number rule of RULES.md section 6, with
 * valid and invalid numbers side by side, and the message each fault gives. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/err.h"
#include "domain/nip.h"

/* A number and the English message fault expected for it (a substring),
 * or NULL when it must be valid. */
struct nip_case {
	const char *nip;
	const char *fault;
};

static void check_case(const struct nip_case *c)
{
	const char *en = "unset";
	const char *id = nip_problem(c->nip, &en);
	if (c->fault == NULL) {
		if (id != NULL)
			fail_msg("%s should be valid, got: %s", c->nip, en);
		assert_null(en);
		assert_true(nip_valid(c->nip));
		assert_int_equal(nip_parse(c->nip, NULL), 0);
		return;
	}
	if (id == NULL)
		fail_msg("%s should be refused (%s)", c->nip ? c->nip : "(null)", c->fault);
	assert_non_null(en);
	if (strstr(en, c->fault) == NULL)
		fail_msg("%s: expected \"%s\" in \"%s\"", c->nip ? c->nip : "(null)", c->fault, en);
	assert_false(nip_valid(c->nip));
	struct nip_info info = { .kind = 42 };
	assert_int_equal(nip_parse(c->nip, &info), ERR_INVALID);
	assert_int_equal(info.kind, 42); /* untouched on failure */
}

static void run_cases(const struct nip_case *cases, size_t n)
{
	for (size_t i = 0; i < n; i++)
		check_case(&cases[i]);
}

static void test_example_pns(void **state)
{
	(void)state;
	struct nip_info n;
	assert_int_equal(nip_parse("198609262015051001", &n), 0);
	assert_int_equal(n.kind, NIP_PNS);
	assert_int_equal(n.birth_year, 1986);
	assert_int_equal(n.birth_month, 9);
	assert_int_equal(n.birth_day, 26);
	assert_int_equal(n.start_year, 2015);
	assert_int_equal(n.start_month, 5);
	assert_int_equal(n.batch, 0);
	assert_int_equal(n.gender, NIP_GENDER_MALE);
	assert_int_equal(n.sequence, 1);
	assert_true(nip_valid("198609262015051001"));
	assert_null(nip_problem("198609262015051001", NULL));
}

static void test_example_pppk(void **state)
{
	(void)state;
	struct nip_info n;
	assert_int_equal(nip_parse("199003152023232045", &n), 0);
	assert_int_equal(n.kind, NIP_PPPK);
	assert_int_equal(n.birth_year, 1990);
	assert_int_equal(n.birth_month, 3);
	assert_int_equal(n.birth_day, 15);
	assert_int_equal(n.start_year, 2023);
	assert_int_equal(n.start_month, 0);
	assert_int_equal(n.batch, 3);
	assert_int_equal(n.gender, NIP_GENDER_FEMALE);
	assert_int_equal(n.sequence, 45);
}

static void test_shape(void **state)
{
	(void)state;
	static const struct nip_case cases[] = {
		{ NULL, "required" },
		{ "", "required" },
		{ "19860926201505100", "exactly 18 digits" },   /* 17 */
		{ "1986092620150510011", "exactly 18 digits" }, /* 19 */
		{ "1", "exactly 18 digits" },
		{ "198609262015051001198609262015051001", "exactly 18 digits" },
		{ "19860926 201505 1 001", "digits only" },
		{ "1986092620150510a1", "digits only" },
		{ "+98609262015051001", "digits only" },
		{ "198609262015051001 ", "digits only" },
		{ " 198609262015051001", "digits only" },
		{ "19860926201505100\xd9\xa1", "digits only" }, /* Arabic-Indic one */
	};
	run_cases(cases, sizeof cases / sizeof cases[0]);
}

static void test_birth_date(void **state)
{
	(void)state;
	static const struct nip_case cases[] = {
		{ "194001011960011001", NULL },                 /* first accepted year */
		{ "193912312000011001", "birth year" },
		{ "201301012030011001", NULL },                 /* born 2013, start 2030 */
		{ "201601012030011001", "birth year" },
		{ "000001012015051001", "birth year" },
		{ "198600262015051001", "birth month" },
		{ "198613262015051001", "birth month" },
		{ "198609002015051001", "birth date" },
		{ "198609312015051001", "birth date" },         /* 31 September */
		{ "198602302015051001", "birth date" },         /* 30 February */
		{ "198602292015051001", "birth date" },         /* 1986 not a leap year */
		{ "198802292015051001", NULL },                 /* 1988 is */
		{ "200002292020011002", NULL },                 /* 2000: divisible by 400 */
		{ "199901312020011001", NULL },
		{ "199912312020011001", NULL },
		{ "199904312020011001", "birth date" },         /* 31 April */
		{ "199902292020011001", "birth date" },
	};
	run_cases(cases, sizeof cases / sizeof cases[0]);
}

static void test_pns_start(void **state)
{
	(void)state;
	static const struct nip_case cases[] = {
		{ "198609262015001001", "start month" },        /* month 00 */
		{ "198609262015131001", "start month" },        /* month 13 */
		{ "198609262015191001", "start month" },
		{ "198609262015011001", NULL },
		{ "198609262015121001", NULL },
		{ "198609261985011001", "before the birth date" },
		{ "198609261986081001", "before the birth date" }, /* same year, earlier month */
		{ "198609261986091001", "at least 17 years" },
		{ "198609262002121001", "at least 17 years" },  /* 16 years */
		{ "198609262003011001", NULL },                 /* 17 years */
		{ "198609262030121001", NULL },
		{ "198609262031011001", "later than 2030" },
		{ "198609269999011001", "later than 2030" },
	};
	run_cases(cases, sizeof cases / sizeof cases[0]);
}

static void test_kind_digit(void **state)
{
	(void)state;
	static const struct nip_case cases[] = {
		{ "198609262015351001", "Digit 13" },
		{ "198609262015901001", "Digit 13" },
		{ "199003152023211005", NULL },                 /* 2 then batch: PPPK */
	};
	run_cases(cases, sizeof cases / sizeof cases[0]);
	struct nip_info n;
	assert_int_equal(nip_parse("198609262015101001", &n), 0);
	assert_int_equal(n.kind, NIP_PNS);
	assert_int_equal(n.start_month, 10);
	assert_int_equal(nip_parse("198609262015091001", &n), 0);
	assert_int_equal(n.kind, NIP_PNS);
	assert_int_equal(n.start_month, 9);
}

static void test_pppk(void **state)
{
	(void)state;
	static const struct nip_case cases[] = {
		{ "199003152023211005", NULL },
		{ "199003152023291005", NULL },                 /* batch 9 */
		{ "199003152023201005", "batch digit" },        /* batch 0 */
		{ "199003152023213005", "gender digit" },
		{ "199003152023210005", "gender digit" },
		{ "199003152023211000", "may not be 000" },
		{ "199003151989211005", "before the birth date" },
		{ "199003151990211005", "at least 17 years" },
		{ "199003152006211005", "at least 17 years" },
		{ "199003152007211005", NULL },
		{ "199003152031211005", "later than 2030" },
		{ "199002302023211005", "birth date" },
	};
	run_cases(cases, sizeof cases / sizeof cases[0]);
}

static void test_gender_and_sequence(void **state)
{
	(void)state;
	static const struct nip_case cases[] = {
		{ "198609262015051001", NULL },
		{ "198609262015052001", NULL },
		{ "198609262015050001", "gender digit" },
		{ "198609262015053001", "gender digit" },
		{ "198609262015059001", "gender digit" },
		{ "198609262015051000", "may not be 000" },
		{ "198609262015051999", NULL },
		{ "198609262015051010", NULL },
	};
	run_cases(cases, sizeof cases / sizeof cases[0]);
	struct nip_info n;
	assert_int_equal(nip_parse("198609262015052999", &n), 0);
	assert_int_equal(n.gender, NIP_GENDER_FEMALE);
	assert_int_equal(n.sequence, 999);
}

/* The first fault reading left to right is the one reported. */
static void test_first_fault_wins(void **state)
{
	(void)state;
	static const struct nip_case cases[] = {
		{ "198613262015133000", "birth month" },
		{ "198609262015133000", "start month" },
		{ "198609262015053000", "gender digit" },
	};
	run_cases(cases, sizeof cases / sizeof cases[0]);
}

/* Both languages are given for every fault, as full short sentences. */
static void test_messages(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"", "x", "1986", "193901012000011001", "198613262015051001", "198602302015051001",
		"198609262015351001", "198609262015131001", "199003152023201005",
		"198609262031011001", "198609261985011001", "198609262002011001",
		"198609262015053001", "198609262015051000",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		const char *en = NULL;
		const char *id = nip_problem(bad[i], &en);
		assert_non_null(id);
		assert_non_null(en);
		assert_true(strlen(id) > 10 && strlen(id) < 120);
		assert_true(strlen(en) > 10 && strlen(en) < 120);
		assert_int_equal(id[strlen(id) - 1], '.');
		assert_int_equal(en[strlen(en) - 1], '.');
		assert_string_not_equal(id, en);
	}
	const char *en = NULL;
	assert_string_equal(nip_problem("198609262015051000", &en),
		"Nomor urut pada NIP (angka 16-18) tidak boleh 000.");
	assert_string_equal(nip_problem("198609262002011001", &en),
		"Tahun TMT pada NIP harus sedikitnya 17 tahun setelah tahun lahir.");
	assert_string_equal(en, "The start year in the NIP must be at least 17 years after the birth year.");
}

static void test_date_exists(void **state)
{
	(void)state;
	assert_true(nip_date_exists(2024, 2, 29));
	assert_true(nip_date_exists(2000, 2, 29));
	assert_false(nip_date_exists(1900, 2, 29));
	assert_false(nip_date_exists(2023, 2, 29));
	assert_true(nip_date_exists(2023, 2, 28));
	assert_true(nip_date_exists(2023, 12, 31));
	assert_false(nip_date_exists(2023, 11, 31));
	assert_false(nip_date_exists(2023, 0, 1));
	assert_false(nip_date_exists(2023, 13, 1));
	assert_false(nip_date_exists(2023, 1, 0));
	assert_false(nip_date_exists(0, 1, 1));
	assert_false(nip_date_exists(10000, 1, 1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_example_pns),
		cmocka_unit_test(test_example_pppk),
		cmocka_unit_test(test_shape),
		cmocka_unit_test(test_birth_date),
		cmocka_unit_test(test_pns_start),
		cmocka_unit_test(test_kind_digit),
		cmocka_unit_test(test_pppk),
		cmocka_unit_test(test_gender_and_sequence),
		cmocka_unit_test(test_first_fault_wins),
		cmocka_unit_test(test_messages),
		cmocka_unit_test(test_date_exists),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
