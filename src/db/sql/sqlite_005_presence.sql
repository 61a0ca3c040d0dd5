-- 005: presence records (check-ins) with their evidence flags, registered
-- devices and the presence settings of each instansi. Dates are the local
-- "YYYY-MM-DD" of the working day the record belongs to (an overnight
-- shift's out record belongs to the day the shift started); times are Unix
-- milliseconds (server_ms is what counts, client_ms is what the phone said).
-- Reachability checks, work reports, leave and day accounts come in later
-- migrations and reference checkin(id) / employee(id).

-- Thresholds, versioned per instansi: the row with the latest valid_from on
-- or before a date applies. Read once and cached by the server.
CREATE TABLE presence_setting (
  id INTEGER PRIMARY KEY,
  instansi_id INTEGER NOT NULL REFERENCES instansi(id),
  valid_from TEXT NOT NULL,
  wfh_radius_m INTEGER NOT NULL DEFAULT 200 CHECK (wfh_radius_m BETWEEN 10 AND 5000),
  wfa_radius_m INTEGER NOT NULL DEFAULT 200 CHECK (wfa_radius_m BETWEEN 10 AND 5000),
  accuracy_limit_m INTEGER NOT NULL DEFAULT 100 CHECK (accuracy_limit_m BETWEEN 5 AND 5000),
  max_speed_kmh INTEGER NOT NULL DEFAULT 200 CHECK (max_speed_kmh BETWEEN 10 AND 2000),
  clock_skew_s INTEGER NOT NULL DEFAULT 300 CHECK (clock_skew_s BETWEEN 5 AND 86400),
  raw_location_days INTEGER NOT NULL DEFAULT 90 CHECK (raw_location_days BETWEEN 1 AND 3650),
  legal_reference TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (instansi_id, valid_from)
) STRICT;
INSERT INTO presence_setting (instansi_id, valid_from, legal_reference, created_by, created_at)
  VALUES (1, '2000-01-01', 'Kepgub DKI 837/2023; SE BKD e-0059/SE/2023', 'system', '2026-01-01T00:00:00Z');

-- Devices (an app installation id chosen by the phone). One active device
-- per employee; the first device seen is registered automatically (trust on
-- first use); a change is requested (pending) and approved by the direct
-- supervisor, which retires the previous one.
CREATE TABLE device (
  id INTEGER PRIMARY KEY,
  employee_id INTEGER NOT NULL REFERENCES employee(id),
  device_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active','pending','refused','retired')),
  origin TEXT NOT NULL CHECK (origin IN ('first_use','request')),
  requested_at TEXT NOT NULL,
  decided_at TEXT,
  decided_by TEXT,
  note TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE UNIQUE INDEX device_one_active ON device(employee_id) WHERE status = 'active';
CREATE UNIQUE INDEX device_one_pending ON device(employee_id) WHERE status = 'pending';
CREATE INDEX device_employee ON device(employee_id, status);

-- Presence records. Never dropped: off-place, off-window or doubtful
-- records are stored with flags. lat/lon/accuracy_m are the raw reading and
-- become NULL when reduced after raw_location_days (UU 27/2022), unless
-- legal_hold is set by an open case; verdict, distance_m and flags stay.
CREATE TABLE checkin (
  id INTEGER PRIMARY KEY,
  employee_id INTEGER NOT NULL REFERENCES employee(id),
  unit_id INTEGER NOT NULL REFERENCES unit(id),
  work_date TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('in','out')),
  server_ms INTEGER NOT NULL,
  local_minute INTEGER NOT NULL,
  time_zone TEXT NOT NULL CHECK (time_zone IN ('WIB','WITA','WIT')),
  client_ms INTEGER,
  mode TEXT NOT NULL CHECK (mode IN ('wfo','wfh','wfa','kantor_lain')),
  plan_id INTEGER,
  lat REAL,
  lon REAL,
  accuracy_m REAL,
  distance_m REAL,
  allowed_m INTEGER,
  verdict TEXT NOT NULL CHECK (verdict IN ('ok','flagged')),
  flag_mask INTEGER NOT NULL DEFAULT 0,
  flags TEXT NOT NULL DEFAULT '[]',
  device_id TEXT NOT NULL,
  location_reduced_at TEXT,
  legal_hold INTEGER NOT NULL DEFAULT 0,
  UNIQUE (employee_id, work_date, kind)
) STRICT;
CREATE INDEX checkin_employee_time ON checkin(employee_id, server_ms);
CREATE INDEX checkin_device_day ON checkin(device_id, work_date);
CREATE INDEX checkin_date ON checkin(work_date, unit_id);
