/* rotation.h (store) - rotations of a unit: proposing on the unit's roster
 * (store/roster.h), keeping the head's edits of a draft, and publishing it
 * (its days become approved plans through plans_publish), with tables
 * rotation, rotation_day and rotation_gap of migration 004.
 *
 * The roster is turned into the rotation's plain input (domain/rotation.h)
 * by rotation_input_build:
 *   - days: from..to; a day is working when the calendar says so or someone
 *     is on a shift that day; office-only days; the minimums only on days
 *     with staff (as plan_day_cover counts them); per service hour (slots of
 *     60 minutes from the unit's service_open) the per-hour minimum;
 *   - people: scheduled and eligible kinds per day (nobody is eligible on a
 *     day the policy is switched off), requested and approved plans as fixed
 *     away days, special circumstances, preferred weekdays and a monthly
 *     limit asked for; plans of the ISO weeks around the range count against
 *     the weekly cap (days_before/days_after);
 *   - the weekly cap and the share away are the policy's, the strictest in
 *     force over the range.
 * Every change appends an audit entry in the caller's write transaction. */
#ifndef FLEKSI_STORE_ROTATION_H
#define FLEKSI_STORE_ROTATION_H

#include "db/db.h"
#include "domain/plan.h"
#include "domain/rotation.h"

#include <stdbool.h>
#include <stdint.h>

/* The rotation's input built from a roster, over from..to. */
struct rotation_input {
	struct rot_input in;
	struct rot_day *days;
	struct rot_person *people;     /* index = roster person index */
	struct rot_cell *cells;
	int d0;                        /* roster day index of from */
	int nslots;                    /* service hours: bit i of rot_cell.hours */
	int slot_start[ROT_HOURS];     /* minute of the day each starts */
};

/* Build x from r (loaded for a range holding from..to, to - from < ROT_MAX_DAYS).
 * Free with rotation_input_free. */
void rotation_input_build(const struct roster *r, int32_t from, int32_t to, struct rotation_input *x);
void rotation_input_free(struct rotation_input *x);

struct rotation_info {
	int64_t id, unit_id;
	char unit_code[33];
	char unit_name[256];
	char from[DATE_TEXT], to[DATE_TEXT];
	char status[12];                   /* "draft" or "published" */
	char created_by[64], created_at[40], published_by[64], published_at[40];
	int covered_days, gap_days, fairness_spread;
};

/* A rotation with everything needed to show it: its roster, input, days
 * (mode) and the figures of those days as of now. */
struct rotation_view {
	struct rotation_info info;
	struct roster roster;
	struct rotation_input x;
	uint8_t *mode;                 /* npeople * ndays of x.in */
	struct rot_result res;
};
void rotation_view_free(struct rotation_view *v);

/* Save a proposal (res.mode) of the unit's roster as a new draft: the
 * rotation, its days and gaps, one audit entry "rotation.propose". Caller's
 * write transaction. */
int rotation_save(struct db_conn *c, const struct roster *r, const struct rotation_input *x,
		  const struct rot_result *res, const char *actor, int64_t *id);

/* Propose for the unit over from..to (at most ROT_MAX_DAYS days) and save it
 * as a draft; *out gets the view. ERR_NOT_FOUND, ERR_INVALID (range).
 * Caller's write transaction. */
int rotation_propose(struct db_conn *c, int64_t unit_id, int32_t from, int32_t to, const char *actor,
		     struct rotation_view *out);

/* Load rotation id with its roster as of now. ERR_NOT_FOUND. Caller's
 * transaction (read). */
int rotation_get(struct db_conn *c, int64_t id, struct rotation_view *out);

/* The unit code of a rotation (for the router). ERR_NOT_FOUND. */
int rotation_unit_code(struct db_conn *c, int64_t id, char code[33]);

/* One edit of a draft: put the person (NIP) on date in mode (ROT_OFFICE:
 * back to the office). */
struct rotation_edit {
	const char *nip;
	const char *date;
	int mode;
};

/* Why edits or a publication were refused: which edit (index, -1 for the
 * publication) and which rules. */
struct rotation_refusal {
	int index;
	const char *field;           /* "nip" / "date" for ERR_INVALID */
	struct rot_violation v[ROT_RULE_N];
	int n;
	char nip[19], date[DATE_TEXT];
};

/* Apply edits in order, each checked against every hard rule with the
 * edits before it applied; all or none. Returns 0 with *out the view after
 * them; ERR_NOT_FOUND; ERR_CONFLICT when not a draft (ref->n == 0) or when
 * an edit breaks a rule (ref->n > 0); ERR_INVALID when a NIP is not on the
 * unit's roster or a date is outside the rotation (ref->field). One audit
 * entry "rotation.edit". Caller's write transaction. */
int rotation_edit(struct db_conn *c, int64_t id, const struct rotation_edit *e, int n, const char *actor,
		  struct rotation_refusal *ref, struct rotation_view *out);

/* Publish a draft: every day becomes an approved plan (plans_publish), the
 * status turns "published", audited "rotation.publish". The days are checked
 * again against the hard rules first (plans approved since may have used the
 * room): ERR_CONFLICT with ref->n > 0 then. ERR_CONFLICT with ref->n == 0
 * when already published. *plans gets the number of plans. Caller's write
 * transaction. */
int rotation_publish(struct db_conn *c, int64_t id, const char *actor, int *plans, struct rotation_refusal *ref);

/* Rotations of the units whose path starts with unit_path ("" all), newest
 * first, at most 200. */
int rotation_each(struct db_conn *c, const char *unit_path,
		  int (*cb)(void *ctx, const struct rotation_info *r), void *ctx);

#endif
