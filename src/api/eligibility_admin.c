/* eligibility_admin.c (api) - the data behind eligibility decisions:
 * policy versions (admin_bkd), position profile corrections (admin_bkd),
 * exceptions (kepala_opd), Pasal 38 exclusions (admin_bkd) and the minimal
 * discipline case. Each change is one audited write transaction. */
#include "api/eligibility.h"
#include "core/err.h"
#include "core/mem.h"
#include "domain/org.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void reply_write(struct api_call *call, int rc, const char *field)
{
	if (rc == ERR_NOT_FOUND && field)
		return api_error(call, 422, "unknown_reference", field, "This refers to something that does not exist.",
				 "Data yang dirujuk tidak ada.");
	api_error_from(call, rc, field);
}

/* Run fn inside a write transaction. */
static int in_write(struct api_call *call, int (*fn)(struct api_call *, void *), void *arg)
{
	int rc = db_begin_write(call->conn);
	if (!rc)
		rc = fn(call, arg);
	if (!rc)
		rc = db_commit(call->conn);
	else
		db_rollback(call->conn);
	return rc;
}

static bool date_field(struct api_call *call, json_t *in, const char *key, const char *def, char out[11])
{
	const char *v = api_str(in, key, def);
	if (!v || !org_is_date(v)) {
		char en[120], id[120];
		snprintf(en, sizeof en, "%s must be a real date written YYYY-MM-DD.", key);
		snprintf(id, sizeof id, "%s harus tanggal yang sah dengan format YYYY-MM-DD.", key);
		return api_error(call, 422, "invalid", key, en, id), false;
	}
	snprintf(out, 11, "%s", v);
	return true;
}

/* ---- policy versions ---- */

static int add_policy(void *ctx, const struct elig_wpolicy *p, const char *note, const char *created_by,
		      const char *created_at, const struct elig_woverride *ov, int nov)
{
	json_t *ovs = json_array();
	for (int i = 0; i < nov; i++) {
		const struct elig_override *o = &ov[i].ov;
		json_array_append_new(ovs, json_pack("{s:s, s:o, s:o, s:o, s:o}", "unit", ov[i].unit_code,
						     "flexible_work_enabled", o->has_enabled ? json_boolean(o->enabled) : json_null(),
						     "modes", o->has_kinds ? elig_api_kinds_json(o->kinds) : json_null(),
						     "max_remote_days_per_week", o->max_remote_days_per_week >= 0
							     ? json_integer(o->max_remote_days_per_week) : json_null(),
						     "max_share_away_pct", o->max_share_away_pct >= 0
							     ? json_integer(o->max_share_away_pct) : json_null()));
	}
	json_array_append_new(ctx, json_pack("{s:i, s:s, s:b, s:o, s:i, s:i, s:i, s:s, s:s, s:s, s:s, s:o}", "version",
					     p->version, "valid_from", p->valid_from, "flexible_work_enabled", p->enabled,
					     "modes", elig_api_kinds_json(p->kinds), "max_remote_days_per_week",
					     p->max_remote_days_per_week, "max_share_away_pct", p->max_share_away_pct,
					     "new_employee_months", p->new_employee_months, "legal_reference",
					     p->legal_reference, "note", note, "created_by", created_by, "created_at",
					     created_at, "unit_overrides", ovs));
	return 0;
}

void api_eligibility_policies(struct api_call *call)
{
	const char *code = http_query(call->req, "instansi");
	code = code && *code ? code : "DKI";
	json_t *items = json_array();
	int64_t id;
	bool enabled = true;
	int rc = db_begin_read(call->conn);
	if (!rc && (rc = elig_instansi_get(call->conn, code, &id, &enabled)) == ERR_NOT_FOUND) {
		db_rollback(call->conn);
		json_decref(items);
		return api_error(call, 404, "unknown_instansi", "instansi", "No instansi has this code.",
				 "Tidak ada instansi dengan kode ini.");
	}
	if (!rc)
		rc = elig_policy_each(call->conn, code, add_policy, items);
	db_rollback(call->conn);
	if (rc) {
		json_decref(items);
		return api_error_from(call, rc, NULL);
	}
	struct elig_policy def;
	elig_policy_default(&def, ELIG_REGULATION_IN_FORCE, enabled);
	json_t *builtin = json_pack("{s:i, s:s, s:b, s:o, s:i, s:i, s:i, s:s}", "version", 0, "valid_from",
				    def.valid_from, "flexible_work_enabled", def.enabled, "modes",
				    elig_api_kinds_json(def.kinds), "max_remote_days_per_week", def.max_remote_days_per_week,
				    "max_share_away_pct", def.max_share_away_pct, "new_employee_months",
				    def.new_employee_months, "legal_reference", def.legal_reference);
	api_reply(call, 200, json_pack("{s:s, s:o, s:o}", "instansi", code, "items", items, "builtin_default", builtin));
}

static const struct elig_fspec policy_spec[] = {
	{"instansi", F_STR, false, 32, 1},
	{"valid_from", F_STR, true, 10, 10},
	{"flexible_work_enabled", F_BOOL, false, 0, 0},
	{"modes", F_ARRAY, false, 5, 0},
	{"max_remote_days_per_week", F_INT, false, 5, 0},
	{"max_share_away_pct", F_INT, false, 100, 0},
	{"new_employee_months", F_INT, false, 120, 0},
	{"legal_reference", F_STR, false, 300, 3},
	{"note", F_STR, false, 1000, 0},
	{"unit_overrides", F_ARRAY, false, 500, 0},
	{0}};

struct policy_job {
	struct elig_policy_input p;
	struct elig_override_input *ov;
	int nov;
	char **inherited;    /* unit codes copied from the version in force (owned), or NULL */
	int version;
	const char *field;
};

/* Keep the unit overrides of the version in force on valid_from for a new
 * version that does not name its own (as every other omitted field is kept). */
static void inherit_overrides(struct policy_job *j, const struct elig_world *w, const struct elig_wpolicy *p)
{
	j->ov = xcalloc((size_t)w->nov + 1, sizeof *j->ov);
	j->inherited = xcalloc((size_t)w->nov + 1, sizeof *j->inherited);
	for (int i = 0; i < w->nov; i++) {
		if (w->ov[i].policy_id != p->id)
			continue;
		j->inherited[j->nov] = xstrdup(w->ov[i].unit_code);
		j->ov[j->nov] = (struct elig_override_input){j->inherited[j->nov], w->ov[i].ov};
		j->nov++;
	}
}

static void policy_job_free(struct policy_job *j)
{
	for (int i = 0; j->inherited && i < j->nov; i++)
		free(j->inherited[i]);
	free(j->inherited);
	free(j->ov);
}

static int create_policy(struct api_call *call, void *arg)
{
	struct policy_job *j = arg;
	return elig_policy_create(call->conn, &j->p, j->ov, j->nov, call->actor->username, &j->version, &j->field);
}

/* Values left out are taken from the version in force on valid_from, its
 * unit overrides included when keep_overrides. */
static int policy_base(struct api_call *call, struct policy_job *j, bool keep_overrides)
{
	struct elig_world w;
	struct elig_filter none = {.employee_id = -1};
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = elig_world_load(call->conn, j->p.valid_from, &none, &w);
	db_rollback(call->conn);
	struct elig_policy def;
	elig_policy_default(&def, j->p.valid_from, true);
	j->p.enabled = def.enabled;
	j->p.kinds = def.kinds;
	j->p.max_remote_days_per_week = def.max_remote_days_per_week;
	j->p.max_share_away_pct = def.max_share_away_pct;
	j->p.new_employee_months = def.new_employee_months;
	for (int i = 0; !rc && i < w.ninst; i++) {
		if (strcmp(w.inst[i].code, j->p.instansi))
			continue;
		j->p.enabled = w.inst[i].flexible_work;
		if (w.inst[i].policy < 0)
			continue;
		const struct elig_wpolicy *p = &w.pol[w.inst[i].policy];
		j->p.enabled = p->enabled;
		j->p.kinds = p->kinds;
		j->p.max_remote_days_per_week = p->max_remote_days_per_week;
		j->p.max_share_away_pct = p->max_share_away_pct;
		j->p.new_employee_months = p->new_employee_months;
		if (keep_overrides)
			inherit_overrides(j, &w, p);
	}
	elig_world_free(&w);
	return rc;
}

static bool policy_overrides_in(struct api_call *call, json_t *arr, struct policy_job *j)
{
	size_t i;
	json_t *v;
	j->ov = xcalloc(json_array_size(arr) + 1, sizeof *j->ov);
	json_array_foreach(arr, i, v) {
		if (!elig_api_override(call, v, &j->ov[i].ov))
			return false;
		j->ov[i].unit_code = api_str(v, "unit", "");
		for (size_t k = 0; k < i; k++)
			if (!strcmp(j->ov[k].unit_code, j->ov[i].unit_code))
				return api_error(call, 422, "duplicate", "unit_overrides.unit",
						 "A unit appears twice in unit_overrides.",
						 "Satu unit muncul dua kali di unit_overrides."), false;
		j->nov++;
	}
	return true;
}

static bool policy_fields(struct api_call *call, json_t *in, struct policy_job *j)
{
	char today[11];
	elig_api_today(today, 0);
	if (strcmp(j->p.valid_from, today) < 0)
		return api_error(call, 422, "past_date", "valid_from",
				 "A policy version cannot start in the past: past decisions must stay reproducible.",
				 "Versi kebijakan tidak boleh berlaku surut: keputusan masa lalu harus tetap dapat diulang."),
		       false;
	json_t *ovs = json_object_get(in, "unit_overrides");
	int rc = policy_base(call, j, ovs == NULL);
	if (rc)
		return api_error_from(call, rc, NULL), false;
	json_t *v;
	if ((v = json_object_get(in, "flexible_work_enabled")))
		j->p.enabled = json_is_true(v);
	if ((v = json_object_get(in, "modes")) && !elig_api_kinds(call, v, "modes", &j->p.kinds))
		return false;
	j->p.max_remote_days_per_week = (int)api_num(in, "max_remote_days_per_week", j->p.max_remote_days_per_week);
	j->p.max_share_away_pct = (int)api_num(in, "max_share_away_pct", j->p.max_share_away_pct);
	j->p.new_employee_months = (int)api_num(in, "new_employee_months", j->p.new_employee_months);
	j->p.legal_reference = api_str(in, "legal_reference", ELIG_REGULATION);
	j->p.note = api_str(in, "note", "");
	if (ovs)
		return policy_overrides_in(call, ovs, j);
	return true;
}

void api_eligibility_policy_create(struct api_call *call)
{
	json_t *in = elig_api_body(call);
	if (!in)
		return;
	struct policy_job j = {0};
	char from[11];
	if (elig_api_check(call, in, policy_spec, "") && date_field(call, in, "valid_from", NULL, from)) {
		j.p.instansi = api_str(in, "instansi", "DKI");
		j.p.valid_from = from;
		if (policy_fields(call, in, &j)) {
			int rc = in_write(call, create_policy, &j);
			if (rc)
				reply_write(call, rc, j.field);
			else
				api_reply(call, 201, json_pack("{s:s, s:i, s:s}", "instansi", j.p.instansi, "version",
							       j.version, "valid_from", from));
		}
	}
	policy_job_free(&j);
	json_decref(in);
}

/* ---- positions and profile corrections ---- */

struct positions_ctx {
	json_t *items;
	bool only_unclassified;
	const char *q;
	int64_t positions, classified, employees, employees_classified;
	const struct elig_correction *corr;   /* in force today, by position id then scope */
	int ncorr;
};

static bool contains_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++)
		if (!strncasecmp(hay, needle, n))
			return true;
	return !n;
}

/* The corrections of one position: [*first, *first + n). */
static int corrections_of(const struct positions_ctx *c, int64_t id, int *first)
{
	int lo = 0, hi = c->ncorr;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (c->corr[mid].position_id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	int n = 0;
	while (lo + n < c->ncorr && c->corr[lo + n].position_id == id)
		n++;
	*first = lo;
	return n;
}

/* The profile in force everywhere: the table's, or the correction for every
 * unit when one is in force (a revert goes back to the table). Corrections
 * for single units are listed beside it. */
static json_t *position_json(const struct positions_ctx *c, int64_t id, const char *name, const char *kind,
			     bool *unclassified)
{
	struct jobclass_profile p;
	jobclass_classify_name(name, kind, &p);
	int first, n = corrections_of(c, id, &first);
	const struct elig_correction *everywhere = NULL;
	json_t *units = json_array();
	for (int i = first; i < first + n; i++) {
		const struct elig_correction *k = &c->corr[i];
		if (!k->unit_id) {
			everywhere = k->revert ? NULL : k;
			continue;
		}
		struct jobclass_profile up = {.family = k->family, .criteria = k->criteria, .time = k->time};
		json_t *o = elig_api_profile_json(&up, k);
		if (k->revert)
			json_object_set_new(o, "revert", json_true());
		json_object_set_new(o, "unit", json_string(k->unit_code));
		json_array_append_new(units, o);
	}
	if (everywhere)
		p = (struct jobclass_profile){.family = everywhere->family, .criteria = everywhere->criteria,
					      .time = everywhere->time};
	*unclassified = p.unclassified;
	json_t *o = elig_api_profile_json(&p, everywhere);
	json_object_set_new(o, "unit_corrections", units);
	return o;
}

static int add_position(void *arg, int64_t id, const char *name, const char *kind, int64_t employees)
{
	struct positions_ctx *c = arg;
	bool unclassified;
	json_t *o = position_json(c, id, name, kind, &unclassified);
	c->positions++;
	c->classified += !unclassified;
	c->employees += employees;
	c->employees_classified += unclassified ? 0 : employees;
	if ((c->only_unclassified && !unclassified) || (c->q && !contains_ci(name, c->q)) ||
	    json_array_size(c->items) >= 5000) {
		json_decref(o);
		return 0;
	}
	json_object_set_new(o, "id", json_integer(id));
	json_object_set_new(o, "name", json_string(name));
	json_object_set_new(o, "kind", json_string(kind));
	json_object_set_new(o, "employees", json_integer(employees));
	json_array_append_new(c->items, o);
	return 0;
}

void api_eligibility_positions(struct api_call *call)
{
	const char *u = http_query(call->req, "unclassified"), *q = http_query(call->req, "q");
	if (q && strlen(q) > 100)
		return api_error(call, 422, "invalid", "q", "The search text is too long (100 characters at most).",
				 "Teks pencarian terlalu panjang (paling banyak 100 karakter).");
	char today[11];
	elig_api_today(today, 0);
	struct positions_ctx c = {.items = json_array(), .only_unclassified = u && !strcmp(u, "true"), .q = q};
	struct elig_correction *corr = NULL;
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = elig_corrections_in_force(call->conn, today, &corr, &c.ncorr);
	c.corr = corr;
	if (!rc)
		rc = elig_positions_each(call->conn, add_position, &c);
	db_rollback(call->conn);
	elig_corrections_free(corr, c.ncorr);
	if (rc) {
		json_decref(c.items);
		return api_error_from(call, rc, NULL);
	}
	api_reply(call, 200, json_pack("{s:o, s:s, s:I, s:I, s:I, s:I, s:i}", "items", c.items, "date", today,
				       "positions", (json_int_t)c.positions, "classified", (json_int_t)c.classified,
				       "employees", (json_int_t)c.employees, "employees_classified",
				       (json_int_t)c.employees_classified, "table_size", jobclass_table_size()));
}

static const struct elig_fspec profile_spec[] = {
	{"reason", F_STR, true, 2000, 5},
	{"unit", F_STR, false, 32, 0},
	{"family", F_STR, false, 32, 1},
	{"criteria", F_OBJECT, false, 0, 0},
	{"time", F_OBJECT, false, 0, 0},
	{"revert", F_BOOL, false, 0, 0},
	{"valid_from", F_STR, false, 10, 10},
	{0}};

struct profile_job {
	struct elig_profile_input p;
	const char *field;
};

static int correct_profile(struct api_call *call, void *arg)
{
	struct profile_job *j = arg;
	return elig_profile_correct(call->conn, &j->p, call->actor->username, &j->field);
}

/* The profile the fields left out are taken from: the table's, in the
 * unit's context when a unit is named. */
static int profile_base(struct api_call *call, int64_t id, const char *unit, struct jobclass_profile *base,
			bool *unit_missing)
{
	char name[ORG_NAME_MAX + 1], kind[24];
	struct unit_row *u = xcalloc(1, sizeof *u);
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = elig_position_get(call->conn, id, name, sizeof name, kind, sizeof kind);
	if (!rc && *unit && unit_get(call->conn, unit, u)) {
		*unit_missing = true;
		rc = ERR_NOT_FOUND;
	}
	db_rollback(call->conn);
	if (!rc) {
		struct jobclass_unit ju = {u->kind, u->face_to_face};
		jobclass_classify(name, kind, *unit ? &ju : NULL, base);
	}
	free(u);
	return rc;
}

void api_eligibility_profile_put(struct api_call *call)
{
	char *end;
	long long id = strtoll(call->req->params[0], &end, 10);
	if (*end || id <= 0)
		return api_error(call, 404, "not_found", "id", "No position has this id.", "Tidak ada jabatan dengan id ini.");
	json_t *in = elig_api_body(call);
	if (!in)
		return;
	char today[11], from[11];
	elig_api_today(today, 0);
	struct profile_job j = {.p = {.position_id = id, .unit_code = api_str(in, "unit", "")}};
	struct jobclass_profile base;
	bool unit_missing = false;
	int rc;
	if (!elig_api_check(call, in, profile_spec, "") || !date_field(call, in, "valid_from", today, from))
		goto out;
	if (strcmp(from, today) < 0) {
		api_error(call, 422, "past_date", "valid_from", "A correction cannot start in the past.",
			  "Koreksi tidak boleh berlaku surut.");
		goto out;
	}
	if ((rc = profile_base(call, id, j.p.unit_code, &base, &unit_missing))) {
		if (unit_missing)
			api_error(call, 422, "unknown_unit", "unit", "No unit has this code.", "Tidak ada unit dengan kode ini.");
		else
			api_error_from(call, rc, "id");
		goto out;
	}
	j.p.family = api_str(in, "family", base.unclassified ? "lainnya" : base.family);
	if (!jobclass_is_family(j.p.family)) {
		api_error(call, 422, "invalid", "family", "Unknown job family.", "Keluarga jabatan tidak dikenal.");
		goto out;
	}
	j.p.criteria = base.criteria;
	j.p.time = base.time;
	j.p.revert = json_is_true(json_object_get(in, "revert"));
	j.p.valid_from = from;
	j.p.reason = api_str(in, "reason", "");
	if (!elig_api_bits(call, json_object_get(in, "criteria"), json_object_get(in, "time"), &j.p.criteria, &j.p.time))
		goto out;
	if ((rc = in_write(call, correct_profile, &j))) {
		reply_write(call, rc, j.field);
		goto out;
	}
	struct jobclass_profile saved = {.family = j.p.family, .criteria = j.p.criteria, .time = j.p.time};
	json_t *o = elig_api_profile_json(j.p.revert ? &base : &saved, NULL);
	json_object_set_new(o, "source", json_string(j.p.revert ? "table" : "correction"));
	json_object_set_new(o, "position_id", json_integer(id));
	json_object_set_new(o, "unit", *j.p.unit_code ? json_string(j.p.unit_code) : json_null());
	json_object_set_new(o, "valid_from", json_string(from));
	json_object_set_new(o, "reason", json_string(j.p.reason));
	api_reply(call, 200, o);
out:
	json_decref(in);
}

/* ---- exceptions (kepala_opd) ---- */

static int add_exception(void *ctx, const struct elig_wexception *x, const char *nip, const char *name,
			 const char *revoked_at, const char *revoked_by)
{
	json_array_append_new(ctx, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o}", "id",
					     (json_int_t)x->id, "nip", nip, "name", name, "decision",
					     x->decision == ELIG_EXC_GRANT ? "grant" : "refuse", "justification",
					     x->justification, "valid_from", x->valid_from, "valid_until", x->valid_until,
					     "decided_by", x->decided_by, "decided_at", x->decided_at, "revoked_at",
					     *revoked_at ? json_string(revoked_at) : json_null(), "revoked_by",
					     *revoked_by ? json_string(revoked_by) : json_null()));
	return 0;
}

static void list_exceptions(struct api_call *call, int64_t employee_id, const char *path)
{
	json_t *items = json_array();
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = elig_exceptions_each(call->conn, employee_id, path, add_exception, items);
	db_rollback(call->conn);
	if (rc) {
		json_decref(items);
		return api_error_from(call, rc, NULL);
	}
	api_reply(call, 200, json_pack("{s:o}", "items", items));
}

void api_eligibility_exceptions(struct api_call *call)
{
	list_exceptions(call, call->employee->id, "");
}

void api_eligibility_exceptions_unit(struct api_call *call)
{
	list_exceptions(call, 0, call->unit ? call->unit->path : "");
}

static const struct elig_fspec exception_spec[] = {
	{"decision", F_STR, true, 6, 5},
	{"justification", F_STR, true, 2000, 10},
	{"valid_from", F_STR, false, 10, 10},
	{"valid_until", F_STR, true, 10, 10},
	{0}};

struct exception_job {
	struct elig_exception_input x;
	int64_t id;
};

static int create_exception(struct api_call *call, void *arg)
{
	struct exception_job *j = arg;
	return elig_exception_create(call->conn, &j->x, call->actor->username, &j->id);
}

void api_eligibility_exception_create(struct api_call *call)
{
	json_t *in = elig_api_body(call);
	if (!in)
		return;
	char today[11], from[11], until[11];
	elig_api_today(today, 0);
	if (!elig_api_check(call, in, exception_spec, "") || !date_field(call, in, "valid_from", today, from) ||
	    !date_field(call, in, "valid_until", NULL, until))
		return json_decref(in);
	const char *decision = api_str(in, "decision", "");
	if (strcmp(decision, "grant") && strcmp(decision, "refuse")) {
		json_decref(in);
		return api_error(call, 422, "invalid", "decision", "decision is grant or refuse.",
				 "decision adalah grant (beri) atau refuse (tolak).");
	}
	if (strcmp(until, from) < 0 || strcmp(until, today) < 0) {
		json_decref(in);
		return api_error(call, 422, "invalid", "valid_until",
				 "valid_until must not be before valid_from or today.",
				 "valid_until tidak boleh sebelum valid_from atau hari ini.");
	}
	struct exception_job j = {.x = {call->employee->id, call->employee->nip, !strcmp(decision, "grant"),
					api_str(in, "justification", ""), from, until}};
	int rc = in_write(call, create_exception, &j);
	if (rc)
		api_error_from(call, rc, NULL);
	else
		api_reply(call, 201, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)j.id, "nip",
					       call->employee->nip, "decision", decision, "justification",
					       j.x.justification, "valid_from", from, "valid_until", until, "decided_by",
					       call->actor->username));
	json_decref(in);
}

struct revoke_job {
	int64_t id, employee_id;
};

static int revoke_exception(struct api_call *call, void *arg)
{
	struct revoke_job *j = arg;
	return elig_exception_revoke(call->conn, j->id, j->employee_id, call->actor->username);
}

void api_eligibility_exception_revoke(struct api_call *call)
{
	char *end;
	long long id = strtoll(call->req->params[1], &end, 10);
	if (*end || id <= 0)
		return api_error(call, 404, "not_found", "id", "No such exception.", "Pengecualian tidak ditemukan.");
	struct revoke_job j = {id, call->employee->id};
	int rc = in_write(call, revoke_exception, &j);
	if (rc == ERR_CONFLICT)
		return api_error(call, 409, "already_revoked", "id", "This exception was already revoked.",
				 "Pengecualian ini sudah dicabut.");
	if (rc)
		return api_error_from(call, rc, "id");
	api_reply(call, 200, json_pack("{s:I, s:b}", "id", (json_int_t)id, "revoked", 1));
}

/* ---- exclusions (Pasal 38) ---- */

static const struct elig_fspec exclusion_spec[] = {
	{"group", F_STR, true, 32, 1}, {"valid_from", F_STR, false, 10, 10}, {"reason", F_STR, true, 2000, 5}, {0}};

struct exclusion_job {
	const char *group, *from, *reason;
};

static int set_exclusion(struct api_call *call, void *arg)
{
	struct exclusion_job *j = arg;
	char yesterday[11];
	elig_api_today(yesterday, -1);
	int rc = elig_exclusion_end(call->conn, call->employee->id, call->employee->nip, yesterday, call->actor->username);
	if (!rc)
		rc = elig_exclusion_set(call->conn, call->employee->id, call->employee->nip, j->group, j->from, j->reason,
					call->actor->username);
	return rc;
}

void api_eligibility_exclusion_put(struct api_call *call)
{
	json_t *in = elig_api_body(call);
	if (!in)
		return;
	char today[11], from[11];
	elig_api_today(today, 0);
	if (!elig_api_check(call, in, exclusion_spec, "") || !date_field(call, in, "valid_from", today, from))
		return json_decref(in);
	struct exclusion_job j = {api_str(in, "group", ""), from, api_str(in, "reason", "")};
	bool known = false;
	for (int g = 0; elig_excluded_groups[g]; g++)
		known |= !strcmp(elig_excluded_groups[g], j.group);
	if (!known) {
		json_decref(in);
		return api_error(call, 422, "invalid", "group", "group is tni, polri or perwakilan_luar_negeri.",
				 "group adalah tni, polri atau perwakilan_luar_negeri.");
	}
	int rc = in_write(call, set_exclusion, &j);
	if (rc)
		api_error_from(call, rc, NULL);
	else
		api_reply(call, 200, json_pack("{s:s, s:s, s:s, s:s}", "nip", call->employee->nip, "group", j.group,
					       "valid_from", from, "reason", j.reason));
	json_decref(in);
}

static int end_exclusion(struct api_call *call, void *arg)
{
	(void)arg;
	char yesterday[11];
	elig_api_today(yesterday, -1);
	return elig_exclusion_end(call->conn, call->employee->id, call->employee->nip, yesterday, call->actor->username);
}

void api_eligibility_exclusion_delete(struct api_call *call)
{
	int rc = in_write(call, end_exclusion, NULL);
	if (rc)
		return api_error_from(call, rc, NULL);
	api_reply(call, 200, json_pack("{s:s, s:b}", "nip", call->employee->nip, "excluded", 0));
}

/* ---- discipline cases (minimal; the discipline issue extends them) ---- */

static const struct elig_fspec case_spec[] = {
	{"status", F_STR, false, 6, 4},          {"opened_on", F_STR, false, 10, 10},
	{"closed_on", F_STR, false, 10, 10},     {"sanction_code", F_STR, false, 40, 1},
	{"sanction_from", F_STR, false, 10, 10}, {"sanction_until", F_STR, false, 10, 10},
	{"note", F_STR, false, 2000, 0},         {0}};

/* Validate the case fields present; replies and returns false when bad. */
static bool case_fields(struct api_call *call, json_t *in, struct discipline_case_input *c)
{
	static const char *const dates[] = {"opened_on", "closed_on", "sanction_from", "sanction_until"};
	char scratch[11];
	for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++)
		if (api_has(in, dates[i]) && !date_field(call, in, dates[i], NULL, scratch))
			return false;
	c->status = api_str(in, "status", c->status);
	if (c->status && strcmp(c->status, "open") && strcmp(c->status, "closed"))
		return api_error(call, 422, "invalid", "status", "status is open or closed.",
				 "status adalah open atau closed."), false;
	c->opened_on = api_str(in, "opened_on", c->opened_on);
	c->closed_on = api_str(in, "closed_on", c->closed_on);
	c->sanction_code = api_str(in, "sanction_code", c->sanction_code);
	c->sanction_from = api_str(in, "sanction_from", c->sanction_from);
	c->sanction_until = api_str(in, "sanction_until", c->sanction_until);
	c->note = api_str(in, "note", c->note);
	return true;
}

struct case_job {
	struct discipline_case_input c;
	int64_t id;
};

static int open_case(struct api_call *call, void *arg)
{
	struct case_job *j = arg;
	return discipline_case_open(call->conn, call->employee->id, call->employee->nip, &j->c, call->actor->username,
				    &j->id);
}

void api_discipline_case_open(struct api_call *call)
{
	json_t *in = elig_api_body(call);
	if (!in)
		return;
	char today[11];
	elig_api_today(today, 0);
	struct case_job j = {.c = {.status = "open", .opened_on = today, .note = ""}};
	if (elig_api_check(call, in, case_spec, "") && case_fields(call, in, &j.c)) {
		if (!strcmp(j.c.status, "closed") && !j.c.closed_on)
			j.c.closed_on = today;
		int rc = in_write(call, open_case, &j);
		if (rc)
			api_error_from(call, rc, NULL);
		else
			api_reply(call, 201, json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)j.id, "nip",
						       call->employee->nip, "status", j.c.status, "opened_on", j.c.opened_on));
	}
	json_decref(in);
}

static int update_case(struct api_call *call, void *arg)
{
	struct case_job *j = arg;
	return discipline_case_update(call->conn, j->id, &j->c, call->actor->username);
}

void api_discipline_case_patch(struct api_call *call)
{
	char *end;
	long long id = strtoll(call->req->params[0], &end, 10);
	if (*end || id <= 0)
		return api_error(call, 404, "not_found", "id", "No such case.", "Kasus tidak ditemukan.");
	json_t *in = elig_api_body(call);
	if (!in)
		return;
	char today[11];
	elig_api_today(today, 0);
	struct case_job j = {.id = id};
	if (elig_api_check(call, in, case_spec, "") && case_fields(call, in, &j.c)) {
		if (j.c.status && !strcmp(j.c.status, "closed") && !j.c.closed_on)
			j.c.closed_on = today;
		int rc = in_write(call, update_case, &j);
		if (rc)
			api_error_from(call, rc, "id");
		else
			api_reply(call, 200, json_pack("{s:I, s:b}", "id", (json_int_t)id, "updated", 1));
	}
	json_decref(in);
}
