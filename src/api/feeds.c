/* feeds.c (api) - each employee's private iCalendar (RFC 5545) feed of their
 * plans and the days off, for phone calendars to subscribe to.
 *
 * The feed URL carries a 32-byte random secret; whoever holds the URL reads
 * the feed without signing in (calendar apps cannot), so the secret is the
 * only key: an unknown one is 404, and the employee can rotate it. */
#include "api/calendar.h"
#include "api/eligibility.h"
#include "core/clock.h"
#include "core/date.h"
#include "core/err.h"
#include "core/mem.h"
#include "domain/ics.h"
#include "store/calendar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FEED_MAX_BYTES (4u * 1024 * 1024)

static void reply_url(struct api_call *call, int status, const char *secret)
{
	char path[128];
	snprintf(path, sizeof path, "/api/v1/feeds/%s.ics", secret);
	const char *host = http_header(call->req, "Host");
	char *url = host && *host && !strpbrk(host, " /\\\"<>")
			    ? xasprintf("%s://%s%s", call->app->secure_cookies ? "https" : "http", host, path)
			    : xstrdup(path);
	api_reply(call, status, json_pack("{s:s, s:s, s:s}", "nip", call->employee->nip, "path", path, "url", url));
	free(url);
}

static void feed_issue(struct api_call *call, bool rotate)
{
	char secret[FEED_SECRET_TEXT];
	int rc = db_begin_write(call->conn);
	if (!rc)
		rc = feed_secret_issue(call->conn, call->app->signer.token_key, call->employee->id, call->employee->nip,
				       rotate, call->actor->username, secret);
	if (!rc)
		rc = db_commit(call->conn);
	else
		db_rollback(call->conn);
	if (rc)
		return api_error_from(call, rc, NULL);
	reply_url(call, rotate ? 201 : 200, secret);
}

void api_feed_get(struct api_call *call)
{
	feed_issue(call, false);
}

void api_feed_rotate(struct api_call *call)
{
	feed_issue(call, true);
}

/* ---- the feed ---- */

static const char *mode_label(const char *mode)
{
	if (!strcmp(mode, "wfh"))
		return "WFH";
	if (!strcmp(mode, "wfa"))
		return "WFA";
	if (!strcmp(mode, "kantor_lain"))
		return "Kantor lain";
	return mode;
}

static const char *status_label(const char *status, const char **ics_status)
{
	*ics_status = "TENTATIVE";
	if (!strcmp(status, "approved"))
		return *ics_status = "CONFIRMED", "disetujui";
	if (!strcmp(status, "refused"))
		return *ics_status = "CANCELLED", "ditolak";
	if (!strcmp(status, "cancelled"))
		return *ics_status = "CANCELLED", "dibatalkan";
	return "diajukan";
}

struct feed_job {
	struct buf *b;
	char stamp[17];
	int rc;
};

/* An all-day event on day: DTSTART and the exclusive DTEND of the next day. */
static int all_day(struct buf *b, int32_t day, const char *uid, const char *stamp)
{
	char d0[9], d1[9];
	ics_date(day, d0);
	ics_date(day + 1, d1);
	int rc = ics_line(b, "BEGIN", "VEVENT");
	if (!rc)
		rc = ics_text(b, "UID", uid);
	if (!rc)
		rc = ics_line(b, "DTSTAMP", stamp);
	if (!rc)
		rc = ics_line(b, "DTSTART;VALUE=DATE", d0);
	if (!rc)
		rc = ics_line(b, "DTEND;VALUE=DATE", d1);
	if (!rc)
		rc = ics_line(b, "TRANSP", "TRANSPARENT");
	return rc;
}

static int plan_cb(void *ctx, const struct feed_plan *p)
{
	struct feed_job *j = ctx;
	int32_t day;
	if (!date_parse(p->date, &day))
		return 0;
	char uid[64], *summary;
	const char *st, *label = status_label(p->status, &st);
	snprintf(uid, sizeof uid, "plan-%lld@fleksi", (long long)p->id);
	summary = xasprintf("%s (%s)", mode_label(p->mode), label);
	int rc = all_day(j->b, day, uid, j->stamp);
	if (!rc)
		rc = ics_text(j->b, "SUMMARY", summary);
	if (!rc)
		rc = ics_line(j->b, "STATUS", st);
	if (!rc && *p->location_address)
		rc = ics_text(j->b, "LOCATION", p->location_address);
	if (!rc)
		rc = ics_line(j->b, "CATEGORIES", p->mode);
	if (!rc)
		rc = ics_line(j->b, "END", "VEVENT");
	free(summary);
	return j->rc = rc;
}

static int days_off_events(struct buf *b, const struct calendar *cal, const char *stamp)
{
	int rc = 0;
	for (int i = 0; !rc && i < cal->ndays; i++) {
		const struct day_off *d = &cal->days[i];
		char uid[64];
		snprintf(uid, sizeof uid, "libur-%s@fleksi", d->date);
		rc = all_day(b, d->day, uid, stamp);
		if (!rc)
			rc = ics_text(b, "SUMMARY", d->name);
		if (!rc)
			rc = ics_line(b, "STATUS", "CONFIRMED");
		if (!rc)
			rc = ics_line(b, "CATEGORIES", calendar_kind_name(d->kind));
		if (!rc)
			rc = ics_line(b, "END", "VEVENT");
	}
	return rc;
}

static int feed_header(struct buf *b)
{
	int rc = ics_line(b, "BEGIN", "VCALENDAR");
	if (!rc)
		rc = ics_line(b, "VERSION", "2.0");
	if (!rc)
		rc = ics_line(b, "PRODID", "-//fleksi//Pemerintah Provinsi DKI Jakarta//ID");
	if (!rc)
		rc = ics_line(b, "CALSCALE", "GREGORIAN");
	if (!rc)
		rc = ics_line(b, "METHOD", "PUBLISH");
	if (!rc)
		rc = ics_text(b, "X-WR-CALNAME", "fleksi: rencana kerja");
	return rc;
}

/* The feed of one employee: plans, then the days off of last, this and
 * next year. */
static int feed_build(struct db_conn *c, int64_t employee_id, struct buf *b)
{
	struct feed_job j = {b, "", 0};
	ics_utc(clock_unix(), j.stamp);
	char today[11];
	elig_api_today(today, 0);
	int year = atoi(today);
	struct calendar cal;
	int rc = feed_header(b);
	if (!rc)
		rc = feed_plans_each(c, employee_id, plan_cb, &j);
	if (!rc)
		rc = j.rc;
	if (!rc && !(rc = calendar_load(c, year - 1, year + 1, &cal))) {
		rc = days_off_events(b, &cal, j.stamp);
		calendar_free(&cal);
	}
	if (!rc)
		rc = ics_line(b, "END", "VCALENDAR");
	return rc;
}

void api_feed_ics(struct api_call *call)
{
	const char *p = call->req->params[0];
	size_t n = strlen(p);
	char secret[FEED_SECRET_TEXT];
	if (n != FEED_SECRET_TEXT - 1 + 4 || strcmp(p + n - 4, ".ics"))
		return api_error(call, 404, "not_found", NULL, "No such feed.", "Umpan kalender tidak ada.");
	memcpy(secret, p, FEED_SECRET_TEXT - 1);
	secret[FEED_SECRET_TEXT - 1] = '\0';
	int64_t employee_id = 0;
	struct buf b;
	buf_init(&b, FEED_MAX_BYTES);
	int rc = db_begin_read(call->conn);
	if (!rc)
		rc = feed_employee_by_secret(call->conn, call->app->signer.token_key, secret, &employee_id);
	if (!rc)
		rc = feed_build(call->conn, employee_id, &b);
	db_rollback(call->conn);
	if (rc) {
		buf_free(&b);
		if (rc == ERR_NOT_FOUND)
			return api_error(call, 404, "not_found", NULL, "No such feed.", "Umpan kalender tidak ada.");
		return api_error_from(call, rc, NULL);
	}
	size_t len = b.len;
	http_res_body(call->res, 200, "text/calendar; charset=utf-8", buf_steal(&b), len);
	http_res_header(call->res, "Cache-Control", "private, max-age=300");
	http_res_header(call->res, "Content-Disposition", "inline; filename=\"fleksi.ics\"");
	http_res_header(call->res, "Referrer-Policy", "no-referrer");
}
