/* case.c - the legal steps of a disciplinary case; see case.h. */
#include "domain/case.h"

#include <string.h>

static const char *const status_names[CASE_STATUS_N] = {
	"open", "summoned", "missed", "summoned_again", "examined", "decided", "delivered", "closed",
};
static const char *const action_names[CASE_ACT_N] = {
	"summon", "examine", "missed", "decide", "deliver", "respond", "close",
};
static const char *const kind_names[CASE_KIND_N] = {"absence", "supervisor_inaction", "official_inaction"};
static const char *const problem_names[CASE_PROBLEM_N] = {
	"", "wrong_state", "date_order", "exam_too_late", "exam_not_working_day", "too_early", "closed",
};

static int parse(const char *const *names, int n, const char *name)
{
	for (int i = 0; name && i < n; i++)
		if (!strcmp(names[i], name))
			return i;
	return -1;
}

const char *case_status_name(enum case_status s) { return s < CASE_STATUS_N ? status_names[s] : ""; }
int case_status_parse(const char *name) { return parse(status_names, CASE_STATUS_N, name); }
const char *case_action_name(enum case_action a) { return a < CASE_ACT_N ? action_names[a] : ""; }
int case_action_parse(const char *name) { return parse(action_names, CASE_ACT_N, name); }
const char *case_kind_name(enum case_kind k) { return k < CASE_KIND_N ? kind_names[k] : ""; }
int case_kind_parse(const char *name) { return parse(kind_names, CASE_KIND_N, name); }
const char *case_problem_name(enum case_problem p) { return p < CASE_PROBLEM_N ? problem_names[p] : ""; }

void case_rules_default(struct case_rules *r)
{
	r->summon_within_wd = 5;
	r->exam_within_wd = 7;
	r->decide_within_wd = 10;
	r->deliver_within_days = 14;
	r->respond_within_days = 14;
}

void case_open(struct case_state *s, int32_t opened_on)
{
	memset(s, 0, sizeof *s);
	s->status = CASE_OPEN;
	s->opened_on = opened_on;
}

/* The date of the latest step taken, which a new step may not precede. */
static int32_t last_step_on(const struct case_state *s)
{
	int32_t d = s->opened_on;
	const int32_t later[] = {s->summoned_on, s->missed_on, s->examined_on, s->decided_on, s->delivered_on,
				 s->responded_on};
	for (size_t i = 0; i < sizeof later / sizeof later[0]; i++)
		if (later[i] > d)
			d = later[i];
	return d;
}

static enum case_problem summon(struct case_state *s, const struct case_step *st, const struct case_rules *r,
				const struct case_calendar *cal)
{
	if (s->status != CASE_OPEN && s->status != CASE_MISSED)
		return CASE_PROBLEM_WRONG_STATE;
	if (st->exam_on <= st->date)
		return CASE_PROBLEM_DATE_ORDER;
	if (!cal->is_working_day(cal->ctx, st->exam_on))
		return CASE_PROBLEM_EXAM_NOT_WORKING;
	if (st->exam_on > cal->add_working_days(cal->ctx, st->date, r->exam_within_wd))
		return CASE_PROBLEM_EXAM_TOO_LATE;
	s->status = s->status == CASE_OPEN ? CASE_SUMMONED : CASE_SUMMONED_AGAIN;
	s->summons++;
	s->summoned_on = st->date;
	s->exam_on = st->exam_on;
	return CASE_PROBLEM_NONE;
}

static enum case_problem examination(struct case_state *s, const struct case_step *st)
{
	if (s->status != CASE_SUMMONED && s->status != CASE_SUMMONED_AGAIN)
		return CASE_PROBLEM_WRONG_STATE;
	if (st->date < s->exam_on)
		return CASE_PROBLEM_TOO_EARLY;
	if (st->action == CASE_ACT_EXAMINE) {
		s->status = CASE_EXAMINED;
		s->examined_on = st->date;
	} else if (s->status == CASE_SUMMONED) {
		s->status = CASE_MISSED;
		s->missed_on = st->date;
	} else { /* missed twice: decided on the evidence held */
		s->status = CASE_EXAMINED;
		s->missed_on = s->examined_on = st->date;
		s->decided_on_evidence = true;
	}
	return CASE_PROBLEM_NONE;
}

enum case_problem case_apply(struct case_state *s, const struct case_step *st, const struct case_rules *r,
			     const struct case_calendar *cal)
{
	if (s->status == CASE_CLOSED)
		return CASE_PROBLEM_CLOSED;
	if (st->date < last_step_on(s))
		return CASE_PROBLEM_DATE_ORDER;
	switch (st->action) {
	case CASE_ACT_SUMMON:
		return summon(s, st, r, cal);
	case CASE_ACT_EXAMINE:
	case CASE_ACT_MISSED:
		return examination(s, st);
	case CASE_ACT_DECIDE:
		if (s->status != CASE_EXAMINED)
			return CASE_PROBLEM_WRONG_STATE;
		s->status = CASE_DECIDED;
		s->decided_on = st->date;
		return CASE_PROBLEM_NONE;
	case CASE_ACT_DELIVER:
		if (s->status != CASE_DECIDED)
			return CASE_PROBLEM_WRONG_STATE;
		s->status = CASE_DELIVERED;
		s->delivered_on = st->date;
		return CASE_PROBLEM_NONE;
	case CASE_ACT_RESPOND:
		if (s->status != CASE_DELIVERED || s->responded_on)
			return CASE_PROBLEM_WRONG_STATE;
		s->responded_on = st->date;
		return CASE_PROBLEM_NONE;
	case CASE_ACT_CLOSE:
		/* From a decision that imposes nothing (nothing to deliver) or after delivery. */
		if (s->status != CASE_DELIVERED && s->status != CASE_DECIDED)
			return CASE_PROBLEM_WRONG_STATE;
		s->status = CASE_CLOSED;
		s->closed_on = st->date;
		return CASE_PROBLEM_NONE;
	default:
		return CASE_PROBLEM_WRONG_STATE;
	}
}

int32_t case_deadline(const struct case_state *s, const struct case_rules *r, const struct case_calendar *cal,
		      enum case_action *action)
{
	enum case_action a = CASE_ACT_N;
	int32_t d = INT32_MIN;
	switch (s->status) {
	case CASE_OPEN:
		a = CASE_ACT_SUMMON, d = cal->add_working_days(cal->ctx, s->opened_on, r->summon_within_wd);
		break;
	case CASE_SUMMONED:
	case CASE_SUMMONED_AGAIN: /* the outcome is recorded by the next working day */
		a = CASE_ACT_EXAMINE, d = cal->add_working_days(cal->ctx, s->exam_on, 1);
		break;
	case CASE_MISSED:
		a = CASE_ACT_SUMMON, d = cal->add_working_days(cal->ctx, s->missed_on, r->exam_within_wd);
		break;
	case CASE_EXAMINED:
		a = CASE_ACT_DECIDE, d = cal->add_working_days(cal->ctx, s->examined_on, r->decide_within_wd);
		break;
	case CASE_DECIDED:
		a = CASE_ACT_DELIVER, d = s->decided_on + r->deliver_within_days;
		break;
	case CASE_DELIVERED:
		a = CASE_ACT_CLOSE, d = s->delivered_on + r->respond_within_days;
		break;
	default:
		break;
	}
	if (action)
		*action = a;
	return d;
}

bool case_overdue(const struct case_state *s, const struct case_rules *r, const struct case_calendar *cal,
		  int32_t today)
{
	if (s->status == CASE_DELIVERED || s->status == CASE_CLOSED)
		return false;
	int32_t d = case_deadline(s, r, cal, NULL);
	return d != INT32_MIN && today > d;
}

int32_t case_deadline_restart(const struct case_state *s, const struct case_rules *r,
			      const struct case_calendar *cal, int32_t from, enum case_action *action)
{
	enum case_action a = CASE_ACT_N;
	int32_t d = INT32_MIN;
	switch (s->status) {
	case CASE_OPEN:
		a = CASE_ACT_SUMMON, d = cal->add_working_days(cal->ctx, from, r->summon_within_wd);
		break;
	case CASE_SUMMONED:
	case CASE_SUMMONED_AGAIN: /* the examination date passed: hold it and record it */
		a = CASE_ACT_EXAMINE, d = cal->add_working_days(cal->ctx, from, r->exam_within_wd);
		break;
	case CASE_MISSED:
		a = CASE_ACT_SUMMON, d = cal->add_working_days(cal->ctx, from, r->exam_within_wd);
		break;
	case CASE_EXAMINED:
		a = CASE_ACT_DECIDE, d = cal->add_working_days(cal->ctx, from, r->decide_within_wd);
		break;
	case CASE_DECIDED:
		a = CASE_ACT_DELIVER, d = from + r->deliver_within_days;
		break;
	default:
		break;
	}
	if (action)
		*action = a;
	return d;
}
