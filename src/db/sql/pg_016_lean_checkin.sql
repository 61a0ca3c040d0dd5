-- 016 (PostgreSQL dialect; on the partitioned checkin of 014 each index is
-- made or dropped on every partition): less work per check-in (issue 5
-- item 9). Check-ins arrive in no particular order of employee or device, so
-- every index keyed by either costs a page per record, and one led by
-- employee_id puts today's record next to that person's earlier ones, at a
-- random place of an index that grows all month. The unique key, the
-- two-records-a-day rule, now leads with the day: today's part stays small
-- and cached. Reads of one employee probe it day by day (store/checkins.c).
DO $$
DECLARE n text;
BEGIN
  SELECT conname INTO n FROM pg_constraint WHERE conrelid = 'checkin'::regclass AND contype = 'u';
  EXECUTE format('ALTER TABLE checkin DROP CONSTRAINT %I', n);
END $$;
ALTER TABLE checkin ADD CONSTRAINT checkin_day_employee_kind UNIQUE (work_date, employee_id, kind);
DROP INDEX checkin_employee_time;
-- Gone: checkin(work_date, unit_id). Within a date unit_id is random and
-- nothing binds it (team boards scope by the unit path through employee);
-- a date's records are read through the unique key.
DROP INDEX checkin_date;
-- Was checkin(device_id, work_date), read only for "one device used by two
-- employees on a day". Another employee's use of a device is either a
-- record flagged unregistered_device (bit 3, mask 8: indexed here, rare) or
-- a use of a device registered to them (a device row, found through
-- device_by_device_id; device rows are never deleted).
DROP INDEX checkin_device_day;
CREATE INDEX checkin_unregistered_device ON checkin(device_id, work_date) WHERE (flag_mask & 8) <> 0;
CREATE INDEX device_by_device_id ON device(device_id);
