-- 009: disciplinary cases (issue 6 items 2-5). The minimal discipline_case
-- of 002 grows here rather than getting a parallel table, so eligibility
-- (which reads discipline_case.status and the sanction columns) keeps
-- suspending on an open case or a running sanction.
-- status stays 'open' / 'closed' (what eligibility reads); stage is the
-- legal step the case is at (domain/case.h case_status names).
ALTER TABLE discipline_case ADD COLUMN kind TEXT NOT NULL DEFAULT 'absence';
ALTER TABLE discipline_case ADD COLUMN stage TEXT NOT NULL DEFAULT 'open';
ALTER TABLE discipline_case ADD COLUMN year INTEGER;
ALTER TABLE discipline_case ADD COLUMN unit_id INTEGER;
ALTER TABLE discipline_case ADD COLUMN counted_days INTEGER NOT NULL DEFAULT 0;
ALTER TABLE discipline_case ADD COLUMN proposed_code TEXT;
ALTER TABLE discipline_case ADD COLUMN salary_stop INTEGER NOT NULL DEFAULT 0;
ALTER TABLE discipline_case ADD COLUMN salary_stop_from TEXT;
-- who must act now (an employee); NULL: nobody above, admin_bkd handles it
ALTER TABLE discipline_case ADD COLUMN assignee_id INTEGER;
ALTER TABLE discipline_case ADD COLUMN escalations INTEGER NOT NULL DEFAULT 0;
-- supervisor_inaction / official_inaction: the case that was let pass
ALTER TABLE discipline_case ADD COLUMN against_case_id INTEGER;
ALTER TABLE discipline_case ADD COLUMN summons INTEGER NOT NULL DEFAULT 0;
ALTER TABLE discipline_case ADD COLUMN summoned_on TEXT;
ALTER TABLE discipline_case ADD COLUMN exam_on TEXT;
ALTER TABLE discipline_case ADD COLUMN missed_on TEXT;
ALTER TABLE discipline_case ADD COLUMN examined_on TEXT;
ALTER TABLE discipline_case ADD COLUMN on_evidence INTEGER NOT NULL DEFAULT 0;
ALTER TABLE discipline_case ADD COLUMN decided_on TEXT;
ALTER TABLE discipline_case ADD COLUMN delivered_on TEXT;
ALTER TABLE discipline_case ADD COLUMN responded_on TEXT;
-- the last day for the next step (case_deadline, restarted for the new
-- assignee after an escalation); NULL when nothing is due
ALTER TABLE discipline_case ADD COLUMN deadline TEXT;
ALTER TABLE discipline_case ADD COLUMN next_action TEXT;
CREATE INDEX discipline_case_year ON discipline_case(employee_id, year, kind);
CREATE INDEX discipline_case_deadline ON discipline_case(deadline) WHERE status = 'open';
CREATE INDEX discipline_case_assignee ON discipline_case(assignee_id);

-- Every step taken on a case, in order (the legal record).
CREATE TABLE case_step (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES discipline_case(id),
  action TEXT NOT NULL,
  date TEXT NOT NULL,
  exam_on TEXT,
  is_virtual INTEGER NOT NULL DEFAULT 0,
  note TEXT NOT NULL DEFAULT '',
  sanction_code TEXT,
  actor TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX case_step_case ON case_step(case_id, id);

-- A deadline let pass: the case moved from one supervisor to the next, and
-- an inaction case was opened against the one who let it pass.
CREATE TABLE case_escalation (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES discipline_case(id),
  date TEXT NOT NULL,
  missed_action TEXT NOT NULL,
  deadline TEXT NOT NULL,
  from_employee_id INTEGER,
  to_employee_id INTEGER,
  inaction_case_id INTEGER,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX case_escalation_case ON case_escalation(case_id);
CREATE INDEX case_escalation_date ON case_escalation(date);

-- Which closed dates the cases have been processed for (closes = the
-- day_close.closes seen), so the server catches up on dates closed by
-- `fleksi close` or re-closed.
CREATE TABLE case_processed (
  date TEXT PRIMARY KEY,
  closes INTEGER NOT NULL,
  opened INTEGER NOT NULL,
  escalated INTEGER NOT NULL,
  processed_at TEXT NOT NULL
) STRICT;

-- Settings of the ladder and the procedure (versioned rules live in
-- domain/ladder.c; these are the numbers a region may set).
CREATE TABLE discipline_setting (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  minutes_per_day INTEGER NOT NULL DEFAULT 450 CHECK (minutes_per_day BETWEEN 60 AND 1440),
  summon_within_wd INTEGER NOT NULL DEFAULT 5,
  decide_within_wd INTEGER NOT NULL DEFAULT 10,
  respond_within_days INTEGER NOT NULL DEFAULT 14
) STRICT;
INSERT INTO discipline_setting (id) VALUES (1);
