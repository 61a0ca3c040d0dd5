/* day.h - the account of one employee's working day, pure.
 *
 * From what the day was supposed to be (the working day of the schedule,
 * the calendar, an approved plan, an excuse such as leave) and what was
 * recorded (presence in and out, evidence flags, reachability
 * confirmations, the daily report), decide the day's status, the minutes
 * late and left early (RULES.md section 3: after the scheduled start, after
 * any approved flexible start; before the required end), the net minutes
 * worked, and the violations the day yields (issue 6 item 1). Minutes are
 * after local midnight of the date; a shift may end past 1440.
 *
 * Missing records are not guessed kindly: no record at all on a working day
 * without an excuse is an unexcused absence (alpa); a day with only one of
 * the two records counts the missing one as the worst case (no "in": late
 * until the "out"; no "out": left at arrival) and says so. */
#ifndef FLEKSI_DOMAIN_DAY_H
#define FLEKSI_DOMAIN_DAY_H

#include "domain/schedule.h"

#include <stdbool.h>

enum day_status {
	DAY_HADIR,        /* present at the office */
	DAY_WFH,
	DAY_WFA,
	DAY_KANTOR_LAIN,  /* present at another government office (approved plan) */
	DAY_CUTI,         /* leave of any kind (cuti tahunan, besar, melahirkan ...) */
	DAY_SAKIT,
	DAY_DINAS_LUAR,   /* duty travel */
	DAY_TUGAS_BELAJAR,
	DAY_LIBUR,        /* not a working day for this person */
	DAY_ALPA,         /* unexcused absence */
	DAY_STATUS_N
};

enum day_excuse { DAY_EXCUSE_NONE, DAY_EXCUSE_CUTI, DAY_EXCUSE_SAKIT, DAY_EXCUSE_DINAS_LUAR,
	DAY_EXCUSE_TUGAS_BELAJAR };

enum day_plan { DAY_PLAN_NONE, DAY_PLAN_WFH, DAY_PLAN_WFA, DAY_PLAN_KANTOR_LAIN };

enum day_report { DAY_REPORT_NOT_DUE, DAY_REPORT_ON_TIME, DAY_REPORT_LATE, DAY_REPORT_MISSING };

enum day_violation {
	DAY_V_UNEXCUSED_ABSENCE,
	DAY_V_LATE,
	DAY_V_EARLY_LEAVE,
	DAY_V_MISSING_IN,
	DAY_V_MISSING_OUT,
	DAY_V_OUTSIDE_PLACE,
	DAY_V_MISSED_CONFIRMATION,
	DAY_V_REPORT_MISSING,
	DAY_V_REPORT_LATE,
	DAY_V_REMOTE_WITHOUT_PLAN,
	DAY_V_REMOTE_NOT_ELIGIBLE,
	DAY_V_N
};

struct day_input {
	struct workday work;        /* after schedule_apply_calendar */
	enum day_excuse excuse;
	enum day_plan plan;         /* the approved plan */
	bool eligible_remote;       /* eligible on the date for the plan's mode */
	bool has_in, has_out;
	int in_min, out_min;        /* server time of the records, minutes after local midnight */
	bool in_outside_place, out_outside_place;   /* the records' place verdicts */
	bool records_away_from_office;  /* recorded far from the office with no plan (remote without plan) */
	int confirmations_missed;
	enum day_report report;
};

struct day_account {
	enum day_status status;
	int late_min, early_min;
	int net_min;                /* worked, breaks taken out */
	int required_end;           /* after any earliest-end rule; 0 when not working */
	unsigned violations;        /* bits (1u << enum day_violation) */
	int confirmations_missed;
};

/* Leave and duty travel kinds (store/leaves.h), each excusing a day with
 * one status: the cuti kinds of PP 11/2017 (annual, long, maternity,
 * important reasons, unpaid) give "cuti"; cuti_sakit gives "sakit"; duty
 * travel "dinas_luar"; study assignment "tugas_belajar". Joint leave (cuti
 * bersama) is not a leave: it is a calendar day off. */
enum day_leave_kind {
	LEAVE_CUTI_TAHUNAN,
	LEAVE_CUTI_BESAR,
	LEAVE_CUTI_SAKIT,
	LEAVE_CUTI_MELAHIRKAN,
	LEAVE_CUTI_ALASAN_PENTING,
	LEAVE_CUTI_LUAR_TANGGUNGAN,
	LEAVE_DINAS_LUAR,
	LEAVE_TUGAS_BELAJAR,
	LEAVE_KIND_N
};
const char *day_leave_kind_name(enum day_leave_kind k);
int day_leave_kind_parse(const char *name);   /* -1 when unknown */
enum day_excuse day_leave_excuse(enum day_leave_kind k);

const char *day_status_name(enum day_status s);
int day_status_parse(const char *name);
const char *day_violation_name(enum day_violation v);

void day_account_of(const struct day_input *in, struct day_account *out);
/* Whether the day counts as unexcused for the ladder (domain/ladder.h). */
bool day_is_unexcused(const struct day_account *a);
/* Whether the day breaks a streak of unexcused days (present or excused). */
bool day_breaks_streak(const struct day_account *a);

#endif
