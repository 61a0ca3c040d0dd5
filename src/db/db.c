/* db.c - the connection pool and the forwarding layer over the engines.
 *
 * A fixed pool: connections are opened at db_open and handed out one thread
 * at a time. Waiting on the condition variable is fine because the pool is as
 * large as the HTTP thread pool; it only matters for background jobs. */
#include "db/db.h"
#include "db/engine.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/mem.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct db {
	const struct db_engine *engine;
	pthread_mutex_t lock;
	pthread_cond_t freed;
	int size;
	int nfree;
	struct db_conn **all;
	struct db_conn **free_list;
};

static const struct db_engine *engine_for(const char *uri)
{
	if (!strncmp(uri, "postgresql://", 13) || !strncmp(uri, "postgres://", 11))
		return &db_pg_engine;
	return &db_sqlite_engine;
}

int db_open(const char *uri, int pool_size, struct db **out, char *err, size_t errlen)
{
	if (pool_size < 1)
		pool_size = 1;
	struct db *db = xcalloc(1, sizeof *db);
	db->engine = engine_for(uri);
	db->all = xcalloc((size_t)pool_size, sizeof *db->all);
	db->free_list = xcalloc((size_t)pool_size, sizeof *db->free_list);
	pthread_mutex_init(&db->lock, NULL);
	pthread_cond_init(&db->freed, NULL);
	for (int i = 0; i < pool_size; i++) {
		int rc = db->engine->connect(uri, &db->all[i], err, errlen);
		if (rc) {
			db->size = i;
			db_close(db);
			return rc;
		}
		db->all[i]->engine = db->engine;
		db->free_list[i] = db->all[i];
		db->size = i + 1;
	}
	db->nfree = db->size;
	*out = db;
	return 0;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	for (int i = 0; i < db->size; i++)
		db->engine->disconnect(db->all[i]);
	pthread_mutex_destroy(&db->lock);
	pthread_cond_destroy(&db->freed);
	free(db->all);
	free(db->free_list);
	free(db);
}

enum db_dialect db_dialect(const struct db *db)
{
	return db->engine->dialect;
}

struct db_conn *db_acquire(struct db *db)
{
	pthread_mutex_lock(&db->lock);
	while (db->nfree == 0)
		pthread_cond_wait(&db->freed, &db->lock);
	struct db_conn *c = db->free_list[--db->nfree];
	pthread_mutex_unlock(&db->lock);
	return c;
}

void db_release(struct db *db, struct db_conn *c)
{
	c->engine->rollback(c); /* a caller's forgotten transaction must not leak to the next */
	pthread_mutex_lock(&db->lock);
	db->free_list[db->nfree++] = c;
	pthread_cond_signal(&db->freed);
	pthread_mutex_unlock(&db->lock);
}

static _Thread_local uint64_t thread_db_ns;

uint64_t db_thread_time_ns(void)
{
	return thread_db_ns;
}

enum db_dialect db_conn_dialect(const struct db_conn *c)
{
	return c->engine->dialect;
}

int db_begin_read(struct db_conn *c) { return c->engine->begin(c, false); }

int db_begin_write(struct db_conn *c)
{
	uint64_t t0 = clock_mono_ns();
	int rc = c->engine->begin(c, true);
	thread_db_ns += clock_mono_ns() - t0;
	return rc;
}

int db_commit(struct db_conn *c)
{
	uint64_t t0 = clock_mono_ns();
	int rc = c->engine->commit(c);
	thread_db_ns += clock_mono_ns() - t0;
	return rc;
}
void db_rollback(struct db_conn *c) { c->engine->rollback(c); }
int db_durable(struct db_conn *c) { return c->engine->durable ? c->engine->durable(c) : 0; }
bool db_inserted_row(struct db_conn *c, int64_t *id)
{
	return c->engine->inserted_row && c->engine->inserted_row(c, id);
}
int db_exec(struct db_conn *c, const char *sql) { return c->engine->exec(c, sql); }
struct db_stmt *db_prepare(struct db_conn *c, const char *sql) { return c->engine->prepare(c, sql); }
void db_bind_int(struct db_stmt *s, int i, int64_t v) { s->conn->engine->bind_int(s, i, v); }
void db_bind_real(struct db_stmt *s, int i, double v) { s->conn->engine->bind_real(s, i, v); }
void db_bind_text(struct db_stmt *s, int i, const char *v) { s->conn->engine->bind_text(s, i, v); }
void db_bind_null(struct db_stmt *s, int i) { s->conn->engine->bind_null(s, i); }
void db_bind_bool(struct db_stmt *s, int i, bool v) { s->conn->engine->bind_bool(s, i, v); }
int db_step(struct db_stmt *s)
{
	uint64_t t0 = clock_mono_ns();
	int rc = s->conn->engine->step(s);
	thread_db_ns += clock_mono_ns() - t0;
	return rc;
}
void db_reset(struct db_stmt *s) { s->conn->engine->reset(s); }
int db_column_count(struct db_stmt *s) { return s->conn->engine->column_count(s); }
bool db_col_null(struct db_stmt *s, int col) { return s->conn->engine->col_null(s, col); }
int64_t db_col_int(struct db_stmt *s, int col) { return s->conn->engine->col_int(s, col); }
double db_col_real(struct db_stmt *s, int col) { return s->conn->engine->col_real(s, col); }
const char *db_col_text(struct db_stmt *s, int col) { return s->conn->engine->col_text(s, col); }
bool db_col_bool(struct db_stmt *s, int col) { return s->conn->engine->col_bool(s, col); }
const char *db_errmsg(struct db_conn *c) { return c->engine->errmsg(c); }

int db_run(struct db_conn *c, const char *sql)
{
	struct db_stmt *s = db_prepare(c, sql);
	if (!s)
		return ERR_DB;
	int rc = db_step(s);
	db_reset(s);
	return rc < 0 ? rc : 0;
}
