/* health.c - liveness and metrics. */
#include "api/api.h"

#include <string.h>

void api_healthz(struct api_call *call)
{
	struct db_stmt *s = db_prepare(call->conn, "SELECT 1");
	int rc = s ? db_step(s) : -1;
	if (s)
		db_reset(s);
	if (rc != 1)
		return api_error(call, 503, "database_unavailable", NULL, "The database does not answer.",
				 "Basis data tidak menjawab.");
	api_reply(call, 200, json_pack("{s:s, s:s}", "status", "ok", "version", FLEKSI_VERSION));
}

void api_metrics(struct api_call *call)
{
	char *text = http_metrics_text();
	http_res_body(call->res, 200, "text/plain; version=0.0.4; charset=utf-8", text, strlen(text));
}
