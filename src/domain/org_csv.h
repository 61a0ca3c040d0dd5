/* org_csv.h - the documented import formats (units.csv, employees.csv)
 * mapped onto org structs, with every bad cell reported by line and column.
 *
 * Pure: takes an already parsed struct csv_table, produces structs whose
 * strings point into the table (so the table must outlive them). */
#ifndef FLEKSI_DOMAIN_ORG_CSV_H
#define FLEKSI_DOMAIN_ORG_CSV_H

#include "core/csvtable.h"
#include "domain/org.h"

#define ORGCSV_MAX_LISTED 1000 /* problems listed in a report; more are counted */

struct orgcsv_problem {
	long line;
	char column[24];
	char message_id[200];
	char message_en[200];
};

struct orgcsv_problems {
	struct orgcsv_problem *items; /* up to ORGCSV_MAX_LISTED */
	int listed;
	long total;
};

extern const char *const orgcsv_unit_columns[];     /* NULL-terminated */
extern const char *const orgcsv_employee_columns[]; /* NULL-terminated */

void orgcsv_problems_init(struct orgcsv_problems *p);
void orgcsv_problems_free(struct orgcsv_problems *p);
void orgcsv_add(struct orgcsv_problems *p, long line, const char *column, const char *msg_id,
		const char *msg_en);

/* Map every data row. *out gets an array of n = t->nrows-1 structs (caller
 * frees the array only), *lines their line numbers. Field-level validation
 * (org_validate_*) is applied too; problems are appended to p. Returns 0, or
 * ERR_INVALID when the header lacks a required column (reported in p). */
int orgcsv_units(const struct csv_table *t, struct org_unit **out, long **lines, long *n,
		 struct orgcsv_problems *p);
int orgcsv_employees(const struct csv_table *t, struct org_employee **out, long **lines, long *n,
		     struct orgcsv_problems *p);

#endif
