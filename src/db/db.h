/* db.h - the one storage interface, with an SQLite and a PostgreSQL engine.
 *
 * Callers (src/store/ and the CLI) write SQL once, in the subset both engines
 * accept, with numbered parameters $1..$n. Where the dialects differ the
 * caller asks db_dialect() and picks the text. Engines translate their own
 * error codes into enum err_code here, once:
 *   unique/foreign-key violation -> ERR_CONFLICT
 *   SQLITE_BUSY / lock timeout   -> ERR_BUSY
 *   serialization failure, deadlock (40001, 40P01) -> ERR_RETRY
 *   query canceled (57014)       -> ERR_UNAVAILABLE
 *   everything else              -> ERR_DB
 *
 * Threads: struct db is a fixed pool of connections and is thread-safe;
 * a struct db_conn is used by one thread at a time between db_acquire and
 * db_release. Statements are prepared once per connection and cached by
 * their SQL text pointer, so pass string literals (stable addresses). */
#ifndef FLEKSI_DB_DB_H
#define FLEKSI_DB_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum db_dialect { DB_SQLITE, DB_POSTGRES };

struct db;
struct db_conn;
struct db_stmt;

/* Open a database. uri is a file path (SQLite) or a postgresql:// or
 * postgres:// URI. pool_size connections are opened (at least 1). On error
 * returns a negative code and writes a sentence into err. */
int db_open(const char *uri, int pool_size, struct db **out, char *err, size_t errlen);
void db_close(struct db *db);
enum db_dialect db_dialect(const struct db *db);
enum db_dialect db_conn_dialect(const struct db_conn *c);
/* Nanoseconds this thread has spent inside the database (steps, commits);
 * the HTTP layer reads it per request for metrics. */
uint64_t db_thread_time_ns(void);

/* Blocks until a connection is free. Never returns NULL. */
struct db_conn *db_acquire(struct db *db);
void db_release(struct db *db, struct db_conn *c);

/* Transactions. db_begin_write takes the write lock up front (SQLite
 * BEGIN IMMEDIATE) so it waits instead of failing later. */
int db_begin_read(struct db_conn *c);
int db_begin_write(struct db_conn *c);
int db_commit(struct db_conn *c);
void db_rollback(struct db_conn *c);
/* Make every transaction c committed before this call durable against a
 * power cut. SQLite commits with synchronous=NORMAL: a committed WAL frame
 * is visible and survives a crash of the process, and this fdatasyncs the
 * WAL file; it touches only that file, so one other thread may call it
 * while c goes on writing (the check-in writer syncs one batch while it
 * writes the next). PostgreSQL commits durably: returns 0 at once. */
int db_durable(struct db_conn *c);

/* SQLite only: whether the last statement run on c inserted exactly one row,
 * and its rowid. SQLite runs INSERT ... RETURNING through a temporary table
 * (twice the cost of a one-row insert); PostgreSQL callers use RETURNING.
 * Always false on PostgreSQL. */
bool db_inserted_row(struct db_conn *c, int64_t *id);

/* Run one or more statements without parameters or results (DDL, migrations). */
int db_exec(struct db_conn *c, const char *sql);

/* Prepared statements. db_prepare returns a cached statement for this
 * connection (NULL on a syntax error, logged). Parameters are 1-based.
 * A text parameter is copied at bind time. db_step returns 1 while there is a
 * row, 0 when done, or a negative err_code. Call db_reset when finished with
 * the statement (also after an error) so it can be reused; it clears bindings.
 * Column accessors are 0-based and valid until the next step or reset. */
struct db_stmt *db_prepare(struct db_conn *c, const char *sql);
void db_bind_int(struct db_stmt *s, int idx, int64_t v);
void db_bind_real(struct db_stmt *s, int idx, double v);
void db_bind_text(struct db_stmt *s, int idx, const char *v); /* NULL binds NULL */
void db_bind_null(struct db_stmt *s, int idx);
void db_bind_bool(struct db_stmt *s, int idx, bool v);
int db_step(struct db_stmt *s);
void db_reset(struct db_stmt *s);
int db_column_count(struct db_stmt *s);
bool db_col_null(struct db_stmt *s, int col);
int64_t db_col_int(struct db_stmt *s, int col);
double db_col_real(struct db_stmt *s, int col);
const char *db_col_text(struct db_stmt *s, int col); /* "" for NULL */
bool db_col_bool(struct db_stmt *s, int col);

/* Convenience: prepare, bind nothing, step once, reset. For statements
 * without parameters whose result is ignored. */
int db_run(struct db_conn *c, const char *sql);

/* The last error message of this connection, for logs (never shown to users). */
const char *db_errmsg(struct db_conn *c);

/* Apply every migration not yet applied, in order, each in its own
 * transaction (see migrate.c). Returns 0 or a negative code. */
int db_migrate(struct db *db, char *err, size_t errlen);
/* How many migrations this build knows. */
int db_migration_count(void);

#endif
