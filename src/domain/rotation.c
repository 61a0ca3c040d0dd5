/* rotation.c - proposing a unit's rotation (see rotation.h).
 *
 * Everything works on a state of running counts (away and on site per day,
 * cover per day and hour, days per person, per person and ISO week, per
 * person and month) so that each hard rule is checked in O(hours) when one
 * person is put away or brought back. */
#include "domain/rotation.h"

#include "core/date.h"
#include "core/err.h"
#include "core/mem.h"

#include <string.h>

static const char *const mode_names[ROT_MODE_N] = {"office", "wfh", "wfa", "kantor_lain"};

static const struct {
	const char *name, *en, *id;
} rules[ROT_RULE_N] = {
	[ROT_RULE_NOT_WORKING_DAY] = {"working_day", "The date is not a working day.",
				      "Tanggal tersebut bukan hari kerja."},
	[ROT_RULE_NOT_SCHEDULED] = {"scheduled", "The employee is not scheduled to work on that date.",
				    "Pegawai tidak dijadwalkan bekerja pada tanggal tersebut."},
	[ROT_RULE_OFFICE_ONLY] = {"office_only", "The head of the unit marked this date as office-only.",
				  "Kepala unit menetapkan tanggal ini sebagai hari wajib di kantor."},
	[ROT_RULE_ELIGIBILITY] = {"eligible", "The employee is not eligible for this mode on that date.",
				  "Pegawai tidak memenuhi syarat untuk moda kerja ini pada tanggal tersebut."},
	[ROT_RULE_FIXED] = {"fixed_day",
			    "The employee already has an approved or requested plan or leave on that date.",
			    "Pegawai sudah memiliki rencana yang disetujui atau diajukan, atau cuti, pada tanggal tersebut."},
	[ROT_RULE_WEEKLY_CAP] = {"weekly_cap", "The employee would exceed the flexible days allowed in that week.",
				 "Pegawai akan melebihi jumlah hari kerja fleksibel yang diizinkan dalam minggu tersebut."},
	[ROT_RULE_SHARE] = {"share_away", "The unit would exceed its maximum share of staff away on that date.",
			    "Unit akan melebihi batas persentase pegawai yang bekerja di luar kantor pada tanggal tersebut."},
	[ROT_RULE_MIN_ON_SITE] = {"min_on_site", "Staff on site would fall below the unit's minimum for that date.",
				  "Jumlah pegawai di kantor akan kurang dari batas minimum unit pada tanggal tersebut."},
	[ROT_RULE_MIN_SERVICE_HOUR] = {"min_on_site_per_hour",
				       "Staff on site would fall below the minimum for a service hour on that date.",
				       "Jumlah pegawai di kantor akan kurang dari batas minimum jam layanan pada tanggal tersebut."},
};

const char *rot_mode_name(int mode)
{
	return mode >= 0 && mode < ROT_MODE_N ? mode_names[mode] : "unknown";
}

int rot_mode_parse(const char *name)
{
	for (int i = 0; name && i < ROT_MODE_N; i++)
		if (!strcmp(mode_names[i], name))
			return i;
	return -1;
}

const char *rot_rule_name(enum rot_rule r)
{
	return (unsigned)r < ROT_RULE_N ? rules[r].name : "unknown";
}

/* ---- the state of running counts ---- */

struct rot_state {
	const struct rot_input *in;
	int P, D, W, M;
	uint8_t *mode;          /* P*D, proposed only */
	int *days;              /* P */
	int *wk;                /* P*W */
	int *mo;                /* P*M */
	int *on_site, *away, *share_max; /* D */
	int *cover;             /* D*ROT_HOURS */
	int *week_of, *month_of; /* D */
	uint64_t *hash;         /* P */
	long work, work_max;    /* checks done by the repair, and its budget */
};

static uint64_t mix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ull;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

static const struct rot_cell *cell(const struct rot_state *st, int p, int d)
{
	return &st->in->cells[(size_t)p * st->D + d];
}

static bool input_ok(const struct rot_input *in)
{
	if (!in || in->n_people < 0 || in->n_days < 0 || in->n_days > ROT_MAX_DAYS)
		return false;
	if (in->max_share_pct < 0 || in->max_share_pct > 100)
		return false;
	if ((in->n_people && !in->people) || (in->n_days && !in->days) || (in->n_people && in->n_days && !in->cells))
		return false;
	for (int d = 1; d < in->n_days; d++)
		if (in->days[d].date != in->days[d - 1].date + 1)
			return false;
	return true;
}

static void state_free(struct rot_state *st)
{
	free(st->mode);
	free(st->days);
	free(st->wk);
	free(st->mo);
	free(st->on_site);
	free(st->away);
	free(st->share_max);
	free(st->cover);
	free(st->week_of);
	free(st->month_of);
	free(st->hash);
}

/* Week and month index of every day, relative to the first. */
static void state_calendar(struct rot_state *st)
{
	const struct rot_input *in = st->in;
	int y0 = 0, m0 = 0;
	if (st->D)
		date_to_ymd(in->days[0].date, &y0, &m0, &(int){0});
	int32_t mon0 = st->D ? date_week_monday(in->days[0].date) : 0;
	st->W = st->M = 1;
	for (int d = 0; d < st->D; d++) {
		int y, m, dd;
		date_to_ymd(in->days[d].date, &y, &m, &dd);
		st->week_of[d] = (date_week_monday(in->days[d].date) - mon0) / 7;
		st->month_of[d] = (y * 12 + m) - (y0 * 12 + m0);
		if (st->week_of[d] + 1 > st->W)
			st->W = st->week_of[d] + 1;
		if (st->month_of[d] + 1 > st->M)
			st->M = st->month_of[d] + 1;
	}
}

static void put(struct rot_state *st, int p, int d, int delta)
{
	st->days[p] += delta;
	st->wk[p * st->W + st->week_of[d]] += delta;
	st->mo[p * st->M + st->month_of[d]] += delta;
	st->away[d] += delta;
	st->on_site[d] -= delta;
	uint32_t h = cell(st, p, d)->hours;
	for (int i = 0; h; i++, h >>= 1)
		if (h & 1)
			st->cover[d * ROT_HOURS + i] -= delta;
}

/* Build the counts of the fixed days plus the assignment `mode` (or none). */
static void state_init(struct rot_state *st, const struct rot_input *in, const uint8_t *mode)
{
	memset(st, 0, sizeof *st);
	st->in = in;
	st->P = in->n_people;
	st->D = in->n_days;
	size_t pd = (size_t)st->P * st->D;
	st->mode = xcalloc(pd ? pd : 1, 1);
	st->week_of = xcalloc((size_t)st->D + 1, sizeof(int));
	st->month_of = xcalloc((size_t)st->D + 1, sizeof(int));
	state_calendar(st);
	st->days = xcalloc((size_t)st->P + 1, sizeof(int));
	st->wk = xcalloc((size_t)st->P * st->W + 1, sizeof(int));
	st->mo = xcalloc((size_t)st->P * st->M + 1, sizeof(int));
	st->on_site = xcalloc((size_t)st->D + 1, sizeof(int));
	st->away = xcalloc((size_t)st->D + 1, sizeof(int));
	st->share_max = xcalloc((size_t)st->D + 1, sizeof(int));
	st->cover = xcalloc((size_t)st->D * ROT_HOURS + 1, sizeof(int));
	st->hash = xcalloc((size_t)st->P + 1, sizeof(uint64_t));
	for (int p = 0; p < st->P; p++) {
		const struct rot_person *pe = &in->people[p];
		st->hash[p] = mix64(in->seed ^ mix64(pe->key));
		st->wk[p * st->W] += pe->days_before;
		st->wk[p * st->W + st->W - 1] += pe->days_after;
		for (int d = 0; d < st->D; d++) {
			const struct rot_cell *c = cell(st, p, d);
			if (!c->scheduled)
				continue;
			st->share_max[d]++; /* counted here, turned into the limit below */
			if (c->fixed == ROT_FIXED_LEAVE)
				continue;
			st->on_site[d]++;
			for (int i = 0; i < ROT_HOURS; i++)
				if (c->hours & (1u << i))
					st->cover[d * ROT_HOURS + i]++;
			if (c->fixed == ROT_FIXED_AWAY)
				put(st, p, d, 1);
			else if (mode && mode[(size_t)p * st->D + d] != ROT_OFFICE) {
				st->mode[(size_t)p * st->D + d] = mode[(size_t)p * st->D + d];
				put(st, p, d, 1);
			}
		}
	}
	for (int d = 0; d < st->D; d++)
		st->share_max[d] = st->share_max[d] * in->max_share_pct / 100;
}

/* Count a broken rule in *n and write it to v while there is room (v may
 * be NULL with max_v 0: only the count matters). */
static void add_violation(struct rot_violation *v, int max_v, int *n, enum rot_rule r)
{
	if (*n < max_v)
		v[*n] = (struct rot_violation){r, rules[r].name, rules[r].en, rules[r].id};
	(*n)++;
}

/* Whether the person alone could be away that day (schedule, calendar,
 * eligibility, fixed days), ignoring counts; adds to *n. */
static void personal_rules(const struct rot_state *st, int p, int d, int mode, struct rot_violation *v, int max_v,
			   int *n)
{
	const struct rot_day *day = &st->in->days[d];
	const struct rot_cell *c = cell(st, p, d);
	if (!day->working)
		add_violation(v, max_v, n, ROT_RULE_NOT_WORKING_DAY);
	else if (!c->scheduled)
		add_violation(v, max_v, n, ROT_RULE_NOT_SCHEDULED);
	if (day->office_only)
		add_violation(v, max_v, n, ROT_RULE_OFFICE_ONLY);
	if (c->fixed != ROT_FREE)
		add_violation(v, max_v, n, ROT_RULE_FIXED);
	if (mode <= ROT_OFFICE || mode >= ROT_MODE_N || !(c->modes & ROT_MODE_BIT(mode)))
		add_violation(v, max_v, n, ROT_RULE_ELIGIBILITY);
}

static bool personal_ok(const struct rot_state *st, int p, int d, int mode)
{
	int n = 0;
	personal_rules(st, p, d, mode, NULL, 0, &n);
	return n == 0;
}

/* The weekly cap, lifted on days of special circumstances. */
static bool within_cap(const struct rot_state *st, int p, int d)
{
	return cell(st, p, d)->special || st->wk[p * st->W + st->week_of[d]] < st->in->people[p].weekly_cap;
}

/* The person's own limits: the weekly cap and the monthly limit they asked for. */
static bool within_limits(const struct rot_state *st, int p, int d)
{
	const struct rot_person *pe = &st->in->people[p];
	if (!within_cap(st, p, d))
		return false;
	return pe->max_per_month < 0 || st->mo[p * st->M + st->month_of[d]] < pe->max_per_month;
}

/* The unit's rules when p (now on site) goes away on d: share, day
 * minimum, service-hour minimums; adds to *n. */
static void unit_rules(const struct rot_state *st, int p, int d, struct rot_violation *v, int max_v, int *n)
{
	const struct rot_day *day = &st->in->days[d];
	if (st->away[d] + 1 > st->share_max[d])
		add_violation(v, max_v, n, ROT_RULE_SHARE);
	if (st->on_site[d] - 1 < day->min_on_site)
		add_violation(v, max_v, n, ROT_RULE_MIN_ON_SITE);
	uint32_t h = cell(st, p, d)->hours;
	for (int i = 0; h; i++, h >>= 1)
		if ((h & 1) && day->hour_min[i] && st->cover[d * ROT_HOURS + i] - 1 < day->hour_min[i]) {
			add_violation(v, max_v, n, ROT_RULE_MIN_SERVICE_HOUR);
			return;
		}
}

static bool unit_ok(const struct rot_state *st, int p, int d)
{
	int n = 0;
	unit_rules(st, p, d, NULL, 0, &n);
	return n == 0;
}

/* The mode proposed for p on d: wfh when eligible, else the first allowed. */
static int default_mode(const struct rot_cell *c)
{
	for (int m = ROT_WFH; m < ROT_MODE_N; m++)
		if (c->modes & ROT_MODE_BIT(m))
			return m;
	return ROT_OFFICE;
}

/* Whether p, not away on d now, may be put away there (every hard rule). */
static bool can_go(struct rot_state *st, int p, int d)
{
	st->work++;
	if (st->mode[(size_t)p * st->D + d] != ROT_OFFICE)
		return false;
	const struct rot_cell *c = cell(st, p, d);
	int m = default_mode(c);
	if (m == ROT_OFFICE || !personal_ok(st, p, d, m))
		return false;
	return within_limits(st, p, d) && unit_ok(st, p, d);
}

static void assign(struct rot_state *st, int p, int d)
{
	st->mode[(size_t)p * st->D + d] = (uint8_t)default_mode(cell(st, p, d));
	put(st, p, d, 1);
}

static void unassign(struct rot_state *st, int p, int d)
{
	st->mode[(size_t)p * st->D + d] = ROT_OFFICE;
	put(st, p, d, -1);
}

/* ---- fairness ---- */

static bool is_member(const struct rot_state *st, int p)
{
	bool eligible = false;
	for (int d = 0; d < st->D; d++) {
		const struct rot_cell *c = cell(st, p, d);
		if (c->special)
			return false;
		eligible |= c->modes != 0 && c->scheduled;
	}
	return eligible;
}

/* Whether p could take another day on their own: a day free of personal
 * rules within their weekly cap and monthly limit (share, coverage and the
 * others ignored). */
static bool could_take_more(const struct rot_state *st, int p)
{
	for (int d = 0; d < st->D; d++) {
		if (st->mode[(size_t)p * st->D + d] != ROT_OFFICE)
			continue;
		int m = default_mode(cell(st, p, d));
		if (m != ROT_OFFICE && personal_ok(st, p, d, m) && within_limits(st, p, d))
			return true;
	}
	return false;
}

static int spread(const struct rot_state *st)
{
	int hi = -1, lo = -1;
	for (int p = 0; p < st->P; p++) {
		if (!is_member(st, p))
			continue;
		if (st->days[p] > hi)
			hi = st->days[p];
		if ((lo < 0 || st->days[p] < lo) && could_take_more(st, p))
			lo = st->days[p];
	}
	return lo < 0 || hi < lo ? 0 : hi - lo;
}

/* ---- the greedy ---- */

/* Heap order: fewer days first, then the seeded hash. */
static bool before(const struct rot_state *st, int a, int b)
{
	if (st->days[a] != st->days[b])
		return st->days[a] < st->days[b];
	if (st->hash[a] != st->hash[b])
		return st->hash[a] < st->hash[b];
	return a < b;
}

static void heap_down(const struct rot_state *st, int *h, int n, int i)
{
	for (;;) {
		int l = 2 * i + 1, r = l + 1, m = i;
		if (l < n && before(st, h[l], h[m]))
			m = l;
		if (r < n && before(st, h[r], h[m]))
			m = r;
		if (m == i)
			return;
		int t = h[i];
		h[i] = h[m];
		h[m] = t;
		i = m;
	}
}

/* The best day for p: a preferred weekday, then fewest away, then a hash
 * that spreads people over equal days; -1 when none is allowed. */
static int best_day(struct rot_state *st, int p)
{
	uint8_t pref = st->in->people[p].preferred_weekdays;
	int best = -1, best_pref = 0, best_away = 0;
	uint64_t best_h = 0;
	for (int d = 0; d < st->D; d++) {
		if (!can_go(st, p, d))
			continue;
		int pr = (pref >> date_weekday(st->in->days[d].date)) & 1;
		uint64_t h = mix64(st->hash[p] ^ (uint64_t)d);
		bool better = best < 0 || pr > best_pref ||
			      (pr == best_pref && (st->away[d] < best_away || (st->away[d] == best_away && h < best_h)));
		if (better) {
			best = d;
			best_pref = pr;
			best_away = st->away[d];
			best_h = h;
		}
	}
	return best;
}

/* Give the next day to whoever has fewest until nobody can take one. A
 * person who cannot take a day now never can later: every assignment only
 * tightens the counts. */
static void greedy(struct rot_state *st)
{
	int *heap = xmalloc(((size_t)st->P + 1) * sizeof(int));
	int n = st->P;
	for (int p = 0; p < n; p++)
		heap[p] = p;
	for (int i = n / 2 - 1; i >= 0; i--)
		heap_down(st, heap, n, i);
	while (n > 0) {
		int p = heap[0];
		int d = best_day(st, p);
		if (d < 0)
			heap[0] = heap[--n];
		else
			assign(st, p, d);
		heap_down(st, heap, n, 0);
	}
	free(heap);
}

/* ---- repair: bring the spread down by swaps and moves ---- */

/* Put q away on another day than `not`: a free one, or one taken from r
 * who has at least `rich` days (r loses it). */
static bool relocate(struct rot_state *st, int q, int not, int rich)
{
	for (int e = 0; e < st->D; e++)
		if (e != not && can_go(st, q, e)) {
			assign(st, q, e);
			return true;
		}
	for (int e = 0; e < st->D; e++) {
		if (e == not || st->mode[(size_t)q * st->D + e] != ROT_OFFICE)
			continue;
		int m = default_mode(cell(st, q, e));
		if (m == ROT_OFFICE || !personal_ok(st, q, e, m) || !within_limits(st, q, e))
			continue;
		for (int r = 0; r < st->P; r++) {
			if (r == q || st->days[r] < rich || st->mode[(size_t)r * st->D + e] == ROT_OFFICE)
				continue;
			unassign(st, r, e);
			if (can_go(st, q, e)) {
				assign(st, q, e);
				return true;
			}
			assign(st, r, e);
		}
	}
	return false;
}

/* Give low (a member behind) day d, blocked only by share or coverage, by
 * taking it from someone proposed there: directly when they have at least
 * two days more, or when they have one more and can move to another day
 * (free, or taken from someone at least two days ahead of low). */
static bool raise_on_day(struct rot_state *st, int low, int d)
{
	if (can_go(st, low, d)) {
		assign(st, low, d);
		return true;
	}
	int base = st->days[low];
	for (int q = 0; q < st->P && st->work < st->work_max; q++) {
		if (q == low || st->mode[(size_t)q * st->D + d] == ROT_OFFICE || st->days[q] < base + 1)
			continue;
		unassign(st, q, d);
		if (!can_go(st, low, d)) {
			assign(st, q, d);
			continue;
		}
		assign(st, low, d);
		if (st->days[q] + 1 >= base + 2 || relocate(st, q, d, base + 2))
			return true;
		unassign(st, low, d);
		assign(st, q, d);
	}
	return false;
}

static bool raise_person(struct rot_state *st, int low)
{
	for (int d = 0; d < st->D; d++) {
		if (st->mode[(size_t)low * st->D + d] != ROT_OFFICE)
			continue;
		int m = default_mode(cell(st, low, d));
		if (m == ROT_OFFICE || !personal_ok(st, low, d, m) || !within_limits(st, low, d))
			continue;
		if (raise_on_day(st, low, d))
			return true;
	}
	return false;
}

/* Raise the members furthest behind while the spread is above 1; each
 * success adds a day to someone at the bottom, so it ends. */
static void repair(struct rot_state *st)
{
	int *stuck = xcalloc((size_t)st->P + 1, sizeof(int));
	for (int p = 0; p < st->P; p++)
		stuck[p] = is_member(st, p) ? 0 : 2; /* 2: not a member */
	st->work = 0;
	st->work_max = 40L * st->P * st->D + 20000;
	while (st->work < st->work_max) {
		int hi = -1, low = -1;
		for (int p = 0; p < st->P; p++) {
			if (stuck[p] == 2)
				continue;
			if (st->days[p] > hi)
				hi = st->days[p];
			if (!stuck[p] && (low < 0 || before(st, p, low)) && could_take_more(st, p))
				low = p;
		}
		if (low < 0 || hi - st->days[low] <= 1)
			break;
		if (!raise_person(st, low))
			stuck[low] = 1;
	}
	free(stuck);
}

/* ---- results ---- */

static void result_fill(const struct rot_state *st, struct rot_result *out)
{
	const struct rot_input *in = st->in;
	memset(out, 0, sizeof *out);
	size_t pd = (size_t)st->P * st->D;
	out->mode = xmalloc(pd ? pd : 1);
	memcpy(out->mode, st->mode, pd);
	out->days = xcalloc((size_t)st->P + 1, sizeof(int));
	out->asked_fewer = xcalloc((size_t)st->P + 1, sizeof(bool));
	for (int p = 0; p < st->P; p++) {
		out->days[p] = st->days[p];
		out->asked_fewer[p] = in->people[p].max_per_month >= 0;
	}
	for (size_t i = 0; i < pd; i++)
		out->proposed_days += st->mode[i] != ROT_OFFICE;
	out->on_site = xcalloc((size_t)st->D + 1, sizeof(int));
	out->away = xcalloc((size_t)st->D + 1, sizeof(int));
	int cap = 0;
	for (int d = 0; d < st->D; d++) {
		out->on_site[d] = st->on_site[d];
		out->away[d] = st->away[d];
		const struct rot_day *day = &in->days[d];
		if (!day->working)
			continue;
		int before_n = out->n_gaps;
		for (int h = -1; h < ROT_HOURS; h++) {
			int minimum = h < 0 ? day->min_on_site : day->hour_min[h];
			int have = h < 0 ? st->on_site[d] : st->cover[d * ROT_HOURS + h];
			if (minimum <= 0 || have >= minimum)
				continue;
			if (out->n_gaps == cap) {
				cap = cap ? cap * 2 : 16;
				out->gaps = xrealloc(out->gaps, (size_t)cap * sizeof *out->gaps);
			}
			out->gaps[out->n_gaps++] = (struct rot_gap){d, h, minimum, have, minimum - have};
		}
		if (out->n_gaps > before_n)
			out->gap_days++;
		else
			out->covered_days++;
	}
	out->coverage_met = out->n_gaps == 0;
	out->fairness_spread = spread(st);
}

int rot_propose(const struct rot_input *in, struct rot_result *out)
{
	if (!input_ok(in) || !out)
		return ERR_INVALID;
	struct rot_state st;
	state_init(&st, in, NULL);
	greedy(&st);
	repair(&st);
	result_fill(&st, out);
	state_free(&st);
	return 0;
}

int rot_evaluate(const struct rot_input *in, const uint8_t *mode, struct rot_result *out)
{
	if (!input_ok(in) || !out)
		return ERR_INVALID;
	struct rot_state st;
	state_init(&st, in, mode);
	result_fill(&st, out);
	state_free(&st);
	return 0;
}

int rot_fairness_spread(const struct rot_input *in, const uint8_t *mode)
{
	if (!input_ok(in))
		return 0;
	struct rot_state st;
	state_init(&st, in, mode);
	int s = spread(&st);
	state_free(&st);
	return s;
}

int rot_check_set(const struct rot_input *in, const uint8_t *cur, int p, int d, int mode, struct rot_violation *v,
		  int max_v)
{
	if (!input_ok(in) || p < 0 || p >= in->n_people || d < 0 || d >= in->n_days || mode < 0 || mode >= ROT_MODE_N)
		return 0;
	const struct rot_cell *c = &in->cells[(size_t)p * in->n_days + d];
	int n = 0;
	if (c->fixed != ROT_FREE) {
		add_violation(v, max_v, &n, ROT_RULE_FIXED);
		return n < max_v ? n : max_v;
	}
	if (mode == ROT_OFFICE)
		return 0; /* coming back to the office only adds cover */
	struct rot_state st;
	state_init(&st, in, cur);
	if (st.mode[(size_t)p * st.D + d] != ROT_OFFICE)
		unassign(&st, p, d); /* a change of mode: judge the day without it */
	personal_rules(&st, p, d, mode, v, max_v, &n);
	if (in->days[d].working && c->scheduled) {
		if (!within_cap(&st, p, d))
			add_violation(v, max_v, &n, ROT_RULE_WEEKLY_CAP);
		unit_rules(&st, p, d, v, max_v, &n);
	}
	state_free(&st);
	return n < max_v ? n : max_v;
}

/* The rules broken by cell (p, d) of a full assignment (it is counted in). */
static int cell_violations(struct rot_state *st, int p, int d, struct rot_violation *v, int max_v)
{
	const struct rot_day *day = &st->in->days[d];
	int n = 0, mode = st->mode[(size_t)p * st->D + d];
	personal_rules(st, p, d, mode, v, max_v, &n);
	if (!cell(st, p, d)->special && st->wk[p * st->W + st->week_of[d]] > st->in->people[p].weekly_cap)
		add_violation(v, max_v, &n, ROT_RULE_WEEKLY_CAP);
	if (st->away[d] > st->share_max[d])
		add_violation(v, max_v, &n, ROT_RULE_SHARE);
	if (st->on_site[d] < day->min_on_site)
		add_violation(v, max_v, &n, ROT_RULE_MIN_ON_SITE);
	uint32_t h = cell(st, p, d)->hours;
	for (int i = 0; h; i++, h >>= 1)
		if ((h & 1) && day->hour_min[i] && st->cover[d * ROT_HOURS + i] < day->hour_min[i]) {
			add_violation(v, max_v, &n, ROT_RULE_MIN_SERVICE_HOUR);
			break;
		}
	return n;
}

int rot_validate(const struct rot_input *in, const uint8_t *mode, int *person, int *day, struct rot_violation *v,
		 int max_v)
{
	if (!input_ok(in))
		return 0;
	struct rot_state st;
	state_init(&st, in, mode);
	int n = 0;
	for (int d = 0; d < st.D && !n; d++)
		for (int p = 0; p < st.P && !n; p++) {
			if (st.mode[(size_t)p * st.D + d] == ROT_OFFICE)
				continue;
			n = cell_violations(&st, p, d, v, max_v);
			if (n) {
				*person = p;
				*day = d;
			}
		}
	state_free(&st);
	return n < max_v ? n : max_v;
}

void rot_result_free(struct rot_result *r)
{
	if (!r)
		return;
	free(r->mode);
	free(r->days);
	free(r->asked_fewer);
	free(r->on_site);
	free(r->away);
	free(r->gaps);
	memset(r, 0, sizeof *r);
}
