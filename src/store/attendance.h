/* attendance.h (store) - closing days: the account of every employee's
 * working day (table day_account), the violations it yields (day_violation)
 * and the record of closed dates (day_close), migration 008.
 *
 * Closing a date loads everything the day needs in bulk - active
 * employees, the schedules and calendar, approved plans, active leave, the
 * date's check-ins, eligibility of those with a remote plan, and the rows
 * already closed - with a handful of queries, decides each employee's day
 * with domain/day.h in memory, and writes only the rows that changed, in
 * multi-row statements, all in ONE write transaction (a date is all or
 * nothing). Closing again with the same data changes nothing (rows keep
 * their version); a change (late leave, calendar amendment, a late record)
 * bumps the version of the rows it touches and replaces their violations.
 *
 * Reachability confirmations and daily work reports (issue 5 items 3-4,
 * migration 011) are loaded in bulk too (the date's answers and reports:
 * two queries): on a remote working day (approved plan, no leave) every
 * moment derived for the employee (store/confirmations.h) without an
 * on-time answer is a missed confirmation, asked or not; a day that needs
 * a report (remote days, or every working day by worklog_setting) without
 * one is report_missing, one sent after the deadline report_late. A live
 * account of today counts only moments whose window has closed and no
 * report yet. day_account.confirmations_missed keeps the count.
 *
 * A day off (libur) is stored only when it replaces a stored working day
 * (a calendar amendment): a closed date without a row for an employee is a
 * day off for them, which keeps weekends and holidays out of the table.
 *
 * On PostgreSQL the monthly partitions of day_account and day_violation
 * (day_account_YYYY_MM) are created by the close for the date's month and
 * the next one, ahead of need. */
#ifndef FLEKSI_STORE_ATTENDANCE_H
#define FLEKSI_STORE_ATTENDANCE_H

#include "auth/roles.h"
#include "db/db.h"

#include <stdbool.h>
#include <stdint.h>

/* The outcome of closing one date. */
struct attendance_close_stats {
	int32_t day;
	bool working_day;        /* by the calendar (shift staff may work anyway) */
	long employees;          /* accounts decided */
	long changed;            /* rows inserted or updated (0 when closed again unchanged) */
	long violations;         /* violation rows of the date after the close */
	long alpa;               /* unexcused absences of the date */
	double ms;               /* wall time of load + decide + write + commit */
};

/* Close one date (day number) for every active employee in one write
 * transaction, audited "attendance.close" on "day:YYYY-MM-DD" when anything
 * changed. actor is a username or "system". */
int attendance_close_day(struct db *db, int32_t day, const char *actor, struct attendance_close_stats *st);

/* Close from..to in date order, one transaction per date; cb (may be NULL)
 * is told each date's stats and may stop the run by returning non-zero.
 * The schedules and calendar are loaded once for the whole range. */
int attendance_close_range(struct db *db, int32_t from, int32_t to, const char *actor,
			   int (*cb)(void *ctx, const struct attendance_close_stats *st), void *ctx);

/* Recompute the closed dates in from..to of one employee (after a leave is
 * added or cancelled late), in the caller's write transaction. Dates not
 * closed yet are left alone: their close will see the change. *changed
 * (may be NULL) gets the rows changed. */
int attendance_recompute_employee(struct db_conn *c, int64_t employee_id, int32_t from, int32_t to,
				  const char *actor, long *changed);

/* The scheduled close, called by every node's upkeep pass: each date from
 * today - lookback_days up to the latest date whose close time has passed
 * (setting attendance_setting.close_at_min on the next day, WIB) that is not
 * closed yet is claimed once across nodes (job_run "close_day", period the
 * date) and closed; closed dates whose calendar working status changed since
 * (an amendment) are closed again (claim "reclose_day:<date>:<n>").
 * *closed gets how many dates were closed. */
int attendance_close_due(struct db *db, const char *holder, int64_t now, int *closed);

/* ---- reading ---- */

/* One day of one employee as listed; strings valid during the callback. */
struct attendance_row {
	const char *date, *nip, *name, *unit_code;
	const char *status;          /* "open" for a day not closed yet */
	bool closed;
	int late_min, early_min, net_min;
	unsigned violations;         /* bits of enum day_violation */
	unsigned flags;              /* bits of enum presence_flag */
	const char *plan_mode;       /* "" none */
	int64_t plan_id, leave_id;   /* 0 none */
	const char *leave_kind;      /* "" none */
	const char *schedule_code;
	int start_min, end_min;      /* -1 when not working */
	int in_min, out_min;         /* -1 when no record */
	const char *closed_at;
	int version;
};

struct attendance_filter {
	const struct scope *scope;
	const char *unit_path;       /* "" everywhere */
	const char *nip;             /* "" any */
	const char *from, *to;       /* inclusive dates */
	const char *status;          /* "" any */
	int limit, offset;
};

/* Closed day accounts visible in the scope, by date then name then NIP;
 * *total gets the count matching the filter. */
int attendance_each(struct db_conn *c, const struct attendance_filter *f,
		    int (*cb)(void *ctx, const struct attendance_row *r), void *ctx, long *total);

/* The live (not stored) account of one employee on a date, computed like
 * the close would now: for a date not closed yet, or a closed date without
 * a row (a day off: the close stores no new libur rows), closed saying
 * which. ERR_NOT_FOUND for no such active employee. */
int attendance_live(struct db_conn *c, int64_t employee_id, int32_t day, bool closed,
		    int (*cb)(void *ctx, const struct attendance_row *r), void *ctx);

/* Whether day is closed. */
int attendance_is_closed(struct db_conn *c, int32_t day, bool *closed);

/* Closed dates in from..to (newest first, at most 400) with their stats. */
struct attendance_close_row {
	const char *date, *closed_by, *closed_at;
	bool working_day;
	long employees, changed, closes, duration_ms;
};
int attendance_closes_each(struct db_conn *c, const char *from, const char *to,
			   int (*cb)(void *ctx, const struct attendance_close_row *r), void *ctx);

#endif
