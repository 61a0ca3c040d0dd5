-- 015: the discipline tally (see sqlite_015_tally.sql for the why).
CREATE TABLE discipline_tally (
  employee_id BIGINT NOT NULL,
  year INTEGER NOT NULL,
  unexcused INTEGER NOT NULL DEFAULT 0,
  minutes BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (employee_id, year)
);
CREATE TABLE discipline_tally_state (
  year INTEGER PRIMARY KEY,
  upto TEXT COLLATE "C" NOT NULL
);
CREATE INDEX discipline_case_absence ON discipline_case(year, employee_id) WHERE kind = 'absence';
CREATE INDEX case_escalation_inaction ON case_escalation(inaction_case_id);
