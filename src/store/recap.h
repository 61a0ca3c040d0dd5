/* recap.h (store) - the monthly attendance recap of a unit subtree from the
 * closed day accounts (day_account, migration 008), the TPP scheme in force
 * (tpp_setting, migration 010; store/tpp.h) and the sanctions running in the
 * month (discipline_case), and its files: XLSX (libxlsxwriter) and CSV.
 *
 * Who is listed: the active employees of the subtree, and anyone with a day
 * account in the subtree in the month (moved away or left since), limited
 * to the caller's scope. Days count where they were worked: an account
 * belongs to the unit it was closed for (day_account.unit_id), like
 * GET /api/v1/attendance?unit=. */
#ifndef FLEKSI_STORE_RECAP_H
#define FLEKSI_STORE_RECAP_H

#include "auth/roles.h"
#include "db/db.h"
#include "domain/recap.h"
#include "store/tpp.h"

#include <stddef.h>
#include <stdint.h>

#define RECAP_EMPLOYEES_MAX 100000   /* a recap past this is refused (ERR_TOO_BIG) */

struct recap_person {
	int64_t id;
	char nip[19];
	char *name, *jabatan;          /* owned by the recap */
	char unit_code[33];            /* the employee's unit now */
	char *unit_name;               /* owned by the recap */
	struct recap_month month;
	bool sedang_running;           /* a sedang sanction (potongan_tpp_25_*) runs in the month */
	char sanction_code[40];        /* that sanction, "" when none */
	struct recap_deduction tpp;
};

struct recap {
	int year, month, ndays;        /* ndays: days in the month */
	char month_text[8];            /* "YYYY-MM" */
	char unit_code[33], unit_name[256];
	struct tpp_setting scheme;
	int closed_dates;              /* dates of the month closed so far */
	struct recap_person *people;   /* sorted by name, then NIP */
	int n;
};

/* Load the recap of the unit subtree (path) for year-month, scoped by sc,
 * in the caller's read transaction. unit_code/name label the files.
 * Free with recap_free (also after an error). */
int recap_load(struct db_conn *c, const struct scope *sc, const char *unit_path, const char *unit_code,
	       const char *unit_name, int year, int month, struct recap *out);
void recap_free(struct recap *r);

/* The files, malloc'd (caller frees). CSV: RFC 4180, UTF-8 with a BOM (so
 * spreadsheet programs read the names right), CRLF. XLSX: sheet "Rekap"
 * (title, header, one row per person, frozen panes, number formats) and
 * sheet "Harian" (person x day status codes, with a legend) and sheet
 * "Per unit" (the same counts summed per unit, by the employees' units
 * now). ERR_IO when
 * the temporary file libxlsxwriter needs cannot be written. */
int recap_csv(const struct recap *r, char **out, size_t *len);
int recap_xlsx(const struct recap *r, char **out, size_t *len);

#endif
