/* static.c - in-memory static files with ETags and long caching for hashed
 * asset names (see static.h). */
#include "http/static.h"
#include "core/log.h"
#include "core/mem.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#define STATIC_MAX_FILES 256
#define STATIC_MAX_BYTES (64u << 20)

struct static_file {
	char *path;   /* "/assets/app-XYZ.js" */
	char *data;
	size_t len;
	char etag[24];
	const char *type;
};

struct static_files {
	struct static_file files[STATIC_MAX_FILES];
	int n;
	size_t bytes;
};

static const char *mime_of(const char *path)
{
	static const char *const map[][2] = {
		{".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
		{".css", "text/css; charset=utf-8"},   {".svg", "image/svg+xml"},
		{".png", "image/png"},                 {".json", "application/json"},
		{".ico", "image/x-icon"},              {".webmanifest", "application/manifest+json"},
		{".woff2", "font/woff2"},              {".txt", "text/plain; charset=utf-8"},
		{".csv", "text/csv; charset=utf-8"},
	};
	const char *dot = strrchr(path, '.');
	for (size_t i = 0; dot && i < sizeof map / sizeof map[0]; i++)
		if (!strcmp(dot, map[i][0]))
			return map[i][1];
	return "application/octet-stream";
}

static void add_file(struct static_files *sf, const char *fs_path, const char *url_path)
{
	FILE *f = fopen(fs_path, "rb");
	if (!f)
		return;
	struct stat st;
	if (fstat(fileno(f), &st) || sf->n >= STATIC_MAX_FILES || sf->bytes + (size_t)st.st_size > STATIC_MAX_BYTES) {
		fclose(f);
		return;
	}
	struct static_file *x = &sf->files[sf->n];
	x->len = (size_t)st.st_size;
	x->data = xmalloc(x->len + 1);
	if (fread(x->data, 1, x->len, f) != x->len) {
		free(x->data);
		fclose(f);
		return;
	}
	fclose(f);
	uint64_t h = 1469598103934665603u;
	for (size_t i = 0; i < x->len; i++)
		h = (h ^ (unsigned char)x->data[i]) * 1099511628211u;
	snprintf(x->etag, sizeof x->etag, "\"%016llx\"", (unsigned long long)h);
	x->path = xstrdup(url_path);
	x->type = mime_of(url_path);
	sf->bytes += x->len;
	sf->n++;
}

static void load_dir(struct static_files *sf, const char *dir, const char *prefix, int depth)
{
	DIR *d = opendir(dir);
	if (!d || depth > 4) {
		if (d)
			closedir(d);
		return;
	}
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char *fs = xasprintf("%s/%s", dir, e->d_name), *url = xasprintf("%s/%s", prefix, e->d_name);
		struct stat st;
		if (!stat(fs, &st) && S_ISDIR(st.st_mode))
			load_dir(sf, fs, url, depth + 1);
		else if (S_ISREG(st.st_mode))
			add_file(sf, fs, url);
		free(fs);
		free(url);
	}
	closedir(d);
}

struct static_files *static_load(const char *dir)
{
	struct static_files *sf = xcalloc(1, sizeof *sf);
	load_dir(sf, dir, "", 0);
	if (sf->n == 0)
		log_warn("no browser app found in %s: run the web build (npm run build:web)", dir);
	return sf;
}

void static_free(struct static_files *sf)
{
	if (!sf)
		return;
	for (int i = 0; i < sf->n; i++) {
		free(sf->files[i].path);
		free(sf->files[i].data);
	}
	free(sf);
}

static const struct static_file *find_file(const struct static_files *sf, const char *path)
{
	for (int i = 0; i < sf->n; i++)
		if (!strcmp(sf->files[i].path, path))
			return &sf->files[i];
	return NULL;
}

bool static_serve(const struct static_files *sf, struct http_request *req, struct http_response *res)
{
	const struct static_file *f = find_file(sf, req->path);
	bool hashed = f && !strncmp(req->path, "/assets/", 8);
	if (!f && !strchr(strrchr(req->path, '/') ? strrchr(req->path, '/') : req->path, '.'))
		f = find_file(sf, "/index.html"); /* an app route: the app decides */
	if (!f)
		return false;
	req->route = hashed ? "/assets/*" : "/(app)";
	http_res_header(res, "ETag", f->etag);
	http_res_header(res, "Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
	http_res_header(res, "Content-Security-Policy",
			"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
			"connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
	http_res_header(res, "Referrer-Policy", "no-referrer");
	const char *inm = http_header(req, "If-None-Match");
	res->content_type = f->type;
	res->body_static = true;
	if (inm && !strcmp(inm, f->etag)) {
		res->status = 304;
		res->body = NULL;
		res->body_len = 0;
		return true;
	}
	res->status = 200;
	res->body = f->data;
	res->body_len = f->len;
	return true;
}
