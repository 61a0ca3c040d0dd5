/* worklog.c (api) - performance targets (SKP items) and daily work reports
 * (issue 5 item 4).
 *
 *   GET    /api/v1/skp-targets?nip=&year=          the employee's live targets
 *   POST   /api/v1/skp-targets                     own: {"year","code","title","indicator","target","unit"}
 *   PUT    /api/v1/skp-targets/{id}                own: the same fields
 *   DELETE /api/v1/skp-targets/{id}                own
 *   POST   /api/v1/skp-targets/import              own: text/csv year,code,title[,indicator,target,unit]
 *   GET    /api/v1/daily-reports?nip=&from=&to=&status=   one employee's (nip) or, without nip,
 *                                                  the reports of the actor's direct subordinates
 *   GET    /api/v1/daily-reports/{nip}/{date}      one report with its activities
 *   PUT    /api/v1/daily-reports/{nip}/{date}      own: {"activities":[{"target_id","description","minutes","output"}]}
 *   POST   /api/v1/daily-reports/{id}/accept       the direct supervisor
 *   POST   /api/v1/daily-reports/{id}/return       the direct supervisor: {"reason"} */
#include "api/worklog.h"
#include "core/clock.h"
#include "core/date.h"
#include "core/err.h"
#include "core/mem.h"
#include "store/worklog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define REPORTS_LIST_MAX 200
#define REPORT_PAST_DAYS 62

static int64_t now_unix_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static bool path_id(struct api_call *call, int idx, int64_t *id, const char *what_en, const char *what_id)
{
	char *end;
	long long v = strtoll(call->req->params[idx], &end, 10);
	if (*end || v <= 0) {
		api_error(call, 404, "not_found", "id", what_en, what_id);
		return false;
	}
	*id = v;
	return true;
}

/* Run fn in a write transaction: commit on 0, else roll back. */
static int in_write(struct api_call *call, int (*fn)(struct api_call *call, void *ctx), void *ctx)
{
	int rc = db_begin_write(call->conn);
	if (rc)
		return rc;
	rc = fn(call, ctx);
	if (!rc)
		rc = db_commit(call->conn);
	else
		db_rollback(call->conn);
	return rc;
}

/* ---- SKP targets ---- */

static json_t *target_json(const struct skp_target *t)
{
	return json_pack("{s:I, s:i, s:s, s:s, s:s, s:o, s:s}", "id", (json_int_t)t->id, "year", t->year, "code", t->code,
			 "title", t->title, "indicator", t->indicator, "target",
			 t->has_qty ? json_real(t->target_qty) : json_null(), "unit", t->target_unit);
}

static int add_target(void *ctx, const struct skp_target *t)
{
	json_array_append_new(ctx, target_json(t));
	return 0;
}

void api_skp_targets_list(struct api_call *call)
{
	bool bad = false;
	long year = api_query_long(call, "year", 0, 0, 2100, &bad);
	if (bad)
		return api_error(call, 422, "invalid", "year", "year is a year such as 2026.", "year adalah tahun, mis. 2026.");
	struct employee_row *e = xcalloc(1, sizeof *e);
	if (!api_employee_target(call, http_query(call->req, "nip"), e, false))
		return free(e);
	json_t *items = json_array();
	int rc = db_begin_read(call->conn);
	if (!rc) {
		rc = skp_targets_each(call->conn, e->id, (int)year, add_target, items);
		db_rollback(call->conn);
	}
	if (rc) {
		free(e);
		json_decref(items);
		return api_error_from(call, rc, NULL);
	}
	api_reply(call, 200, json_pack("{s:s, s:o}", "nip", e->nip, "items", items));
	free(e);
}

static const struct api_field target_fields[] = {
	{"year", T_INTEGER, true, false}, {"code", T_STRING, true, false}, {"title", T_STRING, true, false},
	{"indicator", T_STRING, false, true}, {"target", T_NUMBER, false, true}, {"unit", T_STRING, false, true},
	{NULL, 0, false, false}};

/* Read the body into t; replies and returns false when refused. */
static bool read_target(struct api_call *call, struct skp_target *t)
{
	json_t *o = api_read_object(call, target_fields);
	if (!o)
		return false;
	const char *code = api_str(o, "code", ""), *title = api_str(o, "title", ""), *ind = api_str(o, "indicator", ""),
		   *unit = api_str(o, "unit", "");
	const char *field = NULL;
	if (strlen(code) > SKP_CODE_MAX)
		field = "code";
	else if (strlen(title) > SKP_TITLE_MAX)
		field = "title";
	else if (strlen(ind) > SKP_TITLE_MAX)
		field = "indicator";
	else if (strlen(unit) > 64)
		field = "unit";
	t->year = (int)api_num(o, "year", 0);
	snprintf(t->code, sizeof t->code, "%s", code);
	snprintf(t->title, sizeof t->title, "%s", title);
	snprintf(t->indicator, sizeof t->indicator, "%s", ind);
	snprintf(t->target_unit, sizeof t->target_unit, "%s", unit);
	json_t *q = json_object_get(o, "target");
	t->has_qty = q && json_is_number(q);
	t->target_qty = t->has_qty ? json_number_value(q) : 0;
	json_decref(o);
	if (!field && skp_target_check(t, &field) == 0)
		return true;
	char en[200], id[200];
	snprintf(en, sizeof en, "%s is missing or out of range (code up to 32, title and indicator up to 300 bytes,"
		 " year 2000-2100, target 0 or more).", field);
	snprintf(id, sizeof id, "%s kosong atau di luar batas (kode sampai 32, judul dan indikator sampai 300 byte,"
		 " tahun 2000-2100, target 0 atau lebih).", field);
	api_error(call, 422, "invalid", field, en, id);
	return false;
}

static int save_target(struct api_call *call, void *ctx)
{
	return skp_target_save(call->conn, ctx, call->actor->username);
}

static void reply_target_save(struct api_call *call, struct skp_target *t, int status)
{
	int rc = in_write(call, save_target, t);
	if (rc == ERR_CONFLICT)
		return api_error(call, 409, "code_taken", "code", "You already have a target with this code that year.",
				 "Anda sudah punya target dengan kode ini pada tahun itu.");
	if (rc == ERR_NOT_FOUND)
		return api_error(call, 404, "not_found", "id", "No such target of yours.", "Target Anda tidak ditemukan.");
	if (rc)
		return api_error_from(call, rc, NULL);
	api_reply(call, status, target_json(t));
}

void api_skp_target_create(struct api_call *call)
{
	struct skp_target t;
	memset(&t, 0, sizeof t);
	if (!read_target(call, &t))
		return;
	t.employee_id = call->actor->employee_id;
	reply_target_save(call, &t, 201);
}

void api_skp_target_update(struct api_call *call)
{
	struct skp_target t;
	memset(&t, 0, sizeof t);
	if (!path_id(call, 0, &t.id, "No such target.", "Target tidak ditemukan.") || !read_target(call, &t))
		return;
	t.employee_id = call->actor->employee_id;
	reply_target_save(call, &t, 200);
}

static int delete_target(struct api_call *call, void *ctx)
{
	return skp_target_delete(call->conn, call->actor->employee_id, *(int64_t *)ctx, call->actor->username);
}

void api_skp_target_delete(struct api_call *call)
{
	int64_t id;
	if (!path_id(call, 0, &id, "No such target.", "Target tidak ditemukan."))
		return;
	int rc = in_write(call, delete_target, &id);
	if (rc == ERR_NOT_FOUND)
		return api_error(call, 404, "not_found", "id", "No such target of yours.", "Target Anda tidak ditemukan.");
	if (rc)
		return api_error_from(call, rc, NULL);
	api_reply(call, 200, json_pack("{s:I, s:b}", "id", (json_int_t)id, "deleted", 1));
}

struct import_ctx {
	long imported, line;
	const char *field;
};

static int import_targets(struct api_call *call, void *ctx)
{
	struct import_ctx *x = ctx;
	return skp_targets_import(call->conn, call->actor->employee_id, call->req->body, call->req->body_len,
				  call->actor->username, &x->imported, &x->line, &x->field);
}

void api_skp_targets_import(struct api_call *call)
{
	if (call->req->body_too_big)
		return api_error(call, 413, "too_big", NULL, "The file is larger than 64 KiB.", "Berkas lebih besar dari 64 KiB.");
	const char *ct = http_header(call->req, "Content-Type");
	if (!ct || (strncasecmp(ct, "text/csv", 8) && strncasecmp(ct, "text/plain", 10)))
		return api_error(call, 415, "unsupported_media_type", NULL, "Send the file as text/csv.",
				 "Kirim berkas sebagai text/csv.");
	struct import_ctx x = {0};
	int rc = in_write(call, import_targets, &x);
	if (rc == ERR_INVALID || rc == ERR_CONFLICT || rc == ERR_TOO_BIG) {
		char en[200], id[200];
		if (x.line <= 0) {
			snprintf(en, sizeof en, "Nothing was imported: the file is not readable CSV (at most %d rows).",
				 SKP_IMPORT_ROWS_MAX);
			snprintf(id, sizeof id, "Tidak ada yang diimpor: berkas bukan CSV yang terbaca (paling banyak %d baris).",
				 SKP_IMPORT_ROWS_MAX);
		} else {
			snprintf(en, sizeof en, "Nothing was imported: line %ld, column %s is missing, invalid or repeated.",
				 x.line, x.field ? x.field : "?");
			snprintf(id, sizeof id, "Tidak ada yang diimpor: baris %ld, kolom %s kosong, salah atau berulang.",
				 x.line, x.field ? x.field : "?");
		}
		json_t *err = json_pack("{s:s, s:s, s:s, s:s, s:I}", "code", "invalid_row", "message", en, "message_id", id,
					"field", x.field ? x.field : "file", "line", (json_int_t)x.line);
		return api_reply(call, 422, json_pack("{s:o}", "error", err));
	}
	if (rc)
		return api_error_from(call, rc, NULL);
	api_reply(call, 200, json_pack("{s:I}", "imported", (json_int_t)x.imported));
}

/* ---- daily reports ---- */

static int32_t today_wib(void)
{
	int32_t d;
	int m;
	tz_local(clock_unix(), TZ_WIB, &d, &m);
	return d;
}

static json_t *report_json(const struct report_row *r)
{
	char today[DATE_TEXT];
	date_format(today_wib(), today);
	bool overdue = !strcmp(r->status, "submitted") && strcmp(today, r->review_due) > 0;
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:b, s:i, s:i, s:s, s:b, s:o, s:o, s:o, s:i}", "id",
			 (json_int_t)r->id, "nip", r->nip, "name", r->name, "date", r->date, "status", r->status,
			 "submitted_at", r->submitted_at, "late", r->late, "late_min", r->late_min, "total_min",
			 r->total_min, "review_due", r->review_due, "overdue", overdue, "reviewed_by",
			 *r->reviewed_by ? json_string(r->reviewed_by) : json_null(), "reviewed_at",
			 *r->reviewed_at ? json_string(r->reviewed_at) : json_null(), "return_reason",
			 *r->return_reason ? json_string(r->return_reason) : json_null(), "version", r->version);
}

static int add_report(void *ctx, const struct report_row *r)
{
	json_array_append_new(ctx, report_json(r));
	return 0;
}

static bool query_date(struct api_call *call, const char *key, const char **out)
{
	const char *v = http_query(call->req, key);
	int32_t d;
	*out = v && *v ? v : "";
	if (!**out || date_parse(*out, &d))
		return true;
	api_error(call, 422, "invalid", key, "A date is YYYY-MM-DD.", "Tanggal ditulis YYYY-MM-DD.");
	return false;
}

void api_daily_reports_list(struct api_call *call)
{
	const char *from, *to, *status = http_query(call->req, "status"), *nip = http_query(call->req, "nip");
	if (!query_date(call, "from", &from) || !query_date(call, "to", &to))
		return;
	if (!status)
		status = "";
	if (*status && strcmp(status, "submitted") && strcmp(status, "accepted") && strcmp(status, "returned") &&
	    strcmp(status, "overdue"))
		return api_error(call, 422, "invalid", "status", "status is submitted, accepted, returned or overdue.",
				 "status adalah submitted, accepted, returned atau overdue.");
	char today[DATE_TEXT];
	date_format(today_wib(), today);
	struct report_filter f = {.from = from, .to = to, .status = status, .today = today, .limit = REPORTS_LIST_MAX};
	struct employee_row *e = xcalloc(1, sizeof *e);
	const char *scope = "employee";
	if (nip && *nip) {
		if (!api_employee_target(call, nip, e, false))
			return free(e);
		f.employee_id = e->id;
	} else if (call->actor->roles & ROLE_ATASAN) {
		f.supervisor_id = call->actor->employee_id;   /* the review queue */
		scope = "subordinates";
	} else if (call->actor->employee_id) {
		f.employee_id = call->actor->employee_id;
	} else {
		free(e);
		return api_error(call, 422, "missing_field", "nip", "Name the employee with nip=.",
				 "Sebutkan pegawai dengan nip=.");
	}
	free(e);
	json_t *items = json_array();
	int rc = db_begin_read(call->conn);
	if (!rc) {
		rc = reports_each(call->conn, &f, add_report, items);
		db_rollback(call->conn);
	}
	if (rc) {
		json_decref(items);
		return api_error_from(call, rc, NULL);
	}
	api_reply(call, 200, json_pack("{s:s, s:o}", "scope", scope, "items", items));
}

struct one_report {
	json_t *activities, *report;
};

static int add_activity(void *ctx, const struct report_activity_row *a)
{
	struct one_report *x = ctx;
	json_array_append_new(x->activities,
			      json_pack("{s:i, s:I, s:s, s:s, s:s, s:i, s:s}", "position", a->position, "target_id",
					(json_int_t)a->target_id, "target_code", a->target_code, "target_title",
					a->target_title, "description", a->description, "minutes", a->minutes, "output",
					a->output));
	return 0;
}

static int set_report(void *ctx, const struct report_row *r)
{
	struct one_report *x = ctx;
	x->report = report_json(r);
	json_object_set(x->report, "activities", x->activities);
	return 0;
}

/* Reply with the report of employee_id on date (or by id), activities included. */
static void reply_report(struct api_call *call, int64_t id, int64_t employee_id, const char *date, int status)
{
	struct one_report x = {json_array(), NULL};
	int rc = db_begin_read(call->conn);
	if (!rc) {
		rc = report_get(call->conn, id, employee_id, date, set_report, add_activity, &x);
		db_rollback(call->conn);
	}
	json_decref(x.activities);
	if (rc == ERR_NOT_FOUND)
		return api_error(call, 404, "not_found", "date", "No report for this day.", "Belum ada laporan untuk hari ini.");
	if (rc) {
		json_decref(x.report);
		return api_error_from(call, rc, NULL);
	}
	api_reply(call, status, x.report);
}

static bool path_date(struct api_call *call, int32_t *day)
{
	if (date_parse(call->req->params[1], day))
		return true;
	api_error(call, 422, "invalid", "date", "A date is YYYY-MM-DD.", "Tanggal ditulis YYYY-MM-DD.");
	return false;
}

void api_daily_report_get(struct api_call *call)
{
	int32_t day;
	if (!path_date(call, &day))
		return;
	struct employee_row *e = xcalloc(1, sizeof *e);
	if (api_employee_target(call, call->req->params[0], e, false))
		reply_report(call, 0, e->id, call->req->params[1], 200);
	free(e);
}

/* The activities of the body; replies and returns -1 when refused. The
 * strings point into o. */
static int read_activities(struct api_call *call, json_t *o, struct worklog_activity *a)
{
	json_t *list = json_object_get(o, "activities");
	const char *key;
	json_t *v;
	json_object_foreach(o, key, v)
		if (strcmp(key, "activities"))
			return api_error(call, 422, "unknown_field", key, "Only \"activities\" is sent.",
					 "Hanya \"activities\" yang dikirim."), -1;
	if (!json_is_array(list) || json_array_size(list) < 1 || json_array_size(list) > WORKLOG_ACTIVITIES_MAX)
		return api_error(call, 422, "invalid", "activities", "activities is a list of 1 to 30 activities.",
				 "activities adalah daftar 1 sampai 30 kegiatan."), -1;
	size_t i;
	json_array_foreach(list, i, v) {
		json_t *t = json_object_get(v, "target_id"), *d = json_object_get(v, "description"),
		       *m = json_object_get(v, "minutes"), *out = json_object_get(v, "output");
		if (!json_is_object(v) || !json_is_integer(t) || !json_is_string(d) || !json_is_integer(m) ||
		    (out && !json_is_null(out) && !json_is_string(out)) || json_object_size(v) > 4)
			return api_error(call, 422, "wrong_type", "activities",
					 "Each activity is {\"target_id\": integer, \"description\": string, \"minutes\": integer,"
					 " \"output\": string}.",
					 "Setiap kegiatan berisi target_id (bilangan bulat), description (teks), minutes"
					 " (bilangan bulat), output (teks)."), -1;
		json_int_t mv = json_integer_value(m);
		a[i] = (struct worklog_activity){json_integer_value(t), json_string_value(d),
						 mv < 0 || mv > 100000 ? -1 : (int)mv, json_is_string(out) ? json_string_value(out) : ""};
	}
	return (int)json_array_size(list);
}

struct put_ctx {
	int64_t employee_id, id;
	int32_t day;
	const struct worklog_activity *a;
	int n, index;
	const char *field;
};

static int put_report(struct api_call *call, void *ctx)
{
	struct put_ctx *p = ctx;
	return report_put(call->conn, p->employee_id, p->day, p->a, p->n, now_unix_ms(), call->actor->username, &p->id,
			  &p->index, &p->field);
}

void api_daily_report_put(struct api_call *call)
{
	int32_t day;
	if (!path_date(call, &day))
		return;
	if (!call->actor->employee_id || strcmp(call->req->params[0], call->actor->nip))
		return api_error(call, 403, "forbidden", "nip", "Only the employee sends their own daily report.",
				 "Laporan harian hanya dikirim oleh pegawai itu sendiri.");
	int32_t today = today_wib();
	if (day > today + 1 || day < today - REPORT_PAST_DAYS)   /* +1: the zones east of WIB */
		return api_error(call, 422, "invalid", "date", "A report is for today or a day of the last 62 days.",
				 "Laporan untuk hari ini atau salah satu dari 62 hari terakhir.");
	if (call->req->body_too_big)
		return api_error(call, 413, "too_big", NULL, "The request body is too large.", "Isi permintaan terlalu besar.");
	json_t *o = json_loadb(call->req->body, call->req->body_len, JSON_REJECT_DUPLICATES, NULL);
	if (!json_is_object(o)) {
		json_decref(o);
		return api_error(call, 400, "invalid_json", NULL, "The body must be a JSON object.",
				 "Isi permintaan harus berupa objek JSON.");
	}
	struct worklog_activity a[WORKLOG_ACTIVITIES_MAX];
	struct put_ctx p = {.employee_id = call->actor->employee_id, .day = day, .a = a, .index = -1};
	p.n = read_activities(call, o, a);
	if (p.n < 0)
		return json_decref(o);
	int rc = in_write(call, put_report, &p);
	json_decref(o);
	if (rc == ERR_CONFLICT)
		return api_error(call, 409, "not_editable", "date",
				 "This report is waiting for review or accepted: it can be sent again only when returned.",
				 "Laporan ini menunggu tinjauan atau sudah diterima: dapat dikirim ulang hanya bila dikembalikan.");
	if (rc == ERR_INVALID) {
		char en[200], id[200], field[64];
		snprintf(field, sizeof field, "%s", p.field ? p.field : "activities");
		if (p.index >= 0) {
			snprintf(en, sizeof en, "Activity %d: %s is missing or invalid (your own target, 1-500 characters,"
				 " 1-1440 minutes, output up to 300).", p.index + 1, field);
			snprintf(id, sizeof id, "Kegiatan %d: %s kosong atau tidak sah (target Anda sendiri, 1-500 karakter,"
				 " 1-1440 menit, keluaran sampai 300).", p.index + 1, field);
		} else {
			snprintf(en, sizeof en, "The activities take at most 1440 minutes together.");
			snprintf(id, sizeof id, "Jumlah durasi kegiatan paling banyak 1440 menit.");
		}
		json_t *err = json_pack("{s:s, s:s, s:s, s:s, s:o}", "code", "invalid", "message", en, "message_id", id,
					"field", field, "index", p.index >= 0 ? json_integer(p.index) : json_null());
		return api_reply(call, 422, json_pack("{s:o}", "error", err));
	}
	if (rc)
		return api_error_from(call, rc, NULL);
	reply_report(call, p.id, 0, NULL, 200);
}

struct review_ctx {
	int64_t id;
	bool accept;
	const char *reason;
};

static int review_report(struct api_call *call, void *ctx)
{
	struct review_ctx *r = ctx;
	return report_review(call->conn, r->id, call->actor->employee_id, r->accept, r->reason, call->actor->username);
}

static void review(struct api_call *call, bool accept)
{
	struct review_ctx r = {.accept = accept};
	if (!path_id(call, 0, &r.id, "No such report.", "Laporan tidak ditemukan."))
		return;
	static const struct api_field fields[] = {{"reason", T_STRING, true, false}, {NULL, 0, false, false}};
	json_t *o = NULL;
	if (!accept) {
		if (!(o = api_read_object(call, fields)))
			return;
		r.reason = api_str(o, "reason", "");
		size_t n = strlen(r.reason);
		if (n < 1 || n > WORKLOG_REASON_MAX) {
			json_decref(o);
			return api_error(call, 422, "invalid", "reason", "Give the reason, up to 500 characters.",
					 "Tuliskan alasannya, paling banyak 500 karakter.");
		}
	}
	int rc = in_write(call, review_report, &r);
	json_decref(o);
	if (rc == ERR_NOT_FOUND)
		return api_error(call, 404, "not_found", "id", "No such report.", "Laporan tidak ditemukan.");
	if (rc == ERR_FORBIDDEN)
		return api_error(call, 403, "forbidden", "id", "Only the employee's direct supervisor reviews this report.",
				 "Hanya atasan langsung pegawai yang meninjau laporan ini.");
	if (rc == ERR_CONFLICT)
		return api_error(call, 409, "not_waiting", "id", "This report is not waiting for review.",
				 "Laporan ini tidak sedang menunggu tinjauan.");
	if (rc)
		return api_error_from(call, rc, NULL);
	reply_report(call, r.id, 0, NULL, 200);
}

void api_daily_report_accept(struct api_call *call) { review(call, true); }
void api_daily_report_return(struct api_call *call) { review(call, false); }
