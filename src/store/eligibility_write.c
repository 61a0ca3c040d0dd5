/* eligibility_write.c (store) - audited changes to eligibility data and the
 * listings the API shows (see store/eligibility.h).
 *
 * Each change runs in the caller's write transaction and appends one audit
 * entry whose "after" is a canonical JSON text of what was written. */
#include "store/eligibility.h"
#include "store/audit.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/mem.h"

#include <stdio.h>
#include <string.h>

static const char SQL_INSTANSI_GET[] = "SELECT id, flexible_work FROM instansi WHERE code = $1";
static const char SQL_NEXT_VERSION[] = "SELECT COALESCE(MAX(version), 0) + 1 FROM policy_version WHERE instansi_id = $1";
static const char SQL_POLICY_INSERT[] =
	"INSERT INTO policy_version (instansi_id, version, valid_from, flexible_work_enabled, modes,"
	" max_remote_days_per_week, max_share_away_pct, new_employee_months, legal_reference, note, created_by,"
	" created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id";
static const char SQL_UNIT_ID[] = "SELECT id FROM unit WHERE code = $1";
static const char SQL_OVERRIDE_INSERT[] =
	"INSERT INTO policy_unit_override (policy_id, unit_id, flexible_work_enabled, modes, max_remote_days_per_week,"
	" max_share_away_pct) VALUES ($1, $2, $3, $4, $5, $6)";
static const char SQL_POLICY_LIST[] =
	"SELECT p.id, p.instansi_id, p.version, p.valid_from, p.flexible_work_enabled, p.modes,"
	" p.max_remote_days_per_week, p.max_share_away_pct, p.new_employee_months, p.legal_reference, p.note,"
	" p.created_by, p.created_at FROM policy_version p JOIN instansi i ON i.id = p.instansi_id"
	" WHERE i.code = $1 ORDER BY p.version DESC";
static const char SQL_POLICY_OVERRIDES[] =
	"SELECT o.unit_id, u.path, u.code, o.flexible_work_enabled IS NOT NULL, COALESCE(o.flexible_work_enabled, FALSE),"
	" COALESCE(o.modes, ''), o.modes IS NOT NULL, COALESCE(o.max_remote_days_per_week, -1),"
	" COALESCE(o.max_share_away_pct, -1) FROM policy_unit_override o JOIN unit u ON u.id = o.unit_id"
	" WHERE o.policy_id = $1 ORDER BY LENGTH(u.path), u.path";
static const char SQL_PROFILE_INSERT[] =
	"INSERT INTO position_profile (position_id, unit_id, valid_from, revert, family, criteria, time_kinds, reason,"
	" created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
static const char SQL_POSITION_GET[] = "SELECT name, kind FROM position WHERE id = $1";
static const char SQL_POSITIONS_COUNT[] =
	"SELECT p.id, p.name, p.kind, (SELECT COUNT(*) FROM employee e WHERE e.position_id = p.id AND e.active = TRUE)"
	" FROM position p ORDER BY p.name, p.kind";
static const char SQL_EXCEPTION_INSERT[] =
	"INSERT INTO eligibility_exception (employee_id, decision, justification, valid_from, valid_until, decided_by,"
	" decided_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
static const char SQL_EXCEPTION_GET[] =
	"SELECT revoked_at IS NOT NULL FROM eligibility_exception WHERE id = $1 AND employee_id = $2";
static const char SQL_EXCEPTION_REVOKE[] =
	"UPDATE eligibility_exception SET revoked_by = $1, revoked_at = $2 WHERE id = $3";
static const char SQL_EXCEPTIONS_LIST[] =
	"SELECT x.id, x.employee_id, x.decision, x.justification, x.decided_by, x.decided_at, x.valid_from,"
	" x.valid_until, e.nip, e.name, COALESCE(x.revoked_at, ''), COALESCE(x.revoked_by, '')"
	" FROM eligibility_exception x JOIN employee e ON e.id = x.employee_id JOIN unit u ON u.id = e.unit_id"
	" WHERE (CAST($1 AS BIGINT) > 0 AND x.employee_id = $1)"
	" OR (CAST($1 AS BIGINT) = 0 AND u.path LIKE CAST($2 AS TEXT) || '%')"
	" ORDER BY x.decided_at DESC, x.id DESC LIMIT 500";
static const char SQL_EXCLUSION_INSERT[] =
	"INSERT INTO employee_exclusion (employee_id, group_code, valid_from, reason, created_by, created_at)"
	" VALUES ($1, $2, $3, $4, $5, $6)";
static const char SQL_EXCLUSION_END[] =
	"UPDATE employee_exclusion SET valid_until = $1 WHERE employee_id = $2 AND valid_until IS NULL";
static const char SQL_CASE_INSERT[] =
	"INSERT INTO discipline_case (employee_id, status, opened_on, closed_on, sanction_code, sanction_from,"
	" sanction_until, note, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id";
static const char SQL_CASE_GET[] =
	"SELECT status, opened_on, COALESCE(closed_on, ''), COALESCE(sanction_code, ''), COALESCE(sanction_from, ''),"
	" COALESCE(sanction_until, ''), note, employee_id FROM discipline_case WHERE id = $1";
static const char SQL_CASE_UPDATE[] =
	"UPDATE discipline_case SET status = $1, closed_on = $2, sanction_code = $3, sanction_from = $4,"
	" sanction_until = $5, note = $6 WHERE id = $7";

/* ---- canonical JSON for audit entries ---- */

static void canon_str(struct buf *b, const char *key, const char *v)
{
	buf_printf(b, "%s\"%s\":", b->len > 1 ? "," : "", key);
	if (!v) {
		buf_puts(b, "null");
		return;
	}
	buf_json_string(b, v);
}

static void canon_int(struct buf *b, const char *key, long long v)
{
	buf_printf(b, "%s\"%s\":%lld", b->len > 1 ? "," : "", key, v);
}

static int audit(struct db_conn *c, const char *actor, const char *action, const char *object, struct buf *after)
{
	buf_puts(after, "}");
	struct audit_event ev = {actor, action, object, NULL, after->data};
	int rc = audit_append(c, &ev);
	buf_free(after);
	return rc;
}

static void now_iso(char out[40])
{
	clock_now_iso(out, 40);
}

/* Run a prepared statement to completion; for RETURNING, *id gets column 0. */
static int run(struct db_stmt *s, int64_t *id)
{
	int rc = db_step(s);
	if (rc == 1 && id)
		*id = db_col_int(s, 0);
	db_reset(s);
	return rc < 0 ? rc : 0;
}

/* ---- policies ---- */

int elig_instansi_get(struct db_conn *c, const char *code, int64_t *id, bool *flexible_work)
{
	struct db_stmt *s = db_prepare(c, SQL_INSTANSI_GET);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, code);
	int rc = db_step(s);
	if (rc == 1) {
		*id = db_col_int(s, 0);
		if (flexible_work)
			*flexible_work = db_col_bool(s, 1);
	}
	db_reset(s);
	return rc == 1 ? 0 : rc < 0 ? rc : ERR_NOT_FOUND;
}

static int unit_id_of(struct db_conn *c, const char *code, int64_t *id)
{
	struct db_stmt *s = db_prepare(c, SQL_UNIT_ID);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, code);
	int rc = db_step(s);
	if (rc == 1)
		*id = db_col_int(s, 0);
	db_reset(s);
	return rc == 1 ? 0 : rc < 0 ? rc : ERR_NOT_FOUND;
}

static int insert_override(struct db_conn *c, int64_t policy_id, const struct elig_override_input *o, struct buf *a)
{
	int64_t unit;
	int rc = unit_id_of(c, o->unit_code, &unit);
	if (rc)
		return rc;
	struct db_stmt *s = db_prepare(c, SQL_OVERRIDE_INSERT);
	if (!s)
		return ERR_DB;
	char kinds[64];
	elig_kinds_format(o->ov.kinds, kinds, sizeof kinds);
	db_bind_int(s, 1, policy_id);
	db_bind_int(s, 2, unit);
	if (o->ov.has_enabled)
		db_bind_bool(s, 3, o->ov.enabled);
	else
		db_bind_null(s, 3);
	db_bind_text(s, 4, o->ov.has_kinds ? kinds : NULL);
	if (o->ov.max_remote_days_per_week >= 0)
		db_bind_int(s, 5, o->ov.max_remote_days_per_week);
	else
		db_bind_null(s, 5);
	if (o->ov.max_share_away_pct >= 0)
		db_bind_int(s, 6, o->ov.max_share_away_pct);
	else
		db_bind_null(s, 6);
	buf_printf(a, "%s{\"unit\":\"%s\",\"enabled\":%s,\"modes\":\"%s\",\"max_remote_days_per_week\":%d,"
		      "\"max_share_away_pct\":%d}", a->data[a->len - 1] == '[' ? "" : ",", o->unit_code,
		   o->ov.has_enabled ? (o->ov.enabled ? "true" : "false") : "null", o->ov.has_kinds ? kinds : "",
		   o->ov.max_remote_days_per_week, o->ov.max_share_away_pct);
	return run(s, NULL);
}

int elig_policy_create(struct db_conn *c, const struct elig_policy_input *p, const struct elig_override_input *ov,
		       int nov, const char *actor, int *version, const char **field)
{
	int64_t inst, pid = 0, next = 0;
	int rc = elig_instansi_get(c, p->instansi, &inst, NULL);
	if (rc) {
		*field = "instansi";
		return rc;
	}
	struct db_stmt *s = db_prepare(c, SQL_NEXT_VERSION);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, inst);
	if ((rc = run(s, &next)))
		return rc;
	char kinds[64], now[40];
	elig_kinds_format(p->kinds, kinds, sizeof kinds);
	now_iso(now);
	if (!(s = db_prepare(c, SQL_POLICY_INSERT)))
		return ERR_DB;
	db_bind_int(s, 1, inst);
	db_bind_int(s, 2, next);
	db_bind_text(s, 3, p->valid_from);
	db_bind_bool(s, 4, p->enabled);
	db_bind_text(s, 5, kinds);
	db_bind_int(s, 6, p->max_remote_days_per_week);
	db_bind_int(s, 7, p->max_share_away_pct);
	db_bind_int(s, 8, p->new_employee_months);
	db_bind_text(s, 9, p->legal_reference);
	db_bind_text(s, 10, p->note ? p->note : "");
	db_bind_text(s, 11, actor);
	db_bind_text(s, 12, now);
	if ((rc = run(s, &pid)))
		return rc;
	struct buf a;
	buf_init(&a, 1 << 20);
	buf_puts(&a, "{");
	canon_str(&a, "instansi", p->instansi);
	canon_int(&a, "version", next);
	canon_str(&a, "valid_from", p->valid_from);
	canon_int(&a, "flexible_work_enabled", p->enabled);
	canon_str(&a, "modes", kinds);
	canon_int(&a, "max_remote_days_per_week", p->max_remote_days_per_week);
	canon_int(&a, "max_share_away_pct", p->max_share_away_pct);
	canon_int(&a, "new_employee_months", p->new_employee_months);
	canon_str(&a, "legal_reference", p->legal_reference);
	canon_str(&a, "note", p->note ? p->note : "");
	buf_puts(&a, ",\"unit_overrides\":[");
	for (int i = 0; i < nov && !rc; i++)
		if ((rc = insert_override(c, pid, &ov[i], &a)) == ERR_NOT_FOUND)
			*field = "unit_overrides";
	buf_puts(&a, "]");
	if (rc) {
		buf_free(&a);
		return rc;
	}
	char object[80];
	snprintf(object, sizeof object, "policy:%s:%lld", p->instansi, (long long)next);
	*version = (int)next;
	return audit(c, actor, "eligibility.policy.create", object, &a);
}

static int policy_overrides(struct db_conn *c, int64_t policy_id, struct elig_woverride **out, int *n)
{
	struct db_stmt *s = db_prepare(c, SQL_POLICY_OVERRIDES);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, policy_id);
	int rc;
	*out = NULL;
	*n = 0;
	while ((rc = db_step(s)) == 1) {
		*out = xrealloc(*out, (size_t)(*n + 1) * sizeof **out);
		struct elig_woverride *o = &(*out)[(*n)++];
		memset(o, 0, sizeof *o);
		o->policy_id = policy_id;
		o->unit_id = db_col_int(s, 0);
		o->unit_path = xstrdup(db_col_text(s, 1));
		o->unit_code = xstrdup(db_col_text(s, 2));
		o->ov.has_enabled = db_col_bool(s, 3);
		o->ov.enabled = db_col_bool(s, 4);
		o->ov.has_kinds = db_col_bool(s, 6) && elig_kinds_parse(db_col_text(s, 5), &o->ov.kinds);
		o->ov.max_remote_days_per_week = (int)db_col_int(s, 7);
		o->ov.max_share_away_pct = (int)db_col_int(s, 8);
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static void free_overrides(struct elig_woverride *o, int n)
{
	for (int i = 0; i < n; i++) {
		free(o[i].unit_path);
		free(o[i].unit_code);
	}
	free(o);
}

/* A version row as read by SQL_POLICY_LIST; strings copied into text. */
struct policy_row {
	struct elig_wpolicy p;
	char note[512], created_by[64], created_at[40];
};

int elig_policy_each(struct db_conn *c, const char *instansi,
		     int (*cb)(void *ctx, const struct elig_wpolicy *p, const char *note, const char *created_by,
			       const char *created_at, const struct elig_woverride *ov, int nov),
		     void *ctx)
{
	struct db_stmt *s = db_prepare(c, SQL_POLICY_LIST);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, instansi);
	struct policy_row *rows = NULL;
	int n = 0, rc;
	while ((rc = db_step(s)) == 1) {
		rows = xrealloc(rows, (size_t)(n + 1) * sizeof *rows);
		struct policy_row *r = &rows[n++];
		memset(r, 0, sizeof *r);
		r->p.id = db_col_int(s, 0);
		r->p.instansi_id = db_col_int(s, 1);
		r->p.version = (int)db_col_int(s, 2);
		snprintf(r->p.valid_from, sizeof r->p.valid_from, "%s", db_col_text(s, 3));
		r->p.enabled = db_col_bool(s, 4);
		if (!elig_kinds_parse(db_col_text(s, 5), &r->p.kinds))
			r->p.kinds = 0;
		r->p.max_remote_days_per_week = (int)db_col_int(s, 6);
		r->p.max_share_away_pct = (int)db_col_int(s, 7);
		r->p.new_employee_months = (int)db_col_int(s, 8);
		r->p.legal_reference = xstrdup(db_col_text(s, 9));
		snprintf(r->note, sizeof r->note, "%s", db_col_text(s, 10));
		snprintf(r->created_by, sizeof r->created_by, "%s", db_col_text(s, 11));
		snprintf(r->created_at, sizeof r->created_at, "%s", db_col_text(s, 12));
	}
	db_reset(s);
	for (int i = 0; i < n && rc >= 0; i++) {
		struct elig_woverride *ov = NULL;
		int nov = 0;
		rc = policy_overrides(c, rows[i].p.id, &ov, &nov);
		if (rc >= 0)
			cb(ctx, &rows[i].p, rows[i].note, rows[i].created_by, rows[i].created_at, ov, nov);
		free_overrides(ov, nov);
	}
	for (int i = 0; i < n; i++)
		free(rows[i].p.legal_reference);
	free(rows);
	return rc < 0 ? rc : 0;
}

/* ---- position profiles ---- */

int elig_position_get(struct db_conn *c, int64_t id, char *name, size_t name_cap, char *kind, size_t kind_cap)
{
	struct db_stmt *s = db_prepare(c, SQL_POSITION_GET);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, id);
	int rc = db_step(s);
	if (rc == 1) {
		snprintf(name, name_cap, "%s", db_col_text(s, 0));
		snprintf(kind, kind_cap, "%s", db_col_text(s, 1));
	}
	db_reset(s);
	return rc == 1 ? 0 : rc < 0 ? rc : ERR_NOT_FOUND;
}

int elig_positions_each(struct db_conn *c, int (*cb)(void *ctx, int64_t id, const char *name, const char *kind,
						    int64_t employees), void *ctx)
{
	struct db_stmt *s = db_prepare(c, SQL_POSITIONS_COUNT);
	if (!s)
		return ERR_DB;
	int rc;
	while ((rc = db_step(s)) == 1)
		if (cb(ctx, db_col_int(s, 0), db_col_text(s, 1), db_col_text(s, 2), db_col_int(s, 3)))
			break;
	db_reset(s);
	return rc < 0 ? rc : 0;
}

int elig_profile_correct(struct db_conn *c, const struct elig_profile_input *p, const char *actor, const char **field)
{
	int64_t unit = 0;
	int rc = 0;
	if (p->unit_code && *p->unit_code && (rc = unit_id_of(c, p->unit_code, &unit))) {
		*field = "unit";
		return rc;
	}
	struct db_stmt *s = db_prepare(c, SQL_PROFILE_INSERT);
	if (!s)
		return ERR_DB;
	char now[40];
	now_iso(now);
	db_bind_int(s, 1, p->position_id);
	if (unit)
		db_bind_int(s, 2, unit);
	else
		db_bind_null(s, 2);
	db_bind_text(s, 3, p->valid_from);
	db_bind_bool(s, 4, p->revert);
	db_bind_text(s, 5, p->family);
	db_bind_int(s, 6, p->criteria);
	db_bind_int(s, 7, p->time);
	db_bind_text(s, 8, p->reason);
	db_bind_text(s, 9, actor);
	db_bind_text(s, 10, now);
	if ((rc = run(s, NULL)))
		return rc;
	struct buf a;
	buf_init(&a, 1 << 16);
	buf_puts(&a, "{");
	canon_int(&a, "position_id", p->position_id);
	canon_str(&a, "unit", unit ? p->unit_code : NULL);
	canon_str(&a, "valid_from", p->valid_from);
	canon_int(&a, "revert", p->revert);
	canon_str(&a, "family", p->family);
	canon_int(&a, "criteria", p->criteria);
	canon_int(&a, "time", p->time);
	canon_str(&a, "reason", p->reason);
	char object[64];
	snprintf(object, sizeof object, "position:%lld", (long long)p->position_id);
	return audit(c, actor, "eligibility.profile.correct", object, &a);
}

/* ---- exceptions ---- */

int elig_exception_create(struct db_conn *c, const struct elig_exception_input *x, const char *actor, int64_t *id)
{
	struct db_stmt *s = db_prepare(c, SQL_EXCEPTION_INSERT);
	if (!s)
		return ERR_DB;
	char now[40];
	now_iso(now);
	db_bind_int(s, 1, x->employee_id);
	db_bind_text(s, 2, x->grant ? "grant" : "refuse");
	db_bind_text(s, 3, x->justification);
	db_bind_text(s, 4, x->valid_from);
	db_bind_text(s, 5, x->valid_until);
	db_bind_text(s, 6, actor);
	db_bind_text(s, 7, now);
	int rc = run(s, id);
	if (rc)
		return rc;
	struct buf a;
	buf_init(&a, 1 << 16);
	buf_puts(&a, "{");
	canon_int(&a, "id", *id);
	canon_str(&a, "nip", x->nip);
	canon_str(&a, "decision", x->grant ? "grant" : "refuse");
	canon_str(&a, "justification", x->justification);
	canon_str(&a, "valid_from", x->valid_from);
	canon_str(&a, "valid_until", x->valid_until);
	char object[64];
	snprintf(object, sizeof object, "employee:%s", x->nip);
	return audit(c, actor, "eligibility.exception.create", object, &a);
}

int elig_exception_revoke(struct db_conn *c, int64_t id, int64_t employee_id, const char *actor)
{
	struct db_stmt *s = db_prepare(c, SQL_EXCEPTION_GET);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, employee_id);
	int rc = db_step(s);
	bool revoked = rc == 1 && db_col_bool(s, 0);
	db_reset(s);
	if (rc != 1)
		return rc < 0 ? rc : ERR_NOT_FOUND;
	if (revoked)
		return ERR_CONFLICT;
	char now[40];
	now_iso(now);
	if (!(s = db_prepare(c, SQL_EXCEPTION_REVOKE)))
		return ERR_DB;
	db_bind_text(s, 1, actor);
	db_bind_text(s, 2, now);
	db_bind_int(s, 3, id);
	if ((rc = run(s, NULL)))
		return rc;
	struct buf a;
	buf_init(&a, 1 << 12);
	buf_puts(&a, "{");
	canon_int(&a, "id", id);
	canon_str(&a, "revoked_at", now);
	char object[64];
	snprintf(object, sizeof object, "eligibility_exception:%lld", (long long)id);
	return audit(c, actor, "eligibility.exception.revoke", object, &a);
}

int elig_exceptions_each(struct db_conn *c, int64_t employee_id, const char *unit_path,
			 int (*cb)(void *ctx, const struct elig_wexception *x, const char *nip, const char *name,
				   const char *revoked_at, const char *revoked_by),
			 void *ctx)
{
	struct db_stmt *s = db_prepare(c, SQL_EXCEPTIONS_LIST);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, employee_id);
	db_bind_text(s, 2, unit_path ? unit_path : "");
	int rc;
	while ((rc = db_step(s)) == 1) {
		struct elig_wexception x = {0};
		x.id = db_col_int(s, 0);
		x.employee_id = db_col_int(s, 1);
		x.decision = strcmp(db_col_text(s, 2), "grant") ? ELIG_EXC_REFUSE : ELIG_EXC_GRANT;
		x.justification = (char *)db_col_text(s, 3);
		x.decided_by = (char *)db_col_text(s, 4);
		x.decided_at = (char *)db_col_text(s, 5);
		snprintf(x.valid_from, sizeof x.valid_from, "%s", db_col_text(s, 6));
		snprintf(x.valid_until, sizeof x.valid_until, "%s", db_col_text(s, 7));
		if (cb(ctx, &x, db_col_text(s, 8), db_col_text(s, 9), db_col_text(s, 10), db_col_text(s, 11)))
			break;
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

/* ---- exclusions (Pasal 38) ---- */

int elig_exclusion_set(struct db_conn *c, int64_t employee_id, const char *nip, const char *group,
		       const char *valid_from, const char *reason, const char *actor)
{
	struct db_stmt *s = db_prepare(c, SQL_EXCLUSION_INSERT);
	if (!s)
		return ERR_DB;
	char now[40];
	now_iso(now);
	db_bind_int(s, 1, employee_id);
	db_bind_text(s, 2, group);
	db_bind_text(s, 3, valid_from);
	db_bind_text(s, 4, reason);
	db_bind_text(s, 5, actor);
	db_bind_text(s, 6, now);
	int rc = run(s, NULL);
	if (rc)
		return rc;
	struct buf a;
	buf_init(&a, 1 << 12);
	buf_puts(&a, "{");
	canon_str(&a, "group", group);
	canon_str(&a, "valid_from", valid_from);
	canon_str(&a, "reason", reason);
	char object[64];
	snprintf(object, sizeof object, "employee:%s", nip);
	return audit(c, actor, "eligibility.exclusion.set", object, &a);
}

int elig_exclusion_end(struct db_conn *c, int64_t employee_id, const char *nip, const char *on, const char *actor)
{
	struct db_stmt *s = db_prepare(c, SQL_EXCLUSION_END);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, on);
	db_bind_int(s, 2, employee_id);
	int rc = run(s, NULL);
	if (rc)
		return rc;
	struct buf a;
	buf_init(&a, 1 << 12);
	buf_puts(&a, "{");
	canon_str(&a, "valid_until", on);
	char object[64];
	snprintf(object, sizeof object, "employee:%s", nip);
	return audit(c, actor, "eligibility.exclusion.end", object, &a);
}

/* ---- discipline cases (minimal) ---- */

static void canon_case(struct buf *a, const char *nip, const struct discipline_case_input *in)
{
	buf_puts(a, "{");
	canon_str(a, "nip", nip);
	canon_str(a, "status", in->status);
	canon_str(a, "opened_on", in->opened_on);
	canon_str(a, "closed_on", in->closed_on);
	canon_str(a, "sanction_code", in->sanction_code);
	canon_str(a, "sanction_from", in->sanction_from);
	canon_str(a, "sanction_until", in->sanction_until);
	canon_str(a, "note", in->note);
}

static void bind_opt(struct db_stmt *s, int i, const char *v)
{
	db_bind_text(s, i, v && *v ? v : NULL);
}

int discipline_case_open(struct db_conn *c, int64_t employee_id, const char *nip,
			 const struct discipline_case_input *in, const char *actor, int64_t *id)
{
	struct db_stmt *s = db_prepare(c, SQL_CASE_INSERT);
	if (!s)
		return ERR_DB;
	char now[40];
	now_iso(now);
	db_bind_int(s, 1, employee_id);
	db_bind_text(s, 2, in->status);
	db_bind_text(s, 3, in->opened_on);
	bind_opt(s, 4, in->closed_on);
	bind_opt(s, 5, in->sanction_code);
	bind_opt(s, 6, in->sanction_from);
	bind_opt(s, 7, in->sanction_until);
	db_bind_text(s, 8, in->note ? in->note : "");
	db_bind_text(s, 9, actor);
	db_bind_text(s, 10, now);
	int rc = run(s, id);
	if (rc)
		return rc;
	struct buf a;
	buf_init(&a, 1 << 16);
	canon_case(&a, nip, in);
	char object[64];
	snprintf(object, sizeof object, "discipline_case:%lld", (long long)*id);
	return audit(c, actor, "discipline.case.open", object, &a);
}

int discipline_case_update(struct db_conn *c, int64_t id, const struct discipline_case_input *in, const char *actor)
{
	struct db_stmt *s = db_prepare(c, SQL_CASE_GET);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, id);
	int rc = db_step(s);
	char f[7][512];
	if (rc == 1)
		for (int i = 0; i < 7; i++)
			snprintf(f[i], sizeof f[i], "%s", db_col_text(s, i));
	db_reset(s);
	if (rc != 1)
		return rc < 0 ? rc : ERR_NOT_FOUND;
	struct discipline_case_input m = {
		in->status ? in->status : f[0], f[1], in->closed_on ? in->closed_on : f[2],
		in->sanction_code ? in->sanction_code : f[3], in->sanction_from ? in->sanction_from : f[4],
		in->sanction_until ? in->sanction_until : f[5], in->note ? in->note : f[6]};
	if (!(s = db_prepare(c, SQL_CASE_UPDATE)))
		return ERR_DB;
	db_bind_text(s, 1, m.status);
	bind_opt(s, 2, m.closed_on);
	bind_opt(s, 3, m.sanction_code);
	bind_opt(s, 4, m.sanction_from);
	bind_opt(s, 5, m.sanction_until);
	db_bind_text(s, 6, m.note);
	db_bind_int(s, 7, id);
	if ((rc = run(s, NULL)))
		return rc;
	struct buf a;
	buf_init(&a, 1 << 16);
	canon_case(&a, NULL, &m);
	char object[64];
	snprintf(object, sizeof object, "discipline_case:%lld", (long long)id);
	return audit(c, actor, "discipline.case.update", object, &a);
}
