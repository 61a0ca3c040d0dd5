/* documents.h (api) - the documents offices file (issue 6 items 5-6):
 *
 *   GET /api/v1/recap?unit=CODE&month=YYYY-MM&format=xlsx|csv
 *       the monthly attendance recap of the unit subtree as a download
 *   GET /api/v1/tpp?unit=CODE&month=YYYY-MM
 *       the TPP deductions of the month per employee, JSON
 *   GET /api/v1/tpp/scheme          the scheme in force (any signed-in user)
 *   PUT /api/v1/tpp/scheme          change it (admin_bkd), audited
 *
 * Who may read a unit's recap and TPP: admin_bkd and inspektorat (any
 * unit); kepala_opd for units in their body; a supervisor (atasan) for
 * their own unit's subtree, seeing only the people below them and
 * themself. Everyone else: 403. */
#ifndef FLEKSI_API_DOCUMENTS_H
#define FLEKSI_API_DOCUMENTS_H

#include "api/api.h"

void api_recap_get(struct api_call *call);
void api_tpp_get(struct api_call *call);
void api_tpp_scheme_get(struct api_call *call);
void api_tpp_scheme_put(struct api_call *call);

/* Shared by recap.c and tpp.c: check ?unit (resolved by the router,
 * TARGET_UNIT_QUERY) and ?month and the caller's right to the unit; fill
 * the scope and the month. Replies and returns false when refused. */
struct scope;
bool documents_request(struct api_call *call, struct scope *sc, int *year, int *month);

#endif
