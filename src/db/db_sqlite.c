/* db_sqlite.c - the SQLite engine behind db.h.
 *
 * One sqlite3 handle per pooled connection (opened with NOMUTEX: the pool
 * guarantees one thread at a time). WAL with synchronous=NORMAL, a bounded
 * journal, foreign keys on, and a busy timeout so concurrent writers wait.
 * Write transactions use BEGIN IMMEDIATE: a deferred transaction that later
 * upgrades to a write fails with SQLITE_BUSY without waiting. SQL arrives with
 * $1..$n parameters (the shared dialect) and is rewritten to ?1..?n once, at
 * prepare time; statements are cached per connection by SQL text address. */
#include "db/engine.h"
#include "core/err.h"
#include "core/log.h"
#include "core/mem.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define STMT_CACHE_MAX 512

struct sqlite_stmt {
	struct db_stmt base;
	const char *key;     /* the caller's SQL pointer */
	sqlite3_stmt *stmt;
};

struct sqlite_conn {
	struct db_conn base;
	sqlite3 *handle;
	struct sqlite_stmt *cache[STMT_CACHE_MAX];
	int ncache;
	char *wal_path;      /* NULL for an in-memory database */
	int wal_fd;          /* opened by the first sqlite_durable; -1 before */
};

static struct sqlite_conn *conn_of(struct db_conn *c) { return (struct sqlite_conn *)c; }
static sqlite3_stmt *raw(struct db_stmt *s) { return ((struct sqlite_stmt *)s)->stmt; }

/* Map an SQLite result code to a project error code. */
static int sqlite_err(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_DONE:
	case SQLITE_ROW:
		return 0;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return ERR_BUSY;
	case SQLITE_CONSTRAINT:
		if (rc == SQLITE_CONSTRAINT_CHECK || rc == SQLITE_CONSTRAINT_NOTNULL ||
		    rc == SQLITE_CONSTRAINT_DATATYPE)
			return ERR_INVALID;
		return ERR_CONFLICT;
	case SQLITE_TOOBIG:
		return ERR_TOO_BIG;
	}
	return ERR_DB;
}

static int sqlite_connect(const char *uri, struct db_conn **out, char *err, size_t errlen)
{
	struct sqlite_conn *c = xcalloc(1, sizeof *c);
	int rc = sqlite3_open_v2(uri, &c->handle,
				 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "cannot open SQLite database %s: %s", uri,
			 c->handle ? sqlite3_errmsg(c->handle) : sqlite3_errstr(rc));
		sqlite3_close(c->handle);
		free(c);
		return ERR_IO;
	}
	sqlite3_extended_result_codes(c->handle, 1);
	sqlite3_busy_timeout(c->handle, 10000);
	rc = sqlite3_exec(c->handle,
			  "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
			  "PRAGMA journal_size_limit=67108864; PRAGMA foreign_keys=ON;"
			  "PRAGMA cache_size=-32768; PRAGMA temp_store=MEMORY;",
			  NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "cannot configure SQLite database %s: %s", uri,
			 sqlite3_errmsg(c->handle));
		sqlite3_close(c->handle);
		free(c);
		return ERR_IO;
	}
	const char *file = sqlite3_db_filename(c->handle, "main");
	c->wal_path = file && *file ? xstrdup(sqlite3_filename_wal(file)) : NULL;
	c->wal_fd = -1;
	*out = &c->base;
	return 0;
}

static void sqlite_disconnect(struct db_conn *dc)
{
	struct sqlite_conn *c = conn_of(dc);
	for (int i = 0; i < c->ncache; i++) {
		sqlite3_finalize(c->cache[i]->stmt);
		free(c->cache[i]);
	}
	sqlite3_close(c->handle);
	if (c->wal_fd >= 0)
		close(c->wal_fd);
	free(c->wal_path);
	free(c);
}

static int sqlite_exec(struct db_conn *dc, const char *sql)
{
	struct sqlite_conn *c = conn_of(dc);
	int rc = sqlite3_exec(c->handle, sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		log_warn("sqlite exec failed: %s", sqlite3_errmsg(c->handle));
	return sqlite_err(rc);
}

static struct db_stmt *sqlite_prepare(struct db_conn *dc, const char *sql);
static int sqlite_step(struct db_stmt *s);

/* BEGIN, COMMIT and ROLLBACK run as cached statements: sqlite3_exec would
 * compile them again on every request (the statement cache keys on these
 * strings' addresses). */
static const char SQL_BEGIN_READ[] = "BEGIN", SQL_BEGIN_WRITE[] = "BEGIN IMMEDIATE", SQL_COMMIT[] = "COMMIT",
		  SQL_ROLLBACK[] = "ROLLBACK";

static int run_cached(struct db_conn *dc, const char *sql)
{
	struct db_stmt *s = sqlite_prepare(dc, sql);
	if (!s)
		return ERR_DB;
	int rc = sqlite_step(s);
	sqlite3_reset(raw(s));
	return rc < 0 ? rc : 0;
}

static int sqlite_begin(struct db_conn *c, bool write)
{
	return run_cached(c, write ? SQL_BEGIN_WRITE : SQL_BEGIN_READ);
}

static int sqlite_commit(struct db_conn *c)
{
	return run_cached(c, SQL_COMMIT);
}

/* fdatasync of the WAL file through a descriptor of our own: a sync
 * flushes the file, whichever descriptor wrote it. The WAL file stays while
 * any connection is open; the inode check still reopens it should it have
 * been replaced. */
static int sqlite_durable(struct db_conn *dc)
{
	struct sqlite_conn *c = conn_of(dc);
	if (!c->wal_path)
		return 0;
	struct stat held, named;
	if (c->wal_fd >= 0 && (fstat(c->wal_fd, &held) || stat(c->wal_path, &named) || held.st_ino != named.st_ino ||
			       held.st_dev != named.st_dev)) {
		close(c->wal_fd);
		c->wal_fd = -1;
	}
	if (c->wal_fd < 0 && (c->wal_fd = open(c->wal_path, O_RDONLY | O_CLOEXEC)) < 0) {
		log_error("cannot open %s to sync it", c->wal_path);
		return ERR_IO;
	}
	if (fdatasync(c->wal_fd)) {
		log_error("fdatasync of %s failed", c->wal_path);
		return ERR_IO;
	}
	return 0;
}

static bool sqlite_inserted_row(struct db_conn *dc, int64_t *id)
{
	struct sqlite_conn *c = conn_of(dc);
	if (sqlite3_changes(c->handle) != 1)
		return false;
	*id = sqlite3_last_insert_rowid(c->handle);
	return true;
}

static void sqlite_rollback(struct db_conn *dc)
{
	struct sqlite_conn *c = conn_of(dc);
	if (!sqlite3_get_autocommit(c->handle))
		run_cached(dc, SQL_ROLLBACK);
}

/* Rewrite $N parameters to ?N outside quoted literals. Caller frees. */
static char *rewrite_params(const char *sql)
{
	char *out = xstrdup(sql);
	char quote = 0;
	for (char *p = out; *p; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
		} else if (*p == '\'' || *p == '"') {
			quote = *p;
		} else if (*p == '$' && p[1] >= '0' && p[1] <= '9') {
			*p = '?';
		}
	}
	return out;
}

static struct db_stmt *sqlite_prepare(struct db_conn *dc, const char *sql)
{
	struct sqlite_conn *c = conn_of(dc);
	for (int i = 0; i < c->ncache; i++)
		if (c->cache[i]->key == sql)
			return &c->cache[i]->base;
	char *text = rewrite_params(sql);
	sqlite3_stmt *stmt = NULL;
	int rc = sqlite3_prepare_v3(c->handle, text, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
	free(text);
	if (rc != SQLITE_OK) {
		log_error("sqlite prepare failed: %s in: %.200s", sqlite3_errmsg(c->handle), sql);
		return NULL;
	}
	struct sqlite_stmt *s = xcalloc(1, sizeof *s);
	s->base.conn = dc;
	s->key = sql;
	s->stmt = stmt;
	if (c->ncache == STMT_CACHE_MAX) { /* evict the oldest; rare */
		sqlite3_finalize(c->cache[0]->stmt);
		free(c->cache[0]);
		memmove(c->cache, c->cache + 1, sizeof c->cache[0] * (STMT_CACHE_MAX - 1));
		c->ncache--;
	}
	c->cache[c->ncache++] = s;
	return &s->base;
}

static void sqlite_bind_int(struct db_stmt *s, int i, int64_t v) { sqlite3_bind_int64(raw(s), i, v); }
static void sqlite_bind_real(struct db_stmt *s, int i, double v) { sqlite3_bind_double(raw(s), i, v); }
static void sqlite_bind_null(struct db_stmt *s, int i) { sqlite3_bind_null(raw(s), i); }
static void sqlite_bind_bool(struct db_stmt *s, int i, bool v) { sqlite3_bind_int(raw(s), i, v ? 1 : 0); }

static void sqlite_bind_text(struct db_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(raw(s), i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(raw(s), i);
}

static int sqlite_step(struct db_stmt *s)
{
	int rc = sqlite3_step(raw(s));
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	struct sqlite_conn *c = conn_of(s->conn);
	int code = sqlite_err(sqlite3_extended_errcode(c->handle));
	if (code != ERR_CONFLICT && code != ERR_INVALID)
		log_warn("sqlite step failed: %s", sqlite3_errmsg(c->handle));
	return code ? code : ERR_DB;
}

static void sqlite_reset(struct db_stmt *s)
{
	sqlite3_reset(raw(s));
	sqlite3_clear_bindings(raw(s));
}

static int sqlite_column_count(struct db_stmt *s) { return sqlite3_column_count(raw(s)); }
static bool sqlite_col_null(struct db_stmt *s, int col) { return sqlite3_column_type(raw(s), col) == SQLITE_NULL; }
static int64_t sqlite_col_int(struct db_stmt *s, int col) { return sqlite3_column_int64(raw(s), col); }
static double sqlite_col_real(struct db_stmt *s, int col) { return sqlite3_column_double(raw(s), col); }
static bool sqlite_col_bool(struct db_stmt *s, int col) { return sqlite3_column_int(raw(s), col) != 0; }

static const char *sqlite_col_text(struct db_stmt *s, int col)
{
	const unsigned char *t = sqlite3_column_text(raw(s), col);
	return t ? (const char *)t : "";
}

static const char *sqlite_errmsg(struct db_conn *c)
{
	return sqlite3_errmsg(conn_of(c)->handle);
}

const struct db_engine db_sqlite_engine = {
	.dialect = DB_SQLITE,
	.connect = sqlite_connect,
	.disconnect = sqlite_disconnect,
	.begin = sqlite_begin,
	.commit = sqlite_commit,
	.durable = sqlite_durable,
	.inserted_row = sqlite_inserted_row,
	.rollback = sqlite_rollback,
	.exec = sqlite_exec,
	.prepare = sqlite_prepare,
	.bind_int = sqlite_bind_int,
	.bind_real = sqlite_bind_real,
	.bind_text = sqlite_bind_text,
	.bind_null = sqlite_bind_null,
	.bind_bool = sqlite_bind_bool,
	.step = sqlite_step,
	.reset = sqlite_reset,
	.column_count = sqlite_column_count,
	.col_null = sqlite_col_null,
	.col_int = sqlite_col_int,
	.col_real = sqlite_col_real,
	.col_text = sqlite_col_text,
	.col_bool = sqlite_col_bool,
	.errmsg = sqlite_errmsg,
};
