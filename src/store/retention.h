/* retention.h (store) - the privacy reduction (UU 27/2022, issue 5 item 7).
 *
 * Raw readings (checkin.lat, lon, accuracy_m) older than the instansi's
 * presence_setting.raw_location_days are set to NULL and the record gets
 * location_reduced_at; the verdict, distance, allowed distance and flags
 * (which carry distances, never coordinates) stay as evidence. A record is
 * held, not reduced, while checkin.legal_hold is set or its employee has an
 * open discipline case (a case looks back at the whole history of the
 * person, so every record of that person is held until it closes).
 * The answers to reachability confirmations (presence_confirmation, 011)
 * lose their reading after the same days, with the same holds. Expired
 * login rate-limit buckets (user names, addresses) are purged in the same
 * run.
 *
 * Rows are reduced in batches of RETENTION_BATCH, each in its own short
 * write transaction, so the check-in committer never waits long for the
 * write lock. One audit entry per run ("privacy.reduce") carries the counts. */
#ifndef FLEKSI_STORE_RETENTION_H
#define FLEKSI_STORE_RETENTION_H

#include "db/db.h"

#include <stdbool.h>
#include <stdint.h>

#define RETENTION_BATCH 5000
#define RETENTION_JOB "privacy_reduce"

struct retention_result {
	int64_t reduced;        /* check-ins whose raw reading was dropped now */
	int64_t held;           /* past the cutoff but held by a case */
	int64_t confirmations;  /* reachability confirmation answers reduced */
	int64_t rate_limits;    /* expired rate-limit buckets deleted */
	int batches;            /* write transactions used */
	char cutoff[11];        /* the cutoff of the first instansi ("" when none) */
};

/* Run the reduction now (day `today` in WIB as "now" for the cutoff), on
 * connections of db; actor names who asked ("system" for the schedule).
 * Writes one audit entry with the counts. 0 or a negative code; out is
 * filled as far as the run got. */
int retention_run(struct db *db, const char *actor, int64_t now, int batch, struct retention_result *out);

/* The scheduled run: once a day across nodes (job_run "privacy_reduce" with
 * the WIB date as period, store/jobs.h). *ran tells whether this node ran it.
 * The run's outcome in job_run is "ok reduced=N held=M purged=K" or an error
 * name. */
int retention_due(struct db *db, const char *holder, int64_t now, bool *ran, struct retention_result *out);

/* A manual run (admin): claimed as period "manual:<time>" so it shows among
 * the job runs like the scheduled ones. */
int retention_run_manual(struct db *db, const char *actor, const char *holder, int64_t now,
			 struct retention_result *out);

#endif
