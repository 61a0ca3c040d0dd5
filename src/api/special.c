/* special.c (api) - requests for special circumstances (Permen PANRB 4/2025
 * Pasal 30): filing, evidence files, the head's decisions and the listing.
 *
 * The router has already checked who may call (roles.c: ACCESS_SPECIAL_*);
 * the rules of the request's life (domain/special.h) are applied by the
 * store under a row lock, and a refusal comes back as a special_problem that
 * is translated here into a 4xx reply. */
#include "api/eligibility.h"
#include "core/err.h"
#include "core/mem.h"
#include "domain/org.h"
#include "store/special.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define SPECIAL_REASON_MAX 4000
#define SPECIAL_OUTPUT_MAX 500
#define SPECIAL_NOTE_MAX 2000
#define SPECIAL_FILENAME_MAX 200

/* ---- replies ---- */

static void reply_problem(struct api_call *call, enum special_problem p)
{
	switch (p) {
	case SPECIAL_OK:
	case SPECIAL_BAD_STATE:
		return api_error(call, 409, "invalid_state", "status",
				 "The request's status does not allow this (it may have been decided already).",
				 "Status permohonan tidak memungkinkan tindakan ini (mungkin sudah diputuskan).");
	case SPECIAL_NO_EVIDENCE:
		return api_error(call, 422, "evidence_required", "evidence",
				 "Attach at least one evidence file before submitting.",
				 "Lampirkan paling sedikit satu berkas bukti sebelum mengajukan.");
	case SPECIAL_NO_PLAN:
		return api_error(call, 422, "work_plan_required", "work_plan",
				 "The work plan needs at least one output for the period.",
				 "Rencana kerja memerlukan paling sedikit satu keluaran untuk periode ini.");
	case SPECIAL_OWN_REQUEST:
		return api_error(call, 403, "own_request", NULL, "Nobody decides their own request.",
				 "Tidak seorang pun boleh memutus permohonannya sendiri.");
	case SPECIAL_NOT_OWNER:
		return api_error_from(call, ERR_FORBIDDEN, NULL);
	case SPECIAL_NOTE_NEEDED:
		return api_error(call, 422, "missing_field", "note",
				 "Refusing or asking for changes needs a note of at least 5 characters.",
				 "Menolak atau meminta perbaikan memerlukan catatan minimal 5 karakter.");
	case SPECIAL_TOO_MANY_FILES:
		return api_error(call, 422, "too_many", "evidence", "A request holds at most 5 evidence files.",
				 "Satu permohonan paling banyak memuat 5 berkas bukti.");
	}
	api_error_from(call, ERR_INVALID, NULL);
}

static void reply_rc(struct api_call *call, int rc, enum special_problem p)
{
	if (rc == ERR_CONFLICT && p != SPECIAL_OK)
		return reply_problem(call, p);
	api_error_from(call, rc, rc == ERR_NOT_FOUND ? "id" : NULL);
}

static json_t *request_actions(struct api_call *call, const struct special_request *r)
{
	struct access_target t = {.is_self = call->target_is_self,
				  .unit_path = call->employee ? call->employee->unit_path : NULL};
	struct special_facts f = {r->status, r->nevidence, r->noutputs, call->target_is_self, true};
	json_t *a = json_array();
	for (int k = 0; k < SPECIAL_ACTION_N; k++) {
		enum special_status to;
		enum access need = k <= SPECIAL_SUBMIT ? ACCESS_SPECIAL_FILE : ACCESS_SPECIAL_DECIDE;
		if (roles_allows(call->actor, need, &t) && special_next((enum special_action)k, &f, &to) == SPECIAL_OK)
			json_array_append_new(a, json_string(special_action_name((enum special_action)k)));
	}
	return a;
}

static json_t *request_json(struct api_call *call, const struct special_request *r)
{
	json_t *plan = json_array(), *ev = json_array(), *hist = json_array();
	for (int i = 0; i < r->noutputs; i++)
		json_array_append_new(plan, json_pack("{s:s, s:o}", "output", r->outputs[i].output, "due",
						      r->outputs[i].due[0] ? json_string(r->outputs[i].due) : json_null()));
	for (int i = 0; i < r->nevidence; i++) {
		const struct special_evidence *e = &r->evidence[i];
		char url[96];
		snprintf(url, sizeof url, "/api/v1/special-requests/%lld/evidence/%d", (long long)r->id, e->n);
		json_array_append_new(ev, json_pack("{s:i, s:s, s:I, s:s, s:s, s:s, s:s, s:s}", "n", e->n, "media_type",
						    e->media_type, "size", (json_int_t)e->size, "sha256", e->sha256,
						    "filename", e->filename, "uploaded_by", e->uploaded_by, "uploaded_at",
						    e->uploaded_at, "url", url));
	}
	for (int i = 0; i < r->nevents; i++) {
		const struct special_event *e = &r->events[i];
		json_array_append_new(hist, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "action", e->action, "from", e->from,
						      "to", e->to, "note", e->note, "by", e->actor, "at", e->at));
	}
	json_t *decision = r->decided_by[0] ? json_pack("{s:s, s:s, s:s}", "note", r->decision_note, "by", r->decided_by,
							"at", r->decided_at)
					    : json_null();
	return json_pack("{s:I, s:s, s:s, s:{s:s, s:s}, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:i, s:o, s:s, s:s, s:s,"
			 " s:s, s:o}",
			 "id", (json_int_t)r->id, "nip", r->nip, "name", r->name, "unit", "code", r->unit_code, "name",
			 r->unit_name, "status", special_status_name(r->status), "reason", r->reason, "period_from",
			 r->period_from, "period_to", r->period_to, "work_plan", plan, "evidence", ev, "history", hist,
			 "revision", r->revision, "decision", decision, "basis", SPECIAL_BASIS, "created_by", r->created_by,
			 "created_at", r->created_at, "updated_at", r->updated_at, "actions", request_actions(call, r));
}

/* Load the call's request and reply with it. */
static void reply_request(struct api_call *call, int status)
{
	struct special_request r;
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = special_load(call->conn, call->special_id, &r);
	db_rollback(call->conn);
	if (rc) {
		special_request_free(&r);
		return api_error_from(call, rc, "id");
	}
	json_t *o = request_json(call, &r);
	special_request_free(&r);
	api_reply(call, status, o);
}

/* ---- the request's fields ---- */

static const struct elig_fspec request_spec[] = {
	{"reason", F_STR, true, SPECIAL_REASON_MAX, 10},
	{"period_from", F_STR, true, 10, 10},
	{"period_to", F_STR, true, 10, 10},
	{"work_plan", F_ARRAY, false, SPECIAL_OUTPUTS_MAX, 0},
	{0}};
static const struct elig_fspec output_spec[] = {
	{"output", F_STR, true, SPECIAL_OUTPUT_MAX, 3}, {"due", F_STR, false, 10, 10}, {0}};

static bool date_ok(struct api_call *call, const char *v, const char *field)
{
	if (org_is_date(v))
		return true;
	char en[120], id[120];
	snprintf(en, sizeof en, "%s must be a real date written YYYY-MM-DD.", field);
	snprintf(id, sizeof id, "%s harus tanggal yang sah dengan format YYYY-MM-DD.", field);
	return api_error(call, 422, "invalid", field, en, id), false;
}

/* The work plan: each output with an optional due date inside the period.
 * *out (caller frees) points into the JSON. */
static bool plan_in(struct api_call *call, json_t *arr, const struct special_input *in, struct special_output_in **out)
{
	size_t i;
	json_t *v;
	*out = xcalloc(json_array_size(arr) + 1, sizeof **out);
	json_array_foreach(arr, i, v) {
		if (!json_is_object(v))
			return api_error(call, 422, "wrong_type", "work_plan", "Each work plan item must be an object.",
					 "Setiap butir rencana kerja harus berupa objek."), false;
		if (!elig_api_check(call, v, output_spec, "work_plan."))
			return false;
		const char *due = api_str(v, "due", NULL);
		if (due && !date_ok(call, due, "work_plan.due"))
			return false;
		if (due && (strcmp(due, in->period_from) < 0 || strcmp(due, in->period_to) > 0))
			return api_error(call, 422, "invalid", "work_plan.due", "Each due date must lie inside the period.",
					 "Setiap tenggat harus berada di dalam periode."), false;
		(*out)[i] = (struct special_output_in){api_str(v, "output", ""), due};
	}
	return true;
}

/* Check a whole request object (create, or the merged revision) into *in. */
static bool request_in(struct api_call *call, json_t *o, struct special_input *in, struct special_output_in **plan)
{
	*plan = NULL;
	if (!elig_api_check(call, o, request_spec, ""))
		return false;
	in->reason = api_str(o, "reason", "");
	in->period_from = api_str(o, "period_from", "");
	in->period_to = api_str(o, "period_to", "");
	if (!date_ok(call, in->period_from, "period_from") || !date_ok(call, in->period_to, "period_to"))
		return false;
	char today[11];
	elig_api_today(today, 0);
	struct special_period_problem pp;
	if (!special_period_ok(in->period_from, in->period_to, today, &pp))
		return api_error(call, 422, "invalid", pp.field, pp.message_en, pp.message_id), false;
	json_t *arr = json_object_get(o, "work_plan");
	in->noutputs = arr ? (int)json_array_size(arr) : 0;
	if (arr && !plan_in(call, arr, in, plan))
		return false;
	in->outputs = *plan;
	return true;
}

static struct special_actor actor_of(struct api_call *call)
{
	return (struct special_actor){call->actor->username, call->actor->employee_id};
}

/* ---- filing ---- */

struct create_job {
	struct special_input in;
	int64_t id;
};

void api_special_create(struct api_call *call)
{
	json_t *o = elig_api_body(call);
	if (!o)
		return;
	struct create_job j = {0};
	struct special_output_in *plan = NULL;
	if (request_in(call, o, &j.in, &plan)) {
		struct special_actor who = actor_of(call);
		int rc = db_begin_write(call->conn);
		if (!rc)
			rc = special_create(call->conn, &who, call->actor->nip, &j.in, &j.id);
		if (!rc)
			rc = db_commit(call->conn);
		else
			db_rollback(call->conn);
		if (rc) {
			api_error_from(call, rc, NULL);
		} else {
			/* The router resolved no target: the new request is the actor's own. */
			call->target_is_self = true;
			call->special_id = j.id;
			reply_request(call, 201);
		}
	}
	free(plan);
	json_decref(o);
}

/* PATCH: the fields sent replace those of the request; the others stay. */
static json_t *merged_request(struct api_call *call, json_t *patch)
{
	struct special_request r;
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = special_load(call->conn, call->special_id, &r);
	db_rollback(call->conn);
	if (rc) {
		special_request_free(&r);
		return api_error_from(call, rc, "id"), NULL;
	}
	json_t *plan = json_array();
	for (int i = 0; i < r.noutputs; i++) {
		json_t *item = json_pack("{s:s}", "output", r.outputs[i].output);
		if (r.outputs[i].due[0])
			json_object_set_new(item, "due", json_string(r.outputs[i].due));
		json_array_append_new(plan, item);
	}
	json_t *m = json_pack("{s:s, s:s, s:s, s:o}", "reason", r.reason, "period_from", r.period_from, "period_to",
			      r.period_to, "work_plan", plan);
	special_request_free(&r);
	json_object_update(m, patch);
	return m;
}

static const struct elig_fspec patch_spec[] = {
	{"reason", F_STR, false, SPECIAL_REASON_MAX, 10},
	{"period_from", F_STR, false, 10, 10},
	{"period_to", F_STR, false, 10, 10},
	{"work_plan", F_ARRAY, false, SPECIAL_OUTPUTS_MAX, 0},
	{0}};

void api_special_patch(struct api_call *call)
{
	json_t *patch = elig_api_body(call), *m = NULL;
	if (!patch)
		return;
	struct special_input in = {0};
	struct special_output_in *plan = NULL;
	if (elig_api_check(call, patch, patch_spec, "") && (m = merged_request(call, patch)) &&
	    request_in(call, m, &in, &plan)) {
		struct special_actor who = actor_of(call);
		enum special_problem p = SPECIAL_OK;
		int rc = db_begin_write(call->conn);
		if (!rc)
			rc = special_revise(call->conn, call->special_id, &who, &in, &p);
		if (!rc)
			rc = db_commit(call->conn);
		else
			db_rollback(call->conn);
		if (rc)
			reply_rc(call, rc, p);
		else
			reply_request(call, 200);
	}
	free(plan);
	json_decref(m);
	json_decref(patch);
}

/* ---- evidence ---- */

/* ?filename=: the last path component, printable, at most 200 bytes. */
static bool filename_in(struct api_call *call, char out[SPECIAL_FILENAME_MAX + 1])
{
	const char *f = http_query(call->req, "filename");
	out[0] = '\0';
	if (!f)
		return true;
	const char *base = strrchr(f, '/');
	base = base ? base + 1 : f;
	if (strlen(base) > SPECIAL_FILENAME_MAX)
		return api_error(call, 422, "invalid", "filename", "The file name is too long (200 characters at most).",
				 "Nama berkas terlalu panjang (paling banyak 200 karakter)."), false;
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)base; *p; p++)
		out[n++] = *p < 0x20 || *p == '"' || *p == '\\' || *p == 0x7f ? '_' : (char)*p;
	out[n] = '\0';
	return true;
}

void api_special_evidence_add(struct api_call *call)
{
	if (call->req->body_too_big)
		return api_error(call, 413, "too_big", "evidence", "An evidence file may be 2 MiB at most.",
				 "Berkas bukti paling besar 2 MiB.");
	const char *declared = http_header(call->req, "Content-Type");
	const unsigned char *data = (const unsigned char *)call->req->body;
	size_t len = call->req->body_len;
	if (!declared || (strncasecmp(declared, "application/pdf", 15) && strncasecmp(declared, "image/jpeg", 10) &&
			  strncasecmp(declared, "image/png", 9)))
		return api_error(call, 415, "unsupported_media_type", "evidence",
				 "Evidence must be sent as application/pdf, image/jpeg or image/png.",
				 "Bukti harus dikirim sebagai application/pdf, image/jpeg atau image/png.");
	if (!len)
		return api_error(call, 422, "missing_field", "evidence", "The evidence file is empty.",
				 "Berkas bukti kosong.");
	const char *type = special_evidence_type(declared, data, len);
	if (!type)
		return api_error(call, 422, "content_mismatch", "evidence",
				 "The file's content does not match its declared type.",
				 "Isi berkas tidak sesuai dengan jenis yang dinyatakan.");
	char filename[SPECIAL_FILENAME_MAX + 1];
	if (!filename_in(call, filename))
		return;
	struct special_actor who = actor_of(call);
	enum special_problem p = SPECIAL_OK;
	int n = 0;
	int rc = db_begin_write(call->conn);
	if (!rc)
		rc = special_evidence_add(call->conn, call->special_id, &who, type, data, len, filename, &n, &p);
	if (!rc)
		rc = db_commit(call->conn);
	else
		db_rollback(call->conn);
	if (rc)
		return reply_rc(call, rc, p);
	reply_request(call, 201);
}

static const char *static_type(const char *t)
{
	static const char *const known[] = {"application/pdf", "image/jpeg", "image/png"};
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (!strcmp(known[i], t))
			return known[i];
	return "application/octet-stream";
}

void api_special_evidence_get(struct api_call *call)
{
	char *end;
	long n = strtol(call->req->params[1], &end, 10);
	if (*end || n <= 0 || n > SPECIAL_EVIDENCE_MAX_FILES)
		return api_error(call, 404, "not_found", "n", "No such evidence file.", "Berkas bukti tidak ditemukan.");
	char type[24];
	char *data = NULL;
	size_t len = 0;
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = special_evidence_get(call->conn, call->special_id, (int)n, type, &data, &len);
	db_rollback(call->conn);
	if (rc == ERR_NOT_FOUND)
		return api_error(call, 404, "not_found", "n", "No such evidence file.", "Berkas bukti tidak ditemukan.");
	if (rc)
		return api_error_from(call, rc, NULL);
	const char *ct = static_type(type);
	const char *ext = !strcmp(ct, "application/pdf") ? "pdf" : !strcmp(ct, "image/png") ? "png" : "jpg";
	char disp[96];
	snprintf(disp, sizeof disp, "attachment; filename=\"bukti-%lld-%ld.%s\"", (long long)call->special_id, n, ext);
	http_res_body(call->res, 200, ct, data, len);
	http_res_header(call->res, "Content-Disposition", disp);
	http_res_header(call->res, "Cache-Control", "private, no-store");
	http_res_header(call->res, "Content-Security-Policy", "default-src 'none'; sandbox");
}

/* ---- decisions ---- */

static const struct elig_fspec note_spec[] = {{"note", F_STR, false, SPECIAL_NOTE_MAX, 0}, {0}};

static void act(struct api_call *call, enum special_action a)
{
	json_t *o = NULL;
	if (call->req->body_len || call->req->body_too_big) {
		if (!(o = elig_api_body(call)))
			return;
		if (!elig_api_check(call, o, note_spec, ""))
			return json_decref(o);
	}
	const char *note = o ? api_str(o, "note", NULL) : NULL;
	struct special_actor who = actor_of(call);
	enum special_problem p = SPECIAL_OK;
	int rc = db_begin_write(call->conn);
	if (!rc)
		rc = special_act(call->conn, call->special_id, a, &who, note, &p);
	if (!rc)
		rc = db_commit(call->conn);
	else
		db_rollback(call->conn);
	json_decref(o);
	if (rc)
		return reply_rc(call, rc, p);
	reply_request(call, 200);
}

void api_special_submit(struct api_call *call) { act(call, SPECIAL_SUBMIT); }
void api_special_approve(struct api_call *call) { act(call, SPECIAL_APPROVE); }
void api_special_refuse(struct api_call *call) { act(call, SPECIAL_REFUSE); }
void api_special_request_changes(struct api_call *call) { act(call, SPECIAL_REQUEST_CHANGES); }

void api_special_get(struct api_call *call)
{
	reply_request(call, 200);
}

/* ---- listing ---- */

static int add_summary(void *ctx, const struct special_summary *s)
{
	json_array_append_new(ctx, json_pack("{s:I, s:s, s:s, s:{s:s, s:s}, s:s, s:s, s:s, s:s, s:s, s:o, s:i, s:I}", "id",
					     (json_int_t)s->id, "nip", s->nip, "name", s->name, "unit", "code",
					     s->unit_code, "name", s->unit_name, "status", s->status, "reason", s->reason,
					     "period_from", s->period_from, "period_to", s->period_to, "updated_at",
					     s->updated_at, "decided_by", *s->decided_by ? json_string(s->decided_by)
										  : json_null(),
					     "revision", s->revision, "evidence_files", (json_int_t)s->evidence_files));
	return 0;
}

void api_special_list(struct api_call *call)
{
	const char *unit = http_query(call->req, "unit"), *status = http_query(call->req, "status"),
		   *nip = http_query(call->req, "nip");
	if (status && *status && special_status_parse(status) < 0)
		return api_error(call, 422, "invalid", "status",
				 "status is draft, submitted, changes_requested, approved or refused.",
				 "status adalah draft, submitted, changes_requested, approved atau refused.");
	if (nip && *nip && (strlen(nip) != 18 || strspn(nip, "0123456789") != 18))
		return api_error(call, 422, "invalid", "nip", "A NIP has 18 digits.", "NIP terdiri dari 18 angka.");
	struct scope scope;
	roles_scope(call->actor, &scope);
	struct unit_row *u = xcalloc(1, sizeof *u);
	json_t *items = json_array();
	int rc = db_begin_read(call->conn);
	if (!rc && unit && *unit && (rc = unit_get(call->conn, unit, u)) == ERR_NOT_FOUND) {
		db_rollback(call->conn);
		free(u);
		json_decref(items);
		return api_error(call, 404, "unknown_unit", "unit", "No unit has this code.", "Tidak ada unit dengan kode ini.");
	}
	struct special_filter f = {&scope, unit && *unit ? u->path : "", status, nip};
	if (!rc)
		rc = special_each(call->conn, &f, add_summary, items);
	db_rollback(call->conn);
	free(u);
	if (rc) {
		json_decref(items);
		return api_error_from(call, rc, NULL);
	}
	api_reply(call, 200, json_pack("{s:o}", "items", items));
}

/* ---- for schedules ---- */

/* Whether the employee has approved special circumstances on ?date= (today
 * by default): the weekly cap of location-flexible days does not apply. */
void api_special_on_date(struct api_call *call)
{
	char date[11];
	if (!elig_api_date(call, date))
		return;
	bool yes = false;
	int64_t id = 0;
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = special_approved_on(call->conn, call->employee->id, date, &yes, &id);
	db_rollback(call->conn);
	if (rc)
		return api_error_from(call, rc, NULL);
	api_reply(call, 200, json_pack("{s:s, s:s, s:b, s:o, s:b, s:s}", "nip", call->employee->nip, "date", date,
				       "approved", yes, "request_id", yes ? json_integer(id) : json_null(),
				       "weekly_cap_lifted", yes, "basis", SPECIAL_BASIS));
}
