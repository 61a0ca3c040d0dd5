/* jobs.h (store) - scheduled work shared by every app node.
 *
 * Several `fleksi serve` nodes may share one database. Recurring work (audit
 * checkpoints, session purges, and later closing days, deadlines and
 * retention) must run once, not once per node:
 *   - a lease (job_lease) says which node runs a recurring job now; it is
 *     renewed by its holder and taken over by another node once it expires,
 *     so a dead node stops nothing for longer than the lease's time to live;
 *   - a run (job_run) claims one period of a job ("2026-11-27" for closing
 *     that day) exactly once across nodes: the primary key decides.
 * Times are Unix seconds. Each call runs in the caller's write transaction. */
#ifndef FLEKSI_STORE_JOBS_H
#define FLEKSI_STORE_JOBS_H

#include "db/db.h"

#include <stdbool.h>
#include <stdint.h>

#define JOB_HOLDER_MAX 96

/* A name for this node: host, process id and a random part. */
void jobs_holder_name(char out[JOB_HOLDER_MAX]);

/* Take or renew the lease `name` for holder until now + ttl_s. *got is true
 * when holder has it afterwards (it was free, expired, or already ours). */
int jobs_lease_acquire(struct db_conn *c, const char *name, const char *holder, int64_t now, int ttl_s, bool *got);
/* Give the lease up (at shutdown) so another node need not wait for expiry. */
int jobs_lease_release(struct db_conn *c, const char *name, const char *holder);

/* Claim period of job for holder. *claimed is false when any node (this one
 * included) has already claimed it. */
int jobs_run_claim(struct db_conn *c, const char *job, const char *period, const char *holder, int64_t now,
		   bool *claimed);
/* Record how a claimed run ended ("ok" or an error name). */
int jobs_run_finish(struct db_conn *c, const char *job, const char *period, int64_t now, const char *outcome);

struct job_lease_row {
	const char *name, *holder;
	int64_t acquired_at, expires_at;
};
struct job_run_row {
	const char *job, *period, *holder, *outcome;   /* outcome "" while running */
	int64_t started_at, finished_at;               /* finished_at 0 while running */
};
/* Every lease, then the latest `limit` runs, newest first. */
int jobs_each(struct db_conn *c, int limit, int (*lease_cb)(void *ctx, const struct job_lease_row *l),
	      int (*run_cb)(void *ctx, const struct job_run_row *r), void *ctx);

#endif
