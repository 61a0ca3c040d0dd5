/* reports.c (store) - citizens' reports, their handling and public figures
 * (see store/reports.h). */
#include "store/reports.h"
#include "store/report_stats.h"
#include "store/audit.h"
#include "store/calendar.h"
#include "core/clock.h"
#include "core/date.h"
#include "core/err.h"
#include "core/hex.h"
#include "core/mem.h"
#include "domain/geo.h"

#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

/* ---- SQL ---- */
static const char SQL_SETTINGS[] =
	"SELECT verify_days, answer_days, kelurahan_hours, rate_per_hour, min_group FROM report_setting WHERE id = 1";
static const char SQL_SETTINGS_PUT[] =
	"UPDATE report_setting SET verify_days = $1, answer_days = $2, kelurahan_hours = $3, rate_per_hour = $4,"
	" min_group = $5, updated_by = $6, updated_at = $7 WHERE id = 1";
static const char SQL_KEY_INSERT[] =
	"INSERT INTO open311_key (name, key_hash, created_by, created_at) VALUES ($1, $2, $3, $4) RETURNING id";
static const char SQL_KEY_CHECK[] = "SELECT id FROM open311_key WHERE key_hash = $1 AND revoked_at IS NULL";
static const char SQL_KEY_REVOKE[] =
	"UPDATE open311_key SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL RETURNING name";
static const char SQL_KEYS[] =
	"SELECT id, name, created_by, created_at, COALESCE(revoked_at, '') FROM open311_key ORDER BY id";
static const char SQL_UNIT_BY_CODE[] = "SELECT id, kind, path FROM unit WHERE code = $1";
static const char SQL_UNIT_BY_ID[] = "SELECT id, kind, path FROM unit WHERE id = $1";
static const char SQL_UNITS_LOCATED[] =
	"SELECT id, lat, lon FROM unit WHERE lat IS NOT NULL AND lon IS NOT NULL ORDER BY id";
static const char SQL_ROOT_UNIT[] = "SELECT id FROM unit WHERE parent_id IS NULL ORDER BY id LIMIT 1";
static const char SQL_UNIT_HEAD[] =
	"SELECT a.id FROM employee e JOIN account a ON a.employee_id = e.id AND a.active WHERE e.unit_id = $1"
	" AND e.active AND (e.supervisor_id IS NULL OR NOT EXISTS (SELECT 1 FROM employee s WHERE s.id ="
	" e.supervisor_id AND s.unit_id = e.unit_id)) ORDER BY e.id LIMIT 1";
static const char SQL_BODY_HEAD[] =
	"SELECT r.account_id FROM account_role r JOIN unit u ON u.id = r.unit_id JOIN account a ON a.id ="
	" r.account_id WHERE r.role = 'kepala_opd' AND a.active AND CAST($1 AS TEXT) LIKE u.path || '%'"
	" ORDER BY LENGTH(u.path) DESC, r.account_id LIMIT 1";
static const char SQL_INSERT[] =
	"INSERT INTO report (token, service_code, status, description, moderation, unit_id, routed_by,"
	" handler_account_id, lat, lon, address, address_id, zipcode, media_url, attributes, seen_at, contact_email,"
	" contact_phone, contact_name, client_device_id, client_account_id, key_id, requested_at, updated_at,"
	" verify_due, answer_due) VALUES ($1, $2, 'received', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,"
	" $15, $16, $17, $18, $19, $20, $21, $22, $22, $23, $24) RETURNING id";
static const char SQL_BY_TOKEN[] = "SELECT id FROM report WHERE token = $1";
#define ROW_COLUMNS                                                                                                \
	"SELECT r.id, r.service_code, r.status, r.status_notes, r.description, r.public_description, r.address,"  \
	" r.address_id, r.zipcode, r.media_url, r.attributes, r.seen_at, r.contact_email, r.contact_phone,"        \
	" r.contact_name, r.token, r.moderation, r.routed_by, r.unit_id, u.code, u.name, u.path,"                  \
	" COALESCE(r.handler_account_id, 0), COALESCE(a.username, ''), r.lat IS NOT NULL, COALESCE(r.lat, 0),"     \
	" COALESCE(r.lon, 0), r.requested_at, r.updated_at, r.verify_due, r.answer_due,"                           \
	" COALESCE(r.verified_at, 0), COALESCE(r.answered_at, 0),"                                                 \
	" EXISTS (SELECT 1 FROM report_escalation x WHERE x.report_id = r.id)"                                     \
	" FROM report r JOIN unit u ON u.id = r.unit_id LEFT JOIN account a ON a.id = r.handler_account_id"
static const char SQL_GET[] = ROW_COLUMNS " WHERE r.id = $1";
static const char SQL_PUBLIC_LIST[] =
	ROW_COLUMNS " WHERE ($1 = '' OR r.service_code = $1) AND r.requested_at >= $2 AND r.requested_at <= $3"
	" AND ($4 < 0 OR ($4 = 1) = (r.status IN ('answered','closed','not_our_authority')))"
	" ORDER BY r.requested_at DESC, r.id DESC LIMIT $5 OFFSET $6";
static const char SQL_QUEUE[] =
	ROW_COLUMNS " WHERE (CAST($1 AS BIGINT) = 1 OR u.path LIKE CAST($2 AS TEXT) || '%' OR r.handler_account_id = $3)"
	" AND u.path LIKE CAST($4 AS TEXT) || '%' AND (CAST($5 AS TEXT) = '' OR r.status = $5)"
	" AND (CAST($6 AS BIGINT) = 0 OR (r.status NOT IN ('answered','closed','not_our_authority') AND"
	" ((r.status IN ('received','forwarded') AND r.verify_due < $7) OR r.answer_due < $7)))"
	" AND (CAST($8 AS BIGINT) = 0 OR r.moderation = 'pending')"
	" ORDER BY r.answer_due, r.id LIMIT $9 OFFSET $10";
static const char SQL_EVENT_INSERT[] =
	"INSERT INTO report_event (report_id, action, from_status, to_status, note, public, actor, at)"
	" VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
static const char SQL_EVENTS[] =
	"SELECT action, from_status, to_status, note, public, actor, at FROM report_event WHERE report_id = $1"
	" AND (CAST($2 AS BIGINT) = 0 OR public = 1) ORDER BY id";
static const char SQL_STATE_LOCK_PG[] =
	"SELECT status, requested_at, unit_id, moderation FROM report WHERE id = $1 FOR UPDATE";
static const char SQL_STATE[] = "SELECT status, requested_at, unit_id, moderation FROM report WHERE id = $1";
static const char SQL_SET_STATUS[] =
	"UPDATE report SET status = $1, status_notes = CASE WHEN CAST($2 AS BIGINT) = 1 THEN $3 ELSE status_notes END,"
	" updated_at = $4, verified_at = CASE WHEN $1 = 'verified' AND verified_at IS NULL THEN $4 ELSE verified_at END,"
	" answered_at = CASE WHEN $1 IN ('answered','not_our_authority') AND answered_at IS NULL THEN $4"
	" ELSE answered_at END, answer_due = CASE WHEN $5 > 0 THEN $5 ELSE answer_due END WHERE id = $6";
static const char SQL_FORWARD[] =
	"UPDATE report SET status = 'forwarded', unit_id = $1, handler_account_id = $2, routed_by = 'forwarded',"
	" updated_at = $3, verify_due = $4, answer_due = $5, verified_at = NULL WHERE id = $6";
static const char SQL_MODERATE[] =
	"UPDATE report SET moderation = $1, public_description = $2, updated_at = $3 WHERE id = $4";
static const char SQL_OVERDUE[] =
	"SELECT r.id, r.status, r.verify_due, r.answer_due, r.unit_id, u.path FROM report r JOIN unit u ON u.id ="
	" r.unit_id WHERE r.status NOT IN ('answered','closed','not_our_authority') AND ((r.status IN"
	" ('received','forwarded') AND r.verify_due < $1) OR r.answer_due < $1) ORDER BY r.id LIMIT 1000";
static const char SQL_ESCALATE[] =
	"INSERT INTO report_escalation (report_id, kind, unit_id, head_account_id, due_at, escalated_at)"
	" VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (report_id, kind) DO NOTHING RETURNING id";
static const char SQL_STAFF_ON[] =
	"SELECT e.nip, e.name, COALESCE(p.mode, ''), COALESCE(p.status, ''), u.code, COALESCE(ci.local_minute, -1),"
	" COALESCE(ci.verdict, ''), COALESCE(co.local_minute, -1) FROM employee e JOIN unit u ON u.id = e.unit_id"
	" LEFT JOIN plan p ON p.employee_id = e.id AND p.date = $2 AND p.status IN ('requested','approved')"
	" LEFT JOIN checkin ci ON ci.employee_id = e.id AND ci.work_date = $2 AND ci.kind = 'in'"
	" LEFT JOIN checkin co ON co.employee_id = e.id AND co.work_date = $2 AND co.kind = 'out'"
	" WHERE u.path LIKE (SELECT path FROM unit WHERE id = $1) || '%' AND e.active"
	" ORDER BY u.path, e.name_lower LIMIT 500";
static const char SQL_BODIES[] =
	"SELECT b.code, b.name, b.path FROM unit b JOIN unit r ON r.id = b.parent_id WHERE r.parent_id IS NULL"
	" AND ($1 = '' OR b.code = $1) ORDER BY b.code";
static const char SQL_BODY_REPORTS[] =
	"SELECT r.status, r.requested_at, COALESCE(r.answered_at, 0), r.verify_due, r.answer_due FROM report r"
	" JOIN unit u ON u.id = r.unit_id WHERE u.path LIKE CAST($1 AS TEXT) || '%' AND r.requested_at >= $2 AND"
	" r.requested_at < $3 LIMIT 100000";
static const char SQL_BODY_STAFF[] =
	"SELECT COUNT(*) FROM employee e JOIN unit u ON u.id = e.unit_id WHERE e.active AND u.path LIKE"
	" CAST($1 AS TEXT) || '%'";
static const char SQL_BODY_PLANS[] =
	"SELECT COUNT(DISTINCT p.employee_id) FROM plan p JOIN unit u ON u.id = p.unit_id WHERE p.status ="
	" 'approved' AND p.date >= $2 AND p.date <= $3 AND u.path LIKE CAST($1 AS TEXT) || '%'";
static const char SQL_UNITS_PUBLIC[] =
	"SELECT code, name, kind, lat IS NOT NULL AND lon IS NOT NULL, COALESCE(lat, 0), COALESCE(lon, 0) FROM unit"
	" WHERE ($1 = '' OR LOWER(name) LIKE '%' || LOWER($1) || '%' OR LOWER(code) LIKE '%' || LOWER($1) || '%')"
	" ORDER BY path LIMIT $2";

/* ---- small helpers ---- */

static int step_once(struct db_stmt *s, int64_t *id)
{
	int rc = db_step(s);
	if (rc == 1 && id)
		*id = db_col_int(s, 0);
	db_reset(s);
	return rc < 0 ? rc : rc == 0 ? ERR_NOT_FOUND : 0;
}

static int step_done(struct db_stmt *s)
{
	int rc = db_step(s);
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static void now_iso(char out[40])
{
	clock_now_iso(out, 40);
}

/* Append an audit entry on report:<id> (or another object) with the JSON
 * object in b as "after"; b is freed. */
static int audit_obj(struct db_conn *c, const char *actor, const char *action, const char *object, struct buf *b)
{
	struct audit_event ev = {actor, action, object, NULL, b->data};
	int rc = audit_append(c, &ev);
	buf_free(b);
	return rc;
}

static int audit_report(struct db_conn *c, const char *actor, const char *action, int64_t id, struct buf *b)
{
	char object[48];
	snprintf(object, sizeof object, "report:%lld", (long long)id);
	return audit_obj(c, actor, action, object, b);
}

static void kv_str(struct buf *b, const char *key, const char *v, bool first)
{
	buf_printf(b, "%s\"%s\":", first ? "" : ",", key);
	buf_json_string(b, v ? v : "");
}

static void key_hash(const char *key, char out[65])
{
	uint8_t h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const uint8_t *)key, strlen(key));
	hex_encode(h, sizeof h, out);
}

/* ---- settings ---- */

int reports_settings_get(struct db_conn *c, struct report_settings *out)
{
	struct db_stmt *s = db_prepare(c, SQL_SETTINGS);
	if (!s)
		return ERR_DB;
	int rc = db_step(s);
	if (rc == 1) {
		out->rules.verify_days = (int)db_col_int(s, 0);
		out->rules.answer_days = (int)db_col_int(s, 1);
		out->rules.kelurahan_hours = (int)db_col_int(s, 2);
		out->rate_per_hour = (int)db_col_int(s, 3);
		out->rules.min_group = (int)db_col_int(s, 4);
	}
	db_reset(s);
	return rc < 0 ? rc : rc == 0 ? ERR_NOT_FOUND : 0;
}

int reports_settings_put(struct db_conn *c, const struct report_settings *v, const char *actor, const char **field)
{
	struct { const char *name; int val, lo, hi; } checks[] = {
		{"verify_days", v->rules.verify_days, 1, 30}, {"answer_days", v->rules.answer_days, 1, 60},
		{"kelurahan_hours", v->rules.kelurahan_hours, 1, 240}, {"rate_per_hour", v->rate_per_hour, 1, 100000},
		{"min_group", v->rules.min_group, 1, 100}};
	for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++)
		if (checks[i].val < checks[i].lo || checks[i].val > checks[i].hi) {
			*field = checks[i].name;
			return ERR_INVALID;
		}
	struct db_stmt *s = db_prepare(c, SQL_SETTINGS_PUT);
	if (!s)
		return ERR_DB;
	char now[40];
	now_iso(now);
	db_bind_int(s, 1, v->rules.verify_days);
	db_bind_int(s, 2, v->rules.answer_days);
	db_bind_int(s, 3, v->rules.kelurahan_hours);
	db_bind_int(s, 4, v->rate_per_hour);
	db_bind_int(s, 5, v->rules.min_group);
	db_bind_text(s, 6, actor);
	db_bind_text(s, 7, now);
	int rc = step_done(s);
	if (rc)
		return rc;
	struct buf b;
	buf_init(&b, 1024);
	buf_printf(&b, "{\"verify_days\":%d,\"answer_days\":%d,\"kelurahan_hours\":%d,\"rate_per_hour\":%d,"
		   "\"min_group\":%d}", v->rules.verify_days, v->rules.answer_days, v->rules.kelurahan_hours,
		   v->rate_per_hour, v->rules.min_group);
	return audit_obj(c, actor, "report.settings", "report_setting:1", &b);
}

/* ---- keys ---- */

int open311_key_add(struct db_conn *c, const char *name, const char *actor, char key[OPEN311_KEY_CHARS + 1],
		    int64_t *id)
{
	if (!name || !*name || strlen(name) > 100)
		return ERR_INVALID;
	uint8_t raw[OPEN311_KEY_CHARS / 2];
	randombytes_buf(raw, sizeof raw);
	hex_encode(raw, sizeof raw, key);
	char hash[65], now[40];
	key_hash(key, hash);
	now_iso(now);
	struct db_stmt *s = db_prepare(c, SQL_KEY_INSERT);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, name);
	db_bind_text(s, 2, hash);
	db_bind_text(s, 3, actor);
	db_bind_text(s, 4, now);
	int rc = step_once(s, id);
	if (rc)
		return rc;
	struct buf b;
	buf_init(&b, 1024);
	buf_puts(&b, "{");
	kv_str(&b, "name", name, true);
	kv_str(&b, "key_sha256", hash, false);
	buf_puts(&b, "}");
	char object[48];
	snprintf(object, sizeof object, "open311_key:%lld", (long long)*id);
	return audit_obj(c, actor, "open311.key.add", object, &b);
}

int open311_key_check(struct db_conn *c, const char *key, int64_t *id)
{
	if (!key || !*key || strlen(key) > 200)
		return ERR_UNAUTHORIZED;
	char hash[65];
	key_hash(key, hash);
	struct db_stmt *s = db_prepare(c, SQL_KEY_CHECK);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, hash);
	int rc = step_once(s, id);
	return rc == ERR_NOT_FOUND ? ERR_UNAUTHORIZED : rc;
}

int open311_key_revoke(struct db_conn *c, int64_t id, const char *actor)
{
	char now[40];
	now_iso(now);
	struct db_stmt *s = db_prepare(c, SQL_KEY_REVOKE);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, now);
	db_bind_int(s, 2, id);
	int rc = step_once(s, NULL);
	if (rc)
		return rc;
	struct buf b;
	buf_init(&b, 256);
	buf_printf(&b, "{\"revoked_at\":\"%s\"}", now);
	char object[48];
	snprintf(object, sizeof object, "open311_key:%lld", (long long)id);
	return audit_obj(c, actor, "open311.key.revoke", object, &b);
}

int open311_keys_each(struct db_conn *c, int (*cb)(void *ctx, const struct open311_key_row *k), void *ctx)
{
	struct db_stmt *s = db_prepare(c, SQL_KEYS);
	if (!s)
		return ERR_DB;
	int rc;
	while ((rc = db_step(s)) == 1) {
		struct open311_key_row k = {db_col_int(s, 0), db_col_text(s, 1), db_col_text(s, 2), db_col_text(s, 3),
					    db_col_text(s, 4)};
		if ((rc = cb(ctx, &k)))
			break;
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static const char SQL_KEY_ENSURE[] =
	"INSERT INTO open311_key (name, key_hash, created_by, created_at) VALUES ($1, $2, 'system', $3)"
	" ON CONFLICT (key_hash) DO NOTHING";

int open311_key_ensure(struct db_conn *c, const char *name, const char *key)
{
	char hash[65], now[40];
	key_hash(key, hash);
	now_iso(now);
	struct db_stmt *s = db_prepare(c, SQL_KEY_ENSURE);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, name);
	db_bind_text(s, 2, hash);
	db_bind_text(s, 3, now);
	return step_done(s);
}

/* ---- routing ---- */

struct unit_ref {
	int64_t id;
	bool kelurahan;
	char path[ROLES_PATH_MAX];
};

static int unit_ref_load(struct db_stmt *s, struct unit_ref *u)
{
	int rc = db_step(s);
	if (rc == 1) {
		u->id = db_col_int(s, 0);
		u->kelurahan = !strcmp(db_col_text(s, 1), "kelurahan");
		snprintf(u->path, sizeof u->path, "%s", db_col_text(s, 2));
	}
	db_reset(s);
	return rc < 0 ? rc : rc == 0 ? ERR_NOT_FOUND : 0;
}

static int unit_by_code(struct db_conn *c, const char *code, struct unit_ref *u)
{
	struct db_stmt *s = db_prepare(c, SQL_UNIT_BY_CODE);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, code);
	return unit_ref_load(s, u);
}

static int unit_by_id(struct db_conn *c, int64_t id, struct unit_ref *u)
{
	struct db_stmt *s = db_prepare(c, SQL_UNIT_BY_ID);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, id);
	return unit_ref_load(s, u);
}

/* The unit nearest to (lat, lon); the root when no unit has coordinates. */
static int unit_nearest(struct db_conn *c, double lat, double lon, int64_t *id)
{
	struct db_stmt *s = db_prepare(c, SQL_UNITS_LOCATED);
	if (!s)
		return ERR_DB;
	double best = INFINITY;
	*id = 0;
	int rc;
	while ((rc = db_step(s)) == 1) {
		double d = geo_distance_m(lat, lon, db_col_real(s, 1), db_col_real(s, 2));
		if (d < best) {
			best = d;
			*id = db_col_int(s, 0);
		}
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static int account_lookup(struct db_conn *c, const char *sql, int64_t unit_id, const char *path, int64_t *out)
{
	struct db_stmt *s = db_prepare(c, sql);
	if (!s)
		return ERR_DB;
	if (path)
		db_bind_text(s, 1, path);
	else
		db_bind_int(s, 1, unit_id);
	int rc = step_once(s, out);
	if (rc == ERR_NOT_FOUND) {
		*out = 0;
		return 0;
	}
	return rc;
}

/* The handling officer of a unit (see reports.h); 0 when nobody. */
static int unit_handler(struct db_conn *c, const struct unit_ref *u, int64_t *account)
{
	int rc = account_lookup(c, SQL_UNIT_HEAD, u->id, NULL, account);
	if (!rc && !*account)
		rc = account_lookup(c, SQL_BODY_HEAD, 0, u->path, account);
	return rc;
}

static int route(struct db_conn *c, const struct report_input *in, struct unit_ref *u, const char **routed_by,
		 const char **field)
{
	if (in->unit_code && *in->unit_code) {
		*routed_by = "chosen";
		int rc = unit_by_code(c, in->unit_code, u);
		if (rc == ERR_NOT_FOUND)
			*field = "unit";
		return rc;
	}
	int64_t id = 0;
	int rc;
	if (in->has_location && (rc = unit_nearest(c, in->lat, in->lon, &id)))
		return rc;
	*routed_by = id ? "nearest" : "default";
	if (!id) {
		struct db_stmt *s = db_prepare(c, SQL_ROOT_UNIT);
		if (!s)
			return ERR_DB;
		if ((rc = step_once(s, &id)))
			return rc;
	}
	return unit_by_id(c, id, u);
}

static int load_calendar(struct db_conn *c, int64_t now, struct calendar *cal)
{
	int32_t day;
	int minute, y, m, d;
	tz_local(now, TZ_WIB, &day, &minute);
	date_to_ymd(day, &y, &m, &d);
	return calendar_load(c, y - 1, y + 1, cal);
}

/* ---- filing ---- */

static int insert_event(struct db_conn *c, int64_t id, const char *action, const char *from, const char *to,
			const char *note, bool public_note, const char *actor, int64_t at)
{
	struct db_stmt *s = db_prepare(c, SQL_EVENT_INSERT);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, id);
	db_bind_text(s, 2, action);
	db_bind_text(s, 3, from);
	db_bind_text(s, 4, to);
	db_bind_text(s, 5, note ? note : "");
	db_bind_int(s, 6, public_note ? 1 : 0);
	db_bind_text(s, 7, actor);
	db_bind_int(s, 8, at);
	return step_done(s);
}

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

static void contact_name(const struct report_input *in, char *out, size_t cap)
{
	snprintf(out, cap, "%s%s%s", or_empty(in->first_name), in->first_name && *in->first_name && in->last_name &&
		 *in->last_name ? " " : "", or_empty(in->last_name));
}

static int insert_report(struct db_conn *c, const struct report_input *in, const struct unit_ref *u,
			 const char *routed_by, int64_t handler, bool moderated, int64_t now, int64_t vdue,
			 int64_t adue, const char *token, int64_t *id)
{
	struct db_stmt *s = db_prepare(c, SQL_INSERT);
	if (!s)
		return ERR_DB;
	char name[2 * OPEN311_FIELD_MAX + 2];
	contact_name(in, name, sizeof name);
	db_bind_text(s, 1, token);
	db_bind_text(s, 2, in->service->code);
	db_bind_text(s, 3, or_empty(in->description));
	db_bind_text(s, 4, moderated ? "pending" : "none");
	db_bind_int(s, 5, u->id);
	db_bind_text(s, 6, routed_by);
	if (handler)
		db_bind_int(s, 7, handler);
	else
		db_bind_null(s, 7);
	if (in->has_location) {
		db_bind_real(s, 8, in->lat);
		db_bind_real(s, 9, in->lon);
	} else {
		db_bind_null(s, 8);
		db_bind_null(s, 9);
	}
	const char *texts[] = {in->address, in->address_id, in->zipcode, in->media_url,
			       in->attributes_json ? in->attributes_json : "{}", in->seen_at, in->email, in->phone,
			       name, in->device_id, in->account_id};
	for (int i = 0; i < 11; i++)
		db_bind_text(s, 10 + i, or_empty(texts[i]));
	if (in->key_id)
		db_bind_int(s, 21, in->key_id);
	else
		db_bind_null(s, 21);
	db_bind_int(s, 22, now);
	db_bind_int(s, 23, vdue);
	db_bind_int(s, 24, adue);
	return step_once(s, id);
}

int reports_create(struct db_conn *c, const struct report_input *in, int64_t now, int64_t *id, char token[33],
		   const char **field)
{
	struct unit_ref u;
	const char *routed_by = "default";
	int rc = route(c, in, &u, &routed_by, field);
	int64_t handler = 0;
	if (!rc)
		rc = unit_handler(c, &u, &handler);
	struct report_settings st;
	if (!rc)
		rc = reports_settings_get(c, &st);
	struct calendar cal;
	if (!rc)
		rc = load_calendar(c, now, &cal);
	if (rc)
		return rc;
	int64_t vdue, adue;
	open311_deadlines(&cal, &st.rules, now, u.kelurahan, &vdue, &adue);
	calendar_free(&cal);
	uint8_t raw[12];
	randombytes_buf(raw, sizeof raw);
	hex_encode(raw, sizeof raw, token);
	bool moderated = open311_names_people(in->description);
	if ((rc = insert_report(c, in, &u, routed_by, handler, moderated, now, vdue, adue, token, id)))
		return rc;
	if ((rc = insert_event(c, *id, "file", "", "received", "", false, "public", now)))
		return rc;
	/* The audit entry records what was filed but not who filed it: contact
	 * data stays in the report row (private) and out of the permanent log. */
	struct buf b;
	buf_init(&b, 16384);
	buf_puts(&b, "{");
	kv_str(&b, "service_code", in->service->code, true);
	buf_printf(&b, ",\"unit_id\":%lld,\"routed_by\":\"%s\",\"handler_account_id\":%lld,\"moderation\":\"%s\","
		   "\"key_id\":%lld,\"verify_due\":%lld,\"answer_due\":%lld", (long long)u.id, routed_by,
		   (long long)handler, moderated ? "pending" : "none", (long long)in->key_id, (long long)vdue,
		   (long long)adue);
	uint8_t h[crypto_hash_sha256_BYTES];
	char hex[65];
	crypto_hash_sha256(h, (const uint8_t *)or_empty(in->description), strlen(or_empty(in->description)));
	hex_encode(h, sizeof h, hex);
	kv_str(&b, "description_sha256", hex, false);
	buf_puts(&b, "}");
	return audit_report(c, "public", "report.file", *id, &b);
}

int reports_by_token(struct db_conn *c, const char *token, int64_t *id)
{
	struct db_stmt *s = db_prepare(c, SQL_BY_TOKEN);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, token);
	return step_once(s, id);
}

/* ---- reading ---- */

static void row_from(struct db_stmt *s, struct report_row *r)
{
	memset(r, 0, sizeof *r);
	r->id = db_col_int(s, 0);
	snprintf(r->service_code, sizeof r->service_code, "%s", db_col_text(s, 1));
	int st = report_status_parse(db_col_text(s, 2));
	r->status = st < 0 ? REPORT_RECEIVED : (enum report_status)st;
	char **texts[] = {&r->status_notes, &r->description, &r->public_description, &r->address, &r->address_id,
			  &r->zipcode, &r->media_url, &r->attributes, &r->seen_at, &r->contact_email,
			  &r->contact_phone, &r->contact_name, &r->token};
	for (int i = 0; i < 13; i++)
		*texts[i] = xstrdup(db_col_text(s, 3 + i));
	snprintf(r->moderation, sizeof r->moderation, "%s", db_col_text(s, 16));
	snprintf(r->routed_by, sizeof r->routed_by, "%s", db_col_text(s, 17));
	r->unit_id = db_col_int(s, 18);
	snprintf(r->unit_code, sizeof r->unit_code, "%s", db_col_text(s, 19));
	r->unit_name = xstrdup(db_col_text(s, 20));
	snprintf(r->unit_path, sizeof r->unit_path, "%s", db_col_text(s, 21));
	r->handler_account_id = db_col_int(s, 22);
	snprintf(r->handler_username, sizeof r->handler_username, "%s", db_col_text(s, 23));
	r->has_location = db_col_bool(s, 24);
	r->lat = db_col_real(s, 25);
	r->lon = db_col_real(s, 26);
	int64_t *times[] = {&r->requested_at, &r->updated_at, &r->verify_due, &r->answer_due, &r->verified_at,
			    &r->answered_at};
	for (int i = 0; i < 6; i++)
		*times[i] = db_col_int(s, 27 + i);
	r->escalated = db_col_bool(s, 33);
}

void report_row_free(struct report_row *r)
{
	char *texts[] = {r->status_notes, r->description, r->public_description, r->address, r->address_id,
			 r->zipcode, r->media_url, r->attributes, r->seen_at, r->contact_email, r->contact_phone,
			 r->contact_name, r->token, r->unit_name};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		free(texts[i]);
	memset(r, 0, sizeof *r);
}

int reports_get(struct db_conn *c, int64_t id, struct report_row *out)
{
	struct db_stmt *s = db_prepare(c, SQL_GET);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, id);
	int rc = db_step(s);
	if (rc == 1)
		row_from(s, out);
	db_reset(s);
	return rc < 0 ? rc : rc == 0 ? ERR_NOT_FOUND : 0;
}

const char *report_public_description(const struct report_row *r)
{
	if (!strcmp(r->moderation, "none"))
		return r->description;
	if (!strcmp(r->moderation, "approved"))
		return r->public_description;
	return "";
}

static int each_row(struct db_stmt *s, int (*cb)(void *ctx, const struct report_row *r), void *ctx)
{
	int rc;
	while ((rc = db_step(s)) == 1) {
		struct report_row r;
		row_from(s, &r);
		rc = cb(ctx, &r);
		report_row_free(&r);
		if (rc)
			break;
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

int reports_public_each(struct db_conn *c, const struct report_public_filter *f,
			int (*cb)(void *ctx, const struct report_row *r), void *ctx)
{
	if (f->nids > 0) {
		for (int i = 0; i < f->nids; i++) {
			struct db_stmt *s = db_prepare(c, SQL_GET);
			if (!s)
				return ERR_DB;
			db_bind_int(s, 1, f->ids[i]);
			int rc = each_row(s, cb, ctx);
			if (rc)
				return rc;
		}
		return 0;
	}
	struct db_stmt *s = db_prepare(c, SQL_PUBLIC_LIST);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, f->service_code ? f->service_code : "");
	db_bind_int(s, 2, f->start);
	db_bind_int(s, 3, f->end);
	db_bind_int(s, 4, f->status_closed);
	db_bind_int(s, 5, f->limit);
	db_bind_int(s, 6, f->offset);
	return each_row(s, cb, ctx);
}

int reports_queue_each(struct db_conn *c, const struct report_queue_filter *f,
		       int (*cb)(void *ctx, const struct report_row *r), void *ctx)
{
	struct db_stmt *s = db_prepare(c, SQL_QUEUE);
	if (!s)
		return ERR_DB;
	const struct actor *a = f->actor;
	bool all = a->roles & (ROLE_ADMIN_BKD | ROLE_INSPEKTORAT);
	bool head = (a->roles & ROLE_KEPALA_OPD) && a->opd_path[0];
	db_bind_int(s, 1, all ? 1 : 0);
	db_bind_text(s, 2, head ? a->opd_path : "/-none-/");
	db_bind_int(s, 3, a->account_id);
	db_bind_text(s, 4, f->unit_path ? f->unit_path : "");
	db_bind_text(s, 5, f->status ? f->status : "");
	db_bind_int(s, 6, f->overdue_only ? 1 : 0);
	db_bind_int(s, 7, f->now);
	db_bind_int(s, 8, f->moderation_pending ? 1 : 0);
	db_bind_int(s, 9, f->limit);
	db_bind_int(s, 10, f->offset);
	return each_row(s, cb, ctx);
}

bool reports_actor_handles(const struct actor *a, const struct report_row *r)
{
	if (!a)
		return false;
	if (a->roles & ROLE_ADMIN_BKD)
		return true;
	if ((a->roles & ROLE_KEPALA_OPD) && a->opd_path[0] && roles_path_within(r->unit_path, a->opd_path))
		return true;
	return r->handler_account_id && r->handler_account_id == a->account_id;
}

int reports_events_each(struct db_conn *c, int64_t id, bool public_only,
			int (*cb)(void *ctx, const struct report_event_row *e), void *ctx)
{
	struct db_stmt *s = db_prepare(c, SQL_EVENTS);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, public_only ? 1 : 0);
	int rc;
	while ((rc = db_step(s)) == 1) {
		struct report_event_row e = {db_col_text(s, 0), db_col_text(s, 1), db_col_text(s, 2), db_col_text(s, 3),
					     db_col_text(s, 5), db_col_int(s, 4) != 0, db_col_int(s, 6)};
		if ((rc = cb(ctx, &e)))
			break;
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

/* ---- handling ---- */

struct report_state {
	enum report_status status;
	int64_t requested_at, unit_id;
	char moderation[12];
};

/* Read (and on PostgreSQL lock) the report's state. */
static int lock_state(struct db_conn *c, int64_t id, struct report_state *st)
{
	struct db_stmt *s = db_prepare(c, db_conn_dialect(c) == DB_POSTGRES ? SQL_STATE_LOCK_PG : SQL_STATE);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, id);
	int rc = db_step(s);
	if (rc == 1) {
		int v = report_status_parse(db_col_text(s, 0));
		st->status = v < 0 ? REPORT_RECEIVED : (enum report_status)v;
		st->requested_at = db_col_int(s, 1);
		st->unit_id = db_col_int(s, 2);
		snprintf(st->moderation, sizeof st->moderation, "%s", db_col_text(s, 3));
	}
	db_reset(s);
	return rc < 0 ? rc : rc == 0 ? ERR_NOT_FOUND : 0;
}

int reports_set_status(struct db_conn *c, int64_t id, enum report_status to, const char *note, bool public_note,
		       const char *actor, int64_t now)
{
	struct report_state st;
	int rc = lock_state(c, id, &st);
	if (rc)
		return rc;
	if (!report_transition_allowed(st.status, to))
		return ERR_CONFLICT;
	int64_t answer_due = 0;
	if (to == REPORT_VERIFIED) {
		struct unit_ref u;
		struct report_settings set;
		struct calendar cal;
		if ((rc = unit_by_id(c, st.unit_id, &u)) || (rc = reports_settings_get(c, &set)) ||
		    (rc = load_calendar(c, now, &cal)))
			return rc;
		answer_due = open311_answer_due_after_verify(&cal, &set.rules, st.requested_at, now, u.kelurahan);
		calendar_free(&cal);
	}
	struct db_stmt *s = db_prepare(c, SQL_SET_STATUS);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, report_status_name(to));
	db_bind_int(s, 2, public_note ? 1 : 0);
	db_bind_text(s, 3, or_empty(note));
	db_bind_int(s, 4, now);
	db_bind_int(s, 5, answer_due);
	db_bind_int(s, 6, id);
	if ((rc = step_done(s)) ||
	    (rc = insert_event(c, id, "status", report_status_name(st.status), report_status_name(to), note,
			       public_note, actor, now)))
		return rc;
	struct buf b;
	buf_init(&b, 8192);
	buf_printf(&b, "{\"from\":\"%s\",\"to\":\"%s\",\"public_note\":%s", report_status_name(st.status),
		   report_status_name(to), public_note ? "true" : "false");
	kv_str(&b, "note", note, false);
	buf_puts(&b, "}");
	return audit_report(c, actor, "report.status", id, &b);
}

int reports_forward(struct db_conn *c, int64_t id, const char *unit_code, const char *note, const char *actor,
		    int64_t now)
{
	struct report_state st;
	struct unit_ref u;
	int rc = lock_state(c, id, &st);
	if (rc)
		return rc;
	if (!report_transition_allowed(st.status, REPORT_FORWARDED))
		return ERR_CONFLICT;
	if ((rc = unit_by_code(c, unit_code, &u)))
		return rc;
	int64_t handler = 0, vdue, adue;
	struct report_settings set;
	struct calendar cal;
	if ((rc = unit_handler(c, &u, &handler)) || (rc = reports_settings_get(c, &set)) ||
	    (rc = load_calendar(c, now, &cal)))
		return rc;
	open311_deadlines(&cal, &set.rules, now, u.kelurahan, &vdue, &adue);
	calendar_free(&cal);
	struct db_stmt *s = db_prepare(c, SQL_FORWARD);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, u.id);
	if (handler)
		db_bind_int(s, 2, handler);
	else
		db_bind_null(s, 2);
	db_bind_int(s, 3, now);
	db_bind_int(s, 4, vdue);
	db_bind_int(s, 5, adue);
	db_bind_int(s, 6, id);
	if ((rc = step_done(s)) || (rc = insert_event(c, id, "forward", report_status_name(st.status), "forwarded",
						      note, false, actor, now)))
		return rc;
	struct buf b;
	buf_init(&b, 8192);
	buf_printf(&b, "{\"from_unit_id\":%lld,\"to_unit_id\":%lld,\"handler_account_id\":%lld",
		   (long long)st.unit_id, (long long)u.id, (long long)handler);
	kv_str(&b, "note", note, false);
	buf_puts(&b, "}");
	return audit_report(c, actor, "report.forward", id, &b);
}

int reports_moderate(struct db_conn *c, int64_t id, bool approve, const char *public_text, const char *actor,
		     int64_t now)
{
	struct report_state st;
	int rc = lock_state(c, id, &st);
	if (rc)
		return rc;
	if (strcmp(st.moderation, "pending"))
		return ERR_CONFLICT;
	struct report_row r;
	if ((rc = reports_get(c, id, &r)))
		return rc;
	const char *text = approve ? (public_text && *public_text ? public_text : r.description) : "";
	struct db_stmt *s = db_prepare(c, SQL_MODERATE);
	if (!s) {
		report_row_free(&r);
		return ERR_DB;
	}
	db_bind_text(s, 1, approve ? "approved" : "rejected");
	db_bind_text(s, 2, text);
	db_bind_int(s, 3, now);
	db_bind_int(s, 4, id);
	rc = step_done(s);
	if (!rc)
		rc = insert_event(c, id, approve ? "moderation.approve" : "moderation.reject", report_status_name(st.status),
				  report_status_name(st.status), "", false, actor, now);
	struct buf b;
	buf_init(&b, 16384);
	buf_printf(&b, "{\"moderation\":\"%s\",\"redacted\":%s", approve ? "approved" : "rejected",
		   approve && public_text && *public_text ? "true" : "false");
	kv_str(&b, "public_description", text, false);
	buf_puts(&b, "}");
	report_row_free(&r);
	if (rc) {
		buf_free(&b);
		return rc;
	}
	return audit_report(c, actor, approve ? "report.moderation.approve" : "report.moderation.reject", id, &b);
}

struct overdue_item {
	int64_t id, unit_id, due;
	const char *kind;
	char path[ROLES_PATH_MAX];
};

static int escalate_one(struct db_conn *c, const struct overdue_item *o, int64_t now, int *n)
{
	int64_t head = 0, row = 0;
	int rc = account_lookup(c, SQL_BODY_HEAD, 0, o->path, &head);
	if (rc)
		return rc;
	struct db_stmt *s = db_prepare(c, SQL_ESCALATE);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, o->id);
	db_bind_text(s, 2, o->kind);
	db_bind_int(s, 3, o->unit_id);
	if (head)
		db_bind_int(s, 4, head);
	else
		db_bind_null(s, 4);
	db_bind_int(s, 5, o->due);
	db_bind_int(s, 6, now);
	rc = step_once(s, &row);
	if (rc == ERR_NOT_FOUND)
		return 0; /* already escalated for this deadline */
	if (rc)
		return rc;
	(*n)++;
	struct buf b;
	buf_init(&b, 512);
	buf_printf(&b, "{\"kind\":\"%s\",\"unit_id\":%lld,\"head_account_id\":%lld,\"due_at\":%lld}", o->kind,
		   (long long)o->unit_id, (long long)head, (long long)o->due);
	return audit_report(c, "system", "report.escalate", o->id, &b);
}

int reports_escalate_overdue(struct db_conn *c, int64_t now, int *n)
{
	*n = 0;
	struct db_stmt *s = db_prepare(c, SQL_OVERDUE);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, now);
	struct overdue_item *items = NULL;
	size_t count = 0, cap = 0;
	int rc;
	while ((rc = db_step(s)) == 1) {
		int v = report_status_parse(db_col_text(s, 1));
		const char *kind = NULL;
		if (v < 0 || !open311_overdue((enum report_status)v, db_col_int(s, 2), db_col_int(s, 3), now, &kind))
			continue;
		if (count == cap) {
			cap = cap ? cap * 2 : 16;
			items = xrealloc(items, cap * sizeof *items);
		}
		struct overdue_item *o = &items[count++];
		o->id = db_col_int(s, 0);
		o->unit_id = db_col_int(s, 4);
		o->kind = kind;
		o->due = !strcmp(kind, "verify") ? db_col_int(s, 2) : db_col_int(s, 3);
		snprintf(o->path, sizeof o->path, "%s", db_col_text(s, 5));
	}
	db_reset(s);
	for (size_t i = 0; rc >= 0 && i < count; i++)
		rc = escalate_one(c, &items[i], now, n);
	free(items);
	return rc < 0 ? rc : 0;
}

/* ---- cross-check ---- */

int reports_unit_staff_on(struct db_conn *c, int64_t unit_id, const char *date,
			  int (*cb)(void *ctx, const struct report_staff_row *s), void *ctx)
{
	struct db_stmt *s = db_prepare(c, SQL_STAFF_ON);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, unit_id);
	db_bind_text(s, 2, date);
	int rc;
	while ((rc = db_step(s)) == 1) {
		struct report_staff_row r = {db_col_text(s, 0), db_col_text(s, 1), db_col_text(s, 2), db_col_text(s, 3),
					      db_col_text(s, 4), (int)db_col_int(s, 5), db_col_text(s, 6),
					      (int)db_col_int(s, 7)};
		if ((rc = cb(ctx, &r)))
			break;
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

/* ---- public figures ---- */

static int count_query(struct db_conn *c, const char *sql, const char *path, const char *from, const char *to,
		       long *out)
{
	struct db_stmt *s = db_prepare(c, sql);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, path);
	if (from) {
		db_bind_text(s, 2, from);
		db_bind_text(s, 3, to);
	}
	int64_t v = 0;
	int rc = step_once(s, &v);
	*out = (long)v;
	return rc == ERR_NOT_FOUND ? 0 : rc;
}

/* Received, answered, overdue and the median hours to answer of reports
 * received in [start, end) in the body's subtree. Overdue: answered after
 * its deadline, or still open past it (verification or answer). */
static int body_reports(struct db_conn *c, const char *path, int64_t start, int64_t end, int64_t now,
			struct report_body_stats *st)
{
	struct db_stmt *s = db_prepare(c, SQL_BODY_REPORTS);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, path);
	db_bind_int(s, 2, start);
	db_bind_int(s, 3, end);
	int64_t *hours = NULL;
	size_t n = 0, cap = 0;
	int rc;
	while ((rc = db_step(s)) == 1) {
		int v = report_status_parse(db_col_text(s, 0));
		int64_t req = db_col_int(s, 1), ans = db_col_int(s, 2), vdue = db_col_int(s, 3), adue = db_col_int(s, 4);
		const char *kind;
		st->received++;
		if (ans) {
			st->answered++;
			if (ans > adue)
				st->overdue++;
			if (n == cap) {
				cap = cap ? cap * 2 : 64;
				hours = xrealloc(hours, cap * sizeof *hours);
			}
			hours[n++] = (ans - req);
		} else if (v >= 0 && open311_overdue((enum report_status)v, vdue, adue, now, &kind)) {
			st->overdue++;
		}
	}
	db_reset(s);
	st->median_hours_to_answer = n ? open311_median(hours, n) / 3600.0 : -1;
	free(hours);
	return rc < 0 ? rc : 0;
}

struct body {
	char code[33], name[256], path[ROLES_PATH_MAX];
};

int reports_stats_each(struct db_conn *c, const char *body_code, int32_t from, int32_t to, int min_group, int64_t now,
		       int (*cb)(void *ctx, const struct report_body_stats *s), void *ctx)
{
	struct db_stmt *s = db_prepare(c, SQL_BODIES);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, body_code ? body_code : "");
	struct body *bodies = NULL;
	size_t n = 0, cap = 0;
	int rc;
	while ((rc = db_step(s)) == 1) {
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			bodies = xrealloc(bodies, cap * sizeof *bodies);
		}
		snprintf(bodies[n].code, sizeof bodies[n].code, "%s", db_col_text(s, 0));
		snprintf(bodies[n].name, sizeof bodies[n].name, "%s", db_col_text(s, 1));
		snprintf(bodies[n].path, sizeof bodies[n].path, "%s", db_col_text(s, 2));
		n++;
	}
	db_reset(s);
	char dfrom[DATE_TEXT], dto[DATE_TEXT];
	date_format(from, dfrom);
	date_format(to, dto);
	int64_t start = tz_midnight_unix(from, TZ_WIB), end = tz_midnight_unix(to + 1, TZ_WIB);
	for (size_t i = 0; rc >= 0 && i < n; i++) {
		struct report_body_stats st = {.body_code = bodies[i].code, .body_name = bodies[i].name};
		rc = body_reports(c, bodies[i].path, start, end, now, &st);
		if (!rc)
			rc = count_query(c, SQL_BODY_STAFF, bodies[i].path, NULL, NULL, &st.staff);
		if (!rc)
			rc = count_query(c, SQL_BODY_PLANS, bodies[i].path, dfrom, dto, &st.staff_with_plans);
		if (!rc)
			rc = report_stats_days(c, bodies[i].path, dfrom, dto, min_group, &st);
		if (rc)
			break;
		/* Both the group and the count inside it are about people: either
		 * being small could point at someone. Zero names nobody. */
		st.staff_suppressed = open311_suppressed(st.staff, min_group) ||
				      (st.staff_with_plans > 0 && open311_suppressed(st.staff_with_plans, min_group));
		rc = cb(ctx, &st);
	}
	free(bodies);
	return rc < 0 ? rc : 0;
}

int reports_units_each(struct db_conn *c, const char *q, int limit,
		       int (*cb)(void *ctx, const struct report_unit_row *u), void *ctx)
{
	struct db_stmt *s = db_prepare(c, SQL_UNITS_PUBLIC);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, q ? q : "");
	db_bind_int(s, 2, limit);
	int rc;
	while ((rc = db_step(s)) == 1) {
		struct report_unit_row u = {db_col_text(s, 0), db_col_text(s, 1), db_col_text(s, 2), db_col_bool(s, 3),
					    db_col_real(s, 4), db_col_real(s, 5)};
		if ((rc = cb(ctx, &u)))
			break;
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}
