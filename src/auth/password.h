/* password.h - password hashing with argon2id (libsodium).
 *
 * Each hash costs about 75 ms and 64 MiB, so at most PASSWORD_MAX_CONCURRENT
 * run at once; the rest wait their turn instead of exhausting memory in a
 * login burst. */
#ifndef FLEKSI_AUTH_PASSWORD_H
#define FLEKSI_AUTH_PASSWORD_H

#include <stdbool.h>
#include <stddef.h>

#define PASSWORD_MAX_CONCURRENT 2
#define PASSWORD_MIN_LEN 10
#define PASSWORD_MAX_LEN 256
#define PASSWORD_HASH_MAX 128

/* Hash into out (capacity PASSWORD_HASH_MAX). 0 or ERR_INVALID (bad length). */
int password_hash(const char *password, char out[PASSWORD_HASH_MAX]);
/* Constant-time verification; a NULL hash runs a dummy verification so that
 * unknown usernames take as long as known ones. */
bool password_verify(const char *hash, const char *password);

#endif
