/* geo.c - haversine distance and the Indonesian bounding box. */
#include "domain/geo.h"

#include <math.h>

static double geo_radians(double degrees)
{
	return degrees * (M_PI / 180.0);
}

double geo_distance_m(double lat1, double lon1, double lat2, double lon2)
{
	double dlat = geo_radians(lat2 - lat1);
	double dlon = geo_radians(lon2 - lon1);
	double s1 = sin(dlat / 2.0);
	double s2 = sin(dlon / 2.0);
	double h = s1 * s1 + cos(geo_radians(lat1)) * cos(geo_radians(lat2)) * s2 * s2;
	/* Rounding can push h a hair past 1 for antipodal points; asin would
	 * then return NaN. */
	if (h > 1.0)
		h = 1.0;
	return 2.0 * GEO_EARTH_RADIUS_M * asin(sqrt(h));
}

bool geo_in_indonesia(double lat, double lon)
{
	/* Written so that NaN compares false and is refused. */
	return lat >= GEO_ID_LAT_MIN && lat <= GEO_ID_LAT_MAX &&
		lon >= GEO_ID_LON_MIN && lon <= GEO_ID_LON_MAX;
}
