/* defer.h - answering a request later, from another thread (issue 5 item 9).
 *
 * A handler that hands its request to another thread (the check-in group
 * committer) calls http_defer(req) before handing it over and returns
 * without a status. The server then suspends the connection
 * (MHD_suspend_connection), so the worker thread goes on serving other
 * connections instead of sleeping until the COMMIT. The other thread fills
 * the handler's struct http_response (it stays valid until the answer is
 * sent) and calls http_resume(req) exactly once; the server sends it, logs
 * and counts it then. Either order of http_resume and the suspension is
 * fine (a per-request lock decides who sends). */
#ifndef FLEKSI_HTTP_DEFER_H
#define FLEKSI_HTTP_DEFER_H

#include "http/http.h"

void http_defer(struct http_request *req);
void http_resume(struct http_request *req);

#endif
