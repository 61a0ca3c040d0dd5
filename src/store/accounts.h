/* accounts.h - accounts, roles, sessions and rate limits in the database
 * (so several stateless app nodes share them). */
#ifndef FLEKSI_STORE_ACCOUNTS_H
#define FLEKSI_STORE_ACCOUNTS_H

#include "auth/roles.h"
#include "db/db.h"

#include <stdbool.h>
#include <stdint.h>

#define SESSION_LIFETIME_S (14 * 24 * 3600)

struct account_spec {
	const char *username;      /* [a-z0-9._-]{3,64} */
	const char *password_hash; /* from password_hash() */
	const char *nip;           /* NULL or an existing employee */
	unsigned roles;            /* grantable roles only */
	const char *unit_code;     /* required for kepala_opd */
};

/* Create an account with its roles, audited, in one transaction.
 * ERR_INVALID (bad username / roles), ERR_NOT_FOUND (nip or unit unknown; *what
 * says which), ERR_CONFLICT (username or employee already has an account). */
int accounts_add(struct db *db, const struct account_spec *spec, const char *actor, const char **what);

/* The password hash of an active account (copied into hash), or ERR_NOT_FOUND. */
int accounts_password_hash(struct db_conn *c, const char *username, int64_t *account_id, char *hash, size_t cap);
/* Store a new session for the account. */
int accounts_session_create(struct db_conn *c, int64_t account_id, const char *token_hash, int64_t now);
int accounts_session_delete(struct db_conn *c, const char *token_hash);
/* Load the actor behind a session; ERR_UNAUTHORIZED if unknown or expired. */
int accounts_session_actor(struct db_conn *c, const char *token_hash, int64_t now, struct actor *a);
/* Load the actor of an account id. */
int accounts_load_actor(struct db_conn *c, int64_t account_id, struct actor *a);
/* Remove expired sessions; returns how many or a negative code. */
int accounts_session_purge(struct db_conn *c, int64_t now);

/* Count a hit in a fixed window; true when still within max. Runs its own
 * write transaction on c (which must have none open). */
bool ratelimit_allow(struct db_conn *c, const char *bucket, int window_s, int max, int64_t now);
/* Whether the bucket already holds max hits in the current window (read only). */
bool ratelimit_exceeded(struct db_conn *c, const char *bucket, int window_s, int max, int64_t now);

#endif
