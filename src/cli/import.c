/* import.c - `fleksi import units|employees --db PATH FILE.csv [--dry-run]`. */
#include "cli/cli.h"
#include "core/err.h"
#include "core/mem.h"
#include "store/import.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static const char import_usage[] =
	"usage: fleksi import units|employees --db PATH FILE.csv [--dry-run] [--actor NAME]\n"
	"\n"
	"  Imports the whole file in one transaction, or nothing. A refused file has\n"
	"  every bad row listed (line, column, reason in Indonesian and English).\n"
	"  units.csv:     kode,nama,induk_kode,jenis,layanan_tatap_muka,lat,lon,radius_m\n"
	"  employees.csv: nip,nama,jenis_pegawai,golongan,jabatan,jenis_jabatan,unit_kode,\n"
	"                 atasan_nip,tmt_jabatan,domisili_lat,domisili_lon\n"
	"  --dry-run      check everything, write nothing\n"
	"  --actor        name recorded in the audit log (default cli)\n";

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct stat st;
	if (fstat(fileno(f), &st) || st.st_size > (off_t)(512u << 20)) {
		fclose(f);
		return NULL;
	}
	char *data = xmalloc((size_t)st.st_size + 1);
	*len = fread(data, 1, (size_t)st.st_size, f);
	data[*len] = '\0';
	fclose(f);
	return data;
}

static void print_problems(const struct orgcsv_problems *p)
{
	for (int i = 0; i < p->listed; i++)
		fprintf(stderr, "line %ld, column %s: %s / %s\n", p->items[i].line, p->items[i].column[0] ? p->items[i].column : "-",
			p->items[i].message_id, p->items[i].message_en);
	if (p->total > p->listed)
		fprintf(stderr, "... and %ld more problems\n", p->total - p->listed);
}

int cmd_import(int argc, char **argv)
{
	static const struct option longopts[] = {{"db", required_argument, 0, 'd'}, {"dry-run", no_argument, 0, 'n'},
						 {"actor", required_argument, 0, 'a'}, {"help", no_argument, 0, 'h'},
						 {0, 0, 0, 0}};
	const char *db_opt = NULL, *actor = "cli";
	bool dry = false;
	int ch;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'd': db_opt = optarg; break;
		case 'n': dry = true; break;
		case 'a': actor = optarg; break;
		case 'h': return fputs(import_usage, stdout), 0;
		default: return EXIT_USAGE;
		}
	}
	if (argc - optind != 2)
		return cli_usage_error("import: give the kind (units or employees) and one CSV file");
	const char *kind = argv[optind], *file = argv[optind + 1], *uri = cli_db_uri(db_opt);
	if (strcmp(kind, "units") && strcmp(kind, "employees"))
		return cli_usage_error("import: kind must be units or employees, not \"%s\"", kind);
	if (!uri)
		return cli_usage_error("import: --db is required (or set FLEKSI_DB)");
	size_t len = 0;
	char *data = read_file(file, &len);
	if (!data)
		return cli_fail("cannot read %s", file);
	struct db *db = cli_open_db(uri, 1);
	if (!db)
		return free(data), 1;
	struct import_request req = {actor, data, dry, cli_progress, (void *)kind};
	struct orgcsv_problems problems;
	orgcsv_problems_init(&problems);
	long rows = 0;
	int rc = import_csv(db, kind, data, len, &req, &problems, &rows);
	if (rc)
		print_problems(&problems);
	if (rc == ERR_INVALID || rc == ERR_TOO_BIG)
		cli_fail("%s not imported: %ld problem(s) in %ld rows", file, problems.total, rows);
	else if (rc)
		cli_fail("%s not imported: %s", file, err_name(rc));
	else
		printf("%s %ld %s from %s\n", dry ? "checked (dry run, nothing written)" : "imported", rows, kind, file);
	orgcsv_problems_free(&problems);
	db_close(db);
	free(data);
	return rc ? 1 : 0;
}
