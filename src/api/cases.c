/* cases.c (api) - discipline, disciplinary cases, compliance (issue 6
 * items 2-5).
 *
 *   GET  /api/v1/employees/{nip}/discipline?year=YYYY   the year's ladder
 *   GET  /api/v1/cases?unit=&assignee=&status=&nip=&kind=&overdue=true
 *   GET  /api/v1/cases/{id}
 *   POST /api/v1/cases/{id}/steps                        one legal step
 *   GET  /api/v1/compliance?unit=                        heads, inspectorate
 *   GET  /api/v1/cases/{id}/letters/{kind}.pdf           summons, summons_again, decision drafts
 *
 * Lists are scoped like every list (roles_scope) and also show the cases
 * assigned to the caller; a case outside the scope is answered 404. Who
 * may take which step is decided by the store (store/cases.h). */
#include "api/cases.h"
#include "core/clock.h"
#include "core/date.h"
#include "core/err.h"
#include "core/mem.h"
#include "domain/case.h"
#include "domain/letter.h"
#include "domain/ladder.h"
#include "store/cases.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int32_t today_wib(void)
{
	int32_t day;
	int minute;
	tz_local(clock_unix(), TZ_WIB, &day, &minute);
	return day;
}

static json_t *str_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

static json_t *rung_json(const struct ladder_rung *r)
{
	if (!r)
		return json_null();
	return json_pack("{s:s, s:s, s:s, s:s}", "code", r->code, "level", ladder_level_name(r->level), "name_id",
			 r->name_id, "name_en", r->name_en);
}

static json_t *person_json(const char *nip, const char *name)
{
	return nip && *nip ? json_pack("{s:s, s:s}", "nip", nip, "name", name) : json_null();
}

static json_t *case_json(const struct case_row *r, const char *today)
{
	const struct ladder_version *v = ladder_builtin();
	json_t *sanction = json_null();
	const struct ladder_rung *sr = ladder_rung_by_code(v, r->sanction_code);
	if (*r->sanction_code)
		sanction = json_pack("{s:s, s:s, s:o, s:o}", "code", r->sanction_code, "level",
				     sr ? ladder_level_name(sr->level) : "", "from", str_or_null(r->sanction_from), "until",
				     str_or_null(r->sanction_until));
	json_t *next = json_null();
	if (*r->deadline && *r->next_action)
		next = json_pack("{s:s, s:s, s:b}", "action", r->next_action, "deadline", r->deadline, "overdue",
				 strcmp(r->deadline, today) < 0);
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:{s:s, s:s}, s:o, s:s, s:s, s:o, s:i, s:b, s:o, s:o, s:o, s:i, s:o,"
			      " s:o, s:i}",
			      "id", (json_int_t)r->id, "kind", r->kind, "nip", r->nip, "name", r->name, "unit", "code",
			      r->unit_code, "name", r->unit_name, "year", r->year ? json_integer(r->year) : json_null(),
			      "status", r->status, "opened_on", r->opened_on, "closed_on", str_or_null(r->closed_on),
			      "counted_days", r->counted_days, "salary_stop", r->salary_stop, "salary_stop_from",
			      str_or_null(r->salary_stop_from), "proposed", rung_json(ladder_rung_by_code(v, r->proposed_code)),
			      "assignee", person_json(r->assignee_nip, r->assignee_name), "escalations", r->escalations,
			      "against_case_id", r->against_case_id ? json_integer(r->against_case_id) : json_null(), "next",
			      next, "summons", r->summons);
	json_object_set_new(o, "summoned_on", str_or_null(r->summoned_on));
	json_object_set_new(o, "exam_on", str_or_null(r->exam_on));
	json_object_set_new(o, "missed_on", str_or_null(r->missed_on));
	json_object_set_new(o, "examined_on", str_or_null(r->examined_on));
	json_object_set_new(o, "decided_on", str_or_null(r->decided_on));
	json_object_set_new(o, "delivered_on", str_or_null(r->delivered_on));
	json_object_set_new(o, "responded_on", str_or_null(r->responded_on));
	json_object_set_new(o, "decided_on_evidence", json_boolean(r->on_evidence));
	json_object_set_new(o, "sanction", sanction);
	json_object_set_new(o, "note", json_string(r->note));
	return o;
}

struct list_ctx {
	json_t *arr;
	const char *today;
	int year;                 /* > 0: only cases of this year */
};

static int list_cb(void *ctx, const struct case_row *r)
{
	struct list_ctx *l = ctx;
	if (l->year > 0 && r->year != l->year && !(r->year == 0 && atoi(r->opened_on) == l->year))
		return 0;
	json_array_append_new(l->arr, case_json(r, l->today));
	return 0;
}

/* ---- GET /api/v1/employees/{nip}/discipline ---- */

void api_discipline_get(struct api_call *call)
{
	int y, m, d;
	date_to_ymd(today_wib(), &y, &m, &d);
	bool bad = false;
	long year = api_query_long(call, "year", y, 1970, 9998, &bad);
	if (bad)
		return api_error(call, 422, "invalid", "year", "year must be a year YYYY.", "year harus berupa tahun YYYY.");
	char today[DATE_TEXT];
	date_format(today_wib(), today);
	struct discipline_year dy;
	struct scope all = {.all = true};
	struct case_filter f = {.scope = &all, .unit_path = "", .nip = call->employee->nip, .limit = 200};
	struct list_ctx l = {json_array(), today, (int)year};
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = discipline_year_get(call->conn, call->employee->id, (int)year, INT32_MAX, &dy);
	if (!rc)
		rc = cases_each(call->conn, &f, list_cb, &l, NULL);
	db_rollback(call->conn);
	if (rc) {
		json_decref(l.arr);
		return api_error_from(call, rc, NULL);
	}
	api_reply(call, 200,
		  json_pack("{s:s, s:i, s:i, s:I, s:i, s:i, s:b, s:o, s:o, s:i, s:o}", "nip", call->employee->nip, "year",
			    (int)year, "unexcused_days", dy.unexcused_days, "late_early_minutes",
			    (json_int_t)dy.late_early_minutes, "counted_days", dy.counted_days, "longest_streak",
			    dy.longest_streak, "salary_stop", dy.salary_stop, "salary_stop_from",
			    str_or_null(dy.salary_stop_from), "proposed",
			    dy.proposed ? json_pack("{s:s, s:s, s:s, s:s}", "code", dy.proposed->code, "level",
						    ladder_level_name(dy.proposed->level), "name_id", dy.proposed->name_id,
						    "name_en", dy.proposed->name_en)
					: json_null(),
			    "minutes_per_day", dy.minutes_per_day, "cases", l.arr));
}

/* ---- GET /api/v1/cases ---- */

static bool status_ok(const char *s)
{
	return !s || !*s || !strcmp(s, "active") || !strcmp(s, "withdrawn") || case_status_parse(s) >= 0;
}

void api_cases_list(struct api_call *call)
{
	bool bad = false;
	long page = api_query_long(call, "page", 1, 1, 1000000, &bad);
	if (bad)
		return api_error(call, 422, "invalid", "page", "page must be a positive number.",
				 "page harus berupa bilangan positif.");
	long per_page = api_query_long(call, "per_page", 50, 1, API_PAGE_MAX, &bad);
	if (bad)
		return api_error(call, 422, "invalid", "per_page", "per_page must be 1 to 200.", "per_page harus 1 sampai 200.");
	const char *status = http_query(call->req, "status"), *kind = http_query(call->req, "kind");
	const char *unit = http_query(call->req, "unit"), *assignee = http_query(call->req, "assignee");
	const char *overdue = http_query(call->req, "overdue");
	if (!status_ok(status))
		return api_error(call, 422, "invalid", "status",
				 "status is open, summoned, missed, summoned_again, examined, decided, delivered, closed,"
				 " withdrawn or active.",
				 "status adalah open, summoned, missed, summoned_again, examined, decided, delivered, closed,"
				 " withdrawn atau active.");
	if (kind && *kind && case_kind_parse(kind) < 0)
		return api_error(call, 422, "invalid", "kind", "kind is absence, supervisor_inaction or official_inaction.",
				 "kind adalah absence, supervisor_inaction atau official_inaction.");
	if (overdue && *overdue && strcmp(overdue, "true") && strcmp(overdue, "false"))
		return api_error(call, 422, "invalid", "overdue", "overdue is true or false.", "overdue adalah true atau false.");
	struct scope sc;
	roles_scope(call->actor, &sc);
	char today[DATE_TEXT];
	date_format(today_wib(), today);
	struct case_filter f = {.scope = &sc, .unit_path = "", .nip = http_query(call->req, "nip"), .status = status,
				.kind = kind, .overdue_before = overdue && !strcmp(overdue, "true") ? today : "",
				.limit = (int)per_page, .offset = (int)((page - 1) * per_page)};
	struct unit_row *u = NULL;
	struct employee_row *e = NULL;
	int rc = db_begin_read(call->conn);
	const char *field = NULL;
	if (!rc && unit && *unit) {
		u = xcalloc(1, sizeof *u);
		if ((rc = unit_get(call->conn, unit, u)) == 0)
			f.unit_path = u->path;
		field = "unit";
	}
	if (!rc && assignee && *assignee) {
		if (!strcmp(assignee, "me")) {
			f.assignee_id = call->actor->employee_id ? call->actor->employee_id : -1;
		} else {
			e = xcalloc(1, sizeof *e);
			if ((rc = employee_get(call->conn, assignee, e)) == 0)
				f.assignee_id = e->id;
			field = "assignee";
		}
	}
	json_t *arr = json_array();
	struct list_ctx l = {arr, today, 0};
	long total = 0;
	if (!rc) {
		field = NULL;
		rc = cases_each(call->conn, &f, list_cb, &l, &total);
	}
	db_rollback(call->conn);
	free(u);
	free(e);
	if (rc) {
		json_decref(arr);
		if (rc == ERR_NOT_FOUND && field)
			return api_error(call, 422, "invalid", field, "No such unit or employee.",
					 "Unit atau pegawai tidak ditemukan.");
		return api_error_from(call, rc, field);
	}
	api_reply(call, 200, json_pack("{s:o, s:I, s:i, s:i}", "items", arr, "total", (json_int_t)total, "page", (int)page,
				       "per_page", (int)per_page));
}

/* ---- GET /api/v1/cases/{id} ---- */

static int64_t case_id_param(struct api_call *call)
{
	char *end;
	long long id = strtoll(call->req->params[0], &end, 10);
	return *end || id <= 0 ? 0 : id;
}

static int step_cb(void *ctx, const struct case_step_row *r)
{
	json_array_append_new(ctx, json_pack("{s:s, s:s, s:o, s:b, s:s, s:o, s:s, s:s}", "action", r->action, "date",
					     r->date, "exam_on", str_or_null(r->exam_on), "virtual", r->is_virtual, "note",
					     r->note, "sanction_code", str_or_null(r->sanction_code), "actor", r->actor,
					     "at", r->at));
	return 0;
}

static int escalation_cb(void *ctx, const struct case_escalation_row *r)
{
	json_array_append_new(ctx, json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:o}", "case_id", (json_int_t)r->case_id,
					     "date", r->date, "missed_action", r->missed_action, "deadline", r->deadline,
					     "from", person_json(r->from_nip, r->from_name), "to",
					     person_json(r->to_nip, r->to_name), "inaction_case_id",
					     r->inaction_case_id ? json_integer(r->inaction_case_id) : json_null()));
	return 0;
}

/* The case as the caller may see it, with steps, escalations and who
 * decides; NULL and *rc = ERR_NOT_FOUND when not visible. In the caller's
 * transaction. */
static json_t *case_detail(struct api_call *call, int64_t id, int *rc)
{
	struct scope sc;
	roles_scope(call->actor, &sc);
	char today[DATE_TEXT];
	date_format(today_wib(), today);
	struct case_filter f = {.scope = &sc, .id = id, .unit_path = "", .limit = 1};
	json_t *arr = json_array();
	struct list_ctx l = {arr, today, 0};
	*rc = cases_each(call->conn, &f, list_cb, &l, NULL);
	if (!*rc && !json_array_size(arr))
		*rc = ERR_NOT_FOUND;
	json_t *o = NULL;
	if (!*rc) {
		o = json_incref(json_array_get(arr, 0));
		json_t *steps = json_array(), *esc = json_array(), *failures = json_array();
		struct case_decider d;
		*rc = cases_steps_each(call->conn, id, step_cb, steps);
		if (!*rc)
			*rc = cases_escalations_each(call->conn, id, "", 200, escalation_cb, esc);
		if (!*rc)
			*rc = cases_failures_each(call->conn, id, 200, escalation_cb, failures);
		if (!*rc)
			*rc = cases_decider(call->conn, id, NULL, &d);
		json_object_set_new(o, "steps", steps);
		json_object_set_new(o, "escalation_log", esc);
		json_object_set_new(o, "failures", failures);
		if (!*rc)
			json_object_set_new(o, "decider", d.employee_id ? person_json(d.nip, d.name)
									: json_pack("{s:s}", "role", "admin_bkd"));
		if (*rc) {
			json_decref(o);
			o = NULL;
		}
	}
	json_decref(arr);
	return o;
}

void api_case_get(struct api_call *call)
{
	int64_t id = case_id_param(call);
	if (!id)
		return api_error(call, 404, "not_found", "id", "No such case.", "Kasus tidak ditemukan.");
	int rc = db_begin_read(call->conn);
	json_t *o = rc ? NULL : case_detail(call, id, &rc);
	db_rollback(call->conn);
	if (!o)
		return api_error_from(call, rc, "id");
	api_reply(call, 200, o);
}

/* ---- POST /api/v1/cases/{id}/steps ---- */

void api_case_step(struct api_call *call)
{
	int64_t id = case_id_param(call);
	if (!id)
		return api_error(call, 404, "not_found", "id", "No such case.", "Kasus tidak ditemukan.");
	static const struct api_field fields[] = {
		{"action", T_STRING, true, false},    {"date", T_STRING, true, false},
		{"exam_on", T_STRING, false, true},   {"virtual", T_BOOL, false, true},
		{"note", T_STRING, false, true},      {"sanction_code", T_STRING, false, true},
		{0}};
	json_t *in = api_read_object(call, fields);
	if (!in)
		return;
	json_t *virt = json_object_get(in, "virtual");
	const char *note = api_str(in, "note", "");
	if (strlen(note) > 8000) {
		json_decref(in);
		return api_error(call, 422, "invalid", "note", "note is at most 8000 characters.",
				 "note paling banyak 8000 karakter.");
	}
	struct case_step_input si = {api_str(in, "action", ""), api_str(in, "date", ""), api_str(in, "exam_on", NULL),
				     note, api_str(in, "sanction_code", NULL), virt && json_is_true(virt)};
	struct case_step_problem p = {0};
	int rc = db_begin_write(call->conn);
	json_t *seen = NULL;
	if (!rc) /* a case the caller may not see does not exist for them */
		seen = case_detail(call, id, &rc);
	json_decref(seen);
	if (!rc)
		rc = cases_step(call->conn, id, call->actor, &si, &p);
	if (!rc)
		rc = db_commit(call->conn);
	else
		db_rollback(call->conn);
	if (rc == ERR_CONFLICT && p.code) {
		json_decref(in);
		return api_error(call, p.status, p.code, p.field, p.en, p.id);
	}
	json_decref(in);
	if (rc)
		return api_error_from(call, rc, "id");
	rc = db_begin_read(call->conn);
	json_t *o = rc ? NULL : case_detail(call, id, &rc);
	db_rollback(call->conn);
	if (!o)
		return api_error_from(call, rc, "id");
	api_reply(call, 200, o);
}

/* ---- GET /api/v1/compliance ---- */

static int unit_row_cb(void *ctx, const struct compliance_unit_row *r)
{
	json_array_append_new(ctx, json_pack("{s:s, s:s, s:I, s:I, s:I}", "code", r->code, "name", r->name, "open_cases",
					     (json_int_t)r->open_cases, "overdue_steps", (json_int_t)r->overdue_steps,
					     "escalations", (json_int_t)r->escalations));
	return 0;
}

void api_compliance(struct api_call *call)
{
	const struct actor *a = call->actor;
	bool reader = a->roles & (ROLE_ADMIN_BKD | ROLE_INSPEKTORAT), head = a->roles & ROLE_KEPALA_OPD;
	if (!reader && !head)
		return api_error_from(call, ERR_FORBIDDEN, NULL);
	const char *code = http_query(call->req, "unit");
	if ((!code || !*code) && !reader)
		code = a->opd_unit_code;
	char today[DATE_TEXT];
	date_format(today_wib(), today);
	struct unit_row *u = NULL;
	int rc = db_begin_read(call->conn);
	if (!rc && code && *code) {
		u = xcalloc(1, sizeof *u);
		rc = unit_get(call->conn, code, u);
		if (!rc && !reader && !roles_path_within(u->path, a->opd_path))
			rc = ERR_FORBIDDEN;
	}
	const char *path = u ? u->path : "";
	struct compliance_totals t;
	json_t *units = json_array(), *overdue = json_array(), *esc = json_array();
	if (!rc)
		rc = cases_compliance(call->conn, path, u ? u->id : 0, today, &t, unit_row_cb, units);
	if (!rc) {
		struct scope all = {.all = true};
		struct case_filter f = {.scope = &all, .unit_path = path, .overdue_before = today, .limit = 50};
		struct list_ctx l = {overdue, today, 0};
		rc = cases_each(call->conn, &f, list_cb, &l, NULL);
	}
	if (!rc)
		rc = cases_escalations_each(call->conn, 0, path, 50, escalation_cb, esc);
	db_rollback(call->conn);
	if (rc) {
		json_decref(units), json_decref(overdue), json_decref(esc);
		free(u);
		return api_error_from(call, rc, "unit");
	}
	json_t *by = json_object();
	for (int i = 0; i < CASE_STATUS_N; i++)
		json_object_set_new(by, case_status_name((enum case_status)i), json_integer(t.by_status[i]));
	json_object_set_new(by, "withdrawn", json_integer(t.by_status[8]));
	json_t *unit = u ? json_pack("{s:s, s:s}", "code", u->code, "name", u->name) : json_null();
	free(u);
	api_reply(call, 200,
		  json_pack("{s:o, s:s, s:I, s:I, s:I, s:I, s:o, s:o, s:o, s:o}", "unit", unit, "today", today, "open_cases",
			    (json_int_t)t.open_cases, "overdue_steps", (json_int_t)t.overdue_steps, "escalations",
			    (json_int_t)t.escalations, "inaction_cases", (json_int_t)t.inaction_cases, "by_status", by,
			    "by_unit", units, "overdue", overdue, "recent_escalations", esc));
}

/* ---- GET /api/v1/cases/{id}/letters/{kind}.pdf ---- */

static const char *jstr(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

/* The n-th (1-based) summons step of the case, or NULL. */
static json_t *nth_summons(json_t *detail, int n)
{
	size_t i;
	json_t *st;
	json_array_foreach(json_object_get(detail, "steps"), i, st)
		if (!strcmp(jstr(st, "action"), "summon") && --n == 0)
			return st;
	return NULL;
}

void api_case_letter(struct api_call *call)
{
	int64_t id = case_id_param(call);
	const char *file = call->req->params[1];
	static const char *const kinds[] = {"summons", "summons_again", "decision"};
	const char *kind = NULL;
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		size_t n = strlen(kinds[i]);
		if (!strncmp(file, kinds[i], n) && !strcmp(file + n, ".pdf"))
			kind = kinds[i];
	}
	if (!id || !kind)
		return api_error(call, 404, "not_found", NULL, "No such letter: summons, summons_again or decision (.pdf).",
				 "Surat tidak ada: summons, summons_again atau decision (.pdf).");
	struct employee_row *emp = xcalloc(1, sizeof *emp), *signer = xcalloc(1, sizeof *signer);
	int rc = db_begin_read(call->conn);
	json_t *d = rc ? NULL : case_detail(call, id, &rc);
	json_t *step = NULL, *who = NULL;
	bool ready = false;
	if (d) {
		if (!strcmp(kind, "decision")) {
			ready = json_is_object(json_object_get(d, "sanction"));
			who = json_object_get(d, "decider");
		} else {
			ready = (step = nth_summons(d, !strcmp(kind, "summons") ? 1 : 2)) != NULL;
			who = json_object_get(d, "assignee");
		}
		rc = employee_get(call->conn, jstr(d, "nip"), emp);
		if (!rc && *jstr(who, "nip") && employee_get(call->conn, jstr(who, "nip"), signer))
			signer->nip[0] = '\0';
	}
	db_rollback(call->conn);
	if (!d || rc) {
		json_decref(d);
		free(emp), free(signer);
		return api_error_from(call, rc ? rc : ERR_NOT_FOUND, "id");
	}
	if (!ready) {
		json_decref(d);
		free(emp), free(signer);
		return api_error(call, 409, "not_yet", NULL, "The case has not reached this letter's step yet.",
				 "Kasus belum sampai pada langkah surat ini.");
	}
	char facts[512];
	json_t *prop = json_object_get(d, "proposed"), *sanc = json_object_get(d, "sanction");
	snprintf(facts, sizeof facts, "Pelanggaran disiplin kehadiran tahun %lld: %s.",
		 (long long)json_integer_value(json_object_get(d, "year")), jstr(d, "note"));
	const struct ladder_rung *rung = ladder_rung_by_code(ladder_builtin(), jstr(sanc, "code"));
	if (!rung)
		rung = ladder_rung_by_code(ladder_builtin(), jstr(prop, "code"));
	struct letter_facts f = {
		.kind = kind, .instansi = "Pemerintah Provinsi DKI Jakarta", .unit_name = emp->unit_name, .place = "Jakarta",
		.date = step ? jstr(step, "date") : jstr(d, "decided_on"), .employee_name = emp->name, .nip = emp->nip,
		.jabatan = emp->position_name, .golongan = emp->golongan,
		.signer_name = signer->nip[0] ? signer->name : NULL, .signer_nip = signer->nip[0] ? signer->nip : NULL,
		.signer_jabatan = signer->nip[0] ? signer->position_name : NULL,
		.exam_date = step ? jstr(step, "exam_on") : NULL, .facts = facts,
		.sanction_code = rung ? rung->code : NULL, .sanction_text = rung ? rung->name_id : NULL,
		.legal_basis = "Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil Pasal 15;"
			       " Peraturan BKN Nomor 6 Tahun 2022"};
	unsigned char *pdf = NULL;
	size_t len = 0;
	struct err e = {0};
	rc = letter_render_pdf(&f, &pdf, &len, &e);
	char disp[96];
	snprintf(disp, sizeof disp, "inline; filename=\"kasus-%lld-%s.pdf\"", (long long)id, kind);
	json_decref(d);
	free(emp), free(signer);
	if (rc)
		return api_error(call, 422, "invalid", e.field[0] ? e.field : NULL, "The letter could not be drafted.",
				 "Surat tidak dapat disusun.");
	http_res_body(call->res, 200, "application/pdf", (char *)pdf, len);
	http_res_header(call->res, "Content-Disposition", disp);
	http_res_header(call->res, "Cache-Control", "no-store");
}
