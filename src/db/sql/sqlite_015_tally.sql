-- 015: the discipline tally. Each employee's unexcused days and late/early
-- minutes of a year, kept current as dates are processed, so processing a
-- date reads that date's rows instead of the whole year's (issue 6 item 8).
-- discipline_tally_state.upto says which dates the tallies hold: every
-- counted day_account row of the year up to and including it (no row: zero).
-- The close corrects a tally when it rewrites a date the tally already holds.
CREATE TABLE discipline_tally (
  employee_id INTEGER NOT NULL,
  year INTEGER NOT NULL,
  unexcused INTEGER NOT NULL DEFAULT 0,
  minutes INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (employee_id, year)
) STRICT, WITHOUT ROWID;
CREATE TABLE discipline_tally_state (
  year INTEGER PRIMARY KEY,
  upto TEXT NOT NULL
) STRICT;
-- The absence cases of a year, read on every processed date.
CREATE INDEX discipline_case_absence ON discipline_case(year, employee_id) WHERE kind = 'absence';
-- The failures an inaction case answers for (several join one case).
CREATE INDEX case_escalation_inaction ON case_escalation(inaction_case_id);
-- No index on (employee_id, date): it puts each new date's entry next to
-- every employee's earlier ones, so each close rewrote every page of it
-- (and the WAL behind it) and slowed as history grew: 0.45 s on the first
-- day of a month, 1.1 s on its last, and growing all year. Reads of one
-- employee's days seek the primary key (date, employee_id) date by date
-- instead, naming the closed dates (accounts exist for those only):
-- date IN (SELECT date FROM day_close ...). A year is a few hundred seeks.
-- The same for day_violation (a citizen report's violation may fall on a
-- date not closed yet: reads add report_violation's dates).
-- (PostgreSQL keeps the index: its tables are partitioned by month, 014.)
-- Both tables also become WITHOUT ROWID: the primary key is the table, one
-- b-tree to write per row instead of two (the close of a month of the
-- 62,000-employee demo: 14.4 s with rowid tables, 13.2 s without).
-- The status check is spelled out with OR: SQLite evaluates "IN (list)" in
-- a CHECK through a temporary table built for every row, which made
-- inserting a day's 62,000 accounts take 230 ms instead of 145 ms.
CREATE TABLE day_account_new (
  employee_id INTEGER NOT NULL,
  date TEXT NOT NULL,
  unit_id INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status = 'hadir' OR status = 'wfh' OR status = 'wfa' OR status = 'kantor_lain'
    OR status = 'cuti' OR status = 'sakit' OR status = 'dinas_luar' OR status = 'tugas_belajar'
    OR status = 'libur' OR status = 'alpa'),
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
  confirmations_missed INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (date, employee_id)
) STRICT, WITHOUT ROWID;
INSERT INTO day_account_new (employee_id, date, unit_id, status, late_min, early_min, net_min, violations, flags,
  plan_mode, plan_id, leave_id, schedule_code, start_min, end_min, in_min, out_min, closed_at, version,
  confirmations_missed)
SELECT employee_id, date, unit_id, status, late_min, early_min, net_min, violations, flags, plan_mode, plan_id,
  leave_id, schedule_code, start_min, end_min, in_min, out_min, closed_at, version, confirmations_missed
FROM day_account;
DROP TABLE day_account;
ALTER TABLE day_account_new RENAME TO day_account;
CREATE TABLE day_violation_new (
  employee_id INTEGER NOT NULL,
  date TEXT NOT NULL,
  unit_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  minutes INTEGER NOT NULL DEFAULT 0,
  count INTEGER NOT NULL DEFAULT 0,
  evidence TEXT NOT NULL DEFAULT '{}',
  PRIMARY KEY (date, employee_id, kind)
) STRICT, WITHOUT ROWID;
INSERT INTO day_violation_new (employee_id, date, unit_id, kind, minutes, count, evidence)
SELECT employee_id, date, unit_id, kind, minutes, count, evidence FROM day_violation;
DROP TABLE day_violation;
ALTER TABLE day_violation_new RENAME TO day_violation;
