/* test_rotation.c - the rotation's properties on generated units: coverage
 * never broken, caps and share never exceeded, fairness within 1 where
 * the hard rules allow, those who asked for fewer get no more, preferences
 * when free, infeasible units reported, fixed days respected, the edit
 * checks, and the same answer every time. Each property is checked by an
 * independent recount here, not by the module's own counters. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/date.h"
#include "domain/rotation.h"
#include "store/rotation.h"

struct unit {
	struct rot_input in;
	struct rot_day *days;
	struct rot_person *people;
	struct rot_cell *cells;
};

static uint64_t next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static int below(uint64_t *s, int n)
{
	return n <= 0 ? 0 : (int)(next(s) % (uint64_t)n);
}

static void unit_free(struct unit *u)
{
	free(u->days);
	free(u->people);
	free(u->cells);
}

static void unit_alloc(struct unit *u, int P, int D, int32_t first)
{
	memset(u, 0, sizeof *u);
	u->days = calloc((size_t)D + 1, sizeof *u->days);
	u->people = calloc((size_t)P + 1, sizeof *u->people);
	u->cells = calloc((size_t)P * D + 1, sizeof *u->cells);
	for (int d = 0; d < D; d++) {
		u->days[d].date = first + d;
		u->days[d].working = date_weekday(first + d) <= 5;
	}
	for (int p = 0; p < P; p++)
		u->people[p] = (struct rot_person){.key = 1000 + (uint64_t)p, .weekly_cap = 2, .max_per_month = -1};
	u->in = (struct rot_input){.n_people = P, .n_days = D, .days = u->days, .people = u->people,
				   .cells = u->cells, .max_share_pct = 100, .seed = 7};
}

#define SERVICE_HOURS 0x7f00u /* 08:00..14:59 */

/* A random unit. Easy units have interchangeable people (all scheduled,
 * eligible and covering the same hours, nothing fixed), so a spread of at
 * most 1 is always possible; general ones have everything. */
static void gen_unit(struct unit *u, uint64_t seed, bool easy)
{
	uint64_t s = seed;
	int P = 1 + below(&s, easy ? 40 : 60);
	int D = easy ? 28 + below(&s, 4) : 5 + below(&s, ROT_MAX_DAYS - 4);
	unit_alloc(u, P, D, date_from_ymd(2026, 1 + below(&s, 12), 1 + below(&s, 28)));
	u->in.max_share_pct = 10 + below(&s, 91);
	u->in.seed = seed;
	bool service = below(&s, 3) == 0;
	int unit_cap = 1 + below(&s, 3);
	for (int d = 0; d < D; d++) {
		struct rot_day *day = &u->days[d];
		if (day->working && below(&s, 20) == 0)
			day->working = false; /* a holiday */
		day->office_only = !easy && below(&s, 15) == 0;
		day->min_on_site = below(&s, 3) ? below(&s, P / 2 + 1) : 0;
		for (int h = 8; service && h < 15; h++)
			day->hour_min[h] = (uint8_t)below(&s, P / 3 + 1);
	}
	for (int p = 0; p < P; p++) {
		struct rot_person *pe = &u->people[p];
		pe->weekly_cap = easy ? unit_cap : below(&s, 5) ? 2 : 1 + below(&s, 3);
		pe->max_per_month = below(&s, 7) == 0 ? below(&s, 5) : -1;
		pe->preferred_weekdays = below(&s, 3) == 0 ? (uint8_t)(below(&s, 32) << 1) : 0;
		pe->days_before = easy ? 0 : below(&s, 3);
		pe->days_after = easy ? 0 : below(&s, 3);
		bool special = !easy && below(&s, 20) == 0;
		uint8_t modes = (uint8_t)(easy ? ROT_MODE_BIT(ROT_WFH) : below(&s, 10) == 0 ? 0u : (unsigned)(below(&s, 7) + 1) << 1);
		for (int d = 0; d < D; d++) {
			struct rot_cell *c = &u->cells[(size_t)p * D + d];
			c->scheduled = u->days[d].working && (easy || below(&s, 10) != 0);
			c->modes = easy || below(&s, 20) ? modes : 0;
			c->special = special;
			int from = 8 + below(&s, 7), to = from + 1 + below(&s, 15 - from);
			c->hours = easy || below(&s, 2) ? SERVICE_HOURS : ((1u << to) - (1u << from));
			if (!easy && c->scheduled && below(&s, 20) == 0) {
				c->fixed = below(&s, 2) ? ROT_FIXED_AWAY : ROT_FIXED_LEAVE;
				c->fixed_mode = ROT_WFH;
			}
		}
	}
}

/* ---- independent recounts ---- */

static bool away_at(const struct unit *u, const struct rot_result *r, int p, int d)
{
	const struct rot_cell *c = &u->cells[(size_t)p * u->in.n_days + d];
	return c->scheduled && (c->fixed == ROT_FIXED_AWAY || r->mode[(size_t)p * u->in.n_days + d] != ROT_OFFICE);
}

static int on_site(const struct unit *u, const struct rot_result *r, int d, int hour, bool with_proposals)
{
	int n = 0;
	for (int p = 0; p < u->in.n_people; p++) {
		const struct rot_cell *c = &u->cells[(size_t)p * u->in.n_days + d];
		if (!c->scheduled || c->fixed != ROT_FREE)
			continue;
		if (hour >= 0 && !(c->hours & (1u << hour)))
			continue;
		if (with_proposals && r->mode[(size_t)p * u->in.n_days + d] != ROT_OFFICE)
			continue;
		n++;
	}
	return n;
}

static int proposed_on(const struct unit *u, const struct rot_result *r, int d)
{
	int n = 0;
	for (int p = 0; p < u->in.n_people; p++)
		n += r->mode[(size_t)p * u->in.n_days + d] != ROT_OFFICE;
	return n;
}

/* Every hard rule holds for the proposal, counted from scratch. */
static void check_hard_rules(const struct unit *u, const struct rot_result *r)
{
	int P = u->in.n_people, D = u->in.n_days;
	for (int d = 0; d < D; d++) {
		const struct rot_day *day = &u->days[d];
		int props = proposed_on(u, r, d);
		if (!day->working || day->office_only)
			assert_int_equal(props, 0);
		/* coverage: never below a minimum because of a proposal */
		int after = on_site(u, r, d, -1, true);
		if (after < day->min_on_site)
			assert_int_equal(props, 0);
		for (int h = 0; h < ROT_HOURS; h++) {
			if (!day->hour_min[h])
				continue; /* the generator's service hours are 08..14 */
			int ca = on_site(u, r, d, h, true);
			if (ca < day->hour_min[h])
				assert_int_equal(ca, on_site(u, r, d, h, false));
		}
		/* share: away (fixed and proposed) within the limit once anyone is proposed */
		int sched = 0, away = 0;
		for (int p = 0; p < P; p++) {
			sched += u->cells[(size_t)p * D + d].scheduled;
			away += away_at(u, r, p, d);
		}
		if (props)
			assert_true(away <= sched * u->in.max_share_pct / 100);
		assert_int_equal(r->on_site[d], after);
		assert_int_equal(r->away[d], away);
	}
	for (int p = 0; p < P; p++) {
		const struct rot_person *pe = &u->people[p];
		int total = 0, month_count[4] = {0}, m0 = 0, y0 = 0, dd;
		date_to_ymd(u->days[0].date, &y0, &m0, &dd);
		int32_t mon0 = date_week_monday(u->days[0].date), last_week = (date_week_monday(u->days[D - 1].date) - mon0) / 7;
		int week_count[12] = {0}, week_props[12] = {0};
		week_count[0] += pe->days_before;
		week_count[last_week] += pe->days_after;
		for (int d = 0; d < D; d++) {
			const struct rot_cell *c = &u->cells[(size_t)p * D + d];
			uint8_t m = r->mode[(size_t)p * D + d];
			if (m != ROT_OFFICE) {
				/* fixed days are never touched; the mode is one the person may use */
				assert_int_equal(c->fixed, ROT_FREE);
				assert_true(c->scheduled);
				assert_true(c->modes & ROT_MODE_BIT(m));
				if (c->modes & ROT_MODE_BIT(ROT_WFH))
					assert_int_equal(m, ROT_WFH);
			}
			if (!away_at(u, r, p, d))
				continue;
			int y, mo;
			date_to_ymd(u->days[d].date, &y, &mo, &dd);
			int w = (date_week_monday(u->days[d].date) - mon0) / 7;
			week_count[w]++;
			week_props[w] += m != ROT_OFFICE;
			month_count[(y * 12 + mo) - (y0 * 12 + m0)]++;
			total++;
		}
		assert_int_equal(r->days[p], total);
		bool special = u->cells[(size_t)p * D].special;
		for (int w = 0; w <= last_week && !special; w++)
			if (week_props[w])
				assert_true(week_count[w] <= pe->weekly_cap);
		for (int m = 0; m < 4 && pe->max_per_month >= 0; m++) {
			/* fixed days may exceed; proposals never add past the limit */
			bool props_in_month = false;
			for (int d = 0; d < D; d++) {
				int y, mo;
				date_to_ymd(u->days[d].date, &y, &mo, &dd);
				props_in_month |= (y * 12 + mo) - (y0 * 12 + m0) == m && r->mode[(size_t)p * D + d];
			}
			if (props_in_month)
				assert_true(month_count[m] <= pe->max_per_month);
		}
	}
}

/* Gaps are exactly the minimums not met, each with its shortfall. */
static void check_gaps(const struct unit *u, const struct rot_result *r)
{
	int expected = 0, covered = 0;
	for (int d = 0; d < u->in.n_days; d++) {
		const struct rot_day *day = &u->days[d];
		if (!day->working)
			continue;
		int here = 0;
		for (int h = -1; h < ROT_HOURS; h++) {
			int minimum = h < 0 ? day->min_on_site : day->hour_min[h];
			if (minimum <= 0)
				continue;
			int have = on_site(u, r, d, h, true);
			if (have >= minimum)
				continue;
			bool found = false;
			for (int g = 0; g < r->n_gaps; g++)
				if (r->gaps[g].day == d && r->gaps[g].hour == h) {
					assert_int_equal(r->gaps[g].minimum, minimum);
					assert_int_equal(r->gaps[g].on_site, have);
					assert_int_equal(r->gaps[g].short_by, minimum - have);
					found = true;
				}
			assert_true(found);
			here++;
		}
		expected += here;
		covered += here == 0;
	}
	assert_int_equal(r->n_gaps, expected);
	assert_int_equal(r->covered_days, covered);
	assert_int_equal(r->coverage_met, expected == 0);
}

static void test_hard_rules_on_generated_units(void **state)
{
	(void)state;
	for (uint64_t seed = 1; seed <= 300; seed++) {
		struct unit u;
		gen_unit(&u, seed, false);
		struct rot_result r;
		assert_int_equal(rot_propose(&u.in, &r), 0);
		check_hard_rules(&u, &r);
		check_gaps(&u, &r);
		rot_result_free(&r);
		unit_free(&u);
	}
}

/* In units where people are interchangeable, nobody who could take more
 * has 2 days fewer than anyone else. */
static void test_fairness_where_feasible(void **state)
{
	(void)state;
	int worst = 0;
	for (uint64_t seed = 1000; seed < 1300; seed++) {
		struct unit u;
		gen_unit(&u, seed, true);
		struct rot_result r;
		assert_int_equal(rot_propose(&u.in, &r), 0);
		check_hard_rules(&u, &r);
		int hi = -1, lo = 1 << 30;
		for (int p = 0; p < u.in.n_people; p++) {
			hi = r.days[p] > hi ? r.days[p] : hi;
			if (u.people[p].max_per_month < 0)
				lo = r.days[p] < lo ? r.days[p] : lo;
		}
		if (lo != 1 << 30 && hi - lo > worst)
			worst = hi - lo;
		assert_true(r.fairness_spread <= 1);
		rot_result_free(&r);
		unit_free(&u);
	}
	assert_true(worst <= 1);
}

/* The spread reported on general units matches its definition, and is
 * small: the repair leaves at most 1 on most of them. */
static void test_spread_reported(void **state)
{
	(void)state;
	int within = 0, n = 0;
	for (uint64_t seed = 1; seed <= 300; seed++, n++) {
		struct unit u;
		gen_unit(&u, seed, false);
		struct rot_result r;
		assert_int_equal(rot_propose(&u.in, &r), 0);
		assert_int_equal(r.fairness_spread, rot_fairness_spread(&u.in, r.mode));
		within += r.fairness_spread <= 1;
		rot_result_free(&r);
		unit_free(&u);
	}
	print_message("general units with a spread of at most 1: %d of %d\n", within, n);
	assert_true(within * 10 >= n * 8);
}

/* Those who asked for fewer get no more than they asked for. */
static void test_asked_fewer(void **state)
{
	(void)state;
	struct unit u;
	unit_alloc(&u, 6, 30, date_from_ymd(2026, 6, 1)); /* June 2026 */
	for (int p = 0; p < 6; p++)
		for (int d = 0; d < 30; d++)
			u.cells[p * 30 + d] = (struct rot_cell){.scheduled = u.days[d].working, .modes = ROT_MODE_BIT(ROT_WFH)};
	u.people[0].max_per_month = 1;
	u.people[1].max_per_month = 0;
	struct rot_result r;
	assert_int_equal(rot_propose(&u.in, &r), 0);
	assert_int_equal(r.days[0], 1);
	assert_int_equal(r.days[1], 0);
	assert_true(r.asked_fewer[0] && r.asked_fewer[1] && !r.asked_fewer[2]);
	for (int p = 2; p < 6; p++)
		assert_int_equal(r.days[p], 2 * 4 + 2); /* 2 a week: 4 full weeks and Mon-Tue of the 5th */
	assert_int_equal(r.fairness_spread, 0);
	rot_result_free(&r);
	unit_free(&u);
}

/* With room for everyone, preferred weekdays are the days given. */
static void test_preferred_weekdays(void **state)
{
	(void)state;
	struct unit u;
	unit_alloc(&u, 10, 14, date_from_ymd(2026, 11, 2)); /* Monday */
	u.in.max_share_pct = 50;
	for (int p = 0; p < 10; p++) {
		u.people[p].preferred_weekdays = p < 5 ? (1 << 1 | 1 << 2) : (1 << 4 | 1 << 5);
		for (int d = 0; d < 14; d++)
			u.cells[p * 14 + d] = (struct rot_cell){.scheduled = u.days[d].working, .modes = ROT_MODE_BIT(ROT_WFH)};
	}
	struct rot_result r;
	assert_int_equal(rot_propose(&u.in, &r), 0);
	for (int p = 0; p < 10; p++) {
		assert_int_equal(r.days[p], 4);
		for (int d = 0; d < 14; d++)
			if (r.mode[p * 14 + d] != ROT_OFFICE)
				assert_true(u.people[p].preferred_weekdays & (1 << date_weekday(u.days[d].date)));
	}
	rot_result_free(&r);
	unit_free(&u);
}

/* A minimum above the staff: nobody proposed, every day and hour reported
 * with its shortfall. */
static void test_infeasible_unit(void **state)
{
	(void)state;
	struct unit u;
	unit_alloc(&u, 4, 7, date_from_ymd(2026, 12, 7)); /* Monday..Sunday */
	for (int d = 0; d < 7; d++) {
		u.days[d].min_on_site = 7;
		u.days[d].hour_min[9] = 5;
		for (int p = 0; p < 4; p++)
			u.cells[p * 7 + d] = (struct rot_cell){.scheduled = u.days[d].working, .hours = SERVICE_HOURS,
								 .modes = ROT_MODE_BIT(ROT_WFA)};
	}
	struct rot_result r;
	assert_int_equal(rot_propose(&u.in, &r), 0);
	assert_false(r.coverage_met);
	assert_int_equal(r.proposed_days, 0);
	assert_int_equal(r.n_gaps, 10); /* 5 working days x (day, 09:00) */
	assert_int_equal(r.gap_days, 5);
	assert_int_equal(r.covered_days, 0);
	for (int g = 0; g < r.n_gaps; g++) {
		assert_int_equal(r.gaps[g].on_site, 4);
		assert_int_equal(r.gaps[g].short_by, r.gaps[g].hour < 0 ? 3 : 1);
		assert_int_equal(r.gaps[g].hour < 0 ? 7 : 5, r.gaps[g].minimum);
	}
	rot_result_free(&r);
	unit_free(&u);
}

/* Fixed days are kept, counted and never proposed over; leave is not away. */
static void test_fixed_days(void **state)
{
	(void)state;
	struct unit u;
	unit_alloc(&u, 3, 5, date_from_ymd(2026, 12, 7));
	for (int p = 0; p < 3; p++)
		for (int d = 0; d < 5; d++)
			u.cells[p * 5 + d] = (struct rot_cell){.scheduled = 1, .modes = ROT_MODE_BIT(ROT_WFH)};
	u.cells[0 * 5 + 0].fixed = ROT_FIXED_AWAY;
	u.cells[0 * 5 + 1].fixed = ROT_FIXED_AWAY; /* person 0 used the week's cap */
	u.cells[1 * 5 + 2].fixed = ROT_FIXED_LEAVE;
	u.people[2].days_before = 1; /* one approved day earlier this week */
	struct rot_result r;
	assert_int_equal(rot_propose(&u.in, &r), 0);
	assert_int_equal(r.days[0], 2);
	for (int d = 0; d < 5; d++)
		assert_int_equal(r.mode[d], ROT_OFFICE);
	assert_int_equal(r.mode[1 * 5 + 2], ROT_OFFICE);
	assert_int_equal(r.days[1], 2);
	assert_int_equal(r.days[2], 1);
	assert_int_equal(r.on_site[2], 3 - 1 - (r.mode[2 * 5 + 2] != ROT_OFFICE)); /* leave is not on site */
	rot_result_free(&r);
	unit_free(&u);
}

/* Special circumstances lift the cap; nobody else passes it. */
static void test_special_lifts_cap(void **state)
{
	(void)state;
	struct unit u;
	unit_alloc(&u, 2, 5, date_from_ymd(2026, 12, 7));
	for (int p = 0; p < 2; p++)
		for (int d = 0; d < 5; d++)
			u.cells[p * 5 + d] = (struct rot_cell){.scheduled = 1, .modes = ROT_MODE_BIT(ROT_WFH), .special = p == 0};
	struct rot_result r;
	assert_int_equal(rot_propose(&u.in, &r), 0);
	assert_int_equal(r.days[0], 5);
	assert_int_equal(r.days[1], 2);
	rot_result_free(&r);
	unit_free(&u);
}

/* The edit checks name each broken rule; a valid edit passes. */
static void test_check_set(void **state)
{
	(void)state;
	struct unit u;
	unit_alloc(&u, 4, 7, date_from_ymd(2026, 12, 7));
	u.in.max_share_pct = 50;
	for (int p = 0; p < 4; p++)
		for (int d = 0; d < 7; d++)
			u.cells[p * 7 + d] = (struct rot_cell){.scheduled = u.days[d].working, .hours = SERVICE_HOURS,
								 .modes = ROT_MODE_BIT(ROT_WFH) | ROT_MODE_BIT(ROT_WFA)};
	u.days[4].office_only = true;
	u.days[3].hour_min[10] = 4;
	u.cells[3 * 7 + 2].fixed = ROT_FIXED_LEAVE;
	uint8_t cur[28] = {0};
	struct rot_violation v[8];
	assert_int_equal(rot_check_set(&u.in, cur, 0, 0, ROT_WFA, v, 8), 0);
	cur[0 * 7 + 0] = ROT_WFA;
	cur[0 * 7 + 1] = ROT_WFH;
	/* a third day in the week */
	int n = rot_check_set(&u.in, cur, 0, 2, ROT_WFH, v, 8);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].name, "weekly_cap");
	/* share: 2 of 4 already away on Monday */
	cur[1 * 7 + 0] = ROT_WFH;
	n = rot_check_set(&u.in, cur, 2, 0, ROT_WFH, v, 8);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].name, "share_away");
	/* the service hour minimum on Thursday, office-only Friday, the weekend, leave, eligibility */
	assert_int_equal(rot_check_set(&u.in, cur, 2, 3, ROT_WFH, v, 8), 1);
	assert_string_equal(v[0].name, "min_on_site_per_hour");
	assert_int_equal(rot_check_set(&u.in, cur, 2, 4, ROT_WFH, v, 8), 1);
	assert_string_equal(v[0].name, "office_only");
	assert_true(rot_check_set(&u.in, cur, 2, 5, ROT_WFH, v, 8) >= 1);
	assert_string_equal(v[0].name, "working_day");
	assert_int_equal(rot_check_set(&u.in, cur, 3, 2, ROT_OFFICE, v, 8), 1);
	assert_string_equal(v[0].name, "fixed_day");
	assert_int_equal(rot_check_set(&u.in, cur, 2, 1, ROT_KANTOR_LAIN, v, 8), 1);
	assert_string_equal(v[0].name, "eligible");
	/* changing an existing day's mode is judged without it; bringing back is free */
	assert_int_equal(rot_check_set(&u.in, cur, 1, 0, ROT_WFA, v, 8), 0);
	assert_int_equal(rot_check_set(&u.in, cur, 0, 1, ROT_OFFICE, v, 8), 0);
	unit_free(&u);
}

/* Every proposal passes the whole-assignment check; plans approved since
 * (fixed days now) that use the room make it fail, naming the rule. */
static void test_validate(void **state)
{
	(void)state;
	struct rot_violation v[ROT_RULE_N];
	int p, d;
	for (uint64_t seed = 1; seed <= 100; seed++) {
		struct unit u;
		gen_unit(&u, seed * 7, seed % 2);
		struct rot_result r;
		assert_int_equal(rot_propose(&u.in, &r), 0);
		assert_int_equal(rot_validate(&u.in, r.mode, &p, &d, v, ROT_RULE_N), 0);
		rot_result_free(&r);
		unit_free(&u);
	}
	struct unit u;
	unit_alloc(&u, 4, 5, date_from_ymd(2026, 12, 7));
	u.in.max_share_pct = 50;
	for (int i = 0; i < 4; i++)
		for (int k = 0; k < 5; k++)
			u.cells[i * 5 + k] = (struct rot_cell){.scheduled = 1, .modes = ROT_MODE_BIT(ROT_WFH)};
	uint8_t mode[20] = {0};
	mode[0 * 5 + 0] = ROT_WFH;
	mode[1 * 5 + 0] = ROT_WFH;
	assert_int_equal(rot_validate(&u.in, mode, &p, &d, v, ROT_RULE_N), 0);
	u.cells[2 * 5 + 0].fixed = ROT_FIXED_AWAY; /* approved since: 3 of 4 away on Monday */
	assert_int_equal(rot_validate(&u.in, mode, &p, &d, v, ROT_RULE_N), 1);
	assert_string_equal(v[0].name, "share_away");
	assert_int_equal(p, 0);
	assert_int_equal(d, 0);
	u.cells[2 * 5 + 0].fixed = ROT_FREE;
	u.days[0].min_on_site = 3;
	assert_int_equal(rot_validate(&u.in, mode, &p, &d, v, ROT_RULE_N), 1);
	assert_string_equal(v[0].name, "min_on_site");
	unit_free(&u);
}

/* The roster (store/roster.h) as the rotation sees it: the range inside the
 * roster's whole weeks, plans around the range against the weekly cap,
 * weekday and mode bits shifted, service hours as slots, minimums only on
 * days with staff, the strictest policy. */
static void test_input_from_roster(void **state)
{
	(void)state;
	struct roster r;
	memset(&r, 0, sizeof r);
	r.unit_id = 9;
	r.face_to_face = true;
	r.service_open = 450;  /* 07:30 */
	r.service_close = 600; /* 10:00: slots 07:30, 08:30, 09:30 (30 min) */
	r.first = date_from_ymd(2026, 12, 7); /* Monday */
	r.ndays = 14;
	r.from = r.first + 2;                  /* Wednesday */
	r.to = r.first + 8;                    /* next Tuesday */
	struct roster_day days[14];
	struct roster_cell cells[2][14];
	struct roster_person people[2];
	memset(days, 0, sizeof days);
	memset(cells, 0, sizeof cells);
	memset(people, 0, sizeof people);
	for (int k = 0; k < 14; k++) {
		days[k] = (struct roster_day){.day = r.first + k, .working = date_weekday(r.first + k) <= 5,
					      .policy_enabled = true, .max_days_week = k == 3 ? 1 : 2,
					      .max_share_away_pct = k == 4 ? 30 : 50, .min_on_site = 1, .min_on_site_per_hour = 1};
		for (int p = 0; p < 2; p++)
			cells[p][k] = (struct roster_cell){.start = days[k].working ? 450 : -1, .end = p == 0 ? 960 : 540,
							   .flags = days[k].working ? ROSTER_SCHEDULED : 0,
							   .eligible = (uint8_t)(p == 0 ? 1u : 6u)};
	}
	days[5].office_only = true;
	cells[0][0] = (struct roster_cell){.plan_id = 5, .start = 450, .end = 960, .flags = ROSTER_SCHEDULED, .eligible = 1,
					   .mode = PLAN_WFH, .status = PLAN_APPROVED};  /* Monday, before the range */
	cells[1][9] = (struct roster_cell){.plan_id = 6, .start = 450, .end = 540, .flags = ROSTER_SCHEDULED, .eligible = 6,
					   .mode = PLAN_WFA, .status = PLAN_REQUESTED}; /* Wednesday after the range */
	cells[1][3].flags |= ROSTER_SPECIAL;
	for (int p = 0; p < 2; p++)
		people[p] = (struct roster_person){.employee_id = 100 + p, .pref_weekdays = 1 << 0, .max_days_month = p ? 3 : -1,
						   .cells = cells[p]};
	r.days = days;
	r.people = people;
	r.npeople = 2;
	struct rotation_input x;
	rotation_input_build(&r, r.from, r.to, &x);
	assert_int_equal(x.in.n_days, 7);
	assert_int_equal(x.d0, 2);
	assert_int_equal(x.in.n_people, 2);
	assert_int_equal(x.nslots, 3);
	assert_int_equal(x.slot_start[2], 570);
	assert_int_equal(x.in.max_share_pct, 30);          /* the strictest in force */
	assert_int_equal(x.people[0].weekly_cap, 1);
	assert_int_equal(x.people[0].days_before, 1);       /* Monday's approved plan */
	assert_int_equal(x.people[1].days_after, 1);        /* next Wednesday's request */
	assert_int_equal(x.people[0].preferred_weekdays, 1 << 1); /* Monday */
	assert_int_equal(x.people[1].max_per_month, 3);
	assert_int_equal(x.people[0].key, 100);
	const struct rot_cell *wed0 = &x.cells[0], *wed1 = &x.cells[7];
	assert_int_equal(wed0->modes, ROT_MODE_BIT(ROT_WFH));
	assert_int_equal(wed1->modes, ROT_MODE_BIT(ROT_WFA) | ROT_MODE_BIT(ROT_KANTOR_LAIN));
	assert_int_equal(wed0->hours, 7u);                  /* 07:30-16:00 covers every slot */
	assert_int_equal(wed1->hours, 1u);                  /* 07:30-09:00: only the first whole slot */
	assert_true(x.cells[7 + 1].special);                /* Thursday, person 1 */
	assert_true(x.days[3].office_only);                 /* Saturday index 5 in the roster: office-only */
	assert_false(x.days[3].working);
	assert_int_equal(x.days[3].min_on_site, 0);         /* nobody scheduled: no minimum */
	assert_int_equal(x.days[0].min_on_site, 1);
	assert_int_equal(x.days[0].hour_min[2], 1);
	assert_int_equal(x.days[0].hour_min[3], 0);
	rotation_input_free(&x);
}

static void test_deterministic(void **state)
{
	(void)state;
	for (uint64_t seed = 1; seed <= 60; seed++) {
		struct unit u;
		gen_unit(&u, seed * 31, false);
		struct rot_result a, b;
		assert_int_equal(rot_propose(&u.in, &a), 0);
		assert_int_equal(rot_propose(&u.in, &b), 0);
		assert_memory_equal(a.mode, b.mode, (size_t)u.in.n_people * u.in.n_days);
		assert_int_equal(a.fairness_spread, b.fairness_spread);
		/* evaluating the proposal gives the same figures */
		struct rot_result e;
		assert_int_equal(rot_evaluate(&u.in, a.mode, &e), 0);
		assert_int_equal(e.n_gaps, a.n_gaps);
		assert_int_equal(e.proposed_days, a.proposed_days);
		assert_memory_equal(e.days, a.days, sizeof(int) * (size_t)u.in.n_people);
		rot_result_free(&a);
		rot_result_free(&b);
		rot_result_free(&e);
		unit_free(&u);
	}
}

static void test_bad_input(void **state)
{
	(void)state;
	struct unit u;
	unit_alloc(&u, 2, 5, date_from_ymd(2026, 12, 7));
	struct rot_result r;
	u.in.max_share_pct = 101;
	assert_int_not_equal(rot_propose(&u.in, &r), 0);
	u.in.max_share_pct = 50;
	u.in.n_days = ROT_MAX_DAYS + 1;
	assert_int_not_equal(rot_propose(&u.in, &r), 0);
	u.in.n_days = 0;
	assert_int_equal(rot_propose(&u.in, &r), 0);
	assert_true(r.coverage_met);
	rot_result_free(&r);
	assert_int_equal(rot_mode_parse("kantor_lain"), ROT_KANTOR_LAIN);
	assert_int_equal(rot_mode_parse("office"), ROT_OFFICE);
	assert_int_equal(rot_mode_parse("x"), -1);
	unit_free(&u);
}

/* A large unit (a hospital) stays fast: well under a tenth of a second. */
static void test_large_unit_fast(void **state)
{
	(void)state;
	struct unit u;
	uint64_t s = 5;
	unit_alloc(&u, 1500, 31, date_from_ymd(2026, 12, 1));
	u.in.max_share_pct = 30;
	for (int p = 0; p < 1500; p++)
		for (int d = 0; d < 31; d++)
			u.cells[p * 31 + d] = (struct rot_cell){.scheduled = u.days[d].working && below(&s, 8),
								  .hours = SERVICE_HOURS, .modes = ROT_MODE_BIT(ROT_WFH)};
	for (int d = 0; d < 31; d++)
		u.days[d].min_on_site = 900;
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	struct rot_result r;
	assert_int_equal(rot_propose(&u.in, &r), 0);
	clock_gettime(CLOCK_MONOTONIC, &b);
	double ms = (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6;
	print_message("1500 people x 31 days: %.1f ms, %d days proposed, spread %d\n", ms, r.proposed_days,
		      r.fairness_spread);
	assert_true(r.proposed_days > 0);
	assert_true(ms < 2000); /* generous: sanitizer builds are slow */
	struct unit *up = &u;
	check_hard_rules(up, &r);
	rot_result_free(&r);
	unit_free(&u);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hard_rules_on_generated_units),
		cmocka_unit_test(test_fairness_where_feasible),
		cmocka_unit_test(test_spread_reported),
		cmocka_unit_test(test_asked_fewer),
		cmocka_unit_test(test_preferred_weekdays),
		cmocka_unit_test(test_infeasible_unit),
		cmocka_unit_test(test_fixed_days),
		cmocka_unit_test(test_special_lifts_cap),
		cmocka_unit_test(test_check_set),
		cmocka_unit_test(test_validate),
		cmocka_unit_test(test_input_from_roster),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_large_unit_fast),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
