/* checkins.c (api) - presence records and registered devices.
 *
 *   POST /api/v1/checkins                 the employee records in or out
 *   GET  /api/v1/checkins?nip=&from=&to=  records of one employee
 *   POST /api/v1/devices                  the employee asks to use a device
 *   GET  /api/v1/devices?nip=             the employee's devices
 *   POST /api/v1/devices/{id}/approve|refuse   by the direct supervisor
 *
 * The check-in handler is the hot path (issue 5 item 9): it validates the
 * body, takes the cached context (store/checkins.h), evaluates the flags,
 * hands the record to the group committer and answers 201 only after the
 * batch committed: the answer is deferred (http/defer.h), so the worker
 * thread serves other connections meanwhile and the writer thread resumes
 * this one after COMMIT. Its reply is written with a bounded buffer instead
 * of jansson, since the flags already exist as JSON text. */
#include "api/checkins.h"
#include "api/worklog.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/mem.h"
#include "domain/geo.h"
#include "http/defer.h"
#include "store/checkins.h"
#include "store/devices.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CHECKINS_LIST_MAX 1000
#define CHECKINS_RANGE_MAX_DAYS 366
#define ACCURACY_MAX_M 100000.0

static int64_t now_unix_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A device id as the app makes it: 8..64 of [A-Za-z0-9._:-]. */
static bool device_id_ok(const char *s)
{
	size_t n = strlen(s);
	if (n < 8 || n > PRESENCE_DEVICE_ID_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && !strchr("._:-", s[i]))
			return false;
	return true;
}

/* Parse "YYYY-MM-DDTHH:MM:SS[.fff](Z|+HH:MM|-HH:MM)" into Unix ms. */
static bool parse_client_time(const char *s, int64_t *ms)
{
	int y, mo, d, h, mi, sec, n = 0;
	if (strlen(s) < 20 || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &n) != 6 || n != 19)
		return false;
	char date[11];
	snprintf(date, sizeof date, "%.10s", s);
	int32_t day;
	if (!date_parse(date, &day) || h > 23 || mi > 59 || sec > 60)
		return false;
	const char *p = s + 19;
	int frac = 0;
	if (*p == '.') {
		int digits = 0;
		for (p++; isdigit((unsigned char)*p); p++, digits++)
			if (digits < 3)
				frac = frac * 10 + (*p - '0');
		if (!digits)
			return false;
		for (; digits < 3; digits++)
			frac *= 10;
	}
	int offset = 0;
	if (*p == 'Z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		int oh, om;
		if (strlen(p) != 6 || sscanf(p + 1, "%2d:%2d", &oh, &om) != 2 || p[3] != ':' || oh > 14 || om > 59)
			return false;
		offset = (*p == '-' ? -1 : 1) * (oh * 60 + om);
		p += 6;
	} else {
		return false;
	}
	if (*p)
		return false;
	*ms = ((int64_t)day * 86400 + h * 3600 + mi * 60 + sec - (int64_t)offset * 60) * 1000 + frac;
	return true;
}

static void iso_ms(int64_t ms, char out[48])
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;
	gmtime_r(&t, &tm);
	snprintf(out, 48, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		 tm.tm_min, tm.tm_sec, (int)(ms % 1000));
}

static const struct api_field checkin_fields[] = {
	{"kind", T_STRING, true, false},       {"lat", T_NUMBER, true, false},
	{"lon", T_NUMBER, true, false},        {"accuracy_m", T_NUMBER, true, false},
	{"device_id", T_STRING, true, false},  {"client_time", T_STRING, false, true},
	{NULL, 0, false, false},
};

/* Validate the body into rec; replies and returns false when bad. */
static bool read_checkin(struct api_call *call, struct checkin_new *rec)
{
	json_t *o = api_read_object(call, checkin_fields);
	if (!o)
		return false;
	int kind = presence_kind_parse(api_str(o, "kind", ""));
	rec->lat = api_num(o, "lat", NAN);
	rec->lon = api_num(o, "lon", NAN);
	rec->accuracy_m = api_num(o, "accuracy_m", NAN);
	const char *dev = api_str(o, "device_id", ""), *ct = api_str(o, "client_time", NULL);
	const char *field = NULL, *en = NULL, *id = NULL;
	rec->client_ms = -1;
	if (kind < 0)
		field = "kind", en = "kind is \"in\" or \"out\".", id = "kind adalah \"in\" atau \"out\".";
	else if (!geo_in_indonesia(rec->lat, rec->lon))
		field = !(rec->lat >= GEO_ID_LAT_MIN && rec->lat <= GEO_ID_LAT_MAX) ? "lat" : "lon",
		en = "The location must be a point in Indonesia (decimal degrees).",
		id = "Lokasi harus berupa titik di Indonesia (derajat desimal).";
	else if (!(rec->accuracy_m >= 0 && rec->accuracy_m <= ACCURACY_MAX_M))
		field = "accuracy_m", en = "accuracy_m is a number of metres between 0 and 100000.",
		id = "accuracy_m adalah jumlah meter antara 0 dan 100000.";
	else if (!device_id_ok(dev))
		field = "device_id", en = "device_id is 8 to 64 letters, digits or . _ : -.",
		id = "device_id terdiri dari 8 sampai 64 huruf, angka atau . _ : -.";
	else if (ct && !parse_client_time(ct, &rec->client_ms))
		field = "client_time", en = "client_time is an ISO 8601 time with a zone, e.g. 2026-03-02T07:31:05+07:00.",
		id = "client_time adalah waktu ISO 8601 dengan zona, mis. 2026-03-02T07:31:05+07:00.";
	if (!field) {
		rec->kind = (enum presence_kind)kind;
		snprintf(rec->device_id, sizeof rec->device_id, "%s", dev);
	}
	json_decref(o);
	if (field)
		api_error(call, 422, "invalid", field, en, id);
	return !field;
}

/* Fill the context part of rec and evaluate the request-side flags. */
static int prepare_checkin(struct api_call *call, struct checkin_new *rec)
{
	struct presence_person p;
	int rc = presence_person_get(call->conn, call->actor->employee_id, rec->server_ms, &p);
	if (rc)
		return rc;
	int32_t today;
	int minute, day_minute;
	tz_local(rec->server_ms / 1000, p.tz, &today, &minute);
	struct presence_day d;
	int offset = 0;
	if (rec->kind == PRESENCE_OUT) {
		if ((rc = presence_day_get(call->conn, &p, today - 1, rec->server_ms, &d)))
			return rc;
		offset = presence_attribute_day(&d.work, rec->kind, minute, &day_minute);
	} else {
		day_minute = minute;
	}
	if ((rc = presence_day_get(call->conn, &p, today + offset, rec->server_ms, &d)))
		return rc;
	struct presence_input in = {
		.kind = rec->kind, .mode = d.mode, .has_plan = d.has_plan, .lat = rec->lat, .lon = rec->lon,
		.accuracy_m = rec->accuracy_m, .office = p.office,
		.home = {p.has_domicile, p.home_lat, p.home_lon, p.settings.wfh_radius_m},
		.server_ms = rec->server_ms, .client_ms = rec->client_ms, .day = &d.work, .minute = day_minute,
	};
	in.expected = d.mode == PRESENCE_WFO ? in.office : d.mode == PRESENCE_WFH ? in.home : d.place;
	presence_evaluate(&in, &p.settings, &rec->verdict);
	rec->employee_id = p.employee_id;
	rec->unit_id = p.unit_id;
	rec->actor = call->actor->username;
	date_format(today + offset, rec->work_date);
	rec->local_minute = day_minute;
	rec->tz = p.tz;
	rec->mode = d.mode;
	rec->plan_id = d.has_plan ? d.plan_id : 0;
	rec->settings = p.settings;
	return 0;
}

static void reply_conflict(struct api_call *call, const char *code)
{
	if (!strcmp(code, "already_checked_in"))
		return api_error(call, 409, code, "kind", "You already recorded your arrival for this working day.",
				 "Anda sudah mencatat kehadiran masuk untuk hari kerja ini.");
	api_error(call, 409, code, "kind", "You already recorded leaving for this working day (two records a day).",
		  "Anda sudah mencatat kepulangan untuk hari kerja ini (dua catatan sehari).");
}

static void reply_created(struct api_call *call, const struct checkin_new *rec)
{
	struct buf b;
	char server[48], hm[6];
	buf_init(&b, 1 << 16);
	iso_ms(rec->server_ms, server);
	date_format_hhmm(rec->local_minute % 1440, hm);
	buf_printf(&b, "{\"id\":%lld,\"server_time\":\"%s\",\"work_date\":\"%s\",\"local_time\":\"%s\",\"time_zone\":\"%s\","
		   "\"kind\":\"%s\",\"mode\":\"%s\",\"verdict\":\"%s\",",
		   (long long)rec->id, server, rec->work_date, hm, tz_name(rec->tz), presence_kind_name(rec->kind),
		   presence_mode_name(rec->mode), rec->verdict.nflags ? "flagged" : "ok");
	if (rec->verdict.distance_m >= 0)
		buf_printf(&b, "\"distance_m\":%.0f,\"allowed_m\":%d,", rec->verdict.distance_m, rec->verdict.allowed_m);
	else
		buf_puts(&b, "\"distance_m\":null,\"allowed_m\":null,");
	buf_printf(&b, "\"device_registered\":%s,\"flags\":%s}", rec->device_registered ? "true" : "false",
		   rec->flags_json ? rec->flags_json : "[]");
	size_t len = b.len;
	http_res_body(call->res, 201, "application/json; charset=utf-8", buf_steal(&b), len);
	http_res_header(call->res, "Cache-Control", "no-store");
}

/* A check-in waiting for its batch: lives from the handler until the
 * writer thread has answered it. */
struct deferred_checkin {
	struct checkin_new rec;
	struct http_request *req;
	struct http_response *res;     /* the server keeps both until http_resume */
};

/* On the writer thread, after the batch committed (or failed). */
static void checkin_answer(void *ctx)
{
	struct deferred_checkin *d = ctx;
	struct api_call call = {.req = d->req, .res = d->res};
	int rc = d->rec.rc;
	if (rc == ERR_CONFLICT && d->rec.conflict)
		reply_conflict(&call, d->rec.conflict);
	else if (rc)
		api_error_from(&call, rc, NULL);
	else
		reply_created(&call, &d->rec);
	free(d->rec.flags_json);
	struct http_request *req = d->req;
	free(d);
	http_resume(req);
}

void api_checkin_create(struct api_call *call)
{
	struct deferred_checkin *d = xcalloc(1, sizeof *d);
	struct checkin_new *rec = &d->rec;
	if (!read_checkin(call, rec))
		return free(d);
	rec->server_ms = now_unix_ms();
	int rc = prepare_checkin(call, rec);
	if (rc) {
		free(d);
		if (rc == ERR_NOT_FOUND)
			return api_error(call, 403, "not_active", NULL, "Your employee record is not active.",
					 "Data kepegawaian Anda tidak aktif.");
		return api_error_from(call, rc, NULL);
	}
	rec->actor = NULL; /* call->actor lives on the router's stack; the batch audits as "system" */
	d->req = call->req;
	d->res = call->res;
	http_defer(call->req);
	checkin_submit(call->app->db, rec, checkin_answer, d);
}

/* ---- reading: the employee named by ?nip= (the actor by default) ---- */

static bool query_date(struct api_call *call, const char *key, int32_t def, int32_t *out)
{
	const char *s = http_query(call->req, key);
	if (!s || !*s) {
		*out = def;
		return true;
	}
	if (date_parse(s, out))
		return true;
	api_error(call, 422, "invalid", key, "A date is YYYY-MM-DD.", "Tanggal ditulis YYYY-MM-DD.");
	return false;
}

static int add_checkin(void *ctx, const struct checkin_row *r)
{
	char server[48], hm[6];
	iso_ms(r->server_ms, server);
	date_format_hhmm(r->local_minute % 1440, hm);
	json_t *flags = json_loads(r->flags, 0, NULL);
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o}", "id", (json_int_t)r->id, "nip",
			      r->nip, "work_date", r->work_date, "kind", r->kind, "server_time", server, "local_time", hm,
			      "time_zone", r->time_zone, "mode", r->mode, "verdict", r->verdict, "device_id", r->device_id,
			      "flags", flags ? flags : json_array());
	if (r->client_ms >= 0) {
		iso_ms(r->client_ms, server);
		json_object_set_new(o, "client_time", json_string(server));
	} else {
		json_object_set_new(o, "client_time", json_null());
	}
	/* Raw coordinates are gone once reduced (UU 27/2022); the verdict and distance stay. */
	json_object_set_new(o, "lat", r->has_location ? json_real(r->lat) : json_null());
	json_object_set_new(o, "lon", r->has_location ? json_real(r->lon) : json_null());
	json_object_set_new(o, "accuracy_m", r->has_location ? json_real(r->accuracy_m) : json_null());
	json_object_set_new(o, "location_reduced", json_boolean(!r->has_location));
	json_object_set_new(o, "distance_m", r->distance_m >= 0 ? json_integer((json_int_t)llround(r->distance_m)) : json_null());
	json_object_set_new(o, "allowed_m", r->distance_m >= 0 ? json_integer(r->allowed_m) : json_null());
	json_object_set_new(o, "plan_id", r->plan_id ? json_integer(r->plan_id) : json_null());
	json_array_append_new(ctx, o);
	return 0;
}

void api_checkins_list(struct api_call *call)
{
	int32_t today, from, to;
	int minute;
	tz_local(clock_unix(), TZ_WIB, &today, &minute);
	if (!query_date(call, "to", today, &to) || !query_date(call, "from", to - 30, &from))
		return;
	if (from > to || to - from >= CHECKINS_RANGE_MAX_DAYS)
		return api_error(call, 422, "invalid", "from", "from must not be after to, and the range at most 366 days.",
				 "from tidak boleh setelah to, dan rentang paling lama 366 hari.");
	struct employee_row *e = xcalloc(1, sizeof *e);
	if (!api_employee_target(call, http_query(call->req, "nip"), e, true))
		return free(e);
	char f[DATE_TEXT], t[DATE_TEXT];
	date_format(from, f);
	date_format(to, t);
	json_t *items = json_array();
	int rc = checkins_each(call->conn, e->id, f, t, CHECKINS_LIST_MAX, add_checkin, items);
	db_rollback(call->conn);
	if (rc) {
		free(e);
		json_decref(items);
		return api_error_from(call, rc, NULL);
	}
	api_reply(call, 200, json_pack("{s:s, s:s, s:s, s:o}", "nip", e->nip, "from", f, "to", t, "items", items));
	free(e);
}

/* ---- devices ---- */

static json_t *device_json(const struct device_row *d)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:s}", "id", (json_int_t)d->id, "nip", d->nip,
			 "device_id", d->device_id, "status", d->status, "origin", d->origin, "requested_at",
			 d->requested_at, "decided_at", *d->decided_at ? json_string(d->decided_at) : json_null(),
			 "decided_by", *d->decided_by ? json_string(d->decided_by) : json_null(), "note", d->note);
}

static const struct api_field device_fields[] = {{"device_id", T_STRING, true, false}, {NULL, 0, false, false}};

void api_device_request(struct api_call *call)
{
	json_t *o = api_read_object(call, device_fields);
	if (!o)
		return;
	char dev[PRESENCE_DEVICE_ID_MAX + 1];
	bool ok = device_id_ok(api_str(o, "device_id", ""));
	snprintf(dev, sizeof dev, "%s", api_str(o, "device_id", ""));
	json_decref(o);
	if (!ok)
		return api_error(call, 422, "invalid", "device_id", "device_id is 8 to 64 letters, digits or . _ : -.",
				 "device_id terdiri dari 8 sampai 64 huruf, angka atau . _ : -.");
	struct device_row d;
	const char *code = NULL;
	int rc = db_begin_write(call->conn);
	if (!rc)
		rc = device_request(call->conn, call->actor->employee_id, call->actor->nip, dev, call->actor->username, &d,
				    &code);
	if (!rc)
		rc = db_commit(call->conn);
	if (rc)
		db_rollback(call->conn);
	if (rc == ERR_CONFLICT && code)
		return api_error(call, 409, code, "device_id", "This device is already your registered device.",
				 "Perangkat ini sudah menjadi perangkat terdaftar Anda.");
	if (rc)
		return api_error_from(call, rc, NULL);
	api_reply(call, 201, device_json(&d));
}

static int add_device(void *ctx, const struct device_row *d)
{
	json_array_append_new(ctx, device_json(d));
	return 0;
}

void api_devices_list(struct api_call *call)
{
	struct employee_row *e = xcalloc(1, sizeof *e);
	if (!api_employee_target(call, http_query(call->req, "nip"), e, true))
		return free(e);
	json_t *items = json_array();
	int rc = devices_each(call->conn, e->id, add_device, items);
	db_rollback(call->conn);
	if (rc) {
		free(e);
		json_decref(items);
		return api_error_from(call, rc, NULL);
	}
	api_reply(call, 200, json_pack("{s:s, s:o}", "nip", e->nip, "items", items));
	free(e);
}

static const struct api_field decide_fields[] = {{"note", T_STRING, false, true}, {NULL, 0, false, false}};

static void decide(struct api_call *call, bool approve)
{
	char *end;
	long long id = strtoll(call->req->params[0], &end, 10);
	if (*end || id <= 0)
		return api_error(call, 404, "not_found", "id", "No such device request.", "Permintaan perangkat tidak ada.");
	json_t *o = call->req->body_len ? api_read_object(call, decide_fields) : json_object();
	if (!o)
		return;
	char note[256];
	snprintf(note, sizeof note, "%s", api_str(o, "note", ""));
	json_decref(o);
	struct device_row d;
	const char *code = NULL;
	int rc = db_begin_write(call->conn);
	if (!rc)
		rc = device_decide(call->conn, id, call->actor->employee_id, approve, note, call->actor->username, &d, &code);
	if (!rc)
		rc = db_commit(call->conn);
	if (rc)
		db_rollback(call->conn);
	if (rc == ERR_FORBIDDEN)
		return api_error(call, 403, "not_direct_supervisor", NULL,
				 "Only the employee's direct supervisor decides a device change.",
				 "Hanya atasan langsung pegawai yang memutuskan pergantian perangkat.");
	if (rc == ERR_CONFLICT && code)
		return api_error(call, 409, code, NULL, "This request was already decided.", "Permintaan ini sudah diputuskan.");
	if (rc)
		return api_error_from(call, rc, "id");
	api_reply(call, 200, device_json(&d));
}

void api_device_approve(struct api_call *call) { decide(call, true); }
void api_device_refuse(struct api_call *call) { decide(call, false); }
