/* roles.h - who may do what: the pure access rules.
 *
 * Roles: pegawai (an employee with an account), atasan (anyone with
 * subordinates; derived, never granted), kepala_opd (head of a body: sees and
 * manages the unit subtree), admin_bkd (the HR agency: everything),
 * inspektorat (reads everything, changes nothing). A route names the access
 * it needs; the router resolves the target and asks roles_allows(). */
#ifndef FLEKSI_AUTH_ROLES_H
#define FLEKSI_AUTH_ROLES_H

#include <stdbool.h>
#include <stdint.h>

enum role {
	ROLE_PEGAWAI = 1 << 0,
	ROLE_ATASAN = 1 << 1,
	ROLE_KEPALA_OPD = 1 << 2,
	ROLE_ADMIN_BKD = 1 << 3,
	ROLE_INSPEKTORAT = 1 << 4,
};

#define ROLES_PATH_MAX 512

struct actor {
	int64_t account_id;
	char username[64];
	char name[256];
	char nip[19];             /* "" when the account is not an employee */
	int64_t employee_id;      /* 0 when not an employee */
	char unit_code[33];       /* the employee's own unit */
	char unit_name[256];
	unsigned roles;
	char opd_unit_code[33];   /* kepala_opd: the body they head */
	char opd_path[ROLES_PATH_MAX]; /* materialised path of that unit, "/1/5/" */
};

enum access {
	ACCESS_PUBLIC,          /* no session needed */
	ACCESS_SESSION,         /* any signed-in user */
	ACCESS_READ_ALL,        /* admin_bkd or inspektorat */
	ACCESS_ADMIN,           /* admin_bkd */
	ACCESS_EMPLOYEE_READ,   /* the target employee is visible to the actor */
	ACCESS_EMPLOYEE_WRITE,  /* admin_bkd, or kepala_opd within their body */
	ACCESS_UNIT_WRITE,      /* admin_bkd, or kepala_opd within their body */
	ACCESS_UNIT_READ,       /* admin_bkd, inspektorat, or kepala_opd within their body */
	ACCESS_UNIT_HEAD,       /* kepala_opd within their body, never about themself */
	ACCESS_EMPLOYEE_ACCOUNT,/* an account that is an employee (files their own requests) */
	ACCESS_SPECIAL_READ,    /* a special-circumstances request and its evidence: the employee,
				   kepala_opd of their body, admin_bkd, inspektorat (not the atasan) */
	ACCESS_SPECIAL_FILE,    /* the employee's own request: revise, add evidence, submit */
	ACCESS_SPECIAL_DECIDE,  /* kepala_opd of the body or admin_bkd, never on their own request */
	/* plans (issue 4) */
	ACCESS_PLAN_FILE,       /* the employee's own plans and preferences, or admin_bkd */
	ACCESS_PLAN_DECIDE,     /* approve/refuse a plan: its approver (the router sets is_subordinate
				   for the direct supervisor or their stand-in valid today) or kepala_opd
				   of the body; never on one's own plan */
	ACCESS_ROSTER_READ,     /* a unit's roster: unit read access, or an atasan of staff of the unit
				   (the router sets is_subordinate) */
	ACCESS_STAND_IN_SET,    /* name a stand-in for an approver: the approver themself, kepala_opd
				   of the body, or admin_bkd */
	/* calendar (issue 4) */
	ACCESS_SELF,            /* the target employee themself (their private calendar feed) */
	ACCESS_FLEX_DECIDE,     /* approve a flexible start: a supervisor of the target (the handler
				   narrows it to the direct supervisor) or kepala_opd of the body;
				   never about oneself */
};

/* What the router knows about the object a request is about. */
struct access_target {
	bool is_self;            /* the actor's own employee record */
	bool is_subordinate;     /* somewhere below the actor in the supervisor chain */
	const char *unit_path;   /* the target's unit path (or the unit's own path) */
};

/* The actor's visibility for list queries: a row is visible when any of the
 * set conditions holds. */
struct scope {
	bool all;
	const char *unit_path;   /* kepala_opd: units whose path starts with this */
	int64_t supervisor_id;   /* atasan: everyone below this employee */
	int64_t self_id;         /* the actor's own record */
};

const char *roles_name(enum role r);
/* Parse a grantable role name (pegawai, kepala_opd, admin_bkd, inspektorat);
 * 0 when unknown or derived (atasan). */
unsigned roles_parse_grantable(const char *name);
bool roles_allows(const struct actor *a, enum access need, const struct access_target *t);
void roles_scope(const struct actor *a, struct scope *out);
/* Whether the unit path lies in the subtree rooted at prefix. */
bool roles_path_within(const char *path, const char *prefix);

#endif
