/* calendar.h (api) - handlers of this area; see routes.c.
 * calendar.c: calendars, schedules, flexible starts; feeds.c: iCalendar feeds. */
#ifndef FLEKSI_API_CALENDAR_H
#define FLEKSI_API_CALENDAR_H

#include "api/api.h"

/* calendar.c */
void api_calendar_get(struct api_call *call);          /* GET /api/v1/calendar?year= */
void api_calendar_amend(struct api_call *call);        /* POST /api/v1/calendar/{year} */
void api_calendar_versions(struct api_call *call);     /* GET /api/v1/calendar/{year}/versions */
void api_schedules_list(struct api_call *call);        /* GET /api/v1/schedules */
void api_employee_schedule(struct api_call *call);     /* GET /api/v1/employees/{nip}/schedule */
void api_unit_schedule_put(struct api_call *call);     /* PUT /api/v1/units/{code}/schedule */
void api_employee_schedule_put(struct api_call *call); /* PUT /api/v1/employees/{nip}/schedule */
void api_flexible_start(struct api_call *call);        /* POST /api/v1/employees/{nip}/flexible-start */
void api_unit_time_zone_get(struct api_call *call);    /* GET /api/v1/units/{code}/time-zone */
void api_unit_time_zone_put(struct api_call *call);    /* PUT /api/v1/units/{code}/time-zone */
/* feeds.c */
void api_feed_ics(struct api_call *call);              /* GET /api/v1/feeds/{secret}.ics (public) */
void api_feed_get(struct api_call *call);              /* GET /api/v1/employees/{nip}/feed */
void api_feed_rotate(struct api_call *call);           /* POST /api/v1/employees/{nip}/feed/rotate */

#endif
