/* reports.h (store) - citizens' reports (Open311), their handling, the app
 * keys that may file them, escalations and the public figures.
 *
 * Tables (migration 007): open311_key, report_setting, report,
 * report_event, report_escalation. Contact data of a reporter (e-mail,
 * phone, name) is stored for the handlers only and never leaves through the
 * public readers here: public rows (report_public_row) have no such fields,
 * and a description that names people (domain/open311.h) stays out of them
 * until a moderator approves it (possibly redacted).
 *
 * Routing: the unit the citizen chose, else the unit nearest to the
 * location (units with coordinates; ties go to the earliest unit, i.e. the
 * office itself rather than its sub-units), else the root of the
 * organisation. The handling officer is the unit head's account (the
 * active employee of the unit whose supervisor is outside the unit), else
 * the kepala_opd account of the body the unit belongs to. Escalations go to
 * that kepala_opd account (the head answerable for the body).
 *
 * Functions that change data run in the caller's write transaction and
 * append to the audit log there; readers run in any transaction. */
#ifndef FLEKSI_STORE_REPORTS_H
#define FLEKSI_STORE_REPORTS_H

#include "auth/roles.h"
#include "db/db.h"
#include "domain/open311.h"

#include <stdbool.h>
#include <stdint.h>

#define OPEN311_KEY_CHARS 40

/* ---- settings ---- */
struct report_settings {
	struct report_rules rules;
	int rate_per_hour;       /* POSTs per client address and hour */
};
int reports_settings_get(struct db_conn *c, struct report_settings *out);
/* ERR_INVALID when a value is out of range (*field names it). Audited. */
int reports_settings_put(struct db_conn *c, const struct report_settings *s, const char *actor, const char **field);

/* ---- app keys ---- */
/* Create a key for an app; key gets the plaintext (shown once), *id the row.
 * Only a SHA-256 of the key is stored. ERR_INVALID for an empty or long name. */
int open311_key_add(struct db_conn *c, const char *name, const char *actor, char key[OPEN311_KEY_CHARS + 1],
		    int64_t *id);
/* The active key's id, or ERR_UNAUTHORIZED. */
int open311_key_check(struct db_conn *c, const char *key, int64_t *id);
int open311_key_revoke(struct db_conn *c, int64_t id, const char *actor);
struct open311_key_row {
	int64_t id;
	const char *name, *created_by, *created_at, *revoked_at;
};
int open311_keys_each(struct db_conn *c, int (*cb)(void *ctx, const struct open311_key_row *k), void *ctx);
/* Register a key whose plaintext the caller derives (the web form's key,
 * derived from the server's token key so every node agrees); no-op when
 * it exists. Not audited: it grants nothing a citizen does not have. */
int open311_key_ensure(struct db_conn *c, const char *name, const char *key);

/* ---- filing ---- */
struct report_input {
	const struct open311_service *service;
	const char *unit_code;        /* attribute[unit]; NULL or "" = route by location */
	bool has_location;
	double lat, lon;
	const char *address, *address_id, *zipcode, *media_url, *description;
	const char *email, *phone, *first_name, *last_name, *device_id, *account_id;
	const char *attributes_json;  /* canonical JSON object of the attributes */
	const char *seen_at;          /* attribute[seen_at], as given */
	int64_t key_id;
};
/* File a report at now: route it, set deadlines (calendar of the current
 * years), hold it for moderation when its description names people,
 * audit it. ERR_NOT_FOUND when the chosen unit does not exist (*field
 * "unit"). token gets the new token (24 characters). */
int reports_create(struct db_conn *c, const struct report_input *in, int64_t now, int64_t *id, char token[33],
		   const char **field);
/* The request id of a token, ERR_NOT_FOUND when unknown. */
int reports_by_token(struct db_conn *c, const char *token, int64_t *id);

/* ---- reading ---- */
struct report_row {
	int64_t id;
	char service_code[40];
	enum report_status status;
	char *status_notes, *description, *public_description, *address, *address_id, *zipcode, *media_url;
	char *attributes, *seen_at, *contact_email, *contact_phone, *contact_name, *token;
	char moderation[12];
	char routed_by[12];
	int64_t unit_id;
	char unit_code[33];
	char *unit_name;
	char unit_path[ROLES_PATH_MAX];
	int64_t handler_account_id;
	char handler_username[64];
	bool has_location;
	double lat, lon;
	int64_t requested_at, updated_at, verify_due, answer_due, verified_at, answered_at; /* 0: not yet */
	bool escalated;
};
void report_row_free(struct report_row *r);
/* The full row (private fields included). ERR_NOT_FOUND. */
int reports_get(struct db_conn *c, int64_t id, struct report_row *out);
/* Whether the public may see the description (no moderation needed or approved). */
const char *report_public_description(const struct report_row *r);

/* Public listing filters (Open311 GET requests). */
struct report_public_filter {
	const int64_t *ids; int nids;  /* when nids > 0, the rest is ignored */
	const char *service_code;      /* NULL: any */
	int64_t start, end;            /* requested_at range, inclusive */
	int status_closed;             /* -1 any, 0 open, 1 closed */
	int limit, offset;
};
int reports_public_each(struct db_conn *c, const struct report_public_filter *f,
			int (*cb)(void *ctx, const struct report_row *r), void *ctx);

/* Handler's queue. */
struct report_queue_filter {
	const struct actor *actor;     /* scope: admin_bkd/inspektorat all; kepala_opd their body; else their own */
	const char *unit_path;         /* narrower: the subtree of this unit; NULL any */
	const char *status;            /* NULL any */
	bool overdue_only;
	bool moderation_pending;
	int64_t now;
	int limit, offset;
};
int reports_queue_each(struct db_conn *c, const struct report_queue_filter *f,
		       int (*cb)(void *ctx, const struct report_row *r), void *ctx);
/* Whether the actor handles this report: admin_bkd, kepala_opd of its body,
 * or its handling officer. */
bool reports_actor_handles(const struct actor *a, const struct report_row *r);

struct report_event_row {
	const char *action, *from_status, *to_status, *note, *actor;
	bool public_note;
	int64_t at;
};
int reports_events_each(struct db_conn *c, int64_t id, bool public_only,
			int (*cb)(void *ctx, const struct report_event_row *e), void *ctx);

/* ---- handling ---- */
/* Move a report to status `to` with a note (public when public_note: it
 * becomes the Open311 status_notes). ERR_CONFLICT when the status machine
 * refuses. Audited. */
int reports_set_status(struct db_conn *c, int64_t id, enum report_status to, const char *note, bool public_note,
		       const char *actor, int64_t now);
/* Forward to another unit (by code): status forwarded, new handler, fresh
 * verification deadline. ERR_NOT_FOUND unit, ERR_CONFLICT state. */
int reports_forward(struct db_conn *c, int64_t id, const char *unit_code, const char *note, const char *actor,
		    int64_t now);
/* Approve (with an optional redacted text, else the original) or reject the
 * public description. ERR_CONFLICT when nothing waits. */
int reports_moderate(struct db_conn *c, int64_t id, bool approve, const char *public_text, const char *actor,
		     int64_t now);
/* Record an escalation for every overdue report not yet escalated for that
 * deadline (audited, actor "system"). *n gets how many. */
int reports_escalate_overdue(struct db_conn *c, int64_t now, int *n);

/* ---- cross-check (for handlers) ---- */
struct report_staff_row {
	const char *nip, *name, *plan_mode, *plan_status;   /* plan "" when none */
	const char *unit_code;
	int in_minute;            /* local minute of the day's check-in, -1 none */
	const char *in_verdict;   /* "ok", "flagged" or "" */
	int out_minute;           /* -1 none */
};
/* The active staff of the unit and the units below it (at most 500), their
 * requested or approved plan and their check-ins on date (YYYY-MM-DD). */
int reports_unit_staff_on(struct db_conn *c, int64_t unit_id, const char *date,
			  int (*cb)(void *ctx, const struct report_staff_row *s), void *ctx);

/* ---- report -> violation (issue 7 item 4) ---- */
/* What a handler may find, the "kind" of POST /reports/{id}/violation. */
#define REPORT_FINDINGS "absent", "late", "early_leave", "conduct", "other"
bool report_finding_ok(const char *kind);

struct report_violation_input {
	int64_t report_id;
	const char *nip, *date;    /* the employee and the day (YYYY-MM-DD) the finding is about */
	const char *finding;       /* report_finding_ok() */
	const char *note;          /* the handler's reasons, 5..2000 bytes */
};
/* Record a substantiated report as a violation of one employee in the
 * caller's write transaction: a report_violation row, the day_violation row
 * of kind "citizen_report" for that employee and date (rebuilt from every
 * report_violation of the pair, so two reports make count 2), a private
 * report_event and an audit entry. Errors, with *field:
 *   ERR_NOT_FOUND  the report;
 *   ERR_CONFLICT   "status": the report is not substantiated
 *                  (report_status_substantiated()); "nip": this report is
 *                  already a violation of this employee;
 *   ERR_INVALID    "nip": no such active employee in the report's unit or
 *                  below; "date": not a date, after the report came in or
 *                  more than REPORT_VIOLATION_DAYS before. */
#define REPORT_VIOLATION_DAYS 31
int reports_violation_add(struct db_conn *c, const struct report_violation_input *in, const char *actor,
			  int64_t now, int64_t *id, const char **field);

struct report_violation_row {
	int64_t id;
	const char *nip, *name, *date, *finding, *note, *created_by, *created_at;
};
int reports_violations_each(struct db_conn *c, int64_t report_id,
			    int (*cb)(void *ctx, const struct report_violation_row *v), void *ctx);

/* ---- public figures ---- */
/* Violation kinds counted in the figures: the close's kinds (domain/day.h,
 * in its order) and then "citizen_report". */
#define REPORT_STATS_VKINDS 12
const char *reports_stats_vkind(int i);
#define REPORT_STATS_LEVELS 3      /* ringan, sedang, berat (domain/ladder.h) */

struct report_body_stats {
	const char *body_code, *body_name;
	long received, answered, overdue;
	double median_hours_to_answer;   /* over answered reports; -1 when none */
	long staff, staff_with_plans;    /* active staff; with >= 1 approved plan in the month */
	bool staff_suppressed;           /* fewer than min_group people in a figure */
	/* On-site coverage of face-to-face units with a minimum (unit_staffing
	 * min_on_site > 0) on the month's closed working days: unit-days, and
	 * those where the closed accounts had >= the minimum "hadir". */
	long coverage_units, coverage_days, coverage_days_met;
	long coverage_people;            /* active staff of those units */
	bool coverage_suppressed;
	/* Violations of closed days by kind (person-days), and sanctions that
	 * start in the month (sanction_from, else the day the case closed) by
	 * level; each withheld when it is about 1..min_group-1 distinct people. */
	long violations[REPORT_STATS_VKINDS];
	bool violations_suppressed[REPORT_STATS_VKINDS];
	long sanctions[REPORT_STATS_LEVELS];
	bool sanctions_suppressed[REPORT_STATS_LEVELS];
};
/* Figures of the month [from, to] (dates, WIB) for each body (unit one
 * level below the root), or only body_code when not NULL/"". Suppression
 * is applied with min_group. */
int reports_stats_each(struct db_conn *c, const char *body_code, int32_t from, int32_t to, int min_group, int64_t now,
		       int (*cb)(void *ctx, const struct report_body_stats *s), void *ctx);

/* Public, non-personal unit list for the form: code, name, lat/lon. */
struct report_unit_row {
	const char *code, *name, *kind;
	bool has_location;
	double lat, lon;
};
int reports_units_each(struct db_conn *c, const char *q, int limit,
		       int (*cb)(void *ctx, const struct report_unit_row *u), void *ctx);

#endif
