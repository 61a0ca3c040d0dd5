-- 014: on PostgreSQL check-ins become partitioned by month (pg_014_growth.sql).
-- One instansi's SQLite file needs no partitions; this version only keeps the
-- two dialects' migration numbers in step.
SELECT 1;
