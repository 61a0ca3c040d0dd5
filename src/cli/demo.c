/* demo.c - `fleksi demo`: the Jakarta demo organisation and its logins.
 *
 * The generator (domain/demo.c) streams units and employees; they are
 * collected here and loaded through the same import path as a CSV file, so
 * the demo exercises exactly what real data goes through. */
#include "cli/cli.h"
#include "auth/password.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/mem.h"
#include "domain/demo.h"
#include "store/accounts.h"
#include "store/audit.h"
#include "store/import.h"
#include "store/plans.h"
#include "store/schedule.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#define DEMO_PASSWORD "fleksi-demo-2026"

static const char demo_usage[] =
	"usage: fleksi demo --db PATH [--employees N] [--seed S]\n"
	"\n"
	"  Builds a demo of Pemprov DKI Jakarta (default about 62,000 employees),\n"
	"  the same for the same seed, and creates five demo logins (printed).\n";

struct collected {
	struct org_unit *units;
	long nunits, cap_units;
	struct org_employee *emps;
	long nemps, cap_emps;
};

static const char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static int take_unit(void *ctx, const struct org_unit *u)
{
	struct collected *c = ctx;
	if (c->nunits == c->cap_units)
		c->units = xrealloc(c->units, (size_t)(c->cap_units = c->cap_units ? c->cap_units * 2 : 1024) * sizeof *c->units);
	struct org_unit *x = &c->units[c->nunits++];
	*x = *u;
	x->code = xstrdup(u->code);
	x->name = xstrdup(u->name);
	x->parent_code = dup_or_null(u->parent_code);
	x->kind = xstrdup(u->kind);
	x->service_open = dup_or_null(u->service_open);
	x->service_close = dup_or_null(u->service_close);
	return 0;
}

static int take_employee(void *ctx, const struct org_employee *e)
{
	struct collected *c = ctx;
	if (c->nemps == c->cap_emps)
		c->emps = xrealloc(c->emps, (size_t)(c->cap_emps = c->cap_emps ? c->cap_emps * 2 : 65536) * sizeof *c->emps);
	struct org_employee *x = &c->emps[c->nemps++];
	*x = *e;
	x->nip = xstrdup(e->nip);
	x->name = xstrdup(e->name);
	x->employment = xstrdup(e->employment);
	x->golongan = xstrdup(e->golongan);
	x->position_name = xstrdup(e->position_name);
	x->position_kind = xstrdup(e->position_kind);
	x->unit_code = xstrdup(e->unit_code);
	x->supervisor_nip = dup_or_null(e->supervisor_nip);
	x->appointed_on = xstrdup(e->appointed_on);
	return 0;
}

static void free_collected(struct collected *c)
{
	for (long i = 0; i < c->nunits; i++) {
		struct org_unit *u = &c->units[i];
		free((char *)u->code), free((char *)u->name), free((char *)u->parent_code), free((char *)u->kind);
		free((char *)u->service_open), free((char *)u->service_close);
	}
	for (long i = 0; i < c->nemps; i++) {
		struct org_employee *e = &c->emps[i];
		free((char *)e->nip), free((char *)e->name), free((char *)e->employment), free((char *)e->golongan);
		free((char *)e->position_name), free((char *)e->position_kind), free((char *)e->unit_code);
		free((char *)e->supervisor_nip), free((char *)e->appointed_on);
	}
	free(c->units);
	free(c->emps);
}

static int load(struct db *db, struct collected *c)
{
	struct orgcsv_problems p;
	orgcsv_problems_init(&p);
	struct import_request req = {"demo", NULL, false, cli_progress, (void *)"units"};
	int rc = import_units(db, c->units, NULL, c->nunits, &req, &p);
	if (!rc) {
		req.progress_ctx = (void *)"employees";
		rc = import_employees(db, c->emps, NULL, c->nemps, &req, &p);
	}
	for (int i = 0; i < p.listed && i < 10; i++)
		fprintf(stderr, "demo row %ld %s: %s\n", p.items[i].line, p.items[i].column, p.items[i].message_en);
	orgcsv_problems_free(&p);
	return rc;
}

struct demo_login {
	const char *username;
	unsigned roles;
	const char *nip;
	const char *unit;
	const char *what;
};

static int add_logins(struct db *db, const struct demo_people *pp)
{
	const struct demo_login logins[] = {
		{"admin.bkd", ROLE_ADMIN_BKD, NULL, NULL, "admin_bkd (HR agency: everything)"},
		{"inspektur", ROLE_INSPEKTORAT | ROLE_PEGAWAI, pp->inspektur_nip, NULL, "inspektorat (reads everything)"},
		{"kepala.bappeda", ROLE_KEPALA_OPD | ROLE_PEGAWAI, pp->kepala_opd_nip, pp->kepala_opd_unit,
		 "kepala_opd of Bappeda"},
		{"atasan.bappeda", ROLE_PEGAWAI, pp->atasan_nip, NULL, "atasan (a Kepala Bidang with staff)"},
		{"pegawai.bappeda", ROLE_PEGAWAI, pp->pegawai_nip, NULL, "pegawai (a Perencana)"},
	};
	char hash[PASSWORD_HASH_MAX];
	if (password_hash(DEMO_PASSWORD, hash))
		return ERR_INVALID;
	printf("\nDemo logins (password for all: %s):\n", DEMO_PASSWORD);
	for (size_t i = 0; i < sizeof logins / sizeof logins[0]; i++) {
		struct account_spec spec = {logins[i].username, hash, logins[i].nip, logins[i].roles, logins[i].unit};
		const char *what;
		int rc = accounts_add(db, &spec, "demo", &what);
		if (rc && rc != ERR_CONFLICT)
			return rc;
		printf("  %-16s %s%s\n", logins[i].username, logins[i].what, rc == ERR_CONFLICT ? " (already there)" : "");
	}
	return 0;
}

int cmd_demo(int argc, char **argv)
{
	static const struct option longopts[] = {{"db", required_argument, 0, 'd'}, {"employees", required_argument, 0, 'e'},
						 {"seed", required_argument, 0, 's'}, {"help", no_argument, 0, 'h'},
						 {0, 0, 0, 0}};
	const char *db_opt = NULL;
	struct demo_options opt = {DEMO_DEFAULT_EMPLOYEES, 1};
	int ch;
	char *end;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'd': db_opt = optarg; break;
		case 'e': opt.employees = strtol(optarg, &end, 10); if (*end) opt.employees = -1; break;
		case 's': opt.seed = strtoull(optarg, &end, 10); if (*end) return cli_usage_error("demo: --seed must be a number"); break;
		case 'h': return fputs(demo_usage, stdout), 0;
		default: return EXIT_USAGE;
		}
	}
	const char *uri = cli_db_uri(db_opt);
	if (!uri)
		return cli_usage_error("demo: --db is required (or set FLEKSI_DB)");
	if (opt.employees < 100 || opt.employees > 5000000)
		return cli_usage_error("demo: --employees must be between 100 and 5000000");
	struct db *db = cli_open_db(uri, 1);
	if (!db)
		return 1;
	uint64_t t0 = clock_mono_ns();
	struct collected c = {0};
	struct demo_people people;
	struct demo_sink sink = {&c, take_unit, take_employee};
	int rc = demo_generate(&opt, &sink, &people);
	if (!rc)
		rc = load(db, &c);
	if (!rc)
		printf("demo: %ld units and %ld employees in %.1f s\n", c.nunits, c.nemps, (double)(clock_mono_ns() - t0) / 1e9);
	if (!rc)
		rc = add_logins(db, &people);
	/* ---- demo seeding of later areas (one call each, in order) ---- */
	/* calendar: schedules for 24-hour units */
	if (!rc)
		rc = schedule_demo_seed(db);
	/* plans: staffing minimums and sample plans */
	if (!rc)
		rc = plans_demo_seed(db, people.pegawai_nip, people.atasan_nip);
	free_collected(&c);
	db_close(db);
	return rc ? cli_fail("demo failed: %s", err_name(rc)) : 0;
}
