/* checkins.h (api) - handlers of the presence area; see routes.c. */
#ifndef FLEKSI_API_CHECKINS_H
#define FLEKSI_API_CHECKINS_H

#include "api/api.h"

void api_checkin_create(struct api_call *call);
void api_checkins_list(struct api_call *call);
void api_device_request(struct api_call *call);
void api_devices_list(struct api_call *call);
void api_device_approve(struct api_call *call);
void api_device_refuse(struct api_call *call);

#endif
