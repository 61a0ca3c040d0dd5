/* jobclass.c - the classification table of position names and its
 * matcher (see jobclass.h).
 *
 * Sources for the names: the jabatan fungsional list of KemenPANRB (Permen
 * PANRB on each JF), the pelaksana nomenclature of Permen PANRB 45/2024
 * (Pengadministrasi Perkantoran, Penata/Pengelola/Operator Layanan
 * Operasional, Pengolah Data dan Informasi, Penelaah Teknis Kebijakan) and
 * the structural posts of a province. The judgement of each row follows the
 * seed article (RULES.md section 1): desk work (secretariat, planning,
 * research, policy, finance, HR, IT) meets every Pasal 11 criterion; clinical,
 * classroom, fire, public-order, counter and field work does not. Admin BKD
 * corrects a row's outcome per position, with a reason (store/eligibility). */
#include "domain/jobclass.h"
#include "domain/org.h"

#include <stddef.h>
#include <string.h>

const char *const jobclass_families[] = {
	"medis", "pendidikan", "pemadam_kebakaran", "ketertiban_keamanan", "layanan_tatap_muka",
	"kesekretariatan", "perencanaan", "penelitian_pengembangan", "analisis_kebijakan",
	"teknologi_informasi", "keuangan", "kepegawaian", "kearsipan", "hukum", "teknis_lapangan",
	"manajerial", "lainnya", NULL,
};

/* Criteria shorthands. */
#define DESK JC_CRITERIA_ALL
/* Needs the patient, the pupil, the counter or the site, but not a minder. */
#define HANDS_ON JC_NO_CONTINUOUS_SUPERVISION
/* Face-to-face service that could use ICT but needs the place and the people. */
#define COUNTER (JC_ICT_POSSIBLE | JC_NO_CONTINUOUS_SUPERVISION)
/* A physical place and equipment, under command on the scene. */
#define ON_SCENE 0u

/* Row flags. */
#define F_FRONT_DESK 1u  /* office role that serves the public in a face-to-face unit */
#define F_STRUCTURAL 2u  /* a managerial post: heads of face-to-face units stay on site */

struct jobclass_row {
	const char *pattern;  /* word prefix of the name without its jenjang */
	const char *family;
	unsigned criteria;
	unsigned time;
	unsigned flags;
};

/* Word-prefix patterns. Longer patterns win over shorter ones. */
static const struct jobclass_row prefix_rows[] = {
	/* Health (clinical work needs the patient and the equipment). */
	{"Dokter", "medis", HANDS_ON, JT_SHIFT, 0},
	{"Dokter Gigi", "medis", HANDS_ON, JT_SHIFT, 0},
	{"Dokter Pendidik Klinis", "medis", HANDS_ON, JT_SHIFT, 0},
	{"Perawat", "medis", HANDS_ON, JT_SHIFT, 0},
	{"Perawat Gigi", "medis", HANDS_ON, JT_SHIFT, 0},
	{"Terapis Gigi dan Mulut", "medis", HANDS_ON, JT_SHIFT, 0},
	{"Bidan", "medis", HANDS_ON, JT_SHIFT, 0},
	{"Apoteker", "medis", HANDS_ON, JT_SHIFT, 0},
	{"Asisten Apoteker", "medis", HANDS_ON, JT_SHIFT, 0},
	{"Tenaga Teknis Kefarmasian", "medis", HANDS_ON, JT_SHIFT, 0},
	{"Nutrisionis", "medis", HANDS_ON, JT_SHIFT, 0},
	{"Radiografer", "medis", HANDS_ON, JT_SHIFT, 0},
	{"Fisioterapis", "medis", HANDS_ON, JT_SHIFT, 0},
	{"Okupasi Terapis", "medis", HANDS_ON, 0, 0},
	{"Terapis Wicara", "medis", HANDS_ON, 0, 0},
	{"Perekam Medis", "medis", HANDS_ON, JT_SHIFT, 0},
	{"Pranata Laboratorium Kesehatan", "medis", HANDS_ON, JT_SHIFT, 0},
	{"Ahli Teknologi Laboratorium Medik", "medis", HANDS_ON, JT_SHIFT, 0},
	{"Elektromedis", "medis", HANDS_ON, JT_SHIFT, 0},
	{"Psikolog Klinis", "medis", HANDS_ON, 0, 0},
	{"Penata Anestesi", "medis", HANDS_ON, JT_SHIFT, 0},
	{"Asisten Penata Anestesi", "medis", HANDS_ON, JT_SHIFT, 0},
	{"Refraksionis Optisien", "medis", HANDS_ON, 0, 0},
	{"Fisikawan Medik", "medis", HANDS_ON, JT_SHIFT, 0},
	{"Teknisi Transfusi Darah", "medis", HANDS_ON, JT_SHIFT, 0},
	{"Ortotis Prostetis", "medis", HANDS_ON, 0, 0},
	{"Perawat Anestesi", "medis", HANDS_ON, JT_SHIFT, 0},
	{"Medik Veteriner", "medis", HANDS_ON, 0, 0},
	{"Paramedik Veteriner", "medis", HANDS_ON, 0, 0},
	{"Pengemudi Ambulans", "medis", ON_SCENE, JT_SHIFT, 0},
	/* Public health: analysis at a desk, outreach in the community. */
	{"Epidemiolog", "penelitian_pengembangan", DESK, JT_DINAMIS, 0},
	{"Epidemiolog Kesehatan", "penelitian_pengembangan", DESK, JT_DINAMIS, 0},
	{"Administrator Kesehatan", "kesekretariatan", DESK, 0, F_FRONT_DESK},
	{"Sanitarian", "teknis_lapangan", HANDS_ON, 0, 0},
	{"Tenaga Sanitasi Lingkungan", "teknis_lapangan", HANDS_ON, 0, 0},
	{"Entomolog Kesehatan", "teknis_lapangan", HANDS_ON, 0, 0},
	{"Pembimbing Kesehatan Kerja", "teknis_lapangan", HANDS_ON, 0, 0},
	{"Penyuluh", "teknis_lapangan", HANDS_ON, 0, 0},
	/* Education (the classroom). */
	{"Guru", "pendidikan", HANDS_ON, 0, 0},
	{"Pamong Belajar", "pendidikan", HANDS_ON, 0, 0},
	{"Penilik", "pendidikan", COUNTER, 0, 0},
	{"Pengawas Sekolah", "pendidikan", COUNTER, 0, 0},
	{"Dosen", "pendidikan", HANDS_ON, 0, 0},
	{"Widyaiswara", "pendidikan", COUNTER, 0, 0},
	{"Instruktur", "pendidikan", HANDS_ON, 0, 0},
	{"Pranata Laboratorium Pendidikan", "pendidikan", HANDS_ON, 0, 0},
	{"Pengembang Teknologi Pembelajaran", "teknologi_informasi", DESK, 0, 0},
	{"Kepala Sekolah", "pendidikan", HANDS_ON, 0, F_STRUCTURAL},
	{"Wakil Kepala Sekolah", "pendidikan", HANDS_ON, 0, F_STRUCTURAL},
	{"Pustakawan", "kearsipan", COUNTER, 0, 0},
	{"Pranata Perpustakaan", "kearsipan", COUNTER, 0, 0},
	/* Fire and rescue. */
	{"Pemadam Kebakaran", "pemadam_kebakaran", ON_SCENE, JT_SHIFT, 0},
	{"Analis Kebakaran", "pemadam_kebakaran", ON_SCENE, JT_SHIFT, 0},
	{"Petugas Pemadam Kebakaran", "pemadam_kebakaran", ON_SCENE, JT_SHIFT, 0},
	{"Kepala Sektor Penanggulangan Kebakaran", "pemadam_kebakaran", ON_SCENE, JT_SHIFT, F_STRUCTURAL},
	{"Kepala Pos Pemadam Kebakaran", "pemadam_kebakaran", ON_SCENE, JT_SHIFT, F_STRUCTURAL},
	{"Kepala Regu", "pemadam_kebakaran", ON_SCENE, JT_SHIFT, F_STRUCTURAL},
	{"Penata Penanggulangan Bencana", "teknis_lapangan", HANDS_ON, JT_SHIFT, 0},
	/* Public order and security. */
	{"Polisi Pamong Praja", "ketertiban_keamanan", ON_SCENE, JT_SHIFT, 0},
	{"Kepala Satuan Polisi Pamong Praja", "ketertiban_keamanan", ON_SCENE, JT_SHIFT, F_STRUCTURAL},
	{"Satuan Perlindungan Masyarakat", "ketertiban_keamanan", ON_SCENE, JT_SHIFT, 0},
	{"Petugas Keamanan", "ketertiban_keamanan", ON_SCENE, JT_SHIFT, 0},
	{"Pengamanan", "ketertiban_keamanan", ON_SCENE, JT_SHIFT, 0},
	{"Sandiman", "teknologi_informasi", COUNTER, JT_SHIFT, 0},
	/* Face-to-face public service. */
	{"Lurah", "layanan_tatap_muka", COUNTER, 0, F_STRUCTURAL},
	{"Camat", "layanan_tatap_muka", COUNTER, 0, F_STRUCTURAL},
	{"Kepala Panti", "layanan_tatap_muka", HANDS_ON, JT_SHIFT, F_STRUCTURAL},
	{"Kepala Puskesmas", "medis", HANDS_ON, 0, F_STRUCTURAL},
	{"Direktur RSUD", "medis", HANDS_ON, 0, F_STRUCTURAL},
	{"Direktur Rumah Sakit", "medis", HANDS_ON, 0, F_STRUCTURAL},
	{"Kepala Laboratorium Kesehatan", "medis", HANDS_ON, 0, F_STRUCTURAL},
	{"Kepala Unit Pelayanan Ambulans", "medis", HANDS_ON, JT_SHIFT, F_STRUCTURAL},
	{"Pekerja Sosial", "layanan_tatap_muka", HANDS_ON, 0, 0},
	{"Pengantar Kerja", "layanan_tatap_muka", COUNTER, 0, 0},
	{"Petugas Pelayanan", "layanan_tatap_muka", COUNTER, 0, 0},
	{"Pengadministrasi Layanan", "layanan_tatap_muka", COUNTER, 0, 0},
	{"Penata Layanan Kependudukan", "layanan_tatap_muka", COUNTER, 0, 0},
	{"Mediator Hubungan Industrial", "hukum", COUNTER, 0, 0},
	/* Secretariat and general administration (the pelaksana of 45/2024). */
	{"Pengadministrasi Perkantoran", "kesekretariatan", DESK, 0, F_FRONT_DESK},
	{"Pengadministrasi Umum", "kesekretariatan", DESK, 0, F_FRONT_DESK},
	{"Penata Layanan Operasional", "kesekretariatan", DESK, 0, F_FRONT_DESK},
	{"Pengolah Data dan Informasi", "kesekretariatan", DESK, 0, F_FRONT_DESK},
	{"Pengolah Data", "kesekretariatan", DESK, 0, F_FRONT_DESK},
	{"Pengelola Data", "kesekretariatan", DESK, 0, F_FRONT_DESK},
	{"Pranata Hubungan Masyarakat", "kesekretariatan", DESK, 0, 0},
	{"Pranata Humas", "kesekretariatan", DESK, 0, 0},
	{"Pranata Kearsipan", "kearsipan", DESK, 0, 0},
	{"Sekretaris Pimpinan", "kesekretariatan", DESK, 0, F_FRONT_DESK},
	{"Pengelola Layanan Operasional", "teknis_lapangan", HANDS_ON, 0, 0},
	{"Operator Layanan Operasional", "teknis_lapangan", HANDS_ON, JT_SHIFT, 0},
	{"Pengemudi", "teknis_lapangan", ON_SCENE, JT_SHIFT, 0},
	{"Pramu Bakti", "teknis_lapangan", ON_SCENE, 0, 0},
	{"Petugas Kebersihan", "teknis_lapangan", ON_SCENE, 0, 0},
	{"Teknisi", "teknis_lapangan", HANDS_ON, JT_SHIFT, 0},
	/* Planning, research, policy. */
	{"Perencana", "perencanaan", DESK, JT_DINAMIS, 0},
	{"Analis Perencanaan", "perencanaan", DESK, JT_DINAMIS, 0},
	{"Penata Ruang", "perencanaan", DESK, JT_DINAMIS, 0},
	{"Peneliti", "penelitian_pengembangan", DESK, JT_DINAMIS, 0},
	{"Perekayasa", "penelitian_pengembangan", DESK, JT_DINAMIS, 0},
	{"Statistisi", "penelitian_pengembangan", DESK, JT_DINAMIS, 0},
	{"Analis Data", "penelitian_pengembangan", DESK, JT_DINAMIS, 0},
	{"Analis Kebijakan", "analisis_kebijakan", DESK, JT_DINAMIS, 0},
	{"Penelaah Teknis Kebijakan", "analisis_kebijakan", DESK, 0, F_FRONT_DESK},
	{"Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah", "analisis_kebijakan", DESK, JT_DINAMIS, 0},
	{"Adyatama Kepariwisataan dan Ekonomi Kreatif", "analisis_kebijakan", DESK, 0, 0},
	{"Pamong Budaya", "analisis_kebijakan", DESK, 0, 0},
	/* Information technology. */
	{"Pranata Komputer", "teknologi_informasi", DESK, JT_SHIFT, 0},
	{"Administrator Database Kependudukan", "teknologi_informasi", DESK, JT_SHIFT, 0},
	{"Manggala Informatika", "teknologi_informasi", DESK, JT_SHIFT, 0},
	{"Analis Sistem Informasi", "teknologi_informasi", DESK, JT_SHIFT, 0},
	{"Penata Kelola Sistem dan Teknologi Informasi", "teknologi_informasi", DESK, JT_SHIFT, 0},
	/* Finance and audit. */
	{"Analis Keuangan", "keuangan", DESK, 0, 0},
	{"Analis Keuangan Pusat dan Daerah", "keuangan", DESK, 0, 0},
	{"Analis Pengelolaan Keuangan APBD", "keuangan", DESK, 0, 0},
	{"Analis Anggaran", "keuangan", DESK, 0, 0},
	{"Pranata Keuangan APBD", "keuangan", DESK, 0, 0},
	{"Pranata Keuangan", "keuangan", DESK, 0, 0},
	{"Pengelola Keuangan", "keuangan", DESK, 0, 0},
	{"Pengadministrasi Keuangan", "keuangan", DESK, 0, F_FRONT_DESK},
	{"Bendahara", "keuangan", DESK, 0, 0},
	{"Auditor", "keuangan", DESK, JT_DINAMIS, 0},
	{"Pengelola Pengadaan Barang/Jasa", "keuangan", DESK, 0, 0},
	{"Penilai Pemerintah", "keuangan", DESK, 0, 0},
	{"Pemeriksa Pajak", "keuangan", COUNTER, 0, 0},
	/* Human resources. */
	{"Analis Sumber Daya Manusia Aparatur", "kepegawaian", DESK, 0, 0},
	{"Pranata Sumber Daya Manusia Aparatur", "kepegawaian", DESK, 0, 0},
	{"Asesor Sumber Daya Manusia Aparatur", "kepegawaian", DESK, 0, 0},
	{"Analis Kepegawaian", "kepegawaian", DESK, 0, 0},
	{"Pranata Kepegawaian", "kepegawaian", DESK, 0, 0},
	{"Pengelola Kepegawaian", "kepegawaian", DESK, 0, 0},
	{"Auditor Kepegawaian", "kepegawaian", DESK, 0, 0},
	/* Archives. */
	{"Arsiparis", "kearsipan", DESK, 0, 0},
	{"Pengelola Arsip", "kearsipan", DESK, 0, 0},
	{"Pengarsip", "kearsipan", DESK, 0, 0},
	/* Law. */
	{"Perancang Peraturan Perundang-undangan", "hukum", DESK, JT_DINAMIS, 0},
	{"Analis Hukum", "hukum", DESK, JT_DINAMIS, 0},
	{"Analis Bantuan Hukum", "hukum", DESK, 0, 0},
	{"Pengawas Ketenagakerjaan", "teknis_lapangan", HANDS_ON, 0, 0},
	/* Field technical work and inspection. */
	{"Teknik Jalan dan Jembatan", "teknis_lapangan", HANDS_ON, 0, 0},
	{"Teknik Pengairan", "teknis_lapangan", HANDS_ON, 0, 0},
	{"Teknik Tata Bangunan dan Perumahan", "teknis_lapangan", HANDS_ON, 0, 0},
	{"Teknik Penyehatan Lingkungan", "teknis_lapangan", HANDS_ON, 0, 0},
	{"Penguji Kendaraan Bermotor", "teknis_lapangan", HANDS_ON, 0, 0},
	{"Pengendali Dampak Lingkungan", "teknis_lapangan", HANDS_ON, 0, 0},
	{"Pengawas Lingkungan Hidup", "teknis_lapangan", HANDS_ON, 0, 0},
	{"Pengendali Ekosistem Hutan", "teknis_lapangan", HANDS_ON, 0, 0},
	{"Pengawas Perdagangan", "teknis_lapangan", HANDS_ON, 0, 0},
	{"Pengawas Koperasi", "teknis_lapangan", HANDS_ON, 0, 0},
	{"Pengawas Mutu Hasil Pertanian", "teknis_lapangan", HANDS_ON, 0, 0},
	{"Pengawas Bangunan", "teknis_lapangan", HANDS_ON, 0, 0},
	{"Penera", "teknis_lapangan", HANDS_ON, 0, 0},
	{"Surveyor Pemetaan", "teknis_lapangan", HANDS_ON, 0, 0},
	{"Pengawas Farmasi dan Makanan", "teknis_lapangan", HANDS_ON, 0, 0},
	/* Structural posts not named above. */
	{"Kepala", "manajerial", DESK, 0, F_STRUCTURAL},
	{"Sekretaris", "manajerial", DESK, 0, F_STRUCTURAL},
	{"Wakil", "manajerial", DESK, 0, F_STRUCTURAL},
	{"Asisten", "manajerial", DESK, 0, F_STRUCTURAL},
	{"Inspektur", "manajerial", DESK, 0, F_STRUCTURAL},
	{"Direktur", "manajerial", DESK, 0, F_STRUCTURAL},
	{"Wali Kota", "manajerial", DESK, 0, F_STRUCTURAL},
	{"Bupati", "manajerial", DESK, 0, F_STRUCTURAL},
	{"Gubernur", "manajerial", DESK, 0, F_STRUCTURAL},
};

/* Keywords anywhere in the name, tried when no prefix matched. */
static const struct jobclass_row keyword_rows[] = {
	{"Kebakaran", "pemadam_kebakaran", ON_SCENE, JT_SHIFT, 0},
	{"Pamong Praja", "ketertiban_keamanan", ON_SCENE, JT_SHIFT, 0},
	{"Puskesmas", "medis", HANDS_ON, 0, 0},
	{"RSUD", "medis", HANDS_ON, JT_SHIFT, 0},
	{"Rumah Sakit", "medis", HANDS_ON, JT_SHIFT, 0},
	{"Keperawatan", "medis", HANDS_ON, JT_SHIFT, 0},
	{"Kebidanan", "medis", HANDS_ON, JT_SHIFT, 0},
	{"Loket", "layanan_tatap_muka", COUNTER, 0, 0},
	{"Perencanaan", "perencanaan", DESK, JT_DINAMIS, 0},
	{"Penelitian", "penelitian_pengembangan", DESK, JT_DINAMIS, 0},
	{"Kepegawaian", "kepegawaian", DESK, 0, 0},
	{"Keuangan", "keuangan", DESK, 0, 0},
	{"Arsip", "kearsipan", DESK, 0, 0},
	{"Komputer", "teknologi_informasi", DESK, JT_SHIFT, 0},
	{"Informatika", "teknologi_informasi", DESK, JT_SHIFT, 0},
	{"Hukum", "hukum", DESK, 0, 0},
};

#define NPREFIX (sizeof prefix_rows / sizeof prefix_rows[0])
#define NKEYWORD (sizeof keyword_rows / sizeof keyword_rows[0])

static const char *const criterion_names[JC_CRITERIA_N] = {
	"outside_office", "no_special_equipment", "ict_possible", "minimal_face_to_face",
	"no_continuous_supervision",
};

bool jobclass_is_family(const char *s)
{
	for (size_t i = 0; s && jobclass_families[i]; i++)
		if (!strcmp(jobclass_families[i], s))
			return true;
	return false;
}

const char *jobclass_criterion_name(unsigned bit)
{
	for (int i = 0; i < JC_CRITERIA_N; i++)
		if (bit == 1u << i)
			return criterion_names[i];
	return NULL;
}

unsigned jobclass_criterion_parse(const char *name)
{
	for (int i = 0; name && i < JC_CRITERIA_N; i++)
		if (!strcmp(criterion_names[i], name))
			return 1u << i;
	return 0;
}

int jobclass_table_size(void)
{
	return (int)(NPREFIX + NKEYWORD);
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

static bool word_end(char c)
{
	return c == '\0' || c == ' ' || c == '\t' || c == ',' || c == '/' || c == '-' || c == '(';
}

/* Whether name[0..len) starts with pattern, case-insensitively, ending at a
 * word boundary. */
static bool prefix_matches(const char *name, size_t len, const char *pattern)
{
	size_t n = strlen(pattern);
	if (n > len)
		return false;
	for (size_t i = 0; i < n; i++)
		if (lower(name[i]) != lower(pattern[i]))
			return false;
	return n == len || word_end(name[n]);
}

/* Whether the keyword occurs in name[0..len) as whole words. */
static bool keyword_matches(const char *name, size_t len, const char *kw)
{
	for (size_t at = 0; at < len; at++)
		if ((at == 0 || word_end(name[at - 1])) && prefix_matches(name + at, len - at, kw))
			return true;
	return false;
}

/* Length of the name without trailing spaces and its jenjang. */
static size_t base_length(const char *name)
{
	size_t len = strlen(name);
	while (len > 0 && (name[len - 1] == ' ' || name[len - 1] == '\t'))
		len--;
	const char *j = org_jenjang_of(name);
	if (j && strlen(j) <= len)
		len -= strlen(j);
	while (len > 0 && (name[len - 1] == ' ' || name[len - 1] == '\t'))
		len--;
	return len;
}

static const struct jobclass_row *find_row(const char *name, size_t len)
{
	const struct jobclass_row *best = NULL;
	for (size_t i = 0; i < NPREFIX; i++)
		if (prefix_matches(name, len, prefix_rows[i].pattern) &&
		    (!best || strlen(prefix_rows[i].pattern) > strlen(best->pattern)))
			best = &prefix_rows[i];
	for (size_t i = 0; !best && i < NKEYWORD; i++)
		if (keyword_matches(name, len, keyword_rows[i].pattern))
			best = &keyword_rows[i];
	return best;
}

static bool is_structural_kind(const char *kind)
{
	return kind && (!strncmp(kind, "jpt_", 4) || !strcmp(kind, "administrator") || !strcmp(kind, "pengawas"));
}

void jobclass_classify_name(const char *position_name, const char *position_kind, struct jobclass_profile *out)
{
	memset(out, 0, sizeof *out);
	const char *name = position_name ? position_name : "";
	while (*name == ' ' || *name == '\t')
		name++;
	const struct jobclass_row *row = find_row(name, base_length(name));
	if (!row) {
		out->family = "lainnya";
		out->unclassified = true;
		return;
	}
	out->family = row->family;
	out->criteria = row->criteria;
	out->time = row->time;
	out->matched = row->pattern;
	(void)position_kind;
}

bool jobclass_unit_face_to_face(const struct jobclass_unit *u)
{
	return u && (u->face_to_face || (u->kind && (!strcmp(u->kind, "rsud") || !strcmp(u->kind, "puskesmas") ||
						     !strcmp(u->kind, "sekolah"))));
}

static const struct jobclass_row *row_of(const char *pattern)
{
	for (size_t i = 0; pattern && i < NPREFIX; i++)
		if (prefix_rows[i].pattern == pattern)
			return &prefix_rows[i];
	for (size_t i = 0; pattern && i < NKEYWORD; i++)
		if (keyword_rows[i].pattern == pattern)
			return &keyword_rows[i];
	return NULL;
}

void jobclass_apply_unit(struct jobclass_profile *p, const char *position_kind, const struct jobclass_unit *u)
{
	if (p->unclassified || !jobclass_unit_face_to_face(u))
		return;
	const struct jobclass_row *row = row_of(p->matched);
	unsigned before = p->criteria;
	const char *family = p->family;
	if (row && (row->flags & F_FRONT_DESK))
		family = "layanan_tatap_muka";
	p->criteria &= ~(unsigned)JC_MINIMAL_FACE_TO_FACE;
	if ((row && (row->flags & F_STRUCTURAL)) || is_structural_kind(position_kind))
		p->criteria &= ~(unsigned)JC_OUTSIDE_OFFICE;
	p->unit_context = p->criteria != before || family != p->family;
	p->family = family;
}

void jobclass_classify(const char *position_name, const char *position_kind, const struct jobclass_unit *u,
		       struct jobclass_profile *out)
{
	jobclass_classify_name(position_name, position_kind, out);
	jobclass_apply_unit(out, position_kind, u);
}
