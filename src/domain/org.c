/* org.c - the canonical value lists of the organisation and the field-local
 * rules for units and employees (RULES.md sections 6 and 7).
 *
 * Validators never stop at the first problem: an import shows a person every
 * fault of a row at once, each tied to the CSV column that holds it and
 * worded in Indonesian and English. */
#include "domain/org.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "domain/geo.h"
#include "domain/nip.h"

const char *const org_unit_kinds[] = {
	"sekretariat_daerah", "sekretariat_dprd", "biro", "dinas", "badan", "inspektorat",
	"satuan", "kota", "kabupaten", "kecamatan", "kelurahan", "suku_dinas", "suku_badan",
	"bagian", "bidang", "seksi", "subbagian", "upt", "rsud", "puskesmas", "sekolah",
	"lainnya", NULL
};

const char *const org_position_kinds[] = {
	"jpt_utama", "jpt_madya", "jpt_pratama", "administrator", "pengawas", "fungsional",
	"pelaksana", NULL
};

const char *const org_employment_types[] = { "pns", "cpns", "pppk", NULL };

/* PNS and CPNS: golongan I/a (Juru Muda) to IV/e (Pembina Utama). */
static const char *const org_golongan_pns[] = {
	"I/a", "I/b", "I/c", "I/d",
	"II/a", "II/b", "II/c", "II/d",
	"III/a", "III/b", "III/c", "III/d",
	"IV/a", "IV/b", "IV/c", "IV/d", "IV/e", NULL
};

/* PPPK: golongan I to XVII. */
static const char *const org_golongan_pppk[] = {
	"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
	"XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", NULL
};

/* Jenjang of fungsional positions, as they end a position name. */
static const char *const org_jenjangs[] = {
	"Ahli Pertama", "Ahli Muda", "Ahli Madya", "Ahli Utama",
	"Pemula", "Terampil", "Mahir", "Penyelia", NULL
};

/* Whether s is exactly one of the NULL-terminated list. */
static bool org_in_list(const char *const *list, const char *s)
{
	if (s == NULL)
		return false;
	for (size_t i = 0; list[i] != NULL; i++)
		if (strcmp(list[i], s) == 0)
			return true;
	return false;
}

bool org_is_unit_kind(const char *s)
{
	return org_in_list(org_unit_kinds, s);
}

bool org_is_position_kind(const char *s)
{
	return org_in_list(org_position_kinds, s);
}

bool org_is_employment_type(const char *s)
{
	return org_in_list(org_employment_types, s);
}

bool org_is_golongan(const char *employment, const char *golongan)
{
	if (employment == NULL || golongan == NULL)
		return false;
	if (strcmp(employment, "pppk") == 0)
		return org_in_list(org_golongan_pppk, golongan);
	if (strcmp(employment, "pns") == 0 || strcmp(employment, "cpns") == 0)
		return org_in_list(org_golongan_pns, golongan);
	return false;
}

static bool org_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Value of n decimal digits at s, or -1 when any is not a digit. */
static int org_number(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!org_is_digit(s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

bool org_is_date(const char *s)
{
	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	int y = org_number(s, 4), m = org_number(s + 5, 2), d = org_number(s + 8, 2);
	if (y < 0 || m < 0 || d < 0)
		return false;
	return nip_date_exists(y, m, d);
}

bool org_is_hhmm(const char *s)
{
	if (s == NULL || strlen(s) != 5 || s[2] != ':')
		return false;
	int h = org_number(s, 2), m = org_number(s + 3, 2);
	return h >= 0 && h <= 23 && m >= 0 && m <= 59;
}

static bool org_is_code_char(char c)
{
	return org_is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		c == '.' || c == '_' || c == '-';
}

bool org_is_unit_code(const char *s)
{
	if (s == NULL || s[0] == '\0')
		return false;
	size_t len = 0;
	for (; s[len] != '\0'; len++)
		if (len >= ORG_CODE_MAX || !org_is_code_char(s[len]))
			return false;
	return true;
}

bool org_position_may_lack_supervisor(const char *position_kind)
{
	if (position_kind == NULL)
		return false;
	return strcmp(position_kind, "jpt_utama") == 0 || strcmp(position_kind, "jpt_madya") == 0;
}

static char org_ascii_lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static bool org_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Whether name[0..len) ends with the word(s) suffix, ignoring ASCII case,
 * and the suffix starts a word (the name itself, or after whitespace). */
static bool org_ends_with_words(const char *name, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);
	if (n > len)
		return false;
	const char *tail = name + len - n;
	for (size_t i = 0; i < n; i++)
		if (org_ascii_lower(tail[i]) != org_ascii_lower(suffix[i]))
			return false;
	return tail == name || org_is_space(tail[-1]);
}

const char *org_jenjang_of(const char *position_name)
{
	if (position_name == NULL)
		return NULL;
	size_t len = strlen(position_name);
	while (len > 0 && org_is_space(position_name[len - 1]))
		len--;
	for (size_t i = 0; org_jenjangs[i] != NULL; i++)
		if (org_ends_with_words(position_name, len, org_jenjangs[i]))
			return org_jenjangs[i];
	return NULL;
}

/* Length of the UTF-8 sequence starting at s (at most len bytes), or 0 when
 * it is malformed: truncated, overlong, a surrogate or past U+10FFFF. The
 * ranges are those of RFC 3629 section 4: the lead byte fixes the length
 * and narrows the range of the second byte. */
static size_t org_utf8_seq(const unsigned char *s, size_t len)
{
	unsigned c = s[0];
	size_t n = 0;
	unsigned lo = 0x80, hi = 0xBF;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		n = 2;
	if (c >= 0xE0 && c <= 0xEF)
		n = 3;
	if (c >= 0xF0 && c <= 0xF4)
		n = 4;
	if (c == 0xE0)
		lo = 0xA0; /* no overlong 3-byte forms */
	if (c == 0xED)
		hi = 0x9F; /* no surrogates */
	if (c == 0xF0)
		lo = 0x90; /* no overlong 4-byte forms */
	if (c == 0xF4)
		hi = 0x8F; /* nothing past U+10FFFF */
	if (n == 0 || len < n || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if (s[i] < 0x80 || s[i] > 0xBF)
			return 0;
	return n;
}

/* Whether s[0..len) is well-formed UTF-8 (RFC 3629). */
static bool org_utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		size_t n = org_utf8_seq(p + i, len - i);
		if (n == 0)
			return false;
		i += n;
	}
	return true;
}

/* Whether s is NULL or holds nothing but whitespace. */
static bool org_is_blank(const char *s)
{
	if (s == NULL)
		return true;
	for (; *s != '\0'; s++)
		if (!org_is_space(*s))
			return false;
	return true;
}

/* Where the validators collect problems: up to max into out, counting all. */
struct org_report {
	struct org_problem *out;
	int max;
	int count;
};

static void org_report_add(struct org_report *r, const char *field, const char *id, const char *en)
{
	if (r->out != NULL && r->count < r->max) {
		struct org_problem *p = &r->out[r->count];
		p->field = field;
		snprintf(p->message_id, sizeof p->message_id, "%s", id);
		snprintf(p->message_en, sizeof p->message_en, "%s", en);
	}
	r->count++;
}

/* The messages of one name-like field (unit, person or position name). */
struct org_name_messages {
	const char *missing_id, *missing_en;
	const char *too_long_id, *too_long_en;
	const char *not_utf8_id, *not_utf8_en;
};

/* A name must be present, at most ORG_NAME_MAX bytes and valid UTF-8. */
static void org_check_name(struct org_report *r, const char *field, const char *s,
	const struct org_name_messages *msg)
{
	if (org_is_blank(s)) {
		org_report_add(r, field, msg->missing_id, msg->missing_en);
		return;
	}
	size_t len = strlen(s);
	if (len > ORG_NAME_MAX)
		org_report_add(r, field, msg->too_long_id, msg->too_long_en);
	else if (!org_utf8_valid(s, len))
		org_report_add(r, field, msg->not_utf8_id, msg->not_utf8_en);
}

#define ORG_STR_(x) #x
#define ORG_STR(x) ORG_STR_(x)
#define ORG_NAME_MESSAGES(what_id, what_en) { \
	what_id " wajib diisi.", what_en " is required.", \
	what_id " terlalu panjang (paling banyak " ORG_STR(ORG_NAME_MAX) " bita).", \
	what_en " is too long (at most " ORG_STR(ORG_NAME_MAX) " bytes).", \
	what_id " bukan teks UTF-8 yang sah.", what_en " is not valid UTF-8 text." }

static const struct org_name_messages org_unit_name_msg =
	ORG_NAME_MESSAGES("Nama unit", "The unit name");
static const struct org_name_messages org_person_name_msg =
	ORG_NAME_MESSAGES("Nama pegawai", "The employee name");
static const struct org_name_messages org_position_name_msg =
	ORG_NAME_MESSAGES("Nama jabatan", "The position name");

static const char org_code_rule_id[] =
	"hanya boleh berisi huruf, angka, titik, garis bawah dan tanda hubung, "
	"paling banyak " ORG_STR(ORG_CODE_MAX) " karakter.";
static const char org_code_rule_en[] =
	"may only contain letters, digits, dots, underscores and hyphens, "
	"at most " ORG_STR(ORG_CODE_MAX) " characters.";

/* A unit code (own, parent or of an employee's unit): present when required
 * and well formed. what_id / what_en name the code, e.g. "Kode unit". */
static void org_check_code(struct org_report *r, const char *field, const char *s, bool required,
	const char *what_id, const char *what_en)
{
	char id[160], en[160];
	if (s == NULL || s[0] == '\0') {
		if (!required)
			return;
		snprintf(id, sizeof id, "%s wajib diisi.", what_id);
		snprintf(en, sizeof en, "%s is required.", what_en);
		org_report_add(r, field, id, en);
		return;
	}
	if (org_is_unit_code(s))
		return;
	snprintf(id, sizeof id, "%s %s", what_id, org_code_rule_id);
	snprintf(en, sizeof en, "%s %s", what_en, org_code_rule_en);
	org_report_add(r, field, id, en);
}

static bool org_lat_ok(double lat)
{
	return lat >= GEO_ID_LAT_MIN && lat <= GEO_ID_LAT_MAX; /* false for NaN */
}

static bool org_lon_ok(double lon)
{
	return lon >= GEO_ID_LON_MIN && lon <= GEO_ID_LON_MAX;
}

/* Latitude and longitude of a point that must lie in Indonesia. */
static void org_check_point(struct org_report *r, const char *lat_field, const char *lon_field,
	double lat, double lon, const char *what_id, const char *what_en)
{
	char id[160], en[160];
	if (!org_lat_ok(lat)) {
		snprintf(id, sizeof id, "Lintang %s harus di wilayah Indonesia (-11,5 sampai 6,5).",
			what_id);
		snprintf(en, sizeof en, "The %s latitude must lie within Indonesia (-11.5 to 6.5).",
			what_en);
		org_report_add(r, lat_field, id, en);
	}
	if (!org_lon_ok(lon)) {
		snprintf(id, sizeof id, "Bujur %s harus di wilayah Indonesia (94 sampai 141,5).",
			what_id);
		snprintf(en, sizeof en, "The %s longitude must lie within Indonesia (94 to 141.5).",
			what_en);
		org_report_add(r, lon_field, id, en);
	}
}

/* Face-to-face service hours: both or neither, each HH:MM, open < close.
 * An empty string counts as absent. */
static void org_check_service_hours(struct org_report *r, const char *open, const char *close)
{
	bool has_open = open != NULL && open[0] != '\0';
	bool has_close = close != NULL && close[0] != '\0';
	if (!has_open && !has_close)
		return;
	if (has_open != has_close) {
		org_report_add(r, "layanan_tatap_muka",
			"Jam layanan tatap muka harus diisi lengkap: jam buka dan jam tutup.",
			"Face-to-face service hours need both an opening and a closing time.");
		return;
	}
	if (!org_is_hhmm(open) || !org_is_hhmm(close)) {
		org_report_add(r, "layanan_tatap_muka",
			"Jam layanan tatap muka harus berformat JJ:MM (00:00 sampai 23:59).",
			"Face-to-face service hours must be written HH:MM (00:00 to 23:59).");
		return;
	}
	/* Same fixed-width format, so byte order is time order. */
	if (strcmp(open, close) >= 0)
		org_report_add(r, "layanan_tatap_muka",
			"Jam buka layanan tatap muka harus lebih awal dari jam tutup.",
			"Face-to-face service must open before it closes.");
}

/* Parent code: optional, well formed, and not the unit itself. */
static void org_check_parent(struct org_report *r, const struct org_unit *u)
{
	const char *parent = u->parent_code;
	if (parent == NULL || parent[0] == '\0')
		return;
	if (!org_is_unit_code(parent)) {
		org_check_code(r, "induk_kode", parent, false, "Kode unit induk",
			"The parent unit code");
		return;
	}
	if (u->code != NULL && strcmp(parent, u->code) == 0)
		org_report_add(r, "induk_kode", "Unit tidak boleh menjadi induk bagi dirinya sendiri.",
			"A unit cannot be its own parent.");
}

/* Office location and presence radius; only checked when the unit has a
 * location, because the radius means nothing without one. */
static void org_check_location(struct org_report *r, const struct org_unit *u)
{
	if (!u->has_location)
		return;
	org_check_point(r, "lat", "lon", u->lat, u->lon, "kantor", "office");
	if (u->radius_m < 10 || u->radius_m > 5000)
		org_report_add(r, "radius_m", "Radius kehadiran harus 10 sampai 5000 meter.",
			"The presence radius must be 10 to 5000 metres.");
}

int org_validate_unit(const struct org_unit *u, struct org_problem *out, int max)
{
	struct org_report r = { out, max, 0 };
	if (u == NULL)
		return 0;
	org_check_code(&r, "kode", u->code, true, "Kode unit", "The unit code");
	org_check_name(&r, "nama", u->name, &org_unit_name_msg);
	org_check_parent(&r, u);
	if (!org_is_unit_kind(u->kind))
		org_report_add(&r, "jenis", "Jenis unit tidak dikenal.",
			"The unit kind is not recognised.");
	org_check_service_hours(&r, u->service_open, u->service_close);
	org_check_location(&r, u);
	return r.count;
}

/* The employee's own NIP, and whether its kind (PNS or PPPK) matches the
 * employment type. The match is reported on jenis_pegawai: each value is
 * valid alone, only the pair is not. */
static void org_check_employee_nip(struct org_report *r, const struct org_employee *e)
{
	const char *en = NULL;
	const char *id = nip_problem(e->nip, &en);
	if (id != NULL) {
		org_report_add(r, "nip", id, en);
		return;
	}
	if (!org_is_employment_type(e->employment))
		return;
	struct nip_info info;
	nip_parse(e->nip, &info);
	bool pppk = strcmp(e->employment, "pppk") == 0;
	if (pppk && info.kind != NIP_PPPK)
		org_report_add(r, "jenis_pegawai",
			"Pegawai PPPK harus memakai nomor PPPK (angka ke-13 NIP bernilai 2).",
			"A PPPK employee needs a PPPK number (digit 13 of the NIP is 2).");
	else if (!pppk && info.kind != NIP_PNS)
		org_report_add(r, "jenis_pegawai",
			"Pegawai PNS atau CPNS tidak boleh memakai nomor PPPK (angka ke-13 NIP bernilai 2).",
			"A PNS or CPNS employee cannot have a PPPK number (digit 13 of the NIP is 2).");
}

/* Employment type and the golongan that goes with it. The golongan is only
 * judged when the employment type is known. */
static void org_check_grade(struct org_report *r, const struct org_employee *e)
{
	if (!org_is_employment_type(e->employment)) {
		org_report_add(r, "jenis_pegawai", "Jenis pegawai harus pns, cpns atau pppk.",
			"The employment type must be pns, cpns or pppk.");
	}
	if (e->golongan == NULL || e->golongan[0] == '\0') {
		org_report_add(r, "golongan", "Golongan wajib diisi.", "The golongan is required.");
		return;
	}
	if (!org_is_employment_type(e->employment) || org_is_golongan(e->employment, e->golongan))
		return;
	if (strcmp(e->employment, "pppk") == 0)
		org_report_add(r, "golongan", "Golongan PPPK harus I sampai XVII.",
			"A PPPK golongan must be I to XVII.");
	else
		org_report_add(r, "golongan", "Golongan PNS atau CPNS harus I/a sampai IV/e.",
			"A PNS or CPNS golongan must be I/a to IV/e.");
}

/* The direct supervisor: a valid NIP other than the employee's own, or
 * absent only for positions that report to the Governor. */
static void org_check_supervisor(struct org_report *r, const struct org_employee *e)
{
	if (e->supervisor_nip == NULL || e->supervisor_nip[0] == '\0') {
		if (!org_position_may_lack_supervisor(e->position_kind))
			org_report_add(r, "atasan_nip",
				"NIP atasan langsung wajib diisi, kecuali untuk JPT Utama dan JPT Madya.",
				"The direct supervisor's NIP is required except for JPT Utama and JPT Madya.");
		return;
	}
	const char *en = NULL;
	const char *id = nip_problem(e->supervisor_nip, &en);
	if (id != NULL) {
		char mid[160], men[160];
		snprintf(mid, sizeof mid, "NIP atasan tidak sah. %s", id);
		snprintf(men, sizeof men, "The supervisor's NIP is invalid. %s", en);
		org_report_add(r, "atasan_nip", mid, men);
		return;
	}
	if (e->nip != NULL && strcmp(e->nip, e->supervisor_nip) == 0)
		org_report_add(r, "atasan_nip", "Pegawai tidak boleh menjadi atasan bagi dirinya sendiri.",
			"An employee cannot be their own supervisor.");
}

/* The position: its name, its kind and the date it was taken up. */
static void org_check_position(struct org_report *r, const struct org_employee *e)
{
	org_check_name(r, "jabatan", e->position_name, &org_position_name_msg);
	if (!org_is_position_kind(e->position_kind))
		org_report_add(r, "jenis_jabatan", "Jenis jabatan tidak dikenal.",
			"The position kind is not recognised.");
	if (e->appointed_on == NULL || e->appointed_on[0] == '\0')
		org_report_add(r, "tmt_jabatan", "TMT jabatan wajib diisi.",
			"The appointment date (TMT) is required.");
	else if (!org_is_date(e->appointed_on))
		org_report_add(r, "tmt_jabatan",
			"TMT jabatan harus tanggal yang ada, ditulis YYYY-MM-DD.",
			"The appointment date (TMT) must be a real date written YYYY-MM-DD.");
}

int org_validate_employee(const struct org_employee *e, struct org_problem *out, int max)
{
	struct org_report r = { out, max, 0 };
	if (e == NULL)
		return 0;
	org_check_employee_nip(&r, e);
	org_check_name(&r, "nama", e->name, &org_person_name_msg);
	org_check_grade(&r, e);
	org_check_position(&r, e);
	org_check_code(&r, "unit_kode", e->unit_code, true, "Kode unit", "The unit code");
	org_check_supervisor(&r, e);
	if (e->has_domicile)
		org_check_point(&r, "domisili_lat", "domisili_lon", e->domicile_lat, e->domicile_lon,
			"domisili", "domicile");
	return r.count;
}

/* Marks used by org_find_supervisor_cycle. */
enum {
	ORG_UNSEEN = 0,
	ORG_ON_PATH = 1, /* on the chain being walked right now */
	ORG_DONE = 2,    /* known to lead to a root */
};

/* Colours each node once on the way up a chain and once when the chain is
 * settled, so the search is O(n) time with n bytes of scratch and no
 * recursion however long the chains are. An index outside 0..n-1 (not only
 * -1) counts as "no supervisor"; references are checked elsewhere. */
long org_find_supervisor_cycle(const long *sup, long n)
{
	if (sup == NULL || n <= 0)
		return -1;
	unsigned char *mark = xcalloc((size_t)n, 1);
	long found = -1;
	for (long i = 0; i < n && found < 0; i++) {
		/* Climb from i until a root, a finished node or the current path.
		 * Out-of-range indices count as "no supervisor". */
		long j = i;
		while (j >= 0 && j < n && mark[j] == ORG_UNSEEN) {
			mark[j] = ORG_ON_PATH;
			j = sup[j];
		}
		if (j >= 0 && j < n && mark[j] == ORG_ON_PATH)
			found = j;
		/* Every node of this walk is now settled. */
		for (long k = i; k >= 0 && k < n && mark[k] == ORG_ON_PATH; k = sup[k])
			mark[k] = ORG_DONE;
	}
	free(mark);
	return found;
}
