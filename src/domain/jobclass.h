/* jobclass.h - the duty profile of a position: its job family and the five
 * criteria of Permen PANRB 4/2025 Pasal 11, derived from the position name
 * and the unit it is held in.
 *
 * The classification is data (a table in jobclass.c) that covers the common
 * jabatan fungsional, pelaksana and structural names of Indonesian regional
 * governments. A name is matched case-insensitively, with its jenjang
 * ("Ahli Muda", "Terampil" ...) stripped, first as a word prefix (the longest
 * pattern wins), then by a keyword anywhere in the name. A name that matches
 * nothing gets family "lainnya", no criteria and the unclassified flag: it is
 * reported and never guessed eligible.
 *
 * Pure: no I/O; every returned string is static. */
#ifndef FLEKSI_DOMAIN_JOBCLASS_H
#define FLEKSI_DOMAIN_JOBCLASS_H

#include <stdbool.h>

/* The five criteria of Pasal 11, as bits of jobclass_profile.criteria. */
enum jobclass_criterion {
	JC_OUTSIDE_OFFICE = 1 << 0,            /* can be done outside the office */
	JC_NO_SPECIAL_EQUIPMENT = 1 << 1,      /* needs no special room or equipment */
	JC_ICT_POSSIBLE = 1 << 2,              /* can be done with ICT */
	JC_MINIMAL_FACE_TO_FACE = 1 << 3,      /* needs minimal face-to-face interaction */
	JC_NO_CONTINUOUS_SUPERVISION = 1 << 4, /* needs no continuous supervision */
};
#define JC_CRITERIA_ALL 0x1fu
#define JC_CRITERIA_N 5

/* Kinds of time flexibility (Pasal 17) a duty suits. */
enum jobclass_time {
	JT_SHIFT = 1 << 0,   /* duties beyond 8.5 h a day or 5 days / 37.5 h a week */
	JT_DINAMIS = 1 << 1, /* duties not bound to office hours */
};

/* The unit context of a position. */
struct jobclass_unit {
	const char *kind;   /* one of org_unit_kinds[] */
	bool face_to_face;  /* the unit serves the public face to face */
};

struct jobclass_profile {
	const char *family;   /* one of jobclass_families[] */
	unsigned criteria;    /* JC_* bits that hold */
	unsigned time;        /* JT_* bits */
	bool unclassified;    /* no table entry matched */
	bool unit_context;    /* the unit changed the table's profile */
	const char *matched;  /* the table pattern that matched, NULL when none */
};

/* NULL-terminated list of the job families. */
extern const char *const jobclass_families[];
bool jobclass_is_family(const char *s);

/* Criterion bit <-> name ("outside_office" ...). jobclass_criterion_name
 * returns NULL for anything but a single known bit. */
const char *jobclass_criterion_name(unsigned bit);
unsigned jobclass_criterion_parse(const char *name); /* 0 when unknown */

/* Whether a unit kind / flag makes its staff serve face to face: the flag,
 * or a hospital, puskesmas or school. */
bool jobclass_unit_face_to_face(const struct jobclass_unit *u);

/* Classify from the name alone (no unit context). position_kind may be NULL. */
void jobclass_classify_name(const char *position_name, const char *position_kind, struct jobclass_profile *out);

/* Apply the unit context to a profile classified by name: in a face-to-face
 * unit, front-desk office roles become face-to-face service, and nobody's
 * duty needs only minimal face-to-face interaction; structural heads there
 * must also be present in the office. u may be NULL (no change). */
void jobclass_apply_unit(struct jobclass_profile *p, const char *position_kind, const struct jobclass_unit *u);

/* Both steps. */
void jobclass_classify(const char *position_name, const char *position_kind, const struct jobclass_unit *u,
		       struct jobclass_profile *out);

/* Number of patterns in the shipped table (for reports and tests). */
int jobclass_table_size(void);

#endif
