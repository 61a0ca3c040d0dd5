/* attendance.c (store) - closing days into day accounts and violations; see
 * store/attendance.h.
 *
 * One date is closed in three steps: load (a handful of bulk queries into
 * arrays indexed like the sorted employee list), decide (domain/day.h, in
 * memory) and write (only changed rows, in multi-row upserts). The same code
 * recomputes one employee (a late leave) and computes a live day (not
 * written) by narrowing the loads to that employee. */
#include "store/attendance.h"
#include "store/partitions.h"
#include "store/tally.h"
#include "store/audit.h"
#include "store/calendar.h"
#include "store/confirmations.h"
#include "store/eligibility.h"
#include "store/jobs.h"
#include "store/schedule.h"
#include "store/worklog.h"
#include "core/clock.h"
#include "core/date.h"
#include "core/err.h"
#include "core/log.h"
#include "core/mem.h"
#include "domain/day.h"
#include "domain/presence.h"
#include "domain/worklog.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- SQL ---- */

static const char SQL_EMPS_ALL[] =
	"SELECT id, unit_id FROM employee WHERE active = TRUE AND appointed_on <= $1 ORDER BY id";
static const char SQL_EMPS_RANGE[] =
	"SELECT id, unit_id, appointed_on FROM employee WHERE active = TRUE ORDER BY id";
static const char SQL_EMPS_ONE[] =
	"SELECT id, unit_id FROM employee WHERE active = TRUE AND appointed_on <= $1 AND id = $2";
static const char SQL_LEAVES_ALL[] =
	"SELECT employee_id, id, kind FROM employee_leave WHERE status = 'active' AND date_from <= $1 AND date_to >= $1";
static const char SQL_LEAVES_ONE[] =
	"SELECT employee_id, id, kind FROM employee_leave WHERE status = 'active' AND date_from <= $1 AND date_to >= $1"
	" AND employee_id = $2";
static const char SQL_PLANS_ALL[] =
	"SELECT employee_id, id, mode FROM plan WHERE date = $1 AND status = 'approved'";
static const char SQL_PLANS_ONE[] =
	"SELECT employee_id, id, mode FROM plan WHERE date = $1 AND status = 'approved' AND employee_id = $2";
static const char SQL_CHECKINS_ALL[] =
	"SELECT employee_id, id, kind, local_minute, flag_mask, COALESCE(distance_m, -1) FROM checkin WHERE work_date = $1";
static const char SQL_CHECKINS_ONE[] =
	"SELECT employee_id, id, kind, local_minute, flag_mask, COALESCE(distance_m, -1) FROM checkin"
	" WHERE work_date = $1 AND employee_id = $2";
#define OLD_COLUMNS                                                                                                \
	"SELECT employee_id, status, late_min, early_min, net_min, violations, flags, plan_mode, COALESCE(plan_id, 0),"  \
	" COALESCE(leave_id, 0), schedule_code, COALESCE(start_min, -1), COALESCE(end_min, -1), COALESCE(in_min, -1),"  \
	" COALESCE(out_min, -1), version, unit_id, confirmations_missed FROM day_account WHERE date = $1"
/* Daily reports of the date (migration 011): sent on time or late. */
static const char SQL_REPORTS_ALL[] = "SELECT employee_id, id, late, late_min FROM daily_report WHERE date = $1";
static const char SQL_REPORTS_ONE[] =
	"SELECT employee_id, id, late, late_min FROM daily_report WHERE date = $1 AND employee_id = $2";
static const char SQL_OLD_ALL[] = OLD_COLUMNS;
static const char SQL_OLD_ONE[] = OLD_COLUMNS " AND employee_id = $2";
static const char SQL_VIOL_DELETE_DATE[] = "DELETE FROM day_violation WHERE date = $1 AND kind <> 'citizen_report'";
static const char SQL_VIOL_DELETE_ONE[] = "DELETE FROM day_violation WHERE employee_id = $1 AND date = $2 AND kind <> 'citizen_report'";
static const char SQL_VIOL_COUNT[] = "SELECT COUNT(*) FROM day_violation WHERE date = $1";
static const char SQL_CLOSE_UPSERT[] =
	"INSERT INTO day_close (date, working_day, employees, changed, closes, closed_by, closed_at, duration_ms)"
	" VALUES ($1, $2, $3, $4, 1, $5, $6, $7) ON CONFLICT (date) DO UPDATE SET working_day = excluded.working_day,"
	" employees = excluded.employees, changed = excluded.changed, closes = day_close.closes + 1,"
	" closed_by = excluded.closed_by, closed_at = excluded.closed_at, duration_ms = excluded.duration_ms";
static const char SQL_CLOSED_IN[] = "SELECT date FROM day_close WHERE date >= $1 AND date <= $2 ORDER BY date";
static const char SQL_CLOSED_ONE[] = "SELECT 1 FROM day_close WHERE date = $1";
static const char SQL_CLOSED_SINCE[] =
	"SELECT date, working_day, closes FROM day_close WHERE date >= $1 ORDER BY date";
static const char SQL_SETTING[] = "SELECT close_at_min, lookback_days, enabled FROM attendance_setting WHERE id = 1";
static const char SQL_INSTALLED[] = "SELECT applied_at FROM schema_migration WHERE version = 8";

/* Rows per multi-row statement: the PostgreSQL engine binds at most 4096
 * parameters (db_pg.c). */
#define ACCOUNT_COLS 19
#define ACCOUNT_BATCH 200
#define VIOL_COLS 7
#define VIOL_BATCH 400

static const char ACCOUNT_INSERT_HEAD[] =
	"INSERT INTO day_account (employee_id, date, unit_id, status, late_min, early_min, net_min, violations, flags,"
	" plan_mode, plan_id, leave_id, schedule_code, start_min, end_min, in_min, out_min, closed_at,"
	" confirmations_missed) VALUES ";
static const char ACCOUNT_INSERT_TAIL[] =
	" ON CONFLICT (employee_id, date) DO UPDATE SET unit_id = excluded.unit_id, status = excluded.status,"
	" late_min = excluded.late_min, early_min = excluded.early_min, net_min = excluded.net_min,"
	" violations = excluded.violations, flags = excluded.flags, plan_mode = excluded.plan_mode,"
	" plan_id = excluded.plan_id, leave_id = excluded.leave_id, schedule_code = excluded.schedule_code,"
	" start_min = excluded.start_min, end_min = excluded.end_min, in_min = excluded.in_min,"
	" out_min = excluded.out_min, closed_at = excluded.closed_at, confirmations_missed = excluded.confirmations_missed,"
	" version = day_account.version + 1";
static const char VIOL_INSERT_HEAD[] =
	"INSERT INTO day_violation (employee_id, date, unit_id, kind, minutes, count, evidence) VALUES ";

/* The multi-row statements are built once; the statement cache keys on
 * their (stable) addresses. */
static char *sql_account_one, *sql_account_batch, *sql_viol_one, *sql_viol_batch;
static pthread_once_t sql_once = PTHREAD_ONCE_INIT;

static char *values_sql(const char *head, const char *tail, int cols, int rows)
{
	struct buf b;
	buf_init(&b, 1 << 20);
	buf_puts(&b, head);
	int p = 1;
	for (int r = 0; r < rows; r++) {
		buf_puts(&b, r ? ",(" : "(");
		for (int k = 0; k < cols; k++)
			buf_printf(&b, k ? ",$%d" : "$%d", p++);
		buf_puts(&b, ")");
	}
	buf_puts(&b, tail);
	return buf_steal(&b);
}

static void build_sql(void)
{
	sql_account_one = values_sql(ACCOUNT_INSERT_HEAD, ACCOUNT_INSERT_TAIL, ACCOUNT_COLS, 1);
	sql_account_batch = values_sql(ACCOUNT_INSERT_HEAD, ACCOUNT_INSERT_TAIL, ACCOUNT_COLS, ACCOUNT_BATCH);
	sql_viol_one = values_sql(VIOL_INSERT_HEAD, "", VIOL_COLS, 1);
	sql_viol_batch = values_sql(VIOL_INSERT_HEAD, "", VIOL_COLS, VIOL_BATCH);
}

/* ---- what one date needs ---- */

struct emp_day {
	int64_t id, unit_id;
	/* inputs */
	int64_t leave_id, plan_id, in_id, out_id;
	int leave_kind;                /* enum day_leave_kind, -1 none */
	enum day_plan plan;
	bool eligible;
	int in_min, out_min;           /* -1 none */
	unsigned in_mask, out_mask;
	double in_dist, out_dist;      /* -1 unknown */
	/* reachability confirmations and the daily report (migration 011) */
	uint8_t conf_ok, conf_late;    /* seqs answered on time / late (bits) */
	int8_t conf_n;                 /* moments asked that day (after decide) */
	int16_t conf_due[WORKLOG_CONFIRMATIONS_MAX], conf_late_min[WORKLOG_CONFIRMATIONS_MAX];
	int64_t report_id;             /* 0: none sent */
	bool report_late;
	int report_late_min;
	/* outcome */
	struct day_account acc;
	struct workday work;
	unsigned flags;
	/* the stored row, when closed before */
	bool has_old, changed;
	int old_version;
	int old_unexcused, old_minutes;  /* what the ladder counted of it */
};

struct old_row {
	int64_t employee_id, unit_id, plan_id, leave_id;
	char status[16], plan_mode[16], schedule_code[SCHEDULE_CODE_MAX + 1];
	int late, early, net, start, end, in, out, version, confirmations_missed;
	unsigned violations, flags;
};

/* An active employee, loaded once for a range. */
struct emp_base {
	int64_t id, unit_id;
	int32_t appointed;
};

/* Schedules and calendar for a range of dates; for closing everyone, the
 * active employees too (loaded once: a range closes the staff as they were
 * when it started). */
struct close_world {
	struct schedule_set set;
	struct calendar cal;
	int32_t from, to;
	struct emp_base *emps;
	long nemps;
};

static void world_free(struct close_world *w)
{
	schedule_set_free(&w->set);
	calendar_free(&w->cal);
	free(w->emps);
}

static int world_load_emps(struct db_conn *c, struct close_world *w)
{
	struct db_stmt *s = db_prepare(c, SQL_EMPS_RANGE);
	if (!s)
		return ERR_DB;
	long cap = 1024;
	w->emps = xmalloc((size_t)cap * sizeof *w->emps);
	w->nemps = 0;
	int rc;
	while ((rc = db_step(s)) == 1) {
		if (w->nemps == cap)
			w->emps = xrealloc(w->emps, (size_t)(cap *= 2) * sizeof *w->emps);
		struct emp_base *e = &w->emps[w->nemps];
		e->id = db_col_int(s, 0);
		e->unit_id = db_col_int(s, 1);
		if (!date_parse(db_col_text(s, 2), &e->appointed))
			e->appointed = INT32_MIN;
		w->nemps++;
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

/* Load schedules (unit_id 0: all) and the calendar of from..to. */
static int world_load(struct db_conn *c, int64_t unit_id, int32_t from, int32_t to, struct close_world *w)
{
	memset(w, 0, sizeof *w);
	int y1, y2, m, d;
	date_to_ymd(from, &y1, &m, &d);
	date_to_ymd(to, &y2, &m, &d);
	int rc = schedule_set_load(c, unit_id, from, to, &w->set);
	if (rc)
		return rc;
	if ((rc = calendar_load(c, y1, y2, &w->cal))) {
		schedule_set_free(&w->set);
		memset(w, 0, sizeof *w);
		return rc;
	}
	w->from = from, w->to = to;
	return 0;
}

static int emp_cmp(const void *key, const void *elem)
{
	int64_t k = *(const int64_t *)key, id = ((const struct emp_day *)elem)->id;
	return k < id ? -1 : k > id;
}

static struct emp_day *find_emp(struct emp_day *e, long n, int64_t id)
{
	return bsearch(&id, e, (size_t)n, sizeof *e, emp_cmp);
}

/* Bind $1 = date and, for one employee, $2 = its id. */
static struct db_stmt *prep(struct db_conn *c, const char *all, const char *one, const char *date, int64_t only)
{
	struct db_stmt *s = db_prepare(c, only ? one : all);
	if (!s)
		return NULL;
	db_bind_text(s, 1, date);
	if (only)
		db_bind_int(s, 2, only);
	return s;
}

static void init_emp(struct emp_day *e, int64_t id, int64_t unit_id)
{
	memset(e, 0, sizeof *e);
	e->id = id;
	e->unit_id = unit_id;
	e->leave_kind = -1;
	e->in_min = e->out_min = -1;
	e->in_dist = e->out_dist = -1;
	e->eligible = true;
}

static int load_emps(struct db_conn *c, const struct close_world *w, int32_t day, const char *date, int64_t only,
		     struct emp_day **out, long *n)
{
	if (w->emps && !only) {
		struct emp_day *e = xmalloc((size_t)(w->nemps + 1) * sizeof *e);
		long k = 0;
		for (long i = 0; i < w->nemps; i++)
			if (w->emps[i].appointed <= day)
				init_emp(&e[k++], w->emps[i].id, w->emps[i].unit_id);
		*out = e, *n = k;
		return 0;
	}
	struct db_stmt *s = prep(c, SQL_EMPS_ALL, SQL_EMPS_ONE, date, only);
	if (!s)
		return ERR_DB;
	long cap = 1024, k = 0;
	struct emp_day *e = xmalloc((size_t)cap * sizeof *e);
	int rc;
	while ((rc = db_step(s)) == 1) {
		if (k == cap)
			e = xrealloc(e, (size_t)(cap *= 2) * sizeof *e);
		init_emp(&e[k++], db_col_int(s, 0), db_col_int(s, 1));
	}
	db_reset(s);
	*out = e, *n = k;
	return rc < 0 ? rc : 0;
}

static int load_leaves(struct db_conn *c, const char *date, int64_t only, struct emp_day *e, long n)
{
	struct db_stmt *s = prep(c, SQL_LEAVES_ALL, SQL_LEAVES_ONE, date, only);
	if (!s)
		return ERR_DB;
	int rc;
	while ((rc = db_step(s)) == 1) {
		struct emp_day *x = find_emp(e, n, db_col_int(s, 0));
		int kind = day_leave_kind_parse(db_col_text(s, 2));
		if (x && kind >= 0 && (!x->leave_id || db_col_int(s, 1) < x->leave_id))
			x->leave_id = db_col_int(s, 1), x->leave_kind = kind;
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static enum day_plan plan_of(const char *mode)
{
	return !strcmp(mode, "wfh") ? DAY_PLAN_WFH : !strcmp(mode, "wfa") ? DAY_PLAN_WFA
		: !strcmp(mode, "kantor_lain") ? DAY_PLAN_KANTOR_LAIN : DAY_PLAN_NONE;
}

static const char *plan_name(enum day_plan p)
{
	return p == DAY_PLAN_WFH ? "wfh" : p == DAY_PLAN_WFA ? "wfa" : p == DAY_PLAN_KANTOR_LAIN ? "kantor_lain" : "";
}

/* Approved plans; *remote counts wfh/wfa plans (eligibility is checked then). */
static int load_plans(struct db_conn *c, const char *date, int64_t only, struct emp_day *e, long n, long *remote)
{
	struct db_stmt *s = prep(c, SQL_PLANS_ALL, SQL_PLANS_ONE, date, only);
	if (!s)
		return ERR_DB;
	int rc;
	*remote = 0;
	while ((rc = db_step(s)) == 1) {
		struct emp_day *x = find_emp(e, n, db_col_int(s, 0));
		if (!x)
			continue;
		x->plan_id = db_col_int(s, 1);
		x->plan = plan_of(db_col_text(s, 2));
		*remote += x->plan == DAY_PLAN_WFH || x->plan == DAY_PLAN_WFA;
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static int load_checkins(struct db_conn *c, const char *date, int64_t only, struct emp_day *e, long n)
{
	struct db_stmt *s = prep(c, SQL_CHECKINS_ALL, SQL_CHECKINS_ONE, date, only);
	if (!s)
		return ERR_DB;
	int rc;
	while ((rc = db_step(s)) == 1) {
		struct emp_day *x = find_emp(e, n, db_col_int(s, 0));
		if (!x)
			continue;
		bool in = !strcmp(db_col_text(s, 2), "in");
		int64_t id = db_col_int(s, 1);
		int minute = (int)db_col_int(s, 3);
		unsigned mask = (unsigned)db_col_int(s, 4);
		double dist = db_col_real(s, 5);
		if (in)
			x->in_id = id, x->in_min = minute, x->in_mask = mask, x->in_dist = dist;
		else
			x->out_id = id, x->out_min = minute, x->out_mask = mask, x->out_dist = dist;
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

/* The date's confirmation answers and daily reports: two queries. */
static int load_worklog(struct db_conn *c, const char *date, int64_t only, struct emp_day *e, long n)
{
	struct confirmation_answers *a = NULL;
	long na = 0;
	int rc = confirmation_answers_load(c, date, only, &a, &na);
	for (long i = 0; !rc && i < na; i++) {
		struct emp_day *x = find_emp(e, n, a[i].employee_id);
		if (!x)
			continue;
		x->conf_ok = a[i].ok_mask, x->conf_late = a[i].late_mask;
		memcpy(x->conf_late_min, a[i].late_min, sizeof x->conf_late_min);
	}
	free(a);
	if (rc)
		return rc;
	struct db_stmt *s = prep(c, SQL_REPORTS_ALL, SQL_REPORTS_ONE, date, only);
	if (!s)
		return ERR_DB;
	while ((rc = db_step(s)) == 1) {
		struct emp_day *x = find_emp(e, n, db_col_int(s, 0));
		if (!x)
			continue;
		x->report_id = db_col_int(s, 1);
		x->report_late = db_col_bool(s, 2);
		x->report_late_min = (int)db_col_int(s, 3);
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

/* Eligibility on the date of everyone with a remote plan: one world load. */
static int load_eligibility(struct db_conn *c, const char *date, int64_t only, struct emp_day *e, long n)
{
	struct elig_world w;
	struct elig_filter f = {.employee_id = only, .unit_path = ""};
	int rc = elig_world_load(c, date, &f, &w);
	if (rc)
		return rc;
	for (int i = 0; i < w.nemp; i++) {
		struct emp_day *x = find_emp(e, n, w.emp[i].id);
		if (!x || (x->plan != DAY_PLAN_WFH && x->plan != DAY_PLAN_WFA))
			continue;
		struct elig_context ctx;
		elig_world_context(&w, i, &ctx);
		struct elig_decision dec;
		elig_decide(&ctx.in, &dec);
		x->eligible = dec.kind[x->plan == DAY_PLAN_WFH ? ELIG_WFH : ELIG_WFA].eligible;
	}
	elig_world_free(&w);
	return 0;
}

static int load_old(struct db_conn *c, const char *date, int64_t only, struct old_row **out, long *n)
{
	struct db_stmt *s = prep(c, SQL_OLD_ALL, SQL_OLD_ONE, date, only);
	if (!s)
		return ERR_DB;
	long cap = 0, k = 0;
	struct old_row *o = NULL;
	int rc;
	while ((rc = db_step(s)) == 1) {
		if (k == cap)
			o = xrealloc(o, (size_t)(cap = cap ? cap * 2 : 1024) * sizeof *o);
		struct old_row *r = &o[k++];
		r->employee_id = db_col_int(s, 0);
		snprintf(r->status, sizeof r->status, "%s", db_col_text(s, 1));
		r->late = (int)db_col_int(s, 2), r->early = (int)db_col_int(s, 3), r->net = (int)db_col_int(s, 4);
		r->violations = (unsigned)db_col_int(s, 5), r->flags = (unsigned)db_col_int(s, 6);
		snprintf(r->plan_mode, sizeof r->plan_mode, "%s", db_col_text(s, 7));
		r->plan_id = db_col_int(s, 8), r->leave_id = db_col_int(s, 9);
		snprintf(r->schedule_code, sizeof r->schedule_code, "%s", db_col_text(s, 10));
		r->start = (int)db_col_int(s, 11), r->end = (int)db_col_int(s, 12);
		r->in = (int)db_col_int(s, 13), r->out = (int)db_col_int(s, 14);
		r->version = (int)db_col_int(s, 15);
		r->unit_id = db_col_int(s, 16);
		r->confirmations_missed = (int)db_col_int(s, 17);
	}
	db_reset(s);
	*out = o, *n = k;
	return rc < 0 ? rc : 0;
}

/* ---- deciding ---- */

/* What the worklog adds to deciding a date: the settings, and for a date
 * not over yet (a live account) the WIB clock, so that moments still to
 * come are not counted missed and the report is not due yet. */
struct worklog_ctx {
	struct worklog_settings ws;
	bool over;                 /* the date is past (every close) */
	int now_min;               /* WIB minute of today, when !over */
};

/* Missed confirmations of x on a remote working day; fills conf_n and conf_due. */
static int missed_confirmations(const struct worklog_ctx *k, int32_t day, struct emp_day *x)
{
	uint8_t seed[WORKLOG_SEED_BYTES];
	int m[WORKLOG_CONFIRMATIONS_MAX];
	worklog_seed(k->ws.secret, x->id, day, seed);
	int n = worklog_confirmation_minutes(seed, &x->work, k->ws.confirmations_per_day, k->ws.answer_window_min, m);
	/* Live: only moments whose window has closed. */
	while (!k->over && n > 0 && m[n - 1] + k->ws.answer_window_min >= k->now_min)
		n--;
	x->conf_n = (int8_t)n;
	for (int i = 0; i < n; i++)
		x->conf_due[i] = (int16_t)m[i];
	return worklog_missed(n, x->conf_ok);
}

static enum day_report report_state(const struct worklog_ctx *k, const struct emp_day *x)
{
	bool due = x->plan != DAY_PLAN_NONE || k->ws.report_every_working_day;
	if (!due || (!x->report_id && !k->over))
		return DAY_REPORT_NOT_DUE;
	return !x->report_id ? DAY_REPORT_MISSING : x->report_late ? DAY_REPORT_LATE : DAY_REPORT_ON_TIME;
}

static void decide(const struct close_world *w, int32_t day, bool cal_working, const struct worklog_ctx *k,
		   struct emp_day *x)
{
	struct day_input in;
	memset(&in, 0, sizeof in);
	schedule_set_workday(&w->set, x->id, x->unit_id, day, &in.work);
	schedule_apply_calendar(&in.work, cal_working);
	in.excuse = x->leave_kind >= 0 ? day_leave_excuse((enum day_leave_kind)x->leave_kind) : DAY_EXCUSE_NONE;
	in.plan = x->plan;
	in.eligible_remote = x->eligible;
	in.has_in = x->in_min >= 0, in.in_min = x->in_min;
	in.has_out = x->out_min >= 0, in.out_min = x->out_min;
	in.in_outside_place = x->in_mask & (1u << PF_OUTSIDE_PLACE);
	in.out_outside_place = x->out_mask & (1u << PF_OUTSIDE_PLACE);
	in.records_away_from_office = (x->in_mask | x->out_mask) & (1u << PF_REMOTE_WITHOUT_PLAN);
	in.report = DAY_REPORT_NOT_DUE;
	x->work = in.work;
	x->conf_n = 0;
	if (in.work.working && in.excuse == DAY_EXCUSE_NONE) {
		/* Confirmations are asked on remote days only (an approved plan). */
		if (x->plan != DAY_PLAN_NONE)
			in.confirmations_missed = missed_confirmations(k, day, x);
		in.report = report_state(k, x);
	}
	day_account_of(&in, &x->acc);
	x->work = in.work;
	x->flags = x->in_mask | x->out_mask;
}

/* What is stored for a day: the leave and plan are kept only when they
 * shaped the day (a plan on a day off, or beaten by leave, is not). */
static int64_t stored_leave(const struct emp_day *x) { return x->work.working ? x->leave_id : 0; }
static int64_t stored_plan(const struct emp_day *x)
{
	return x->work.working && !x->leave_id ? x->plan_id : 0;
}
static int stored_start(const struct emp_day *x) { return x->work.working ? x->work.start : -1; }
static int stored_end(const struct emp_day *x) { return x->work.working ? x->work.end : -1; }

static bool same_as_old(const struct emp_day *x, const struct old_row *o)
{
	const struct day_account *a = &x->acc;
	return o->unit_id == x->unit_id && !strcmp(o->status, day_status_name(a->status)) && o->late == a->late_min &&
	       o->early == a->early_min && o->net == a->net_min && o->violations == a->violations &&
	       o->flags == x->flags && !strcmp(o->plan_mode, plan_name(stored_plan(x) ? x->plan : DAY_PLAN_NONE)) &&
	       o->plan_id == stored_plan(x) && o->leave_id == stored_leave(x) &&
	       !strcmp(o->schedule_code, x->work.code) && o->start == stored_start(x) && o->end == stored_end(x) &&
	       o->in == x->in_min && o->out == x->out_min && o->confirmations_missed == a->confirmations_missed;
}

/* ---- writing ---- */

static void bind_opt(struct db_stmt *s, int idx, int64_t v, bool present)
{
	if (present)
		db_bind_int(s, idx, v);
	else
		db_bind_null(s, idx);
}

static void bind_account(struct db_stmt *s, int base, const struct emp_day *x, const char *date, const char *now)
{
	const struct day_account *a = &x->acc;
	int64_t plan = stored_plan(x), leave = stored_leave(x);
	db_bind_int(s, base + 1, x->id);
	db_bind_text(s, base + 2, date);
	db_bind_int(s, base + 3, x->unit_id);
	db_bind_text(s, base + 4, day_status_name(a->status));
	db_bind_int(s, base + 5, a->late_min);
	db_bind_int(s, base + 6, a->early_min);
	db_bind_int(s, base + 7, a->net_min);
	db_bind_int(s, base + 8, a->violations);
	db_bind_int(s, base + 9, x->flags);
	db_bind_text(s, base + 10, plan_name(plan ? x->plan : DAY_PLAN_NONE));
	bind_opt(s, base + 11, plan, plan != 0);
	bind_opt(s, base + 12, leave, leave != 0);
	db_bind_text(s, base + 13, x->work.code);
	bind_opt(s, base + 14, x->work.start, x->work.working);
	bind_opt(s, base + 15, x->work.end, x->work.working);
	bind_opt(s, base + 16, x->in_min, x->in_min >= 0);
	bind_opt(s, base + 17, x->out_min, x->out_min >= 0);
	db_bind_text(s, base + 18, now);
	db_bind_int(s, base + 19, a->confirmations_missed);
}

static int step_reset(struct db_stmt *s)
{
	int rc = db_step(s);
	db_reset(s);
	return rc < 0 ? rc : 0;
}

/* Upsert every changed account, ACCOUNT_BATCH rows per statement. */
static int write_accounts(struct db_conn *c, const char *date, const struct emp_day *e, long n, const char *now)
{
	long i = 0;
	while (i < n) {
		long k = i, rows = 0;
		long idx[ACCOUNT_BATCH];
		for (; k < n && rows < ACCOUNT_BATCH; k++)
			if (e[k].changed)
				idx[rows++] = k;
		if (rows == 0)
			break;
		if (rows == ACCOUNT_BATCH) {
			struct db_stmt *s = db_prepare(c, sql_account_batch);
			if (!s)
				return ERR_DB;
			for (long r = 0; r < rows; r++)
				bind_account(s, (int)r * ACCOUNT_COLS, &e[idx[r]], date, now);
			int rc = step_reset(s);
			if (rc)
				return rc;
		} else {
			for (long r = 0; r < rows; r++) {
				struct db_stmt *s = db_prepare(c, sql_account_one);
				if (!s)
					return ERR_DB;
				bind_account(s, 0, &e[idx[r]], date, now);
				int rc = step_reset(s);
				if (rc)
					return rc;
			}
		}
		i = k;
	}
	return 0;
}

static void hhmm(int minute, char out[12])
{
	char t[6];
	date_format_hhmm(((minute % 1440) + 1440) % 1440, t);
	snprintf(out, 12, minute >= 1440 ? "%s+1" : "%s", t);
}

/* {"expected":2,"missed":[{"seq":0,"due":"09:41"},{"seq":1,"due":"14:02","late_min":7}]}:
 * the moments asked and each one without an on-time answer (never asked,
 * not answered, or answered late with its minutes). */
static void confirmation_evidence(const struct emp_day *x, char *out, size_t cap)
{
	size_t len = (size_t)snprintf(out, cap, "{\"expected\":%d,\"missed\":[", x->conf_n);
	bool first = true;
	for (int i = 0; i < x->conf_n && len < cap; i++) {
		if (x->conf_ok & (1u << i))
			continue;
		char t[12];
		hhmm(x->conf_due[i], t);
		len += (size_t)snprintf(out + len, cap - len, "%s{\"seq\":%d,\"due\":\"%s\"", first ? "" : ",", i, t);
		if (len < cap && (x->conf_late & (1u << i)))
			len += (size_t)snprintf(out + len, cap - len, ",\"late_min\":%d", x->conf_late_min[i]);
		if (len < cap)
			len += (size_t)snprintf(out + len, cap - len, "}");
		first = false;
	}
	if (len < cap)
		snprintf(out + len, cap - len, "]}");
}

/* The numbers behind violation v of x, as a small JSON object; *minutes
 * and *count get the row's evidence numbers. */
static void evidence(const struct emp_day *x, enum day_violation v, char *out, size_t cap, int *minutes, int *count)
{
	char a[12], b[12];
	*minutes = *count = 0;
	switch (v) {
	case DAY_V_UNEXCUSED_ABSENCE:
		hhmm(x->work.start, a), hhmm(x->work.end, b);
		snprintf(out, cap, "{\"schedule\":\"%s\",\"start\":\"%s\",\"end\":\"%s\"}", x->work.code, a, b);
		return;
	case DAY_V_LATE:
		*minutes = x->acc.late_min;
		hhmm(x->in_min >= 0 ? x->in_min : x->out_min, a), hhmm(x->work.start, b);
		snprintf(out, cap, "{\"in\":\"%s\",\"start\":\"%s\",\"checkin_id\":%lld}", a, b,
			 (long long)(x->in_id ? x->in_id : x->out_id));
		return;
	case DAY_V_EARLY_LEAVE:
		*minutes = x->acc.early_min;
		hhmm(x->out_min >= 0 ? x->out_min : x->in_min, a), hhmm(x->acc.required_end, b);
		snprintf(out, cap, "{\"out\":\"%s\",\"required_end\":\"%s\",\"checkin_id\":%lld}", a, b,
			 (long long)(x->out_id ? x->out_id : x->in_id));
		return;
	case DAY_V_MISSING_IN:
	case DAY_V_MISSING_OUT:
		snprintf(out, cap, "{\"checkin_id\":%lld}", (long long)(v == DAY_V_MISSING_IN ? x->out_id : x->in_id));
		return;
	case DAY_V_OUTSIDE_PLACE:
		snprintf(out, cap, "{\"in_distance_m\":%.0f,\"out_distance_m\":%.0f,\"checkin_ids\":[%lld,%lld]}",
			 x->in_mask & (1u << PF_OUTSIDE_PLACE) ? x->in_dist : -1,
			 x->out_mask & (1u << PF_OUTSIDE_PLACE) ? x->out_dist : -1, (long long)x->in_id,
			 (long long)x->out_id);
		return;
	case DAY_V_MISSED_CONFIRMATION:
		*count = x->acc.confirmations_missed;
		confirmation_evidence(x, out, cap);
		return;
	case DAY_V_REPORT_MISSING:
		snprintf(out, cap, "{\"report\":null}");
		return;
	case DAY_V_REPORT_LATE:
		*minutes = x->report_late_min;
		snprintf(out, cap, "{\"report_id\":%lld,\"late_min\":%d}", (long long)x->report_id, x->report_late_min);
		return;
	case DAY_V_REMOTE_WITHOUT_PLAN:
		snprintf(out, cap, "{\"checkin_ids\":[%lld,%lld]}", (long long)x->in_id, (long long)x->out_id);
		return;
	case DAY_V_REMOTE_NOT_ELIGIBLE:
		snprintf(out, cap, "{\"plan_id\":%lld,\"mode\":\"%s\"}", (long long)x->plan_id, plan_name(x->plan));
		return;
	default:
		snprintf(out, cap, "{}");
		return;
	}
}

static void bind_violation(struct db_stmt *s, int base, const struct emp_day *x, enum day_violation v, const char *date)
{
	char ev[600];
	int minutes, count;
	evidence(x, v, ev, sizeof ev, &minutes, &count);
	db_bind_int(s, base + 1, x->id);
	db_bind_text(s, base + 2, date);
	db_bind_int(s, base + 3, x->unit_id);
	db_bind_text(s, base + 4, day_violation_name(v));
	db_bind_int(s, base + 5, minutes);
	db_bind_int(s, base + 6, count);
	db_bind_text(s, base + 7, ev);
}

struct viol_ref {
	long emp;
	enum day_violation v;
};

static int flush_violations(struct db_conn *c, const struct emp_day *e, const struct viol_ref *q, int nq,
			    const char *date)
{
	if (nq == VIOL_BATCH) {
		struct db_stmt *s = db_prepare(c, sql_viol_batch);
		if (!s)
			return ERR_DB;
		for (int r = 0; r < nq; r++)
			bind_violation(s, r * VIOL_COLS, &e[q[r].emp], q[r].v, date);
		return step_reset(s);
	}
	for (int r = 0; r < nq; r++) {
		struct db_stmt *s = db_prepare(c, sql_viol_one);
		if (!s)
			return ERR_DB;
		bind_violation(s, 0, &e[q[r].emp], q[r].v, date);
		int rc = step_reset(s);
		if (rc)
			return rc;
	}
	return 0;
}

/* Replace the violations of the changed accounts: per employee when few
 * changed, else the whole date at once (all = every account re-inserted). */
static int write_violations(struct db_conn *c, const char *date, const struct emp_day *e, long n, bool all)
{
	int rc = 0;
	if (all) {
		struct db_stmt *s = db_prepare(c, SQL_VIOL_DELETE_DATE);
		if (!s)
			return ERR_DB;
		db_bind_text(s, 1, date);
		if ((rc = step_reset(s)))
			return rc;
	}
	struct viol_ref *q = xmalloc(VIOL_BATCH * sizeof *q);
	int nq = 0;
	for (long i = 0; i < n && !rc; i++) {
		if (!all && !e[i].changed)
			continue;
		if (!all && e[i].has_old) {
			struct db_stmt *s = db_prepare(c, SQL_VIOL_DELETE_ONE);
			if (!s) {
				rc = ERR_DB;
				break;
			}
			db_bind_int(s, 1, e[i].id);
			db_bind_text(s, 2, date);
			if ((rc = step_reset(s)))
				break;
		}
		for (int v = 0; v < DAY_V_N && !rc; v++) {
			if (!(e[i].acc.violations & (1u << v)))
				continue;
			q[nq++] = (struct viol_ref){i, (enum day_violation)v};
			if (nq == VIOL_BATCH) {
				rc = flush_violations(c, e, q, nq, date);
				nq = 0;
			}
		}
	}
	if (!rc && nq)
		rc = flush_violations(c, e, q, nq, date);
	free(q);
	return rc;
}

/* ---- one date ---- */

struct day_run {
	struct emp_day *e;
	long n;
	bool cal_working;
};

/* Load and decide date day (only: one employee, 0 all). */
static int day_decide(struct db_conn *c, const struct close_world *w, int32_t day, int64_t only, struct day_run *r)
{
	char date[DATE_TEXT];
	date_format(day, date);
	memset(r, 0, sizeof *r);
	r->cal_working = calendar_is_working_day(&w->cal, day);
	long remote = 0;
	uint64_t t0 = clock_mono_ns();
	int rc = load_emps(c, w, day, date, only, &r->e, &r->n);
	uint64_t t1 = clock_mono_ns();
	if (!rc)
		rc = load_leaves(c, date, only, r->e, r->n);
	if (!rc)
		rc = load_plans(c, date, only, r->e, r->n, &remote);
	uint64_t t2 = clock_mono_ns();
	if (!rc)
		rc = load_checkins(c, date, only, r->e, r->n);
	struct worklog_ctx k;
	if (!rc)
		rc = worklog_settings_get(c, &k.ws);
	if (!rc)
		rc = load_worklog(c, date, only, r->e, r->n);
	int32_t today;
	tz_local(clock_unix(), TZ_WIB, &today, &k.now_min);
	k.over = day < today;
	if (day > today)
		k.now_min = -100000;   /* nothing of a future date is due */
	uint64_t t3 = clock_mono_ns();
	if (!rc && remote)
		rc = load_eligibility(c, date, only, r->e, r->n);
	uint64_t t4 = clock_mono_ns();
	if (rc)
		return rc;
	for (long i = 0; i < r->n; i++)
		decide(w, day, r->cal_working, &k, &r->e[i]);
	/* FLEKSI_CLOSE_TRACE=1 prints where a close spends its time (bench/close.sh). */
	if (getenv("FLEKSI_CLOSE_TRACE"))
		fprintf(stderr, "emps %.0f leaves+plans %.0f checkins+worklog %.0f elig %.0f (remote %ld) decide %.0f ms\n",
			(t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e6, remote,
			(clock_mono_ns() - t4) / 1e6);
	return 0;
}

/* Mark what changed against the stored rows; *changed counts them and
 * *changed_old those that were stored before. */
static int day_compare(struct db_conn *c, int32_t day, int64_t only, struct day_run *r, long *changed, long *changed_old)
{
	char date[DATE_TEXT];
	date_format(day, date);
	struct old_row *o = NULL;
	long no = 0;
	int rc = load_old(c, date, only, &o, &no);
	*changed = *changed_old = 0;
	for (long i = 0; !rc && i < no; i++) {
		struct emp_day *x = find_emp(r->e, r->n, o[i].employee_id);
		if (x) {
			x->has_old = true;
			x->old_version = o[i].version;
			x->old_unexcused = !strcmp(o[i].status, "alpa");
			x->old_minutes = o[i].late + o[i].early;
			x->changed = !same_as_old(x, &o[i]);
		}
	}
	for (long i = 0; !rc && i < r->n; i++) {
		/* A day off is not stored unless it replaces a stored day (a
		 * calendar amendment): no row on a closed date means libur. */
		if (!r->e[i].has_old)
			r->e[i].changed = r->e[i].acc.status != DAY_LIBUR;
		*changed += r->e[i].changed;
		*changed_old += r->e[i].changed && r->e[i].has_old;
	}
	free(o);
	return rc;
}

static int audit_close(struct db_conn *c, const char *actor, const char *action, const char *date, int64_t only,
		       long employees, long changed)
{
	char object[64], after[200];
	if (only)
		snprintf(object, sizeof object, "day:%s/employee:%lld", date, (long long)only);
	else
		snprintf(object, sizeof object, "day:%s", date);
	snprintf(after, sizeof after, "{\"date\":\"%s\",\"employees\":%ld,\"changed\":%ld}", date, employees, changed);
	struct audit_event ev = {actor, action, object, NULL, after};
	return audit_append(c, &ev);
}

/* What the rewritten accounts change in the ladder's yearly tallies. */
static int correct_tallies(struct db_conn *c, int32_t day, const struct day_run *r)
{
	struct tally_change *ch = xmalloc((size_t)(r->n ? r->n : 1) * sizeof *ch);
	long k = 0;
	for (long i = 0; i < r->n; i++) {
		const struct emp_day *x = &r->e[i];
		if (!x->changed)
			continue;
		int unexcused = (x->acc.status == DAY_ALPA) - (x->has_old ? x->old_unexcused : 0);
		long minutes = (long)x->acc.late_min + x->acc.early_min - (x->has_old ? x->old_minutes : 0);
		if (unexcused || minutes)
			ch[k++] = (struct tally_change){x->id, unexcused, minutes};
	}
	int rc = tally_correct(c, day, ch, k);
	free(ch);
	return rc;
}

/* Decide and write one date inside the caller's write transaction. */
static int day_close_in(struct db_conn *c, const struct close_world *w, int32_t day, int64_t only, const char *actor,
			struct attendance_close_stats *st, uint64_t t0)
{
	pthread_once(&sql_once, build_sql);
	char date[DATE_TEXT], now[40];
	date_format(day, date);
	clock_now_iso(now, sizeof now);
	struct day_run r;
	long changed = 0, changed_old = 0;
	uint64_t p0 = clock_mono_ns();
	int rc = day_decide(c, w, day, only, &r);
	uint64_t p1 = clock_mono_ns();
	if (!rc)
		rc = day_compare(c, day, only, &r, &changed, &changed_old);
	uint64_t p2 = clock_mono_ns();
	if (!rc && changed)
		rc = write_accounts(c, date, r.e, r.n, now);
	uint64_t p3 = clock_mono_ns();
	if (!rc && changed)
		rc = write_violations(c, date, r.e, r.n, !only && changed_old * 4 > r.n);
	if (!rc && changed)
		rc = correct_tallies(c, day, &r);
	uint64_t p4 = clock_mono_ns();
	if (getenv("FLEKSI_CLOSE_TRACE"))
		fprintf(stderr, "decide %.0f compare %.0f accounts %.0f violations %.0f ms\n", (p1 - p0) / 1e6,
			(p2 - p1) / 1e6, (p3 - p2) / 1e6, (p4 - p3) / 1e6);
	memset(st, 0, sizeof *st);
	st->day = day, st->working_day = r.cal_working, st->employees = r.n, st->changed = changed;
	for (long i = 0; i < r.n; i++)
		st->alpa += r.e[i].acc.status == DAY_ALPA;
	free(r.e);
	if (!rc && changed)
		rc = audit_close(c, actor, only ? "attendance.recompute" : "attendance.close", date, only, st->employees,
				 changed);
	if (!rc && !only) {
		struct db_stmt *s = db_prepare(c, SQL_VIOL_COUNT);
		if (!s)
			return ERR_DB;
		db_bind_text(s, 1, date);
		if ((rc = db_step(s)) == 1)
			st->violations = db_col_int(s, 0);
		db_reset(s);
		rc = rc < 0 ? rc : 0;
	}
	if (!rc && !only) {
		struct db_stmt *s = db_prepare(c, SQL_CLOSE_UPSERT);
		if (!s)
			return ERR_DB;
		db_bind_text(s, 1, date);
		db_bind_bool(s, 2, st->working_day);
		db_bind_int(s, 3, st->employees);
		db_bind_int(s, 4, changed);
		db_bind_text(s, 5, actor);
		db_bind_text(s, 6, now);
		db_bind_int(s, 7, (int64_t)((clock_mono_ns() - t0) / 1000000));
		rc = step_reset(s);
	}
	return rc;
}

/* Close one date with a loaded world: partitions, then one write transaction. */
static int close_with_world(struct db_conn *c, const struct close_world *w, int32_t day, const char *actor,
			    struct attendance_close_stats *st)
{
	uint64_t t0 = clock_mono_ns();
	/* PostgreSQL: this month's and the next month's partitions, each in its
	 * own short transaction (attaching locks the parent table; doing it
	 * ahead keeps that lock out of the close) */
	int rc = partitions_ensure_around(c, day);
	if (rc)
		return rc;
	if ((rc = db_begin_write(c)))
		return rc;
	rc = day_close_in(c, w, day, 0, actor, st, t0);
	uint64_t t1 = clock_mono_ns();
	if (!rc)
		rc = db_commit(c);
	else
		db_rollback(c);
	st->ms = (double)(clock_mono_ns() - t0) / 1e6;
	if (getenv("FLEKSI_CLOSE_TRACE"))
		fprintf(stderr, "close %.0f commit %.0f ms\n", (t1 - t0) / 1e6, (clock_mono_ns() - t1) / 1e6);
	return rc;
}

int attendance_close_range(struct db *db, int32_t from, int32_t to, const char *actor,
			   int (*cb)(void *ctx, const struct attendance_close_stats *st), void *ctx)
{
	if (to < from || to - from > 400)
		return ERR_INVALID;
	struct db_conn *c = db_acquire(db);
	struct close_world w;
	bool loaded = false;
	int rc = db_begin_read(c);
	if (!rc && !(rc = world_load(c, 0, from, to, &w))) {
		loaded = true;
		rc = world_load_emps(c, &w);
	}
	db_rollback(c);
	for (int32_t day = from; !rc && day <= to; day++) {
		struct attendance_close_stats st;
		rc = close_with_world(c, &w, day, actor, &st);
		if (!rc && cb && cb(ctx, &st))
			break;
	}
	if (loaded)
		world_free(&w);
	db_release(db, c);
	return rc;
}

static int one_day_cb(void *ctx, const struct attendance_close_stats *st)
{
	*(struct attendance_close_stats *)ctx = *st;
	return 0;
}

int attendance_close_day(struct db *db, int32_t day, const char *actor, struct attendance_close_stats *st)
{
	memset(st, 0, sizeof *st);
	return attendance_close_range(db, day, day, actor, one_day_cb, st);
}

int attendance_recompute_employee(struct db_conn *c, int64_t employee_id, int32_t from, int32_t to,
				  const char *actor, long *changed)
{
	if (changed)
		*changed = 0;
	if (to < from)
		return ERR_INVALID;
	char f[DATE_TEXT], t[DATE_TEXT];
	date_format(from, f), date_format(to, t);
	struct db_stmt *s = db_prepare(c, SQL_CLOSED_IN);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, f);
	db_bind_text(s, 2, t);
	int32_t *days = NULL;
	int n = 0, cap = 0, rc;
	while ((rc = db_step(s)) == 1) {
		int32_t d;
		if (!date_parse(db_col_text(s, 0), &d))
			continue;
		if (n == cap)
			days = xrealloc(days, (size_t)(cap = cap ? cap * 2 : 32) * sizeof *days);
		days[n++] = d;
	}
	db_reset(s);
	if (rc < 0 || n == 0) {
		free(days);
		return rc < 0 ? rc : 0;
	}
	int64_t unit_id;
	struct close_world w;
	bool loaded = false;
	rc = schedule_employee_unit(c, employee_id, &unit_id);
	if (!rc && !(rc = world_load(c, unit_id, days[0], days[n - 1], &w)))
		loaded = true;
	for (int i = 0; !rc && i < n; i++) {
		struct attendance_close_stats st;
		rc = day_close_in(c, &w, days[i], employee_id, actor, &st, clock_mono_ns());
		if (!rc && changed)
			*changed += st.changed;
	}
	if (loaded)
		world_free(&w);
	free(days);
	return rc;
}

/* ---- the scheduled close ---- */

struct due_setting {
	int close_at_min, lookback;
	bool enabled;
	int32_t installed;       /* the day migration 008 was applied (UTC date is close enough) */
};

static int due_setting_load(struct db_conn *c, struct due_setting *out)
{
	memset(out, 0, sizeof *out);
	struct db_stmt *s = db_prepare(c, SQL_SETTING);
	if (!s)
		return ERR_DB;
	int rc = db_step(s);
	if (rc == 1) {
		out->close_at_min = (int)db_col_int(s, 0);
		out->lookback = (int)db_col_int(s, 1);
		out->enabled = db_col_bool(s, 2);
	}
	db_reset(s);
	if (rc < 0)
		return rc;
	if (!(s = db_prepare(c, SQL_INSTALLED)))
		return ERR_DB;
	rc = db_step(s);
	char d[DATE_TEXT] = "";
	if (rc == 1)
		snprintf(d, sizeof d, "%.10s", db_col_text(s, 0));
	db_reset(s);
	if (!date_parse(d, &out->installed))
		out->installed = INT32_MAX;
	return rc < 0 ? rc : 0;
}

/* Claim job/period once across nodes in its own transaction. */
static bool claim(struct db_conn *c, const char *job, const char *period, const char *holder, int64_t now)
{
	bool claimed = false;
	if (db_begin_write(c))
		return false;
	if (jobs_run_claim(c, job, period, holder, now, &claimed) || db_commit(c)) {
		db_rollback(c);
		return false;
	}
	return claimed;
}

static void finish(struct db_conn *c, const char *job, const char *period, int rc)
{
	if (db_begin_write(c) == 0 &&
	    (jobs_run_finish(c, job, period, clock_unix(), rc ? err_name(rc) : "ok") || db_commit(c)))
		db_rollback(c);
}

/* Close date day if claimed; counts into *closed. */
static void due_close(struct db *db, struct db_conn *c, const char *job, const char *period, int32_t day,
		      const char *holder, int64_t now, int *closed)
{
	if (!claim(c, job, period, holder, now))
		return;
	struct attendance_close_stats st;
	int rc = attendance_close_day(db, day, "system", &st);
	char date[DATE_TEXT];
	date_format(day, date);
	if (rc)
		log_warn("closing %s failed: %s", date, err_name(rc));
	else
		log_info("closed %s: %ld employees, %ld changed, %.0f ms", date, st.employees, st.changed, st.ms);
	finish(c, job, period, rc);
	*closed += !rc;
}

struct closed_day {
	int32_t day;
	bool working;
	int closes;
};

/* Closed dates since from. Caller frees *out. */
static int closed_since(struct db_conn *c, int32_t from, struct closed_day **out, int *n)
{
	char f[DATE_TEXT];
	date_format(from, f);
	*out = NULL, *n = 0;
	struct db_stmt *s = db_prepare(c, SQL_CLOSED_SINCE);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, f);
	int rc, cap = 0;
	while ((rc = db_step(s)) == 1) {
		int32_t d;
		if (!date_parse(db_col_text(s, 0), &d))
			continue;
		if (*n == cap)
			*out = xrealloc(*out, (size_t)(cap = cap ? cap * 2 : 64) * sizeof **out);
		(*out)[(*n)++] = (struct closed_day){d, db_col_bool(s, 1), (int)db_col_int(s, 2)};
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static bool is_closed(const struct closed_day *cd, int n, int32_t day)
{
	for (int i = 0; i < n; i++)
		if (cd[i].day == day)
			return true;
	return false;
}

int attendance_close_due(struct db *db, const char *holder, int64_t now, int *closed)
{
	*closed = 0;
	struct db_conn *c = db_acquire(db);
	struct due_setting set;
	int32_t today;
	int minute;
	tz_local(now, TZ_WIB, &today, &minute);
	int32_t last;
	struct closed_day *cd = NULL;
	int ncd = 0, y, m, d;
	struct calendar cal;
	bool have_cal = false;
	int rc = db_begin_read(c);
	if (!rc)
		rc = due_setting_load(c, &set);
	last = minute >= set.close_at_min ? today - 1 : today - 2;
	date_to_ymd(today, &y, &m, &d);
	if (!rc)
		rc = closed_since(c, date_from_ymd(y - 1, 1, 1), &cd, &ncd);
	if (!rc && !(rc = calendar_load(c, y - 1, y, &cal)))
		have_cal = true;
	db_rollback(c);
	if (!rc && set.enabled) {
		int32_t first = today - 1 - set.lookback;
		if (first < set.installed)
			first = set.installed;
		for (int32_t day = first; day <= last; day++) {
			char period[DATE_TEXT];
			date_format(day, period);
			if (!is_closed(cd, ncd, day))
				due_close(db, c, "close_day", period, day, holder, now, closed);
		}
		/* A calendar amendment changed the working status of a closed date. */
		for (int i = 0; i < ncd; i++) {
			if (calendar_is_working_day(&cal, cd[i].day) == cd[i].working)
				continue;
			char period[48], date[DATE_TEXT];
			date_format(cd[i].day, date);
			snprintf(period, sizeof period, "%s:%d", date, cd[i].closes);
			due_close(db, c, "reclose_day", period, cd[i].day, holder, now, closed);
		}
	}
	if (have_cal)
		calendar_free(&cal);
	free(cd);
	db_release(db, c);
	return rc;
}

/* ---- reading ---- */

#define LIST_WHERE                                                                                                 \
	" FROM day_account a JOIN employee e ON e.id = a.employee_id JOIN unit u ON u.id = a.unit_id"              \
	" WHERE (CAST($1 AS BIGINT) = 1 OR (CAST($2 AS TEXT) <> '' AND u.path LIKE CAST($2 AS TEXT) || '%')"       \
	"   OR e.id = $3 OR e.id IN (WITH RECURSIVE sub(id) AS (SELECT id FROM employee WHERE supervisor_id = $4"   \
	"     UNION SELECT x.id FROM employee x JOIN sub ON x.supervisor_id = sub.id) SELECT id FROM sub))"         \
	" AND u.path LIKE CAST($5 AS TEXT) || '%' AND (CAST($6 AS TEXT) = '' OR e.nip = $6)"                      \
	" AND a.date >= $7 AND a.date <= $8 AND (CAST($9 AS TEXT) = '' OR a.status = $9)"
static const char SQL_LIST[] =
	"SELECT a.date, e.nip, e.name, u.code, a.status, a.late_min, a.early_min, a.net_min, a.violations, a.flags,"
	" a.plan_mode, COALESCE(a.plan_id, 0), COALESCE(a.leave_id, 0),"
	" COALESCE((SELECT l.kind FROM employee_leave l WHERE l.id = a.leave_id), ''), a.schedule_code,"
	" COALESCE(a.start_min, -1), COALESCE(a.end_min, -1), COALESCE(a.in_min, -1), COALESCE(a.out_min, -1),"
	" a.closed_at, a.version" LIST_WHERE " ORDER BY a.date, e.name_lower, e.nip LIMIT $10 OFFSET $11";
static const char SQL_LIST_COUNT[] = "SELECT COUNT(*)" LIST_WHERE;

static void bind_filter(struct db_stmt *s, const struct attendance_filter *f)
{
	const struct scope *sc = f->scope;
	db_bind_int(s, 1, sc->all ? 1 : 0);
	db_bind_text(s, 2, sc->unit_path ? sc->unit_path : "");
	db_bind_int(s, 3, sc->self_id);
	db_bind_int(s, 4, sc->supervisor_id ? sc->supervisor_id : -1);
	db_bind_text(s, 5, f->unit_path ? f->unit_path : "");
	db_bind_text(s, 6, f->nip ? f->nip : "");
	db_bind_text(s, 7, f->from);
	db_bind_text(s, 8, f->to);
	db_bind_text(s, 9, f->status ? f->status : "");
}

int attendance_each(struct db_conn *c, const struct attendance_filter *f,
		    int (*cb)(void *ctx, const struct attendance_row *r), void *ctx, long *total)
{
	struct db_stmt *s = db_prepare(c, SQL_LIST_COUNT);
	if (!s)
		return ERR_DB;
	bind_filter(s, f);
	int rc = db_step(s);
	if (rc == 1)
		*total = db_col_int(s, 0);
	db_reset(s);
	if (rc < 0)
		return rc;
	if (!(s = db_prepare(c, SQL_LIST)))
		return ERR_DB;
	bind_filter(s, f);
	db_bind_int(s, 10, f->limit);
	db_bind_int(s, 11, f->offset);
	while ((rc = db_step(s)) == 1) {
		struct attendance_row r = {
			.date = db_col_text(s, 0), .nip = db_col_text(s, 1), .name = db_col_text(s, 2),
			.unit_code = db_col_text(s, 3), .status = db_col_text(s, 4), .closed = true,
			.late_min = (int)db_col_int(s, 5), .early_min = (int)db_col_int(s, 6),
			.net_min = (int)db_col_int(s, 7), .violations = (unsigned)db_col_int(s, 8),
			.flags = (unsigned)db_col_int(s, 9), .plan_mode = db_col_text(s, 10),
			.plan_id = db_col_int(s, 11), .leave_id = db_col_int(s, 12), .leave_kind = db_col_text(s, 13),
			.schedule_code = db_col_text(s, 14), .start_min = (int)db_col_int(s, 15),
			.end_min = (int)db_col_int(s, 16), .in_min = (int)db_col_int(s, 17),
			.out_min = (int)db_col_int(s, 18), .closed_at = db_col_text(s, 19),
			.version = (int)db_col_int(s, 20)};
		if (cb(ctx, &r))
			break;
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

int attendance_live(struct db_conn *c, int64_t employee_id, int32_t day, bool closed,
		    int (*cb)(void *ctx, const struct attendance_row *r), void *ctx)
{
	int64_t unit_id;
	struct close_world w;
	int rc = schedule_employee_unit(c, employee_id, &unit_id);
	if (rc || (rc = world_load(c, unit_id, day, day, &w)))
		return rc;
	struct day_run r;
	rc = day_decide(c, &w, day, employee_id, &r);
	world_free(&w);
	if (!rc && r.n == 0)
		rc = ERR_NOT_FOUND;
	if (!rc) {
		const struct emp_day *x = &r.e[0];
		char date[DATE_TEXT];
		date_format(day, date);
		int64_t plan = stored_plan(x), leave = stored_leave(x);
		struct attendance_row row = {
			.date = date, .nip = "", .name = "", .unit_code = "", .status = day_status_name(x->acc.status),
			.closed = closed, .late_min = x->acc.late_min, .early_min = x->acc.early_min,
			.net_min = x->acc.net_min, .violations = x->acc.violations, .flags = x->flags,
			.plan_mode = plan_name(plan ? x->plan : DAY_PLAN_NONE), .plan_id = plan, .leave_id = leave,
			.leave_kind = leave ? day_leave_kind_name((enum day_leave_kind)x->leave_kind) : "",
			.schedule_code = x->work.code, .start_min = stored_start(x), .end_min = stored_end(x),
			.in_min = x->in_min, .out_min = x->out_min, .closed_at = "", .version = 0};
		cb(ctx, &row);
	}
	free(r.e);
	return rc;
}

int attendance_is_closed(struct db_conn *c, int32_t day, bool *closed)
{
	char date[DATE_TEXT];
	date_format(day, date);
	struct db_stmt *s = db_prepare(c, SQL_CLOSED_ONE);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, date);
	int rc = db_step(s);
	*closed = rc == 1;
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static const char SQL_CLOSES[] =
	"SELECT date, closed_by, closed_at, working_day, employees, changed, closes, duration_ms FROM day_close"
	" WHERE date >= $1 AND date <= $2 ORDER BY date DESC LIMIT 400";

int attendance_closes_each(struct db_conn *c, const char *from, const char *to,
			   int (*cb)(void *ctx, const struct attendance_close_row *r), void *ctx)
{
	struct db_stmt *s = db_prepare(c, SQL_CLOSES);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, from);
	db_bind_text(s, 2, to);
	int rc;
	while ((rc = db_step(s)) == 1) {
		struct attendance_close_row r = {db_col_text(s, 0), db_col_text(s, 1), db_col_text(s, 2),
						 db_col_bool(s, 3), db_col_int(s, 4), db_col_int(s, 5),
						 db_col_int(s, 6), db_col_int(s, 7)};
		if (cb(ctx, &r))
			break;
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}
