/* employees.c - one employee at a time, and scoped search (see org_store.h). */
#include "store/org_store.h"
#include "store/audit.h"
#include "store/org_canon.h"
#include "core/err.h"
#include "core/mem.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define EMP_COLUMNS                                                                                        \
	"e.id, e.nip, e.name, e.employment, e.golongan, p.name, p.kind, COALESCE(p.jenjang, ''), u.code,"   \
	" u.name, u.path, COALESCE(e.supervisor_id, 0), COALESCE(s.nip, ''), COALESCE(s.name, ''),"          \
	" e.appointed_on, e.active, e.domicile_lat IS NOT NULL, COALESCE(e.domicile_lat, 0),"                \
	" COALESCE(e.domicile_lon, 0)"
#define EMP_FROM                                                                                      \
	" FROM employee e JOIN unit u ON u.id = e.unit_id JOIN position p ON p.id = e.position_id"   \
	" LEFT JOIN employee s ON s.id = e.supervisor_id"

static const char SQL_GET[] = "SELECT " EMP_COLUMNS ", (SELECT COUNT(*) FROM employee x WHERE x.supervisor_id = e.id"
			      " AND x.active = TRUE)" EMP_FROM " WHERE e.nip = $1";

/* Search SQL is assembled once per shape (scoped or not, unit filter or
 * not, text or not) so each shape gets a plan that can use its index, and
 * the statement cache sees one stable pointer per shape. Parameters are
 * numbered in the order scope, unit, text, limit, offset. */
enum { SHAPE_SCOPED = 1, SHAPE_UNIT = 2, SHAPE_TEXT = 4, SHAPE_NIP = 8, NSHAPES = 16 };
static char *search_sql[NSHAPES], *count_sql[NSHAPES];
static pthread_once_t shapes_once = PTHREAD_ONCE_INIT;

static char *where_clause(int shape, int *next)
{
	struct buf b;
	buf_init(&b, 4096);
	buf_puts(&b, " WHERE TRUE");
	if (shape & SHAPE_SCOPED) {
		/* UNION, not UNION ALL: should a supervisor cycle ever be written by
		 * hand into the database, the walk still ends. */
		buf_printf(&b, " AND (e.unit_id IN (SELECT id FROM unit WHERE path LIKE CAST($%d AS TEXT) || '%%')"
			       " OR e.id = $%d OR e.id IN (WITH RECURSIVE sub(id) AS (SELECT id FROM employee"
			       " WHERE supervisor_id = $%d UNION SELECT x.id FROM employee x JOIN sub"
			       " ON x.supervisor_id = sub.id) SELECT id FROM sub))",
			   *next, *next + 1, *next + 2);
		*next += 3;
	}
	if (shape & SHAPE_UNIT)
		buf_printf(&b, " AND e.unit_id IN (SELECT id FROM unit WHERE path LIKE CAST($%d AS TEXT) || '%%')", (*next)++);
	if (shape & SHAPE_TEXT) /* a name substring: a scan, the text is short and rare */
		buf_printf(&b, " AND e.name_lower LIKE '%%' || CAST($%d AS TEXT) || '%%'", (*next)++);
	if (shape & SHAPE_NIP) { /* digits: a NIP prefix, as a range the unique index answers */
		buf_printf(&b, " AND e.nip >= CAST($%d AS TEXT) AND e.nip < CAST($%d AS TEXT) || ':'", *next, *next);
		(*next)++;
	}
	return buf_steal(&b);
}

static void build_shapes(void)
{
	for (int shape = 0; shape < NSHAPES; shape++) {
		int next = 1;
		char *where = where_clause(shape, &next);
		count_sql[shape] = xasprintf("SELECT COUNT(*) FROM employee e%s", where);
		/* Page over the narrow index columns first, then join the page's
		 * rows: the sort then carries ids, not whole joined rows. */
		search_sql[shape] = xasprintf("SELECT " EMP_COLUMNS " FROM (SELECT e.id FROM employee e%s"
					      " ORDER BY e.name_lower, e.nip LIMIT $%d OFFSET $%d) page"
					      " JOIN employee e ON e.id = page.id JOIN unit u ON u.id = e.unit_id"
					      " JOIN position p ON p.id = e.position_id LEFT JOIN employee s ON s.id = e.supervisor_id"
					      " ORDER BY e.name_lower, e.nip",
					      where, next, next + 1);
		free(where);
	}
}

static void copy(char *dst, size_t cap, const char *src)
{
	snprintf(dst, cap, "%s", src);
}

static void read_row(struct db_stmt *s, struct employee_row *e)
{
	memset(e, 0, sizeof *e);
	e->id = db_col_int(s, 0);
	copy(e->nip, sizeof e->nip, db_col_text(s, 1));
	copy(e->name, sizeof e->name, db_col_text(s, 2));
	copy(e->employment, sizeof e->employment, db_col_text(s, 3));
	copy(e->golongan, sizeof e->golongan, db_col_text(s, 4));
	copy(e->position_name, sizeof e->position_name, db_col_text(s, 5));
	copy(e->position_kind, sizeof e->position_kind, db_col_text(s, 6));
	copy(e->jenjang, sizeof e->jenjang, db_col_text(s, 7));
	copy(e->unit_code, sizeof e->unit_code, db_col_text(s, 8));
	copy(e->unit_name, sizeof e->unit_name, db_col_text(s, 9));
	copy(e->unit_path, sizeof e->unit_path, db_col_text(s, 10));
	e->supervisor_id = db_col_int(s, 11);
	copy(e->supervisor_nip, sizeof e->supervisor_nip, db_col_text(s, 12));
	copy(e->supervisor_name, sizeof e->supervisor_name, db_col_text(s, 13));
	copy(e->appointed_on, sizeof e->appointed_on, db_col_text(s, 14));
	e->active = db_col_bool(s, 15);
	e->has_domicile = db_col_bool(s, 16);
	e->domicile_lat = db_col_real(s, 17);
	e->domicile_lon = db_col_real(s, 18);
}

/* Lower-case ASCII and drop LIKE wildcards from a search text. */
static void normalise_query(const char *q, char *out, size_t cap)
{
	size_t n = 0;
	for (; q && *q && n + 1 < cap; q++) {
		if (*q == '%' || *q == '_' || *q == '\\')
			continue;
		out[n++] = (*q >= 'A' && *q <= 'Z') ? (char)(*q + 32) : *q;
	}
	out[n] = '\0';
}

static int shape_of(const struct employee_query *q, const char *text)
{
	bool digits = *text && strspn(text, "0123456789") == strlen(text);
	return (q->scope->all ? 0 : SHAPE_SCOPED) | (q->unit_path && *q->unit_path ? SHAPE_UNIT : 0) |
	       (*text ? (digits ? SHAPE_NIP : SHAPE_TEXT) : 0);
}

/* Bind the shape's parameters in order; returns the next index. */
static int bind_shape(struct db_stmt *s, int shape, const struct employee_query *q, const char *text)
{
	int i = 1;
	if (shape & SHAPE_SCOPED) {
		/* "-" matches no path (paths start with "/"), for actors who head no body. */
		db_bind_text(s, i++, q->scope->unit_path && *q->scope->unit_path ? q->scope->unit_path : "-");
		db_bind_int(s, i++, q->scope->self_id);
		db_bind_int(s, i++, q->scope->supervisor_id);
	}
	if (shape & SHAPE_UNIT)
		db_bind_text(s, i++, q->unit_path);
	if (shape & (SHAPE_TEXT | SHAPE_NIP))
		db_bind_text(s, i++, text);
	return i;
}

int employees_search(struct db_conn *c, const struct employee_query *q,
		     int (*cb)(void *ctx, const struct employee_row *e), void *ctx, int64_t *total)
{
	char text[ORG_NAME_MAX + 1];
	normalise_query(q->q, text, sizeof text);
	pthread_once(&shapes_once, build_shapes);
	int shape = shape_of(q, text);
	struct db_stmt *s = db_prepare(c, count_sql[shape]);
	if (!s)
		return ERR_DB;
	bind_shape(s, shape, q, text);
	int rc = db_step(s);
	*total = rc == 1 ? db_col_int(s, 0) : 0;
	db_reset(s);
	if (rc < 0)
		return rc;
	if (!(s = db_prepare(c, search_sql[shape])))
		return ERR_DB;
	int i = bind_shape(s, shape, q, text);
	db_bind_int(s, i, q->limit);
	db_bind_int(s, i + 1, q->offset);
	struct employee_row *e = xmalloc(sizeof *e);
	while ((rc = db_step(s)) == 1) {
		read_row(s, e);
		if (cb(ctx, e))
			break;
	}
	free(e);
	db_reset(s);
	return rc < 0 ? rc : 0;
}

int employee_get(struct db_conn *c, const char *nip, struct employee_row *out)
{
	struct db_stmt *s = db_prepare(c, SQL_GET);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, nip);
	int rc = db_step(s);
	if (rc == 1) {
		read_row(s, out);
		out->subordinates = db_col_int(s, 19);
	}
	db_reset(s);
	return rc == 1 ? 0 : (rc < 0 ? rc : ERR_NOT_FOUND);
}

int employee_is_below(struct db_conn *c, int64_t supervisor_id, int64_t target_id, bool *below)
{
	struct db_stmt *s = db_prepare(c, "SELECT COALESCE(supervisor_id, 0) FROM employee WHERE id = $1");
	if (!s)
		return ERR_DB;
	*below = false;
	int64_t at = target_id;
	for (int depth = 0; at && depth < 64 && !*below; depth++) {
		db_bind_int(s, 1, at);
		int rc = db_step(s);
		at = rc == 1 ? db_col_int(s, 0) : 0;
		db_reset(s);
		if (rc < 0)
			return rc;
		*below = at != 0 && at == supervisor_id;
	}
	return 0;
}

void employee_row_to_org(const struct employee_row *r, struct org_employee *e)
{
	memset(e, 0, sizeof *e);
	e->nip = r->nip;
	e->name = r->name;
	e->employment = r->employment;
	e->golongan = r->golongan;
	e->position_name = r->position_name;
	e->position_kind = r->position_kind;
	e->unit_code = r->unit_code;
	e->supervisor_nip = r->supervisor_nip;
	e->appointed_on = r->appointed_on;
	e->has_domicile = r->has_domicile;
	e->domicile_lat = r->domicile_lat;
	e->domicile_lon = r->domicile_lon;
	e->active = r->active;
}

static int id_of(struct db_conn *c, const char *sql, const char *key, int64_t *id)
{
	struct db_stmt *s = db_prepare(c, sql);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, key);
	int rc = db_step(s);
	*id = rc == 1 ? db_col_int(s, 0) : 0;
	db_reset(s);
	return rc == 1 ? 0 : (rc < 0 ? rc : ERR_NOT_FOUND);
}

static int position_id(struct db_conn *c, const struct org_employee *e, int64_t *id)
{
	struct db_stmt *s = db_prepare(c, "INSERT INTO position (name, kind, jenjang) VALUES ($1, $2, $3)"
					  " ON CONFLICT (name, kind) DO UPDATE SET jenjang = excluded.jenjang RETURNING id");
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, e->position_name);
	db_bind_text(s, 2, e->position_kind);
	db_bind_text(s, 3, org_jenjang_of(e->position_name));
	int rc = db_step(s);
	*id = rc == 1 ? db_col_int(s, 0) : 0;
	db_reset(s);
	return rc == 1 ? 0 : (rc < 0 ? rc : ERR_DB);
}

/* The references of e: unit, position, supervisor (which must not be e
 * itself nor anyone below e). */
struct refs {
	int64_t unit_id, position_id, supervisor_id;
};

static int resolve_refs(struct db_conn *c, const struct org_employee *e, int64_t self_id, struct refs *r,
			const char **field)
{
	int rc = id_of(c, "SELECT id FROM unit WHERE code = $1", e->unit_code, &r->unit_id);
	if (rc)
		return *field = "unit_code", rc;
	r->supervisor_id = 0;
	if (e->supervisor_nip && *e->supervisor_nip) {
		rc = id_of(c, "SELECT id FROM employee WHERE nip = $1", e->supervisor_nip, &r->supervisor_id);
		if (rc)
			return *field = "supervisor_nip", rc;
		bool below = false;
		if (self_id && (r->supervisor_id == self_id ||
				((rc = employee_is_below(c, self_id, r->supervisor_id, &below)) == 0 && below)))
			return *field = "supervisor_nip", ERR_CONFLICT;
		if (rc)
			return rc;
	}
	return position_id(c, e, &r->position_id);
}

void employee_name_key(const char *name, char *out, size_t cap)
{
	size_t i = 0;
	for (; name[i] && i + 1 < cap; i++)
		out[i] = (name[i] >= 'A' && name[i] <= 'Z') ? (char)(name[i] + 32) : name[i];
	out[i] = '\0';
}

static void bind_employee(struct db_stmt *s, const struct org_employee *e, const struct refs *r)
{
	char lower[ORG_NAME_MAX + 1];
	employee_name_key(e->name, lower, sizeof lower);
	db_bind_text(s, 1, e->nip);
	db_bind_text(s, 2, e->name);
	db_bind_text(s, 3, lower);
	db_bind_text(s, 4, e->employment);
	db_bind_text(s, 5, e->golongan);
	db_bind_int(s, 6, r->unit_id);
	db_bind_int(s, 7, r->position_id);
	if (r->supervisor_id)
		db_bind_int(s, 8, r->supervisor_id);
	else
		db_bind_null(s, 8);
	db_bind_text(s, 9, e->appointed_on);
	if (e->has_domicile) {
		db_bind_real(s, 10, e->domicile_lat);
		db_bind_real(s, 11, e->domicile_lon);
	} else {
		db_bind_null(s, 10);
		db_bind_null(s, 11);
	}
	db_bind_bool(s, 12, e->active);
}

static const char SQL_INSERT[] =
	"INSERT INTO employee (nip, name, name_lower, employment, golongan, unit_id, position_id, supervisor_id,"
	" appointed_on, domicile_lat, domicile_lon, active) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";
static const char SQL_UPDATE[] =
	"UPDATE employee SET name = $2, name_lower = $3, employment = $4, golongan = $5, unit_id = $6,"
	" position_id = $7, supervisor_id = $8, appointed_on = $9, domicile_lat = $10, domicile_lon = $11,"
	" active = $12 WHERE nip = $1";

int employee_save(struct db_conn *c, const struct org_employee *e, bool create, const char *actor,
		  const char **field)
{
	int rc = org_lock_tree(c);
	if (rc)
		return rc;
	struct employee_row *old = xcalloc(1, sizeof *old);
	rc = employee_get(c, e->nip, old);
	if (create ? rc == 0 : rc != 0) {
		free(old);
		*field = "nip";
		return rc == 0 ? ERR_CONFLICT : rc;
	}
	struct refs r;
	rc = resolve_refs(c, e, create ? 0 : old->id, &r, field);
	struct db_stmt *s = rc ? NULL : db_prepare(c, create ? SQL_INSERT : SQL_UPDATE);
	if (s) {
		bind_employee(s, e, &r);
		rc = db_step(s);
		db_reset(s);
		rc = rc < 0 ? rc : 0;
	} else if (!rc) {
		rc = ERR_DB;
	}
	if (!rc) {
		struct org_employee before;
		employee_row_to_org(old, &before);
		char *b = create ? NULL : org_canon_employee(&before), *a = org_canon_employee(e);
		char object[64];
		snprintf(object, sizeof object, "employee:%s", e->nip);
		struct audit_event ev = {actor, create ? "employee.create" : "employee.update", object, b, a};
		rc = audit_append(c, &ev);
		free(b);
		free(a);
	}
	free(old);
	return rc;
}
