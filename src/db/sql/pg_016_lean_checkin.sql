-- 016 (PostgreSQL dialect; on the partitioned checkin of 014 each index is
-- made or dropped on every partition): fewer index writes per check-in
-- (issue 5 item 9). Check-ins arrive in no particular order of employee or
-- device, so every index keyed by either costs a page per record. Kept: the
-- table (appended), UNIQUE (employee_id, work_date, kind) (the
-- two-records-a-day rule; also every per-employee read, the travel check's
-- "previous record" included), and indexes led by work_date, which append.
-- Dropped: checkin(employee_id, server_ms): the unique key serves the same
-- reads (records of one employee are ordered by day, then in before out).
DROP INDEX checkin_employee_time;
-- Dropped: checkin(work_date, unit_id): within a date unit_id is random;
-- nothing binds unit_id (team boards scope by the unit path through
-- employee), so a date is read through checkin_work_date.
DROP INDEX checkin_date;
CREATE INDEX checkin_work_date ON checkin(work_date);
-- Replaced: checkin(device_id, work_date), used only for "one device used by
-- two employees on a day". Another employee's use of a device is either a
-- record flagged unregistered_device (bit 3, mask 8: indexed here, rare) or
-- a use of a device registered to them (a device row, found through
-- device_by_device_id; device rows are never deleted).
DROP INDEX checkin_device_day;
CREATE INDEX checkin_unregistered_device ON checkin(device_id, work_date) WHERE (flag_mask & 8) <> 0;
CREATE INDEX device_by_device_id ON device(device_id);
