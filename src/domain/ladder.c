/* ladder.c - the PP 94/2021 sanction ladder; see ladder.h. */
#include "domain/ladder.h"

#include <stddef.h>
#include <string.h>

/* RULES.md section 4, "Unexcused days in the year". The sedang cuts are of
 * the performance allowance (TPP) by 25% for 6, 9 or 12 months; the berat
 * demotion and release run 12 months. */
static const struct ladder_rung pp94_rungs[] = {
	{3, 3, "teguran_lisan", LADDER_RINGAN, 0, "Teguran lisan", "Oral reprimand"},
	{4, 6, "teguran_tertulis", LADDER_RINGAN, 0, "Teguran tertulis", "Written reprimand"},
	{7, 10, "pernyataan_tidak_puas", LADDER_RINGAN, 0, "Pernyataan tidak puas secara tertulis",
	 "Written statement of dissatisfaction"},
	{11, 13, "potongan_tpp_25_6", LADDER_SEDANG, 6, "Pemotongan tunjangan kinerja 25% selama 6 bulan",
	 "Performance allowance cut 25% for 6 months"},
	{14, 16, "potongan_tpp_25_9", LADDER_SEDANG, 9, "Pemotongan tunjangan kinerja 25% selama 9 bulan",
	 "Performance allowance cut 25% for 9 months"},
	{17, 20, "potongan_tpp_25_12", LADDER_SEDANG, 12, "Pemotongan tunjangan kinerja 25% selama 12 bulan",
	 "Performance allowance cut 25% for 12 months"},
	{21, 24, "penurunan_jabatan", LADDER_BERAT, 12, "Penurunan jabatan setingkat lebih rendah selama 12 bulan",
	 "Demotion by one level for 12 months"},
	{25, 27, "pembebasan_jabatan", LADDER_BERAT, 12, "Pembebasan dari jabatannya menjadi jabatan pelaksana selama 12 bulan",
	 "Release from position to pelaksana for 12 months"},
	{28, -1, "pemberhentian", LADDER_BERAT, 0, "Pemberhentian dengan hormat tidak atas permintaan sendiri",
	 "Honourable dismissal not at own request"},
};

static const struct ladder_version pp94 = {
	"2021-08-31", "PP 94/2021 Pasal 15; Perba BKN 6/2022", 450, 10, pp94_rungs,
	(int)(sizeof pp94_rungs / sizeof pp94_rungs[0]),
};

const struct ladder_version *ladder_builtin(void)
{
	return &pp94;
}

const struct ladder_rung *ladder_rung_by_code(const struct ladder_version *v, const char *code)
{
	for (int i = 0; code && i < v->nrungs; i++)
		if (!strcmp(v->rungs[i].code, code))
			return &v->rungs[i];
	return NULL;
}

const char *ladder_level_name(enum ladder_level l)
{
	switch (l) {
	case LADDER_RINGAN: return "ringan";
	case LADDER_SEDANG: return "sedang";
	case LADDER_BERAT: return "berat";
	default: return "";
	}
}

int ladder_counted_days(const struct ladder_version *v, int unexcused_days, long late_early_minutes)
{
	if (unexcused_days < 0)
		unexcused_days = 0;
	if (late_early_minutes < 0 || v->minutes_per_day <= 0)
		late_early_minutes = 0;
	return unexcused_days + (int)(late_early_minutes / (v->minutes_per_day > 0 ? v->minutes_per_day : 1));
}

const struct ladder_rung *ladder_sanction_for_days(const struct ladder_version *v, int counted_days)
{
	for (int i = v->nrungs - 1; i >= 0; i--)
		if (counted_days >= v->rungs[i].min_days)
			return &v->rungs[i];
	return NULL;
}

int ladder_longest_streak(const enum ladder_day *days, int n)
{
	int best = 0, run = 0;
	for (int i = 0; i < n; i++) {
		if (days[i] == LADDER_DAY_UNEXCUSED) {
			if (++run > best)
				best = run;
		} else if (days[i] != LADDER_DAY_OFF) {
			run = 0;
		}
	}
	return best;
}

int ladder_streak_reached(const struct ladder_version *v, const enum ladder_day *days, int n)
{
	int run = 0;
	for (int i = 0; i < n; i++) {
		if (days[i] == LADDER_DAY_UNEXCUSED) {
			if (++run == v->streak_days)
				return i;
		} else if (days[i] != LADDER_DAY_OFF) {
			run = 0;
		}
	}
	return -1;
}

const struct ladder_rung *ladder_proposal(const struct ladder_version *v, int counted_days, int longest_streak,
					  bool *salary_stop)
{
	const struct ladder_rung *r = ladder_sanction_for_days(v, counted_days);
	*salary_stop = longest_streak >= v->streak_days;
	if (*salary_stop)
		r = &v->rungs[v->nrungs - 1]; /* dismissal: the heaviest rung */
	return r;
}

const struct ladder_rung *ladder_one_step_heavier(const struct ladder_version *v, const struct ladder_rung *r)
{
	if (!r)
		return &v->rungs[0];
	ptrdiff_t i = r - v->rungs;
	if (i < 0 || i >= v->nrungs)
		return &v->rungs[0];
	return i + 1 < v->nrungs ? &v->rungs[i + 1] : r;
}

const struct ladder_rung *ladder_for_repeat(const struct ladder_version *v, const struct ladder_rung *proposed,
					    const struct ladder_rung *previous)
{
	if (!previous)
		return proposed;
	if (proposed && proposed > previous)
		return proposed;
	return ladder_one_step_heavier(v, previous);
}

bool ladder_may_impose(enum ladder_official official, enum ladder_level level, int levels_below,
		       enum ladder_offender offender)
{
	if (level == LADDER_NONE || levels_below < 1)
		return false;
	switch (official) {
	case LADDER_OFF_PENGAWAS:
		return level == LADDER_RINGAN && levels_below == 1;
	case LADDER_OFF_ADMINISTRATOR:
	case LADDER_OFF_JPT_PRATAMA:
	case LADDER_OFF_JPT_MADYA:
		return (level == LADDER_RINGAN && levels_below == 1) || (level == LADDER_SEDANG && levels_below == 2);
	case LADDER_OFF_GOVERNOR:
		/* berat for administrator and below and for JF; sedang and berat for JPT Pratama */
		if (offender == LADDER_OFFENDER_JPT_PRATAMA)
			return level == LADDER_SEDANG || level == LADDER_BERAT;
		if (offender == LADDER_OFFENDER_JPT_MADYA)
			return false;
		return level == LADDER_BERAT;
	}
	return false;
}
