/* audit_verify.c - full verification of the audit log (see audit.h).
 *
 * One pass over the entries in order: each leaf is recomputed from the
 * entry's fields and compared with the stored hash and with the next entry's
 * back-link; the tree head is kept as a frontier of perfect subtrees, so the
 * root at every stored checkpoint costs O(log n) instead of a rehash. */
#include "store/audit.h"
#include "core/err.h"
#include "core/hex.h"
#include "core/mem.h"
#include "domain/merkle.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

static void leaf_of_row(struct db_stmt *s, uint8_t leaf[32])
{
	const char *f[7];
	for (int i = 0; i < 7; i++)
		f[i] = db_col_text(s, i + 1);
	audit_leaf(db_col_int(s, 0), f, leaf);
}

struct frontier {
	uint8_t hash[64][32];
	int height[64];
	int n;
};

static void frontier_push(struct frontier *f, const uint8_t leaf[32])
{
	memcpy(f->hash[f->n], leaf, 32);
	f->height[f->n++] = 0;
	while (f->n >= 2 && f->height[f->n - 1] == f->height[f->n - 2]) {
		merkle_node_hash(f->hash[f->n - 2], f->hash[f->n - 1], f->hash[f->n - 2]);
		f->height[f->n - 2]++;
		f->n--;
	}
}

static void frontier_root(const struct frontier *f, uint8_t out[32])
{
	if (f->n == 0) {
		crypto_hash_sha256(out, (const uint8_t *)"", 0);
		return;
	}
	memcpy(out, f->hash[f->n - 1], 32);
	for (int i = f->n - 2; i >= 0; i--)
		merkle_node_hash(f->hash[i], out, out);
}

struct cp_row {
	struct audit_checkpoint cp;
};

static int load_checkpoints(struct db_conn *c, struct cp_row **out, int64_t *n)
{
	struct db_stmt *s = db_prepare(c, "SELECT size, root, at, signature, public_key FROM audit_checkpoint ORDER BY size");
	if (!s)
		return ERR_DB;
	int64_t cap = 16, len = 0;
	struct cp_row *rows = xcalloc((size_t)cap, sizeof *rows);
	int rc;
	while ((rc = db_step(s)) == 1) {
		if (len == cap)
			rows = xrealloc(rows, (size_t)(cap *= 2) * sizeof *rows);
		struct audit_checkpoint *cp = &rows[len++].cp;
		cp->size = db_col_int(s, 0);
		snprintf(cp->root, sizeof cp->root, "%s", db_col_text(s, 1));
		snprintf(cp->time, sizeof cp->time, "%s", db_col_text(s, 2));
		snprintf(cp->signature, sizeof cp->signature, "%s", db_col_text(s, 3));
		snprintf(cp->public_key, sizeof cp->public_key, "%s", db_col_text(s, 4));
	}
	db_reset(s);
	*out = rows;
	*n = len;
	return rc < 0 ? rc : 0;
}

static int fail(struct audit_verify_report *rep, int64_t seq, const char *fmt, long long a, long long b)
{
	if (rep->first_bad_seq)
		return ERR_CONFLICT;
	rep->first_bad_seq = seq;
	snprintf(rep->problem, sizeof rep->problem, fmt, a, b);
	return ERR_CONFLICT;
}

static bool signature_ok(const struct audit_checkpoint *cp, const uint8_t *pk)
{
	uint8_t sig[crypto_sign_BYTES], stored_pk[crypto_sign_PUBLICKEYBYTES];
	char msg[256];
	if (hex_decode(cp->signature, sig, sizeof sig) || hex_decode(cp->public_key, stored_pk, sizeof stored_pk))
		return false;
	if (pk && sodium_memcmp(pk, stored_pk, sizeof stored_pk))
		return false;
	int n = audit_checkpoint_message(cp, msg, sizeof msg);
	return n > 0 && crypto_sign_verify_detached(sig, (const uint8_t *)msg, (size_t)n, stored_pk) == 0;
}

/* Compare the checkpoint at this size (if any) with the running root. */
static void check_checkpoint(const struct audit_checkpoint *cp, const struct frontier *f, const uint8_t *pk,
			     struct audit_verify_report *rep)
{
	uint8_t root[32];
	char hex[65];
	frontier_root(f, root);
	hex_encode(root, 32, hex);
	if (strcmp(hex, cp->root))
		fail(rep, cp->size, "the signed checkpoint at size %lld does not match the entries (root differs)%.0lld",
		     (long long)cp->size, 0);
	else if (!signature_ok(cp, pk))
		fail(rep, cp->size, "the checkpoint at size %lld has a bad signature%.0lld", (long long)cp->size, 0);
}

static void check_entry(struct db_stmt *s, int64_t expect, const uint8_t prev[32], uint8_t leaf[32],
			struct audit_verify_report *rep)
{
	int64_t seq = db_col_int(s, 0);
	uint8_t stored[32], back[32];
	leaf_of_row(s, leaf);
	if (seq != expect) {
		fail(rep, expect, "entry %lld is missing (the next entry found is %lld)", (long long)expect, (long long)seq);
		return;
	}
	bool stored_ok = !hex_decode(db_col_text(s, 8), stored, 32) && !memcmp(stored, leaf, 32);
	if (!stored_ok) {
		fail(rep, seq, "entry %lld was altered (its content no longer matches its hash)%.0lld", (long long)seq, 0);
		return;
	}
	bool back_ok = expect == 1 ? db_col_text(s, 7)[0] == '\0'
				   : (!hex_decode(db_col_text(s, 7), back, 32) && !memcmp(back, prev, 32));
	if (!back_ok)
		fail(rep, seq, "entry %lld does not follow entry %lld (removed or reordered entries)", (long long)seq,
		     (long long)(seq - 1));
}

static const char SQL_ALL[] = "SELECT seq, at, actor, action, object, COALESCE(before_digest, ''),"
			      " COALESCE(after_digest, ''), prev_hash, leaf_hash FROM audit_entry ORDER BY seq";

static int scan_entries(struct db_conn *c, const struct cp_row *cps, int64_t ncp, const uint8_t *pk,
			struct audit_verify_report *rep, uint8_t last[32])
{
	struct db_stmt *s = db_prepare(c, SQL_ALL);
	if (!s)
		return ERR_DB;
	struct frontier *f = xcalloc(1, sizeof *f);
	uint8_t prev[32] = {0}, leaf[32];
	int64_t n = 0, k = 0;
	int rc;
	while (k < ncp && cps[k].cp.size == 0)
		check_checkpoint(&cps[k++].cp, f, pk, rep);
	while ((rc = db_step(s)) == 1) {
		check_entry(s, n + 1, prev, leaf, rep);
		memcpy(prev, leaf, 32);
		frontier_push(f, leaf);
		n++;
		for (; k < ncp && cps[k].cp.size == n; k++)
			check_checkpoint(&cps[k].cp, f, pk, rep);
	}
	db_reset(s);
	frontier_root(f, leaf);
	hex_encode(leaf, 32, rep->root);
	free(f);
	rep->entries = n;
	memcpy(last, prev, 32);
	if (k < ncp)
		fail(rep, n + 1, "entries after %lld were removed: a checkpoint covers %lld entries", (long long)n,
		     (long long)cps[ncp - 1].cp.size);
	return rc < 0 ? rc : 0;
}

static void check_head(struct db_conn *c, const uint8_t last[32], struct audit_verify_report *rep)
{
	struct db_stmt *s = db_prepare(c, "SELECT size, last_hash FROM audit_head WHERE id = 1");
	if (!s || db_step(s) != 1) {
		if (s)
			db_reset(s);
		fail(rep, rep->entries + 1, "the log head is missing%.0lld%.0lld", 0, 0);
		return;
	}
	int64_t size = db_col_int(s, 0);
	uint8_t h[32];
	bool hash_ok = size == 0 || (!hex_decode(db_col_text(s, 1), h, 32) && !memcmp(h, last, 32));
	db_reset(s);
	if (size != rep->entries)
		fail(rep, (size > rep->entries ? rep->entries : size) + 1,
		     "the log holds %lld entries but its head records %lld", (long long)rep->entries, (long long)size);
	else if (!hash_ok)
		fail(rep, size, "the last entry (%lld) does not match the log head%.0lld", (long long)size, 0);
}

int audit_verify(struct db *db, const uint8_t *pk, struct audit_verify_report *rep)
{
	memset(rep, 0, sizeof *rep);
	struct db_conn *c = db_acquire(db);
	struct cp_row *cps = NULL;
	uint8_t last[32];
	int rc = db_begin_read(c);
	if (!rc)
		rc = load_checkpoints(c, &cps, &rep->checkpoints);
	if (!rc)
		rc = scan_entries(c, cps, rep->checkpoints, pk, rep, last);
	if (!rc)
		check_head(c, last, rep);
	db_rollback(c);
	db_release(db, c);
	free(cps);
	if (rc)
		return rc;
	return rep->first_bad_seq ? ERR_CONFLICT : 0;
}
