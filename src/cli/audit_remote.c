/* audit_remote.c - `fleksi audit verify-remote URL`: check a running
 * server's audit log from outside, with nothing but its public endpoints.
 *
 * 1. GET URL/api/v1/audit/checkpoint: the signed tree head (size, root,
 *    time, signature, public key). The Ed25519 signature is checked; the
 *    key is pinned on first use (or given with --public-key).
 * 2. Against the checkpoint verified last time (kept in a small state file)
 *    or one given with --from-size/--from-root: GET
 *    URL/api/v1/audit/proof?from=M&to=N and verify the RFC 9162 consistency
 *    proof, i.e. that the log only grew: nothing was altered or removed.
 * 3. The new checkpoint is saved as the state for the next run.
 *
 * Only http:// is spoken (a tiny HTTP/1.1 client over a socket, so no new
 * dependency); behind TLS, run it against the node's plain address or
 * through a local tunnel. The replies are small fixed JSON shapes read by a
 * minimal extractor (jansson stays in the API layer). */
#include "cli/cli.h"
#include "core/hex.h"
#include "core/mem.h"
#include "domain/merkle.h"
#include "store/audit.h"

#include <ctype.h>
#include <getopt.h>
#include <netdb.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define REMOTE_REPLY_MAX (4u * 1024 * 1024)

struct remote {
	char host[256], port[8], prefix[256];
};

static bool parse_url(const char *url, struct remote *r)
{
	if (strncmp(url, "http://", 7))
		return false;
	const char *h = url + 7, *slash = strchr(h, '/'), *end = slash ? slash : h + strlen(h);
	const char *colon = memchr(h, ':', (size_t)(end - h));
	size_t hl = (size_t)((colon ? colon : end) - h);
	if (!hl || hl >= sizeof r->host)
		return false;
	memcpy(r->host, h, hl);
	r->host[hl] = '\0';
	snprintf(r->port, sizeof r->port, "%.*s", colon ? (int)(end - colon - 1) : 2, colon ? colon + 1 : "80");
	snprintf(r->prefix, sizeof r->prefix, "%s", slash ? slash : "");
	size_t pl = strlen(r->prefix);
	if (pl && r->prefix[pl - 1] == '/')
		r->prefix[pl - 1] = '\0';
	return true;
}

/* Decode a chunked body in place; false when malformed. */
static bool dechunk(char *body, size_t *len)
{
	char *in = body, *out = body, *end = body + *len;
	for (;;) {
		char *nl = memchr(in, '\n', (size_t)(end - in));
		if (!nl)
			return false;
		unsigned long n = strtoul(in, NULL, 16);
		in = nl + 1;
		if (!n)
			break;
		if (n > (size_t)(end - in))
			return false;
		memmove(out, in, n);
		out += n;
		in += n;
		if (in < end && *in == '\r')
			in++;
		if (in < end && *in == '\n')
			in++;
	}
	*len = (size_t)(out - body);
	body[*len] = '\0';
	return true;
}

/* GET path; 0 and the body (caller frees) on HTTP 200, else 1 with a message. */
static int http_get(const struct remote *r, const char *path, char **body)
{
	struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM}, *ai;
	if (getaddrinfo(r->host, r->port, &hints, &ai))
		return cli_fail("cannot resolve %s", r->host);
	int fd = -1;
	for (struct addrinfo *p = ai; p && fd < 0; p = p->ai_next) {
		fd = socket(p->ai_family, p->ai_socktype, p->ai_protocol);
		if (fd >= 0 && connect(fd, p->ai_addr, p->ai_addrlen)) {
			close(fd);
			fd = -1;
		}
	}
	freeaddrinfo(ai);
	if (fd < 0)
		return cli_fail("cannot connect to %s:%s", r->host, r->port);
	char req[1024];
	int n = snprintf(req, sizeof req, "GET %s%s HTTP/1.1\r\nHost: %s:%s\r\nAccept: application/json\r\n"
			 "Connection: close\r\nUser-Agent: fleksi-verify-remote\r\n\r\n", r->prefix, path, r->host, r->port);
	if (n <= 0 || (size_t)n >= sizeof req || write(fd, req, (size_t)n) != n) {
		close(fd);
		return cli_fail("cannot send the request");
	}
	struct buf b;
	buf_init(&b, REMOTE_REPLY_MAX);
	char chunk[8192];
	ssize_t got;
	while ((got = read(fd, chunk, sizeof chunk)) > 0)
		if (buf_append(&b, chunk, (size_t)got)) {
			close(fd);
			buf_free(&b);
			return cli_fail("the reply is larger than %u bytes", REMOTE_REPLY_MAX);
		}
	close(fd);
	char *text = b.data, *sep = text ? strstr(text, "\r\n\r\n") : NULL;
	int status = 0;
	if (!sep || sscanf(text, "HTTP/1.%*d %d", &status) != 1) {
		buf_free(&b);
		return cli_fail("not an HTTP reply from %s", r->host);
	}
	*sep = '\0';
	size_t blen = b.len - (size_t)(sep + 4 - text);
	char *out = xmalloc(blen + 1);
	memcpy(out, sep + 4, blen);
	out[blen] = '\0';
	bool chunked = strcasestr(text, "\r\ntransfer-encoding: chunked") != NULL;
	buf_free(&b);
	if (chunked && !dechunk(out, &blen)) {
		free(out);
		return cli_fail("malformed chunked reply");
	}
	if (status != 200) {
		fprintf(stderr, "fleksi: %s%s answered HTTP %d: %.300s\n", r->prefix, path, status, out);
		free(out);
		return 1;
	}
	*body = out;
	return 0;
}

/* ---- a minimal reader for the flat JSON replies ---- */

static const char *json_key(const char *json, const char *key)
{
	char pat[64];
	snprintf(pat, sizeof pat, "\"%s\":", key);
	const char *p = strstr(json, pat);
	return p ? p + strlen(pat) : NULL;
}

static bool json_get_str(const char *json, const char *key, char *out, size_t cap)
{
	const char *p = json_key(json, key);
	if (!p || *p != '"')
		return false;
	const char *e = strchr(p + 1, '"');
	if (!e || (size_t)(e - p - 1) >= cap || memchr(p + 1, '\\', (size_t)(e - p - 1)))
		return false;
	memcpy(out, p + 1, (size_t)(e - p - 1));
	out[e - p - 1] = '\0';
	return true;
}

static bool json_get_int(const char *json, const char *key, long long *out)
{
	const char *p = json_key(json, key);
	char *end;
	if (!p)
		return false;
	*out = strtoll(p, &end, 10);
	return end != p;
}

/* The "path" array of 64-hex strings. */
static bool json_get_path(const char *json, uint8_t (*path)[32], size_t max, size_t *len)
{
	const char *p = json_key(json, "path");
	*len = 0;
	if (!p || *p++ != '[')
		return false;
	while (*p == '"') {
		char hex[65];
		if (*len == max || strlen(p) < 66 || p[65] != '"')
			return false;
		memcpy(hex, p + 1, 64);
		hex[64] = '\0';
		if (hex_decode(hex, path[(*len)++], 32))
			return false;
		p += 66;
		if (*p == ',')
			p++;
	}
	return *p == ']';
}

/* ---- state ---- */

struct seen {
	long long size;
	char root[65], public_key[65];
};

static bool state_load(const char *file, struct seen *s)
{
	FILE *f = fopen(file, "r");
	if (!f)
		return false;
	bool ok = fscanf(f, "%64s %lld %64s", s->public_key, &s->size, s->root) == 3;
	fclose(f);
	return ok;
}

static int state_save(const char *file, const struct audit_checkpoint *cp)
{
	FILE *f = fopen(file, "w");
	if (!f || fprintf(f, "%s %lld %s\n", cp->public_key, (long long)cp->size, cp->root) < 0) {
		if (f)
			fclose(f);
		return cli_fail("cannot write the state file %s", file);
	}
	return fclose(f) ? cli_fail("cannot write the state file %s", file) : 0;
}

static int check_signature(const struct audit_checkpoint *cp)
{
	uint8_t pk[crypto_sign_PUBLICKEYBYTES], sig[crypto_sign_BYTES];
	char msg[256];
	int n = audit_checkpoint_message(cp, msg, sizeof msg);
	if (n < 0 || hex_decode(cp->public_key, pk, sizeof pk) || hex_decode(cp->signature, sig, sizeof sig))
		return cli_fail("the checkpoint is malformed");
	if (crypto_sign_verify_detached(sig, (const uint8_t *)msg, (size_t)n, pk))
		return cli_fail("checkpoint signature INVALID (size %lld)", (long long)cp->size);
	return 0;
}

static int fetch_checkpoint(const struct remote *r, struct audit_checkpoint *cp)
{
	char *body = NULL;
	long long size = 0;
	if (http_get(r, "/api/v1/audit/checkpoint", &body))
		return 1;
	bool ok = json_get_int(body, "size", &size) && json_get_str(body, "root", cp->root, sizeof cp->root) &&
		  json_get_str(body, "time", cp->time, sizeof cp->time) &&
		  json_get_str(body, "signature", cp->signature, sizeof cp->signature) &&
		  json_get_str(body, "public_key", cp->public_key, sizeof cp->public_key);
	free(body);
	cp->size = size;
	return ok ? check_signature(cp) : cli_fail("the checkpoint reply is not understood");
}

/* Verify that the tree (m, old_root) is a prefix of cp. */
static int check_consistency(const struct remote *r, long long m, const char *old_root_hex,
			     const struct audit_checkpoint *cp)
{
	if (m > cp->size)
		return cli_fail("the log SHRANK: it had %lld entries, now %lld", m, (long long)cp->size);
	char path_q[96], *body = NULL;
	snprintf(path_q, sizeof path_q, "/api/v1/audit/proof?from=%lld&to=%lld", m, (long long)cp->size);
	if (http_get(r, path_q, &body))
		return 1;
	uint8_t path[MERKLE_MAX_PATH][32], old_root[32], new_root[32];
	size_t len = 0;
	char root_from[65], root_to[65];
	bool ok = json_get_path(body, path, MERKLE_MAX_PATH, &len) &&
		  json_get_str(body, "root_from", root_from, sizeof root_from) &&
		  json_get_str(body, "root_to", root_to, sizeof root_to);
	free(body);
	if (!ok || hex_decode(old_root_hex, old_root, 32) || hex_decode(cp->root, new_root, 32))
		return cli_fail("the proof reply is not understood");
	/* The roots the server claims are not trusted: the proof is checked
	 * against the roots we hold (the earlier one and the signed one). */
	if (!merkle_verify_consistency((size_t)m, (size_t)cp->size, old_root, new_root,
				       (const uint8_t (*)[32])path, len))
		return cli_fail("consistency proof FAILED between %lld and %lld: the log was altered", m,
				(long long)cp->size);
	return 0;
}

static const char remote_usage[] =
	"usage: fleksi audit verify-remote URL [--state FILE] [--public-key HEX] [--from-size N --from-root HEX]\n"
	"\n"
	"Fetch the signed checkpoint of a running fleksi at URL (http:// only) and prove,\n"
	"with an RFC 9162 consistency proof, that its audit log only grew since the\n"
	"checkpoint verified last time (kept in --state, default ./fleksi-remote.state)\n"
	"or since the one given with --from-size and --from-root.\n";

int cmd_audit_verify_remote(int argc, char **argv)
{
	static const struct option longopts[] = {{"state", required_argument, 0, 's'},
						 {"public-key", required_argument, 0, 'k'},
						 {"from-size", required_argument, 0, 'm'},
						 {"from-root", required_argument, 0, 'r'},
						 {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
	const char *state = "fleksi-remote.state", *pin = NULL, *from_root = NULL;
	long long from_size = 0;
	int ch;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 's': state = optarg; break;
		case 'k': pin = optarg; break;
		case 'm': from_size = atoll(optarg); break;
		case 'r': from_root = optarg; break;
		case 'h': return fputs(remote_usage, stdout), 0;
		default: return EXIT_USAGE;
		}
	}
	struct remote r;
	if (optind >= argc || !parse_url(argv[optind], &r))
		return cli_usage_error("audit verify-remote: give the server's http:// URL");
	if ((from_size > 0) != (from_root != NULL))
		return cli_usage_error("audit verify-remote: --from-size and --from-root go together");
	struct audit_checkpoint cp = {0};
	if (fetch_checkpoint(&r, &cp))
		return 1;
	struct seen seen = {0};
	bool have = state_load(state, &seen);
	if (pin && strcmp(pin, cp.public_key))
		return cli_fail("the server signs with key %s, not the expected %s", cp.public_key, pin);
	if (have && strcmp(seen.public_key, cp.public_key))
		return cli_fail("the server's signing key CHANGED from %s to %s", seen.public_key, cp.public_key);
	if (from_root) {
		seen.size = from_size;
		snprintf(seen.root, sizeof seen.root, "%s", from_root);
		have = true;
	}
	if (have && seen.size > 0 && check_consistency(&r, seen.size, seen.root, &cp))
		return 1;
	if (state_save(state, &cp))
		return 1;
	if (have && seen.size > 0)
		printf("audit log consistent: %lld -> %lld entries, root %s, signed %s by %s\n", seen.size,
		       (long long)cp.size, cp.root, cp.time, cp.public_key);
	else
		printf("checkpoint verified (first use): %lld entries, root %s, signed %s by %s\n", (long long)cp.size,
		       cp.root, cp.time, cp.public_key);
	return 0;
}
