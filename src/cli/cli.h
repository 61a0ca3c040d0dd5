/* cli.h - the fleksi subcommands and what they share.
 *
 * Exit status: 0 success, 1 the operation failed (refused import, tampered
 * audit log, unreachable database), 2 the command line was wrong. */
#ifndef FLEKSI_CLI_CLI_H
#define FLEKSI_CLI_CLI_H

#include "db/db.h"
#include "store/signer.h"

#include <stdbool.h>

#define EXIT_USAGE 2

int cmd_serve(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_user_tokens(int argc, char **argv); /* tokens.c (presence area) */
int cmd_audit(int argc, char **argv);
int cmd_migrate_db(int argc, char **argv);
int cmd_rotation(int argc, char **argv);     /* rotation.c (rotation area) */
int cmd_open311(int argc, char **argv);      /* open311.c (open311 area) */
int cmd_close(int argc, char **argv);        /* close.c (attendance area) */
int cmd_audit_verify_remote(int argc, char **argv); /* audit_remote.c (open311 area) */

/* Print "fleksi: " + message to stderr and return EXIT_USAGE. */
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print "fleksi: " + message and return 1. */
int cli_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* --db or FLEKSI_DB; NULL when neither is set. */
const char *cli_db_uri(const char *opt);
/* The secrets file: the option, FLEKSI_AUDIT_KEY, or next to the database. Caller frees. */
char *cli_key_path(const char *opt, const char *db_uri);
/* Open and migrate. Prints the reason and returns NULL on failure. */
struct db *cli_open_db(const char *uri, int pool);
/* A progress bar on stderr when it is a terminal; no-op otherwise. */
void cli_progress(void *label, long done, long total);
/* Whether argv holds -h/--help. */
bool cli_wants_help(int argc, char **argv);

#endif
