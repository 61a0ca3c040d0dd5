/* close.c - `fleksi close`: close working days into day accounts (issue 6
 * item 1), date by date in order, and print what each close did and how
 * long it took. Closing is idempotent: a date closed again with the same
 * data changes no row; a late leave or a calendar amendment is picked up.
 * The server closes days by itself (serve's upkeep pass); this command is
 * for catching up, replaying a range, and the bench. */
#include "cli/cli.h"
#include "core/clock.h"
#include "core/date.h"
#include "core/err.h"
#include "store/attendance.h"
#include "store/cases.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

static const char close_usage[] =
	"usage: fleksi close --db PATH --from YYYY-MM-DD [--to YYYY-MM-DD]\n"
	"\n"
	"  Closes each date from --from to --to (default: --from) for every active\n"
	"  employee: the day's status (hadir, wfh, wfa, kantor_lain, cuti, sakit,\n"
	"  dinas_luar, tugas_belajar, libur, alpa), minutes late and left early, net\n"
	"  minutes and violations, from the schedule, the calendar, approved plans,\n"
	"  leave and the day's check-ins. One transaction per date; at most 400\n"
	"  dates. Prints per date: employees, rows changed, unexcused absences,\n"
	"  violation rows and the time taken; then the total. Each closed date's\n"
	"  disciplinary cases are processed after it (new cases, deadlines falling\n"
	"  on it, escalations).\n";

struct totals {
	struct db *db;
	int rc;                   /* the first failure of processing cases */
	long cases_opened, escalated;
	long dates, employees, changed;
	double ms, cases_ms;
	double cpu_mark;          /* process CPU ms at the previous date */
};

/* This process's user + system CPU time in ms: steadier than wall time on a
 * busy machine (the bench prints both). */
static double cpu_ms(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
	       (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

static int print_day(void *ctx, const struct attendance_close_stats *st)
{
	struct totals *t = ctx;
	char date[DATE_TEXT];
	date_format(st->day, date);
	double cpu = cpu_ms();
	printf("%s  %-11s employees %6ld  changed %6ld  alpa %6ld  violations %6ld  %8.1f ms  cpu %7.1f ms\n", date,
	       st->working_day ? "working" : "day-off", st->employees, st->changed, st->alpa, st->violations, st->ms,
	       cpu - t->cpu_mark);
	t->cpu_mark = cpu;
	fflush(stdout);
	t->dates++, t->employees += st->employees, t->changed += st->changed, t->ms += st->ms;
	/* Closing a date also processes its cases and the deadlines falling on
	 * it, so closing a range replays time faithfully (store/cases.h). */
	struct cases_process_stats cs;
	uint64_t t0 = clock_mono_ns();
	int rc = cases_process_day(t->db, st->day, "cli:close", &cs);
	if (rc)
		return t->rc = rc;
	double ms = (double)(clock_mono_ns() - t0) / 1e6;
	t->cases_ms += ms;
	/* indented, so a line starting with the date stays the close's own */
	printf("  %s cases: recomputed %ld  opened %ld  raised %ld  lowered %ld  withdrawn %ld  escalated %ld"
	       "  closed %ld  %.1f ms\n", date, cs.employees, cs.opened, cs.raised, cs.lowered, cs.withdrawn,
	       cs.escalated, cs.closed, ms);
	fflush(stdout);
	t->cases_opened += cs.opened, t->escalated += cs.escalated;
	return 0;
}

int cmd_close(int argc, char **argv)
{
	const char *db_opt = NULL, *from_s = NULL, *to_s = NULL;
	static const struct option longopts[] = {{"db", required_argument, 0, 'd'},
						 {"from", required_argument, 0, 'f'},
						 {"to", required_argument, 0, 't'},
						 {"help", no_argument, 0, 'h'},
						 {0, 0, 0, 0}};
	optind = 1;
	int ch;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'd': db_opt = optarg; break;
		case 'f': from_s = optarg; break;
		case 't': to_s = optarg; break;
		case 'h': return fputs(close_usage, stdout), 0;
		default: return fputs(close_usage, stderr), EXIT_USAGE;
		}
	}
	if (optind < argc)
		return cli_usage_error("close: unexpected argument \"%s\"", argv[optind]);
	int32_t from, to;
	if (!from_s || !date_parse(from_s, &from))
		return cli_usage_error("close: --from YYYY-MM-DD is required");
	if (!to_s)
		to = from;
	else if (!date_parse(to_s, &to))
		return cli_usage_error("close: --to must be a date YYYY-MM-DD");
	if (to < from || to - from >= 400)
		return cli_usage_error("close: --to must be on or after --from, at most 400 dates");
	const char *uri = cli_db_uri(db_opt);
	if (!uri)
		return cli_usage_error("close: --db PATH (or FLEKSI_DB) is required");
	struct db *db = cli_open_db(uri, 2); /* the close holds one while cases are processed on the other */
	if (!db)
		return 1;
	struct totals t = {.db = db, .cpu_mark = cpu_ms()};
	int rc = attendance_close_range(db, from, to, "cli:close", print_day, &t);
	if (!rc && t.rc)
		rc = t.rc;
	db_close(db);
	if (rc)
		return cli_fail("close: %s (dates closed before the failure stay closed)", err_name(rc));
	printf("closed %ld dates: %ld accounts, %ld changed, %.1f ms, process cpu %.1f ms\n", t.dates, t.employees,
	       t.changed, t.ms, cpu_ms());
	printf("cases: %ld opened, %ld escalated, %.1f ms\n", t.cases_opened, t.escalated, t.cases_ms);
	return 0;
}
