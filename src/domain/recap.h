/* recap.h - the monthly attendance recap of a unit, pure: one employee's
 * month from their closed day accounts (counts per status, late and early
 * minutes, a status code per day) and the TPP deduction it yields under a
 * scheme (domain/tpp.h), as percentages of the month's allowance.
 *
 * The percentages assume a full performance result and daily reports
 * covering the cap: they show what attendance and a running sedang sanction
 * take away, which is what an office files; the payroll applies the rest. */
#ifndef FLEKSI_DOMAIN_RECAP_H
#define FLEKSI_DOMAIN_RECAP_H

#include "domain/day.h"
#include "domain/tpp.h"

#include <stdbool.h>

#define RECAP_DAYS_MAX 31

/* "YYYY-MM" -> year and month; false when not a real month (1900..9999). */
bool recap_month_parse(const char *s, int *year, int *month);

/* The short code of a day status in the per-day grid: H, WFH, WFA, KL, C, S,
 * DL, TB, L (libur), A (alpa); "" for an unknown status. */
const char *recap_status_code(enum day_status s);

/* One employee's month. */
struct recap_month {
	int working_days;                 /* closed days that were not libur */
	int count[DAY_STATUS_N];          /* days by status */
	long late_min, early_min;
	char code[RECAP_DAYS_MAX][4];     /* per day of the month: a recap_status_code, "" = no account */
};
/* Add one closed day (day of month 1..31); out-of-range days and unknown
 * statuses are ignored. */
void recap_month_add(struct recap_month *m, int mday, enum day_status s, int late_min, int early_min);

/* The TPP deduction of a month, in hundredths of a percent (basis points)
 * so that callers print "12.34" without floating point drift. */
struct recap_deduction {
	long cap_minutes;        /* working days x scheme cap */
	long deduction_minutes;  /* late + early + alpa x unexcused_day_minutes */
	int deduction_bp;        /* attendance: min(deduction, cap) / cap, 0..10000 */
	int cut_pct;             /* the sedang cut in force, 0 when none */
	int total_bp;            /* attendance and cut together, 0..10000 */
};
/* Through tpp_compute; no working days -> everything 0. */
void recap_deduction(const struct tpp_scheme *s, const struct recap_month *m, bool sedang_running,
		     struct recap_deduction *out);

#endif
