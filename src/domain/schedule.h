/* schedule.h - work schedules as data, and the working day they give.
 *
 * A schedule is regular (one row per ISO weekday 1..7) or a shift cycle (one
 * row per cycle position 0..n-1, counted from cycle_anchor plus the
 * assignment's shift_offset). Times are minutes after local midnight of the
 * date; a shift's end may pass 1440 (overnight). A row whose start is
 * negative is a day off. Seasonal schedules (Ramadan) carry valid_from /
 * valid_until and replace a regular schedule on their dates.
 *
 * Time flexibility: an approved start inside [start - flex_early, start +
 * flex_late] moves the end so that the day's net minutes are still met, but
 * never before the day's earliest_end when the arrival is before
 * early_arrival_before (Ramadan: arriving before 07:00 does not allow
 * leaving before 14:00, Mon-Thu).
 *
 * Pure: no SQL, JSON or HTTP. The calendar is NOT consulted here: regular
 * schedules do not work on days off, shift schedules do (see
 * workday.works_on_days_off and schedule_apply_calendar). */
#ifndef FLEKSI_DOMAIN_SCHEDULE_H
#define FLEKSI_DOMAIN_SCHEDULE_H

#include <stdbool.h>
#include <stdint.h>

#define SCHEDULE_CODE_MAX 23
#define SCHEDULE_DAYS_MAX 28

enum schedule_kind { SCHEDULE_REGULAR, SCHEDULE_SHIFT };

/* Presence windows (RULES §3, Kepgub 837/2023): regular staff in from 06:30,
 * out until 23:00 the same day; shift staff 1 h before to 3 h after. */
#define SCHEDULE_REGULAR_IN_FROM 390
#define SCHEDULE_REGULAR_OUT_UNTIL 1380
#define SCHEDULE_SHIFT_IN_BEFORE 60
#define SCHEDULE_SHIFT_OUT_AFTER 180

struct schedule_day {
	int start_min;           /* < 0: day off */
	int end_min;             /* may exceed 1440 for overnight shifts */
	int break_min;
	int earliest_end_min;    /* < 0: none */
	char label[8];           /* shift label ("pagi", "siang", "malam", "libur"), "" for regular */
};

struct schedule {
	int64_t id;
	char code[SCHEDULE_CODE_MAX + 1];
	char *name;              /* owned */
	enum schedule_kind kind;
	int flex_early_min, flex_late_min;   /* the flexible start window; 0/0 = none */
	bool flex_face_to_face;  /* flexible start also for direct-service (face-to-face) units */
	int early_arrival_before;/* minute; arriving before it triggers earliest_end_min; < 0 none */
	int32_t cycle_anchor;    /* shifts: day number of cycle position 0 */
	int32_t valid_from, valid_until;  /* seasonal; INT32_MIN / INT32_MAX when open */
	bool seasonal;           /* has a validity window: replaces regular schedules on its dates */
	char *legal_reference;   /* owned, "" when none */
	struct schedule_day days[SCHEDULE_DAYS_MAX];
	int ndays;               /* regular: 7 (index 0 = Monday); shift: cycle length */
};

/* The working day one schedule gives on a date. Minutes after local midnight
 * of that date. */
struct workday {
	bool working;            /* false: day off by the schedule (or by the calendar, when applied) */
	bool shift;              /* from a shift schedule */
	bool works_on_days_off;  /* shift schedules: holidays do not stop them */
	bool day_off_by_calendar;/* set by schedule_apply_calendar */
	bool flexible;           /* an approved flexible start was applied */
	char code[SCHEDULE_CODE_MAX + 1];  /* the schedule's code, "" when none */
	char label[8];           /* shift label or "" */
	int64_t schedule_id;
	int start, end, break_min, net_min;   /* 0 when not working */
	int in_from, out_until;  /* presence window */
	int earliest_end;        /* < 0 none; see schedule_required_end */
	int early_arrival_before;/* < 0 none */
};

/* Fill out for day (a day number) by schedule s; shift_offset shifts the
 * cycle (shifts only); flex_start is an approved start minute or -1. A
 * flexible start outside the window is ignored (callers check it with
 * schedule_flex_allowed first). */
void schedule_workday_of(const struct schedule *s, int32_t day, int shift_offset, int flex_start, struct workday *out);

/* The end a person must stay until after arriving at minute arrival: the
 * day's end, but never before earliest_end when the arrival was before
 * early_arrival_before (Ramadan: before 07:00 -> not before 14:00). */
int schedule_required_end(const struct workday *w, int arrival);

/* Mark a workday as a calendar day off when the day is not a working day of
 * the calendar and the schedule does not work on days off. */
void schedule_apply_calendar(struct workday *w, bool calendar_working_day);

/* Whether schedule s is valid on day (seasonal window). */
bool schedule_valid_on(const struct schedule *s, int32_t day);

enum schedule_flex_problem {
	FLEX_OK,
	FLEX_NOT_OFFERED,        /* the schedule has no flexible window */
	FLEX_FACE_TO_FACE,       /* not for direct-service units under this schedule */
	FLEX_OUTSIDE_WINDOW,     /* the start lies outside the window on a working day */
	FLEX_SHIFT,              /* shift schedules have no flexible start */
};
/* Whether start (minute) is an allowed flexible start under s for a unit
 * that is (or not) face-to-face: inside the window of every working weekday
 * of the schedule. */
enum schedule_flex_problem schedule_flex_allowed(const struct schedule *s, bool face_to_face, int start);
const char *schedule_flex_problem_name(enum schedule_flex_problem p);

const char *schedule_kind_name(enum schedule_kind k);   /* "regular" | "shift" */
void schedule_free(struct schedule *s);

#endif
