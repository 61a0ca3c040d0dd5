/* day.c - the account of one working day; see day.h. */
#include "domain/day.h"

#include <string.h>

static const char *const status_names[DAY_STATUS_N] = {
	"hadir", "wfh", "wfa", "kantor_lain", "cuti", "sakit", "dinas_luar", "tugas_belajar", "libur", "alpa",
};
static const char *const violation_names[DAY_V_N] = {
	"unexcused_absence", "late", "early_leave", "missing_in", "missing_out", "outside_place",
	"missed_confirmation", "report_missing", "report_late", "remote_without_plan", "remote_not_eligible",
};

static const char *const leave_names[LEAVE_KIND_N] = {
	"cuti_tahunan", "cuti_besar", "cuti_sakit", "cuti_melahirkan", "cuti_alasan_penting", "cuti_luar_tanggungan",
	"dinas_luar", "tugas_belajar",
};

const char *day_leave_kind_name(enum day_leave_kind k) { return k < LEAVE_KIND_N ? leave_names[k] : ""; }

int day_leave_kind_parse(const char *name)
{
	for (int i = 0; name && i < LEAVE_KIND_N; i++)
		if (!strcmp(leave_names[i], name))
			return i;
	return -1;
}

enum day_excuse day_leave_excuse(enum day_leave_kind k)
{
	switch (k) {
	case LEAVE_CUTI_SAKIT: return DAY_EXCUSE_SAKIT;
	case LEAVE_DINAS_LUAR: return DAY_EXCUSE_DINAS_LUAR;
	case LEAVE_TUGAS_BELAJAR: return DAY_EXCUSE_TUGAS_BELAJAR;
	default: return DAY_EXCUSE_CUTI;
	}
}

const char *day_status_name(enum day_status s) { return s < DAY_STATUS_N ? status_names[s] : ""; }
const char *day_violation_name(enum day_violation v) { return v < DAY_V_N ? violation_names[v] : ""; }

int day_status_parse(const char *name)
{
	for (int i = 0; name && i < DAY_STATUS_N; i++)
		if (!strcmp(status_names[i], name))
			return i;
	return -1;
}

static enum day_status excuse_status(enum day_excuse e)
{
	switch (e) {
	case DAY_EXCUSE_SAKIT: return DAY_SAKIT;
	case DAY_EXCUSE_DINAS_LUAR: return DAY_DINAS_LUAR;
	case DAY_EXCUSE_TUGAS_BELAJAR: return DAY_TUGAS_BELAJAR;
	default: return DAY_CUTI;
	}
}

static enum day_status plan_status(enum day_plan p)
{
	switch (p) {
	case DAY_PLAN_WFH: return DAY_WFH;
	case DAY_PLAN_WFA: return DAY_WFA;
	case DAY_PLAN_KANTOR_LAIN: return DAY_KANTOR_LAIN;
	default: return DAY_HADIR;
	}
}

static int max_int(int a, int b) { return a > b ? a : b; }
static int min_int(int a, int b) { return a < b ? a : b; }

/* Minutes late, left early and worked from the two records (one may be
 * missing: see day.h). */
static void minutes(const struct day_input *in, struct day_account *out)
{
	const struct workday *w = &in->work;
	int arrival = in->has_in ? in->in_min : (in->has_out ? in->out_min : w->start);
	int departure = in->has_out ? in->out_min : arrival;
	if (departure < arrival)
		departure = arrival;
	out->required_end = schedule_required_end(w, arrival);
	out->late_min = max_int(0, min_int(arrival, w->end) - w->start);
	out->early_min = max_int(0, out->required_end - max_int(departure, w->start));
	if (out->early_min > out->required_end - w->start)
		out->early_min = out->required_end - w->start;
	int span = min_int(departure, w->end) - max_int(arrival, w->start);
	/* The break is taken out in proportion when only part of the day was worked. */
	int full = w->end - w->start;
	int brk = full > 0 ? (int)((long)w->break_min * max_int(span, 0) / full) : 0;
	out->net_min = max_int(0, span - brk);
}

void day_account_of(const struct day_input *in, struct day_account *out)
{
	memset(out, 0, sizeof *out);
	const struct workday *w = &in->work;
	if (!w->working) {
		out->status = DAY_LIBUR;
		return;
	}
	if (in->excuse != DAY_EXCUSE_NONE) {
		out->status = excuse_status(in->excuse);
		return;
	}
	if (!in->has_in && !in->has_out) {
		out->status = DAY_ALPA;
		out->violations = 1u << DAY_V_UNEXCUSED_ABSENCE;
		return;
	}
	out->status = plan_status(in->plan);
	minutes(in, out);
	unsigned v = 0;
	if (out->late_min > 0)
		v |= 1u << DAY_V_LATE;
	if (out->early_min > 0)
		v |= 1u << DAY_V_EARLY_LEAVE;
	if (!in->has_in)
		v |= 1u << DAY_V_MISSING_IN;
	if (!in->has_out)
		v |= 1u << DAY_V_MISSING_OUT;
	if (in->in_outside_place || in->out_outside_place)
		v |= 1u << DAY_V_OUTSIDE_PLACE;
	if (in->confirmations_missed > 0)
		v |= 1u << DAY_V_MISSED_CONFIRMATION;
	if (in->report == DAY_REPORT_MISSING)
		v |= 1u << DAY_V_REPORT_MISSING;
	else if (in->report == DAY_REPORT_LATE)
		v |= 1u << DAY_V_REPORT_LATE;
	if (in->plan == DAY_PLAN_NONE && in->records_away_from_office)
		v |= 1u << DAY_V_REMOTE_WITHOUT_PLAN;
	if (in->plan != DAY_PLAN_NONE && in->plan != DAY_PLAN_KANTOR_LAIN && !in->eligible_remote)
		v |= 1u << DAY_V_REMOTE_NOT_ELIGIBLE;
	out->violations = v;
	out->confirmations_missed = in->confirmations_missed;
}

bool day_is_unexcused(const struct day_account *a)
{
	return a->status == DAY_ALPA;
}

bool day_breaks_streak(const struct day_account *a)
{
	return a->status != DAY_ALPA && a->status != DAY_LIBUR;
}
