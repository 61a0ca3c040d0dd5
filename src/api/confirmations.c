/* confirmations.c (api) - reachability confirmations and in-app notifications
 * (issue 5 item 3), and the worklog settings.
 *
 *   GET  /api/v1/confirmations?nip=            due confirmations of today (own: asks them)
 *   POST /api/v1/confirmations/{id}/answer     {"lat","lon","accuracy_m"}
 *   GET  /api/v1/notifications                 newest 50, unread count, pending confirmations
 *   POST /api/v1/notifications/{id}/read
 *   GET|PUT /api/v1/worklog/settings           (PUT: admin_bkd)
 *
 * The app polls GET /notifications (about every minute): that poll is what
 * asks a confirmation whose moment has come (store/confirmations.h). */
#include "api/worklog.h"
#include "core/clock.h"
#include "core/date.h"
#include "core/err.h"
#include "core/mem.h"
#include "domain/geo.h"
#include "store/confirmations.h"
#include "store/worklog.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NOTIFICATIONS_MAX 50

static json_t *iso_json(int64_t ms)
{
	if (ms <= 0)
		return json_null();
	time_t t = (time_t)(ms / 1000);
	struct tm tm;
	char out[48];
	gmtime_r(&t, &tm);
	snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
		 tm.tm_hour, tm.tm_min, tm.tm_sec);
	return json_string(out);
}

bool api_employee_target(struct api_call *call, const char *nip, struct employee_row *e, bool keep_open)
{
	if (!nip || !*nip)
		nip = call->actor->nip;
	if (!*nip)
		return api_error(call, 422, "missing_field", "nip", "Name the employee with nip=.",
				 "Sebutkan pegawai dengan nip=."), false;
	if (strlen(nip) != 18 || strspn(nip, "0123456789") != 18)
		return api_error(call, 422, "invalid", "nip", "A NIP has 18 digits.", "NIP terdiri dari 18 angka."), false;
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = employee_get(call->conn, nip, e);
	struct access_target at = {.unit_path = e->unit_path};
	at.is_self = !rc && call->actor->employee_id == e->id;
	if (!rc && (call->actor->roles & ROLE_ATASAN))
		rc = employee_is_below(call->conn, call->actor->employee_id, e->id, &at.is_subordinate);
	bool allowed = !rc && roles_allows(call->actor, ACCESS_EMPLOYEE_READ, &at);
	if (!allowed || !keep_open)
		db_rollback(call->conn);
	if (rc)
		return api_error_from(call, rc, "nip"), false;
	if (!allowed)
		return api_error_from(call, ERR_FORBIDDEN, "nip"), false;
	return true;
}

static json_t *confirmation_json(const struct confirmation_row *r)
{
	char hm[12];
	date_format_hhmm(r->due_min % 1440, hm);
	json_t *o = json_pack("{s:o, s:s, s:i, s:s, s:o, s:o, s:s, s:o, s:i, s:s}", "id",
			      r->id ? json_integer(r->id) : json_null(), "date", r->date, "seq", r->seq, "due", hm, "due_at",
			      iso_json(r->due_ms), "expires_at", iso_json(r->expires_ms), "status", r->status, "answered_at",
			      iso_json(r->answered_ms), "late_min", r->late_min, "time_zone", r->time_zone);
	json_object_set_new(o, "accuracy_m", r->has_location ? json_real(r->accuracy_m) : json_null());
	json_object_set_new(o, "distance_m",
			    r->has_location && r->distance_m >= 0 ? json_integer((json_int_t)llround(r->distance_m)) : json_null());
	json_object_set_new(o, "plan", json_pack("{s:o, s:s}", "id", r->plan_id ? json_integer(r->plan_id) : json_null(),
						 "mode", r->plan_mode ? r->plan_mode : ""));
	return o;
}

static int add_confirmation(void *ctx, const struct confirmation_row *r)
{
	json_array_append_new(ctx, confirmation_json(r));
	return 0;
}

static int add_pending(void *ctx, const struct confirmation_row *r)
{
	if (r->id && !strcmp(r->status, "pending"))
		json_array_append_new(ctx, confirmation_json(r));
	return 0;
}

void api_confirmations_list(struct api_call *call)
{
	struct employee_row *e = xcalloc(1, sizeof *e);
	if (!api_employee_target(call, http_query(call->req, "nip"), e, false))
		return free(e);
	bool own = e->id == call->actor->employee_id;
	json_t *items = json_array();
	struct worklog_settings ws;
	int rc = worklog_settings_get(call->conn, &ws);
	if (!rc)
		rc = confirmations_due(call->conn, e->id, confirmations_now_ms(), own, add_confirmation, items);
	if (rc == ERR_NOT_FOUND)
		rc = 0;   /* not active: nothing is asked */
	if (rc) {
		free(e);
		json_decref(items);
		return api_error_from(call, rc, NULL);
	}
	api_reply(call, 200, json_pack("{s:s, s:i, s:i, s:o}", "nip", e->nip, "confirmations_per_day",
				       ws.confirmations_per_day, "answer_window_min", ws.answer_window_min, "items", items));
	free(e);
}

static const struct api_field answer_fields[] = {
	{"lat", T_NUMBER, true, false}, {"lon", T_NUMBER, true, false}, {"accuracy_m", T_NUMBER, true, false},
	{NULL, 0, false, false}};

static int reply_answer(void *ctx, const struct confirmation_row *r)
{
	struct api_call *call = ctx;
	api_reply(call, 200, confirmation_json(r));
	return 0;
}

void api_confirmation_answer(struct api_call *call)
{
	char *end;
	long long id = strtoll(call->req->params[0], &end, 10);
	if (*end || id <= 0)
		return api_error(call, 404, "not_found", "id", "No such confirmation.", "Konfirmasi tidak ditemukan.");
	json_t *o = api_read_object(call, answer_fields);
	if (!o)
		return;
	double lat = api_num(o, "lat", 0), lon = api_num(o, "lon", 0), acc = api_num(o, "accuracy_m", -1);
	json_decref(o);
	if (!geo_in_indonesia(lat, lon))
		return api_error(call, 422, "invalid", !(lat >= GEO_ID_LAT_MIN && lat <= GEO_ID_LAT_MAX) ? "lat" : "lon",
				 "The location must be a point in Indonesia (decimal degrees).",
				 "Lokasi harus berupa titik di Indonesia (derajat desimal).");
	if (!(acc >= 0 && acc <= 100000))
		return api_error(call, 422, "invalid", "accuracy_m", "accuracy_m is a number of metres between 0 and 100000.",
				 "accuracy_m adalah jumlah meter antara 0 dan 100000.");
	int rc = confirmation_answer(call->conn, call->actor->employee_id, id, lat, lon, acc, confirmations_now_ms(),
				     call->actor->username, reply_answer, call);
	if (rc == ERR_NOT_FOUND)
		return api_error(call, 404, "not_found", "id", "No such confirmation of yours.",
				 "Konfirmasi Anda tidak ditemukan.");
	if (rc == ERR_CONFLICT)
		return api_error(call, 409, "already_answered", "id", "This confirmation is answered already.",
				 "Konfirmasi ini sudah dijawab.");
	if (rc)
		return api_error_from(call, rc, NULL);
}

static int add_notification(void *ctx, const struct notification_row *n)
{
	json_array_append_new(ctx, json_pack("{s:I, s:s, s:I, s:s, s:s, s:s, s:b}", "id", (json_int_t)n->id, "kind",
					     n->kind, "ref_id", (json_int_t)n->ref_id, "message_id", n->message_id,
					     "message_en", n->message_en, "created_at", n->created_at, "read", *n->read_at != 0));
	return 0;
}

void api_notifications_list(struct api_call *call)
{
	json_t *items = json_array(), *pending = json_array();
	long unread = 0;
	int rc = 0;
	if (call->actor->employee_id) {
		/* The poll asks the confirmations whose moment has come. */
		rc = confirmations_due(call->conn, call->actor->employee_id, confirmations_now_ms(), true, add_pending, pending);
		if (rc == ERR_NOT_FOUND)
			rc = 0;
		if (!rc && !(rc = db_begin_read(call->conn))) {
			rc = notifications_each(call->conn, call->actor->employee_id, NOTIFICATIONS_MAX, &unread,
						add_notification, items);
			db_rollback(call->conn);
		}
	}
	if (rc) {
		json_decref(items);
		json_decref(pending);
		return api_error_from(call, rc, NULL);
	}
	api_reply(call, 200, json_pack("{s:I, s:o, s:o}", "unread", (json_int_t)unread, "items", items,
				       "confirmations", pending));
	http_res_header(call->res, "Cache-Control", "no-store");
}

void api_notification_read(struct api_call *call)
{
	char *end;
	long long id = strtoll(call->req->params[0], &end, 10);
	if (*end || id <= 0 || !call->actor->employee_id)
		return api_error(call, 404, "not_found", "id", "No such notification.", "Notifikasi tidak ditemukan.");
	int rc = db_begin_write(call->conn);
	if (!rc)
		rc = notification_read(call->conn, call->actor->employee_id, id);
	if (!rc)
		rc = db_commit(call->conn);
	else
		db_rollback(call->conn);
	if (rc == ERR_NOT_FOUND)
		return api_error(call, 404, "not_found", "id", "No such notification.", "Notifikasi tidak ditemukan.");
	if (rc)
		return api_error_from(call, rc, NULL);
	api_reply(call, 200, json_pack("{s:I, s:b}", "id", (json_int_t)id, "read", 1));
}

/* ---- settings ---- */

static json_t *settings_json(const struct worklog_settings *ws)
{
	return json_pack("{s:i, s:i, s:s, s:i, s:i, s:s, s:s}", "confirmations_per_day", ws->confirmations_per_day,
			 "answer_window_min", ws->answer_window_min, "report_days",
			 ws->report_every_working_day ? "working" : "remote", "report_deadline_min", ws->report_deadline_min,
			 "review_working_days", ws->review_working_days, "updated_by", ws->updated_by, "updated_at",
			 ws->updated_at);
}

void api_worklog_settings_get(struct api_call *call)
{
	struct worklog_settings ws;
	int rc = worklog_settings_get(call->conn, &ws);
	if (rc)
		return api_error_from(call, rc, NULL);
	api_reply(call, 200, settings_json(&ws));
}

static const struct api_field settings_fields[] = {
	{"confirmations_per_day", T_INTEGER, false, false}, {"answer_window_min", T_INTEGER, false, false},
	{"report_days", T_STRING, false, false}, {"report_deadline_min", T_INTEGER, false, false},
	{"review_working_days", T_INTEGER, false, false}, {NULL, 0, false, false}};

void api_worklog_settings_put(struct api_call *call)
{
	json_t *o = api_read_object(call, settings_fields);
	if (!o)
		return;
	struct worklog_settings ws;
	int rc = db_begin_write(call->conn);
	if (!rc)
		rc = worklog_settings_get(call->conn, &ws);
	if (rc) {
		db_rollback(call->conn);
		json_decref(o);
		return api_error_from(call, rc, NULL);
	}
	ws.confirmations_per_day = (int)api_num(o, "confirmations_per_day", ws.confirmations_per_day);
	ws.answer_window_min = (int)api_num(o, "answer_window_min", ws.answer_window_min);
	const char *days = api_str(o, "report_days", ws.report_every_working_day ? "working" : "remote");
	ws.report_deadline_min = (int)api_num(o, "report_deadline_min", ws.report_deadline_min);
	ws.review_working_days = (int)api_num(o, "review_working_days", ws.review_working_days);
	const char *field = NULL, *en = NULL, *id = NULL;
	if (ws.confirmations_per_day < 0 || ws.confirmations_per_day > WORKLOG_CONFIRMATIONS_MAX)
		field = "confirmations_per_day", en = "confirmations_per_day is 0 to 8.", id = "confirmations_per_day 0 sampai 8.";
	else if (ws.answer_window_min < 1 || ws.answer_window_min > 240)
		field = "answer_window_min", en = "answer_window_min is 1 to 240 minutes.",
		id = "answer_window_min 1 sampai 240 menit.";
	else if (strcmp(days, "remote") && strcmp(days, "working"))
		field = "report_days", en = "report_days is \"remote\" or \"working\".",
		id = "report_days adalah \"remote\" atau \"working\".";
	else if (ws.report_deadline_min < 0 || ws.report_deadline_min > 2879)
		field = "report_deadline_min", en = "report_deadline_min is 0 to 2879 (minutes after the date's midnight).",
		id = "report_deadline_min 0 sampai 2879 (menit sejak tengah malam tanggal itu).";
	else if (ws.review_working_days < 1 || ws.review_working_days > 30)
		field = "review_working_days", en = "review_working_days is 1 to 30.", id = "review_working_days 1 sampai 30.";
	ws.report_every_working_day = !strcmp(days, "working");
	json_decref(o);
	if (field) {
		db_rollback(call->conn);
		return api_error(call, 422, "invalid", field, en, id);
	}
	rc = worklog_settings_put(call->conn, &ws, call->actor->username);
	if (!rc)
		rc = db_commit(call->conn);
	else
		db_rollback(call->conn);
	if (rc)
		return api_error_from(call, rc, NULL);
	if ((rc = worklog_settings_get(call->conn, &ws)))
		return api_error_from(call, rc, NULL);
	api_reply(call, 200, settings_json(&ws));
}
