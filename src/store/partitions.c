/* partitions.c - see partitions.h. */
#include "store/partitions.h"
#include "core/date.h"
#include "core/err.h"

#include <stdbool.h>
#include <stdio.h>

static const char SQL_EXISTS[] = "SELECT to_regclass($1) IS NOT NULL";

/* The tables partitioned by month and their key column. */
static const struct {
	const char *table, *column;
} partitioned[] = {
	{"checkin", "work_date"},
	{"day_account", "date"},
	{"day_violation", "date"},
};

static int exists(struct db_conn *c, const char *name, bool *yes)
{
	struct db_stmt *s = db_prepare(c, SQL_EXISTS);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, name);
	int rc = db_step(s);
	*yes = rc == 1 && db_col_bool(s, 0);
	db_reset(s);
	return rc < 0 ? rc : 0;
}

int partition_month_ensure(struct db_conn *c, const char *table, const char *date_column, int y, int m)
{
	if (db_conn_dialect(c) != DB_POSTGRES)
		return 0;
	char name[64], sql[1200];
	int ny = m == 12 ? y + 1 : y, nm = m == 12 ? 1 : m + 1;
	snprintf(name, sizeof name, "%s_%04d_%02d", table, y, m);
	bool yes;
	int rc = exists(c, name, &yes);
	if (rc || yes)
		return rc;
	/* LIKE copies columns, defaults and CHECKs; the parent's indexes and
	 * unique constraints are created on the partition when it attaches. */
	snprintf(sql, sizeof sql,
		 "CREATE TABLE %1$s (LIKE %2$s INCLUDING DEFAULTS INCLUDING CONSTRAINTS);"
		 " INSERT INTO %1$s SELECT * FROM %2$s_default WHERE %7$s >= '%3$04d-%4$02d-01'"
		 " AND %7$s < '%5$04d-%6$02d-01';"
		 " DELETE FROM %2$s_default WHERE %7$s >= '%3$04d-%4$02d-01' AND %7$s < '%5$04d-%6$02d-01';"
		 " ALTER TABLE %2$s ATTACH PARTITION %1$s FOR VALUES FROM ('%3$04d-%4$02d-01')"
		 " TO ('%5$04d-%6$02d-01')",
		 name, table, y, m, ny, nm, date_column);
	if ((rc = db_begin_write(c)))
		return rc;
	if (!(rc = db_exec(c, "SELECT pg_advisory_xact_lock(7245008)")) && !(rc = exists(c, name, &yes)) && !yes)
		rc = db_exec(c, sql);
	if (!rc)
		rc = db_commit(c);
	else
		db_rollback(c);
	return rc;
}

int partitions_ensure_around(struct db_conn *c, int32_t day)
{
	if (db_conn_dialect(c) != DB_POSTGRES)
		return 0;
	int y, m, d, rc = 0;
	date_to_ymd(day, &y, &m, &d);
	for (int k = 0; k < 2 && !rc; k++) {
		for (size_t i = 0; i < sizeof partitioned / sizeof *partitioned && !rc; i++)
			rc = partition_month_ensure(c, partitioned[i].table, partitioned[i].column, y, m);
		y = m == 12 ? y + 1 : y, m = m == 12 ? 1 : m + 1;
	}
	return rc;
}
