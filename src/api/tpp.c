/* tpp.c (api) - GET /api/v1/tpp: the month's TPP deductions per employee
 * under the scheme in force; GET/PUT /api/v1/tpp/scheme. See
 * api/documents.h. Percentages are numbers with two decimals. */
#include "api/documents.h"
#include "core/err.h"
#include "core/mem.h"
#include "store/recap.h"
#include "store/tpp.h"

#include <stdlib.h>
#include <string.h>

static json_t *scheme_json(const struct tpp_setting *t)
{
	return json_pack("{s:s, s:i, s:i, s:i, s:s, s:s, s:s, s:o}", "name", "dki_cap", "cap_minutes_per_day",
			 t->scheme.cap_minutes_per_day, "unexcused_day_minutes", t->scheme.unexcused_day_minutes,
			 "sedang_cut_pct", t->scheme.sedang_cut_pct, "valid_from", t->valid_from, "legal_reference",
			 t->legal_reference, "updated_by", t->updated_by, "updated_at",
			 t->updated_at[0] ? json_string(t->updated_at) : json_null());
}

static json_t *pct(int bp)
{
	return json_real(bp / 100.0);
}

static json_t *person_json(const struct recap_person *p)
{
	const struct recap_month *m = &p->month;
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:i, s:I, s:I, s:I, s:i, s:I, s:I}", "nip", p->nip, "name", p->name,
			      "jabatan", p->jabatan, "unit", p->unit_code, "working_days", m->working_days, "cap_minutes",
			      (json_int_t)p->tpp.cap_minutes, "late_min", (json_int_t)m->late_min, "early_min",
			      (json_int_t)m->early_min, "alpa_days", m->count[DAY_ALPA], "deduction_minutes",
			      (json_int_t)p->tpp.deduction_minutes, "credit_minutes",
			      (json_int_t)(p->tpp.cap_minutes > p->tpp.deduction_minutes
						   ? p->tpp.cap_minutes - p->tpp.deduction_minutes : 0));
	json_object_set_new(o, "deduction_percent", pct(p->tpp.deduction_bp));
	json_object_set_new(o, "sanction_cut_percent", json_integer(p->tpp.cut_pct));
	json_object_set_new(o, "sanction_code", p->sedang_running ? json_string(p->sanction_code) : json_null());
	json_object_set_new(o, "total_percent", pct(p->tpp.total_bp));
	return o;
}

void api_tpp_get(struct api_call *call)
{
	struct scope sc;
	int year, month;
	if (!documents_request(call, &sc, &year, &month))
		return;
	struct recap *r = xcalloc(1, sizeof *r);
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = recap_load(call->conn, &sc, call->unit->path, call->unit->code, call->unit->name, year, month, r);
	db_rollback(call->conn);
	if (rc) {
		recap_free(r);
		free(r);
		return api_error_from(call, rc, NULL);
	}
	json_t *items = json_array();
	for (int i = 0; i < r->n; i++)
		json_array_append_new(items, person_json(&r->people[i]));
	json_t *o = json_pack("{s:{s:s, s:s}, s:s, s:i, s:i, s:o, s:o}", "unit", "code", r->unit_code, "name",
			      r->unit_name, "month", r->month_text, "days", r->ndays, "closed_dates", r->closed_dates,
			      "scheme", scheme_json(&r->scheme), "items", items);
	recap_free(r);
	free(r);
	api_reply(call, 200, o);
}

void api_tpp_scheme_get(struct api_call *call)
{
	struct tpp_setting t;
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = tpp_setting_get(call->conn, &t);
	db_rollback(call->conn);
	if (rc)
		return api_error_from(call, rc, NULL);
	api_reply(call, 200, scheme_json(&t));
}

static const struct api_field SCHEME_FIELDS[] = {
	{"cap_minutes_per_day", T_INTEGER, false, false}, {"unexcused_day_minutes", T_INTEGER, false, false},
	{"sedang_cut_pct", T_INTEGER, false, false},      {"valid_from", T_STRING, false, false},
	{"legal_reference", T_STRING, false, false},      {"name", T_STRING, false, false},
	{0}};

/* An integer field, or def when absent; -1 (refused by every range) when
 * it does not fit an int. */
static int int_field(json_t *in, const char *key, int def)
{
	double v = api_num(in, key, def);
	return v < 0 || v > 1e6 ? -1 : (int)v;
}

/* Fields left out keep their value: a PUT of the whole object or of a part. */
void api_tpp_scheme_put(struct api_call *call)
{
	json_t *in = api_read_object(call, SCHEME_FIELDS);
	if (!in)
		return;
	if (strcmp(api_str(in, "name", "dki_cap"), "dki_cap")) {
		json_decref(in);
		return api_error(call, 422, "invalid", "name", "The only scheme is dki_cap.", "Satu-satunya skema: dki_cap.");
	}
	struct tpp_setting t;
	const char *field = NULL;
	int rc = db_begin_write(call->conn);
	if (!rc)
		rc = tpp_setting_get(call->conn, &t);
	if (!rc) {
		t.scheme.cap_minutes_per_day = int_field(in, "cap_minutes_per_day", t.scheme.cap_minutes_per_day);
		t.scheme.unexcused_day_minutes = int_field(in, "unexcused_day_minutes", t.scheme.unexcused_day_minutes);
		t.scheme.sedang_cut_pct = int_field(in, "sedang_cut_pct", t.scheme.sedang_cut_pct);
		const char *vf = api_str(in, "valid_from", t.valid_from), *lr = api_str(in, "legal_reference", t.legal_reference);
		if (strlen(vf) >= sizeof t.valid_from)
			rc = ERR_INVALID, field = "valid_from";
		else if (strlen(lr) >= sizeof t.legal_reference)
			rc = ERR_INVALID, field = "legal_reference";
		else {
			memmove(t.valid_from, vf, strlen(vf) + 1);
			memmove(t.legal_reference, lr, strlen(lr) + 1);
		}
		if (!rc)
			rc = tpp_setting_put(call->conn, &t, call->actor->username, &field);
	}
	if (!rc)
		rc = db_commit(call->conn);
	else
		db_rollback(call->conn);
	json_decref(in);
	if (rc == ERR_INVALID)
		return api_error(call, 422, "invalid", field,
				 "Out of range: cap 1..1440, unexcused day 0..1440, cut 0..100, valid_from a date, "
				 "legal_reference 1..300 characters.",
				 "Di luar batas: batas 1..1440, alpa 0..1440, potongan 0..100, valid_from tanggal, "
				 "legal_reference 1..300 karakter.");
	if (rc)
		return api_error_from(call, rc, field);
	api_reply(call, 200, scheme_json(&t));
}
