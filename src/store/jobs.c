/* jobs.c (store) - leases and exactly-once runs; see jobs.h. Both engines
 * accept the same upsert with RETURNING (SQLite >= 3.35, PostgreSQL). */
#include "store/jobs.h"
#include "core/err.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

void jobs_holder_name(char out[JOB_HOLDER_MAX])
{
	char host[64] = "";
	if (gethostname(host, sizeof host - 1))
		snprintf(host, sizeof host, "node");
	host[sizeof host - 1] = '\0';
	snprintf(out, JOB_HOLDER_MAX, "%s:%ld:%08x", host, (long)getpid(), (unsigned)randombytes_random());
}

/* Insert the lease, or take it over when it expired or is already ours; the
 * row comes back only when holder has it now. */
static const char SQL_LEASE[] =
	"INSERT INTO job_lease (name, holder, acquired_at, expires_at) VALUES ($1, $2, $3, $4) "
	"ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at, "
	"acquired_at = CASE WHEN job_lease.holder = excluded.holder THEN job_lease.acquired_at "
	"ELSE excluded.acquired_at END "
	"WHERE job_lease.expires_at < excluded.acquired_at OR job_lease.holder = excluded.holder "
	"RETURNING holder";

int jobs_lease_acquire(struct db_conn *c, const char *name, const char *holder, int64_t now, int ttl_s, bool *got)
{
	struct db_stmt *s = db_prepare(c, SQL_LEASE);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, name);
	db_bind_text(s, 2, holder);
	db_bind_int(s, 3, now);
	db_bind_int(s, 4, now + ttl_s);
	int rc = db_step(s);
	*got = rc == 1 && !strcmp(db_col_text(s, 0), holder);
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static const char SQL_RELEASE[] = "DELETE FROM job_lease WHERE name = $1 AND holder = $2";

int jobs_lease_release(struct db_conn *c, const char *name, const char *holder)
{
	struct db_stmt *s = db_prepare(c, SQL_RELEASE);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, name);
	db_bind_text(s, 2, holder);
	int rc = db_step(s);
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static const char SQL_CLAIM[] =
	"INSERT INTO job_run (job, period, holder, started_at) VALUES ($1, $2, $3, $4) "
	"ON CONFLICT (job, period) DO NOTHING RETURNING holder";

int jobs_run_claim(struct db_conn *c, const char *job, const char *period, const char *holder, int64_t now,
		   bool *claimed)
{
	struct db_stmt *s = db_prepare(c, SQL_CLAIM);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, job);
	db_bind_text(s, 2, period);
	db_bind_text(s, 3, holder);
	db_bind_int(s, 4, now);
	int rc = db_step(s);
	*claimed = rc == 1;
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static const char SQL_FINISH[] = "UPDATE job_run SET finished_at = $3, outcome = $4 WHERE job = $1 AND period = $2";

int jobs_run_finish(struct db_conn *c, const char *job, const char *period, int64_t now, const char *outcome)
{
	struct db_stmt *s = db_prepare(c, SQL_FINISH);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, job);
	db_bind_text(s, 2, period);
	db_bind_int(s, 3, now);
	db_bind_text(s, 4, outcome);
	int rc = db_step(s);
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static const char SQL_LEASES[] = "SELECT name, holder, acquired_at, expires_at FROM job_lease ORDER BY name";
static const char SQL_RUNS[] =
	"SELECT job, period, holder, started_at, finished_at, outcome FROM job_run "
	"ORDER BY started_at DESC, job, period DESC LIMIT $1";

int jobs_each(struct db_conn *c, int limit, int (*lease_cb)(void *ctx, const struct job_lease_row *l),
	      int (*run_cb)(void *ctx, const struct job_run_row *r), void *ctx)
{
	struct db_stmt *s = db_prepare(c, SQL_LEASES);
	if (!s)
		return ERR_DB;
	int rc;
	while ((rc = db_step(s)) == 1) {
		struct job_lease_row l = {db_col_text(s, 0), db_col_text(s, 1), db_col_int(s, 2), db_col_int(s, 3)};
		if ((rc = lease_cb(ctx, &l)))
			break;
	}
	db_reset(s);
	if (rc)
		return rc;
	if (!(s = db_prepare(c, SQL_RUNS)))
		return ERR_DB;
	db_bind_int(s, 1, limit);
	while ((rc = db_step(s)) == 1) {
		struct job_run_row r = {db_col_text(s, 0), db_col_text(s, 1), db_col_text(s, 2), db_col_text(s, 5),
					db_col_int(s, 3), db_col_null(s, 4) ? 0 : db_col_int(s, 4)};
		if ((rc = run_cb(ctx, &r)))
			break;
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}
