/* tally.h (store) - each employee's counted days of a year, kept current.
 *
 * The ladder counts a year's unexcused days and late/early minutes up to a
 * date. Summing the year's day accounts on every processed date reads ever
 * more rows as the year goes on; the tally instead holds the sums up to a
 * watermark (discipline_tally_state.upto) and processing a date folds in
 * only the rows after it. When the close rewrites a date the tally already
 * holds, it corrects the tally by the difference in the same transaction,
 * so the tally never disagrees with the day accounts it sums. */
#ifndef FLEKSI_STORE_TALLY_H
#define FLEKSI_STORE_TALLY_H

#include "db/db.h"

#include <stdbool.h>
#include <stdint.h>

/* One rewritten account's change in what the ladder counts. */
struct tally_change {
	int64_t employee_id;
	int unexcused;    /* new minus old: -1, 0 or 1 */
	long minutes;     /* new minus old late + early minutes */
};

/* The close rewrote date day (inside its write transaction): correct the
 * tallies of day's year if they already hold day. */
int tally_correct(struct db_conn *c, int32_t day, const struct tally_change *ch, long n);

/* Fold the counted rows up to day into the tallies of day's year (inside
 * a write transaction). *holds_day is false when the tallies already hold
 * later dates (an earlier date processed again): they cannot say what the
 * sums were on day, and the caller sums the day accounts itself. */
int tally_advance(struct db_conn *c, int32_t day, bool *holds_day);

/* Each nonzero tally of year: cb returns nonzero to stop. */
int tally_each(struct db_conn *c, int year, int (*cb)(void *ctx, int64_t employee_id, int unexcused, long minutes),
	       void *ctx);

#endif
