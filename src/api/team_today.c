/* team_today.c (api) - the supervisor's live team board (issue 5 item 8).
 *
 *   GET /api/v1/team/today[?unit=CODE][&date=YYYY-MM-DD]
 *     -> {"date","unit","minimum_on_site","on_site","total","truncated",
 *         "items":[{"nip","name","unit","plan_mode","leave","in","out",
 *                   "mode","distance_m","verdict","on_site","flags":[...]}]}
 *
 * For atasan (their chain below them), kepala_opd (their body), admin_bkd
 * and inspektorat; scoped like GET /api/v1/attendance, so a unit outside
 * the actor's reach gives an empty board, never someone else's people.
 * "in"/"out" are the local times "HH:MM" of the records (null: none);
 * "flags" are the records' flags with "record":"in"|"out" added. The
 * minimum is the unit's min_on_site (null when not set or no unit). */
#include "api/api.h"
#include "core/clock.h"
#include "core/date.h"
#include "core/err.h"
#include "core/mem.h"
#include "store/team_today.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static json_t *record_time(const struct team_record *r)
{
	if (!r->present)
		return json_null();
	char hhmm[6];
	date_format_hhmm(((r->minute % 1440) + 1440) % 1440, hhmm);
	return json_string(hhmm);
}

/* The stored flags of a record, each marked with the record it belongs to. */
static void add_flags(json_t *out, const struct team_record *r, const char *record)
{
	if (!r->present || !r->flags)
		return;
	json_t *arr = json_loads(r->flags, 0, NULL);
	size_t i;
	json_t *f;
	json_array_foreach(arr, i, f) {
		if (json_is_object(f)) {
			json_object_set_new(f, "record", json_string(record));
			json_array_append(out, f);
		}
	}
	json_decref(arr);
}

static json_t *member_json(const struct team_member *m)
{
	json_t *flags = json_array();
	add_flags(flags, &m->in, "in");
	add_flags(flags, &m->out, "out");
	const char *verdict = NULL;
	if (m->in.present || m->out.present)
		verdict = !strcmp(m->in.verdict, "flagged") || !strcmp(m->out.verdict, "flagged") ? "flagged" : "ok";
	const struct team_record *first = m->in.present ? &m->in : &m->out;
	json_t *distance = first->present && first->has_distance ? json_integer((json_int_t)llround(first->distance_m))
								  : json_null();
	return json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:b, s:o}", "nip", m->nip, "name", m->name,
			 "unit", m->unit, "plan_mode", m->plan_mode, "leave",
			 m->leave[0] ? json_string(m->leave) : json_null(), "in", record_time(&m->in), "out",
			 record_time(&m->out), "mode", first->present ? json_string(first->mode) : json_null(),
			 "distance_m", distance, "verdict",
			 verdict ? json_string(verdict) : json_null(), "on_site", m->on_site, "flags", flags);
}

/* The unit the board is about: ?unit=, else the head's body, else the
 * actor's own unit. *filter tells whether people are narrowed to it (only
 * when asked: an atasan's people may sit in other units). */
static const char *board_unit(struct api_call *call, bool *filter)
{
	const char *code = http_query(call->req, "unit");
	*filter = code && *code;
	if (*filter)
		return code;
	if ((call->actor->roles & ROLE_KEPALA_OPD) && call->actor->opd_unit_code[0])
		return call->actor->opd_unit_code;
	return call->actor->unit_code;
}

void api_team_today(struct api_call *call)
{
	const struct actor *a = call->actor;
	if (!(a->roles & (ROLE_ATASAN | ROLE_KEPALA_OPD | ROLE_ADMIN_BKD | ROLE_INSPEKTORAT)))
		return api_error(call, 403, "forbidden", NULL, "The team board is for supervisors and heads.",
				 "Papan tim hanya untuk atasan dan kepala.");
	char date[DATE_TEXT];
	const char *qd = http_query(call->req, "date");
	int32_t day;
	if (qd && *qd) {
		if (!date_parse(qd, &day))
			return api_error(call, 422, "invalid", "date", "date must be a real date YYYY-MM-DD.",
					 "date harus tanggal yang sah YYYY-MM-DD.");
	} else {
		int minute;
		tz_local(clock_unix(), TZ_WIB, &day, &minute);
	}
	date_format(day, date);
	bool filter;
	const char *code = board_unit(call, &filter);
	struct unit_row *u = xcalloc(1, sizeof *u);
	struct scope sc;
	roles_scope(a, &sc);
	struct team_board b = {0};
	bool has_min = false;
	int minimum = 0;
	int rc = db_begin_read(call->conn);
	if (!rc && code[0] && (rc = unit_get(call->conn, code, u)) == ERR_NOT_FOUND && !filter)
		rc = 0, code = ""; /* the actor's own unit vanished: show the people anyway */
	if (!rc)
		rc = team_today_load(call->conn, &sc, filter ? u->path : "", date, &b);
	if (!rc && code[0])
		rc = team_unit_minimum(call->conn, code, &has_min, &minimum);
	db_rollback(call->conn);
	free(u);
	if (rc)
		return api_error_from(call, rc, rc == ERR_NOT_FOUND ? "unit" : NULL);
	json_t *items = json_array();
	for (int i = 0; i < b.n; i++)
		json_array_append_new(items, member_json(&b.items[i]));
	json_t *o = json_pack("{s:s, s:o, s:o, s:i, s:i, s:b, s:o}", "date", date, "unit",
			      code[0] ? json_string(code) : json_null(), "minimum_on_site",
			      has_min ? json_integer(minimum) : json_null(), "on_site", b.on_site, "total", b.n,
			      "truncated", b.truncated, "items", items);
	team_board_free(&b);
	api_reply(call, 200, o);
}
