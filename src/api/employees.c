/* employees.c - employee search, one employee, create and change. */
#include "api/api.h"
#include "core/err.h"
#include "core/mem.h"

#include <string.h>

json_t *api_employee_json(const struct employee_row *e, bool detail)
{
	json_t *sup = e->supervisor_nip[0] ? json_pack("{s:s, s:s}", "nip", e->supervisor_nip, "name", e->supervisor_name)
					   : json_null();
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:{s:s, s:s, s:o}, s:{s:s, s:s}, s:o, s:s, s:b}", "nip", e->nip,
			      "name", e->name, "employment", e->employment, "golongan", e->golongan, "position", "name",
			      e->position_name, "kind", e->position_kind, "jenjang",
			      e->jenjang[0] ? json_string(e->jenjang) : json_null(), "unit", "code", e->unit_code, "name",
			      e->unit_name, "supervisor", sup, "appointed_on", e->appointed_on, "active", e->active);
	if (detail) {
		json_object_set_new(o, "has_domicile", json_boolean(e->has_domicile));
		json_object_set_new(o, "domicile", e->has_domicile ? json_pack("{s:f, s:f}", "lat", e->domicile_lat, "lon",
										e->domicile_lon)
								   : json_null());
		json_object_set_new(o, "subordinates", json_integer(e->subordinates));
	}
	return o;
}

static int add_item(void *ctx, const struct employee_row *e)
{
	json_array_append_new(ctx, api_employee_json(e, false));
	return 0;
}

void api_employees_list(struct api_call *call)
{
	bool bad_page = false, bad_size = false;
	long page = api_query_long(call, "page", 1, 1, 1000000, &bad_page);
	long per_page = api_query_long(call, "per_page", 50, 1, API_PAGE_MAX, &bad_size);
	if (bad_page)
		return api_error(call, 422, "invalid", "page", "page must be a whole number from 1.",
				 "page harus bilangan bulat mulai dari 1.");
	if (bad_size)
		return api_error(call, 422, "invalid", "per_page", "per_page must be a whole number from 1 to 200.",
				 "per_page harus bilangan bulat dari 1 sampai 200.");
	const char *unit = http_query(call->req, "unit"), *q = http_query(call->req, "q");
	if (q && strlen(q) > 100)
		return api_error(call, 422, "invalid", "q", "The search text is too long (100 characters at most).",
				 "Teks pencarian terlalu panjang (paling banyak 100 karakter).");
	struct scope scope;
	roles_scope(call->actor, &scope);
	struct unit_row filter = {0};
	int rc = db_begin_read(call->conn);
	if (!rc && unit && *unit && (rc = unit_get(call->conn, unit, &filter)) == ERR_NOT_FOUND) {
		db_rollback(call->conn);
		return api_error(call, 404, "unknown_unit", "unit", "No unit has this code.", "Tidak ada unit dengan kode ini.");
	}
	json_t *items = json_array();
	int64_t total = 0;
	struct employee_query query = {&scope, filter.path, q ? q : "", (int)per_page, (int)((page - 1) * per_page)};
	if (!rc)
		rc = employees_search(call->conn, &query, add_item, items, &total);
	db_rollback(call->conn);
	if (rc) {
		json_decref(items);
		return api_error_from(call, rc, NULL);
	}
	api_reply(call, 200, json_pack("{s:o, s:I, s:i, s:i}", "items", items, "total", (json_int_t)total, "page",
				       (int)page, "per_page", (int)per_page));
}

void api_employee_get(struct api_call *call)
{
	api_reply(call, 200, api_employee_json(call->employee, true));
}

static const struct api_field employee_fields[] = {
	{"nip", T_STRING, false, false},           {"name", T_STRING, false, false},
	{"employment", T_STRING, false, false},    {"golongan", T_STRING, false, false},
	{"position_name", T_STRING, false, false}, {"position_kind", T_STRING, false, false},
	{"unit_code", T_STRING, false, false},     {"supervisor_nip", T_STRING, false, true},
	{"appointed_on", T_STRING, false, false},  {"domicile_lat", T_NUMBER, false, true},
	{"domicile_lon", T_NUMBER, false, true},   {"active", T_BOOL, false, false},
	{0}};

/* Validation reports CSV column names; the API speaks its own field names. */
static const char *api_field_of(const char *column)
{
	static const char *const map[][2] = {
		{"nama", "name"}, {"jenis_pegawai", "employment"}, {"jabatan", "position_name"},
		{"jenis_jabatan", "position_kind"}, {"unit_kode", "unit_code"}, {"atasan_nip", "supervisor_nip"},
		{"tmt_jabatan", "appointed_on"}, {"domisili_lat", "domicile_lat"}, {"domisili_lon", "domicile_lon"}};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (!strcmp(map[i][0], column))
			return map[i][1];
	return column;
}

static void apply_employee_fields(json_t *in, struct org_employee *e)
{
	e->name = api_str(in, "name", e->name);
	e->employment = api_str(in, "employment", e->employment);
	e->golongan = api_str(in, "golongan", e->golongan);
	e->position_name = api_str(in, "position_name", e->position_name);
	e->position_kind = api_str(in, "position_kind", e->position_kind);
	e->unit_code = api_str(in, "unit_code", e->unit_code);
	if (api_has(in, "supervisor_nip"))
		e->supervisor_nip = api_str(in, "supervisor_nip", "");
	e->appointed_on = api_str(in, "appointed_on", e->appointed_on);
	if (api_has(in, "domicile_lat") || api_has(in, "domicile_lon")) {
		e->has_domicile = json_is_number(json_object_get(in, "domicile_lat"));
		e->domicile_lat = api_num(in, "domicile_lat", 0);
		e->domicile_lon = api_num(in, "domicile_lon", 0);
	}
	if (api_has(in, "active"))
		e->active = json_is_true(json_object_get(in, "active"));
}

static bool employee_valid(struct api_call *call, json_t *in, const struct org_employee *e)
{
	json_t *lat = json_object_get(in, "domicile_lat"), *lon = json_object_get(in, "domicile_lon");
	if ((lat || lon) && json_is_number(lat) != json_is_number(lon))
		return api_error(call, 422, "invalid", "domicile_lat", "Give both domicile_lat and domicile_lon, or neither.",
				 "Isi domicile_lat dan domicile_lon keduanya, atau kosongkan keduanya."), false;
	struct org_problem p[4];
	if (org_validate_employee(e, p, 4) == 0)
		return true;
	api_error(call, 422, "invalid", api_field_of(p[0].field), p[0].message_en, p[0].message_id);
	return false;
}

static void reply_saved(struct api_call *call, int rc, const char *field, const char *nip, bool create)
{
	if (rc == ERR_CONFLICT && field && !strcmp(field, "supervisor_nip"))
		return api_error(call, 409, "supervisor_cycle", field,
				 "This supervisor would make the chain circular (an employee above themself).",
				 "Atasan ini membuat rantai atasan melingkar (pegawai menjadi atasan dirinya sendiri).");
	if (rc == ERR_CONFLICT)
		return api_error(call, 409, "duplicate", "nip", "An employee with this NIP already exists.",
				 "Pegawai dengan NIP ini sudah ada.");
	if (rc == ERR_NOT_FOUND && field && !strcmp(field, "unit_code"))
		return api_error(call, 422, "unknown_unit", field, "No unit has this code.", "Tidak ada unit dengan kode ini.");
	if (rc == ERR_NOT_FOUND && field && !strcmp(field, "supervisor_nip"))
		return api_error(call, 422, "unknown_supervisor", field, "No employee has this supervisor NIP.",
				 "Tidak ada pegawai dengan NIP atasan ini.");
	if (rc)
		return api_error_from(call, rc, field);
	struct employee_row *row = xcalloc(1, sizeof *row);
	rc = db_begin_read(call->conn);
	if (!rc)
		rc = employee_get(call->conn, nip, row);
	db_rollback(call->conn);
	if (rc)
		api_error_from(call, rc, NULL);
	else
		api_reply(call, create ? 201 : 200, api_employee_json(row, true));
	free(row);
}

/* kepala_opd may only place employees inside their own body. */
static bool unit_allowed(struct api_call *call, const char *unit_code)
{
	if (call->actor->roles & ROLE_ADMIN_BKD)
		return true;
	struct unit_row u;
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = unit_get(call->conn, unit_code, &u);
	db_rollback(call->conn);
	struct access_target t = {.unit_path = rc ? "" : u.path};
	return rc == 0 && roles_allows(call->actor, ACCESS_EMPLOYEE_WRITE, &t);
}

static void save_employee(struct api_call *call, const struct org_employee *e, bool create)
{
	const char *field = NULL;
	if (!create && !unit_allowed(call, e->unit_code))
		return api_error_from(call, ERR_FORBIDDEN, "unit_code");
	int rc = db_begin_write(call->conn);
	if (!rc)
		rc = employee_save(call->conn, e, create, call->actor->username, &field);
	if (!rc)
		rc = db_commit(call->conn);
	else
		db_rollback(call->conn);
	reply_saved(call, rc, field, e->nip, create);
}

void api_employee_create(struct api_call *call)
{
	json_t *in = api_read_object(call, employee_fields);
	if (!in)
		return;
	struct org_employee e = {.name = "", .employment = "", .golongan = "", .position_name = "",
				 .position_kind = "", .unit_code = "", .supervisor_nip = "", .appointed_on = "",
				 .active = true};
	e.nip = call->req->nparams ? call->req->params[0] : api_str(in, "nip", "");
	if (call->req->nparams && api_has(in, "nip") && strcmp(api_str(in, "nip", ""), e.nip)) {
		json_decref(in);
		return api_error(call, 422, "invalid", "nip", "The NIP in the body differs from the one in the path.",
				 "NIP di isi permintaan berbeda dengan NIP di alamat.");
	}
	apply_employee_fields(in, &e);
	if (employee_valid(call, in, &e))
		save_employee(call, &e, true);
	json_decref(in);
}

void api_employee_patch(struct api_call *call)
{
	json_t *in = api_read_object(call, employee_fields);
	if (!in)
		return;
	struct org_employee e;
	employee_row_to_org(call->employee, &e);
	if (api_has(in, "nip") && strcmp(api_str(in, "nip", ""), e.nip)) {
		json_decref(in);
		return api_error(call, 422, "invalid", "nip", "A NIP cannot be changed.", "NIP tidak dapat diubah.");
	}
	apply_employee_fields(in, &e);
	if (employee_valid(call, in, &e))
		save_employee(call, &e, false);
	json_decref(in);
}
