/* serve.c - `fleksi serve`: the HTTP server and its background upkeep.
 *
 * The main thread waits for SIGTERM/SIGINT; a maintenance thread signs an
 * audit checkpoint when the log has grown, purges expired sessions and, on
 * SQLite, checkpoints the WAL (Debian's SQLite never shrinks it alone).
 * Shutdown: stop accepting, let in-flight requests finish, sign a last
 * checkpoint, close the database. */
#include "api/api.h"
#include "cli/cli.h"
#include "core/clock.h"
#include "core/log.h"
#include "core/mem.h"
#include "store/accounts.h"
#include "store/audit.h"

#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char serve_usage[] =
	"usage: fleksi serve --db PATH|postgresql://URI [--listen ADDR:PORT] [--threads N]\n"
	"                    [--web DIR] [--audit-key FILE] [--secure-cookies]\n"
	"\n"
	"  --db          SQLite file (created when missing) or PostgreSQL URI (env FLEKSI_DB)\n"
	"  --listen      address to listen on, default 127.0.0.1:8080 (env FLEKSI_LISTEN)\n"
	"  --threads     HTTP worker threads, default 8\n"
	"  --web         directory of the built browser app, default " FLEKSI_WEB_DIR "\n"
	"  --audit-key   secrets file (audit signing key, token key); created when missing\n"
	"                (env FLEKSI_AUDIT_KEY; default: next to the SQLite file)\n"
	"  --secure-cookies  mark the session cookie Secure (when served over HTTPS)\n"
	"  --trust-proxy     take the client address from X-Forwarded-For (behind nginx)\n";

struct upkeep {
	struct app *app;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	bool stop;
};

static void upkeep_once(struct app *app)
{
	struct audit_checkpoint cp;
	if (audit_checkpoint_now(app->db, &app->signer, &cp))
		log_warn("could not sign an audit checkpoint");
	struct db_conn *c = db_acquire(app->db);
	if (db_begin_write(c) == 0) {
		if (accounts_session_purge(c, clock_unix()) || db_commit(c))
			db_rollback(c);
	}
	if (db_conn_dialect(c) == DB_SQLITE)
		db_exec(c, "PRAGMA wal_checkpoint(PASSIVE)");
	db_release(app->db, c);
}

static void *upkeep_main(void *arg)
{
	struct upkeep *u = arg;
	pthread_mutex_lock(&u->lock);
	while (!u->stop) {
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += 60;
		pthread_cond_timedwait(&u->wake, &u->lock, &until);
		if (u->stop)
			break;
		pthread_mutex_unlock(&u->lock);
		upkeep_once(u->app);
		pthread_mutex_lock(&u->lock);
	}
	pthread_mutex_unlock(&u->lock);
	return NULL;
}

struct serve_options {
	const char *db, *listen, *web, *key;
	int threads;
	bool secure, trust_proxy;
};

static int parse_serve(int argc, char **argv, struct serve_options *o)
{
	static const struct option longopts[] = {
		{"db", required_argument, 0, 'd'},     {"listen", required_argument, 0, 'l'},
		{"threads", required_argument, 0, 't'}, {"web", required_argument, 0, 'w'},
		{"audit-key", required_argument, 0, 'k'}, {"secure-cookies", no_argument, 0, 's'},
		{"trust-proxy", no_argument, 0, 'p'},   {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
	int ch;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'd': o->db = optarg; break;
		case 'l': o->listen = optarg; break;
		case 't': o->threads = atoi(optarg); break;
		case 'w': o->web = optarg; break;
		case 'k': o->key = optarg; break;
		case 's': o->secure = true; break;
		case 'p': o->trust_proxy = true; break;
		case 'h': fputs(serve_usage, stdout); return -1;
		default: return EXIT_USAGE;
		}
	}
	if (optind < argc)
		return cli_usage_error("serve: unexpected argument \"%s\"", argv[optind]);
	o->db = cli_db_uri(o->db);
	if (!o->db)
		return cli_usage_error("serve: --db is required (or set FLEKSI_DB)");
	if (!o->listen)
		o->listen = getenv("FLEKSI_LISTEN") && *getenv("FLEKSI_LISTEN") ? getenv("FLEKSI_LISTEN") : "127.0.0.1:8080";
	if (o->threads < 1 || o->threads > 256)
		return cli_usage_error("serve: --threads must be between 1 and 256");
	return 0;
}

static int wait_for_signal(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	int sig = 0;
	sigwait(&set, &sig);
	return sig;
}

static int run_server(struct app *app, const struct serve_options *o)
{
	char err[256];
	struct http_app http = {app, api_handle, api_body_limit, o->trust_proxy};
	struct http_server *server = http_start(o->listen, o->threads, &http, err, sizeof err);
	if (!server)
		return cli_fail("%s", err);
	struct upkeep up = {.app = app, .lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER};
	pthread_t upkeep_thread;
	pthread_create(&upkeep_thread, NULL, upkeep_main, &up);
	upkeep_once(app); /* sign a checkpoint for what the CLI wrote since the last run */
	log_info("fleksi %s listening on http://%s (%s)", FLEKSI_VERSION, o->listen,
		 db_dialect(app->db) == DB_SQLITE ? "SQLite" : "PostgreSQL");
	int sig = wait_for_signal();
	log_info("signal %d: finishing in-flight requests", sig);
	http_stop(server, 10000);
	pthread_mutex_lock(&up.lock);
	up.stop = true;
	pthread_cond_signal(&up.wake);
	pthread_mutex_unlock(&up.lock);
	pthread_join(upkeep_thread, NULL);
	upkeep_once(app);
	log_info("stopped cleanly");
	return 0;
}

int cmd_serve(int argc, char **argv)
{
	struct serve_options o = {.threads = 8, .web = FLEKSI_WEB_DIR};
	int rc = parse_serve(argc, argv, &o);
	if (rc)
		return rc < 0 ? 0 : rc;
	/* Block the stop signals in every thread; the main thread takes them with sigwait. */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	struct app app = {.secure_cookies = o.secure};
	char err[256], *key = cli_key_path(o.key, o.db);
	rc = signer_load(key, &app.signer, err, sizeof err);
	free(key);
	if (rc)
		return cli_fail("%s", err);
	/* A request holds its own connection and may take one more for a job
	 * with its own transactions (import, checkpoint); the upkeep thread needs
	 * one. Two per worker plus spares means nobody can wait on the pool forever. */
	if (!(app.db = cli_open_db(o.db, 2 * o.threads + 2)))
		return 1;
	app.web = static_load(o.web);
	rc = run_server(&app, &o);
	static_free(app.web);
	db_close(app.db);
	sodium_memzero(&app.signer, sizeof app.signer);
	return rc;
}
