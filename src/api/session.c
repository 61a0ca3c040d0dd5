/* session.c - sign in, sign out, and who am I. */
#include "api/api.h"
#include "auth/password.h"
#include "auth/token.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/mem.h"
#include "store/accounts.h"
#include "store/session_cache.h"

#include <stdio.h>
#include <string.h>

#define LOGIN_WINDOW_S 900
#define LOGIN_MAX_PER_USER 10
#define LOGIN_MAX_PER_ADDR 300

json_t *api_user_json(const struct actor *a)
{
	json_t *roles = json_array();
	static const enum role order[] = {ROLE_PEGAWAI, ROLE_ATASAN, ROLE_KEPALA_OPD, ROLE_ADMIN_BKD, ROLE_INSPEKTORAT};
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
		if (a->roles & order[i])
			json_array_append_new(roles, json_string(roles_name(order[i])));
	json_t *unit = a->unit_code[0] ? json_pack("{s:s, s:s}", "code", a->unit_code, "name", a->unit_name) : json_null();
	json_t *opd = a->opd_unit_code[0] ? json_string(a->opd_unit_code) : json_null();
	return json_pack("{s:s, s:o, s:s, s:o, s:o, s:o}", "username", a->username, "nip",
			 a->nip[0] ? json_string(a->nip) : json_null(), "name", a->name, "roles", roles, "unit", unit,
			 "opd_unit", opd);
}

/* Failed sign-ins are counted per username and per client address; only
 * failures count, so a whole office behind one NAT address can still sign in
 * on a Monday morning while guessing passwords gets stopped. */
static void buckets(struct api_call *call, const char *username, char user[128], char addr[128])
{
	snprintf(user, 128, "login:user:%.64s", username);
	snprintf(addr, 128, "login:addr:%s", call->req->remote_addr);
}

static bool throttled(struct api_call *call, const char *username)
{
	char user[128], addr[128];
	int64_t now = clock_unix();
	buckets(call, username, user, addr);
	bool over = db_begin_read(call->conn) == 0 &&
		    (ratelimit_exceeded(call->conn, user, LOGIN_WINDOW_S, LOGIN_MAX_PER_USER, now) ||
		     ratelimit_exceeded(call->conn, addr, LOGIN_WINDOW_S, LOGIN_MAX_PER_ADDR, now));
	db_rollback(call->conn);
	return over;
}

static void count_failure(struct api_call *call, const char *username)
{
	char user[128], addr[128];
	int64_t now = clock_unix();
	buckets(call, username, user, addr);
	ratelimit_allow(call->conn, user, LOGIN_WINDOW_S, LOGIN_MAX_PER_USER, now);
	ratelimit_allow(call->conn, addr, LOGIN_WINDOW_S, LOGIN_MAX_PER_ADDR, now);
}

static void set_cookie(struct api_call *call, const char *token, int max_age)
{
	char cookie[256];
	snprintf(cookie, sizeof cookie, "fleksi_session=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d%s", token,
		 max_age, call->app->secure_cookies ? "; Secure" : "");
	http_res_header(call->res, "Set-Cookie", cookie);
}

/* Verify the password and open a session; 0, ERR_UNAUTHORIZED or an error. */
static int sign_in(struct api_call *call, const char *username, const char *password, char token[TOKEN_TEXT_MAX],
		   struct actor *actor)
{
	int64_t account_id = 0;
	char hash[PASSWORD_HASH_MAX] = "";
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = accounts_password_hash(call->conn, username, &account_id, hash, sizeof hash);
	db_rollback(call->conn);
	if (rc && rc != ERR_NOT_FOUND)
		return rc;
	if (!password_verify(rc ? NULL : hash, password) || rc)
		return ERR_UNAUTHORIZED;
	char th[TOKEN_HASH_HEX];
	token_new(token);
	token_hash(token, call->app->signer.token_key, th);
	if ((rc = db_begin_write(call->conn)))
		return rc;
	rc = accounts_session_create(call->conn, account_id, th, clock_unix());
	if (!rc)
		rc = accounts_load_actor(call->conn, account_id, actor);
	if (rc) {
		db_rollback(call->conn);
		return rc;
	}
	return db_commit(call->conn);
}

void api_session_create(struct api_call *call)
{
	static const struct api_field fields[] = {
		{"username", T_STRING, true, false}, {"password", T_STRING, true, false}, {0}};
	json_t *in = api_read_object(call, fields);
	if (!in)
		return;
	const char *username = api_str(in, "username", ""), *password = api_str(in, "password", "");
	char token[TOKEN_TEXT_MAX];
	struct actor actor;
	if (throttled(call, username)) {
		json_decref(in);
		http_res_header(call->res, "Retry-After", "900");
		return api_error(call, 429, "rate_limited", NULL, "Too many failed sign-in attempts; wait 15 minutes.",
				 "Terlalu banyak percobaan masuk yang gagal; tunggu 15 menit.");
	}
	int rc = sign_in(call, username, password, token, &actor);
	if (rc == ERR_UNAUTHORIZED)
		count_failure(call, username);
	json_decref(in);
	if (rc == ERR_UNAUTHORIZED)
		return api_error(call, 401, "invalid_credentials", "password", "Wrong username or password.",
				 "Nama pengguna atau kata sandi salah.");
	if (rc)
		return api_error_from(call, rc, NULL);
	snprintf(call->req->user, sizeof call->req->user, "%s", actor.username);
	set_cookie(call, token, 14 * 24 * 3600);
	api_reply(call, 200, json_pack("{s:s, s:o}", "token", token, "user", api_user_json(&actor)));
}

void api_session_delete(struct api_call *call)
{
	int rc = db_begin_write(call->conn);
	if (!rc)
		rc = accounts_session_delete(call->conn, call->token_hash);
	if (!rc)
		rc = db_commit(call->conn);
	else
		db_rollback(call->conn);
	session_cache_forget(call->token_hash); /* the check-in path's cache */
	if (rc)
		return api_error_from(call, rc, NULL);
	set_cookie(call, "", 0);
	http_res_body(call->res, 204, NULL, NULL, 0);
}

void api_me(struct api_call *call)
{
	api_reply(call, 200, api_user_json(call->actor));
}
