-- 008: leave and duty travel, the closed account of each employee's working
-- day, the violations a closed day yields (evidence for the sanction ladder
-- and cases of issue 6), and the record of which dates are closed.
-- Dates are the local "YYYY-MM-DD" of the working day (TEXT everywhere).
-- On PostgreSQL day_account and day_violation are partitioned by month
-- (pg_008_attendance.sql); here they are plain tables.

-- Leave and duty travel. kind decides the day status (store/leaves.h):
-- cuti_tahunan, cuti_besar, cuti_melahirkan, cuti_alasan_penting,
-- cuti_luar_tanggungan -> cuti; cuti_sakit -> sakit; dinas_luar ->
-- dinas_luar; tugas_belajar -> tugas_belajar. Cancelled rows stay as history.
CREATE TABLE employee_leave (
  id INTEGER PRIMARY KEY,
  employee_id INTEGER NOT NULL REFERENCES employee(id),
  kind TEXT NOT NULL CHECK (kind IN ('cuti_tahunan','cuti_besar','cuti_sakit','cuti_melahirkan',
    'cuti_alasan_penting','cuti_luar_tanggungan','dinas_luar','tugas_belajar')),
  date_from TEXT NOT NULL,
  date_to TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('active','cancelled')),
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  cancelled_by TEXT,
  cancelled_at TEXT,
  CHECK (date_from <= date_to)
) STRICT;
CREATE INDEX employee_leave_employee ON employee_leave(employee_id, date_from);
CREATE INDEX employee_leave_active ON employee_leave(date_from, date_to) WHERE status = 'active';

-- Derived data written only by the close: employee_id carries no foreign
-- key (employees are never deleted; a per-row check would double the cost
-- of closing a date).
-- One row per employee and closed date. violations and flags are bit masks
-- (domain/day.h enum day_violation; domain/presence.h enum presence_flag of
-- the day's records, or-ed). version counts changes: closing again with
-- the same outcome leaves the row untouched.
CREATE TABLE day_account (
  employee_id INTEGER NOT NULL,
  date TEXT NOT NULL,
  unit_id INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('hadir','wfh','wfa','kantor_lain','cuti','sakit','dinas_luar',
    'tugas_belajar','libur','alpa')),
  late_min INTEGER NOT NULL DEFAULT 0,
  early_min INTEGER NOT NULL DEFAULT 0,
  net_min INTEGER NOT NULL DEFAULT 0,
  violations INTEGER NOT NULL DEFAULT 0,
  flags INTEGER NOT NULL DEFAULT 0,
  plan_mode TEXT NOT NULL DEFAULT '',
  plan_id INTEGER,
  leave_id INTEGER,
  schedule_code TEXT NOT NULL DEFAULT '',
  start_min INTEGER,
  end_min INTEGER,
  in_min INTEGER,
  out_min INTEGER,
  closed_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (date, employee_id)
) STRICT;
-- Keyed by date first: closing a date appends to the key in order;
-- one person's days are found through the second index.
CREATE INDEX day_account_employee ON day_account(employee_id, date);

-- The violations of a closed day, one row per kind, replaced whenever the
-- day is closed again. minutes: late / early minutes; count: missed
-- confirmations; evidence: a small JSON object with the numbers behind it
-- (times, distances, check-in ids, the plan).
CREATE TABLE day_violation (
  employee_id INTEGER NOT NULL,
  date TEXT NOT NULL,
  unit_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  minutes INTEGER NOT NULL DEFAULT 0,
  count INTEGER NOT NULL DEFAULT 0,
  evidence TEXT NOT NULL DEFAULT '{}',
  PRIMARY KEY (date, employee_id, kind)
) STRICT;
CREATE INDEX day_violation_employee ON day_violation(employee_id, date);

-- Which dates are closed, by whom and with which calendar: a calendar
-- amendment that changes the working status of a closed date is detected
-- by comparing working_day with the calendar now (store/attendance.h).
CREATE TABLE day_close (
  date TEXT PRIMARY KEY,
  working_day INTEGER NOT NULL,
  employees INTEGER NOT NULL,
  changed INTEGER NOT NULL,
  closes INTEGER NOT NULL DEFAULT 1,
  closed_by TEXT NOT NULL,
  closed_at TEXT NOT NULL,
  duration_ms INTEGER NOT NULL
) STRICT;

-- When the server closes days by itself: date D is closed once the local
-- time (WIB, the latest zone) passes D+1 at close_at_min, late enough for
-- the out records of overnight shifts (up to 3 h after a shift ending the
-- next morning); dates up to lookback_days back that are still open are
-- closed too (a node that was down catches up).
CREATE TABLE attendance_setting (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  close_at_min INTEGER NOT NULL DEFAULT 660 CHECK (close_at_min BETWEEN 0 AND 1439),
  lookback_days INTEGER NOT NULL DEFAULT 3 CHECK (lookback_days BETWEEN 0 AND 60),
  enabled INTEGER NOT NULL DEFAULT 1
) STRICT;
INSERT INTO attendance_setting (id) VALUES (1);
