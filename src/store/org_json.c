/* org_json.c - canonical text of units and employees for audit digests.
 *
 * Fixed field order and escaping, so the same object always yields the same
 * bytes (and so the same digest) on every node and engine. */
#include "store/org_store.h"
#include "store/org_canon.h"
#include "core/mem.h"

#include <stdio.h>

static void put_str(struct buf *b, const char *key, const char *v, bool last)
{
	buf_printf(b, "\"%s\":", key);
	if (!v) {
		buf_puts(b, "null");
	} else {
		buf_json_string(b, v);
	}
	buf_puts(b, last ? "}" : ",");
}

char *org_canon_unit(const struct org_unit *u)
{
	struct buf b;
	buf_init(&b, 1 << 16);
	buf_puts(&b, "{");
	put_str(&b, "code", u->code, false);
	put_str(&b, "name", u->name, false);
	put_str(&b, "parent_code", u->parent_code && *u->parent_code ? u->parent_code : NULL, false);
	put_str(&b, "kind", u->kind, false);
	buf_printf(&b, "\"face_to_face\":%s,", u->face_to_face ? "true" : "false");
	if (u->has_location)
		buf_printf(&b, "\"lat\":%.7f,\"lon\":%.7f,", u->lat, u->lon);
	buf_printf(&b, "\"radius_m\":%d,", u->radius_m);
	put_str(&b, "service_open", u->service_open, false);
	put_str(&b, "service_close", u->service_close, true);
	return buf_steal(&b);
}

char *org_canon_employee(const struct org_employee *e)
{
	struct buf b;
	buf_init(&b, 1 << 16);
	buf_puts(&b, "{");
	put_str(&b, "nip", e->nip, false);
	put_str(&b, "name", e->name, false);
	put_str(&b, "employment", e->employment, false);
	put_str(&b, "golongan", e->golongan, false);
	put_str(&b, "position_name", e->position_name, false);
	put_str(&b, "position_kind", e->position_kind, false);
	put_str(&b, "unit_code", e->unit_code, false);
	put_str(&b, "supervisor_nip", e->supervisor_nip && *e->supervisor_nip ? e->supervisor_nip : NULL, false);
	put_str(&b, "appointed_on", e->appointed_on, false);
	if (e->has_domicile)
		buf_printf(&b, "\"domicile_lat\":%.7f,\"domicile_lon\":%.7f,", e->domicile_lat, e->domicile_lon);
	buf_printf(&b, "\"active\":%s}", e->active ? "true" : "false");
	return buf_steal(&b);
}
