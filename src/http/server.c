/* server.c - the libmicrohttpd adapter (see http.h).
 *
 * epoll with an internal thread pool. MHD calls the access handler several
 * times per request: first with the headers, then once per body chunk, then
 * once with no data; only on that last call is the request complete, so the
 * body is gathered into a bounded buffer and the app runs only then.
 *
 * A handler may defer its answer (defer.h): the connection is suspended
 * and the worker serves others; the answer is sent when the deferring
 * thread resumes it. Check-ins do so while their batch commits, which lets
 * a few workers carry 64 connections instead of one sleeping thread per
 * connection (cross-CPU wake-ups cost ~76 us on this VM, see BENCH.md). */
#include "http/http.h"
#include "core/clock.h"
#include "core/log.h"
#include "core/mem.h"
#include "db/db.h"
#include "http/defer.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stddef.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

struct http_server {
	struct MHD_Daemon *daemon;
	struct http_app app;
	atomic_int in_flight;
};

enum defer_state { RUNNING, DEFERRED, SUSPENDED, ANSWERED };

struct request_ctx {
	struct http_request req;
	struct http_response res;   /* here, not on the stack: a deferred answer is filled later */
	pthread_mutex_t lock;       /* state, between the worker and the deferring thread */
	enum defer_state state;
	uint64_t db_ns;
	struct buf body;
	size_t limit;
	uint64_t start_ns;
	uint64_t db_start_ns;
	char remote[64];
};

static void format_remote(struct MHD_Connection *conn, char *out, size_t cap)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	out[0] = '\0';
	if (!ci || !ci->client_addr)
		return;
	const struct sockaddr *sa = ci->client_addr;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, out, (socklen_t)cap);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, out, (socklen_t)cap);
}

static struct request_ctx *begin_request(struct http_server *s, struct MHD_Connection *conn, const char *url,
					 const char *method)
{
	struct request_ctx *rc = xcalloc(1, sizeof *rc);
	rc->start_ns = clock_mono_ns();
	rc->db_start_ns = db_thread_time_ns();
	rc->limit = s->app.body_limit(s->app.ctx, method, url);
	buf_init(&rc->body, rc->limit);
	format_remote(conn, rc->remote, sizeof rc->remote);
	const char *xff = s->app.trust_proxy ? MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Forwarded-For") : NULL;
	if (xff && *xff) {
		const char *last = strrchr(xff, ',');
		last = last ? last + 1 : xff;
		while (*last == ' ')
			last++;
		snprintf(rc->remote, sizeof rc->remote, "%.63s", last);
	}
	rc->req.method = method;
	rc->req.path = url;
	rc->req.remote_addr = rc->remote;
	rc->req.conn = conn;
	pthread_mutex_init(&rc->lock, NULL);
	atomic_fetch_add(&s->in_flight, 1);
	return rc;
}

/* One JSON line per request. Every field that a client can influence
 * (method, path, user, the X-Forwarded-For address) goes through the JSON
 * escaper, so no request can forge or break a log line. */
static void access_log(struct request_ctx *rc, int status, uint64_t ns)
{
	char now[40];
	struct buf b;
	buf_init(&b, 1 << 20);
	clock_now_iso(now, sizeof now);
	buf_printf(&b, "{\"time\":\"%s\",\"level\":\"info\",\"msg\":\"request\",\"method\":", now);
	buf_json_string(&b, rc->req.method);
	buf_puts(&b, ",\"route\":");
	buf_json_string(&b, rc->req.route ? rc->req.route : "(none)");
	buf_puts(&b, ",\"path\":");
	buf_json_string(&b, rc->req.path);
	buf_printf(&b, ",\"status\":%d,\"duration_ms\":%.3f,\"user\":", status, (double)ns / 1e6);
	buf_json_string(&b, rc->req.user);
	buf_puts(&b, ",\"remote\":");
	buf_json_string(&b, rc->remote);
	buf_puts(&b, "}");
	log_json_line(b.data);
	buf_free(&b);
}

static enum MHD_Result send_response(struct MHD_Connection *conn, struct http_response *res)
{
	struct MHD_Response *r;
	if (res->body_static)
		r = MHD_create_response_from_buffer(res->body_len, res->body, MHD_RESPMEM_PERSISTENT);
	else
		r = MHD_create_response_from_buffer(res->body_len, res->body ? res->body : (char *)"",
						    res->body ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
	if (res->content_type)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, res->content_type);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	for (int i = 0; i < res->nheaders; i++) {
		MHD_add_response_header(r, res->headers[i].name, res->headers[i].value);
		free(res->headers[i].value);
	}
	enum MHD_Result ok = MHD_queue_response(conn, (unsigned)res->status, r);
	MHD_destroy_response(r);
	return ok;
}

static struct request_ctx *ctx_of(struct http_request *req)
{
	return (struct request_ctx *)((char *)req - offsetof(struct request_ctx, req));
}

void http_defer(struct http_request *req)
{
	struct request_ctx *rc = ctx_of(req);
	pthread_mutex_lock(&rc->lock);
	rc->state = DEFERRED;
	pthread_mutex_unlock(&rc->lock);
}

void http_resume(struct http_request *req)
{
	struct request_ctx *rc = ctx_of(req);
	struct MHD_Connection *conn = rc->req.conn;
	pthread_mutex_lock(&rc->lock);
	bool suspended = rc->state == SUSPENDED;
	rc->state = ANSWERED;
	pthread_mutex_unlock(&rc->lock);
	/* rc may be gone from here on: once resumed, a worker sends the answer
	 * (on_request again) and on_completed frees rc. A suspended connection
	 * itself stays until it is resumed. Not suspended yet: the worker sends
	 * the answer itself when the handler returns (dispatch). */
	if (suspended)
		MHD_resume_connection(conn);
}

/* Send the answer in rc->res, count and log it. */
static enum MHD_Result finish(struct request_ctx *rc)
{
	if (!rc->res.status)
		rc->res.status = 500;
	enum MHD_Result ok = send_response(rc->req.conn, &rc->res);
	uint64_t ns = clock_mono_ns() - rc->start_ns;
	http_metrics_count(rc->req.route ? rc->req.route : "(none)", rc->res.status, ns, rc->db_ns);
	access_log(rc, rc->res.status, ns);
	return ok;
}

static enum MHD_Result dispatch(struct http_server *s, struct request_ctx *rc)
{
	rc->req.body = rc->body.data ? rc->body.data : "";
	rc->req.body_len = rc->body.len;
	s->app.handle(s->app.ctx, &rc->req, &rc->res);
	rc->db_ns = db_thread_time_ns() - rc->db_start_ns;
	pthread_mutex_lock(&rc->lock);
	bool later = rc->state == DEFERRED;
	if (later) {
		MHD_suspend_connection(rc->req.conn);
		rc->state = SUSPENDED;
	}
	pthread_mutex_unlock(&rc->lock);
	return later ? MHD_YES : finish(rc);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
				  const char *version, const char *upload_data, size_t *upload_size, void **con_cls)
{
	(void)version;
	struct http_server *s = cls;
	struct request_ctx *rc = *con_cls;
	if (!rc) {
		*con_cls = begin_request(s, conn, url, method);
		return MHD_YES;
	}
	if (*upload_size) {
		if (!rc->req.body_too_big && buf_append(&rc->body, upload_data, *upload_size))
			rc->req.body_too_big = true; /* keep reading, drop the bytes, answer 413 */
		*upload_size = 0;
		return MHD_YES;
	}
	if (rc->state == ANSWERED) /* resumed after a deferred answer (the lock was released before) */
		return finish(rc);
	if (rc->req.body_too_big)
		buf_free(&rc->body);
	return dispatch(s, rc);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls, enum MHD_RequestTerminationCode toe)
{
	(void)conn;
	(void)toe;
	struct http_server *s = cls;
	struct request_ctx *rc = *con_cls;
	if (!rc)
		return;
	for (int i = 0; i < rc->req.nparams; i++)
		free(rc->req.params[i]);
	buf_free(&rc->body);
	pthread_mutex_destroy(&rc->lock);
	free(rc);
	*con_cls = NULL;
	atomic_fetch_sub(&s->in_flight, 1);
}

static int parse_listen(const char *listen, struct sockaddr_in *sin)
{
	const char *colon = strrchr(listen, ':');
	if (!colon)
		return -1;
	char host[64];
	size_t hl = (size_t)(colon - listen);
	if (hl >= sizeof host)
		return -1;
	memcpy(host, listen, hl);
	host[hl] = '\0';
	char *end;
	long port = strtol(colon + 1, &end, 10);
	if (*end || port < 1 || port > 65535)
		return -1;
	memset(sin, 0, sizeof *sin);
	sin->sin_family = AF_INET;
	sin->sin_port = htons((uint16_t)port);
	if (!hl || !strcmp(host, "0.0.0.0"))
		sin->sin_addr.s_addr = htonl(INADDR_ANY);
	else if (!strcmp(host, "localhost"))
		sin->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	else if (inet_pton(AF_INET, host, &sin->sin_addr) != 1)
		return -1;
	return 0;
}

struct http_server *http_start(const char *listen, int threads, const struct http_app *app, char *err,
			       size_t errlen)
{
	struct sockaddr_in sin;
	if (parse_listen(listen, &sin)) {
		snprintf(err, errlen, "cannot parse listen address \"%s\" (expected ADDR:PORT, e.g. 127.0.0.1:8080)",
			 listen);
		return NULL;
	}
	struct http_server *s = xcalloc(1, sizeof *s);
	s->app = *app;
	s->daemon = MHD_start_daemon(
		MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG, 0, NULL, NULL, on_request, s,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sin, MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads,
		MHD_OPTION_CONNECTION_TIMEOUT, 30u, MHD_OPTION_CONNECTION_LIMIT, 2000u,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)128 * 1024, MHD_OPTION_LISTENING_ADDRESS_REUSE, 1u,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, s, MHD_OPTION_END);
	if (!s->daemon) {
		snprintf(err, errlen, "cannot listen on %s (address in use or not permitted)", listen);
		free(s);
		return NULL;
	}
	return s;
}

void http_stop(struct http_server *s, int grace_ms)
{
	if (!s)
		return;
	MHD_quiesce_daemon(s->daemon);
	for (int waited = 0; atomic_load(&s->in_flight) > 0 && waited < grace_ms; waited += 10)
		usleep(10000);
	MHD_stop_daemon(s->daemon);
	free(s);
}

const char *http_query(struct http_request *req, const char *key)
{
	return MHD_lookup_connection_value(req->conn, MHD_GET_ARGUMENT_KIND, key);
}

const char *http_header(struct http_request *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

const char *http_cookie(struct http_request *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_COOKIE_KIND, name);
}

void http_res_header(struct http_response *res, const char *name, const char *value)
{
	if (res->nheaders >= HTTP_MAX_HEADERS)
		return;
	res->headers[res->nheaders].name = name;
	res->headers[res->nheaders++].value = xstrdup(value);
}

void http_res_body(struct http_response *res, int status, const char *content_type, char *body, size_t len)
{
	if (res->body && !res->body_static)
		free(res->body);
	res->status = status;
	res->content_type = content_type;
	res->body = body;
	res->body_len = len;
	res->body_static = false;
}
