/* recap.c (store) - loading the monthly recap; the files are in
 * recap_files.c. See recap.h.
 *
 * Three queries in the caller's read transaction: the people (scoped), their
 * day accounts of the month in the subtree (one pass, ordered by employee),
 * and the sanctions overlapping the month; the rest is domain/recap.h. */
#include "store/recap.h"
#include "core/date.h"
#include "core/err.h"
#include "core/mem.h"
#include "domain/ladder.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* $1 whole subtree visible; $2 self; $3 supervisor (everyone below);
 * $4 subtree path; $5..$6 the month. */
static const char SQL_PEOPLE[] =
	"SELECT e.id, e.nip, e.name, p.name, u.code, u.name FROM employee e JOIN unit u ON u.id = e.unit_id"
	" JOIN position p ON p.id = e.position_id"
	" WHERE (CAST($1 AS BIGINT) = 1 OR e.id = $2 OR e.id IN (WITH RECURSIVE sub(id) AS"
	"   (SELECT id FROM employee WHERE supervisor_id = $3"
	"    UNION SELECT x.id FROM employee x JOIN sub ON x.supervisor_id = sub.id) SELECT id FROM sub))"
	" AND ((e.active = TRUE AND u.path LIKE CAST($4 AS TEXT) || '%')"
	"   OR e.id IN (SELECT a.employee_id FROM day_account a JOIN unit au ON au.id = a.unit_id"
	"     WHERE au.path LIKE CAST($4 AS TEXT) || '%' AND a.date >= $5 AND a.date <= $6))"
	" ORDER BY e.name_lower, e.nip";

static const char SQL_DAYS[] =
	"SELECT a.employee_id, a.date, a.status, a.late_min, a.early_min FROM day_account a"
	" JOIN unit u ON u.id = a.unit_id WHERE u.path LIKE CAST($1 AS TEXT) || '%' AND a.date >= $2 AND a.date <= $3"
	" ORDER BY a.employee_id, a.date";

/* Every sanction overlapping the month; the level is the ladder's. */
static const char SQL_SANCTIONS[] =
	"SELECT employee_id, sanction_code FROM discipline_case WHERE sanction_code IS NOT NULL"
	" AND sanction_from IS NOT NULL AND sanction_from <= $2 AND (sanction_until IS NULL OR sanction_until >= $1)"
	" ORDER BY employee_id, sanction_from";

static const char SQL_CLOSED[] = "SELECT COUNT(*) FROM day_close WHERE date >= $1 AND date <= $2";

void recap_free(struct recap *r)
{
	for (int i = 0; i < r->n; i++)
		free(r->people[i].name), free(r->people[i].jabatan), free(r->people[i].unit_name);
	free(r->people);
	r->people = NULL;
	r->n = 0;
}

/* People sorted by id for lookups, pointing into r->people. */
struct by_id {
	int64_t id;
	int index;
};

static int cmp_id(const void *a, const void *b)
{
	int64_t x = ((const struct by_id *)a)->id, y = ((const struct by_id *)b)->id;
	return x < y ? -1 : x > y;
}

static struct recap_person *find(const struct recap *r, const struct by_id *idx, int64_t id)
{
	struct by_id key = {id, 0};
	const struct by_id *hit = bsearch(&key, idx, (size_t)r->n, sizeof *idx, cmp_id);
	return hit ? &r->people[hit->index] : NULL;
}

static int load_people(struct db_conn *c, const struct scope *sc, bool whole, const char *path, const char *from,
		       const char *to, struct recap *r)
{
	struct db_stmt *s = db_prepare(c, SQL_PEOPLE);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, whole ? 1 : 0);
	db_bind_int(s, 2, sc->self_id ? sc->self_id : -1);
	db_bind_int(s, 3, sc->supervisor_id ? sc->supervisor_id : -1);
	db_bind_text(s, 4, path);
	db_bind_text(s, 5, from);
	db_bind_text(s, 6, to);
	int rc, cap = 0;
	while ((rc = db_step(s)) == 1) {
		if (r->n == RECAP_EMPLOYEES_MAX) {
			rc = ERR_TOO_BIG;
			break;
		}
		if (r->n == cap) {
			cap = cap ? cap * 2 : 64;
			r->people = xrealloc(r->people, (size_t)cap * sizeof *r->people);
		}
		struct recap_person *p = &r->people[r->n++];
		memset(p, 0, sizeof *p);
		p->id = db_col_int(s, 0);
		snprintf(p->nip, sizeof p->nip, "%s", db_col_text(s, 1));
		p->name = xstrdup(db_col_text(s, 2));
		p->jabatan = xstrdup(db_col_text(s, 3));
		snprintf(p->unit_code, sizeof p->unit_code, "%s", db_col_text(s, 4));
		p->unit_name = xstrdup(db_col_text(s, 5));
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static int load_days(struct db_conn *c, const char *path, const char *from, const char *to, struct recap *r,
		     const struct by_id *idx)
{
	struct db_stmt *s = db_prepare(c, SQL_DAYS);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, path);
	db_bind_text(s, 2, from);
	db_bind_text(s, 3, to);
	int rc;
	struct recap_person *p = NULL;
	while ((rc = db_step(s)) == 1) {
		int64_t id = db_col_int(s, 0);
		if (!p || p->id != id)
			p = find(r, idx, id);
		if (!p) /* outside the caller's scope */
			continue;
		const char *date = db_col_text(s, 1);
		int st = day_status_parse(db_col_text(s, 2));
		if (st >= 0 && strlen(date) == 10)
			recap_month_add(&p->month, atoi(date + 8), (enum day_status)st, (int)db_col_int(s, 3),
					(int)db_col_int(s, 4));
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

/* Mark who has a sedang sanction running; the heaviest-cut code is kept
 * when several overlap (they never stack: RULES.md section 4). */
static int load_sanctions(struct db_conn *c, const char *from, const char *to, struct recap *r,
			  const struct by_id *idx)
{
	struct db_stmt *s = db_prepare(c, SQL_SANCTIONS);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, from);
	db_bind_text(s, 2, to);
	const struct ladder_version *v = ladder_builtin();
	int rc;
	while ((rc = db_step(s)) == 1) {
		struct recap_person *p = find(r, idx, db_col_int(s, 0));
		const struct ladder_rung *rung = ladder_rung_by_code(v, db_col_text(s, 1));
		if (!p || !rung || rung->level != LADDER_SEDANG)
			continue;
		p->sedang_running = true;
		snprintf(p->sanction_code, sizeof p->sanction_code, "%s", rung->code);
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static int count_closed(struct db_conn *c, const char *from, const char *to, int *n)
{
	struct db_stmt *s = db_prepare(c, SQL_CLOSED);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, from);
	db_bind_text(s, 2, to);
	int rc = db_step(s);
	*n = rc == 1 ? (int)db_col_int(s, 0) : 0;
	db_reset(s);
	return rc < 0 ? rc : 0;
}

int recap_load(struct db_conn *c, const struct scope *sc, const char *unit_path, const char *unit_code,
	       const char *unit_name, int year, int month, struct recap *out)
{
	memset(out, 0, sizeof *out);
	out->year = year, out->month = month;
	out->ndays = date_days_in_month(year, month);
	snprintf(out->month_text, sizeof out->month_text, "%04d-%02d", year, month);
	snprintf(out->unit_code, sizeof out->unit_code, "%s", unit_code);
	snprintf(out->unit_name, sizeof out->unit_name, "%s", unit_name);
	char from[DATE_TEXT], to[DATE_TEXT];
	date_format(date_from_ymd(year, month, 1), from);
	date_format(date_from_ymd(year, month, out->ndays), to);
	/* A body head (or anyone seeing all) sees the whole subtree; an atasan
	 * only the people below them and themself. */
	bool whole = sc->all || (sc->unit_path && *sc->unit_path && roles_path_within(unit_path, sc->unit_path));
	int rc = tpp_setting_get(c, &out->scheme);
	if (!rc)
		rc = count_closed(c, from, to, &out->closed_dates);
	if (!rc)
		rc = load_people(c, sc, whole, unit_path, from, to, out);
	if (rc)
		return rc;
	struct by_id *idx = xmalloc(((size_t)out->n + 1) * sizeof *idx);
	for (int i = 0; i < out->n; i++)
		idx[i] = (struct by_id){out->people[i].id, i};
	qsort(idx, (size_t)out->n, sizeof *idx, cmp_id);
	rc = load_days(c, unit_path, from, to, out, idx);
	if (!rc)
		rc = load_sanctions(c, from, to, out, idx);
	free(idx);
	for (int i = 0; !rc && i < out->n; i++) {
		struct recap_person *p = &out->people[i];
		recap_deduction(&out->scheme.scheme, &p->month, p->sedang_running, &p->tpp);
	}
	return rc;
}
