/* eligibility.c (store) - loading the eligibility world for one date and
 * resolving it in memory (see store/eligibility.h).
 *
 * About ten queries whatever the number of employees; every date filter is
 * done in SQL on "YYYY-MM-DD" text, which sorts as dates in both engines. */
#include "store/eligibility.h"
#include "core/err.h"
#include "core/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const elig_excluded_groups[] = {"tni", "polri", "perwakilan_luar_negeri", NULL};

static const char SQL_INSTANSI[] = "SELECT id, code, flexible_work FROM instansi ORDER BY id";
static const char SQL_POLICIES[] =
	"SELECT id, instansi_id, version, valid_from, flexible_work_enabled, modes, max_remote_days_per_week,"
	" max_share_away_pct, new_employee_months, legal_reference FROM policy_version"
	" WHERE valid_from <= $1 ORDER BY instansi_id, valid_from DESC, id DESC";
static const char SQL_OVERRIDES[] =
	"SELECT o.policy_id, o.unit_id, u.path, u.code, o.flexible_work_enabled IS NOT NULL,"
	" COALESCE(o.flexible_work_enabled, FALSE), COALESCE(o.modes, ''), o.modes IS NOT NULL,"
	" COALESCE(o.max_remote_days_per_week, -1), COALESCE(o.max_share_away_pct, -1)"
	" FROM policy_unit_override o JOIN unit u ON u.id = o.unit_id JOIN policy_version p ON p.id = o.policy_id"
	" WHERE p.valid_from <= $1 ORDER BY LENGTH(u.path), u.path";
static const char SQL_UNITS[] =
	"SELECT id, COALESCE(parent_id, 0), instansi_id, code, name, path, kind, face_to_face FROM unit"
	" WHERE CAST($1 AS BIGINT) = 0 OR id = (SELECT unit_id FROM employee WHERE id = $1) ORDER BY path";
static const char SQL_POSITIONS[] =
	"SELECT id, name, kind FROM position"
	" WHERE CAST($1 AS BIGINT) = 0 OR id = (SELECT position_id FROM employee WHERE id = $1)";
static const char SQL_CORRECTIONS[] =
	"SELECT pp.id, pp.position_id, COALESCE(pp.unit_id, 0), COALESCE(u.path, ''), COALESCE(u.code, ''),"
	 " pp.revert, pp.family, pp.criteria, pp.time_kinds, pp.reason, pp.created_by, pp.valid_from, pp.created_at"
	" FROM position_profile pp LEFT JOIN unit u ON u.id = pp.unit_id"
	" WHERE pp.valid_from <= $1 ORDER BY pp.valid_from, pp.id";
static const char SQL_EMPLOYEES[] =
	"SELECT e.id, e.nip, e.name, e.unit_id, e.position_id, e.employment, e.appointed_on,"
	" e.domicile_lat IS NOT NULL FROM employee e JOIN unit u ON u.id = e.unit_id"
	" WHERE (CAST($1 AS BIGINT) = 0 AND e.active = TRUE AND u.path LIKE CAST($2 AS TEXT) || '%') OR e.id = $1"
	" ORDER BY u.path, e.nip";
static const char SQL_OPEN_CASES[] =
	"SELECT employee_id, id FROM discipline_case WHERE opened_on <= $1"
	" AND (status = 'open' OR (closed_on IS NOT NULL AND closed_on > $1)) ORDER BY id";
static const char SQL_SANCTIONS[] =
	"SELECT employee_id, sanction_code, COALESCE(sanction_until, '') FROM discipline_case"
	" WHERE sanction_code IS NOT NULL AND sanction_code <> '' AND COALESCE(sanction_from, opened_on) <= $1"
	" AND (sanction_until IS NULL OR sanction_until >= $1)";
static const char SQL_EXCEPTIONS[] =
	"SELECT id, employee_id, decision, justification, decided_by, decided_at, valid_from, valid_until"
	" FROM eligibility_exception WHERE valid_from <= $1 AND valid_until >= $1"
	" AND (revoked_at IS NULL OR SUBSTR(revoked_at, 1, 10) > $1) ORDER BY decided_at, id";
static const char SQL_SPECIALS[] =
	"SELECT id, employee_id, period_from, period_to, COALESCE(decided_by, '') FROM special_request"
	" WHERE status = 'approved' AND period_from <= $1 AND period_to >= $1 ORDER BY decided_at, id";
static const char SQL_EXCLUSIONS[] =
	"SELECT employee_id, group_code FROM employee_exclusion WHERE valid_from <= $1"
	" AND (valid_until IS NULL OR valid_until >= $1)";

static void copy(char *dst, size_t cap, const char *src)
{
	snprintf(dst, cap, "%s", src);
}

/* Grow *arr (of elements of size sz) so that index n fits. */
static void *grow(void *arr, int n, int *cap, size_t sz)
{
	if (n < *cap)
		return arr;
	*cap = *cap ? *cap * 2 : 64;
	return xrealloc(arr, (size_t)*cap * sz);
}

bool elig_kinds_parse(const char *text, unsigned *kinds)
{
	*kinds = 0;
	char word[32];
	const char *p = text ? text : "";
	while (*p) {
		size_t n = strcspn(p, ",");
		if (n == 0 || n >= sizeof word)
			return false;
		memcpy(word, p, n);
		word[n] = '\0';
		int k = elig_kind_parse(word);
		if (k < 0)
			return false;
		*kinds |= ELIG_KIND_BIT(k);
		p += n;
		if (*p == ',')
			p++;
	}
	return true;
}

void elig_kinds_format(unsigned kinds, char *out, size_t cap)
{
	size_t n = 0;
	out[0] = '\0';
	for (int k = 0; k < ELIG_KINDS_N; k++)
		if (kinds & ELIG_KIND_BIT(k))
			n += (size_t)snprintf(out + n, n < cap ? cap - n : 0, "%s%s", n ? "," : "",
					      elig_kind_name((enum elig_kind)k));
}

static int load_instansi(struct db_conn *c, struct elig_world *w)
{
	struct db_stmt *s = db_prepare(c, SQL_INSTANSI);
	if (!s)
		return ERR_DB;
	int rc, cap = 0;
	while ((rc = db_step(s)) == 1) {
		w->inst = grow(w->inst, w->ninst, &cap, sizeof *w->inst);
		struct elig_winstansi *i = &w->inst[w->ninst++];
		i->id = db_col_int(s, 0);
		copy(i->code, sizeof i->code, db_col_text(s, 1));
		i->flexible_work = db_col_bool(s, 2);
		i->policy = -1;
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

/* The first row per instansi is the version in force (ordered newest first). */
static int load_policies(struct db_conn *c, struct elig_world *w)
{
	struct db_stmt *s = db_prepare(c, SQL_POLICIES);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, w->date);
	int rc, cap = 0;
	while ((rc = db_step(s)) == 1) {
		int64_t inst = db_col_int(s, 1);
		if (w->npol && w->pol[w->npol - 1].instansi_id == inst)
			continue;
		w->pol = grow(w->pol, w->npol, &cap, sizeof *w->pol);
		struct elig_wpolicy *p = &w->pol[w->npol++];
		memset(p, 0, sizeof *p);
		p->id = db_col_int(s, 0);
		p->instansi_id = inst;
		p->version = (int)db_col_int(s, 2);
		copy(p->valid_from, sizeof p->valid_from, db_col_text(s, 3));
		p->enabled = db_col_bool(s, 4);
		if (!elig_kinds_parse(db_col_text(s, 5), &p->kinds))
			p->kinds = 0;
		p->max_remote_days_per_week = (int)db_col_int(s, 6);
		p->max_share_away_pct = (int)db_col_int(s, 7);
		p->new_employee_months = (int)db_col_int(s, 8);
		p->legal_reference = xstrdup(db_col_text(s, 9));
	}
	db_reset(s);
	for (int i = 0; i < w->ninst; i++)
		for (int k = 0; k < w->npol; k++)
			if (w->pol[k].instansi_id == w->inst[i].id)
				w->inst[i].policy = k;
	return rc < 0 ? rc : 0;
}

static bool policy_in_force(const struct elig_world *w, int64_t policy_id)
{
	for (int i = 0; i < w->npol; i++)
		if (w->pol[i].id == policy_id)
			return true;
	return false;
}

static int load_overrides(struct db_conn *c, struct elig_world *w)
{
	struct db_stmt *s = db_prepare(c, SQL_OVERRIDES);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, w->date);
	int rc, cap = 0;
	while ((rc = db_step(s)) == 1) {
		if (!policy_in_force(w, db_col_int(s, 0)))
			continue;
		w->ov = grow(w->ov, w->nov, &cap, sizeof *w->ov);
		struct elig_woverride *o = &w->ov[w->nov++];
		memset(o, 0, sizeof *o);
		o->policy_id = db_col_int(s, 0);
		o->unit_id = db_col_int(s, 1);
		o->unit_path = xstrdup(db_col_text(s, 2));
		o->unit_code = xstrdup(db_col_text(s, 3));
		o->ov.has_enabled = db_col_bool(s, 4);
		o->ov.enabled = db_col_bool(s, 5);
		o->ov.has_kinds = db_col_bool(s, 7) && elig_kinds_parse(db_col_text(s, 6), &o->ov.kinds);
		o->ov.max_remote_days_per_week = (int)db_col_int(s, 8);
		o->ov.max_share_away_pct = (int)db_col_int(s, 9);
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static int load_units(struct db_conn *c, struct elig_world *w, int64_t employee_id)
{
	struct db_stmt *s = db_prepare(c, SQL_UNITS);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, employee_id);
	int rc, cap = 0;
	while ((rc = db_step(s)) == 1) {
		w->units = grow(w->units, w->nunits, &cap, sizeof *w->units);
		struct elig_wunit *u = &w->units[w->nunits++];
		memset(u, 0, sizeof *u);
		u->id = db_col_int(s, 0);
		u->parent_id = db_col_int(s, 1);
		u->instansi_id = db_col_int(s, 2);
		u->code = xstrdup(db_col_text(s, 3));
		u->name = xstrdup(db_col_text(s, 4));
		u->path = xstrdup(db_col_text(s, 5));
		u->kind = xstrdup(db_col_text(s, 6));
		u->face_to_face = db_col_bool(s, 7);
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static int load_positions(struct db_conn *c, struct elig_world *w, int64_t employee_id)
{
	struct db_stmt *s = db_prepare(c, SQL_POSITIONS);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, employee_id);
	int rc, cap = 0;
	while ((rc = db_step(s)) == 1) {
		w->pos = grow(w->pos, w->npos, &cap, sizeof *w->pos);
		struct elig_wposition *p = &w->pos[w->npos++];
		memset(p, 0, sizeof *p);
		p->id = db_col_int(s, 0);
		p->name = xstrdup(db_col_text(s, 1));
		p->kind = xstrdup(db_col_text(s, 2));
		jobclass_classify_name(p->name, p->kind, &p->by_name);
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

/* ---- id indexes ---- */

struct id_pair {
	int64_t id;
	int idx;
};

static int cmp_pair(const void *a, const void *b)
{
	int64_t x = ((const struct id_pair *)a)->id, y = ((const struct id_pair *)b)->id;
	return (x > y) - (x < y);
}

/* Build a sorted id index over n records whose id is at ids(i). */
static void build_index(int n, int64_t (*id_of)(const struct elig_world *, int), const struct elig_world *w,
			int64_t **ids, int **order)
{
	struct id_pair *p = xmalloc((size_t)(n ? n : 1) * sizeof *p);
	for (int i = 0; i < n; i++)
		p[i] = (struct id_pair){id_of(w, i), i};
	qsort(p, (size_t)n, sizeof *p, cmp_pair);
	*ids = xmalloc((size_t)(n ? n : 1) * sizeof **ids);
	*order = xmalloc((size_t)(n ? n : 1) * sizeof **order);
	for (int i = 0; i < n; i++) {
		(*ids)[i] = p[i].id;
		(*order)[i] = p[i].idx;
	}
	free(p);
}

static int lookup(const int64_t *ids, const int *order, int n, int64_t id)
{
	int lo = 0, hi = n - 1;
	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;
		if (ids[mid] == id)
			return order[mid];
		if (ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

static int64_t unit_id_of(const struct elig_world *w, int i) { return w->units[i].id; }
static int64_t pos_id_of(const struct elig_world *w, int i) { return w->pos[i].id; }

int elig_world_unit_index(const struct elig_world *w, int64_t unit_id)
{
	return lookup(w->unit_ids, w->unit_order, w->nunits, unit_id);
}

int elig_world_position_index(const struct elig_world *w, int64_t pos_id)
{
	return lookup(w->pos_ids, w->pos_order, w->npos, pos_id);
}

static void correction_free_strings(struct elig_correction *k)
{
	free(k->unit_path);
	free(k->unit_code);
	free(k->reason);
	free(k->created_by);
}

/* Keep the latest correction per (position, scope); rows come oldest first. */
static void add_correction(struct elig_wposition *p, const struct elig_correction *src)
{
	for (int i = 0; i < p->ncorr; i++)
		if (p->corr[i].unit_id == src->unit_id) {
			correction_free_strings(&p->corr[i]);
			p->corr[i] = *src;
			return;
		}
	p->corr = xrealloc(p->corr, (size_t)(p->ncorr + 1) * sizeof *p->corr);
	p->corr[p->ncorr++] = *src;
}

/* One row of SQL_CORRECTIONS; the strings are new copies. */
static void read_correction(struct db_stmt *s, struct elig_correction *k)
{
	memset(k, 0, sizeof *k);
	k->id = db_col_int(s, 0);
	k->position_id = db_col_int(s, 1);
	k->unit_id = db_col_int(s, 2);
	k->unit_path = xstrdup(db_col_text(s, 3));
	k->unit_code = xstrdup(db_col_text(s, 4));
	k->revert = db_col_bool(s, 5);
	copy(k->family, sizeof k->family, db_col_text(s, 6));
	k->criteria = (unsigned)db_col_int(s, 7) & JC_CRITERIA_ALL;
	k->time = (unsigned)db_col_int(s, 8) & (JT_SHIFT | JT_DINAMIS);
	k->reason = xstrdup(db_col_text(s, 9));
	k->created_by = xstrdup(db_col_text(s, 10));
	copy(k->valid_from, sizeof k->valid_from, db_col_text(s, 11));
	copy(k->created_at, sizeof k->created_at, db_col_text(s, 12));
}

static int load_corrections(struct db_conn *c, struct elig_world *w)
{
	struct db_stmt *s = db_prepare(c, SQL_CORRECTIONS);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, w->date);
	int rc;
	while ((rc = db_step(s)) == 1) {
		int at = elig_world_position_index(w, db_col_int(s, 1));
		if (at < 0)
			continue;
		struct elig_correction k;
		read_correction(s, &k);
		add_correction(&w->pos[at], &k);
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static int cmp_correction(const void *a, const void *b)
{
	const struct elig_correction *x = a, *y = b;
	if (x->position_id != y->position_id)
		return (x->position_id > y->position_id) - (x->position_id < y->position_id);
	return (x->unit_id > y->unit_id) - (x->unit_id < y->unit_id);
}

int elig_corrections_in_force(struct db_conn *c, const char *date, struct elig_correction **out, int *n)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *s = db_prepare(c, SQL_CORRECTIONS);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, date);
	/* Rows come oldest first: a later row of the same scope replaces the earlier. */
	struct elig_wposition acc = {0};
	int rc;
	while ((rc = db_step(s)) == 1) {
		struct elig_correction k;
		read_correction(s, &k);
		int i = 0;
		while (i < acc.ncorr && !(acc.corr[i].position_id == k.position_id && acc.corr[i].unit_id == k.unit_id))
			i++;
		if (i == acc.ncorr) {
			acc.corr = xrealloc(acc.corr, (size_t)(acc.ncorr + 1) * sizeof *acc.corr);
			acc.ncorr++;
		} else {
			correction_free_strings(&acc.corr[i]);
		}
		acc.corr[i] = k;
	}
	db_reset(s);
	if (acc.ncorr)
		qsort(acc.corr, (size_t)acc.ncorr, sizeof *acc.corr, cmp_correction);
	*out = acc.corr;
	*n = acc.ncorr;
	return rc < 0 ? rc : 0;
}

void elig_corrections_free(struct elig_correction *k, int n)
{
	for (int i = 0; i < n; i++)
		correction_free_strings(&k[i]);
	free(k);
}

static int load_employees(struct db_conn *c, struct elig_world *w, const struct elig_filter *f)
{
	struct db_stmt *s = db_prepare(c, SQL_EMPLOYEES);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, f->employee_id);
	db_bind_text(s, 2, f->unit_path ? f->unit_path : "");
	int rc, cap = 0;
	while ((rc = db_step(s)) == 1) {
		int u = elig_world_unit_index(w, db_col_int(s, 3)), p = elig_world_position_index(w, db_col_int(s, 4));
		if (u < 0 || p < 0)
			continue;
		w->emp = grow(w->emp, w->nemp, &cap, sizeof *w->emp);
		struct elig_wemployee *e = &w->emp[w->nemp++];
		memset(e, 0, sizeof *e);
		e->id = db_col_int(s, 0);
		copy(e->nip, sizeof e->nip, db_col_text(s, 1));
		e->name = xstrdup(db_col_text(s, 2));
		e->unit = u;
		e->position = p;
		copy(e->employment, sizeof e->employment, db_col_text(s, 5));
		elig_service_start(e->nip, db_col_text(s, 6), e->service_start);
		e->has_domicile = db_col_bool(s, 7);
		e->exception = -1;
		e->special = -1;
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

/* Employees by id, for attaching cases, exceptions and exclusions. */
struct emp_index {
	int64_t *ids;
	int *order;
};

static int64_t emp_id_of(const struct elig_world *w, int i) { return w->emp[i].id; }

static int load_cases(struct db_conn *c, struct elig_world *w, const struct emp_index *ix)
{
	struct db_stmt *s = db_prepare(c, SQL_OPEN_CASES);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, w->date);
	int rc;
	while ((rc = db_step(s)) == 1) {
		int at = lookup(ix->ids, ix->order, w->nemp, db_col_int(s, 0));
		if (at >= 0 && !w->emp[at].open_case) {
			w->emp[at].open_case = true;
			w->emp[at].open_case_id = db_col_int(s, 1);
		}
	}
	db_reset(s);
	if (rc < 0 || !(s = db_prepare(c, SQL_SANCTIONS)))
		return rc < 0 ? rc : ERR_DB;
	db_bind_text(s, 1, w->date);
	while ((rc = db_step(s)) == 1) {
		int at = lookup(ix->ids, ix->order, w->nemp, db_col_int(s, 0));
		if (at < 0)
			continue;
		w->emp[at].running_sanction = true;
		copy(w->emp[at].sanction_code, sizeof w->emp[at].sanction_code, db_col_text(s, 1));
		copy(w->emp[at].sanction_until, sizeof w->emp[at].sanction_until, db_col_text(s, 2));
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static int load_exceptions(struct db_conn *c, struct elig_world *w, const struct emp_index *ix)
{
	struct db_stmt *s = db_prepare(c, SQL_EXCEPTIONS);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, w->date);
	int rc, cap = 0;
	while ((rc = db_step(s)) == 1) {
		int at = lookup(ix->ids, ix->order, w->nemp, db_col_int(s, 1));
		if (at < 0)
			continue;
		w->exc = grow(w->exc, w->nexc, &cap, sizeof *w->exc);
		struct elig_wexception *x = &w->exc[w->nexc];
		memset(x, 0, sizeof *x);
		x->id = db_col_int(s, 0);
		x->employee_id = db_col_int(s, 1);
		x->decision = strcmp(db_col_text(s, 2), "grant") ? ELIG_EXC_REFUSE : ELIG_EXC_GRANT;
		x->justification = xstrdup(db_col_text(s, 3));
		x->decided_by = xstrdup(db_col_text(s, 4));
		x->decided_at = xstrdup(db_col_text(s, 5));
		copy(x->valid_from, sizeof x->valid_from, db_col_text(s, 6));
		copy(x->valid_until, sizeof x->valid_until, db_col_text(s, 7));
		w->emp[at].exception = w->nexc++;   /* the latest decision wins */
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static int load_exclusions(struct db_conn *c, struct elig_world *w, const struct emp_index *ix)
{
	struct db_stmt *s = db_prepare(c, SQL_EXCLUSIONS);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, w->date);
	int rc;
	while ((rc = db_step(s)) == 1) {
		int at = lookup(ix->ids, ix->order, w->nemp, db_col_int(s, 0));
		for (int g = 0; at >= 0 && elig_excluded_groups[g]; g++)
			if (!strcmp(elig_excluded_groups[g], db_col_text(s, 1)))
				w->emp[at].excluded_group = elig_excluded_groups[g];
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static int load_specials(struct db_conn *c, struct elig_world *w, const struct emp_index *ix)
{
	struct db_stmt *s = db_prepare(c, SQL_SPECIALS);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, w->date);
	int rc, cap = 0;
	while ((rc = db_step(s)) == 1) {
		int at = lookup(ix->ids, ix->order, w->nemp, db_col_int(s, 1));
		if (at < 0)
			continue;
		w->spc = grow(w->spc, w->nspc, &cap, sizeof *w->spc);
		struct elig_wspecial *x = &w->spc[w->nspc];
		memset(x, 0, sizeof *x);
		x->id = db_col_int(s, 0);
		x->employee_id = db_col_int(s, 1);
		copy(x->period_from, sizeof x->period_from, db_col_text(s, 2));
		copy(x->period_to, sizeof x->period_to, db_col_text(s, 3));
		x->decided_by = xstrdup(db_col_text(s, 4));
		w->emp[at].special = w->nspc++;   /* the latest approval wins */
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static int load_person_facts(struct db_conn *c, struct elig_world *w)
{
	struct emp_index ix;
	build_index(w->nemp, emp_id_of, w, &ix.ids, &ix.order);
	int rc = load_cases(c, w, &ix);
	if (!rc)
		rc = load_exceptions(c, w, &ix);
	if (!rc)
		rc = load_exclusions(c, w, &ix);
	if (!rc)
		rc = load_specials(c, w, &ix);
	free(ix.ids);
	free(ix.order);
	return rc;
}

int elig_world_load(struct db_conn *c, const char *date, const struct elig_filter *f, struct elig_world *w)
{
	memset(w, 0, sizeof *w);
	copy(w->date, sizeof w->date, date);
	int rc = load_instansi(c, w);
	if (!rc)
		rc = load_policies(c, w);
	if (!rc)
		rc = load_overrides(c, w);
	if (!rc)
		rc = load_units(c, w, f->employee_id);
	if (!rc)
		rc = load_positions(c, w, f->employee_id);
	if (!rc) {
		build_index(w->nunits, unit_id_of, w, &w->unit_ids, &w->unit_order);
		build_index(w->npos, pos_id_of, w, &w->pos_ids, &w->pos_order);
		rc = load_corrections(c, w);
	}
	if (!rc)
		rc = load_employees(c, w, f);
	if (!rc)
		rc = load_person_facts(c, w);
	if (!rc)
		elig_world_resolve(w);
	return rc;
}

void elig_world_free(struct elig_world *w)
{
	for (int i = 0; i < w->npol; i++)
		free(w->pol[i].legal_reference);
	for (int i = 0; i < w->nov; i++) {
		free(w->ov[i].unit_path);
		free(w->ov[i].unit_code);
	}
	for (int i = 0; i < w->nunits; i++) {
		free(w->units[i].code);
		free(w->units[i].name);
		free(w->units[i].path);
		free(w->units[i].kind);
	}
	for (int i = 0; i < w->npos; i++) {
		elig_corrections_free(w->pos[i].corr, w->pos[i].ncorr);
		free(w->pos[i].name);
		free(w->pos[i].kind);
	}
	for (int i = 0; i < w->nemp; i++)
		free(w->emp[i].name);
	for (int i = 0; i < w->nexc; i++) {
		free(w->exc[i].justification);
		free(w->exc[i].decided_by);
		free(w->exc[i].decided_at);
	}
	for (int i = 0; i < w->nspc; i++)
		free(w->spc[i].decided_by);
	free(w->spc);
	free(w->inst);
	free(w->pol);
	free(w->ov);
	free(w->units);
	free(w->pos);
	free(w->emp);
	free(w->exc);
	free(w->unit_ids);
	free(w->unit_order);
	free(w->pos_ids);
	free(w->pos_order);
	memset(w, 0, sizeof *w);
}

static bool path_within(const char *path, const char *prefix)
{
	size_t n = strlen(prefix);
	return n == 0 || !strncmp(path, prefix, n);
}

static void resolve_unit(struct elig_world *w, struct elig_wunit *u)
{
	const struct elig_winstansi *inst = NULL;
	for (int i = 0; i < w->ninst; i++)
		if (w->inst[i].id == u->instansi_id)
			inst = &w->inst[i];
	struct elig_policy *p = &u->policy;
	if (!inst || inst->policy < 0) {
		elig_policy_default(p, w->date, inst ? inst->flexible_work : true);
		return;
	}
	const struct elig_wpolicy *v = &w->pol[inst->policy];
	*p = (struct elig_policy){.in_force = true, .version = v->version, .valid_from = v->valid_from,
				  .legal_reference = v->legal_reference, .enabled = v->enabled, .kinds = v->kinds,
				  .max_remote_days_per_week = v->max_remote_days_per_week,
				  .max_share_away_pct = v->max_share_away_pct,
				  .new_employee_months = v->new_employee_months};
	/* Overrides are ordered by path length: ancestors first. */
	for (int i = 0; i < w->nov; i++)
		if (w->ov[i].policy_id == v->id && path_within(u->path, w->ov[i].unit_path))
			elig_policy_override(p, &w->ov[i].ov, 1);
}

void elig_world_resolve(struct elig_world *w)
{
	for (int i = 0; i < w->nunits; i++)
		resolve_unit(w, &w->units[i]);
}

void elig_world_profile(const struct elig_world *w, int i, struct jobclass_profile *out,
			const struct elig_correction **corr)
{
	const struct elig_wemployee *e = &w->emp[i];
	const struct elig_wunit *u = &w->units[e->unit];
	const struct elig_wposition *p = &w->pos[e->position];
	const struct elig_correction *best = NULL;
	for (int k = 0; k < p->ncorr; k++)
		if (path_within(u->path, p->corr[k].unit_path) &&
		    (!best || strlen(p->corr[k].unit_path) > strlen(best->unit_path)))
			best = &p->corr[k];
	if (best && best->revert)
		best = NULL;
	if (corr)
		*corr = best;
	if (best) {
		*out = (struct jobclass_profile){.family = best->family, .criteria = best->criteria, .time = best->time};
		return;
	}
	*out = p->by_name;
	struct jobclass_unit ju = {u->kind, u->face_to_face};
	jobclass_apply_unit(out, p->kind, &ju);
}

void elig_world_context(const struct elig_world *w, int i, struct elig_context *ctx)
{
	const struct elig_wemployee *e = &w->emp[i];
	memset(ctx, 0, sizeof *ctx);
	elig_world_profile(w, i, &ctx->duty, &ctx->correction);
	ctx->person = (struct elig_person){
		.employment = e->employment, .service_start = e->service_start[0] ? e->service_start : NULL,
		.has_domicile = e->has_domicile, .open_case = e->open_case, .open_case_id = e->open_case_id, .running_sanction = e->running_sanction,
		.sanction_code = e->sanction_code, .sanction_until = e->sanction_until[0] ? e->sanction_until : NULL,
		.excluded_group = e->excluded_group};
	if (e->exception >= 0) {
		const struct elig_wexception *x = &w->exc[e->exception];
		ctx->exception = (struct elig_exception){x->decision, x->valid_until, x->justification, x->decided_by};
	}
	if (e->special >= 0) {
		const struct elig_wspecial *x = &w->spc[e->special];
		ctx->special = (struct elig_special){x->id, x->period_from, x->period_to, x->decided_by};
	}
	ctx->in = (struct elig_input){w->date, &ctx->duty, &ctx->person, &w->units[e->unit].policy,
				      e->exception >= 0 ? &ctx->exception : NULL, e->special >= 0 ? &ctx->special : NULL};
}
