/* privacy.h (api) - privacy and the team board (issue 5 items 7 and 8):
 * the right of access, the retention run, the live team board. */
#ifndef FLEKSI_API_PRIVACY_H
#define FLEKSI_API_PRIVACY_H

#include "api/api.h"

/* GET /api/v1/me/data (mydata.c) */
void api_me_data(struct api_call *call);
/* POST /api/v1/privacy/reduce (privacy.c): run the retention now (admin_bkd) */
void api_privacy_reduce(struct api_call *call);
/* GET /api/v1/team/today (team_today.c) */
void api_team_today(struct api_call *call);

#endif
