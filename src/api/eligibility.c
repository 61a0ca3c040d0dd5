/* eligibility.c (api) - who may work flexibly: one employee's decision with
 * its reasons, unit summaries, the CSV export and the what-if preview.
 *
 * Bulk answers load the whole eligibility world for the date in one read
 * transaction and decide every employee in memory (store/eligibility.h). */
#include "api/eligibility.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/mem.h"
#include "domain/org.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define JAKARTA_UTC_OFFSET (7 * 3600)
#define EXPORT_MAX (64u * 1024 * 1024)

/* ---- shared helpers ---- */

void elig_api_today(char out[11], int days_offset)
{
	time_t t = (time_t)(clock_unix() + JAKARTA_UTC_OFFSET + (int64_t)days_offset * 86400);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

bool elig_api_date(struct api_call *call, char out[11])
{
	const char *d = http_query(call->req, "date");
	if (!d || !*d) {
		elig_api_today(out, 0);
		return true;
	}
	if (!org_is_date(d))
		return api_error(call, 422, "invalid", "date", "date must be a real date written YYYY-MM-DD.",
				 "date harus tanggal yang sah dengan format YYYY-MM-DD."), false;
	snprintf(out, 11, "%s", d);
	return true;
}

json_t *elig_api_body(struct api_call *call)
{
	if (call->req->body_too_big)
		return api_error(call, 413, "too_big", NULL, "The request body is too large.", "Isi permintaan terlalu besar."),
		       NULL;
	json_error_t jerr;
	json_t *o = json_loadb(call->req->body, call->req->body_len, JSON_REJECT_DUPLICATES, &jerr);
	if (!o || !json_is_object(o)) {
		json_decref(o);
		return api_error(call, 400, "invalid_json", NULL, "The body must be a JSON object.",
				 "Isi permintaan harus berupa objek JSON."), NULL;
	}
	return o;
}

static const char *ftype_name(enum elig_ftype t)
{
	static const char *const n[] = {"string", "integer", "boolean", "array", "object"};
	return n[t];
}

static bool ftype_ok(json_t *v, const struct elig_fspec *f)
{
	switch (f->type) {
	case F_STR: return json_is_string(v);
	case F_INT: return json_is_integer(v);
	case F_BOOL: return json_is_boolean(v);
	case F_ARRAY: return json_is_array(v);
	case F_OBJECT: return json_is_object(v);
	}
	return false;
}

/* Range and length limits of one present field; replies when broken. */
static bool flimits_ok(struct api_call *call, json_t *v, const struct elig_fspec *f, const char *name)
{
	char en[200], id[200];
	if (f->type == F_STR && (json_string_length(v) > (size_t)f->max || json_string_length(v) < (size_t)f->min)) {
		snprintf(en, sizeof en, "Field \"%s\" must have %d to %d characters.", name, f->min, f->max);
		snprintf(id, sizeof id, "Kolom \"%s\" harus berisi %d sampai %d karakter.", name, f->min, f->max);
		return api_error(call, 422, "invalid", name, en, id), false;
	}
	if (f->type == F_INT && (json_integer_value(v) < f->min || json_integer_value(v) > f->max)) {
		snprintf(en, sizeof en, "Field \"%s\" must be between %d and %d.", name, f->min, f->max);
		snprintf(id, sizeof id, "Kolom \"%s\" harus antara %d dan %d.", name, f->min, f->max);
		return api_error(call, 422, "invalid", name, en, id), false;
	}
	if (f->type == F_ARRAY && json_array_size(v) > (size_t)f->max) {
		snprintf(en, sizeof en, "Field \"%s\" may hold at most %d items.", name, f->max);
		snprintf(id, sizeof id, "Kolom \"%s\" paling banyak %d butir.", name, f->max);
		return api_error(call, 422, "too_many", name, en, id), false;
	}
	return true;
}

bool elig_api_check(struct api_call *call, json_t *o, const struct elig_fspec *spec, const char *what)
{
	const char *key;
	json_t *v;
	char en[200], id[200], name[96];
	json_object_foreach(o, key, v) {
		const struct elig_fspec *f = spec;
		while (f->name && strcmp(f->name, key))
			f++;
		snprintf(name, sizeof name, "%s%.60s", what, key);
		if (!f->name) {
			snprintf(en, sizeof en, "Unknown field \"%s\".", name);
			snprintf(id, sizeof id, "Kolom \"%s\" tidak dikenal.", name);
			return api_error(call, 422, "unknown_field", name, en, id), false;
		}
		if (!ftype_ok(v, f)) {
			snprintf(en, sizeof en, "Field \"%s\" must be a %s.", name, ftype_name(f->type));
			snprintf(id, sizeof id, "Kolom \"%s\" harus bertipe %s.", name, ftype_name(f->type));
			return api_error(call, 422, "wrong_type", name, en, id), false;
		}
		if (!flimits_ok(call, v, f, name))
			return false;
	}
	for (; spec->name; spec++)
		if (spec->required && !json_object_get(o, spec->name)) {
			snprintf(name, sizeof name, "%s%s", what, spec->name);
			snprintf(en, sizeof en, "Field \"%s\" is required.", name);
			snprintf(id, sizeof id, "Kolom \"%s\" wajib diisi.", name);
			return api_error(call, 422, "missing_field", name, en, id), false;
		}
	return true;
}

bool elig_api_kinds(struct api_call *call, json_t *arr, const char *field, unsigned *kinds)
{
	size_t i;
	json_t *v;
	*kinds = 0;
	json_array_foreach(arr, i, v) {
		int k = json_is_string(v) ? elig_kind_parse(json_string_value(v)) : -1;
		if (k < 0)
			return api_error(call, 422, "invalid", field,
					 "Modes are wfh, wfa, kantor_lain, shift and dinamis.",
					 "Mode yang dikenal: wfh, wfa, kantor_lain, shift dan dinamis."), false;
		*kinds |= ELIG_KIND_BIT(k);
	}
	return true;
}

json_t *elig_api_kinds_json(unsigned kinds)
{
	json_t *a = json_array();
	for (int k = 0; k < ELIG_KINDS_N; k++)
		if (kinds & ELIG_KIND_BIT(k))
			json_array_append_new(a, json_string(elig_kind_name((enum elig_kind)k)));
	return a;
}

json_t *elig_api_criteria_json(unsigned criteria)
{
	json_t *o = json_object();
	for (int i = 0; i < JC_CRITERIA_N; i++)
		json_object_set_new(o, jobclass_criterion_name(1u << i), json_boolean(criteria & (1u << i)));
	return o;
}

json_t *elig_api_profile_json(const struct jobclass_profile *p, const struct elig_correction *corr)
{
	json_t *o = json_pack("{s:s, s:o, s:{s:b, s:b}, s:b, s:b, s:s, s:o}", "family", p->family, "criteria",
			      elig_api_criteria_json(p->criteria), "time", "shift", (p->time & JT_SHIFT) != 0,
			      "dinamis", (p->time & JT_DINAMIS) != 0, "unclassified", p->unclassified, "unit_context",
			      p->unit_context, "source", corr ? "correction" : "table", "matched",
			      p->matched ? json_string(p->matched) : json_null());
	if (corr)
		json_object_set_new(o, "correction",
				    json_pack("{s:I, s:s, s:o, s:s, s:s, s:s}", "id", (json_int_t)corr->id, "reason",
					      corr->reason, "unit", corr->unit_code[0] ? json_string(corr->unit_code) : json_null(),
					      "by", corr->created_by, "at", corr->created_at, "valid_from", corr->valid_from));
	return o;
}

/* ---- one employee ---- */

static json_t *verdict_json(const struct elig_context *ctx, enum elig_kind k, const struct elig_verdict *v)
{
	struct elig_reason r[ELIG_RULES_N];
	int n = elig_explain(&ctx->in, k, v, r, ELIG_RULES_N);
	json_t *reasons = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(reasons, json_pack("{s:s, s:b, s:b, s:s, s:s, s:s}", "rule",
							 elig_rule_name(r[i].rule), "passed", r[i].passed, "waived",
							 r[i].waived, "basis", r[i].basis, "message_id", r[i].message_id,
							 "message_en", r[i].message_en));
	return json_pack("{s:b, s:o}", "eligible", v->eligible, "reasons", reasons);
}

static json_t *policy_json(const struct elig_policy *p)
{
	return json_pack("{s:i, s:b, s:s, s:s, s:b, s:o, s:i, s:i, s:i}", "version", p->version, "in_force", p->in_force,
			 "valid_from", p->valid_from, "legal_reference", p->legal_reference, "flexible_work_enabled",
			 p->enabled, "modes", elig_api_kinds_json(p->kinds), "max_remote_days_per_week",
			 p->max_remote_days_per_week, "max_share_away_pct", p->max_share_away_pct,
			 "new_employee_months", p->new_employee_months);
}

static json_t *decision_json(const struct elig_world *w, int i)
{
	struct elig_context ctx;
	struct elig_decision d;
	elig_world_context(w, i, &ctx);
	elig_decide(&ctx.in, &d);
	const struct elig_wemployee *e = &w->emp[i];
	json_t *modes = json_object(), *time = json_object();
	for (int k = 0; k < ELIG_KINDS_N; k++)
		json_object_set_new(k < ELIG_LOCATION_N ? modes : time, elig_kind_name((enum elig_kind)k),
				    verdict_json(&ctx, (enum elig_kind)k, &d.kind[k]));
	json_t *exc = json_null();
	if (e->exception >= 0) {
		const struct elig_wexception *x = &w->exc[e->exception];
		exc = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)x->id, "decision",
				x->decision == ELIG_EXC_GRANT ? "grant" : "refuse", "justification", x->justification,
				"valid_from", x->valid_from, "valid_until", x->valid_until, "decided_by", x->decided_by);
	}
	/* An approved Pasal 30 request lifts the weekly cap for its period. */
	json_t *spc = json_null();
	if (e->special >= 0) {
		const struct elig_wspecial *x = &w->spc[e->special];
		spc = json_pack("{s:I, s:s, s:s, s:s, s:b, s:s}", "request_id", (json_int_t)x->id, "period_from",
				x->period_from, "period_to", x->period_to, "decided_by", x->decided_by,
				"weekly_cap_lifted", 1, "basis", "Permen PANRB 4/2025 Pasal 30");
	}
	json_t *profile = elig_api_profile_json(&ctx.duty, ctx.correction);
	json_object_set_new(profile, "position", json_string(w->pos[e->position].name));
	return json_pack("{s:s, s:s, s:s, s:i, s:o, s:o, s:o, s:o, s:o, s:o, s:{s:s, s:s, s:b}}", "nip", e->nip, "name",
			 e->name, "date", w->date, "policy_version", ctx.in.policy->version, "policy",
			 policy_json(ctx.in.policy), "profile", profile, "modes", modes, "time", time, "exception", exc,
			 "special_circumstances", spc, "person", "employment", e->employment, "service_start",
			 e->service_start, "has_domicile", e->has_domicile);
}

void api_eligibility_get(struct api_call *call)
{
	char date[11];
	if (!elig_api_date(call, date))
		return;
	struct elig_world w;
	struct elig_filter f = {.employee_id = call->employee->id};
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = elig_world_load(call->conn, date, &f, &w);
	db_rollback(call->conn);
	if (!rc && w.nemp != 1)
		rc = ERR_NOT_FOUND;
	if (rc) {
		elig_world_free(&w);
		return api_error_from(call, rc, "nip");
	}
	json_t *out = decision_json(&w, 0);
	elig_world_free(&w);
	api_reply(call, 200, out);
}

/* ---- bulk ---- */

/* The outcome of one employee in bulk: eligible kinds and the rules that
 * failed in any location mode. */
struct bulk_result {
	uint8_t eligible;     /* ELIG_KIND_BIT */
	uint32_t failed;      /* union over location kinds */
};

static void evaluate_all(const struct elig_world *w, struct bulk_result *out)
{
	for (int i = 0; i < w->nemp; i++) {
		struct elig_context ctx;
		struct elig_decision d;
		elig_world_context(w, i, &ctx);
		elig_decide(&ctx.in, &d);
		out[i].eligible = 0;
		out[i].failed = 0;
		for (int k = 0; k < ELIG_KINDS_N; k++) {
			if (d.kind[k].eligible)
				out[i].eligible |= (uint8_t)ELIG_KIND_BIT(k);
			if (k < ELIG_LOCATION_N)
				out[i].failed |= d.kind[k].failed;
		}
	}
}

/* The scope unit's index (-1: the organisation) and, per employee, the index
 * of the sub-unit (a direct child of the scope, or the scope itself) it is
 * counted in. */
static int scope_of(const struct elig_world *w, const struct unit_row *unit)
{
	if (unit)
		return elig_world_unit_index(w, unit->id);
	int root = -1, roots = 0;
	for (int i = 0; i < w->nunits; i++)
		if (!w->units[i].parent_id) {
			root = i;
			roots++;
		}
	return roots == 1 ? root : -1;
}

static int group_of(const struct elig_world *w, int scope, int emp)
{
	const char *path = w->units[w->emp[emp].unit].path;
	const char *rest = path + (scope >= 0 ? strlen(w->units[scope].path) : 1);
	if (!*rest)
		return scope;
	long long id = strtoll(rest, NULL, 10);
	return elig_world_unit_index(w, id);
}

struct tally {
	int64_t total;
	int64_t eligible[ELIG_KINDS_N];
	int64_t any_location;
	int64_t unclassified;
	int64_t by_rule[ELIG_RULES_N];
};

static void tally_add(struct tally *t, const struct bulk_result *r, bool unclassified)
{
	t->total++;
	for (int k = 0; k < ELIG_KINDS_N; k++)
		t->eligible[k] += (r->eligible >> k) & 1;
	t->any_location += (r->eligible & 7) != 0;
	t->unclassified += unclassified;
	for (int x = 0; x < ELIG_RULES_N; x++)
		t->by_rule[x] += (r->failed >> x) & 1;
}

static json_t *tally_json(const struct tally *t)
{
	json_t *el = json_object(), *not = json_object(), *by = json_object();
	for (int k = 0; k < ELIG_KINDS_N; k++) {
		json_object_set_new(el, elig_kind_name((enum elig_kind)k), json_integer(t->eligible[k]));
		json_object_set_new(not, elig_kind_name((enum elig_kind)k), json_integer(t->total - t->eligible[k]));
	}
	json_object_set_new(el, "any_location", json_integer(t->any_location));
	json_object_set_new(not, "any_location", json_integer(t->total - t->any_location));
	for (int x = 0; x < ELIG_RULES_N; x++)
		if (t->by_rule[x])
			json_object_set_new(by, elig_rule_name((enum elig_rule)x), json_integer(t->by_rule[x]));
	return json_pack("{s:I, s:o, s:o, s:o, s:I}", "total", (json_int_t)t->total, "eligible", el, "not_eligible",
			 not, "by_reason", by, "unclassified", (json_int_t)t->unclassified);
}

/* Load the world for the call's ?unit= and ?date=; replies on failure. */
static bool load_scope(struct api_call *call, const char *date, struct elig_world *w)
{
	struct elig_filter f = {.unit_path = call->unit ? call->unit->path : ""};
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = elig_world_load(call->conn, date, &f, w);
	db_rollback(call->conn);
	if (rc) {
		elig_world_free(w);
		api_error_from(call, rc, NULL);
		return false;
	}
	return true;
}

static json_t *unit_ref(const struct elig_wunit *u)
{
	return json_pack("{s:s, s:s, s:s}", "code", u->code, "name", u->name, "kind", u->kind);
}

static void reply_summary(struct api_call *call, const struct elig_world *w, const struct bulk_result *res,
			  double eval_ms)
{
	int scope = scope_of(w, call->unit);
	struct tally all = {0}, *per = xcalloc((size_t)w->nunits + 1, sizeof *per);
	for (int i = 0; i < w->nemp; i++) {
		struct jobclass_profile p;
		elig_world_profile(w, i, &p, NULL);
		tally_add(&all, &res[i], p.unclassified);
		int g = group_of(w, scope, i);
		tally_add(&per[g >= 0 ? g : w->nunits], &res[i], p.unclassified);
	}
	json_t *subs = json_array();
	for (int u = 0; u < w->nunits; u++) {
		if (!per[u].total)
			continue;
		json_t *o = tally_json(&per[u]);
		json_object_set_new(o, "unit", unit_ref(&w->units[u]));
		json_object_set_new(o, "direct", json_boolean(u == scope));
		json_array_append_new(subs, o);
	}
	free(per);
	json_t *out = tally_json(&all);
	json_object_set_new(out, "unit", scope >= 0 ? unit_ref(&w->units[scope]) : json_null());
	json_object_set_new(out, "date", json_string(w->date));
	json_object_set_new(out, "sub_units", subs);
	json_object_set_new(out, "evaluation_ms", json_real(eval_ms));
	api_reply(call, 200, out);
}

/* ---- CSV export ---- */

static void csv_cell(struct buf *b, const char *s, bool last)
{
	if (strpbrk(s, ",\"\r\n;")) {
		buf_puts(b, "\"");
		for (; *s; s++)
			buf_puts(b, *s == '"' ? "\"\"" : (char[2]){*s, '\0'});
		buf_puts(b, "\"");
	} else {
		buf_puts(b, s);
	}
	buf_puts(b, last ? "\r\n" : ",");
}

static void csv_failed(struct buf *b, uint32_t failed)
{
	char text[512];
	size_t n = 0;
	text[0] = '\0';
	for (int x = 0; x < ELIG_RULES_N; x++)
		if (failed & (1u << x))
			n += (size_t)snprintf(text + n, n < sizeof text ? sizeof text - n : 0, "%s%s", n ? " " : "",
					      elig_rule_name((enum elig_rule)x));
	csv_cell(b, text, true);
}

static int export_csv(const struct elig_world *w, const struct bulk_result *res, struct buf *b)
{
	buf_puts(b, "\xEF\xBB\xBFnip,nama,unit_kode,unit_nama,jabatan,keluarga_jabatan,terklasifikasi,wfh,wfa,"
		    "kantor_lain,shift,dinamis,aturan_tidak_terpenuhi\r\n");
	for (int i = 0; i < w->nemp; i++) {
		const struct elig_wemployee *e = &w->emp[i];
		struct jobclass_profile p;
		elig_world_profile(w, i, &p, NULL);
		csv_cell(b, e->nip, false);
		csv_cell(b, e->name, false);
		csv_cell(b, w->units[e->unit].code, false);
		csv_cell(b, w->units[e->unit].name, false);
		csv_cell(b, w->pos[e->position].name, false);
		csv_cell(b, p.family, false);
		csv_cell(b, p.unclassified ? "tidak" : "ya", false);
		for (int k = 0; k < ELIG_KINDS_N; k++)
			csv_cell(b, (res[i].eligible >> k) & 1 ? "ya" : "tidak", false);
		csv_failed(b, res[i].failed);
		if (b->len + 4096 > b->max)
			return ERR_TOO_BIG;
	}
	return 0;
}

static void reply_csv(struct api_call *call, const struct elig_world *w, const struct bulk_result *res)
{
	struct buf b;
	buf_init(&b, EXPORT_MAX);
	if (export_csv(w, res, &b)) {
		buf_free(&b);
		return api_error_from(call, ERR_TOO_BIG, NULL);
	}
	size_t len = b.len;
	http_res_body(call->res, 200, "text/csv; charset=utf-8", buf_steal(&b), len);
	char disp[120];
	snprintf(disp, sizeof disp, "attachment; filename=\"eligibility-%s-%s.csv\"",
		 call->unit ? call->unit->code : "all", w->date);
	http_res_header(call->res, "Content-Disposition", disp);
	http_res_header(call->res, "Cache-Control", "no-store");
}

static void bulk(struct api_call *call, bool csv)
{
	char date[11];
	if (!elig_api_date(call, date))
		return;
	const char *format = http_query(call->req, "format");
	if (format && *format && strcmp(format, "json") && strcmp(format, "csv"))
		return api_error(call, 422, "invalid", "format", "format is json or csv.", "format adalah json atau csv.");
	csv = csv || (format && !strcmp(format, "csv"));
	struct elig_world w;
	if (!load_scope(call, date, &w))
		return;
	struct bulk_result *res = xcalloc((size_t)w.nemp + 1, sizeof *res);
	uint64_t t0 = clock_mono_ns();
	evaluate_all(&w, res);
	double ms = (double)(clock_mono_ns() - t0) / 1e6;
	if (csv)
		reply_csv(call, &w, res);
	else
		reply_summary(call, &w, res, ms);
	free(res);
	elig_world_free(&w);
}

void api_eligibility_summary(struct api_call *call)
{
	bulk(call, false);
}

void api_eligibility_export(struct api_call *call)
{
	bulk(call, true);
}

/* ---- what-if ---- */

struct change_tally {
	int64_t total, to_ineligible[ELIG_KINDS_N], to_eligible[ELIG_KINDS_N], changed;
};

static void change_add(struct change_tally *t, uint8_t before, uint8_t after)
{
	t->total++;
	t->changed += before != after;
	for (int k = 0; k < ELIG_KINDS_N; k++) {
		t->to_ineligible[k] += ((before >> k) & 1) && !((after >> k) & 1);
		t->to_eligible[k] += !((before >> k) & 1) && ((after >> k) & 1);
	}
}

static json_t *change_json(const struct change_tally *t)
{
	json_t *down = json_object(), *up = json_object();
	for (int k = 0; k < ELIG_KINDS_N; k++) {
		json_object_set_new(down, elig_kind_name((enum elig_kind)k), json_integer(t->to_ineligible[k]));
		json_object_set_new(up, elig_kind_name((enum elig_kind)k), json_integer(t->to_eligible[k]));
	}
	return json_pack("{s:I, s:I, s:o, s:o}", "total", (json_int_t)t->total, "changed", (json_int_t)t->changed,
			 "to_not_eligible", down, "to_eligible", up);
}

static int find_unit_code(const struct elig_world *w, const char *code)
{
	for (int i = 0; i < w->nunits; i++)
		if (!strcmp(w->units[i].code, code))
			return i;
	return -1;
}

static const struct elig_fspec whatif_spec[] = {
	{"date", F_STR, false, 10, 10}, {"policy", F_OBJECT, false, 0, 0}, {"profile", F_OBJECT, false, 0, 0}, {0}};
static const struct elig_fspec whatif_policy_spec[] = {
	{"instansi", F_STR, false, 32, 1},
	{"flexible_work_enabled", F_BOOL, false, 0, 0},
	{"modes", F_ARRAY, false, 5, 0},
	{"max_remote_days_per_week", F_INT, false, 5, 0},
	{"max_share_away_pct", F_INT, false, 100, 0},
	{"new_employee_months", F_INT, false, 120, 0},
	{"legal_reference", F_STR, false, 300, 0},
	{"unit_overrides", F_ARRAY, false, 500, 0},
	{0}};
static const struct elig_fspec override_spec[] = {
	{"unit", F_STR, true, 32, 1},
	{"flexible_work_enabled", F_BOOL, false, 0, 0},
	{"modes", F_ARRAY, false, 5, 0},
	{"max_remote_days_per_week", F_INT, false, 5, 0},
	{"max_share_away_pct", F_INT, false, 100, 0},
	{0}};
static const struct elig_fspec whatif_profile_spec[] = {
	{"position_id", F_INT, true, 2000000000, 1},
	{"unit", F_STR, false, 32, 0},
	{"family", F_STR, false, 32, 1},
	{"criteria", F_OBJECT, false, 0, 0},
	{"time", F_OBJECT, false, 0, 0},
	{"revert", F_BOOL, false, 0, 0},
	{0}};

bool elig_api_override(struct api_call *call, json_t *in, struct elig_override *o)
{
	if (!json_is_object(in))
		return api_error(call, 422, "wrong_type", "unit_overrides", "Each unit override must be an object.",
				 "Setiap pengecualian unit harus berupa objek."), false;
	if (!elig_api_check(call, in, override_spec, "unit_overrides."))
		return false;
	json_t *v;
	memset(o, 0, sizeof *o);
	o->max_remote_days_per_week = -1;
	o->max_share_away_pct = -1;
	if ((v = json_object_get(in, "flexible_work_enabled"))) {
		o->has_enabled = true;
		o->enabled = json_is_true(v);
	}
	if ((v = json_object_get(in, "modes"))) {
		o->has_kinds = true;
		if (!elig_api_kinds(call, v, "unit_overrides.modes", &o->kinds))
			return false;
	}
	if ((v = json_object_get(in, "max_remote_days_per_week")))
		o->max_remote_days_per_week = (int)json_integer_value(v);
	if ((v = json_object_get(in, "max_share_away_pct")))
		o->max_share_away_pct = (int)json_integer_value(v);
	return true;
}

/* Replace the policy of one instansi in the world by the proposal. */
static bool apply_policy_proposal(struct api_call *call, struct elig_world *w, json_t *in)
{
	if (!elig_api_check(call, in, whatif_policy_spec, "policy."))
		return false;
	const char *code = api_str(in, "instansi", "DKI");
	struct elig_winstansi *inst = NULL;
	for (int i = 0; i < w->ninst; i++)
		if (!strcmp(w->inst[i].code, code))
			inst = &w->inst[i];
	if (!inst)
		return api_error(call, 422, "unknown_instansi", "policy.instansi", "No instansi has this code.",
				 "Tidak ada instansi dengan kode ini."), false;
	struct elig_policy cur;
	elig_policy_default(&cur, w->date, inst->flexible_work);
	struct elig_wpolicy np = {.id = -1, .instansi_id = inst->id, .version = -1, .enabled = cur.enabled,
				  .kinds = cur.kinds, .max_remote_days_per_week = cur.max_remote_days_per_week,
				  .max_share_away_pct = cur.max_share_away_pct, .new_employee_months = cur.new_employee_months};
	int64_t old_id = 0;
	if (inst->policy >= 0) {
		const struct elig_wpolicy *p = &w->pol[inst->policy];
		old_id = p->id;
		np.enabled = p->enabled;
		np.kinds = p->kinds;
		np.max_remote_days_per_week = p->max_remote_days_per_week;
		np.max_share_away_pct = p->max_share_away_pct;
		np.new_employee_months = p->new_employee_months;
	}
	snprintf(np.valid_from, sizeof np.valid_from, "%s", w->date);
	np.legal_reference = xstrdup(api_str(in, "legal_reference", "usulan (what-if)"));
	json_t *v;
	if ((v = json_object_get(in, "flexible_work_enabled")))
		np.enabled = json_is_true(v);
	if ((v = json_object_get(in, "modes")) && !elig_api_kinds(call, v, "policy.modes", &np.kinds)) {
		free(np.legal_reference);
		return false;
	}
	np.max_remote_days_per_week = (int)api_num(in, "max_remote_days_per_week", np.max_remote_days_per_week);
	np.max_share_away_pct = (int)api_num(in, "max_share_away_pct", np.max_share_away_pct);
	np.new_employee_months = (int)api_num(in, "new_employee_months", np.new_employee_months);
	w->pol = xrealloc(w->pol, (size_t)(w->npol + 1) * sizeof *w->pol);
	w->pol[w->npol] = np;
	inst->policy = w->npol++;
	json_t *ovs = json_object_get(in, "unit_overrides");
	if (!ovs) {
		for (int i = 0; i < w->nov; i++)
			if (w->ov[i].policy_id == old_id && old_id)
				w->ov[i].policy_id = -1;
		return true;
	}
	size_t i;
	json_array_foreach(ovs, i, v) {
		struct elig_override o;
		if (!elig_api_override(call, v, &o))
			return false;
		int u = find_unit_code(w, api_str(v, "unit", ""));
		if (u < 0)
			return api_error(call, 422, "unknown_unit", "unit_overrides.unit", "No unit has this code.",
					 "Tidak ada unit dengan kode ini."), false;
		w->ov = xrealloc(w->ov, (size_t)(w->nov + 1) * sizeof *w->ov);
		w->ov[w->nov++] = (struct elig_woverride){-1, w->units[u].id, xstrdup(w->units[u].path),
							  xstrdup(w->units[u].code), o};
	}
	return true;
}

bool elig_api_bits(struct api_call *call, json_t *criteria, json_t *time, unsigned *cbits, unsigned *tbits)
{
	const char *key;
	json_t *v;
	json_object_foreach(criteria, key, v) {
		unsigned bit = jobclass_criterion_parse(key);
		if (!bit || !json_is_boolean(v))
			return api_error(call, 422, "invalid", "criteria",
					 "criteria maps outside_office, no_special_equipment, ict_possible, "
					 "minimal_face_to_face and no_continuous_supervision to true or false.",
					 "criteria memetakan outside_office, no_special_equipment, ict_possible, "
					 "minimal_face_to_face dan no_continuous_supervision ke true atau false."), false;
		*cbits = json_is_true(v) ? (*cbits | bit) : (*cbits & ~bit);
	}
	json_object_foreach(time, key, v) {
		unsigned bit = !strcmp(key, "shift") ? JT_SHIFT : !strcmp(key, "dinamis") ? JT_DINAMIS : 0;
		if (!bit || !json_is_boolean(v))
			return api_error(call, 422, "invalid", "time", "time maps shift and dinamis to true or false.",
					 "time memetakan shift dan dinamis ke true atau false."), false;
		*tbits = json_is_true(v) ? (*tbits | bit) : (*tbits & ~bit);
	}
	return true;
}

static bool apply_profile_proposal(struct api_call *call, struct elig_world *w, json_t *in)
{
	if (!elig_api_check(call, in, whatif_profile_spec, "profile."))
		return false;
	int p = elig_world_position_index(w, (int64_t)json_integer_value(json_object_get(in, "position_id")));
	if (p < 0)
		return api_error(call, 422, "unknown_position", "profile.position_id", "No position has this id.",
				 "Tidak ada jabatan dengan id ini."), false;
	const char *unit = api_str(in, "unit", "");
	int u = *unit ? find_unit_code(w, unit) : -1;
	if (*unit && u < 0)
		return api_error(call, 422, "unknown_unit", "profile.unit", "No unit has this code.",
				 "Tidak ada unit dengan kode ini."), false;
	const char *family = api_str(in, "family", NULL);
	if (family && !jobclass_is_family(family))
		return api_error(call, 422, "invalid", "profile.family", "Unknown job family.",
				 "Keluarga jabatan tidak dikenal."), false;
	struct jobclass_profile base = w->pos[p].by_name;
	if (u >= 0) {
		struct jobclass_unit ju = {w->units[u].kind, w->units[u].face_to_face};
		jobclass_apply_unit(&base, w->pos[p].kind, &ju);
	}
	struct elig_correction k = {.id = -1, .position_id = w->pos[p].id, .unit_id = u >= 0 ? w->units[u].id : 0,
				    .revert = json_is_true(json_object_get(in, "revert")), .criteria = base.criteria,
				    .time = base.time};
	snprintf(k.family, sizeof k.family, "%s", family ? family : base.family);
	if (!elig_api_bits(call, json_object_get(in, "criteria"), json_object_get(in, "time"), &k.criteria, &k.time))
		return false;
	k.unit_path = xstrdup(u >= 0 ? w->units[u].path : "");
	k.unit_code = xstrdup(u >= 0 ? w->units[u].code : "");
	k.reason = xstrdup("what-if");
	k.created_by = xstrdup("what-if");
	struct elig_wposition *pos = &w->pos[p];
	for (int i = 0; i < pos->ncorr; i++)
		if (pos->corr[i].unit_id == k.unit_id) {
			free(pos->corr[i].unit_path);
			free(pos->corr[i].unit_code);
			free(pos->corr[i].reason);
			free(pos->corr[i].created_by);
			pos->corr[i] = k;
			return true;
		}
	pos->corr = xrealloc(pos->corr, (size_t)(pos->ncorr + 1) * sizeof *pos->corr);
	pos->corr[pos->ncorr++] = k;
	return true;
}

static void reply_whatif(struct api_call *call, const struct elig_world *w, const struct bulk_result *before,
			 const struct bulk_result *after, double ms)
{
	int scope = scope_of(w, call->unit);
	struct change_tally all = {0}, *per = xcalloc((size_t)w->nunits + 1, sizeof *per);
	for (int i = 0; i < w->nemp; i++) {
		change_add(&all, before[i].eligible, after[i].eligible);
		int g = group_of(w, scope, i);
		change_add(&per[g >= 0 ? g : w->nunits], before[i].eligible, after[i].eligible);
	}
	json_t *subs = json_array();
	for (int u = 0; u < w->nunits; u++) {
		if (!per[u].total)
			continue;
		json_t *o = change_json(&per[u]);
		json_object_set_new(o, "unit", unit_ref(&w->units[u]));
		json_array_append_new(subs, o);
	}
	free(per);
	json_t *out = change_json(&all);
	json_object_set_new(out, "date", json_string(w->date));
	json_object_set_new(out, "unit", scope >= 0 ? unit_ref(&w->units[scope]) : json_null());
	json_object_set_new(out, "saved", json_false());
	json_object_set_new(out, "sub_units", subs);
	json_object_set_new(out, "evaluation_ms", json_real(ms));
	api_reply(call, 200, out);
}

void api_eligibility_whatif(struct api_call *call)
{
	json_t *in = elig_api_body(call);
	if (!in)
		return;
	char date[11];
	const char *d = api_str(in, "date", NULL);
	if (!elig_api_check(call, in, whatif_spec, "") || !elig_api_date(call, date))
		return json_decref(in);
	if (d && !org_is_date(d)) {
		json_decref(in);
		return api_error(call, 422, "invalid", "date", "date must be a real date written YYYY-MM-DD.",
				 "date harus tanggal yang sah dengan format YYYY-MM-DD.");
	}
	if (d)
		snprintf(date, sizeof date, "%s", d);
	struct elig_world w;
	if (!load_scope(call, date, &w))
		return json_decref(in);
	struct bulk_result *before = xcalloc((size_t)w.nemp + 1, sizeof *before);
	struct bulk_result *after = xcalloc((size_t)w.nemp + 1, sizeof *after);
	uint64_t t0 = clock_mono_ns();
	evaluate_all(&w, before);
	json_t *pol = json_object_get(in, "policy"), *prof = json_object_get(in, "profile");
	bool ok = (!pol || apply_policy_proposal(call, &w, pol)) && (!prof || apply_profile_proposal(call, &w, prof));
	if (ok) {
		elig_world_resolve(&w);
		evaluate_all(&w, after);
		reply_whatif(call, &w, before, after, (double)(clock_mono_ns() - t0) / 1e6);
	}
	free(before);
	free(after);
	elig_world_free(&w);
	json_decref(in);
}
