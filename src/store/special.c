/* special.c (store) - requests for special circumstances (see
 * store/special.h). Evidence is stored base64-encoded (libsodium) with the
 * SHA-256 of the original bytes; the audit entry records the digest, never
 * the content. */
#include "store/special.h"
#include "store/audit.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/hex.h"
#include "core/mem.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

static const char SQL_INSERT[] =
	"INSERT INTO special_request (employee_id, status, reason, period_from, period_to, created_by, created_at,"
	" updated_at) VALUES ($1, 'draft', $2, $3, $4, $5, $6, $6) RETURNING id";
static const char SQL_OUTPUT_INSERT[] =
	"INSERT INTO special_request_output (request_id, n, output, due) VALUES ($1, $2, $3, $4)";
static const char SQL_OUTPUT_DELETE[] = "DELETE FROM special_request_output WHERE request_id = $1";
static const char SQL_EVENT_INSERT[] =
	"INSERT INTO special_request_event (request_id, action, from_status, to_status, note, actor, at)"
	" VALUES ($1, $2, $3, $4, $5, $6, $7)";
#define STATE_COLUMNS                                                                                              \
	"SELECT r.status, r.employee_id, e.nip,"                                                                   \
	" (SELECT COUNT(*) FROM special_request_evidence v WHERE v.request_id = r.id),"                            \
	" (SELECT COUNT(*) FROM special_request_output o WHERE o.request_id = r.id)"                              \
	" FROM special_request r JOIN employee e ON e.id = r.employee_id WHERE r.id = $1"
static const char SQL_STATE[] = STATE_COLUMNS;
static const char SQL_STATE_LOCK[] = STATE_COLUMNS " FOR UPDATE OF r";
static const char SQL_REVISE[] =
	"UPDATE special_request SET reason = $1, period_from = $2, period_to = $3, revision = revision + $4,"
	" updated_at = $5 WHERE id = $6";
static const char SQL_STATUS[] =
	"UPDATE special_request SET status = $1, updated_at = $2 WHERE id = $3";
static const char SQL_DECIDE[] =
	"UPDATE special_request SET status = $1, updated_at = $2, decision_note = $3, decided_by = $4,"
	" decided_at = $2 WHERE id = $5";
static const char SQL_EVIDENCE_INSERT[] =
	"INSERT INTO special_request_evidence (request_id, n, media_type, size_bytes, sha256, filename, content_base64,"
	" uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
static const char SQL_TOUCH[] = "UPDATE special_request SET updated_at = $1 WHERE id = $2";
static const char SQL_LOAD[] =
	"SELECT r.id, r.employee_id, e.nip, e.name, u.code, u.name, r.status, r.reason, r.period_from, r.period_to,"
	" r.revision, COALESCE(r.decision_note, ''), COALESCE(r.decided_by, ''), COALESCE(r.decided_at, ''),"
	" r.created_by, r.created_at, r.updated_at FROM special_request r JOIN employee e ON e.id = r.employee_id"
	" JOIN unit u ON u.id = e.unit_id WHERE r.id = $1";
static const char SQL_OUTPUTS[] =
	"SELECT output, COALESCE(due, '') FROM special_request_output WHERE request_id = $1 ORDER BY n";
static const char SQL_EVIDENCE_META[] =
	"SELECT n, media_type, size_bytes, sha256, filename, uploaded_by, uploaded_at FROM special_request_evidence"
	" WHERE request_id = $1 ORDER BY n";
static const char SQL_EVENTS[] =
	"SELECT action, from_status, to_status, note, actor, at FROM special_request_event WHERE request_id = $1"
	" ORDER BY id";
static const char SQL_OWNER[] =
	"SELECT e.nip FROM special_request r JOIN employee e ON e.id = r.employee_id WHERE r.id = $1";
static const char SQL_EVIDENCE_GET[] =
	"SELECT media_type, content_base64, size_bytes FROM special_request_evidence WHERE request_id = $1 AND n = $2";
static const char SQL_LIST[] =
	"SELECT r.id, e.nip, e.name, u.code, u.name, r.status, r.reason, r.period_from, r.period_to, r.updated_at,"
	" COALESCE(r.decided_by, ''), r.revision,"
	" (SELECT COUNT(*) FROM special_request_evidence v WHERE v.request_id = r.id)"
	" FROM special_request r JOIN employee e ON e.id = r.employee_id JOIN unit u ON u.id = e.unit_id"
	" WHERE (CAST($1 AS BIGINT) = 1 OR u.path LIKE CAST($2 AS TEXT) || '%' OR r.employee_id = $3)"
	" AND u.path LIKE CAST($4 AS TEXT) || '%' AND (CAST($5 AS TEXT) = '' OR r.status = $5)"
	" AND (CAST($6 AS TEXT) = '' OR e.nip = $6) ORDER BY r.updated_at DESC, r.id DESC LIMIT 200";
static const char SQL_APPROVED_ON[] =
	"SELECT id FROM special_request WHERE employee_id = $1 AND status = 'approved' AND period_from <= $2"
	" AND period_to >= $2 ORDER BY decided_at DESC, id DESC LIMIT 1";

/* ---- small helpers ---- */

static int run(struct db_stmt *s, int64_t *id)
{
	int rc = db_step(s);
	if (rc == 1 && id)
		*id = db_col_int(s, 0);
	db_reset(s);
	return rc < 0 ? rc : 0;
}

/* A comma before the key unless it opens an object. */
static const char *sep(const struct buf *b)
{
	return b->len && b->data[b->len - 1] != '{' ? "," : "";
}

static void canon_str(struct buf *b, const char *key, const char *v)
{
	buf_printf(b, "%s\"%s\":", sep(b), key);
	if (!v) {
		buf_puts(b, "null");
		return;
	}
	buf_json_string(b, v);
}

static void canon_int(struct buf *b, const char *key, long long v)
{
	buf_printf(b, "%s\"%s\":%lld", sep(b), key, v);
}

/* Append the audit entry whose "after" is the object in b (closed here). */
static int audit(struct db_conn *c, const char *actor, const char *action, int64_t id, struct buf *b)
{
	char object[64];
	buf_puts(b, "}");
	snprintf(object, sizeof object, "special_request:%lld", (long long)id);
	struct audit_event ev = {actor, action, object, NULL, b->data};
	int rc = b->len < b->max ? audit_append(c, &ev) : ERR_TOO_BIG;
	buf_free(b);
	return rc;
}

static int event(struct db_conn *c, int64_t id, const char *action, const char *from, const char *to,
		 const char *note, const char *actor, const char *at)
{
	struct db_stmt *s = db_prepare(c, SQL_EVENT_INSERT);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, id);
	db_bind_text(s, 2, action);
	db_bind_text(s, 3, from);
	db_bind_text(s, 4, to);
	db_bind_text(s, 5, note ? note : "");
	db_bind_text(s, 6, actor);
	db_bind_text(s, 7, at);
	return run(s, NULL);
}

static int insert_outputs(struct db_conn *c, int64_t id, const struct special_input *in, struct buf *a)
{
	buf_puts(a, ",\"outputs\":[");
	for (int i = 0; i < in->noutputs; i++) {
		struct db_stmt *s = db_prepare(c, SQL_OUTPUT_INSERT);
		if (!s)
			return ERR_DB;
		const char *due = in->outputs[i].due && *in->outputs[i].due ? in->outputs[i].due : NULL;
		db_bind_int(s, 1, id);
		db_bind_int(s, 2, i + 1);
		db_bind_text(s, 3, in->outputs[i].output);
		db_bind_text(s, 4, due);
		int rc = run(s, NULL);
		if (rc)
			return rc;
		buf_puts(a, "{");
		canon_str(a, "output", in->outputs[i].output);
		canon_str(a, "due", due);
		buf_puts(a, i + 1 < in->noutputs ? "}," : "}");
	}
	buf_puts(a, "]");
	return 0;
}

static void canon_input(struct buf *a, const struct special_input *in)
{
	canon_str(a, "reason", in->reason);
	canon_str(a, "period_from", in->period_from);
	canon_str(a, "period_to", in->period_to);
}

/* ---- filing ---- */

int special_create(struct db_conn *c, const struct special_actor *who, const char *nip, const struct special_input *in,
		   int64_t *id)
{
	struct db_stmt *s = db_prepare(c, SQL_INSERT);
	if (!s)
		return ERR_DB;
	char now[40];
	clock_now_iso(now, sizeof now);
	db_bind_int(s, 1, who->employee_id);
	db_bind_text(s, 2, in->reason);
	db_bind_text(s, 3, in->period_from);
	db_bind_text(s, 4, in->period_to);
	db_bind_text(s, 5, who->username);
	db_bind_text(s, 6, now);
	int rc = run(s, id);
	if (!rc)
		rc = event(c, *id, "create", "", "draft", NULL, who->username, now);
	if (rc)
		return rc;
	struct buf a;
	buf_init(&a, 1 << 20);
	buf_puts(&a, "{");
	canon_int(&a, "id", *id);
	canon_str(&a, "nip", nip);
	canon_str(&a, "status", "draft");
	canon_input(&a, in);
	if ((rc = insert_outputs(c, *id, in, &a))) {
		buf_free(&a);
		return rc;
	}
	return audit(c, who->username, "special.create", *id, &a);
}

struct state {
	enum special_status status;
	int64_t employee_id;
	char nip[19];
	int evidence, outputs;
};

/* Read the request's state, locked until the transaction ends. */
static int load_state(struct db_conn *c, int64_t id, struct state *st)
{
	struct db_stmt *s = db_prepare(c, db_conn_dialect(c) == DB_POSTGRES ? SQL_STATE_LOCK : SQL_STATE);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, id);
	int rc = db_step(s);
	if (rc == 1) {
		int k = special_status_parse(db_col_text(s, 0));
		st->status = k < 0 ? SPECIAL_STATUS_N : (enum special_status)k;
		st->employee_id = db_col_int(s, 1);
		snprintf(st->nip, sizeof st->nip, "%s", db_col_text(s, 2));
		st->evidence = (int)db_col_int(s, 3);
		st->outputs = (int)db_col_int(s, 4);
	}
	db_reset(s);
	return rc == 1 ? 0 : rc < 0 ? rc : ERR_NOT_FOUND;
}

/* Load the state and ask the domain whether the action may happen. */
static int check(struct db_conn *c, int64_t id, enum special_action a, const struct special_actor *who,
		 const char *note, struct state *st, enum special_status *to, enum special_problem *problem)
{
	int rc = load_state(c, id, st);
	if (rc)
		return rc;
	struct special_facts f = {st->status, st->evidence, st->outputs,
				  who->employee_id > 0 && who->employee_id == st->employee_id,
				  note && strlen(note) >= SPECIAL_NOTE_MIN};
	*problem = special_next(a, &f, to);
	return *problem == SPECIAL_OK ? 0 : ERR_CONFLICT;
}

int special_revise(struct db_conn *c, int64_t id, const struct special_actor *who, const struct special_input *in,
		   enum special_problem *problem)
{
	struct state st;
	enum special_status to;
	int rc = check(c, id, SPECIAL_REVISE, who, NULL, &st, &to, problem);
	if (rc)
		return rc;
	char now[40];
	clock_now_iso(now, sizeof now);
	struct db_stmt *s = db_prepare(c, SQL_REVISE);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, in->reason);
	db_bind_text(s, 2, in->period_from);
	db_bind_text(s, 3, in->period_to);
	db_bind_int(s, 4, st.status == SPECIAL_CHANGES_REQUESTED);
	db_bind_text(s, 5, now);
	db_bind_int(s, 6, id);
	if ((rc = run(s, NULL)))
		return rc;
	if (!(s = db_prepare(c, SQL_OUTPUT_DELETE)))
		return ERR_DB;
	db_bind_int(s, 1, id);
	if ((rc = run(s, NULL)) || (rc = event(c, id, "revise", special_status_name(st.status),
					       special_status_name(to), NULL, who->username, now)))
		return rc;
	struct buf a;
	buf_init(&a, 1 << 20);
	buf_puts(&a, "{");
	canon_int(&a, "id", id);
	canon_str(&a, "nip", st.nip);
	canon_input(&a, in);
	if ((rc = insert_outputs(c, id, in, &a))) {
		buf_free(&a);
		return rc;
	}
	return audit(c, who->username, "special.revise", id, &a);
}

int special_evidence_add(struct db_conn *c, int64_t id, const struct special_actor *who, const char *media_type,
			 const unsigned char *data, size_t len, const char *filename, int *n,
			 enum special_problem *problem)
{
	struct state st;
	enum special_status to;
	int rc = check(c, id, SPECIAL_ADD_EVIDENCE, who, NULL, &st, &to, problem);
	if (rc)
		return rc;
	if (!len || len > SPECIAL_EVIDENCE_MAX_BYTES)
		return ERR_INVALID;
	unsigned char digest[crypto_hash_sha256_BYTES];
	char hex[65], now[40];
	crypto_hash_sha256(digest, data, len);
	hex_encode(digest, sizeof digest, hex);
	clock_now_iso(now, sizeof now);
	size_t cap = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
	char *b64 = xmalloc(cap);
	sodium_bin2base64(b64, cap, data, len, sodium_base64_VARIANT_ORIGINAL);
	*n = st.evidence + 1;
	struct db_stmt *s = db_prepare(c, SQL_EVIDENCE_INSERT);
	if (!s) {
		free(b64);
		return ERR_DB;
	}
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, *n);
	db_bind_text(s, 3, media_type);
	db_bind_int(s, 4, (int64_t)len);
	db_bind_text(s, 5, hex);
	db_bind_text(s, 6, filename ? filename : "");
	db_bind_text(s, 7, b64);
	db_bind_text(s, 8, who->username);
	db_bind_text(s, 9, now);
	rc = run(s, NULL);
	free(b64);
	if (rc || !(s = db_prepare(c, SQL_TOUCH)))
		return rc ? rc : ERR_DB;
	db_bind_text(s, 1, now);
	db_bind_int(s, 2, id);
	if ((rc = run(s, NULL)) || (rc = event(c, id, "add_evidence", special_status_name(st.status),
					       special_status_name(to), filename, who->username, now)))
		return rc;
	struct buf a;
	buf_init(&a, 1 << 16);
	buf_puts(&a, "{");
	canon_int(&a, "id", id);
	canon_int(&a, "n", *n);
	canon_str(&a, "media_type", media_type);
	canon_int(&a, "size", (long long)len);
	canon_str(&a, "sha256", hex);
	canon_str(&a, "filename", filename ? filename : "");
	return audit(c, who->username, "special.evidence.add", id, &a);
}

int special_act(struct db_conn *c, int64_t id, enum special_action act, const struct special_actor *who,
		const char *note, enum special_problem *problem)
{
	if (act != SPECIAL_SUBMIT && act != SPECIAL_APPROVE && act != SPECIAL_REFUSE && act != SPECIAL_REQUEST_CHANGES)
		return ERR_INVALID;
	struct state st;
	enum special_status to;
	int rc = check(c, id, act, who, note, &st, &to, problem);
	if (rc)
		return rc;
	char now[40];
	clock_now_iso(now, sizeof now);
	struct db_stmt *s = db_prepare(c, act == SPECIAL_SUBMIT ? SQL_STATUS : SQL_DECIDE);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, special_status_name(to));
	db_bind_text(s, 2, now);
	if (act == SPECIAL_SUBMIT) {
		db_bind_int(s, 3, id);
	} else {
		db_bind_text(s, 3, note ? note : "");
		db_bind_text(s, 4, who->username);
		db_bind_int(s, 5, id);
	}
	if ((rc = run(s, NULL)) || (rc = event(c, id, special_action_name(act), special_status_name(st.status),
					       special_status_name(to), note, who->username, now)))
		return rc;
	struct buf a;
	buf_init(&a, 1 << 16);
	buf_puts(&a, "{");
	canon_int(&a, "id", id);
	canon_str(&a, "nip", st.nip);
	canon_str(&a, "from", special_status_name(st.status));
	canon_str(&a, "status", special_status_name(to));
	canon_str(&a, "note", note ? note : "");
	char action[48];
	snprintf(action, sizeof action, "special.%s", special_action_name(act));
	return audit(c, who->username, action, id, &a);
}

/* ---- reading ---- */

static int load_outputs(struct db_conn *c, struct special_request *r)
{
	struct db_stmt *s = db_prepare(c, SQL_OUTPUTS);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, r->id);
	int rc;
	while ((rc = db_step(s)) == 1) {
		r->outputs = xrealloc(r->outputs, (size_t)(r->noutputs + 1) * sizeof *r->outputs);
		struct special_output *o = &r->outputs[r->noutputs++];
		o->output = xstrdup(db_col_text(s, 0));
		snprintf(o->due, sizeof o->due, "%s", db_col_text(s, 1));
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static int load_evidence(struct db_conn *c, struct special_request *r)
{
	struct db_stmt *s = db_prepare(c, SQL_EVIDENCE_META);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, r->id);
	int rc;
	while ((rc = db_step(s)) == 1) {
		r->evidence = xrealloc(r->evidence, (size_t)(r->nevidence + 1) * sizeof *r->evidence);
		struct special_evidence *e = &r->evidence[r->nevidence++];
		e->n = (int)db_col_int(s, 0);
		snprintf(e->media_type, sizeof e->media_type, "%s", db_col_text(s, 1));
		e->size = db_col_int(s, 2);
		snprintf(e->sha256, sizeof e->sha256, "%s", db_col_text(s, 3));
		e->filename = xstrdup(db_col_text(s, 4));
		e->uploaded_by = xstrdup(db_col_text(s, 5));
		snprintf(e->uploaded_at, sizeof e->uploaded_at, "%s", db_col_text(s, 6));
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static int load_events(struct db_conn *c, struct special_request *r)
{
	struct db_stmt *s = db_prepare(c, SQL_EVENTS);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, r->id);
	int rc;
	while ((rc = db_step(s)) == 1) {
		r->events = xrealloc(r->events, (size_t)(r->nevents + 1) * sizeof *r->events);
		struct special_event *e = &r->events[r->nevents++];
		snprintf(e->action, sizeof e->action, "%s", db_col_text(s, 0));
		snprintf(e->from, sizeof e->from, "%s", db_col_text(s, 1));
		snprintf(e->to, sizeof e->to, "%s", db_col_text(s, 2));
		e->note = xstrdup(db_col_text(s, 3));
		e->actor = xstrdup(db_col_text(s, 4));
		snprintf(e->at, sizeof e->at, "%s", db_col_text(s, 5));
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static void read_request(struct db_stmt *s, struct special_request *r)
{
	r->id = db_col_int(s, 0);
	r->employee_id = db_col_int(s, 1);
	snprintf(r->nip, sizeof r->nip, "%s", db_col_text(s, 2));
	r->name = xstrdup(db_col_text(s, 3));
	r->unit_code = xstrdup(db_col_text(s, 4));
	r->unit_name = xstrdup(db_col_text(s, 5));
	int k = special_status_parse(db_col_text(s, 6));
	r->status = k < 0 ? SPECIAL_DRAFT : (enum special_status)k;
	r->reason = xstrdup(db_col_text(s, 7));
	snprintf(r->period_from, sizeof r->period_from, "%s", db_col_text(s, 8));
	snprintf(r->period_to, sizeof r->period_to, "%s", db_col_text(s, 9));
	r->revision = (int)db_col_int(s, 10);
	r->decision_note = xstrdup(db_col_text(s, 11));
	r->decided_by = xstrdup(db_col_text(s, 12));
	snprintf(r->decided_at, sizeof r->decided_at, "%s", db_col_text(s, 13));
	r->created_by = xstrdup(db_col_text(s, 14));
	snprintf(r->created_at, sizeof r->created_at, "%s", db_col_text(s, 15));
	snprintf(r->updated_at, sizeof r->updated_at, "%s", db_col_text(s, 16));
}

int special_load(struct db_conn *c, int64_t id, struct special_request *r)
{
	memset(r, 0, sizeof *r);
	struct db_stmt *s = db_prepare(c, SQL_LOAD);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, id);
	int rc = db_step(s);
	if (rc == 1)
		read_request(s, r);
	db_reset(s);
	if (rc != 1)
		return rc < 0 ? rc : ERR_NOT_FOUND;
	if (!(rc = load_outputs(c, r)) && !(rc = load_evidence(c, r)))
		rc = load_events(c, r);
	return rc;
}

void special_request_free(struct special_request *r)
{
	free(r->name);
	free(r->unit_code);
	free(r->unit_name);
	free(r->reason);
	free(r->decision_note);
	free(r->decided_by);
	free(r->created_by);
	for (int i = 0; i < r->noutputs; i++)
		free(r->outputs[i].output);
	for (int i = 0; i < r->nevidence; i++) {
		free(r->evidence[i].filename);
		free(r->evidence[i].uploaded_by);
	}
	for (int i = 0; i < r->nevents; i++) {
		free(r->events[i].note);
		free(r->events[i].actor);
	}
	free(r->outputs);
	free(r->evidence);
	free(r->events);
	memset(r, 0, sizeof *r);
}

int special_owner_nip(struct db_conn *c, int64_t id, char nip[19])
{
	struct db_stmt *s = db_prepare(c, SQL_OWNER);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, id);
	int rc = db_step(s);
	if (rc == 1)
		snprintf(nip, 19, "%s", db_col_text(s, 0));
	db_reset(s);
	return rc == 1 ? 0 : rc < 0 ? rc : ERR_NOT_FOUND;
}

int special_evidence_get(struct db_conn *c, int64_t id, int n, char media_type[24], char **data, size_t *len)
{
	*data = NULL;
	*len = 0;
	struct db_stmt *s = db_prepare(c, SQL_EVIDENCE_GET);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, n);
	int rc = db_step(s);
	if (rc == 1) {
		snprintf(media_type, 24, "%s", db_col_text(s, 0));
		const char *b64 = db_col_text(s, 1);
		size_t cap = (size_t)db_col_int(s, 2) + 1;
		*data = xmalloc(cap);
		if (sodium_base642bin((unsigned char *)*data, cap, b64, strlen(b64), NULL, len, NULL,
				      sodium_base64_VARIANT_ORIGINAL)) {
			free(*data);
			*data = NULL;
			rc = ERR_DB;
		}
	}
	db_reset(s);
	return rc == 1 ? 0 : rc < 0 ? rc : ERR_NOT_FOUND;
}

int special_each(struct db_conn *c, const struct special_filter *f,
		 int (*cb)(void *ctx, const struct special_summary *s), void *ctx)
{
	struct db_stmt *s = db_prepare(c, SQL_LIST);
	if (!s)
		return ERR_DB;
	/* A path that matches nothing when the scope has no unit. */
	db_bind_int(s, 1, f->scope->all ? 1 : 0);
	db_bind_text(s, 2, f->scope->unit_path ? f->scope->unit_path : "-");
	db_bind_int(s, 3, f->scope->self_id);
	db_bind_text(s, 4, f->unit_path ? f->unit_path : "");
	db_bind_text(s, 5, f->status ? f->status : "");
	db_bind_text(s, 6, f->nip ? f->nip : "");
	int rc;
	while ((rc = db_step(s)) == 1) {
		struct special_summary r = {
			.id = db_col_int(s, 0), .nip = db_col_text(s, 1), .name = db_col_text(s, 2),
			.unit_code = db_col_text(s, 3), .unit_name = db_col_text(s, 4), .status = db_col_text(s, 5),
			.reason = db_col_text(s, 6), .period_from = db_col_text(s, 7), .period_to = db_col_text(s, 8),
			.updated_at = db_col_text(s, 9), .decided_by = db_col_text(s, 10),
			.revision = (int)db_col_int(s, 11), .evidence_files = db_col_int(s, 12)};
		if (cb(ctx, &r))
			break;
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

int special_approved_on(struct db_conn *c, int64_t employee_id, const char *date, bool *yes, int64_t *request_id)
{
	struct db_stmt *s = db_prepare(c, SQL_APPROVED_ON);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, employee_id);
	db_bind_text(s, 2, date);
	int rc = db_step(s);
	*yes = rc == 1;
	if (rc == 1 && request_id)
		*request_id = db_col_int(s, 0);
	db_reset(s);
	return rc < 0 ? rc : 0;
}
