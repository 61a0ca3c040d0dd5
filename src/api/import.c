/* import.c - POST /api/v1/import/{units|employees} with a text/csv body. */
#include "api/api.h"
#include "core/err.h"
#include "store/import.h"

#include <string.h>

static json_t *problems_json(const struct orgcsv_problems *p)
{
	json_t *rows = json_array();
	for (int i = 0; i < p->listed; i++)
		json_array_append_new(rows, json_pack("{s:I, s:s, s:s, s:s}", "line", (json_int_t)p->items[i].line, "column",
						      p->items[i].column, "message_id", p->items[i].message_id,
						      "message_en", p->items[i].message_en));
	return rows;
}

static bool is_csv(const char *content_type)
{
	return content_type && (!strncasecmp(content_type, "text/csv", 8) ||
				!strncasecmp(content_type, "application/csv", 15) ||
				!strncasecmp(content_type, "text/plain", 10));
}

void api_import(struct api_call *call)
{
	const char *kind = call->req->params[0];
	if (strcmp(kind, "units") && strcmp(kind, "employees"))
		return api_error(call, 404, "not_found", "kind", "Import only units or employees.",
				 "Impor hanya untuk units atau employees.");
	if (call->req->body_too_big)
		return api_error(call, 413, "too_big", NULL, "The file is larger than 64 MiB.", "Berkas lebih besar dari 64 MiB.");
	if (!is_csv(http_header(call->req, "Content-Type")))
		return api_error(call, 415, "unsupported_media_type", NULL, "Send the file as text/csv.",
				 "Kirim berkas sebagai text/csv.");
	const char *dry = http_query(call->req, "dry_run");
	struct import_request req = {.actor = call->actor->username, .digest_of = call->req->body,
				     .dry_run = dry && (!strcmp(dry, "true") || !strcmp(dry, "1"))};
	struct orgcsv_problems problems;
	orgcsv_problems_init(&problems);
	long rows = 0;
	int rc = import_csv(call->app->db, kind, call->req->body, call->req->body_len, &req, &problems, &rows);
	if (rc == ERR_INVALID || (rc == ERR_TOO_BIG && problems.total)) {
		json_t *err = json_pack("{s:s, s:s, s:s, s:n}", "code", "invalid_rows", "message",
					"The file was not imported: fix the listed rows and send it again.", "message_id",
					"Berkas tidak diimpor: perbaiki baris yang tercantum lalu kirim ulang.", "field");
		api_reply(call, 422, json_pack("{s:o, s:o, s:I}", "error", err, "rows", problems_json(&problems),
					       "total_problems", (json_int_t)problems.total));
	} else if (rc) {
		api_error_from(call, rc, NULL);
	} else {
		api_reply(call, 200, json_pack("{s:I, s:b}", "imported", (json_int_t)rows, "dry_run", req.dry_run));
	}
	orgcsv_problems_free(&problems);
}
