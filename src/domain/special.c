/* special.c - the life of a special-circumstances request (see special.h). */
#include "domain/special.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const status_names[SPECIAL_STATUS_N] = {"draft", "submitted", "changes_requested", "approved",
							    "refused"};
static const char *const action_names[SPECIAL_ACTION_N] = {"revise", "add_evidence", "submit", "approve", "refuse",
							    "request_changes"};

const char *special_status_name(enum special_status s)
{
	return (unsigned)s < SPECIAL_STATUS_N ? status_names[s] : "unknown";
}

int special_status_parse(const char *name)
{
	for (int i = 0; name && i < SPECIAL_STATUS_N; i++)
		if (!strcmp(status_names[i], name))
			return i;
	return -1;
}

const char *special_action_name(enum special_action a)
{
	return (unsigned)a < SPECIAL_ACTION_N ? action_names[a] : "unknown";
}

static bool editable(enum special_status s)
{
	return s == SPECIAL_DRAFT || s == SPECIAL_CHANGES_REQUESTED;
}

/* The employee's own actions: only on their request, only while editable. */
static enum special_problem next_filing(enum special_action a, const struct special_facts *f, enum special_status *to)
{
	if (!f->actor_is_owner)
		return SPECIAL_NOT_OWNER;
	if (!editable(f->status))
		return SPECIAL_BAD_STATE;
	if (a == SPECIAL_ADD_EVIDENCE && f->evidence_files >= SPECIAL_EVIDENCE_MAX_FILES)
		return SPECIAL_TOO_MANY_FILES;
	if (a == SPECIAL_SUBMIT && f->outputs < 1)
		return SPECIAL_NO_PLAN;
	if (a == SPECIAL_SUBMIT && f->evidence_files < 1)
		return SPECIAL_NO_EVIDENCE;
	*to = a == SPECIAL_SUBMIT ? SPECIAL_SUBMITTED : f->status;
	return SPECIAL_OK;
}

/* The head's decisions: never on one's own request, only once submitted. */
static enum special_problem next_decision(enum special_action a, const struct special_facts *f, enum special_status *to)
{
	if (f->actor_is_owner)
		return SPECIAL_OWN_REQUEST;
	if (f->status != SPECIAL_SUBMITTED)
		return SPECIAL_BAD_STATE;
	if (a != SPECIAL_APPROVE && !f->has_note)
		return SPECIAL_NOTE_NEEDED;
	*to = a == SPECIAL_APPROVE ? SPECIAL_APPROVED : a == SPECIAL_REFUSE ? SPECIAL_REFUSED : SPECIAL_CHANGES_REQUESTED;
	return SPECIAL_OK;
}

enum special_problem special_next(enum special_action a, const struct special_facts *f, enum special_status *to)
{
	if ((unsigned)f->status >= SPECIAL_STATUS_N || (unsigned)a >= SPECIAL_ACTION_N)
		return SPECIAL_BAD_STATE;
	if (a <= SPECIAL_SUBMIT)
		return next_filing(a, f, to);
	return next_decision(a, f, to);
}

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
static long days_from_civil(const char *s)
{
	long y = atol(s), m = atol(s + 5), d = atol(s + 8);
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

long special_days_between(const char *a, const char *b)
{
	return days_from_civil(b) - days_from_civil(a);
}

bool special_period_ok(const char *from, const char *to, const char *today, struct special_period_problem *p)
{
	if (strcmp(to, from) < 0) {
		*p = (struct special_period_problem){"period_to", "period_to must not be before period_from.",
						     "period_to tidak boleh sebelum period_from."};
		return false;
	}
	if (strcmp(to, today) < 0) {
		*p = (struct special_period_problem){"period_to", "The period has already ended.",
						     "Periode sudah berakhir."};
		return false;
	}
	if (special_days_between(from, to) >= SPECIAL_PERIOD_MAX_DAYS) {
		*p = (struct special_period_problem){"period_to", "A period may last one year at most.",
						     "Periode paling lama satu tahun."};
		return false;
	}
	return true;
}

/* The declared type without parameters ("image/png; x=y" -> "image/png"). */
static bool declared_is(const char *declared, const char *type)
{
	size_t n = strlen(type);
	if (strncasecmp(declared, type, n))
		return false;
	return declared[n] == '\0' || declared[n] == ';' || declared[n] == ' ';
}

const char *special_evidence_type(const char *declared, const unsigned char *data, size_t len)
{
	static const struct {
		const char *type;
		const char *magic;
		size_t n;
	} kinds[] = {
		{"application/pdf", "%PDF-", 5},
		{"image/png", "\x89PNG\r\n\x1a\n", 8},
		{"image/jpeg", "\xff\xd8\xff", 3},
	};
	if (!declared || !data)
		return NULL;
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (declared_is(declared, kinds[i].type))
			return len > kinds[i].n && !memcmp(data, kinds[i].magic, kinds[i].n) ? kinds[i].type : NULL;
	return NULL;
}
