/* org_canon.h - canonical text of org objects, for audit digests. */
#ifndef FLEKSI_STORE_ORG_CANON_H
#define FLEKSI_STORE_ORG_CANON_H

#include "domain/org.h"

/* New strings owned by the caller. */
char *org_canon_unit(const struct org_unit *u);
char *org_canon_employee(const struct org_employee *e);

#endif
