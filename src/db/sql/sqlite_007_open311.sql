-- 007: citizens' reports (Open311 GeoReport v2), their handling with
-- deadlines and escalations, and the keys of the apps that file them
-- (SQLite dialect). Times are Unix seconds (UTC); the API shows them in WIB.
-- Contact data of reporters is private: only handlers of the report see it.

-- An app allowed to POST reports. Only the keyed hash of the key is kept.
CREATE TABLE open311_key (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT
) STRICT;

-- The settings (one row): deadlines in working days, the DKI CRM limit for
-- a kelurahan in hours, abuse limits, and small-number suppression.
CREATE TABLE report_setting (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  verify_days INTEGER NOT NULL DEFAULT 3 CHECK (verify_days BETWEEN 1 AND 30),
  answer_days INTEGER NOT NULL DEFAULT 5 CHECK (answer_days BETWEEN 1 AND 60),
  kelurahan_hours INTEGER NOT NULL DEFAULT 24 CHECK (kelurahan_hours BETWEEN 1 AND 240),
  rate_per_hour INTEGER NOT NULL DEFAULT 20 CHECK (rate_per_hour BETWEEN 1 AND 100000),
  min_group INTEGER NOT NULL DEFAULT 5 CHECK (min_group BETWEEN 1 AND 100),
  updated_by TEXT NOT NULL DEFAULT 'system',
  updated_at TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO report_setting (id) VALUES (1);

CREATE TABLE report (
  id INTEGER PRIMARY KEY,
  token TEXT NOT NULL UNIQUE,
  service_code TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('received','verified','forwarded','in_progress','answered','closed',
                                         'postponed','not_our_authority')),
  status_notes TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  moderation TEXT NOT NULL CHECK (moderation IN ('none','pending','approved','rejected')),
  public_description TEXT NOT NULL DEFAULT '',
  unit_id INTEGER NOT NULL REFERENCES unit(id),
  routed_by TEXT NOT NULL CHECK (routed_by IN ('chosen','nearest','default','forwarded')),
  handler_account_id INTEGER REFERENCES account(id),
  lat REAL,
  lon REAL,
  address TEXT NOT NULL DEFAULT '',
  address_id TEXT NOT NULL DEFAULT '',
  zipcode TEXT NOT NULL DEFAULT '',
  media_url TEXT NOT NULL DEFAULT '',
  attributes TEXT NOT NULL DEFAULT '{}',
  seen_at TEXT NOT NULL DEFAULT '',
  contact_email TEXT NOT NULL DEFAULT '',
  contact_phone TEXT NOT NULL DEFAULT '',
  contact_name TEXT NOT NULL DEFAULT '',
  client_device_id TEXT NOT NULL DEFAULT '',
  client_account_id TEXT NOT NULL DEFAULT '',
  key_id INTEGER REFERENCES open311_key(id),
  requested_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  verify_due INTEGER NOT NULL,
  answer_due INTEGER NOT NULL,
  verified_at INTEGER,
  answered_at INTEGER
) STRICT;
CREATE INDEX report_requested ON report(requested_at);
CREATE INDEX report_unit ON report(unit_id, status);
CREATE INDEX report_status ON report(status, answer_due);

-- History of a report; public rows are shown on the tracking page.
CREATE TABLE report_event (
  id INTEGER PRIMARY KEY,
  report_id INTEGER NOT NULL REFERENCES report(id),
  action TEXT NOT NULL,
  from_status TEXT NOT NULL,
  to_status TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  public INTEGER NOT NULL DEFAULT 0,
  actor TEXT NOT NULL,
  at INTEGER NOT NULL
) STRICT;
CREATE INDEX report_event_report ON report_event(report_id, id);

-- A missed deadline, escalated to the head of the report's body; it counts
-- in that head's compliance (the answerable-supervisor issue reads it).
CREATE TABLE report_escalation (
  id INTEGER PRIMARY KEY,
  report_id INTEGER NOT NULL REFERENCES report(id),
  kind TEXT NOT NULL CHECK (kind IN ('verify','answer')),
  unit_id INTEGER NOT NULL REFERENCES unit(id),
  head_account_id INTEGER REFERENCES account(id),
  due_at INTEGER NOT NULL,
  escalated_at INTEGER NOT NULL,
  UNIQUE (report_id, kind)
) STRICT;
CREATE INDEX report_escalation_head ON report_escalation(head_account_id);
