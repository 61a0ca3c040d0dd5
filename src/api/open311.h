/* open311.h (api) - Open311 GeoReport v2 at /open311/v2/ and the JSON API
 * of citizens' reports (handlers' queue, public tracking and figures). */
#ifndef FLEKSI_API_OPEN311_H
#define FLEKSI_API_OPEN311_H

#include "api/api.h"

/* open311.c: /open311/v2/{file}, /open311/v2/services/{file},
 * /open311/v2/requests/{file}, /open311/v2/tokens/{file}. */
void api_open311_root_get(struct api_call *call);
void api_open311_requests_post(struct api_call *call);
void api_open311_service_get(struct api_call *call);
void api_open311_request_get(struct api_call *call);
void api_open311_token_get(struct api_call *call);

/* reports.c */
void api_reports_queue(struct api_call *call);
void api_report_get(struct api_call *call);
void api_report_status(struct api_call *call);
void api_report_forward(struct api_call *call);
void api_report_moderate(struct api_call *call);
void api_report_violation(struct api_call *call);   /* POST /api/v1/reports/{id}/violation */
void api_reports_settings_get(struct api_call *call);
void api_reports_settings_put(struct api_call *call);
void api_open311_keys_list(struct api_call *call);
void api_open311_key_create(struct api_call *call);
void api_open311_key_revoke(struct api_call *call);
void api_public_form(struct api_call *call);
void api_public_units(struct api_call *call);
void api_public_track(struct api_call *call);
void api_public_stats(struct api_call *call);
void api_public_stats_csv(struct api_call *call);
void api_public_stats_fields(struct api_call *call);

/* The web form's key: derived from the server's token key (so every node
 * agrees) and registered on first use. key gets 40 hex characters. */
int api_open311_web_key(struct api_call *call, char key[41]);

#endif
