/* test_open311.c - citizens' reports: the service catalogue, the status
 * machine (every pair), deadlines in working days (weekends, the shipped
 * 2026 holidays, the kelurahan 24 h), overdue detection, the "names a
 * person" screen, ISO 8601 times, the median, suppression, and the escaping
 * XML writer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "domain/open311.h"
#include "domain/xml.h"

static int64_t wib(const char *iso)
{
	int64_t t = 0;
	assert_true(open311_parse_datetime(iso, &t));
	return t;
}

static void test_services(void **state)
{
	(void)state;
	int n;
	const struct open311_service *s = open311_services(&n);
	assert_int_equal(n, 5);
	const char *want[] = {"counter_closed", "official_unreachable", "official_absent", "slow_service", "other"};
	for (int i = 0; i < n; i++) {
		assert_string_equal(s[i].code, want[i]);
		assert_ptr_equal(open311_service_find(want[i]), &s[i]);
		assert_true(s[i].nattributes >= 2);
		for (int k = 0; k < s[i].nattributes; k++)
			assert_int_equal(s[i].attributes[k].order, k + 1);
	}
	assert_null(open311_service_find("pothole"));
	assert_null(open311_service_find(NULL));
	const struct open311_service *u = open311_service_find("official_unreachable");
	assert_string_equal(open311_datatype_name(u->attributes[2].datatype), "singlevaluelist");
	assert_true(open311_value_ok(&u->attributes[2], "phone"));
	assert_false(open311_value_ok(&u->attributes[2], "pigeon"));
	assert_string_equal(open311_datatype_name(O311_DATETIME), "datetime");
}

static void test_status_machine(void **state)
{
	(void)state;
	/* rows from, columns to: received verified forwarded in_progress answered closed postponed noa */
	static const int want[REPORT_STATUS_N][REPORT_STATUS_N] = {
		{0, 1, 1, 0, 0, 0, 0, 1}, /* received */
		{0, 0, 1, 1, 1, 0, 1, 1}, /* verified */
		{0, 1, 1, 0, 0, 0, 0, 1}, /* forwarded */
		{0, 0, 1, 0, 1, 0, 1, 0}, /* in_progress */
		{0, 0, 0, 1, 0, 1, 0, 0}, /* answered */
		{0, 0, 0, 0, 0, 0, 0, 0}, /* closed */
		{0, 0, 1, 1, 1, 0, 0, 0}, /* postponed */
		{0, 0, 0, 0, 0, 1, 0, 0}, /* not_our_authority */
	};
	for (int f = 0; f < REPORT_STATUS_N; f++)
		for (int t = 0; t < REPORT_STATUS_N; t++)
			assert_int_equal(report_transition_allowed((enum report_status)f, (enum report_status)t), want[f][t]);
	for (int s = 0; s < REPORT_STATUS_N; s++)
		assert_int_equal(report_status_parse(report_status_name((enum report_status)s)), s);
	assert_int_equal(report_status_parse("archived"), -1);
	assert_true(report_status_is_closed(REPORT_ANSWERED));
	assert_true(report_status_is_closed(REPORT_NOT_OUR_AUTHORITY));
	assert_false(report_status_is_closed(REPORT_POSTPONED));
	assert_false(report_transition_allowed(REPORT_STATUS_N, REPORT_CLOSED));
	/* Substantiated (may become a violation): verified and not declined, forwarded or final. */
	static const int subst[REPORT_STATUS_N] = {0, 1, 0, 1, 1, 0, 1, 0};
	for (int s = 0; s < REPORT_STATUS_N; s++)
		assert_int_equal(report_status_substantiated((enum report_status)s), subst[s]);
}

static void test_working_days(void **state)
{
	(void)state;
	/* Friday 2026-03-06 + 3 working days = Wednesday 2026-03-11 (weekdays only). */
	int32_t fri = date_from_ymd(2026, 3, 6);
	assert_int_equal(open311_add_working_days(NULL, fri, 3), date_from_ymd(2026, 3, 11));
	assert_int_equal(open311_add_working_days(NULL, fri, 0), fri);
	/* Saturday + 1 = Monday. */
	assert_int_equal(open311_add_working_days(NULL, fri + 1, 1), date_from_ymd(2026, 3, 9));
	/* With the shipped 2026 calendar: 24 and 25 December are days off, so
	 * Wednesday 23 Dec + 1 working day = Monday 28 Dec. */
	struct calendar cal;
	calendar_init(&cal, 2026, 2026);
	calendar_use_builtin(&cal, 2026);
	assert_int_equal(open311_add_working_days(&cal, date_from_ymd(2026, 12, 23), 1), date_from_ymd(2026, 12, 28));
	assert_int_equal(open311_add_working_days(NULL, date_from_ymd(2026, 12, 23), 1), date_from_ymd(2026, 12, 24));
	/* The deadline keeps the time of day (WIB). */
	int64_t t = wib("2026-12-23T15:30:00+07:00");
	char out[32];
	open311_format_wib(open311_working_deadline(&cal, t, 1), out);
	assert_string_equal(out, "2026-12-28T15:30:00+07:00");
	calendar_free(&cal);
}

static void test_deadlines(void **state)
{
	(void)state;
	struct report_rules r = {.verify_days = 3, .answer_days = 5, .kelurahan_hours = 24, .min_group = 5};
	int64_t recv = wib("2026-03-06T10:00:00+07:00"), v, a;
	char out[32];
	open311_deadlines(NULL, &r, recv, false, &v, &a);
	open311_format_wib(v, out);
	assert_string_equal(out, "2026-03-11T10:00:00+07:00");
	open311_format_wib(a, out);
	assert_string_equal(out, "2026-03-18T10:00:00+07:00"); /* 8 working days */
	open311_deadlines(NULL, &r, recv, true, &v, &a);
	assert_int_equal(a - recv, 24 * 3600);
	/* Verified on Monday 9 March 08:00: 5 working days later. */
	int64_t ver = wib("2026-03-09T08:00:00+07:00");
	open311_format_wib(open311_answer_due_after_verify(NULL, &r, recv, ver, false), out);
	assert_string_equal(out, "2026-03-16T08:00:00+07:00");
	assert_int_equal(open311_answer_due_after_verify(NULL, &r, recv, ver, true), recv + 24 * 3600);
}

static void test_overdue(void **state)
{
	(void)state;
	const char *kind = NULL;
	assert_false(open311_overdue(REPORT_RECEIVED, 100, 200, 100, &kind));
	assert_true(open311_overdue(REPORT_RECEIVED, 100, 200, 101, &kind));
	assert_string_equal(kind, "verify");
	assert_true(open311_overdue(REPORT_FORWARDED, 100, 200, 150, &kind));
	assert_false(open311_overdue(REPORT_VERIFIED, 100, 200, 150, &kind));
	assert_true(open311_overdue(REPORT_IN_PROGRESS, 100, 200, 201, &kind));
	assert_string_equal(kind, "answer");
	assert_false(open311_overdue(REPORT_ANSWERED, 100, 200, 999, &kind));
	assert_false(open311_overdue(REPORT_CLOSED, 100, 200, 999, &kind));
}

static void test_names_people(void **state)
{
	(void)state;
	const char *named[] = {"Pak Budi tidak ada di loket", "ibu Sari sedang belanja", "Sdr. Andi menolak",
			       "kata oknum Joko begitu", "NIP 198609262015051001 terlihat", "hubungi 0812-3456-7890",
			       "email petugas: a.b@jakarta.go.id", "Mr Smith was rude"};
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		assert_true(open311_names_people(named[i]));
	const char *plain[] = {"Loket 3 tutup sejak jam 9", "Kantor kelurahan kosong pukul 10.00",
			       "pak, loketnya tutup", "Ibu-ibu antre lama", "Antrean 45 menit", "", NULL,
			       "Bapak petugas tidak ada"};
	for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++)
		assert_false(open311_names_people(plain[i]));
}

static void test_datetimes(void **state)
{
	(void)state;
	int64_t a = wib("2026-03-02T08:15:00+07:00"), t;
	assert_true(open311_parse_datetime("2026-03-02T01:15:00Z", &t));
	assert_int_equal(t, a);
	assert_true(open311_parse_datetime("2026-03-02T08:15", &t)); /* no zone: WIB */
	assert_int_equal(t, a);
	assert_true(open311_parse_datetime("2026-03-02T09:15:00.123+0800", &t));
	assert_int_equal(t, a);
	assert_true(open311_parse_datetime("2026-03-02", &t));
	assert_int_equal(t, a - (8 * 3600 + 15 * 60));
	const char *bad[] = {"", "2026-13-01", "2026-03-02T25:00:00Z", "2026-03-02T08:15:00+7", "yesterday",
			     "2026-03-02X", "2026-03-02T08:15:00+07:00junk"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_false(open311_parse_datetime(bad[i], &t));
	assert_false(open311_parse_datetime(NULL, &t));
	char out[32];
	open311_format_wib(a, out);
	assert_string_equal(out, "2026-03-02T08:15:00+07:00");
}

static void test_figures(void **state)
{
	(void)state;
	int64_t odd[] = {5, 1, 3}, even[] = {4, 1, 3, 2};
	assert_true(open311_median(odd, 3) == 3.0);
	assert_true(open311_median(even, 4) == 2.5);
	assert_true(open311_median(NULL, 0) == 0.0);
	assert_true(open311_suppressed(4, 5));
	assert_false(open311_suppressed(5, 5));
	assert_true(open311_suppressed(0, 5));
}

static void test_xml(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 4096);
	xml_declaration(&b);
	xml_open(&b, "errors");
	xml_element(&b, "description", "a < b & \"c\" > 'd'\x01\tend");
	xml_elementf(&b, "code", "%d", 400);
	xml_element(&b, "empty", NULL);
	xml_close(&b, "errors");
	assert_string_equal(b.data, "<?xml version=\"1.0\" encoding=\"utf-8\"?><errors><description>a &lt; b &amp; "
				    "&quot;c&quot; &gt; &apos;d&apos;\tend</description><code>400</code><empty></empty>"
				    "</errors>");
	buf_free(&b);
	buf_init(&b, 8);
	assert_int_not_equal(xml_element(&b, "x", "far too long for eight bytes"), 0);
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_services),     cmocka_unit_test(test_status_machine),
		cmocka_unit_test(test_working_days), cmocka_unit_test(test_deadlines),
		cmocka_unit_test(test_overdue),      cmocka_unit_test(test_names_people),
		cmocka_unit_test(test_datetimes),    cmocka_unit_test(test_figures),
		cmocka_unit_test(test_xml),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
