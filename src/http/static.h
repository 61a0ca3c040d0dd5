/* static.h - the built browser app, loaded into memory at start and served
 * by exact path (no file system access per request, so no traversal). */
#ifndef FLEKSI_HTTP_STATIC_H
#define FLEKSI_HTTP_STATIC_H

#include "http/http.h"

struct static_files;

/* Load every regular file under dir (recursively, at most 64 MiB in all).
 * A missing dir gives an empty set and a warning: the API still works. */
struct static_files *static_load(const char *dir);
void static_free(struct static_files *sf);
/* Answer GET for path: an exact file, or index.html for app routes.
 * Returns false when nothing matches (the caller answers 404). */
bool static_serve(const struct static_files *sf, struct http_request *req, struct http_response *res);

#endif
