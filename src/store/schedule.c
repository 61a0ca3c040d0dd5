/* schedule.c (store) - schedules, assignments and flexible starts (see
 * store/schedule.h). The set loader reads a handful of small tables once
 * (schedules, the unit tree, assignments and flexible starts valid in the
 * range) so that answering for all 62k employees is a few binary searches
 * each, without a query per person. */
#include "store/schedule.h"

#include "core/clock.h"
#include "core/date.h"
#include "core/err.h"
#include "core/mem.h"
#include "store/audit.h"
#include "store/calendar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FLEX_DAYS_MAX 366

static const char SQL_SCHEDULES[] =
	"SELECT id, code, name, kind, flex_early_min, flex_late_min, flex_face_to_face,"
	" COALESCE(early_arrival_before, -1), COALESCE(cycle_anchor, ''), COALESCE(valid_from, ''),"
	" COALESCE(valid_until, ''), legal_reference FROM work_schedule ORDER BY id";
static const char SQL_SCHEDULE_DAYS[] =
	"SELECT schedule_id, idx, start_min, end_min, break_min, COALESCE(earliest_end_min, -1), label"
	" FROM work_schedule_day ORDER BY schedule_id, idx";
static const char SQL_UNITS[] = "SELECT id, COALESCE(parent_id, 0), face_to_face FROM unit ORDER BY id";
static const char SQL_UNIT_ASSIGN[] =
	"SELECT unit_id, schedule_id, shift_offset, valid_from, COALESCE(valid_until, '') FROM schedule_assignment"
	" WHERE unit_id IS NOT NULL AND valid_from <= $1 AND (valid_until IS NULL OR valid_until >= $2)"
	" ORDER BY unit_id, valid_from, id";
static const char SQL_EMP_ASSIGN[] =
	"SELECT a.employee_id, a.schedule_id, a.shift_offset, a.valid_from, COALESCE(a.valid_until, '')"
	" FROM schedule_assignment a JOIN employee e ON e.id = a.employee_id JOIN unit u ON u.id = e.unit_id"
	" WHERE a.valid_from <= $1 AND (a.valid_until IS NULL OR a.valid_until >= $2)"
	" AND u.path LIKE CAST($3 AS TEXT) || '%' ORDER BY a.employee_id, a.valid_from, a.id";
static const char SQL_FLEX[] =
	"SELECT f.employee_id, f.start_min, f.valid_from, f.valid_until FROM flexible_start f"
	" JOIN employee e ON e.id = f.employee_id JOIN unit u ON u.id = e.unit_id"
	" WHERE f.valid_from <= $1 AND f.valid_until >= $2 AND u.path LIKE CAST($3 AS TEXT) || '%'"
	" ORDER BY f.employee_id, f.id";
static const char SQL_UNIT_PATH[] = "SELECT path FROM unit WHERE id = $1";
static const char SQL_EMPLOYEE_UNIT[] = "SELECT unit_id FROM employee WHERE id = $1";

/* ---- loading ---- */

static int32_t parse_day_or(const char *s, int32_t def)
{
	int32_t d;
	return *s && date_parse(s, &d) ? d : def;
}

static void schedule_from_row(struct db_stmt *s, struct schedule *out)
{
	memset(out, 0, sizeof *out);
	out->id = db_col_int(s, 0);
	snprintf(out->code, sizeof out->code, "%s", db_col_text(s, 1));
	out->name = xstrdup(db_col_text(s, 2));
	out->kind = strcmp(db_col_text(s, 3), "shift") ? SCHEDULE_REGULAR : SCHEDULE_SHIFT;
	out->flex_early_min = (int)db_col_int(s, 4);
	out->flex_late_min = (int)db_col_int(s, 5);
	out->flex_face_to_face = db_col_bool(s, 6);
	out->early_arrival_before = (int)db_col_int(s, 7);
	out->cycle_anchor = parse_day_or(db_col_text(s, 8), 0);
	out->valid_from = parse_day_or(db_col_text(s, 9), INT32_MIN);
	out->valid_until = parse_day_or(db_col_text(s, 10), INT32_MAX);
	out->seasonal = *db_col_text(s, 9) || *db_col_text(s, 10);
	out->legal_reference = xstrdup(db_col_text(s, 11));
}

static struct schedule *find_by_id(struct schedule *v, int n, int64_t id)
{
	for (int i = 0; i < n; i++)
		if (v[i].id == id)
			return &v[i];
	return NULL;
}

/* Every schedule with its days into a new array. */
static int load_schedules(struct db_conn *c, struct schedule **out, int *n)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *s = db_prepare(c, SQL_SCHEDULES);
	if (!s)
		return ERR_DB;
	int rc;
	while ((rc = db_step(s)) == 1) {
		*out = xrealloc(*out, (size_t)(*n + 1) * sizeof **out);
		schedule_from_row(s, &(*out)[(*n)++]);
	}
	db_reset(s);
	if (rc < 0 || !(s = db_prepare(c, SQL_SCHEDULE_DAYS)))
		return rc < 0 ? rc : ERR_DB;
	while ((rc = db_step(s)) == 1) {
		struct schedule *sc = find_by_id(*out, *n, db_col_int(s, 0));
		int idx = (int)db_col_int(s, 1);
		if (!sc || idx < 0 || idx >= SCHEDULE_DAYS_MAX)
			continue;
		int slot = sc->kind == SCHEDULE_REGULAR ? idx - 1 : idx;
		if (slot < 0 || (sc->kind == SCHEDULE_REGULAR && slot >= 7))
			continue;
		struct schedule_day *d = &sc->days[slot];
		d->start_min = (int)db_col_int(s, 2);
		d->end_min = (int)db_col_int(s, 3);
		d->break_min = (int)db_col_int(s, 4);
		d->earliest_end_min = (int)db_col_int(s, 5);
		snprintf(d->label, sizeof d->label, "%s", db_col_text(s, 6));
		if (slot + 1 > sc->ndays)
			sc->ndays = slot + 1;
	}
	db_reset(s);
	for (int i = 0; i < *n; i++)
		if ((*out)[i].kind == SCHEDULE_REGULAR)
			(*out)[i].ndays = 7;
	return rc < 0 ? rc : 0;
}

static int index_of(const struct schedule_set *set, int64_t id)
{
	for (int i = 0; i < set->nschedules; i++)
		if (set->schedules[i].id == id)
			return i;
	return -1;
}

static int load_assign(struct db_conn *c, const char *sql, const char *path, struct schedule_set *set,
		       struct schedule_assign **out, int *n)
{
	char from[DATE_TEXT], to[DATE_TEXT];
	date_format(set->from, from);
	date_format(set->to, to);
	struct db_stmt *s = db_prepare(c, sql);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, to);
	db_bind_text(s, 2, from);
	if (path)
		db_bind_text(s, 3, path);
	int rc, cap = 0;
	while ((rc = db_step(s)) == 1) {
		int sched = index_of(set, db_col_int(s, 1));
		if (sched < 0)
			continue;
		if (*n == cap)
			*out = xrealloc(*out, (size_t)(cap = cap ? cap * 2 : 64) * sizeof **out);
		struct schedule_assign *a = &(*out)[(*n)++];
		a->owner_id = db_col_int(s, 0);
		a->sched = sched;
		a->shift_offset = (int)db_col_int(s, 2);
		a->valid_from = parse_day_or(db_col_text(s, 3), INT32_MIN);
		a->valid_until = parse_day_or(db_col_text(s, 4), INT32_MAX);
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static int load_units(struct db_conn *c, struct schedule_set *set)
{
	struct db_stmt *s = db_prepare(c, SQL_UNITS);
	if (!s)
		return ERR_DB;
	int rc, cap = 0;
	while ((rc = db_step(s)) == 1) {
		if (set->nunits == cap)
			set->units = xrealloc(set->units, (size_t)(cap = cap ? cap * 2 : 1024) * sizeof *set->units);
		struct schedule_unit *u = &set->units[set->nunits++];
		u->id = db_col_int(s, 0);
		u->parent_id = db_col_int(s, 1);
		u->face_to_face = db_col_bool(s, 2);
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static int load_flex(struct db_conn *c, const char *path, struct schedule_set *set)
{
	char from[DATE_TEXT], to[DATE_TEXT];
	date_format(set->from, from);
	date_format(set->to, to);
	struct db_stmt *s = db_prepare(c, SQL_FLEX);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, to);
	db_bind_text(s, 2, from);
	db_bind_text(s, 3, path);
	int rc, cap = 0;
	while ((rc = db_step(s)) == 1) {
		if (set->nflex == cap)
			set->flex = xrealloc(set->flex, (size_t)(cap = cap ? cap * 2 : 64) * sizeof *set->flex);
		struct schedule_flex *f = &set->flex[set->nflex++];
		f->employee_id = db_col_int(s, 0);
		f->start_min = (int)db_col_int(s, 1);
		f->valid_from = parse_day_or(db_col_text(s, 2), INT32_MIN);
		f->valid_until = parse_day_or(db_col_text(s, 3), INT32_MIN);
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

/* The subtree path of unit_id ("" = everything). */
static int subtree_path(struct db_conn *c, int64_t unit_id, char *path, size_t cap)
{
	path[0] = '\0';
	if (!unit_id)
		return 0;
	struct db_stmt *s = db_prepare(c, SQL_UNIT_PATH);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, unit_id);
	int rc = db_step(s);
	if (rc == 1)
		snprintf(path, cap, "%s", db_col_text(s, 0));
	db_reset(s);
	return rc < 0 ? rc : rc == 1 ? 0 : ERR_NOT_FOUND;
}

static void precompute(struct schedule_set *set);

/* Units and unit assignments are always loaded whole (a few thousand rows):
 * inheritance needs the ancestors. Employee rows are limited to the subtree. */
int schedule_set_load(struct db_conn *c, int64_t unit_id, int32_t from, int32_t to, struct schedule_set *out)
{
	memset(out, 0, sizeof *out);
	out->from = from;
	out->to = to < from ? from : to;
	out->default_sched = -1;
	char path[512];
	int rc = subtree_path(c, unit_id, path, sizeof path);
	if (!rc)
		rc = load_schedules(c, &out->schedules, &out->nschedules);
	for (int i = 0; !rc && i < out->nschedules; i++)
		if (!strcmp(out->schedules[i].code, SCHEDULE_DEFAULT_CODE))
			out->default_sched = i;
	if (!rc)
		rc = load_units(c, out);
	if (!rc)
		rc = load_assign(c, SQL_UNIT_ASSIGN, NULL, out, &out->unit_assign, &out->nunit_assign);
	if (!rc)
		rc = load_assign(c, SQL_EMP_ASSIGN, path, out, &out->emp_assign, &out->nemp_assign);
	if (!rc)
		rc = load_flex(c, path, out);
	if (rc)
		schedule_set_free(out);
	else if (!unit_id)
		precompute(out); /* one subtree is answered fast enough by walking */
	return rc;
}

void schedule_set_free(struct schedule_set *s)
{
	for (int i = 0; i < s->nschedules; i++)
		schedule_free(&s->schedules[i]);
	free(s->schedules);
	free(s->unit_assign);
	free(s->emp_assign);
	free(s->units);
	free(s->flex);
	free(s->unit_pick);
	free(s->season_pick);
	memset(s, 0, sizeof *s);
	s->default_sched = -1;
}

/* ---- resolution ---- */

/* First index in v (sorted by owner_id) whose owner is >= id. */
static int first_owner(const struct schedule_assign *v, int n, int64_t id)
{
	int lo = 0, hi = n;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (v[mid].owner_id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The owner's assignment valid on day: the one that started last. A
 * seasonal schedule only counts inside its own dates. */
static const struct schedule_assign *assignment_on(const struct schedule_set *set, const struct schedule_assign *v,
						   int n, int64_t owner, int32_t day)
{
	const struct schedule_assign *best = NULL;
	for (int i = first_owner(v, n, owner); i < n && v[i].owner_id == owner; i++) {
		const struct schedule_assign *a = &v[i];
		if (day < a->valid_from || day > a->valid_until || !schedule_valid_on(&set->schedules[a->sched], day))
			continue;
		if (!best || a->valid_from >= best->valid_from)
			best = a;
	}
	return best;
}

static const struct schedule_unit *unit_of(const struct schedule_set *set, int64_t id)
{
	int lo = 0, hi = set->nunits;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (set->units[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < set->nunits && set->units[lo].id == id ? &set->units[lo] : NULL;
}

/* A seasonal regular schedule valid on day (the latest defined wins). */
static int seasonal_on(const struct schedule_set *set, int32_t day)
{
	int found = -1;
	for (int i = 0; i < set->nschedules; i++) {
		const struct schedule *s = &set->schedules[i];
		if (s->seasonal && s->kind == SCHEDULE_REGULAR && schedule_valid_on(s, day))
			found = i;
	}
	return found;
}

/* The schedule the unit tree gives unit_id on day: the unit's own
 * assignment, else the nearest ancestor's; -1 when none. */
static int unit_chain(const struct schedule_set *set, int64_t unit_id, int32_t day, int *offset)
{
	for (int depth = 0; unit_id && depth < 64; depth++) {
		const struct schedule_assign *a = assignment_on(set, set->unit_assign, set->nunit_assign, unit_id, day);
		if (a) {
			*offset = a->shift_offset;
			return a->sched;
		}
		const struct schedule_unit *u = unit_of(set, unit_id);
		unit_id = u ? u->parent_id : 0;
	}
	*offset = 0;
	return -1;
}

/* Fill the per-unit, per-day picks so that answering for every employee of
 * the organisation costs two binary searches, not a walk up the tree. */
static void precompute(struct schedule_set *set)
{
	int64_t nd = (int64_t)set->to - set->from + 1;
	if (nd > SCHEDULE_CACHE_DAYS)
		return;
	set->unit_pick = xcalloc((size_t)(set->nunits * nd + 1), sizeof *set->unit_pick);
	set->season_pick = xcalloc((size_t)nd, sizeof *set->season_pick);
	for (int64_t d = 0; d < nd; d++)
		set->season_pick[d] = (int16_t)seasonal_on(set, set->from + (int32_t)d);
	for (int i = 0; i < set->nunits; i++)
		for (int64_t d = 0; d < nd; d++) {
			int offset;
			struct schedule_pick *p = &set->unit_pick[i * nd + d];
			p->sched = (int16_t)unit_chain(set, set->units[i].id, set->from + (int32_t)d, &offset);
			p->offset = (int16_t)offset;
		}
}

/* The unit tree's schedule for unit_id on day, from the picks when loaded. */
static int unit_pick(const struct schedule_set *set, int64_t unit_id, int32_t day, int *offset)
{
	if (set->unit_pick && day >= set->from && day <= set->to) {
		const struct schedule_unit *u = unit_of(set, unit_id);
		if (u) {
			int64_t nd = (int64_t)set->to - set->from + 1;
			const struct schedule_pick *p = &set->unit_pick[(u - set->units) * nd + (day - set->from)];
			*offset = p->offset;
			return p->sched;
		}
	}
	return unit_chain(set, unit_id, day, offset);
}

/* A unit's shift schedule staggers its staff over the cycle (crews), so a
 * 24-hour unit is never all on the same shift: position offset = the
 * assignment's offset + employee id modulo the cycle length. */
const struct schedule *schedule_set_resolve(const struct schedule_set *set, int64_t employee_id, int64_t unit_id,
					     int32_t day, int *shift_offset)
{
	int sched = -1, offset = 0;
	const struct schedule_assign *a =
		assignment_on(set, set->emp_assign, set->nemp_assign, employee_id, day);
	if (a) {
		sched = a->sched;
		offset = a->shift_offset;
	} else if ((sched = unit_pick(set, unit_id, day, &offset)) >= 0) {
		const struct schedule *s = &set->schedules[sched];
		if (s->kind == SCHEDULE_SHIFT && s->ndays)
			offset += (int)(employee_id % s->ndays);
	}
	if (sched < 0)
		sched = set->default_sched;
	if (sched < 0)
		return NULL;
	if (set->schedules[sched].kind == SCHEDULE_REGULAR) {
		int season = set->season_pick && day >= set->from && day <= set->to ? set->season_pick[day - set->from]
										     : seasonal_on(set, day);
		if (season >= 0) {
			sched = season;
			offset = 0;
		}
	}
	if (shift_offset)
		*shift_offset = offset;
	return &set->schedules[sched];
}

static int flex_on(const struct schedule_set *set, int64_t employee_id, int32_t day)
{
	int lo = 0, hi = set->nflex, start = -1;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (set->flex[mid].employee_id < employee_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (int i = lo; i < set->nflex && set->flex[i].employee_id == employee_id; i++)
		if (day >= set->flex[i].valid_from && day <= set->flex[i].valid_until)
			start = set->flex[i].start_min; /* the latest approval wins */
	return start;
}

void schedule_set_workday(const struct schedule_set *s, int64_t employee_id, int64_t unit_id, int32_t day,
			  struct workday *out)
{
	int offset = 0;
	const struct schedule *sc = schedule_set_resolve(s, employee_id, unit_id, day, &offset);
	if (!sc) {
		memset(out, 0, sizeof *out);
		out->earliest_end = out->early_arrival_before = -1;
		return;
	}
	schedule_workday_of(sc, day, offset, flex_on(s, employee_id, day), out);
}

bool schedule_set_works_on_days_off(const struct schedule_set *s, int64_t employee_id, int64_t unit_id, int32_t day)
{
	const struct schedule *sc = schedule_set_resolve(s, employee_id, unit_id, day, NULL);
	return sc && sc->kind == SCHEDULE_SHIFT;
}

int schedule_employee_unit(struct db_conn *c, int64_t employee_id, int64_t *unit_id)
{
	struct db_stmt *s = db_prepare(c, SQL_EMPLOYEE_UNIT);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, employee_id);
	int rc = db_step(s);
	if (rc == 1)
		*unit_id = db_col_int(s, 0);
	db_reset(s);
	return rc < 0 ? rc : rc == 1 ? 0 : ERR_NOT_FOUND;
}

int schedule_workday(struct db_conn *c, int64_t employee_id, int32_t day, struct workday *out)
{
	int64_t unit_id = 0;
	int rc = schedule_employee_unit(c, employee_id, &unit_id);
	struct schedule_set set;
	if (rc || (rc = schedule_set_load(c, unit_id, day, day, &set)))
		return rc;
	schedule_set_workday(&set, employee_id, unit_id, day, out);
	schedule_set_free(&set);
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	struct calendar cal;
	if ((rc = calendar_load(c, y, y, &cal)))
		return rc;
	schedule_apply_calendar(out, calendar_is_working_day(&cal, day));
	calendar_free(&cal);
	return 0;
}

/* ---- listing ---- */

int schedule_list(struct db_conn *c, int (*cb)(void *ctx, const struct schedule *s), void *ctx)
{
	struct schedule *v;
	int n, rc = load_schedules(c, &v, &n);
	for (int i = 0; !rc && i < n; i++)
		if (cb(ctx, &v[i]))
			break;
	for (int i = 0; i < n; i++)
		schedule_free(&v[i]);
	free(v);
	return rc;
}

int schedule_get(struct db_conn *c, const char *code, struct schedule *out)
{
	struct schedule *v;
	int n, rc = load_schedules(c, &v, &n), found = -1;
	for (int i = 0; i < n; i++) {
		if (!rc && found < 0 && !strcmp(v[i].code, code))
			found = i;
		else
			schedule_free(&v[i]);
	}
	if (found >= 0)
		*out = v[found];
	free(v);
	return rc ? rc : found >= 0 ? 0 : ERR_NOT_FOUND;
}

/* ---- changes ---- */

static const char SQL_CLOSE_UNIT[] =
	"UPDATE schedule_assignment SET valid_until = $2 WHERE unit_id = $1 AND valid_from < $3"
	" AND (valid_until IS NULL OR valid_until >= $3)";
static const char SQL_CLOSE_EMP[] =
	"UPDATE schedule_assignment SET valid_until = $2 WHERE employee_id = $1 AND valid_from < $3"
	" AND (valid_until IS NULL OR valid_until >= $3)";
static const char SQL_DROP_UNIT[] = "DELETE FROM schedule_assignment WHERE unit_id = $1 AND valid_from >= $2";
static const char SQL_DROP_EMP[] = "DELETE FROM schedule_assignment WHERE employee_id = $1 AND valid_from >= $2";
static const char SQL_ASSIGN_UNIT[] =
	"INSERT INTO schedule_assignment (unit_id, schedule_id, shift_offset, valid_from, created_by, created_at)"
	" VALUES ($1, $2, $3, $4, $5, $6)";
static const char SQL_ASSIGN_EMP[] =
	"INSERT INTO schedule_assignment (employee_id, schedule_id, shift_offset, valid_from, created_by, created_at)"
	" VALUES ($1, $2, $3, $4, $5, $6)";
static const char SQL_FLEX_INSERT[] =
	"INSERT INTO flexible_start (employee_id, start_min, valid_from, valid_until, approved_by, approved_at)"
	" VALUES ($1, $2, $3, $4, $5, $6)";

static int exec_owner(struct db_conn *c, const char *sql, int64_t owner, const char *a, const char *b)
{
	struct db_stmt *s = db_prepare(c, sql);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, owner);
	db_bind_text(s, 2, a);
	if (b)
		db_bind_text(s, 3, b);
	int rc = db_step(s);
	db_reset(s);
	return rc < 0 ? rc : 0;
}

/* Later assignments of the owner are replaced; the running one ends the day
 * before; then the new one is inserted, open-ended. */
int schedule_assign(struct db_conn *c, bool employee, int64_t owner_id, const char *object, const char *schedule_code,
		    int32_t valid_from, int shift_offset, const char *actor)
{
	struct schedule sc;
	int rc = schedule_get(c, schedule_code, &sc);
	if (rc)
		return rc;
	bool bad = sc.kind == SCHEDULE_SHIFT ? shift_offset < 0 || shift_offset >= sc.ndays : shift_offset != 0;
	int64_t sched_id = sc.id;
	schedule_free(&sc);
	if (bad)
		return ERR_INVALID;
	char from[DATE_TEXT], before[DATE_TEXT], at[40];
	date_format(valid_from, from);
	date_format(valid_from - 1, before);
	clock_now_iso(at, sizeof at);
	rc = exec_owner(c, employee ? SQL_DROP_EMP : SQL_DROP_UNIT, owner_id, from, NULL);
	if (!rc)
		rc = exec_owner(c, employee ? SQL_CLOSE_EMP : SQL_CLOSE_UNIT, owner_id, before, from);
	struct db_stmt *s = rc ? NULL : db_prepare(c, employee ? SQL_ASSIGN_EMP : SQL_ASSIGN_UNIT);
	if (!rc && !s)
		rc = ERR_DB;
	if (rc)
		return rc;
	db_bind_int(s, 1, owner_id);
	db_bind_int(s, 2, sched_id);
	db_bind_int(s, 3, shift_offset);
	db_bind_text(s, 4, from);
	db_bind_text(s, 5, actor);
	db_bind_text(s, 6, at);
	rc = db_step(s);
	db_reset(s);
	if (rc < 0)
		return rc;
	struct buf canon;
	buf_init(&canon, 1024);
	buf_puts(&canon, "{\"schedule\":");
	buf_json_string(&canon, schedule_code);
	buf_printf(&canon, ",\"shift_offset\":%d,\"valid_from\":\"%s\"}", shift_offset, from);
	struct audit_event ev = {actor, "schedule.assign", object, NULL, canon.data};
	rc = audit_append(c, &ev);
	buf_free(&canon);
	return rc;
}

/* Check every day of the period against the schedule that applies then;
 * only working days of a regular schedule have a start to move. */
static enum schedule_flex_problem check_flex_period(const struct schedule_set *set, int64_t employee_id,
						    int64_t unit_id, int start, int32_t from, int32_t to,
						    int32_t *problem_day)
{
	const struct schedule_unit *u = unit_of(set, unit_id);
	bool f2f = u && u->face_to_face;
	for (int32_t day = from; day <= to; day++) {
		const struct schedule *sc = schedule_set_resolve(set, employee_id, unit_id, day, NULL);
		if (!sc)
			continue;
		enum schedule_flex_problem p = schedule_flex_allowed(sc, f2f, start);
		if (p == FLEX_NOT_OFFERED && sc->days[date_weekday(day) - 1].start_min < 0)
			continue; /* a weekend under a schedule without a window: nothing to move */
		if (p != FLEX_OK) {
			*problem_day = day;
			return p;
		}
	}
	return FLEX_OK;
}

int schedule_flexible_start(struct db_conn *c, int64_t employee_id, const char *nip, int start_min, int32_t valid_from,
			    int32_t valid_until, const char *actor, enum schedule_flex_problem *problem,
			    int32_t *problem_day)
{
	*problem = FLEX_OK;
	*problem_day = 0;
	if (start_min < 0 || start_min >= 1440 || valid_until < valid_from || valid_until - valid_from >= FLEX_DAYS_MAX)
		return ERR_INVALID;
	int64_t unit_id = 0;
	int rc = schedule_employee_unit(c, employee_id, &unit_id);
	struct schedule_set set;
	if (rc || (rc = schedule_set_load(c, unit_id, valid_from, valid_until, &set)))
		return rc;
	*problem = check_flex_period(&set, employee_id, unit_id, start_min, valid_from, valid_until, problem_day);
	schedule_set_free(&set);
	if (*problem != FLEX_OK)
		return ERR_CONFLICT;
	char from[DATE_TEXT], until[DATE_TEXT], at[40], hhmm[6];
	date_format(valid_from, from);
	date_format(valid_until, until);
	date_format_hhmm(start_min, hhmm);
	clock_now_iso(at, sizeof at);
	struct db_stmt *s = db_prepare(c, SQL_FLEX_INSERT);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, employee_id);
	db_bind_int(s, 2, start_min);
	db_bind_text(s, 3, from);
	db_bind_text(s, 4, until);
	db_bind_text(s, 5, actor);
	db_bind_text(s, 6, at);
	rc = db_step(s);
	db_reset(s);
	if (rc < 0)
		return rc;
	char object[64], after[160];
	snprintf(object, sizeof object, "employee:%s", nip);
	snprintf(after, sizeof after, "{\"start\":\"%s\",\"valid_from\":\"%s\",\"valid_until\":\"%s\"}", hhmm, from,
		 until);
	struct audit_event ev = {actor, "schedule.flexible_start", object, NULL, after};
	return audit_append(c, &ev);
}

/* ---- demo ---- */

static const char SQL_DEMO_SHIFT[] =
	"INSERT INTO schedule_assignment (unit_id, schedule_id, shift_offset, valid_from, created_by, created_at)"
	" SELECT u.id, w.id, 0, '2025-01-01', 'demo', $1 FROM unit u, work_schedule w"
	" WHERE w.code = 'shift_3x8' AND u.kind IN ('rsud', 'puskesmas')";
/* Fire and rescue: the sektor of each kecamatan and the pos below it, in
 * the Dinas Penanggulangan Kebakaran dan Penyelamatan (see domain/demo.c). */
static const char SQL_DEMO_FIRE[] =
	"INSERT INTO schedule_assignment (unit_id, schedule_id, shift_offset, valid_from, created_by, created_at)"
	" SELECT u.id, w.id, 0, '2025-01-01', 'demo', $1 FROM unit u, work_schedule w, unit d"
	" WHERE w.code = 'shift_24x48' AND d.code = 'GULKARMAT' AND u.path LIKE d.path || '%'"
	" AND (u.code LIKE 'SEKTOR-%' OR u.code LIKE 'POS-%')";

static int demo_run(struct db_conn *c, const char *sql, const char *at)
{
	struct db_stmt *s = db_prepare(c, sql);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, at);
	int rc = db_step(s);
	db_reset(s);
	return rc < 0 ? rc : 0;
}

int schedule_demo_seed(struct db *db)
{
	struct db_conn *c = db_acquire(db);
	char at[40];
	clock_now_iso(at, sizeof at);
	int rc = db_begin_write(c);
	if (!rc)
		rc = demo_run(c, SQL_DEMO_SHIFT, at);
	if (!rc)
		rc = demo_run(c, SQL_DEMO_FIRE, at);
	if (!rc) {
		struct audit_event ev = {"system", "schedule.demo_seed", "schedules:demo", NULL,
					 "{\"shift_24x48\":\"fire and rescue\",\"shift_3x8\":\"rsud, puskesmas\"}"};
		rc = audit_append(c, &ev);
	}
	if (!rc)
		rc = db_commit(c);
	else
		db_rollback(c);
	db_release(db, c);
	return rc;
}
