/* hex.h - lower-case hexadecimal encoding of byte strings. */
#ifndef FLEKSI_CORE_HEX_H
#define FLEKSI_CORE_HEX_H

#include <stddef.h>
#include <stdint.h>

/* Writes 2*n hex digits and a NUL into out (capacity at least 2*n+1). */
void hex_encode(const uint8_t *in, size_t n, char *out);
/* Decodes exactly n bytes from 2*n hex digits; 0 or ERR_INVALID. */
int hex_decode(const char *in, uint8_t *out, size_t n);

#endif
