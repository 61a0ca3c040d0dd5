/* test_roles.c - the access rules, role by role. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "auth/roles.h"

static struct actor make(unsigned roles, int64_t employee_id, const char *opd_path)
{
	struct actor a;
	memset(&a, 0, sizeof a);
	a.roles = roles;
	a.employee_id = employee_id;
	if (opd_path)
		strcpy(a.opd_path, opd_path);
	return a;
}

static void test_anonymous(void **state)
{
	(void)state;
	struct access_target t = {.unit_path = "/1/"};
	assert_true(roles_allows(NULL, ACCESS_PUBLIC, NULL));
	for (int need = ACCESS_SESSION; need <= ACCESS_UNIT_WRITE; need++)
		assert_false(roles_allows(NULL, (enum access)need, &t));
}

static void test_pegawai_sees_only_self(void **state)
{
	(void)state;
	struct actor a = make(ROLE_PEGAWAI, 7, NULL);
	struct access_target self = {.is_self = true, .unit_path = "/1/2/"}, other = {.unit_path = "/1/2/"};
	assert_true(roles_allows(&a, ACCESS_SESSION, NULL));
	assert_true(roles_allows(&a, ACCESS_EMPLOYEE_READ, &self));
	assert_false(roles_allows(&a, ACCESS_EMPLOYEE_READ, &other));
	assert_false(roles_allows(&a, ACCESS_EMPLOYEE_WRITE, &self));
	assert_false(roles_allows(&a, ACCESS_READ_ALL, NULL));
	assert_false(roles_allows(&a, ACCESS_ADMIN, NULL));
}

static void test_atasan_sees_subordinates(void **state)
{
	(void)state;
	struct actor a = make(ROLE_PEGAWAI | ROLE_ATASAN, 7, NULL);
	struct access_target sub = {.is_subordinate = true, .unit_path = "/9/"}, peer = {.unit_path = "/9/"};
	assert_true(roles_allows(&a, ACCESS_EMPLOYEE_READ, &sub));
	assert_false(roles_allows(&a, ACCESS_EMPLOYEE_READ, &peer));
	assert_false(roles_allows(&a, ACCESS_EMPLOYEE_WRITE, &sub));
}

static void test_kepala_opd_within_body(void **state)
{
	(void)state;
	struct actor a = make(ROLE_KEPALA_OPD | ROLE_PEGAWAI, 3, "/1/5/");
	struct access_target inside = {.unit_path = "/1/5/17/"}, itself = {.unit_path = "/1/5/"},
			     outside = {.unit_path = "/1/6/"}, prefix_trap = {.unit_path = "/1/55/"};
	assert_true(roles_allows(&a, ACCESS_EMPLOYEE_READ, &inside));
	assert_true(roles_allows(&a, ACCESS_EMPLOYEE_WRITE, &inside));
	assert_true(roles_allows(&a, ACCESS_UNIT_WRITE, &itself));
	assert_false(roles_allows(&a, ACCESS_EMPLOYEE_READ, &outside));
	assert_false(roles_allows(&a, ACCESS_UNIT_WRITE, &outside));
	assert_false(roles_allows(&a, ACCESS_EMPLOYEE_READ, &prefix_trap)); /* "/1/5" is not "/1/55" */
	assert_false(roles_allows(&a, ACCESS_ADMIN, NULL));
}

static void test_admin_everything(void **state)
{
	(void)state;
	struct actor a = make(ROLE_ADMIN_BKD, 0, NULL);
	struct access_target any = {.unit_path = "/4/"};
	for (int need = ACCESS_PUBLIC; need <= ACCESS_UNIT_WRITE; need++)
		assert_true(roles_allows(&a, (enum access)need, &any));
}

static void test_inspektorat_reads_never_writes(void **state)
{
	(void)state;
	struct actor a = make(ROLE_INSPEKTORAT, 0, NULL);
	struct access_target any = {.unit_path = "/4/"};
	assert_true(roles_allows(&a, ACCESS_READ_ALL, NULL));
	assert_true(roles_allows(&a, ACCESS_EMPLOYEE_READ, &any));
	assert_false(roles_allows(&a, ACCESS_ADMIN, NULL));
	assert_false(roles_allows(&a, ACCESS_EMPLOYEE_WRITE, &any));
	assert_false(roles_allows(&a, ACCESS_UNIT_WRITE, &any));
}

static void test_scope(void **state)
{
	(void)state;
	struct scope s;
	struct actor a = make(ROLE_PEGAWAI | ROLE_ATASAN | ROLE_KEPALA_OPD, 11, "/2/");
	roles_scope(&a, &s);
	assert_false(s.all);
	assert_string_equal(s.unit_path, "/2/");
	assert_int_equal(s.supervisor_id, 11);
	assert_int_equal(s.self_id, 11);
	a = make(ROLE_INSPEKTORAT, 0, NULL);
	roles_scope(&a, &s);
	assert_true(s.all);
	a = make(ROLE_PEGAWAI, 5, NULL);
	roles_scope(&a, &s);
	assert_false(s.all);
	assert_null(s.unit_path);
	assert_int_equal(s.supervisor_id, 0);
	assert_int_equal(s.self_id, 5);
}

static void test_role_names(void **state)
{
	(void)state;
	assert_int_equal(roles_parse_grantable("pegawai"), ROLE_PEGAWAI);
	assert_int_equal(roles_parse_grantable("kepala_opd"), ROLE_KEPALA_OPD);
	assert_int_equal(roles_parse_grantable("admin_bkd"), ROLE_ADMIN_BKD);
	assert_int_equal(roles_parse_grantable("inspektorat"), ROLE_INSPEKTORAT);
	assert_int_equal(roles_parse_grantable("atasan"), 0); /* derived, never granted */
	assert_int_equal(roles_parse_grantable("root"), 0);
	assert_string_equal(roles_name(ROLE_ATASAN), "atasan");
}

/* ACCESS_UNIT_READ: unit reports; ACCESS_UNIT_HEAD: decisions only the head
 * of the body takes (eligibility exceptions), never about themself. */
static void test_unit_read_and_head(void **state)
{
	(void)state;
	struct actor kepala = make(ROLE_KEPALA_OPD | ROLE_PEGAWAI, 3, "/1/5/"), admin = make(ROLE_ADMIN_BKD, 0, NULL),
		     insp = make(ROLE_INSPEKTORAT, 0, NULL), atasan = make(ROLE_PEGAWAI | ROLE_ATASAN, 9, NULL);
	struct access_target inside = {.unit_path = "/1/5/17/"}, outside = {.unit_path = "/1/6/"},
			     self = {.is_self = true, .unit_path = "/1/5/"}, sub = {.is_subordinate = true, .unit_path = "/1/5/"},
			     whole = {.unit_path = NULL};
	assert_true(roles_allows(&kepala, ACCESS_UNIT_READ, &inside));
	assert_false(roles_allows(&kepala, ACCESS_UNIT_READ, &outside));
	assert_false(roles_allows(&kepala, ACCESS_UNIT_READ, &whole));
	assert_true(roles_allows(&admin, ACCESS_UNIT_READ, &whole));
	assert_true(roles_allows(&insp, ACCESS_UNIT_READ, &outside));
	assert_false(roles_allows(&atasan, ACCESS_UNIT_READ, &sub));
	assert_true(roles_allows(&kepala, ACCESS_UNIT_HEAD, &inside));
	assert_false(roles_allows(&kepala, ACCESS_UNIT_HEAD, &outside));
	assert_false(roles_allows(&kepala, ACCESS_UNIT_HEAD, &self));
	assert_false(roles_allows(&admin, ACCESS_UNIT_HEAD, &inside));
	assert_false(roles_allows(&insp, ACCESS_UNIT_HEAD, &inside));
	assert_false(roles_allows(&atasan, ACCESS_UNIT_HEAD, &sub));
	assert_false(roles_allows(NULL, ACCESS_UNIT_READ, &inside));
	assert_false(roles_allows(NULL, ACCESS_UNIT_HEAD, &inside));
}

/* Special circumstances (Pasal 30): the employee files; kepala_opd of the
 * body or admin_bkd decides, never on their own request; the evidence is
 * read by those and inspektorat, not by the atasan. */
static void test_special_requests(void **state)
{
	(void)state;
	struct actor kepala = make(ROLE_KEPALA_OPD | ROLE_PEGAWAI, 3, "/1/5/"), admin = make(ROLE_ADMIN_BKD, 0, NULL),
		     insp = make(ROLE_INSPEKTORAT, 0, NULL), atasan = make(ROLE_PEGAWAI | ROLE_ATASAN, 9, NULL),
		     pegawai = make(ROLE_PEGAWAI, 7, NULL), admin_emp = make(ROLE_ADMIN_BKD | ROLE_PEGAWAI, 4, NULL);
	struct access_target inside = {.unit_path = "/1/5/17/"}, outside = {.unit_path = "/1/6/"},
			     self = {.is_self = true, .unit_path = "/1/5/"}, sub = {.is_subordinate = true, .unit_path = "/1/5/"};
	assert_true(roles_allows(&pegawai, ACCESS_EMPLOYEE_ACCOUNT, NULL));
	assert_false(roles_allows(&admin, ACCESS_EMPLOYEE_ACCOUNT, NULL));
	assert_true(roles_allows(&pegawai, ACCESS_SPECIAL_FILE, &self));
	assert_false(roles_allows(&kepala, ACCESS_SPECIAL_FILE, &inside));
	assert_false(roles_allows(&admin, ACCESS_SPECIAL_FILE, &inside));
	assert_true(roles_allows(&kepala, ACCESS_SPECIAL_DECIDE, &inside));
	assert_false(roles_allows(&kepala, ACCESS_SPECIAL_DECIDE, &outside));
	assert_false(roles_allows(&kepala, ACCESS_SPECIAL_DECIDE, &self));
	assert_true(roles_allows(&admin, ACCESS_SPECIAL_DECIDE, &outside));
	assert_false(roles_allows(&admin_emp, ACCESS_SPECIAL_DECIDE, &self));
	assert_false(roles_allows(&insp, ACCESS_SPECIAL_DECIDE, &inside));
	assert_false(roles_allows(&atasan, ACCESS_SPECIAL_DECIDE, &sub));
	assert_false(roles_allows(&pegawai, ACCESS_SPECIAL_DECIDE, &self));
	assert_true(roles_allows(&pegawai, ACCESS_SPECIAL_READ, &self));
	assert_true(roles_allows(&kepala, ACCESS_SPECIAL_READ, &inside));
	assert_false(roles_allows(&kepala, ACCESS_SPECIAL_READ, &outside));
	assert_true(roles_allows(&insp, ACCESS_SPECIAL_READ, &outside));
	assert_true(roles_allows(&admin, ACCESS_SPECIAL_READ, &outside));
	assert_false(roles_allows(&atasan, ACCESS_SPECIAL_READ, &sub));
	assert_false(roles_allows(NULL, ACCESS_SPECIAL_READ, &self));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_anonymous),         cmocka_unit_test(test_pegawai_sees_only_self),
		cmocka_unit_test(test_atasan_sees_subordinates), cmocka_unit_test(test_kepala_opd_within_body),
		cmocka_unit_test(test_admin_everything),  cmocka_unit_test(test_inspektorat_reads_never_writes),
		cmocka_unit_test(test_scope),             cmocka_unit_test(test_role_names),
		cmocka_unit_test(test_unit_read_and_head), cmocka_unit_test(test_special_requests),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
