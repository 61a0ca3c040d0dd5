-- 006: scheduled work shared by every app node. A lease names the node that
-- runs a recurring job now (it expires when the node dies, so another takes
-- over); a run row claims one period of a job exactly once across nodes.
CREATE TABLE job_lease (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  acquired_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;

CREATE TABLE job_run (
  job TEXT NOT NULL,
  period TEXT NOT NULL,
  holder TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  finished_at INTEGER,
  outcome TEXT,
  PRIMARY KEY (job, period)
) STRICT;
CREATE INDEX job_run_started ON job_run(started_at);
