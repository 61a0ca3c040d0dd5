/* tally.c (store) - each employee's counted days of a year (tally.h). */
#include "store/tally.h"
#include "core/date.h"
#include "core/err.h"

#include <string.h>

/* The rows the ladder counts; the same predicate as cases.c's year sums. */
#define COUNTED "(status = 'alpa' OR late_min > 0 OR early_min > 0)"

static const char SQL_STATE_INIT[] =
	"INSERT INTO discipline_tally_state (year, upto) VALUES ($1, $2) ON CONFLICT (year) DO NOTHING";
/* Also the lock: on PostgreSQL the row stays locked to the end of the
 * transaction, so a fold and a correction of the same year never
 * interleave (on SQLite write transactions are serial anyway). */
static const char SQL_STATE_LOCK[] = "UPDATE discipline_tally_state SET upto = upto WHERE year = $1 RETURNING upto";
static const char SQL_STATE_SET[] = "UPDATE discipline_tally_state SET upto = $2 WHERE year = $1";
static const char SQL_ADD[] =
	"INSERT INTO discipline_tally (employee_id, year, unexcused, minutes) VALUES ($1, $2, $3, $4)"
	" ON CONFLICT (employee_id, year) DO UPDATE SET unexcused = discipline_tally.unexcused + excluded.unexcused,"
	" minutes = discipline_tally.minutes + excluded.minutes";
static const char SQL_FOLD[] =
	"INSERT INTO discipline_tally (employee_id, year, unexcused, minutes)"
	" SELECT employee_id, $1, SUM(CASE WHEN status = 'alpa' THEN 1 ELSE 0 END), SUM(late_min + early_min)"
	" FROM day_account WHERE date >= $2 AND date <= $3 AND " COUNTED " GROUP BY employee_id"
	" ON CONFLICT (employee_id, year) DO UPDATE SET unexcused = discipline_tally.unexcused + excluded.unexcused,"
	" minutes = discipline_tally.minutes + excluded.minutes";
static const char SQL_EACH[] =
	"SELECT employee_id, unexcused, minutes FROM discipline_tally WHERE year = $1"
	" AND (unexcused <> 0 OR minutes <> 0)";

static int step_done(struct db_stmt *s)
{
	int rc = db_step(s);
	db_reset(s);
	return rc < 0 ? rc : 0;
}

/* Lock year's state (made on first use: nothing held yet) and read its watermark. */
static int state_lock(struct db_conn *c, int year, int32_t *upto)
{
	char text[DATE_TEXT];
	date_format(date_from_ymd(year, 1, 1) - 1, text);
	struct db_stmt *s = db_prepare(c, SQL_STATE_INIT);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, year);
	db_bind_text(s, 2, text);
	int rc = step_done(s);
	if (rc)
		return rc;
	if (!(s = db_prepare(c, SQL_STATE_LOCK)))
		return ERR_DB;
	db_bind_int(s, 1, year);
	rc = db_step(s);
	if (rc == 1 && !date_parse(db_col_text(s, 0), upto))
		rc = ERR_DB;
	db_reset(s);
	return rc < 0 ? rc : rc == 1 ? 0 : ERR_DB;
}

int tally_correct(struct db_conn *c, int32_t day, const struct tally_change *ch, long n)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	int32_t upto;
	int rc = state_lock(c, y, &upto);
	if (rc || day > upto)
		return rc;
	for (long i = 0; i < n; i++) {
		if (!ch[i].unexcused && !ch[i].minutes)
			continue;
		struct db_stmt *s = db_prepare(c, SQL_ADD);
		if (!s)
			return ERR_DB;
		db_bind_int(s, 1, ch[i].employee_id);
		db_bind_int(s, 2, y);
		db_bind_int(s, 3, ch[i].unexcused);
		db_bind_int(s, 4, ch[i].minutes);
		if ((rc = step_done(s)))
			return rc;
	}
	return 0;
}

int tally_advance(struct db_conn *c, int32_t day, bool *holds_day)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	int32_t upto;
	int rc = state_lock(c, y, &upto);
	*holds_day = !rc && upto <= day;
	if (rc || upto >= day)
		return rc;
	char from[DATE_TEXT], to[DATE_TEXT];
	date_format(upto + 1, from);
	date_format(day, to);
	struct db_stmt *s = db_prepare(c, SQL_FOLD);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, y);
	db_bind_text(s, 2, from);
	db_bind_text(s, 3, to);
	if ((rc = step_done(s)))
		return rc;
	if (!(s = db_prepare(c, SQL_STATE_SET)))
		return ERR_DB;
	db_bind_int(s, 1, y);
	db_bind_text(s, 2, to);
	return step_done(s);
}

int tally_each(struct db_conn *c, int year, int (*cb)(void *ctx, int64_t employee_id, int unexcused, long minutes),
	       void *ctx)
{
	struct db_stmt *s = db_prepare(c, SQL_EACH);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, year);
	int rc;
	while ((rc = db_step(s)) == 1)
		if (cb(ctx, db_col_int(s, 0), (int)db_col_int(s, 1), (long)db_col_int(s, 2)))
			break;
	db_reset(s);
	return rc < 0 ? rc : 0;
}
