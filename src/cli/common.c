/* common.c - helpers shared by the subcommands (see cli.h). */
#include "cli/cli.h"
#include "core/mem.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int cli_usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("fleksi: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputs("\n(see --help)\n", stderr);
	va_end(ap);
	return EXIT_USAGE;
}

int cli_fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("fleksi: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	return 1;
}

const char *cli_db_uri(const char *opt)
{
	if (opt && *opt)
		return opt;
	const char *env = getenv("FLEKSI_DB");
	return env && *env ? env : NULL;
}

char *cli_key_path(const char *opt, const char *db_uri)
{
	if (opt && *opt)
		return xstrdup(opt);
	const char *env = getenv("FLEKSI_AUDIT_KEY");
	if (env && *env)
		return xstrdup(env);
	return signer_default_path(db_uri);
}

struct db *cli_open_db(const char *uri, int pool)
{
	struct db *db = NULL;
	char err[512] = "";
	if (db_open(uri, pool, &db, err, sizeof err)) {
		cli_fail("%s", err);
		return NULL;
	}
	if (db_migrate(db, err, sizeof err)) {
		cli_fail("%s", err);
		db_close(db);
		return NULL;
	}
	return db;
}

void cli_progress(void *label, long done, long total)
{
	if (!isatty(STDERR_FILENO) || total <= 0)
		return;
	int width = 40, filled = (int)(width * done / total);
	char bar[64];
	memset(bar, '#', (size_t)filled);
	memset(bar + filled, '.', (size_t)(width - filled));
	bar[width] = '\0';
	fprintf(stderr, "\r%-10s [%s] %ld/%ld %3ld%%", (const char *)label, bar, done, total, done * 100 / total);
	if (done == total)
		fputc('\n', stderr);
	fflush(stderr);
}

bool cli_wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
			return true;
	return false;
}
