/* calendar.h (api) - handlers of this area; see routes.c. */
#ifndef FLEKSI_API_CALENDAR_H
#define FLEKSI_API_CALENDAR_H

#include "api/api.h"

#endif
