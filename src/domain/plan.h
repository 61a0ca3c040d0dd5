/* plan.h - plans of location-flexible days and the rules that keep a unit
 * staffed (Permen PANRB 4/2025 Pasal 13; issue 4 item 3).
 *
 * The roster is the in-memory picture of ONE unit's staff over a range of
 * days: per day the calendar, the unit's limits and policy; per person the
 * schedule, eligibility, special circumstances, the existing plan and stated
 * preferences. store/roster.h loads it; plan_check() decides one plan
 * against it; the rotation proposes on it; the roster page shows it.
 *
 * Counting (document of the choice the issue leaves open):
 *  - when an employee ASKS, their weekly cap counts their own requested and
 *    approved plans (a second request cannot slip past the first), while the
 *    unit's coverage and share count only APPROVED plans of others as away
 *    (a pending request of a colleague does not block anyone yet);
 *  - when a supervisor APPROVES, everything counts only approved plans, so
 *    the check is exactly "is the unit still staffed after this approval".
 * The share away allows at most floor(staff x pct / 100) people away, staff
 * being the people scheduled to work that day. Minimums (per day and per
 * service hour) refuse a plan only when it takes someone away whose
 * presence the minimum needs (a gap that exists anyway is not their fault;
 * the roster shows it).
 *
 * Pure: no SQL, JSON or HTTP. Day numbers are those of core/date.h. */
#ifndef FLEKSI_DOMAIN_PLAN_H
#define FLEKSI_DOMAIN_PLAN_H

#include "core/date.h"

#include <stdbool.h>
#include <stdint.h>

/* PLAN_OFFICE: no plan, the person works in the unit's office. */
enum plan_mode { PLAN_OFFICE = 0, PLAN_WFH, PLAN_WFA, PLAN_KANTOR_LAIN, PLAN_MODES_N };
enum plan_status { PLAN_NONE = 0, PLAN_REQUESTED, PLAN_APPROVED, PLAN_REFUSED, PLAN_CANCELLED };

const char *plan_mode_name(enum plan_mode m);     /* "office", "wfh", "wfa", "kantor_lain" */
int plan_mode_parse(const char *s);               /* wfh|wfa|kantor_lain; -1 otherwise */
const char *plan_status_name(enum plan_status s); /* "", "requested", "approved", "refused", "cancelled" */
int plan_status_parse(const char *s);             /* requested..cancelled; -1 otherwise */
/* The eligibility kind (enum elig_kind of domain/eligibility.h) of a mode. */
int plan_mode_elig_kind(enum plan_mode m);

/* ---- the roster ---- */

enum roster_cell_flag {
	ROSTER_SCHEDULED = 1 << 0,  /* the schedule has the person working that day */
	ROSTER_SHIFT = 1 << 1,      /* a shift schedule (works on days off too) */
	ROSTER_SPECIAL = 1 << 2,    /* approved special circumstances: no weekly cap */
};

/* One person on one day (16 bytes: 62,000 people x 6 weeks stay small). */
struct roster_cell {
	int64_t plan_id;       /* the requested/approved plan of the day, 0 none */
	int16_t start, end;    /* scheduled minutes after local midnight, -1 when not
				  scheduled; end may pass 1440 (overnight shifts) */
	uint8_t flags;         /* enum roster_cell_flag */
	uint8_t eligible;      /* ELIG_KIND_BIT(ELIG_WFH|ELIG_WFA|ELIG_KANTOR_LAIN) allowed that day */
	uint8_t mode;          /* enum plan_mode of that plan, PLAN_OFFICE when none */
	uint8_t status;        /* PLAN_NONE, PLAN_REQUESTED or PLAN_APPROVED */
};

struct roster_day {
	int32_t day;
	bool working;            /* calendar: Monday..Friday and not a day off */
	bool office_only;        /* the head marked it office-only */
	bool policy_enabled;     /* flexible work switched on for the unit that day */
	int max_days_week;       /* policy: location-flexible days per ISO week */
	int max_share_away_pct;  /* policy: share of staff away */
	int min_on_site;         /* unit staffing: people on site, 0 none */
	int min_on_site_per_hour;/* per service hour (face-to-face units), 0 none */
	char *off_name;          /* the day off's name, NULL when none (owned) */
};

struct roster_person {
	int64_t employee_id, supervisor_id;   /* supervisor 0 when none */
	char nip[19];
	char *name;                           /* owned */
	uint8_t pref_weekdays;                /* bit (1 << (iso_weekday - 1)); 0 none stated */
	int max_days_month;                   /* fewer flexible days asked for, -1 none */
	struct roster_cell *cells;            /* ndays cells, indexed like roster.days */
};

/* One unit's staff (active employees whose unit is this one). The days run
 * from the Monday of from's ISO week to the Sunday of to's, so weekly caps
 * see every plan of the weeks touched; from/to are what was asked. */
struct roster {
	int64_t unit_id;
	char code[33];
	char *name, *path;                    /* owned */
	bool face_to_face;
	int service_open, service_close;      /* minutes, -1 when no service hours */
	enum tz_zone tz;
	bool has_staffing;                    /* a unit_staffing row exists */
	int min_on_site, min_on_site_per_hour;
	int32_t from, to;
	int32_t first;                        /* = date_week_monday(from) */
	int ndays;
	struct roster_day *days;
	struct roster_person *people; int npeople;
	struct roster_cell *cell_block;       /* every person's cells (private) */
};

/* Index of day in r->days, -1 outside. */
int roster_day_index(const struct roster *r, int32_t day);
/* Index of the person, -1 when not on this roster. */
int roster_person_index(const struct roster *r, int64_t employee_id);

/* ---- counting ---- */

enum plan_stage { PLAN_STAGE_ASK, PLAN_STAGE_APPROVE };

#define PLAN_HOURS_MAX 24

/* A day's staffing; computed by plan_day_cover. */
struct plan_day_cover {
	int staff;                /* scheduled to work */
	int away;                 /* of them, away on an approved plan */
	int requested;            /* of them, with a pending request */
	int on_site;              /* staff - away */
	int minimum;
	int max_away;             /* floor(staff x max_share_away_pct / 100) */
	int nhours;               /* service hours of the day (face-to-face units) */
	int hour_start[PLAN_HOURS_MAX];    /* minute each service hour starts */
	int hour_on_site[PLAN_HOURS_MAX];  /* on site for the whole hour */
	int hour_minimum;
	int gaps;                 /* hours below hour_minimum, +1 when on_site < minimum */
};

/* Whether a cell's person is away that day under the stage's counting:
 * ASK and APPROVE both count approved plans only for coverage. */
bool plan_cell_away(const struct roster_cell *cell);
/* Whether the scheduled time of a cell covers [from, from + len) minutes. */
bool plan_cell_covers(const struct roster_cell *cell, int from, int len);
/* Staffing of day index d (approved plans away). */
void plan_day_cover(const struct roster *r, int d, struct plan_day_cover *out);
/* Location-flexible days of person p in the ISO week holding day index d,
 * excluding day index skip (-1 none): approved ones, and requested ones too
 * when count_requested. */
int plan_week_count(const struct roster *r, int p, int d, int skip, bool count_requested);

/* ---- the rules ---- */

enum plan_rule {
	PLAN_R_WORKING_DAY,       /* a working day of the calendar (or the shift schedule) */
	PLAN_R_SCHEDULED,         /* the person's schedule has them working */
	PLAN_R_NOT_PAST,          /* today or later in the unit's local time */
	PLAN_R_ELIGIBLE,          /* eligible for the mode on the date */
	PLAN_R_PLACE,             /* wfa: address and lat/lon inside Indonesia */
	PLAN_R_OFFICE,            /* kantor_lain: a government office or a place */
	PLAN_R_WEEKLY_CAP,        /* at most the policy's days per ISO week */
	PLAN_R_SHARE_AWAY,        /* the unit's maximum share away */
	PLAN_R_MIN_ON_SITE,       /* minimum on-site staff per day */
	PLAN_R_MIN_PER_HOUR,      /* minimum per service hour */
	PLAN_R_OFFICE_ONLY,       /* a day the head marked office-only */
	PLAN_R_ONE_PER_DAY,       /* one requested/approved plan per day */
	PLAN_RULES_N
};

const char *plan_rule_name(enum plan_rule r);
/* true for rules whose failure means invalid input (HTTP 422); the others
 * are conflicts with the day's situation (HTTP 409). */
bool plan_rule_is_invalid(enum plan_rule r);

#define PLAN_MSG_MAX 320

struct plan_violation {
	enum plan_rule rule;
	char message_id[PLAN_MSG_MAX];
	char message_en[PLAN_MSG_MAX];
};

/* The declared place of a wfa or kantor_lain plan. */
struct plan_place {
	bool has_address;
	bool has_point;
	double lat, lon;
	bool has_office;          /* kantor_lain: an office was named */
	bool office_known;        /* ... and it is a unit of the registry */
};

struct plan_request {
	int person;               /* index in the roster */
	int32_t day;
	enum plan_mode mode;      /* wfh, wfa or kantor_lain */
	int64_t plan_id;          /* the plan being approved (0 when asking) */
	struct plan_place place;
};

struct plan_situation {
	enum plan_stage stage;
	int32_t today;            /* the unit's local date now */
	/* Why the person is not eligible (from elig_explain), NULL for a generic
	 * sentence; only read when the roster says not eligible. */
	const char *inelig_id, *inelig_en;
};

#define PLAN_VIOLATIONS_MAX PLAN_RULES_N

/* Every rule the request breaks, in enum order, written into out (room for
 * PLAN_VIOLATIONS_MAX); returns how many. cover (may be NULL) gets the
 * day's staffing as it would be after approval. */
struct plan_coverage {
	int on_site_if_approved, minimum, unit_staff;
	int share_away_if_approved_pct, max_share_away_pct;
	bool ok;
};
int plan_check(const struct roster *r, const struct plan_request *q, const struct plan_situation *s,
	       struct plan_violation *out, struct plan_coverage *cover);

/* The coverage effect of approving person p's plan on day index d (for the
 * approval queue). */
void plan_coverage_if_approved(const struct roster *r, int p, int d, struct plan_coverage *out);

#endif
