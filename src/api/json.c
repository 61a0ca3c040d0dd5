/* json.c - JSON replies, errors and request-body checking for the API. */
#include "api/api.h"
#include "core/err.h"
#include "core/log.h"
#include "core/mem.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

void api_reply(struct api_call *call, int status, json_t *body)
{
	char *text = json_dumps(body, JSON_COMPACT | JSON_REAL_PRECISION(10));
	json_decref(body);
	if (!text) {
		text = xstrdup("{\"error\":{\"code\":\"internal\",\"message\":\"cannot encode reply\"}}");
		status = 500;
	}
	http_res_body(call->res, status, "application/json; charset=utf-8", text, strlen(text));
	http_res_header(call->res, "Cache-Control", "no-store");
}

void api_error(struct api_call *call, int status, const char *code, const char *field, const char *message_en,
	       const char *message_id)
{
	json_t *err = json_pack("{s:s, s:s, s:s, s:o}", "code", code, "message", message_en, "message_id",
				message_id ? message_id : message_en, "field", field ? json_string(field) : json_null());
	api_reply(call, status, json_pack("{s:o}", "error", err));
}

void api_error_from(struct api_call *call, int rc, const char *field)
{
	switch (rc) {
	case ERR_INVALID:
		api_error(call, 422, "invalid", field, "The value is not acceptable.", "Nilai tidak dapat diterima.");
		return;
	case ERR_NOT_FOUND:
		api_error(call, 404, "not_found", field, "Not found.", "Tidak ditemukan.");
		return;
	case ERR_CONFLICT:
		api_error(call, 409, "conflict", field, "This clashes with existing data.",
			  "Bertentangan dengan data yang sudah ada.");
		return;
	case ERR_FORBIDDEN:
		api_error(call, 403, "forbidden", field, "You are not allowed to do this.",
			  "Anda tidak berwenang melakukan ini.");
		return;
	case ERR_TOO_BIG:
		api_error(call, 413, "too_big", field, "The request is too large.", "Permintaan terlalu besar.");
		return;
	case ERR_BUSY:
	case ERR_RETRY:
	case ERR_UNAVAILABLE:
		http_res_header(call->res, "Retry-After", "1");
		api_error(call, 503, "busy", NULL, "The server is busy; try again shortly.",
			  "Server sedang sibuk; coba lagi sebentar lagi.");
		return;
	}
	log_error("unexpected error %s on %s %s", err_name(rc), call->req->method, call->req->path);
	api_error(call, 500, "internal", NULL, "Something went wrong on our side.", "Terjadi kesalahan di server.");
}

static const char *type_name(enum api_type t)
{
	static const char *const names[] = {"string", "number", "integer", "boolean"};
	return names[t];
}

static bool type_ok(json_t *v, enum api_type t)
{
	switch (t) {
	case T_STRING: return json_is_string(v);
	case T_NUMBER: return json_is_number(v);
	case T_INTEGER: return json_is_integer(v);
	case T_BOOL: return json_is_boolean(v);
	}
	return false;
}

static const struct api_field *find_field(const struct api_field *f, const char *key)
{
	for (; f->name; f++)
		if (!strcmp(f->name, key))
			return f;
	return NULL;
}

/* Check every key of o against the spec; reply and return false on the first problem. */
static bool check_fields(struct api_call *call, json_t *o, const struct api_field *fields)
{
	const char *key;
	json_t *v;
	char en[160], id[160];
	json_object_foreach(o, key, v) {
		const struct api_field *f = find_field(fields, key);
		if (!f) {
			snprintf(en, sizeof en, "Unknown field \"%.60s\".", key);
			snprintf(id, sizeof id, "Kolom \"%.60s\" tidak dikenal.", key);
			return api_error(call, 422, "unknown_field", key, en, id), false;
		}
		if (json_is_null(v) ? !f->nullable : !type_ok(v, f->type)) {
			snprintf(en, sizeof en, "Field \"%s\" must be a %s.", key, type_name(f->type));
			snprintf(id, sizeof id, "Kolom \"%s\" harus bertipe %s.", key, type_name(f->type));
			return api_error(call, 422, "wrong_type", key, en, id), false;
		}
	}
	for (; fields->name; fields++)
		if (fields->required && !json_object_get(o, fields->name)) {
			snprintf(en, sizeof en, "Field \"%s\" is required.", fields->name);
			snprintf(id, sizeof id, "Kolom \"%s\" wajib diisi.", fields->name);
			return api_error(call, 422, "missing_field", fields->name, en, id), false;
		}
	return true;
}

json_t *api_read_object(struct api_call *call, const struct api_field *fields)
{
	if (call->req->body_too_big) {
		api_error(call, 413, "too_big", NULL, "The request body is too large.", "Isi permintaan terlalu besar.");
		return NULL;
	}
	json_error_t jerr;
	json_t *o = json_loadb(call->req->body, call->req->body_len, JSON_REJECT_DUPLICATES, &jerr);
	if (!o) {
		char en[300];
		snprintf(en, sizeof en, "The body is not valid JSON: %s (line %d, column %d).", jerr.text, jerr.line,
			 jerr.column);
		api_error(call, 400, "invalid_json", NULL, en, "Isi permintaan bukan JSON yang sah.");
		return NULL;
	}
	if (!json_is_object(o)) {
		json_decref(o);
		api_error(call, 400, "invalid_json", NULL, "The body must be a JSON object.",
			  "Isi permintaan harus berupa objek JSON.");
		return NULL;
	}
	if (!check_fields(call, o, fields)) {
		json_decref(o);
		return NULL;
	}
	return o;
}

const char *api_str(json_t *o, const char *key, const char *def)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : def;
}

double api_num(json_t *o, const char *key, double def)
{
	json_t *v = json_object_get(o, key);
	return json_is_number(v) ? json_number_value(v) : def;
}

bool api_has(json_t *o, const char *key)
{
	return json_object_get(o, key) != NULL;
}

long api_query_long(struct api_call *call, const char *key, long def, long min, long max, bool *bad)
{
	const char *s = http_query(call->req, key);
	if (!s || !*s)
		return def;
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *end || v < min || v > max) {
		*bad = true;
		return def;
	}
	return v;
}
