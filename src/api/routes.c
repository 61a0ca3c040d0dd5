/* routes.c - the single table of every route and the access it needs, and
 * the dispatcher that enforces it.
 *
 * For each API request: match the route, authenticate (Bearer token or the
 * session cookie), resolve the target named in the path (unit or employee),
 * ask roles_allows(), and only then run the handler. Handlers therefore
 * never decide who may call them. */
#include "api/api.h"
#include "api/attendance.h"
#include "api/calendar.h"
#include "api/cases.h"
#include "api/checkins.h"
#include "api/documents.h"
#include "api/open311.h"
#include "api/plans.h"
#include "api/privacy.h"
#include "api/rotations.h"
#include "api/worklog.h"
#include "auth/token.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/mem.h"
#include "store/accounts.h"
#include "store/session_cache.h"
#include "store/plans.h"
#include "store/special.h"

#include <stdlib.h>
#include <string.h>

struct route {
	const char *method;
	const char *pattern;     /* segments; "{x}" captures one */
	enum access access;
	enum api_target target;  /* what the first capture names */
	api_handler handler;
};

static const struct route routes[] = {
	{"GET", "/healthz", ACCESS_PUBLIC, TARGET_NONE, api_healthz},
	{"GET", "/metrics", ACCESS_PUBLIC, TARGET_NONE, api_metrics},
	{"GET", "/api/v1/jobs", ACCESS_READ_ALL, TARGET_NONE, api_jobs},
	{"POST", "/api/v1/session", ACCESS_PUBLIC, TARGET_NONE, api_session_create},
	{"DELETE", "/api/v1/session", ACCESS_SESSION, TARGET_NONE, api_session_delete},
	{"GET", "/api/v1/me", ACCESS_SESSION, TARGET_NONE, api_me},
	{"GET", "/api/v1/units", ACCESS_SESSION, TARGET_NONE, api_units_tree},
	{"POST", "/api/v1/units", ACCESS_ADMIN, TARGET_NONE, api_unit_create},
	{"GET", "/api/v1/units/{code}", ACCESS_SESSION, TARGET_UNIT, api_unit_get},
	{"POST", "/api/v1/units/{code}", ACCESS_ADMIN, TARGET_NONE, api_unit_create},
	{"PATCH", "/api/v1/units/{code}", ACCESS_UNIT_WRITE, TARGET_UNIT, api_unit_patch},
	{"GET", "/api/v1/employees", ACCESS_SESSION, TARGET_NONE, api_employees_list},
	{"POST", "/api/v1/employees", ACCESS_ADMIN, TARGET_NONE, api_employee_create},
	{"GET", "/api/v1/employees/{nip}", ACCESS_EMPLOYEE_READ, TARGET_EMPLOYEE, api_employee_get},
	{"POST", "/api/v1/employees/{nip}", ACCESS_ADMIN, TARGET_NONE, api_employee_create},
	{"PATCH", "/api/v1/employees/{nip}", ACCESS_EMPLOYEE_WRITE, TARGET_EMPLOYEE, api_employee_patch},
	{"POST", "/api/v1/import/{kind}", ACCESS_ADMIN, TARGET_NONE, api_import},
	{"GET", "/api/v1/audit/checkpoint", ACCESS_PUBLIC, TARGET_NONE, api_audit_checkpoint},
	{"GET", "/api/v1/audit/proof", ACCESS_PUBLIC, TARGET_NONE, api_audit_proof},
	{"GET", "/api/v1/audit/entries", ACCESS_READ_ALL, TARGET_NONE, api_audit_entries},
	{"GET", "/api/v1/employees/{nip}/eligibility", ACCESS_EMPLOYEE_READ, TARGET_EMPLOYEE, api_eligibility_get},
	{"GET", "/api/v1/employees/{nip}/eligibility/exceptions", ACCESS_EMPLOYEE_READ, TARGET_EMPLOYEE,
	 api_eligibility_exceptions},
	{"POST", "/api/v1/employees/{nip}/eligibility/exceptions", ACCESS_UNIT_HEAD, TARGET_EMPLOYEE,
	 api_eligibility_exception_create},
	{"DELETE", "/api/v1/employees/{nip}/eligibility/exceptions/{id}", ACCESS_UNIT_HEAD, TARGET_EMPLOYEE,
	 api_eligibility_exception_revoke},
	{"PUT", "/api/v1/employees/{nip}/exclusion", ACCESS_ADMIN, TARGET_EMPLOYEE, api_eligibility_exclusion_put},
	{"DELETE", "/api/v1/employees/{nip}/exclusion", ACCESS_ADMIN, TARGET_EMPLOYEE, api_eligibility_exclusion_delete},
	{"POST", "/api/v1/employees/{nip}/discipline-cases", ACCESS_EMPLOYEE_WRITE, TARGET_EMPLOYEE,
	 api_discipline_case_open},
	{"PATCH", "/api/v1/discipline-cases/{id}", ACCESS_ADMIN, TARGET_NONE, api_discipline_case_patch},
	{"GET", "/api/v1/eligibility/summary", ACCESS_UNIT_READ, TARGET_UNIT_QUERY, api_eligibility_summary},
	{"GET", "/api/v1/eligibility/export.csv", ACCESS_UNIT_READ, TARGET_UNIT_QUERY, api_eligibility_export},
	{"GET", "/api/v1/eligibility/exceptions", ACCESS_UNIT_READ, TARGET_UNIT_QUERY, api_eligibility_exceptions_unit},
	{"GET", "/api/v1/eligibility/policies", ACCESS_SESSION, TARGET_NONE, api_eligibility_policies},
	{"POST", "/api/v1/eligibility/policies", ACCESS_ADMIN, TARGET_NONE, api_eligibility_policy_create},
	{"GET", "/api/v1/eligibility/positions", ACCESS_READ_ALL, TARGET_NONE, api_eligibility_positions},
	{"PUT", "/api/v1/eligibility/positions/{id}/profile", ACCESS_ADMIN, TARGET_NONE, api_eligibility_profile_put},
	{"PATCH", "/api/v1/eligibility/positions/{id}/profile", ACCESS_ADMIN, TARGET_NONE, api_eligibility_profile_put},
	{"POST", "/api/v1/eligibility/what-if", ACCESS_ADMIN, TARGET_UNIT_QUERY, api_eligibility_whatif},
	{"GET", "/api/v1/employees/{nip}/special-circumstances", ACCESS_EMPLOYEE_READ, TARGET_EMPLOYEE,
	 api_special_on_date},
	{"GET", "/api/v1/special-requests", ACCESS_SESSION, TARGET_NONE, api_special_list},
	{"POST", "/api/v1/special-requests", ACCESS_EMPLOYEE_ACCOUNT, TARGET_NONE, api_special_create},
	{"GET", "/api/v1/special-requests/{id}", ACCESS_SPECIAL_READ, TARGET_SPECIAL, api_special_get},
	{"PATCH", "/api/v1/special-requests/{id}", ACCESS_SPECIAL_FILE, TARGET_SPECIAL, api_special_patch},
	{"POST", "/api/v1/special-requests/{id}/evidence", ACCESS_SPECIAL_FILE, TARGET_SPECIAL, api_special_evidence_add},
	{"GET", "/api/v1/special-requests/{id}/evidence/{n}", ACCESS_SPECIAL_READ, TARGET_SPECIAL,
	 api_special_evidence_get},
	{"POST", "/api/v1/special-requests/{id}/submit", ACCESS_SPECIAL_FILE, TARGET_SPECIAL, api_special_submit},
	{"POST", "/api/v1/special-requests/{id}/approve", ACCESS_SPECIAL_DECIDE, TARGET_SPECIAL, api_special_approve},
	{"POST", "/api/v1/special-requests/{id}/refuse", ACCESS_SPECIAL_DECIDE, TARGET_SPECIAL, api_special_refuse},
	{"POST", "/api/v1/special-requests/{id}/request-changes", ACCESS_SPECIAL_DECIDE, TARGET_SPECIAL,
	 api_special_request_changes},
	/* ---- calendar: calendars, schedules, feeds ---- */
	{"GET", "/api/v1/calendar", ACCESS_SESSION, TARGET_NONE, api_calendar_get},
	{"POST", "/api/v1/calendar/{year}", ACCESS_ADMIN, TARGET_NONE, api_calendar_amend},
	{"GET", "/api/v1/calendar/{year}/versions", ACCESS_SESSION, TARGET_NONE, api_calendar_versions},
	{"GET", "/api/v1/schedules", ACCESS_SESSION, TARGET_NONE, api_schedules_list},
	{"GET", "/api/v1/employees/{nip}/schedule", ACCESS_EMPLOYEE_READ, TARGET_EMPLOYEE, api_employee_schedule},
	{"PUT", "/api/v1/employees/{nip}/schedule", ACCESS_EMPLOYEE_WRITE, TARGET_EMPLOYEE, api_employee_schedule_put},
	{"PUT", "/api/v1/units/{code}/schedule", ACCESS_UNIT_WRITE, TARGET_UNIT, api_unit_schedule_put},
	{"GET", "/api/v1/units/{code}/time-zone", ACCESS_SESSION, TARGET_UNIT, api_unit_time_zone_get},
	{"PUT", "/api/v1/units/{code}/time-zone", ACCESS_ADMIN, TARGET_UNIT, api_unit_time_zone_put},
	{"POST", "/api/v1/employees/{nip}/flexible-start", ACCESS_FLEX_DECIDE, TARGET_EMPLOYEE, api_flexible_start},
	{"GET", "/api/v1/employees/{nip}/feed", ACCESS_SELF, TARGET_EMPLOYEE, api_feed_get},
	{"POST", "/api/v1/employees/{nip}/feed/rotate", ACCESS_SELF, TARGET_EMPLOYEE, api_feed_rotate},
	{"GET", "/api/v1/feeds/{secret}", ACCESS_PUBLIC, TARGET_NONE, api_feed_ics},
	/* ---- plans: plans, staffing, roster ---- */
	{"POST", "/api/v1/plans", ACCESS_SESSION, TARGET_NONE, api_plan_create},   /* "nip": ACCESS_PLAN_FILE in the handler */
	{"GET", "/api/v1/plans", ACCESS_SESSION, TARGET_NONE, api_plans_list},
	{"GET", "/api/v1/plans/{id}", ACCESS_EMPLOYEE_READ, TARGET_PLAN, api_plan_get},
	{"POST", "/api/v1/plans/{id}/approve", ACCESS_PLAN_DECIDE, TARGET_PLAN, api_plan_approve},
	{"POST", "/api/v1/plans/{id}/refuse", ACCESS_PLAN_DECIDE, TARGET_PLAN, api_plan_refuse},
	{"POST", "/api/v1/plans/{id}/cancel", ACCESS_PLAN_FILE, TARGET_PLAN, api_plan_cancel},
	{"GET", "/api/v1/units/{code}/roster", ACCESS_ROSTER_READ, TARGET_ROSTER, api_unit_roster},
	{"GET", "/api/v1/units/{code}/staffing", ACCESS_SESSION, TARGET_UNIT, api_unit_staffing_get},
	{"PUT", "/api/v1/units/{code}/staffing", ACCESS_UNIT_WRITE, TARGET_UNIT, api_unit_staffing_put},
	{"GET", "/api/v1/units/{code}/office-days", ACCESS_SESSION, TARGET_UNIT, api_office_days_list},
	{"PUT", "/api/v1/units/{code}/office-days/{date}", ACCESS_UNIT_WRITE, TARGET_UNIT, api_office_day_put},
	{"DELETE", "/api/v1/units/{code}/office-days/{date}", ACCESS_UNIT_WRITE, TARGET_UNIT, api_office_day_delete},
	{"POST", "/api/v1/stand-ins", ACCESS_SESSION, TARGET_NONE, api_stand_in_create}, /* "approver": ACCESS_STAND_IN_SET */
	{"GET", "/api/v1/stand-ins", ACCESS_SESSION, TARGET_NONE, api_stand_ins_list},
	{"GET", "/api/v1/employees/{nip}/plan-preferences", ACCESS_EMPLOYEE_READ, TARGET_EMPLOYEE, api_plan_preferences_get},
	{"PUT", "/api/v1/employees/{nip}/plan-preferences", ACCESS_PLAN_FILE, TARGET_EMPLOYEE, api_plan_preferences_put},
	/* ---- rotation ---- */
	{"POST", "/api/v1/rotations", ACCESS_SESSION, TARGET_NONE, api_rotation_create}, /* unit in the body: the
											     handler asks ACCESS_UNIT_WRITE */
	{"GET", "/api/v1/rotations", ACCESS_UNIT_READ, TARGET_UNIT_QUERY, api_rotation_list},
	{"GET", "/api/v1/rotations/{id}", ACCESS_UNIT_READ, TARGET_ROTATION, api_rotation_get},
	{"PATCH", "/api/v1/rotations/{id}", ACCESS_UNIT_WRITE, TARGET_ROTATION, api_rotation_patch},
	{"POST", "/api/v1/rotations/{id}/publish", ACCESS_UNIT_WRITE, TARGET_ROTATION, api_rotation_publish},
	/* ---- presence: check-ins, reports, leave, attendance ---- */
	{"POST", "/api/v1/checkins", ACCESS_EMPLOYEE_ACCOUNT, TARGET_NONE, api_checkin_create},
	{"GET", "/api/v1/checkins", ACCESS_SESSION, TARGET_NONE, api_checkins_list},   /* ?nip=: read access checked in the handler */
	{"POST", "/api/v1/devices", ACCESS_EMPLOYEE_ACCOUNT, TARGET_NONE, api_device_request},
	{"GET", "/api/v1/devices", ACCESS_SESSION, TARGET_NONE, api_devices_list},
	{"POST", "/api/v1/devices/{id}/approve", ACCESS_EMPLOYEE_ACCOUNT, TARGET_NONE, api_device_approve}, /* direct supervisor: store */
	{"POST", "/api/v1/devices/{id}/refuse", ACCESS_EMPLOYEE_ACCOUNT, TARGET_NONE, api_device_refuse},
	/* ---- open311: reports, public page ---- */
	{"GET", "/open311/v2/{file}", ACCESS_PUBLIC, TARGET_NONE, api_open311_root_get},
	{"POST", "/open311/v2/{file}", ACCESS_PUBLIC, TARGET_NONE, api_open311_requests_post},
	{"GET", "/open311/v2/services/{file}", ACCESS_PUBLIC, TARGET_NONE, api_open311_service_get},
	{"GET", "/open311/v2/requests/{file}", ACCESS_PUBLIC, TARGET_NONE, api_open311_request_get},
	{"GET", "/open311/v2/tokens/{file}", ACCESS_PUBLIC, TARGET_NONE, api_open311_token_get},
	{"GET", "/api/v1/reports", ACCESS_SESSION, TARGET_NONE, api_reports_queue}, /* scope: store/reports.h */
	{"GET", "/api/v1/reports/settings", ACCESS_SESSION, TARGET_NONE, api_reports_settings_get},
	{"PUT", "/api/v1/reports/settings", ACCESS_ADMIN, TARGET_NONE, api_reports_settings_put},
	{"GET", "/api/v1/reports/{id}", ACCESS_SESSION, TARGET_NONE, api_report_get}, /* handlers, inspektorat */
	{"POST", "/api/v1/reports/{id}/status", ACCESS_SESSION, TARGET_NONE, api_report_status}, /* handlers */
	{"POST", "/api/v1/reports/{id}/forward", ACCESS_SESSION, TARGET_NONE, api_report_forward},
	{"POST", "/api/v1/reports/{id}/moderate", ACCESS_SESSION, TARGET_NONE, api_report_moderate},
	{"POST", "/api/v1/reports/{id}/violation", ACCESS_SESSION, TARGET_NONE, api_report_violation}, /* handlers */
	{"GET", "/api/v1/open311/keys", ACCESS_ADMIN, TARGET_NONE, api_open311_keys_list},
	{"POST", "/api/v1/open311/keys", ACCESS_ADMIN, TARGET_NONE, api_open311_key_create},
	{"DELETE", "/api/v1/open311/keys/{id}", ACCESS_ADMIN, TARGET_NONE, api_open311_key_revoke},
	{"GET", "/api/v1/public/form", ACCESS_PUBLIC, TARGET_NONE, api_public_form},
	{"GET", "/api/v1/public/units", ACCESS_PUBLIC, TARGET_NONE, api_public_units},
	{"GET", "/api/v1/public/reports/{id}", ACCESS_PUBLIC, TARGET_NONE, api_public_track},
	{"GET", "/api/v1/public/stats", ACCESS_PUBLIC, TARGET_NONE, api_public_stats},
	{"GET", "/api/v1/public/stats.csv", ACCESS_PUBLIC, TARGET_NONE, api_public_stats_csv},
	{"GET", "/api/v1/public/stats/fields", ACCESS_PUBLIC, TARGET_NONE, api_public_stats_fields},
	/* ---- attendance: leave, day accounts ---- */
	{"POST", "/api/v1/leaves", ACCESS_SESSION, TARGET_NONE, api_leave_create},   /* authority on "nip": handler */
	{"GET", "/api/v1/leaves", ACCESS_SESSION, TARGET_NONE, api_leaves_list},     /* scoped */
	{"POST", "/api/v1/leaves/import", ACCESS_SESSION, TARGET_NONE, api_leaves_import}, /* admin_bkd, kepala_opd */
	{"DELETE", "/api/v1/leaves/{id}", ACCESS_SESSION, TARGET_NONE, api_leave_cancel},
	{"GET", "/api/v1/attendance", ACCESS_SESSION, TARGET_NONE, api_attendance_list}, /* scoped; ?nip= checked */
	{"GET", "/api/v1/attendance/closes", ACCESS_READ_ALL, TARGET_NONE, api_attendance_closes},
	/* ---- documents: recap, tpp, letters ---- */
	{"GET", "/api/v1/recap", ACCESS_SESSION, TARGET_UNIT_QUERY, api_recap_get},   /* unit access: api/documents.h */
	{"GET", "/api/v1/tpp", ACCESS_SESSION, TARGET_UNIT_QUERY, api_tpp_get},       /* same */
	{"GET", "/api/v1/tpp/scheme", ACCESS_SESSION, TARGET_NONE, api_tpp_scheme_get},
	{"PUT", "/api/v1/tpp/scheme", ACCESS_ADMIN, TARGET_NONE, api_tpp_scheme_put},
	/* ---- privacy and team board ---- */
	{"GET", "/api/v1/me/data", ACCESS_EMPLOYEE_ACCOUNT, TARGET_NONE, api_me_data},   /* own data only */
	{"POST", "/api/v1/privacy/reduce", ACCESS_ADMIN, TARGET_NONE, api_privacy_reduce},
	{"GET", "/api/v1/team/today", ACCESS_SESSION, TARGET_NONE, api_team_today},  /* atasan, heads: handler; scoped */
	/* ---- worklog: confirmations, notifications, daily reports ---- */
	{"GET", "/api/v1/confirmations", ACCESS_SESSION, TARGET_NONE, api_confirmations_list}, /* ?nip=: read access in the handler */
	{"POST", "/api/v1/confirmations/{id}/answer", ACCESS_EMPLOYEE_ACCOUNT, TARGET_NONE, api_confirmation_answer}, /* own: store */
	{"GET", "/api/v1/notifications", ACCESS_SESSION, TARGET_NONE, api_notifications_list},
	{"POST", "/api/v1/notifications/{id}/read", ACCESS_EMPLOYEE_ACCOUNT, TARGET_NONE, api_notification_read},
	{"GET", "/api/v1/worklog/settings", ACCESS_SESSION, TARGET_NONE, api_worklog_settings_get},
	{"PUT", "/api/v1/worklog/settings", ACCESS_ADMIN, TARGET_NONE, api_worklog_settings_put},
	{"GET", "/api/v1/skp-targets", ACCESS_SESSION, TARGET_NONE, api_skp_targets_list}, /* ?nip=: read access in the handler */
	{"POST", "/api/v1/skp-targets", ACCESS_EMPLOYEE_ACCOUNT, TARGET_NONE, api_skp_target_create},
	{"POST", "/api/v1/skp-targets/import", ACCESS_EMPLOYEE_ACCOUNT, TARGET_NONE, api_skp_targets_import},
	{"PUT", "/api/v1/skp-targets/{id}", ACCESS_EMPLOYEE_ACCOUNT, TARGET_NONE, api_skp_target_update}, /* own: store */
	{"DELETE", "/api/v1/skp-targets/{id}", ACCESS_EMPLOYEE_ACCOUNT, TARGET_NONE, api_skp_target_delete},
	{"GET", "/api/v1/daily-reports", ACCESS_SESSION, TARGET_NONE, api_daily_reports_list}, /* ?nip= checked; else subordinates */
	{"GET", "/api/v1/daily-reports/{nip}/{date}", ACCESS_SESSION, TARGET_NONE, api_daily_report_get},
	{"PUT", "/api/v1/daily-reports/{nip}/{date}", ACCESS_EMPLOYEE_ACCOUNT, TARGET_NONE, api_daily_report_put}, /* own only */
	{"POST", "/api/v1/daily-reports/{id}/accept", ACCESS_EMPLOYEE_ACCOUNT, TARGET_NONE, api_daily_report_accept}, /* direct supervisor: store */
	{"POST", "/api/v1/daily-reports/{id}/return", ACCESS_EMPLOYEE_ACCOUNT, TARGET_NONE, api_daily_report_return},
	/* ---- cases: discipline, cases, compliance ---- */
	{"GET", "/api/v1/employees/{nip}/discipline", ACCESS_EMPLOYEE_READ, TARGET_EMPLOYEE, api_discipline_get},
	{"GET", "/api/v1/cases", ACCESS_SESSION, TARGET_NONE, api_cases_list},             /* scoped */
	{"GET", "/api/v1/cases/{id}", ACCESS_SESSION, TARGET_NONE, api_case_get},          /* scoped: 404 outside */
	{"POST", "/api/v1/cases/{id}/steps", ACCESS_SESSION, TARGET_NONE, api_case_step},  /* authority: store */
	{"GET", "/api/v1/compliance", ACCESS_SESSION, TARGET_NONE, api_compliance},        /* readers, kepala_opd */
	{"GET", "/api/v1/cases/{id}/letters/{file}", ACCESS_SESSION, TARGET_NONE, api_case_letter}, /* {kind}.pdf */
};

#define NROUTES (sizeof routes / sizeof routes[0])

/* Whether path fits pattern; with req, also capture the {x} segments into
 * req->params (the router asks without first: no copies for the routes
 * that do not fit). */
static bool match(const char *pattern, const char *path, struct http_request *req)
{
	int n = 0;
	while (*pattern && *path) {
		if (*pattern == '{') {
			const char *pend = strchr(pattern, '}'), *send = strchr(path, '/');
			size_t len = send ? (size_t)(send - path) : strlen(path);
			if (!pend || !len || len > 64 || n == HTTP_MAX_PARAMS)
				return false;
			if (req)
				req->params[n] = xstrndup(path, len);
			n++;
			pattern = pend + 1;
			path += len;
		} else if (*pattern++ != *path++) {
			return false;
		}
	}
	if (req)
		req->nparams = n;
	return !*pattern && !*path;
}

/* HEAD is answered wherever GET is (RFC 9110 9.3.2); the server sends no body. */
static bool method_matches(const char *route_method, const char *method)
{
	return !strcmp(route_method, method) || (!strcmp(method, "HEAD") && !strcmp(route_method, "GET"));
}

/* Find the route; *path_known tells a 405 from a 404. */
static const struct route *find_route(struct http_request *req, bool *path_known)
{
	*path_known = false;
	for (size_t i = 0; i < NROUTES; i++) {
		if (!match(routes[i].pattern, req->path, NULL))
			continue;
		*path_known = true;
		if (!method_matches(routes[i].method, req->method))
			continue;
		match(routes[i].pattern, req->path, req);
		return &routes[i];
	}
	return NULL;
}

/* "GET, POST" for the routes whose pattern matches path (for Allow). */
static void allowed_methods(const char *path, char *out, size_t cap)
{
	size_t n = 0;
	out[0] = '\0';
	for (size_t i = 0; i < NROUTES; i++) {
		if (!match(routes[i].pattern, path, NULL))
			continue;
		if (strstr(out, routes[i].method))
			continue;
		bool get = !strcmp(routes[i].method, "GET");
		int w = snprintf(out + n, cap - n, "%s%s%s", n ? ", " : "", routes[i].method, get ? ", HEAD" : "");
		if (w < 0 || (size_t)w >= cap - n)
			break;
		n += (size_t)w;
	}
}

static const char *presented_token(struct http_request *req)
{
	const char *auth = http_header(req, "Authorization");
	if (auth && !strncasecmp(auth, "Bearer ", 7))
		return auth + 7;
	return http_cookie(req, "fleksi_session");
}

/* Load the actor when a valid token is presented. A bad or expired token is
 * treated as no token; routes that need a session then answer 401. */
static int authenticate(struct api_call *call, struct actor *actor, bool cached)
{
	const char *token = presented_token(call->req);
	if (!token || token_hash(token, call->app->signer.token_key, call->token_hash))
		return 0;
	/* The check-in hot path reads the session through a 10 s cache
	 * (store/session_cache.h); every other route reads it fresh. */
	int rc = cached ? session_cache_actor(call->conn, call->token_hash, clock_unix(), actor)
			: accounts_session_actor(call->conn, call->token_hash, clock_unix(), actor);
	if (rc == 0) {
		call->actor = actor;
		snprintf(call->req->user, sizeof call->req->user, "%s", actor->username);
	}
	return rc == ERR_UNAUTHORIZED ? 0 : rc;
}

/* Resolve the target named by the first path capture. */
static int resolve_target(struct api_call *call, enum api_target t, struct access_target *at)
{
	memset(at, 0, sizeof *at);
	if (t == TARGET_UNIT || t == TARGET_ROSTER) {
		call->unit = xcalloc(1, sizeof *call->unit);
		int rc = unit_get(call->conn, call->req->params[0], call->unit);
		at->unit_path = call->unit->path;
		if (!rc && t == TARGET_ROSTER && call->actor)
			rc = plans_supervises_in_unit(call->conn, call->actor->employee_id, call->unit->id, &at->is_subordinate);
		return rc;
	}
	if (t == TARGET_UNIT_QUERY) {
		const char *code = http_query(call->req, "unit");
		if (!code || !*code)
			return 0;
		call->unit = xcalloc(1, sizeof *call->unit);
		int rc = unit_get(call->conn, code, call->unit);
		at->unit_path = call->unit->path;
		return rc;
	}
	if (t == TARGET_ROTATION) { /* rotation: the rotation's unit */
		char code[33];
		int rc = api_rotation_unit_code(call->conn, call->req->params[0], code);
		if (rc)
			return rc;
		call->unit = xcalloc(1, sizeof *call->unit);
		rc = unit_get(call->conn, code, call->unit);
		at->unit_path = call->unit->path;
		return rc;
	}
	char nip[19];
	const char *who = call->req->params[0];
	if (t == TARGET_SPECIAL) {
		char *end;
		long long id = strtoll(call->req->params[0], &end, 10);
		if (*end || id <= 0)
			return ERR_NOT_FOUND;
		int rc = special_owner_nip(call->conn, id, nip);
		if (rc)
			return rc;
		call->special_id = id;
		who = nip;
	}
	if (t == TARGET_PLAN) {
		char *end;
		long long id = strtoll(call->req->params[0], &end, 10);
		if (*end || id <= 0)
			return ERR_NOT_FOUND;
		int rc = plans_owner_nip(call->conn, id, nip);
		if (rc)
			return rc;
		call->plan_id = id;
		who = nip;
	}
	if (t == TARGET_EMPLOYEE || t == TARGET_SPECIAL || t == TARGET_PLAN) {
		call->employee = xcalloc(1, sizeof *call->employee);
		int rc = employee_get(call->conn, who, call->employee);
		if (rc)
			return rc;
		at->unit_path = call->employee->unit_path;
		at->is_self = call->actor && call->actor->employee_id == call->employee->id;
		call->target_is_self = at->is_self;
		if (t == TARGET_PLAN && call->actor)
			rc = plans_is_approver(call->conn, call->actor->employee_id, call->employee->id, &at->is_subordinate);
		else if (call->actor && (call->actor->roles & ROLE_ATASAN))
			rc = employee_is_below(call->conn, call->actor->employee_id, call->employee->id, &at->is_subordinate);
		return rc;
	}
	return 0;
}

static void run_route(struct api_call *call, const struct route *r)
{
	struct actor actor;
	struct access_target at;
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = authenticate(call, &actor, r->handler == api_checkin_create);
	if (!rc && r->access != ACCESS_PUBLIC && !call->actor) {
		db_rollback(call->conn);
		return api_error(call, 401, "unauthorized", NULL, "Sign in first.", "Silakan masuk terlebih dahulu.");
	}
	if (!rc)
		rc = resolve_target(call, r->target, &at);
	db_rollback(call->conn); /* handlers open their own transactions */
	if (rc)
		return api_error_from(call, rc, r->target == TARGET_EMPLOYEE ? "nip" : r->target == TARGET_UNIT ? "code"
						: r->target == TARGET_UNIT_QUERY ? "unit" : r->target == TARGET_SPECIAL || r->target == TARGET_PLAN ? "id"
						: r->target == TARGET_ROSTER ? "code" : NULL);
	if (!roles_allows(call->actor, r->access, &at))
		return api_error_from(call, ERR_FORBIDDEN, NULL);
	r->handler(call);
}

void api_handle(void *ctx, struct http_request *req, struct http_response *res)
{
	struct app *app = ctx;
	bool known;
	const struct route *r = find_route(req, &known);
	if (!r) {
		bool get = !strcmp(req->method, "GET") || !strcmp(req->method, "HEAD");
		if (!known && get && strncmp(req->path, "/api/", 5) && static_serve(app->web, req, res))
			return;
		struct api_call call = {.app = app, .req = req, .res = res};
		req->route = known ? "(method)" : "(unknown)";
		if (known) {
			char allow[64];
			allowed_methods(req->path, allow, sizeof allow);
			http_res_header(res, "Allow", allow);
			return api_error(&call, 405, "method_not_allowed", NULL, "This method is not allowed here.",
					 "Metode ini tidak diizinkan di sini.");
		}
		return api_error(&call, 404, "not_found", NULL, "No such page or API route.", "Halaman atau rute API tidak ada.");
	}
	req->route = r->pattern;
	struct api_call call = {.app = app, .req = req, .res = res};
	call.conn = db_acquire(app->db);
	run_route(&call, r);
	db_release(app->db, call.conn);
	free(call.unit);
	free(call.employee);
}

/* POST /api/v1/special-requests/{id}/evidence: one path segment between. */
static bool is_evidence_upload(const char *method, const char *path)
{
	static const char prefix[] = "/api/v1/special-requests/", suffix[] = "/evidence";
	size_t n = sizeof prefix - 1, len = strlen(path);
	if (strcmp(method, "POST") || strncmp(path, prefix, n) || len <= n + sizeof suffix - 1)
		return false;
	const char *tail = path + len - (sizeof suffix - 1);
	return !strcmp(tail, suffix) && !memchr(path + n, '/', (size_t)(tail - (path + n)));
}

size_t api_body_limit(void *ctx, const char *method, const char *path)
{
	(void)ctx;
	if (!strcmp(method, "POST") && !strncmp(path, "/api/v1/import/", 15))
		return API_CSV_BODY_MAX;
	if (is_evidence_upload(method, path))
		return API_EVIDENCE_BODY_MAX;
	if (!strcmp(method, "POST") && !strcmp(path, "/api/v1/leaves/import"))
		return API_LEAVES_CSV_MAX;
	return API_JSON_BODY_MAX;
}
