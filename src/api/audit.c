/* audit.c - the audit log's signed checkpoint, proofs and entries. */
#include "api/api.h"
#include "core/err.h"
#include "core/hex.h"
#include "core/mem.h"
#include "domain/merkle.h"
#include "store/audit.h"

#include <string.h>

void api_audit_checkpoint(struct api_call *call)
{
	struct audit_checkpoint cp;
	int rc = audit_checkpoint_now(call->app->db, &call->app->signer, &cp);
	if (rc)
		return api_error_from(call, rc, NULL);
	api_reply(call, 200, json_pack("{s:I, s:s, s:s, s:s, s:s}", "size", (json_int_t)cp.size, "root", cp.root,
				       "signature", cp.signature, "public_key", cp.public_key, "time", cp.time));
}

static json_t *path_json(uint8_t (*path)[32], size_t len)
{
	json_t *a = json_array();
	char hex[65];
	for (size_t i = 0; i < len; i++) {
		hex_encode(path[i], 32, hex);
		json_array_append_new(a, json_string(hex));
	}
	return a;
}

static json_t *root_json(const uint8_t (*leaves)[32], size_t n)
{
	uint8_t root[32];
	char hex[65];
	merkle_root(leaves, n, root);
	hex_encode(root, 32, hex);
	return json_string(hex);
}

/* index is 0-based as in RFC 9162; the entry's seq is index + 1. */
static json_t *inclusion(uint8_t (*leaves)[32], long index, long size)
{
	uint8_t path[MERKLE_MAX_PATH][32];
	size_t len = 0;
	char leaf[65];
	if (merkle_inclusion_proof((const uint8_t (*)[32])leaves, (size_t)size, (size_t)index, path, MERKLE_MAX_PATH, &len))
		return NULL;
	hex_encode(leaves[index], 32, leaf);
	return json_pack("{s:I, s:I, s:s, s:o, s:o}", "index", (json_int_t)index, "size", (json_int_t)size, "leaf_hash",
			 leaf, "root", root_json((const uint8_t (*)[32])leaves, (size_t)size), "path", path_json(path, len));
}

static json_t *consistency(uint8_t (*leaves)[32], long from, long to)
{
	uint8_t path[MERKLE_MAX_PATH][32];
	size_t len = 0;
	if (merkle_consistency_proof((const uint8_t (*)[32])leaves, (size_t)from, (size_t)to, path, MERKLE_MAX_PATH, &len))
		return NULL;
	return json_pack("{s:I, s:I, s:o, s:o, s:o}", "from", (json_int_t)from, "to", (json_int_t)to, "root_from",
			 root_json((const uint8_t (*)[32])leaves, (size_t)from), "root_to",
			 root_json((const uint8_t (*)[32])leaves, (size_t)to), "path", path_json(path, len));
}

void api_audit_proof(struct api_call *call)
{
	bool bad = false, consistency_mode = http_query(call->req, "from") != NULL;
	long a = api_query_long(call, consistency_mode ? "from" : "index", -1, consistency_mode ? 1 : 0, 1L << 40, &bad);
	long b = api_query_long(call, consistency_mode ? "to" : "size", -1, 1, 1L << 40, &bad);
	if (bad || a < 0 || b < 0 || (consistency_mode ? a > b : a >= b))
		return api_error(call, 422, "invalid", consistency_mode ? "from" : "index",
				 "Ask for ?index=I&size=N with 0 <= I < N, or ?from=M&to=N with 1 <= M <= N.",
				 "Gunakan ?index=I&size=N dengan 0 <= I < N, atau ?from=M&to=N dengan 1 <= M <= N.");
	int64_t size = b;
	uint8_t (*leaves)[32] = NULL;
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = audit_load_leaves(call->conn, &size, &leaves);
	db_rollback(call->conn);
	if (rc == ERR_INVALID)
		return api_error(call, 422, "beyond_log", consistency_mode ? "to" : "size", "The log is not that large yet.",
				 "Log belum sebesar itu.");
	if (rc)
		return api_error_from(call, rc, NULL);
	json_t *out = consistency_mode ? consistency(leaves, a, b) : inclusion(leaves, a, b);
	free(leaves);
	if (!out)
		return api_error_from(call, ERR_INVALID, NULL);
	api_reply(call, 200, out);
}

void api_audit_entries(struct api_call *call)
{
	bool bad = false;
	long from = api_query_long(call, "from", 1, 1, 1L << 40, &bad);
	long limit = api_query_long(call, "limit", 100, 1, 1000, &bad);
	if (bad)
		return api_error(call, 422, "invalid", "from", "from must be 1 or more and limit between 1 and 1000.",
				 "from minimal 1 dan limit antara 1 dan 1000.");
	struct db_stmt *s;
	json_t *items = json_array();
	int rc = db_begin_read(call->conn);
	if (!rc && (s = db_prepare(call->conn, "SELECT seq, at, actor, action, object, COALESCE(before_digest, ''),"
						" COALESCE(after_digest, ''), leaf_hash FROM audit_entry WHERE seq >= $1"
						" ORDER BY seq LIMIT $2"))) {
		db_bind_int(s, 1, from);
		db_bind_int(s, 2, limit);
		while ((rc = db_step(s)) == 1)
			json_array_append_new(items, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "seq",
							       (json_int_t)db_col_int(s, 0), "time", db_col_text(s, 1),
							       "actor", db_col_text(s, 2), "action", db_col_text(s, 3),
							       "object", db_col_text(s, 4), "before_digest", db_col_text(s, 5),
							       "after_digest", db_col_text(s, 6), "leaf_hash", db_col_text(s, 7)));
		db_reset(s);
	}
	db_rollback(call->conn);
	if (rc < 0) {
		json_decref(items);
		return api_error_from(call, rc, NULL);
	}
	api_reply(call, 200, json_pack("{s:o}", "items", items));
}
