-- 010: the TPP (tambahan penghasilan pegawai) deduction scheme as data
-- (RULES.md section 5: Pergub DKI 19/2020 as amended; the current Pergub is
-- unconfirmed, so every number is a setting admin_bkd can change through
-- PUT /api/v1/tpp/scheme, audited "tpp.scheme"). One row: the scheme in force.
--   cap      = closed working days x cap_minutes_per_day
--   deducted = late + early minutes + unexcused days x unexcused_day_minutes
--   cut      = sedang_cut_pct while a sedang sanction (potongan_tpp_25_*) runs
-- (domain/tpp.h computes it).
CREATE TABLE tpp_setting (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  cap_minutes_per_day INTEGER NOT NULL DEFAULT 300 CHECK (cap_minutes_per_day BETWEEN 1 AND 1440),
  unexcused_day_minutes INTEGER NOT NULL DEFAULT 300 CHECK (unexcused_day_minutes BETWEEN 0 AND 1440),
  sedang_cut_pct INTEGER NOT NULL DEFAULT 25 CHECK (sedang_cut_pct BETWEEN 0 AND 100),
  valid_from TEXT NOT NULL DEFAULT '2020-03-01',
  legal_reference TEXT NOT NULL DEFAULT 'Pergub DKI 19/2020 sebagaimana telah diubah (naskah terkini belum dikonfirmasi)',
  updated_by TEXT NOT NULL DEFAULT 'system',
  updated_at TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO tpp_setting (id) VALUES (1);
