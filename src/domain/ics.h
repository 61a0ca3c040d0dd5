/* ics.h - writing iCalendar (RFC 5545) text: content lines ending in CRLF,
 * folded at 75 octets without splitting a UTF-8 character, TEXT values
 * escaped. Pure: appends to a bounded struct buf (core/mem.h); every
 * function returns 0 or ERR_TOO_BIG when the buffer's maximum is passed. */
#ifndef FLEKSI_DOMAIN_ICS_H
#define FLEKSI_DOMAIN_ICS_H

#include "core/mem.h"

#include <stddef.h>
#include <stdint.h>

#define ICS_LINE_OCTETS 75

/* Append the unfolded line (len bytes, no CRLF) folded: at most 75 octets
 * per physical line, continuation lines start with one space, breaks only
 * between UTF-8 characters, each physical line ends in CRLF. */
int ics_fold(struct buf *b, const char *line, size_t len);
/* Append one content line "name:value" (value already in its final form). */
int ics_line(struct buf *b, const char *name, const char *value);
/* Append "name:value" with value escaped as TEXT (backslash, ';', ',' and
 * newlines; other control characters dropped). */
int ics_text(struct buf *b, const char *name, const char *value);
/* Escape TEXT into a new string (caller frees). */
char *ics_escape_text(const char *s);
/* "YYYYMMDD" of a day number (VALUE=DATE). */
void ics_date(int32_t day, char out[9]);
/* "YYYYMMDDTHHMMSSZ" of a Unix time. */
void ics_utc(int64_t unix_seconds, char out[17]);

#endif
