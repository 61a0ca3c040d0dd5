/* special.h - requests for special circumstances (Permen PANRB 4/2025
 * Pasal 30): the rules of the request's life, pure.
 *
 * An employee files a request with a reason, a period, a work plan with the
 * outputs of the period and at least one evidence file, and submits it to
 * the head of the unit (kepala OPD of the body; admin BKD may also decide),
 * who approves, refuses or asks for changes with a note. After "changes
 * requested" the employee revises and submits again. Nobody decides their
 * own request. An approved request lifts the weekly cap of location-flexible
 * days (Pasal 13(1)) for its period.
 *
 *   draft --submit--> submitted --approve--> approved
 *     ^  revise,          |  \----refuse---> refused
 *     |  evidence         request_changes
 *     +-------------- changes_requested (revise, evidence, submit)
 *
 * No I/O; strings are owned by the caller. */
#ifndef FLEKSI_DOMAIN_SPECIAL_H
#define FLEKSI_DOMAIN_SPECIAL_H

#include <stdbool.h>
#include <stddef.h>

enum special_status {
	SPECIAL_DRAFT,
	SPECIAL_SUBMITTED,
	SPECIAL_CHANGES_REQUESTED,
	SPECIAL_APPROVED,
	SPECIAL_REFUSED,
	SPECIAL_STATUS_N
};

enum special_action {
	SPECIAL_REVISE,           /* change reason, period or plan (the employee) */
	SPECIAL_ADD_EVIDENCE,     /* the employee */
	SPECIAL_SUBMIT,           /* the employee */
	SPECIAL_APPROVE,          /* the head (or admin BKD), never the employee */
	SPECIAL_REFUSE,
	SPECIAL_REQUEST_CHANGES,
	SPECIAL_ACTION_N
};

/* Why an action is refused. */
enum special_problem {
	SPECIAL_OK,
	SPECIAL_BAD_STATE,        /* not allowed in the current status */
	SPECIAL_NO_EVIDENCE,      /* submit without an evidence file */
	SPECIAL_NO_PLAN,          /* submit without a planned output */
	SPECIAL_OWN_REQUEST,      /* a decision on one's own request */
	SPECIAL_NOT_OWNER,        /* filing actions by someone else */
	SPECIAL_NOTE_NEEDED,      /* refuse and request_changes need a note */
	SPECIAL_TOO_MANY_FILES,
};

#define SPECIAL_EVIDENCE_MAX_BYTES (2u * 1024 * 1024)
#define SPECIAL_EVIDENCE_MAX_FILES 5
#define SPECIAL_OUTPUTS_MAX 20
#define SPECIAL_PERIOD_MAX_DAYS 366
#define SPECIAL_NOTE_MIN 5
#define SPECIAL_BASIS "Permen PANRB 4/2025 Pasal 30"

/* What is known about the request and who acts. */
struct special_facts {
	enum special_status status;
	int evidence_files;
	int outputs;
	bool actor_is_owner;      /* the request is the actor's own */
	bool has_note;            /* a note of at least SPECIAL_NOTE_MIN characters */
};

const char *special_status_name(enum special_status s);
int special_status_parse(const char *name);          /* -1 when unknown */
const char *special_action_name(enum special_action a);

/* Decide one action: SPECIAL_OK with *to set to the next status, or the
 * problem (and *to untouched). Access (who heads whom) is checked by the
 * router before; this adds the rules of the request itself. */
enum special_problem special_next(enum special_action a, const struct special_facts *f, enum special_status *to);

/* Whether a period (both "YYYY-MM-DD", already real dates) may be filed on
 * today: from <= to, to not before today, at most SPECIAL_PERIOD_MAX_DAYS
 * days. When not, *p names the field and gives the sentences. */
struct special_period_problem {
	const char *field;
	const char *message_en, *message_id;
};
bool special_period_ok(const char *from, const char *to, const char *today, struct special_period_problem *p);

/* Days from a to b (both "YYYY-MM-DD"); negative when b < a. */
long special_days_between(const char *a, const char *b);

/* The media type of an evidence file from its first bytes, checked against
 * the declared type: "application/pdf", "image/jpeg", "image/png" (static
 * strings), or NULL when unsupported or when the bytes do not match. */
const char *special_evidence_type(const char *declared, const unsigned char *data, size_t len);

#endif
