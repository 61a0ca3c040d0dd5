/* presence.c - the evidence rules of a presence record (see presence.h). */
#include "domain/presence.h"
#include "core/date.h"
#include "domain/geo.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const flag_names[PF_COUNT] = {
	"outside_place", "poor_accuracy", "impossible_travel", "unregistered_device", "shared_device",
	"clock_skew", "remote_without_plan", "outside_window", "not_working_day", "place_unknown",
};
static const char *const mode_names[PRESENCE_MODES_N] = {"wfo", "wfh", "wfa", "kantor_lain"};

void presence_settings_default(struct presence_settings *s)
{
	s->wfh_radius_m = 200;
	s->wfa_radius_m = 200;
	s->accuracy_limit_m = 100;
	s->max_speed_kmh = 200;
	s->clock_skew_s = 300;
	s->raw_location_days = 90;
}

const char *presence_flag_name(enum presence_flag f)
{
	return (unsigned)f < PF_COUNT ? flag_names[f] : "unknown";
}

const char *presence_mode_name(enum presence_mode m)
{
	return (unsigned)m < PRESENCE_MODES_N ? mode_names[m] : "wfo";
}

int presence_mode_parse(const char *s)
{
	if (!s)
		return -1;
	if (!strcmp(s, "office"))
		return PRESENCE_WFO;
	for (int i = 0; i < PRESENCE_MODES_N; i++)
		if (!strcmp(s, mode_names[i]))
			return i;
	return -1;
}

const char *presence_kind_name(enum presence_kind k)
{
	return k == PRESENCE_OUT ? "out" : "in";
}

int presence_kind_parse(const char *s)
{
	if (s && !strcmp(s, "in"))
		return PRESENCE_IN;
	if (s && !strcmp(s, "out"))
		return PRESENCE_OUT;
	return -1;
}

bool presence_place_inside(const struct presence_place *p, double lat, double lon, double accuracy_m,
			   int accuracy_limit_m, double *distance_m, int *allowed_m)
{
	if (!p->known) {
		*distance_m = -1;
		*allowed_m = 0;
		return false;
	}
	double benefit = accuracy_m > 0 ? accuracy_m : 0;
	if (benefit > accuracy_limit_m)
		benefit = accuracy_limit_m;
	double d = geo_distance_m(p->lat, p->lon, lat, lon);
	*distance_m = d;
	/* Whole metres: what people read and what the boundary tests pin down. */
	*allowed_m = p->radius_m + (int)floor(benefit);
	return d <= (double)*allowed_m;
}

bool presence_in_window(const struct workday *w, int minute, int *from, int *until)
{
	int f = SCHEDULE_REGULAR_IN_FROM, u = SCHEDULE_REGULAR_OUT_UNTIL;
	if (w && w->working && w->out_until > w->in_from) {
		f = w->in_from;
		u = w->out_until;
	}
	*from = f;
	*until = u;
	return minute >= f && minute <= u;
}

int presence_attribute_day(const struct workday *prev, enum presence_kind kind, int minute, int *day_minute)
{
	if (kind == PRESENCE_OUT && prev && prev->working && prev->out_until > 1440 &&
	    minute + 1440 <= prev->out_until) {
		*day_minute = minute + 1440;
		return -1;
	}
	*day_minute = minute;
	return 0;
}

double presence_speed_kmh(double distance_m, int64_t dt_ms)
{
	if (dt_ms < 1000)
		dt_ms = 1000;
	return distance_m / ((double)dt_ms / 1000.0) * 3.6;
}

static struct presence_flag_hit *add(struct presence_verdict *v, enum presence_flag f)
{
	if (v->mask & (1u << f))
		for (int i = 0; i < v->nflags; i++)
			if (v->flags[i].flag == f)
				return &v->flags[i];
	struct presence_flag_hit *h = &v->flags[v->nflags++];
	memset(h, 0, sizeof *h);
	h->flag = f;
	v->mask |= 1u << f;
	return h;
}

void presence_add_flag(struct presence_verdict *v, enum presence_flag f)
{
	add(v, f);
}

bool presence_check_travel(struct presence_verdict *v, const struct presence_settings *s, double lat, double lon,
			   double accuracy_m, int64_t now_ms, double prev_lat, double prev_lon, double prev_accuracy_m,
			   int64_t prev_ms)
{
	double d = geo_distance_m(prev_lat, prev_lon, lat, lon);
	double noise = (accuracy_m > 0 ? accuracy_m : 0) + (prev_accuracy_m > 0 ? prev_accuracy_m : 0);
	if (!(d > noise))
		return false;
	/* Only the distance beyond both readings' uncertainty counts as travel. */
	int64_t dt = now_ms - prev_ms;
	double kmh = presence_speed_kmh(d - noise, dt);
	if (kmh <= s->max_speed_kmh)
		return false;
	struct presence_flag_hit *h = add(v, PF_IMPOSSIBLE_TRAVEL);
	h->distance_m = d;
	h->speed_kmh = kmh;
	h->seconds = (dt > 0 ? dt : 0) / 1000;
	h->limit = s->max_speed_kmh;
	return true;
}

/* outside_place / place_unknown, and remote_without_plan when at home
 * instead of the office on a day without an approved remote plan. */
static void evaluate_place(const struct presence_input *in, const struct presence_settings *s,
			   struct presence_verdict *out)
{
	double d;
	int allowed;
	if (!in->expected.known) {
		add(out, PF_PLACE_UNKNOWN);
		return;
	}
	bool inside = presence_place_inside(&in->expected, in->lat, in->lon, in->accuracy_m, s->accuracy_limit_m, &d,
					    &allowed);
	out->distance_m = d;
	out->allowed_m = allowed;
	if (inside)
		return;
	struct presence_flag_hit *h = add(out, PF_OUTSIDE_PLACE);
	h->distance_m = d;
	h->allowed_m = allowed;
	h->accuracy_m = in->accuracy_m;
	double hd;
	int hallowed;
	if (in->mode == PRESENCE_WFO && !in->has_plan &&
	    presence_place_inside(&in->home, in->lat, in->lon, in->accuracy_m, s->accuracy_limit_m, &hd, &hallowed)) {
		h = add(out, PF_REMOTE_WITHOUT_PLAN);
		h->distance_m = d;
		h->home_distance_m = hd;
	}
}

void presence_evaluate(const struct presence_input *in, const struct presence_settings *s,
		       struct presence_verdict *out)
{
	memset(out, 0, sizeof *out);
	out->distance_m = -1;
	evaluate_place(in, s, out);
	if (in->accuracy_m > s->accuracy_limit_m) {
		struct presence_flag_hit *h = add(out, PF_POOR_ACCURACY);
		h->accuracy_m = in->accuracy_m;
		h->limit = s->accuracy_limit_m;
	}
	if (in->client_ms >= 0) {
		int64_t skew_ms = in->client_ms - in->server_ms;
		int64_t skew_s = skew_ms / 1000;
		if (skew_s > s->clock_skew_s || skew_s < -s->clock_skew_s) {
			struct presence_flag_hit *h = add(out, PF_CLOCK_SKEW);
			h->skew_s = skew_s;
			h->limit = s->clock_skew_s;
		}
	}
	if (in->day && !in->day->working)
		add(out, PF_NOT_WORKING_DAY);
	int from, until;
	if (!presence_in_window(in->day, in->minute, &from, &until)) {
		struct presence_flag_hit *h = add(out, PF_OUTSIDE_WINDOW);
		h->minute = in->minute;
		h->window_from = from;
		h->window_until = until;
	}
}

/* "HH:MM", with "+1 " in front for minutes of the next day (overnight). */
static void clock_text(int minute, char out[16])
{
	char hm[6];
	int m = minute;
	while (m < 0)
		m += 1440;
	date_format_hhmm(m % 1440, hm);
	snprintf(out, 16, "%s%s", minute >= 1440 ? "+1 " : "", hm);
}

void presence_flag_message(const struct presence_flag_hit *h, bool id, char *out, size_t cap)
{
	char a[16], b[16], c[16];
	switch (h->flag) {
	case PF_OUTSIDE_PLACE:
		snprintf(out, cap, id ? "Lokasi %.0f m dari tempat yang ditetapkan (batas %d m, akurasi %.0f m)."
				      : "Location %.0f m from the expected place (allowed %d m, accuracy %.0f m).",
			 h->distance_m, h->allowed_m, h->accuracy_m);
		return;
	case PF_POOR_ACCURACY:
		snprintf(out, cap, id ? "Akurasi lokasi %.0f m, lebih buruk dari batas %d m."
				      : "Location accuracy %.0f m is worse than the limit of %d m.",
			 h->accuracy_m, h->limit);
		return;
	case PF_IMPOSSIBLE_TRAVEL:
		snprintf(out, cap, id ? "Perpindahan %.0f m dalam %lld detik (%.0f km/jam, batas %d km/jam)."
				      : "Moved %.0f m in %lld s (%.0f km/h, limit %d km/h).",
			 h->distance_m, (long long)h->seconds, h->speed_kmh, h->limit);
		return;
	case PF_UNREGISTERED_DEVICE:
		snprintf(out, cap, "%s", id ? "Perangkat ini bukan perangkat terdaftar pegawai."
					    : "This is not the employee's registered device.");
		return;
	case PF_SHARED_DEVICE:
		snprintf(out, cap, id ? "Perangkat ini dipakai juga oleh %d pegawai lain hari ini."
				      : "This device was also used by %d other employee(s) today.",
			 h->others);
		return;
	case PF_CLOCK_SKEW:
		snprintf(out, cap, id ? "Jam perangkat berbeda %lld detik dari jam server (batas %d detik)."
				      : "The device clock differs by %lld s from the server (limit %d s).",
			 (long long)h->skew_s, h->limit);
		return;
	case PF_REMOTE_WITHOUT_PLAN:
		snprintf(out, cap, id ? "Tercatat di domisili (%.0f m) dan %.0f m dari kantor tanpa rencana kerja jarak jauh yang disetujui."
				      : "Recorded at home (%.0f m) and %.0f m from the office without an approved remote-work plan.",
			 h->home_distance_m, h->distance_m);
		return;
	case PF_OUTSIDE_WINDOW:
		clock_text(h->minute, a);
		clock_text(h->window_from, b);
		clock_text(h->window_until, c);
		snprintf(out, cap, id ? "Dicatat pukul %s, di luar rentang %s-%s." : "Recorded at %s, outside %s-%s.", a, b,
			 c);
		return;
	case PF_NOT_WORKING_DAY:
		snprintf(out, cap, "%s", id ? "Hari ini bukan hari kerja menurut jadwal." : "Not a working day by the schedule.");
		return;
	case PF_PLACE_UNKNOWN:
		snprintf(out, cap, "%s", id ? "Lokasi tempat kerja yang ditetapkan belum terdaftar; jarak tidak diperiksa."
					    : "The expected place has no recorded location; distance not checked.");
		return;
	case PF_COUNT:
		break;
	}
	snprintf(out, cap, "%s", presence_flag_name(h->flag));
}
