/* team_today.h (store) - the supervisor's live board of one day (issue 5
 * item 8): who of the actor's team has an approved plan or a leave, when
 * they recorded in and out, the verdicts and flags, and how many are on
 * site against the unit's minimum.
 *
 * Three bulk queries (people, the day's plans and leaves, the day's
 * check-ins) over the same visibility filter as the day accounts
 * (store/attendance.h), merged here in memory: no query per person. */
#ifndef FLEKSI_STORE_TEAM_TODAY_H
#define FLEKSI_STORE_TEAM_TODAY_H

#include "auth/roles.h"
#include "db/db.h"

#include <stdbool.h>
#include <stdint.h>

#define TEAM_TODAY_MAX 5000   /* people on one board; more is truncated */

struct team_record {
	bool present;
	int minute;              /* of the working day */
	char mode[16];           /* wfo, wfh, wfa, kantor_lain */
	char verdict[8];         /* ok, flagged */
	uint32_t flag_mask;
	bool has_distance;
	double distance_m;
	char *flags;             /* the stored JSON array; owned */
};

struct team_member {
	int64_t employee_id;
	char nip[19];
	char *name;              /* owned */
	char unit[33];
	char plan_mode[16];      /* the approved plan's mode; "wfo" without a plan */
	char leave[32];          /* the active leave's kind; "" none */
	struct team_record in, out;
	bool on_site;            /* in at the office (wfo), inside the place, not out yet */
};

struct team_board {
	struct team_member *items;
	int n;
	bool truncated;
	int on_site;
};

/* The board of date (text) for the people visible in scope within the unit
 * subtree unit_path ("" for all). Runs in the caller's read transaction.
 * Free with team_board_free. */
int team_today_load(struct db_conn *c, const struct scope *sc, const char *unit_path, const char *date,
		    struct team_board *out);
void team_board_free(struct team_board *b);

/* Whether a member counts toward the unit's minimum on site: recorded in
 * at the office without the outside_place flag and not recorded out. */
bool team_member_on_site(const struct team_member *m);

/* The unit's minimum on site (unit_staffing); *has false when none is set. */
int team_unit_minimum(struct db_conn *c, const char *unit_code, bool *has, int *minimum);

#endif
