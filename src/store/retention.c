/* retention.c (store) - the privacy reduction; see retention.h. */
#include "store/retention.h"
#include "core/clock.h"
#include "core/date.h"
#include "core/err.h"
#include "core/log.h"
#include "domain/privacy.h"
#include "store/audit.h"
#include "store/jobs.h"
#include "store/mydata.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define RETENTION_INSTANSI_MAX 64
#define RATE_LIMIT_KEEP_S 86400   /* the longest rate-limit window in use is an hour */

/* Every instansi with its raw_location_days valid on $1 (90 when none). */
static const char SQL_DAYS[] =
	"SELECT i.id, COALESCE((SELECT p.raw_location_days FROM presence_setting p WHERE p.instansi_id = i.id"
	" AND p.valid_from <= $1 ORDER BY p.valid_from DESC LIMIT 1), 90) FROM instansi i ORDER BY i.id";

/* One batch: the oldest-first choice is not needed (every chosen row is past
 * the cutoff); the partial index checkin_raw_location (migration 012) keeps
 * the search to rows still holding a reading. */
static const char SQL_REDUCE[] =
	"UPDATE checkin SET lat = NULL, lon = NULL, accuracy_m = NULL, location_reduced_at = $1 WHERE id IN ("
	"SELECT c.id FROM checkin c JOIN unit u ON u.id = c.unit_id"
	" WHERE c.location_reduced_at IS NULL AND c.work_date < $2 AND u.instansi_id = $3 AND c.legal_hold = FALSE"
	" AND NOT EXISTS (SELECT 1 FROM discipline_case d WHERE d.employee_id = c.employee_id AND d.status = 'open')"
	" LIMIT $4) RETURNING id";

/* What is left past the cutoff after the run is what a hold keeps. */
static const char SQL_HELD[] =
	"SELECT count(*) FROM checkin c JOIN unit u ON u.id = c.unit_id"
	" WHERE c.location_reduced_at IS NULL AND c.work_date < $1 AND u.instansi_id = $2";

/* The reachability confirmations (migration 011) have no marker column:
 * a reduced answer is one whose reading is NULL; the partial index
 * presence_confirmation_raw (012) holds only those still to reduce. */
static const char SQL_REDUCE_CONF[] =
	"UPDATE presence_confirmation SET lat = NULL, lon = NULL, accuracy_m = NULL WHERE id IN ("
	"SELECT pc.id FROM presence_confirmation pc JOIN employee e ON e.id = pc.employee_id"
	" JOIN unit u ON u.id = e.unit_id WHERE pc.lat IS NOT NULL AND pc.date < $1 AND u.instansi_id = $2"
	" AND NOT EXISTS (SELECT 1 FROM discipline_case d WHERE d.employee_id = pc.employee_id AND d.status = 'open')"
	" LIMIT $3) RETURNING id";

static const char SQL_RATE_PURGE[] = "DELETE FROM rate_limit WHERE window_start < $1 RETURNING bucket";

struct instansi_days {
	int64_t id;
	int days;
};

static int load_days(struct db_conn *c, const char *today, struct instansi_days *v, int *n)
{
	*n = 0;
	struct db_stmt *s = db_prepare(c, SQL_DAYS);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, today);
	int rc;
	while ((rc = db_step(s)) == 1 && *n < RETENTION_INSTANSI_MAX) {
		v[*n].id = db_col_int(s, 0);
		v[*n].days = (int)db_col_int(s, 1);
		(*n)++;
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

/* Count the rows a statement returns (its RETURNING list). */
static int step_count(struct db_stmt *s, int64_t *n)
{
	int rc;
	*n = 0;
	while ((rc = db_step(s)) == 1)
		(*n)++;
	db_reset(s);
	return rc < 0 ? rc : 0;
}

/* Reduce one batch in its own write transaction; *n rows were reduced.
 * stamp NULL: a batch of confirmations, else of check-ins. */
static int reduce_batch(struct db_conn *c, const char *stamp, const char *cutoff, int64_t instansi, int batch,
			int64_t *n)
{
	int rc = db_begin_write(c);
	if (rc)
		return rc;
	struct db_stmt *s = db_prepare(c, stamp ? SQL_REDUCE : SQL_REDUCE_CONF);
	if (!s) {
		db_rollback(c);
		return ERR_DB;
	}
	int k = 1;
	if (stamp)
		db_bind_text(s, k++, stamp);
	db_bind_text(s, k++, cutoff);
	db_bind_int(s, k++, instansi);
	db_bind_int(s, k, batch);
	rc = step_count(s, n);
	if (!rc)
		rc = db_commit(c);
	if (rc)
		db_rollback(c);
	return rc;
}

/* A batch that met a busy writer (SQLite) or a serialization failure
 * (PostgreSQL) is tried again a few times: the run is daily, giving up
 * would leave the readings a day longer. */
static int reduce_batch_retry(struct db_conn *c, const char *stamp, const char *cutoff, int64_t instansi, int batch,
			      int64_t *n)
{
	int rc = 0;
	for (int attempt = 0; attempt < 3; attempt++) {
		rc = reduce_batch(c, stamp, cutoff, instansi, batch, n);
		if (rc != ERR_BUSY && rc != ERR_RETRY)
			break;
		struct timespec pause = {0, 200 * 1000000L};
		nanosleep(&pause, NULL);
	}
	return rc;
}

/* What is still unreduced past the cutoff after the batches: held rows. */
static int count_held(struct db_conn *c, const char *cutoff, int64_t instansi, int64_t *held)
{
	int rc = db_begin_read(c);
	if (rc)
		return rc;
	struct db_stmt *s = db_prepare(c, SQL_HELD);
	if (!s)
		rc = ERR_DB;
	else {
		db_bind_text(s, 1, cutoff);
		db_bind_int(s, 2, instansi);
		if ((rc = db_step(s)) == 1)
			*held += db_col_int(s, 0), rc = 0;
		db_reset(s);
	}
	db_rollback(c);
	return rc < 0 ? rc : 0;
}

static int reduce_instansi(struct db_conn *c, const char *stamp, int32_t today, const struct instansi_days *d,
			   int batch, struct retention_result *out)
{
	char cutoff[DATE_TEXT];
	date_format(privacy_cutoff(today, d->days), cutoff);
	if (!out->cutoff[0])
		memcpy(out->cutoff, cutoff, sizeof cutoff);
	int64_t n;
	int rc;
	do {
		if ((rc = reduce_batch_retry(c, stamp, cutoff, d->id, batch, &n)))
			return rc;
		out->reduced += n;
		out->batches++;
	} while (n == batch);
	bool have_conf = false;
	if ((rc = db_begin_read(c)))
		return rc;
	rc = mydata_table_exists(c, "presence_confirmation", &have_conf);
	db_rollback(c);
	if (rc)
		return rc;
	while (have_conf) {
		if ((rc = reduce_batch_retry(c, NULL, cutoff, d->id, batch, &n)))
			return rc;
		out->confirmations += n;
		out->batches++;
		if (n < batch)
			break;
	}
	return count_held(c, cutoff, d->id, &out->held);
}

/* Purge expired rate-limit buckets and write the run's audit entry, in one
 * write transaction. */
static int finish_run(struct db_conn *c, const char *actor, int64_t now, struct retention_result *out)
{
	int rc = db_begin_write(c);
	if (rc)
		return rc;
	struct db_stmt *s = db_prepare(c, SQL_RATE_PURGE);
	if (!s)
		rc = ERR_DB;
	else {
		db_bind_int(s, 1, now - RATE_LIMIT_KEEP_S);
		rc = step_count(s, &out->rate_limits);
	}
	char after[320];
	snprintf(after, sizeof after,
		 "{\"batches\":%d,\"confirmations\":%lld,\"cutoff\":\"%s\",\"held\":%lld,\"rate_limits\":%lld,"
		 "\"reduced\":%lld}",
		 out->batches, (long long)out->confirmations, out->cutoff, (long long)out->held,
		 (long long)out->rate_limits, (long long)out->reduced);
	struct audit_event ev = {actor, "privacy.reduce", "checkin:raw_location", NULL, after};
	if (!rc)
		rc = audit_append(c, &ev);
	if (!rc)
		rc = db_commit(c);
	if (rc)
		db_rollback(c);
	return rc;
}

int retention_run(struct db *db, const char *actor, int64_t now, int batch, struct retention_result *out)
{
	memset(out, 0, sizeof *out);
	if (batch < 1)
		batch = RETENTION_BATCH;
	int32_t today;
	int minute;
	tz_local(now, TZ_WIB, &today, &minute);
	char today_text[DATE_TEXT], stamp[40];
	date_format(today, today_text);
	clock_now_iso(stamp, sizeof stamp);
	struct instansi_days days[RETENTION_INSTANSI_MAX];
	int n = 0;
	struct db_conn *c = db_acquire(db);
	int rc = db_begin_read(c);
	if (!rc)
		rc = load_days(c, today_text, days, &n);
	db_rollback(c);
	for (int i = 0; !rc && i < n; i++)
		rc = reduce_instansi(c, stamp, today, &days[i], batch, out);
	if (!rc)
		rc = finish_run(c, actor, now, out);
	db_release(db, c);
	return rc;
}

/* Claim (job, period) in its own write transaction. */
static int claim(struct db *db, const char *period, const char *holder, int64_t now, bool *claimed)
{
	struct db_conn *c = db_acquire(db);
	int rc = db_begin_write(c);
	if (!rc)
		rc = jobs_run_claim(c, RETENTION_JOB, period, holder, now, claimed);
	if (!rc)
		rc = db_commit(c);
	if (rc)
		db_rollback(c);
	db_release(db, c);
	return rc;
}

/* Record the outcome of a claimed run; a failure to record is only logged
 * (the run itself is done, and the next period runs anyway). */
static void record(struct db *db, const char *period, int rc, const struct retention_result *r)
{
	char outcome[160];
	if (rc)
		snprintf(outcome, sizeof outcome, "%s", err_name(rc));
	else
		snprintf(outcome, sizeof outcome, "ok reduced=%lld held=%lld purged=%lld", (long long)r->reduced,
			 (long long)r->held, (long long)r->rate_limits);
	struct db_conn *c = db_acquire(db);
	int frc = db_begin_write(c);
	if (!frc)
		frc = jobs_run_finish(c, RETENTION_JOB, period, clock_unix(), outcome);
	if (!frc)
		frc = db_commit(c);
	if (frc) {
		db_rollback(c);
		log_warn("could not record the end of the privacy reduction %s", period);
	}
	db_release(db, c);
}

int retention_due(struct db *db, const char *holder, int64_t now, bool *ran, struct retention_result *out)
{
	memset(out, 0, sizeof *out);
	*ran = false;
	int32_t today;
	int minute;
	tz_local(now, TZ_WIB, &today, &minute);
	char period[DATE_TEXT];
	date_format(today, period);
	int rc = claim(db, period, holder, now, ran);
	if (rc || !*ran)
		return rc;
	rc = retention_run(db, "system", now, RETENTION_BATCH, out);
	record(db, period, rc, out);
	return rc;
}

int retention_run_manual(struct db *db, const char *actor, const char *holder, int64_t now,
			 struct retention_result *out)
{
	memset(out, 0, sizeof *out);
	char period[48];
	time_t t = (time_t)now;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(period, sizeof period, "manual:%Y-%m-%dT%H:%M:%SZ", &tm);
	bool claimed = false;
	int rc = claim(db, period, holder, now, &claimed);
	if (rc)
		return rc;
	if (!claimed)
		return ERR_CONFLICT; /* another manual run in the same second */
	rc = retention_run(db, actor, now, RETENTION_BATCH, out);
	record(db, period, rc, out);
	return rc;
}
