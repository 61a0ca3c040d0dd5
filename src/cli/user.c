/* user.c - `fleksi user add`: create a login account. */
#include "cli/cli.h"
#include "auth/password.h"
#include "auth/roles.h"
#include "core/err.h"
#include "core/mem.h"
#include "store/accounts.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char user_usage[] =
	"usage: fleksi user add --db PATH --username NAME [--nip NIP] --role ROLE[,ROLE...]\n"
	"                       [--unit CODE] --password-stdin\n"
	"       fleksi user tokens --db PATH --count N [--out FILE]   (sessions for load tests; see --help)\n"
	"\n"
	"  roles: pegawai (needs --nip), kepala_opd (needs --unit), admin_bkd, inspektorat\n"
	"  (atasan is not granted: anyone with subordinates has it)\n"
	"  --password-stdin  read the password from the first line of standard input\n"
	"                    (at least 10 characters)\n";

static unsigned parse_roles(const char *list, char *bad, size_t cap)
{
	unsigned roles = 0;
	char *copy = xstrdup(list), *save = NULL;
	for (char *r = strtok_r(copy, ",", &save); r; r = strtok_r(NULL, ",", &save)) {
		unsigned one = roles_parse_grantable(r);
		if (!one) {
			snprintf(bad, cap, "%s", r);
			free(copy);
			return 0;
		}
		roles |= one;
	}
	free(copy);
	return roles;
}

static int read_password(char *out, size_t cap)
{
	if (!fgets(out, (int)cap, stdin))
		return ERR_INVALID;
	out[strcspn(out, "\r\n")] = '\0';
	return 0;
}

static int add_user(const char *uri, struct account_spec *spec, char *password)
{
	char hash[PASSWORD_HASH_MAX];
	if (password_hash(password, hash))
		return cli_usage_error("user add: the password must be %d to %d characters", PASSWORD_MIN_LEN,
				       PASSWORD_MAX_LEN);
	struct db *db = cli_open_db(uri, 1);
	if (!db)
		return 1;
	spec->password_hash = hash;
	const char *what = NULL;
	int rc = accounts_add(db, spec, "cli", &what);
	db_close(db);
	if (rc == ERR_CONFLICT)
		return cli_fail("user add: the username %s or the employee already has an account", spec->username);
	if (rc == ERR_NOT_FOUND)
		return cli_fail("user add: no %s \"%s\" in the database", what,
				!strcmp(what, "nip") ? spec->nip : spec->unit_code);
	if (rc == ERR_INVALID)
		return cli_usage_error("user add: invalid %s (usernames: 3-63 of a-z 0-9 . _ -; pegawai needs --nip; "
				       "kepala_opd needs --unit)", what);
	if (rc)
		return cli_fail("user add failed: %s", err_name(rc));
	printf("account %s created\n", spec->username);
	return 0;
}

int cmd_user(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "tokens"))  /* presence area: sessions for load tests */
		return cmd_user_tokens(argc - 1, argv + 1);
	if (argc < 2 || strcmp(argv[1], "add"))
		return cli_wants_help(argc, argv) ? (fputs(user_usage, stdout), 0)
						  : cli_usage_error("user: the only subcommand is \"add\"");
	static const struct option longopts[] = {
		{"db", required_argument, 0, 'd'},   {"username", required_argument, 0, 'u'},
		{"nip", required_argument, 0, 'n'},  {"role", required_argument, 0, 'r'},
		{"unit", required_argument, 0, 'U'}, {"password-stdin", no_argument, 0, 'p'},
		{"help", no_argument, 0, 'h'},       {0, 0, 0, 0}};
	struct account_spec spec = {0};
	const char *db_opt = NULL, *roles = NULL;
	bool stdin_pw = false;
	int ch;
	optind = 1;
	while ((ch = getopt_long(argc - 1, argv + 1, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'd': db_opt = optarg; break;
		case 'u': spec.username = optarg; break;
		case 'n': spec.nip = optarg; break;
		case 'r': roles = optarg; break;
		case 'U': spec.unit_code = optarg; break;
		case 'p': stdin_pw = true; break;
		case 'h': return fputs(user_usage, stdout), 0;
		default: return EXIT_USAGE;
		}
	}
	const char *uri = cli_db_uri(db_opt);
	if (!uri || !spec.username || !roles || !stdin_pw)
		return cli_usage_error("user add: --db, --username, --role and --password-stdin are required");
	char bad[64] = "";
	if (!(spec.roles = parse_roles(roles, bad, sizeof bad)))
		return cli_usage_error("user add: unknown role \"%s\"", bad);
	char password[PASSWORD_MAX_LEN + 2];
	if (read_password(password, sizeof password))
		return cli_usage_error("user add: no password on standard input");
	int rc = add_user(uri, &spec, password);
	memset(password, 0, sizeof password);
	return rc;
}
