/* worklog.h (api) - confirmations, notifications, SKP targets, daily reports
 * (issue 5 items 3-4); handlers in confirmations.c and worklog.c. */
#ifndef FLEKSI_API_WORKLOG_H
#define FLEKSI_API_WORKLOG_H

#include "api/api.h"

/* confirmations.c */
void api_confirmations_list(struct api_call *call);
void api_confirmation_answer(struct api_call *call);
void api_notifications_list(struct api_call *call);
void api_notification_read(struct api_call *call);
void api_worklog_settings_get(struct api_call *call);
void api_worklog_settings_put(struct api_call *call);
/* worklog.c */
void api_skp_targets_list(struct api_call *call);
void api_skp_target_create(struct api_call *call);
void api_skp_target_update(struct api_call *call);
void api_skp_target_delete(struct api_call *call);
void api_skp_targets_import(struct api_call *call);
void api_daily_reports_list(struct api_call *call);
void api_daily_report_get(struct api_call *call);
void api_daily_report_put(struct api_call *call);
void api_daily_report_accept(struct api_call *call);
void api_daily_report_return(struct api_call *call);

/* Resolve nip (the actor's when empty) and check the actor may read that
 * employee (the rule of GET /employees/{nip}: self, supervisor chain,
 * kepala_opd of the body, admin_bkd, inspektorat). Opens a read
 * transaction: keep_open leaves it to the caller, who reads in it and ends
 * it; otherwise it is ended here. Replies and returns false when refused
 * (the transaction ended). */
bool api_employee_target(struct api_call *call, const char *nip, struct employee_row *e, bool keep_open);

#endif
