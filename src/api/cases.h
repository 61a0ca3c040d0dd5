/* cases.h (api) - handlers of the cases area: the yearly discipline,
 * disciplinary cases and their steps, and compliance; see cases.c. */
#ifndef FLEKSI_API_CASES_H
#define FLEKSI_API_CASES_H

#include "api/api.h"

void api_discipline_get(struct api_call *call);
void api_cases_list(struct api_call *call);
void api_case_get(struct api_call *call);
void api_case_step(struct api_call *call);
void api_compliance(struct api_call *call);
void api_case_letter(struct api_call *call);

#endif
