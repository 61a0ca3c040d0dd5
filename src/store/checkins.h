/* checkins.h (store) - presence records, their context, group commit, and
 * the presence settings.
 *
 * Tables (migration 005): checkin, device, presence_setting.
 *
 * Speed. A check-in is validated on the request's thread against a cached
 * context (the employee's unit, office, domicile and time zone; the day's
 * approved plan and working day; the settings) and then handed to the group
 * committer: one writer thread takes every pending check-in, writes them in
 * ONE write transaction on its own connection and, after COMMIT, calls each
 * record's callback (the API then resumes the suspended HTTP connection
 * with the 201). A request answers 201 only after its batch committed.
 * SQLite has one writer anyway; batching turns N commits (N fsyncs) into
 * one, and no request thread sleeps while a batch commits.
 *
 * Inside the batch transaction each record is checked against the stored
 * history, serially, so these are exact even under concurrency: the
 * two-records-a-day rule (ERR_CONFLICT with a code), impossible travel since
 * the previous record, the registered device (registered on first use) and
 * a device shared with another employee that day.
 *
 * Cache correctness: every active employee's unit, office, domicile and
 * time zone, all schedules, assignments, flexible starts and the calendar,
 * and the approved plans of the days around today come from one shared
 * snapshot replaced every PRESENCE_WORLD_TTL_MS (an employee missing from
 * it is read from the database; so are the plans of an employee after
 * presence_cache_forget()); the day worked out from it is reused for
 * PRESENCE_DAY_TTL_MS; settings come with the snapshot. A schedule or an
 * office changed reaches check-ins within PRESENCE_WORLD_TTL_MS, a plan
 * approved on another path within PRESENCE_WORLD_TTL_MS +
 * PRESENCE_DAY_TTL_MS (90 s). The request path reads no table in the
 * common case (the session comes from store/session_cache.h's snapshot):
 * on SQLite every read on a request connection after another connection's
 * COMMIT starts with a cold page cache (WAL), which is what made check-ins
 * slow. Nothing that decides a 409 or the device is cached: the writer
 * checks those against the tables, serially, inside the batch.
 *
 * Durability: FLEKSI_CHECKIN_SYNC=full (default) answers a record only
 * after its batch is committed and the WAL synced (db_durable: survives a
 * power cut); the sync runs on its own thread while the writer writes the
 * next batch. =normal answers right after COMMIT (survives a crash of the
 * process, kill -9, not a power cut). PostgreSQL commits durably either
 * way. */
#ifndef FLEKSI_STORE_CHECKINS_H
#define FLEKSI_STORE_CHECKINS_H

#include "core/date.h"
#include "db/db.h"
#include "domain/presence.h"

#include <stdbool.h>
#include <stdint.h>

#define PRESENCE_DAY_TTL_MS 30000
#define PRESENCE_SETTINGS_TTL_MS 60000
#define PRESENCE_WORLD_TTL_MS 60000     /* schedules and calendar snapshot */
#define PRESENCE_DEVICE_ID_MAX 64
#define PRESENCE_BATCH_MAX 512

/* What is known about an employee for presence, independent of the day. */
struct presence_person {
	int64_t employee_id;
	int64_t unit_id;
	int64_t instansi_id;
	enum tz_zone tz;
	struct presence_place office;
	bool has_domicile;
	double home_lat, home_lon;
	struct presence_settings settings;
};

/* What a day holds for the employee: the approved plan and the working day. */
struct presence_day {
	int32_t day;
	enum presence_mode mode;
	bool has_plan;
	int64_t plan_id;
	struct presence_place place;   /* the declared place (wfa) or the other office (kantor_lain) */
	struct workday work;
};

/* The person from the snapshot (loaded on first use and every
 * PRESENCE_WORLD_TTL_MS, on c), else from the database; ERR_NOT_FOUND for an
 * unknown or inactive employee. c must have no transaction open. */
int presence_person_get(struct db_conn *c, int64_t employee_id, int64_t now_ms, struct presence_person *out);
/* The day of the employee: the approved plan (cached PRESENCE_DAY_TTL_MS)
 * and the working day (from the snapshot). Same rules. */
int presence_day_get(struct db_conn *c, const struct presence_person *p, int32_t day, int64_t now_ms,
		     struct presence_day *out);
/* Forget the cached plans of the day of one employee (0: of everyone), for a
 * caller that just decided a plan and wants check-ins to see it at once. */
void presence_cache_forget(int64_t employee_id);

/* One record on its way to the database. The caller fills the input part;
 * checkin_commit fills the result part. */
struct checkin_new {
	/* input */
	int64_t employee_id, unit_id;
	const char *actor;             /* username, for the audit line */
	char work_date[DATE_TEXT];
	int local_minute;              /* of the work date (may pass 1440) */
	enum tz_zone tz;
	enum presence_kind kind;
	enum presence_mode mode;
	int64_t plan_id;               /* 0: none */
	int64_t server_ms, client_ms;  /* client_ms < 0: none */
	double lat, lon, accuracy_m;
	char device_id[PRESENCE_DEVICE_ID_MAX + 1];
	struct presence_settings settings;
	struct presence_verdict verdict; /* the request-side flags; the writer adds its own */
	/* result */
	int64_t id;
	int rc;                        /* 0, ERR_CONFLICT (see conflict), or a storage error */
	const char *conflict;          /* "already_checked_in" | "already_checked_out" | "out_before_in" */
	bool device_registered;        /* this record registered the device (first use) */
	char *flags_json;              /* the stored flags (presence_flags_json); owned, free it */
};

/* Hand rec to the group committer and return at once; done(ctx) is called
 * on the sync thread after rec's batch committed and synced (or failed), with the
 * result part of rec filled. rec must stay valid until then. The writer
 * thread starts on first use and takes one connection of db for good (its
 * page cache stays warm). */
void checkin_submit(struct db *db, struct checkin_new *rec, void (*done)(void *ctx), void *ctx);
/* The same, waiting until rec's batch committed. Returns rec->rc. */
int checkin_commit(struct db *db, struct checkin_new *rec);

/* The flags of a verdict as the compact JSON array stored in checkin.flags
 * and returned by the API: [{"flag","message_id","message_en",numbers...}].
 * Caller frees. */
char *presence_flags_json(const struct presence_verdict *v);

/* The days from FROM to TO (SQL text: a parameter or a subquery giving
 * YYYY-MM-DD) as rows of d(day), to begin a statement with. A reader of
 * one employee's records joins checkin on (work_date = d.day AND
 * employee_id = ...): the unique key leads with the day (migration 016), so
 * that probes it day by day instead of reading every employee's records of
 * the range. */
#define CHECKIN_DAYS_SQLITE(from, to)                                                                               \
	"WITH RECURSIVE d(day) AS (SELECT CAST(" from " AS TEXT)"                                                    \
	" UNION ALL SELECT date(day, '+1 day') FROM d WHERE day < " to ") "
#define CHECKIN_DAYS_PG(from, to)                                                                                   \
	"WITH d(day) AS (SELECT to_char(g, 'YYYY-MM-DD') COLLATE \"C\" FROM generate_series(CAST(" from " AS date),"      \
	" CAST(" to " AS date), interval '1 day') g) "
/* "FROM" the check-ins c of employee WHO on the days d. PostgreSQL is made
 * to probe day by day (LATERAL, kept apart by OFFSET 0): it guesses 1,000
 * rows for generate_series and would rather scan every partition. */
#define CHECKIN_OF_DAYS_SQLITE(who) " FROM d JOIN checkin c ON c.work_date = d.day AND c.employee_id = " who
#define CHECKIN_OF_DAYS_PG(who)                                                                                     \
	" FROM d CROSS JOIN LATERAL (SELECT * FROM checkin x WHERE x.work_date = d.day AND x.employee_id = " who       \
	" OFFSET 0) c"

/* One stored record, for listings; strings valid during the callback. */
struct checkin_row {
	int64_t id;
	const char *nip, *work_date, *kind, *mode, *verdict, *flags, *device_id, *time_zone;
	int64_t server_ms, client_ms;  /* client_ms < 0: none */
	int local_minute;
	bool has_location;             /* false once reduced */
	double lat, lon, accuracy_m, distance_m;  /* distance_m < 0: unknown */
	int allowed_m;
	int64_t plan_id;
};

/* The employee's records with work_date in from..to (text dates), oldest
 * first, at most limit. Runs in the caller's transaction. */
int checkins_each(struct db_conn *c, int64_t employee_id, const char *from, const char *to, int limit,
		  int (*cb)(void *ctx, const struct checkin_row *r), void *ctx);
/* One record by id (for tests and the crash check); ERR_NOT_FOUND. */
int checkin_exists(struct db_conn *c, int64_t id);

/* The settings valid on day for an instansi (cached). */
int presence_settings_get(struct db_conn *c, int64_t instansi_id, int32_t day, int64_t now_ms,
			  struct presence_settings *out);

#endif
