/* merkle.c - RFC 6962 / RFC 9162 Merkle tree: root, proofs, verification.
 *
 * The RFC defines everything recursively, splitting a tree of n leaves at
 * k, the largest power of two below n. Here the root is computed by a left
 * to right pass that keeps one pending perfect subtree per bit of the leaf
 * count, and proofs walk down from the top in a loop, so neither depends on
 * the call stack however large the log grows. */
#include "domain/merkle.h"

#include <string.h>

#include <sodium.h>

#include "core/err.h"

void merkle_leaf_hash(const void *data, size_t len, uint8_t out[MERKLE_HASH_LEN])
{
	static const uint8_t prefix = 0x00;
	crypto_hash_sha256_state st;
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, &prefix, 1);
	if (len > 0)
		crypto_hash_sha256_update(&st, data, len);
	crypto_hash_sha256_final(&st, out);
}

void merkle_node_hash(const uint8_t l[MERKLE_HASH_LEN], const uint8_t r[MERKLE_HASH_LEN],
	uint8_t out[MERKLE_HASH_LEN])
{
	static const uint8_t prefix = 0x01;
	crypto_hash_sha256_state st;
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, &prefix, 1);
	crypto_hash_sha256_update(&st, l, MERKLE_HASH_LEN);
	crypto_hash_sha256_update(&st, r, MERKLE_HASH_LEN);
	/* Written only after both inputs were read, so out may alias them. */
	crypto_hash_sha256_final(&st, out);
}

/* The largest power of two strictly below n; n must be at least 2. */
static size_t merkle_split(size_t n)
{
	size_t k = 1;
	while (k < n - k)
		k <<= 1;
	return k;
}

void merkle_root(const uint8_t (*leaves)[MERKLE_HASH_LEN], size_t n, uint8_t out[MERKLE_HASH_LEN])
{
	if (n == 0) {
		crypto_hash_sha256(out, (const unsigned char *)"", 0);
		return;
	}
	/* stack[0..depth) holds the roots of perfect subtrees, largest first;
	 * after leaf i they mirror the set bits of i + 1, so at most 64. */
	uint8_t stack[MERKLE_MAX_PATH + 1][MERKLE_HASH_LEN];
	size_t depth = 0;
	for (size_t i = 0; i < n; i++) {
		memcpy(stack[depth++], leaves[i], MERKLE_HASH_LEN);
		for (size_t done = i + 1; (done & 1) == 0; done >>= 1) {
			depth--;
			merkle_node_hash(stack[depth - 1], stack[depth], stack[depth - 1]);
		}
	}
	/* Fold the unequal subtrees right to left: the RFC's split puts the
	 * largest perfect subtree on the left at every level. */
	while (depth > 1) {
		depth--;
		merkle_node_hash(stack[depth - 1], stack[depth], stack[depth - 1]);
	}
	memcpy(out, stack[0], MERKLE_HASH_LEN);
}

static void merkle_reverse(uint8_t (*path)[MERKLE_HASH_LEN], size_t len)
{
	uint8_t tmp[MERKLE_HASH_LEN];
	for (size_t i = 0, j = len; i + 1 < j; i++, j--) {
		memcpy(tmp, path[i], MERKLE_HASH_LEN);
		memcpy(path[i], path[j - 1], MERKLE_HASH_LEN);
		memcpy(path[j - 1], tmp, MERKLE_HASH_LEN);
	}
}

int merkle_inclusion_proof(const uint8_t (*leaves)[MERKLE_HASH_LEN], size_t n, size_t index,
	uint8_t (*path)[MERKLE_HASH_LEN], size_t max, size_t *len)
{
	if (len != NULL)
		*len = 0;
	if (leaves == NULL || len == NULL || index >= n)
		return ERR_INVALID;
	size_t lo = 0, size = n, count = 0;
	/* Walk from the root down to the leaf, collecting the sibling subtree at
	 * each level; the RFC lists them leaf first, hence the final reverse. */
	while (size > 1) {
		if (count >= max || path == NULL)
			return ERR_TOO_BIG;
		size_t k = merkle_split(size);
		if (index - lo < k) {
			merkle_root(leaves + lo + k, size - k, path[count++]);
			size = k;
		} else {
			merkle_root(leaves + lo, k, path[count++]);
			lo += k;
			size -= k;
		}
	}
	merkle_reverse(path, count);
	*len = count;
	return 0;
}

/* Put the root of D[lo..lo+size) in front of path[0..count), which has room
 * for it. */
static void merkle_prepend_root(const uint8_t (*leaves)[MERKLE_HASH_LEN], size_t lo, size_t size,
	uint8_t (*path)[MERKLE_HASH_LEN], size_t count)
{
	memmove(path[1], path[0], count * MERKLE_HASH_LEN);
	merkle_root(leaves + lo, size, path[0]);
}

int merkle_consistency_proof(const uint8_t (*leaves)[MERKLE_HASH_LEN], size_t m, size_t n,
	uint8_t (*path)[MERKLE_HASH_LEN], size_t max, size_t *len)
{
	if (len != NULL)
		*len = 0;
	if (leaves == NULL || len == NULL || m == 0 || m > n)
		return ERR_INVALID;
	size_t lo = 0, size = n, count = 0;
	bool whole = true; /* the RFC's b: still on the old tree's own root path */
	/* SUBPROOF(m, D[lo..lo+size), b) appends one subtree root per level
	 * after the deeper part of the proof: collect top-down, then reverse. */
	while (m < size) {
		if (count >= max || path == NULL)
			return ERR_TOO_BIG;
		size_t k = merkle_split(size);
		if (m <= k) {
			merkle_root(leaves + lo + k, size - k, path[count++]);
			size = k;
		} else {
			merkle_root(leaves + lo, k, path[count++]);
			lo += k;
			size -= k;
			m -= k;
			whole = false;
		}
	}
	merkle_reverse(path, count);
	/* SUBPROOF(m, D[m], false) = MTH(D[m]): the old tree's own root is only
	 * left out when the verifier already holds it as old_root. */
	if (!whole) {
		if (count >= max)
			return ERR_TOO_BIG;
		merkle_prepend_root(leaves, lo, size, path, count++);
	}
	*len = count;
	return 0;
}

bool merkle_verify_inclusion(const uint8_t leaf[MERKLE_HASH_LEN], size_t index, size_t n,
	const uint8_t (*path)[MERKLE_HASH_LEN], size_t len, const uint8_t root[MERKLE_HASH_LEN])
{
	if (leaf == NULL || root == NULL || index >= n || len > MERKLE_MAX_PATH)
		return false;
	if (len > 0 && path == NULL)
		return false;
	size_t fn = index, sn = n - 1;
	uint8_t r[MERKLE_HASH_LEN];
	memcpy(r, leaf, MERKLE_HASH_LEN);
	for (size_t i = 0; i < len; i++) {
		if (sn == 0)
			return false;
		if ((fn & 1) || fn == sn) {
			merkle_node_hash(path[i], r, r);
			while ((fn & 1) == 0 && fn != 0) {
				fn >>= 1;
				sn >>= 1;
			}
		} else {
			merkle_node_hash(r, path[i], r);
		}
		fn >>= 1;
		sn >>= 1;
	}
	return sn == 0 && memcmp(r, root, MERKLE_HASH_LEN) == 0;
}

/* Whether n is a power of two (n > 0). */
static bool merkle_is_pow2(size_t n)
{
	return n != 0 && (n & (n - 1)) == 0;
}

bool merkle_verify_consistency(size_t m, size_t n, const uint8_t old_root[MERKLE_HASH_LEN],
	const uint8_t new_root[MERKLE_HASH_LEN], const uint8_t (*path)[MERKLE_HASH_LEN], size_t len)
{
	if (old_root == NULL || new_root == NULL || m == 0 || m > n || len > MERKLE_MAX_PATH)
		return false;
	if (m == n)
		return len == 0 && memcmp(old_root, new_root, MERKLE_HASH_LEN) == 0;
	if (len == 0 || path == NULL)
		return false;
	/* When m is a power of two the old root is itself a node of the new
	 * tree and the RFC prepends old_root to the path; start from it. */
	size_t i = 0;
	const uint8_t *start = merkle_is_pow2(m) ? old_root : path[i++];
	size_t fn = m - 1, sn = n - 1;
	while (fn & 1) {
		fn >>= 1;
		sn >>= 1;
	}
	uint8_t fr[MERKLE_HASH_LEN], sr[MERKLE_HASH_LEN];
	memcpy(fr, start, MERKLE_HASH_LEN);
	memcpy(sr, start, MERKLE_HASH_LEN);
	for (; i < len; i++) {
		if (sn == 0)
			return false;
		if ((fn & 1) || fn == sn) {
			merkle_node_hash(path[i], fr, fr);
			merkle_node_hash(path[i], sr, sr);
			while ((fn & 1) == 0 && fn != 0) {
				fn >>= 1;
				sn >>= 1;
			}
		} else {
			merkle_node_hash(sr, path[i], sr);
		}
		fn >>= 1;
		sn >>= 1;
	}
	return sn == 0 && memcmp(fr, old_root, MERKLE_HASH_LEN) == 0 &&
		memcmp(sr, new_root, MERKLE_HASH_LEN) == 0;
}
