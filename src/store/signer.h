/* signer.h - the server's secrets, kept in a file outside the database.
 *
 * The file holds an Ed25519 key pair that signs audit checkpoints and a
 * 32-byte key for hashing session tokens. It is created on first use with
 * mode 0600. Keeping it out of the database means a person who can rewrite
 * the database still cannot forge a signed checkpoint. Several app nodes
 * share one copy of the file. */
#ifndef FLEKSI_STORE_SIGNER_H
#define FLEKSI_STORE_SIGNER_H

#include <sodium.h>
#include <stddef.h>
#include <stdint.h>

struct signer {
	uint8_t public_key[crypto_sign_PUBLICKEYBYTES];
	uint8_t secret_key[crypto_sign_SECRETKEYBYTES];
	uint8_t token_key[crypto_generichash_KEYBYTES];
};

/* Load the secrets file at path, creating it when absent. 0, ERR_IO or
 * ERR_INVALID (wrong size: a damaged or foreign file); err gets a sentence. */
int signer_load(const char *path, struct signer *s, char *err, size_t errlen);
/* Only the public key, for verification without the secrets (0 or ERR_*). */
int signer_load_public(const char *path, uint8_t pk[crypto_sign_PUBLICKEYBYTES]);
/* The default secrets path for a database URI: "<file>.key" next to an SQLite
 * file, "fleksi.key" in the working directory for PostgreSQL. Caller frees. */
char *signer_default_path(const char *db_uri);

#endif
