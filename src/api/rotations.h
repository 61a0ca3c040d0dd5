/* rotations.h (api) - handlers of this area; see routes.c. */
#ifndef FLEKSI_API_ROTATIONS_H
#define FLEKSI_API_ROTATIONS_H

#include "api/api.h"

#endif
