/* units.c - the unit tree and single units. */
#include "api/api.h"
#include "core/err.h"
#include "core/mem.h"
#include "core/strmap.h"

#include <string.h>

static json_t *opt_str(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

json_t *api_unit_json(const struct unit_row *u)
{
	return json_pack("{s:s, s:s, s:s, s:o, s:b, s:o, s:o, s:i, s:o, s:o, s:I}", "code", u->code, "name", u->name,
			 "kind", u->kind, "parent_code", opt_str(u->parent_code), "face_to_face", u->face_to_face, "lat",
			 u->has_location ? json_real(u->lat) : json_null(), "lon",
			 u->has_location ? json_real(u->lon) : json_null(), "radius_m", u->radius_m, "service_open",
			 opt_str(u->service_open), "service_close", opt_str(u->service_close), "employees",
			 (json_int_t)u->employees);
}

/* Building the tree: rows arrive ordered by path, so a parent always comes
 * before its children and can be found by code. */
struct tree_builder {
	json_t *roots;
	struct strmap index;   /* code -> position in nodes */
	json_t **nodes;
	long n, cap;
};

static int add_node(void *ctx, const struct unit_row *u)
{
	struct tree_builder *t = ctx;
	json_t *node = api_unit_json(u);
	json_object_set_new(node, "employees_direct", json_integer(u->employees));
	json_object_set_new(node, "children", json_array());
	int64_t at;
	if (u->parent_code[0] && strmap_get(&t->index, u->parent_code, &at))
		json_array_append_new(json_object_get(t->nodes[at], "children"), node);
	else
		json_array_append_new(t->roots, node);
	if (t->n == t->cap)
		t->nodes = xrealloc(t->nodes, (size_t)(t->cap = t->cap ? t->cap * 2 : 512) * sizeof *t->nodes);
	t->nodes[t->n] = node;
	strmap_put(&t->index, u->code, t->n++);
	return 0;
}

/* Replace each node's direct count by its subtree total (children first). */
static json_int_t sum_subtree(json_t *node)
{
	json_int_t total = json_integer_value(json_object_get(node, "employees_direct"));
	size_t i;
	json_t *child;
	json_array_foreach(json_object_get(node, "children"), i, child)
		total += sum_subtree(child);
	json_object_set_new(node, "employees", json_integer(total));
	return total;
}

void api_units_tree(struct api_call *call)
{
	struct tree_builder t = {.roots = json_array()};
	strmap_init(&t.index);
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = units_each(call->conn, add_node, &t);
	db_rollback(call->conn);
	strmap_free(&t.index);
	free(t.nodes);
	if (rc) {
		json_decref(t.roots);
		return api_error_from(call, rc, NULL);
	}
	size_t i;
	json_t *root;
	json_array_foreach(t.roots, i, root)
		sum_subtree(root);
	api_reply(call, 200, json_pack("{s:o}", "items", t.roots));
}

static int add_child(void *ctx, const struct unit_row *u)
{
	json_array_append_new(ctx, json_pack("{s:s, s:s, s:s, s:b, s:I}", "code", u->code, "name", u->name, "kind",
					     u->kind, "face_to_face", u->face_to_face, "employees",
					     (json_int_t)u->employees));
	return 0;
}

/* The ancestors of u, root first. */
static int ancestors(struct db_conn *c, const struct unit_row *u, json_t *path)
{
	struct unit_row *p = xmalloc(sizeof *p);
	int64_t at = u->parent_id;
	int rc = 0;
	for (int depth = 0; at && depth < 32 && !rc; depth++) {
		rc = unit_get_by_id(c, at, p);
		if (!rc) {
			json_array_insert_new(path, 0, json_pack("{s:s, s:s}", "code", p->code, "name", p->name));
			at = p->parent_id;
		}
	}
	free(p);
	return rc;
}

void api_unit_get(struct api_call *call)
{
	json_t *out = api_unit_json(call->unit), *path = json_array(), *children = json_array();
	int64_t total = 0;
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = ancestors(call->conn, call->unit, path);
	if (!rc)
		rc = unit_subtree_employees(call->conn, call->unit->path, &total);
	if (!rc)
		rc = unit_children(call->conn, call->unit->id, add_child, children);
	db_rollback(call->conn);
	json_object_set_new(out, "path", path);
	json_object_set_new(out, "children", children);
	json_object_set_new(out, "employees_total", json_integer(total));
	if (rc) {
		json_decref(out);
		return api_error_from(call, rc, NULL);
	}
	api_reply(call, 200, out);
}

static const struct api_field unit_fields[] = {
	{"code", T_STRING, false, false},         {"name", T_STRING, false, false},
	{"parent_code", T_STRING, false, true},   {"kind", T_STRING, false, false},
	{"face_to_face", T_BOOL, false, false},   {"lat", T_NUMBER, false, true},
	{"lon", T_NUMBER, false, true},           {"radius_m", T_INTEGER, false, false},
	{"service_open", T_STRING, false, true},  {"service_close", T_STRING, false, true},
	{0}};

/* Overlay the fields present in the body onto u. */
static void apply_unit_fields(json_t *in, struct org_unit *u)
{
	u->name = api_str(in, "name", u->name);
	u->kind = api_str(in, "kind", u->kind);
	if (api_has(in, "parent_code"))
		u->parent_code = api_str(in, "parent_code", "");
	if (api_has(in, "face_to_face"))
		u->face_to_face = json_is_true(json_object_get(in, "face_to_face"));
	if (api_has(in, "lat") || api_has(in, "lon")) {
		u->has_location = json_is_number(json_object_get(in, "lat")) && json_is_number(json_object_get(in, "lon"));
		u->lat = api_num(in, "lat", 0);
		u->lon = api_num(in, "lon", 0);
	}
	if (api_has(in, "radius_m")) { /* a JSON integer may not fit an int: out of range is refused below */
		json_int_t r = json_integer_value(json_object_get(in, "radius_m"));
		u->radius_m = r < 0 || r > 100000 ? -1 : (int)r;
	}
	if (api_has(in, "service_open"))
		u->service_open = api_str(in, "service_open", NULL);
	if (api_has(in, "service_close"))
		u->service_close = api_str(in, "service_close", NULL);
}

/* Validation reports CSV column names; the API speaks its own field names. */
static const char *api_unit_field_of(const char *column)
{
	static const char *const map[][2] = {{"kode", "code"}, {"nama", "name"}, {"induk_kode", "parent_code"},
					     {"jenis", "kind"}, {"layanan_tatap_muka", "service_open"}};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (!strcmp(map[i][0], column))
			return map[i][1];
	return column;
}

/* Validate; reply with the first problem and return false when invalid. */
static bool unit_valid(struct api_call *call, const struct org_unit *u, bool lat_lon_pair)
{
	struct org_problem p[4];
	if (!lat_lon_pair)
		return api_error(call, 422, "invalid", "lat", "Give both lat and lon, or neither.",
				 "Isi lat dan lon keduanya, atau kosongkan keduanya."), false;
	if (u->radius_m < 10 || u->radius_m > 5000)
		return api_error(call, 422, "invalid", "radius_m", "radius_m must be a whole number of metres from 10 to 5000.",
				 "radius_m harus bilangan bulat meter dari 10 sampai 5000."), false;
	if (org_validate_unit(u, p, 4) == 0)
		return true;
	api_error(call, 422, "invalid", api_unit_field_of(p[0].field), p[0].message_en, p[0].message_id);
	return false;
}

static bool lat_lon_paired(json_t *in)
{
	json_t *lat = json_object_get(in, "lat"), *lon = json_object_get(in, "lon");
	return json_is_number(lat) == json_is_number(lon);
}

static void save_unit(struct api_call *call, const struct org_unit *u, bool create)
{
	const char *field = NULL;
	int rc = db_begin_write(call->conn);
	if (!rc)
		rc = create ? unit_create(call->conn, u, call->actor->username, &field)
			    : unit_update(call->conn, u, call->actor->username, &field);
	if (!rc)
		rc = db_commit(call->conn);
	else
		db_rollback(call->conn);
	if (rc == ERR_CONFLICT && field && !strcmp(field, "parent_code"))
		return api_error(call, 409, "cycle", field, "A unit cannot be moved under itself or its own sub-unit.",
				 "Unit tidak dapat dipindah ke bawah dirinya sendiri atau sub-unitnya.");
	if (rc == ERR_CONFLICT)
		return api_error(call, 409, "duplicate", "code", "A unit with this code already exists.",
				 "Unit dengan kode ini sudah ada.");
	if (rc == ERR_NOT_FOUND && field)
		return api_error(call, 422, "unknown_unit", field, "The parent unit does not exist.",
				 "Unit induk tidak ada.");
	if (rc)
		return api_error_from(call, rc, field);
	struct unit_row row;
	if (db_begin_read(call->conn) == 0 && unit_get(call->conn, u->code, &row) == 0) {
		db_rollback(call->conn);
		return api_reply(call, create ? 201 : 200, api_unit_json(&row));
	}
	db_rollback(call->conn);
	api_error_from(call, ERR_DB, NULL);
}

void api_unit_create(struct api_call *call)
{
	json_t *in = api_read_object(call, unit_fields);
	if (!in)
		return;
	struct org_unit u = {.radius_m = 100};
	u.code = call->req->nparams ? call->req->params[0] : api_str(in, "code", "");
	if (call->req->nparams && api_has(in, "code") && strcmp(api_str(in, "code", ""), u.code)) {
		json_decref(in);
		return api_error(call, 422, "invalid", "code", "The code in the body differs from the one in the path.",
				 "Kode di isi permintaan berbeda dengan kode di alamat.");
	}
	u.name = "";
	u.kind = "";
	apply_unit_fields(in, &u);
	if (unit_valid(call, &u, lat_lon_paired(in)))
		save_unit(call, &u, true);
	json_decref(in);
}

void api_unit_patch(struct api_call *call)
{
	json_t *in = api_read_object(call, unit_fields);
	if (!in)
		return;
	struct org_unit u;
	unit_row_to_org(call->unit, &u);
	if (api_has(in, "code") && strcmp(api_str(in, "code", ""), u.code)) {
		json_decref(in);
		return api_error(call, 422, "invalid", "code", "A unit's code cannot be changed.",
				 "Kode unit tidak dapat diubah.");
	}
	bool moves = api_has(in, "parent_code") && strcmp(api_str(in, "parent_code", ""), u.parent_code);
	if (moves && !(call->actor->roles & ROLE_ADMIN_BKD)) {
		json_decref(in);
		return api_error_from(call, ERR_FORBIDDEN, "parent_code"); /* only BKD reshapes the tree */
	}
	apply_unit_fields(in, &u);
	if (unit_valid(call, &u, lat_lon_paired(in) || (!api_has(in, "lat") && !api_has(in, "lon"))))
		save_unit(call, &u, false);
	json_decref(in);
}
