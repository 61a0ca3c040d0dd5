/* tokens.c - `fleksi user tokens`: sessions for many employees at once, for
 * load tests (bench/checkin.sh) and the crash test. Prints "TOKEN NIP" lines. */
#include "cli/cli.h"
#include "core/err.h"
#include "core/mem.h"
#include "store/bulk_sessions.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char tokens_usage[] =
	"usage: fleksi user tokens --db PATH --count N [--out FILE] [--audit-key FILE]\n"
	"\n"
	"  Create a 14-day session for each of the first N active employees (an\n"
	"  account bench.<nip> with role pegawai and no usable password is made for\n"
	"  those without one) and write \"TOKEN NIP\" lines to FILE (default stdout).\n"
	"  For load tests: whoever holds the file can act as these employees.\n";

int cmd_user_tokens(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"db", required_argument, 0, 'd'}, {"count", required_argument, 0, 'c'},
		{"out", required_argument, 0, 'o'}, {"audit-key", required_argument, 0, 'k'},
		{"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
	const char *db_opt = NULL, *out_path = NULL, *key_opt = NULL;
	int count = 0, ch;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'd': db_opt = optarg; break;
		case 'c': count = atoi(optarg); break;
		case 'o': out_path = optarg; break;
		case 'k': key_opt = optarg; break;
		case 'h': return fputs(tokens_usage, stdout), 0;
		default: return EXIT_USAGE;
		}
	}
	const char *uri = cli_db_uri(db_opt);
	if (!uri || count < 1 || count > 1000000)
		return cli_usage_error("user tokens: --db and --count (1..1000000) are required");
	char *key = cli_key_path(key_opt, uri), err[256];
	struct signer sg;
	int rc = signer_load(key, &sg, err, sizeof err);
	free(key);
	if (rc)
		return cli_fail("user tokens: %s", err);
	FILE *out = out_path ? fopen(out_path, "w") : stdout;
	if (!out)
		return cli_fail("user tokens: cannot write %s", out_path);
	struct db *db = cli_open_db(uri, 1);
	if (!db) {
		if (out != stdout)
			fclose(out);
		return 1;
	}
	int made = 0;
	rc = bulk_sessions_create(db, sg.token_key, count, 14 * 24 * 3600, out, &made);
	db_close(db);
	if (out != stdout && fclose(out))
		rc = rc ? rc : ERR_IO;
	if (rc)
		return cli_fail("user tokens failed: %s", err_name(rc));
	fprintf(stderr, "%d sessions created\n", made);
	return 0;
}
