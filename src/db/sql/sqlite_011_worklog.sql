-- 011: reachability confirmations on remote days, in-app notifications,
-- performance targets (SKP) and daily work reports (issue 5 items 3-4).
-- "reports" already names citizens' Open311 reports (007): these are the
-- worklog / daily reports. Dates are the local "YYYY-MM-DD" of the working
-- day; *_ms columns are Unix milliseconds; *_at columns ISO 8601 UTC text.

-- One row of settings, changed by admin_bkd (PUT /api/v1/worklog/settings).
-- confirmations_per_day: presence confirmations asked on each remote day
-- (0 turns them off; issue 5 item 3 asks at least 2 by default);
-- answer_window_min: minutes to answer one; report_days: which days need a
-- daily report ('remote': days with an approved wfh/wfa/kantor_lain plan,
-- 'working': every working day); report_deadline_min: local minute of the
-- date by which the report is on time (1439 = 23:59 the same day; up to
-- 2879 = 23:59 the next day); review_working_days: working days the direct
-- supervisor has to accept or return a report. secret: 32 random bytes
-- (hex) from which each employee's confirmation times of a date are derived
-- (store/confirmations.h): unpredictable to employees, the same on every
-- node and in the close, and never sent out.
CREATE TABLE worklog_setting (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  confirmations_per_day INTEGER NOT NULL DEFAULT 2 CHECK (confirmations_per_day BETWEEN 0 AND 8),
  answer_window_min INTEGER NOT NULL DEFAULT 15 CHECK (answer_window_min BETWEEN 1 AND 240),
  report_days TEXT NOT NULL DEFAULT 'remote' CHECK (report_days IN ('remote','working')),
  report_deadline_min INTEGER NOT NULL DEFAULT 1439 CHECK (report_deadline_min BETWEEN 0 AND 2879),
  review_working_days INTEGER NOT NULL DEFAULT 3 CHECK (review_working_days BETWEEN 1 AND 30),
  secret TEXT NOT NULL,
  updated_by TEXT NOT NULL DEFAULT 'system',
  updated_at TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO worklog_setting (id, secret) VALUES (1, lower(hex(randomblob(32))));

-- A confirmation once asked (materialised when its time has come and the
-- employee's app asks, or by the upkeep pass). seq is its place in the day
-- (0-based). due_min: local minute of the date; due_ms/expires_ms: Unix ms.
-- status: pending (not answered; missed once expires_ms passed), answered
-- (within the window), late (answered after it: counted as missed, with
-- late_min). The answer's location is kept like a check-in's (UU 27/2022:
-- taken at the presence event only) with the distance to the plan's place.
-- The close counts a due confirmation without an on-time answer as missed
-- whether or not a row exists.
CREATE TABLE presence_confirmation (
  id INTEGER PRIMARY KEY,
  employee_id INTEGER NOT NULL REFERENCES employee(id),
  date TEXT NOT NULL,
  seq INTEGER NOT NULL CHECK (seq BETWEEN 0 AND 7),
  plan_id INTEGER,
  due_min INTEGER NOT NULL,
  due_ms INTEGER NOT NULL,
  expires_ms INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','answered','late')),
  answered_ms INTEGER,
  late_min INTEGER NOT NULL DEFAULT 0,
  lat REAL,
  lon REAL,
  accuracy_m REAL,
  distance_m REAL,
  created_at TEXT NOT NULL,
  UNIQUE (employee_id, date, seq)
) STRICT;
CREATE INDEX presence_confirmation_date ON presence_confirmation(date, status);

-- In-app notifications (web push can later deliver the same rows). kind:
-- confirmation (a confirmation is due), report_returned, report_accepted.
-- ref_id: the confirmation or report. read_at NULL = unread.
CREATE TABLE notification (
  id INTEGER PRIMARY KEY,
  employee_id INTEGER NOT NULL REFERENCES employee(id),
  kind TEXT NOT NULL CHECK (kind IN ('confirmation','report_returned','report_accepted')),
  ref_id INTEGER NOT NULL,
  message_id TEXT NOT NULL,
  message_en TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_ms INTEGER,
  read_at TEXT
) STRICT;
CREATE INDEX notification_employee ON notification(employee_id, id);
CREATE UNIQUE INDEX notification_once ON notification(employee_id, kind, ref_id);

-- Performance targets (SKP items) of an employee for a year. code is the
-- employee's own short label (unique per year among live rows); deleted
-- rows stay for the reports that name them.
CREATE TABLE skp_target (
  id INTEGER PRIMARY KEY,
  employee_id INTEGER NOT NULL REFERENCES employee(id),
  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  code TEXT NOT NULL,
  title TEXT NOT NULL,
  indicator TEXT NOT NULL DEFAULT '',
  target_qty REAL,
  target_unit TEXT NOT NULL DEFAULT '',
  deleted INTEGER NOT NULL DEFAULT 0,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX skp_target_code ON skp_target(employee_id, year, code) WHERE deleted = 0;

-- A day's report. first_submitted_ms decides lateness (a report returned
-- and sent again keeps it); review_due: the last date the direct supervisor
-- may accept or return it (review_working_days after the first submission).
CREATE TABLE daily_report (
  id INTEGER PRIMARY KEY,
  employee_id INTEGER NOT NULL REFERENCES employee(id),
  unit_id INTEGER NOT NULL,
  date TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('submitted','accepted','returned')),
  total_min INTEGER NOT NULL,
  first_submitted_ms INTEGER NOT NULL,
  submitted_at TEXT NOT NULL,
  late INTEGER NOT NULL DEFAULT 0,
  late_min INTEGER NOT NULL DEFAULT 0,
  review_due TEXT NOT NULL,
  reviewed_by TEXT,
  reviewed_at TEXT,
  return_reason TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (employee_id, date)
) STRICT;
CREATE INDEX daily_report_date ON daily_report(date);
CREATE INDEX daily_report_review ON daily_report(status, review_due);

CREATE TABLE daily_report_activity (
  report_id INTEGER NOT NULL REFERENCES daily_report(id),
  position INTEGER NOT NULL,
  target_id INTEGER NOT NULL REFERENCES skp_target(id),
  description TEXT NOT NULL,
  minutes INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
  output TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (report_id, position)
) STRICT;

-- The close keeps the number of missed confirmations beside the violation
-- bits, so a change of the count alone is seen as a change of the day.
ALTER TABLE day_account ADD COLUMN confirmations_missed INTEGER NOT NULL DEFAULT 0;
