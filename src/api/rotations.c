/* rotations.c (api) - rotations of a unit (issue 4 item 4): propose, show,
 * list, edit a draft, publish.
 *
 * The router checks access for routes about an existing rotation
 * (TARGET_ROTATION resolves its unit). POST /rotations names its unit in
 * the body, so that one handler asks roles_allows() itself with the same
 * rule (ACCESS_UNIT_WRITE: admin_bkd, or kepala_opd of the unit's body).
 * A refused edit or publication answers 409 with the rules broken, in the
 * shape plans use: {"error":{...},"violations":[{"rule","message_id",
 * "message_en"}]}. */
#include "api/rotations.h"
#include "core/date.h"
#include "core/err.h"
#include "core/mem.h"
#include "store/rotation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROTATION_EDITS_MAX 500

/* ---- the proposal as JSON ---- */

static const char *cell_status(const struct roster_cell *c)
{
	return c->status == PLAN_APPROVED ? "approved" : "requested";
}

static json_t *hour_text(int minute)
{
	char t[6];
	date_format_hhmm(minute % 1440, t);
	return json_string(t);
}

static json_t *gap_json(const struct rotation_view *v, const struct rot_gap *g, bool with_date)
{
	json_t *o = json_object();
	if (with_date) {
		char date[DATE_TEXT];
		date_format(v->x.days[g->day].date, date);
		json_object_set_new(o, "date", json_string(date));
	}
	if (g->hour < 0) {
		json_object_set_new(o, "hour", json_integer(-1));
	} else {
		int start = v->x.slot_start[g->hour];
		int end = start + 60 < v->roster.service_close ? start + 60 : v->roster.service_close;
		json_object_set_new(o, "hour", json_integer(start / 60));
		json_object_set_new(o, "from", hour_text(start));
		json_object_set_new(o, "to", hour_text(end));
	}
	json_object_set_new(o, "minimum", json_integer(g->minimum));
	json_object_set_new(o, "on_site", json_integer(g->on_site));
	json_object_set_new(o, "short_by", json_integer(g->short_by));
	return o;
}

/* Who is away on day d: fixed plans and the rotation's days. */
static json_t *away_json(const struct rotation_view *v, int d)
{
	json_t *a = json_array();
	int D = v->x.in.n_days;
	for (int p = 0; p < v->roster.npeople; p++) {
		const struct rot_cell *c = &v->x.cells[(size_t)p * D + d];
		int mode = c->fixed == ROT_FIXED_AWAY ? c->fixed_mode : v->mode[(size_t)p * D + d];
		if (!c->scheduled || mode == ROT_OFFICE)
			continue;
		json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:b}", "nip", v->roster.people[p].nip, "name",
						   v->roster.people[p].name, "mode", rot_mode_name(mode), "fixed",
						   c->fixed == ROT_FIXED_AWAY));
	}
	return a;
}

static json_t *days_json(const struct rotation_view *v)
{
	json_t *days = json_array();
	for (int d = 0; d < v->x.in.n_days; d++) {
		char date[DATE_TEXT];
		date_format(v->x.days[d].date, date);
		const struct rot_day *day = &v->x.days[d];
		json_t *gaps = json_array();
		for (int g = 0; g < v->res.n_gaps; g++)
			if (v->res.gaps[g].day == d)
				json_array_append_new(gaps, gap_json(v, &v->res.gaps[g], false));
		json_array_append_new(days, json_pack("{s:s, s:b, s:b, s:o, s:i, s:i, s:i, s:o}", "date", date, "working",
						      day->working, "office_only", day->office_only, "away", away_json(v, d),
						      "on_site", v->res.on_site[d], "minimum", day->min_on_site,
						      "min_on_site_per_hour", v->x.nslots ? day->hour_min[0] : 0, "gaps", gaps));
	}
	return days;
}

/* One person's cells, aligned with "days": null on the office, else the mode
 * with "proposed" or the fixed plan's status. */
static json_t *cells_json(const struct rotation_view *v, int p)
{
	json_t *a = json_array();
	int D = v->x.in.n_days;
	for (int d = 0; d < D; d++) {
		const struct rot_cell *c = &v->x.cells[(size_t)p * D + d];
		char date[DATE_TEXT];
		date_format(v->x.days[d].date, date);
		if (c->fixed == ROT_FIXED_AWAY) {
			const struct roster_cell *rc = &v->roster.people[p].cells[v->x.d0 + d];
			json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:b}", "date", date, "mode",
							   rot_mode_name(c->fixed_mode), "status", cell_status(rc), "fixed", 1));
		} else if (v->mode[(size_t)p * D + d] != ROT_OFFICE) {
			json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:b}", "date", date, "mode",
							   rot_mode_name(v->mode[(size_t)p * D + d]), "status", "proposed",
							   "fixed", 0));
		} else {
			json_array_append_new(a, json_null());
		}
	}
	return a;
}

static json_t *people_json(const struct rotation_view *v)
{
	json_t *a = json_array();
	for (int p = 0; p < v->roster.npeople; p++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:i, s:b, s:o}", "nip", v->roster.people[p].nip, "name",
						   v->roster.people[p].name, "days", v->res.days[p], "asked_fewer",
						   v->res.asked_fewer[p], "cells", cells_json(v, p)));
	return a;
}

static json_t *view_json(const struct rotation_view *v)
{
	json_t *gaps = json_array();
	for (int g = 0; g < v->res.n_gaps; g++)
		json_array_append_new(gaps, gap_json(v, &v->res.gaps[g], true));
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)v->info.id, "unit", v->info.unit_code,
			      "unit_name", v->info.unit_name, "from", v->info.from, "to", v->info.to, "status",
			      v->info.status);
	json_object_set_new(o, "created_by", json_string(v->info.created_by));
	json_object_set_new(o, "created_at", json_string(v->info.created_at));
	json_object_set_new(o, "published_by", *v->info.published_by ? json_string(v->info.published_by) : json_null());
	json_object_set_new(o, "published_at", *v->info.published_at ? json_string(v->info.published_at) : json_null());
	json_object_set_new(o, "days", days_json(v));
	json_object_set_new(o, "people", people_json(v));
	json_object_set_new(o, "gaps", gaps);
	json_object_set_new(o, "fairness_spread", json_integer(v->res.fairness_spread));
	json_object_set_new(o, "coverage_met", json_boolean(v->res.coverage_met));
	json_object_set_new(o, "covered_days", json_integer(v->res.covered_days));
	json_object_set_new(o, "gap_days", json_integer(v->res.gap_days));
	json_object_set_new(o, "proposed_days", json_integer(v->res.proposed_days));
	return o;
}

static json_t *info_json(const struct rotation_info *r)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:i, s:i, s:b}", "id", (json_int_t)r->id, "unit",
			 r->unit_code, "unit_name", r->unit_name, "from", r->from, "to", r->to, "status", r->status,
			 "created_by", r->created_by, "created_at", r->created_at, "covered_days", r->covered_days,
			 "gap_days", r->gap_days, "fairness_spread", r->fairness_spread, "coverage_met",
			 r->gap_days == 0);
}

/* 409 with the rules broken by one edit or by the publication. */
static void reply_refusal(struct api_call *call, const struct rotation_refusal *ref)
{
	char en[200], id[200];
	snprintf(en, sizeof en, "The change breaks the unit's rules for %s on %s.", ref->nip, ref->date);
	snprintf(id, sizeof id, "Perubahan melanggar aturan unit untuk %s pada %s.", ref->nip, ref->date);
	json_t *err = json_pack("{s:s, s:s, s:s, s:o}", "code", "rule_violation", "message", en, "message_id", id,
				"field", ref->index >= 0 ? json_string("set") : json_null());
	if (ref->index >= 0)
		json_object_set_new(err, "index", json_integer(ref->index));
	json_t *vs = json_array();
	for (int i = 0; i < ref->n && i < ROT_RULE_N; i++)
		json_array_append_new(vs, json_pack("{s:s, s:s, s:s, s:s, s:s}", "rule", ref->v[i].name, "message_id",
						    ref->v[i].message_id, "message_en", ref->v[i].message_en, "nip",
						    ref->nip, "date", ref->date));
	api_reply(call, 409, json_pack("{s:o, s:o}", "error", err, "violations", vs));
}

static void reply_not_draft(struct api_call *call)
{
	api_error(call, 409, "invalid_state", "status", "The rotation is already published.",
		  "Rotasi sudah diterbitkan.");
}

static bool rotation_id(struct api_call *call, int64_t *id)
{
	char *end;
	long long v = strtoll(call->req->params[0], &end, 10);
	*id = v;
	if (*end || v <= 0) {
		api_error_from(call, ERR_NOT_FOUND, "id");
		return false;
	}
	return true;
}

/* ---- handlers ---- */

static const struct api_field create_fields[] = {
	{"unit", T_STRING, true, false}, {"from", T_STRING, true, false}, {"to", T_STRING, true, false}, {0}};

/* The period: real dates, from <= to, at most ROT_MAX_DAYS days. */
static bool period_in(struct api_call *call, json_t *o, int32_t *from, int32_t *to)
{
	if (!date_parse(api_str(o, "from", ""), from)) {
		api_error(call, 422, "invalid", "from", "Give from as a date YYYY-MM-DD.",
			  "Isi from dengan tanggal YYYY-MM-DD.");
		return false;
	}
	if (!date_parse(api_str(o, "to", ""), to)) {
		api_error(call, 422, "invalid", "to", "Give to as a date YYYY-MM-DD.", "Isi to dengan tanggal YYYY-MM-DD.");
		return false;
	}
	if (*to < *from || *to - *from + 1 > ROT_MAX_DAYS) {
		api_error(call, 422, "invalid_period", "to", "The period must run forward and last at most 62 days.",
			  "Periode harus maju dan paling lama 62 hari.");
		return false;
	}
	return true;
}

void api_rotation_create(struct api_call *call)
{
	json_t *o = api_read_object(call, create_fields);
	if (!o)
		return;
	int32_t from, to;
	struct unit_row unit;
	if (!period_in(call, o, &from, &to)) {
		json_decref(o);
		return;
	}
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = unit_get(call->conn, api_str(o, "unit", ""), &unit);
	db_rollback(call->conn);
	json_decref(o);
	if (rc == ERR_NOT_FOUND)
		return api_error(call, 422, "unknown_unit", "unit", "There is no unit with this code.",
				 "Tidak ada unit dengan kode ini.");
	if (rc)
		return api_error_from(call, rc, "unit");
	struct access_target at = {.unit_path = unit.path};
	if (!roles_allows(call->actor, ACCESS_UNIT_WRITE, &at))
		return api_error_from(call, ERR_FORBIDDEN, NULL);
	struct rotation_view v;
	memset(&v, 0, sizeof v);
	rc = db_begin_write(call->conn);
	if (!rc)
		rc = rotation_propose(call->conn, unit.id, from, to, call->actor->username, &v);
	if (!rc)
		rc = db_commit(call->conn);
	else
		db_rollback(call->conn);
	if (rc)
		api_error_from(call, rc, NULL);
	else
		api_reply(call, 201, view_json(&v));
	rotation_view_free(&v);
}

void api_rotation_get(struct api_call *call)
{
	int64_t id;
	if (!rotation_id(call, &id))
		return;
	struct rotation_view v;
	memset(&v, 0, sizeof v);
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = rotation_get(call->conn, id, &v);
	db_rollback(call->conn);
	if (rc)
		api_error_from(call, rc, "id");
	else
		api_reply(call, 200, view_json(&v));
	rotation_view_free(&v);
}

static int list_one(void *ctx, const struct rotation_info *r)
{
	json_array_append_new(ctx, info_json(r));
	return 0;
}

void api_rotation_list(struct api_call *call)
{
	json_t *items = json_array();
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = rotation_each(call->conn, call->unit ? call->unit->path : "", list_one, items);
	db_rollback(call->conn);
	if (rc) {
		json_decref(items);
		return api_error_from(call, rc, NULL);
	}
	api_reply(call, 200, json_pack("{s:o}", "items", items));
}

/* {"set":[{"nip","date","mode"|null}]}: parsed into edits (strings stay
 * owned by body). Replies and returns false when malformed. */
static bool edits_in(struct api_call *call, json_t *body, struct rotation_edit **out, int *n)
{
	json_t *set = json_object_get(body, "set");
	size_t len = json_array_size(set);
	if (!json_is_array(set) || len == 0 || len > ROTATION_EDITS_MAX) {
		api_error(call, 422, "invalid", "set", "Give set as a list of 1 to 500 edits.",
			  "Isi set dengan daftar 1 sampai 500 perubahan.");
		return false;
	}
	*out = xcalloc(len, sizeof **out);
	*n = (int)len;
	for (size_t i = 0; i < len; i++) {
		json_t *e = json_array_get(set, i), *mode = json_object_get(e, "mode");
		const char *nip = json_string_value(json_object_get(e, "nip"));
		const char *date = json_string_value(json_object_get(e, "date"));
		int m = json_is_null(mode) || !mode ? ROT_OFFICE : rot_mode_parse(json_string_value(mode));
		if (!json_is_object(e) || json_object_size(e) > 3 || !nip || !date || (mode && !json_is_null(mode) &&
		    (!json_is_string(mode) || m < 0))) {
			api_error(call, 422, "invalid", "set",
				  "Each edit needs nip, date and mode (wfh, wfa, kantor_lain, or null for the office).",
				  "Setiap perubahan memerlukan nip, date dan mode (wfh, wfa, kantor_lain, atau null untuk kantor).");
			free(*out);
			return false;
		}
		(*out)[i] = (struct rotation_edit){nip, date, m};
	}
	return true;
}

void api_rotation_patch(struct api_call *call)
{
	int64_t id;
	if (!rotation_id(call, &id))
		return;
	if (call->req->body_too_big)
		return api_error(call, 413, "too_big", NULL, "The request body is too large.",
				 "Isi permintaan terlalu besar.");
	json_t *body = json_loadb(call->req->body, call->req->body_len, JSON_REJECT_DUPLICATES, NULL);
	if (!json_is_object(body)) {
		json_decref(body);
		return api_error(call, 400, "invalid_json", NULL, "The body must be a JSON object {\"set\":[...]}.",
				 "Isi permintaan harus berupa objek JSON {\"set\":[...]}.");
	}
	if (json_object_size(body) != 1 || !json_object_get(body, "set")) {
		json_decref(body);
		return api_error(call, 422, "unknown_field", "set", "Send only {\"set\":[...]}.",
				 "Kirim hanya {\"set\":[...]}.");
	}
	struct rotation_edit *edits = NULL;
	int n = 0;
	if (!edits_in(call, body, &edits, &n)) {
		json_decref(body);
		return;
	}
	struct rotation_view v;
	memset(&v, 0, sizeof v);
	struct rotation_refusal ref;
	memset(&ref, 0, sizeof ref);
	int rc = db_begin_write(call->conn);
	if (!rc)
		rc = rotation_edit(call->conn, id, edits, n, call->actor->username, &ref, &v);
	if (!rc)
		rc = db_commit(call->conn);
	else
		db_rollback(call->conn);
	if (rc == ERR_CONFLICT && ref.n > 0)
		reply_refusal(call, &ref);
	else if (rc == ERR_CONFLICT)
		reply_not_draft(call);
	else if (rc == ERR_INVALID)
		api_error(call, 422, "invalid", ref.field,
			  !strcmp(ref.field ? ref.field : "", "nip") ? "The employee is not on this unit's roster."
								    : "The date is outside the rotation's period.",
			  !strcmp(ref.field ? ref.field : "", "nip") ? "Pegawai tidak ada dalam daftar unit ini."
								    : "Tanggal di luar periode rotasi.");
	else if (rc)
		api_error_from(call, rc, "id");
	else
		api_reply(call, 200, view_json(&v));
	rotation_view_free(&v);
	free(edits);
	json_decref(body);
}

void api_rotation_publish(struct api_call *call)
{
	int64_t id;
	if (!rotation_id(call, &id))
		return;
	int plans = 0;
	struct rotation_refusal ref;
	memset(&ref, 0, sizeof ref);
	int rc = db_begin_write(call->conn);
	if (!rc)
		rc = rotation_publish(call->conn, id, call->actor->username, &plans, &ref);
	if (!rc)
		rc = db_commit(call->conn);
	else
		db_rollback(call->conn);
	if (rc == ERR_CONFLICT && ref.n > 0)
		return reply_refusal(call, &ref);
	if (rc == ERR_CONFLICT)
		return reply_not_draft(call);
	if (rc)
		return api_error_from(call, rc, "id");
	struct rotation_view v;
	memset(&v, 0, sizeof v);
	rc = db_begin_read(call->conn);
	if (!rc)
		rc = rotation_get(call->conn, id, &v);
	db_rollback(call->conn);
	if (rc) {
		api_error_from(call, rc, "id");
	} else {
		json_t *o = view_json(&v);
		json_object_set_new(o, "plans", json_integer(plans));
		api_reply(call, 200, o);
	}
	rotation_view_free(&v);
}

int api_rotation_unit_code(struct db_conn *c, const char *id_text, char code[33])
{
	char *end;
	long long id = strtoll(id_text, &end, 10);
	if (*end || id <= 0)
		return ERR_NOT_FOUND;
	return rotation_unit_code(c, id, code);
}
