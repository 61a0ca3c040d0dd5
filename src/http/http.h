/* http.h - the HTTP edge: libmicrohttpd behind a small request/response API.
 *
 * <microhttpd.h> is included only in src/http/. The server reads a whole
 * request body (bounded by the app's limit for that path) before it calls
 * the app's handler once per request, on one of a fixed pool of threads.
 * The handler fills a struct http_response; the server sends it, logs one
 * JSON line and counts it in the metrics. */
#ifndef FLEKSI_HTTP_HTTP_H
#define FLEKSI_HTTP_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HTTP_MAX_HEADERS 8
#define HTTP_MAX_PARAMS 4

struct http_request {
	const char *method;
	const char *path;          /* decoded path without the query */
	const char *body;          /* NUL-terminated; "" when none */
	size_t body_len;
	bool body_too_big;         /* the body went past the limit and was dropped */
	const char *remote_addr;   /* "127.0.0.1" */
	void *conn;                /* opaque server connection */
	/* Filled by the router: */
	const char *route;         /* the matched pattern, for logs and metrics */
	char *params[HTTP_MAX_PARAMS];
	int nparams;
	char user[64];             /* the actor's username for the access log */
};

struct http_header {
	const char *name;
	char *value;               /* owned */
};

struct http_response {
	int status;
	char *body;                /* owned unless body_static */
	size_t body_len;
	bool body_static;
	const char *content_type;
	struct http_header headers[HTTP_MAX_HEADERS];
	int nheaders;
};

/* The app's side. handle() must set res->status. body_limit() tells how many
 * body bytes a request for this method and path may send. */
struct http_app {
	void *ctx;
	void (*handle)(void *ctx, struct http_request *req, struct http_response *res);
	size_t (*body_limit)(void *ctx, const char *method, const char *path);
	/* Behind a reverse proxy: take the client address from the last entry of
	 * X-Forwarded-For (the one the proxy appended) instead of the socket. */
	bool trust_proxy;
};

struct http_server;

/* Listen on addr ("127.0.0.1:8080", "[::1]:8080", ":8080"). threads > 0.
 * Returns NULL and fills err on failure. */
struct http_server *http_start(const char *listen, int threads, const struct http_app *app, char *err,
			       size_t errlen);
/* Stop accepting, let in-flight requests finish (at most grace_ms), close. */
void http_stop(struct http_server *s, int grace_ms);

const char *http_query(struct http_request *req, const char *key);   /* NULL if absent */
const char *http_header(struct http_request *req, const char *name);  /* NULL if absent */
const char *http_cookie(struct http_request *req, const char *name);  /* NULL if absent */

void http_res_header(struct http_response *res, const char *name, const char *value);
/* Take ownership of body (malloc'd). */
void http_res_body(struct http_response *res, int status, const char *content_type, char *body, size_t len);

/* Metrics in Prometheus text format (caller frees). */
char *http_metrics_text(void);
void http_metrics_count(const char *route, int status, uint64_t duration_ns, uint64_t db_ns);

#endif
