/* attendance.c (api) - leave and duty travel, and the day accounts.
 *
 *   POST   /api/v1/leaves          record a leave (the employee's supervisor
 *                                  chain, kepala_opd of the body, admin_bkd;
 *                                  never one's own unless admin_bkd)
 *   GET    /api/v1/leaves          list, scoped like every list
 *   DELETE /api/v1/leaves/{id}     cancel (same authority as recording)
 *   POST   /api/v1/leaves/import   CSV nip,kind,from,to[,note]: all or nothing
 *                                  (admin_bkd; kepala_opd for their body)
 *   GET    /api/v1/attendance      closed day accounts; for one nip the days
 *                                  not closed yet up to today are computed live
 *   GET    /api/v1/attendance/closes   closed dates (admin_bkd, inspektorat)
 *
 * Recording or cancelling a leave over closed dates recomputes them in the
 * same transaction; the reply says how many accounts changed. */
#include "api/attendance.h"
#include "core/clock.h"
#include "core/date.h"
#include "core/err.h"
#include "core/mem.h"
#include "domain/day.h"
#include "domain/presence.h"
#include "store/attendance.h"
#include "store/leaves.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define ATTENDANCE_RANGE_MAX 62
#define ATTENDANCE_PAGE_MAX 1000

static int32_t today_wib(void)
{
	int32_t day;
	int minute;
	tz_local(clock_unix(), TZ_WIB, &day, &minute);
	return day;
}

/* Whether the actor may record or cancel leave of employee e: admin_bkd;
 * kepala_opd of e's body; anyone above e in the supervisor chain. Nobody
 * but admin_bkd for themself. Runs in a read transaction of the caller. */
static int may_record(struct api_call *call, const struct employee_row *e, bool *yes)
{
	const struct actor *a = call->actor;
	bool self = a->employee_id && a->employee_id == e->id;
	struct access_target t = {.is_self = self, .unit_path = e->unit_path};
	*yes = false;
	if (a->roles & ROLE_ADMIN_BKD)
		return *yes = true, 0;
	if (self)
		return 0;
	if (roles_allows(a, ACCESS_EMPLOYEE_WRITE, &t))
		return *yes = true, 0;
	if (!a->employee_id)
		return 0;
	return employee_is_below(call->conn, a->employee_id, e->id, yes);
}

/* ---- leaves ---- */

static int leave_json_cb(void *ctx, const struct leave_row *r)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o}", "id",
			      (json_int_t)r->id, "nip", r->nip, "name", r->name, "unit", r->unit_code, "kind", r->kind,
			      "day_status", r->day_status, "from", r->from, "to", r->to, "note", r->note, "status",
			      r->status, "created_by", r->created_by, "created_at", r->created_at, "cancelled_by",
			      r->cancelled_by[0] ? json_string(r->cancelled_by) : json_null(), "cancelled_at",
			      r->cancelled_at[0] ? json_string(r->cancelled_at) : json_null());
	json_array_append_new(ctx, o);
	return 0;
}

/* The leave with this id as JSON (every leave is visible to admin scope here:
 * the caller has already been authorised for it); NULL when missing. */
static json_t *leave_by_id(struct api_call *call, int64_t id)
{
	struct scope all = {.all = true};
	struct leave_filter f = {.scope = &all, .unit_path = "", .id = id};
	json_t *arr = json_array();
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = leaves_each(call->conn, &f, leave_json_cb, arr);
	db_rollback(call->conn);
	json_t *o = !rc && json_array_size(arr) ? json_incref(json_array_get(arr, 0)) : NULL;
	json_decref(arr);
	return o;
}

static void reply_overlap(struct api_call *call, int64_t conflict)
{
	char en[160], id[160];
	snprintf(en, sizeof en, "This overlaps leave %lld of the same employee; cancel it first.", (long long)conflict);
	snprintf(id, sizeof id, "Bertumpang tindih dengan cuti %lld pegawai yang sama; batalkan dulu.", (long long)conflict);
	api_error(call, 409, "overlap", "from", en, id);
}

void api_leave_create(struct api_call *call)
{
	static const struct api_field fields[] = {{"nip", T_STRING, true, false},   {"kind", T_STRING, true, false},
						  {"from", T_STRING, true, false},  {"to", T_STRING, true, false},
						  {"note", T_STRING, false, true},  {0}};
	json_t *o = api_read_object(call, fields);
	if (!o)
		return;
	struct leave_input in = {api_str(o, "kind", ""), api_str(o, "from", ""), api_str(o, "to", ""),
				 api_str(o, "note", "")};
	struct leave_problem p;
	if (!leaves_check(&in, &p)) {
		api_error(call, 422, "invalid", p.field, p.message_en, p.message_id);
		return json_decref(o);
	}
	struct employee_row *e = xcalloc(1, sizeof *e);
	bool allowed = false;
	int rc = db_begin_write(call->conn);
	if (!rc)
		rc = employee_get(call->conn, api_str(o, "nip", ""), e);
	if (!rc && !e->active)
		rc = ERR_NOT_FOUND;
	if (!rc && !(rc = may_record(call, e, &allowed)) && !allowed)
		rc = ERR_FORBIDDEN;
	int64_t id = 0, conflict = 0;
	long recomputed = 0;
	if (!rc)
		rc = leaves_create(call->conn, e->id, e->nip, &in, call->actor->username, &id, &conflict, &recomputed);
	if (!rc)
		rc = db_commit(call->conn);
	else
		db_rollback(call->conn);
	free(e);
	json_decref(o);
	if (rc == ERR_CONFLICT && conflict)
		return reply_overlap(call, conflict);
	if (rc)
		return api_error_from(call, rc, rc == ERR_NOT_FOUND ? "nip" : NULL);
	json_t *l = leave_by_id(call, id);
	if (!l)
		return api_error_from(call, ERR_DB, NULL);
	json_object_set_new(l, "recomputed_days", json_integer(recomputed));
	api_reply(call, 201, l);
}

static bool date_query(struct api_call *call, const char *key, const char **out)
{
	const char *v = http_query(call->req, key);
	int32_t d;
	*out = v && *v ? v : "";
	if (!**out || date_parse(*out, &d))
		return true;
	char en[100], id[100];
	snprintf(en, sizeof en, "%s must be a real date YYYY-MM-DD.", key);
	snprintf(id, sizeof id, "%s harus tanggal yang sah YYYY-MM-DD.", key);
	api_error(call, 422, "invalid", key, en, id);
	return false;
}

/* ?unit=CODE: the unit's path into path (cap ROLES_PATH_MAX); "" when absent. */
static int unit_query(struct api_call *call, char *path)
{
	const char *code = http_query(call->req, "unit");
	path[0] = '\0';
	if (!code || !*code)
		return 0;
	struct unit_row *u = xcalloc(1, sizeof *u);
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = unit_get(call->conn, code, u);
	db_rollback(call->conn);
	if (!rc)
		snprintf(path, ROLES_PATH_MAX, "%s", u->path);
	free(u);
	return rc;
}

void api_leaves_list(struct api_call *call)
{
	struct leave_filter f = {0};
	struct scope sc;
	roles_scope(call->actor, &sc);
	f.scope = &sc;
	const char *status = http_query(call->req, "status");
	f.status = status ? status : "";
	if (*f.status && strcmp(f.status, "active") && strcmp(f.status, "cancelled"))
		return api_error(call, 422, "invalid", "status", "status is active or cancelled.",
				 "status adalah active atau cancelled.");
	const char *nip = http_query(call->req, "nip");
	f.nip = nip ? nip : "";
	if (!date_query(call, "from", &f.from) || !date_query(call, "to", &f.to))
		return;
	char path[ROLES_PATH_MAX];
	int rc = unit_query(call, path);
	if (rc)
		return api_error_from(call, rc, "unit");
	f.unit_path = path;
	json_t *arr = json_array();
	if (!(rc = db_begin_read(call->conn)))
		rc = leaves_each(call->conn, &f, leave_json_cb, arr);
	db_rollback(call->conn);
	if (rc) {
		json_decref(arr);
		return api_error_from(call, rc, NULL);
	}
	api_reply(call, 200, json_pack("{s:o, s:i}", "items", arr, "limit", LEAVES_LIST_MAX));
}

void api_leave_cancel(struct api_call *call)
{
	char *end;
	long long id = strtoll(call->req->params[0], &end, 10);
	if (*end || id <= 0)
		return api_error_from(call, ERR_NOT_FOUND, "id");
	struct employee_row *e = xcalloc(1, sizeof *e);
	int64_t employee_id;
	char nip[19];
	bool allowed = false;
	long recomputed = 0;
	int rc = db_begin_write(call->conn);
	if (!rc)
		rc = leaves_owner(call->conn, id, &employee_id, nip);
	if (!rc)
		rc = employee_get(call->conn, nip, e);
	if (!rc && !(rc = may_record(call, e, &allowed)) && !allowed)
		rc = ERR_FORBIDDEN;
	if (!rc)
		rc = leaves_cancel(call->conn, id, call->actor->username, &recomputed);
	if (!rc)
		rc = db_commit(call->conn);
	else
		db_rollback(call->conn);
	free(e);
	if (rc == ERR_CONFLICT)
		return api_error(call, 409, "invalid_state", "status", "This leave is already cancelled.",
				 "Cuti ini sudah dibatalkan.");
	if (rc)
		return api_error_from(call, rc, rc == ERR_NOT_FOUND ? "id" : NULL);
	json_t *l = leave_by_id(call, id);
	if (!l)
		return api_error_from(call, ERR_DB, NULL);
	json_object_set_new(l, "recomputed_days", json_integer(recomputed));
	api_reply(call, 200, l);
}

/* ---- CSV import ---- */

static bool import_may(void *ctx, const char *unit_path)
{
	const struct actor *a = ctx;
	if (a->roles & ROLE_ADMIN_BKD)
		return true;
	struct access_target t = {.unit_path = unit_path};
	return roles_allows(a, ACCESS_EMPLOYEE_WRITE, &t);
}

static bool is_csv(const char *ct)
{
	return ct && (!strncasecmp(ct, "text/csv", 8) || !strncasecmp(ct, "application/csv", 15) ||
		      !strncasecmp(ct, "text/plain", 10));
}

void api_leaves_import(struct api_call *call)
{
	const struct actor *a = call->actor;
	if (!(a->roles & (ROLE_ADMIN_BKD | ROLE_KEPALA_OPD)))
		return api_error_from(call, ERR_FORBIDDEN, NULL);
	if (call->req->body_too_big)
		return api_error(call, 413, "too_big", NULL, "The file is larger than 4 MiB.", "Berkas lebih besar dari 4 MiB.");
	if (!is_csv(http_header(call->req, "Content-Type")))
		return api_error(call, 415, "unsupported_media_type", NULL, "Send the file as text/csv.",
				 "Kirim berkas sebagai text/csv.");
	struct leave_import_result *res = xcalloc(1, sizeof *res);
	int rc = db_begin_write(call->conn);
	if (!rc)
		rc = leaves_import(call->conn, call->req->body ? call->req->body : "", call->req->body_len, a->username,
				   import_may, call->actor, res);
	if (!rc)
		rc = db_commit(call->conn);
	else
		db_rollback(call->conn);
	if (rc == ERR_INVALID || (rc == ERR_TOO_BIG && res->total)) {
		json_t *rows = json_array();
		for (int i = 0; i < res->listed; i++)
			json_array_append_new(rows, json_pack("{s:I, s:s, s:s, s:s}", "line", (json_int_t)res->items[i].line,
							      "column", res->items[i].column, "message_id",
							      res->items[i].message_id, "message_en", res->items[i].message_en));
		json_t *err = json_pack("{s:s, s:s, s:s, s:n}", "code", "invalid_rows", "message",
					"The file was not imported: fix the listed rows and send it again.", "message_id",
					"Berkas tidak diimpor: perbaiki baris yang tercantum lalu kirim ulang.", "field");
		api_reply(call, 422, json_pack("{s:o, s:o, s:I}", "error", err, "rows", rows, "total_problems",
					       (json_int_t)res->total));
	} else if (rc) {
		api_error_from(call, rc, NULL);
	} else {
		api_reply(call, 200, json_pack("{s:I, s:I}", "imported", (json_int_t)res->imported, "recomputed_days",
					       (json_int_t)res->recomputed));
	}
	free(res);
}

/* ---- day accounts ---- */

static json_t *bits_json(unsigned bits, int n, const char *(*name)(int))
{
	json_t *a = json_array();
	for (int i = 0; i < n; i++)
		if (bits & (1u << i))
			json_array_append_new(a, json_string(name(i)));
	return a;
}
static const char *violation_name(int v) { return day_violation_name((enum day_violation)v); }
static const char *flag_name(int f) { return presence_flag_name((enum presence_flag)f); }

static json_t *minute_json(int m)
{
	if (m < 0)
		return json_null();
	char t[6], out[12];
	date_format_hhmm(m % 1440, t);
	snprintf(out, sizeof out, m >= 1440 ? "%s+1" : "%s", t);
	return json_string(out);
}

struct list_ctx {
	json_t *items;
	const char *nip, *name, *unit;   /* for live rows */
};

static int day_json_cb(void *ctx, const struct attendance_row *r)
{
	struct list_ctx *L = ctx;
	json_t *plan = r->plan_mode[0] ? json_pack("{s:s, s:I}", "mode", r->plan_mode, "id", (json_int_t)r->plan_id)
				       : json_null();
	json_t *leave = r->leave_id ? json_pack("{s:I, s:s}", "id", (json_int_t)r->leave_id, "kind", r->leave_kind)
				    : json_null();
	json_t *sched = r->start_min >= 0 ? json_pack("{s:s, s:o, s:o}", "code", r->schedule_code, "start",
						      minute_json(r->start_min), "end", minute_json(r->end_min))
					  : json_null();
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:b, s:i, s:i, s:i, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:i}",
			      "date", r->date, "nip", r->nip[0] ? r->nip : L->nip, "name", r->name[0] ? r->name : L->name,
			      "unit", r->unit_code[0] ? r->unit_code : L->unit, "status", r->status, "closed", r->closed,
			      "late_min", r->late_min, "early_min", r->early_min, "net_min", r->net_min, "flags",
			      bits_json(r->flags, PF_COUNT, flag_name), "violations",
			      bits_json(r->violations, DAY_V_N, violation_name), "plan", plan, "leave", leave, "schedule",
			      sched, "in", minute_json(r->in_min), "out", minute_json(r->out_min), "closed_at",
			      r->closed_at[0] ? json_string(r->closed_at) : json_null(), "version", r->version);
	json_array_append_new(L->items, o);
	return 0;
}

/* The range: from/to, default today (WIB); at most ATTENDANCE_RANGE_MAX days. */
static bool range_query(struct api_call *call, char from[DATE_TEXT], char to[DATE_TEXT], int32_t *f, int32_t *t)
{
	const char *fs, *ts;
	if (!date_query(call, "from", &fs) || !date_query(call, "to", &ts))
		return false;
	int32_t today = today_wib();
	*f = today, *t = today;
	if (*fs)
		date_parse(fs, f);
	if (*ts)
		date_parse(ts, t);
	else if (*fs)
		*t = *f;
	if (*t < *f || *t - *f >= ATTENDANCE_RANGE_MAX) {
		api_error(call, 422, "invalid", "to", "to must be on or after from, at most 62 days.",
			  "to harus pada atau setelah from, paling lama 62 hari.");
		return false;
	}
	date_format(*f, from), date_format(*t, to);
	return true;
}

static bool has_date(json_t *items, const char *date)
{
	size_t i;
	json_t *v;
	json_array_foreach(items, i, v)
		if (!strcmp(json_string_value(json_object_get(v, "date")), date))
			return true;
	return false;
}

/* The open (not closed) dates of the range; for one employee, those up to
 * today computed live, and closed days off (no stored row) filled in. */
static int live_days(struct api_call *call, int64_t employee_id, int32_t f, int32_t t, struct list_ctx *L,
		     json_t *open)
{
	int32_t today = today_wib();
	int rc = 0;
	for (int32_t d = f; !rc && d <= t; d++) {
		bool closed;
		char date[DATE_TEXT];
		date_format(d, date);
		if ((rc = attendance_is_closed(call->conn, d, &closed)))
			break;
		if (!closed)
			json_array_append_new(open, json_string(date));
		if (employee_id && (closed ? !has_date(L->items, date) : d <= today))
			rc = attendance_live(call->conn, employee_id, d, closed, day_json_cb, L);
	}
	return rc;
}

/* Closed rows come sorted by date; live rows are appended: sort by date. */
static int by_date(const void *a, const void *b)
{
	json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	return strcmp(json_string_value(json_object_get(x, "date")), json_string_value(json_object_get(y, "date")));
}

static void sort_items(json_t *items)
{
	size_t n = json_array_size(items);
	json_t **v = xmalloc((n + 1) * sizeof *v);
	for (size_t i = 0; i < n; i++)
		v[i] = json_incref(json_array_get(items, i));
	qsort(v, n, sizeof *v, by_date);
	json_array_clear(items);
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, v[i]);
	free(v);
}

void api_attendance_list(struct api_call *call)
{
	char from[DATE_TEXT], to[DATE_TEXT];
	int32_t f, t;
	if (!range_query(call, from, to, &f, &t))
		return;
	bool bad = false;
	long limit = api_query_long(call, "limit", 200, 1, ATTENDANCE_PAGE_MAX, &bad);
	long offset = api_query_long(call, "offset", 0, 0, 100000000, &bad);
	if (bad)
		return api_error(call, 422, "invalid", "limit", "limit is 1..1000 and offset 0 or more.",
				 "limit 1..1000 dan offset 0 atau lebih.");
	const char *status = http_query(call->req, "status");
	if (status && *status && day_status_parse(status) < 0)
		return api_error(call, 422, "invalid", "status", "Unknown day status.", "Status hari tidak dikenal.");
	const char *nip = http_query(call->req, "nip");
	struct employee_row *e = xcalloc(1, sizeof *e);
	char path[ROLES_PATH_MAX];
	int rc = unit_query(call, path);
	if (rc) {
		free(e);
		return api_error_from(call, rc, "unit");
	}
	struct scope sc;
	roles_scope(call->actor, &sc);
	struct list_ctx L = {json_array(), "", "", ""};
	json_t *open = json_array();
	long total = 0;
	rc = db_begin_read(call->conn);
	if (!rc && nip && *nip) {
		/* One person: visible to the actor, else 403 (404 when unknown). */
		struct access_target at = {.unit_path = NULL};
		if (!(rc = employee_get(call->conn, nip, e))) {
			at.unit_path = e->unit_path;
			at.is_self = call->actor->employee_id == e->id;
			if (call->actor->employee_id && !at.is_self)
				rc = employee_is_below(call->conn, call->actor->employee_id, e->id, &at.is_subordinate);
			if (!rc && !roles_allows(call->actor, ACCESS_EMPLOYEE_READ, &at))
				rc = ERR_FORBIDDEN;
		}
		L.nip = e->nip, L.name = e->name, L.unit = e->unit_code;
	}
	struct attendance_filter af = {&sc, path, nip ? nip : "", from, to, status ? status : "", (int)limit, (int)offset};
	if (!rc)
		rc = attendance_each(call->conn, &af, day_json_cb, &L, &total);
	if (!rc)
		rc = live_days(call, nip && *nip && !(status && *status) ? e->id : 0, f, t, &L, open);
	db_rollback(call->conn);
	free(e);
	if (rc) {
		json_decref(L.items);
		json_decref(open);
		return api_error_from(call, rc, rc == ERR_NOT_FOUND ? "nip" : NULL);
	}
	sort_items(L.items);
	api_reply(call, 200, json_pack("{s:s, s:s, s:o, s:I, s:i, s:i, s:o}", "from", from, "to", to, "items", L.items,
				       "total", (json_int_t)total, "limit", (int)limit, "offset", (int)offset,
				       "open_dates", open));
}

static int close_json_cb(void *ctx, const struct attendance_close_row *r)
{
	json_array_append_new(ctx, json_pack("{s:s, s:b, s:I, s:I, s:I, s:s, s:s, s:I}", "date", r->date, "working_day",
					     r->working_day, "employees", (json_int_t)r->employees, "changed",
					     (json_int_t)r->changed, "closes", (json_int_t)r->closes, "closed_by",
					     r->closed_by, "closed_at", r->closed_at, "duration_ms",
					     (json_int_t)r->duration_ms));
	return 0;
}

void api_attendance_closes(struct api_call *call)
{
	const char *fs, *ts;
	if (!date_query(call, "from", &fs) || !date_query(call, "to", &ts))
		return;
	json_t *arr = json_array();
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = attendance_closes_each(call->conn, *fs ? fs : "0000-00-00", *ts ? ts : "9999-99-99", close_json_cb, arr);
	db_rollback(call->conn);
	if (rc) {
		json_decref(arr);
		return api_error_from(call, rc, NULL);
	}
	api_reply(call, 200, json_pack("{s:o}", "items", arr));
}
