/* roles.c - the access rules (see roles.h). Pure: no I/O. */
#include "auth/roles.h"

#include <string.h>

static const struct {
	enum role role;
	const char *name;
	bool grantable;
} role_names[] = {
	{ROLE_PEGAWAI, "pegawai", true},     {ROLE_ATASAN, "atasan", false},
	{ROLE_KEPALA_OPD, "kepala_opd", true}, {ROLE_ADMIN_BKD, "admin_bkd", true},
	{ROLE_INSPEKTORAT, "inspektorat", true},
};

const char *roles_name(enum role r)
{
	for (size_t i = 0; i < sizeof role_names / sizeof role_names[0]; i++)
		if (role_names[i].role == r)
			return role_names[i].name;
	return "unknown";
}

unsigned roles_parse_grantable(const char *name)
{
	for (size_t i = 0; i < sizeof role_names / sizeof role_names[0]; i++)
		if (role_names[i].grantable && !strcmp(role_names[i].name, name))
			return role_names[i].role;
	return 0;
}

bool roles_path_within(const char *path, const char *prefix)
{
	size_t n = strlen(prefix);
	return path && n > 0 && !strncmp(path, prefix, n);
}

static bool heads_target(const struct actor *a, const struct access_target *t)
{
	return (a->roles & ROLE_KEPALA_OPD) && t && roles_path_within(t->unit_path, a->opd_path);
}

bool roles_allows(const struct actor *a, enum access need, const struct access_target *t)
{
	if (need == ACCESS_PUBLIC)
		return true;
	if (!a)
		return false;
	bool admin = a->roles & ROLE_ADMIN_BKD, reader = admin || (a->roles & ROLE_INSPEKTORAT);
	switch (need) {
	case ACCESS_PUBLIC:
	case ACCESS_SESSION:
		return true;
	case ACCESS_READ_ALL:
		return reader;
	case ACCESS_ADMIN:
		return admin;
	case ACCESS_EMPLOYEE_READ:
		return reader || (t && (t->is_self || t->is_subordinate)) || heads_target(a, t);
	case ACCESS_EMPLOYEE_WRITE:
	case ACCESS_UNIT_WRITE:
		return admin || heads_target(a, t);
	case ACCESS_UNIT_READ:
		return reader || heads_target(a, t);
	case ACCESS_UNIT_HEAD:
		return heads_target(a, t) && !t->is_self;
	case ACCESS_EMPLOYEE_ACCOUNT:
		return a->employee_id > 0;
	case ACCESS_SPECIAL_READ:
		return reader || (t && t->is_self) || heads_target(a, t);
	case ACCESS_SPECIAL_FILE:
		return t && t->is_self;
	case ACCESS_SPECIAL_DECIDE:
		return t && !t->is_self && (admin || heads_target(a, t));
	case ACCESS_PLAN_FILE:
		return admin || (t && t->is_self);
	case ACCESS_PLAN_DECIDE:
		return t && !t->is_self && (t->is_subordinate || heads_target(a, t));
	case ACCESS_ROSTER_READ:
		return reader || heads_target(a, t) || (t && t->is_subordinate);
	case ACCESS_STAND_IN_SET:
		return admin || (t && t->is_self) || heads_target(a, t);
	case ACCESS_SELF:
		return t && t->is_self;
	case ACCESS_FLEX_DECIDE:
		return t && !t->is_self && (t->is_subordinate || heads_target(a, t));
	}
	return false;
}

void roles_scope(const struct actor *a, struct scope *out)
{
	memset(out, 0, sizeof *out);
	if (!a)
		return;
	out->all = a->roles & (ROLE_ADMIN_BKD | ROLE_INSPEKTORAT);
	out->unit_path = (a->roles & ROLE_KEPALA_OPD) && a->opd_path[0] ? a->opd_path : NULL;
	out->supervisor_id = (a->roles & ROLE_ATASAN) ? a->employee_id : 0;
	out->self_id = a->employee_id;
}
