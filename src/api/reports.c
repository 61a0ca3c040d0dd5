/* reports.c (api) - citizens' reports in the JSON API: the handlers' queue
 * and actions, moderation, settings, app keys, and the public pages' data
 * (form, tracking, transparency figures with CSV/JSON downloads and a field
 * dictionary).
 *
 * Who may act on a report is decided by reports_actor_handles() (admin_bkd,
 * kepala_opd of the report's body, its handling officer); inspektorat reads
 * everything. Public endpoints return nothing about reporters or officials. */
#include "api/open311.h"
#include "core/date.h"
#include "core/err.h"
#include "core/mem.h"
#include "store/audit.h"
#include "store/reports.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define REPORT_NOTE_MAX 2000
#define REPORT_QUEUE_MAX 200

static json_t *wib_or_null(int64_t t)
{
	char s[32];
	if (!t)
		return json_null();
	open311_format_wib(t, s);
	return json_string(s);
}

/* ---- handlers' queue ---- */

struct queue_ctx {
	json_t *items;
	int64_t now;
};

static json_t *queue_item(const struct report_row *r, int64_t now)
{
	const struct open311_service *s = open311_service_find(r->service_code);
	const char *kind = NULL;
	bool overdue = open311_overdue(r->status, r->verify_due, r->answer_due, now, &kind);
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:b, s:s, s:b, s:s}", "id",
			      (json_int_t)r->id, "service_code", r->service_code, "service_name", s ? s->name : "",
			      "status", report_status_name(r->status), "unit", r->unit_code, "unit_name", r->unit_name,
			      "routed_by", r->routed_by, "requested_at", wib_or_null(r->requested_at), "verify_due",
			      wib_or_null(r->verify_due), "answer_due", wib_or_null(r->answer_due), "overdue", overdue,
			      "overdue_kind", overdue ? kind : "", "escalated", r->escalated, "moderation",
			      r->moderation);
	json_object_set_new(o, "handler", json_string(r->handler_username));
	json_object_set_new(o, "description", json_string(r->description));
	return o;
}

static int queue_cb(void *ctx, const struct report_row *r)
{
	struct queue_ctx *q = ctx;
	json_array_append_new(q->items, queue_item(r, q->now));
	return 0;
}

/* Record escalations for reports past a deadline. Idempotent (one row per
 * report and deadline), so every queue read may run it; the upkeep can too. */
static int escalate(struct api_call *call, int64_t now)
{
	int n = 0;
	int rc = db_begin_write(call->conn);
	if (!rc)
		rc = reports_escalate_overdue(call->conn, now, &n);
	if (!rc)
		return db_commit(call->conn);
	db_rollback(call->conn);
	return rc;
}

void api_reports_queue(struct api_call *call)
{
	int64_t now = time(NULL);
	bool bad = false;
	long limit = api_query_long(call, "limit", 100, 1, REPORT_QUEUE_MAX, &bad);
	long offset = api_query_long(call, "offset", 0, 0, 1000000, &bad);
	if (bad)
		return api_error(call, 422, "invalid", "limit", "limit or offset is out of range.",
				 "limit atau offset di luar rentang.");
	const char *status = http_query(call->req, "status");
	if (status && *status && report_status_parse(status) < 0)
		return api_error(call, 422, "invalid", "status", "Unknown status.", "Status tidak dikenal.");
	int rc = escalate(call, now);
	if (rc)
		return api_error_from(call, rc, NULL);
	const char *unit = http_query(call->req, "unit");
	char path[ROLES_PATH_MAX] = "";
	struct report_queue_filter f = {.actor = call->actor, .status = status && *status ? status : NULL,
					.now = now, .limit = (int)limit, .offset = (int)offset};
	const char *ov = http_query(call->req, "overdue"), *mod = http_query(call->req, "moderation");
	f.overdue_only = ov && !strcmp(ov, "1");
	f.moderation_pending = mod && !strcmp(mod, "pending");
	struct queue_ctx q = {json_array(), now};
	rc = db_begin_read(call->conn);
	if (!rc && unit && *unit) {
		struct unit_row u;
		rc = unit_get(call->conn, unit, &u);
		if (!rc)
			snprintf(path, sizeof path, "%s", u.path);
	}
	f.unit_path = path;
	if (!rc)
		rc = reports_queue_each(call->conn, &f, queue_cb, &q);
	db_rollback(call->conn);
	if (rc) {
		json_decref(q.items);
		return api_error_from(call, rc, rc == ERR_NOT_FOUND ? "unit" : NULL);
	}
	api_reply(call, 200, json_pack("{s:o}", "items", q.items));
}

/* ---- one report ---- */

static int event_cb(void *ctx, const struct report_event_row *e)
{
	json_array_append_new(ctx, json_pack("{s:s, s:s, s:s, s:s, s:b, s:s, s:o}", "action", e->action, "from",
					     e->from_status, "to", e->to_status, "note", e->note, "public",
					     e->public_note, "actor", e->actor, "at", wib_or_null(e->at)));
	return 0;
}

static int staff_cb(void *ctx, const struct report_staff_row *s)
{
	char in[6] = "", out[6] = "";
	if (s->in_minute >= 0)
		date_format_hhmm(s->in_minute, in);
	if (s->out_minute >= 0)
		date_format_hhmm(s->out_minute, out);
	json_array_append_new(ctx, json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:o}", "nip", s->nip, "name", s->name,
					     "unit", s->unit_code, "plan_mode", s->plan_mode, "plan_status",
					     s->plan_status, "checked_in", *in ? json_string(in) : json_null(),
					     "checkin_verdict", s->in_verdict, "checked_out",
					     *out ? json_string(out) : json_null()));
	return 0;
}

static int violation_cb(void *ctx, const struct report_violation_row *v)
{
	json_array_append_new(ctx, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)v->id, "nip",
					     v->nip, "name", v->name, "date", v->date, "kind", v->finding, "note",
					     v->note, "created_by", v->created_by, "created_at", v->created_at));
	return 0;
}

/* Load the report named in the path and check that the actor may see it
 * (handlers, inspektorat) or act on it (handlers). Replies on failure. */
static bool load_for(struct api_call *call, struct report_row *r, bool act)
{
	char *end;
	long long id = strtoll(call->req->params[0], &end, 10);
	if (*end || id <= 0) {
		api_error_from(call, ERR_NOT_FOUND, "id");
		return false;
	}
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = reports_get(call->conn, id, r);
	db_rollback(call->conn);
	if (rc) {
		api_error_from(call, rc, "id");
		return false;
	}
	bool reader = call->actor->roles & ROLE_INSPEKTORAT;
	if (!reports_actor_handles(call->actor, r) && (act || !reader)) {
		report_row_free(r);
		api_error_from(call, ERR_FORBIDDEN, NULL);
		return false;
	}
	return true;
}

static json_t *next_statuses(enum report_status from)
{
	json_t *a = json_array();
	for (int s = 0; s < REPORT_STATUS_N; s++)
		if (report_transition_allowed(from, (enum report_status)s))
			json_array_append_new(a, json_string(report_status_name((enum report_status)s)));
	return a;
}

/* The date the report is about: seen_at when given, else the day it came in. */
static void report_date(const struct report_row *r, char out[DATE_TEXT])
{
	int64_t t = r->requested_at;
	int32_t day;
	int minute;
	if (r->seen_at[0])
		open311_parse_datetime(r->seen_at, &t);
	tz_local(t, TZ_WIB, &day, &minute);
	date_format(day, out);
}

void api_report_get(struct api_call *call)
{
	struct report_row r;
	if (!load_for(call, &r, false))
		return;
	json_t *o = queue_item(&r, time(NULL));
	json_t *events = json_array(), *staff = json_array();
	char date[DATE_TEXT];
	report_date(&r, date);
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = reports_events_each(call->conn, r.id, false, event_cb, events);
	if (!rc)
		rc = reports_unit_staff_on(call->conn, r.unit_id, date, staff_cb, staff);
	json_t *violations = json_array();
	if (!rc)
		rc = reports_violations_each(call->conn, r.id, violation_cb, violations);
	db_rollback(call->conn);
	json_object_set_new(o, "public_description", json_string(report_public_description(&r)));
	json_object_set_new(o, "status_notes", json_string(r.status_notes));
	json_object_set_new(o, "attributes", json_loads(r.attributes, 0, NULL));
	json_object_set_new(o, "address", json_string(r.address));
	json_object_set_new(o, "lat", r.has_location ? json_real(r.lat) : json_null());
	json_object_set_new(o, "long", r.has_location ? json_real(r.lon) : json_null());
	json_object_set_new(o, "media_url", json_string(r.media_url));
	json_object_set_new(o, "contact", json_pack("{s:s, s:s, s:s}", "email", r.contact_email, "phone",
						    r.contact_phone, "name", r.contact_name));
	json_object_set_new(o, "verified_at", wib_or_null(r.verified_at));
	json_object_set_new(o, "answered_at", wib_or_null(r.answered_at));
	json_object_set_new(o, "events", events);
	json_object_set_new(o, "next_statuses", next_statuses(r.status));
	json_object_set_new(o, "can_act", json_boolean(reports_actor_handles(call->actor, &r)));
	/* What fleksi's own records say about the unit on that date: staff,
	 * their plans and their check-ins (handlers only). */
	json_object_set_new(o, "cross_check", json_pack("{s:s, s:o}", "date", date, "staff", staff));
	/* Violations recorded from this report, and whether one may be added. */
	json_object_set_new(o, "violations", violations);
	json_object_set_new(o, "can_record_violation",
			    json_boolean(reports_actor_handles(call->actor, &r) && report_status_substantiated(r.status)));
	report_row_free(&r);
	if (rc) {
		json_decref(o);
		return api_error_from(call, rc, NULL);
	}
	api_reply(call, 200, o);
}

static const struct api_field STATUS_FIELDS[] = {
	{"status", T_STRING, true, false}, {"note", T_STRING, false, true}, {"public", T_BOOL, false, false}, {0}};

static int finish_write(struct api_call *call, int rc)
{
	if (!rc)
		return db_commit(call->conn);
	db_rollback(call->conn);
	return rc;
}

static void reply_after_change(struct api_call *call, int rc, int64_t id)
{
	if (rc == ERR_CONFLICT)
		return api_error(call, 409, "invalid_state", "status",
				 "The report's status does not allow this change.",
				 "Status laporan tidak memungkinkan perubahan ini.");
	if (rc)
		return api_error_from(call, rc, NULL);
	struct report_row r;
	rc = db_begin_read(call->conn);
	if (!rc)
		rc = reports_get(call->conn, id, &r);
	db_rollback(call->conn);
	if (rc)
		return api_error_from(call, rc, NULL);
	json_t *o = queue_item(&r, time(NULL));
	json_object_set_new(o, "status_notes", json_string(r.status_notes));
	json_object_set_new(o, "public_description", json_string(report_public_description(&r)));
	report_row_free(&r);
	api_reply(call, 200, o);
}

static bool note_ok(struct api_call *call, const char *note)
{
	if (note && strlen(note) > REPORT_NOTE_MAX) {
		api_error(call, 422, "too_long", "note", "The note is longer than 2000 bytes.",
			  "Catatan lebih dari 2000 byte.");
		return false;
	}
	return true;
}

void api_report_status(struct api_call *call)
{
	struct report_row r;
	if (!load_for(call, &r, true))
		return;
	int64_t id = r.id;
	report_row_free(&r);
	json_t *body = api_read_object(call, STATUS_FIELDS);
	if (!body)
		return;
	int to = report_status_parse(api_str(body, "status", ""));
	const char *note = api_str(body, "note", "");
	bool pub = json_is_true(json_object_get(body, "public"));
	if (to < 0 || to == REPORT_FORWARDED) {
		json_decref(body);
		return api_error(call, 422, "invalid", "status",
				 "Unknown status (use the forward action to forward a report).",
				 "Status tidak dikenal (gunakan tindakan teruskan untuk meneruskan laporan).");
	}
	if ((to == REPORT_ANSWERED || to == REPORT_NOT_OUR_AUTHORITY) && strlen(note) < 5) {
		json_decref(body);
		return api_error(call, 422, "missing_field", "note",
				 "An answer needs a note of at least 5 characters for the citizen.",
				 "Jawaban memerlukan catatan minimal 5 karakter untuk pelapor.");
	}
	if (!note_ok(call, note)) {
		json_decref(body);
		return;
	}
	/* An answer is always public: it is what the citizen is owed. */
	if (to == REPORT_ANSWERED || to == REPORT_NOT_OUR_AUTHORITY)
		pub = true;
	int rc = db_begin_write(call->conn);
	if (!rc)
		rc = reports_set_status(call->conn, id, (enum report_status)to, note, pub, call->actor->username,
					time(NULL));
	rc = finish_write(call, rc);
	json_decref(body);
	reply_after_change(call, rc, id);
}

static const struct api_field FORWARD_FIELDS[] = {
	{"unit", T_STRING, true, false}, {"note", T_STRING, false, true}, {0}};

void api_report_forward(struct api_call *call)
{
	struct report_row r;
	if (!load_for(call, &r, true))
		return;
	int64_t id = r.id;
	report_row_free(&r);
	json_t *body = api_read_object(call, FORWARD_FIELDS);
	if (!body)
		return;
	const char *note = api_str(body, "note", "");
	if (!note_ok(call, note)) {
		json_decref(body);
		return;
	}
	int rc = db_begin_write(call->conn);
	if (!rc)
		rc = reports_forward(call->conn, id, api_str(body, "unit", ""), note, call->actor->username, time(NULL));
	rc = finish_write(call, rc);
	json_decref(body);
	if (rc == ERR_NOT_FOUND)
		return api_error(call, 422, "invalid", "unit", "Unknown unit.", "Unit tidak dikenal.");
	reply_after_change(call, rc, id);
}

static const struct api_field MODERATE_FIELDS[] = {
	{"decision", T_STRING, true, false}, {"public_description", T_STRING, false, true}, {0}};

void api_report_moderate(struct api_call *call)
{
	struct report_row r;
	if (!load_for(call, &r, true))
		return;
	int64_t id = r.id;
	report_row_free(&r);
	json_t *body = api_read_object(call, MODERATE_FIELDS);
	if (!body)
		return;
	const char *decision = api_str(body, "decision", ""), *text = api_str(body, "public_description", "");
	bool approve = !strcmp(decision, "approve");
	int rc = 0;
	if (!approve && strcmp(decision, "reject"))
		rc = ERR_INVALID;
	else if (strlen(text) > OPEN311_DESCRIPTION_MAX * 4)
		rc = ERR_TOO_BIG;
	else if (approve && *text && open311_names_people(text))
		rc = 1; /* the redacted text still names someone */
	if (rc) {
		json_decref(body);
		if (rc == 1)
			return api_error(call, 422, "names_people", "public_description",
					 "The public text still seems to name or identify a person.",
					 "Teks publik masih tampak menyebut atau mengenali seseorang.");
		return api_error_from(call, rc, rc == ERR_INVALID ? "decision" : "public_description");
	}
	rc = db_begin_write(call->conn);
	if (!rc)
		rc = reports_moderate(call->conn, id, approve, text, call->actor->username, time(NULL));
	rc = finish_write(call, rc);
	json_decref(body);
	reply_after_change(call, rc, id);
}

/* ---- settings ---- */

static json_t *settings_json(const struct report_settings *s)
{
	return json_pack("{s:i, s:i, s:i, s:i, s:i}", "verify_days", s->rules.verify_days, "answer_days",
			 s->rules.answer_days, "kelurahan_hours", s->rules.kelurahan_hours, "rate_per_hour",
			 s->rate_per_hour, "min_group", s->rules.min_group);
}

void api_reports_settings_get(struct api_call *call)
{
	struct report_settings s;
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = reports_settings_get(call->conn, &s);
	db_rollback(call->conn);
	if (rc)
		return api_error_from(call, rc, NULL);
	api_reply(call, 200, settings_json(&s));
}

static const struct api_field SETTINGS_FIELDS[] = {
	{"verify_days", T_INTEGER, false, false}, {"answer_days", T_INTEGER, false, false},
	{"kelurahan_hours", T_INTEGER, false, false}, {"rate_per_hour", T_INTEGER, false, false},
	{"min_group", T_INTEGER, false, false}, {0}};

void api_reports_settings_put(struct api_call *call)
{
	json_t *body = api_read_object(call, SETTINGS_FIELDS);
	if (!body)
		return;
	struct report_settings s;
	const char *field = NULL;
	int rc = db_begin_write(call->conn);
	if (!rc)
		rc = reports_settings_get(call->conn, &s);
	if (!rc) {
		s.rules.verify_days = (int)api_num(body, "verify_days", s.rules.verify_days);
		s.rules.answer_days = (int)api_num(body, "answer_days", s.rules.answer_days);
		s.rules.kelurahan_hours = (int)api_num(body, "kelurahan_hours", s.rules.kelurahan_hours);
		s.rate_per_hour = (int)api_num(body, "rate_per_hour", s.rate_per_hour);
		s.rules.min_group = (int)api_num(body, "min_group", s.rules.min_group);
		rc = reports_settings_put(call->conn, &s, call->actor->username, &field);
	}
	rc = finish_write(call, rc);
	json_decref(body);
	if (rc)
		return api_error_from(call, rc, field);
	api_reply(call, 200, settings_json(&s));
}

/* ---- report -> violation ---- */

static const struct api_field VIOLATION_FIELDS[] = {{"nip", T_STRING, true, false},
						    {"date", T_STRING, true, false},
						    {"kind", T_STRING, false, false},
						    {"note", T_STRING, true, false},
						    {0}};

/* Check the body's values; false after replying 422. */
static bool violation_input_ok(struct api_call *call, const struct report_violation_input *in)
{
	if (!report_finding_ok(in->finding)) {
		api_error(call, 422, "invalid", "kind", "kind must be absent, late, early_leave, conduct or other.",
			  "kind harus absent, late, early_leave, conduct atau other.");
		return false;
	}
	if (strlen(in->note) < 5 || strlen(in->note) > REPORT_NOTE_MAX) {
		api_error(call, 422, "invalid", "note", "The note needs 5 to 2000 bytes: what the handler found.",
			  "Catatan perlu 5 sampai 2000 byte: apa yang ditemukan penangan.");
		return false;
	}
	if (strlen(in->nip) > 32) {
		api_error(call, 422, "invalid", "nip", "Unknown NIP.", "NIP tidak dikenal.");
		return false;
	}
	return true;
}

static void violation_error(struct api_call *call, int rc, const char *field)
{
	if (rc == ERR_CONFLICT && field && !strcmp(field, "status"))
		return api_error(call, 409, "invalid_state", "status",
				 "Only a substantiated report (verified, in progress, postponed or answered) can become "
				 "a violation.",
				 "Hanya laporan yang terbukti (terverifikasi, diproses, ditunda atau dijawab) yang dapat "
				 "menjadi pelanggaran.");
	if (rc == ERR_CONFLICT)
		return api_error(call, 409, "conflict", "nip", "This report is already a violation of this employee.",
				 "Laporan ini sudah menjadi pelanggaran pegawai ini.");
	if (rc == ERR_INVALID && field && !strcmp(field, "date"))
		return api_error(call, 422, "invalid", "date",
				 "date must be YYYY-MM-DD, not after the report came in and at most 31 days before.",
				 "date harus YYYY-MM-DD, tidak setelah laporan masuk dan paling lama 31 hari sebelumnya.");
	if (rc == ERR_INVALID)
		return api_error(call, 422, "invalid", "nip",
				 "No active employee with this NIP in the report's unit or below.",
				 "Tidak ada pegawai aktif dengan NIP ini di unit laporan atau di bawahnya.");
	api_error_from(call, rc, field);
}

void api_report_violation(struct api_call *call)
{
	struct report_row r;
	if (!load_for(call, &r, true))
		return;
	int64_t report_id = r.id;
	report_row_free(&r);
	json_t *body = api_read_object(call, VIOLATION_FIELDS);
	if (!body)
		return;
	struct report_violation_input in = {report_id, api_str(body, "nip", ""), api_str(body, "date", ""),
					    api_str(body, "kind", "other"), api_str(body, "note", "")};
	if (!violation_input_ok(call, &in)) {
		json_decref(body);
		return;
	}
	int64_t id = 0;
	const char *field = NULL;
	int rc = db_begin_write(call->conn);
	if (!rc)
		rc = reports_violation_add(call->conn, &in, call->actor->username, time(NULL), &id, &field);
	rc = finish_write(call, rc);
	if (rc) {
		json_decref(body);
		return violation_error(call, rc, field);
	}
	json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)id, "report_id",
			      (json_int_t)report_id, "nip", in.nip, "date", in.date, "kind", in.finding, "violation_kind",
			      "citizen_report", "note", in.note);
	json_decref(body);
	api_reply(call, 201, o);
}

/* ---- app keys ---- */

static int key_cb(void *ctx, const struct open311_key_row *k)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)k->id, "name", k->name, "created_by",
			      k->created_by, "created_at", k->created_at);
	json_object_set_new(o, "revoked_at", k->revoked_at[0] ? json_string(k->revoked_at) : json_null());
	json_array_append_new(ctx, o);
	return 0;
}

void api_open311_keys_list(struct api_call *call)
{
	json_t *a = json_array();
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = open311_keys_each(call->conn, key_cb, a);
	db_rollback(call->conn);
	if (rc) {
		json_decref(a);
		return api_error_from(call, rc, NULL);
	}
	api_reply(call, 200, json_pack("{s:o}", "items", a));
}

static const struct api_field KEY_FIELDS[] = {{"name", T_STRING, true, false}, {0}};

void api_open311_key_create(struct api_call *call)
{
	json_t *body = api_read_object(call, KEY_FIELDS);
	if (!body)
		return;
	char key[OPEN311_KEY_CHARS + 1];
	int64_t id = 0;
	const char *name = api_str(body, "name", "");
	int rc = db_begin_write(call->conn);
	if (!rc)
		rc = open311_key_add(call->conn, name, call->actor->username, key, &id);
	rc = finish_write(call, rc);
	if (rc) {
		json_decref(body);
		return api_error_from(call, rc, "name");
	}
	json_t *o = json_pack("{s:I, s:s, s:s}", "id", (json_int_t)id, "name", name, "api_key", key);
	json_decref(body);
	api_reply(call, 201, o);
}

void api_open311_key_revoke(struct api_call *call)
{
	char *end;
	long long id = strtoll(call->req->params[0], &end, 10);
	if (*end || id <= 0)
		return api_error_from(call, ERR_NOT_FOUND, "id");
	int rc = db_begin_write(call->conn);
	if (!rc)
		rc = open311_key_revoke(call->conn, id, call->actor->username);
	rc = finish_write(call, rc);
	if (rc)
		return api_error_from(call, rc, "id");
	api_reply(call, 200, json_pack("{s:I, s:b}", "id", (json_int_t)id, "revoked", 1));
}

/* ---- public: the form, units, tracking ---- */

void api_public_form(struct api_call *call)
{
	char key[41];
	int rc = api_open311_web_key(call, key);
	if (rc)
		return api_error_from(call, rc, NULL);
	int n;
	const struct open311_service *s = open311_services(&n);
	json_t *svc = json_array();
	for (int i = 0; i < n; i++) {
		json_t *attrs = json_array();
		for (int k = 0; k < s[i].nattributes; k++) {
			const struct open311_attribute *a = &s[i].attributes[k];
			json_t *values = json_array();
			for (const struct open311_value *v = a->values; v && v->key; v++)
				json_array_append_new(values, json_pack("{s:s, s:s}", "key", v->key, "name", v->name));
			json_array_append_new(attrs, json_pack("{s:s, s:s, s:b, s:s, s:o}", "code", a->code, "datatype",
							       open311_datatype_name(a->datatype), "required",
							       a->required, "description", a->description, "values",
							       values));
		}
		json_array_append_new(svc, json_pack("{s:s, s:s, s:s, s:o}", "service_code", s[i].code, "service_name",
						     s[i].name, "description", s[i].description, "attributes", attrs));
	}
	api_reply(call, 200, json_pack("{s:s, s:s, s:o, s:i}", "api_key", key, "jurisdiction_id",
				       OPEN311_JURISDICTION, "services", svc, "description_max",
				       OPEN311_DESCRIPTION_MAX));
}

static int unit_cb(void *ctx, const struct report_unit_row *u)
{
	json_t *o = json_pack("{s:s, s:s, s:s}", "code", u->code, "name", u->name, "kind", u->kind);
	json_object_set_new(o, "lat", u->has_location ? json_real(u->lat) : json_null());
	json_object_set_new(o, "lon", u->has_location ? json_real(u->lon) : json_null());
	json_array_append_new(ctx, o);
	return 0;
}

void api_public_units(struct api_call *call)
{
	const char *q = http_query(call->req, "q");
	if (q && strlen(q) > 100)
		return api_error_from(call, ERR_TOO_BIG, "q");
	json_t *a = json_array();
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = reports_units_each(call->conn, q, 50, unit_cb, a);
	db_rollback(call->conn);
	if (rc) {
		json_decref(a);
		return api_error_from(call, rc, NULL);
	}
	api_reply(call, 200, json_pack("{s:o}", "items", a));
}

static int public_event_cb(void *ctx, const struct report_event_row *e)
{
	json_array_append_new(ctx, json_pack("{s:s, s:s, s:o}", "status", e->to_status, "note", e->note, "at",
					     wib_or_null(e->at)));
	return 0;
}

void api_public_track(struct api_call *call)
{
	char *end;
	long long id = strtoll(call->req->params[0], &end, 10);
	if (*end || id <= 0)
		return api_error_from(call, ERR_NOT_FOUND, "id");
	struct report_row r;
	json_t *events = json_array();
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = reports_get(call->conn, id, &r);
	if (!rc) {
		rc = reports_events_each(call->conn, id, true, public_event_cb, events);
		if (rc)
			report_row_free(&r);
	}
	db_rollback(call->conn);
	if (rc) {
		json_decref(events);
		return api_error_from(call, rc, "id");
	}
	const struct open311_service *s = open311_service_find(r.service_code);
	const char *kind = NULL;
	int64_t now = time(NULL);
	bool overdue = open311_overdue(r.status, r.verify_due, r.answer_due, now, &kind);
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:b, s:b, s:o}", "id",
			      (json_int_t)r.id, "service_code", r.service_code, "service_name", s ? s->name : "",
			      "status", report_status_name(r.status), "open311_status",
			      report_status_is_closed(r.status) ? "closed" : "open", "agency_responsible", r.unit_name,
			      "status_notes", r.status_notes, "requested_at", wib_or_null(r.requested_at), "verify_due",
			      wib_or_null(r.verify_due), "answer_due", wib_or_null(r.answer_due), "answered_at",
			      wib_or_null(r.answered_at), "overdue", overdue, "in_moderation",
			      !strcmp(r.moderation, "pending"), "history", events);
	json_object_set_new(o, "description", json_string(report_public_description(&r)));
	report_row_free(&r);
	api_reply(call, 200, o);
}

/* ---- public figures ---- */

struct stats_ctx {
	json_t *bodies;
	long received, answered, overdue;
};

static const char *const LEVELS[REPORT_STATS_LEVELS] = {"ringan", "sedang", "berat"};

/* Set field to v, or to null and name it in withheld when suppressed. */
static void put_num(json_t *o, json_t *withheld, const char *field, bool suppressed, json_t *v)
{
	if (suppressed) {
		json_decref(v);
		json_object_set_new(o, field, json_null());
		json_array_append_new(withheld, json_string(field));
		return;
	}
	json_object_set_new(o, field, v);
}

static json_t *share(long part, long whole)
{
	return whole ? json_real((double)part / (double)whole) : json_null();
}

static int stats_cb(void *ctx, const struct report_body_stats *s)
{
	struct stats_ctx *c = ctx;
	json_t *o = json_pack("{s:s, s:s, s:i, s:i, s:i}", "body_code", s->body_code, "body_name", s->body_name,
			      "reports_received", (int)s->received, "reports_answered", (int)s->answered,
			      "reports_overdue", (int)s->overdue);
	json_t *w = json_array();
	json_object_set_new(o, "median_hours_to_answer",
			    s->median_hours_to_answer < 0 ? json_null() : json_real(s->median_hours_to_answer));
	put_num(o, w, "staff", s->staff_suppressed, json_integer(s->staff));
	put_num(o, w, "staff_with_plans", s->staff_suppressed, json_integer(s->staff_with_plans));
	put_num(o, w, "share_staff_with_plans", s->staff_suppressed, share(s->staff_with_plans, s->staff));
	json_object_set_new(o, "coverage_units", json_integer(s->coverage_units));
	put_num(o, w, "coverage_days", s->coverage_suppressed, json_integer(s->coverage_days));
	put_num(o, w, "coverage_days_met", s->coverage_suppressed, json_integer(s->coverage_days_met));
	put_num(o, w, "coverage_share", s->coverage_suppressed, share(s->coverage_days_met, s->coverage_days));
	char field[64];
	for (int i = 0; i < REPORT_STATS_VKINDS; i++) {
		snprintf(field, sizeof field, "violations_%s", reports_stats_vkind(i));
		put_num(o, w, field, s->violations_suppressed[i], json_integer(s->violations[i]));
	}
	for (int k = 0; k < REPORT_STATS_LEVELS; k++) {
		snprintf(field, sizeof field, "sanctions_%s", LEVELS[k]);
		put_num(o, w, field, s->sanctions_suppressed[k], json_integer(s->sanctions[k]));
	}
	json_object_set_new(o, "suppressed", json_boolean(json_array_size(w) > 0));
	json_object_set_new(o, "withheld", w);
	json_array_append_new(c->bodies, o);
	c->received += s->received;
	c->answered += s->answered;
	c->overdue += s->overdue;
	return 0;
}

/* Parse ?month=YYYY-MM (default: this month in WIB) into a date range. */
static bool month_range(struct api_call *call, char month[8], int32_t *from, int32_t *to)
{
	const char *m = http_query(call->req, "month");
	int y, mo, d;
	if (!m || !*m) {
		int minute;
		int32_t today;
		tz_local(time(NULL), TZ_WIB, &today, &minute);
		date_to_ymd(today, &y, &mo, &d);
	} else {
		char tmp[16];
		if (strlen(m) != 7 || m[4] != '-')
			return false;
		snprintf(tmp, sizeof tmp, "%s-01", m);
		int32_t day;
		if (!date_parse(tmp, &day))
			return false;
		date_to_ymd(day, &y, &mo, &d);
	}
	snprintf(month, 8, "%04d-%02d", y, mo);
	*from = date_from_ymd(y, mo, 1);
	*to = date_from_ymd(y, mo, date_days_in_month(y, mo));
	return true;
}

/* The figures as one JSON object, or NULL after replying with an error. */
static json_t *stats_json(struct api_call *call)
{
	char month[8];
	int32_t from, to;
	if (!month_range(call, month, &from, &to)) {
		api_error(call, 422, "invalid", "month", "month must be YYYY-MM.", "month harus berformat YYYY-MM.");
		return NULL;
	}
	const char *body = http_query(call->req, "body");
	if (body && strlen(body) > 32) {
		api_error_from(call, ERR_NOT_FOUND, "body");
		return NULL;
	}
	struct report_settings set;
	struct stats_ctx c = {json_array(), 0, 0, 0};
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = reports_settings_get(call->conn, &set);
	if (!rc)
		rc = reports_stats_each(call->conn, body, from, to, set.rules.min_group, time(NULL), stats_cb, &c);
	db_rollback(call->conn);
	if (!rc && body && *body && !json_array_size(c.bodies))
		rc = ERR_NOT_FOUND;
	if (rc) {
		json_decref(c.bodies);
		api_error_from(call, rc, "body");
		return NULL;
	}
	struct audit_checkpoint cp;
	json_t *checkpoint = json_null();
	if (audit_checkpoint_now(call->app->db, &call->app->signer, &cp) == 0)
		checkpoint = json_pack("{s:I, s:s, s:s, s:s, s:s}", "size", (json_int_t)cp.size, "root", cp.root,
				       "time", cp.time, "signature", cp.signature, "public_key", cp.public_key);
	return json_pack("{s:s, s:i, s:o, s:{s:i, s:i, s:i}, s:o, s:s}", "month", month, "min_group",
			 set.rules.min_group, "bodies", c.bodies, "totals", "reports_received", (int)c.received,
			 "reports_answered", (int)c.answered, "reports_overdue", (int)c.overdue, "audit_checkpoint",
			 checkpoint, "fields", "/api/v1/public/stats/fields");
}

void api_public_stats(struct api_call *call)
{
	const char *format = http_query(call->req, "format");
	if (format && !strcmp(format, "csv"))
		return api_public_stats_csv(call);
	json_t *o = stats_json(call);
	if (o)
		api_reply(call, 200, o);
}

/* One CSV field: quoted when it holds a comma, quote or line break. */
static void csv_field(struct buf *b, const char *s, bool last)
{
	if (strpbrk(s, ",\"\r\n")) {
		buf_puts(b, "\"");
		for (const char *p = s; *p; p++) {
			buf_append(b, p, 1);
			if (*p == '"')
				buf_puts(b, "\"");
		}
		buf_puts(b, "\"");
	} else {
		buf_puts(b, s);
	}
	buf_puts(b, last ? "\r\n" : ",");
}

/* The field dictionary: every field of a body's row, in CSV column order.
 * The violation and sanction columns follow the kinds and levels. */
struct stats_field {
	const char *field, *type, *en, *id;
};

static const struct stats_field FIELDS_HEAD[] = {
	{"month", "string", "Month of the figures, YYYY-MM (WIB).", "Bulan data, YYYY-MM (WIB)."},
	{"body_code", "string", "Code of the body (perangkat daerah, one level below the province).",
	 "Kode perangkat daerah."},
	{"body_name", "string", "Name of the body.", "Nama perangkat daerah."},
	{"reports_received", "integer", "Citizens' reports received in the month about the body's units.",
	 "Laporan warga yang diterima pada bulan itu tentang unit perangkat daerah."},
	{"reports_answered", "integer", "Of those, reports answered (or declined as not our authority).",
	 "Dari laporan itu, yang sudah dijawab (atau dinyatakan bukan kewenangan)."},
	{"reports_overdue", "integer", "Of those, reports answered after their deadline or still open past a deadline.",
	 "Dari laporan itu, yang dijawab melewati tenggat atau masih terbuka melewati tenggat."},
	{"median_hours_to_answer", "number|null", "Median hours from receipt to answer; null when none answered.",
	 "Median jam dari diterima sampai dijawab; kosong bila belum ada."},
	{"staff", "integer|null", "Active staff of the body; null when withheld.",
	 "Pegawai aktif perangkat daerah; kosong bila disembunyikan."},
	{"staff_with_plans", "integer|null",
	 "Staff with at least one approved plan to work from home, from anywhere or at another office (wfh, wfa, "
	 "kantor_lain) in the month; null when withheld.",
	 "Pegawai dengan paling sedikit satu rencana kerja dari rumah, dari mana saja atau kantor lain yang disetujui "
	 "pada bulan itu; kosong bila disembunyikan."},
	{"share_staff_with_plans", "number|null", "staff_with_plans / staff (0..1); null when withheld.",
	 "staff_with_plans / staff (0..1); kosong bila disembunyikan."},
	{"coverage_units", "integer", "Face-to-face units of the body with a minimum on-site staffing.",
	 "Unit layanan tatap muka dengan jumlah minimum pegawai di kantor."},
	{"coverage_days", "integer|null",
	 "Unit-days counted: each such unit on each closed working day of the month; null when withheld.",
	 "Hari-unit yang dihitung: setiap unit itu pada setiap hari kerja yang sudah ditutup; kosong bila "
	 "disembunyikan."},
	{"coverage_days_met", "integer|null",
	 "Of those, unit-days where the staff on site (closed day status hadir) reached the minimum; null when "
	 "withheld.",
	 "Dari hari-unit itu, yang jumlah pegawai hadir di kantor mencapai minimum; kosong bila disembunyikan."},
	{"coverage_share", "number|null", "coverage_days_met / coverage_days (0..1); null when none or withheld.",
	 "coverage_days_met / coverage_days (0..1); kosong bila tidak ada atau disembunyikan."},
};

static const struct stats_field FIELDS_VKIND[REPORT_STATS_VKINDS] = {
	{"unexcused_absence", NULL, "unexcused absence (alpa)", "tanpa keterangan (alpa)"},
	{"late", NULL, "late arrival", "terlambat masuk"},
	{"early_leave", NULL, "early leave", "pulang sebelum waktunya"},
	{"missing_in", NULL, "no check-in record", "tanpa catatan masuk"},
	{"missing_out", NULL, "no check-out record", "tanpa catatan pulang"},
	{"outside_place", NULL, "record outside the agreed place", "catatan di luar tempat yang disepakati"},
	{"missed_confirmation", NULL, "missed presence confirmation", "konfirmasi kehadiran terlewat"},
	{"report_missing", NULL, "no daily work report", "tanpa laporan kerja harian"},
	{"report_late", NULL, "late daily work report", "laporan kerja harian terlambat"},
	{"remote_without_plan", NULL, "remote work without an approved plan",
	 "bekerja jarak jauh tanpa rencana disetujui"},
	{"remote_not_eligible", NULL, "remote work while not eligible", "bekerja jarak jauh padahal tidak memenuhi syarat"},
	{"citizen_report", NULL, "a citizen's report found substantiated by its handler",
	 "laporan warga yang dinyatakan terbukti oleh penanganinya"},
};

static const struct stats_field FIELDS_LEVEL[REPORT_STATS_LEVELS] = {
	{"ringan", NULL, "light (hukuman disiplin ringan)", "ringan"},
	{"sedang", NULL, "moderate (hukuman disiplin sedang)", "sedang"},
	{"berat", NULL, "heavy (hukuman disiplin berat)", "berat"},
};

static const struct stats_field FIELDS_TAIL[] = {
	{"suppressed", "boolean",
	 "True when a figure about people concerned 1 to min_group-1 persons (default 5) and was withheld.",
	 "Benar bila ada angka tentang 1 sampai min_group-1 orang (bawaan 5) yang disembunyikan."},
	{"withheld", "string[]", "Names of the fields withheld (in CSV separated by spaces).",
	 "Nama kolom yang disembunyikan (di CSV dipisah spasi)."},
};

#define NHEAD (sizeof FIELDS_HEAD / sizeof FIELDS_HEAD[0])
#define NTAIL (sizeof FIELDS_TAIL / sizeof FIELDS_TAIL[0])
#define NFIELDS (NHEAD + REPORT_STATS_VKINDS + REPORT_STATS_LEVELS + NTAIL)

/* Field i of the dictionary: its name into name[64], its type, and its
 * description into en and id (300 bytes each). */
static void stats_field_at(size_t i, char name[64], const char **type, char en[300], char id[300])
{
	const struct stats_field *f;
	if (i < NHEAD) {
		f = &FIELDS_HEAD[i];
		snprintf(name, 64, "%s", f->field);
		*type = f->type;
		snprintf(en, 300, "%s", f->en);
		snprintf(id, 300, "%s", f->id);
	} else if ((i -= NHEAD) < REPORT_STATS_VKINDS) {
		f = &FIELDS_VKIND[i];
		snprintf(name, 64, "violations_%s", reports_stats_vkind((int)i));
		*type = "integer|null";
		snprintf(en, 300, "Violations of kind %s in the month: %s (person-days, from closed days); null when "
			 "withheld.", f->field, f->en);
		snprintf(id, 300, "Pelanggaran jenis %s pada bulan itu: %s (orang-hari, dari hari yang sudah ditutup); "
			 "kosong bila disembunyikan.", f->field, f->id);
	} else if ((i -= REPORT_STATS_VKINDS) < REPORT_STATS_LEVELS) {
		f = &FIELDS_LEVEL[i];
		snprintf(name, 64, "sanctions_%s", f->field);
		*type = "integer|null";
		snprintf(en, 300, "Discipline sanctions of level %s starting in the month (PP 94/2021); null when "
			 "withheld.", f->en);
		snprintf(id, 300, "Hukuman disiplin tingkat %s yang mulai berlaku pada bulan itu (PP 94/2021); kosong "
			 "bila disembunyikan.", f->id);
	} else {
		f = &FIELDS_TAIL[i - REPORT_STATS_LEVELS];
		snprintf(name, 64, "%s", f->field);
		*type = f->type;
		snprintf(en, 300, "%s", f->en);
		snprintf(id, 300, "%s", f->id);
	}
}

/* One cell of the CSV from a JSON value (null: empty; a list: space-separated). */
static void csv_value(struct buf *b, json_t *v, bool last)
{
	char tmp[64] = "";
	const char *text = tmp;
	if (json_is_array(v)) {
		struct buf w;
		buf_init(&w, 4096);
		size_t i;
		json_t *x;
		json_array_foreach(v, i, x) buf_printf(&w, "%s%s", i ? " " : "", json_string_value(x));
		csv_field(b, w.len ? w.data : "", last);
		buf_free(&w);
		return;
	}
	if (json_is_string(v))
		text = json_string_value(v);
	else if (json_is_integer(v))
		snprintf(tmp, sizeof tmp, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		snprintf(tmp, sizeof tmp, "%.4f", json_real_value(v));
	else if (json_is_boolean(v))
		snprintf(tmp, sizeof tmp, "%s", json_is_true(v) ? "true" : "false");
	csv_field(b, text, last);
}

void api_public_stats_csv(struct api_call *call)
{
	json_t *o = stats_json(call);
	if (!o)
		return;
	struct buf b;
	buf_init(&b, 8u * 1024 * 1024);
	char name[64], en[300], id[300];
	const char *type;
	for (size_t i = 0; i < NFIELDS; i++) {
		stats_field_at(i, name, &type, en, id);
		csv_field(&b, name, i == NFIELDS - 1);
	}
	size_t i;
	json_t *row;
	json_array_foreach(json_object_get(o, "bodies"), i, row) {
		for (size_t k = 0; k < NFIELDS; k++) {
			stats_field_at(k, name, &type, en, id);
			csv_value(&b, k == 0 ? json_object_get(o, "month") : json_object_get(row, name), k == NFIELDS - 1);
		}
	}
	json_decref(o);
	size_t len = b.len;
	http_res_body(call->res, 200, "text/csv; charset=utf-8", buf_steal(&b), len);
	http_res_header(call->res, "Content-Disposition", "attachment; filename=\"fleksi-public-stats.csv\"");
}

void api_public_stats_fields(struct api_call *call)
{
	json_t *a = json_array();
	char name[64], en[300], id[300];
	const char *type;
	for (size_t i = 0; i < NFIELDS; i++) {
		stats_field_at(i, name, &type, en, id);
		json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:s}", "field", name, "type", type, "description_en",
						   en, "description_id", id));
	}
	api_reply(call, 200, json_pack("{s:o, s:s}", "fields", a, "note",
				       "Figures about 1 to min_group-1 people are withheld (null) so nobody can be "
				       "identified; counts of citizens' reports are about reports, not people, and are "
				       "always shown. Reports are counted by the month they were received; coverage, "
				       "violations and sanctions come from closed working days and discipline cases."));
}
