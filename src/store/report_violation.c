/* report_violation.c (store) - a substantiated citizen's report becomes a
 * violation of one employee (see store/reports.h).
 *
 * The violation lives in two places: report_violation (migration 013), the
 * record that survives, and day_violation (kind "citizen_report"), where the
 * ladder and the cases read every violation of a day. Because closing a date
 * again rewrites that date's day_violation rows, the close keeps (or
 * re-inserts from report_violation) the citizen_report rows; the
 * day_violation row is always derivable from report_violation. */
#include "store/reports.h"
#include "store/audit.h"
#include "core/clock.h"
#include "core/date.h"
#include "core/err.h"
#include "core/mem.h"

#include <stdio.h>
#include <string.h>

static const char SQL_REPORT_STATE[] = "SELECT status, unit_id, requested_at FROM report WHERE id = $1";
static const char SQL_REPORT_STATE_PG[] = "SELECT status, unit_id, requested_at FROM report WHERE id = $1 FOR UPDATE";
/* The employee, when active and in the report's unit or below (the staff
 * the cross-check lists). */
static const char SQL_EMPLOYEE_IN_UNIT[] =
	"SELECT e.id, e.unit_id FROM employee e JOIN unit u ON u.id = e.unit_id WHERE e.nip = $1 AND e.active"
	" AND u.path LIKE (SELECT path FROM unit WHERE id = $2) || '%'";
static const char SQL_EXISTS[] = "SELECT id FROM report_violation WHERE report_id = $1 AND employee_id = $2";
static const char SQL_INSERT[] =
	"INSERT INTO report_violation (report_id, employee_id, unit_id, date, finding, note, created_by, created_at)"
	" VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
static const char SQL_PAIR[] =
	"SELECT report_id, finding, note, created_by FROM report_violation WHERE employee_id = $1 AND date = $2"
	" ORDER BY id LIMIT 50";
static const char SQL_DV_DELETE[] =
	"DELETE FROM day_violation WHERE employee_id = $1 AND date = $2 AND kind = 'citizen_report'";
static const char SQL_DV_INSERT[] =
	"INSERT INTO day_violation (employee_id, date, unit_id, kind, minutes, count, evidence)"
	" VALUES ($1, $2, $3, 'citizen_report', 0, $4, $5)";
static const char SQL_EVENT[] =
	"INSERT INTO report_event (report_id, action, from_status, to_status, note, public, actor, at)"
	" VALUES ($1, 'violation', $2, $2, $3, 0, $4, $5)";
static const char SQL_LIST[] =
	"SELECT v.id, e.nip, e.name, v.date, v.finding, v.note, v.created_by, v.created_at FROM report_violation v"
	" JOIN employee e ON e.id = v.employee_id WHERE v.report_id = $1 ORDER BY v.id";

static const char *const FINDINGS[] = {REPORT_FINDINGS};

bool report_finding_ok(const char *kind)
{
	for (size_t i = 0; kind && i < sizeof FINDINGS / sizeof FINDINGS[0]; i++)
		if (!strcmp(FINDINGS[i], kind))
			return true;
	return false;
}

static int step_done(struct db_stmt *s)
{
	int rc = db_step(s);
	db_reset(s);
	return rc < 0 ? rc : 0;
}

/* The report's status, unit and the local day it came in (locked on PG). */
static int report_state(struct db_conn *c, int64_t id, enum report_status *st, int64_t *unit, int32_t *day)
{
	struct db_stmt *s = db_prepare(c, db_conn_dialect(c) == DB_POSTGRES ? SQL_REPORT_STATE_PG : SQL_REPORT_STATE);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, id);
	int rc = db_step(s), minute;
	if (rc == 1) {
		int v = report_status_parse(db_col_text(s, 0));
		*st = v < 0 ? REPORT_RECEIVED : (enum report_status)v;
		*unit = db_col_int(s, 1);
		tz_local(db_col_int(s, 2), TZ_WIB, day, &minute);
	}
	db_reset(s);
	return rc < 0 ? rc : rc == 0 ? ERR_NOT_FOUND : 0;
}

/* Rebuild the employee's citizen_report row of date from report_violation:
 * count = reports, evidence = each report's id, finding, note and handler. */
static int rewrite_day_violation(struct db_conn *c, int64_t emp, int64_t unit, const char *date)
{
	struct db_stmt *s = db_prepare(c, SQL_PAIR);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, emp);
	db_bind_text(s, 2, date);
	struct buf b;
	buf_init(&b, 256u * 1024);
	buf_puts(&b, "{\"source\":\"citizen_report\",\"reports\":[");
	int rc, n = 0;
	while ((rc = db_step(s)) == 1) {
		buf_printf(&b, "%s{\"report_id\":%lld,\"finding\":", n++ ? "," : "", (long long)db_col_int(s, 0));
		buf_json_string(&b, db_col_text(s, 1));
		buf_puts(&b, ",\"note\":");
		buf_json_string(&b, db_col_text(s, 2));
		buf_puts(&b, ",\"by\":");
		buf_json_string(&b, db_col_text(s, 3));
		buf_puts(&b, "}");
	}
	db_reset(s);
	buf_puts(&b, "]}");
	if (rc >= 0 && (s = db_prepare(c, SQL_DV_DELETE))) {
		db_bind_int(s, 1, emp);
		db_bind_text(s, 2, date);
		rc = step_done(s);
	} else if (rc >= 0) {
		rc = ERR_DB;
	}
	if (rc >= 0 && (s = db_prepare(c, SQL_DV_INSERT))) {
		db_bind_int(s, 1, emp);
		db_bind_text(s, 2, date);
		db_bind_int(s, 3, unit);
		db_bind_int(s, 4, n);
		db_bind_text(s, 5, b.data);
		rc = step_done(s);
	} else if (rc >= 0) {
		rc = ERR_DB;
	}
	buf_free(&b);
	return rc < 0 ? rc : 0;
}

/* Check the date: a real date, not after the day the report came in and
 * at most REPORT_VIOLATION_DAYS before it (what was seen, not guessed). */
static bool date_ok(const char *date, int32_t received)
{
	int32_t d;
	if (!date || strlen(date) != 10 || !date_parse(date, &d))
		return false;
	return d <= received && d >= received - REPORT_VIOLATION_DAYS;
}

static int find_employee(struct db_conn *c, const char *nip, int64_t unit, int64_t *emp, int64_t *emp_unit)
{
	struct db_stmt *s = db_prepare(c, SQL_EMPLOYEE_IN_UNIT);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, nip);
	db_bind_int(s, 2, unit);
	int rc = db_step(s);
	if (rc == 1) {
		*emp = db_col_int(s, 0);
		*emp_unit = db_col_int(s, 1);
	}
	db_reset(s);
	return rc < 0 ? rc : rc == 0 ? ERR_INVALID : 0;
}

static int already(struct db_conn *c, int64_t report, int64_t emp)
{
	struct db_stmt *s = db_prepare(c, SQL_EXISTS);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, report);
	db_bind_int(s, 2, emp);
	int rc = db_step(s);
	db_reset(s);
	return rc < 0 ? rc : rc == 1 ? ERR_CONFLICT : 0;
}

static int insert_row(struct db_conn *c, const struct report_violation_input *in, int64_t emp, int64_t emp_unit,
		      const char *actor, int64_t *id)
{
	char now[40];
	clock_now_iso(now, sizeof now);
	struct db_stmt *s = db_prepare(c, SQL_INSERT);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, in->report_id);
	db_bind_int(s, 2, emp);
	db_bind_int(s, 3, emp_unit);
	db_bind_text(s, 4, in->date);
	db_bind_text(s, 5, in->finding);
	db_bind_text(s, 6, in->note);
	db_bind_text(s, 7, actor);
	db_bind_text(s, 8, now);
	int rc = db_step(s);
	if (rc == 1)
		*id = db_col_int(s, 0);
	db_reset(s);
	return rc < 0 ? rc : rc == 0 ? ERR_DB : 0;
}

static int record_event_and_audit(struct db_conn *c, const struct report_violation_input *in,
				  enum report_status st, const char *actor, int64_t now, int64_t id)
{
	struct buf b;
	buf_init(&b, 8192);
	buf_printf(&b, "%s %s (%s): %s", in->nip, in->date, in->finding, in->note);
	struct db_stmt *s = db_prepare(c, SQL_EVENT);
	int rc = ERR_DB;
	if (s) {
		db_bind_int(s, 1, in->report_id);
		db_bind_text(s, 2, report_status_name(st));
		db_bind_text(s, 3, b.data);
		db_bind_text(s, 4, actor);
		db_bind_int(s, 5, now);
		rc = step_done(s);
	}
	buf_reset(&b);
	buf_printf(&b, "{\"violation_id\":%lld,\"nip\":", (long long)id);
	buf_json_string(&b, in->nip);
	buf_puts(&b, ",\"date\":");
	buf_json_string(&b, in->date);
	buf_puts(&b, ",\"kind\":\"citizen_report\",\"finding\":");
	buf_json_string(&b, in->finding);
	buf_puts(&b, ",\"note\":");
	buf_json_string(&b, in->note);
	buf_puts(&b, "}");
	char object[48];
	snprintf(object, sizeof object, "report:%lld", (long long)in->report_id);
	struct audit_event ev = {actor, "report.violation", object, NULL, b.data};
	if (!rc)
		rc = audit_append(c, &ev);
	buf_free(&b);
	return rc;
}

int reports_violation_add(struct db_conn *c, const struct report_violation_input *in, const char *actor,
			  int64_t now, int64_t *id, const char **field)
{
	enum report_status st = REPORT_RECEIVED;
	int64_t unit = 0, emp = 0, emp_unit = 0;
	int32_t received = 0;
	int rc = report_state(c, in->report_id, &st, &unit, &received);
	if (rc)
		return rc;
	*field = "status";
	if (!report_status_substantiated(st))
		return ERR_CONFLICT;
	*field = "date";
	if (!date_ok(in->date, received))
		return ERR_INVALID;
	*field = "nip";
	if ((rc = find_employee(c, in->nip, unit, &emp, &emp_unit)) || (rc = already(c, in->report_id, emp)))
		return rc;
	*field = NULL;
	if ((rc = insert_row(c, in, emp, emp_unit, actor, id)))
		return rc == ERR_CONFLICT ? (*field = "nip", rc) : rc;
	if ((rc = rewrite_day_violation(c, emp, emp_unit, in->date)))
		return rc;
	return record_event_and_audit(c, in, st, actor, now, *id);
}

int reports_violations_each(struct db_conn *c, int64_t report_id,
			    int (*cb)(void *ctx, const struct report_violation_row *v), void *ctx)
{
	struct db_stmt *s = db_prepare(c, SQL_LIST);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, report_id);
	int rc;
	while ((rc = db_step(s)) == 1) {
		struct report_violation_row v = {db_col_int(s, 0), db_col_text(s, 1), db_col_text(s, 2),
						 db_col_text(s, 3), db_col_text(s, 4), db_col_text(s, 5),
						 db_col_text(s, 6), db_col_text(s, 7)};
		if ((rc = cb(ctx, &v)))
			break;
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}
