/* plans.c (store) - asking for, deciding and cancelling plans; publishing
 * rotation days; the approved plan of a day (see store/plans.h).
 *
 * Each check loads the unit's roster for the plan's date inside the
 * caller's write transaction and runs plan_check(); on PostgreSQL the plan
 * row is read FOR UPDATE so two approvers cannot both pass the check on
 * stale counts (SQLite write transactions are serial). */
#include "store/plans.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/mem.h"
#include "domain/eligibility.h"
#include "store/audit.h"
#include "store/calendar.h"
#include "store/eligibility.h"
#include "store/roster.h"
#include "store/schedule.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char SQL_EMPLOYEE[] = "SELECT unit_id, nip, active FROM employee WHERE id = $1";
static const char SQL_UNIT_ID[] = "SELECT id FROM unit WHERE code = $1";
static const char SQL_INSERT[] =
	"INSERT INTO plan (employee_id, unit_id, date, mode, status, location_address, location_lat, location_lon,"
	" location_unit_id, rotation_id, requested_by, requested_at, decided_by, decided_at)"
	" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id";
#define PLAN_COLUMNS                                                                                           \
	"SELECT p.id, p.employee_id, p.date, p.mode, p.status, COALESCE(p.location_address, ''),"            \
	" p.location_lat IS NOT NULL, COALESCE(p.location_lat, 0), COALESCE(p.location_lon, 0),"             \
	" COALESCE(p.location_unit_id, 0), e.unit_id, e.nip FROM plan p JOIN employee e ON e.id = p.employee_id" \
	" WHERE p.id = $1"
static const char SQL_PLAN_SQLITE[] = PLAN_COLUMNS;
static const char SQL_PLAN_PG[] = PLAN_COLUMNS " FOR UPDATE OF p";
static const char SQL_DECIDE[] =
	"UPDATE plan SET status = $2, decided_by = $3, decided_at = $4, refusal_reason = $5 WHERE id = $1";
static const char SQL_CANCEL[] = "UPDATE plan SET status = 'cancelled' WHERE id = $1";
static const char SQL_OWNER[] = "SELECT e.nip FROM plan p JOIN employee e ON e.id = p.employee_id WHERE p.id = $1";
static const char SQL_IS_APPROVER[] =
	"SELECT 1 FROM employee e WHERE e.id = $2 AND (e.supervisor_id = $1 OR e.supervisor_id IN"
	" (SELECT approver_id FROM plan_stand_in WHERE stand_in_id = $1 AND valid_from <= $3 AND valid_until >= $3))";
static const char SQL_SUPERVISES_IN[] =
	"SELECT 1 FROM employee WHERE unit_id = $2 AND supervisor_id = $1 AND active = TRUE LIMIT 1";
static const char SQL_DAY_PLAN[] =
	"SELECT id, mode, status FROM plan WHERE employee_id = $1 AND date = $2 AND status IN ('requested', 'approved')";
static const char SQL_FOR_DAY[] =
	"SELECT id, date, mode, status, location_address, location_lat IS NOT NULL, COALESCE(location_lat, 0),"
	" COALESCE(location_lon, 0), COALESCE(location_unit_id, 0) FROM plan"
	" WHERE employee_id = $1 AND date = $2 AND status = 'approved'";

/* ---- small helpers ---- */

static void copy(char *dst, size_t cap, const char *src)
{
	snprintf(dst, cap, "%s", src ? src : "");
}

static bool blank(const char *s)
{
	return !s || !*s;
}

static int unit_id_of(struct db_conn *c, const char *code, int64_t *id)
{
	struct db_stmt *s = db_prepare(c, SQL_UNIT_ID);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, code);
	int rc = db_step(s);
	if (rc == 1)
		*id = db_col_int(s, 0);
	db_reset(s);
	return rc < 0 ? rc : rc == 1 ? 0 : ERR_NOT_FOUND;
}

int plans_today(struct db_conn *c, int64_t unit_id, int32_t *today)
{
	enum tz_zone tz = TZ_WIB;
	int rc = unit_time_zone(c, unit_id, &tz);
	if (rc && rc != ERR_NOT_FOUND)
		return rc;
	int minute;
	tz_local(clock_unix(), tz, today, &minute);
	return 0;
}

/* Today in Jakarta: for stand-in validity, which is a date of the people's
 * own organisation, not of any one unit. */
static void today_wib(char out[DATE_TEXT])
{
	int32_t day;
	int minute;
	tz_local(clock_unix(), TZ_WIB, &day, &minute);
	date_format(day, out);
}

/* Audit one change of a plan: "after" is the plan's canonical JSON. */
static int audit_plan(struct db_conn *c, const char *actor, const char *action, int64_t id, const char *nip,
		      const char *date, const char *mode, const char *status, const char *note)
{
	struct buf b;
	buf_init(&b, 8192);
	buf_printf(&b, "{\"date\":\"%s\",\"id\":%lld,\"mode\":\"%s\",\"nip\":\"%s\"", date, (long long)id, mode, nip);
	if (note) {
		buf_puts(&b, ",\"note\":");
		buf_json_string(&b, note);
	}
	buf_printf(&b, ",\"status\":\"%s\"}", status);
	char object[48];
	snprintf(object, sizeof object, "plan:%lld", (long long)id);
	struct audit_event ev = {actor, action, object, NULL, b.data};
	int rc = b.len < b.max ? audit_append(c, &ev) : ERR_TOO_BIG;
	buf_free(&b);
	return rc;
}

/* The first failed eligibility reason of the employee for kind on date. */
static void inelig_reason(struct db_conn *c, int64_t employee_id, const char *date, int kind, char *id, char *en,
			  size_t cap)
{
	id[0] = en[0] = '\0';
	struct elig_world w;
	struct elig_filter f = {.employee_id = employee_id, .unit_path = ""};
	if (elig_world_load(c, date, &f, &w) == 0) {
		for (int i = 0; i < w.nemp; i++) {
			if (w.emp[i].id != employee_id)
				continue;
			struct elig_context ctx;
			elig_world_context(&w, i, &ctx);
			struct elig_decision dec;
			elig_decide(&ctx.in, &dec);
			struct elig_reason why[ELIG_RULES_N];
			int n = elig_explain(&ctx.in, (enum elig_kind)kind, &dec.kind[kind], why, ELIG_RULES_N);
			for (int k = 0; k < n; k++)
				if (!why[k].passed && !why[k].waived) {
					snprintf(id, cap, "%s", why[k].message_id);
					snprintf(en, cap, "%s", why[k].message_en);
					break;
				}
		}
	}
	elig_world_free(&w);
}

/* The place of a request for the rules; *unit_id gets the named office. */
static int resolve_place(struct db_conn *c, const struct plan_location_in *loc, struct plan_place *pl,
			 int64_t *unit_id)
{
	memset(pl, 0, sizeof *pl);
	*unit_id = 0;
	if (!loc)
		return 0;
	pl->has_address = !blank(loc->address);
	pl->has_point = loc->has_point;
	pl->lat = loc->lat;
	pl->lon = loc->lon;
	pl->has_office = !blank(loc->unit_code);
	if (!pl->has_office)
		return 0;
	int rc = unit_id_of(c, loc->unit_code, unit_id);
	pl->office_known = rc == 0;
	return rc == ERR_NOT_FOUND ? 0 : rc;
}

/* Serialise checks of one unit: on PostgreSQL two READ COMMITTED
 * transactions could each count the other's plan as not yet approved and
 * together break the share or a minimum; the unit's row lock makes the
 * second wait for the first. SQLite write transactions are serial already. */
static const char SQL_LOCK_UNIT_PG[] = "SELECT id FROM unit WHERE id = $1 FOR UPDATE";

static int lock_unit(struct db_conn *c, int64_t unit_id)
{
	if (db_conn_dialect(c) != DB_POSTGRES)
		return 0;
	struct db_stmt *s = db_prepare(c, SQL_LOCK_UNIT_PG);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, unit_id);
	int rc = db_step(s);
	db_reset(s);
	return rc < 0 ? rc : 0;
}

/* Check a request or an approval on the unit's roster of that day. */
static int check(struct db_conn *c, int64_t employee_id, int64_t unit_id, struct plan_request *q,
		 enum plan_stage stage, struct plan_outcome *out)
{
	memset(out, 0, sizeof *out);
	struct roster r;
	memset(&r, 0, sizeof r);
	int rc = lock_unit(c, unit_id);
	if (!rc)
		rc = roster_load(c, unit_id, q->day, q->day, &r);
	struct plan_situation s = {.stage = stage};
	if (!rc)
		rc = plans_today(c, unit_id, &s.today);
	q->person = rc ? -1 : roster_person_index(&r, employee_id);
	if (!rc && q->person < 0)
		rc = ERR_NOT_FOUND;   /* not an active member of the unit */
	char why_id[ELIG_MSG_MAX], why_en[ELIG_MSG_MAX];
	if (!rc) {
		int kind = plan_mode_elig_kind(q->mode);
		const struct roster_cell *cell = &r.people[q->person].cells[roster_day_index(&r, q->day)];
		if (kind >= 0 && !(cell->eligible & ELIG_KIND_BIT(kind))) {
			char date[DATE_TEXT];
			date_format(q->day, date);
			inelig_reason(c, employee_id, date, kind, why_id, why_en, sizeof why_id);
			s.inelig_id = why_id[0] ? why_id : NULL;
			s.inelig_en = why_en[0] ? why_en : NULL;
		}
		out->n = plan_check(&r, q, &s, out->v, &out->coverage);
		for (int i = 0; i < out->n; i++)
			out->invalid |= plan_rule_is_invalid(out->v[i].rule);
	}
	roster_free(&r);
	if (!rc && out->n)
		rc = out->invalid ? ERR_INVALID : ERR_CONFLICT;
	return rc;
}

static int insert_plan(struct db_conn *c, int64_t employee_id, int64_t unit_id, const char *date, const char *mode,
		       const char *status, const struct plan_location_in *loc, int64_t location_unit,
		       int64_t rotation_id, const char *actor, int64_t *id)
{
	char now[40];
	clock_now_iso(now, sizeof now);
	struct db_stmt *s = db_prepare(c, SQL_INSERT);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, employee_id);
	db_bind_int(s, 2, unit_id);
	db_bind_text(s, 3, date);
	db_bind_text(s, 4, mode);
	db_bind_text(s, 5, status);
	db_bind_text(s, 6, loc && !blank(loc->address) ? loc->address : NULL);
	if (loc && loc->has_point) {
		db_bind_real(s, 7, loc->lat);
		db_bind_real(s, 8, loc->lon);
	} else {
		db_bind_null(s, 7);
		db_bind_null(s, 8);
	}
	if (location_unit)
		db_bind_int(s, 9, location_unit);
	else
		db_bind_null(s, 9);
	if (rotation_id)
		db_bind_int(s, 10, rotation_id);
	else
		db_bind_null(s, 10);
	db_bind_text(s, 11, actor);
	db_bind_text(s, 12, now);
	bool decided = !strcmp(status, "approved");
	db_bind_text(s, 13, decided ? actor : NULL);
	db_bind_text(s, 14, decided ? now : NULL);
	int rc = db_step(s);
	if (rc == 1)
		*id = db_col_int(s, 0);
	db_reset(s);
	return rc < 0 ? rc : rc == 1 ? 0 : ERR_DB;
}

struct employee_facts {
	int64_t unit_id;
	char nip[19];
	bool active;
};

static int employee_facts(struct db_conn *c, int64_t id, struct employee_facts *e)
{
	struct db_stmt *s = db_prepare(c, SQL_EMPLOYEE);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, id);
	int rc = db_step(s);
	if (rc == 1) {
		e->unit_id = db_col_int(s, 0);
		copy(e->nip, sizeof e->nip, db_col_text(s, 1));
		e->active = db_col_bool(s, 2);
	}
	db_reset(s);
	return rc < 0 ? rc : rc == 1 ? 0 : ERR_NOT_FOUND;
}

int plans_request(struct db_conn *c, int64_t employee_id, int32_t day, enum plan_mode mode,
		  const struct plan_location_in *loc, const char *actor, int64_t *id, struct plan_outcome *out)
{
	memset(out, 0, sizeof *out);
	struct employee_facts e;
	int rc = employee_facts(c, employee_id, &e);
	if (!rc && !e.active)
		rc = ERR_NOT_FOUND;
	struct plan_request q = {.day = day, .mode = mode};
	int64_t location_unit = 0;
	if (!rc)
		rc = resolve_place(c, loc, &q.place, &location_unit);
	if (!rc)
		rc = check(c, employee_id, e.unit_id, &q, PLAN_STAGE_ASK, out);
	if (rc)
		return rc;
	char date[DATE_TEXT];
	date_format(day, date);
	rc = insert_plan(c, employee_id, e.unit_id, date, plan_mode_name(mode), "requested", loc, location_unit, 0, actor,
			 id);
	if (!rc)
		rc = audit_plan(c, actor, "plan.request", *id, e.nip, date, plan_mode_name(mode), "requested", NULL);
	return rc;
}

/* A stored plan, read for a decision (locked on PostgreSQL). */
struct stored_plan {
	int64_t id, employee_id, unit_id, location_unit_id;
	char date[DATE_TEXT], mode[16], status[16], nip[19];
	char address[512];
	bool has_point;
	double lat, lon;
};

static int read_plan(struct db_conn *c, int64_t id, struct stored_plan *p)
{
	struct db_stmt *s = db_prepare(c, db_conn_dialect(c) == DB_POSTGRES ? SQL_PLAN_PG : SQL_PLAN_SQLITE);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, id);
	int rc = db_step(s);
	if (rc == 1) {
		p->id = db_col_int(s, 0);
		p->employee_id = db_col_int(s, 1);
		copy(p->date, sizeof p->date, db_col_text(s, 2));
		copy(p->mode, sizeof p->mode, db_col_text(s, 3));
		copy(p->status, sizeof p->status, db_col_text(s, 4));
		copy(p->address, sizeof p->address, db_col_text(s, 5));
		p->has_point = db_col_bool(s, 6);
		p->lat = db_col_real(s, 7);
		p->lon = db_col_real(s, 8);
		p->location_unit_id = db_col_int(s, 9);
		p->unit_id = db_col_int(s, 10);
		copy(p->nip, sizeof p->nip, db_col_text(s, 11));
	}
	db_reset(s);
	return rc < 0 ? rc : rc == 1 ? 0 : ERR_NOT_FOUND;
}

static int set_decision(struct db_conn *c, int64_t id, const char *status, const char *actor, const char *reason)
{
	char now[40];
	clock_now_iso(now, sizeof now);
	struct db_stmt *s = db_prepare(c, SQL_DECIDE);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, id);
	db_bind_text(s, 2, status);
	db_bind_text(s, 3, actor);
	db_bind_text(s, 4, now);
	db_bind_text(s, 5, reason);
	int rc = db_step(s);
	db_reset(s);
	return rc < 0 ? rc : 0;
}

int plans_approve(struct db_conn *c, int64_t id, const char *actor, struct plan_outcome *out)
{
	memset(out, 0, sizeof *out);
	struct stored_plan p;
	int rc = read_plan(c, id, &p);
	if (rc)
		return rc;
	if (strcmp(p.status, "requested"))
		return ERR_CONFLICT;
	struct plan_request q = {.plan_id = id, .mode = (enum plan_mode)plan_mode_parse(p.mode)};
	if (!date_parse(p.date, &q.day) || plan_mode_parse(p.mode) < 0)
		return ERR_DB;
	q.place = (struct plan_place){.has_address = p.address[0] != '\0', .has_point = p.has_point, .lat = p.lat,
				      .lon = p.lon, .has_office = p.location_unit_id != 0,
				      .office_known = p.location_unit_id != 0};
	rc = check(c, p.employee_id, p.unit_id, &q, PLAN_STAGE_APPROVE, out);
	if (rc == ERR_NOT_FOUND)
		return ERR_CONFLICT;   /* the employee left the unit: nothing to approve against */
	if (!rc)
		rc = set_decision(c, id, "approved", actor, NULL);
	if (!rc)
		rc = audit_plan(c, actor, "plan.approve", id, p.nip, p.date, p.mode, "approved", NULL);
	return rc;
}

int plans_refuse(struct db_conn *c, int64_t id, const char *reason, const char *actor)
{
	struct stored_plan p;
	int rc = read_plan(c, id, &p);
	if (rc)
		return rc;
	if (strcmp(p.status, "requested"))
		return ERR_CONFLICT;
	rc = set_decision(c, id, "refused", actor, reason);
	if (!rc)
		rc = audit_plan(c, actor, "plan.refuse", id, p.nip, p.date, p.mode, "refused", reason);
	return rc;
}

int plans_cancel(struct db_conn *c, int64_t id, const char *actor)
{
	struct stored_plan p;
	int rc = read_plan(c, id, &p);
	if (rc)
		return rc;
	if (strcmp(p.status, "requested") && strcmp(p.status, "approved"))
		return ERR_CONFLICT;
	int32_t day, today;
	if (!date_parse(p.date, &day))
		return ERR_DB;
	rc = plans_today(c, p.unit_id, &today);
	if (rc)
		return rc;
	if (day <= today)
		return ERR_INVALID;
	struct db_stmt *s = db_prepare(c, SQL_CANCEL);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, id);
	rc = db_step(s);
	db_reset(s);
	if (rc >= 0)
		rc = audit_plan(c, actor, "plan.cancel", id, p.nip, p.date, p.mode, "cancelled", NULL);
	return rc < 0 ? rc : 0;
}

int plans_owner_nip(struct db_conn *c, int64_t id, char nip[19])
{
	struct db_stmt *s = db_prepare(c, SQL_OWNER);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, id);
	int rc = db_step(s);
	if (rc == 1)
		copy(nip, 19, db_col_text(s, 0));
	db_reset(s);
	return rc < 0 ? rc : rc == 1 ? 0 : ERR_NOT_FOUND;
}

int plans_is_approver(struct db_conn *c, int64_t actor_employee, int64_t employee_id, bool *yes)
{
	*yes = false;
	if (actor_employee <= 0)
		return 0;
	char today[DATE_TEXT];
	today_wib(today);
	struct db_stmt *s = db_prepare(c, SQL_IS_APPROVER);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, actor_employee);
	db_bind_int(s, 2, employee_id);
	db_bind_text(s, 3, today);
	int rc = db_step(s);
	*yes = rc == 1;
	db_reset(s);
	return rc < 0 ? rc : 0;
}

int plans_supervises_in_unit(struct db_conn *c, int64_t actor_employee, int64_t unit_id, bool *yes)
{
	*yes = false;
	if (actor_employee <= 0)
		return 0;
	struct db_stmt *s = db_prepare(c, SQL_SUPERVISES_IN);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, actor_employee);
	db_bind_int(s, 2, unit_id);
	int rc = db_step(s);
	*yes = rc == 1;
	db_reset(s);
	return rc < 0 ? rc : 0;
}

/* ---- publish (rotation) and the day's plan (presence) ---- */

int plans_publish(struct db_conn *c, int64_t employee_id, int32_t day, const char *mode, int64_t rotation_id,
		  const char *actor, int64_t *plan_id)
{
	if (plan_mode_parse(mode) < 0)
		return ERR_INVALID;
	struct employee_facts e;
	int rc = employee_facts(c, employee_id, &e);
	if (rc)
		return rc;
	char date[DATE_TEXT];
	date_format(day, date);
	struct db_stmt *s = db_prepare(c, SQL_DAY_PLAN);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, employee_id);
	db_bind_text(s, 2, date);
	int64_t old = 0;
	char old_mode[16] = "", old_status[16] = "";
	rc = db_step(s);
	if (rc == 1) {
		old = db_col_int(s, 0);
		copy(old_mode, sizeof old_mode, db_col_text(s, 1));
		copy(old_status, sizeof old_status, db_col_text(s, 2));
	}
	db_reset(s);
	if (rc < 0)
		return rc;
	if (old && !strcmp(old_status, "approved") && !strcmp(old_mode, mode)) {
		*plan_id = old;
		return 0;
	}
	if (old) {
		if (!(s = db_prepare(c, SQL_CANCEL)))
			return ERR_DB;
		db_bind_int(s, 1, old);
		rc = db_step(s);
		db_reset(s);
		if (rc < 0)
			return rc;
		rc = audit_plan(c, actor, "plan.cancel", old, e.nip, date, old_mode, "cancelled", "replaced by a published rotation");
		if (rc)
			return rc;
	}
	rc = insert_plan(c, employee_id, e.unit_id, date, mode, "approved", NULL, 0, rotation_id, actor, plan_id);
	if (!rc)
		rc = audit_plan(c, actor, "plan.publish", *plan_id, e.nip, date, mode, "approved", NULL);
	return rc;
}

int plan_for_day(struct db_conn *c, int64_t employee_id, const char *date, struct plan_row *out)
{
	memset(out, 0, sizeof *out);
	struct db_stmt *s = db_prepare(c, SQL_FOR_DAY);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, employee_id);
	db_bind_text(s, 2, date);
	int rc = db_step(s);
	if (rc == 1) {
		out->id = db_col_int(s, 0);
		copy(out->date, sizeof out->date, db_col_text(s, 1));
		copy(out->mode, sizeof out->mode, db_col_text(s, 2));
		copy(out->status, sizeof out->status, db_col_text(s, 3));
		out->location_address = db_col_null(s, 4) ? NULL : xstrdup(db_col_text(s, 4));
		out->has_location = db_col_bool(s, 5);
		out->location_lat = db_col_real(s, 6);
		out->location_lon = db_col_real(s, 7);
		out->location_unit_id = db_col_int(s, 8);
	}
	db_reset(s);
	return rc < 0 ? rc : rc == 1 ? 0 : ERR_NOT_FOUND;
}

void plan_row_free(struct plan_row *p)
{
	if (!p)
		return;
	free(p->location_address);
	p->location_address = NULL;
}

/* ---- demo ---- */

static const char SQL_DEMO_STAFF[] =
	"SELECT e.id, e.unit_id, COALESCE(u.service_open, ''), COALESCE(u.service_close, '') FROM employee e"
	" JOIN unit u ON u.id = e.unit_id WHERE u.face_to_face = TRUE AND e.active = TRUE ORDER BY e.unit_id, e.id";
static const char SQL_DEMO_STAFFING[] =
	"INSERT INTO unit_staffing (unit_id, min_on_site, min_on_site_per_hour, updated_by, updated_at)"
	" VALUES ($1, $2, $3, 'demo', $4) ON CONFLICT (unit_id) DO NOTHING";
static const char SQL_DEMO_PEOPLE[] =
	"SELECT e.id FROM employee e WHERE e.active = TRUE AND e.unit_id ="
	" (SELECT unit_id FROM employee WHERE nip = $1) ORDER BY e.id LIMIT 8";
static const char SQL_DEMO_ID[] = "SELECT id FROM employee WHERE nip = $1";

#define DEMO_DAYS 35

/* What the schedules put on duty in one unit over the demo's weeks. */
struct duty_count {
	int64_t unit_id;
	int open, close;                            /* service hours, -1 none */
	int staff[DEMO_DAYS];
	int hour[DEMO_DAYS][PLAN_HOURS_MAX];
};

static void duty_add(struct duty_count *u, const struct schedule_set *ss, const struct calendar *cal, int64_t emp,
		     int32_t from)
{
	for (int d = 0; d < DEMO_DAYS; d++) {
		struct workday w;
		schedule_set_workday(ss, emp, u->unit_id, from + d, &w);
		schedule_apply_calendar(&w, calendar_is_working_day(cal, from + d));
		if (!w.working)
			continue;
		u->staff[d]++;
		for (int h = 0, m = u->open; u->open >= 0 && m < u->close && h < PLAN_HOURS_MAX; h++, m += 60) {
			int len = u->close - m < 60 ? u->close - m : 60;
			if (w.start <= m && m + len <= w.end)
				u->hour[d][h]++;
		}
	}
}

/* The minimums of a unit: 60% of the fewest people on duty on any day
 * with duty (at least 1); per service hour 2 where every hour always has 4
 * or more, 1 where it always has someone, else none. So the demo starts
 * with every minimum met, and plans then have limits to respect. */
static int duty_minimums(const struct duty_count *u, int *per_day, int *per_hour)
{
	int fewest = -1, fewest_hour = -1;
	for (int d = 0; d < DEMO_DAYS; d++) {
		if (!u->staff[d])
			continue;
		fewest = fewest < 0 || u->staff[d] < fewest ? u->staff[d] : fewest;
		for (int h = 0, m = u->open; u->open >= 0 && m < u->close && h < PLAN_HOURS_MAX; h++, m += 60)
			fewest_hour = fewest_hour < 0 || u->hour[d][h] < fewest_hour ? u->hour[d][h] : fewest_hour;
	}
	if (fewest <= 0)
		return 0;
	*per_day = (fewest * 6 + 9) / 10;
	*per_hour = fewest_hour >= 4 ? 2 : fewest_hour >= 1 ? 1 : 0;
	return 1;
}

static int duty_store(struct db_conn *c, struct db_stmt *ins, const struct duty_count *u, const char *now, int *count)
{
	int per_day, per_hour;
	if (!u->unit_id || !duty_minimums(u, &per_day, &per_hour))
		return 0;
	db_bind_int(ins, 1, u->unit_id);
	db_bind_int(ins, 2, per_day);
	db_bind_int(ins, 3, per_hour);
	db_bind_text(ins, 4, now);
	int rc = db_step(ins);
	db_reset(ins);
	(*count)++;
	(void)c;
	return rc < 0 ? rc : 0;
}

static int demo_staffing(struct db_conn *c, int *count)
{
	*count = 0;
	int32_t from;
	int minute, y, m, d;
	tz_local(clock_unix(), TZ_WIB, &from, &minute);
	from = date_week_monday(from);
	date_to_ymd(from, &y, &m, &d);
	struct calendar cal;
	struct schedule_set ss;
	memset(&ss, 0, sizeof ss);
	int rc = calendar_load(c, y, y + 1, &cal);
	if (!rc)
		rc = schedule_set_load(c, 0, from, from + DEMO_DAYS - 1, &ss);
	struct db_stmt *s = rc ? NULL : db_prepare(c, SQL_DEMO_STAFF);
	struct db_stmt *ins = rc ? NULL : db_prepare(c, SQL_DEMO_STAFFING);
	if (!rc && (!s || !ins))
		rc = ERR_DB;
	char now[40];
	clock_now_iso(now, sizeof now);
	struct duty_count *u = xcalloc(1, sizeof *u);
	int step = rc ? rc : 1;
	while (step == 1 && (step = db_step(s)) == 1) {
		int64_t unit = db_col_int(s, 1);
		if (unit != u->unit_id) {
			if ((rc = duty_store(c, ins, u, now, count)))
				break;
			memset(u, 0, sizeof *u);
			u->unit_id = unit;
			u->open = *db_col_text(s, 2) ? date_parse_hhmm(db_col_text(s, 2)) : -1;
			u->close = *db_col_text(s, 3) ? date_parse_hhmm(db_col_text(s, 3)) : -1;
		}
		duty_add(u, &ss, &cal, db_col_int(s, 0), from);
	}
	if (s)
		db_reset(s);
	if (!rc)
		rc = step < 0 ? step : duty_store(c, ins, u, now, count);
	free(u);
	schedule_set_free(&ss);
	calendar_free(&cal);
	return rc;
}

/* The k-th working day on or after day (k = 0: the first). */
static int32_t working_day_from(const struct calendar *cal, int32_t day, int k)
{
	for (;; day++)
		if (calendar_is_working_day(cal, day) && k-- == 0)
			return day;
}

/* The k-th working day before day (k = 0: the last one before). */
static int32_t working_day_before(const struct calendar *cal, int32_t day, int k)
{
	for (day--;; day--)
		if (calendar_is_working_day(cal, day) && k-- == 0)
			return day;
}

struct demo_plan {
	int64_t employee_id;
	int32_t day;
	const char *mode, *status;
	bool place;
};

static int demo_plan_add(struct db_conn *c, const struct demo_plan *p)
{
	struct employee_facts e;
	int rc = employee_facts(c, p->employee_id, &e);
	if (rc)
		return rc;
	static const struct plan_location_in bogor = {"Jl. Pajajaran No. 10, Bogor", true, -6.5971, 106.8060, NULL};
	char date[DATE_TEXT];
	date_format(p->day, date);
	int64_t id;
	struct db_stmt *s = db_prepare(c, SQL_DAY_PLAN);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, p->employee_id);
	db_bind_text(s, 2, date);
	rc = db_step(s);
	db_reset(s);
	if (rc != 0)
		return rc < 0 ? rc : 0;   /* a plan of that day exists already */
	rc = insert_plan(c, p->employee_id, e.unit_id, date, p->mode, strcmp(p->status, "refused") ? p->status : "requested",
			 p->place ? &bogor : NULL, 0, 0, "demo", &id);
	if (!rc && !strcmp(p->status, "refused"))
		rc = set_decision(c, id, "refused", "demo", "Rapat koordinasi tatap muka pada hari itu.");
	if (!rc)
		rc = audit_plan(c, "demo", "plan.request", id, e.nip, date, p->mode, p->status, "demo");
	return rc;
}

static int demo_plans(struct db_conn *c, const char *pegawai_nip, const char *atasan_nip, int *count)
{
	int64_t me = 0, boss = 0, mates[8];
	int nm = 0;
	struct db_stmt *s = db_prepare(c, SQL_DEMO_ID);
	for (int k = 0; s && k < 2; k++) {
		db_bind_text(s, 1, k ? atasan_nip : pegawai_nip);
		if (db_step(s) == 1)
			*(k ? &boss : &me) = db_col_int(s, 0);
		db_reset(s);
	}
	if (!s || !me)
		return s ? 0 : ERR_DB;
	if (!(s = db_prepare(c, SQL_DEMO_PEOPLE)))
		return ERR_DB;
	db_bind_text(s, 1, pegawai_nip);
	while (nm < 8 && db_step(s) == 1)
		if (db_col_int(s, 0) != me && db_col_int(s, 0) != boss)
			mates[nm++] = db_col_int(s, 0);
	db_reset(s);
	int32_t today;
	int minute, y, m, d;
	tz_local(clock_unix(), TZ_WIB, &today, &minute);
	date_to_ymd(today, &y, &m, &d);
	struct calendar cal;
	int rc = calendar_load(c, y - 1, y + 1, &cal);
	if (rc)
		return rc;
	int32_t next_monday = date_week_monday(today) + 7;
	struct demo_plan v[16];
	int n = 0;
	v[n++] = (struct demo_plan){me, working_day_before(&cal, today, 3), "wfh", "approved", false};
	v[n++] = (struct demo_plan){me, working_day_from(&cal, next_monday, 1), "wfh", "requested", false};
	v[n++] = (struct demo_plan){me, working_day_from(&cal, next_monday, 3), "wfa", "requested", true};
	v[n++] = (struct demo_plan){me, working_day_from(&cal, next_monday + 7, 0), "wfh", "approved", false};
	if (boss)
		v[n++] = (struct demo_plan){boss, working_day_from(&cal, next_monday, 4), "wfh", "approved", false};
	for (int i = 0; i < nm && i < 5; i++)
		v[n++] = (struct demo_plan){mates[i], working_day_from(&cal, next_monday, i % 5),
					    i == 2 ? "kantor_lain" : "wfh", i == 4 ? "refused" : i == 3 ? "approved" : "requested",
					    i == 2};
	calendar_free(&cal);
	for (int i = 0; !rc && i < n; i++)
		rc = demo_plan_add(c, &v[i]);
	*count = n;
	return rc;
}

int plans_demo_seed(struct db *db, const char *pegawai_nip, const char *atasan_nip)
{
	struct db_conn *c = db_acquire(db);
	int units = 0, plans = 0;
	int rc = db_begin_write(c);
	if (!rc)
		rc = demo_staffing(c, &units);
	if (!rc)
		rc = demo_plans(c, pegawai_nip, atasan_nip, &plans);
	if (!rc) {
		char after[96];
		snprintf(after, sizeof after, "{\"plans\":%d,\"staffing_units\":%d}", plans, units);
		struct audit_event ev = {"demo", "demo.plans", "plans", NULL, after};
		rc = audit_append(c, &ev);
	}
	if (!rc)
		rc = db_commit(c);
	else
		db_rollback(c);
	db_release(db, c);
	return rc;
}
