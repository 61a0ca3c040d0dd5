/* session_cache.c - cached session actors (see session_cache.h).
 * Two levels: a snapshot of every live employee session (one statement,
 * reloaded every SESSION_CACHE_TTL_S by the first check-in that finds it
 * old, while the others keep using the previous one), and below it a
 * direct-mapped per-token cache (striped locks) for sessions created since
 * the snapshot. With 62,000 people each checking in once, a per-token cache
 * alone never hits: every check-in paid a query on a request connection
 * whose page cache the group committer's last COMMIT had just invalidated
 * (WAL). */
#include "store/session_cache.h"
#include "core/mem.h"
#include "store/accounts.h"
#include "core/err.h"
#include "core/log.h"

#include <pthread.h>
#include <stdatomic.h>
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


/* ---- the snapshot ---- */
#define SNAPSHOT_MAX 2000000   /* sessions; beyond that only the per-token cache */

struct snap_entry {
	char hash[65];
	atomic_bool revoked;       /* a logout on this node since the load */
	int64_t expires_at, account_id, employee_id;
	uint32_t username, nip, name;   /* offsets into the snapshot's text */
};

struct snapshot {
	int64_t loaded_s;
	struct snap_entry *e;      /* sorted by hash */
	size_t n;
	char *text;
};

/* Readers take the snapshot with one atomic load and no lock; a replaced
 * snapshot is freed only when it is replaced again, SESSION_CACHE_TTL_S
 * later at least - far longer than a lookup (as checkins.c's world). */
static _Atomic(struct snapshot *) snap_cur;
static struct snapshot *snap_retired;
static atomic_bool snap_loading;
static _Atomic int64_t snap_next_try;   /* after a failed load */
static atomic_uint forget_epoch;  /* bumped by every logout: a load that saw one is dropped */
static pthread_mutex_t install_lock = PTHREAD_MUTEX_INITIALIZER; /* epoch check + install vs. a logout */

static const char SQL_SNAPSHOT[] =
	"SELECT s.token_hash, s.expires_at, a.id, a.username, e.id, e.nip, e.name"
	" FROM session s JOIN account a ON a.id = s.account_id JOIN employee e ON e.id = a.employee_id"
	" WHERE s.expires_at > $1 AND a.active = TRUE AND e.active = TRUE LIMIT $2";

static void snap_free(struct snapshot *s)
{
	if (!s)
		return;
	free(s->e);
	free(s->text);
	free(s);
}

static int entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct snap_entry *)a)->hash, ((const struct snap_entry *)b)->hash);
}

static uint32_t text_add(struct buf *t, const char *s)
{
	uint32_t off = (uint32_t)t->len;
	buf_append(t, s, strlen(s) + 1);
	return off;
}

static int snap_load(struct db_conn *c, int64_t now, struct snapshot **out)
{
	struct db_stmt *s = db_prepare(c, SQL_SNAPSHOT);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, now);
	db_bind_int(s, 2, SNAPSHOT_MAX + 1);
	struct snapshot *sn = xcalloc(1, sizeof *sn);
	struct buf t;
	buf_init(&t, (size_t)SNAPSHOT_MAX * 400);
	size_t cap = 0;
	int rc;
	while ((rc = db_step(s)) == 1) {
		if (sn->n == cap)
			sn->e = xrealloc(sn->e, (cap = cap ? cap * 2 : 4096) * sizeof *sn->e);
		struct snap_entry *e = &sn->e[sn->n++];
		snprintf(e->hash, sizeof e->hash, "%s", db_col_text(s, 0));
		atomic_init(&e->revoked, false);
		e->expires_at = db_col_int(s, 1);
		e->account_id = db_col_int(s, 2);
		e->username = text_add(&t, db_col_text(s, 3));
		e->employee_id = db_col_int(s, 4);
		e->nip = text_add(&t, db_col_text(s, 5));
		e->name = text_add(&t, db_col_text(s, 6));
	}
	db_reset(s);
	sn->text = buf_steal(&t);
	if (rc < 0 || sn->n > SNAPSHOT_MAX) {
		snap_free(sn);
		return rc < 0 ? rc : ERR_TOO_BIG;
	}
	qsort(sn->e, sn->n, sizeof *sn->e, entry_cmp);
	sn->loaded_s = now;
	*out = sn;
	return 0;
}

/* The current snapshot, reloading it when old (on c, in its transaction);
 * NULL while none is usable. Never waits for another thread's load. */
static struct snapshot *snap_get(struct db_conn *c, int64_t now)
{
	struct snapshot *sn = atomic_load(&snap_cur);
	if (sn && now - sn->loaded_s < SESSION_CACHE_TTL_S)
		return sn;
	bool expected = false;
	if (now < atomic_load(&snap_next_try) || !atomic_compare_exchange_strong(&snap_loading, &expected, true))
		return sn && now - sn->loaded_s < SESSION_CACHE_TTL_S + 2 ? sn : NULL;
	unsigned epoch = atomic_load(&forget_epoch);
	struct snapshot *nw = NULL;
	int rc = snap_load(c, now, &nw);
	if (!rc) {
		pthread_mutex_lock(&install_lock);
		if (epoch != atomic_load(&forget_epoch)) { /* a logout raced the load: retry next time */
			snap_free(nw);
			rc = ERR_RETRY;
		} else {
			snap_free(snap_retired);
			snap_retired = atomic_exchange(&snap_cur, nw);
			sn = nw;
		}
		pthread_mutex_unlock(&install_lock);
	}
	if (rc && rc != ERR_RETRY) { /* too many sessions, or the database failed: not before the next TTL */
		atomic_store(&snap_next_try, now + SESSION_CACHE_TTL_S);
		if (rc != ERR_TOO_BIG)
			log_warn("session snapshot: load failed (%d); check-ins read sessions one by one", rc);
	}
	atomic_store(&snap_loading, false);
	return sn && now - sn->loaded_s < SESSION_CACHE_TTL_S + 2 ? sn : NULL;
}

/* 1 found (a filled), 0 not in the snapshot, ERR_UNAUTHORIZED revoked/expired. */
static int snap_lookup(struct snapshot *sn, const char *token_hash, int64_t now, struct actor *a)
{
	struct snap_entry key;
	snprintf(key.hash, sizeof key.hash, "%s", token_hash);
	struct snap_entry *e = bsearch(&key, sn->e, sn->n, sizeof *sn->e, entry_cmp);
	if (!e)
		return 0;
	if (atomic_load(&e->revoked) || e->expires_at <= now)
		return ERR_UNAUTHORIZED;
	memset(a, 0, sizeof *a);
	a->account_id = e->account_id;
	a->employee_id = e->employee_id;
	snprintf(a->username, sizeof a->username, "%s", sn->text + e->username);
	snprintf(a->nip, sizeof a->nip, "%s", sn->text + e->nip);
	snprintf(a->name, sizeof a->name, "%s", sn->text + e->name);
	return 1;
}

int session_cache_actor(struct db_conn *c, const char *token_hash, int64_t now, struct actor *a)
{
	pthread_once(&once, init);
	struct snapshot *sn = snap_get(c, now);
	int found = sn ? snap_lookup(sn, token_hash, now, a) : 0;
	if (found)
		return found == 1 ? 0 : found;
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
	pthread_mutex_lock(&install_lock);
	atomic_fetch_add(&forget_epoch, 1);
	struct snapshot *sn = atomic_load(&snap_cur);
	if (sn) {
		struct snap_entry key;
		snprintf(key.hash, sizeof key.hash, "%s", token_hash);
		struct snap_entry *e = bsearch(&key, sn->e, sn->n, sizeof *sn->e, entry_cmp);
		if (e)
			atomic_store(&e->revoked, true);
	}
	pthread_mutex_unlock(&install_lock);
	unsigned i = slot_of(token_hash);
	pthread_mutex_t *l = &locks[i % STRIPES];
	pthread_mutex_lock(l);
	if (!strcmp(slots[i].hash, token_hash))
		slots[i].loaded_s = 0;
	pthread_mutex_unlock(l);
}
