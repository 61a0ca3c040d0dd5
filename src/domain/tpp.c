/* tpp.c - the monthly allowance and its deductions; see tpp.h. */
#include "domain/tpp.h"

#include <string.h>

void tpp_scheme_default(struct tpp_scheme *s)
{
	s->valid_from = "2020-03-01";
	s->legal_reference = "Pergub DKI 19/2020 (as amended; current text unconfirmed)";
	s->cap_minutes_per_day = 300;
	s->unexcused_day_minutes = 300;
	s->sedang_cut_pct = 25;
}

int tpp_compute(const struct tpp_scheme *s, const struct tpp_input *in, struct tpp_result *out)
{
	memset(out, 0, sizeof *out);
	if (in->amount < 0 || in->working_days <= 0 || in->performance_pct < 0 || in->performance_pct > 100 ||
	    in->activity_minutes < 0 || in->late_early_minutes < 0 || in->unexcused_days < 0)
		return -1;
	out->cap_minutes = (long)in->working_days * s->cap_minutes_per_day;
	out->deduction_minutes = in->late_early_minutes + (long)in->unexcused_days * s->unexcused_day_minutes;
	long room = out->cap_minutes - out->deduction_minutes;
	if (room < 0)
		room = 0;
	out->credit_minutes = in->activity_minutes < room ? in->activity_minutes : room;
	out->cut_pct = in->sedang_running ? s->sedang_cut_pct : 0;
	out->gross = in->amount * in->performance_pct / 100;
	/* One rounding at the end, in 128-bit-free integer steps: amount <= 10^12
	 * and minutes <= 31 x 1440 keep every product inside int64. */
	int64_t paid = out->gross * out->credit_minutes / out->cap_minutes;
	paid = paid * (100 - out->cut_pct) / 100;
	out->paid = paid;
	out->deducted = out->gross - paid;
	return 0;
}
