/* devices.h (store) - the employee's registered phone (table device).
 *
 * One active device per employee. The first device seen at a check-in is
 * registered automatically (trust on first use, checkins.c): 62,000 people
 * cannot each wait for a supervisor on day one, and the first use is itself
 * evidence (it is audited with its batch). Any later change is a request
 * (pending) that only the employee's direct supervisor approves or refuses;
 * approval retires the previous device. Until then check-ins from the new
 * device are stored and flagged unregistered_device. */
#ifndef FLEKSI_STORE_DEVICES_H
#define FLEKSI_STORE_DEVICES_H

#include "db/db.h"

#include <stdbool.h>
#include <stdint.h>

struct device_row {
	int64_t id;
	int64_t employee_id;
	char nip[19];
	char device_id[65];
	char status[12];      /* active, pending, refused, retired */
	char origin[12];      /* first_use, request */
	char requested_at[40];
	char decided_at[40];  /* "" when undecided */
	char decided_by[64];
	char note[256];
};

/* The employee asks to use device_id, in the caller's write transaction,
 * audited "device.request". Without an active device it becomes active at
 * once; the same device as the active one is ERR_CONFLICT (*code
 * "already_active"); otherwise a pending request (an earlier pending one is
 * refused as superseded). out gets the row. */
int device_request(struct db_conn *c, int64_t employee_id, const char *nip, const char *device_id, const char *actor,
		   struct device_row *out, const char **code);
/* The direct supervisor (approver_employee_id) approves or refuses a pending
 * request, in the caller's write transaction, audited "device.approve" /
 * "device.refuse". ERR_NOT_FOUND, ERR_FORBIDDEN (not the direct supervisor),
 * ERR_CONFLICT (*code "not_pending"). */
int device_decide(struct db_conn *c, int64_t id, int64_t approver_employee_id, bool approve, const char *note,
		  const char *actor, struct device_row *out, const char **code);
int device_get(struct db_conn *c, int64_t id, struct device_row *out);
/* The employee's devices, newest first. */
int devices_each(struct db_conn *c, int64_t employee_id, int (*cb)(void *ctx, const struct device_row *d), void *ctx);

#endif
