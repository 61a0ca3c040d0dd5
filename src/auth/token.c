/* token.c - session token generation and hashing (see token.h). */
#include "auth/token.h"
#include "core/err.h"
#include "core/hex.h"

#include <sodium.h>
#include <string.h>

void token_new(char out[TOKEN_TEXT_MAX])
{
	uint8_t raw[TOKEN_BYTES];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(out, TOKEN_TEXT_MAX, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof raw);
}

int token_hash(const char *token, const uint8_t key[32], char out[TOKEN_HASH_HEX])
{
	uint8_t raw[TOKEN_BYTES], h[32];
	size_t len = 0;
	if (strlen(token) != 43 ||
	    sodium_base642bin(raw, sizeof raw, token, 43, NULL, &len, NULL, sodium_base64_VARIANT_URLSAFE_NO_PADDING) ||
	    len != TOKEN_BYTES)
		return ERR_INVALID;
	crypto_generichash(h, sizeof h, raw, sizeof raw, key, 32);
	hex_encode(h, sizeof h, out);
	return 0;
}
