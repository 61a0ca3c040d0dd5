/* merkle.h - Merkle tree hashing, inclusion and consistency proofs as in
 * RFC 6962 section 2.1 and RFC 9162 section 2.1 (the Certificate
 * Transparency tree), over SHA-256.
 *
 *   leaf hash  = SHA-256(0x00 || data)
 *   node hash  = SHA-256(0x01 || left || right)
 *   empty root = SHA-256("")
 *
 * The audit log keeps one leaf hash per entry; these functions take the
 * array of leaf hashes D[0..n) and never the entries themselves. All hashes
 * are MERKLE_HASH_LEN bytes. Proof paths are arrays of hashes in the order
 * the RFC defines (leaf side first). Nothing here allocates: scratch space is
 * a few hundred bytes of stack, and nothing recurses.
 *
 * libsodium must be usable (sodium_init() called once at program start). */
#ifndef FLEKSI_DOMAIN_MERKLE_H
#define FLEKSI_DOMAIN_MERKLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MERKLE_HASH_LEN 32
/* Longest proof for any tree whose size fits in 64 bits. */
#define MERKLE_MAX_PATH 64

/* SHA-256(0x00 || data[0..len)). data may be NULL when len is 0. */
void merkle_leaf_hash(const void *data, size_t len, uint8_t out[MERKLE_HASH_LEN]);

/* SHA-256(0x01 || l || r). out may be the same buffer as l or r. */
void merkle_node_hash(const uint8_t l[MERKLE_HASH_LEN], const uint8_t r[MERKLE_HASH_LEN],
	uint8_t out[MERKLE_HASH_LEN]);

/* MTH(D[0..n)): the root of the tree over n leaf hashes; SHA-256("") when
 * n is 0 (leaves may then be NULL). O(n) hashes, O(log n) stack. */
void merkle_root(const uint8_t (*leaves)[MERKLE_HASH_LEN], size_t n, uint8_t out[MERKLE_HASH_LEN]);

/* PATH(index, D[0..n)) (RFC 9162 2.1.3.1): the audit path proving that
 * leaves[index] is in the tree of size n. Writes the path into
 * path[0..*len). Returns 0; ERR_INVALID when index >= n or an argument is
 * NULL; ERR_TOO_BIG when the path needs more than max entries (*len is then
 * 0). O(n) hashes in total. */
int merkle_inclusion_proof(const uint8_t (*leaves)[MERKLE_HASH_LEN], size_t n, size_t index,
	uint8_t (*path)[MERKLE_HASH_LEN], size_t max, size_t *len);

/* PROOF(m, D[0..n)) (RFC 9162 2.1.4.1): the consistency proof that the tree
 * of the first m leaves is a prefix of the tree of n leaves. Empty when
 * m == n. Returns 0; ERR_INVALID unless 0 < m <= n and the pointers are
 * set; ERR_TOO_BIG when the proof needs more than max entries (*len is then
 * 0). O(n) hashes in total. */
int merkle_consistency_proof(const uint8_t (*leaves)[MERKLE_HASH_LEN], size_t m, size_t n,
	uint8_t (*path)[MERKLE_HASH_LEN], size_t max, size_t *len);

/* RFC 9162 2.1.3.2: whether path (len entries) proves that leaf is at index
 * in the tree of size n whose root is root. */
bool merkle_verify_inclusion(const uint8_t leaf[MERKLE_HASH_LEN], size_t index, size_t n,
	const uint8_t (*path)[MERKLE_HASH_LEN], size_t len, const uint8_t root[MERKLE_HASH_LEN]);

/* RFC 9162 2.1.4.2: whether path (len entries) proves that the tree of size
 * m with root old_root is a prefix of the tree of size n with root new_root.
 * Requires 0 < m <= n; when m == n the proof must be empty and the roots
 * equal. */
bool merkle_verify_consistency(size_t m, size_t n, const uint8_t old_root[MERKLE_HASH_LEN],
	const uint8_t new_root[MERKLE_HASH_LEN], const uint8_t (*path)[MERKLE_HASH_LEN], size_t len);

#endif
