/* import.c - bulk upsert of units and employees (see import.h).
 *
 * The checks that need the whole data set happen in memory first (maps from
 * code/NIP to an index over "database rows + file rows"), so a refused file
 * is reported completely and costs no writes. Writing is then plain
 * prepared-statement upserts in one transaction. */
#include "store/import.h"
#include "store/audit.h"
#include "store/org_store.h"
#include "core/err.h"
#include "core/mem.h"
#include "core/strmap.h"

#include <sodium.h>
#include <stdio.h>
#include <pthread.h>
#include <string.h>
#include <strings.h>

#define IMPORT_MAX_ROWS 5000000

static long line_of(const long *lines, long i)
{
	return lines ? lines[i] : i + 2;
}

static void problem(struct orgcsv_problems *p, long line, const char *col, const char *fmt_id,
		    const char *fmt_en, const char *value)
{
	char id[200], en[200];
	snprintf(id, sizeof id, fmt_id, value);
	snprintf(en, sizeof en, fmt_en, value);
	orgcsv_add(p, line, col, id, en);
}

static void sha256_hex(const char *text, char out[65])
{
	static const char digits[] = "0123456789abcdef";
	uint8_t h[32];
	crypto_hash_sha256(h, (const uint8_t *)text, strlen(text));
	for (int i = 0; i < 32; i++) {
		out[2 * i] = digits[h[i] >> 4];
		out[2 * i + 1] = digits[h[i] & 15];
	}
	out[64] = '\0';
}

static int append_audit(struct db_conn *c, const struct import_request *req, const char *action, long n)
{
	char object[64], digest[65], after[128];
	snprintf(object, sizeof object, "%s:%ld rows", action + strlen("import."), n);
	if (req->digest_of)
		sha256_hex(req->digest_of, digest);
	snprintf(after, sizeof after, "{\"rows\":%ld,\"sha256\":\"%s\"}", n, req->digest_of ? digest : "");
	struct audit_event ev = {req->actor, action, object, NULL, after};
	return audit_append(c, &ev);
}

/* Finish the transaction: commit, or roll back for a dry run or an error. */
static int finish(struct db_conn *c, int rc, bool dry_run)
{
	if (rc || dry_run) {
		db_rollback(c);
		return rc;
	}
	return db_commit(c);
}

/* Report every file row on a cycle of the parent/supervisor graph, if any.
 * file_rows maps a key to its row index in the file. */
static void report_cycle(const struct strmap *index, const long *parent, long n, const struct strmap *file_rows,
			 const long *lines, struct orgcsv_problems *p, const char *column, const char *fmt_id,
			 const char *fmt_en)
{
	long bad = org_find_supervisor_cycle(parent, n);
	if (bad < 0)
		return;
	const char **key_of = xcalloc((size_t)n, sizeof *key_of);
	for (size_t s = 0; s < index->cap; s++)
		if (index->keys[s])
			key_of[index->values[s]] = index->keys[s];
	long k = bad;
	do {
		int64_t row;
		if (key_of[k] && strmap_get(file_rows, key_of[k], &row))
			problem(p, line_of(lines, (long)row), column, fmt_id, fmt_en, key_of[k]);
		k = parent[k];
	} while (k >= 0 && k != bad);
	free(key_of);
}

/* ---- units ---- */

struct unit_graph {
	struct strmap index;   /* code -> index in parent[] */
	long *parent;          /* index of the parent or -1 */
	int64_t *id;           /* database id or 0 */
	long n, cap;
};

static long graph_add(struct unit_graph *g, const char *code, int64_t id)
{
	int64_t at;
	if (strmap_get(&g->index, code, &at)) {
		if (id)
			g->id[at] = id;
		return (long)at;
	}
	if (g->n == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 1024;
		g->parent = xrealloc(g->parent, (size_t)g->cap * sizeof *g->parent);
		g->id = xrealloc(g->id, (size_t)g->cap * sizeof *g->id);
	}
	g->parent[g->n] = -1;
	g->id[g->n] = id;
	strmap_put(&g->index, code, g->n);
	return g->n++;
}

static void graph_free(struct unit_graph *g)
{
	strmap_free(&g->index);
	free(g->parent);
	free(g->id);
}

/* Load every existing unit (code, id, parent code) into the graph. */
static int load_units(struct db_conn *c, struct unit_graph *g)
{
	struct db_stmt *s = db_prepare(c, "SELECT u.code, u.id, COALESCE(p.code, '') FROM unit u"
					  " LEFT JOIN unit p ON p.id = u.parent_id");
	if (!s)
		return ERR_DB;
	int rc;
	while ((rc = db_step(s)) == 1) {
		long i = graph_add(g, db_col_text(s, 0), db_col_int(s, 1));
		const char *pc = db_col_text(s, 2);
		if (*pc)
			g->parent[i] = graph_add(g, pc, 0);
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static void check_unit_refs(struct unit_graph *g, const struct org_unit *rows, const long *lines, long n,
			    struct orgcsv_problems *p)
{
	struct strmap seen;
	strmap_init(&seen);
	for (long i = 0; i < n; i++)
		if (strmap_get(&seen, rows[i].code, NULL))
			problem(p, line_of(lines, i), "kode", "Kode unit \"%s\" muncul lebih dari sekali dalam berkas.",
				"Unit code \"%s\" appears more than once in the file.", rows[i].code);
		else
			strmap_put(&seen, rows[i].code, i);
	for (long i = 0; i < n; i++) /* every file row first, so a parent later in the file is found */
		graph_add(g, rows[i].code, 0);
	for (long i = 0; i < n; i++) {
		long self = graph_add(g, rows[i].code, 0);
		const char *pc = rows[i].parent_code ? rows[i].parent_code : "";
		int64_t at;
		g->parent[self] = -1;
		if (!*pc)
			continue;
		if (!strmap_get(&g->index, pc, &at) || (g->id[at] == 0 && !strmap_get(&seen, pc, NULL))) {
			problem(p, line_of(lines, i), "induk_kode", "Unit induk \"%s\" tidak ada di berkas maupun di basis data.",
				"Parent unit \"%s\" is neither in the file nor in the database.", pc);
			continue;
		}
		g->parent[self] = (long)at;
	}
	report_cycle(&g->index, g->parent, g->n, &seen, lines, p, "induk_kode",
		     "Unit \"%s\" menjadi induk dari dirinya sendiri melalui rantai induk.",
		     "Unit \"%s\" would become its own ancestor through the parent chain.");
	strmap_free(&seen);
}

static const char SQL_UNIT_UPSERT[] =
	"INSERT INTO unit (instansi_id, code, name, kind, face_to_face, lat, lon, radius_m, service_open,"
	" service_close, path) VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8, $9, '')"
	" ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind,"
	" face_to_face = excluded.face_to_face, lat = excluded.lat, lon = excluded.lon,"
	" radius_m = excluded.radius_m, service_open = excluded.service_open,"
	" service_close = excluded.service_close RETURNING id";

/* Run a prepared upsert whose RETURNING gives the row id. */
static int step_returning_id(struct db_stmt *s, int64_t *id)
{
	int rc = db_step(s);
	if (rc == 1)
		*id = db_col_int(s, 0);
	db_reset(s);
	return rc == 1 ? 0 : (rc < 0 ? rc : ERR_DB);
}

static int upsert_unit(struct db_conn *c, const struct org_unit *u, int64_t *id)
{
	struct db_stmt *s = db_prepare(c, SQL_UNIT_UPSERT);
	if (!s)
		return ERR_DB;
	unit_bind_fields(s, u);
	return step_returning_id(s, id);
}

/* Recompute every unit's materialised path ("/id/id/.../") from parent ids. */
static int rebuild_paths(struct db_conn *c, struct unit_graph *g)
{
	long n = g->n;
	char **path = xcalloc((size_t)n, sizeof *path);
	int rc = 0;
	for (long i = 0; i < n; i++) {
		long chain[256], depth = 0;
		for (long k = i; k >= 0 && !path[k] && depth < 256; k = g->parent[k])
			chain[depth++] = k;
		for (long d = depth - 1; d >= 0; d--) {
			long k = chain[d];
			const char *pp = g->parent[k] >= 0 ? path[g->parent[k]] : "/";
			path[k] = xasprintf("%s%lld/", pp ? pp : "/", (long long)g->id[k]);
		}
	}
	struct db_stmt *s = db_prepare(c, "UPDATE unit SET parent_id = $2, path = $3 WHERE id = $1");
	for (long i = 0; s && !rc && i < n; i++) {
		if (!g->id[i])
			continue;
		db_bind_int(s, 1, g->id[i]);
		if (g->parent[i] >= 0)
			db_bind_int(s, 2, g->id[g->parent[i]]);
		else
			db_bind_null(s, 2);
		db_bind_text(s, 3, path[i]);
		int r = db_step(s);
		db_reset(s);
		rc = r < 0 ? r : 0;
	}
	for (long i = 0; i < n; i++)
		free(path[i]);
	free(path);
	return s ? rc : ERR_DB;
}

static int write_units(struct db_conn *c, struct unit_graph *g, const struct org_unit *rows, long n,
		       const struct import_request *req)
{
	for (long i = 0; i < n; i++) {
		int64_t id = 0, at;
		int rc = upsert_unit(c, &rows[i], &id);
		if (rc)
			return rc;
		strmap_get(&g->index, rows[i].code, &at);
		g->id[at] = id;
		if (req->progress && (i % 1000 == 999 || i == n - 1))
			req->progress(req->progress_ctx, i + 1, n);
	}
	return rebuild_paths(c, g);
}

int import_units(struct db *db, const struct org_unit *rows, const long *lines, long n,
		 const struct import_request *req, struct orgcsv_problems *problems)
{
	if (n > IMPORT_MAX_ROWS)
		return ERR_TOO_BIG;
	struct db_conn *c = db_acquire(db);
	struct unit_graph g = {0};
	int rc = db_begin_write(c);
	if (!rc)
		rc = org_lock_tree(c);
	if (!rc)
		rc = load_units(c, &g);
	if (!rc) {
		check_unit_refs(&g, rows, lines, n, problems);
		if (problems->total)
			rc = ERR_INVALID;
	}
	if (!rc)
		rc = write_units(c, &g, rows, n, req);
	if (!rc)
		rc = append_audit(c, req, "import.units", n);
	rc = finish(c, rc, req->dry_run);
	graph_free(&g);
	db_release(db, c);
	return rc;
}

/* ---- employees ---- */

struct people {
	struct strmap index;  /* nip -> index */
	long *sup;            /* supervisor index or -1 */
	int64_t *id;          /* database id or 0 */
	long n, cap;
};

static long people_add(struct people *g, const char *nip, int64_t id)
{
	int64_t at;
	if (strmap_get(&g->index, nip, &at)) {
		if (id)
			g->id[at] = id;
		return (long)at;
	}
	if (g->n == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 4096;
		g->sup = xrealloc(g->sup, (size_t)g->cap * sizeof *g->sup);
		g->id = xrealloc(g->id, (size_t)g->cap * sizeof *g->id);
	}
	g->sup[g->n] = -1;
	g->id[g->n] = id;
	strmap_put(&g->index, nip, g->n);
	return g->n++;
}

static void people_free(struct people *g)
{
	strmap_free(&g->index);
	free(g->sup);
	free(g->id);
}

static int load_code_map(struct db_conn *c, const char *sql, struct strmap *m)
{
	struct db_stmt *s = db_prepare(c, sql);
	if (!s)
		return ERR_DB;
	int rc;
	while ((rc = db_step(s)) == 1)
		strmap_put(m, db_col_text(s, 0), db_col_int(s, 1));
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static int load_people(struct db_conn *c, struct people *g)
{
	struct db_stmt *s = db_prepare(c, "SELECT e.nip, e.id, COALESCE(s.nip, '') FROM employee e"
					  " LEFT JOIN employee s ON s.id = e.supervisor_id");
	if (!s)
		return ERR_DB;
	int rc;
	while ((rc = db_step(s)) == 1) {
		long i = people_add(g, db_col_text(s, 0), db_col_int(s, 1));
		const char *sn = db_col_text(s, 2);
		if (*sn)
			g->sup[i] = people_add(g, sn, 0);
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static bool has_text(const char *s)
{
	return s && *s;
}

static void check_employee_refs(struct people *g, const struct strmap *units, const struct org_employee *rows,
				const long *lines, long n, struct orgcsv_problems *p)
{
	struct strmap seen;
	strmap_init(&seen);
	for (long i = 0; i < n; i++) {
		if (strmap_get(&seen, rows[i].nip, NULL))
			problem(p, line_of(lines, i), "nip", "NIP %s muncul lebih dari sekali dalam berkas.",
				"NIP %s appears more than once in the file.", rows[i].nip);
		else
			strmap_put(&seen, rows[i].nip, i);
		if (has_text(rows[i].unit_code) && !strmap_get(units, rows[i].unit_code, NULL))
			problem(p, line_of(lines, i), "unit_kode", "Unit \"%s\" tidak dikenal; impor unit terlebih dahulu.",
				"Unknown unit \"%s\"; import the units first.", rows[i].unit_code);
	}
	for (long i = 0; i < n; i++) /* every file row first, so a supervisor later in the file is found */
		people_add(g, rows[i].nip, 0);
	for (long i = 0; i < n; i++) {
		long self = people_add(g, rows[i].nip, 0);
		g->sup[self] = -1;
		if (!has_text(rows[i].supervisor_nip))
			continue;
		int64_t at;
		if (!strmap_get(&g->index, rows[i].supervisor_nip, &at) ||
		    (g->id[at] == 0 && !strmap_get(&seen, rows[i].supervisor_nip, NULL))) {
			problem(p, line_of(lines, i), "atasan_nip", "Atasan dengan NIP %s tidak ada di berkas maupun di basis data.",
				"Supervisor with NIP %s is neither in the file nor in the database.", rows[i].supervisor_nip);
			continue;
		}
		g->sup[self] = (long)at;
	}
	report_cycle(&g->index, g->sup, g->n, &seen, lines, p, "atasan_nip",
		     "Pegawai %s menjadi atasan dari dirinya sendiri melalui rantai atasan.",
		     "Employee %s would become their own supervisor through the supervisor chain.");
	strmap_free(&seen);
}

static const char SQL_POSITION_UPSERT[] =
	"INSERT INTO position (name, kind, jenjang) VALUES ($1, $2, $3)"
	" ON CONFLICT (name, kind) DO UPDATE SET jenjang = excluded.jenjang RETURNING id";
/* The id is given (see reserve_ids) and so is the supervisor: every row is
 * written once, complete. */
static const char SQL_EMPLOYEE_UPSERT[] =
	"INSERT INTO employee (id, nip, name, name_lower, employment, golongan, unit_id, position_id,"
	" appointed_on, domicile_lat, domicile_lon, active, supervisor_id)"
	" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
	" ON CONFLICT (nip) DO UPDATE SET name = excluded.name, name_lower = excluded.name_lower,"
	" employment = excluded.employment, golongan = excluded.golongan, unit_id = excluded.unit_id,"
	" position_id = excluded.position_id, appointed_on = excluded.appointed_on,"
	" domicile_lat = excluded.domicile_lat, domicile_lon = excluded.domicile_lon, active = excluded.active,"
	" supervisor_id = excluded.supervisor_id"
	" RETURNING id";

static int position_id(struct db_conn *c, struct strmap *positions, const struct org_employee *e, int64_t *id)
{
	char key[ORG_NAME_MAX * 2];
	snprintf(key, sizeof key, "%s|%s", e->position_kind, e->position_name);
	if (strmap_get(positions, key, id))
		return 0;
	struct db_stmt *s = db_prepare(c, SQL_POSITION_UPSERT);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, e->position_name);
	db_bind_text(s, 2, e->position_kind);
	db_bind_text(s, 3, org_jenjang_of(e->position_name));
	int rc = step_returning_id(s, id);
	if (!rc)
		strmap_put(positions, key, *id);
	return rc;
}

/* Bulk writes: one statement per IMPORT_BATCH rows instead of one per row
 * (on PostgreSQL every statement is a network round trip: row by row, 200,000
 * employees took 133 s; see README "Figures"). The batch SQL is built once;
 * the remainder goes through the single-row statement above, so the
 * statement cache (keyed by the SQL pointer) holds two shapes per table.
 *
 * Each row is written once, with its supervisor: new rows get their ids
 * before the insert (reserve_ids), and rows are written supervisor first
 * (write_order), so a supervisor's id is always known and its row present
 * when a subordinate names it. Foreign keys are checked at the end of each
 * statement on both engines, so a supervisor in the same batch is fine.
 * (Linking supervisors in a second pass, as before, rewrote every row: a
 * second heap version and five index entries per employee, plus the
 * foreign-key check; at 4.7 million employees that pass alone ran for more
 * than 14 minutes on PostgreSQL.) */
#define IMPORT_BATCH 200
#define EMPLOYEE_COLS 13
#define ID_CHUNK 65536L

static char sql_employee_batch[sizeof SQL_EMPLOYEE_UPSERT + IMPORT_BATCH * EMPLOYEE_COLS * 8 + 64];
static pthread_once_t batch_sql_once = PTHREAD_ONCE_INIT;

static void build_batch_sql(void)
{
	struct buf b;
	buf_init(&b, sizeof sql_employee_batch);
	const char *values = strstr(SQL_EMPLOYEE_UPSERT, "($1");
	const char *conflict = strstr(SQL_EMPLOYEE_UPSERT, " ON CONFLICT");
	buf_append(&b, SQL_EMPLOYEE_UPSERT, (size_t)(values - SQL_EMPLOYEE_UPSERT));
	for (int r = 0; r < IMPORT_BATCH; r++) {
		buf_printf(&b, "%s(", r ? ", " : "");
		for (int k = 1; k <= EMPLOYEE_COLS; k++)
			buf_printf(&b, "$%d%s", r * EMPLOYEE_COLS + k, k < EMPLOYEE_COLS ? ", " : ")");
	}
	buf_printf(&b, "%s", conflict);
	snprintf(sql_employee_batch, sizeof sql_employee_batch, "%s", b.data);
	buf_free(&b);
}

static void bind_employee(struct db_stmt *s, int base, const struct org_employee *e, int64_t id, int64_t unit_id,
			  int64_t pos_id, int64_t sup_id)
{
	char lower[ORG_NAME_MAX + 1];
	employee_name_key(e->name, lower, sizeof lower);
	db_bind_int(s, base + 1, id);
	db_bind_text(s, base + 2, e->nip);
	db_bind_text(s, base + 3, e->name);
	db_bind_text(s, base + 4, lower);
	db_bind_text(s, base + 5, e->employment);
	db_bind_text(s, base + 6, e->golongan);
	db_bind_int(s, base + 7, unit_id);
	db_bind_int(s, base + 8, pos_id);
	db_bind_text(s, base + 9, e->appointed_on);
	if (e->has_domicile) {
		db_bind_real(s, base + 10, e->domicile_lat);
		db_bind_real(s, base + 11, e->domicile_lon);
	} else {
		db_bind_null(s, base + 10);
		db_bind_null(s, base + 11);
	}
	db_bind_bool(s, base + 12, e->active);
	if (sup_id)
		db_bind_int(s, base + 13, sup_id);
	else
		db_bind_null(s, base + 13);
}

/* The people index of a file row (every file row is in g, see
 * check_employee_refs). */
static long self_of(const struct people *g, const struct org_employee *e)
{
	int64_t at = -1;
	strmap_get(&g->index, e->nip, &at);
	return (long)at;
}

/* Give every new person (no database id yet) an id, in file order, the id
 * the row-by-row insert would have produced. On PostgreSQL from the identity
 * sequence, one value per file row, because an INSERT ... ON CONFLICT takes
 * one for an existing row as well (65,536 per round trip); on SQLite counting
 * on from the largest id, as rowid assignment does (the write lock is held). */
static int reserve_ids(struct db_conn *c, struct people *g, const struct org_employee *rows, long n)
{
	bool pg = db_conn_dialect(c) == DB_POSTGRES;
	long need = 0;
	for (long i = 0; i < n; i++)
		need += pg || g->id[self_of(g, &rows[i])] == 0;
	if (!need)
		return 0;
	int64_t next = 0;
	int rc = 0;
	if (!pg) {
		struct db_stmt *s = db_prepare(c, "SELECT COALESCE(MAX(id), 0) FROM employee");
		if (!s)
			return ERR_DB;
		rc = db_step(s);
		if (rc == 1)
			next = db_col_int(s, 0) + 1;
		db_reset(s);
		if (rc != 1)
			return rc < 0 ? rc : ERR_DB;
		rc = 0;
	}
	struct db_stmt *s = NULL;
	long left = 0; /* values still to read from s (PostgreSQL) */
	for (long i = 0; !rc && i < n; i++) {
		long self = self_of(g, &rows[i]);
		if (!pg) {
			if (!g->id[self])
				g->id[self] = next++;
			continue;
		}
		if (!left) {
			left = need < ID_CHUNK ? need : ID_CHUNK;
			need -= left;
			/* The identity sequence by name (pg_001): a constant, resolved
			 * once; looking it up per row was ten times slower. */
			s = db_prepare(c, "SELECT nextval('employee_id_seq') FROM generate_series(1, $1)");
			if (!s)
				return ERR_DB;
			db_bind_int(s, 1, left);
		}
		int r = db_step(s);
		if (r == 1) {
			if (!g->id[self])
				g->id[self] = db_col_int(s, 0);
			if (--left == 0)
				db_reset(s);
		} else {
			db_reset(s);
			rc = r < 0 ? r : ERR_DB;
		}
	}
	return rc;
}

/* The order to write the file rows in: the file's order, except that a
 * supervisor who is new (not yet in the database) and further down the file
 * is written first, with that supervisor's own chain, so the row it names
 * exists when the statement ends. The graph is acyclic (checked before), so
 * this ends; a file already in supervisor-first order, as the demo's is, is
 * written as it stands. */
static long *write_order(const struct people *g, const struct org_employee *rows, long n, const bool *was_new)
{
	long *order = xmalloc((size_t)(n ? n : 1) * sizeof *order);
	long *row_of = xmalloc((size_t)(g->n ? g->n : 1) * sizeof *row_of); /* people index -> file row */
	long *stack = xmalloc((size_t)(n ? n : 1) * sizeof *stack);
	bool *done = xcalloc((size_t)(n ? n : 1), sizeof *done);
	for (long k = 0; k < g->n; k++)
		row_of[k] = -1;
	for (long i = 0; i < n; i++)
		row_of[self_of(g, &rows[i])] = i;
	long m = 0;
	for (long i = 0; i < n; i++) {
		long depth = 0;
		for (long r = i; r >= 0 && !done[r]; ) {
			stack[depth++] = r;
			done[r] = true;
			long sup = g->sup[self_of(g, &rows[r])];
			r = sup >= 0 && was_new[sup] ? row_of[sup] : -1;
		}
		while (depth > 0)
			order[m++] = stack[--depth];
	}
	free(row_of);
	free(stack);
	free(done);
	return order;
}

static int upsert_employee(struct db_conn *c, const struct people *g, const struct org_employee *e,
			   int64_t unit_id, int64_t pos_id)
{
	struct db_stmt *s = db_prepare(c, SQL_EMPLOYEE_UPSERT);
	if (!s)
		return ERR_DB;
	long self = self_of(g, e);
	bind_employee(s, 0, e, g->id[self], unit_id, pos_id, g->sup[self] >= 0 ? g->id[g->sup[self]] : 0);
	int64_t id;
	return step_returning_id(s, &id);
}

/* Upsert the IMPORT_BATCH rows rows[at[0]], rows[at[1]], ... in one statement. */
static int upsert_employee_batch(struct db_conn *c, const struct people *g, const struct org_employee *rows,
				 const long *at, const int64_t *unit_ids, const int64_t *pos_ids)
{
	struct db_stmt *s = db_prepare(c, sql_employee_batch);
	if (!s)
		return ERR_DB;
	for (int r = 0; r < IMPORT_BATCH; r++) {
		long self = self_of(g, &rows[at[r]]);
		bind_employee(s, r * EMPLOYEE_COLS, &rows[at[r]], g->id[self], unit_ids[r], pos_ids[r],
			      g->sup[self] >= 0 ? g->id[g->sup[self]] : 0);
	}
	int rc, got = 0;
	while ((rc = db_step(s)) == 1)
		got++;
	db_reset(s);
	if (rc < 0)
		return rc;
	return got == IMPORT_BATCH ? 0 : ERR_DB;
}

static int write_employees(struct db_conn *c, struct people *g, const struct strmap *units,
			   const struct org_employee *rows, long n, const struct import_request *req)
{
	pthread_once(&batch_sql_once, build_batch_sql);
	bool *was_new = xcalloc((size_t)(g->n ? g->n : 1), sizeof *was_new);
	for (long k = 0; k < g->n; k++)
		was_new[k] = g->id[k] == 0;
	int rc = reserve_ids(c, g, rows, n);
	long *order = write_order(g, rows, n, was_new);
	free(was_new);
	struct strmap positions;
	strmap_init(&positions);
	int64_t unit_ids[IMPORT_BATCH], pos_ids[IMPORT_BATCH];
	if (!rc)
		rc = load_code_map(c, "SELECT kind || '|' || name, id FROM position", &positions);
	for (long i = 0; !rc && i < n;) {
		long take = n - i >= IMPORT_BATCH ? IMPORT_BATCH : 1;
		for (long r = 0; !rc && r < take; r++) {
			const struct org_employee *e = &rows[order[i + r]];
			unit_ids[r] = 0;
			strmap_get(units, e->unit_code, &unit_ids[r]);
			rc = position_id(c, &positions, e, &pos_ids[r]);
		}
		if (!rc && take == IMPORT_BATCH)
			rc = upsert_employee_batch(c, g, rows, &order[i], unit_ids, pos_ids);
		else if (!rc)
			rc = upsert_employee(c, g, &rows[order[i]], unit_ids[0], pos_ids[0]);
		long before = i;
		i += take;
		if (req->progress && (before / 1000 != i / 1000 || i == n))
			req->progress(req->progress_ctx, i, n);
	}
	strmap_free(&positions);
	free(order);
	return rc;
}

int import_employees(struct db *db, const struct org_employee *rows, const long *lines, long n,
		     const struct import_request *req, struct orgcsv_problems *problems)
{
	if (n > IMPORT_MAX_ROWS)
		return ERR_TOO_BIG;
	struct db_conn *c = db_acquire(db);
	struct people g = {0};
	struct strmap units;
	strmap_init(&units);
	int rc = db_begin_write(c);
	if (!rc)
		rc = org_lock_tree(c);
	if (!rc)
		rc = load_code_map(c, "SELECT code, id FROM unit", &units);
	if (!rc)
		rc = load_people(c, &g);
	if (!rc) {
		check_employee_refs(&g, &units, rows, lines, n, problems);
		if (problems->total)
			rc = ERR_INVALID;
	}
	if (!rc)
		rc = write_employees(c, &g, &units, rows, n, req);
	if (!rc)
		rc = append_audit(c, req, "import.employees", n);
	rc = finish(c, rc, req->dry_run);
	strmap_free(&units);
	people_free(&g);
	db_release(db, c);
	return rc;
}

int import_csv(struct db *db, const char *kind, const char *data, size_t len, const struct import_request *req,
	       struct orgcsv_problems *problems, long *rows_out)
{
	struct csv_table t;
	*rows_out = 0;
	int rc = csvtable_parse(data, len, IMPORT_MAX_ROWS, &t);
	if (rc) {
		orgcsv_add(problems, 0, "", "Berkas CSV tidak dapat dibaca.", t.error[0] ? t.error : "Malformed CSV.");
		return rc == ERR_TOO_BIG ? ERR_TOO_BIG : ERR_INVALID;
	}
	long n = 0, *lines = NULL;
	bool units = !strcmp(kind, "units");
	void *rows = NULL;
	if (units)
		rc = orgcsv_units(&t, (struct org_unit **)&rows, &lines, &n, problems);
	else
		rc = orgcsv_employees(&t, (struct org_employee **)&rows, &lines, &n, problems);
	*rows_out = n;
	if (!rc && problems->total)
		rc = ERR_INVALID;
	/* Reference checks run even when some rows are invalid, so a person gets
	 * every problem in one pass; the import itself is then refused. */
	if (!rc || (rc == ERR_INVALID && rows && problems->total < ORGCSV_MAX_LISTED)) {
		struct import_request dry = *req;
		dry.dry_run = dry.dry_run || rc;
		int rc2 = units ? import_units(db, rows, lines, n, &dry, problems)
				: import_employees(db, rows, lines, n, &dry, problems);
		if (!rc)
			rc = rc2;
	}
	free(rows);
	free(lines);
	csvtable_free(&t);
	return rc;
}
