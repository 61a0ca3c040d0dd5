/* test_ics.c - iCalendar text: CRLF endings, folding at 75 octets without
 * splitting a UTF-8 character, TEXT escaping, dates. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "core/date.h"
#include "core/err.h"
#include "core/mem.h"
#include "domain/ics.h"

#include <stdlib.h>
#include <string.h>

/* Undo folding (RFC 5545 3.1): drop every CRLF followed by one space. */
static char *unfold(const char *s)
{
	char *out = malloc(strlen(s) + 1), *o = out;
	while (*s) {
		if (s[0] == '\r' && s[1] == '\n' && s[2] == ' ')
			s += 3;
		else
			*o++ = *s++;
	}
	*o = '\0';
	return out;
}

/* Every physical line ends in CRLF, is at most 75 octets and (when it is a
 * continuation) starts with a space; no line starts inside a UTF-8 character. */
static void check_lines(const char *s)
{
	const char *p = s;
	bool first = true;
	while (*p) {
		const char *crlf = strstr(p, "\r\n");
		assert_non_null(crlf);
		assert_true(crlf - p <= ICS_LINE_OCTETS);
		assert_null(memchr(p, '\n', (size_t)(crlf - p)));
		if (!first && *p == ' ')
			assert_true(((unsigned char)p[1] & 0xC0) != 0x80);
		assert_true(((unsigned char)p[0] & 0xC0) != 0x80);
		first = false;
		p = crlf + 2;
	}
}

static void test_short_line(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 1 << 20);
	assert_int_equal(ics_line(&b, "BEGIN", "VCALENDAR"), 0);
	assert_string_equal(b.data, "BEGIN:VCALENDAR\r\n");
	buf_free(&b);
}

static void test_fold_ascii_exactly(void **state)
{
	(void)state;
	char value[200];
	memset(value, 'x', sizeof value - 1);
	value[sizeof value - 1] = '\0';
	struct buf b;
	buf_init(&b, 1 << 20);
	assert_int_equal(ics_line(&b, "DESCRIPTION", value), 0);
	check_lines(b.data);
	/* "DESCRIPTION:" + 199 = 211 octets: 75 + 74 + 62 */
	const char *second = strstr(b.data, "\r\n") + 2;
	assert_int_equal(second - b.data, 77);
	assert_int_equal(second[0], ' ');
	char *u = unfold(b.data);
	assert_int_equal(strlen(u), 211 + 2);
	assert_memory_equal(u + 12, value, 199);
	free(u);
	buf_free(&b);
}

/* "Hari Raya Idul Fitri" in Arabic script and emoji: multi-byte characters
 * around every cut position. */
static void test_fold_utf8(void **state)
{
	(void)state;
	for (int pad = 0; pad < 4; pad++) {
		struct buf line, b;
		buf_init(&line, 1 << 20);
		buf_init(&b, 1 << 20);
		for (int i = 0; i < pad; i++)
			buf_puts(&line, "a");
		for (int i = 0; i < 30; i++)
			buf_puts(&line, "é€😀عيد");
		assert_int_equal(ics_text(&b, "SUMMARY", line.data), 0);
		check_lines(b.data);
		char *u = unfold(b.data);
		char *want = malloc(line.len + 3);
		strcpy(want, line.data);
		strcat(want, "\r\n");
		assert_string_equal(u + strlen("SUMMARY:"), want);
		free(want);
		free(u);
		buf_free(&line);
		buf_free(&b);
	}
}

static void test_escape(void **state)
{
	(void)state;
	char *e = ics_escape_text("Jl. Merdeka, No. 1; Gambir\\Jakarta\r\nBaris 2\x01");
	assert_string_equal(e, "Jl. Merdeka\\, No. 1\\; Gambir\\\\Jakarta\\nBaris 2");
	free(e);
	e = ics_escape_text("");
	assert_string_equal(e, "");
	free(e);
}

static void test_dates(void **state)
{
	(void)state;
	char d[9], t[17];
	ics_date(date_from_ymd(2026, 3, 21), d);
	assert_string_equal(d, "20260321");
	ics_utc(0, t);
	assert_string_equal(t, "19700101T000000Z");
	ics_utc(1774051200 + 3723, t); /* 2026-03-21T01:02:03Z */
	assert_string_equal(t, "20260321T010203Z");
}

static void test_bounded(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 40);
	assert_int_equal(ics_line(&b, "SUMMARY", "this line is longer than forty octets in total"), ERR_TOO_BIG);
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_short_line), cmocka_unit_test(test_fold_ascii_exactly),
		cmocka_unit_test(test_fold_utf8), cmocka_unit_test(test_escape),
		cmocka_unit_test(test_dates), cmocka_unit_test(test_bounded),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
