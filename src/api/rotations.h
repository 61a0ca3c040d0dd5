/* rotations.h (api) - handlers of this area; see routes.c. */
#ifndef FLEKSI_API_ROTATIONS_H
#define FLEKSI_API_ROTATIONS_H

#include "api/api.h"

/* rotations.c: POST /api/v1/rotations, GET /api/v1/rotations[/{id}],
 * PATCH /api/v1/rotations/{id}, POST /api/v1/rotations/{id}/publish. */
void api_rotation_create(struct api_call *call);
void api_rotation_list(struct api_call *call);
void api_rotation_get(struct api_call *call);
void api_rotation_patch(struct api_call *call);
void api_rotation_publish(struct api_call *call);
/* The unit code of rotation id (the router's TARGET_ROTATION). */
int api_rotation_unit_code(struct db_conn *c, const char *id_text, char code[33]);

#endif
