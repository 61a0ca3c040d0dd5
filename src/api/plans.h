/* plans.h (api) - handlers of this area; see routes.c. */
#ifndef FLEKSI_API_PLANS_H
#define FLEKSI_API_PLANS_H

#include "api/api.h"

#endif
