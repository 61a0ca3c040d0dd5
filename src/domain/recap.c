/* recap.c - one employee's month and its TPP deduction; see recap.h. */
#include "domain/recap.h"

#include <stdio.h>
#include <string.h>

bool recap_month_parse(const char *s, int *year, int *month)
{
	if (!s || strlen(s) != 7 || s[4] != '-')
		return false;
	for (int i = 0; i < 7; i++)
		if (i != 4 && (s[i] < '0' || s[i] > '9'))
			return false;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	if (y < 1900 || m < 1 || m > 12)
		return false;
	*year = y, *month = m;
	return true;
}

const char *recap_status_code(enum day_status s)
{
	static const char *const codes[DAY_STATUS_N] = {
		[DAY_HADIR] = "H", [DAY_WFH] = "WFH", [DAY_WFA] = "WFA", [DAY_KANTOR_LAIN] = "KL",
		[DAY_CUTI] = "C", [DAY_SAKIT] = "S", [DAY_DINAS_LUAR] = "DL", [DAY_TUGAS_BELAJAR] = "TB",
		[DAY_LIBUR] = "L", [DAY_ALPA] = "A",
	};
	return (unsigned)s < DAY_STATUS_N ? codes[s] : "";
}

void recap_month_add(struct recap_month *m, int mday, enum day_status s, int late_min, int early_min)
{
	if (mday < 1 || mday > RECAP_DAYS_MAX || (unsigned)s >= DAY_STATUS_N)
		return;
	m->count[s]++;
	if (s != DAY_LIBUR)
		m->working_days++;
	m->late_min += late_min > 0 ? late_min : 0;
	m->early_min += early_min > 0 ? early_min : 0;
	snprintf(m->code[mday - 1], sizeof m->code[0], "%s", recap_status_code(s));
}

/* A nominal allowance of 10^6 makes the deducted rupiah hundredths of a
 * basis point: one exact integer division gives basis points. */
#define NOMINAL 1000000

static int deducted_bp(const struct tpp_scheme *s, const struct tpp_input *in, struct tpp_result *r)
{
	if (tpp_compute(s, in, r))
		return 0;
	return (int)((r->deducted * 10000 + NOMINAL / 2) / NOMINAL);
}

void recap_deduction(const struct tpp_scheme *s, const struct recap_month *m, bool sedang_running,
		     struct recap_deduction *out)
{
	memset(out, 0, sizeof *out);
	if (m->working_days <= 0)
		return;
	struct tpp_input in = {.amount = NOMINAL, .working_days = m->working_days, .performance_pct = 100,
			       .late_early_minutes = m->late_min + m->early_min, .unexcused_days = m->count[DAY_ALPA]};
	in.activity_minutes = (long)m->working_days * s->cap_minutes_per_day;
	struct tpp_result r;
	out->deduction_bp = deducted_bp(s, &in, &r);
	out->cap_minutes = r.cap_minutes;
	out->deduction_minutes = r.deduction_minutes;
	in.sedang_running = sedang_running;
	out->total_bp = deducted_bp(s, &in, &r);
	out->cut_pct = r.cut_pct;
}
