/* leaves.h (store) - leave and duty travel (table employee_leave, migration
 * 008): recording, cancelling, listing and a CSV import.
 *
 * A leave excuses each of its days (domain/day.h: day_leave_kind_parse and
 * day_leave_excuse give the day status); days off inside it stay libur. Two
 * active leaves of one employee never overlap. Adding or cancelling a leave
 * that covers dates already closed recomputes those days of that employee
 * at once, in the same transaction (store/attendance.h). Every change is
 * audited ("leave.create", "leave.cancel") in the caller's write
 * transaction. Who may record is decided by the caller (api/attendance.c). */
#ifndef FLEKSI_STORE_LEAVES_H
#define FLEKSI_STORE_LEAVES_H

#include "auth/roles.h"
#include "db/db.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LEAVE_NOTE_MAX 500
#define LEAVE_SPAN_MAX 1096      /* days: study assignments and unpaid leave run for years */
#define LEAVE_IMPORT_ROWS_MAX 20000

struct leave_input {
	const char *kind, *from, *to, *note;
};

/* Why an input is refused: the field and a sentence in both languages. */
struct leave_problem {
	const char *field;
	const char *message_id, *message_en;
};

/* Check an input without touching the database. false with *p filled. */
bool leaves_check(const struct leave_input *in, struct leave_problem *p);

/* Record a leave for employee_id (nip for the audit entry). ERR_INVALID
 * (check first with leaves_check), ERR_CONFLICT when it overlaps an active
 * leave (*conflict_id gets it). *recomputed gets the closed day accounts
 * that changed. Caller's write transaction. */
int leaves_create(struct db_conn *c, int64_t employee_id, const char *nip, const struct leave_input *in,
		  const char *actor, int64_t *id, int64_t *conflict_id, long *recomputed);

/* Cancel an active leave. ERR_NOT_FOUND; ERR_CONFLICT when already
 * cancelled. Recomputes its closed days. Caller's write transaction. */
int leaves_cancel(struct db_conn *c, int64_t id, const char *actor, long *recomputed);

/* The employee (and NIP) of a leave; ERR_NOT_FOUND. */
int leaves_owner(struct db_conn *c, int64_t id, int64_t *employee_id, char nip[19]);

/* A leave as listed; strings valid during the callback. */
struct leave_row {
	int64_t id;
	const char *nip, *name, *unit_code, *kind, *day_status, *from, *to, *note, *status;
	const char *created_by, *created_at, *cancelled_by, *cancelled_at;   /* "" when not cancelled */
};
struct leave_filter {
	const struct scope *scope;
	const char *unit_path;        /* "" everywhere */
	const char *nip;              /* "" any */
	const char *from, *to;        /* "" open: leaves overlapping from..to */
	const char *status;           /* "" any, "active", "cancelled" */
	int64_t id;                   /* > 0: this one only */
};
#define LEAVES_LIST_MAX 500
/* Leaves visible in the scope, newest start first, at most LEAVES_LIST_MAX. */
int leaves_each(struct db_conn *c, const struct leave_filter *f, int (*cb)(void *ctx, const struct leave_row *r),
		void *ctx);

/* ---- CSV import ---- */

#define LEAVE_PROBLEMS_LISTED 100
struct leave_import_problem {
	long line;
	char column[16];
	char message_id[200], message_en[200];
};
struct leave_import_result {
	long imported, recomputed;
	struct leave_import_problem items[LEAVE_PROBLEMS_LISTED];
	int listed;
	long total;                   /* problems found (listed the first LEAVE_PROBLEMS_LISTED) */
};

/* Import a CSV with the header nip,kind,from,to[,note] (comma or
 * semicolon): every row or none. may(ctx, unit_path) says whether the actor
 * may record leave for an employee of that unit (NULL: everyone). Returns 0
 * (all imported), ERR_INVALID with the problems listed per line (nothing
 * imported), ERR_TOO_BIG. Caller's write transaction: on ERR_INVALID the
 * caller rolls back. */
int leaves_import(struct db_conn *c, const char *data, size_t len, const char *actor,
		  bool (*may)(void *ctx, const char *unit_path), void *ctx, struct leave_import_result *out);

#endif
