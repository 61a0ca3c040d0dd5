-- 003: requests for special circumstances (Permen PANRB 4/2025 Pasal 30),
-- their planned outputs, evidence files and history (SQLite dialect).
-- Dates are "YYYY-MM-DD" text. Evidence is kept base64-encoded in TEXT
-- (the storage interface binds no blobs) with its SHA-256 and size.
CREATE TABLE special_request (
  id INTEGER PRIMARY KEY,
  employee_id INTEGER NOT NULL REFERENCES employee(id),
  status TEXT NOT NULL CHECK (status IN ('draft','submitted','changes_requested','approved','refused')),
  reason TEXT NOT NULL,
  period_from TEXT NOT NULL,
  period_to TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1,
  decision_note TEXT,
  decided_by TEXT,
  decided_at TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (period_from <= period_to)
) STRICT;
CREATE INDEX special_request_employee ON special_request(employee_id, status);
CREATE INDEX special_request_status ON special_request(status, period_from);

CREATE TABLE special_request_output (
  request_id INTEGER NOT NULL REFERENCES special_request(id),
  n INTEGER NOT NULL,
  output TEXT NOT NULL,
  due TEXT,
  PRIMARY KEY (request_id, n)
) STRICT;

CREATE TABLE special_request_evidence (
  request_id INTEGER NOT NULL REFERENCES special_request(id),
  n INTEGER NOT NULL,
  media_type TEXT NOT NULL CHECK (media_type IN ('application/pdf','image/jpeg','image/png')),
  size_bytes INTEGER NOT NULL CHECK (size_bytes BETWEEN 1 AND 2097152),
  sha256 TEXT NOT NULL,
  filename TEXT NOT NULL DEFAULT '',
  content_base64 TEXT NOT NULL,
  uploaded_by TEXT NOT NULL,
  uploaded_at TEXT NOT NULL,
  PRIMARY KEY (request_id, n)
) STRICT;

CREATE TABLE special_request_event (
  id INTEGER PRIMARY KEY,
  request_id INTEGER NOT NULL REFERENCES special_request(id),
  action TEXT NOT NULL,
  from_status TEXT NOT NULL,
  to_status TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  actor TEXT NOT NULL,
  at TEXT NOT NULL
) STRICT;
CREATE INDEX special_request_event_request ON special_request_event(request_id);
