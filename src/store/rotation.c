/* rotation.c (store) - proposing, editing and publishing rotations (see
 * store/rotation.h). */
#include "store/rotation.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/mem.h"
#include "store/audit.h"
#include "store/plans.h"
#include "store/roster.h"

#include <stdio.h>
#include <string.h>

static const char SQL_INSERT[] =
	"INSERT INTO rotation (unit_id, date_from, date_to, status, created_by, created_at, covered_days, gap_days,"
	" fairness_spread) VALUES ($1, $2, $3, 'draft', $4, $5, $6, $7, $8) RETURNING id";
static const char SQL_DAY_INSERT[] =
	"INSERT INTO rotation_day (rotation_id, employee_id, date, mode) VALUES ($1, $2, $3, $4)";
static const char SQL_DAY_DELETE[] =
	"DELETE FROM rotation_day WHERE rotation_id = $1 AND employee_id = $2 AND date = $3";
static const char SQL_GAP_INSERT[] =
	"INSERT INTO rotation_gap (rotation_id, date, hour, minimum, on_site, short_by) VALUES ($1, $2, $3, $4, $5, $6)";
static const char SQL_GAPS_DELETE[] = "DELETE FROM rotation_gap WHERE rotation_id = $1";
static const char SQL_FIGURES[] =
	"UPDATE rotation SET covered_days = $2, gap_days = $3, fairness_spread = $4 WHERE id = $1";
/* Takes the row lock (PostgreSQL) and tells a draft from the rest. */
static const char SQL_LOCK_DRAFT[] = "UPDATE rotation SET status = status WHERE id = $1 AND status = 'draft' RETURNING id";
static const char SQL_PUBLISH[] =
	"UPDATE rotation SET status = 'published', published_by = $2, published_at = $3 WHERE id = $1"
	" AND status = 'draft' RETURNING id";
static const char SQL_HEAD[] =
	"SELECT r.id, r.unit_id, u.code, u.name, r.date_from, r.date_to, r.status, r.created_by, r.created_at,"
	" COALESCE(r.published_by, ''), COALESCE(r.published_at, ''), r.covered_days, r.gap_days, r.fairness_spread"
	" FROM rotation r JOIN unit u ON u.id = r.unit_id WHERE r.id = $1";
static const char SQL_LIST[] =
	"SELECT r.id, r.unit_id, u.code, u.name, r.date_from, r.date_to, r.status, r.created_by, r.created_at,"
	" COALESCE(r.published_by, ''), COALESCE(r.published_at, ''), r.covered_days, r.gap_days, r.fairness_spread"
	" FROM rotation r JOIN unit u ON u.id = r.unit_id WHERE u.path LIKE CAST($1 AS TEXT) || '%'"
	" ORDER BY r.id DESC LIMIT 200";
static const char SQL_DAYS[] = "SELECT employee_id, date, mode FROM rotation_day WHERE rotation_id = $1";
static const char SQL_UNIT_CODE[] = "SELECT u.code FROM rotation r JOIN unit u ON u.id = r.unit_id WHERE r.id = $1";

/* ---- the input ---- */

/* Service hours: slots of 60 minutes from service_open, the last one cut
 * at service_close (as domain/plan.c counts them). */
static void service_slots(const struct roster *r, struct rotation_input *x)
{
	x->nslots = 0;
	if (!r->face_to_face || r->service_open < 0 || r->service_close <= r->service_open)
		return;
	for (int m = r->service_open; m < r->service_close && x->nslots < ROT_HOURS; m += 60)
		x->slot_start[x->nslots++] = m;
}

static int slot_len(const struct roster *r, const struct rotation_input *x, int i)
{
	int left = r->service_close - x->slot_start[i];
	return left < 60 ? left : 60;
}

static bool scheduled(const struct roster_cell *cell)
{
	return (cell->flags & ROSTER_SCHEDULED) && cell->start >= 0;
}

static bool plan_away(const struct roster_cell *cell)
{
	return (cell->status == PLAN_REQUESTED || cell->status == PLAN_APPROVED) && cell->mode != PLAN_OFFICE;
}

/* One day of the range: calendar, minimums (only with staff), policy. */
static void build_day(const struct roster *r, const struct rotation_input *x, int k, struct rot_day *out)
{
	const struct roster_day *rd = &r->days[k];
	int staff = 0;
	for (int p = 0; p < r->npeople; p++)
		staff += scheduled(&r->people[p].cells[k]);
	memset(out, 0, sizeof *out);
	out->date = rd->day;
	out->working = rd->working || staff > 0;
	out->office_only = rd->office_only;
	out->min_on_site = staff ? rd->min_on_site : 0;
	int per_hour = staff ? rd->min_on_site_per_hour : 0;
	for (int i = 0; i < x->nslots; i++)
		out->hour_min[i] = per_hour;
}

static void build_cell(const struct roster *r, const struct rotation_input *x, int p, int k, struct rot_cell *out)
{
	const struct roster_cell *cell = &r->people[p].cells[k];
	memset(out, 0, sizeof *out);
	out->scheduled = scheduled(cell);
	/* ELIG_WFH.. are bits 0..2, the rotation's modes 1..3 */
	out->modes = r->days[k].policy_enabled ? (uint8_t)((cell->eligible & 7u) << 1) : 0;
	out->special = (cell->flags & ROSTER_SPECIAL) != 0;
	if (plan_away(cell)) {
		out->fixed = ROT_FIXED_AWAY;
		out->fixed_mode = cell->mode;
	}
	for (int i = 0; i < x->nslots; i++)
		if (plan_cell_covers(cell, x->slot_start[i], slot_len(r, x, i)))
			out->hours |= 1u << i;
}

void rotation_input_build(const struct roster *r, int32_t from, int32_t to, struct rotation_input *x)
{
	memset(x, 0, sizeof *x);
	int D = to - from + 1, P = r->npeople;
	x->d0 = roster_day_index(r, from);
	service_slots(r, x);
	x->days = xcalloc((size_t)D + 1, sizeof *x->days);
	x->people = xcalloc((size_t)P + 1, sizeof *x->people);
	x->cells = xcalloc((size_t)P * D + 1, sizeof *x->cells);
	int cap = -1, share = -1;
	for (int d = 0; d < D; d++) {
		int k = x->d0 + d;
		build_day(r, x, k, &x->days[d]);
		const struct roster_day *rd = &r->days[k];
		if (rd->policy_enabled && (cap < 0 || rd->max_days_week < cap))
			cap = rd->max_days_week;
		if (rd->policy_enabled && (share < 0 || rd->max_share_away_pct < share))
			share = rd->max_share_away_pct;
	}
	for (int p = 0; p < P; p++) {
		const struct roster_person *rp = &r->people[p];
		struct rot_person *pe = &x->people[p];
		pe->key = (uint64_t)rp->employee_id;
		pe->weekly_cap = cap < 0 ? ROT_DEFAULT_WEEKLY_CAP : cap;
		pe->max_per_month = rp->max_days_month;
		pe->preferred_weekdays = (uint8_t)(rp->pref_weekdays << 1);
		for (int k = 0; k < r->ndays; k++) {
			if (k < x->d0 && plan_away(&rp->cells[k]) && date_week_monday(r->days[k].day) == date_week_monday(from))
				pe->days_before++;
			if (k >= x->d0 + D && plan_away(&rp->cells[k]) && date_week_monday(r->days[k].day) == date_week_monday(to))
				pe->days_after++;
		}
		for (int d = 0; d < D; d++)
			build_cell(r, x, p, x->d0 + d, &x->cells[(size_t)p * D + d]);
	}
	x->in = (struct rot_input){.n_people = P, .n_days = D, .days = x->days, .people = x->people, .cells = x->cells,
				   .max_share_pct = share < 0 ? 0 : share > 100 ? 100 : share,
				   .seed = (uint64_t)r->unit_id * 1000003u + (uint64_t)(uint32_t)from};
}

void rotation_input_free(struct rotation_input *x)
{
	free(x->days);
	free(x->people);
	free(x->cells);
	memset(x, 0, sizeof *x);
}

void rotation_view_free(struct rotation_view *v)
{
	rotation_input_free(&v->x);
	roster_free(&v->roster);
	free(v->mode);
	rot_result_free(&v->res);
	memset(v, 0, sizeof *v);
}

/* ---- writing ---- */

static int run(struct db_stmt *s, int64_t *id)
{
	int rc = db_step(s);
	if (rc == 1 && id)
		*id = db_col_int(s, 0);
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static int day_write(struct db_conn *c, int64_t id, int64_t employee_id, int32_t day, int mode)
{
	char date[DATE_TEXT];
	date_format(day, date);
	struct db_stmt *s = db_prepare(c, mode == ROT_OFFICE ? SQL_DAY_DELETE : SQL_DAY_INSERT);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, employee_id);
	db_bind_text(s, 3, date);
	if (mode != ROT_OFFICE)
		db_bind_text(s, 4, rot_mode_name(mode));
	return run(s, NULL);
}

/* Replace the gaps and the figures by those of res. */
static int figures_write(struct db_conn *c, int64_t id, const struct rotation_input *x, const struct rot_result *res)
{
	struct db_stmt *s = db_prepare(c, SQL_GAPS_DELETE);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, id);
	int rc = run(s, NULL);
	for (int g = 0; !rc && g < res->n_gaps; g++) {
		const struct rot_gap *gap = &res->gaps[g];
		char date[DATE_TEXT];
		date_format(x->days[gap->day].date, date);
		if (!(s = db_prepare(c, SQL_GAP_INSERT)))
			return ERR_DB;
		db_bind_int(s, 1, id);
		db_bind_text(s, 2, date);
		db_bind_int(s, 3, gap->hour < 0 ? -1 : x->slot_start[gap->hour] / 60);
		db_bind_int(s, 4, gap->minimum);
		db_bind_int(s, 5, gap->on_site);
		db_bind_int(s, 6, gap->short_by);
		rc = run(s, NULL);
	}
	if (rc || !(s = db_prepare(c, SQL_FIGURES)))
		return rc ? rc : ERR_DB;
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, res->covered_days);
	db_bind_int(s, 3, res->gap_days);
	db_bind_int(s, 4, res->fairness_spread);
	return run(s, NULL);
}

static int audit(struct db_conn *c, const char *actor, const char *action, int64_t id, struct buf *b)
{
	char object[64];
	snprintf(object, sizeof object, "rotation:%lld", (long long)id);
	struct audit_event ev = {actor, action, object, NULL, b->data};
	int rc = b->len < b->max ? audit_append(c, &ev) : ERR_TOO_BIG;
	buf_free(b);
	return rc;
}

int rotation_save(struct db_conn *c, const struct roster *r, const struct rotation_input *x,
		  const struct rot_result *res, const char *actor, int64_t *id)
{
	char from[DATE_TEXT], to[DATE_TEXT], now[40];
	date_format(x->days[0].date, from);
	date_format(x->days[x->in.n_days - 1].date, to);
	clock_now_iso(now, sizeof now);
	struct db_stmt *s = db_prepare(c, SQL_INSERT);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, r->unit_id);
	db_bind_text(s, 2, from);
	db_bind_text(s, 3, to);
	db_bind_text(s, 4, actor);
	db_bind_text(s, 5, now);
	db_bind_int(s, 6, res->covered_days);
	db_bind_int(s, 7, res->gap_days);
	db_bind_int(s, 8, res->fairness_spread);
	int rc = run(s, id);
	int D = x->in.n_days;
	for (int p = 0; !rc && p < x->in.n_people; p++)
		for (int d = 0; !rc && d < D; d++)
			if (res->mode[(size_t)p * D + d] != ROT_OFFICE)
				rc = day_write(c, *id, r->people[p].employee_id, x->days[d].date, res->mode[(size_t)p * D + d]);
	if (!rc)
		rc = figures_write(c, *id, x, res);
	if (rc)
		return rc;
	struct buf b;
	buf_init(&b, 4096);
	buf_puts(&b, "{\"unit\":");
	buf_json_string(&b, r->code);
	buf_printf(&b, ",\"from\":\"%s\",\"to\":\"%s\",\"status\":\"draft\",\"proposed_days\":%d,\"covered_days\":%d,"
		       "\"gap_days\":%d,\"fairness_spread\":%d}",
		   from, to, res->proposed_days, res->covered_days, res->gap_days, res->fairness_spread);
	return audit(c, actor, "rotation.propose", *id, &b);
}

/* ---- reading ---- */

static void head_from(struct db_stmt *s, struct rotation_info *h)
{
	memset(h, 0, sizeof *h);
	h->id = db_col_int(s, 0);
	h->unit_id = db_col_int(s, 1);
	snprintf(h->unit_code, sizeof h->unit_code, "%s", db_col_text(s, 2));
	snprintf(h->unit_name, sizeof h->unit_name, "%s", db_col_text(s, 3));
	snprintf(h->from, sizeof h->from, "%s", db_col_text(s, 4));
	snprintf(h->to, sizeof h->to, "%s", db_col_text(s, 5));
	snprintf(h->status, sizeof h->status, "%s", db_col_text(s, 6));
	snprintf(h->created_by, sizeof h->created_by, "%s", db_col_text(s, 7));
	snprintf(h->created_at, sizeof h->created_at, "%s", db_col_text(s, 8));
	snprintf(h->published_by, sizeof h->published_by, "%s", db_col_text(s, 9));
	snprintf(h->published_at, sizeof h->published_at, "%s", db_col_text(s, 10));
	h->covered_days = (int)db_col_int(s, 11);
	h->gap_days = (int)db_col_int(s, 12);
	h->fairness_spread = (int)db_col_int(s, 13);
}

static int head_load(struct db_conn *c, int64_t id, struct rotation_info *h)
{
	struct db_stmt *s = db_prepare(c, SQL_HEAD);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, id);
	int rc = db_step(s);
	if (rc == 1)
		head_from(s, h);
	db_reset(s);
	return rc < 0 ? rc : rc == 0 ? ERR_NOT_FOUND : 0;
}

int rotation_unit_code(struct db_conn *c, int64_t id, char code[33])
{
	struct db_stmt *s = db_prepare(c, SQL_UNIT_CODE);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, id);
	int rc = db_step(s);
	if (rc == 1)
		snprintf(code, 33, "%s", db_col_text(s, 0));
	db_reset(s);
	return rc < 0 ? rc : rc == 0 ? ERR_NOT_FOUND : 0;
}

/* The rotation's stored days into v->mode (people no longer on the roster
 * and dates outside the range are left out). */
static int days_load(struct db_conn *c, struct rotation_view *v)
{
	int P = v->x.in.n_people, D = v->x.in.n_days;
	v->mode = xcalloc((size_t)P * D + 1, 1);
	struct db_stmt *s = db_prepare(c, SQL_DAYS);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, v->info.id);
	int rc;
	while ((rc = db_step(s)) == 1) {
		int p = roster_person_index(&v->roster, db_col_int(s, 0));
		int32_t day;
		int mode = rot_mode_parse(db_col_text(s, 2));
		if (p < 0 || mode <= ROT_OFFICE || !date_parse(db_col_text(s, 1), &day))
			continue;
		int d = day - v->x.days[0].date;
		if (d >= 0 && d < D)
			v->mode[(size_t)p * D + d] = (uint8_t)mode;
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

int rotation_get(struct db_conn *c, int64_t id, struct rotation_view *out)
{
	memset(out, 0, sizeof *out);
	int rc = head_load(c, id, &out->info);
	int32_t from, to;
	if (!rc && (!date_parse(out->info.from, &from) || !date_parse(out->info.to, &to)))
		rc = ERR_DB;
	if (!rc)
		rc = roster_load(c, out->info.unit_id, from, to, &out->roster);
	if (rc)
		return rc;
	rotation_input_build(&out->roster, from, to, &out->x);
	if ((rc = days_load(c, out)))
		return rc;
	return rot_evaluate(&out->x.in, out->mode, &out->res);
}

int rotation_each(struct db_conn *c, const char *unit_path,
		  int (*cb)(void *ctx, const struct rotation_info *r), void *ctx)
{
	struct db_stmt *s = db_prepare(c, SQL_LIST);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, unit_path ? unit_path : "");
	int rc;
	while ((rc = db_step(s)) == 1) {
		struct rotation_info h;
		head_from(s, &h);
		if ((rc = cb(ctx, &h)))
			break;
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

/* ---- edits and publishing ---- */

static int lock_draft(struct db_conn *c, int64_t id, const char *sql, const char *actor, const char *now)
{
	struct db_stmt *s = db_prepare(c, sql);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, id);
	if (actor) {
		db_bind_text(s, 2, actor);
		db_bind_text(s, 3, now);
	}
	int rc = db_step(s);
	db_reset(s);
	return rc < 0 ? rc : rc == 0 ? ERR_CONFLICT : 0;
}

/* Take the draft's row first (so what is read next is current), telling a
 * missing rotation (ERR_NOT_FOUND) from a published one (ERR_CONFLICT). */
static int lock_first(struct db_conn *c, int64_t id, const char *sql, const char *actor, const char *now)
{
	int rc = lock_draft(c, id, sql, actor, now);
	if (rc == ERR_CONFLICT) {
		struct rotation_info h;
		int found = head_load(c, id, &h);
		return found ? found : ERR_CONFLICT;
	}
	return rc;
}

/* Resolve one edit to (person, day index); ERR_INVALID naming the field. */
static int edit_target(const struct rotation_view *v, const struct rotation_edit *e, int *p, int *d,
		       struct rotation_refusal *ref)
{
	int32_t day;
	*p = -1;
	for (int i = 0; i < v->roster.npeople && *p < 0; i++)
		if (!strcmp(v->roster.people[i].nip, e->nip ? e->nip : ""))
			*p = i;
	if (*p < 0) {
		ref->field = "nip";
		return ERR_INVALID;
	}
	if (!e->date || !date_parse(e->date, &day) || day < v->x.days[0].date ||
	    day > v->x.days[v->x.in.n_days - 1].date) {
		ref->field = "date";
		return ERR_INVALID;
	}
	*d = day - v->x.days[0].date;
	return 0;
}

static void refusal_at(struct rotation_refusal *ref, const struct rotation_view *v, int p, int d)
{
	snprintf(ref->nip, sizeof ref->nip, "%s", v->roster.people[p].nip);
	date_format(v->x.days[d].date, ref->date);
}

/* Check and apply the edits to v->mode in memory, then write them. */
static int apply_edits(struct db_conn *c, struct rotation_view *v, const struct rotation_edit *e, int n,
		       struct rotation_refusal *ref, struct buf *b)
{
	int D = v->x.in.n_days;
	for (int i = 0; i < n; i++) {
		int p, d;
		ref->index = i;
		int rc = edit_target(v, &e[i], &p, &d, ref);
		if (rc)
			return rc;
		ref->n = rot_check_set(&v->x.in, v->mode, p, d, e[i].mode, ref->v, ROT_RULE_N);
		if (ref->n) {
			refusal_at(ref, v, p, d);
			return ERR_CONFLICT;
		}
		uint8_t *m = &v->mode[(size_t)p * D + d];
		if (*m != ROT_OFFICE && (rc = day_write(c, v->info.id, v->roster.people[p].employee_id, v->x.days[d].date,
							ROT_OFFICE)))
			return rc;
		if (e[i].mode != ROT_OFFICE && (rc = day_write(c, v->info.id, v->roster.people[p].employee_id,
							       v->x.days[d].date, e[i].mode)))
			return rc;
		*m = (uint8_t)e[i].mode;
		buf_printf(b, "%s{\"nip\":\"%s\",\"date\":\"%s\",\"mode\":\"%s\"}", i ? "," : "",
			   v->roster.people[p].nip, e[i].date, rot_mode_name(e[i].mode));
	}
	ref->index = -1;
	return 0;
}

int rotation_edit(struct db_conn *c, int64_t id, const struct rotation_edit *e, int n, const char *actor,
		  struct rotation_refusal *ref, struct rotation_view *out)
{
	memset(ref, 0, sizeof *ref);
	ref->index = -1;
	memset(out, 0, sizeof *out);
	int rc = lock_first(c, id, SQL_LOCK_DRAFT, NULL, NULL);
	if (!rc)
		rc = rotation_get(c, id, out);
	if (rc)
		return rc;
	struct buf b;
	buf_init(&b, 64 * 1024);
	buf_puts(&b, "{\"set\":[");
	rc = apply_edits(c, out, e, n, ref, &b);
	if (!rc) {
		rot_result_free(&out->res);
		rc = rot_evaluate(&out->x.in, out->mode, &out->res);
	}
	if (!rc)
		rc = figures_write(c, id, &out->x, &out->res);
	if (!rc)
		rc = head_load(c, id, &out->info);
	if (rc) {
		buf_free(&b);
		return rc;
	}
	buf_printf(&b, "],\"gap_days\":%d,\"fairness_spread\":%d}", out->res.gap_days, out->res.fairness_spread);
	return audit(c, actor, "rotation.edit", id, &b);
}

/* Every proposed day as an approved plan. */
static int publish_days(struct db_conn *c, struct rotation_view *v, const char *actor, int *plans)
{
	int P = v->x.in.n_people, D = v->x.in.n_days;
	for (int p = 0; p < P; p++)
		for (int d = 0; d < D; d++) {
			int mode = v->mode[(size_t)p * D + d];
			if (mode == ROT_OFFICE)
				continue;
			int64_t plan_id;
			int rc = plans_publish(c, v->roster.people[p].employee_id, v->x.days[d].date, rot_mode_name(mode),
					       v->info.id, actor, &plan_id);
			if (rc)
				return rc;
			(*plans)++;
		}
	return 0;
}

int rotation_publish(struct db_conn *c, int64_t id, const char *actor, int *plans, struct rotation_refusal *ref)
{
	memset(ref, 0, sizeof *ref);
	ref->index = -1;
	*plans = 0;
	char now[40];
	clock_now_iso(now, sizeof now);
	struct rotation_view v;
	memset(&v, 0, sizeof v);
	int rc = lock_first(c, id, SQL_PUBLISH, actor, now);
	if (!rc)
		rc = rotation_get(c, id, &v);
	int p, d;
	if (!rc && (ref->n = rot_validate(&v.x.in, v.mode, &p, &d, ref->v, ROT_RULE_N))) {
		refusal_at(ref, &v, p, d);
		rc = ERR_CONFLICT;
	}
	if (!rc)
		rc = publish_days(c, &v, actor, plans);
	if (!rc) {
		struct buf b;
		buf_init(&b, 1024);
		buf_puts(&b, "{\"unit\":");
		buf_json_string(&b, v.info.unit_code);
		buf_printf(&b, ",\"from\":\"%s\",\"to\":\"%s\",\"status\":\"published\",\"plans\":%d}", v.info.from,
			   v.info.to, *plans);
		rc = audit(c, actor, "rotation.publish", id, &b);
	}
	rotation_view_free(&v);
	return rc;
}

int rotation_propose(struct db_conn *c, int64_t unit_id, int32_t from, int32_t to, const char *actor,
		     struct rotation_view *out)
{
	memset(out, 0, sizeof *out);
	if (to < from || to - from + 1 > ROT_MAX_DAYS)
		return ERR_INVALID;
	int rc = roster_load(c, unit_id, from, to, &out->roster);
	if (rc)
		return rc;
	rotation_input_build(&out->roster, from, to, &out->x);
	if ((rc = rot_propose(&out->x.in, &out->res)))
		return rc;
	int64_t id = 0;
	if ((rc = rotation_save(c, &out->roster, &out->x, &out->res, actor, &id)))
		return rc;
	size_t pd = (size_t)out->x.in.n_people * out->x.in.n_days;
	out->mode = xmalloc(pd + 1);
	memcpy(out->mode, out->res.mode, pd);
	return head_load(c, id, &out->info);
}
