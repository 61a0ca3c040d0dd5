/* test_merkle.c - the Merkle tree against the Certificate Transparency
 * reference vectors (RFC 6962 leaves 0x"" .. 0x606162..6f, the roots of sizes
 * 0..8 and the proofs of certificate-transparency-go's log verifier tests),
 * against a larger tree computed by an independent Python implementation of
 * the RFC's recursive definitions, and by property: every proof for every
 * tree up to 70 leaves verifies, and every tampered one fails. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/err.h"
#include "domain/merkle.h"

#define HL MERKLE_HASH_LEN

static void from_hex(const char *hex, uint8_t *out, size_t len)
{
	assert_int_equal(strlen(hex), 2 * len);
	for (size_t i = 0; i < len; i++) {
		unsigned v;
		assert_int_equal(sscanf(hex + 2 * i, "%2x", &v), 1);
		out[i] = (uint8_t)v;
	}
}

static void assert_hash_hex(const uint8_t h[HL], const char *hex)
{
	uint8_t want[HL];
	from_hex(hex, want, HL);
	if (memcmp(h, want, HL) != 0) {
		char got[2 * HL + 1];
		for (size_t i = 0; i < HL; i++)
			snprintf(got + 2 * i, 3, "%02x", h[i]);
		fail_msg("hash %s, want %s", got, hex);
	}
}

/* The eight RFC 6962 reference entries and their leaf hashes. */
static const char *const ct_entries[8] = {
	"", "00", "10", "2021", "3031", "40414243", "5051525354555657",
	"606162636465666768696a6b6c6d6e6f",
};

static const char *const ct_roots[9] = {
	"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
	"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
	"aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
	"d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
	"4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
	"76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
	"ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
	"5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
};

static uint8_t ct_leaves[8][HL];

static int setup_group(void **state)
{
	(void)state;
	if (sodium_init() < 0)
		return -1;
	for (size_t i = 0; i < 8; i++) {
		uint8_t data[16];
		size_t len = strlen(ct_entries[i]) / 2;
		for (size_t j = 0; j < len; j++) {
			unsigned v;
			if (sscanf(ct_entries[i] + 2 * j, "%2x", &v) != 1)
				return -1;
			data[j] = (uint8_t)v;
		}
		merkle_leaf_hash(len ? data : NULL, len, ct_leaves[i]);
	}
	return 0;
}

static void test_reference_roots(void **state)
{
	(void)state;
	uint8_t root[HL];
	merkle_root(NULL, 0, root);
	assert_hash_hex(root, ct_roots[0]);
	for (size_t n = 1; n <= 8; n++) {
		merkle_root((const uint8_t (*)[HL])ct_leaves, n, root);
		assert_hash_hex(root, ct_roots[n]);
	}
	/* A single leaf is its own root: the leaf hash of the empty entry. */
	assert_hash_hex(ct_leaves[0], ct_roots[1]);
}

static void test_node_hash_aliasing(void **state)
{
	(void)state;
	uint8_t a[HL], b[HL], want[HL];
	memcpy(a, ct_leaves[0], HL);
	memcpy(b, ct_leaves[1], HL);
	merkle_node_hash(a, b, want);
	assert_hash_hex(want, ct_roots[2]);
	merkle_node_hash(a, b, a);
	assert_memory_equal(a, want, HL);
	memcpy(a, ct_leaves[0], HL);
	merkle_node_hash(a, b, b);
	assert_memory_equal(b, want, HL);
}

struct vector {
	size_t a, n;               /* index (inclusion) or old size (consistency), tree size */
	const char *path[4];
	size_t len;
};

/* Inclusion proofs from certificate-transparency-go (0-based indices). */
static const struct vector ct_inclusion[] = {
	{ 0, 8, { "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
		"5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
		"6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4" }, 3 },
	{ 5, 8, { "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
		"ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
		"d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7" }, 3 },
	{ 2, 3, { "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125" }, 1 },
	{ 1, 5, { "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
		"5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
		"bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b" }, 3 },
	{ 0, 1, { NULL }, 0 },
};

/* Consistency proofs: the first three from certificate-transparency-go, the
 * others from the independent Python implementation. */
static const struct vector ct_consistency[] = {
	{ 1, 8, { "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
		"5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
		"6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4" }, 3 },
	{ 6, 8, { "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
		"ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
		"d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7" }, 3 },
	{ 2, 5, { "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
		"bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b" }, 2 },
	{ 3, 7, { "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
		"07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
		"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
		"837dbb152e9b079010717e84e865da4ebc0fa198a806d59d31bf15accef22d0e" }, 4 },
	{ 4, 8, { "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4" }, 1 },
	{ 8, 8, { NULL }, 0 },
};

static void assert_path(const uint8_t (*path)[HL], size_t len, const struct vector *v)
{
	assert_int_equal(len, v->len);
	for (size_t i = 0; i < len; i++)
		assert_hash_hex(path[i], v->path[i]);
}

static void test_reference_inclusion(void **state)
{
	(void)state;
	const uint8_t (*leaves)[HL] = (const uint8_t (*)[HL])ct_leaves;
	for (size_t i = 0; i < sizeof ct_inclusion / sizeof ct_inclusion[0]; i++) {
		const struct vector *v = &ct_inclusion[i];
		uint8_t path[MERKLE_MAX_PATH][HL], root[HL];
		size_t len = 99;
		assert_int_equal(merkle_inclusion_proof(leaves, v->n, v->a, path, MERKLE_MAX_PATH, &len), 0);
		assert_path((const uint8_t (*)[HL])path, len, v);
		merkle_root(leaves, v->n, root);
		assert_true(merkle_verify_inclusion(leaves[v->a], v->a, v->n,
			(const uint8_t (*)[HL])path, len, root));
	}
}

static void test_reference_consistency(void **state)
{
	(void)state;
	const uint8_t (*leaves)[HL] = (const uint8_t (*)[HL])ct_leaves;
	for (size_t i = 0; i < sizeof ct_consistency / sizeof ct_consistency[0]; i++) {
		const struct vector *v = &ct_consistency[i];
		uint8_t path[MERKLE_MAX_PATH][HL], old_root[HL], new_root[HL];
		size_t len = 99;
		assert_int_equal(merkle_consistency_proof(leaves, v->a, v->n, path, MERKLE_MAX_PATH, &len), 0);
		assert_path((const uint8_t (*)[HL])path, len, v);
		merkle_root(leaves, v->a, old_root);
		merkle_root(leaves, v->n, new_root);
		assert_true(merkle_verify_consistency(v->a, v->n, old_root, new_root,
			(const uint8_t (*)[HL])path, len));
	}
}

/* n leaf hashes of the 4-byte big-endian numbers 0..n-1, as in the Python
 * reference. The caller frees. */
static uint8_t (*numbered_leaves(size_t n))[HL]
{
	uint8_t (*leaves)[HL] = malloc(n * sizeof *leaves);
	assert_non_null(leaves);
	for (size_t i = 0; i < n; i++) {
		uint8_t be[4] = { (uint8_t)(i >> 24), (uint8_t)(i >> 16), (uint8_t)(i >> 8), (uint8_t)i };
		merkle_leaf_hash(be, sizeof be, leaves[i]);
	}
	return leaves;
}

/* A 1000-leaf tree: roots and proofs from the Python implementation. */
static void test_python_reference_1000(void **state)
{
	(void)state;
	uint8_t (*leaves)[HL] = numbered_leaves(1000);
	const uint8_t (*cl)[HL] = (const uint8_t (*)[HL])leaves;
	uint8_t root[HL], path[MERKLE_MAX_PATH][HL];
	size_t len;
	merkle_root(cl, 1000, root);
	assert_hash_hex(root, "ed58fe22105717ceedf760a43eedfb173a60c44ef40fd61b6cd86bd4ebb59b61");
	merkle_root(cl, 999, root);
	assert_hash_hex(root, "688a65e84580d016d751503ab66f3886578e77659c6acff4cfc2c00a0d0588c9");

	static const char *const incl[] = {
		"13e00a6c4cc48ca00efbd92b62a4d08b16013982ffcee7c4962b7684d9a3453b",
		"0ea230297fa578db139923f73b74f41f2afb8a7b070b2de79c5a23de13f932f0",
		"ca91a01a5ce2a67e3602a2065a146718c4af065d1dc55c7a0852701e87e73310",
		"aa1a1d7a04dbbbc493052ab51f317152f9b3ca7af3e53a2703ee19935a5f5ee6",
		"4857c2b7b6def21f7bbb8750122b53aeac6af97a878a4e5922f16348edeebf23",
		"100869d2525d5b483c3901311ad6ac90d37ac69a6844716a9acb6090eae06485",
		"02c4154f0a60da1a9ea8dee6d283c7ecc8fb5a20aba7cbdd3e83130a5aea772d",
		"5bdc3a99f35464b55e16fbd490197271966a4f34046f29a37cad3cb14966b3e4",
		"770beb5995e2e3bbf53648b1d70e78b70019a784b542197183b4b3026542b720",
		"95ac9d3d517c6fd86e3e0613c9b656da20440869a4a6bfaba4cf14481900550e",
	};
	assert_int_equal(merkle_inclusion_proof(cl, 1000, 777, path, MERKLE_MAX_PATH, &len), 0);
	assert_int_equal(len, 10);
	for (size_t i = 0; i < len; i++)
		assert_hash_hex(path[i], incl[i]);

	static const char *const cons[] = {
		"50d4f2fd524ad6e6ffa603c69b2c31f20467fc568e365819b74c64d89389a31a",
		"d52db06a97fc57a8b9d1ea2bfff74fd430c0c25bc4092c89b07722c479b624db",
		"972e55b48e49e562b6cebe34f6b08ae2bb0568314ff13a64a3d3d7897b4de364",
		"bcfa379b12acfe8a2af429a5f63bc2f2e0f37655ec600fff24de33856c813fee",
		"cbd80911a8d05089fac87cd771a03335d07d7d29a5d803ca51bb8c315dc355e6",
		"d5f6c5aac3a3108732f624c8f559e965d20b93da0dc20ff41d9378aa8f56e632",
		"86e69c514201ce16ada01300ef4d18bc0b7436e092a07475d55b5dbbf9cc9d32",
		"c412151dbaa16c534ca01accbbdcc67469e4a8ed91e113544fb36eb05799c7ef",
		"478f5f92578c03a9aa3a53d0ed36c68044e6396e39c17ea399406c6408fda897",
		"78cd7db3bbfa785ffefa21e1c0aa7d4806c6e22ad65472710377ecb7e5a5a54e",
		"b4974cb47f39312455f7858f89e2a37e869b0669ddfa0ed7b2188d31493a8457",
	};
	assert_int_equal(merkle_consistency_proof(cl, 333, 1000, path, MERKLE_MAX_PATH, &len), 0);
	assert_int_equal(len, 11);
	for (size_t i = 0; i < len; i++)
		assert_hash_hex(path[i], cons[i]);
	free(leaves);
}

/* Whether verification of an inclusion proof fails after each kind of
 * tampering used by certificate-transparency-go's verifier tests. */
static void assert_inclusion_tamper_fails(const uint8_t (*leaves)[HL], size_t n, size_t index,
	uint8_t (*path)[HL], size_t len, const uint8_t root[HL])
{
	const uint8_t (*cp)[HL] = (const uint8_t (*)[HL])path;
	const uint8_t *leaf = leaves[index];
	uint8_t other[HL];
	memcpy(other, leaf, HL);
	other[0] ^= 1;
	assert_false(merkle_verify_inclusion(other, index, n, cp, len, root));
	assert_false(merkle_verify_inclusion(leaf, index, n, cp, len, other));
	if (index + 1 < n)
		assert_false(merkle_verify_inclusion(leaf, index + 1, n, cp, len, root));
	if (index > 0)
		assert_false(merkle_verify_inclusion(leaf, index - 1, n, cp, len, root));
	if ((index ^ 2) < n)
		assert_false(merkle_verify_inclusion(leaf, index ^ 2, n, cp, len, root));
	assert_false(merkle_verify_inclusion(leaf, index, n * 2, cp, len, root));
	if (n / 2 > index)
		assert_false(merkle_verify_inclusion(leaf, index, n / 2, cp, len, root));
	assert_false(merkle_verify_inclusion(leaf, index, n, cp, len + 1, root)); /* trailing */
	if (len > 0)
		assert_false(merkle_verify_inclusion(leaf, index, n, cp, len - 1, root));
	if (len > 0)
		assert_false(merkle_verify_inclusion(leaf, index, n, cp + 1, len, root)); /* shifted */
	for (size_t i = 0; i < len; i++) {
		for (int bit = 0; bit < 8; bit += 3) {
			path[i][i % HL] ^= (uint8_t)(1u << bit);
			assert_false(merkle_verify_inclusion(leaf, index, n, cp, len, root));
			path[i][i % HL] ^= (uint8_t)(1u << bit);
		}
	}
}

static void test_inclusion_property(void **state)
{
	(void)state;
	uint8_t (*leaves)[HL] = numbered_leaves(70);
	const uint8_t (*cl)[HL] = (const uint8_t (*)[HL])leaves;
	/* One spare slot so "trailing garbage" reads defined memory. */
	uint8_t path[MERKLE_MAX_PATH + 1][HL];
	for (size_t n = 1; n <= 70; n++) {
		uint8_t root[HL];
		merkle_root(cl, n, root);
		for (size_t index = 0; index < n; index++) {
			size_t len;
			assert_int_equal(merkle_inclusion_proof(cl, n, index, path, MERKLE_MAX_PATH, &len), 0);
			assert_true(len <= 7);
			memcpy(path[len], root, HL);
			assert_true(merkle_verify_inclusion(cl[index], index, n,
				(const uint8_t (*)[HL])path, len, root));
			assert_inclusion_tamper_fails(cl, n, index, path, len, root);
		}
	}
	free(leaves);
}

/* Whether verification of a consistency proof fails after each kind of
 * tampering; path has a spare slot after len. */
static void assert_consistency_tamper_fails(size_t m, size_t n, const uint8_t old_root[HL],
	const uint8_t new_root[HL], uint8_t (*path)[HL], size_t len)
{
	const uint8_t (*cp)[HL] = (const uint8_t (*)[HL])path;
	uint8_t bad[HL];
	memcpy(bad, old_root, HL);
	bad[5] ^= 0x10;
	assert_false(merkle_verify_consistency(m, n, bad, new_root, cp, len));
	memcpy(bad, new_root, HL);
	bad[5] ^= 0x10;
	assert_false(merkle_verify_consistency(m, n, old_root, bad, cp, len));
	if (m == n)
		return;
	assert_false(merkle_verify_consistency(m, n, new_root, old_root, cp, len)); /* swapped */
	assert_false(merkle_verify_consistency(m, n, old_root, new_root, cp, 0));   /* empty */
	assert_false(merkle_verify_consistency(m, n, old_root, new_root, cp, len - 1));
	assert_false(merkle_verify_consistency(m, n, old_root, new_root, cp, len + 1));
	assert_false(merkle_verify_consistency(m, n, old_root, new_root, cp + 1, len - 1));
	if (m > 1)
		assert_false(merkle_verify_consistency(m - 1, n, old_root, new_root, cp, len));
	assert_false(merkle_verify_consistency(m + 1, n, old_root, new_root, cp, len));
	assert_false(merkle_verify_consistency(m, n * 2, old_root, new_root, cp, len));
	assert_false(merkle_verify_consistency(m, n / 2, old_root, new_root, cp, len));
	for (size_t i = 0; i < len; i++) {
		path[i][(i * 7) % HL] ^= 0x10;
		assert_false(merkle_verify_consistency(m, n, old_root, new_root, cp, len));
		path[i][(i * 7) % HL] ^= 0x10;
	}
}

static void test_consistency_property(void **state)
{
	(void)state;
	uint8_t (*leaves)[HL] = numbered_leaves(70);
	const uint8_t (*cl)[HL] = (const uint8_t (*)[HL])leaves;
	uint8_t roots[71][HL];
	for (size_t n = 1; n <= 70; n++)
		merkle_root(cl, n, roots[n]);
	uint8_t path[MERKLE_MAX_PATH + 1][HL];
	for (size_t n = 1; n <= 70; n++) {
		for (size_t m = 1; m <= n; m++) {
			size_t len = 99;
			assert_int_equal(merkle_consistency_proof(cl, m, n, path, MERKLE_MAX_PATH, &len), 0);
			assert_true(m == n ? len == 0 : len >= 1 && len <= 14);
			memcpy(path[len], roots[n], HL);
			assert_true(merkle_verify_consistency(m, n, roots[m], roots[n],
				(const uint8_t (*)[HL])path, len));
			assert_consistency_tamper_fails(m, n, roots[m], roots[n], path, len);
		}
	}
	free(leaves);
}

static void test_argument_errors(void **state)
{
	(void)state;
	const uint8_t (*leaves)[HL] = (const uint8_t (*)[HL])ct_leaves;
	uint8_t path[MERKLE_MAX_PATH][HL], root[HL];
	size_t len = 99;
	assert_int_equal(merkle_inclusion_proof(leaves, 8, 8, path, MERKLE_MAX_PATH, &len), ERR_INVALID);
	assert_int_equal(len, 0);
	assert_int_equal(merkle_inclusion_proof(leaves, 0, 0, path, MERKLE_MAX_PATH, &len), ERR_INVALID);
	assert_int_equal(merkle_inclusion_proof(NULL, 8, 0, path, MERKLE_MAX_PATH, &len), ERR_INVALID);
	assert_int_equal(merkle_inclusion_proof(leaves, 8, 0, path, MERKLE_MAX_PATH, NULL), ERR_INVALID);
	len = 99;
	assert_int_equal(merkle_inclusion_proof(leaves, 8, 3, path, 2, &len), ERR_TOO_BIG);
	assert_int_equal(len, 0);
	assert_int_equal(merkle_inclusion_proof(leaves, 8, 3, path, 3, &len), 0);
	assert_int_equal(len, 3);

	assert_int_equal(merkle_consistency_proof(leaves, 0, 8, path, MERKLE_MAX_PATH, &len), ERR_INVALID);
	assert_int_equal(merkle_consistency_proof(leaves, 9, 8, path, MERKLE_MAX_PATH, &len), ERR_INVALID);
	assert_int_equal(merkle_consistency_proof(NULL, 1, 8, path, MERKLE_MAX_PATH, &len), ERR_INVALID);
	assert_int_equal(merkle_consistency_proof(leaves, 3, 7, path, 3, &len), ERR_TOO_BIG);
	assert_int_equal(len, 0);
	assert_int_equal(merkle_consistency_proof(leaves, 3, 7, path, 4, &len), 0);
	assert_int_equal(len, 4);

	merkle_root(leaves, 8, root);
	assert_false(merkle_verify_inclusion(leaves[0], 0, 0, NULL, 0, root));
	assert_false(merkle_verify_inclusion(leaves[0], 8, 8, NULL, 0, root));
	assert_false(merkle_verify_inclusion(leaves[0], 0, 8, NULL, 3, root));
	assert_false(merkle_verify_inclusion(leaves[0], 0, 8, (const uint8_t (*)[HL])path,
		MERKLE_MAX_PATH + 1, root));
	assert_true(merkle_verify_inclusion(leaves[0], 0, 1, NULL, 0, leaves[0]));
	assert_false(merkle_verify_consistency(0, 8, root, root, NULL, 0));
	assert_false(merkle_verify_consistency(9, 8, root, root, NULL, 0));
	assert_true(merkle_verify_consistency(8, 8, root, root, NULL, 0));
	assert_false(merkle_verify_consistency(8, 8, root, leaves[0], NULL, 0));
	assert_false(merkle_verify_consistency(3, 8, root, root, NULL, 1));
}

/* A tree of a few hundred thousand leaves: proofs stay short, cost O(n),
 * and verify; a proof from the old size still links to the new root. */
static void test_large_tree(void **state)
{
	(void)state;
	const size_t n = 300007;
	uint8_t (*leaves)[HL] = numbered_leaves(n);
	const uint8_t (*cl)[HL] = (const uint8_t (*)[HL])leaves;
	uint8_t root[HL], old_root[HL], path[MERKLE_MAX_PATH][HL];
	size_t len;
	merkle_root(cl, n, root);
	static const size_t probes[] = { 0, 1, 131071, 131072, 262143, 299999, 300006 };
	for (size_t i = 0; i < sizeof probes / sizeof probes[0]; i++) {
		assert_int_equal(merkle_inclusion_proof(cl, n, probes[i], path, MERKLE_MAX_PATH, &len), 0);
		assert_true(len <= 19);
		assert_true(merkle_verify_inclusion(cl[probes[i]], probes[i], n,
			(const uint8_t (*)[HL])path, len, root));
	}
	merkle_root(cl, 262144 + 5, old_root);
	assert_int_equal(merkle_consistency_proof(cl, 262144 + 5, n, path, MERKLE_MAX_PATH, &len), 0);
	assert_true(merkle_verify_consistency(262144 + 5, n, old_root, root,
		(const uint8_t (*)[HL])path, len));
	free(leaves);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reference_roots),
		cmocka_unit_test(test_node_hash_aliasing),
		cmocka_unit_test(test_reference_inclusion),
		cmocka_unit_test(test_reference_consistency),
		cmocka_unit_test(test_python_reference_1000),
		cmocka_unit_test(test_inclusion_property),
		cmocka_unit_test(test_consistency_property),
		cmocka_unit_test(test_argument_errors),
		cmocka_unit_test(test_large_tree),
	};
	return cmocka_run_group_tests(tests, setup_group, NULL);
}
