/* test_jobclass.c - the classification table row by row, the matcher, and
 * the unit context. Includes the .c to reach the table itself. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "../../src/domain/jobclass.c"

static const struct jobclass_unit office = {"badan", false}, kelurahan = {"kelurahan", true},
				  rsud = {"rsud", false}, sekolah = {"sekolah", false}, puskesmas = {"puskesmas", false};

/* Every prefix row classifies its own pattern, with and without a jenjang,
 * in any letter case, to exactly that row. */
static void test_every_prefix_row(void **state)
{
	(void)state;
	char name[300];
	for (size_t i = 0; i < NPREFIX; i++) {
		const struct jobclass_row *r = &prefix_rows[i];
		const char *suffixes[] = {"", " Ahli Pertama", " Ahli Muda", " Terampil", " Penyelia"};
		for (size_t s = 0; s < sizeof suffixes / sizeof suffixes[0]; s++) {
			snprintf(name, sizeof name, "%s%s", r->pattern, suffixes[s]);
			struct jobclass_profile p;
			jobclass_classify_name(name, "fungsional", &p);
			if (p.matched != r->pattern)
				fail_msg("\"%s\" matched \"%s\", expected \"%s\"", name, p.matched ? p.matched : "(none)",
					 r->pattern);
			assert_string_equal(p.family, r->family);
			assert_int_equal(p.criteria, r->criteria);
			assert_int_equal(p.time, r->time);
			assert_false(p.unclassified);
			assert_true(jobclass_is_family(p.family));
		}
		for (size_t k = 0; k < sizeof name && r->pattern[k]; k++)
			name[k] = (char)((r->pattern[k] >= 'a' && r->pattern[k] <= 'z') ? r->pattern[k] - 32 : r->pattern[k]);
		name[strlen(r->pattern)] = '\0';
		struct jobclass_profile p;
		jobclass_classify_name(name, NULL, &p);
		assert_string_equal(p.family, r->family);
	}
}

/* Every keyword row is found inside a name no prefix claims. */
static void test_every_keyword_row(void **state)
{
	(void)state;
	char name[300];
	for (size_t i = 0; i < NKEYWORD; i++) {
		snprintf(name, sizeof name, "Komandan Unit %s Wilayah", keyword_rows[i].pattern);
		struct jobclass_profile p;
		jobclass_classify_name(name, "pelaksana", &p);
		assert_ptr_equal(p.matched, keyword_rows[i].pattern);
		assert_string_equal(p.family, keyword_rows[i].family);
	}
}

static void test_table_rows_are_valid(void **state)
{
	(void)state;
	for (size_t i = 0; i < NPREFIX; i++) {
		assert_true(jobclass_is_family(prefix_rows[i].family));
		assert_int_equal(prefix_rows[i].criteria & ~JC_CRITERIA_ALL, 0);
		for (size_t k = i + 1; k < NPREFIX; k++)
			if (!strcasecmp(prefix_rows[i].pattern, prefix_rows[k].pattern))
				fail_msg("duplicate pattern %s", prefix_rows[i].pattern);
	}
	assert_int_equal(jobclass_table_size(), (int)(NPREFIX + NKEYWORD));
}

static void expect(const char *name, const char *kind, const struct jobclass_unit *u, const char *family,
		   unsigned criteria)
{
	struct jobclass_profile p;
	jobclass_classify(name, kind, u, &p);
	if (strcmp(p.family, family) || p.criteria != criteria)
		fail_msg("%s in %s: got %s/%02x, expected %s/%02x", name, u ? u->kind : "-", p.family, p.criteria, family,
			 criteria);
}

/* The seed article's examples (RULES.md section 1). */
static void test_seed_examples(void **state)
{
	(void)state;
	expect("Dokter Ahli Pertama", "fungsional", &rsud, "medis", JC_NO_CONTINUOUS_SUPERVISION);
	expect("Dokter Gigi Ahli Pertama", "fungsional", &puskesmas, "medis", JC_NO_CONTINUOUS_SUPERVISION);
	expect("Perawat Terampil", "fungsional", &rsud, "medis", JC_NO_CONTINUOUS_SUPERVISION);
	expect("Guru Ahli Muda", "fungsional", &sekolah, "pendidikan", JC_NO_CONTINUOUS_SUPERVISION);
	expect("Pemadam Kebakaran", "pelaksana", &office, "pemadam_kebakaran", 0);
	expect("Analis Kebakaran Mahir", "fungsional", &office, "pemadam_kebakaran", 0);
	expect("Polisi Pamong Praja Terampil", "fungsional", &office, "ketertiban_keamanan", 0);
	expect("Penata Layanan Operasional", "pelaksana", &kelurahan, "layanan_tatap_muka", JC_CRITERIA_ALL & ~JC_MINIMAL_FACE_TO_FACE);
	expect("Pengadministrasi Perkantoran", "pelaksana", &kelurahan, "layanan_tatap_muka",
	       JC_CRITERIA_ALL & ~JC_MINIMAL_FACE_TO_FACE);
	expect("Perencana Ahli Muda", "fungsional", &office, "perencanaan", JC_CRITERIA_ALL);
	expect("Peneliti Ahli Pertama", "fungsional", &office, "penelitian_pengembangan", JC_CRITERIA_ALL);
	expect("Pengadministrasi Perkantoran", "pelaksana", &office, "kesekretariatan", JC_CRITERIA_ALL);
	expect("Pranata Komputer Ahli Pertama", "fungsional", &office, "teknologi_informasi", JC_CRITERIA_ALL);
	expect("Analis Sumber Daya Manusia Aparatur Ahli Muda", "fungsional", &office, "kepegawaian", JC_CRITERIA_ALL);
	expect("Arsiparis Terampil", "fungsional", &office, "kearsipan", JC_CRITERIA_ALL);
	expect("Analis Pengelolaan Keuangan APBD Ahli Pertama", "fungsional", &office, "keuangan", JC_CRITERIA_ALL);
	expect("Perancang Peraturan Perundang-undangan Ahli Muda", "fungsional", &office, "hukum", JC_CRITERIA_ALL);
}

static void test_unknown_is_reported_not_guessed(void **state)
{
	(void)state;
	const char *names[] = {"Juru Sita", "Gurugembul", "Perawatan Jalan", "", "   ", "Ahli Muda"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		struct jobclass_profile p;
		jobclass_classify(names[i], "pelaksana", &office, &p);
		assert_true(p.unclassified);
		assert_string_equal(p.family, "lainnya");
		assert_int_equal(p.criteria, 0);
		assert_null(p.matched);
		assert_false(p.unit_context);
	}
	struct jobclass_profile p;
	jobclass_classify_name(NULL, NULL, &p);
	assert_true(p.unclassified);
}

static void test_longest_prefix_and_words(void **state)
{
	(void)state;
	struct jobclass_profile p;
	jobclass_classify_name("Dokter Gigi Ahli Muda", "fungsional", &p);
	assert_string_equal(p.matched, "Dokter Gigi");
	jobclass_classify_name("Asisten Apoteker Terampil", "fungsional", &p);
	assert_string_equal(p.matched, "Asisten Apoteker");
	jobclass_classify_name("Kepala Sekolah", "pengawas", &p);
	assert_string_equal(p.family, "pendidikan");
	jobclass_classify_name("Kepala Seksi Sekolah Dasar Suku Dinas Pendidikan", "pengawas", &p);
	assert_string_equal(p.family, "manajerial");
	jobclass_classify_name("Kepala Puskesmas Kelurahan Gambir", "pengawas", &p);
	assert_string_equal(p.family, "medis");
	jobclass_classify_name("  perencana ahli madya  ", "fungsional", &p);
	assert_string_equal(p.family, "perencanaan");
	jobclass_classify_name("Pengelola Pengadaan Barang/Jasa Ahli Muda", "fungsional", &p);
	assert_string_equal(p.family, "keuangan");
}

/* A face-to-face unit (flag, or kind rsud / puskesmas / sekolah). */
static void test_unit_context(void **state)
{
	(void)state;
	assert_true(jobclass_unit_face_to_face(&kelurahan));
	assert_true(jobclass_unit_face_to_face(&rsud));
	assert_true(jobclass_unit_face_to_face(&sekolah));
	assert_true(jobclass_unit_face_to_face(&puskesmas));
	assert_false(jobclass_unit_face_to_face(&office));
	assert_false(jobclass_unit_face_to_face(NULL));
	struct jobclass_profile p;
	/* A structural head of a face-to-face unit must be on site. */
	jobclass_classify("Kepala Seksi Pemerintahan", "pengawas", &kelurahan, &p);
	assert_int_equal(p.criteria, JC_CRITERIA_ALL & ~(JC_MINIMAL_FACE_TO_FACE | JC_OUTSIDE_OFFICE));
	assert_true(p.unit_context);
	jobclass_classify("Kepala Seksi Pemerintahan", "pengawas", &office, &p);
	assert_int_equal(p.criteria, JC_CRITERIA_ALL);
	assert_false(p.unit_context);
	/* A desk role keeps its family in a school, but not minimal face to face. */
	jobclass_classify("Pranata Komputer Terampil", "fungsional", &sekolah, &p);
	assert_string_equal(p.family, "teknologi_informasi");
	assert_int_equal(p.criteria, JC_CRITERIA_ALL & ~JC_MINIMAL_FACE_TO_FACE);
	/* Already face-to-face duties are not changed. */
	jobclass_classify("Guru Ahli Muda", "fungsional", &sekolah, &p);
	assert_false(p.unit_context);
	jobclass_classify("Lurah Gambir", "pengawas", &kelurahan, &p);
	assert_string_equal(p.family, "layanan_tatap_muka");
	assert_false(p.criteria & JC_OUTSIDE_OFFICE);
}

static void test_criterion_names(void **state)
{
	(void)state;
	const char *names[] = {"outside_office", "no_special_equipment", "ict_possible", "minimal_face_to_face",
			       "no_continuous_supervision"};
	for (int i = 0; i < JC_CRITERIA_N; i++) {
		assert_string_equal(jobclass_criterion_name(1u << i), names[i]);
		assert_int_equal(jobclass_criterion_parse(names[i]), 1u << i);
	}
	assert_null(jobclass_criterion_name(3));
	assert_null(jobclass_criterion_name(0));
	assert_int_equal(jobclass_criterion_parse("nope"), 0);
	assert_int_equal(jobclass_criterion_parse(NULL), 0);
	const char *families[] = {"medis", "pendidikan", "pemadam_kebakaran", "ketertiban_keamanan",
				  "layanan_tatap_muka", "kesekretariatan", "perencanaan", "penelitian_pengembangan",
				  "analisis_kebijakan", "teknologi_informasi", "keuangan", "kepegawaian", "kearsipan",
				  "hukum", "teknis_lapangan", "lainnya"};
	for (size_t i = 0; i < sizeof families / sizeof families[0]; i++)
		assert_true(jobclass_is_family(families[i]));
	assert_false(jobclass_is_family("dokter"));
	assert_false(jobclass_is_family(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_prefix_row),     cmocka_unit_test(test_every_keyword_row),
		cmocka_unit_test(test_table_rows_are_valid), cmocka_unit_test(test_seed_examples),
		cmocka_unit_test(test_unknown_is_reported_not_guessed), cmocka_unit_test(test_longest_prefix_and_words),
		cmocka_unit_test(test_unit_context),         cmocka_unit_test(test_criterion_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
