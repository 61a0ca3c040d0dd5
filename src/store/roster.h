/* roster.h (store) - loads the roster (domain/plan.h): everything the plan
 * rules, the roster heat map and the rotation need about one unit's staff
 * over a date range.
 *
 * What is loaded, for the days from the Monday of from's ISO week to the
 * Sunday of to's:
 *   per day    the calendar (working day, day-off name), office-only days,
 *              the unit's minimums (unit_staffing), the policy in force
 *              (enabled, days per week, share away), per unit and per day;
 *   per person active employees whose unit_id is the unit: nip, name,
 *              supervisor, preferences; per day the schedule (start/end,
 *              shift), the location kinds they are eligible for (decided
 *              again at every date where policy, exceptions, cases,
 *              corrections, exclusions or "new employee" status change),
 *              approved special circumstances, and the requested/approved
 *              plan.
 * Neither loader opens a transaction: the caller runs them inside its own
 * (db_begin_read for a consistent picture, or the write transaction that
 * is about to change plans). The bulk loader reads every unit with a fixed
 * handful of queries (no query per unit or per person). */
#ifndef FLEKSI_STORE_ROSTER_H
#define FLEKSI_STORE_ROSTER_H

#include "db/db.h"
#include "domain/plan.h"

#include <stdint.h>

/* The longest range one load accepts (from..to), in days. */
#define ROSTER_MAX_DAYS 93

/* Load one unit's roster for from..to (day numbers, from <= to, at most
 * ROSTER_MAX_DAYS). Returns 0, ERR_NOT_FOUND for an unknown unit,
 * ERR_INVALID for a bad range, or a storage error. *out is owned by the
 * caller (roster_free), also after an error. */
int roster_load(struct db_conn *c, int64_t unit_id, int32_t from, int32_t to, struct roster *out);
void roster_free(struct roster *r);

/* Every unit that has at least one active employee, sorted by unit id. */
struct roster_set {
	struct roster *units;
	int n;
};
/* Load the rosters of every unit (or of the units whose path starts with
 * unit_path when it is not NULL or "") for from..to. Same errors as
 * roster_load. Free with roster_set_free, also after an error. */
int roster_load_all(struct db_conn *c, const char *unit_path, int32_t from, int32_t to, struct roster_set *out);
void roster_set_free(struct roster_set *s);

#endif
