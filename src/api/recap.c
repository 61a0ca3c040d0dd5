/* recap.c (api) - GET /api/v1/recap: the monthly attendance recap as XLSX
 * or CSV, and the access rule shared with GET /api/v1/tpp. See
 * api/documents.h. */
#include "api/documents.h"
#include "core/err.h"
#include "core/mem.h"
#include "domain/recap.h"
#include "store/recap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Whether the actor may read the unit (path), and how much of it. */
static int unit_access(struct api_call *call, const struct unit_row *u, struct scope *sc, bool *allowed)
{
	const struct actor *a = call->actor;
	roles_scope(a, sc);
	*allowed = false;
	if (a->roles & (ROLE_ADMIN_BKD | ROLE_INSPEKTORAT))
		return *allowed = true, 0;
	if ((a->roles & ROLE_KEPALA_OPD) && a->opd_path[0] && roles_path_within(u->path, a->opd_path))
		return *allowed = true, 0;
	if (!(a->roles & ROLE_ATASAN) || !a->unit_code[0])
		return 0;
	/* A supervisor: their own unit's subtree, people below them only. */
	struct unit_row *own = xcalloc(1, sizeof *own);
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = unit_get(call->conn, a->unit_code, own);
	db_rollback(call->conn);
	if (!rc && roles_path_within(u->path, own->path)) {
		*allowed = true;
		sc->all = false;
		sc->unit_path = NULL;   /* a kepala_opd elsewhere sees only their line here */
	}
	free(own);
	return rc == ERR_NOT_FOUND ? 0 : rc;
}

bool documents_request(struct api_call *call, struct scope *sc, int *year, int *month)
{
	if (!call->unit) {
		api_error(call, 422, "invalid", "unit", "Name the unit: ?unit=CODE.", "Sebutkan unit: ?unit=KODE.");
		return false;
	}
	const char *m = http_query(call->req, "month");
	if (!m || !recap_month_parse(m, year, month)) {
		api_error(call, 422, "invalid", "month", "month must be a month YYYY-MM.",
			  "month harus bulan dengan format YYYY-MM.");
		return false;
	}
	bool allowed;
	int rc = unit_access(call, call->unit, sc, &allowed);
	if (rc || !allowed) {
		api_error_from(call, rc ? rc : ERR_FORBIDDEN, rc ? NULL : "unit");
		return false;
	}
	return true;
}

void api_recap_get(struct api_call *call)
{
	const char *format = http_query(call->req, "format");
	if (!format || !*format)
		format = "xlsx";
	bool xlsx = !strcmp(format, "xlsx");
	if (!xlsx && strcmp(format, "csv"))
		return api_error(call, 422, "invalid", "format", "format is xlsx or csv.", "format adalah xlsx atau csv.");
	struct scope sc;
	int year, month;
	if (!documents_request(call, &sc, &year, &month))
		return;
	struct recap *r = xcalloc(1, sizeof *r);
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = recap_load(call->conn, &sc, call->unit->path, call->unit->code, call->unit->name, year, month, r);
	db_rollback(call->conn);
	char *body = NULL;
	size_t len = 0;
	if (!rc)
		rc = xlsx ? recap_xlsx(r, &body, &len) : recap_csv(r, &body, &len);
	char disp[160];
	snprintf(disp, sizeof disp, "attachment; filename=\"rekap-%s-%s.%s\"", r->unit_code, r->month_text, format);
	recap_free(r);
	free(r);
	if (rc)
		return api_error_from(call, rc, NULL);
	http_res_body(call->res, 200,
		      xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8",
		      body, len);
	http_res_header(call->res, "Content-Disposition", disp);
	http_res_header(call->res, "Cache-Control", "no-store");
}
