-- 004: working calendars, work schedules, plans, unit staffing rules and
-- rotations. Dates are "YYYY-MM-DD" text in the unit's local time; times of
-- day are minutes after local midnight.
-- Sections are owned by one area each; keep to your own section.

-- ==== calendar: calendars, work schedules, feeds ====
ALTER TABLE unit ADD COLUMN time_zone TEXT CHECK (time_zone IN ('WIB','WITA','WIT'));

-- Amendments of a year's days off (the shipped lists of 2025 and 2026 live
-- in src/domain/calendar.c). The latest version of a year wins.
CREATE TABLE calendar_version (
  id INTEGER PRIMARY KEY,
  year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 9999),
  version INTEGER NOT NULL CHECK (version >= 1),
  legal_reference TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (year, version)
) STRICT;

CREATE TABLE calendar_day_off (
  version_id INTEGER NOT NULL REFERENCES calendar_version(id),
  date TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('libur_nasional','cuti_bersama')),
  PRIMARY KEY (version_id, date)
) STRICT;

-- Work schedules. Regular: idx = ISO weekday 1..7; shift: idx = cycle
-- position 0..n-1 from cycle_anchor. start_min < 0 = day off; end_min may
-- pass 1440 (overnight). Seasonal schedules have valid_from/valid_until and
-- replace regular schedules on their dates.
CREATE TABLE work_schedule (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('regular','shift')),
  flex_early_min INTEGER NOT NULL DEFAULT 0 CHECK (flex_early_min BETWEEN 0 AND 240),
  flex_late_min INTEGER NOT NULL DEFAULT 0 CHECK (flex_late_min BETWEEN 0 AND 240),
  flex_face_to_face INTEGER NOT NULL DEFAULT 0,
  early_arrival_before INTEGER,
  cycle_anchor TEXT,
  valid_from TEXT,
  valid_until TEXT,
  legal_reference TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE work_schedule_day (
  schedule_id INTEGER NOT NULL REFERENCES work_schedule(id),
  idx INTEGER NOT NULL CHECK (idx BETWEEN 0 AND 27),
  start_min INTEGER NOT NULL,
  end_min INTEGER NOT NULL,
  break_min INTEGER NOT NULL DEFAULT 0,
  earliest_end_min INTEGER,
  label TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (schedule_id, idx)
) STRICT;

INSERT INTO work_schedule (id, code, name, kind, legal_reference) VALUES
  (1, 'dki_default', 'Jam kerja Pemprov DKI Jakarta', 'regular', 'Perpres 21/2023; jam kerja Pemprov DKI Jakarta');
INSERT INTO work_schedule (id, code, name, kind, flex_early_min, flex_late_min, early_arrival_before, valid_from, valid_until, legal_reference) VALUES
  (2, 'dki_ramadan_2025', 'Jam kerja bulan Ramadan 1446 H', 'regular', 60, 60, 420, '2025-03-01', '2025-03-30', 'Perpres 21/2023; SE Gubernur DKI Jakarta (Ramadan 1446 H)'),
  (3, 'dki_ramadan_2026', 'Jam kerja bulan Ramadan 1447 H', 'regular', 60, 60, 420, '2026-02-19', '2026-03-19', 'SE Gubernur DKI Jakarta 1/SE/2026');
INSERT INTO work_schedule (id, code, name, kind, cycle_anchor, legal_reference) VALUES
  (4, 'shift_3x8', 'Tiga sif (pagi, siang, malam)', 'shift', '2025-01-06', 'Kepgub 755/2024 jo. Kepgub 812/2025'),
  (5, 'shift_24x48', 'Jaga 24 jam, libur 48 jam (pemadam kebakaran)', 'shift', '2025-01-06', 'Kepgub 755/2024 jo. Kepgub 812/2025');
INSERT INTO work_schedule_day (schedule_id, idx, start_min, end_min, break_min, earliest_end_min, label) VALUES
  (1, 1, 450, 960, 60, NULL, ''), (1, 2, 450, 960, 60, NULL, ''), (1, 3, 450, 960, 60, NULL, ''),
  (1, 4, 450, 960, 60, NULL, ''), (1, 5, 450, 990, 90, NULL, ''), (1, 6, -1, -1, 0, NULL, ''), (1, 7, -1, -1, 0, NULL, ''),
  (2, 1, 480, 900, 30, 840, ''), (2, 2, 480, 900, 30, 840, ''), (2, 3, 480, 900, 30, 840, ''),
  (2, 4, 480, 900, 30, 840, ''), (2, 5, 480, 930, 60, NULL, ''), (2, 6, -1, -1, 0, NULL, ''), (2, 7, -1, -1, 0, NULL, ''),
  (3, 1, 480, 900, 30, 840, ''), (3, 2, 480, 900, 30, 840, ''), (3, 3, 480, 900, 30, 840, ''),
  (3, 4, 480, 900, 30, 840, ''), (3, 5, 480, 930, 60, NULL, ''), (3, 6, -1, -1, 0, NULL, ''), (3, 7, -1, -1, 0, NULL, ''),
  (4, 0, 420, 840, 0, NULL, 'pagi'), (4, 1, 420, 840, 0, NULL, 'pagi'), (4, 2, 840, 1260, 0, NULL, 'siang'),
  (4, 3, 840, 1260, 0, NULL, 'siang'), (4, 4, 1260, 1860, 0, NULL, 'malam'), (4, 5, 1260, 1860, 0, NULL, 'malam'),
  (4, 6, -1, -1, 0, NULL, 'libur'), (4, 7, -1, -1, 0, NULL, 'libur'),
  (5, 0, 480, 1920, 0, NULL, 'jaga'), (5, 1, -1, -1, 0, NULL, 'libur'), (5, 2, -1, -1, 0, NULL, 'libur');

-- Which schedule a unit (and its subtree) or one employee follows, dated.
-- A unit's shift schedule staggers its staff over the cycle.
CREATE TABLE schedule_assignment (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER REFERENCES unit(id),
  employee_id INTEGER REFERENCES employee(id),
  schedule_id INTEGER NOT NULL REFERENCES work_schedule(id),
  shift_offset INTEGER NOT NULL DEFAULT 0,
  valid_from TEXT NOT NULL,
  valid_until TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  CHECK ((unit_id IS NULL) <> (employee_id IS NULL)),
  CHECK (valid_until IS NULL OR valid_from <= valid_until)
) STRICT;
CREATE INDEX schedule_assignment_unit ON schedule_assignment(unit_id, valid_from);
CREATE INDEX schedule_assignment_employee ON schedule_assignment(employee_id, valid_from);

-- Approved flexible starts (time flexibility): the end moves so the day's net
-- minutes are met.
CREATE TABLE flexible_start (
  id INTEGER PRIMARY KEY,
  employee_id INTEGER NOT NULL REFERENCES employee(id),
  start_min INTEGER NOT NULL CHECK (start_min BETWEEN 0 AND 1439),
  valid_from TEXT NOT NULL,
  valid_until TEXT NOT NULL,
  approved_by TEXT NOT NULL,
  approved_at TEXT NOT NULL,
  CHECK (valid_from <= valid_until)
) STRICT;
CREATE INDEX flexible_start_employee ON flexible_start(employee_id, valid_from);

-- Private iCalendar feeds: a keyed hash for lookup and the secret sealed
-- under a server key kept outside the database.
CREATE TABLE feed_secret (
  employee_id INTEGER PRIMARY KEY REFERENCES employee(id),
  secret_hash TEXT NOT NULL UNIQUE,
  secret_box TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

-- ==== plans: plans, staffing rules, office-only days, stand-ins, preferences ====
-- A plan: one employee, one date, one location-flexible mode. At most one
-- requested or approved plan per employee and date (refused and cancelled
-- ones stay as history). kantor_lain names another government office by its
-- unit (location_unit_id) or a place; wfa a place (address + lat/lon).
CREATE TABLE plan (
  id INTEGER PRIMARY KEY,
  employee_id INTEGER NOT NULL REFERENCES employee(id),
  unit_id INTEGER NOT NULL REFERENCES unit(id),
  date TEXT NOT NULL,
  mode TEXT NOT NULL CHECK (mode IN ('wfh','wfa','kantor_lain')),
  status TEXT NOT NULL CHECK (status IN ('requested','approved','refused','cancelled')),
  location_address TEXT,
  location_lat REAL,
  location_lon REAL,
  location_unit_id INTEGER REFERENCES unit(id),
  refusal_reason TEXT,
  rotation_id INTEGER,
  requested_by TEXT NOT NULL,
  requested_at TEXT NOT NULL,
  decided_by TEXT,
  decided_at TEXT
) STRICT;
CREATE UNIQUE INDEX plan_one_per_day ON plan(employee_id, date) WHERE status IN ('requested','approved');
CREATE INDEX plan_unit_date ON plan(unit_id, date);
CREATE INDEX plan_date_status ON plan(date, status);

-- Minimums set by the unit head: people on site per working day, and per
-- service hour for face-to-face units (0: none).
CREATE TABLE unit_staffing (
  unit_id INTEGER PRIMARY KEY REFERENCES unit(id),
  min_on_site INTEGER NOT NULL CHECK (min_on_site BETWEEN 0 AND 100000),
  min_on_site_per_hour INTEGER NOT NULL CHECK (min_on_site_per_hour BETWEEN 0 AND 100000),
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

-- Days the head marked office-only; they apply to the unit and every unit below it.
CREATE TABLE unit_office_day (
  unit_id INTEGER NOT NULL REFERENCES unit(id),
  date TEXT NOT NULL,
  reason TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (unit_id, date)
) STRICT;
CREATE INDEX unit_office_day_date ON unit_office_day(date);

-- A stand-in may approve and refuse plans for an approver over a period.
CREATE TABLE plan_stand_in (
  id INTEGER PRIMARY KEY,
  approver_id INTEGER NOT NULL REFERENCES employee(id),
  stand_in_id INTEGER NOT NULL REFERENCES employee(id),
  valid_from TEXT NOT NULL,
  valid_until TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  CHECK (valid_from <= valid_until),
  CHECK (approver_id <> stand_in_id)
) STRICT;
CREATE INDEX plan_stand_in_stand_in ON plan_stand_in(stand_in_id, valid_until);
CREATE INDEX plan_stand_in_approver ON plan_stand_in(approver_id, valid_until);

-- Stated preferences for the rotation: weekdays bit (1 << (ISO weekday - 1)),
-- and at most max_days_month flexible days a month (NULL: no limit asked).
CREATE TABLE plan_preference (
  employee_id INTEGER PRIMARY KEY REFERENCES employee(id),
  weekdays INTEGER NOT NULL CHECK (weekdays BETWEEN 0 AND 127),
  max_days_month INTEGER CHECK (max_days_month BETWEEN 0 AND 31),
  updated_at TEXT NOT NULL
) STRICT;

-- ==== rotation: proposals ====
-- A proposed rotation of one unit over a period (at most 62 days); the head
-- edits a draft and publishes it once: its days then become approved plans.
CREATE TABLE rotation (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES unit(id),
  date_from TEXT NOT NULL,
  date_to TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft','published')),
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  published_by TEXT,
  published_at TEXT,
  covered_days INTEGER NOT NULL DEFAULT 0,
  gap_days INTEGER NOT NULL DEFAULT 0,
  fairness_spread INTEGER NOT NULL DEFAULT 0,
  CHECK (date_from <= date_to)
) STRICT;
CREATE INDEX rotation_unit ON rotation(unit_id, date_from);

-- Who the rotation puts away on which day, and how.
CREATE TABLE rotation_day (
  rotation_id INTEGER NOT NULL REFERENCES rotation(id),
  employee_id INTEGER NOT NULL REFERENCES employee(id),
  date TEXT NOT NULL,
  mode TEXT NOT NULL CHECK (mode IN ('wfh','wfa','kantor_lain')),
  PRIMARY KEY (rotation_id, employee_id, date)
) STRICT;

-- Where coverage is not met (hour -1: the day's minimum, else the service
-- hour starting at that hour of the day), as of the last proposal or edit.
CREATE TABLE rotation_gap (
  rotation_id INTEGER NOT NULL REFERENCES rotation(id),
  date TEXT NOT NULL,
  hour INTEGER NOT NULL CHECK (hour BETWEEN -1 AND 23),
  minimum INTEGER NOT NULL,
  on_site INTEGER NOT NULL,
  short_by INTEGER NOT NULL,
  PRIMARY KEY (rotation_id, date, hour)
) STRICT;
