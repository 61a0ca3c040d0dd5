/* accounts.c - accounts, sessions and rate limits (see accounts.h). */
#include "store/accounts.h"
#include "store/audit.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/mem.h"

#include <stdio.h>
#include <string.h>

static bool valid_username(const char *u)
{
	size_t n = strlen(u);
	if (n < 3 || n > 63)
		return false;
	for (; *u; u++)
		if (!((*u >= 'a' && *u <= 'z') || (*u >= '0' && *u <= '9') || *u == '.' || *u == '_' || *u == '-'))
			return false;
	return true;
}

static int lookup_id(struct db_conn *c, const char *sql, const char *key, int64_t *id)
{
	struct db_stmt *s = db_prepare(c, sql);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, key);
	int rc = db_step(s);
	if (rc == 1)
		*id = db_col_int(s, 0);
	db_reset(s);
	return rc == 1 ? 0 : (rc < 0 ? rc : ERR_NOT_FOUND);
}

static int insert_role(struct db_conn *c, int64_t account, const char *role, int64_t unit_id)
{
	struct db_stmt *s = db_prepare(c, "INSERT INTO account_role (account_id, role, unit_id) VALUES ($1, $2, $3)");
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, account);
	db_bind_text(s, 2, role);
	if (unit_id)
		db_bind_int(s, 3, unit_id);
	else
		db_bind_null(s, 3);
	int rc = db_step(s);
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static int insert_account(struct db_conn *c, const struct account_spec *spec, int64_t employee_id, int64_t *id)
{
	struct db_stmt *s = db_prepare(c, "INSERT INTO account (username, password_hash, employee_id, active, created_at)"
					  " VALUES ($1, $2, $3, TRUE, $4) RETURNING id");
	if (!s)
		return ERR_DB;
	char now[40];
	clock_now_iso(now, sizeof now);
	db_bind_text(s, 1, spec->username);
	db_bind_text(s, 2, spec->password_hash);
	if (employee_id)
		db_bind_int(s, 3, employee_id);
	else
		db_bind_null(s, 3);
	db_bind_text(s, 4, now);
	int rc = db_step(s);
	if (rc == 1)
		*id = db_col_int(s, 0);
	db_reset(s);
	return rc == 1 ? 0 : (rc < 0 ? rc : ERR_DB);
}

static int add_in_txn(struct db_conn *c, const struct account_spec *spec, const char *actor, const char **what)
{
	int64_t employee_id = 0, unit_id = 0, id = 0;
	int rc = 0;
	if (spec->nip && *spec->nip && (rc = lookup_id(c, "SELECT id FROM employee WHERE nip = $1", spec->nip, &employee_id)))
		return *what = "nip", rc;
	if (spec->unit_code && *spec->unit_code &&
	    (rc = lookup_id(c, "SELECT id FROM unit WHERE code = $1", spec->unit_code, &unit_id)))
		return *what = "unit", rc;
	if ((rc = insert_account(c, spec, employee_id, &id)))
		return *what = "username", rc;
	static const enum role grantable[] = {ROLE_PEGAWAI, ROLE_KEPALA_OPD, ROLE_ADMIN_BKD, ROLE_INSPEKTORAT};
	for (size_t i = 0; !rc && i < sizeof grantable / sizeof grantable[0]; i++)
		if (spec->roles & grantable[i])
			rc = insert_role(c, id, roles_name(grantable[i]), grantable[i] == ROLE_KEPALA_OPD ? unit_id : 0);
	if (rc)
		return rc;
	char object[96], after[256];
	snprintf(object, sizeof object, "account:%s", spec->username);
	snprintf(after, sizeof after, "{\"username\":\"%s\",\"nip\":\"%s\",\"roles\":%u,\"unit\":\"%s\"}", spec->username,
		 spec->nip ? spec->nip : "", spec->roles, spec->unit_code ? spec->unit_code : "");
	struct audit_event ev = {actor, "account.create", object, NULL, after};
	return audit_append(c, &ev);
}

int accounts_add(struct db *db, const struct account_spec *spec, const char *actor, const char **what)
{
	*what = NULL;
	if (!valid_username(spec->username))
		return *what = "username", ERR_INVALID;
	if (!spec->roles || ((spec->roles & ROLE_PEGAWAI) && !(spec->nip && *spec->nip)))
		return *what = "role", ERR_INVALID;
	if ((spec->roles & ROLE_KEPALA_OPD) && !(spec->unit_code && *spec->unit_code))
		return *what = "unit", ERR_INVALID;
	struct db_conn *c = db_acquire(db);
	int rc = db_begin_write(c);
	if (!rc)
		rc = add_in_txn(c, spec, actor, what);
	if (rc)
		db_rollback(c);
	else
		rc = db_commit(c);
	db_release(db, c);
	return rc;
}

int accounts_password_hash(struct db_conn *c, const char *username, int64_t *account_id, char *hash, size_t cap)
{
	struct db_stmt *s = db_prepare(c, "SELECT id, password_hash FROM account WHERE username = $1 AND active = TRUE");
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, username);
	int rc = db_step(s);
	if (rc == 1) {
		*account_id = db_col_int(s, 0);
		snprintf(hash, cap, "%s", db_col_text(s, 1));
	}
	db_reset(s);
	return rc == 1 ? 0 : (rc < 0 ? rc : ERR_NOT_FOUND);
}

int accounts_session_create(struct db_conn *c, int64_t account_id, const char *token_hash, int64_t now)
{
	struct db_stmt *s = db_prepare(c, "INSERT INTO session (token_hash, account_id, created_at, expires_at)"
					  " VALUES ($1, $2, $3, $4)");
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, token_hash);
	db_bind_int(s, 2, account_id);
	db_bind_int(s, 3, now);
	db_bind_int(s, 4, now + SESSION_LIFETIME_S);
	int rc = db_step(s);
	db_reset(s);
	return rc < 0 ? rc : 0;
}

int accounts_session_delete(struct db_conn *c, const char *token_hash)
{
	struct db_stmt *s = db_prepare(c, "DELETE FROM session WHERE token_hash = $1");
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, token_hash);
	int rc = db_step(s);
	db_reset(s);
	return rc < 0 ? rc : 0;
}

int accounts_session_purge(struct db_conn *c, int64_t now)
{
	struct db_stmt *s = db_prepare(c, "DELETE FROM session WHERE expires_at < $1");
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, now);
	int rc = db_step(s);
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static const char SQL_ACTOR[] =
	"SELECT a.id, a.username, COALESCE(e.id, 0), COALESCE(e.nip, ''), COALESCE(e.name, a.username),"
	" COALESCE(u.code, ''), COALESCE(u.name, ''),"
	" EXISTS (SELECT 1 FROM employee s WHERE s.supervisor_id = e.id AND s.active = TRUE)"
	" FROM account a LEFT JOIN employee e ON e.id = a.employee_id LEFT JOIN unit u ON u.id = e.unit_id"
	" WHERE a.id = $1 AND a.active = TRUE";
static const char SQL_ROLES[] =
	"SELECT r.role, COALESCE(u.code, ''), COALESCE(u.path, '') FROM account_role r"
	" LEFT JOIN unit u ON u.id = r.unit_id WHERE r.account_id = $1";

static int load_roles(struct db_conn *c, struct actor *a)
{
	struct db_stmt *s = db_prepare(c, SQL_ROLES);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, a->account_id);
	int rc;
	while ((rc = db_step(s)) == 1) {
		unsigned r = roles_parse_grantable(db_col_text(s, 0));
		a->roles |= r;
		if (r == ROLE_KEPALA_OPD) {
			snprintf(a->opd_unit_code, sizeof a->opd_unit_code, "%s", db_col_text(s, 1));
			snprintf(a->opd_path, sizeof a->opd_path, "%s", db_col_text(s, 2));
		}
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

int accounts_load_actor(struct db_conn *c, int64_t account_id, struct actor *a)
{
	memset(a, 0, sizeof *a);
	struct db_stmt *s = db_prepare(c, SQL_ACTOR);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, account_id);
	int rc = db_step(s);
	if (rc == 1) {
		a->account_id = db_col_int(s, 0);
		snprintf(a->username, sizeof a->username, "%s", db_col_text(s, 1));
		a->employee_id = db_col_int(s, 2);
		snprintf(a->nip, sizeof a->nip, "%s", db_col_text(s, 3));
		snprintf(a->name, sizeof a->name, "%s", db_col_text(s, 4));
		snprintf(a->unit_code, sizeof a->unit_code, "%s", db_col_text(s, 5));
		snprintf(a->unit_name, sizeof a->unit_name, "%s", db_col_text(s, 6));
		if (db_col_bool(s, 7))
			a->roles |= ROLE_ATASAN;
	}
	db_reset(s);
	if (rc != 1)
		return rc < 0 ? rc : ERR_UNAUTHORIZED;
	return load_roles(c, a);
}

int accounts_session_actor(struct db_conn *c, const char *token_hash, int64_t now, struct actor *a)
{
	struct db_stmt *s = db_prepare(c, "SELECT account_id FROM session WHERE token_hash = $1 AND expires_at > $2");
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, token_hash);
	db_bind_int(s, 2, now);
	int rc = db_step(s);
	int64_t id = rc == 1 ? db_col_int(s, 0) : 0;
	db_reset(s);
	if (rc != 1)
		return rc < 0 ? rc : ERR_UNAUTHORIZED;
	return accounts_load_actor(c, id, a);
}

static const char SQL_RL_GET[] = "SELECT window_start, hits FROM rate_limit WHERE bucket = $1";
static const char SQL_RL_PUT[] =
	"INSERT INTO rate_limit (bucket, window_start, hits) VALUES ($1, $2, $3)"
	" ON CONFLICT (bucket) DO UPDATE SET window_start = excluded.window_start, hits = excluded.hits";

bool ratelimit_allow(struct db_conn *c, const char *bucket, int window_s, int max, int64_t now)
{
	int64_t start = now, hits = 0;
	bool ok = true;
	if (db_begin_write(c))
		return true; /* a rate limit must not turn a busy database into a lockout */
	struct db_stmt *s = db_prepare(c, SQL_RL_GET);
	if (s) {
		db_bind_text(s, 1, bucket);
		if (db_step(s) == 1 && db_col_int(s, 0) > now - window_s) {
			start = db_col_int(s, 0);
			hits = db_col_int(s, 1);
		}
		db_reset(s);
	}
	ok = ++hits <= max;
	if ((s = db_prepare(c, SQL_RL_PUT))) {
		db_bind_text(s, 1, bucket);
		db_bind_int(s, 2, start);
		db_bind_int(s, 3, hits);
		db_step(s);
		db_reset(s);
	}
	if (db_commit(c))
		db_rollback(c);
	return ok;
}

bool ratelimit_exceeded(struct db_conn *c, const char *bucket, int window_s, int max, int64_t now)
{
	struct db_stmt *s = db_prepare(c, SQL_RL_GET);
	if (!s)
		return false;
	db_bind_text(s, 1, bucket);
	bool over = db_step(s) == 1 && db_col_int(s, 0) > now - window_s && db_col_int(s, 1) >= max;
	db_reset(s);
	return over;
}
