/* open311.c (cli) - `fleksi open311`: app keys for Open311 clients and the
 * escalation of overdue citizens' reports.
 *
 *   fleksi open311 key add --db PATH --name APP     prints the new api_key
 *   fleksi open311 escalate --db PATH               records escalations now
 */
#include "cli/cli.h"
#include "core/err.h"
#include "store/reports.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char open311_usage[] =
	"usage: fleksi open311 key add --db PATH --name APP\n"
	"       fleksi open311 escalate --db PATH\n"
	"\n"
	"key add    issue an api_key for an Open311 app (POST /open311/v2/requests);\n"
	"           the key is printed once and only its SHA-256 is stored\n"
	"escalate   record an escalation to the body's head for every report past a deadline\n";

static int parse(int argc, char **argv, const char **db, const char **name)
{
	static const struct option longopts[] = {{"db", required_argument, 0, 'd'},
						 {"name", required_argument, 0, 'n'},
						 {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
	int ch;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'd': *db = optarg; break;
		case 'n': *name = optarg; break;
		case 'h': fputs(open311_usage, stdout); return 0;
		default: return EXIT_USAGE;
		}
	}
	return -1;
}

static int key_add(const char *uri, const char *name)
{
	if (!name || !*name || strlen(name) > 100)
		return cli_usage_error("open311 key add: --name APP is required (1..100 characters)");
	struct db *db = cli_open_db(uri, 1);
	if (!db)
		return 1;
	struct db_conn *c = db_acquire(db);
	char key[OPEN311_KEY_CHARS + 1];
	int64_t id = 0;
	int rc = db_begin_write(c);
	if (!rc)
		rc = open311_key_add(c, name, "cli", key, &id);
	if (!rc)
		rc = db_commit(c);
	else
		db_rollback(c);
	db_release(db, c);
	db_close(db);
	if (rc)
		return cli_fail("open311 key add failed: %s", err_name(rc));
	printf("%s\n", key);
	fprintf(stderr, "api_key %lld for \"%s\" issued; it is shown only now\n", (long long)id, name);
	return 0;
}

static int escalate(const char *uri)
{
	struct db *db = cli_open_db(uri, 1);
	if (!db)
		return 1;
	struct db_conn *c = db_acquire(db);
	int n = 0;
	int rc = db_begin_write(c);
	if (!rc)
		rc = reports_escalate_overdue(c, time(NULL), &n);
	if (!rc)
		rc = db_commit(c);
	else
		db_rollback(c);
	db_release(db, c);
	db_close(db);
	if (rc)
		return cli_fail("open311 escalate failed: %s", err_name(rc));
	printf("%d report deadline(s) escalated\n", n);
	return 0;
}

int cmd_open311(int argc, char **argv)
{
	if (argc < 2 || cli_wants_help(argc, argv))
		return argc < 2 ? cli_usage_error("open311: use \"key add\" or \"escalate\"") : (fputs(open311_usage, stdout), 0);
	const char *db = NULL, *name = NULL;
	bool is_key = !strcmp(argv[1], "key");
	if (is_key && (argc < 3 || strcmp(argv[2], "add")))
		return cli_usage_error("open311 key: the only subcommand is \"add\"");
	if (!is_key && strcmp(argv[1], "escalate"))
		return cli_usage_error("open311: unknown subcommand \"%s\"", argv[1]);
	int skip = is_key ? 2 : 1;
	int rc = parse(argc - skip, argv + skip, &db, &name);
	if (rc >= 0)
		return rc;
	const char *uri = cli_db_uri(db);
	if (!uri)
		return cli_usage_error("open311: --db is required (or set FLEKSI_DB)");
	return is_key ? key_add(uri, name) : escalate(uri);
}
