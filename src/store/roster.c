/* roster.c (store) - loading rosters (see store/roster.h).
 *
 * One code path serves one unit and every unit: a fixed sequence of
 * queries (units, staffing, employees with preferences, plans, specials,
 * office days, eligibility change dates) plus the calendar, the schedule
 * set and one eligibility world per change date. Everything is attached in
 * memory through sorted id indexes, so the cost grows with the rows, not
 * with the number of units. */
#include "store/roster.h"
#include "core/err.h"
#include "core/mem.h"
#include "domain/eligibility.h"
#include "store/calendar.h"
#include "store/eligibility.h"
#include "store/schedule.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Each query comes in two shapes: _ALL for the units whose path starts
 * with $1 (bulk), _ONE for the unit whose id is $1 (an index lookup instead
 * of a scan); dates are $2 and $3. */
#define UNIT_COLUMNS                                                                                     \
	"SELECT u.id, u.code, u.name, u.path, u.face_to_face, COALESCE(u.service_open, ''),"             \
	" COALESCE(u.service_close, ''), s.unit_id IS NOT NULL, COALESCE(s.min_on_site, 0),"             \
	" COALESCE(s.min_on_site_per_hour, 0) FROM unit u LEFT JOIN unit_staffing s ON s.unit_id = u.id"
static const char SQL_UNITS_ALL[] = UNIT_COLUMNS
	" WHERE u.path LIKE CAST($1 AS TEXT) || '%'"
	" AND EXISTS (SELECT 1 FROM employee e WHERE e.unit_id = u.id AND e.active = TRUE) ORDER BY u.id";
static const char SQL_UNITS_ONE[] = UNIT_COLUMNS " WHERE u.id = $1";
/* All units, for time zones inherited along the tree. */
static const char SQL_ZONES[] = "SELECT id, COALESCE(parent_id, 0), COALESCE(time_zone, '') FROM unit ORDER BY id";
#define EMPLOYEE_COLUMNS                                                                                  \
	"SELECT e.id, e.nip, e.name, e.unit_id, COALESCE(e.supervisor_id, 0), COALESCE(p.weekdays, 0),"  \
	" COALESCE(p.max_days_month, -1) FROM employee e JOIN unit u ON u.id = e.unit_id"                 \
	" LEFT JOIN plan_preference p ON p.employee_id = e.id WHERE e.active = TRUE"
static const char SQL_EMPLOYEES_ALL[] = EMPLOYEE_COLUMNS
	" AND u.path LIKE CAST($1 AS TEXT) || '%' ORDER BY e.unit_id, e.name_lower, e.nip";
static const char SQL_EMPLOYEES_ONE[] = EMPLOYEE_COLUMNS " AND e.unit_id = $1 ORDER BY e.name_lower, e.nip";
#define PLAN_COLUMNS                                                                                      \
	"SELECT p.id, p.employee_id, p.date, p.mode, p.status FROM plan p JOIN employee e ON e.id = p.employee_id" \
	" JOIN unit u ON u.id = e.unit_id WHERE p.status IN ('requested', 'approved') AND p.date >= $2"  \
	" AND p.date <= $3 AND e.active = TRUE"
static const char SQL_PLANS_ALL[] = PLAN_COLUMNS " AND u.path LIKE CAST($1 AS TEXT) || '%'";
static const char SQL_PLANS_ONE[] = PLAN_COLUMNS " AND e.unit_id = $1";
#define SPECIAL_COLUMNS                                                                                   \
	"SELECT r.employee_id, r.period_from, r.period_to FROM special_request r"                         \
	" JOIN employee e ON e.id = r.employee_id JOIN unit u ON u.id = e.unit_id"                         \
	" WHERE r.status = 'approved' AND r.period_from <= $3 AND r.period_to >= $2 AND e.active = TRUE"
static const char SQL_SPECIALS_ALL[] = SPECIAL_COLUMNS " AND u.path LIKE CAST($1 AS TEXT) || '%'";
static const char SQL_SPECIALS_ONE[] = SPECIAL_COLUMNS " AND e.unit_id = $1";
/* An office-only day applies to the unit that set it and every unit below. */
#define OFFICE_COLUMNS                                                                                    \
	"SELECT u.id, d.date FROM unit_office_day d JOIN unit a ON a.id = d.unit_id"                      \
	" JOIN unit u ON u.path LIKE a.path || '%' WHERE d.date >= $2 AND d.date <= $3"
static const char SQL_OFFICE_DAYS_ALL[] = OFFICE_COLUMNS " AND u.path LIKE CAST($1 AS TEXT) || '%'";
static const char SQL_OFFICE_DAYS_ONE[] = OFFICE_COLUMNS " AND u.id = $1";
/* Dates inside the range where an eligibility input changes: column 2 is 0
 * when the change takes effect on the date, 1 when on the day after. */
static const char SQL_CHANGES[] =
	"SELECT valid_from, 0 FROM policy_version WHERE valid_from > $1 AND valid_from <= $2"
	" UNION SELECT valid_from, 0 FROM position_profile WHERE valid_from > $1 AND valid_from <= $2"
	" UNION SELECT valid_from, 0 FROM eligibility_exception WHERE valid_from > $1 AND valid_from <= $2"
	" UNION SELECT valid_until, 1 FROM eligibility_exception WHERE valid_until >= $1 AND valid_until < $2"
	" UNION SELECT SUBSTR(revoked_at, 1, 10), 0 FROM eligibility_exception"
	"   WHERE revoked_at IS NOT NULL AND SUBSTR(revoked_at, 1, 10) > $1 AND SUBSTR(revoked_at, 1, 10) <= $2"
	" UNION SELECT valid_from, 0 FROM employee_exclusion WHERE valid_from > $1 AND valid_from <= $2"
	" UNION SELECT valid_until, 1 FROM employee_exclusion WHERE valid_until >= $1 AND valid_until < $2"
	" UNION SELECT opened_on, 0 FROM discipline_case WHERE opened_on > $1 AND opened_on <= $2"
	" UNION SELECT closed_on, 0 FROM discipline_case WHERE closed_on > $1 AND closed_on <= $2"
	" UNION SELECT sanction_from, 0 FROM discipline_case WHERE sanction_from > $1 AND sanction_from <= $2"
	" UNION SELECT sanction_until, 1 FROM discipline_case WHERE sanction_until >= $1 AND sanction_until < $2";

/* ---- indexes ---- */

struct id_at {
	int64_t id;
	int a, b;        /* roster index, person index */
};

static int cmp_id_at(const void *x, const void *y)
{
	int64_t p = ((const struct id_at *)x)->id, q = ((const struct id_at *)y)->id;
	return (p > q) - (p < q);
}

static const struct id_at *find_id(const struct id_at *v, int n, int64_t id)
{
	struct id_at key = {.id = id};
	return n ? bsearch(&key, v, (size_t)n, sizeof *v, cmp_id_at) : NULL;
}

/* Everything one load shares. */
struct loader {
	struct db_conn *c;
	int64_t unit_id;             /* 0: by path */
	const char *path;
	int32_t first, last;
	char first_text[DATE_TEXT], last_text[DATE_TEXT];
	struct roster_set *set;
	struct id_at *units; int nunits;    /* unit id -> roster */
	struct id_at *people; int npeople;  /* employee id -> roster, person */
};

/* Prepare the query of the load's shape and bind its scope (and dates). */
static struct db_stmt *scoped(const struct loader *L, const char *all, const char *one, bool dates)
{
	struct db_stmt *s = db_prepare(L->c, L->unit_id ? one : all);
	if (!s)
		return NULL;
	if (L->unit_id)
		db_bind_int(s, 1, L->unit_id);
	else
		db_bind_text(s, 1, L->path);
	if (dates) {
		db_bind_text(s, 2, L->first_text);
		db_bind_text(s, 3, L->last_text);
	}
	return s;
}

static int minutes_or_none(const char *hhmm)
{
	return *hhmm ? date_parse_hhmm(hhmm) : -1;
}

static void init_days(struct roster *r)
{
	r->days = xcalloc((size_t)r->ndays, sizeof *r->days);
	for (int d = 0; d < r->ndays; d++) {
		struct roster_day *day = &r->days[d];
		day->day = r->first + d;
		day->min_on_site = r->min_on_site;
		day->min_on_site_per_hour = r->face_to_face ? r->min_on_site_per_hour : 0;
		day->max_days_week = ELIG_DEFAULT_MAX_REMOTE_DAYS;
		day->max_share_away_pct = ELIG_DEFAULT_MAX_SHARE_AWAY_PCT;
	}
}

static int load_units(struct loader *L, int32_t from, int32_t to)
{
	struct db_stmt *s = scoped(L, SQL_UNITS_ALL, SQL_UNITS_ONE, false);
	if (!s)
		return ERR_DB;
	int rc, cap = 0;
	struct roster_set *set = L->set;
	while ((rc = db_step(s)) == 1) {
		if (set->n == cap) {
			cap = cap ? cap * 2 : 16;
			set->units = xrealloc(set->units, (size_t)cap * sizeof *set->units);
		}
		struct roster *r = &set->units[set->n++];
		memset(r, 0, sizeof *r);
		r->unit_id = db_col_int(s, 0);
		snprintf(r->code, sizeof r->code, "%s", db_col_text(s, 1));
		r->name = xstrdup(db_col_text(s, 2));
		r->path = xstrdup(db_col_text(s, 3));
		r->face_to_face = db_col_bool(s, 4);
		r->service_open = minutes_or_none(db_col_text(s, 5));
		r->service_close = minutes_or_none(db_col_text(s, 6));
		r->has_staffing = db_col_bool(s, 7);
		r->min_on_site = (int)db_col_int(s, 8);
		r->min_on_site_per_hour = (int)db_col_int(s, 9);
		r->from = from;
		r->to = to;
		r->first = L->first;
		r->ndays = (int)(L->last - L->first + 1);
		init_days(r);
	}
	db_reset(s);
	if (rc < 0)
		return rc;
	L->units = xmalloc((size_t)(set->n ? set->n : 1) * sizeof *L->units);
	for (int i = 0; i < set->n; i++)
		L->units[i] = (struct id_at){set->units[i].unit_id, i, 0};
	L->nunits = set->n;   /* rows come ordered by id */
	return 0;
}

/* Time zones: a unit's own, else the nearest ancestor's, else WIB. */
static int load_zones(struct loader *L)
{
	struct db_stmt *s = db_prepare(L->c, SQL_ZONES);
	if (!s)
		return ERR_DB;
	struct zone { int64_t id, parent; int tz; } *z = NULL;
	int rc, n = 0, cap = 0;
	while ((rc = db_step(s)) == 1) {
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			z = xrealloc(z, (size_t)cap * sizeof *z);
		}
		z[n++] = (struct zone){db_col_int(s, 0), db_col_int(s, 1), tz_parse(db_col_text(s, 2))};
	}
	db_reset(s);
	for (int i = 0; rc == 0 && i < L->set->n; i++) {
		struct roster *r = &L->set->units[i];
		int64_t id = r->unit_id;
		r->tz = TZ_WIB;
		for (int hops = 0; id && hops < 64; hops++) {
			int lo = 0, hi = n - 1, at = -1;
			while (lo <= hi) {
				int mid = lo + (hi - lo) / 2;
				if (z[mid].id == id) { at = mid; break; }
				if (z[mid].id < id) lo = mid + 1; else hi = mid - 1;
			}
			if (at < 0)
				break;
			if (z[at].tz >= 0) {
				r->tz = (enum tz_zone)z[at].tz;
				break;
			}
			id = z[at].parent;
		}
	}
	free(z);
	return rc < 0 ? rc : 0;
}

static void add_person(struct loader *L, struct roster *r, struct db_stmt *s, int *cap)
{
	if (r->npeople == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		r->people = xrealloc(r->people, (size_t)*cap * sizeof *r->people);
	}
	struct roster_person *p = &r->people[r->npeople++];
	memset(p, 0, sizeof *p);
	p->employee_id = db_col_int(s, 0);
	snprintf(p->nip, sizeof p->nip, "%s", db_col_text(s, 1));
	p->name = xstrdup(db_col_text(s, 2));
	p->supervisor_id = db_col_int(s, 4);
	p->pref_weekdays = (uint8_t)(db_col_int(s, 5) & 0x7f);
	p->max_days_month = (int)db_col_int(s, 6);
	(void)L;
}

/* One block of cells per roster; people point into it. */
static void attach_cells(struct roster *r)
{
	size_t n = (size_t)r->npeople * (size_t)r->ndays;
	r->cell_block = xcalloc(n ? n : 1, sizeof *r->cell_block);
	for (int i = 0; i < r->npeople; i++) {
		r->people[i].cells = r->cell_block + (size_t)i * (size_t)r->ndays;
		for (int d = 0; d < r->ndays; d++) {
			r->people[i].cells[d].start = -1;
			r->people[i].cells[d].end = -1;
		}
	}
}

static int load_people(struct loader *L)
{
	struct db_stmt *s = scoped(L, SQL_EMPLOYEES_ALL, SQL_EMPLOYEES_ONE, false);
	if (!s)
		return ERR_DB;
	int rc, cap = 0, at = -1;
	int64_t last_unit = -1;
	while ((rc = db_step(s)) == 1) {
		int64_t unit = db_col_int(s, 3);
		if (unit != last_unit) {
			const struct id_at *u = find_id(L->units, L->nunits, unit);
			at = u ? u->a : -1;
			last_unit = unit;
			cap = 0;
		}
		if (at >= 0)
			add_person(L, &L->set->units[at], s, &cap);
	}
	db_reset(s);
	if (rc < 0)
		return rc;
	for (int i = 0; i < L->set->n; i++)
		L->npeople += L->set->units[i].npeople;
	L->people = xmalloc((size_t)(L->npeople ? L->npeople : 1) * sizeof *L->people);
	int k = 0;
	for (int i = 0; i < L->set->n; i++) {
		struct roster *r = &L->set->units[i];
		attach_cells(r);
		for (int p = 0; p < r->npeople; p++)
			L->people[k++] = (struct id_at){r->people[p].employee_id, i, p};
	}
	qsort(L->people, (size_t)L->npeople, sizeof *L->people, cmp_id_at);
	return 0;
}

static struct roster_cell *cell_of(const struct loader *L, int64_t employee_id, int32_t day, struct roster **rr)
{
	const struct id_at *e = find_id(L->people, L->npeople, employee_id);
	if (!e)
		return NULL;
	struct roster *r = &L->set->units[e->a];
	int d = roster_day_index(r, day);
	if (rr)
		*rr = r;
	return d < 0 ? NULL : &r->people[e->b].cells[d];
}

static int load_plans(struct loader *L)
{
	struct db_stmt *s = scoped(L, SQL_PLANS_ALL, SQL_PLANS_ONE, true);
	if (!s)
		return ERR_DB;
	int rc;
	while ((rc = db_step(s)) == 1) {
		int32_t day;
		int mode = plan_mode_parse(db_col_text(s, 3)), status = plan_status_parse(db_col_text(s, 4));
		if (!date_parse(db_col_text(s, 2), &day) || mode < 0 || status < 0)
			continue;
		struct roster_cell *cell = cell_of(L, db_col_int(s, 1), day, NULL);
		if (!cell)
			continue;
		cell->plan_id = db_col_int(s, 0);
		cell->mode = (uint8_t)mode;
		cell->status = (uint8_t)status;
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static int load_specials(struct loader *L)
{
	struct db_stmt *s = scoped(L, SQL_SPECIALS_ALL, SQL_SPECIALS_ONE, true);
	if (!s)
		return ERR_DB;
	int rc;
	while ((rc = db_step(s)) == 1) {
		int32_t a, b;
		if (!date_parse(db_col_text(s, 1), &a) || !date_parse(db_col_text(s, 2), &b))
			continue;
		for (int32_t day = a < L->first ? L->first : a; day <= b && day <= L->last; day++) {
			struct roster_cell *cell = cell_of(L, db_col_int(s, 0), day, NULL);
			if (cell)
				cell->flags |= ROSTER_SPECIAL;
		}
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static int load_office_days(struct loader *L)
{
	struct db_stmt *s = scoped(L, SQL_OFFICE_DAYS_ALL, SQL_OFFICE_DAYS_ONE, true);
	if (!s)
		return ERR_DB;
	int rc;
	while ((rc = db_step(s)) == 1) {
		const struct id_at *u = find_id(L->units, L->nunits, db_col_int(s, 0));
		int32_t day;
		if (!u || !date_parse(db_col_text(s, 1), &day))
			continue;
		struct roster *r = &L->set->units[u->a];
		int d = roster_day_index(r, day);
		if (d >= 0)
			r->days[d].office_only = true;
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

/* The calendar and the schedules: working days, day-off names, and each
 * person's scheduled time. */
static int load_schedules(struct loader *L)
{
	int y0, y1, m, d;
	date_to_ymd(L->first, &y0, &m, &d);
	date_to_ymd(L->last, &y1, &m, &d);
	struct calendar cal;
	memset(&cal, 0, sizeof cal);
	int rc = calendar_load(L->c, y0, y1, &cal);
	struct schedule_set ss;
	memset(&ss, 0, sizeof ss);
	if (!rc)
		rc = schedule_set_load(L->c, L->unit_id, L->first, L->last, &ss);
	for (int i = 0; !rc && i < L->set->n; i++) {
		struct roster *r = &L->set->units[i];
		for (int k = 0; k < r->ndays; k++) {
			struct roster_day *day = &r->days[k];
			day->working = calendar_is_working_day(&cal, day->day);
			const struct day_off *off = calendar_day_off(&cal, day->day);
			if (off && off->name)
				day->off_name = xstrdup(off->name);
		}
		for (int p = 0; p < r->npeople; p++)
			for (int k = 0; k < r->ndays; k++) {
				struct workday w;
				schedule_set_workday(&ss, r->people[p].employee_id, r->unit_id, r->days[k].day, &w);
				schedule_apply_calendar(&w, r->days[k].working);
				struct roster_cell *cell = &r->people[p].cells[k];
				if (w.shift)
					cell->flags |= ROSTER_SHIFT;
				if (w.working) {
					cell->flags |= ROSTER_SCHEDULED;
					cell->start = (int16_t)w.start;
					cell->end = (int16_t)w.end;
				}
			}
	}
	schedule_set_free(&ss);
	calendar_free(&cal);
	return rc;
}

/* ---- eligibility per change date ---- */

static int cmp_day(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
	return (x > y) - (x < y);
}

/* Segment starts: first, then every change date inside the range, sorted
 * and unique. */
static int change_days(struct loader *L, int32_t **out, int *n)
{
	int cap = 8;
	int32_t *v = xmalloc((size_t)cap * sizeof *v);
	int k = 0;
	v[k++] = L->first;
	struct db_stmt *s = db_prepare(L->c, SQL_CHANGES);
	if (!s) {
		free(v);
		return ERR_DB;
	}
	db_bind_text(s, 1, L->first_text);
	db_bind_text(s, 2, L->last_text);
	int rc;
	while ((rc = db_step(s)) == 1) {
		int32_t day;
		if (!date_parse(db_col_text(s, 0), &day))
			continue;
		day += (int32_t)db_col_int(s, 1);
		if (day <= L->first || day > L->last)
			continue;
		if (k == cap) {
			cap *= 2;
			v = xrealloc(v, (size_t)cap * sizeof *v);
		}
		v[k++] = day;
	}
	db_reset(s);
	qsort(v, (size_t)k, sizeof *v, cmp_day);
	int u = 0;
	for (int i = 0; i < k; i++)
		if (!u || v[u - 1] != v[i])
			v[u++] = v[i];
	*out = v;
	*n = u;
	return rc < 0 ? rc : 0;
}

static uint8_t location_bits(const struct elig_input *in)
{
	struct elig_decision dec;
	elig_decide(in, &dec);
	uint8_t bits = 0;
	for (int k = ELIG_WFH; k <= ELIG_KANTOR_LAIN; k++)
		if (dec.kind[k].eligible)
			bits |= (uint8_t)ELIG_KIND_BIT(k);
	return bits;
}

/* Decide everyone of the world for days [a, b]; people who count as new
 * employees on a are decided again each day (their status may end inside). */
static void decide_segment(struct loader *L, const struct elig_world *w, int32_t a, int32_t b)
{
	for (int i = 0; i < L->set->n; i++) {
		struct roster *r = &L->set->units[i];
		int u = elig_world_unit_index(w, r->unit_id);
		if (u < 0)
			continue;
		const struct elig_policy *pol = &w->units[u].policy;
		for (int32_t day = a; day <= b; day++) {
			struct roster_day *rd = &r->days[day - r->first];
			rd->policy_enabled = pol->in_force && pol->enabled;
			rd->max_days_week = pol->max_remote_days_per_week;
			rd->max_share_away_pct = pol->max_share_away_pct;
		}
	}
	for (int i = 0; i < w->nemp; i++) {
		const struct id_at *e = find_id(L->people, L->npeople, w->emp[i].id);
		if (!e)
			continue;
		struct roster *r = &L->set->units[e->a];
		struct roster_cell *cells = r->people[e->b].cells;
		struct elig_context ctx;
		elig_world_context(w, i, &ctx);
		uint8_t bits = location_bits(&ctx.in);
		bool renew = elig_is_new_employee(&ctx.person, ctx.in.policy, w->date);
		for (int32_t day = a; day <= b; day++) {
			if (renew && day > a) {
				char text[DATE_TEXT];
				date_format(day, text);
				ctx.in.date = text;
				bits = location_bits(&ctx.in);
			}
			cells[day - r->first].eligible = bits;
		}
	}
}

static int load_eligibility(struct loader *L)
{
	int32_t *starts = NULL;
	int n = 0;
	int rc = change_days(L, &starts, &n);
	struct elig_filter f = {.employee_id = 0, .unit_path = L->path};
	if (L->unit_id && L->set->n == 1)
		f.unit_path = L->set->units[0].path;
	for (int i = 0; !rc && i < n; i++) {
		char date[DATE_TEXT];
		date_format(starts[i], date);
		struct elig_world w;
		rc = elig_world_load(L->c, date, &f, &w);
		if (!rc)
			decide_segment(L, &w, starts[i], i + 1 < n ? starts[i + 1] - 1 : L->last);
		elig_world_free(&w);
	}
	free(starts);
	return rc;
}

static int load(struct loader *L, int32_t from, int32_t to)
{
	if (to < from || to - from + 1 > ROSTER_MAX_DAYS)
		return ERR_INVALID;
	L->first = date_week_monday(from);
	L->last = date_week_monday(to) + 6;
	date_format(L->first, L->first_text);
	date_format(L->last, L->last_text);
	int rc = load_units(L, from, to);
	if (!rc && L->unit_id && L->set->n == 0)
		rc = ERR_NOT_FOUND;
	if (!rc)
		rc = load_zones(L);
	if (!rc)
		rc = load_people(L);
	if (!rc)
		rc = load_schedules(L);
	if (!rc)
		rc = load_plans(L);
	if (!rc)
		rc = load_specials(L);
	if (!rc)
		rc = load_office_days(L);
	if (!rc)
		rc = load_eligibility(L);
	free(L->units);
	free(L->people);
	return rc;
}

int roster_load_all(struct db_conn *c, const char *unit_path, int32_t from, int32_t to, struct roster_set *out)
{
	memset(out, 0, sizeof *out);
	struct loader L = {.c = c, .unit_id = 0, .path = unit_path ? unit_path : "", .set = out};
	return load(&L, from, to);
}

int roster_load(struct db_conn *c, int64_t unit_id, int32_t from, int32_t to, struct roster *out)
{
	memset(out, 0, sizeof *out);
	if (unit_id <= 0)
		return ERR_NOT_FOUND;
	struct roster_set set = {0};
	struct loader L = {.c = c, .unit_id = unit_id, .path = "", .set = &set};
	int rc = load(&L, from, to);
	if (set.n == 1) {
		*out = set.units[0];
		set.n = 0;
	}
	roster_set_free(&set);
	return rc;
}

void roster_free(struct roster *r)
{
	if (!r)
		return;
	for (int d = 0; d < r->ndays && r->days; d++)
		free(r->days[d].off_name);
	for (int p = 0; p < r->npeople; p++)
		free(r->people[p].name);
	free(r->days);
	free(r->people);
	free(r->cell_block);
	free(r->name);
	free(r->path);
	memset(r, 0, sizeof *r);
}

void roster_set_free(struct roster_set *s)
{
	for (int i = 0; i < s->n; i++)
		roster_free(&s->units[i]);
	free(s->units);
	memset(s, 0, sizeof *s);
}
