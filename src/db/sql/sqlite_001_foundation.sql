-- 001: the organisation, accounts, sessions and the audit log (SQLite dialect).
CREATE TABLE instansi (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  time_zone TEXT NOT NULL CHECK (time_zone IN ('WIB','WITA','WIT')),
  flexible_work INTEGER NOT NULL DEFAULT 1
) STRICT;

INSERT INTO instansi (id, code, name, time_zone) VALUES (1, 'DKI', 'Pemerintah Provinsi DKI Jakarta', 'WIB');

CREATE TABLE unit (
  id INTEGER PRIMARY KEY,
  instansi_id INTEGER NOT NULL REFERENCES instansi(id),
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  parent_id INTEGER REFERENCES unit(id),
  path TEXT NOT NULL,
  kind TEXT NOT NULL,
  face_to_face INTEGER NOT NULL DEFAULT 0,
  lat REAL,
  lon REAL,
  radius_m INTEGER NOT NULL DEFAULT 100,
  service_open TEXT,
  service_close TEXT
) STRICT;
CREATE INDEX unit_parent ON unit(parent_id);
CREATE INDEX unit_path ON unit(path);

CREATE TABLE position (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  jenjang TEXT,
  UNIQUE (name, kind)
) STRICT;

CREATE TABLE employee (
  id INTEGER PRIMARY KEY,
  nip TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  name_lower TEXT NOT NULL,
  employment TEXT NOT NULL CHECK (employment IN ('pns','cpns','pppk')),
  golongan TEXT NOT NULL,
  unit_id INTEGER NOT NULL REFERENCES unit(id),
  position_id INTEGER NOT NULL REFERENCES position(id),
  supervisor_id INTEGER REFERENCES employee(id),
  appointed_on TEXT NOT NULL,
  domicile_lat REAL,
  domicile_lon REAL,
  active INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX employee_unit ON employee(unit_id, name_lower);
CREATE INDEX employee_supervisor ON employee(supervisor_id);
CREATE INDEX employee_name ON employee(name_lower);

CREATE TABLE account (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  employee_id INTEGER UNIQUE REFERENCES employee(id),
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE account_role (
  account_id INTEGER NOT NULL REFERENCES account(id),
  role TEXT NOT NULL CHECK (role IN ('pegawai','kepala_opd','admin_bkd','inspektorat')),
  unit_id INTEGER REFERENCES unit(id),
  PRIMARY KEY (account_id, role)
) STRICT;

CREATE TABLE session (
  token_hash TEXT PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES account(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;
CREATE INDEX session_expiry ON session(expires_at);

CREATE TABLE rate_limit (
  bucket TEXT PRIMARY KEY,
  window_start INTEGER NOT NULL,
  hits INTEGER NOT NULL
) STRICT;

CREATE TABLE audit_entry (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  object TEXT NOT NULL,
  before_digest TEXT,
  after_digest TEXT,
  prev_hash TEXT NOT NULL,
  leaf_hash TEXT NOT NULL
) STRICT;

CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  size INTEGER NOT NULL,
  last_hash TEXT NOT NULL
) STRICT;
INSERT INTO audit_head (id, size, last_hash) VALUES (1, 0, '');

CREATE TABLE audit_checkpoint (
  size INTEGER PRIMARY KEY,
  root TEXT NOT NULL,
  at TEXT NOT NULL,
  signature TEXT NOT NULL,
  public_key TEXT NOT NULL
) STRICT;
