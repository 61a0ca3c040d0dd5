/* schedule.h (store) - work schedules, their assignment to units and
 * employees, and approved flexible starts.
 *
 * Tables (migration 004, section "calendar"): work_schedule,
 * work_schedule_day, schedule_assignment (unit_id XOR employee_id, dated)
 * and flexible_start. Resolution for an employee on a date: the employee's
 * own assignment valid that day, else the unit's or the nearest ancestor's,
 * else dki_default. A seasonal schedule (Ramadan) valid on the date replaces
 * a regular one (never a shift schedule). An approved flexible start covering
 * the date moves the start (and the end, keeping the net minutes). */
#ifndef FLEKSI_STORE_SCHEDULE_H
#define FLEKSI_STORE_SCHEDULE_H

#include "db/db.h"
#include "domain/schedule.h"

#include <stdbool.h>
#include <stdint.h>

#define SCHEDULE_DEFAULT_CODE "dki_default"

struct schedule_assign {       /* one dated assignment */
	int64_t owner_id;          /* unit or employee id */
	int sched;                 /* index into schedule_set.schedules */
	int shift_offset;
	int32_t valid_from, valid_until;   /* INT32_MAX when open */
};
struct schedule_flex {
	int64_t employee_id;
	int start_min;
	int32_t valid_from, valid_until;
};
struct schedule_unit {
	int64_t id, parent_id;
	bool face_to_face;
};

/* Everything needed to answer schedule_set_workday in memory: all
 * schedules, the assignments valid in the loaded range, the unit tree (for
 * inheritance) and the approved flexible starts. Arrays are sorted by owner
 * id for binary search. */
struct schedule_set {
	struct schedule *schedules; int nschedules;
	int default_sched;         /* index of dki_default, -1 when missing */
	struct schedule_assign *unit_assign; int nunit_assign;
	struct schedule_assign *emp_assign; int nemp_assign;
	struct schedule_unit *units; int nunits;
	struct schedule_flex *flex; int nflex;
	int32_t from, to;
	/* Precomputed when loading everything (unit_id 0) for ranges up to
	 * SCHEDULE_CACHE_DAYS: per unit (index in
	 * units) and day, the schedule the unit tree gives (-1 none) and its
	 * offset; per day the seasonal schedule (-1 none). NULL otherwise. */
	struct schedule_pick { int16_t sched, offset; } *unit_pick;
	int16_t *season_pick;
};
#define SCHEDULE_CACHE_DAYS 400

/* Load the set for days from..to. unit_id 0 = everything, else only what the
 * unit's subtree and its ancestors need. Runs in the caller's transaction. */
int schedule_set_load(struct db_conn *c, int64_t unit_id, int32_t from, int32_t to, struct schedule_set *out);
/* The schedule's working day for an employee (of unit unit_id) on day, with
 * an approved flexible start applied. Does NOT consult the calendar: combine
 * with calendar_is_working_day unless out->works_on_days_off (shifts), or
 * call schedule_apply_calendar. When nothing resolves (no dki_default),
 * out->working is false and out->code "". */
void schedule_set_workday(const struct schedule_set *s, int64_t employee_id, int64_t unit_id, int32_t day,
			  struct workday *out);
/* The schedule (and shift offset) resolved for an employee on day; NULL when none. */
const struct schedule *schedule_set_resolve(const struct schedule_set *s, int64_t employee_id, int64_t unit_id,
					     int32_t day, int *shift_offset);
/* Whether the resolved schedule works on calendar days off (shift schedules). */
bool schedule_set_works_on_days_off(const struct schedule_set *s, int64_t employee_id, int64_t unit_id, int32_t day);
void schedule_set_free(struct schedule_set *s);

/* One employee's working day including the calendar (a day off makes a
 * regular day not working) and an approved flexible start. ERR_NOT_FOUND
 * when no such employee. Runs in the caller's transaction. */
int schedule_workday(struct db_conn *c, int64_t employee_id, int32_t day, struct workday *out);

/* The unit of an employee; ERR_NOT_FOUND. */
int schedule_employee_unit(struct db_conn *c, int64_t employee_id, int64_t *unit_id);

/* Every schedule with its days; cb gets each (owned by the callee). */
int schedule_list(struct db_conn *c, int (*cb)(void *ctx, const struct schedule *s), void *ctx);
/* A schedule by code; ERR_NOT_FOUND. out freed with schedule_free. */
int schedule_get(struct db_conn *c, const char *code, struct schedule *out);

/* Assign a schedule to a unit or an employee from valid_from on (the
 * previous open assignment of that owner is closed the day before), in the
 * caller's write transaction, audited "schedule.assign". ERR_NOT_FOUND for
 * an unknown schedule code; ERR_INVALID for a shift_offset outside the
 * cycle. object is the audit object ("unit:CODE" / "employee:NIP"). */
int schedule_assign(struct db_conn *c, bool employee, int64_t owner_id, const char *object, const char *schedule_code,
		    int32_t valid_from, int shift_offset, const char *actor);

/* Approve a flexible start for an employee over valid_from..valid_until in
 * the caller's write transaction, audited "schedule.flexible_start". Checks
 * every day of the period against the schedule that applies then:
 * ERR_CONFLICT with *problem when refused (outside the window, not offered,
 * face-to-face unit, shift). */
int schedule_flexible_start(struct db_conn *c, int64_t employee_id, const char *nip, int start_min, int32_t valid_from,
			    int32_t valid_until, const char *actor, enum schedule_flex_problem *problem,
			    int32_t *problem_day);

/* Demo: assign shift_3x8 to hospital and puskesmas units and shift_24x48 to
 * fire-and-rescue units, in one transaction. */
int schedule_demo_seed(struct db *db);

#endif
