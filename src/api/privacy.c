/* privacy.c (api) - the retention run on demand (UU 27/2022).
 *
 *   POST /api/v1/privacy/reduce  (admin_bkd)
 *     -> 200 {"reduced","held","confirmations","rate_limits","batches","cutoff"}
 *
 * The same run the upkeep pass makes once a day (store/retention.h), for an
 * operator who changed raw_location_days or closed a case and wants the
 * reduction now. It is recorded among the job runs (GET /api/v1/jobs) as
 * period "manual:<time>" and audited "privacy.reduce" with the counts. */
#include "api/privacy.h"
#include "core/clock.h"
#include "core/err.h"
#include "store/jobs.h"
#include "store/retention.h"

void api_privacy_reduce(struct api_call *call)
{
	char holder[JOB_HOLDER_MAX];
	jobs_holder_name(holder);
	struct retention_result r;
	int rc = retention_run_manual(call->app->db, call->actor->username, holder, clock_unix(), &r);
	if (rc == ERR_CONFLICT)
		return api_error(call, 409, "running", NULL, "A reduction was started this second; try again.",
				 "Pengurangan baru saja dimulai; coba lagi.");
	if (rc)
		return api_error_from(call, rc, NULL);
	api_reply(call, 200, json_pack("{s:I, s:I, s:I, s:I, s:i, s:s}", "reduced", (json_int_t)r.reduced, "held",
				       (json_int_t)r.held, "confirmations", (json_int_t)r.confirmations,
				       "rate_limits", (json_int_t)r.rate_limits, "batches", r.batches, "cutoff",
				       r.cutoff));
}
