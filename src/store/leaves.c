/* leaves.c (store) - leave and duty travel; see store/leaves.h. */
#include "store/leaves.h"
#include "store/attendance.h"
#include "store/audit.h"
#include "store/org_store.h"
#include "core/clock.h"
#include "core/csvtable.h"
#include "core/date.h"
#include "core/err.h"
#include "core/mem.h"
#include "domain/day.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char SQL_OVERLAP[] =
	"SELECT id FROM employee_leave WHERE employee_id = $1 AND status = 'active' AND date_from <= $3"
	" AND date_to >= $2 ORDER BY date_from LIMIT 1";
static const char SQL_INSERT[] =
	"INSERT INTO employee_leave (employee_id, kind, date_from, date_to, note, status, created_by, created_at)"
	" VALUES ($1, $2, $3, $4, $5, 'active', $6, $7) RETURNING id";
static const char SQL_STATE[] =
	"SELECT l.employee_id, e.nip, l.status, l.kind, l.date_from, l.date_to FROM employee_leave l"
	" JOIN employee e ON e.id = l.employee_id WHERE l.id = $1";
static const char SQL_STATE_LOCK[] =
	"SELECT l.employee_id, e.nip, l.status, l.kind, l.date_from, l.date_to FROM employee_leave l"
	" JOIN employee e ON e.id = l.employee_id WHERE l.id = $1 FOR UPDATE OF l";
static const char SQL_CANCEL[] =
	"UPDATE employee_leave SET status = 'cancelled', cancelled_by = $1, cancelled_at = $2 WHERE id = $3";
static const char SQL_LIST[] =
	"SELECT l.id, e.nip, e.name, u.code, l.kind, l.date_from, l.date_to, l.note, l.status, l.created_by,"
	" l.created_at, COALESCE(l.cancelled_by, ''), COALESCE(l.cancelled_at, '')"
	" FROM employee_leave l JOIN employee e ON e.id = l.employee_id JOIN unit u ON u.id = e.unit_id"
	" WHERE (CAST($1 AS BIGINT) = 1 OR (CAST($2 AS TEXT) <> '' AND u.path LIKE CAST($2 AS TEXT) || '%')"
	"   OR e.id = $3 OR e.id IN (WITH RECURSIVE sub(id) AS (SELECT id FROM employee WHERE supervisor_id = $4"
	"     UNION SELECT x.id FROM employee x JOIN sub ON x.supervisor_id = sub.id) SELECT id FROM sub))"
	" AND u.path LIKE CAST($5 AS TEXT) || '%' AND (CAST($6 AS TEXT) = '' OR e.nip = $6)"
	" AND (CAST($7 AS TEXT) = '' OR l.date_to >= $7) AND (CAST($8 AS TEXT) = '' OR l.date_from <= $8)"
	" AND (CAST($9 AS TEXT) = '' OR l.status = $9) AND (CAST($10 AS BIGINT) = 0 OR l.id = $10)"
	" ORDER BY l.date_from DESC, l.id DESC LIMIT 500";

bool leaves_check(const struct leave_input *in, struct leave_problem *p)
{
	int32_t from, to;
	if (!in->kind || day_leave_kind_parse(in->kind) < 0) {
		*p = (struct leave_problem){"kind",
					    "Jenis tidak dikenal: cuti_tahunan, cuti_besar, cuti_sakit, cuti_melahirkan,"
					    " cuti_alasan_penting, cuti_luar_tanggungan, dinas_luar, tugas_belajar.",
					    "Unknown kind: cuti_tahunan, cuti_besar, cuti_sakit, cuti_melahirkan,"
					    " cuti_alasan_penting, cuti_luar_tanggungan, dinas_luar, tugas_belajar."};
		return false;
	}
	if (!in->from || !date_parse(in->from, &from)) {
		*p = (struct leave_problem){"from", "from harus tanggal yang sah YYYY-MM-DD.",
					    "from must be a real date YYYY-MM-DD."};
		return false;
	}
	if (!in->to || !date_parse(in->to, &to)) {
		*p = (struct leave_problem){"to", "to harus tanggal yang sah YYYY-MM-DD.", "to must be a real date YYYY-MM-DD."};
		return false;
	}
	if (to < from || to - from >= LEAVE_SPAN_MAX) {
		*p = (struct leave_problem){"to", "to harus pada atau setelah from, paling lama 1096 hari.",
					    "to must be on or after from, at most 1096 days."};
		return false;
	}
	if (in->note && strlen(in->note) > LEAVE_NOTE_MAX) {
		*p = (struct leave_problem){"note", "Catatan paling panjang 500 byte.", "The note is at most 500 bytes."};
		return false;
	}
	return true;
}

static int audit_leave(struct db_conn *c, const char *actor, const char *action, int64_t id, const char *nip,
		       const char *kind, const char *from, const char *to, const char *note, const char *status)
{
	struct buf b;
	buf_init(&b, 4096);
	buf_printf(&b, "{\"id\":%lld,\"nip\":", (long long)id);
	buf_json_string(&b, nip);
	buf_puts(&b, ",\"kind\":");
	buf_json_string(&b, kind);
	buf_printf(&b, ",\"from\":\"%s\",\"to\":\"%s\",\"note\":", from, to);
	buf_json_string(&b, note ? note : "");
	buf_printf(&b, ",\"status\":\"%s\"}", status);
	char object[48];
	snprintf(object, sizeof object, "leave:%lld", (long long)id);
	struct audit_event ev = {actor, action, object, NULL, b.data};
	int rc = b.len < b.max ? audit_append(c, &ev) : ERR_TOO_BIG;
	buf_free(&b);
	return rc;
}

static int recompute(struct db_conn *c, int64_t employee_id, const char *from, const char *to, const char *actor,
		     long *recomputed)
{
	int32_t f, t;
	if (!date_parse(from, &f) || !date_parse(to, &t))
		return ERR_INVALID;
	return attendance_recompute_employee(c, employee_id, f, t, actor, recomputed);
}

int leaves_create(struct db_conn *c, int64_t employee_id, const char *nip, const struct leave_input *in,
		  const char *actor, int64_t *id, int64_t *conflict_id, long *recomputed)
{
	struct leave_problem p;
	*recomputed = 0, *conflict_id = 0;
	if (!leaves_check(in, &p))
		return ERR_INVALID;
	struct db_stmt *s = db_prepare(c, SQL_OVERLAP);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, employee_id);
	db_bind_text(s, 2, in->from);
	db_bind_text(s, 3, in->to);
	int rc = db_step(s);
	if (rc == 1)
		*conflict_id = db_col_int(s, 0);
	db_reset(s);
	if (rc < 0)
		return rc;
	if (*conflict_id)
		return ERR_CONFLICT;
	if (!(s = db_prepare(c, SQL_INSERT)))
		return ERR_DB;
	char now[40];
	clock_now_iso(now, sizeof now);
	db_bind_int(s, 1, employee_id);
	db_bind_text(s, 2, in->kind);
	db_bind_text(s, 3, in->from);
	db_bind_text(s, 4, in->to);
	db_bind_text(s, 5, in->note ? in->note : "");
	db_bind_text(s, 6, actor);
	db_bind_text(s, 7, now);
	rc = db_step(s);
	if (rc == 1)
		*id = db_col_int(s, 0);
	db_reset(s);
	if (rc < 0)
		return rc;
	rc = audit_leave(c, actor, "leave.create", *id, nip, in->kind, in->from, in->to, in->note, "active");
	return rc ? rc : recompute(c, employee_id, in->from, in->to, actor, recomputed);
}

int leaves_owner(struct db_conn *c, int64_t id, int64_t *employee_id, char nip[19])
{
	struct db_stmt *s = db_prepare(c, SQL_STATE);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, id);
	int rc = db_step(s);
	if (rc == 1) {
		*employee_id = db_col_int(s, 0);
		snprintf(nip, 19, "%s", db_col_text(s, 1));
	}
	db_reset(s);
	return rc < 0 ? rc : rc == 1 ? 0 : ERR_NOT_FOUND;
}

int leaves_cancel(struct db_conn *c, int64_t id, const char *actor, long *recomputed)
{
	*recomputed = 0;
	struct db_stmt *s = db_prepare(c, db_conn_dialect(c) == DB_POSTGRES ? SQL_STATE_LOCK : SQL_STATE);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, id);
	int rc = db_step(s);
	int64_t employee_id = 0;
	char nip[19] = "", status[16] = "", kind[32] = "", from[11] = "", to[11] = "";
	if (rc == 1) {
		employee_id = db_col_int(s, 0);
		snprintf(nip, sizeof nip, "%s", db_col_text(s, 1));
		snprintf(status, sizeof status, "%s", db_col_text(s, 2));
		snprintf(kind, sizeof kind, "%s", db_col_text(s, 3));
		snprintf(from, sizeof from, "%s", db_col_text(s, 4));
		snprintf(to, sizeof to, "%s", db_col_text(s, 5));
	}
	db_reset(s);
	if (rc < 0)
		return rc;
	if (rc == 0)
		return ERR_NOT_FOUND;
	if (strcmp(status, "active"))
		return ERR_CONFLICT;
	if (!(s = db_prepare(c, SQL_CANCEL)))
		return ERR_DB;
	char now[40];
	clock_now_iso(now, sizeof now);
	db_bind_text(s, 1, actor);
	db_bind_text(s, 2, now);
	db_bind_int(s, 3, id);
	rc = db_step(s);
	db_reset(s);
	if (rc < 0)
		return rc;
	rc = audit_leave(c, actor, "leave.cancel", id, nip, kind, from, to, NULL, "cancelled");
	return rc ? rc : recompute(c, employee_id, from, to, actor, recomputed);
}

int leaves_each(struct db_conn *c, const struct leave_filter *f, int (*cb)(void *ctx, const struct leave_row *r),
		void *ctx)
{
	struct db_stmt *s = db_prepare(c, SQL_LIST);
	if (!s)
		return ERR_DB;
	const struct scope *sc = f->scope;
	db_bind_int(s, 1, sc->all ? 1 : 0);
	db_bind_text(s, 2, sc->unit_path ? sc->unit_path : "");
	db_bind_int(s, 3, sc->self_id);
	db_bind_int(s, 4, sc->supervisor_id ? sc->supervisor_id : -1);
	db_bind_text(s, 5, f->unit_path ? f->unit_path : "");
	db_bind_text(s, 6, f->nip ? f->nip : "");
	db_bind_text(s, 7, f->from ? f->from : "");
	db_bind_text(s, 8, f->to ? f->to : "");
	db_bind_text(s, 9, f->status ? f->status : "");
	db_bind_int(s, 10, f->id);
	int rc;
	while ((rc = db_step(s)) == 1) {
		const char *kind = db_col_text(s, 4);
		int k = day_leave_kind_parse(kind);
		enum day_excuse ex = k >= 0 ? day_leave_excuse((enum day_leave_kind)k) : DAY_EXCUSE_CUTI;
		const char *day_status = ex == DAY_EXCUSE_SAKIT ? "sakit" : ex == DAY_EXCUSE_DINAS_LUAR ? "dinas_luar"
					 : ex == DAY_EXCUSE_TUGAS_BELAJAR ? "tugas_belajar" : "cuti";
		struct leave_row r = {db_col_int(s, 0), db_col_text(s, 1), db_col_text(s, 2), db_col_text(s, 3), kind,
				      day_status, db_col_text(s, 5), db_col_text(s, 6), db_col_text(s, 7),
				      db_col_text(s, 8), db_col_text(s, 9), db_col_text(s, 10), db_col_text(s, 11),
				      db_col_text(s, 12)};
		if (cb(ctx, &r))
			break;
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

/* ---- CSV import ---- */

static void problem(struct leave_import_result *out, long line, const char *column, const char *id, const char *en)
{
	out->total++;
	if (out->listed == LEAVE_PROBLEMS_LISTED)
		return;
	struct leave_import_problem *p = &out->items[out->listed++];
	p->line = line;
	snprintf(p->column, sizeof p->column, "%s", column);
	snprintf(p->message_id, sizeof p->message_id, "%s", id);
	snprintf(p->message_en, sizeof p->message_en, "%s", en);
}

static const char *cell(const struct csv_row *r, int col)
{
	return col >= 0 && col < r->ncells ? r->cells[col] : "";
}

/* One data row: look the employee up, check, record. Problems are listed;
 * storage errors are returned. */
static int import_row(struct db_conn *c, const struct csv_row *r, const int col[5], const char *actor,
		      bool (*may)(void *ctx, const char *unit_path), void *ctx, struct leave_import_result *out)
{
	const char *nip = cell(r, col[0]);
	struct leave_input in = {cell(r, col[1]), cell(r, col[2]), cell(r, col[3]), cell(r, col[4])};
	struct leave_problem p;
	if (!leaves_check(&in, &p)) {
		problem(out, r->line, p.field, p.message_id, p.message_en);
		return 0;
	}
	struct employee_row *e = xcalloc(1, sizeof *e);
	int rc = employee_get(c, nip, e);
	if (rc == ERR_NOT_FOUND || (!rc && !e->active)) {
		problem(out, r->line, "nip", "Tidak ada pegawai aktif dengan NIP ini.", "No active employee has this NIP.");
		rc = 0;
	} else if (!rc && may && !may(ctx, e->unit_path)) {
		problem(out, r->line, "nip", "Pegawai ini di luar kewenangan Anda.", "This employee is outside your authority.");
	} else if (!rc) {
		int64_t id, conflict;
		long rec = 0;
		rc = leaves_create(c, e->id, e->nip, &in, actor, &id, &conflict, &rec);
		if (rc == ERR_CONFLICT) {
			char en[200], idm[200];
			snprintf(en, sizeof en, "Overlaps leave %lld of this employee.", (long long)conflict);
			snprintf(idm, sizeof idm, "Bertumpang tindih dengan cuti %lld pegawai ini.", (long long)conflict);
			problem(out, r->line, "from", idm, en);
			rc = 0;
		} else if (!rc) {
			out->imported++;
			out->recomputed += rec;
		}
	}
	free(e);
	return rc;
}

int leaves_import(struct db_conn *c, const char *data, size_t len, const char *actor,
		  bool (*may)(void *ctx, const char *unit_path), void *ctx, struct leave_import_result *out)
{
	memset(out, 0, sizeof *out);
	struct csv_table t;
	int rc = csvtable_parse(data, len, LEAVE_IMPORT_ROWS_MAX, &t);
	if (rc) {
		if (rc == ERR_INVALID)
			problem(out, 1, "", "Berkas CSV rusak.", t.error[0] ? t.error : "The CSV file is malformed.");
		csvtable_free(&t);
		return rc;
	}
	static const char *const names[5] = {"nip", "kind", "from", "to", "note"};
	int col[5];
	for (int k = 0; k < 5; k++) {
		col[k] = t.nrows ? csvtable_column(&t, names[k]) : -1;
		if (col[k] < 0 && k < 4)
			problem(out, 1, names[k], "Kolom wajib tidak ada di baris judul.",
				"A required column is missing from the header.");
	}
	if (!out->total && t.nrows < 2)
		problem(out, 1, "", "Berkas tidak memuat baris data.", "The file holds no data rows.");
	for (long i = 1; i < t.nrows && !rc && col[0] >= 0 && col[1] >= 0 && col[2] >= 0 && col[3] >= 0; i++)
		rc = import_row(c, &t.rows[i], col, actor, may, ctx, out);
	csvtable_free(&t);
	if (rc)
		return rc;
	return out->total ? ERR_INVALID : 0;
}
