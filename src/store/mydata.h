/* mydata.h (store) - everything held about one employee, for the right of
 * access (UU 27/2022 Pasal 32; issue 5 item 7): GET /api/v1/me/data.
 *
 * The data is read as named sections (profile, accounts, sessions,
 * eligibility decisions, plans, check-ins with their coordinates, devices,
 * leaves, day accounts, violations, cases, special requests, audit entries
 * about them), each a list of rows of named, typed columns, so the API can
 * write JSON or CSV from one description. Secrets are never selected
 * (password hashes, session token hashes, feed secrets, evidence files'
 * content: their digest and size are listed instead). */
#ifndef FLEKSI_STORE_MYDATA_H
#define FLEKSI_STORE_MYDATA_H

#include "db/db.h"

#include <stdbool.h>
#include <stdint.h>

#define MYDATA_SECTION_ROWS_MAX 100000  /* per section; more is flagged truncated */

enum mydata_type { MYDATA_INT, MYDATA_REAL, MYDATA_TEXT, MYDATA_BOOL, MYDATA_JSON /* text holding JSON */ };

struct mydata_value {
	enum mydata_type type;
	bool null;
	int64_t i;
	double r;
	const char *s;   /* valid during the callback */
	bool b;
};

/* Callbacks, in order: section_begin, rows, section_end for each section.
 * names[] and the values are valid during the call. Returning non-zero
 * stops the export with that code. */
struct mydata_sink {
	int (*section_begin)(void *ctx, const char *section, int ncol, const char *const *names);
	int (*row)(void *ctx, const char *section, int ncol, const char *const *names, const struct mydata_value *v);
	int (*section_end)(void *ctx, const char *section, int64_t rows, bool truncated);
	void *ctx;
};

/* The sections in their order (for documentation and CSV file names). */
int mydata_section_count(void);
const char *mydata_section_name(int i);

/* Read everything about the employee (account username: for the sessions,
 * roles and the audit entries they made). Runs in the caller's read
 * transaction. */
int mydata_export(struct db_conn *c, int64_t employee_id, const char *nip, const char *username,
		  const struct mydata_sink *sink);

/* Whether a table exists: sections and retention steps about tables of
 * other areas (the worklog's, migration 011) are skipped on a database
 * without them rather than failing the whole export. */
int mydata_table_exists(struct db_conn *c, const char *table, bool *yes);

/* The raw_location_days that applies to the employee on today (text date):
 * how long their raw readings are kept (90 when no setting). */
int mydata_raw_location_days(struct db_conn *c, int64_t employee_id, const char *today, int *days);

#endif
