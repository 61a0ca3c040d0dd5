/* eligibility.c - the rules of Permen PANRB 4/2025 on who may work
 * flexibly (see eligibility.h), and their explanations.
 *
 * Every rule is evaluated for every kind it applies to, so a "no" lists each
 * rule that failed, not only the first. A granted exception of a kepala OPD
 * waives the duty rules of Pasal 11 (the head may add or relax criteria for
 * one person) but never a legal bar: discipline, new employee, excluded
 * groups, the agency switch or a kind the policy does not allow. */
#include "domain/eligibility.h"
#include "domain/nip.h"
#include "domain/org.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BIT(r) (1u << (r))
#define DUTY_RULES                                                                                   \
	(BIT(ELIG_R_DUTY_CLASSIFIED) | BIT(ELIG_R_OUTSIDE_OFFICE) | BIT(ELIG_R_NO_SPECIAL_EQUIPMENT) | \
	 BIT(ELIG_R_ICT_POSSIBLE) | BIT(ELIG_R_MINIMAL_FACE_TO_FACE) | BIT(ELIG_R_NO_CONTINUOUS_SUPERVISION))

static const char *const kind_names[ELIG_KINDS_N] = {"wfh", "wfa", "kantor_lain", "shift", "dinamis"};

static const char *const rule_names[ELIG_RULES_N] = {
	"policy_in_force", "agency_enabled", "mode_allowed", "duty_classified", "outside_office",
	"no_special_equipment", "ict_possible", "minimal_face_to_face", "no_continuous_supervision",
	"shift_duty", "dinamis_duty", "domicile_recorded", "no_discipline_case", "no_running_sanction",
	"not_new_employee", "not_excluded_group", "exception", "special_circumstances",
};

const char *elig_kind_name(enum elig_kind k)
{
	return (unsigned)k < ELIG_KINDS_N ? kind_names[k] : "unknown";
}

int elig_kind_parse(const char *name)
{
	for (int k = 0; name && k < ELIG_KINDS_N; k++)
		if (!strcmp(kind_names[k], name))
			return k;
	return -1;
}

const char *elig_rule_name(enum elig_rule r)
{
	return (unsigned)r < ELIG_RULES_N ? rule_names[r] : "unknown";
}

void elig_policy_default(struct elig_policy *p, const char *date, bool enabled)
{
	memset(p, 0, sizeof *p);
	p->in_force = date && strcmp(date, ELIG_REGULATION_IN_FORCE) >= 0;
	p->version = 0;
	p->valid_from = ELIG_REGULATION_IN_FORCE;
	p->legal_reference = ELIG_REGULATION;
	p->enabled = enabled;
	p->kinds = ELIG_KINDS_ALL;
	p->max_remote_days_per_week = ELIG_DEFAULT_MAX_REMOTE_DAYS;
	p->max_share_away_pct = ELIG_DEFAULT_MAX_SHARE_AWAY_PCT;
	p->new_employee_months = ELIG_DEFAULT_NEW_EMPLOYEE_MONTHS;
}

void elig_policy_override(struct elig_policy *p, const struct elig_override *ov, int n)
{
	for (int i = 0; i < n; i++) {
		if (ov[i].has_enabled)
			p->enabled = ov[i].enabled;
		if (ov[i].has_kinds)
			p->kinds = ov[i].kinds & ELIG_KINDS_ALL;
		if (ov[i].max_remote_days_per_week >= 0)
			p->max_remote_days_per_week = ov[i].max_remote_days_per_week;
		if (ov[i].max_share_away_pct >= 0)
			p->max_share_away_pct = ov[i].max_share_away_pct;
	}
}

bool elig_service_start(const char *nip, const char *appointed_on, char out[11])
{
	struct nip_info ni;
	if (nip && nip_parse(nip, &ni) == 0) {
		unsigned y = (unsigned)ni.start_year % 10000u, m = ni.kind == NIP_PNS ? (unsigned)ni.start_month % 100u : 1u;
		snprintf(out, 11, "%04u-%02u-01", y, m);
		return true;
	}
	if (appointed_on && org_is_date(appointed_on)) {
		snprintf(out, 11, "%s", appointed_on);
		return true;
	}
	out[0] = '\0';
	return false;
}

static void ymd(const char *s, int *y, int *m, int *d)
{
	*y = atoi(s);
	*m = atoi(s + 5);
	*d = atoi(s + 8);
}

int elig_months_between(const char *a, const char *b)
{
	int ya, ma, da, yb, mb, db;
	ymd(a, &ya, &ma, &da);
	ymd(b, &yb, &mb, &db);
	int months = (yb - ya) * 12 + (mb - ma);
	if (months > 0 && db < da)
		months--;
	else if (months < 0 && db > da)
		months++;
	return months;
}

bool elig_is_new_employee(const struct elig_person *p, const struct elig_policy *pol, const char *date)
{
	if (p->employment && !strcmp(p->employment, "cpns"))
		return true;
	if (!p->service_start || !p->service_start[0])
		return false;
	if (strcmp(p->service_start, date) > 0)
		return true;
	return elig_months_between(p->service_start, date) < pol->new_employee_months;
}

/* Rules every kind shares: the policy and the person. */
static void check_common(const struct elig_input *in, enum elig_kind k, struct elig_verdict *v)
{
	const struct elig_policy *pol = in->policy;
	const struct elig_person *p = in->person;
	v->checked |= BIT(ELIG_R_POLICY_IN_FORCE);
	if (!pol->in_force) {
		v->failed |= BIT(ELIG_R_POLICY_IN_FORCE);
	} else {
		v->checked |= BIT(ELIG_R_AGENCY_ENABLED) | BIT(ELIG_R_MODE_ALLOWED);
		if (!pol->enabled)
			v->failed |= BIT(ELIG_R_AGENCY_ENABLED);
		if (!(pol->kinds & ELIG_KIND_BIT(k)))
			v->failed |= BIT(ELIG_R_MODE_ALLOWED);
	}
	v->checked |= BIT(ELIG_R_NO_DISCIPLINE_CASE) | BIT(ELIG_R_NO_RUNNING_SANCTION) |
		      BIT(ELIG_R_NOT_NEW_EMPLOYEE) | BIT(ELIG_R_NOT_EXCLUDED_GROUP) | BIT(ELIG_R_DUTY_CLASSIFIED);
	if (p->open_case)
		v->failed |= BIT(ELIG_R_NO_DISCIPLINE_CASE);
	if (p->running_sanction)
		v->failed |= BIT(ELIG_R_NO_RUNNING_SANCTION);
	if (elig_is_new_employee(p, pol, in->date))
		v->failed |= BIT(ELIG_R_NOT_NEW_EMPLOYEE);
	if (p->excluded_group && p->excluded_group[0])
		v->failed |= BIT(ELIG_R_NOT_EXCLUDED_GROUP);
	if (in->duty->unclassified)
		v->failed |= BIT(ELIG_R_DUTY_CLASSIFIED);
}

static void check_location(const struct elig_input *in, enum elig_kind k, struct elig_verdict *v)
{
	const struct jobclass_profile *d = in->duty;
	if (!d->unclassified)
		for (int i = 0; i < JC_CRITERIA_N; i++) {
			v->checked |= BIT(ELIG_R_OUTSIDE_OFFICE + i);
			if (!(d->criteria & (1u << i)))
				v->failed |= BIT(ELIG_R_OUTSIDE_OFFICE + i);
		}
	if (k == ELIG_WFH) {
		v->checked |= BIT(ELIG_R_DOMICILE_RECORDED);
		if (!in->person->has_domicile)
			v->failed |= BIT(ELIG_R_DOMICILE_RECORDED);
	}
	if (in->special)
		v->checked |= BIT(ELIG_R_SPECIAL_CIRCUMSTANCES);
	const struct elig_exception *x = in->exception;
	if (!x || x->decision == ELIG_EXC_NONE)
		return;
	v->checked |= BIT(ELIG_R_EXCEPTION);
	if (x->decision == ELIG_EXC_REFUSE) {
		v->failed |= BIT(ELIG_R_EXCEPTION);
	} else {
		v->waived = v->failed & DUTY_RULES;
		v->failed &= ~(uint32_t)DUTY_RULES;
	}
}

static void check_time(const struct elig_input *in, enum elig_kind k, struct elig_verdict *v)
{
	enum elig_rule r = k == ELIG_SHIFT ? ELIG_R_SHIFT_DUTY : ELIG_R_DINAMIS_DUTY;
	unsigned bit = k == ELIG_SHIFT ? JT_SHIFT : JT_DINAMIS;
	if (in->duty->unclassified)
		return;
	v->checked |= BIT(r);
	if (!(in->duty->time & bit))
		v->failed |= BIT(r);
}

void elig_decide(const struct elig_input *in, struct elig_decision *out)
{
	memset(out, 0, sizeof *out);
	for (int k = 0; k < ELIG_KINDS_N; k++) {
		struct elig_verdict *v = &out->kind[k];
		check_common(in, (enum elig_kind)k, v);
		if (k < ELIG_LOCATION_N)
			check_location(in, (enum elig_kind)k, v);
		else
			check_time(in, (enum elig_kind)k, v);
		v->eligible = v->failed == 0;
	}
}

/* ---- explanations ---- */

static const char *basis_of(enum elig_rule r, enum elig_kind k)
{
	switch (r) {
	case ELIG_R_POLICY_IN_FORCE: return ELIG_REGULATION;
	case ELIG_R_AGENCY_ENABLED: return ELIG_REGULATION " (kebijakan instansi)";
	case ELIG_R_MODE_ALLOWED: return k < ELIG_LOCATION_N ? ELIG_REGULATION " Pasal 12" : ELIG_REGULATION " Pasal 17";
	case ELIG_R_DUTY_CLASSIFIED:
	case ELIG_R_OUTSIDE_OFFICE:
	case ELIG_R_NO_SPECIAL_EQUIPMENT:
	case ELIG_R_ICT_POSSIBLE:
	case ELIG_R_MINIMAL_FACE_TO_FACE:
	case ELIG_R_NO_CONTINUOUS_SUPERVISION: return ELIG_REGULATION " Pasal 11";
	case ELIG_R_SHIFT_DUTY:
	case ELIG_R_DINAMIS_DUTY: return ELIG_REGULATION " Pasal 17";
	case ELIG_R_DOMICILE_RECORDED: return ELIG_REGULATION " Pasal 12";
	case ELIG_R_NO_DISCIPLINE_CASE:
	case ELIG_R_NO_RUNNING_SANCTION:
	case ELIG_R_NOT_NEW_EMPLOYEE: return ELIG_REGULATION " Pasal 25 ayat (1)";
	case ELIG_R_NOT_EXCLUDED_GROUP: return ELIG_REGULATION " Pasal 38";
	case ELIG_R_EXCEPTION: return ELIG_REGULATION " Pasal 11 (kriteria tambahan pimpinan)";
	case ELIG_R_SPECIAL_CIRCUMSTANCES: return ELIG_REGULATION " Pasal 30";
	case ELIG_RULES_N: break;
	}
	return ELIG_REGULATION;
}

/* Static sentences: {passed id, passed en, failed id, failed en}. */
static const char *const texts[ELIG_RULES_N][4] = {
	[ELIG_R_DUTY_CLASSIFIED] = {
		"Jabatan ini sudah memiliki profil tugas.", "This position has a duty profile.",
		"Jabatan ini belum terklasifikasi; admin BKD perlu menetapkan profil tugasnya.",
		"This position is not classified yet; admin BKD must set its duty profile."},
	[ELIG_R_OUTSIDE_OFFICE] = {
		"Tugas dapat dilakukan di luar kantor.", "The duties can be done outside the office.",
		"Tugas harus dilakukan di kantor atau di lokasi layanan.",
		"The duties must be done at the office or the service location."},
	[ELIG_R_NO_SPECIAL_EQUIPMENT] = {
		"Tugas tidak memerlukan ruang atau peralatan khusus.", "The duties need no special room or equipment.",
		"Tugas memerlukan ruang atau peralatan khusus.", "The duties need a special room or equipment."},
	[ELIG_R_ICT_POSSIBLE] = {
		"Tugas dapat dilakukan dengan teknologi informasi dan komunikasi.",
		"The duties can be done with information and communication technology.",
		"Tugas tidak dapat dilakukan dengan teknologi informasi dan komunikasi.",
		"The duties cannot be done with information and communication technology."},
	[ELIG_R_MINIMAL_FACE_TO_FACE] = {
		"Tugas hanya memerlukan sedikit interaksi tatap muka.", "The duties need minimal face-to-face interaction.",
		"Tugas memerlukan interaksi tatap muka (layanan langsung kepada masyarakat, pasien atau peserta didik).",
		"The duties need face-to-face interaction (direct service to the public, patients or pupils)."},
	[ELIG_R_NO_CONTINUOUS_SUPERVISION] = {
		"Tugas tidak memerlukan pengawasan terus-menerus.", "The duties need no continuous supervision.",
		"Tugas memerlukan pengawasan atau komando terus-menerus di tempat.",
		"The duties need continuous supervision or command on the spot."},
	[ELIG_R_SHIFT_DUTY] = {
		"Tugas berlangsung lebih dari jam kerja biasa sehingga cocok dengan sistem sif.",
		"The duties run beyond normal working hours, so shifts fit them.",
		"Tugas tidak memerlukan sistem sif.", "The duties do not call for shifts."},
	[ELIG_R_DINAMIS_DUTY] = {
		"Tugas tidak terikat jam kantor sehingga waktu kerja dinamis cocok.",
		"The duties are not bound to office hours, so dynamic working time fits them.",
		"Tugas terikat jam kantor; waktu kerja dinamis tidak cocok.",
		"The duties are bound to office hours; dynamic working time does not fit them."},
	[ELIG_R_DOMICILE_RECORDED] = {
		"Domisili tercatat dalam data kepegawaian (lokasi bekerja dari rumah).",
		"A domicile is recorded in the personnel data (the work-from-home location).",
		"Domisili belum tercatat dalam data kepegawaian, sehingga rumah tidak dapat menjadi lokasi kerja.",
		"No domicile is recorded in the personnel data, so home cannot be a work location."},
	[ELIG_R_NO_DISCIPLINE_CASE] = {
		"Tidak sedang menjalani proses hukuman disiplin.", "Not in a disciplinary process.",
		"Sedang dalam proses hukuman disiplin (kasus terbuka).", "In a disciplinary process (an open case)."},
	[ELIG_R_NOT_EXCLUDED_GROUP] = {
		"Tidak termasuk kelompok yang dikecualikan (TNI, Polri, perwakilan di luar negeri).",
		"Not in an excluded group (TNI, Polri, representation abroad).",
		"Termasuk kelompok yang dikecualikan dari fleksibilitas kerja (TNI, Polri, perwakilan di luar negeri).",
		"In a group excluded from flexible work (TNI, Polri, representation abroad)."},
};

static void fill_policy_text(const struct elig_input *in, enum elig_rule r, enum elig_kind k, bool ok,
			     struct elig_reason *o)
{
	const struct elig_policy *p = in->policy;
	const char *kn = elig_kind_name(k);
	if (r == ELIG_R_POLICY_IN_FORCE && ok) {
		snprintf(o->message_id, ELIG_MSG_MAX, "Kebijakan fleksibilitas kerja versi %d berlaku sejak %s (%s).",
			 p->version, p->valid_from, p->legal_reference);
		snprintf(o->message_en, ELIG_MSG_MAX, "Flexible-work policy version %d is in force since %s (%s).",
			 p->version, p->valid_from, p->legal_reference);
	} else if (r == ELIG_R_POLICY_IN_FORCE) {
		snprintf(o->message_id, ELIG_MSG_MAX, "Pada tanggal %s belum ada kebijakan fleksibilitas kerja yang berlaku.",
			 in->date);
		snprintf(o->message_en, ELIG_MSG_MAX, "No flexible-work policy was in force on %s.", in->date);
	} else if (r == ELIG_R_AGENCY_ENABLED) {
		snprintf(o->message_id, ELIG_MSG_MAX, ok ? "Instansi/unit menerapkan fleksibilitas kerja (%s)."
							 : "Instansi/unit tidak menerapkan fleksibilitas kerja (%s).",
			 p->legal_reference);
		snprintf(o->message_en, ELIG_MSG_MAX, ok ? "The agency/unit has adopted flexible work (%s)."
							 : "The agency/unit has not adopted flexible work (%s).",
			 p->legal_reference);
	} else {
		snprintf(o->message_id, ELIG_MSG_MAX, ok ? "Mode %s diizinkan oleh kebijakan versi %d."
							 : "Mode %s tidak diizinkan oleh kebijakan versi %d.",
			 kn, p->version);
		snprintf(o->message_en, ELIG_MSG_MAX, ok ? "Mode %s is allowed by policy version %d."
							 : "Mode %s is not allowed by policy version %d.",
			 kn, p->version);
	}
}

static void fill_person_text(const struct elig_input *in, enum elig_rule r, bool ok, struct elig_reason *o)
{
	const struct elig_person *p = in->person;
	if (r == ELIG_R_NO_DISCIPLINE_CASE && ok) {
		snprintf(o->message_id, ELIG_MSG_MAX, "Tidak sedang menjalani proses hukuman disiplin.");
		snprintf(o->message_en, ELIG_MSG_MAX, "Not in a disciplinary process.");
	} else if (r == ELIG_R_NO_DISCIPLINE_CASE && p->open_case_id > 0) {
		snprintf(o->message_id, ELIG_MSG_MAX, "Sedang dalam proses hukuman disiplin (kasus #%lld terbuka).",
			 (long long)p->open_case_id);
		snprintf(o->message_en, ELIG_MSG_MAX, "In a disciplinary process (case #%lld is open).",
			 (long long)p->open_case_id);
	} else if (r == ELIG_R_NO_DISCIPLINE_CASE) {
		snprintf(o->message_id, ELIG_MSG_MAX, "Sedang dalam proses hukuman disiplin (kasus terbuka).");
		snprintf(o->message_en, ELIG_MSG_MAX, "In a disciplinary process (an open case).");
	} else if (r == ELIG_R_NO_RUNNING_SANCTION && ok) {
		snprintf(o->message_id, ELIG_MSG_MAX, "Tidak sedang menjalani hukuman disiplin.");
		snprintf(o->message_en, ELIG_MSG_MAX, "Not serving a disciplinary sanction.");
	} else if (r == ELIG_R_NO_RUNNING_SANCTION) {
		snprintf(o->message_id, ELIG_MSG_MAX, "Sedang menjalani hukuman disiplin %s sampai %s.",
			 p->sanction_code ? p->sanction_code : "", p->sanction_until ? p->sanction_until : "-");
		snprintf(o->message_en, ELIG_MSG_MAX, "Serving the disciplinary sanction %s until %s.",
			 p->sanction_code ? p->sanction_code : "", p->sanction_until ? p->sanction_until : "-");
	} else if (ok) {
		snprintf(o->message_id, ELIG_MSG_MAX, "Bukan pegawai baru (masa kerja sejak %s, batas %d bulan).",
			 p->service_start ? p->service_start : "-", in->policy->new_employee_months);
		snprintf(o->message_en, ELIG_MSG_MAX, "Not a new employee (in service since %s; the limit is %d months).",
			 p->service_start ? p->service_start : "-", in->policy->new_employee_months);
	} else if (p->employment && !strcmp(p->employment, "cpns")) {
		snprintf(o->message_id, ELIG_MSG_MAX, "Masih berstatus CPNS (pegawai baru).");
		snprintf(o->message_en, ELIG_MSG_MAX, "Still a CPNS (a new employee).");
	} else {
		snprintf(o->message_id, ELIG_MSG_MAX, "Pegawai baru: masa kerja sejak %s belum %d bulan.",
			 p->service_start ? p->service_start : "-", in->policy->new_employee_months);
		snprintf(o->message_en, ELIG_MSG_MAX, "A new employee: in service since %s, less than %d months.",
			 p->service_start ? p->service_start : "-", in->policy->new_employee_months);
	}
}

static void fill_exception_text(const struct elig_input *in, struct elig_reason *o)
{
	const struct elig_exception *x = in->exception;
	bool grant = x->decision == ELIG_EXC_GRANT;
	snprintf(o->message_id, ELIG_MSG_MAX, "Pengecualian %s oleh %s sampai %s: %.160s",
		 grant ? "diberikan" : "ditolak", x->decided_by ? x->decided_by : "kepala OPD",
		 x->valid_until ? x->valid_until : "-", x->justification ? x->justification : "");
	snprintf(o->message_en, ELIG_MSG_MAX, "Exception %s by %s until %s: %.160s", grant ? "granted" : "refused",
		 x->decided_by ? x->decided_by : "the head of the body", x->valid_until ? x->valid_until : "-",
		 x->justification ? x->justification : "");
}

static void fill_special_text(const struct elig_input *in, struct elig_reason *o)
{
	const struct elig_special *sp = in->special;
	int cap = in->policy->max_remote_days_per_week;
	snprintf(o->message_id, ELIG_MSG_MAX,
		 "Keadaan khusus disetujui oleh %.60s untuk %s sampai %s (permohonan %lld): batas %d hari kerja "
		 "fleksibel lokasi per minggu tidak berlaku selama periode ini.",
		 sp->decided_by ? sp->decided_by : "kepala unit", sp->period_from, sp->period_to, sp->request_id, cap);
	snprintf(o->message_en, ELIG_MSG_MAX,
		 "Special circumstances approved by %.60s from %s to %s (request %lld): the limit of %d "
		 "location-flexible days per week does not apply in this period.",
		 sp->decided_by ? sp->decided_by : "the head of the unit", sp->period_from, sp->period_to,
		 sp->request_id, cap);
}

static void fill_reason(const struct elig_input *in, enum elig_kind k, enum elig_rule r, bool ok, bool waived,
			struct elig_reason *o)
{
	memset(o, 0, sizeof *o);
	o->rule = r;
	o->passed = ok;
	o->waived = waived;
	snprintf(o->basis, ELIG_BASIS_MAX, "%s", basis_of(r, k));
	if (r <= ELIG_R_MODE_ALLOWED)
		fill_policy_text(in, r, k, ok, o);
	else if (r == ELIG_R_NO_RUNNING_SANCTION || r == ELIG_R_NOT_NEW_EMPLOYEE || r == ELIG_R_NO_DISCIPLINE_CASE)
		fill_person_text(in, r, ok, o);
	else if (r == ELIG_R_EXCEPTION)
		fill_exception_text(in, o);
	else if (r == ELIG_R_SPECIAL_CIRCUMSTANCES)
		fill_special_text(in, o);
	else {
		snprintf(o->message_id, ELIG_MSG_MAX, "%s", texts[r][ok ? 0 : 2]);
		snprintf(o->message_en, ELIG_MSG_MAX, "%s", texts[r][ok ? 1 : 3]);
	}
	if (waived) {
		size_t n = strlen(o->message_id);
		snprintf(o->message_id + n, ELIG_MSG_MAX - n, " Dikecualikan oleh keputusan kepala OPD.");
		n = strlen(o->message_en);
		snprintf(o->message_en + n, ELIG_MSG_MAX - n, " Waived by a decision of the head of the body.");
	}
}

int elig_explain(const struct elig_input *in, enum elig_kind k, const struct elig_verdict *v,
		 struct elig_reason *out, int max)
{
	int n = 0;
	for (int r = 0; r < ELIG_RULES_N && n < max; r++) {
		if (!(v->checked & BIT(r)))
			continue;
		bool failed = v->failed & BIT(r), waived = v->waived & BIT(r);
		if (v->eligible || failed || r == ELIG_R_EXCEPTION || r == ELIG_R_SPECIAL_CIRCUMSTANCES)
			fill_reason(in, k, (enum elig_rule)r, !failed && !waived, waived, &out[n++]);
	}
	return n;
}
