/* case.h - the legal steps of a disciplinary case and their deadlines
 * (PP 94/2021 Pasal 26-33, Perba BKN 6/2022; RULES.md section 4), pure.
 *
 * A case is assigned to the employee's direct supervisor, who must act on
 * any information (not only on complaints):
 *   open -> summoned (a written summons naming the examination date, no
 *   later than 7 working days after the letter) -> examined (the record,
 *   BAP; it may be virtual) or, when the employee does not come, a second
 *   summons (again <= 7 working days) -> examined, or decided on the
 *   evidence when missed again -> decided (by the official competent for the
 *   level, ladder_may_impose) -> delivered (<= 14 days after the decision)
 *   -> the employee's response (or its period lapses) -> closed.
 * Each state has one deadline; a step past it makes the case overdue, and
 * the caller escalates it (the next level up takes it over and a
 * supervisor_inaction case is opened against the one who let it pass).
 *
 * Days are day numbers (core/date.h); working days come from the caller's
 * calendar through a callback, so this file knows no holidays. */
#ifndef FLEKSI_DOMAIN_CASE_H
#define FLEKSI_DOMAIN_CASE_H

#include <stdbool.h>
#include <stdint.h>

enum case_kind { CASE_KIND_ABSENCE, CASE_KIND_SUPERVISOR_INACTION, CASE_KIND_OFFICIAL_INACTION, CASE_KIND_N };

enum case_status {
	CASE_OPEN,            /* waiting for the summons */
	CASE_SUMMONED,        /* first summons sent, examination ahead */
	CASE_MISSED,          /* the first examination was missed: a second summons is due */
	CASE_SUMMONED_AGAIN,  /* second summons after a missed examination */
	CASE_EXAMINED,        /* BAP recorded (or decided on the evidence): waiting for the decision */
	CASE_DECIDED,         /* decision set: waiting for delivery */
	CASE_DELIVERED,       /* delivered: the employee may respond */
	CASE_CLOSED,
	CASE_STATUS_N
};

enum case_action {
	CASE_ACT_SUMMON,            /* date = letter date, exam_on = examination date */
	CASE_ACT_EXAMINE,           /* date = examination held, BAP recorded */
	CASE_ACT_MISSED,            /* date = examination day the employee did not come */
	CASE_ACT_DECIDE,            /* date = decision set; sanction code (or none) */
	CASE_ACT_DELIVER,           /* date = delivered to the employee */
	CASE_ACT_RESPOND,           /* date = the employee's response received */
	CASE_ACT_CLOSE,             /* date = closed (response period over, or no sanction) */
	CASE_ACT_N
};

enum case_problem {
	CASE_PROBLEM_NONE,
	CASE_PROBLEM_WRONG_STATE,      /* the action does not follow from the case's state */
	CASE_PROBLEM_DATE_ORDER,       /* the date is before the previous step's */
	CASE_PROBLEM_EXAM_TOO_LATE,    /* examination date more than 7 working days after the summons */
	CASE_PROBLEM_EXAM_NOT_WORKING, /* examination date is not a working day */
	CASE_PROBLEM_TOO_EARLY,        /* examined or missed before the examination date */
	CASE_PROBLEM_CLOSED,
	CASE_PROBLEM_N
};

/* Settings (versioned data in the store; these are the defaults). */
struct case_rules {
	int summon_within_wd;     /* from opening to the summons letter (setting; unconfirmed: 5) */
	int exam_within_wd;       /* from a summons letter to its examination date (7) */
	int decide_within_wd;     /* from the examination to the decision (setting; 10) */
	int deliver_within_days;  /* from the decision to delivery, calendar days (14) */
	int respond_within_days;  /* from delivery for the employee's response (setting; 14) */
};
void case_rules_default(struct case_rules *r);

/* Working-day arithmetic supplied by the caller: the n-th working day after
 * day (n >= 1), and whether day is a working day. */
struct case_calendar {
	void *ctx;
	int32_t (*add_working_days)(void *ctx, int32_t day, int n);
	bool (*is_working_day)(void *ctx, int32_t day);
};

/* Where a case stands: everything its deadlines follow from. */
struct case_state {
	enum case_status status;
	int32_t opened_on;
	int32_t summoned_on, exam_on;   /* the latest summons and its examination date */
	int summons;                    /* summonses sent (0..2) */
	bool decided_on_evidence;       /* missed twice */
	int32_t missed_on;              /* the latest missed examination */
	int32_t examined_on, decided_on, delivered_on, responded_on, closed_on;
};

struct case_step {
	enum case_action action;
	int32_t date;
	int32_t exam_on;                /* CASE_ACT_SUMMON only */
};

const char *case_status_name(enum case_status s);
int case_status_parse(const char *name);      /* -1 when unknown */
const char *case_action_name(enum case_action a);
int case_action_parse(const char *name);      /* -1 when unknown */
const char *case_kind_name(enum case_kind k);
int case_kind_parse(const char *name);
const char *case_problem_name(enum case_problem p);

void case_open(struct case_state *s, int32_t opened_on);
/* Apply one step; on a problem the state is unchanged. */
enum case_problem case_apply(struct case_state *s, const struct case_step *step, const struct case_rules *r,
			     const struct case_calendar *cal);
/* The last day for the next step, or INT32_MIN when none is due (closed,
 * or waiting for nothing). *action (may be NULL) gets that step. */
int32_t case_deadline(const struct case_state *s, const struct case_rules *r, const struct case_calendar *cal,
		      enum case_action *action);
/* Whether the next step is overdue on `today` (the deadline has passed).
 * A delivered case waiting for the employee's response is never overdue:
 * the response period lapsing closes it, nobody failed to act. */
bool case_overdue(const struct case_state *s, const struct case_rules *r, const struct case_calendar *cal,
		  int32_t today);
/* The deadline of the pending step counted afresh from `from`: when a
 * deadline was let pass and the case moves up to the next level, the new
 * assignee gets the step's full period (working days, or calendar days for
 * delivery). INT32_MIN when nothing is due or the case waits only for the
 * employee's response. *action (may be NULL) gets the step. */
int32_t case_deadline_restart(const struct case_state *s, const struct case_rules *r,
			      const struct case_calendar *cal, int32_t from, enum case_action *action);

#endif
