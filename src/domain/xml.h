/* xml.h - a small XML writer for replies (Open311 GeoReport v2 speaks XML).
 *
 * Writes into a bounded struct buf (core/mem.h). Text and attribute values
 * are escaped (& < > " ') and characters XML 1.0 forbids (C0 controls other
 * than tab, newline and carriage return) are dropped, so any stored string
 * can be written safely. Element names are the caller's constants. Pure. */
#ifndef FLEKSI_DOMAIN_XML_H
#define FLEKSI_DOMAIN_XML_H

#include "core/mem.h"

/* The XML declaration. */
int xml_declaration(struct buf *b);
/* <name> and </name>. */
int xml_open(struct buf *b, const char *name);
int xml_close(struct buf *b, const char *name);
/* Escaped text. */
int xml_text(struct buf *b, const char *text);
/* <name>text</name>; NULL text writes an empty element. */
int xml_element(struct buf *b, const char *name, const char *text);
/* <name>printf text</name>. */
int xml_elementf(struct buf *b, const char *name, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
