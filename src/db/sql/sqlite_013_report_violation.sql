-- 013: a citizen's report turned into a violation by its handler (issue 7
-- item 4). The violation is also written to day_violation (kind
-- "citizen_report") so the ladder and the cases see it with the day's other
-- violations; this table is its own record because day_violation rows of a
-- date are rewritten whenever the date is closed again (store/attendance.c),
-- and it keeps the one-violation-per-report-and-employee rule.
CREATE TABLE report_violation (
  id INTEGER PRIMARY KEY,
  report_id INTEGER NOT NULL REFERENCES report(id),
  employee_id INTEGER NOT NULL REFERENCES employee(id),
  unit_id INTEGER NOT NULL REFERENCES unit(id),
  date TEXT NOT NULL,
  finding TEXT NOT NULL,
  note TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (report_id, employee_id)
) STRICT;
CREATE INDEX report_violation_date ON report_violation(date, employee_id);
