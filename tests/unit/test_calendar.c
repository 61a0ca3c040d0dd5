/* test_calendar.c - the shipped lists of days off row by row, working days
 * per month of 2025 and 2026 (expected numbers computed independently from
 * RULES.md §10 with Python's datetime), weekend holidays not counted twice,
 * and amendments stored in a real SQLite database overriding the shipped
 * list (latest version wins, audited). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "core/date.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/calendar.h"
#include "store/calendar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int32_t D(const char *s)
{
	int32_t d = 0;
	assert_true(date_parse(s, &d));
	return d;
}

/* RULES.md §10, typed again here (not read from calendar.c). */
static const char *const holidays_2025[] = {"2025-01-01", "2025-01-27", "2025-01-29", "2025-03-29", "2025-03-31",
	"2025-04-01", "2025-04-18", "2025-04-20", "2025-05-01", "2025-05-12", "2025-05-29", "2025-06-01", "2025-06-06",
	"2025-06-27", "2025-08-17", "2025-09-05", "2025-12-25"};
static const char *const joint_2025[] = {"2025-01-28", "2025-03-28", "2025-04-02", "2025-04-03", "2025-04-04",
	"2025-04-07", "2025-05-13", "2025-05-30", "2025-06-09", "2025-08-18", "2025-12-26"};
static const char *const holidays_2026[] = {"2026-01-01", "2026-01-16", "2026-02-17", "2026-03-19", "2026-03-21",
	"2026-03-22", "2026-04-03", "2026-04-05", "2026-05-01", "2026-05-14", "2026-05-27", "2026-05-31", "2026-06-01",
	"2026-06-16", "2026-08-17", "2026-08-25", "2026-12-25"};
static const char *const joint_2026[] = {"2026-02-16", "2026-03-18", "2026-03-20", "2026-03-23", "2026-03-24",
	"2026-05-15", "2026-05-28", "2026-12-24"};

static void check_list(const struct calendar *cal, const char *const *dates, int n, enum day_off_kind kind)
{
	for (int i = 0; i < n; i++) {
		const struct day_off *d = calendar_day_off(cal, D(dates[i]));
		assert_non_null(d);
		assert_string_equal(d->date, dates[i]);
		assert_int_equal(d->kind, kind);
		assert_true(strlen(d->name) > 3);
		assert_false(calendar_is_working_day(cal, D(dates[i])));
	}
}

static void test_shipped_lists(void **state)
{
	(void)state;
	struct calendar cal;
	calendar_init(&cal, 2025, 2026);
	calendar_use_builtin(&cal, 2025);
	calendar_use_builtin(&cal, 2026);
	assert_int_equal(cal.ndays, 28 + 25);
	check_list(&cal, holidays_2025, 17, DAY_OFF_LIBUR_NASIONAL);
	check_list(&cal, joint_2025, 11, DAY_OFF_CUTI_BERSAMA);
	check_list(&cal, holidays_2026, 17, DAY_OFF_LIBUR_NASIONAL);
	check_list(&cal, joint_2026, 8, DAY_OFF_CUTI_BERSAMA);
	for (int i = 1; i < cal.ndays; i++)
		assert_true(cal.days[i - 1].day < cal.days[i].day);
	assert_string_equal(calendar_day_off(&cal, D("2026-03-21"))->name, "Hari Raya Idul Fitri 1447 H");
	assert_string_equal(calendar_day_off(&cal, D("2025-01-01"))->name, "Tahun Baru 2025 Masehi");
	const char *ref;
	int n;
	assert_non_null(calendar_builtin(2026, &n, &ref));
	assert_string_equal(ref, "SKB 1497/2025, 2/2025, 5/2025");
	assert_int_equal(n, 25);
	assert_null(calendar_builtin(2027, &n, &ref));
	assert_int_equal(calendar_year_info(&cal, 2026)->source, CAL_SOURCE_BUILTIN);
	assert_null(calendar_day_off(&cal, D("2026-03-25")));
	assert_true(calendar_is_working_day(&cal, D("2026-03-25")));
	assert_false(calendar_is_working_day(&cal, D("2026-03-28"))); /* Saturday */
	calendar_free(&cal);
}

/* Working days per month, computed in Python from the lists above. */
static void test_working_days_per_month(void **state)
{
	(void)state;
	static const int w2025[12] = {19, 20, 19, 16, 17, 18, 23, 20, 21, 23, 20, 21};
	static const int w2026[12] = {20, 18, 17, 21, 16, 20, 23, 19, 22, 22, 21, 21};
	struct calendar cal;
	calendar_init(&cal, 2025, 2026);
	calendar_use_builtin(&cal, 2025);
	calendar_use_builtin(&cal, 2026);
	for (int m = 1; m <= 12; m++) {
		assert_int_equal(calendar_working_days_month(&cal, 2025, m), w2025[m - 1]);
		assert_int_equal(calendar_working_days_month(&cal, 2026, m), w2026[m - 1]);
	}
	assert_int_equal(calendar_working_days(&cal, D("2025-01-01"), D("2025-12-31")), 237);
	assert_int_equal(calendar_working_days(&cal, D("2026-01-01"), D("2026-12-31")), 240);
	assert_int_equal(calendar_working_days(&cal, D("2025-01-01"), D("2026-12-31")), 477);
	/* The arithmetic agrees with counting day by day on every range start/end of a stretch. */
	for (int32_t a = D("2025-12-20"); a <= D("2026-01-10"); a++)
		for (int32_t b = a - 1; b <= D("2026-04-10"); b += 3) {
			int n = 0;
			for (int32_t d = a; d <= b; d++)
				n += calendar_is_working_day(&cal, d);
			assert_int_equal(calendar_working_days(&cal, a, b), n);
		}
	calendar_free(&cal);
}

/* Holidays on weekends (2025: 29 Mar, 20 Apr, 1 Jun, 17 Aug; 2026: 21-22 Mar,
 * 5 Apr, 31 May) take nothing off: March 2026 has 22 weekdays, 5 days off
 * on weekdays (18, 19, 20, 23, 24) and two on the weekend -> 17. */
static void test_weekend_holidays_not_double_counted(void **state)
{
	(void)state;
	struct calendar cal;
	calendar_init(&cal, 2026, 2026);
	calendar_use_builtin(&cal, 2026);
	assert_int_equal(calendar_working_days(&cal, D("2026-03-21"), D("2026-03-22")), 0);
	assert_int_equal(calendar_working_days(&cal, D("2026-03-01"), D("2026-03-31")), 17);
	assert_int_equal(calendar_working_days(&cal, D("2026-05-31"), D("2026-05-31")), 0);
	assert_int_equal(calendar_working_days(&cal, D("2026-03-25"), D("2026-03-25")), 1);
	assert_int_equal(calendar_working_days(&cal, D("2026-03-26"), D("2026-03-25")), 0);
	calendar_free(&cal);
}

static void test_weekdays_only_year(void **state)
{
	(void)state;
	struct calendar cal;
	calendar_init(&cal, 2027, 2027);
	calendar_use_builtin(&cal, 2027);
	assert_int_equal(calendar_year_info(&cal, 2027)->source, CAL_SOURCE_WEEKDAYS_ONLY);
	assert_string_equal(calendar_source_name(CAL_SOURCE_WEEKDAYS_ONLY), "weekdays_only");
	assert_int_equal(cal.ndays, 0);
	assert_int_equal(calendar_working_days(&cal, D("2027-01-01"), D("2027-12-31")), 261);
	assert_true(calendar_is_working_day(&cal, D("2027-01-01")));
	calendar_free(&cal);
}

static void test_kind_names(void **state)
{
	(void)state;
	assert_int_equal(calendar_kind_parse("libur_nasional"), DAY_OFF_LIBUR_NASIONAL);
	assert_int_equal(calendar_kind_parse("cuti_bersama"), DAY_OFF_CUTI_BERSAMA);
	assert_int_equal(calendar_kind_parse("libur"), -1);
	assert_string_equal(calendar_kind_name(DAY_OFF_CUTI_BERSAMA), "cuti_bersama");
}

/* ---- stored amendments (real SQLite file) ---- */

struct fixture {
	char path[64];
	struct db *db;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	*state = f;
	snprintf(f->path, sizeof f->path, "/tmp/fleksi-test-cal-XXXXXX");
	int fd = mkstemp(f->path);
	if (fd < 0)
		return -1;
	close(fd);
	char err[256];
	if (db_open(f->path, 1, &f->db, err, sizeof err) || db_migrate(f->db, err, sizeof err)) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	if (f->db)
		db_close(f->db);
	char side[80];
	unlink(f->path);
	snprintf(side, sizeof side, "%s-wal", f->path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", f->path);
	unlink(side);
	free(f);
	return 0;
}

static int amend(struct db_conn *c, int year, const struct day_off_input *days, int n, const char *ref, int *version)
{
	int rc = db_begin_write(c);
	if (!rc)
		rc = calendar_amend(c, year, days, n, ref, "uji", "admin.bkd", version);
	if (!rc)
		rc = db_commit(c);
	else
		db_rollback(c);
	return rc;
}

static void test_amendment_overrides(void **state)
{
	struct fixture *f = *state;
	struct db_conn *c = db_acquire(f->db);
	struct calendar cal;
	assert_int_equal(calendar_load(c, 2026, 2026, &cal), 0);
	assert_int_equal(calendar_year_info(&cal, 2026)->source, CAL_SOURCE_BUILTIN);
	assert_int_equal(calendar_working_days_month(&cal, 2026, 4), 21);
	calendar_free(&cal);

	/* A mid-year decree adds a joint-leave day on Monday 2026-04-06. */
	struct day_off_input days[30];
	int n = 0, version = 0;
	int nb;
	const struct calendar_builtin_day *b = calendar_builtin(2026, &nb, NULL);
	for (int i = 0; i < nb; i++)
		days[n++] = (struct day_off_input){b[i].date, b[i].name, b[i].kind};
	days[n++] = (struct day_off_input){"2026-04-06", "Cuti Bersama Paskah", DAY_OFF_CUTI_BERSAMA};
	assert_int_equal(amend(c, 2026, days, n, "SKB perubahan 2026", &version), 0);
	assert_int_equal(version, 1);
	assert_int_equal(calendar_load(c, 2025, 2026, &cal), 0);
	assert_int_equal(calendar_year_info(&cal, 2026)->source, CAL_SOURCE_AMENDED);
	assert_int_equal(calendar_year_info(&cal, 2026)->version, 1);
	assert_string_equal(calendar_year_info(&cal, 2026)->legal_reference, "SKB perubahan 2026");
	assert_int_equal(calendar_year_info(&cal, 2025)->source, CAL_SOURCE_BUILTIN);
	assert_int_equal(calendar_working_days_month(&cal, 2026, 4), 20);
	assert_int_equal(calendar_working_days_month(&cal, 2025, 4), 16);
	assert_false(calendar_is_working_day(&cal, D("2026-04-06")));
	calendar_free(&cal);

	/* A second version replaces the whole list: only one day off remains. */
	struct day_off_input one = {"2026-08-17", "Hari Kemerdekaan Republik Indonesia", DAY_OFF_LIBUR_NASIONAL};
	assert_int_equal(amend(c, 2026, &one, 1, "SKB kedua", &version), 0);
	assert_int_equal(version, 2);
	assert_int_equal(calendar_load(c, 2026, 2026, &cal), 0);
	assert_int_equal(cal.ndays, 1);
	assert_int_equal(calendar_working_days_month(&cal, 2026, 4), 22);
	calendar_free(&cal);

	/* Refused input leaves nothing behind. */
	struct day_off_input bad[2] = {{"2027-01-01", "x", DAY_OFF_LIBUR_NASIONAL}};
	assert_int_equal(amend(c, 2026, bad, 1, "ref", &version), ERR_INVALID);
	bad[0] = (struct day_off_input){"2026-01-01", "a", DAY_OFF_LIBUR_NASIONAL};
	bad[1] = (struct day_off_input){"2026-01-01", "b", DAY_OFF_LIBUR_NASIONAL};
	assert_int_equal(amend(c, 2026, bad, 2, "ref", &version), ERR_CONFLICT);
	assert_int_equal(amend(c, 2026, bad, 1, "", &version), ERR_INVALID);
	assert_int_equal(calendar_load(c, 2026, 2026, &cal), 0);
	assert_int_equal(calendar_year_info(&cal, 2026)->version, 2);
	calendar_free(&cal);

	/* Each amendment is audited. */
	struct db_stmt *s = db_prepare(c, "SELECT COUNT(*) FROM audit_entry WHERE action = 'calendar.amend'"
					  " AND object = 'calendar:2026'");
	assert_int_equal(db_step(s), 1);
	assert_int_equal(db_col_int(s, 0), 2);
	db_reset(s);
	db_release(f->db, c);
}

static void test_time_zone_inheritance(void **state)
{
	struct fixture *f = *state;
	struct db_conn *c = db_acquire(f->db);
	assert_int_equal(db_exec(c, "INSERT INTO instansi (id, code, name, time_zone) VALUES (2, 'BALI', 'Bali', 'WITA');"
				    "INSERT INTO unit (id, instansi_id, code, name, parent_id, path, kind)"
				    " VALUES (1, 1, 'A', 'A', NULL, '/1/', 'dinas'), (2, 1, 'B', 'B', 1, '/1/2/', 'bidang'),"
				    " (3, 1, 'C', 'C', 2, '/1/2/3/', 'seksi'), (4, 2, 'D', 'D', NULL, '/4/', 'dinas');"
				    "UPDATE unit SET time_zone = 'WIT' WHERE id = 2;"),
			 0);
	enum tz_zone z = TZ_WIB;
	assert_int_equal(unit_time_zone(c, 1, &z), 0);
	assert_int_equal(z, TZ_WIB);
	assert_int_equal(unit_time_zone(c, 3, &z), 0);
	assert_int_equal(z, TZ_WIT);
	assert_int_equal(unit_time_zone(c, 4, &z), 0);
	assert_int_equal(z, TZ_WITA);
	assert_int_equal(unit_time_zone(c, 99, &z), ERR_NOT_FOUND);
	db_release(f->db, c);
}

/* Feed secrets: base32, found again by their keyed hash, shown again
 * (sealed), replaced by rotation, never stored in clear. */
static void test_feed_secrets(void **state)
{
	struct fixture *f = *state;
	struct db_conn *c = db_acquire(f->db);
	assert_int_equal(db_exec(c, "INSERT INTO unit (id, instansi_id, code, name, parent_id, path, kind)"
				    " VALUES (1, 1, 'A', 'A', NULL, '/1/', 'dinas');"
				    "INSERT INTO position (id, name, kind) VALUES (1, 'Analis', 'pelaksana');"
				    "INSERT INTO employee (id, nip, name, name_lower, employment, golongan, unit_id, position_id,"
				    " appointed_on) VALUES (7, '198609262015051001', 'A', 'a', 'pns', 'III/a', 1, 1, '2015-05-01');"),
			 0);
	uint8_t key[32], other[32];
	memset(key, 7, sizeof key);
	memset(other, 8, sizeof other);
	char s1[FEED_SECRET_TEXT], s2[FEED_SECRET_TEXT], s3[FEED_SECRET_TEXT];
	int64_t who = 0;
	assert_int_equal(db_begin_write(c), 0);
	assert_int_equal(feed_secret_issue(c, key, 7, "198609262015051001", false, "a", s1), 0);
	assert_int_equal(strlen(s1), 52);
	assert_int_equal(strspn(s1, "abcdefghijklmnopqrstuvwxyz234567"), 52);
	assert_int_equal(feed_secret_issue(c, key, 7, "198609262015051001", false, "a", s2), 0);
	assert_string_equal(s1, s2);
	assert_int_equal(feed_employee_by_secret(c, key, s1, &who), 0);
	assert_int_equal(who, 7);
	assert_int_equal(feed_employee_by_secret(c, other, s1, &who), ERR_NOT_FOUND);
	assert_int_equal(feed_secret_issue(c, key, 7, "198609262015051001", true, "a", s3), 0);
	assert_string_not_equal(s1, s3);
	assert_int_equal(feed_employee_by_secret(c, key, s1, &who), ERR_NOT_FOUND);
	assert_int_equal(feed_employee_by_secret(c, key, s3, &who), 0);
	assert_int_equal(feed_employee_by_secret(c, key, "short", &who), ERR_NOT_FOUND);
	assert_int_equal(feed_employee_by_secret(c, key, "0000000000000000000000000000000000000000000000000000", &who),
			 ERR_NOT_FOUND);
	assert_int_equal(db_commit(c), 0);
	struct db_stmt *s = db_prepare(c, "SELECT secret_hash || secret_box FROM feed_secret");
	assert_int_equal(db_step(s), 1);
	assert_null(strstr(db_col_text(s, 0), s3));
	db_reset(s);
	db_release(f->db, c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped_lists),
		cmocka_unit_test(test_working_days_per_month),
		cmocka_unit_test(test_weekend_holidays_not_double_counted),
		cmocka_unit_test(test_weekdays_only_year),
		cmocka_unit_test(test_kind_names),
		cmocka_unit_test_setup_teardown(test_amendment_overrides, setup, teardown),
		cmocka_unit_test_setup_teardown(test_time_zone_inheritance, setup, teardown),
		cmocka_unit_test_setup_teardown(test_feed_secrets, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
