/* worklog.c - confirmation moments, answer and report lateness; see worklog.h. */
#include "domain/worklog.h"
#include "core/date.h"
#include "core/err.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

void worklog_seed(const uint8_t secret[WORKLOG_SECRET_BYTES], int64_t employee_id, int32_t day,
		  uint8_t seed[WORKLOG_SEED_BYTES])
{
	char date[DATE_TEXT], msg[64];
	date_format(day, date);
	int n = snprintf(msg, sizeof msg, "confirm:%lld:%s", (long long)employee_id, date);
	crypto_generichash(seed, WORKLOG_SEED_BYTES, (const unsigned char *)msg, (unsigned long long)n, secret,
			   WORKLOG_SECRET_BYTES);
}

int worklog_confirmation_minutes(const uint8_t seed[WORKLOG_SEED_BYTES], const struct workday *w, int count,
				 int window_min, int out[WORKLOG_CONFIRMATIONS_MAX])
{
	if (!w->working || count <= 0)
		return 0;
	if (count > WORKLOG_CONFIRMATIONS_MAX)
		count = WORKLOG_CONFIRMATIONS_MAX;
	/* The last moment leaves the whole answer window inside the hours. */
	int span = w->end - window_min - w->start + 1;
	if (span < count)
		return 0;
	for (int i = 0; i < count; i++) {
		int lo = w->start + (int)((long)span * i / count);
		int hi = w->start + (int)((long)span * (i + 1) / count);   /* exclusive */
		uint32_t r = (uint32_t)seed[4 * i] | (uint32_t)seed[4 * i + 1] << 8 | (uint32_t)seed[4 * i + 2] << 16 |
			     (uint32_t)seed[4 * i + 3] << 24;
		out[i] = lo + (int)(r % (uint32_t)(hi - lo));
	}
	return count;
}

bool worklog_answer_on_time(int64_t due_ms, int window_min, int64_t answered_ms, int *late_min)
{
	int64_t close_ms = due_ms + (int64_t)window_min * 60000;
	if (answered_ms <= close_ms) {
		*late_min = 0;
		return true;
	}
	/* A late answer counts at least one minute late. */
	int64_t late = (answered_ms - close_ms + 59999) / 60000;
	*late_min = late > 100000 ? 100000 : (int)late;
	return false;
}

int worklog_missed(int expected, unsigned ok_mask)
{
	int ok = 0;
	for (int i = 0; i < expected && i < WORKLOG_CONFIRMATIONS_MAX; i++)
		ok += (ok_mask >> i) & 1u;
	return expected > ok ? expected - ok : 0;
}

/* The n-th working day after day (n >= 1); day itself when n <= 0. Gives up
 * after a year of days off (a broken calendar must not loop forever). */
static int32_t working_days_after(const struct calendar *cal, int32_t day, int n)
{
	int32_t d = day;
	for (int seen = 0, guard = 0; seen < n && guard < 400; guard++) {
		d++;
		if (calendar_is_working_day(cal, d))
			seen++;
	}
	return d;
}

void worklog_report_deadline(const struct calendar *cal, int32_t day, int deadline_days, int deadline_min,
			     int32_t *deadline_day, int *deadline_minute)
{
	int32_t d = working_days_after(cal, day, deadline_days);
	*deadline_day = d + deadline_min / 1440;
	*deadline_minute = deadline_min % 1440;
}

int worklog_report_late_min(int32_t deadline_day, int deadline_minute, int32_t sent_day, int sent_min)
{
	int64_t late = ((int64_t)sent_day - deadline_day) * 1440 + (sent_min - deadline_minute);
	return late <= 0 ? 0 : late > 1000000 ? 1000000 : (int)late;
}

int32_t worklog_review_due(const struct calendar *cal, int32_t sent_day, int review_days)
{
	return working_days_after(cal, sent_day, review_days);
}

int worklog_activities_check(const struct worklog_activity *a, int n, int *total, int *index, const char **field)
{
	*total = 0;
	*index = -1;
	if (n < 1 || n > WORKLOG_ACTIVITIES_MAX) {
		*field = "activities";
		return ERR_INVALID;
	}
	for (int i = 0; i < n; i++) {
		size_t dl = a[i].description ? strlen(a[i].description) : 0;
		*index = i;
		if (a[i].target_id <= 0)
			*field = "target_id";
		else if (dl < 1 || dl > WORKLOG_DESCRIPTION_MAX)
			*field = "description";
		else if (a[i].minutes < 1 || a[i].minutes > WORKLOG_DAY_MINUTES_MAX)
			*field = "minutes";
		else if (a[i].output && strlen(a[i].output) > WORKLOG_OUTPUT_MAX)
			*field = "output";
		else {
			*total += a[i].minutes;
			continue;
		}
		return ERR_INVALID;
	}
	if (*total > WORKLOG_DAY_MINUTES_MAX) {
		*index = -1;
		*field = "minutes";
		return ERR_INVALID;
	}
	*index = -1;
	return 0;
}
