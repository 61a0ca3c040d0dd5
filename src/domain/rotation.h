/* rotation.h - proposing who of a unit works away from the office on which
 * day (Permen PANRB 4/2025 Pasal 13), pure.
 *
 * Input: a unit's P people over D consecutive days, with everything already
 * known (working days, office-only days, minimum on-site staff per day and
 * per service hour, who is scheduled, who is eligible for which modes, plans
 * already approved or requested, leave, special circumstances, the weekly
 * cap, the unit's share, preferences). Output: who is proposed away on which
 * day, the coverage gaps that remain, per-person counts and the fairness
 * spread.
 *
 * Priority (issue 4): coverage first - a proposal never takes someone away
 * when that drops the on-site count below the day's minimum or any service
 * hour's minimum; then each person's weekly cap (lifted on days of special
 * circumstances) and the unit's share; then fairness (days of eligible
 * staff differ by at most 1 unless someone asked for fewer or could not
 * take more); then preferred weekdays. Gaps the proposal cannot close (the
 * minimum is higher than the staff present) are reported, never hidden.
 *
 * The method: a greedy that gives the next away-day to the person with the
 * fewest so far (ties: a seeded hash of the person's key) on the best day
 * for them (a preferred weekday, then the day with fewest away), checking
 * every hard rule incrementally; then a repair pass of swaps and moves that
 * brings the spread down. About O(P*D*(D+log P)) per unit. Deterministic
 * for a given input and seed.
 *
 * No I/O. The caller owns the input; results are freed with rot_result_free. */
#ifndef FLEKSI_DOMAIN_ROTATION_H
#define FLEKSI_DOMAIN_ROTATION_H

#include <stdbool.h>
#include <stdint.h>

#define ROT_HOURS 24          /* service hours are hours of the day 0..23 */
#define ROT_MAX_DAYS 62       /* longest period a rotation may cover */
#define ROT_DEFAULT_WEEKLY_CAP 2
#define ROT_BASIS "Permen PANRB 4/2025 Pasal 13"

/* Where a person works on a day; 0 is the office. */
enum rot_mode { ROT_OFFICE = 0, ROT_WFH = 1, ROT_WFA = 2, ROT_KANTOR_LAIN = 3, ROT_MODE_N };
#define ROT_MODE_BIT(m) (1u << (m))

/* What is already decided for a person on a day. */
enum rot_fixed {
	ROT_FREE = 0,        /* nothing: the rotation may propose */
	ROT_FIXED_AWAY,      /* an approved or requested plan: away, counts against cap and share */
	ROT_FIXED_LEAVE,     /* leave or duty travel: not on site, not flexible */
};

struct rot_day {
	int32_t date;                  /* day number (core/date.h) */
	bool working;                  /* a working day of the unit's calendar */
	bool office_only;              /* the head marked it office-only */
	int min_on_site;               /* minimum staff on site (0: none) */
	int hour_min[ROT_HOURS];       /* per service hour minimum (0: none) */
};

/* One person on one day. */
struct rot_cell {
	uint32_t hours;        /* service hours (bits 0..23) the person covers when on site */
	uint8_t scheduled;     /* works that day */
	uint8_t modes;         /* eligible modes, ROT_MODE_BIT(ROT_WFH) ...; 0: not eligible */
	uint8_t fixed;         /* enum rot_fixed */
	uint8_t fixed_mode;    /* the mode of a ROT_FIXED_AWAY day */
	uint8_t special;       /* special circumstances: the weekly cap is lifted */
};

struct rot_person {
	uint64_t key;             /* stable identity (the employee id) for the tie-break */
	int weekly_cap;           /* the policy's days per ISO week (ROT_DEFAULT_WEEKLY_CAP) */
	int max_per_month;        /* < 0: no limit; else asked for at most this many a month */
	uint8_t preferred_weekdays; /* bit (1 << isoweekday), 1 Monday .. 7 Sunday; 0 none */
	int days_before;          /* flexible days already approved in the first ISO week, before the range */
	int days_after;           /* likewise in the last ISO week, after the range */
};

struct rot_input {
	int n_people, n_days;            /* n_days <= ROT_MAX_DAYS, consecutive dates */
	const struct rot_day *days;      /* n_days */
	const struct rot_person *people; /* n_people */
	const struct rot_cell *cells;    /* n_people * n_days, cells[p * n_days + d] */
	int max_share_pct;               /* of staff scheduled that day, rounded down; 0..100 */
	uint64_t seed;
};

/* A place where coverage is not met: on day index `day`, hour -1 for the
 * whole day's minimum or 0..23 for a service hour. */
struct rot_gap {
	int day, hour, minimum, on_site, short_by;
};

struct rot_result {
	uint8_t *mode;          /* n_people * n_days: the proposed mode (ROT_OFFICE: none) */
	int *days;              /* per person: flexible days in the range, fixed and proposed */
	bool *asked_fewer;      /* per person: has a monthly limit below what the cap allows */
	int *on_site;           /* per day */
	int *away;              /* per day: flexible away, fixed and proposed */
	struct rot_gap *gaps;
	int n_gaps;
	int fairness_spread;    /* see rot_fairness_spread */
	int covered_days;       /* working days without any gap */
	int gap_days;           /* working days with at least one gap */
	int proposed_days;      /* sum of proposed away days */
	bool coverage_met;      /* n_gaps == 0 */
};

/* Rules an edit may break (names used in the API's violations). */
enum rot_rule {
	ROT_RULE_NOT_WORKING_DAY,
	ROT_RULE_NOT_SCHEDULED,
	ROT_RULE_OFFICE_ONLY,
	ROT_RULE_ELIGIBILITY,
	ROT_RULE_FIXED,
	ROT_RULE_WEEKLY_CAP,
	ROT_RULE_SHARE,
	ROT_RULE_MIN_ON_SITE,
	ROT_RULE_MIN_SERVICE_HOUR,
	ROT_RULE_N
};

struct rot_violation {
	enum rot_rule rule;
	const char *name;          /* "weekly_cap" ... (static) */
	const char *message_en;    /* static sentences */
	const char *message_id;
};

/* Propose a rotation. Returns 0, or ERR_INVALID when the input is malformed
 * (sizes, n_days > ROT_MAX_DAYS, share outside 0..100). out is filled and
 * owned by the caller (rot_result_free) on success. */
int rot_propose(const struct rot_input *in, struct rot_result *out);

/* The figures of a given assignment `mode` (n_people * n_days, ROT_OFFICE or
 * a mode per cell; fixed cells are taken from the input): counts, gaps and
 * the spread. `mode` is copied. Same return as rot_propose. */
int rot_evaluate(const struct rot_input *in, const uint8_t *mode, struct rot_result *out);

/* Check putting person p on day d in `mode` (ROT_OFFICE: back to the
 * office) on top of assignment `cur`, against every hard rule. Returns the
 * number of violations written to v (at most max_v; 0 means allowed). An
 * edit that only brings someone back never breaks coverage, cap or share;
 * a fixed day cannot be changed by a rotation. */
int rot_check_set(const struct rot_input *in, const uint8_t *cur, int p, int d, int mode, struct rot_violation *v,
		  int max_v);

/* Check a whole assignment (as for rot_evaluate) against the hard rules:
 * the first proposed cell, in date then person order, that breaks one gets
 * its violations in v (at most max_v; returned) and *person, *day. 0 when
 * every proposed day holds. Used before publishing, when plans approved
 * since the proposal may have used the room. */
int rot_validate(const struct rot_input *in, const uint8_t *mode, int *person, int *day, struct rot_violation *v,
		 int max_v);

void rot_result_free(struct rot_result *r);

const char *rot_mode_name(int mode);        /* "office", "wfh", "wfa", "kantor_lain" */
int rot_mode_parse(const char *name);       /* -1 when unknown; "office" is ROT_OFFICE */
const char *rot_rule_name(enum rot_rule r);

/* The fairness spread of an assignment (as for rot_evaluate): the largest
 * count of flexible days among members minus the smallest count of a member
 * who could still have taken another day on their own (not held back by
 * the weekly cap, their schedule, eligibility, fixed days or their monthly
 * limit); 0 when there is no such member. Members: people eligible on at
 * least one day, without special circumstances in the range. People who
 * asked for fewer and got their number are thus never "behind". */
int rot_fairness_spread(const struct rot_input *in, const uint8_t *mode);

#endif
