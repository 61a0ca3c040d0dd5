/* report_stats.h (store, private) - the public figures that come from
 * closed days and discipline cases, for reports_stats_each(). */
#ifndef FLEKSI_STORE_REPORT_STATS_H
#define FLEKSI_STORE_REPORT_STATS_H

#include "store/reports.h"

/* Fill the coverage, violation and sanction figures of st for the body
 * whose unit path is `path`, over dates [from, to] ("YYYY-MM-DD"), and mark
 * what min_group withholds. Runs in the caller's transaction. */
int report_stats_days(struct db_conn *c, const char *path, const char *from, const char *to, int min_group,
		      struct report_body_stats *st);

#endif
