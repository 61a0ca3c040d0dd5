/* cases.c (store) - the discipline ladder over closed days, disciplinary
 * cases, escalation and compliance; see cases.h. */
#include "store/cases.h"
#include "core/clock.h"
#include "core/date.h"
#include "core/err.h"
#include "core/log.h"
#include "core/mem.h"
#include "domain/calendar.h"
#include "domain/case.h"
#include "store/audit.h"
#include "store/calendar.h"
#include "store/tally.h"
#include "store/jobs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- settings, calendar ---- */

struct settings {
	int minutes_per_day;
	struct case_rules rules;
};

static int settings_load(struct db_conn *c, struct settings *s)
{
	s->minutes_per_day = 450;
	case_rules_default(&s->rules);
	struct db_stmt *st = db_prepare(c, "SELECT minutes_per_day, summon_within_wd, decide_within_wd,"
					   " respond_within_days FROM discipline_setting WHERE id = 1");
	if (!st)
		return ERR_DB;
	int rc = db_step(st);
	if (rc == 1) {
		s->minutes_per_day = (int)db_col_int(st, 0);
		s->rules.summon_within_wd = (int)db_col_int(st, 1);
		s->rules.decide_within_wd = (int)db_col_int(st, 2);
		s->rules.respond_within_days = (int)db_col_int(st, 3);
	}
	db_reset(st);
	return rc < 0 ? rc : 0;
}

/* The ladder with the stored minutes-per-day setting. */
static void ladder_with(const struct settings *s, struct ladder_version *v)
{
	*v = *ladder_builtin();
	if (s->minutes_per_day > 0)
		v->minutes_per_day = s->minutes_per_day;
}

static bool cal_working(void *ctx, int32_t day)
{
	return calendar_is_working_day(ctx, day);
}

static int32_t cal_add(void *ctx, int32_t day, int n)
{
	for (int guard = 0; n > 0 && guard < 4000; guard++) {
		day++;
		if (calendar_is_working_day(ctx, day))
			n--;
	}
	return day;
}

/* Working days of the organisation calendar (the deadlines of a case are
 * the institution's, not a shift worker's). */
static int calendar_for(struct db_conn *c, int32_t day, struct calendar *cal, struct case_calendar *cc)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	int rc = calendar_load(c, y - 1, y + 1, cal);
	if (rc)
		return rc;
	cc->ctx = cal;
	cc->add_working_days = cal_add;
	cc->is_working_day = cal_working;
	return 0;
}

static void fmt(int32_t day, char out[DATE_TEXT])
{
	if (day == INT32_MIN || day == 0)
		out[0] = '\0';
	else
		date_format(day, out);
}

static int32_t parse_or0(const char *s)
{
	int32_t d;
	return s && *s && date_parse(s, &d) ? d : 0;
}

static void bind_date(struct db_stmt *s, int i, int32_t day)
{
	char t[DATE_TEXT];
	fmt(day, t);
	db_bind_text(s, i, t[0] ? t : NULL);
}

static void bind_opt(struct db_stmt *s, int i, const char *v)
{
	db_bind_text(s, i, v && *v ? v : NULL);
}

static int run(struct db_stmt *s, int64_t *id)
{
	int rc = db_step(s);
	if (rc == 1 && id)
		*id = db_col_int(s, 0);
	db_reset(s);
	return rc < 0 ? rc : 0;
}

/* The first day of the month after day. */
static int32_t next_month_start(int32_t day)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	return m == 12 ? date_from_ymd(y + 1, 1, 1) : date_from_ymd(y, m + 1, 1);
}

/* day + months, clamped to the month's length. */
static int32_t add_months(int32_t day, int months)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	m += months;
	y += (m - 1) / 12;
	m = (m - 1) % 12 + 1;
	int dim = date_days_in_month(y, m);
	return date_from_ymd(y, m, d > dim ? dim : d);
}

static enum ladder_day ladder_day_of(const char *status)
{
	if (!strcmp(status, "alpa"))
		return LADDER_DAY_UNEXCUSED;
	if (!strcmp(status, "libur"))
		return LADDER_DAY_OFF;
	if (!strcmp(status, "cuti") || !strcmp(status, "sakit") || !strcmp(status, "dinas_luar") ||
	    !strcmp(status, "tugas_belajar"))
		return LADDER_DAY_EXCUSED;
	return LADDER_DAY_PRESENT;
}

static int rung_index(const struct ladder_version *v, const char *code)
{
	const struct ladder_rung *r = ladder_rung_by_code(v, code);
	return r ? (int)(r - v->rungs) : -1;
}

/* ---- the yearly discipline ---- */

/* Reads of one employee's days seek the primary key (date, employee_id)
 * date by date, over the closed dates (accounts exist for those only):
 * SQLite has no (employee_id, date) index (sqlite_015_tally.sql). */
#define CLOSED_DATES(from, to) "date IN (SELECT date FROM day_close WHERE date " from " AND date <= " to ")"

static const char SQL_YEAR_DAYS[] =
	"SELECT date, status, late_min + early_min FROM day_account WHERE " CLOSED_DATES(">= $2", "$3")
	" AND employee_id = $1 ORDER BY date";

int discipline_year_get(struct db_conn *c, int64_t employee_id, int year, int32_t upto, struct discipline_year *out)
{
	memset(out, 0, sizeof *out);
	out->year = year;
	struct settings set;
	int rc = settings_load(c, &set);
	if (rc)
		return rc;
	struct ladder_version v;
	ladder_with(&set, &v);
	out->minutes_per_day = v.minutes_per_day;
	/* A streak reaching into the year from December counts (Pasal 15(2)
	 * is not per year): rows from 45 days before feed only the streak. */
	int32_t jan1 = date_from_ymd(year, 1, 1), from = jan1 - 45, to = date_from_ymd(year, 12, 31);
	if (upto < to)
		to = upto;
	struct db_stmt *s = db_prepare(c, SQL_YEAR_DAYS);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, employee_id);
	bind_date(s, 2, from);
	bind_date(s, 3, to);
	int n = 0, cap = 0;
	enum ladder_day *days = NULL;
	int32_t *dates = NULL;
	while ((rc = db_step(s)) == 1) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			days = xrealloc(days, (size_t)cap * sizeof *days);
			dates = xrealloc(dates, (size_t)cap * sizeof *dates);
		}
		date_parse(db_col_text(s, 0), &dates[n]);
		days[n] = ladder_day_of(db_col_text(s, 1));
		if (dates[n] >= jan1) {
			out->unexcused_days += days[n] == LADDER_DAY_UNEXCUSED;
			out->late_early_minutes += db_col_int(s, 2);
		}
		n++;
	}
	db_reset(s);
	if (rc >= 0) {
		rc = 0;
		/* the longest run that has a day in the year, and where the first
		 * one long enough reached the streak length */
		int run = 0, reached = -1;
		for (int i = 0; i < n; i++) {
			if (days[i] == LADDER_DAY_UNEXCUSED) {
				run++;
				if (dates[i] >= jan1 && run > out->longest_streak)
					out->longest_streak = run;
				if (run == v.streak_days && reached < 0 && dates[i] >= jan1)
					reached = i;
			} else if (days[i] != LADDER_DAY_OFF) {
				run = 0;
			}
		}
		out->counted_days = ladder_counted_days(&v, out->unexcused_days, out->late_early_minutes);
		out->proposed = ladder_proposal(&v, out->counted_days, out->longest_streak, &out->salary_stop);
		if (out->salary_stop) {
			/* reached in December: the run's tenth day was last year; the
			 * salary stop then runs from January */
			int32_t at = reached >= 0 ? dates[reached] : jan1 - 1;
			date_format(next_month_start(at), out->salary_stop_from);
		}
	}
	free(days);
	free(dates);
	return rc;
}

/* ---- reading cases ---- */

#define STATUS_EXPR "(CASE WHEN dc.status = 'closed' AND dc.stage <> 'withdrawn' THEN 'closed' ELSE dc.stage END)"

#define CASE_FROM                                                                                                  \
	" FROM discipline_case dc JOIN employee e ON e.id = dc.employee_id JOIN unit u ON u.id = e.unit_id"         \
	" LEFT JOIN employee a ON a.id = dc.assignee_id"

#define CASE_WHERE                                                                                                 \
	" WHERE (CAST($1 AS BIGINT) = 1 OR u.path LIKE CAST($2 AS TEXT) || '%' OR dc.employee_id = $3"            \
	"   OR dc.assignee_id = $3 OR dc.employee_id IN (WITH RECURSIVE sub(id) AS (SELECT id FROM employee"         \
	"   WHERE supervisor_id = $4 UNION SELECT x.id FROM employee x JOIN sub ON x.supervisor_id = sub.id)"        \
	"   SELECT id FROM sub))"                                                                                  \
	" AND (CAST($5 AS BIGINT) = 0 OR dc.id = $5)"                                                              \
	" AND u.path LIKE CAST($6 AS TEXT) || '%'"                                                                 \
	" AND (CAST($7 AS TEXT) = '' OR e.nip = $7)"                                                               \
	" AND (CAST($8 AS BIGINT) = 0 OR dc.assignee_id = $8)"                                                     \
	" AND (CAST($9 AS TEXT) = '' OR (CAST($9 AS TEXT) = 'active' AND dc.status = 'open') OR " STATUS_EXPR     \
	"   = $9)"                                                                                                 \
	" AND (CAST($10 AS TEXT) = '' OR dc.kind = $10)"                                                           \
	" AND (CAST($11 AS TEXT) = '' OR (dc.status = 'open' AND dc.deadline IS NOT NULL AND dc.deadline < $11))"

static const char SQL_CASES[] =
	"SELECT dc.id, dc.employee_id, COALESCE(dc.assignee_id, 0), COALESCE(dc.against_case_id, 0), dc.kind, e.nip,"
	" e.name, u.code, u.name, u.path, " STATUS_EXPR ", COALESCE(dc.year, 0), dc.opened_on,"
	" COALESCE(dc.closed_on, ''), dc.counted_days, COALESCE(dc.proposed_code, ''), dc.salary_stop,"
	" COALESCE(dc.salary_stop_from, ''), COALESCE(a.nip, ''), COALESCE(a.name, ''), dc.escalations, dc.summons,"
	" COALESCE(dc.summoned_on, ''), COALESCE(dc.exam_on, ''), COALESCE(dc.missed_on, ''),"
	" COALESCE(dc.examined_on, ''), COALESCE(dc.decided_on, ''), COALESCE(dc.delivered_on, ''),"
	" COALESCE(dc.responded_on, ''), dc.on_evidence, COALESCE(dc.sanction_code, ''),"
	" COALESCE(dc.sanction_from, ''), COALESCE(dc.sanction_until, ''), COALESCE(dc.deadline, ''),"
	" COALESCE(dc.next_action, ''), dc.note" CASE_FROM CASE_WHERE " ORDER BY dc.id DESC LIMIT $12 OFFSET $13";
static const char SQL_CASES_COUNT[] = "SELECT COUNT(*)" CASE_FROM CASE_WHERE;

static void bind_filter(struct db_stmt *s, const struct case_filter *f)
{
	const struct scope *sc = f->scope;
	db_bind_int(s, 1, sc->all ? 1 : 0);
	db_bind_text(s, 2, sc->unit_path && *sc->unit_path ? sc->unit_path : "-");
	db_bind_int(s, 3, sc->self_id ? sc->self_id : -1);
	db_bind_int(s, 4, sc->supervisor_id ? sc->supervisor_id : -1);
	db_bind_int(s, 5, f->id);
	db_bind_text(s, 6, f->unit_path ? f->unit_path : "");
	db_bind_text(s, 7, f->nip ? f->nip : "");
	db_bind_int(s, 8, f->assignee_id);
	db_bind_text(s, 9, f->status ? f->status : "");
	db_bind_text(s, 10, f->kind ? f->kind : "");
	db_bind_text(s, 11, f->overdue_before ? f->overdue_before : "");
}

int cases_each(struct db_conn *c, const struct case_filter *f, int (*cb)(void *ctx, const struct case_row *r),
	       void *ctx, long *total)
{
	struct db_stmt *s;
	int rc;
	if (total) {
		if (!(s = db_prepare(c, SQL_CASES_COUNT)))
			return ERR_DB;
		bind_filter(s, f);
		rc = db_step(s);
		*total = rc == 1 ? (long)db_col_int(s, 0) : 0;
		db_reset(s);
		if (rc < 0)
			return rc;
	}
	if (!(s = db_prepare(c, SQL_CASES)))
		return ERR_DB;
	bind_filter(s, f);
	db_bind_int(s, 12, f->limit > 0 ? f->limit : 50);
	db_bind_int(s, 13, f->offset);
	while ((rc = db_step(s)) == 1) {
		struct case_row r = {
			.id = db_col_int(s, 0), .employee_id = db_col_int(s, 1), .assignee_id = db_col_int(s, 2),
			.against_case_id = db_col_int(s, 3), .kind = db_col_text(s, 4), .nip = db_col_text(s, 5),
			.name = db_col_text(s, 6), .unit_code = db_col_text(s, 7), .unit_name = db_col_text(s, 8),
			.unit_path = db_col_text(s, 9), .status = db_col_text(s, 10), .year = (int)db_col_int(s, 11),
			.opened_on = db_col_text(s, 12), .closed_on = db_col_text(s, 13),
			.counted_days = (int)db_col_int(s, 14), .proposed_code = db_col_text(s, 15),
			.salary_stop = db_col_bool(s, 16), .salary_stop_from = db_col_text(s, 17),
			.assignee_nip = db_col_text(s, 18), .assignee_name = db_col_text(s, 19),
			.escalations = (int)db_col_int(s, 20), .summons = (int)db_col_int(s, 21),
			.summoned_on = db_col_text(s, 22), .exam_on = db_col_text(s, 23), .missed_on = db_col_text(s, 24),
			.examined_on = db_col_text(s, 25), .decided_on = db_col_text(s, 26),
			.delivered_on = db_col_text(s, 27), .responded_on = db_col_text(s, 28),
			.on_evidence = db_col_bool(s, 29), .sanction_code = db_col_text(s, 30),
			.sanction_from = db_col_text(s, 31), .sanction_until = db_col_text(s, 32),
			.deadline = db_col_text(s, 33), .next_action = db_col_text(s, 34), .note = db_col_text(s, 35)};
		if (cb(ctx, &r))
			break;
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

int cases_steps_each(struct db_conn *c, int64_t case_id, int (*cb)(void *ctx, const struct case_step_row *r),
		     void *ctx)
{
	struct db_stmt *s = db_prepare(c, "SELECT action, date, COALESCE(exam_on, ''), note, COALESCE(sanction_code, ''),"
					  " actor, created_at, is_virtual FROM case_step WHERE case_id = $1 ORDER BY id");
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, case_id);
	int rc;
	while ((rc = db_step(s)) == 1) {
		struct case_step_row r = {db_col_text(s, 0), db_col_text(s, 1), db_col_text(s, 2), db_col_text(s, 3),
					  db_col_text(s, 4), db_col_text(s, 5), db_col_text(s, 6), db_col_bool(s, 7)};
		if (cb(ctx, &r))
			break;
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

#define ESCALATION_FROM                                                                                            \
	"SELECT x.case_id, COALESCE(x.inaction_case_id, 0), x.date, x.missed_action, x.deadline, COALESCE(f.nip, ''),"  \
	" COALESCE(f.name, ''), COALESCE(t.nip, ''), COALESCE(t.name, '')"                                         \
	" FROM case_escalation x LEFT JOIN employee f ON f.id = x.from_employee_id"                                \
	" LEFT JOIN employee t ON t.id = x.to_employee_id"
static const char SQL_ESCALATIONS[] =
	ESCALATION_FROM " JOIN discipline_case dc ON dc.id = x.case_id JOIN employee e ON e.id = dc.employee_id"
	" JOIN unit u ON u.id = e.unit_id"
	" WHERE (CAST($1 AS BIGINT) = 0 OR x.case_id = $1) AND u.path LIKE CAST($2 AS TEXT) || '%'"
	" ORDER BY x.id DESC LIMIT $3";
/* The failures an inaction case answers for, oldest first. */
static const char SQL_FAILURES[] = ESCALATION_FROM " WHERE x.inaction_case_id = $1 ORDER BY x.id LIMIT $2";

static int escalations_run(struct db_stmt *s, int (*cb)(void *ctx, const struct case_escalation_row *r), void *ctx)
{
	int rc;
	while ((rc = db_step(s)) == 1) {
		struct case_escalation_row r = {db_col_int(s, 0), db_col_int(s, 1), db_col_text(s, 2), db_col_text(s, 3),
						db_col_text(s, 4), db_col_text(s, 5), db_col_text(s, 6), db_col_text(s, 7),
						db_col_text(s, 8)};
		if (cb(ctx, &r))
			break;
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

int cases_failures_each(struct db_conn *c, int64_t inaction_case_id, int limit,
			int (*cb)(void *ctx, const struct case_escalation_row *r), void *ctx)
{
	struct db_stmt *s = db_prepare(c, SQL_FAILURES);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, inaction_case_id);
	db_bind_int(s, 2, limit > 0 ? limit : 200);
	return escalations_run(s, cb, ctx);
}

int cases_escalations_each(struct db_conn *c, int64_t case_id, const char *unit_path, int limit,
			   int (*cb)(void *ctx, const struct case_escalation_row *r), void *ctx)
{
	struct db_stmt *s = db_prepare(c, SQL_ESCALATIONS);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, case_id);
	db_bind_text(s, 2, unit_path ? unit_path : "");
	db_bind_int(s, 3, limit > 0 ? limit : 50);
	return escalations_run(s, cb, ctx);
}

/* ---- one case's record, for steps and escalation ---- */

struct case_rec {
	int64_t id, employee_id, assignee_id;
	char kind[24], stage[20], status[8], proposed[40], next_action[16], note[64];
	int year, escalations;
	struct case_state st;
};

#define REC_COLUMNS                                                                                                \
	"SELECT id, employee_id, COALESCE(assignee_id, 0), kind, stage, status, COALESCE(proposed_code, ''),"       \
	" COALESCE(next_action, ''), COALESCE(year, 0), escalations, summons, on_evidence, opened_on,"             \
	" COALESCE(summoned_on, ''), COALESCE(exam_on, ''), COALESCE(missed_on, ''), COALESCE(examined_on, ''),"   \
	" COALESCE(decided_on, ''), COALESCE(delivered_on, ''), COALESCE(responded_on, ''), COALESCE(closed_on, '')" \
	" FROM discipline_case"
static const char SQL_REC[] = REC_COLUMNS " WHERE id = $1";
/* The open cases whose deadline fell before a date. */
static const char SQL_REC_DUE[] =
	REC_COLUMNS " WHERE status = 'open' AND deadline IS NOT NULL AND deadline < $1 ORDER BY id";

/* The case on the statement's current row (REC_COLUMNS). */
static void rec_read(struct db_stmt *s, struct case_rec *r)
{
	memset(r, 0, sizeof *r);
	r->id = db_col_int(s, 0);
	r->employee_id = db_col_int(s, 1);
	r->assignee_id = db_col_int(s, 2);
	snprintf(r->kind, sizeof r->kind, "%s", db_col_text(s, 3));
	snprintf(r->stage, sizeof r->stage, "%s", db_col_text(s, 4));
	snprintf(r->status, sizeof r->status, "%s", db_col_text(s, 5));
	snprintf(r->proposed, sizeof r->proposed, "%s", db_col_text(s, 6));
	snprintf(r->next_action, sizeof r->next_action, "%s", db_col_text(s, 7));
	r->year = (int)db_col_int(s, 8);
	r->escalations = (int)db_col_int(s, 9);
	int st = case_status_parse(r->stage);
	r->st.status = !strcmp(r->status, "closed") ? CASE_CLOSED : st >= 0 ? (enum case_status)st : CASE_OPEN;
	r->st.summons = (int)db_col_int(s, 10);
	r->st.decided_on_evidence = db_col_bool(s, 11);
	r->st.opened_on = parse_or0(db_col_text(s, 12));
	r->st.summoned_on = parse_or0(db_col_text(s, 13));
	r->st.exam_on = parse_or0(db_col_text(s, 14));
	r->st.missed_on = parse_or0(db_col_text(s, 15));
	r->st.examined_on = parse_or0(db_col_text(s, 16));
	r->st.decided_on = parse_or0(db_col_text(s, 17));
	r->st.delivered_on = parse_or0(db_col_text(s, 18));
	r->st.responded_on = parse_or0(db_col_text(s, 19));
	r->st.closed_on = parse_or0(db_col_text(s, 20));
}

static int rec_load(struct db_conn *c, int64_t id, struct case_rec *r)
{
	struct db_stmt *s = db_prepare(c, SQL_REC);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, id);
	int rc = db_step(s);
	if (rc == 1)
		rec_read(s, r);
	db_reset(s);
	return rc == 1 ? 0 : rc < 0 ? rc : ERR_NOT_FOUND;
}

static const char SQL_REC_SAVE[] =
	"UPDATE discipline_case SET stage = $2, status = $3, summons = $4, on_evidence = $5, summoned_on = $6,"
	" exam_on = $7, missed_on = $8, examined_on = $9, decided_on = $10, delivered_on = $11, responded_on = $12,"
	" closed_on = $13, deadline = $14, next_action = $15, assignee_id = $16, escalations = $17 WHERE id = $1";

/* Write the state back with its next deadline (deadline overrides when not 0). */
static int rec_save(struct db_conn *c, const struct case_rec *r, int32_t deadline, enum case_action next)
{
	struct db_stmt *s = db_prepare(c, SQL_REC_SAVE);
	if (!s)
		return ERR_DB;
	const struct case_state *st = &r->st;
	db_bind_int(s, 1, r->id);
	db_bind_text(s, 2, st->status == CASE_CLOSED && !strcmp(r->stage, "withdrawn") ? "withdrawn"
										    : case_status_name(st->status));
	db_bind_text(s, 3, st->status == CASE_CLOSED ? "closed" : "open");
	db_bind_int(s, 4, st->summons);
	db_bind_bool(s, 5, st->decided_on_evidence);
	bind_date(s, 6, st->summoned_on);
	bind_date(s, 7, st->exam_on);
	bind_date(s, 8, st->missed_on);
	bind_date(s, 9, st->examined_on);
	bind_date(s, 10, st->decided_on);
	bind_date(s, 11, st->delivered_on);
	bind_date(s, 12, st->responded_on);
	bind_date(s, 13, st->closed_on);
	bool due = st->status != CASE_CLOSED && deadline != INT32_MIN && next != CASE_ACT_N;
	bind_date(s, 14, due ? deadline : 0);
	db_bind_text(s, 15, due ? case_action_name(next) : NULL);
	if (r->assignee_id)
		db_bind_int(s, 16, r->assignee_id);
	else
		db_bind_null(s, 16);
	db_bind_int(s, 17, r->escalations);
	return run(s, NULL);
}

static const char SQL_STEP_INSERT[] =
	"INSERT INTO case_step (case_id, action, date, exam_on, is_virtual, note, sanction_code, actor, created_at)"
	" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

static int step_insert(struct db_conn *c, int64_t case_id, const char *action, int32_t date, int32_t exam_on,
		       bool is_virtual, const char *note, const char *sanction, const char *actor)
{
	struct db_stmt *s = db_prepare(c, SQL_STEP_INSERT);
	if (!s)
		return ERR_DB;
	char now[40];
	clock_now_iso(now, sizeof now);
	db_bind_int(s, 1, case_id);
	db_bind_text(s, 2, action);
	bind_date(s, 3, date);
	bind_date(s, 4, exam_on);
	db_bind_bool(s, 5, is_virtual);
	db_bind_text(s, 6, note ? note : "");
	bind_opt(s, 7, sanction);
	db_bind_text(s, 8, actor);
	db_bind_text(s, 9, now);
	return run(s, NULL);
}

/* ---- who decides ---- */

static enum ladder_offender offender_of(const char *kind)
{
	if (!strcmp(kind, "pengawas"))
		return LADDER_OFFENDER_PENGAWAS;
	if (!strcmp(kind, "administrator"))
		return LADDER_OFFENDER_ADMINISTRATOR;
	if (!strcmp(kind, "jpt_pratama"))
		return LADDER_OFFENDER_JPT_PRATAMA;
	if (!strcmp(kind, "jpt_madya") || !strcmp(kind, "jpt_utama"))
		return LADDER_OFFENDER_JPT_MADYA;
	if (!strcmp(kind, "fungsional"))
		return LADDER_OFFENDER_FUNGSIONAL;
	return LADDER_OFFENDER_PELAKSANA;
}

/* -1 when the position is not an official's (pelaksana, fungsional). */
static int official_of(const char *kind)
{
	if (!strcmp(kind, "pengawas"))
		return LADDER_OFF_PENGAWAS;
	if (!strcmp(kind, "administrator"))
		return LADDER_OFF_ADMINISTRATOR;
	if (!strcmp(kind, "jpt_pratama"))
		return LADDER_OFF_JPT_PRATAMA;
	if (!strcmp(kind, "jpt_madya") || !strcmp(kind, "jpt_utama"))
		return LADDER_OFF_JPT_MADYA;
	return -1;
}

static const char SQL_CHAIN_STEP[] =
	"SELECT COALESCE(e.supervisor_id, 0), p.kind, e.nip, e.name FROM employee e JOIN position p"
	" ON p.id = e.position_id WHERE e.id = $1";

#define CHAIN_MAX 24

struct chain {
	int n;                       /* [0] the offender, [k] k levels above */
	int64_t id[CHAIN_MAX];
	char kind[CHAIN_MAX][16], nip[CHAIN_MAX][19], name[CHAIN_MAX][128];
};

static int chain_load(struct db_conn *c, int64_t employee_id, struct chain *ch)
{
	struct db_stmt *s = db_prepare(c, SQL_CHAIN_STEP);
	if (!s)
		return ERR_DB;
	ch->n = 0;
	int64_t at = employee_id;
	while (at && ch->n < CHAIN_MAX) {
		bool seen = false; /* a hand-written cycle still ends */
		for (int i = 0; i < ch->n; i++)
			seen |= ch->id[i] == at;
		if (seen)
			break;
		db_bind_int(s, 1, at);
		int rc = db_step(s);
		if (rc == 1) {
			ch->id[ch->n] = at;
			snprintf(ch->kind[ch->n], sizeof ch->kind[0], "%s", db_col_text(s, 1));
			snprintf(ch->nip[ch->n], sizeof ch->nip[0], "%s", db_col_text(s, 2));
			snprintf(ch->name[ch->n], sizeof ch->name[0], "%s", db_col_text(s, 3));
			at = db_col_int(s, 0);
			ch->n++;
		}
		db_reset(s);
		if (rc < 0)
			return rc;
		if (rc != 1)
			break;
	}
	return 0;
}

static int decider_of(struct db_conn *c, const struct case_rec *r, enum ladder_level level, struct case_decider *out)
{
	memset(out, 0, sizeof *out);
	struct chain ch;
	int rc = chain_load(c, r->employee_id, &ch);
	if (rc || ch.n == 0)
		return rc;
	enum ladder_offender off = offender_of(ch.kind[0]);
	int competent = -1, assignee_at = -1;
	for (int k = 1; k < ch.n; k++) {
		int o = official_of(ch.kind[k]);
		if (competent < 0 && o >= 0 && ladder_may_impose((enum ladder_official)o, level, k, off))
			competent = k;
		if (ch.id[k] == r->assignee_id)
			assignee_at = k;
	}
	/* Escalated above a competent official who let it pass: his superior,
	 * now the assignee, decides (PP 94/2021 Pasal 24). When nobody in the
	 * chain is competent (berat: the Governor), an escalation does not make
	 * a head competent: admin_bkd records the Governor's decision. */
	int k = competent;
	if (competent > 0 && assignee_at > competent && r->escalations > 0)
		k = assignee_at;
	if (k > 0) {
		out->employee_id = ch.id[k];
		snprintf(out->nip, sizeof out->nip, "%s", ch.nip[k]);
		snprintf(out->name, sizeof out->name, "%s", ch.name[k]);
	}
	return 0;
}

static enum ladder_level level_for(const char *sanction_code, const char *proposed)
{
	const struct ladder_version *v = ladder_builtin();
	const struct ladder_rung *r = ladder_rung_by_code(v, sanction_code);
	if (!r)
		r = ladder_rung_by_code(v, proposed);
	return r ? r->level : LADDER_RINGAN;
}

int cases_decider(struct db_conn *c, int64_t case_id, const char *sanction_code, struct case_decider *out)
{
	struct case_rec r;
	int rc = rec_load(c, case_id, &r);
	if (rc)
		return rc;
	return decider_of(c, &r, level_for(sanction_code, r.proposed), out);
}

/* ---- steps ---- */

static int problem(struct case_step_problem *p, int status, const char *code, const char *field, const char *en,
		   const char *id)
{
	p->status = status, p->code = code, p->field = field, p->en = en, p->id = id;
	return ERR_CONFLICT;
}

/* Start the sanction's running period at the decision: a heavier new
 * sanction ends a running one the day before; a lighter one waits until the
 * running one ends. */
static int set_sanction(struct db_conn *c, const struct case_rec *r, const struct ladder_rung *rung, int32_t on)
{
	const struct ladder_version *v = ladder_builtin();
	struct db_stmt *s = db_prepare(c, "SELECT id, sanction_code, COALESCE(sanction_until, '') FROM discipline_case"
					  " WHERE employee_id = $1 AND id <> $2 AND sanction_code IS NOT NULL"
					  " AND sanction_code <> '' AND (sanction_until IS NULL OR sanction_until >= $3)");
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, r->employee_id);
	db_bind_int(s, 2, r->id);
	bind_date(s, 3, on);
	int64_t end_ids[16];
	int nend = 0, rc;
	int32_t from = on;
	while ((rc = db_step(s)) == 1) {
		int other = rung_index(v, db_col_text(s, 1));
		if (other < (int)(rung - v->rungs)) {
			if (nend < 16)
				end_ids[nend++] = db_col_int(s, 0);
		} else {
			int32_t until = parse_or0(db_col_text(s, 2));
			if (until && until + 1 > from)
				from = until + 1;
		}
	}
	db_reset(s);
	if (rc < 0)
		return rc;
	for (int i = 0; i < nend; i++) {
		if (!(s = db_prepare(c, "UPDATE discipline_case SET sanction_until = $2 WHERE id = $1")))
			return ERR_DB;
		db_bind_int(s, 1, end_ids[i]);
		bind_date(s, 2, on - 1);
		if ((rc = run(s, NULL)))
			return rc;
	}
	/* Reprimands act once (one day); dismissal is permanent (no end). */
	int32_t until = rung->months > 0 ? add_months(from, rung->months) - 1 : from;
	bool permanent = !strcmp(rung->code, "pemberhentian");
	if (!(s = db_prepare(c, "UPDATE discipline_case SET sanction_code = $2, sanction_from = $3, sanction_until = $4"
				" WHERE id = $1")))
		return ERR_DB;
	db_bind_int(s, 1, r->id);
	db_bind_text(s, 2, rung->code);
	bind_date(s, 3, from);
	bind_date(s, 4, permanent ? 0 : until);
	return run(s, NULL);
}

static int step_audit(struct db_conn *c, const char *actor, const struct case_rec *r, const char *action,
		      const struct case_step_input *in)
{
	struct buf b;
	buf_init(&b, 1 << 16);
	buf_printf(&b, "{\"id\":%lld,\"action\":", (long long)r->id);
	buf_json_string(&b, action);
	buf_puts(&b, ",\"date\":");
	buf_json_string(&b, in->date ? in->date : "");
	buf_puts(&b, ",\"exam_on\":");
	buf_json_string(&b, in->exam_on ? in->exam_on : "");
	buf_printf(&b, ",\"virtual\":%s,\"sanction_code\":", in->is_virtual ? "true" : "false");
	buf_json_string(&b, in->sanction_code ? in->sanction_code : "");
	buf_puts(&b, ",\"status\":");
	buf_json_string(&b, case_status_name(r->st.status));
	buf_puts(&b, ",\"note\":");
	buf_json_string(&b, in->note ? in->note : "");
	buf_puts(&b, "}");
	char object[48], act[40];
	snprintf(object, sizeof object, "discipline_case:%lld", (long long)r->id);
	snprintf(act, sizeof act, "case.%s", action);
	struct audit_event ev = {actor, act, object, NULL, b.data};
	int rc = b.len < b.max ? audit_append(c, &ev) : ERR_TOO_BIG;
	buf_free(&b);
	return rc;
}

/* The step asked for: its action, dates and (a decision) sanction. */
static int step_read(const struct case_step_input *in, struct case_step *st, const struct ladder_rung **rung,
		     struct case_step_problem *p)
{
	int act = case_action_parse(in->action);
	if (act < 0)
		return problem(p, 422, "invalid", "action", "action is one of summon, examine, missed, decide, deliver,"
			       " respond, close.", "action adalah salah satu dari summon, examine, missed, decide, deliver,"
			       " respond, close.");
	*st = (struct case_step){(enum case_action)act, 0, 0};
	*rung = NULL;
	if (!in->date || !date_parse(in->date, &st->date))
		return problem(p, 422, "invalid", "date", "date must be a date YYYY-MM-DD.",
			       "date harus berupa tanggal YYYY-MM-DD.");
	if (act == CASE_ACT_SUMMON && (!in->exam_on || !date_parse(in->exam_on, &st->exam_on)))
		return problem(p, 422, "invalid", "exam_on", "A summons names the examination date exam_on (YYYY-MM-DD).",
			       "Surat panggilan menyebut tanggal pemeriksaan exam_on (YYYY-MM-DD).");
	if (act == CASE_ACT_DECIDE) {
		if (!in->sanction_code || !*in->sanction_code)
			return problem(p, 422, "invalid", "sanction_code", "A decision names the sanction_code (or none).",
				       "Keputusan menyebut sanction_code (atau none).");
		if (strcmp(in->sanction_code, "none") && !(*rung = ladder_rung_by_code(ladder_builtin(), in->sanction_code)))
			return problem(p, 422, "invalid", "sanction_code", "Unknown sanction code.",
				       "Kode hukuman tidak dikenal.");
	}
	return 0;
}

/* Authority. inspektorat reads only; the employee may only respond. */
static int step_authorised(struct db_conn *c, const struct case_rec *r, const struct actor *a, enum case_action act,
			   const struct ladder_rung *rung, struct case_step_problem *p)
{
	bool admin = a->roles & ROLE_ADMIN_BKD;
	bool assignee = a->employee_id && a->employee_id == r->assignee_id;
	if (act == CASE_ACT_DECIDE) {
		struct case_decider d;
		int rc = decider_of(c, r, rung ? rung->level : level_for(NULL, r->proposed), &d);
		if (rc)
			return rc;
		bool ok = d.employee_id ? a->employee_id == d.employee_id : admin;
		if (!ok)
			return problem(p, 403, "not_competent", "sanction_code",
				       "Only the official competent for this level and position may decide (PP 94/2021).",
				       "Hanya pejabat yang berwenang untuk tingkat dan jabatan ini yang dapat memutus (PP 94/2021).");
	} else if (act == CASE_ACT_RESPOND) {
		if (!(assignee || admin || (a->employee_id && a->employee_id == r->employee_id)))
			return problem(p, 403, "not_assignee", NULL, "Only the employee or the case's supervisor records a response.",
				       "Hanya pegawai atau atasan yang menangani kasus yang mencatat tanggapan.");
	} else if (!(assignee || admin) || (a->employee_id && a->employee_id == r->employee_id && !admin)) {
		return problem(p, 403, "not_assignee", NULL, "Only the supervisor the case is assigned to may take this step.",
			       "Hanya atasan yang ditugasi kasus ini yang dapat mengambil langkah ini.");
	}
	return 0;
}

static int step_refused(struct case_step_problem *p, enum case_problem pr)
{
	static const char *const en[CASE_PROBLEM_N] = {
		"", "This step does not follow from the case's state.", "The date is before the previous step's.",
		"The examination must be no later than 7 working days after the summons.",
		"The examination date is not a working day.", "The examination date has not come yet.",
		"The case is closed."};
	static const char *const id[CASE_PROBLEM_N] = {
		"", "Langkah ini tidak sesuai dengan tahap kasus.", "Tanggal lebih awal dari langkah sebelumnya.",
		"Pemeriksaan paling lambat 7 hari kerja setelah surat panggilan.",
		"Tanggal pemeriksaan bukan hari kerja.", "Tanggal pemeriksaan belum tiba.", "Kasus sudah ditutup."};
	return problem(p, 409, case_problem_name(pr),
		       pr == CASE_PROBLEM_EXAM_TOO_LATE || pr == CASE_PROBLEM_EXAM_NOT_WORKING ? "exam_on" : "date",
		       en[pr], id[pr]);
}

int cases_step(struct db_conn *c, int64_t case_id, const struct actor *a, const struct case_step_input *in,
	       struct case_step_problem *p)
{
	struct case_rec r;
	int rc = rec_load(c, case_id, &r);
	if (rc)
		return rc;
	struct case_step st;
	const struct ladder_rung *rung;
	if ((rc = step_read(in, &st, &rung, p)))
		return rc;
	if (r.st.status == CASE_CLOSED)
		return problem(p, 409, "closed", NULL, "The case is closed.", "Kasus sudah ditutup.");
	if ((rc = step_authorised(c, &r, a, st.action, rung, p)))
		return rc;
	struct settings set;
	struct calendar cal;
	struct case_calendar cc;
	if ((rc = settings_load(c, &set)) || (rc = calendar_for(c, st.date, &cal, &cc)))
		return rc;
	enum case_problem pr = case_apply(&r.st, &st, &set.rules, &cc);
	if (pr != CASE_PROBLEM_NONE) {
		calendar_free(&cal);
		return step_refused(p, pr);
	}
	if (st.action == CASE_ACT_DECIDE && !rung) { /* nothing imposed: nothing to deliver, the case ends */
		struct case_step cl = {CASE_ACT_CLOSE, st.date, 0};
		case_apply(&r.st, &cl, &set.rules, &cc);
	}
	enum case_action next;
	int32_t deadline = case_deadline(&r.st, &set.rules, &cc, &next);
	calendar_free(&cal);
	if ((rc = rec_save(c, &r, deadline, next)))
		return rc;
	if (rung && (rc = set_sanction(c, &r, rung, st.date)))
		return rc;
	if ((rc = step_insert(c, r.id, in->action, st.date, st.exam_on, in->is_virtual, in->note,
			      st.action == CASE_ACT_DECIDE ? in->sanction_code : NULL, a->username)))
		return rc;
	return step_audit(c, a->username, &r, in->action, in);
}

/* ---- processing a closed date ---- */

#define SET_SUBQUERY                                                                                               \
	"SELECT employee_id FROM day_violation WHERE date = $1"                                                    \
	" AND kind IN ('unexcused_absence', 'late', 'early_leave')"                                               \
	" UNION SELECT employee_id FROM discipline_case WHERE kind = 'absence' AND year = $2 AND status = 'open'"  \
	" AND stage IN ('open', 'summoned', 'missed', 'summoned_again', 'examined')"

static const char SQL_P_SET[] =
	"SELECT e.id, COALESCE(e.supervisor_id, 0), e.unit_id FROM employee e WHERE e.id IN (" SET_SUBQUERY ")"
	" ORDER BY e.id";
static const char SQL_P_TOTALS[] =
	"SELECT employee_id, SUM(CASE WHEN status = 'alpa' THEN 1 ELSE 0 END), SUM(late_min + early_min)"
	" FROM day_account WHERE date >= $3 AND date <= $1 AND employee_id IN (" SET_SUBQUERY ")"
	" GROUP BY employee_id";
/* The run of unexcused days ending on the date, for those absent that day:
 * 45 calendar days hold 10 working days even across the longest holidays. */
static const char SQL_P_RUNS[] =
	"SELECT employee_id, date, status FROM day_account WHERE " CLOSED_DATES("> $2", "$1")
	" AND employee_id IN (SELECT employee_id FROM day_account WHERE date = $1 AND status = 'alpa')"
	" ORDER BY employee_id, date DESC";
/* The same for one employee. */
static const char SQL_P_RUN_ONE[] =
	"SELECT employee_id, date, status FROM day_account WHERE " CLOSED_DATES("> $2", "$1")
	" AND employee_id = $3 ORDER BY date DESC";
/* Above this many candidates one query for all beats one per candidate. */
#define RUNS_ONE_BY_ONE 2000
static const char SQL_P_CASES[] =
	"SELECT id, employee_id, stage, status, COALESCE(proposed_code, ''), salary_stop, counted_days"
	" FROM discipline_case WHERE kind = 'absence' AND year = $1 ORDER BY employee_id, id";
static const char SQL_P_INSERT[] =
	"INSERT INTO discipline_case (employee_id, status, opened_on, note, created_by, created_at, kind, stage, year,"
	" unit_id, counted_days, proposed_code, salary_stop, salary_stop_from, assignee_id, against_case_id, deadline,"
	" next_action) VALUES ($1, 'open', $2, $3, $4, $5, $6, 'open', $7, $8, $9, $10, $11, $12, $13, $14, $15,"
	" 'summon') RETURNING id";
static const char SQL_P_UPDATE_COUNTED[] =
	"UPDATE discipline_case SET counted_days = $2 WHERE id = $1 AND counted_days <> $2";
static const char SQL_P_UPDATE_PROPOSAL[] =
	"UPDATE discipline_case SET proposed_code = $2, counted_days = $3, salary_stop = $4, salary_stop_from = $5"
	" WHERE id = $1";
static const char SQL_P_WITHDRAW[] =
	"UPDATE discipline_case SET status = 'closed', stage = 'withdrawn', closed_on = $2, deadline = NULL,"
	" next_action = NULL WHERE id = $1";

/* A case not decided yet: its proposal may still change (the same stages
 * as SET_SUBQUERY's list). */
static bool stage_undecided(const char *stage)
{
	static const char *const undecided[] = {"open", "summoned", "missed", "summoned_again", "examined"};
	for (size_t i = 0; i < sizeof undecided / sizeof undecided[0]; i++)
		if (!strcmp(stage, undecided[i]))
			return true;
	return false;
}

struct p_emp {
	int64_t id, supervisor_id, unit_id;
	int unexcused;
	long minutes;
	int run;                  /* unexcused run ending on the date */
	int32_t run_reached;      /* the day the run reached the streak length */
	int heaviest;             /* rung index over the year's absence cases, -1 none */
	int64_t undecided_id;     /* the year's case not decided yet */
	int undecided_rung, undecided_counted;
	bool undecided_stop;
	int heaviest_other;       /* over the cases other than the undecided one */
};

static int emp_find(struct p_emp *e, int n, int64_t id)
{
	int lo = 0, hi = n - 1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		if (e[mid].id == id)
			return mid;
		if (e[mid].id < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

struct p_log {
	struct buf opened, raised, lowered, withdrawn, escalated, inaction, closed;
};

static void log_id(struct buf *b, int64_t id)
{
	buf_printf(b, "%s%lld", b->len ? "," : "", (long long)id);
}

static int insert_case(struct db_conn *c, int64_t employee_id, int32_t day, const char *note, const char *actor,
		       const char *kind, int year, int64_t unit_id, int counted, const char *code, bool stop,
		       int32_t stop_from, int64_t assignee, int64_t against, int32_t deadline, int64_t *id)
{
	struct db_stmt *s = db_prepare(c, SQL_P_INSERT);
	if (!s)
		return ERR_DB;
	char now[40];
	clock_now_iso(now, sizeof now);
	db_bind_int(s, 1, employee_id);
	bind_date(s, 2, day);
	db_bind_text(s, 3, note);
	db_bind_text(s, 4, actor);
	db_bind_text(s, 5, now);
	db_bind_text(s, 6, kind);
	db_bind_int(s, 7, year);
	if (unit_id)
		db_bind_int(s, 8, unit_id);
	else
		db_bind_null(s, 8);
	db_bind_int(s, 9, counted);
	bind_opt(s, 10, code);
	db_bind_bool(s, 11, stop);
	bind_date(s, 12, stop ? stop_from : 0);
	if (assignee)
		db_bind_int(s, 13, assignee);
	else
		db_bind_null(s, 13);
	if (against)
		db_bind_int(s, 14, against);
	else
		db_bind_null(s, 14);
	bind_date(s, 15, deadline);
	int rc = run(s, id);
	if (!rc)
		rc = step_insert(c, *id, "open", day, 0, false, note, code, actor);
	return rc;
}

static int load_set(struct db_conn *c, const char *date, int year, struct p_emp **out, int *n)
{
	struct db_stmt *s = db_prepare(c, SQL_P_SET);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, date);
	db_bind_int(s, 2, year);
	int cap = 0, rc;
	*n = 0;
	*out = NULL;
	while ((rc = db_step(s)) == 1) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 256;
			*out = xrealloc(*out, (size_t)cap * sizeof **out);
		}
		struct p_emp *e = &(*out)[(*n)++];
		memset(e, 0, sizeof *e);
		e->id = db_col_int(s, 0);
		e->supervisor_id = db_col_int(s, 1);
		e->unit_id = db_col_int(s, 2);
		e->heaviest = e->undecided_rung = e->heaviest_other = -1;
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

struct p_set {
	struct p_emp *e;
	int n;
};

static int add_tally(void *ctx, int64_t employee_id, int unexcused, long minutes)
{
	struct p_set *ps = ctx;
	int at = emp_find(ps->e, ps->n, employee_id);
	if (at >= 0)
		ps->e[at].unexcused = unexcused, ps->e[at].minutes = minutes;
	return 0;
}

/* The year's sums up to the date: from the tallies (store/tally.h) when
 * they hold the date, else summed from the day accounts (a replay). */
static int load_totals(struct db_conn *c, int32_t day, const char *date, int year, struct p_emp *e, int n,
		       bool *replay)
{
	bool holds_day;
	int rc = tally_advance(c, day, &holds_day);
	*replay = !rc && !holds_day;
	if (rc || holds_day) {
		struct p_set ps = {e, n};
		return rc ? rc : tally_each(c, year, add_tally, &ps);
	}
	struct db_stmt *s = db_prepare(c, SQL_P_TOTALS);
	if (!s)
		return ERR_DB;
	char jan1[DATE_TEXT];
	date_format(date_from_ymd(year, 1, 1), jan1);
	db_bind_text(s, 1, date);
	db_bind_int(s, 2, year);
	db_bind_text(s, 3, jan1);
	while ((rc = db_step(s)) == 1) {
		int at = emp_find(e, n, db_col_int(s, 0));
		if (at >= 0) {
			e[at].unexcused = (int)db_col_int(s, 1);
			e[at].minutes = (long)db_col_int(s, 2);
		}
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

/* The unexcused days of the current employee's run, newest first. */
struct run_acc {
	int at;
	int n;
	int32_t days[64];
};

static void run_finish(const struct run_acc *ra, int streak_days, struct p_emp *e)
{
	if (ra->at < 0)
		return;
	e[ra->at].run = ra->n;
	/* newest first: the run reached its length on its streak_days-th day */
	if (ra->n >= streak_days)
		e[ra->at].run_reached = ra->days[ra->n - streak_days];
}

/* Feed one employee's rows (newest first) into the run; a run counts only
 * when it ends on the date itself with an unexcused day. */
static void run_row(struct run_acc *ra, bool *broken, int32_t day, const char *date, const char *status)
{
	if (*broken)
		return;
	int32_t d;
	if (!date_parse(date, &d))
		return;
	enum ladder_day k = ladder_day_of(status);
	if (ra->n == 0 && (d != day || k != LADDER_DAY_UNEXCUSED)) {
		*broken = true; /* not absent on the date: no run ends there */
		return;
	}
	if (k == LADDER_DAY_UNEXCUSED && ra->n < 64)
		ra->days[ra->n++] = d;
	else if (k != LADDER_DAY_OFF)
		*broken = true;
}

static void bind_run(struct db_stmt *s, int32_t day)
{
	bind_date(s, 1, day);
	bind_date(s, 2, day - 45);
}

/* The run of unexcused days ending on the date. Only who has at least
 * streak_days unexcused days can have such a run; the year's count says
 * that, except early in January, when a run may reach back into December. */
static int load_runs(struct db_conn *c, int32_t day, int streak_days, struct p_emp *e, int n)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	bool all = day - date_from_ymd(y, 1, 1) < 45;
	int candidates = 0;
	for (int i = 0; i < n; i++)
		candidates += all || e[i].unexcused >= streak_days;
	int rc = 0;
	if (candidates <= RUNS_ONE_BY_ONE) {
		for (int i = 0; !rc && i < n; i++) {
			if (!all && e[i].unexcused < streak_days)
				continue;
			struct db_stmt *s = db_prepare(c, SQL_P_RUN_ONE);
			if (!s)
				return ERR_DB;
			bind_run(s, day);
			db_bind_int(s, 3, e[i].id);
			struct run_acc ra = {.at = i};
			bool broken = false;
			while ((rc = db_step(s)) == 1)
				run_row(&ra, &broken, day, db_col_text(s, 1), db_col_text(s, 2));
			db_reset(s);
			rc = rc < 0 ? rc : 0;
			run_finish(&ra, streak_days, e);
		}
		return rc;
	}
	struct db_stmt *s = db_prepare(c, SQL_P_RUNS);
	if (!s)
		return ERR_DB;
	bind_run(s, day);
	int64_t cur = 0;
	bool broken = false;
	struct run_acc ra = {.at = -1};
	while ((rc = db_step(s)) == 1) {
		int64_t id = db_col_int(s, 0);
		if (id != cur) {
			run_finish(&ra, streak_days, e);
			cur = id;
			ra.at = emp_find(e, n, id);
			ra.n = 0;
			broken = ra.at < 0;
		}
		run_row(&ra, &broken, day, db_col_text(s, 1), db_col_text(s, 2));
	}
	run_finish(&ra, streak_days, e);
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static int load_year_cases(struct db_conn *c, int year, const struct ladder_version *v, struct p_emp *e, int n)
{
	struct db_stmt *s = db_prepare(c, SQL_P_CASES);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, year);
	int rc;
	while ((rc = db_step(s)) == 1) {
		int at = emp_find(e, n, db_col_int(s, 1));
		if (at < 0)
			continue;
		const char *stage = db_col_text(s, 2), *status = db_col_text(s, 3);
		if (!strcmp(stage, "withdrawn"))
			continue;
		int ri = rung_index(v, db_col_text(s, 4));
		struct p_emp *p = &e[at];
		if (ri > p->heaviest)
			p->heaviest = ri;
		bool undecided = !strcmp(status, "open") && stage_undecided(stage);
		if (undecided && !p->undecided_id) {
			p->undecided_id = db_col_int(s, 0);
			p->undecided_rung = ri;
			p->undecided_stop = db_col_bool(s, 5);
			p->undecided_counted = (int)db_col_int(s, 6);
		} else if (ri > p->heaviest_other) {
			p->heaviest_other = ri;
		}
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

/* The set of a date with everything the ladder needs about each member;
 * *replay: an earlier date than the tallies hold, processed again. */
static int load_day(struct db_conn *c, int32_t day, const struct ladder_version *v, struct p_emp **e, int *n,
		    bool *replay)
{
	char date[DATE_TEXT];
	date_format(day, date);
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	uint64_t t0 = clock_mono_ns(); /* FLEKSI_CLOSE_TRACE=1 prints the phases */
	int rc = load_set(c, date, y, e, n);
	uint64_t t1 = clock_mono_ns();
	if (!rc)
		rc = load_totals(c, day, date, y, *e, *n, replay);
	uint64_t t2 = clock_mono_ns();
	if (!rc)
		rc = load_runs(c, day, v->streak_days, *e, *n);
	uint64_t t3 = clock_mono_ns();
	if (!rc)
		rc = load_year_cases(c, y, v, *e, *n);
	if (getenv("FLEKSI_CLOSE_TRACE"))
		fprintf(stderr, "cases set %.0f totals %.0f runs %.0f cases %.0f\n", (t1 - t0) / 1e6, (t2 - t1) / 1e6,
			(t3 - t2) / 1e6, (clock_mono_ns() - t3) / 1e6);
	return rc;
}

/* What the ladder proposes for one member on the date. */
struct p_proposal {
	const struct ladder_rung *rung; /* NULL: nothing due */
	int index;                      /* rung's index, -1 none */
	int counted;
	bool stop;                      /* salary stop (the streak) */
	int32_t stop_from;
	char note[96];
};

static int propose(struct db_conn *c, const struct p_emp *p, int32_t day, const struct ladder_version *v,
		   struct p_proposal *out)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	int counted = ladder_counted_days(v, p->unexcused, p->minutes);
	int streak = p->run;
	int32_t reached = 0;
	struct discipline_year dy;
	int rc;
	if (streak >= v->streak_days) {
		reached = p->run_reached;
	} else if (p->undecided_stop) {
		/* a salary stop already proposed: keep it while the year still
		 * holds such a streak (a late leave may have broken it) */
		if ((rc = discipline_year_get(c, p->id, y, day, &dy)))
			return rc;
		if (dy.salary_stop) {
			streak = dy.longest_streak;
			reached = parse_or0(dy.salary_stop_from) - 1;
		}
	}
	bool stop;
	const struct ladder_rung *prop = ladder_proposal(v, counted, streak, &stop);
	int pi = prop ? (int)(prop - v->rungs) : -1;
	if (p->undecided_id && (pi < p->undecided_rung || (!stop && p->undecided_stop))) {
		/* Lower only on what is known now: replaying an earlier date
		 * (a re-close) must not undo what later dates have shown. */
		if ((rc = discipline_year_get(c, p->id, y, INT32_MAX, &dy)))
			return rc;
		int now_i = dy.proposed ? (int)(dy.proposed - v->rungs) : -1;
		if (now_i > pi || (dy.salary_stop && !stop)) {
			prop = dy.proposed, pi = now_i, stop = dy.salary_stop, counted = dy.counted_days;
			reached = parse_or0(dy.salary_stop_from) - 1;
		}
	}
	out->rung = prop, out->index = pi, out->counted = counted, out->stop = stop;
	out->stop_from = stop && reached ? next_month_start(reached) : 0;
	snprintf(out->note, sizeof out->note, "%d counted days (%d unexcused, %ld minutes late/early)%s", counted,
		 p->unexcused, p->minutes, stop ? "; 10 consecutive unexcused working days" : "");
	return 0;
}

/* Bring p's undecided case in line with the proposal: its counted days,
 * a raised or lowered proposal, or withdrawn when an earlier case of the
 * year already covers what is due. */
static int update_undecided(struct db_conn *c, const struct p_emp *p, const struct p_proposal *pr, int32_t day,
			    bool replay, const char *actor, struct cases_process_stats *st, struct p_log *lg)
{
	struct db_stmt *s;
	int rc;
	if (pr->index == p->undecided_rung && pr->stop == p->undecided_stop) {
		/* same proposal: no step, but the case shows the days counted so far
		 * (a replay shows fewer days than later dates did: kept) */
		if (pr->counted == p->undecided_counted || (replay && pr->counted < p->undecided_counted))
			return 0;
		if (!(s = db_prepare(c, SQL_P_UPDATE_COUNTED)))
			return ERR_DB;
		db_bind_int(s, 1, p->undecided_id);
		db_bind_int(s, 2, pr->counted);
		return run(s, NULL);
	}
	if (pr->index <= p->heaviest_other) {
		if (!(s = db_prepare(c, SQL_P_WITHDRAW)))
			return ERR_DB;
		db_bind_int(s, 1, p->undecided_id);
		bind_date(s, 2, day);
		if (!(rc = run(s, NULL)))
			rc = step_insert(c, p->undecided_id, "withdraw", day, 0, false, pr->note, NULL, actor);
		st->withdrawn++;
		log_id(&lg->withdrawn, p->undecided_id);
		return rc;
	}
	if (!(s = db_prepare(c, SQL_P_UPDATE_PROPOSAL)))
		return ERR_DB;
	bool raise = pr->index > p->undecided_rung;
	db_bind_int(s, 1, p->undecided_id);
	db_bind_text(s, 2, pr->rung->code);
	db_bind_int(s, 3, pr->counted);
	db_bind_bool(s, 4, pr->stop);
	bind_date(s, 5, pr->stop ? pr->stop_from : 0);
	if (!(rc = run(s, NULL)))
		rc = step_insert(c, p->undecided_id, raise ? "raise" : "lower", day, 0, false, pr->note, pr->rung->code,
				 actor);
	if (raise)
		st->raised++, log_id(&lg->raised, p->undecided_id);
	else
		st->lowered++, log_id(&lg->lowered, p->undecided_id);
	return rc;
}

/* Recompute each employee's year and open, raise, lower or withdraw. */
static int process_totals(struct db_conn *c, int32_t day, const char *actor, const struct settings *set,
			  const struct ladder_version *v, const struct case_calendar *cc, struct cases_process_stats *st,
			  struct p_log *lg)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	struct p_emp *e = NULL;
	int n = 0;
	bool replay = false;
	int rc = load_day(c, day, v, &e, &n, &replay);
	uint64_t t0 = clock_mono_ns();
	st->employees = n;
	for (int i = 0; !rc && i < n; i++) {
		struct p_emp *p = &e[i];
		struct p_proposal pr;
		if ((rc = propose(c, p, day, v, &pr)))
			break;
		if (p->undecided_id) {
			rc = update_undecided(c, p, &pr, day, replay, actor, st, lg);
		} else if (pr.index > p->heaviest) {
			int64_t id;
			rc = insert_case(c, p->id, day, pr.note, actor, "absence", y, p->unit_id, pr.counted, pr.rung->code,
					 pr.stop, pr.stop_from, p->supervisor_id, 0,
					 cc->add_working_days(cc->ctx, day, set->rules.summon_within_wd), &id);
			st->opened++;
			log_id(&lg->opened, id);
		}
	}
	free(e);
	if (getenv("FLEKSI_CLOSE_TRACE"))
		fprintf(stderr, "cases loop %.0f\n", (clock_mono_ns() - t0) / 1e6);
	return rc;
}

/* Each employee's supervisor and unit, for the escalations of one date:
 * from memory when many are due (a month replayed at once), else asked. */
struct p_staff {
	int64_t *id, *supervisor, *unit;
	long n;
};

static const char SQL_STAFF_ONE[] = "SELECT COALESCE(supervisor_id, 0), unit_id FROM employee WHERE id = $1";
static const char SQL_STAFF_ALL[] = "SELECT id, COALESCE(supervisor_id, 0), unit_id FROM employee ORDER BY id";
#define STAFF_IN_MEMORY 256 /* due cases from which loading everyone pays */

static int staff_load(struct db_conn *c, struct p_staff *t)
{
	struct db_stmt *s = db_prepare(c, SQL_STAFF_ALL);
	if (!s)
		return ERR_DB;
	long cap = 0;
	int rc;
	while ((rc = db_step(s)) == 1) {
		if (t->n == cap) {
			cap = cap ? cap * 2 : 4096;
			t->id = xrealloc(t->id, (size_t)cap * sizeof *t->id);
			t->supervisor = xrealloc(t->supervisor, (size_t)cap * sizeof *t->supervisor);
			t->unit = xrealloc(t->unit, (size_t)cap * sizeof *t->unit);
		}
		t->id[t->n] = db_col_int(s, 0);
		t->supervisor[t->n] = db_col_int(s, 1);
		t->unit[t->n++] = db_col_int(s, 2);
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static void staff_free(struct p_staff *t)
{
	free(t->id), free(t->supervisor), free(t->unit);
}

static int staff_of(struct db_conn *c, const struct p_staff *t, int64_t id, int64_t *supervisor, int64_t *unit)
{
	*supervisor = *unit = 0;
	if (t->n) {
		long lo = 0, hi = t->n - 1;
		while (lo <= hi) {
			long mid = (lo + hi) / 2;
			if (t->id[mid] == id) {
				*supervisor = t->supervisor[mid], *unit = t->unit[mid];
				return 0;
			}
			if (t->id[mid] < id)
				lo = mid + 1;
			else
				hi = mid - 1;
		}
		return 0;
	}
	struct db_stmt *s = db_prepare(c, SQL_STAFF_ONE);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, id);
	int rc = db_step(s);
	if (rc == 1)
		*supervisor = db_col_int(s, 0), *unit = db_col_int(s, 1);
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static int due_load(struct db_conn *c, int32_t day, struct case_rec **out, int *n)
{
	struct db_stmt *s = db_prepare(c, SQL_REC_DUE);
	if (!s)
		return ERR_DB;
	bind_date(s, 1, day);
	int cap = 0, rc;
	*n = 0;
	*out = NULL;
	while ((rc = db_step(s)) == 1) {
		if (*n == cap)
			*out = xrealloc(*out, (size_t)(cap = cap ? cap * 2 : 64) * sizeof **out);
		rec_read(s, &(*out)[(*n)++]);
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

/* The open inaction cases of a kind against an employee in a year. The
 * kind is written into the SQL, not bound: SQLite prepares a statement
 * again whenever a parameter that might decide a partial index's use is
 * bound (discipline_case_absence has "kind = 'absence'"), 40 us a lookup.
 * The stage is tested in C: an IN list costs a temporary index per run. */
#define SQL_INACTION_OPEN(kind)                                                                                    \
	"SELECT id, COALESCE(proposed_code, ''), stage FROM discipline_case WHERE employee_id = $1 AND year = $2"  \
	" AND kind = '" kind "' AND status = 'open' ORDER BY id"
static const char SQL_SUPERVISOR_INACTION_OPEN[] = SQL_INACTION_OPEN("supervisor_inaction");
static const char SQL_OFFICIAL_INACTION_OPEN[] = SQL_INACTION_OPEN("official_inaction");
static const char SQL_PROPOSAL_SET[] = "UPDATE discipline_case SET proposed_code = $2 WHERE id = $1";

/* who let a deadline pass (note says which): open an inaction case against
 * them proposing rung, or, while one of that kind is undecided, join the
 * failure to it, raising its proposal if rung is heavier. One process and
 * one sanction for several violations, the heaviest (RULES.md §4), as for
 * absences: a supervisor who let thirty cases pass is examined once, not
 * thirty times, and cases do not multiply up the chain. *id: the case. */
static int inaction_case(struct db_conn *c, int64_t who, int32_t day, int year, bool official, int64_t unit,
			 int64_t to, int64_t against, const struct ladder_rung *rung, const char *note, const char *actor,
			 int32_t deadline, int64_t *id, bool *opened)
{
	struct db_stmt *s = db_prepare(c, official ? SQL_OFFICIAL_INACTION_OPEN : SQL_SUPERVISOR_INACTION_OPEN);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, who);
	db_bind_int(s, 2, year);
	int rc;
	char current[32] = "";
	*id = 0;
	while ((rc = db_step(s)) == 1) {
		if (stage_undecided(db_col_text(s, 2))) {
			*id = db_col_int(s, 0);
			snprintf(current, sizeof current, "%s", db_col_text(s, 1));
			break;
		}
	}
	db_reset(s);
	if (rc < 0)
		return rc;
	*opened = !*id;
	if (!*id)
		return insert_case(c, who, day, note, actor, official ? "official_inaction" : "supervisor_inaction", year,
				   unit, 0, rung->code, false, 0, to, against, deadline, id);
	const struct ladder_version *v = ladder_builtin();
	if (rung_index(v, rung->code) <= rung_index(v, current))
		return step_insert(c, *id, "join", day, 0, false, note, NULL, actor);
	if (!(s = db_prepare(c, SQL_PROPOSAL_SET)))
		return ERR_DB;
	db_bind_int(s, 1, *id);
	db_bind_text(s, 2, rung->code);
	if ((rc = run(s, NULL)))
		return rc;
	return step_insert(c, *id, "raise", day, 0, false, note, rung->code, actor);
}

static const char SQL_ESCALATION_INSERT[] =
	"INSERT INTO case_escalation (case_id, date, missed_action, deadline, from_employee_id, to_employee_id,"
	" inaction_case_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";

static int escalation_insert(struct db_conn *c, int64_t case_id, int32_t day, enum case_action missed,
			     const char *deadline, int64_t from, int64_t to, int64_t inaction)
{
	struct db_stmt *s = db_prepare(c, SQL_ESCALATION_INSERT);
	if (!s)
		return ERR_DB;
	char now[40];
	clock_now_iso(now, sizeof now);
	db_bind_int(s, 1, case_id);
	bind_date(s, 2, day);
	db_bind_text(s, 3, case_action_name(missed));
	db_bind_text(s, 4, deadline);
	db_bind_int(s, 5, from);
	if (to)
		db_bind_int(s, 6, to);
	else
		db_bind_null(s, 6);
	db_bind_int(s, 7, inaction);
	db_bind_text(s, 8, now);
	return run(s, NULL);
}

/* Case r's deadline for pending passed on day: r moves up from who to
 * who's supervisor, and who answers for it in an inaction case. */
static int escalate(struct db_conn *c, struct case_rec *r, int32_t day, const char *actor, const struct settings *set,
		    const struct case_calendar *cc, const struct p_staff *staff, enum case_action pending,
		    int32_t old_deadline, int64_t who, struct cases_process_stats *st, struct p_log *lg)
{
	int64_t to, unit;
	int rc = staff_of(c, staff, who, &to, &unit);
	if (rc)
		return rc;
	const struct ladder_version *v = ladder_builtin();
	const struct ladder_rung *heavier = ladder_one_step_heavier(v, ladder_rung_by_code(v, r->proposed));
	char note[160], dl[DATE_TEXT];
	fmt(old_deadline, dl);
	snprintf(note, sizeof note, "let the deadline %s for %s pass on case %lld", dl, case_action_name(pending),
		 (long long)r->id);
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	int64_t inaction;
	bool opened;
	if ((rc = inaction_case(c, who, day, y, pending == CASE_ACT_DECIDE, unit, to, r->id, heavier, note, actor,
				cc->add_working_days(cc->ctx, day, set->rules.summon_within_wd), &inaction, &opened)))
		return rc;
	r->assignee_id = to;
	r->escalations++;
	enum case_action next;
	int32_t nd = case_deadline_restart(&r->st, &set->rules, cc, day, &next);
	if ((rc = rec_save(c, r, nd, next)) || (rc = escalation_insert(c, r->id, day, pending, dl, who, to, inaction)))
		return rc;
	rc = step_insert(c, r->id, "escalate", day, 0, false, note, NULL, actor);
	st->escalated++;
	log_id(&lg->escalated, r->id);
	if (opened)
		st->inaction++, log_id(&lg->inaction, inaction);
	return rc;
}

/* Deadlines that fell before the date: escalate, or close a delivered case
 * whose response period is over. */
static int process_deadlines(struct db_conn *c, int32_t day, const char *actor, const struct settings *set,
			     const struct case_calendar *cc, struct cases_process_stats *st, struct p_log *lg)
{
	struct case_rec *due = NULL;
	int n = 0;
	int rc = due_load(c, day, &due, &n);
	struct p_staff staff = {0};
	if (!rc && n >= STAFF_IN_MEMORY)
		rc = staff_load(c, &staff);
	for (int i = 0; !rc && i < n; i++) {
		struct case_rec *r = &due[i];
		enum case_action pending;
		int32_t old_deadline = case_deadline(&r->st, &set->rules, cc, &pending);
		if (r->st.status == CASE_DELIVERED) {
			r->st.status = CASE_CLOSED;
			r->st.closed_on = day;
			if (!(rc = rec_save(c, r, INT32_MIN, CASE_ACT_N)))
				rc = step_insert(c, r->id, "close", day, 0, false, "response period over", NULL, actor);
			st->closed++;
			log_id(&lg->closed, r->id);
			continue;
		}
		/* Who let it pass: the competent official for a decision, else the assignee. */
		int64_t who = r->assignee_id;
		if (pending == CASE_ACT_DECIDE) {
			struct case_decider dd;
			if ((rc = decider_of(c, r, level_for(NULL, r->proposed), &dd)))
				break;
			who = dd.employee_id;
		}
		if (who) /* nobody above: it stays overdue in the compliance view for admin_bkd */
			rc = escalate(c, r, day, actor, set, cc, &staff, pending, old_deadline, who, st, lg);
	}
	staff_free(&staff);
	free(due);
	return rc;
}

static int process_audit(struct db_conn *c, const char *actor, const char *date, struct p_log *lg)
{
	struct buf b;
	buf_init(&b, 8u << 20);
	buf_puts(&b, "{\"date\":");
	buf_json_string(&b, date);
	struct buf *parts[] = {&lg->opened, &lg->raised, &lg->lowered, &lg->withdrawn, &lg->escalated, &lg->inaction,
			       &lg->closed};
	static const char *const names[] = {"opened", "raised", "lowered", "withdrawn", "escalated", "inaction", "closed"};
	bool any = false;
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		buf_printf(&b, ",\"%s\":[%s]", names[i], parts[i]->len ? parts[i]->data : "");
		any |= parts[i]->len > 0;
	}
	buf_puts(&b, "}");
	int rc = 0;
	if (any) {
		char object[32];
		snprintf(object, sizeof object, "day:%s", date);
		struct audit_event ev = {actor, "cases.process", object, NULL, b.data};
		rc = b.len < b.max ? audit_append(c, &ev) : ERR_TOO_BIG;
	}
	buf_free(&b);
	return rc;
}

int cases_process_day(struct db *db, int32_t day, const char *actor, struct cases_process_stats *st)
{
	memset(st, 0, sizeof *st);
	st->day = day;
	char date[DATE_TEXT];
	date_format(day, date);
	struct db_conn *c = db_acquire(db);
	struct p_log lg;
	struct buf *parts[] = {&lg.opened, &lg.raised, &lg.lowered, &lg.withdrawn, &lg.escalated, &lg.inaction,
			       &lg.closed};
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
		buf_init(parts[i], 4u << 20);
	struct settings set;
	struct ladder_version v;
	struct calendar cal;
	struct case_calendar cc;
	bool have_cal = false;
	int64_t closes = 0;
	int rc = db_begin_write(c);
	if (!rc) {
		struct db_stmt *s = db_prepare(c, "SELECT closes FROM day_close WHERE date = $1");
		if (!s)
			rc = ERR_DB;
		else {
			db_bind_text(s, 1, date);
			int r = db_step(s);
			if (r == 1)
				closes = db_col_int(s, 0);
			db_reset(s);
			rc = r < 0 ? r : r == 0 ? ERR_CONFLICT : 0;
		}
	}
	if (!rc)
		rc = settings_load(c, &set);
	if (!rc && !(rc = calendar_for(c, day, &cal, &cc)))
		have_cal = true;
	if (!rc) {
		ladder_with(&set, &v);
		uint64_t t = clock_mono_ns();
		rc = process_deadlines(c, day, actor, &set, &cc, st, &lg);
		if (getenv("FLEKSI_CLOSE_TRACE"))
			fprintf(stderr, "cases deadlines %.0f\n", (clock_mono_ns() - t) / 1e6);
	}
	if (!rc)
		rc = process_totals(c, day, actor, &set, &v, &cc, st, &lg);
	if (!rc) {
		struct db_stmt *s = db_prepare(c, "INSERT INTO case_processed (date, closes, opened, escalated, processed_at)"
						  " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (date) DO UPDATE SET"
						  " closes = excluded.closes, opened = excluded.opened,"
						  " escalated = excluded.escalated, processed_at = excluded.processed_at");
		if (!s)
			rc = ERR_DB;
		else {
			char now[40];
			clock_now_iso(now, sizeof now);
			db_bind_text(s, 1, date);
			db_bind_int(s, 2, closes);
			db_bind_int(s, 3, st->opened);
			db_bind_int(s, 4, st->escalated);
			db_bind_text(s, 5, now);
			rc = run(s, NULL);
		}
	}
	if (!rc)
		rc = process_audit(c, actor, date, &lg);
	uint64_t tc = clock_mono_ns();
	if (!rc)
		rc = db_commit(c);
	else
		db_rollback(c);
	if (getenv("FLEKSI_CLOSE_TRACE"))
		fprintf(stderr, "cases commit %.0f\n", (clock_mono_ns() - tc) / 1e6);
	if (have_cal)
		calendar_free(&cal);
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
		buf_free(parts[i]);
	db_release(db, c);
	return rc;
}

int cases_process_due(struct db *db, const char *holder, int64_t now, int *processed)
{
	*processed = 0;
	struct db_conn *c = db_acquire(db);
	struct due { int32_t day; int64_t closes; } due[62];
	int n = 0;
	int rc = db_begin_read(c);
	if (!rc) {
		struct db_stmt *s = db_prepare(c, "SELECT d.date, d.closes FROM day_close d LEFT JOIN case_processed p"
						  " ON p.date = d.date WHERE p.date IS NULL OR p.closes < d.closes"
						  " ORDER BY d.date LIMIT 62");
		if (!s)
			rc = ERR_DB;
		else {
			int r;
			while ((r = db_step(s)) == 1)
				if (date_parse(db_col_text(s, 0), &due[n].day))
					due[n++].closes = db_col_int(s, 1);
			db_reset(s);
			rc = r < 0 ? r : 0;
		}
	}
	db_rollback(c);
	for (int i = 0; !rc && i < n; i++) {
		char period[48], date[DATE_TEXT];
		date_format(due[i].day, date);
		snprintf(period, sizeof period, "%s:%lld", date, (long long)due[i].closes);
		bool claimed = false;
		int r = db_begin_write(c);
		if (!r)
			r = jobs_run_claim(c, "cases_day", period, holder, now, &claimed);
		if (!r)
			r = db_commit(c);
		else
			db_rollback(c);
		if (r || !claimed)
			continue;
		struct cases_process_stats st;
		r = cases_process_day(db, due[i].day, "system", &st);
		if (r)
			log_warn("processing cases of %s failed: %s", date, err_name(r));
		else
			log_info("cases of %s: %ld opened, %ld escalated", date, st.opened, st.escalated);
		if (!db_begin_write(c)) {
			if (jobs_run_finish(c, "cases_day", period, now, r ? err_name(r) : "ok") || db_commit(c))
				db_rollback(c);
		}
		*processed += !r;
	}
	db_release(db, c);
	return rc;
}

/* ---- compliance ---- */

static const char SQL_COMPLIANCE[] =
	"SELECT dc.stage, dc.status, dc.kind, CASE WHEN dc.status = 'open' AND dc.deadline IS NOT NULL"
	" AND dc.deadline < $2 THEN 1 ELSE 0 END, dc.escalations, u.path FROM discipline_case dc"
	" JOIN employee e ON e.id = dc.employee_id JOIN unit u ON u.id = e.unit_id"
	" WHERE u.path LIKE CAST($1 AS TEXT) || '%'";

struct cu {
	char code[40], name[256], path[ROLES_PATH_MAX];
	long open_cases, overdue, escalations;
};

int cases_compliance(struct db_conn *c, const char *unit_path, int64_t unit_id, const char *today,
		     struct compliance_totals *t, int (*cb)(void *ctx, const struct compliance_unit_row *r), void *ctx)
{
	memset(t, 0, sizeof *t);
	struct db_stmt *s = db_prepare(c, unit_id ? "SELECT code, name, path FROM unit WHERE parent_id = $1 ORDER BY path"
						  : "SELECT code, name, path FROM unit WHERE parent_id IS NULL"
						    " AND CAST($1 AS BIGINT) = 0 ORDER BY path");
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, unit_id);
	struct cu *u = NULL;
	int n = 0, cap = 0, rc;
	while ((rc = db_step(s)) == 1) {
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			u = xrealloc(u, (size_t)cap * sizeof *u);
		}
		memset(&u[n], 0, sizeof u[n]);
		snprintf(u[n].code, sizeof u[n].code, "%s", db_col_text(s, 0));
		snprintf(u[n].name, sizeof u[n].name, "%s", db_col_text(s, 1));
		snprintf(u[n].path, sizeof u[n].path, "%s", db_col_text(s, 2));
		n++;
	}
	db_reset(s);
	if (rc >= 0 && !(s = db_prepare(c, SQL_COMPLIANCE)))
		rc = ERR_DB;
	if (rc >= 0) {
		db_bind_text(s, 1, unit_path ? unit_path : "");
		db_bind_text(s, 2, today);
		while ((rc = db_step(s)) == 1) {
			const char *stage = db_col_text(s, 0), *status = db_col_text(s, 1), *kind = db_col_text(s, 2);
			bool open = !strcmp(status, "open"), overdue = db_col_int(s, 3) != 0;
			long esc = (long)db_col_int(s, 4);
			const char *path = db_col_text(s, 5);
			int si = !strcmp(stage, "withdrawn") ? 8 : !open ? CASE_CLOSED : case_status_parse(stage);
			if (si >= 0)
				t->by_status[si]++;
			t->open_cases += open;
			t->overdue_steps += overdue;
			t->escalations += esc;
			t->inaction_cases += open && strcmp(kind, "absence");
			for (int i = 0; i < n; i++)
				if (!strncmp(path, u[i].path, strlen(u[i].path))) {
					u[i].open_cases += open, u[i].overdue += overdue, u[i].escalations += esc;
					break;
				}
		}
		db_reset(s);
	}
	for (int i = 0; rc >= 0 && i < n; i++) {
		struct compliance_unit_row r = {u[i].code, u[i].name, u[i].open_cases, u[i].overdue, u[i].escalations};
		if (cb(ctx, &r))
			break;
	}
	free(u);
	return rc < 0 ? rc : 0;
}
