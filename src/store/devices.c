/* devices.c - registered devices and their change requests (see devices.h). */
#include "store/devices.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/mem.h"
#include "store/audit.h"

#include <stdio.h>
#include <string.h>

static const char SQL_COLS[] =
	"SELECT d.id, d.employee_id, e.nip, d.device_id, d.status, d.origin, d.requested_at,"
	" COALESCE(d.decided_at, ''), COALESCE(d.decided_by, ''), d.note, COALESCE(e.supervisor_id, 0)"
	" FROM device d JOIN employee e ON e.id = d.employee_id WHERE d.id = $1";
static const char SQL_EACH[] =
	"SELECT d.id, d.employee_id, e.nip, d.device_id, d.status, d.origin, d.requested_at,"
	" COALESCE(d.decided_at, ''), COALESCE(d.decided_by, ''), d.note, 0"
	" FROM device d JOIN employee e ON e.id = d.employee_id WHERE d.employee_id = $1 ORDER BY d.id DESC";
static const char SQL_ACTIVE[] = "SELECT device_id FROM device WHERE employee_id = $1 AND status = 'active'";
static const char SQL_SUPERSEDE[] =
	"UPDATE device SET status = 'refused', decided_at = $2, decided_by = $3, note = 'superseded'"
	" WHERE employee_id = $1 AND status = 'pending'";
static const char SQL_INSERT[] =
	"INSERT INTO device (employee_id, device_id, status, origin, requested_at, decided_at, decided_by)"
	" VALUES ($1, $2, $3, 'request', $4, $5, $6) RETURNING id";
static const char SQL_RETIRE[] =
	"UPDATE device SET status = 'retired', decided_at = $2, decided_by = $3 WHERE employee_id = $1 AND status = 'active'";
static const char SQL_DECIDE[] =
	"UPDATE device SET status = $2, decided_at = $3, decided_by = $4, note = $5 WHERE id = $1";

static void read_row(struct db_stmt *s, struct device_row *d)
{
	memset(d, 0, sizeof *d);
	d->id = db_col_int(s, 0);
	d->employee_id = db_col_int(s, 1);
	snprintf(d->nip, sizeof d->nip, "%s", db_col_text(s, 2));
	snprintf(d->device_id, sizeof d->device_id, "%s", db_col_text(s, 3));
	snprintf(d->status, sizeof d->status, "%s", db_col_text(s, 4));
	snprintf(d->origin, sizeof d->origin, "%s", db_col_text(s, 5));
	snprintf(d->requested_at, sizeof d->requested_at, "%s", db_col_text(s, 6));
	snprintf(d->decided_at, sizeof d->decided_at, "%s", db_col_text(s, 7));
	snprintf(d->decided_by, sizeof d->decided_by, "%s", db_col_text(s, 8));
	snprintf(d->note, sizeof d->note, "%s", db_col_text(s, 9));
}

/* The row and the employee's supervisor id. */
static int get_with_supervisor(struct db_conn *c, int64_t id, struct device_row *out, int64_t *supervisor)
{
	struct db_stmt *s = db_prepare(c, SQL_COLS);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, id);
	int rc = db_step(s);
	if (rc == 1) {
		read_row(s, out);
		*supervisor = db_col_int(s, 10);
	}
	db_reset(s);
	return rc == 1 ? 0 : rc < 0 ? rc : ERR_NOT_FOUND;
}

int device_get(struct db_conn *c, int64_t id, struct device_row *out)
{
	int64_t sup;
	return get_with_supervisor(c, id, out, &sup);
}

int devices_each(struct db_conn *c, int64_t employee_id, int (*cb)(void *ctx, const struct device_row *d), void *ctx)
{
	struct db_stmt *s = db_prepare(c, SQL_EACH);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, employee_id);
	int rc;
	struct device_row d;
	while ((rc = db_step(s)) == 1) {
		read_row(s, &d);
		if (cb(ctx, &d))
			break;
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

/* Run a statement with (int, text, text) parameters. */
static int run3(struct db_conn *c, const char *sql, int64_t a, const char *b, const char *d)
{
	struct db_stmt *s = db_prepare(c, sql);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, a);
	db_bind_text(s, 2, b);
	db_bind_text(s, 3, d);
	int rc = db_step(s);
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static int audit_device(struct db_conn *c, const char *action, const struct device_row *d, const char *actor)
{
	char object[64], after[400];
	snprintf(object, sizeof object, "device:%lld", (long long)d->id);
	snprintf(after, sizeof after, "{\"device_id\":\"%s\",\"employee\":\"%s\",\"status\":\"%s\"}", d->device_id, d->nip,
		 d->status);
	struct audit_event ev = {actor, action, object, NULL, after};
	return audit_append(c, &ev);
}

int device_request(struct db_conn *c, int64_t employee_id, const char *nip, const char *device_id, const char *actor,
		   struct device_row *out, const char **code)
{
	struct db_stmt *s = db_prepare(c, SQL_ACTIVE);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, employee_id);
	int rc = db_step(s);
	bool none = rc == 0, same = rc == 1 && !strcmp(db_col_text(s, 0), device_id);
	db_reset(s);
	if (rc < 0)
		return rc;
	if (same) {
		*code = "already_active";
		return ERR_CONFLICT;
	}
	char now[40];
	clock_now_iso(now, sizeof now);
	if ((rc = run3(c, SQL_SUPERSEDE, employee_id, now, actor)))
		return rc;
	if (!(s = db_prepare(c, SQL_INSERT)))
		return ERR_DB;
	db_bind_int(s, 1, employee_id);
	db_bind_text(s, 2, device_id);
	db_bind_text(s, 3, none ? "active" : "pending");
	db_bind_text(s, 4, now);
	db_bind_text(s, 5, none ? now : NULL);
	db_bind_text(s, 6, none ? actor : NULL);
	rc = db_step(s);
	int64_t id = rc == 1 ? db_col_int(s, 0) : 0;
	db_reset(s);
	if (rc != 1)
		return rc < 0 ? rc : ERR_DB;
	if ((rc = device_get(c, id, out)))
		return rc;
	(void)nip;
	return audit_device(c, "device.request", out, actor);
}

int device_decide(struct db_conn *c, int64_t id, int64_t approver_employee_id, bool approve, const char *note,
		  const char *actor, struct device_row *out, const char **code)
{
	int64_t supervisor = 0;
	int rc = get_with_supervisor(c, id, out, &supervisor);
	if (rc)
		return rc;
	if (!approver_employee_id || supervisor != approver_employee_id)
		return ERR_FORBIDDEN;
	if (strcmp(out->status, "pending")) {
		*code = "not_pending";
		return ERR_CONFLICT;
	}
	char now[40];
	clock_now_iso(now, sizeof now);
	if (approve && (rc = run3(c, SQL_RETIRE, out->employee_id, now, actor)))
		return rc;
	struct db_stmt *s = db_prepare(c, SQL_DECIDE);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, id);
	db_bind_text(s, 2, approve ? "active" : "refused");
	db_bind_text(s, 3, now);
	db_bind_text(s, 4, actor);
	db_bind_text(s, 5, note ? note : "");
	rc = db_step(s);
	db_reset(s);
	if (rc < 0)
		return rc;
	if ((rc = device_get(c, id, out)))
		return rc;
	return audit_device(c, approve ? "device.approve" : "device.refuse", out, actor);
}
