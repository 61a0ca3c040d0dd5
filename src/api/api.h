/* api.h - the JSON API: one file per resource, one route table (routes.c).
 *
 * Handlers only translate: HTTP request -> domain/store call -> JSON reply.
 * Authentication, the route's access rule and the target lookup happen in
 * the router before a handler runs, so a handler never decides who may call
 * it. <jansson.h> is used only in src/api/. */
#ifndef FLEKSI_API_API_H
#define FLEKSI_API_API_H

#include "auth/roles.h"
#include "db/db.h"
#include "http/http.h"
#include "http/static.h"
#include "store/org_store.h"
#include "store/signer.h"

#include <jansson.h>
#include <stdbool.h>

#define API_JSON_BODY_MAX (64u * 1024)
#define API_CSV_BODY_MAX (64u * 1024 * 1024)
#define API_PAGE_MAX 200
#define API_EVIDENCE_BODY_MAX (2u * 1024 * 1024)

struct app {
	struct db *db;
	struct signer signer;
	struct static_files *web;
	bool secure_cookies;   /* add Secure to the session cookie (behind TLS) */
};

enum api_target { TARGET_NONE, TARGET_UNIT, TARGET_EMPLOYEE,
	TARGET_UNIT_QUERY, /* the unit named by ?unit=CODE; none = the whole organisation */
	TARGET_SPECIAL,    /* a special-circumstances request by id: its employee is the target */
	TARGET_PLAN,       /* a plan by id: its employee is the target; is_subordinate = the actor approves it */
	TARGET_ROSTER,     /* a unit by code; is_subordinate = the actor supervises staff of the unit */
	TARGET_ROTATION    /* a rotation by id: its unit is the target */ };

struct api_call {
	struct app *app;
	struct http_request *req;
	struct http_response *res;
	struct db_conn *conn;
	struct actor *actor;          /* NULL when anonymous */
	char token_hash[65];          /* of the presented session token, "" if none */
	struct unit_row *unit;        /* TARGET_UNIT: the resolved unit */
	struct employee_row *employee;/* TARGET_EMPLOYEE, TARGET_SPECIAL: the resolved employee */
	int64_t special_id;           /* TARGET_SPECIAL: the request */
	int64_t plan_id;              /* TARGET_PLAN: the plan */
	bool target_is_self;          /* the target employee is the actor */
};

typedef void (*api_handler)(struct api_call *call);

/* The whole HTTP app: routing, auth, static files. */
void api_handle(void *app, struct http_request *req, struct http_response *res);
size_t api_body_limit(void *app, const char *method, const char *path);

/* ---- replies (json.c) ---- */
/* Reply with a JSON value (reference stolen). */
void api_reply(struct api_call *call, int status, json_t *body);
/* Reply {"error":{"code","message","message_id","field"}}. */
void api_error(struct api_call *call, int status, const char *code, const char *field, const char *message_en,
	       const char *message_id);
/* Reply for a project error code from a store call. */
void api_error_from(struct api_call *call, int rc, const char *field);

/* ---- request bodies (json.c) ---- */
enum api_type { T_STRING, T_NUMBER, T_INTEGER, T_BOOL };
struct api_field {
	const char *name;
	enum api_type type;
	bool required;
	bool nullable;
};
/* Parse the body as a JSON object and check it against fields (unknown
 * fields, wrong types, missing required fields, oversized bodies are
 * refused with a reply). Returns the object (caller decrefs) or NULL after
 * replying. */
json_t *api_read_object(struct api_call *call, const struct api_field *fields);
/* Accessors: a missing or null value gives def. */
const char *api_str(json_t *o, const char *key, const char *def);
double api_num(json_t *o, const char *key, double def);
bool api_has(json_t *o, const char *key);

/* Query parameters. */
long api_query_long(struct api_call *call, const char *key, long def, long min, long max, bool *bad);

/* ---- handlers ---- */
void api_session_create(struct api_call *call);
void api_session_delete(struct api_call *call);
void api_me(struct api_call *call);
void api_units_tree(struct api_call *call);
void api_unit_get(struct api_call *call);
void api_unit_create(struct api_call *call);
void api_unit_patch(struct api_call *call);
void api_employees_list(struct api_call *call);
void api_employee_get(struct api_call *call);
void api_employee_create(struct api_call *call);
void api_employee_patch(struct api_call *call);
void api_import(struct api_call *call);
void api_audit_checkpoint(struct api_call *call);
void api_audit_proof(struct api_call *call);
void api_audit_entries(struct api_call *call);
void api_healthz(struct api_call *call);
void api_metrics(struct api_call *call);
void api_jobs(struct api_call *call);
/* eligibility.c, eligibility_admin.c */
void api_eligibility_get(struct api_call *call);
void api_eligibility_summary(struct api_call *call);
void api_eligibility_export(struct api_call *call);
void api_eligibility_whatif(struct api_call *call);
void api_eligibility_policies(struct api_call *call);
void api_eligibility_policy_create(struct api_call *call);
void api_eligibility_positions(struct api_call *call);
void api_eligibility_profile_put(struct api_call *call);
void api_eligibility_exceptions(struct api_call *call);
void api_eligibility_exceptions_unit(struct api_call *call);
void api_eligibility_exception_create(struct api_call *call);
void api_eligibility_exception_revoke(struct api_call *call);
void api_eligibility_exclusion_put(struct api_call *call);
void api_eligibility_exclusion_delete(struct api_call *call);
void api_discipline_case_open(struct api_call *call);
void api_discipline_case_patch(struct api_call *call);
/* special.c (Pasal 30) */
void api_special_create(struct api_call *call);
void api_special_list(struct api_call *call);
void api_special_get(struct api_call *call);
void api_special_patch(struct api_call *call);
void api_special_evidence_add(struct api_call *call);
void api_special_evidence_get(struct api_call *call);
void api_special_submit(struct api_call *call);
void api_special_approve(struct api_call *call);
void api_special_refuse(struct api_call *call);
void api_special_request_changes(struct api_call *call);
void api_special_on_date(struct api_call *call);

/* JSON views shared by handlers. */
json_t *api_user_json(const struct actor *a);
json_t *api_employee_json(const struct employee_row *e, bool detail);
json_t *api_unit_json(const struct unit_row *u);

#endif
