/* report_stats.c (store) - public figures from closed days and discipline
 * cases (issue 7 item 5): on-site coverage of face-to-face units against
 * their minimum, violations by kind, sanctions by level. See
 * store/reports.h for the figures and store/report_stats.h.
 *
 * Every figure about people is withheld when it concerns 1..min_group-1
 * distinct people (zero names nobody); the counts needed for that check
 * (distinct employees) are read with the figure. */
#include "store/report_stats.h"
#include "core/err.h"
#include "core/mem.h"
#include "domain/day.h"
#include "domain/ladder.h"
#include "domain/open311.h"

#include <stdlib.h>
#include <string.h>

/* Unit-days of face-to-face units with a minimum, on closed working dates,
 * and how many met it: "hadir" accounts of the unit's own staff that day. */
static const char SQL_COVERAGE[] =
	"SELECT COUNT(*), COALESCE(SUM(CASE WHEN x.on_site >= x.min_on_site THEN 1 ELSE 0 END), 0) FROM (SELECT"
	" s.min_on_site, (SELECT COUNT(*) FROM day_account a WHERE a.unit_id = s.unit_id AND a.date = d.date AND"
	" a.status = 'hadir') AS on_site FROM unit_staffing s JOIN unit u ON u.id = s.unit_id JOIN day_close d ON"
	" d.working_day = TRUE AND d.date >= $2 AND d.date <= $3 WHERE u.face_to_face = TRUE AND s.min_on_site > 0"
	" AND u.path LIKE CAST($1 AS TEXT) || '%') x";
/* Those units and their active staff (the people the figure is about). */
static const char SQL_COVERAGE_UNITS[] =
	"SELECT COUNT(*), COALESCE(SUM(x.n), 0) FROM (SELECT (SELECT COUNT(*) FROM employee e WHERE e.unit_id ="
	" u.id AND e.active) AS n FROM unit_staffing s JOIN unit u ON u.id = s.unit_id WHERE u.face_to_face = TRUE"
	" AND s.min_on_site > 0 AND u.path LIKE CAST($1 AS TEXT) || '%') x";
/* citizen_report rows are counted from report_violation, their own record. */
static const char SQL_VIOLATIONS[] =
	"SELECT v.kind, COUNT(*), COUNT(DISTINCT v.employee_id) FROM day_violation v JOIN unit u ON u.id ="
	" v.unit_id WHERE v.date >= $2 AND v.date <= $3 AND v.kind <> 'citizen_report' AND u.path LIKE CAST($1 AS"
	" TEXT) || '%' GROUP BY v.kind";
static const char SQL_CITIZEN[] =
	"SELECT COUNT(DISTINCT r.employee_id || ' ' || r.date), COUNT(DISTINCT r.employee_id) FROM report_violation"
	" r JOIN unit u ON u.id = r.unit_id WHERE r.date >= $2 AND r.date <= $3 AND u.path LIKE CAST($1 AS TEXT) ||"
	" '%'";
/* Sanctions that start in the month (sanction_from, else the day the case
 * closed), by the employee's unit now. */
static const char SQL_SANCTIONS[] =
	"SELECT d.employee_id, d.sanction_code FROM discipline_case d JOIN employee e ON e.id = d.employee_id JOIN"
	" unit u ON u.id = e.unit_id WHERE d.sanction_code IS NOT NULL AND d.sanction_code <> '' AND"
	" COALESCE(NULLIF(d.sanction_from, ''), d.closed_on, d.opened_on) >= $2 AND COALESCE(NULLIF(d.sanction_from,"
	" ''), d.closed_on, d.opened_on) <= $3 AND u.path LIKE CAST($1 AS TEXT) || '%' ORDER BY d.employee_id"
	" LIMIT 100000";

_Static_assert(REPORT_STATS_VKINDS == DAY_V_N + 1, "the close's kinds and citizen_report");
_Static_assert(REPORT_STATS_LEVELS == LADDER_BERAT - LADDER_RINGAN + 1, "ringan, sedang, berat");

const char *reports_stats_vkind(int i)
{
	if (i >= 0 && i < DAY_V_N)
		return day_violation_name((enum day_violation)i);
	return i == DAY_V_N ? "citizen_report" : "";
}

/* Whether a figure about `people` distinct persons must be withheld. */
static bool withheld(long people, int min_group)
{
	return people > 0 && open311_suppressed(people, min_group);
}

static struct db_stmt *prepare3(struct db_conn *c, const char *sql, const char *path, const char *from,
				const char *to)
{
	struct db_stmt *s = db_prepare(c, sql);
	if (!s)
		return NULL;
	db_bind_text(s, 1, path);
	if (from) {
		db_bind_text(s, 2, from);
		db_bind_text(s, 3, to);
	}
	return s;
}

static int coverage(struct db_conn *c, const char *path, const char *from, const char *to, int min_group,
		    struct report_body_stats *st)
{
	struct db_stmt *s = prepare3(c, SQL_COVERAGE, path, from, to);
	if (!s)
		return ERR_DB;
	int rc = db_step(s);
	if (rc == 1) {
		st->coverage_days = (long)db_col_int(s, 0);
		st->coverage_days_met = (long)db_col_int(s, 1);
	}
	db_reset(s);
	if (rc < 0 || !(s = prepare3(c, SQL_COVERAGE_UNITS, path, NULL, NULL)))
		return rc < 0 ? rc : ERR_DB;
	if ((rc = db_step(s)) == 1) {
		st->coverage_units = (long)db_col_int(s, 0);
		st->coverage_people = (long)db_col_int(s, 1);
	}
	db_reset(s);
	/* Whether a unit of two met its minimum tells whether those two came. */
	st->coverage_suppressed = st->coverage_days > 0 && withheld(st->coverage_people, min_group);
	return rc < 0 ? rc : 0;
}

static int violations(struct db_conn *c, const char *path, const char *from, const char *to, int min_group,
		      struct report_body_stats *st)
{
	struct db_stmt *s = prepare3(c, SQL_VIOLATIONS, path, from, to);
	if (!s)
		return ERR_DB;
	int rc;
	while ((rc = db_step(s)) == 1) {
		const char *kind = db_col_text(s, 0);
		for (int i = 0; i < DAY_V_N; i++)
			if (!strcmp(kind, reports_stats_vkind(i))) {
				st->violations[i] = (long)db_col_int(s, 1);
				st->violations_suppressed[i] = withheld((long)db_col_int(s, 2), min_group);
			}
	}
	db_reset(s);
	if (rc < 0 || !(s = prepare3(c, SQL_CITIZEN, path, from, to)))
		return rc < 0 ? rc : ERR_DB;
	if ((rc = db_step(s)) == 1) {
		st->violations[DAY_V_N] = (long)db_col_int(s, 0);
		st->violations_suppressed[DAY_V_N] = withheld((long)db_col_int(s, 1), min_group);
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

/* Rows come ordered by employee, so distinct people per level are counted
 * by remembering the last employee seen at each level. */
static int sanctions(struct db_conn *c, const char *path, const char *from, const char *to, int min_group,
		     struct report_body_stats *st)
{
	struct db_stmt *s = prepare3(c, SQL_SANCTIONS, path, from, to);
	if (!s)
		return ERR_DB;
	const struct ladder_version *v = ladder_builtin();
	int64_t last[REPORT_STATS_LEVELS] = {0};
	long people[REPORT_STATS_LEVELS] = {0};
	int rc;
	while ((rc = db_step(s)) == 1) {
		const struct ladder_rung *r = ladder_rung_by_code(v, db_col_text(s, 1));
		if (!r || r->level < LADDER_RINGAN || r->level > LADDER_BERAT)
			continue; /* a code outside the ladder has no level to count under */
		int k = (int)r->level - LADDER_RINGAN;
		int64_t emp = db_col_int(s, 0);
		st->sanctions[k]++;
		if (emp != last[k])
			people[k]++, last[k] = emp;
	}
	db_reset(s);
	for (int k = 0; k < REPORT_STATS_LEVELS; k++)
		st->sanctions_suppressed[k] = withheld(people[k], min_group);
	return rc < 0 ? rc : 0;
}

int report_stats_days(struct db_conn *c, const char *path, const char *from, const char *to, int min_group,
		      struct report_body_stats *st)
{
	int rc = coverage(c, path, from, to, min_group, st);
	if (!rc)
		rc = violations(c, path, from, to, min_group, st);
	if (!rc)
		rc = sanctions(c, path, from, to, min_group, st);
	return rc;
}
