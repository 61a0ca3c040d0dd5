/* mem.h - allocation that aborts on out-of-memory, and bounded growable buffers.
 *
 * Out of memory is not a condition fleksi tries to survive (as in redis'
 * zmalloc): every x* function either succeeds or aborts the process.
 * A struct buf always has a maximum; growing past it is ERR_TOO_BIG, an input
 * error, never an allocation failure (as in curl's dynbuf). */
#ifndef FLEKSI_CORE_MEM_H
#define FLEKSI_CORE_MEM_H

#include <stddef.h>
#include <stdarg.h>
#include <stdlib.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a new string owned by the caller. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

struct buf {
	char *data;   /* always NUL-terminated when len > 0 or after buf_init */
	size_t len;
	size_t cap;
	size_t max;   /* hard limit on len */
};

void buf_init(struct buf *b, size_t max);
void buf_free(struct buf *b);
void buf_reset(struct buf *b);
/* Append n bytes; ERR_TOO_BIG if the result would exceed b->max. */
int buf_append(struct buf *b, const void *p, size_t n);
int buf_puts(struct buf *b, const char *s);
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append s as a quoted JSON string (quotes, backslashes and control
 * characters escaped; other bytes, UTF-8 included, as they are). */
int buf_json_string(struct buf *b, const char *s);
/* Hand the data to the caller (who frees it) and reset the buffer. */
char *buf_steal(struct buf *b);

#endif
