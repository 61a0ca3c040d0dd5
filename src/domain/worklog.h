/* worklog.h - reachability confirmations and daily work reports, pure
 * (issue 5 items 3-4; RULES.md section 3).
 *
 * Confirmations. On a remote working day (an approved wfh, wfa or
 * kantor_lain plan) the employee is asked a set number of times, at
 * moments inside the working hours, to confirm presence in the app with
 * the location; an answer after the window counts as missed, with its
 * minutes. The moments are derived from a 32-byte seed per employee and
 * date (the store makes it from the server secret with a keyed BLAKE2b):
 * the working span is cut into equal slots, one moment falls at a random
 * minute of each slot, so they are spread over the day, stable for a given
 * employee and date (every node and the close agree without storing them)
 * and not guessable by the employee.
 *
 * Daily reports. Each activity names a performance target (SKP item), a
 * duration in minutes and an output. A report is on time when first sent
 * by the deadline (deadline_days working days after the date, at the local
 * minute deadline_min); the direct supervisor accepts or returns it within
 * review_days working days of its first submission. */
#ifndef FLEKSI_DOMAIN_WORKLOG_H
#define FLEKSI_DOMAIN_WORKLOG_H

#include "domain/calendar.h"
#include "domain/schedule.h"

#include <stdbool.h>
#include <stdint.h>

#define WORKLOG_CONFIRMATIONS_MAX 8
#define WORKLOG_SEED_BYTES 32
#define WORKLOG_SECRET_BYTES 32
#define WORKLOG_ACTIVITIES_MAX 30
#define WORKLOG_DESCRIPTION_MAX 500
#define WORKLOG_OUTPUT_MAX 300
#define WORKLOG_DAY_MINUTES_MAX 1440

/* The seed of one employee's date: keyed BLAKE2b of "confirm:<id>:<date>"
 * under the secret. */
void worklog_seed(const uint8_t secret[WORKLOG_SECRET_BYTES], int64_t employee_id, int32_t day,
		  uint8_t seed[WORKLOG_SEED_BYTES]);

/* The local minutes (after midnight of the date, ascending) of the day's
 * confirmations into out[0..count): count moments in [w->start,
 * w->end - window_min], one per equal slot. Returns how many (0 when the
 * day is not working, count <= 0, or the span is shorter than count
 * minutes); count is capped at WORKLOG_CONFIRMATIONS_MAX. */
int worklog_confirmation_minutes(const uint8_t seed[WORKLOG_SEED_BYTES], const struct workday *w, int count,
				 int window_min, int out[WORKLOG_CONFIRMATIONS_MAX]);

/* The verdict on an answer given at answered_ms to a confirmation due at
 * due_ms with window_min to answer: true when on time; *late_min gets the
 * whole minutes after the window closed (0 when on time). An answer before
 * the moment is refused by the caller (the confirmation is not asked yet). */
bool worklog_answer_on_time(int64_t due_ms, int window_min, int64_t answered_ms, int *late_min);

/* Missed confirmations of a day: expected minus those answered on time
 * (ok_mask: bit seq set for an on-time answer), never below 0. */
int worklog_missed(int expected, unsigned ok_mask);

/* The report deadline of date day: deadline_days working days after it
 * (0: the date itself) at local minute deadline_min (may pass 1439: into
 * the next calendar day). *deadline_day and *deadline_min get it with the
 * minute normalised to 0..1439. */
void worklog_report_deadline(const struct calendar *cal, int32_t day, int deadline_days, int deadline_min,
			     int32_t *deadline_day, int *deadline_minute);

/* Minutes a report sent on local sent_day at sent_min is after the
 * deadline (0 when on time). */
int worklog_report_late_min(int32_t deadline_day, int deadline_minute, int32_t sent_day, int sent_min);

/* The last date the supervisor may review a report first sent on local
 * date sent_day: the review_days-th working day after it. */
int32_t worklog_review_due(const struct calendar *cal, int32_t sent_day, int review_days);

/* One activity of a report as sent. */
struct worklog_activity {
	int64_t target_id;
	const char *description;
	int minutes;
	const char *output;
};

/* Check a report's activities: 1..WORKLOG_ACTIVITIES_MAX of them, each
 * with a target, a description of 1..500 bytes, 1..1440 minutes, an output
 * of at most 300 bytes, and at most 1440 minutes together. Returns 0 or
 * ERR_INVALID with *index (the activity, -1 for the list) and *field set;
 * *total gets the minutes together. */
int worklog_activities_check(const struct worklog_activity *a, int n, int *total, int *index, const char **field);

#endif
