-- 012: privacy (UU 27/2022). The retention job looks for records whose raw
-- location is still held; without this index it would walk every reduced
-- record of the past on each daily run. Rows leave the index once reduced,
-- so it holds about raw_location_days of records (plus those on hold).
CREATE INDEX checkin_raw_location ON checkin(work_date) WHERE location_reduced_at IS NULL;
