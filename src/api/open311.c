/* open311.c (api) - Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2)
 * at /open311/v2/: discovery, services, service definitions, requests
 * (GET with the spec's filters and defaults; POST with an api_key), one
 * request, tokens. The format is the URL suffix (.json or .xml); errors are
 * the spec's list of {code, description} with 400, 403 or 404.
 *
 * Replies are built once as jansson values and written either as JSON or,
 * through a small converter, as the spec's XML (domain/xml.h escapes). What
 * leaves here is public: never a reporter's contact data, never a
 * description that waits for moderation. */
#include "api/open311.h"
#include "core/err.h"
#include "core/hex.h"
#include "core/mem.h"
#include "domain/open311.h"
#include "domain/xml.h"
#include "store/accounts.h"
#include "store/reports.h"

#include <ctype.h>
#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define O311_FORM_PAIRS_MAX 64
#define O311_IDS_MAX 100
#define O311_LIST_MAX 1000
#define O311_SPAN_MAX_S (90 * 86400)

enum fmt { FMT_NONE, FMT_JSON, FMT_XML };

/* Split "requests.json" into "requests" and the format. */
static enum fmt split_file(const char *file, char *name, size_t cap)
{
	const char *dot = strrchr(file, '.');
	if (!dot || (size_t)(dot - file) >= cap || dot == file)
		return FMT_NONE;
	memcpy(name, file, (size_t)(dot - file));
	name[dot - file] = '\0';
	if (!strcmp(dot, ".json"))
		return FMT_JSON;
	if (!strcmp(dot, ".xml"))
		return FMT_XML;
	return FMT_NONE;
}

/* ---- writing ---- */

/* The XML element of one item of an array named key. */
static const char *singular(const char *key)
{
	static const char *const map[][2] = {{"attributes", "attribute"}, {"values", "value"},
					     {"endpoints", "endpoint"}, {"formats", "format"}, {"notes", "note"}};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (!strcmp(map[i][0], key))
			return map[i][1];
	return "item";
}

static void xml_value(struct buf *b, const char *name, json_t *v);

static void xml_object(struct buf *b, json_t *o)
{
	const char *key;
	json_t *v;
	json_object_foreach(o, key, v) xml_value(b, key, v);
}

static void xml_value(struct buf *b, const char *name, json_t *v)
{
	char num[64];
	size_t i;
	json_t *item;
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		xml_open(b, name);
		xml_object(b, v);
		xml_close(b, name);
		return;
	case JSON_ARRAY:
		xml_open(b, name);
		json_array_foreach(v, i, item) xml_value(b, singular(name), item);
		xml_close(b, name);
		return;
	case JSON_STRING:
		xml_element(b, name, json_string_value(v));
		return;
	case JSON_INTEGER:
		snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
		xml_element(b, name, num);
		return;
	case JSON_REAL:
		snprintf(num, sizeof num, "%.7g", json_real_value(v));
		xml_element(b, name, num);
		return;
	case JSON_TRUE: xml_element(b, name, "true"); return;
	case JSON_FALSE: xml_element(b, name, "false"); return;
	case JSON_NULL: xml_element(b, name, ""); return;
	}
}

/* Reply with body (stolen) in the format: a JSON value as is, or XML with
 * root element `root`; an array's items are `item` elements. */
static void reply(struct api_call *call, enum fmt f, int status, const char *root, const char *item, json_t *body)
{
	if (f != FMT_XML) {
		api_reply(call, status, body);
		return;
	}
	struct buf b;
	buf_init(&b, 64u * 1024 * 1024);
	xml_declaration(&b);
	xml_open(&b, root);
	if (json_is_array(body)) {
		size_t i;
		json_t *v;
		json_array_foreach(body, i, v) xml_value(&b, item, v);
	} else {
		xml_object(&b, body);
	}
	xml_close(&b, root);
	json_decref(body);
	size_t len = b.len;
	http_res_body(call->res, status, "text/xml; charset=utf-8", buf_steal(&b), len);
	http_res_header(call->res, "Cache-Control", "no-store");
}

/* The spec's error: a list of one {code, description}. */
static void o311_error(struct api_call *call, enum fmt f, int code, const char *description)
{
	json_t *e = json_pack("[{s:i, s:s}]", "code", code, "description", description);
	reply(call, f == FMT_NONE ? FMT_JSON : f, code, "errors", "error", e);
}

/* ---- form bodies (application/x-www-form-urlencoded) ---- */

struct form {
	char *keys[O311_FORM_PAIRS_MAX], *values[O311_FORM_PAIRS_MAX];
	int n;
};

static int hexval(int c)
{
	return isdigit(c) ? c - '0' : isxdigit(c) ? (tolower(c) - 'a' + 10) : -1;
}

/* Decode len bytes of a urlencoded component; NULL when it holds a NUL or
 * a bad escape. */
static char *url_decode(const char *s, size_t len)
{
	char *out = xmalloc(len + 1), *o = out;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '+') {
			*o++ = ' ';
		} else if (s[i] == '%') {
			if (i + 2 >= len) {
				free(out);
				return NULL;
			}
			int a = hexval((unsigned char)s[i + 1]), b2 = hexval((unsigned char)s[i + 2]);
			if (a < 0 || b2 < 0 || (a == 0 && b2 == 0)) {
				free(out);
				return NULL;
			}
			*o++ = (char)(a * 16 + b2);
			i += 2;
		} else {
			*o++ = s[i];
		}
	}
	*o = '\0';
	return out;
}

static void form_free(struct form *f)
{
	for (int i = 0; i < f->n; i++) {
		free(f->keys[i]);
		free(f->values[i]);
	}
	f->n = 0;
}

/* Parse the body; false when malformed or with too many fields. */
static bool form_parse(const char *body, size_t len, struct form *f)
{
	f->n = 0;
	size_t i = 0;
	while (i < len) {
		size_t j = i;
		while (j < len && body[j] != '&')
			j++;
		if (j > i) {
			const char *eq = memchr(body + i, '=', j - i);
			size_t klen = eq ? (size_t)(eq - (body + i)) : j - i;
			if (f->n == O311_FORM_PAIRS_MAX)
				return false;
			char *k = url_decode(body + i, klen), *v = eq ? url_decode(eq + 1, (size_t)(body + j - eq - 1))
								   : xstrdup("");
			if (!k || !v) {
				free(k);
				free(v);
				return false;
			}
			f->keys[f->n] = k;
			f->values[f->n++] = v;
		}
		i = j + 1;
	}
	return true;
}

/* The value of key; optional arguments sent empty count as absent (NULL). */
static const char *form_get(const struct form *f, const char *key)
{
	for (int i = 0; i < f->n; i++)
		if (!strcmp(f->keys[i], key))
			return f->values[i][0] ? f->values[i] : NULL;
	return NULL;
}

static const char *query(struct api_call *call, const char *key)
{
	const char *v = http_query(call->req, key);
	return v && *v ? v : NULL;
}

/* ---- shared checks ---- */

static bool jurisdiction_ok(const char *j)
{
	return !j || !strcmp(j, OPEN311_JURISDICTION);
}

static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* ---- discovery and services ---- */

static void base_url(struct api_call *call, char *out, size_t cap)
{
	const char *host = http_header(call->req, "Host");
	const char *proto = http_header(call->req, "X-Forwarded-Proto");
	bool safe = host && strlen(host) < 200 && !strpbrk(host, " \"<>\\/");
	snprintf(out, cap, "%s://%s/open311/v2", proto && !strcmp(proto, "https") ? "https" : "http",
		 safe ? host : "localhost");
}

static void discovery(struct api_call *call, enum fmt f)
{
	char url[300];
	base_url(call, url, sizeof url);
	json_t *d = json_pack("{s:s, s:s, s:s, s:[{s:s, s:s, s:s, s:s, s:[s, s]}]}", "changeset", "2026-11-28T00:00:00+07:00",
			      "contact", "Badan Kepegawaian Daerah Provinsi DKI Jakarta, via the fleksi administrator",
			      "key_service", "Ask admin_bkd for an api_key (fleksi open311 key add)", "endpoints",
			      "specification", OPEN311_SPEC_URL, "url", url, "changeset", "2026-11-28T00:00:00+07:00",
			      "type", "production", "formats", "application/json", "text/xml");
	reply(call, f, 200, "discovery", "discovery", d);
}

static void services(struct api_call *call, enum fmt f)
{
	int n;
	const struct open311_service *s = open311_services(&n);
	json_t *a = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:b, s:s, s:s, s:s}", "service_code", s[i].code,
						   "service_name", s[i].name, "description", s[i].description,
						   "metadata", s[i].nattributes > 0, "type", "batch", "keywords",
						   s[i].keywords, "group", s[i].group));
	reply(call, f, 200, "services", "service", a);
}

void api_open311_root_get(struct api_call *call)
{
	char name[32];
	enum fmt f = split_file(call->req->params[0], name, sizeof name);
	if (f == FMT_NONE)
		return o311_error(call, FMT_JSON, 404, "unknown resource; use .json or .xml");
	if (!jurisdiction_ok(query(call, "jurisdiction_id")))
		return o311_error(call, f, 404, "jurisdiction_id not found");
	if (!strcmp(name, "discovery"))
		return discovery(call, f);
	if (!strcmp(name, "services"))
		return services(call, f);
	if (!strcmp(name, "requests"))
		return api_open311_request_get(call);
	o311_error(call, f, 404, "unknown resource");
}

static json_t *attribute_json(const struct open311_attribute *a)
{
	json_t *values = json_array();
	for (const struct open311_value *v = a->values; v && v->key; v++)
		json_array_append_new(values, json_pack("{s:s, s:s}", "key", v->key, "name", v->name));
	json_t *o = json_pack("{s:b, s:s, s:s, s:b, s:s, s:i, s:s}", "variable", 1, "code", a->code, "datatype",
			      open311_datatype_name(a->datatype), "required", a->required, "datatype_description",
			      a->datatype_description ? a->datatype_description : "", "order", a->order,
			      "description", a->description);
	if (json_array_size(values))
		json_object_set_new(o, "values", values);
	else
		json_decref(values);
	return o;
}

void api_open311_service_get(struct api_call *call)
{
	char code[64];
	enum fmt f = split_file(call->req->params[0], code, sizeof code);
	if (f == FMT_NONE)
		return o311_error(call, FMT_JSON, 404, "unknown resource; use .json or .xml");
	if (!jurisdiction_ok(query(call, "jurisdiction_id")))
		return o311_error(call, f, 404, "jurisdiction_id not found");
	const struct open311_service *s = open311_service_find(code);
	if (!s)
		return o311_error(call, f, 404, "service_code not found");
	json_t *attrs = json_array();
	for (int i = 0; i < s->nattributes; i++)
		json_array_append_new(attrs, attribute_json(&s->attributes[i]));
	reply(call, f, 200, "service_definition", NULL,
	      json_pack("{s:s, s:o}", "service_code", s->code, "attributes", attrs));
}

/* ---- requests: reading ---- */

static json_t *request_json(const struct report_row *r)
{
	char req[32], upd[32], exp[32], notice[160];
	const struct open311_service *s = open311_service_find(r->service_code);
	open311_format_wib(r->requested_at, req);
	open311_format_wib(r->updated_at, upd);
	open311_format_wib(r->answer_due, exp);
	bool pending = !strcmp(r->moderation, "pending") || !strcmp(r->moderation, "rejected");
	snprintf(notice, sizeof notice, "Status: %s%s", report_status_name(r->status),
		 pending ? "; keterangan menunggu moderasi (description awaits moderation)" : "");
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)r->id);
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
			      "service_request_id", id, "status", report_status_is_closed(r->status) ? "closed" : "open",
			      "status_notes", r->status_notes, "service_name", s ? s->name : r->service_code,
			      "service_code", r->service_code, "description", report_public_description(r),
			      "agency_responsible", r->unit_name, "service_notice", notice, "requested_datetime", req,
			      "updated_datetime", upd, "expected_datetime", exp, "address", r->address, "address_id",
			      r->address_id, "zipcode", r->zipcode);
	json_object_set_new(o, "lat", r->has_location ? json_real(r->lat) : json_null());
	json_object_set_new(o, "long", r->has_location ? json_real(r->lon) : json_null());
	json_object_set_new(o, "media_url", json_string(pending ? "" : r->media_url));
	return o;
}

static int collect(void *ctx, const struct report_row *r)
{
	json_t *o = request_json(r);
	/* Kept for the extensions pass (removed before replying). */
	json_object_set_new(o, "_deadlines", json_pack("{s:I, s:I}", "verify", (json_int_t)r->verify_due, "answer",
						       (json_int_t)r->answer_due));
	json_array_append_new(ctx, o);
	return 0;
}

static int note_cb(void *ctx, const struct report_event_row *e)
{
	char at[32];
	open311_format_wib(e->at, at);
	json_array_append_new(ctx, json_pack("{s:s, s:s, s:s}", "datetime", at, "status", e->to_status, "summary", e->note));
	return 0;
}

/* The common extension (?extensions=true): extended_attributes with the
 * deadlines, and notes[] = the public update history. Runs after the list
 * was read, one query per request. */
static int add_extensions(struct api_call *call, json_t *items, bool on)
{
	size_t i;
	json_t *o;
	int rc = 0;
	json_array_foreach(items, i, o) {
		json_t *d = json_object_get(o, "_deadlines");
		if (on && !rc) {
			char vdue[32], adue[32];
			open311_format_wib(json_integer_value(json_object_get(d, "verify")), vdue);
			open311_format_wib(json_integer_value(json_object_get(d, "answer")), adue);
			json_object_set_new(o, "extended_attributes", json_pack("{s:s, s:s}", "verify_due", vdue,
										"answer_due", adue));
			json_t *notes = json_array();
			long long id = strtoll(json_string_value(json_object_get(o, "service_request_id")), NULL, 10);
			rc = reports_events_each(call->conn, id, true, note_cb, notes);
			json_object_set_new(o, "notes", notes);
		}
		json_object_del(o, "_deadlines");
	}
	return rc;
}

static bool extensions_wanted(struct api_call *call)
{
	const char *e = query(call, "extensions");
	return e && !strcmp(e, "true");
}

/* service_request_id=1,2,3 into ids; false when malformed or too many. */
static bool parse_ids(const char *s, int64_t *ids, int *n)
{
	*n = 0;
	while (*s) {
		char *end;
		long long v = strtoll(s, &end, 10);
		if (end == s || v <= 0 || *n == O311_IDS_MAX || (*end && *end != ','))
			return false;
		ids[(*n)++] = v;
		s = *end ? end + 1 : end;
	}
	return *n > 0;
}

/* Fill the date range of GET requests; an error message when invalid. */
static const char *date_range(struct api_call *call, struct report_public_filter *pf)
{
	const char *sd = query(call, "start_date"), *ed = query(call, "end_date");
	int64_t now = time(NULL);
	if (sd && !open311_parse_datetime(sd, &pf->start))
		return "start_date is not an ISO 8601 datetime";
	if (ed && !open311_parse_datetime(ed, &pf->end))
		return "end_date is not an ISO 8601 datetime";
	if (!sd && !ed) {
		pf->end = now;
		pf->start = now - O311_SPAN_MAX_S;
	} else if (!sd) {
		pf->start = pf->end - O311_SPAN_MAX_S;
	} else if (!ed) {
		pf->end = pf->start + O311_SPAN_MAX_S;
	}
	if (pf->end < pf->start)
		return "end_date is before start_date";
	if (pf->end - pf->start > O311_SPAN_MAX_S)
		return "start_date and end_date may span at most 90 days";
	return NULL;
}

static const char *status_filter(const char *s, int *closed)
{
	*closed = -1;
	if (!s)
		return NULL;
	bool open = false, shut = false;
	char tmp[64];
	snprintf(tmp, sizeof tmp, "%s", s);
	for (char *save = NULL, *t = strtok_r(tmp, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		if (!strcmp(t, "open"))
			open = true;
		else if (!strcmp(t, "closed"))
			shut = true;
		else
			return "status must be open or closed";
	}
	*closed = open == shut ? -1 : shut ? 1 : 0;
	return NULL;
}

static void list_requests(struct api_call *call, enum fmt f)
{
	struct report_public_filter pf = {.status_closed = -1, .limit = O311_LIST_MAX};
	int64_t ids[O311_IDS_MAX];
	const char *idtext = query(call, "service_request_id"), *err = NULL;
	if (idtext) {
		if (!parse_ids(idtext, ids, &pf.nids))
			return o311_error(call, f, 400, "service_request_id must be a comma-separated list of ids");
		pf.ids = ids;
	} else {
		pf.service_code = query(call, "service_code");
		if (pf.service_code && !open311_service_find(pf.service_code))
			return o311_error(call, f, 404, "service_code not found");
		if ((err = date_range(call, &pf)) || (err = status_filter(query(call, "status"), &pf.status_closed)))
			return o311_error(call, f, 400, err);
		bool bad = false;
		long size = api_query_long(call, "page_size", O311_LIST_MAX, 1, O311_LIST_MAX, &bad);
		long page = api_query_long(call, "page", 1, 1, 1000000, &bad);
		if (bad)
			return o311_error(call, f, 400, "page and page_size must be positive integers (page_size <= 1000)");
		pf.limit = (int)size;
		pf.offset = (int)((page - 1) * size);
	}
	json_t *a = json_array();
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = reports_public_each(call->conn, &pf, collect, a);
	if (!rc)
		rc = add_extensions(call, a, extensions_wanted(call));
	db_rollback(call->conn);
	if (rc) {
		json_decref(a);
		return api_error_from(call, rc, NULL);
	}
	reply(call, f, 200, "service_requests", "request", a);
}

void api_open311_request_get(struct api_call *call)
{
	char name[64];
	enum fmt f = split_file(call->req->params[0], name, sizeof name);
	if (f == FMT_NONE)
		return o311_error(call, FMT_JSON, 404, "unknown resource; use .json or .xml");
	if (!jurisdiction_ok(query(call, "jurisdiction_id")))
		return o311_error(call, f, 404, "jurisdiction_id not found");
	if (!strcmp(name, "requests"))
		return list_requests(call, f);
	char *end;
	long long id = strtoll(name, &end, 10);
	if (*end || id <= 0)
		return o311_error(call, f, 404, "service_request_id not found");
	struct report_row r;
	json_t *a = json_array();
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = reports_get(call->conn, id, &r);
	if (!rc) {
		collect(a, &r);
		report_row_free(&r);
		rc = add_extensions(call, a, extensions_wanted(call));
	}
	db_rollback(call->conn);
	if (rc) {
		json_decref(a);
		if (rc == ERR_NOT_FOUND)
			return o311_error(call, f, 404, "service_request_id not found");
		return api_error_from(call, rc, NULL);
	}
	reply(call, f, 200, "service_requests", "request", a);
}

void api_open311_token_get(struct api_call *call)
{
	char token[64];
	enum fmt f = split_file(call->req->params[0], token, sizeof token);
	if (f == FMT_NONE)
		return o311_error(call, FMT_JSON, 404, "unknown resource; use .json or .xml");
	if (!jurisdiction_ok(query(call, "jurisdiction_id")))
		return o311_error(call, f, 404, "jurisdiction_id not found");
	int64_t id = 0;
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = reports_by_token(call->conn, token, &id);
	db_rollback(call->conn);
	if (rc == ERR_NOT_FOUND)
		return o311_error(call, f, 404, "token not found");
	if (rc)
		return api_error_from(call, rc, NULL);
	char sid[24];
	snprintf(sid, sizeof sid, "%lld", (long long)id);
	reply(call, f, 200, "service_requests", "request",
	      json_pack("[{s:s, s:s}]", "service_request_id", sid, "token", token));
}

/* ---- requests: filing ---- */

/* Check one attribute value against its datatype; an error text or NULL. */
static const char *attribute_check(const struct open311_attribute *a, const char *v)
{
	static char msg[160];
	int64_t t;
	char *end;
	switch (a->datatype) {
	case O311_NUMBER:
		strtod(v, &end);
		if (*end || end == v)
			goto bad;
		return NULL;
	case O311_DATETIME:
		if (!open311_parse_datetime(v, &t))
			goto bad;
		return NULL;
	case O311_SINGLEVALUELIST:
	case O311_MULTIVALUELIST:
		if (!open311_value_ok(a, v))
			goto bad;
		return NULL;
	default:
		if (strlen(v) > OPEN311_FIELD_MAX)
			goto bad;
		return NULL;
	}
bad:
	snprintf(msg, sizeof msg, "attribute[%s] is not a valid %s", a->code, open311_datatype_name(a->datatype));
	return msg;
}

/* Collect attribute[code] (and attribute[code][] for lists) into a
 * canonical JSON object; an error text (400) or NULL. */
static const char *read_attributes(const struct form *fm, const struct open311_service *s, json_t *attrs)
{
	static char msg[160];
	for (int i = 0; i < s->nattributes; i++) {
		const struct open311_attribute *a = &s->attributes[i];
		char key[80], key_list[84];
		snprintf(key, sizeof key, "attribute[%s]", a->code);
		snprintf(key_list, sizeof key_list, "attribute[%s][]", a->code);
		json_t *vals = json_array();
		for (int k = 0; k < fm->n; k++) {
			if ((strcmp(fm->keys[k], key) && strcmp(fm->keys[k], key_list)) || !fm->values[k][0])
				continue;
			const char *err = attribute_check(a, fm->values[k]);
			if (err) {
				json_decref(vals);
				return err;
			}
			json_array_append_new(vals, json_string(fm->values[k]));
		}
		size_t n = json_array_size(vals);
		if (!n && a->required) {
			json_decref(vals);
			snprintf(msg, sizeof msg, "attribute[%s] is required", a->code);
			return msg;
		}
		if (n > 1 && a->datatype != O311_MULTIVALUELIST) {
			json_decref(vals);
			snprintf(msg, sizeof msg, "attribute[%s] takes one value", a->code);
			return msg;
		}
		if (n == 1 && a->datatype != O311_MULTIVALUELIST)
			json_object_set(attrs, a->code, json_array_get(vals, 0));
		else if (n)
			json_object_set(attrs, a->code, vals);
		json_decref(vals);
	}
	return NULL;
}

static bool parse_coordinate(const char *s, double lo, double hi, double *out)
{
	char *end;
	*out = strtod(s, &end);
	return end != s && !*end && isfinite(*out) && *out >= lo && *out <= hi;
}

/* Check the plain fields; an error text (400) or NULL. */
static const char *check_fields(const struct form *fm, struct report_input *in)
{
	static const char *const bounded[] = {"address_string", "address_id", "email", "device_id", "account_id",
					      "first_name", "last_name", "phone", "zipcode"};
	static char msg[120];
	for (size_t i = 0; i < sizeof bounded / sizeof bounded[0]; i++) {
		const char *v = form_get(fm, bounded[i]);
		if (v && strlen(v) > OPEN311_FIELD_MAX) {
			snprintf(msg, sizeof msg, "%s is longer than %d bytes", bounded[i], OPEN311_FIELD_MAX);
			return msg;
		}
	}
	const char *lat = form_get(fm, "lat"), *lon = form_get(fm, "long");
	if ((lat == NULL) != (lon == NULL))
		return "lat and long must be given together";
	if (lat) {
		if (!parse_coordinate(lat, -90, 90, &in->lat) || !parse_coordinate(lon, -180, 180, &in->lon))
			return "lat or long is not a valid WGS84 coordinate";
		in->has_location = true;
	}
	in->address = form_get(fm, "address_string");
	in->address_id = form_get(fm, "address_id");
	if (!in->has_location && !in->address && !in->address_id)
		return "a location is required: lat and long, address_string or address_id";
	in->description = form_get(fm, "description");
	if (in->description && utf8_chars(in->description) > OPEN311_DESCRIPTION_MAX)
		return "description is longer than 4000 characters";
	in->media_url = form_get(fm, "media_url");
	if (in->media_url && (strlen(in->media_url) > OPEN311_URL_MAX ||
			      (strncmp(in->media_url, "http://", 7) && strncmp(in->media_url, "https://", 8))))
		return "media_url must be an http(s) URL of at most 1000 bytes";
	in->email = form_get(fm, "email");
	if (in->email && !strchr(in->email, '@'))
		return "email is not an e-mail address";
	in->phone = form_get(fm, "phone");
	in->first_name = form_get(fm, "first_name");
	in->last_name = form_get(fm, "last_name");
	in->device_id = form_get(fm, "device_id");
	in->account_id = form_get(fm, "account_id");
	in->zipcode = form_get(fm, "zipcode");
	return NULL;
}

static void post_filed(struct api_call *call, enum fmt f, struct report_input *in)
{
	int64_t id = 0, now = time(NULL);
	char token[33];
	const char *field = NULL;
	int rc = db_begin_write(call->conn);
	if (!rc)
		rc = reports_create(call->conn, in, now, &id, token, &field);
	if (!rc)
		rc = db_commit(call->conn);
	else
		db_rollback(call->conn);
	if (rc == ERR_NOT_FOUND && field)
		return o311_error(call, f, 400, "attribute[unit] is not a known unit code");
	if (rc)
		return api_error_from(call, rc, NULL);
	json_t *item = json_pack("{s:s, s:s}", "token", token, "service_notice",
				 "Laporan diterima dan akan diverifikasi dalam 3 hari kerja. (Received; verified within 3"
				 " working days.)");
	json_object_set_new(item, "account_id", in->account_id ? json_string(in->account_id) : json_null());
	json_t *a = json_array();
	json_array_append_new(a, item);
	reply(call, f, 201, "service_requests", "request", a);
}

static bool rate_ok(struct api_call *call)
{
	struct report_settings st = {.rate_per_hour = 20};
	if (db_begin_read(call->conn) == 0)
		reports_settings_get(call->conn, &st);
	db_rollback(call->conn);
	char bucket[128];
	snprintf(bucket, sizeof bucket, "open311:addr:%s", call->req->remote_addr ? call->req->remote_addr : "");
	return ratelimit_allow(call->conn, bucket, 3600, st.rate_per_hour, time(NULL));
}

void api_open311_requests_post(struct api_call *call)
{
	char name[32];
	enum fmt f = split_file(call->req->params[0], name, sizeof name);
	if (f == FMT_NONE || strcmp(name, "requests"))
		return o311_error(call, f == FMT_NONE ? FMT_JSON : f, 404, "unknown resource");
	if (call->req->body_too_big)
		return o311_error(call, f, 400, "the request body is too large");
	struct form fm;
	if (!form_parse(call->req->body, call->req->body_len, &fm)) {
		form_free(&fm);
		return o311_error(call, f, 400, "the body is not valid application/x-www-form-urlencoded");
	}
	const char *err = NULL;
	int64_t key_id = 0;
	struct report_input in = {0};
	json_t *attrs = json_object();
	const char *key = form_get(&fm, "api_key");
	if (!key)
		key = query(call, "api_key");
	if (!jurisdiction_ok(form_get(&fm, "jurisdiction_id"))) {
		o311_error(call, f, 404, "jurisdiction_id not found");
		goto out;
	}
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = open311_key_check(call->conn, key, &key_id);
	db_rollback(call->conn);
	if (rc) {
		if (rc == ERR_UNAUTHORIZED)
			o311_error(call, f, 403, key ? "api_key is not valid" : "api_key is required");
		else
			api_error_from(call, rc, NULL);
		goto out;
	}
	if (!rate_ok(call)) {
		http_res_header(call->res, "Retry-After", "3600");
		o311_error(call, f, 429, "too many requests from this address; try again later");
		goto out;
	}
	const char *code = form_get(&fm, "service_code");
	if (!code) {
		o311_error(call, f, 400, "service_code is required");
		goto out;
	}
	if (!(in.service = open311_service_find(code))) {
		o311_error(call, f, 404, "service_code not found");
		goto out;
	}
	if ((err = check_fields(&fm, &in)) || (err = read_attributes(&fm, in.service, attrs))) {
		o311_error(call, f, 400, err);
		goto out;
	}
	in.unit_code = json_string_value(json_object_get(attrs, "unit"));
	in.seen_at = json_string_value(json_object_get(attrs, "seen_at"));
	char *attr_text = json_dumps(attrs, JSON_COMPACT | JSON_SORT_KEYS);
	in.attributes_json = attr_text;
	in.key_id = key_id;
	post_filed(call, f, &in);
	free(attr_text);
out:
	json_decref(attrs);
	form_free(&fm);
}

/* ---- the web form's key ---- */

int api_open311_web_key(struct api_call *call, char key[41])
{
	uint8_t mac[crypto_generichash_BYTES];
	static const char label[] = "fleksi open311 web-form key v1";
	crypto_generichash(mac, sizeof mac, (const uint8_t *)label, sizeof label - 1, call->app->signer.token_key,
			   sizeof call->app->signer.token_key);
	hex_encode(mac, 20, key);
	/* Read first: the form page is public, so loading it must not take the
	 * write lock each time; the key row is written once. */
	int64_t id;
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = open311_key_check(call->conn, key, &id);
	db_rollback(call->conn);
	if (rc != ERR_UNAUTHORIZED)
		return rc;
	rc = db_begin_write(call->conn);
	if (!rc)
		rc = open311_key_ensure(call->conn, "web-form", key);
	if (!rc)
		rc = db_commit(call->conn);
	else
		db_rollback(call->conn);
	return rc;
}
