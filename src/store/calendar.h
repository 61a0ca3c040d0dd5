/* calendar.h (store) - stored calendar amendments, time zones of units, and
 * the private iCalendar feed secrets.
 *
 * Tables (migration 004, section "calendar"): calendar_version(id, year,
 * version, legal_reference, note, created_by, created_at) and
 * calendar_day_off(version_id, date, name, kind). The latest version of a
 * year wins; a year without versions uses the shipped list
 * (domain/calendar.h), else Monday..Friday only. feed_secret(employee_id, secret_hash,
 * secret_box, created_at) keeps a keyed hash and a sealed copy (see below). */
#ifndef FLEKSI_STORE_CALENDAR_H
#define FLEKSI_STORE_CALENDAR_H

#include "core/date.h"
#include "db/db.h"
#include "domain/calendar.h"

#include <stdbool.h>
#include <stdint.h>

/* One day off of an amendment, as the caller parsed it. */
struct day_off_input {
	const char *date;        /* "YYYY-MM-DD" inside the year */
	const char *name;
	enum day_off_kind kind;
};

/* Load the calendar of years year_from..year_to (at most 50 years): per year
 * the latest stored version, else the shipped list, else weekdays only.
 * Runs in the caller's transaction (any). *out must be freed with
 * calendar_free. */
int calendar_load(struct db_conn *c, int year_from, int year_to, struct calendar *out);

/* Store a new version of a year's list (the whole list, replacing the
 * previous one) in the caller's write transaction, audited as
 * "calendar.amend" on object "calendar:YYYY". Checks the input: dates inside
 * the year and not repeated, names 1..120 bytes, legal_reference required
 * (ERR_INVALID, *field names the culprit when field is not NULL). *version
 * gets the new version number (1 for the first amendment). */
int calendar_amend(struct db_conn *c, int year, const struct day_off_input *days, int n, const char *legal_reference,
		   const char *note, const char *actor, int *version);
/* As calendar_amend, with the offending field for the error reply. */
int calendar_amend_checked(struct db_conn *c, int year, const struct day_off_input *days, int n,
			   const char *legal_reference, const char *note, const char *actor, int *version,
			   const char **field, int *bad_index);

/* A stored version, for listings; strings valid during the callback. */
struct calendar_version_row {
	int year, version, days_off;
	const char *legal_reference, *note, *created_by, *created_at;
};
/* The stored versions of a year, newest first. */
int calendar_versions_each(struct db_conn *c, int year, int (*cb)(void *ctx, const struct calendar_version_row *v),
			   void *ctx);

/* The time zone of a unit: its own, else the nearest ancestor's, else its
 * instansi's. ERR_NOT_FOUND when no such unit. */
int unit_time_zone(struct db_conn *c, int64_t unit_id, enum tz_zone *out);

/* Set (tz >= 0) or clear (tz < 0: inherit again) a unit's own time zone in
 * the caller's write transaction, audited "unit.time_zone" on "unit:CODE".
 * ERR_NOT_FOUND when no such unit. */
int unit_time_zone_set(struct db_conn *c, int64_t unit_id, const char *code, int tz, const char *actor);

/* ---- private iCalendar feeds ----
 * A feed secret is 32 random bytes (libsodium) as 52 characters of
 * lower-case base32 (RFC 4648, no padding: short enough for one URL path
 * segment). The table
 * keeps its keyed BLAKE2b hash (key: the server's token key, kept outside
 * the database) for lookup, and the secret sealed with crypto_secretbox
 * under a key derived from the same server key, so the employee can be shown
 * the URL again while a copy of the database alone reveals no feed. */
#define FEED_SECRET_TEXT 53  /* 32 bytes as base32 + NUL */

/* The employee's feed secret into secret: the existing one, or a new one
 * (created in the caller's write transaction, audited "feed.create") when
 * none exists; rotate replaces it (audited "feed.rotate"). key is the
 * server's 32-byte token key. */
int feed_secret_issue(struct db_conn *c, const uint8_t key[32], int64_t employee_id, const char *nip, bool rotate,
		      const char *actor, char secret[FEED_SECRET_TEXT]);
/* The employee a presented secret belongs to; ERR_NOT_FOUND. */
int feed_employee_by_secret(struct db_conn *c, const uint8_t key[32], const char *secret, int64_t *employee_id);

/* A plan of the employee for the feed; strings valid during the callback. */
struct feed_plan {
	int64_t id;
	const char *date, *mode, *status, *location_address, *requested_at, *decided_at;
};
/* The employee's plans (table plan of the plans area), by date. */
int feed_plans_each(struct db_conn *c, int64_t employee_id, int (*cb)(void *ctx, const struct feed_plan *p), void *ctx);

#endif
