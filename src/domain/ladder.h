/* ladder.h - the PP 94/2021 sanction ladder for unexcused absence, pure.
 *
 * Unexcused working days count cumulatively per calendar year (Pasal 15(1));
 * late-arrival and early-leave minutes add up and convert at a set number of
 * minutes per day (450 by default, a setting). The running total proposes a
 * sanction from a table of rungs (RULES.md section 4, versioned data with its
 * legal source); 10 consecutive unexcused working days propose dismissal and
 * stop the salary from the next month (Pasal 15(2), Perba BKN 6/2022 Pasal 12).
 * Days off do not count and do not break a streak; excused days break it.
 *
 * Also: who may impose which level (RULES.md "Who may impose"), heavier on
 * repetition, and one step heavier for an answerable supervisor (Pasal 24,
 * 28). No I/O; the tables are static data. */
#ifndef FLEKSI_DOMAIN_LADDER_H
#define FLEKSI_DOMAIN_LADDER_H

#include <stdbool.h>

enum ladder_level { LADDER_NONE, LADDER_RINGAN, LADDER_SEDANG, LADDER_BERAT };

struct ladder_rung {
	int min_days, max_days;     /* counted days in the year, inclusive; max_days < 0: no upper end */
	const char *code;           /* teguran_lisan ... pemberhentian */
	enum ladder_level level;
	int months;                 /* how long the sanction runs; 0 once-off or permanent */
	const char *name_id, *name_en;
};

struct ladder_version {
	const char *valid_from;     /* "YYYY-MM-DD" */
	const char *legal_reference;
	int minutes_per_day;        /* late/early minutes that make one day (450) */
	int streak_days;            /* consecutive unexcused working days for dismissal (10) */
	const struct ladder_rung *rungs;  /* ascending, contiguous from 3 days */
	int nrungs;
};

/* The built-in version (PP 94/2021 as RULES.md section 4 gives it). */
const struct ladder_version *ladder_builtin(void);
/* The rung with this code, or NULL. */
const struct ladder_rung *ladder_rung_by_code(const struct ladder_version *v, const char *code);
const char *ladder_level_name(enum ladder_level l);   /* "ringan", "sedang", "berat", "" */

/* Days that count: unexcused days plus whole days of late/early minutes
 * (minutes / minutes_per_day, rounded down). Negative inputs count as 0. */
int ladder_counted_days(const struct ladder_version *v, int unexcused_days, long late_early_minutes);
/* The sanction proposed for a running total, or NULL for none (0-2 days). */
const struct ladder_rung *ladder_sanction_for_days(const struct ladder_version *v, int counted_days);

/* What a working day was for the streak. */
enum ladder_day { LADDER_DAY_OFF, LADDER_DAY_PRESENT, LADDER_DAY_EXCUSED, LADDER_DAY_UNEXCUSED };
/* The longest run of unexcused days in days[0..n): days off neither count
 * nor break it; present and excused days break it. */
int ladder_longest_streak(const enum ladder_day *days, int n);
/* Index of the day on which the streak first reaches v->streak_days, or -1. */
int ladder_streak_reached(const struct ladder_version *v, const enum ladder_day *days, int n);

/* The proposal for a year: the heavier of the running total's rung and, when
 * the streak rule is met, dismissal. *salary_stop tells whether the streak
 * rule was met. */
const struct ladder_rung *ladder_proposal(const struct ladder_version *v, int counted_days, int longest_streak,
					  bool *salary_stop);

/* The next heavier rung (for a repeat of the same kind of violation, and for
 * an answerable supervisor, Pasal 24 and 28): the rung after `r`, or the
 * lightest rung when r is NULL; the heaviest rung stays itself. */
const struct ladder_rung *ladder_one_step_heavier(const struct ladder_version *v, const struct ladder_rung *r);
/* For a repeat: the proposed rung when heavier than the previous one, else
 * one step heavier than the previous. */
const struct ladder_rung *ladder_for_repeat(const struct ladder_version *v, const struct ladder_rung *proposed,
					    const struct ladder_rung *previous);

/* Who may impose (province, RULES.md section 4). */
enum ladder_official {
	LADDER_OFF_PENGAWAS,
	LADDER_OFF_ADMINISTRATOR,
	LADDER_OFF_JPT_PRATAMA,
	LADDER_OFF_JPT_MADYA,
	LADDER_OFF_GOVERNOR,
};
/* What the offender holds, for the Governor's berat competence. */
enum ladder_offender {
	LADDER_OFFENDER_PELAKSANA,
	LADDER_OFFENDER_FUNGSIONAL,
	LADDER_OFFENDER_PENGAWAS,
	LADDER_OFFENDER_ADMINISTRATOR,
	LADDER_OFFENDER_JPT_PRATAMA,
	LADDER_OFFENDER_JPT_MADYA,
};
/* Whether `official` may impose a sanction of `level` on an offender
 * `levels_below` steps below in the line of supervision (1 = a direct
 * subordinate). */
bool ladder_may_impose(enum ladder_official official, enum ladder_level level, int levels_below,
		       enum ladder_offender offender);

#endif
