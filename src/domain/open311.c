/* open311.c - services, status machine, deadlines and screens of citizens'
 * reports (see open311.h). */
#include "domain/open311.h"
#include "core/date.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- services ---- */

static const struct open311_value CHANNELS[] = {
	{"phone", "Telepon"}, {"chat", "Pesan / WhatsApp"}, {"email", "Surel"}, {"visit", "Datang ke kantor"},
	{NULL, NULL}};
static const struct open311_value ABSENCE_KINDS[] = {
	{"absent", "Tidak ada di tempat tugas"}, {"elsewhere", "Terlihat di tempat lain pada jam kerja"},
	{"misconduct", "Bersikap tidak patut"}, {NULL, NULL}};

#define ATTR_UNIT(n)                                                                                               \
	{"unit", O311_STRING, false, "Kode unit kerja fleksi, mis. KEL-GAMBIR (boleh kosong: unit terdekat)", n,  \
	 "Unit kerja / kantor yang dilaporkan (Office or unit concerned)", NULL}
#define ATTR_SEEN(n, req)                                                                                          \
	{"seen_at", O311_DATETIME, req, "ISO 8601, mis. 2026-03-02T08:15:00+07:00", n,                             \
	 "Kapan Anda melihatnya? (When did you see it?)", NULL}
#define ATTR_PLACE(n)                                                                                              \
	{"place", O311_STRING, false, NULL, n, "Tempat persisnya, mis. loket 3 (Exact place, e.g. counter 3)", NULL}

static const struct open311_attribute A_COUNTER[] = {ATTR_UNIT(1), ATTR_SEEN(2, true), ATTR_PLACE(3)};
static const struct open311_attribute A_UNREACHABLE[] = {
	ATTR_UNIT(1), ATTR_SEEN(2, true),
	{"channel", O311_SINGLEVALUELIST, true, NULL, 3, "Bagaimana Anda mencoba menghubungi? (How did you try?)",
	 CHANNELS}};
static const struct open311_attribute A_ABSENT[] = {
	ATTR_UNIT(1), ATTR_SEEN(2, true), ATTR_PLACE(3),
	{"kind", O311_SINGLEVALUELIST, true, NULL, 4, "Apa yang terjadi? (What happened?)", ABSENCE_KINDS}};
static const struct open311_attribute A_SLOW[] = {
	ATTR_UNIT(1), ATTR_SEEN(2, true),
	{"waited_minutes", O311_NUMBER, false, "Menit, bilangan bulat", 3,
	 "Berapa menit Anda menunggu? (Minutes waited)", NULL}};
static const struct open311_attribute A_OTHER[] = {ATTR_UNIT(1), ATTR_SEEN(2, false)};

#define N(a) ((int)(sizeof a / sizeof a[0]))
static const struct open311_service SERVICES[] = {
	{"counter_closed", "Loket tutup atau tanpa petugas",
	 "Loket layanan tutup atau tidak ada petugas pada jam layanan. (Counter closed or unstaffed during service "
	 "hours.)",
	 "loket,tutup,petugas,counter,closed", "Layanan tatap muka", A_COUNTER, N(A_COUNTER)},
	{"official_unreachable", "Petugas tidak dapat dihubungi",
	 "Petugas yang bekerja dari rumah atau dari mana saja tidak dapat dihubungi pada jam kerja. (Official "
	 "unreachable during working hours.)",
	 "wfh,wfa,dihubungi,unreachable", "Aparatur", A_UNREACHABLE, N(A_UNREACHABLE)},
	{"official_absent", "Petugas tidak di tempat atau berperilaku tidak patut",
	 "Petugas tidak ada di tempat tugas, terlihat di tempat lain pada jam kerja, atau bersikap tidak patut. "
	 "(Official absent or misbehaving during working hours.)",
	 "absen,bolos,perilaku,absent,misconduct", "Aparatur", A_ABSENT, N(A_ABSENT)},
	{"slow_service", "Layanan lambat atau ditolak",
	 "Layanan berjalan sangat lambat atau ditolak tanpa alasan. (Slow or refused service.)",
	 "lambat,antre,ditolak,slow,refused", "Layanan tatap muka", A_SLOW, N(A_SLOW)},
	{"other", "Lainnya", "Laporan lain tentang pelaksanaan kerja fleksibel ASN. (Other.)", "lainnya,other",
	 "Lainnya", A_OTHER, N(A_OTHER)},
};

const struct open311_service *open311_services(int *n)
{
	*n = N(SERVICES);
	return SERVICES;
}

const struct open311_service *open311_service_find(const char *code)
{
	for (int i = 0; code && i < N(SERVICES); i++)
		if (!strcmp(SERVICES[i].code, code))
			return &SERVICES[i];
	return NULL;
}

const char *open311_datatype_name(enum open311_datatype t)
{
	static const char *const names[] = {"string", "number", "datetime", "text", "singlevaluelist",
					    "multivaluelist"};
	return names[t];
}

bool open311_value_ok(const struct open311_attribute *a, const char *value)
{
	for (const struct open311_value *v = a->values; v && v->key; v++)
		if (!strcmp(v->key, value))
			return true;
	return false;
}

/* ---- status machine ---- */

static const char *const STATUS_NAMES[REPORT_STATUS_N] = {
	"received", "verified", "forwarded", "in_progress", "answered", "closed", "postponed", "not_our_authority"};

const char *report_status_name(enum report_status s)
{
	return s >= 0 && s < REPORT_STATUS_N ? STATUS_NAMES[s] : "?";
}

int report_status_parse(const char *name)
{
	for (int i = 0; name && i < REPORT_STATUS_N; i++)
		if (!strcmp(STATUS_NAMES[i], name))
			return i;
	return -1;
}

bool report_status_is_closed(enum report_status s)
{
	return s == REPORT_ANSWERED || s == REPORT_CLOSED || s == REPORT_NOT_OUR_AUTHORITY;
}

/* Rows: from; bits: allowed targets. */
#define B(s) (1u << (s))
static const unsigned TRANSITIONS[REPORT_STATUS_N] = {
	[REPORT_RECEIVED] = B(REPORT_VERIFIED) | B(REPORT_FORWARDED) | B(REPORT_NOT_OUR_AUTHORITY),
	[REPORT_FORWARDED] = B(REPORT_VERIFIED) | B(REPORT_FORWARDED) | B(REPORT_NOT_OUR_AUTHORITY),
	[REPORT_VERIFIED] = B(REPORT_FORWARDED) | B(REPORT_IN_PROGRESS) | B(REPORT_ANSWERED) | B(REPORT_POSTPONED)
			    | B(REPORT_NOT_OUR_AUTHORITY),
	[REPORT_IN_PROGRESS] = B(REPORT_FORWARDED) | B(REPORT_ANSWERED) | B(REPORT_POSTPONED),
	[REPORT_POSTPONED] = B(REPORT_IN_PROGRESS) | B(REPORT_ANSWERED) | B(REPORT_FORWARDED),
	[REPORT_ANSWERED] = B(REPORT_CLOSED) | B(REPORT_IN_PROGRESS),
	[REPORT_NOT_OUR_AUTHORITY] = B(REPORT_CLOSED),
	[REPORT_CLOSED] = 0,
};

bool report_transition_allowed(enum report_status from, enum report_status to)
{
	if (from < 0 || from >= REPORT_STATUS_N || to < 0 || to >= REPORT_STATUS_N)
		return false;
	return (TRANSITIONS[from] & B(to)) != 0;
}

bool report_status_substantiated(enum report_status s)
{
	return s == REPORT_VERIFIED || s == REPORT_IN_PROGRESS || s == REPORT_POSTPONED || s == REPORT_ANSWERED;
}

/* ---- deadlines ---- */

static bool working(const struct calendar *cal, int32_t day)
{
	if (cal)
		return calendar_is_working_day(cal, day);
	return date_weekday(day) <= 5;
}

int32_t open311_add_working_days(const struct calendar *cal, int32_t day, int n)
{
	while (n > 0) {
		day++;
		if (working(cal, day))
			n--;
	}
	return day;
}

int64_t open311_working_deadline(const struct calendar *cal, int64_t t, int n)
{
	int32_t day;
	int minute;
	tz_local(t, TZ_WIB, &day, &minute);
	int32_t due = open311_add_working_days(cal, day, n);
	return t + (int64_t)(due - day) * 86400;
}

void open311_deadlines(const struct calendar *cal, const struct report_rules *r, int64_t received, bool kelurahan,
		       int64_t *verify_due, int64_t *answer_due)
{
	*verify_due = open311_working_deadline(cal, received, r->verify_days);
	if (kelurahan)
		*answer_due = received + (int64_t)r->kelurahan_hours * 3600;
	else
		*answer_due = open311_working_deadline(cal, received, r->verify_days + r->answer_days);
}

int64_t open311_answer_due_after_verify(const struct calendar *cal, const struct report_rules *r, int64_t received,
					 int64_t verified, bool kelurahan)
{
	if (kelurahan)
		return received + (int64_t)r->kelurahan_hours * 3600;
	return open311_working_deadline(cal, verified, r->answer_days);
}

bool open311_overdue(enum report_status s, int64_t verify_due, int64_t answer_due, int64_t now, const char **kind)
{
	if (report_status_is_closed(s))
		return false;
	if ((s == REPORT_RECEIVED || s == REPORT_FORWARDED) && now > verify_due) {
		*kind = "verify";
		return true;
	}
	if (now > answer_due) {
		*kind = "answer";
		return true;
	}
	return false;
}

/* ---- the "names a person" screen ---- */

static const char *const HONORIFICS[] = {
	"pak", "bu", "bapak", "ibu", "bpk", "sdr", "sdri", "saudara", "saudari", "mas", "mbak", "bang", "kak",
	"mr", "mrs", "ms", "mister", "madam", "oknum", "petugas bernama", NULL};

static bool word_boundary_before(const char *text, const char *p)
{
	return p == text || !isalnum((unsigned char)p[-1]);
}

/* An honorific (case-insensitive) followed by optional "." and spaces and a
 * capitalised word of 2+ letters. */
static bool honorific_name(const char *text)
{
	for (const char *p = text; *p; p++) {
		if (!word_boundary_before(text, p))
			continue;
		for (int i = 0; HONORIFICS[i]; i++) {
			size_t n = strlen(HONORIFICS[i]);
			if (strncasecmp(p, HONORIFICS[i], n) || isalnum((unsigned char)p[n]))
				continue;
			const char *q = p + n;
			if (*q == '.')
				q++;
			if (*q != ' ')
				continue;
			while (*q == ' ')
				q++;
			if (isupper((unsigned char)q[0]) && isalpha((unsigned char)q[1]))
				return true;
		}
	}
	return false;
}

/* A run of digits (spaces, dots and dashes allowed inside) of at least
 * min digits: a phone number (10+) or a NIP (18). */
static bool long_number(const char *text, int min)
{
	int digits = 0;
	for (const char *p = text;; p++) {
		if (isdigit((unsigned char)*p))
			digits++;
		else if (digits && (*p == ' ' || *p == '-' || *p == '.') && isdigit((unsigned char)p[1]))
			continue;
		else if (digits && *p == '+')
			continue;
		else {
			if (digits >= min)
				return true;
			digits = 0;
		}
		if (!*p)
			return false;
	}
}

static bool email_like(const char *text)
{
	for (const char *at = strchr(text, '@'); at; at = strchr(at + 1, '@'))
		if (at > text && isalnum((unsigned char)at[-1]) && strchr(at, '.') && isalnum((unsigned char)at[1]))
			return true;
	return false;
}

bool open311_names_people(const char *text)
{
	if (!text || !*text)
		return false;
	return honorific_name(text) || long_number(text, 10) || email_like(text);
}

/* ---- time text ---- */

void open311_format_wib(int64_t t, char out[32])
{
	int32_t day;
	int minute;
	tz_local(t, TZ_WIB, &day, &minute);
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	int64_t sec = ((t % 60) + 60) % 60;
	snprintf(out, 32, "%04d-%02d-%02dT%02d:%02d:%02d+07:00", y % 10000, (m % 13 + 13) % 13, (d % 32 + 32) % 32,
		 (minute / 60) % 24, minute % 60, (int)sec);
}

static bool digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

/* Parse the zone part: "", "Z", "+HH:MM", "+HHMM", "+HH"; minutes east of UTC. */
static bool parse_zone(const char *p, int *offset_min)
{
	if (!*p) {
		*offset_min = tz_offset_minutes(TZ_WIB);
		return true;
	}
	if (!strcmp(p, "Z") || !strcmp(p, "z")) {
		*offset_min = 0;
		return true;
	}
	int sign = *p == '+' ? 1 : *p == '-' ? -1 : 0, hh, mm = 0;
	if (!sign || !digits(p + 1, 2, &hh))
		return false;
	p += 3;
	if (*p == ':')
		p++;
	if (*p && (!digits(p, 2, &mm) || p[2]))
		return false;
	if (hh > 14 || mm > 59)
		return false;
	*offset_min = sign * (hh * 60 + mm);
	return true;
}

bool open311_parse_datetime(const char *s, int64_t *t)
{
	char date[11];
	int32_t day;
	if (!s || strlen(s) < 10)
		return false;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (!date_parse(date, &day))
		return false;
	const char *p = s + 10;
	int hh = 0, mi = 0, ss = 0, off;
	if (*p == 'T' || *p == 't' || *p == ' ') {
		if (!digits(p + 1, 2, &hh) || p[3] != ':' || !digits(p + 4, 2, &mi))
			return false;
		p += 6;
		if (*p == ':') {
			if (!digits(p + 1, 2, &ss))
				return false;
			p += 3;
			if (*p == '.') {
				p++;
				while (isdigit((unsigned char)*p))
					p++;
			}
		}
		if (hh > 23 || mi > 59 || ss > 60)
			return false;
	} else if (*p) {
		return false;
	}
	if (!parse_zone(p, &off))
		return false;
	*t = (int64_t)day * 86400 + hh * 3600 + mi * 60 + ss - (int64_t)off * 60;
	return true;
}

/* ---- figures ---- */

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

double open311_median(int64_t *v, size_t n)
{
	if (!n)
		return 0;
	qsort(v, n, sizeof *v, cmp_i64);
	return n % 2 ? (double)v[n / 2] : ((double)v[n / 2 - 1] + (double)v[n / 2]) / 2.0;
}

bool open311_suppressed(long people, int min_group)
{
	return people < min_group;
}
