/* org.h - the organisation: units, positions and employees as plain structs,
 * and the pure rules that validate them.
 *
 * Nothing here knows about HTTP, JSON or SQL. Strings are owned by whoever
 * filled the struct (the CSV parser, the demo generator, a storage row);
 * the rules only read them. Enumerated values (unit kind, position kind,
 * employment type, golongan) are kept as their canonical lower-case strings
 * because that is how they travel in CSV, JSON and SQL alike. */
#ifndef FLEKSI_DOMAIN_ORG_H
#define FLEKSI_DOMAIN_ORG_H

#include <stdbool.h>
#include <stdint.h>

#define ORG_CODE_MAX 32      /* unit code, bytes */
#define ORG_NAME_MAX 200     /* unit, position and person names, bytes */
#define ORG_NIP_LEN 18

struct org_unit {
	const char *code;          /* e.g. "5.01.0.00" or "DISDIK"; [A-Za-z0-9._-]{1,32} */
	const char *name;
	const char *parent_code;   /* NULL or "" for a root */
	const char *kind;          /* one of org_unit_kinds[] */
	bool face_to_face;         /* gives face-to-face public service */
	bool has_location;
	double lat, lon;           /* office location */
	int radius_m;              /* accepted distance around the office, 10..5000 */
	const char *service_open;  /* "HH:MM" or NULL: start of face-to-face service hours */
	const char *service_close; /* "HH:MM" or NULL */
};

struct org_employee {
	const char *nip;            /* 18 digits, see nip.h */
	const char *name;
	const char *employment;     /* "pns", "cpns" or "pppk" */
	const char *golongan;       /* "III/a" for PNS/CPNS, "IX" for PPPK */
	const char *position_name;  /* jabatan, e.g. "Perencana Ahli Muda" */
	const char *position_kind;  /* one of org_position_kinds[] */
	const char *unit_code;
	const char *supervisor_nip; /* NULL or "" only for jpt_utama / jpt_madya */
	const char *appointed_on;   /* tmt_jabatan, "YYYY-MM-DD" */
	bool has_domicile;
	double domicile_lat, domicile_lon;
	bool active;
};

/* NULL-terminated lists of the accepted canonical values. */
extern const char *const org_unit_kinds[];
extern const char *const org_position_kinds[];
extern const char *const org_employment_types[];

bool org_is_unit_kind(const char *s);
bool org_is_position_kind(const char *s);
bool org_is_employment_type(const char *s);
/* Golongan valid for the employment type: I/a..IV/e (pns, cpns), I..XVII (pppk). */
bool org_is_golongan(const char *employment, const char *golongan);
/* Strict "YYYY-MM-DD" with a real calendar date. */
bool org_is_date(const char *s);
/* Strict "HH:MM", 00:00..23:59. */
bool org_is_hhmm(const char *s);
bool org_is_unit_code(const char *s);
/* Whether a position kind may have no direct supervisor (reports to the
 * Governor, who is not a civil servant). */
bool org_position_may_lack_supervisor(const char *position_kind);
/* Jenjang (level) of a fungsional position name, e.g. "Ahli Muda", or NULL. */
const char *org_jenjang_of(const char *position_name);

/* One problem found in an input record: which field, and why, in Indonesian
 * and English. Messages are static strings or owned by the caller of the
 * validator (see org_problems). */
struct org_problem {
	const char *field;
	char message_id[160];
	char message_en[160];
};

/* Validation. Each fills at most max problems into out and returns how many
 * were found (0 = valid). Only field-local rules are checked here; references
 * (parent exists, supervisor exists, no cycle) are checked against the whole
 * data set by the caller. */
int org_validate_unit(const struct org_unit *u, struct org_problem *out, int max);
int org_validate_employee(const struct org_employee *e, struct org_problem *out, int max);

/* Cycle detection over a supervisor forest given as indices: sup[i] is the
 * index of i's supervisor or -1. Returns the index of one member of a cycle,
 * or -1 when the graph is acyclic. Uses O(n) scratch memory. */
long org_find_supervisor_cycle(const long *sup, long n);

#endif
