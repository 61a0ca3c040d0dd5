/* plans.c (api) - plans of location-flexible days: asking, deciding,
 * cancelling, listing with the coverage effect of each pending plan; the
 * unit's roster; staffing minimums, office-only days, stand-in approvers and
 * preferences.
 *
 * The router checks the access of every route whose target is in the path
 * (roles.c: ACCESS_PLAN_*, ACCESS_ROSTER_READ). Two bodies name their
 * target instead (POST /plans: "nip"; POST /stand-ins: "approver"); those
 * handlers resolve it and ask roles_allows() themselves. A refusal by the
 * rules answers 422 (invalid input) or 409 (the day's situation) with every
 * violated rule listed. */
#include "api/plans.h"
#include "api/eligibility.h"
#include "core/clock.h"
#include "core/date.h"
#include "core/err.h"
#include "core/mem.h"
#include "domain/geo.h"
#include "store/plans.h"
#include "store/roster.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PLAN_ADDRESS_MAX 300
#define PLAN_REASON_MAX 1000
#define PLAN_AHEAD_DAYS 366

/* ---- JSON views ---- */

static json_t *coverage_json(const struct plan_coverage *c)
{
	return json_pack("{s:i, s:i, s:i, s:i, s:i, s:b}", "on_site_if_approved", c->on_site_if_approved, "minimum",
			 c->minimum, "unit_staff", c->unit_staff, "share_away_if_approved_pct",
			 c->share_away_if_approved_pct, "max_share_away_pct", c->max_share_away_pct, "ok", c->ok);
}

static json_t *str_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

static json_t *plan_json(const struct plan_item *p)
{
	json_t *loc = json_null();
	if (p->location_address[0] || p->has_point || p->location_unit_code[0]) {
		loc = json_pack("{s:o, s:o, s:o, s:o}", "address", str_or_null(p->location_address), "lat",
				p->has_point ? json_real(p->lat) : json_null(), "lon",
				p->has_point ? json_real(p->lon) : json_null(), "unit", str_or_null(p->location_unit_code));
	}
	json_t *o = json_pack("{s:I, s:s, s:s, s:{s:s, s:s}, s:s, s:s, s:s, s:o, s:o, s:o, s:s, s:s, s:o, s:o}", "id",
			      (json_int_t)p->id, "nip", p->nip, "name", p->name, "unit", "code", p->unit_code, "name",
			      p->unit_name, "date", p->date, "mode", p->mode, "status", p->status, "location", loc,
			      "refusal_reason", str_or_null(p->refusal_reason), "rotation_id",
			      p->rotation_id ? json_integer(p->rotation_id) : json_null(), "requested_by", p->requested_by,
			      "requested_at", p->requested_at, "decided_by", str_or_null(p->decided_by), "decided_at",
			      str_or_null(p->decided_at));
	if (p->has_coverage)
		json_object_set_new(o, "coverage", coverage_json(&p->coverage));
	return o;
}

/* What the caller may do with each listed plan, for the screens. */
struct plan_lister {
	json_t *items;
	const struct actor *actor;
	int64_t stands_in_for[64];
	int nstands;
	char today[DATE_TEXT];
};

static json_t *plan_actions(const struct plan_lister *l, const struct plan_item *p)
{
	json_t *a = json_array();
	const struct actor *me = l->actor;
	bool approver = me->employee_id > 0 && p->supervisor_id == me->employee_id;
	for (int i = 0; i < l->nstands && !approver; i++)
		approver = p->supervisor_id && l->stands_in_for[i] == p->supervisor_id;
	struct access_target t = {.is_self = me->employee_id == p->employee_id, .is_subordinate = approver,
				  .unit_path = p->unit_path};
	if (!strcmp(p->status, "requested") && roles_allows(me, ACCESS_PLAN_DECIDE, &t)) {
		json_array_append_new(a, json_string("approve"));
		json_array_append_new(a, json_string("refuse"));
	}
	bool open = !strcmp(p->status, "requested") || !strcmp(p->status, "approved");
	if (open && strcmp(p->date, l->today) > 0 && roles_allows(me, ACCESS_PLAN_FILE, &t))
		json_array_append_new(a, json_string("cancel"));
	return a;
}

static int add_plan(void *ctx, const struct plan_item *p)
{
	struct plan_lister *l = ctx;
	json_t *o = plan_json(p);
	if (l->actor)
		json_object_set_new(o, "actions", plan_actions(l, p));
	json_array_append_new(l->items, o);
	return 0;
}

/* A lister for the call's actor (stand-ins read in the caller's transaction). */
static int lister_init(struct api_call *call, struct plan_lister *l, json_t *items)
{
	memset(l, 0, sizeof *l);
	l->items = items;
	l->actor = call->actor;
	int32_t today;
	int minute;
	tz_local(clock_unix(), TZ_WIB, &today, &minute);
	date_format(today, l->today);
	return call->actor ? plans_stand_in_for(call->conn, call->actor->employee_id, l->stands_in_for, 64, &l->nstands)
			   : 0;
}

/* The plan id as JSON (read after the change committed). */
static void reply_plan(struct api_call *call, int status, int64_t id)
{
	struct scope all = {.all = true};
	struct plan_filter f = {.scope = &all, .id = id};
	json_t *items = json_array();
	struct plan_lister l;
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = lister_init(call, &l, items);
	if (!rc)
		rc = plans_each(call->conn, &f, add_plan, &l);
	db_rollback(call->conn);
	if (rc || json_array_size(items) != 1) {
		json_decref(items);
		return api_error_from(call, rc ? rc : ERR_NOT_FOUND, "id");
	}
	json_t *one = json_incref(json_array_get(items, 0));
	json_decref(items);
	api_reply(call, status, one);
}

/* The field a rule points at, for the error object. */
static const char *rule_field(enum plan_rule r)
{
	switch (r) {
	case PLAN_R_ELIGIBLE: return "mode";
	case PLAN_R_PLACE:
	case PLAN_R_OFFICE: return "location";
	default: return "date";
	}
}

static void reply_violations(struct api_call *call, const struct plan_outcome *o)
{
	int status = o->invalid ? 422 : 409;
	/* The error names the first rule of the reply's kind; the list has all. */
	const struct plan_violation *lead = &o->v[0];
	for (int i = 0; i < o->n; i++)
		if (plan_rule_is_invalid(o->v[i].rule) == o->invalid) {
			lead = &o->v[i];
			break;
		}
	json_t *list = json_array();
	for (int i = 0; i < o->n; i++)
		json_array_append_new(list, json_pack("{s:s, s:s, s:s}", "rule", plan_rule_name(o->v[i].rule), "message_id",
						      o->v[i].message_id, "message_en", o->v[i].message_en));
	json_t *err = json_pack("{s:s, s:s, s:s, s:s}", "code", o->invalid ? "plan_invalid" : "plan_conflict", "message",
				lead->message_en, "message_id", lead->message_id, "field", rule_field(lead->rule));
	api_reply(call, status, json_pack("{s:o, s:o, s:o}", "error", err, "violations", list, "coverage",
					  coverage_json(&o->coverage)));
}

/* End the write transaction begun by the handler: commit when the change
 * succeeded, roll back otherwise. Returns the change's or the commit's code. */
static int finish(struct api_call *call, int rc)
{
	if (!rc)
		return db_commit(call->conn);
	db_rollback(call->conn);
	return rc;
}

static bool date_arg(struct api_call *call, const char *v, const char *field, int32_t *day)
{
	if (v && date_parse(v, day))
		return true;
	char en[120], id[120];
	snprintf(en, sizeof en, "%s must be a real date written YYYY-MM-DD.", field);
	snprintf(id, sizeof id, "%s harus tanggal yang sah dengan format YYYY-MM-DD.", field);
	api_error(call, 422, "invalid", field, en, id);
	return false;
}

/* ---- POST /api/v1/plans ---- */

static const struct elig_fspec plan_spec[] = {
	{"nip", F_STR, true, 18, 18}, {"date", F_STR, true, 10, 10}, {"mode", F_STR, true, 16, 1},
	{"location", F_OBJECT, false, 0, 0}, {0}};

/* Read {"address","lat","lon","unit"}; replies and returns false when bad. */
static bool read_location(struct api_call *call, json_t *o, struct plan_location_in *loc)
{
	memset(loc, 0, sizeof *loc);
	if (!o || json_is_null(o))
		return true;
	const char *key;
	json_t *v;
	json_object_foreach(o, key, v) {
		bool str = !strcmp(key, "address") || !strcmp(key, "unit");
		bool num = !strcmp(key, "lat") || !strcmp(key, "lon");
		if (!str && !num)
			return api_error(call, 422, "unknown_field", "location", "location has address, lat, lon and unit.",
					 "location berisi address, lat, lon dan unit."), false;
		if (json_is_null(v))
			continue;
		if ((str && !json_is_string(v)) || (num && !json_is_number(v)))
			return api_error(call, 422, "wrong_type", "location",
					 "location.address and location.unit are strings, lat and lon numbers.",
					 "location.address dan location.unit berupa teks, lat dan lon berupa angka."), false;
	}
	loc->address = api_str(o, "address", NULL);
	loc->unit_code = api_str(o, "unit", NULL);
	if (loc->address && strlen(loc->address) > PLAN_ADDRESS_MAX)
		return api_error(call, 422, "too_long", "location", "location.address is at most 300 bytes.",
				 "location.address paling panjang 300 byte."), false;
	if (loc->unit_code && strlen(loc->unit_code) > 32)
		return api_error(call, 422, "too_long", "location", "location.unit is a unit code of at most 32 bytes.",
				 "location.unit adalah kode unit paling panjang 32 byte."), false;
	bool has_lat = json_is_number(json_object_get(o, "lat")), has_lon = json_is_number(json_object_get(o, "lon"));
	if (has_lat != has_lon)
		return api_error(call, 422, "invalid", "location", "Give both lat and lon, or neither.",
				 "Isi lat dan lon sekaligus, atau keduanya kosong."), false;
	loc->has_point = has_lat;
	loc->lat = api_num(o, "lat", NAN);
	loc->lon = api_num(o, "lon", NAN);
	return true;
}

void api_plan_create(struct api_call *call)
{
	json_t *o = elig_api_body(call);
	if (!o)
		return;
	if (json_is_null(json_object_get(o, "location")))
		json_object_del(o, "location");
	if (!elig_api_check(call, o, plan_spec, "")) {
		json_decref(o);
		return;
	}
	int32_t day;
	int mode = plan_mode_parse(api_str(o, "mode", ""));
	struct plan_location_in loc;
	if (mode < 0) {
		json_decref(o);
		return api_error(call, 422, "invalid", "mode", "mode is wfh, wfa or kantor_lain.",
				 "mode adalah wfh, wfa atau kantor_lain.");
	}
	if (!date_arg(call, api_str(o, "date", NULL), "date", &day) || !read_location(call, json_object_get(o, "location"), &loc)) {
		json_decref(o);
		return;
	}
	int32_t today;
	int minute;
	tz_local(clock_unix(), TZ_WIB, &today, &minute);
	if (day > today + PLAN_AHEAD_DAYS) {
		json_decref(o);
		return api_error(call, 422, "too_far", "date", "A plan can be asked for at most 366 days ahead.",
				 "Rencana dapat diajukan paling lama 366 hari sebelumnya.");
	}
	struct employee_row *e = xcalloc(1, sizeof *e);
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = employee_get(call->conn, api_str(o, "nip", ""), e);
	db_rollback(call->conn);
	struct access_target t = {.is_self = call->actor->employee_id == e->id, .unit_path = e->unit_path};
	if (!rc && !roles_allows(call->actor, ACCESS_PLAN_FILE, &t))
		rc = ERR_FORBIDDEN;
	if (!rc && !e->active)
		rc = ERR_NOT_FOUND;
	if (rc) {
		free(e);
		json_decref(o);
		return api_error_from(call, rc, rc == ERR_NOT_FOUND ? "nip" : NULL);
	}
	struct plan_outcome out;
	int64_t id = 0;
	rc = db_begin_write(call->conn);
	if (!rc)
		rc = finish(call, plans_request(call->conn, e->id, day, (enum plan_mode)mode, &loc, call->actor->username,
						&id, &out));
	free(e);
	json_decref(o);
	if ((rc == ERR_INVALID || rc == ERR_CONFLICT) && out.n)
		return reply_violations(call, &out);
	if (rc)
		return api_error_from(call, rc, rc == ERR_NOT_FOUND ? "nip" : NULL);
	reply_plan(call, 201, id);
}

/* ---- decisions ---- */

static void reply_not_requested(struct api_call *call)
{
	api_error(call, 409, "invalid_state", "status", "Only a requested plan can be decided.",
		  "Hanya rencana berstatus diajukan yang dapat diputuskan.");
}

void api_plan_approve(struct api_call *call)
{
	struct plan_outcome out;
	memset(&out, 0, sizeof out);
	int rc = db_begin_write(call->conn);
	if (!rc)
		rc = finish(call, plans_approve(call->conn, call->plan_id, call->actor->username, &out));
	if ((rc == ERR_INVALID || rc == ERR_CONFLICT) && out.n)
		return reply_violations(call, &out);
	if (rc == ERR_CONFLICT)
		return reply_not_requested(call);
	if (rc)
		return api_error_from(call, rc, "id");
	reply_plan(call, 200, call->plan_id);
}

static const struct elig_fspec refuse_spec[] = {{"reason", F_STR, true, PLAN_REASON_MAX, 3}, {0}};

void api_plan_refuse(struct api_call *call)
{
	json_t *o = elig_api_body(call);
	if (!o)
		return;
	if (!elig_api_check(call, o, refuse_spec, "")) {
		json_decref(o);
		return;
	}
	int rc = db_begin_write(call->conn);
	if (!rc)
		rc = finish(call, plans_refuse(call->conn, call->plan_id, api_str(o, "reason", ""), call->actor->username));
	json_decref(o);
	if (rc == ERR_CONFLICT)
		return reply_not_requested(call);
	if (rc)
		return api_error_from(call, rc, "id");
	reply_plan(call, 200, call->plan_id);
}

void api_plan_cancel(struct api_call *call)
{
	int rc = db_begin_write(call->conn);
	if (!rc)
		rc = finish(call, plans_cancel(call->conn, call->plan_id, call->actor->username));
	if (rc == ERR_CONFLICT)
		return api_error(call, 409, "invalid_state", "status", "Only a requested or approved plan can be cancelled.",
				 "Hanya rencana yang diajukan atau disetujui yang dapat dibatalkan.");
	if (rc == ERR_INVALID)
		return api_error(call, 422, "too_late", "date", "A plan can be cancelled only before its date.",
				 "Rencana hanya dapat dibatalkan sebelum tanggalnya.");
	if (rc)
		return api_error_from(call, rc, "id");
	reply_plan(call, 200, call->plan_id);
}

void api_plan_get(struct api_call *call)
{
	reply_plan(call, 200, call->plan_id);
}

/* ---- GET /api/v1/plans ---- */

void api_plans_list(struct api_call *call)
{
	const char *unit = http_query(call->req, "unit"), *status = http_query(call->req, "status"),
		   *nip = http_query(call->req, "nip"), *from = http_query(call->req, "from"),
		   *to = http_query(call->req, "to"), *approver = http_query(call->req, "approver");
	int32_t day;
	if (status && *status && plan_status_parse(status) < 0)
		return api_error(call, 422, "invalid", "status", "status is requested, approved, refused or cancelled.",
				 "status adalah requested, approved, refused atau cancelled.");
	if (nip && *nip && (strlen(nip) != 18 || strspn(nip, "0123456789") != 18))
		return api_error(call, 422, "invalid", "nip", "A NIP has 18 digits.", "NIP terdiri dari 18 angka.");
	if ((from && *from && !date_arg(call, from, "from", &day)) || (to && *to && !date_arg(call, to, "to", &day)))
		return;
	if (approver && *approver && strcmp(approver, "me"))
		return api_error(call, 422, "invalid", "approver", "approver is \"me\".", "approver bernilai \"me\".");
	struct scope scope;
	roles_scope(call->actor, &scope);
	struct unit_row *u = xcalloc(1, sizeof *u);
	json_t *items = json_array();
	int rc = db_begin_read(call->conn);
	if (!rc && unit && *unit && (rc = unit_get(call->conn, unit, u)) == ERR_NOT_FOUND) {
		db_rollback(call->conn);
		free(u);
		json_decref(items);
		return api_error(call, 404, "unknown_unit", "unit", "No unit has this code.", "Tidak ada unit dengan kode ini.");
	}
	struct plan_filter f = {.scope = &scope, .unit_path = unit && *unit ? u->path : "", .from = from, .to = to,
				.status = status, .nip = nip,
				.approver_id = approver && *approver ? (call->actor->employee_id ? call->actor->employee_id : -1) : 0};
	struct plan_lister l;
	if (!rc)
		rc = lister_init(call, &l, items);
	if (!rc)
		rc = plans_each(call->conn, &f, add_plan, &l);
	db_rollback(call->conn);
	free(u);
	if (rc) {
		json_decref(items);
		return api_error_from(call, rc, NULL);
	}
	api_reply(call, 200, json_pack("{s:o}", "items", items));
}

/* ---- GET /api/v1/units/{code}/roster ---- */

/* from/to of a query, defaulting to the current ISO week; replies when bad. */
static bool range_args(struct api_call *call, int32_t *from, int32_t *to, int max_days)
{
	const char *a = http_query(call->req, "from"), *b = http_query(call->req, "to");
	int32_t today;
	int minute;
	tz_local(clock_unix(), TZ_WIB, &today, &minute);
	*from = date_week_monday(today);
	*to = *from + 6;
	if (a && *a && !date_arg(call, a, "from", from))
		return false;
	if (b && *b && !date_arg(call, b, "to", to))
		return false;
	if (a && *a && !(b && *b))
		*to = *from + 6;
	if (*to < *from || *to - *from + 1 > max_days) {
		char en[120], id[120];
		snprintf(en, sizeof en, "to must be on or after from, at most %d days later.", max_days - 1);
		snprintf(id, sizeof id, "to harus sama dengan atau setelah from, paling lama %d hari kemudian.", max_days - 1);
		api_error(call, 422, "invalid", "to", en, id);
		return false;
	}
	return true;
}

static const char *cell_state(const struct roster *r, const struct roster_day *day, const struct roster_cell *c,
			      char *buf, size_t cap)
{
	if (!(c->flags & ROSTER_SCHEDULED))
		return !day->working && !(c->flags & ROSTER_SHIFT) ? "off" : "not_scheduled";
	(void)r;
	if (c->status == PLAN_APPROVED)
		return plan_mode_name((enum plan_mode)c->mode);
	if (c->status == PLAN_REQUESTED) {
		snprintf(buf, cap, "requested:%s", plan_mode_name((enum plan_mode)c->mode));
		return buf;
	}
	return "office";
}

static json_t *roster_day_json(const struct roster *r, int d)
{
	const struct roster_day *day = &r->days[d];
	struct plan_day_cover cv;
	plan_day_cover(r, d, &cv);
	char date[DATE_TEXT], hm[6];
	date_format(day->day, date);
	json_t *hours = json_array();
	for (int h = 0; h < cv.nhours; h++) {
		date_format_hhmm(cv.hour_start[h], hm);
		json_array_append_new(hours, json_pack("{s:s, s:i, s:b}", "start", hm, "on_site", cv.hour_on_site[h], "gap",
						       cv.hour_on_site[h] < cv.hour_minimum));
	}
	return json_pack("{s:s, s:i, s:b, s:o, s:b, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:o, s:i, s:i}", "date", date,
			 "weekday", date_weekday(day->day), "working", day->working, "day_off", str_or_null(day->off_name),
			 "office_only", day->office_only, "staff", cv.staff, "on_site", cv.on_site, "away", cv.away,
			 "requested", cv.requested, "minimum", cv.minimum, "max_away", cv.max_away, "max_share_away_pct",
			 day->max_share_away_pct, "hours", hours, "hour_minimum", cv.hour_minimum, "gaps", cv.gaps);
}

static json_t *roster_json(const struct roster *r)
{
	int d0 = roster_day_index(r, r->from), d1 = roster_day_index(r, r->to);
	json_t *days = json_array(), *people = json_array();
	for (int d = d0; d <= d1; d++)
		json_array_append_new(days, roster_day_json(r, d));
	for (int p = 0; p < r->npeople; p++) {
		json_t *cells = json_array();
		char buf[32];
		for (int d = d0; d <= d1; d++)
			json_array_append_new(cells, json_string(cell_state(r, &r->days[d], &r->people[p].cells[d], buf,
									    sizeof buf)));
		json_array_append_new(people, json_pack("{s:s, s:s, s:o}", "nip", r->people[p].nip, "name",
							r->people[p].name, "cells", cells));
	}
	char from[DATE_TEXT], to[DATE_TEXT], open[6] = "", close[6] = "";
	date_format(r->from, from);
	date_format(r->to, to);
	if (r->service_open >= 0)
		date_format_hhmm(r->service_open, open);
	if (r->service_close >= 0)
		date_format_hhmm(r->service_close, close);
	return json_pack("{s:{s:s, s:s, s:b, s:o, s:o, s:s}, s:s, s:s, s:{s:i, s:i}, s:o, s:o}", "unit", "code", r->code,
			 "name", r->name, "face_to_face", r->face_to_face, "service_open", str_or_null(open),
			 "service_close", str_or_null(close), "time_zone", tz_name(r->tz), "from", from, "to", to,
			 "staffing", "min_on_site", r->min_on_site, "min_on_site_per_hour", r->min_on_site_per_hour, "days",
			 days, "people", people);
}

void api_unit_roster(struct api_call *call)
{
	int32_t from, to;
	if (!range_args(call, &from, &to, 62))
		return;
	struct roster r;
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = roster_load(call->conn, call->unit->id, from, to, &r);
	db_rollback(call->conn);
	if (rc) {
		roster_free(&r);
		return api_error_from(call, rc, NULL);
	}
	json_t *o = roster_json(&r);
	roster_free(&r);
	api_reply(call, 200, o);
}

/* ---- staffing ---- */

static void reply_staffing(struct api_call *call, int status)
{
	bool has;
	int a, b;
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = plans_staffing_get(call->conn, call->unit->id, &has, &a, &b);
	db_rollback(call->conn);
	if (rc)
		return api_error_from(call, rc, NULL);
	api_reply(call, status, json_pack("{s:s, s:b, s:b, s:i, s:i}", "unit", call->unit->code, "face_to_face",
					  call->unit->face_to_face, "set", has, "min_on_site", a, "min_on_site_per_hour", b));
}

void api_unit_staffing_get(struct api_call *call)
{
	reply_staffing(call, 200);
}

static const struct elig_fspec staffing_spec[] = {
	{"min_on_site", F_INT, true, 100000, 0}, {"min_on_site_per_hour", F_INT, true, 100000, 0}, {0}};

void api_unit_staffing_put(struct api_call *call)
{
	json_t *o = elig_api_body(call);
	if (!o)
		return;
	if (!elig_api_check(call, o, staffing_spec, "")) {
		json_decref(o);
		return;
	}
	int a = (int)json_integer_value(json_object_get(o, "min_on_site"));
	int b = (int)json_integer_value(json_object_get(o, "min_on_site_per_hour"));
	json_decref(o);
	int rc = db_begin_write(call->conn);
	if (!rc)
		rc = finish(call, plans_staffing_set(call->conn, call->unit->id, call->unit->code, a, b,
						     call->actor->username));
	if (rc)
		return api_error_from(call, rc, NULL);
	reply_staffing(call, 200);
}

/* ---- office-only days ---- */

static int add_office_day(void *ctx, const char *date, const char *reason, const char *unit_code,
			  const char *created_by)
{
	json_array_append_new(ctx, json_pack("{s:s, s:s, s:s, s:s}", "date", date, "reason", reason, "set_by_unit",
					     unit_code, "created_by", created_by));
	return 0;
}

void api_office_days_list(struct api_call *call)
{
	int32_t from, to;
	if (!range_args(call, &from, &to, 400))
		return;
	char a[DATE_TEXT], b[DATE_TEXT];
	date_format(from, a);
	date_format(to, b);
	json_t *items = json_array();
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = plans_office_days_each(call->conn, call->unit->id, a, b, add_office_day, items);
	db_rollback(call->conn);
	if (rc) {
		json_decref(items);
		return api_error_from(call, rc, NULL);
	}
	api_reply(call, 200, json_pack("{s:s, s:s, s:s, s:o}", "unit", call->unit->code, "from", a, "to", b, "items",
				       items));
}

static const struct elig_fspec office_spec[] = {{"reason", F_STR, true, 300, 3}, {0}};

void api_office_day_put(struct api_call *call)
{
	int32_t day;
	if (!date_arg(call, call->req->params[1], "date", &day))
		return;
	json_t *o = elig_api_body(call);
	if (!o)
		return;
	if (!elig_api_check(call, o, office_spec, "")) {
		json_decref(o);
		return;
	}
	char date[DATE_TEXT];
	date_format(day, date);
	int rc = db_begin_write(call->conn);
	if (!rc)
		rc = finish(call, plans_office_day_set(call->conn, call->unit->id, call->unit->code, date,
						       api_str(o, "reason", ""), call->actor->username));
	if (rc) {
		json_decref(o);
		return api_error_from(call, rc, NULL);
	}
	api_reply(call, 200, json_pack("{s:s, s:s, s:s}", "unit", call->unit->code, "date", date, "reason",
				       api_str(o, "reason", "")));
	json_decref(o);
}

void api_office_day_delete(struct api_call *call)
{
	int32_t day;
	if (!date_arg(call, call->req->params[1], "date", &day))
		return;
	char date[DATE_TEXT];
	date_format(day, date);
	int rc = db_begin_write(call->conn);
	if (!rc)
		rc = finish(call, plans_office_day_delete(call->conn, call->unit->id, call->unit->code, date,
							  call->actor->username));
	if (rc)
		return api_error_from(call, rc, "date");
	api_reply(call, 200, json_pack("{s:s, s:s, s:b}", "unit", call->unit->code, "date", date, "deleted", true));
}

/* ---- stand-ins ---- */

static const struct elig_fspec stand_in_spec[] = {
	{"approver", F_STR, true, 18, 18}, {"stand_in", F_STR, true, 18, 18},
	{"from", F_STR, true, 10, 10}, {"to", F_STR, true, 10, 10}, {0}};

static int add_stand_in(void *ctx, const struct plan_stand_in_item *s)
{
	json_array_append_new(ctx, json_pack("{s:I, s:{s:s, s:s}, s:{s:s, s:s}, s:s, s:s, s:s, s:s}", "id",
					     (json_int_t)s->id, "approver", "nip", s->approver_nip, "name",
					     s->approver_name, "stand_in", "nip", s->stand_in_nip, "name", s->stand_in_name,
					     "from", s->valid_from, "to", s->valid_until, "created_by", s->created_by,
					     "created_at", s->created_at));
	return 0;
}

void api_stand_in_create(struct api_call *call)
{
	json_t *o = elig_api_body(call);
	if (!o)
		return;
	int32_t a, b;
	if (!elig_api_check(call, o, stand_in_spec, "") || !date_arg(call, api_str(o, "from", NULL), "from", &a) ||
	    !date_arg(call, api_str(o, "to", NULL), "to", &b)) {
		json_decref(o);
		return;
	}
	if (b < a || !strcmp(api_str(o, "approver", ""), api_str(o, "stand_in", ""))) {
		json_decref(o);
		return api_error(call, 422, "invalid", b < a ? "to" : "stand_in",
				 "The period must end on or after its start, and the stand-in must be someone else.",
				 "Periode harus berakhir pada atau setelah awalnya, dan pengganti harus orang lain.");
	}
	struct employee_row *ap = xcalloc(1, sizeof *ap), *si = xcalloc(1, sizeof *si);
	const char *field = "approver";
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = employee_get(call->conn, api_str(o, "approver", ""), ap);
	if (!rc && (field = "stand_in", (rc = employee_get(call->conn, api_str(o, "stand_in", ""), si)) == 0) && !si->active)
		rc = ERR_NOT_FOUND;
	db_rollback(call->conn);
	struct access_target t = {.is_self = call->actor->employee_id == ap->id, .unit_path = ap->unit_path};
	if (!rc && !roles_allows(call->actor, ACCESS_STAND_IN_SET, &t))
		rc = ERR_FORBIDDEN, field = NULL;
	int64_t id = 0;
	char from[DATE_TEXT], to[DATE_TEXT];
	date_format(a, from);
	date_format(b, to);
	if (!rc && !(rc = db_begin_write(call->conn)))
		rc = finish(call, plans_stand_in_create(call->conn, ap->id, si->id, from, to, call->actor->username, &id));
	free(ap);
	free(si);
	json_decref(o);
	if (rc)
		return api_error_from(call, rc, field);
	struct scope all = {.all = true};
	json_t *items = json_array();
	rc = db_begin_read(call->conn);
	if (!rc)
		rc = plans_stand_ins_each(call->conn, &all, 0, add_stand_in, items);
	db_rollback(call->conn);
	json_t *mine = NULL;
	for (size_t i = 0; i < json_array_size(items); i++)
		if (json_integer_value(json_object_get(json_array_get(items, i), "id")) == id)
			mine = json_incref(json_array_get(items, i));
	json_decref(items);
	if (!mine)
		return api_error_from(call, rc ? rc : ERR_NOT_FOUND, NULL);
	api_reply(call, 201, mine);
}

void api_stand_ins_list(struct api_call *call)
{
	struct scope scope;
	roles_scope(call->actor, &scope);
	json_t *items = json_array();
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = plans_stand_ins_each(call->conn, &scope, 0, add_stand_in, items);
	db_rollback(call->conn);
	if (rc) {
		json_decref(items);
		return api_error_from(call, rc, NULL);
	}
	api_reply(call, 200, json_pack("{s:o}", "items", items));
}

/* ---- preferences ---- */

static void reply_preferences(struct api_call *call)
{
	unsigned bits;
	int max;
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = plans_preference_get(call->conn, call->employee->id, &bits, &max);
	db_rollback(call->conn);
	if (rc)
		return api_error_from(call, rc, NULL);
	json_t *days = json_array();
	for (int d = 1; d <= 7; d++)
		if (bits & (1u << (d - 1)))
			json_array_append_new(days, json_integer(d));
	api_reply(call, 200, json_pack("{s:s, s:o, s:o}", "nip", call->employee->nip, "weekdays", days, "max_days_month",
				       max >= 0 ? json_integer(max) : json_null()));
}

void api_plan_preferences_get(struct api_call *call)
{
	reply_preferences(call);
}

static const struct elig_fspec pref_spec[] = {
	{"weekdays", F_ARRAY, true, 7, 0}, {"max_days_month", F_INT, false, 31, 0}, {0}};

void api_plan_preferences_put(struct api_call *call)
{
	json_t *o = elig_api_body(call);
	if (!o)
		return;
	if (json_is_null(json_object_get(o, "max_days_month")))
		json_object_del(o, "max_days_month");
	if (!elig_api_check(call, o, pref_spec, "")) {
		json_decref(o);
		return;
	}
	unsigned bits = 0;
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(o, "weekdays"), i, v) {
		json_int_t d = json_is_integer(v) ? json_integer_value(v) : 0;
		if (d < 1 || d > 7) {
			json_decref(o);
			return api_error(call, 422, "invalid", "weekdays", "weekdays holds ISO weekdays 1 (Monday) to 7.",
					 "weekdays berisi hari ISO 1 (Senin) sampai 7.");
		}
		bits |= 1u << (d - 1);
	}
	json_t *m = json_object_get(o, "max_days_month");
	int max = json_is_integer(m) ? (int)json_integer_value(m) : -1;
	json_decref(o);
	int rc = db_begin_write(call->conn);
	if (!rc)
		rc = finish(call, plans_preference_set(call->conn, call->employee->id, call->employee->nip, bits, max,
						       call->actor->username));
	if (rc)
		return api_error_from(call, rc, NULL);
	reply_preferences(call);
}
