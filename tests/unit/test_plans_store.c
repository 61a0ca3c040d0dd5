/* test_plans_store.c - the store functions other areas build on, on a real
 * SQLite file: plans_publish (rotation) replaces a requested plan and keeps
 * an identical approved one, plan_for_day (presence) answers the approved
 * plan of a day, the roster shows both, and every change is audited. Also
 * plans_request refusing a weekend with the rule named. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "db/db.h"
#include "store/plans.h"
#include "store/roster.h"

static const char FIXTURE[] =
	"INSERT INTO unit (id, instansi_id, code, name, path, kind) VALUES (10, 1, 'U10', 'Bidang Uji', '/10/', 'bidang');"
	"INSERT INTO position (id, name, kind) VALUES (1, 'Perencana Ahli Muda', 'fungsional');"
	"INSERT INTO employee (id, nip, name, name_lower, employment, golongan, unit_id, position_id, supervisor_id,"
	" appointed_on, domicile_lat, domicile_lon) VALUES"
	" (1, '198001012005011001', 'Atasan Uji', 'atasan uji', 'pns', 'IV/a', 10, 1, NULL, '2005-01-01', -6.2, 106.8),"
	" (2, '199001012015011002', 'Pegawai Uji', 'pegawai uji', 'pns', 'III/b', 10, 1, 1, '2015-01-01', -6.2, 106.8);"
	"INSERT INTO plan (employee_id, unit_id, date, mode, status, requested_by, requested_at)"
	" VALUES (2, 10, '2027-03-02', 'wfh', 'requested', 'pegawai', '2027-01-01T00:00:00Z');";

struct fixture {
	char path[64];
	struct db *db;
	struct db_conn *c;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	*state = f;
	snprintf(f->path, sizeof f->path, "/tmp/fleksi-test-plans-XXXXXX");
	int fd = mkstemp(f->path);
	if (fd < 0)
		return -1;
	close(fd);
	char err[256];
	if (db_open(f->path, 1, &f->db, err, sizeof err) || db_migrate(f->db, err, sizeof err)) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	f->c = db_acquire(f->db);
	return db_exec(f->c, FIXTURE) ? -1 : 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	if (f->db) {
		db_release(f->db, f->c);
		db_close(f->db);
	}
	char side[96];
	unlink(f->path);
	snprintf(side, sizeof side, "%s-wal", f->path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", f->path);
	unlink(side);
	free(f);
	return 0;
}

static int64_t count(struct db_conn *c, const char *sql)
{
	struct db_stmt *s = db_prepare(c, sql);
	assert_non_null(s);
	assert_int_equal(db_step(s), 1);
	int64_t v = db_col_int(s, 0);
	db_reset(s);
	return v;
}

static int32_t day(const char *text)
{
	int32_t d;
	assert_true(date_parse(text, &d));
	return d;
}

static void test_publish_and_plan_for_day(void **state)
{
	struct fixture *f = *state;
	struct plan_row row;
	assert_int_equal(plan_for_day(f->c, 2, "2027-03-01", &row), ERR_NOT_FOUND);
	plan_row_free(&row);

	int64_t a = 0, b = 0, c2 = 0;
	assert_int_equal(db_begin_write(f->c), 0);
	assert_int_equal(plans_publish(f->c, 2, day("2027-03-01"), "wfh", 7, "kepala", &a), 0);
	assert_int_equal(plans_publish(f->c, 2, day("2027-03-01"), "wfh", 7, "kepala", &b), 0);
	assert_int_equal(a, b);   /* the same approved day is kept */
	assert_int_equal(plans_publish(f->c, 2, day("2027-03-02"), "kantor_lain", 7, "kepala", &c2), 0);
	assert_int_equal(plans_publish(f->c, 2, day("2027-03-03"), "beach", 7, "kepala", &b), ERR_INVALID);
	assert_int_equal(plans_publish(f->c, 99, day("2027-03-03"), "wfh", 7, "kepala", &b), ERR_NOT_FOUND);
	assert_int_equal(db_commit(f->c), 0);

	assert_int_equal(plan_for_day(f->c, 2, "2027-03-01", &row), 0);
	assert_int_equal(row.id, a);
	assert_string_equal(row.mode, "wfh");
	assert_string_equal(row.status, "approved");
	assert_false(row.has_location);
	assert_null(row.location_address);
	plan_row_free(&row);
	/* The requested plan of 2 March was replaced: cancelled, and the published one approved. */
	assert_int_equal(plan_for_day(f->c, 2, "2027-03-02", &row), 0);
	assert_int_equal(row.id, c2);
	assert_string_equal(row.mode, "kantor_lain");
	plan_row_free(&row);
	assert_int_equal(count(f->c, "SELECT COUNT(*) FROM plan WHERE date = '2027-03-02' AND status = 'cancelled'"), 1);
	assert_int_equal(count(f->c, "SELECT COUNT(*) FROM plan WHERE rotation_id = 7"), 2);
	assert_int_equal(count(f->c, "SELECT COUNT(*) FROM audit_entry WHERE action = 'plan.publish'"), 2);
	assert_int_equal(count(f->c, "SELECT COUNT(*) FROM audit_entry WHERE action = 'plan.cancel'"), 1);

	/* The roster of the week shows both days and the other person. */
	struct roster r;
	assert_int_equal(db_begin_read(f->c), 0);
	assert_int_equal(roster_load(f->c, 10, day("2027-03-01"), day("2027-03-05"), &r), 0);
	db_rollback(f->c);
	assert_int_equal(r.npeople, 2);
	assert_int_equal(r.first, day("2027-03-01"));
	assert_int_equal(r.ndays, 7);
	int p = roster_person_index(&r, 2);
	assert_true(p >= 0);
	assert_int_equal(r.people[p].supervisor_id, 1);
	assert_int_equal(r.people[p].cells[0].status, PLAN_APPROVED);
	assert_int_equal(r.people[p].cells[0].mode, PLAN_WFH);
	assert_int_equal(r.people[p].cells[1].mode, PLAN_KANTOR_LAIN);
	assert_true(r.people[p].cells[0].flags & ROSTER_SCHEDULED);
	assert_int_equal(r.people[p].cells[0].start, 450);   /* DKI default 07:30-16:00 */
	assert_int_equal(r.people[p].cells[0].end, 960);
	assert_false(r.people[p].cells[5].flags & ROSTER_SCHEDULED);
	assert_true(r.days[0].working);
	assert_false(r.days[5].working);
	assert_int_equal(r.days[0].max_days_week, 2);
	struct plan_day_cover cv;
	plan_day_cover(&r, 0, &cv);
	assert_int_equal(cv.staff, 2);
	assert_int_equal(cv.away, 1);
	roster_free(&r);
	assert_int_equal(roster_load(f->c, 999, day("2027-03-01"), day("2027-03-05"), &r), ERR_NOT_FOUND);
	roster_free(&r);
	assert_int_equal(roster_load(f->c, 10, day("2027-03-05"), day("2027-03-01"), &r), ERR_INVALID);
	roster_free(&r);
}

static void test_request_refused_on_a_weekend(void **state)
{
	struct fixture *f = *state;
	struct plan_outcome out;
	int64_t id = 0;
	assert_int_equal(db_begin_write(f->c), 0);
	int rc = plans_request(f->c, 2, day("2027-03-06"), PLAN_WFH, NULL, "pegawai", &id, &out);
	db_rollback(f->c);
	assert_int_equal(rc, ERR_INVALID);
	assert_true(out.invalid);
	assert_true(out.n >= 1);
	assert_int_equal(out.v[0].rule, PLAN_R_WORKING_DAY);
	assert_non_null(strstr(out.v[0].message_en, "2027-03-06 is not a working day (Saturday)"));
	assert_int_equal(count(f->c, "SELECT COUNT(*) FROM plan WHERE date = '2027-03-06'"), 0);
}

static void test_bulk_roster(void **state)
{
	struct fixture *f = *state;
	struct roster_set s;
	assert_int_equal(db_begin_read(f->c), 0);
	assert_int_equal(roster_load_all(f->c, "", day("2027-03-01"), day("2027-03-31"), &s), 0);
	db_rollback(f->c);
	assert_int_equal(s.n, 1);   /* the only unit with staff */
	assert_int_equal(s.units[0].unit_id, 10);
	assert_int_equal(s.units[0].npeople, 2);
	assert_int_equal(s.units[0].first, day("2027-03-01"));
	assert_int_equal(s.units[0].ndays, 35);
	roster_set_free(&s);
	assert_int_equal(roster_load_all(f->c, "", day("2027-01-01"), day("2027-06-01"), &s), ERR_INVALID);
	roster_set_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_publish_and_plan_for_day, setup, teardown),
		cmocka_unit_test_setup_teardown(test_request_refused_on_a_weekend, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bulk_roster, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
