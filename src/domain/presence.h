/* presence.h - the evidence rules of a presence record (check-in), pure.
 *
 * A check-in is never refused for where or when it was made: it is stored
 * with named flags, each carrying the numbers that raised it, so a
 * supervisor (or an inspector, later) sees why. This file decides:
 *   - the place verdict: is the reading inside the place the day's plan
 *     expects (office, domicile, declared place, another office), taking
 *     the reported accuracy into account;
 *   - the presence window of RULES.md §3 against the working day;
 *   - which working day a record belongs to (overnight shifts);
 *   - each flag and its numbers, and the texts shown to people.
 *
 * The place rule. d = distance from the place's centre, r = its radius,
 * a = the reported accuracy (radius of the phone's confidence circle). The
 * reading is inside when its accuracy circle touches the allowed circle,
 * d <= r + min(a, accuracy_limit): a point whose accuracy circle lies wholly
 * outside is out. The benefit of the doubt never exceeds accuracy_limit,
 * and a reading worse than the limit is flagged poor_accuracy anyway, so a
 * 5 km accuracy cannot turn any place into "inside".
 *
 * No SQL, JSON or HTTP here. */
#ifndef FLEKSI_DOMAIN_PRESENCE_H
#define FLEKSI_DOMAIN_PRESENCE_H

#include "domain/schedule.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Where the day's approved plan puts the person. */
enum presence_mode { PRESENCE_WFO, PRESENCE_WFH, PRESENCE_WFA, PRESENCE_KANTOR_LAIN, PRESENCE_MODES_N };

enum presence_kind { PRESENCE_IN, PRESENCE_OUT };

/* Every flag, in the order it is reported. The bit of flag f in a mask is
 * 1 << f; the numbers are stable (stored in checkin.flag_mask). */
enum presence_flag {
	PF_OUTSIDE_PLACE = 0,      /* the reading lies outside the expected place */
	PF_POOR_ACCURACY,          /* accuracy worse than the limit */
	PF_IMPOSSIBLE_TRAVEL,      /* speed since the previous record above the limit */
	PF_UNREGISTERED_DEVICE,    /* not the employee's active device */
	PF_SHARED_DEVICE,          /* the device was used by another employee that day */
	PF_CLOCK_SKEW,             /* the phone's clock is far from the server's */
	PF_REMOTE_WITHOUT_PLAN,    /* no approved remote plan, but recorded at home, not at the office */
	PF_OUTSIDE_WINDOW,         /* outside the presence window of the working day */
	PF_NOT_WORKING_DAY,        /* the schedule (or calendar) gives no work that day */
	PF_PLACE_UNKNOWN,          /* the expected place has no coordinates: distance not checked */
	PF_COUNT
};

/* Thresholds (table presence_setting; defaults in presence_settings_default). */
struct presence_settings {
	int wfh_radius_m;          /* around the recorded domicile */
	int wfa_radius_m;          /* around a declared place (wfa) */
	int accuracy_limit_m;      /* worse is poor_accuracy; also the cap of the accuracy benefit */
	int max_speed_kmh;         /* faster between consecutive records is impossible_travel */
	int clock_skew_s;          /* |client - server| above is clock_skew */
	int raw_location_days;     /* raw coordinates kept this long (UU 27/2022) */
};

void presence_settings_default(struct presence_settings *s);

/* A circle on the ground; known false when the place has no coordinates. */
struct presence_place {
	bool known;
	double lat, lon;
	int radius_m;
};

/* The numbers a flag carries; unused ones are left 0. */
struct presence_flag_hit {
	enum presence_flag flag;
	double distance_m;         /* outside_place, remote_without_plan (from the office), impossible_travel */
	int allowed_m;             /* outside_place: the radius plus the accuracy benefit */
	double accuracy_m;         /* outside_place, poor_accuracy */
	int limit;                 /* poor_accuracy (m), impossible_travel (km/h), clock_skew (s) */
	double speed_kmh;          /* impossible_travel */
	int64_t seconds;           /* impossible_travel: time since the previous record */
	int64_t skew_s;            /* clock_skew: client minus server */
	double home_distance_m;    /* remote_without_plan */
	int minute;                /* outside_window: the record's minute of its working day */
	int window_from, window_until; /* outside_window */
	int others;                /* shared_device: other employees on the device that day */
};

#define PRESENCE_MAX_FLAGS PF_COUNT

struct presence_verdict {
	struct presence_flag_hit flags[PRESENCE_MAX_FLAGS];
	int nflags;
	uint32_t mask;
	double distance_m;         /* from the expected place; < 0 when unknown */
	int allowed_m;             /* radius + accuracy benefit; 0 when unknown */
};

/* Everything known before the record is written. The writer adds the
 * flags that need the stored history (travel, shared device, device). */
struct presence_input {
	enum presence_kind kind;
	enum presence_mode mode;
	bool has_plan;             /* an approved plan exists for the day */
	double lat, lon, accuracy_m;
	struct presence_place expected;   /* by the mode */
	struct presence_place office;     /* the unit's office */
	struct presence_place home;       /* the domicile with the wfh radius */
	int64_t server_ms, client_ms;     /* client_ms < 0: the phone gave none */
	const struct workday *day;        /* the working day the record belongs to */
	int minute;                       /* minutes after that day's local midnight (may pass 1440) */
};

/* The distance from the place, the allowed distance (radius + the capped
 * accuracy benefit) and whether the reading is inside (see the file
 * comment). A place that is not known is never "inside": callers flag
 * place_unknown instead. */
bool presence_place_inside(const struct presence_place *p, double lat, double lon, double accuracy_m,
			   int accuracy_limit_m, double *distance_m, int *allowed_m);

/* Whether minute lies in the working day's presence window (edges
 * included). On a day off the regular window applies. */
bool presence_in_window(const struct workday *w, int minute, int *from, int *until);

/* Which working day a record made at local minute `minute` (0..1439) of
 * day D belongs to: an out record belongs to D-1 when the D-1 working day
 * is an overnight shift whose window still runs (minute + 1440 <=
 * out_until). Returns 0 (today) or -1 (the day before) and sets *day_minute
 * to the minute counted from that day's midnight. prev may be NULL. */
int presence_attribute_day(const struct workday *prev, enum presence_kind kind, int minute, int *day_minute);

/* Evaluate the flags known before writing: outside_place, poor_accuracy,
 * clock_skew, remote_without_plan, outside_window, not_working_day,
 * place_unknown. out is reset first. */
void presence_evaluate(const struct presence_input *in, const struct presence_settings *s,
		       struct presence_verdict *out);

/* Speed in km/h between two readings dt_ms apart (dt taken as at least one
 * second, so two readings in the same instant do not divide by zero). */
double presence_speed_kmh(double distance_m, int64_t dt_ms);

/* impossible_travel: the previous record (any day) at prev_lat/lon,
 * prev_ms. Distances within both readings' accuracy (a + b) count as no
 * movement. Adds the flag to v and returns true when raised. */
bool presence_check_travel(struct presence_verdict *v, const struct presence_settings *s, double lat, double lon,
			   double accuracy_m, int64_t now_ms, double prev_lat, double prev_lon, double prev_accuracy_m,
			   int64_t prev_ms);

/* Add a flag with no numbers (unregistered_device, shared_device,
 * not_working_day, place_unknown). A flag already present is not added twice. */
void presence_add_flag(struct presence_verdict *v, enum presence_flag f);

const char *presence_flag_name(enum presence_flag f);
const char *presence_mode_name(enum presence_mode m);   /* "wfo", "wfh", "wfa", "kantor_lain" */
/* Parse a plan mode ("wfo"/"office", "wfh", "wfa", "kantor_lain"); -1 otherwise. */
int presence_mode_parse(const char *s);
const char *presence_kind_name(enum presence_kind k);   /* "in", "out" */
int presence_kind_parse(const char *s);                 /* -1 when neither */

/* The sentence a person reads about a flag, with its numbers, in
 * Indonesian (indonesian = true) or English. Always NUL-terminated. */
void presence_flag_message(const struct presence_flag_hit *h, bool indonesian, char *out, size_t cap);

#endif
