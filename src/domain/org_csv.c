/* org_csv.c - units.csv and employees.csv onto org structs (see org_csv.h). */
#include "domain/org_csv.h"
#include "core/err.h"
#include "core/mem.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const orgcsv_unit_columns[] = {"kode", "nama", "induk_kode", "jenis", "layanan_tatap_muka",
					   "lat", "lon", "radius_m", NULL};
const char *const orgcsv_employee_columns[] = {
	"nip", "nama", "jenis_pegawai", "golongan", "jabatan", "jenis_jabatan", "unit_kode",
	"atasan_nip", "tmt_jabatan", "domisili_lat", "domisili_lon", NULL};

void orgcsv_problems_init(struct orgcsv_problems *p)
{
	p->items = xcalloc(ORGCSV_MAX_LISTED, sizeof *p->items);
	p->listed = 0;
	p->total = 0;
}

void orgcsv_problems_free(struct orgcsv_problems *p)
{
	free(p->items);
	p->items = NULL;
}

void orgcsv_add(struct orgcsv_problems *p, long line, const char *column, const char *msg_id,
		const char *msg_en)
{
	p->total++;
	if (p->listed >= ORGCSV_MAX_LISTED)
		return;
	struct orgcsv_problem *x = &p->items[p->listed++];
	x->line = line;
	snprintf(x->column, sizeof x->column, "%s", column ? column : "");
	snprintf(x->message_id, sizeof x->message_id, "%s", msg_id);
	snprintf(x->message_en, sizeof x->message_en, "%s", msg_en);
}

/* Resolve every column name to its index; report the missing ones. */
static int map_header(const struct csv_table *t, const char *const *cols, int *idx,
		      struct orgcsv_problems *p)
{
	int missing = 0;
	for (int i = 0; cols[i]; i++) {
		idx[i] = csvtable_column(t, cols[i]);
		if (idx[i] < 0) {
			char id[200], en[200];
			snprintf(id, sizeof id, "Kolom wajib \"%s\" tidak ada di baris judul.", cols[i]);
			snprintf(en, sizeof en, "Required column \"%s\" is missing from the header.", cols[i]);
			orgcsv_add(p, 1, cols[i], id, en);
			missing++;
		}
	}
	return missing ? ERR_INVALID : 0;
}

static const char *cell(const struct csv_row *r, int idx)
{
	return idx >= 0 && idx < r->ncells ? r->cells[idx] : "";
}

/* Parse a decimal number cell; "" means absent. Returns 0, 1 (absent) or -1. */
static int parse_double(const char *s, double *out)
{
	if (!*s)
		return 1;
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (errno || *end || !isfinite(v))
		return -1;
	*out = v;
	return 0;
}

static void bad_number(struct orgcsv_problems *p, long line, const char *col)
{
	orgcsv_add(p, line, col, "Harus berupa angka desimal dengan titik, misalnya -6.1754.",
		   "Must be a decimal number with a dot, for example -6.1754.");
}

/* Both coordinates or neither. Sets *has and the values. */
static void parse_latlon(struct orgcsv_problems *p, long line, const char *lat_col, const char *lat_s,
			 const char *lon_col, const char *lon_s, bool *has, double *lat, double *lon)
{
	int a = parse_double(lat_s, lat), b = parse_double(lon_s, lon);
	*has = false;
	if (a < 0)
		bad_number(p, line, lat_col);
	if (b < 0)
		bad_number(p, line, lon_col);
	if (a < 0 || b < 0)
		return;
	if (a != b) {
		orgcsv_add(p, line, a ? lat_col : lon_col, "Lintang dan bujur harus diisi keduanya atau dikosongkan keduanya.",
			   "Latitude and longitude must both be given or both be empty.");
		return;
	}
	*has = a == 0;
}

static int parse_bool(const char *s, bool *out)
{
	static const char *const yes[] = {"1", "ya", "y", "true", "yes", NULL};
	static const char *const no[] = {"0", "tidak", "t", "false", "no", "", NULL};
	for (int i = 0; yes[i]; i++)
		if (!strcasecmp(s, yes[i]))
			return *out = true, 0;
	for (int i = 0; no[i]; i++)
		if (!strcasecmp(s, no[i]))
			return *out = false, 0;
	return -1;
}

static void add_validation(struct orgcsv_problems *p, long line, const struct org_problem *v, int n)
{
	for (int i = 0; i < n && i < 16; i++)
		orgcsv_add(p, line, v[i].field, v[i].message_id, v[i].message_en);
}

static void unit_from_row(const struct csv_row *r, const int *ix, struct org_unit *u,
			  struct orgcsv_problems *p)
{
	memset(u, 0, sizeof *u);
	u->code = cell(r, ix[0]);
	u->name = cell(r, ix[1]);
	u->parent_code = cell(r, ix[2]);
	u->kind = cell(r, ix[3]);
	if (parse_bool(cell(r, ix[4]), &u->face_to_face))
		orgcsv_add(p, r->line, "layanan_tatap_muka", "Isi dengan ya/tidak (atau 1/0).",
			   "Use ya/tidak (or 1/0).");
	parse_latlon(p, r->line, "lat", cell(r, ix[5]), "lon", cell(r, ix[6]), &u->has_location, &u->lat,
		     &u->lon);
	const char *rad = cell(r, ix[7]);
	char *end;
	long radius = *rad ? strtol(rad, &end, 10) : 100;
	if (*rad && (*end || radius < 0 || radius > 100000)) {
		orgcsv_add(p, r->line, "radius_m", "Radius harus bilangan bulat meter.",
			   "Radius must be a whole number of metres.");
		radius = 100;
	}
	u->radius_m = (int)radius;
	if (u->face_to_face) {
		u->service_open = "08:00";
		u->service_close = "15:00";
	}
	struct org_problem v[16];
	add_validation(p, r->line, v, org_validate_unit(u, v, 16));
}

int orgcsv_units(const struct csv_table *t, struct org_unit **out, long **lines, long *n,
		 struct orgcsv_problems *p)
{
	int ix[CSV_MAX_COLUMNS];
	*out = NULL;
	*lines = NULL;
	*n = 0;
	if (map_header(t, orgcsv_unit_columns, ix, p))
		return ERR_INVALID;
	*n = t->nrows - 1;
	*out = xcalloc((size_t)*n + 1, sizeof **out);
	*lines = xcalloc((size_t)*n + 1, sizeof **lines);
	for (long i = 0; i < *n; i++) {
		(*lines)[i] = t->rows[i + 1].line;
		unit_from_row(&t->rows[i + 1], ix, &(*out)[i], p);
	}
	return 0;
}

static void employee_from_row(const struct csv_row *r, const int *ix, struct org_employee *e,
			      struct orgcsv_problems *p)
{
	memset(e, 0, sizeof *e);
	e->nip = cell(r, ix[0]);
	e->name = cell(r, ix[1]);
	e->employment = cell(r, ix[2]);
	e->golongan = cell(r, ix[3]);
	e->position_name = cell(r, ix[4]);
	e->position_kind = cell(r, ix[5]);
	e->unit_code = cell(r, ix[6]);
	e->supervisor_nip = cell(r, ix[7]);
	e->appointed_on = cell(r, ix[8]);
	e->active = true;
	parse_latlon(p, r->line, "domisili_lat", cell(r, ix[9]), "domisili_lon", cell(r, ix[10]),
		     &e->has_domicile, &e->domicile_lat, &e->domicile_lon);
	struct org_problem v[16];
	add_validation(p, r->line, v, org_validate_employee(e, v, 16));
}

int orgcsv_employees(const struct csv_table *t, struct org_employee **out, long **lines, long *n,
		     struct orgcsv_problems *p)
{
	int ix[CSV_MAX_COLUMNS];
	*out = NULL;
	*lines = NULL;
	*n = 0;
	if (map_header(t, orgcsv_employee_columns, ix, p))
		return ERR_INVALID;
	*n = t->nrows - 1;
	*out = xcalloc((size_t)*n + 1, sizeof **out);
	*lines = xcalloc((size_t)*n + 1, sizeof **lines);
	for (long i = 0; i < *n; i++) {
		(*lines)[i] = t->rows[i + 1].line;
		employee_from_row(&t->rows[i + 1], ix, &(*out)[i], p);
	}
	return 0;
}
