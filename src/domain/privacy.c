/* privacy.c - the retention rule for raw locations; see privacy.h. */
#include "domain/privacy.h"

int32_t privacy_cutoff(int32_t today, int days)
{
	if (days < PRIVACY_RAW_DAYS_MIN || days > PRIVACY_RAW_DAYS_MAX)
		days = PRIVACY_RAW_DAYS_DEFAULT;
	return today - days;
}

bool privacy_reduce_due(int32_t work_day, int32_t today, int days, bool held)
{
	return !held && work_day < privacy_cutoff(today, days);
}
