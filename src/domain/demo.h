/* demo.h - a deterministic demo organisation of Pemprov DKI Jakarta.
 *
 * The generator streams a realistic organisation (RULES.md section 7) to a
 * sink: Sekretariat Daerah with its biro, Sekretariat DPRD, Inspektorat, the
 * dinas and badan with their suku dinas, UPT, hospitals, puskesmas and
 * schools, 5 kota administrasi and Kabupaten Administrasi Kepulauan Seribu
 * with their 44 kecamatan and 267 kelurahan, and the civil servants who work
 * there (valid NIPs, golongan, supervisors). Nothing is kept after a call:
 * the output is a pure function of the options, so the same seed and head
 * count always give byte-identical output. No global state: calls on
 * different threads are independent. */
#ifndef FLEKSI_DOMAIN_DEMO_H
#define FLEKSI_DOMAIN_DEMO_H

#include <stdint.h>

#include "domain/org.h"

#define DEMO_DEFAULT_EMPLOYEES 62000L
#define DEMO_MIN_EMPLOYEES 100L
#define DEMO_MAX_EMPLOYEES 5000000L

struct demo_options {
	long employees; /* target head count, DEMO_MIN_EMPLOYEES..DEMO_MAX_EMPLOYEES;
	                   0 means DEMO_DEFAULT_EMPLOYEES */
	uint64_t seed;  /* names, NIPs, dates and domiciles; the structure of the
	                   organisation depends only on employees */
};

/* Where the organisation goes. Either callback may be NULL (that part is
 * skipped). A callback returns 0 to go on; any other value stops generation
 * and demo_generate returns it (a positive value is returned as ERR_INVALID).
 * The strings in the structs are valid only during the callback. */
struct demo_sink {
	void *ctx;
	int (*unit)(void *ctx, const struct org_unit *u);
	int (*employee)(void *ctx, const struct org_employee *e);
};

/* A few well-known people and units of the generated organisation, for demo
 * logins and walkthroughs. */
struct demo_people {
	char admin_unit[ORG_CODE_MAX + 1];       /* Badan Kepegawaian Daerah */
	char kepala_opd_nip[ORG_NIP_LEN + 1];    /* Kepala Bappeda */
	char kepala_opd_unit[ORG_CODE_MAX + 1];  /* Bappeda */
	char atasan_nip[ORG_NIP_LEN + 1];        /* a Kepala Bidang in Bappeda with staff */
	char pegawai_nip[ORG_NIP_LEN + 1];       /* a Perencana Ahli Muda reporting to atasan */
	char inspektur_nip[ORG_NIP_LEN + 1];     /* the Inspektur Provinsi */
	char inspektorat_unit[ORG_CODE_MAX + 1]; /* the Inspektorat */
};

/* Generate the organisation and stream it to sink: first every unit, each
 * parent before its children, then every employee, each supervisor before
 * those who report to them. opt may be NULL (default head count, seed 0);
 * people may be NULL, otherwise it is filled when generation completes.
 * The head count is opt->employees within 2% (exact unless the target is so
 * small that every remaining unit needs its head).
 * Returns 0, ERR_INVALID for a NULL sink or a head count out of range, or
 * the first non-zero value a callback returned. Memory: about 3 MB for
 * the units plus 4 to 8 bytes per employee (NIP uniqueness); nothing is
 * held after return. Time: about 0.4 microseconds per employee. */
int demo_generate(const struct demo_options *opt, const struct demo_sink *sink,
	struct demo_people *people);

#endif
