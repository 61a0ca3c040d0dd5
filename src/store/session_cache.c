/* session_cache.c - cached session actors (see session_cache.h).
 * Direct-mapped by the token hash (already uniformly random), striped locks. */
#include "store/session_cache.h"
#include "core/mem.h"
#include "store/accounts.h"
#include "core/err.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 16384u
#define STRIPES 128u

struct slot {
	char hash[65];
	int64_t loaded_s;          /* 0: empty */
	struct actor actor;
};

static struct slot *slots;
static pthread_mutex_t locks[STRIPES];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void init(void)
{
	/* Touched up front: first-touch page faults during a burst of
	 * check-ins cost more than the lookups themselves. */
	slots = xmalloc(SLOTS * sizeof *slots);
	memset(slots, 0, SLOTS * sizeof *slots);
	for (unsigned i = 0; i < STRIPES; i++)
		pthread_mutex_init(&locks[i], NULL);
}

static unsigned slot_of(const char *hash)
{
	return (unsigned)strtoul((char[9]){hash[0], hash[1], hash[2], hash[3], hash[4], hash[5], hash[6], hash[7], 0},
				 NULL, 16) & (SLOTS - 1);
}

/* One statement instead of accounts_session_actor's three: a check-in needs
 * only the account, its username and its employee (the route's access is
 * "an account linked to an employee"). Roles are not loaded (0).
 * ERR_UNAUTHORIZED for no valid session, ERR_NOT_FOUND for a valid session
 * of an account without an active employee. */
static const char SQL_LIGHT[] =
	"SELECT a.id, a.username, COALESCE(e.id, 0), COALESCE(e.nip, ''), COALESCE(e.name, a.username)"
	" FROM session s JOIN account a ON a.id = s.account_id LEFT JOIN employee e ON e.id = a.employee_id"
	" AND e.active = TRUE WHERE s.token_hash = $1 AND s.expires_at > $2 AND a.active = TRUE";

static int light_actor(struct db_conn *c, const char *token_hash, int64_t now, struct actor *a)
{
	struct db_stmt *s = db_prepare(c, SQL_LIGHT);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, token_hash);
	db_bind_int(s, 2, now);
	int rc = db_step(s);
	if (rc == 1) {
		memset(a, 0, sizeof *a);
		a->account_id = db_col_int(s, 0);
		snprintf(a->username, sizeof a->username, "%s", db_col_text(s, 1));
		a->employee_id = db_col_int(s, 2);
		snprintf(a->nip, sizeof a->nip, "%s", db_col_text(s, 3));
		snprintf(a->name, sizeof a->name, "%s", db_col_text(s, 4));
	}
	db_reset(s);
	if (rc < 0)
		return rc;
	if (rc == 0)
		return ERR_UNAUTHORIZED;
	return a->employee_id ? 0 : ERR_NOT_FOUND;
}

int session_cache_actor(struct db_conn *c, const char *token_hash, int64_t now, struct actor *a)
{
	pthread_once(&once, init);
	unsigned i = slot_of(token_hash);
	pthread_mutex_t *l = &locks[i % STRIPES];
	pthread_mutex_lock(l);
	bool hit = slots[i].loaded_s && now - slots[i].loaded_s < SESSION_CACHE_TTL_S && !strcmp(slots[i].hash, token_hash);
	if (hit)
		*a = slots[i].actor;
	pthread_mutex_unlock(l);
	if (hit)
		return 0;
	int rc = light_actor(c, token_hash, now, a);
	if (rc == ERR_NOT_FOUND) /* not an employee account: the full actor (the route will refuse it) */
		return accounts_session_actor(c, token_hash, now, a);
	if (rc)
		return rc;
	pthread_mutex_lock(l);
	memcpy(slots[i].hash, token_hash, sizeof slots[i].hash - 1);
	slots[i].hash[64] = '\0';
	slots[i].loaded_s = now;
	slots[i].actor = *a;
	pthread_mutex_unlock(l);
	return 0;
}

void session_cache_forget(const char *token_hash)
{
	if (!token_hash || !*token_hash)
		return;
	pthread_once(&once, init);
	unsigned i = slot_of(token_hash);
	pthread_mutex_t *l = &locks[i % STRIPES];
	pthread_mutex_lock(l);
	if (!strcmp(slots[i].hash, token_hash))
		slots[i].loaded_s = 0;
	pthread_mutex_unlock(l);
}
