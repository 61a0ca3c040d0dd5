/* letter.h - PDF drafts of the letters of a disciplinary case (PP 94/2021
 * Pasal 26-33; Perba BKN 6/2022 formats), rendered with libharu, pure: no
 * database, no HTTP; the caller fills in the facts.
 *
 * Three kinds:
 *   "summons"        Surat Panggilan I (examination <= 7 working days ahead)
 *   "summons_again"  Surat Panggilan II (after a missed examination)
 *   "decision"       Keputusan ... tentang Penjatuhan Hukuman Disiplin
 * The text is Indonesian, dates are written out ("28 November 2026"). These
 * are drafts: an official checks, numbers and signs them. */
#ifndef FLEKSI_DOMAIN_LETTER_H
#define FLEKSI_DOMAIN_LETTER_H

#include <stddef.h>

/* A code and a human message, for callers that want to tell the reader why.
 * Defined here because the letter is its first user; guarded so that a later
 * project-wide definition can take over. */
#ifndef FLEKSI_STRUCT_ERR
#define FLEKSI_STRUCT_ERR
struct err {
	int code;            /* 0 or an enum err_code (core/err.h) */
	char field[32];      /* the facts field at fault, or "" */
	char message[160];
};
#endif

/* Every string is UTF-8 (only Latin-1 characters print; others become '?').
 * NULL or "" fields print as a dotted blank to be filled in by hand, except
 * kind, employee_name and nip, which are required. */
struct letter_facts {
	const char *kind;    /* "summons" | "summons_again" | "decision" */
	const char *number;  /* letter number */
	const char *instansi, *unit_name, *place, *date;   /* date: YYYY-MM-DD */
	const char *employee_name, *nip, *jabatan, *golongan;
	const char *signer_name, *signer_nip, *signer_jabatan;
	const char *exam_date, *exam_time, *exam_place;    /* summons: YYYY-MM-DD, "09:00", room */
	const char *facts;   /* the violations, plain text ('\n' starts a new paragraph) */
	const char *sanction_code, *sanction_text;
	const char *legal_basis;                           /* decision */
};

/* Renders the letter as a PDF into a malloc'd buffer (*pdf, *len; the caller
 * frees it). Returns 0, or ERR_INVALID (unknown kind, missing employee, bad
 * date; e->field names it) or ERR_IO (libharu failed). e may be NULL. */
int letter_render_pdf(const struct letter_facts *f, unsigned char **pdf, size_t *len, struct err *e);

/* "2026-11-28" -> "28 November 2026" into out; returns 0 or ERR_INVALID. */
int letter_date_id(const char *ymd, char *out, size_t outsz);

#endif
