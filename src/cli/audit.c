/* audit.c - `fleksi audit verify`: recompute the whole audit log. */
#include "cli/cli.h"
#include "core/err.h"
#include "core/mem.h"
#include "store/audit.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char audit_usage[] =
	"usage: fleksi audit verify --db PATH [--audit-key FILE]\n"
	"\n"
	"  Recomputes every entry's hash, the chain between entries, the log head and\n"
	"  every signed checkpoint (signatures checked against the key file's public\n"
	"  key). Exits 0 when intact, 1 naming the first bad entry otherwise.\n";

int cmd_audit(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "verify-remote")) /* audit_remote.c */
		return cmd_audit_verify_remote(argc - 1, argv + 1);
	if (argc < 2 || strcmp(argv[1], "verify"))
		return cli_wants_help(argc, argv) ? (fputs(audit_usage, stdout), 0)
						  : cli_usage_error("audit: the only subcommand is \"verify\"");
	static const struct option longopts[] = {{"db", required_argument, 0, 'd'},
						 {"audit-key", required_argument, 0, 'k'},
						 {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
	const char *db_opt = NULL, *key_opt = NULL;
	int ch;
	optind = 1;
	while ((ch = getopt_long(argc - 1, argv + 1, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'd': db_opt = optarg; break;
		case 'k': key_opt = optarg; break;
		case 'h': return fputs(audit_usage, stdout), 0;
		default: return EXIT_USAGE;
		}
	}
	const char *uri = cli_db_uri(db_opt);
	if (!uri)
		return cli_usage_error("audit verify: --db is required (or set FLEKSI_DB)");
	char *key = cli_key_path(key_opt, uri);
	uint8_t pk[crypto_sign_PUBLICKEYBYTES];
	bool have_pk = signer_load_public(key, pk) == 0;
	if (!have_pk)
		fprintf(stderr, "fleksi: warning: key file %s not readable; checkpoint signatures are checked against the "
				"keys stored with them\n", key);
	free(key);
	struct db *db = cli_open_db(uri, 1);
	if (!db)
		return 1;
	struct audit_verify_report rep;
	int rc = audit_verify(db, have_pk ? pk : NULL, &rep);
	db_close(db);
	if (rc == ERR_CONFLICT)
		return cli_fail("audit log TAMPERED: first bad entry %lld: %s", (long long)rep.first_bad_seq, rep.problem);
	if (rc)
		return cli_fail("audit verify failed: %s", err_name(rc));
	printf("audit log intact: %lld entries, %lld signed checkpoints, root %s\n", (long long)rep.entries,
	       (long long)rep.checkpoints, rep.root);
	return 0;
}
