/* test_geo.c - haversine distances against independently computed values,
 * and the Indonesian bounding box at its edges. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>

#include "domain/geo.h"

static void assert_near(double got, double want, double tolerance)
{
	if (!(fabs(got - want) <= tolerance))
		fail_msg("got %.4f, want %.4f +- %.4f", got, want, tolerance);
}

/* Monas to Balai Kota, Jakarta. 641.638 m by haversine and by the
 * spherical law of cosines (computed in Python, R = 6371008.8 m). */
static void test_monas_to_balai_kota(void **state)
{
	(void)state;
	assert_near(geo_distance_m(-6.1754, 106.8272, -6.1810, 106.8286), 641.638, 1.0);
	assert_near(geo_distance_m(-6.1810, 106.8286, -6.1754, 106.8272), 641.638, 1.0);
}

/* Monas to Bundaran HI: 4234.447 m (same reference). */
static void test_monas_to_bundaran_hi(void **state)
{
	(void)state;
	assert_near(geo_distance_m(-6.1754, 106.8272, -6.2088, 106.8456), 4234.447, 1.0);
}

/* Closed forms: one degree of the equator is 2 pi R / 360, and half the
 * equator is pi R. */
static void test_closed_forms(void **state)
{
	(void)state;
	double degree = 2.0 * M_PI * GEO_EARTH_RADIUS_M / 360.0;
	assert_near(geo_distance_m(0, 0, 0, 1), degree, 1e-3);
	assert_near(geo_distance_m(0, 0, 1, 0), degree, 1e-3);
	assert_near(geo_distance_m(0, 0, 0, 180), M_PI * GEO_EARTH_RADIUS_M, 1e-3);
	assert_near(geo_distance_m(90, 0, -90, 0), M_PI * GEO_EARTH_RADIUS_M, 1e-3);
	assert_near(geo_distance_m(0, 179.5, 0, -179.5), degree, 1e-3); /* across the antimeridian */
}

/* Sabang to Merauke: 5248.799 km (same reference). */
static void test_sabang_to_merauke(void **state)
{
	(void)state;
	assert_near(geo_distance_m(5.8933, 95.3164, -8.4991, 140.4048), 5248798.616, 1.0);
}

static void test_zero_and_nan(void **state)
{
	(void)state;
	assert_true(geo_distance_m(-6.2, 106.8, -6.2, 106.8) == 0.0);
	assert_true(isnan(geo_distance_m(NAN, 106.8, -6.2, 106.8)));
	assert_true(isnan(geo_distance_m(-6.2, 106.8, -6.2, NAN)));
}

static void test_in_indonesia(void **state)
{
	(void)state;
	assert_true(geo_in_indonesia(-6.1754, 106.8272));  /* Monas */
	assert_true(geo_in_indonesia(5.8933, 95.3164));    /* Sabang */
	assert_true(geo_in_indonesia(-8.4991, 140.4048));  /* Merauke */
	assert_true(geo_in_indonesia(5.5569, 126.5808));   /* Miangas */
	assert_true(geo_in_indonesia(-10.85, 123.07));     /* Rote */
	assert_true(geo_in_indonesia(-11.5, 94.0));        /* corners, inclusive */
	assert_true(geo_in_indonesia(6.5, 141.5));
	assert_false(geo_in_indonesia(-11.51, 110.0));
	assert_false(geo_in_indonesia(6.51, 110.0));
	assert_false(geo_in_indonesia(0.0, 93.99));
	assert_false(geo_in_indonesia(0.0, 141.51));
	assert_false(geo_in_indonesia(-12.0, 106.8272));   /* Indian Ocean, south of the box */
	assert_false(geo_in_indonesia(106.8272, -6.1754)); /* swapped */
	assert_false(geo_in_indonesia(0.0, 0.0));          /* an unset value */
	assert_false(geo_in_indonesia(-33.87, 151.21));    /* Sydney */
	assert_false(geo_in_indonesia(NAN, 106.8));
	assert_false(geo_in_indonesia(-6.2, NAN));
	assert_false(geo_in_indonesia(INFINITY, 106.8));
	assert_false(geo_in_indonesia(-6.2, -INFINITY));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_monas_to_balai_kota),
		cmocka_unit_test(test_monas_to_bundaran_hi),
		cmocka_unit_test(test_closed_forms),
		cmocka_unit_test(test_sabang_to_merauke),
		cmocka_unit_test(test_zero_and_nan),
		cmocka_unit_test(test_in_indonesia),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
