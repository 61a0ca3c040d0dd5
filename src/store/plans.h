/* plans.h (store) - plans of location-flexible days and what governs them:
 * unit staffing minimums, office-only days, stand-in approvers and
 * preferences (tables of migration 004, section "plans").
 *
 * Asking and approving load the unit's roster (store/roster.h) in the
 * caller's write transaction and run the rules of domain/plan.h, so the
 * check and the change see the same data. Every change appends one audit
 * entry in the same transaction. Dates are "YYYY-MM-DD" in the unit's local
 * time. */
#ifndef FLEKSI_STORE_PLANS_H
#define FLEKSI_STORE_PLANS_H

#include "auth/roles.h"
#include "db/db.h"
#include "domain/plan.h"

#include <stdbool.h>
#include <stdint.h>

/* The declared place of a wfa / kantor_lain plan; NULL or "" when absent. */
struct plan_location_in {
	const char *address;
	bool has_point;
	double lat, lon;
	const char *unit_code;       /* kantor_lain: another government office */
};

/* Why a request or an approval was refused by the rules. */
struct plan_outcome {
	struct plan_violation v[PLAN_VIOLATIONS_MAX];
	int n;
	bool invalid;                /* some violation is invalid input (422), else conflicts (409) */
	struct plan_coverage coverage;
};

/* The unit's local date now. */
int plans_today(struct db_conn *c, int64_t unit_id, int32_t *today);

/* Ask for a plan for employee_id (active) on day. Returns 0 with *id, or
 * ERR_NOT_FOUND (no such employee), ERR_INVALID / ERR_CONFLICT with the
 * violations in *out (every rule broken). Caller's write transaction. */
int plans_request(struct db_conn *c, int64_t employee_id, int32_t day, enum plan_mode mode,
		  const struct plan_location_in *loc, const char *actor, int64_t *id, struct plan_outcome *out);

/* Approve a requested plan after checking the rules again (approved plans
 * only count as away). ERR_NOT_FOUND; ERR_CONFLICT with out->n == 0 when the
 * plan is not requested any more; ERR_CONFLICT / ERR_INVALID with
 * violations. */
int plans_approve(struct db_conn *c, int64_t id, const char *actor, struct plan_outcome *out);
/* Refuse a requested plan with a reason. ERR_NOT_FOUND, ERR_CONFLICT when not requested. */
int plans_refuse(struct db_conn *c, int64_t id, const char *reason, const char *actor);
/* Cancel a requested or approved plan whose date is after the unit's
 * today. ERR_CONFLICT when already decided against / cancelled, ERR_INVALID
 * when the date is today or past. */
int plans_cancel(struct db_conn *c, int64_t id, const char *actor);

/* The owner of a plan (for the router): its employee's NIP. ERR_NOT_FOUND. */
int plans_owner_nip(struct db_conn *c, int64_t id, char nip[19]);
/* Whether actor_employee approves the plans of employee: their direct
 * supervisor, or a stand-in named for that supervisor valid on today. */
int plans_is_approver(struct db_conn *c, int64_t actor_employee, int64_t employee_id, bool *yes);
/* Whether actor_employee directly supervises an active employee of the unit. */
int plans_supervises_in_unit(struct db_conn *c, int64_t actor_employee, int64_t unit_id, bool *yes);

/* One plan as listed; strings valid during the callback. */
struct plan_item {
	int64_t id, employee_id, unit_id, location_unit_id, rotation_id;
	const char *nip, *name, *unit_code, *unit_name, *date, *mode, *status;
	const char *location_address, *location_unit_code;   /* "" when none */
	bool has_point;
	double lat, lon;
	const char *refusal_reason, *requested_by, *requested_at, *decided_by, *decided_at; /* "" none */
	const char *unit_path;        /* the employee's unit */
	int64_t supervisor_id;        /* the employee's direct supervisor, 0 none */
	bool has_coverage;            /* requested plans: the effect of approving */
	struct plan_coverage coverage;
};
struct plan_filter {
	const struct scope *scope;    /* visibility */
	const char *unit_path;        /* "" everywhere */
	const char *from, *to;        /* "" open */
	const char *status;           /* "" any */
	const char *nip;              /* "" any */
	int64_t approver_id;          /* > 0: plans this employee approves (direct reports, stand-in) */
	int64_t id;                   /* > 0: this plan only */
};
#define PLANS_LIST_MAX 1000
/* Plans visible in the scope, by date then name, at most PLANS_LIST_MAX;
 * requested ones carry their coverage effect. Read transaction of the caller. */
int plans_each(struct db_conn *c, const struct plan_filter *f, int (*cb)(void *ctx, const struct plan_item *p),
	       void *ctx);

/* ---- the unit's rules ---- */
int plans_staffing_set(struct db_conn *c, int64_t unit_id, const char *unit_code, int min_on_site,
		       int min_on_site_per_hour, const char *actor);
int plans_staffing_get(struct db_conn *c, int64_t unit_id, bool *has, int *min_on_site, int *min_on_site_per_hour);
/* Mark or unmark an office-only day (unmark: ERR_NOT_FOUND when not marked). */
int plans_office_day_set(struct db_conn *c, int64_t unit_id, const char *unit_code, const char *date,
			 const char *reason, const char *actor);
int plans_office_day_delete(struct db_conn *c, int64_t unit_id, const char *unit_code, const char *date,
			    const char *actor);
/* Office-only days in force for the unit (its own and its ancestors'). */
int plans_office_days_each(struct db_conn *c, int64_t unit_id, const char *from, const char *to,
			   int (*cb)(void *ctx, const char *date, const char *reason, const char *unit_code,
				     const char *created_by),
			   void *ctx);

/* ---- stand-ins ---- */
int plans_stand_in_create(struct db_conn *c, int64_t approver_id, int64_t stand_in_id, const char *from,
			  const char *to, const char *actor, int64_t *id);
struct plan_stand_in_item {
	int64_t id;
	const char *approver_nip, *approver_name, *stand_in_nip, *stand_in_name;
	const char *valid_from, *valid_until, *created_by, *created_at;
};
/* Stand-ins where the employee is approver or stand-in (employee_id > 0),
 * or visible in the scope; newest first, at most 200. */
int plans_stand_ins_each(struct db_conn *c, const struct scope *scope, int64_t employee_id,
			 int (*cb)(void *ctx, const struct plan_stand_in_item *s), void *ctx);

/* The approvers the employee stands in for today (at most max ids into
 * approvers; *n gets how many). */
int plans_stand_in_for(struct db_conn *c, int64_t stand_in_id, int64_t *approvers, int max, int *n);

/* ---- preferences ---- */
int plans_preference_set(struct db_conn *c, int64_t employee_id, const char *nip, unsigned weekdays,
			 int max_days_month, const char *actor);
/* *weekdays 0 and *max_days_month -1 when none stated. */
int plans_preference_get(struct db_conn *c, int64_t employee_id, unsigned *weekdays, int *max_days_month);

/* ---- for the rotation and presence areas ---- */

/* Create an approved plan for the employee on day with mode ("wfh", "wfa",
 * "kantor_lain") from a published rotation, in the caller's write
 * transaction, replacing a requested plan of that day (which becomes
 * cancelled); an approved plan already there is kept when the mode is the
 * same, else replaced. Audited "plan.publish". *plan_id gets the plan. */
int plans_publish(struct db_conn *c, int64_t employee_id, int32_t day, const char *mode, int64_t rotation_id,
		  const char *actor, int64_t *plan_id);

struct plan_row {
	int64_t id;
	char date[11];
	char mode[16];
	char status[16];
	char *location_address;      /* owned, NULL when none */
	double location_lat, location_lon;
	bool has_location;           /* lat/lon given */
	int64_t location_unit_id;    /* 0 none */
};
/* The approved plan of the employee on date; ERR_NOT_FOUND when none. */
int plan_for_day(struct db_conn *c, int64_t employee_id, const char *date, struct plan_row *out);
void plan_row_free(struct plan_row *p);

/* Demo: staffing minimums for face-to-face units (60% of the staff a
 * regular day has on duty, less under shift schedules; 1 or 2 per service
 * hour) and sample plans for the Bappeda demo people (the pegawai, the
 * atasan and the pegawai's colleagues) around today. Own transactions. */
int plans_demo_seed(struct db *db, const char *pegawai_nip, const char *atasan_nip);

#endif
