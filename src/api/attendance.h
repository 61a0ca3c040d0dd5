/* attendance.h (api) - handlers of the attendance area: leave and duty
 * travel, day accounts, closed dates; see routes.c. */
#ifndef FLEKSI_API_ATTENDANCE_H
#define FLEKSI_API_ATTENDANCE_H

#include "api/api.h"

void api_leave_create(struct api_call *call);
void api_leaves_list(struct api_call *call);
void api_leave_cancel(struct api_call *call);
void api_leaves_import(struct api_call *call);
void api_attendance_list(struct api_call *call);
void api_attendance_closes(struct api_call *call);

/* The body limit of POST /api/v1/leaves/import (a CSV file). */
#define API_LEAVES_CSV_MAX (4u * 1024 * 1024)

#endif
