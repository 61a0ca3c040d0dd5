/* nip.h - Nomor Induk Pegawai: the 18-digit number of a PNS, and the PPPK
 * number that shares its shape (RULES.md section 6).
 *
 * Pure validation: no I/O, no allocation. Positions below are 1-based, as
 * people count them on paper.
 *
 *   PNS   YYYYMMDD YYYYMM G NNN   birth date, CPNS start month, gender, sequence
 *   PPPK  YYYYMMDD YYYY 2 B G NNN birth date, start year, '2', batch 1-9, gender, sequence
 *
 * Digit 13 tells them apart: a PNS start month is 01..12, so its digit 13 is
 * 0 or 1; a PPPK number has 2 there. */
#ifndef FLEKSI_DOMAIN_NIP_H
#define FLEKSI_DOMAIN_NIP_H

#include <stdbool.h>

#define NIP_LEN 18

#define NIP_PNS 1
#define NIP_PPPK 2

#define NIP_GENDER_MALE 1
#define NIP_GENDER_FEMALE 2

/* Plausible birth years of a serving or recently retired civil servant. */
#define NIP_BIRTH_YEAR_MIN 1940
#define NIP_BIRTH_YEAR_MAX 2015
/* Latest start year accepted: numbers are issued ahead of the start date,
 * but not by years. */
#define NIP_START_YEAR_MAX 2030
/* Minimum difference, in calendar years, between the birth year and the
 * start year. The legal minimum age to apply is 18 (PP 11/2017 Pasal 23);
 * the NIP only carries the two years, so someone born in December who
 * starts in January is a year younger than the difference says. 17 leaves
 * that year of margin and still refuses a start date that is plainly a
 * typing error. */
#define NIP_MIN_START_AGE 17

struct nip_info {
	int kind;                      /* NIP_PNS or NIP_PPPK */
	int birth_year, birth_month, birth_day;
	int start_year, start_month;   /* start_month is 0 for PPPK */
	int batch;                     /* PPPK batch digit 1..9; 0 for PNS */
	int gender;                    /* NIP_GENDER_MALE or NIP_GENDER_FEMALE */
	int sequence;                  /* 1..999 */
};

/* Parse and validate s. On success fills *out (when out is not NULL) and
 * returns 0; otherwise returns ERR_INVALID and leaves *out untouched.
 * s may be NULL (invalid). */
int nip_parse(const char *s, struct nip_info *out);

/* What is wrong with s, as one short Indonesian sentence, or NULL when s is a
 * valid NIP or PPPK number. When msg_en is not NULL it receives the same
 * sentence in English (or NULL). Both are static strings. The first problem
 * found is reported, reading the number from left to right. */
const char *nip_problem(const char *s, const char **msg_en);

bool nip_valid(const char *s);

/* Whether year-month-day is a real Gregorian calendar date (year 1..9999). */
bool nip_date_exists(int year, int month, int day);

#endif
