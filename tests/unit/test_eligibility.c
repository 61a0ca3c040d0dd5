/* test_eligibility.c - every rule of Permen PANRB 4/2025 as fleksi applies
 * it, one at a time, with its explanation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "domain/eligibility.h"
#include "domain/nip.h"

#define DATE "2026-03-02"
#define BIT(r) (1u << (r))

struct fixture {
	struct jobclass_profile duty;
	struct elig_person person;
	struct elig_policy policy;
	struct elig_exception exception;
	struct elig_input in;
	struct elig_decision d;
};

/* A planner at a desk, long in service, with a recorded domicile: every rule passes. */
static void setup(struct fixture *f)
{
	memset(f, 0, sizeof *f);
	f->duty = (struct jobclass_profile){.family = "perencanaan", .criteria = JC_CRITERIA_ALL, .time = JT_DINAMIS,
					    .matched = "Perencana"};
	f->person = (struct elig_person){.employment = "pns", .service_start = "2015-05-01", .has_domicile = true};
	elig_policy_default(&f->policy, DATE, true);
	f->in = (struct elig_input){DATE, &f->duty, &f->person, &f->policy, NULL, NULL};
}

static void decide(struct fixture *f)
{
	elig_decide(&f->in, &f->d);
}

static bool has_reason(struct fixture *f, enum elig_kind k, enum elig_rule r, bool passed, const char *basis)
{
	struct elig_reason out[ELIG_RULES_N];
	int n = elig_explain(&f->in, k, &f->d.kind[k], out, ELIG_RULES_N);
	for (int i = 0; i < n; i++)
		if (out[i].rule == r && out[i].passed == passed) {
			assert_true(strlen(out[i].message_id) > 10);
			assert_true(strlen(out[i].message_en) > 10);
			if (basis)
				assert_string_equal(out[i].basis, basis);
			return true;
		}
	return false;
}

static void test_all_pass(void **state)
{
	(void)state;
	struct fixture f;
	setup(&f);
	decide(&f);
	for (int k = 0; k < ELIG_LOCATION_N; k++) {
		assert_true(f.d.kind[k].eligible);
		assert_int_equal(f.d.kind[k].failed, 0);
		/* A "yes" names every rule it passed. */
		struct elig_reason out[ELIG_RULES_N];
		int n = elig_explain(&f.in, (enum elig_kind)k, &f.d.kind[k], out, ELIG_RULES_N);
		assert_int_equal(n, __builtin_popcount(f.d.kind[k].checked));
		for (int i = 0; i < n; i++)
			assert_true(out[i].passed);
		assert_true(has_reason(&f, (enum elig_kind)k, ELIG_R_MINIMAL_FACE_TO_FACE, true, "Permen PANRB 4/2025 Pasal 11"));
		assert_true(has_reason(&f, (enum elig_kind)k, ELIG_R_NO_DISCIPLINE_CASE, true,
				       "Permen PANRB 4/2025 Pasal 25 ayat (1)"));
	}
	assert_true(has_reason(&f, ELIG_WFH, ELIG_R_DOMICILE_RECORDED, true, "Permen PANRB 4/2025 Pasal 12"));
	assert_false(has_reason(&f, ELIG_WFA, ELIG_R_DOMICILE_RECORDED, true, NULL));
	assert_false(f.d.kind[ELIG_SHIFT].eligible);
	assert_true(f.d.kind[ELIG_DINAMIS].eligible);
}

/* Each of the five Pasal 11 criteria, alone, bars every location mode. */
static void test_each_pasal_11_criterion(void **state)
{
	(void)state;
	for (int i = 0; i < JC_CRITERIA_N; i++) {
		struct fixture f;
		setup(&f);
		f.duty.criteria = JC_CRITERIA_ALL & ~(1u << i);
		decide(&f);
		for (int k = 0; k < ELIG_LOCATION_N; k++) {
			assert_false(f.d.kind[k].eligible);
			assert_int_equal(f.d.kind[k].failed, BIT(ELIG_R_OUTSIDE_OFFICE + i));
			assert_true(has_reason(&f, (enum elig_kind)k, (enum elig_rule)(ELIG_R_OUTSIDE_OFFICE + i), false,
					       "Permen PANRB 4/2025 Pasal 11"));
		}
		assert_true(f.d.kind[ELIG_DINAMIS].eligible); /* time flexibility does not use Pasal 11 */
	}
}

/* Every "no" names each rule that failed, and only those. */
static void test_no_names_every_failure(void **state)
{
	(void)state;
	struct fixture f;
	setup(&f);
	f.duty.criteria = JC_NO_CONTINUOUS_SUPERVISION;
	f.person.open_case = true;
	f.person.employment = "cpns";
	f.person.has_domicile = false;
	decide(&f);
	struct elig_reason out[ELIG_RULES_N];
	int n = elig_explain(&f.in, ELIG_WFH, &f.d.kind[ELIG_WFH], out, ELIG_RULES_N);
	assert_int_equal(n, 4 + 1 + 1 + 1);
	for (int i = 0; i < n; i++)
		assert_false(out[i].passed);
	n = elig_explain(&f.in, ELIG_WFA, &f.d.kind[ELIG_WFA], out, ELIG_RULES_N);
	assert_int_equal(n, 6);
}

static void test_unclassified(void **state)
{
	(void)state;
	struct fixture f;
	setup(&f);
	f.duty = (struct jobclass_profile){.family = "lainnya", .unclassified = true};
	decide(&f);
	for (int k = 0; k < ELIG_KINDS_N; k++) {
		assert_false(f.d.kind[k].eligible);
		assert_int_equal(f.d.kind[k].failed, BIT(ELIG_R_DUTY_CLASSIFIED));
	}
	assert_true(has_reason(&f, ELIG_WFA, ELIG_R_DUTY_CLASSIFIED, false, "Permen PANRB 4/2025 Pasal 11"));
}

static void test_domicile_only_for_wfh(void **state)
{
	(void)state;
	struct fixture f;
	setup(&f);
	f.person.has_domicile = false;
	decide(&f);
	assert_false(f.d.kind[ELIG_WFH].eligible);
	assert_int_equal(f.d.kind[ELIG_WFH].failed, BIT(ELIG_R_DOMICILE_RECORDED));
	assert_true(f.d.kind[ELIG_WFA].eligible);
	assert_true(f.d.kind[ELIG_KANTOR_LAIN].eligible);
}

static void test_discipline(void **state)
{
	(void)state;
	struct fixture f;
	setup(&f);
	f.person.open_case = true;
	decide(&f);
	for (int k = 0; k < ELIG_KINDS_N; k++)
		assert_true(f.d.kind[k].failed & BIT(ELIG_R_NO_DISCIPLINE_CASE));
	assert_true(has_reason(&f, ELIG_WFA, ELIG_R_NO_DISCIPLINE_CASE, false, "Permen PANRB 4/2025 Pasal 25 ayat (1)"));
	setup(&f);
	f.person.running_sanction = true;
	f.person.sanction_code = "potongan_tpp_25_6";
	f.person.sanction_until = "2026-06-30";
	decide(&f);
	assert_int_equal(f.d.kind[ELIG_WFA].failed, BIT(ELIG_R_NO_RUNNING_SANCTION));
	struct elig_reason out[ELIG_RULES_N];
	elig_explain(&f.in, ELIG_WFA, &f.d.kind[ELIG_WFA], out, ELIG_RULES_N);
	assert_non_null(strstr(out[0].message_id, "potongan_tpp_25_6"));
	assert_non_null(strstr(out[0].message_en, "2026-06-30"));
}

static void test_new_employee(void **state)
{
	(void)state;
	struct fixture f;
	setup(&f);
	f.person.employment = "cpns";
	decide(&f);
	assert_int_equal(f.d.kind[ELIG_WFA].failed, BIT(ELIG_R_NOT_NEW_EMPLOYEE));
	assert_true(has_reason(&f, ELIG_WFA, ELIG_R_NOT_NEW_EMPLOYEE, false, "Permen PANRB 4/2025 Pasal 25 ayat (1)"));
	/* A PPPK appointed 11 months before the date is new; 12 months is not. */
	setup(&f);
	f.person.employment = "pppk";
	f.person.service_start = "2025-04-02";
	decide(&f);
	assert_false(f.d.kind[ELIG_WFA].eligible);
	f.person.service_start = "2025-03-02";
	decide(&f);
	assert_true(f.d.kind[ELIG_WFA].eligible);
	/* The period is a setting of the policy. */
	f.policy.new_employee_months = 24;
	decide(&f);
	assert_false(f.d.kind[ELIG_WFA].eligible);
	f.policy.new_employee_months = 0;
	decide(&f);
	assert_true(f.d.kind[ELIG_WFA].eligible);
	/* Service starting after the date counts as new. */
	f.person.service_start = "2026-04-01";
	decide(&f);
	assert_false(f.d.kind[ELIG_WFA].eligible);
	/* Unknown start: not presumed new. */
	f.person.service_start = NULL;
	decide(&f);
	assert_true(f.d.kind[ELIG_WFA].eligible);
}

static void test_excluded_group(void **state)
{
	(void)state;
	struct fixture f;
	setup(&f);
	f.person.excluded_group = "polri";
	decide(&f);
	for (int k = 0; k < ELIG_KINDS_N; k++)
		assert_true(f.d.kind[k].failed & BIT(ELIG_R_NOT_EXCLUDED_GROUP));
	assert_true(has_reason(&f, ELIG_KANTOR_LAIN, ELIG_R_NOT_EXCLUDED_GROUP, false, "Permen PANRB 4/2025 Pasal 38"));
	f.person.excluded_group = "";
	decide(&f);
	assert_true(f.d.kind[ELIG_WFA].eligible);
}

static void test_policy(void **state)
{
	(void)state;
	struct fixture f;
	setup(&f);
	/* Before the regulation there is no policy in force. */
	elig_policy_default(&f.policy, "2025-04-20", true);
	f.in.date = "2025-04-20";
	decide(&f);
	assert_int_equal(f.d.kind[ELIG_WFA].failed, BIT(ELIG_R_POLICY_IN_FORCE));
	assert_true(has_reason(&f, ELIG_WFA, ELIG_R_POLICY_IN_FORCE, false, "Permen PANRB 4/2025"));
	/* An agency that did not adopt flexible work. */
	setup(&f);
	f.policy.enabled = false;
	decide(&f);
	for (int k = 0; k < ELIG_KINDS_N; k++)
		assert_int_equal(f.d.kind[k].failed & ~BIT(ELIG_R_SHIFT_DUTY), BIT(ELIG_R_AGENCY_ENABLED));
	/* A mode the policy does not allow. */
	setup(&f);
	f.policy.kinds = ELIG_KIND_BIT(ELIG_WFH) | ELIG_KIND_BIT(ELIG_KANTOR_LAIN);
	decide(&f);
	assert_true(f.d.kind[ELIG_WFH].eligible);
	assert_true(f.d.kind[ELIG_KANTOR_LAIN].eligible);
	assert_int_equal(f.d.kind[ELIG_WFA].failed, BIT(ELIG_R_MODE_ALLOWED));
	assert_true(has_reason(&f, ELIG_WFA, ELIG_R_MODE_ALLOWED, false, "Permen PANRB 4/2025 Pasal 12"));
	assert_int_equal(f.d.kind[ELIG_DINAMIS].failed, BIT(ELIG_R_MODE_ALLOWED));
	assert_true(has_reason(&f, ELIG_DINAMIS, ELIG_R_MODE_ALLOWED, false, "Permen PANRB 4/2025 Pasal 17"));
}

static void test_overrides(void **state)
{
	(void)state;
	struct elig_policy p;
	elig_policy_default(&p, DATE, true);
	assert_int_equal(p.max_remote_days_per_week, 2);
	assert_int_equal(p.kinds, ELIG_KINDS_ALL);
	struct elig_override ov[2] = {
		{.has_enabled = true, .enabled = false, .max_remote_days_per_week = 1, .max_share_away_pct = -1},
		{.has_enabled = true, .enabled = true, .has_kinds = true, .kinds = ELIG_KIND_BIT(ELIG_WFH),
		 .max_remote_days_per_week = -1, .max_share_away_pct = 20},
	};
	elig_policy_override(&p, ov, 1);
	assert_false(p.enabled);
	assert_int_equal(p.max_remote_days_per_week, 1);
	elig_policy_override(&p, ov + 1, 1);
	assert_true(p.enabled);
	assert_int_equal(p.kinds, ELIG_KIND_BIT(ELIG_WFH));
	assert_int_equal(p.max_remote_days_per_week, 1);
	assert_int_equal(p.max_share_away_pct, 20);
}

static void test_exception(void **state)
{
	(void)state;
	struct fixture f;
	setup(&f);
	f.duty.criteria = JC_NO_CONTINUOUS_SUPERVISION;
	f.exception = (struct elig_exception){ELIG_EXC_GRANT, "2026-12-31", "Pemulihan pascaoperasi", "kepala.x"};
	f.in.exception = &f.exception;
	decide(&f);
	/* A grant waives the Pasal 11 duty rules and is shown. */
	assert_true(f.d.kind[ELIG_WFA].eligible);
	assert_int_equal(f.d.kind[ELIG_WFA].waived, JC_CRITERIA_ALL << ELIG_R_OUTSIDE_OFFICE & ~BIT(ELIG_R_NO_CONTINUOUS_SUPERVISION));
	assert_true(has_reason(&f, ELIG_WFA, ELIG_R_EXCEPTION, true, NULL));
	struct elig_reason out[ELIG_RULES_N];
	int n = elig_explain(&f.in, ELIG_WFA, &f.d.kind[ELIG_WFA], out, ELIG_RULES_N), waived = 0;
	for (int i = 0; i < n; i++)
		waived += out[i].waived;
	assert_int_equal(waived, 4);
	/* ... but not a legal bar, and the exception is still named. */
	f.person.open_case = true;
	decide(&f);
	assert_false(f.d.kind[ELIG_WFA].eligible);
	assert_int_equal(f.d.kind[ELIG_WFA].failed, BIT(ELIG_R_NO_DISCIPLINE_CASE));
	assert_true(has_reason(&f, ELIG_WFA, ELIG_R_EXCEPTION, true, NULL));
	/* A refusal bars a duty that would qualify. */
	setup(&f);
	f.exception = (struct elig_exception){ELIG_EXC_REFUSE, "2026-12-31", "Layanan loket kekurangan staf", "kepala.x"};
	f.in.exception = &f.exception;
	decide(&f);
	assert_int_equal(f.d.kind[ELIG_WFH].failed, BIT(ELIG_R_EXCEPTION));
	n = elig_explain(&f.in, ELIG_WFH, &f.d.kind[ELIG_WFH], out, ELIG_RULES_N);
	assert_int_equal(n, 1);
	assert_non_null(strstr(out[0].message_id, "Layanan loket"));
	assert_true(f.d.kind[ELIG_DINAMIS].eligible); /* exceptions are about location */
}

static void test_time_kinds(void **state)
{
	(void)state;
	struct fixture f;
	setup(&f);
	f.duty.time = JT_SHIFT;
	decide(&f);
	assert_true(f.d.kind[ELIG_SHIFT].eligible);
	assert_int_equal(f.d.kind[ELIG_DINAMIS].failed, BIT(ELIG_R_DINAMIS_DUTY));
	assert_true(has_reason(&f, ELIG_SHIFT, ELIG_R_SHIFT_DUTY, true, "Permen PANRB 4/2025 Pasal 17"));
	f.person.open_case = true;
	decide(&f);
	assert_false(f.d.kind[ELIG_SHIFT].eligible);
}

static void test_service_start_and_months(void **state)
{
	(void)state;
	char out[11];
	assert_int_equal(nip_parse("198609262015051001", NULL), 0);
	assert_true(elig_service_start("198609262015051001", "2020-01-01", out));
	assert_string_equal(out, "2015-05-01");
	assert_int_equal(nip_parse("199001012022211001", NULL), 0);
	assert_true(elig_service_start("199001012022211001", "2023-02-01", out));
	assert_string_equal(out, "2022-01-01");
	assert_true(elig_service_start("bad", "2023-02-01", out));
	assert_string_equal(out, "2023-02-01");
	assert_false(elig_service_start("bad", "nope", out));
	assert_int_equal(elig_months_between("2025-01-31", "2025-02-28"), 0);
	assert_int_equal(elig_months_between("2025-01-15", "2025-02-15"), 1);
	assert_int_equal(elig_months_between("2024-03-01", "2026-03-01"), 24);
	assert_int_equal(elig_months_between("2026-03-01", "2025-03-01"), -12);
}

/* An approved Pasal 30 request is shown, as passed, in every location mode,
 * "yes" or "no", and changes no verdict. */
static void test_special_circumstances(void **state)
{
	(void)state;
	struct fixture f;
	struct elig_special sp = {42, "2026-03-01", "2026-03-31", "kepala.bappeda"};
	setup(&f);
	f.in.special = &sp;
	decide(&f);
	for (int k = 0; k < ELIG_LOCATION_N; k++) {
		assert_true(f.d.kind[k].eligible);
		assert_true(has_reason(&f, (enum elig_kind)k, ELIG_R_SPECIAL_CIRCUMSTANCES, true, "Permen PANRB 4/2025 Pasal 30"));
	}
	assert_false(has_reason(&f, ELIG_SHIFT, ELIG_R_SPECIAL_CIRCUMSTANCES, true, NULL));
	f.person.open_case = true;
	decide(&f);
	assert_false(f.d.kind[ELIG_WFH].eligible);
	assert_int_equal(f.d.kind[ELIG_WFH].failed, BIT(ELIG_R_NO_DISCIPLINE_CASE));
	assert_true(has_reason(&f, ELIG_WFH, ELIG_R_SPECIAL_CIRCUMSTANCES, true, NULL));
	struct elig_reason out[ELIG_RULES_N];
	int n = elig_explain(&f.in, ELIG_WFA, &f.d.kind[ELIG_WFA], out, ELIG_RULES_N);
	bool named = false;
	for (int i = 0; i < n; i++)
		if (out[i].rule == ELIG_R_SPECIAL_CIRCUMSTANCES)
			named = strstr(out[i].message_id, "2026-03-31") && strstr(out[i].message_en, "kepala.bappeda") &&
				strstr(out[i].message_en, "2 location-flexible days");
	assert_true(named);
}

static void test_names(void **state)
{
	(void)state;
	const char *kinds[] = {"wfh", "wfa", "kantor_lain", "shift", "dinamis"};
	for (int k = 0; k < ELIG_KINDS_N; k++) {
		assert_string_equal(elig_kind_name((enum elig_kind)k), kinds[k]);
		assert_int_equal(elig_kind_parse(kinds[k]), k);
	}
	assert_int_equal(elig_kind_parse("home"), -1);
	assert_int_equal(elig_kind_parse(NULL), -1);
	for (int r = 0; r < ELIG_RULES_N; r++)
		assert_string_not_equal(elig_rule_name((enum elig_rule)r), "unknown");
	assert_string_equal(elig_rule_name(ELIG_RULES_N), "unknown");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_all_pass),           cmocka_unit_test(test_each_pasal_11_criterion),
		cmocka_unit_test(test_no_names_every_failure), cmocka_unit_test(test_unclassified),
		cmocka_unit_test(test_domicile_only_for_wfh), cmocka_unit_test(test_discipline),
		cmocka_unit_test(test_new_employee),       cmocka_unit_test(test_excluded_group),
		cmocka_unit_test(test_policy),             cmocka_unit_test(test_overrides),
		cmocka_unit_test(test_exception),          cmocka_unit_test(test_time_kinds),
		cmocka_unit_test(test_service_start_and_months), cmocka_unit_test(test_names),
		cmocka_unit_test(test_special_circumstances),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
