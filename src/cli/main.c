/* main.c - the fleksi command: one binary, one subcommand per job. */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
	"fleksi - flexible work for civil servants (ASN)\n"
	"\n"
	"usage: fleksi COMMAND [OPTIONS]\n"
	"\n"
	"commands:\n"
	"  serve          run the HTTP server (API and browser app)\n"
	"  demo           build the Jakarta demo organisation into a database\n"
	"  import         import units or employees from a CSV file\n"
	"  user add       create a login account\n"
	"  audit verify   recompute and check the whole audit log\n"
	"  audit verify-remote URL  check a running server's audit log from outside\n"
	"  open311        api keys for Open311 apps; escalate overdue citizens' reports\n"
	"  migrate-db     move a database from SQLite to PostgreSQL\n"
	"  rotation       propose rotations (who works away on which day) and print figures\n"
	"  close          close working days into day accounts (attendance)\n"
	"\n"
	"options:\n"
	"  --version      print the version\n"
	"  --help         this text; every command has its own --help\n"
	"\n"
	"environment: FLEKSI_DB (database), FLEKSI_LISTEN (serve address), FLEKSI_AUDIT_KEY (key file)\n";

int main(int argc, char **argv)
{
	if (argc < 2)
		return fputs(usage, stderr), EXIT_USAGE;
	const char *cmd = argv[1];
	if (!strcmp(cmd, "--version") || !strcmp(cmd, "version"))
		return printf("fleksi %s\n", FLEKSI_VERSION), 0;
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help"))
		return fputs(usage, stdout), 0;
	static const struct {
		const char *name;
		int (*run)(int, char **);
	} commands[] = {{"serve", cmd_serve}, {"demo", cmd_demo},   {"import", cmd_import},
			{"user", cmd_user},   {"audit", cmd_audit},   {"migrate-db", cmd_migrate_db},
			{"rotation", cmd_rotation}, {"open311", cmd_open311}, {"close", cmd_close}};
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (!strcmp(cmd, commands[i].name))
			return commands[i].run(argc - 1, argv + 1);
	return cli_usage_error("unknown command \"%s\"", cmd);
}
