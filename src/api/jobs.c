/* jobs.c (api) - what the scheduled work of every node is doing: leases and
 * the latest runs (GET /api/v1/jobs), for operators and the inspectorate. */
#include "api/api.h"
#include "core/clock.h"
#include "store/jobs.h"

#include <time.h>

static json_t *iso_time(int64_t t)
{
	if (t <= 0)
		return json_null();
	char out[32];
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return json_string(out);
}

struct jobs_reply {
	json_t *leases, *runs;
	int64_t now;
};

static int add_lease(void *ctx, const struct job_lease_row *l)
{
	struct jobs_reply *r = ctx;
	json_array_append_new(r->leases, json_pack("{s:s, s:s, s:o, s:o, s:b}", "name", l->name, "holder", l->holder,
						   "acquired_at", iso_time(l->acquired_at), "expires_at",
						   iso_time(l->expires_at), "active", l->expires_at >= r->now));
	return 0;
}

static int add_run(void *ctx, const struct job_run_row *j)
{
	struct jobs_reply *r = ctx;
	json_array_append_new(r->runs, json_pack("{s:s, s:s, s:s, s:o, s:o, s:o}", "job", j->job, "period", j->period,
						 "holder", j->holder, "started_at", iso_time(j->started_at),
						 "finished_at", iso_time(j->finished_at), "outcome",
						 *j->outcome ? json_string(j->outcome) : json_null()));
	return 0;
}

void api_jobs(struct api_call *call)
{
	bool bad = false;
	long limit = api_query_long(call, "limit", 50, 1, API_PAGE_MAX, &bad);
	if (bad)
		return api_error(call, 422, "invalid", "limit", "limit must be a number from 1 to 200.",
				 "limit harus angka 1 sampai 200.");
	struct jobs_reply r = {json_array(), json_array(), clock_unix()};
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = jobs_each(call->conn, (int)limit, add_lease, add_run, &r);
	db_rollback(call->conn);
	if (rc) {
		json_decref(r.leases), json_decref(r.runs);
		return api_error_from(call, rc, NULL);
	}
	api_reply(call, 200, json_pack("{s:o, s:o}", "leases", r.leases, "runs", r.runs));
}
