/* engine.h - what a storage engine provides to db.c (internal to src/db/).
 *
 * db.c owns the connection pool and forwards every call through this table.
 * Each engine embeds struct db_conn / struct db_stmt as the first member of
 * its own connection and statement structs. */
#ifndef FLEKSI_DB_ENGINE_H
#define FLEKSI_DB_ENGINE_H

#include "db/db.h"

struct db_engine {
	enum db_dialect dialect;
	int (*connect)(const char *uri, struct db_conn **out, char *err, size_t errlen);
	void (*disconnect)(struct db_conn *c);
	int (*begin)(struct db_conn *c, bool write);
	int (*commit)(struct db_conn *c);
	void (*rollback)(struct db_conn *c);
	int (*durable)(struct db_conn *c); /* NULL: every commit is durable */
	bool (*inserted_row)(struct db_conn *c, int64_t *id); /* NULL: use RETURNING */
	int (*exec)(struct db_conn *c, const char *sql);
	struct db_stmt *(*prepare)(struct db_conn *c, const char *sql);
	void (*bind_int)(struct db_stmt *s, int idx, int64_t v);
	void (*bind_real)(struct db_stmt *s, int idx, double v);
	void (*bind_text)(struct db_stmt *s, int idx, const char *v);
	void (*bind_null)(struct db_stmt *s, int idx);
	void (*bind_bool)(struct db_stmt *s, int idx, bool v);
	int (*step)(struct db_stmt *s);
	void (*reset)(struct db_stmt *s);
	int (*column_count)(struct db_stmt *s);
	bool (*col_null)(struct db_stmt *s, int col);
	int64_t (*col_int)(struct db_stmt *s, int col);
	double (*col_real)(struct db_stmt *s, int col);
	const char *(*col_text)(struct db_stmt *s, int col);
	bool (*col_bool)(struct db_stmt *s, int col);
	const char *(*errmsg)(struct db_conn *c);
};

struct db_conn {
	const struct db_engine *engine;
};

struct db_stmt {
	struct db_conn *conn;
};

extern const struct db_engine db_sqlite_engine;
extern const struct db_engine db_pg_engine;

#endif
