/* test_demo.c - the demo organisation generator: the shape of Pemprov DKI
 * Jakarta at the default size (44 kecamatan, 267 kelurahan, the head count
 * within 2%), every record valid by the org rules, references that point
 * backwards (parents before children, supervisors before staff), unique
 * codes and NIPs, determinism, the well-known people, small and large
 * targets, and a sink that stops the stream. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "domain/demo.h"
#include "domain/nip.h"
#include "domain/org.h"

/* ------------------------------------------------------------------ */
/* A set of short strings (unit codes, NIPs) mapping each to an index. */

#define KEY_MAX 40

struct strset {
	char (*key)[KEY_MAX];
	long *val;
	size_t cap;
};

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++) {
		h ^= b[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

static void strset_init(struct strset *s, size_t expected)
{
	s->cap = 1024;
	while (s->cap < expected * 2)
		s->cap *= 2;
	s->key = calloc(s->cap, sizeof s->key[0]);
	s->val = calloc(s->cap, sizeof s->val[0]);
	assert_non_null(s->key);
	assert_non_null(s->val);
}

static void strset_free(struct strset *s)
{
	free(s->key);
	free(s->val);
}

/* Slot of key: where it is, or the empty slot where it would go. */
static size_t strset_slot(const struct strset *s, const char *key)
{
	size_t h = (size_t)fnv(0xcbf29ce484222325ULL, key, strlen(key)) & (s->cap - 1);
	while (s->key[h][0] != '\0' && strcmp(s->key[h], key) != 0)
		h = (h + 1) & (s->cap - 1);
	return h;
}

static long strset_get(const struct strset *s, const char *key)
{
	if (key == NULL || key[0] == '\0')
		return -1;
	size_t h = strset_slot(s, key);
	return s->key[h][0] != '\0' ? s->val[h] : -1;
}

/* Add key with value v; false when it was already there. */
static bool strset_add(struct strset *s, const char *key, long v)
{
	size_t h = strset_slot(s, key);
	if (s->key[h][0] != '\0')
		return false;
	snprintf(s->key[h], KEY_MAX, "%s", key);
	s->val[h] = v;
	return true;
}

/* ------------------------------------------------------------------ */
/* A sink that checks everything as it streams by and keeps a summary. */

struct unit_rec {
	char code[ORG_CODE_MAX + 1];
	long parent;             /* index, -1 for the root */
	char kind[24];
	bool f2f;
	char open[6], close[6];
	double lat, lon;
	long staff;
	char head_nip[ORG_NIP_LEN + 1];
	char head_kind[16];
};

struct emp_rec {
	char supervisor[ORG_NIP_LEN + 1];
	char position[80];
	char kind[16];
	long unit;
};

struct collect {
	struct strset codes, nips;
	struct unit_rec *u;
	long nu, cu;
	struct emp_rec *e;
	long ne, ce;
	uint64_t unit_hash, emp_hash;
	long faults;
	char first_fault[400];
	long no_supervisor;
	long pns, cpns, pppk;
	long stop_after;         /* return stop_rc at this call, or never (-1) */
	int stop_rc;
	long calls;
};

static void fault(struct collect *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void fault(struct collect *c, const char *fmt, ...)
{
	if (c->faults++ == 0) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(c->first_fault, sizeof c->first_fault, fmt, ap);
		va_end(ap);
	}
}

static uint64_t hash_str(uint64_t h, const char *s)
{
	if (s == NULL)
		return fnv(h, "\1", 1);
	return fnv(h, s, strlen(s) + 1);
}

static uint64_t hash_num(uint64_t h, double v)
{
	return fnv(h, &v, sizeof v);
}

static void collect_init(struct collect *c, long employees)
{
	memset(c, 0, sizeof *c);
	strset_init(&c->codes, 8192);
	strset_init(&c->nips, (size_t)employees + 8192);
	c->cu = 8192;
	c->u = calloc((size_t)c->cu, sizeof c->u[0]);
	c->ce = employees + 8192;
	c->e = calloc((size_t)c->ce, sizeof c->e[0]);
	assert_non_null(c->u);
	assert_non_null(c->e);
	c->unit_hash = c->emp_hash = 0xcbf29ce484222325ULL;
	c->stop_after = -1;
}

static void collect_free(struct collect *c)
{
	strset_free(&c->codes);
	strset_free(&c->nips);
	free(c->u);
	free(c->e);
}

static int stop_check(struct collect *c)
{
	return c->calls++ == c->stop_after ? c->stop_rc : 0;
}

static uint64_t hash_unit(uint64_t h, const struct org_unit *u)
{
	h = hash_str(h, u->code);
	h = hash_str(h, u->name);
	h = hash_str(h, u->parent_code);
	h = hash_str(h, u->kind);
	h = hash_num(h, u->face_to_face);
	h = hash_num(h, u->lat);
	h = hash_num(h, u->lon);
	h = hash_num(h, u->radius_m);
	h = hash_str(h, u->service_open);
	return hash_str(h, u->service_close);
}

static uint64_t hash_employee(uint64_t h, const struct org_employee *e)
{
	h = hash_str(h, e->nip);
	h = hash_str(h, e->name);
	h = hash_str(h, e->employment);
	h = hash_str(h, e->golongan);
	h = hash_str(h, e->position_name);
	h = hash_str(h, e->position_kind);
	h = hash_str(h, e->unit_code);
	h = hash_str(h, e->supervisor_nip);
	h = hash_str(h, e->appointed_on);
	h = hash_num(h, e->domicile_lat);
	h = hash_num(h, e->domicile_lon);
	return hash_num(h, e->active);
}

static int on_unit(void *ctx, const struct org_unit *u)
{
	struct collect *c = ctx;
	struct org_problem p[4];
	if (org_validate_unit(u, p, 4) != 0)
		fault(c, "unit %s: %s: %s", u->code, p[0].field, p[0].message_en);
	long parent = strset_get(&c->codes, u->parent_code);
	if (parent < 0 && !(c->nu == 0 && u->parent_code == NULL))
		fault(c, "unit %s: parent %s not seen before", u->code,
			u->parent_code ? u->parent_code : "(none)");
	if (c->nu >= c->cu || !strset_add(&c->codes, u->code, c->nu)) {
		fault(c, "unit %s: duplicate code (or too many units)", u->code);
		return stop_check(c);
	}
	struct unit_rec *r = &c->u[c->nu++];
	snprintf(r->code, sizeof r->code, "%s", u->code);
	r->parent = parent;
	snprintf(r->kind, sizeof r->kind, "%s", u->kind);
	r->f2f = u->face_to_face;
	snprintf(r->open, sizeof r->open, "%s", u->service_open ? u->service_open : "");
	snprintf(r->close, sizeof r->close, "%s", u->service_close ? u->service_close : "");
	r->lat = u->lat;
	r->lon = u->lon;
	c->unit_hash = hash_unit(c->unit_hash, u);
	return stop_check(c);
}

static void count_employment(struct collect *c, const char *employment)
{
	if (strcmp(employment, "pns") == 0)
		c->pns++;
	else if (strcmp(employment, "cpns") == 0)
		c->cpns++;
	else
		c->pppk++;
}

/* The first employee of a unit is its head, reporting outside the unit;
 * everyone after reports to that head. */
static void check_unit_chain(struct collect *c, const struct org_employee *e, long unit)
{
	struct unit_rec *u = &c->u[unit];
	const char *sup = e->supervisor_nip;
	if (u->staff++ == 0) {
		snprintf(u->head_nip, sizeof u->head_nip, "%s", e->nip);
		snprintf(u->head_kind, sizeof u->head_kind, "%s", e->position_kind);
		long s = strset_get(&c->nips, sup);
		if (s >= 0 && c->e[s].unit == unit)
			fault(c, "head %s of %s reports inside the unit", e->nip, u->code);
		return;
	}
	if (sup == NULL || strcmp(sup, u->head_nip) != 0)
		fault(c, "%s in %s does not report to the head %s", e->nip, u->code, u->head_nip);
}

static int on_employee(void *ctx, const struct org_employee *e)
{
	struct collect *c = ctx;
	struct org_problem p[4];
	if (org_validate_employee(e, p, 4) != 0)
		fault(c, "employee %s: %s: %s", e->nip, p[0].field, p[0].message_en);
	long unit = strset_get(&c->codes, e->unit_code);
	if (unit < 0) {
		fault(c, "employee %s: unknown unit %s", e->nip, e->unit_code);
		return stop_check(c);
	}
	if (e->supervisor_nip == NULL)
		c->no_supervisor++;
	else if (strset_get(&c->nips, e->supervisor_nip) < 0)
		fault(c, "employee %s: supervisor %s not seen before", e->nip, e->supervisor_nip);
	if (c->ne >= c->ce || !strset_add(&c->nips, e->nip, c->ne)) {
		fault(c, "employee %s: duplicate NIP (or too many)", e->nip);
		return stop_check(c);
	}
	struct emp_rec *r = &c->e[c->ne++];
	snprintf(r->supervisor, sizeof r->supervisor, "%s", e->supervisor_nip ? e->supervisor_nip : "");
	snprintf(r->position, sizeof r->position, "%s", e->position_name);
	snprintf(r->kind, sizeof r->kind, "%s", e->position_kind);
	r->unit = unit;
	check_unit_chain(c, e, unit);
	count_employment(c, e->employment);
	c->emp_hash = hash_employee(c->emp_hash, e);
	return stop_check(c);
}

static int run(struct collect *c, long employees, uint64_t seed, struct demo_people *people)
{
	collect_init(c, employees != 0 ? employees : DEMO_DEFAULT_EMPLOYEES);
	struct demo_options opt = { employees, seed };
	struct demo_sink sink = { c, on_unit, on_employee };
	memset(people, 0, sizeof *people);
	return demo_generate(&opt, &sink, people);
}

static void assert_clean(const struct collect *c)
{
	if (c->faults != 0)
		fail_msg("%ld faults, first: %s", c->faults, c->first_fault);
	assert_int_equal(c->no_supervisor, 1); /* only the Sekretaris Daerah */
}

static void assert_near_target(long got, long target)
{
	if (got < target - target / 50 || got > target + target / 50)
		fail_msg("%ld employees, want %ld +- 2%%", got, target);
}

static long count_kind(const struct collect *c, const char *kind)
{
	long n = 0;
	for (long i = 0; i < c->nu; i++)
		n += strcmp(c->u[i].kind, kind) == 0;
	return n;
}

static long unit_index(const struct collect *c, const char *code)
{
	return strset_get(&c->codes, code);
}

/* Whether unit i lies in the subtree of unit top (top included). */
static bool in_subtree(const struct collect *c, long i, long top)
{
	for (; i >= 0; i = c->u[i].parent)
		if (i == top)
			return true;
	return false;
}

/* People working in the subtree of the unit with this code. */
static long staff_below(const struct collect *c, const char *code)
{
	long top = unit_index(c, code), n = 0;
	for (long i = 0; top >= 0 && i < c->nu; i++)
		if (in_subtree(c, i, top))
			n += c->u[i].staff;
	return n;
}

static long staff_of_kind(const struct collect *c, const char *kind)
{
	long n = 0;
	for (long i = 0; i < c->nu; i++)
		if (strcmp(c->u[i].kind, kind) == 0)
			n += c->u[i].staff;
	return n;
}

/* demo_people: filled, and consistent with what was streamed. */
static void check_people(const struct collect *c, const struct demo_people *p)
{
	assert_string_equal(p->admin_unit, "BKD");
	assert_string_equal(p->kepala_opd_unit, "BAPPEDA");
	assert_string_equal(p->inspektorat_unit, "INSPEKTORAT");
	assert_true(nip_valid(p->kepala_opd_nip));
	assert_true(nip_valid(p->atasan_nip));
	assert_true(nip_valid(p->pegawai_nip));
	assert_true(nip_valid(p->inspektur_nip));
	long kepala = strset_get(&c->nips, p->kepala_opd_nip);
	long atasan = strset_get(&c->nips, p->atasan_nip);
	long pegawai = strset_get(&c->nips, p->pegawai_nip);
	long inspektur = strset_get(&c->nips, p->inspektur_nip);
	assert_true(kepala >= 0 && atasan >= 0 && pegawai >= 0 && inspektur >= 0);
	assert_string_equal(c->e[kepala].position, "Kepala Badan Perencanaan Pembangunan Daerah");
	assert_int_equal(c->e[kepala].unit, unit_index(c, "BAPPEDA"));
	assert_string_equal(c->e[inspektur].position, "Inspektur Provinsi");
	assert_int_equal(c->e[inspektur].unit, unit_index(c, "INSPEKTORAT"));
	assert_string_equal(c->e[atasan].kind, "administrator");
	assert_true(strncmp(c->e[atasan].position, "Kepala Bidang ", 14) == 0);
	assert_true(in_subtree(c, c->e[atasan].unit, unit_index(c, "BAPPEDA")));
	assert_string_equal(c->e[atasan].supervisor, p->kepala_opd_nip);
	assert_string_equal(c->e[pegawai].position, "Perencana Ahli Muda");
	assert_string_equal(c->e[pegawai].kind, "fungsional");
	assert_string_equal(c->e[pegawai].supervisor, p->atasan_nip);
	assert_true(c->u[unit_index(c, "BKD")].staff >= 3);
}

/* ------------------------------------------------------------------ */

/* Offices inside Jakarta, or on the islands of Kepulauan Seribu. */
static void check_places(const struct collect *c)
{
	for (long i = 0; i < c->nu; i++) {
		double lat = c->u[i].lat, lon = c->u[i].lon;
		bool mainland = lat >= -6.37 && lat <= -6.08 && lon >= 106.68 && lon <= 106.98;
		bool islands = lat >= -6.0 && lat <= -5.5 && lon >= 106.45 && lon <= 106.75;
		if (!mainland && !islands)
			fail_msg("%s at %.4f, %.4f is outside Jakarta", c->u[i].code, lat, lon);
	}
}

/* Face-to-face offices: every kecamatan and kelurahan (08:00-15:00), the
 * puskesmas, and the Dukcapil counters. */
static void check_face_to_face(const struct collect *c)
{
	long dukcapil = unit_index(c, "DUKCAPIL"), counters = 0, puskesmas = 0;
	for (long i = 0; i < c->nu; i++) {
		const struct unit_rec *u = &c->u[i];
		if (strcmp(u->kind, "kecamatan") == 0 || strcmp(u->kind, "kelurahan") == 0) {
			assert_true(u->f2f);
			assert_string_equal(u->open, "08:00");
			assert_string_equal(u->close, "15:00");
		}
		puskesmas += strcmp(u->kind, "puskesmas") == 0 && u->f2f;
		counters += i != dukcapil && in_subtree(c, i, dukcapil) && u->f2f;
		if (!u->f2f)
			assert_string_equal(u->open, "");
	}
	assert_int_equal(puskesmas, count_kind(c, "puskesmas"));
	assert_true(puskesmas >= 300);
	assert_true(counters >= 44);
}

/* Heads: the right level for each kind of unit. */
static void check_heads(const struct collect *c)
{
	static const struct { const char *unit, *head; } want[] = {
		{ "sekretariat_daerah", "jpt_madya" }, { "dinas", "jpt_pratama" },
		{ "badan", "jpt_pratama" }, { "biro", "jpt_pratama" }, { "kota", "jpt_pratama" },
		{ "kecamatan", "administrator" }, { "bidang", "administrator" },
		{ "suku_dinas", "administrator" }, { "kelurahan", "pengawas" },
		{ "sekolah", "pengawas" }, { "puskesmas", "pengawas" }, { "seksi", "pengawas" },
	};
	for (long i = 0; i < c->nu; i++)
		for (size_t w = 0; w < sizeof want / sizeof want[0]; w++)
			if (c->u[i].staff > 0 && strcmp(c->u[i].kind, want[w].unit) == 0 &&
				strcmp(c->u[i].head_kind, want[w].head) != 0)
				fail_msg("head of %s is %s", c->u[i].code, c->u[i].head_kind);
}

/* Who works where, roughly as in reality: schools, then health, then
 * kecamatan and kelurahan, then the fire service, then Satpol PP. */
static void check_head_counts(const struct collect *c)
{
	long schools = staff_of_kind(c, "sekolah");
	long health = staff_of_kind(c, "rsud") + staff_of_kind(c, "puskesmas");
	long wilayah = staff_of_kind(c, "kecamatan") + staff_of_kind(c, "kelurahan");
	long fire = staff_below(c, "GULKARMAT");
	long satpol = staff_below(c, "SATPOLPP");
	assert_true(schools > health);
	assert_true(health > wilayah);
	assert_true(wilayah > fire);
	assert_true(fire > satpol);
	assert_true(satpol > staff_below(c, "BKD"));
	assert_true(schools > c->ne / 4);
}

static void test_default_size(void **state)
{
	(void)state;
	struct collect c;
	struct demo_people people;
	assert_int_equal(run(&c, 0, 42, &people), 0);
	assert_clean(&c);
	assert_near_target(c.ne, DEMO_DEFAULT_EMPLOYEES);
	assert_int_equal(count_kind(&c, "kecamatan"), 44);
	assert_int_equal(count_kind(&c, "kelurahan"), 267);
	assert_int_equal(count_kind(&c, "kota"), 5);
	assert_int_equal(count_kind(&c, "kabupaten"), 1);
	assert_int_equal(count_kind(&c, "sekretariat_daerah"), 1);
	assert_int_equal(count_kind(&c, "sekretariat_dprd"), 1);
	assert_int_equal(count_kind(&c, "inspektorat"), 1);
	assert_true(count_kind(&c, "biro") >= 7);
	assert_true(count_kind(&c, "dinas") >= 20);
	assert_true(count_kind(&c, "badan") >= 8);
	assert_true(count_kind(&c, "sekolah") >= 1000);
	assert_true(count_kind(&c, "rsud") >= 6);
	for (long i = 0; i < c.nu; i++)
		if (strcmp(c.u[i].kind, "lainnya") != 0 && c.u[i].staff == 0)
			fail_msg("%s has nobody", c.u[i].code);
	/* Kepulauan Seribu: 2 kecamatan, 6 kelurahan. */
	long kab = unit_index(&c, "KAB-KEPSERIBU"), kec = 0, kel = 0;
	for (long i = 0; i < c.nu; i++) {
		kec += strcmp(c.u[i].kind, "kecamatan") == 0 && in_subtree(&c, i, kab);
		kel += strcmp(c.u[i].kind, "kelurahan") == 0 && in_subtree(&c, i, kab);
	}
	assert_int_equal(kec, 2);
	assert_int_equal(kel, 6);
	/* About 85% PNS, 5% CPNS, 10% PPPK. */
	assert_true(c.pns * 100 > c.ne * 80 && c.pns * 100 < c.ne * 90);
	assert_true(c.cpns * 100 > c.ne * 3 && c.cpns * 100 < c.ne * 8);
	assert_true(c.pppk * 100 > c.ne * 7 && c.pppk * 100 < c.ne * 13);
	check_people(&c, &people);
	check_places(&c);
	check_face_to_face(&c);
	check_heads(&c);
	check_head_counts(&c);
	collect_free(&c);
}

static void test_determinism(void **state)
{
	(void)state;
	struct collect a, b, d;
	struct demo_people pa, pb, pd;
	assert_int_equal(run(&a, 20000, 7, &pa), 0);
	assert_int_equal(run(&b, 20000, 7, &pb), 0);
	assert_int_equal(run(&d, 20000, 8, &pd), 0);
	assert_clean(&d);
	assert_true(a.unit_hash == b.unit_hash);
	assert_true(a.emp_hash == b.emp_hash);
	assert_memory_equal(&pa, &pb, sizeof pa);
	/* The structure depends only on the size; people on the seed. */
	assert_true(d.unit_hash == a.unit_hash);
	assert_true(d.emp_hash != a.emp_hash);
	assert_string_not_equal(pd.kepala_opd_nip, pa.kepala_opd_nip);
	long shared = 0;
	for (size_t h = 0; h < a.nips.cap; h++)
		shared += a.nips.key[h][0] != '\0' && strset_get(&d.nips, a.nips.key[h]) >= 0;
	assert_true(shared < a.ne / 10);
	collect_free(&a);
	collect_free(&b);
	collect_free(&d);
}

/* The smallest organisations keep the top structure with a few people. */
static void check_small(long employees)
{
	struct collect c;
	struct demo_people people;
	assert_int_equal(run(&c, employees, 1, &people), 0);
	assert_clean(&c);
	assert_near_target(c.ne, employees);
	static const char *const top[] = { "SETDA", "BKD", "BAPPEDA", "INSPEKTORAT" };
	for (size_t i = 0; i < sizeof top / sizeof top[0]; i++) {
		long u = unit_index(&c, top[i]);
		assert_true(u >= 0);
		assert_true(c.u[u].staff >= 3);
	}
	assert_true(count_kind(&c, "kecamatan") < 44);
	assert_true(c.nu < employees);
	check_people(&c, &people);
	check_places(&c);
	collect_free(&c);
}

static void test_small_targets(void **state)
{
	(void)state;
	check_small(DEMO_MIN_EMPLOYEES);
	check_small(300);
	check_small(1000);
}

static void test_other_sizes(void **state)
{
	(void)state;
	static const long sizes[] = { 5000, 30000, 150000 };
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		struct collect c;
		struct demo_people people;
		assert_int_equal(run(&c, sizes[i], 3, &people), 0);
		assert_clean(&c);
		assert_near_target(c.ne, sizes[i]);
		check_people(&c, &people);
		if (sizes[i] >= 30000)
			assert_int_equal(count_kind(&c, "kelurahan"), 267);
		collect_free(&c);
	}
}

/* A large organisation streams without holding its people: count only. */
struct counter {
	long units, employees;
};

static int count_unit(void *ctx, const struct org_unit *u)
{
	(void)u;
	((struct counter *)ctx)->units++;
	return 0;
}

static int count_employee(void *ctx, const struct org_employee *e)
{
	(void)e;
	((struct counter *)ctx)->employees++;
	return 0;
}

static void test_large(void **state)
{
	(void)state;
	struct counter n = { 0, 0 };
	struct demo_options opt = { 1000000, 5 };
	struct demo_sink sink = { &n, count_unit, count_employee };
	struct demo_people people;
	assert_int_equal(demo_generate(&opt, &sink, &people), 0);
	assert_near_target(n.employees, opt.employees);
	assert_true(n.units > 3000);
	assert_true(nip_valid(people.pegawai_nip));
}

static void test_bad_arguments(void **state)
{
	(void)state;
	struct counter n = { 0, 0 };
	struct demo_sink sink = { &n, count_unit, count_employee };
	struct demo_options opt = { DEMO_MIN_EMPLOYEES - 1, 0 };
	assert_int_equal(demo_generate(&opt, &sink, NULL), ERR_INVALID);
	opt.employees = DEMO_MAX_EMPLOYEES + 1;
	assert_int_equal(demo_generate(&opt, &sink, NULL), ERR_INVALID);
	opt.employees = -5;
	assert_int_equal(demo_generate(&opt, &sink, NULL), ERR_INVALID);
	opt.employees = 1000;
	assert_int_equal(demo_generate(&opt, NULL, NULL), ERR_INVALID);
	assert_int_equal(n.units + n.employees, 0);
	/* No options: the default size; no callbacks: nothing streamed. */
	struct demo_sink quiet = { NULL, NULL, NULL };
	struct demo_people people;
	memset(&people, 0, sizeof people);
	assert_int_equal(demo_generate(NULL, &quiet, &people), 0);
	assert_true(nip_valid(people.atasan_nip));
}

/* A sink that refuses stops the stream, and its code comes back. */
static void test_sink_stops(void **state)
{
	(void)state;
	static const struct { long after; int rc, want; } cases[] = {
		{ 10, ERR_DB, ERR_DB },         /* during the units */
		{ 2000, -77, -77 },             /* during the employees */
		{ 0, 1, ERR_INVALID },          /* a positive refusal */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct collect c;
		struct demo_people people;
		collect_init(&c, 3000);
		c.stop_after = cases[i].after;
		c.stop_rc = cases[i].rc;
		struct demo_options opt = { 3000, 1 };
		struct demo_sink sink = { &c, on_unit, on_employee };
		assert_int_equal(demo_generate(&opt, &sink, &people), cases[i].want);
		assert_int_equal(c.calls, cases[i].after + 1);
		collect_free(&c);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_size),
		cmocka_unit_test(test_determinism),
		cmocka_unit_test(test_small_targets),
		cmocka_unit_test(test_other_sizes),
		cmocka_unit_test(test_large),
		cmocka_unit_test(test_bad_arguments),
		cmocka_unit_test(test_sink_stops),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
