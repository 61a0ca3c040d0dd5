/* plan.c - the rules a plan of location-flexible work must satisfy, decided
 * on a roster (see domain/plan.h for the counting choices). Every refusal
 * names its rule and carries the numbers it was decided on, in Indonesian
 * and English. */
#include "domain/plan.h"
#include "domain/eligibility.h"
#include "domain/geo.h"

#include <stdio.h>
#include <string.h>

static const char *const MODE_NAMES[PLAN_MODES_N] = {"office", "wfh", "wfa", "kantor_lain"};
static const char *const STATUS_NAMES[] = {"", "requested", "approved", "refused", "cancelled"};

static const char *const RULE_NAMES[PLAN_RULES_N] = {
	[PLAN_R_WORKING_DAY] = "working_day",     [PLAN_R_SCHEDULED] = "scheduled",
	[PLAN_R_NOT_PAST] = "not_past",           [PLAN_R_ELIGIBLE] = "eligible",
	[PLAN_R_PLACE] = "wfa_place",             [PLAN_R_OFFICE] = "kantor_lain_place",
	[PLAN_R_WEEKLY_CAP] = "weekly_cap",       [PLAN_R_SHARE_AWAY] = "share_away",
	[PLAN_R_MIN_ON_SITE] = "min_on_site",     [PLAN_R_MIN_PER_HOUR] = "min_on_site_per_hour",
	[PLAN_R_OFFICE_ONLY] = "office_only",     [PLAN_R_ONE_PER_DAY] = "one_per_day",
};

/* Indonesian and English weekday names, ISO order (index 0 = Monday). */
static const char *const DAY_ID[7] = {"Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"};
static const char *const DAY_EN[7] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

const char *plan_mode_name(enum plan_mode m)
{
	return (unsigned)m < PLAN_MODES_N ? MODE_NAMES[m] : "";
}

int plan_mode_parse(const char *s)
{
	for (int m = PLAN_WFH; m < PLAN_MODES_N; m++)
		if (s && strcmp(s, MODE_NAMES[m]) == 0)
			return m;
	return -1;
}

const char *plan_status_name(enum plan_status s)
{
	return (unsigned)s <= PLAN_CANCELLED ? STATUS_NAMES[s] : "";
}

int plan_status_parse(const char *s)
{
	for (int k = PLAN_REQUESTED; k <= PLAN_CANCELLED; k++)
		if (s && strcmp(s, STATUS_NAMES[k]) == 0)
			return k;
	return -1;
}

int plan_mode_elig_kind(enum plan_mode m)
{
	switch (m) {
	case PLAN_WFH: return ELIG_WFH;
	case PLAN_WFA: return ELIG_WFA;
	case PLAN_KANTOR_LAIN: return ELIG_KANTOR_LAIN;
	default: return -1;
	}
}

const char *plan_rule_name(enum plan_rule r)
{
	return (unsigned)r < PLAN_RULES_N ? RULE_NAMES[r] : "";
}

bool plan_rule_is_invalid(enum plan_rule r)
{
	switch (r) {
	case PLAN_R_WORKING_DAY: case PLAN_R_SCHEDULED: case PLAN_R_NOT_PAST:
	case PLAN_R_ELIGIBLE: case PLAN_R_PLACE: case PLAN_R_OFFICE:
		return true;
	default:
		return false;
	}
}

int roster_day_index(const struct roster *r, int32_t day)
{
	int32_t d = day - r->first;
	return d >= 0 && d < r->ndays ? (int)d : -1;
}

int roster_person_index(const struct roster *r, int64_t employee_id)
{
	for (int i = 0; i < r->npeople; i++)
		if (r->people[i].employee_id == employee_id)
			return i;
	return -1;
}

bool plan_cell_away(const struct roster_cell *cell)
{
	return cell->status == PLAN_APPROVED && cell->mode != PLAN_OFFICE;
}

static bool cell_scheduled(const struct roster_cell *cell)
{
	return (cell->flags & ROSTER_SCHEDULED) && cell->start >= 0;
}

bool plan_cell_covers(const struct roster_cell *cell, int from, int len)
{
	if (!cell_scheduled(cell))
		return false;
	int start = cell->start, end = cell->end;
	if (end <= start)   /* a night shift: runs past midnight */
		end += 1440;
	return start <= from && from + len <= end;
}

/* The service hours of a day: slots of 60 minutes from service_open, the
 * last one cut at service_close. Returns how many (0 when the unit has no
 * service hours or is not face-to-face). */
static int service_slots(const struct roster *r, int start[PLAN_HOURS_MAX], int len[PLAN_HOURS_MAX])
{
	if (!r->face_to_face || r->service_open < 0 || r->service_close <= r->service_open)
		return 0;
	int n = 0;
	for (int m = r->service_open; m < r->service_close && n < PLAN_HOURS_MAX; m += 60, n++) {
		start[n] = m;
		len[n] = r->service_close - m < 60 ? r->service_close - m : 60;
	}
	return n;
}

static int max_away(int staff, int pct)
{
	return pct <= 0 || staff <= 0 ? 0 : staff * pct / 100;
}

void plan_day_cover(const struct roster *r, int d, struct plan_day_cover *out)
{
	memset(out, 0, sizeof *out);
	const struct roster_day *day = &r->days[d];
	int len[PLAN_HOURS_MAX];
	out->nhours = service_slots(r, out->hour_start, len);
	for (int p = 0; p < r->npeople; p++) {
		const struct roster_cell *cell = &r->people[p].cells[d];
		if (!cell_scheduled(cell))
			continue;
		out->staff++;
		if (plan_cell_away(cell)) {
			out->away++;
			continue;
		}
		if (cell->status == PLAN_REQUESTED)
			out->requested++;
		for (int h = 0; h < out->nhours; h++)
			if (plan_cell_covers(cell, out->hour_start[h], len[h]))
				out->hour_on_site[h]++;
	}
	out->on_site = out->staff - out->away;
	out->minimum = out->staff ? day->min_on_site : 0;
	out->max_away = max_away(out->staff, day->max_share_away_pct);
	out->hour_minimum = out->staff ? day->min_on_site_per_hour : 0;
	out->gaps = out->on_site < out->minimum ? 1 : 0;
	for (int h = 0; h < out->nhours; h++)
		if (out->hour_on_site[h] < out->hour_minimum)
			out->gaps++;
}

int plan_week_count(const struct roster *r, int p, int d, int skip, bool count_requested)
{
	int32_t monday = date_week_monday(r->days[d].day);
	int n = 0;
	for (int i = 0; i < 7; i++) {
		int k = roster_day_index(r, monday + i);
		if (k < 0 || k == skip)
			continue;
		const struct roster_cell *cell = &r->people[p].cells[k];
		if (cell->mode == PLAN_OFFICE)
			continue;
		if (cell->status == PLAN_APPROVED || (count_requested && cell->status == PLAN_REQUESTED))
			n++;
	}
	return n;
}

/* ---- the checks ---- */

struct checker {
	const struct roster *r;
	const struct plan_request *q;
	const struct plan_situation *s;
	int d;
	const struct roster_cell *cell;
	char date[DATE_TEXT];
	struct plan_violation *out;
	int n;
};

static void add(struct checker *k, enum plan_rule rule, const char *id, const char *en)
{
	struct plan_violation *v = &k->out[k->n++];
	v->rule = rule;
	snprintf(v->message_id, sizeof v->message_id, "%s", id);
	snprintf(v->message_en, sizeof v->message_en, "%s", en);
}

static void check_working(struct checker *k)
{
	char id[PLAN_MSG_MAX], en[PLAN_MSG_MAX];
	const struct roster_day *day = &k->r->days[k->d];
	if (cell_scheduled(k->cell))
		return;
	if (!day->working && !(k->cell->flags & ROSTER_SHIFT)) {
		int wd = date_weekday(day->day) - 1;
		const char *why_id = day->off_name ? day->off_name : DAY_ID[wd];
		const char *why_en = day->off_name ? day->off_name : DAY_EN[wd];
		snprintf(id, sizeof id, "Tanggal %s bukan hari kerja (%s).", k->date, why_id);
		snprintf(en, sizeof en, "%s is not a working day (%s).", k->date, why_en);
		add(k, PLAN_R_WORKING_DAY, id, en);
		return;
	}
	snprintf(id, sizeof id, "Menurut jadwal kerjanya, pegawai tidak bertugas pada %s.", k->date);
	snprintf(en, sizeof en, "The employee's work schedule has no duty on %s.", k->date);
	add(k, PLAN_R_SCHEDULED, id, en);
}

static void check_past(struct checker *k)
{
	if (k->q->day >= k->s->today)
		return;
	char id[PLAN_MSG_MAX], en[PLAN_MSG_MAX], today[DATE_TEXT];
	date_format(k->s->today, today);
	snprintf(id, sizeof id, "Tanggal %s sudah lewat (hari ini %s waktu %s).", k->date, today, tz_name(k->r->tz));
	snprintf(en, sizeof en, "%s is in the past (today is %s, %s).", k->date, today, tz_name(k->r->tz));
	add(k, PLAN_R_NOT_PAST, id, en);
}

static void check_eligible(struct checker *k)
{
	int kind = plan_mode_elig_kind(k->q->mode);
	if (kind >= 0 && (k->cell->eligible & ELIG_KIND_BIT(kind)))
		return;
	char id[PLAN_MSG_MAX], en[PLAN_MSG_MAX];
	const char *mode = plan_mode_name(k->q->mode);
	snprintf(id, sizeof id, "Tidak memenuhi syarat untuk %s pada %s: %s", mode, k->date,
		 k->s->inelig_id ? k->s->inelig_id : "lihat keputusan kelayakan.");
	snprintf(en, sizeof en, "Not eligible for %s on %s: %s", mode, k->date,
		 k->s->inelig_en ? k->s->inelig_en : "see the eligibility decision.");
	add(k, PLAN_R_ELIGIBLE, id, en);
}

static bool place_ok(const struct plan_place *pl)
{
	return pl->has_address && pl->has_point && geo_in_indonesia(pl->lat, pl->lon);
}

static void check_place(struct checker *k)
{
	const struct plan_place *pl = &k->q->place;
	if (k->q->mode == PLAN_WFA && !place_ok(pl)) {
		add(k, PLAN_R_PLACE,
		    "WFA memerlukan tempat yang dinyatakan: alamat serta koordinat lat/lon di wilayah Indonesia.",
		    "wfa needs a declared place: an address and lat/lon inside Indonesia.");
		return;
	}
	if (k->q->mode != PLAN_KANTOR_LAIN)
		return;
	if (pl->has_office && !pl->office_known)
		add(k, PLAN_R_OFFICE, "Kantor yang disebut (kode unit) tidak terdaftar.",
		    "The office named (unit code) is not in the registry.");
	else if (!pl->has_office && !place_ok(pl))
		add(k, PLAN_R_OFFICE,
		    "Kantor lain memerlukan kantor pemerintah (kode unit) atau alamat dengan koordinat di Indonesia.",
		    "kantor_lain needs a government office (unit code) or an address with coordinates in Indonesia.");
}

static void check_cap(struct checker *k)
{
	const struct roster_day *day = &k->r->days[k->d];
	if (k->cell->flags & ROSTER_SPECIAL)
		return;
	int used = plan_week_count(k->r, k->q->person, k->d, k->d, k->s->stage == PLAN_STAGE_ASK);
	if (used + 1 <= day->max_days_week)
		return;
	char id[PLAN_MSG_MAX], en[PLAN_MSG_MAX];
	int iso_year, week = date_iso_week(day->day, &iso_year);
	snprintf(id, sizeof id,
		 "Batas %d hari kerja fleksibel lokasi per minggu sudah tercapai: minggu %d/%d sudah berisi %d hari"
		 " (Pasal 13 ayat 1; kecuali keadaan khusus yang disetujui).",
		 day->max_days_week, week, iso_year, used);
	snprintf(en, sizeof en,
		 "The limit of %d location-flexible days per week is reached: ISO week %d/%d already holds %d"
		 " (Pasal 13(1); unless special circumstances are approved).",
		 day->max_days_week, week, iso_year, used);
	add(k, PLAN_R_WEEKLY_CAP, id, en);
}

/* Others of the day, not counting the person asking. */
struct others {
	int staff, away, on_site;        /* staff includes the person when scheduled */
};

static void count_others(const struct roster *r, int p, int d, struct others *o)
{
	memset(o, 0, sizeof *o);
	for (int i = 0; i < r->npeople; i++) {
		const struct roster_cell *cell = &r->people[i].cells[d];
		if (!cell_scheduled(cell))
			continue;
		o->staff++;
		if (i == p)
			continue;
		if (plan_cell_away(cell))
			o->away++;
		else
			o->on_site++;
	}
}

static int pct_of(int part, int whole)
{
	return whole > 0 ? (part * 100 + whole / 2) / whole : 0;
}

void plan_coverage_if_approved(const struct roster *r, int p, int d, struct plan_coverage *out)
{
	struct others o;
	count_others(r, p, d, &o);
	const struct roster_day *day = &r->days[d];
	memset(out, 0, sizeof *out);
	out->on_site_if_approved = o.on_site;
	out->minimum = day->min_on_site;
	out->unit_staff = o.staff;
	out->share_away_if_approved_pct = pct_of(o.away + 1, o.staff);
	out->max_share_away_pct = day->max_share_away_pct;
	out->ok = o.away + 1 <= max_away(o.staff, day->max_share_away_pct) && o.on_site >= day->min_on_site;
	int start[PLAN_HOURS_MAX], len[PLAN_HOURS_MAX];
	int n = day->min_on_site_per_hour > 0 ? service_slots(r, start, len) : 0;
	const struct roster_cell *mine = &r->people[p].cells[d];
	for (int h = 0; h < n && out->ok; h++) {
		if (!plan_cell_covers(mine, start[h], len[h]))
			continue;
		int on = 0;
		for (int i = 0; i < r->npeople; i++) {
			const struct roster_cell *cell = &r->people[i].cells[d];
			if (i != p && !plan_cell_away(cell) && plan_cell_covers(cell, start[h], len[h]))
				on++;
		}
		if (on < day->min_on_site_per_hour)
			out->ok = false;
	}
}

static void check_share_and_minimum(struct checker *k)
{
	char id[PLAN_MSG_MAX], en[PLAN_MSG_MAX];
	const struct roster_day *day = &k->r->days[k->d];
	struct others o;
	count_others(k->r, k->q->person, k->d, &o);
	int allowed = max_away(o.staff, day->max_share_away_pct);
	if (o.away + 1 > allowed) {
		snprintf(id, sizeof id,
			 "Pegawai di luar kantor pada %s akan menjadi %d dari %d (%d%%), melebihi batas %d%%"
			 " (paling banyak %d orang).",
			 k->date, o.away + 1, o.staff, pct_of(o.away + 1, o.staff), day->max_share_away_pct, allowed);
		snprintf(en, sizeof en,
			 "Staff away on %s would be %d of %d (%d%%), above the limit of %d%% (at most %d people).",
			 k->date, o.away + 1, o.staff, pct_of(o.away + 1, o.staff), day->max_share_away_pct, allowed);
		add(k, PLAN_R_SHARE_AWAY, id, en);
	}
	if (day->min_on_site > 0 && o.on_site < day->min_on_site) {
		snprintf(id, sizeof id, "Pegawai di kantor pada %s akan tinggal %d, di bawah minimum %d.", k->date,
			 o.on_site, day->min_on_site);
		snprintf(en, sizeof en, "Staff on site on %s would drop to %d, below the minimum of %d.", k->date,
			 o.on_site, day->min_on_site);
		add(k, PLAN_R_MIN_ON_SITE, id, en);
	}
}

/* Each service hour the person covers must keep the per-hour minimum
 * without them; the message names the first short hour and how many. */
static void check_hours(struct checker *k)
{
	const struct roster_day *day = &k->r->days[k->d];
	int start[PLAN_HOURS_MAX], len[PLAN_HOURS_MAX];
	int n = day->min_on_site_per_hour > 0 ? service_slots(k->r, start, len) : 0;
	int short_hours = 0, first = -1, first_on = 0;
	for (int h = 0; h < n; h++) {
		if (!plan_cell_covers(k->cell, start[h], len[h]))
			continue;
		int on = 0;
		for (int i = 0; i < k->r->npeople; i++) {
			const struct roster_cell *cell = &k->r->people[i].cells[k->d];
			if (i != k->q->person && !plan_cell_away(cell) && plan_cell_covers(cell, start[h], len[h]))
				on++;
		}
		if (on >= day->min_on_site_per_hour)
			continue;
		if (first < 0) {
			first = h;
			first_on = on;
		}
		short_hours++;
	}
	if (first < 0)
		return;
	char id[PLAN_MSG_MAX], en[PLAN_MSG_MAX], a[6], b[6];
	date_format_hhmm(start[first], a);
	date_format_hhmm(start[first] + len[first], b);
	snprintf(id, sizeof id,
		 "Jam layanan %s-%s pada %s akan dijaga %d orang, di bawah minimum %d per jam (%d jam layanan kurang).",
		 a, b, k->date, first_on, day->min_on_site_per_hour, short_hours);
	snprintf(en, sizeof en,
		 "Service hour %s-%s on %s would be staffed by %d, below the minimum of %d per hour (%d hours short).",
		 a, b, k->date, first_on, day->min_on_site_per_hour, short_hours);
	add(k, PLAN_R_MIN_PER_HOUR, id, en);
}

static void check_office_only(struct checker *k)
{
	if (!k->r->days[k->d].office_only)
		return;
	char id[PLAN_MSG_MAX], en[PLAN_MSG_MAX];
	snprintf(id, sizeof id, "Pimpinan unit menetapkan %s sebagai hari wajib bekerja di kantor.", k->date);
	snprintf(en, sizeof en, "The unit head marked %s as an office-only day.", k->date);
	add(k, PLAN_R_OFFICE_ONLY, id, en);
}

static void check_duplicate(struct checker *k)
{
	const struct roster_cell *cell = k->cell;
	if (cell->status == PLAN_NONE || cell->plan_id == k->q->plan_id)
		return;
	char id[PLAN_MSG_MAX], en[PLAN_MSG_MAX];
	const char *st_id = cell->status == PLAN_APPROVED ? "disetujui" : "diajukan";
	snprintf(id, sizeof id, "Sudah ada rencana %s (%s) untuk %s.", plan_mode_name(cell->mode), st_id, k->date);
	snprintf(en, sizeof en, "There already is a %s plan (%s) for %s.", plan_mode_name(cell->mode),
		 plan_status_name(cell->status), k->date);
	add(k, PLAN_R_ONE_PER_DAY, id, en);
}

int plan_check(const struct roster *r, const struct plan_request *q, const struct plan_situation *s,
	       struct plan_violation *out, struct plan_coverage *cover)
{
	struct checker k = {.r = r, .q = q, .s = s, .out = out};
	k.d = roster_day_index(r, q->day);
	if (k.d < 0 || q->person < 0 || q->person >= r->npeople)
		return 0;
	k.cell = &r->people[q->person].cells[k.d];
	date_format(q->day, k.date);
	check_working(&k);
	check_past(&k);
	check_eligible(&k);
	check_place(&k);
	check_cap(&k);
	/* Coverage only concerns someone who would otherwise be on site. */
	if (cell_scheduled(k.cell)) {
		check_share_and_minimum(&k);
		check_hours(&k);
	}
	check_office_only(&k);
	check_duplicate(&k);
	if (cover)
		plan_coverage_if_approved(r, q->person, k.d, cover);
	return k.n;
}
