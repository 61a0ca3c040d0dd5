-- 004: working calendars, work schedules, plans, unit staffing rules and
-- rotations. Dates are "YYYY-MM-DD" text in the unit's local time; times of
-- day are minutes after local midnight.
-- Sections are owned by one area each; keep to your own section.

-- ==== calendar: calendars, work schedules, feeds ====
ALTER TABLE unit ADD COLUMN time_zone TEXT CHECK (time_zone IN ('WIB','WITA','WIT'));

-- ==== plans: plans, staffing rules, office-only days, stand-ins, preferences ====

-- ==== rotation: proposals ====
