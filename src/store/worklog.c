/* worklog.c (store) - settings, SKP targets, daily reports, notifications;
 * see store/worklog.h. */
#include "store/worklog.h"
#include "store/attendance.h"
#include "store/audit.h"
#include "store/calendar.h"
#include "core/clock.h"
#include "core/csvtable.h"
#include "core/date.h"
#include "core/err.h"
#include "core/hex.h"
#include "core/mem.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- settings ---- */

static const char SQL_SETTINGS[] =
	"SELECT confirmations_per_day, answer_window_min, report_days, report_deadline_min, review_working_days,"
	" secret, updated_by, updated_at FROM worklog_setting WHERE id = 1";
static const char SQL_SETTINGS_PUT[] =
	"UPDATE worklog_setting SET confirmations_per_day = $1, answer_window_min = $2, report_days = $3,"
	" report_deadline_min = $4, review_working_days = $5, updated_by = $6, updated_at = $7 WHERE id = 1";

static pthread_mutex_t settings_mu = PTHREAD_MUTEX_INITIALIZER;
static struct worklog_settings settings_cache;
static int64_t settings_loaded_ms;

static int64_t mono_ms(void) { return (int64_t)(clock_mono_ns() / 1000000); }

int worklog_settings_get(struct db_conn *c, struct worklog_settings *out)
{
	pthread_mutex_lock(&settings_mu);
	bool fresh = settings_loaded_ms && mono_ms() - settings_loaded_ms < WORKLOG_SETTINGS_TTL_MS;
	if (fresh)
		*out = settings_cache;
	pthread_mutex_unlock(&settings_mu);
	if (fresh)
		return 0;
	struct db_stmt *s = db_prepare(c, SQL_SETTINGS);
	if (!s)
		return ERR_DB;
	int rc = db_step(s);
	if (rc == 1) {
		memset(out, 0, sizeof *out);
		out->confirmations_per_day = (int)db_col_int(s, 0);
		out->answer_window_min = (int)db_col_int(s, 1);
		out->report_every_working_day = !strcmp(db_col_text(s, 2), "working");
		out->report_deadline_min = (int)db_col_int(s, 3);
		out->review_working_days = (int)db_col_int(s, 4);
		if (hex_decode(db_col_text(s, 5), out->secret, WORKLOG_SECRET_BYTES) != 0)
			rc = ERR_DB;
		snprintf(out->updated_by, sizeof out->updated_by, "%s", db_col_text(s, 6));
		snprintf(out->updated_at, sizeof out->updated_at, "%s", db_col_text(s, 7));
	}
	db_reset(s);
	if (rc == 0)
		rc = ERR_DB;   /* the row is made by migration 011 */
	if (rc < 0)
		return rc;
	pthread_mutex_lock(&settings_mu);
	settings_cache = *out;
	settings_loaded_ms = mono_ms();
	pthread_mutex_unlock(&settings_mu);
	return 0;
}

int worklog_settings_put(struct db_conn *c, const struct worklog_settings *in, const char *actor)
{
	char now[40];
	clock_now_iso(now, sizeof now);
	struct db_stmt *s = db_prepare(c, SQL_SETTINGS_PUT);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, in->confirmations_per_day);
	db_bind_int(s, 2, in->answer_window_min);
	db_bind_text(s, 3, in->report_every_working_day ? "working" : "remote");
	db_bind_int(s, 4, in->report_deadline_min);
	db_bind_int(s, 5, in->review_working_days);
	db_bind_text(s, 6, actor);
	db_bind_text(s, 7, now);
	int rc = db_step(s);
	db_reset(s);
	if (rc < 0)
		return rc;
	char after[300];
	snprintf(after, sizeof after,
		 "{\"answer_window_min\":%d,\"confirmations_per_day\":%d,\"report_days\":\"%s\",\"report_deadline_min\":%d,"
		 "\"review_working_days\":%d}",
		 in->answer_window_min, in->confirmations_per_day, in->report_every_working_day ? "working" : "remote",
		 in->report_deadline_min, in->review_working_days);
	struct audit_event ev = {actor, "worklog.settings", "worklog_setting:1", NULL, after};
	if ((rc = audit_append(c, &ev)))
		return rc;
	pthread_mutex_lock(&settings_mu);
	settings_loaded_ms = 0;   /* re-read (with the secret) on next use */
	pthread_mutex_unlock(&settings_mu);
	return 0;
}

int worklog_employee_tz(struct db_conn *c, int64_t employee_id, int *tz, int64_t *unit_id, int64_t *supervisor_id)
{
	struct db_stmt *s = db_prepare(c, "SELECT unit_id, COALESCE(supervisor_id, 0) FROM employee WHERE id = $1");
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, employee_id);
	int rc = db_step(s);
	int64_t unit = rc == 1 ? db_col_int(s, 0) : 0, sup = rc == 1 ? db_col_int(s, 1) : 0;
	db_reset(s);
	if (rc < 0)
		return rc;
	if (rc == 0)
		return ERR_NOT_FOUND;
	enum tz_zone z = TZ_WIB;
	if ((rc = unit_time_zone(c, unit, &z)))
		return rc;
	*tz = (int)z;
	if (unit_id)
		*unit_id = unit;
	if (supervisor_id)
		*supervisor_id = sup;
	return 0;
}

/* ---- SKP targets ---- */

#define SKP_COLUMNS "id, employee_id, year, code, title, indicator, target_qty, target_unit"

static void skp_from_row(struct db_stmt *s, struct skp_target *t)
{
	memset(t, 0, sizeof *t);
	t->id = db_col_int(s, 0);
	t->employee_id = db_col_int(s, 1);
	t->year = (int)db_col_int(s, 2);
	snprintf(t->code, sizeof t->code, "%s", db_col_text(s, 3));
	snprintf(t->title, sizeof t->title, "%s", db_col_text(s, 4));
	snprintf(t->indicator, sizeof t->indicator, "%s", db_col_text(s, 5));
	t->has_qty = !db_col_null(s, 6);
	t->target_qty = t->has_qty ? db_col_real(s, 6) : 0;
	snprintf(t->target_unit, sizeof t->target_unit, "%s", db_col_text(s, 7));
}

int skp_targets_each(struct db_conn *c, int64_t employee_id, int year,
		     int (*cb)(void *ctx, const struct skp_target *t), void *ctx)
{
	struct db_stmt *s = db_prepare(c, "SELECT " SKP_COLUMNS " FROM skp_target WHERE employee_id = $1"
					  " AND deleted = FALSE AND ($2 = 0 OR year = $2) ORDER BY year, code, id");
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, employee_id);
	db_bind_int(s, 2, year);
	int rc;
	struct skp_target t;
	while ((rc = db_step(s)) == 1) {
		skp_from_row(s, &t);
		if ((rc = cb(ctx, &t)))
			break;
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static bool text_ok(const char *s, size_t min, size_t max)
{
	size_t n = strlen(s);
	if (n < min || n > max)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20)
			return false;
	return true;
}

int skp_target_check(const struct skp_target *t, const char **field)
{
	if (t->year < 2000 || t->year > 2100)
		*field = "year";
	else if (!text_ok(t->code, 1, SKP_CODE_MAX))
		*field = "code";
	else if (!text_ok(t->title, 1, SKP_TITLE_MAX))
		*field = "title";
	else if (!text_ok(t->indicator, 0, SKP_TITLE_MAX))
		*field = "indicator";
	else if (t->has_qty && !(t->target_qty >= 0 && t->target_qty <= 1e9))
		*field = "target";
	else if (!text_ok(t->target_unit, 0, 64))
		*field = "unit";
	else
		return 0;
	return ERR_INVALID;
}

static int skp_audit(struct db_conn *c, const char *actor, const char *action, const struct skp_target *t)
{
	char object[48];
	snprintf(object, sizeof object, "skp_target:%lld", (long long)t->id);
	struct buf b;
	buf_init(&b, 4096);
	buf_printf(&b, "{\"code\":");
	buf_json_string(&b, t->code);
	buf_printf(&b, ",\"employee_id\":%lld,\"title\":", (long long)t->employee_id);
	buf_json_string(&b, t->title);
	buf_printf(&b, ",\"year\":%d}", t->year);
	struct audit_event ev = {actor, action, object, NULL, b.data};
	int rc = audit_append(c, &ev);
	buf_free(&b);
	return rc;
}

/* Whether another live target of the employee has the code that year. */
static int skp_code_taken(struct db_conn *c, const struct skp_target *t, bool *taken)
{
	struct db_stmt *s = db_prepare(c, "SELECT 1 FROM skp_target WHERE employee_id = $1 AND year = $2 AND code = $3"
					  " AND deleted = FALSE AND id <> $4");
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, t->employee_id);
	db_bind_int(s, 2, t->year);
	db_bind_text(s, 3, t->code);
	db_bind_int(s, 4, t->id);
	int rc = db_step(s);
	*taken = rc == 1;
	db_reset(s);
	return rc < 0 ? rc : 0;
}

int skp_target_save(struct db_conn *c, struct skp_target *t, const char *actor)
{
	const char *field;
	if (skp_target_check(t, &field))
		return ERR_INVALID;
	bool taken;
	int rc = skp_code_taken(c, t, &taken);
	if (rc)
		return rc;
	if (taken)
		return ERR_CONFLICT;
	char now[40];
	clock_now_iso(now, sizeof now);
	struct db_stmt *s;
	if (t->id) {
		s = db_prepare(c, "UPDATE skp_target SET year = $3, code = $4, title = $5, indicator = $6, target_qty = $7,"
				  " target_unit = $8, updated_at = $9 WHERE id = $1 AND employee_id = $2 AND deleted = FALSE"
				  " RETURNING id");
	} else {
		s = db_prepare(c, "INSERT INTO skp_target (employee_id, year, code, title, indicator, target_qty, target_unit,"
				  " created_by, created_at, updated_at) VALUES ($2, $3, $4, $5, $6, $7, $8, $1, $9, $9) RETURNING id");
	}
	if (!s)
		return ERR_DB;
	if (t->id)
		db_bind_int(s, 1, t->id);
	else
		db_bind_text(s, 1, actor);
	db_bind_int(s, 2, t->employee_id);
	db_bind_int(s, 3, t->year);
	db_bind_text(s, 4, t->code);
	db_bind_text(s, 5, t->title);
	db_bind_text(s, 6, t->indicator);
	if (t->has_qty)
		db_bind_real(s, 7, t->target_qty);
	else
		db_bind_null(s, 7);
	db_bind_text(s, 8, t->target_unit);
	db_bind_text(s, 9, now);
	bool created = !t->id;
	rc = db_step(s);
	if (rc == 1)
		t->id = db_col_int(s, 0);
	db_reset(s);
	if (rc < 0)
		return rc;
	if (rc == 0)
		return ERR_NOT_FOUND;
	return skp_audit(c, actor, created ? "skp_target.create" : "skp_target.update", t);
}

int skp_target_delete(struct db_conn *c, int64_t employee_id, int64_t id, const char *actor)
{
	struct db_stmt *s = db_prepare(c, "UPDATE skp_target SET deleted = TRUE WHERE id = $1 AND employee_id = $2"
					  " AND deleted = FALSE RETURNING " SKP_COLUMNS);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, employee_id);
	struct skp_target t;
	int rc = db_step(s);
	if (rc == 1)
		skp_from_row(s, &t);
	db_reset(s);
	if (rc < 0)
		return rc;
	if (rc == 0)
		return ERR_NOT_FOUND;
	return skp_audit(c, actor, "skp_target.delete", &t);
}

static int csv_col(const struct csv_table *t, const char *en, const char *id)
{
	int k = csvtable_column(t, en);
	return k >= 0 ? k : csvtable_column(t, id);
}

static const char *cell(const struct csv_row *r, int k) { return k >= 0 && k < r->ncells ? r->cells[k] : ""; }

/* The id of the employee's live target with the code in the year (0 none). */
static int skp_find_code(struct db_conn *c, int64_t employee_id, int year, const char *code, int64_t *id)
{
	struct db_stmt *s = db_prepare(c, "SELECT id FROM skp_target WHERE employee_id = $1 AND year = $2 AND code = $3"
					  " AND deleted = FALSE");
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, employee_id);
	db_bind_int(s, 2, year);
	db_bind_text(s, 3, code);
	int rc = db_step(s);
	*id = rc == 1 ? db_col_int(s, 0) : 0;
	db_reset(s);
	return rc < 0 ? rc : 0;
}

int skp_targets_import(struct db_conn *c, int64_t employee_id, const char *csv, size_t len, const char *actor,
		       long *imported, long *line, const char **field)
{
	struct csv_table t;
	*imported = 0, *line = 0, *field = NULL;
	int rc = csvtable_parse(csv, len, SKP_IMPORT_ROWS_MAX, &t);
	if (rc) {
		*field = "file";
		csvtable_free(&t);
		return rc;
	}
	/* English headers, or the Indonesian ones of an e-Kinerja export. */
	int ky = csv_col(&t, "year", "tahun"), kc = csv_col(&t, "code", "kode"), kt = csv_col(&t, "title", "rencana_kinerja"),
	    ki = csv_col(&t, "indicator", "indikator"), kq = csv_col(&t, "target", "target"), ku = csv_col(&t, "unit", "satuan");
	if (t.nrows < 1 || ky < 0 || kc < 0 || kt < 0) {
		*field = ky < 0 ? "year" : kc < 0 ? "code" : "title";
		*line = 1;
		csvtable_free(&t);
		return ERR_INVALID;
	}
	for (long i = 1; i < t.nrows && !rc; i++) {
		const struct csv_row *r = &t.rows[i];
		struct skp_target x;
		memset(&x, 0, sizeof x);
		x.employee_id = employee_id;
		char *end;
		x.year = (int)strtol(cell(r, ky), &end, 10);
		if (*end || !*cell(r, ky))
			x.year = 0;
		snprintf(x.code, sizeof x.code, "%s", cell(r, kc));
		snprintf(x.title, sizeof x.title, "%s", cell(r, kt));
		snprintf(x.indicator, sizeof x.indicator, "%s", cell(r, ki));
		snprintf(x.target_unit, sizeof x.target_unit, "%s", cell(r, ku));
		const char *q = cell(r, kq);
		if (*q) {
			x.has_qty = true;
			x.target_qty = strtod(q, &end);
			if (*end)
				x.target_qty = -1;
		}
		*line = r->line;
		if (strlen(cell(r, kc)) > SKP_CODE_MAX || strlen(cell(r, kt)) > SKP_TITLE_MAX) {
			*field = strlen(cell(r, kc)) > SKP_CODE_MAX ? "code" : "title";
			rc = ERR_INVALID;
		} else if ((rc = skp_target_check(&x, field)) == 0 &&
			   (rc = skp_find_code(c, employee_id, x.year, x.code, &x.id)) == 0) {
			rc = skp_target_save(c, &x, actor);
			*imported += !rc;
		}
	}
	csvtable_free(&t);
	if (!rc)
		*line = 0;
	return rc;
}

/* ---- notifications ---- */

int notification_add(struct db_conn *c, int64_t employee_id, const char *kind, int64_t ref_id, const char *message_id,
		     const char *message_en, int64_t expires_ms)
{
	char now[40];
	clock_now_iso(now, sizeof now);
	struct db_stmt *s = db_prepare(c, "INSERT INTO notification (employee_id, kind, ref_id, message_id, message_en,"
					  " created_at, expires_ms) VALUES ($1, $2, $3, $4, $5, $6, $7)"
					  " ON CONFLICT (employee_id, kind, ref_id) DO UPDATE SET message_id = excluded.message_id,"
					  " message_en = excluded.message_en, created_at = excluded.created_at, read_at = NULL"
					  " WHERE notification.kind <> 'confirmation'");
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, employee_id);
	db_bind_text(s, 2, kind);
	db_bind_int(s, 3, ref_id);
	db_bind_text(s, 4, message_id);
	db_bind_text(s, 5, message_en);
	db_bind_text(s, 6, now);
	if (expires_ms > 0)
		db_bind_int(s, 7, expires_ms);
	else
		db_bind_null(s, 7);
	int rc = db_step(s);
	db_reset(s);
	return rc < 0 ? rc : 0;
}

int notifications_each(struct db_conn *c, int64_t employee_id, int limit, long *unread,
		       int (*cb)(void *ctx, const struct notification_row *n), void *ctx)
{
	struct db_stmt *s = db_prepare(c, "SELECT COUNT(*) FROM notification WHERE employee_id = $1 AND read_at IS NULL");
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, employee_id);
	int rc = db_step(s);
	*unread = rc == 1 ? db_col_int(s, 0) : 0;
	db_reset(s);
	if (rc < 0)
		return rc;
	s = db_prepare(c, "SELECT id, ref_id, kind, message_id, message_en, created_at, COALESCE(read_at, '')"
			  " FROM notification WHERE employee_id = $1 ORDER BY id DESC LIMIT $2");
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, employee_id);
	db_bind_int(s, 2, limit);
	while ((rc = db_step(s)) == 1) {
		struct notification_row n = {db_col_int(s, 0), db_col_int(s, 1), db_col_text(s, 2), db_col_text(s, 3),
					     db_col_text(s, 4), db_col_text(s, 5), db_col_text(s, 6)};
		if ((rc = cb(ctx, &n)))
			break;
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

int notification_read(struct db_conn *c, int64_t employee_id, int64_t id)
{
	char now[40];
	clock_now_iso(now, sizeof now);
	struct db_stmt *s = db_prepare(c, "UPDATE notification SET read_at = COALESCE(read_at, $3) WHERE id = $1"
					  " AND employee_id = $2 RETURNING id");
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, employee_id);
	db_bind_text(s, 3, now);
	int rc = db_step(s);
	db_reset(s);
	return rc < 0 ? rc : rc == 0 ? ERR_NOT_FOUND : 0;
}

int notification_read_ref(struct db_conn *c, int64_t employee_id, const char *kind, int64_t ref_id)
{
	char now[40];
	clock_now_iso(now, sizeof now);
	struct db_stmt *s = db_prepare(c, "UPDATE notification SET read_at = $4 WHERE employee_id = $1 AND kind = $2"
					  " AND ref_id = $3 AND read_at IS NULL");
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, employee_id);
	db_bind_text(s, 2, kind);
	db_bind_int(s, 3, ref_id);
	db_bind_text(s, 4, now);
	int rc = db_step(s);
	db_reset(s);
	return rc < 0 ? rc : 0;
}

/* ---- daily reports ---- */

#define REPORT_COLUMNS                                                                                             \
	"SELECT r.id, r.employee_id, e.nip, e.name, r.date, r.status, r.submitted_at, r.review_due,"                  \
	" COALESCE(r.reviewed_by, ''), COALESCE(r.reviewed_at, ''), COALESCE(r.return_reason, ''),"                   \
	" COALESCE(e.supervisor_id, 0), r.late, r.late_min, r.total_min, r.version"                                   \
	" FROM daily_report r JOIN employee e ON e.id = r.employee_id"

static void report_from_row(struct db_stmt *s, struct report_row *r)
{
	*r = (struct report_row){
		.id = db_col_int(s, 0), .employee_id = db_col_int(s, 1), .nip = db_col_text(s, 2),
		.name = db_col_text(s, 3), .date = db_col_text(s, 4), .status = db_col_text(s, 5),
		.submitted_at = db_col_text(s, 6), .review_due = db_col_text(s, 7), .reviewed_by = db_col_text(s, 8),
		.reviewed_at = db_col_text(s, 9), .return_reason = db_col_text(s, 10), .supervisor_id = db_col_int(s, 11),
		.late = db_col_bool(s, 12), .late_min = (int)db_col_int(s, 13), .total_min = (int)db_col_int(s, 14),
		.version = (int)db_col_int(s, 15),
	};
}

int reports_each(struct db_conn *c, const struct report_filter *f, int (*cb)(void *ctx, const struct report_row *r),
		 void *ctx)
{
	struct db_stmt *s = db_prepare(c, REPORT_COLUMNS
		" WHERE (($1 <> 0 AND r.employee_id = $1) OR ($1 = 0 AND e.supervisor_id = $2))"
		" AND ($3 = '' OR r.date >= $3) AND ($4 = '' OR r.date <= $4)"
		" AND ($5 = '' OR r.status = $5 OR ($5 = 'overdue' AND r.status = 'submitted' AND r.review_due < $6))"
		" ORDER BY r.date DESC, e.name, r.id LIMIT $7");
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, f->employee_id);
	db_bind_int(s, 2, f->supervisor_id);
	db_bind_text(s, 3, f->from ? f->from : "");
	db_bind_text(s, 4, f->to ? f->to : "");
	db_bind_text(s, 5, f->status ? f->status : "");
	db_bind_text(s, 6, f->today ? f->today : "");
	db_bind_int(s, 7, f->limit);
	int rc;
	struct report_row r;
	while ((rc = db_step(s)) == 1) {
		report_from_row(s, &r);
		if ((rc = cb(ctx, &r)))
			break;
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static int activities_each(struct db_conn *c, int64_t report_id,
			   int (*acb)(void *ctx, const struct report_activity_row *a), void *ctx)
{
	struct db_stmt *s = db_prepare(c, "SELECT a.position, a.target_id, t.code, t.title, a.description, a.minutes,"
					  " a.output FROM daily_report_activity a JOIN skp_target t ON t.id = a.target_id"
					  " WHERE a.report_id = $1 ORDER BY a.position");
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, report_id);
	int rc;
	while ((rc = db_step(s)) == 1) {
		struct report_activity_row a = {(int)db_col_int(s, 0), db_col_int(s, 1), db_col_text(s, 2),
						db_col_text(s, 3), db_col_text(s, 4), db_col_text(s, 6),
						(int)db_col_int(s, 5)};
		if ((rc = acb(ctx, &a)))
			break;
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

int report_get(struct db_conn *c, int64_t id, int64_t employee_id, const char *date,
	       int (*cb)(void *ctx, const struct report_row *r),
	       int (*acb)(void *ctx, const struct report_activity_row *a), void *ctx)
{
	struct db_stmt *s = db_prepare(c, REPORT_COLUMNS " WHERE ($1 <> 0 AND r.id = $1)"
					  " OR ($1 = 0 AND r.employee_id = $2 AND r.date = $3)");
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, employee_id);
	db_bind_text(s, 3, date ? date : "");
	int rc = db_step(s);
	if (rc == 1) {
		struct report_row r;
		report_from_row(s, &r);
		/* Activities first, on the same connection: copy what cb needs. */
		int64_t rid = r.id;
		char *copy[11];
		const char **f[] = {&r.nip, &r.name, &r.date, &r.status, &r.submitted_at, &r.review_due, &r.reviewed_by,
				    &r.reviewed_at, &r.return_reason};
		for (int i = 0; i < 9; i++)
			copy[i] = xstrdup(*f[i]), *f[i] = copy[i];
		db_reset(s);
		rc = acb ? activities_each(c, rid, acb, ctx) : 0;
		if (!rc)
			rc = cb(ctx, &r);
		for (int i = 0; i < 9; i++)
			free(copy[i]);
		return rc;
	}
	db_reset(s);
	return rc < 0 ? rc : ERR_NOT_FOUND;
}

struct old_report {
	int64_t id;
	bool exists;
	char status[16];
	int64_t first_ms;
	bool late;
	int late_min;
};

static int old_report(struct db_conn *c, int64_t employee_id, const char *date, struct old_report *o)
{
	memset(o, 0, sizeof *o);
	struct db_stmt *s = db_prepare(c, "SELECT id, status, first_submitted_ms, late, late_min FROM daily_report"
					  " WHERE employee_id = $1 AND date = $2");
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, employee_id);
	db_bind_text(s, 2, date);
	int rc = db_step(s);
	if (rc == 1) {
		o->exists = true;
		o->id = db_col_int(s, 0);
		snprintf(o->status, sizeof o->status, "%s", db_col_text(s, 1));
		o->first_ms = db_col_int(s, 2);
		o->late = db_col_bool(s, 3);
		o->late_min = (int)db_col_int(s, 4);
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

/* Every activity names a live target of the employee. */
static int check_targets(struct db_conn *c, int64_t employee_id, const struct worklog_activity *a, int n, int *index)
{
	struct db_stmt *s = db_prepare(c, "SELECT 1 FROM skp_target WHERE id = $1 AND employee_id = $2 AND deleted = FALSE");
	if (!s)
		return ERR_DB;
	for (int i = 0; i < n; i++) {
		db_bind_int(s, 1, a[i].target_id);
		db_bind_int(s, 2, employee_id);
		int rc = db_step(s);
		db_reset(s);
		if (rc < 0)
			return rc;
		if (rc == 0) {
			*index = i;
			return ERR_INVALID;
		}
	}
	return 0;
}

/* Lateness of a first submission at now_ms and the review due date. */
static int report_timing(struct db_conn *c, const struct worklog_settings *ws, int tz, int32_t day, int64_t sent_ms,
			 bool *late, int *late_min, char review_due[DATE_TEXT])
{
	int32_t sent_day;
	int sent_min;
	tz_local(sent_ms / 1000, (enum tz_zone)tz, &sent_day, &sent_min);
	int y1, y2, m, d;
	date_to_ymd(day < sent_day ? day : sent_day, &y1, &m, &d);
	date_to_ymd(sent_day + 62, &y2, &m, &d);
	struct calendar cal;
	int rc = calendar_load(c, y1, y2, &cal);
	if (rc)
		return rc;
	int32_t dd;
	int dm;
	worklog_report_deadline(&cal, day, 0, ws->report_deadline_min, &dd, &dm);
	*late_min = worklog_report_late_min(dd, dm, sent_day, sent_min);
	*late = *late_min > 0;
	date_format(worklog_review_due(&cal, sent_day, ws->review_working_days), review_due);
	calendar_free(&cal);
	return 0;
}

static int write_activities(struct db_conn *c, int64_t report_id, const struct worklog_activity *a, int n)
{
	struct db_stmt *s = db_prepare(c, "DELETE FROM daily_report_activity WHERE report_id = $1");
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, report_id);
	int rc = db_step(s);
	db_reset(s);
	if (rc < 0)
		return rc;
	s = db_prepare(c, "INSERT INTO daily_report_activity (report_id, position, target_id, description, minutes, output)"
			  " VALUES ($1, $2, $3, $4, $5, $6)");
	if (!s)
		return ERR_DB;
	for (int i = 0; i < n; i++) {
		db_bind_int(s, 1, report_id);
		db_bind_int(s, 2, i + 1);
		db_bind_int(s, 3, a[i].target_id);
		db_bind_text(s, 4, a[i].description);
		db_bind_int(s, 5, a[i].minutes);
		db_bind_text(s, 6, a[i].output ? a[i].output : "");
		rc = db_step(s);
		db_reset(s);
		if (rc < 0)
			return rc;
	}
	return 0;
}

static int report_audit(struct db_conn *c, const char *actor, const char *action, int64_t id, const char *date,
			const char *status, int total, bool late, const char *reason)
{
	char object[48];
	snprintf(object, sizeof object, "daily_report:%lld", (long long)id);
	struct buf b;
	buf_init(&b, 4096);
	buf_printf(&b, "{\"date\":\"%s\",\"late\":%s", date, late ? "true" : "false");
	if (reason) {
		buf_puts(&b, ",\"reason\":");
		buf_json_string(&b, reason);
	}
	buf_printf(&b, ",\"status\":\"%s\",\"total_min\":%d}", status, total);
	struct audit_event ev = {actor, action, object, NULL, b.data};
	int rc = audit_append(c, &ev);
	buf_free(&b);
	return rc;
}

static int report_upsert(struct db_conn *c, const struct old_report *o, int64_t employee_id, int64_t unit_id,
			 const char *date, int total, int64_t first_ms, bool late, int late_min, const char *review_due,
			 int64_t *id)
{
	char now[40];
	clock_now_iso(now, sizeof now);
	struct db_stmt *s;
	if (o->exists) {
		s = db_prepare(c, "UPDATE daily_report SET status = 'submitted', total_min = $2, submitted_at = $3,"
				  " review_due = $4, reviewed_by = NULL, reviewed_at = NULL, version = version + 1"
				  " WHERE id = $1");
		if (!s)
			return ERR_DB;
		db_bind_int(s, 1, o->id);
		db_bind_int(s, 2, total);
		db_bind_text(s, 3, now);
		db_bind_text(s, 4, review_due);
		*id = o->id;
		int rc = db_step(s);
		db_reset(s);
		return rc < 0 ? rc : 0;
	}
	s = db_prepare(c, "INSERT INTO daily_report (employee_id, unit_id, date, status, total_min, first_submitted_ms,"
			  " submitted_at, late, late_min, review_due) VALUES ($1, $2, $3, 'submitted', $4, $5, $6, $7, $8, $9)"
			  " RETURNING id");
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, employee_id);
	db_bind_int(s, 2, unit_id);
	db_bind_text(s, 3, date);
	db_bind_int(s, 4, total);
	db_bind_int(s, 5, first_ms);
	db_bind_text(s, 6, now);
	db_bind_bool(s, 7, late);
	db_bind_int(s, 8, late_min);
	db_bind_text(s, 9, review_due);
	int rc = db_step(s);
	if (rc == 1)
		*id = db_col_int(s, 0);
	db_reset(s);
	return rc < 0 ? rc : rc == 0 ? ERR_DB : 0;
}

int report_put(struct db_conn *c, int64_t employee_id, int32_t day, const struct worklog_activity *a, int n,
	       int64_t now_ms, const char *actor, int64_t *id, int *index, const char **field)
{
	int total;
	int rc = worklog_activities_check(a, n, &total, index, field);
	if (rc)
		return rc;
	if ((rc = check_targets(c, employee_id, a, n, index))) {
		*field = "target_id";
		return rc;
	}
	*field = NULL;
	struct worklog_settings ws;
	int tz;
	int64_t unit_id;
	if ((rc = worklog_settings_get(c, &ws)) || (rc = worklog_employee_tz(c, employee_id, &tz, &unit_id, NULL)))
		return rc;
	char date[DATE_TEXT], review_due[DATE_TEXT];
	date_format(day, date);
	struct old_report o;
	if ((rc = old_report(c, employee_id, date, &o)))
		return rc;
	if (o.exists && strcmp(o.status, "returned"))
		return ERR_CONFLICT;   /* waiting for review, or accepted: not changed any more */
	bool late;
	int late_min;
	if ((rc = report_timing(c, &ws, tz, day, now_ms, &late, &late_min, review_due)))
		return rc;
	if (o.exists)
		late = o.late, late_min = o.late_min;   /* lateness is that of the first submission */
	if ((rc = report_upsert(c, &o, employee_id, unit_id, date, total, now_ms, late, late_min, review_due, id)) ||
	    (rc = write_activities(c, *id, a, n)) ||
	    (rc = report_audit(c, actor, o.exists ? "daily_report.resubmit" : "daily_report.submit", *id, date,
			       "submitted", total, late, NULL)))
		return rc;
	/* A first report for a closed date turns its report_missing into report_late (or nothing). */
	return o.exists ? 0 : attendance_recompute_employee(c, employee_id, day, day, actor, NULL);
}

int report_review(struct db_conn *c, int64_t id, int64_t reviewer_employee_id, bool accept, const char *reason,
		  const char *actor)
{
	struct db_stmt *s = db_prepare(c, "SELECT r.employee_id, COALESCE(e.supervisor_id, 0), r.status, r.date,"
					  " r.total_min, r.late FROM daily_report r JOIN employee e ON e.id = r.employee_id"
					  " WHERE r.id = $1");
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, id);
	int rc = db_step(s);
	int64_t emp = 0, sup = 0;
	char status[16] = "", date[DATE_TEXT] = "";
	int total = 0;
	bool late = false;
	if (rc == 1) {
		emp = db_col_int(s, 0), sup = db_col_int(s, 1);
		snprintf(status, sizeof status, "%s", db_col_text(s, 2));
		snprintf(date, sizeof date, "%s", db_col_text(s, 3));
		total = (int)db_col_int(s, 4), late = db_col_bool(s, 5);
	}
	db_reset(s);
	if (rc < 0)
		return rc;
	if (rc == 0)
		return ERR_NOT_FOUND;
	if (!reviewer_employee_id || sup != reviewer_employee_id || emp == reviewer_employee_id)
		return ERR_FORBIDDEN;
	if (strcmp(status, "submitted"))
		return ERR_CONFLICT;
	char now[40];
	clock_now_iso(now, sizeof now);
	const char *to = accept ? "accepted" : "returned";
	s = db_prepare(c, "UPDATE daily_report SET status = $2, reviewed_by = $3, reviewed_at = $4, return_reason = $5,"
			  " version = version + 1 WHERE id = $1");
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, id);
	db_bind_text(s, 2, to);
	db_bind_text(s, 3, actor);
	db_bind_text(s, 4, now);
	db_bind_text(s, 5, accept ? NULL : reason);
	rc = db_step(s);
	db_reset(s);
	if (rc < 0)
		return rc;
	char mid[200], men[200];
	snprintf(mid, sizeof mid, accept ? "Laporan harian %s diterima atasan." : "Laporan harian %s dikembalikan atasan.",
		 date);
	snprintf(men, sizeof men, accept ? "Your daily report of %s was accepted." : "Your daily report of %s was returned.",
		 date);
	if ((rc = notification_add(c, emp, accept ? "report_accepted" : "report_returned", id, mid, men, 0)))
		return rc;
	return report_audit(c, actor, accept ? "daily_report.accept" : "daily_report.return", id, date, to, total, late,
			    accept ? NULL : reason);
}
