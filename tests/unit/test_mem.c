/* test_mem.c - bounded buffers, the string map and CSV parsing limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csvtable.h"
#include "core/err.h"
#include "core/mem.h"
#include "core/strmap.h"

static void test_buf_bounded(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 10);
	assert_int_equal(buf_puts(&b, "hello"), 0);
	assert_int_equal(buf_puts(&b, "world"), 0);
	assert_int_equal(buf_puts(&b, "!"), ERR_TOO_BIG); /* the maximum is an input error */
	assert_string_equal(b.data, "helloworld");
	buf_reset(&b);
	assert_int_equal(buf_printf(&b, "%d-%s", 42, "x"), 0);
	assert_string_equal(b.data, "42-x");
	char *s = buf_steal(&b);
	assert_string_equal(s, "42-x");
	free(s);
	assert_null(b.data);
	buf_free(&b);
}

static void test_buf_long_printf(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 1 << 20);
	char big[2000];
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_int_equal(buf_printf(&b, "<%s>", big), 0);
	assert_int_equal(b.len, 2001);
	buf_free(&b);
}

static void test_buf_json_string(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 256);
	assert_int_equal(buf_json_string(&b, "Dr. \"Siti\" \\ a\nb \xc3\xa9"), 0);
	assert_string_equal(b.data, "\"Dr. \\\"Siti\\\" \\\\ a\\u000ab \xc3\xa9\"");
	buf_reset(&b);
	assert_int_equal(buf_json_string(&b, ""), 0); /* nothing between the quotes */
	assert_int_equal(buf_json_string(&b, "\"\x01"), 0); /* escapes first and last, no run around them */
	assert_string_equal(b.data, "\"\"\"\\\"\\u0001\"");
	buf_free(&b);
	buf_init(&b, 4);
	assert_int_equal(buf_json_string(&b, "too long"), ERR_TOO_BIG); /* bounded like every buffer */
	buf_free(&b);
}

static void test_strmap(void **state)
{
	(void)state;
	struct strmap m;
	strmap_init(&m);
	char key[32];
	for (int i = 0; i < 100000; i++) {
		snprintf(key, sizeof key, "k%d", i);
		strmap_put(&m, key, i * 3);
	}
	int64_t v = 0;
	assert_true(strmap_get(&m, "k77777", &v));
	assert_int_equal(v, 77777 * 3);
	assert_false(strmap_get(&m, "nope", &v));
	strmap_put(&m, "k5", -1);
	assert_true(strmap_get(&m, "k5", &v));
	assert_int_equal(v, -1);
	assert_int_equal(m.len, 100000);
	strmap_free(&m);
}

static void test_csv_quotes_lines_bom(void **state)
{
	(void)state;
	const char *text = "\xEF\xBB\xBF" "a,b\n1,\"x, \"\"quoted\"\"\"\n\n2,\"multi\nline\"\n3,z\n";
	struct csv_table t;
	assert_int_equal(csvtable_parse(text, strlen(text), 100, &t), 0);
	assert_int_equal(t.nrows, 4);
	assert_int_equal(csvtable_column(&t, "a"), 0); /* BOM stripped from the first header */
	assert_string_equal(t.rows[1].cells[1], "x, \"quoted\"");
	assert_int_equal(t.rows[2].line, 4);
	assert_string_equal(t.rows[2].cells[1], "multi\nline");
	assert_int_equal(t.rows[3].line, 6); /* line numbers survive a quoted newline */
	csvtable_free(&t);
}

static void test_csv_semicolon_and_limits(void **state)
{
	(void)state;
	struct csv_table t;
	const char *semi = "kode;nama\nA;Satu\n";
	assert_int_equal(csvtable_parse(semi, strlen(semi), 10, &t), 0);
	assert_string_equal(t.rows[1].cells[1], "Satu");
	csvtable_free(&t);
	const char *rows = "h\n1\n2\n3\n";
	assert_int_equal(csvtable_parse(rows, strlen(rows), 2, &t), ERR_TOO_BIG);
	assert_int_equal(csvtable_parse("", 0, 2, &t), ERR_INVALID);
	const char *bad = "a,b\n\"unterminated,1\n";
	assert_int_equal(csvtable_parse(bad, strlen(bad), 10, &t), ERR_INVALID);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_bounded), cmocka_unit_test(test_buf_long_printf), cmocka_unit_test(test_buf_json_string),
		cmocka_unit_test(test_strmap), cmocka_unit_test(test_csv_quotes_lines_bom),
		cmocka_unit_test(test_csv_semicolon_and_limits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
