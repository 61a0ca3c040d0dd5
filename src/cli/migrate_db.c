/* migrate_db.c - `fleksi migrate-db --from PATH --to postgresql://URI`:
 * move an instansi from its SQLite file to PostgreSQL.
 *
 * The target gets the same schema (same binary, same migrations) and must
 * hold no organisation yet. Tables are discovered from the source, so tables
 * added by later migrations move without changes here. Everything is copied
 * in one PostgreSQL transaction: tables in foreign-key order, rows of a
 * table that references itself (unit.parent_id, employee.supervisor_id) in
 * two passes (rows first, self references after). Values travel as text and
 * PostgreSQL parses them into each column's type. The move is verified by
 * row counts and by the audit log's Merkle root on both sides. */
#include "cli/cli.h"
#include "core/err.h"
#include "core/mem.h"
#include "store/audit.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#define MAX_TABLES 128 /* the schema has 64 tables at migration 009; room to grow */
#define MAX_COLUMNS 64

struct table {
	char name[64];
	char cols[MAX_COLUMNS][64];
	int ncols;
	int self_ref[MAX_COLUMNS]; /* 1 when the column references this same table */
	char deps[MAX_TABLES][64]; /* other tables it references */
	int ndeps;
	bool done;
	bool without_rowid;        /* scanned in primary-key order instead */
	int64_t rows;
};

/* Generated SQL must outlive the connections: statements are cached by the
 * address of their text, so no text may be freed and reused meanwhile. */
struct sql_pool {
	char *items[4 * MAX_TABLES];
	int n;
};

static const char *keep(struct sql_pool *p, char *sql)
{
	if (p->n == (int)(sizeof p->items / sizeof p->items[0]))
		abort();
	return p->items[p->n++] = sql;
}

static int read_columns(struct db_conn *src, struct table *t)
{
	struct db_stmt *s = db_prepare(src, "SELECT name FROM pragma_table_info($1) ORDER BY cid");
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, t->name);
	int rc;
	while ((rc = db_step(s)) == 1 && t->ncols < MAX_COLUMNS)
		snprintf(t->cols[t->ncols++], 64, "%s", db_col_text(s, 0));
	db_reset(s);
	if (rc < 0)
		return rc;
	if (!(s = db_prepare(src, "SELECT \"table\", \"from\" FROM pragma_foreign_key_list($1)")))
		return ERR_DB;
	db_bind_text(s, 1, t->name);
	while ((rc = db_step(s)) == 1) {
		const char *ref = db_col_text(s, 0), *from = db_col_text(s, 1);
		if (strcmp(ref, t->name)) {
			if (t->ndeps < MAX_TABLES)
				snprintf(t->deps[t->ndeps++], 64, "%s", ref);
			continue;
		}
		for (int i = 0; i < t->ncols; i++)
			if (!strcmp(t->cols[i], from))
				t->self_ref[i] = 1;
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static int read_tables(struct db_conn *src, struct table *tables, int *n)
{
	struct db_stmt *s = db_prepare(src, "SELECT name, sql LIKE '%WITHOUT ROWID' FROM sqlite_master"
					    " WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migration'"
					    " ORDER BY name");
	if (!s)
		return ERR_DB;
	int rc;
	*n = 0;
	while ((rc = db_step(s)) == 1 && *n < MAX_TABLES) {
		memset(&tables[*n], 0, sizeof tables[*n]);
		tables[*n].without_rowid = db_col_int(s, 1) != 0;
		snprintf(tables[(*n)++].name, 64, "%s", db_col_text(s, 0));
	}
	db_reset(s);
	for (int i = 0; !rc && i < *n; i++)
		rc = read_columns(src, &tables[i]);
	return rc < 0 ? rc : 0;
}

/* Order tables so that every table comes after the tables it references. */
static int order_tables(struct table *tables, int n, int *order)
{
	int placed = 0;
	while (placed < n) {
		int before = placed;
		for (int i = 0; i < n; i++) {
			if (tables[i].done)
				continue;
			bool ready = true;
			for (int d = 0; d < tables[i].ndeps && ready; d++)
				for (int j = 0; j < n; j++)
					if (!strcmp(tables[j].name, tables[i].deps[d]) && !tables[j].done)
						ready = false;
			if (ready) {
				tables[i].done = true;
				order[placed++] = i;
			}
		}
		if (placed == before)
			return ERR_INVALID; /* a reference cycle between tables */
	}
	return 0;
}

static char *insert_sql(const struct table *t)
{
	struct buf b;
	buf_init(&b, 1 << 16);
	buf_printf(&b, "INSERT INTO %s (", t->name);
	for (int i = 0; i < t->ncols; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", t->cols[i]);
	buf_puts(&b, ") VALUES (");
	for (int i = 0; i < t->ncols; i++)
		buf_printf(&b, "%s$%d", i ? ", " : "", i + 1);
	buf_puts(&b, ")");
	return buf_steal(&b);
}

/* Copy one table's rows; self references are written as NULL here and set
 * by fix_self_refs once every row exists. */
static int copy_rows(struct db_conn *src, struct db_conn *dst, struct table *t, struct sql_pool *pool)
{
	/* insertion order for rowid tables; a WITHOUT ROWID table (the day
	 * tables, sqlite_015_tally.sql) has no rowid and is read in key order */
	const char *sel = keep(pool, xasprintf(t->without_rowid ? "SELECT * FROM %s" : "SELECT * FROM %s ORDER BY rowid",
					       t->name));
	const char *ins = keep(pool, insert_sql(t));
	struct db_stmt *s = db_prepare(src, sel), *w = db_prepare(dst, ins);
	if (!s || !w)
		return ERR_DB;
	int rc;
	while ((rc = db_step(s)) == 1) {
		for (int i = 0; i < t->ncols; i++)
			db_bind_text(w, i + 1, db_col_null(s, i) || t->self_ref[i] ? NULL : db_col_text(s, i));
		int wr = db_step(w);
		db_reset(w);
		if (wr < 0) {
			rc = wr;
			fprintf(stderr, "fleksi: migrate-db: %s row %lld refused: %s\n", t->name, (long long)t->rows + 1,
				db_errmsg(dst));
			break;
		}
		t->rows++;
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static int fix_self_refs(struct db_conn *src, struct db_conn *dst, const struct table *t, struct sql_pool *pool)
{
	for (int i = 0; i < t->ncols; i++) {
		if (!t->self_ref[i])
			continue;
		const char *sel = keep(pool, xasprintf("SELECT id, %s FROM %s WHERE %s IS NOT NULL", t->cols[i], t->name,
						       t->cols[i]));
		const char *upd = keep(pool, xasprintf("UPDATE %s SET %s = $2 WHERE id = $1", t->name, t->cols[i]));
		struct db_stmt *s = db_prepare(src, sel), *w = db_prepare(dst, upd);
		if (!s || !w)
			return ERR_DB;
		int rc;
		while ((rc = db_step(s)) == 1) {
			db_bind_text(w, 1, db_col_text(s, 0));
			db_bind_text(w, 2, db_col_text(s, 1));
			int wr = db_step(w);
			db_reset(w);
			if (wr < 0) {
				rc = wr;
				break;
			}
		}
		db_reset(s);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* The target must not hold an organisation yet; rows that migrations seed
 * (the default instansi, the audit head, default policies) are replaced. */
static int empty_target(struct db_conn *dst, struct table *tables, const int *order, int n, struct sql_pool *pool)
{
	struct db_stmt *s = db_prepare(dst, "SELECT (SELECT COUNT(*) FROM employee) + (SELECT COUNT(*) FROM unit)"
					    " + (SELECT COUNT(*) FROM account)");
	if (!s)
		return ERR_DB;
	int rc = db_step(s);
	int64_t existing = rc == 1 ? db_col_int(s, 0) : -1;
	db_reset(s);
	if (existing != 0)
		return ERR_CONFLICT;
	for (int k = n - 1; k >= 0; k--) {
		const char *del = keep(pool, xasprintf("DELETE FROM %s", tables[order[k]].name));
		if ((rc = db_run(dst, del)))
			return rc;
	}
	return 0;
}

static int advance_sequences(struct db_conn *dst, const struct table *tables, int n, struct sql_pool *pool)
{
	for (int i = 0; i < n; i++) {
		bool has_id = false;
		for (int c = 0; c < tables[i].ncols; c++)
			has_id |= !strcmp(tables[i].cols[c], "id");
		if (!has_id)
			continue;
		const char *sql = keep(pool, xasprintf("SELECT setval(pg_get_serial_sequence('%s', 'id'),"
						       " COALESCE((SELECT MAX(id) FROM %s), 1))", tables[i].name, tables[i].name));
		int rc = db_run(dst, sql);
		if (rc)
			return rc;
	}
	return 0;
}

static int count_rows(struct db_conn *c, const char *table, struct sql_pool *pool, int64_t *n)
{
	struct db_stmt *s = db_prepare(c, keep(pool, xasprintf("SELECT COUNT(*) FROM %s", table)));
	if (!s)
		return ERR_DB;
	int rc = db_step(s);
	*n = rc == 1 ? db_col_int(s, 0) : -1;
	db_reset(s);
	return rc == 1 ? 0 : ERR_DB;
}

static int copy_all(struct db_conn *src, struct db_conn *dst, struct table *tables, int n, struct sql_pool *pool)
{
	int order[MAX_TABLES];
	int rc = order_tables(tables, n, order);
	if (!rc)
		rc = db_begin_read(src);
	if (!rc && (rc = db_begin_write(dst)) != 0)
		db_rollback(src);
	if (rc)
		return rc;
	rc = empty_target(dst, tables, order, n, pool);
	if (rc == ERR_CONFLICT)
		fprintf(stderr, "fleksi: migrate-db: the target already holds units, employees or accounts\n");
	for (int k = 0; !rc && k < n; k++)
		rc = copy_rows(src, dst, &tables[order[k]], pool);
	for (int k = 0; !rc && k < n; k++)
		rc = fix_self_refs(src, dst, &tables[order[k]], pool);
	if (!rc)
		rc = advance_sequences(dst, tables, n, pool);
	for (int k = 0; !rc && k < n; k++) {
		int64_t there = 0;
		rc = count_rows(dst, tables[k].name, pool, &there);
		if (!rc && there != tables[k].rows) {
			fprintf(stderr, "fleksi: migrate-db: %s has %lld rows in the target, %lld in the source\n",
				tables[k].name, (long long)there, (long long)tables[k].rows);
			rc = ERR_CONFLICT;
		}
	}
	db_rollback(src);
	if (rc) {
		db_rollback(dst);
		return rc;
	}
	return db_commit(dst);
}

static int verify_roots(struct db *from, struct db *to)
{
	struct audit_verify_report a, b;
	int rc = audit_verify(from, NULL, &a);
	if (rc)
		return cli_fail("migrate-db: the source audit log does not verify: %s", a.problem[0] ? a.problem : err_name(rc));
	if ((rc = audit_verify(to, NULL, &b)))
		return cli_fail("migrate-db: the copied audit log does not verify: %s", b.problem[0] ? b.problem : err_name(rc));
	if (strcmp(a.root, b.root) || a.entries != b.entries)
		return cli_fail("migrate-db: audit roots differ (%s vs %s)", a.root, b.root);
	printf("audit log: %lld entries, root %s on both sides\n", (long long)b.entries, b.root);
	return 0;
}

static const char migrate_usage[] =
	"usage: fleksi migrate-db --from PATH --to postgresql://URI\n"
	"\n"
	"  Copies everything from an SQLite database into an empty PostgreSQL database\n"
	"  (schema created as needed) in one transaction, then checks row counts and\n"
	"  that the audit log has the same Merkle root on both sides. Keep the key file:\n"
	"  point FLEKSI_AUDIT_KEY (or --audit-key) of the new servers at the old one.\n";

int cmd_migrate_db(int argc, char **argv)
{
	static const struct option longopts[] = {{"from", required_argument, 0, 'f'}, {"to", required_argument, 0, 't'},
						 {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
	const char *from = NULL, *to = NULL;
	int ch;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'f': from = optarg; break;
		case 't': to = optarg; break;
		case 'h': return fputs(migrate_usage, stdout), 0;
		default: return EXIT_USAGE;
		}
	}
	if (!from || !to || optind < argc)
		return cli_usage_error("migrate-db: give --from PATH and --to postgresql://URI");
	if (!strncmp(from, "postgres", 8) || strncmp(to, "postgres", 8))
		return cli_usage_error("migrate-db: --from must be an SQLite file and --to a postgresql:// URI");
	struct db *src = cli_open_db(from, 1), *dst = src ? cli_open_db(to, 1) : NULL;
	if (!src || !dst) {
		db_close(src);
		return 1;
	}
	struct table *tables = xcalloc(MAX_TABLES, sizeof *tables);
	struct sql_pool pool = {0};
	int n = 0;
	struct db_conn *s = db_acquire(src), *d = db_acquire(dst);
	int rc = read_tables(s, tables, &n);
	if (!rc)
		rc = copy_all(s, d, tables, n, &pool);
	db_release(src, s);
	db_release(dst, d);
	if (!rc)
		for (int i = 0; i < n; i++)
			printf("%-28s %10lld rows\n", tables[i].name, (long long)tables[i].rows);
	int status = rc ? cli_fail("migrate-db failed: %s; nothing was written to the target", err_name(rc))
			: verify_roots(src, dst);
	db_close(src);
	db_close(dst);
	for (int i = 0; i < pool.n; i++)
		free(pool.items[i]);
	free(tables);
	return status;
}
