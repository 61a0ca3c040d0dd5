/* open311.h - citizens' reports: the services fleksi offers under Open311
 * GeoReport v2, the handling status machine, deadlines in working days, the
 * "names a person" screen for moderation, and small-number suppression.
 *
 * Pure: no SQL, JSON or HTTP. Times are Unix seconds; dates are day numbers
 * of core/date.h; local time is WIB (the DKI instansi's zone). Deadlines
 * count working days of a calendar (domain/calendar.h); with no calendar,
 * Monday..Friday. */
#ifndef FLEKSI_DOMAIN_OPEN311_H
#define FLEKSI_DOMAIN_OPEN311_H

#include "domain/calendar.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define OPEN311_SPEC_URL "http://wiki.open311.org/GeoReport_v2"
#define OPEN311_JURISDICTION "jakarta.go.id"
#define OPEN311_DESCRIPTION_MAX 4000
#define OPEN311_FIELD_MAX 200
#define OPEN311_URL_MAX 1000
#define OPEN311_ATTRIBUTES_MAX 20

/* ---- services ---- */
enum open311_datatype { O311_STRING, O311_NUMBER, O311_DATETIME, O311_TEXT, O311_SINGLEVALUELIST,
			O311_MULTIVALUELIST };

struct open311_value {
	const char *key;
	const char *name;
};

struct open311_attribute {
	const char *code;            /* also the variable name in attribute[code] */
	enum open311_datatype datatype;
	bool required;
	const char *datatype_description;
	int order;
	const char *description;     /* the question shown to the citizen */
	const struct open311_value *values; /* list types; NULL-key terminated */
};

struct open311_service {
	const char *code;
	const char *name;            /* Indonesian, with the English in description */
	const char *description;
	const char *keywords;        /* comma-separated */
	const char *group;
	const struct open311_attribute *attributes;
	int nattributes;
};

/* Every service, in display order; *n gets the count. */
const struct open311_service *open311_services(int *n);
/* The service with this code, NULL when none. */
const struct open311_service *open311_service_find(const char *code);
const char *open311_datatype_name(enum open311_datatype t);
/* Whether value is a key of the attribute's list (list types only). */
bool open311_value_ok(const struct open311_attribute *a, const char *value);

/* ---- handling ---- */
enum report_status {
	REPORT_RECEIVED, REPORT_VERIFIED, REPORT_FORWARDED, REPORT_IN_PROGRESS, REPORT_ANSWERED,
	REPORT_CLOSED, REPORT_POSTPONED, REPORT_NOT_OUR_AUTHORITY, REPORT_STATUS_N
};
const char *report_status_name(enum report_status s);
/* -1 when the name is not a status. */
int report_status_parse(const char *name);
/* Open311 shows only open or closed: answered, closed and not_our_authority
 * are closed (the citizen has had the body's answer). */
bool report_status_is_closed(enum report_status s);
/* Whether a handler may move a report from one status to another. Received
 * must be verified (or declined as not our authority) first; forwarded
 * starts over at the new unit; closed is final. */
bool report_transition_allowed(enum report_status from, enum report_status to);
/* Whether a handler has substantiated the report, so it may become a
 * violation of an employee (issue 7 item 4): verified at its current unit
 * (its content is within the body's authority and checked) and neither
 * declined (not_our_authority), sent elsewhere (forwarded) nor final
 * (closed): verified, in_progress, postponed or answered. */
bool report_status_substantiated(enum report_status s);

/* The deadline settings (store: report_setting). */
struct report_rules {
	int verify_days;       /* working days to verify (SP4N-LAPOR!: 3) */
	int answer_days;       /* working days to follow up after verification (5) */
	int kelurahan_hours;   /* DKI CRM (Pergub 128/2017): a kelurahan follows up within 24 h */
	int min_group;         /* small-number suppression: figures about fewer people are hidden */
};

/* The day n working days after day (n >= 0; n = 0 gives day). cal NULL:
 * Monday..Friday. */
int32_t open311_add_working_days(const struct calendar *cal, int32_t day, int n);
/* The moment n working days after t, at the same WIB time of day. */
int64_t open311_working_deadline(const struct calendar *cal, int64_t t, int n);
/* Deadlines of a report received at t: verification, and the answer
 * (verify + answer working days; kelurahan_hours for a kelurahan). */
void open311_deadlines(const struct calendar *cal, const struct report_rules *r, int64_t received, bool kelurahan,
		       int64_t *verify_due, int64_t *answer_due);
/* The answer deadline once verified at t (a kelurahan keeps its 24 h). */
int64_t open311_answer_due_after_verify(const struct calendar *cal, const struct report_rules *r, int64_t received,
					 int64_t verified, bool kelurahan);
/* Whether a report is overdue at now: not yet verified past verify_due, or
 * not yet answered past answer_due. *kind gets "verify" or "answer". */
bool open311_overdue(enum report_status s, int64_t verify_due, int64_t answer_due, int64_t now, const char **kind);

/* Whether free text seems to name or identify a person: an honorific
 * followed by a capitalised word (Pak Budi, Bu Sari, Sdr. Andi), an 18-digit
 * NIP, an e-mail address or a phone number. Such descriptions wait for a
 * moderator before they are public. */
bool open311_names_people(const char *text);

/* ---- time text ---- */
/* "2026-03-02T08:15:00+07:00" (WIB) into out[32]. */
void open311_format_wib(int64_t t, char out[32]);
/* ISO 8601: "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS[.fff]]" with "Z", "+HH:MM",
 * "+HHMM" or no zone (then WIB). false when malformed. */
bool open311_parse_datetime(const char *s, int64_t *t);

/* ---- figures ---- */
/* The median of n values (sorted in place); 0 when n == 0. */
double open311_median(int64_t *v, size_t n);
/* Whether a figure counting `people` persons must be withheld. */
bool open311_suppressed(long people, int min_group);

#endif
