/* test_schedule.c - work schedules: the seeded DKI schedules read back from
 * a real SQLite database, the working day they give (Friday, Ramadan,
 * shifts across midnight, 24 h duty), flexible starts moving the end,
 * presence windows, and resolution (employee, unit, ancestor, default,
 * seasonal replacement, staggered shift crews, flexible starts refused for
 * face-to-face units). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "core/date.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/calendar.h"
#include "domain/schedule.h"
#include "store/schedule.h"

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

struct fixture {
	char path[64];
	struct db *db;
	struct db_conn *c;
};

/* Units: 1 Dinas (root) > 2 Bidang > 3 Seksi; 4 RSUD (face-to-face) > 5 IGD.
 * Employees: 10 in Seksi, 11 in Seksi (supervised by 10), 12 in IGD, 13 in RSUD. */
static const char FIXTURE_SQL[] =
	"INSERT INTO unit (id, instansi_id, code, name, parent_id, path, kind, face_to_face) VALUES"
	" (1, 1, 'DINAS', 'Dinas', NULL, '/1/', 'dinas', 0), (2, 1, 'BID', 'Bidang', 1, '/1/2/', 'bidang', 0),"
	" (3, 1, 'SEKSI', 'Seksi', 2, '/1/2/3/', 'seksi', 0), (4, 1, 'RSUD', 'RSUD', NULL, '/4/', 'rsud', 1),"
	" (5, 1, 'IGD', 'IGD', 4, '/4/5/', 'seksi', 1);"
	"INSERT INTO position (id, name, kind) VALUES (1, 'Analis', 'pelaksana');"
	"INSERT INTO employee (id, nip, name, name_lower, employment, golongan, unit_id, position_id, appointed_on) VALUES"
	" (10, '198609262015051001', 'A', 'a', 'pns', 'III/a', 3, 1, '2015-05-01'),"
	" (11, '198609262015051002', 'B', 'b', 'pns', 'III/a', 3, 1, '2015-05-01'),"
	" (12, '198609262015051003', 'C', 'c', 'pns', 'III/a', 5, 1, '2015-05-01'),"
	" (13, '198609262015051004', 'D', 'd', 'pns', 'III/a', 4, 1, '2015-05-01');";

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	*state = f;
	snprintf(f->path, sizeof f->path, "/tmp/fleksi-test-sched-XXXXXX");
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
	return db_exec(f->c, FIXTURE_SQL) ? -1 : 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	if (f->c)
		db_release(f->db, f->c);
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

static void get(struct fixture *f, const char *code, struct schedule *s)
{
	assert_int_equal(schedule_get(f->c, code, s), 0);
}

/* dki_default: Mon-Thu 07:30-16:00 break 60, Fri 07:30-16:30 break 90 = 37.5 h. */
static void test_default_week(void **state)
{
	struct fixture *f = *state;
	struct schedule s;
	get(f, "dki_default", &s);
	assert_int_equal(s.kind, SCHEDULE_REGULAR);
	int week = 0;
	for (int32_t d = D("2026-01-05"); d <= D("2026-01-11"); d++) {
		struct workday w;
		schedule_workday_of(&s, d, 0, -1, &w);
		week += w.net_min;
		if (date_weekday(d) >= 6) {
			assert_false(w.working);
			continue;
		}
		assert_true(w.working);
		assert_false(w.shift);
		assert_int_equal(w.start, 450);
		assert_int_equal(w.end, date_weekday(d) == 5 ? 990 : 960);
		assert_int_equal(w.break_min, date_weekday(d) == 5 ? 90 : 60);
		assert_int_equal(w.in_from, 390);     /* 06:30 */
		assert_int_equal(w.out_until, 1380);  /* 23:00 */
		assert_string_equal(w.code, "dki_default");
	}
	assert_int_equal(week, 2250); /* 37.5 h */
	assert_int_equal(schedule_flex_allowed(&s, false, 420), FLEX_NOT_OFFERED);
	schedule_free(&s);
}

/* Ramadan 2026: Mon-Thu 08:00-15:00 break 30, Fri 08:00-15:30 break 60 (6.5 h
 * net each day, 32.5 h a week), start ±60 min moving the end. */
static void test_ramadan_and_flexible_start(void **state)
{
	struct fixture *f = *state;
	struct schedule s;
	get(f, "dki_ramadan_2026", &s);
	assert_true(s.seasonal);
	assert_true(schedule_valid_on(&s, D("2026-02-19")));
	assert_true(schedule_valid_on(&s, D("2026-03-19")));
	assert_false(schedule_valid_on(&s, D("2026-03-20")));
	struct workday w;
	int week = 0;
	for (int32_t d = D("2026-02-23"); d <= D("2026-02-27"); d++) {
		schedule_workday_of(&s, d, 0, -1, &w);
		assert_int_equal(w.net_min, 390);
		week += w.net_min;
	}
	assert_int_equal(week, 1950);
	schedule_workday_of(&s, D("2026-02-27"), 0, -1, &w); /* Friday */
	assert_int_equal(w.start, 480);
	assert_int_equal(w.end, 930);
	assert_int_equal(w.break_min, 60);
	/* Monday with an approved start at 07:00: ends 14:00, still 6.5 h net. */
	schedule_workday_of(&s, D("2026-02-23"), 0, 420, &w);
	assert_true(w.flexible);
	assert_int_equal(w.start, 420);
	assert_int_equal(w.end, 840);
	assert_int_equal(w.net_min, 390);
	/* Start 09:00: ends 16:00. */
	schedule_workday_of(&s, D("2026-02-24"), 0, 540, &w);
	assert_int_equal(w.end, 960);
	/* Outside the window (06:30): ignored. */
	schedule_workday_of(&s, D("2026-02-24"), 0, 390, &w);
	assert_false(w.flexible);
	assert_int_equal(w.start, 480);
	/* Arriving before 07:00 does not allow leaving before 14:00 (Mon-Thu). */
	assert_int_equal(schedule_required_end(&w, 390), 900);
	struct workday early = w;
	early.end = 810;
	assert_int_equal(schedule_required_end(&early, 390), 840);
	assert_int_equal(schedule_required_end(&early, 430), 810);
	schedule_workday_of(&s, D("2026-02-27"), 0, -1, &w); /* no such rule on Friday */
	assert_int_equal(w.earliest_end, -1);
	/* The window and face-to-face staff. */
	assert_int_equal(schedule_flex_allowed(&s, false, 420), FLEX_OK);
	assert_int_equal(schedule_flex_allowed(&s, false, 540), FLEX_OK);
	assert_int_equal(schedule_flex_allowed(&s, false, 541), FLEX_OUTSIDE_WINDOW);
	assert_int_equal(schedule_flex_allowed(&s, false, 419), FLEX_OUTSIDE_WINDOW);
	assert_int_equal(schedule_flex_allowed(&s, true, 420), FLEX_FACE_TO_FACE);
	schedule_free(&s);
}

/* shift_3x8: P,P,S,S,M,M,L,L from 2025-01-06; the night shift crosses midnight. */
static void test_shift_cycle(void **state)
{
	struct fixture *f = *state;
	struct schedule s;
	get(f, "shift_3x8", &s);
	assert_int_equal(s.kind, SCHEDULE_SHIFT);
	assert_int_equal(s.ndays, 8);
	static const char *const labels[8] = {"pagi", "pagi", "siang", "siang", "malam", "malam", "libur", "libur"};
	int32_t anchor = D("2025-01-06");
	for (int i = 0; i < 16; i++) {
		struct workday w;
		schedule_workday_of(&s, anchor + i, 0, -1, &w);
		assert_string_equal(w.label, labels[i % 8]);
		assert_true(w.shift);
		assert_true(w.works_on_days_off);
		assert_int_equal(w.working, i % 8 < 6);
	}
	struct workday w;
	schedule_workday_of(&s, anchor + 4, 0, -1, &w); /* malam 21:00-07:00(+1) */
	assert_int_equal(w.start, 1260);
	assert_int_equal(w.end, 1860);
	assert_int_equal(w.net_min, 600);
	assert_int_equal(w.in_from, 1200);   /* 1 h before */
	assert_int_equal(w.out_until, 2040); /* 3 h after: 10:00 next day */
	/* Offsets shift the cycle, also before the anchor. */
	schedule_workday_of(&s, anchor, 2, -1, &w);
	assert_string_equal(w.label, "siang");
	schedule_workday_of(&s, anchor - 1, 0, -1, &w);
	assert_string_equal(w.label, "libur");
	/* A holiday does not stop a shift. */
	schedule_workday_of(&s, anchor, 0, -1, &w);
	schedule_apply_calendar(&w, false);
	assert_true(w.working);
	assert_int_equal(schedule_flex_allowed(&s, false, 420), FLEX_SHIFT);
	schedule_free(&s);

	get(f, "shift_24x48", &s);
	schedule_workday_of(&s, anchor, 0, -1, &w);
	assert_true(w.working);
	assert_int_equal(w.start, 480);
	assert_int_equal(w.end, 1920);
	assert_int_equal(w.net_min, 1440);
	schedule_workday_of(&s, anchor + 1, 0, -1, &w);
	assert_false(w.working);
	schedule_workday_of(&s, anchor + 3, 0, -1, &w);
	assert_true(w.working);
	schedule_free(&s);
}

static void test_calendar_stops_regular_days(void **state)
{
	struct fixture *f = *state;
	struct schedule s;
	get(f, "dki_default", &s);
	struct workday w;
	schedule_workday_of(&s, D("2026-08-17"), 0, -1, &w);
	assert_true(w.working);
	schedule_apply_calendar(&w, false);
	assert_false(w.working);
	assert_true(w.day_off_by_calendar);
	assert_int_equal(w.net_min, 0);
	schedule_free(&s);
}

static void assign(struct fixture *f, bool employee, int64_t owner, const char *code, const char *from, int offset)
{
	int32_t d = D(from);
	assert_int_equal(db_begin_write(f->c), 0);
	assert_int_equal(schedule_assign(f->c, employee, owner, "test:x", code, d, offset, "admin.bkd"), 0);
	assert_int_equal(db_commit(f->c), 0);
}

static void test_resolution(void **state)
{
	struct fixture *f = *state;
	assign(f, false, 4, "shift_3x8", "2026-01-01", 0);  /* the RSUD and below */
	assign(f, false, 2, "dki_default", "2026-01-01", 0);
	assign(f, true, 11, "shift_24x48", "2026-06-01", 1);
	struct schedule_set set;
	assert_int_equal(schedule_set_load(f->c, 0, D("2026-01-01"), D("2026-12-31"), &set), 0);
	struct workday w;
	/* Regular staff: default outside Ramadan, Ramadan hours inside it. */
	schedule_set_workday(&set, 10, 3, D("2026-01-05"), &w);
	assert_string_equal(w.code, "dki_default");
	schedule_set_workday(&set, 10, 3, D("2026-03-02"), &w);
	assert_string_equal(w.code, "dki_ramadan_2026");
	assert_int_equal(w.start, 480);
	assert_false(schedule_set_works_on_days_off(&set, 10, 3, D("2026-03-02")));
	/* Own assignment from June on; before it the unit's. */
	schedule_set_workday(&set, 11, 3, D("2026-05-29"), &w);
	assert_string_equal(w.code, "dki_default");
	schedule_set_workday(&set, 11, 3, D("2026-06-01"), &w);
	assert_string_equal(w.code, "shift_24x48");
	/* Shifts are not replaced by Ramadan; the IGD inherits from the RSUD. */
	schedule_set_workday(&set, 12, 5, D("2026-03-02"), &w);
	assert_string_equal(w.code, "shift_3x8");
	assert_true(schedule_set_works_on_days_off(&set, 12, 5, D("2026-03-02")));
	/* The unit's crews are staggered: over a cycle everybody works 6 of 8
	 * days, and on one day the two employees are at different positions. */
	int offset12 = 0, offset13 = 0;
	assert_non_null(schedule_set_resolve(&set, 12, 5, D("2026-03-02"), &offset12));
	assert_non_null(schedule_set_resolve(&set, 13, 4, D("2026-03-02"), &offset13));
	assert_int_equal(offset12, 12 % 8);
	assert_int_equal(offset13, 13 % 8);
	schedule_set_free(&set);

	/* A later unit assignment closes the earlier one. */
	assign(f, false, 4, "dki_default", "2026-07-01", 0);
	assert_int_equal(schedule_set_load(f->c, 4, D("2026-06-01"), D("2026-07-31"), &set), 0);
	schedule_set_workday(&set, 13, 4, D("2026-06-30"), &w);
	assert_string_equal(w.code, "shift_3x8");
	schedule_set_workday(&set, 13, 4, D("2026-07-01"), &w);
	assert_string_equal(w.code, "dki_default");
	schedule_set_free(&set);

	/* One employee, with the calendar: Idul Fitri 2026-03-20 is off. */
	assert_int_equal(schedule_workday(f->c, 10, D("2026-03-20"), &w), 0);
	assert_false(w.working);
	assert_true(w.day_off_by_calendar);
	assert_int_equal(schedule_workday(f->c, 12, D("2026-03-20"), &w), 0);
	assert_string_equal(w.code, "shift_3x8");
	assert_int_equal(schedule_workday(f->c, 999, D("2026-03-20"), &w), ERR_NOT_FOUND);

	/* Unknown schedule, bad offsets. */
	assert_int_equal(db_begin_write(f->c), 0);
	assert_int_equal(schedule_assign(f->c, false, 3, "x", "nope", D("2026-01-01"), 0, "a"), ERR_NOT_FOUND);
	assert_int_equal(schedule_assign(f->c, false, 3, "x", "shift_3x8", D("2026-01-01"), 8, "a"), ERR_INVALID);
	assert_int_equal(schedule_assign(f->c, false, 3, "x", "dki_default", D("2026-01-01"), 1, "a"), ERR_INVALID);
	db_rollback(f->c);
}

static void test_flexible_start_store(void **state)
{
	struct fixture *f = *state;
	enum schedule_flex_problem p;
	int32_t day;
	assert_int_equal(db_begin_write(f->c), 0);
	/* Inside Ramadan, 07:00: approved; the workday moves. */
	assert_int_equal(schedule_flexible_start(f->c, 10, "198609262015051001", 420, D("2026-02-23"), D("2026-03-06"),
						 "atasan", &p, &day), 0);
	/* Reaching past Ramadan: the default schedule has no window. */
	assert_int_equal(schedule_flexible_start(f->c, 10, "198609262015051001", 420, D("2026-03-16"), D("2026-03-27"),
						 "atasan", &p, &day), ERR_CONFLICT);
	assert_int_equal(p, FLEX_NOT_OFFERED);
	assert_int_equal(day, D("2026-03-20"));
	/* Outside the window. */
	assert_int_equal(schedule_flexible_start(f->c, 10, "198609262015051001", 600, D("2026-02-23"), D("2026-02-24"),
						 "atasan", &p, &day), ERR_CONFLICT);
	assert_int_equal(p, FLEX_OUTSIDE_WINDOW);
	/* A face-to-face unit (the RSUD, still regular here). */
	assert_int_equal(schedule_flexible_start(f->c, 13, "198609262015051004", 420, D("2026-02-23"), D("2026-02-24"),
						 "atasan", &p, &day), ERR_CONFLICT);
	assert_int_equal(p, FLEX_FACE_TO_FACE);
	assert_int_equal(db_commit(f->c), 0);
	struct workday w;
	assert_int_equal(schedule_workday(f->c, 10, D("2026-02-25"), &w), 0);
	assert_true(w.flexible);
	assert_int_equal(w.start, 420);
	assert_int_equal(w.end, 840);
	assert_int_equal(schedule_workday(f->c, 11, D("2026-02-25"), &w), 0);
	assert_false(w.flexible);
	struct db_stmt *s = db_prepare(f->c, "SELECT COUNT(*) FROM audit_entry WHERE action = 'schedule.flexible_start'");
	assert_int_equal(db_step(s), 1);
	assert_int_equal(db_col_int(s, 0), 1);
	db_reset(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_default_week, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ramadan_and_flexible_start, setup, teardown),
		cmocka_unit_test_setup_teardown(test_shift_cycle, setup, teardown),
		cmocka_unit_test_setup_teardown(test_calendar_stops_regular_days, setup, teardown),
		cmocka_unit_test_setup_teardown(test_resolution, setup, teardown),
		cmocka_unit_test_setup_teardown(test_flexible_start_store, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
