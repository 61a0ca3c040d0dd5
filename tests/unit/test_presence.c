/* test_presence.c - the evidence rules of a check-in: the place verdict with
 * accuracy at its boundaries, every flag with the values on both sides of
 * its threshold, the presence windows of RULES.md §3 (regular days,
 * Fridays, Ramadan, overnight shifts), the working day an overnight out
 * record belongs to, local minutes in WIB/WITA/WIT, and the flag texts. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "core/date.h"
#include "domain/geo.h"
#include "domain/presence.h"

/* Balai Kota DKI (Jl. Medan Merdeka Selatan 8-9). */
#define OFFICE_LAT (-6.1810)
#define OFFICE_LON 106.8286
/* One metre of latitude in degrees on the sphere of geo.h. */
#define M_LAT (180.0 / (M_PI * GEO_EARTH_RADIUS_M))

static struct presence_settings settings(void)
{
	struct presence_settings s;
	presence_settings_default(&s);
	return s;
}

static struct presence_place office(int radius)
{
	return (struct presence_place){true, OFFICE_LAT, OFFICE_LON, radius};
}

/* A regular working day: 07:30-16:00, window 06:30-23:00. */
static struct workday regular_day(int start, int end)
{
	struct workday w;
	memset(&w, 0, sizeof w);
	w.working = true;
	w.start = start;
	w.end = end;
	w.in_from = SCHEDULE_REGULAR_IN_FROM;
	w.out_until = SCHEDULE_REGULAR_OUT_UNTIL;
	return w;
}

/* A shift: window one hour before to three hours after. */
static struct workday shift_day(int start, int end)
{
	struct workday w = regular_day(start, end);
	w.shift = true;
	w.in_from = start - SCHEDULE_SHIFT_IN_BEFORE;
	w.out_until = end + SCHEDULE_SHIFT_OUT_AFTER;
	return w;
}

static bool has_flag(const struct presence_verdict *v, enum presence_flag f)
{
	return (v->mask & (1u << f)) != 0;
}

static const struct presence_flag_hit *hit(const struct presence_verdict *v, enum presence_flag f)
{
	for (int i = 0; i < v->nflags; i++)
		if (v->flags[i].flag == f)
			return &v->flags[i];
	fail_msg("flag %s not raised", presence_flag_name(f));
	return NULL;
}

/* A check-in at the office, on time, that raises nothing; tests change one thing. */
static struct presence_input base_input(const struct workday *w)
{
	struct presence_input in = {
		.kind = PRESENCE_IN, .mode = PRESENCE_WFO, .lat = OFFICE_LAT, .lon = OFFICE_LON, .accuracy_m = 10,
		.expected = office(100), .office = office(100),
		.home = {true, -6.2600, 106.8000, 200},
		.server_ms = 1772411465000, .client_ms = 1772411465000, .day = w, .minute = 7 * 60 + 20,
	};
	return in;
}

static void test_place_inside_with_accuracy(void **state)
{
	(void)state;
	struct presence_place p = office(100);
	double d;
	int allowed;
	/* 150 m north with 50 m accuracy: the accuracy circle touches the radius. */
	assert_true(presence_place_inside(&p, OFFICE_LAT + 149.99 * M_LAT, OFFICE_LON, 50, 100, &d, &allowed));
	assert_int_equal(allowed, 150);
	assert_true(fabs(d - 149.99) < 0.01);
	/* 151 m with 50 m: the whole accuracy circle lies outside. */
	assert_false(presence_place_inside(&p, OFFICE_LAT + 151 * M_LAT, OFFICE_LON, 50, 100, &d, &allowed));
	/* Accuracy 0: exactly the radius is inside, a metre more is not. */
	assert_true(presence_place_inside(&p, OFFICE_LAT + 99.99 * M_LAT, OFFICE_LON, 0, 100, &d, &allowed));
	assert_false(presence_place_inside(&p, OFFICE_LAT + 101 * M_LAT, OFFICE_LON, 0, 100, &d, &allowed));
	/* The benefit is capped at the accuracy limit: 5 km accuracy buys only 100 m. */
	assert_true(presence_place_inside(&p, OFFICE_LAT + 199.9 * M_LAT, OFFICE_LON, 5000, 100, &d, &allowed));
	assert_int_equal(allowed, 200);
	assert_false(presence_place_inside(&p, OFFICE_LAT + 201 * M_LAT, OFFICE_LON, 5000, 100, &d, &allowed));
	/* An unknown place is never inside. */
	struct presence_place none = {0};
	assert_false(presence_place_inside(&none, OFFICE_LAT, OFFICE_LON, 10, 100, &d, &allowed));
	assert_true(d < 0);
}

static void test_ok_record(void **state)
{
	(void)state;
	struct presence_settings s = settings();
	struct workday w = regular_day(450, 960);
	struct presence_input in = base_input(&w);
	struct presence_verdict v;
	presence_evaluate(&in, &s, &v);
	assert_int_equal(v.nflags, 0);
	assert_int_equal(v.mask, 0);
	assert_true(v.distance_m >= 0 && v.distance_m < 1);
	assert_int_equal(v.allowed_m, 110);
}

static void test_outside_place_numbers(void **state)
{
	(void)state;
	struct presence_settings s = settings();
	struct workday w = regular_day(450, 960);
	struct presence_input in = base_input(&w);
	in.lat = OFFICE_LAT + 500 * M_LAT;
	in.accuracy_m = 30;
	struct presence_verdict v;
	presence_evaluate(&in, &s, &v);
	assert_true(has_flag(&v, PF_OUTSIDE_PLACE));
	const struct presence_flag_hit *h = hit(&v, PF_OUTSIDE_PLACE);
	assert_int_equal((int)lround(h->distance_m), 500);
	assert_int_equal(h->allowed_m, 130);
	assert_int_equal((int)h->accuracy_m, 30);
	assert_false(has_flag(&v, PF_REMOTE_WITHOUT_PLAN)); /* not at home either */
}

static void test_poor_accuracy_boundary(void **state)
{
	(void)state;
	struct presence_settings s = settings();
	struct workday w = regular_day(450, 960);
	struct presence_input in = base_input(&w);
	struct presence_verdict v;
	in.accuracy_m = 100; /* the limit itself is fine */
	presence_evaluate(&in, &s, &v);
	assert_false(has_flag(&v, PF_POOR_ACCURACY));
	in.accuracy_m = 100.5;
	presence_evaluate(&in, &s, &v);
	assert_true(has_flag(&v, PF_POOR_ACCURACY));
	assert_int_equal(hit(&v, PF_POOR_ACCURACY)->limit, 100);
}

static void test_clock_skew_boundary(void **state)
{
	(void)state;
	struct presence_settings s = settings();
	struct workday w = regular_day(450, 960);
	struct presence_input in = base_input(&w);
	struct presence_verdict v;
	in.client_ms = in.server_ms + 300000; /* exactly 300 s: fine */
	presence_evaluate(&in, &s, &v);
	assert_false(has_flag(&v, PF_CLOCK_SKEW));
	in.client_ms = in.server_ms - 301000;
	presence_evaluate(&in, &s, &v);
	assert_true(has_flag(&v, PF_CLOCK_SKEW));
	assert_int_equal(hit(&v, PF_CLOCK_SKEW)->skew_s, -301);
	in.client_ms = -1; /* no client time: nothing to compare */
	presence_evaluate(&in, &s, &v);
	assert_false(has_flag(&v, PF_CLOCK_SKEW));
}

static void test_remote_without_plan(void **state)
{
	(void)state;
	struct presence_settings s = settings();
	struct workday w = regular_day(450, 960);
	struct presence_input in = base_input(&w);
	struct presence_verdict v;
	in.lat = in.home.lat + 150 * M_LAT; /* 150 m from home, kilometres from the office */
	in.lon = in.home.lon;
	presence_evaluate(&in, &s, &v);
	assert_true(has_flag(&v, PF_OUTSIDE_PLACE));
	assert_true(has_flag(&v, PF_REMOTE_WITHOUT_PLAN));
	assert_int_equal((int)lround(hit(&v, PF_REMOTE_WITHOUT_PLAN)->home_distance_m), 150);
	/* 211 m from home with 10 m accuracy: outside the 200 m home circle. */
	in.lat = in.home.lat + 211 * M_LAT;
	presence_evaluate(&in, &s, &v);
	assert_true(has_flag(&v, PF_OUTSIDE_PLACE));
	assert_false(has_flag(&v, PF_REMOTE_WITHOUT_PLAN));
	/* With an approved wfh plan the same reading at home is simply ok. */
	in.lat = in.home.lat + 150 * M_LAT;
	in.mode = PRESENCE_WFH;
	in.has_plan = true;
	in.expected = in.home;
	presence_evaluate(&in, &s, &v);
	assert_int_equal(v.nflags, 0);
}

static void test_wfa_and_other_office(void **state)
{
	(void)state;
	struct presence_settings s = settings();
	struct workday w = regular_day(450, 960);
	struct presence_input in = base_input(&w);
	struct presence_verdict v;
	/* wfa at a declared place in Bogor: the office is far, the place is near. */
	in.mode = PRESENCE_WFA;
	in.has_plan = true;
	in.expected = (struct presence_place){true, -6.5950, 106.8166, s.wfa_radius_m};
	in.lat = -6.5950 + 100 * M_LAT;
	in.lon = 106.8166;
	presence_evaluate(&in, &s, &v);
	assert_int_equal(v.nflags, 0);
	/* kantor_lain without coordinates: place_unknown, not outside. */
	in.mode = PRESENCE_KANTOR_LAIN;
	in.expected = (struct presence_place){0};
	presence_evaluate(&in, &s, &v);
	assert_true(has_flag(&v, PF_PLACE_UNKNOWN));
	assert_false(has_flag(&v, PF_OUTSIDE_PLACE));
	assert_true(v.distance_m < 0);
}

static void test_impossible_travel(void **state)
{
	(void)state;
	struct presence_settings s = settings();
	struct presence_verdict v;
	memset(&v, 0, sizeof v);
	/* 9,990 m beyond the noise of 2 x 10 m in 3 minutes: 199.8 km/h, not above. */
	assert_false(presence_check_travel(&v, &s, OFFICE_LAT + 10010 * M_LAT, OFFICE_LON, 10, 180000, OFFICE_LAT,
					   OFFICE_LON, 10, 0));
	assert_int_equal(v.nflags, 0);
	/* 10,000 m beyond the noise in 179 s: 201.1 km/h. */
	double lat2 = OFFICE_LAT + 10020 * M_LAT;
	assert_true(presence_check_travel(&v, &s, lat2, OFFICE_LON, 10, 179000, OFFICE_LAT, OFFICE_LON, 10, 0));
	const struct presence_flag_hit *h = hit(&v, PF_IMPOSSIBLE_TRAVEL);
	assert_true(h->speed_kmh > 200 && h->speed_kmh < 202);
	assert_int_equal(h->seconds, 179);
	assert_int_equal(h->limit, 200);
	/* Jitter within both readings' accuracy is no movement, however fast. */
	memset(&v, 0, sizeof v);
	assert_false(presence_check_travel(&v, &s, OFFICE_LAT + 50 * M_LAT, OFFICE_LON, 30, 1000, OFFICE_LAT,
					   OFFICE_LON, 30, 0));
	/* Two readings in the same instant: divided by one second, not zero. */
	assert_true(fabs(presence_speed_kmh(100, 0) - 360) < 1e-9);
	assert_true(fabs(presence_speed_kmh(1000, 3600000) - 1) < 1e-9);
}

static void test_flags_without_numbers(void **state)
{
	(void)state;
	struct presence_verdict v;
	memset(&v, 0, sizeof v);
	presence_add_flag(&v, PF_UNREGISTERED_DEVICE);
	presence_add_flag(&v, PF_SHARED_DEVICE);
	presence_add_flag(&v, PF_UNREGISTERED_DEVICE); /* once only */
	assert_int_equal(v.nflags, 2);
	assert_int_equal(v.mask, (1u << PF_UNREGISTERED_DEVICE) | (1u << PF_SHARED_DEVICE));
	assert_string_equal(presence_flag_name(PF_SHARED_DEVICE), "shared_device");
	assert_string_equal(presence_flag_name(PF_NOT_WORKING_DAY), "not_working_day");
}

/* Regular staff: in from 06:30, out until 23:00 - also on Fridays (07:30-16:30)
 * and in Ramadan (08:00-15:00): the schedule moves lateness, not the window. */
static void test_regular_windows(void **state)
{
	(void)state;
	struct workday days[] = {regular_day(450, 960), regular_day(450, 990), regular_day(480, 900)};
	for (size_t i = 0; i < sizeof days / sizeof days[0]; i++) {
		int f, u;
		assert_false(presence_in_window(&days[i], 389, &f, &u));
		assert_true(presence_in_window(&days[i], 390, &f, &u));
		assert_true(presence_in_window(&days[i], 1380, &f, &u));
		assert_false(presence_in_window(&days[i], 1381, &f, &u));
		assert_int_equal(f, 390);
		assert_int_equal(u, 1380);
	}
	/* A day off uses the regular window, and is flagged not_working_day. */
	struct workday off = {0};
	struct presence_settings s = settings();
	struct presence_input in = base_input(&off);
	struct presence_verdict v;
	presence_evaluate(&in, &s, &v);
	assert_true(has_flag(&v, PF_NOT_WORKING_DAY));
	assert_false(has_flag(&v, PF_OUTSIDE_WINDOW));
	in.minute = 6 * 60;
	presence_evaluate(&in, &s, &v);
	const struct presence_flag_hit *h = hit(&v, PF_OUTSIDE_WINDOW);
	assert_int_equal(h->minute, 360);
	assert_int_equal(h->window_from, 390);
	assert_int_equal(h->window_until, 1380);
}

static void test_shift_windows(void **state)
{
	(void)state;
	int f, u;
	struct workday pagi = shift_day(420, 840);        /* 07:00-14:00 */
	assert_false(presence_in_window(&pagi, 359, &f, &u));
	assert_true(presence_in_window(&pagi, 360, &f, &u));   /* one hour before */
	assert_true(presence_in_window(&pagi, 1020, &f, &u));  /* three hours after */
	assert_false(presence_in_window(&pagi, 1021, &f, &u));
	struct workday malam = shift_day(1260, 1860);     /* 21:00-07:00 next day */
	assert_true(presence_in_window(&malam, 1200, &f, &u));
	assert_false(presence_in_window(&malam, 1199, &f, &u));
	assert_true(presence_in_window(&malam, 2040, &f, &u)); /* 10:00 the next morning */
	assert_false(presence_in_window(&malam, 2041, &f, &u));
	struct workday jaga = shift_day(480, 1920);       /* 24 h on duty, 08:00-08:00 */
	assert_true(presence_in_window(&jaga, 2100, &f, &u));
	assert_int_equal(u, 2100);
}

/* An out record after midnight belongs to the night shift that began the day before. */
static void test_overnight_attribution(void **state)
{
	(void)state;
	struct workday malam = shift_day(1260, 1860);
	int m;
	assert_int_equal(presence_attribute_day(&malam, PRESENCE_OUT, 7 * 60 + 5, &m), -1);
	assert_int_equal(m, 1440 + 425);
	assert_int_equal(presence_attribute_day(&malam, PRESENCE_OUT, 600, &m), -1);  /* 10:00, the last minute */
	assert_int_equal(presence_attribute_day(&malam, PRESENCE_OUT, 601, &m), 0);   /* 10:01 is today's */
	assert_int_equal(m, 601);
	assert_int_equal(presence_attribute_day(&malam, PRESENCE_IN, 300, &m), 0);    /* in records are today's */
	struct workday regular = regular_day(450, 960);
	assert_int_equal(presence_attribute_day(&regular, PRESENCE_OUT, 30, &m), 0);
	assert_int_equal(presence_attribute_day(NULL, PRESENCE_OUT, 30, &m), 0);
	struct workday off = {0};
	off.out_until = 2000;
	assert_int_equal(presence_attribute_day(&off, PRESENCE_OUT, 30, &m), 0);  /* not working: no shift to end */
}

/* Local minute arithmetic: the same instant in WIB, WITA and WIT, across midnight. */
static void test_local_minutes(void **state)
{
	(void)state;
	int64_t t = tz_midnight_unix(date_from_ymd(2026, 3, 2), TZ_WIB) - 30 * 60; /* 2026-03-01 23:30 WIB */
	int32_t day;
	int minute;
	tz_local(t, TZ_WIB, &day, &minute);
	assert_int_equal(day, date_from_ymd(2026, 3, 1));
	assert_int_equal(minute, 23 * 60 + 30);
	tz_local(t, TZ_WITA, &day, &minute);
	assert_int_equal(day, date_from_ymd(2026, 3, 2));
	assert_int_equal(minute, 30);
	tz_local(t, TZ_WIT, &day, &minute);
	assert_int_equal(minute, 90);
	/* Friday 2026-03-06 during Ramadan 1447 H. */
	assert_int_equal(date_weekday(date_from_ymd(2026, 3, 6)), 5);
}

static void test_texts_and_names(void **state)
{
	(void)state;
	struct presence_flag_hit h = {.flag = PF_OUTSIDE_PLACE, .distance_m = 512.4, .allowed_m = 130, .accuracy_m = 30};
	char buf[300];
	presence_flag_message(&h, true, buf, sizeof buf);
	assert_string_equal(buf, "Lokasi 512 m dari tempat yang ditetapkan (batas 130 m, akurasi 30 m).");
	presence_flag_message(&h, false, buf, sizeof buf);
	assert_string_equal(buf, "Location 512 m from the expected place (allowed 130 m, accuracy 30 m).");
	struct presence_flag_hit w = {.flag = PF_OUTSIDE_WINDOW, .minute = 1445, .window_from = 1200, .window_until = 2040};
	presence_flag_message(&w, false, buf, sizeof buf);
	assert_string_equal(buf, "Recorded at +1 00:05, outside 20:00-+1 10:00.");
	for (int f = 0; f < PF_COUNT; f++) {
		struct presence_flag_hit any = {.flag = (enum presence_flag)f};
		presence_flag_message(&any, true, buf, sizeof buf);
		assert_true(strlen(buf) > 10);
	}
	assert_int_equal(presence_mode_parse("office"), PRESENCE_WFO);
	assert_int_equal(presence_mode_parse("kantor_lain"), PRESENCE_KANTOR_LAIN);
	assert_int_equal(presence_mode_parse("wfx"), -1);
	assert_int_equal(presence_kind_parse("out"), PRESENCE_OUT);
	assert_int_equal(presence_kind_parse("OUT"), -1);
	assert_int_equal(presence_kind_parse(NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_place_inside_with_accuracy),
		cmocka_unit_test(test_ok_record),
		cmocka_unit_test(test_outside_place_numbers),
		cmocka_unit_test(test_poor_accuracy_boundary),
		cmocka_unit_test(test_clock_skew_boundary),
		cmocka_unit_test(test_remote_without_plan),
		cmocka_unit_test(test_wfa_and_other_office),
		cmocka_unit_test(test_impossible_travel),
		cmocka_unit_test(test_flags_without_numbers),
		cmocka_unit_test(test_regular_windows),
		cmocka_unit_test(test_shift_windows),
		cmocka_unit_test(test_overnight_attribution),
		cmocka_unit_test(test_local_minutes),
		cmocka_unit_test(test_texts_and_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
