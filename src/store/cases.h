/* cases.h (store) - the discipline ladder over closed days, disciplinary
 * cases and their steps, escalation of cases whose deadline was let pass,
 * and the compliance view of heads and the inspectorate (issue 6 items
 * 2-5; migration 009 extends 002's discipline_case).
 *
 * The yearly discipline of an employee is computed from the closed day
 * accounts (day_account, migration 008): unexcused days (status alpa) and
 * late/early minutes of the calendar year, converted by the ladder
 * (domain/ladder.h) into a proposed sanction.
 *
 * Processing a closed date (cases_process_day, one write transaction):
 *   - for every employee with an unexcused absence, late arrival or early
 *     leave that day, and every employee with an absence case of the year
 *     not decided yet, the year's running total up to that date is
 *     recomputed; a proposal heavier than every absence case of the year
 *     opens a case (assigned to the direct supervisor) or, while the year's
 *     case is not decided yet, raises that case's proposal (one sanction
 *     for several violations); a lower total (a late leave) lowers the
 *     proposal of an undecided case, or withdraws it when nothing is due;
 *   - every open case whose deadline fell before the date escalates: the
 *     one who let it pass (the assignee, or the competent official for a
 *     decision) gets a supervisor_inaction (official_inaction) case with a
 *     proposal one step heavier, assigned to his own supervisor, who also
 *     takes the case over with the step's full period; while such a case
 *     against him is not decided yet, the new failure joins it (a "join"
 *     step, or "raise" when heavier: one sanction for several violations);
 *     a delivered case whose response period passed is closed.
 * Each processed date is recorded (case_processed) with the day_close
 * count it saw, so re-closing a date processes it again. */
#ifndef FLEKSI_STORE_CASES_H
#define FLEKSI_STORE_CASES_H

#include "auth/roles.h"
#include "db/db.h"
#include "domain/ladder.h"

#include <stdbool.h>
#include <stdint.h>

/* ---- the yearly discipline ---- */

struct discipline_year {
	int year;
	int unexcused_days;
	long late_early_minutes;
	int counted_days;
	int longest_streak;
	bool salary_stop;
	char salary_stop_from[11];          /* "" when no salary stop */
	const struct ladder_rung *proposed; /* NULL: nothing due */
	int minutes_per_day;
};
/* From the closed days of year up to `upto` (a day number; INT32_MAX for
 * the whole year), in the caller's transaction. */
int discipline_year_get(struct db_conn *c, int64_t employee_id, int year, int32_t upto, struct discipline_year *out);

/* ---- cases ---- */

/* One case as listed; strings valid during the callback ("" for none). */
struct case_row {
	int64_t id, employee_id, assignee_id, against_case_id;
	const char *kind, *nip, *name, *unit_code, *unit_name, *unit_path;
	const char *status;          /* stage name, "closed" or "withdrawn" */
	int year;                    /* 0 for a case recorded by hand (002) */
	const char *opened_on, *closed_on;
	int counted_days;
	const char *proposed_code;
	bool salary_stop;
	const char *salary_stop_from;
	const char *assignee_nip, *assignee_name;
	int escalations, summons;
	const char *summoned_on, *exam_on, *missed_on, *examined_on, *decided_on, *delivered_on, *responded_on;
	bool on_evidence;
	const char *sanction_code, *sanction_from, *sanction_until;
	const char *deadline, *next_action;
	const char *note;
};

struct case_filter {
	const struct scope *scope;
	int64_t id;                 /* 0 any */
	const char *unit_path;      /* "" everywhere */
	const char *nip;            /* "" any */
	int64_t assignee_id;        /* 0 any */
	const char *status;         /* "" any; a stage, "closed", "withdrawn" or "active" */
	const char *kind;           /* "" any */
	const char *overdue_before; /* "" any; else only open cases whose deadline is before this date */
	int limit, offset;
};
/* Cases visible in the scope (also those assigned to scope->self_id), newest
 * first; *total (may be NULL) gets the count matching. */
int cases_each(struct db_conn *c, const struct case_filter *f, int (*cb)(void *ctx, const struct case_row *r),
	       void *ctx, long *total);

struct case_step_row {
	const char *action, *date, *exam_on, *note, *sanction_code, *actor, *at;
	bool is_virtual;
};
int cases_steps_each(struct db_conn *c, int64_t case_id, int (*cb)(void *ctx, const struct case_step_row *r),
		     void *ctx);

struct case_escalation_row {
	int64_t case_id, inaction_case_id;
	const char *date, *missed_action, *deadline, *from_nip, *from_name, *to_nip, *to_name;
};
/* Escalations of one case (case_id > 0), else of cases of employees in
 * the unit subtree ("" everywhere), newest first, at most limit. */
int cases_escalations_each(struct db_conn *c, int64_t case_id, const char *unit_path, int limit,
			   int (*cb)(void *ctx, const struct case_escalation_row *r), void *ctx);
/* The escalations an inaction case answers for (case_escalation rows whose
 * inaction_case_id is it), oldest first, at most limit. */
int cases_failures_each(struct db_conn *c, int64_t inaction_case_id, int limit,
			int (*cb)(void *ctx, const struct case_escalation_row *r), void *ctx);

/* Who decides a case: the first official up the offender's supervisor
 * chain competent for the level (ladder_may_impose; a vacant post passes
 * upward by the walk itself), or the case's assignee when the case has been
 * escalated above that official; employee_id 0 = admin_bkd (acting for the
 * Governor as the competent authority). */
struct case_decider {
	int64_t employee_id;
	char nip[19], name[256];
};
int cases_decider(struct db_conn *c, int64_t case_id, const char *sanction_code, struct case_decider *out);

/* A step on a case, in the caller's write transaction, audited
 * "case.<action>" on "discipline_case:<id>". */
struct case_step_input {
	const char *action, *date, *exam_on, *note, *sanction_code;
	bool is_virtual;
};
struct case_step_problem {
	int status;                 /* 403, 409, 422 */
	const char *code, *field, *en, *id;
};
/* 0; ERR_NOT_FOUND; ERR_CONFLICT with *p filled (p->status says which). */
int cases_step(struct db_conn *c, int64_t case_id, const struct actor *a, const struct case_step_input *in,
	       struct case_step_problem *p);

/* ---- processing closed dates ---- */

struct cases_process_stats {
	int32_t day;
	long employees;             /* employees recomputed */
	long opened, raised, lowered, withdrawn;
	long escalated, inaction, closed;
};
/* Process one closed date; see the top of this file. ERR_CONFLICT when the
 * date is not closed. */
int cases_process_day(struct db *db, int32_t day, const char *actor, struct cases_process_stats *st);
/* For every node's upkeep: each closed date not processed since its last
 * close, oldest first, claimed once across nodes (job_run "cases_day",
 * period "<date>:<closes>"); *processed gets how many. */
int cases_process_due(struct db *db, const char *holder, int64_t now, int *processed);

/* ---- compliance ---- */

struct compliance_unit_row {
	const char *code, *name;
	long open_cases, overdue_steps, escalations;
};
struct compliance_totals {
	long open_cases, overdue_steps, escalations, inaction_cases;
	long by_status[10];         /* indexed like enum case_status, [8] withdrawn */
};
/* Counts for the cases of employees in the unit subtree ("" everywhere);
 * overdue = open with a deadline before `today`; cb gets one row per child
 * unit of `unit_id` (0: top-level units) with its subtree's counts. */
int cases_compliance(struct db_conn *c, const char *unit_path, int64_t unit_id, const char *today,
		     struct compliance_totals *t, int (*cb)(void *ctx, const struct compliance_unit_row *r), void *ctx);

#endif
