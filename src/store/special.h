/* special.h (store) - requests for special circumstances (Pasal 30): the
 * request, its planned outputs, evidence files (base64 in TEXT with their
 * SHA-256) and history. The rules of the request's life are in
 * domain/special.h; this applies them to stored rows.
 *
 * Every change runs in the caller's write transaction, reads the request
 * under a row lock (PostgreSQL: FOR UPDATE; SQLite write transactions are
 * serial), writes one history event and appends one audit entry. */
#ifndef FLEKSI_STORE_SPECIAL_H
#define FLEKSI_STORE_SPECIAL_H

#include "auth/roles.h"
#include "db/db.h"
#include "domain/special.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct special_output_in {
	const char *output;
	const char *due;          /* "YYYY-MM-DD" or NULL */
};

struct special_input {
	const char *reason;
	const char *period_from, *period_to;
	const struct special_output_in *outputs;
	int noutputs;
};

struct special_output {
	char *output;
	char due[11];             /* "" when none */
};

struct special_evidence {
	int n;
	char media_type[24];
	int64_t size;
	char sha256[65];
	char *filename;
	char *uploaded_by;
	char uploaded_at[40];
};

struct special_event {
	char action[24], from[24], to[24];
	char *note, *actor;
	char at[40];
};

/* One request with everything about it; free with special_request_free. */
struct special_request {
	int64_t id, employee_id;
	char nip[19];
	char *name, *unit_code, *unit_name;
	enum special_status status;
	char *reason;
	char period_from[11], period_to[11];
	int revision;
	char *decision_note, *decided_by;   /* "" when none */
	char decided_at[40];
	char *created_by;
	char created_at[40], updated_at[40];
	struct special_output *outputs; int noutputs;
	struct special_evidence *evidence; int nevidence;
	struct special_event *events; int nevents;
};

/* Who acts: the account's username and its employee record (0: none). */
struct special_actor {
	const char *username;
	int64_t employee_id;
};

/* File a new draft for the actor's own employee record; *id gets its id. */
int special_create(struct db_conn *c, const struct special_actor *who, const char *nip, const struct special_input *in,
		   int64_t *id);
/* Load one request; ERR_NOT_FOUND. */
int special_load(struct db_conn *c, int64_t id, struct special_request *out);
void special_request_free(struct special_request *r);
/* The NIP of the request's employee (for the router); ERR_NOT_FOUND. */
int special_owner_nip(struct db_conn *c, int64_t id, char nip[19]);

/* The actions. Each returns 0, a storage error, or ERR_CONFLICT with
 * *problem saying which rule refused it (ERR_NOT_FOUND when no request). */
int special_revise(struct db_conn *c, int64_t id, const struct special_actor *who, const struct special_input *in,
		   enum special_problem *problem);
/* Store one evidence file (already checked by special_evidence_type); *n
 * gets its number, 1-based. */
int special_evidence_add(struct db_conn *c, int64_t id, const struct special_actor *who, const char *media_type,
			 const unsigned char *data, size_t len, const char *filename, int *n,
			 enum special_problem *problem);
/* submit, approve, refuse, request_changes; note may be NULL or "". */
int special_act(struct db_conn *c, int64_t id, enum special_action a, const struct special_actor *who,
		const char *note, enum special_problem *problem);

/* The bytes of evidence file n (decoded; caller frees *data); ERR_NOT_FOUND. */
int special_evidence_get(struct db_conn *c, int64_t id, int n, char media_type[24], char **data, size_t *len);

/* A listing row; strings valid during the callback. */
struct special_summary {
	int64_t id;
	const char *nip, *name, *unit_code, *unit_name;
	const char *status, *reason, *period_from, *period_to, *updated_at, *decided_by;
	int revision;
	int64_t evidence_files;
};
struct special_filter {
	const struct scope *scope;
	const char *unit_path;        /* "" everywhere */
	const char *status;           /* "" any */
	const char *nip;              /* "" any */
};
/* Requests visible in the scope, newest change first, at most 200. */
int special_each(struct db_conn *c, const struct special_filter *f,
		 int (*cb)(void *ctx, const struct special_summary *s), void *ctx);

/* Whether the employee has an approved request whose period covers date
 * ("YYYY-MM-DD"): for schedules, which may then go past the weekly cap of
 * location-flexible days. *request_id (may be NULL) gets the latest one. */
int special_approved_on(struct db_conn *c, int64_t employee_id, const char *date, bool *yes, int64_t *request_id);

#endif
