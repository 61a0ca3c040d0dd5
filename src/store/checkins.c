/* checkins.c - presence records: the cached context, the group committer,
 * listings and settings (see checkins.h). */
#include "store/checkins.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/log.h"
#include "core/mem.h"
#include "store/audit.h"
#include "store/calendar.h"
#include "store/plans.h"
#include "store/schedule.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- the context cache ----
 * Direct-mapped by employee id (a cache, not a map: a collision evicts).
 * Striped locks keep 64 request threads from queueing on one mutex. */
#define CACHE_SLOTS (1u << 16)
#define CACHE_STRIPES 256u

struct day_slot {
	int64_t loaded_ms;
	int64_t employee_id;
	struct presence_day d;
};

static pthread_mutex_t cache_locks[CACHE_STRIPES];
static struct day_slot *day_cache;
static pthread_once_t cache_once = PTHREAD_ONCE_INIT;

static void cache_init(void)
{
	for (unsigned i = 0; i < CACHE_STRIPES; i++)
		pthread_mutex_init(&cache_locks[i], NULL);
	/* Touched up front: first-touch page faults during a burst cost more
	 * than the lookups themselves. */
	day_cache = xmalloc(CACHE_SLOTS * 2 * sizeof *day_cache);
	memset(day_cache, 0, CACHE_SLOTS * 2 * sizeof *day_cache);
}

static unsigned slot_of(int64_t employee_id)
{
	uint64_t h = (uint64_t)employee_id * 0x9E3779B97F4A7C15ull;
	return (unsigned)(h >> 48) & (CACHE_SLOTS - 1);
}

static unsigned day_slot_of(int64_t employee_id, int32_t day)
{
	return (slot_of(employee_id) * 2u + ((unsigned)day & 1u)) & (CACHE_SLOTS * 2 - 1);
}

/* presence_cache_forget() times: the plans of an employee forgotten after
 * the world was loaded are read from the database (direct-mapped like the
 * day cache; a collision only sends another employee to the database). */
static _Atomic int64_t forgot_ms[CACHE_SLOTS];
static _Atomic int64_t forgot_all_ms;

void presence_cache_forget(int64_t employee_id)
{
	pthread_once(&cache_once, cache_init);
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts); /* the clock of the callers' now_ms */
	int64_t now = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	if (!employee_id)
		atomic_store(&forgot_all_ms, now);
	else
		atomic_store(&forgot_ms[slot_of(employee_id)], now);
	if (!employee_id) {
		for (unsigned i = 0; i < CACHE_STRIPES; i++)
			pthread_mutex_lock(&cache_locks[i]);
		memset(day_cache, 0, CACHE_SLOTS * 2 * sizeof *day_cache);
		for (unsigned i = 0; i < CACHE_STRIPES; i++)
			pthread_mutex_unlock(&cache_locks[i]);
		return;
	}
	unsigned s = slot_of(employee_id);
	pthread_mutex_t *l = &cache_locks[s % CACHE_STRIPES];
	pthread_mutex_lock(l);
	for (unsigned k = 0; k < 2; k++)
		if (day_cache[s * 2 + k].employee_id == employee_id)
			day_cache[s * 2 + k].loaded_ms = 0;
	pthread_mutex_unlock(l);
}

/* FLEKSI_CHECKIN_TRACE=1: one line per batch on stderr (size, time to write
 * the records, to COMMIT) - where a check-in's latency goes. */
static bool trace_on(void)
{
	static int on = -1;
	if (on < 0) {
		const char *v = getenv("FLEKSI_CHECKIN_TRACE");
		on = v && *v == '1';
	}
	return on;
}

static uint64_t mono_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* ---- settings ---- */
#define SETTINGS_INSTANSI_MAX 8
static const char SQL_SETTINGS[] =
	"SELECT wfh_radius_m, wfa_radius_m, accuracy_limit_m, max_speed_kmh, clock_skew_s, raw_location_days"
	" FROM presence_setting WHERE instansi_id = $1 AND valid_from <= $2 ORDER BY valid_from DESC LIMIT 1";

static pthread_mutex_t settings_lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
	int64_t instansi_id;
	int32_t day;
	int64_t loaded_ms;
	struct presence_settings s;
} settings_cache[SETTINGS_INSTANSI_MAX];

/* Read the settings row in the caller's transaction. */
static int settings_read(struct db_conn *c, int64_t instansi_id, int32_t day, struct presence_settings *out)
{
	char date[DATE_TEXT];
	date_format(day, date);
	presence_settings_default(out);
	struct db_stmt *s = db_prepare(c, SQL_SETTINGS);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, instansi_id);
	db_bind_text(s, 2, date);
	int rc = db_step(s);
	if (rc == 1) {
		out->wfh_radius_m = (int)db_col_int(s, 0);
		out->wfa_radius_m = (int)db_col_int(s, 1);
		out->accuracy_limit_m = (int)db_col_int(s, 2);
		out->max_speed_kmh = (int)db_col_int(s, 3);
		out->clock_skew_s = (int)db_col_int(s, 4);
		out->raw_location_days = (int)db_col_int(s, 5);
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

int presence_settings_get(struct db_conn *c, int64_t instansi_id, int32_t day, int64_t now_ms,
			  struct presence_settings *out)
{
	unsigned k = (unsigned)instansi_id % SETTINGS_INSTANSI_MAX;
	pthread_mutex_lock(&settings_lock);
	bool hit = settings_cache[k].loaded_ms && settings_cache[k].instansi_id == instansi_id &&
		   settings_cache[k].day == day && now_ms - settings_cache[k].loaded_ms < PRESENCE_SETTINGS_TTL_MS;
	if (hit)
		*out = settings_cache[k].s;
	pthread_mutex_unlock(&settings_lock);
	if (hit)
		return 0;
	int rc = settings_read(c, instansi_id, day, out);
	if (rc)
		return rc;
	pthread_mutex_lock(&settings_lock);
	settings_cache[k].instansi_id = instansi_id;
	settings_cache[k].day = day;
	settings_cache[k].loaded_ms = now_ms;
	settings_cache[k].s = *out;
	pthread_mutex_unlock(&settings_lock);
	return 0;
}

/* ---- the person ---- */
static const char SQL_PERSON[] =
	"SELECT e.unit_id, u.instansi_id, u.lat, u.lon, u.radius_m, e.domicile_lat, e.domicile_lon"
	" FROM employee e JOIN unit u ON u.id = e.unit_id WHERE e.id = $1 AND e.active = TRUE";

/* Load the person in the caller's read transaction. */
static int person_read(struct db_conn *c, int64_t employee_id, int64_t now_ms, struct presence_person *p)
{
	memset(p, 0, sizeof *p);
	struct db_stmt *s = db_prepare(c, SQL_PERSON);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, employee_id);
	int rc = db_step(s);
	if (rc == 1) {
		p->employee_id = employee_id;
		p->unit_id = db_col_int(s, 0);
		p->instansi_id = db_col_int(s, 1);
		p->office.known = !db_col_null(s, 2) && !db_col_null(s, 3);
		p->office.lat = db_col_real(s, 2);
		p->office.lon = db_col_real(s, 3);
		p->office.radius_m = (int)db_col_int(s, 4);
		p->has_domicile = !db_col_null(s, 5) && !db_col_null(s, 6);
		p->home_lat = db_col_real(s, 5);
		p->home_lon = db_col_real(s, 6);
	}
	db_reset(s);
	if (rc != 1)
		return rc < 0 ? rc : ERR_NOT_FOUND;
	if ((rc = unit_time_zone(c, p->unit_id, &p->tz)) == ERR_NOT_FOUND)
		p->tz = TZ_WIB;
	else if (rc)
		return rc;
	int32_t today;
	int minute;
	tz_local(now_ms / 1000, p->tz, &today, &minute);
	return presence_settings_get(c, p->instansi_id, today, now_ms, &p->settings);
}

/* ---- the world snapshot ----
 * One in-memory snapshot of what check-ins read and what changes rarely:
 * every active employee's unit, office, domicile and time zone (the unit's,
 * else the nearest ancestor's, else the instansi's - unit_time_zone's rule),
 * and every schedule, assignment, flexible start and the calendar
 * (store/schedule.h's bulk interface) for a few days around today, and the
 * presence settings. Shared by all request threads and replaced every
 * PRESENCE_WORLD_TTL_MS: one thread loads the new snapshot while the others
 * keep using the old one, so a reload never stalls check-ins. Working days are what
 * schedule_workday() gives. An employee missing from the snapshot (added
 * since) is read from the database. */
struct setting_row {
	int64_t instansi_id;
	int32_t valid_from;
	struct presence_settings s;
};

struct person_entry {
	int64_t employee_id, unit_id, instansi_id;
	/* (fits a cache line and a half: 62,000 employees are about 5 MB) */
	enum tz_zone tz;
	struct presence_place office;
	bool has_domicile;
	double home_lat, home_lon;
};
/* An approved plan (world.plans): what day_plan() would read. */
struct plan_entry {
	int64_t employee_id, id, location_unit_id;
	int32_t day;
	int mode;                      /* presence_mode_parse() */
	bool has_location;
	double lat, lon;
	struct presence_place unit;    /* location_unit_id's office */
};

struct world {
	int64_t loaded_ms;
	int32_t from, to;
	struct plan_entry *plans;      /* approved, from..to, sorted by employee, day */
	int nplans;
	struct schedule_set set;
	struct calendar cal;
	struct person_entry *people;   /* sorted by employee_id */
	int npeople;
	struct setting_row *settings;  /* sorted by instansi, valid_from */
	int nsettings;
};

/* Readers take the current snapshot with one atomic load and no lock: a
 * replaced snapshot is freed only when it is replaced again, at least
 * PRESENCE_WORLD_TTL_MS later - far longer than any request runs (the
 * server's connection timeout is 30 s). */
static _Atomic(struct world *) world_cur;
static atomic_bool world_loading;
static struct world *world_retired;   /* the one replaced last; only the loader touches it */

static void world_free(struct world *w)
{
	if (!w)
		return;
	schedule_set_free(&w->set);
	calendar_free(&w->cal);
	free(w->people);
	free(w->settings);
	free(w->plans);
	free(w);
}

static const char SQL_ALL_SETTINGS[] =
	"SELECT instansi_id, valid_from, wfh_radius_m, wfa_radius_m, accuracy_limit_m, max_speed_kmh, clock_skew_s,"
	" raw_location_days FROM presence_setting ORDER BY instansi_id, valid_from";

static int load_settings(struct db_conn *c, struct world *w)
{
	struct db_stmt *s = db_prepare(c, SQL_ALL_SETTINGS);
	if (!s)
		return ERR_DB;
	int rc, cap = 0;
	while ((rc = db_step(s)) == 1) {
		int32_t from;
		if (!date_parse(db_col_text(s, 1), &from))
			continue;
		if (w->nsettings == cap)
			w->settings = xrealloc(w->settings, (size_t)(cap = cap ? cap * 2 : 8) * sizeof *w->settings);
		struct setting_row *r = &w->settings[w->nsettings++];
		r->instansi_id = db_col_int(s, 0);
		r->valid_from = from;
		r->s = (struct presence_settings){(int)db_col_int(s, 2), (int)db_col_int(s, 3), (int)db_col_int(s, 4),
						  (int)db_col_int(s, 5), (int)db_col_int(s, 6), (int)db_col_int(s, 7)};
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

/* The row valid on day for the instansi (the defaults when none). */
static void world_settings(const struct world *w, int64_t instansi_id, int32_t day, struct presence_settings *out)
{
	presence_settings_default(out);
	for (int i = 0; i < w->nsettings; i++)
		if (w->settings[i].instansi_id == instansi_id && w->settings[i].valid_from <= day)
			*out = w->settings[i].s;
}

static const char SQL_UNITS_TZ[] = "SELECT u.id, COALESCE(u.parent_id, 0), COALESCE(u.time_zone, ''),"
	" COALESCE(i.time_zone, '') FROM unit u JOIN instansi i ON i.id = u.instansi_id ORDER BY u.id";
static const char SQL_PEOPLE[] =
	"SELECT e.id, e.unit_id, u.instansi_id, u.lat, u.lon, u.radius_m, e.domicile_lat, e.domicile_lon"
	" FROM employee e JOIN unit u ON u.id = e.unit_id WHERE e.active = TRUE ORDER BY e.id";

struct unit_tz {
	int64_t id, parent;
	int own, instansi;          /* tz_parse results, -1 none */
};

static int unit_tz_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = ((const struct unit_tz *)b)->id;
	return x < y ? -1 : x > y;
}

static enum tz_zone resolve_tz(const struct unit_tz *u, size_t n, int64_t unit_id)
{
	int fallback = -1;
	for (int depth = 0; unit_id && depth < 64; depth++) {
		const struct unit_tz *t = bsearch(&unit_id, u, n, sizeof *u, unit_tz_cmp);
		if (!t)
			break;
		if (t->own >= 0)
			return (enum tz_zone)t->own;
		if (fallback < 0)
			fallback = t->instansi;
		unit_id = t->parent;
	}
	return fallback >= 0 ? (enum tz_zone)fallback : TZ_WIB;
}

static int load_unit_tz(struct db_conn *c, struct unit_tz **out, size_t *n)
{
	struct db_stmt *s = db_prepare(c, SQL_UNITS_TZ);
	if (!s)
		return ERR_DB;
	size_t cap = 1024;
	struct unit_tz *u = xmalloc(cap * sizeof *u);
	int rc;
	*n = 0;
	while ((rc = db_step(s)) == 1) {
		if (*n == cap)
			u = xrealloc(u, (cap *= 2) * sizeof *u);
		u[*n] = (struct unit_tz){db_col_int(s, 0), db_col_int(s, 1), tz_parse(db_col_text(s, 2)),
					 tz_parse(db_col_text(s, 3))};
		(*n)++;
	}
	db_reset(s);
	*out = u;
	return rc < 0 ? rc : 0;
}

static int load_people(struct db_conn *c, struct world *w)
{
	struct unit_tz *units = NULL;
	size_t nunits = 0;
	int rc = load_unit_tz(c, &units, &nunits);
	struct db_stmt *s = rc ? NULL : db_prepare(c, SQL_PEOPLE);
	if (!rc && !s)
		rc = ERR_DB;
	size_t cap = 4096;
	w->people = xmalloc(cap * sizeof *w->people);
	/* (s is set only when rc is 0; rc is 1 after each row) */
	while (s && (rc = db_step(s)) == 1) {
		if ((size_t)w->npeople == cap)
			w->people = xrealloc(w->people, (cap *= 2) * sizeof *w->people);
		struct person_entry *e = &w->people[w->npeople++];
		e->employee_id = db_col_int(s, 0);
		e->unit_id = db_col_int(s, 1);
		e->instansi_id = db_col_int(s, 2);
		e->office = (struct presence_place){!db_col_null(s, 3) && !db_col_null(s, 4), db_col_real(s, 3),
						    db_col_real(s, 4), (int)db_col_int(s, 5)};
		e->has_domicile = !db_col_null(s, 6) && !db_col_null(s, 7);
		e->home_lat = db_col_real(s, 6);
		e->home_lon = db_col_real(s, 7);
		e->tz = resolve_tz(units, nunits, e->unit_id);
	}
	if (s)
		db_reset(s);
	free(units);
	return rc < 0 ? rc : 0;
}

static const char SQL_PLANS[] =
	"SELECT p.employee_id, p.date, p.id, p.mode, p.location_lat IS NOT NULL, COALESCE(p.location_lat, 0),"
	" COALESCE(p.location_lon, 0), COALESCE(p.location_unit_id, 0), u.lat, u.lon, COALESCE(u.radius_m, 0)"
	" FROM plan p LEFT JOIN unit u ON u.id = p.location_unit_id"
	" WHERE p.status = 'approved' AND p.date >= $1 AND p.date <= $2 ORDER BY p.employee_id, p.date";

static int load_plans(struct db_conn *c, struct world *w)
{
	char from[DATE_TEXT], to[DATE_TEXT];
	date_format(w->from, from);
	date_format(w->to, to);
	struct db_stmt *s = db_prepare(c, SQL_PLANS);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, from);
	db_bind_text(s, 2, to);
	int rc, cap = 0;
	while ((rc = db_step(s)) == 1) {
		int32_t day;
		if (!date_parse(db_col_text(s, 1), &day))
			continue;
		if (w->nplans == cap)
			w->plans = xrealloc(w->plans, (size_t)(cap = cap ? cap * 2 : 1024) * sizeof *w->plans);
		struct plan_entry *e = &w->plans[w->nplans++];
		memset(e, 0, sizeof *e);
		e->employee_id = db_col_int(s, 0);
		e->day = day;
		e->id = db_col_int(s, 2);
		e->mode = presence_mode_parse(db_col_text(s, 3));
		e->has_location = db_col_bool(s, 4);
		e->lat = db_col_real(s, 5);
		e->lon = db_col_real(s, 6);
		e->location_unit_id = db_col_int(s, 7);
		if (!db_col_null(s, 8) && !db_col_null(s, 9))
			e->unit = (struct presence_place){true, db_col_real(s, 8), db_col_real(s, 9), (int)db_col_int(s, 10)};
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static int world_load(struct db_conn *c, int32_t day, int64_t now_ms, struct world **out)
{
	struct world *w = xcalloc(1, sizeof *w);
	w->from = day - 2;
	w->to = day + 2;
	w->loaded_ms = now_ms;
	int y1, y2, m, d;
	date_to_ymd(w->from, &y1, &m, &d);
	date_to_ymd(w->to, &y2, &m, &d);
	int rc = db_begin_read(c);
	if (!rc)
		rc = schedule_set_load(c, 0, w->from, w->to, &w->set);
	if (!rc && (rc = calendar_load(c, y1, y2, &w->cal)))
		schedule_set_free(&w->set);
	if (!rc && ((rc = load_people(c, w)) || (rc = load_settings(c, w)) || (rc = load_plans(c, w)))) {
		schedule_set_free(&w->set);
		calendar_free(&w->cal);
	}
	db_rollback(c);
	if (rc) {
		free(w->people);
		free(w->settings);
		free(w->plans);
		free(w);
		return rc;
	}
	*out = w;
	return 0;
}

/* The current snapshot covering day (not to be kept past the request). */
static int world_get(struct db_conn *c, int32_t day, int64_t now_ms, struct world **out)
{
	for (;;) {
		struct world *w = atomic_load(&world_cur);
		bool covers = w && day >= w->from && day <= w->to;
		bool fresh = covers && now_ms - w->loaded_ms < PRESENCE_WORLD_TTL_MS;
		bool expected = false;
		if (fresh || (covers && atomic_load(&world_loading))) {
			*out = w;
			return 0;
		}
		if (!atomic_compare_exchange_strong(&world_loading, &expected, true)) {
			/* Someone else loads and nothing usable exists yet (start, a new day). */
			struct timespec ts = {0, 1000000};
			nanosleep(&ts, NULL);
			continue;
		}
		struct world *nw = NULL;
		uint64_t t0 = trace_on() ? mono_ns() : 0;
		int rc = world_load(c, day, now_ms, &nw);
		if (t0)
			fprintf(stderr, "checkin world load ms=%.1f people=%d plans=%d rc=%d\n", (double)(mono_ns() - t0) / 1e6,
				nw ? nw->npeople : 0, nw ? nw->nplans : 0, rc);
		if (!rc) {
			world_free(world_retired);
			world_retired = atomic_exchange(&world_cur, nw);
		}
		atomic_store(&world_loading, false);
		if (rc)
			return rc;
		*out = nw;
		return 0;
	}
}

static int person_entry_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = ((const struct person_entry *)b)->employee_id;
	return x < y ? -1 : x > y;
}

int presence_person_get(struct db_conn *c, int64_t employee_id, int64_t now_ms, struct presence_person *out)
{
	int32_t today;
	int minute;
	tz_local(now_ms / 1000, TZ_WIB, &today, &minute);
	struct world *w;
	int rc = world_get(c, today, now_ms, &w);
	if (rc)
		return rc;
	const struct person_entry *e = bsearch(&employee_id, w->people, (size_t)w->npeople, sizeof *e, person_entry_cmp);
	if (e) {
		memset(out, 0, sizeof *out);
		out->employee_id = e->employee_id;
		out->unit_id = e->unit_id;
		out->instansi_id = e->instansi_id;
		out->tz = e->tz;
		out->office = e->office;
		out->has_domicile = e->has_domicile;
		out->home_lat = e->home_lat;
		out->home_lon = e->home_lon;
	}
	if (!e) { /* not in the snapshot: added since, or not active */
		if ((rc = db_begin_read(c)))
			return rc;
		rc = person_read(c, employee_id, now_ms, out);
		db_rollback(c);
		return rc;
	}
	tz_local(now_ms / 1000, out->tz, &today, &minute);
	world_settings(w, out->instansi_id, today, &out->settings);
	return 0;
}

/* ---- the day ---- */
static const char SQL_UNIT_PLACE[] = "SELECT lat, lon, radius_m FROM unit WHERE id = $1";

static int unit_place(struct db_conn *c, int64_t unit_id, struct presence_place *out)
{
	memset(out, 0, sizeof *out);
	struct db_stmt *s = db_prepare(c, SQL_UNIT_PLACE);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, unit_id);
	int rc = db_step(s);
	if (rc == 1 && !db_col_null(s, 0) && !db_col_null(s, 1)) {
		out->known = true;
		out->lat = db_col_real(s, 0);
		out->lon = db_col_real(s, 1);
		out->radius_m = (int)db_col_int(s, 2);
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

/* The approved plan of the day into d (mode wfo without one). */
static int day_plan(struct db_conn *c, const struct presence_person *p, int32_t day, struct presence_day *d)
{
	char date[DATE_TEXT];
	date_format(day, date);
	struct plan_row plan;
	memset(&plan, 0, sizeof plan);
	d->mode = PRESENCE_WFO;
	int rc = plan_for_day(c, p->employee_id, date, &plan);
	if (rc == ERR_NOT_FOUND)
		return 0;
	if (rc)
		return rc;
	int mode = presence_mode_parse(plan.mode);
	d->mode = mode < 0 ? PRESENCE_WFO : (enum presence_mode)mode;
	d->has_plan = true;
	d->plan_id = plan.id;
	if (d->mode == PRESENCE_WFA && plan.has_location) {
		d->place = (struct presence_place){true, plan.location_lat, plan.location_lon, p->settings.wfa_radius_m};
	} else if (d->mode == PRESENCE_KANTOR_LAIN && plan.location_unit_id) {
		rc = unit_place(c, plan.location_unit_id, &d->place);
	} else if (d->mode == PRESENCE_KANTOR_LAIN && plan.has_location) {
		d->place = (struct presence_place){true, plan.location_lat, plan.location_lon, p->settings.wfa_radius_m};
	}
	plan_row_free(&plan);
	return rc;
}

static bool world_plans_usable(const struct world *w, int64_t employee_id)
{
	return w->loaded_ms > atomic_load(&forgot_all_ms) && w->loaded_ms > atomic_load(&forgot_ms[slot_of(employee_id)]);
}

static int plan_entry_cmp(const void *a, const void *b)
{
	const struct plan_entry *x = a, *y = b;
	if (x->employee_id != y->employee_id)
		return x->employee_id < y->employee_id ? -1 : 1;
	return x->day < y->day ? -1 : x->day > y->day;
}

/* day_plan() from the snapshot. */
static void world_day_plan(const struct world *w, const struct presence_person *p, int32_t day, struct presence_day *d)
{
	struct plan_entry key = {.employee_id = p->employee_id, .day = day};
	/* bsearch() must not be handed a NULL base, even with zero elements */
	const struct plan_entry *e =
		w->nplans > 0 ? bsearch(&key, w->plans, (size_t)w->nplans, sizeof *e, plan_entry_cmp) : NULL;
	d->mode = PRESENCE_WFO;
	if (!e)
		return;
	d->mode = e->mode < 0 ? PRESENCE_WFO : (enum presence_mode)e->mode;
	d->has_plan = true;
	d->plan_id = e->id;
	if (d->mode == PRESENCE_WFA && e->has_location)
		d->place = (struct presence_place){true, e->lat, e->lon, p->settings.wfa_radius_m};
	else if (d->mode == PRESENCE_KANTOR_LAIN && e->location_unit_id)
		d->place = e->unit;
	else if (d->mode == PRESENCE_KANTOR_LAIN && e->has_location)
		d->place = (struct presence_place){true, e->lat, e->lon, p->settings.wfa_radius_m};
}

static int day_read(struct db_conn *c, const struct presence_person *p, int32_t day, int64_t now_ms,
		    struct presence_day *d)
{
	memset(d, 0, sizeof *d);
	d->day = day;
	struct world *w;
	int rc = world_get(c, day, now_ms, &w);
	if (rc)
		return rc;
	schedule_set_workday(&w->set, p->employee_id, p->unit_id, day, &d->work);
	if (!d->work.works_on_days_off)
		schedule_apply_calendar(&d->work, calendar_is_working_day(&w->cal, day));
	if (world_plans_usable(w, p->employee_id)) {
		world_day_plan(w, p, day, d);
		return 0;
	}
	return day_plan(c, p, day, d); /* one or two statements; no transaction needed */
}

int presence_day_get(struct db_conn *c, const struct presence_person *p, int32_t day, int64_t now_ms,
		     struct presence_day *out)
{
	pthread_once(&cache_once, cache_init);
	unsigned s = day_slot_of(p->employee_id, day);
	pthread_mutex_t *l = &cache_locks[(s / 2) % CACHE_STRIPES];
	pthread_mutex_lock(l);
	struct day_slot *slot = &day_cache[s];
	bool hit = slot->loaded_ms && slot->employee_id == p->employee_id && slot->d.day == day &&
		   now_ms - slot->loaded_ms < PRESENCE_DAY_TTL_MS;
	if (hit)
		*out = slot->d;
	pthread_mutex_unlock(l);
	if (hit)
		return 0;
	int rc = day_read(c, p, day, now_ms, out);
	if (rc)
		return rc;
	pthread_mutex_lock(l);
	slot->d = *out;
	slot->employee_id = p->employee_id;
	slot->loaded_ms = now_ms;
	pthread_mutex_unlock(l);
	return 0;
}

/* ---- flags as JSON text ---- */
char *presence_flags_json(const struct presence_verdict *v)
{
	struct buf b;
	buf_init(&b, 1 << 16);
	buf_puts(&b, "[");
	char msg[300];
	for (int i = 0; i < v->nflags; i++) {
		const struct presence_flag_hit *h = &v->flags[i];
		buf_printf(&b, "%s{\"flag\":\"%s\",\"message_id\":", i ? "," : "", presence_flag_name(h->flag));
		presence_flag_message(h, true, msg, sizeof msg);
		buf_json_string(&b, msg);
		buf_puts(&b, ",\"message_en\":");
		presence_flag_message(h, false, msg, sizeof msg);
		buf_json_string(&b, msg);
		switch (h->flag) {
		case PF_OUTSIDE_PLACE:
			buf_printf(&b, ",\"distance_m\":%.0f,\"allowed_m\":%d,\"accuracy_m\":%.0f", h->distance_m,
				   h->allowed_m, h->accuracy_m);
			break;
		case PF_POOR_ACCURACY:
			buf_printf(&b, ",\"accuracy_m\":%.0f,\"limit_m\":%d", h->accuracy_m, h->limit);
			break;
		case PF_IMPOSSIBLE_TRAVEL:
			buf_printf(&b, ",\"distance_m\":%.0f,\"seconds\":%lld,\"speed_kmh\":%.0f,\"limit_kmh\":%d",
				   h->distance_m, (long long)h->seconds, h->speed_kmh, h->limit);
			break;
		case PF_SHARED_DEVICE:
			buf_printf(&b, ",\"other_employees\":%d", h->others);
			break;
		case PF_CLOCK_SKEW:
			buf_printf(&b, ",\"skew_s\":%lld,\"limit_s\":%d", (long long)h->skew_s, h->limit);
			break;
		case PF_REMOTE_WITHOUT_PLAN:
			buf_printf(&b, ",\"distance_m\":%.0f,\"home_distance_m\":%.0f", h->distance_m, h->home_distance_m);
			break;
		case PF_OUTSIDE_WINDOW: {
			char a[6], f[6], u[6];
			date_format_hhmm(((h->minute % 1440) + 1440) % 1440, a);
			date_format_hhmm(((h->window_from % 1440) + 1440) % 1440, f);
			date_format_hhmm(((h->window_until % 1440) + 1440) % 1440, u);
			buf_printf(&b, ",\"minute\":%d,\"time\":\"%s\",\"window_from\":\"%s\",\"window_until\":\"%s\"",
				   h->minute, a, f, u);
			break;
		}
		default:
			break;
		}
		buf_puts(&b, "}");
	}
	buf_puts(&b, "]");
	return buf_steal(&b);
}

/* ---- the group committer ----
 * One writer thread owns one connection (its page cache stays warm: its own
 * commits do not invalidate it, another connection's would). Request
 * threads queue records and do not wait (checkin_submit): the writer takes
 * everything queued, writes it in one transaction, COMMITs, hands the batch
 * to the sync thread and starts over with whatever arrived meanwhile - so
 * the batch grows with the load by itself. The sync thread makes the
 * batches committed so far durable with one db_durable (an fdatasync of
 * the WAL on SQLite), then calls each record's callback: the 201 still
 * waits for the disk, but the writer no longer does - it writes the next
 * batch during the sync, and one sync covers every batch committed before
 * it began. */
struct pending {
	struct checkin_new *rec;
	struct pending *next;
	void (*done)(void *ctx);
	void *ctx;
};

static pthread_mutex_t gc_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t gc_work = PTHREAD_COND_INITIALIZER;
static struct pending *gc_head, **gc_tail = &gc_head;
static struct db *gc_db;
static pthread_once_t gc_once = PTHREAD_ONCE_INIT;
/* Committed batches waiting for their sync, oldest first. */
static pthread_mutex_t sync_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t sync_work = PTHREAD_COND_INITIALIZER;
static struct pending *sync_head, **sync_tail = &sync_head;
static struct db_conn *writer_conn;

/* One working day's records of one employee: one probe of the unique key
 * (work_date, employee_id, kind) (migration 016). */
static const char SQL_DAY_RECORDS[] =
	"SELECT kind, lat, lon, accuracy_m, server_ms FROM checkin WHERE work_date = $2 AND employee_id = $1";
/* Impossible travel is judged against the latest earlier record still
 * holding a reading, looked for up to TRAVEL_DAYS days back (earlier_reading):
 * a week apart it would take 33,600 km at the default 200 km/h, more than
 * Indonesia spans. */
#define TRAVEL_DAYS 7
static const char SQL_EARLIER_READINGS[] =
	"SELECT lat, lon, accuracy_m, server_ms FROM checkin"
	" WHERE work_date IN ($2, $3, $4, $5, $6, $7, $8) AND employee_id = $1 AND lat IS NOT NULL";

/* The latest reading among the records of the day (*found stays false when
 * none). Also reports which kinds the day holds. */
struct day_records {
	bool has_in, has_out, found;
	double lat, lon, accuracy_m;
	int64_t server_ms;
};

/* Keep the reading in columns col..col+3 (lat, lon, accuracy_m, server_ms)
 * when it is later than the one kept. */
static void keep_latest(struct day_records *out, struct db_stmt *s, int col)
{
	if (out->found && db_col_int(s, col + 3) <= out->server_ms)
		return;
	out->found = true;
	out->lat = db_col_real(s, col);
	out->lon = db_col_real(s, col + 1);
	out->accuracy_m = db_col_real(s, col + 2);
	out->server_ms = db_col_int(s, col + 3);
}

static int day_records_read(struct db_conn *c, int64_t employee_id, const char *date, struct day_records *out)
{
	struct db_stmt *s = db_prepare(c, SQL_DAY_RECORDS);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, employee_id);
	db_bind_text(s, 2, date);
	memset(out, 0, sizeof *out);
	int rc;
	while ((rc = db_step(s)) == 1) {
		const char *k = db_col_text(s, 0);
		out->has_in |= !strcmp(k, "in");
		out->has_out |= !strcmp(k, "out");
		if (!db_col_null(s, 1))
			keep_latest(out, s, 1);
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static const char SQL_ACTIVE_DEVICE[] = "SELECT device_id FROM device WHERE employee_id = $1 AND status = 'active'";
static const char SQL_DEVICE_FIRST_USE[] =
	"INSERT INTO device (employee_id, device_id, status, origin, requested_at, decided_at, decided_by)"
	" VALUES ($1, $2, 'active', 'first_use', $3, $3, 'system')";
/* The other employees who used the device that day (migration 016): each
 * such use is a record flagged unregistered_device (mask 8, a partial index)
 * or a record with a device registered to them (device rows stay). Rows,
 * not COUNT(DISTINCT): the distinct count needs a temporary b-tree per
 * call, and there are almost never any rows. */
static const char SQL_SHARED[] =
	"SELECT employee_id FROM checkin WHERE device_id = $1 AND work_date = $2 AND (flag_mask & 8) <> 0"
	" AND employee_id <> $3"
	" UNION ALL SELECT c.employee_id FROM device d JOIN checkin c ON c.employee_id = d.employee_id"
	" AND c.work_date = $2 AND c.device_id = d.device_id WHERE d.device_id = $1 AND d.employee_id <> $3";
_Static_assert(1u << PF_UNREGISTERED_DEVICE == 8, "SQL_SHARED and migration 016 spell the mask as 8");
#define INSERT_CHECKIN                                                                                             \
	"INSERT INTO checkin (employee_id, unit_id, work_date, kind, server_ms, local_minute, time_zone, client_ms,"   \
	" mode, plan_id, lat, lon, accuracy_m, distance_m, allowed_m, verdict, flag_mask, flags, device_id)"         \
	" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)"            \
	" ON CONFLICT DO NOTHING"
static const char SQL_INSERT[] = INSERT_CHECKIN " RETURNING id";
/* SQLite: RETURNING doubles the cost of a one-row insert (it goes through
 * a temporary table: 65 us instead of 30 with checkin's indexes), so the
 * new id and whether a row went in are asked after it. */
static const char SQL_INSERT_SQLITE[] = INSERT_CHECKIN;

/* The latest reading of the TRAVEL_DAYS days before day d: on SQLite a day
 * at a time (a probe costs microseconds, and the day before usually has
 * one), on PostgreSQL in one statement (one round trip, not seven). */
static int earlier_reading(struct db_conn *c, int64_t employee_id, int32_t d, struct day_records *out)
{
	char date[DATE_TEXT];
	if (db_conn_dialect(c) == DB_SQLITE) {
		int rc = 0;
		for (int back = 1; !rc && !out->found && back <= TRAVEL_DAYS; back++) {
			date_format(d - back, date);
			rc = day_records_read(c, employee_id, date, out);
		}
		return rc;
	}
	struct db_stmt *s = db_prepare(c, SQL_EARLIER_READINGS);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, employee_id);
	for (int back = 1; back <= TRAVEL_DAYS; back++) {
		date_format(d - back, date);
		db_bind_text(s, 1 + back, date);
	}
	int rc;
	while ((rc = db_step(s)) == 1)
		keep_latest(out, s, 0);
	db_reset(s);
	return rc < 0 ? rc : 0;
}

/* The two-records-a-day rule against what is stored (and what this batch
 * already wrote), then impossible travel against the latest earlier
 * reading. 0, or ERR_CONFLICT with rec->conflict set. */
static int check_day_and_travel(struct db_conn *c, struct checkin_new *rec)
{
	struct day_records day;
	int rc = day_records_read(c, rec->employee_id, rec->work_date, &day);
	if (rc)
		return rc;
	if (rec->kind == PRESENCE_IN && (day.has_in || day.has_out))
		rec->conflict = day.has_out ? "already_checked_out" : "already_checked_in";
	else if (rec->kind == PRESENCE_OUT && day.has_out)
		rec->conflict = "already_checked_out";
	if (rec->conflict)
		return ERR_CONFLICT;
	int32_t d;
	if (!date_parse(rec->work_date, &d))
		return ERR_INVALID;
	if (!day.found && (rc = earlier_reading(c, rec->employee_id, d, &day)))
		return rc;
	if (day.found)
		presence_check_travel(&rec->verdict, &rec->settings, rec->lat, rec->lon, rec->accuracy_m, rec->server_ms,
				      day.lat, day.lon, day.accuracy_m, day.server_ms);
	return 0;
}

/* The registered device: registered on first use, flagged when another. */
static int check_device(struct db_conn *c, struct checkin_new *rec, const char *now_iso)
{
	struct db_stmt *s = db_prepare(c, SQL_ACTIVE_DEVICE);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, rec->employee_id);
	int rc = db_step(s);
	bool none = rc == 0, same = rc == 1 && !strcmp(db_col_text(s, 0), rec->device_id);
	db_reset(s);
	if (rc < 0)
		return rc;
	if (!none) {
		if (!same)
			presence_add_flag(&rec->verdict, PF_UNREGISTERED_DEVICE);
		return 0;
	}
	if (!(s = db_prepare(c, SQL_DEVICE_FIRST_USE)))
		return ERR_DB;
	db_bind_int(s, 1, rec->employee_id);
	db_bind_text(s, 2, rec->device_id);
	db_bind_text(s, 3, now_iso);
	rc = db_step(s);
	db_reset(s);
	if (rc < 0)
		return rc;
	rec->device_registered = true;
	return 0;
}

static int check_shared(struct db_conn *c, struct checkin_new *rec)
{
	struct db_stmt *s = db_prepare(c, SQL_SHARED);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, rec->device_id);
	db_bind_text(s, 2, rec->work_date);
	db_bind_int(s, 3, rec->employee_id);
	int64_t seen[64]; /* distinct ids; past 64 others every row counts */
	int others = 0, rc;
	while ((rc = db_step(s)) == 1) {
		int64_t id = db_col_int(s, 0);
		bool known = false;
		for (int i = 0; i < others && i < 64 && !known; i++)
			known = seen[i] == id;
		if (!known) {
			if (others < 64)
				seen[others] = id;
			others++;
		}
	}
	db_reset(s);
	if (others > 0) {
		presence_add_flag(&rec->verdict, PF_SHARED_DEVICE);
		for (int i = 0; i < rec->verdict.nflags; i++)
			if (rec->verdict.flags[i].flag == PF_SHARED_DEVICE)
				rec->verdict.flags[i].others = others;
	}
	return rc < 0 ? rc : 0;
}

static int insert_record(struct db_conn *c, struct checkin_new *rec)
{
	bool sqlite = db_conn_dialect(c) == DB_SQLITE;
	struct db_stmt *s = db_prepare(c, sqlite ? SQL_INSERT_SQLITE : SQL_INSERT);
	if (!s)
		return ERR_DB;
	char *flags = presence_flags_json(&rec->verdict);
	db_bind_int(s, 1, rec->employee_id);
	db_bind_int(s, 2, rec->unit_id);
	db_bind_text(s, 3, rec->work_date);
	db_bind_text(s, 4, presence_kind_name(rec->kind));
	db_bind_int(s, 5, rec->server_ms);
	db_bind_int(s, 6, rec->local_minute);
	db_bind_text(s, 7, tz_name(rec->tz));
	if (rec->client_ms >= 0)
		db_bind_int(s, 8, rec->client_ms);
	else
		db_bind_null(s, 8);
	db_bind_text(s, 9, presence_mode_name(rec->mode));
	if (rec->plan_id)
		db_bind_int(s, 10, rec->plan_id);
	else
		db_bind_null(s, 10);
	db_bind_real(s, 11, rec->lat);
	db_bind_real(s, 12, rec->lon);
	db_bind_real(s, 13, rec->accuracy_m);
	if (rec->verdict.distance_m >= 0) {
		db_bind_real(s, 14, rec->verdict.distance_m);
		db_bind_int(s, 15, rec->verdict.allowed_m);
	} else {
		db_bind_null(s, 14);
		db_bind_null(s, 15);
	}
	db_bind_text(s, 16, rec->verdict.nflags ? "flagged" : "ok");
	db_bind_int(s, 17, rec->verdict.mask);
	db_bind_text(s, 18, flags);
	db_bind_text(s, 19, rec->device_id);
	int rc = db_step(s);
	if (rc == 1)
		rec->id = db_col_int(s, 0);
	db_reset(s);
	if (sqlite && rc == 0 && db_inserted_row(c, &rec->id))
		rc = 1; /* else nothing went in: the conflict below */
	free(rec->flags_json);
	rec->flags_json = flags;
	if (rc == 0) { /* a concurrent node wrote the same day and kind first */
		rec->conflict = rec->kind == PRESENCE_IN ? "already_checked_in" : "already_checked_out";
		return ERR_CONFLICT;
	}
	return rc < 0 ? rc : 0;
}

/* One record inside the batch transaction. A conflict is that record's
 * answer; any other error fails the whole batch. */
static int write_one(struct db_conn *c, struct checkin_new *rec, const char *now_iso)
{
	int rc = check_day_and_travel(c, rec);
	if (!rc)
		rc = check_device(c, rec, now_iso);
	if (!rc)
		rc = check_shared(c, rec);
	if (!rc)
		rc = insert_record(c, rec);
	rec->rc = rc;
	return rc == ERR_CONFLICT ? 0 : rc;
}

/* The batch's audit entry: one line per record written, so the Merkle log
 * commits to every check-in (id, employee, day, kind, time, verdict, flag
 * mask, device) without one audit entry per check-in. */
static int audit_batch(struct db_conn *c, struct pending *batch)
{
	struct buf b;
	buf_init(&b, (size_t)64 << 20);
	int64_t first = 0, last = 0;
	for (struct pending *p = batch; p; p = p->next) {
		struct checkin_new *r = p->rec;
		if (r->rc)
			continue;
		if (!first)
			first = r->id;
		last = r->id;
		buf_printf(&b, "%lld|%lld|%s|%s|%lld|%s|%u|", (long long)r->id, (long long)r->employee_id, r->work_date,
			   presence_kind_name(r->kind), (long long)r->server_ms, r->verdict.nflags ? "flagged" : "ok",
			   (unsigned)r->verdict.mask);
		buf_json_string(&b, r->device_id);
		buf_puts(&b, "\n");
	}
	int rc = 0;
	if (first) {
		char object[64];
		snprintf(object, sizeof object, "checkin:%lld-%lld", (long long)first, (long long)last);
		struct audit_event ev = {"system", "checkin.batch", object, NULL, b.data};
		rc = audit_append(c, &ev);
	}
	buf_free(&b);
	return rc;
}

/* FLEKSI_CHECKIN_SYNC=normal: answer after COMMIT, before the sync (checkins.h). */
static bool full_sync(void)
{
	static int full = -1;
	if (full < 0) {
		const char *v = getenv("FLEKSI_CHECKIN_SYNC");
		full = !(v && !strcmp(v, "normal"));
	}
	return full;
}

/* Write a whole batch in one transaction; sets every record's rc. */
static void write_batch(struct db_conn *c, struct pending *batch)
{
	uint64_t t0 = trace_on() ? mono_ns() : 0, t1 = 0;
	char now[40];
	clock_now_iso(now, sizeof now);
	int rc = db_begin_write(c);
	for (struct pending *p = batch; !rc && p; p = p->next)
		rc = write_one(c, p->rec, now);
	if (!rc)
		rc = audit_batch(c, batch);
	if (t0)
		t1 = mono_ns();
	if (!rc)
		rc = db_commit(c);
	if (rc)
		db_rollback(c);
	if (t0) {
		int n = 0;
		for (struct pending *p = batch; p; p = p->next)
			n++;
		fprintf(stderr, "checkin batch n=%d write_ms=%.2f commit_ms=%.2f rc=%d\n", n, (double)(t1 - t0) / 1e6,
			(double)(mono_ns() - t1) / 1e6, rc);
	}
	for (struct pending *p = batch; p; p = p->next)
		if (rc) {
			p->rec->rc = rc;
			p->rec->id = 0;
		}
}

/* Take up to PRESENCE_BATCH_MAX queued records off the queue (under gc_lock). */
static struct pending *take_batch(void)
{
	struct pending *batch = gc_head, **cut = &gc_head;
	for (int n = 0; *cut && n < PRESENCE_BATCH_MAX; n++)
		cut = &(*cut)->next;
	gc_head = *cut;
	*cut = NULL;
	if (!gc_head)
		gc_tail = &gc_head;
	return batch;
}

/* Answer every record of the committed batches in the list, after one
 * sync that covers them all. */
static void sync_and_answer(struct pending *list)
{
	uint64_t t0 = trace_on() ? mono_ns() : 0;
	int rc = full_sync() ? db_durable(writer_conn) : 0;
	int n = 0;
	for (struct pending *p = list; p;) {
		struct pending *next = p->next; /* p is freed by now */
		if (rc && !p->rec->rc) { /* committed, but not known to be on disk */
			p->rec->rc = rc;
			p->rec->id = 0;
		}
		void (*done)(void *) = p->done;
		void *ctx = p->ctx;
		free(p);
		done(ctx);
		p = next;
		n++;
	}
	if (t0)
		fprintf(stderr, "checkin sync n=%d sync_and_answer_ms=%.2f rc=%d\n", n, (double)(mono_ns() - t0) / 1e6, rc);
}

static void *sync_main(void *arg)
{
	(void)arg;
	pthread_setname_np(pthread_self(), "fleksi-sync");
	for (;;) {
		pthread_mutex_lock(&sync_lock);
		while (!sync_head)
			pthread_cond_wait(&sync_work, &sync_lock);
		struct pending *list = sync_head;
		sync_head = NULL;
		sync_tail = &sync_head;
		pthread_mutex_unlock(&sync_lock);
		sync_and_answer(list);
	}
	return NULL;
}

static void start_detached(void *(*fn)(void *), const char *what)
{
	pthread_t t;
	pthread_attr_t a;
	pthread_attr_init(&a);
	pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
	if (pthread_create(&t, &a, fn, NULL)) {
		log_error("cannot start the check-in %s thread", what);
		abort();
	}
	pthread_attr_destroy(&a);
}

/* Records written since the checkpoint thread last ran (writer: under gc_lock). */
#define CHECKPOINT_RECORDS 500
static int since_checkpoint;
static pthread_cond_t checkpoint_due = PTHREAD_COND_INITIALIZER;

/* SQLite: WAL checkpoints off the writer's path (PASSIVE: never blocks the
 * writer or a reader). Copying the WAL into a large database file costs a
 * checkpoint 5-40 ms at 1,000 frames; inside the writer's COMMIT, as
 * SQLite does by itself, that stalled every batch queued behind it. */
static void *checkpoint_main(void *arg)
{
	(void)arg;
	pthread_setname_np(pthread_self(), "fleksi-ckpt");
	for (;;) {
		pthread_mutex_lock(&gc_lock);
		while (since_checkpoint < CHECKPOINT_RECORDS)
			pthread_cond_wait(&checkpoint_due, &gc_lock);
		since_checkpoint = 0;
		pthread_mutex_unlock(&gc_lock);
		uint64_t t0 = trace_on() ? mono_ns() : 0;
		struct db_conn *c = db_acquire(gc_db);
		db_exec(c, "PRAGMA wal_checkpoint(PASSIVE)");
		db_release(gc_db, c);
		if (t0)
			fprintf(stderr, "checkin checkpoint ms=%.2f\n", (double)(mono_ns() - t0) / 1e6);
	}
	return NULL;
}

static void *writer_main(void *arg)
{
	(void)arg;
	pthread_setname_np(pthread_self(), "fleksi-checkin"); /* for top -H and perf */
	writer_conn = db_acquire(gc_db); /* kept for the life of the process */
	/* PostgreSQL plans a statement whose parameter names the partition key
	 * (work_date) again on every execution unless told otherwise: 0.5 ms of
	 * planning for the shared-device lookup, more than running it. The
	 * generic plan prunes partitions at run time instead. */
	if (db_conn_dialect(writer_conn) == DB_POSTGRES)
		db_exec(writer_conn, "SET plan_cache_mode = force_generic_plan");
	bool sqlite = db_conn_dialect(writer_conn) == DB_SQLITE;
	if (sqlite) {
		/* The checkpoint thread copies the WAL into the database; the
		 * writer's own checkpoint (SQLite's automatic one, now at 4,000
		 * frames) is left with the rest and lets the WAL start over.
		 * A smaller page cache than the pool's 32 MB: a transaction that
		 * split a b-tree page moved a page through the lock-byte page
		 * number, and the commit then walks the whole cache's hash table
		 * (8,192 slots: ~80 us a batch; 8 MB gave ~10 % more check-ins
		 * a second here, also with 20 days of history). */
		db_exec(writer_conn, "PRAGMA wal_autocheckpoint=4000; PRAGMA cache_size=-8192");
		start_detached(checkpoint_main, "checkpoint");
	}
	start_detached(sync_main, "sync");
	for (;;) {
		pthread_mutex_lock(&gc_lock);
		while (!gc_head)
			pthread_cond_wait(&gc_work, &gc_lock);
		struct pending *batch = take_batch();
		pthread_mutex_unlock(&gc_lock);
		write_batch(writer_conn, batch);
		int n = 1;
		struct pending **last = &batch->next;
		for (; *last; n++)
			last = &(*last)->next;
		if (sqlite) { /* PostgreSQL checkpoints by itself */
			pthread_mutex_lock(&gc_lock);
			if ((since_checkpoint += n) >= CHECKPOINT_RECORDS)
				pthread_cond_signal(&checkpoint_due);
			pthread_mutex_unlock(&gc_lock);
		}
		pthread_mutex_lock(&sync_lock);
		*sync_tail = batch;
		sync_tail = last;
		pthread_cond_signal(&sync_work);
		pthread_mutex_unlock(&sync_lock);
	}
	return NULL;
}

static void writer_start(void)
{
	start_detached(writer_main, "writer");
}

void checkin_submit(struct db *db, struct checkin_new *rec, void (*done)(void *ctx), void *ctx)
{
	struct pending *p = xcalloc(1, sizeof *p);
	p->rec = rec;
	p->done = done;
	p->ctx = ctx;
	rec->rc = 0;
	rec->id = 0;
	rec->conflict = NULL;
	rec->flags_json = NULL;
	pthread_mutex_lock(&gc_lock);
	if (!gc_db)
		gc_db = db;
	pthread_mutex_unlock(&gc_lock);
	pthread_once(&gc_once, writer_start);
	pthread_mutex_lock(&gc_lock);
	*gc_tail = p;
	gc_tail = &p->next;
	pthread_cond_signal(&gc_work);
	pthread_mutex_unlock(&gc_lock);
}

struct waiter {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	bool done;
};

static void wake_waiter(void *ctx)
{
	struct waiter *w = ctx;
	pthread_mutex_lock(&w->lock);
	w->done = true;
	pthread_cond_signal(&w->cond);
	pthread_mutex_unlock(&w->lock);
}

int checkin_commit(struct db *db, struct checkin_new *rec)
{
	struct waiter w = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, false};
	checkin_submit(db, rec, wake_waiter, &w);
	pthread_mutex_lock(&w.lock);
	while (!w.done)
		pthread_cond_wait(&w.cond, &w.lock);
	pthread_mutex_unlock(&w.lock);
	pthread_cond_destroy(&w.cond);
	pthread_mutex_destroy(&w.lock);
	return rec->rc;
}

/* ---- listings ---- */
#define LIST_COLUMNS                                                                                               \
	"SELECT c.id, e.nip, c.work_date, c.kind, c.mode, c.verdict, c.flags, c.device_id, c.time_zone, c.server_ms,"  \
	" c.client_ms, c.local_minute, c.lat, c.lon, c.accuracy_m, c.distance_m, c.allowed_m, c.plan_id"
#define LIST_REST " JOIN employee e ON e.id = c.employee_id ORDER BY c.server_ms, c.id LIMIT $4"
static const char SQL_LIST_SQLITE[] =
	CHECKIN_DAYS_SQLITE("$2", "$3") LIST_COLUMNS CHECKIN_OF_DAYS_SQLITE("$1") LIST_REST;
static const char SQL_LIST_PG[] = CHECKIN_DAYS_PG("$2", "$3") LIST_COLUMNS CHECKIN_OF_DAYS_PG("$1") LIST_REST;

int checkins_each(struct db_conn *c, int64_t employee_id, const char *from, const char *to, int limit,
		  int (*cb)(void *ctx, const struct checkin_row *r), void *ctx)
{
	struct db_stmt *s = db_prepare(c, db_conn_dialect(c) == DB_SQLITE ? SQL_LIST_SQLITE : SQL_LIST_PG);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, employee_id);
	db_bind_text(s, 2, from);
	db_bind_text(s, 3, to);
	db_bind_int(s, 4, limit);
	int rc;
	while ((rc = db_step(s)) == 1) {
		struct checkin_row r = {
			.id = db_col_int(s, 0), .nip = db_col_text(s, 1), .work_date = db_col_text(s, 2),
			.kind = db_col_text(s, 3), .mode = db_col_text(s, 4), .verdict = db_col_text(s, 5),
			.flags = db_col_text(s, 6), .device_id = db_col_text(s, 7), .time_zone = db_col_text(s, 8),
			.server_ms = db_col_int(s, 9), .client_ms = db_col_null(s, 10) ? -1 : db_col_int(s, 10),
			.local_minute = (int)db_col_int(s, 11), .has_location = !db_col_null(s, 12),
			.lat = db_col_real(s, 12), .lon = db_col_real(s, 13), .accuracy_m = db_col_real(s, 14),
			.distance_m = db_col_null(s, 15) ? -1 : db_col_real(s, 15), .allowed_m = (int)db_col_int(s, 16),
			.plan_id = db_col_int(s, 17),
		};
		if (cb(ctx, &r))
			break;
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

int checkin_exists(struct db_conn *c, int64_t id)
{
	struct db_stmt *s = db_prepare(c, "SELECT 1 FROM checkin WHERE id = $1");
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, id);
	int rc = db_step(s);
	db_reset(s);
	return rc == 1 ? 0 : rc < 0 ? rc : ERR_NOT_FOUND;
}
