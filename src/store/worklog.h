/* worklog.h (store) - worklog settings, performance targets (SKP items),
 * daily work reports and in-app notifications (issue 5 items 3-4).
 *
 * Tables (migration 011): worklog_setting, skp_target, daily_report,
 * daily_report_activity, notification. Every change is audited and runs in
 * the caller's write transaction; a multi-row change (a report with its
 * activities, a CSV import) is therefore all or nothing.
 *
 * A report sent for a date that is already closed recomputes that day
 * (store/attendance.h) in the same transaction, so a missing report turns
 * into a late one at once. */
#ifndef FLEKSI_STORE_WORKLOG_H
#define FLEKSI_STORE_WORKLOG_H

#include "auth/roles.h"
#include "db/db.h"
#include "domain/worklog.h"

#include <stdbool.h>
#include <stdint.h>

#define SKP_TITLE_MAX 300
#define SKP_CODE_MAX 32
#define SKP_IMPORT_ROWS_MAX 500
#define WORKLOG_REASON_MAX 500

struct worklog_settings {
	int confirmations_per_day;
	int answer_window_min;
	bool report_every_working_day;   /* report_days = 'working' (else 'remote') */
	int report_deadline_min;
	int review_working_days;
	uint8_t secret[WORKLOG_SECRET_BYTES];
	char updated_by[64], updated_at[40];
};

/* The settings (cached WORKLOG_SETTINGS_TTL_MS per process; a change made
 * through worklog_settings_put is seen at once on this node). */
#define WORKLOG_SETTINGS_TTL_MS 30000
int worklog_settings_get(struct db_conn *c, struct worklog_settings *out);
/* Change every field but the secret, audited "worklog.settings". */
int worklog_settings_put(struct db_conn *c, const struct worklog_settings *in, const char *actor);

/* ---- SKP targets ---- */

struct skp_target {
	int64_t id, employee_id;
	int year;
	char code[SKP_CODE_MAX + 1];
	char title[SKP_TITLE_MAX + 1];
	char indicator[SKP_TITLE_MAX + 1];
	bool has_qty;
	double target_qty;
	char target_unit[65];
};

/* The live targets of an employee for a year (0: every year), by year then code. */
int skp_targets_each(struct db_conn *c, int64_t employee_id, int year,
		     int (*cb)(void *ctx, const struct skp_target *t), void *ctx);
/* Check a target's fields (ERR_INVALID, *field). */
int skp_target_check(const struct skp_target *t, const char **field);
/* Create (t->id = 0) or update t (of t->employee_id), audited; ERR_CONFLICT
 * when the code is taken that year, ERR_NOT_FOUND for another employee's
 * or a deleted target. t->id gets the new id. */
int skp_target_save(struct db_conn *c, struct skp_target *t, const char *actor);
/* Mark deleted (reports naming it keep it), audited. */
int skp_target_delete(struct db_conn *c, int64_t employee_id, int64_t id, const char *actor);
/* Import CSV rows (header: year,code,title[,indicator,target,unit]) for an
 * employee: a row whose code exists that year updates it, else creates.
 * ERR_INVALID with *line and *field at the first bad row (nothing
 * written); *imported gets the rows. */
int skp_targets_import(struct db_conn *c, int64_t employee_id, const char *csv, size_t len, const char *actor,
		       long *imported, long *line, const char **field);

/* ---- daily reports ---- */

struct report_row {
	int64_t id, employee_id;
	const char *nip, *name, *date, *status, *submitted_at, *review_due, *reviewed_by, *reviewed_at,
		*return_reason;
	int64_t supervisor_id;
	bool late;
	int late_min, total_min, version;
};

struct report_activity_row {
	int position;
	int64_t target_id;
	const char *target_code, *target_title, *description, *output;
	int minutes;
};

/* Send (or send again after a return) the report of employee_id for date
 * (local), at now_ms: replaces its activities (targets must be the
 * employee's own live ones: ERR_INVALID with *index and *field), keeps the first
 * submission's lateness; ERR_CONFLICT unless new or returned. *id gets the report. */
int report_put(struct db_conn *c, int64_t employee_id, int32_t day, const struct worklog_activity *a, int n,
	       int64_t now_ms, const char *actor, int64_t *id, int *index, const char **field);

/* Accept (reason NULL) or return a submitted report as the direct
 * supervisor (ERR_FORBIDDEN otherwise, and never one's own); ERR_CONFLICT
 * when it is not waiting for review. Notifies the employee. */
int report_review(struct db_conn *c, int64_t id, int64_t reviewer_employee_id, bool accept, const char *reason,
		  const char *actor);

struct report_filter {
	int64_t employee_id;       /* 0: see supervisor_id */
	int64_t supervisor_id;     /* direct subordinates of this employee */
	const char *from, *to;     /* inclusive, "" none */
	const char *status;        /* "" any; "overdue": submitted past review_due */
	const char *today;         /* for "overdue" */
	int limit;
};
int reports_each(struct db_conn *c, const struct report_filter *f, int (*cb)(void *ctx, const struct report_row *r),
		 void *ctx);
/* One report by id or by employee and date (id 0); ERR_NOT_FOUND. The
 * activities go to acb (may be NULL) before cb. */
int report_get(struct db_conn *c, int64_t id, int64_t employee_id, const char *date,
	       int (*cb)(void *ctx, const struct report_row *r),
	       int (*acb)(void *ctx, const struct report_activity_row *a), void *ctx);

/* ---- notifications ---- */

struct notification_row {
	int64_t id, ref_id;
	const char *kind, *message_id, *message_en, *created_at, *read_at;
};
/* Add one (once per kind and ref_id) in the caller's write transaction. */
int notification_add(struct db_conn *c, int64_t employee_id, const char *kind, int64_t ref_id, const char *message_id,
		     const char *message_en, int64_t expires_ms);
/* The newest limit notifications; *unread gets the unread count. */
int notifications_each(struct db_conn *c, int64_t employee_id, int limit, long *unread,
		       int (*cb)(void *ctx, const struct notification_row *n), void *ctx);
/* Mark read (the employee's own: ERR_NOT_FOUND otherwise). */
int notification_read(struct db_conn *c, int64_t employee_id, int64_t id);
int notification_read_ref(struct db_conn *c, int64_t employee_id, const char *kind, int64_t ref_id);

/* Working calendar and time zone helpers shared with confirmations. */
int worklog_employee_tz(struct db_conn *c, int64_t employee_id, int *tz, int64_t *unit_id, int64_t *supervisor_id);

#endif
