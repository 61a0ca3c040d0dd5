/* calendar.c (store) - calendar amendments, unit time zones and feed
 * secrets (see store/calendar.h). */
#include "store/calendar.h"

#include "core/clock.h"
#include "core/err.h"
#include "core/hex.h"
#include "core/mem.h"
#include "store/audit.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define CALENDAR_YEARS_MAX 50
#define CALENDAR_DAYS_MAX 100   /* days off in one amended year */
#define CALENDAR_NOTE_MAX 1000

static const char SQL_LATEST[] =
	"SELECT id, version, legal_reference FROM calendar_version WHERE year = $1 ORDER BY version DESC LIMIT 1";
static const char SQL_DAYS[] = "SELECT date, name, kind FROM calendar_day_off WHERE version_id = $1 ORDER BY date";
static const char SQL_NEXT_VERSION[] = "SELECT COALESCE(MAX(version), 0) + 1 FROM calendar_version WHERE year = $1";
static const char SQL_VERSION_INSERT[] =
	"INSERT INTO calendar_version (year, version, legal_reference, note, created_by, created_at)"
	" VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
static const char SQL_DAY_INSERT[] =
	"INSERT INTO calendar_day_off (version_id, date, name, kind) VALUES ($1, $2, $3, $4)";
static const char SQL_VERSIONS[] =
	"SELECT v.version, v.legal_reference, v.note, v.created_by, v.created_at,"
	" (SELECT COUNT(*) FROM calendar_day_off d WHERE d.version_id = v.id)"
	" FROM calendar_version v WHERE v.year = $1 ORDER BY v.version DESC";
static const char SQL_UNIT_TZ[] =
	"SELECT COALESCE(parent_id, 0), COALESCE(time_zone, ''), instansi_id FROM unit WHERE id = $1";
static const char SQL_INSTANSI_TZ[] = "SELECT time_zone FROM instansi WHERE id = $1";
static const char SQL_FEED_GET[] = "SELECT secret_box FROM feed_secret WHERE employee_id = $1";
static const char SQL_FEED_PUT[] =
	"INSERT INTO feed_secret (employee_id, secret_hash, secret_box, created_at) VALUES ($1, $2, $3, $4)"
	" ON CONFLICT (employee_id) DO UPDATE SET secret_hash = excluded.secret_hash,"
	" secret_box = excluded.secret_box, created_at = excluded.created_at";
static const char SQL_FEED_FIND[] = "SELECT employee_id FROM feed_secret WHERE secret_hash = $1";
static const char SQL_FEED_PLANS[] =
	"SELECT id, date, mode, status, COALESCE(location_address, ''), requested_at, COALESCE(decided_at, '')"
	" FROM plan WHERE employee_id = $1 ORDER BY date, id LIMIT 5000";

/* Replace year's days in cal by its latest stored version, when there is one. */
static int load_year(struct db_conn *c, int year, struct calendar *cal)
{
	struct db_stmt *s = db_prepare(c, SQL_LATEST);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, year);
	int rc = db_step(s);
	if (rc <= 0) {
		db_reset(s);
		if (rc == 0)
			calendar_use_builtin(cal, year);
		return rc;
	}
	int64_t id = db_col_int(s, 0);
	struct calendar_year *info = calendar_year_info_mut(cal, year);
	info->source = CAL_SOURCE_AMENDED;
	info->version = (int)db_col_int(s, 1);
	snprintf(info->legal_reference, sizeof info->legal_reference, "%s", db_col_text(s, 2));
	db_reset(s);
	calendar_clear_year(cal, year);
	s = db_prepare(c, SQL_DAYS);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, id);
	while ((rc = db_step(s)) == 1) {
		int32_t day;
		int kind = calendar_kind_parse(db_col_text(s, 2));
		if (date_parse(db_col_text(s, 0), &day) && kind >= 0)
			calendar_add(cal, day, db_col_text(s, 1), (enum day_off_kind)kind);
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

int calendar_load(struct db_conn *c, int year_from, int year_to, struct calendar *out)
{
	if (year_to < year_from || year_to - year_from >= CALENDAR_YEARS_MAX || year_from < 1900 || year_to > 9999)
		return ERR_INVALID;
	calendar_init(out, year_from, year_to);
	for (int y = year_from; y <= year_to; y++) {
		int rc = load_year(c, y, out);
		if (rc) {
			calendar_free(out);
			return rc;
		}
	}
	return 0;
}

/* Check an amendment; ERR_INVALID with *field and *bad_index (-1: none). */
static int check_amendment(int year, const struct day_off_input *days, int n, const char *legal_reference,
			   const char *note, const char **field, int *bad_index)
{
	*bad_index = -1;
	if (year < 1900 || year > 9999)
		return *field = "year", ERR_INVALID;
	if (!legal_reference || !*legal_reference || strlen(legal_reference) > CALENDAR_REF_MAX)
		return *field = "legal_reference", ERR_INVALID;
	if (note && strlen(note) > CALENDAR_NOTE_MAX)
		return *field = "note", ERR_INVALID;
	if (n < 0 || n > CALENDAR_DAYS_MAX)
		return *field = "days_off", ERR_INVALID;
	for (int i = 0; i < n; i++) {
		int32_t day;
		int y, m, d;
		*bad_index = i;
		if (!days[i].date || !date_parse(days[i].date, &day))
			return *field = "date", ERR_INVALID;
		date_to_ymd(day, &y, &m, &d);
		if (y != year)
			return *field = "date", ERR_INVALID;
		for (int k = 0; k < i; k++)
			if (!strcmp(days[k].date, days[i].date))
				return *field = "date", ERR_CONFLICT;
		if (!days[i].name || !*days[i].name || strlen(days[i].name) > CALENDAR_NAME_MAX)
			return *field = "name", ERR_INVALID;
		if (days[i].kind != DAY_OFF_LIBUR_NASIONAL && days[i].kind != DAY_OFF_CUTI_BERSAMA)
			return *field = "kind", ERR_INVALID;
	}
	*bad_index = -1;
	return 0;
}

static int insert_version(struct db_conn *c, int year, int version, const char *ref, const char *note,
			  const char *actor, const char *at, int64_t *id)
{
	struct db_stmt *s = db_prepare(c, SQL_VERSION_INSERT);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, year);
	db_bind_int(s, 2, version);
	db_bind_text(s, 3, ref);
	db_bind_text(s, 4, note ? note : "");
	db_bind_text(s, 5, actor);
	db_bind_text(s, 6, at);
	int rc = db_step(s);
	if (rc == 1)
		*id = db_col_int(s, 0);
	db_reset(s);
	return rc < 0 ? rc : rc == 1 ? 0 : ERR_DB;
}

static int insert_days(struct db_conn *c, int64_t id, const struct day_off_input *days, int n, struct buf *canon)
{
	struct db_stmt *s = db_prepare(c, SQL_DAY_INSERT);
	if (!s)
		return ERR_DB;
	for (int i = 0; i < n; i++) {
		db_bind_int(s, 1, id);
		db_bind_text(s, 2, days[i].date);
		db_bind_text(s, 3, days[i].name);
		db_bind_text(s, 4, calendar_kind_name(days[i].kind));
		int rc = db_step(s);
		db_reset(s);
		if (rc < 0)
			return rc;
		buf_printf(canon, "%s{\"date\":\"%s\",\"kind\":\"%s\",\"name\":", i ? "," : "", days[i].date,
			   calendar_kind_name(days[i].kind));
		buf_json_string(canon, days[i].name);
		buf_puts(canon, "}");
	}
	return 0;
}

int calendar_amend_checked(struct db_conn *c, int year, const struct day_off_input *days, int n,
			   const char *legal_reference, const char *note, const char *actor, int *version,
			   const char **field, int *bad_index)
{
	const char *f = NULL;
	int bad = -1;
	int rc = check_amendment(year, days, n, legal_reference, note, &f, &bad);
	if (field)
		*field = f;
	if (bad_index)
		*bad_index = bad;
	if (rc)
		return rc;
	struct db_stmt *s = db_prepare(c, SQL_NEXT_VERSION);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, year);
	rc = db_step(s);
	int next = rc == 1 ? (int)db_col_int(s, 0) : 1;
	db_reset(s);
	if (rc < 0)
		return rc;
	char at[40];
	int64_t id = 0;
	clock_now_iso(at, sizeof at);
	rc = insert_version(c, year, next, legal_reference, note, actor, at, &id);
	struct buf canon;
	buf_init(&canon, 64 * 1024);
	buf_printf(&canon, "{\"days_off\":[");
	if (!rc)
		rc = insert_days(c, id, days, n, &canon);
	if (!rc) {
		buf_puts(&canon, "],\"legal_reference\":");
		buf_json_string(&canon, legal_reference);
		buf_puts(&canon, ",\"note\":");
		buf_json_string(&canon, note ? note : "");
		buf_printf(&canon, ",\"version\":%d,\"year\":%d}", next, year);
		char object[32];
		snprintf(object, sizeof object, "calendar:%d", year);
		struct audit_event ev = {actor, "calendar.amend", object, NULL, canon.data};
		rc = canon.len < canon.max ? audit_append(c, &ev) : ERR_TOO_BIG;
	}
	buf_free(&canon);
	if (!rc && version)
		*version = next;
	return rc;
}

int calendar_amend(struct db_conn *c, int year, const struct day_off_input *days, int n, const char *legal_reference,
		   const char *note, const char *actor, int *version)
{
	return calendar_amend_checked(c, year, days, n, legal_reference, note, actor, version, NULL, NULL);
}

int calendar_versions_each(struct db_conn *c, int year, int (*cb)(void *ctx, const struct calendar_version_row *v),
			   void *ctx)
{
	struct db_stmt *s = db_prepare(c, SQL_VERSIONS);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, year);
	int rc;
	while ((rc = db_step(s)) == 1) {
		struct calendar_version_row v = {
			.year = year, .version = (int)db_col_int(s, 0), .legal_reference = db_col_text(s, 1),
			.note = db_col_text(s, 2), .created_by = db_col_text(s, 3), .created_at = db_col_text(s, 4),
			.days_off = (int)db_col_int(s, 5)};
		if (cb(ctx, &v))
			break;
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

/* Walk up the unit tree (at most 64 levels: the tree is acyclic, the bound
 * only guards against damaged data) to the first unit with a zone. */
int unit_time_zone(struct db_conn *c, int64_t unit_id, enum tz_zone *out)
{
	int64_t instansi = 0, id = unit_id;
	for (int depth = 0; id && depth < 64; depth++) {
		struct db_stmt *s = db_prepare(c, SQL_UNIT_TZ);
		if (!s)
			return ERR_DB;
		db_bind_int(s, 1, id);
		int rc = db_step(s);
		if (rc <= 0) {
			db_reset(s);
			return rc < 0 ? rc : depth ? ERR_DB : ERR_NOT_FOUND;
		}
		int tz = tz_parse(db_col_text(s, 1));
		id = db_col_int(s, 0);
		instansi = db_col_int(s, 2);
		db_reset(s);
		if (tz >= 0) {
			*out = (enum tz_zone)tz;
			return 0;
		}
	}
	struct db_stmt *s = db_prepare(c, SQL_INSTANSI_TZ);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, instansi);
	int rc = db_step(s);
	int tz = rc == 1 ? tz_parse(db_col_text(s, 0)) : -1;
	db_reset(s);
	*out = tz >= 0 ? (enum tz_zone)tz : TZ_WIB;
	return rc < 0 ? rc : 0;
}

static const char SQL_UNIT_TZ_SET[] = "UPDATE unit SET time_zone = $1 WHERE id = $2 RETURNING COALESCE(time_zone, '')";
static const char SQL_UNIT_TZ_OWN[] = "SELECT COALESCE(time_zone, '') FROM unit WHERE id = $1";

int unit_time_zone_set(struct db_conn *c, int64_t unit_id, const char *code, int tz, const char *actor)
{
	struct db_stmt *s = db_prepare(c, SQL_UNIT_TZ_OWN);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, unit_id);
	int rc = db_step(s);
	char before[80] = "";
	if (rc == 1)
		snprintf(before, sizeof before, "{\"time_zone\":%s%s%s}", *db_col_text(s, 0) ? "\"" : "",
			 *db_col_text(s, 0) ? db_col_text(s, 0) : "null", *db_col_text(s, 0) ? "\"" : "");
	db_reset(s);
	if (rc <= 0)
		return rc < 0 ? rc : ERR_NOT_FOUND;
	if (!(s = db_prepare(c, SQL_UNIT_TZ_SET)))
		return ERR_DB;
	db_bind_text(s, 1, tz >= 0 ? tz_name((enum tz_zone)tz) : NULL);
	db_bind_int(s, 2, unit_id);
	rc = db_step(s);
	db_reset(s);
	if (rc < 0)
		return rc;
	char object[64], after[80];
	snprintf(object, sizeof object, "unit:%s", code);
	snprintf(after, sizeof after, "{\"time_zone\":%s%s%s}", tz >= 0 ? "\"" : "", tz >= 0 ? tz_name((enum tz_zone)tz) : "null",
		 tz >= 0 ? "\"" : "");
	struct audit_event ev = {actor, "unit.time_zone", object, before, after};
	return audit_append(c, &ev);
}

/* ---- feeds ---- */

static const char b32[] = "abcdefghijklmnopqrstuvwxyz234567";

/* 32 bytes -> 52 base32 characters (256 bits = 51 full groups of 5 + 1 bit). */
static void b32_encode(const uint8_t raw[32], char out[FEED_SECRET_TEXT])
{
	unsigned acc = 0;
	int bits = 0, n = 0;
	for (int i = 0; i < 32; i++) {
		acc = (acc << 8) | raw[i];
		bits += 8;
		while (bits >= 5) {
			out[n++] = b32[(acc >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits)
		out[n++] = b32[(acc << (5 - bits)) & 31];
	out[n] = '\0';
}

/* The inverse; upper case accepted; ERR_INVALID for anything else. */
static int b32_decode(const char *s, uint8_t raw[32])
{
	if (strlen(s) != FEED_SECRET_TEXT - 1)
		return ERR_INVALID;
	unsigned acc = 0;
	int bits = 0, n = 0;
	for (const char *p = s; *p; p++) {
		char ch = *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p;
		const char *at = ch ? strchr(b32, ch) : NULL;
		if (!at)
			return ERR_INVALID;
		acc = (acc << 5) | (unsigned)(at - b32);
		bits += 5;
		if (bits >= 8) {
			if (n < 32)
				raw[n++] = (uint8_t)(acc >> (bits - 8));
			bits -= 8;
		}
	}
	return n == 32 ? 0 : ERR_INVALID;
}

static void feed_hash(const uint8_t key[32], const char *secret, char out[65])
{
	uint8_t h[32];
	crypto_generichash(h, sizeof h, (const uint8_t *)secret, strlen(secret), key, 32);
	hex_encode(h, sizeof h, out);
}

/* The sealing key: a hash of the server key under its own label, so the
 * token hashes and the sealed feed secrets never share a key. */
static void box_key(const uint8_t key[32], uint8_t out[crypto_secretbox_KEYBYTES])
{
	static const char label[] = "fleksi-feed-secret-box-v1";
	crypto_generichash(out, crypto_secretbox_KEYBYTES, (const uint8_t *)label, sizeof label - 1, key, 32);
}

enum { FEED_RAW = 32, BOX_LEN = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + FEED_RAW };

static void seal(const uint8_t key[32], const uint8_t raw[FEED_RAW], char out[2 * BOX_LEN + 1])
{
	uint8_t k[crypto_secretbox_KEYBYTES], box[BOX_LEN];
	box_key(key, k);
	randombytes_buf(box, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(box + crypto_secretbox_NONCEBYTES, raw, FEED_RAW, box, k);
	hex_encode(box, sizeof box, out);
	sodium_memzero(k, sizeof k);
}

static int unseal(const uint8_t key[32], const char *hex, uint8_t raw[FEED_RAW])
{
	uint8_t k[crypto_secretbox_KEYBYTES], box[BOX_LEN];
	if (strlen(hex) != 2 * BOX_LEN || hex_decode(hex, box, BOX_LEN))
		return ERR_DB;
	box_key(key, k);
	int bad = crypto_secretbox_open_easy(raw, box + crypto_secretbox_NONCEBYTES, BOX_LEN - crypto_secretbox_NONCEBYTES,
					     box, k);
	sodium_memzero(k, sizeof k);
	return bad ? ERR_NOT_FOUND : 0; /* sealed under another server key: treat as none */
}

static int feed_existing(struct db_conn *c, const uint8_t key[32], int64_t employee_id, char secret[FEED_SECRET_TEXT])
{
	struct db_stmt *s = db_prepare(c, SQL_FEED_GET);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, employee_id);
	int rc = db_step(s);
	uint8_t raw[FEED_RAW];
	if (rc == 1)
		rc = unseal(key, db_col_text(s, 0), raw);
	else if (rc == 0)
		rc = ERR_NOT_FOUND;
	db_reset(s);
	if (!rc)
		b32_encode(raw, secret);
	return rc;
}

int feed_secret_issue(struct db_conn *c, const uint8_t key[32], int64_t employee_id, const char *nip, bool rotate,
		      const char *actor, char secret[FEED_SECRET_TEXT])
{
	int rc = ERR_NOT_FOUND;
	if (!rotate && (rc = feed_existing(c, key, employee_id, secret)) != ERR_NOT_FOUND)
		return rc;
	bool had = rotate || rc != ERR_NOT_FOUND;
	uint8_t raw[FEED_RAW];
	char hash[65], box[2 * BOX_LEN + 1], at[40];
	randombytes_buf(raw, sizeof raw);
	b32_encode(raw, secret);
	feed_hash(key, secret, hash);
	seal(key, raw, box);
	sodium_memzero(raw, sizeof raw);
	clock_now_iso(at, sizeof at);
	struct db_stmt *s = db_prepare(c, SQL_FEED_PUT);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, employee_id);
	db_bind_text(s, 2, hash);
	db_bind_text(s, 3, box);
	db_bind_text(s, 4, at);
	rc = db_step(s);
	db_reset(s);
	if (rc < 0)
		return rc;
	char object[64], after[128];
	snprintf(object, sizeof object, "employee:%s", nip);
	/* The audit records that a feed exists and when, never the secret. */
	snprintf(after, sizeof after, "{\"created_at\":\"%s\",\"feed\":true}", at);
	struct audit_event ev = {actor, had ? "feed.rotate" : "feed.create", object, NULL, after};
	return audit_append(c, &ev);
}

int feed_employee_by_secret(struct db_conn *c, const uint8_t key[32], const char *secret, int64_t *employee_id)
{
	uint8_t raw[FEED_RAW];
	if (!secret || b32_decode(secret, raw))
		return ERR_NOT_FOUND;
	char canon[FEED_SECRET_TEXT], hash[65];
	b32_encode(raw, canon); /* upper case finds the same feed */
	feed_hash(key, canon, hash);
	struct db_stmt *s = db_prepare(c, SQL_FEED_FIND);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, hash);
	int rc = db_step(s);
	if (rc == 1)
		*employee_id = db_col_int(s, 0);
	db_reset(s);
	return rc < 0 ? rc : rc == 1 ? 0 : ERR_NOT_FOUND;
}

int feed_plans_each(struct db_conn *c, int64_t employee_id, int (*cb)(void *ctx, const struct feed_plan *p), void *ctx)
{
	struct db_stmt *s = db_prepare(c, SQL_FEED_PLANS);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, employee_id);
	int rc;
	while ((rc = db_step(s)) == 1) {
		struct feed_plan p = {db_col_int(s, 0), db_col_text(s, 1), db_col_text(s, 2), db_col_text(s, 3),
				      db_col_text(s, 4), db_col_text(s, 5), db_col_text(s, 6)};
		if (cb(ctx, &p))
			break;
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}
