/* confirmations.c (store) - due, materialised and answered confirmations;
 * see store/confirmations.h. */
#include "store/confirmations.h"
#include "store/audit.h"
#include "store/checkins.h"
#include "store/worklog.h"
#include "core/clock.h"
#include "core/date.h"
#include "core/err.h"
#include "core/mem.h"
#include "domain/geo.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int64_t confirmations_now_ms(void)
{
	const char *pin = getenv("FLEKSI_WORKLOG_CLOCK");
	if (pin && *pin) {
		char *end;
		long long v = strtoll(pin, &end, 10);
		if (!*end && v > 0)
			return v;
	}
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

#define ROW_COLUMNS                                                                                                \
	"SELECT id, seq, due_min, due_ms, expires_ms, status, COALESCE(answered_ms, 0), late_min, lat, lon,"         \
	" accuracy_m, COALESCE(distance_m, -1), COALESCE(plan_id, 0) FROM presence_confirmation"

/* One remote day of the employee and its due moments. */
struct due_day {
	int32_t day;
	char date[DATE_TEXT];
	struct presence_day pd;
	int n;                       /* moments due by now */
	int seq[WORKLOG_CONFIRMATIONS_MAX];
	int minutes[WORKLOG_CONFIRMATIONS_MAX];
	int64_t due_ms[WORKLOG_CONFIRMATIONS_MAX];
};

static bool remote(const struct presence_day *d)
{
	return d->has_plan && d->mode != PRESENCE_WFO && d->work.working;
}

static int on_leave(struct db_conn *c, int64_t employee_id, const char *date, bool *leave)
{
	struct db_stmt *s = db_prepare(c, "SELECT 1 FROM employee_leave WHERE employee_id = $1 AND status = 'active'"
					  " AND date_from <= $2 AND date_to >= $2");
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, employee_id);
	db_bind_text(s, 2, date);
	int rc = db_step(s);
	*leave = rc == 1;
	db_reset(s);
	return rc < 0 ? rc : 0;
}

/* The moments of day that are due by now_ms (none unless a remote working day without leave). */
static int due_on(struct db_conn *c, const struct presence_person *p, const struct worklog_settings *ws, int32_t day,
		  bool day_before, int64_t now_ms, struct due_day *d)
{
	memset(d, 0, sizeof *d);
	d->day = day;
	date_format(day, d->date);
	int rc = presence_day_get(c, p, day, now_ms, &d->pd);
	if (rc || !remote(&d->pd))
		return rc;
	bool leave;
	if ((rc = on_leave(c, p->employee_id, d->date, &leave)) || leave)
		return rc;
	uint8_t seed[WORKLOG_SEED_BYTES];
	worklog_seed(ws->secret, p->employee_id, day, seed);
	int m[WORKLOG_CONFIRMATIONS_MAX];
	int k = worklog_confirmation_minutes(seed, &d->pd.work, ws->confirmations_per_day, ws->answer_window_min, m);
	int64_t midnight_ms = tz_midnight_unix(day, p->tz) * 1000;
	for (int i = 0; i < k; i++) {
		int64_t at = midnight_ms + (int64_t)m[i] * 60000;
		if (day_before && m[i] < 1440)
			continue;   /* yesterday: only a shift's moments past midnight are still today's business */
		if (at > now_ms)
			break;   /* ascending: the rest are still to come (and stay secret) */
		d->seq[d->n] = i;
		d->minutes[d->n] = m[i];
		d->due_ms[d->n++] = at;
	}
	return 0;
}

static const char *row_status(const char *stored, int64_t expires_ms, int64_t now_ms)
{
	return !strcmp(stored, "pending") && now_ms > expires_ms ? "missed" : stored;
}

struct stored {
	int64_t id[WORKLOG_CONFIRMATIONS_MAX];
	struct confirmation_row row[WORKLOG_CONFIRMATIONS_MAX];
	char status[WORKLOG_CONFIRMATIONS_MAX][12];
};

static int load_stored(struct db_conn *c, int64_t employee_id, const char *date, int64_t now_ms, struct stored *st)
{
	memset(st, 0, sizeof *st);
	struct db_stmt *s = db_prepare(c, ROW_COLUMNS " WHERE employee_id = $1 AND date = $2");
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, employee_id);
	db_bind_text(s, 2, date);
	int rc;
	while ((rc = db_step(s)) == 1) {
		int seq = (int)db_col_int(s, 1);
		if (seq < 0 || seq >= WORKLOG_CONFIRMATIONS_MAX)
			continue;
		struct confirmation_row *r = &st->row[seq];
		st->id[seq] = r->id = db_col_int(s, 0);
		r->seq = seq;
		r->due_min = (int)db_col_int(s, 2);
		r->due_ms = db_col_int(s, 3);
		r->expires_ms = db_col_int(s, 4);
		snprintf(st->status[seq], sizeof st->status[seq], "%s", row_status(db_col_text(s, 5), r->expires_ms, now_ms));
		r->status = st->status[seq];
		r->answered_ms = db_col_int(s, 6);
		r->late_min = (int)db_col_int(s, 7);
		r->has_location = !db_col_null(s, 8);
		r->lat = db_col_real(s, 8), r->lon = db_col_real(s, 9), r->accuracy_m = db_col_real(s, 10);
		r->distance_m = db_col_real(s, 11);
		r->plan_id = db_col_int(s, 12);
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

/* Make the rows of d's due moments that do not exist yet, each with its notification. */
static int materialise(struct db_conn *c, const struct presence_person *p, const struct worklog_settings *ws,
		       const struct due_day *d, int64_t now_ms)
{
	char now[40];
	clock_now_iso(now, sizeof now);
	struct db_stmt *s = db_prepare(c, "INSERT INTO presence_confirmation (employee_id, date, seq, plan_id, due_min, due_ms,"
					  " expires_ms, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
					  " ON CONFLICT (employee_id, date, seq) DO NOTHING RETURNING id");
	if (!s)
		return ERR_DB;
	for (int i = 0; i < d->n; i++) {
		int64_t expires = d->due_ms[i] + (int64_t)ws->answer_window_min * 60000;
		db_bind_int(s, 1, p->employee_id);
		db_bind_text(s, 2, d->date);
		db_bind_int(s, 3, d->seq[i]);
		db_bind_int(s, 4, d->pd.plan_id);
		db_bind_int(s, 5, d->minutes[i]);
		db_bind_int(s, 6, d->due_ms[i]);
		db_bind_int(s, 7, expires);
		db_bind_text(s, 8, now);
		int rc = db_step(s);
		int64_t id = rc == 1 ? db_col_int(s, 0) : 0;
		db_reset(s);
		if (rc < 0)
			return rc;
		char hm[6], mid[200], men[200];
		date_format_hhmm(d->minutes[i] % 1440, hm);
		snprintf(mid, sizeof mid, "Konfirmasi kehadiran: jawab dalam %d menit (sejak %s %s).", ws->answer_window_min, hm,
			 tz_name(p->tz));
		snprintf(men, sizeof men, "Confirm your presence: answer within %d minutes (since %s %s).",
			 ws->answer_window_min, hm, tz_name(p->tz));
		/* Nobody is told to answer what can no longer be answered in time. */
		if (id && expires >= now_ms && (rc = notification_add(c, p->employee_id, "confirmation", id, mid, men, expires)))
			return rc;
	}
	return 0;
}

static int emit_day(struct db_conn *c, const struct presence_person *p, const struct worklog_settings *ws,
		    const struct due_day *d, int64_t now_ms, int (*cb)(void *ctx, const struct confirmation_row *r),
		    void *ctx)
{
	struct stored *st = xmalloc(sizeof *st);
	int rc = load_stored(c, p->employee_id, d->date, now_ms, st);
	for (int i = 0; !rc && i < d->n; i++) {
		int q = d->seq[i];
		struct confirmation_row r = st->row[q];
		if (!st->id[q]) {
			/* Due, never asked (the app did not poll): missed once its window passed. */
			memset(&r, 0, sizeof r);
			r.seq = q, r.due_min = d->minutes[i], r.due_ms = d->due_ms[i];
			r.expires_ms = d->due_ms[i] + (int64_t)ws->answer_window_min * 60000;
			r.status = now_ms > r.expires_ms ? "missed" : "pending";
			r.distance_m = -1;
			r.plan_id = d->pd.plan_id;
		}
		r.date = d->date;
		r.plan_mode = presence_mode_name(d->pd.mode);
		r.time_zone = tz_name(p->tz);
		rc = cb(ctx, &r);
	}
	free(st);
	return rc;
}

int confirmations_due(struct db_conn *c, int64_t employee_id, int64_t now_ms, bool materialise_rows,
		      int (*cb)(void *ctx, const struct confirmation_row *r), void *ctx)
{
	struct presence_person p;
	int rc = presence_person_get(c, employee_id, now_ms, &p);
	if (rc)
		return rc;
	struct worklog_settings ws;
	if ((rc = worklog_settings_get(c, &ws)))
		return rc;
	int32_t today;
	int minute;
	tz_local(now_ms / 1000, p.tz, &today, &minute);
	struct due_day d[2];
	/* Yesterday first: a night shift's moments past midnight belong to it. */
	for (int k = 0; k < 2 && !rc; k++)
		rc = due_on(c, &p, &ws, today - 1 + k, k == 0, now_ms, &d[k]);
	if (rc)
		return rc;
	if (materialise_rows && (d[0].n || d[1].n)) {
		if ((rc = db_begin_write(c)))
			return rc;
		for (int k = 0; k < 2 && !rc; k++)
			rc = materialise(c, &p, &ws, &d[k], now_ms);
		if (!rc)
			rc = db_commit(c);
		else
			db_rollback(c);
		if (rc)
			return rc;
	}
	if ((rc = db_begin_read(c)))
		return rc;
	for (int k = 0; k < 2 && !rc; k++)
		rc = emit_day(c, &p, &ws, &d[k], now_ms, cb, ctx);
	db_rollback(c);
	return rc;
}

/* The place the answer is compared with: home for wfh, the plan's place otherwise. */
static double distance_to_place(const struct presence_person *p, const struct presence_day *d, double lat, double lon)
{
	if (d->mode == PRESENCE_WFH)
		return p->has_domicile ? geo_distance_m(lat, lon, p->home_lat, p->home_lon) : -1;
	return d->place.known ? geo_distance_m(lat, lon, d->place.lat, d->place.lon) : -1;
}

static int answer_audit(struct db_conn *c, const char *actor, int64_t id, const char *date, int seq, bool on_time,
			int late_min, double dist)
{
	char object[48], after[300];
	snprintf(object, sizeof object, "confirmation:%lld", (long long)id);
	snprintf(after, sizeof after, "{\"date\":\"%s\",\"distance_m\":%.0f,\"late_min\":%d,\"seq\":%d,\"status\":\"%s\"}",
		 date, dist, late_min, seq, on_time ? "answered" : "late");
	struct audit_event ev = {actor, "confirmation.answer", object, NULL, after};
	return audit_append(c, &ev);
}

/* A confirmation of the employee: its date, sequence and due time. */
static int confirmation_find(struct db_conn *c, int64_t employee_id, int64_t id, char date[DATE_TEXT], int *seq,
			     int64_t *due_ms)
{
	struct db_stmt *s = db_prepare(c, "SELECT date, seq, due_ms, status FROM presence_confirmation WHERE id = $1"
					  " AND employee_id = $2");
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, employee_id);
	int rc = db_step(s);
	if (rc == 1) {
		snprintf(date, DATE_TEXT, "%s", db_col_text(s, 0));
		*seq = (int)db_col_int(s, 1), *due_ms = db_col_int(s, 2);
	}
	db_reset(s);
	return rc < 0 ? rc : rc == 0 ? ERR_NOT_FOUND : 0;
}

struct answer {
	bool on_time;
	int64_t now_ms;
	int late_min;
	double lat, lon, accuracy_m, distance_m; /* distance_m < 0: unknown */
};

/* Record the answer on a pending confirmation; ERR_CONFLICT when it was answered already. */
static int answer_record(struct db_conn *c, int64_t employee_id, int64_t id, const struct answer *an)
{
	struct db_stmt *s = db_prepare(c, "UPDATE presence_confirmation SET status = $3, answered_ms = $4, late_min = $5,"
					  " lat = $6, lon = $7, accuracy_m = $8, distance_m = $9 WHERE id = $1"
					  " AND employee_id = $2 AND status = 'pending' RETURNING id");
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, employee_id);
	db_bind_text(s, 3, an->on_time ? "answered" : "late");
	db_bind_int(s, 4, an->now_ms);
	db_bind_int(s, 5, an->late_min);
	db_bind_real(s, 6, an->lat);
	db_bind_real(s, 7, an->lon);
	db_bind_real(s, 8, an->accuracy_m);
	if (an->distance_m >= 0)
		db_bind_real(s, 9, an->distance_m);
	else
		db_bind_null(s, 9);
	int rc = db_step(s);
	db_reset(s);
	return rc == 0 ? ERR_CONFLICT : rc < 0 ? rc : 0;
}

int confirmation_answer(struct db_conn *c, int64_t employee_id, int64_t id, double lat, double lon, double accuracy_m,
			int64_t now_ms, const char *actor, int (*cb)(void *ctx, const struct confirmation_row *r),
			void *ctx)
{
	/* The row's date and the person first (outside a transaction: the presence context). */
	char date[DATE_TEXT] = "";
	int seq = 0;
	int64_t due_ms = 0;
	int rc = confirmation_find(c, employee_id, id, date, &seq, &due_ms);
	if (rc)
		return rc;
	int32_t day;
	struct presence_person p;
	struct presence_day d;
	struct worklog_settings ws;
	if (!date_parse(date, &day))
		return ERR_DB;
	if ((rc = presence_person_get(c, employee_id, now_ms, &p)) || (rc = presence_day_get(c, &p, day, now_ms, &d)) ||
	    (rc = worklog_settings_get(c, &ws)))
		return rc;
	int late_min;
	bool on_time = worklog_answer_on_time(due_ms, ws.answer_window_min, now_ms, &late_min);
	double dist = distance_to_place(&p, &d, lat, lon);
	if ((rc = db_begin_write(c)))
		return rc;
	struct answer an = {on_time, now_ms, late_min, lat, lon, accuracy_m, dist};
	rc = answer_record(c, employee_id, id, &an);
	if (!rc)
		rc = notification_read_ref(c, employee_id, "confirmation", id);
	if (!rc)
		rc = answer_audit(c, actor, id, date, seq, on_time, late_min, dist);
	if (!rc)
		rc = db_commit(c);
	else
		db_rollback(c);
	if (rc)
		return rc;
	if ((rc = db_begin_read(c)))
		return rc;
	struct stored *st = xmalloc(sizeof *st);
	rc = load_stored(c, employee_id, date, now_ms, st);
	db_rollback(c);
	if (!rc) {
		struct confirmation_row r = st->row[seq];
		r.date = date;
		r.plan_mode = presence_mode_name(d.mode);
		r.time_zone = tz_name(p.tz);
		rc = cb(ctx, &r);
	}
	free(st);
	return rc;
}

/* ---- the close ---- */

static int answers_cmp(const void *a, const void *b)
{
	int64_t x = ((const struct confirmation_answers *)a)->employee_id,
		y = ((const struct confirmation_answers *)b)->employee_id;
	return x < y ? -1 : x > y;
}

int confirmation_answers_load(struct db_conn *c, const char *date, int64_t only, struct confirmation_answers **out,
			      long *n)
{
	struct db_stmt *s = db_prepare(c, only ? "SELECT employee_id, seq, status, late_min FROM presence_confirmation"
						 " WHERE date = $1 AND status <> 'pending' AND employee_id = $2"
					       : "SELECT employee_id, seq, status, late_min FROM presence_confirmation"
						 " WHERE date = $1 AND status <> 'pending' ORDER BY employee_id");
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, date);
	if (only)
		db_bind_int(s, 2, only);
	long cap = 0, k = 0;
	struct confirmation_answers *a = NULL;
	int rc;
	while ((rc = db_step(s)) == 1) {
		int64_t emp = db_col_int(s, 0);
		int seq = (int)db_col_int(s, 1);
		if (seq < 0 || seq >= WORKLOG_CONFIRMATIONS_MAX)
			continue;
		if (!k || a[k - 1].employee_id != emp) {
			if (k == cap)
				a = xrealloc(a, (size_t)(cap = cap ? cap * 2 : 256) * sizeof *a);
			memset(&a[k], 0, sizeof a[k]);
			a[k++].employee_id = emp;
		}
		struct confirmation_answers *x = &a[k - 1];
		if (!strcmp(db_col_text(s, 2), "answered")) {
			x->ok_mask |= (uint8_t)(1u << seq);
		} else {
			x->late_mask |= (uint8_t)(1u << seq);
			int64_t lm = db_col_int(s, 3);
			x->late_min[seq] = (int16_t)(lm > 30000 ? 30000 : lm);
		}
	}
	db_reset(s);
	if (rc < 0) {
		free(a);
		return rc;
	}
	/* Rows of one employee arrive together (ORDER BY); sort for bsearch anyway. */
	if (k > 1)
		qsort(a, (size_t)k, sizeof *a, answers_cmp);
	*out = a, *n = k;
	return 0;
}
