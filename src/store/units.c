/* units.c - one unit at a time: read, create, update (see org_store.h). */
#include "store/org_store.h"
#include "store/audit.h"
#include "store/org_canon.h"
#include "core/err.h"
#include "core/mem.h"

#include <stdio.h>
#include <string.h>

#define UNIT_COLUMNS                                                                                    \
	"u.id, COALESCE(u.parent_id, 0), u.code, u.name, u.kind, COALESCE(p.code, ''), u.face_to_face,"  \
	" u.lat IS NOT NULL, COALESCE(u.lat, 0), COALESCE(u.lon, 0), u.radius_m,"                        \
	" COALESCE(u.service_open, ''), COALESCE(u.service_close, ''), u.path"

static const char SQL_EACH[] =
	"SELECT " UNIT_COLUMNS ", COALESCE(n.cnt, 0) FROM unit u LEFT JOIN unit p ON p.id = u.parent_id"
	" LEFT JOIN (SELECT unit_id, COUNT(*) AS cnt FROM employee WHERE active = TRUE GROUP BY unit_id) n"
	" ON n.unit_id = u.id ORDER BY u.path";
static const char SQL_BY_CODE[] =
	"SELECT " UNIT_COLUMNS ", (SELECT COUNT(*) FROM employee e WHERE e.unit_id = u.id AND e.active = TRUE)"
	" FROM unit u LEFT JOIN unit p ON p.id = u.parent_id WHERE u.code = $1";
static const char SQL_BY_ID[] =
	"SELECT " UNIT_COLUMNS ", (SELECT COUNT(*) FROM employee e WHERE e.unit_id = u.id AND e.active = TRUE)"
	" FROM unit u LEFT JOIN unit p ON p.id = u.parent_id WHERE u.id = $1";
static const char SQL_CHILDREN[] =
	"SELECT " UNIT_COLUMNS ", (SELECT COUNT(*) FROM employee e WHERE e.unit_id = u.id AND e.active = TRUE)"
	" FROM unit u LEFT JOIN unit p ON p.id = u.parent_id WHERE u.parent_id = $1 ORDER BY u.name";

int org_lock_tree(struct db_conn *c)
{
	if (db_conn_dialect(c) != DB_POSTGRES)
		return 0;
	return db_run(c, "SELECT pg_advisory_xact_lock(7245002)");
}

static void copy(char *dst, size_t cap, const char *src)
{
	snprintf(dst, cap, "%s", src);
}

static void read_row(struct db_stmt *s, struct unit_row *u)
{
	memset(u, 0, sizeof *u);
	u->id = db_col_int(s, 0);
	u->parent_id = db_col_int(s, 1);
	copy(u->code, sizeof u->code, db_col_text(s, 2));
	copy(u->name, sizeof u->name, db_col_text(s, 3));
	copy(u->kind, sizeof u->kind, db_col_text(s, 4));
	copy(u->parent_code, sizeof u->parent_code, db_col_text(s, 5));
	u->face_to_face = db_col_bool(s, 6);
	u->has_location = db_col_bool(s, 7);
	u->lat = db_col_real(s, 8);
	u->lon = db_col_real(s, 9);
	u->radius_m = (int)db_col_int(s, 10);
	copy(u->service_open, sizeof u->service_open, db_col_text(s, 11));
	copy(u->service_close, sizeof u->service_close, db_col_text(s, 12));
	copy(u->path, sizeof u->path, db_col_text(s, 13));
	u->employees = db_col_int(s, 14);
}

static int each_row(struct db_stmt *s, int (*cb)(void *, const struct unit_row *), void *ctx)
{
	struct unit_row u;
	int rc;
	while ((rc = db_step(s)) == 1) {
		read_row(s, &u);
		if (cb(ctx, &u))
			break;
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

int units_each(struct db_conn *c, int (*cb)(void *ctx, const struct unit_row *u), void *ctx)
{
	struct db_stmt *s = db_prepare(c, SQL_EACH);
	return s ? each_row(s, cb, ctx) : ERR_DB;
}

int unit_subtree_employees(struct db_conn *c, const char *path, int64_t *n)
{
	struct db_stmt *s = db_prepare(c, "SELECT COUNT(*) FROM employee e WHERE e.active = TRUE AND e.unit_id IN"
					  " (SELECT id FROM unit WHERE path LIKE CAST($1 AS TEXT) || '%')");
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, path);
	int rc = db_step(s);
	*n = rc == 1 ? db_col_int(s, 0) : 0;
	db_reset(s);
	return rc < 0 ? rc : 0;
}

int unit_children(struct db_conn *c, int64_t id, int (*cb)(void *ctx, const struct unit_row *u), void *ctx)
{
	struct db_stmt *s = db_prepare(c, SQL_CHILDREN);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, id);
	return each_row(s, cb, ctx);
}

static int get_one(struct db_stmt *s, struct unit_row *out)
{
	int rc = db_step(s);
	if (rc == 1)
		read_row(s, out);
	db_reset(s);
	return rc == 1 ? 0 : (rc < 0 ? rc : ERR_NOT_FOUND);
}

int unit_get(struct db_conn *c, const char *code, struct unit_row *out)
{
	struct db_stmt *s = db_prepare(c, SQL_BY_CODE);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, code);
	return get_one(s, out);
}

int unit_get_by_id(struct db_conn *c, int64_t id, struct unit_row *out)
{
	struct db_stmt *s = db_prepare(c, SQL_BY_ID);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, id);
	return get_one(s, out);
}

void unit_row_to_org(const struct unit_row *r, struct org_unit *u)
{
	memset(u, 0, sizeof *u);
	u->code = r->code;
	u->name = r->name;
	u->parent_code = r->parent_code;
	u->kind = r->kind;
	u->face_to_face = r->face_to_face;
	u->has_location = r->has_location;
	u->lat = r->lat;
	u->lon = r->lon;
	u->radius_m = r->radius_m;
	u->service_open = r->service_open[0] ? r->service_open : NULL;
	u->service_close = r->service_close[0] ? r->service_close : NULL;
}

void unit_bind_fields(struct db_stmt *s, const struct org_unit *u)
{
	db_bind_text(s, 1, u->code);
	db_bind_text(s, 2, u->name);
	db_bind_text(s, 3, u->kind);
	db_bind_bool(s, 4, u->face_to_face);
	if (u->has_location) {
		db_bind_real(s, 5, u->lat);
		db_bind_real(s, 6, u->lon);
	} else {
		db_bind_null(s, 5);
		db_bind_null(s, 6);
	}
	db_bind_int(s, 7, u->radius_m);
	db_bind_text(s, 8, u->service_open && *u->service_open ? u->service_open : NULL);
	db_bind_text(s, 9, u->service_close && *u->service_close ? u->service_close : NULL);
}

static void bind_fields(struct db_stmt *s, const struct org_unit *u, int64_t parent_id)
{
	unit_bind_fields(s, u);
	if (parent_id)
		db_bind_int(s, 10, parent_id);
	else
		db_bind_null(s, 10);
}

static int audit_unit(struct db_conn *c, const char *actor, const char *action, const struct org_unit *before,
		      const struct org_unit *after)
{
	char *b = before ? org_canon_unit(before) : NULL, *a = org_canon_unit(after);
	char object[64];
	snprintf(object, sizeof object, "unit:%s", after->code);
	struct audit_event ev = {actor, action, object, b, a};
	int rc = audit_append(c, &ev);
	free(b);
	free(a);
	return rc;
}

/* Resolve the parent code into its row; "" means a root. */
static int resolve_parent(struct db_conn *c, const struct org_unit *u, struct unit_row *parent, const char **field)
{
	memset(parent, 0, sizeof *parent);
	if (!u->parent_code || !*u->parent_code)
		return 0;
	int rc = unit_get(c, u->parent_code, parent);
	if (rc == ERR_NOT_FOUND)
		*field = "parent_code";
	return rc;
}

int unit_create(struct db_conn *c, const struct org_unit *u, const char *actor, const char **field)
{
	struct unit_row parent;
	int rc = org_lock_tree(c);
	if (!rc)
		rc = resolve_parent(c, u, &parent, field);
	if (rc)
		return rc;
	struct db_stmt *s = db_prepare(c, "INSERT INTO unit (instansi_id, code, name, kind, face_to_face, lat, lon,"
					  " radius_m, service_open, service_close, parent_id, path)"
					  " VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, '') RETURNING id");
	if (!s)
		return ERR_DB;
	bind_fields(s, u, parent.id);
	rc = db_step(s);
	int64_t id = rc == 1 ? db_col_int(s, 0) : 0;
	db_reset(s);
	if (rc != 1)
		return *field = "code", rc < 0 ? rc : ERR_DB;
	char path[ROLES_PATH_MAX + 32];
	snprintf(path, sizeof path, "%s%lld/", parent.id ? parent.path : "/", (long long)id);
	if (strlen(path) >= ROLES_PATH_MAX)
		return *field = "parent_code", ERR_INVALID; /* nesting deeper than any real organisation */
	if (!(s = db_prepare(c, "UPDATE unit SET path = $2 WHERE id = $1")))
		return ERR_DB;
	db_bind_int(s, 1, id);
	db_bind_text(s, 2, path);
	rc = db_step(s);
	db_reset(s);
	return rc < 0 ? rc : audit_unit(c, actor, "unit.create", NULL, u);
}

/* Move the subtree under old_path to new_path. */
static int move_subtree(struct db_conn *c, const char *old_path, const char *new_path)
{
	struct db_stmt *s = db_prepare(c, "UPDATE unit SET path = CAST($2 AS TEXT) || substr(path, $3)"
					  " WHERE path LIKE CAST($1 AS TEXT) || '%'");
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, old_path);
	db_bind_text(s, 2, new_path);
	db_bind_int(s, 3, (int64_t)strlen(old_path) + 1);
	int rc = db_step(s);
	db_reset(s);
	return rc < 0 ? rc : 0;
}

int unit_update(struct db_conn *c, const struct org_unit *u, const char *actor, const char **field)
{
	struct unit_row old, parent;
	int rc = org_lock_tree(c);
	if (!rc)
		rc = unit_get(c, u->code, &old);
	if (rc)
		return rc;
	if ((rc = resolve_parent(c, u, &parent, field)))
		return rc;
	if (parent.id && roles_path_within(parent.path, old.path))
		return *field = "parent_code", ERR_CONFLICT;
	struct db_stmt *s = db_prepare(c, "UPDATE unit SET name = $2, kind = $3, face_to_face = $4, lat = $5, lon = $6,"
					  " radius_m = $7, service_open = $8, service_close = $9, parent_id = $10"
					  " WHERE code = $1");
	if (!s)
		return ERR_DB;
	bind_fields(s, u, parent.id);
	rc = db_step(s);
	db_reset(s);
	if (rc < 0)
		return rc;
	if (parent.id != old.parent_id) {
		char path[ROLES_PATH_MAX + 32];
		snprintf(path, sizeof path, "%s%lld/", parent.id ? parent.path : "/", (long long)old.id);
		if (strlen(path) >= ROLES_PATH_MAX)
			return *field = "parent_code", ERR_INVALID;
		if ((rc = move_subtree(c, old.path, path)))
			return rc;
	}
	struct org_unit before;
	unit_row_to_org(&old, &before);
	return audit_unit(c, actor, "unit.update", &before, u);
}
