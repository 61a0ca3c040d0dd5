/* token.h - session tokens: 32 random bytes shown once to the client
 * (base64url), stored only as a keyed BLAKE2b hash, so a copy of the
 * database does not let anyone sign in. */
#ifndef FLEKSI_AUTH_TOKEN_H
#define FLEKSI_AUTH_TOKEN_H

#include <stddef.h>
#include <stdint.h>

#define TOKEN_BYTES 32
#define TOKEN_TEXT_MAX 64   /* base64url of 32 bytes is 43 chars */
#define TOKEN_HASH_HEX 65

/* A new random token as text. */
void token_new(char out[TOKEN_TEXT_MAX]);
/* Keyed hash of a token's text, hex. 0, or ERR_INVALID for a malformed token. */
int token_hash(const char *token, const uint8_t key[32], char out[TOKEN_HASH_HEX]);

#endif
