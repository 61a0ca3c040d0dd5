/* calendar.c (api) - working calendars, work schedules, their assignment,
 * approved flexible starts and units' time zones.
 *
 * The router has checked who may call (routes.c); the flexible start is
 * narrowed here to the direct supervisor or the head of the body, because
 * the router only knows "somewhere below the actor". */
#include "api/calendar.h"
#include "api/eligibility.h"
#include "core/date.h"
#include "core/err.h"
#include "core/mem.h"
#include "store/calendar.h"
#include "store/schedule.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RANGE_DAYS_MAX 62

static const char *const weekday_names[] = {"", "senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu"};

static int current_year(void)
{
	char today[11];
	elig_api_today(today, 0);
	return atoi(today);
}

/* "HH:MM" of a minute that may pass midnight (overnight shift ends). */
static json_t *hhmm_json(int minute)
{
	char t[6];
	date_format_hhmm(((minute % 1440) + 1440) % 1440, t);
	return json_string(t);
}

/* ---- calendar ---- */

static json_t *calendar_year_json(const struct calendar *cal, int year)
{
	const struct calendar_year *info = calendar_year_info(cal, year);
	int32_t first = date_from_ymd(year, 1, 1), last = date_from_ymd(year, 12, 31);
	json_t *days = json_array(), *months = json_array();
	for (int i = 0; i < cal->ndays; i++) {
		const struct day_off *d = &cal->days[i];
		if (d->day < first || d->day > last)
			continue;
		json_array_append_new(days, json_pack("{s:s, s:s, s:s, s:s, s:b}", "date", d->date, "name", d->name, "kind",
						      calendar_kind_name(d->kind), "weekday",
						      weekday_names[date_weekday(d->day)], "on_weekend",
						      date_weekday(d->day) > 5));
	}
	for (int m = 1; m <= 12; m++) {
		int32_t a = date_from_ymd(year, m, 1), b = date_from_ymd(year, m, date_days_in_month(year, m));
		int off = 0;
		for (int i = 0; i < cal->ndays; i++)
			off += cal->days[i].day >= a && cal->days[i].day <= b && date_weekday(cal->days[i].day) <= 5;
		json_array_append_new(months, json_pack("{s:i, s:i, s:i}", "month", m, "working_days",
							calendar_working_days(cal, a, b), "days_off_on_weekdays", off));
	}
	return json_pack("{s:i, s:i, s:s, s:i, s:s?, s:o, s:o}", "year", year, "working_days",
			 calendar_working_days(cal, first, last), "source", calendar_source_name(info->source), "version",
			 info->version, "legal_reference", info->legal_reference[0] ? info->legal_reference : NULL,
			 "days_off", days, "months", months);
}

static void reply_calendar(struct api_call *call, int status, int year)
{
	struct calendar cal;
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = calendar_load(call->conn, year, year, &cal);
	db_rollback(call->conn);
	if (rc)
		return api_error_from(call, rc, "year");
	json_t *o = calendar_year_json(&cal, year);
	calendar_free(&cal);
	api_reply(call, status, o);
}

void api_calendar_get(struct api_call *call)
{
	bool bad = false;
	long year = api_query_long(call, "year", current_year(), 1900, 9999, &bad);
	if (bad)
		return api_error(call, 422, "invalid", "year", "year must be a number from 1900 to 9999.",
				 "year harus angka 1900 sampai 9999.");
	reply_calendar(call, 200, (int)year);
}

/* The {year} path segment: four digits. */
static bool year_param(struct api_call *call, int *year)
{
	const char *p = call->req->params[0];
	if (strlen(p) != 4 || strspn(p, "0123456789") != 4 || atoi(p) < 1900)
		return api_error(call, 404, "not_found", "year", "No such year.", "Tahun tidak ada."), false;
	*year = atoi(p);
	return true;
}

static const struct elig_fspec amend_spec[] = {
	{"days_off", F_ARRAY, true, 100, 0},
	{"legal_reference", F_STR, true, CALENDAR_REF_MAX, 3},
	{"note", F_STR, false, 1000, 0},
	{0}};
static const struct elig_fspec day_spec[] = {
	{"date", F_STR, true, 10, 10},
	{"name", F_STR, true, CALENDAR_NAME_MAX, 1},
	{"kind", F_STR, true, 20, 1},
	{0}};

/* The days_off array into *out (strings point into the JSON). */
static bool days_in(struct api_call *call, json_t *arr, struct day_off_input **out)
{
	size_t i;
	json_t *v;
	*out = xcalloc(json_array_size(arr) + 1, sizeof **out);
	json_array_foreach(arr, i, v) {
		if (!json_is_object(v))
			return api_error(call, 422, "wrong_type", "days_off", "Each day off must be an object.",
					 "Setiap hari libur harus berupa objek."), false;
		if (!elig_api_check(call, v, day_spec, "days_off."))
			return false;
		int kind = calendar_kind_parse(api_str(v, "kind", ""));
		if (kind < 0)
			return api_error(call, 422, "invalid", "days_off.kind",
					 "kind must be libur_nasional or cuti_bersama.",
					 "kind harus libur_nasional atau cuti_bersama."), false;
		(*out)[i] = (struct day_off_input){api_str(v, "date", ""), api_str(v, "name", ""), (enum day_off_kind)kind};
	}
	return true;
}

static void amend_error(struct api_call *call, int rc, const char *field, int bad)
{
	char en[160], id[160];
	if (rc == ERR_CONFLICT && field && !strcmp(field, "date")) {
		snprintf(en, sizeof en, "Day off %d repeats a date already listed.", bad + 1);
		snprintf(id, sizeof id, "Hari libur ke-%d mengulang tanggal yang sudah ada.", bad + 1);
		return api_error(call, 422, "duplicate", "days_off.date", en, id);
	}
	if (rc == ERR_INVALID && field && !strcmp(field, "date")) {
		snprintf(en, sizeof en, "Day off %d must be a real date (YYYY-MM-DD) inside the year.", bad + 1);
		snprintf(id, sizeof id, "Hari libur ke-%d harus tanggal yang sah (YYYY-MM-DD) di dalam tahun ini.", bad + 1);
		return api_error(call, 422, "invalid", "days_off.date", en, id);
	}
	if (rc == ERR_INVALID && field && !strcmp(field, "legal_reference"))
		return api_error(call, 422, "missing_field", "legal_reference", "Name the legal basis of the amendment.",
				 "Sebutkan dasar hukum perubahan.");
	if (rc == ERR_CONFLICT)
		return api_error(call, 409, "conflict", "year", "Another amendment of this year was stored at the same time.",
				 "Perubahan lain untuk tahun ini tersimpan pada saat yang sama.");
	api_error_from(call, rc, field);
}

void api_calendar_amend(struct api_call *call)
{
	int year;
	if (!year_param(call, &year))
		return;
	json_t *o = elig_api_body(call);
	if (!o)
		return;
	struct day_off_input *days = NULL;
	if (elig_api_check(call, o, amend_spec, "") && days_in(call, json_object_get(o, "days_off"), &days)) {
		int n = (int)json_array_size(json_object_get(o, "days_off")), version = 0, bad = -1;
		const char *field = NULL;
		int rc = db_begin_write(call->conn);
		if (!rc)
			rc = calendar_amend_checked(call->conn, year, days, n, api_str(o, "legal_reference", ""),
						    api_str(o, "note", ""), call->actor->username, &version, &field, &bad);
		if (!rc)
			rc = db_commit(call->conn);
		else
			db_rollback(call->conn);
		if (rc)
			amend_error(call, rc, field, bad);
		else
			reply_calendar(call, 201, year);
	}
	free(days);
	json_decref(o);
}

static int version_cb(void *ctx, const struct calendar_version_row *v)
{
	json_array_append_new(ctx, json_pack("{s:i, s:s, s:s, s:s, s:s, s:i}", "version", v->version, "legal_reference",
					     v->legal_reference, "note", v->note, "created_by", v->created_by,
					     "created_at", v->created_at, "days_off", v->days_off));
	return 0;
}

void api_calendar_versions(struct api_call *call)
{
	int year;
	if (!year_param(call, &year))
		return;
	json_t *list = json_array();
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = calendar_versions_each(call->conn, year, version_cb, list);
	db_rollback(call->conn);
	if (rc) {
		json_decref(list);
		return api_error_from(call, rc, NULL);
	}
	int n;
	const char *ref;
	json_t *builtin = calendar_builtin(year, &n, &ref) ? json_pack("{s:s, s:i}", "legal_reference", ref, "days_off", n)
							  : json_null();
	api_reply(call, 200, json_pack("{s:i, s:o, s:o}", "year", year, "versions", list, "builtin", builtin));
}

/* ---- schedules ---- */

static json_t *schedule_day_json(const struct schedule *s, int i)
{
	const struct schedule_day *d = &s->days[i];
	json_t *o = s->kind == SCHEDULE_REGULAR ? json_pack("{s:i, s:s}", "weekday", i + 1, "day", weekday_names[i + 1])
						: json_pack("{s:i}", "position", i);
	bool on = d->start_min >= 0;
	json_object_set_new(o, "working", json_boolean(on));
	if (d->label[0])
		json_object_set_new(o, "label", json_string(d->label));
	if (!on)
		return o;
	json_object_set_new(o, "start", hhmm_json(d->start_min));
	json_object_set_new(o, "end", hhmm_json(d->end_min));
	json_object_set_new(o, "overnight", json_boolean(d->end_min > 1440));
	json_object_set_new(o, "break_min", json_integer(d->break_min));
	json_object_set_new(o, "net_min", json_integer(d->end_min - d->start_min - d->break_min));
	json_object_set_new(o, "earliest_end", d->earliest_end_min >= 0 ? hhmm_json(d->earliest_end_min) : json_null());
	return o;
}

static json_t *opt_date(int32_t day, bool open)
{
	if (open)
		return json_null();
	char t[DATE_TEXT];
	date_format(day, t);
	return json_string(t);
}

static int schedule_cb(void *ctx, const struct schedule *s)
{
	json_t *days = json_array();
	int week = 0;
	for (int i = 0; i < s->ndays; i++) {
		json_array_append_new(days, schedule_day_json(s, i));
		if (s->days[i].start_min >= 0)
			week += s->days[i].end_min - s->days[i].start_min - s->days[i].break_min;
	}
	json_t *o = json_pack("{s:s, s:s, s:s, s:{s:i, s:i, s:b}, s:o, s:o, s:s, s:o}", "code", s->code, "name", s->name,
			      "kind", schedule_kind_name(s->kind), "flexible_start", "early_min", s->flex_early_min,
			      "late_min", s->flex_late_min, "face_to_face", s->flex_face_to_face, "valid_from",
			      opt_date(s->valid_from, s->valid_from == INT32_MIN), "valid_until",
			      opt_date(s->valid_until, s->valid_until == INT32_MAX), "legal_reference", s->legal_reference,
			      "days", days);
	if (s->kind == SCHEDULE_REGULAR)
		json_object_set_new(o, "weekly_net_min", json_integer(week));
	else
		json_object_set_new(o, "cycle_anchor", opt_date(s->cycle_anchor, false));
	json_array_append_new(ctx, o);
	return 0;
}

void api_schedules_list(struct api_call *call)
{
	json_t *list = json_array();
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = schedule_list(call->conn, schedule_cb, list);
	db_rollback(call->conn);
	if (rc) {
		json_decref(list);
		return api_error_from(call, rc, NULL);
	}
	api_reply(call, 200, json_pack("{s:o}", "schedules", list));
}

static json_t *workday_json(const struct workday *w, int32_t day, const struct day_off *off)
{
	char date[DATE_TEXT];
	date_format(day, date);
	json_t *o = json_pack("{s:s, s:s, s:b, s:s, s:b}", "date", date, "weekday", weekday_names[date_weekday(day)],
			      "working", w->working, "schedule", w->code, "shift", w->shift);
	if (w->label[0])
		json_object_set_new(o, "label", json_string(w->label));
	json_object_set_new(o, "day_off", off ? json_pack("{s:s, s:s}", "name", off->name, "kind",
							  calendar_kind_name(off->kind))
					      : json_null());
	if (!w->working)
		return o;
	json_object_set_new(o, "start", hhmm_json(w->start));
	json_object_set_new(o, "end", hhmm_json(w->end));
	json_object_set_new(o, "overnight", json_boolean(w->end > 1440));
	json_object_set_new(o, "break_min", json_integer(w->break_min));
	json_object_set_new(o, "net_min", json_integer(w->net_min));
	json_object_set_new(o, "flexible", json_boolean(w->flexible));
	json_object_set_new(o, "presence", json_pack("{s:o, s:o, s:b}", "in_from", hhmm_json(w->in_from), "out_until",
						     hhmm_json(w->out_until), "out_next_day", w->out_until > 1440));
	if (w->earliest_end >= 0 && w->early_arrival_before >= 0)
		json_object_set_new(o, "early_arrival", json_pack("{s:o, s:o}", "before", hhmm_json(w->early_arrival_before),
								  "earliest_end", hhmm_json(w->earliest_end)));
	return o;
}

/* ?from=&to= (default: today and the next 6 days), at most 62 days. */
static bool range_in(struct api_call *call, int32_t *from, int32_t *to)
{
	char today[11];
	elig_api_today(today, 0);
	const char *f = http_query(call->req, "from"), *t = http_query(call->req, "to");
	if (!date_parse(f && *f ? f : today, from))
		return api_error(call, 422, "invalid", "from", "from must be a real date written YYYY-MM-DD.",
				 "from harus tanggal yang sah dengan format YYYY-MM-DD."), false;
	*to = *from + 6;
	if (t && *t && !date_parse(t, to))
		return api_error(call, 422, "invalid", "to", "to must be a real date written YYYY-MM-DD.",
				 "to harus tanggal yang sah dengan format YYYY-MM-DD."), false;
	if (*to < *from || *to - *from >= RANGE_DAYS_MAX)
		return api_error(call, 422, "invalid", "to", "to must lie 0 to 61 days after from.",
				 "to harus 0 sampai 61 hari setelah from."), false;
	return true;
}

struct schedule_job {
	int64_t unit_id;
	enum tz_zone tz;
	struct schedule_set set;
	struct calendar cal;
};

static int schedule_job_load(struct db_conn *c, int64_t employee_id, int32_t from, int32_t to, struct schedule_job *j)
{
	int y1, y2, m, d;
	date_to_ymd(from, &y1, &m, &d);
	date_to_ymd(to, &y2, &m, &d);
	int rc = schedule_employee_unit(c, employee_id, &j->unit_id);
	if (!rc)
		rc = unit_time_zone(c, j->unit_id, &j->tz);
	if (!rc)
		rc = calendar_load(c, y1, y2, &j->cal);
	if (!rc && (rc = schedule_set_load(c, j->unit_id, from, to, &j->set)))
		calendar_free(&j->cal);
	return rc;
}

void api_employee_schedule(struct api_call *call)
{
	int32_t from, to;
	if (!range_in(call, &from, &to))
		return;
	struct schedule_job j;
	memset(&j, 0, sizeof j);
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = schedule_job_load(call->conn, call->employee->id, from, to, &j);
	db_rollback(call->conn);
	if (rc)
		return api_error_from(call, rc, NULL);
	json_t *days = json_array();
	for (int32_t day = from; day <= to; day++) {
		struct workday w;
		schedule_set_workday(&j.set, call->employee->id, j.unit_id, day, &w);
		schedule_apply_calendar(&w, calendar_is_working_day(&j.cal, day));
		json_array_append_new(days, workday_json(&w, day, calendar_day_off(&j.cal, day)));
	}
	char f[DATE_TEXT], t[DATE_TEXT];
	date_format(from, f);
	date_format(to, t);
	api_reply(call, 200, json_pack("{s:s, s:s, s:s, s:s, s:o}", "nip", call->employee->nip, "time_zone", tz_name(j.tz),
				       "from", f, "to", t, "days", days));
	schedule_set_free(&j.set);
	calendar_free(&j.cal);
}

static const struct elig_fspec assign_spec[] = {
	{"schedule", F_STR, true, SCHEDULE_CODE_MAX, 1},
	{"valid_from", F_STR, true, 10, 10},
	{"shift_offset", F_INT, false, SCHEDULE_DAYS_MAX - 1, 0},
	{0}};

/* PUT .../schedule for a unit (employee false) or an employee. */
static void schedule_put(struct api_call *call, bool employee)
{
	json_t *o = elig_api_body(call);
	if (!o)
		return;
	int32_t from;
	if (!elig_api_check(call, o, assign_spec, "")) {
		json_decref(o);
		return;
	}
	if (!date_parse(api_str(o, "valid_from", ""), &from)) {
		json_decref(o);
		return api_error(call, 422, "invalid", "valid_from", "valid_from must be a real date written YYYY-MM-DD.",
				 "valid_from harus tanggal yang sah dengan format YYYY-MM-DD.");
	}
	const char *code = api_str(o, "schedule", "");
	int offset = (int)api_num(o, "shift_offset", 0);
	int64_t owner = employee ? call->employee->id : call->unit->id;
	char object[64];
	snprintf(object, sizeof object, "%s:%s", employee ? "employee" : "unit",
		 employee ? call->employee->nip : call->unit->code);
	int rc = db_begin_write(call->conn);
	if (!rc)
		rc = schedule_assign(call->conn, employee, owner, object, code, from, offset, call->actor->username);
	if (!rc)
		rc = db_commit(call->conn);
	else
		db_rollback(call->conn);
	if (rc == ERR_NOT_FOUND)
		api_error(call, 422, "unknown_schedule", "schedule", "No schedule has this code (see GET /api/v1/schedules).",
			  "Tidak ada jadwal kerja dengan kode ini (lihat GET /api/v1/schedules).");
	else if (rc == ERR_INVALID)
		api_error(call, 422, "invalid", "shift_offset",
			  "shift_offset must be 0 for a regular schedule and inside the cycle of a shift schedule.",
			  "shift_offset harus 0 untuk jadwal reguler dan di dalam siklus jadwal sif.");
	else if (rc)
		api_error_from(call, rc, NULL);
	else
		api_reply(call, 200, json_pack("{s:s, s:s, s:s, s:s, s:i}", employee ? "nip" : "unit",
					       employee ? call->employee->nip : call->unit->code,
					       "schedule", code, "valid_from", api_str(o, "valid_from", ""), "by",
					       call->actor->username, "shift_offset", offset));
	json_decref(o);
}

void api_unit_schedule_put(struct api_call *call)
{
	schedule_put(call, false);
}

void api_employee_schedule_put(struct api_call *call)
{
	schedule_put(call, true);
}

/* ---- flexible start ---- */

static const struct elig_fspec flex_spec[] = {
	{"start", F_STR, true, 5, 5},
	{"valid_from", F_STR, true, 10, 10},
	{"valid_until", F_STR, true, 10, 10},
	{0}};

static void flex_refused(struct api_call *call, enum schedule_flex_problem p, int32_t day)
{
	char date[DATE_TEXT], en[200], id[200];
	date_format(day, date);
	switch (p) {
	case FLEX_FACE_TO_FACE:
		snprintf(en, sizeof en, "On %s the schedule offers no flexible start to face-to-face service staff.", date);
		snprintf(id, sizeof id, "Pada %s jadwal tidak memberi jam mulai fleksibel bagi petugas layanan tatap muka.",
			 date);
		break;
	case FLEX_OUTSIDE_WINDOW:
		snprintf(en, sizeof en, "On %s the start lies outside the schedule's flexible window.", date);
		snprintf(id, sizeof id, "Pada %s jam mulai berada di luar rentang fleksibel jadwal.", date);
		break;
	case FLEX_SHIFT:
		snprintf(en, sizeof en, "On %s the employee works shifts, which have no flexible start.", date);
		snprintf(id, sizeof id, "Pada %s pegawai bekerja dalam sif, yang tidak mengenal jam mulai fleksibel.", date);
		break;
	default:
		snprintf(en, sizeof en, "On %s the schedule offers no flexible start.", date);
		snprintf(id, sizeof id, "Pada %s jadwal tidak menyediakan jam mulai fleksibel.", date);
	}
	api_error(call, 409, schedule_flex_problem_name(p), "start", en, id);
}

/* The router let any supervisor of the target or the head of their body in;
 * the rule is the direct supervisor or the head. */
static bool may_decide_flex(struct api_call *call)
{
	struct access_target t = {.is_self = call->target_is_self, .unit_path = call->employee->unit_path};
	return roles_allows(call->actor, ACCESS_UNIT_HEAD, &t) ||
	       (call->actor->employee_id && call->employee->supervisor_id == call->actor->employee_id);
}

void api_flexible_start(struct api_call *call)
{
	if (!may_decide_flex(call))
		return api_error(call, 403, "forbidden", NULL,
				 "Only the direct supervisor or the head of the body approves a flexible start.",
				 "Hanya atasan langsung atau kepala perangkat daerah yang menyetujui jam mulai fleksibel.");
	json_t *o = elig_api_body(call);
	if (!o)
		return;
	int32_t from = 0, until = 0;
	int start = -1;
	if (!elig_api_check(call, o, flex_spec, ""))
		goto out;
	if ((start = date_parse_hhmm(api_str(o, "start", ""))) < 0) {
		api_error(call, 422, "invalid", "start", "start must be a time written HH:MM.",
			  "start harus jam dengan format HH:MM.");
		goto out;
	}
	if (!date_parse(api_str(o, "valid_from", ""), &from) || !date_parse(api_str(o, "valid_until", ""), &until) ||
	    until < from || until - from > 365) {
		api_error(call, 422, "invalid", "valid_until",
			  "valid_from and valid_until must be real dates (YYYY-MM-DD), in order, at most a year apart.",
			  "valid_from dan valid_until harus tanggal yang sah (YYYY-MM-DD), berurutan, paling jauh setahun.");
		goto out;
	}
	enum schedule_flex_problem p = FLEX_OK;
	int32_t bad_day = 0;
	int rc = db_begin_write(call->conn);
	if (!rc)
		rc = schedule_flexible_start(call->conn, call->employee->id, call->employee->nip, start, from, until,
					     call->actor->username, &p, &bad_day);
	if (!rc)
		rc = db_commit(call->conn);
	else
		db_rollback(call->conn);
	if (rc == ERR_CONFLICT && p != FLEX_OK)
		flex_refused(call, p, bad_day);
	else if (rc)
		api_error_from(call, rc, NULL);
	else
		api_reply(call, 201, json_pack("{s:s, s:s, s:s, s:s, s:s}", "nip", call->employee->nip, "start",
					       api_str(o, "start", ""), "valid_from", api_str(o, "valid_from", ""),
					       "valid_until", api_str(o, "valid_until", ""), "approved_by",
					       call->actor->username));
out:
	json_decref(o);
}

/* ---- time zones ---- */

static const char SQL_OWN_TZ[] = "SELECT COALESCE(time_zone, '') FROM unit WHERE id = $1";

static void reply_time_zone(struct api_call *call, int status)
{
	enum tz_zone eff = TZ_WIB;
	char own[8] = "";
	struct db_stmt *s;
	int rc = db_begin_read(call->conn);
	if (!rc && !(s = db_prepare(call->conn, SQL_OWN_TZ)))
		rc = ERR_DB;
	if (!rc) {
		db_bind_int(s, 1, call->unit->id);
		if ((rc = db_step(s)) == 1)
			snprintf(own, sizeof own, "%s", db_col_text(s, 0));
		db_reset(s);
		rc = rc < 0 ? rc : unit_time_zone(call->conn, call->unit->id, &eff);
	}
	db_rollback(call->conn);
	if (rc)
		return api_error_from(call, rc, NULL);
	api_reply(call, status, json_pack("{s:s, s:s?, s:s, s:i}", "unit", call->unit->code, "time_zone", own[0] ? own : NULL,
					  "effective", tz_name(eff), "utc_offset_min", tz_offset_minutes(eff)));
}

void api_unit_time_zone_get(struct api_call *call)
{
	reply_time_zone(call, 200);
}

static const struct api_field tz_fields[] = {{"time_zone", T_STRING, true, true}, {NULL, 0, false, false}};

void api_unit_time_zone_put(struct api_call *call)
{
	json_t *o = api_read_object(call, tz_fields);
	if (!o)
		return;
	const char *name = api_str(o, "time_zone", NULL);
	int tz = name ? tz_parse(name) : -1;
	if (name && tz < 0) {
		json_decref(o);
		return api_error(call, 422, "invalid", "time_zone", "time_zone is WIB, WITA, WIT or null (inherit).",
				 "time_zone adalah WIB, WITA, WIT atau null (mewarisi).");
	}
	int rc = db_begin_write(call->conn);
	if (!rc)
		rc = unit_time_zone_set(call->conn, call->unit->id, call->unit->code, tz, call->actor->username);
	if (!rc)
		rc = db_commit(call->conn);
	else
		db_rollback(call->conn);
	json_decref(o);
	if (rc)
		return api_error_from(call, rc, NULL);
	reply_time_zone(call, 200);
}
