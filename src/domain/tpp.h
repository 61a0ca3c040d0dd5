/* tpp.h - the monthly performance allowance (TPP) of DKI Jakarta and its
 * deductions, pure (RULES.md section 5; Pergub 19/2020 as amended - the
 * current Pergub is unconfirmed, so the scheme is data with a setting for
 * each number).
 *
 * The default scheme, as RULES.md reads it:
 *   cap      = working days x 300 minutes  (work-activity credit a month)
 *   credit   = min(accepted activity minutes, cap - attendance deduction minutes), >= 0
 *   paid     = amount x performance% x credit / cap x (1 - cut%)
 * where attendance deduction minutes are the late and early minutes plus a
 * whole day's minutes for each unexcused day, and cut% is 25 while a sedang
 * sanction (potongan TPP 25%) runs in the month. Rupiah are whole numbers;
 * the result is rounded down to the rupiah (never pay a fraction more). */
#ifndef FLEKSI_DOMAIN_TPP_H
#define FLEKSI_DOMAIN_TPP_H

#include <stdbool.h>
#include <stdint.h>

struct tpp_scheme {
	const char *valid_from;
	const char *legal_reference;
	int cap_minutes_per_day;       /* 300 */
	int unexcused_day_minutes;     /* deduction minutes for one unexcused day (the full cap of a day: 300) */
	int sedang_cut_pct;            /* 25 */
};
void tpp_scheme_default(struct tpp_scheme *s);

struct tpp_input {
	int64_t amount;                /* the position's TPP for a full month, rupiah */
	int working_days;              /* of the month, by the calendar */
	int performance_pct;           /* the month's performance result, 0..100 (SKP) */
	long activity_minutes;         /* accepted daily-report minutes */
	long late_early_minutes;
	int unexcused_days;
	bool sedang_running;           /* a potongan_tpp_25_* sanction runs in the month */
};

struct tpp_result {
	long cap_minutes, deduction_minutes, credit_minutes;
	int cut_pct;
	int64_t gross;                 /* amount x performance% */
	int64_t paid;
	int64_t deducted;              /* gross - paid */
};

/* 0, or -1 when the input is out of range (negative amounts or minutes,
 * performance outside 0..100, no working days). */
int tpp_compute(const struct tpp_scheme *s, const struct tpp_input *in, struct tpp_result *out);

#endif
