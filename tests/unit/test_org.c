/* test_org.c - the organisation's value lists and field rules: every list
 * entry, every unit and employee rule with a valid and an invalid case, the
 * CSV column each problem names, and cycle detection on long chains. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "domain/nip.h"
#include "domain/org.h"

#define MAXP 16

static size_t list_len(const char *const *list)
{
	size_t n = 0;
	while (list[n] != NULL)
		n++;
	return n;
}

static void test_lists(void **state)
{
	(void)state;
	assert_int_equal(list_len(org_unit_kinds), 22);
	assert_int_equal(list_len(org_position_kinds), 7);
	assert_int_equal(list_len(org_employment_types), 3);
	for (size_t i = 0; org_unit_kinds[i] != NULL; i++)
		assert_true(org_is_unit_kind(org_unit_kinds[i]));
	for (size_t i = 0; org_position_kinds[i] != NULL; i++)
		assert_true(org_is_position_kind(org_position_kinds[i]));
	for (size_t i = 0; org_employment_types[i] != NULL; i++)
		assert_true(org_is_employment_type(org_employment_types[i]));
	assert_true(org_is_unit_kind("sekretariat_daerah"));
	assert_true(org_is_unit_kind("suku_badan"));
	assert_true(org_is_unit_kind("lainnya"));
	assert_false(org_is_unit_kind("Dinas"));
	assert_false(org_is_unit_kind("dinas "));
	assert_false(org_is_unit_kind(""));
	assert_false(org_is_unit_kind(NULL));
	assert_true(org_is_position_kind("jpt_utama"));
	assert_true(org_is_position_kind("pelaksana"));
	assert_false(org_is_position_kind("jpt"));
	assert_false(org_is_position_kind("staf"));
	assert_false(org_is_position_kind(NULL));
	assert_true(org_is_employment_type("cpns"));
	assert_false(org_is_employment_type("PNS"));
	assert_false(org_is_employment_type("honorer"));
	assert_false(org_is_employment_type(NULL));
}

static void test_golongan(void **state)
{
	(void)state;
	static const char *const pns[] = {
		"I/a", "I/b", "I/c", "I/d", "II/a", "II/b", "II/c", "II/d",
		"III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b", "IV/c", "IV/d", "IV/e",
	};
	static const char *const pppk[] = {
		"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
		"X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
	};
	for (size_t i = 0; i < 17; i++) {
		assert_true(org_is_golongan("pns", pns[i]));
		assert_true(org_is_golongan("cpns", pns[i]));
		assert_false(org_is_golongan("pppk", pns[i]));
		assert_true(org_is_golongan("pppk", pppk[i]));
		assert_false(org_is_golongan("pns", pppk[i]));
		assert_false(org_is_golongan("cpns", pppk[i]));
	}
	static const char *const bad[] = {
		"", "I/e", "II/e", "III/e", "IV/f", "V/a", "iii/a", "III/A", "III-a", "III / a",
		"XVIII", "XX", "0", "3a", "IIII", "xi",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_false(org_is_golongan("pns", bad[i]));
		assert_false(org_is_golongan("pppk", bad[i]));
	}
	assert_false(org_is_golongan("honorer", "III/a"));
	assert_false(org_is_golongan(NULL, "III/a"));
	assert_false(org_is_golongan("pns", NULL));
}

static void test_dates_and_times(void **state)
{
	(void)state;
	assert_true(org_is_date("2024-02-29"));
	assert_true(org_is_date("2000-02-29"));
	assert_true(org_is_date("2023-12-31"));
	assert_false(org_is_date("2023-02-29"));
	assert_false(org_is_date("1900-02-29"));
	assert_false(org_is_date("2023-04-31"));
	assert_false(org_is_date("2023-13-01"));
	assert_false(org_is_date("2023-00-10"));
	assert_false(org_is_date("2023-01-00"));
	assert_false(org_is_date("0000-01-01"));
	assert_false(org_is_date("2023-1-01"));
	assert_false(org_is_date("2023/01/01"));
	assert_false(org_is_date("01-01-2023"));
	assert_false(org_is_date(" 2023-01-01"));
	assert_false(org_is_date("2023-01-01 "));
	assert_false(org_is_date("2023-01-0a"));
	assert_false(org_is_date("+023-01-01"));
	assert_false(org_is_date(""));
	assert_false(org_is_date(NULL));

	assert_true(org_is_hhmm("00:00"));
	assert_true(org_is_hhmm("07:30"));
	assert_true(org_is_hhmm("23:59"));
	assert_false(org_is_hhmm("24:00"));
	assert_false(org_is_hhmm("12:60"));
	assert_false(org_is_hhmm("7:30"));
	assert_false(org_is_hhmm("07:3"));
	assert_false(org_is_hhmm("0730"));
	assert_false(org_is_hhmm("07.30"));
	assert_false(org_is_hhmm("07:30:00"));
	assert_false(org_is_hhmm("07:-1"));
	assert_false(org_is_hhmm(""));
	assert_false(org_is_hhmm(NULL));
}

static void test_unit_code(void **state)
{
	(void)state;
	assert_true(org_is_unit_code("5.01.0.00"));
	assert_true(org_is_unit_code("DISDIK"));
	assert_true(org_is_unit_code("a_b-c.9"));
	assert_true(org_is_unit_code("x"));
	assert_true(org_is_unit_code("12345678901234567890123456789012"));   /* 32 */
	assert_false(org_is_unit_code("123456789012345678901234567890123")); /* 33 */
	assert_false(org_is_unit_code(""));
	assert_false(org_is_unit_code(NULL));
	assert_false(org_is_unit_code("DIS DIK"));
	assert_false(org_is_unit_code("a/b"));
	assert_false(org_is_unit_code("kode,2"));
	assert_false(org_is_unit_code("dinas\xc3\xa9"));
	assert_false(org_is_unit_code("a\n"));
}

static void test_supervisor_optional(void **state)
{
	(void)state;
	assert_true(org_position_may_lack_supervisor("jpt_utama"));
	assert_true(org_position_may_lack_supervisor("jpt_madya"));
	assert_false(org_position_may_lack_supervisor("jpt_pratama"));
	assert_false(org_position_may_lack_supervisor("administrator"));
	assert_false(org_position_may_lack_supervisor("pengawas"));
	assert_false(org_position_may_lack_supervisor("fungsional"));
	assert_false(org_position_may_lack_supervisor("pelaksana"));
	assert_false(org_position_may_lack_supervisor("JPT_MADYA"));
	assert_false(org_position_may_lack_supervisor(NULL));
}

static void test_jenjang(void **state)
{
	(void)state;
	static const struct {
		const char *name, *jenjang;
	} cases[] = {
		{ "Perencana Ahli Muda", "Ahli Muda" },
		{ "Pranata Komputer Ahli Pertama", "Ahli Pertama" },
		{ "Analis Kebijakan Ahli Madya", "Ahli Madya" },
		{ "Widyaiswara Ahli Utama", "Ahli Utama" },
		{ "Pengawas Sekolah Ahli Madya", "Ahli Madya" },
		{ "Pemadam Kebakaran Pemula", "Pemula" },
		{ "Arsiparis Terampil", "Terampil" },
		{ "Pranata Komputer Mahir", "Mahir" },
		{ "Arsiparis Penyelia", "Penyelia" },
		{ "PERENCANA AHLI MUDA", "Ahli Muda" },
		{ "perencana ahli muda  ", "Ahli Muda" },
		{ "Perencana  Ahli Muda", "Ahli Muda" },
		{ "Ahli Muda", "Ahli Muda" },
		{ "Kepala Dinas Pendidikan", NULL },
		{ "Pengadministrasi Umum", NULL },
		{ "JPT Madya", NULL },
		{ "Perencana AhliMuda", NULL },
		{ "Arsiparis Terampil2", NULL },
		{ "PerencanaTerampil", NULL },
		{ "Ahli Muda Perencana", NULL },
		{ "", NULL },
		{ NULL, NULL },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *got = org_jenjang_of(cases[i].name);
		if (cases[i].jenjang == NULL) {
			if (got != NULL)
				fail_msg("\"%s\" has no jenjang, got %s", cases[i].name, got);
		} else {
			if (got == NULL)
				fail_msg("\"%s\": want %s, got NULL", cases[i].name, cases[i].jenjang);
			assert_string_equal(got, cases[i].jenjang);
		}
	}
}

/* --- units ------------------------------------------------------------ */

static struct org_unit valid_unit(void)
{
	struct org_unit u = {
		.code = "5.01.0.00",
		.name = "Dinas Pendidikan",
		.parent_code = "5.00",
		.kind = "dinas",
		.face_to_face = true,
		.has_location = true,
		.lat = -6.1810,
		.lon = 106.8286,
		.radius_m = 100,
		.service_open = "08:00",
		.service_close = "15:00",
	};
	return u;
}

/* Every problem carries a field and two full sentences under the limit. */
static void assert_well_formed(const struct org_problem *p, int n)
{
	for (int i = 0; i < n && i < MAXP; i++) {
		assert_non_null(p[i].field);
		size_t li = strlen(p[i].message_id), le = strlen(p[i].message_en);
		assert_true(li > 10 && li < sizeof p[i].message_id - 1);
		assert_true(le > 10 && le < sizeof p[i].message_en - 1);
		assert_int_equal(p[i].message_id[li - 1], '.');
		assert_int_equal(p[i].message_en[le - 1], '.');
	}
}

/* Validate u and require exactly one problem, on field. */
static void expect_unit_problem(const struct org_unit *u, const char *field)
{
	struct org_problem p[MAXP];
	int n = org_validate_unit(u, p, MAXP);
	if (n != 1)
		fail_msg("want 1 problem on %s, got %d (first: %s)", field, n,
			n > 0 ? p[0].message_en : "-");
	assert_string_equal(p[0].field, field);
	assert_well_formed(p, n);
}

static void expect_unit_valid(const struct org_unit *u)
{
	struct org_problem p[MAXP];
	int n = org_validate_unit(u, p, MAXP);
	if (n != 0)
		fail_msg("want valid, got %d problems (first: %s: %s)", n, p[0].field, p[0].message_en);
}

static void test_unit_valid(void **state)
{
	(void)state;
	struct org_unit u = valid_unit();
	expect_unit_valid(&u);
	u.parent_code = NULL;
	expect_unit_valid(&u);
	u.parent_code = "";
	expect_unit_valid(&u);
	u.service_open = u.service_close = NULL;
	expect_unit_valid(&u);
	u.service_open = u.service_close = "";
	expect_unit_valid(&u);
	u.has_location = false;
	u.lat = u.lon = 0;
	u.radius_m = 0;
	expect_unit_valid(&u);
	assert_int_equal(org_validate_unit(NULL, NULL, 0), 0);
}

static void test_unit_code_and_name(void **state)
{
	(void)state;
	struct org_unit u = valid_unit();
	u.code = "";
	expect_unit_problem(&u, "kode");
	u.code = NULL;
	expect_unit_problem(&u, "kode");
	u.code = "DIS DIK";
	expect_unit_problem(&u, "kode");
	u.code = "123456789012345678901234567890123";
	expect_unit_problem(&u, "kode");

	char name[ORG_NAME_MAX + 2];
	memset(name, 'a', sizeof name);
	name[ORG_NAME_MAX] = '\0';
	u = valid_unit();
	u.name = name;
	expect_unit_valid(&u);
	name[ORG_NAME_MAX] = 'a';
	name[ORG_NAME_MAX + 1] = '\0';
	expect_unit_problem(&u, "nama");
	static const char *const bad_names[] = {
		NULL, "", "   ",
		"Dinas \xff", "Dinas \xc3\x28", "\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80",
		"\xf4\x90\x80\x80", "\xf8\x88\x80\x80\x80", "Dinas \xe2\x82", "\x80",
	};
	for (size_t i = 0; i < sizeof bad_names / sizeof bad_names[0]; i++) {
		u.name = bad_names[i];
		expect_unit_problem(&u, "nama");
	}
	static const char *const good_names[] = {
		"Suku Dinas Pendidikan Wilayah I Kota Administrasi Jakarta Pusat",
		"RSUD Tarakan \xe2\x80\x94 Jakarta",      /* em dash */
		"Puskesmas Kecamatan Menteng \xc3\xa9",  /* e acute */
		"Sekolah \xf0\x9f\x8f\xab",               /* U+1F3EB */
		"\xf4\x8f\xbf\xbf",                       /* U+10FFFF */
		"\xed\x9f\xbf",                           /* U+D7FF, just before the surrogates */
	};
	for (size_t i = 0; i < sizeof good_names / sizeof good_names[0]; i++) {
		u.name = good_names[i];
		expect_unit_valid(&u);
	}
}

static void test_unit_parent_and_kind(void **state)
{
	(void)state;
	struct org_unit u = valid_unit();
	u.parent_code = "5.01.0.00";
	expect_unit_problem(&u, "induk_kode");
	u.parent_code = "5 00";
	expect_unit_problem(&u, "induk_kode");
	u = valid_unit();
	u.kind = "dinas2";
	expect_unit_problem(&u, "jenis");
	u.kind = NULL;
	expect_unit_problem(&u, "jenis");
	for (size_t i = 0; org_unit_kinds[i] != NULL; i++) {
		u.kind = org_unit_kinds[i];
		expect_unit_valid(&u);
	}
}

static void test_unit_service_hours(void **state)
{
	(void)state;
	struct org_unit u = valid_unit();
	u.service_close = NULL;
	expect_unit_problem(&u, "layanan_tatap_muka");
	u.service_close = "";
	expect_unit_problem(&u, "layanan_tatap_muka");
	u = valid_unit();
	u.service_open = NULL;
	expect_unit_problem(&u, "layanan_tatap_muka");
	u = valid_unit();
	u.service_open = "8:00";
	expect_unit_problem(&u, "layanan_tatap_muka");
	u.service_open = "08:00";
	u.service_close = "24:00";
	expect_unit_problem(&u, "layanan_tatap_muka");
	u.service_open = "15:00";
	u.service_close = "08:00";
	expect_unit_problem(&u, "layanan_tatap_muka");
	u.service_open = "08:00";
	u.service_close = "08:00";
	expect_unit_problem(&u, "layanan_tatap_muka");
	u.service_close = "08:01";
	expect_unit_valid(&u);
	u.service_open = "00:00";
	u.service_close = "23:59";
	expect_unit_valid(&u);
}

static void test_unit_location(void **state)
{
	(void)state;
	struct org_unit u = valid_unit();
	static const double bad_lat[] = { -11.51, 6.51, -90.0, 45.0, NAN, INFINITY };
	for (size_t i = 0; i < sizeof bad_lat / sizeof bad_lat[0]; i++) {
		u.lat = bad_lat[i];
		expect_unit_problem(&u, "lat");
	}
	u = valid_unit();
	static const double bad_lon[] = { 93.99, 141.51, 0.0, -106.8, NAN };
	for (size_t i = 0; i < sizeof bad_lon / sizeof bad_lon[0]; i++) {
		u.lon = bad_lon[i];
		expect_unit_problem(&u, "lon");
	}
	u = valid_unit();
	u.lat = -11.5;
	u.lon = 94.0;
	expect_unit_valid(&u);
	u.lat = 6.5;
	u.lon = 141.5;
	expect_unit_valid(&u);
	u = valid_unit();
	static const int bad_radius[] = { 9, 0, -100, 5001, 100000 };
	for (size_t i = 0; i < sizeof bad_radius / sizeof bad_radius[0]; i++) {
		u.radius_m = bad_radius[i];
		expect_unit_problem(&u, "radius_m");
	}
	u.radius_m = 10;
	expect_unit_valid(&u);
	u.radius_m = 5000;
	expect_unit_valid(&u);
}

/* All problems are counted; at most max are written. */
static void test_unit_many_problems(void **state)
{
	(void)state;
	struct org_unit u = {
		.code = "bad code", .name = "", .parent_code = "bad code", .kind = "x",
		.has_location = true, .lat = 50, .lon = 0, .radius_m = 1,
		.service_open = "09:00", .service_close = NULL,
	};
	struct org_problem p[MAXP];
	int n = org_validate_unit(&u, p, MAXP);
	assert_int_equal(n, 8);
	assert_well_formed(p, n);
	static const char *const fields[] = {
		"kode", "nama", "induk_kode", "jenis", "layanan_tatap_muka", "lat", "lon", "radius_m",
	};
	for (int i = 0; i < n; i++)
		assert_string_equal(p[i].field, fields[i]);

	struct org_problem few[3];
	memset(few, 0, sizeof few);
	assert_int_equal(org_validate_unit(&u, few, 2), 8);
	assert_string_equal(few[0].field, "kode");
	assert_string_equal(few[1].field, "nama");
	assert_null(few[2].field);
	assert_int_equal(org_validate_unit(&u, NULL, 0), 8);
}

static void test_unit_messages(void **state)
{
	(void)state;
	struct org_unit u = valid_unit();
	u.parent_code = u.code;
	struct org_problem p[MAXP];
	assert_int_equal(org_validate_unit(&u, p, MAXP), 1);
	assert_string_equal(p[0].message_id, "Unit tidak boleh menjadi induk bagi dirinya sendiri.");
	assert_string_equal(p[0].message_en, "A unit cannot be its own parent.");
}

/* --- employees -------------------------------------------------------- */

static struct org_employee valid_employee(void)
{
	struct org_employee e = {
		.nip = "198609262015051001",
		.name = "Budi Santoso",
		.employment = "pns",
		.golongan = "III/c",
		.position_name = "Perencana Ahli Muda",
		.position_kind = "fungsional",
		.unit_code = "5.01.0.00",
		.supervisor_nip = "197501012000031002",
		.appointed_on = "2022-01-03",
		.has_domicile = true,
		.domicile_lat = -6.2,
		.domicile_lon = 106.8,
		.active = true,
	};
	return e;
}

static void expect_employee_problem(const struct org_employee *e, const char *field)
{
	struct org_problem p[MAXP];
	int n = org_validate_employee(e, p, MAXP);
	if (n != 1)
		fail_msg("want 1 problem on %s, got %d (first: %s)", field, n,
			n > 0 ? p[0].message_en : "-");
	assert_string_equal(p[0].field, field);
	assert_well_formed(p, n);
}

static void expect_employee_valid(const struct org_employee *e)
{
	struct org_problem p[MAXP];
	int n = org_validate_employee(e, p, MAXP);
	if (n != 0)
		fail_msg("want valid, got %d problems (first: %s: %s)", n, p[0].field, p[0].message_en);
}

static void test_employee_valid(void **state)
{
	(void)state;
	struct org_employee e = valid_employee();
	expect_employee_valid(&e);
	e.employment = "cpns";
	e.golongan = "II/a";
	expect_employee_valid(&e);
	e = valid_employee();
	e.employment = "pppk";
	e.nip = "199003152023211005";
	e.golongan = "IX";
	expect_employee_valid(&e);
	e.has_domicile = false;
	e.domicile_lat = e.domicile_lon = NAN;
	expect_employee_valid(&e);
	assert_int_equal(org_validate_employee(NULL, NULL, 0), 0);
}

static void test_employee_nip(void **state)
{
	(void)state;
	struct org_employee e = valid_employee();
	static const char *const bad[] = {
		NULL, "", "19860926201505100", "198602302015051001", "198609262015131001",
		"198609262015053001", "198609262015051000", "199003152023201005",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		e.nip = bad[i];
		expect_employee_problem(&e, "nip");
		struct org_problem p[MAXP];
		org_validate_employee(&e, p, MAXP);
		const char *en = NULL;
		assert_string_equal(p[0].message_id, nip_problem(bad[i], &en));
		assert_string_equal(p[0].message_en, en);
	}
}

static void test_employee_nip_matches_employment(void **state)
{
	(void)state;
	struct org_employee e = valid_employee();
	e.nip = "199003152023211005"; /* a PPPK number */
	expect_employee_problem(&e, "jenis_pegawai");
	e.employment = "cpns";
	expect_employee_problem(&e, "jenis_pegawai");
	e = valid_employee();
	e.employment = "pppk";
	e.golongan = "IX";        /* the NIP stays a PNS one */
	expect_employee_problem(&e, "jenis_pegawai");
}

static void test_employee_employment_and_golongan(void **state)
{
	(void)state;
	struct org_employee e = valid_employee();
	e.employment = "honorer";
	expect_employee_problem(&e, "jenis_pegawai");
	e.employment = NULL;
	expect_employee_problem(&e, "jenis_pegawai");
	e = valid_employee();
	e.golongan = "IX";
	expect_employee_problem(&e, "golongan");
	e.golongan = "IV/f";
	expect_employee_problem(&e, "golongan");
	e.golongan = "";
	expect_employee_problem(&e, "golongan");
	e.golongan = NULL;
	expect_employee_problem(&e, "golongan");
	e = valid_employee();
	e.employment = "pppk";
	e.nip = "199003152023211005";
	e.golongan = "III/a";
	expect_employee_problem(&e, "golongan");
	e.golongan = "XVIII";
	expect_employee_problem(&e, "golongan");
	e.golongan = "XVII";
	expect_employee_valid(&e);
	e.golongan = "I";
	expect_employee_valid(&e);
}

static void test_employee_names_and_position(void **state)
{
	(void)state;
	struct org_employee e = valid_employee();
	e.name = "";
	expect_employee_problem(&e, "nama");
	e.name = "Siti \xff";
	expect_employee_problem(&e, "nama");
	e.name = "Dr. R. A. Kartini, S.H., M.Si.";
	expect_employee_valid(&e);
	e = valid_employee();
	e.position_name = NULL;
	expect_employee_problem(&e, "jabatan");
	e.position_name = " ";
	expect_employee_problem(&e, "jabatan");
	e = valid_employee();
	e.position_kind = "staf";
	expect_employee_problem(&e, "jenis_jabatan");
	e.position_kind = "pelaksana";
	expect_employee_valid(&e);
	e = valid_employee();
	e.appointed_on = "2022-02-30";
	expect_employee_problem(&e, "tmt_jabatan");
	e.appointed_on = "03-01-2022";
	expect_employee_problem(&e, "tmt_jabatan");
	e.appointed_on = "";
	expect_employee_problem(&e, "tmt_jabatan");
	e.appointed_on = NULL;
	expect_employee_problem(&e, "tmt_jabatan");
	e.appointed_on = "2024-02-29";
	expect_employee_valid(&e);
}

static void test_employee_unit(void **state)
{
	(void)state;
	struct org_employee e = valid_employee();
	e.unit_code = "";
	expect_employee_problem(&e, "unit_kode");
	e.unit_code = NULL;
	expect_employee_problem(&e, "unit_kode");
	e.unit_code = "a/b";
	expect_employee_problem(&e, "unit_kode");
	e.unit_code = "DISDIK";
	expect_employee_valid(&e);
}

static void test_employee_supervisor(void **state)
{
	(void)state;
	struct org_employee e = valid_employee();
	e.supervisor_nip = NULL;
	expect_employee_problem(&e, "atasan_nip");
	e.supervisor_nip = "";
	expect_employee_problem(&e, "atasan_nip");
	static const char *const optional[] = { "jpt_utama", "jpt_madya" };
	for (size_t i = 0; i < 2; i++) {
		e.position_kind = optional[i];
		e.supervisor_nip = NULL;
		expect_employee_valid(&e);
		e.supervisor_nip = "";
		expect_employee_valid(&e);
		e.supervisor_nip = "197501012000031002"; /* allowed, not required */
		expect_employee_valid(&e);
	}
	static const char *const required[] = {
		"jpt_pratama", "administrator", "pengawas", "fungsional", "pelaksana",
	};
	for (size_t i = 0; i < sizeof required / sizeof required[0]; i++) {
		e.position_kind = required[i];
		e.supervisor_nip = NULL;
		expect_employee_problem(&e, "atasan_nip");
	}
	e = valid_employee();
	e.supervisor_nip = "123";
	expect_employee_problem(&e, "atasan_nip");
	struct org_problem p[MAXP];
	org_validate_employee(&e, p, MAXP);
	assert_non_null(strstr(p[0].message_id, "NIP atasan"));
	assert_non_null(strstr(p[0].message_en, "exactly 18 digits"));
	e.supervisor_nip = e.nip;
	expect_employee_problem(&e, "atasan_nip");
	org_validate_employee(&e, p, MAXP);
	assert_string_equal(p[0].message_en, "An employee cannot be their own supervisor.");
	e.supervisor_nip = "199003152023211005"; /* a PPPK supervisor is fine */
	expect_employee_valid(&e);
}

static void test_employee_domicile(void **state)
{
	(void)state;
	struct org_employee e = valid_employee();
	e.domicile_lat = 10.0;
	expect_employee_problem(&e, "domisili_lat");
	e.domicile_lat = NAN;
	expect_employee_problem(&e, "domisili_lat");
	e = valid_employee();
	e.domicile_lon = 90.0;
	expect_employee_problem(&e, "domisili_lon");
	e.domicile_lat = 0.0;
	e.domicile_lon = 0.0;
	struct org_problem p[MAXP];
	assert_int_equal(org_validate_employee(&e, p, MAXP), 1); /* 0 lat is inside */
	assert_string_equal(p[0].field, "domisili_lon");
}

static void test_employee_many_problems(void **state)
{
	(void)state;
	struct org_employee e = { 0 };
	e.has_domicile = true;
	e.domicile_lat = 99;
	e.domicile_lon = 0;
	struct org_problem p[MAXP];
	int n = org_validate_employee(&e, p, MAXP);
	static const char *const fields[] = {
		"nip", "nama", "jenis_pegawai", "golongan", "jabatan", "jenis_jabatan",
		"tmt_jabatan", "unit_kode", "atasan_nip", "domisili_lat", "domisili_lon",
	};
	assert_int_equal(n, (int)(sizeof fields / sizeof fields[0]));
	assert_well_formed(p, n);
	for (int i = 0; i < n; i++)
		assert_string_equal(p[i].field, fields[i]);
}

/* --- supervisor cycles ------------------------------------------------ */

/* Whether start lies on a cycle of sup: following sup from it returns to it
 * within n steps. */
static bool on_cycle(const long *sup, long n, long start)
{
	long j = start;
	for (long steps = 0; steps < n; steps++) {
		if (j < 0 || j >= n)
			return false;
		j = sup[j];
		if (j == start)
			return true;
	}
	return false;
}

static void test_cycle_small(void **state)
{
	(void)state;
	assert_int_equal(org_find_supervisor_cycle(NULL, 3), -1);
	long one[] = { -1 };
	assert_int_equal(org_find_supervisor_cycle(one, 0), -1);
	assert_int_equal(org_find_supervisor_cycle(one, 1), -1);
	long self[] = { -1, 1 };
	assert_int_equal(org_find_supervisor_cycle(self, 2), 1);
	long tree[] = { -1, 0, 0, 1, 1, 2, 5, 6 };
	assert_int_equal(org_find_supervisor_cycle(tree, 8), -1);
	long forest[] = { -1, 0, -1, 2, 3, 1 };
	assert_int_equal(org_find_supervisor_cycle(forest, 6), -1);
	/* A tail 0 -> 1 leading into the cycle 2 -> 3 -> 4 -> 2. */
	long tail[] = { 1, 2, 3, 4, 2, -1 };
	long c = org_find_supervisor_cycle(tail, 6);
	assert_true(c >= 2 && c <= 4);
	/* Out-of-range supervisors count as none. */
	long odd[] = { 7, -5, 0 };
	assert_int_equal(org_find_supervisor_cycle(odd, 3), -1);
	long two[] = { 1, 0 };
	c = org_find_supervisor_cycle(two, 2);
	assert_true(c == 0 || c == 1);
}

/* Chains of millions: no recursion, linear time. */
static void test_cycle_long_chains(void **state)
{
	(void)state;
	const long n = 3000000;
	long *sup = malloc((size_t)n * sizeof *sup);
	assert_non_null(sup);
	/* One chain: i reports to i + 1, the last to no one. */
	for (long i = 0; i < n; i++)
		sup[i] = i + 1 < n ? i + 1 : -1;
	assert_int_equal(org_find_supervisor_cycle(sup, n), -1);
	/* Close it into one huge cycle. */
	sup[n - 1] = 0;
	long c = org_find_supervisor_cycle(sup, n);
	assert_true(c >= 0 && c < n);
	assert_true(on_cycle(sup, n, c));
	/* Reversed chain with a small cycle at the far end. */
	for (long i = 0; i < n; i++)
		sup[i] = i - 1;
	sup[0] = 2;
	c = org_find_supervisor_cycle(sup, n);
	assert_true(c >= 0 && c <= 2);
	assert_true(on_cycle(sup, n, c));
	/* A wide tree of many short chains into one root. */
	for (long i = 0; i < n; i++)
		sup[i] = i == 0 ? -1 : (i - 1) / 3;
	assert_int_equal(org_find_supervisor_cycle(sup, n), -1);
	free(sup);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lists),
		cmocka_unit_test(test_golongan),
		cmocka_unit_test(test_dates_and_times),
		cmocka_unit_test(test_unit_code),
		cmocka_unit_test(test_supervisor_optional),
		cmocka_unit_test(test_jenjang),
		cmocka_unit_test(test_unit_valid),
		cmocka_unit_test(test_unit_code_and_name),
		cmocka_unit_test(test_unit_parent_and_kind),
		cmocka_unit_test(test_unit_service_hours),
		cmocka_unit_test(test_unit_location),
		cmocka_unit_test(test_unit_many_problems),
		cmocka_unit_test(test_unit_messages),
		cmocka_unit_test(test_employee_valid),
		cmocka_unit_test(test_employee_nip),
		cmocka_unit_test(test_employee_nip_matches_employment),
		cmocka_unit_test(test_employee_employment_and_golongan),
		cmocka_unit_test(test_employee_names_and_position),
		cmocka_unit_test(test_employee_unit),
		cmocka_unit_test(test_employee_supervisor),
		cmocka_unit_test(test_employee_domicile),
		cmocka_unit_test(test_employee_many_problems),
		cmocka_unit_test(test_cycle_small),
		cmocka_unit_test(test_cycle_long_chains),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
