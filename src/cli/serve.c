/* serve.c - `fleksi serve`: the HTTP server and its background upkeep.
 *
 * The main thread waits for SIGTERM/SIGINT; a maintenance thread signs an
 * audit checkpoint when the log has grown, purges expired sessions,
 * escalates overdue citizens' reports, closes the working days that are
 * due and, on SQLite, checkpoints the WAL (Debian's SQLite never shrinks it
 * alone).
 * Shutdown: stop accepting, let in-flight requests finish, sign a last
 * checkpoint, close the database. */
#include "api/api.h"
#include "cli/cli.h"
#include "core/clock.h"
#include "core/date.h"
#include "core/log.h"
#include "core/mem.h"
#include "store/accounts.h"
#include "store/attendance.h"
#include "store/audit.h"
#include "store/cases.h"
#include "store/jobs.h"
#include "store/partitions.h"
#include "store/reports.h"
#include "store/retention.h"

#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char serve_usage[] =
	"usage: fleksi serve --db PATH|postgresql://URI [--listen ADDR:PORT] [--threads N]\n"
	"                    [--web DIR] [--audit-key FILE] [--secure-cookies]\n"
	"\n"
	"  --db          SQLite file (created when missing) or PostgreSQL URI (env FLEKSI_DB)\n"
	"  --listen      address to listen on, default 127.0.0.1:8080 (env FLEKSI_LISTEN)\n"
	"  --threads     HTTP worker threads, default twice the CPUs (4 to 64)\n"
	"  --web         directory of the built browser app, default " FLEKSI_WEB_DIR "\n"
	"  --audit-key   secrets file (audit signing key, token key); created when missing\n"
	"                (env FLEKSI_AUDIT_KEY; default: next to the SQLite file)\n"
	"  --secure-cookies  mark the session cookie Secure (when served over HTTPS)\n"
	"  --trust-proxy     take the client address from X-Forwarded-For (behind nginx)\n"
	"  --upkeep-interval seconds between upkeep passes (checkpoint, purges), default 60;\n"
	"                    with several nodes on one database one node does each pass\n";

/* Recurring work is shared by every node on the database: the node holding
 * the "upkeep" lease does it, once per period (store/jobs.h); a node that
 * dies stops holding the lease after three periods. The WAL checkpoint is
 * local to a SQLite file and runs on every pass. */
struct upkeep {
	struct app *app;
	int interval_s;
	char holder[JOB_HOLDER_MAX];
	pthread_mutex_t lock;
	pthread_cond_t wake;
	bool stop;
};

#define UPKEEP_JOB "upkeep"
#define JOB_RUNS_KEEP_S (30 * 86400)

static const char SQL_RUNS_PURGE[] = "DELETE FROM job_run WHERE started_at < $1";

/* Take the lease and claim this period; true when this node is to run it. */
static bool upkeep_claim(struct db_conn *c, const struct upkeep *u, int64_t now, char period[32])
{
	time_t start = (time_t)(now - now % u->interval_s);
	struct tm tm;
	gmtime_r(&start, &tm);
	strftime(period, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
	bool leased = false, claimed = false;
	if (db_begin_write(c))
		return false;
	int rc = jobs_lease_acquire(c, UPKEEP_JOB, u->holder, now, 3 * u->interval_s, &leased);
	if (!rc && leased)
		rc = jobs_run_claim(c, UPKEEP_JOB, period, u->holder, now, &claimed);
	if (rc || db_commit(c)) {
		db_rollback(c);
		return false;
	}
	return claimed;
}

static void upkeep_shared(struct db_conn *c, const struct upkeep *u, int64_t now)
{
	char period[32];
	if (!upkeep_claim(c, u, now, period))
		return;
	/* PostgreSQL: this month's and next month's partitions exist before any
	 * write needs them (store/partitions.h). */
	int32_t today;
	int minute;
	tz_local(now, TZ_WIB, &today, &minute);
	if (partitions_ensure_around(c, today))
		log_warn("could not create the monthly partitions");
	struct audit_checkpoint cp;
	int rc = audit_checkpoint_now(u->app->db, &u->app->signer, &cp);
	if (rc)
		log_warn("could not sign an audit checkpoint");
	if (db_begin_write(c) == 0) {
		struct db_stmt *s = db_prepare(c, SQL_RUNS_PURGE);
		int prc = s ? 0 : -1;
		if (s) {
			db_bind_int(s, 1, now - JOB_RUNS_KEEP_S);
			prc = db_step(s) < 0 ? -1 : 0;
			db_reset(s);
		}
		int escalated = 0; /* citizens' reports past a deadline go to the unit head */
		if (prc || accounts_session_purge(c, now) || reports_escalate_overdue(c, now, &escalated) ||
		    jobs_run_finish(c, UPKEEP_JOB, period, clock_unix(), rc ? "checkpoint_failed" : "ok") || db_commit(c))
			db_rollback(c);
	}
}

static void upkeep_once(struct upkeep *u)
{
	struct db_conn *c = db_acquire(u->app->db);
	upkeep_shared(c, u, clock_unix());
	if (db_conn_dialect(c) == DB_SQLITE)
		db_exec(c, "PRAGMA wal_checkpoint(PASSIVE)");
	db_release(u->app->db, c);
}

/* At shutdown: sign what this node's requests wrote (a checkpoint signs
 * only when the log has grown) and hand the lease over at once. */
static void upkeep_last(struct upkeep *u)
{
	struct audit_checkpoint cp;
	if (audit_checkpoint_now(u->app->db, &u->app->signer, &cp))
		log_warn("could not sign an audit checkpoint");
	struct db_conn *c = db_acquire(u->app->db);
	if (db_begin_write(c) == 0 && (jobs_lease_release(c, UPKEEP_JOB, u->holder) || db_commit(c)))
		db_rollback(c);
	if (db_conn_dialect(c) == DB_SQLITE)
		db_exec(c, "PRAGMA wal_checkpoint(PASSIVE)");
	db_release(u->app->db, c);
}

static void *upkeep_main(void *arg)
{
	struct upkeep *u = arg;
	pthread_mutex_lock(&u->lock);
	while (!u->stop) {
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += u->interval_s;
		pthread_cond_timedwait(&u->wake, &u->lock, &until);
		if (u->stop)
			break;
		pthread_mutex_unlock(&u->lock);
		upkeep_once(u);
		/* attendance: close the days whose close time has passed, once
		 * across nodes (store/attendance.h); not in the start-up pass, so
		 * a starting server answers at once. */
		int closed_days;
		if (attendance_close_due(u->app->db, u->holder, clock_unix(), &closed_days))
			log_warn("the scheduled close of days failed");
		/* cases: process every closed date not processed since its last
		 * close (new cases, deadlines, escalations), once across nodes
		 * (store/cases.h). */
		int case_days;
		if (cases_process_due(u->app->db, u->holder, clock_unix(), &case_days))
			log_warn("processing cases of closed days failed");
		/* privacy: reduce raw locations past their retention, once a day
		 * across nodes (store/retention.h). */
		bool reduced_now;
		struct retention_result kept;
		if (retention_due(u->app->db, u->holder, clock_unix(), &reduced_now, &kept))
			log_warn("the scheduled privacy reduction failed");
		pthread_mutex_lock(&u->lock);
	}
	pthread_mutex_unlock(&u->lock);
	return NULL;
}

struct serve_options {
	const char *db, *listen, *web, *key;
	int threads;
	int upkeep_interval_s;
	bool secure, trust_proxy;
};

static int parse_serve(int argc, char **argv, struct serve_options *o)
{
	static const struct option longopts[] = {
		{"db", required_argument, 0, 'd'},     {"listen", required_argument, 0, 'l'},
		{"threads", required_argument, 0, 't'}, {"web", required_argument, 0, 'w'},
		{"audit-key", required_argument, 0, 'k'}, {"secure-cookies", no_argument, 0, 's'},
		{"trust-proxy", no_argument, 0, 'p'},   {"upkeep-interval", required_argument, 0, 'u'},
		{"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
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
		case 'u': o->upkeep_interval_s = atoi(optarg); break;
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
	if (o->upkeep_interval_s < 1 || o->upkeep_interval_s > 3600)
		return cli_usage_error("serve: --upkeep-interval must be between 1 and 3600 seconds");
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
	struct upkeep up = {.app = app, .interval_s = o->upkeep_interval_s, .lock = PTHREAD_MUTEX_INITIALIZER,
			    .wake = PTHREAD_COND_INITIALIZER};
	jobs_holder_name(up.holder);
	upkeep_once(&up); /* sign a checkpoint for what the CLI wrote since the last run */
	pthread_t upkeep_thread;
	pthread_create(&upkeep_thread, NULL, upkeep_main, &up);
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
	upkeep_last(&up);
	log_info("stopped cleanly");
	return 0;
}

/* Twice the CPUs: each worker thread serves its share of the connections
 * with epoll and also runs the blocking database reads of its requests, so
 * a few more threads than cores keep the CPUs busy while one waits; many
 * more only add context switches (bench/checkin.sh on 2 cores: 4 threads
 * about 8 % more check-ins a second than 8). */
static int default_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 2 ? 4 : n > 32 ? 64 : (int)(2 * n);
}

int cmd_serve(int argc, char **argv)
{
	struct serve_options o = {.threads = default_threads(), .upkeep_interval_s = 60, .web = FLEKSI_WEB_DIR};
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
	 * with its own transactions (import, checkpoint); the upkeep thread, the
	 * check-in writer and its WAL checkpoints need one each. Two per worker
	 * plus those means nobody can wait on the pool forever. */
	if (!(app.db = cli_open_db(o.db, 2 * o.threads + 3)))
		return 1;
	app.web = static_load(o.web);
	rc = run_server(&app, &o);
	static_free(app.web);
	db_close(app.db);
	sodium_memzero(&app.signer, sizeof app.signer);
	return rc;
}
