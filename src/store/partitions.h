/* partitions.h (store) - monthly RANGE partitions on PostgreSQL.
 *
 * The tables that grow with every working day (checkin, day_account,
 * day_violation) are partitioned by month on their "YYYY-MM-DD" text date
 * column (COLLATE "C": byte order is date order), each with a DEFAULT
 * partition that only catches rows no monthly partition was made for yet.
 * The month's partition is made ahead of need (the upkeep pass makes this
 * month's and the next; the close makes the months it closes), so a burst
 * of writes never waits on the lock that attaching a partition takes.
 * Retention of a whole month is then one statement (DETACH PARTITION).
 *
 * On SQLite these calls do nothing: one instansi's data fits one file. */
#ifndef FLEKSI_STORE_PARTITIONS_H
#define FLEKSI_STORE_PARTITIONS_H

#include "db/db.h"

/* Create table's partition for month y-m (named TABLE_YYYY_MM) unless it
 * exists, in its own short write transaction under an advisory lock (two
 * nodes at once). Rows of that month already in TABLE_default move into
 * the new partition before it is attached. date_column names the
 * partition key. */
int partition_month_ensure(struct db_conn *c, const char *table, const char *date_column, int y, int m);

/* The partitions of the month of day (a day number, core/date.h) and of
 * the month after it, for every partitioned table of fleksi. */
int partitions_ensure_around(struct db_conn *c, int32_t day);

#endif
