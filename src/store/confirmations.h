/* confirmations.h (store) - reachability confirmations on remote days
 * (issue 5 item 3): which are due for an employee now, materialising them
 * with an in-app notification, answering one, and the bulk load the day
 * close uses.
 *
 * The moments of a date come from domain/worklog.h with the seed of the
 * employee and date under worklog_setting.secret, inside the working hours
 * the presence context gives (store/checkins.h). Nothing is stored before
 * a moment has come: a row (presence_confirmation) is made when the
 * employee's app polls (GET /api/v1/notifications or /confirmations) after
 * it, so the times cannot be read in advance. The close does not depend on
 * those rows: it derives the moments itself and counts every one without
 * an on-time answer as missed. */
#ifndef FLEKSI_STORE_CONFIRMATIONS_H
#define FLEKSI_STORE_CONFIRMATIONS_H

#include "db/db.h"
#include "domain/worklog.h"

#include <stdbool.h>
#include <stdint.h>

/* The confirmations' clock in Unix ms: the real time, unless the
 * environment variable FLEKSI_WORKLOG_CLOCK pins it to a Unix time in ms
 * (tests and demonstrations only: a test needs a working day's moment that
 * has come, whatever the hour it runs at). */
int64_t confirmations_now_ms(void);

/* One confirmation as listed; strings valid during the callback. */
struct confirmation_row {
	int64_t id;                /* 0: due but not materialised (seen by a supervisor) */
	const char *date;
	int seq;
	int due_min;               /* local minute of the date */
	int64_t due_ms, expires_ms, answered_ms;   /* answered_ms 0: none */
	const char *status;        /* pending | answered | late | missed (pending past expiry) */
	int late_min;
	bool has_location;
	double lat, lon, accuracy_m, distance_m;   /* distance_m < 0: no place to compare */
	int64_t plan_id;
	const char *plan_mode;
	const char *time_zone;
};

/* The confirmations of employee_id due by now_ms on the current remote
 * working day (and the previous one, for a shift past midnight) in the
 * employee's zone; with materialise (the employee's own poll) missing rows
 * are made, each with a "confirmation" notification, in one short write
 * transaction. c must have no transaction open (the presence context is
 * read first). */
int confirmations_due(struct db_conn *c, int64_t employee_id, int64_t now_ms, bool materialise,
		      int (*cb)(void *ctx, const struct confirmation_row *r), void *ctx);

/* The answer of a materialised confirmation by its employee at now_ms with
 * a location: on time or late (domain/worklog.h), with the distance to the
 * plan's place; marks its notification read; audited
 * "confirmation.answer". ERR_NOT_FOUND (not the employee's), ERR_CONFLICT
 * (answered already). c must have no transaction open. cb gets the row. */
int confirmation_answer(struct db_conn *c, int64_t employee_id, int64_t id, double lat, double lon, double accuracy_m,
			int64_t now_ms, const char *actor, int (*cb)(void *ctx, const struct confirmation_row *r),
			void *ctx);

/* ---- for the day close (store/attendance.c) ---- */

/* The answers given for date: per employee the seqs answered on time (bit
 * mask) and the late ones with their minutes. */
struct confirmation_answers {
	int64_t employee_id;
	uint8_t ok_mask, late_mask;
	int16_t late_min[WORKLOG_CONFIRMATIONS_MAX];
};
/* Load them (only: one employee, 0 all), sorted by employee; *out freed by
 * the caller. One query. */
int confirmation_answers_load(struct db_conn *c, const char *date, int64_t only, struct confirmation_answers **out,
			      long *n);

#endif
