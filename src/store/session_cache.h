/* session_cache.h (store) - the actor behind a session token, cached for the
 * check-in hot path (issue 5 item 9).
 *
 * Only POST /api/v1/checkins uses it (see routes.c authenticate); every
 * other route reads the session fresh. Every live session of an active
 * employee is in a snapshot reloaded every SESSION_CACHE_TTL_S (one
 * statement; sessions created since are read one by one and cached per
 * token). An entry lives SESSION_CACHE_TTL_S (plus the time of a reload):
 * a logout on this node forgets the token at once (api_session_delete); a
 * logout on another node, an expiry or a change of roles reaches check-ins
 * within the TTL. A check-in needs only who the employee is: for an
 * employee account the actor carries the account, username, NIP, name and
 * employee id, and no roles (one statement instead of three). */
#ifndef FLEKSI_STORE_SESSION_CACHE_H
#define FLEKSI_STORE_SESSION_CACHE_H

#include "auth/roles.h"
#include "db/db.h"

#include <stdint.h>

#define SESSION_CACHE_TTL_S 10

/* As accounts_session_actor (ERR_UNAUTHORIZED when unknown or expired), from
 * the cache when a fresh entry exists. c must have a transaction open. */
int session_cache_actor(struct db_conn *c, const char *token_hash, int64_t now, struct actor *a);
/* Forget one token (logout). */
void session_cache_forget(const char *token_hash);

#endif
