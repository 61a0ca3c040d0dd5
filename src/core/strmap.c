/* strmap.c - open-addressing string map with linear probing (see strmap.h). */
#include "core/strmap.h"
#include "core/mem.h"

#include <stdlib.h>
#include <string.h>

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603u; /* FNV-1a */
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211u;
	}
	return h;
}

void strmap_init(struct strmap *m)
{
	memset(m, 0, sizeof *m);
}

void strmap_free(struct strmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->values);
	strmap_init(m);
}

static size_t slot_of(const struct strmap *m, const char *key)
{
	size_t i = (size_t)hash_str(key) & (m->cap - 1);
	while (m->keys[i] && strcmp(m->keys[i], key))
		i = (i + 1) & (m->cap - 1);
	return i;
}

static void grow(struct strmap *m)
{
	struct strmap old = *m;
	m->cap = old.cap ? old.cap * 2 : 64;
	m->keys = xcalloc(m->cap, sizeof *m->keys);
	m->values = xcalloc(m->cap, sizeof *m->values);
	m->len = 0;
	for (size_t i = 0; i < old.cap; i++) {
		if (!old.keys[i])
			continue;
		size_t s = slot_of(m, old.keys[i]);
		m->keys[s] = old.keys[i];
		m->values[s] = old.values[i];
		m->len++;
	}
	free(old.keys);
	free(old.values);
}

void strmap_put(struct strmap *m, const char *key, int64_t value)
{
	if ((m->len + 1) * 4 > m->cap * 3)
		grow(m);
	size_t s = slot_of(m, key);
	if (!m->keys[s]) {
		m->keys[s] = xstrdup(key);
		m->len++;
	}
	m->values[s] = value;
}

bool strmap_get(const struct strmap *m, const char *key, int64_t *value)
{
	if (!m->cap)
		return false;
	size_t s = slot_of(m, key);
	if (!m->keys[s])
		return false;
	if (value)
		*value = m->values[s];
	return true;
}
