/* org_store.h - reading and changing units and employees one at a time
 * (the bulk path is import.h). Rows come back as fixed-size structs so the
 * API layer can turn them into JSON without owning anything. */
#ifndef FLEKSI_STORE_ORG_STORE_H
#define FLEKSI_STORE_ORG_STORE_H

#include "auth/roles.h"
#include "db/db.h"
#include "domain/org.h"

#include <stdbool.h>
#include <stdint.h>

struct unit_row {
	int64_t id;
	int64_t parent_id;
	char code[ORG_CODE_MAX + 1];
	char name[ORG_NAME_MAX + 1];
	char kind[24];
	char parent_code[ORG_CODE_MAX + 1];
	bool face_to_face;
	bool has_location;
	double lat, lon;
	int radius_m;
	char service_open[6], service_close[6];
	char path[ROLES_PATH_MAX];
	int64_t employees;        /* active employees directly in this unit */
};

struct employee_row {
	int64_t id;
	char nip[ORG_NIP_LEN + 1];
	char name[ORG_NAME_MAX + 1];
	char employment[8];
	char golongan[8];
	char position_name[ORG_NAME_MAX + 1];
	char position_kind[16];
	char jenjang[24];
	char unit_code[ORG_CODE_MAX + 1];
	char unit_name[ORG_NAME_MAX + 1];
	char unit_path[ROLES_PATH_MAX];
	int64_t supervisor_id;
	char supervisor_nip[ORG_NIP_LEN + 1];
	char supervisor_name[ORG_NAME_MAX + 1];
	char appointed_on[11];
	bool active;
	bool has_domicile;
	double domicile_lat, domicile_lon;
	int64_t subordinates;
};

/* Serialise changes to the unit tree and supervisor chains inside the
 * caller's write transaction. SQLite write transactions are serial already;
 * on PostgreSQL two READ COMMITTED transactions could each pass the cycle
 * check and together close a loop, so they take one advisory lock. */
int org_lock_tree(struct db_conn *c);

/* Every unit, ordered by path; cb returns non-zero to stop. */
int units_each(struct db_conn *c, int (*cb)(void *ctx, const struct unit_row *u), void *ctx);
int unit_get(struct db_conn *c, const char *code, struct unit_row *out);       /* ERR_NOT_FOUND */
int unit_get_by_id(struct db_conn *c, int64_t id, struct unit_row *out);
/* Active employees in the unit and every unit below it. */
int unit_subtree_employees(struct db_conn *c, const char *path, int64_t *n);
/* Direct children of a unit. */
int unit_children(struct db_conn *c, int64_t id, int (*cb)(void *ctx, const struct unit_row *u), void *ctx);
/* Create (no existing code) in the caller's transaction, audited. */
int unit_create(struct db_conn *c, const struct org_unit *u, const char *actor, const char **field);
/* Replace a unit's fields (u->code names it), moving its subtree when the
 * parent changes; ERR_CONFLICT for a move under its own subtree. */
int unit_update(struct db_conn *c, const struct org_unit *u, const char *actor, const char **field);

struct employee_query {
	const struct scope *scope;
	const char *unit_path;  /* "" or a subtree filter */
	const char *q;          /* "" or a name substring / NIP prefix */
	int limit, offset;
};

int employees_search(struct db_conn *c, const struct employee_query *q,
		     int (*cb)(void *ctx, const struct employee_row *e), void *ctx, int64_t *total);
int employee_get(struct db_conn *c, const char *nip, struct employee_row *out); /* ERR_NOT_FOUND */
/* Whether target is below supervisor in the supervisor chain. */
int employee_is_below(struct db_conn *c, int64_t supervisor_id, int64_t target_id, bool *below);
/* Create or replace one employee in the caller's transaction, audited.
 * create: ERR_CONFLICT when the NIP exists; update: ERR_NOT_FOUND when not. */
int employee_save(struct db_conn *c, const struct org_employee *e, bool create, const char *actor,
		  const char **field);
/* Bind a unit's own fields as $1..$9 (code, name, kind, face_to_face, lat,
 * lon, radius_m, service_open, service_close), shared by the single and the
 * bulk writers so both store exactly the same thing. */
void unit_bind_fields(struct db_stmt *s, const struct org_unit *u);
/* The lower-case ASCII search key of a name (what employee.name_lower holds). */
void employee_name_key(const char *name, char *out, size_t cap);
/* The org struct view of a row (strings point into the row). */
void employee_row_to_org(const struct employee_row *r, struct org_employee *e);
void unit_row_to_org(const struct unit_row *r, struct org_unit *u);

#endif
