/* team_today.c (store) - the live board of one day; see team_today.h. */
#include "store/team_today.h"
#include "core/err.h"
#include "core/mem.h"
#include "domain/presence.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The visibility filter of every query: $1 all, $2 kepala_opd's body path,
 * $3 self, $4 atasan (everyone below), $5 the unit subtree asked for. */
#define TEAM_SCOPE                                                                                                \
	" (CAST($1 AS BIGINT) = 1 OR (CAST($2 AS TEXT) <> '' AND u.path LIKE CAST($2 AS TEXT) || '%')"             \
	"   OR e.id = $3 OR e.id IN (WITH RECURSIVE sub(id) AS (SELECT id FROM employee WHERE supervisor_id = $4"   \
	"     UNION SELECT x.id FROM employee x JOIN sub ON x.supervisor_id = sub.id) SELECT id FROM sub))"         \
	" AND u.path LIKE CAST($5 AS TEXT) || '%' AND e.active = TRUE"

static const char SQL_PEOPLE[] =
	"SELECT e.id, e.nip, e.name, u.code FROM employee e JOIN unit u ON u.id = e.unit_id WHERE" TEAM_SCOPE
	" ORDER BY e.name_lower, e.nip LIMIT $6";
static const char SQL_PLANS[] =
	"SELECT p.employee_id, p.mode FROM plan p JOIN employee e ON e.id = p.employee_id"
	" JOIN unit u ON u.id = e.unit_id WHERE" TEAM_SCOPE " AND p.date = $6 AND p.status = 'approved'";
static const char SQL_LEAVES[] =
	"SELECT l.employee_id, l.kind FROM employee_leave l JOIN employee e ON e.id = l.employee_id"
	" JOIN unit u ON u.id = e.unit_id WHERE" TEAM_SCOPE
	" AND l.status = 'active' AND l.date_from <= $6 AND l.date_to >= $6";
static const char SQL_CHECKINS[] =
	"SELECT c.employee_id, c.kind, c.local_minute, c.mode, c.verdict, c.flag_mask, c.distance_m, c.flags"
	" FROM checkin c JOIN employee e ON e.id = c.employee_id JOIN unit u ON u.id = e.unit_id WHERE" TEAM_SCOPE
	" AND c.work_date = $6";

static void bind_scope(struct db_stmt *s, const struct scope *sc, const char *unit_path)
{
	db_bind_int(s, 1, sc->all ? 1 : 0);
	db_bind_text(s, 2, sc->unit_path ? sc->unit_path : "");
	db_bind_int(s, 3, sc->self_id ? sc->self_id : -1);
	db_bind_int(s, 4, sc->supervisor_id ? sc->supervisor_id : -1);
	db_bind_text(s, 5, unit_path ? unit_path : "");
}

/* Members are kept in name order; lookups by employee id go through this
 * index sorted by id. */
struct by_id {
	int64_t id;
	int at;
};

static int cmp_id(const void *a, const void *b)
{
	int64_t x = ((const struct by_id *)a)->id, y = ((const struct by_id *)b)->id;
	return x < y ? -1 : x > y;
}

static struct team_member *find(struct team_board *b, const struct by_id *idx, int64_t id)
{
	struct by_id key = {id, 0};
	const struct by_id *hit = bsearch(&key, idx, (size_t)b->n, sizeof *idx, cmp_id);
	return hit ? &b->items[hit->at] : NULL;
}

static int load_people(struct db_conn *c, const struct scope *sc, const char *unit_path, struct team_board *b)
{
	struct db_stmt *s = db_prepare(c, SQL_PEOPLE);
	if (!s)
		return ERR_DB;
	bind_scope(s, sc, unit_path);
	db_bind_int(s, 6, TEAM_TODAY_MAX + 1);
	int rc, cap = 0;
	while ((rc = db_step(s)) == 1) {
		if (b->n == TEAM_TODAY_MAX) {
			b->truncated = true;
			continue;
		}
		if (b->n == cap) {
			cap = cap ? 2 * cap : 64;
			b->items = xrealloc(b->items, (size_t)cap * sizeof *b->items);
		}
		struct team_member *m = &b->items[b->n++];
		memset(m, 0, sizeof *m);
		m->employee_id = db_col_int(s, 0);
		snprintf(m->nip, sizeof m->nip, "%s", db_col_text(s, 1));
		m->name = xstrdup(db_col_text(s, 2));
		snprintf(m->unit, sizeof m->unit, "%s", db_col_text(s, 3));
		snprintf(m->plan_mode, sizeof m->plan_mode, "wfo");
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

/* Run one of the per-day queries and hand each row with its member to fn. */
static int each_day_row(struct db_conn *c, const char *sql, const struct scope *sc, const char *unit_path,
			const char *date, struct team_board *b, const struct by_id *idx,
			void (*fn)(struct db_stmt *s, struct team_member *m))
{
	struct db_stmt *s = db_prepare(c, sql);
	if (!s)
		return ERR_DB;
	bind_scope(s, sc, unit_path);
	db_bind_text(s, 6, date);
	int rc;
	while ((rc = db_step(s)) == 1) {
		struct team_member *m = find(b, idx, db_col_int(s, 0));
		if (m)
			fn(s, m);
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static void put_plan(struct db_stmt *s, struct team_member *m)
{
	snprintf(m->plan_mode, sizeof m->plan_mode, "%s", db_col_text(s, 1));
}

static void put_leave(struct db_stmt *s, struct team_member *m)
{
	snprintf(m->leave, sizeof m->leave, "%s", db_col_text(s, 1));
}

static void put_checkin(struct db_stmt *s, struct team_member *m)
{
	struct team_record *r = !strcmp(db_col_text(s, 1), "in") ? &m->in : &m->out;
	free(r->flags);
	r->present = true;
	r->minute = (int)db_col_int(s, 2);
	snprintf(r->mode, sizeof r->mode, "%s", db_col_text(s, 3));
	snprintf(r->verdict, sizeof r->verdict, "%s", db_col_text(s, 4));
	r->flag_mask = (uint32_t)db_col_int(s, 5);
	r->has_distance = !db_col_null(s, 6);
	r->distance_m = r->has_distance ? db_col_real(s, 6) : 0;
	r->flags = xstrdup(db_col_text(s, 7));
}

bool team_member_on_site(const struct team_member *m)
{
	return m->in.present && !m->out.present && !strcmp(m->in.mode, "wfo") &&
	       !(m->in.flag_mask & (1u << PF_OUTSIDE_PLACE));
}

int team_today_load(struct db_conn *c, const struct scope *sc, const char *unit_path, const char *date,
		    struct team_board *out)
{
	memset(out, 0, sizeof *out);
	int rc = load_people(c, sc, unit_path, out);
	struct by_id *idx = xcalloc((size_t)out->n + 1, sizeof *idx);
	for (int i = 0; i < out->n; i++)
		idx[i] = (struct by_id){out->items[i].employee_id, i};
	qsort(idx, (size_t)out->n, sizeof *idx, cmp_id);
	if (!rc)
		rc = each_day_row(c, SQL_PLANS, sc, unit_path, date, out, idx, put_plan);
	if (!rc)
		rc = each_day_row(c, SQL_LEAVES, sc, unit_path, date, out, idx, put_leave);
	if (!rc)
		rc = each_day_row(c, SQL_CHECKINS, sc, unit_path, date, out, idx, put_checkin);
	free(idx);
	for (int i = 0; !rc && i < out->n; i++)
		if ((out->items[i].on_site = team_member_on_site(&out->items[i])))
			out->on_site++;
	if (rc)
		team_board_free(out);
	return rc;
}

void team_board_free(struct team_board *b)
{
	for (int i = 0; i < b->n; i++) {
		free(b->items[i].name);
		free(b->items[i].in.flags);
		free(b->items[i].out.flags);
	}
	free(b->items);
	memset(b, 0, sizeof *b);
}

static const char SQL_MINIMUM[] =
	"SELECT s.min_on_site FROM unit_staffing s JOIN unit u ON u.id = s.unit_id WHERE u.code = $1";

int team_unit_minimum(struct db_conn *c, const char *unit_code, bool *has, int *minimum)
{
	*has = false;
	*minimum = 0;
	struct db_stmt *s = db_prepare(c, SQL_MINIMUM);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, unit_code);
	int rc = db_step(s);
	if (rc == 1) {
		*has = true;
		*minimum = (int)db_col_int(s, 0);
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}
