/* audit.c - appending, checkpointing and verifying the audit log (see audit.h). */
#include "store/audit.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/hex.h"
#include "core/mem.h"
#include "domain/merkle.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

static const char SQL_HEAD_SQLITE[] = "SELECT size, last_hash FROM audit_head WHERE id = 1";
static const char SQL_HEAD_PG[] = "SELECT size, last_hash FROM audit_head WHERE id = 1 FOR UPDATE";
static const char SQL_INSERT[] =
	"INSERT INTO audit_entry (seq, at, actor, action, object, before_digest, after_digest,"
	" prev_hash, leaf_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
static const char SQL_SET_HEAD[] = "UPDATE audit_head SET size = $1, last_hash = $2 WHERE id = 1";

struct entry {
	int64_t seq;
	const char *at, *actor, *action, *object, *before, *after, *prev;
};

static void digest_hex(const char *text, char out[65])
{
	if (!text) {
		out[0] = '\0';
		return;
	}
	uint8_t h[32];
	crypto_hash_sha256(h, (const uint8_t *)text, strlen(text));
	hex_encode(h, 32, out);
}

void audit_leaf(int64_t seq, const char *const fields[7], uint8_t leaf[32])
{
	struct buf b;
	buf_init(&b, 1 << 20);
	buf_printf(&b, "fleksi-audit-v1|%lld", (long long)seq);
	for (int i = 0; i < 7; i++)
		buf_printf(&b, "|%zu:%s", strlen(fields[i]), fields[i]);
	merkle_leaf_hash(b.data, b.len, leaf);
	buf_free(&b);
}

static void entry_leaf_hex(const struct entry *e, char out[65])
{
	const char *const f[7] = {e->at, e->actor, e->action, e->object, e->before, e->after, e->prev};
	uint8_t leaf[32];
	audit_leaf(e->seq, f, leaf);
	hex_encode(leaf, 32, out);
}

static int read_head(struct db_conn *c, int64_t *size, char last[65])
{
	struct db_stmt *s = db_prepare(c, db_conn_dialect(c) == DB_POSTGRES ? SQL_HEAD_PG : SQL_HEAD_SQLITE);
	if (!s)
		return ERR_DB;
	int rc = db_step(s);
	if (rc == 1) {
		*size = db_col_int(s, 0);
		snprintf(last, 65, "%s", db_col_text(s, 1));
	}
	db_reset(s);
	return rc == 1 ? 0 : (rc < 0 ? rc : ERR_DB);
}

int audit_append(struct db_conn *c, const struct audit_event *ev)
{
	int64_t size;
	char prev[65], before[65], after[65], leaf[65], now[40];
	int rc = read_head(c, &size, prev);
	if (rc)
		return rc;
	clock_now_iso(now, sizeof now);
	digest_hex(ev->before, before);
	digest_hex(ev->after, after);
	struct entry e = {size + 1, now, ev->actor, ev->action, ev->object, before, after, prev};
	entry_leaf_hex(&e, leaf);
	struct db_stmt *s = db_prepare(c, SQL_INSERT);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, e.seq);
	db_bind_text(s, 2, e.at);
	db_bind_text(s, 3, e.actor);
	db_bind_text(s, 4, e.action);
	db_bind_text(s, 5, e.object);
	db_bind_text(s, 6, before);
	db_bind_text(s, 7, after);
	db_bind_text(s, 8, prev);
	db_bind_text(s, 9, leaf);
	rc = db_step(s);
	db_reset(s);
	if (rc < 0)
		return rc;
	s = db_prepare(c, SQL_SET_HEAD);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, e.seq);
	db_bind_text(s, 2, leaf);
	rc = db_step(s);
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static const char SQL_LEAVES[] = "SELECT seq, leaf_hash FROM audit_entry WHERE seq <= $1 ORDER BY seq";

int audit_load_leaves(struct db_conn *c, int64_t *size, uint8_t (**leaves)[32])
{
	int64_t have = 0;
	char last[65];
	*leaves = NULL;
	int rc = read_head(c, &have, last);
	if (rc)
		return rc;
	if (*size == 0)
		*size = have;
	if (*size > have || *size < 0)
		return ERR_INVALID;
	uint8_t (*out)[32] = xcalloc((size_t)*size + 1, 32);
	struct db_stmt *s = db_prepare(c, SQL_LEAVES);
	if (!s) {
		free(out);
		return ERR_DB;
	}
	db_bind_int(s, 1, *size);
	int64_t n = 0;
	while ((rc = db_step(s)) == 1 && n < *size) {
		if (db_col_int(s, 0) != n + 1 || hex_decode(db_col_text(s, 1), out[n], 32)) {
			rc = ERR_CONFLICT; /* a gap or a damaged hash: verify names it */
			break;
		}
		n++;
	}
	db_reset(s);
	if (rc < 0 || n != *size) {
		free(out);
		return rc < 0 ? rc : ERR_CONFLICT;
	}
	*leaves = out;
	return 0;
}

int audit_checkpoint_message(const struct audit_checkpoint *cp, char *buf, size_t cap)
{
	int n = snprintf(buf, cap, "fleksi audit checkpoint v1\n%lld\n%s\n%s\n", (long long)cp->size,
			 cp->root, cp->time);
	return n > 0 && (size_t)n < cap ? n : ERR_TOO_BIG;
}

static const char SQL_SAVE_CP[] =
	"INSERT INTO audit_checkpoint (size, root, at, signature, public_key) VALUES ($1, $2, $3, $4, $5)"
	" ON CONFLICT (size) DO NOTHING";
static const char SQL_GET_CP[] =
	"SELECT size, root, at, signature, public_key FROM audit_checkpoint WHERE size = $1";

static void sign_checkpoint(const struct signer *sg, struct audit_checkpoint *cp)
{
	char msg[256];
	uint8_t sig[crypto_sign_BYTES];
	int n = audit_checkpoint_message(cp, msg, sizeof msg);
	crypto_sign_detached(sig, NULL, (const uint8_t *)msg, (size_t)n, sg->secret_key);
	hex_encode(sig, sizeof sig, cp->signature);
	hex_encode(sg->public_key, crypto_sign_PUBLICKEYBYTES, cp->public_key);
}

/* Read the stored checkpoint for cp->size, if any, into cp. 1 found, 0 not. */
static int load_checkpoint(struct db_conn *c, struct audit_checkpoint *cp)
{
	struct db_stmt *s = db_prepare(c, SQL_GET_CP);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, cp->size);
	int rc = db_step(s);
	if (rc == 1) {
		snprintf(cp->root, sizeof cp->root, "%s", db_col_text(s, 1));
		snprintf(cp->time, sizeof cp->time, "%s", db_col_text(s, 2));
		snprintf(cp->signature, sizeof cp->signature, "%s", db_col_text(s, 3));
		snprintf(cp->public_key, sizeof cp->public_key, "%s", db_col_text(s, 4));
	}
	db_reset(s);
	return rc;
}

static int save_checkpoint(struct db_conn *c, const struct audit_checkpoint *cp)
{
	int rc = db_begin_write(c);
	if (rc)
		return rc;
	struct db_stmt *s = db_prepare(c, SQL_SAVE_CP);
	if (!s) {
		db_rollback(c);
		return ERR_DB;
	}
	db_bind_int(s, 1, cp->size);
	db_bind_text(s, 2, cp->root);
	db_bind_text(s, 3, cp->time);
	db_bind_text(s, 4, cp->signature);
	db_bind_text(s, 5, cp->public_key);
	rc = db_step(s);
	db_reset(s);
	if (rc < 0) {
		db_rollback(c);
		return rc;
	}
	return db_commit(c);
}

int audit_checkpoint_now(struct db *db, const struct signer *sg, struct audit_checkpoint *out)
{
	struct db_conn *c = db_acquire(db);
	uint8_t (*leaves)[32] = NULL;
	memset(out, 0, sizeof *out);
	int rc = db_begin_read(c);
	if (!rc)
		rc = audit_load_leaves(c, &out->size, &leaves);
	if (!rc)
		rc = load_checkpoint(c, out);
	db_rollback(c);
	if (rc == 0) { /* not stored yet: compute, sign and store */
		uint8_t root[32];
		merkle_root((const uint8_t (*)[32])leaves, (size_t)out->size, root);
		hex_encode(root, 32, out->root);
		clock_now_iso(out->time, sizeof out->time);
		sign_checkpoint(sg, out);
		rc = save_checkpoint(c, out);
		if (!rc && load_checkpoint(c, out) != 1) /* another node won the race */
			rc = ERR_DB;
	} else if (rc == 1) {
		rc = 0;
	}
	free(leaves);
	db_release(db, c);
	return rc;
}
