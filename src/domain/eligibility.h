/* eligibility.h - who may work flexibly, and why (Permen PANRB 4/2025).
 *
 * A decision is made for each kind of flexibility: by location (wfh, wfa,
 * kantor_lain; Pasal 11-12) and by time (shift, dinamis; Pasal 17). It
 * depends on the duty profile of the position (jobclass.h), the person
 * (discipline, new employee, excluded group; Pasal 25 and 38), the policy
 * version of the instansi in force on the date (with the unit's overrides
 * already applied) and any exception a kepala OPD decided.
 *
 * elig_decide() is the fast path used in bulk: it only sets bit masks of the
 * rules checked, failed and waived. elig_explain() turns one verdict into
 * reasons with the legal basis and a sentence in Indonesian and English.
 * Pure: no I/O; strings in the inputs are owned by the caller. */
#ifndef FLEKSI_DOMAIN_ELIGIBILITY_H
#define FLEKSI_DOMAIN_ELIGIBILITY_H

#include "domain/jobclass.h"

#include <stdbool.h>
#include <stdint.h>

enum elig_kind {
	ELIG_WFH,          /* home = the domicile recorded in personnel data */
	ELIG_WFA,          /* another location set by the head of the agency */
	ELIG_KANTOR_LAIN,  /* another government office */
	ELIG_SHIFT,
	ELIG_DINAMIS,
	ELIG_KINDS_N
};
#define ELIG_LOCATION_N 3
#define ELIG_KIND_BIT(k) (1u << (k))
#define ELIG_KINDS_ALL 0x1fu

enum elig_rule {
	ELIG_R_POLICY_IN_FORCE,
	ELIG_R_AGENCY_ENABLED,
	ELIG_R_MODE_ALLOWED,
	ELIG_R_DUTY_CLASSIFIED,
	ELIG_R_OUTSIDE_OFFICE,         /* the five Pasal 11 criteria, in jobclass bit order */
	ELIG_R_NO_SPECIAL_EQUIPMENT,
	ELIG_R_ICT_POSSIBLE,
	ELIG_R_MINIMAL_FACE_TO_FACE,
	ELIG_R_NO_CONTINUOUS_SUPERVISION,
	ELIG_R_SHIFT_DUTY,
	ELIG_R_DINAMIS_DUTY,
	ELIG_R_DOMICILE_RECORDED,
	ELIG_R_NO_DISCIPLINE_CASE,
	ELIG_R_NO_RUNNING_SANCTION,
	ELIG_R_NOT_NEW_EMPLOYEE,
	ELIG_R_NOT_EXCLUDED_GROUP,
	ELIG_R_EXCEPTION,
	ELIG_R_SPECIAL_CIRCUMSTANCES,  /* informational: never fails (Pasal 30) */
	ELIG_RULES_N
};

/* Defaults of a policy version (RULES.md section 1). */
#define ELIG_DEFAULT_MAX_REMOTE_DAYS 2      /* Pasal 13(1) */
#define ELIG_DEFAULT_MAX_SHARE_AWAY_PCT 50  /* no national number; a setting */
#define ELIG_DEFAULT_NEW_EMPLOYEE_MONTHS 12 /* unconfirmed definition; a setting */
#define ELIG_REGULATION_IN_FORCE "2025-04-21"
#define ELIG_REGULATION "Permen PANRB 4/2025"

/* The policy in force for one unit on one date. */
struct elig_policy {
	bool in_force;                /* false: no version in force on the date */
	int version;                  /* 0: the built-in default */
	const char *valid_from;
	const char *legal_reference;
	bool enabled;                 /* the agency (or unit) has flexible work switched on */
	unsigned kinds;               /* ELIG_KIND_BIT(k) allowed */
	int max_remote_days_per_week;
	int max_share_away_pct;
	int new_employee_months;
};

/* A per-unit override; a negative number or has_* false inherits. */
struct elig_override {
	bool has_enabled;
	bool enabled;
	bool has_kinds;
	unsigned kinds;
	int max_remote_days_per_week;
	int max_share_away_pct;
};

struct elig_person {
	const char *employment;      /* pns, cpns, pppk */
	const char *service_start;   /* "YYYY-MM-DD" or NULL when unknown */
	bool has_domicile;
	bool open_case;              /* a disciplinary case open on the date */
	int64_t open_case_id;        /* that case, named in the message; 0 unknown */
	bool running_sanction;       /* a sanction running on the date */
	const char *sanction_code;   /* for the message, may be NULL */
	const char *sanction_until;
	const char *excluded_group;  /* "tni", "polri", "perwakilan_luar_negeri" or NULL */
};

enum elig_exception_decision { ELIG_EXC_NONE, ELIG_EXC_GRANT, ELIG_EXC_REFUSE };

struct elig_exception {
	enum elig_exception_decision decision;
	const char *valid_until;
	const char *justification;
	const char *decided_by;
};

/* An approved request for special circumstances covering the date: it lifts
 * the weekly cap of location-flexible days (Pasal 13(1)) for its period and
 * is shown as an informational reason; it changes no verdict. */
struct elig_special {
	long long request_id;
	const char *period_from, *period_to;
	const char *decided_by;
};

struct elig_input {
	const char *date;                       /* "YYYY-MM-DD" */
	const struct jobclass_profile *duty;
	const struct elig_person *person;
	const struct elig_policy *policy;
	const struct elig_exception *exception; /* may be NULL */
	const struct elig_special *special;     /* may be NULL */
};

struct elig_verdict {
	bool eligible;
	uint32_t checked;  /* bits (1 << enum elig_rule) evaluated */
	uint32_t failed;   /* failed and not waived */
	uint32_t waived;   /* failed duty criteria waived by a granted exception */
};

struct elig_decision {
	struct elig_verdict kind[ELIG_KINDS_N];
};

#define ELIG_MSG_MAX 320
#define ELIG_BASIS_MAX 200

struct elig_reason {
	enum elig_rule rule;
	bool passed;
	bool waived;
	char basis[ELIG_BASIS_MAX];
	char message_id[ELIG_MSG_MAX];
	char message_en[ELIG_MSG_MAX];
};

const char *elig_kind_name(enum elig_kind k);
int elig_kind_parse(const char *name);   /* -1 when unknown */
const char *elig_rule_name(enum elig_rule r);

/* The built-in default policy: in force from the regulation's date, with
 * every kind allowed; enabled is the instansi's switch. */
void elig_policy_default(struct elig_policy *p, const char *date, bool enabled);
/* Apply overrides in order (an ancestor's first, the unit's own last). */
void elig_policy_override(struct elig_policy *p, const struct elig_override *ov, int n);

/* Start of service from the NIP: a PNS number's CPNS month, a PPPK number's
 * start year; else appointed_on. Writes "YYYY-MM-DD" into out[11]; returns
 * false when nothing usable is known. */
bool elig_service_start(const char *nip, const char *appointed_on, char out[11]);
/* Whole months from a to b (both "YYYY-MM-DD"); negative when b < a. */
int elig_months_between(const char *a, const char *b);
/* Whether the person counts as a new employee on date under the policy. */
bool elig_is_new_employee(const struct elig_person *p, const struct elig_policy *pol, const char *date);

/* Decide every kind. */
void elig_decide(const struct elig_input *in, struct elig_decision *out);

/* Reasons for one verdict: for "yes" every rule checked (passed or waived);
 * for "no" every rule that failed. Returns how many were written (at most
 * max, ELIG_RULES_N is always enough). */
int elig_explain(const struct elig_input *in, enum elig_kind k, const struct elig_verdict *v,
		 struct elig_reason *out, int max);

#endif
