/* nip.c - validation of PNS NIPs and PPPK numbers (RULES.md section 6).
 *
 * One checker, nip_check(), reads the number left to right and stops at the
 * first fault; nip_parse(), nip_problem() and nip_valid() are views of its
 * result. Messages live in one table so the Indonesian and English texts
 * stay side by side. */
#include "domain/nip.h"

#include <stddef.h>

#include "core/err.h"

#define NIP_STR_(x) #x
#define NIP_STR(x) NIP_STR_(x)

enum nip_fault {
	NIP_OK = 0,
	NIP_EMPTY,
	NIP_NOT_DIGITS,
	NIP_BAD_LENGTH,
	NIP_BIRTH_YEAR,
	NIP_BIRTH_MONTH,
	NIP_BIRTH_DAY,
	NIP_KIND_DIGIT,
	NIP_START_MONTH,
	NIP_BATCH,
	NIP_START_TOO_LATE,
	NIP_START_BEFORE_BIRTH,
	NIP_START_TOO_YOUNG,
	NIP_GENDER,
	NIP_SEQUENCE,
	NIP_FAULT_COUNT
};

struct nip_message {
	const char *id;
	const char *en;
};

static const struct nip_message nip_messages[NIP_FAULT_COUNT] = {
	[NIP_OK] = { NULL, NULL },
	[NIP_EMPTY] = { "NIP wajib diisi.", "The NIP is required." },
	[NIP_NOT_DIGITS] = { "NIP hanya boleh berisi angka.",
		"The NIP may contain digits only." },
	[NIP_BAD_LENGTH] = { "NIP harus terdiri dari tepat 18 angka.",
		"The NIP must be exactly 18 digits long." },
	[NIP_BIRTH_YEAR] = {
		"Tahun lahir pada NIP (angka 1-4) harus antara "
		NIP_STR(NIP_BIRTH_YEAR_MIN) " dan " NIP_STR(NIP_BIRTH_YEAR_MAX) ".",
		"The birth year in the NIP (digits 1-4) must be between "
		NIP_STR(NIP_BIRTH_YEAR_MIN) " and " NIP_STR(NIP_BIRTH_YEAR_MAX) "." },
	[NIP_BIRTH_MONTH] = {
		"Bulan lahir pada NIP (angka 5-6) harus 01 sampai 12.",
		"The birth month in the NIP (digits 5-6) must be 01 to 12." },
	[NIP_BIRTH_DAY] = {
		"Tanggal lahir pada NIP (angka 1-8) tidak ada di kalender.",
		"The birth date in the NIP (digits 1-8) does not exist in the calendar." },
	[NIP_KIND_DIGIT] = {
		"Angka ke-13 NIP harus 0 atau 1 (bulan TMT CPNS) atau 2 (nomor PPPK).",
		"Digit 13 of the NIP must be 0 or 1 (CPNS start month) or 2 (PPPK number)." },
	[NIP_START_MONTH] = {
		"Bulan TMT CPNS pada NIP (angka 13-14) harus 01 sampai 12.",
		"The CPNS start month in the NIP (digits 13-14) must be 01 to 12." },
	[NIP_BATCH] = {
		"Angka angkatan pada nomor PPPK (angka ke-14) harus 1 sampai 9.",
		"The batch digit of the PPPK number (digit 14) must be 1 to 9." },
	[NIP_START_TOO_LATE] = {
		"Tahun TMT pada NIP (angka 9-12) tidak boleh lewat dari "
		NIP_STR(NIP_START_YEAR_MAX) ".",
		"The start year in the NIP (digits 9-12) may not be later than "
		NIP_STR(NIP_START_YEAR_MAX) "." },
	[NIP_START_BEFORE_BIRTH] = {
		"TMT pada NIP mendahului tanggal lahir.",
		"The start date in the NIP comes before the birth date." },
	[NIP_START_TOO_YOUNG] = {
		"Tahun TMT pada NIP harus sedikitnya " NIP_STR(NIP_MIN_START_AGE)
		" tahun setelah tahun lahir.",
		"The start year in the NIP must be at least " NIP_STR(NIP_MIN_START_AGE)
		" years after the birth year." },
	[NIP_GENDER] = {
		"Kode jenis kelamin pada NIP (angka ke-15) harus 1 (laki-laki) atau 2 (perempuan).",
		"The gender digit of the NIP (digit 15) must be 1 (male) or 2 (female)." },
	[NIP_SEQUENCE] = {
		"Nomor urut pada NIP (angka 16-18) tidak boleh 000.",
		"The sequence number in the NIP (digits 16-18) may not be 000." },
};

/* Value of the n decimal digits of s starting at 1-based position pos.
 * The caller has checked that they are digits. */
static int nip_digits(const char *s, int pos, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++)
		v = v * 10 + (s[pos - 1 + i] - '0');
	return v;
}

bool nip_date_exists(int year, int month, int day)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1)
		return false;
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	int max = days[month - 1] + (month == 2 && leap ? 1 : 0);
	return day <= max;
}

/* Shape: present, digits only, exactly NIP_LEN long. Scans at most
 * NIP_LEN + 1 characters so an overlong input costs nothing. */
static enum nip_fault nip_check_shape(const char *s)
{
	if (s == NULL || s[0] == '\0')
		return NIP_EMPTY;
	size_t len = 0;
	while (s[len] != '\0' && len <= NIP_LEN) {
		if (s[len] < '0' || s[len] > '9')
			return NIP_NOT_DIGITS;
		len++;
	}
	return len == NIP_LEN ? NIP_OK : NIP_BAD_LENGTH;
}

/* Digits 1-8: the birth date. Fills the birth fields of *n. */
static enum nip_fault nip_check_birth(const char *s, struct nip_info *n)
{
	n->birth_year = nip_digits(s, 1, 4);
	n->birth_month = nip_digits(s, 5, 2);
	n->birth_day = nip_digits(s, 7, 2);
	if (n->birth_year < NIP_BIRTH_YEAR_MIN || n->birth_year > NIP_BIRTH_YEAR_MAX)
		return NIP_BIRTH_YEAR;
	if (n->birth_month < 1 || n->birth_month > 12)
		return NIP_BIRTH_MONTH;
	if (!nip_date_exists(n->birth_year, n->birth_month, n->birth_day))
		return NIP_BIRTH_DAY;
	return NIP_OK;
}

/* Digits 9-14: the kind (from digit 13), the start year and either the CPNS
 * start month (PNS) or the batch digit (PPPK). Fills those fields of *n. */
static enum nip_fault nip_check_kind(const char *s, struct nip_info *n)
{
	n->start_year = nip_digits(s, 9, 4);
	n->start_month = 0;
	n->batch = 0;
	if (s[12] == '0' || s[12] == '1') {
		n->kind = NIP_PNS;
		n->start_month = nip_digits(s, 13, 2);
		if (n->start_month < 1 || n->start_month > 12)
			return NIP_START_MONTH;
		return NIP_OK;
	}
	if (s[12] != '2')
		return NIP_KIND_DIGIT;
	n->kind = NIP_PPPK;
	n->batch = nip_digits(s, 14, 1);
	return n->batch >= 1 ? NIP_OK : NIP_BATCH;
}

/* The start must be no later than NIP_START_YEAR_MAX, after the birth date
 * and at least NIP_MIN_START_AGE calendar years after the birth year. A PNS
 * start is a month, a PPPK start only a year, so "before birth" compares at
 * that precision. */
static enum nip_fault nip_check_start(const struct nip_info *n)
{
	if (n->start_year > NIP_START_YEAR_MAX)
		return NIP_START_TOO_LATE;
	bool before = n->start_year < n->birth_year;
	if (n->kind == NIP_PNS && n->start_year == n->birth_year)
		before = n->start_month < n->birth_month;
	if (before)
		return NIP_START_BEFORE_BIRTH;
	if (n->start_year - n->birth_year < NIP_MIN_START_AGE)
		return NIP_START_TOO_YOUNG;
	return NIP_OK;
}

/* Digits 15-18: gender and sequence. */
static enum nip_fault nip_check_tail(const char *s, struct nip_info *n)
{
	n->gender = nip_digits(s, 15, 1);
	n->sequence = nip_digits(s, 16, 3);
	if (n->gender != NIP_GENDER_MALE && n->gender != NIP_GENDER_FEMALE)
		return NIP_GENDER;
	if (n->sequence == 0)
		return NIP_SEQUENCE;
	return NIP_OK;
}

/* Run every check in reading order. Returns the first fault or NIP_OK;
 * *n is only meaningful on NIP_OK. */
static enum nip_fault nip_check(const char *s, struct nip_info *n)
{
	enum nip_fault f = nip_check_shape(s);
	if (f == NIP_OK)
		f = nip_check_birth(s, n);
	if (f == NIP_OK)
		f = nip_check_kind(s, n);
	if (f == NIP_OK)
		f = nip_check_start(n);
	if (f == NIP_OK)
		f = nip_check_tail(s, n);
	return f;
}

int nip_parse(const char *s, struct nip_info *out)
{
	struct nip_info n = { 0 };
	if (nip_check(s, &n) != NIP_OK)
		return ERR_INVALID;
	if (out != NULL)
		*out = n;
	return 0;
}

const char *nip_problem(const char *s, const char **msg_en)
{
	struct nip_info n = { 0 };
	enum nip_fault f = nip_check(s, &n);
	if (msg_en != NULL)
		*msg_en = nip_messages[f].en;
	return nip_messages[f].id;
}

bool nip_valid(const char *s)
{
	return nip_parse(s, NULL) == 0;
}
