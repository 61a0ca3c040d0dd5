/* migrate.c - forward-only schema migrations for both engines.
 *
 * Each migration has one SQL text per dialect (src/db/sql/), applied in its
 * own write transaction together with its row in schema_migration, so a
 * failed migration leaves nothing behind. On PostgreSQL an advisory lock
 * keeps several app nodes starting at once from racing. */
#include "db/db.h"
#include "core/clock.h"
#include "core/err.h"
#include "sql_embedded.h"

#include <stdio.h>

struct migration {
	int version;
	const char *name;
	const char *sqlite_sql;
	const char *pg_sql;
};

static const struct migration migrations[] = {
	{1, "foundation", sqlite_001_foundation, pg_001_foundation},
	{2, "eligibility", sqlite_002_eligibility, pg_002_eligibility},
	{3, "special_circumstances", sqlite_003_special, pg_003_special},
	{4, "schedules", sqlite_004_schedules, pg_004_schedules},
	{5, "presence", sqlite_005_presence, pg_005_presence},
	{6, "jobs", sqlite_006_jobs, pg_006_jobs},
	{7, "open311", sqlite_007_open311, pg_007_open311},
	{8, "attendance", sqlite_008_attendance, pg_008_attendance},
	{9, "cases", sqlite_009_cases, pg_009_cases},
	{10, "tpp", sqlite_010_tpp, pg_010_tpp},
	{11, "worklog", sqlite_011_worklog, pg_011_worklog},
	{12, "privacy", sqlite_012_privacy, pg_012_privacy},
	{13, "report_violation", sqlite_013_report_violation, pg_013_report_violation},
	{14, "growth", sqlite_014_growth, pg_014_growth},
	{15, "tally", sqlite_015_tally, pg_015_tally},
	{16, "lean_checkin", sqlite_016_lean_checkin, pg_016_lean_checkin},
};

static const char SQL_CREATE_TABLE[] =
	"CREATE TABLE IF NOT EXISTS schema_migration (version INTEGER PRIMARY KEY,"
	" name TEXT NOT NULL, applied_at TEXT NOT NULL)";
static const char SQL_LOCK[] = "SELECT pg_advisory_xact_lock(7245001)";
static const char SQL_APPLIED[] = "SELECT 1 FROM schema_migration WHERE version = $1";
static const char SQL_RECORD[] =
	"INSERT INTO schema_migration (version, name, applied_at) VALUES ($1, $2, $3)";

static int is_applied(struct db_conn *c, int version)
{
	struct db_stmt *s = db_prepare(c, SQL_APPLIED);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, version);
	int rc = db_step(s);
	db_reset(s);
	return rc;
}

/* Apply one migration if it is missing; 0 or a negative code. */
static int apply_one(struct db_conn *c, enum db_dialect d, const struct migration *m)
{
	int rc = db_begin_write(c);
	if (rc)
		return rc;
	if (d == DB_POSTGRES && (rc = db_run(c, SQL_LOCK)))
		goto fail;
	rc = is_applied(c, m->version);
	if (rc < 0)
		goto fail;
	if (rc == 1) {
		db_rollback(c);
		return 0;
	}
	if ((rc = db_exec(c, d == DB_SQLITE ? m->sqlite_sql : m->pg_sql)))
		goto fail;
	struct db_stmt *s = db_prepare(c, SQL_RECORD);
	if (!s) {
		rc = ERR_DB;
		goto fail;
	}
	char now[40];
	clock_now_iso(now, sizeof now);
	db_bind_int(s, 1, m->version);
	db_bind_text(s, 2, m->name);
	db_bind_text(s, 3, now);
	rc = db_step(s);
	db_reset(s);
	if (rc < 0)
		goto fail;
	return db_commit(c);
fail:
	db_rollback(c);
	return rc;
}

int db_migration_count(void)
{
	return (int)(sizeof migrations / sizeof migrations[0]);
}

int db_migrate(struct db *db, char *err, size_t errlen)
{
	if (errlen)
		err[0] = '\0';
	struct db_conn *c = db_acquire(db);
	int rc = db_exec(c, SQL_CREATE_TABLE);
	for (size_t i = 0; !rc && i < sizeof migrations / sizeof migrations[0]; i++) {
		rc = apply_one(c, db_dialect(db), &migrations[i]);
		if (rc)
			snprintf(err, errlen, "migration %d (%s) failed: %s", migrations[i].version,
				 migrations[i].name, db_errmsg(c));
	}
	if (rc && !err[0])
		snprintf(err, errlen, "cannot create schema_migration: %s", db_errmsg(c));
	db_release(db, c);
	return rc;
}
