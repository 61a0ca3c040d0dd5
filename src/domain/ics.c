/* ics.c - iCalendar (RFC 5545) content lines: escaping, folding, dates. */
#include "domain/ics.h"

#include "core/date.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* RFC 5545 3.1: a physical line holds at most 75 octets; a continuation
 * starts with one space, which counts. A cut never lands on a UTF-8
 * continuation byte (10xxxxxx), so every character stays whole. */
int ics_fold(struct buf *b, const char *line, size_t len)
{
	size_t pos = 0;
	bool first = true;
	do {
		size_t room = first ? ICS_LINE_OCTETS : ICS_LINE_OCTETS - 1;
		size_t take = len - pos < room ? len - pos : room;
		if (pos + take < len)
			while (take > 1 && ((unsigned char)line[pos + take] & 0xC0) == 0x80)
				take--;
		int rc = first ? 0 : buf_append(b, " ", 1);
		if (!rc)
			rc = buf_append(b, line + pos, take);
		if (!rc)
			rc = buf_append(b, "\r\n", 2);
		if (rc)
			return rc;
		pos += take;
		first = false;
	} while (pos < len);
	return 0;
}

int ics_line(struct buf *b, const char *name, const char *value)
{
	struct buf tmp;
	buf_init(&tmp, b->max);
	int rc = buf_puts(&tmp, name);
	if (!rc)
		rc = buf_append(&tmp, ":", 1);
	if (!rc)
		rc = buf_puts(&tmp, value);
	if (!rc)
		rc = ics_fold(b, tmp.data, tmp.len);
	buf_free(&tmp);
	return rc;
}

char *ics_escape_text(const char *s)
{
	struct buf b;
	buf_init(&b, strlen(s) * 2 + 1);
	buf_puts(&b, "");
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '\\' || ch == ';' || ch == ',') {
			char esc[2] = {'\\', (char)ch};
			buf_append(&b, esc, 2);
		} else if (ch == '\n') {
			buf_append(&b, "\\n", 2);
		} else if (ch == '\r' || ch < 0x20 || ch == 0x7F) {
			continue; /* CR of a CRLF, and controls TEXT may not hold */
		} else {
			buf_append(&b, s, 1);
		}
	}
	return buf_steal(&b);
}

int ics_text(struct buf *b, const char *name, const char *value)
{
	char *esc = ics_escape_text(value ? value : "");
	int rc = ics_line(b, name, esc);
	free(esc);
	return rc;
}

void ics_date(int32_t day, char out[9])
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	char tmp[48];
	snprintf(tmp, sizeof tmp, "%04d%02d%02d", y % 10000, m, d);
	memcpy(out, tmp, 8);
	out[8] = '\0';
}

void ics_utc(int64_t unix_seconds, char out[17])
{
	int64_t days = unix_seconds / 86400, secs = unix_seconds % 86400;
	if (secs < 0) {
		secs += 86400;
		days--;
	}
	int y, m, d;
	date_to_ymd((int32_t)days, &y, &m, &d);
	char tmp[80];
	snprintf(tmp, sizeof tmp, "%04d%02d%02dT%02d%02d%02dZ", y % 10000, m, d, (int)(secs / 3600),
		 (int)(secs / 60 % 60), (int)(secs % 60));
	memcpy(out, tmp, 16);
	out[16] = '\0';
}
