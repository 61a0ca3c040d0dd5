/* recap_files.c (store) - the recap as the files offices file: CSV and
 * XLSX. See recap.h.
 *
 * libxlsxwriter (1.1.x) writes only to a named file, so the workbook goes
 * to a private temporary file (mkstemp, removed at once after reading).
 * constant_memory mode writes rows as they come and puts strings inline in
 * the sheet XML, which keeps memory flat for a whole-province recap. */
#include "store/recap.h"
#include "core/err.h"
#include "core/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#define RECAP_FILE_MAX (256u * 1024 * 1024)

static const char *const month_id[] = {"Januari", "Februari", "Maret", "April", "Mei", "Juni",
				       "Juli", "Agustus", "September", "Oktober", "November", "Desember"};

/* The count columns, in file order, with their day status. */
static const struct { const char *csv, *title; enum day_status st; } COUNTS[] = {
	{"hadir", "Hadir", DAY_HADIR},          {"wfh", "WFH", DAY_WFH},
	{"wfa", "WFA", DAY_WFA},                {"kantor_lain", "Kantor lain", DAY_KANTOR_LAIN},
	{"cuti", "Cuti", DAY_CUTI},             {"sakit", "Sakit", DAY_SAKIT},
	{"dinas_luar", "Dinas luar", DAY_DINAS_LUAR}, {"tugas_belajar", "Tugas belajar", DAY_TUGAS_BELAJAR},
	{"alpa", "Alpa", DAY_ALPA},
};
#define NCOUNTS ((int)(sizeof COUNTS / sizeof COUNTS[0]))

/* ---- CSV ---- */

static void csv_cell(struct buf *b, const char *s, bool last)
{
	if (strpbrk(s, ",\"\r\n")) {
		buf_puts(b, "\"");
		for (; *s; s++)
			buf_append(b, *s == '"' ? "\"\"" : s, *s == '"' ? 2 : 1);
		buf_puts(b, "\"");
	} else {
		buf_puts(b, s);
	}
	buf_puts(b, last ? "\r\n" : ",");
}

static void csv_int(struct buf *b, long v, bool last)
{
	buf_printf(b, "%ld%s", v, last ? "\r\n" : ",");
}

int recap_csv(const struct recap *r, char **out, size_t *len)
{
	struct buf b;
	buf_init(&b, RECAP_FILE_MAX);
	buf_puts(&b, "\xEF\xBB\xBFnip,nama,jabatan,unit,hari_kerja");
	for (int k = 0; k < NCOUNTS; k++)
		buf_printf(&b, ",%s", COUNTS[k].csv);
	buf_puts(&b, ",menit_terlambat,menit_pulang_cepat,potongan_tpp_persen\r\n");
	for (int i = 0; i < r->n; i++) {
		const struct recap_person *p = &r->people[i];
		csv_cell(&b, p->nip, false);
		csv_cell(&b, p->name, false);
		csv_cell(&b, p->jabatan, false);
		csv_cell(&b, p->unit_code, false);
		csv_int(&b, p->month.working_days, false);
		for (int k = 0; k < NCOUNTS; k++)
			csv_int(&b, p->month.count[COUNTS[k].st], false);
		csv_int(&b, p->month.late_min, false);
		csv_int(&b, p->month.early_min, false);
		buf_printf(&b, "%d.%02d\r\n", p->tpp.total_bp / 100, p->tpp.total_bp % 100);
		if (b.len + 4096 > b.max) {
			buf_free(&b);
			return ERR_TOO_BIG;
		}
	}
	*len = b.len;
	*out = buf_steal(&b);
	return 0;
}

/* ---- XLSX ---- */

struct formats {
	lxw_format *title, *note, *head, *text, *count, *minutes, *pct, *code, *alpa, *total, *total_pct;
};

static lxw_format *fmt(lxw_workbook *wb, bool bold, const char *num, uint32_t bg)
{
	lxw_format *f = workbook_add_format(wb);
	if (bold)
		format_set_bold(f);
	if (num)
		format_set_num_format(f, num);
	if (bg)
		format_set_bg_color(f, bg);
	format_set_border(f, LXW_BORDER_THIN);
	format_set_border_color(f, 0xBFBFBF);
	return f;
}

static void make_formats(lxw_workbook *wb, struct formats *F)
{
	F->title = workbook_add_format(wb);
	format_set_bold(F->title);
	format_set_font_size(F->title, 14);
	F->note = workbook_add_format(wb);
	format_set_italic(F->note);
	format_set_font_color(F->note, 0x595959);
	F->head = fmt(wb, true, NULL, 0xDDEBF7);
	format_set_text_wrap(F->head);
	format_set_align(F->head, LXW_ALIGN_CENTER);
	format_set_align(F->head, LXW_ALIGN_VERTICAL_CENTER);
	F->text = fmt(wb, false, "@", 0);
	F->count = fmt(wb, false, "0", 0);
	F->minutes = fmt(wb, false, "#,##0", 0);
	F->pct = fmt(wb, false, "0.00", 0);
	F->code = fmt(wb, false, NULL, 0);
	format_set_align(F->code, LXW_ALIGN_CENTER);
	F->alpa = fmt(wb, true, NULL, 0xF8CBAD);
	format_set_align(F->alpa, LXW_ALIGN_CENTER);
	F->total = fmt(wb, true, "#,##0", 0xF2F2F2);
	F->total_pct = fmt(wb, true, "0.00", 0xF2F2F2);
}

static void title_rows(lxw_worksheet *ws, const struct recap *r, const struct formats *F, const char *what)
{
	char t[800];
	snprintf(t, sizeof t, "%s - %s (%s) - %s %d", what, r->unit_name, r->unit_code, month_id[r->month - 1], r->year);
	worksheet_write_string(ws, 0, 0, t, F->title);
	snprintf(t, sizeof t,
		 "Tanggal tertutup: %d dari %d. Skema TPP: %d menit/hari kerja, alpa = %d menit, sanksi sedang "
		 "memotong %d%% (%s, berlaku %s).",
		 r->closed_dates, r->ndays, r->scheme.scheme.cap_minutes_per_day, r->scheme.scheme.unexcused_day_minutes,
		 r->scheme.scheme.sedang_cut_pct, r->scheme.legal_reference, r->scheme.valid_from);
	worksheet_write_string(ws, 1, 0, t, F->note);
}

/* Sheet "Rekap": one row per person, then a total row. */
static void sheet_summary(lxw_workbook *wb, const struct recap *r, const struct formats *F)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Rekap");
	title_rows(ws, r, F, "Rekap Kehadiran Bulanan");
	const int head = 3;
	int col = 0;
	worksheet_set_row(ws, head, 32, NULL); /* before the row is written: constant_memory */
	const char *fixed[] = {"NIP", "Nama", "Jabatan", "Unit", "Hari kerja"};
	for (int k = 0; k < 5; k++)
		worksheet_write_string(ws, head, (lxw_col_t)col++, fixed[k], F->head);
	for (int k = 0; k < NCOUNTS; k++)
		worksheet_write_string(ws, head, (lxw_col_t)col++, COUNTS[k].title, F->head);
	worksheet_write_string(ws, head, (lxw_col_t)col++, "Terlambat (menit)", F->head);
	worksheet_write_string(ws, head, (lxw_col_t)col++, "Pulang cepat (menit)", F->head);
	worksheet_write_string(ws, head, (lxw_col_t)col++, "Potongan TPP (%)", F->head);
	const int last_col = col - 1;
	/* Before the rows: constant_memory mode drops settings that come after them. */
	worksheet_autofilter(ws, (lxw_row_t)head, 0, (lxw_row_t)(head + r->n), (lxw_col_t)last_col);
	long totals[NCOUNTS + 3] = {0};
	for (int i = 0; i < r->n; i++) {
		const struct recap_person *p = &r->people[i];
		lxw_row_t row = (lxw_row_t)(head + 1 + i);
		worksheet_write_string(ws, row, 0, p->nip, F->text);
		worksheet_write_string(ws, row, 1, p->name, F->text);
		worksheet_write_string(ws, row, 2, p->jabatan, F->text);
		worksheet_write_string(ws, row, 3, p->unit_code, F->text);
		worksheet_write_number(ws, row, 4, p->month.working_days, F->count);
		totals[0] += p->month.working_days;
		for (int k = 0; k < NCOUNTS; k++) {
			worksheet_write_number(ws, row, (lxw_col_t)(5 + k), p->month.count[COUNTS[k].st], F->count);
			totals[1 + k] += p->month.count[COUNTS[k].st];
		}
		worksheet_write_number(ws, row, (lxw_col_t)(5 + NCOUNTS), (double)p->month.late_min, F->minutes);
		worksheet_write_number(ws, row, (lxw_col_t)(6 + NCOUNTS), (double)p->month.early_min, F->minutes);
		worksheet_write_number(ws, row, (lxw_col_t)(7 + NCOUNTS), p->tpp.total_bp / 100.0, F->pct);
		totals[1 + NCOUNTS] += p->month.late_min;
		totals[2 + NCOUNTS] += p->month.early_min;
	}
	lxw_row_t row = (lxw_row_t)(head + 1 + r->n);
	worksheet_write_string(ws, row, 0, "Jumlah", F->total);
	for (int k = 1; k < 4; k++)
		worksheet_write_blank(ws, row, (lxw_col_t)k, F->total);
	for (int k = 0; k < NCOUNTS + 3; k++)
		worksheet_write_number(ws, row, (lxw_col_t)(4 + k), (double)totals[k], F->total);
	worksheet_write_blank(ws, row, (lxw_col_t)last_col, F->total_pct);
	worksheet_set_column(ws, 0, 0, 21, NULL);
	worksheet_set_column(ws, 1, 1, 28, NULL);
	worksheet_set_column(ws, 2, 2, 26, NULL);
	worksheet_set_column(ws, 3, 3, 14, NULL);
	worksheet_set_column(ws, 4, (lxw_col_t)(4 + NCOUNTS), 8, NULL);
	worksheet_set_column(ws, (lxw_col_t)(5 + NCOUNTS), (lxw_col_t)last_col, 12, NULL);
	worksheet_freeze_panes(ws, (lxw_row_t)(head + 1), 2);
	worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
}

/* Sheet "Harian": person x day status codes, then the legend. */
static void sheet_daily(lxw_workbook *wb, const struct recap *r, const struct formats *F)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Harian");
	title_rows(ws, r, F, "Kehadiran Harian");
	const int head = 3;
	worksheet_write_string(ws, head, 0, "NIP", F->head);
	worksheet_write_string(ws, head, 1, "Nama", F->head);
	for (int d = 1; d <= r->ndays; d++)
		worksheet_write_number(ws, head, (lxw_col_t)(1 + d), d, F->head);
	for (int i = 0; i < r->n; i++) {
		const struct recap_person *p = &r->people[i];
		lxw_row_t row = (lxw_row_t)(head + 1 + i);
		worksheet_write_string(ws, row, 0, p->nip, F->text);
		worksheet_write_string(ws, row, 1, p->name, F->text);
		for (int d = 1; d <= r->ndays; d++) {
			const char *c = p->month.code[d - 1];
			worksheet_write_string(ws, row, (lxw_col_t)(1 + d), c, strcmp(c, "A") ? F->code : F->alpa);
		}
	}
	lxw_row_t row = (lxw_row_t)(head + 2 + r->n);
	worksheet_write_string(ws, row, 0,
			       "H hadir, WFH, WFA, KL kantor lain, C cuti, S sakit, DL dinas luar, TB tugas belajar, "
			       "L libur, A alpa; kosong: hari libur atau belum ditutup.", F->note);
	worksheet_set_column(ws, 0, 0, 21, NULL);
	worksheet_set_column(ws, 1, 1, 28, NULL);
	worksheet_set_column(ws, 2, (lxw_col_t)(1 + r->ndays), 4.5, NULL);
	worksheet_freeze_panes(ws, (lxw_row_t)(head + 1), 2);
	worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
}

/* One unit's sums for sheet "Per unit". */
struct unit_sum {
	const char *code, *name;
	int people, working_days, count[NCOUNTS];
	long late, early, total_bp;   /* total_bp: summed, for the mean */
};

static int cmp_code(const void *a, const void *b)
{
	const struct recap_person *x = *(const struct recap_person *const *)a, *y = *(const struct recap_person *const *)b;
	return strcmp(x->unit_code, y->unit_code);
}

/* Sheet "Per unit": the people grouped by unit code. */
static void sheet_units(lxw_workbook *wb, const struct recap *r, const struct formats *F)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Per unit");
	title_rows(ws, r, F, "Rekap Kehadiran per Unit");
	const int head = 3;
	worksheet_set_row(ws, head, 32, NULL);
	const char *fixed[] = {"Kode unit", "Nama unit", "Pegawai", "Hari kerja"};
	int col = 0;
	for (int k = 0; k < 4; k++)
		worksheet_write_string(ws, head, (lxw_col_t)col++, fixed[k], F->head);
	for (int k = 0; k < NCOUNTS; k++)
		worksheet_write_string(ws, head, (lxw_col_t)col++, COUNTS[k].title, F->head);
	worksheet_write_string(ws, head, (lxw_col_t)col++, "Terlambat (menit)", F->head);
	worksheet_write_string(ws, head, (lxw_col_t)col++, "Pulang cepat (menit)", F->head);
	worksheet_write_string(ws, head, (lxw_col_t)col++, "Rata-rata potongan TPP (%)", F->head);
	const struct recap_person **by = xmalloc(((size_t)r->n + 1) * sizeof *by);
	for (int i = 0; i < r->n; i++)
		by[i] = &r->people[i];
	qsort(by, (size_t)r->n, sizeof *by, cmp_code);
	lxw_row_t row = (lxw_row_t)head;
	for (int i = 0; i < r->n;) {
		struct unit_sum u = {.code = by[i]->unit_code, .name = by[i]->unit_name};
		for (; i < r->n && !strcmp(by[i]->unit_code, u.code); i++) {
			const struct recap_person *p = by[i];
			u.people++, u.working_days += p->month.working_days;
			for (int k = 0; k < NCOUNTS; k++)
				u.count[k] += p->month.count[COUNTS[k].st];
			u.late += p->month.late_min, u.early += p->month.early_min, u.total_bp += p->tpp.total_bp;
		}
		row++;
		worksheet_write_string(ws, row, 0, u.code, F->text);
		worksheet_write_string(ws, row, 1, u.name, F->text);
		worksheet_write_number(ws, row, 2, u.people, F->count);
		worksheet_write_number(ws, row, 3, u.working_days, F->count);
		for (int k = 0; k < NCOUNTS; k++)
			worksheet_write_number(ws, row, (lxw_col_t)(4 + k), u.count[k], F->count);
		worksheet_write_number(ws, row, (lxw_col_t)(4 + NCOUNTS), (double)u.late, F->minutes);
		worksheet_write_number(ws, row, (lxw_col_t)(5 + NCOUNTS), (double)u.early, F->minutes);
		worksheet_write_number(ws, row, (lxw_col_t)(6 + NCOUNTS), (double)u.total_bp / u.people / 100.0, F->pct);
	}
	free(by);
	worksheet_set_column(ws, 0, 0, 16, NULL);
	worksheet_set_column(ws, 1, 1, 40, NULL);
	worksheet_set_column(ws, 2, (lxw_col_t)(3 + NCOUNTS), 8, NULL);
	worksheet_set_column(ws, (lxw_col_t)(4 + NCOUNTS), (lxw_col_t)(6 + NCOUNTS), 12, NULL);
	worksheet_freeze_panes(ws, (lxw_row_t)(head + 1), 2);
	worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
}

/* The whole file into memory. */
static int slurp(const char *path, char **out, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return ERR_IO;
	struct stat st;
	if (fstat(fileno(f), &st) || st.st_size <= 0 || (size_t)st.st_size > RECAP_FILE_MAX) {
		fclose(f);
		return ERR_IO;
	}
	char *buf = xmalloc((size_t)st.st_size);
	size_t got = fread(buf, 1, (size_t)st.st_size, f);
	fclose(f);
	if (got != (size_t)st.st_size) {
		free(buf);
		return ERR_IO;
	}
	*out = buf, *len = got;
	return 0;
}

int recap_xlsx(const struct recap *r, char **out, size_t *len)
{
	const char *dir = getenv("TMPDIR");
	char path[512];
	snprintf(path, sizeof path, "%s/fleksi-recap-XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0)
		return ERR_IO;
	close(fd);
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	if (!wb) {
		unlink(path);
		return ERR_IO;
	}
	struct formats F;
	make_formats(wb, &F);
	lxw_doc_properties props = {.title = "Rekap kehadiran bulanan", .author = "fleksi"};
	workbook_set_properties(wb, &props);
	sheet_summary(wb, r, &F);
	sheet_daily(wb, r, &F);
	sheet_units(wb, r, &F);
	int rc = workbook_close(wb) == LXW_NO_ERROR ? slurp(path, out, len) : ERR_IO;
	unlink(path);
	return rc;
}
