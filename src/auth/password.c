/* password.c - argon2id with a bound on concurrent hashing (see password.h). */
#include "auth/password.h"
#include "core/err.h"

#include <pthread.h>
#include <sodium.h>
#include <string.h>

static pthread_mutex_t gate_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t gate_free = PTHREAD_COND_INITIALIZER;
static int gate_busy;
static char dummy_hash[PASSWORD_HASH_MAX];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void gate_enter(void)
{
	pthread_mutex_lock(&gate_lock);
	while (gate_busy >= PASSWORD_MAX_CONCURRENT)
		pthread_cond_wait(&gate_free, &gate_lock);
	gate_busy++;
	pthread_mutex_unlock(&gate_lock);
}

static void gate_leave(void)
{
	pthread_mutex_lock(&gate_lock);
	gate_busy--;
	pthread_cond_signal(&gate_free);
	pthread_mutex_unlock(&gate_lock);
}

int password_hash(const char *password, char out[PASSWORD_HASH_MAX])
{
	size_t len = strlen(password);
	if (len < PASSWORD_MIN_LEN || len > PASSWORD_MAX_LEN)
		return ERR_INVALID;
	if (sodium_init() < 0)
		return ERR_IO;
	gate_enter();
	int rc = crypto_pwhash_str(out, password, len, crypto_pwhash_OPSLIMIT_INTERACTIVE,
				   crypto_pwhash_MEMLIMIT_INTERACTIVE);
	gate_leave();
	return rc == 0 ? 0 : ERR_UNAVAILABLE;
}

static void make_dummy(void)
{
	password_hash("fleksi-dummy-password", dummy_hash);
}

bool password_verify(const char *hash, const char *password)
{
	size_t len = strlen(password);
	if (!hash) {
		pthread_once(&dummy_once, make_dummy);
		hash = dummy_hash;
	}
	if (len > PASSWORD_MAX_LEN)
		return false;
	gate_enter();
	bool ok = crypto_pwhash_str_verify(hash, password, len) == 0;
	gate_leave();
	return ok && hash != dummy_hash;
}
