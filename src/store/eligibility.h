/* eligibility.h (store) - the data eligibility is decided on, loaded once
 * into memory, and the audited changes to it: policy versions with unit
 * overrides, position profile corrections, exceptions, exclusions and the
 * minimal discipline case.
 *
 * Bulk decisions (summaries, exports, what-if) load a struct elig_world for
 * one date with a handful of queries and then decide every employee in
 * memory; a single decision loads the same world filtered to one employee.
 * Every change is appended to the audit log in the caller's transaction. */
#ifndef FLEKSI_STORE_ELIGIBILITY_H
#define FLEKSI_STORE_ELIGIBILITY_H

#include "db/db.h"
#include "domain/eligibility.h"
#include "domain/jobclass.h"

#include <stdbool.h>
#include <stdint.h>

struct elig_correction {
	int64_t id;
	int64_t position_id;
	int64_t unit_id;          /* 0: everywhere */
	char *unit_path;          /* "" everywhere */
	char *unit_code;          /* "" everywhere */
	bool revert;
	char family[32];
	unsigned criteria, time;
	char *reason;
	char *created_by;
	char created_at[40];
	char valid_from[11];
};

struct elig_wunit {
	int64_t id, parent_id, instansi_id;
	char *code, *name, *path, *kind;
	bool face_to_face;
	struct elig_policy policy;  /* resolved by elig_world_resolve */
};

struct elig_wposition {
	int64_t id;
	char *name, *kind;
	struct jobclass_profile by_name;
	struct elig_correction *corr;  /* in force on the date, one per scope */
	int ncorr;
};

struct elig_wemployee {
	int64_t id;
	char nip[19];
	char *name;
	int unit, position;            /* indexes into the world's arrays */
	char employment[8];
	char service_start[11];
	bool has_domicile;
	bool open_case;
	int64_t open_case_id;          /* the earliest case open on the date, for the message */
	bool running_sanction;
	char sanction_code[32];
	char sanction_until[11];
	const char *excluded_group;    /* static string or NULL */
	int exception;                 /* index into exceptions, -1 none */
	int special;                   /* index into specials, -1 none */
};

/* An approved request for special circumstances (Pasal 30) covering the date. */
struct elig_wspecial {
	int64_t id, employee_id;
	char period_from[11], period_to[11];
	char *decided_by;
};

struct elig_wexception {
	int64_t id, employee_id;
	enum elig_exception_decision decision;
	char *justification, *decided_by, *decided_at;
	char valid_from[11], valid_until[11];
};

struct elig_wpolicy {
	int64_t id, instansi_id;
	int version;
	char valid_from[11];
	bool enabled;
	unsigned kinds;
	int max_remote_days_per_week, max_share_away_pct, new_employee_months;
	char *legal_reference;
};

struct elig_woverride {
	int64_t policy_id, unit_id;
	char *unit_path, *unit_code;
	struct elig_override ov;
};

struct elig_winstansi {
	int64_t id;
	char code[33];
	bool flexible_work;
	int policy;                    /* index into policies in force, -1 default */
};

struct elig_world {
	char date[11];
	struct elig_winstansi *inst; int ninst;
	struct elig_wpolicy *pol; int npol;           /* the version in force per instansi */
	struct elig_woverride *ov; int nov;           /* overrides of those versions */
	struct elig_wunit *units; int nunits;
	struct elig_wposition *pos; int npos;
	struct elig_wemployee *emp; int nemp;
	struct elig_wexception *exc; int nexc;
	struct elig_wspecial *spc; int nspc;
	int64_t *unit_ids; int *unit_order;           /* id index (sorted ids) */
	int64_t *pos_ids; int *pos_order;
};

/* What to load: employee_id > 0 one employee (active or not); otherwise the
 * active employees whose unit path starts with unit_path ("" = all). */
struct elig_filter {
	int64_t employee_id;
	const char *unit_path;
};

int elig_world_load(struct db_conn *c, const char *date, const struct elig_filter *f, struct elig_world *w);
void elig_world_free(struct elig_world *w);
/* Resolve each unit's policy (instansi version + overrides). Called by
 * elig_world_load; call again after changing pol/ov (what-if). */
void elig_world_resolve(struct elig_world *w);
int elig_world_unit_index(const struct elig_world *w, int64_t unit_id);      /* -1 */
int elig_world_position_index(const struct elig_world *w, int64_t pos_id);   /* -1 */

/* The duty profile of employee i; *corr (may be NULL) gets the correction
 * applied, or NULL when derived from the table. */
void elig_world_profile(const struct elig_world *w, int i, struct jobclass_profile *out,
			const struct elig_correction **corr);

/* Everything elig_decide() needs for employee i; the structs are filled by
 * the caller-provided storage. */
struct elig_context {
	struct jobclass_profile duty;
	const struct elig_correction *correction;
	struct elig_person person;
	struct elig_exception exception;
	struct elig_special special;
	struct elig_input in;
};
void elig_world_context(const struct elig_world *w, int i, struct elig_context *ctx);

/* ---- changes (each in the caller's write transaction, audited) ---- */

struct elig_policy_input {
	const char *instansi;          /* code */
	const char *valid_from;
	bool enabled;
	unsigned kinds;
	int max_remote_days_per_week, max_share_away_pct, new_employee_months;
	const char *legal_reference;
	const char *note;
};
struct elig_override_input {
	const char *unit_code;
	struct elig_override ov;
};
/* Create the next version; *version gets its number. ERR_NOT_FOUND with
 * *field set for an unknown instansi or unit. */
int elig_policy_create(struct db_conn *c, const struct elig_policy_input *p, const struct elig_override_input *ov,
		       int nov, const char *actor, int *version, const char **field);
/* Every version of an instansi, newest first. cb gets the version and its overrides. */
int elig_policy_each(struct db_conn *c, const char *instansi,
		     int (*cb)(void *ctx, const struct elig_wpolicy *p, const char *note, const char *created_by,
			       const char *created_at, const struct elig_woverride *ov, int nov),
		     void *ctx);
/* The built-in switch of an instansi; ERR_NOT_FOUND. */
int elig_instansi_get(struct db_conn *c, const char *code, int64_t *id, bool *flexible_work);

struct elig_profile_input {
	int64_t position_id;
	const char *unit_code;         /* NULL or "" everywhere */
	const char *valid_from;
	bool revert;
	const char *family;
	unsigned criteria, time;
	const char *reason;
};
int elig_profile_correct(struct db_conn *c, const struct elig_profile_input *p, const char *actor, const char **field);
/* Position name and kind; ERR_NOT_FOUND. */
int elig_position_get(struct db_conn *c, int64_t id, char *name, size_t name_cap, char *kind, size_t kind_cap);
/* Every correction in force on date, the latest per (position, scope),
 * ordered by position id then scope (the everywhere scope, unit_id 0, first).
 * *out is owned by the caller: free with elig_corrections_free. */
int elig_corrections_in_force(struct db_conn *c, const char *date, struct elig_correction **out, int *n);
void elig_corrections_free(struct elig_correction *k, int n);
/* Every position with its number of active employees. */
int elig_positions_each(struct db_conn *c, int (*cb)(void *ctx, int64_t id, const char *name, const char *kind,
						    int64_t employees), void *ctx);

struct elig_exception_input {
	int64_t employee_id;
	const char *nip;
	bool grant;
	const char *justification;
	const char *valid_from, *valid_until;
};
int elig_exception_create(struct db_conn *c, const struct elig_exception_input *x, const char *actor, int64_t *id);
/* Revoke an exception of this employee; ERR_NOT_FOUND, ERR_CONFLICT when already revoked. */
int elig_exception_revoke(struct db_conn *c, int64_t id, int64_t employee_id, const char *actor);
/* Exceptions of one employee (employee_id > 0) or of a unit subtree, newest first. */
int elig_exceptions_each(struct db_conn *c, int64_t employee_id, const char *unit_path,
			 int (*cb)(void *ctx, const struct elig_wexception *x, const char *nip, const char *name,
				   const char *revoked_at, const char *revoked_by),
			 void *ctx);

int elig_exclusion_set(struct db_conn *c, int64_t employee_id, const char *nip, const char *group,
		       const char *valid_from, const char *reason, const char *actor);
/* End the running exclusion the day before `on`; ERR_NOT_FOUND when none. */
int elig_exclusion_end(struct db_conn *c, int64_t employee_id, const char *nip, const char *on, const char *actor);

struct discipline_case_input {
	const char *status;            /* open, closed */
	const char *opened_on, *closed_on;
	const char *sanction_code, *sanction_from, *sanction_until;
	const char *note;
};
int discipline_case_open(struct db_conn *c, int64_t employee_id, const char *nip,
			 const struct discipline_case_input *in, const char *actor, int64_t *id);
/* Overlay the non-NULL fields; ERR_NOT_FOUND. */
int discipline_case_update(struct db_conn *c, int64_t id, const struct discipline_case_input *in, const char *actor);

/* Groups excluded by Pasal 38 (NULL-terminated). */
extern const char *const elig_excluded_groups[];
/* "wfh,wfa" <-> bits. parse returns false on an unknown name. */
bool elig_kinds_parse(const char *text, unsigned *kinds);
void elig_kinds_format(unsigned kinds, char *out, size_t cap);

#endif
