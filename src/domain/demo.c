/* demo.c - a deterministic generator of a realistic demo organisation of
 * Pemprov DKI Jakarta (RULES.md sections 6 and 7).
 *
 * How it works, in four passes:
 *   1. build:  the full unit tree at the reference size (about 3,700 units,
 *              each with a base head count) from the data tables below;
 *              children always come after their parent in the array;
 *   2. plan:   scale to the requested head count. Units that would get fewer
 *              than DEMO_KEEP_MIN people are thinned: a named unit (a bidang,
 *              a dinas) is dropped, and of a repeated group (kelurahan of a
 *              kecamatan, schools of a suku dinas) only an evenly spread
 *              sample is kept, each member standing for the dropped ones so
 *              that teachers and nurses stay the largest groups;
 *   3. units:  stream every kept unit, parents first;
 *   4. people: stream every employee, unit by unit in the same order, the
 *              head first, so every supervisor precedes their staff.
 * The structure (codes, names, places, head counts) depends only on the
 * head count; the seed drives a private xoshiro256** generator for names,
 * NIPs, dates, grades and domiciles. NIPs are made unique with their
 * sequence digits, counted per prefix in a small open-addressing table.
 *
 * Chains of command: staff report to the head of their unit; a unit's head
 * reports to the head of the parent unit (or to a named deputy there, as a
 * Kepala Biro to an Asisten); heads of top-level units report to the
 * Sekretaris Daerah, who reports to the Governor (no supervisor). The wali
 * kota and the bupati of Jakarta are civil servants appointed by the
 * Governor (UU 29/2007), so each heads its kota as JPT Pratama, with a
 * Sekretaris Kota below. */
#include "domain/demo.h"

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/mem.h"

#define DEMO_KOTA_N 6
#define DEMO_FIXED_MAX 6
/* A unit is kept when it would get at least this many people. */
#define DEMO_KEEP_MIN 6.0
/* Essential units keep a few people even for the smallest organisation. */
#define DEMO_ESSENTIAL_STAFF 3
/* Share (percent) of CPNS among holders of entry-level positions. */
#define DEMO_CPNS_PCT 8
/* Appointments (TMT jabatan) end on this date. */
#define DEMO_END_YEAR 2026
#define DEMO_END_MONTH 10
#define DEMO_END_DAY 1
/* Birth dates are counted from here in the NIP uniqueness keys. */
#define DEMO_EPOCH_YEAR 1955
/* Nobody is born earlier, so nobody is past retirement age on DEMO_END. */
#define DEMO_BIRTH_YEAR_MIN 1967

/* ------------------------------------------------------------------ */
/* Random numbers: xoshiro256** seeded by splitmix64 (Blackman, Vigna). */

struct demo_rng {
	uint64_t s[4];
};

static uint64_t demo_splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static void demo_rng_seed(struct demo_rng *r, uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		r->s[i] = demo_splitmix(&seed);
}

static uint64_t demo_rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t demo_next(struct demo_rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = demo_rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = demo_rotl(s[3], 45);
	return result;
}

/* Uniform in 0..n-1 for n >= 1 (multiply-shift; bias below 2^-32). */
static uint32_t demo_below(struct demo_rng *r, uint32_t n)
{
	return (uint32_t)(((demo_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* Uniform in lo..hi, both included. */
static int demo_between(struct demo_rng *r, int lo, int hi)
{
	return lo + (int)demo_below(r, (uint32_t)(hi - lo + 1));
}

static bool demo_chance(struct demo_rng *r, unsigned pct)
{
	return demo_below(r, 100) < pct;
}

/* Uniform in [0, 1). */
static double demo_real(struct demo_rng *r)
{
	return (double)(demo_next(r) >> 11) * 0x1.0p-53;
}

/* A fixed pseudo-random value in [0, 1) for a key: for the structure, which
 * must not depend on the seed. */
static double demo_hash01(uint64_t key)
{
	return (double)(demo_splitmix(&key) >> 11) * 0x1.0p-53;
}

/* ------------------------------------------------------------------ */
/* Calendar arithmetic on day numbers (days since 1970-01-01), after
 * Howard Hinnant's days_from_civil / civil_from_days. */

static long demo_days(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void demo_civil(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* A uniformly drawn day of year y. */
static long demo_day_in_year(struct demo_rng *r, int y)
{
	long first = demo_days(y, 1, 1);
	return first + demo_below(r, (uint32_t)(demo_days(y + 1, 1, 1) - first));
}

/* printf into a fixed buffer, truncating silently: every caller's inputs
 * come from the tables below and fit (the tests check every code and name). */
__attribute__((format(printf, 3, 4)))
static void demo_fmt(char *dst, size_t n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(dst, n, fmt, ap);
	va_end(ap);
}

/* Upper-case code form of a name: "Kebon Jeruk" -> "KEBON-JERUK". Letters
 * and digits are kept, spaces, hyphens and slashes become one hyphen, the
 * rest is dropped. */
static void demo_slug(char *dst, size_t n, const char *name)
{
	size_t j = 0;
	for (const char *p = name; *p != '\0' && j + 1 < n; p++) {
		char c = *p;
		if (c >= 'a' && c <= 'z')
			dst[j++] = (char)(c - 'a' + 'A');
		else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
			dst[j++] = c;
		else if ((c == ' ' || c == '-' || c == '/') && j > 0 && dst[j - 1] != '-')
			dst[j++] = '-';
	}
	dst[j] = '\0';
}

/* ------------------------------------------------------------------ */
/* People's names, by the groups that make up Jakarta's civil service. */

struct demo_list {
	const char *const *v;
	unsigned n;
};

#define DEMO_LIST(a) { a, (unsigned)(sizeof a / sizeof a[0]) }

static const char *const demo_jawa_m[] = {
	"Budi", "Agus", "Bambang", "Joko", "Slamet", "Heru", "Eko", "Dwi", "Wahyu", "Hadi",
	"Teguh", "Yudi", "Rudi", "Didik", "Hari", "Sigit", "Arif", "Bayu", "Adi", "Dimas",
	"Galih", "Aris", "Bagus", "Wawan", "Hendro", "Priyo", "Sutrisno", "Suryanto", "Purnomo",
	"Setyo", "Danang", "Ari", "Anton", "Nugroho", "Tri", "Yoga", "Fajar", "Rizki", "Aditya",
	"Wisnu", "Sapto", "Widodo", "Haryono", "Sugeng",
};
static const char *const demo_jawa_f[] = {
	"Sri", "Dewi", "Endang", "Rini", "Tutik", "Wahyuni", "Siti", "Ratna", "Yuli", "Retno",
	"Wulan", "Ayu", "Indah", "Sari", "Ani", "Eka", "Fitri", "Lestari", "Nining", "Sulastri",
	"Suharti", "Kartika", "Puji", "Astuti", "Rina", "Diah", "Endah", "Purwanti", "Novi",
	"Anik", "Dyah", "Ningsih", "Widya", "Kurnia", "Rahayu", "Tri", "Dwi", "Anisa",
};
static const char *const demo_jawa_ml[] = {
	"Santoso", "Wibowo", "Setiawan", "Nugroho", "Prasetyo", "Susanto", "Purnomo", "Hartono",
	"Widodo", "Kurniawan", "Saputra", "Pratama", "Hidayat", "Suryadi", "Wijaya", "Utomo",
	"Sutrisno", "Firmansyah", "Prabowo", "Raharjo", "Subagyo", "Haryanto", "Cahyono",
	"Sulistyo", "Wicaksono", "Kusuma", "Hermawan", "Budiman", "Yulianto", "Setiadi",
	"Suprapto", "Triyanto", "Wahyudi", "Ardiansyah", "Darmawan",
};
static const char *const demo_jawa_fl[] = {
	"Rahmawati", "Lestari", "Wulandari", "Puspitasari", "Handayani", "Susanti", "Kurniasih",
	"Rahayu", "Utami", "Astuti", "Wahyuni", "Sari", "Fitriani", "Pertiwi", "Anggraini",
	"Maharani", "Permatasari", "Setyowati", "Kusumawati", "Nurhayati", "Suryani", "Wijayanti",
	"Purnamasari", "Safitri", "Yuliana", "Hartati", "Kartini", "Novitasari", "Prihatin",
	"Indriyani", "Sulistyowati",
};
static const char *const demo_sunda_m[] = {
	"Asep", "Dede", "Ujang", "Cecep", "Dadang", "Deden", "Yayan", "Iwan", "Rahmat", "Ade",
	"Aep", "Engkos", "Dodi", "Ridwan", "Yusuf", "Agung", "Hendra", "Kurnia", "Jajang",
	"Dadan", "Aang", "Endang", "Ilham", "Rizal", "Wahyu", "Nandang",
};
static const char *const demo_sunda_f[] = {
	"Euis", "Neng", "Imas", "Titin", "Cucu", "Lilis", "Nenden", "Yeni", "Nunung", "Ai",
	"Siti", "Iis", "Ela", "Eli", "Rina", "Nia", "Tati", "Yanti", "Wida", "Rika", "Irma",
	"Dewi", "Rosita", "Mira",
};
static const char *const demo_sunda_ml[] = {
	"Saepudin", "Hidayat", "Kurniawan", "Permana", "Sutisna", "Suherman", "Sudrajat",
	"Gunawan", "Suryana", "Hermawan", "Ramdani", "Nugraha", "Mulyana", "Setiawan",
	"Supriatna", "Firmansyah", "Rusmana", "Sopian", "Kosasih", "Sobari", "Ruhiyat", "Rohendi",
	"Sumarna", "Juhana",
};
static const char *const demo_sunda_fl[] = {
	"Komalasari", "Nurhasanah", "Rahmawati", "Sumiati", "Kurniasih", "Nurjanah", "Herawati",
	"Mulyani", "Setiawati", "Rosdiana", "Sulastri", "Ratnasari", "Nuraeni", "Hasanah",
	"Marlina", "Apriani", "Nurlela", "Karlina",
};
static const char *const demo_betawi_m[] = {
	"Muhammad", "Ahmad", "Abdul", "Rizky", "Fauzi", "Syahrul", "Hasan", "Husein", "Irfan",
	"Ilham", "Fajar", "Hafiz", "Rahman", "Zainal", "Rohim", "Sanusi", "Mursid", "Jaelani",
	"Mahmud", "Sabeni", "Bahrudin", "Haris", "Ismail", "Romli", "Nurdin", "Arifin", "Sarmili",
};
static const char *const demo_betawi_f[] = {
	"Siti", "Nur", "Aisyah", "Fatimah", "Zahra", "Nurul", "Khadijah", "Maryam", "Latifah",
	"Rohani", "Halimah", "Juleha", "Mardiah", "Salmah", "Rahmah", "Faridah", "Nabila",
	"Aminah", "Umi", "Yati", "Rohaya",
};
static const char *const demo_betawi_ml[] = {
	"Fauzi", "Ramadhan", "Hakim", "Rahman", "Syarifudin", "Abdullah", "Maulana", "Hasanudin",
	"Jaelani", "Sanusi", "Zulkifli", "Firdaus", "Hidayatullah", "Saleh", "Munir", "Yusuf",
	"Ridwan", "Fadillah", "Hamdani", "Rosadi", "Syahputra",
};
static const char *const demo_betawi_fl[] = {
	"Aisyah", "Nurhaliza", "Fitriyah", "Rohmah", "Maemunah", "Zakiyah", "Nurjanah", "Hamidah",
	"Mardiyah", "Fauziah", "Rahmawati", "Khairunnisa", "Azzahra", "Salsabila", "Hasanah",
};
static const char *const demo_batak_m[] = {
	"Hotman", "Rudi", "Parlindungan", "Togar", "Sahat", "Martua", "Binsar", "Jonny", "Roy",
	"Daniel", "Samuel", "Benny", "Poltak", "Maruli", "Tigor", "Rico", "Andreas", "Fernando",
	"Hendrik", "Boy", "Mangasi", "Jansen",
};
static const char *const demo_batak_f[] = {
	"Maria", "Tiur", "Rosmawati", "Nurmala", "Lasma", "Rotua", "Sondang", "Dame", "Romauli",
	"Debora", "Ruth", "Yohana", "Elisabeth", "Christina", "Lenny", "Friska", "Grace",
	"Hotmaida", "Rismauli",
};
static const char *const demo_batak_l[] = {
	"Simanjuntak", "Siregar", "Nasution", "Hutapea", "Situmorang", "Sitompul", "Simatupang",
	"Panjaitan", "Pardede", "Sinaga", "Sihombing", "Tambunan", "Hutagalung", "Manurung",
	"Silalahi", "Lubis", "Harahap", "Sirait", "Napitupulu", "Hasibuan", "Marpaung", "Purba",
	"Sembiring", "Ginting", "Tarigan", "Pasaribu", "Sitorus", "Damanik",
};
static const char *const demo_minang_m[] = {
	"Afrizal", "Syafrizal", "Yusrizal", "Zulkarnain", "Hendri", "Andri", "Rizal", "Erwin",
	"Fadli", "Irwan", "Masrul", "Firdaus", "Yulizar", "Novrizal", "Effendi", "Hamdan",
	"Taufik", "Azwar", "Zulfikar", "Rahmat",
};
static const char *const demo_minang_f[] = {
	"Yulia", "Rahmi", "Yusnita", "Desi", "Fitria", "Elvira", "Rosnida", "Nelly", "Mardiana",
	"Yuliarni", "Syafrida", "Rita", "Ratna", "Zuraida", "Nofitri", "Deswita", "Vivi", "Wirda",
};
static const char *const demo_minang_ml[] = {
	"Putra", "Chaniago", "Tanjung", "Sikumbang", "Piliang", "Koto", "Syahputra", "Effendi",
	"Hakim", "Malik", "Rasyid", "Azhar", "Jambak", "Caniago",
};
static const char *const demo_minang_fl[] = {
	"Yanti", "Putri", "Rahmadani", "Syafitri", "Novita", "Fitri", "Roza", "Yulianti",
	"Mardiah", "Elfira", "Yusnaini", "Darmawati",
};
static const char *const demo_tionghoa_m[] = {
	"Hendra", "Budi", "Andi", "Wilson", "Kevin", "Steven", "Hendrik", "Yohanes", "Ferry",
	"Edwin", "Sugianto", "Johan", "Rudy", "Tommy", "Felix", "Jimmy", "Gunawan", "Darmawan",
	"Irwan", "William",
};
static const char *const demo_tionghoa_f[] = {
	"Linda", "Susanti", "Lily", "Melinda", "Stefani", "Jessica", "Veronika", "Yuliana",
	"Lanny", "Mega", "Vivian", "Irene", "Cindy", "Meiliana", "Sherly", "Natalia", "Fenny",
	"Yenny", "Angela",
};
static const char *const demo_tionghoa_l[] = {
	"Wijaya", "Gunawan", "Halim", "Tanjaya", "Kusuma", "Salim", "Santoso", "Hartono",
	"Setiadi", "Tanoto", "Lim", "Tan", "Sutanto", "Widjaja", "Susilo", "Hermanto", "Lukito",
	"Gozali", "Chandra", "Tjahjadi", "Tanuwijaya", "Sugiarto", "Liem", "Kurniadi",
};
static const char *const demo_timur_m[] = {
	"Andi", "Jefri", "Frans", "Stevi", "Ronald", "Reinhard", "Alfons", "Yosef", "Muhammad",
	"Arman", "Syamsul", "Irwan", "Abdul", "Nico", "Ricky", "Marthen", "Agustinus", "Hasbi",
};
static const char *const demo_timur_f[] = {
	"Meity", "Vera", "Olivia", "Sisca", "Novita", "Andi", "Nurhayati", "Hasnah", "Irmawati",
	"Marlin", "Juwita", "Selvi", "Femmy", "Yuliana", "Agustina", "Nurul",
};
static const char *const demo_timur_l[] = {
	"Rompas", "Lumenta", "Sumampouw", "Mandagi", "Pangemanan", "Wenas", "Latuconsina",
	"Pattiasina", "Tuhumury", "Latupeirissa", "Wattimena", "Mattalitti", "Rasyid", "Paturusi",
	"Amir", "Syam", "Mappiasse", "Lumban", "Manoppo", "Mokoginta", "Sangaji", "Nanlohy",
};

/* One group: how often it occurs, how often a family (or second) name is
 * used, and whether the hajj titles H. / Hj. are common. */
struct demo_ethnic {
	unsigned weight;
	unsigned last_pct;
	bool haji;
	struct demo_list male, female, male_last, female_last;
};

static const struct demo_ethnic demo_ethnics[] = {
	{ 34, 92, false, DEMO_LIST(demo_jawa_m), DEMO_LIST(demo_jawa_f),
	  DEMO_LIST(demo_jawa_ml), DEMO_LIST(demo_jawa_fl) },
	{ 16, 92, false, DEMO_LIST(demo_sunda_m), DEMO_LIST(demo_sunda_f),
	  DEMO_LIST(demo_sunda_ml), DEMO_LIST(demo_sunda_fl) },
	{ 20, 90, true, DEMO_LIST(demo_betawi_m), DEMO_LIST(demo_betawi_f),
	  DEMO_LIST(demo_betawi_ml), DEMO_LIST(demo_betawi_fl) },
	{ 9, 100, false, DEMO_LIST(demo_batak_m), DEMO_LIST(demo_batak_f),
	  DEMO_LIST(demo_batak_l), DEMO_LIST(demo_batak_l) },
	{ 8, 85, true, DEMO_LIST(demo_minang_m), DEMO_LIST(demo_minang_f),
	  DEMO_LIST(demo_minang_ml), DEMO_LIST(demo_minang_fl) },
	{ 5, 100, false, DEMO_LIST(demo_tionghoa_m), DEMO_LIST(demo_tionghoa_f),
	  DEMO_LIST(demo_tionghoa_l), DEMO_LIST(demo_tionghoa_l) },
	{ 8, 95, false, DEMO_LIST(demo_timur_m), DEMO_LIST(demo_timur_f),
	  DEMO_LIST(demo_timur_l), DEMO_LIST(demo_timur_l) },
};

#define DEMO_ETHNIC_N (sizeof demo_ethnics / sizeof demo_ethnics[0])

/* Academic degrees, by field. A holder shows one with probability pct;
 * prefix (dr., drg.) is always shown. */
enum demo_deg {
	DEG_NONE, DEG_ADM, DEG_MGR, DEG_EDU, DEG_DR, DEG_DRG, DEG_NERS, DEG_KEP, DEG_KEB,
	DEG_APT, DEG_AMD, DEG_KES, DEG_TEK, DEG_HUK, DEG_KOM, DEG_EKO, DEG_COUNT
};

struct demo_degree {
	const char *prefix;
	unsigned pct;
	struct demo_list suffix;
};

static const char *const demo_s_none[] = { "" };
static const char *const demo_s_adm[] = {
	"S.E.", "S.Sos.", "S.I.P.", "S.A.P.", "S.H.", "S.Kom.", "A.Md.", "M.Si.", "M.A.P.",
};
static const char *const demo_s_mgr[] = {
	"S.E., M.Si.", "S.Sos., M.Si.", "S.H., M.H.", "S.T., M.T.", "S.I.P., M.A.P.",
	"S.Kom., M.M.", "S.E., M.M.", "S.Psi., M.Psi.", "S.STP., M.Si.",
};
static const char *const demo_s_edu[] = {
	"S.Pd.", "S.Pd.", "S.Pd.", "S.Pd.SD.", "M.Pd.", "S.Si.", "S.Ag.", "S.Pd., M.Pd.",
};
static const char *const demo_s_dr[] = { "Sp.PD.", "Sp.A.", "Sp.OG.", "M.K.M.", "M.Kes.", "Sp.B." };
static const char *const demo_s_drg[] = { "Sp.KG.", "M.Kes." };
static const char *const demo_s_ners[] = { "S.Kep., Ners", "S.Kep., Ners", "S.Kep." };
static const char *const demo_s_kep[] = { "A.Md.Kep." };
static const char *const demo_s_keb[] = { "A.Md.Keb.", "A.Md.Keb.", "S.Tr.Keb." };
static const char *const demo_s_apt[] = { "S.Farm., Apt.", "S.Farm., Apt.", "M.Farm., Apt." };
static const char *const demo_s_amd[] = { "A.Md.Kes.", "A.Md.Farm.", "A.Md.AK.", "A.Md.Gz." };
static const char *const demo_s_kes[] = { "S.K.M.", "S.K.M.", "S.Gz.", "M.K.M.", "M.Kes." };
static const char *const demo_s_tek[] = { "S.T.", "S.T.", "M.T.", "S.T., M.T.", "A.Md.T." };
static const char *const demo_s_huk[] = { "S.H.", "S.H.", "M.H.", "S.H., M.H." };
static const char *const demo_s_kom[] = { "S.Kom.", "S.Kom.", "M.Kom.", "S.T.", "A.Md.Kom." };
static const char *const demo_s_eko[] = { "S.E.", "S.Ak.", "M.Ak.", "S.E., M.M." };

static const struct demo_degree demo_degrees[DEG_COUNT] = {
	[DEG_NONE] = { NULL, 0, DEMO_LIST(demo_s_none) },
	[DEG_ADM] = { NULL, 45, DEMO_LIST(demo_s_adm) },
	[DEG_MGR] = { NULL, 85, DEMO_LIST(demo_s_mgr) },
	[DEG_EDU] = { NULL, 65, DEMO_LIST(demo_s_edu) },
	[DEG_DR] = { "dr.", 35, DEMO_LIST(demo_s_dr) },
	[DEG_DRG] = { "drg.", 20, DEMO_LIST(demo_s_drg) },
	[DEG_NERS] = { NULL, 65, DEMO_LIST(demo_s_ners) },
	[DEG_KEP] = { NULL, 60, DEMO_LIST(demo_s_kep) },
	[DEG_KEB] = { NULL, 60, DEMO_LIST(demo_s_keb) },
	[DEG_APT] = { NULL, 80, DEMO_LIST(demo_s_apt) },
	[DEG_AMD] = { NULL, 55, DEMO_LIST(demo_s_amd) },
	[DEG_KES] = { NULL, 55, DEMO_LIST(demo_s_kes) },
	[DEG_TEK] = { NULL, 55, DEMO_LIST(demo_s_tek) },
	[DEG_HUK] = { NULL, 65, DEMO_LIST(demo_s_huk) },
	[DEG_KOM] = { NULL, 55, DEMO_LIST(demo_s_kom) },
	[DEG_EKO] = { NULL, 55, DEMO_LIST(demo_s_eko) },
};

/* ------------------------------------------------------------------ */
/* Grades: what a position level means for golongan and career dates. */

static const char *const demo_gol_pns[] = {
	"I/a", "I/b", "I/c", "I/d", "II/a", "II/b", "II/c", "II/d",
	"III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b", "IV/c", "IV/d", "IV/e",
};
static const char *const demo_gol_pppk[] = {
	"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
	"XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
};

enum demo_grade_id {
	GR_JPT_MADYA, GR_JPT_PRATAMA, GR_ADMIN, GR_PENGAWAS,
	GR_AHLI_UTAMA, GR_AHLI_MADYA, GR_AHLI_MUDA, GR_AHLI_PERTAMA,
	GR_PENYELIA, GR_MAHIR, GR_TERAMPIL, GR_PEMULA, GR_PELAKSANA, GR_COUNT
};

struct demo_grade {
	unsigned char gol_lo, gol_hi; /* PNS golongan range, indices into demo_gol_pns */
	unsigned char pppk;           /* PPPK golongan, index into demo_gol_pppk */
	short start_lo, start_hi;     /* CPNS start years of a PNS holding it */
	bool entry;                   /* a CPNS may hold it */
	bool managerial;              /* always PNS, career reaches back years */
};

static const struct demo_grade demo_grades[GR_COUNT] = {
	[GR_JPT_MADYA] = { 14, 16, 14, 1990, 1998, false, true },
	[GR_JPT_PRATAMA] = { 13, 15, 13, 1991, 2004, false, true },
	[GR_ADMIN] = { 11, 13, 11, 1994, 2010, false, true },
	[GR_PENGAWAS] = { 9, 11, 9, 1996, 2015, false, true },
	[GR_AHLI_UTAMA] = { 15, 16, 14, 1990, 2000, false, false },
	[GR_AHLI_MADYA] = { 12, 14, 12, 1992, 2008, false, false },
	[GR_AHLI_MUDA] = { 10, 11, 10, 2000, 2016, false, false },
	[GR_AHLI_PERTAMA] = { 8, 9, 8, 2009, 2023, true, false },
	[GR_PENYELIA] = { 10, 11, 8, 1994, 2010, false, false },
	[GR_MAHIR] = { 8, 9, 7, 2002, 2016, false, false },
	[GR_TERAMPIL] = { 6, 7, 6, 2008, 2023, true, false },
	[GR_PEMULA] = { 4, 5, 4, 2014, 2023, true, false },
	[GR_PELAKSANA] = { 4, 11, 4, 1996, 2023, true, false },
};

/* Grade of a position from its kind and, for fungsional, its jenjang. */
static enum demo_grade_id demo_grade_of(const char *kind, const char *position)
{
	static const struct { const char *jenjang; enum demo_grade_id grade; } jenjang[] = {
		{ "Ahli Utama", GR_AHLI_UTAMA }, { "Ahli Madya", GR_AHLI_MADYA },
		{ "Ahli Muda", GR_AHLI_MUDA }, { "Ahli Pertama", GR_AHLI_PERTAMA },
		{ "Penyelia", GR_PENYELIA }, { "Mahir", GR_MAHIR }, { "Terampil", GR_TERAMPIL },
		{ "Pemula", GR_PEMULA },
	};
	if (strcmp(kind, "jpt_utama") == 0 || strcmp(kind, "jpt_madya") == 0)
		return GR_JPT_MADYA;
	if (strcmp(kind, "jpt_pratama") == 0)
		return GR_JPT_PRATAMA;
	if (strcmp(kind, "administrator") == 0)
		return GR_ADMIN;
	if (strcmp(kind, "pengawas") == 0)
		return GR_PENGAWAS;
	if (strcmp(kind, "pelaksana") == 0)
		return GR_PELAKSANA;
	const char *j = org_jenjang_of(position);
	for (size_t i = 0; j != NULL && i < sizeof jenjang / sizeof jenjang[0]; i++)
		if (strcmp(j, jenjang[i].jenjang) == 0)
			return jenjang[i].grade;
	return GR_AHLI_PERTAMA;
}

/* ------------------------------------------------------------------ */
/* Staff profiles: who works in a unit besides its head. A role with weight
 * 0 is a fixed post (a deputy such as an Asisten or a Sekretaris
 * Kecamatan): exactly one holder, placed before the weighted roles, who
 * may be the supervisor of a child unit's head. Weighted roles share the
 * rest of the unit's head count in proportion to their weights. */

struct demo_role {
	const char *position;
	const char *kind;       /* position kind */
	unsigned char weight;   /* 0: fixed post */
	unsigned char pppk;     /* percent of holders who are PPPK */
	unsigned char female;   /* percent of holders who are women */
	unsigned char deg;      /* enum demo_deg */
};

#define FU(p, w, pppk, fem, deg) { p, "fungsional", w, pppk, fem, deg }
#define PL(p, w, pppk, fem, deg) { p, "pelaksana", w, pppk, fem, deg }
#define FIXED(p, kind, fem, deg) { p, kind, 0, 0, fem, deg }
#define END { NULL, NULL, 0, 0, 0, 0 }

/* Administration present in nearly every office. */
#define ADMIN_ROLES \
	PL("Pengadministrasi Perkantoran", 4, 2, 55, DEG_ADM), \
	PL("Pengolah Data dan Informasi", 2, 2, 50, DEG_KOM), \
	PL("Penelaah Teknis Kebijakan", 2, 0, 45, DEG_ADM)

static const struct demo_role demo_r_setda[] = {
	FIXED("Asisten Pemerintahan", "jpt_pratama", 30, DEG_MGR),
	FIXED("Asisten Perekonomian dan Keuangan", "jpt_pratama", 30, DEG_MGR),
	FIXED("Asisten Pembangunan dan Lingkungan Hidup", "jpt_pratama", 30, DEG_MGR),
	FIXED("Asisten Kesejahteraan Rakyat", "jpt_pratama", 30, DEG_MGR),
	FU("Analis Kebijakan Ahli Madya", 1, 0, 40, DEG_ADM),
	FU("Analis Kebijakan Ahli Muda", 3, 0, 45, DEG_ADM),
	FU("Analis Kebijakan Ahli Pertama", 3, 0, 50, DEG_ADM),
	FU("Pranata Hubungan Masyarakat Ahli Pertama", 2, 0, 55, DEG_ADM),
	FU("Arsiparis Terampil", 1, 0, 55, DEG_AMD),
	ADMIN_ROLES, END
};
static const struct demo_role demo_r_biro[] = {
	FU("Analis Kebijakan Ahli Muda", 3, 0, 45, DEG_ADM),
	FU("Analis Kebijakan Ahli Pertama", 4, 0, 50, DEG_ADM),
	FU("Analis Hukum Ahli Pertama", 2, 0, 50, DEG_HUK),
	FU("Perancang Peraturan Perundang-undangan Ahli Pertama", 1, 0, 50, DEG_HUK),
	FU("Analis Sumber Daya Manusia Aparatur Ahli Pertama", 1, 0, 55, DEG_ADM),
	ADMIN_ROLES, END
};
static const struct demo_role demo_r_dprd[] = {
	FU("Analis Kebijakan Ahli Muda", 2, 0, 45, DEG_ADM),
	FU("Analis Kebijakan Ahli Pertama", 3, 0, 50, DEG_ADM),
	FU("Perancang Peraturan Perundang-undangan Ahli Muda", 1, 0, 45, DEG_HUK),
	FU("Perancang Peraturan Perundang-undangan Ahli Pertama", 2, 0, 50, DEG_HUK),
	FU("Pranata Hubungan Masyarakat Ahli Pertama", 2, 0, 55, DEG_ADM),
	FU("Pranata Keuangan APBD Terampil", 1, 0, 55, DEG_EKO),
	PL("Pengelola Layanan Operasional", 3, 2, 35, DEG_NONE),
	ADMIN_ROLES, END
};
static const struct demo_role demo_r_inspektorat[] = {
	FU("Auditor Ahli Pertama", 5, 0, 50, DEG_EKO),
	FU("Auditor Ahli Muda", 4, 0, 45, DEG_EKO),
	FU("Auditor Ahli Madya", 2, 0, 40, DEG_EKO),
	FU("Auditor Terampil", 1, 0, 50, DEG_EKO),
	FU("Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah Ahli Pertama", 3, 0, 50, DEG_ADM),
	FU("Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah Ahli Muda", 2, 0, 45, DEG_ADM),
	PL("Pengadministrasi Perkantoran", 2, 0, 55, DEG_ADM),
	PL("Pengolah Data dan Informasi", 1, 0, 50, DEG_KOM), END
};
/* Secretariats, subbagian and office-level staff of any dinas or badan. */
static const struct demo_role demo_r_office[] = {
	FU("Analis Kebijakan Ahli Muda", 1, 0, 45, DEG_ADM),
	FU("Analis Kebijakan Ahli Pertama", 2, 0, 50, DEG_ADM),
	FU("Analis Sumber Daya Manusia Aparatur Ahli Pertama", 1, 0, 55, DEG_ADM),
	FU("Analis Pengelolaan Keuangan APBD Ahli Pertama", 1, 0, 55, DEG_EKO),
	FU("Pranata Keuangan APBD Terampil", 1, 0, 55, DEG_EKO),
	FU("Perencana Ahli Pertama", 1, 0, 50, DEG_ADM),
	FU("Arsiparis Terampil", 1, 0, 55, DEG_AMD),
	FU("Pranata Komputer Ahli Pertama", 1, 0, 35, DEG_KOM),
	PL("Penata Layanan Operasional", 2, 3, 50, DEG_ADM),
	PL("Pengelola Layanan Operasional", 2, 3, 35, DEG_NONE),
	ADMIN_ROLES, END
};
static const struct demo_role demo_r_disdik[] = {
	FU("Pengawas Sekolah Ahli Madya", 2, 0, 50, DEG_EDU),
	FU("Pengawas Sekolah Ahli Muda", 2, 0, 55, DEG_EDU),
	FU("Analis Kebijakan Ahli Pertama", 1, 0, 50, DEG_ADM),
	FU("Pranata Komputer Terampil", 1, 0, 40, DEG_KOM),
	ADMIN_ROLES, END
};
static const struct demo_role demo_r_sd[] = {
	FU("Guru Ahli Pertama", 5, 42, 75, DEG_EDU),
	FU("Guru Ahli Muda", 3, 15, 75, DEG_EDU),
	FU("Guru Ahli Madya", 2, 0, 72, DEG_EDU),
	PL("Pengadministrasi Perkantoran", 1, 5, 55, DEG_NONE), END
};
static const struct demo_role demo_r_smp[] = {
	FU("Guru Ahli Pertama", 7, 40, 62, DEG_EDU),
	FU("Guru Ahli Muda", 6, 15, 62, DEG_EDU),
	FU("Guru Ahli Madya", 5, 0, 60, DEG_EDU),
	FU("Pustakawan Terampil", 1, 5, 65, DEG_AMD),
	FU("Pranata Laboratorium Pendidikan Terampil", 1, 5, 50, DEG_AMD),
	PL("Pengadministrasi Perkantoran", 2, 5, 55, DEG_NONE),
	PL("Pengolah Data dan Informasi", 1, 5, 50, DEG_KOM), END
};
static const struct demo_role demo_r_dinkes[] = {
	FU("Administrator Kesehatan Ahli Pertama", 2, 0, 60, DEG_KES),
	FU("Administrator Kesehatan Ahli Muda", 1, 0, 60, DEG_KES),
	FU("Epidemiolog Kesehatan Ahli Pertama", 1, 0, 60, DEG_KES),
	FU("Penyuluh Kesehatan Masyarakat Ahli Pertama", 1, 0, 65, DEG_KES),
	FU("Tenaga Sanitasi Lingkungan Terampil", 1, 0, 55, DEG_AMD),
	FU("Dokter Ahli Madya", 1, 0, 55, DEG_DR),
	FU("Apoteker Ahli Muda", 1, 0, 70, DEG_APT),
	ADMIN_ROLES, END
};
static const struct demo_role demo_r_rsud[] = {
	FU("Dokter Ahli Pertama", 3, 15, 60, DEG_DR),
	FU("Dokter Ahli Muda", 3, 0, 55, DEG_DR),
	FU("Dokter Ahli Madya", 3, 0, 50, DEG_DR),
	FU("Dokter Gigi Ahli Pertama", 1, 15, 70, DEG_DRG),
	FU("Perawat Terampil", 10, 22, 75, DEG_KEP),
	FU("Perawat Mahir", 5, 0, 75, DEG_KEP),
	FU("Perawat Penyelia", 2, 0, 75, DEG_KEP),
	FU("Perawat Ahli Pertama", 8, 22, 75, DEG_NERS),
	FU("Perawat Ahli Muda", 3, 0, 75, DEG_NERS),
	FU("Bidan Terampil", 3, 22, 100, DEG_KEB),
	FU("Bidan Ahli Pertama", 1, 5, 100, DEG_KEB),
	FU("Apoteker Ahli Pertama", 2, 15, 75, DEG_APT),
	FU("Asisten Apoteker Terampil", 2, 15, 75, DEG_AMD),
	FU("Pranata Laboratorium Kesehatan Terampil", 2, 15, 65, DEG_AMD),
	FU("Radiografer Terampil", 1, 15, 45, DEG_AMD),
	FU("Nutrisionis Terampil", 1, 15, 80, DEG_AMD),
	FU("Fisioterapis Terampil", 1, 15, 60, DEG_AMD),
	FU("Perekam Medis Terampil", 2, 15, 60, DEG_AMD),
	FU("Administrator Kesehatan Ahli Pertama", 1, 0, 55, DEG_KES),
	PL("Pengadministrasi Perkantoran", 2, 5, 55, DEG_NONE),
	PL("Pengelola Layanan Operasional", 2, 5, 40, DEG_NONE), END
};
static const struct demo_role demo_r_pkm[] = {
	FU("Dokter Ahli Pertama", 3, 15, 65, DEG_DR),
	FU("Dokter Ahli Muda", 2, 0, 60, DEG_DR),
	FU("Dokter Gigi Ahli Pertama", 1, 15, 75, DEG_DRG),
	FU("Perawat Terampil", 4, 22, 75, DEG_KEP),
	FU("Perawat Mahir", 2, 0, 75, DEG_KEP),
	FU("Perawat Ahli Pertama", 3, 22, 75, DEG_NERS),
	FU("Bidan Terampil", 4, 22, 100, DEG_KEB),
	FU("Bidan Mahir", 1, 0, 100, DEG_KEB),
	FU("Apoteker Ahli Pertama", 1, 15, 75, DEG_APT),
	FU("Asisten Apoteker Terampil", 1, 15, 75, DEG_AMD),
	FU("Pranata Laboratorium Kesehatan Terampil", 1, 15, 65, DEG_AMD),
	FU("Nutrisionis Terampil", 1, 15, 80, DEG_AMD),
	FU("Tenaga Sanitasi Lingkungan Terampil", 1, 15, 55, DEG_AMD),
	FU("Penyuluh Kesehatan Masyarakat Ahli Pertama", 1, 5, 65, DEG_KES),
	FU("Perekam Medis Terampil", 1, 15, 60, DEG_AMD),
	PL("Pengadministrasi Perkantoran", 2, 5, 55, DEG_NONE),
	PL("Penata Layanan Operasional", 1, 5, 55, DEG_NONE), END
};
static const struct demo_role demo_r_damkar[] = {
	FU("Analis Kebakaran Terampil", 8, 0, 6, DEG_NONE),
	FU("Analis Kebakaran Mahir", 4, 0, 6, DEG_NONE),
	FU("Analis Kebakaran Penyelia", 2, 0, 5, DEG_NONE),
	FU("Analis Kebakaran Ahli Pertama", 2, 0, 12, DEG_TEK),
	FU("Analis Kebakaran Ahli Muda", 1, 0, 10, DEG_TEK),
	PL("Pemadam Kebakaran", 6, 0, 4, DEG_NONE),
	PL("Operator Layanan Operasional", 1, 0, 35, DEG_NONE),
	PL("Pengadministrasi Perkantoran", 1, 0, 50, DEG_ADM), END
};
static const struct demo_role demo_r_satpol[] = {
	FU("Polisi Pamong Praja Terampil", 8, 0, 15, DEG_NONE),
	FU("Polisi Pamong Praja Mahir", 4, 0, 15, DEG_NONE),
	FU("Polisi Pamong Praja Penyelia", 2, 0, 12, DEG_NONE),
	FU("Polisi Pamong Praja Ahli Pertama", 2, 0, 25, DEG_HUK),
	FU("Polisi Pamong Praja Ahli Muda", 1, 0, 20, DEG_HUK),
	PL("Operator Layanan Operasional", 1, 0, 30, DEG_NONE),
	PL("Pengadministrasi Perkantoran", 1, 0, 50, DEG_ADM), END
};
static const struct demo_role demo_r_capil[] = {
	PL("Penata Layanan Operasional", 4, 3, 60, DEG_ADM),
	PL("Pengadministrasi Perkantoran", 3, 3, 60, DEG_NONE),
	PL("Pengolah Data dan Informasi", 3, 3, 55, DEG_KOM),
	FU("Administrator Database Kependudukan Ahli Pertama", 1, 0, 45, DEG_KOM), END
};
static const struct demo_role demo_r_kota[] = {
	FIXED("Wakil Wali Kota", "jpt_pratama", 25, DEG_MGR),
	FIXED("Sekretaris Kota", "jpt_pratama", 30, DEG_MGR),
	FIXED("Asisten Pemerintahan", "administrator", 35, DEG_MGR),
	FIXED("Asisten Perekonomian dan Pembangunan", "administrator", 35, DEG_MGR),
	FIXED("Asisten Kesejahteraan Rakyat", "administrator", 35, DEG_MGR),
	FU("Analis Kebijakan Ahli Muda", 1, 0, 45, DEG_ADM),
	FU("Analis Kebijakan Ahli Pertama", 2, 0, 50, DEG_ADM),
	FU("Pranata Hubungan Masyarakat Ahli Pertama", 1, 0, 55, DEG_ADM),
	PL("Pengelola Layanan Operasional", 2, 3, 35, DEG_NONE),
	ADMIN_ROLES, END
};
static const struct demo_role demo_r_kab[] = {
	FIXED("Wakil Bupati", "jpt_pratama", 25, DEG_MGR),
	FIXED("Sekretaris Kabupaten", "jpt_pratama", 30, DEG_MGR),
	FIXED("Asisten Pemerintahan", "administrator", 35, DEG_MGR),
	FIXED("Asisten Perekonomian dan Pembangunan", "administrator", 35, DEG_MGR),
	FU("Analis Kebijakan Ahli Pertama", 2, 0, 50, DEG_ADM),
	PL("Pengelola Layanan Operasional", 2, 3, 35, DEG_NONE),
	ADMIN_ROLES, END
};
static const struct demo_role demo_r_kec[] = {
	FIXED("Sekretaris Kecamatan", "administrator", 40, DEG_MGR),
	FIXED("Kepala Seksi Pemerintahan", "pengawas", 40, DEG_MGR),
	FIXED("Kepala Seksi Ekonomi dan Pembangunan", "pengawas", 40, DEG_MGR),
	FIXED("Kepala Seksi Kesejahteraan Rakyat", "pengawas", 45, DEG_MGR),
	PL("Penata Layanan Operasional", 4, 3, 55, DEG_ADM),
	PL("Pengadministrasi Perkantoran", 4, 3, 55, DEG_NONE),
	PL("Pengolah Data dan Informasi", 3, 3, 50, DEG_KOM),
	FU("Analis Kebijakan Ahli Pertama", 1, 0, 50, DEG_ADM),
	FU("Pranata Keuangan APBD Terampil", 1, 0, 55, DEG_EKO),
	PL("Penelaah Teknis Kebijakan", 2, 0, 45, DEG_ADM), END
};
static const struct demo_role demo_r_kel[] = {
	FIXED("Sekretaris Kelurahan", "pengawas", 45, DEG_ADM),
	FIXED("Kepala Seksi Pemerintahan", "pengawas", 40, DEG_ADM),
	FIXED("Kepala Seksi Ekonomi dan Pembangunan", "pengawas", 40, DEG_ADM),
	FIXED("Kepala Seksi Kesejahteraan Rakyat", "pengawas", 45, DEG_ADM),
	PL("Penata Layanan Operasional", 4, 3, 55, DEG_ADM),
	PL("Pengadministrasi Perkantoran", 4, 3, 55, DEG_NONE),
	PL("Pengolah Data dan Informasi", 3, 3, 50, DEG_KOM), END
};
/* Bappeda: the first role gets the first seat of every unit, so each
 * bidang with staff has a Perencana Ahli Muda (see struct demo_people). */
static const struct demo_role demo_r_bappeda[] = {
	FU("Perencana Ahli Muda", 4, 0, 50, DEG_ADM),
	FU("Perencana Ahli Pertama", 5, 0, 55, DEG_ADM),
	FU("Perencana Ahli Madya", 2, 0, 45, DEG_ADM),
	FU("Analis Kebijakan Ahli Muda", 1, 0, 45, DEG_ADM),
	FU("Statistisi Ahli Pertama", 1, 0, 50, DEG_ADM),
	ADMIN_ROLES, END
};
static const struct demo_role demo_r_brida[] = {
	FU("Peneliti Ahli Pertama", 3, 0, 55, DEG_ADM),
	FU("Peneliti Ahli Muda", 2, 0, 50, DEG_ADM),
	FU("Peneliti Ahli Madya", 1, 0, 45, DEG_ADM),
	FU("Analis Kebijakan Ahli Pertama", 2, 0, 50, DEG_ADM),
	FU("Analis Kebijakan Ahli Muda", 2, 0, 45, DEG_ADM),
	FU("Analis Kebijakan Ahli Madya", 1, 0, 40, DEG_ADM),
	FU("Perekayasa Ahli Pertama", 1, 0, 35, DEG_TEK),
	ADMIN_ROLES, END
};
static const struct demo_role demo_r_bkd[] = {
	FU("Analis Sumber Daya Manusia Aparatur Ahli Pertama", 5, 0, 60, DEG_ADM),
	FU("Analis Sumber Daya Manusia Aparatur Ahli Muda", 3, 0, 55, DEG_ADM),
	FU("Analis Sumber Daya Manusia Aparatur Ahli Madya", 1, 0, 50, DEG_ADM),
	FU("Pranata Sumber Daya Manusia Aparatur Terampil", 2, 0, 60, DEG_AMD),
	FU("Pranata Sumber Daya Manusia Aparatur Mahir", 1, 0, 60, DEG_AMD),
	FU("Asesor Sumber Daya Manusia Aparatur Ahli Pertama", 1, 0, 55, DEG_ADM),
	FU("Pranata Komputer Ahli Pertama", 1, 0, 35, DEG_KOM),
	ADMIN_ROLES, END
};
static const struct demo_role demo_r_keu[] = {
	FU("Analis Pengelolaan Keuangan APBD Ahli Pertama", 4, 0, 60, DEG_EKO),
	FU("Analis Pengelolaan Keuangan APBD Ahli Muda", 2, 0, 55, DEG_EKO),
	FU("Analis Pengelolaan Keuangan APBD Ahli Madya", 1, 0, 50, DEG_EKO),
	FU("Pranata Keuangan APBD Terampil", 3, 0, 60, DEG_EKO),
	FU("Pranata Keuangan APBD Mahir", 2, 0, 60, DEG_EKO),
	ADMIN_ROLES, END
};
static const struct demo_role demo_r_bapenda[] = {
	PL("Penata Layanan Operasional", 4, 3, 55, DEG_ADM),
	FU("Analis Keuangan Pusat dan Daerah Ahli Pertama", 2, 0, 55, DEG_EKO),
	FU("Analis Keuangan Pusat dan Daerah Ahli Muda", 1, 0, 50, DEG_EKO),
	FU("Pranata Keuangan APBD Terampil", 1, 0, 55, DEG_EKO),
	ADMIN_ROLES, END
};
static const struct demo_role demo_r_aset[] = {
	FU("Penilai Pemerintah Ahli Pertama", 2, 0, 45, DEG_TEK),
	FU("Penilai Pemerintah Ahli Muda", 1, 0, 40, DEG_TEK),
	FU("Analis Pengelolaan Keuangan APBD Ahli Pertama", 1, 0, 55, DEG_EKO),
	PL("Pengelola Layanan Operasional", 2, 2, 35, DEG_NONE),
	ADMIN_ROLES, END
};
static const struct demo_role demo_r_bpsdm[] = {
	FU("Widyaiswara Ahli Pertama", 2, 0, 45, DEG_ADM),
	FU("Widyaiswara Ahli Muda", 2, 0, 45, DEG_ADM),
	FU("Widyaiswara Ahli Madya", 2, 0, 40, DEG_ADM),
	FU("Widyaiswara Ahli Utama", 1, 0, 35, DEG_MGR),
	FU("Analis Sumber Daya Manusia Aparatur Ahli Pertama", 2, 0, 55, DEG_ADM),
	ADMIN_ROLES, END
};
static const struct demo_role demo_r_bpbd[] = {
	FU("Penata Penanggulangan Bencana Ahli Pertama", 3, 0, 35, DEG_ADM),
	FU("Penata Penanggulangan Bencana Ahli Muda", 1, 0, 30, DEG_ADM),
	FU("Penata Penanggulangan Bencana Terampil", 2, 0, 25, DEG_AMD),
	PL("Operator Layanan Operasional", 3, 2, 35, DEG_NONE),
	FU("Pranata Komputer Ahli Pertama", 1, 0, 35, DEG_KOM),
	ADMIN_ROLES, END
};
static const struct demo_role demo_r_kesbang[] = {
	FU("Analis Kebijakan Ahli Pertama", 3, 0, 50, DEG_ADM),
	FU("Analis Kebijakan Ahli Muda", 2, 0, 45, DEG_ADM),
	ADMIN_ROLES, END
};
static const struct demo_role demo_r_bppbj[] = {
	FU("Pengelola Pengadaan Barang/Jasa Ahli Pertama", 4, 0, 50, DEG_EKO),
	FU("Pengelola Pengadaan Barang/Jasa Ahli Muda", 3, 0, 45, DEG_EKO),
	FU("Pengelola Pengadaan Barang/Jasa Ahli Madya", 1, 0, 40, DEG_EKO),
	ADMIN_ROLES, END
};
static const struct demo_role demo_r_bumd[] = {
	FU("Analis Kebijakan Ahli Pertama", 2, 0, 50, DEG_ADM),
	FU("Analis Kebijakan Ahli Muda", 2, 0, 45, DEG_ADM),
	FU("Analis Keuangan Pusat dan Daerah Ahli Pertama", 2, 0, 55, DEG_EKO),
	ADMIN_ROLES, END
};
static const struct demo_role demo_r_dishub[] = {
	FU("Penguji Kendaraan Bermotor Terampil", 2, 0, 10, DEG_AMD),
	FU("Penguji Kendaraan Bermotor Mahir", 1, 0, 10, DEG_AMD),
	FU("Penguji Kendaraan Bermotor Ahli Pertama", 1, 0, 15, DEG_TEK),
	FU("Analis Kebijakan Ahli Pertama", 1, 0, 45, DEG_ADM),
	PL("Operator Layanan Operasional", 6, 2, 15, DEG_NONE),
	PL("Pengelola Layanan Operasional", 3, 2, 25, DEG_NONE),
	ADMIN_ROLES, END
};
static const struct demo_role demo_r_binamarga[] = {
	FU("Teknik Jalan dan Jembatan Ahli Pertama", 3, 0, 30, DEG_TEK),
	FU("Teknik Jalan dan Jembatan Ahli Muda", 2, 0, 25, DEG_TEK),
	FU("Teknik Jalan dan Jembatan Terampil", 3, 0, 15, DEG_TEK),
	FU("Teknik Jalan dan Jembatan Mahir", 1, 0, 15, DEG_TEK),
	PL("Pengelola Layanan Operasional", 4, 2, 15, DEG_NONE),
	ADMIN_ROLES, END
};
static const struct demo_role demo_r_sda[] = {
	FU("Teknik Pengairan Ahli Pertama", 3, 0, 30, DEG_TEK),
	FU("Teknik Pengairan Ahli Muda", 1, 0, 25, DEG_TEK),
	FU("Teknik Pengairan Terampil", 3, 0, 15, DEG_TEK),
	PL("Operator Layanan Operasional", 4, 2, 10, DEG_NONE),
	ADMIN_ROLES, END
};
static const struct demo_role demo_r_citata[] = {
	FU("Penata Ruang Ahli Pertama", 2, 0, 45, DEG_TEK),
	FU("Penata Ruang Ahli Muda", 1, 0, 40, DEG_TEK),
	FU("Teknik Tata Bangunan dan Perumahan Ahli Pertama", 2, 0, 35, DEG_TEK),
	FU("Teknik Tata Bangunan dan Perumahan Terampil", 2, 0, 25, DEG_TEK),
	PL("Penata Layanan Operasional", 2, 2, 50, DEG_ADM),
	ADMIN_ROLES, END
};
static const struct demo_role demo_r_perkim[] = {
	FU("Teknik Tata Bangunan dan Perumahan Ahli Pertama", 3, 0, 35, DEG_TEK),
	FU("Teknik Tata Bangunan dan Perumahan Ahli Muda", 1, 0, 30, DEG_TEK),
	FU("Teknik Tata Bangunan dan Perumahan Terampil", 2, 0, 25, DEG_TEK),
	PL("Pengelola Layanan Operasional", 2, 2, 30, DEG_NONE),
	ADMIN_ROLES, END
};
static const struct demo_role demo_r_dlh[] = {
	FU("Pengendali Dampak Lingkungan Ahli Pertama", 3, 0, 50, DEG_TEK),
	FU("Pengendali Dampak Lingkungan Ahli Muda", 2, 0, 45, DEG_TEK),
	FU("Pengawas Lingkungan Hidup Ahli Pertama", 1, 0, 40, DEG_TEK),
	PL("Operator Layanan Operasional", 5, 2, 10, DEG_NONE),
	PL("Pengelola Layanan Operasional", 3, 2, 20, DEG_NONE),
	ADMIN_ROLES, END
};
static const struct demo_role demo_r_tamhut[] = {
	FU("Pengendali Ekosistem Hutan Terampil", 2, 0, 25, DEG_AMD),
	FU("Pengendali Ekosistem Hutan Ahli Pertama", 2, 0, 35, DEG_TEK),
	PL("Pengelola Layanan Operasional", 4, 2, 20, DEG_NONE),
	PL("Operator Layanan Operasional", 2, 2, 10, DEG_NONE),
	ADMIN_ROLES, END
};
static const struct demo_role demo_r_parekraf[] = {
	FU("Adyatama Kepariwisataan dan Ekonomi Kreatif Ahli Pertama", 3, 0, 60, DEG_ADM),
	FU("Adyatama Kepariwisataan dan Ekonomi Kreatif Ahli Muda", 1, 0, 55, DEG_ADM),
	PL("Pengelola Layanan Operasional", 2, 2, 40, DEG_NONE),
	ADMIN_ROLES, END
};
static const struct demo_role demo_r_budaya[] = {
	FU("Pamong Budaya Ahli Pertama", 3, 0, 55, DEG_ADM),
	FU("Pamong Budaya Ahli Muda", 1, 0, 50, DEG_ADM),
	FU("Pustakawan Terampil", 1, 0, 65, DEG_AMD),
	PL("Pengelola Layanan Operasional", 2, 2, 40, DEG_NONE),
	ADMIN_ROLES, END
};
static const struct demo_role demo_r_pora[] = {
	FU("Analis Kebijakan Ahli Pertama", 2, 0, 40, DEG_ADM),
	FU("Analis Kebijakan Ahli Muda", 1, 0, 35, DEG_ADM),
	PL("Pengelola Layanan Operasional", 3, 2, 25, DEG_NONE),
	ADMIN_ROLES, END
};
static const struct demo_role demo_r_pusip[] = {
	FU("Pustakawan Terampil", 3, 0, 65, DEG_AMD),
	FU("Pustakawan Mahir", 1, 0, 65, DEG_AMD),
	FU("Pustakawan Ahli Pertama", 3, 0, 65, DEG_ADM),
	FU("Pustakawan Ahli Muda", 1, 0, 60, DEG_ADM),
	FU("Arsiparis Terampil", 2, 0, 60, DEG_AMD),
	FU("Arsiparis Ahli Pertama", 2, 0, 60, DEG_ADM),
	FU("Arsiparis Ahli Muda", 1, 0, 55, DEG_ADM),
	ADMIN_ROLES, END
};
static const struct demo_role demo_r_ppapp[] = {
	FU("Penyuluh Keluarga Berencana Ahli Pertama", 3, 0, 75, DEG_KES),
	FU("Penyuluh Keluarga Berencana Ahli Muda", 1, 0, 70, DEG_KES),
	FU("Analis Kebijakan Ahli Pertama", 1, 0, 60, DEG_ADM),
	PL("Penata Layanan Operasional", 1, 2, 65, DEG_ADM),
	ADMIN_ROLES, END
};
static const struct demo_role demo_r_kpkp[] = {
	FU("Penyuluh Pertanian Ahli Pertama", 2, 0, 45, DEG_TEK),
	FU("Penyuluh Pertanian Terampil", 2, 0, 40, DEG_AMD),
	FU("Medik Veteriner Ahli Pertama", 1, 0, 55, DEG_NONE),
	FU("Paramedik Veteriner Terampil", 1, 0, 40, DEG_AMD),
	FU("Pengawas Mutu Hasil Pertanian Ahli Pertama", 1, 0, 50, DEG_TEK),
	PL("Pengelola Layanan Operasional", 2, 2, 30, DEG_NONE),
	ADMIN_ROLES, END
};
static const struct demo_role demo_r_ppkukm[] = {
	FU("Pengawas Perdagangan Ahli Pertama", 2, 0, 45, DEG_EKO),
	FU("Penera Terampil", 1, 0, 25, DEG_AMD),
	FU("Pengawas Koperasi Ahli Pertama", 1, 0, 50, DEG_EKO),
	PL("Pengelola Layanan Operasional", 2, 2, 35, DEG_NONE),
	ADMIN_ROLES, END
};
static const struct demo_role demo_r_ptsp[] = {
	PL("Penata Layanan Operasional", 5, 3, 60, DEG_ADM),
	FU("Analis Kebijakan Ahli Pertama", 1, 0, 50, DEG_ADM),
	FU("Pranata Komputer Terampil", 1, 0, 35, DEG_KOM),
	ADMIN_ROLES, END
};
static const struct demo_role demo_r_sosial[] = {
	FU("Pekerja Sosial Ahli Pertama", 3, 0, 65, DEG_ADM),
	FU("Pekerja Sosial Ahli Muda", 1, 0, 60, DEG_ADM),
	FU("Pekerja Sosial Terampil", 2, 0, 60, DEG_AMD),
	FU("Penyuluh Sosial Ahli Pertama", 1, 0, 55, DEG_ADM),
	PL("Pengelola Layanan Operasional", 3, 2, 40, DEG_NONE),
	ADMIN_ROLES, END
};
static const struct demo_role demo_r_naker[] = {
	FU("Pengantar Kerja Ahli Pertama", 2, 0, 55, DEG_ADM),
	FU("Mediator Hubungan Industrial Ahli Pertama", 1, 0, 45, DEG_HUK),
	FU("Pengawas Ketenagakerjaan Ahli Pertama", 1, 0, 40, DEG_HUK),
	FU("Instruktur Ahli Pertama", 1, 0, 30, DEG_TEK),
	PL("Penata Layanan Operasional", 2, 2, 55, DEG_ADM),
	ADMIN_ROLES, END
};
static const struct demo_role demo_r_kominfo[] = {
	FU("Pranata Komputer Ahli Pertama", 3, 0, 35, DEG_KOM),
	FU("Pranata Komputer Ahli Muda", 1, 0, 30, DEG_KOM),
	FU("Pranata Komputer Terampil", 2, 0, 35, DEG_KOM),
	FU("Statistisi Ahli Pertama", 2, 0, 55, DEG_ADM),
	FU("Pranata Hubungan Masyarakat Ahli Pertama", 2, 0, 60, DEG_ADM),
	FU("Sandiman Ahli Pertama", 1, 0, 30, DEG_KOM),
	ADMIN_ROLES, END
};

#undef FU
#undef PL
#undef FIXED
#undef END
#undef ADMIN_ROLES

/* ------------------------------------------------------------------ */
/* Geography: the 5 kota administrasi and the kabupaten, their 44
 * kecamatan and 267 kelurahan (Perda DKI 5/2016 and Kemendagri codes of
 * region 31), with approximate office locations. */

struct demo_kota {
	const char *slug;  /* code part */
	const char *name;  /* "Jakarta Pusat" */
	const char *full;  /* "Kota Administrasi Jakarta Pusat" */
	const char *head;  /* the head's position */
	bool kabupaten;
	double lat, lon;   /* kantor wali kota / bupati */
};

static const struct demo_kota demo_kota[DEMO_KOTA_N] = {
	{ "JAKPUS", "Jakarta Pusat", "Kota Administrasi Jakarta Pusat",
	  "Wali Kota Jakarta Pusat", false, -6.1781, 106.8132 },
	{ "JAKUT", "Jakarta Utara", "Kota Administrasi Jakarta Utara",
	  "Wali Kota Jakarta Utara", false, -6.1181, 106.8923 },
	{ "JAKBAR", "Jakarta Barat", "Kota Administrasi Jakarta Barat",
	  "Wali Kota Jakarta Barat", false, -6.1900, 106.7393 },
	{ "JAKSEL", "Jakarta Selatan", "Kota Administrasi Jakarta Selatan",
	  "Wali Kota Jakarta Selatan", false, -6.2586, 106.8104 },
	{ "JAKTIM", "Jakarta Timur", "Kota Administrasi Jakarta Timur",
	  "Wali Kota Jakarta Timur", false, -6.2128, 106.9462 },
	{ "KEPSERIBU", "Kepulauan Seribu", "Kabupaten Administrasi Kepulauan Seribu",
	  "Bupati Kepulauan Seribu", true, -5.7457, 106.6137 },
};

#define DEMO_KEL_MAX 11

struct demo_kec {
	const char *name;
	unsigned char kota;
	double lat, lon;                       /* kantor kecamatan */
	const char *kel[DEMO_KEL_MAX + 1];     /* NULL-terminated */
};

static const struct demo_kec demo_kec[] = {
	/* Jakarta Pusat: 8 kecamatan, 44 kelurahan */
	{ "Gambir", 0, -6.1760, 106.8160, { "Gambir", "Cideng", "Petojo Utara", "Petojo Selatan",
	  "Kebon Kelapa", "Duri Pulo" } },
	{ "Sawah Besar", 0, -6.1550, 106.8300, { "Pasar Baru", "Karang Anyar", "Kartini",
	  "Gunung Sahari Utara", "Mangga Dua Selatan" } },
	{ "Kemayoran", 0, -6.1600, 106.8550, { "Kemayoran", "Kebon Kosong", "Harapan Mulya",
	  "Cempaka Baru", "Utan Panjang", "Sumur Batu", "Serdang", "Gunung Sahari Selatan" } },
	{ "Senen", 0, -6.1800, 106.8450, { "Senen", "Kwitang", "Kenari", "Paseban", "Kramat",
	  "Bungur" } },
	{ "Cempaka Putih", 0, -6.1780, 106.8700, { "Cempaka Putih Timur", "Cempaka Putih Barat",
	  "Rawasari" } },
	{ "Menteng", 0, -6.1960, 106.8340, { "Menteng", "Pegangsaan", "Cikini", "Kebon Sirih",
	  "Gondangdia" } },
	{ "Tanah Abang", 0, -6.2050, 106.8100, { "Bendungan Hilir", "Karet Tengsin", "Kebon Melati",
	  "Kebon Kacang", "Kampung Bali", "Petamburan", "Gelora" } },
	{ "Johar Baru", 0, -6.1850, 106.8580, { "Johar Baru", "Kampung Rawa", "Tanah Tinggi",
	  "Galur" } },
	/* Jakarta Utara: 6 kecamatan, 31 kelurahan */
	{ "Penjaringan", 1, -6.1200, 106.7850, { "Penjaringan", "Kamal Muara", "Kapuk Muara",
	  "Pejagalan", "Pluit" } },
	{ "Pademangan", 1, -6.1300, 106.8380, { "Pademangan Barat", "Pademangan Timur", "Ancol" } },
	{ "Tanjung Priok", 1, -6.1300, 106.8750, { "Tanjung Priok", "Kebon Bawang", "Sungai Bambu",
	  "Papanggo", "Warakas", "Sunter Agung", "Sunter Jaya" } },
	{ "Koja", 1, -6.1150, 106.9050, { "Koja", "Tugu Utara", "Tugu Selatan", "Lagoa",
	  "Rawa Badak Utara", "Rawa Badak Selatan" } },
	{ "Kelapa Gading", 1, -6.1600, 106.9050, { "Kelapa Gading Barat", "Kelapa Gading Timur",
	  "Pegangsaan Dua" } },
	{ "Cilincing", 1, -6.1200, 106.9450, { "Cilincing", "Kalibaru", "Marunda", "Rorotan",
	  "Semper Barat", "Semper Timur", "Sukapura" } },
	/* Jakarta Barat: 8 kecamatan, 56 kelurahan */
	{ "Cengkareng", 2, -6.1500, 106.7300, { "Cengkareng Barat", "Cengkareng Timur",
	  "Duri Kosambi", "Kapuk", "Kedaung Kali Angke", "Rawa Buaya" } },
	{ "Grogol Petamburan", 2, -6.1650, 106.7900, { "Grogol", "Jelambar", "Jelambar Baru",
	  "Wijaya Kusuma", "Tanjung Duren Utara", "Tanjung Duren Selatan", "Tomang" } },
	{ "Taman Sari", 2, -6.1450, 106.8150, { "Taman Sari", "Glodok", "Keagungan", "Krukut",
	  "Mangga Besar", "Maphar", "Pinangsia", "Tangki" } },
	{ "Tambora", 2, -6.1450, 106.8000, { "Tambora", "Angke", "Duri Selatan", "Duri Utara",
	  "Jembatan Besi", "Jembatan Lima", "Kali Anyar", "Krendang", "Pekojan", "Roa Malaka",
	  "Tanah Sereal" } },
	{ "Kebon Jeruk", 2, -6.1950, 106.7700, { "Kebon Jeruk", "Duri Kepa", "Kedoya Selatan",
	  "Kedoya Utara", "Kelapa Dua", "Sukabumi Selatan", "Sukabumi Utara" } },
	{ "Kalideres", 2, -6.1400, 106.7050, { "Kalideres", "Kamal", "Pegadungan", "Semanan",
	  "Tegal Alur" } },
	{ "Palmerah", 2, -6.2000, 106.7950, { "Palmerah", "Jati Pulo", "Kemanggisan",
	  "Kota Bambu Selatan", "Kota Bambu Utara", "Slipi" } },
	{ "Kembangan", 2, -6.1850, 106.7400, { "Kembangan Selatan", "Kembangan Utara", "Joglo",
	  "Meruya Selatan", "Meruya Utara", "Srengseng" } },
	/* Jakarta Selatan: 10 kecamatan, 65 kelurahan */
	{ "Kebayoran Baru", 3, -6.2400, 106.8000, { "Selong", "Gunung", "Kramat Pela",
	  "Gandaria Utara", "Cipete Utara", "Pulo", "Melawai", "Petogogan", "Rawa Barat",
	  "Senayan" } },
	{ "Kebayoran Lama", 3, -6.2500, 106.7750, { "Grogol Utara", "Grogol Selatan", "Cipulir",
	  "Kebayoran Lama Utara", "Kebayoran Lama Selatan", "Pondok Pinang" } },
	{ "Pesanggrahan", 3, -6.2550, 106.7550, { "Ulujami", "Petukangan Utara",
	  "Petukangan Selatan", "Pesanggrahan", "Bintaro" } },
	{ "Cilandak", 3, -6.2900, 106.7950, { "Cipete Selatan", "Gandaria Selatan", "Cilandak Barat",
	  "Lebak Bulus", "Pondok Labu" } },
	{ "Pasar Minggu", 3, -6.2900, 106.8400, { "Pejaten Barat", "Pejaten Timur", "Pasar Minggu",
	  "Kebagusan", "Jati Padang", "Ragunan", "Cilandak Timur" } },
	{ "Jagakarsa", 3, -6.3350, 106.8200, { "Tanjung Barat", "Lenteng Agung", "Jagakarsa",
	  "Ciganjur", "Srengseng Sawah", "Cipedak" } },
	{ "Mampang Prapatan", 3, -6.2450, 106.8250, { "Kuningan Barat", "Pela Mampang", "Bangka",
	  "Tegal Parang", "Mampang Prapatan" } },
	{ "Pancoran", 3, -6.2550, 106.8450, { "Kalibata", "Rawajati", "Duren Tiga", "Cikoko",
	  "Pengadegan", "Pancoran" } },
	{ "Tebet", 3, -6.2300, 106.8500, { "Tebet Barat", "Tebet Timur", "Kebon Baru", "Bukit Duri",
	  "Manggarai", "Manggarai Selatan", "Menteng Dalam" } },
	{ "Setiabudi", 3, -6.2150, 106.8300, { "Setiabudi", "Karet", "Karet Semanggi",
	  "Karet Kuningan", "Kuningan Timur", "Menteng Atas", "Pasar Manggis", "Guntur" } },
	/* Jakarta Timur: 10 kecamatan, 65 kelurahan */
	{ "Matraman", 4, -6.2000, 106.8600, { "Pisangan Baru", "Utan Kayu Selatan",
	  "Utan Kayu Utara", "Kayu Manis", "Pal Meriam", "Kebon Manggis" } },
	{ "Pulo Gadung", 4, -6.1900, 106.8950, { "Pisangan Timur", "Cipinang", "Jatinegara Kaum",
	  "Jati", "Rawamangun", "Kayu Putih", "Pulo Gadung" } },
	{ "Jatinegara", 4, -6.2250, 106.8700, { "Kampung Melayu", "Bidara Cina", "Bali Mester",
	  "Rawa Bunga", "Cipinang Cempedak", "Cipinang Besar Utara", "Cipinang Besar Selatan",
	  "Cipinang Muara" } },
	{ "Kramat Jati", 4, -6.2700, 106.8650, { "Kramat Jati", "Batu Ampar", "Bale Kambang",
	  "Kampung Tengah", "Dukuh", "Cawang", "Cililitan" } },
	{ "Pasar Rebo", 4, -6.3200, 106.8550, { "Pekayon", "Kalisari", "Baru", "Cijantung",
	  "Gedong" } },
	{ "Cakung", 4, -6.1850, 106.9450, { "Jatinegara", "Rawa Terate", "Penggilingan",
	  "Cakung Timur", "Pulo Gebang", "Ujung Menteng", "Cakung Barat" } },
	{ "Duren Sawit", 4, -6.2300, 106.9100, { "Pondok Bambu", "Duren Sawit", "Pondok Kelapa",
	  "Pondok Kopi", "Malaka Jaya", "Malaka Sari", "Klender" } },
	{ "Makasar", 4, -6.2650, 106.8850, { "Kebon Pala", "Pinang Ranti", "Makasar",
	  "Halim Perdana Kusuma", "Cipinang Melayu" } },
	{ "Ciracas", 4, -6.3250, 106.8750, { "Cibubur", "Kelapa Dua Wetan", "Ciracas", "Susukan",
	  "Rambutan" } },
	{ "Cipayung", 4, -6.3200, 106.9000, { "Cilangkap", "Pondok Ranggon", "Cipayung", "Munjul",
	  "Setu", "Bambu Apus", "Lubang Buaya", "Ceger" } },
	/* Kepulauan Seribu: 2 kecamatan, 6 kelurahan */
	{ "Kepulauan Seribu Utara", 5, -5.6550, 106.5680, { "Pulau Panggang", "Pulau Kelapa",
	  "Pulau Harapan" } },
	{ "Kepulauan Seribu Selatan", 5, -5.7985, 106.5070, { "Pulau Tidung", "Pulau Pari",
	  "Pulau Untung Jawa" } },
};

#define DEMO_KEC_N (sizeof demo_kec / sizeof demo_kec[0])

/* The kelurahan of Kepulauan Seribu are islands: their own places, in the
 * order of the table above. */
static const double demo_island[][2] = {
	{ -5.7420, 106.6010 }, { -5.6540, 106.5670 }, { -5.6500, 106.5760 },
	{ -5.7980, 106.5080 }, { -5.8590, 106.6150 }, { -5.9750, 106.7060 },
};

static unsigned demo_kel_count(size_t kec)
{
	unsigned n = 0;
	while (n < DEMO_KEL_MAX && demo_kec[kec].kel[n] != NULL)
		n++;
	return n;
}

/* Index of the first kelurahan of kec in the list of all 267. */
static unsigned demo_kel_first(size_t kec)
{
	unsigned n = 0;
	for (size_t i = 0; i < kec; i++)
		n += demo_kel_count(i);
	return n;
}

static unsigned demo_kec_of_kota(unsigned kota, size_t *first)
{
	unsigned n = 0;
	for (size_t i = 0; i < DEMO_KEC_N; i++) {
		if (demo_kec[i].kota != kota)
			continue;
		if (n++ == 0)
			*first = i;
	}
	return n;
}

static size_t demo_kec_find(const char *name)
{
	for (size_t i = 0; i < DEMO_KEC_N; i++)
		if (strcmp(demo_kec[i].name, name) == 0)
			return i;
	return 0;
}

static bool demo_is_island(double lat)
{
	return lat > -6.05;
}

/* v folded back into lo..hi at the edges, so that points pushed past a
 * border spread inside it instead of piling up on it. */
static double demo_fold(double v, double lo, double hi)
{
	if (v < lo)
		v = lo + (lo - v);
	if (v > hi)
		v = hi - (v - hi);
	return v < lo ? lo : v;
}

/* Keep a mainland office inside Jakarta. */
static void demo_clamp_jakarta(double *lat, double *lon)
{
	*lat = demo_fold(*lat, -6.37, -6.08);
	*lon = demo_fold(*lon, 106.68, 106.98);
}

/* Office of kelurahan j of kecamatan kec: an island's own place, or spread
 * around the kantor kecamatan, 1 to 2 km away. */
static void demo_kel_place(size_t kec, unsigned j, double *lat, double *lon)
{
	const struct demo_kec *k = &demo_kec[kec];
	unsigned global = demo_kel_first(kec) + j;
	if (demo_kota[k->kota].kabupaten) {
		unsigned island = global - demo_kel_first(DEMO_KEC_N - 2);
		*lat = demo_island[island][0];
		*lon = demo_island[island][1];
		return;
	}
	double angle = 2.0 * M_PI * ((double)j / demo_kel_count(kec) + demo_hash01(global));
	double r = 0.009 + 0.007 * demo_hash01(global + 1000);
	*lat = k->lat + r * sin(angle);
	*lon = k->lon + r * cos(angle);
	demo_clamp_jakarta(lat, lon);
}

/* ------------------------------------------------------------------ */
/* The unit tree held during generation. */

enum demo_hours { HOURS_NONE, HOURS_OFFICE, HOURS_PUSKESMAS, HOURS_RSUD };

static const char *const demo_hours_open[] = { NULL, "08:00", "07:30", "07:00" };
static const char *const demo_hours_close[] = { NULL, "15:00", "16:00", "14:00" };

/* Units whose heads fill struct demo_people. */
enum demo_mark { MARK_NONE, MARK_ADMIN, MARK_KEPALA_OPD, MARK_ATASAN, MARK_INSPEKTUR };

struct demo_unit {
	char code[ORG_CODE_MAX + 1];
	char name[ORG_NAME_MAX + 1];
	char head[ORG_NAME_MAX + 1];   /* the head's position name */
	const char *kind;
	const char *head_kind;
	const struct demo_role *roles; /* staff besides the head; NULL: the head alone */
	int parent;                    /* index; -1 for the root */
	double lat, lon;
	int radius_m;
	unsigned char hours;           /* enum demo_hours */
	unsigned char deputy;          /* head reports to: 0 the parent's head,
	                                  k the parent's k-th fixed post */
	unsigned char mark;            /* enum demo_mark */
	unsigned char head_deg;        /* enum demo_deg */
	unsigned char head_female;     /* percent */
	unsigned char min_staff;       /* at least this many people when kept */
	bool essential;                /* kept at any size */
	unsigned gi, gn;               /* member gi of a repeated group of gn; gn 0: named */
	unsigned base;                 /* head count at the reference size */
	/* set by the plan */
	double subtree;                /* base of the unit and all below it */
	double mult;                   /* how many reference units a kept one stands for */
	bool kept;
	long staff;
	/* set while employees are emitted */
	char head_nip[ORG_NIP_LEN + 1];
	char fixed_nip[DEMO_FIXED_MAX][ORG_NIP_LEN + 1];
	unsigned fixed_n;
};

/* NIP uniqueness: for each NIP prefix (birth date, start, gender) the count
 * of sequence numbers used, packed as key << 5 | count in an open-addressing
 * table of at most 2/3 load. */
struct demo_nipset {
	uint32_t *slot;
	uint32_t mask;
};

struct demo_gen {
	struct demo_unit *u;
	size_t n, cap;
	unsigned school_no[3];         /* running SMPN, SMAN, SMKN numbers */
	struct demo_rng rng;
	struct demo_nipset nips;
	struct demo_people people;
	char sekda_nip[ORG_NIP_LEN + 1];
	long emitted;
	int root;
};

static const char *demo_head_kind_of(const char *kind)
{
	static const char *const jpt_pratama[] = {
		"sekretariat_dprd", "biro", "dinas", "badan", "inspektorat", "satuan", "kota",
		"kabupaten",
	};
	static const char *const administrator[] = {
		"kecamatan", "suku_dinas", "suku_badan", "bagian", "bidang", "rsud",
	};
	if (strcmp(kind, "sekretariat_daerah") == 0)
		return "jpt_madya";
	for (size_t i = 0; i < sizeof jpt_pratama / sizeof jpt_pratama[0]; i++)
		if (strcmp(kind, jpt_pratama[i]) == 0)
			return "jpt_pratama";
	for (size_t i = 0; i < sizeof administrator / sizeof administrator[0]; i++)
		if (strcmp(kind, administrator[i]) == 0)
			return "administrator";
	return "pengawas";
}

/* Append a unit below parent (-1: none) and return its index. It starts at
 * its parent's place with defaults that the caller may change: head "Kepala
 * <name>" (filled when the name is set, see demo_name), 100 m radius, no
 * face-to-face service, a named (not repeated) unit. */
static int demo_add(struct demo_gen *g, int parent, const char *kind,
	const struct demo_role *roles, unsigned base)
{
	if (g->n == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 1024;
		g->u = xrealloc(g->u, g->cap * sizeof g->u[0]);
	}
	struct demo_unit *u = &g->u[g->n];
	memset(u, 0, sizeof *u);
	u->kind = kind;
	u->head_kind = demo_head_kind_of(kind);
	u->roles = roles;
	u->parent = parent;
	u->radius_m = 100;
	u->head_deg = DEG_MGR;
	u->head_female = 35;
	u->base = base;
	if (parent >= 0) {
		u->lat = g->u[parent].lat;
		u->lon = g->u[parent].lon;
	}
	return (int)g->n++;
}

/* Set the name and, unless already set, the default head "Kepala <name>". */
__attribute__((format(printf, 3, 4)))
static void demo_name(struct demo_gen *g, int i, const char *fmt, ...)
{
	struct demo_unit *u = &g->u[i];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(u->name, sizeof u->name, fmt, ap);
	va_end(ap);
	if (u->head[0] == '\0')
		demo_fmt(u->head, sizeof u->head, "Kepala %s", u->name);
}

/* Set the unit code: fmt is applied and the result must be a valid code. */
__attribute__((format(printf, 3, 4)))
static void demo_code(struct demo_gen *g, int i, const char *fmt, ...)
{
	struct demo_unit *u = &g->u[i];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(u->code, sizeof u->code, fmt, ap);
	va_end(ap);
}

static void demo_group(struct demo_gen *g, int i, unsigned gi, unsigned gn)
{
	g->u[i].gi = gi;
	g->u[i].gn = gn;
}

/* Place unit i near (lat, lon), at most span degrees away on each axis, by
 * a fixed function of its index. Mainland offices stay inside Jakarta. */
static void demo_place(struct demo_gen *g, int i, double lat, double lon, double span)
{
	struct demo_unit *u = &g->u[i];
	u->lat = lat + span * (2.0 * demo_hash01((uint64_t)i * 2) - 1.0);
	u->lon = lon + span * (2.0 * demo_hash01((uint64_t)i * 2 + 1) - 1.0);
	if (!demo_is_island(lat))
		demo_clamp_jakarta(&u->lat, &u->lon);
}

/* ------------------------------------------------------------------ */
/* The perangkat daerah (Perda DKI 5/2016 as amended), with their bidang,
 * suku dinas / suku badan per kota and unit pelaksana teknis. Head counts
 * are at the reference size (about 73,000 people before scaling). */

struct demo_opd;

/* A unit pelaksana teknis directly under a perangkat daerah. */
struct demo_upt {
	const char *code;
	const char *name;
	double lat, lon;
	unsigned short base;
	unsigned char hours;
	const struct demo_role *roles; /* NULL: the OPD's technical roles */
};

enum {
	OPD_ESSENTIAL = 1,    /* kept at any size */
	OPD_F2F = 2,          /* the head office serves the public */
	OPD_BIG = 4,          /* a large compound: 200 m radius */
	OPD_NO_SEKRET = 8,    /* no Sekretariat of its own */
	OPD_SUDIN_PLAIN = 16, /* suku units without seksi and subbagian */
	OPD_SUDIN_F2F = 32,   /* suku units serve the public */
	OPD_ATASAN = 64,      /* the first bidang is essential and marked MARK_ATASAN */
};

struct demo_opd {
	const char *code;
	const char *name;
	const char *kind;
	const char *head;            /* NULL: "Kepala <name>" */
	double lat, lon;
	unsigned short base;         /* the head office itself */
	unsigned char flags;
	unsigned char mark;          /* enum demo_mark */
	const struct demo_role *office, *tech;
	const char *bidang_kind;     /* NULL: "bidang" */
	const char *const *bidang;   /* NULL-terminated, or NULL */
	unsigned short bidang_base;
	const char *sudin;           /* "Suku Dinas Kesehatan", or NULL */
	const char *sudin_kind;      /* NULL: suku_dinas or suku_badan */
	const char *sudin_head;      /* NULL: "Kepala <sudin name>" */
	unsigned char sudin_n;       /* 5: not in Kepulauan Seribu, 6: everywhere */
	unsigned short sudin_base;
	const struct demo_upt *upt;  /* terminated by a NULL code, or NULL */
	void (*extra)(struct demo_gen *g, int opd, const struct demo_opd *o, const int *sudin);
};

static void demo_setda_extra(struct demo_gen *g, int opd, const struct demo_opd *o,
	const int *sudin);
static void demo_disdik_extra(struct demo_gen *g, int opd, const struct demo_opd *o,
	const int *sudin);
static void demo_dinkes_extra(struct demo_gen *g, int opd, const struct demo_opd *o,
	const int *sudin);
static void demo_damkar_extra(struct demo_gen *g, int opd, const struct demo_opd *o,
	const int *sudin);
static void demo_satpol_extra(struct demo_gen *g, int opd, const struct demo_opd *o,
	const int *sudin);
static void demo_capil_extra(struct demo_gen *g, int opd, const struct demo_opd *o,
	const int *sudin);
static void demo_bapenda_extra(struct demo_gen *g, int opd, const struct demo_opd *o,
	const int *sudin);

static const char *const demo_b_dprd[] = {
	"Bagian Umum", "Bagian Keuangan", "Bagian Persidangan dan Perundang-undangan",
	"Bagian Hubungan Masyarakat dan Protokol", NULL };
static const char *const demo_b_disdik[] = {
	"Bidang Sekolah Dasar", "Bidang Sekolah Menengah Pertama",
	"Bidang Sekolah Menengah Atas dan Kejuruan", "Bidang Pendidik dan Tenaga Kependidikan",
	NULL };
static const char *const demo_b_dinkes[] = {
	"Bidang Pelayanan Kesehatan", "Bidang Kesehatan Masyarakat",
	"Bidang Pencegahan dan Pengendalian Penyakit", "Bidang Sumber Daya Kesehatan", NULL };
static const char *const demo_b_damkar[] = {
	"Bidang Operasi", "Bidang Pencegahan", "Bidang Sarana dan Prasarana",
	"Bidang Partisipasi Masyarakat", NULL };
static const char *const demo_b_satpol[] = {
	"Bidang Penegakan Peraturan Daerah", "Bidang Ketertiban Umum dan Ketenteraman Masyarakat",
	"Bidang Perlindungan Masyarakat", "Bidang Pengembangan Kapasitas", NULL };
static const char *const demo_b_capil[] = {
	"Bidang Pelayanan Pendaftaran Penduduk", "Bidang Pelayanan Pencatatan Sipil",
	"Bidang Pengelolaan Informasi Administrasi Kependudukan",
	"Bidang Pemanfaatan Data dan Inovasi Pelayanan", NULL };
static const char *const demo_b_dishub[] = {
	"Bidang Angkutan Jalan", "Bidang Lalu Lintas", "Bidang Prasarana Jalan dan Perkeretaapian",
	"Bidang Pengendalian Operasional", NULL };
static const char *const demo_b_binamarga[] = {
	"Bidang Perencanaan Jalan dan Jembatan", "Bidang Pembangunan Jalan dan Jembatan",
	"Bidang Pemeliharaan Jalan dan Jembatan", "Bidang Sarana dan Prasarana Utilitas", NULL };
static const char *const demo_b_sda[] = {
	"Bidang Pengendalian Banjir dan Drainase", "Bidang Pengelolaan Air Bersih dan Air Limbah",
	"Bidang Pengelolaan Pesisir", "Bidang Geologi dan Konservasi Air Baku", NULL };
static const char *const demo_b_citata[] = {
	"Bidang Perencanaan Kota", "Bidang Pengendalian Tata Ruang", "Bidang Bangunan Gedung",
	"Bidang Pertanahan", NULL };
static const char *const demo_b_perkim[] = {
	"Bidang Perumahan", "Bidang Kawasan Permukiman", "Bidang Pengelolaan Rumah Susun", NULL };
static const char *const demo_b_dlh[] = {
	"Bidang Pengelolaan Sampah", "Bidang Pengendalian Pencemaran dan Kerusakan Lingkungan",
	"Bidang Tata Lingkungan dan Kebersihan", "Bidang Penegakan Hukum Lingkungan", NULL };
static const char *const demo_b_tamhut[] = {
	"Bidang Pertamanan", "Bidang Hutan Kota", "Bidang Pemakaman",
	"Bidang Penghijauan dan Keanekaragaman Hayati", NULL };
static const char *const demo_b_parekraf[] = {
	"Bidang Destinasi Pariwisata", "Bidang Pemasaran Pariwisata", "Bidang Ekonomi Kreatif",
	"Bidang Industri Pariwisata", NULL };
static const char *const demo_b_budaya[] = {
	"Bidang Pelindungan Kebudayaan", "Bidang Pengembangan Kebudayaan",
	"Bidang Pemanfaatan Kebudayaan", NULL };
static const char *const demo_b_pora[] = {
	"Bidang Kepemudaan", "Bidang Olahraga Prestasi", "Bidang Olahraga Masyarakat",
	"Bidang Sarana dan Prasarana Olahraga", NULL };
static const char *const demo_b_pusip[] = {
	"Bidang Layanan Perpustakaan", "Bidang Pengembangan Perpustakaan",
	"Bidang Pengelolaan Arsip", "Bidang Pembinaan Kearsipan", NULL };
static const char *const demo_b_ppapp[] = {
	"Bidang Pemberdayaan Perempuan", "Bidang Perlindungan Anak",
	"Bidang Pengendalian Penduduk dan Keluarga Berencana", NULL };
static const char *const demo_b_kpkp[] = {
	"Bidang Ketahanan Pangan", "Bidang Kelautan dan Perikanan", "Bidang Pertanian",
	"Bidang Peternakan dan Kesehatan Hewan", NULL };
static const char *const demo_b_ppkukm[] = {
	"Bidang Perindustrian", "Bidang Perdagangan", "Bidang Koperasi",
	"Bidang Usaha Kecil dan Menengah", NULL };
static const char *const demo_b_ptsp[] = {
	"Bidang Penanaman Modal", "Bidang Pelayanan Perizinan", "Bidang Pengaduan dan Informasi",
	"Bidang Pengendalian Pelaksanaan", NULL };
static const char *const demo_b_sosial[] = {
	"Bidang Rehabilitasi Sosial", "Bidang Perlindungan dan Jaminan Sosial",
	"Bidang Pemberdayaan Sosial", "Bidang Penanganan Fakir Miskin", NULL };
static const char *const demo_b_naker[] = {
	"Bidang Pelatihan dan Produktivitas", "Bidang Penempatan Tenaga Kerja dan Transmigrasi",
	"Bidang Hubungan Industrial", "Bidang Pengawasan Ketenagakerjaan", "Bidang Energi", NULL };
static const char *const demo_b_kominfo[] = {
	"Bidang Informasi Publik", "Bidang Komunikasi Publik",
	"Bidang Infrastruktur Teknologi Informasi", "Bidang Statistik dan Persandian",
	"Bidang Aplikasi Informatika", NULL };
static const char *const demo_b_bappeda[] = {
	"Bidang Perencanaan Makro dan Evaluasi", "Bidang Perekonomian",
	"Bidang Infrastruktur dan Pengembangan Wilayah",
	"Bidang Pemerintahan dan Pembangunan Manusia", "Bidang Pendanaan Pembangunan", NULL };
static const char *const demo_b_brida[] = {
	"Bidang Riset dan Inovasi Pemerintahan", "Bidang Riset dan Inovasi Ekonomi dan Pembangunan",
	"Bidang Diseminasi dan Pemanfaatan Riset", NULL };
static const char *const demo_b_bkd[] = {
	"Bidang Perencanaan dan Pengadaan Pegawai", "Bidang Pengembangan Karier",
	"Bidang Penilaian Kinerja dan Penghargaan", "Bidang Disiplin dan Kesejahteraan Pegawai",
	"Bidang Sistem Informasi Kepegawaian", NULL };
static const char *const demo_b_bpkd[] = {
	"Bidang Anggaran", "Bidang Perbendaharaan dan Kas Daerah", "Bidang Akuntansi",
	"Bidang Pembinaan dan Evaluasi Pengelolaan Keuangan", NULL };
static const char *const demo_b_bapenda[] = {
	"Bidang Perencanaan dan Pengembangan Pendapatan", "Bidang Pajak Daerah",
	"Bidang Retribusi dan Pendapatan Lain", "Bidang Pengendalian dan Pemeriksaan", NULL };
static const char *const demo_b_bpad[] = {
	"Bidang Perencanaan dan Penatausahaan Aset", "Bidang Pemanfaatan Aset",
	"Bidang Pengamanan dan Penghapusan Aset", NULL };
static const char *const demo_b_bpsdm[] = {
	"Bidang Pengembangan Kompetensi Teknis", "Bidang Pengembangan Kompetensi Manajerial",
	"Bidang Sertifikasi Kompetensi", NULL };
static const char *const demo_b_bpbd[] = {
	"Bidang Pencegahan dan Kesiapsiagaan", "Bidang Kedaruratan dan Logistik",
	"Bidang Rehabilitasi dan Rekonstruksi", NULL };
static const char *const demo_b_kesbang[] = {
	"Bidang Ideologi dan Wawasan Kebangsaan", "Bidang Politik Dalam Negeri",
	"Bidang Kewaspadaan Nasional", NULL };
static const char *const demo_b_bppbj[] = {
	"Bidang Pengelolaan Pengadaan", "Bidang Layanan Pengadaan Secara Elektronik",
	"Bidang Pembinaan Sumber Daya Pengadaan", NULL };
static const char *const demo_b_bumd[] = {
	"Bidang Analisis dan Pengembangan Usaha", "Bidang Pembinaan dan Pengawasan", NULL };

static const struct demo_upt demo_u_dinkes[] = {
	{ "LABKESDA", "Laboratorium Kesehatan Daerah", -6.1856, 106.8686, 60, HOURS_OFFICE, NULL },
	{ "AGD", "Unit Pelayanan Ambulans Gawat Darurat", -6.1668, 106.8155, 80, HOURS_NONE, NULL },
	{ NULL, NULL, 0, 0, 0, 0, NULL },
};
static const struct demo_upt demo_u_damkar[] = {
	{ "PUSDIKLATKAR", "Pusat Pendidikan dan Pelatihan Kebakaran dan Penyelamatan",
	  -6.3262, 106.8717, 60, HOURS_NONE, NULL },
	{ NULL, NULL, 0, 0, 0, 0, NULL },
};
static const struct demo_upt demo_u_dishub[] = {
	{ "PKB-PULOGADUNG", "Unit Pengelola Pengujian Kendaraan Bermotor Pulo Gadung",
	  -6.1857, 106.9140, 60, HOURS_OFFICE, NULL },
	{ "PKB-KEDAUNG", "Unit Pengelola Pengujian Kendaraan Bermotor Kedaung Angke",
	  -6.1465, 106.7360, 60, HOURS_OFFICE, NULL },
	{ "UP-PARKIR", "Unit Pengelola Perparkiran", -6.1610, 106.8275, 80, HOURS_NONE, NULL },
	{ "UP-TERMINAL", "Unit Pengelola Terminal Angkutan Jalan", -6.2093, 106.9488, 80,
	  HOURS_NONE, NULL },
	{ NULL, NULL, 0, 0, 0, 0, NULL },
};
static const struct demo_upt demo_u_sosial[] = {
	{ "PSTW-BM1", "Panti Sosial Tresna Werdha Budi Mulia 1", -6.3177, 106.8797, 35,
	  HOURS_NONE, NULL },
	{ "PSAA-PU1", "Panti Sosial Asuhan Anak Putra Utama 1", -6.2941, 106.8520, 35,
	  HOURS_NONE, NULL },
	{ "PSBI-BD1", "Panti Sosial Bina Insan Bangun Daya 1", -6.1800, 106.7600, 35,
	  HOURS_NONE, NULL },
	{ "PSBL-HS1", "Panti Sosial Bina Laras Harapan Sentosa 1", -6.1450, 106.7250, 35,
	  HOURS_NONE, NULL },
	{ NULL, NULL, 0, 0, 0, 0, NULL },
};
static const struct demo_upt demo_u_parekraf[] = {
	{ "UPK-MONAS", "Unit Pengelola Kawasan Monumen Nasional", -6.1754, 106.8272, 50,
	  HOURS_NONE, NULL },
	{ NULL, NULL, 0, 0, 0, 0, NULL },
};
static const struct demo_upt demo_u_budaya[] = {
	{ "UP-MUSEUM", "Unit Pengelola Museum Kesejarahan Jakarta", -6.1352, 106.8133, 40,
	  HOURS_NONE, NULL },
	{ NULL, NULL, 0, 0, 0, 0, NULL },
};
static const struct demo_upt demo_u_tamhut[] = {
	{ "UP-RAGUNAN", "Unit Pengelola Taman Margasatwa Ragunan", -6.3125, 106.8200, 120,
	  HOURS_NONE, NULL },
	{ NULL, NULL, 0, 0, 0, 0, NULL },
};
static const struct demo_upt demo_u_dlh[] = {
	{ "UP-LABLH", "Unit Pengelola Laboratorium Lingkungan Hidup Daerah", -6.2620, 106.8720, 30,
	  HOURS_NONE, NULL },
	{ NULL, NULL, 0, 0, 0, 0, NULL },
};
static const struct demo_upt demo_u_bpbd[] = {
	{ "PUSDATIN-BPBD", "Pusat Data dan Informasi Kebencanaan", -6.1826, 106.8296, 40,
	  HOURS_NONE, NULL },
	{ NULL, NULL, 0, 0, 0, 0, NULL },
};
static const struct demo_upt demo_u_kominfo[] = {
	{ "UP-JSC", "Unit Pengelola Jakarta Smart City", -6.1816, 106.8287, 40, HOURS_NONE, NULL },
	{ NULL, NULL, 0, 0, 0, 0, NULL },
};

/* Balai Kota, Jl. Medan Merdeka Selatan 8-9. */
#define BALAI_KOTA_LAT (-6.1818)
#define BALAI_KOTA_LON 106.8283

static const struct demo_opd demo_opds[] = {
	{ .code = "SETDA", .name = "Sekretariat Daerah", .kind = "sekretariat_daerah",
	  .head = "Sekretaris Daerah", .lat = BALAI_KOTA_LAT, .lon = BALAI_KOTA_LON, .base = 80,
	  .flags = OPD_ESSENTIAL | OPD_BIG | OPD_NO_SEKRET, .office = demo_r_setda,
	  .tech = demo_r_biro, .extra = demo_setda_extra },
	{ .code = "SETWAN", .name = "Sekretariat DPRD", .kind = "sekretariat_dprd",
	  .head = "Sekretaris DPRD", .lat = -6.1822, .lon = 106.8262, .base = 160,
	  .flags = OPD_BIG | OPD_NO_SEKRET, .office = demo_r_dprd, .tech = demo_r_dprd,
	  .bidang_kind = "bagian", .bidang = demo_b_dprd, .bidang_base = 18 },
	{ .code = "INSPEKTORAT", .name = "Inspektorat", .kind = "inspektorat",
	  .head = "Inspektur Provinsi", .lat = -6.1819, .lon = 106.8270, .base = 90,
	  .flags = OPD_ESSENTIAL | OPD_SUDIN_PLAIN, .mark = MARK_INSPEKTUR,
	  .office = demo_r_inspektorat, .tech = demo_r_inspektorat,
	  .sudin = "Inspektorat Pembantu", .sudin_kind = "bidang",
	  .sudin_head = "Inspektur Pembantu", .sudin_n = 6, .sudin_base = 30 },
	{ .code = "DISDIK", .name = "Dinas Pendidikan", .kind = "dinas",
	  .lat = -6.2286, .lon = 106.8219, .base = 180, .flags = OPD_BIG,
	  .office = demo_r_office, .tech = demo_r_disdik, .bidang = demo_b_disdik,
	  .bidang_base = 25, .sudin_base = 40, .extra = demo_disdik_extra },
	{ .code = "DINKES", .name = "Dinas Kesehatan", .kind = "dinas",
	  .lat = -6.1716, .lon = 106.8161, .base = 200, .flags = OPD_BIG,
	  .office = demo_r_office, .tech = demo_r_dinkes, .bidang = demo_b_dinkes,
	  .bidang_base = 25, .sudin = "Suku Dinas Kesehatan", .sudin_n = 6, .sudin_base = 45,
	  .upt = demo_u_dinkes, .extra = demo_dinkes_extra },
	{ .code = "GULKARMAT", .name = "Dinas Penanggulangan Kebakaran dan Penyelamatan",
	  .kind = "dinas", .lat = -6.1598, .lon = 106.8133, .base = 150, .flags = OPD_BIG,
	  .office = demo_r_office, .tech = demo_r_damkar, .bidang = demo_b_damkar,
	  .bidang_base = 20, .sudin = "Suku Dinas Penanggulangan Kebakaran dan Penyelamatan",
	  .sudin_n = 6, .sudin_base = 60, .upt = demo_u_damkar, .extra = demo_damkar_extra },
	{ .code = "SATPOLPP", .name = "Satuan Polisi Pamong Praja", .kind = "satuan",
	  .lat = -6.1812, .lon = 106.8293, .base = 200, .office = demo_r_office,
	  .tech = demo_r_satpol, .bidang = demo_b_satpol, .bidang_base = 20,
	  .sudin = "Satuan Polisi Pamong Praja", .sudin_kind = "satuan", .sudin_n = 6,
	  .sudin_base = 120, .extra = demo_satpol_extra },
	{ .code = "DUKCAPIL", .name = "Dinas Kependudukan dan Pencatatan Sipil", .kind = "dinas",
	  .lat = -6.1830, .lon = 106.8298, .base = 120, .flags = OPD_F2F | OPD_SUDIN_F2F,
	  .office = demo_r_capil, .tech = demo_r_capil, .bidang = demo_b_capil, .bidang_base = 20,
	  .sudin = "Suku Dinas Kependudukan dan Pencatatan Sipil", .sudin_n = 6,
	  .sudin_base = 40, .extra = demo_capil_extra },
	{ .code = "DISHUB", .name = "Dinas Perhubungan", .kind = "dinas",
	  .lat = -6.1791, .lon = 106.8083, .base = 200, .flags = OPD_BIG, .office = demo_r_office,
	  .tech = demo_r_dishub, .bidang = demo_b_dishub, .bidang_base = 25,
	  .sudin = "Suku Dinas Perhubungan", .sudin_n = 6, .sudin_base = 90, .upt = demo_u_dishub },
	{ .code = "BINAMARGA", .name = "Dinas Bina Marga", .kind = "dinas",
	  .lat = -6.1793, .lon = 106.8086, .base = 110, .office = demo_r_office,
	  .tech = demo_r_binamarga, .bidang = demo_b_binamarga, .bidang_base = 20,
	  .sudin = "Suku Dinas Bina Marga", .sudin_n = 5, .sudin_base = 60 },
	{ .code = "DSDA", .name = "Dinas Sumber Daya Air", .kind = "dinas",
	  .lat = -6.1795, .lon = 106.8090, .base = 110, .office = demo_r_office,
	  .tech = demo_r_sda, .bidang = demo_b_sda, .bidang_base = 20,
	  .sudin = "Suku Dinas Sumber Daya Air", .sudin_n = 6, .sudin_base = 70 },
	{ .code = "CITATA", .name = "Dinas Cipta Karya, Tata Ruang dan Pertanahan",
	  .kind = "dinas", .lat = -6.1797, .lon = 106.8093, .base = 100, .office = demo_r_office,
	  .tech = demo_r_citata, .bidang = demo_b_citata, .bidang_base = 20,
	  .sudin = "Suku Dinas Cipta Karya, Tata Ruang dan Pertanahan", .sudin_n = 5,
	  .sudin_base = 40 },
	{ .code = "DPRKP", .name = "Dinas Perumahan Rakyat dan Kawasan Permukiman",
	  .kind = "dinas", .lat = -6.1799, .lon = 106.8096, .base = 90, .office = demo_r_office,
	  .tech = demo_r_perkim, .bidang = demo_b_perkim, .bidang_base = 20,
	  .sudin = "Suku Dinas Perumahan Rakyat dan Kawasan Permukiman", .sudin_n = 5,
	  .sudin_base = 30 },
	{ .code = "DLH", .name = "Dinas Lingkungan Hidup", .kind = "dinas",
	  .lat = -6.2625, .lon = 106.8725, .base = 150, .office = demo_r_office,
	  .tech = demo_r_dlh, .bidang = demo_b_dlh, .bidang_base = 20,
	  .sudin = "Suku Dinas Lingkungan Hidup", .sudin_n = 6, .sudin_base = 80,
	  .upt = demo_u_dlh },
	{ .code = "DISTAMHUT", .name = "Dinas Pertamanan dan Hutan Kota", .kind = "dinas",
	  .lat = -6.1946, .lon = 106.8039, .base = 100, .office = demo_r_office,
	  .tech = demo_r_tamhut, .bidang = demo_b_tamhut, .bidang_base = 20,
	  .sudin = "Suku Dinas Pertamanan dan Hutan Kota", .sudin_n = 5, .sudin_base = 50,
	  .upt = demo_u_tamhut },
	{ .code = "DISPAREKRAF", .name = "Dinas Pariwisata dan Ekonomi Kreatif", .kind = "dinas",
	  .lat = -6.2391, .lon = 106.8262, .base = 90, .office = demo_r_office,
	  .tech = demo_r_parekraf, .bidang = demo_b_parekraf, .bidang_base = 18,
	  .sudin = "Suku Dinas Pariwisata dan Ekonomi Kreatif", .sudin_n = 6, .sudin_base = 25,
	  .upt = demo_u_parekraf },
	{ .code = "DISBUD", .name = "Dinas Kebudayaan", .kind = "dinas",
	  .lat = -6.2393, .lon = 106.8265, .base = 80, .office = demo_r_office,
	  .tech = demo_r_budaya, .bidang = demo_b_budaya, .bidang_base = 18,
	  .sudin = "Suku Dinas Kebudayaan", .sudin_n = 5, .sudin_base = 25, .upt = demo_u_budaya },
	{ .code = "DISPORA", .name = "Dinas Pemuda dan Olahraga", .kind = "dinas",
	  .lat = -6.2222, .lon = 106.8319, .base = 80, .office = demo_r_office,
	  .tech = demo_r_pora, .bidang = demo_b_pora, .bidang_base = 18,
	  .sudin = "Suku Dinas Pemuda dan Olahraga", .sudin_n = 5, .sudin_base = 30 },
	{ .code = "DISPUSIP", .name = "Dinas Perpustakaan dan Kearsipan", .kind = "dinas",
	  .lat = -6.1906, .lon = 106.8391, .base = 80, .flags = OPD_F2F, .office = demo_r_office,
	  .tech = demo_r_pusip, .bidang = demo_b_pusip, .bidang_base = 18,
	  .sudin = "Suku Dinas Perpustakaan dan Kearsipan", .sudin_n = 5, .sudin_base = 25 },
	{ .code = "DPPAPP",
	  .name = "Dinas Pemberdayaan, Perlindungan Anak dan Pengendalian Penduduk",
	  .kind = "dinas", .lat = -6.1702, .lon = 106.8365, .base = 80, .office = demo_r_office,
	  .tech = demo_r_ppapp, .bidang = demo_b_ppapp, .bidang_base = 18,
	  .sudin = "Suku Dinas Pemberdayaan, Perlindungan Anak dan Pengendalian Penduduk",
	  .sudin_n = 6, .sudin_base = 35 },
	{ .code = "DKPKP", .name = "Dinas Ketahanan Pangan, Kelautan dan Pertanian",
	  .kind = "dinas", .lat = -6.1575, .lon = 106.8387, .base = 90, .office = demo_r_office,
	  .tech = demo_r_kpkp, .bidang = demo_b_kpkp, .bidang_base = 18,
	  .sudin = "Suku Dinas Ketahanan Pangan, Kelautan dan Pertanian", .sudin_n = 6,
	  .sudin_base = 35 },
	{ .code = "DPPKUKM",
	  .name = "Dinas Perindustrian, Perdagangan, Koperasi, Usaha Kecil dan Menengah",
	  .kind = "dinas", .lat = -6.1680, .lon = 106.8480, .base = 90, .office = demo_r_office,
	  .tech = demo_r_ppkukm, .bidang = demo_b_ppkukm, .bidang_base = 18,
	  .sudin = "Suku Dinas Perindustrian, Perdagangan, Koperasi, Usaha Kecil dan Menengah",
	  .sudin_n = 6, .sudin_base = 30 },
	{ .code = "DPMPTSP", .name = "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
	  .kind = "dinas", .lat = -6.1814, .lon = 106.8277, .base = 120,
	  .flags = OPD_F2F | OPD_SUDIN_F2F | OPD_SUDIN_PLAIN, .office = demo_r_ptsp,
	  .tech = demo_r_ptsp, .bidang = demo_b_ptsp, .bidang_base = 20,
	  .sudin = "Unit Pelaksana Pelayanan Terpadu Satu Pintu", .sudin_kind = "upt",
	  .sudin_n = 6, .sudin_base = 45 },
	{ .code = "DINSOS", .name = "Dinas Sosial", .kind = "dinas",
	  .lat = -6.1638, .lon = 106.8390, .base = 100, .office = demo_r_office,
	  .tech = demo_r_sosial, .bidang = demo_b_sosial, .bidang_base = 18,
	  .sudin = "Suku Dinas Sosial", .sudin_n = 6, .sudin_base = 35, .upt = demo_u_sosial },
	{ .code = "DISNAKERTRANSGI", .name = "Dinas Tenaga Kerja, Transmigrasi dan Energi",
	  .kind = "dinas", .lat = -6.1773, .lon = 106.8412, .base = 100, .office = demo_r_office,
	  .tech = demo_r_naker, .bidang = demo_b_naker, .bidang_base = 18,
	  .sudin = "Suku Dinas Tenaga Kerja, Transmigrasi dan Energi", .sudin_n = 6,
	  .sudin_base = 30 },
	{ .code = "DISKOMINFOTIK", .name = "Dinas Komunikasi, Informatika dan Statistik",
	  .kind = "dinas", .lat = -6.1816, .lon = 106.8287, .base = 110, .office = demo_r_office,
	  .tech = demo_r_kominfo, .bidang = demo_b_kominfo, .bidang_base = 18,
	  .sudin = "Suku Dinas Komunikasi, Informatika dan Statistik", .sudin_n = 6,
	  .sudin_base = 25, .upt = demo_u_kominfo },
	{ .code = "BAPPEDA", .name = "Badan Perencanaan Pembangunan Daerah", .kind = "badan",
	  .lat = -6.1820, .lon = 106.8280, .base = 60, .flags = OPD_ESSENTIAL | OPD_ATASAN,
	  .mark = MARK_KEPALA_OPD, .office = demo_r_office, .tech = demo_r_bappeda,
	  .bidang = demo_b_bappeda, .bidang_base = 30 },
	{ .code = "BRIDA", .name = "Badan Riset dan Inovasi Daerah", .kind = "badan",
	  .lat = -6.1823, .lon = 106.8276, .base = 40, .office = demo_r_office,
	  .tech = demo_r_brida, .bidang = demo_b_brida, .bidang_base = 15 },
	{ .code = "BKD", .name = "Badan Kepegawaian Daerah", .kind = "badan",
	  .lat = -6.1817, .lon = 106.8275, .base = 120, .flags = OPD_ESSENTIAL, .mark = MARK_ADMIN,
	  .office = demo_r_office, .tech = demo_r_bkd, .bidang = demo_b_bkd, .bidang_base = 25 },
	{ .code = "BPKD", .name = "Badan Pengelola Keuangan Daerah", .kind = "badan",
	  .lat = -6.1821, .lon = 106.8289, .base = 250, .office = demo_r_office,
	  .tech = demo_r_keu, .bidang = demo_b_bpkd, .bidang_base = 30,
	  .sudin = "Suku Badan Pengelola Keuangan Daerah", .sudin_n = 6, .sudin_base = 35 },
	{ .code = "BAPENDA", .name = "Badan Pendapatan Daerah", .kind = "badan",
	  .lat = -6.1760, .lon = 106.8195, .base = 250, .flags = OPD_F2F,
	  .office = demo_r_office, .tech = demo_r_bapenda, .bidang = demo_b_bapenda,
	  .bidang_base = 25, .sudin = "Suku Badan Pendapatan Daerah", .sudin_n = 6,
	  .sudin_base = 35, .extra = demo_bapenda_extra },
	{ .code = "BPAD", .name = "Badan Pengelola Aset Daerah", .kind = "badan",
	  .lat = -6.1824, .lon = 106.8292, .base = 120, .office = demo_r_office,
	  .tech = demo_r_aset, .bidang = demo_b_bpad, .bidang_base = 20,
	  .sudin = "Suku Badan Pengelola Aset Daerah", .sudin_n = 6, .sudin_base = 20 },
	{ .code = "BPSDM", .name = "Badan Pengembangan Sumber Daya Manusia", .kind = "badan",
	  .lat = -6.1762, .lon = 106.8198, .base = 70, .office = demo_r_office,
	  .tech = demo_r_bpsdm, .bidang = demo_b_bpsdm, .bidang_base = 18 },
	{ .code = "BPBD", .name = "Badan Penanggulangan Bencana Daerah", .kind = "badan",
	  .lat = -6.1826, .lon = 106.8300, .base = 80, .office = demo_r_office,
	  .tech = demo_r_bpbd, .bidang = demo_b_bpbd, .bidang_base = 20, .upt = demo_u_bpbd },
	{ .code = "KESBANGPOL", .name = "Badan Kesatuan Bangsa dan Politik", .kind = "badan",
	  .lat = -6.1815, .lon = 106.8302, .base = 50, .office = demo_r_office,
	  .tech = demo_r_kesbang, .bidang = demo_b_kesbang, .bidang_base = 15,
	  .sudin = "Suku Badan Kesatuan Bangsa dan Politik", .sudin_n = 6, .sudin_base = 15 },
	{ .code = "BPPBJ", .name = "Badan Pelayanan Pengadaan Barang/Jasa", .kind = "badan",
	  .lat = -6.1811, .lon = 106.8279, .base = 50, .office = demo_r_office,
	  .tech = demo_r_bppbj, .bidang = demo_b_bppbj, .bidang_base = 18 },
	{ .code = "BPBUMD", .name = "Badan Pembinaan Badan Usaha Milik Daerah", .kind = "badan",
	  .lat = -6.1809, .lon = 106.8285, .base = 35, .office = demo_r_office,
	  .tech = demo_r_bumd, .bidang = demo_b_bumd, .bidang_base = 12 },
};

#define DEMO_OPD_N (sizeof demo_opds / sizeof demo_opds[0])

/* The biro of the Sekretariat Daerah and the Asisten each reports to
 * (1..4: the fixed posts of demo_r_setda; 0: the Sekretaris Daerah). */
struct demo_biro {
	const char *slug;
	const char *name;
	unsigned char deputy;
	const char *bagian[3];
};

static const struct demo_biro demo_biros[] = {
	{ "PEM", "Biro Pemerintahan", 1, { "Bagian Pemerintahan Umum", "Bagian Otonomi Daerah",
	  "Bagian Kerja Sama Daerah" } },
	{ "HUKUM", "Biro Hukum", 1, { "Bagian Perundang-undangan", "Bagian Bantuan Hukum",
	  "Bagian Dokumentasi dan Informasi Hukum" } },
	{ "ORB", "Biro Organisasi dan Reformasi Birokrasi", 1, { "Bagian Kelembagaan",
	  "Bagian Ketatalaksanaan", "Bagian Reformasi Birokrasi dan Akuntabilitas Kinerja" } },
	{ "PEREK", "Biro Perekonomian dan Keuangan", 2, { "Bagian Perekonomian",
	  "Bagian Keuangan Daerah", "Bagian Sarana Perekonomian" } },
	{ "PLH", "Biro Pembangunan dan Lingkungan Hidup", 3, { "Bagian Pembangunan Prasarana",
	  "Bagian Lingkungan Hidup", "Bagian Pengendalian Pembangunan" } },
	{ "KESOS", "Biro Kesejahteraan Sosial", 4, { "Bagian Kesehatan", "Bagian Sosial",
	  "Bagian Pemberdayaan Masyarakat" } },
	{ "DIKMENTAL", "Biro Pendidikan dan Mental Spiritual", 4, { "Bagian Pendidikan",
	  "Bagian Agama", "Bagian Kebudayaan" } },
	{ "UMUM", "Biro Umum dan Administrasi Pimpinan", 0, { "Bagian Tata Usaha Pimpinan",
	  "Bagian Protokol", "Bagian Rumah Tangga" } },
};

/* The large hospitals; the smaller RSUD carry a kecamatan's name. */
struct demo_rsud {
	const char *slug, *name;
	double lat, lon;
};

static const struct demo_rsud demo_rsud_big[] = {
	{ "TARAKAN", "RSUD Tarakan", -6.1715, 106.8105 },
	{ "KOJA", "RSUD Koja", -6.1127, 106.9006 },
	{ "CENGKARENG", "RSUD Cengkareng", -6.1380, 106.7299 },
	{ "PASAR-MINGGU", "RSUD Pasar Minggu", -6.2946, 106.8400 },
	{ "BUDHI-ASIH", "RSUD Budhi Asih", -6.2534, 106.8647 },
	{ "DUREN-SAWIT", "RSUD Duren Sawit", -6.2340, 106.9183 },
};

/* Smaller RSUD: in a kecamatan, named after it unless name is set. */
struct demo_rsud_small {
	const char *kec;
	const char *name;
};

static const struct demo_rsud_small demo_rsud_kec[] = {
	{ "Tanah Abang", NULL }, { "Kemayoran", NULL }, { "Cempaka Putih", NULL },
	{ "Johar Baru", NULL }, { "Sawah Besar", NULL }, { "Tanjung Priok", NULL },
	{ "Pademangan", NULL }, { "Cilincing", NULL }, { "Kalideres", NULL },
	{ "Kembangan", NULL }, { "Taman Sari", NULL }, { "Pesanggrahan", NULL },
	{ "Kebayoran Lama", NULL }, { "Kebayoran Baru", NULL }, { "Mampang Prapatan", NULL },
	{ "Jagakarsa", NULL }, { "Pasar Rebo", NULL }, { "Kramat Jati", NULL },
	{ "Ciracas", NULL }, { "Cipayung", NULL }, { "Matraman", NULL }, { "Jatinegara", NULL },
	{ "Cakung", NULL }, { "Kepulauan Seribu Utara", "Kepulauan Seribu" },
};

#define DEMO_RSUD_BIG_N (sizeof demo_rsud_big / sizeof demo_rsud_big[0])
#define DEMO_RSUD_KEC_N (sizeof demo_rsud_kec / sizeof demo_rsud_kec[0])

/* Reference head counts of the units built below. */
enum {
	BASE_SEKRET = 14, BASE_SUBBAG = 10, BASE_SUDIN_TU = 9, BASE_SUDIN_SEKSI = 10,
	BASE_BIRO = 35, BASE_BIRO_BAGIAN = 14,
	BASE_KOTA = 140, BASE_KAB = 90, BASE_KOTA_BAGIAN = 18, BASE_KEC = 40, BASE_KEL = 17,
	BASE_SD = 11, BASE_SMP = 30, BASE_SMA = 36, BASE_SMK = 40,
	BASE_RSUD_BIG = 450, BASE_RSUD_KEC = 90, BASE_PKC = 55, BASE_PKL = 9,
	BASE_SEKTOR = 30, BASE_POS = 12, BASE_SATPOL_KEC = 28, BASE_CAPIL_KEC = 10,
	BASE_UPPRD = 18,
};

/* ------------------------------------------------------------------ */
/* Pass 1: build the unit tree at the reference size. */

/* The root: the provincial government, which has no staff of its own, so
 * the heads of its children report to the Sekretaris Daerah. */
static void demo_build_root(struct demo_gen *g)
{
	int r = demo_add(g, -1, "lainnya", NULL, 0);
	demo_code(g, r, "PEMPROV-DKI");
	demo_name(g, r, "Pemerintah Provinsi DKI Jakarta");
	g->u[r].lat = BALAI_KOTA_LAT;
	g->u[r].lon = BALAI_KOTA_LON;
	g->u[r].radius_m = 200;
	g->u[r].essential = true;
	g->root = r;
}

static int demo_build_opd_office(struct demo_gen *g, const struct demo_opd *o)
{
	int i = demo_add(g, g->root, o->kind, o->office, o->base);
	struct demo_unit *u = &g->u[i];
	if (o->head != NULL)
		demo_fmt(u->head, sizeof u->head, "%s", o->head);
	demo_code(g, i, "%s", o->code);
	demo_name(g, i, "%s", o->name);
	u->lat = o->lat;
	u->lon = o->lon;
	u->radius_m = (o->flags & OPD_BIG) ? 200 : 100;
	u->hours = (o->flags & OPD_F2F) ? HOURS_OFFICE : HOURS_NONE;
	u->essential = (o->flags & OPD_ESSENTIAL) != 0;
	u->min_staff = u->essential ? DEMO_ESSENTIAL_STAFF : 1;
	u->mark = o->mark;
	return i;
}

/* Sekretariat with its two subbagian. */
static void demo_build_sekretariat(struct demo_gen *g, int opd, const struct demo_opd *o)
{
	static const char *const subbagian[] = {
		"Subbagian Umum dan Kepegawaian", "Subbagian Keuangan",
	};
	int s = demo_add(g, opd, "bagian", o->office, BASE_SEKRET);
	demo_fmt(g->u[s].head, sizeof g->u[s].head, "Sekretaris %s", o->name);
	demo_code(g, s, "%s-SEKRET", o->code);
	demo_name(g, s, "Sekretariat %s", o->name);
	for (unsigned i = 0; i < 2; i++) {
		int b = demo_add(g, s, "subbagian", o->office, BASE_SUBBAG);
		demo_code(g, b, "%s-SEKRET-%u", o->code, i + 1);
		demo_name(g, b, "%s %s", subbagian[i], o->name);
	}
}

static void demo_build_bidang(struct demo_gen *g, int opd, const struct demo_opd *o)
{
	const char *kind = o->bidang_kind != NULL ? o->bidang_kind : "bidang";
	for (unsigned i = 0; o->bidang != NULL && o->bidang[i] != NULL; i++) {
		int b = demo_add(g, opd, kind, o->tech, o->bidang_base);
		demo_code(g, b, "%s-B%u", o->code, i + 1);
		demo_name(g, b, "%s", o->bidang[i]);
		if (i == 0 && (o->flags & OPD_ATASAN)) {
			g->u[b].essential = true;
			g->u[b].min_staff = 2; /* the Kepala Bidang and a Perencana Ahli Muda */
			g->u[b].mark = MARK_ATASAN;
		}
	}
}

/* Below a suku unit: a Subbagian Tata Usaha and a seksi for each of the
 * first two bidang of its perangkat daerah ("Bidang X" -> "Seksi X"). */
static void demo_build_suku_parts(struct demo_gen *g, int s, const struct demo_opd *o)
{
	char code[ORG_CODE_MAX + 1], name[ORG_NAME_MAX + 1];
	demo_fmt(code, sizeof code, "%s", g->u[s].code);
	demo_fmt(name, sizeof name, "%s", g->u[s].name);
	int tu = demo_add(g, s, "subbagian", o->office, BASE_SUDIN_TU);
	demo_code(g, tu, "%s-TU", code);
	demo_name(g, tu, "Subbagian Tata Usaha %s", name);
	for (unsigned i = 0; i < 2 && o->bidang != NULL && o->bidang[i] != NULL; i++) {
		const char *topic = o->bidang[i];
		if (strncmp(topic, "Bidang ", 7) == 0)
			topic += 7;
		int x = demo_add(g, s, "seksi", o->tech, BASE_SUDIN_SEKSI);
		demo_code(g, x, "%s-S%u", code, i + 1);
		demo_name(g, x, "Seksi %s %s", topic, name);
	}
}

/* One suku unit of o in kota k, housed in the kantor wali kota. */
static int demo_build_suku(struct demo_gen *g, int opd, const struct demo_opd *o, unsigned k,
	const char *code, const char *name)
{
	const char *kind = o->sudin_kind;
	if (kind == NULL)
		kind = strcmp(o->kind, "badan") == 0 ? "suku_badan" : "suku_dinas";
	int s = demo_add(g, opd, kind, o->tech, o->sudin_base);
	struct demo_unit *u = &g->u[s];
	u->head_kind = "administrator";
	if (o->sudin_head != NULL)
		demo_fmt(u->head, sizeof u->head, "%s %s", o->sudin_head, demo_kota[k].full);
	demo_code(g, s, "%s", code);
	demo_name(g, s, "%s", name);
	demo_place(g, s, demo_kota[k].lat, demo_kota[k].lon, 0.0015);
	u->radius_m = 200;
	u->hours = (o->flags & OPD_SUDIN_F2F) ? HOURS_OFFICE : HOURS_NONE;
	if (!(o->flags & OPD_SUDIN_PLAIN))
		demo_build_suku_parts(g, s, o);
	return s;
}

/* The suku units of o, one per kota; sudin[k] is -1 where there is none. */
static void demo_build_sudin(struct demo_gen *g, int opd, const struct demo_opd *o, int *sudin)
{
	for (unsigned k = 0; k < DEMO_KOTA_N; k++)
		sudin[k] = -1;
	for (unsigned k = 0; o->sudin != NULL && k < o->sudin_n; k++) {
		char code[ORG_CODE_MAX + 1], name[ORG_NAME_MAX + 1];
		demo_fmt(code, sizeof code, "%s-%s", o->code, demo_kota[k].slug);
		demo_fmt(name, sizeof name, "%s %s", o->sudin, demo_kota[k].full);
		sudin[k] = demo_build_suku(g, opd, o, k, code, name);
		demo_group(g, sudin[k], k, o->sudin_n);
	}
}

static void demo_build_upt(struct demo_gen *g, int opd, const struct demo_opd *o)
{
	for (const struct demo_upt *p = o->upt; p != NULL && p->code != NULL; p++) {
		int i = demo_add(g, opd, "upt", p->roles != NULL ? p->roles : o->tech, p->base);
		demo_code(g, i, "%s", p->code);
		demo_name(g, i, "%s", p->name);
		g->u[i].lat = p->lat;
		g->u[i].lon = p->lon;
		g->u[i].hours = p->hours;
		g->u[i].radius_m = p->base >= 100 ? 200 : 100;
	}
}

static void demo_build_opd(struct demo_gen *g, const struct demo_opd *o)
{
	int sudin[DEMO_KOTA_N];
	int opd = demo_build_opd_office(g, o);
	if (!(o->flags & OPD_NO_SEKRET))
		demo_build_sekretariat(g, opd, o);
	demo_build_bidang(g, opd, o);
	demo_build_sudin(g, opd, o, sudin);
	demo_build_upt(g, opd, o);
	if (o->extra != NULL)
		o->extra(g, opd, o, sudin);
}

static void demo_setda_extra(struct demo_gen *g, int opd, const struct demo_opd *o,
	const int *sudin)
{
	(void)sudin;
	for (size_t i = 0; i < sizeof demo_biros / sizeof demo_biros[0]; i++) {
		const struct demo_biro *b = &demo_biros[i];
		int u = demo_add(g, opd, "biro", o->tech, BASE_BIRO);
		demo_code(g, u, "SETDA-%s", b->slug);
		demo_name(g, u, "%s", b->name);
		g->u[u].deputy = b->deputy;
		for (unsigned j = 0; j < 3; j++) {
			int x = demo_add(g, u, "bagian", o->tech, BASE_BIRO_BAGIAN);
			demo_code(g, x, "SETDA-%s-%u", b->slug, j + 1);
			demo_name(g, x, "%s", b->bagian[j]);
		}
	}
}

/* A unit that serves one kecamatan (a sektor, a puskesmas, a counter). */
struct demo_kec_unit {
	const char *kind;
	const char *code;      /* prefix: "<code>-<KECAMATAN>" */
	const char *name;      /* prefix: "<name> Kecamatan <Kecamatan>" */
	const struct demo_role *roles;
	unsigned base;
	unsigned char hours;
	unsigned char female;  /* of the head */
	unsigned char deg;     /* of the head */
};

static const struct demo_kec_unit demo_ku_sektor = {
	"seksi", "SEKTOR", "Sektor Penanggulangan Kebakaran dan Penyelamatan", demo_r_damkar,
	BASE_SEKTOR, HOURS_NONE, 5, DEG_MGR };
static const struct demo_kec_unit demo_ku_satpol = {
	"seksi", "POLPP", "Satuan Polisi Pamong Praja", demo_r_satpol, BASE_SATPOL_KEC,
	HOURS_NONE, 15, DEG_MGR };
static const struct demo_kec_unit demo_ku_capil = {
	"seksi", "CAPIL", "Satuan Pelaksana Kependudukan dan Pencatatan Sipil", demo_r_capil,
	BASE_CAPIL_KEC, HOURS_OFFICE, 50, DEG_MGR };
static const struct demo_kec_unit demo_ku_upprd = {
	"upt", "UPPRD", "Unit Pelayanan Pajak dan Retribusi Daerah", demo_r_bapenda, BASE_UPPRD,
	HOURS_OFFICE, 40, DEG_MGR };
static const struct demo_kec_unit demo_ku_pkc = {
	"puskesmas", "PKC", "Puskesmas", demo_r_pkm, BASE_PKC, HOURS_PUSKESMAS, 65, DEG_DR };

static int demo_add_kec_unit(struct demo_gen *g, int parent, const struct demo_kec_unit *t,
	size_t kec, unsigned gi, unsigned gn)
{
	char slug[ORG_CODE_MAX + 1];
	demo_slug(slug, sizeof slug, demo_kec[kec].name);
	int i = demo_add(g, parent, t->kind, t->roles, t->base);
	demo_code(g, i, "%s-%s", t->code, slug);
	demo_name(g, i, "%s Kecamatan %s", t->name, demo_kec[kec].name);
	demo_place(g, i, demo_kec[kec].lat, demo_kec[kec].lon, 0.002);
	g->u[i].hours = t->hours;
	g->u[i].head_female = t->female;
	g->u[i].head_deg = t->deg;
	demo_group(g, i, gi, gn);
	return i;
}

/* One unit of template t for every kecamatan of kota k, under parent. */
static void demo_per_kec(struct demo_gen *g, int parent, unsigned k,
	const struct demo_kec_unit *t)
{
	size_t first = 0;
	unsigned n = demo_kec_of_kota(k, &first);
	for (unsigned i = 0; i < n; i++)
		demo_add_kec_unit(g, parent, t, first + i, i, n);
}

static void demo_satpol_extra(struct demo_gen *g, int opd, const struct demo_opd *o,
	const int *sudin)
{
	(void)opd;
	(void)o;
	for (unsigned k = 0; k < DEMO_KOTA_N; k++)
		if (sudin[k] >= 0)
			demo_per_kec(g, sudin[k], k, &demo_ku_satpol);
}

static void demo_capil_extra(struct demo_gen *g, int opd, const struct demo_opd *o,
	const int *sudin)
{
	(void)opd;
	(void)o;
	for (unsigned k = 0; k < DEMO_KOTA_N; k++)
		if (sudin[k] >= 0)
			demo_per_kec(g, sudin[k], k, &demo_ku_capil);
}

static void demo_bapenda_extra(struct demo_gen *g, int opd, const struct demo_opd *o,
	const int *sudin)
{
	(void)opd;
	(void)o;
	for (unsigned k = 0; k < DEMO_KOTA_N; k++)
		if (sudin[k] >= 0)
			demo_per_kec(g, sudin[k], k, &demo_ku_upprd);
}

/* A unit in kelurahan j of kecamatan kec: code "<code>-<KELURAHAN>". */
static int demo_add_kel_unit(struct demo_gen *g, int parent, const char *kind,
	const struct demo_role *roles, unsigned base, size_t kec, unsigned j, const char *code)
{
	char slug[ORG_CODE_MAX + 1];
	double lat, lon;
	demo_slug(slug, sizeof slug, demo_kec[kec].kel[j]);
	int i = demo_add(g, parent, kind, roles, base);
	demo_code(g, i, "%s-%s", code, slug);
	demo_kel_place(kec, j, &lat, &lon);
	demo_place(g, i, lat, lon, 0.003);
	return i;
}

/* A sektor in every kecamatan and a pos in every other kelurahan. */
static void demo_damkar_extra(struct demo_gen *g, int opd, const struct demo_opd *o,
	const int *sudin)
{
	(void)opd;
	(void)o;
	for (unsigned k = 0; k < DEMO_KOTA_N; k++) {
		size_t first = 0;
		unsigned n = demo_kec_of_kota(k, &first);
		for (unsigned i = 0; i < n && sudin[k] >= 0; i++) {
			size_t kec = first + i;
			int s = demo_add_kec_unit(g, sudin[k], &demo_ku_sektor, kec, i, n);
			unsigned nk = demo_kel_count(kec);
			for (unsigned j = 0; j < nk; j += 2) {
				int p = demo_add_kel_unit(g, s, "lainnya", demo_r_damkar, BASE_POS, kec,
					j, "POS");
				demo_fmt(g->u[p].head, sizeof g->u[p].head, "Analis Kebakaran Penyelia");
				g->u[p].head_kind = "fungsional";
				g->u[p].head_deg = DEG_NONE;
				g->u[p].head_female = 5;
				demo_name(g, p, "Pos Pemadam Kebakaran %s", demo_kec[kec].kel[j]);
				demo_group(g, p, j / 2, (nk + 1) / 2);
			}
		}
	}
}

/* A puskesmas in every kecamatan and, below it, one in every kelurahan. */
static void demo_build_puskesmas(struct demo_gen *g, int sudin, unsigned k)
{
	size_t first = 0;
	unsigned n = demo_kec_of_kota(k, &first);
	for (unsigned i = 0; i < n; i++) {
		size_t kec = first + i;
		int c = demo_add_kec_unit(g, sudin, &demo_ku_pkc, kec, i, n);
		unsigned nk = demo_kel_count(kec);
		for (unsigned j = 0; j < nk; j++) {
			int p = demo_add_kel_unit(g, c, "puskesmas", demo_r_pkm, BASE_PKL, kec, j, "PKL");
			demo_name(g, p, "Puskesmas Kelurahan %s", demo_kec[kec].kel[j]);
			g->u[p].hours = HOURS_PUSKESMAS;
			g->u[p].head_deg = DEG_DR;
			g->u[p].head_female = 65;
			demo_group(g, p, j, nk);
		}
	}
}

static void demo_build_rsud(struct demo_gen *g, int opd)
{
	for (size_t i = 0; i < DEMO_RSUD_BIG_N; i++) {
		const struct demo_rsud *r = &demo_rsud_big[i];
		int h = demo_add(g, opd, "rsud", demo_r_rsud, BASE_RSUD_BIG);
		demo_fmt(g->u[h].head, sizeof g->u[h].head, "Direktur %s", r->name);
		demo_code(g, h, "RSUD-%s", r->slug);
		demo_name(g, h, "%s", r->name);
		g->u[h].lat = r->lat;
		g->u[h].lon = r->lon;
		g->u[h].radius_m = 200;
		g->u[h].hours = HOURS_RSUD;
		g->u[h].head_deg = DEG_DR;
	}
	for (size_t i = 0; i < DEMO_RSUD_KEC_N; i++) {
		const struct demo_rsud_small *r = &demo_rsud_kec[i];
		const char *name = r->name != NULL ? r->name : r->kec;
		char slug[ORG_CODE_MAX + 1];
		size_t kec = demo_kec_find(r->kec);
		int h = demo_add(g, opd, "rsud", demo_r_rsud, BASE_RSUD_KEC);
		demo_fmt(g->u[h].head, sizeof g->u[h].head, "Direktur RSUD %s", name);
		demo_slug(slug, sizeof slug, name);
		demo_code(g, h, "RSUD-%s", slug);
		demo_name(g, h, "RSUD %s", name);
		demo_place(g, h, demo_kec[kec].lat, demo_kec[kec].lon, 0.006);
		g->u[h].hours = HOURS_RSUD;
		g->u[h].head_deg = DEG_DR;
		demo_group(g, h, (unsigned)i, DEMO_RSUD_KEC_N);
	}
}

static void demo_dinkes_extra(struct demo_gen *g, int opd, const struct demo_opd *o,
	const int *sudin)
{
	(void)o;
	demo_build_rsud(g, opd);
	for (unsigned k = 0; k < DEMO_KOTA_N; k++)
		if (sudin[k] >= 0)
			demo_build_puskesmas(g, sudin[k], k);
}

/* Number of SD Negeri in a kelurahan (3 to 7), fixed per kelurahan. */
static unsigned demo_sd_count(size_t kec, unsigned j)
{
	return 3 + (unsigned)(demo_hash01(0x5D000000ULL + demo_kel_first(kec) + j) * 5);
}

static void demo_school_head(struct demo_gen *g, int i)
{
	demo_fmt(g->u[i].head, sizeof g->u[i].head, "Kepala Sekolah");
	g->u[i].head_deg = DEG_EDU;
	g->u[i].head_female = 60;
}

/* The SD Negeri of kecamatan a..b-1, named after their kelurahan. */
static void demo_build_sd(struct demo_gen *g, int sudin, size_t a, size_t b)
{
	unsigned total = 0, gi = 0;
	for (size_t kec = a; kec < b; kec++)
		for (unsigned j = 0; j < demo_kel_count(kec); j++)
			total += demo_sd_count(kec, j);
	for (size_t kec = a; kec < b; kec++) {
		for (unsigned j = 0; j < demo_kel_count(kec); j++) {
			for (unsigned s = 1; s <= demo_sd_count(kec, j); s++) {
				char code[ORG_CODE_MAX + 1];
				int i = demo_add_kel_unit(g, sudin, "sekolah", demo_r_sd, BASE_SD, kec, j,
					"SDN");
				demo_school_head(g, i);
				demo_fmt(code, sizeof code, "%s-%02u", g->u[i].code, s);
				demo_code(g, i, "%s", code);
				demo_name(g, i, "SD Negeri %s %02u", demo_kec[kec].kel[j], s);
				demo_group(g, i, gi++, total);
			}
		}
	}
}

struct demo_secondary {
	const char *code, *name;
	unsigned base;
	unsigned per9;   /* schools per 9 kelurahan of a kecamatan */
};

static const struct demo_secondary demo_secondaries[3] = {
	{ "SMPN", "SMP Negeri", BASE_SMP, 9 },
	{ "SMAN", "SMA Negeri", BASE_SMA, 4 },
	{ "SMKN", "SMK Negeri", BASE_SMK, 2 },
};

static unsigned demo_secondary_count(size_t kec, unsigned t)
{
	unsigned n = (demo_kel_count(kec) * demo_secondaries[t].per9 + 5) / 9;
	return n > 0 ? n : 1;
}

/* The SMP, SMA or SMK Negeri (t = 0, 1, 2) of kecamatan a..b-1, numbered
 * across Jakarta, each in one of the kecamatan's kelurahan. */
static void demo_build_secondary(struct demo_gen *g, int sudin, size_t a, size_t b, unsigned t)
{
	const struct demo_secondary *s = &demo_secondaries[t];
	unsigned total = 0, gi = 0;
	for (size_t kec = a; kec < b; kec++)
		total += demo_secondary_count(kec, t);
	for (size_t kec = a; kec < b; kec++) {
		for (unsigned x = 0; x < demo_secondary_count(kec, t); x++) {
			unsigned no = ++g->school_no[t];
			unsigned j = x % demo_kel_count(kec);
			double lat, lon;
			int i = demo_add(g, sudin, "sekolah", demo_r_smp, s->base);
			demo_school_head(g, i);
			demo_code(g, i, "%s-%03u", s->code, no);
			demo_name(g, i, "%s %u Jakarta", s->name, no);
			demo_kel_place(kec, j, &lat, &lon);
			demo_place(g, i, lat, lon, 0.004);
			demo_group(g, i, gi++, total);
		}
	}
}

/* Suku Dinas Pendidikan: two wilayah in each kota, one in Kepulauan
 * Seribu, each with the schools of its half of the kecamatan. */
static void demo_disdik_extra(struct demo_gen *g, int opd, const struct demo_opd *o,
	const int *sudin)
{
	static const char *const roman[] = { "I", "II" };
	(void)sudin;
	unsigned gi = 0;
	for (unsigned k = 0; k < DEMO_KOTA_N; k++) {
		const struct demo_kota *kt = &demo_kota[k];
		size_t first = 0;
		unsigned n = demo_kec_of_kota(k, &first);
		unsigned parts = kt->kabupaten ? 1 : 2;
		for (unsigned w = 0; w < parts; w++) {
			char code[ORG_CODE_MAX + 1], name[ORG_NAME_MAX + 1];
			size_t a = first + n * w / parts, b = first + n * (w + 1) / parts;
			if (parts == 1) {
				demo_fmt(code, sizeof code, "%s-%s", o->code, kt->slug);
				demo_fmt(name, sizeof name, "Suku Dinas Pendidikan %s", kt->full);
			} else {
				demo_fmt(code, sizeof code, "%s-%s-%u", o->code, kt->slug, w + 1);
				demo_fmt(name, sizeof name, "Suku Dinas Pendidikan Wilayah %s %s",
					roman[w], kt->full);
			}
			int s = demo_build_suku(g, opd, o, k, code, name);
			demo_group(g, s, gi++, 2 * DEMO_KOTA_N - 1);
			demo_build_sd(g, s, a, b);
			for (unsigned t = 0; t < 3; t++)
				demo_build_secondary(g, s, a, b, t);
		}
	}
}

static void demo_build_kelurahan(struct demo_gen *g, int kec_unit, size_t kec)
{
	unsigned nk = demo_kel_count(kec);
	for (unsigned j = 0; j < nk; j++) {
		const char *name = demo_kec[kec].kel[j];
		double lat, lon;
		int l = demo_add(g, kec_unit, "kelurahan", demo_r_kel, BASE_KEL);
		char slug[ORG_CODE_MAX + 1];
		demo_slug(slug, sizeof slug, name);
		demo_fmt(g->u[l].head, sizeof g->u[l].head, "Lurah %s", name);
		demo_code(g, l, "KEL-%s", slug);
		demo_name(g, l, "Kelurahan %s", name);
		demo_kel_place(kec, j, &lat, &lon);
		g->u[l].lat = lat;
		g->u[l].lon = lon;
		g->u[l].hours = HOURS_OFFICE;
		g->u[l].head_deg = DEG_ADM;
		g->u[l].head_female = 40;
		demo_group(g, l, j, nk);
	}
}

static void demo_build_kecamatan(struct demo_gen *g, int kota, size_t kec, unsigned gi,
	unsigned gn)
{
	const char *name = demo_kec[kec].name;
	char slug[ORG_CODE_MAX + 1];
	demo_slug(slug, sizeof slug, name);
	int c = demo_add(g, kota, "kecamatan", demo_r_kec, BASE_KEC);
	demo_fmt(g->u[c].head, sizeof g->u[c].head, "Camat %s", name);
	demo_code(g, c, "KEC-%s", slug);
	demo_name(g, c, "Kecamatan %s", name);
	g->u[c].lat = demo_kec[kec].lat;
	g->u[c].lon = demo_kec[kec].lon;
	g->u[c].hours = HOURS_OFFICE;
	demo_group(g, c, gi, gn);
	demo_build_kelurahan(g, c, kec);
}

/* A kota (or the kabupaten) with the bagian of its secretariat, which
 * report to the Sekretaris Kota, and its kecamatan, whose camat report to
 * the wali kota. */
static void demo_build_kota(struct demo_gen *g, unsigned k)
{
	static const char *const bagian[] = {
		"Bagian Pemerintahan", "Bagian Hukum", "Bagian Perekonomian dan Pembangunan",
		"Bagian Kesejahteraan Rakyat", "Bagian Umum dan Protokol",
	};
	const struct demo_kota *kt = &demo_kota[k];
	int c = demo_add(g, g->root, kt->kabupaten ? "kabupaten" : "kota",
		kt->kabupaten ? demo_r_kab : demo_r_kota, kt->kabupaten ? BASE_KAB : BASE_KOTA);
	demo_fmt(g->u[c].head, sizeof g->u[c].head, "%s", kt->head);
	demo_code(g, c, "%s-%s", kt->kabupaten ? "KAB" : "KOTA", kt->slug);
	demo_name(g, c, "%s", kt->full);
	g->u[c].lat = kt->lat;
	g->u[c].lon = kt->lon;
	g->u[c].radius_m = 200;
	demo_group(g, c, k, DEMO_KOTA_N);
	for (unsigned i = 0; i < sizeof bagian / sizeof bagian[0]; i++) {
		int b = demo_add(g, c, "bagian", demo_r_office, BASE_KOTA_BAGIAN);
		demo_code(g, b, "%s-%s-%u", kt->kabupaten ? "KAB" : "KOTA", kt->slug, i + 1);
		demo_name(g, b, "%s %s", bagian[i], kt->full);
		g->u[b].deputy = 2; /* the Sekretaris Kota (or Kabupaten) */
	}
	size_t first = 0;
	unsigned n = demo_kec_of_kota(k, &first);
	for (unsigned i = 0; i < n; i++)
		demo_build_kecamatan(g, c, first + i, i, n);
}

static void demo_build(struct demo_gen *g)
{
	demo_build_root(g);
	for (size_t i = 0; i < DEMO_OPD_N; i++)
		demo_build_opd(g, &demo_opds[i]);
	for (unsigned k = 0; k < DEMO_KOTA_N; k++)
		demo_build_kota(g, k);
}

/* ------------------------------------------------------------------ */
/* Pass 2: scale the tree to the requested head count. */

static void demo_subtrees(struct demo_gen *g)
{
	for (size_t i = 0; i < g->n; i++)
		g->u[i].subtree = g->u[i].base;
	for (size_t i = g->n; i-- > 1;)
		g->u[g->u[i].parent].subtree += g->u[i].subtree;
}

/* Member of a repeated group expecting `expect` people below and in it:
 * when expect falls short of DEMO_KEEP_MIN, keep about frac = expect /
 * DEMO_KEEP_MIN of the gn members, evenly spread, and let each kept one
 * stand for 1 / frac of them. The count k = floor(gn * frac + h) rounds at
 * random, with h fixed per group, so that many small groups keep the right
 * total (some keep one member, some none) rather than one each. Member gi
 * is kept when (gi * k) mod gn < k, which holds for exactly k members. */
static void demo_thin_member(struct demo_unit *u, double expect)
{
	double frac = expect / DEMO_KEEP_MIN;
	if (frac >= 1.0) {
		u->kept = true;
		return;
	}
	uint64_t group = (uint64_t)u->parent * 1000003u + (uint64_t)u->gn * 1009u + u->base;
	double h = demo_hash01(group ^ 0xA5A5A5A5ULL);
	unsigned k = (unsigned)floor(u->gn * frac + h);
	if (k > u->gn)
		k = u->gn;
	u->kept = (unsigned long)u->gi * k % u->gn < k;
	u->mult /= frac;
}

/* Decide which units exist when each reference person counts f. Parents
 * are decided before their children (array order). */
static void demo_thin(struct demo_gen *g, double f)
{
	for (size_t i = 0; i < g->n; i++) {
		struct demo_unit *u = &g->u[i];
		const struct demo_unit *p = u->parent >= 0 ? &g->u[u->parent] : NULL;
		u->mult = p != NULL ? p->mult : 1.0;
		u->kept = false;
		if (p != NULL && !p->kept)
			continue;
		double expect = f * u->subtree * u->mult;
		if (u->essential)
			u->kept = true;
		else if (u->gn == 0)
			u->kept = expect >= DEMO_KEEP_MIN;
		else
			demo_thin_member(u, expect);
	}
}

static long demo_min_staff(const struct demo_unit *u)
{
	return u->min_staff > 1 ? u->min_staff : 1;
}

/* Share target among the kept units: each gets its minimum (its head),
 * and the rest goes by (base - 1) * mult, rounded on the running total so
 * the shares add up to target exactly. */
static void demo_allocate(struct demo_gen *g, long target)
{
	double weight = 0.0;
	long mins = 0;
	for (size_t i = 0; i < g->n; i++) {
		struct demo_unit *u = &g->u[i];
		u->staff = 0;
		if (!u->kept || u->base == 0)
			continue;
		weight += (u->base - 1) * u->mult;
		mins += demo_min_staff(u);
	}
	long rest = target > mins ? target - mins : 0;
	double acc = 0.0;
	long given = 0;
	for (size_t i = 0; i < g->n; i++) {
		struct demo_unit *u = &g->u[i];
		if (!u->kept || u->base == 0)
			continue;
		acc += (u->base - 1) * u->mult;
		long upto = weight > 0.0 ? (long)floor(acc / weight * (double)rest + 0.5) : 0;
		if (upto > rest)
			upto = rest;
		u->staff = demo_min_staff(u) + upto - given;
		given = upto;
	}
}

static void demo_plan(struct demo_gen *g, long target)
{
	demo_subtrees(g);
	demo_thin(g, (double)target / g->u[g->root].subtree);
	demo_allocate(g, target);
}

/* ------------------------------------------------------------------ */
/* NIP uniqueness (see struct demo_nipset). */

static void demo_nipset_init(struct demo_nipset *s, long people)
{
	size_t want = (size_t)people / 2 * 3 + 8192, cap = 1024;
	while (cap < want)
		cap *= 2;
	s->slot = xcalloc(cap, sizeof s->slot[0]);
	s->mask = (uint32_t)(cap - 1);
}

/* The next sequence number (1..31) for a NIP prefix key (< 2^27), or 0 when
 * 31 are taken and the caller must draw another prefix. */
static unsigned demo_nipset_next(struct demo_nipset *s, uint32_t key)
{
	uint32_t h = (key * 2654435761u) & s->mask;
	for (;; h = (h + 1) & s->mask) {
		uint32_t v = s->slot[h];
		if (v == 0) {
			s->slot[h] = key << 5 | 1;
			return 1;
		}
		if (v >> 5 != key)
			continue;
		if ((v & 31) == 31)
			return 0;
		s->slot[h] = v + 1;
		return (v & 31) + 1;
	}
}

/* ------------------------------------------------------------------ */
/* One person: employment, career dates, NIP, golongan, name, domicile. */

enum demo_emp { EMP_PNS, EMP_CPNS, EMP_PPPK };

static const char *const demo_emp_names[] = { "pns", "cpns", "pppk" };

/* What a position asks of whoever holds it. */
struct demo_spec {
	const char *position;
	const char *kind;
	enum demo_grade_id grade;
	unsigned pppk, female, deg;
};

struct demo_person {
	char nip[ORG_NIP_LEN + 1];
	char name[ORG_NAME_MAX + 1];
	char appointed[11];
	const char *golongan;
	enum demo_emp emp;
	bool female;
	long birth;                 /* day number */
	int start_year, start_month, batch;
	double lat, lon;
};

static struct demo_spec demo_spec_of_role(const struct demo_role *r)
{
	struct demo_spec s = { r->position, r->kind, demo_grade_of(r->kind, r->position),
		r->pppk, r->female, r->deg };
	return s;
}

static enum demo_emp demo_pick_employment(struct demo_rng *r, const struct demo_spec *s)
{
	const struct demo_grade *gr = &demo_grades[s->grade];
	if (gr->managerial)
		return EMP_PNS;
	if (demo_chance(r, s->pppk))
		return EMP_PPPK;
	if (gr->entry && demo_chance(r, DEMO_CPNS_PCT))
		return EMP_CPNS;
	return EMP_PNS;
}

/* Birth date, start (CPNS month, or PPPK year and batch). A PNS started
 * within the years of their grade, aged 20 to 30; a CPNS in 2024-2025; a
 * PPPK in 2019-2025, often older (many were contract staff first). Nobody
 * is born before DEMO_BIRTH_YEAR_MIN, so nobody is past retirement. */
static void demo_pick_career(struct demo_rng *r, const struct demo_spec *s, struct demo_person *p)
{
	const struct demo_grade *gr = &demo_grades[s->grade];
	int age;
	if (p->emp == EMP_CPNS) {
		p->start_year = demo_between(r, 2024, 2025);
		age = demo_between(r, 21, 33);
	} else if (p->emp == EMP_PPPK) {
		p->start_year = demo_between(r, 2019, 2025);
		age = demo_between(r, 23, 45);
	} else {
		p->start_year = demo_between(r, gr->start_lo, gr->start_hi);
		age = demo_between(r, 20, 30);
	}
	p->start_month = demo_between(r, 1, 12);
	p->batch = p->emp == EMP_PPPK ? demo_between(r, 1, 3) : 0;
	int birth_year = p->start_year - age;
	if (birth_year < DEMO_BIRTH_YEAR_MIN)
		birth_year = DEMO_BIRTH_YEAR_MIN + demo_between(r, 0, 2);
	p->birth = demo_day_in_year(r, birth_year);
}

/* The uniqueness key of a NIP without its sequence (see demo_nipset):
 * bit 26 the kind, then birth day, start and gender. */
static uint32_t demo_nip_key(const struct demo_person *p)
{
	uint32_t day = (uint32_t)(p->birth - demo_days(DEMO_EPOCH_YEAR, 1, 1));
	uint32_t gender = p->female ? 1 : 0;
	if (p->emp == EMP_PPPK)
		return 1u << 26 | day << 9 | (uint32_t)(p->start_year - 2015) << 5 |
			(uint32_t)p->batch << 1 | gender;
	uint32_t month = (uint32_t)((p->start_year - 1975) * 12 + p->start_month - 1);
	return day << 11 | month << 1 | gender;
}

/* Write v as exactly n decimal digits. */
static char *demo_digits(char *dst, unsigned v, int n)
{
	for (int i = n - 1; i >= 0; i--) {
		dst[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return dst + n;
}

/* Draw a career whose NIP prefix still has a free sequence number, and
 * write the 18-digit NIP (RULES.md section 6). */
static void demo_make_nip(struct demo_gen *g, const struct demo_spec *s, struct demo_person *p)
{
	unsigned seq;
	do {
		demo_pick_career(&g->rng, s, p);
		seq = demo_nipset_next(&g->nips, demo_nip_key(p));
	} while (seq == 0);
	int y, m, d;
	demo_civil(p->birth, &y, &m, &d);
	char *c = demo_digits(p->nip, (unsigned)y, 4);
	c = demo_digits(c, (unsigned)m, 2);
	c = demo_digits(c, (unsigned)d, 2);
	c = demo_digits(c, (unsigned)p->start_year, 4);
	if (p->emp == EMP_PPPK) {
		*c++ = '2';
		c = demo_digits(c, (unsigned)p->batch, 1);
	} else {
		c = demo_digits(c, (unsigned)p->start_month, 2);
	}
	c = demo_digits(c, p->female ? 2 : 1, 1);
	c = demo_digits(c, seq, 3);
	*c = '\0';
}

/* PPPK: the grade's level. CPNS: the entry golongan. PNS: one step up the
 * grade's range for every seven years or so of service. Pelaksana enter at
 * II/a, II/c or III/a by schooling. */
static void demo_pick_golongan(struct demo_rng *r, const struct demo_spec *s, struct demo_person *p)
{
	const struct demo_grade *gr = &demo_grades[s->grade];
	if (p->emp == EMP_PPPK) {
		unsigned i = gr->pppk + (s->grade == GR_PELAKSANA ? demo_below(r, 3) : 0);
		p->golongan = demo_gol_pppk[i];
		return;
	}
	unsigned lo = gr->gol_lo, hi = gr->gol_hi;
	if (s->grade == GR_PELAKSANA) {
		lo = 4 + 2 * demo_below(r, 3);
		hi = lo + 3;
	}
	if (p->emp == EMP_CPNS) {
		p->golongan = demo_gol_pns[lo];
		return;
	}
	unsigned step = (unsigned)(DEMO_END_YEAR - p->start_year + (int)demo_below(r, 6)) / 7;
	p->golongan = demo_gol_pns[lo + (step < hi - lo ? step : hi - lo)];
}

/* TMT jabatan: a CPNS on the start date; others between the start and
 * DEMO_END, within the last 6 years for managers and 14 for staff. */
static void demo_pick_appointed(struct demo_rng *r, const struct demo_spec *s,
	struct demo_person *p)
{
	long end = demo_days(DEMO_END_YEAR, DEMO_END_MONTH, DEMO_END_DAY);
	long start = demo_days(p->start_year, p->start_month, 1);
	long day = start;
	if (p->emp != EMP_CPNS) {
		long span = demo_grades[s->grade].managerial ? 6 * 365 : 14 * 365;
		long lo = start > end - span ? start : end - span;
		day = lo + (long)demo_below(r, (uint32_t)(end - lo + 1));
	}
	int y, m, d;
	demo_civil(day, &y, &m, &d);
	char *c = demo_digits(p->appointed, (unsigned)y, 4);
	*c++ = '-';
	c = demo_digits(c, (unsigned)m, 2);
	*c++ = '-';
	c = demo_digits(c, (unsigned)d, 2);
	*c = '\0';
}

static const char *demo_pick(struct demo_rng *r, const struct demo_list *l)
{
	return l->v[demo_below(r, l->n)];
}

static const struct demo_ethnic *demo_pick_ethnic(struct demo_rng *r)
{
	unsigned total = 0;
	for (size_t i = 0; i < DEMO_ETHNIC_N; i++)
		total += demo_ethnics[i].weight;
	unsigned x = demo_below(r, total);
	for (size_t i = 0; i + 1 < DEMO_ETHNIC_N; i++) {
		if (x < demo_ethnics[i].weight)
			return &demo_ethnics[i];
		x -= demo_ethnics[i].weight;
	}
	return &demo_ethnics[DEMO_ETHNIC_N - 1];
}

/* Append s (and a separator before it unless at the start) to the name. */
static void demo_append(struct demo_person *p, size_t *len, const char *sep, const char *s)
{
	size_t cap = sizeof p->name - 1;
	if (*len > 0)
		for (; *sep != '\0' && *len < cap; sep++)
			p->name[(*len)++] = *sep;
	for (; *s != '\0' && *len < cap; s++)
		p->name[(*len)++] = *s;
	p->name[*len] = '\0';
}

/* "[dr. | H. | Hj.] Given [Second] [Family][, Degree]". */
static void demo_make_name(struct demo_rng *r, const struct demo_spec *s, struct demo_person *p)
{
	const struct demo_ethnic *e = demo_pick_ethnic(r);
	const struct demo_degree *deg = &demo_degrees[s->deg];
	const struct demo_list *given = p->female ? &e->female : &e->male;
	const struct demo_list *family = p->female ? &e->female_last : &e->male_last;
	const char *first = demo_pick(r, given), *second = NULL, *last = NULL;
	if (demo_chance(r, 20))
		second = demo_pick(r, given);
	if (second != NULL && strcmp(second, first) == 0)
		second = NULL;
	if (demo_chance(r, e->last_pct))
		last = demo_pick(r, family);
	if (last != NULL && (strcmp(last, first) == 0 || (second && strcmp(last, second) == 0)))
		last = NULL;
	const char *prefix = deg->prefix;
	if (prefix == NULL && e->haji && p->start_year < 2010 && demo_chance(r, 12))
		prefix = p->female ? "Hj." : "H.";
	const char *suffix = demo_chance(r, deg->pct) ? demo_pick(r, &deg->suffix) : NULL;
	size_t len = 0;
	p->name[0] = '\0';
	if (prefix != NULL)
		demo_append(p, &len, "", prefix);
	demo_append(p, &len, " ", first);
	if (second != NULL)
		demo_append(p, &len, " ", second);
	if (last != NULL)
		demo_append(p, &len, " ", last);
	if (suffix != NULL && suffix[0] != '\0')
		demo_append(p, &len, ", ", suffix);
}

/* Home: near the office (most), or anywhere in Jabodetabek within reach of
 * a commuter line; island staff live on the islands. */
static void demo_pick_domicile(struct demo_rng *r, const struct demo_unit *u, struct demo_person *p)
{
	if (demo_is_island(u->lat)) {
		p->lat = u->lat + 0.02 * (demo_real(r) - 0.5);
		p->lon = u->lon + 0.02 * (demo_real(r) - 0.5);
		return;
	}
	double reach = demo_chance(r, 70) ? 0.06 : 0.25;
	p->lat = u->lat + reach * (demo_real(r) + demo_real(r) - 1.0);
	p->lon = u->lon + reach * (demo_real(r) + demo_real(r) - 1.0);
	p->lat = demo_fold(p->lat, -6.6, -6.1);
	p->lon = demo_fold(p->lon, 106.5, 107.1);
}

static void demo_make_person(struct demo_gen *g, const struct demo_unit *u,
	const struct demo_spec *s, struct demo_person *p)
{
	p->female = demo_chance(&g->rng, s->female);
	p->emp = demo_pick_employment(&g->rng, s);
	demo_make_nip(g, s, p);
	demo_pick_golongan(&g->rng, s, p);
	demo_pick_appointed(&g->rng, s, p);
	demo_make_name(&g->rng, s, p);
	demo_pick_domicile(&g->rng, u, p);
}

/* ------------------------------------------------------------------ */
/* Passes 3 and 4: stream units, then people. */

/* A sink's refusal as a project error code. */
static int demo_sink_rc(int rc)
{
	return rc < 0 ? rc : ERR_INVALID;
}

static int demo_emit_units(struct demo_gen *g, const struct demo_sink *sink)
{
	for (size_t i = 0; i < g->n; i++) {
		const struct demo_unit *u = &g->u[i];
		if (!u->kept || sink->unit == NULL)
			continue;
		struct org_unit ou = {
			.code = u->code,
			.name = u->name,
			.parent_code = u->parent >= 0 ? g->u[u->parent].code : NULL,
			.kind = u->kind,
			.face_to_face = u->hours != HOURS_NONE,
			.has_location = true,
			.lat = u->lat,
			.lon = u->lon,
			.radius_m = u->radius_m,
			.service_open = demo_hours_open[u->hours],
			.service_close = demo_hours_close[u->hours],
		};
		int rc = sink->unit(sink->ctx, &ou);
		if (rc != 0)
			return demo_sink_rc(rc);
	}
	return 0;
}

/* Generate one holder of spec in unit u and hand them to the sink.
 * nip_out (ORG_NIP_LEN + 1 bytes) receives the NIP. */
static int demo_person(struct demo_gen *g, const struct demo_sink *sink,
	const struct demo_unit *u, const struct demo_spec *s, const char *supervisor, char *nip_out)
{
	struct demo_person p;
	demo_make_person(g, u, s, &p);
	memcpy(nip_out, p.nip, sizeof p.nip);
	g->emitted++;
	if (sink->employee == NULL)
		return 0;
	struct org_employee e = {
		.nip = p.nip,
		.name = p.name,
		.employment = demo_emp_names[p.emp],
		.golongan = p.golongan,
		.position_name = s->position,
		.position_kind = s->kind,
		.unit_code = u->code,
		.supervisor_nip = supervisor,
		.appointed_on = p.appointed,
		.has_domicile = true,
		.domicile_lat = p.lat,
		.domicile_lon = p.lon,
		.active = true,
	};
	int rc = sink->employee(sink->ctx, &e);
	return rc == 0 ? 0 : demo_sink_rc(rc);
}

/* The head's direct supervisor: the head (or the named fixed post) of the
 * nearest ancestor with staff, else the Sekretaris Daerah; none for the
 * Sekretaris Daerah, who reports to the Governor. */
static const char *demo_head_supervisor(const struct demo_gen *g, const struct demo_unit *u)
{
	if (strcmp(u->head_kind, "jpt_madya") == 0)
		return NULL;
	int p = u->parent;
	while (p >= 0 && g->u[p].staff == 0)
		p = g->u[p].parent;
	if (p < 0)
		return g->sekda_nip;
	const struct demo_unit *pu = &g->u[p];
	if (p == u->parent && u->deputy > 0 && u->deputy <= pu->fixed_n)
		return pu->fixed_nip[u->deputy - 1];
	return pu->head_nip;
}

static void demo_copy(char *dst, size_t n, const char *src)
{
	demo_fmt(dst, n, "%s", src);
}

/* Remember the well-known people and units as their heads appear. */
static void demo_note_head(struct demo_gen *g, const struct demo_unit *u)
{
	struct demo_people *pp = &g->people;
	if (strcmp(u->kind, "sekretariat_daerah") == 0)
		demo_copy(g->sekda_nip, sizeof g->sekda_nip, u->head_nip);
	if (u->mark == MARK_ADMIN)
		demo_copy(pp->admin_unit, sizeof pp->admin_unit, u->code);
	if (u->mark == MARK_KEPALA_OPD) {
		demo_copy(pp->kepala_opd_nip, sizeof pp->kepala_opd_nip, u->head_nip);
		demo_copy(pp->kepala_opd_unit, sizeof pp->kepala_opd_unit, u->code);
	}
	if (u->mark == MARK_ATASAN)
		demo_copy(pp->atasan_nip, sizeof pp->atasan_nip, u->head_nip);
	if (u->mark == MARK_INSPEKTUR) {
		demo_copy(pp->inspektur_nip, sizeof pp->inspektur_nip, u->head_nip);
		demo_copy(pp->inspektorat_unit, sizeof pp->inspektorat_unit, u->code);
	}
}

/* The fixed posts of u, in order, while seats are left. */
static int demo_emit_fixed(struct demo_gen *g, const struct demo_sink *sink, struct demo_unit *u,
	long *left)
{
	char nip[ORG_NIP_LEN + 1];
	for (const struct demo_role *r = u->roles; r != NULL && r->position != NULL; r++) {
		if (r->weight != 0 || *left <= 0)
			continue;
		struct demo_spec s = demo_spec_of_role(r);
		int rc = demo_person(g, sink, u, &s, u->head_nip, nip);
		if (rc != 0)
			return rc;
		if (u->fixed_n < DEMO_FIXED_MAX)
			memcpy(u->fixed_nip[u->fixed_n++], nip, sizeof nip);
		(*left)--;
	}
	return 0;
}

static const struct demo_role *demo_next_weighted(const struct demo_role *r)
{
	while (r->position != NULL && r->weight == 0)
		r++;
	return r->position != NULL ? r : NULL;
}

/* n staff over the weighted roles of u: seat j goes to the role whose
 * share of the total weight covers j * total / n, so seat 0 always goes to
 * the first weighted role and the counts follow the weights. */
static int demo_emit_weighted(struct demo_gen *g, const struct demo_sink *sink,
	const struct demo_unit *u, long n)
{
	unsigned long total = 0;
	for (const struct demo_role *r = u->roles; r != NULL && r->position != NULL; r++)
		total += r->weight;
	const struct demo_role *r = u->roles != NULL ? demo_next_weighted(u->roles) : NULL;
	if (n <= 0 || total == 0 || r == NULL)
		return 0;
	unsigned long end = r->weight;
	struct demo_spec s = demo_spec_of_role(r);
	char nip[ORG_NIP_LEN + 1];
	for (long j = 0; j < n; j++) {
		unsigned long at = (unsigned long)((unsigned long long)j * total / (unsigned long)n);
		while (at >= end) {
			r = demo_next_weighted(r + 1);
			end += r->weight;
			s = demo_spec_of_role(r);
		}
		int rc = demo_person(g, sink, u, &s, u->head_nip, nip);
		if (rc != 0)
			return rc;
		if (u->mark == MARK_ATASAN && g->people.pegawai_nip[0] == '\0' &&
			strcmp(r->position, "Perencana Ahli Muda") == 0)
			demo_copy(g->people.pegawai_nip, sizeof g->people.pegawai_nip, nip);
	}
	return 0;
}

/* Everyone in unit u: the head, the fixed posts, then the staff. */
static int demo_emit_unit_staff(struct demo_gen *g, const struct demo_sink *sink,
	struct demo_unit *u)
{
	struct demo_spec head = { u->head, u->head_kind, demo_grade_of(u->head_kind, u->head),
		0, u->head_female, u->head_deg };
	int rc = demo_person(g, sink, u, &head, demo_head_supervisor(g, u), u->head_nip);
	if (rc != 0)
		return rc;
	demo_note_head(g, u);
	long left = u->staff - 1;
	rc = demo_emit_fixed(g, sink, u, &left);
	if (rc != 0)
		return rc;
	return demo_emit_weighted(g, sink, u, left);
}

static int demo_emit_staff(struct demo_gen *g, const struct demo_sink *sink)
{
	for (size_t i = 0; i < g->n; i++) {
		struct demo_unit *u = &g->u[i];
		if (!u->kept || u->staff <= 0)
			continue;
		int rc = demo_emit_unit_staff(g, sink, u);
		if (rc != 0)
			return rc;
	}
	return 0;
}

int demo_generate(const struct demo_options *opt, const struct demo_sink *sink,
	struct demo_people *people)
{
	long target = opt != NULL ? opt->employees : 0;
	if (target == 0)
		target = DEMO_DEFAULT_EMPLOYEES;
	if (sink == NULL || target < DEMO_MIN_EMPLOYEES || target > DEMO_MAX_EMPLOYEES)
		return ERR_INVALID;
	struct demo_gen g;
	memset(&g, 0, sizeof g);
	demo_build(&g);
	demo_plan(&g, target);
	demo_rng_seed(&g.rng, opt != NULL ? opt->seed : 0);
	demo_nipset_init(&g.nips, target);
	int rc = demo_emit_units(&g, sink);
	if (rc == 0)
		rc = demo_emit_staff(&g, sink);
	if (rc == 0 && people != NULL)
		*people = g.people;
	free(g.u);
	free(g.nips.slot);
	return rc;
}
