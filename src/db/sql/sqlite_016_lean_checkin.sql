-- 016: less work per check-in (issue 5 item 9). The table is rebuilt:
-- * SQLite evaluates a CHECK "IN (list)" of three or more values through a
--   temporary b-tree built for every row (two per check-in: time_zone and
--   mode); the checks are now spelled out with OR (as day_account's in 015).
-- * Check-ins arrive in no particular order of employee or device, so every
--   index keyed by either costs a page of WAL per record (4 KiB written and
--   synced for ~150 bytes of data), and one led by employee_id puts today's
--   record next to that person's earlier ones: at a random place of an index
--   that grows all year (20 days of history already took a quarter off the
--   check-in rate). Now the unique key, the two-records-a-day rule, leads
--   with the day: today's part of it stays small and in memory, whatever
--   the history. Reads of one employee probe it day by day (the travel
--   check's last week, a listing's range: store/checkins.c). The partial
--   indexes are led by work_date or rarely written.
CREATE TABLE checkin_new (
  id INTEGER PRIMARY KEY,
  employee_id INTEGER NOT NULL REFERENCES employee(id),
  unit_id INTEGER NOT NULL REFERENCES unit(id),
  work_date TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind = 'in' OR kind = 'out'),
  server_ms INTEGER NOT NULL,
  local_minute INTEGER NOT NULL,
  time_zone TEXT NOT NULL CHECK (time_zone = 'WIB' OR time_zone = 'WITA' OR time_zone = 'WIT'),
  client_ms INTEGER,
  mode TEXT NOT NULL CHECK (mode = 'wfo' OR mode = 'wfh' OR mode = 'wfa' OR mode = 'kantor_lain'),
  plan_id INTEGER,
  lat REAL,
  lon REAL,
  accuracy_m REAL,
  distance_m REAL,
  allowed_m INTEGER,
  verdict TEXT NOT NULL CHECK (verdict = 'ok' OR verdict = 'flagged'),
  flag_mask INTEGER NOT NULL DEFAULT 0,
  flags TEXT NOT NULL DEFAULT '[]',
  device_id TEXT NOT NULL,
  location_reduced_at TEXT,
  legal_hold INTEGER NOT NULL DEFAULT 0,
  UNIQUE (work_date, employee_id, kind)
) STRICT;
INSERT INTO checkin_new SELECT * FROM checkin ORDER BY id;
DROP TABLE checkin;
ALTER TABLE checkin_new RENAME TO checkin;
-- Kept from 012: the rows still holding a reading, for the privacy reduction.
CREATE INDEX checkin_raw_location ON checkin(work_date) WHERE location_reduced_at IS NULL;
-- Gone: checkin(work_date, unit_id). Within a date unit_id is random and
-- nothing binds it (team boards scope by the unit path through employee);
-- a date's records are read through the unique key.
-- Was checkin(device_id, work_date), read only for "one device used by two
-- employees on a day". Another employee's use of a device is either a
-- record flagged unregistered_device (bit 3, mask 8: indexed here, rare) or
-- a use of a device registered to them (a device row, found through
-- device_by_device_id; device rows are never deleted).
CREATE INDEX checkin_unregistered_device ON checkin(device_id, work_date) WHERE (flag_mask & 8) <> 0;
CREATE INDEX device_by_device_id ON device(device_id);
-- Dropped with the old table: checkin(employee_id, server_ms) and
-- UNIQUE (employee_id, work_date, kind).
