/* strmap.h - a string-keyed hash map to int64 values (open addressing).
 *
 * Keys are copied into the map. Used for code/NIP lookups during imports,
 * where hundreds of thousands of keys are resolved in one pass. */
#ifndef FLEKSI_CORE_STRMAP_H
#define FLEKSI_CORE_STRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct strmap {
	char **keys;
	int64_t *values;
	size_t cap;   /* power of two */
	size_t len;
};

void strmap_init(struct strmap *m);
void strmap_free(struct strmap *m);
/* Insert or overwrite. */
void strmap_put(struct strmap *m, const char *key, int64_t value);
/* True and *value set when key is present. */
bool strmap_get(const struct strmap *m, const char *key, int64_t *value);

#endif
