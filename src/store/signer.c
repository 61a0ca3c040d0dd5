/* signer.c - the secrets file (see signer.h). */
#include "store/signer.h"
#include "core/err.h"
#include "core/mem.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SECRETS_LEN (crypto_sign_SECRETKEYBYTES + crypto_generichash_KEYBYTES)

/* Read exactly n (<= SECRETS_LEN) bytes; a longer file is refused, so one
 * byte more than expected is read into scratch space, never into buf. */
static int read_exact(const char *path, uint8_t *buf, size_t n)
{
	uint8_t scratch[SECRETS_LEN + 1];
	if (n > SECRETS_LEN)
		return ERR_INVALID;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? ERR_NOT_FOUND : ERR_IO;
	ssize_t got = read(fd, scratch, n + 1);
	close(fd);
	if (got == (ssize_t)n)
		memcpy(buf, scratch, n);
	sodium_memzero(scratch, sizeof scratch);
	return got == (ssize_t)n ? 0 : ERR_INVALID;
}

static int create_secrets(const char *path, uint8_t *buf)
{
	uint8_t pk[crypto_sign_PUBLICKEYBYTES];
	crypto_sign_keypair(pk, buf);
	randombytes_buf(buf + crypto_sign_SECRETKEYBYTES, crypto_generichash_KEYBYTES);
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return ERR_IO;
	ssize_t put = write(fd, buf, SECRETS_LEN);
	int ok = put == SECRETS_LEN && fsync(fd) == 0;
	close(fd);
	return ok ? 0 : ERR_IO;
}

int signer_load(const char *path, struct signer *s, char *err, size_t errlen)
{
	if (sodium_init() < 0) {
		snprintf(err, errlen, "libsodium failed to initialise");
		return ERR_IO;
	}
	uint8_t buf[SECRETS_LEN];
	int rc = read_exact(path, buf, SECRETS_LEN);
	if (rc == ERR_NOT_FOUND)
		rc = create_secrets(path, buf);
	if (rc) {
		snprintf(err, errlen, "%s the key file %s%s", rc == ERR_INVALID ? "damaged or foreign:" : "cannot read or create",
			 path, rc == ERR_INVALID ? " (wrong size)" : "");
		sodium_memzero(buf, sizeof buf);
		return rc;
	}
	memcpy(s->secret_key, buf, crypto_sign_SECRETKEYBYTES);
	memcpy(s->token_key, buf + crypto_sign_SECRETKEYBYTES, crypto_generichash_KEYBYTES);
	crypto_sign_ed25519_sk_to_pk(s->public_key, s->secret_key);
	sodium_memzero(buf, sizeof buf);
	return 0;
}

int signer_load_public(const char *path, uint8_t pk[crypto_sign_PUBLICKEYBYTES])
{
	uint8_t buf[SECRETS_LEN];
	int rc = read_exact(path, buf, SECRETS_LEN);
	if (!rc)
		crypto_sign_ed25519_sk_to_pk(pk, buf);
	sodium_memzero(buf, sizeof buf);
	return rc;
}

char *signer_default_path(const char *db_uri)
{
	if (!strncmp(db_uri, "postgres", 8))
		return xstrdup("fleksi.key");
	return xasprintf("%s.key", db_uri);
}
