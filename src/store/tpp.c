/* tpp.c (store) - the TPP scheme in force; see tpp.h. */
#include "store/tpp.h"
#include "core/clock.h"
#include "core/date.h"
#include "core/err.h"
#include "core/mem.h"
#include "store/audit.h"

#include <stdio.h>
#include <string.h>

static const char SQL_GET[] =
	"SELECT cap_minutes_per_day, unexcused_day_minutes, sedang_cut_pct, valid_from, legal_reference,"
	" updated_by, updated_at FROM tpp_setting WHERE id = 1";
static const char SQL_PUT[] =
	"UPDATE tpp_setting SET cap_minutes_per_day = $1, unexcused_day_minutes = $2, sedang_cut_pct = $3,"
	" valid_from = $4, legal_reference = $5, updated_by = $6, updated_at = $7 WHERE id = 1";

/* Point the scheme's strings at the setting's own copies. */
static void link_strings(struct tpp_setting *t)
{
	t->scheme.valid_from = t->valid_from;
	t->scheme.legal_reference = t->legal_reference;
}

int tpp_setting_get(struct db_conn *c, struct tpp_setting *out)
{
	memset(out, 0, sizeof *out);
	tpp_scheme_default(&out->scheme);
	snprintf(out->valid_from, sizeof out->valid_from, "%s", out->scheme.valid_from);
	snprintf(out->legal_reference, sizeof out->legal_reference, "%s", out->scheme.legal_reference);
	snprintf(out->updated_by, sizeof out->updated_by, "system");
	struct db_stmt *s = db_prepare(c, SQL_GET);
	if (!s)
		return ERR_DB;
	int rc = db_step(s);
	if (rc == 1) {
		out->scheme.cap_minutes_per_day = (int)db_col_int(s, 0);
		out->scheme.unexcused_day_minutes = (int)db_col_int(s, 1);
		out->scheme.sedang_cut_pct = (int)db_col_int(s, 2);
		snprintf(out->valid_from, sizeof out->valid_from, "%s", db_col_text(s, 3));
		snprintf(out->legal_reference, sizeof out->legal_reference, "%s", db_col_text(s, 4));
		snprintf(out->updated_by, sizeof out->updated_by, "%s", db_col_text(s, 5));
		snprintf(out->updated_at, sizeof out->updated_at, "%s", db_col_text(s, 6));
	}
	db_reset(s);
	link_strings(out);
	return rc < 0 ? rc : 0;
}

static void canonical(const struct tpp_setting *t, struct buf *b)
{
	buf_printf(b, "{\"cap_minutes_per_day\":%d,\"legal_reference\":", t->scheme.cap_minutes_per_day);
	buf_json_string(b, t->legal_reference);
	buf_printf(b, ",\"sedang_cut_pct\":%d,\"unexcused_day_minutes\":%d,\"valid_from\":", t->scheme.sedang_cut_pct,
		   t->scheme.unexcused_day_minutes);
	buf_json_string(b, t->valid_from);
	buf_puts(b, "}");
}

static int check(const struct tpp_setting *in, const char **field)
{
	struct { const char *name; int val, lo, hi; } ranges[] = {
		{"cap_minutes_per_day", in->scheme.cap_minutes_per_day, 1, 1440},
		{"unexcused_day_minutes", in->scheme.unexcused_day_minutes, 0, 1440},
		{"sedang_cut_pct", in->scheme.sedang_cut_pct, 0, 100}};
	for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
		if (ranges[i].val < ranges[i].lo || ranges[i].val > ranges[i].hi)
			return *field = ranges[i].name, ERR_INVALID;
	int32_t d;
	if (!date_parse(in->valid_from, &d))
		return *field = "valid_from", ERR_INVALID;
	size_t n = strlen(in->legal_reference);
	if (n < 1 || n > 300)
		return *field = "legal_reference", ERR_INVALID;
	return 0;
}

int tpp_setting_put(struct db_conn *c, struct tpp_setting *in, const char *actor, const char **field)
{
	int rc = check(in, field);
	if (rc)
		return rc;
	struct tpp_setting before;
	if ((rc = tpp_setting_get(c, &before)))
		return rc;
	struct db_stmt *s = db_prepare(c, SQL_PUT);
	if (!s)
		return ERR_DB;
	clock_now_iso(in->updated_at, sizeof in->updated_at);
	snprintf(in->updated_by, sizeof in->updated_by, "%s", actor);
	db_bind_int(s, 1, in->scheme.cap_minutes_per_day);
	db_bind_int(s, 2, in->scheme.unexcused_day_minutes);
	db_bind_int(s, 3, in->scheme.sedang_cut_pct);
	db_bind_text(s, 4, in->valid_from);
	db_bind_text(s, 5, in->legal_reference);
	db_bind_text(s, 6, actor);
	db_bind_text(s, 7, in->updated_at);
	rc = db_step(s);
	db_reset(s);
	if (rc < 0)
		return rc;
	link_strings(in);
	struct buf b, a;
	buf_init(&b, 2048), buf_init(&a, 2048);
	canonical(&before, &b);
	canonical(in, &a);
	struct audit_event ev = {actor, "tpp.scheme", "tpp_setting:1", b.data, a.data};
	rc = audit_append(c, &ev);
	buf_free(&b), buf_free(&a);
	return rc;
}
