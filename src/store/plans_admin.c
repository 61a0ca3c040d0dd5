/* plans_admin.c (store) - listing plans with the coverage effect of each
 * pending one, and the rules a unit head sets: staffing minimums,
 * office-only days, stand-in approvers; and employees' preferences
 * (see store/plans.h). Every change is audited in the caller's transaction. */
#include "core/clock.h"
#include "core/err.h"
#include "core/mem.h"
#include "store/audit.h"
#include "store/plans.h"
#include "store/roster.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char SQL_LIST[] =
	"SELECT p.id, p.employee_id, e.unit_id, COALESCE(p.location_unit_id, 0), COALESCE(p.rotation_id, 0), e.nip,"
	" e.name, u.code, u.name, p.date, p.mode, p.status, COALESCE(p.location_address, ''), COALESCE(lu.code, ''),"
	" p.location_lat IS NOT NULL, COALESCE(p.location_lat, 0), COALESCE(p.location_lon, 0),"
	" COALESCE(p.refusal_reason, ''), p.requested_by, p.requested_at, COALESCE(p.decided_by, ''),"
	" COALESCE(p.decided_at, ''), u.path, COALESCE(e.supervisor_id, 0)"
	" FROM plan p JOIN employee e ON e.id = p.employee_id JOIN unit u ON u.id = e.unit_id"
	" LEFT JOIN unit lu ON lu.id = p.location_unit_id"
	" WHERE (CAST($1 AS BIGINT) = 1 OR (CAST($2 AS TEXT) <> '' AND u.path LIKE CAST($2 AS TEXT) || '%')"
	"   OR e.id = $3 OR e.id IN (WITH RECURSIVE sub(id) AS (SELECT id FROM employee WHERE supervisor_id = $4"
	"     UNION SELECT x.id FROM employee x JOIN sub ON x.supervisor_id = sub.id) SELECT id FROM sub)"
	"   OR e.supervisor_id IN (SELECT approver_id FROM plan_stand_in WHERE stand_in_id = $3"
	"     AND valid_from <= $12 AND valid_until >= $12))"
	" AND u.path LIKE CAST($5 AS TEXT) || '%' AND (CAST($6 AS TEXT) = '' OR p.date >= $6)"
	" AND (CAST($7 AS TEXT) = '' OR p.date <= $7) AND (CAST($8 AS TEXT) = '' OR p.status = $8)"
	" AND (CAST($9 AS TEXT) = '' OR e.nip = $9)"
	" AND (CAST($10 AS BIGINT) = 0 OR e.supervisor_id = $10 OR e.supervisor_id IN (SELECT approver_id"
	"   FROM plan_stand_in WHERE stand_in_id = $10 AND valid_from <= $12 AND valid_until >= $12))"
	" AND (CAST($11 AS BIGINT) = 0 OR p.id = $11)"
	" ORDER BY p.date, e.name_lower, p.id LIMIT 1000";

/* A listed row kept until coverage is known. */
struct rec {
	struct plan_item it;
	char *s[15];
	int32_t day;
};

static const char *keep(struct rec *r, int k, const char *v)
{
	r->s[k] = xstrdup(v);
	return r->s[k];
}

static void read_rec(struct db_stmt *s, struct rec *r)
{
	memset(r, 0, sizeof *r);
	struct plan_item *p = &r->it;
	p->id = db_col_int(s, 0);
	p->employee_id = db_col_int(s, 1);
	p->unit_id = db_col_int(s, 2);
	p->location_unit_id = db_col_int(s, 3);
	p->rotation_id = db_col_int(s, 4);
	p->nip = keep(r, 0, db_col_text(s, 5));
	p->name = keep(r, 1, db_col_text(s, 6));
	p->unit_code = keep(r, 2, db_col_text(s, 7));
	p->unit_name = keep(r, 3, db_col_text(s, 8));
	p->date = keep(r, 4, db_col_text(s, 9));
	p->mode = keep(r, 5, db_col_text(s, 10));
	p->status = keep(r, 6, db_col_text(s, 11));
	p->location_address = keep(r, 7, db_col_text(s, 12));
	p->location_unit_code = keep(r, 8, db_col_text(s, 13));
	p->has_point = db_col_bool(s, 14);
	p->lat = db_col_real(s, 15);
	p->lon = db_col_real(s, 16);
	p->refusal_reason = keep(r, 9, db_col_text(s, 17));
	p->requested_by = keep(r, 10, db_col_text(s, 18));
	p->requested_at = keep(r, 11, db_col_text(s, 19));
	p->decided_by = keep(r, 12, db_col_text(s, 20));
	p->decided_at = keep(r, 13, db_col_text(s, 21));
	p->unit_path = keep(r, 14, db_col_text(s, 22));
	p->supervisor_id = db_col_int(s, 23);
	if (!date_parse(p->date, &r->day))
		r->day = 0;
}

/* Rosters loaded one unit at a time when the pending plans concern at most
 * this many units; beyond, one bulk load of the smallest subtree holding
 * them all (store/roster.h: a handful of queries whatever the count). */
#define COVER_UNITS_ONE_BY_ONE 3

static void cover_from(const struct roster *r, struct rec *v, int n)
{
	for (int k = 0; k < n; k++) {
		struct rec *x = &v[k];
		if (x->it.has_coverage || x->it.unit_id != r->unit_id || strcmp(x->it.status, "requested"))
			continue;
		int p = roster_person_index(r, x->it.employee_id), d = roster_day_index(r, x->day);
		if (p < 0 || d < 0 || x->day < r->from || x->day > r->to)
			continue;
		plan_coverage_if_approved(r, p, d, &x->it.coverage);
		x->it.has_coverage = true;
	}
}

/* The longest common prefix of two materialised paths, cut after a '/'. */
static size_t common_path(const char *a, const char *b, size_t n)
{
	size_t i = 0, cut = 0;
	while (i < n && a[i] && a[i] == b[i])
		if (a[i++] == '/')
			cut = i;
	return cut;
}

/* Fill the coverage of every requested row whose date lies within
 * ROSTER_MAX_DAYS of the earliest one. */
static int add_coverage(struct db_conn *c, struct rec *v, int n)
{
	int32_t from = 0, to = 0;
	int64_t units[COVER_UNITS_ONE_BY_ONE];
	int nunits = 0;
	const char *prefix = NULL;
	size_t plen = 0;
	for (int i = 0; i < n; i++) {
		if (strcmp(v[i].it.status, "requested") || !v[i].day)
			continue;
		if (!from || v[i].day < from)
			from = v[i].day;
		if (v[i].day > to)
			to = v[i].day;
		bool seen = false;
		for (int k = 0; k < nunits && k < COVER_UNITS_ONE_BY_ONE; k++)
			seen |= units[k] == v[i].it.unit_id;
		if (!seen && nunits++ < COVER_UNITS_ONE_BY_ONE)
			units[nunits - 1] = v[i].it.unit_id;
		plen = prefix ? common_path(prefix, v[i].s[14], plen) : strlen(v[i].s[14]);
		prefix = prefix ? prefix : v[i].s[14];
	}
	if (!from)
		return 0;
	if (to - from + 1 > ROSTER_MAX_DAYS)
		to = from + ROSTER_MAX_DAYS - 1;
	int rc = 0;
	if (nunits <= COVER_UNITS_ONE_BY_ONE) {
		for (int k = 0; !rc && k < nunits; k++) {
			struct roster r;
			rc = roster_load(c, units[k], from, to, &r);
			if (!rc)
				cover_from(&r, v, n);
			roster_free(&r);
		}
		return rc;
	}
	char *path = xstrndup(prefix, plen);
	struct roster_set set;
	rc = roster_load_all(c, path, from, to, &set);
	for (int i = 0; !rc && i < set.n; i++)
		cover_from(&set.units[i], v, n);
	roster_set_free(&set);
	free(path);
	return rc;
}

int plans_each(struct db_conn *c, const struct plan_filter *f, int (*cb)(void *ctx, const struct plan_item *p),
	       void *ctx)
{
	struct db_stmt *s = db_prepare(c, SQL_LIST);
	if (!s)
		return ERR_DB;
	const struct scope *sc = f->scope;
	int32_t today;
	int minute;
	tz_local(clock_unix(), TZ_WIB, &today, &minute);
	char today_text[DATE_TEXT];
	date_format(today, today_text);
	db_bind_int(s, 1, sc->all ? 1 : 0);
	db_bind_text(s, 2, sc->unit_path ? sc->unit_path : "");
	db_bind_int(s, 3, sc->self_id);
	db_bind_int(s, 4, sc->supervisor_id);
	db_bind_text(s, 5, f->unit_path ? f->unit_path : "");
	db_bind_text(s, 6, f->from ? f->from : "");
	db_bind_text(s, 7, f->to ? f->to : "");
	db_bind_text(s, 8, f->status ? f->status : "");
	db_bind_text(s, 9, f->nip ? f->nip : "");
	db_bind_int(s, 10, f->approver_id);
	db_bind_int(s, 11, f->id);
	db_bind_text(s, 12, today_text);
	struct rec *v = NULL;
	int n = 0, cap = 0, rc;
	while ((rc = db_step(s)) == 1) {
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			v = xrealloc(v, (size_t)cap * sizeof *v);
		}
		read_rec(s, &v[n++]);
	}
	db_reset(s);
	if (rc >= 0)
		rc = add_coverage(c, v, n);
	for (int i = 0; rc >= 0 && i < n; i++)
		rc = cb(ctx, &v[i].it);
	for (int i = 0; i < n; i++)
		for (int k = 0; k < 15; k++)
			free(v[i].s[k]);
	free(v);
	return rc < 0 ? rc : 0;
}

/* ---- audit helper ---- */

static int audit(struct db_conn *c, const char *actor, const char *action, const char *object, const char *after)
{
	struct audit_event ev = {actor, action, object, NULL, after};
	return audit_append(c, &ev);
}

static int exec_stmt(struct db_stmt *s)
{
	int rc = db_step(s);
	db_reset(s);
	return rc < 0 ? rc : 0;
}

/* ---- staffing ---- */

static const char SQL_STAFFING_SQLITE[] =
	"INSERT INTO unit_staffing (unit_id, min_on_site, min_on_site_per_hour, updated_by, updated_at)"
	" VALUES ($1, $2, $3, $4, $5) ON CONFLICT (unit_id) DO UPDATE SET min_on_site = excluded.min_on_site,"
	" min_on_site_per_hour = excluded.min_on_site_per_hour, updated_by = excluded.updated_by,"
	" updated_at = excluded.updated_at";
static const char SQL_STAFFING_GET[] =
	"SELECT min_on_site, min_on_site_per_hour FROM unit_staffing WHERE unit_id = $1";

int plans_staffing_set(struct db_conn *c, int64_t unit_id, const char *unit_code, int min_on_site,
		       int min_on_site_per_hour, const char *actor)
{
	if (min_on_site < 0 || min_on_site_per_hour < 0 || min_on_site > 100000 || min_on_site_per_hour > 100000)
		return ERR_INVALID;
	char now[40];
	clock_now_iso(now, sizeof now);
	/* ON CONFLICT ... excluded works in both engines. */
	struct db_stmt *s = db_prepare(c, SQL_STAFFING_SQLITE);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, unit_id);
	db_bind_int(s, 2, min_on_site);
	db_bind_int(s, 3, min_on_site_per_hour);
	db_bind_text(s, 4, actor);
	db_bind_text(s, 5, now);
	int rc = exec_stmt(s);
	char object[64], after[128];
	snprintf(object, sizeof object, "unit:%s", unit_code);
	snprintf(after, sizeof after, "{\"min_on_site\":%d,\"min_on_site_per_hour\":%d}", min_on_site,
		 min_on_site_per_hour);
	return rc ? rc : audit(c, actor, "unit.staffing", object, after);
}

int plans_staffing_get(struct db_conn *c, int64_t unit_id, bool *has, int *min_on_site, int *min_on_site_per_hour)
{
	*has = false;
	*min_on_site = *min_on_site_per_hour = 0;
	struct db_stmt *s = db_prepare(c, SQL_STAFFING_GET);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, unit_id);
	int rc = db_step(s);
	if (rc == 1) {
		*has = true;
		*min_on_site = (int)db_col_int(s, 0);
		*min_on_site_per_hour = (int)db_col_int(s, 1);
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

/* ---- office-only days ---- */

static const char SQL_OFFICE_UPSERT[] =
	"INSERT INTO unit_office_day (unit_id, date, reason, created_by, created_at) VALUES ($1, $2, $3, $4, $5)"
	" ON CONFLICT (unit_id, date) DO UPDATE SET reason = excluded.reason, created_by = excluded.created_by,"
	" created_at = excluded.created_at";
static const char SQL_OFFICE_DELETE[] = "DELETE FROM unit_office_day WHERE unit_id = $1 AND date = $2 RETURNING unit_id";
static const char SQL_OFFICE_LIST[] =
	"SELECT d.date, d.reason, a.code, d.created_by FROM unit_office_day d JOIN unit a ON a.id = d.unit_id"
	" JOIN unit u ON u.path LIKE a.path || '%' WHERE u.id = $1 AND d.date >= $2 AND d.date <= $3"
	" ORDER BY d.date, LENGTH(a.path)";

static int office_audit(struct db_conn *c, const char *actor, const char *action, const char *unit_code,
			const char *date, const char *reason)
{
	char object[96];
	snprintf(object, sizeof object, "unit:%s/office-day:%s", unit_code, date);
	struct buf b;
	buf_init(&b, 4096);
	buf_printf(&b, "{\"date\":\"%s\",\"reason\":", date);
	buf_json_string(&b, reason ? reason : "");
	buf_puts(&b, "}");
	int rc = b.len < b.max ? audit(c, actor, action, object, reason ? b.data : NULL) : ERR_TOO_BIG;
	buf_free(&b);
	return rc;
}

int plans_office_day_set(struct db_conn *c, int64_t unit_id, const char *unit_code, const char *date,
			 const char *reason, const char *actor)
{
	char now[40];
	clock_now_iso(now, sizeof now);
	struct db_stmt *s = db_prepare(c, SQL_OFFICE_UPSERT);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, unit_id);
	db_bind_text(s, 2, date);
	db_bind_text(s, 3, reason);
	db_bind_text(s, 4, actor);
	db_bind_text(s, 5, now);
	int rc = exec_stmt(s);
	return rc ? rc : office_audit(c, actor, "unit.office_day.set", unit_code, date, reason);
}

int plans_office_day_delete(struct db_conn *c, int64_t unit_id, const char *unit_code, const char *date,
			    const char *actor)
{
	struct db_stmt *s = db_prepare(c, SQL_OFFICE_DELETE);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, unit_id);
	db_bind_text(s, 2, date);
	int rc = db_step(s);
	db_reset(s);
	if (rc < 0)
		return rc;
	if (rc == 0)
		return ERR_NOT_FOUND;
	return office_audit(c, actor, "unit.office_day.delete", unit_code, date, NULL);
}

int plans_office_days_each(struct db_conn *c, int64_t unit_id, const char *from, const char *to,
			   int (*cb)(void *ctx, const char *date, const char *reason, const char *unit_code,
				     const char *created_by),
			   void *ctx)
{
	struct db_stmt *s = db_prepare(c, SQL_OFFICE_LIST);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, unit_id);
	db_bind_text(s, 2, from);
	db_bind_text(s, 3, to);
	int rc;
	while ((rc = db_step(s)) == 1) {
		int k = cb(ctx, db_col_text(s, 0), db_col_text(s, 1), db_col_text(s, 2), db_col_text(s, 3));
		if (k) {
			rc = k;
			break;
		}
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

/* ---- stand-ins ---- */

static const char SQL_STAND_IN_INSERT[] =
	"INSERT INTO plan_stand_in (approver_id, stand_in_id, valid_from, valid_until, created_by, created_at)"
	" VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
static const char SQL_STAND_IN_LIST[] =
	"SELECT s.id, a.nip, a.name, b.nip, b.name, s.valid_from, s.valid_until, s.created_by, s.created_at"
	" FROM plan_stand_in s JOIN employee a ON a.id = s.approver_id JOIN employee b ON b.id = s.stand_in_id"
	" JOIN unit u ON u.id = a.unit_id"
	" WHERE (CAST($4 AS BIGINT) > 0 AND (s.approver_id = $4 OR s.stand_in_id = $4))"
	" OR (CAST($4 AS BIGINT) = 0 AND (CAST($1 AS BIGINT) = 1"
	"   OR (CAST($2 AS TEXT) <> '' AND u.path LIKE CAST($2 AS TEXT) || '%')"
	"   OR s.approver_id = $3 OR s.stand_in_id = $3))"
	" ORDER BY s.created_at DESC, s.id DESC LIMIT 200";
static const char SQL_NIP[] = "SELECT nip FROM employee WHERE id = $1";

static int nip_of(struct db_conn *c, int64_t id, char nip[19])
{
	struct db_stmt *s = db_prepare(c, SQL_NIP);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, id);
	int rc = db_step(s);
	if (rc == 1)
		snprintf(nip, 19, "%s", db_col_text(s, 0));
	db_reset(s);
	return rc < 0 ? rc : rc == 1 ? 0 : ERR_NOT_FOUND;
}

int plans_stand_in_create(struct db_conn *c, int64_t approver_id, int64_t stand_in_id, const char *from,
			  const char *to, const char *actor, int64_t *id)
{
	if (approver_id == stand_in_id || strcmp(from, to) > 0)
		return ERR_INVALID;
	char a[19], b[19], now[40];
	int rc = nip_of(c, approver_id, a);
	if (!rc)
		rc = nip_of(c, stand_in_id, b);
	if (rc)
		return rc;
	clock_now_iso(now, sizeof now);
	struct db_stmt *s = db_prepare(c, SQL_STAND_IN_INSERT);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, approver_id);
	db_bind_int(s, 2, stand_in_id);
	db_bind_text(s, 3, from);
	db_bind_text(s, 4, to);
	db_bind_text(s, 5, actor);
	db_bind_text(s, 6, now);
	rc = db_step(s);
	if (rc == 1)
		*id = db_col_int(s, 0);
	db_reset(s);
	if (rc < 0)
		return rc;
	char object[48], after[256];
	snprintf(object, sizeof object, "plan_stand_in:%lld", (long long)*id);
	snprintf(after, sizeof after, "{\"approver\":\"%s\",\"from\":\"%s\",\"stand_in\":\"%s\",\"to\":\"%s\"}", a, from, b,
		 to);
	return audit(c, actor, "plan.stand_in", object, after);
}

static const char SQL_STAND_IN_FOR[] =
	"SELECT approver_id FROM plan_stand_in WHERE stand_in_id = $1 AND valid_from <= $2 AND valid_until >= $2"
	" ORDER BY approver_id LIMIT 64";

int plans_stand_in_for(struct db_conn *c, int64_t stand_in_id, int64_t *approvers, int max, int *n)
{
	*n = 0;
	if (stand_in_id <= 0)
		return 0;
	int32_t today;
	int minute;
	tz_local(clock_unix(), TZ_WIB, &today, &minute);
	char date[DATE_TEXT];
	date_format(today, date);
	struct db_stmt *s = db_prepare(c, SQL_STAND_IN_FOR);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, stand_in_id);
	db_bind_text(s, 2, date);
	int rc;
	while ((rc = db_step(s)) == 1)
		if (*n < max)
			approvers[(*n)++] = db_col_int(s, 0);
	db_reset(s);
	return rc < 0 ? rc : 0;
}

int plans_stand_ins_each(struct db_conn *c, const struct scope *scope, int64_t employee_id,
			 int (*cb)(void *ctx, const struct plan_stand_in_item *s), void *ctx)
{
	struct db_stmt *s = db_prepare(c, SQL_STAND_IN_LIST);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, scope->all ? 1 : 0);
	db_bind_text(s, 2, scope->unit_path ? scope->unit_path : "");
	db_bind_int(s, 3, scope->self_id);
	db_bind_int(s, 4, employee_id);
	int rc;
	while ((rc = db_step(s)) == 1) {
		struct plan_stand_in_item it = {
			db_col_int(s, 0),       db_col_text(s, 1), db_col_text(s, 2), db_col_text(s, 3), db_col_text(s, 4),
			db_col_text(s, 5),      db_col_text(s, 6), db_col_text(s, 7), db_col_text(s, 8)};
		int k = cb(ctx, &it);
		if (k) {
			rc = k;
			break;
		}
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

/* ---- preferences ---- */

static const char SQL_PREF_UPSERT[] =
	"INSERT INTO plan_preference (employee_id, weekdays, max_days_month, updated_at) VALUES ($1, $2, $3, $4)"
	" ON CONFLICT (employee_id) DO UPDATE SET weekdays = excluded.weekdays,"
	" max_days_month = excluded.max_days_month, updated_at = excluded.updated_at";
static const char SQL_PREF_GET[] =
	"SELECT weekdays, COALESCE(max_days_month, -1) FROM plan_preference WHERE employee_id = $1";

int plans_preference_set(struct db_conn *c, int64_t employee_id, const char *nip, unsigned weekdays,
			 int max_days_month, const char *actor)
{
	if (weekdays > 127 || max_days_month > 31)
		return ERR_INVALID;
	char now[40];
	clock_now_iso(now, sizeof now);
	struct db_stmt *s = db_prepare(c, SQL_PREF_UPSERT);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, employee_id);
	db_bind_int(s, 2, weekdays);
	if (max_days_month >= 0)
		db_bind_int(s, 3, max_days_month);
	else
		db_bind_null(s, 3);
	db_bind_text(s, 4, now);
	int rc = exec_stmt(s);
	char object[48], after[96];
	snprintf(object, sizeof object, "employee:%s", nip);
	if (max_days_month >= 0)
		snprintf(after, sizeof after, "{\"max_days_month\":%d,\"weekdays\":%u}", max_days_month, weekdays);
	else
		snprintf(after, sizeof after, "{\"max_days_month\":null,\"weekdays\":%u}", weekdays);
	return rc ? rc : audit(c, actor, "employee.plan_preferences", object, after);
}

int plans_preference_get(struct db_conn *c, int64_t employee_id, unsigned *weekdays, int *max_days_month)
{
	*weekdays = 0;
	*max_days_month = -1;
	struct db_stmt *s = db_prepare(c, SQL_PREF_GET);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, employee_id);
	int rc = db_step(s);
	if (rc == 1) {
		*weekdays = (unsigned)db_col_int(s, 0);
		*max_days_month = (int)db_col_int(s, 1);
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}
