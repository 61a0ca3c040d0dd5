/* bulk_sessions.c - many sessions in one transaction (see bulk_sessions.h). */
#include "store/bulk_sessions.h"
#include "auth/token.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/mem.h"
#include "store/audit.h"

#include <stdio.h>
#include <string.h>

static const char SQL_EMPLOYEES[] =
	"SELECT e.id, e.nip, COALESCE(a.id, 0) FROM employee e LEFT JOIN account a ON a.employee_id = e.id"
	" WHERE e.active = TRUE ORDER BY e.id LIMIT $1";
static const char SQL_ACCOUNT[] =
	"INSERT INTO account (username, password_hash, employee_id, active, created_at)"
	" VALUES ($1, '!disabled', $2, TRUE, $3) RETURNING id";
static const char SQL_ROLE[] = "INSERT INTO account_role (account_id, role, unit_id) VALUES ($1, 'pegawai', NULL)";
static const char SQL_SESSION[] =
	"INSERT INTO session (token_hash, account_id, created_at, expires_at) VALUES ($1, $2, $3, $4)";

struct who {
	int64_t employee_id, account_id;
	char nip[19];
};

static int load(struct db_conn *c, int count, struct who *w, int *n)
{
	struct db_stmt *s = db_prepare(c, SQL_EMPLOYEES);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, count);
	int rc;
	*n = 0;
	while ((rc = db_step(s)) == 1 && *n < count) {
		w[*n].employee_id = db_col_int(s, 0);
		snprintf(w[*n].nip, sizeof w[*n].nip, "%s", db_col_text(s, 1));
		w[*n].account_id = db_col_int(s, 2);
		(*n)++;
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static int ensure_account(struct db_conn *c, struct who *w, const char *now)
{
	if (w->account_id)
		return 0;
	char username[32];
	snprintf(username, sizeof username, "bench.%s", w->nip);
	struct db_stmt *s = db_prepare(c, SQL_ACCOUNT);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, username);
	db_bind_int(s, 2, w->employee_id);
	db_bind_text(s, 3, now);
	int rc = db_step(s);
	if (rc == 1)
		w->account_id = db_col_int(s, 0);
	db_reset(s);
	if (rc != 1)
		return rc < 0 ? rc : ERR_DB;
	if (!(s = db_prepare(c, SQL_ROLE)))
		return ERR_DB;
	db_bind_int(s, 1, w->account_id);
	rc = db_step(s);
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static int add_session(struct db_conn *c, const struct who *w, const uint8_t key[32], int64_t now, int64_t life,
		       char token[TOKEN_TEXT_MAX])
{
	char hash[TOKEN_HASH_HEX];
	token_new(token);
	if (token_hash(token, key, hash))
		return ERR_INVALID;
	struct db_stmt *s = db_prepare(c, SQL_SESSION);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, hash);
	db_bind_int(s, 2, w->account_id);
	db_bind_int(s, 3, now);
	db_bind_int(s, 4, now + life);
	int rc = db_step(s);
	db_reset(s);
	return rc < 0 ? rc : 0;
}

int bulk_sessions_create(struct db *db, const uint8_t key[32], int count, int64_t lifetime_s, FILE *out, int *made)
{
	*made = 0;
	if (count < 1 || count > 1000000)
		return ERR_INVALID;
	struct who *w = xcalloc((size_t)count, sizeof *w);
	char now_iso[40], token[TOKEN_TEXT_MAX], object[64];
	clock_now_iso(now_iso, sizeof now_iso);
	int64_t now = clock_unix();
	int n = 0;
	struct db_conn *c = db_acquire(db);
	int rc = db_begin_write(c);
	if (!rc)
		rc = load(c, count, w, &n);
	for (int i = 0; !rc && i < n; i++) {
		rc = ensure_account(c, &w[i], now_iso);
		if (!rc)
			rc = add_session(c, &w[i], key, now, lifetime_s, token);
		if (!rc)
			fprintf(out, "%s %s\n", token, w[i].nip);
	}
	snprintf(object, sizeof object, "sessions:%d", n);
	struct audit_event ev = {"cli", "session.bulk_create", object, NULL, NULL};
	if (!rc)
		rc = audit_append(c, &ev);
	if (!rc)
		rc = db_commit(c);
	if (rc)
		db_rollback(c);
	db_release(db, c);
	free(w);
	if (!rc)
		*made = n;
	return rc;
}
