-- 002: who may work flexibly - policy versions, duty profile corrections,
-- exceptions, exclusions and a minimal discipline case (SQLite dialect).
-- Dates are "YYYY-MM-DD" text; every row is kept (history), so a decision
-- for a past date can be reproduced.
CREATE TABLE policy_version (
  id INTEGER PRIMARY KEY,
  instansi_id INTEGER NOT NULL REFERENCES instansi(id),
  version INTEGER NOT NULL,
  valid_from TEXT NOT NULL,
  flexible_work_enabled INTEGER NOT NULL,
  modes TEXT NOT NULL,
  max_remote_days_per_week INTEGER NOT NULL CHECK (max_remote_days_per_week BETWEEN 0 AND 5),
  max_share_away_pct INTEGER NOT NULL CHECK (max_share_away_pct BETWEEN 0 AND 100),
  new_employee_months INTEGER NOT NULL CHECK (new_employee_months BETWEEN 0 AND 120),
  legal_reference TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (instansi_id, version)
) STRICT;
CREATE INDEX policy_version_from ON policy_version(instansi_id, valid_from);

CREATE TABLE policy_unit_override (
  policy_id INTEGER NOT NULL REFERENCES policy_version(id),
  unit_id INTEGER NOT NULL REFERENCES unit(id),
  flexible_work_enabled INTEGER,
  modes TEXT,
  max_remote_days_per_week INTEGER CHECK (max_remote_days_per_week BETWEEN 0 AND 5),
  max_share_away_pct INTEGER CHECK (max_share_away_pct BETWEEN 0 AND 100),
  PRIMARY KEY (policy_id, unit_id)
) STRICT;

-- criteria and time_kinds are bit sets (domain/jobclass.h); revert = 1 goes
-- back to the profile derived from the classification table.
CREATE TABLE position_profile (
  id INTEGER PRIMARY KEY,
  position_id INTEGER NOT NULL REFERENCES position(id),
  unit_id INTEGER REFERENCES unit(id),
  valid_from TEXT NOT NULL,
  revert INTEGER NOT NULL DEFAULT 0,
  family TEXT NOT NULL,
  criteria INTEGER NOT NULL,
  time_kinds INTEGER NOT NULL,
  reason TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX position_profile_position ON position_profile(position_id);

CREATE TABLE eligibility_exception (
  id INTEGER PRIMARY KEY,
  employee_id INTEGER NOT NULL REFERENCES employee(id),
  decision TEXT NOT NULL CHECK (decision IN ('grant','refuse')),
  justification TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  valid_until TEXT NOT NULL,
  decided_by TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  revoked_by TEXT,
  revoked_at TEXT
) STRICT;
CREATE INDEX eligibility_exception_employee ON eligibility_exception(employee_id);

CREATE TABLE employee_exclusion (
  id INTEGER PRIMARY KEY,
  employee_id INTEGER NOT NULL REFERENCES employee(id),
  group_code TEXT NOT NULL CHECK (group_code IN ('tni','polri','perwakilan_luar_negeri')),
  valid_from TEXT NOT NULL,
  valid_until TEXT,
  reason TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX employee_exclusion_employee ON employee_exclusion(employee_id);

-- Minimal; the discipline issue extends it.
CREATE TABLE discipline_case (
  id INTEGER PRIMARY KEY,
  employee_id INTEGER NOT NULL REFERENCES employee(id),
  status TEXT NOT NULL CHECK (status IN ('open','closed')),
  opened_on TEXT NOT NULL,
  closed_on TEXT,
  sanction_code TEXT,
  sanction_from TEXT,
  sanction_until TEXT,
  note TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX discipline_case_employee ON discipline_case(employee_id);
