/* letter.c - the letters of a disciplinary case as PDF drafts; see letter.h.
 *
 * A small layout engine over libharu: a pen moves down an A4 page, writes
 * left-aligned paragraphs wrapped with HPDF_Page_MeasureText, "label : value"
 * rows and centred titles, and starts a new page when the bottom margin is
 * reached. The standard Times fonts with WinAnsiEncoding are used (no font
 * files to ship), so UTF-8 input is turned into Windows-1252 first.
 * Compression is off: the drafts are small, and the text stays searchable
 * in the raw file (the unit test reads it there). */
#include "domain/letter.h"
#include "core/date.h"
#include "core/err.h"
#include "domain/ladder.h"

#include <hpdf.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_W 595.0f          /* A4 in points */
#define PAGE_H 842.0f
#define MARGIN_L 72.0f
#define MARGIN_R 64.0f
#define MARGIN_T 48.0f
#define MARGIN_B 52.0f
#define BODY 11.0f             /* body font size */
#define LEAD 15.0f             /* line height of the body */
#define LABEL_W 112.0f         /* width of the label column of "label : value" rows */
#define TEXT_MAX 8192          /* longest field accepted (facts), bytes */

static const char *const month_id[] = {"Januari", "Februari", "Maret", "April", "Mei", "Juni",
				       "Juli", "Agustus", "September", "Oktober", "November", "Desember"};
/* date_weekday: 1 = Monday .. 7 = Sunday (core/date.h). */
static const char *const weekday_id[] = {"Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"};

static const char BLANK[] = "..............................";

int letter_date_id(const char *ymd, char *out, size_t outsz)
{
	int32_t day;
	if (!ymd || !date_parse(ymd, &day))
		return ERR_INVALID;
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	snprintf(out, outsz, "%d %s %d", d, month_id[m - 1], y);
	return 0;
}

/* "Kamis, 3 Desember 2026" for an examination date. */
static void date_with_weekday(const char *ymd, char *out, size_t outsz)
{
	int32_t day;
	char d[40];
	if (!ymd || !date_parse(ymd, &day) || letter_date_id(ymd, d, sizeof d)) {
		snprintf(out, outsz, "%s", BLANK);
		return;
	}
	snprintf(out, outsz, "%s, %s", weekday_id[date_weekday(day) - 1], d);
}

/* ---- text encoding ---- */

/* One code point of Windows-1252 for u, or '?' when it has none. */
static unsigned char cp1252(unsigned long u)
{
	static const struct { unsigned short u; unsigned char c; } extra[] = {
		{0x20AC, 0x80}, {0x2018, 0x91}, {0x2019, 0x92}, {0x201C, 0x93}, {0x201D, 0x94},
		{0x2022, 0x95}, {0x2013, 0x96}, {0x2014, 0x97}, {0x2026, 0x85},
	};
	if (u == '\n')
		return '\n';
	if (u < 0x20 || u == 0x7F)
		return ' ';
	if (u < 0x80 || (u >= 0xA0 && u <= 0xFF))
		return (unsigned char)u;
	for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
		if (extra[i].u == u)
			return extra[i].c;
	return '?';
}

/* UTF-8 (possibly malformed) into Windows-1252; the caller frees. Malformed
 * bytes become '?', never a rejection: the facts come from people. */
static char *to_winansi(const char *s)
{
	size_t n = strlen(s);
	char *out = malloc(n + 1), *o = out;
	if (!out)
		return NULL;
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned long u = *p;
		int more = u < 0x80 ? 0 : (u & 0xE0) == 0xC0 ? 1 : (u & 0xF0) == 0xE0 ? 2 : (u & 0xF8) == 0xF0 ? 3 : -1;
		if (more < 0) {
			*o++ = '?', p++;
			continue;
		}
		u = more ? u & (0x3F >> more) : u;
		int k = 1;
		for (; k <= more && (p[k] & 0xC0) == 0x80; k++)
			u = (u << 6) | (p[k] & 0x3F);
		if (k <= more) {
			*o++ = '?', p++;
			continue;
		}
		*o++ = (char)cp1252(u);
		p += k;
	}
	*o = '\0';
	return out;
}

/* ---- the pen ---- */

struct pen {
	HPDF_Doc pdf;
	HPDF_Page page;
	HPDF_Font regular, bold;
	float y;
	bool failed;
};

static void on_hpdf_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data)
{
	(void)error_no, (void)detail_no;
	((struct pen *)user_data)->failed = true;
}

static void footer(struct pen *p)
{
	HPDF_Page_SetGrayFill(p->page, 0.45f);
	HPDF_Page_BeginText(p->page);
	HPDF_Page_SetFontAndSize(p->page, p->regular, 8);
	HPDF_Page_TextOut(p->page, MARGIN_L, 30,
			  "DRAF - dibuat oleh fleksi. Periksa, beri nomor dan tanda tangani sebelum disampaikan.");
	HPDF_Page_EndText(p->page);
	HPDF_Page_SetGrayFill(p->page, 0);
}

static void new_page(struct pen *p)
{
	p->page = HPDF_AddPage(p->pdf);
	HPDF_Page_SetSize(p->page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
	p->y = PAGE_H - MARGIN_T;
	footer(p);
}

/* Room for h more points on this page, else a new page. */
static void need(struct pen *p, float h)
{
	if (p->y - h < MARGIN_B)
		new_page(p);
}

static void gap(struct pen *p, float h)
{
	p->y -= h;
}

/* One line of WinAnsi text with its baseline LEAD below the pen. */
static void line_at(struct pen *p, float x, const char *s, bool bold, float size)
{
	need(p, LEAD);
	p->y -= LEAD;
	HPDF_Page_BeginText(p->page);
	HPDF_Page_SetFontAndSize(p->page, bold ? p->bold : p->regular, size);
	HPDF_Page_TextOut(p->page, x, p->y, s);
	HPDF_Page_EndText(p->page);
}

/* A UTF-8 string centred between the margins (one line per '\n'). */
static void centred(struct pen *p, const char *utf8, bool bold, float size)
{
	char *s = to_winansi(utf8);
	if (!s) {
		p->failed = true;
		return;
	}
	for (char *line = strtok(s, "\n"); line; line = strtok(NULL, "\n")) {
		HPDF_Page_SetFontAndSize(p->page, bold ? p->bold : p->regular, size);
		float w = HPDF_Page_TextWidth(p->page, line);
		line_at(p, MARGIN_L + (PAGE_W - MARGIN_L - MARGIN_R - w) / 2, line, bold, size);
	}
	free(s);
}

/* Write one WinAnsi paragraph wrapped into [x, x + width]. */
static void wrap_one(struct pen *p, float x, float width, const char *s, bool bold)
{
	size_t n = strlen(s);
	char *line = malloc(n + 1);
	if (!line) {
		p->failed = true;
		return;
	}
	if (!n)
		line_at(p, x, "", bold, BODY);
	while (*s) {
		HPDF_Page_SetFontAndSize(p->page, bold ? p->bold : p->regular, BODY);
		HPDF_UINT fit = HPDF_Page_MeasureText(p->page, s, width, HPDF_TRUE, NULL);
		if (!fit) /* one word wider than the column: break it */
			fit = HPDF_Page_MeasureText(p->page, s, width, HPDF_FALSE, NULL);
		if (!fit)
			fit = 1;
		memcpy(line, s, fit);
		line[fit] = '\0';
		line_at(p, x, line, bold, BODY);
		s += fit;
		while (*s == ' ')
			s++;
	}
	free(line);
}

/* A UTF-8 text wrapped into [x, right margin]; '\n' starts a new paragraph. */
static void para(struct pen *p, float x, const char *utf8, bool bold)
{
	char *s = to_winansi(utf8 && *utf8 ? utf8 : BLANK);
	if (!s) {
		p->failed = true;
		return;
	}
	char *save = NULL;
	for (char *part = strtok_r(s, "\n", &save); part; part = strtok_r(NULL, "\n", &save))
		wrap_one(p, x, PAGE_W - MARGIN_R - x, part, bold);
	free(s);
}

/* "label : value" with the value wrapped in its own column. */
static void row(struct pen *p, float x, const char *label, const char *value)
{
	char *l = to_winansi(label);
	if (!l) {
		p->failed = true;
		return;
	}
	float top = p->y;
	need(p, LEAD);
	if (p->y != top) /* a page break happened: the label goes with the value */
		top = p->y;
	HPDF_Page_BeginText(p->page);
	HPDF_Page_SetFontAndSize(p->page, p->regular, BODY);
	HPDF_Page_TextOut(p->page, x, top - LEAD, l);
	HPDF_Page_TextOut(p->page, x + LABEL_W, top - LEAD, ":");
	HPDF_Page_EndText(p->page);
	free(l);
	para(p, x + LABEL_W + 10, value, false);
}

static const char *or_blank(const char *s)
{
	return s && *s ? s : BLANK;
}

/* ---- the parts of a letter ---- */

/* The letterhead: the agency, the unit, a double rule. */
static void letterhead(struct pen *p, const struct letter_facts *f)
{
	char up[300];
	snprintf(up, sizeof up, "%s", f->instansi && *f->instansi ? f->instansi : "PEMERINTAH PROVINSI DKI JAKARTA");
	for (char *c = up; *c; c++)
		if (*c >= 'a' && *c <= 'z')
			*c = (char)(*c - 'a' + 'A');
	centred(p, up, true, 13);
	if (f->unit_name && *f->unit_name)
		centred(p, f->unit_name, true, 12);
	gap(p, 8);
	HPDF_Page_SetLineWidth(p->page, 1.5f);
	HPDF_Page_MoveTo(p->page, MARGIN_L, p->y);
	HPDF_Page_LineTo(p->page, PAGE_W - MARGIN_R, p->y);
	HPDF_Page_Stroke(p->page);
	HPDF_Page_SetLineWidth(p->page, 0.5f);
	HPDF_Page_MoveTo(p->page, MARGIN_L, p->y - 2.5f);
	HPDF_Page_LineTo(p->page, PAGE_W - MARGIN_R, p->y - 2.5f);
	HPDF_Page_Stroke(p->page);
	gap(p, 12);
}

/* The employee's particulars as rows. */
static void employee_rows(struct pen *p, const struct letter_facts *f, float x)
{
	row(p, x, "Nama", f->employee_name);
	row(p, x, "NIP", f->nip);
	row(p, x, "Pangkat/golongan", f->golongan);
	row(p, x, "Jabatan", f->jabatan);
	row(p, x, "Unit kerja", f->unit_name);
}

/* The place and date, then the signer's block on the right half. */
static void signature(struct pen *p, const struct letter_facts *f, bool decision)
{
	float x = PAGE_W / 2 + 20;
	char date[40], line[200];
	if (letter_date_id(f->date, date, sizeof date))
		snprintf(date, sizeof date, "%s", BLANK);
	need(p, LEAD * 9);
	gap(p, LEAD);
	if (decision) {
		snprintf(line, sizeof line, "Ditetapkan di %s", or_blank(f->place));
		para(p, x, line, false);
		snprintf(line, sizeof line, "pada tanggal %s", date);
		para(p, x, line, false);
		gap(p, 4);
	}
	snprintf(line, sizeof line, "%s,", or_blank(f->signer_jabatan));
	para(p, x, line, false);
	gap(p, LEAD * 3);
	para(p, x, or_blank(f->signer_name), true);
	snprintf(line, sizeof line, "NIP %s", or_blank(f->signer_nip));
	para(p, x, line, false);
}

/* "Jakarta, 28 November 2026" on the right, then Nomor/Sifat/Hal. */
static void summons_heading(struct pen *p, const struct letter_facts *f, bool again)
{
	char date[40], line[200];
	if (letter_date_id(f->date, date, sizeof date))
		snprintf(date, sizeof date, "%s", BLANK);
	snprintf(line, sizeof line, "%s, %s", or_blank(f->place), date);
	para(p, PAGE_W / 2 + 20, line, false);
	gap(p, 4);
	row(p, MARGIN_L, "Nomor", f->number);
	row(p, MARGIN_L, "Sifat", "Rahasia");
	row(p, MARGIN_L, "Lampiran", "-");
	row(p, MARGIN_L, "Hal", again ? "Panggilan II" : "Panggilan I");
	gap(p, LEAD / 2);
	para(p, MARGIN_L, "Yth.", false);
	snprintf(line, sizeof line, "Sdr. %s", or_blank(f->employee_name));
	para(p, MARGIN_L, line, false);
	para(p, MARGIN_L, "di tempat", false);
	gap(p, LEAD / 2);
	centred(p, again ? "SURAT PANGGILAN II" : "SURAT PANGGILAN I", true, 12);
	gap(p, LEAD / 2);
}

/* Surat Panggilan I / II (PP 94/2021 Pasal 26; Perba BKN 6/2022 format). */
static void summons(struct pen *p, const struct letter_facts *f, bool again)
{
	char line[400], when[60];
	summons_heading(p, f, again);
	para(p, MARGIN_L, "Dengan ini diminta kehadiran Saudara:", false);
	employee_rows(p, f, MARGIN_L + 20);
	gap(p, 4);
	para(p, MARGIN_L, "untuk menghadap kepada:", false);
	row(p, MARGIN_L + 20, "Nama", f->signer_name);
	row(p, MARGIN_L + 20, "NIP", f->signer_nip);
	row(p, MARGIN_L + 20, "Jabatan", f->signer_jabatan);
	gap(p, 4);
	para(p, MARGIN_L, "pada:", false);
	date_with_weekday(f->exam_date, when, sizeof when);
	row(p, MARGIN_L + 20, "Hari, tanggal", when);
	snprintf(line, sizeof line, "%s WIB", or_blank(f->exam_time));
	row(p, MARGIN_L + 20, "Pukul", line);
	row(p, MARGIN_L + 20, "Tempat", f->exam_place);
	gap(p, 4);
	para(p, MARGIN_L,
	     "untuk diperiksa/dimintai keterangan sehubungan dengan dugaan pelanggaran disiplin berupa tidak masuk "
	     "kerja dan/atau tidak menaati ketentuan jam kerja, dengan rincian:", false);
	para(p, MARGIN_L + 20, f->facts, false);
	gap(p, 4);
	if (again)
		para(p, MARGIN_L,
		     "Saudara tidak memenuhi panggilan pertama. Apabila Saudara kembali tidak memenuhi panggilan ini, "
		     "hukuman disiplin dijatuhkan berdasarkan alat bukti dan keterangan yang ada, sesuai Peraturan "
		     "Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil.", false);
	else
		para(p, MARGIN_L,
		     "Pemeriksaan dapat dilakukan secara virtual dan dituangkan dalam berita acara pemeriksaan, sesuai "
		     "Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil.", false);
	para(p, MARGIN_L, "Demikian untuk dilaksanakan.", false);
	signature(p, f, false);
	gap(p, LEAD);
	need(p, LEAD * 4); /* the copies list stays together */
	para(p, MARGIN_L, "Tembusan:", false);
	para(p, MARGIN_L, "1. Kepala Badan Kepegawaian Daerah Provinsi DKI Jakarta;", false);
	para(p, MARGIN_L, "2. Inspektur Provinsi DKI Jakarta.", false);
}

static const char DEFAULT_BASIS[] =
	"1. Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara;\n"
	"2. Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil;\n"
	"3. Peraturan Badan Kepegawaian Negara Nomor 6 Tahun 2022 tentang Peraturan Pelaksanaan Peraturan "
	"Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil.";

/* The sanction in words: the caller's text, else the ladder's name. */
static const char *sanction_words(const struct letter_facts *f)
{
	if (f->sanction_text && *f->sanction_text)
		return f->sanction_text;
	const struct ladder_rung *r = f->sanction_code ? ladder_rung_by_code(ladder_builtin(), f->sanction_code) : NULL;
	return r ? r->name_id : BLANK;
}

/* A "KESATU  : text" clause of the decision, the text wrapped beside it. */
static void clause(struct pen *p, const char *label, const char *text)
{
	row(p, MARGIN_L, label, text);
	gap(p, 3);
}

/* Keputusan ... tentang Penjatuhan Hukuman Disiplin (Perba BKN 6/2022 format). */
static void decision(struct pen *p, const struct letter_facts *f)
{
	char line[900], title[300];
	const char *words = sanction_words(f);
	snprintf(title, sizeof title, "KEPUTUSAN %s", or_blank(f->signer_jabatan));
	for (char *c = title; *c; c++)
		if (*c >= 'a' && *c <= 'z')
			*c = (char)(*c - 'a' + 'A');
	centred(p, title, true, 12);
	snprintf(line, sizeof line, "NOMOR %s", or_blank(f->number));
	centred(p, line, true, 12);
	gap(p, 4);
	centred(p, "TENTANG\nPENJATUHAN HUKUMAN DISIPLIN", true, 12);
	gap(p, LEAD / 2);
	snprintf(line, sizeof line, "%s,", or_blank(f->signer_jabatan));
	centred(p, line, false, BODY);
	gap(p, LEAD / 2);
	snprintf(line, sizeof line,
		 "a. bahwa berdasarkan hasil pemeriksaan, Saudara %s, NIP %s, %s pada %s, telah melakukan pelanggaran "
		 "disiplin sebagai berikut:",
		 or_blank(f->employee_name), or_blank(f->nip), or_blank(f->jabatan), or_blank(f->unit_name));
	row(p, MARGIN_L, "Menimbang", line);
	para(p, MARGIN_L + LABEL_W + 24, f->facts, false);
	para(p, MARGIN_L + LABEL_W + 10,
	     "b. bahwa untuk menegakkan disiplin, perlu menjatuhkan hukuman disiplin yang setimpal dengan "
	     "pelanggaran disiplin yang dilakukannya;", false);
	gap(p, 4);
	row(p, MARGIN_L, "Mengingat", f->legal_basis && *f->legal_basis ? f->legal_basis : DEFAULT_BASIS);
	gap(p, LEAD / 2);
	centred(p, "MEMUTUSKAN:", true, 12);
	gap(p, 4);
	snprintf(line, sizeof line, "%s TENTANG PENJATUHAN HUKUMAN DISIPLIN.", title);
	row(p, MARGIN_L, "Menetapkan", line);
	gap(p, 3);
	snprintf(line, sizeof line, "Menjatuhkan hukuman disiplin berupa %s kepada:", words);
	clause(p, "KESATU", line);
	employee_rows(p, f, MARGIN_L + LABEL_W + 10);
	gap(p, 3);
	clause(p, "KEDUA",
	       "Apabila Saudara keberatan atas hukuman disiplin ini, Saudara dapat mengajukan upaya administratif "
	       "sesuai ketentuan peraturan perundang-undangan.");
	clause(p, "KETIGA",
	       "Keputusan ini disampaikan kepada yang bersangkutan paling lama 14 (empat belas) hari sejak "
	       "ditetapkan dan mulai berlaku sejak tanggal ditetapkan.");
	signature(p, f, true);
	gap(p, LEAD);
	need(p, LEAD * 4); /* the copies list stays together */
	para(p, MARGIN_L, "Tembusan:", false);
	para(p, MARGIN_L, "1. Kepala Badan Kepegawaian Daerah Provinsi DKI Jakarta;", false);
	para(p, MARGIN_L, "2. Inspektur Provinsi DKI Jakarta;", false);
	para(p, MARGIN_L, "3. Atasan langsung yang bersangkutan.", false);
}

/* ---- entry ---- */

static int refuse(struct err *e, int code, const char *field, const char *message)
{
	if (e) {
		e->code = code;
		snprintf(e->field, sizeof e->field, "%s", field ? field : "");
		snprintf(e->message, sizeof e->message, "%s", message);
	}
	return code;
}

/* The required fields and bounded lengths; 0 or ERR_INVALID via e. */
static int check(const struct letter_facts *f, struct err *e)
{
	if (!f->kind || (strcmp(f->kind, "summons") && strcmp(f->kind, "summons_again") && strcmp(f->kind, "decision")))
		return refuse(e, ERR_INVALID, "kind", "kind is summons, summons_again or decision.");
	if (!f->employee_name || !*f->employee_name)
		return refuse(e, ERR_INVALID, "employee_name", "The employee's name is required.");
	if (!f->nip || !*f->nip)
		return refuse(e, ERR_INVALID, "nip", "The employee's NIP is required.");
	int32_t d;
	if (f->date && *f->date && !date_parse(f->date, &d))
		return refuse(e, ERR_INVALID, "date", "date must be YYYY-MM-DD.");
	if (f->exam_date && *f->exam_date && !date_parse(f->exam_date, &d))
		return refuse(e, ERR_INVALID, "exam_date", "exam_date must be YYYY-MM-DD.");
	const char *const texts[] = {f->facts, f->legal_basis, f->sanction_text};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		if (texts[i] && strlen(texts[i]) > TEXT_MAX)
			return refuse(e, ERR_TOO_BIG, i == 0 ? "facts" : i == 1 ? "legal_basis" : "sanction_text",
				      "The text is longer than 8192 bytes.");
	return 0;
}

/* Copy the document out of libharu's memory stream. */
static int save(struct pen *p, unsigned char **pdf, size_t *len)
{
	if (HPDF_SaveToStream(p->pdf) != HPDF_OK || p->failed)
		return ERR_IO;
	HPDF_UINT32 size = HPDF_GetStreamSize(p->pdf);
	unsigned char *buf = malloc(size ? size : 1);
	if (!buf)
		return ERR_IO;
	HPDF_UINT32 got = size;
	if (HPDF_ReadFromStream(p->pdf, buf, &got) != HPDF_OK && got != size) {
		free(buf);
		return ERR_IO;
	}
	*pdf = buf, *len = got;
	return 0;
}

int letter_render_pdf(const struct letter_facts *f, unsigned char **pdf, size_t *len, struct err *e)
{
	*pdf = NULL, *len = 0;
	if (e)
		memset(e, 0, sizeof *e);
	int rc = check(f, e);
	if (rc)
		return rc;
	struct pen p = {0};
	p.pdf = HPDF_New(on_hpdf_error, &p);
	if (!p.pdf)
		return refuse(e, ERR_IO, NULL, "The PDF library could not start.");
	HPDF_SetCompressionMode(p.pdf, HPDF_COMP_NONE);
	bool is_decision = !strcmp(f->kind, "decision");
	HPDF_SetInfoAttr(p.pdf, HPDF_INFO_TITLE, is_decision ? "Keputusan Penjatuhan Hukuman Disiplin" : "Surat Panggilan");
	HPDF_SetInfoAttr(p.pdf, HPDF_INFO_CREATOR, "fleksi");
	p.regular = HPDF_GetFont(p.pdf, "Times-Roman", "WinAnsiEncoding");
	p.bold = HPDF_GetFont(p.pdf, "Times-Bold", "WinAnsiEncoding");
	new_page(&p);
	letterhead(&p, f);
	if (is_decision)
		decision(&p, f);
	else
		summons(&p, f, !strcmp(f->kind, "summons_again"));
	rc = save(&p, pdf, len);
	HPDF_Free(p.pdf);
	return rc ? refuse(e, rc, NULL, "The PDF could not be written.") : 0;
}
