/* test_plan.c - each rule of a plan (domain/plan.h) on hand-built rosters:
 * working days and schedules, the past, eligibility, the place, the weekly
 * cap across ISO week boundaries and lifted by special circumstances, the
 * share away and its rounding, minimum on-site staff per day and per service
 * hour with shifts, office-only days, one plan per day, and the counting of
 * asking versus approving. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/eligibility.h"
#include "domain/plan.h"
#include "auth/roles.h"

#define ALL_MODES (ELIG_KIND_BIT(ELIG_WFH) | ELIG_KIND_BIT(ELIG_WFA) | ELIG_KIND_BIT(ELIG_KANTOR_LAIN))

/* Monday 2026-11-30 (ISO week 49). */
static int32_t monday(void)
{
	return date_from_ymd(2026, 11, 30);
}

/* A roster of n people over `weeks` weeks from monday(): Monday to Friday
 * working, everyone scheduled 07:30-16:00 on working days and eligible for
 * every mode; policy 2 days a week and 50% away. */
static struct roster *make(int n, int weeks)
{
	struct roster *r = calloc(1, sizeof *r);
	snprintf(r->code, sizeof r->code, "U1");
	r->service_open = r->service_close = -1;
	r->first = r->from = monday();
	r->ndays = 7 * weeks;
	r->to = r->first + r->ndays - 1;
	r->days = calloc((size_t)r->ndays, sizeof *r->days);
	for (int d = 0; d < r->ndays; d++) {
		r->days[d].day = r->first + d;
		r->days[d].working = date_weekday(r->first + d) <= 5;
		r->days[d].policy_enabled = true;
		r->days[d].max_days_week = 2;
		r->days[d].max_share_away_pct = 50;
	}
	r->npeople = n;
	r->people = calloc((size_t)n, sizeof *r->people);
	for (int p = 0; p < n; p++) {
		r->people[p].employee_id = p + 1;
		r->people[p].max_days_month = -1;
		r->people[p].cells = calloc((size_t)r->ndays, sizeof *r->people[p].cells);
		for (int d = 0; d < r->ndays; d++) {
			struct roster_cell *c = &r->people[p].cells[d];
			c->eligible = ALL_MODES;
			c->start = c->end = -1;
			if (r->days[d].working) {
				c->flags = ROSTER_SCHEDULED;
				c->start = 450;
				c->end = 960;
			}
		}
	}
	return r;
}

static void drop(struct roster *r)
{
	for (int p = 0; p < r->npeople; p++)
		free(r->people[p].cells);
	free(r->people);
	free(r->days);
	free(r);
}

static void set_plan(struct roster *r, int p, int d, enum plan_mode m, enum plan_status s)
{
	static int64_t next_id = 100;
	struct roster_cell *c = &r->people[p].cells[d];
	c->mode = (uint8_t)m;
	c->status = (uint8_t)s;
	c->plan_id = next_id++;
}

struct result {
	int n;
	struct plan_violation v[PLAN_VIOLATIONS_MAX];
	struct plan_coverage cover;
};

static struct result check_full(const struct roster *r, int p, int d, enum plan_mode m, enum plan_stage stage,
				const struct plan_place *place, int64_t plan_id)
{
	struct result out;
	memset(&out, 0, sizeof out);
	struct plan_request q = {.person = p, .day = r->first + d, .mode = m, .plan_id = plan_id};
	if (place)
		q.place = *place;
	struct plan_situation s = {.stage = stage, .today = r->first};
	out.n = plan_check(r, &q, &s, out.v, &out.cover);
	return out;
}

static struct result check(const struct roster *r, int p, int d)
{
	return check_full(r, p, d, PLAN_WFH, PLAN_STAGE_ASK, NULL, 0);
}

/* The rules of a result as "rule,rule". */
static const char *rules(const struct result *x)
{
	static char buf[512];
	buf[0] = '\0';
	for (int i = 0; i < x->n; i++) {
		strcat(buf, i ? "," : "");
		strcat(buf, plan_rule_name(x->v[i].rule));
	}
	return buf;
}

static void test_clean_request_passes(void **state)
{
	(void)state;
	struct roster *r = make(4, 1);
	struct result x = check(r, 0, 0);
	assert_string_equal(rules(&x), "");
	assert_int_equal(x.cover.unit_staff, 4);
	assert_int_equal(x.cover.on_site_if_approved, 3);
	assert_int_equal(x.cover.share_away_if_approved_pct, 25);
	assert_true(x.cover.ok);
	drop(r);
}

static void test_working_day_and_schedule(void **state)
{
	(void)state;
	struct roster *r = make(3, 1);
	struct result x = check(r, 0, 5);    /* Saturday */
	assert_string_equal(rules(&x), "working_day");
	assert_non_null(strstr(x.v[0].message_id, "bukan hari kerja (Sabtu)"));
	assert_non_null(strstr(x.v[0].message_en, "2026-12-05 is not a working day (Saturday)"));
	/* A day off of the calendar is named. */
	r->days[2].working = false;
	char name[] = "Hari Libur Contoh";
	r->days[2].off_name = name;
	for (int p = 0; p < 3; p++)
		r->people[p].cells[2] = (struct roster_cell){.start = -1, .end = -1, .eligible = ALL_MODES};
	x = check(r, 0, 2);
	assert_string_equal(rules(&x), "working_day");
	assert_non_null(strstr(x.v[0].message_en, "(Hari Libur Contoh)"));
	r->days[2].off_name = NULL;
	/* A shift worker on duty on a day off is fine; off duty by the roster is "scheduled". */
	r->people[1].cells[2] = (struct roster_cell){.flags = ROSTER_SCHEDULED | ROSTER_SHIFT, .start = 420, .end = 840,
						     .eligible = ALL_MODES};
	r->people[2].cells[2] = (struct roster_cell){.flags = ROSTER_SHIFT, .start = -1, .end = -1, .eligible = ALL_MODES};
	x = check(r, 1, 2);
	assert_string_equal(rules(&x), "share_away");   /* one shift worker on duty: nobody may leave */
	x = check(r, 2, 2);
	assert_string_equal(rules(&x), "scheduled");
	/* Not scheduled on a working day. */
	r->people[0].cells[1].flags = 0;
	r->people[0].cells[1].start = -1;
	x = check(r, 0, 1);
	assert_string_equal(rules(&x), "scheduled");
	drop(r);
}

static void test_past(void **state)
{
	(void)state;
	struct roster *r = make(4, 2);
	struct plan_request q = {.person = 0, .day = r->first + 1, .mode = PLAN_WFH};
	struct plan_situation s = {.stage = PLAN_STAGE_ASK, .today = r->first + 2};
	struct plan_violation v[PLAN_VIOLATIONS_MAX];
	assert_int_equal(plan_check(r, &q, &s, v, NULL), 1);
	assert_int_equal(v[0].rule, PLAN_R_NOT_PAST);
	assert_non_null(strstr(v[0].message_en, "2026-12-01 is in the past (today is 2026-12-02, WIB)"));
	q.day = r->first + 2;   /* today itself is allowed */
	assert_int_equal(plan_check(r, &q, &s, v, NULL), 0);
	assert_true(plan_rule_is_invalid(PLAN_R_NOT_PAST));
	drop(r);
}

static void test_eligibility(void **state)
{
	(void)state;
	struct roster *r = make(4, 1);
	r->people[0].cells[0].eligible = ELIG_KIND_BIT(ELIG_WFH);
	struct plan_place bogor = {.has_address = true, .has_point = true, .lat = -6.5971, .lon = 106.806};
	struct result x = check_full(r, 0, 0, PLAN_WFA, PLAN_STAGE_ASK, &bogor, 0);
	assert_string_equal(rules(&x), "eligible");
	assert_non_null(strstr(x.v[0].message_en, "Not eligible for wfa on 2026-11-30"));
	/* The reason the caller found is carried into the message. */
	struct plan_request q = {.person = 0, .day = r->first, .mode = PLAN_WFA, .place = bogor};
	struct plan_situation s = {.stage = PLAN_STAGE_ASK, .today = r->first, .inelig_id = "Kasus disiplin terbuka.",
				   .inelig_en = "An open disciplinary case."};
	assert_int_equal(plan_check(r, &q, &s, x.v, NULL), 1);
	assert_non_null(strstr(x.v[0].message_en, ": An open disciplinary case."));
	assert_non_null(strstr(x.v[0].message_id, ": Kasus disiplin terbuka."));
	x = check(r, 0, 0);
	assert_string_equal(rules(&x), "");
	drop(r);
}

static void test_place(void **state)
{
	(void)state;
	struct roster *r = make(4, 1);
	struct plan_place none = {0}, sydney = {.has_address = true, .has_point = true, .lat = -33.87, .lon = 151.21},
			  no_point = {.has_address = true}, office = {.has_office = true, .office_known = true},
			  unknown = {.has_office = true},
			  bogor = {.has_address = true, .has_point = true, .lat = -6.5971, .lon = 106.806};
	struct result x = check_full(r, 0, 0, PLAN_WFA, PLAN_STAGE_ASK, &none, 0);
	assert_string_equal(rules(&x), "wfa_place");
	x = check_full(r, 0, 0, PLAN_WFA, PLAN_STAGE_ASK, &sydney, 0);
	assert_string_equal(rules(&x), "wfa_place");
	x = check_full(r, 0, 0, PLAN_WFA, PLAN_STAGE_ASK, &no_point, 0);
	assert_string_equal(rules(&x), "wfa_place");
	x = check_full(r, 0, 0, PLAN_WFA, PLAN_STAGE_ASK, &bogor, 0);
	assert_string_equal(rules(&x), "");
	x = check_full(r, 0, 0, PLAN_KANTOR_LAIN, PLAN_STAGE_ASK, &office, 0);
	assert_string_equal(rules(&x), "");
	x = check_full(r, 0, 0, PLAN_KANTOR_LAIN, PLAN_STAGE_ASK, &bogor, 0);
	assert_string_equal(rules(&x), "");
	x = check_full(r, 0, 0, PLAN_KANTOR_LAIN, PLAN_STAGE_ASK, &unknown, 0);
	assert_string_equal(rules(&x), "kantor_lain_place");
	assert_non_null(strstr(x.v[0].message_en, "not in the registry"));
	x = check_full(r, 0, 0, PLAN_KANTOR_LAIN, PLAN_STAGE_ASK, &none, 0);
	assert_string_equal(rules(&x), "kantor_lain_place");
	/* wfh needs nothing. */
	x = check_full(r, 0, 0, PLAN_WFH, PLAN_STAGE_ASK, &none, 0);
	assert_string_equal(rules(&x), "");
	drop(r);
}

static void test_weekly_cap(void **state)
{
	(void)state;
	struct roster *r = make(10, 2);
	set_plan(r, 0, 0, PLAN_WFH, PLAN_APPROVED);
	set_plan(r, 0, 1, PLAN_WFA, PLAN_REQUESTED);
	struct result x = check(r, 0, 2);
	assert_string_equal(rules(&x), "weekly_cap");
	assert_non_null(strstr(x.v[0].message_en, "limit of 2 location-flexible days per week is reached: ISO week 49/2026"
					       " already holds 2"));
	assert_non_null(strstr(x.v[0].message_id, "Batas 2 hari"));
	/* Approving counts approved plans only: the requested Tuesday does not. */
	set_plan(r, 0, 3, PLAN_WFH, PLAN_REQUESTED);
	x = check_full(r, 0, 3, PLAN_WFH, PLAN_STAGE_APPROVE, NULL, r->people[0].cells[3].plan_id);
	assert_string_equal(rules(&x), "");
	/* The next ISO week starts afresh on Monday. */
	x = check(r, 0, 7);
	assert_string_equal(rules(&x), "");
	/* Thursday and Friday of week 49 do not count in week 50. */
	set_plan(r, 1, 3, PLAN_WFH, PLAN_APPROVED);
	set_plan(r, 1, 4, PLAN_WFH, PLAN_APPROVED);
	x = check(r, 1, 7);
	assert_string_equal(rules(&x), "");
	x = check(r, 1, 2);
	assert_string_equal(rules(&x), "weekly_cap");
	/* A policy of 1 day a week. */
	for (int d = 7; d < 14; d++)
		r->days[d].max_days_week = 1;
	set_plan(r, 2, 7, PLAN_KANTOR_LAIN, PLAN_APPROVED);
	x = check(r, 2, 8);
	assert_string_equal(rules(&x), "weekly_cap");
	assert_non_null(strstr(x.v[0].message_en, "limit of 1 location-flexible days per week"));
	/* Refused and cancelled plans never count; counting helper agrees. */
	assert_int_equal(plan_week_count(r, 0, 2, -1, true), 3);
	assert_int_equal(plan_week_count(r, 0, 2, -1, false), 1);
	drop(r);
}

static void test_year_boundary_week(void **state)
{
	(void)state;
	/* ISO week 53 of 2026 runs Monday 2026-12-28 to Sunday 2027-01-03. */
	struct roster *r = make(10, 2);
	int32_t start = date_from_ymd(2026, 12, 28);
	r->first = r->from = start;
	for (int d = 0; d < r->ndays; d++)
		r->days[d].day = start + d;
	set_plan(r, 0, 0, PLAN_WFH, PLAN_APPROVED);   /* Mon 28 Dec */
	set_plan(r, 0, 1, PLAN_WFH, PLAN_APPROVED);   /* Tue 29 Dec */
	struct plan_request q = {.person = 0, .day = start + 4, .mode = PLAN_WFH};   /* Fri 1 Jan 2027 */
	struct plan_situation s = {.stage = PLAN_STAGE_ASK, .today = start};
	struct plan_violation v[PLAN_VIOLATIONS_MAX];
	assert_int_equal(plan_check(r, &q, &s, v, NULL), 1);
	assert_int_equal(v[0].rule, PLAN_R_WEEKLY_CAP);
	assert_non_null(strstr(v[0].message_en, "ISO week 53/2026"));
	q.day = start + 7;   /* Mon 4 Jan 2027: week 1 of 2027 */
	assert_int_equal(plan_check(r, &q, &s, v, NULL), 0);
	drop(r);
}

static void test_special_lifts_cap(void **state)
{
	(void)state;
	struct roster *r = make(10, 1);
	set_plan(r, 0, 0, PLAN_WFH, PLAN_APPROVED);
	set_plan(r, 0, 1, PLAN_WFH, PLAN_APPROVED);
	r->people[0].cells[2].flags |= ROSTER_SPECIAL;
	struct result x = check(r, 0, 2);
	assert_string_equal(rules(&x), "");
	/* Only on the days it covers. */
	x = check(r, 0, 3);
	assert_string_equal(rules(&x), "weekly_cap");
	drop(r);
}

/* The share rounds down: floor(staff x pct / 100) may be away. */
static void test_share_rounding(void **state)
{
	(void)state;
	static const struct { int staff, pct, away_ok; } cases[] = {
		{1, 50, 0}, {2, 50, 1}, {3, 50, 1}, {4, 50, 2}, {5, 30, 1}, {7, 30, 2}, {10, 20, 2}, {3, 100, 3}, {4, 0, 0},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct roster *r = make(cases[k].staff, 1);
		r->days[0].max_share_away_pct = cases[k].pct;
		int p = 0;
		for (; p < cases[k].away_ok; p++) {
			struct result x = check(r, p, 0);
			assert_string_equal(rules(&x), "");
			set_plan(r, p, 0, PLAN_WFH, PLAN_APPROVED);
		}
		if (p < cases[k].staff) {
			struct result x = check(r, p, 0);
			assert_string_equal(rules(&x), "share_away");
			assert_false(x.cover.ok);
			char want[96];
			snprintf(want, sizeof want, "would be %d of %d", p + 1, cases[k].staff);
			assert_non_null(strstr(x.v[0].message_en, want));
			snprintf(want, sizeof want, "limit of %d%% (at most %d people)", cases[k].pct, cases[k].away_ok);
			assert_non_null(strstr(x.v[0].message_en, want));
		}
		drop(r);
	}
}

static void test_asking_counts_approved_only_for_coverage(void **state)
{
	(void)state;
	struct roster *r = make(2, 1);
	set_plan(r, 1, 0, PLAN_WFH, PLAN_REQUESTED);
	struct result x = check(r, 0, 0);
	assert_string_equal(rules(&x), "");   /* a colleague's pending request blocks nobody */
	set_plan(r, 1, 0, PLAN_WFH, PLAN_APPROVED);
	x = check(r, 0, 0);
	assert_string_equal(rules(&x), "share_away");
	drop(r);
}

static void test_minimum_on_site(void **state)
{
	(void)state;
	struct roster *r = make(6, 1);
	r->days[0].max_share_away_pct = 100;
	r->days[0].min_on_site = 4;
	set_plan(r, 0, 0, PLAN_WFH, PLAN_APPROVED);
	struct result x = check(r, 1, 0);
	assert_string_equal(rules(&x), "");
	assert_int_equal(x.cover.on_site_if_approved, 4);
	set_plan(r, 1, 0, PLAN_WFH, PLAN_APPROVED);
	x = check(r, 2, 0);
	assert_string_equal(rules(&x), "min_on_site");
	assert_non_null(strstr(x.v[0].message_en, "would drop to 3, below the minimum of 4"));
	assert_non_null(strstr(x.v[0].message_id, "akan tinggal 3, di bawah minimum 4"));
	assert_int_equal(x.cover.minimum, 4);
	assert_false(x.cover.ok);
	drop(r);
}

/* A face-to-face unit open 08:00-15:00 with three-shift staff. */
static void test_per_hour_with_shifts(void **state)
{
	(void)state;
	struct roster *r = make(4, 1);
	r->face_to_face = true;
	r->service_open = 480;
	r->service_close = 900;
	r->days[0].max_share_away_pct = 100;
	r->days[0].min_on_site_per_hour = 1;
	/* 0, 1: pagi 07:00-14:00; 2: siang 14:00-21:00; 3: malam 21:00-07:00 (ends next day). */
	int16_t span[4][2] = {{420, 840}, {420, 840}, {840, 1260}, {1260, 1860}};
	for (int p = 0; p < 4; p++) {
		r->people[p].cells[0].start = span[p][0];
		r->people[p].cells[0].end = span[p][1];
		r->people[p].cells[0].flags |= ROSTER_SHIFT;
	}
	assert_true(plan_cell_covers(&r->people[3].cells[0], 1380, 60));
	assert_true(plan_cell_covers(&r->people[3].cells[0], 1500, 60));   /* 01:00 next day */
	assert_false(plan_cell_covers(&r->people[3].cells[0], 480, 60));
	/* The first morning worker may go: the second covers 08:00-14:00. */
	struct result x = check(r, 0, 0);
	assert_string_equal(rules(&x), "");
	set_plan(r, 0, 0, PLAN_WFH, PLAN_APPROVED);
	x = check(r, 1, 0);
	assert_string_equal(rules(&x), "min_on_site_per_hour");
	assert_non_null(strstr(x.v[0].message_en, "Service hour 08:00-09:00 on 2026-11-30 would be staffed by 0, below the"
					       " minimum of 1 per hour (6 hours short)"));
	/* The afternoon worker alone covers 14:00-15:00. */
	x = check(r, 2, 0);
	assert_string_equal(rules(&x), "min_on_site_per_hour");
	assert_non_null(strstr(x.v[0].message_en, "14:00-15:00"));
	assert_non_null(strstr(x.v[0].message_en, "(1 hours short)"));
	/* The night worker covers no service hour. */
	x = check(r, 3, 0);
	assert_string_equal(rules(&x), "");
	/* The day's cover: hours and gaps. */
	struct plan_day_cover cv;
	plan_day_cover(r, 0, &cv);
	assert_int_equal(cv.nhours, 7);
	assert_int_equal(cv.hour_start[0], 480);
	assert_int_equal(cv.hour_on_site[0], 1);
	assert_int_equal(cv.hour_on_site[6], 1);
	assert_int_equal(cv.gaps, 0);
	set_plan(r, 1, 0, PLAN_WFH, PLAN_APPROVED);   /* forced in: the roster shows the gaps */
	plan_day_cover(r, 0, &cv);
	assert_int_equal(cv.gaps, 6);
	assert_int_equal(cv.away, 2);
	assert_int_equal(cv.on_site, 2);
	/* A unit that is not face-to-face has no service hours. */
	r->face_to_face = false;
	plan_day_cover(r, 0, &cv);
	assert_int_equal(cv.nhours, 0);
	drop(r);
}

static void test_office_only_and_one_per_day(void **state)
{
	(void)state;
	struct roster *r = make(6, 1);
	r->days[1].office_only = true;
	struct result x = check(r, 0, 1);
	assert_string_equal(rules(&x), "office_only");
	assert_non_null(strstr(x.v[0].message_en, "2026-12-01 as an office-only day"));
	assert_false(plan_rule_is_invalid(PLAN_R_OFFICE_ONLY));
	set_plan(r, 0, 0, PLAN_WFH, PLAN_REQUESTED);
	x = check(r, 0, 0);
	assert_string_equal(rules(&x), "one_per_day");
	/* Approving that very plan is not a duplicate. */
	x = check_full(r, 0, 0, PLAN_WFH, PLAN_STAGE_APPROVE, NULL, r->people[0].cells[0].plan_id);
	assert_string_equal(rules(&x), "");
	drop(r);
}

static void test_every_rule_listed(void **state)
{
	(void)state;
	struct roster *r = make(2, 1);
	r->days[3].office_only = true;
	r->days[3].min_on_site = 2;
	set_plan(r, 0, 0, PLAN_WFH, PLAN_APPROVED);
	set_plan(r, 0, 1, PLAN_WFH, PLAN_APPROVED);
	set_plan(r, 1, 3, PLAN_WFH, PLAN_APPROVED);
	r->people[0].cells[3].eligible = 0;
	struct plan_place none = {0};
	struct result x = check_full(r, 0, 3, PLAN_WFA, PLAN_STAGE_ASK, &none, 0);
	assert_string_equal(rules(&x), "eligible,wfa_place,weekly_cap,share_away,min_on_site,office_only");
	drop(r);
}

static void test_names(void **state)
{
	(void)state;
	assert_int_equal(plan_mode_parse("wfh"), PLAN_WFH);
	assert_int_equal(plan_mode_parse("kantor_lain"), PLAN_KANTOR_LAIN);
	assert_int_equal(plan_mode_parse("office"), -1);
	assert_int_equal(plan_mode_parse(NULL), -1);
	assert_int_equal(plan_status_parse("approved"), PLAN_APPROVED);
	assert_int_equal(plan_status_parse(""), -1);
	assert_string_equal(plan_status_name(PLAN_CANCELLED), "cancelled");
	assert_int_equal(plan_mode_elig_kind(PLAN_WFA), ELIG_WFA);
	assert_int_equal(plan_mode_elig_kind(PLAN_OFFICE), -1);
	for (int k = 0; k < PLAN_RULES_N; k++)
		assert_true(strlen(plan_rule_name((enum plan_rule)k)) > 0);
	struct roster *r = make(3, 1);
	assert_int_equal(roster_day_index(r, r->first - 1), -1);
	assert_int_equal(roster_day_index(r, r->first + 6), 6);
	assert_int_equal(roster_day_index(r, r->first + 7), -1);
	assert_int_equal(roster_person_index(r, 3), 2);
	assert_int_equal(roster_person_index(r, 9), -1);
	drop(r);
}

/* The access rules of the plans routes (auth/roles.c). */
static void test_access(void **state)
{
	(void)state;
	struct actor admin = {.roles = ROLE_ADMIN_BKD}, insp = {.roles = ROLE_INSPEKTORAT | ROLE_PEGAWAI, .employee_id = 9},
		     kepala = {.roles = ROLE_KEPALA_OPD | ROLE_PEGAWAI, .employee_id = 1},
		     atasan = {.roles = ROLE_ATASAN | ROLE_PEGAWAI, .employee_id = 2},
		     pegawai = {.roles = ROLE_PEGAWAI, .employee_id = 3};
	snprintf(kepala.opd_path, sizeof kepala.opd_path, "/1/5/");
	struct access_target own = {.is_self = true, .unit_path = "/1/5/7/"},
			     report = {.is_subordinate = true, .unit_path = "/1/5/7/"},
			     body = {.unit_path = "/1/5/7/"}, outside = {.unit_path = "/1/6/"};
	/* Asking, cancelling, preferences: oneself or admin_bkd. */
	assert_true(roles_allows(&pegawai, ACCESS_PLAN_FILE, &own));
	assert_true(roles_allows(&admin, ACCESS_PLAN_FILE, &body));
	assert_false(roles_allows(&atasan, ACCESS_PLAN_FILE, &report));
	assert_false(roles_allows(&kepala, ACCESS_PLAN_FILE, &body));
	/* Deciding: the approver or the head of the body, never oneself; not admin, not inspektorat. */
	assert_true(roles_allows(&atasan, ACCESS_PLAN_DECIDE, &report));
	assert_true(roles_allows(&kepala, ACCESS_PLAN_DECIDE, &body));
	assert_false(roles_allows(&kepala, ACCESS_PLAN_DECIDE, &outside));
	assert_false(roles_allows(&kepala, ACCESS_PLAN_DECIDE, &own));
	assert_false(roles_allows(&admin, ACCESS_PLAN_DECIDE, &body));
	assert_false(roles_allows(&insp, ACCESS_PLAN_DECIDE, &body));
	assert_false(roles_allows(&pegawai, ACCESS_PLAN_DECIDE, &body));
	assert_false(roles_allows(NULL, ACCESS_PLAN_DECIDE, &report));
	/* The roster: readers, the head, an atasan of staff of the unit. */
	assert_true(roles_allows(&insp, ACCESS_ROSTER_READ, &outside));
	assert_true(roles_allows(&kepala, ACCESS_ROSTER_READ, &body));
	assert_true(roles_allows(&atasan, ACCESS_ROSTER_READ, &report));
	assert_false(roles_allows(&atasan, ACCESS_ROSTER_READ, &body));
	assert_false(roles_allows(&pegawai, ACCESS_ROSTER_READ, &own));
	/* Stand-ins: the approver themself, the head, admin_bkd. */
	assert_true(roles_allows(&atasan, ACCESS_STAND_IN_SET, &own));
	assert_true(roles_allows(&kepala, ACCESS_STAND_IN_SET, &body));
	assert_true(roles_allows(&admin, ACCESS_STAND_IN_SET, &outside));
	assert_false(roles_allows(&pegawai, ACCESS_STAND_IN_SET, &body));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean_request_passes),  cmocka_unit_test(test_working_day_and_schedule),
		cmocka_unit_test(test_past),                  cmocka_unit_test(test_eligibility),
		cmocka_unit_test(test_place),                 cmocka_unit_test(test_weekly_cap),
		cmocka_unit_test(test_year_boundary_week),    cmocka_unit_test(test_special_lifts_cap),
		cmocka_unit_test(test_share_rounding),        cmocka_unit_test(test_asking_counts_approved_only_for_coverage),
		cmocka_unit_test(test_minimum_on_site),       cmocka_unit_test(test_per_hour_with_shifts),
		cmocka_unit_test(test_office_only_and_one_per_day), cmocka_unit_test(test_every_rule_listed),
		cmocka_unit_test(test_names),                 cmocka_unit_test(test_access),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
