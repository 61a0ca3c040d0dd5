/* checkins.h (api) - handlers of this area; see routes.c. */
#ifndef FLEKSI_API_CHECKINS_H
#define FLEKSI_API_CHECKINS_H

#include "api/api.h"

#endif
