/* test_letter.c - the letter drafts: a PDF comes out for each kind, with the
 * case's facts in its (uncompressed) content streams, Indonesian dates,
 * Latin-1 names kept, the sanction named from the ladder, long facts
 * flowing onto a second page, and bad facts refused. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "core/err.h"
#include "domain/letter.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct letter_facts facts(const char *kind)
{
	return (struct letter_facts){
		.kind = kind, .number = "800.1.6.3/123/2026", .instansi = "Pemerintah Provinsi DKI Jakarta",
		.unit_name = "Badan Perencanaan Pembangunan Daerah", .place = "Jakarta", .date = "2026-11-28",
		.employee_name = "Budi Santoso", .nip = "198609262015051001", .jabatan = "Analis Kebijakan",
		.golongan = "Penata Muda (III/a)", .signer_name = "Siti Rahmawati", .signer_nip = "197501012000032001",
		.signer_jabatan = "Kepala Bidang Perencanaan", .exam_date = "2026-12-03", .exam_time = "09:00",
		.exam_place = "Ruang Rapat Lantai 4",
		.facts = "Tidak masuk kerja tanpa alasan yang sah pada 3, 4 dan 5 November 2026 (3 hari kerja).",
		.sanction_code = "teguran_lisan"};
}

/* Whether needle occurs in the PDF's text: libharu writes text as literal
 * strings with octal escapes for '/', '(', ')' and bytes above 0x7E, so
 * they are undone first (a PDF has NULs in binary parts: no str*). */
static bool contains(const unsigned char *pdf, size_t n, const char *needle)
{
	unsigned char *hay = malloc(n + 1);
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		if (pdf[i] == '\\' && i + 3 < n && pdf[i + 1] >= '0' && pdf[i + 1] <= '3') {
			hay[m++] = (unsigned char)((pdf[i + 1] - '0') * 64 + (pdf[i + 2] - '0') * 8 + (pdf[i + 3] - '0'));
			i += 3;
		} else {
			hay[m++] = pdf[i];
		}
	}
	size_t k = strlen(needle);
	bool found = false;
	for (size_t i = 0; !found && i + k <= m; i++)
		found = !memcmp(hay + i, needle, k);
	free(hay);
	return found;
}

static unsigned char *render(const struct letter_facts *f, size_t *len)
{
	unsigned char *pdf = NULL;
	struct err e;
	int rc = letter_render_pdf(f, &pdf, len, &e);
	assert_int_equal(rc, 0);
	assert_non_null(pdf);
	assert_true(*len > 1000);
	assert_memory_equal(pdf, "%PDF-", 5);
	assert_true(contains(pdf, *len, "%%EOF"));
	return pdf;
}

static void test_summons_has_the_facts(void **state)
{
	(void)state;
	struct letter_facts f = facts("summons");
	size_t n;
	unsigned char *pdf = render(&f, &n);
	/* Text is written as PDF literal strings: "(...) Tj". */
	assert_true(contains(pdf, n, "SURAT PANGGILAN I)"));
	assert_true(contains(pdf, n, "Budi Santoso"));
	assert_true(contains(pdf, n, "198609262015051001"));
	assert_true(contains(pdf, n, "Jakarta, 28 November 2026"));
	assert_true(contains(pdf, n, "Kamis, 3 Desember 2026"));
	assert_true(contains(pdf, n, "09:00 WIB"));
	assert_true(contains(pdf, n, "Ruang Rapat Lantai 4"));
	assert_true(contains(pdf, n, "Siti Rahmawati"));
	assert_true(contains(pdf, n, "800.1.6.3/123/2026"));
	assert_true(contains(pdf, n, "Tidak masuk kerja tanpa alasan yang sah"));
	assert_true(contains(pdf, n, "PEMERINTAH PROVINSI DKI JAKARTA"));
	assert_false(contains(pdf, n, "Panggilan II"));
	free(pdf);
}

static void test_second_summons_warns_of_evidence(void **state)
{
	(void)state;
	struct letter_facts f = facts("summons_again");
	size_t n;
	unsigned char *pdf = render(&f, &n);
	assert_true(contains(pdf, n, "SURAT PANGGILAN II"));
	assert_true(contains(pdf, n, "Panggilan II"));
	assert_true(contains(pdf, n, "alat bukti"));
	free(pdf);
}

static void test_decision_names_the_sanction(void **state)
{
	(void)state;
	struct letter_facts f = facts("decision");
	f.sanction_code = "potongan_tpp_25_6";
	size_t n;
	unsigned char *pdf = render(&f, &n);
	assert_true(contains(pdf, n, "KEPUTUSAN KEPALA BIDANG PERENCANAAN"));
	assert_true(contains(pdf, n, "PENJATUHAN HUKUMAN DISIPLIN"));
	assert_true(contains(pdf, n, "NOMOR 800.1.6.3/123/2026"));
	/* The ladder's Indonesian name; the line may wrap, so look for its head. */
	assert_true(contains(pdf, n, "Pemotongan tunjangan"));
	assert_true(contains(pdf, n, "Peraturan Pemerintah Nomor 94 Tahun 2021"));
	assert_true(contains(pdf, n, "pada tanggal 28 November 2026"));
	assert_true(contains(pdf, n, "MEMUTUSKAN"));
	free(pdf);
	/* The caller's own text and legal basis win. */
	f.sanction_text = "teguran tertulis";
	f.legal_basis = "Pergub DKI 19/2020";
	pdf = render(&f, &n);
	assert_true(contains(pdf, n, "berupa teguran tertulis kepada"));
	assert_true(contains(pdf, n, "Pergub DKI 19/2020"));
	assert_false(contains(pdf, n, "Nomor 20 Tahun 2023"));
	free(pdf);
}

static void test_latin1_and_blanks(void **state)
{
	(void)state;
	struct letter_facts f = facts("summons");
	f.employee_name = "Andr\xc3\xa9 \xe2\x80\x9c" "Andi\xe2\x80\x9d \xe4\xb8\xad"; /* é, curly quotes, a CJK char */
	f.exam_place = NULL;
	f.number = "";
	size_t n;
	unsigned char *pdf = render(&f, &n);
	assert_true(contains(pdf, n, "Andr\xe9 \x93" "Andi\x94 ?"));
	assert_true(contains(pdf, n, ".............................."));
	free(pdf);
}

static void test_long_facts_make_pages(void **state)
{
	(void)state;
	struct letter_facts f = facts("decision");
	char *text = malloc(8000);
	text[0] = '\0';
	for (int i = 1; i <= 60; i++) {
		char line[80];
		snprintf(line, sizeof line, "%d. Tidak masuk kerja tanpa alasan yang sah pada hari ke-%d.\n", i, i);
		strcat(text, line);
	}
	f.facts = text;
	size_t n;
	unsigned char *pdf = render(&f, &n);
	assert_true(contains(pdf, n, "hari ke-1."));
	assert_true(contains(pdf, n, "hari ke-60."));
	assert_true(contains(pdf, n, "/Count 3") || contains(pdf, n, "/Count 2"));
	free(pdf);
	free(text);
}

static void test_refused(void **state)
{
	(void)state;
	unsigned char *pdf = (unsigned char *)"x";
	size_t n = 9;
	struct err e;
	struct letter_facts f = facts("memo");
	assert_int_equal(letter_render_pdf(&f, &pdf, &n, &e), ERR_INVALID);
	assert_string_equal(e.field, "kind");
	assert_null(pdf);
	assert_int_equal(n, 0);
	f = facts("summons");
	f.nip = "";
	assert_int_equal(letter_render_pdf(&f, &pdf, &n, &e), ERR_INVALID);
	assert_string_equal(e.field, "nip");
	f = facts("summons");
	f.exam_date = "2026-02-30";
	assert_int_equal(letter_render_pdf(&f, &pdf, &n, NULL), ERR_INVALID);
	char big[9000];
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	f = facts("decision");
	f.facts = big;
	assert_int_equal(letter_render_pdf(&f, &pdf, &n, &e), ERR_TOO_BIG);
	assert_string_equal(e.field, "facts");
}

static void test_dates(void **state)
{
	(void)state;
	char out[40];
	assert_int_equal(letter_date_id("2026-11-28", out, sizeof out), 0);
	assert_string_equal(out, "28 November 2026");
	assert_int_equal(letter_date_id("2027-01-01", out, sizeof out), 0);
	assert_string_equal(out, "1 Januari 2027");
	assert_int_equal(letter_date_id("2026-08-17", out, sizeof out), 0);
	assert_string_equal(out, "17 Agustus 2026");
	assert_int_equal(letter_date_id("28-11-2026", out, sizeof out), ERR_INVALID);
	assert_int_equal(letter_date_id(NULL, out, sizeof out), ERR_INVALID);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_summons_has_the_facts), cmocka_unit_test(test_second_summons_warns_of_evidence),
		cmocka_unit_test(test_decision_names_the_sanction), cmocka_unit_test(test_latin1_and_blanks),
		cmocka_unit_test(test_long_facts_make_pages), cmocka_unit_test(test_refused),
		cmocka_unit_test(test_dates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
