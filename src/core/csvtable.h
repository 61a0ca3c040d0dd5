/* csvtable.h - a CSV file parsed into rows of cells, with its line numbers.
 *
 * Parsing is done by libcsv (RFC 4180 quoting); this wrapper adds the limits
 * fleksi needs for untrusted uploads (bytes, rows, columns, cell length), a
 * UTF-8 BOM strip, and delimiter detection: Indonesian Excel exports CSV with
 * semicolons, so a header with ';' and no ',' switches the delimiter. */
#ifndef FLEKSI_CORE_CSVTABLE_H
#define FLEKSI_CORE_CSVTABLE_H

#include <stddef.h>

#define CSV_MAX_COLUMNS 64
#define CSV_MAX_CELL 1024

struct csv_row {
	long line;        /* 1-based line where the record starts */
	int ncells;
	char **cells;
};

struct csv_table {
	struct csv_row *rows; /* rows[0] is the header */
	long nrows;
	long cap;
	char error[200];      /* set when parsing fails */
};

/* Parse data[0..len). max_rows bounds the data rows (header excluded).
 * Returns 0, ERR_INVALID (malformed CSV, error set) or ERR_TOO_BIG. */
int csvtable_parse(const char *data, size_t len, long max_rows, struct csv_table *t);
void csvtable_free(struct csv_table *t);
/* Column index of a header name, or -1. */
int csvtable_column(const struct csv_table *t, const char *name);

#endif
