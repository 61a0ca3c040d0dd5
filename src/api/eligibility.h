/* eligibility.h (api) - helpers shared by the eligibility handlers
 * (eligibility.c: decisions, summaries, export, what-if;
 * eligibility_admin.c: policies, profiles, exceptions, exclusions, cases). */
#ifndef FLEKSI_API_ELIGIBILITY_H
#define FLEKSI_API_ELIGIBILITY_H

#include "api/api.h"
#include "store/eligibility.h"

/* Today in Jakarta (WIB), "YYYY-MM-DD"; days_offset shifts it. */
void elig_api_today(char out[11], int days_offset);
/* ?date=YYYY-MM-DD or today; replies 422 and returns false when malformed. */
bool elig_api_date(struct api_call *call, char out[11]);

/* A JSON body checked against a spec that also knows arrays and objects. */
enum elig_ftype { F_STR, F_INT, F_BOOL, F_ARRAY, F_OBJECT };
struct elig_fspec {
	const char *name;
	enum elig_ftype type;
	bool required;
	int max;        /* strings: max bytes; ints: max value; arrays: max items */
	int min;        /* ints: min value; strings: min bytes */
};
/* Check o against spec; replies and returns false on the first problem.
 * what prefixes the field name in errors ("policy.", "") */
bool elig_api_check(struct api_call *call, json_t *o, const struct elig_fspec *spec, const char *what);
/* Parse the body as a JSON object (size, syntax, duplicates); NULL after replying. */
json_t *elig_api_body(struct api_call *call);
/* A modes array -> kind bits; false after replying. */
bool elig_api_kinds(struct api_call *call, json_t *arr, const char *field, unsigned *kinds);
json_t *elig_api_kinds_json(unsigned kinds);
/* Profile JSON of a duty profile (and its correction when not NULL). */
json_t *elig_api_profile_json(const struct jobclass_profile *p, const struct elig_correction *corr);
json_t *elig_api_criteria_json(unsigned criteria);
/* Parse one unit override object; replies and returns false when bad. */
bool elig_api_override(struct api_call *call, json_t *in, struct elig_override *o);
/* Overlay {"name": bool} objects (either may be NULL) on criteria / time bits. */
bool elig_api_bits(struct api_call *call, json_t *criteria, json_t *time, unsigned *cbits, unsigned *tbits);

#endif
