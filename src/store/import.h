/* import.h - loading units and employees in bulk: the whole set or nothing.
 *
 * Used by the CSV import (CLI and API) and by the demo generator. Rows are
 * upserted by unit code / NIP. Every reference (parent unit, unit, direct
 * supervisor) must resolve within the file or the database, and the result
 * must stay a tree (no unit or supervisor cycles). Everything runs in one
 * write transaction with one audit entry; with dry_run the transaction is
 * rolled back after every check has run, database constraints included. */
#ifndef FLEKSI_STORE_IMPORT_H
#define FLEKSI_STORE_IMPORT_H

#include "db/db.h"
#include "domain/org.h"
#include "domain/org_csv.h"

#include <stdbool.h>

struct import_request {
	const char *actor;      /* for the audit entry */
	const char *digest_of;  /* text whose SHA-256 is recorded (the file), or NULL */
	bool dry_run;
	/* Called every progress_every rows while writing (may be NULL). */
	void (*progress)(void *ctx, long done, long total);
	void *progress_ctx;
};

/* lines[i] is the source line of rows[i] for problem reports (may be NULL:
 * then i + 2 is used, as for a CSV with a header). Returns 0, ERR_INVALID
 * with problems filled in, or another negative code. */
int import_units(struct db *db, const struct org_unit *rows, const long *lines, long n,
		 const struct import_request *req, struct orgcsv_problems *problems);
int import_employees(struct db *db, const struct org_employee *rows, const long *lines, long n,
		     const struct import_request *req, struct orgcsv_problems *problems);

/* Parse a CSV text and import it (the path shared by CLI and API).
 * kind is "units" or "employees". *rows_out gets the number of data rows. */
int import_csv(struct db *db, const char *kind, const char *data, size_t len,
	       const struct import_request *req, struct orgcsv_problems *problems, long *rows_out);

#endif
