/* plans.h (api) - handlers of this area; see routes.c. */
#ifndef FLEKSI_API_PLANS_H
#define FLEKSI_API_PLANS_H

#include "api/api.h"

/* plans.c: plans, the roster, staffing, office-only days, stand-ins, preferences */
void api_plan_create(struct api_call *call);
void api_plans_list(struct api_call *call);
void api_plan_get(struct api_call *call);
void api_plan_approve(struct api_call *call);
void api_plan_refuse(struct api_call *call);
void api_plan_cancel(struct api_call *call);
void api_unit_roster(struct api_call *call);
void api_unit_staffing_get(struct api_call *call);
void api_unit_staffing_put(struct api_call *call);
void api_office_days_list(struct api_call *call);
void api_office_day_put(struct api_call *call);
void api_office_day_delete(struct api_call *call);
void api_stand_in_create(struct api_call *call);
void api_stand_ins_list(struct api_call *call);
void api_plan_preferences_get(struct api_call *call);
void api_plan_preferences_put(struct api_call *call);

#endif
