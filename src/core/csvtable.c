/* csvtable.c - bounded CSV parsing on top of libcsv (see csvtable.h). */
#include "core/csvtable.h"
#include "core/err.h"
#include "core/mem.h"

#include <csv.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct parse_state {
	struct csv_table *t;
	struct csv_row cur;
	long max_rows;
	long line;        /* current physical line while scanning */
	long row_line;    /* line where the current record started */
	int rc;
};

static void on_field(void *s, size_t len, void *data)
{
	struct parse_state *st = data;
	if (st->rc)
		return;
	if (st->cur.ncells == 0)
		st->cur.cells = xcalloc(CSV_MAX_COLUMNS, sizeof(char *));
	if (st->cur.ncells >= CSV_MAX_COLUMNS || len > CSV_MAX_CELL) {
		st->rc = ERR_TOO_BIG;
		snprintf(st->t->error, sizeof st->t->error,
			 "line %ld: too many columns or a cell longer than %d bytes", st->row_line, CSV_MAX_CELL);
		return;
	}
	st->cur.cells[st->cur.ncells++] = xstrndup(s ? s : "", len);
}

static void on_record(int c, void *data)
{
	(void)c;
	struct parse_state *st = data;
	if (st->rc)
		return;
	struct csv_table *t = st->t;
	bool blank = st->cur.ncells == 1 && st->cur.cells[0][0] == '\0';
	if (blank || st->cur.ncells == 0) {
		if (st->cur.cells) {
			free(st->cur.cells[0]);
			free(st->cur.cells);
		}
	} else {
		if (t->nrows > st->max_rows) {
			st->rc = ERR_TOO_BIG;
			snprintf(t->error, sizeof t->error, "more than %ld rows", st->max_rows);
			return;
		}
		if (t->nrows == t->cap) {
			t->cap = t->cap ? t->cap * 2 : 1024;
			t->rows = xrealloc(t->rows, (size_t)t->cap * sizeof *t->rows);
		}
		st->cur.line = st->row_line;
		t->rows[t->nrows++] = st->cur;
	}
	memset(&st->cur, 0, sizeof st->cur);
}

static unsigned char detect_delimiter(const char *data, size_t len)
{
	const char *nl = memchr(data, '\n', len);
	size_t hlen = nl ? (size_t)(nl - data) : len;
	bool comma = memchr(data, ',', hlen) != NULL, semi = memchr(data, ';', hlen) != NULL;
	return (semi && !comma) ? ';' : ',';
}

/* Feed the parser one physical line at a time so each record knows its line. */
static int feed_lines(struct csv_parser *p, const char *data, size_t len, struct parse_state *st)
{
	size_t off = 0;
	while (off < len && !st->rc) {
		const char *nl = memchr(data + off, '\n', len - off);
		size_t n = nl ? (size_t)(nl - (data + off)) + 1 : len - off;
		st->line++;
		/* A record starts on this line when the parser holds no partial record. */
		if (st->cur.ncells == 0 && p->pstate == 0 /* ROW_NOT_BEGUN */)
			st->row_line = st->line;
		if (csv_parse(p, data + off, n, on_field, on_record, st) != n) {
			snprintf(st->t->error, sizeof st->t->error, "line %ld: %s", st->line,
				 csv_strerror(csv_error(p)));
			return ERR_INVALID;
		}
		off += n;
	}
	return st->rc;
}

int csvtable_parse(const char *data, size_t len, long max_rows, struct csv_table *t)
{
	memset(t, 0, sizeof *t);
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) {
		data += 3;
		len -= 3;
	}
	struct csv_parser p;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL) != 0)
		return ERR_INVALID;
	csv_set_delim(&p, detect_delimiter(data, len));
	struct parse_state st = {.t = t, .max_rows = max_rows};
	int rc = feed_lines(&p, data, len, &st);
	if (!rc && csv_fini(&p, on_field, on_record, &st) != 0) {
		snprintf(t->error, sizeof t->error, "line %ld: %s", st.line, csv_strerror(csv_error(&p)));
		rc = ERR_INVALID;
	}
	if (!rc)
		rc = st.rc;
	csv_free(&p);
	for (int i = 0; i < st.cur.ncells; i++)
		free(st.cur.cells[i]);
	free(st.cur.cells);
	if (rc)
		csvtable_free(t);
	if (!rc && t->nrows == 0) {
		snprintf(t->error, sizeof t->error, "the file is empty: a header line is required");
		rc = ERR_INVALID;
	}
	return rc;
}

void csvtable_free(struct csv_table *t)
{
	for (long r = 0; r < t->nrows; r++) {
		for (int i = 0; i < t->rows[r].ncells; i++)
			free(t->rows[r].cells[i]);
		free(t->rows[r].cells);
	}
	free(t->rows);
	t->rows = NULL;
	t->nrows = t->cap = 0;
}

int csvtable_column(const struct csv_table *t, const char *name)
{
	if (!t->nrows)
		return -1;
	for (int i = 0; i < t->rows[0].ncells; i++)
		if (!strcmp(t->rows[0].cells[i], name))
			return i;
	return -1;
}
