/* mydata.c (api) - "download everything about me" (UU 27/2022 right of
 * access, issue 5 item 7).
 *
 *   GET /api/v1/me/data                 JSON: one key per section
 *   GET /api/v1/me/data?format=csv      one CSV in long form:
 *                                       section,row,field,value
 *   &download=1                         as an attachment (the browser's button)
 *
 * Only the signed-in employee's own data: the route needs an employee
 * account and takes no NIP, so nobody can ask for someone else's. The
 * sections and what is left out (secrets) are in store/mydata.h. */
#include "api/api.h"
#include "core/clock.h"
#include "core/date.h"
#include "core/err.h"
#include "core/mem.h"
#include "store/mydata.h"

#include <stdio.h>
#include <string.h>

#define MYDATA_CSV_MAX (256u * 1024 * 1024)

/* ---- JSON ---- */

struct json_sink {
	json_t *root;
	json_t *rows;        /* of the current section */
	json_t *truncated;   /* names of sections cut at MYDATA_SECTION_ROWS_MAX */
};

static json_t *value_json(const struct mydata_value *v)
{
	if (v->null)
		return json_null();
	switch (v->type) {
	case MYDATA_INT: return json_integer((json_int_t)v->i);
	case MYDATA_REAL: return json_real(v->r);
	case MYDATA_BOOL: return json_boolean(v->b);
	case MYDATA_JSON: {
		json_t *j = json_loads(v->s, JSON_DECODE_ANY, NULL);
		return j ? j : json_string(v->s);
	}
	default: return json_string(v->s);
	}
}

static int json_begin(void *ctx, const char *section, int ncol, const char *const *names)
{
	(void)section, (void)ncol, (void)names;
	struct json_sink *j = ctx;
	j->rows = json_array();
	return 0;
}

static int json_row(void *ctx, const char *section, int ncol, const char *const *names, const struct mydata_value *v)
{
	(void)section;
	struct json_sink *j = ctx;
	json_t *o = json_object();
	for (int k = 0; k < ncol; k++)
		json_object_set_new(o, names[k], value_json(&v[k]));
	json_array_append_new(j->rows, o);
	return 0;
}

static int json_end(void *ctx, const char *section, int64_t rows, bool truncated)
{
	(void)rows;
	struct json_sink *j = ctx;
	/* The profile is one object; every other section a list. */
	if (!strcmp(section, "profile")) {
		json_object_set(j->root, section, json_array_size(j->rows) ? json_array_get(j->rows, 0) : json_null());
		json_decref(j->rows);
	} else {
		json_object_set_new(j->root, section, j->rows);
	}
	j->rows = NULL;
	if (truncated)
		json_array_append_new(j->truncated, json_string(section));
	return 0;
}

/* ---- CSV (long form) ---- */

struct csv_sink {
	struct buf b;
	int64_t row;
};

/* One field, quoted when needed; a value a spreadsheet would run as a
 * formula (=, +, -, @ first) gets a leading apostrophe. */
static void csv_put(struct buf *b, const char *s, bool last)
{
	bool formula = strchr("=+-@", s[0]) && s[0];
	if (formula || strpbrk(s, ",\"\r\n")) {
		buf_puts(b, formula ? "\"'" : "\"");
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

static int csv_begin(void *ctx, const char *section, int ncol, const char *const *names)
{
	(void)ctx, (void)section, (void)ncol, (void)names;
	((struct csv_sink *)ctx)->row = 0;
	return 0;
}

static int csv_row(void *ctx, const char *section, int ncol, const char *const *names, const struct mydata_value *v)
{
	struct csv_sink *cs = ctx;
	cs->row++;
	char num[40], text[64];
	snprintf(num, sizeof num, "%lld", (long long)cs->row);
	for (int k = 0; k < ncol; k++) {
		const char *val = "";
		if (!v[k].null) {
			switch (v[k].type) {
			case MYDATA_INT: snprintf(text, sizeof text, "%lld", (long long)v[k].i); val = text; break;
			case MYDATA_REAL: snprintf(text, sizeof text, "%.7f", v[k].r); val = text; break;
			case MYDATA_BOOL: val = v[k].b ? "true" : "false"; break;
			default: val = v[k].s; break;
			}
		}
		csv_put(&cs->b, section, false);
		csv_put(&cs->b, num, false);
		csv_put(&cs->b, names[k], false);
		csv_put(&cs->b, val, true);
	}
	return cs->b.len + 4096 > MYDATA_CSV_MAX ? ERR_TOO_BIG : 0;
}

static int csv_end(void *ctx, const char *section, int64_t rows, bool truncated)
{
	(void)ctx, (void)section, (void)rows, (void)truncated;
	return 0;
}

/* ---- the handler ---- */

static void attach(struct api_call *call, const char *ext)
{
	const char *d = http_query(call->req, "download");
	if (d && !strcmp(d, "1")) {
		char disp[120];
		snprintf(disp, sizeof disp, "attachment; filename=\"data-saya-%s.%s\"", call->actor->nip, ext);
		http_res_header(call->res, "Content-Disposition", disp);
	}
}

static void reply_csv(struct api_call *call)
{
	struct csv_sink cs = {.row = 0};
	buf_init(&cs.b, MYDATA_CSV_MAX);
	csv_put(&cs.b, "section", false);
	csv_put(&cs.b, "row", false);
	csv_put(&cs.b, "field", false);
	csv_put(&cs.b, "value", true);
	struct mydata_sink sink = {csv_begin, csv_row, csv_end, &cs};
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = mydata_export(call->conn, call->actor->employee_id, call->actor->nip, call->actor->username, &sink);
	db_rollback(call->conn);
	if (rc) {
		buf_free(&cs.b);
		return api_error_from(call, rc, NULL);
	}
	size_t len = cs.b.len;
	http_res_body(call->res, 200, "text/csv; charset=utf-8", buf_steal(&cs.b), len);
	http_res_header(call->res, "Cache-Control", "no-store");
	attach(call, "csv");
}

void api_me_data(struct api_call *call)
{
	const char *format = http_query(call->req, "format");
	if (format && *format && strcmp(format, "json") && strcmp(format, "csv"))
		return api_error(call, 422, "invalid", "format", "format is json or csv.", "format adalah json atau csv.");
	if (format && !strcmp(format, "csv"))
		return reply_csv(call);
	char now[40];
	clock_now_iso(now, sizeof now);
	struct json_sink j = {json_pack("{s:s, s:s, s:s}", "generated_at", now, "nip", call->actor->nip, "username",
					call->actor->username),
			      NULL, json_array()};
	struct mydata_sink sink = {json_begin, json_row, json_end, &j};
	int32_t today;
	int minute, days = 0;
	char today_text[DATE_TEXT];
	tz_local(clock_unix(), TZ_WIB, &today, &minute);
	date_format(today, today_text);
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = mydata_raw_location_days(call->conn, call->actor->employee_id, today_text, &days);
	if (!rc)
		rc = mydata_export(call->conn, call->actor->employee_id, call->actor->nip, call->actor->username, &sink);
	db_rollback(call->conn);
	if (rc) {
		json_decref(j.rows);
		json_decref(j.root);
		json_decref(j.truncated);
		return api_error_from(call, rc, NULL);
	}
	json_object_set_new(j.root, "truncated", j.truncated);
	/* What happens to the raw readings (UU 27/2022): kept this many days
	 * after their date, then reduced unless a case holds them. */
	json_object_set_new(j.root, "raw_location_days", json_integer(days));
	api_reply(call, 200, j.root);
	attach(call, "json");
}
