/* rotation.c - `fleksi rotation propose`: propose a rotation for one unit or
 * for every unit with staff over a period, and print the figures (the
 * issue's measure: time for every demo unit over a month, the share of
 * units whose coverage is fully met, the largest fairness spread).
 *
 * Every roster is loaded in bulk (store/roster.h: a fixed handful of
 * queries), then each unit is proposed in memory; with --save each proposal
 * is stored as a draft (audited), all in one transaction. */
#include "cli/cli.h"
#include "core/clock.h"
#include "core/date.h"
#include "core/err.h"
#include "core/mem.h"
#include "store/org_store.h"
#include "store/roster.h"
#include "store/rotation.h"

#include <getopt.h>
#include <sys/resource.h>
#include <stdio.h>
#include <string.h>

static const char rotation_usage[] =
	"usage: fleksi rotation propose --db PATH --from YYYY-MM-DD --to YYYY-MM-DD [--unit CODE] [--save]\n"
	"\n"
	"  Proposes who works away from the office on which day, for the unit CODE or\n"
	"  for every unit with staff, over at most 62 days: coverage first (minimum\n"
	"  staff on site per day and per service hour), then the weekly cap and the\n"
	"  unit's share, then fairness, then preferred weekdays. Prints the figures:\n"
	"  units, units whose coverage is fully met, the largest fairness spread,\n"
	"  days proposed, and the time to load and to propose. --save stores each\n"
	"  proposal as a draft rotation (the head edits and publishes it).\n";

struct totals {
	long units_with_staff, covered_units, proposed_days, gaps, people;
	int max_spread;
	long spread_hist[3];          /* 0, 1, 2 or more */
	char max_spread_unit[33];
	char gap_units[5][33];        /* the first units whose coverage is not met */
	uint64_t propose_ns, save_ns;
};

static int count_unit(void *ctx, const struct unit_row *u)
{
	(void)u;
	(*(long *)ctx)++;
	return 0;
}

/* Propose for one roster, add its figures, and save it when asked. */
static int propose_one(struct db_conn *c, const struct roster *r, int32_t from, int32_t to, bool save,
		       struct totals *t)
{
	uint64_t t0 = clock_mono_ns();
	struct rotation_input x;
	struct rot_result res;
	rotation_input_build(r, from, to, &x);
	int rc = rot_propose(&x.in, &res);
	t->propose_ns += clock_mono_ns() - t0;
	if (rc) {
		rotation_input_free(&x);
		return rc;
	}
	t->units_with_staff++;
	t->people += r->npeople;
	t->covered_units += res.coverage_met;
	long uncovered = t->units_with_staff - t->covered_units;
	if (!res.coverage_met && uncovered <= 5)
		snprintf(t->gap_units[uncovered - 1], sizeof t->gap_units[0], "%s", r->code);
	t->proposed_days += res.proposed_days;
	t->gaps += res.n_gaps;
	t->spread_hist[res.fairness_spread < 2 ? res.fairness_spread : 2]++;
	if (res.fairness_spread > t->max_spread || !t->max_spread_unit[0]) {
		t->max_spread = res.fairness_spread;
		snprintf(t->max_spread_unit, sizeof t->max_spread_unit, "%s", r->code);
	}
	if (save) {
		uint64_t t1 = clock_mono_ns();
		int64_t id;
		rc = rotation_save(c, r, &x, &res, "cli:rotation", &id);
		t->save_ns += clock_mono_ns() - t1;
	}
	rot_result_free(&res);
	rotation_input_free(&x);
	return rc;
}

static void print_totals(long units, const struct totals *t, double load_ms, int32_t from, int32_t to, bool save)
{
	char a[DATE_TEXT], b[DATE_TEXT];
	date_format(from, a);
	date_format(to, b);
	long n = t->units_with_staff;
	printf("period: %s .. %s (%d days)\n", a, b, to - from + 1);
	printf("units: %ld; with staff: %ld; people: %ld\n", units, n, t->people);
	printf("coverage fully met: %ld of %ld units (%.1f%%); gaps reported: %ld (day or service hour)\n",
	       t->covered_units, n, n ? 100.0 * (double)t->covered_units / (double)n : 100.0, t->gaps);
	if (t->covered_units < n) {
		printf("units whose coverage is not met (first 5):");
		for (int i = 0; i < 5 && t->gap_units[i][0]; i++)
			printf(" %s", t->gap_units[i]);
		printf("\n");
	}
	printf("fairness spread: largest %d (unit %s); units with spread 0: %ld, 1: %ld, 2 or more: %ld\n",
	       t->max_spread, t->max_spread_unit[0] ? t->max_spread_unit : "-", t->spread_hist[0], t->spread_hist[1],
	       t->spread_hist[2]);
	printf("days proposed away: %ld\n", t->proposed_days);
	printf("time: load %.0f ms, propose %.0f ms, total %.0f ms", load_ms, (double)t->propose_ns / 1e6,
	       load_ms + (double)t->propose_ns / 1e6);
	if (save)
		printf(", save %.0f ms", (double)t->save_ns / 1e6);
	/* CPU time of the whole process: steadier than wall time on a busy machine */
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("; process cpu: user %.0f ms, sys %.0f ms\n", (double)ru.ru_utime.tv_sec * 1e3 + (double)ru.ru_utime.tv_usec / 1e3,
	       (double)ru.ru_stime.tv_sec * 1e3 + (double)ru.ru_stime.tv_usec / 1e3);
}

/* Load the rosters (one unit or all), propose each, print. */
static int run(struct db_conn *c, const char *unit_code, int32_t from, int32_t to, bool save)
{
	long units = 0;
	struct unit_row unit;
	int rc = save ? db_begin_write(c) : db_begin_read(c);
	if (!rc)
		rc = units_each(c, count_unit, &units);
	if (!rc && unit_code)
		rc = unit_get(c, unit_code, &unit);
	if (rc) {
		db_rollback(c);
		return rc == ERR_NOT_FOUND ? cli_fail("rotation: no unit \"%s\"", unit_code) : cli_fail("rotation: %s",
															    err_name(rc));
	}
	struct roster_set set = {0};
	uint64_t t0 = clock_mono_ns();
	if (unit_code) {
		set.units = xcalloc(1, sizeof *set.units);
		rc = roster_load(c, unit.id, from, to, &set.units[0]);
		set.n = 1;
	} else {
		rc = roster_load_all(c, NULL, from, to, &set);
	}
	double load_ms = (double)(clock_mono_ns() - t0) / 1e6;
	struct totals t = {0};
	for (int i = 0; !rc && i < set.n; i++)
		if (set.units[i].npeople > 0)
			rc = propose_one(c, &set.units[i], from, to, save, &t);
	roster_set_free(&set);
	if (!rc)
		rc = save ? db_commit(c) : (db_rollback(c), 0);
	else
		db_rollback(c);
	if (rc)
		return cli_fail("rotation: %s", err_name(rc));
	print_totals(units, &t, load_ms, from, to, save);
	return 0;
}

int cmd_rotation(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "propose"))
		return cli_wants_help(argc, argv) ? (fputs(rotation_usage, stdout), 0)
						  : cli_usage_error("rotation: the only subcommand is \"propose\"");
	static const struct option longopts[] = {
		{"db", required_argument, 0, 'd'}, {"from", required_argument, 0, 'f'}, {"to", required_argument, 0, 't'},
		{"unit", required_argument, 0, 'u'}, {"save", no_argument, 0, 's'}, {"help", no_argument, 0, 'h'},
		{0, 0, 0, 0}};
	const char *db_opt = NULL, *from_s = NULL, *to_s = NULL, *unit = NULL;
	bool save = false;
	int ch;
	optind = 1;
	while ((ch = getopt_long(argc - 1, argv + 1, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'd': db_opt = optarg; break;
		case 'f': from_s = optarg; break;
		case 't': to_s = optarg; break;
		case 'u': unit = optarg; break;
		case 's': save = true; break;
		case 'h': return fputs(rotation_usage, stdout), 0;
		default: return EXIT_USAGE;
		}
	}
	if (optind + 1 < argc)
		return cli_usage_error("rotation propose: unexpected argument \"%s\"", argv[optind + 1]);
	const char *uri = cli_db_uri(db_opt);
	int32_t from, to;
	if (!uri)
		return cli_usage_error("rotation propose: --db is required (or set FLEKSI_DB)");
	if (!from_s || !to_s || !date_parse(from_s, &from) || !date_parse(to_s, &to))
		return cli_usage_error("rotation propose: --from and --to are dates YYYY-MM-DD");
	if (to < from || to - from + 1 > ROT_MAX_DAYS)
		return cli_usage_error("rotation propose: the period runs forward and lasts at most %d days", ROT_MAX_DAYS);
	struct db *db = cli_open_db(uri, 1);
	if (!db)
		return 1;
	struct db_conn *c = db_acquire(db);
	int rc = run(c, unit, from, to, save);
	db_release(db, c);
	db_close(db);
	return rc;
}
