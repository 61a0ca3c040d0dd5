/* geo.h - distances on the Earth and the bounds of Indonesia.
 *
 * Pure arithmetic on WGS 84 degrees; used to accept or refuse a presence
 * check-in by its distance from the office, and to validate coordinates
 * typed into imports. */
#ifndef FLEKSI_DOMAIN_GEO_H
#define FLEKSI_DOMAIN_GEO_H

#include <stdbool.h>

/* Mean Earth radius (IUGG R1), metres. */
#define GEO_EARTH_RADIUS_M 6371008.8

/* A bounding box around Indonesia, generous enough for its outer islands
 * (Sabang, Merauke, Rote, Miangas). Degrees. */
#define GEO_ID_LAT_MIN (-11.5)
#define GEO_ID_LAT_MAX 6.5
#define GEO_ID_LON_MIN 94.0
#define GEO_ID_LON_MAX 141.5

/* Great-circle distance in metres between two points given in degrees,
 * by the haversine formula on a sphere of GEO_EARTH_RADIUS_M (error under
 * 0.5% against the ellipsoid; far below GPS noise at office distances).
 * Returns NaN when any argument is NaN. */
double geo_distance_m(double lat1, double lon1, double lat2, double lon2);

/* Whether the point lies inside the Indonesian bounding box, edges included.
 * NaN and infinities are outside. */
bool geo_in_indonesia(double lat, double lon);

#endif
