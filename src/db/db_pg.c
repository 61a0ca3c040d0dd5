/* db_pg.c - the PostgreSQL engine behind db.h (libpq stays in this file).
 *
 * One PGconn per pooled connection; the pool guarantees one thread at a time.
 * The shared dialect already uses $1..$n, so SQL goes to the server as is.
 * Statements are prepared once per session under generated names (f1, f2, ...)
 * and cached by the caller's SQL text address, as in db_sqlite.c. Parameters
 * travel as text and their types are inferred by the server from context;
 * results come back as text and the column accessors convert.
 *
 * Lost connections: a call that finds the session gone reports
 * ERR_UNAVAILABLE. The next db_begin_* (or a call outside a transaction)
 * runs PQreset once, which with a multi-host conninfo and
 * target_session_attrs=read-write also finds a newly promoted primary.
 * Prepared statements die with the session, so a reset bumps a generation
 * counter and each cached statement is prepared again on next use; the
 * caller's struct db_stmt pointers stay valid. db_prepare returns NULL only
 * for SQL the server refuses: while the server is unreachable it hands back
 * an unprepared statement and db_step reports ERR_UNAVAILABLE.
 *
 * Error text: the session uses terse verbosity, so db_errmsg() and the logs
 * carry the primary message only, never DETAIL lines that quote key values. */
#include "db/engine.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/log.h"
#include "core/mem.h"

#include <libpq-fe.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STMT_CACHE_MAX 512
#define PARAM_MAX 4096 /* bulk statements bind a few thousand; the protocol allows 65535 */
#define RESET_INTERVAL_NS 1000000000ull /* at most one failed reconnect a second */

struct pg_stmt {
	struct db_stmt base;
	const char *key;            /* the caller's SQL pointer */
	char name[16];              /* server-side statement name */
	bool ready;                 /* prepared on the server, in session generation gen */
	unsigned gen;
	int nparams;                /* as described by the server; -1 before that */
	char **values;              /* owned text values; NULL binds SQL NULL */
	int nvalues;                /* length of values */
	bool bad_bind;              /* an index out of range was bound */
	int failed;                 /* negative code once step failed, until reset */
	PGresult *result;           /* set once executed, until reset */
	int nrows;
	int row;                    /* rows returned so far; current is row - 1 */
};

struct pg_conn {
	struct db_conn base;
	PGconn *pg;
	struct pg_stmt *cache[STMT_CACHE_MAX];
	int ncache;
	unsigned next_name;         /* counter for statement names */
	unsigned gen;               /* bumped by every PQreset */
	bool in_tx;                 /* between a successful begin and commit/rollback */
	bool need_reset;            /* session unusable (lost, or read-only after failover) */
	uint64_t reset_failed_at;   /* clock_mono_ns() of the last failed PQreset, or 0 */
	int tx_error;               /* first statement error inside the transaction */
	char errbuf[512];           /* db_errmsg() text, newline-free */
};

static struct pg_conn *conn_of(struct db_conn *c) { return (struct pg_conn *)c; }
static struct pg_stmt *stmt_of(struct db_stmt *s) { return (struct pg_stmt *)s; }

/* Map an SQLSTATE (five characters) to a project error code. */
static int pg_sqlstate_err(const char *st)
{
	if (!st || strlen(st) != 5)
		return ERR_DB;
	if (!strcmp(st, "23502") || !strcmp(st, "23514"))
		return ERR_INVALID; /* not_null_violation, check_violation */
	if (!strncmp(st, "23", 2))
		return ERR_CONFLICT; /* unique, foreign key, exclusion, restrict */
	if (!strncmp(st, "22", 2))
		return ERR_INVALID; /* data exceptions: bad number, bad UTF-8, too long */
	if (!strcmp(st, "40001") || !strcmp(st, "40P01"))
		return ERR_RETRY;
	if (!strcmp(st, "55P03"))
		return ERR_BUSY; /* lock_not_available (lock_timeout, NOWAIT) */
	if (!strcmp(st, "57014"))
		return ERR_UNAVAILABLE; /* query_canceled, statement_timeout */
	if (!strncmp(st, "08", 2) || !strncmp(st, "53", 2) || !strncmp(st, "57P", 3) ||
	    !strcmp(st, "25006"))
		return ERR_UNAVAILABLE; /* connection, resources, shutdown, read-only */
	return ERR_DB;
}

/* Copy the connection's error message into errbuf on one line: each run of
 * whitespace becomes one space, none at the ends. */
static void save_errmsg(struct pg_conn *c)
{
	const char *m = PQerrorMessage(c->pg);
	size_t n = 0;
	for (; *m && n + 1 < sizeof c->errbuf; m++) {
		bool space = *m == ' ' || *m == '\n' || *m == '\t' || *m == '\r';
		if (!space)
			c->errbuf[n++] = *m;
		else if (n && c->errbuf[n - 1] != ' ')
			c->errbuf[n++] = ' ';
	}
	while (n && c->errbuf[n - 1] == ' ')
		n--;
	c->errbuf[n] = '\0';
}

/* Translate a failed (or NULL) result into a code, remember the message,
 * note a lost or read-only session for reset, and log what is unexpected
 * (never parameter values: only the SQLSTATE, the primary message and, when
 * given, the SQL text). what names the operation for the log line. */
static int result_err(struct pg_conn *c, const PGresult *res, const char *what,
		      const char *sql)
{
	save_errmsg(c);
	const char *st = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	int code = pg_sqlstate_err(st);
	if (PQstatus(c->pg) == CONNECTION_BAD) {
		c->need_reset = true;
		code = ERR_UNAVAILABLE;
	} else if (st && !strcmp(st, "25006")) {
		c->need_reset = true; /* a demoted primary: find the new one */
	}
	if (c->in_tx && !c->tx_error)
		c->tx_error = code;
	if (sql && code == ERR_DB) /* prepare: a bug in the SQL text, as in db_sqlite.c */
		log_error("postgres %s failed (%s): %s in: %.200s", what, st ? st : "no sqlstate",
			  c->errbuf, sql);
	else if (code != ERR_CONFLICT && code != ERR_INVALID)
		log_warn("postgres %s failed (%s): %s", what, st ? st : "no sqlstate", c->errbuf);
	return code;
}

/* Server notices (e.g. "relation already exists, skipping") would go to
 * stderr unformatted; keep warnings, as log lines, and drop the rest. */
static void notice_receiver(void *arg, const PGresult *res)
{
	(void)arg;
	const char *sev = PQresultErrorField(res, PG_DIAG_SEVERITY_NONLOCALIZED);
	const char *msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
	if (sev && !strcmp(sev, "WARNING"))
		log_warn("postgres warning: %s", msg ? msg : "");
}

/* Terse errors keep DETAIL lines (which quote key values) out of messages. */
static void configure_session(PGconn *pg)
{
	PQsetErrorVerbosity(pg, PQERRORS_TERSE);
	PQsetNoticeReceiver(pg, notice_receiver, NULL);
}

/* Reconnect a session that was lost, once; 0 or ERR_UNAVAILABLE. Callers
 * only do this at a transaction boundary, never inside a transaction.
 * While the server stays down, PQreset (which can block for connect_timeout)
 * is tried at most once a second per connection; other calls fail fast. */
static int reconnect_if_needed(struct pg_conn *c)
{
	if (!c->need_reset && PQstatus(c->pg) == CONNECTION_OK)
		return 0;
	c->need_reset = true;
	uint64_t now = clock_mono_ns();
	if (c->reset_failed_at && now - c->reset_failed_at < RESET_INTERVAL_NS)
		return ERR_UNAVAILABLE;
	PQreset(c->pg);
	c->gen++; /* every server-side prepared statement is gone */
	if (PQstatus(c->pg) != CONNECTION_OK) {
		c->reset_failed_at = clock_mono_ns();
		save_errmsg(c);
		log_warn("postgres reconnect failed: %s", c->errbuf);
		return ERR_UNAVAILABLE;
	}
	configure_session(c->pg);
	c->need_reset = false;
	c->reset_failed_at = 0;
	log_info("postgres connection re-established");
	return 0;
}

/* Replace every occurrence of secret in s with "***" (s has room: the
 * replacement is never longer than a secret of 3+ characters). */
static void redact(char *s, const char *secret)
{
	size_t n = secret ? strlen(secret) : 0;
	if (n < 3)
		return;
	for (char *p = strstr(s, secret); p; p = strstr(p + 3, secret)) {
		memcpy(p, "***", 3);
		memmove(p + 3, p + n, strlen(p + n) + 1);
	}
}

/* Return the password given in uri (owned by the caller), or NULL. On a
 * syntax error returns NULL and sets *bad. */
static char *uri_password(const char *uri, bool *bad)
{
	char *perr = NULL;
	PQconninfoOption *opts = PQconninfoParse(uri, &perr);
	*bad = opts == NULL;
	if (perr)
		PQfreemem(perr);
	char *pw = NULL;
	for (PQconninfoOption *o = opts; o && o->keyword; o++)
		if (!strcmp(o->keyword, "password") && o->val)
			pw = xstrdup(o->val);
	PQconninfoFree(opts);
	return pw;
}

/* Connect with libpq's own URI/conninfo parsing. Keywords before dbname may
 * be overridden by the URI; client_encoding after it may not (fleksi speaks
 * UTF-8 only). The error sentence never contains the password. */
static int pg_connect(const char *uri, struct db_conn **out, char *err, size_t errlen)
{
	bool bad_syntax;
	char *pw = uri_password(uri, &bad_syntax);
	if (bad_syntax) {
		snprintf(err, errlen, "cannot connect to PostgreSQL: the connection URI is malformed");
		return ERR_IO;
	}
	const char *const keys[] = {"connect_timeout", "fallback_application_name", "dbname",
				    "client_encoding", NULL};
	const char *const vals[] = {"10", "fleksi", uri, "UTF8", NULL};
	struct pg_conn *c = xcalloc(1, sizeof *c);
	c->pg = PQconnectdbParams(keys, vals, 1);
	if (!c->pg || PQstatus(c->pg) != CONNECTION_OK) {
		if (c->pg)
			save_errmsg(c);
		else
			snprintf(c->errbuf, sizeof c->errbuf, "out of memory");
		redact(c->errbuf, pw);
		snprintf(err, errlen, "cannot connect to PostgreSQL: %s", c->errbuf);
		PQfinish(c->pg);
		free(c);
		free(pw);
		return ERR_IO;
	}
	free(pw);
	configure_session(c->pg);
	*out = &c->base;
	return 0;
}

static void stmt_clear(struct pg_stmt *s)
{
	PQclear(s->result);
	s->result = NULL;
	s->nrows = s->row = 0;
	s->failed = 0;
	s->bad_bind = false;
	for (int i = 0; i < s->nvalues; i++) {
		free(s->values[i]);
		s->values[i] = NULL;
	}
}

/* Make values hold at least n entries (new ones NULL). */
static void values_reserve(struct pg_stmt *s, int n)
{
	if (n <= s->nvalues)
		return;
	s->values = xrealloc(s->values, (size_t)n * sizeof *s->values);
	memset(s->values + s->nvalues, 0, (size_t)(n - s->nvalues) * sizeof *s->values);
	s->nvalues = n;
}

static void stmt_free(struct pg_stmt *s)
{
	stmt_clear(s);
	free(s->values);
	free(s);
}

static void pg_disconnect(struct db_conn *dc)
{
	struct pg_conn *c = conn_of(dc);
	for (int i = 0; i < c->ncache; i++)
		stmt_free(c->cache[i]);
	PQfinish(c->pg);
	free(c);
}

/* Run a command that returns no rows; 0 or a negative code. */
static int run_command(struct pg_conn *c, const char *sql, const char *what)
{
	PGresult *res = PQexec(c->pg, sql);
	ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
	int rc = 0;
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && st != PGRES_EMPTY_QUERY)
		rc = result_err(c, res, what, NULL);
	PQclear(res);
	return rc;
}

static int pg_exec(struct db_conn *dc, const char *sql)
{
	struct pg_conn *c = conn_of(dc);
	if (!c->in_tx && reconnect_if_needed(c))
		return ERR_UNAVAILABLE;
	return run_command(c, sql, "exec");
}

/* READ COMMITTED for both kinds: row locks taken by UPDATE make
 * read-modify-write statements safe without retries. */
static int pg_begin(struct db_conn *dc, bool write)
{
	(void)write;
	struct pg_conn *c = conn_of(dc);
	if (reconnect_if_needed(c))
		return ERR_UNAVAILABLE;
	if (PQtransactionStatus(c->pg) != PQTRANS_IDLE) { /* SQLite refuses this too */
		log_warn("postgres begin inside a transaction");
		return ERR_DB;
	}
	int rc = run_command(c, "BEGIN", "begin");
	if (!rc) {
		c->in_tx = true;
		c->tx_error = 0;
	}
	return rc;
}

/* COMMIT of a transaction in which a statement failed would silently roll
 * back; report the first failure instead of success. */
static int pg_commit(struct db_conn *dc)
{
	struct pg_conn *c = conn_of(dc);
	int rc;
	if (PQtransactionStatus(c->pg) == PQTRANS_INERROR) {
		rc = c->tx_error ? c->tx_error : ERR_DB;
		c->in_tx = false; /* so the ROLLBACK's own errors do not overwrite rc */
		run_command(c, "ROLLBACK", "rollback");
	} else {
		rc = run_command(c, "COMMIT", "commit");
	}
	c->in_tx = false;
	c->tx_error = 0;
	return rc;
}

static void pg_rollback(struct db_conn *dc)
{
	struct pg_conn *c = conn_of(dc);
	c->in_tx = false;
	c->tx_error = 0;
	PGTransactionStatusType ts = PQtransactionStatus(c->pg);
	if (ts == PQTRANS_INTRANS || ts == PQTRANS_INERROR)
		run_command(c, "ROLLBACK", "rollback");
}

static bool is_stale(const struct pg_conn *c, const struct pg_stmt *s)
{
	return !s->ready || s->gen != c->gen;
}

/* Prepare s on the current session and learn its parameter count.
 * 0 or a negative code (logged). */
static int server_prepare(struct pg_conn *c, struct pg_stmt *s)
{
	s->ready = false;
	snprintf(s->name, sizeof s->name, "f%u", ++c->next_name);
	PGresult *res = PQprepare(c->pg, s->name, s->key, 0, NULL);
	int rc = 0;
	if (!res || PQresultStatus(res) != PGRES_COMMAND_OK)
		rc = result_err(c, res, "prepare", s->key);
	PQclear(res);
	if (rc)
		return rc;
	res = PQdescribePrepared(c->pg, s->name);
	if (!res || PQresultStatus(res) != PGRES_COMMAND_OK)
		rc = result_err(c, res, "describe", s->key);
	else if ((s->nparams = PQnparams(res)) > PARAM_MAX)
		rc = ERR_TOO_BIG;
	PQclear(res);
	if (rc == ERR_TOO_BIG)
		log_error("postgres statement has more than %d parameters: %.200s", PARAM_MAX, s->key);
	if (!rc) {
		s->ready = true;
		s->gen = c->gen;
	}
	return rc;
}

/* Drop the oldest cached statement on the server and here; rare. A failed
 * DEALLOCATE (e.g. in an aborted transaction) only leaks a server plan. */
static void evict_oldest(struct pg_conn *c)
{
	struct pg_stmt *old = c->cache[0];
	if (!is_stale(c, old)) {
		char sql[32];
		snprintf(sql, sizeof sql, "DEALLOCATE %s", old->name);
		PQclear(PQexec(c->pg, sql));
	}
	stmt_free(old);
	memmove(c->cache, c->cache + 1, sizeof c->cache[0] * (STMT_CACHE_MAX - 1));
	c->ncache--;
}

static struct pg_stmt *cache_find(struct pg_conn *c, const char *sql)
{
	for (int i = 0; i < c->ncache; i++)
		if (c->cache[i]->key == sql)
			return c->cache[i];
	return NULL;
}

/* NULL only for SQL the server refuses (logged). While the server is
 * unreachable the statement is returned unprepared: db_step prepares it
 * or reports ERR_UNAVAILABLE, so callers see the real reason. */
static struct db_stmt *pg_prepare(struct db_conn *dc, const char *sql)
{
	struct pg_conn *c = conn_of(dc);
	bool up = c->in_tx || !reconnect_if_needed(c);
	struct pg_stmt *s = cache_find(c, sql);
	bool fresh = !s;
	if (fresh) {
		s = xcalloc(1, sizeof *s);
		s->base.conn = dc;
		s->key = sql;
		s->nparams = -1;
	}
	if (up && is_stale(c, s)) {
		int rc = server_prepare(c, s);
		if (rc && rc != ERR_UNAVAILABLE) {
			if (fresh)
				free(s);
			return NULL;
		}
	}
	if (fresh) {
		if (c->ncache == STMT_CACHE_MAX)
			evict_oldest(c);
		c->cache[c->ncache++] = s;
	}
	return &s->base;
}

/* Store an owned text value for parameter idx (1-based). Before the
 * parameter count is known, indexes are checked again at execution. */
static void bind_value(struct db_stmt *ds, int idx, char *v)
{
	struct pg_stmt *s = stmt_of(ds);
	if (idx < 1 || idx > (s->nparams < 0 ? PARAM_MAX : s->nparams)) {
		s->bad_bind = true;
		free(v);
		return;
	}
	values_reserve(s, idx > s->nparams ? idx : s->nparams);
	free(s->values[idx - 1]);
	s->values[idx - 1] = v;
}

static void pg_bind_int(struct db_stmt *s, int i, int64_t v) { bind_value(s, i, xasprintf("%" PRId64, v)); }
static void pg_bind_real(struct db_stmt *s, int i, double v) { bind_value(s, i, xasprintf("%.17g", v)); }
static void pg_bind_null(struct db_stmt *s, int i) { bind_value(s, i, NULL); }
static void pg_bind_bool(struct db_stmt *s, int i, bool v) { bind_value(s, i, xstrdup(v ? "true" : "false")); }
static void pg_bind_text(struct db_stmt *s, int i, const char *v) { bind_value(s, i, v ? xstrdup(v) : NULL); }

/* Execute the bound statement and keep its (text) result; 0 or a code. */
static int execute(struct pg_stmt *s)
{
	struct pg_conn *c = conn_of(s->base.conn);
	if (is_stale(c, s)) { /* the session was reset, or down at db_prepare */
		int rc = server_prepare(c, s);
		if (rc)
			return rc;
	}
	for (int i = s->nparams; i < s->nvalues && !s->bad_bind; i++)
		s->bad_bind = s->values[i] != NULL;
	values_reserve(s, s->nparams);
	if (s->bad_bind) {
		log_error("postgres bind index out of range for: %.200s", s->key);
		return ERR_DB;
	}
	PGresult *res = PQexecPrepared(c->pg, s->name, s->nparams,
				       (const char *const *)s->values, NULL, NULL, 0);
	ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
	if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
		int rc = result_err(c, res, "step", NULL);
		PQclear(res);
		return rc;
	}
	s->result = res;
	s->nrows = PQntuples(res);
	s->row = 0;
	return 0;
}

static int pg_step(struct db_stmt *ds)
{
	struct pg_stmt *s = stmt_of(ds);
	if (s->failed)
		return s->failed;
	if (!s->result) {
		int rc = execute(s);
		if (rc)
			return s->failed = rc;
	}
	if (s->row < s->nrows) {
		s->row++;
		return 1;
	}
	return 0;
}

static void pg_reset(struct db_stmt *s) { stmt_clear(stmt_of(s)); }

static int pg_column_count(struct db_stmt *ds)
{
	struct pg_stmt *s = stmt_of(ds);
	return s->result ? PQnfields(s->result) : 0;
}

/* The current row's value for col, or NULL when it is SQL NULL or there
 * is no current row. */
static const char *value(struct db_stmt *ds, int col)
{
	struct pg_stmt *s = stmt_of(ds);
	if (!s->result || s->row < 1 || s->row > s->nrows || col < 0 || col >= PQnfields(s->result))
		return NULL;
	if (PQgetisnull(s->result, s->row - 1, col))
		return NULL;
	return PQgetvalue(s->result, s->row - 1, col);
}

static bool pg_col_null(struct db_stmt *s, int col) { return value(s, col) == NULL; }

/* A boolean column reads as 1/0, as it does on SQLite. */
static int64_t pg_col_int(struct db_stmt *s, int col)
{
	const char *v = value(s, col);
	if (!v)
		return 0;
	if (!strcmp(v, "t") || !strcmp(v, "f"))
		return v[0] == 't';
	return strtoll(v, NULL, 10);
}

static double pg_col_real(struct db_stmt *s, int col)
{
	const char *v = value(s, col);
	return v ? strtod(v, NULL) : 0.0;
}

static const char *pg_col_text(struct db_stmt *s, int col)
{
	const char *v = value(s, col);
	return v ? v : "";
}

/* 't' for a boolean column; an integer column reads as "non-zero". */
static bool pg_col_bool(struct db_stmt *s, int col)
{
	const char *v = value(s, col);
	if (!v)
		return false;
	return !strcmp(v, "t") || strtoll(v, NULL, 10) != 0;
}

static const char *pg_errmsg(struct db_conn *dc)
{
	struct pg_conn *c = conn_of(dc);
	if (!c->errbuf[0])
		save_errmsg(c);
	return c->errbuf;
}

const struct db_engine db_pg_engine = {
	.dialect = DB_POSTGRES,
	.connect = pg_connect,
	.disconnect = pg_disconnect,
	.begin = pg_begin,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.exec = pg_exec,
	.prepare = pg_prepare,
	.bind_int = pg_bind_int,
	.bind_real = pg_bind_real,
	.bind_text = pg_bind_text,
	.bind_null = pg_bind_null,
	.bind_bool = pg_bind_bool,
	.step = pg_step,
	.reset = pg_reset,
	.column_count = pg_column_count,
	.col_null = pg_col_null,
	.col_int = pg_col_int,
	.col_real = pg_col_real,
	.col_text = pg_col_text,
	.col_bool = pg_col_bool,
	.errmsg = pg_errmsg,
};
