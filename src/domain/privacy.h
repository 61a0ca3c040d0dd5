/* privacy.h - the retention rule for raw locations (UU 27/2022), pure.
 *
 * Location is taken only at presence events. The raw reading of a record
 * (lat, lon, accuracy) is kept for raw_location_days days after its working
 * date and then reduced to the verdict, the distance and the flags, unless a
 * legal hold (an open discipline case of the employee) keeps it. This file
 * only decides dates; store/retention.h does the reducing. */
#ifndef FLEKSI_DOMAIN_PRIVACY_H
#define FLEKSI_DOMAIN_PRIVACY_H

#include <stdbool.h>
#include <stdint.h>

#define PRIVACY_RAW_DAYS_DEFAULT 90
#define PRIVACY_RAW_DAYS_MIN 1
#define PRIVACY_RAW_DAYS_MAX 3650

/* The first working date whose raw reading is still kept on day `today`:
 * a record of date D is reduced when D < cutoff, i.e. once more than `days`
 * days have passed since D. A days value outside 1..3650 (a damaged setting)
 * is taken as the default, never as "keep nothing" or "keep forever". */
int32_t privacy_cutoff(int32_t today, int days);

/* Whether the raw reading of a record dated work_day is to be reduced on
 * today: past the cutoff and not held. */
bool privacy_reduce_due(int32_t work_day, int32_t today, int days, bool held);

#endif
