/* test_special.c - the life of a special-circumstances request (Permen
 * PANRB 4/2025 Pasal 30): every action from every status, who may take it,
 * the period, and the evidence types. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "domain/special.h"

/* A request with a plan and one file, acted on by its owner or by the head. */
static struct special_facts facts(enum special_status s, bool owner)
{
	return (struct special_facts){.status = s, .evidence_files = 1, .outputs = 1, .actor_is_owner = owner,
				      .has_note = true};
}

static void test_table(void **state)
{
	(void)state;
	/* expected next status per (status, action); -1 refused. Filing actions by
	 * the owner, decisions by the head. */
	static const int want[SPECIAL_STATUS_N][SPECIAL_ACTION_N] = {
		/* revise, evidence, submit, approve, refuse, changes */
		[SPECIAL_DRAFT] = {SPECIAL_DRAFT, SPECIAL_DRAFT, SPECIAL_SUBMITTED, -1, -1, -1},
		[SPECIAL_SUBMITTED] = {-1, -1, -1, SPECIAL_APPROVED, SPECIAL_REFUSED, SPECIAL_CHANGES_REQUESTED},
		[SPECIAL_CHANGES_REQUESTED] = {SPECIAL_CHANGES_REQUESTED, SPECIAL_CHANGES_REQUESTED, SPECIAL_SUBMITTED,
					       -1, -1, -1},
		[SPECIAL_APPROVED] = {-1, -1, -1, -1, -1, -1},
		[SPECIAL_REFUSED] = {-1, -1, -1, -1, -1, -1},
	};
	for (int s = 0; s < SPECIAL_STATUS_N; s++)
		for (int a = 0; a < SPECIAL_ACTION_N; a++) {
			struct special_facts f = facts((enum special_status)s, a <= SPECIAL_SUBMIT);
			enum special_status to = SPECIAL_STATUS_N;
			enum special_problem p = special_next((enum special_action)a, &f, &to);
			if (want[s][a] < 0) {
				assert_int_equal(p, SPECIAL_BAD_STATE);
				assert_int_equal(to, SPECIAL_STATUS_N);
			} else {
				assert_int_equal(p, SPECIAL_OK);
				assert_int_equal(to, want[s][a]);
			}
		}
}

static void test_nobody_decides_their_own(void **state)
{
	(void)state;
	enum special_status to;
	for (int a = SPECIAL_APPROVE; a <= SPECIAL_REQUEST_CHANGES; a++) {
		struct special_facts f = facts(SPECIAL_SUBMITTED, true);
		assert_int_equal(special_next((enum special_action)a, &f, &to), SPECIAL_OWN_REQUEST);
	}
	for (int a = SPECIAL_REVISE; a <= SPECIAL_SUBMIT; a++) {
		struct special_facts f = facts(SPECIAL_DRAFT, false);
		assert_int_equal(special_next((enum special_action)a, &f, &to), SPECIAL_NOT_OWNER);
	}
}

static void test_submit_needs_evidence_and_plan(void **state)
{
	(void)state;
	enum special_status to;
	struct special_facts f = facts(SPECIAL_DRAFT, true);
	f.evidence_files = 0;
	assert_int_equal(special_next(SPECIAL_SUBMIT, &f, &to), SPECIAL_NO_EVIDENCE);
	f.evidence_files = 1;
	f.outputs = 0;
	assert_int_equal(special_next(SPECIAL_SUBMIT, &f, &to), SPECIAL_NO_PLAN);
	f = facts(SPECIAL_CHANGES_REQUESTED, true);
	f.evidence_files = SPECIAL_EVIDENCE_MAX_FILES;
	assert_int_equal(special_next(SPECIAL_ADD_EVIDENCE, &f, &to), SPECIAL_TOO_MANY_FILES);
	assert_int_equal(special_next(SPECIAL_SUBMIT, &f, &to), SPECIAL_OK);
}

static void test_refusal_and_changes_need_a_note(void **state)
{
	(void)state;
	enum special_status to;
	struct special_facts f = facts(SPECIAL_SUBMITTED, false);
	f.has_note = false;
	assert_int_equal(special_next(SPECIAL_REFUSE, &f, &to), SPECIAL_NOTE_NEEDED);
	assert_int_equal(special_next(SPECIAL_REQUEST_CHANGES, &f, &to), SPECIAL_NOTE_NEEDED);
	assert_int_equal(special_next(SPECIAL_APPROVE, &f, &to), SPECIAL_OK);
	assert_int_equal(to, SPECIAL_APPROVED);
}

static void test_period(void **state)
{
	(void)state;
	struct special_period_problem p;
	assert_true(special_period_ok("2026-03-01", "2026-03-31", "2026-02-20", &p));
	assert_true(special_period_ok("2026-02-01", "2026-03-01", "2026-03-01", &p)); /* started, not ended */
	assert_false(special_period_ok("2026-03-31", "2026-03-01", "2026-02-20", &p));
	assert_string_equal(p.field, "period_to");
	assert_false(special_period_ok("2026-01-01", "2026-01-31", "2026-02-20", &p));
	assert_true(special_period_ok("2026-01-01", "2026-12-31", "2026-01-01", &p));
	assert_false(special_period_ok("2026-01-01", "2027-01-02", "2026-01-01", &p));
	assert_int_equal(special_days_between("2024-02-28", "2024-03-01"), 2); /* leap year */
	assert_int_equal(special_days_between("2025-12-31", "2026-01-01"), 1);
	assert_int_equal(special_days_between("2026-03-01", "2026-02-01"), -28);
}

static void test_evidence_types(void **state)
{
	(void)state;
	const unsigned char pdf[] = "%PDF-1.7\n...", png[] = "\x89PNG\r\n\x1a\n....", jpg[] = "\xff\xd8\xff\xe0....";
	assert_string_equal(special_evidence_type("application/pdf", pdf, sizeof pdf - 1), "application/pdf");
	assert_string_equal(special_evidence_type("image/png", png, sizeof png - 1), "image/png");
	assert_string_equal(special_evidence_type("image/jpeg", jpg, sizeof jpg - 1), "image/jpeg");
	assert_string_equal(special_evidence_type("IMAGE/PNG; name=x", png, sizeof png - 1), "image/png");
	assert_null(special_evidence_type("image/png", pdf, sizeof pdf - 1));   /* content does not match */
	assert_null(special_evidence_type("image/gif", png, sizeof png - 1));   /* unsupported */
	assert_null(special_evidence_type("image/pngx", png, sizeof png - 1));
	assert_null(special_evidence_type("application/pdf", pdf, 5));          /* the magic only */
	assert_null(special_evidence_type(NULL, pdf, sizeof pdf - 1));
}

static void test_names(void **state)
{
	(void)state;
	for (int s = 0; s < SPECIAL_STATUS_N; s++)
		assert_int_equal(special_status_parse(special_status_name((enum special_status)s)), s);
	assert_int_equal(special_status_parse("pending"), -1);
	assert_int_equal(special_status_parse(NULL), -1);
	assert_string_equal(special_action_name(SPECIAL_REQUEST_CHANGES), "request_changes");
	assert_string_equal(special_status_name(SPECIAL_STATUS_N), "unknown");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),           cmocka_unit_test(test_nobody_decides_their_own),
		cmocka_unit_test(test_submit_needs_evidence_and_plan), cmocka_unit_test(test_refusal_and_changes_need_a_note),
		cmocka_unit_test(test_period),          cmocka_unit_test(test_evidence_types),
		cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
