/* audit.h - the append-only audit log: a Merkle tree (RFC 6962/9162) over
 * every change, with signed checkpoints.
 *
 * An entry is appended inside the same transaction as the change it records,
 * so a change without its entry (or the reverse) can never be committed.
 * Each entry also carries the previous leaf hash, so verification can name
 * the first entry that was altered, removed or reordered. */
#ifndef FLEKSI_STORE_AUDIT_H
#define FLEKSI_STORE_AUDIT_H

#include "db/db.h"
#include "store/signer.h"

#include <stdbool.h>
#include <stdint.h>

struct audit_event {
	const char *actor;   /* username, or "system" / "cli:<user>" */
	const char *action;  /* e.g. "unit.update", "import.employees" */
	const char *object;  /* e.g. "unit:BKD", "employee:198609262015051001" */
	const char *before;  /* canonical JSON of the object before, or NULL */
	const char *after;   /* canonical JSON after, or NULL (deleted) */
};

/* The leaf hash of an entry: fields are at, actor, action, object,
 * before_digest, after_digest, prev_hash (hex, "" for none), each
 * length-prefixed after "fleksi-audit-v1|seq" so no field can shift into its
 * neighbour. */
void audit_leaf(int64_t seq, const char *const fields[7], uint8_t leaf[32]);

/* Append inside the caller's write transaction. 0 or a negative code. */
int audit_append(struct db_conn *c, const struct audit_event *ev);

struct audit_checkpoint {
	int64_t size;
	char root[65];        /* hex */
	char time[40];
	char signature[129];  /* hex Ed25519 over audit_checkpoint_message() */
	char public_key[65];  /* hex */
};

/* Sign the current tree head and store it (idempotent for one size).
 * Runs its own transactions. */
int audit_checkpoint_now(struct db *db, const struct signer *sg, struct audit_checkpoint *out);
/* The exact bytes that are signed. */
int audit_checkpoint_message(const struct audit_checkpoint *cp, char *buf, size_t cap);

/* Leaf hashes of entries 1..size into a new array (caller frees); size 0 = all
 * (then *size is set). ERR_INVALID if size exceeds the log. */
int audit_load_leaves(struct db_conn *c, int64_t *size, uint8_t (**leaves)[32]);

/* Result of a full verification. */
struct audit_verify_report {
	int64_t entries;
	int64_t checkpoints;
	int64_t first_bad_seq;   /* 0 when every entry is intact */
	char problem[300];       /* what is wrong, in English */
	char root[65];
};

/* Recompute every leaf, the chain, the head and every stored checkpoint
 * (signature checked with pk when not NULL). 0 when intact, ERR_CONFLICT
 * when tampering was found (report says where), other codes on failure. */
int audit_verify(struct db *db, const uint8_t *pk, struct audit_verify_report *rep);

#endif
