/* schedule.c - the working day a schedule gives on a date, flexible starts
 * and presence windows. See schedule.h for the model. */
#include "domain/schedule.h"

#include "core/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

_Static_assert(sizeof ((struct workday *)0)->code == sizeof ((struct schedule *)0)->code, "code sizes");
_Static_assert(sizeof ((struct workday *)0)->label == sizeof ((struct schedule_day *)0)->label, "label sizes");

/* The row of s that applies on day: ISO weekday for regular schedules, the
 * cycle position (anchor + offset, never negative) for shifts. */
static const struct schedule_day *row_of(const struct schedule *s, int32_t day, int shift_offset)
{
	if (s->ndays <= 0)
		return NULL;
	if (s->kind == SCHEDULE_REGULAR)
		return s->ndays >= 7 ? &s->days[date_weekday(day) - 1] : NULL;
	int64_t pos = ((int64_t)day - s->cycle_anchor + shift_offset) % s->ndays;
	if (pos < 0)
		pos += s->ndays;
	return &s->days[pos];
}

/* Whether minute start lies in the flexible window around row r. */
static bool in_window(const struct schedule *s, const struct schedule_day *r, int start)
{
	return start >= r->start_min - s->flex_early_min && start <= r->start_min + s->flex_late_min;
}

void schedule_workday_of(const struct schedule *s, int32_t day, int shift_offset, int flex_start, struct workday *out)
{
	memset(out, 0, sizeof *out);
	out->earliest_end = -1;
	out->early_arrival_before = -1;
	out->shift = s->kind == SCHEDULE_SHIFT;
	out->works_on_days_off = out->shift;
	out->schedule_id = s->id;
	memcpy(out->code, s->code, sizeof out->code); /* same size, NUL-terminated: snprintf is slow in bulk */
	const struct schedule_day *r = row_of(s, day, shift_offset);
	if (!r)
		return;
	memcpy(out->label, r->label, sizeof out->label);
	if (r->start_min < 0)
		return;
	out->working = true;
	out->start = r->start_min;
	out->end = r->end_min;
	out->break_min = r->break_min;
	out->net_min = r->end_min - r->start_min - r->break_min;
	out->earliest_end = r->earliest_end_min;
	out->early_arrival_before = r->earliest_end_min >= 0 ? s->early_arrival_before : -1;
	bool offered = !out->shift && (s->flex_early_min > 0 || s->flex_late_min > 0);
	if (flex_start >= 0 && offered && in_window(s, r, flex_start)) {
		/* The whole day moves: the same break, so the same net minutes. */
		out->end += flex_start - out->start;
		out->start = flex_start;
		out->flexible = true;
	}
	if (out->shift) {
		out->in_from = out->start - SCHEDULE_SHIFT_IN_BEFORE;
		out->out_until = out->end + SCHEDULE_SHIFT_OUT_AFTER;
	} else {
		out->in_from = SCHEDULE_REGULAR_IN_FROM;
		out->out_until = SCHEDULE_REGULAR_OUT_UNTIL;
	}
}

int schedule_required_end(const struct workday *w, int arrival)
{
	if (!w->working)
		return 0;
	if (w->earliest_end >= 0 && w->early_arrival_before >= 0 && arrival < w->early_arrival_before &&
	    w->end < w->earliest_end)
		return w->earliest_end;
	return w->end;
}

void schedule_apply_calendar(struct workday *w, bool calendar_working_day)
{
	if (calendar_working_day || w->works_on_days_off)
		return;
	w->day_off_by_calendar = w->working;
	w->working = false;
	w->flexible = false;
	w->start = w->end = w->break_min = w->net_min = 0;
	w->in_from = w->out_until = 0;
	w->earliest_end = w->early_arrival_before = -1;
}

bool schedule_valid_on(const struct schedule *s, int32_t day)
{
	return day >= s->valid_from && day <= s->valid_until;
}

enum schedule_flex_problem schedule_flex_allowed(const struct schedule *s, bool face_to_face, int start)
{
	if (s->kind == SCHEDULE_SHIFT)
		return FLEX_SHIFT;
	if (s->flex_early_min <= 0 && s->flex_late_min <= 0)
		return FLEX_NOT_OFFERED;
	if (face_to_face && !s->flex_face_to_face)
		return FLEX_FACE_TO_FACE;
	for (int i = 0; i < s->ndays; i++)
		if (s->days[i].start_min >= 0 && !in_window(s, &s->days[i], start))
			return FLEX_OUTSIDE_WINDOW;
	return FLEX_OK;
}

const char *schedule_flex_problem_name(enum schedule_flex_problem p)
{
	switch (p) {
	case FLEX_OK: return "ok";
	case FLEX_NOT_OFFERED: return "flex_not_offered";
	case FLEX_FACE_TO_FACE: return "flex_face_to_face";
	case FLEX_OUTSIDE_WINDOW: return "flex_outside_window";
	case FLEX_SHIFT: return "flex_shift";
	}
	return "unknown";
}

const char *schedule_kind_name(enum schedule_kind k)
{
	return k == SCHEDULE_SHIFT ? "shift" : "regular";
}

void schedule_free(struct schedule *s)
{
	free(s->name);
	free(s->legal_reference);
	s->name = s->legal_reference = NULL;
}
