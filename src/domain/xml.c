/* xml.c - the escaping XML writer (see xml.h). */
#include "domain/xml.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int xml_declaration(struct buf *b)
{
	return buf_puts(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>");
}

int xml_open(struct buf *b, const char *name)
{
	return buf_printf(b, "<%s>", name);
}

int xml_close(struct buf *b, const char *name)
{
	return buf_printf(b, "</%s>", name);
}

int xml_text(struct buf *b, const char *text)
{
	const char *run = text;
	int rc = 0;
	for (const char *p = text; text && *p && !rc; p++) {
		unsigned char ch = (unsigned char)*p;
		const char *rep = NULL;
		switch (ch) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&apos;"; break;
		default:
			if (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r')
				rep = "";
		}
		if (!rep)
			continue;
		rc = buf_append(b, run, (size_t)(p - run));
		if (!rc)
			rc = buf_puts(b, rep);
		run = p + 1;
	}
	if (!rc && text)
		rc = buf_puts(b, run);
	return rc;
}

int xml_element(struct buf *b, const char *name, const char *text)
{
	int rc = xml_open(b, name);
	if (!rc)
		rc = xml_text(b, text ? text : "");
	if (!rc)
		rc = xml_close(b, name);
	return rc;
}

int xml_elementf(struct buf *b, const char *name, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	return xml_element(b, name, tmp);
}
